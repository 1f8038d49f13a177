// dataset/location-uri on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const dataset = (uri: string) =>
  `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: reviews, owner: owners, description: Product reviews with ratings.}\nspec:\n  location: {uri: "${uri}"}\n`;

ruleTester.run('dataset/location-uri', {
  valid: [
    { name: 'an object-store prefix', yaml: dataset('s3://bucket/reviews/') },
    { name: 'a percent-encoded space', yaml: dataset('s3://bucket/product%20reviews/') },
  ],
  invalid: [
    {
      name: 'a space in the path, reported at the URI with the encoded form',
      yaml: dataset('s3://bucket/product reviews/'),
      problems: [
        {
          messageId: 'whitespace',
          data: { name: 'reviews', uri: 's3://bucket/product reviews/', encoded: 's3://bucket/product%20reviews/' },
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 49,
        },
      ],
    },
  ],
});
