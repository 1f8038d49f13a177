// Reads the metadata files of a git revision straight from the object database, never touching the
// user's working tree: `git ls-tree` lists them, one `git cat-file --batch` process streams them.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { compareStrings, ZERO_RANGE, type Diagnostic } from '../ground/diagnostics.js';
import { fileTooLarge } from '../ground/core-rules/file.js';
import { createDiagnostic } from '../ground/rule-meta.js';
import { createFileSelector, gitignoreFolder, inheritedGitignorePaths } from '../source/file-selection.js';
import type { LoadedSources, ProjectLayout, SourceText } from '../source/project-files.js';
import { decode } from '../source/read-source.js';
import { bytesMayHoldEntities } from '../source/dossier-files.js';
import { BlobReader } from './blob-reader.js';
import { missingRefError, noMergeBaseError, notARepositoryError, unknownRevisionError } from './git-errors.js';

export interface Revision {
  /** What the user asked for, e.g. `origin/main`. */
  ref: string;
  sha: string;
}

export function gitIn(dir: string): SimpleGit {
  return simpleGit({ baseDir: dir });
}

export async function repositoryTop(git: SimpleGit): Promise<string> {
  try {
    return (await git.revparse(['--show-toplevel'])).trim();
  } catch {
    throw notARepositoryError();
  }
}

/**
 * The commit a ref names, or undefined when this clone has none (git says nothing more useful).
 * The ref comes after `--end-of-options`: a value like `--output=x` is a name to look up, never an option.
 */
/** A SHA-1 or SHA-256 object id, as git prints it. */
const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

export async function commitOf(git: SimpleGit, ref: string): Promise<string | undefined> {
  try {
    const sha = (await git.revparse(['--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim();
    // `^HEAD` and `A..B` verify too, printing `^<sha>` or several lines: only one commit id is a commit.
    return OBJECT_ID.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}

export async function resolveCommit(git: SimpleGit, ref: string, side: 'base' | 'head' = 'base'): Promise<Revision> {
  const sha = await commitOf(git, ref);
  if (sha === undefined) {
    const remotes = await git.getRemotes().catch(() => []);
    throw missingRefError(
      ref,
      remotes.map((remote) => remote.name),
      side,
    );
  }
  return { ref, sha };
}

/** The commit a flag's revision names (e.g. `--rev`), resolved before it reaches any other git command; else a usage error. */
export async function flagCommit(git: SimpleGit, flag: string, ref: string): Promise<string> {
  const sha = await commitOf(git, ref);
  if (sha === undefined) throw unknownRevisionError(flag, ref);
  return sha;
}

/** The commit a pull request's changes start from: the merge base of base and head. */
export async function mergeBase(git: SimpleGit, base: Revision, head: Revision): Promise<Revision> {
  try {
    const sha = (await git.raw(['merge-base', base.sha, head.sha])).trim();
    if (sha === '') throw new Error('no merge base');
    return { ref: base.ref, sha };
  } catch {
    throw noMergeBaseError(base.ref, head.ref);
  }
}

export interface TreeEntry {
  mode: string;
  sha: string;
  size: number;
  /** Path relative to the repository top. */
  path: string;
}

/**
 * The blobs of a commit's tree. Read as bytes and decoded field by field: slices of one big output
 * string would each keep the whole listing alive (V8's sliced strings), and a walk over history that
 * keeps paths from many commits would keep every commit's listing.
 */
async function listTree(top: string, sha: string): Promise<TreeEntry[]> {
  const output = await gitBytes(top, ['ls-tree', '-r', '-z', '-l', '--full-tree', sha]);
  const entries: TreeEntry[] = [];
  let offset = 0;
  while (offset < output.length) {
    let end = output.indexOf(0, offset);
    if (end === -1) end = output.length;
    const tab = output.indexOf(9, offset);
    const [mode, type, blob, size] = output.toString('latin1', offset, tab).split(/\s+/) as [string, string, string, string];
    if (type === 'blob') entries.push({ mode, sha: blob, size: Number(size), path: output.toString('utf8', tab + 1, end) });
    offset = end + 1;
  }
  return entries;
}

/** The standard output of a git command, as bytes. */
export function gitBytes(cwd: string, args: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Standard input is closed: a git that never reads it could exit before a write (EPIPE).
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(chunks));
      else reject(new Error(`git ${args[0] ?? ''} failed: ${stderr.trim()}`));
    });
  });
}

