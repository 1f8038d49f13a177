// `dossier serve --watch` with a real server on 127.0.0.1: a file edited, the site rebuilt and the
// open page told to reload; a template broken, the error told to the page and the terminal while the
// last good site stays served; the reload script only in what is served, never in the built files.

import { get } from 'node:http';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { EVENTS_PATH, watchSite, type WatchedSite } from '../../src/cli/watch-site.js';
import { serveCommand } from '../../src/cli/serve-command.js';
import { tempRepo } from '../helpers.js';

const model = (title: string) => `apiVersion: dossier/v1\nkind: Model\nmetadata: {name: scorer, title: ${title}}\nspec: {task: ranking}\n`;

function fetchText(port: number, urlPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: urlPath }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => {
        resolve(body);
      });
    }).on('error', reject);
  });
}

/** The events a page would get, as `event: data` lines, while it is open. */
function listen(port: number): { events: string[]; close: () => void } {
  const events: string[] = [];
  let buffer = '';
  const request = get({ host: '127.0.0.1', port, path: EVENTS_PATH }, (response) => {
    response.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = [...block.matchAll(/^data: (.*)$/gm)].map((m) => m[1]).join('\n');
        if (event !== undefined) events.push(`${event}: ${data}`);
      }
    });
  });
  request.on('error', () => undefined);
  return { events, close: () => request.destroy() };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 50) {
    if (waited > 20_000) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let watched: WatchedSite | undefined;
afterEach(async () => {
  await watched?.close();
  watched = undefined;
});

/** A live preview of the project in `repo`, built into its `_site` and served on a free port. */
const watchRepo = (repo: string, options: Partial<Parameters<typeof watchSite>[0]> = {}) =>
  watchSite({
    cwd: repo,
    projectPath: undefined,
    configFlag: undefined,
    outDir: '_site',
    version: 'test',
    port: 0,
    log: () => undefined,
    ...options,
  });

describe('dossier serve --watch', () => {
  it('rebuilds on an edit and reloads open pages; shows a failed build and keeps serving the last good one', async () => {
    const repo = tempRepo({ 'dossier.yaml': 'site:\n  templates: site-templates\n', 'models/scorer.yaml': model('First title') });
    const log: string[] = [];
    watched = await watchRepo(repo, { log: (line) => log.push(line), debounceMs: 50 });
    const { port } = watched;
    const page = 'entity/model/default/scorer.html';
    const served = await fetchText(port, `/${page}`);
    expect(served).toContain('First title');
    expect(served).toContain(`new EventSource('${EVENTS_PATH}')`);
    // Served with the script, built without it.
    expect(readFileSync(path.join(repo, '_site', page), 'utf8')).not.toContain('EventSource');

    const open = listen(port);
    await new Promise((resolve) => setTimeout(resolve, 200));
    writeFileSync(path.join(repo, 'models/scorer.yaml'), model('Second title'));
    await until(() => open.events.includes('reload: '), 'the reload event');
    expect(await fetchText(port, `/${page}`)).toContain('Second title');
    expect(log.at(-1)).toMatch(/^Built in \d+ ms: 1 of 1 entities' pages made again\.$/);

    // A template that does not parse: the page is told, the terminal too, and the last good site stays.
    mkdirSync(path.join(repo, 'site-templates'));
    writeFileSync(path.join(repo, 'site-templates/entity.hbs'), '{{#each broken}');
    await until(() => open.events.some((e) => e.startsWith('failed: ')), 'the failed event');
    expect(open.events.find((e) => e.startsWith('failed: '))).toMatch(/site template .*entity\.hbs/);
    expect(log.join('\n')).toMatch(/The site could not be built: .*\nStill serving the last good build\./);
    expect(await fetchText(port, `/${page}`)).toContain('Second title');
    // A page opened now is told at once.
    const late = listen(port);
    await until(() => late.events.length > 0, 'the failure for a page opened later');
    expect(late.events[0]).toMatch(/^failed: /);
    late.close();
    open.close();

    // In the browser: the failure over the page, then a fixed template reloads it.
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
    try {
      const tab = await browser.newPage();
      await tab.goto(`http://127.0.0.1:${String(port)}/${page}`);
      const overlay = tab.getByRole('alert');
      await expect
        .poll(() => overlay.textContent())
        .toMatch(/^The site could not be built; this is the last good build\.\n\nThe site template /);
      expect(await tab.locator('h1').textContent()).toBe('Second title');
      rmSync(path.join(repo, 'site-templates/entity.hbs'));
      await tab.waitForEvent('load');
      expect(await tab.getByRole('alert').count()).toBe(0);
    } finally {
      await browser.close();
    }
  }, 90_000);

  it('builds with the title and address it is given, as dossier build does', async () => {
    const repo = tempRepo({ 'models/scorer.yaml': model('First title') });
    watched = await watchRepo(repo, { title: 'Acme models', baseUrl: 'https://models.acme.example/' });
    const page = await fetchText(watched.port, '/entity/model/default/scorer.html');
    expect(page).toContain('Acme models');
    expect(page).toContain('<link rel="canonical" href="https://models.acme.example/entity/model/default/scorer.html">');
  });

  it('says how to use it', async () => {
    const context = {
      cwd: '.',
      version: 'test',
      env: {},
      stdout: { write: () => true },
      stderr: { write: () => true },
    };
    for (const flag of ['--out', '--config', '--title', '--base-url'])
      await expect(serveCommand.run([flag, 'x'], context as never)).rejects.toThrow(
        /--out, --config, --title and --base-url go with --watch/,
      );
    expect(serveCommand.usage).toContain('dossier serve --watch [path]');
  });
});
