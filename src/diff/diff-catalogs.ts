// diff(compile(base), compile(head)): entity-aware, classified, with impact and stable fingerprints.

import { createHash } from 'node:crypto';
import type { CompileResult } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import { compareStrings, problemKey, type Diagnostic } from '../ground/diagnostics.js';
import type { CrossReference } from '../compile/read-catalog-json.js';
import {
  LEVEL_ORDER,
  type Change,
  type ChangeLevel,
  type DiffSide,
  type ElsewhereImpact,
  type Impact,
  type SemanticDiff,
} from './change.js';
import { type DetectContext, type DetectedChange, type Detector, type EntityPair, type SupersededProblem } from './detector.js';
import { danglingProblems, danglingSources, stillReferencingAtHead } from './dependents.js';
import { findRenames } from './renames.js';
import { countOf } from '../ground/count-noun.js';
import { detectDataChanges } from './detectors/data-changes.js';
import { detectDeploymentChanges } from './detectors/deployment-changes.js';
import { detectPresence } from './detectors/entity-presence.js';
import { detectEvaluationChanges } from './detectors/evaluation-changes.js';
import { detectFeatureChanges } from './detectors/feature-changes.js';
import { detectLicenseChanges } from './detectors/license-changes.js';
import { detectMetadataChanges, detectOtherFields } from './detectors/metadata-changes.js';
import { detectModelVersionChanges } from './detectors/model-version-changes.js';
import { detectUpstreamChanges } from './detectors/upstream-changes.js';
import { detectResolutionChanges, resolvesElsewhere } from './detectors/resolution-changes.js';
import { changedFields } from './entity-fields.js';
import type { ConfigChange } from './config-changes.js';
import { describeImpact, downstreamImpact, impactThrough } from './impact.js';
import { appendTo, pushAll } from '../ground/collections.js';
import { formatLocation } from '../ground/location.js';
import { stableStringify } from '../ground/stable-json.js';

const DETECTORS: readonly Detector[] = [
  detectPresence,
  detectModelVersionChanges,
  detectDeploymentChanges,
  detectDataChanges,
  detectLicenseChanges,
  detectFeatureChanges,
  detectEvaluationChanges,
  detectUpstreamChanges,
  detectMetadataChanges,
];

const PROBLEM_LEVEL: Readonly<Record<Diagnostic['severity'], ChangeLevel>> = { error: 'breaking', warning: 'warning', info: 'info' };

export interface DiffInput {
  base: CompileResult;
  head: CompileResult;
  baseSide: DiffSide;
  headSide: DiffSide;
  /** Fingerprints accepted in dossier.yaml, with the reason. */
  accepted?: ReadonlyMap<string, string>;
  /** What other repositories read of this one (the catalogs of `dependents`). */
  consumers?: readonly ConsumerCatalog[];
  /** What changed in dossier.yaml that changes what is checked (config-changes.ts). */
  configChanges?: readonly ConfigChange[];
  /** The identities that may differ (history knows them); any other is the same entity object on both sides. */
  changed?: ReadonlySet<string>;
}

export interface ConsumerCatalog {
  repository: string;
  references: readonly CrossReference[];
}

/** Who reads `identity` (or `member` of it) in each consuming repository. */
function readersElsewhere(consumers: readonly ConsumerCatalog[], identity: string, member: string | undefined): ElsewhereImpact[] {
  const found: ElsewhereImpact[] = [];
  for (const consumer of consumers) {
    const readers = consumer.references.filter(
      (reference) =>
        reference.target === identity && (member === undefined || reference.member === undefined || reference.member === member),
    );
    const sources = [...new Set(readers.map((reference) => reference.source))].sort(compareStrings);
    if (sources.length === 0) continue;
    const inProduction = new Set(readers.filter((reference) => reference.inProduction).map((reference) => reference.source)).size;
    found.push({ repository: consumer.repository, readers: sources, inProduction });
  }
  return found;
}

