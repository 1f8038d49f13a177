// What the metadata of an AI system holds for one requirement of a profile: for each field or
// document it names, where it is found and on which entities it is missing. Rules and history
// facts are for whoever has the diagnostics and the history (the compliance report).

import type { CatalogReader } from '../../catalog/catalog.js';
import { sourcesOf, valueAt, valueIn } from '../../catalog/queries.js';
import type { Entity } from '../../model/entity.js';
import { isRecord } from '../../model/kinds.js';
import { shortReference } from '../../model/entity.js';
import { isPresent } from '../present-value.js';
import { runsInProduction, type AiSystem } from './ai-system.js';
import type { ComplianceProfile, DocumentEvidence, Evidence, FieldEvidence, Requirement } from './profile.js';

/** A value found in an entity's document. */
export interface FoundValue {
  entity: Entity;
  pointer: readonly string[];
  value: unknown;
}

export interface EvidenceCheck {
  evidence: Evidence;
  found: FoundValue[];
  /** What is missing, said for people (e.g. "`spec.logging.enabled` on fraud-detector-prod"); empty when satisfied. */
  missing: string[];
}

export function isFieldEvidence(evidence: Evidence): evidence is FieldEvidence {
  return 'field' in evidence;
}

export function isDocumentEvidence(evidence: Evidence): evidence is DocumentEvidence {
  return 'document' in evidence;
}

const KIND_WORDS: Record<string, string> = {
  ModelVersion: 'production version',
  Dataset: 'training dataset',
  Evaluation: 'evaluation of a production version',
  Deployment: 'production deployment',
  RuntimeConfig: 'runtime of a production deployment',
  Team: 'provider Team',
};

function paths(evidence: FieldEvidence): string[][] {
  return (typeof evidence.field === 'string' ? [evidence.field] : evidence.field).map((path) => path.split('.'));
}

function checkField(system: AiSystem, evidence: FieldEvidence): EvidenceCheck {
  const entities = system.parts.get(evidence.kind) ?? [];
  const named = (typeof evidence.field === 'string' ? [evidence.field] : evidence.field)
    .map((path) => `\`${path.replaceAll('.*.', '[].')}\``)
    .join(' or ');
  const matches = (value: unknown) =>
    evidence.isTrue === true ? value === true : evidence.equals === undefined ? isPresent(value) : value === evidence.equals;
  const foundOn = (entity: Entity): FoundValue | undefined => {
    for (const path of paths(evidence)) {
      const star = path.indexOf('*');
      if (star === -1) {
        const value = valueAt(entity, path);
        if (matches(value)) return { entity, pointer: path, value };
        continue;
      }
      // Every item of the list, and at least one: the list is where the evidence is.
      const pointer = path.slice(0, star);
      const list = valueAt(entity, pointer);
      const rest = path.slice(star + 1);
      if (Array.isArray(list) && list.length > 0 && list.every((item) => matches(valueIn(item, rest))))
        return { entity, pointer, value: list };
    }
    return undefined;
  };
  const found = entities.map(foundOn).filter((value): value is FoundValue => value !== undefined);
  const wanted = evidence.isTrue === true ? `${named}: true` : evidence.equals === undefined ? named : `${named}: ${evidence.equals}`;
  if (entities.length === 0)
    return { evidence, found, missing: [`${wanted} (no ${KIND_WORDS[evidence.kind] ?? evidence.kind} in the system)`] };
  // A value asked for by `equals` is there when one entity has it; a field, when every entity has it.
  if (evidence.equals !== undefined) return { evidence, found, missing: found.length > 0 ? [] : [`${wanted} on none of them`] };
  const without = entities.filter((entity) => !found.some((value) => value.entity === entity));
  return { evidence, found, missing: without.map((entity) => `${wanted} on ${shortReference(entity)}`) };
}

/** DocRefs of a type in the model's `spec.compliance.documents` and the provider Team's `spec.documents`. */
function checkDocument(system: AiSystem, evidence: DocumentEvidence): EvidenceCheck {
  const holders: [Entity, string[]][] = [[system.model, ['spec', 'compliance', 'documents']]];
  for (const team of system.parts.get('Team') ?? []) holders.push([team, ['spec', 'documents']]);
  const found: FoundValue[] = [];
  for (const [entity, pointer] of holders) {
    const documents = valueAt(entity, pointer);
    if (!Array.isArray(documents)) continue;
    documents.forEach((document, index) => {
      if (isRecord(document) && document.type === evidence.document)
        found.push({ entity, pointer: [...pointer, String(index)], value: document });
    });
  }
  return { evidence, found, missing: found.length > 0 ? [] : [`a document of type \`${evidence.document}\``] };
}

/** The field and document evidence of a requirement; rules and history facts are left out. */
export function checkMetadataEvidence(system: AiSystem, requirement: Requirement): EvidenceCheck[] {
  return requirement.evidence.flatMap((evidence) =>
    isFieldEvidence(evidence) ? [checkField(system, evidence)] : isDocumentEvidence(evidence) ? [checkDocument(system, evidence)] : [],
  );
}

/** Whether a profile is about a model: its declared field has one of the values (never inferred from anything else), or it runs in production. */
export function profileAppliesTo(profile: ComplianceProfile, model: Entity, catalog: CatalogReader): boolean {
  const { appliesTo } = profile;
  if ('inProduction' in appliesTo) return sourcesOf(catalog, model, 'versionOf').some((version) => runsInProduction(catalog, version));
  const value = valueAt(model, appliesTo.field.split('.'));
  return typeof value === 'string' && appliesTo.equals.includes(value);
}

/** The first `spec.compliance` field that selects the models of a profile, e.g. `euAiAct`; none for a profile of models in production. */
export function selectingField(profile: ComplianceProfile): string | undefined {
  return 'field' in profile.appliesTo ? profile.appliesTo.field.split('.')[2] : undefined;
}
