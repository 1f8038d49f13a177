// Identities defined more than once: which definition counts, and the problem each definition reports.

import { compareStrings, type Diagnostic } from '../ground/diagnostics.js';
import { duplicateIdentity } from '../ground/core-rules/entity.js';
import { createDiagnostic } from '../ground/rule-meta.js';
import type { Entity } from '../model/entity.js';
import type { LocateNode } from './locations.js';
import { formatLocation } from '../ground/location.js';

/** Which of several definitions of one identity counts: the first in file order. */
export function sourceOrder(a: Entity, b: Entity): number {
  return compareStrings(a.source.file, b.source.file) || a.source.document - b.source.document;
}

/** The definition of each identity a link keeps in the Catalog: the first by file and place. */
export function firstDefinitions(entities: readonly Entity[]): Entity[] {
  const first = new Map<string, Entity>();
  for (const entity of entities) {
    const kept = first.get(entity.identity);
    if (kept === undefined || sourceOrder(entity, kept) < 0) first.set(entity.identity, entity);
  }
  return [...first.values()];
}

/** How many other definitions a duplicate names: a file of thousands of copies must not print millions of places. */
const OTHERS_NAMED = 5;

/** Every definition of an identity defined more than once is reported, naming the others (the first few, then how many more). */
export function duplicateDiagnostics(identity: string, definitions: readonly Entity[], locate: LocateNode): Diagnostic[] {
  if (definitions.length < 2) return [];
  const places = definitions.slice(0, OTHERS_NAMED + 1).map((other) => formatLocation(other.source.file, other.source));
  return definitions.map((entity, index) => {
    const named = places.filter((_, other) => other !== index).slice(0, OTHERS_NAMED);
    const more = definitions.length - 1 - named.length;
    const others = more > 0 ? `${named.join(', ')} and ${more} more` : named.join(', ');
    return createDiagnostic(
      duplicateIdentity,
      'duplicate',
      { identity, count: definitions.length, others },
      { file: entity.source.file, range: locate(entity.source.file, entity.source.document, ['metadata', 'name']), entity: identity },
    );
  });
}
