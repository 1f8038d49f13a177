// What esbuild bundles, and how: the CLI (build/) and the GitHub Action (dist/). The build
// (scripts/build.mjs) runs these; the tests read them to know which packages each bundle holds.

import { readFile } from 'node:fs/promises';
import path from 'node:path';

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
 * The CLI loads ajv's compiler and the precompiled validators lazily, from node_modules. The Action
 * has no node_modules: these two modules' lazy requires are turned into plain requires, which
 * esbuild then bundles.
 */
const bundleLazyRequires = {
  name: 'bundle-lazy-requires',
  setup(builder) {
    builder.onLoad({ filter: /build[\\/]validate[\\/](ajv-instance|validators)\.js$/ }, async (args) => {
      const contents = (await readFile(args.path, 'utf8'))
        .replace(/^const require = createRequire\(import\.meta\.url\);$/m, '')
        .replace('require(STANDALONE_VALIDATORS)', "require('./standalone-validators.cjs')")
        .replace('require(STANDALONE_CONFIG_VALIDATOR)', "require('./standalone-config-validator.cjs')");
      return { contents, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

/** The Action (dist/index.js) and its site-rendering thread, which run without node_modules. */
export const ACTION_BUILDS = [
  { ...common, entryPoints: ['build/action/index.js'], outfile: 'dist/index.js', plugins: [bundleLazyRequires] },
  { ...common, entryPoints: ['build/site/render-worker.js'], outfile: 'dist/render-worker.js' },
];
