// Where the package's own files live: the nearest folder above this module that holds a
// package.json. That holds for the source tree (src/), the compiled tree (build/), the CLI bundle
// (build/dossier.js), the Action bundle (dist/index.js) and an installed copy in node_modules.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${start}: the Dossier package is incomplete.`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
export const SCHEMAS_DIR = path.join(PACKAGE_ROOT, 'schemas') + path.sep;
export const TEMPLATES_DIR = path.join(PACKAGE_ROOT, 'templates') + path.sep;
/** Precompiled validators of the kinds, written by the build (scripts/build.mjs). */
export const STANDALONE_VALIDATORS = path.join(PACKAGE_ROOT, 'build', 'validate', 'standalone-validators.cjs');
/** dossier.yaml's precompiled validator, a file of its own: every command loads it, most need no other. */
export const STANDALONE_CONFIG_VALIDATOR = path.join(PACKAGE_ROOT, 'build', 'validate', 'standalone-config-validator.cjs');

/** Dossier's site templates, precompiled by the build (scripts/build.mjs). */
export const PRECOMPILED_TEMPLATES = path.join(PACKAGE_ROOT, 'build', 'site', 'precompiled-templates.cjs');

/** Set by the bundler (scripts/bundles.mjs): a hash of the sources and the locked packages it bundled. */
declare const DOSSIER_CODE_ID: string | undefined;

/** Which code runs: the bundle's identity, or empty when the sources run unbundled (tests). */
export function codeIdentity(): string {
  return typeof DOSSIER_CODE_ID === 'string' ? DOSSIER_CODE_ID : '';
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Each of these packages as installed beside Dossier (`name@version`, `name@?` when it is not found). */
export function installedVersions(names: readonly string[]): string[] {
  const folders = createRequire(path.join(PACKAGE_ROOT, 'package.json')).resolve.paths('') ?? [];
  return names.map((name) => {
    const found = folders.map((folder) => path.join(folder, name, 'package.json')).find((file) => existsSync(file));
    const version = found === undefined ? undefined : (JSON.parse(readFileSync(found, 'utf8')) as { version?: unknown }).version;
    return `${name}@${typeof version === 'string' ? version : '?'}`;
  });
}
