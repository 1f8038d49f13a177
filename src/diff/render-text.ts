// The diff for a terminal: verdict, then each change with its details.

import pc from 'picocolors';
import { terminalText } from '../ground/terminal-text.js';
import type { ChangeLevel, SemanticDiff } from './change.js';

export function verdict(diff: SemanticDiff): string {
  const { breaking, warning, info } = diff.summary;
  if (breaking > 0) return `${breaking} breaking change${breaking === 1 ? '' : 's'}`;
  if (warning > 0) return `No breaking changes; ${warning} warning${warning === 1 ? '' : 's'} to review`;
  if (info > 0) return `No breaking changes or warnings; ${info} informational change${info === 1 ? '' : 's'}`;
  return 'No metadata changes';
}

export function renderDiffText(diff: SemanticDiff, color: boolean): string {
  const c = pc.createColors(color);
  const paint: Record<ChangeLevel, (s: string) => string> = { breaking: c.red, warning: c.yellow, info: c.blue };
  const { summary } = diff;
  const lines = [
    c.bold(verdict(diff)),
    c.dim(
      `${terminalText(diff.base.ref)} (${diff.base.sha.slice(0, 7)}) → ${terminalText(diff.head.ref)}${diff.head.sha ? ` (${diff.head.sha.slice(0, 7)})` : ''}: ${summary.added} added, ${summary.removed} removed, ${summary.changed} changed, ${summary.newProblems} new problems`,
    ),
  ];
  for (const change of diff.changes) {
    lines.push(
      '',
      `${paint[change.level](change.level.padEnd(8))} ${terminalText(change.title)}  ${c.dim(terminalText(`${change.id} ${change.fingerprint}`))}`,
    );
    for (const detail of change.details) lines.push(`         ${c.dim('·')} ${terminalText(detail)}`);
    if (change.accepted)
      lines.push(`         ${c.dim(`accepted (was ${change.accepted.originalLevel}): ${terminalText(change.accepted.reason)}`)}`);
    lines.push(`         ${c.dim(terminalText(`${change.file}:${change.line}`))}`);
  }
  return `${lines.join('\n')}\n`;
}
