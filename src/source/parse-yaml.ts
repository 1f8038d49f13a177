// YAML text to plain values, one per document, with every problem as a diagnostic instead of a throw.
//
// Values come from js-yaml 4, several times faster than js-yaml 5 on metadata-sized files; positions
// for diagnostics come from js-yaml 5's event stream (see locate.ts), only for files with problems.

import yaml from 'js-yaml';
import type { Diagnostic, Range } from '../ground/diagnostics.js';
import { aliasLimit, depthLimit, duplicateKey, unsafeKey, yamlSyntax } from '../ground/core-rules/yaml.js';
import { createDiagnostic } from '../ground/rule-meta.js';
import type { SourceLocator } from './locate.js';
import { documentChunks } from './document-chunks.js';
import { isDossierDocument, mayHoldEntities, mentionsDossier } from './dossier-files.js';
import { MAX_DEPTH, MAX_EXPANDED_NODES } from './yaml-limits.js';
import { pushAll } from '../ground/collections.js';

/**
 * YAML 1.2's core schema, and merge keys (`<<: *defaults`): FORMAT.md's files are written for the
 * YAML 1.1 loaders most tools use, which merge. Dates stay the strings the author wrote.
 */
const SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [(yaml as unknown as JsYamlTypes).types.merge] });

/** js-yaml 4 exports its types, which @types/js-yaml leaves out. */
interface JsYamlTypes {
  types: { merge: yaml.Type };
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAY_HAVE_UNSAFE_KEY = /__proto__|constructor|prototype/;

export interface ParsedDocument {
  /** 0-based position of the document in its file. */
  index: number;
  value: unknown;
  /** Offset of the document's root node in the text. */
  offset: number;
}

export interface ParsedYaml {
  documents: ParsedDocument[];
  diagnostics: Diagnostic[];
}

interface LoadedDocument {
  index: number;
  value: unknown;
  offset: number;
}

/** All documents of `text` (a whole file, or one document of it starting at `base`). */
function loadDocuments(text: string, file: string, base: number, firstIndex: number): LoadedDocument[] {
  const starts: number[] = [];
  const values = yaml.loadAll(text, undefined, {
    schema: SCHEMA,
    filename: file,
    maxDepth: MAX_DEPTH,
    listener: (event: string, state: { depth?: number; position: number }) => {
      if (event === 'open' && state.depth === 1) starts.push(state.position);
    },
  } as yaml.LoadOptions);
  return values.map((value, i) => ({ index: firstIndex + i, value, offset: base + (starts[i] ?? 0) }));
}

/**
 * What a parse keeps: every document and problem (the configuration file), or only what may be
 * Dossier's (an entity file: another tool's YAML is ignored, even when js-yaml cannot read it).
 */
export type ParseScope = 'everything' | 'dossier';

/** Parses every document of a YAML file; a syntax error loses only its document, a hostile document only itself. */
export function parseYaml(text: string, file: string, locator: SourceLocator, scope: ParseScope = 'everything'): ParsedYaml {
  if (scope === 'dossier' && !mentionsDossier(text)) return { documents: [], diagnostics: [] };
  const reported = (part: string) => scope === 'everything' || mayHoldEntities(part);
  const at = (range: Range) => ({ file, range });
  const diagnostics: Diagnostic[] = [];
  let loaded: LoadedDocument[];
  try {
    loaded = loadDocuments(text, file, 0, 0);
  } catch (error) {
    const chunks = documentChunks(text);
    loaded = [];
    if (chunks.length < 2) {
      if (reported(text)) diagnostics.push(yamlErrorDiagnostic(error, text, 0, (start, end) => at(locator.rangeAt(start, end))));
    } else {
      chunks.forEach((chunk, index) => {
        try {
          pushAll(loaded, loadDocuments(chunk.text, file, chunk.start, index));
        } catch (chunkError) {
          if (reported(chunk.text))
            diagnostics.push(yamlErrorDiagnostic(chunkError, text, chunk.start, (start, end) => at(locator.rangeAt(start, end))));
        }
      });
    }
  }

  const documents: ParsedDocument[] = [];
  // Both checks walk values, so cheap text tests decide whether a file needs them at all.
  const mayHaveAliases = text.includes('*') && text.includes('&');
  const mayHaveUnsafeKeys = MAY_HAVE_UNSAFE_KEY.test(text);
  for (const { index, value, offset } of loaded) {
    // Another tool's document is not an entity: nothing in it is checked, or reported.
    if (scope === 'dossier' && !isDossierDocument(value)) continue;
    const expansion = mayHaveAliases ? measureExpansion(value, MAX_EXPANDED_NODES) : undefined;
    if (expansion?.cycle !== undefined) {
      diagnostics.push(createDiagnostic(aliasLimit, 'cycle', {}, at(locator.locate(index, expansion.cycle))));
      continue;
    }
    if (expansion !== undefined && expansion.size > MAX_EXPANDED_NODES) {
      diagnostics.push(createDiagnostic(aliasLimit, 'expansion', { limit: MAX_EXPANDED_NODES }, at(locator.rangeAt(offset, offset + 1))));
      continue;
    }
    if (mayHaveUnsafeKeys) {
      const unsafe = unsafeKeyPaths(value, []);
      for (const pointer of unsafe) {
        const key = pointer[pointer.length - 1] as string;
        diagnostics.push(createDiagnostic(unsafeKey, 'unsafe', { key }, at(locator.locate(index, pointer, 'key'))));
      }
      if (unsafe.length > 0) continue;
    }
    documents.push({ index, value, offset });
  }
  return { documents, diagnostics };
}

interface Expansion {
  /** Nodes the value expands to, counted up to just past the limit; Infinity for a cycle. */
  size: number;
  /** Path to the first alias found inside its own anchor (`a: &a [*a]`), which makes the value contain itself. */
  cycle: string[] | undefined;
}

/**
 * Size of a value with aliases expanded. Aliases share objects, so sizes are memoised by identity:
 * the count of a billion-laughs bomb is computed without ever expanding it.
 */
function measureExpansion(value: unknown, limit: number): Expansion {
  const memo = new Map<object, number>();
  const path: string[] = [];
  let cycle: string[] | undefined;
  const sizeOf = (node: unknown): number => {
    if (node === null || typeof node !== 'object') return 1;
    const known = memo.get(node);
    if (known !== undefined) {
      if (known === Infinity) cycle ??= [...path];
      return known;
    }
    // Infinite while its children are counted: meeting the node again below itself is a cycle.
    memo.set(node, Infinity);
    let size = 1;
    for (const [key, child] of Array.isArray(node) ? node.entries() : Object.entries(node)) {
      path.push(String(key));
      size += sizeOf(child);
      path.pop();
      if (size > limit) break;
    }
    memo.set(node, size);
    return size;
  };
  return { size: sizeOf(value), cycle };
}

function unsafeKeyPaths(value: unknown, pointer: string[]): string[][] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => unsafeKeyPaths(item, [...pointer, String(i)]));
  return Object.keys(value).flatMap((key) =>
    UNSAFE_KEYS.has(key) ? [[...pointer, key]] : unsafeKeyPaths((value as Record<string, unknown>)[key], [...pointer, key]),
  );
}

