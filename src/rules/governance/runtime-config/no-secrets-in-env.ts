// runtime-config/no-secrets-in-env: secrets belong in a secret manager, not in a git repository.

import { isRecord } from '../../../model/kinds.js';
import { createRule } from '../../catalog-rule.js';
import { secretKind } from '../secret-values.js';

export default createRule<'secretValue' | 'secretName'>({
  meta: {
    id: 'runtime-config/no-secrets-in-env',
    defaultSeverity: 'error',
    description: 'Disallow environment variables that hold secrets (tokens, keys, passwords) in runtime configurations.',
    family: 'runtime',
    preset: 'recommended',
    messages: {
      secretValue: {
        message: '`env.{{name}}` holds what looks like a secret ({{what}}).',
        hint: 'Remove it, rotate it (it is in git history), and reference it from a secret manager instead.',
      },
      secretName: {
        message: '`env.{{name}}` looks like a secret, and its value is written out.',
        // Quoted: `${...}` unquoted is a YAML error inside a flow mapping (`env: {TOKEN: ${TOKEN}}`).
        hint: 'Reference the secret instead, e.g. `{{name}}: "${{{name}}}"` (quoted, so it parses in `{...}` too) or `secretRef:<name>`, and rotate the value.',
      },
    },
  },
  defaultOptions: {},
  create({ report }) {
    return (runtime) => {
      if (runtime.kind !== 'RuntimeConfig' || !isRecord(runtime.spec.env)) return;
      for (const [name, value] of Object.entries(runtime.spec.env)) {
        const kind = secretKind(name, value);
        const pointer = ['spec', 'env', name];
        if (kind === 'value') report(pointer, 'secretValue', { name, what: 'a known token or key format' });
        else if (kind === 'name') report(pointer, 'secretName', { name });
      }
    };
  },
});
