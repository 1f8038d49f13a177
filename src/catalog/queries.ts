// Questions governance rules ask of the Catalog, answered from its relations in one place.

import { Catalog, type CatalogReader } from './catalog.js';
import type { Entity } from '../model/entity.js';
import { isRecord } from '../model/kinds.js';
import { inVersionOrder } from '../model/version-order.js';

/**
 * Relations through which one entity depends on another for its data, model or runtime, named
 * from the dependent side: a change to the target reaches the source.
 */
export const DEPENDENCY_RELATIONS: readonly string[] = [
  'trainedOn',
  'usesFeatures',
  'sourcedFrom',
  'derivedFrom',
  'versionOf',
  'deploys',
  'evaluatedOn',
  'runsOn',
  'basedOn',
];

/** Entities this one points to through relations of `type` (e.g. `trainedOn`). */
export function targetsOf(catalog: CatalogReader, entity: Entity, type: string): Entity[] {
  const found: Entity[] = [];
  for (const relation of catalog.outgoing(entity.identity)) {
    const target = relation.type === type ? catalog.get(relation.target) : undefined;
    if (target !== undefined) found.push(target);
  }
  return found;
}

/** Entities that point to this one through relations of `type` (e.g. `deploys`). */
export function sourcesOf(catalog: CatalogReader, entity: Entity, type: string): Entity[] {
  const found: Entity[] = [];
  for (const relation of catalog.incoming(entity.identity)) {
    const source = relation.type === type ? catalog.get(relation.source) : undefined;
    if (source !== undefined) found.push(source);
  }
  return found;
}

/** A model's versions, oldest first (FORMAT.md's version order: `10.0.0` after `9.0.0`). */
export function modelVersionsOf(catalog: CatalogReader, model: Entity): readonly Entity[] {
  return inVersionOrder(sourcesOf(catalog, model, 'versionOf'));
}

export interface TrainingData {
  dataset: Entity;
  role: string;
  /** Pointer of the reference inside the model version. */
  pointer: readonly string[];
}

const trainingDataCache = new WeakMap<Catalog, Map<string, TrainingData[]>>();

/**
 * A model version's training datasets with their roles (train, validation, test): several rules ask
 * for each version's. Remembered per eager Catalog only: its relations are set once, before rules and
 * products read them, and no reader that records reads (a remembered answer would hide them).
 */
export function trainingDataOf(catalog: CatalogReader, version: Entity): TrainingData[] {
  if (!(catalog instanceof Catalog)) return readTrainingData(catalog, version);
  let cache = trainingDataCache.get(catalog);
  if (cache === undefined) trainingDataCache.set(catalog, (cache = new Map<string, TrainingData[]>()));
  let data = cache.get(version.identity);
  if (data === undefined) cache.set(version.identity, (data = readTrainingData(catalog, version)));
  return data;
}

function readTrainingData(catalog: CatalogReader, version: Entity): TrainingData[] {
  return catalog.outgoing(version.identity).flatMap((relation) => {
    if (relation.type !== 'trainedOn') return [];
    const dataset = catalog.get(relation.target);
    const item = valueAt(version, relation.pointer.slice(0, -1));
    const role = isRecord(item) && typeof item.role === 'string' ? item.role : 'train';
    return dataset === undefined ? [] : [{ dataset, role, pointer: relation.pointer }];
  });
}

/** The value at a pointer inside an entity's document (`['spec', 'stage']`). */
export function valueAt(entity: Entity, pointer: readonly string[]): unknown {
  return valueIn({ metadata: entity.metadata, spec: entity.spec }, pointer);
}

/** The value at `pointer` inside any value of a document (an item of a list); undefined where nothing is. */
export function valueIn(value: unknown, pointer: readonly string[]): unknown {
  let node = value;
  for (const segment of pointer) {
    if (Array.isArray(node)) node = node[Number(segment)];
    // Own fields only: `spec.constructor` is not Object.prototype's.
    else if (isRecord(node)) node = Object.hasOwn(node, segment) ? node[segment] : undefined;
    else return undefined;
  }
  return node;
}

export function stageOf(version: Entity): string {
  return typeof version.spec.stage === 'string' ? version.spec.stage : 'development';
}

export function isActive(entity: Entity): boolean {
  return entity.lifecycle === 'active' || entity.lifecycle === 'experimental';
}

/** Whether a model version is in production: its stage says so, or a Deployment to production that is not retired runs it. */
export function isInProduction(catalog: CatalogReader, version: Entity): boolean {
  return (
    stageOf(version) === 'production' ||
    sourcesOf(catalog, version, 'deploys').some(
      (deployment) => deployment.spec.environment === 'production' && deployment.lifecycle !== 'retired',
    )
  );
}

