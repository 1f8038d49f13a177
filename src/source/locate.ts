// Finds the YAML node behind a JSON pointer, so a problem found in plain data points at the right line.

import { EVENT_ID, getScalarValue, parseEvents, type Event } from 'js-yaml-5';
import type { Position, Range } from '../ground/diagnostics.js';
import { MAX_DEPTH } from './yaml-limits.js';
import { LineIndex } from './text-position.js';
import { documentSpans, isNodeEvent, nodeOffsets } from './yaml-events.js';

/** Whether a diagnostic points at a mapping key (e.g. an unknown field) or at the value under it. */
export type NodePart = 'key' | 'value';

interface Frame {
  isMapping: boolean;
  nextIndex: number;
  expectingKey: boolean;
  key: string | undefined;
  keyEvent: Event | undefined;
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
    if (this.#events === undefined) {
      try {
        this.#events = parseEvents(this.#text, { maxDepth: MAX_DEPTH });
      } catch {
        this.#events = [];
      }
      this.#spans = documentSpans(this.#events);
    }
    const span = this.#spans?.[documentIndex];
    if (span === undefined) return [0, 0];
    return this.#walk(span, pointer, part);
  }

  #walk([first, last]: [number, number], pointer: readonly string[], part: NodePart): [number, number] {
    const text = this.#text;
    const events = this.#events as Event[];
    const root = events[first + 1] as Event;
    let best = nodeOffsets(text, root);
    if (pointer.length === 0 || (root.type !== EVENT_ID.MAPPING && root.type !== EVENT_ID.SEQUENCE)) return best;
    // Only collections on the pointer's path are entered, so frame k stands for the first k segments.
    const stack: Frame[] = [newFrame(root)];

    for (let i = first + 2; i < last; i++) {
      const event = events[i] as Event;
      const top = stack[stack.length - 1];
      if (top === undefined || event.type === EVENT_ID.POP) return best;
      if (!isNodeEvent(event)) continue;
      const isCollection = event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE;
      if (top.isMapping && top.expectingKey) {
        top.key = event.type === EVENT_ID.SCALAR ? getScalarValue(text, event) : undefined;
        top.keyEvent = event;
        top.expectingKey = false;
        if (isCollection) i = skipCollection(events, i);
        continue;
      }
      const segment = top.isMapping ? top.key : String(top.nextIndex);
      if (segment !== pointer[stack.length - 1]) {
        if (isCollection) i = skipCollection(events, i);
        advance(top);
        continue;
      }
      const isLast = stack.length === pointer.length;
      best = nodeOffsets(text, isLast && part === 'key' && top.keyEvent !== undefined ? top.keyEvent : event);
      if (isLast || !isCollection) return best;
      stack.push(newFrame(event));
    }
    return best;
  }
}

function newFrame(event: Event): Frame {
  return { isMapping: event.type === EVENT_ID.MAPPING, nextIndex: 0, expectingKey: true, key: undefined, keyEvent: undefined };
}

function advance(frame: Frame): void {
  if (frame.isMapping) frame.expectingKey = true;
  else frame.nextIndex++;
}

/** Index of the POP that closes the collection opened at `open`. */
function skipCollection(events: readonly Event[], open: number): number {
  let depth = 0;
  for (let i = open; i < events.length; i++) {
    const type = (events[i] as Event).type;
    if (type === EVENT_ID.MAPPING || type === EVENT_ID.SEQUENCE) depth++;
    else if (type === EVENT_ID.POP && --depth === 0) return i;
  }
  return events.length;
}
