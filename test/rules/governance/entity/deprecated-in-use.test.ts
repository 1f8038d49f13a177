// entity/deprecated-in-use on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const runtime = (lifecycle: string, used: boolean) =>
  `apiVersion: dossier/v1\nkind: RuntimeConfig\nmetadata:\n  name: old-cpu\n  owner: owners\n  description: The old CPU image.\n  lifecycle: ${lifecycle}\nspec: {image: "registry.example.com/scorer@sha256:3b8f0c1d2e4a6b8c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c"}\n` +
  (used
    ? '---\napiVersion: dossier/v1\nkind: Deployment\nmetadata: {name: scorer-dev, owner: owners}\nspec: {modelVersion: scorer@1, runtime: old-cpu, environment: development}\n'
    : '');

const view = (lifecycle: string, read: string) =>
  `apiVersion: dossier/v1\nkind: FeatureView\nmetadata: {name: session-stats, owner: owners, description: Sessions per user.}\nspec:\n  source: events@1\n  entities: [{name: user, joinKeys: [user_id]}]\n  features:\n    - {name: sessions_7d, type: int64}\n    - {name: sessions_90d, type: int64, lifecycle: ${lifecycle}}\n` +
  `---\napiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "2", owner: owners}\nspec:\n  model: scorer\n  training:\n    datasets: [{ref: events@1, role: train}]\n    features: [session-stats#${read}]\n`;

ruleTester.run('entity/deprecated-in-use', {
  valid: [
    { name: 'a deprecated runtime nothing uses', yaml: runtime('deprecated', false) },
    { name: 'an active runtime in use', yaml: runtime('active', true) },
    { name: 'a deprecated feature that no one reads by name', yaml: view('deprecated', 'sessions_7d') },
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
    {
      name: 'a deprecated feature a version still reads by name, reported at the feature’s lifecycle',
      yaml: view('deprecated', 'sessions_90d'),
      problems: [
        {
          messageId: 'featureInUse',
          data: {
            feature: 'sessions_90d',
            identity: 'featureview:default/session-stats',
            lifecycle: 'deprecated',
            count: 1,
            plural: 'y',
            users: '`modelversion:default/scorer@2`',
          },
          line: 9,
          column: 52,
          endLine: 9,
          endColumn: 62,
        },
      ],
    },
  ],
});
