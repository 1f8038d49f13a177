// Small helpers for the inline SVG drawings: escaping and number formatting.

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export function truncateLabel(text: string, max = 26): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
