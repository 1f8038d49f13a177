// Follows one model through the metadata's history, commit by commit, and writes its audit report:
// every version's stage and lifecycle transitions, approvals, what was recorded at each promotion,
// deployments and traffic over time, and plainly what is missing.

import { recordReads } from '../engine/recording-reader.js';
import { findingsOf, openInProduction } from './audit-findings.js';
import { evaluationOf, stringOf } from './audit-evaluation.js';
import type { CatalogReader, CompileResult } from '../catalog/catalog.js';
import {
  approvalsOf,
  owningParties,
  resolvedTarget,
  sharedWithOwners,
  membership,
  sourcesOf,
  stageOf,
  trainingDataOf,
  licenseName,
} from '../catalog/queries.js';
import { groupBy } from '../ground/collections.js';
import type { Diagnostic } from '../ground/diagnostics.js';
import type { Entity } from '../model/entity.js';
import { versionOrder } from '../model/version-order.js';
import type { RuleSetting } from '../rules/settings.js';
import type { Approval, AuditDeployment, AuditReport, AuditVersion, CommitStamp, Promotion } from './audit-report.js';

/** Stages a version is promoted into: what is recorded on entering them goes into the report. */
const PROMOTED_STAGES = new Set(['staging', 'production']);

interface VersionState {
  /** The version's identity as the report names it: today's, for a version renamed since. */
  identity: string;
  entity: Entity;
  stage: string;
  approvals: Map<string, Approval>;
  deployments: Map<string, { environment: string | null; trafficPercent: number | null }>;
}

interface Snapshot {
  versions: Map<string, VersionState>;
}

export class ModelAudit {
  #model: string;
  #versions = new Map<string, AuditVersion>();
  #previous: Snapshot = { versions: new Map() };
  #latestModel: Entity | undefined;
  #exists = false;
  #oldest: CommitStamp | undefined;
  #newest: CommitStamp | undefined;
  #commits = 0;
  /** Each commit read, by its place in the walk: the order of events is the history's, whatever dates their commits carry. */
  readonly #order = new Map<string, number>();
  /** What the last snapshot read of its catalog (`readKeys`): a step that changed none of it changes nothing here. */
  #reads = new Set<string>();

  /** Identities the model, its versions and deployments had before a rename, by the identity they became. */
  readonly #renamedTo = new Map<string, string>();
  /** The model's identity and those it had before its renames. */
  readonly #modelNames: string[];
  /** Set by a rename: the next commit is read whatever it changed. */
  #renamedSinceRead = false;

  constructor(model: string) {
    this.#model = model;
    this.#modelNames = [model];
  }

  /** `model:namespace/name`, as the model is called at the newest commit read. */
  get model(): string {
    return this.#model;
  }

  /** The names the model had before its renames, oldest first. */
  get formerNames(): readonly string[] {
    return this.#modelNames.slice(0, -1);
  }

  /**
   * Renames a commit made (each former identity by the one it became), told before `observe` reads
   * that commit: the model, its versions and deployments keep their history under their new names.
   */
  renamed(renames: ReadonlyMap<string, string>): void {
    const concerns = (identity: string) =>
      this.#modelNames.includes(identity) ||
      this.#versions.has(identity) ||
      [...this.#versions.values()].some((version) => version.deployments.some((deployment) => deployment.identity === identity));
    let any = false;
    for (const [from, to] of renames)
      if (concerns(from)) {
        this.#renamedTo.set(from, to);
        any = true;
      }
    if (!any) return;
    this.#renamedSinceRead = true;
    const model = this.#named(this.#model);
    if (model !== this.#model) {
      this.#model = model;
      this.#modelNames.push(model);
    }
    this.#versions = new Map(
      [...this.#versions.values()].map((version) => {
        version.identity = this.#named(version.identity);
        for (const deployment of version.deployments) deployment.identity = this.#named(deployment.identity);
        return [version.identity, version];
      }),
    );
    this.#previous = {
      versions: new Map(
        [...this.#previous.versions.values()].map((state) => {
          state.identity = this.#named(state.identity);
          state.deployments = new Map([...state.deployments].map(([deployment, deployed]) => [this.#named(deployment), deployed]));
          return [state.identity, state];
        }),
      ),
    };
  }

