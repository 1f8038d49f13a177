// entity/deprecated-in-use on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const runtime = (lifecycle: string, used: boolean) =>
  `apiVersion: dossier/v1\nkind: RuntimeConfig\nmetadata:\n  name: old-cpu\n  owner: owners\n  description: The old CPU image.\n  lifecycle: ${lifecycle}\nspec: {image: "registry.example.com/scorer@sha256:3b8f0c1d2e4a6b8c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c"}\n` +
  (used
    ? '---\napiVersion: dossier/v1\nkind: Deployment\nmetadata: {name: scorer-dev, owner: owners}\nspec: {modelVersion: scorer@1, runtime: old-cpu, environment: development}\n'
    : '');

ruleTester.run('entity/deprecated-in-use', {
  valid: [
    { name: 'a deprecated runtime nothing uses', yaml: runtime('deprecated', false) },
    { name: 'an active runtime in use', yaml: runtime('active', true) },
  ],
  invalid: [
    {
      name: 'a deprecated runtime a deployment still uses, reported at its lifecycle',
      yaml: runtime('deprecated', true),
      problems: [
        {
          messageId: 'inUse',
          data: {
            identity: 'runtimeconfig:default/old-cpu',
            lifecycle: 'deprecated',
            count: 1,
            plural: 'y',
            users: '`deployment:default/scorer-dev`',
          },
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 24,
        },
      ],
    },
  ],
});
