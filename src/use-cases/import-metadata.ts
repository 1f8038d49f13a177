// `dossier import`: metadata other tools keep (Hugging Face cards, Croissant, MLflow) written as Dossier
// YAML into the repository --out is in. The whole repository decides what exists: an entity it defines
// anywhere is updated where it is (a Team or a Model a version needs is used as it is), and only new
// entities go into --out, laid out like `dossier init`'s folders: a model with its versions and
// evaluations in models/<model>.yaml, a dataset's versions in datasets/<dataset>.yaml. Re-import merges:
// fields from the source are updated, what people added (fields, documents, comments, key order) is
// kept. A file import did not write is never changed without --force, and nothing is written outside
// the repository.

import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { analyzeSources } from '../compile/compile-sources.js';
import { writeFileAtomicSync } from '../ground/atomic-write.js';
import { containmentIn, realTarget } from '../ground/contained-path.js';
import { compareStrings, type Diagnostic } from '../ground/diagnostics.js';
import { InputError, UsageError } from '../ground/errors.js';
import { pathSegment } from '../ground/path-segment.js';
import { importCroissant } from '../interop/croissant.js';
import { importDatasetCard } from '../interop/hf-dataset-card.js';
import { importModelCard } from '../interop/hf-model-card.js';
import { dossierDocument, dossierName, type Json, type Mapping } from '../interop/mapping.js';
import { modelVersionFromMlmodel } from '../interop/mlflow-model.js';
import { AUTO_FORMAT, formatOfSources, type ImportFormat } from '../interop/source-format.js';
import { importMlflowRegistry } from '../interop/mlflow-registry.js';
import { isRecord } from '../model/kinds.js';
import { DEFAULT_NAMESPACE, formatIdentity, referencedName } from '../model/reference.js';
import { mergeInto, blockDocumentText, sameValue, YAML_OUTPUT } from '../source/yaml-edit.js';
import { keepCommentSpacing } from '../source/kept-spacing.js';
import { readImportRepository } from './import-repository.js';
import { pushAll } from '../ground/collections.js';

export { IMPORT_FORMATS, type ImportFormat } from '../interop/source-format.js';

/** `dossier import auto`: the format is told by each input's content. */
export { AUTO_FORMAT } from '../interop/source-format.js';

/** What each format reads when given a folder. */
const FOLDER_FILE: Readonly<Record<ImportFormat, string | undefined>> = {
  'hf-model-card': 'README.md',
  'hf-dataset-card': 'README.md',
  croissant: 'metadata.json',
  'mlflow-model': 'MLmodel',
  'mlflow-registry': undefined,
};

/** What `auto` reads in a folder: the first of these it holds. */
const AUTO_FOLDER_FILES = ['MLmodel', 'metadata.json', 'README.md'];

function folderFileOf(folder: string): string | undefined {
  return AUTO_FOLDER_FILES.find((name) => {
    try {
      return statSync(path.join(folder, name)).isFile();
    } catch {
      return false;
    }
  });
}

/** The first line of every file import writes; import merges into such files and refuses others without --force. */
export const IMPORT_MARKER = '# Written by `dossier import`';

/** A task a mapping had to guess: it never replaces one a file already has. */
const PLACEHOLDER_TASK = 'unspecified';

export interface ImportOptions {
  cwd: string;
  /** The inputs' format, or `auto` to tell it by their content. */
  format: ImportFormat | typeof AUTO_FORMAT;
  inputs: readonly string[];
  /** The folder written into (absolute). */
  out: string;
  owner?: string | undefined;
  namespace?: string | undefined;
  /** The entity's name, where the source does not give one. */
  name?: string | undefined;
  version?: string | undefined;
  dryRun?: boolean;
  force?: boolean;
}

export type ImportAction = 'created' | 'updated' | 'unchanged';

export interface ImportedFile {
  /** Display path, relative to the working directory. */
  file: string;
  action: ImportAction;
  text: string;
  /** Identities of the entities the file holds from this import. */
  entities: string[];
}

export interface ImportResult {
  files: ImportedFile[];
  /** The loss report: every source field is mapped, not mapped (no place in Dossier's format) or dropped on purpose (why). */
  mapped: string[];
  unmapped: string[];
  dropped: string[];
  warnings: string[];
  /** Problems of the written documents (should the mapping produce something the schemas refuse). */
  problems: Diagnostic[];
  /** Files that exist, were not written by import, and would change: refused without --force. */
  refused: string[];
  written: boolean;
}