function describeElsewhere(impact: ElsewhereImpact): string {
  const count = impact.readers.length;
  return `read by ${countOf(count, 'entity', 'entities')} in ${impact.repository}${impact.inProduction > 0 ? `, ${impact.inProduction} in production` : ''}: ${impact.readers
    .slice(0, 5)
    .map((id) => `\`${id}\``)
    .join(', ')}${count > 5 ? ', ...' : ''}`;
}

export function fingerprintOf(id: string, entity: string, detail: string): string {
  return createHash('sha256').update(`${id}\n${entity}\n${detail}`).digest('hex').slice(0, 16);
}

/** Files whose documents could not be read (a YAML syntax error, a binary file): none of their entities can be compared. */
function unreadableFiles(diagnostics: readonly Diagnostic[]): Set<string> {
  return new Set(
    diagnostics.filter((d) => d.severity === 'error' && (d.ruleId.startsWith('yaml/') || d.ruleId.startsWith('file/'))).map((d) => d.file),
  );
}

function supersedes(problem: SupersededProblem, d: Diagnostic): boolean {
  return (
    d.entity === problem.entity &&
    problem.rules.includes(d.ruleId) &&
    Object.entries(problem.data).every(([key, value]) => d.data[key] === value)
  );
}

/**
 * What depends on the entity downstream: for a member removed (a feature), only what read that
 * member, as it was before the change, of what is still there.
 */
function impactOf(detected: DetectedChange, identity: string, { base, head }: DiffInput): Impact {
  // A member removed, or the entity itself: what depended on it is found in the base.
  const removal = (detected.before !== undefined && detected.after === undefined) || head.catalog.get(identity) === undefined;
  const impact = downstreamImpact(removal ? base.catalog : head.catalog, identity, detected.breaksReaders?.member);
  if (!removal) return impact;
  const present = (id: string) => head.catalog.get(id) !== undefined;
  return {
    modelVersions: impact.modelVersions.filter(present),
    deployments: impact.deployments.filter(present),
    productionDeployments: impact.productionDeployments.filter(present),
  };
}

/** One change for an entity renamed: breaking only while something at head still names the old identity. */
function renameChange(input: DiffInput, from: string, to: string): { change: Change; supersedes: SupersededProblem[] } {
  const { base, head } = input;
  const before = base.catalog.get(from) as Entity;
  const after = head.catalog.get(to) as Entity;
  const dangling = stillReferencingAtHead(base.catalog, head.catalog, from);
  const stale = danglingSources(dangling);
  const moved = [...new Set(head.catalog.incoming(to).map((relation) => relation.source))]
    .filter((source) => base.catalog.outgoing(source).some((relation) => relation.target === from))
    .sort(compareStrings);
  const elsewhere = readersElsewhere(input.consumers ?? [], from, undefined);
  const impact = impactThrough(head.catalog, stale);
  const affects = describeImpact(impact);
  const change: Change = {
    id: 'entity-renamed',
    level: stale.length > 0 || elsewhere.length > 0 ? 'breaking' : 'info',
    entity: to,
    kind: after.kind,
    title:
      stale.length === 0
        ? `${after.kind} renamed \`${from}\` → \`${to}\`.`
        : `${after.kind} renamed \`${from}\` → \`${to}\` while ${countOf(stale.length, 'entity', 'entities')} still ${stale.length === 1 ? 'names' : 'name'} the old one.`,
    details: [
      ...moved.map((id) => `reference moved: \`${id}\``),
      ...stale.map((id) => `still names \`${from}\`: \`${id}\``),
      ...(affects === '' ? [] : [affects]),
      ...elsewhere.map(describeElsewhere),
    ],
    ...(before.name === after.name
      ? { field: 'metadata.namespace', before: before.namespace, after: after.namespace }
      : { field: 'metadata.name', before: before.name, after: after.name }),
    file: after.source.file,
    line: after.source.line + 1,
    fingerprint: fingerprintOf('entity-renamed', from, to),
  };
  if (affects !== '') change.impact = impact;
  if (elsewhere.length > 0) change.elsewhere = elsewhere;
  return { change, supersedes: danglingProblems(dangling) };
}

/**
 * What a change is accepted by: its kind, entity and field, and the values it changed between, so
 * that accepting one switch or regression does not accept the next one to another value.
 */
function fingerprintOfChange(change: Pick<DetectedChange, 'id' | 'field' | 'before' | 'after'>, identity: string): string {
  const values =
    change.before === undefined && change.after === undefined
      ? ''
      : `\n${stableStringify(change.before ?? null, 0)}\n${stableStringify(change.after ?? null, 0)}`;
  return fingerprintOf(change.id, identity, `${change.field ?? ''}${values}`);
}

/** A detector's finding as a change of the diff: placed, fingerprinted, with what depends on it here and elsewhere. */
function toChange(detected: DetectedChange, identity: string, located: Entity, input: DiffInput): Change {
  const impact = detected.withImpact ? impactOf(detected, detected.impactFrom ?? identity, input) : undefined;
  const affects = impact === undefined ? '' : describeImpact(impact);
  const elsewhere =
    detected.breaksReaders === undefined ? [] : readersElsewhere(input.consumers ?? [], identity, detected.breaksReaders.member);
  const change: Change = {
    id: detected.id,
    // What breaks readers is breaking when other repositories read it, whatever this one does.
    level: elsewhere.length > 0 ? 'breaking' : detected.level,
    entity: identity,
    kind: located.kind,
    title: detected.title,
    details: [...(detected.details ?? []), ...(affects === '' ? [] : [affects]), ...elsewhere.map(describeElsewhere)],
    file: located.source.file,
    line: located.source.line + 1,
    fingerprint: fingerprintOfChange(detected, identity),
  };
  if (detected.field !== undefined) change.field = detected.field;
  if (detected.before !== undefined) change.before = detected.before;
  if (detected.after !== undefined) change.after = detected.after;
  if (impact !== undefined && affects !== '') change.impact = impact;
  if (elsewhere.length > 0) change.elsewhere = elsewhere;
  return change;
}

