// model-version/no-secrets-in-hyperparameters: a training run's settings are recorded in git for good,
// so a token or password passed as a hyperparameter must not be written out with them.

import { isRecord } from '../../../model/kinds.js';
import { createRule } from '../../catalog-rule.js';
import { secretKind } from '../secret-values.js';

export default createRule<'secretValue' | 'secretName'>({
  meta: {
    id: 'model-version/no-secrets-in-hyperparameters',
    defaultSeverity: 'error',
    description: 'Disallow hyperparameters that hold secrets (tokens, keys, passwords) in model versions.',
    family: 'lifecycle',
    preset: 'recommended',
    messages: {
      secretValue: {
        message: '`training.hyperparameters.{{name}}` holds what looks like a secret ({{what}}).',
        hint: 'Remove it from what the training job records, and rotate it if it was ever committed.',
      },
      secretName: {
        message: '`training.hyperparameters.{{name}}` looks like a secret, and its value is written out.',
        hint: 'Leave credentials out of the recorded hyperparameters; reference them, e.g. `${NAME}`.',
      },
    },
  },
  defaultOptions: {},
  create({ report }) {
    return (version) => {
      const training = version.kind === 'ModelVersion' ? version.spec.training : undefined;
      if (!isRecord(training) || !isRecord(training.hyperparameters)) return;
      for (const [name, value] of Object.entries(training.hyperparameters)) {
        const kind = secretKind(name, value);
        const pointer = ['spec', 'training', 'hyperparameters', name];
        if (kind === 'value') report(pointer, 'secretValue', { name, what: 'a known token or key format' });
        else if (kind === 'name') report(pointer, 'secretName', { name });
      }
    };
  },
});
