// Packages the sources load at first use (`lazyModule('name')`, src/ground/lazy-module.ts) are not in
// what a command loads when it starts: the CLI requires them from node_modules when a path needs them.
// The Action runs without node_modules, so its bundle holds them.

import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTION_BUILDS, CLI_BUILD, codeIdentity, LAZY_MODULE_CALL } from '../scripts/bundles.mjs';

/** What tsc compiled (build/), which the bundles are made from; not the bundles themselves. */
const compiled = readdirSync('build', { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.js') && file !== 'dossier.js' && !file.startsWith('chunks'))
  .map((file) => path.join('build', file));
const lazyPackages = [
  ...new Set(compiled.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(LAZY_MODULE_CALL)].map((call) => call[2] as string))),
].sort();

async function metafileOf(options: BuildOptions): Promise<Metafile> {
  return (await build({ ...options, write: false, metafile: true })).metafile;
}

/** The packages in the inputs of `outputs`, by name (`node_modules/js-yaml-5/dist/…` is js-yaml-5). */
function packagesIn(metafile: Metafile, outputs: Iterable<string>): Set<string> {
  const names = new Set<string>();
  for (const output of outputs)
    for (const input of Object.keys(metafile.outputs[output]?.inputs ?? {})) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.replaceAll('\\', '/'))?.[1];
      if (name !== undefined) names.add(name);
    }
  return names;
}

/** The output built from `entryPoint` and every chunk it imports statically: what runs when it is loaded. */
function startUpOutputs(metafile: Metafile, entryPoint: string): Set<string> {
  const first = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint === entryPoint)?.[0];
  if (first === undefined) throw new Error(`No output for ${entryPoint}`);
  const seen = new Set<string>();
  const pending = [first];
  for (let output = pending.pop(); output !== undefined; output = pending.pop()) {
    if (seen.has(output)) continue;
    seen.add(output);
    for (const imported of metafile.outputs[output]?.imports ?? []) if (imported.kind === 'import-statement') pending.push(imported.path);
  }
  return seen;
}

describe('packages loaded at first use', () => {
  let cli: Metafile;
  let action: Metafile;
  beforeAll(async () => {
    [cli, action] = await Promise.all([metafileOf(CLI_BUILD), metafileOf(ACTION_BUILDS[0] as BuildOptions)]);
  }, 60_000);

  it('are found in the sources', () => {
    expect(lazyPackages).toEqual(expect.arrayContaining(['js-yaml-5', 'sanitize-html', 'spdx-correct', 'temml', 'yaml']));
  });

  it('are runtime dependencies with a CommonJS entry, required from node_modules', () => {
    const dependencies = (JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies;
    const require = createRequire(path.resolve('build/dossier.js'));
    for (const name of lazyPackages) {
      expect(dependencies, name).toHaveProperty([name]);
      expect(require.resolve(name), name).not.toMatch(/\.mjs$/);
    }
  });

  it.each(['build/cli/bin.js', 'build/cli/lint-command.js', 'build/cli/build-command.js', 'build/site/render-worker.js'])(
    'are not among what %s loads when it starts',
    (entryPoint) => {
      const loaded = packagesIn(cli, startUpOutputs(cli, entryPoint));
      expect(lazyPackages.filter((name) => loaded.has(name))).toEqual([]);
    },
  );

  it("are in the Action's bundle, which runs without node_modules", () => {
    const bundled = packagesIn(action, Object.keys(action.outputs));
    expect(lazyPackages.filter((name) => !bundled.has(name))).toEqual([]);
  });
});

describe('the code identity caches are keyed by', () => {
  it('is built into both bundles, and changes with any source file or locked package', () => {
    const identity = codeIdentity();
    expect(identity).toMatch(/^[0-9a-f]{32}$/);
    for (const bundle of ['build/chunks', 'dist'])
      expect(
        readdirSync(bundle)
          .filter((file) => file.endsWith('.js'))
          .some((file) => readFileSync(path.join(bundle, file), 'utf8').includes(`"${identity}"`)),
        bundle,
      ).toBe(true);
    const copy = mkdtempSync(path.join(tmpdir(), 'dossier-code-'));
    cpSync('src', path.join(copy, 'src'), { recursive: true });
    cpSync('package-lock.json', path.join(copy, 'package-lock.json'));
    expect(codeIdentity(copy)).toBe(identity);
    appendFileSync(path.join(copy, 'src/cache/layout.ts'), '\n// another build\n');
    const edited = codeIdentity(copy);
    expect(edited).not.toBe(identity);
    appendFileSync(path.join(copy, 'package-lock.json'), '\n');
    expect(codeIdentity(copy)).not.toBe(edited);
    rmSync(copy, { recursive: true, force: true });
  });
});
