// The site's output folder holds what the user put there too (a gh-pages clone's .git, a CNAME):
// a build removes only what an earlier build wrote, by its manifest, and never leaves the folder.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSitePath } from '../../src/site/previous-site.js';
import { SiteOutput } from '../../src/site/site-output.js';
import { exampleFiles, runCli, tempRepo } from '../helpers.js';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Ana', '-c', 'user.email=ana@example.com', ...args], { cwd, encoding: 'utf8' });

describe('building into a gh-pages clone', () => {
  it('keeps its .git and the files the user added, and removes only pages it made before', async () => {
    const cwd = tempRepo(exampleFiles());
    const site = path.join(cwd, '_site');
    expect((await runCli(['build', '--out', '_site'], { cwd })).code).toBe(0);
    git(site, 'init', '-q', '-b', 'gh-pages');
    writeFileSync(path.join(site, 'CNAME'), 'catalog.example.com\n');
    git(site, 'add', '-A');
    git(site, 'commit', '-q', '-m', 'publish');
    const pages = readdirSync(path.join(site, 'entity/term/default'));
    rmSync(cwd, 'glossary');

    expect((await runCli(['build', '--out', '_site'], { cwd })).code).toBe(0);
    expect(readFileSync(path.join(site, 'CNAME'), 'utf8')).toBe('catalog.example.com\n');
    expect(git(site, 'log', '--oneline')).toContain('publish');
    // The pages of what is gone are gone: the site is the site of the repository as it is.
    expect(existsSync(path.join(site, 'entity/term/default'))).toBe(false);
    expect(pages.length).toBeGreaterThan(0);
  });

  it('builds into a fresh clone holding only .git, and keeps it', async () => {
    const cwd = tempRepo(exampleFiles());
    const site = path.join(cwd, '_site');
    mkdirSync(site);
    git(site, 'init', '-q');
    expect((await runCli(['build', '--out', '_site'], { cwd })).code).toBe(0);
    expect(existsSync(path.join(site, '.git/HEAD'))).toBe(true);
    expect(existsSync(path.join(site, 'index.html'))).toBe(true);
  });
});

