// Diagnostics as GitHub annotations, within the runner's caps: changed files first, the rest counted.

import type { Diagnostic, Severity } from '../ground/diagnostics.js';
import { SEVERITY_ORDER } from '../ground/diagnostics.js';

/** GitHub shows at most 10 annotations of each type per step. */
export const ANNOTATIONS_PER_SEVERITY = 10;

export interface AnnotationPlan {
  shown: Diagnostic[];
  notShown: number;
}

export function planAnnotations(diagnostics: readonly Diagnostic[], changedFiles: ReadonlySet<string>): AnnotationPlan {
  const ordered = [...diagnostics].sort(
    (a, b) =>
      Number(changedFiles.has(b.file)) - Number(changedFiles.has(a.file)) || SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity],
  );
  const used: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const shown: Diagnostic[] = [];
  for (const diagnostic of ordered) {
    if (used[diagnostic.severity] >= ANNOTATIONS_PER_SEVERITY) continue;
    used[diagnostic.severity]++;
    shown.push(diagnostic);
  }
  return { shown, notShown: diagnostics.length - shown.length };
}
