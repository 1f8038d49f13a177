// A compliance profile as a rule (`compliance/<profile>`): on a model the profile is about, each
// requirement whose fields or documents the metadata lacks is reported at the model, once; a model
// that documents nothing of it yet is reported once, with what to add.

import { createRule, type CatalogRule } from '../catalog-rule.js';
import { valueAt } from '../../catalog/queries.js';
import { shortReference } from '../../model/entity.js';
import { isRecord } from '../../model/kinds.js';
import { isPresent } from '../present-value.js';
import { aiSystemOf } from './ai-system.js';
import { checkMetadataEvidence, isFieldEvidence, profileAppliesTo, selectingField } from './evidence.js';
import { profileRuleId } from './index.js';
import type { ComplianceProfile } from './profile.js';

const COMPLIANCE = ['spec', 'compliance'];

/** The `spec.compliance` fields a profile asks of the model, besides the one that selects it. */
function complianceFields(profile: ComplianceProfile): string[] {
  const selector = selectingField(profile);
  const fields = profile.requirements.flatMap((requirement) =>
    requirement.evidence.flatMap((evidence) => {
      const paths =
        isFieldEvidence(evidence) && evidence.kind === 'Model'
          ? [evidence.field].flat()
          : 'document' in evidence
            ? ['spec.compliance.documents']
            : [];
      return paths
        .map((path) => path.split('.'))
        .filter((path) => path[1] === 'compliance' && path[2] !== selector)
        .map((path) => path[2] as string);
    }),
  );
  return [...new Set(fields)];
}

/** Whether the model documents none of the `spec.compliance` fields the profile asks for. */
function documentsNothing(fields: readonly string[], compliance: unknown): boolean {
  return !isRecord(compliance) || fields.every((field) => !isPresent(compliance[field]));
}

export function profileRule(profile: ComplianceProfile): CatalogRule {
  const fields = complianceFields(profile);
  const command = `dossier compliance ${profile.id}`;
  return createRule<'undocumented' | 'missing'>({
    meta: {
      id: profileRuleId(profile),
      defaultSeverity: 'warning',
      description: `Report the ${profile.title} evidence a model under the profile lacks.`,
      family: 'compliance',
      preset: 'profile',
      profile: profile.id,
      messages: {
        undocumented: {
          message:
            'Model `{{name}}` is under the {{profile}} profile, but `spec.compliance` holds none of what the profile asks for ({{count}} requirements in all).',
          hint: 'Add `spec.compliance` with {{fields}}; `{{command}} {{model}}` lists every item and how to fill it.',
        },
        missing: {
          message: '{{clause}}: {{requirement}} Missing: {{missing}}.',
          hint: '{{hint}}',
        },
      },
    },
    defaultOptions: {},
    create({ catalog, report }) {
      return (entity) => {
        if (entity.kind !== 'Model' || !profileAppliesTo(profile, entity, catalog)) return;
        const compliance = valueAt(entity, COMPLIANCE);
        if (fields.length > 0 && documentsNothing(fields, compliance)) {
          report(
            COMPLIANCE,
            'undocumented',
            {
              name: entity.name,
              profile: profile.id,
              count: profile.requirements.length,
              fields: fields.map((field) => `\`${field}\``).join(', '),
              command,
              model: `model:${shortReference(entity)}`,
            },
            'key',
          );
          return;
        }
        const system = aiSystemOf(catalog, entity);
        for (const requirement of profile.requirements) {
          const checks = checkMetadataEvidence(system, requirement).filter((check) => check.missing.length > 0);
          if (checks.length === 0) continue;
          const missing = checks.flatMap((check) => check.missing);
          // At the model's own field when one of it is missing, else at its compliance block.
          const own = checks.map((check) => check.evidence).find((evidence) => isFieldEvidence(evidence) && evidence.kind === 'Model');
          const pointer = own !== undefined && isFieldEvidence(own) ? ([own.field].flat()[0]?.split('.') ?? COMPLIANCE) : COMPLIANCE;
          report(
            pointer,
            'missing',
            {
              clause: requirement.clause,
              requirement: requirement.requirement,
              missing: missing.join('; '),
              hint: requirement.hint,
              id: requirement.id,
            },
            'key',
          );
        }
      };
    },
  });
}
