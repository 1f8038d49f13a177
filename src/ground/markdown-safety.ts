// Text from metadata, made safe to put into a GitHub comment: it cannot open HTML (and so cannot
// close a <details> or forge the sticky marker), start a heading, list or quote, make a link, an
// image or an autolink, mention people, or break a table; and no control character reaches the
// terminal it may be printed on.

import { appendTo } from './collections.js';
import { visibleControls } from './terminal-text.js';

const HTML = /[&<>]/g;
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
/** Breaks what GitHub would turn into a link or a mention by itself, without changing what is shown. */
const ZERO_WIDTH_SPACE = '\u200b';

export interface MarkdownContext {
  /** The text goes into a table cell: `|` ends a cell even inside a code span, unless escaped. */
  table?: boolean;
}

/**
 * Escapes text outside code spans; code spans stay literal, as GitHub shows them. Spans pair as
 * CommonMark pairs them: a run of backticks opens one that the next run of the same length closes;
 * a run that nothing closes is shown as the backticks it is.
 */
export function safeMarkdown(text: string, context: MarkdownContext = {}): string {
  const line = oneLine(text);
  const runs = [...line.matchAll(/`+/g)].map((match) => ({ at: match.index, length: match[0].length }));
  /** Where each length's next run is, among the runs of that length: a closer is found without a scan. */
  const byLength = new Map<number, number[]>();
  runs.forEach((run, index) => {
    appendTo(byLength, run.length, index);
  });
  const cursor = new Map<number, number>();
  let out = '';
  let plainFrom = 0;
  let index = 0;
  while (index < runs.length) {
    const open = runs[index] as { at: number; length: number };
    const sameLength = byLength.get(open.length) as number[];
    let position = cursor.get(open.length) ?? 0;
    while ((sameLength[position] as number) <= index) position++;
    cursor.set(open.length, position);
    const closeIndex = sameLength[position];
    if (closeIndex === undefined) {
      index++;
      continue;
    }
    const close = runs[closeIndex] as { at: number; length: number };
    const fence = '`'.repeat(open.length);
    out +=
      escapeText(line.slice(plainFrom, open.at), plainFrom === 0) +
      fence +
      codeText(line.slice(open.at + open.length, close.at), context) +
      fence;
    plainFrom = close.at + close.length;
    index = closeIndex + 1;
  }
  return out + escapeText(line.slice(plainFrom), plainFrom === 0);
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
    .replace(/([\\*_[\]#~`])/g, '\\$1');
  // Where the text opens a line (a list item's text), a marker would start a list or a thematic break.
  return atStart ? escaped.replace(/^(\s*)(-(?=[-\s]|$)|\+(?=\s|$))/, '$1\\$2').replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2') : escaped;
}
