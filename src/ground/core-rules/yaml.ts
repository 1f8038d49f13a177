// Rules about YAML text: syntax and the limits that keep hostile input harmless.

import { defineRule } from '../rule-meta.js';

export const yamlSyntax = defineRule({
  id: 'yaml/syntax',
  defaultSeverity: 'error',
  description: 'Report YAML that cannot be parsed; the rest of the repository is still checked.',
  messages: {
    syntax: { message: 'YAML syntax error: {{reason}}.', hint: '{{hint}}' },
  },
});

export const duplicateKey = defineRule({
  id: 'yaml/duplicate-key',
  defaultSeverity: 'error',
  description: 'Disallow the same key twice in one mapping.',
  messages: {
    duplicate: {
      message: 'The key `{{key}}` appears twice in one mapping.',
      hint: 'Keep one of the two keys; YAML does not say which one wins.',
    },
  },
});

export const unsafeKey = defineRule({
  id: 'yaml/unsafe-key',
  defaultSeverity: 'error',
  description: 'Disallow keys that JavaScript treats specially (`__proto__`, `constructor`, `prototype`).',
  messages: {
    unsafe: {
      message: 'The key `{{key}}` is not allowed: it has a special meaning to JavaScript tools.',
      hint: 'Rename the key.',
    },
  },
});

export const aliasLimit = defineRule({
  id: 'yaml/alias-limit',
  defaultSeverity: 'error',
  description: 'Refuse YAML whose aliases expand to an unreasonable size (billion laughs) or refer to themselves.',
  messages: {
    expansion: {
      message: 'YAML aliases expand this file to more than {{limit}} nodes; it was not loaded.',
      hint: 'Write the values out instead of nesting aliases of aliases.',
    },
    cycle: {
      message: 'This YAML alias refers to a node that contains it, so the value never ends; the document was not loaded.',
      hint: 'Point the alias at an anchor defined outside this value, or write the value out.',
    },
  },
});

export const depthLimit = defineRule({
  id: 'yaml/depth-limit',
  defaultSeverity: 'error',
  description: 'Refuse YAML nested deeper than the limit.',
  messages: {
    tooDeep: {
      message: 'YAML is nested more than {{limit}} levels deep; it was not loaded.',
      hint: 'Flatten the structure; no Dossier field needs this depth.',
    },
  },
});

export const yamlRules = [yamlSyntax, duplicateKey, unsafeKey, aliasLimit, depthLimit];
