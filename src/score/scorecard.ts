// The governance scorecard: for each rule family, the share of models whose whole footprint
// (versions, deployments, evaluations, features, training data) has no error or warning of it.

import type { CatalogReader } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import { compareStrings, type Diagnostic } from '../ground/diagnostics.js';
import { ownerOf, sourcesOf, targetsOf } from '../catalog/queries.js';
import { catalogRules } from '../rules/registry.js';

/** Families of the checks every file gets, before governance: files, YAML, schemas, references. */
export const VALIDITY = 'validity';

export interface FamilyScore {
  meeting: number;
  total: number;
  share: number;
}

export interface ModelScore {
  identity: string;
  owner: string | undefined;
  /** Family -> whether the model meets it. */
  families: Record<string, boolean>;
}

export interface Scorecard {
  families: string[];
  models: ModelScore[];
  overall: Record<string, FamilyScore>;
  byOwner: Record<string, { models: number; families: Record<string, FamilyScore> }>;
  /** For each compliance profile extended: how complete the documentation of the models under it is, overall and per owner. */
  documentation?: Record<string, { overall: DocumentationScore; byOwner: Record<string, DocumentationScore> }>;
}

/** The mean documentation completeness (0..1) of the models under a profile. */
export interface DocumentationScore {
  models: number;
  completeness: number;
}

/** Profile -> model identity -> completeness (0..1), for the models under each profile. */
export type Completeness = ReadonlyMap<string, ReadonlyMap<string, number>>;

function documentationScore(shares: readonly number[]): DocumentationScore {
  const mean = shares.length === 0 ? 1 : shares.reduce((sum, share) => sum + share, 0) / shares.length;
  return { models: shares.length, completeness: Math.round(mean * 1000) / 1000 };
}

function documentationOf(models: readonly ModelScore[], completeness: Completeness): NonNullable<Scorecard['documentation']> {
  return Object.fromEntries(
    [...completeness].map(([profile, byModel]) => {
      const under = models.filter((model) => byModel.has(model.identity));
      const sharesOf = (subset: readonly ModelScore[]) => subset.map((model) => byModel.get(model.identity) as number);
      const owners = [...new Set(under.map((model) => model.owner ?? NO_OWNER))].sort(compareStrings);
      return [
        profile,
        {
          overall: documentationScore(sharesOf(under)),
          byOwner: Object.fromEntries(
            owners.map((owner) => [owner, documentationScore(sharesOf(under.filter((model) => (model.owner ?? NO_OWNER) === owner)))]),
          ),
        },
      ];
    }),
  );
}

export const NO_OWNER = '(no owner)';

export function familyOf(ruleId: string, policyFamily: ReadonlyMap<string, string>): string {
  return policyFamily.get(ruleId) ?? (ruleId.startsWith('policy/') ? 'policy' : VALIDITY);
}

/** The entities a model answers for. */
function footprint(catalog: CatalogReader, model: Entity): Set<string> {
  const members = new Set([model.identity]);
  for (const version of sourcesOf(catalog, model, 'versionOf')) {
    members.add(version.identity);
    for (const deployment of sourcesOf(catalog, version, 'deploys')) {
      members.add(deployment.identity);
      for (const runtime of targetsOf(catalog, deployment, 'runsOn')) members.add(runtime.identity);
    }
    for (const evaluation of sourcesOf(catalog, version, 'evaluates')) members.add(evaluation.identity);
    for (const type of ['trainedOn', 'usesFeatures']) for (const used of targetsOf(catalog, version, type)) members.add(used.identity);
  }
  return members;
}

function score(meeting: number, total: number): FamilyScore {
  return { meeting, total, share: total === 0 ? 1 : Math.round((meeting / total) * 1000) / 1000 };
}

export function buildScorecard(catalog: CatalogReader, diagnostics: readonly Diagnostic[], completeness?: Completeness): Scorecard {
  const ruleFamily = new Map(catalogRules.map((rule) => [rule.meta.id, rule.meta.family as string]));
  // Policies and compliance profiles are families only where a repository has them.
  const families = [
    VALIDITY,
    ...new Set(catalogRules.filter((rule) => rule.meta.preset !== 'profile').map((rule) => rule.meta.family as string)),
  ];
  if (diagnostics.some((d) => d.ruleId.startsWith('policy/'))) families.push('policy');
  if (diagnostics.some((d) => ruleFamily.get(d.ruleId) === 'compliance')) families.push('compliance');

  const failingByEntity = new Map<string, Set<string>>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.entity === undefined || diagnostic.severity === 'info') continue;
    const failing = failingByEntity.get(diagnostic.entity) ?? new Set<string>();
    failing.add(familyOf(diagnostic.ruleId, ruleFamily));
    failingByEntity.set(diagnostic.entity, failing);
  }

  const models: ModelScore[] = catalog.entities
    .filter((entity) => entity.kind === 'Model')
    .map((model) => {
      const failing = new Set<string>();
      for (const member of footprint(catalog, model)) for (const family of failingByEntity.get(member) ?? []) failing.add(family);
      const owner = ownerOf(catalog, model);
      return { identity: model.identity, owner, families: Object.fromEntries(families.map((family) => [family, !failing.has(family)])) };
    });

  const tally = (subset: readonly ModelScore[]) =>
    Object.fromEntries(families.map((family) => [family, score(subset.filter((m) => m.families[family]).length, subset.length)]));
  const owners = [...new Set(models.map((m) => m.owner ?? NO_OWNER))].sort(compareStrings);
  return {
    families,
    models,
    ...(completeness === undefined || completeness.size === 0 ? {} : { documentation: documentationOf(models, completeness) }),
    overall: tally(models),
    byOwner: Object.fromEntries(
      owners.map((owner) => {
        const owned = models.filter((m) => (m.owner ?? NO_OWNER) === owner);
        return [owner, { models: owned.length, families: tally(owned) }];
      }),
    ),
  };
}
