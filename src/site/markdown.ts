// Descriptions are Markdown written by anyone who can open a pull request: rendered without raw
// HTML, and with links limited to safe schemes.

import MarkdownIt from 'markdown-it';

const SAFE_LINK = /^(https?:|mailto:|#|\/|\.\/|\.\.\/|[^:]*$)/i;

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
markdown.validateLink = (url: string) => SAFE_LINK.test(url.trim());
const defaultLinkOpen =
  markdown.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index];
  // External links open without handing this page to the target.
  if (token && /^https?:/i.test(String(token.attrGet('href') ?? ''))) token.attrSet('rel', 'noopener noreferrer nofollow');
  return defaultLinkOpen(tokens, index, options, env, self);
};

/** Markdown as HTML; a list of texts (e.g. `limitations`) becomes a bulleted list. */
export function renderMarkdown(text: unknown): string {
  if (Array.isArray(text)) {
    const items = text.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
    return items.length === 0 ? '' : `<ul>\n${items.map((item) => `<li>${markdown.renderInline(item)}</li>\n`).join('')}</ul>\n`;
  }
  return typeof text === 'string' && text.trim() !== '' ? markdown.render(text) : '';
}
