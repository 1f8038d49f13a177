// A lint through the cache: an unchanged repository is answered from the last run's result; after a
// few files changed, the last run's link goes on from the link cache and checks again only what the
// change reaches; otherwise only the files whose content changed are analysed again and everything is
// linked from cached analyses. A cache that cannot be read or written never fails the run.

import { readdirSync, readFileSync } from 'node:fs';
import { AnalysisCache, type CachedResult, type Changes } from '../cache/analysis-cache.js';
import { FileStamps } from '../cache/file-stamps.js';
import { LinkStore, saveLinkState, type PreviousFile } from '../cache/link-store.js';
import type { CatalogReader, CompileResult } from '../catalog/catalog.js';
import { relationsChanged } from '../engine/read-keys.js';
import { ownerOf } from '../catalog/queries.js';
import { analyzeSources, linkAnalysis, linkedFileOf, linkResumable, mergeAnalyses, type CompileInput } from '../compile/compile-sources.js';
import type { LinkedFile, LinkStep } from '../compile/linker.js';
import { sortedIndexOf } from '../ground/collections.js';
import { unreadSource } from '../cache/stamped-sources.js';
import { compareStrings } from '../ground/diagnostics.js';
import { WholeNeeded } from '../engine/loading-map.js';
import type { SourceText } from '../source/project-files.js';
import type { FileToRead } from '../source/read-source.js';
import type { DossierConfig } from '../config/load-config.js';
import { contentHash } from '../ground/content-hash.js';
import { packageVersion, SCHEMAS_DIR } from '../ground/package-root.js';

let environment: string | undefined;

/**
 * What a cache entry must have been written under: this Dossier, these schemas, this V8 (its
 * serializer). Each cache file is also signed with this machine's key (cache-file.ts).
 */
export function cacheEnvironment(): string {
  environment ??= contentHash(
    packageVersion(),
    process.versions.v8,
    ...readdirSync(SCHEMAS_DIR)
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => `${file}\n${readFileSync(`${SCHEMAS_DIR}${file}`, 'utf8')}`),
  );
  return environment;
}

/** The text of dossier.yaml: every cached result depends on it. */
export function configText(config: DossierConfig): string {
  try {
    return config.configFile === undefined ? '' : readFileSync(config.configFile, 'utf8');
  } catch {
    return '';
  }
}

/** What lint reports of a compile: the problems, the file count and each entity's owner. */
export function lintOutcome({ catalog, diagnostics, fileCount }: CompileResult): CachedResult {
  return { diagnostics, fileCount, owners: catalog.entities.map((entity) => [entity.identity, ownerOf(catalog, entity)]) };
}

/** Everything but the files' contents that changes a lint's result. */
function contextKey(config: DossierConfig, cwd: string): string {
  return contentHash(cacheEnvironment(), cwd, configText(config));
}

export interface LintFiles {
  /** The files discovered; read only when the cache cannot answer from their stamps. */
  files: readonly FileToRead[];
  read: (files: readonly FileToRead[]) => CompileInput;
  /** Other repositories' catalogs change the result too: then only the analyses are reused. */
  federated: boolean;
}

/** More changed files than this, and a lint links everything again rather than going on from the last link. */
const MAX_RELINKED_FILES = 64;

/**
 * How a lint through the cache was answered: from the last result (nothing changed), by going on
 * from the last link (a few files changed), or by linking everything (from cached analyses).
 */
export type CacheUse = 'unchanged' | 'relinked' | 'linked';

