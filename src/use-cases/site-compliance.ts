// The site's compliance pages: for each model under a compliance profile, its documentation as
// `dossier compliance` writes it, from the working tree the site is built from. A model declared
// high-risk gets its EU AI Act page; the profiles without a declaration to select by (NIST AI RMF,
// ISO/IEC 42001) only when dossier.yaml extends them.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CompileResult } from '../catalog/catalog.js';
import { buildComplianceReport } from '../compliance/build-report.js';
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

export async function sitePagesOfCompliance(
  config: DossierConfig,
  cwd: string,
  compiled: CompileResult,
  history: History,
): Promise<CompliancePage[]> {
  const { catalog } = compiled;
  const extended = new Set((config.profiles ?? []).map((profile) => profile.id));
  const profiles = complianceProfiles.filter((profile) => extended.has(profile.id) || selectingField(profile) !== undefined);
  const locators = new Map<string, SourceLocator>();
  const locate = (file: string, document: number, pointer: readonly string[], part: NodePart = 'key') =>
    (locators.get(file) ?? new SourceLocator('')).locate(document, pointer, part);
  const read = async (entity: Entity) => {
    if (entity.origin !== undefined || locators.has(entity.source.file)) return;
    const text = await readFile(path.resolve(cwd, entity.source.file), 'utf8').catch(() => '');
    locators.set(entity.source.file, new SourceLocator(text));
  };
  const pages: CompliancePage[] = [];
  for (const profile of profiles) {
    const models = catalog.entities.filter((entity) => entity.kind === 'Model' && profileAppliesTo(profile, entity, catalog));
    for (const model of models) {
      for (const entity of systemEntities(aiSystemOf(catalog, model))) await read(entity);
      const report = await buildComplianceReport(
        {
          profile,
          catalog,
          // The site shows the working tree, which no commit may hold yet; each piece of evidence has its file's last commit.
          at: { ref: 'working tree', commit: '', date: '' },
          lineOf: (entity, pointer) =>
            entity.origin === undefined && locators.has(entity.source.file)
              ? locate(entity.source.file, entity.source.document, pointer).start.line + 1
              : entity.source.line + 1,
          commitOf: (file) => history.byFile.get(file)?.[0]?.sha ?? null,
          ruleProblems: (ruleId, entities) => ruleProblemsOn(catalog, ruleId, entities, locate, config.ruleOptions[ruleId]),
          documentStatus: (_entity, document) => Promise.resolve(workingTreeDocumentStatus(config.rootDir, document)),
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
