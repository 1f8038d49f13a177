// Runs the active governance rules over a Catalog and turns their reports into diagnostics.

import type { Catalog } from '../catalog/catalog.js';
import type { LocateNode } from '../catalog/locations.js';
import type { Diagnostic, MessageData } from '../ground/diagnostics.js';
import { createDiagnostic } from '../ground/rule-meta.js';
import type { ActiveRule } from './ruleset.js';

export function runCatalogRules(catalog: Catalog, rules: readonly ActiveRule[], locate: LocateNode): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const { rule, options } of rules) {
    rule.check({
      catalog,
      options,
      report(entity, pointer, messageId, data: MessageData = {}, part = 'value') {
        diagnostics.push(
          createDiagnostic(rule.meta, messageId, data, {
            file: entity.source.file,
            range: locate(entity.source.file, entity.source.document, pointer, part),
            entity: entity.identity,
          }),
        );
      },
    });
  }
  return diagnostics;
}
