import { describe, expect, it } from 'vitest';
import { terminalLines, terminalText } from '../../src/ground/terminal-text.js';

describe('terminalText', () => {
  const cases: [string, string, string][] = [
    ['plain text, accents and emoji', 'fraud-détecteur ✔ 🚀', 'fraud-détecteur ✔ 🚀'],
    ['an OSC 52 clipboard write', 'a\x1b]52;c;cm0gLXJmIH4=\x07b', 'a\\x1b]52;c;cm0gLXJmIH4=\\x07b'],
    ['a screen clear', '\x1b[2J\x1b[H', '\\x1b[2J\\x1b[H'],
    ['line breaks, carriage returns and tabs', 'a\nb\rc\td', 'a\\nb\\rc\\td'],
    ['DEL and a C1 CSI', 'a\x7fb\x9bc', 'a\\x7fb\\x9bc'],
    ['a right-to-left override', 'abc\u202Edcba', 'abc\\u202edcba'],
    // CLI output is the step log in CI: a file name must not start a workflow command there.
    ['a workflow command at the start', '::error file=x::forged.yaml', ':\u200b:error file=x::forged.yaml'],
    ["the runner's older command syntax anywhere", 'models/v ##[error]Forged.yaml', 'models/v #\u200b#[error]Forged.yaml'],
  ];
  for (const [name, input, shown] of cases) {
    it(`shows ${name} escaped`, () => {
      expect(terminalText(input)).toBe(shown);
    });
  }
});

describe('terminalLines', () => {
  it("keeps a message's line breaks and escapes the rest", () => {
    expect(terminalLines('first \x1b[31m\nsecond\r')).toBe('first \\x1b[31m\nsecond\\r');
  });
});
