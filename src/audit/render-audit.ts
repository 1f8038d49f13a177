// The audit report as JSON (schemas/audit.schema.json), as Markdown to file with a review, and as
// HTML (templates/audit/): a standalone document, or the body of a page of the catalog site.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { codeSpan, safeMarkdown } from '../ground/markdown-safety.js';
import { TEMPLATES_DIR } from '../ground/package-root.js';
import { stableStringify } from '../ground/stable-json.js';
import type { ApprovalOnGitHub, AuditReport, AuditVersion, CommitStamp, Promotion, Transition } from './audit-report.js';
import { pushAll } from '../ground/collections.js';

export interface AuditRenderOptions {
  /** The web page of a commit, e.g. on GitHub. */
  commitUrl?: ((sha: string) => string) | undefined;
}

export function renderAuditJson(report: AuditReport): string {
  return `${stableStringify(report)}\n`;
}

/** Every value from the metadata is escaped; those in a table row also for its pipes. */
const TABLE = { table: true } as const;

const day = (date: string) => date.slice(0, 10);
const short = (sha: string) => sha.slice(0, 7);

function transitionText(transition: Transition): string {
  if (transition.field === 'existence')
    return transition.from === null
      ? `added at stage ${codeSpan(transition.to ?? '', TABLE)}`
      : `removed (was at stage ${codeSpan(transition.from, TABLE)})`;
  return `${transition.field} ${codeSpan(transition.from ?? '', TABLE)} → ${codeSpan(transition.to ?? '', TABLE)}`;
}

function promotionHeading(promotion: Promotion): string {
  return `Entered ${safeMarkdown(promotion.to)} on ${day(promotion.date)}${promotion.from === null ? ' (added)' : ` from ${safeMarkdown(promotion.from)}`}`;
}

function trafficText(environment: string | null, trafficPercent: number | null): string {
  if (environment === null) return 'ended: no longer deploys this version';
  const shown = safeMarkdown(environment, TABLE);
  return trafficPercent === null ? shown : `${shown}, ${trafficPercent}% of traffic`;
}

function summaryLine(report: AuditReport): string {
  const { oldest, newest, commits } = report.range;
  if (oldest === undefined || newest === undefined) return 'No commits touched the metadata in the range read.';
  return `History read: ${commits} commit${commits === 1 ? '' : 's'} from ${day(oldest.date)} to ${day(newest.date)}.`;
}

const SHALLOW = (sha: string) =>
  `History stops at ${short(sha)}: this clone is shallow, so earlier promotions and approvals are not in this report. Fetch the rest with \`git fetch --unshallow\`.`;

// ---- Markdown

