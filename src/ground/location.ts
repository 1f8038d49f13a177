// Positions as people and tools count them: lines and columns from 1. Inside Dossier every position
// is 0-based (diagnostics.ts); this module is the one place that converts. Columns count UTF-16
// code units, as JavaScript strings, editors (LSP) and SARIF's `utf16CodeUnits` do.

import type { Position, Range } from './diagnostics.js';

export interface OneBasedRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function oneBasedRange(range: Range): OneBasedRange {
  return { line: range.start.line + 1, column: range.start.column + 1, endLine: range.end.line + 1, endColumn: range.end.column + 1 };
}

/** `file:line:col`, or `file:line` without a column. */
export function formatLocation(file: string, position: Position | { line: number; column?: number }): string {
  return position.column === undefined ? `${file}:${position.line + 1}` : `${file}:${position.line + 1}:${position.column + 1}`;
}
