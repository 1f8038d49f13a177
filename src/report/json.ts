// Machine-readable lint output: every diagnostic with 1-based positions and a summary.

import { countDiagnostics } from '../diagnostics.js';
import { toDiagnosticJson } from '../compile/catalog-json.js';
import { stableStringify } from '../stable-json.js';
import type { Formatter } from './formatter.js';

export const formatJson: Formatter = (diagnostics, context) =>
  `${stableStringify({
    tool: { name: 'dossier', version: context.toolVersion },
    summary: { files: context.fileCount, ...countDiagnostics(diagnostics) },
    diagnostics: diagnostics.map(toDiagnosticJson),
  })}\n`;
