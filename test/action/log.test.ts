// Text from the repository printed by the Action starts no workflow command.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inertLogText } from '../../src/action/log.js';

/**
 * The lines the runner would take as workflow commands: `::` after the white space .NET trims
 * (U+0085 too), or `##[` anywhere in the line (its older parser).
 */
const commands = (log: string) => log.split(/\r\n|\r|\n/).filter((line) => /^[\s\u0085]*::|##\[/.test(line));

describe('the step log', () => {
  it.each([
    ['a file name with a newline and ::error', 'model:default/m: added in models/x\n::error::pwned.yaml'],
    ['::add-mask:: after a carriage return', 'model:default/m: added in a\r::add-mask::secret'],
    ['indented ::set-env', 'Could not push: \n   ::set-env name=NODE_OPTIONS::--require=/tmp/x'],
    ['a legacy ##[ command', 'x\n##[error]pwned'],
    ['a legacy ##[ command inside a line', 'updated in models/v ##[error]Forged annotation.yaml'],
    ['::add-mask:: after U+0085, which the runner trims', 'a\n\u0085::add-mask::hunter2.yaml'],
  ])('%s starts no command', (_name, text) => {
    expect(commands(text)).not.toEqual([]);
    expect(commands(inertLogText(text))).toEqual([]);
    expect(
      inertLogText(text)
        .replace(/\u200b/g, '')
        .replace(/\r/g, '\n'),
    ).toBe(text.replace(/\r\n?/g, '\n'));
  });

  it('is written through logInfo only: no core.info elsewhere in src/action/', () => {
    const folder = path.resolve('src/action');
    const direct = readdirSync(folder).filter(
      (file) => file !== 'log.ts' && /core\.(info|debug)\(/.test(readFileSync(path.join(folder, file), 'utf8')),
    );
    expect(direct).toEqual([]);
  });
});
