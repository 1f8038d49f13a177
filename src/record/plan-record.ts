// Where recorded entities go and what the files say afterwards. An entity that exists is updated in
// place, only for the fields the input gives, keeping the file's comments, key order and style (the
// `yaml` package's Document API); a new one goes where its siblings are kept (next to the other
// versions of its model, in the same multi-document file if that is how they are kept), else into
// `dossier init`'s layout.

import path from 'node:path';
import { parseAllDocuments, type Document } from 'yaml';
import type { CatalogReader } from '../catalog/catalog.js';
import { targetsOf } from '../catalog/queries.js';
import { pathSegment } from '../ground/path-segment.js';
import type { Entity } from '../model/entity.js';
import { isRecord } from '../model/kinds.js';
import { referencedName, spelledOut } from '../model/reference.js';
import { mergeInto, newDocumentText, sameValue, YAML_OUTPUT } from '../source/yaml-edit.js';
import { keepCommentSpacing } from '../source/kept-spacing.js';

export type RecordAction = 'added' | 'updated' | 'unchanged';

export interface RecordedEntity {
  identity: string;
  action: RecordAction;
  /** Display path of the file it is in. */
  file: string;
}

export interface RecordPlan {
  entities: RecordedEntity[];
  /** New text of every file that changes, by display path; files that do not change are absent. */
  files: Map<string, string>;
  /** Why the record was refused (e.g. training data of an existing version would change). */
  refusals: string[];
}

export interface PlanOptions {
  catalog: CatalogReader;
  /** The text of a repository file, by display path. */
  readText: (file: string) => string | undefined;
  /** Display path of a file at a path relative to the metadata root, for new files. */
  newFile: (fromRoot: string) => string;
  /** Allow a model version's training data to change. */
  replace: boolean;
}

/** The document as the input wrote it: apiVersion, kind, metadata, spec. */
function documentOf(entity: Entity): Record<string, unknown> {
  return { apiVersion: 'dossier/v1', kind: entity.kind, metadata: entity.metadata, spec: entity.spec };
}

/** The files (and their documents) that hold a kind of entity related to this one. */
interface Placement {
  /** Append to this file as one more document. */
  append?: string;
  /** Or create this file, relative to the metadata root or as a display path. */
  create?: { fromRoot?: string; display?: string };
}

/** Where a new entity goes, given entities of the same kind kept together with it. */
function besideSiblings(siblings: readonly Entity[], entity: Entity, catalog: CatalogReader, fallback: string): Placement {
  const newest = [...siblings].sort((a, b) => (a.source.file < b.source.file ? 1 : -1))[0];
  if (newest === undefined) return { create: { fromRoot: fallback } };
  const documentsInFile = catalog.entities.filter((e) => e.source.file === newest.source.file).length;
  if (documentsInFile > 1) return { append: newest.source.file };
  const folder = path.posix.dirname(newest.source.file);
  const base = path.posix.basename(newest.source.file);
  const named =
    newest.version !== undefined && entity.version !== undefined && base.includes(newest.version)
      ? base.replace(newest.version, pathSegment(entity.version))
      : `${pathSegment(entity.name)}${entity.version === undefined ? '' : `-${pathSegment(entity.version)}`}.yaml`;
  return { create: { display: folder === '.' ? named : `${folder}/${named}` } };
}

/** The model a version, evaluation or deployment belongs to, by name. */
function modelNameOf(entity: Entity, catalog: CatalogReader, recorded: readonly Entity[]): string {
  if (entity.kind === 'Model') return entity.name;
  if (entity.kind === 'ModelVersion') return referencedName(entity.spec.model) ?? entity.name;
  const versionRef = referencedName(entity.spec.modelVersion);
  const version =
    recorded.find((e) => e.kind === 'ModelVersion' && e.name === versionRef) ??
    catalog.entities.find((e) => e.kind === 'ModelVersion' && e.name === versionRef);
  return version === undefined ? (versionRef ?? entity.name) : modelNameOf(version, catalog, recorded);
}

