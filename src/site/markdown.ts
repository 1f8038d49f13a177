// Descriptions are Markdown written by anyone who can open a pull request, or imported from a model
// card: links limited to safe schemes, math typeset, and HTML kept only through an allow-list
// (card-html.ts). A text without a tag is rendered with HTML off, and needs no sanitizing.

import MarkdownIt from 'markdown-it';
import { sanitizeCardHtml } from './card-html.js';
import { mathPlugin, typeset } from './math.js';

/**
 * http(s), mailto, an anchor or a path in the site. Not `//host` (or `\\host`, which browsers read
 * alike): a protocol-relative URL is another host.
 */
const SAFE_LINK = /^(?![/\\]{2})(https?:|mailto:|#|\/|\.\/|\.\.\/|[^:]*$)/i;
const EXTERNAL = /^https?:/i;

/** Where a formula goes in sanitized HTML: characters of the Private Use Area, taken out of the text first. */
const PLACEHOLDER = /\uE000(\d+)\uE001/g;
let formulas: string[] = [];

function markdownIt(html: boolean) {
  const md = new MarkdownIt({ html, linkify: false, typographer: false });
  md.validateLink = (url: string) => SAFE_LINK.test(url.trim());
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
  md.renderer.rules.link_open = (tokens, index, options, env, self) => {
    const token = tokens[index];
    // External links open without handing this page to the target.
    if (token && EXTERNAL.test(String(token.attrGet('href') ?? ''))) token.attrSet('rel', 'noopener noreferrer nofollow');
    return defaultLinkOpen(tokens, index, options, env, self);
  };
  // Images become links to them, as card-html.ts makes of <img>: the site loads nothing from other hosts.
  md.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index];
    const source = String(token?.attrGet('src') ?? '');
    const alt = md.utils.escapeHtml(self.renderInlineAsText(token?.children ?? [], options, env));
    return EXTERNAL.test(source)
      ? `<a href="${md.utils.escapeHtml(source)}" rel="noopener noreferrer nofollow">${alt === '' ? 'image' : alt}</a>`
      : `<span>${alt}</span>`;
  };
  // MathML is made by temml, not by the text: with HTML on, the sanitizer sees a placeholder for it.
  mathPlugin(md, html ? (tex, display) => `\uE000${formulas.push(typeset(tex, display)) - 1}\uE001` : typeset);
  return md;
}

const markdown = markdownIt(false);
const markdownWithHtml = markdownIt(true);

/** Markdown with its HTML, through the allow-list, its formulas put back. */
function renderWithHtml(text: string): string {
  formulas = [];
  const html = sanitizeCardHtml(markdownWithHtml.render(text.replace(/[\uE000\uE001]/g, '')));
  const made = formulas;
  formulas = [];
  return html.replace(PLACEHOLDER, (_match, index: string) => made[Number(index)] ?? '');
}

/**
 * Markdown as HTML; a list of texts (e.g. `limitations`) becomes a bulleted list, each item inline
 * Markdown with no HTML.
 */
export function renderMarkdown(text: unknown): string {
  if (Array.isArray(text)) {
    const items = text.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
    return items.length === 0 ? '' : `<ul>\n${items.map((item) => `<li>${markdown.renderInline(item)}</li>\n`).join('')}</ul>\n`;
  }
  if (typeof text !== 'string' || text.trim() === '') return '';
  return text.includes('<') ? renderWithHtml(text) : markdown.render(text);
}

/** A piece of a one-line message as a template lays it out: text, a code span, emphasis, a link to an entity's page. */
export interface MessagePart {
  text: string;
  code?: true;
  em?: true;
  strong?: true;
  /** The page of the entity the code span names, from the site root. */
  path?: string;
}

/** The page of the entity a code span names (an identity or a label), if the page may link it. */
export type MessageLinker = (code: string) => string | undefined;

/**
 * A diagnostic's, change's or audit finding's message (inline Markdown: code spans, emphasis) as
 * parts for a template, so every character stays escaped by it; code spans that name an entity link to it.
 */
export function messageParts(message: string, linkOf: MessageLinker = () => undefined): MessagePart[] {
  const parts: MessagePart[] = [];
  let em = 0;
  let strong = 0;
  for (const token of markdown.parseInline(message, {})[0]?.children ?? []) {
    if (token.type === 'em_open') em++;
    else if (token.type === 'em_close') em--;
    else if (token.type === 'strong_open') strong++;
    else if (token.type === 'strong_close') strong--;
    else if (token.type === 'code_inline') {
      const path = linkOf(token.content);
      parts.push({ text: token.content, code: true, ...(path === undefined ? {} : { path }) });
    } else if (token.content !== '' || token.type === 'softbreak' || token.type === 'hardbreak') {
      const text = token.type === 'softbreak' || token.type === 'hardbreak' ? ' ' : token.content;
      const last = parts.at(-1);
      const style = { ...(em > 0 ? { em: true as const } : {}), ...(strong > 0 ? { strong: true as const } : {}) };
      // Adjacent text of one style is one part: `a_b` is parsed as three tokens.
      if (last !== undefined && !last.code && last.em === style.em && last.strong === style.strong) last.text += text;
      else parts.push({ text, ...style });
    }
  }
  return parts;
}

/** The linker of a message that may name entities: identities (`kind:namespace/name`), linked where `pathOf` finds the entity. */
export function identityLinker(pathOf: (identity: string) => string | undefined): MessageLinker {
  return (code) => (/^[a-z]+:[^\s/]+\/\S+$/.test(code) ? pathOf(code) : undefined);
}
