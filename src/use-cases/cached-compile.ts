// A lint through the cache: an unchanged repository is answered from the last run's result, a changed
// one re-analyses only the files whose content changed and links the rest from cached analyses. A
// cache that cannot be read or written never fails the run.

import { readdirSync, readFileSync } from 'node:fs';
import { AnalysisCache, type CachedResult } from '../cache/analysis-cache.js';
import type { CompileResult } from '../catalog/catalog.js';
import { ownerOf } from '../catalog/queries.js';
import { analyzeSources, linkAnalysis, mergeAnalyses, type CompileInput } from '../compile/compile-sources.js';
import type { FileToRead } from '../source/read-source.js';
import type { DossierConfig } from '../config/load-config.js';
import { contentHash } from '../ground/content-hash.js';
import { packageVersion, SCHEMAS_DIR } from '../ground/package-root.js';

let environment: string | undefined;

/** What a cache entry must have been written under: this Dossier, these schemas, this V8 (its serializer). */
function cacheEnvironment(): string {
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

function configText(config: DossierConfig): string {
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

export async function lintCached(lint: LintFiles, config: DossierConfig, cwd: string, cacheDir: string): Promise<CachedResult> {
  const cache = AnalysisCache.open(cacheDir, cacheEnvironment());
  const context = contextKey(config, cwd);
  const stampedAt = Date.now();
  const stamps = lint.federated ? undefined : AnalysisCache.stampsOf(lint.files);
  const reads = { count: 0 };
  const keyOfFile = (index: number) => {
    reads.count += 1;
    const source = lint.read([lint.files[index] as FileToRead]).sources[0];
    return source === undefined ? undefined : AnalysisCache.keyOf(source);
  };
  const unchanged = stamps === undefined ? undefined : cache.unchangedResult(context, stamps, keyOfFile);
  if (unchanged !== undefined) {
    // Stamps that were read again now carry their keys: the next run trusts them.
    if (reads.count > 0 && stamps !== undefined) {
      cache.restampResult({ context, files: stamps, at: stampedAt });
      await cache.save().catch(() => undefined);
    }
    return unchanged;
  }

  const input = lint.read(lint.files);
  const keys = input.sources.map((source) => AnalysisCache.keyOf(source));
  const key = contentHash(context, ...keys, JSON.stringify(input.fileDiagnostics ?? []));
  const cached = lint.federated ? undefined : cache.result(key);
  const outcome =
    cached ??
    lintOutcome(
      linkAnalysis(
        input,
        mergeAnalyses(input.sources.map((source, index) => cache.analysisOf(keys[index] as string, () => analyzeSources([source])))),
      ),
    );
  if (!lint.federated) {
    const keyByFile = new Map(input.sources.map((source, index) => [source.file, keys[index] as string]));
    for (const stamp of stamps ?? []) stamp[4] = keyByFile.get(stamp[0]) ?? '';
    cache.storeResult(key, outcome, stamps === undefined ? undefined : { context, files: stamps, at: stampedAt });
  }
  await cache.save().catch(() => undefined);
  return outcome;
}
