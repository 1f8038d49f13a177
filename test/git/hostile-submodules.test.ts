// A .gitmodules that git cannot read (an `update = !command`, which git refuses outside its own
// configuration) must not take the history away: submodules are not metadata.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitRepo } from '../diff/git-repo.js';
import { exampleFiles, runCli, tempRepo } from '../helpers.js';

describe('a repository with a hostile .gitmodules', () => {
  it('still has its history in log, audit and the site, and git runs nothing', async () => {
    const marker = path.join(tempRepo(), 'pwned');
    const repo = gitRepo(exampleFiles());
    repo.write({ '.gitmodules': `[submodule "x"]\n\tpath = x\n\turl = https://example.invalid/x\n\tupdate = !touch ${marker}\n` });
    repo.git('update-index', '--add', '--cacheinfo', `160000,${repo.git('rev-parse', 'HEAD')},x`);
    // Committed as staged: `add -A` would drop the gitlink, whose folder is not checked out.
    repo.git('add', '.gitmodules');
    repo.git('commit', '-q', '-m', 'A submodule');

    const log = await runCli(['log'], { cwd: repo.dir });
    expect(log.code, log.stderr).toBe(0);
    expect(log.stdout).toContain('New Team');
    const audit = await runCli(['audit', 'model:fraud-detector'], { cwd: repo.dir });
    expect(audit.code, audit.stderr).toBeLessThan(2);
    expect(audit.stderr).not.toContain('Cannot read the history');
    const build = await runCli(['build', '--out', '_site'], { cwd: repo.dir });
    expect(build.stdout + build.stderr).not.toContain('no history');
    expect(existsSync(marker)).toBe(false);
  });
});
