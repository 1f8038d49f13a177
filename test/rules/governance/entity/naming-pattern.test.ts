// entity/naming-pattern on YAML snippets: deployments must say their environment.

import { ruleTester } from '../../rule-tester.js';

const deployment = (name: string) =>
  `apiVersion: dossier/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  owner: owners\nspec: {modelVersion: scorer@1, runtime: cpu, environment: staging}\n`;

ruleTester.run('entity/naming-pattern', {
  options: { patterns: { Deployment: '-(prod|staging|dev)$' } },
  valid: [{ name: 'a deployment named for its environment', yaml: deployment('scorer-staging') }],
  invalid: [
    {
      name: 'a deployment that does not say its environment, reported at its name',
      yaml: deployment('scorer-canary'),
      problems: [
        {
          messageId: 'mismatch',
          data: { kind: 'Deployment', name: 'scorer-canary', pattern: '-(prod|staging|dev)$' },
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 22,
        },
      ],
    },
  ],
});
