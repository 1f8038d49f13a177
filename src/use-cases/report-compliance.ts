// `dossier compliance`: the technical documentation of models under a compliance profile, at a
// commit, from one walk over the metadata's history (the catalog at that commit, each version's
// lifecycle changes and approvals for every model at once) and the files that walk ended on.

import path from 'node:path';
import { ModelAudits } from './model-audits.js';
import type { CompileResult } from '../catalog/catalog.js';
import { buildComplianceReport, type ReportContext } from '../compliance/build-report.js';
import { checkablePath, hashStatus, type DocumentStatus } from '../compliance/document-ref.js';
import type { ComplianceReport } from '../compliance/compliance-report.js';
import { ruleProblemsOn } from '../compliance/rule-evidence.js';
import type { DossierConfig } from '../config/load-config.js';
import { BlobReader } from '../git/blob-reader.js';
import { gitBytes, gitIn, repositoryTop } from '../git/read-revision.js';
import { resolveAt } from '../git/resolve-at.js';
import { UsageError } from '../ground/errors.js';
import { didYouMean } from '../ground/suggest.js';
import type { Entity } from '../model/entity.js';
import { aiSystemOf, systemEntities } from '../rules/profiles/ai-system.js';
import { profileAppliesTo } from '../rules/profiles/evidence.js';
import { complianceProfiles, profileById } from '../rules/profiles/index.js';
import type { ComplianceProfile } from '../rules/profiles/profile.js';
import { SourceLocator, type NodePart } from '../source/locate.js';
import { modelIdentity } from './audit-model.js';
import { compileAt } from './compile-at.js';
import { loadProjectContext, type CompileOptions } from './compile-project.js';
import { walkHistory } from './walk-history.js';

export interface ComplianceOptions {
  cwd: string;
  config: DossierConfig;
  /** A profile id: eu-ai-act, nist-ai-rmf, iso-42001. */
  profile: string;
  /** Model references; none: every model the profile applies to. */
  models?: readonly string[];
  /** A revision or a date (YYYY-MM-DD), as `--at` takes it; default HEAD. */
  at?: string | undefined;
  fetch?: CompileOptions;
}

export function complianceProfile(id: string): ComplianceProfile {
  const profile = profileById(id);
  if (profile !== undefined) return profile;
  const ids = complianceProfiles.map((candidate) => candidate.id);
  throw new UsageError(`There is no compliance profile \`${id}\`. ${didYouMean(id, ids, 'Profiles')}`);
}

export async function reportCompliance(options: ComplianceOptions): Promise<ComplianceReport[]> {
  const { cwd, config } = options;
  const profile = complianceProfile(options.profile);
  const git = gitIn(config.rootDir);
  const top = await repositoryTop(git);
  const revision = await resolveAt(git, options.at ?? 'HEAD');
  const context = await loadProjectContext(config, cwd, options.fetch);
  const audits = new ModelAudits();
  let head: CompileResult | undefined;
  const walk = await walkHistory({ config, cwd, context, rev: revision.sha }, (step) => {
    audits.observe(step);
    head = step.head;
  });
  head ??= (await compileAt(config, cwd, revision.sha, options.fetch)).result;
  const { catalog } = head;

  // The commit that last changed each file: the walk lists them newest first.
  const lastCommit = new Map<string, string>();
  for (const commit of walk.commits)
    for (const change of commit.changes ?? []) if (!lastCommit.has(change.path)) lastCommit.set(change.path, commit.sha);

  const models = selectModels(profile, catalog, options.models ?? []);
  // Entities of other repositories' catalogs have no file here.
  const local = models.flatMap((model) => systemEntities(aiSystemOf(catalog, model)).filter((entity) => entity.origin === undefined));
  const files = [...new Set(local.map((entity) => entity.source.file))];
  const blobs = new BlobReader(top);
  const locators = new Map<string, SourceLocator>();
  try {
    const texts = await blobs.read(files.map((file) => `${revision.sha}:${walk.inRepo(file)}`));
    for (const file of files)
      locators.set(file, new SourceLocator(texts.get(`${revision.sha}:${walk.inRepo(file)}`)?.toString('utf8') ?? ''));
  } finally {
    blobs.close();
  }
  const locate = (file: string, document: number, pointer: readonly string[], part: NodePart = 'key') =>
    (locators.get(file) ?? new SourceLocator('')).locate(document, pointer, part);
  const date = (await git.raw(['show', '-s', '--format=%cI', revision.sha])).trim();
  const reportContext: ReportContext = {
    profile,
    catalog,
    at: { ref: revision.ref, commit: revision.sha, date },
    lineOf: (entity, pointer) =>
      locators.has(entity.source.file) && entity.origin === undefined
        ? locate(entity.source.file, entity.source.document, pointer).start.line + 1
        : entity.source.line + 1,
    commitOf: (file) => lastCommit.get(walk.inRepo(file)) ?? null,
    ruleProblems: (ruleId, entities) => ruleProblemsOn(catalog, ruleId, entities, locate, config.ruleOptions[ruleId]),
    documentStatus: (entity, document) => documentStatusAt(top, revision.sha, walk.inRepo(config.rootDir), entity, document),
  };
  const reports: ComplianceReport[] = [];
  for (const model of models) {
    reports.push(await buildComplianceReport(reportContext, model, audits.find(model.identity)?.report().versions ?? []));
  }
  return reports;
}

/** The models named (each must exist), or every model the profile applies to. */
function selectModels(profile: ComplianceProfile, catalog: CompileResult['catalog'], references: readonly string[]): Entity[] {
  if (references.length === 0)
    return catalog.entities.filter((entity) => entity.kind === 'Model' && profileAppliesTo(profile, entity, catalog));
  return references.map((reference) => {
    const identity = modelIdentity(reference);
    const model = catalog.get(identity);
    if (model === undefined)
      throw new UsageError(`\`${reference}\` is not a model of the metadata at this commit. Check the name with \`dossier compile\`.`);
    return model;
  });
}

/**
 * A DocRef's sha256 against the file it names inside the metadata's folder, read from the commit:
 * never fetched from the network.
 */
export async function documentStatusAt(
  top: string,
  sha: string,
  root: string,
  entity: Entity,
  document: Record<string, unknown>,
): Promise<DocumentStatus> {
  const file = checkablePath(document);
  if (file === undefined || entity.origin !== undefined) return 'referenced';
  const bytes = await gitBytes(top, ['cat-file', 'blob', `${sha}:${path.posix.join(root, file)}`]).catch(() => undefined);
  return hashStatus(document, bytes);
}
