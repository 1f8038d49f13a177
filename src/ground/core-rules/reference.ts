// Rules about references between entities (FORMAT.md § References).

import { defineRule } from '../rule-meta.js';

export const invalidReference = defineRule({
  id: 'reference/invalid-syntax',
  defaultSeverity: 'error',
  description: 'Require references to follow `[kind:][namespace/]name[@version][#member]`.',
  messages: {
    syntax: {
      message: '`{{ref}}` is not a valid reference: {{reason}}.',
      hint: 'Write `[kind:][namespace/]name[@version][#member]`, e.g. `dataset:transactions@2024-06`.',
    },
    memberNotAllowed: {
      message: '`{{ref}}` names a member (`#{{member}}`), which `{{field}}` does not take.',
      hint: 'Remove `#{{member}}`.',
    },
  },
});

export const unresolvedReference = defineRule({
  id: 'reference/unresolved',
  defaultSeverity: 'error',
  description: 'Require every reference to name an entity that exists.',
  messages: {
    unresolved: { message: '`{{ref}}` does not resolve: there is no {{kind}} `{{target}}`.', hint: '{{hint}}' },
    inUnparsedFile: {
      message: '`{{ref}}` does not resolve: {{kind}} `{{target}}` is defined in {{file}}:{{line}}, which does not parse.',
      hint: 'Fix the YAML error in `{{file}}`: the reference resolves once that document parses.',
    },
  },
});

export const wrongKindReference = defineRule({
  id: 'reference/wrong-kind',
  defaultSeverity: 'error',
  description: 'Require a reference to point at the kind its field takes.',
  messages: {
    wrongKind: {
      message: '`{{field}}` takes a {{expected}}, but `{{ref}}` names a {{actual}}.',
      hint: '{{hint}}',
    },
  },
});

export const missingVersion = defineRule({
  id: 'reference/missing-version',
  defaultSeverity: 'error',
  description: 'Require a pinned `@version` to exist.',
  messages: {
    missing: { message: '`{{ref}}`: {{kind}} `{{target}}` has no version `{{version}}`.', hint: 'Existing versions: {{versions}}.' },
    unversioned: {
      message: '`{{ref}}` pins version `{{version}}`, but {{kind}} `{{target}}` is not versioned.',
      hint: 'Remove `@{{version}}`.',
    },
  },
});

export const missingMember = defineRule({
  id: 'reference/missing-member',
  defaultSeverity: 'error',
  description: 'Require a `#member` to name a feature of the FeatureView or a field of the Dataset schema.',
  messages: {
    missing: { message: '`{{ref}}`: `{{target}}` has no {{memberKind}} `{{member}}`.', hint: '{{hint}}' },
  },
});

export const retiredTarget = defineRule({
  id: 'reference/retired-target',
  defaultSeverity: 'error',
  description: 'Disallow references to retired entities from entities that are not retired themselves.',
  messages: {
    retired: { message: '`{{ref}}` points to `{{target}}`, which is retired.', hint: '{{hint}}' },
  },
});

export const deprecatedTarget = defineRule({
  id: 'reference/deprecated-target',
  defaultSeverity: 'warning',
  description: 'Warn about references to deprecated entities.',
  messages: {
    deprecated: { message: '`{{ref}}` points to `{{target}}`, which is deprecated.', hint: '{{hint}}' },
  },
});

export const referenceCycle = defineRule({
  id: 'reference/cycle',
  defaultSeverity: 'error',
  description: 'Disallow cycles in `derivedFrom`, `baseModels`, and Team or Term `parent`.',
  messages: {
    cycle: { message: '`{{field}}` forms a cycle: {{path}}.', hint: 'Remove one of the links so the chain ends.' },
  },
});

export const uncheckedReference = defineRule({
  id: 'reference/unchecked',
  defaultSeverity: 'warning',
  description: "Point out references into other repositories' namespaces that could not be checked.",
  messages: {
    unchecked: {
      message: '`{{ref}}` could not be checked: no catalog at hand defines namespace `{{namespace}}`, and {{unavailable}}.',
      hint: 'Fix the dependency in dossier.yaml, or run without --offline once to fill the cache.',
    },
  },
});

export const referenceRules = [
  invalidReference,
  unresolvedReference,
  uncheckedReference,
  wrongKindReference,
  missingVersion,
  missingMember,
  retiredTarget,
  deprecatedTarget,
  referenceCycle,
];
