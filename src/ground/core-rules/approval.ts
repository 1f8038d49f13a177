// Rules about approvals checked against a pull request's reviews (the Action, on pull requests).

import { defineRule } from '../rule-meta.js';

export const unverifiedApproval = defineRule({
  id: 'approval/unverified',
  defaultSeverity: 'error',
  description: 'Require a GitHub review behind every approval a pull request adds or changes.',
  preset: 'recommended',
  messages: {
    unverified: {
      message: 'The approval by `{{by}}` of `{{entity}}` is not backed by a review of pull request #{{pullRequest}}: {{reason}}.',
      hint: 'Ask {{team}} to approve the pull request on GitHub; the check runs again on their review.',
    },
  },
});

export const uncheckedApproval = defineRule({
  id: 'approval/not-checked',
  defaultSeverity: 'warning',
  description: 'Report approvals that could not be checked against the pull request’s reviews.',
  messages: {
    notChecked: {
      message: 'The approval by `{{by}}` of `{{entity}}` was not checked against the reviews of pull request #{{pullRequest}}: {{reason}}.',
      hint: 'Run the check again; a token with `pull-requests: read` is needed to read reviews.',
    },
  },
});

export const approvalRules = [unverifiedApproval, uncheckedApproval];
