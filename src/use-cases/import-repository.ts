// The repository `dossier import` writes into, and where each entity it already defines is: the whole
// repository decides what exists, --out only where new files go.

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyzeSources } from '../compile/compile-sources.js';
import { defaultConfig, findConfigFile, loadConfigFile, type DossierConfig } from '../config/load-config.js';
import { toDisplayPath } from '../source/discover.js';
import { readProjectFiles } from '../source/project-files.js';

/** Where an entity is defined: the file's display path and the document's index in it. */
export interface EntityPlace {
  file: string;
  document: number;
}

/** What the repository an import writes into already defines. */
export interface ImportRepository {
  /** Absolute folder of the repository: files outside it are never written. */
  rootDir: string;
  /** Where each identity (`kind:namespace/name[@version]`) is defined; the first definition in file order. */
  entities: ReadonlyMap<string, EntityPlace>;
  /** The entities by group (`kind:namespace/name`, any version), for documents used only when none exists. */
  groups: ReadonlyMap<string, EntityPlace>;
}

/** The nearest existing folder at or above `folder` (--out may not exist yet). */
function nearestFolder(folder: string): string {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    try {
      if (statSync(dir).isDirectory()) return dir;
    } catch {
      // Not there yet: look further up.
    }
    if (path.dirname(dir) === dir) return dir;
  }
}

/**
 * The configuration of the repository `out` is in: the nearest dossier.yaml at or above it (as lint
 * finds it); without one, the working directory when `out` is inside it, else `out` itself.
 */
export function importRepositoryConfig(cwd: string, out: string): DossierConfig {
  const configFile = findConfigFile(nearestFolder(out));
  if (configFile !== undefined) return loadConfigFile(configFile, toDisplayPath(cwd, configFile));
  const relative = path.relative(cwd, out);
  const insideCwd = !relative.startsWith('..') && !path.isAbsolute(relative);
  return defaultConfig(insideCwd ? cwd : out);
}

/**
 * Reads and analyses the repository's files as lint does (its configuration's roots, include and
 * exclude), to find every entity it defines. Files that do not parse define nothing here; lint reports them.
 */
export function readImportRepository(cwd: string, out: string): ImportRepository {
  const config = importRepositoryConfig(cwd, out);
  // A repository that does not exist yet (--out names a new folder) defines nothing.
  const sources = existsSync(config.rootDir) ? readProjectFiles(config, cwd).sources : [];
  const entities = new Map<string, EntityPlace>();
  const groups = new Map<string, EntityPlace>();
  for (const entity of analyzeSources(sources).entities) {
    const place = { file: entity.source.file, document: entity.source.document };
    if (!entities.has(entity.identity)) entities.set(entity.identity, place);
    if (!groups.has(entity.groupKey)) groups.set(entity.groupKey, place);
  }
  return { rootDir: config.rootDir, entities, groups };
}
