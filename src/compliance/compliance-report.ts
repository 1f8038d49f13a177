// The compliance report of one model under one profile (schemas/compliance.schema.json): the
// technical documentation organised by the profile's sections, each item with the metadata that
// evidences it and the commit that last changed it, and how complete the documentation is.

export type ItemStatus = 'complete' | 'partial' | 'missing';

/** Where a piece of evidence is: the entity, the field, its file and line, and the commit that last changed the file. */
export interface EvidenceRecord {
  entity: string;
  /** A dotted path in the entity, `rule:<id>` for a rule that reports nothing, or `history:<fact>`. */
  field: string;
  file: string;
  /** 1-based. */
  line: number;
  /** The commit that last changed the file, up to the report's commit; null when the history read does not reach it. */
  commit: string | null;
  /** The value, shortened, as the metadata says it. */
  value?: string;
  /** A linked document: `referenced` (never fetched), or `hash verified` when its sha256 matches the repository's file. */
  document?: { url: string; status: 'referenced' | 'hash verified' | 'hash mismatch' };
}

export interface ComplianceItem {
  id: string;
  requirement: string;
  clause: string;
  status: ItemStatus;
  evidence: EvidenceRecord[];
  /** What is missing, said plainly; empty when complete. */
  missing: string[];
  /** How to fill what is missing; null when complete. */
  hint: string | null;
}

export interface ComplianceSection {
  id: string;
  title: string;
  clause: string;
  status: ItemStatus;
  items: ComplianceItem[];
}

/** A change of one version through its lifecycle, from the history walk. */
export interface LifecycleChange {
  version: string;
  field: 'existence' | 'stage' | 'lifecycle';
  from: string | null;
  to: string | null;
  date: string;
  commit: string;
  author: string;
}

export interface ComplianceReport {
  profile: string;
  profileTitle: string;
  /** `model:namespace/name`. */
  model: string;
  title: string;
  /** The commit the report reads, as asked for (`--at`, default HEAD), and its date. */
  at: { ref: string; commit: string; date: string };
  /** Share of the profile's items documented: complete 1, partial 0.5, missing 0; 0..1. */
  completeness: number;
  /** Whether the profile is about the model (for eu-ai-act: it declares itself high-risk); a model named explicitly may not be. */
  underProfile: boolean;
  /** What the model declares about itself under `spec.compliance.euAiAct`, repeated as written. */
  declared: Record<string, unknown>;
  sections: ComplianceSection[];
  lifecycle: LifecycleChange[];
  disclaimer: string;
}

/** What every report says about itself, in every format. */
export function disclaimerOf(profile: { id: string; title: string }): string {
  const euAiAct = profile.id === 'eu-ai-act';
  return [
    `This report lists what the metadata records for the ${profile.title} and how complete that record is.`,
    euAiAct
      ? 'Completeness is a measure of the documentation only: it is not an assessment of conformity, which for the EU AI Act only the conformity assessment of Art. 43 establishes.'
      : 'Completeness is a measure of the documentation only: it is not an assessment of conformity with the framework, nor a certification.',
    euAiAct
      ? 'Classifications, Annex III points, derogations and the kind of each change (substantial or not) are repeated as people declared them; Dossier infers none of them, and never from a risk tier.'
      : 'Risk tiers, risks and the kind of each change are repeated as people declared them; Dossier infers none of them.',
    'A linked document is "referenced": Dossier does not fetch it and cannot tell whether it exists or is current, unless it is "hash verified" (its sha256 matches the file in the repository at the commit read).',
    'An approval is a record in the metadata of who approved what and when; it is not a legal signature.',
  ].join(' ');
}

/** Complete when every part is, missing when none is, else partial. */
export function statusOf(parts: readonly ItemStatus[]): ItemStatus {
  if (parts.length > 0 && parts.every((part) => part === 'complete')) return 'complete';
  if (parts.every((part) => part === 'missing')) return 'missing';
  return 'partial';
}

const ITEM_SCORE: Record<ItemStatus, number> = { complete: 1, partial: 0.5, missing: 0 };

/** The mean of the items' scores, to three decimals. */
export function completenessOf(items: readonly ComplianceItem[]): number {
  if (items.length === 0) return 1;
  const total = items.reduce((sum, item) => sum + ITEM_SCORE[item.status], 0);
  return Math.round((total / items.length) * 1000) / 1000;
}