export function renderAuditMarkdown(report: AuditReport, options: AuditRenderOptions = {}): string {
  const commit = (stamp: CommitStamp) => {
    const url = options.commitUrl?.(stamp.commit);
    return url === undefined ? `\`${short(stamp.commit)}\`` : `[\`${short(stamp.commit)}\`](${url})`;
  };
  const cell = (text: string) => safeMarkdown(text, TABLE);
  const lines = [`# Audit report: ${safeMarkdown(report.title ?? report.model)}`, ''];
  lines.push(`- Model: \`${report.model}\`${report.exists ? '' : ' (no longer in the metadata)'}`);
  if (report.owner !== undefined) lines.push(`- Owner: \`${report.owner}\``);
  if (report.riskTier !== undefined) lines.push(`- Risk tier: ${cell(report.riskTier)}`);
  lines.push(`- ${summaryLine(report)}`, '');
  if (report.shallowAt !== undefined) lines.push(`> ${SHALLOW(report.shallowAt)}`, '');

  lines.push('## Findings', '');
  if (report.findings.length === 0)
    lines.push('None: every production promotion had an independent approval, an evaluation and documented training data.');
  for (const finding of report.findings) {
    const rule = finding.ruleId === undefined ? '' : ` (\`${finding.ruleId}\`)`;
    lines.push(`- **${finding.level}** ${codeSpan(finding.version)} ${safeMarkdown(finding.message)}${rule}`);
  }
  lines.push('');

  for (const version of report.versions) {
    lines.push(`## Version ${safeMarkdown(version.version)}`, '');
    lines.push(
      `\`${version.identity}\`: ${version.stage === null ? 'removed' : `stage \`${version.stage}\`, lifecycle \`${version.lifecycle ?? ''}\``}.`,
      '',
    );
    if (version.before !== undefined)
      lines.push(`Before the history read it was at stage \`${version.before.stage}\` (${version.before.lifecycle}).`, '');
    if (version.transitions.length > 0) {
      lines.push('| Date | Commit | Author | Change |', '| --- | --- | --- | --- |');
      for (const t of version.transitions) lines.push(`| ${day(t.date)} | ${commit(t)} | ${cell(t.author)} | ${transitionText(t)} |`);
      lines.push('');
    }
    lines.push('### Approvals', '');
    if (version.approvals.length === 0) lines.push('No approval recorded.', '');
    else {
      const checked = version.approvals.some((a) => a.github !== undefined);
      lines.push(
        `| Approver | Date | Independent | Recorded in | Note |${checked ? ' On GitHub |' : ''}`,
        `| --- | --- | --- | --- | --- |${checked ? ' --- |' : ''}`,
      );
      for (const a of version.approvals)
        lines.push(
          `| ${codeSpan(a.by, TABLE)} | ${cell(a.date)} | ${a.independent ? 'yes' : '**no**'} | ${a.recorded === undefined ? 'before the history read' : `${commit(a.recorded)} ${day(a.recorded.date)}, ${cell(a.recorded.author)}`}${a.removed === undefined ? '' : `; **removed** in ${commit(a.removed)} ${day(a.removed.date)}, ${cell(a.removed.author)}`} | ${cell(a.note ?? '')} |${checked ? ` ${cell(gitHubText(a.github) ?? '')} |` : ''}`,
        );
      lines.push('');
    }
    for (const promotion of version.promotions) pushAll(lines, promotionMarkdown(promotion, commit));
    if (version.deployments.length > 0) {
      lines.push('### Deployments', '', '| Deployment | Date | Commit | Environment and traffic |', '| --- | --- | --- | --- |');
      for (const deployment of version.deployments)
        for (const change of deployment.changes)
          lines.push(
            `| ${codeSpan(deployment.identity, TABLE)} | ${change.date === undefined ? 'before' : day(change.date)} | ${change.commit === undefined ? '' : commit(change as CommitStamp)} | ${trafficText(change.environment, change.trafficPercent)} |`,
          );
      lines.push('');
    }
  }
  if (report.versions.length === 0) lines.push('No versions of this model in the history read.', '');
  return lines.join('\n');
}

function promotionMarkdown(promotion: Promotion, commit: (stamp: CommitStamp) => string): string[] {
  const lines = [`### ${promotionHeading(promotion)}`, '', `Commit ${commit(promotion)} by ${safeMarkdown(promotion.author)}.`, ''];
  lines.push(
    `- Approvals then: ${promotion.approvals.length === 0 ? '**none**' : promotion.approvals.map((a) => `${codeSpan(a.by)} (${safeMarkdown(a.date)}${a.independent ? '' : ', not independent'})`).join(', ')}`,
  );
  if (promotion.evaluations.length === 0) lines.push('- Evaluations then: **none**');
  for (const evaluation of promotion.evaluations) {
    const metrics = evaluation.metrics
      .map(
        (m) =>
          `${safeMarkdown(m.name)}${m.slice === undefined ? '' : ` (slice ${safeMarkdown(m.slice)})`} ${m.value}${m.threshold === undefined ? '' : ` (threshold ${m.threshold}${m.passes === true ? '' : ', **not met**'})`}`,
      )
      .join('; ');
    lines.push(
      `- Evaluation ${codeSpan(evaluation.identity)}${evaluation.dataset === undefined ? '' : ` on ${codeSpan(evaluation.dataset)}`}: ${metrics}`,
    );
  }
  if (promotion.training.length === 0) lines.push('- Training data then: **none recorded**');
  for (const data of promotion.training)
    lines.push(
      `- Trained on ${codeSpan(data.dataset)} (${safeMarkdown(data.role)}): license ${data.license === undefined ? '**none**' : safeMarkdown(data.license)}, classification ${data.classification === undefined ? '**none**' : safeMarkdown(data.classification)}${data.containsPII === true ? ', contains PII' : ''}`,
    );
  for (const problem of promotion.problems)
    lines.push(
      `- Open ${safeMarkdown(problem.severity)}: ${safeMarkdown(problem.message)} (${codeSpan(problem.ruleId)}, ${safeMarkdown(problem.file)}:${problem.line})`,
    );
  lines.push('');
  return lines;
}

