// Rules that come from the JSON Schemas in schemas/: the shape of every document.

import { defineRule } from '../rule-meta.js';

export const unsupportedApiVersion = defineRule({
  id: 'schema/api-version',
  defaultSeverity: 'error',
  description: 'Require `apiVersion: dossier/v1` on documents that claim to be Dossier entities.',
  messages: {
    unsupported: {
      message: '`apiVersion` is `{{got}}`; this version of Dossier reads `dossier/v1`.',
      hint: 'Write `apiVersion: dossier/v1`.',
    },
  },
});

export const unknownKind = defineRule({
  id: 'schema/unknown-kind',
  defaultSeverity: 'error',
  description: 'Require `kind` to be one of the Dossier kinds.',
  messages: {
    unknown: { message: '`kind` must be one of {{kinds}}; got `{{got}}`.', hint: '{{hint}}' },
    missing: { message: 'The document has `apiVersion: dossier/v1` but no `kind`.', hint: 'Add `kind:`, one of {{kinds}}.' },
  },
});

export const requiredField = defineRule({
  id: 'schema/required-field',
  defaultSeverity: 'error',
  description: 'Require the fields each kind marks as required.',
  messages: {
    missing: { message: '`{{path}}` is missing the required field `{{field}}`.', hint: 'Add `{{field}}:` to `{{path}}`.' },
    missingAtRoot: { message: 'The document is missing the required field `{{field}}`.', hint: 'Add `{{field}}:` at the top level.' },
  },
});

export const unknownField = defineRule({
  id: 'schema/unknown-field',
  defaultSeverity: 'error',
  description: 'Disallow fields the format does not define (typos are the usual cause).',
  messages: {
    unknown: { message: '`{{field}}` is not a field of `{{path}}`.', hint: '{{hint}}' },
  },
});

export const invalidValue = defineRule({
  id: 'schema/invalid-value',
  defaultSeverity: 'error',
  description: 'Require every value to have the type, form and range its field allows.',
  messages: {
    invalid: { message: '`{{path}}` must be {{expected}}; got {{got}}.', hint: '{{hint}}' },
    notAllowed: { message: '`{{path}}` is {{expected}}.', hint: 'Remove `{{path}}`.' },
  },
});

export const unquotedVersion = defineRule({
  id: 'schema/unquoted-version',
  defaultSeverity: 'error',
  description: 'Require `metadata.version` to be a quoted string, since YAML reads 1.10 as the number 1.1.',
  messages: {
    number: {
      message: '`{{path}}` must be a string; YAML read `{{source}}` as the number {{got}}.',
      hint: 'Quote it: `version: "{{source}}"`.',
    },
  },
});

export const schemaRules = [unsupportedApiVersion, unknownKind, requiredField, unknownField, invalidValue, unquotedVersion];