/** A file of a revision as text (`relativePath` from the repository's top), or undefined when the revision has none there. */
export async function revisionFileText(top: string, sha: string, relativePath: string): Promise<string | undefined> {
  try {
    return (await gitBytes(top, ['cat-file', 'blob', `${sha}:${relativePath}`])).toString('utf8');
  } catch {
    return undefined;
  }
}

/** Reads blobs through one `git cat-file --batch` process, ended when they are read. */
async function readBlobs(top: string, shas: readonly string[]): Promise<Map<string, Buffer>> {
  const reader = new BlobReader(top);
  try {
    return await reader.read(shas);
  } finally {
    reader.close();
  }
}

/** A metadata file of a revision: its display path and git's blob id (its content). */
export interface RevisionFile {
  file: string;
  blob: string;
}

/** What a revision holds of the metadata, before any file is read. */
interface RevisionListing {
  files: RevisionFile[];
  /** Files left out before reading (too large). */
  fileDiagnostics: Diagnostic[];
}

/** A file's content, or why it cannot be read as text (binary, not UTF-8). */
export interface RevisionText {
  source?: SourceText;
  diagnostic?: Diagnostic;
}

/** How a revision's tree entries become metadata files: which are selected, and their display paths. */
export interface RevisionSelection {
  /** The entries under the metadata root. */
  entries: TreeEntry[];
  /** Whether a tree entry is a metadata file (not the config, a symbolic link or a .gitignore; selected). */
  selects(entry: Pick<TreeEntry, 'path' | 'mode'>): boolean;
  /** Whether a path is a .gitignore under the root: a change to one changes the selection. */
  isGitignore(repoPath: string): boolean;
  /** The path as Dossier shows it: relative to `cwd`. */
  display(repoPath: string): string;
}

/**
 * The file selection of a revision, the same as the working tree's (roots, include, exclude, the
 * revision's own .gitignore files), with the same display paths, so both sides of a diff line up.
 */
export async function revisionSelection(top: string, sha: string, layout: ProjectLayout, cwd: string): Promise<RevisionSelection> {
  const rootInRepo = path.relative(top, layout.rootDir).split(path.sep).join('/');
  const prefix = rootInRepo === '' ? '' : `${rootInRepo}/`;
  const configInRepo = layout.configFile === undefined ? undefined : path.relative(top, layout.configFile).split(path.sep).join('/');
  const tree = await listTree(top, sha);
  const entries = tree.filter((entry) => entry.path.startsWith(prefix));
  const gitignoreEntries = entries.filter(
    (entry) => gitignoreFolder(entry.path.slice(prefix.length)) !== undefined && entry.size <= layout.maxFileSize,
  );
  // The .gitignore files of the folders above the root apply too, as in the working tree.
  const inheritedEntries = inheritedGitignorePaths(rootInRepo).flatMap(({ file, rootPath }) => {
    const repoPath = path.posix.normalize(`${rootInRepo}/${file}`);
    const entry = tree.find((candidate) => candidate.path === repoPath && candidate.size <= layout.maxFileSize);
    return entry === undefined ? [] : [{ entry, rootPath }];
  });
  const gitignoreBlobs = await readBlobs(
    top,
    [...gitignoreEntries, ...inheritedEntries.map(({ entry }) => entry)].map((entry) => entry.sha),
  );
  const gitignores = new Map(
    gitignoreEntries.map((entry) => [
      gitignoreFolder(entry.path.slice(prefix.length)) as string,
      gitignoreBlobs.get(entry.sha)?.toString('utf8') ?? '',
    ]),
  );
  const inherited = inheritedEntries.map(({ entry, rootPath }) => ({
    rootPath,
    text: gitignoreBlobs.get(entry.sha)?.toString('utf8') ?? '',
  }));
  const isSelected = createFileSelector(layout, gitignores, inherited);
  // Run from the repository's top (the usual case), a display path is the path in the tree as it is.
  const atTop = path.relative(cwd, top) === '';
  const isGitignore = (repoPath: string) => repoPath.startsWith(prefix) && gitignoreFolder(repoPath.slice(prefix.length)) !== undefined;
  return {
    entries,
    // Symbolic links in history are never followed: their targets are not part of the revision.
    selects: (entry) =>
      entry.path.startsWith(prefix) &&
      entry.path !== configInRepo &&
      entry.mode !== '120000' &&
      !isGitignore(entry.path) &&
      isSelected(entry.path.slice(prefix.length)),
    isGitignore,
    display: (repoPath) => (atTop ? repoPath : path.relative(cwd, path.join(top, repoPath)).split(path.sep).join('/')),
  };
}

