// runtime-config/no-secrets-in-env: secrets belong in a secret manager, not in a git repository.

import { isRecord } from '../../../model/kinds.js';
import { createRule } from '../../catalog-rule.js';

/** Names that say "this holds a secret". */
const SECRET_NAME = /(secret|token|passw(or)?d|passwd|api[_-]?key|private[_-]?key|access[_-]?key|credential|auth)/i;
/** Values that are secrets whatever their name: well-known token formats and private keys. */
const SECRET_VALUE = [
  /AKIA[0-9A-Z]{16}/, // AWS access key id
  /gh[pousr]_[A-Za-z0-9]{36,}/, // GitHub tokens
  /xox[abposr]-[A-Za-z0-9-]{10,}/, // Slack tokens
  /sk-[A-Za-z0-9_-]{20,}/, // OpenAI-style keys
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\./, // JWT
];
/** Values that point at a secret instead of holding one. */
const REFERENCE =
  /^(\$\{[^}]+\}|\$[A-Z_][A-Z0-9_]*|secretRef:.*|vault:.*|(aws|gcp|azure)-?secret(s)?:.*|arn:aws:secretsmanager:.*|projects\/[^/]+\/secrets\/.*)$/i;

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
        hint: 'Reference the secret instead, e.g. `${SECRET_NAME}` or `secretRef:<name>`, and rotate the value.',
      },
    },
  },
  defaultOptions: {},
  check({ catalog, report }) {
    for (const runtime of catalog.entities) {
      if (runtime.kind !== 'RuntimeConfig' || !isRecord(runtime.spec.env)) continue;
      for (const [name, value] of Object.entries(runtime.spec.env)) {
        if (typeof value !== 'string' || value === '' || REFERENCE.test(value)) continue;
        const pointer = ['spec', 'env', name];
        if (SECRET_VALUE.some((pattern) => pattern.test(value)))
          report(runtime, pointer, 'secretValue', { name, what: 'a known token or key format' });
        else if (SECRET_NAME.test(name) && value.length >= 8) report(runtime, pointer, 'secretName', { name });
      }
    }
  },
});
