// `dossier init`: a new metadata repository with a configuration, a few valid entities and editor set-up.

import { lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { writeFileAtomic } from '../ground/atomic-write.js';
import path from 'node:path';
import { UsageError } from '../ground/errors.js';
import { TEMPLATES_DIR } from '../ground/package-root.js';
import { REPOSITORY_SCHEMAS_DIR, schemaFiles, vscodeSettings } from '../use-cases/editor-schemas.js';
import { EXIT_OK, parseCommandArgs, type Command } from './command.js';

const STARTER_DIR = path.join(TEMPLATES_DIR, 'init');

/** Files of the starter repository, relative to its root, from templates/init/. */
async function starterFiles(): Promise<{ file: string; content: string }[]> {
  const files: { file: string; content: string }[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files.push({ file: path.relative(STARTER_DIR, full), content: await readFile(full, 'utf8') });
    }
  };
  await walk(STARTER_DIR);
  return files.sort((a, b) => (a.file < b.file ? -1 : 1));
}

/**
 * Keeps the cache (`.dossier/cache/`) out of git: a .gitignore is created, or the line added to the
 * one there. Only the cache: `.dossier/schemas/` is the editor's copy of the schemas, committed.
 */
async function ignoreCache(targetDir: string): Promise<'created with' | 'now lists' | undefined> {
  const file = path.join(targetDir, '.gitignore');
  let current: string | undefined;
  try {
    current = await readFile(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (
    current
      ?.split(/\r?\n/)
      .some((line) => ['.dossier/cache', '.dossier/cache/', '/.dossier/cache/', '/.dossier/cache'].includes(line.trim())) === true
  )
    return undefined;
  const separator = current === undefined || current === '' || current.endsWith('\n') ? '' : '\n';
  await writeFileAtomic(file, `${current ?? ''}${separator}${CACHE_IGNORE}`);
  return current === undefined ? 'created with' : 'now lists';
}

const CACHE_IGNORE = "# Dossier's cache (dossier lint): safe to delete, never to commit\n.dossier/cache/\n";

/** What stands where `file` would go: the file itself (a file, folder or link), or a file where one of its folders goes. */
async function inTheWay(targetDir: string, file: string): Promise<string | undefined> {
  const folders = path.dirname(file) === '.' ? [] : path.dirname(file).split(path.sep);
  for (let depth = 1; depth <= folders.length; depth++) {
    const folder = folders.slice(0, depth).join(path.sep);
    const entry = await lstat(path.join(targetDir, folder)).catch(() => undefined);
    if (entry === undefined) return undefined;
    if (!entry.isDirectory()) return `${folder} (a file where a folder goes)`;
  }
  const entry = await lstat(path.join(targetDir, file)).catch(() => undefined);
  if (entry === undefined) return undefined;
  return entry.isDirectory() ? `${file} (a folder)` : file;
}

export const initCommand: Command = {
  name: 'init',
  usage: `Usage: dossier init [folder]

Creates a metadata repository in the folder (default: the working directory):
dossier.yaml, a team, a glossary term, a dataset, a model and its first
version, a copy of the schemas in ${REPOSITORY_SCHEMAS_DIR}, and .vscode/settings.json
pointing at it, so editors validate files as you type on every clone. Existing files are never overwritten: init stops if any
file it would write already exists.

Options:
  -h, --help           show this help

Exit codes: 0 written, 2 usage error or a file that would be overwritten.`,

  async run(args, context) {
    const parsed = parseCommandArgs('init', args, {});
    if (parsed.positionals.length > 1) throw new UsageError('dossier init takes at most one folder.');
    const targetDir = path.resolve(context.cwd, parsed.positionals[0] ?? '.');
    const files = [
      ...(await starterFiles()),
      { file: path.join('.vscode', 'settings.json'), content: vscodeSettings() },
      ...(await schemaFiles()).map(({ name, content }) => ({ file: path.join(REPOSITORY_SCHEMAS_DIR, name), content })),
    ];

    const existing = (await Promise.all(files.map(({ file }) => inTheWay(targetDir, file)))).filter((found) => found !== undefined);
    if (existing.length > 0)
      throw new UsageError(`Not writing anything: these files already exist in ${targetDir}:\n  ${[...new Set(existing)].join('\n  ')}`);

    for (const { file, content } of files) {
      const destination = path.join(targetDir, file);
      await mkdir(path.dirname(destination), { recursive: true });
      await writeFile(destination, content, { flag: 'wx' });
    }
    const ignored = await ignoreCache(targetDir);
    const shown = parsed.positionals[0] ?? '.';
    // npx finds dossier installed in the repository (npm install --save-dev) or globally (README, Install).
    const next = targetDir === path.resolve(context.cwd) ? 'npx dossier lint' : `cd ${shown} && npx dossier lint`;
    context.stdout.write(
      `Created a Dossier repository in ${shown} (${files.length} files${ignored ? `; .gitignore ${ignored} .dossier/cache/` : ''}).\nNext: ${next}\n`,
    );
    return EXIT_OK;
  },
};
