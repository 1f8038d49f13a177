// runtime-config/production-image-digest on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const runtime = (image: string) =>
  `apiVersion: dossier/v1\nkind: RuntimeConfig\nmetadata: {name: gpu, owner: owners, description: GPU serving image.}\nspec:\n  image: "${image}"\n---\napiVersion: dossier/v1\nkind: Deployment\nmetadata: {name: scorer-gpu, owner: owners}\nspec: {modelVersion: scorer@1, runtime: gpu, environment: production, trafficPercent: 40, approvals: [{by: model-risk, date: 2024-07-03}]}\n`;

ruleTester.run('runtime-config/production-image-digest', {
  valid: [
    {
      name: 'a production image pinned by digest',
      yaml: runtime('registry.example.com/scorer@sha256:3b8f0c1d2e4a6b8c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c'),
    },
  ],
  invalid: [
    {
      name: 'a production image pinned by tag',
      yaml: runtime('registry.example.com/scorer:1.4'),
      problems: [
        {
          messageId: 'unpinned',
          data: { image: 'registry.example.com/scorer:1.4', deployment: 'scorer-gpu' },
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 43,
        },
      ],
    },
  ],
});
