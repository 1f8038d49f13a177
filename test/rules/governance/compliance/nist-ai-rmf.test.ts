// compliance/nist-ai-rmf on YAML snippets: every model, by the functions of the AI RMF.

import { ruleTester } from '../../rule-tester.js';
import { DOCUMENTED_MODEL, modelWithout, SYSTEM } from './fixtures.js';

const UNDOCUMENTED = DOCUMENTED_MODEL.split('  compliance:')[0] ?? '';

ruleTester.run('compliance/nist-ai-rmf', {
  base: SYSTEM,
  valid: [{ name: 'a model whose system holds every field and document', yaml: DOCUMENTED_MODEL }],
  invalid: [
    {
      name: 'a model without `spec.compliance` is reported once',
      yaml: UNDOCUMENTED,
      problems: [{ messageId: 'undocumented', line: 5, column: 3, endLine: 5, endColumn: 4 }],
    },
    {
      name: 'a model without its limitations',
      yaml: modelWithout('limitations'),
      problems: [{ messageId: 'missing', line: 5, column: 3, endLine: 5, endColumn: 4 }],
    },
  ],
});

// A version marked retired that a production Deployment still serves is still the system in production.
const RETIRED_BUT_SERVING = SYSTEM.replace(
  'metadata: {name: lender, version: "1", owner: lending-ml}',
  'metadata: {name: lender, version: "1", owner: lending-ml, lifecycle: retired, deprecation: {reason: Replaced.}}',
);

ruleTester.run('compliance/nist-ai-rmf', {
  base: RETIRED_BUT_SERVING,
  valid: [{ name: 'its documented model', yaml: DOCUMENTED_MODEL }],
  invalid: [
    {
      name: 'a model whose retired version still serves production traffic',
      yaml: UNDOCUMENTED,
      problems: [{ messageId: 'undocumented', line: 5, column: 3, endLine: 5, endColumn: 4 }],
    },
  ],
});