// ---- HTML

let templates: { body: Handlebars.TemplateDelegate; document: Handlebars.TemplateDelegate } | undefined;

function auditTemplates() {
  if (templates !== undefined) return templates;
  const handlebars = Handlebars.create();
  // Messages mark identities with backticks, as in Markdown: escaped, then shown as code.
  handlebars.registerHelper('codeSpans', (text: unknown) => {
    const parts = String(text)
      .split('`')
      .map((part) => handlebars.Utils.escapeExpression(part));
    return new handlebars.SafeString(
      parts.map((part, index) => (index % 2 === 1 && index < parts.length - 1 ? `<code>${part}</code>` : part)).join(''),
    );
  });
  const read = (name: string) => readFileSync(path.join(TEMPLATES_DIR, 'audit', name), 'utf8');
  handlebars.registerPartial('auditBody', read('audit-body.hbs'));
  templates = {
    body: handlebars.compile(read('audit-body.hbs'), { strict: false, preventIndent: true }),
    document: handlebars.compile(read('audit.hbs'), { strict: false, preventIndent: true }),
  };
  return templates;
}

function stampView(stamp: CommitStamp, options: AuditRenderOptions) {
  return { day: day(stamp.date), date: stamp.date, sha: short(stamp.commit), url: options.commitUrl?.(stamp.commit), author: stamp.author };
}

/** What `dossier audit --github` found for an approval, in words; undefined when it was not asked. */
function gitHubText(github: ApprovalOnGitHub | undefined): string | undefined {
  if (github === undefined) return undefined;
  const pull = github.pullRequest === undefined ? '' : ` in #${String(github.pullRequest)}`;
  if (github.status === 'verified') return `verified${pull}, by ${github.reviewer ?? ''}`;
  return `${github.status === 'unverified' ? 'not verified' : 'not checked'}${pull}: ${github.reason ?? ''}`;
}

function versionView(version: AuditVersion, options: AuditRenderOptions) {
  return {
    ...version,
    githubChecked: version.approvals.some((a) => a.github !== undefined),
    transitions: version.transitions.map((t) => ({ ...stampView(t, options), change: transitionText(t) })),
    approvals: version.approvals.map((a) => ({
      ...a,
      recorded: a.recorded === undefined ? undefined : stampView(a.recorded, options),
      removed: a.removed === undefined ? undefined : stampView(a.removed, options),
      githubText: gitHubText(a.github),
    })),
    promotions: version.promotions.map((p) => ({
      ...p,
      heading: promotionHeading(p),
      stamp: stampView(p, options),
      evaluations: p.evaluations.map((e) => ({
        ...e,
        metrics: e.metrics.map((m) => ({ ...m, thresholdText: m.threshold?.toString(), failing: m.passes === false })),
      })),
    })),
    deployments: version.deployments.flatMap((d) =>
      d.changes.map((change) => ({
        identity: d.identity,
        stamp: change.commit === undefined ? undefined : stampView(change as CommitStamp, options),
        state: trafficText(change.environment, change.trafficPercent),
      })),
    ),
  };
}

function auditView(report: AuditReport, options: AuditRenderOptions) {
  return {
    ...report,
    heading: report.title ?? report.model,
    summary: summaryLine(report),
    shallow: report.shallowAt === undefined ? undefined : SHALLOW(report.shallowAt),
    versions: report.versions.map((v) => versionView(v, options)),
  };
}

/** The report as the body of a page: the site puts it into its own layout. */
export function renderAuditHtmlBody(report: AuditReport, options: AuditRenderOptions & { modelHref?: string } = {}): string {
  return auditTemplates().body({ ...auditView(report, options), modelHref: options.modelHref });
}

/** The report as one self-contained HTML document, to print or file. */
export function renderAuditHtml(report: AuditReport, options: AuditRenderOptions = {}): string {
  return auditTemplates().document(auditView(report, options));
}
