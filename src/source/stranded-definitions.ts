// The entities a file that does not parse would define: read leniently (the `yaml` package recovers
// what it can around a syntax error), so that a reference to one of them can say where it is defined
// and why it is not there, instead of that it does not exist.

import { LineCounter, parseAllDocuments } from 'yaml';

/** An entity a document that does not parse names, and the 1-based line of its `kind`. */
export interface StrandedDefinition {
  kind: string;
  namespace: string | undefined;
  name: string;
  line: number;
}

export function strandedDefinitions(text: string): StrandedDefinition[] {
  const lines = new LineCounter();
  const found: StrandedDefinition[] = [];
  let documents: ReturnType<typeof parseAllDocuments>;
  try {
    documents = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  } catch {
    return found;
  }
  for (const document of Array.isArray(documents) ? documents : [documents]) {
    const kind: unknown = document.get('kind');
    const name: unknown = document.getIn(['metadata', 'name']);
    const namespace: unknown = document.getIn(['metadata', 'namespace']);
    if (typeof kind !== 'string' || typeof name !== 'string') continue;
    const offset = document.contents?.range?.[0] ?? 0;
    found.push({ kind, name, namespace: typeof namespace === 'string' ? namespace : undefined, line: lines.linePos(offset).line });
  }
  return found;
}
