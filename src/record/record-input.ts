// What a training job hands `dossier record`: entities in the format of docs/FORMAT.md, as JSON or
// YAML, one entity, a list, or a multi-document stream, checked by the same parse and schemas as
// lint, every problem at the input's own line and column.

import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { analyzeSources } from '../compile/compile-sources.js';
import { ZERO_RANGE, type Diagnostic, type Range } from '../ground/diagnostics.js';
import { emptyFile } from '../ground/core-rules/file.js';
import { createDiagnostic } from '../ground/rule-meta.js';
import type { Entity } from '../model/entity.js';
import { pushAll } from '../ground/collections.js';

export interface RecordInput {
  entities: Entity[];
  diagnostics: Diagnostic[];
}

/** Moves a range found in an item of the input down to the item's line in the whole input. */
function shifted(range: Range, line: number): Range {
  return { start: { ...range.start, line: range.start.line + line }, end: { ...range.end, line: range.end.line + line } };
}

/** A list of entities (a JSON array, a YAML sequence): each item is checked as a document of its own. */
function listItems(text: string): { text: string; line: number }[] | undefined {
  if (!/^\s*(\[|-\s)/.test(text)) return undefined;
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, keepSourceTokens: false });
  if (document.errors.length > 0 || !isSeq(document.contents)) return undefined;
  return document.contents.items.flatMap((item) => {
    if (!isMap(item)) return [];
    const [start, end] = item.range;
    const position = lineCounter.linePos(start);
    // Indented as in the input, so that a block mapping's later lines line up with its first, and columns hold.
    return [{ text: `${' '.repeat(position.col - 1)}${text.slice(start, end)}`, line: position.line - 1 }];
  });
}

export function readRecordInput(text: string, file: string): RecordInput {
  const items = listItems(text);
  if (items === undefined) return analyzeSources([{ file, text }]);
  const entities: Entity[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const item of items) {
    const analysis = analyzeSources([{ file, text: item.text }]);
    entities.push(
      ...analysis.entities.map((entity) => ({
        ...entity,
        source: { ...entity.source, line: entity.source.line + item.line },
      })),
    );
    pushAll(
      diagnostics,
      analysis.diagnostics.map((d) => ({ ...d, range: shifted(d.range, item.line) })),
    );
  }
  return { entities, diagnostics };
}

/** What stops a record before it starts: the input's errors, or an input without an entity (an empty pipe). */
export function inputProblems(input: RecordInput, file: string): Diagnostic[] {
  const errors = input.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || input.entities.length > 0) return errors;
  return [...input.diagnostics, { ...createDiagnostic(emptyFile, 'nothingToRecord', {}, { file, range: ZERO_RANGE }), severity: 'error' }];
}
