// The site's compliance pages: for each model under a compliance profile, its documentation as
// `dossier compliance` writes it, from what the site is built from (the working tree, or a revision
// with `--at`: then lines and document hashes are the revision's too). A model declared
// high-risk gets its EU AI Act page; the profiles without a declaration to select by (NIST AI RMF,
// ISO/IEC 42001) only when dossier.yaml extends them.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CompileResult } from '../catalog/catalog.js';
import { buildComplianceReport, type ReportContext } from '../compliance/build-report.js';
import { gitIn, repositoryTop } from '../git/read-revision.js';
import { documentStatusAt } from './report-compliance.js';
import { checkablePath, hashStatus, type DocumentStatus } from '../compliance/document-ref.js';
import { renderComplianceHtmlBody } from '../compliance/render-compliance.js';
import { ruleProblemsOn } from '../compliance/rule-evidence.js';
import type { DossierConfig } from '../config/load-config.js';
import { commitLinker, type History } from '../git/history.js';
import type { Entity } from '../model/entity.js';
import { aiSystemOf, systemEntities } from '../rules/profiles/ai-system.js';
import { profileAppliesTo, selectingField } from '../rules/profiles/evidence.js';
import { complianceProfiles } from '../rules/profiles/index.js';
import type { CompliancePage } from '../site/page-inputs.js';
import { compliancePath } from '../site/urls.js';
import { SourceLocator, type NodePart } from '../source/locate.js';
import { containmentIn } from '../ground/contained-path.js';
import { readRegularFileSync } from '../ground/regular-file.js';

/** Documents larger than this are not hashed: a link to `/dev/zero` must not be read forever. */
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

/**
 * A DocRef's sha256 against the working tree's file it names inside the metadata's folder, never
 * fetched: a regular file whose links stay inside the folder (else the page would confirm a guess
 * at any file of the machine), of a bounded size.
 */
function workingTreeDocumentStatus(root: string, document: Record<string, unknown>): DocumentStatus {
  const file = checkablePath(document);
  if (file === undefined) return 'referenced';
  const absolute = path.join(root, file);
  return hashStatus(document, containmentIn(root)(absolute) ? readRegularFileSync(absolute, MAX_DOCUMENT_BYTES) : undefined);
}

/** The revision a site built `--at` shows: its name, commit and the texts of its files by display path. */
export interface ComplianceRevision {
  ref: string;
  sha: string;
  texts: ReadonlyMap<string, string>;
}

/** Where each report says it read the metadata, and how a document's hash is checked there. */
async function readingPlace(
  config: DossierConfig,
  cwd: string,
  revision: ComplianceRevision | undefined,
): Promise<Pick<ReportContext, 'at' | 'documentStatus'>> {
  if (revision === undefined)
    return {
      // The site shows the working tree, which no commit may hold yet; each piece of evidence has its file's last commit.
      at: { ref: 'working tree', commit: '', date: '' },
      documentStatus: (_entity, document) => Promise.resolve(workingTreeDocumentStatus(config.rootDir, document)),
    };
  const git = gitIn(config.rootDir);
  const top = await repositoryTop(git);
  const date = (await git.raw(['show', '-s', '--format=%cI', revision.sha])).trim();
  const root = path.relative(top, path.resolve(cwd, config.rootDir)).split(path.sep).join('/');
  return {
    at: { ref: revision.ref, commit: revision.sha, date },
    documentStatus: (entity, document) => documentStatusAt(top, revision.sha, root, entity, document),
  };
}

export async function sitePagesOfCompliance(
  config: DossierConfig,
  cwd: string,
  compiled: CompileResult,
  history: History,
  revision?: ComplianceRevision,
): Promise<CompliancePage[]> {
  const { catalog } = compiled;
  const extended = new Set((config.profiles ?? []).map((profile) => profile.id));
  const profiles = complianceProfiles.filter((profile) => extended.has(profile.id) || selectingField(profile) !== undefined);
  const locators = new Map<string, SourceLocator>();
  const locate = (file: string, document: number, pointer: readonly string[], part: NodePart = 'key') =>
    (locators.get(file) ?? new SourceLocator('')).locate(document, pointer, part);
  const read = async (entity: Entity) => {
    if (entity.origin !== undefined || locators.has(entity.source.file)) return;
    const text =
      revision === undefined
        ? await readFile(path.resolve(cwd, entity.source.file), 'utf8').catch(() => '')
        : (revision.texts.get(entity.source.file) ?? '');
    locators.set(entity.source.file, new SourceLocator(text));
  };
  const pages: CompliancePage[] = [];
  const place = profiles.length === 0 ? undefined : await readingPlace(config, cwd, revision);
  for (const profile of profiles) {
    const models = catalog.entities.filter((entity) => entity.kind === 'Model' && profileAppliesTo(profile, entity, catalog));
    for (const model of models) {
      for (const entity of systemEntities(aiSystemOf(catalog, model))) await read(entity);
      const report = await buildComplianceReport(
        {
          profile,
          catalog,
          ...(place as NonNullable<typeof place>),
          lineOf: (entity, pointer) =>
            entity.origin === undefined && locators.has(entity.source.file)
              ? locate(entity.source.file, entity.source.document, pointer).start.line + 1
              : entity.source.line + 1,
          commitOf: (file) => history.byFile.get(file)?.[0]?.sha ?? null,
          ruleProblems: (ruleId, entities) => ruleProblemsOn(catalog, ruleId, entities, locate, config.ruleOptions[ruleId]),
        },
        model,
        undefined,
      );
      pages.push({
        model: model.identity,
        title: `${profile.title}: ${model.name}`,
        path: compliancePath(model.identity, profile.id),
        body: renderComplianceHtmlBody(report, { commitUrl: commitLinker(history.webUrl) }),
      });
    }
  }
  return pages;
}
