// A lint through the cache: an unchanged repository is answered from the last run's result, a changed
// one re-analyses only the files whose content changed and links the rest from cached analyses. A
// cache that cannot be read or written never fails the run.

import { readdirSync, readFileSync } from 'node:fs';
import { AnalysisCache, type CachedResult } from '../cache/analysis-cache.js';
import type { CompileResult } from '../catalog/catalog.js';
import { ownerOf } from '../catalog/queries.js';
import { analyzeSources, linkAnalysis, mergeAnalyses, type CompileInput } from '../compile/compile-sources.js';
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

export async function lintCached(input: CompileInput, config: DossierConfig, cwd: string, cacheDir: string): Promise<CachedResult> {
  const cache = AnalysisCache.open(cacheDir, cacheEnvironment());
  const keys = input.sources.map((source) => AnalysisCache.keyOf(source));
  // Other repositories' catalogs change the result too; with them only the analyses are reused.
  const federated = (input.federation?.dependencies.length ?? 0) > 0 || input.hub !== undefined;
  const key = contentHash(cacheEnvironment(), cwd, configText(config), ...keys, JSON.stringify(input.fileDiagnostics ?? []));
  const cached = federated ? undefined : cache.result(key);
  if (cached !== undefined) return cached;

  const parts = input.sources.map((source, index) => cache.analysisOf(keys[index] as string, () => analyzeSources([source])));
  const result = linkAnalysis(input, mergeAnalyses(parts));
  const outcome = lintOutcome(result);
  if (!federated) cache.storeResult(key, outcome);
  await cache.save().catch(() => undefined);
  return outcome;
}
