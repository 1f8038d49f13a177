// The one shape every problem takes, from a YAML syntax error to a dangling reference.

import { countOf } from './count-noun.js';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

/** A 0-based position in a file's text (line, character column). */
export interface Position {
  line: number;
  column: number;
}

/** A 0-based, end-exclusive range in a file. */
export interface Range {
  start: Position;
  end: Position;
}

/** The values a message template's `{{placeholders}}` are filled with. */
export type MessageData = Readonly<Record<string, string | number>>;

export interface Diagnostic {
  /** Stable rule id, `family/name`. */
  ruleId: string;
  /** Which of the rule's messages this is: with `data`, what tools match on instead of the text. */
  messageId: string;
  data: MessageData;
  severity: Severity;
  message: string;
  /** How to fix it, when there is something useful to say. */
  hint?: string;
  /** Path of the file, relative to the working directory, with forward slashes. */
  file: string;
  range: Range;
  /** Identity of the entity the problem belongs to, when there is one. */
  entity?: string;
}

/**
 * A problem's identity across revisions or edits of its file: lines move, so its position is left
 * out. The diff and `dossier record` tell new problems from those already there by it.
 */
export function problemKey(d: Diagnostic): string {
  return `${d.ruleId}\n${d.entity ?? d.file}\n${d.message}`;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message) ||
    // One place can carry the problems of several entities (a YAML anchor they share): an order that
    // does not hang on which was checked first, so an incremental link lists them as a whole one does.
    compareStrings(a.entity ?? '', b.entity ?? '')
  );
}

/** Ordinal string comparison: the same order on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface DiagnosticCounts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const d of diagnostics) {
    if (d.severity === 'error') counts.errors++;
    else if (d.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

/** `1 error, 2 warnings, 0 info`: the counts in words, each agreeing with its number. */
export function describeCounts(counts: DiagnosticCounts): string {
  return `${countOf(counts.errors, 'error')}, ${countOf(counts.warnings, 'warning')}, ${countOf(counts.infos, 'info', 'info')}`;
}

export const ZERO_RANGE: Range = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
