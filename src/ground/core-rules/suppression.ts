// Rules about inline suppressions: `# dossier-disable-next-line <rule-id> -- reason`.

import { defineRule } from '../rule-meta.js';

export const unusedSuppression = defineRule({
  id: 'suppression/unused',
  defaultSeverity: 'warning',
  description: 'Report suppression comments that suppress nothing.',
  messages: {
    unused: {
      message: '`dossier-disable-next-line {{rule}}` suppresses nothing on the next line.',
      hint: 'Remove the comment, or fix the rule id (see `dossier rules`).',
    },
  },
});

export const suppressionWithoutReason = defineRule({
  id: 'suppression/missing-reason',
  defaultSeverity: 'warning',
  description: 'Require a reason on every suppression comment.',
  messages: {
    missing: {
      message: 'The suppression of `{{rules}}` gives no reason.',
      hint: 'Say why after ` -- `, e.g. `# dossier-disable-next-line {{rules}} -- approved by model risk, MRM-123`.',
    },
  },
});

export const suppressionRules = [unusedSuppression, suppressionWithoutReason];
