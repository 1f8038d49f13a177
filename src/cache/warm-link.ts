// A warm link: the link of the last run (a lint, a site rebuild), kept in a link cache
// (link-store.ts) and gone on from after a few files changed, so that only what the change reaches is
// linked again, as the incremental Linker does within one process. One module for every warm run:
// it opens the kept link, relinks (up to one limit of changed files) and saves the link.

import { analyzeSources, linkedFileOf, linkResumable, type Analysis, type CompileInput } from '../compile/compile-sources.js';
import type { CompileResult } from '../catalog/catalog.js';
import type { LinkedFile, LinkStep } from '../compile/link-state.js';
import type { Diagnostic } from '../ground/diagnostics.js';
import { WholeNeeded } from '../engine/loading-map.js';
import type { SourceText } from '../source/project-files.js';
import { AnalysisCache } from './analysis-cache.js';
import type { FileStamps, StampChanges } from './file-stamps.js';
import { LinkStore, saveLinkState, type PreviousFile } from './link-store.js';

/** More changed files than this, and a run links everything again rather than going on from its last link. */
export const MAX_RELINKED_FILES = 64;

/** Where a warm link is kept. */
export interface WarmLinkPlace {
  /** The link cache's folder. */
  dir: string;
  environment: string;
}

/** What a run goes on from: the last run's link and problems, and what changed since its stamps. */
export interface LastLink {
  /** The generation of the link cache the last run left. */
  generation: string;
  diagnostics: readonly Diagnostic[];
  /** What changed: indexes into the sources, and files gone; with the last run's stamps, each file's content key with them. */
  since: StampChanges & { before: FileStamps };
}

/** The files of this run: every source, in the order of the stamps, and the analyses by content key. */
export interface WarmSources {
  input: CompileInput;
  /** Each file's content key now. */
  keys: ReadonlyMap<string, string>;
  analyses: AnalysisCache;
}

/**
 * Links the files that changed since the last link, going on from it; undefined when it cannot (none
 * kept, another generation, too many files changed, or the change needs the whole: cycles, a file
 * that changed while read). The link step, and the new generation (undefined when it could not be written).
 */
export function relinkWarm(
  place: WarmLinkPlace,
  last: LastLink,
  sources: WarmSources,
): { step: LinkStep; generation: string | undefined } | undefined {
  const { since } = last;
  if (since.changed.length + since.removed.length > MAX_RELINKED_FILES) return undefined;
  const store = LinkStore.open(place.dir, place.environment, last.generation);
  if (store === undefined) return undefined;
  const { input, keys, analyses } = sources;
  try {
    const changed = new Map<string, LinkedFile | undefined>(since.removed.map((file) => [file, undefined]));
    for (const index of since.changed) {
      const source = input.sources[index];
      if (source === undefined) return undefined;
      const analysis = analyses.analysisOf(keys.get(source.file) ?? AnalysisCache.keyOf(source), () => analyzeSources([source]));
      changed.set(
        source.file,
        linkedFileOf(analysis, () => source.text),
      );
    }
    return store.relink(input, previousFile(since.before, sources), last.diagnostics, changed);
  } catch (error) {
    if (error instanceof WholeNeeded) return undefined;
    throw error;
  }
}

/** Links every file, keeping the link to go on from next time. The result, and the link's generation (undefined when it could not be written). */
export function linkWarm(
  place: WarmLinkPlace,
  input: CompileInput,
  analysis: Analysis,
): { result: CompileResult; generation: string | undefined } {
  const { result, linker } = linkResumable(input, analysis);
  const state = linker.state();
  return { result, generation: state === undefined ? undefined : saveLinkState(place.dir, place.environment, state) };
}

/**
 * A file as the last run linked it: its analysis by the key it had then, its text the one of this
 * run when that key is still its content (a changed file's old text is not there: WholeNeeded).
 */
function previousFile(before: FileStamps, { input, keys, analyses }: WarmSources): PreviousFile {
  let byFile: Map<string, SourceText> | undefined;
  return (file) => {
    const key = before.keyOf(file);
    if (key === undefined || key === '') return undefined;
    byFile ??= new Map(input.sources.map((source) => [source.file, source]));
    const source = byFile.get(file);
    return linkedFileOf(analyses.cachedAnalysisOf(key), () => {
      if (source === undefined || keys.get(file) !== key) throw new WholeNeeded(`the last text of ${file}`);
      return source.text;
    });
  };
}
