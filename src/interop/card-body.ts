// Metadata text as Markdown in an exported card: it stays Markdown (emphasis, lists, code, web links),
// but it cannot add a section of its own (which a re-import would read as a field), open HTML, link to
// `javascript:` or load an image (a beacon that reports who views the card).

import { WEB_URL } from './mapping.js';

const HTML = /[&<>]/g;
const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** ATX headings, setext underlines and link reference definitions (`[x]: url`), at the start of a line. */
const HEADING = /^( {0,3})(#{1,6}(?=\s|$)|=+\s*$|-+\s*$|\[(?=[^\]]*\]:))/;
/** `[label](destination "title")`, the destination holding at most one level of balanced parentheses. */
const LINK = /\[([^\]]*)\]\(((?:[^()\s]|\([^()\s]*\))*)(?:\s[^)]*)?\)/g;
const IMAGE = new RegExp(`!${LINK.source}`, 'g');

/** `value` as card Markdown; fenced code and code spans stay as written, since Markdown shows them literally. */
export function cardMarkdown(value: string): string {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of value.split(/\r?\n/)) {
    const marker = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker?.startsWith(fence) === true) fence = undefined;
      lines.push(line);
    } else if (marker !== undefined) {
      fence = marker;
      lines.push(line);
    } else lines.push(cardLine(line));
  }
  // A fence left open would take the rest of the card into it.
  if (fence !== undefined) lines.push(fence);
  return lines.join('\n');
}

function cardLine(line: string): string {
  const escaped = line
    .split('`')
    .map((part, index) => (index % 2 === 1 ? part : cardProse(part)))
    .join('`');
  return escaped.replace(HEADING, (_match, indent: string, start: string) => `${indent}\\${start}`);
}

function cardProse(text: string): string {
  return text
    .replace(HTML, (c) => HTML_ENTITIES[c] as string)
    .replace(IMAGE, (_match, alt: string, url: string) => (WEB_URL.test(url) ? `[${alt || 'image'}](${url})` : alt))
    .replace(LINK, (match, label: string, url: string) => (WEB_URL.test(url) ? match : label));
}
