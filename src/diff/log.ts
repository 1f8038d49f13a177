// The semantic history: the changes `dossier diff` finds, commit by commit along the first-parent
// line, as events; rendered for a terminal, as JSON (schemas/log.schema.json) and as Markdown.

import pc from 'picocolors';
import { stableStringify } from '../ground/stable-json.js';
import type { Change, ChangeLevel } from './change.js';
import { safeMarkdown } from '../ground/markdown-safety.js';
import { terminalText } from '../ground/terminal-text.js';

export interface LogEvent {
  commit: string;
  /** ISO 8601 committer date of the commit: when it entered the history, as `--at` reads dates. */
  date: string;
  author: string;
  /** Identity of the entity the change is about. */
  entity: string;
  /** The change id, as `dossier diff` names it (`stage-promoted`, `feature-removed` ...). */
  change: string;
  level: ChangeLevel;
  message: string;
  file: string;
  line: number;
}

export interface SemanticLog {
  events: LogEvent[];
  /** Set when the clone is shallow: the oldest commit it has. */
  shallowAt?: string;
}

export function eventOf(commit: { sha: string; date: string; author: string }, change: Change): LogEvent {
  return {
    commit: commit.sha,
    date: commit.date,
    author: commit.author,
    entity: change.entity,
    change: change.id,
    level: change.level,
    message: change.title,
    file: change.file,
    line: change.line,
  };
}

const SHALLOW_NOTE = (sha: string) =>
  `History stops at ${sha.slice(0, 7)}: this clone is shallow. Fetch the rest with \`git fetch --unshallow\` (in GitHub Actions: \`fetch-depth: 0\`).`;

export function renderLogJson(log: SemanticLog): string {
  return `${stableStringify({ apiVersion: 'dossier/v1', kind: 'Log', events: log.events, ...(log.shallowAt ? { shallowAt: log.shallowAt } : {}) })}\n`;
}

/** Events grouped by commit, newest first. */
function byCommit(events: readonly LogEvent[]): LogEvent[][] {
  const groups: LogEvent[][] = [];
  for (const event of events) {
    const last = groups.at(-1);
    if (last?.[0]?.commit === event.commit) last.push(event);
    else groups.push([event]);
  }
  return groups;
}

export function renderLogText(log: SemanticLog, color: boolean): string {
  const c = pc.createColors(color);
  const paint: Record<ChangeLevel, (s: string) => string> = { breaking: c.red, warning: c.yellow, info: c.blue };
  const lines: string[] = [];
  for (const group of byCommit(log.events)) {
    const first = group[0] as LogEvent;
    if (lines.length > 0) lines.push('');
    lines.push(
      `${c.bold(terminalText(first.date.slice(0, 10)))} ${c.yellow(terminalText(first.commit.slice(0, 7)))} ${terminalText(first.author)}`,
    );
    for (const event of group)
      lines.push(`  ${paint[event.level](event.level.padEnd(8))} ${terminalText(event.message)}  ${c.dim(terminalText(event.change))}`);
  }
  if (lines.length === 0) lines.push('No metadata changes in this range.');
  if (log.shallowAt !== undefined) lines.push('', c.dim(SHALLOW_NOTE(log.shallowAt)));
  return `${lines.join('\n')}\n`;
}

export function renderLogMarkdown(log: SemanticLog): string {
  const lines = ['## Metadata history', ''];
  for (const group of byCommit(log.events)) {
    const first = group[0] as LogEvent;
    lines.push(`### ${first.date.slice(0, 10)} · \`${first.commit.slice(0, 7)}\` · ${safeMarkdown(first.author)}`, '');
    for (const event of group) lines.push(`- **${event.level}** ${safeMarkdown(event.message)} (\`${event.change}\`)`);
    lines.push('');
  }
  if (log.events.length === 0) lines.push('No metadata changes in this range.', '');
  if (log.shallowAt !== undefined) lines.push(`> ${SHALLOW_NOTE(log.shallowAt)}`, '');
  return lines.join('\n');
}
