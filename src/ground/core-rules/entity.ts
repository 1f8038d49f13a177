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

export const namespaceNotOwned = defineRule({
  id: 'entity/namespace-not-owned',
  defaultSeverity: 'error',
  description: 'Keep entities in the namespaces this repository defines (`namespaces` in dossier.yaml).',
  messages: {
    notListed: {
      message: '`{{identity}}` is in namespace `{{namespace}}`, which this repository does not define (namespaces: {{namespaces}}).',
      hint: 'Move it to one of those namespaces, or add `{{namespace}}` to `namespaces` in dossier.yaml.',
    },
    ownedElsewhere: {
      message: '`{{identity}}` is in namespace `{{namespace}}`, which {{repository}} defines.',
      hint: 'Define it in {{repository}}, or give it a namespace of this repository.',
    },
  },
});
export const sourceUnavailable = defineRule({
  id: 'entity/source-unavailable',
  defaultSeverity: 'warning',
  description: 'Point out catalogs listed in `sources` (a hub) that could not be read; their entities are missing.',
  messages: {
    unavailable: {
      message: 'The catalog of {{repository}} could not be read ({{reason}}); its entities are not in this catalog.',
      hint: 'Check `sources` in dossier.yaml, or publish the catalog again.',
    },
  },
});

export const entityRules = [duplicateIdentity, deprecationWithoutLifecycle, namespaceNotOwned, sourceUnavailable];
