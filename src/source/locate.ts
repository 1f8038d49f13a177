// Finds the YAML node behind a JSON pointer, so a problem found in plain data points at the right line.

import type { Event } from 'js-yaml-5';
import type { Position, Range } from '../ground/diagnostics.js';
import { MAX_DEPTH } from './yaml-limits.js';
import { LineIndex } from './text-position.js';
import { documentChunks } from './document-chunks.js';
import { documentSpans, isNodeEvent, nodeOffsets, yamlEvents } from './yaml-events.js';

/** Whether a diagnostic points at a mapping key (e.g. an unknown field) or at the value under it. */
export type NodePart = 'key' | 'value';

/**
 * One node of a document, as the locator indexes it: its event and, under a mapping, its key's
 * event. Children exist only for collections, keyed by mapping key or sequence index.
 */
interface NodeEntry {
  event: Event;
  keyEvent: Event | undefined;
  children: Map<string, NodeEntry> | undefined;
  /** Where an empty value (`type:` with nothing after it, a bare `-`) is written: it has no offsets of its own. */
  empty?: [number, number];
}

/**
 * Locates nodes in one file's text. Events are parsed on the first call only: most files have
 * no problem, so they never pay for it.
 */
export class SourceLocator {
  readonly #text: string;
  #lines: LineIndex | undefined;
  #events: Event[] | undefined;
  #spans: [number, number][] | undefined;
  readonly #trees = new Map<number, NodeEntry>();
  /** When the whole text does not parse: a locator of each document's own text, and where it starts. */
  #documents: { locator: SourceLocator; start: number }[] | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  get lines(): LineIndex {
    this.#lines ??= new LineIndex(this.#text);
    return this.#lines;
  }

  /**
   * Line and column of an offset. Near the top of a file (where documents usually start) it counts
   * line breaks directly instead of indexing every line of the file.
   */
  positionAt(offset: number): Position {
    if (this.#lines !== undefined || offset > 4096) return this.lines.positionAt(offset);
    let line = 0;
    let lineStart = 0;
    for (let i = this.#text.indexOf('\n'); i !== -1 && i < offset; i = this.#text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { line, column: offset - lineStart };
  }

  rangeAt(start: number, end: number): Range {
    return this.lines.rangeAt(start, end);
  }

  /** Range of the node at `pointer` (path segments) in document `documentIndex`, or of its closest existing ancestor. */
  locate(documentIndex: number, pointer: readonly string[], part: NodePart = 'value'): Range {
    const [start, end] = this.#locateOffsets(documentIndex, pointer, part);
    return this.rangeAt(start, end);
  }

  /** The source text of the node at `pointer`, as the author wrote it (e.g. `1.10`, not 1.1). */
  sourceText(documentIndex: number, pointer: readonly string[]): string {
    const [start, end] = this.#locateOffsets(documentIndex, pointer, 'value');
    return this.#text.slice(start, end);
  }

  #locateOffsets(documentIndex: number, pointer: readonly string[], part: NodePart): [number, number] {
    const root = this.#documentTree(documentIndex);
    if (root === undefined) {
      // One document's syntax error stops the file's events: the other documents are located in their own text.
      const document = this.#documents?.[documentIndex];
      if (document === undefined) return [0, 0];
      const [start, end] = document.locator.#locateOffsets(0, pointer, part);
      return [document.start + start, document.start + end];
    }
    // The closest existing ancestor stands in for a node that is not there (e.g. a missing field).
    let node = root;
    let isLast = pointer.length === 0;
    for (let i = 0; i < pointer.length; i++) {
      const child = node.children?.get(pointer[i] as string);
      if (child === undefined) {
        // A key merged in from an alias (`<<: *defaults`) is written at its anchor: the alias stands in.
        const merged = node.children?.get('<<');
        if (merged !== undefined) [node, isLast] = [merged, false];
        break;
      }
      node = child;
      isLast = i === pointer.length - 1;
    }
    const event = isLast && part === 'key' && node.keyEvent !== undefined ? node.keyEvent : node.event;
    return event === node.event && node.empty !== undefined ? node.empty : nodeOffsets(this.#text, event);
  }

  /**
   * The node tree of one document, built in one pass over its events the first time a problem in it
   * is located, so that locating N problems costs the size of the file plus N short lookups.
   */
  #documentTree(documentIndex: number): NodeEntry | undefined {
    if (this.#events === undefined) {
      const { parseEvents } = yamlEvents();
      try {
        this.#events = parseEvents(this.#text, { maxDepth: MAX_DEPTH });
      } catch {
        this.#events = [];
        const chunks = documentChunks(this.#text);
        if (chunks.length > 1) this.#documents = chunks.map((chunk) => ({ locator: new SourceLocator(chunk.text), start: chunk.start }));
      }
      this.#spans = documentSpans(this.#events);
    }
    const known = this.#trees.get(documentIndex);
    if (known !== undefined) return known;
    const span = this.#spans?.[documentIndex];
    if (span === undefined) return undefined;
    const tree = buildTree(this.#text, this.#events, span);
    this.#trees.set(documentIndex, tree);
    return tree;
  }
}

interface Frame {
  entry: NodeEntry;
  isMapping: boolean;
  nextIndex: number;
  /** In a mapping: the pending key's text (undefined for a complex key) and event, once it is read. */
  key: string | undefined;
  keyEvent: Event | undefined;
}

/** Indexes the nodes of the document whose events are `events[first..last]`. */
function buildTree(text: string, events: readonly Event[], [first, last]: [number, number]): NodeEntry {
  const { EVENT_ID, getScalarValue } = yamlEvents();
  const root: NodeEntry = { event: events[first + 1] as Event, keyEvent: undefined, children: undefined };
  const stack: Frame[] = isCollection(root.event) ? [newFrame(root)] : [];
  // Where the last node written ends: an empty item's `-` is the next one after it.
  let lastEnd = 0;
  for (let i = first + 2; i < last && stack.length > 0; i++) {
    const event = events[i] as Event;
    const top = stack[stack.length - 1] as Frame;
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    if (!isNodeEvent(event)) continue;
    const offsets = nodeOffsets(text, event);
    const isEmpty = offsets[0] < 0;
    // A collection's offsets are its first indicator or key: an empty first item's `-` is that one.
    if (!isEmpty) lastEnd = isCollection(event) ? offsets[0] : offsets[1];
    if (top.isMapping && top.keyEvent === undefined) {
      top.keyEvent = event;
      top.key = event.type === EVENT_ID.SCALAR ? getScalarValue(text, event) : undefined;
      // A collection used as a key has no pointer that reaches into it.
      if (isCollection(event)) i = skipCollection(events, i);
      continue;
    }
    const segment = top.isMapping ? top.key : String(top.nextIndex++);
    const entry: NodeEntry = { event, keyEvent: top.keyEvent, children: undefined };
    if (isEmpty) {
      entry.empty = top.isMapping && top.keyEvent !== undefined ? nodeOffsets(text, top.keyEvent) : itemIndicator(text, lastEnd);
      lastEnd = entry.empty[1];
    }
    top.keyEvent = undefined;
    // With a duplicate key (reported elsewhere), the first one is the one located.
    if (segment !== undefined && top.entry.children?.has(segment) !== true) (top.entry.children ??= new Map()).set(segment, entry);
    if (isCollection(event)) stack.push(newFrame(entry));
  }
  return root;
}

/** The `-` of a sequence item written after `from`, for an item with nothing after its dash. */
function itemIndicator(text: string, from: number): [number, number] {
  const dash = text.indexOf('-', from);
  return dash === -1 ? [from, from] : [dash, dash + 1];
}

function isCollection(event: Event): boolean {
  const { EVENT_ID } = yamlEvents();
  return event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE;
}

function newFrame(entry: NodeEntry): Frame {
  const { EVENT_ID } = yamlEvents();
  return { entry, isMapping: entry.event.type === EVENT_ID.MAPPING, nextIndex: 0, key: undefined, keyEvent: undefined };
}

/** Index of the POP that closes the collection opened at `open`. */
function skipCollection(events: readonly Event[], open: number): number {
  const { EVENT_ID } = yamlEvents();
  let depth = 0;
  for (let i = open; i < events.length; i++) {
    const type = (events[i] as Event).type;
    if (type === EVENT_ID.MAPPING || type === EVENT_ID.SEQUENCE) depth++;
    else if (type === EVENT_ID.POP && --depth === 0) return i;
  }
  return events.length;
}
