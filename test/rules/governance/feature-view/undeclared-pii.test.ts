// feature-view/undeclared-pii on YAML snippets: events@1 of the base says `containsPII: false`.

import { ruleTester } from '../../rule-tester.js';

const view = (pii: boolean) =>
  `apiVersion: dossier/v1\nkind: FeatureView\nmetadata: {name: user-emails, owner: owners, description: Email features per user.}\nspec:\n  source: events@1\n  entities: [{name: user, joinKeys: [user_id]}]\n  features:\n    - {name: email_domain, type: string, pii: ${String(pii)}}\n`;

ruleTester.run('feature-view/undeclared-pii', {
  valid: [{ name: 'no PII feature', yaml: view(false) }],
  invalid: [
    {
      name: 'a PII feature over a dataset that declares no PII, reported at the feature',
      yaml: view(true),
      problems: [
        {
          messageId: 'undeclared',
          data: { feature: 'email_domain', dataset: 'dataset:default/events@1' },
          line: 8,
          column: 47,
          endLine: 8,
          endColumn: 51,
        },
      ],
    },
  ],
});
