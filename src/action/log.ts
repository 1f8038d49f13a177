// What the Action prints to the step log: text from the repository (file names, entity names, git's
// messages) can never start a workflow command (`::add-mask::`, `::error::`, `##[set-output]`).

import * as core from '@actions/core';
import { inertToRunner } from '../ground/terminal-text.js';

/**
 * Text made inert for the step log, line by line (inertToRunner); a lone carriage return, which a
 * terminal shows as a new line, becomes one.
 */
export function inertLogText(text: string): string {
  return text.replace(/\r\n?/g, '\n').split('\n').map(inertToRunner).join('\n');
}

/** core.info for text that may come from the repository: the one way src/action/ prints to the log. */
export function logInfo(text: string): void {
  core.info(inertLogText(text));
}
