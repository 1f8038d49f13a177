// No text output meant for a terminal carries a control character that came from the repository,
// an imported document or git: each is shown escaped (src/ground/terminal-text.ts).

import { describe, expect, it } from 'vitest';
import { gitRepo } from '../diff/git-repo.js';
import { runCli, tempRepo } from '../helpers.js';

const ESC = '\x1b';
const OSC52 = `${ESC}]52;c;cm0gLXJmIH4=\x07`;
/** Colours on, as on a terminal; CI set so that no progress line is drawn. */
const COLOR = { FORCE_COLOR: '1', CI: '1' };

/** Every control character in `output` other than the line breaks and the formatter's own colours. */
function foreignControls(output: string): string[] {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return [...output.replace(/\x1b\[[0-9;]*m/g, '').matchAll(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/g)].map((m) => m[0]);
}

const dataset = (name: string, extra = '') =>
  `apiVersion: dossier/v1\nkind: Dataset\nmetadata:\n  name: ${name}\n${extra}spec: {location: {uri: x}}\n`;

describe('terminal output escapes control characters', () => {
  it('in stylish: file names, messages quoting values, and tags', async () => {
    const cwd = tempRepo({
      [`bad${ESC}[2J.yaml`]: dataset('d', `  tags: ["${OSC52.replace('\x1b', '\\e').replace('\x07', '\\a')}", 1]\n`),
      'b.yaml': dataset('"x\\e]0;owned\\a"'),
    });
    const run = await runCli(['lint', '.'], { cwd, tty: true, env: COLOR });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('bad\\x1b[2J.yaml');
    expect(run.stdout).toContain('\\x1b]0;owned\\x07');
    expect(foreignControls(run.stdout)).toEqual([]);
  });

  it('in diff text and log text: titles, names and commit authors', async () => {
    const repo = gitRepo({ 'd.yaml': dataset('d') });
    repo.write({ 'd.yaml': dataset('d', `  description: "x\\e]52;c;AAAA\\a"\n  tags: ["\\e[2J"]\n`) });
    repo.git('-c', `user.name=Mallory${ESC}[2J${ESC}]0;t\x07`, 'commit', '-qam', 'tags', '--author', `Mallory${ESC}[2J <m@example.com>`);
    const diff = await runCli(['diff', '--base', 'main'], { cwd: repo.dir, tty: true, env: COLOR });
    expect(diff.stdout.length).toBeGreaterThan(0);
    expect(foreignControls(diff.stdout + diff.stderr)).toEqual([]);
    const log = await runCli(['log'], { cwd: repo.dir, tty: true, env: COLOR });
    expect(log.stdout).toContain('Mallory\\x1b[2J');
    expect(foreignControls(log.stdout + log.stderr)).toEqual([]);
  });

  it('in import messages: a Croissant licence and an unknown key', async () => {
    const source = tempRepo({
      'evil.json': JSON.stringify({
        '@context': { cr: 'http://mlcommons.org/croissant/' },
        '@type': 'sc:Dataset',
        conformsTo: 'http://mlcommons.org/croissant/1.0',
        name: 'evil',
        license: `MIT${OSC52}`,
        [`x${ESC}[2J`]: 1,
        distribution: [{ '@type': 'cr:FileObject', '@id': 'f', contentUrl: 'https://example.com/x.csv', encodingFormat: 'text/csv' }],
      }),
    });
    const run = await runCli(['import', 'croissant', 'evil.json', '--out', tempRepo(), '--dry-run'], { cwd: source });
    expect(run.stderr).toContain('\\x1b]52;c;');
    expect(foreignControls(run.stdout + run.stderr)).toEqual([]);
  });

  it('in configuration errors', async () => {
    const run = await runCli(['lint'], { cwd: tempRepo({ 'dossier.yaml': 'rules:\n  "x\\e]52;c;AAAA\\a": error\n' }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('\\x1b]52');
    expect(foreignControls(run.stderr)).toEqual([]);
  });
});
