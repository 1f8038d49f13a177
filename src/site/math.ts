// TeX in descriptions (Hugging Face cards write `\\(n_{parameters}\\)` and `$$…$$`) typeset as
// MathML with temml, which browsers show without scripts or fonts. temml runs untrusted: no `\href`,
// `\url` or HTML extensions, and a bound on macro expansion. What does not parse is shown as its
// source in a code span, never as escaped tags.

import type MarkdownIt from 'markdown-it';
import { lazyModule } from '../ground/lazy-module.js';

/** temml is loaded by the first text that has math: most have none. */
const temml = lazyModule<typeof import('temml')>('temml');

/** The delimiters, the longer first: `\\(` before `\(`. Display math: `$$`, `\[`. */
const DELIMITERS: readonly { open: string; close: string; display: boolean }[] = [
  { open: '$$', close: '$$', display: true },
  { open: '\\\\[', close: '\\\\]', display: true },
  { open: '\\\\(', close: '\\\\)', display: false },
  { open: '\\[', close: '\\]', display: true },
  { open: '\\(', close: '\\)', display: false },
];

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** TeX as MathML; the source in a code span when it does not parse. */
export function typeset(tex: string, display: boolean): string {
  const { renderToString } = temml();
  try {
    return renderToString(tex, { displayMode: display, throwOnError: true, trust: false, maxExpand: 500, maxSize: [20, 20] });
  } catch {
    return `<code class="math-source">${escapeHtml(tex)}</code>`;
  }
}

/**
 * A markdown-it rule that reads math before backslash escapes do (`\\(` would become `(`), and
 * renders it with `render` (which lets the sanitizer see a placeholder instead of MathML).
 */
export function mathPlugin(md: InstanceType<typeof MarkdownIt>, render: (tex: string, display: boolean) => string): void {
  md.inline.ruler.before('escape', 'math', (state, silent) => {
    const rest = state.src.slice(state.pos);
    const delimiter = DELIMITERS.find((d) => rest.startsWith(d.open));
    if (delimiter === undefined) return false;
    const end = state.src.indexOf(delimiter.close, state.pos + delimiter.open.length);
    const tex = end === -1 ? '' : state.src.slice(state.pos + delimiter.open.length, end);
    if (tex.trim() === '') return false;
    if (!silent) {
      const token = state.push('math', '', 0);
      token.content = tex.replace(/\\\\(?=[a-zA-Z{}])/g, '\\');
      token.meta = { display: delimiter.display };
    }
    state.pos = end + delimiter.close.length;
    return true;
  });
  md.renderer.rules.math = (tokens, index) => {
    const token = tokens[index];
    return token === undefined ? '' : render(token.content, (token.meta as { display: boolean }).display);
  };
}
