// The active governance rules, created for a Catalog: their reports on an entity become diagnostics.

import type { CatalogReader } from '../catalog/catalog.js';
import type { LocateNode } from '../catalog/locations.js';
import type { Entity } from '../model/entity.js';
import type { Diagnostic, MessageData } from '../ground/diagnostics.js';
import { createDiagnostic } from '../ground/rule-meta.js';
import type { EntityVisitor } from './catalog-rule.js';
import type { ActiveRule } from './ruleset.js';

/** The active rules, each created once for a Catalog: checks entities one by one, into the list `into`. */
export function createRuleVisitors(
  catalog: CatalogReader,
  rules: readonly ActiveRule[],
  locate: LocateNode,
): (entity: Entity, into: Diagnostic[]) => void {
  let diagnostics: Diagnostic[] = [];
  let visited: Entity | undefined;
  const visitors: EntityVisitor[] = rules.map(({ rule, options }) =>
    rule.create({
      catalog,
      options,
      report(pointer, messageId, data: MessageData = {}, part = 'value') {
        const entity = visited;
        if (entity === undefined) throw new Error(`rule ${rule.meta.id} reported outside a visit`);
        diagnostics.push(
          createDiagnostic(rule.meta, messageId, data, {
            file: entity.source.file,
            range: locate(entity.source.file, entity.source.document, pointer, part),
            entity: entity.identity,
          }),
        );
      },
    }),
  );
  return (entity, into) => {
    diagnostics = into;
    visited = entity;
    try {
      for (const visit of visitors) visit(entity);
    } finally {
      visited = undefined;
    }
  };
}
