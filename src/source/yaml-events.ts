// Helpers over js-yaml's event stream: document boundaries and node offsets.

import type { Event } from 'js-yaml-5';
import { lazyModule } from '../ground/lazy-module.js';

/** js-yaml's event parser, loaded to place the first problem at a line: files without one never need it. */
export const yamlEvents = lazyModule<typeof import('js-yaml-5')>('js-yaml-5');

/** Index ranges [start, end] (inclusive) of each document's events, DOCUMENT to its closing POP. */
export function documentSpans(events: readonly Event[]): [number, number][] {
  const { EVENT_ID } = yamlEvents();
  const spans: [number, number][] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < events.length; i++) {
    const type = (events[i] as Event).type;
    if (type === EVENT_ID.DOCUMENT || type === EVENT_ID.MAPPING || type === EVENT_ID.SEQUENCE) {
      if (depth === 0) start = i;
      depth++;
    } else if (type === EVENT_ID.POP) {
      depth--;
      if (depth === 0) spans.push([start, i]);
    }
  }
  return spans;
}

/** Start and end offsets of a node event, quotes and block indicators included. */
export function nodeOffsets(text: string, event: Event): [number, number] {
  const { EVENT_ID, SCALAR_STYLE } = yamlEvents();
  switch (event.type) {
    case EVENT_ID.SCALAR: {
      let start = event.valueStart;
      let end = event.valueEnd;
      if (event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED) {
        start -= 1;
        end += 1;
      } else if (event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK) {
        // The nearest indicator before the content; scanning back only that far keeps locating linear
        // in files with many block scalars (lastIndexOf of the absent one would scan to the start).
        let indicator = start;
        while (indicator >= 0 && text[indicator] !== '|' && text[indicator] !== '>') indicator--;
        if (indicator !== -1) start = indicator;
        end = start + 1;
      }
      return [start, end];
    }
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE:
      return [event.start, event.start + 1];
    case EVENT_ID.ALIAS:
      return [event.anchorStart - 1, event.anchorEnd];
    default:
      return [0, 0];
  }
}

export function isNodeEvent(event: Event): boolean {
  const { EVENT_ID } = yamlEvents();
  return (
    event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE || event.type === EVENT_ID.SCALAR || event.type === EVENT_ID.ALIAS
  );
}
