// The entities a file that does not parse would define: read leniently (the `yaml` package recovers
// what it can around a syntax error), so that a reference to one of them can say where it is defined
// and why it is not there, instead of that it does not exist.

import { lazyModule } from '../ground/lazy-module.js';
import { documentChunks } from './document-chunks.js';

/** Loaded for the first file that does not parse. */
const yaml = lazyModule<typeof import('yaml')>('yaml');

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

/** Which documents to read, and which names are asked for. */
export interface StrandedQuery {
  /** Only documents whose name is one of these (others are not parsed at all). */
  names?: ReadonlySet<string>;
  /** Only documents that hold one of these 1-based lines: where the parser stopped (others parsed, or failed for another reason). */
  lines?: readonly number[];
}

/** The definitions of the file's documents that do not parse, as the query narrows them. */
export function strandedDefinitions(text: string, query: StrandedQuery = {}): StrandedDefinition[] {
  const found: StrandedDefinition[] = [];
  let line = 1;
  let counted = 0;
  for (const chunk of documentChunks(text)) {
    for (let at = text.indexOf('\n', counted); at !== -1 && at < chunk.start; at = text.indexOf('\n', at + 1)) line++;
    counted = chunk.start;
    if (query.lines !== undefined && !query.lines.some((at) => at >= line && at < line + lineCount(chunk.text))) continue;
    const entries = identityEntries(chunk.text);
    // One cheap look for the name, so that a lint with many unresolved references reads each document once.
    const name = NAME.exec(entries.text)?.[1];
    if (query.names !== undefined && (name === undefined || !query.names.has(name))) continue;
    const definition = definitionIn(entries.text);
    if (definition !== undefined) found.push({ ...definition, line: line + entries.kindLine });
  }
  return found;
}

/** A `name:` in `metadata`, block or flow, as most files write it; the lenient parse then reads it properly. */
const NAME = /\bname\s*:\s*["']?([A-Za-z0-9][A-Za-z0-9._-]*)/;

function lineCount(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
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
  const { parseDocument } = yaml();
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
