// Croissant's record sets as Dossier schemas, and its distribution as locations: a record set's
// fields (sub-fields as `parent.child`) with their data types, the file or file set they are read
// from (a FileSet's `includes` inside the FileObject it is contained in), and the splits a `cr:Split`
// record set lists. What a record set or field says that has no place is named once per key.

import { isRecord } from '../model/kinds.js';
import { dossierType, localName } from './croissant-vocabulary.js';
import { strings, text, UnreadKeys, WEB_URL, type Json } from './mapping.js';

export interface Location {
  kind: 'FileObject' | 'FileSet';
  uri: string;
  format?: string;
  /** The `@id` of the FileObject or FileSet. */
  id: string;
  sha256?: string;
}

export interface RecordSet {
  id: string;
  name: string;
  description: string | undefined;
  fields: { name: string; type: string; description?: string }[];
  /** Where its fields are read from: the first file or file set a field's source names. */
  location: Location | undefined;
}

const MAPPED_RECORD_SET_KEYS = new Set(['@type', '@id', 'name', 'description', 'field', 'dataType', 'data', 'key']);
const MAPPED_FIELD_KEYS = new Set(['@type', '@id', 'name', 'description', 'dataType', 'source', 'subField']);

const listOf = (value: unknown): Json[] => (Array.isArray(value) ? value : [value]).filter(isRecord);
const isA = (item: Json, type: string) => strings(item['@type']).some((term) => localName(term) === type);
const idOf = (item: Json) => text(item['@id']) ?? text(item.name);

/**
 * Each FileObject and FileSet of the distribution as a location: a relative `contentUrl` or a
 * FileSet's `includes` is resolved against the FileObject it is `containedIn` (`repo` + `data/*.parquet`).
 */
export function locationsOf(distribution: unknown): Map<string, Location> {
  const files = listOf(distribution);
  const byId = new Map(files.flatMap((item) => (idOf(item) === undefined ? [] : [[idOf(item) as string, item] as const])));
  const locations = new Map<string, Location>();
  for (const item of files) {
    const id = idOf(item);
    const path = isA(item, 'FileSet') ? strings(item.includes).join(' ') : text(item.contentUrl);
    if (id === undefined || path === undefined || path === '') continue;
    const container = strings(isRecord(item.containedIn) ? item.containedIn['@id'] : undefined)[0];
    const base = container === undefined ? undefined : text(byId.get(container)?.contentUrl);
    const uri =
      base !== undefined && !WEB_URL.test(path) && !/^[a-z][a-z0-9+.-]*:/i.test(path) ? `${base.replace(/\/$/, '')}/${path}` : path;
    const format = text(item.encodingFormat);
    const sha256 = text(item.sha256);
    locations.set(id, {
      kind: isA(item, 'FileSet') ? 'FileSet' : 'FileObject',
      id,
      uri,
      ...(format === undefined ? {} : { format }),
      ...(sha256 === undefined ? {} : { sha256 }),
    });
  }
  return locations;
}

/** The FileObject or FileSet a field's `source` names. */
function sourceId(field: Json): string | undefined {
  const source = isRecord(field.source) ? field.source : {};
  for (const key of ['fileObject', 'fileSet', 'cr:fileObject', 'cr:fileSet']) {
    const ref = source[key];
    if (isRecord(ref) && typeof ref['@id'] === 'string') return ref['@id'];
  }
  return undefined;
}

/** A set's fields by their names in the set (`passengers/name` is `name`), sub-fields as `parent.child`. */
function fieldsOf(set: Json, setName: string, where: string, report: Report): RecordSet['fields'] {
  const seen = new Set<string>();
  const walk = (fields: Json[], prefix: string): RecordSet['fields'] =>
    fields.flatMap((field) => {
      report.unread.add('recordSet[].field[]', field, MAPPED_FIELD_KEYS);
      const own = text(field.name) ?? text(field['@id']);
      if (own === undefined) return [];
      const name = `${prefix}${own.startsWith(`${setName}/`) ? own.slice(setName.length + 1) : own}`;
      if (seen.has(name)) {
        report.line(`${where}: field \`${name}\` (named twice)`);
        return [];
      }
      seen.add(name);
      const description = text(field.description);
      const type = dossierType(field.dataType, `${where}: field ${name}`, report.warnings);
      const sub = field.subField === undefined ? [] : walk(listOf(field.subField), `${name}.`);
      return [
        { name, type: sub.length > 0 && type === 'unknown' ? 'struct' : type, ...(description === undefined ? {} : { description }) },
        ...sub,
      ];
    });
  return walk(listOf(set.field), '');
}

interface Report {
  unread: UnreadKeys;
  line: (line: string) => void;
  warnings: string[];
}

export interface RecordSets {
  data: RecordSet[];
  splits: { name: string }[];
}

/** The record sets with data (each its own schema) and the splits `cr:Split` record sets list; inline `data` of others is reported. */
export function readRecordSets(
  value: unknown,
  locations: ReadonlyMap<string, Location>,
  file: string,
  unmapped: string[],
  warnings: string[],
): RecordSets {
  const report: Report = { unread: new UnreadKeys(), line: (line) => unmapped.push(line), warnings };
  const sets = listOf(value);
  const splitSets = sets.filter((set) => strings(set.dataType).some((type) => localName(type) === 'Split'));
  const splits = splitSets.flatMap((set) =>
    // One split is often one record, not a list of one (`"data": {"default_splits/split_name": "train"}`).
    listOf(set.data).flatMap((row) => {
      const name = Object.values(row).find((cell): cell is string => typeof cell === 'string');
      return name === undefined ? [] : [{ name }];
    }),
  );
  const data = sets
    .filter((set) => !splitSets.includes(set))
    .flatMap((set) => {
      report.unread.add('recordSet[]', set, MAPPED_RECORD_SET_KEYS);
      const id = idOf(set);
      if (id === undefined) return [];
      const name = text(set.name) ?? id;
      const where = `${file}: recordSet \`${name}\``;
      if (set.data !== undefined)
        unmapped.push(`${where}: data (${Array.isArray(set.data) ? set.data.length : 1} inline records; records are data, not metadata)`);
      const source = listOf(set.field)
        .map(sourceId)
        .find((ref) => ref !== undefined);
      return [
        {
          id,
          name,
          description: text(set.description),
          fields: fieldsOf(set, name, where, report),
          location: source === undefined ? undefined : locations.get(source),
        },
      ];
    });
  report.unread.reportTo(file, unmapped);
  return { data, splits };
}
