// The home page's "Recent changes": each commit with what it changed (the semantic history's events,
// as changes.html lists them), not what the files it touched hold today; a few a commit, the rest linked.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SemanticLog } from '../../src/diff/log.js';
import { RECENT_PREVIEW } from '../../src/site/recent-changes.js';
import { exampleHistory, runCli } from '../helpers.js';

/** The example history's site, with its home page's recent commits by subject (each item's HTML) and its semantic log. */
async function exampleSite() {
  const cwd = exampleHistory();
  const build = await runCli(['build', '--out', '_site'], { cwd });
  expect(build.code, build.stderr).toBe(0);
  const home = readFileSync(path.join(cwd, '_site/index.html'), 'utf8');
  const recent = home.slice(home.indexOf('<ol class="commits">'), home.indexOf('</ol>', home.indexOf('<ol class="commits">')));
  const commits = recent.split('<li><span class="commit">').slice(1);
  const commitWith = (subject: string) => {
    const found = commits.find((item) => item.includes(subject));
    if (found === undefined) throw new Error(`no recent commit "${subject}" on the home page`);
    return found;
  };
  const log = await runCli(['log', '--format', 'json'], { cwd });
  return { cwd, commits, commitWith, log: JSON.parse(log.stdout) as SemanticLog };
}

describe('the home page’s recent changes', () => {
  it('show what each commit changed: the commit that added 2.0.0 shows 2.0.0, not 2.1.0 made later', async () => {
    const { commitWith } = await exampleSite();
    const added = commitWith('Train fraud-detector 2.0.0');
    // The message's code span, not raw backticks, and the version it names linked to its page.
    expect(added).toContain(
      'New ModelVersion <a href="./entity/modelversion/default/fraud-detector@2.0.0.html"><code>fraud-detector@2.0.0</code></a> (a new version).',
    );
    expect(added).not.toContain('&#x60;');
    expect(added).not.toContain('2.1.0');
    expect(added).not.toContain('1.0.0');
    const approved = commitWith('Record the model-risk approval of 1.0.0');
    expect(approved).toContain('fraud-detector@1.0.0');
    expect(approved).not.toContain('2.0.0');
  });

  it(`show at most ${String(RECENT_PREVIEW)} changes a commit, and how many more, linked to changes.html`, async () => {
    const { commitWith, commits, log } = await exampleSite();
    const first = log.events.at(-1)?.commit as string;
    const count = log.events.filter((event) => event.commit === first).length;
    expect(count).toBeGreaterThan(RECENT_PREVIEW);
    const catalogued = commitWith('Catalog the ML platform');
    expect(catalogued.match(/<span class="pill level-/g)).toHaveLength(RECENT_PREVIEW);
    expect(catalogued).toContain(`<a href="./changes.html">+${String(count - RECENT_PREVIEW)} more</a>`);
    // A commit with few changes shows them all, with no link.
    expect(commitWith('Train fraud-detector 2.1.0')).not.toContain('more</a>');
    expect(commits).toHaveLength(new Set(log.events.map((event) => event.commit)).size);
  });
});

describe('changes and timelines', () => {
  it('are grouped by commit: date, commit, author (and subject where known) once, then its changes naming the fields', async () => {
    const { cwd, log } = await exampleSite();
    const changes = readFileSync(path.join(cwd, '_site/changes.html'), 'utf8');
    const commitRows = [...changes.matchAll(/<tr class="commit-row">.*?<code>(\w+)<\/code>/g)].map((m) => m[1]);
    expect(commitRows).toEqual([...new Set(log.events.map((event) => event.commit.slice(0, 7)))]);
    expect(changes).not.toMatch(/\d+ fields? changed/);
    expect(changes).toContain('<code>modelversion:default/fraud-detector@1.0.0</code></a>: <code>spec.approvals</code> changed.');
    // The commit's subject once, on the changes page too.
    expect(changes).toMatch(/<code>\w+<\/code> Train fraud-detector 2\.0\.0 on the de-duplicated June data <span class="muted">— /);
    const version = readFileSync(path.join(cwd, '_site/entity/modelversion/default/fraud-detector@2.0.0.html'), 'utf8');
    expect(version).toMatch(
      /<tr class="commit-row"><th [^>]*><time [^>]*>2024-\d\d-\d\d<\/time> <code>\w+<\/code> Train fraud-detector 2\.0\.0 on the de-duplicated June data <span class="muted">— /,
    );
  });
});
