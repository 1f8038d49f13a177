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

// Evidence that says the opposite is not evidence: logging turned off, a risk with no mitigation.
ruleTester.run('compliance/eu-ai-act', {
  base: SYSTEM.replace('logging: {enabled: true,', 'logging: {enabled: false,'),
  valid: [{ name: 'a model declared not high-risk', yaml: classifiedOnly('not-high-risk') }],
  invalid: [
    {
      name: 'a production deployment whose logging is off',
      yaml: DOCUMENTED_MODEL,
      problems: [
        {
          messageId: 'missing',
          data: {
            clause: 'Art. 12; Art. 19',
            requirement: 'Automatic recording of events while the system operates, and how long logs are kept.',
            missing: '`spec.logging.enabled`: true on lender-prod',
            hint: 'Give each production Deployment `spec.logging` (enabled, retention, sink).',
            id: '3-record-keeping',
          },
          line: 13,
          column: 3,
          endLine: 13,
          endColumn: 13,
        },
      ],
    },
  ],
});

ruleTester.run('compliance/eu-ai-act', {
  base: SYSTEM,
  valid: [{ name: 'every risk with its estimation, mitigation and residual risk', yaml: DOCUMENTED_MODEL }],
  invalid: [
    {
      name: 'a risk without its mitigation',
      yaml: DOCUMENTED_MODEL.replace(' mitigation: Fairness review.,', ''),
      problems: [{ messageId: 'missing', line: 17, column: 12, endLine: 17, endColumn: 13 }],
    },
  ],
});
