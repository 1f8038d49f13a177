// Links from reports to files on GitHub at a given commit.

import path from 'node:path';

/** A link to a file's line at the head commit, or at the base commit for what is only there. */
export type FileLinker = (file: string, line: number, atBase?: boolean) => string | undefined;

/** The repository's web URL: the flag when given, else GitHub Actions' GITHUB_SERVER_URL and GITHUB_REPOSITORY. */
export function repositoryUrl(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (flag !== undefined) return flag;
  if (env.GITHUB_REPOSITORY) return `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}`;
  return undefined;
}

/** Links display paths (relative to `cwd`) to their blob at the commits of `shas`, in a repository whose top is `top`. */
export function blobLinker(
  repoUrl: string | undefined,
  shas: { base: string; head: string },
  top: string,
  cwd: string,
): FileLinker | undefined {
  if (repoUrl === undefined || shas.head === '') return undefined;
  return (file, line, atBase = false) => {
    const sha = atBase && shas.base !== '' ? shas.base : shas.head;
    const inRepo = path.relative(top, path.resolve(cwd, file)).split(path.sep).join('/');
    // A diff JSON may come from a fork: a path out of the repository links nowhere, never to another page of the host.
    if (inRepo === '' || inRepo === '..' || inRepo.startsWith('../') || path.isAbsolute(inRepo)) return undefined;
    const encoded = encodeURI(inRepo).replace(/[()?#]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    return `${repoUrl.replace(/\/$/, '')}/blob/${sha}/${encoded}#L${line}`;
  };
}
