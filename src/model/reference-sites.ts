// Where references sit in each kind's documents, read once from the schemas' `x-dossier-reference`
// annotations, so the schemas stay the single description of every field.

import { isRecord } from './kinds.js';

/** A reference site declared in a schema with `x-dossier-reference`. */
export interface ReferenceAnnotation {
  /** Kind slug the field takes, or `*` for "the referring entity's kind unless the reference says". */
  kind: string;
  relation: string;
  inverse: string;
  acyclic?: boolean;
}

export interface CollectedReference {
  /** JSON pointer segments of the reference string inside the document. */
  pointer: string[];
  text: string;
  annotation: ReferenceAnnotation;
}

/** The parts of a schema that lead to references; everything else is pruned. */
export interface ReferenceTemplate {
  annotation?: ReferenceAnnotation;
  properties?: Map<string, ReferenceTemplate>;
  items?: ReferenceTemplate;
}

type SchemaLoader = (file: string) => Record<string, unknown>;

/** Builds the template of a kind schema, following `$ref`s into shared schema files. */
export function referenceTemplate(schema: Record<string, unknown>, file: string, load: SchemaLoader): ReferenceTemplate | undefined {
  return templateOf(schema, { file, root: schema }, load, new Set());
}

interface SchemaDocument {
  file: string;
  root: Record<string, unknown>;
}

/** Relation name -> inverse name, from every annotation in the templates. */
export function relationInverses(templates: Iterable<ReferenceTemplate | undefined>): Map<string, string> {
  const inverses = new Map<string, string>();
  const visit = (template: ReferenceTemplate | undefined) => {
    if (template === undefined) return;
    if (template.annotation) inverses.set(template.annotation.relation, template.annotation.inverse);
    for (const child of template.properties?.values() ?? []) visit(child);
    visit(template.items);
  };
  for (const template of templates) visit(template);
  return inverses;
}

function isReferenceAnnotation(value: unknown): value is ReferenceAnnotation {
  return (
    isRecord(value) &&
    typeof value.kind === 'string' &&
    typeof value.relation === 'string' &&
    typeof value.inverse === 'string' &&
    (value.acyclic === undefined || typeof value.acyclic === 'boolean')
  );
}

function templateOf(node: unknown, document: SchemaDocument, load: SchemaLoader, visiting: Set<unknown>): ReferenceTemplate | undefined {
  if (!isRecord(node) || visiting.has(node)) return undefined;
  visiting.add(node);
  const template: ReferenceTemplate = {};
  if (typeof node.$ref === 'string') {
    const [target, targetDocument] = resolveRef(node.$ref, document, load);
    merge(template, templateOf(target, targetDocument, load, visiting));
  }
  const annotation = node['x-dossier-reference'];
  if (isReferenceAnnotation(annotation)) template.annotation = annotation;
  if (isRecord(node.properties)) {
    for (const [key, child] of Object.entries(node.properties)) {
      const sub = templateOf(child, document, load, visiting);
      if (sub !== undefined) (template.properties ??= new Map()).set(key, sub);
    }
  }
  const items = templateOf(node.items, document, load, visiting);
  if (items !== undefined) template.items = items;
  visiting.delete(node);
  return template.annotation || template.properties || template.items ? template : undefined;
}

function merge(into: ReferenceTemplate, from: ReferenceTemplate | undefined): void {
  if (from === undefined) return;
  if (from.annotation) into.annotation = from.annotation;
  if (from.items) into.items = from.items;
  for (const [key, sub] of from.properties ?? []) (into.properties ??= new Map()).set(key, sub);
}

function resolveRef(ref: string, document: SchemaDocument, load: SchemaLoader): [unknown, SchemaDocument] {
  const [file, fragment = ''] = ref.split('#');
  const target = file === '' || file === undefined ? document : { file, root: load(file) };
  let node: unknown = target.root;
  for (const segment of fragment.split('/').filter((s) => s !== '')) node = isRecord(node) ? node[segment] : undefined;
  return [node, target];
}

/** Every reference string in `value` that the template marks, in document order. */
export function collectReferences(value: unknown, template: ReferenceTemplate | undefined): CollectedReference[] {
  const found: CollectedReference[] = [];
  // One path stack for the whole walk; a pointer is copied only when a reference is found.
  const path: string[] = [];
  const walk = (node: unknown, at: ReferenceTemplate) => {
    if (at.annotation && typeof node === 'string') found.push({ pointer: [...path], text: node, annotation: at.annotation });
    if (at.properties && isRecord(node)) {
      for (const key of Object.keys(node)) {
        const sub = at.properties.get(key);
        if (sub === undefined) continue;
        path.push(key);
        walk(node[key], sub);
        path.pop();
      }
    }
    if (at.items && Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        path.push(String(index));
        walk(node[index], at.items);
        path.pop();
      }
    }
  };
  if (template !== undefined) walk(value, template);
  return found;
}
