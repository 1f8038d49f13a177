// Every catalog a repository depends on, fetched concurrently with a bounded pool: one slow or
// failing source never stops the others, and a failure is an answer (the reason), not a throw.

import { readCatalogJson, CatalogFormatError } from '../compile/read-catalog-json.js';
import type { DependencyCatalog } from '../compile/compile-sources.js';
import { fetchCatalog, FetchError, type FetchOptions } from './fetch-catalog.js';

export interface CatalogSourceRef {
  name: string;
  catalog: string;
}

const CONCURRENCY = 8;

export async function loadCatalogs(sources: readonly CatalogSourceRef[], options: FetchOptions): Promise<DependencyCatalog[]> {
  const results: DependencyCatalog[] = new Array<DependencyCatalog>(sources.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < sources.length; index = next++) {
      const source = sources[index] as CatalogSourceRef;
      results[index] = await loadOne(source, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, sources.length) }, worker));
  return results;
}

async function loadOne(source: CatalogSourceRef, options: FetchOptions): Promise<DependencyCatalog> {
  try {
    const fetched = await fetchCatalog(source.catalog, options);
    return { name: source.name, catalog: readCatalogJson(fetched.text, source.name) };
  } catch (error) {
    if (error instanceof FetchError) return { name: source.name, catalog: undefined, problem: error.message };
    if (error instanceof CatalogFormatError)
      return { name: source.name, catalog: undefined, problem: `${source.catalog}: ${error.message}` };
    throw error;
  }
}
