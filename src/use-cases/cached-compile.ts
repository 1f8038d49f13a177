// A lint through the cache: an unchanged repository is answered from the last run's result; after a
// few files changed, the last run's link goes on from the link cache and checks again only what the
// change reaches; otherwise only the files whose content changed are analysed again and everything is
// linked from cached analyses. A cache that cannot be read or written never fails the run.

import { existsSync } from 'node:fs';
import { AnalysisCache } from '../cache/analysis-cache.js';
import { cacheEnvironment, cacheLayout, configText, defaultCacheDir } from '../cache/layout.js';
import { discoverWithKeptWalk } from '../cache/kept-walk.js';
import { keptLintOf, toStoredLint, type CachedResult, type KeptLint } from '../cache/lint-result.js';
import { stampedSources, type StampedSources } from '../cache/stamped-sources.js';
import { linkWarm, relinkWarm, type WarmLinkPlace } from '../cache/warm-link.js';
import type { CatalogReader, CompileResult } from '../catalog/catalog.js';
import { ownerOf } from '../catalog/queries.js';
import { analyzeSources, linkAnalysis, mergeAnalyses, type CompileInput } from '../compile/compile-sources.js';
import type { LinkStep } from '../compile/link-state.js';
import type { DossierConfig } from '../config/load-config.js';
import { relationsChanged } from '../engine/read-keys.js';
import { WholeNeeded } from '../engine/loading-map.js';
import { sortedIndexOf } from '../ground/collections.js';
import { contentHash } from '../ground/content-hash.js';
import { profileSeveritiesToday } from '../rules/ruleset.js';
import { compareStrings } from '../ground/diagnostics.js';
import type { DiscoverOptions } from '../source/discover.js';
import type { SourceText } from '../source/project-files.js';
import type { FileToRead } from '../source/read-source.js';

/** What lint reports: the problems, the file count and each entity's owner. */
export type LintOutcome = CachedResult;

/** What lint reports of a compile. */
export function lintOutcome({ catalog, diagnostics, fileCount }: CompileResult): LintOutcome {
  return { diagnostics, fileCount, owners: catalog.entities.map((entity) => [entity.identity, ownerOf(catalog, entity)]) };
}

export interface LintFiles {
  /** Which files to lint: discovered through the cache, by the walk it kept while no folder changed. */
  selection: DiscoverOptions;
  /** Reads files as a compile takes them: their texts, the problems of those that cannot be read, and the settings. */
  read: (files: readonly FileToRead[]) => CompileInput;
  /** Reads one file's text; undefined when it cannot be read as text. */
  readOne: (file: FileToRead) => SourceText | undefined;
  /** Other repositories' catalogs change the result too: then only the analyses are reused. */
  federated: boolean;
}

/**
 * How a lint through the cache was answered: from the last result (nothing changed), by going on
 * from the last link (a few files changed), or by linking everything (from cached analyses).
 */
export type CacheUse = 'unchanged' | 'relinked' | 'linked';

/** Where a lint's cache is: `location` (--cache-location, resolved), else `.dossier/cache/` beside dossier.yaml. */
export function lintCacheDir(config: DossierConfig, location?: string): string | undefined {
  return location ?? defaultCacheDir(config);
}

/** Whether `cacheDir` holds what a lint keeps (its stamps and result): a lint ran there before. */
export function hasLintCache(cacheDir: string): boolean {
  return existsSync(cacheLayout(cacheDir).lint.stamps);
}

/** A lint through the cache in `cacheDir` (`lintCacheDir`). */
export function lintCached(
  lint: LintFiles,
  config: DossierConfig,
  cwd: string,
  cacheDir: string,
): { outcome: CachedResult; cacheUse: CacheUse } {
  try {
    return lintWarm(lint, config, cwd, cacheDir, 'stamps');
  } catch (error) {
    // A file changed while the lint read it: linted again from every file as it is now.
    if (error instanceof WholeNeeded) return lintWarm(lint, config, cwd, cacheDir, 'every file');
    throw error;
  }
}

