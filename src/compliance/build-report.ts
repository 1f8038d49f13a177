// Builds the compliance report of one model: each requirement of the profile checked against the
// model's AI system (fields and documents), the rules it names and the facts of its history.

import type { CatalogReader } from '../catalog/catalog.js';
import { displayValue } from '../ground/display-value.js';
import type { Diagnostic } from '../ground/diagnostics.js';
import type { Entity } from '../model/entity.js';
import type { DocumentStatus } from './document-ref.js';
import { displayName } from '../model/entity.js';
import { isRecord } from '../model/kinds.js';
import { aiSystemOf, systemEntities, type AiSystem } from '../rules/profiles/ai-system.js';
import { checkMetadataEvidence, profileAppliesTo, type FoundValue } from '../rules/profiles/evidence.js';
import type { ComplianceProfile, HistoryEvidence, Requirement, RuleEvidence } from '../rules/profiles/profile.js';
import {
  completenessOf,
  disclaimerOf,
  statusOf,
  type ComplianceItem,
  type ComplianceReport,
  type EvidenceRecord,
  type ItemStatus,
  type LifecycleChange,
} from './compliance-report.js';

/** A version's history as the walk over git found it (the audit report's versions have this shape). */
export interface VersionHistory {
  identity: string;
  transitions: readonly {
    field: LifecycleChange['field'];
    from: string | null;
    to: string | null;
    commit: string;
    date: string;
    author: string;
  }[];
  approvals: readonly { by: string; date: string; recorded?: { commit: string }; removed?: { commit: string } }[];
}

/** What the report is built from, besides the model: the metadata at the commit read, and where things are. */
export interface ReportContext {
  profile: ComplianceProfile;
  catalog: CatalogReader;
  at: ComplianceReport['at'];
  /** The 1-based line of a node of an entity's document. */
  lineOf(entity: Entity, pointer: readonly string[]): number;
  /** The commit that last changed a file (display path), up to the commit read. */
  commitOf(file: string): string | null;
  /** What a rule reports on the system's entities; undefined for a rule Dossier does not have. */
  ruleProblems(ruleId: string, entities: readonly Entity[]): Diagnostic[] | undefined;
  /** Whether a DocRef's sha256 matches the repository's file; `referenced` when it cannot be told. */
  documentStatus(entity: Entity, document: Record<string, unknown>): Promise<DocumentStatus>;
}

interface Check {
  satisfied: 'yes' | 'some' | 'no';
  evidence: EvidenceRecord[];
  missing: string[];
}

const MAX_VALUE = 120;

function recordOf(context: ReportContext, entity: Entity, pointer: readonly string[], field: string): EvidenceRecord {
  return {
    entity: entity.identity,
    field,
    file: entity.source.file,
    line: context.lineOf(entity, pointer),
    // An entity of another repository's catalog was not changed by a commit of this one.
    commit: entity.origin === undefined ? context.commitOf(entity.source.file) : null,
  };
}

async function foundRecord(context: ReportContext, found: FoundValue): Promise<EvidenceRecord> {
  const record = recordOf(context, found.entity, found.pointer, found.pointer.join('.'));
  const { value } = found;
  if (isRecord(value) && typeof value.url === 'string' && typeof value.title === 'string') {
    const status = await context.documentStatus(found.entity, value);
    record.document = { url: value.url, status };
    record.value = value.title;
  } else {
    const text = typeof value === 'string' ? value : displayValue(value);
    record.value = text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
  }
  return record;
}

async function metadataChecks(context: ReportContext, system: AiSystem, requirement: Requirement): Promise<Check[]> {
  const checks: Check[] = [];
  for (const check of checkMetadataEvidence(system, requirement)) {
    const evidence = await Promise.all(check.found.map((found) => foundRecord(context, found)));
    const mismatched = evidence.filter((record) => record.document?.status === 'hash mismatch');
    const missing = [
      ...check.missing,
      ...mismatched.map(
        (record) => `the sha256 of ${record.document?.url ?? ''} does not match the file at ${context.at.commit.slice(0, 7)}`,
      ),
    ];
    const satisfied = missing.length === 0 ? 'yes' : evidence.length > mismatched.length ? 'some' : 'no';
    checks.push({ satisfied, evidence, missing });
  }
  return checks;
}

function ruleCheck(context: ReportContext, system: AiSystem, evidence: RuleEvidence): Check {
  const problems = context.ruleProblems(evidence.rule, systemEntities(system));
  if (problems === undefined) return { satisfied: 'no', evidence: [], missing: [`rule \`${evidence.rule}\` (not a rule of this Dossier)`] };
  if (problems.length === 0)
    return { satisfied: 'yes', evidence: [recordOf(context, system.model, ['metadata', 'name'], `rule:${evidence.rule}`)], missing: [] };
  return {
    satisfied: 'no',
    evidence: [],
    missing: problems.map((problem) => `${problem.file}:${problem.range.start.line + 1} ${evidence.rule}: ${problem.message}`),
  };
}

