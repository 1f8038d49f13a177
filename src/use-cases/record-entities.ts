// `dossier record`: what a training run produced, written into the metadata where it belongs, and the
// repository linted with the result. Nothing is written when the input or the result has errors.

import path from 'node:path';
import type { CompileResult } from '../catalog/catalog.js';
import { analyzeSources, linkAnalysis, mergeAnalyses, type Analysis } from '../compile/compile-sources.js';
import type { DossierConfig } from '../config/load-config.js';
import { writeFileAtomic } from '../ground/atomic-write.js';
import { leavesThroughLink } from '../ground/contained-path.js';
import { compareStrings, problemKey, type Diagnostic } from '../ground/diagnostics.js';
import { planRecord, type RecordedEntity } from '../record/plan-record.js';
import { inputProblems, readRecordInput } from '../record/record-input.js';
import { readProjectFiles, type LoadedSources, type SourceText } from '../source/project-files.js';
import { compileInput, loadProjectContext, type CompileOptions } from './compile-project.js';

export interface RecordOptions {
  cwd: string;
  config: DossierConfig;
  /** The input's text (JSON or YAML), the name its problems are reported under, and its absolute path when it is a file. */
  input: { text: string; file: string; path?: string | undefined };
  /** Allow a model version's training data to change. */
  replace?: boolean;
  /** Plan and check, write nothing. */
  dryRun?: boolean;
  fetch?: CompileOptions;
}

export interface RecordResult {
  /** Problems of the input itself (parse, schema): nothing else was done. */
  inputProblems: Diagnostic[];
  /** Why the record was refused. */
  refusals: string[];
  entities: RecordedEntity[];
  /** Files that changed (or would, with dryRun), by display path, with their new text. */
  files: Map<string, string>;
  /**
   * Problems of the recorded entities in the repository with the record applied, and the new ones
   * it makes elsewhere (a deployment that follows the latest version now runs one not yet approved).
   */
  problems: Diagnostic[];
  /** The repository compiled with the record applied. */
  compiled: CompileResult | undefined;
  written: boolean;
}

const SECRET_RULES = {
  'runtime-config/no-secrets-in-env': 'error',
  'model-version/no-secrets-in-hyperparameters': 'error',
} as const;

/** A result where nothing was recorded, with what says why. */
export function noRecord(partial: Partial<RecordResult> = {}): RecordResult {
  return { inputProblems: [], refusals: [], entities: [], files: new Map(), problems: [], compiled: undefined, written: false, ...partial };
}

/** Whether the record was stopped: input problems, a refusal, or errors in the result. */
export function recordFailed(result: RecordResult): boolean {
  return result.inputProblems.length > 0 || result.refusals.length > 0 || result.problems.some((d) => d.severity === 'error');
}

export async function recordEntities(options: RecordOptions): Promise<RecordResult> {
  const { cwd, config } = options;
  const empty = noRecord();
  const input = readRecordInput(options.input.text, options.input.file);
  const stopping = inputProblems(input, options.input.file);
  if (stopping.length > 0) return { ...empty, inputProblems: stopping };

  // A secret pushed to git cannot be taken back: the secret rules are errors here whatever dossier.yaml says.
  const context = await loadProjectContext({ ...config, rules: { ...config.rules, ...SECRET_RULES } }, cwd, options.fetch);
  const all = readProjectFiles(config, cwd);
  // An input written inside the repository is what is recorded, not metadata of its own.
  const files = { ...all, sources: all.sources.filter((source) => path.resolve(cwd, source.file) !== options.input.path) };
  // Each file is analysed once: the record re-analyses only the files it changes.
  const analyses = new Map(files.sources.map((source) => [source.file, analyzeSources([source])]));
  const before = linkAnalysis(compileInput(context, files), mergeAnalyses([...analyses.values()]));
  const texts = new Map(files.sources.map((source) => [source.file, source.text]));
  const plan = planRecord(input.entities, {
    catalog: before.catalog,
    readText: (file) => texts.get(file),
    newFile: (fromRoot) => path.relative(cwd, path.join(config.rootDir, fromRoot)).split(path.sep).join('/'),
    replace: options.replace === true,
  });
  if (plan.refusals.length > 0) return { ...empty, refusals: plan.refusals, entities: plan.entities };
  // A folder or file that a pull request committed as a link out of the repository is not written through.
  const leaving = [...plan.files.keys()].filter((file) => leavesThroughLink(config.rootDir, path.resolve(cwd, file)));
  if (leaving.length > 0)
    return {
      ...empty,
      refusals: leaving.map((file) => `${file} leads out of the repository through a symbolic link; nothing was written.`),
      entities: plan.entities,
    };

  const sources: SourceText[] = files.sources.filter((source) => !plan.files.has(source.file));
  for (const [file, text] of plan.files) {
    const source = { file, text };
    sources.push(source);
    analyses.set(file, analyzeSources([source]));
  }
  sources.sort((a, b) => compareStrings(a.file, b.file));
  const after: LoadedSources = { sources, fileDiagnostics: files.fileDiagnostics };
  const compiled = linkAnalysis(
    compileInput(context, after),
    mergeAnalyses(sources.map((source) => analyses.get(source.file) as Analysis)),
  );
  const recorded = new Set(plan.entities.map((entity) => entity.identity));
  const known = new Set(before.diagnostics.map(problemKey));
  const problems = compiled.diagnostics.filter((d) => (d.entity !== undefined && recorded.has(d.entity)) || !known.has(problemKey(d)));
  const blocked = problems.some((d) => d.severity === 'error');
  if (!blocked && options.dryRun !== true)
    await Promise.all([...plan.files].map(([file, text]) => writeFileAtomic(path.resolve(cwd, file), text)));
  return {
    ...empty,
    entities: plan.entities,
    files: plan.files,
    problems,
    compiled,
    written: !blocked && options.dryRun !== true && plan.files.size > 0,
  };
}
