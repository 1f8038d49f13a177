// Inline suppressions a change adds: a `# dossier-disable-next-line <rule> -- reason` comment turns a
// rule off where a `rules:` change in dossier.yaml would be a rule-loosened warning, so the reviewer
// is told of each one, with its rules and reason. One that moves to another document or line is new.

import path from 'node:path';
import { findSuppressions, type Suppression, type SuppressibleSource } from '../rules/apply-suppressions.js';
import type { ConfigChange } from './config-changes.js';
import { mayHoldEntities } from '../source/dossier-files.js';

/**
 * A suppression is the same one when it turns off the same rules, for the same reason, before the
 * same line of the same document of its file: moved elsewhere, it hides another entity's problems.
 */
function keyedSuppressions(source: SuppressibleSource): { suppression: Suppression; key: string }[] {
  // Other tools' YAML files are not read for entities: a comment there suppresses nothing.
  if (!mayHoldEntities(source.text)) return [];
  const found = findSuppressions(source);
  if (found.length === 0) return [];
  const lines = source.text.split('\n');
  let document = 0;
  let line = 0;
  return found.map((suppression) => {
    for (; line < suppression.line; line++) if (/^---(\s|$)/.test(lines[line] ?? '')) document++;
    const next = (lines[suppression.line + 1] ?? '').trim();
    const key = [source.file, document, next, [...suppression.rules].sort().join(','), suppression.reason].join('\0');
    return { suppression, key };
  });
}

/**
 * The suppressions at head that the base does not have as many of (see `keyedSuppressions`).
 * `inRepository` maps a file's display path to its path from the repository's top.
 */
export function suppressionChanges(
  base: readonly SuppressibleSource[],
  head: readonly SuppressibleSource[],
  inRepository: (file: string) => string,
): ConfigChange[] {
  const remaining = new Map<string, number>();
  for (const { key } of base.flatMap(keyedSuppressions)) remaining.set(key, (remaining.get(key) ?? 0) + 1);
  const changes: ConfigChange[] = [];
  for (const { suppression, key } of head.flatMap(keyedSuppressions)) {
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      continue;
    }
    const rules = suppression.rules.length === 0 ? 'no rule' : suppression.rules.map((rule) => `\`${rule}\``).join(', ');
    const line = suppression.line + 1;
    changes.push({
      id: 'suppression-added',
      level: 'warning',
      title: `New inline suppression turns off ${rules} for the next line of \`${suppression.file}\`${suppression.reason === '' ? ' (no reason given)' : `: ${suppression.reason}`}.`,
      details: [],
      after: { rules: suppression.rules, reason: suppression.reason },
      entity: suppression.file,
      file: suppression.file,
      line,
      inRepository: `${inRepository(suppression.file)}:${key}`,
    });
  }
  return changes;
}

/** A display path (relative to the working folder) as a path from the repository's top. */
export function fromTop(top: string, cwd: string): (file: string) => string {
  return (file) => path.relative(top, path.resolve(cwd, file)).split(path.sep).join('/');
}
