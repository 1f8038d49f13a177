// The working tree compiled through the lint cache: an unchanged repository is answered from the last
// run's result, a changed one re-analyses only the files whose content changed and links the rest
// from cached analyses. A cache that cannot be read or written never fails the run.

import { readdirSync, readFileSync } from 'node:fs';
import { AnalysisCache, resultKey, type CachedResult } from '../cache/analysis-cache.js';
import { Catalog, type CompileResult } from '../catalog/catalog.js';
import { analyzeSources, linkAnalysis, type CompileInput } from '../compile/compile-sources.js';
import type { DossierConfig } from '../config/load-config.js';
import { packageVersion, SCHEMAS_DIR } from '../ground/package-root.js';

let environment: string | undefined;

/** What a cache entry must have been written under: this Dossier, these schemas, this V8 (its serializer). */
function cacheEnvironment(): string {
  environment ??= resultKey(
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

function rebuilt(cached: CachedResult): CompileResult {
  const catalog = new Catalog(cached.entities);
  catalog.setRelations(cached.relations);
  return { catalog, diagnostics: cached.diagnostics, fileCount: cached.fileCount };
}

export async function compileCached(input: CompileInput, config: DossierConfig, cwd: string, cacheDir: string): Promise<CompileResult> {
  const cache = AnalysisCache.open(cacheDir, cacheEnvironment());
  const keys = input.sources.map((source) => AnalysisCache.keyOf(source));
  // Other repositories' catalogs change the result too; with them only the analyses are reused.
  const federated = (input.federation?.dependencies.length ?? 0) > 0 || input.hub !== undefined;
  const key = resultKey(cacheEnvironment(), cwd, configText(config), ...keys, JSON.stringify(input.fileDiagnostics ?? []));
  const cached = federated ? undefined : cache.result(key);
  if (cached !== undefined) return rebuilt(cached);

  const parts = input.sources.map((source, index) => cache.analysisOf(keys[index] as string, () => analyzeSources([source])));
  const result = linkAnalysis(input, {
    entities: parts.flatMap((part) => part.entities),
    diagnostics: parts.flatMap((part) => part.diagnostics),
  });
  if (!federated) {
    const { catalog } = result;
    cache.storeResult(key, {
      entities: [...catalog.entities],
      relations: catalog.entities.flatMap((entity) => catalog.outgoing(entity.identity)),
      diagnostics: result.diagnostics,
      fileCount: result.fileCount,
    });
  }
  await cache.save().catch(() => undefined);
  return result;
}
