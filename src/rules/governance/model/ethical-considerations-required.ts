// model/ethical-considerations-required: high-risk models document their risks and mitigations.

import { createRule } from '../../catalog-rule.js';

export default createRule<'missing'>({
  meta: {
    id: 'model/ethical-considerations-required',
    defaultSeverity: 'error',
    description: 'Require ethical considerations, with mitigations, on high-risk models.',
    family: 'documentation',
    preset: 'recommended',
    messages: {
      missing: {
        message: 'Model `{{name}}` has `riskTier: high` but no ethical considerations.',
        hint: 'Add `spec.ethicalConsiderations: [{name, mitigation}]` for each known risk (bias, harm, misuse).',
      },
    },
  },
  defaultOptions: {},
  create({ report }) {
    return (entity) => {
      if (entity.kind !== 'Model' || entity.spec.riskTier !== 'high') return;
      const considerations = entity.spec.ethicalConsiderations;
      if (!Array.isArray(considerations) || considerations.length === 0)
        report(['spec', 'ethicalConsiderations'], 'missing', { name: entity.name }, 'key');
    };
  },
});