type LocateOffsets = (start: number, end: number) => { file: string; range: Range };

/** `base` is where the parsed text starts in the file, when one document was parsed on its own. */
function yamlErrorDiagnostic(error: unknown, text: string, base: number, at: LocateOffsets): Diagnostic {
  if (!(error instanceof yaml.YAMLException)) {
    const reason = error instanceof Error ? error.message : String(error);
    return createDiagnostic(yamlSyntax, 'syntax', { reason, hint: 'Check the YAML syntax near this position.' }, at(0, 0));
  }
  const reason = error.reason;
  // The typings promise a mark, but js-yaml throws some errors (e.g. from loadAll's checks) without one.
  const mark = error.mark as yaml.Mark | undefined;
  let offset = Math.min(base + (mark?.position ?? 0), text.length);
  // js-yaml reports every problem as YAMLException; its reason text is the only way to tell them apart.
  if (reason.startsWith('duplicated mapping key')) {
    const key = /^("[^"\n]*"|'[^'\n]*'|[^:\n]+)/.exec(text.slice(offset))?.[1]?.trim() ?? '';
    return createDiagnostic(duplicateKey, 'duplicate', { key }, at(offset, offset + key.length));
  }
  if (reason.startsWith('nesting exceeded maxDepth'))
    return createDiagnostic(depthLimit, 'tooDeep', { limit: MAX_DEPTH }, at(offset, offset + 1));
  if (reason.startsWith('unknown tag')) {
    // js-yaml points past the tagged value, often at the start of the next line; the tag itself is
    // what the author has to change.
    let end = offset;
    while (end > 0 && /\s/.test(text[end - 1] ?? '')) end--;
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    let tag = text.lastIndexOf('!', end);
    while (tag > lineStart && text[tag - 1] === '!') tag--;
    if (tag >= lineStart) offset = tag;
  }
  return createDiagnostic(yamlSyntax, 'syntax', { reason, hint: syntaxHint(reason) }, at(offset, offset + 1));
}

function syntaxHint(reason: string): string {
  if (reason.includes('tab')) return 'Indent with spaces; YAML does not allow tabs for indentation.';
  if (reason.startsWith('unknown') && reason.includes('tag')) {
    return 'Remove the tag: Dossier files hold plain data, and custom or language-specific tags (e.g. !!js/function) are not loaded.';
  }
  if (reason.includes('indentation')) return 'Align the keys of one mapping at the same indentation.';
  return 'Check the YAML syntax near this position (quote values that contain `: ` or start with a special character).';
}
