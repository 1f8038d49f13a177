// The findings of an audit report: what a reviewer must know, read from the versions' history
// (promotions, approvals, deployments) in the order the history walk met it, and rated as
// dossier.yaml rates the lint rule that checks the same fact.

import type { Diagnostic } from '../ground/diagnostics.js';
import { rulesById } from '../rules/registry.js';
import type { RuleSetting } from '../rules/settings.js';
import type { Approval, AuditEvaluation, AuditFinding, AuditTrainingData, AuditVersion } from './audit-report.js';

/** A version in production with governance errors open at the newest commit: whatever happened since its promotion. */
export function openInProduction(version: AuditVersion, openNow: readonly Diagnostic[]): AuditFinding[] {
  if (version.stage !== 'production') return [];
  const errors = openNow.filter((d) => d.entity === version.identity && d.severity === 'error');
  if (errors.length === 0) return [];
  const rules = [...new Set(errors.map((d) => `\`${d.ruleId}\``))].join(', ');
  return [
    {
      level: 'error',
      version: version.identity,
      message: `in production with ${errors.length} governance error${errors.length === 1 ? '' : 's'} open now (${rules}); \`dossier lint\` lists them.`,
    },
  ];
}

/**
 * How a finding about a fact that a lint rule also checks is rated: as `rules:` in dossier.yaml
 * rates that rule, else at the rule's own default severity, whatever preset lint extends (asking
 * for an audit is asking for governance); a rule turned off makes the finding info.
 */
function severityOf(rules: Readonly<Record<string, RuleSetting>>, ruleId: string): AuditFinding['level'] {
  const severity = rules[ruleId] ?? rulesById.get(ruleId)?.defaultSeverity ?? 'warning';
  return severity === 'off' ? 'info' : severity;
}

/** A commit's place in the walk (0 before it): the order findings compare events in. */
export type CommitOrder = (commit: string | undefined) => number;