/** One entry of `spec.approvals`: its team as written, its place, and its date and note as they were parsed. */
export interface ApprovalEntry {
  by: string;
  index: number;
  date: unknown;
  note: unknown;
}

export function approvalsOf(entity: Entity): ApprovalEntry[] {
  const approvals = entity.spec.approvals;
  if (!Array.isArray(approvals)) return [];
  return approvals.flatMap((approval, index) =>
    isRecord(approval) && typeof approval.by === 'string' ? [{ by: approval.by, index, date: approval.date, note: approval.note }] : [],
  );
}

/** The Team identity a reference in an entity resolved to, through the relation at `pointer`. */
export function resolvedTarget(catalog: CatalogReader, entity: Entity, pointer: readonly string[]): string | undefined {
  const key = pointer.join('/');
  return catalog.outgoing(entity.identity).find((r) => r.pointer.join('/') === key)?.target;
}

export function ownerOf(catalog: CatalogReader, entity: Entity): string | undefined {
  // Only metadata.owner makes an ownedBy relation.
  return catalog.outgoing(entity.identity).find((r) => r.type === 'ownedBy')?.target;
}

/** A Team and its members, transitively (`spec.members`; a cycle of members ends), the Team first. */
export function teamAndMembers(catalog: CatalogReader, teamIdentity: string): Entity[] {
  const start = catalog.get(teamIdentity);
  const seen = new Set<string>([teamIdentity]);
  const teams = start === undefined ? [] : [start];
  for (const team of teams)
    for (const member of targetsOf(catalog, team, 'hasMember'))
      if (!seen.has(member.identity)) {
        seen.add(member.identity);
        teams.push(member);
      }
  return teams;
}

/**
 * Who belongs to which team, each team walked once however often it is asked about (an org of
 * thousands approves thousands of versions): a Team and its members, transitively, and the parties
 * of some owning teams together.
 */
export interface Membership {
  membersOf(team: string): ReadonlySet<string>;
  partiesOf(owners: readonly string[]): ReadonlySet<string>;
}

export function membership(catalog: CatalogReader): Membership {
  const members = new Map<string, Set<string>>();
  const parties = new Map<string, Set<string>>();
  const membersOf = (team: string) => {
    let found = members.get(team);
    if (found === undefined) members.set(team, (found = new Set(teamAndMembers(catalog, team).map((entity) => entity.identity))));
    return found;
  };
  return {
    membersOf,
    partiesOf: (owners) => {
      const key = owners.join('\0');
      let found = parties.get(key);
      if (found === undefined) {
        found = new Set(owners);
        for (const owner of owners) for (const member of membersOf(owner)) found.add(member);
        parties.set(key, found);
      }
      return found;
    },
  };
}

/** The owning team of the model behind a version or deployment, and that team's members, transitively: who may not approve it. */
export function owningParties(catalog: CatalogReader, entity: Entity, teams: Membership = membership(catalog)): ReadonlySet<string> {
  let version: Entity | undefined = entity;
  if (entity.kind === 'Deployment') version = targetsOf(catalog, entity, 'deploys')[0];
  const model = version === undefined ? undefined : targetsOf(catalog, version, 'versionOf')[0];
  const owners = [model, version].flatMap((owned) => {
    const owner = owned === undefined ? undefined : ownerOf(catalog, owned);
    return owner === undefined ? [] : [owner];
  });
  return teams.partiesOf(owners);
}

/**
 * Whether an approver is one of the owning parties, or counts one of them among its members (a
 * person on both the owning and the approving team): the owner it shares, else undefined.
 */
export function sharedWithOwners(parties: ReadonlySet<string>, approver: string, teams: Membership): string | undefined {
  if (parties.has(approver)) return approver;
  const members = teams.membersOf(approver);
  // Looked up from the smaller side: either may hold thousands.
  if (parties.size < members.size) {
    for (const party of parties) if (members.has(party)) return party;
    return undefined;
  }
  for (const member of members) if (parties.has(member)) return member;
  return undefined;
}

export function termsOf(catalog: CatalogReader, entity: Entity): Set<string> {
  return new Set(
    catalog.outgoing(entity.identity).flatMap((r) => (r.type === 'classifiedAs' && r.pointer[0] === 'metadata' ? [r.target] : [])),
  );
}

/**
 * A dataset's or model's license as one name: an SPDX id, or the name of a custom license, else its
 * URL (FORMAT.md requires neither of `{name, url}`; a license given by its page is still a license).
 */
export function licenseName(entity: Entity): string | undefined {
  const license = entity.spec.license;
  if (typeof license === 'string') return license;
  if (!isRecord(license)) return undefined;
  if (typeof license.name === 'string') return license.name;
  return typeof license.url === 'string' ? license.url : undefined;
}
