// runtime-config/no-secrets-in-env on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const runtime = (env: string) =>
  `apiVersion: dossier/v1\nkind: RuntimeConfig\nmetadata: {name: gpu, owner: owners, description: GPU serving image.}\nspec:\n  image: "registry.example.com/scorer@sha256:3b8f0c1d2e4a6b8c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c"\n  env:\n${env}`;

ruleTester.run('runtime-config/no-secrets-in-env', {
  valid: [
    { name: 'ordinary settings', yaml: runtime('    LOG_LEVEL: info\n') },
    { name: 'a secret named by reference', yaml: runtime('    DB_PASSWORD: ${DB_PASSWORD}\n') },
  ],
  invalid: [
    {
      name: 'a password written out',
      yaml: runtime('    DB_PASSWORD: hunter2hunter2\n'),
      problems: [{ messageId: 'secretName', data: { name: 'DB_PASSWORD' }, line: 7, column: 18, endLine: 7, endColumn: 32 }],
    },
  ],
});
