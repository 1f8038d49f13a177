// The audit report of one model: its whole history read from git, one compile per commit.

import type { AuditReport } from '../audit/audit-report.js';
import type { CatalogReader, CompileResult } from '../catalog/catalog.js';
import { ModelAudit } from '../audit/model-audit.js';
import type { DossierConfig } from '../config/load-config.js';
import { repositoryWebUrl } from '../git/history.js';
import { gitIn } from '../git/read-revision.js';
import { UsageError } from '../ground/errors.js';
import { DEFAULT_NAMESPACE, parseReference } from '../model/reference.js';
import { compileAt } from './compile-at.js';
import { loadProjectContext, type CompileOptions } from './compile-project.js';
import { walkHistory, type HistoryStep, type WalkOptions } from './walk-history.js';
import { findRenames } from '../diff/renames.js';

export interface AuditOptions {
  cwd: string;
  config: DossierConfig;
  /** A Model reference: `model:credit-score`, `risk/credit-score`. */
  model: string;
  rev?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  fetch?: CompileOptions;
}

/** `model:namespace/name` of a Model reference; a version or another kind is a usage error. */
export function modelIdentity(text: string): string {
  const parsed = parseReference(text);
  if (!parsed.ok) throw new UsageError(`\`${text}\` is not a model reference: ${parsed.reason}. Write e.g. model:fraud-detector.`);
  const { kind, namespace, name, version } = parsed.reference;
  if (kind !== undefined && kind !== 'model')
    throw new UsageError(`\`${text}\` is a ${kind}; the audit report is about a Model (and covers all its versions).`);
  if (version !== undefined)
    throw new UsageError(`\`${text}\` names a version; audit the model (model:${name}): the report covers every version.`);
  return `model:${namespace ?? DEFAULT_NAMESPACE}/${name}`;
}

/** Feeds each step of a history walk to the audits: the first step's base is where they start. */
export function auditsObserver(audits: readonly ModelAudit[]): (step: HistoryStep) => void {
  let started = false;
  return ({ commit, base, head, changedKeys }) => {
    if (!started) for (const audit of audits) audit.start(base);
    started = true;
    const stamp = { commit: commit.sha, date: commit.date, author: commit.author };
    for (const audit of audits) audit.observe(stamp, head, changedKeys);
  };
}

export interface ModelAuditResult {
  report: AuditReport;
  /** The metadata at the end of the history read. */
  catalog: CatalogReader;
  /** The repository's web page, for links to commits; undefined when it is not on GitHub. */
  webUrl: string | undefined;
}

/**
 * Every rename in the history walked (`findRenames` on each commit: a model renamed with its
 * versions and deployments), each former identity by the one it became.
 */
async function renamesInHistory(walk: WalkOptions): Promise<Map<string, string>> {
  const renamedTo = new Map<string, string>();
  await walkHistory(walk, ({ base, head, changed }) => {
    const identities = changed ?? new Set([...base.catalog.entities, ...head.catalog.entities].map((entity) => entity.identity));
    for (const [from, to] of findRenames(base.catalog, head.catalog, [...identities])) renamedTo.set(from, to);
  });
  return renamedTo;
}

export async function auditModel(options: AuditOptions): Promise<ModelAuditResult> {
  const { cwd, config } = options;
  const context = await loadProjectContext(config, cwd, options.fetch);
  const walkOptions: WalkOptions = { config, cwd, context, rev: options.rev, since: options.since, until: options.until };
  // Read twice: the report is about the model whatever it was called, and its names are known at the end.
  const audit = new ModelAudit(modelIdentity(options.model), await renamesInHistory(walkOptions));
  const observe = auditsObserver([audit]);
  let latest: CompileResult | undefined;
  const walk = await walkHistory(walkOptions, (step) => {
    observe(step);
    latest = step.head;
  });
  // No commit in the range touched the metadata: the report starts and ends with the metadata as it was.
  if (latest === undefined) {
    const { result } = await compileAt(config, cwd, options.until ?? options.rev ?? 'HEAD', options.fetch);
    if (walk.commits.length === 0) audit.start(result);
    latest = result;
  }
  if (!audit.seen)
    throw new UsageError(
      `\`${audit.model}\` is not in the metadata's history${options.since === undefined ? '' : ' in this range'}. Check the name with \`dossier compile\`.`,
    );
  return {
    report: audit.report({
      ...(walk.shallowAt === undefined ? {} : { shallowAt: walk.shallowAt }),
      openNow: latest.diagnostics,
      rules: config.rules,
    }),
    catalog: latest.catalog,
    webUrl: await repositoryWebUrl(gitIn(config.rootDir)),
  };
}
