// What the terminal allows: colours only on a TTY and never with NO_COLOR; progress only on a TTY outside CI.

import { terminalLines, terminalText } from '../ground/terminal-text.js';

export interface Terminal {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/**
 * Writes one line of a message: any control character in it, from a name, a path or an imported
 * value, is shown escaped (a line break too, so a value cannot fake a line of its own).
 */
export function writeLine(stream: NodeJS.WritableStream, line: string): void {
  stream.write(`${terminalText(line)}\n`);
}

/** Writes a message of several lines Dossier composed (an error, an outcome), its values shown as writeLine shows them. */
export function writeMessage(stream: NodeJS.WritableStream, message: string): void {
  stream.write(`${terminalLines(message)}\n`);
}

/** Whether the command runs in CI, as CI services say (`CI=true`; `CI=false` or empty: not). */
export function isContinuousIntegration(env: Readonly<Record<string, string | undefined>>): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

export function progressEnabled(terminal: Terminal): boolean {
  return terminal.stderr.isTTY === true && !isContinuousIntegration(terminal.env) && terminal.env.TERM !== 'dumb';
}

/** A one-line status on stderr that rewrites itself, and leaves nothing behind when done. */
export class Progress {
  readonly #terminal: Terminal;
  readonly #enabled: boolean;
  #shown = false;

  constructor(terminal: Terminal) {
    this.#terminal = terminal;
    this.#enabled = progressEnabled(terminal);
  }

  update(message: string): void {
    if (!this.#enabled) return;
    this.#terminal.stderr.write(`\r\x1b[2K${message}`);
    this.#shown = true;
  }

  done(): void {
    if (this.#shown) this.#terminal.stderr.write('\r\x1b[2K');
    this.#shown = false;
  }
}
