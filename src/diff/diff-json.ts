// The diff as JSON, described by schemas/diff.schema.json.

import { stableStringify } from '../ground/stable-json.js';
import type { SemanticDiff } from './change.js';

export const DIFF_FORMAT_VERSION = 1;

export function renderDiffJson(diff: SemanticDiff): string {
  return `${stableStringify({ apiVersion: 'dossier/v1', kind: 'Diff', formatVersion: DIFF_FORMAT_VERSION, ...diff })}\n`;
}
