// model-version/production-requires-approval: nothing reaches production without a recorded sign-off.

import { createRule } from '../../catalog-rule.js';
import { approvalsOf, stageOf } from '../../../catalog/queries.js';

export default createRule<'unapproved'>({
  meta: {
    id: 'model-version/production-requires-approval',
    defaultSeverity: 'error',
    description: 'Require at least one approval on every model version in stage production.',
    family: 'lifecycle',
    preset: 'recommended',
    messages: {
      unapproved: {
        message: '`{{identity}}` is in production without an approval.',
        hint: 'Add `spec.approvals: [{by: <team>, date: <YYYY-MM-DD>}]` from the approving team.',
      },
    },
  },
  defaultOptions: {},
  create({ report }) {
    return (entity) => {
      if (entity.kind === 'ModelVersion' && stageOf(entity) === 'production' && approvalsOf(entity).length === 0) {
        report(['spec', 'stage'], 'unapproved', { identity: entity.identity });
      }
    };
  },
});
