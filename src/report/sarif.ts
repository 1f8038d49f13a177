// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

import type { Diagnostic } from '../ground/diagnostics.js';
import type { Formatter } from './formatter.js';
import { oneBasedRange } from '../ground/location.js';

const LEVELS: Record<Diagnostic['severity'], 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

function sarifRegion(d: Diagnostic) {
  const { line, column, endLine, endColumn } = oneBasedRange(d.range);
  return { startLine: line, startColumn: column, endLine, endColumn };
}

export const formatSarif: Formatter = (diagnostics, context) => {
  const ruleIndex = new Map(context.rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Dossier',
            version: context.toolVersion,
            rules: context.rules.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/[/-](\w)/g, (_m, letter: string) => letter.toUpperCase()),
              shortDescription: { text: rule.description },
              defaultConfiguration: { level: LEVELS[rule.defaultSeverity] },
              fullDescription: { text: rule.description },
              help: { text: `${rule.description} See docs/rules/${rule.id}.md.` },
            })),
          },
        },
        // Columns are offsets in JavaScript strings: UTF-16 code units, not code points.
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
        results: diagnostics.map((d) => ({
          ruleId: d.ruleId,
          ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
          level: LEVELS[d.severity],
          message: { text: d.hint === undefined ? d.message : `${d.message} ${d.hint}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(context.repositoryPath?.(d.file) ?? d.file), uriBaseId: '%SRCROOT%' },
                region: sarifRegion(d),
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
