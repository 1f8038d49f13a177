import type { BuildOptions } from 'esbuild';

export declare const CLI_BUILD: BuildOptions;
export declare const ACTION_BUILDS: BuildOptions[];
/** A call `lazyModule('name')` as tsc compiles it (build/); the package's name is the second group. */
export declare const LAZY_MODULE_CALL: RegExp;
/** A hash of the sources under `root`/src and its package-lock.json: what the bundles were made from. */
export declare function codeIdentity(root?: string): string;
