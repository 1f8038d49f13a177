#!/usr/bin/env node
// Build step after tsc: writes the schemas' validators as standalone code, bundles the CLI (esbuild:
// a few modules to load instead of dozens, most of the CLI's start-up time; each command in a chunk
// of its own, parsed only when it runs), and bundles the GitHub Action into dist/index.js, which runs
// without node_modules. Each bundle's folder gets licenses.txt, the notices of the packages in it.

import { rm, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { PRECOMPILED_TEMPLATES, STANDALONE_CONFIG_VALIDATOR, STANDALONE_VALIDATORS } from '../build/ground/package-root.js';
import { standaloneValidatorsSources } from '../build/validate/validators.js';
import { precompiledTemplatesSource } from '../build/site/precompiled-templates.js';
import { ACTION_BUILDS, CLI_BUILD } from './bundles.mjs';
import { bundledPackageDirs, licenseNotices } from './licenses.mjs';

const validators = standaloneValidatorsSources();
await writeFile(STANDALONE_VALIDATORS, validators.kinds);
await writeFile(STANDALONE_CONFIG_VALIDATOR, validators.config);
await writeFile(PRECOMPILED_TEMPLATES, precompiledTemplatesSource());

await rm('build/chunks', { recursive: true, force: true });
const cli = await build(CLI_BUILD);
const action = await Promise.all(ACTION_BUILDS.map((options) => build(options)));

await writeFile(
  'build/licenses.txt',
  licenseNotices(bundledPackageDirs([cli.metafile]), "Dossier's command line (build/dossier.js and build/chunks/)"),
);
await writeFile(
  'dist/licenses.txt',
  licenseNotices(bundledPackageDirs(action.map((result) => result.metafile)), "Dossier's GitHub Action (dist/)"),
);
