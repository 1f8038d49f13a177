// Edits to YAML files that keep what people wrote: comments, key order and flow style (the `yaml`
// package's Document API; js-yaml cannot keep comments). New documents are written in the compact
// style metadata files usually have.

import yaml from 'js-yaml';
import { Document, isAlias, isCollection, isMap, isNode, isPair, isScalar, isSeq, visit, type Alias, type Node, type YAMLSeq } from 'yaml';
import { isRecord } from '../model/kinds.js';
import { hasNamedItems, occurrenceKeys, type NamedItem } from '../model/named-items.js';

export const YAML_OUTPUT = { flowCollectionPadding: false, lineWidth: 0 } as const;

/** A value short enough for one flow line: not text over a line or with line breaks. */
function isShortScalar(node: unknown): boolean {
  return isScalar(node) && !(typeof node.value === 'string' && (node.value.length > 60 || node.value.includes('\n')));
}

/**
 * Lists and mappings of short plain values are written in flow style (`terms: [pii]`, `{ref: x, role:
 * train}`), as metadata files usually keep them; the rest in block style.
 */
export function compact(node: Node): Node {
  visit(node, {
    Collection(_key, collection) {
      collection.flow = collection.items.every((item) => (isPair(item) ? isShortScalar(item.value) : isShortScalar(item)));
    },
    // Versions are quoted, as FORMAT.md writes them: `version: "3"` must not read as a number.
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === 'version' && isScalar(pair.value) && typeof pair.value.value === 'string')
        pair.value.type = 'QUOTE_DOUBLE';
    },
  });
  return node;
}

// One document whose contents each new text replaces: a new Document builds its schema anew, which
// costs more than the text of a small entity.
let scratch: Document | undefined;

/** A new document's text, in the compact style. */
export function newDocumentText(value: Record<string, unknown>): string {
  scratch ??= new Document();
  const node = scratch.createNode(value);
  scratch.contents = isCollection(node) ? compact(node) : node;
  return scratch.toString(YAML_OUTPUT);
}

/**
 * A new document's text in block style, for files a tool writes whole (`dossier import`): js-yaml
 * writes it about four times faster than the Document API. Strings that would read as another type
 * (a version "3", a date) are quoted.
 */
export function blockDocumentText(value: Record<string, unknown>): string {
  return yaml.dump(value, { lineWidth: -1, noRefs: true, quotingType: '"' });
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Sets the fields `value` gives under `at`, mapping by mapping, and item by item in lists of named
 * items (see `mergeNamedItems`); what is already equal is not touched.
 * Anchors and aliases keep their meaning: an alias on the way is replaced by a copy of what it points
 * at (editing `b` of `b: *a` changes `b`, not `a`), and an alias elsewhere that points at what
 * changes keeps the old value (`terms: *t` when `tags: &t [pii]` is replaced).
 */
export interface MergeOptions {
  /**
   * Lists keep the items only the file has, and get the new ones appended (a re-import: the tag or
   * training dataset someone added by hand stays); else a list without names is replaced (a record).
   */
  keepListItems?: boolean;
}

export function mergeInto(document: Document, at: readonly (string | number)[], value: unknown, options: MergeOptions = {}): boolean {
  let node = document.getIn(at, true);
  const current: unknown = isNode(node) ? node.toJS(document) : node;
  if (sameValue(current, value)) return false;
  const byName = hasNamedItems(value) && hasNamedItems(current);
  if (options.keepListItems === true && !byName && Array.isArray(value) && Array.isArray(current) && isSeq(node)) {
    const added = value.filter((item) => !current.some((kept) => sameValue(kept, item)));
    if (added.length === 0) return false;
    keepAliasValues(document, at);
    for (const item of added) node.items.push(compact(document.createNode(item)));
    return true;
  }
  if (isAlias(node) && (isRecord(value) || byName)) {
    node = copyOfTarget(document, node);
    document.setIn(at, node);
  }
  if (isRecord(value) && isMap(node)) {
    let changed = false;
    for (const [key, child] of Object.entries(value)) changed = mergeInto(document, [...at, key], child, options) || changed;
    return changed;
  }
  if (byName && isSeq(node)) return mergeNamedItems(document, at, node, current, value, options);
  keepAliasValues(document, at);
  const replacement = compact(document.createNode(value));
  // A new value keeps the comments around the old one (`n_estimators: 700  # keep in sync`).
  if (isScalar(node) && isScalar(replacement)) {
    replacement.comment = node.comment;
    replacement.commentBefore = node.commentBefore;
    replacement.spaceBefore = node.spaceBefore;
  }
  document.setIn(at, replacement);
  return true;
}

/**
 * A list of named items (metrics, features, fields) merged item by item, matched by name and slice
 * (and occurrence, for a name the list repeats):
 * the fields and comments someone added to an item (a metric's threshold) stay, items only the file
 * has stay, and new items are appended.
 */
function mergeNamedItems(
  document: Document,
  at: readonly (string | number)[],
  list: YAMLSeq,
  current: NamedItem[],
  value: NamedItem[],
  options: MergeOptions,
): boolean {
  // A name repeated in the list (two metrics of one name and no slice) is matched occurrence by occurrence.
  const indexOf = new Map(occurrenceKeys(current).map((key, index) => [key, index]));
  const keys = occurrenceKeys(value);
  let changed = false;
  for (const [position, item] of value.entries()) {
    const index = indexOf.get(keys[position] as string);
    const was: Record<string, unknown> | undefined = index === undefined ? undefined : { ...current[index] };
    // A metric's confidence interval belongs to the value it was measured with: a new value without one drops it.
    if (
      index !== undefined &&
      was !== undefined &&
      'ci' in was &&
      !('ci' in item) &&
      'value' in item &&
      !sameValue(was.value, (item as Record<string, unknown>).value)
    ) {
      keepAliasValues(document, [...at, index, 'ci']);
      document.deleteIn([...at, index, 'ci']);
      changed = true;
    }
    if (index !== undefined) changed = mergeInto(document, [...at, index], item, options) || changed;
    else {
      keepAliasValues(document, at);
      list.items.push(compact(document.createNode(item)));
      changed = true;
    }
  }
  return changed;
}

/** The value an alias points at, as a node of its own (in the compact style, without anchors). */
function copyOfTarget(document: Document, alias: Alias): Node {
  const copy = document.createNode(alias.toJS(document));
  return isCollection(copy) ? compact(copy) : copy;
}

/**
 * Before the node at `at` is replaced: every alias that points at it, at a node inside it or at a
 * collection on its path (whose value the change alters too) is replaced by a copy of its current
 * value, so that it keeps it.
 */
function keepAliasValues(document: Document, at: readonly (string | number)[]): void {
  const changing = new Set<unknown>();
  for (let depth = 0; depth < at.length; depth++) {
    const path = at.slice(0, depth);
    let node = document.getIn(path, true);
    // An alias on the path is made a node of its own first: the change belongs to this place only.
    if (isAlias(node)) document.setIn(path, (node = copyOfTarget(document, node)));
    changing.add(node);
  }
  const replaced = document.getIn(at, true);
  if (isNode(replaced))
    visit(replaced, {
      Node(_key, node) {
        changing.add(node);
      },
    });
  visit(document, {
    Alias(_key, alias) {
      return changing.has(alias.resolve(document)) ? copyOfTarget(document, alias) : undefined;
    },
  });
}
