// Where the package's own files live. This module sits one level below the package root in the
// source tree (src/), the compiled tree (build/) and the bundle (build/dossier.js) alike.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SCHEMAS_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));
/** Precompiled validators, written by the build (scripts/build-validators.mjs). */
export const STANDALONE_VALIDATORS = fileURLToPath(new URL('../build/validate/standalone-validators.cjs', import.meta.url));

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
