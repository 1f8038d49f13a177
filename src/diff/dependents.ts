// Who still depends on an entity a change removes: the entities whose references at head still
// name it. A reference that moved with a rename, or that now resolves to another version, no
// longer depends on what was removed.

import type { CatalogReader, Relation } from '../catalog/catalog.js';
import { compareStrings } from '../ground/diagnostics.js';
import { DANGLING_REFERENCE_RULES, type SupersededProblem } from './detector.js';

const samePointer = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((segment, i) => segment === b[i]);

/** A reference at head that still names what was removed. */
export interface DanglingReference {
  /** The referring entity. */
  source: string;
  /** The reference as written. */
  text: string;
}

/**
 * The references of active entities at head that still name `identity` as they did at base: the
 * same reference text, now resolving to nothing. In order of the referring entity.
 */
export function stillReferencingAtHead(base: CatalogReader, head: CatalogReader, identity: string): DanglingReference[] {
  const found = new Map<string, DanglingReference>();
  for (const relation of base.incoming(identity)) {
    const text = danglingText(base, head, relation);
    if (text !== undefined) found.set(`${relation.source}\n${text}`, { source: relation.source, text });
  }
  return [...found.values()].sort((a, b) => compareStrings(a.source, b.source) || compareStrings(a.text, b.text));
}

/** The entities those references are in, each once. */
export function danglingSources(dangling: readonly DanglingReference[]): string[] {
  return [...new Set(dangling.map((reference) => reference.source))];
}

/** The problems lint reports at those references: the change that left them dangling already says them. */
export function danglingProblems(dangling: readonly DanglingReference[]): SupersededProblem[] {
  return dangling.map(({ source, text }) => ({ rules: DANGLING_REFERENCE_RULES, entity: source, data: { ref: text } }));
}

function danglingText(base: CatalogReader, head: CatalogReader, relation: Relation): string | undefined {
  const before = base.get(relation.source);
  const after = head.get(relation.source);
  if (before === undefined || after === undefined) return undefined;
  const text = before.references.find((reference) => samePointer(reference.pointer, relation.pointer))?.text;
  if (text === undefined) return undefined;
  const resolved = head.outgoing(relation.source);
  const dangling = after.references.some(
    (reference) => reference.text === text && !resolved.some((now) => samePointer(now.pointer, reference.pointer)),
  );
  return dangling ? text : undefined;
}