export function lintCached(
  lint: LintFiles,
  config: DossierConfig,
  cwd: string,
  cacheDir: string,
): { outcome: CachedResult; cacheUse: CacheUse } {
  const cache = AnalysisCache.open(cacheDir, cacheEnvironment());
  const context = contextKey(config, cwd);
  const stampedAt = Date.now();
  const stamps = lint.federated ? undefined : FileStamps.of(lint.files);
  // Files read to compare their content: a change goes on with what was read.
  const read = new Map<number, SourceText>();
  const keyOfFile = (index: number) => {
    const source = lint.read([lint.files[index] as FileToRead]).sources[0];
    if (source === undefined) return undefined;
    read.set(index, source);
    return AnalysisCache.keyOf(source);
  };
  const changes = stamps === undefined ? undefined : cache.changesSince(context, stamps, keyOfFile);
  if (stamps !== undefined && changes !== undefined) {
    if (changes.changed.length === 0 && changes.removed.length === 0) {
      // Stamps that were read again now carry their keys: the next run trusts them.
      if (read.size > 0) {
        cache.restampResult({ context, files: stamps, at: stampedAt });
        cache.save();
      }
      return { outcome: changes.previous, cacheUse: 'unchanged' };
    }
    if (changes.changed.length + changes.removed.length <= MAX_RELINKED_FILES) {
      const relinked = relinkChanged(lint, cache, cacheDir, changes, stamps, read);
      if (relinked !== undefined) {
        const key = contentHash(context, ...stamps.keys, '[]');
        cache.storeResult(key, relinked.outcome, { context, files: stamps, at: stampedAt }, relinked.link);
        cache.save(false);
        return { outcome: relinked.outcome, cacheUse: 'relinked' };
      }
    }
  }

  const input = lint.read(lint.files);
  const keys = input.sources.map((source) => AnalysisCache.keyOf(source));
  const key = contentHash(context, ...keys, JSON.stringify(input.fileDiagnostics ?? []));
  const cached = lint.federated ? undefined : cache.result(key);
  let outcome = cached;
  let link: string | undefined;
  if (outcome === undefined) {
    const analysis = mergeAnalyses(
      input.sources.map((source, index) => cache.analysisOf(keys[index] as string, () => analyzeSources([source]))),
    );
    // A repository linted again after a change (an editor's save, a local re-run) is linked so that
    // the next run goes on from this link: that costs more than a one-shot link (what each entity
    // read is recorded and written), which a repository linted once (CI, a first run) does not pay.
    if (lint.federated || changes === undefined) outcome = lintOutcome(linkAnalysis(input, analysis));
    else {
      const { result, linker } = linkResumable(input, analysis);
      outcome = lintOutcome(result);
      const state = linker.state();
      if (state !== undefined) link = saveLinkState(cacheDir, cacheEnvironment(), state);
    }
  }
  if (!lint.federated) {
    const keyByFile = new Map(input.sources.map((source, index) => [source.file, keys[index] as string]));
    if (stamps !== undefined) stamps.files.forEach((file, index) => (stamps.keys[index] = keyByFile.get(file) ?? ''));
    cache.storeResult(key, outcome, stamps === undefined ? undefined : { context, files: stamps, at: stampedAt }, link);
  }
  cache.save();
  return { outcome, cacheUse: 'linked' };
}

/**
 * After a few files changed: the last run's link, resumed from the link cache, links the changed
 * files and checks again only what they reach (loading only that). Undefined when the link cache
 * cannot go on (missing, from another run, or the change needs the whole: cycles, a file that
 * changed again while read): the caller links everything.
 */
function relinkChanged(
  lint: LintFiles,
  cache: AnalysisCache,
  cacheDir: string,
  changes: Changes,
  stamps: FileStamps,
  read: ReadonlyMap<number, SourceText>,
): { outcome: CachedResult; link: string | undefined } | undefined {
  if (changes.link === undefined) return undefined;
  const store = LinkStore.open(cacheDir, cacheEnvironment(), changes.link);
  if (store === undefined) return undefined;
  const changed = new Map<string, LinkedFile | undefined>(changes.removed.map((file) => [file, undefined]));
  const { before } = changes;
  let added = 0;
  for (const index of changes.changed) {
    const source = read.get(index);
    if (source === undefined) return undefined;
    if (before.indexOf(source.file) === -1) added++;
    const analysis = cache.analysisOf(AnalysisCache.keyOf(source), () => analyzeSources([source]));
    changed.set(
      source.file,
      linkedFileOf(analysis, () => source.text),
    );
  }
  try {
    const { step, generation: link } = store.relink(
      lint.read([]),
      previousFile(lint, cache, before, stamps),
      changes.previous.diagnostics,
      changed,
    );
    const outcome: CachedResult = {
      diagnostics: step.result.diagnostics,
      // Every file was read as text (else nothing goes on from the last link): a new one counts, a removed one not.
      fileCount: changes.previous.fileCount + added - changes.removed.length,
      owners: revisedOwners(changes.previous.owners, step),
    };
    return { outcome, link };
  } catch (error) {
    if (error instanceof WholeNeeded) return undefined;
    throw error;
  }
}

/**
 * A file as the last run linked it: its entities from the analyses cache, its text read when asked
 * for and checked against its key. `before` are the last run's stamps, `now` this run's (in the
 * order of `lint.files`).
 */
function previousFile(lint: LintFiles, cache: AnalysisCache, before: FileStamps, now: FileStamps): PreviousFile {
  return (file) => {
    const key = before.keyOf(file);
    const toRead = lint.files[now.indexOf(file)];
    if (key === undefined || key === '') return undefined;
    const source = toRead === undefined ? undefined : unreadSource(toRead, key, (one) => lint.read([one]).sources[0]);
    return linkedFileOf(cache.cachedAnalysisOf(key), () => {
      if (source === undefined) throw new WholeNeeded(`${file} is gone`);
      return source.text;
    });
  };
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
