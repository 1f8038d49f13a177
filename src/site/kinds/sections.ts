// The building blocks of an entity page's kind-specific part: sections of facts, prose and tables,
// plain data for the `entity` template, and typed access to the spec fields a view reads.

import type { CatalogReader } from '../../catalog/catalog.js';
import { resolvedTarget, targetsOf } from '../../catalog/queries.js';
import type { Entity } from '../../model/entity.js';
import { isRecord } from '../../model/kinds.js';
import { renderMarkdown } from '../markdown.js';
import { entityPath } from '../urls.js';

export interface Cell {
  text: string;
  path?: string;
  code?: boolean;
  pill?: string;
  numeric?: boolean;
  svg?: string;
}

export interface Fact {
  label: string;
  value: string;
  path?: string;
  code?: boolean;
}

/** A table's column header; numeric columns are right-aligned, header and cells alike. */
export interface Column {
  label: string;
  numeric: boolean;
}

export interface Section {
  heading: string;
  html?: string;
  facts?: Fact[];
  table?: { columns: Column[]; rows: Cell[][]; more?: string };
  empty?: string;
}

/** What one kind's page shows beyond the parts every entity page has. */
export type KindView = (catalog: CatalogReader, entity: Entity) => Section[];

/**
 * The fields of a mapping that a view reads. Keys are checked by the compiler; values stay as
 * written, because invalid entities are shown too and every value is displayed through `text`.
 */
export type Fields<Key extends string> = Partial<Record<Key, unknown>>;

export function fields<Key extends string>(value: unknown): Fields<Key> {
  // Sound: every key of a mapping is optional and unknown; TypeScript cannot see it for a generic Key.
  return isRecord(value) ? (value as Fields<Key>) : {};
}

export function records<Key extends string>(value: unknown): Fields<Key>[] {
  return list(value)
    .filter(isRecord)
    .map((item) => fields<Key>(item));
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

const MAX_ROWS = 100;

export function text(value: unknown): string {
  return value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
}

/** A flag as people read it; undefined when the field is absent. */
export function yesNo(value: unknown): string | undefined {
  return value === undefined ? undefined : value ? 'yes' : 'no';
}

/** The defined values, as text, joined. */
export function joined(values: readonly unknown[], separator: string): string {
  return values
    .filter((x) => x !== undefined)
    .map(text)
    .join(separator);
}

export function link(entity: Entity): Cell {
  return { text: entity.version === undefined ? entity.name : `${entity.name}@${entity.version}`, path: entityPath(entity) };
}

export type FactEntry = [string, unknown, { path?: string; code?: boolean }?];

export function facts(entries: FactEntry[]): Fact[] {
  return entries
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([label, value, options]) => ({ label, value: text(value), ...options }));
}

const isEmpty = (cell: Cell | undefined) => cell === undefined || (cell.text === '' && cell.svg === undefined && cell.path === undefined);

/**
 * A table of rows, at most `MAX_ROWS` of them, and how many more there are of `total`. A column empty
 * in every row shown is left out (a split without sizes has no Bytes column); a column whose cells
 * are all numbers is numeric.
 */
export function table(labels: string[], rows: Cell[][], noun = 'rows', total = rows.length): Section['table'] {
  const shown = rows.length > MAX_ROWS ? rows.slice(0, MAX_ROWS) : rows;
  const kept = labels.flatMap((label, index) =>
    index > 0 && shown.length > 0 && shown.every((row) => isEmpty(row[index])) ? [] : [index],
  );
  const columns = kept.map((index) => ({
    label: labels[index] ?? '',
    numeric: shown.length > 0 && shown.every((row) => row[index]?.numeric === true || isEmpty(row[index])),
  }));
  const cells = kept.length === labels.length ? shown : shown.map((row) => kept.map((index) => row[index] ?? { text: '' }));
  return total > cells.length
    ? { columns, rows: cells, more: `${String(total - cells.length)} more ${noun} not shown.` }
    : { columns, rows: cells };
}

/** A table section, or none when there are no rows. */
export function tableSection(heading: string, columns: string[], rows: Cell[][], noun?: string): Section[] {
  return rows.length === 0 ? [] : [{ heading, table: table(columns, rows, noun) }];
}

/** A section of Markdown, or none when the field is empty. */
export function prose(heading: string, value: unknown): Section[] {
  const html = renderMarkdown(value);
  return html === '' ? [] : [{ heading, html }];
}

/** A fact naming the first entity the relation points to, linked. */
export function relatedFact(catalog: CatalogReader, entity: Entity, type: string, label: string): FactEntry {
  const [target] = targetsOf(catalog, entity, type);
  return target === undefined ? [label, undefined] : [label, link(target).text, { path: entityPath(target) }];
}

export function entitiesTable(
  entities: readonly Entity[],
  extra: (e: Entity) => Cell[] = () => [],
  extraColumns: string[] = [],
): Section['table'] {
  // Only the rows shown are made: a dataset's thousand daily versions each list the others.
  return table(
    ['Name', 'Kind', 'Lifecycle', ...extraColumns],
    entities
      .slice(0, MAX_ROWS)
      .map((e) => [link(e), { text: e.kind }, { text: e.lifecycle, pill: `lifecycle-${e.lifecycle}` }, ...extra(e)]),
    'entities',
    entities.length,
  );
}

/** The entity a reference at `pointer` resolved to, if it did. */
export function resolvedEntity(catalog: CatalogReader, entity: Entity, pointer: readonly string[]): Entity | undefined {
  const target = resolvedTarget(catalog, entity, pointer);
  return target === undefined ? undefined : catalog.get(target);
}
