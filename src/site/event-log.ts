// The semantic history's events as the site holds them: in columns (each field's texts joined), not
// as ten thousand objects, with a fingerprint of each entity's events made once. A rebuild then
// reads the events of the pages it builds, and knows the others' unchanged by their fingerprints;
// the cache keeps the columns, which V8 reads back many times faster than objects.

import { contentHash } from '../ground/content-hash.js';
import { TextColumnReader, toTextColumn, type TextColumn } from '../engine/text-column.js';
import type { SiteEvent } from './changes.js';

const FIELDS = ['commit', 'date', 'author', 'entity', 'change', 'level', 'message'] as const satisfies readonly (keyof SiteEvent)[];

const ENTITY = FIELDS.indexOf('entity');
const COMMIT = FIELDS.indexOf('commit');

const columnOf = (texts: readonly string[]) => TextColumnReader.of(toTextColumn(texts)) as TextColumnReader;

/** Each entity's rows, in order. */
function rowsByEntity(entities: TextColumnReader): Map<string, number[]> {
  const rowsOf = new Map<string, number[]>();
  for (let row = 0; row < entities.length; row++) {
    const entity = entities.at(row);
    const rows = rowsOf.get(entity);
    if (rows === undefined) rowsOf.set(entity, [row]);
    else rows.push(row);
  }
  return rowsOf;
}

/** An event log as a cache keeps it: a column a field (in FIELDS' order), and each entity's fingerprint. */
export interface StoredEventLog {
  fields: TextColumn[];
  printed: TextColumn;
  prints: TextColumn;
}

export class EventLog {
  /** A reader a field, in FIELDS' order. */
  readonly #fields: TextColumnReader[];
  readonly #printed: TextColumnReader;
  readonly #prints: TextColumnReader;
  /** Each entity's rows, newest first; made when first asked for. */
  #rowsOf: Map<string, number[]> | undefined;
  #printOf: Map<string, string> | undefined;

  private constructor(fields: TextColumnReader[], printed: TextColumnReader, prints: TextColumnReader) {
    this.#fields = fields;
    this.#printed = printed;
    this.#prints = prints;
  }

  /** The log of these events, newest first. */
  static of(events: readonly SiteEvent[]): EventLog {
    const fields = FIELDS.map((field) => columnOf(events.map((event) => event[field])));
    const rowsOf = rowsByEntity(fields[ENTITY] as TextColumnReader);
    const prints = [...rowsOf.values()].map((rows) => contentHash(...rows.flatMap((row) => fields.map((field) => field.at(row)))));
    const log = new EventLog(fields, columnOf([...rowsOf.keys()]), columnOf(prints));
    log.#rowsOf = rowsOf;
    return log;
  }

  /** The log a stored one keeps; undefined when it is not one. */
  static fromStored(value: unknown): EventLog | undefined {
    const stored = value as Partial<StoredEventLog> | null;
    if (!Array.isArray(stored?.fields) || stored.fields.length !== FIELDS.length) return undefined;
    const fields = stored.fields.map((field) => TextColumnReader.of(field));
    const printed = TextColumnReader.of(stored.printed);
    const prints = TextColumnReader.of(stored.prints);
    const length = fields[0]?.length;
    if (
      printed === undefined ||
      prints?.length !== printed.length ||
      !fields.every((field): field is TextColumnReader => field !== undefined && field.length === length)
    )
      return undefined;
    return new EventLog(fields, printed, prints);
  }

  toStored(): StoredEventLog {
    return { fields: this.#fields.map((field) => field.column), printed: this.#printed.column, prints: this.#prints.column };
  }

  get length(): number {
    return this.#fields[0]?.length ?? 0;
  }

  /** The entity an event is of. */
  entityAt(row: number): string {
    return (this.#fields[ENTITY] as TextColumnReader).at(row);
  }

  /** Every event, newest first. */
  all(): SiteEvent[] {
    return Array.from({ length: this.length }, (_, row) => this.#event(row));
  }

  /**
   * The newest `count` commits that have events, newest first: where each one's rows start in the
   * log and where they end (a commit's events are together, in the order the history gave them).
   */
  newestCommits(count: number): { start: number; end: number }[] {
    const commits = this.#fields[COMMIT] as TextColumnReader;
    const found: { start: number; end: number }[] = [];
    for (let row = 0; row < commits.length; row++) {
      const last = found.at(-1);
      if (last !== undefined && commits.at(row) === commits.at(last.start)) last.end = row + 1;
      else if (found.length === count) break;
      else found.push({ start: row, end: row + 1 });
    }
    return found;
  }

  /** The events of rows `start` up to `end`, newest first. */
  between(start: number, end: number): SiteEvent[] {
    return Array.from({ length: Math.max(0, Math.min(end, this.length) - start) }, (_, at) => this.#event(start + at));
  }

  /** An entity's events, newest first. */
  ofEntity(identity: string): SiteEvent[] {
    this.#rowsOf ??= rowsByEntity(this.#fields[ENTITY] as TextColumnReader);
    return (this.#rowsOf.get(identity) ?? []).map((row) => this.#event(row));
  }

  /** A fingerprint of an entity's events: the same while they are the same; '' when it has none. */
  printOf(identity: string): string {
    if (this.#printOf === undefined) {
      this.#printOf = new Map();
      for (let at = 0; at < this.#printed.length; at++) this.#printOf.set(this.#printed.at(at), this.#prints.at(at));
    }
    return this.#printOf.get(identity) ?? '';
  }

  #event(row: number): SiteEvent {
    const [commit = '', date = '', author = '', entity = '', change = '', level = '', message = ''] = this.#fields.map((field) =>
      field.at(row),
    );
    return { commit, date, author, entity, change, level: level as SiteEvent['level'], message };
  }
}
