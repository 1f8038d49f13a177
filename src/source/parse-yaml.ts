// YAML text to plain values, one per document, with every problem as a diagnostic instead of a throw.

import { CORE_SCHEMA, EVENT_ID, YAMLException, constructFromEvents, parseEvents, type Event } from 'js-yaml';
import type { Diagnostic } from '../diagnostics.js';
import { aliasLimit, depthLimit, duplicateKey, unsafeKey, yamlSyntax } from '../rules/core/yaml.js';
import { createDiagnostic } from '../rules/rule-meta.js';
import type { LineIndex } from './text-position.js';
import { documentSpans, nodeOffsets } from './yaml-events.js';

export const MAX_DEPTH = 64;
/** Nodes one document may expand to once aliases are followed; real metadata stays far below. */
export const MAX_EXPANDED_NODES = 100_000;

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

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

/**
 * Parses every document of a YAML file. A syntax error stops the file; an error while building
 * one document's value (a duplicate key, an unknown tag, an alias bomb) loses only that document.
 */
export function parseYaml(text: string, file: string, lines: () => LineIndex): ParsedYaml {
  const diagnostics: Diagnostic[] = [];
  const at = (start: number, end: number) => ({ file, range: lines().rangeAt(start, end) });
  let events: Event[];
  try {
    events = parseEvents(text, { filename: file, maxDepth: MAX_DEPTH });
  } catch (error) {
    diagnostics.push(yamlErrorDiagnostic(error, text, at));
    return { documents: [], diagnostics };
  }

  const documents: ParsedDocument[] = [];
  const spans = documentSpans(events);
  for (let index = 0; index < spans.length; index++) {
    const [first, last] = spans[index] as [number, number];
    const root = events[first + 1] as Event;
    const offset = nodeOffsets(text, root)[0];
    const scan = scanDocument(text, events, first, last);
    for (const [start, end, key] of scan.unsafeKeys) diagnostics.push(createDiagnostic(unsafeKey, 'unsafe', { key }, at(start, end)));
    if (scan.expandedNodes > MAX_EXPANDED_NODES) {
      diagnostics.push(createDiagnostic(aliasLimit, 'expansion', { limit: MAX_EXPANDED_NODES }, at(offset, offset + 1)));
      continue;
    }
    if (scan.unsafeKeys.length > 0) continue;
    try {
      const [value] = constructFromEvents(events.slice(first, last + 1), { source: text, filename: file, schema: CORE_SCHEMA });
      documents.push({ index, value, offset });
    } catch (error) {
      diagnostics.push(yamlErrorDiagnostic(error, text, at));
    }
  }
  return { documents, diagnostics };
}

interface DocumentScan {
  expandedNodes: number;
  unsafeKeys: Array<[number, number, string]>;
}

/** One pass over a document's events: its size with aliases expanded, and keys JavaScript treats specially. */
function scanDocument(text: string, events: readonly Event[], first: number, last: number): DocumentScan {
  const anchors = new Map<string, number>();
  const unsafeKeys: Array<[number, number, string]> = [];
  // Per open collection: accumulated size, its anchor, and for mappings whether the next node is a key.
  const sizes: number[] = [0];
  const anchorNames: Array<string | undefined> = [undefined];
  const expectingKey: boolean[] = [false];
  const isMapping: boolean[] = [false];

  const addNode = (size: number) => {
    const top = sizes.length - 1;
    sizes[top] = Math.min(Number.MAX_SAFE_INTEGER, (sizes[top] as number) + size);
    if (isMapping[top]) expectingKey[top] = !expectingKey[top];
  };

  for (let i = first + 1; i < last; i++) {
    const event = events[i] as Event;
    switch (event.type) {
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE:
        sizes.push(1);
        anchorNames.push(event.anchorStart >= 0 ? text.slice(event.anchorStart, event.anchorEnd) : undefined);
        isMapping.push(event.type === EVENT_ID.MAPPING);
        expectingKey.push(true);
        break;
      case EVENT_ID.SCALAR: {
        const top = sizes.length - 1;
        if (isMapping[top] && expectingKey[top]) {
          const length = event.valueEnd - event.valueStart;
          if (length === 9 || length === 11) {
            const key = text.slice(event.valueStart, event.valueEnd);
            if (UNSAFE_KEYS.has(key)) {
              const [start, end] = nodeOffsets(text, event);
              unsafeKeys.push([start, end, key]);
            }
          }
        }
        if (event.anchorStart >= 0) anchors.set(text.slice(event.anchorStart, event.anchorEnd), 1);
        addNode(1);
        break;
      }
      case EVENT_ID.ALIAS:
        addNode(anchors.get(text.slice(event.anchorStart, event.anchorEnd)) ?? 1);
        break;
      case EVENT_ID.POP: {
        const size = sizes.pop() as number;
        const anchor = anchorNames.pop();
        isMapping.pop();
        expectingKey.pop();
        if (anchor !== undefined) anchors.set(anchor, size);
        addNode(size);
        break;
      }
      default:
        break;
    }
  }
  return { expandedNodes: sizes[0] as number, unsafeKeys };
}

type LocateOffsets = (start: number, end: number) => { file: string; range: Diagnostic['range'] };

function yamlErrorDiagnostic(error: unknown, text: string, at: LocateOffsets): Diagnostic {
  if (!(error instanceof YAMLException)) {
    const reason = error instanceof Error ? error.message : String(error);
    return createDiagnostic(yamlSyntax, 'syntax', { reason, hint: 'Check the YAML syntax near this position.' }, at(0, 0));
  }
  const offset = Math.min(error.mark?.position ?? 0, text.length);
  const location = at(offset, offset + 1);
  // js-yaml reports every problem as YAMLException; its reason text is the only way to tell them apart.
  if (error.reason.startsWith('duplicated mapping key')) {
    const key = /^("[^"\n]*"|'[^'\n]*'|[^:\n]+)/.exec(text.slice(offset))?.[1]?.trim() ?? '';
    return createDiagnostic(duplicateKey, 'duplicate', { key }, at(offset, offset + key.length));
  }
  if (error.reason.startsWith('nesting exceeded maxDepth')) return createDiagnostic(depthLimit, 'tooDeep', { limit: MAX_DEPTH }, location);
  return createDiagnostic(yamlSyntax, 'syntax', { reason: error.reason, hint: syntaxHint(error.reason) }, location);
}

function syntaxHint(reason: string): string {
  if (reason.includes('tab')) return 'Indent with spaces; YAML does not allow tabs for indentation.';
  if (reason.startsWith('unknown') && reason.includes('tag')) {
    return 'Remove the tag: Dossier files hold plain data, and custom or language-specific tags (e.g. !!js/function) are not loaded.';
  }
  if (reason.includes('indentation')) return 'Align the keys of one mapping at the same indentation.';
  return 'Check the YAML syntax near this position (quote values that contain `: ` or start with a special character).';
}
