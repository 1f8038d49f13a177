// dataset/location-uri: a dataset's location is a URI that tools can open; a space is not allowed in
// one (RFC 3986), and a reader who copies it into a shell or a browser gets another path.

import { isRecord } from '../../../model/kinds.js';
import { createRule } from '../../catalog-rule.js';

const WHITESPACE = /\s/;

export default createRule<'whitespace'>({
  meta: {
    id: 'dataset/location-uri',
    defaultSeverity: 'warning',
    description: 'Require dataset locations to be URIs without spaces.',
    family: 'data',
    preset: 'recommended',
    messages: {
      whitespace: {
        message: 'The location of Dataset `{{name}}`, `{{uri}}`, has whitespace, which a URI cannot contain.',
        hint: 'Percent-encode it: `{{encoded}}`.',
      },
    },
  },
  defaultOptions: {},
  create({ report }) {
    return (entity) => {
      const location = entity.kind === 'Dataset' ? entity.spec.location : undefined;
      const uri = isRecord(location) ? location.uri : undefined;
      if (typeof uri !== 'string' || !WHITESPACE.test(uri)) return;
      const encoded = uri.replace(/\s/g, (space) => encodeURIComponent(space));
      report(['spec', 'location', 'uri'], 'whitespace', { name: entity.name, uri, encoded });
    };
  },
});