/** What a reviewer must know: production promotions without approval, evaluation or licensed data, and late approvals. */
export function findingsOf(version: AuditVersion, rules: Readonly<Record<string, RuleSetting>>, order: CommitOrder): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const say = (level: AuditFinding['level'], message: string, commit?: string) =>
    findings.push({ level, version: version.identity, message, ...(commit === undefined ? {} : { commit }) });
  const sayAsRule = (ruleId: string, message: string, commit: string) =>
    findings.push({ level: severityOf(rules, ruleId), ruleId, version: version.identity, message, commit });
  const productions = version.promotions.filter((p) => p.to === 'production');
  for (const promotion of productions) {
    const when = `promoted to production on ${promotion.date.slice(0, 10)} (${promotion.commit.slice(0, 7)})`;
    if (promotion.approvals.length === 0)
      sayAsRule('model-version/production-requires-approval', `${when} with no approval recorded.`, promotion.commit);
    else if (promotion.approvals.every((a) => !a.independent))
      sayAsRule('model-version/independent-approval', `${when} ${withoutIndependentApproval(promotion.approvals)}`, promotion.commit);
    if (promotion.evaluations.length === 0)
      sayAsRule('model-version/production-requires-evaluation', `${when} with no evaluation recorded.`, promotion.commit);
    else if (!promotion.evaluations.some((evaluation) => isHeldOut(evaluation, promotion.training)))
      sayAsRule(
        'model-version/production-requires-evaluation',
        `${when} evaluated only on its training data (${[...new Set(promotion.evaluations.map((e) => `\`${e.dataset ?? 'no dataset'}\``))].join(', ')}): no evaluation on held-out data.`,
        promotion.commit,
      );
    const failing = promotion.evaluations.flatMap((e) => e.metrics.filter((m) => m.passes === false).map((m) => m.name));
    if (failing.length > 0)
      sayAsRule(
        'evaluation/metric-below-threshold',
        `${when} with metrics below their thresholds: ${failing.join(', ')}.`,
        promotion.commit,
      );
    if (promotion.training.length === 0) say('warning', `${when} with no training data recorded.`, promotion.commit);
    for (const data of promotion.training) {
      const missing = [data.license === undefined ? 'license' : '', data.classification === undefined ? 'classification' : ''].filter(
        Boolean,
      );
      if (missing.length > 0)
        sayAsRule(
          'dataset/training-data-documented',
          `${when} trained on \`${data.dataset}\`, which had no ${missing.join(' or ')} recorded.`,
          promotion.commit,
        );
    }
    const errors = promotion.problems.filter((p) => p.severity === 'error').length;
    if (errors > 0) say('warning', `${when} with ${errors} governance error${errors === 1 ? '' : 's'} open.`, promotion.commit);
  }
  const firstProduction = productions[0];
  if (firstProduction !== undefined)
    for (const approval of version.approvals) {
      const promoted = firstProduction.date.slice(0, 10);
      if (approval.recorded !== undefined && order(approval.recorded.commit) > order(firstProduction.commit))
        say(
          'warning',
          `approval by \`${approval.by}\` recorded on ${approval.recorded.date.slice(0, 10)} (${approval.recorded.commit.slice(0, 7)}), after the promotion to production on ${promoted}.`,
          approval.recorded.commit,
        );
      // Written in time, but dated later: the approval says it was given after the version went live.
      else if (approval.date.slice(0, 10) > promoted)
        say(
          'warning',
          `approval by \`${approval.by}\` is dated ${approval.date.slice(0, 10)}, after the promotion to production on ${promoted} (${firstProduction.commit.slice(0, 7)}).`,
          firstProduction.commit,
        );
    }
  for (const approval of version.approvals) {
    const removed = approval.removed;
    // Taken out while the version was in production: a finding for good, whatever the version did later.
    if (removed === undefined || stageAt(version, removed.commit, order) !== 'production') continue;
    const at = order(removed.commit);
    const remains = version.approvals.some(
      (other) => order(other.recorded?.commit) <= at && (other.removed === undefined || order(other.removed.commit) > at),
    );
    say(
      remains ? 'warning' : 'error',
      `approval by \`${approval.by}\` removed on ${removed.date.slice(0, 10)} (${removed.commit.slice(0, 7)}) while the version was in production${remains ? '' : '; no approval remained'}.`,
      removed.commit,
    );
  }
  for (const deployment of version.deployments)
    for (const change of deployment.changes)
      if (change.commit !== undefined && change.environment === 'production' && (change.trafficPercent ?? 100) > 0) {
        const stage = stageAt(version, change.commit, order);
        if (stage !== 'production')
          sayAsRule(
            'deployment/production-requires-approved-version',
            `\`${deployment.identity}\` served production traffic from ${(change.date ?? '').slice(0, 10)} (${change.commit.slice(0, 7)}) while the version was at stage ${stage ?? 'unknown'}.`,
            change.commit,
          );
      }
  return findings;
}

/** As the rule `production-requires-evaluation` reads it: on data the version was not trained on, or only tested on. */
function isHeldOut(evaluation: AuditEvaluation, training: readonly AuditTrainingData[]): boolean {
  if (evaluation.dataset === undefined) return false;
  const uses = training.filter((data) => data.dataset === evaluation.dataset);
  return uses.every((data) => data.role === 'test');
}

/** Why no approval of a promotion is independent: each was its owners', or named no team. */
function withoutIndependentApproval(approvals: readonly Approval[]): string {
  const listed = (list: readonly Approval[]) => list.map((a) => `\`${a.by}\``).join(', ');
  const unknown = approvals.filter((a) => a.unknownApprover === true);
  const owners = approvals.filter((a) => a.unknownApprover !== true);
  const parts = [
    ...(owners.length === 0 ? [] : [`by its owners (${listed(owners)})`]),
    ...(unknown.length === 0
      ? []
      : [
          `by ${unknown.length === 1 ? 'a name' : 'names'} that ${unknown.length === 1 ? 'is' : 'are'} no team in the metadata (${listed(unknown)})`,
        ]),
  ];
  return `approved only ${parts.join(' and ')}: no independent approval.`;
}

/** The version's stage after a commit (and the commits before it in the walk), from its transitions. */
function stageAt(version: AuditVersion, commit: string, order: CommitOrder): string | undefined {
  let stage = version.before?.stage;
  const at = order(commit);
  for (const transition of version.transitions) {
    if (order(transition.commit) > at) break;
    if (transition.field !== 'lifecycle') stage = transition.to ?? undefined;
  }
  return stage;
}
