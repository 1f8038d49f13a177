// compliance/eu-ai-act on YAML snippets: Annex IV evidence of models declared high-risk.

import { ruleTester } from '../../rule-tester.js';
import { classifiedOnly, DOCUMENTED_MODEL, modelWithout, SYSTEM } from './fixtures.js';

ruleTester.run('compliance/eu-ai-act', {
  base: SYSTEM,
  valid: [
    { name: 'a high-risk model whose system holds every field and document', yaml: DOCUMENTED_MODEL },
    { name: 'a model declared not high-risk', yaml: classifiedOnly('not-high-risk') },
    { name: 'a model that declares no classification (never inferred)', yaml: modelWithout('euAiAct') },
  ],
  invalid: [
    {
      name: 'a high-risk model that documents nothing else is reported once',
      yaml: classifiedOnly('high-risk'),
      problems: [{ messageId: 'undocumented', line: 7, column: 3, endLine: 7, endColumn: 13 }],
    },
    {
      name: 'a missing model field is reported at the model',
      yaml: modelWithout('deploymentForms'),
      problems: [
        {
          messageId: 'missing',
          data: {
            clause: 'Annex IV 1(d)',
            requirement: 'The forms in which the system is placed on the market or put into service.',
            missing: '`spec.deploymentForms` on lender',
            hint: 'List `spec.deploymentForms` (api, saas, download, embedded, on-premise).',
            id: '1d-forms',
          },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 4,
        },
      ],
    },
    {
      name: 'a missing document is reported at the compliance block',
      yaml: modelWithout('pmm-plan'),
      problems: [{ messageId: 'missing', line: 13, column: 3, endLine: 13, endColumn: 13 }],
    },
  ],
});
