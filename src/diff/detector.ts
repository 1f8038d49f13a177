// The contract of a change detector: one concern (lifecycle, data, features ...), one module.

import type { CatalogReader } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import type { ChangeId, ChangeLevel } from './change.js';
import type { FieldChange } from './field-changes.js';

/** One identity on both sides of the diff. */
export interface EntityPair {
  identity: string;
  base: Entity | undefined;
  head: Entity | undefined;
  /** Field changes of metadata and spec; empty for additions and removals. */
  fields: FieldChange[];
}

export interface DetectContext {
  base: CatalogReader;
  head: CatalogReader;
  /** Files at head that could not be read or parsed: an entity missing from one was not removed. */
  unreadableAtHead: ReadonlySet<string>;
  /** Files of the base that could not be read or parsed: an entity found in one at head was not added. */
  unreadableAtBase: ReadonlySet<string>;
}

export interface DetectedChange {
  id: ChangeId;
  level: ChangeLevel;
  title: string;
  details?: string[];
  field?: string;
  /**
   * The field changes this change describes, as paths or path prefixes (`spec.stage`,
   * `spec.metrics.auc.value`); `field` when not given. A field change no change describes is listed
   * as changed, so that a diff never leaves out what changed.
   */
  covers?: readonly string[];
  before?: unknown;
  after?: unknown;
  /** Whether to compute and show what depends on the entity downstream. */
  withImpact?: boolean;
  /** The entity whose downstream the change affects, when not the changed one (an Evaluation's model version). */
  impactFrom?: string;
  /**
   * The change breaks whoever reads the entity (or only this member of it, a feature or schema
   * field): readers in other repositories make it breaking too.
   */
  breaksReaders?: { member?: string };
  /** Problems lint reports at head because of this change (a reference it left dangling): said once, by this change. */
  supersedes?: SupersededProblem[];
}

/** A problem at `entity` that a change already reports: matched on its rule and on the data given. */
export interface SupersededProblem {
  rules: readonly string[];
  entity: string;
  data: Readonly<Record<string, string>>;
}

/** The problems lint reports at the references a removal leaves dangling. */
export const DANGLING_REFERENCE_RULES = ['reference/unresolved', 'reference/missing-version'];

export type Detector = (pair: EntityPair, context: DetectContext) => DetectedChange[];

export function fieldsUnder(pair: EntityPair, prefix: string): FieldChange[] {
  return pair.fields.filter((f) => isUnder(f.path, prefix));
}

/** The field paths (or prefixes) the changes found so far describe. */
export function coveredBy(described: readonly DetectedChange[]): string[] {
  return described.flatMap((change) => change.covers ?? (change.field === undefined ? [] : [change.field]));
}

/** Whether `path` is `prefix` or a field inside it. */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

export function code(value: unknown): string {
  if (value === undefined) return '(none)';
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}