/**
 * The metadata files of a revision (see revisionSelection); files over the size limit are left out,
 * with a diagnostic when their start names a Dossier apiVersion (another tool's file is ignored).
 */
async function listRevisionFiles(top: string, sha: string, layout: ProjectLayout, cwd: string): Promise<RevisionListing> {
  const selection = await revisionSelection(top, sha, layout, cwd);
  const files: RevisionFile[] = [];
  const fileDiagnostics: Diagnostic[] = [];
  for (const entry of selection.entries) {
    if (!selection.selects(entry)) continue;
    if (entry.size <= layout.maxFileSize) files.push({ file: selection.display(entry.path), blob: entry.sha });
    else if (bytesMayHoldEntities(await blobStart(top, entry.sha)))
      fileDiagnostics.push(tooLargeDiagnostic(selection.display(entry.path), entry.size, layout.maxFileSize));
  }
  return { files, fileDiagnostics };
}

/** The first bytes of a blob (as many as `bytesMayHoldEntities` searches), without reading the rest of a huge one. */
async function blobStart(top: string, sha: string, length = 64 * 1024): Promise<Buffer> {
  const child = spawn('git', ['cat-file', 'blob', sha], { cwd: top, stdio: ['ignore', 'pipe', 'ignore'] });
  // A git that cannot start gives no bytes, so the file is taken for another tool's, not a crash.
  child.once('error', () => undefined);
  const chunks: Buffer[] = [];
  let read = 0;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      read += chunk.length;
      if (read >= length) break;
    }
  } finally {
    child.kill();
  }
  return Buffer.concat(chunks).subarray(0, length);
}

function tooLargeDiagnostic(file: string, size: number, limit: number): Diagnostic {
  return createDiagnostic(fileTooLarge, 'tooLarge', { size, limit }, { file, range: ZERO_RANGE });
}

/** A blob of a revision as a file's text, or why it cannot be one (over `maxFileSize`, binary, not UTF-8). */
export function revisionText(file: string, blob: string, bytes: Buffer, maxFileSize = Infinity): RevisionText {
  if (bytes.length > maxFileSize)
    return bytesMayHoldEntities(bytes) ? { diagnostic: tooLargeDiagnostic(file, bytes.length, maxFileSize) } : {};
  const outcome = decode(bytes, { file, range: ZERO_RANGE });
  if (outcome.ok) return { source: { file, text: outcome.text, blob } };
  return outcome.diagnostic === undefined ? {} : { diagnostic: outcome.diagnostic };
}

/** Reads and decodes files of a revision, in the order given. */
async function readRevisionTexts(top: string, files: readonly RevisionFile[]): Promise<RevisionText[]> {
  const blobs = await readBlobs(
    top,
    files.map((entry) => entry.blob),
  );
  return files.map(({ file, blob }) => revisionText(file, blob, blobs.get(blob) ?? Buffer.alloc(0)));
}

/** The texts of a revision's files and the problems of those that could not be read, as a compile takes them. */
function loadedSources(listing: RevisionListing, texts: readonly RevisionText[]): LoadedSources {
  const sources = texts.flatMap((text) => (text.source === undefined ? [] : [text.source]));
  const unreadable = texts.flatMap((text) => (text.diagnostic === undefined ? [] : [text.diagnostic]));
  sources.sort((a, b) => compareStrings(a.file, b.file));
  return { sources, fileDiagnostics: [...listing.fileDiagnostics, ...unreadable] };
}

/** The metadata files of a revision, read from git objects (see listRevisionFiles). */
export async function readRevisionFiles(top: string, sha: string, layout: ProjectLayout, cwd: string): Promise<LoadedSources> {
  const listing = await listRevisionFiles(top, sha, layout, cwd);
  return loadedSources(listing, await readRevisionTexts(top, listing.files));
}
