// Rules about entities as a whole: identity and lifecycle consistency.

import { defineRule } from '../rule-meta.js';

export const duplicateIdentity = defineRule({
  id: 'entity/duplicate-identity',
  defaultSeverity: 'error',
  description: 'Disallow two documents with the same identity (kind, namespace, name and version).',
  messages: {
    duplicate: {
      message: '`{{identity}}` is defined {{count}} times; also at {{others}}.',
      hint: 'Rename one of them, give it another namespace or version, or delete the copy.',
    },
  },
});

export const deprecationWithoutLifecycle = defineRule({
  id: 'entity/deprecation-lifecycle',
  defaultSeverity: 'error',
  description: 'Allow `metadata.deprecation` only on deprecated or retired entities.',
  messages: {
    misplaced: {
      message: '`metadata.deprecation` is set but `metadata.lifecycle` is `{{lifecycle}}`.',
      hint: 'Set `lifecycle: deprecated` (or `retired`), or remove `deprecation`.',
    },
  },
});

export const entityRules = [duplicateIdentity, deprecationWithoutLifecycle];
