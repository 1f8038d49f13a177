// Text from metadata, file names, imported documents or git shown on a terminal, with control characters made visible.
//
// A terminal obeys the control characters it is sent: ESC starts sequences that clear the screen,
// rewrite the title or the clipboard (OSC 52), BEL rings, CR rewrites a line, C1 codes act as ESC
// on some terminals, and bidirectional overrides reorder what is shown. Every value that reaches a
// terminal in text output passes through here; the formatter adds its own colours and line breaks.

/** C0 controls (line breaks and tabs too), DEL, C1 controls, and the Unicode bidirectional embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeControl(char: string): string {
  const code = char.charCodeAt(0);
  return NAMED[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/**
 * A workflow command the GitHub Actions runner would read from a line: `::` at its start (after the
 * white space .NET trims, which includes U+0085), or `##[` anywhere (the runner's older syntax).
 */
const COMMAND_AT_START = /^([\s\u0085]*)([:#])(?=:|#\[)/;
const OLD_COMMAND = /##\[/g;

/** A line of text from the repository that the Actions runner cannot take for a command: a zero-width space breaks each one. */
export function inertToRunner(line: string): string {
  return line.replace(COMMAND_AT_START, '$1$2\u200b').replace(OLD_COMMAND, '#\u200b#[');
}

/**
 * `value` with every control character shown as an escape (`\x1b`, `\n`, `\u202e`), for one field
 * of terminal output, and no workflow command in it (CLI output is read by the Actions runner in CI);
 * text without either is returned as it is.
 */
export function terminalText(value: string): string {
  return inertToRunner(visibleControls(value));
}

/** `value` with every control character shown as an escape, as terminalText shows it. */
export function visibleControls(value: string): string {
  return value.replace(CONTROL, escapeControl);
}

/** Like terminalText, but keeps the line breaks of a message Dossier composed of several lines. */
export function terminalLines(message: string): string {
  return message.split('\n').map(terminalText).join('\n');
}
