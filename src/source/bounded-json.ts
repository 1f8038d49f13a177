// JSON from outside (an imported file, another repository's catalog) parsed with YAML's bound on
// nesting: whatever reads it walks values recursively, and a 20,000-deep value would overflow the stack.

import { MAX_DEPTH } from './yaml-limits.js';

/**
 * `text` parsed as JSON, refused (as `SyntaxError`, like JSON.parse's own errors) when nested deeper
 * than `maxDepth` (YAML input's bound unless the value wraps such input, as a catalog does).
 */
export function parseBoundedJson(text: string, maxDepth = MAX_DEPTH): unknown {
  const value: unknown = JSON.parse(text);
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= maxDepth) throw new SyntaxError(`nested more than ${maxDepth} levels deep`);
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return value;
}
