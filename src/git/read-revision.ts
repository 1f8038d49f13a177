// Reads the metadata files of a git revision straight from the object database, never touching the
// user's working tree: `git ls-tree` lists them, one `git cat-file --batch` process streams them.

import { spawn } from 'node:child_process';
import path from 'node:path';
import picomatch from 'picomatch';
import { simpleGit, type SimpleGit } from 'simple-git';
import type { SourceText } from '../compile/compile-sources.js';
import type { DossierConfig } from '../config/load-config.js';
import { ZERO_RANGE, type Diagnostic } from '../diagnostics.js';
import { fileTooLarge } from '../rules/core/file.js';
import { createDiagnostic } from '../rules/rule-meta.js';
import { decode } from '../source/read-source.js';
import { missingRefError, noMergeBaseError } from './git-errors.js';

export interface Revision {
  /** What the user asked for, e.g. `origin/main`. */
  ref: string;
  sha: string;
}

export function gitIn(dir: string): SimpleGit {
  return simpleGit({ baseDir: dir });
}

export async function repositoryTop(git: SimpleGit): Promise<string> {
  return (await git.revparse(['--show-toplevel'])).trim();
}

export async function resolveCommit(git: SimpleGit, ref: string): Promise<Revision> {
  let sha = '';
  try {
    sha = (await git.revparse(['--verify', '--quiet', `${ref}^{commit}`])).trim();
  } catch {
    // Reported below: git says nothing useful beyond "not found".
  }
  if (sha === '') throw missingRefError(ref);
  return { ref, sha };
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

interface TreeEntry {
  mode: string;
  sha: string;
  size: number;
  /** Path relative to the repository top. */
  path: string;
}

async function listTree(git: SimpleGit, sha: string): Promise<TreeEntry[]> {
  const output = await git.raw(['ls-tree', '-r', '-z', '-l', '--full-tree', sha]);
  return output
    .split('\0')
    .filter((line) => line !== '')
    .flatMap((line) => {
      const tab = line.indexOf('\t');
      const [mode, type, blob, size] = line.slice(0, tab).split(/\s+/) as [string, string, string, string];
      return type === 'blob' ? [{ mode, sha: blob, size: Number(size), path: line.slice(tab + 1) }] : [];
    });
}

/** Streams blobs through one `git cat-file --batch` process. */
function readBlobs(top: string, shas: readonly string[]): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: top, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file failed: ${stderr.trim()}`));
      const output = Buffer.concat(chunks);
      const blobs = new Map<string, Buffer>();
      let offset = 0;
      while (offset < output.length) {
        const newline = output.indexOf(10, offset);
        const [sha, , size] = output.subarray(offset, newline).toString('utf8').split(' ') as [string, string, string];
        const start = newline + 1;
        const end = start + Number(size);
        blobs.set(sha, output.subarray(start, end));
        offset = end + 1;
      }
      resolve(blobs);
    });
    child.stdin.end(shas.length === 0 ? '' : `${shas.join('\n')}\n`);
  });
}

export interface RevisionFiles {
  sources: SourceText[];
  fileDiagnostics: Diagnostic[];
  /** dossier.yaml as it was in that revision, if it existed. */
  configText: string | undefined;
}

/**
 * The metadata files of a revision, chosen as the working tree's would be (roots, include,
 * exclude), with the same display paths, so both sides of a diff line up.
 */
export async function readRevisionFiles(git: SimpleGit, top: string, sha: string, config: DossierConfig, cwd: string): Promise<RevisionFiles> {
  const rootInRepo = path.relative(top, config.rootDir).split(path.sep).join('/');
  const prefix = rootInRepo === '' ? '' : `${rootInRepo}/`;
  const roots = config.roots.map((root) => path.posix.normalize(root.split(path.sep).join('/')).replace(/^\.\/?$/, ''));
  const patterns = roots.flatMap((root) => config.include.map((include) => (root === '' ? include : `${root}/${include}`)));
  const included = picomatch(patterns, { dot: true });
  const excluded = picomatch(['**/node_modules/**', '**/.git/**', ...config.exclude], { dot: true });
  const configInRepo = config.configFile === undefined ? undefined : path.relative(top, config.configFile).split(path.sep).join('/');

  const entries = (await listTree(git, sha)).filter((entry) => entry.path.startsWith(prefix));
  const wanted: TreeEntry[] = [];
  const fileDiagnostics: Diagnostic[] = [];
  const display = (entry: TreeEntry) => path.relative(cwd, path.join(top, entry.path)).split(path.sep).join('/');
  for (const entry of entries) {
    const relative = entry.path.slice(prefix.length);
    // Symbolic links in history are never followed: their targets are not part of the revision.
    if (entry.path === configInRepo || entry.mode === '120000' || !included(relative) || excluded(relative)) continue;
    if (entry.size > config.maxFileSize) {
      fileDiagnostics.push(createDiagnostic(fileTooLarge, 'tooLarge', { size: entry.size, limit: config.maxFileSize }, { file: display(entry), range: ZERO_RANGE }));
    } else {
      wanted.push(entry);
    }
  }
  const configEntry = configInRepo === undefined ? undefined : entries.find((entry) => entry.path === configInRepo);
  const blobs = await readBlobs(top, [...wanted.map((entry) => entry.sha), ...(configEntry ? [configEntry.sha] : [])]);

  const sources: SourceText[] = [];
  for (const entry of wanted) {
    const file = display(entry);
    const outcome = decode(blobs.get(entry.sha) ?? Buffer.alloc(0), { file, range: ZERO_RANGE });
    if (outcome.ok) sources.push({ file, text: outcome.text });
    else if (outcome.diagnostic) fileDiagnostics.push(outcome.diagnostic);
  }
  sources.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { sources, fileDiagnostics, configText: configEntry ? blobs.get(configEntry.sha)?.toString('utf8') : undefined };
}
