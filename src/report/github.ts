// GitHub Actions workflow commands: one annotation per diagnostic.
// Escaping follows the runner's rules (actions/toolkit, packages/core/src/command.ts).

import type { Diagnostic } from '../ground/diagnostics.js';
import type { Formatter } from './formatter.js';
import { oneBasedRange } from '../ground/location.js';
import { terminalLines, terminalText } from '../ground/terminal-text.js';

const COMMANDS: Record<Diagnostic['severity'], string> = { error: 'error', warning: 'warning', info: 'notice' };

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const formatGithub: Formatter = (diagnostics, context) =>
  diagnostics
    .map((d) => {
      const { line, column, endLine, endColumn } = oneBasedRange(d.range);
      const properties = [
        `file=${escapeProperty(terminalText(context.repositoryPath?.(d.file) ?? d.file))}`,
        `line=${line}`,
        `col=${column}`,
        `endLine=${endLine}`,
        `endColumn=${endColumn}`,
        `title=${escapeProperty(`Dossier ${d.ruleId}`)}`,
      ].join(',');
      // The step log is a terminal too: no control character of the repository's text reaches it.
      const message = terminalLines(d.hint === undefined ? d.message : `${d.message}\n${d.hint}`);
      return `::${COMMANDS[d.severity]} ${properties}::${escapeData(message)}\n`;
    })
    .join('');