function placementOf(entity: Entity, catalog: CatalogReader, recorded: readonly Entity[]): Placement {
  const model = pathSegment(modelNameOf(entity, catalog, recorded));
  const own = `${pathSegment(entity.name)}${entity.version === undefined ? '' : `-${pathSegment(entity.version)}`}.yaml`;
  switch (entity.kind) {
    case 'ModelVersion':
    case 'Dataset': {
      const siblings = catalog.versionsOf(entity.groupKey).filter((e) => e.origin === undefined);
      const folder = entity.kind === 'Dataset' ? 'datasets' : `models/${model}`;
      return besideSiblings(siblings, entity, catalog, `${folder}/${own}`);
    }
    case 'Evaluation':
    case 'Deployment': {
      // Beside the same kind for the same model: its other evaluations, or its other deployments.
      const relation = entity.kind === 'Evaluation' ? 'evaluates' : 'deploys';
      const siblings = catalog.entities.filter(
        (e) =>
          e.kind === entity.kind &&
          e.origin === undefined &&
          targetsOf(catalog, e, relation).some((v) => modelNameOf(v, catalog, recorded) === modelNameOf(entity, catalog, recorded)),
      );
      return besideSiblings(siblings, entity, catalog, `models/${model}/${own}`);
    }
    case 'Model':
    case 'RuntimeConfig':
      return { create: { fromRoot: `models/${model}/${own}` } };
    case 'FeatureView':
      return { create: { fromRoot: `features/${own}` } };
    case 'Team':
      return { create: { fromRoot: `teams/${own}` } };
    case 'Term':
      return { create: { fromRoot: `glossary/${own}` } };
  }
}

/** A version's training datasets, each reference spelled out: `events@1` and `dataset:default/events@1` are one dataset. */
function trainingData(entity: Entity): unknown {
  const datasets = isRecord(entity.spec.training) ? entity.spec.training.datasets : undefined;
  if (!Array.isArray(datasets)) return datasets;
  return datasets.map((item: unknown) =>
    isRecord(item) && typeof item.ref === 'string' ? { ...item, ref: spelledOut(item.ref, 'dataset', entity.namespace) ?? item.ref } : item,
  );
}

export function planRecord(recorded: readonly Entity[], options: PlanOptions): RecordPlan {
  const { catalog } = options;
  const plan: RecordPlan = { entities: [], files: new Map(), refusals: [] };
  /** Parsed documents of every file touched, by display path, edited in place until the end. */
  const edited = new Map<string, { documents: Document[]; changed: boolean; original: string }>();
  const documentsOf = (file: string) => {
    let entry = edited.get(file);
    if (entry === undefined) {
      const original = options.readText(file) ?? '';
      entry = { documents: parseAllDocuments(original), changed: false, original };
      edited.set(file, entry);
    }
    return entry;
  };

  for (const entity of recorded) {
    const existing = catalog.get(entity.identity);
    if (existing !== undefined && existing.origin === undefined) {
      const input = trainingData(entity);
      const sameTraining = input !== undefined && sameValue(trainingData(existing), input);
      if (existing.kind === 'ModelVersion' && input !== undefined && !sameTraining && !options.replace) {
        plan.refusals.push(
          `${entity.identity} exists with other training data: its metadata would no longer describe the artifact that was trained. Record a new version, or pass --replace to rewrite it.`,
        );
        continue;
      }
      const entry = documentsOf(existing.source.file);
      const document = entry.documents[existing.source.document];
      const recorded = documentOf(entity);
      // The same training data spelled another way keeps the file's spelling: it is no change.
      if (sameTraining && isRecord(existing.spec.training) && isRecord(entity.spec.training))
        recorded.spec = { ...entity.spec, training: { ...entity.spec.training, datasets: existing.spec.training.datasets } };
      const changed = document === undefined ? false : mergeInto(document, [], recorded);
      entry.changed ||= changed;
      plan.entities.push({ identity: entity.identity, action: changed ? 'updated' : 'unchanged', file: existing.source.file });
      continue;
    }
    const placement = placementOf(entity, catalog, recorded);
    const text = newDocumentText(documentOf(entity));
    if (placement.append !== undefined) {
      const entry = documentsOf(placement.append);
      const current = entry.documents.map((d) => d.toString(YAML_OUTPUT)).join('');
      const joined = `${current}${current.endsWith('\n') || current === '' ? '' : '\n'}---\n${text}`;
      entry.documents = parseAllDocuments(joined);
      entry.changed = true;
      plan.entities.push({ identity: entity.identity, action: 'added', file: placement.append });
      continue;
    }
    const file = placement.create?.display ?? options.newFile(placement.create?.fromRoot ?? '');
    const entry = documentsOf(file);
    const current = entry.documents.map((d) => d.toString(YAML_OUTPUT)).join('');
    entry.documents = parseAllDocuments(current === '' ? text : `${current}${current.endsWith('\n') ? '' : '\n'}---\n${text}`);
    entry.changed = true;
    plan.entities.push({ identity: entity.identity, action: 'added', file });
  }

  for (const [file, entry] of edited) {
    if (!entry.changed) continue;
    const text = keepCommentSpacing(entry.original, entry.documents.map((d) => d.toString(YAML_OUTPUT)).join(''));
    if (text !== entry.original) plan.files.set(file, text);
  }
  return plan;
}
