// The shape of a governance rule: metadata as data, default options, and a check over the Catalog.
// Modelled on typescript-eslint's createRule: options are merged with defaults before the rule runs.

import type { Catalog } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import type { NodePart } from '../source/locate.js';
import type { MessageData } from '../ground/diagnostics.js';
import type { RuleMeta } from '../ground/rule-meta.js';

export type Preset = 'recommended' | 'strict';

export type RuleFamily =
  'ownership' | 'documentation' | 'lifecycle' | 'evaluation' | 'data' | 'features' | 'runtime' | 'hygiene' | 'policy';

export interface CatalogRuleMeta<Ids extends string> extends RuleMeta<Ids> {
  family: RuleFamily;
  /** The smallest preset that turns the rule on; `recommended` rules are also in `strict`. */
  preset: Preset;
  /** JSON Schema of the rule's options (an object with `additionalProperties: false`). */
  optionsSchema?: Record<string, unknown>;
}

export interface RuleContext<Ids extends string, Options> {
  readonly catalog: Catalog;
  readonly options: Options;
  /** Reports a problem at a node of the entity's document (or its closest existing ancestor). */
  readonly report: (entity: Entity, pointer: readonly string[], messageId: Ids, data?: MessageData, part?: NodePart) => void;
}

/** A rule as the registry holds it: message ids and options erased, options validated at config load. */
export interface CatalogRule {
  meta: CatalogRuleMeta<string>;
  defaultOptions: object;
  check(context: RuleContext<string, unknown>): void;
}

/** Builds a rule from its typed parts; its options are merged with the defaults before it runs. */
export function createRule<Ids extends string, Options extends object = Record<string, never>>(rule: {
  meta: CatalogRuleMeta<Ids>;
  defaultOptions: Options;
  check(context: RuleContext<Ids, Options>): void;
}): CatalogRule {
  return {
    meta: rule.meta,
    defaultOptions: rule.defaultOptions,
    check: (context) => {
      // The options passed the rule's options schema when the configuration loaded.
      const options = { ...rule.defaultOptions, ...(context.options as Partial<Options>) };
      rule.check({ catalog: context.catalog, options, report: context.report });
    },
  };
}
