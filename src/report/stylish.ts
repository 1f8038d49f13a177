// Human output grouped by file, in the manner of ESLint's stylish formatter.

import pc from 'picocolors';
import { countDiagnostics, type Diagnostic } from '../ground/diagnostics.js';
import type { Formatter } from './formatter.js';
import { oneBasedRange } from '../ground/location.js';
import { terminalText } from '../ground/terminal-text.js';

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export const formatStylish: Formatter = (diagnostics, context) => {
  const c = pc.createColors(context.color);
  const severityLabel: Record<Diagnostic['severity'], string> = {
    error: c.red('error'),
    warning: c.yellow('warning'),
    info: c.blue('info'),
  };
  const lines: string[] = [];
  // Positions line up within a file, at least two spaces before the severity, as ESLint's do.
  const positionWidth = new Map<string, number>();
  for (const d of diagnostics) {
    const { line, column } = oneBasedRange(d.range);
    positionWidth.set(d.file, Math.max(positionWidth.get(d.file) ?? 8, `${line}:${column}`.length + 2));
  }
  let currentFile: string | undefined;
  for (const d of diagnostics) {
    if (d.file !== currentFile) {
      if (currentFile !== undefined) lines.push('');
      lines.push(c.underline(terminalText(d.file)));
      currentFile = d.file;
    }
    const width = positionWidth.get(d.file) ?? 8;
    const { line, column } = oneBasedRange(d.range);
    const position = c.dim(`${line}:${column}`.padEnd(width));
    const severity = severityLabel[d.severity] + ' '.repeat(8 - d.severity.length);
    lines.push(`  ${position}${severity}${terminalText(d.message)}  ${c.dim(terminalText(d.ruleId))}`);
    if (d.hint !== undefined) lines.push(`  ${' '.repeat(width + 8)}${c.dim(`hint: ${terminalText(d.hint)}`)}`);
  }
  const counts = countDiagnostics(diagnostics);
  const total = counts.errors + counts.warnings + counts.infos;
  const hidden = context.hidden ?? 0;
  const notShown = hidden === 0 ? '' : ` (${hidden} ${hidden === 1 ? 'warning or info' : 'warnings and infos'} not shown: --quiet)`;
  if (total === 0)
    return `${c.green('✔')} No ${hidden === 0 ? 'problems' : 'errors'} in ${plural(context.fileCount, 'file')}${notShown}.\n`;
  const summary = `✖ ${plural(total, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${counts.infos} info)${notShown}`;
  lines.push('', counts.errors > 0 ? c.bold(c.red(summary)) : c.bold(c.yellow(summary)));
  return `${lines.join('\n')}\n`;
};
