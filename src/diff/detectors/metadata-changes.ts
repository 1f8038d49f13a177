// Owner, description, tags, and every other field that changed that no other detector describes.

import { code, coveredBy, fieldsUnder, isUnder, type Detector, type DetectedChange, type EntityPair } from '../detector.js';
import type { FieldChange } from '../field-changes.js';
import { isRecord } from '../../model/kinds.js';
import { stableStringify } from '../../ground/stable-json.js';
import { countOf } from '../../ground/count-noun.js';

/** The changed fields by name (`spec.task`, `spec.framework`), the first few, then how many more. */
function fieldNames(paths: readonly string[]): string {
  const shown = paths.slice(0, 3).map((p) => `\`${p}\``);
  return paths.length > shown.length ? `${shown.join(', ')} and ${countOf(paths.length - shown.length, 'more field')}` : shown.join(', ');
}

function describeField(field: FieldChange): string[] {
  const before = field.before ?? [];
  const after = field.after ?? [];
  if (!isRecordList(before) || !isRecordList(after)) return [`\`${field.path}\`: ${code(field.before)} → ${code(field.after)}`];
  const key = (item: Record<string, unknown>) => stableStringify(item, 0);
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  return [
    ...after.filter((item) => !had.has(key(item))).map((item) => `\`${field.path}\` added: ${row(item)}`),
    ...before.filter((item) => !has.has(key(item))).map((item) => `\`${field.path}\` removed: ${row(item)}`),
  ];
}

function isRecordList(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.every(isRecord);
}

/** An object as a row: `by \`model-risk\`, date \`2024-07-01\``. */
function row(item: Record<string, unknown>): string {
  return Object.entries(item)
    .map(([name, value]) => `${name} ${code(value)}`)
    .join(', ');
}

export const detectMetadataChanges: Detector = (pair) => {
  if (pair.base === undefined || pair.head === undefined || pair.fields.length === 0) return [];
  const changes: DetectedChange[] = [];
  const owner = fieldsUnder(pair, 'metadata.owner')[0];
  if (owner !== undefined)
    changes.push({
      id: 'owner-changed',
      level: 'info',
      title: `Owner of \`${pair.identity}\` changed: ${code(owner.before)} → ${code(owner.after)}.`,
      field: 'metadata.owner',
      before: owner.before,
      after: owner.after,
    });
  if (fieldsUnder(pair, 'metadata.description').length > 0)
    changes.push({
      id: 'description-changed',
      level: 'info',
      title: `Description of \`${pair.identity}\` changed.`,
      field: 'metadata.description',
    });
  const tags = fieldsUnder(pair, 'metadata.tags')[0];
  if (tags !== undefined)
    changes.push({
      id: 'tags-changed',
      level: 'info',
      title: `Tags of \`${pair.identity}\` changed: ${code(tags.before ?? [])} → ${code(tags.after ?? [])}.`,
      field: 'metadata.tags',
    });
  return changes;
};

/**
 * Every field change no other change describes (a Model's task, a feature's lifecycle, a metric's
 * threshold), so that a diff never says less than what changed.
 */
export function detectOtherFields(pair: EntityPair, described: readonly DetectedChange[]): DetectedChange[] {
  const covered = coveredBy(described);
  const rest = pair.fields.filter((f) => !covered.some((prefix) => isUnder(f.path, prefix)));
  if (rest.length === 0) return [];
  return [
    {
      id: 'fields-changed',
      level: 'info',
      title: `\`${pair.identity}\`: ${fieldNames(rest.map((f) => f.path))} changed.`,
      details: rest.flatMap(describeField),
      covers: rest.map((f) => f.path),
    },
  ];
}
