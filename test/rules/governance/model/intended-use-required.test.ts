// model/intended-use-required on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const model = (intendedUse: string) =>
  `apiVersion: dossier/v1\nkind: Model\nmetadata: {name: ranker, owner: owners, description: Ranks the feed.}\nspec:\n  task: ranking\n${intendedUse}  limitations: English only.\n`;

ruleTester.run('model/intended-use-required', {
  valid: [{ name: 'a model that states its intended use', yaml: model('  intendedUse: Ranking posts in the home feed.\n') }],
  invalid: [
    {
      name: 'a model without an intended use',
      yaml: model(''),
      problems: [{ messageId: 'missing', data: { name: 'ranker' }, line: 5, column: 3, endLine: 5, endColumn: 4 }],
    },
  ],
});
