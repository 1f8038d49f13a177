// The `features` of a Hugging Face dataset card's `dataset_info` (the `datasets` library's Features,
// written as YAML) as Dossier schema fields: a `struct` or a `list` of one keeps its sub-fields as
// `parent.child`, a sequence is `list<…>`, class labels name their classes.

import { isRecord } from '../model/kinds.js';
import { text, type Json } from './mapping.js';

export interface SchemaField {
  name: string;
  type: string;
  description?: string;
}

/** The sub-features of a `struct` or a `list` of one: the YAML the `datasets` library writes lists them as `{name, dtype}`. */
function subFeatures(value: unknown): Json[] | undefined {
  return Array.isArray(value) ? value.filter(isRecord) : undefined;
}

/** A feature's type: `string`, `int64`, `class_label`, `list<string>`, `struct`, `list<struct>`. */
function featureType(feature: Json): string {
  const dtype = feature.dtype;
  if (typeof dtype === 'string') return dtype;
  if (isRecord(dtype)) {
    if (isRecord(dtype.class_label)) return 'class_label';
    return Object.keys(dtype)[0] ?? 'struct';
  }
  for (const key of ['sequence', 'list'] as const) {
    const item = feature[key];
    if (typeof item === 'string') return `list<${item}>`;
    if (subFeatures(item) !== undefined) return 'list<struct>';
    // An item written as a feature without a name: `{dtype: string}`, or a class label directly.
    if (isRecord(item)) return `list<${isRecord(item.class_label) ? 'class_label' : featureType(item)}>`;
  }
  if (subFeatures(feature.struct) !== undefined) return 'struct';
  return 'unknown';
}

function classNames(feature: Json): string | undefined {
  const dtype = isRecord(feature.dtype) ? feature.dtype : undefined;
  const names = isRecord(dtype?.class_label) ? dtype.class_label.names : undefined;
  const values = Array.isArray(names) ? names : isRecord(names) ? Object.values(names) : [];
  return values.length === 0 ? undefined : `Classes: ${values.map(String).join(', ')}`;
}

/** The features as fields, nested ones after their parent as `parent.child` (a list's items' fields too). */
export function schemaFields(features: unknown, prefix = ''): SchemaField[] {
  return (Array.isArray(features) ? features : []).filter(isRecord).flatMap((feature) => {
    const name = text(feature.name);
    if (name === undefined) return [];
    const description = classNames(feature);
    const field: SchemaField = {
      name: `${prefix}${name}`,
      type: featureType(feature),
      ...(description === undefined ? {} : { description }),
    };
    const nested = subFeatures(feature.struct) ?? subFeatures(feature.list) ?? subFeatures(feature.sequence);
    return [field, ...(nested === undefined ? [] : schemaFields(nested, `${field.name}.`))];
  });
}
