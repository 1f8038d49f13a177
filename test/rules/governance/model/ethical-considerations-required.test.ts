// model/ethical-considerations-required on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const model = (riskTier: string, extra = '') =>
  `apiVersion: dossier/v1\nkind: Model\nmetadata: {name: lender, owner: owners, description: Scores loan applications.}\nspec:\n  task: binary-classification\n  intendedUse: Pre-screening loan applications for review.\n  limitations: Trained on one country's applicants.\n  riskTier: ${riskTier}\n${extra}`;

ruleTester.run('model/ethical-considerations-required', {
  valid: [
    { name: 'a medium-risk model', yaml: model('medium') },
    {
      name: 'a high-risk model with considerations',
      yaml: model('high', '  ethicalConsiderations: [{name: bias, mitigation: Quarterly fairness review.}]\n'),
    },
  ],
  invalid: [
    {
      name: 'a high-risk model without considerations',
      yaml: model('high'),
      problems: [{ messageId: 'missing', data: { name: 'lender' }, line: 5, column: 3, endLine: 5, endColumn: 4 }],
    },
  ],
});
