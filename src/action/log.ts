// What the Action prints to the step log: text from the repository (file names, entity names, git's
// messages) can never start a workflow command (`::add-mask::`, `::error::`, `##[set-output]`).

import * as core from '@actions/core';

/**
 * Text made inert for the step log: the runner reads a command from any line that starts (after
 * spaces) with `::` or `##[`, so such a line gets a zero-width space after its first character;
 * a lone carriage return, which a terminal shows as a new line, becomes one.
 */
export function inertLogText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/^(\s*)([:#])(?=:|#\[)/, '$1$2\u200b'))
    .join('\n');
}

/** core.info for text that may come from the repository: the one way src/action/ prints to the log. */
export function logInfo(text: string): void {
  core.info(inertLogText(text));
}
