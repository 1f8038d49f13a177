// entity/description-required: a catalog is read by people who were not in the room.

import { KINDS, type Kind } from '../../../model/kinds.js';
import { createRule } from '../../catalog-rule.js';

export interface Options {
  kinds: Kind[];
  minLength: number;
}

const PLACEHOLDER = /^(todo|tbd|tbc|fixme|xxx|n\/?a|none|null|description|placeholder|lorem ipsum.*|\.+|-+|\?+)[.!]*$/i;

export default createRule<'missing' | 'placeholder', Options>({
  meta: {
    id: 'entity/description-required',
    defaultSeverity: 'warning',
    description: 'Require a real description (not a placeholder) on the kinds people look up.',
    family: 'documentation',
    preset: 'strict',
    messages: {
      missing: {
        message: '{{kind}} `{{name}}` has no description.',
        hint: 'Add `metadata.description`: what it is, what it is for, and what to watch out for.',
      },
      placeholder: {
        message: 'The description of {{kind}} `{{name}}` is a placeholder: `{{text}}`.',
        hint: 'Write what it is and what it is for.',
      },
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        kinds: { type: 'array', items: { enum: [...KINDS] }, uniqueItems: true, description: 'Kinds that must have a description.' },
        minLength: { type: 'integer', minimum: 1, description: 'Descriptions shorter than this count as placeholders.' },
      },
    },
  },
  defaultOptions: { kinds: ['Model', 'Dataset', 'FeatureView', 'RuntimeConfig'], minLength: 10 },
  create({ options, report }) {
    const kinds = new Set(options.kinds);
    return (entity) => {
      if (!kinds.has(entity.kind)) return;
      const description = entity.metadata.description;
      const data = { kind: entity.kind, name: entity.name };
      if (typeof description !== 'string' || description.trim() === '') {
        report(['metadata', 'description'], 'missing', data, 'key');
      } else if (PLACEHOLDER.test(description.trim()) || description.trim().length < options.minLength) {
        report(['metadata', 'description'], 'placeholder', { ...data, text: description.trim() });
      }
    };
  },
});
