// The approvals section of the sticky pull request comment: each approval the pull request adds or
// changes, verified (by whom) or not (and why). Text from metadata and GitHub is made inert.

import { codeSpan, safeMarkdown } from '../ground/markdown-safety.js';
import type { ApprovalVerdict } from './verify-approvals.js';

const STATUS = { verified: '✅ verified', unverified: '❌ not verified', 'not-checked': '⚠️ not checked' } as const;

function line(verdict: ApprovalVerdict): string {
  const { approval } = verdict;
  const what = `${codeSpan(approval.team ?? approval.by)} approves ${codeSpan(approval.entity.identity)} (${codeSpan(approval.date)})`;
  const why = verdict.status === 'verified' ? `by ${safeMarkdown(verdict.reviewer)}` : safeMarkdown(verdict.reason);
  return `- **${STATUS[verdict.status]}**: ${what}: ${why}`;
}

/** Markdown for the comment; empty when the pull request claims no approval. */
export function renderApprovalsMarkdown(verdicts: readonly ApprovalVerdict[]): string {
  if (verdicts.length === 0) return '';
  return [
    '### Approvals',
    '',
    ...verdicts.map(line),
    '',
    '_An approval is verified by an approving GitHub review on the head commit from the named team or one of its members (not the author). It records a review; it is not a legal signature._',
    '',
  ].join('\n');
}
