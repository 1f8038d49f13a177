// dossier.yaml as a revision has it, and the files it selects there: a revision is read with its own
// roots, include and exclude (the metadata may have moved since), and with the given rules.

import path from 'node:path';
import { defaultConfig, parseConfig, type DossierConfig } from '../config/load-config.js';
import type { ConfigAtRevision } from '../diff/config-changes.js';
import { revisionFileText } from '../git/read-revision.js';

/**
 * dossier.yaml as a revision has it: the defaults where it has none, and the given one (with the
 * problem) where it cannot be read, so that a broken revision never stops the command.
 */
export async function configAt(
  top: string,
  sha: string,
  configFile: string,
  display: string,
  fallback: DossierConfig,
): Promise<ConfigAtRevision<DossierConfig>> {
  const relative = path.relative(top, configFile).split(path.sep).join('/');
  const text = await revisionFileText(top, sha, relative);
  if (text === undefined) return { config: defaultConfig(fallback.rootDir), absent: true };
  try {
    return { config: parseConfig(text, configFile, `${display} at ${sha.slice(0, 7)}`) };
  } catch (error) {
    const reason = (error as Error).message.replace(/\s*\n\s*/g, ' ');
    return { config: fallback, problem: `${display} at ${sha.slice(0, 7)} cannot be read, so what changed in it is not shown: ${reason}` };
  }
}

/** `settings` reading the files `side` selects: its roots, include and exclude. */
export function selectedBy(settings: DossierConfig, side: DossierConfig): DossierConfig {
  return { ...settings, roots: side.roots, include: side.include, exclude: side.exclude };
}
