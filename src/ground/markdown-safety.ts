// Text from metadata, made safe to put into a GitHub comment: it cannot open HTML (and so cannot
// close a <details> or forge the sticky marker), start a heading, list or quote, make a link, an
// image or an autolink, mention people, or break a table; and no control character reaches the
// terminal it may be printed on.

import { visibleControls } from './terminal-text.js';

const HTML = /[&<>]/g;
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
/** Breaks what GitHub would turn into a link or a mention by itself, without changing what is shown. */
const ZERO_WIDTH_SPACE = '\u200b';

export interface MarkdownContext {
  /** The text goes into a table cell: `|` ends a cell even inside a code span, unless escaped. */
  table?: boolean;
}

/** Escapes text outside code spans; code spans (single backticks) stay literal, as GitHub shows them. */
export function safeMarkdown(text: string, context: MarkdownContext = {}): string {
  // Runs of backticks become one, and an unpaired one is dropped, so spans pair up unambiguously.
  let normalized = oneLine(text).replace(/`+/g, '`');
  if ((normalized.match(/`/g)?.length ?? 0) % 2 === 1) normalized = normalized.replace(/`(?!.*`)/, '');
  return normalized
    .split('`')
    .map((part, index) => (index % 2 === 1 ? codeText(part, context) : escapeText(part, index === 0)))
    .join('`');
}

/** Any text as one code span: shown as it is, nothing in it live; the delimiter is longer than any run of backticks inside. */
export function codeSpan(text: string, context: MarkdownContext = {}): string {
  const inside = codeText(oneLine(text), context);
  const longest = Math.max(0, ...(inside.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = inside.startsWith('`') || inside.endsWith('`') || inside.trim() === '' ? ' ' : '';
  return `${fence}${pad}${inside}${pad}${fence}`;
}

/**
 * Newlines would end the paragraph (or the table row) the text is in; other control characters are
 * shown escaped: the Markdown is printed on terminals too (`dossier audit`, `comment --dry-run`).
 */
function oneLine(text: string): string {
  return visibleControls(text.replace(/\r\n?|\n|\t/g, ' '));
}

function codeText(text: string, context: MarkdownContext): string {
  return context.table === true ? text.replace(/\|/g, '\\|') : text;
}

function escapeText(text: string, atStart: boolean): string {
  const escaped = text
    .replace(HTML, (c) => HTML_ENTITIES[c] as string)
    // On both sides: a mention needs a name right after `@`, an e-mail address a name right before it too.
    .replace(/@(?=[A-Za-z0-9])/g, `${ZERO_WIDTH_SPACE}@${ZERO_WIDTH_SPACE}`)
    .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
    .replace(/\b(www)\./gi, `$1${ZERO_WIDTH_SPACE}.`)
    .replace(/\|/g, '\\|')
    .replace(/([\\*_[\]#~])/g, '\\$1');
  // Where the text opens a line (a list item's text), a marker would start a list or a thematic break.
  return atStart ? escaped.replace(/^(\s*)(-(?=[-\s]|$)|\+(?=\s|$))/, '$1\\$2').replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2') : escaped;
}
