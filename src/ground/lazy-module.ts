// A package loaded the first time it is used instead of when the command starts: a command that
// never takes the path that needs it (no math to typeset, no file with a problem to locate) never
// reads, compiles or initialises it. The package is required from node_modules, so it must have a
// CommonJS entry and be a runtime dependency. The Action runs without node_modules: its bundle
// (scripts/bundles.mjs) turns each call of this function into a require that esbuild bundles, so
// the package's name must be written at the call as a string literal.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Every package loaded at first use. The CLI requires them from node_modules, so what it caches
 * depends on the versions installed there (cache/layout.ts keys caches by them), which an
 * `npm update` can change under the same Dossier version.
 */
export const LAZY_PACKAGES = ['js-yaml-5', 'sanitize-html', 'spdx-correct', 'temml', 'yaml'] as const;

/**
 * A function that returns the package `specifier`, required on its first call and kept.
 * Give its type with `typeof import('name')` (or an `import type`), so nothing loads it before then.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- require() cannot know the type: the caller names it
export function lazyModule<T>(specifier: (typeof LAZY_PACKAGES)[number]): () => T {
  let loaded: { module: T } | undefined;
  return () => {
    loaded ??= { module: require(specifier) as T };
    return loaded.module;
  };
}
