// What esbuild bundles, and how: the CLI (build/) and the GitHub Action (dist/). The build
// (scripts/build.mjs) runs these; the tests read them to know which packages each bundle holds.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * What the bundled code was made from: every source file and the locked versions of the packages
 * bundled with it. Caches are keyed by it (src/cache/layout.ts), so that a cache another build of the
 * same version wrote, whose code may read or write it otherwise, is never taken.
 */
export function codeIdentity(root = ROOT) {
  const hash = createHash('sha256');
  const sources = readdirSync(path.join(root, 'src'), { recursive: true })
    .map((file) => String(file).split(path.sep).join('/'))
    .filter((file) => file.endsWith('.ts'))
    .sort();
  for (const file of sources)
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(root, 'src', file)))
      .update('\0');
  // A checkout always has its lockfile; a copy without one is keyed by its sources alone.
  const lockfile = path.join(root, 'package-lock.json');
  if (existsSync(lockfile)) hash.update(readFileSync(lockfile));
  return hash.digest('hex').slice(0, 32);
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Bundled CommonJS dependencies call require(); give them one.
  banner: { js: "import { createRequire as __dossierRequire } from 'node:module'; const require = __dossierRequire(import.meta.url);" },
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'error',
  metafile: true,
  define: { DOSSIER_CODE_ID: JSON.stringify(codeIdentity()) },
};

/**
 * The CLI, each command in a chunk of its own. The CycloneDX library (dossier export) is loaded from
 * node_modules when that command runs: bundled, it would pull in its optional XML dependencies.
 */
export const CLI_BUILD = {
  ...common,
  // The thread that renders site pages (site/render-pool.ts) is found next to the chunk that starts it.
  entryPoints: { dossier: 'build/cli/bin.js', 'chunks/render-worker': 'build/site/render-worker.js' },
  outdir: 'build',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  external: ['@cyclonedx/cyclonedx-library'],
};

/**
 * A package the sources load at first use (src/ground/lazy-module.ts), as tsc compiles the call:
 * `lazyModule('temml')`. The CLI requires it from node_modules when it is needed, so esbuild never sees it.
 */
export const LAZY_MODULE_CALL = /(?<!function )\blazyModule\((['"])([^'"]+)\1\)/g;

/** The compiled sources (tsc's output), the only files the plugin below rewrites. */
const COMPILED = fileURLToPath(new URL('../build/', import.meta.url));
const COMPILED_FILE = new RegExp(`^${COMPILED.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\.js$`);

/**
 * The CLI loads some modules lazily, from node_modules: ajv's compiler, the precompiled validators
 * and the packages named by `lazyModule('…')`. The Action has no node_modules: in its bundle these
 * lazy requires are turned into plain requires, which esbuild then bundles (a `lazyModule('name')`
 * becomes a function that requires the bundled package, which esbuild loads once).
 */
const bundleLazyRequires = {
  name: 'bundle-lazy-requires',
  setup(builder) {
    builder.onLoad({ filter: COMPILED_FILE }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      let contents = source.replace(LAZY_MODULE_CALL, (_call, quote, name) => `(() => require(${quote}${name}${quote}))`);
      if (/(?<!function )\blazyModule\(/.test(contents))
        return { errors: [{ text: `${args.path}: lazyModule() takes a package name written as a string, so the Action can bundle it.` }] };
      if (/validate[\\/](ajv-instance|validators)\.js$/.test(args.path))
        contents = contents
          .replace(/^const require = createRequire\(import\.meta\.url\);$/m, '')
          .replace('require(STANDALONE_VALIDATORS)', "require('./standalone-validators.cjs')")
          .replace('require(STANDALONE_CONFIG_VALIDATOR)', "require('./standalone-config-validator.cjs')");
      return contents === source ? undefined : { contents, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

/** The Action (dist/index.js) and its site-rendering thread, which run without node_modules. */
export const ACTION_BUILDS = [
  { ...common, entryPoints: ['build/action/index.js'], outfile: 'dist/index.js', plugins: [bundleLazyRequires] },
  { ...common, entryPoints: ['build/site/render-worker.js'], outfile: 'dist/render-worker.js', plugins: [bundleLazyRequires] },
];
