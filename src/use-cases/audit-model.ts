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
import { walkHistory, type WalkOptions } from './walk-history.js';
import { ModelAudits } from './model-audits.js';

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

export interface ModelAuditResult {
  report: AuditReport;
  /** The metadata at the end of the history read. */
  catalog: CatalogReader;
  /** The repository's web page, for links to commits; undefined when it is not on GitHub. */
  webUrl: string | undefined;
}

export async function auditModel(options: AuditOptions): Promise<ModelAuditResult> {
  const { cwd, config } = options;
  const context = await loadProjectContext(config, cwd, options.fetch);
  const walkOptions: WalkOptions = { config, cwd, context, rev: options.rev, since: options.since, until: options.until };
  const requested = modelIdentity(options.model);
  const audits = new ModelAudits();
  let latest: CompileResult | undefined;
  const walk = await walkHistory(walkOptions, (step) => {
    audits.observe(step);
    latest = step.head;
  });
  // The report is about the model whatever it was called: asked by a former name, it is under its newest.
  let audit = audits.find(requested);
  // No commit in the range touched the metadata: the report starts and ends with the metadata as it was.
  if (latest === undefined) {
    const { result } = await compileAt(config, cwd, options.until ?? options.rev ?? 'HEAD', options.fetch);
    if (walk.commits.length === 0) {
      audit = new ModelAudit(requested);
      audit.start(result);
    }
    latest = result;
  }
  audit ??= new ModelAudit(requested);
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
