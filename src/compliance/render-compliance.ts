// Compliance reports as JSON (schemas/compliance.schema.json: a list, one report per model), as
// Markdown, and as one printable standalone HTML page (templates/compliance/).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { displayValue } from '../ground/display-value.js';
import { codeSpan, safeMarkdown } from '../ground/markdown-safety.js';
import { TEMPLATES_DIR } from '../ground/package-root.js';
import { stableStringify } from '../ground/stable-json.js';
import type { ComplianceItem, ComplianceReport, EvidenceRecord, LifecycleChange } from './compliance-report.js';

export interface ComplianceRenderOptions {
  /** The web page of a commit, e.g. on GitHub. */
  commitUrl?: ((sha: string) => string) | undefined;
}

export function renderComplianceJson(reports: readonly ComplianceReport[]): string {
  return `${stableStringify(reports)}\n`;
}

const short = (sha: string) => sha.slice(0, 7);
const NOT_UNDER_PROFILE =
  'Not under this profile by what the metadata declares (named on the command line): the report shows what its documentation would hold, and decides nothing about the model.';
const percent = (share: number) => `${Math.round(share * 100)}%`;
const STATUS_MARK: Record<ComplianceItem['status'], string> = { complete: '✔ complete', partial: '◐ partial', missing: '✘ missing' };

function changeText(change: LifecycleChange): string {
  if (change.field === 'existence') return change.from === null ? `added at stage ${change.to ?? ''}` : `removed (was ${change.from})`;
  return `${change.field} ${change.from ?? ''} → ${change.to ?? ''}`;
}

function declaredText(report: ComplianceReport): string[] {
  return Object.entries(report.declared).map(([key, value]) => `${key}: ${typeof value === 'string' ? value : displayValue(value)}`);
}

function evidenceText(record: EvidenceRecord): string {
  const document = record.document === undefined ? '' : ` (${record.document.url}, ${record.document.status})`;
  const value = record.value === undefined ? '' : `: ${record.value}`;
  return `${record.entity} ${record.field}${value}${document}`;
}

function summaryOf(report: ComplianceReport): { complete: number; partial: number; missing: number } {
  const items = report.sections.flatMap((section) => section.items);
  return {
    complete: items.filter((item) => item.status === 'complete').length,
    partial: items.filter((item) => item.status === 'partial').length,
    missing: items.filter((item) => item.status === 'missing').length,
  };
}

// ---- Markdown

export function renderComplianceMarkdown(reports: readonly ComplianceReport[], options: ComplianceRenderOptions = {}): string {
  if (reports.length === 0) return 'No model is under this profile at the commit read.\n';
  return reports.map((report) => reportMarkdown(report, options)).join('\n---\n\n');
}