  /** An identity as the report names it: the one its renames led to. */
  #named(identity: string): string {
    let named = identity;
    const seen = new Set<string>();
    for (let next = this.#renamedTo.get(named); next !== undefined && !seen.has(next); next = this.#renamedTo.get(named)) {
      seen.add(named);
      named = next;
    }
    return named;
  }

  /** The metadata before the first commit read: what existed then is "before" the history. */
  start(base: CompileResult): void {
    const snapshot = this.#snapshot(base);
    for (const [identity, state] of snapshot.versions) {
      const version = this.#track(state);
      version.before = { stage: state.stage, lifecycle: state.entity.lifecycle };
      for (const approval of state.approvals.values()) version.approvals.push({ ...approval });
      for (const [deployment, deployed] of state.deployments) this.#deployment(version, deployment).changes.push({ ...deployed });
      this.#versions.set(identity, version);
    }
    this.#previous = snapshot;
    this.#noteModel(base.catalog);
  }

  /**
   * The metadata after a commit: what changed since the one before. `changedKeys`, when the walk
   * knows them, are the lookups whose answers the commit changed: the model's versions are only
   * looked at again when one of those is among what they were read from.
   */
  observe(stamp: CommitStamp, head: CompileResult, changedKeys?: ReadonlySet<string>): void {
    this.#oldest ??= stamp;
    this.#newest = stamp;
    this.#commits++;
    this.#order.set(stamp.commit, this.#commits);
    if (!this.#renamedSinceRead && changedKeys !== undefined && ![...changedKeys].some((key) => this.#reads.has(key))) return;
    this.#renamedSinceRead = false;
    this.#noteModel(head.catalog);
    const snapshot = this.#snapshot(head);
    // Grouped only when a version is promoted: most commits promote nothing.
    let problems: Map<string, Diagnostic[]> | undefined;
    const problemsByEntity = () =>
      (problems ??= groupBy(
        head.diagnostics.filter((d) => d.entity !== undefined && d.severity !== 'info'),
        (d) => d.entity as string,
      ));
    for (const [identity, state] of snapshot.versions) {
      const before = this.#previous.versions.get(identity);
      const version = this.#track(state);
      if (before === undefined) version.transitions.push({ ...stamp, field: 'existence', from: null, to: state.stage });
      else {
        if (before.stage !== state.stage) version.transitions.push({ ...stamp, field: 'stage', from: before.stage, to: state.stage });
        if (before.entity.lifecycle !== state.entity.lifecycle)
          version.transitions.push({ ...stamp, field: 'lifecycle', from: before.entity.lifecycle, to: state.entity.lifecycle });
      }
      for (const [key, approval] of state.approvals)
        if (before?.approvals.has(key) !== true) version.approvals.push({ ...approval, recorded: stamp });
      for (const key of before?.approvals.keys() ?? [])
        if (!state.approvals.has(key)) {
          const standing = version.approvals.find((a) => a.removed === undefined && `${a.by}\0${a.date}` === key);
          if (standing !== undefined) standing.removed = stamp;
        }
      const enteredStage = before?.stage !== state.stage;
      if (enteredStage && PROMOTED_STAGES.has(state.stage))
        version.promotions.push(this.#promotion(stamp, head.catalog, state, before?.stage ?? null, problemsByEntity()));
      for (const [deployment, deployed] of state.deployments) {
        const was = before?.deployments.get(deployment);
        if (was?.environment !== deployed.environment || was.trafficPercent !== deployed.trafficPercent)
          this.#deployment(version, deployment).changes.push({ ...stamp, ...deployed });
      }
      for (const deployment of before?.deployments.keys() ?? [])
        if (!state.deployments.has(deployment))
          this.#deployment(version, deployment).changes.push({ ...stamp, environment: null, trafficPercent: null });
    }
    for (const [identity, before] of this.#previous.versions) {
      if (snapshot.versions.has(identity)) continue;
      const version = this.#versions.get(identity);
      version?.transitions.push({ ...stamp, field: 'existence', from: before.stage, to: null });
    }
    this.#previous = snapshot;
  }

  /**
   * The report. `openNow`: the problems of the newest commit read, so that what went wrong after a
   * promotion (a failing evaluation, data relicensed) is a finding too, not only what was recorded then.
   * `rules`: dossier.yaml's rule severities, which rate the findings about facts lint also checks.
   */
  report(extra: { shallowAt?: string; openNow?: readonly Diagnostic[]; rules?: Readonly<Record<string, RuleSetting>> } = {}): AuditReport {
    const model = this.#latestModel;
    const all = [...this.#versions.values()];
    // In FORMAT.md's version order (`10` after `9`), decided by every version the history had.
    const order = versionOrder(all.map((version) => version.version));
    const versions = all.sort((a, b) => order(a.version, b.version));
    for (const version of versions) {
      const now = this.#previous.versions.get(version.identity);
      version.stage = now?.stage ?? null;
      version.lifecycle = now?.entity.lifecycle ?? null;
    }
    const title = model?.metadata.title;
    const riskTier = model?.spec.riskTier;
    const owner = model?.metadata.owner;
    return {
      apiVersion: 'dossier/v1',
      kind: 'Audit',
      model: this.model,
      ...(typeof title === 'string' ? { title } : {}),
      ...(typeof owner === 'string' ? { owner } : {}),
      ...(typeof riskTier === 'string' ? { riskTier } : {}),
      exists: this.#exists,
      range: {
        commits: this.#commits,
        ...(this.#oldest === undefined ? {} : { oldest: this.#oldest }),
        ...(this.#newest === undefined ? {} : { newest: this.#newest }),
      },
      ...(extra.shallowAt === undefined ? {} : { shallowAt: extra.shallowAt }),
      versions,
      findings: versions.flatMap((version) => [
        ...findingsOf(version, extra.rules ?? {}, (commit) => (commit === undefined ? 0 : (this.#order.get(commit) ?? 0))),
        ...openInProduction(version, extra.openNow ?? []),
      ]),
    };
  }

  /** Whether the model or any of its versions was ever seen. */
  get seen(): boolean {
    return this.#latestModel !== undefined || this.#versions.size > 0;
  }

  #noteModel(catalog: CatalogReader): void {
    const model = this.#modelIn(catalog);
    this.#exists = model !== undefined;
    if (model !== undefined) this.#latestModel = model;
  }

  /** The model in a catalog, under its name there. */
  #modelIn(catalog: CatalogReader): Entity | undefined {
    for (const name of this.#modelNames) {
      const model = catalog.get(name);
      if (model !== undefined) return model;
    }
    return undefined;
  }

  #track({ identity, entity }: VersionState): AuditVersion {
    let version = this.#versions.get(identity);
    if (version === undefined) {
      version = {
        identity,
        version: entity.version ?? '',
        stage: null,
        lifecycle: null,
        transitions: [],
        approvals: [],
        promotions: [],
        deployments: [],
      };
      this.#versions.set(identity, version);
    }
    return version;
  }

  #deployment(version: AuditVersion, identity: string): AuditDeployment {
    let deployment = version.deployments.find((d) => d.identity === identity);
    if (deployment === undefined) {
      deployment = { identity, changes: [] };
      version.deployments.push(deployment);
    }
    return deployment;
  }

  /** The model's versions in a catalog: those that say they are its versions, and those named like it. */
  #snapshot({ catalog }: CompileResult): Snapshot {
    const { value, reads } = recordReads(catalog, (reader) => this.#readSnapshot(reader));
    this.#reads = reads;
    return value;
  }

  #readSnapshot(catalog: CatalogReader): Snapshot {
    const model = this.#modelIn(catalog);
    const named = this.#modelNames.flatMap((name) => catalog.versionsOf(name.replace(/^model:/, 'modelversion:')));
    const versions = new Set([...(model === undefined ? [] : sourcesOf(catalog, model, 'versionOf')), ...named]);
    const states = new Map<string, VersionState>();
    const teams = membership(catalog);
    for (const entity of versions) {
      if (entity.kind !== 'ModelVersion' || entity.origin !== undefined) continue;
      const parties = owningParties(catalog, entity, teams);
      const approvals = new Map<string, Approval>();
      for (const approval of approvalsOf(entity)) {
        const team = resolvedTarget(catalog, entity, ['spec', 'approvals', String(approval.index), 'by']);
        const by = team ?? approval.by;
        const date = stringOf(approval.date) ?? '';
        const note = stringOf(approval.note);
        approvals.set(`${by}\0${date}`, {
          by,
          date,
          ...(note === undefined ? {} : { note }),
          independent: team !== undefined && sharedWithOwners(parties, team, teams) === undefined,
          ...(team === undefined ? { unknownApprover: true as const } : {}),
        });
      }
      // A retired deployment serves nothing: retiring one ends its traffic, reactivating it starts it again.
      const serving = sourcesOf(catalog, entity, 'deploys').filter((deployment) => deployment.lifecycle !== 'retired');
      const deployments = new Map(
        serving.map((deployment) => [
          this.#named(deployment.identity),
          {
            environment: stringOf(deployment.spec.environment) ?? null,
            trafficPercent: typeof deployment.spec.trafficPercent === 'number' ? deployment.spec.trafficPercent : null,
          },
        ]),
      );
      const identity = this.#named(entity.identity);
      states.set(identity, { identity, entity, stage: stageOf(entity), approvals, deployments });
    }
    return { versions: states };
  }

  #promotion(
    stamp: CommitStamp,
    catalog: CatalogReader,
    state: VersionState,
    from: string | null,
    problems: ReadonlyMap<string, Diagnostic[]>,
  ): Promotion {
    const version = state.entity;
    const evaluations = sourcesOf(catalog, version, 'evaluates');
    const deployments = sourcesOf(catalog, version, 'deploys');
    const concerned = [version.identity, ...this.#modelNames, ...evaluations.map((e) => e.identity), ...deployments.map((d) => d.identity)];
    return {
      ...stamp,
      from,
      to: state.stage,
      approvals: [...state.approvals.values()],
      evaluations: evaluations.map((evaluation) => evaluationOf(catalog, evaluation)),
      training: trainingDataOf(catalog, version).map(({ dataset, role }) => {
        const license = licenseName(dataset);
        const classification = stringOf(dataset.spec.classification);
        return {
          dataset: dataset.identity,
          role,
          ...(license === undefined ? {} : { license }),
          ...(classification === undefined ? {} : { classification }),
          ...(typeof dataset.spec.containsPII === 'boolean' ? { containsPII: dataset.spec.containsPII } : {}),
        };
      }),
      problems: concerned.flatMap((identity) =>
        (problems.get(identity) ?? []).map((d) => ({
          ruleId: d.ruleId,
          severity: d.severity,
          message: d.message,
          file: d.file,
          line: d.range.start.line + 1,
        })),
      ),
    };
  }
}