describe('a folder Dossier did not make', () => {
  it('is refused when it holds a planted marker without a manifest, and nothing in it is touched', async () => {
    const cwd = tempRepo({ ...exampleFiles(), 'docs/.dossier-site': '', 'docs/thesis.tex': 'years of work' });
    const run = await runCli(['build', '--out', 'docs'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no manifest');
    expect(readFileSync(path.join(cwd, 'docs/thesis.tex'), 'utf8')).toBe('years of work');
  });

  it('is refused when its manifest names files outside it', () => {
    const outDir = path.join(tempRepo(), 'site');
    mkdirSync(outDir);
    writeFileSync(path.join(outDir, '.dossier-site'), '');
    writeFileSync(path.join(outDir, '.dossier-site-manifest.json'), JSON.stringify({ '../precious.txt': 'written' }));
    writeFileSync(path.join(outDir, '..', 'precious.txt'), 'keep me');
    expect(() => new SiteOutput(outDir)).toThrow(/no manifest/);
    expect(readFileSync(path.join(outDir, '..', 'precious.txt'), 'utf8')).toBe('keep me');
  });

  it('keeps a file the user added to a built site when the next build no longer makes the page beside it', () => {
    const outDir = path.join(tempRepo(), 'site');
    const first = new SiteOutput(outDir);
    writeFileSync(first.claim('a.html', 'inputs-a') as string, 'page a');
    first.commit();
    writeFileSync(path.join(outDir, 'notes.txt'), 'mine');
    const second = new SiteOutput(outDir);
    writeFileSync(second.claim('b.html', 'inputs-b') as string, 'page b');
    second.commit();
    expect(existsSync(path.join(outDir, 'a.html'))).toBe(false);
    expect(readFileSync(path.join(outDir, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('two pages made at one path', () => {
  it('leave the one made last, as a cold build does, not a page taken over under the other one', () => {
    const outDir = path.join(tempRepo(), 'site');
    const first = new SiteOutput(outDir);
    writeFileSync(first.claim('tags/gpt-2.html', 'the gpt-2 list') as string, 'gpt-2 list');
    first.commit();
    // Another page is now made at that path first (paths are unique today; the output does not count on it).
    const second = new SiteOutput(outDir);
    writeFileSync(second.claim('tags/gpt-2.html', 'page 2 of the gpt list') as string, 'gpt list, page 2');
    expect(second.takeOver('tags/gpt-2.html', 'the gpt-2 list')).toBe(false);
    writeFileSync(second.claim('tags/gpt-2.html', 'the gpt-2 list') as string, 'gpt-2 list');
    second.commit();
    expect(readFileSync(path.join(outDir, 'tags/gpt-2.html'), 'utf8')).toBe('gpt-2 list');
  });
});

describe('links inside a built site', () => {
  it('are neither written through nor removed through: a folder linking out is refused', async () => {
    const victim = tempRepo({ 'keep.txt': 'mine' });
    const cwd = tempRepo(exampleFiles());
    expect((await runCli(['build', '--out', 'site'], { cwd })).code).toBe(0);
    // A pages checkout whose `assets` folder was replaced by a link to somewhere else.
    execFileSync('rm', ['-rf', path.join(cwd, 'site/assets')]);
    symlinkSync(victim, path.join(cwd, 'site/assets'));
    const run = await runCli(['build', '--out', 'site'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('links out of');
    expect(readdirSync(victim)).toEqual(['keep.txt']);
  });

  it('refuse an output folder that is itself a link', async () => {
    const elsewhere = tempRepo();
    const cwd = tempRepo(exampleFiles());
    symlinkSync(elsewhere, path.join(cwd, '_site'));
    const run = await runCli(['build', '--out', '_site'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('_site leads out of the repository through a symbolic link');
    expect(readdirSync(elsewhere)).toEqual([]);
    // One to a folder inside the repository is refused too: the site replaces its folder.
    mkdirSync(path.join(cwd, 'pages'));
    symlinkSync(path.join(cwd, 'pages'), path.join(cwd, 'inside'));
    const inside = await runCli(['build', '--out', 'inside'], { cwd });
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain('is a link');
  });
});

describe('page paths', () => {
  it('never leave the site', () => {
    for (const bad of [
      '../x.html',
      'entity/../../x.html',
      '/etc/x',
      'a//b',
      '.git/config',
      '.GIT',
      'a\\..\\b',
      './a',
      'a/.',
      'a/',
      'a\0b',
      '',
    ])
      expect(isSitePath(bad), bad).toBe(false);
    for (const good of ['entity/model/default/fraud-detector@2.0.0.html', '.gitignore', 'a/.well-known/x', 'a/...', 'tags/gpt~2.html'])
      expect(isSitePath(good), good).toBe(true);
    const output = new SiteOutput(path.join(tempRepo(), 'site'));
    expect(() => output.claim('../../escaped.html', 'inputs')).toThrow(/not a path inside the site/);
    expect(() => {
      output.write('.git/hooks/post-checkout', '#!/bin/sh');
    }).toThrow(/not a path inside the site/);
    output.discard();
  });
});

describe('a rebuild stopped half-way', () => {
  /** A site built once, then a rebuild that had moved some files into place and stopped before its manifest. */
  function stoppedRebuild(journal: string) {
    const outDir = path.join(tempRepo(), 'site');
    const first = new SiteOutput(outDir);
    writeFileSync(first.claim('a.html', 'inputs-a') as string, 'page a');
    writeFileSync(first.claim('b.html', 'inputs-b') as string, 'page b');
    first.commit();
    writeFileSync(path.join(outDir, 'a.html'), 'page a, from inputs the next build no longer has');
    writeFileSync(path.join(outDir, 'new.html'), 'a page the stopped rebuild added');
    writeFileSync(path.join(outDir, '.dossier-site-journal.json'), journal);
    return outDir;
  }

  it('takes over none of the files its journal lists, and removes those it no longer makes', () => {
    const outDir = stoppedRebuild('["a.html","new.html"]\n');
    const next = new SiteOutput(outDir);
    expect(next.takeOver('a.html', 'inputs-a')).toBe(false);
    writeFileSync(next.claim('a.html', 'inputs-a') as string, 'page a');
    expect(next.takeOver('b.html', 'inputs-b')).toBe(true);
    next.commit();
    expect(readFileSync(path.join(outDir, 'a.html'), 'utf8')).toBe('page a');
    expect(existsSync(path.join(outDir, 'new.html'))).toBe(false);
    expect(existsSync(path.join(outDir, '.dossier-site-journal.json'))).toBe(false);
  });

  it('takes nothing over when its journal cannot be read: cut short, or not a file', () => {
    for (const damage of [
      (journal: string) => {
        writeFileSync(journal, '["a.ht');
      },
      (journal: string) => {
        mkdirSync(journal);
      },
    ]) {
      const outDir = stoppedRebuild('[]');
      const journal = path.join(outDir, '.dossier-site-journal.json');
      unlinkSync(journal);
      damage(journal);
      const next = new SiteOutput(outDir);
      expect(next.takeOver('a.html', 'inputs-a')).toBe(false);
      expect(next.takeOver('b.html', 'inputs-b')).toBe(false);
    }
  });

  it('leaves no temporary file of its manifest or journal to be published', () => {
    const outDir = stoppedRebuild('["a.html","new.html"]\n');
    const abandoned = path.join(outDir, '.dossier-site-journal.json.0123456789ab.tmp');
    writeFileSync(abandoned, '["a.ht');
    const next = new SiteOutput(outDir);
    writeFileSync(next.claim('a.html', 'inputs-a') as string, 'page a');
    next.commit();
    expect(existsSync(abandoned)).toBe(false);
  });
});

describe('a build killed half-way', () => {
  it('leaves a staging folder that the next build removes', async () => {
    const cwd = tempRepo(exampleFiles());
    // A staging folder of a process that no longer runs (pid 2^22 + 1 is above Linux's pid_max).
    const abandoned = path.join(cwd, '_site.4194305-0badcafe.tmp');
    mkdirSync(abandoned);
    writeFileSync(path.join(abandoned, 'index.html'), 'half a site');
    expect((await runCli(['build', '--out', '_site'], { cwd })).code).toBe(0);
    expect(existsSync(abandoned)).toBe(false);
    expect(readdirSync(cwd).filter((entry) => entry.endsWith('.tmp'))).toEqual([]);
  });
});

describe('custom template folders', () => {
  it('refuse an asset that links out of the folder instead of publishing the file it points to', async () => {
    const outside = tempRepo({ 'secret.txt': 'root:x:0:0' });
    const cwd = tempRepo({
      ...exampleFiles(),
      'dossier.yaml': 'site: {templates: site-templates}\n',
      'site-templates/assets/ok.css': 'a{}',
    });
    symlinkSync(path.join(outside, 'secret.txt'), path.join(cwd, 'site-templates/assets/passwd.txt'));
    const run = await runCli(['build', '--out', '_site'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('outside');
    expect(existsSync(path.join(cwd, '_site'))).toBe(false);
  });

  it('refuse a template that links out of the folder', async () => {
    const outside = tempRepo({ 'home.hbs': 'root:x:0:0' });
    const cwd = tempRepo({ ...exampleFiles(), 'dossier.yaml': 'site: {templates: site-templates}\n', 'site-templates/README': '' });
    symlinkSync(path.join(outside, 'home.hbs'), path.join(cwd, 'site-templates/home.hbs'));
    const run = await runCli(['build', '--out', '_site'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('outside');
  });

  it('copy a link that stays inside the folder as the file it points to', async () => {
    const cwd = tempRepo({
      ...exampleFiles(),
      'dossier.yaml': 'site: {templates: site-templates}\n',
      'site-templates/shared/logo.svg': '<svg/>',
    });
    mkdirSync(path.join(cwd, 'site-templates/assets'));
    symlinkSync('../shared/logo.svg', path.join(cwd, 'site-templates/assets/logo.svg'));
    expect((await runCli(['build', '--out', '_site'], { cwd })).code).toBe(0);
    expect(readFileSync(path.join(cwd, '_site/assets/logo.svg'), 'utf8')).toBe('<svg/>');
  });
});

function rmSync(cwd: string, folder: string): void {
  execFileSync('rm', ['-rf', path.join(cwd, folder)]);
}
