// A compliance profile as data: the requirements of a framework (EU AI Act Annex IV, NIST AI RMF,
// ISO/IEC 42001 Annex A), each with the clause it comes from and how the metadata evidences it.
// The profiles themselves are data modules beside this one; no requirement is code.

import type { Kind } from '../../model/kinds.js';

/** The `type` of a DocRef (FORMAT.md § Additions 2026-12-06). */
export type DocumentType =
  | 'instructions-for-use'
  | 'ui-description'
  | 'design-spec'
  | 'risk-management'
  | 'datasheet'
  | 'validation-report'
  | 'cybersecurity'
  | 'pmm-plan'
  | 'incident-procedure'
  | 'predetermined-changes'
  | 'impact-assessment'
  | 'dpia'
  | 'qms'
  | 'other';

/**
 * A field of the entities of one kind in the AI system (a Model with its versions in production,
 * their evaluations and training data, its production Deployments and their RuntimeConfigs, and
 * its provider). `field` is a dotted path, where `*` is every item of a list (`risks.*.mitigation`:
 * a list with at least one item, each with a mitigation); a list of paths means any one of them.
 * With `equals`, one entity whose field has that value is enough (e.g. an Evaluation whose purpose is
 * fairness). With `isTrue`, the field must be `true` on every entity: `logging.enabled: false` is
 * the opposite of evidence, not evidence.
 */
export interface FieldEvidence {
  kind: Kind;
  field: string | readonly string[];
  equals?: string;
  isTrue?: true;
}

/** A DocRef of this type in the model's `spec.compliance.documents` (or its provider's `spec.documents`). */
export interface DocumentEvidence {
  document: DocumentType;
}

/** A governance rule that must be on and report nothing on the system's entities. */
export interface RuleEvidence {
  rule: string;
}

/** A fact of the metadata's git history: the versions' lifecycle changes, or approvals recorded in commits. */
export interface HistoryEvidence {
  history: 'lifecycle-changes' | 'approvals';
}

export type Evidence = FieldEvidence | DocumentEvidence | RuleEvidence | HistoryEvidence;

export interface Requirement {
  /** Stable within the profile, e.g. `annex-iv-1a-purpose`. */
  id: string;
  /** Where it comes from, e.g. `Annex IV 1(a); Art. 13(3)(b)`. */
  clause: string;
  /** The id of the profile section it belongs to. */
  section: string;
  /** What the documentation must contain, in one sentence. */
  requirement: string;
  /** All of it must be present for the item to be complete; some of it makes it partial. */
  evidence: readonly Evidence[];
  /** How to fill it when it is missing. */
  hint: string;
}

export interface ProfileSection {
  id: string;
  title: string;
  /** The clause that asks for the section, e.g. `Annex IV 1`. */
  clause: string;
}

/**
 * Which models a profile is about: those whose declared field has one of these values, or those
 * with a version in production (an AI system in use).
 */
export type Applicability = { field: string; equals: readonly string[] } | { inProduction: true };

export interface ComplianceProfile {
  /** What `extends:` and `dossier compliance` name it by. */
  id: string;
  title: string;
  /** The text the requirements are read from, with its version. */
  source: string;
  appliesTo: Applicability;
  /**
   * The date (YYYY-MM-DD) from which missing evidence is an error rather than a warning; dates move,
   * so dossier.yaml may override it (`profiles: {<id>: {applicationDate}}`). None: always a warning.
   */
  applicationDate?: string;
  /** Where the date comes from and what may move it. */
  applicationNote?: string;
  sections: readonly ProfileSection[];
  requirements: readonly Requirement[];
}
