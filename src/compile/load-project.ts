// The file-system edge: configuration, discovery and reading, feeding the pure compile.

import { realpath } from 'node:fs/promises';
import type { CompileResult } from '../catalog/catalog.js';
import type { DossierConfig } from '../config/load-config.js';
import type { Diagnostic } from '../diagnostics.js';
import { discoverFiles } from '../source/discover.js';
import { readSource, type FileToRead } from '../source/read-source.js';
import { compileSources, type SourceText } from './compile-sources.js';

const READ_CONCURRENCY = 32;

export interface LoadedSources {
  sources: SourceText[];
  fileDiagnostics: Diagnostic[];
}

export async function readProjectFiles(config: DossierConfig, cwd: string): Promise<LoadedSources> {
  const files = await discoverFiles({ ...config, cwd });
  const rootRealPath = await realpath(config.rootDir);
  const outcomes = await mapWithConcurrency(files, READ_CONCURRENCY, (file: FileToRead) => readSource(file, rootRealPath, config.maxFileSize));
  const sources: SourceText[] = [];
  const fileDiagnostics: Diagnostic[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.ok) sources.push({ file: (files[i] as FileToRead).displayPath, text: outcome.text });
    else if (outcome.diagnostic) fileDiagnostics.push(outcome.diagnostic);
  });
  return { sources, fileDiagnostics };
}

export async function compileProject(config: DossierConfig, cwd: string): Promise<CompileResult> {
  const { sources, fileDiagnostics } = await readProjectFiles(config, cwd);
  return compileSources({ sources, fileDiagnostics, rules: config.rules });
}

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