function historyCheck(context: ReportContext, system: AiSystem, evidence: HistoryEvidence, history: readonly VersionHistory[]): Check {
  const versions = system.parts.get('ModelVersion') ?? [];
  const byIdentity = new Map(versions.map((version) => [version.identity, version]));
  const audited = history.filter((version) => byIdentity.has(version.identity));
  const recordFor = (identity: string, field: string, commit: string | undefined): EvidenceRecord => {
    const version = byIdentity.get(identity) as Entity;
    return { ...recordOf(context, version, ['spec', 'stage'], field), commit: commit ?? null };
  };
  if (evidence.history === 'lifecycle-changes') {
    const records = audited.flatMap((version) =>
      version.transitions.map((transition) => recordFor(version.identity, `history:${transition.field}`, transition.commit)),
    );
    return records.length > 0
      ? { satisfied: 'yes', evidence: records, missing: [] }
      : { satisfied: 'no', evidence: [], missing: ["no lifecycle change of the system's versions in the history read"] };
  }
  const unapproved: string[] = [];
  const records: EvidenceRecord[] = [];
  for (const version of versions) {
    const approvals = audited.find((candidate) => candidate.identity === version.identity)?.approvals ?? [];
    // An approval taken out of the metadata again is no evidence of one.
    const recorded = approvals.filter((approval) => approval.recorded !== undefined && approval.removed === undefined);
    if (recorded.length === 0) unapproved.push(`an approval of ${version.name}@${version.version ?? ''} recorded in a commit`);
    for (const approval of recorded)
      records.push({
        ...recordFor(version.identity, 'history:approval', approval.recorded?.commit),
        value: `${approval.by} on ${approval.date}`,
      });
  }
  if (versions.length === 0) unapproved.push('a version to approve');
  return { satisfied: unapproved.length === 0 ? 'yes' : records.length > 0 ? 'some' : 'no', evidence: records, missing: unapproved };
}

async function itemOf(
  context: ReportContext,
  system: AiSystem,
  requirement: Requirement,
  history: readonly VersionHistory[] | undefined,
): Promise<ComplianceItem> {
  const checks = await metadataChecks(context, system, requirement);
  for (const evidence of requirement.evidence) {
    if ('rule' in evidence) checks.push(ruleCheck(context, system, evidence));
    if ('history' in evidence && history !== undefined) checks.push(historyCheck(context, system, evidence, history));
  }
  const parts: ItemStatus[] = checks.map((check) =>
    check.satisfied === 'yes' ? 'complete' : check.satisfied === 'some' ? 'partial' : 'missing',
  );
  const status = statusOf(parts);
  return {
    id: requirement.id,
    requirement: requirement.requirement,
    clause: requirement.clause,
    status,
    evidence: checks.flatMap((check) => check.evidence),
    missing: checks.flatMap((check) => check.missing),
    hint: status === 'complete' ? null : requirement.hint,
  };
}

function lifecycleOf(history: readonly VersionHistory[]): LifecycleChange[] {
  const changes = history.flatMap((version) =>
    version.transitions.map((transition) => ({
      version: version.identity,
      field: transition.field,
      from: transition.from,
      to: transition.to,
      date: transition.date,
      commit: transition.commit,
      author: transition.author,
    })),
  );
  return changes.sort((a, b) => a.date.localeCompare(b.date));
}

/** The model's own declarations under `spec.compliance.euAiAct`, as written. */
function declaredOf(model: Entity): Record<string, unknown> {
  const compliance = model.spec.compliance;
  const declared = isRecord(compliance) ? compliance.euAiAct : undefined;
  return isRecord(declared) ? { ...declared } : {};
}

/**
 * The report of one model. Without `history` (no git history read, as `dossier score` reads the
 * working tree) history facts are left out, and so are the requirements only they evidence.
 */
export async function buildComplianceReport(
  context: ReportContext,
  model: Entity,
  history: readonly VersionHistory[] | undefined,
): Promise<ComplianceReport> {
  const { profile } = context;
  const system = aiSystemOf(context.catalog, model);
  const requirements = profile.requirements.filter(
    (requirement) => history !== undefined || requirement.evidence.some((evidence) => !('history' in evidence)),
  );
  const items = await Promise.all(requirements.map((requirement) => itemOf(context, system, requirement, history)));
  const sections = profile.sections.map((section) => {
    const sectionItems = items.filter((item, index) => requirements[index]?.section === section.id);
    return { ...section, status: statusOf(sectionItems.map((item) => item.status)), items: sectionItems };
  });
  return {
    profile: profile.id,
    profileTitle: profile.title,
    model: model.identity,
    title: displayName(model),
    at: context.at,
    completeness: completenessOf(items),
    underProfile: profileAppliesTo(profile, model, context.catalog),
    declared: declaredOf(model),
    sections,
    lifecycle: lifecycleOf(history ?? []),
    disclaimer: disclaimerOf(profile),
  };
}
