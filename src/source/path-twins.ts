// Files a case-insensitive or normalising file system cannot tell apart (`Teams.yaml` beside
// `teams.yaml`, `café.yaml` composed and decomposed): git keeps both, a macOS or Windows checkout one.

import { fileCaseConflict } from '../ground/core-rules/file.js';
import { compareStrings, type Diagnostic } from '../ground/diagnostics.js';
import { createDiagnostic } from '../ground/rule-meta.js';

/** A `file/case-conflict` problem on every file but the first (in path order) of each group of twins. */
export function pathTwinDiagnostics(files: Iterable<string>): Diagnostic[] {
  const byFolded = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const file of [...files].sort(compareStrings)) {
    const folded = file.normalize('NFC').toLowerCase();
    const first = byFolded.get(folded);
    if (first === undefined) byFolded.set(folded, file);
    else {
      const start = { line: 0, column: 0 };
      diagnostics.push(createDiagnostic(fileCaseConflict, 'conflict', { other: first }, { file, range: { start, end: start } }));
    }
  }
  return diagnostics;
}