interface SourceFile {
  file: string;
  display: string;
  folderName: string;
  text: string;
}

// Inputs and outputs are many small files: read and written synchronously, which for a 10k-file
// import is about twice as fast as a round trip through libuv's threadpool for each.
function readInput(input: string, options: ImportOptions): SourceFile {
  const absolute = path.resolve(options.cwd, input);
  let file = absolute;
  try {
    if (statSync(absolute).isDirectory()) {
      const inside = options.format === AUTO_FORMAT ? folderFileOf(absolute) : FOLDER_FILE[options.format];
      if (inside === undefined)
        throw new InputError(
          options.format === AUTO_FORMAT
            ? `${input}: is a folder with none of ${AUTO_FOLDER_FILES.join(', ')}; name a file.`
            : `${input}: is a folder; ${options.format} reads files (JSON saved from the REST API).`,
        );
      file = path.join(absolute, inside);
    }
    const display = path.relative(options.cwd, file) || file;
    const text = readFileSync(file, 'utf8');
    return { file, display, folderName: path.basename(path.dirname(file)), text };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${input}: cannot read it: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
}

interface MappedSources extends Mapping {
  stubs: Json[];
  mapped: string[];
  dropped: string[];
  /** The inputs each document came from, for the header of the file it goes to. */
  origins: Map<Json, readonly string[]>;
}

function mapSources(sources: readonly SourceFile[], options: ImportOptions & { format: ImportFormat }): MappedSources {
  const common = { owner: options.owner, namespace: options.namespace };
  const merged: MappedSources = { documents: [], unmapped: [], warnings: [], stubs: [], mapped: [], dropped: [], origins: new Map() };
  let current: readonly string[] = sources.map((source) => source.display);
  const add = (mapping: Mapping) => {
    for (const document of mapping.documents) merged.origins.set(document, current);
    pushAll(merged.documents, mapping.documents);
    pushAll(merged.stubs, mapping.stubs ?? []);
    pushAll(merged.unmapped, mapping.unmapped);
    pushAll(merged.mapped, mapping.mapped ?? []);
    pushAll(merged.dropped, mapping.dropped ?? []);
    pushAll(merged.warnings, mapping.warnings);
  };
  if (options.format === 'mlflow-registry') {
    add(
      importMlflowRegistry(
        sources.map((source) => ({ file: source.display, text: source.text })),
        common,
      ),
    );
    return merged;
  }
  for (const source of sources) {
    const file = source.display;
    current = [file];
    switch (options.format) {
      case 'hf-model-card':
        add(importModelCard(source.text, { ...common, file, name: options.name, version: options.version, folderName: source.folderName }));
        break;
      case 'hf-dataset-card':
        add(importDatasetCard(source.text, { ...common, file, name: options.name, folderName: source.folderName }));
        break;
      case 'croissant':
        add(importCroissant(source.text, { ...common, file, name: options.name }));
        break;
      case 'mlflow-model': {
        if (options.version === undefined)
          throw new UsageError('mlflow-model needs --version: an MLmodel file does not say which version it is.');
        const model = dossierName(options.name ?? source.folderName);
        let mapped;
        try {
          mapped = modelVersionFromMlmodel(source.text, { model, version: options.version, owner: options.owner });
        } catch (error) {
          throw new InputError(`${file}: not an MLmodel file: ${(error as Error).message}.`);
        }
        const document = mapped.document;
        if (options.namespace !== undefined && isRecord(document.metadata)) document.metadata.namespace = options.namespace;
        const spec = isRecord(document.spec) ? document.spec : {};
        if (spec.signature === undefined)
          merged.warnings.push(`${file}: the MLmodel has no signature; the version's inputs and outputs stay unrecorded.`);
        add({
          documents: [document],
          unmapped: mapped.unmapped.map((field) => `${file}: ${field}`),
          mapped: mapped.mapped.map((field) => `${file}: ${field}`),
          warnings: [],
        });
        const artifact = isRecord(spec.artifact) ? spec.artifact : {};
        const flavor = typeof artifact.format === 'string' ? artifact.format.replace(/^mlflow\//, '') : undefined;
        merged.stubs.push(dossierDocument('Model', { name: model, ...common }, { task: PLACEHOLDER_TASK, framework: flavor }));
        break;
      }
    }
  }
  return merged;
}

/** `kind:namespace/name@version` of a document, as lint names entities; without the version, its group. */
function identityOf(document: Json, withVersion = true): string {
  const metadata = isRecord(document.metadata) ? document.metadata : {};
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : DEFAULT_NAMESPACE;
  const version = withVersion && typeof metadata.version === 'string' ? metadata.version : undefined;
  return formatIdentity(String(document.kind).toLowerCase(), namespace, String(metadata.name), version);
}

/**
 * Refuses an import in which two different documents have one identity: names are normalised to
 * Dossier's pattern (`My Model` and `my-model`, the Kelvin sign and `k`, two long names with one
 * prefix, two cards in folders of one name), and writing one of them would silently lose the other.
 * Renaming one is no way out: the other documents of its input refer to it by that name.
 */
function refuseCollisions(mapping: MappedSources): void {
  const first = new Map<string, Json>();
  const collisions: string[] = [];
  for (const document of mapping.documents) {
    const identity = identityOf(document);
    const earlier = first.get(identity);
    if (earlier === undefined) first.set(identity, document);
    else if (!sameValue(earlier, document)) {
      const inputs = [...new Set([...(mapping.origins.get(earlier) ?? []), ...(mapping.origins.get(document) ?? [])])];
      collisions.push(`  ${identity} comes from more than one source (${inputs.join(', ')})`);
    }
  }
  if (collisions.length > 0)
    throw new InputError(
      `two inputs map to one entity, and one would be lost; nothing was written:\n${[...new Set(collisions)].join('\n')}\n` +
        'Import them one at a time with --name (or --namespace), or rename one in its source.',
    );
}

/** The file of `dossier init`'s layout a document goes into, relative to --out. */
function layoutFile(document: Json): string {
  const metadata = isRecord(document.metadata) ? document.metadata : {};
  const spec = isRecord(document.spec) ? document.spec : {};
  const segment = (value: unknown) => pathSegment(referencedName(value) ?? 'unnamed');
  switch (document.kind) {
    case 'Model':
      return `models/${segment(metadata.name)}.yaml`;
    case 'ModelVersion':
      return `models/${segment(spec.model)}.yaml`;
    case 'Evaluation':
      return `models/${segment(spec.modelVersion)}.yaml`;
    case 'Dataset':
      return `datasets/${segment(metadata.name)}.yaml`;
    case 'Team':
      return `teams/${segment(metadata.name)}.yaml`;
    default:
      return `${pathSegment(String(document.kind).toLowerCase())}s/${segment(metadata.name)}.yaml`;
  }
}

/** A file's text, or undefined when there is none (read synchronously: most files import plans are new). */
function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * What an import writes only into a new entity, never over what an existing one says: the placeholder
 * task, and a dataset card's location, which is its Hub page guessed from the folder's name (a card
 * does not say its repository's id; the user's `s3://` location is the real one).
 */
function withoutPlaceholders(document: Json, format: ImportFormat): Json {
  const spec = isRecord(document.spec) ? { ...document.spec } : {};
  if (spec.task === PLACEHOLDER_TASK) delete spec.task;
  if (format === 'hf-dataset-card') delete spec.location;
  return { ...document, spec };
}

/**
 * Maps the inputs, plans each document into the repository (updated where it is defined, new ones
 * under --out), checks the result against the schemas, and writes it unless anything was refused.
 */
export function importMetadata(options: ImportOptions): ImportResult {
  const sources = options.inputs.map((input) => readInput(input, options));
  const format = formatOfSources(sources, options.format);
  const mapping = mapSources(sources, { ...options, format });
  const repository = readImportRepository(options.cwd, options.out);
  // Real paths, not only the text: a folder or file may be a link that leads out.
  const containments = new Map<string, (file: string) => boolean>();
  const confined = (folder: string, absolute: string, where: string) => {
    let isInside = containments.get(folder);
    if (isInside === undefined) containments.set(folder, (isInside = containmentIn(folder)));
    if (!isInside(absolute))
      throw new UsageError(
        `${path.relative(options.cwd, absolute)}: would be written outside ${where} (through a symbolic link or \`..\`); refused.`,
      );
    return path.relative(options.cwd, absolute);
  };
  if (options.owner !== undefined)
    mapping.stubs.push(dossierDocument('Team', { name: options.owner, namespace: options.namespace }, { type: 'team' }));

  // Documents by the file they go to: an entity the repository defines stays where it is, a new one goes under --out.
  const plan = new Map<string, { merge: { document: number; value: Json }[]; append: Json[]; entities: string[]; inputs: Set<string> }>();
  const planFor = (file: string, document: Json) => {
    let entry = plan.get(file);
    if (entry === undefined) plan.set(file, (entry = { merge: [], append: [], entities: [], inputs: new Set() }));
    for (const input of mapping.origins.get(document) ?? []) entry.inputs.add(input);
    return entry;
  };
  refuseCollisions(mapping);
  const seen = new Set<string>();
  for (const [document, isStub] of [
    ...mapping.documents.map((d) => [d, false] as const),
    ...mapping.stubs.map((d) => [d, true] as const),
  ]) {
    const identity = identityOf(document);
    // Only stubs (a Model or Team several inputs need) and identical documents are left out here.
    if (seen.has(identity)) continue;
    seen.add(identity);
    // A stub stands for an entity the import refers to: any version of it in the repository will do.
    if (isStub && repository.groups.has(identityOf(document, false))) continue;
    const at = repository.entities.get(identity);
    if (at !== undefined) {
      const entry = planFor(confined(repository.rootDir, path.resolve(options.cwd, at.file), 'the repository'), document);
      entry.merge.push({ document: at.document, value: withoutPlaceholders(document, format) });
      entry.entities.push(identity);
    } else {
      const entry = planFor(confined(options.out, path.resolve(options.out, layoutFile(document)), '--out'), document);
      entry.append.push(document);
      entry.entities.push(identity);
    }
  }

  const result: ImportResult = {
    files: [],
    mapped: [...new Set(mapping.mapped)],
    unmapped: [...new Set(mapping.unmapped)],
    dropped: [...new Set(mapping.dropped)],
    warnings: [...new Set(mapping.warnings)],
    problems: [],
    refused: [],
    written: false,
  };
  for (const [file, entry] of [...plan.entries()].sort(([a], [b]) => compareStrings(a, b))) {
    const original = readIfPresent(path.resolve(options.cwd, file));
    let text: string;
    const from = [...entry.inputs].map((input) => input.replace(/\s+/g, ' ')).join(', ');
    const header = `${IMPORT_MARKER} ${format}${from === '' ? '' : ` from ${from}`}. Re-importing merges: fields from the source are updated; fields, list items, documents and comments you add are kept.\n`;
    if (original === undefined) text = `${header}${entry.append.map(blockDocumentText).join('---\n')}`;
    else {
      const documents = parseAllDocuments(original);
      const broken = Array.isArray(documents) ? documents.find((document) => document.errors.length > 0)?.errors[0] : undefined;
      if (!Array.isArray(documents) || broken !== undefined)
        throw new InputError(
          `${file}: is not valid YAML${broken === undefined ? '' : ` (${broken.message.split('\n')[0] ?? ''})`}; fix it before importing into it.`,
        );
      for (const { document, value } of entry.merge) {
        const target = documents[document];
        if (target !== undefined) mergeInto(target, [], value, { keepListItems: true });
      }
      const current = documents.map((document) => document.toString(YAML_OUTPUT)).join('');
      const appended = entry.append.map(blockDocumentText);
      const merged =
        appended.length === 0 ? current : `${current}${current.endsWith('\n') || current === '' ? '' : '\n'}---\n${appended.join('---\n')}`;
      // The file's line endings are kept: a re-import of a CRLF file is not a change of every line.
      text = keepCommentSpacing(original, original.includes('\r\n') ? merged.replace(/\r?\n/g, '\r\n') : merged);
      if (text !== original && !original.startsWith(IMPORT_MARKER) && options.force !== true) result.refused.push(file);
    }
    const action: ImportAction = original === undefined ? 'created' : text === original ? 'unchanged' : 'updated';
    result.files.push({ file, action, text, entities: entry.entities });
    pushAll(
      result.problems,
      analyzeSources([{ file, text }]).diagnostics.filter((d) => d.severity === 'error'),
    );
  }
  if (result.refused.length > 0 || result.problems.length > 0 || options.dryRun === true) return result;
  const changed = result.files.filter((f) => f.action !== 'unchanged');
  try {
    for (const folder of new Set(changed.map((f) => path.dirname(path.resolve(options.cwd, f.file)))))
      mkdirSync(folder, { recursive: true });
    // A file that is a link (already confined to the repository) is written where it points: the link stays.
    for (const f of changed) writeFileAtomicSync(realTarget(path.resolve(options.cwd, f.file)), f.text);
  } catch (error) {
    // A folder on the way that is a link to nothing, a file where a folder goes, no permission.
    throw new UsageError(`Cannot write under ${options.out}: ${error instanceof Error ? error.message : String(error)}.`);
  }
  return { ...result, written: changed.length > 0 };
}
