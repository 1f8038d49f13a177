// Inline suppressions in YAML comments: `# dossier-disable-next-line <rule-id>[, <rule-id>] -- reason`.
// A suppression that suppresses nothing, or gives no reason, is itself reported.

import type { Diagnostic } from '../ground/diagnostics.js';
import { suppressionWithoutReason, unusedSuppression } from '../ground/core-rules/suppression.js';
import { createDiagnostic } from '../ground/rule-meta.js';
import { groupBy } from '../ground/collections.js';
import { lazyModule } from '../ground/lazy-module.js';

const MARKER = 'dossier-disable-next-line';
const DIRECTIVE = /^(\s*#\s*)dossier-disable-next-line\b(.*)$/;

export interface Suppression {
  file: string;
  line: number;
  column: number;
  length: number;
  rules: string[];
  reason: string;
}

export interface SuppressibleSource {
  file: string;
  text: string;
}

/** Whether a text may hold suppression comments: a text without is not looked at again to apply them. */
export function hasSuppressions(text: string): boolean {
  return text.includes(MARKER);
}

/** The `yaml` package's lexer tells comments from text that looks like one (in a block of text). */
const yamlPackage = lazyModule<typeof import('yaml')>('yaml');

/** Tokens the lexer adds to mark structure, which are not in the text. */
const MARKER_TOKENS = new Set(['\x02', '\x18', '\x1f']);

/** The 0-based lines of `text` that hold a YAML comment and nothing before it. */
function commentLines(text: string): Set<number> {
  const lines = new Set<number>();
  let offset = 0;
  let line = 0;
  let counted = 0;
  for (const token of new (yamlPackage().Lexer)().lex(text)) {
    if (MARKER_TOKENS.has(token)) continue;
    if (token.startsWith('#')) {
      for (; counted < offset; counted++) if (text.charCodeAt(counted) === 10) line++;
      const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
      if (text.slice(lineStart, offset).trim() === '') lines.add(line);
    }
    offset += token.length;
  }
  return lines;
}

/** The suppression comments of a file, each at its 0-based line. */
export function findSuppressions(source: SuppressibleSource): Suppression[] {
  if (!hasSuppressions(source.text)) return [];
  const comments = commentLines(source.text);
  const found: Suppression[] = [];
  source.text.split('\n').forEach((line, index) => {
    const match = DIRECTIVE.exec(line.replace(/\r$/, ''));
    if (match === null || !comments.has(index)) return;
    const [rulesPart = '', reason = ''] = (match[2] ?? '').split(/\s--(?:\s|$)/, 2);
    found.push({
      file: source.file,
      line: index,
      column: (match[1] ?? '').replace(/#\s*$/, '').length,
      length: line.trimEnd().length,
      rules: rulesPart.split(/[\s,]+/).filter((rule) => rule !== ''),
      reason: reason.trim(),
    });
  });
  return found;
}

export function applySuppressions(diagnostics: readonly Diagnostic[], sources: readonly SuppressibleSource[]): Diagnostic[] {
  const suppressions = sources.flatMap(findSuppressions);
  if (suppressions.length === 0) return [...diagnostics];
  const byLine = groupBy(suppressions, (suppression) => `${suppression.file}:${suppression.line + 1}`);
  const used = new Set<string>();
  const kept = diagnostics.filter((diagnostic) => {
    const candidates = byLine.get(`${diagnostic.file}:${diagnostic.range.start.line}`) ?? [];
    const suppression = candidates.find((s) => s.rules.includes(diagnostic.ruleId));
    if (suppression === undefined) return true;
    used.add(`${suppression.file}:${suppression.line}:${diagnostic.ruleId}`);
    return false;
  });
  for (const suppression of suppressions) {
    const at = {
      file: suppression.file,
      range: { start: { line: suppression.line, column: suppression.column }, end: { line: suppression.line, column: suppression.length } },
    };
    for (const rule of suppression.rules) {
      if (!used.has(`${suppression.file}:${suppression.line}:${rule}`))
        kept.push(createDiagnostic(unusedSuppression, 'unused', { rule }, at));
    }
    if (suppression.rules.length === 0) kept.push(createDiagnostic(unusedSuppression, 'unused', { rule: '(no rule id)' }, at));
    if (suppression.reason === '')
      kept.push(createDiagnostic(suppressionWithoutReason, 'missing', { rules: suppression.rules.join(', ') || '<rule-id>' }, at));
  }
  return kept;
}
