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

/**
 * The files a commit's `git log --name-status -z` entries (read newest first) touched, named as they
 * are named now: a file renamed since is named by its newest name, so its history goes on across moves.
 */
class FileMoves {
  /** An older name -> the newest name of that file. */
  readonly #newest = new Map<string, string>();

  /** `entries`: the NUL-separated fields after a commit's header, a status and then its one path (two for a rename or copy). */
  touched(entries: readonly string[]): string[] {
    const files: string[] = [];
    const now = (file: string) => this.#newest.get(file) ?? file;
    for (let i = 0; i < entries.length;) {
      const status = entries[i++] ?? '';
      if (status === '') continue;
      const first = entries[i++] ?? '';
      if (status.startsWith('R') || status.startsWith('C')) {
        const second = entries[i++] ?? '';
        const newest = now(second);
        // A copy leaves its source where it was: the commit touched the new file.
        if (status.startsWith('R')) this.#newest.set(first, newest);
        files.push(newest);
      } else files.push(now(first));
    }
    return files;
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
        'log',
        `-n${MAX_COMMITS}`,
        `--format=${RECORD}%H${FIELD}%an${FIELD}%aI${FIELD}%s`,
        // Renames are followed: a page's history goes on across the moves of its file.
        '--name-status',
        '-M',
        // Paths as they are, NUL-ended: no quoting of names outside ASCII or with a tab, break or quote.
        '-z',
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
      // `<header>\0\n<status>\0<path>\0…`: the header ends at the first NUL, the entries follow the line break.
      const headerEnd = record.indexOf('\0');
      const header = headerEnd === -1 ? record : record.slice(0, headerEnd);
      const entries =
        headerEnd === -1
          ? []
          : record
              .slice(headerEnd + 1)
              .replace(/^\n/, '')
              .split('\0');
      const [sha = '', author = '', date = '', subject = ''] = header.split(FIELD);
      const commit: Commit = { sha, shortSha: sha.slice(0, 7), author, date, subject, ...(commitUrl ? { url: commitUrl(sha) } : {}) };
      const files = [...new Set(moves.touched(entries))].filter((file) => /\.ya?ml$/.test(file)).map(displayPath);
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
