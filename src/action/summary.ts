// The job summary: lint results as a table and the diff as in the pull request comment, under the
// runner's 1 MiB limit.

import { countDiagnostics, describeCounts, type Diagnostic } from '../ground/diagnostics.js';
import type { SemanticDiff } from '../diff/change.js';
import { codeSpan, safeMarkdown } from '../ground/markdown-safety.js';
import { renderDiffMarkdown } from '../diff/render-markdown.js';
import { formatLocation } from '../ground/location.js';

export const SUMMARY_LIMIT = 1024 * 1024 - 4096;
const MAX_ROWS = 200;
const TABLE = { table: true };

export function jobSummary(
  diagnostics: readonly Diagnostic[],
  diff: SemanticDiff | undefined,
  linkTo?: (file: string, line: number, atBase: boolean) => string | undefined,
): string {
  const counts = countDiagnostics(diagnostics);
  const lines = [`## Dossier lint: ${describeCounts(counts)}`, ''];
  if (diagnostics.length > 0) {
    lines.push('| severity | where | problem | rule |', '| --- | --- | --- | --- |');
    for (const d of diagnostics.slice(0, MAX_ROWS)) {
      lines.push(
        `| ${d.severity} | ${codeSpan(formatLocation(d.file, d.range.start), TABLE)} | ${safeMarkdown(d.message, TABLE)} | ${codeSpan(d.ruleId, TABLE)} |`,
      );
    }
    if (diagnostics.length > MAX_ROWS)
      lines.push('', `${diagnostics.length - MAX_ROWS} more problems are in the SARIF file and the step log.`);
  }
  if (diff !== undefined) {
    const budget = SUMMARY_LIMIT - lines.join('\n').length - 100;
    lines.push('', renderDiffMarkdown(diff, { limit: Math.max(10_000, budget), ...(linkTo ? { linkTo } : {}) }));
  }
  return `${lines.join('\n')}\n`;
}
