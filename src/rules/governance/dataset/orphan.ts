// dataset/orphan: a dataset nothing trains on, evaluates on, derives from or feeds features with.

import { createRule } from '../../catalog-rule.js';

export default createRule<'orphan'>({
  meta: {
    id: 'dataset/orphan',
    defaultSeverity: 'info',
    description: 'Point out active datasets that no other entity uses.',
    family: 'hygiene',
    preset: 'strict',
    messages: {
      orphan: {
        message: 'Dataset `{{identity}}` is not used by any model version, evaluation, feature view or dataset.',
        hint: 'Link it where it is used, or deprecate it.',
      },
    },
  },
  defaultOptions: {},
  create({ catalog, report }) {
    return (dataset) => {
      if (dataset.kind !== 'Dataset' || dataset.lifecycle === 'deprecated' || dataset.lifecycle === 'retired') return;
      if (catalog.incoming(dataset.identity).some((r) => r.type !== 'replacedBy')) return;
      report(['metadata', 'name'], 'orphan', { identity: dataset.identity });
    };
  },
});
