// model/limitations-required on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const model = (spec: string) =>
  `apiVersion: dossier/v1\nkind: Model\nmetadata: {name: ranker, owner: owners, description: Ranks the feed.}\nspec:\n  task: ranking\n  intendedUse: Feed ranking.\n${spec}`;

ruleTester.run('model/limitations-required', {
  valid: [{ name: 'a model that states its limitations', yaml: model('  limitations: English only.\n') }],
  invalid: [
    {
      name: 'a model without limitations, reported where its spec starts',
      yaml: model(''),
      problems: [{ messageId: 'missing', data: { name: 'ranker' }, line: 5, column: 3, endLine: 5, endColumn: 4 }],
    },
  ],
});
