// HTML written into descriptions (Hugging Face cards centre a title with `<p align="center">`, show a
// `<figure>`, a `<details>`) kept as structure through an allow-list: text, emphasis, lists, tables,
// code, quotes, details, figures and links. Everything else goes: scripts and styles with their
// content, event handlers, style attributes, SVG, iframes, forms, and any URL that is not http(s),
// mailto or relative. Images become links to them: the site loads nothing from other hosts.

import type sanitizeHtml from 'sanitize-html';
import { lazyModule } from '../ground/lazy-module.js';

/** sanitize-html (and the HTML parser under it) is loaded by the first text that has a tag. */
const sanitize = lazyModule<typeof sanitizeHtml>('sanitize-html');

const EXTERNAL = /^https?:/i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...['p', 'br', 'hr', 'h3', 'h4', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'span', 'div'],
    ...['strong', 'b', 'em', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'abbr'],
    ...['ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'figure', 'figcaption', 'details', 'summary'],
    ...['table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'],
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    abbr: ['title'],
    ol: ['start'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Removed with what they hold, not unwrapped into text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'svg', 'math', 'iframe', 'object', 'template', 'title'],
  disallowedTagsMode: 'discard',
  transformTags: {
    // The page's outline is the site's: a card's headings sit under the section they are in.
    h1: 'h3',
    h2: 'h3',
    h5: 'h4',
    h6: 'h4',
    a: (_tag, attribs) => ({
      tagName: 'a',
      attribs: {
        ...(attribs.href === undefined ? {} : { href: attribs.href }),
        ...(attribs.title === undefined ? {} : { title: attribs.title }),
        // External links open without handing this page to the target.
        ...(EXTERNAL.test(attribs.href ?? '') ? { rel: 'noopener noreferrer nofollow' } : {}),
      },
    }),
    img: (_tag, attribs): sanitizeHtml.Tag =>
      EXTERNAL.test(attribs.src ?? '')
        ? {
            tagName: 'a',
            attribs: { href: attribs.src ?? '', rel: 'noopener noreferrer nofollow' },
            text: attribs.alt === undefined || attribs.alt === '' ? 'image' : attribs.alt,
          }
        : { tagName: 'span', attribs: {}, text: attribs.alt ?? '' },
  },
};

/** HTML (Markdown rendered with its HTML) through the allow-list. */
export function sanitizeCardHtml(html: string): string {
  return sanitize()(html, OPTIONS);
}
