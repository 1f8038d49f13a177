// A multi-document YAML file cut at its `---` markers, so that a syntax error in one document loses
// only that one: parsing (parse-yaml.ts) and locating (locate.ts) both fall back to it.

const DOCUMENT_START = /^---(?=[ \t\r]|$)/gm;
const NO_CONTENT = /^(?:[ \t]*(?:#.*|%.*)?\r?\n?)*$/;

/**
 * Splits a multi-document file at its `---` markers, so that an error in one document loses only
 * that one. A line starting with `---` always starts a document in YAML, so the split agrees with
 * the parser (and with the document numbers the locator uses).
 */
export function documentChunks(text: string): { start: number; text: string }[] {
  const starts = [...text.matchAll(DOCUMENT_START)].map((match) => match.index);
  const chunks = [{ start: 0, text: text.slice(0, starts[0] ?? text.length) }];
  starts.forEach((start, i) => chunks.push({ start, text: text.slice(start, starts[i + 1] ?? text.length) }));
  // Before the first marker there is a document only if there is content.
  return NO_CONTENT.test(chunks[0]?.text ?? '') ? chunks.slice(1) : chunks;
}
