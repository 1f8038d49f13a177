// The link cache: a lint after a few files changed goes on from the last run's link, kept on disk,
// and must report exactly what a lint from scratch reports; whatever it cannot go on from (cycles to
// find again, a damaged or mixed-up store) is linked whole, never trusted.

import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintProject, type LintReport } from '../../src/use-cases/lint-project.js';
import { EDITS, random } from '../edits.js';
import { tempRepo } from '../helpers.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../../examples');
const LINK_DIR = '.dossier/cache/lint-link';

function copyOf(folder: string): string {
  const cwd = tempRepo();
  cpSync(path.join(EXAMPLES, folder), cwd, { recursive: true, filter: (source) => !source.includes(`${path.sep}.dossier`) });
  return cwd;
}

function yamlFiles(cwd: string): string[] {
  return readdirSync(cwd, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.ya?ml$/.test(file) && !file.startsWith('dossier') && !file.includes('.dossier'))
    .sort();
}

/** What a lint reports, to compare two by. */
const reported = (report: LintReport) => ({ diagnostics: report.diagnostics, fileCount: report.fileCount, owners: [...report.owners] });

async function lintBoth(cwd: string): Promise<{ cached: LintReport; fresh: LintReport }> {
  const cached = await lintProject({ cwd, cache: undefined, fetch: { offline: true } });
  const fresh = await lintProject({ cwd, cache: false, fetch: { offline: true } });
  return { cached, fresh };
}

describe('the link cache', () => {
  // (examples/broken depends on another repository's catalog: a federated lint is linked whole, its result not cached.)
  for (const folder of ['ml-platform', 'broken/governance']) {
    it(`reports ${folder} after each of 40 random edits as a lint from scratch does, going on from the last link`, async () => {
      const cwd = copyOf(folder);
      const files = yamlFiles(cwd);
      const next = random(folder.length * 104_729);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
      const original = new Map(files.map((file) => [file, readFileSync(path.join(cwd, file), 'utf8')]));
      expect((await lintProject({ cwd, cache: undefined, fetch: { offline: true } })).cacheUse).toBe('linked');

      const uses = new Map<string, number>();
      for (let step = 0; step < 40; step++) {
        const file = pick(files);
        const choice = next();
        const full = path.join(cwd, file);
        if (choice < 0.08) rmSync(full, { force: true });
        else if (choice < 0.14) writeFileSync(path.join(cwd, `copy-${String(step)}.yaml`), original.get(file) as string);
        else if (choice < 0.25) writeFileSync(full, original.get(file) as string);
        else if (choice < 0.35) {
          // Two files at once.
          writeFileSync(full, pick(EDITS)(original.get(file) as string));
          const other = pick(files);
          writeFileSync(path.join(cwd, other), pick(EDITS)(original.get(other) as string));
        } else {
          let text: string;
          try {
            text = readFileSync(full, 'utf8');
          } catch {
            text = original.get(file) as string;
          }
          const edited = pick(EDITS)(text);
          // An edit that finds nothing to change still changes the text: the entities are replaced, their places kept.
          writeFileSync(full, edited === text ? `${text}\n# edit ${String(step)}\n` : edited);
        }
        const { cached, fresh } = await lintBoth(cwd);
        expect(reported(cached), `after edit ${String(step)} of ${file}`).toEqual(reported(fresh));
        uses.set(cached.cacheUse as string, (uses.get(cached.cacheUse as string) ?? 0) + 1);
      }
      // Most edits must have gone on from the last link, or the comparison proves little.
      expect(uses.get('relinked') ?? 0).toBeGreaterThan(20);
      expect(uses.get('relinked') ?? 0).toBeGreaterThan(2 * (uses.get('linked') ?? 0));
    }, 60_000);
  }

  it('links whole when a change makes or breaks a cycle, and goes on from there', async () => {
    const team = (name: string, parent: string) =>
      `apiVersion: dossier/v1\nkind: Team\nmetadata: {name: ${name}}\nspec: {type: team, parent: ${parent}}\n`;
    const cwd = tempRepo({
      'dossier.yaml': 'extends: core\n',
      'a.yaml': team('team-a', 'team-b'),
      'b.yaml': team('team-b', 'team-c'),
      'c.yaml': team('team-c', 'team-d'),
      'd.yaml': team('team-d', 'team-e'),
    });
    const lint = () => lintProject({ cwd, cache: undefined });
    expect((await lint()).cacheUse).toBe('linked');
    writeFileSync(path.join(cwd, 'c.yaml'), team('team-c', 'team-a'));
    const cycle = await lint();
    expect(cycle.cacheUse).toBe('linked');
    expect(cycle.diagnostics.some((d) => d.ruleId === 'reference/cycle')).toBe(true);
    // An edit that leaves the relations alone, on no cycle: goes on from the last link.
    writeFileSync(path.join(cwd, 'd.yaml'), `${team('team-d', 'team-e')}# owned elsewhere\n`);
    const after = await lint();
    expect(after.cacheUse).toBe('relinked');
    expect(reported(after)).toEqual(reported(await lintProject({ cwd, cache: false })));
  });

  it('never trusts a damaged, missing or mixed-up link cache: it links whole and rewrites it', async () => {
    const cwd = copyOf('ml-platform');
    const versions = path.join(cwd, 'models/fraud-detector/versions.yaml');
    const original = readFileSync(versions, 'utf8');
    const edit = (round: number) => {
      writeFileSync(versions, `${original}\n# edit ${String(round)}\n`);
    };
    const lint = () => lintProject({ cwd, cache: undefined, fetch: { offline: true } });
    await lint();
    // A repository linted once has no link cache (a CI run does not pay for one); linted again after a change, it has.
    expect(existsSync(path.join(cwd, LINK_DIR, 'link.bin'))).toBe(false);
    edit(-1);
    expect((await lint()).cacheUse).toBe('linked');
    const shards = () =>
      readdirSync(path.join(cwd, LINK_DIR))
        .filter((file) => /^link-[0-9a-f]{2}\.bin$/.test(file))
        .map((file) => path.join(cwd, LINK_DIR, file));
    expect(shards()).toHaveLength(256);

    const damages: (() => void)[] = [
      () => {
        for (const shard of shards()) writeFileSync(shard, readFileSync(shard).subarray(0, 10));
      },
      () => {
        for (const shard of shards()) rmSync(shard);
      },
      () => {
        rmSync(path.join(cwd, LINK_DIR, 'link.bin'));
      },
      () => {
        writeFileSync(path.join(cwd, LINK_DIR, 'link.bin'), 'not a cache');
      },
    ];
    for (const [round, damage] of damages.entries()) {
      damage();
      edit(round);
      const report = await lint();
      expect(report.cacheUse, `damage ${String(round)}`).toBe('linked');
      expect(reported(report)).toEqual(reported(await lintProject({ cwd, cache: false, fetch: { offline: true } })));
      // Rewritten: the next change goes on from it.
      edit(round + 100);
      expect((await lint()).cacheUse).toBe('relinked');
    }

    // Shards of an earlier generation next to the index of a later one (an interrupted or concurrent run).
    const earlier = new Map(shards().map((shard) => [shard, readFileSync(shard)]));
    edit(200);
    expect((await lint()).cacheUse).toBe('relinked');
    for (const [shard, content] of earlier) writeFileSync(shard, content);
    edit(201);
    writeFileSync(versions, original.replace('stage: production', 'stage: staging'));
    const mixed = await lint();
    expect(reported(mixed)).toEqual(reported(await lintProject({ cwd, cache: false, fetch: { offline: true } })));
  });
});
