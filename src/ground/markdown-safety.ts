// Text from metadata, made safe to put into a GitHub comment: it cannot open HTML (and so cannot
// close a <details> or forge the sticky marker), mention people, or break a table.

const HTML = /[&<>]/g;
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escapes text outside code spans; code spans (single backticks) stay literal, as GitHub shows them. */
export function safeMarkdown(text: string): string {
  // Runs of backticks become one, and an unpaired one is dropped, so spans pair up unambiguously.
  let normalized = text.replace(/\r?\n/g, ' ').replace(/`+/g, '`');
  if ((normalized.match(/`/g)?.length ?? 0) % 2 === 1) normalized = normalized.replace(/`(?!.*`)/, '');
  return normalized
    .split('`')
    .map((part, index) => (index % 2 === 1 ? part : escapeText(part)))
    .join('`');
}

function escapeText(text: string): string {
  return text
    .replace(HTML, (c) => HTML_ENTITIES[c] as string)
    .replace(/@(?=[A-Za-z0-9])/g, '@\u200b')
    .replace(/\|/g, '\\|')
    .replace(/([\\*_[\]])/g, '\\$1');
}
