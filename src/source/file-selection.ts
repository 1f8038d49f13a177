// Which files of a tree are metadata: the one rule that discovery on disk and the revision reader
// in git both apply (roots x include, minus exclude, node_modules, .git and every .gitignore), so
// the working tree and a past commit select the same files.

import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

export interface FileSelection {
  /** Folders, relative to the root, that hold metadata. */
  roots: readonly string[];
  /** Globs, relative to each root, of the files to read. */
  include: readonly string[];
  /** Globs, relative to the root, of files never read. */
  exclude: readonly string[];
}

/** Never metadata: dependencies, git's own files and Dossier's caches. */
export const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**', '**/.dossier/cache/**'];

/** Roots as POSIX paths without a leading `./`; the root itself is ''. */
export function normalizedRoots(roots: readonly string[]): string[] {
  return roots.map((root) =>
    path.posix
      .normalize(root.split(path.sep).join('/'))
      .replace(/^\.\/?$/, '')
      .replace(/\/$/, ''),
  );
}

/**
 * The globs, relative to the root, a file must match to be read: each include pattern under each root
 * (`prefix`: how a root is written in them), a negated one (`!**\/drafts/**`) negated under its root.
 */
export function includePatterns(selection: FileSelection, prefix: (root: string) => string = (root) => root): string[] {
  return normalizedRoots(selection.roots).flatMap((root) =>
    selection.include.map((include) => {
      const negated = include.startsWith('!');
      const pattern = negated ? include.slice(1) : include;
      const rooted = root === '' ? pattern : `${prefix(root)}/${pattern}`;
      return negated ? `!${rooted}` : rooted;
    }),
  );
}

/**
 * A .gitignore of a folder above the root, in the same git repository (dossier.yaml in a subfolder):
 * its patterns apply to paths from its folder, which reach the root through `rootPath`.
 */
export interface InheritedGitignore {
  /** The root's path from the .gitignore's folder, '/'-separated (`ml/catalog`). */
  rootPath: string;
  text: string;
}

/** The .gitignore files of the folders from the repository's top down to the root's parent, as root-relative paths (`../.gitignore`). */
export function inheritedGitignorePaths(rootInRepository: string): { file: string; rootPath: string }[] {
  const segments = rootInRepository === '' ? [] : rootInRepository.split('/');
  return segments.map((_, depth) => ({
    file: `${'../'.repeat(segments.length - depth)}.gitignore`,
    rootPath: segments.slice(depth).join('/'),
  }));
}

/** A line of a .gitignore that is neither blank nor a comment. */
const HAS_PATTERN = /^[ \t]*[^#\s]/m;

/** `a/b/c/` -> `a/`, `a/b/`, `a/b/c/`. */
function foldersOf(path: string): string[] {
  const segments = path.split('/').filter((segment) => segment !== '');
  return segments.map((_, index) => `${segments.slice(0, index + 1).join('/')}/`);
}

/**
 * A predicate over root-relative POSIX paths. `gitignores` maps each .gitignore's folder
 * (root-relative, '' for the root) to its text; each applies below its folder, as git does, and so
 * do the `inherited` ones of the folders above the root.
 */
export function createFileSelector(
  selection: FileSelection,
  gitignores: ReadonlyMap<string, string>,
  inherited: readonly InheritedGitignore[] = [],
): (relativePath: string) => boolean {
  const patterns = includePatterns(selection);
  // A file matches one pattern and no negated one, as fast-glob reads a list of patterns.
  const included = picomatch(
    patterns.filter((pattern) => !pattern.startsWith('!')),
    { dot: true },
  );
  const negated = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
  const leftOut = negated.length === 0 ? () => false : picomatch(negated, { dot: true });
  const excluded = picomatch([...ALWAYS_EXCLUDED, ...selection.exclude], { dot: true });
  const ignoredBy: { prefix: string; matcher: Ignore }[] = [];
  for (const [dir, text] of gitignores) ignoredBy.push({ prefix: dir === '' ? '' : `${dir}/`, matcher: ignore().add(text) });
  const above = inherited
    // Most folders above have no .gitignore (read as no text): each file is not asked about them.
    .filter(({ text }) => HAS_PATTERN.test(text))
    .map(({ rootPath, text }) => ({ rootPath: `${rootPath}/`, matcher: ignore().add(text) }))
    // A root its repository ignores (a generated folder) was named on purpose: those rules are not its.
    .filter(({ rootPath, matcher }) => !foldersOf(rootPath).some((folder) => matcher.ignores(folder)));
  const isIgnored = (relativePath: string) =>
    ignoredBy.some(({ prefix, matcher }) => relativePath.startsWith(prefix) && matcher.ignores(relativePath.slice(prefix.length))) ||
    above.some(({ rootPath, matcher }) => matcher.ignores(`${rootPath}${relativePath}`));
  return (relativePath) => included(relativePath) && !leftOut(relativePath) && !excluded(relativePath) && !isIgnored(relativePath);
}

/** Whether a root-relative path names a .gitignore file, and the folder it governs. */
export function gitignoreFolder(relativePath: string): string | undefined {
  if (relativePath === '.gitignore') return '';
  return relativePath.endsWith('/.gitignore') ? relativePath.slice(0, -'/.gitignore'.length) : undefined;
}