function reportMarkdown(report: ComplianceReport, options: ComplianceRenderOptions): string {
  const commit = (sha: string | null) => {
    if (sha === null) return 'before the history read';
    const url = options.commitUrl?.(sha);
    return url === undefined ? `\`${short(sha)}\`` : `[\`${short(sha)}\`](${url})`;
  };
  const counts = summaryOf(report);
  const lines = [`# ${safeMarkdown(report.profileTitle)}: ${safeMarkdown(report.title)}`, ''];
  lines.push(`- Model: \`${report.model}\``);
  lines.push(`- Metadata at ${commit(report.at.commit)} (${safeMarkdown(report.at.ref)}, ${report.at.date.slice(0, 10)})`);
  for (const declared of declaredText(report)) lines.push(`- Declared ${safeMarkdown(declared)}`);
  if (!report.underProfile) lines.push(`- ${NOT_UNDER_PROFILE}`);
  lines.push(
    `- Documentation completeness: **${percent(report.completeness)}** (${counts.complete} complete, ${counts.partial} partial, ${counts.missing} missing)`,
    '',
    `> ${safeMarkdown(report.disclaimer)}`,
    '',
  );
  for (const section of report.sections) {
    lines.push(`## ${safeMarkdown(section.title)} (${safeMarkdown(section.clause)}): ${section.status}`, '');
    for (const item of section.items) {
      lines.push(
        `### ${STATUS_MARK[item.status]}: ${safeMarkdown(item.requirement)}`,
        '',
        `*${safeMarkdown(item.clause)}* · \`${item.id}\``,
        '',
      );
      for (const record of item.evidence)
        lines.push(`- ${safeMarkdown(evidenceText(record))} — ${codeSpan(`${record.file}:${record.line}`)}, ${commit(record.commit)}`);
      for (const missing of item.missing) lines.push(`- Missing: ${safeMarkdown(missing)}`);
      if (item.hint !== null) lines.push(`- How to fill it: ${safeMarkdown(item.hint)}`);
      lines.push('');
    }
    if (section.id === 'lifecycle-changes' && report.lifecycle.length > 0) {
      lines.push('| Date | Version | Change | Commit | Author |', '| --- | --- | --- | --- | --- |');
      for (const change of report.lifecycle)
        lines.push(
          `| ${change.date.slice(0, 10)} | \`${change.version}\` | ${safeMarkdown(changeText(change))} | ${commit(change.commit)} | ${safeMarkdown(change.author)} |`,
        );
      lines.push('');
    }
  }
  return lines.join('\n');
}

// ---- HTML

let templates: { body: Handlebars.TemplateDelegate; document: Handlebars.TemplateDelegate } | undefined;

function complianceTemplates() {
  if (templates !== undefined) return templates;
  const handlebars = Handlebars.create();
  const read = (name: string) => readFileSync(path.join(TEMPLATES_DIR, 'compliance', name), 'utf8');
  handlebars.registerPartial('complianceBody', read('compliance-body.hbs'));
  const compile = (name: string) => handlebars.compile(read(name), { strict: false, preventIndent: true });
  templates = { body: compile('compliance-body.hbs'), document: compile('compliance.hbs') };
  return templates;
}

/** The template's block lines leave blanks behind. */
function tidy(html: string): string {
  return html.replace(/[ \t]+$/gm, '').replace(/\n{2,}/g, '\n');
}

function reportView(report: ComplianceReport, options: ComplianceRenderOptions, reportIndex = 0) {
  const commitView = (sha: string | null) => (sha === null || sha === '' ? undefined : { sha: short(sha), url: options.commitUrl?.(sha) });
  return {
    ...report,
    reportIndex,
    percent: percent(report.completeness),
    counts: summaryOf(report),
    atCommit: commitView(report.at.commit),
    atDay: report.at.date.slice(0, 10),
    declared: declaredText(report),
    notUnderProfile: report.underProfile ? undefined : NOT_UNDER_PROFILE,
    sections: report.sections.map((section) => ({
      ...section,
      lifecycle:
        section.id === 'lifecycle-changes'
          ? report.lifecycle.map((change) => ({
              ...change,
              day: change.date.slice(0, 10),
              text: changeText(change),
              stamp: commitView(change.commit),
            }))
          : [],
      items: section.items.map((item) => ({
        ...item,
        mark: STATUS_MARK[item.status],
        evidence: item.evidence.map((record) => ({ ...record, text: evidenceText(record), stamp: commitView(record.commit) })),
      })),
    })),
  };
}

/** The reports as one self-contained HTML document, to print or file. */
export function renderComplianceHtml(reports: readonly ComplianceReport[], options: ComplianceRenderOptions = {}): string {
  const title =
    reports.length === 1 && reports[0] !== undefined ? `${reports[0].profileTitle}: ${reports[0].title}` : 'Compliance documentation';
  return tidy(complianceTemplates().document({ title, reports: reports.map((report, index) => reportView(report, options, index)) }));
}

/** One report as the body of a page: the site puts it into its own layout. */
export function renderComplianceHtmlBody(report: ComplianceReport, options: ComplianceRenderOptions = {}): string {
  return tidy(complianceTemplates().body(reportView(report, options)));
}
