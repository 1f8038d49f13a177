// How complete a model's documentation under a profile is from the metadata alone (fields,
// documents and rules, no git history): what `dossier score` shows per owner.

import type { CatalogReader } from '../catalog/catalog.js';
import type { Range } from '../ground/diagnostics.js';
import type { Entity } from '../model/entity.js';
import { profileAppliesTo } from '../rules/profiles/evidence.js';
import { profileById } from '../rules/profiles/index.js';
import type { ComplianceProfile } from '../rules/profiles/profile.js';
import type { ProfileSetting } from '../rules/settings.js';
import { buildComplianceReport } from './build-report.js';
import { ruleProblemsOn } from './rule-evidence.js';

const NOWHERE: Range = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };

/** The completeness (0..1) of the requirements the metadata itself evidences; history facts are left out. */
export async function documentationCompleteness(profile: ComplianceProfile, catalog: CatalogReader, model: Entity): Promise<number> {
  const report = await buildComplianceReport(
    {
      profile,
      catalog,
      at: { ref: '', commit: '', date: '' },
      // Only the statuses count here: no lines, commits or file contents are read.
      lineOf: (entity) => entity.source.line + 1,
      commitOf: () => null,
      ruleProblems: (ruleId, entities) => ruleProblemsOn(catalog, ruleId, entities, () => NOWHERE),
      documentStatus: () => Promise.resolve('referenced'),
    },
    model,
    undefined,
  );
  return report.completeness;
}

/** For each profile extended (`extends: [..., <profile>]`), the documentation completeness of each model under it. */
export async function profilesCompleteness(
  profiles: readonly ProfileSetting[],
  catalog: CatalogReader,
): Promise<Map<string, Map<string, number>>> {
  const completeness = new Map<string, Map<string, number>>();
  for (const setting of profiles) {
    const profile = profileById(setting.id);
    if (profile === undefined) continue;
    const byModel = new Map<string, number>();
    for (const model of catalog.entities)
      if (model.kind === 'Model' && profileAppliesTo(profile, model, catalog))
        byModel.set(model.identity, await documentationCompleteness(profile, catalog, model));
    completeness.set(profile.id, byModel);
  }
  return completeness;
}
