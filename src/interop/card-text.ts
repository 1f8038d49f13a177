// Text a card writes for a browser, read as text Dossier keeps: HTML tags (images, `<figure>`,
// `<br>`) and LaTeX (`\\(n_{layers}\\)`, `$\alpha$`) become plain text. Markdown is told apart from
// HTML by markdown-it, the parser the site renders descriptions with; code stays as written.

import MarkdownIt from 'markdown-it';
const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });
type Token = ReturnType<typeof markdown.parse>[number];

/** TeX's Greek letter commands, in Unicode's order from U+03B1 (`\alpha`): `\varsigma` is the final sigma. */
const GREEK =
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho varsigma sigma tau upsilon phi chi psi omega';
const SYMBOLS: ReadonlyMap<string, string> = new Map([
  ...GREEK.split(' ').map((name, index) => [name, String.fromCodePoint(0x3b1 + index)] as const),
  ['times', '×'],
  ['cdot', '·'],
  ['pm', '±'],
  ['leq', '≤'],
  ['le', '≤'],
  ['geq', '≥'],
  ['ge', '≥'],
  ['approx', '≈'],
  ['neq', '≠'],
  ['infty', '∞'],
  ['sim', '~'],
  ['to', '→'],
  ['rightarrow', '→'],
]);

/** Math between `\\(…\\)` (escaped for Markdown), `\(…\)`, `\[…\]`, `$$…$$`, or `$…$` that holds TeX (a `\`, `_`, `^` or `{`). */
const MATH = /\\\\\((.+?)\\\\\)|\\\((.+?)\\\)|\\\[(.+?)\\\]|\$\$(.+?)\$\$|\$([^$\s](?:[^$]*?[\\_^{][^$]*?)?)\$/g;

/** TeX as the text it stands for: `n_{layers}` is `n_layers`, `\alpha` α, `\frac{a}{b}` a/b, `\text{x}` x. */
function texText(tex: string): string {
  return tex
    .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, '$1/$2')
    .replace(/\\(text|mathrm|mathbf|mathit|operatorname|textbf|textit)\{([^{}]*)\}/g, '$2')
    .replace(/\\([A-Za-z]+)\s?/g, (_match, name: string) => SYMBOLS.get(name) ?? name)
    .replace(/\\[,;:! ]/g, ' ')
    .replace(/[{}]/g, '')
    .trim();
}

/** `value` with its LaTeX math as text. */
export function latexAsText(value: string): string {
  return value.replace(MATH, (match, ...groups: unknown[]) => {
    const tex = groups.slice(0, 5).find((group): group is string => typeof group === 'string');
    return tex === undefined ? match : texText(tex);
  });
}

/** The text of inline tokens: tags dropped (a `<br>` is a space), images as their alt text, code as written. */
function inlineText(tokens: readonly Token[]): string {
  return tokens
    .map((token) => {
      if (token.type === 'text' || token.type === 'text_special' || token.type === 'code_inline') return token.content;
      if (token.type === 'softbreak' || token.type === 'hardbreak') return ' ';
      if (token.type === 'html_inline') return /^<br\b/i.test(token.content) ? ' ' : '';
      if (token.type === 'image') return inlineText(token.children ?? []);
      return '';
    })
    .join('');
}

/** One line of Markdown (a title) as plain text: no markup, no HTML, character references read, LaTeX as text. */
export function plainText(value: string): string {
  const children = markdown.parseInline(value, {})[0]?.children ?? [];
  return latexAsText(inlineText(children)).replace(/\s+/g, ' ').trim();
}

/**
 * Markdown (a description) without HTML: an HTML block becomes its text, an inline tag is left out,
 * and LaTeX outside code becomes text; the rest of the Markdown stays as written.
 */
export function markdownWithoutHtml(value: string): string {
  const lines = value.split('\n');
  const code = new Set<number>();
  for (const token of markdown.parse(value, {})) {
    const [start, end] = token.map ?? [0, 0];
    if (token.type === 'fence' || token.type === 'code_block') for (let line = start; line < end; line += 1) code.add(line);
    else if (token.type === 'html_block')
      for (let line = start; line < end; line += 1) {
        // Its own paragraph (a line right after a table would be a row of it), and no list or heading its text could start.
        const text = plainText(lines[line] ?? '').replace(/^([*+#>-]|\d+[.)])(?=\s)/, '\\$1');
        lines[line] = line === start && text !== '' ? `\n${text}` : text;
      }
    else if (token.type === 'inline')
      for (const tag of (token.children ?? []).filter((child) => child.type === 'html_inline')) {
        const line = lines.findIndex((text, index) => index >= start && index < end && text.includes(tag.content));
        if (line >= 0) lines[line] = (lines[line] ?? '').replace(tag.content, /^<br\b/i.test(tag.content) ? ' ' : '');
      }
  }
  return lines
    .map((line, index) => (code.has(index) ? line : latexAsText(line)))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