export function diffCatalogs(input: DiffInput): SemanticDiff {
  const { base, head } = input;
  const context: DetectContext = {
    base: base.catalog,
    head: head.catalog,
    unreadableAtHead: unreadableFiles(head.diagnostics),
    unreadableAtBase: unreadableFiles(base.diagnostics),
  };
  const identities = [...(input.changed ?? new Set([...base.catalog.entities, ...head.catalog.entities].map((e) => e.identity)))].sort(
    compareStrings,
  );
  const changes: Change[] = [];
  let added = 0;
  let removed = 0;
  let changed = 0;

  const renames = findRenames(base.catalog, head.catalog, identities);
  const renamedTo = new Set(renames.values());
  const superseded: SupersededProblem[] = [];

  for (const identity of identities) {
    if (renamedTo.has(identity)) continue;
    const renamed = renames.get(identity);
    if (renamed !== undefined) {
      const rename = renameChange(input, identity, renamed);
      changes.push(rename.change);
      pushAll(superseded, rename.supersedes);
      changed++;
      continue;
    }
    const before = base.catalog.get(identity);
    const after = head.catalog.get(identity);
    // The same object on both sides is the same content: history reuses what an unchanged file parsed to.
    const fields = before && after && before !== after ? changedFields(before, after, context, renames) : [];
    if (!before) added += context.unreadableAtBase.has((after as Entity).source.file) ? 0 : 1;
    else if (!after) removed += context.unreadableAtHead.has(before.source.file) ? 0 : 1;
    else if (fields.length > 0 || resolvesElsewhere(identity, context)) changed++;
    else continue;
    const pair: EntityPair = { identity, base: before, head: after, fields };
    const located = (after ?? before) as Entity;
    const atBase = after === undefined;
    const detectedChanges = DETECTORS.flatMap((detector) => detector(pair, context));
    pushAll(detectedChanges, detectResolutionChanges(pair, context, detectedChanges));
    pushAll(detectedChanges, detectOtherFields(pair, detectedChanges));
    for (const detected of detectedChanges) {
      pushAll(superseded, detected.supersedes ?? []);
      const change = toChange(detected, identity, located, input);
      if (atBase) change.atBase = true;
      changes.push(change);
    }
  }

  for (const { inRepository, ...change } of input.configChanges ?? [])
    changes.push({ ...change, fingerprint: fingerprintOfChange(change, inRepository) });

  const known = new Set(base.diagnostics.map(problemKey));
  // The same problem at several places of one entity is one change, listing the other places.
  const newProblems = new Map<string, Diagnostic[]>();
  // Counted in the summary even when another change says them: lint at head reports them all.
  const newAtHead = new Set<string>();
  for (const d of head.diagnostics) {
    const key = problemKey(d);
    if (known.has(key)) continue;
    newAtHead.add(key);
    // A reference a removal left dangling is that removal's change, said once.
    if (!superseded.some((problem) => supersedes(problem, d))) appendTo(newProblems, key, d);
  }
  for (const [, [d, ...others]] of newProblems as Map<string, [Diagnostic, ...Diagnostic[]]>) {
    const entity = d.entity === undefined ? undefined : head.catalog.get(d.entity);
    const change: Change = {
      id: 'new-problem',
      level: PROBLEM_LEVEL[d.severity],
      entity: d.entity ?? d.file,
      title: `${d.message} (\`${d.ruleId}\`)`,
      details: [
        ...(d.hint === undefined ? [] : [d.hint]),
        ...others.map((o) => `also at ${formatLocation(o.file, { line: o.range.start.line })}`),
      ],
      field: d.ruleId,
      file: d.file,
      line: d.range.start.line + 1,
      fingerprint: fingerprintOf('new-problem', d.entity ?? d.file, `${d.ruleId}\n${d.message}`),
    };
    if (entity !== undefined) change.kind = entity.kind;
    changes.push(change);
  }

  for (const change of changes) {
    const reason = input.accepted?.get(change.fingerprint);
    if (reason !== undefined && change.level !== 'info') {
      change.accepted = { reason, originalLevel: change.level };
      change.level = 'info';
    }
  }
  changes.sort(
    (a, b) =>
      LEVEL_ORDER[b.level] - LEVEL_ORDER[a.level] ||
      compareStrings(a.entity, b.entity) ||
      compareStrings(a.id, b.id) ||
      compareStrings(a.fingerprint, b.fingerprint),
  );

  const count = (level: ChangeLevel) => changes.filter((c) => c.level === level).length;
  return {
    base: input.baseSide,
    head: input.headSide,
    summary: {
      breaking: count('breaking'),
      warning: count('warning'),
      info: count('info'),
      added,
      removed,
      changed,
      newProblems: newAtHead.size,
    },
    changes,
  };
}
