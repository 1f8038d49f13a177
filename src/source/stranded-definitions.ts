// The entities a file that does not parse would define: read leniently (the `yaml` package recovers
// what it can around a syntax error), so that a reference to one of them can say where it is defined
// and why it is not there, instead of that it does not exist.

import { parseDocument } from 'yaml';
import { documentChunks } from './parse-yaml.js';

/** An entity a document that does not parse names, and the 1-based line of its `kind`. */
export interface StrandedDefinition {
  kind: string;
  namespace: string | undefined;
  name: string;
  line: number;
}

/** The top-level keys a definition is read from; the rest of a broken document (its spec) is never parsed. */
const IDENTITY_KEYS = new Set(['kind', 'metadata']);
const TOP_LEVEL_KEY = /^([A-Za-z_][\w-]*)\s*:/;
/**
 * How much of those entries is read: lenient parsing of a broken document can cost far more than its
 * length (a hint must not cost what the lint does), and `kind` and `metadata` are short.
 */
const MAX_IDENTITY_BYTES = 2048;

/**
 * The definitions of the file's documents; with `names`, only of those whose `kind` and `metadata`
 * mention one of them (the others are not parsed at all).
 */
export function strandedDefinitions(text: string, names?: ReadonlySet<string>): StrandedDefinition[] {
  const found: StrandedDefinition[] = [];
  let line = 1;
  let counted = 0;
  for (const chunk of documentChunks(text)) {
    for (let at = text.indexOf('\n', counted); at !== -1 && at < chunk.start; at = text.indexOf('\n', at + 1)) line++;
    counted = chunk.start;
    const entries = identityEntries(chunk.text);
    if (names !== undefined && ![...names].some((name) => entries.text.includes(name))) continue;
    const definition = definitionIn(entries.text);
    if (definition !== undefined) found.push({ ...definition, line: line + entries.kindLine });
  }
  return found;
}

/**
 * The document's top-level `kind` and `metadata` entries (each key's line and the indented lines
 * under it) as YAML text, and the line of `kind` counted from the document's first (0).
 */
function identityEntries(document: string): { text: string; kindLine: number } {
  const kept: string[] = [];
  let keeping = false;
  let size = 0;
  let kindLine = 0;
  for (const [index, line] of document.split('\n').entries()) {
    const key = TOP_LEVEL_KEY.exec(line)?.[1];
    if (key === 'kind') kindLine = index;
    if (key !== undefined) keeping = IDENTITY_KEYS.has(key);
    else if (line !== '' && !/^\s/.test(line)) keeping = false;
    if (!keeping) continue;
    size += line.length + 1;
    if (size > MAX_IDENTITY_BYTES) break;
    kept.push(line);
  }
  return { text: kept.join('\n'), kindLine };
}

function definitionIn(entries: string): Omit<StrandedDefinition, 'line'> | undefined {
  if (entries === '') return undefined;
  try {
    const parsed = parseDocument(entries, { uniqueKeys: false, prettyErrors: false });
    const kind: unknown = parsed.get('kind');
    const name: unknown = parsed.getIn(['metadata', 'name']);
    const namespace: unknown = parsed.getIn(['metadata', 'namespace']);
    if (typeof kind !== 'string' || typeof name !== 'string') return undefined;
    return { kind, name, namespace: typeof namespace === 'string' ? namespace : undefined };
  } catch {
    // What the lenient parser cannot read either names nothing here.
    return undefined;
  }
}
