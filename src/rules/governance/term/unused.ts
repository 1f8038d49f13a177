// term/unused: a glossary term nothing is classified with.

import { createRule } from '../../catalog-rule.js';

export default createRule<'unused'>({
  meta: {
    id: 'term/unused',
    defaultSeverity: 'info',
    description: 'Point out glossary terms that nothing is classified with.',
    family: 'hygiene',
    preset: 'strict',
    messages: {
      unused: { message: 'Term `{{identity}}` classifies nothing.', hint: 'Use it in `terms:` where it applies, or remove it.' },
    },
  },
  defaultOptions: {},
  create({ catalog, report }) {
    return (term) => {
      if (term.kind === 'Term' && !catalog.incoming(term.identity).some((r) => r.type === 'classifiedAs'))
        report(['metadata', 'name'], 'unused', { identity: term.identity });
    };
  },
});
