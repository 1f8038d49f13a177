// History from git: for every metadata file the commits that changed it, in one `git log` pass.

import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';

export interface Commit {
  sha: string;
  shortSha: string;
  author: string;
  /** ISO 8601 author date. */
  date: string;
  subject: string;
  /** Link to the commit when the remote is GitHub. */
  url?: string;
}

export interface History {
  /** False outside a git repository: pages then have no history section. */
  available: boolean;
  /** True in a shallow clone: older commits are missing. */
  partial: boolean;
  /** Display path -> commits that changed it, newest first. */
  byFile: ReadonlyMap<string, readonly Commit[]>;
  /** Newest commits that touched metadata, with the files they touched. */
  recent: readonly (Commit & { files: string[] })[];
  /** The repository's web address when the remote is GitHub, for links to commits. */
  webUrl?: string;
  /** The commit the history was read up to (the one `rev` names). */
  head?: string;
}

export const NO_HISTORY: History = { available: false, partial: false, byFile: new Map(), recent: [] };
const MAX_COMMITS = 5000;
const PER_FILE = 10;
const RECENT = 15;
const FIELD = '\x1f';
const RECORD = '\x1e';

/** `https://github.com/owner/repo` for GitHub remotes (https or ssh), else undefined. */
export function githubWebUrl(remote: string): string | undefined {
  const match = /^(?:https:\/\/(?:[^@/]+@)?|git@|ssh:\/\/git@)(github\.[^/:]+)[/:]([^/]+)\/(.+?)(?:\.git)?\/?$/.exec(remote.trim());
  return match ? `https://${match[1]}/${match[2]}/${match[3]}` : undefined;
}

/** Links to commits on the repository's web page; undefined when it has none. */
export function commitLinker(webUrl: string | undefined): ((sha: string) => string) | undefined {
  return webUrl === undefined ? undefined : (sha) => `${webUrl}/commit/${sha}`;
}

/** The web page of the repository (its `origin` on GitHub), where commits can be linked to. */
export async function repositoryWebUrl(git: SimpleGit): Promise<string | undefined> {
  const remote = await git.remote(['get-url', 'origin']).catch(() => undefined);
  return typeof remote === 'string' ? githubWebUrl(remote) : undefined;
}

const C_ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/**
 * A path as git prints it: as it is, or, when it holds a tab, a line break, a quote or a backslash,
 * between quotes with C escapes (octal for bytes, core.quotePath being off for the rest of UTF-8).
 */
export function unquotedPath(text: string): string {
  if (!(text.length >= 2 && text.startsWith('"') && text.endsWith('"'))) return text;
  const bytes: number[] = [];
  // By code point, so that a character outside the BMP is not cut in two.
  const chars = Array.from(text.slice(1, -1));
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const octal = chars.slice(i + 1, i + 4).join('');
    if (/^[0-7]{3}$/.test(octal)) {
      bytes.push(parseInt(octal, 8));
      i += 3;
    } else {
      const next = chars[i + 1] ?? '';
      bytes.push(C_ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The files each line of `git log --name-status` (read newest first) touched, named as they are
 * named now: a file renamed since is named by its newest name, so its history goes on across moves.
 */
class FileMoves {
  /** An older name -> the newest name of that file. */
  readonly #newest = new Map<string, string>();

  touched(line: string): string[] {
    const [status = '', quotedFirst, quotedSecond] = line.split('\t');
    if (quotedFirst === undefined) return [];
    const first = unquotedPath(quotedFirst);
    const second = quotedSecond === undefined ? undefined : unquotedPath(quotedSecond);
    const now = (file: string) => this.#newest.get(file) ?? file;
    if (status.startsWith('R') && second !== undefined) {
      const newest = now(second);
      this.#newest.set(first, newest);
      return [newest];
    }
    // A copy leaves its source where it was: the commit touched the new file.
    return [now(status.startsWith('C') && second !== undefined ? second : first)];
  }
}

/** The commits that changed metadata files, newest first, up to `rev` (default HEAD; else a commit id the caller resolved). */
export async function readHistory(rootDir: string, cwd: string, rev = 'HEAD'): Promise<History> {
  const git = simpleGit({ baseDir: rootDir });
  try {
    // All at once, not one after another: the git processes then run while the caller goes on
    // (a site build starts reading history before it compiles, and the log is ready when needed).
    // One rev-parse for all it tells (each git process is slow to start from a big process): outside a
    // repository, or without the commit, it fails, and there is no history.
    const [repository, web, log] = await Promise.all([
      git.revparse(['--is-inside-work-tree', '--show-toplevel', '--is-shallow-repository', `${rev}^{commit}`]),
      repositoryWebUrl(git),
      git.raw([
        // Paths outside ASCII as they are; git still quotes (and unquotedPath reads) tabs, breaks and quotes.
        '-c',
        'core.quotePath=false',
        'log',
        `-n${MAX_COMMITS}`,
        `--format=${RECORD}%H${FIELD}%an${FIELD}%aI${FIELD}%s`,
        // Renames are followed: a page's history goes on across the moves of its file.
        '--name-status',
        '-M',
        // Submodules are not metadata, and a .gitmodules git cannot read would fail the whole log.
        '--ignore-submodules=all',
        '--end-of-options',
        rev,
        '--',
        '.',
      ]),
    ]);
    const [insideWorkTree, top = '', shallow, head = ''] = repository.trim().split('\n');
    if (insideWorkTree?.trim() !== 'true') return NO_HISTORY;
    const partial = shallow?.trim() === 'true';
    const commitUrl = commitLinker(web);
    // Git names files from the top of the work tree; pages name them from the working directory.
    const fromTop = path.relative(cwd, top);
    const displayPath = (line: string) => (fromTop === '' ? line : path.relative(cwd, path.join(top, line)).split(path.sep).join('/'));
    const byFile = new Map<string, Commit[]>();
    const recent: (Commit & { files: string[] })[] = [];
    const moves = new FileMoves();
    for (const record of log.split(RECORD).slice(1)) {
      const [header = '', ...lines] = record.split('\n');
      const [sha = '', author = '', date = '', subject = ''] = header.split(FIELD);
      const commit: Commit = { sha, shortSha: sha.slice(0, 7), author, date, subject, ...(commitUrl ? { url: commitUrl(sha) } : {}) };
      const files = [...new Set(lines.flatMap((line) => moves.touched(line)))].filter((file) => /\.ya?ml$/.test(file)).map(displayPath);
      if (files.length === 0) continue;
      if (recent.length < RECENT) recent.push({ ...commit, files });
      for (const file of files) {
        const list = byFile.get(file) ?? [];
        if (list.length < PER_FILE) list.push(commit);
        byFile.set(file, list);
      }
    }
    return { available: true, partial, byFile, recent, head: head.trim(), ...(web === undefined ? {} : { webUrl: web }) };
  } catch {
    return NO_HISTORY;
  }
}
