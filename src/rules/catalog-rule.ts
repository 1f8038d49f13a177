// The shape of a governance rule: metadata as data, default options, and a visitor of entities.
// Modelled on ESLint and typescript-eslint's createRule: `create` gets the context once per run (options
// merged with defaults) and returns what checks one entity. As ESLint's `context.report` reports in
// the file being linted, a rule's `report` reports on the entity being visited; it reads others only
// through the context's CatalogReader, which cannot change the catalog. What it reads may be recorded
// by whoever runs it (an incremental link re-runs it only for entities whose reads changed), never by
// the rule.

import type { CatalogReader } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import type { NodePart } from '../source/locate.js';
import type { MessageData } from '../ground/diagnostics.js';
import type { RuleMeta } from '../ground/rule-meta.js';

/** The smallest preset that turns a rule on; `profile`: only the compliance profile that holds it (`meta.profile`). */
export type Preset = 'recommended' | 'strict' | 'profile';

export type RuleFamily =
  'ownership' | 'documentation' | 'lifecycle' | 'evaluation' | 'data' | 'features' | 'runtime' | 'hygiene' | 'policy' | 'compliance';

export interface CatalogRuleMeta<Ids extends string> extends RuleMeta<Ids> {
  family: RuleFamily;
  /** The smallest preset that turns the rule on; `recommended` rules are also in `strict`. */
  preset: Preset;
  /** The compliance profile (`extends: [..., <profile>]`) that turns the rule on, for `preset: profile`. */
  profile?: string;
  /** JSON Schema of the rule's options (an object with `additionalProperties: false`). */
  optionsSchema?: Record<string, unknown>;
}

export interface RuleContext<Ids extends string, Options> {
  readonly catalog: CatalogReader;
  readonly options: Options;
  /** Reports a problem of the entity being visited at a node of its document (or its closest existing ancestor). */
  readonly report: (pointer: readonly string[], messageId: Ids, data?: MessageData, part?: NodePart) => void;
}

/** Checks one entity of the Catalog; called for every entity, it skips the kinds it is not about. */
export type EntityVisitor = (entity: Entity) => void;

/** A rule as the registry holds it: message ids and options erased, options validated at config load. */
export interface CatalogRule {
  meta: CatalogRuleMeta<string>;
  defaultOptions: object;
  create(context: RuleContext<string, unknown>): EntityVisitor;
}

/** Builds a rule from its typed parts; its options are merged with the defaults before it runs. */
export function createRule<Ids extends string, Options extends object = Record<string, never>>(rule: {
  meta: CatalogRuleMeta<Ids>;
  defaultOptions: Options;
  create(context: RuleContext<Ids, Options>): EntityVisitor;
}): CatalogRule {
  return {
    meta: rule.meta,
    defaultOptions: rule.defaultOptions,
    create: (context) => {
      // The options passed the rule's options schema when the configuration loaded.
      const options = { ...rule.defaultOptions, ...(context.options as Partial<Options>) };
      return rule.create({ catalog: context.catalog, options, report: context.report });
    },
  };
}
