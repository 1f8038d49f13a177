// The `yaml` package writes a whole file when one value of it changes, and lays out the comments of
// lines nobody changed in its own way: one space before a trailing comment, a comment line indented
// as the next key. The author aligned them; an edit of another value keeps their lines as they were.

import { diffArrays } from 'diff';
import yaml from 'js-yaml';
import { isDeepStrictEqual } from 'node:util';
import { pushAll } from '../ground/collections.js';

/** Beyond this many lines added or removed, a file is taken as rewritten and written as edited. */
const MAX_EDIT_LINES = 2000;

/** A line as it reads without the spacing of its comment: the same for the author's layout and the package's. */
function withoutCommentSpacing(line: string): string {
  const trimmed = line.trim();
  if (trimmed.startsWith('#')) return trimmed;
  return line.replace(/\s+#/g, ' #').trimEnd();
}

function values(text: string): unknown[] | undefined {
  try {
    return yaml.loadAll(text, undefined, { schema: yaml.CORE_SCHEMA });
  } catch {
    return undefined;
  }
}

/**
 * `edited` with each line that differs from one of `original` only in the spacing of a comment
 * written as it was in `original`. Kept only when the file still means what `edited` means.
 */
export function keepCommentSpacing(original: string, edited: string): string {
  if (original === edited) return edited;
  const eol = edited.includes('\r\n') ? '\r\n' : '\n';
  const before = original.split(/\r?\n/);
  const after = edited.split(/\r?\n/);
  const parts = diffArrays(before, after, {
    comparator: (left, right) => withoutCommentSpacing(left) === withoutCommentSpacing(right),
    maxEditLength: MAX_EDIT_LINES,
  });
  if (parts === undefined) return edited;
  const lines: string[] = [];
  let at = 0;
  for (const part of parts) {
    if (part.added) pushAll(lines, part.value);
    else if (part.removed) at += part.count;
    else {
      pushAll(lines, before.slice(at, at + part.count));
      at += part.count;
    }
  }
  const kept = lines.join(eol);
  if (kept === edited) return edited;
  const meant = values(edited);
  return meant !== undefined && isDeepStrictEqual(values(kept), meant) ? kept : edited;
}
