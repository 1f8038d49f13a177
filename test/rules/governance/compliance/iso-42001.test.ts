// compliance/iso-42001 on YAML snippets: the Annex A controls a model's metadata evidences.

import { ruleTester } from '../../rule-tester.js';
import { DOCUMENTED_MODEL, modelWithout, SYSTEM } from './fixtures.js';

ruleTester.run('compliance/iso-42001', {
  base: SYSTEM,
  valid: [{ name: 'a model whose system holds every field and document', yaml: DOCUMENTED_MODEL }],
  invalid: [
    {
      name: 'a model without an impact assessment',
      yaml: modelWithout('impact-assessment'),
      problems: [{ messageId: 'missing', line: 13, column: 3, endLine: 13, endColumn: 13 }],
    },
  ],
});
