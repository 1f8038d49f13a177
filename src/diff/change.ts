// What a semantic diff is made of: changes to entities, each classified and fingerprinted.

import type { Kind } from '../model/kinds.js';

export const CHANGE_LEVELS = ['breaking', 'warning', 'info'] as const;
export type ChangeLevel = (typeof CHANGE_LEVELS)[number];

/** Every kind of change a diff (and so `dossier log`) reports; schemas/diff.schema.json describes each. */
export const CHANGE_IDS = [
  'entity-added',
  'version-added',
  'entity-removed',
  'entity-unreadable',
  'entity-renamed',
  'lifecycle-changed',
  'promoted-to-production',
  'stage-promoted',
  'stage-demoted',
  'archived',
  'training-data-changed',
  'version-rewritten',
  'reference-resolves-elsewhere',
  'deployment-switched',
  'schema-field-removed',
  'schema-field-retyped',
  'pii-loosened',
  'classification-loosened',
  'license-changed',
  'feature-removed',
  'feature-type-changed',
  'metric-regressed',
  'upstream-changed',
  'owner-changed',
  'description-changed',
  'tags-changed',
  'fields-changed',
  'rule-loosened',
  'rule-tightened',
  'config-changed',
  'config-unreadable',
  'suppression-added',
  'new-problem',
] as const;
export type ChangeId = (typeof CHANGE_IDS)[number];

export const LEVEL_ORDER: Readonly<Record<ChangeLevel, number>> = { breaking: 3, warning: 2, info: 1 };

export interface Impact {
  /** Model versions downstream of the change (through features, training data, models). */
  modelVersions: string[];
  deployments: string[];
  /** The deployments above that run in production. */
  productionDeployments: string[];
}

/** Readers of a changed entity in another repository, from its published catalog (`dependents`). */
export interface ElsewhereImpact {
  repository: string;
  /** The entities there that read it. */
  readers: string[];
  /** How many of them run in production (a production stage or environment). */
  inProduction: number;
}

export interface Change {
  /** Stable id of the kind of change, e.g. `feature-removed`. */
  id: ChangeId;
  level: ChangeLevel;
  /** Identity of the changed entity (for a new problem outside any entity: its file). */
  entity: string;
  kind?: Kind;
  /** One line for people. */
  title: string;
  /** Further lines (approvals, metrics side by side, changed fields). */
  details: string[];
  /** Display path of the field, when the change is about one. */
  field?: string;
  before?: unknown;
  after?: unknown;
  /** Where to look: the head file (the base file for removals), 1-based line. */
  file: string;
  line: number;
  /** Set when `file` and `line` are in the base revision: the entity is not at head. */
  atBase?: true;
  impact?: Impact;
  /** Readers in other repositories, when their catalogs are listed as `dependents`. */
  elsewhere?: ElsewhereImpact[];
  /** Stable across runs and pushes: accept a change in dossier.yaml by it. */
  fingerprint: string;
  /** Set when dossier.yaml accepts the change; its level is then info. */
  accepted?: { reason: string; originalLevel: ChangeLevel };
}

export interface DiffSide {
  ref: string;
  sha: string;
}

export interface DiffSummary {
  breaking: number;
  warning: number;
  info: number;
  added: number;
  removed: number;
  changed: number;
  newProblems: number;
}

export interface SemanticDiff {
  base: DiffSide;
  head: DiffSide;
  summary: DiffSummary;
  changes: Change[];
}
