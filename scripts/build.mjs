#!/usr/bin/env node
// Build step: writes the schemas' validators as standalone code, then bundles the CLI into one file
// (esbuild: one module to load instead of dozens, which is most of the CLI's start-up time).

import { writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { STANDALONE_VALIDATORS } from '../build/package-root.js';
import { standaloneValidatorsSource } from '../build/validate/validators.js';

writeFileSync(STANDALONE_VALIDATORS, standaloneValidatorsSource());

await build({
  entryPoints: ['build/cli/bin.js'],
  outfile: 'build/dossier.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Bundled CommonJS dependencies call require(); give them one.
  banner: { js: "import { createRequire as __dossierRequire } from 'node:module'; const require = __dossierRequire(import.meta.url);" },
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
