// The pure core: source texts in, Catalog and diagnostics out. No file system, so git revisions compile alike.
// Two steps: analysing files (parse and validate, each file on its own) and linking the resulting
// entities into a Catalog (identities, references, cycles, rules).

import type { CompileResult } from '../catalog/catalog.js';
import type { Diagnostic } from '../ground/diagnostics.js';
import type { Entity } from '../model/entity.js';
import type { Ruleset } from '../rules/ruleset.js';
import { SourceLocator } from '../source/locate.js';
import { parseYaml } from '../source/parse-yaml.js';
import { pathTwinDiagnostics } from '../source/path-twins.js';
import type { SourceText } from '../source/project-files.js';
import { DocumentValidator } from '../validate/validate-document.js';
import type { Federation, Hub } from './federation-checks.js';
import { Linker } from './linker.js';
import type { LinkedFile } from './link-state.js';
import { hasSuppressions } from '../rules/apply-suppressions.js';
import { pushAll } from '../ground/collections.js';

export type { DependencyCatalog, Federation, Hub } from './federation-checks.js';

export interface CompileInput {
  sources: readonly SourceText[];
  /** Problems found before parsing (unreadable, binary, too large ...). */
  fileDiagnostics?: readonly Diagnostic[];
  /** Which rules run at which severity; without one, only schema, reference and file checks run. */
  ruleset?: Ruleset;
  /** Namespaces this repository defines and other repositories' catalogs (`namespaces`, `dependencies`). */
  federation?: Federation;
  /** For a hub: the catalogs merged into this one (`sources`), their entities as its own. */
  hub?: Hub;
  /**
   * Locators of file texts, by text, shared by compiles of many revisions (history): a file's YAML
   * events are parsed once while its text stays the same. Entries are added; the caller prunes.
   */
  locators?: Map<string, SourceLocator>;
}

/** What files say on their own, before entities are linked. */
export interface Analysis {
  entities: Entity[];
  diagnostics: Diagnostic[];
  /** The files whose text has suppression comments: linking reads no other text to apply them. */
  suppressing: string[];
}

let sharedValidator: DocumentValidator | undefined;

/** Parses and validates each file on its own. */
export function analyzeSources(sources: readonly SourceText[]): Analysis {
  sharedValidator ??= new DocumentValidator();
  const validator = sharedValidator;
  const diagnostics: Diagnostic[] = [];
  const entities: Entity[] = [];
  const suppressing: string[] = [];
  for (const { file, text } of sources) {
    if (hasSuppressions(text)) suppressing.push(file);
    const locator = new SourceLocator(text);
    const parsed = parseYaml(text, file, locator, 'dossier');
    pushAll(diagnostics, parsed.diagnostics);
    for (const document of parsed.documents) {
      const result = validator.validate({ file, document, locator });
      if (result.entity) entities.push(result.entity);
      pushAll(diagnostics, result.diagnostics);
    }
  }
  return { entities, diagnostics, suppressing };
}

/** The analyses of several files as one, in their order: what linking takes when files are analysed apart (caches, history). */
export function mergeAnalyses(parts: readonly Analysis[]): Analysis {
  return {
    entities: parts.flatMap((part) => part.entities),
    diagnostics: parts.flatMap((part) => part.diagnostics),
    suppressing: parts.flatMap((part) => part.suppressing),
  };
}

/** One file's analysis as linking takes it, its text taken (`text`) only when linking asks for it. */
export function linkedFileOf(analysis: Analysis, text: () => string | undefined): LinkedFile {
  return {
    get text() {
      return text();
    },
    entities: analysis.entities,
    diagnostics: analysis.diagnostics,
    suppressions: analysis.suppressing.length > 0,
  };
}

/**
 * The analysed files as linking takes them: each file's entities and own problems, and its text,
 * taken from its source only when linking asks (to place a problem, or to apply suppressions in a
 * file that has them): a rebuild's sources read a file only then.
 */
function linkedFiles(input: CompileInput, analysis: Analysis): Map<string, LinkedFile> {
  const suppressing = new Set(analysis.suppressing);
  const files = new Map<string, { source: SourceText | undefined; entities: Entity[]; diagnostics: Diagnostic[] }>();
  const fileOf = (file: string) => {
    let linked = files.get(file);
    if (linked === undefined) files.set(file, (linked = { source: undefined, entities: [], diagnostics: [] }));
    return linked;
  };
  for (const source of input.sources) fileOf(source.file).source = source;
  const twins = pathTwinDiagnostics(
    new Set([...input.sources.map((source) => source.file), ...(input.fileDiagnostics ?? []).map((d) => d.file)]),
  );
  for (const diagnostic of [...(input.fileDiagnostics ?? []), ...analysis.diagnostics, ...twins])
    fileOf(diagnostic.file).diagnostics.push(diagnostic);
  for (const entity of analysis.entities) fileOf(entity.source.file).entities.push(entity);
  const linked = new Map<string, LinkedFile>();
  for (const [file, { source, entities, diagnostics }] of files)
    linked.set(file, {
      get text() {
        return source?.text;
      },
      entities,
      diagnostics,
      suppressions: suppressing.has(file),
    });
  return linked;
}

function link(input: CompileInput, analysis: Analysis, incremental: boolean): { result: CompileResult; linker: Linker } {
  sharedValidator ??= new DocumentValidator();
  const linker = new Linker(
    { ...input, relationInverses: input.hub === undefined ? undefined : sharedValidator.relationInverses() },
    incremental,
  );
  const { result } = linker.link(linkedFiles(input, analysis));
  return { result: { ...result, fileCount: input.sources.length + (input.fileDiagnostics?.length ?? 0) }, linker };
}

/** Links analysed entities into a Catalog: duplicate identities, references, cycles, rule settings. */
export function linkAnalysis(input: CompileInput, analysis: Analysis): CompileResult {
  return link(input, analysis, false).result;
}

/** The same, by an incremental Linker whose state (`linker.state()`) a cache keeps to go on from in the next run. */
export function linkResumable(input: CompileInput, analysis: Analysis): { result: CompileResult; linker: Linker } {
  return link(input, analysis, true);
}

export function compileSources(input: CompileInput): CompileResult {
  return linkAnalysis(input, analyzeSources(input.sources));
}
