// The diff as a GitHub comment, rendered from templates/comment/ and kept under GitHub's size limit
// by leaving out whole changes (never half a <details> or code block), and saying so.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from '../ground/package-root.js';
import type { Change, ChangeLevel, SemanticDiff } from './change.js';
import { codeSpan, safeMarkdown } from '../ground/markdown-safety.js';
import { verdict } from './render-text.js';
import { displayValue } from '../ground/display-value.js';

/** GitHub refuses comment bodies over 65,536 characters; keep room for the marker. */
export const COMMENT_LIMIT = 65_000;

export interface MarkdownOptions {
  /** Link a change to its file: `(repository path, line) => URL`, e.g. a blob URL at the head commit. */
  /** A link to the file's line: at the head commit, or at the base commit where `atBase` says the change is only there. */
  linkTo?: (file: string, line: number, atBase: boolean) => string | undefined;
  limit?: number;
}

const LEVELS: { level: ChangeLevel; heading: string; icon: string; open: boolean }[] = [
  { level: 'breaking', heading: 'Breaking changes', icon: '🔴', open: true },
  { level: 'warning', heading: 'Warnings', icon: '🟡', open: true },
  { level: 'info', heading: 'Other changes', icon: '🔵', open: false },
];

let compiled: Handlebars.TemplateDelegate | undefined;

function template(): Handlebars.TemplateDelegate {
  if (compiled) return compiled;
  const handlebars = Handlebars.create();
  // Every value from the diff goes through one of these: a diff JSON can come from a fork's workflow.
  handlebars.registerHelper('md', (value: unknown) => new handlebars.SafeString(safeMarkdown(displayValue(value))));
  handlebars.registerHelper('code', (value: unknown) => new handlebars.SafeString(codeSpan(displayValue(value))));
  compiled = handlebars.compile(readFileSync(path.join(TEMPLATES_DIR, 'comment', 'comment.md.hbs'), 'utf8'), { strict: true });
  return compiled;
}

function changeView(change: Change, options: MarkdownOptions) {
  const url = options.linkTo?.(change.file, change.line, change.atBase === true);
  return {
    title: change.title,
    details: change.details,
    hasDetails: change.details.length > 0 || change.accepted !== undefined,
    accepted: change.accepted,
    id: change.id,
    fingerprint: change.fingerprint,
    location: `${change.file}:${change.line}`,
    url: url ?? '',
  };
}

function render(diff: SemanticDiff, options: MarkdownOptions, shown: number): string {
  let remaining = shown;
  const sections = LEVELS.map(({ level, heading, icon, open }) => {
    const all = diff.changes.filter((c) => c.level === level);
    const included = all.slice(0, Math.max(0, remaining));
    remaining -= included.length;
    return {
      heading,
      icon,
      open,
      count: all.length,
      changes: included.map((c) => changeView(c, options)),
      omitted: all.length - included.length,
    };
  }).filter((section) => section.count > 0);
  const omitted = diff.changes.length - Math.min(shown, diff.changes.length);
  const { summary } = diff;
  return template()({
    verdict: verdict(diff),
    icon: summary.breaking > 0 ? '🔴' : summary.warning > 0 ? '🟡' : '🟢',
    base: `${diff.base.ref} @ ${diff.base.sha.slice(0, 7)}`,
    head: `${diff.head.ref}${diff.head.sha ? ` @ ${diff.head.sha.slice(0, 7)}` : ''}`,
    summary,
    sections,
    omitted,
  });
}

export function renderDiffMarkdown(diff: SemanticDiff, options: MarkdownOptions = {}): string {
  const limit = options.limit ?? COMMENT_LIMIT;
  const full = render(diff, options, diff.changes.length);
  if (full.length <= limit) return full;
  // The most changes that fit, found by bisection; changes are ordered most serious first.
  let low = 0;
  let high = diff.changes.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (render(diff, options, mid).length <= limit) low = mid;
    else high = mid - 1;
  }
  return render(diff, options, low);
}
