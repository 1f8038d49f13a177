// Machine-readable lint output: every diagnostic with 1-based positions and a summary.

import { countDiagnostics, type Diagnostic, type DiagnosticCounts } from '../ground/diagnostics.js';
import { toDiagnosticJson } from '../compile/catalog-json.js';
import { stableStringify } from '../ground/stable-json.js';
import type { Formatter } from './formatter.js';
import { groupBy } from '../ground/collections.js';

const NO_ENTITY = '(no entity)';
const NO_OWNER = '(no owner)';

function countBy(diagnostics: readonly Diagnostic[], key: (d: Diagnostic) => string): Record<string, DiagnosticCounts> {
  return Object.fromEntries([...groupBy(diagnostics, key)].map(([group, members]) => [group, countDiagnostics(members)]));
}

export const formatJson: Formatter = (diagnostics, context) => {
  const owners = context.owners;
  return `${stableStringify({
    tool: { name: 'dossier', version: context.toolVersion },
    summary: {
      files: context.fileCount,
      ...countDiagnostics(diagnostics),
      byEntity: countBy(diagnostics, (d) => d.entity ?? NO_ENTITY),
      ...(owners === undefined
        ? {}
        : { byOwner: countBy(diagnostics, (d) => (d.entity === undefined ? NO_OWNER : (owners.get(d.entity) ?? NO_OWNER))) }),
    },
    diagnostics: diagnostics.map(toDiagnosticJson),
  })}\n`;
};
