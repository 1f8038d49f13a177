// The file-system edge: configuration, discovery and reading, feeding the pure compile.

import { realpathSync } from 'node:fs';
import type { CompileResult } from '../catalog/catalog.js';
import type { DossierConfig } from '../config/load-config.js';
import type { Diagnostic } from '../diagnostics.js';
import { Ruleset } from '../rules/ruleset.js';
import { discoverFiles, toDisplayPath } from '../source/discover.js';
import { SourceReader } from '../source/read-source.js';
import { compileSources, type SourceText } from './compile-sources.js';

export interface LoadedSources {
  sources: SourceText[];
  fileDiagnostics: Diagnostic[];
}

export function readProjectFiles(config: DossierConfig, cwd: string): LoadedSources {
  const files = discoverFiles({ ...config, cwd });
  const rootRealPath = realpathSync(config.rootDir);
  const sources: SourceText[] = [];
  const fileDiagnostics: Diagnostic[] = [];
  const reader = new SourceReader(rootRealPath, config.maxFileSize);
  for (const file of files) {
    const outcome = reader.read(file);
    if (outcome.ok) sources.push({ file: file.displayPath, text: outcome.text });
    else if (outcome.diagnostic) fileDiagnostics.push(outcome.diagnostic);
  }
  return { sources, fileDiagnostics };
}

export async function compileProject(config: DossierConfig, cwd: string): Promise<CompileResult> {
  const { sources, fileDiagnostics } = readProjectFiles(config, cwd);
  const ruleset = new Ruleset(config, { rootDisplayPath: toDisplayPath(cwd, config.rootDir) });
  return compileSources({ sources, fileDiagnostics, ruleset });
}
