// Entities to a Catalog, reporting identities defined more than once.

import { compareStrings, type Diagnostic } from '../ground/diagnostics.js';
import { duplicateIdentity } from '../ground/core-rules/entity.js';
import { createDiagnostic } from '../ground/rule-meta.js';
import { Catalog } from './catalog.js';
import type { Entity } from '../model/entity.js';
import type { LocateNode } from './locations.js';
import { groupBy } from '../ground/collections.js';
import { formatLocation } from '../ground/location.js';

function sourceOrder(a: Entity, b: Entity): number {
  return compareStrings(a.source.file, b.source.file) || a.source.document - b.source.document;
}

/** `external`: other repositories' entities, found by lookups only. */
export function buildCatalog(
  entities: readonly Entity[],
  locate: LocateNode,
  external: readonly Entity[] = [],
): { catalog: Catalog; diagnostics: Diagnostic[] } {
  const byIdentity = groupBy(entities, (entity) => entity.identity);
  const kept: Entity[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [identity, definitions] of byIdentity) {
    definitions.sort(sourceOrder);
    kept.push(definitions[0] as Entity);
    if (definitions.length === 1) continue;
    for (const entity of definitions) {
      const others = definitions
        .filter((other) => other !== entity)
        .map((other) => formatLocation(other.source.file, other.source))
        .join(', ');
      diagnostics.push(
        createDiagnostic(
          duplicateIdentity,
          'duplicate',
          { identity, count: definitions.length, others },
          { file: entity.source.file, range: locate(entity.source.file, entity.source.document, ['metadata', 'name']), entity: identity },
        ),
      );
    }
  }
  return { catalog: new Catalog(kept, external), diagnostics };
}