function lintWarm(
  lint: LintFiles,
  config: DossierConfig,
  cwd: string,
  cacheDir: string,
  read: 'stamps' | 'every file',
): { outcome: CachedResult; cacheUse: CacheUse } {
  const layout = cacheLayout(cacheDir);
  const environment = cacheEnvironment();
  const files = discoverWithKeptWalk(layout.walk, environment, lint.selection);
  const analyses = AnalysisCache.open(layout, environment);
  // A profile's application date passing changes severities with no file changed.
  const context = contentHash(environment, cwd, configText(config), profileSeveritiesToday(config));
  const place: WarmLinkPlace = { dir: layout.lint.link, environment };
  const stamped =
    lint.federated || read === 'every file' ? undefined : stampedSources(layout.lint.stamps, environment, files, lint.readOne);
  const last = keptLintOf(stamped?.since?.kept);
  const keep = (kept: KeptLint) => stamped?.save(toStoredLint(kept));
  // The files as a compile takes them; a stamped file's text is read only when asked for.
  const input = stamped === undefined ? lint.read(files) : { ...lint.read([]), sources: stamped.sources, fileDiagnostics: [] };

  if (stamped?.since !== undefined && last?.context === context) {
    const { since } = stamped;
    if (since.changed.length === 0 && since.removed.length === 0) {
      // Files read again (touched, or written just before the last run) and found unchanged now carry their keys.
      if (stamped.readCount > 0) keep(last);
      return { outcome: last.result, cacheUse: 'unchanged' };
    }
    const relinked =
      last.link === undefined
        ? undefined
        : relinkWarm(
            place,
            { generation: last.link, diagnostics: last.result.diagnostics, since },
            { input, keys: stamped.keys, analyses },
          );
    if (relinked !== undefined) {
      const outcome: CachedResult = {
        diagnostics: relinked.step.result.diagnostics,
        fileCount: last.result.fileCount + addedFiles(stamped) - since.removed.length,
        owners: revisedOwners(last.result.owners, relinked.step),
      };
      keep({ context, key: resultKey(context, [...stamped.keys.values()], []), result: outcome, link: relinked.generation });
      analyses.save(false);
      return { outcome, cacheUse: 'relinked' };
    }
  }

  const keys = input.sources.map((source) => stamped?.keys.get(source.file) ?? AnalysisCache.keyOf(source));
  const key = resultKey(context, keys, input.fileDiagnostics ?? []);
  let outcome = lint.federated || last?.key !== key ? undefined : last.result;
  let link = outcome === undefined ? undefined : last?.link;
  if (outcome === undefined) {
    const analysis = mergeAnalyses(
      input.sources.map((source, index) => analyses.analysisOf(keys[index] as string, () => analyzeSources([source]))),
    );
    // A repository linted again (an editor's save, a local re-run) is linked so that the next run goes
    // on from this link: that costs more than a one-shot link (what each entity read is recorded and
    // written), which a repository linted once (CI, a first run) does not pay.
    if (stamped?.since === undefined) outcome = lintOutcome(linkAnalysis(input, analysis));
    else {
      const linked = linkWarm(place, input, analysis);
      outcome = lintOutcome(linked.result);
      link = linked.generation;
    }
  }
  keep({ context, key, result: outcome, link });
  analyses.save();
  return { outcome, cacheUse: 'linked' };
}

/** What a lint's result is computed from: its context, every file's content key, the problems of files that could not be read. */
function resultKey(context: string, keys: readonly string[], fileDiagnostics: readonly unknown[]): string {
  return contentHash(context, ...keys, JSON.stringify(fileDiagnostics));
}

/** How many of the changed files are new since the last run. */
function addedFiles({ since, sources }: StampedSources): number {
  if (since === undefined) return 0;
  return since.changed.filter((index) => since.before.indexOf((sources[index] as SourceText).file) === -1).length;
}

/** Each entity's owner after a link step: the last run's, again for the entities whose relations changed. */
function revisedOwners(owners: CachedResult['owners'], step: LinkStep): CachedResult['owners'] {
  const { catalog } = step.result;
  const revised = new Set([...step.changed, ...relationsChanged(step.changedKeys ?? [])]);
  // Usually the same entities, in order by identity: each revised one found by binary search.
  const updated = [...owners];
  for (const identity of revised) {
    const index = sortedIndexOf(owners, identity, ([owned]) => owned, compareStrings);
    const entity = catalog.get(identity);
    if (index === -1 || entity === undefined) return ownersRebuilt(owners, revised, catalog);
    updated[index] = [identity, ownerOf(catalog, entity)];
  }
  return updated;
}

/** Each entity's owner when entities came or went: the last run's, revised, in order by identity. */
function ownersRebuilt(owners: CachedResult['owners'], revised: ReadonlySet<string>, catalog: CatalogReader): CachedResult['owners'] {
  const byIdentity = new Map(owners);
  for (const identity of revised) {
    const entity = catalog.get(identity);
    if (entity === undefined) byIdentity.delete(identity);
    else byIdentity.set(identity, ownerOf(catalog, entity));
  }
  return [...byIdentity].sort(([a], [b]) => compareStrings(a, b));
}
