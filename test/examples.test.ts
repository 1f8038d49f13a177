// The example repositories are specifications: ml-platform must be clean, and every problem
// written into examples/broken must be reported exactly where its `# expect:` comment says.

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../src/use-cases/compile-project.js';
import { loadConfigFile } from '../src/config/load-config.js';
import { parseJsonReport } from './helpers.js';

async function lintExample(name: string) {
  const root = path.resolve('examples', name);
  return compileProject(loadConfigFile(path.join(root, 'dossier.yaml'), 'dossier.yaml'), root);
}

/** Files that cannot hold an `# expect:` comment. */
const EXPECTED_WITHOUT_COMMENTS = [
  'file/binary file-binary.yaml 1:1',
  'file/empty file-empty.yaml 1:1',
  'file/encoding file-encoding.yaml 1:1',
  'file/outside-root file-outside-root.yaml 1:1',
];

describe('examples/ml-platform', () => {
  it('lints clean', async () => {
    const result = await lintExample('ml-platform');
    expect(result.diagnostics.map((d) => `${d.file}:${d.range.start.line + 1} ${d.message}`)).toEqual([]);
  });

  it('has at least 40 entities covering all nine kinds', async () => {
    const { catalog } = await lintExample('ml-platform');
    expect(catalog.entities.length).toBeGreaterThanOrEqual(40);
    expect(new Set(catalog.entities.map((e) => e.kind)).size).toBe(9);
  });
});

/** The `# expect:` comments of a fixture repository, as `rule file line:col`. */
function announced(folder: string): string[] {
  const root = path.resolve('examples', folder);
  const expected: string[] = [];
  for (const file of readdirSync(root).filter((f) => f.endsWith('.yaml'))) {
    let text = '';
    try {
      text = readFileSync(path.join(root, file), 'utf8');
    } catch {
      continue;
    }
    for (const match of text.matchAll(/^# expect: (\S+) (\d+:\d+)$/gm)) expected.push(`${match[1]} ${file} ${match[2]}`);
  }
  return expected;
}

async function reported(folder: string): Promise<string[]> {
  const result = await lintExample(folder);
  return result.diagnostics.map((d) => `${d.ruleId} ${d.file} ${d.range.start.line + 1}:${d.range.start.column + 1}`);
}

describe('examples/broken', () => {
  it('yields exactly the diagnostics its files announce', async () => {
    expect((await reported('broken')).sort()).toEqual([...EXPECTED_WITHOUT_COMMENTS, ...announced('broken')].sort());
  });

  it('governance/ yields exactly the diagnostics its files announce, under extends: strict', async () => {
    expect((await reported('broken/governance')).sort()).toEqual(announced('broken/governance').sort());
  });

  it('covers every rule that a repository can trigger', async () => {
    const { allRules } = await import('../src/rules/registry.js');
    const seen = new Set([...(await reported('broken')), ...(await reported('broken/governance'))].map((line) => line.split(' ')[0]));
    // Unreadable files, files over the size limit and case twins are made by tests, not committed
    // (a case twin in this repository would be the very problem on a macOS or Windows checkout).
    // Approvals are checked against a pull request's reviews (test/action), not in a repository.
    const notCommitted = new Set([
      'file/unreadable',
      'file/too-large',
      'file/case-conflict',
      'approval/unverified',
      'approval/not-checked',
    ]);
    expect(allRules.map((r) => r.id).filter((id) => !seen.has(id) && !notCommitted.has(id))).toEqual([]);
  });
});

describe('the built CLI, with precompiled validators', () => {
  it('reports exactly what the library reports from sources', async () => {
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, [path.resolve('build/dossier.js'), 'lint', '.', '--format', 'json'], {
      cwd: path.resolve('examples/broken'),
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    const fromBinary = parseJsonReport(run.stdout).diagnostics.map(
      (d: { ruleId: string; file: string; line: number; column: number; message: string }) =>
        `${d.ruleId} ${d.file} ${d.line}:${d.column} ${d.message}`,
    );
    const result = await lintExample('broken');
    expect(fromBinary).toEqual(
      result.diagnostics.map((d) => `${d.ruleId} ${d.file} ${d.range.start.line + 1}:${d.range.start.column + 1} ${d.message}`),
    );
  });
});
