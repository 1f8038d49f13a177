// Compile a repository on disk: its files read as the configuration says, through the pure compile.

import type { CompileResult } from '../catalog/catalog.js';
import { compileSources } from '../compile/compile-sources.js';
import type { DossierConfig } from '../config/load-config.js';
import { Ruleset } from '../rules/ruleset.js';
import { toDisplayPath } from '../source/discover.js';
import { readProjectFiles } from '../source/project-files.js';

/** The rules a configuration turns on, with override globs relative to its folder. */
export function rulesetFor(config: DossierConfig, cwd: string): Ruleset {
  return new Ruleset(config, { rootDisplayPath: toDisplayPath(cwd, config.rootDir) });
}

export function compileProject(config: DossierConfig, cwd: string): Promise<CompileResult> {
  const { sources, fileDiagnostics } = readProjectFiles(config, cwd);
  return Promise.resolve(compileSources({ sources, fileDiagnostics, ruleset: rulesetFor(config, cwd) }));
}
