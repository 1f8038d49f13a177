// Editor validation that holds on every clone: a copy of Dossier's schemas versioned with the
// repository (`.dossier/schemas/`), editor settings that point at it by a relative path, and a
// `# yaml-language-server: $schema=` modeline for a single file.

import { chmod, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../ground/atomic-write.js';
import { UsageError } from '../ground/errors.js';
import { SCHEMAS_DIR } from '../ground/package-root.js';
import { stableStringify } from '../ground/stable-json.js';

/** Where `dossier init` and `dossier schemas` put the copy, relative to the repository. */
export const REPOSITORY_SCHEMAS_DIR = '.dossier/schemas';

const MODELINE_PREFIX = '# yaml-language-server: $schema=';

/** Every schema file (the entity schema refers to its siblings) with its content. */
export async function schemaFiles(): Promise<{ name: string; content: string }[]> {
  const names = (await readdir(SCHEMAS_DIR)).filter((name) => name.endsWith('.schema.json')).sort();
  return Promise.all(names.map(async (name) => ({ name, content: await readFile(path.join(SCHEMAS_DIR, name), 'utf8') })));
}

/** Writes every schema into `outDir`, each file atomically; returns the files written. */
export async function copySchemas(outDir: string): Promise<string[]> {
  const files = await schemaFiles();
  for (const { name, content } of files) await writeFileAtomic(path.join(outDir, name), content);
  return files.map(({ name }) => path.join(outDir, name));
}

/** `.vscode/settings.json` for the YAML language server, with schema paths relative to the workspace. */
export function vscodeSettings(schemasDir = REPOSITORY_SCHEMAS_DIR): string {
  return `${stableStringify({
    'yaml.schemas': {
      [`./${schemasDir}/entity.schema.json`]: ['**/*.yaml', '**/*.yml', '!dossier.yaml', '!.github/**'],
      [`./${schemasDir}/config.schema.json`]: ['dossier.yaml'],
    },
  })}\n`;
}

/** The modeline that points one file at the entity schema, by a path relative to the file. */
export function modelineFor(file: string, schemasDir: string): string {
  const relative = path.relative(path.dirname(file), path.join(schemasDir, 'entity.schema.json')).split(path.sep).join('/');
  return `${MODELINE_PREFIX}${relative.startsWith('../') ? relative : `./${relative}`}`;
}

/** Any yaml-language-server modeline, however spaced: the language server reads the first, so a second is never added. */
const ANY_MODELINE = /^[ \t]*#[ \t]*yaml-language-server[ \t]*:/m;

/**
 * Puts the modeline at the top of the file, atomically; a file that has one is left as it is. The
 * file keeps its byte order mark first, its line endings and its permissions, and a link stays a link.
 */
export async function addModeline(file: string, schemasDir: string): Promise<'added' | 'present'> {
  let text: string;
  let mode: number;
  try {
    text = await readFile(file, 'utf8');
    mode = (await stat(file)).mode & 0o7777;
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (ANY_MODELINE.test(text)) return 'present';
  const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
  const lineEnd = text.includes('\r\n') ? '\r\n' : '\n';
  // A link inside the repository is written through and kept: replacing it would break it. The
  // schema's path is from the file written, which the link opens too.
  const target = await realpath(file);
  await writeFileAtomic(target, `${bom}${modelineFor(target, await realpath(schemasDir))}${lineEnd}${text.slice(bom.length)}`);
  await chmod(target, mode);
  return 'added';
}
