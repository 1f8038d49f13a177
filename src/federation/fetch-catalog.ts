// Fetches another repository's catalog.json from where dossier.yaml says it is published: a path,
// an https URL (cached by ETag), or `git+<url>#<ref>:<path>` (cached by commit). Every answer is
// cached under `.dossier/cache/catalogs/`, so `--offline` works from the last successful fetch.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtemp, readFile, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../ground/atomic-write.js';
import { machineKey } from '../ground/machine-key.js';
import { isWithin } from '../ground/contained-path.js';

/** Larger catalogs are refused: 100k entities take about a fifth of this. */
export const MAX_CATALOG_BYTES = 512 * 1024 * 1024;
const MAX_REDIRECTS = 3;

export interface FetchOptions {
  /** Relative catalog paths are relative to this folder (dossier.yaml's). */
  rootDir: string;
  /** The folders a local catalog may be read from: the repository's, and those the user allowed. */
  readableDirs: readonly string[];
  /** Where fetched catalogs are kept: `.dossier/cache/catalogs` of the repository; none: nothing is kept. */
  cacheDir: string | undefined;
  /** Use the cache only. */
  offline: boolean;
  /** Milliseconds before a fetch, body included, is given up. */
  timeoutMs: number;
  /** Larger catalogs are refused (MAX_CATALOG_BYTES unless a test says otherwise). */
  maxBytes: number;
}

export interface FetchedCatalog {
  text: string;
  /** Where it came from: `cache` when offline or when the server said it had not changed. */
  via: 'file' | 'network' | 'cache';
}

/** A catalog that could not be fetched, with the reason in words. */
export class FetchError extends Error {
  override readonly name = 'FetchError';
}

interface CacheEntry {
  text: string;
  etag: string | undefined;
}

function cacheFile(cacheDir: string, source: string): string {
  return path.join(cacheDir, `${createHash('sha256').update(source).digest('hex').slice(0, 32)}.json`);
}

/** A cache entry is signed with this machine's key: one committed to the repository or forged is no cache. */
function signature(source: string, entry: CacheEntry): Buffer {
  return createHmac('sha256', machineKey())
    .update(JSON.stringify([source, entry.etag ?? null]))
    .update(entry.text)
    .digest();
}

async function readCache(options: FetchOptions, source: string): Promise<CacheEntry | undefined> {
  if (options.cacheDir === undefined) return undefined;
  try {
    const entry = JSON.parse(await readFile(cacheFile(options.cacheDir, source), 'utf8')) as unknown;
    // A cache entry from elsewhere, or cut short, is ignored, never trusted.
    if (typeof entry !== 'object' || entry === null || !('text' in entry) || typeof entry.text !== 'string') return undefined;
    if (!('signature' in entry) || typeof entry.signature !== 'string') return undefined;
    const etag = 'etag' in entry && typeof entry.etag === 'string' ? entry.etag : undefined;
    const read = { text: entry.text, etag };
    const stored = Buffer.from(entry.signature, 'hex');
    const expected = signature(source, read);
    return stored.length === expected.length && timingSafeEqual(stored, expected) ? read : undefined;
  } catch {
    return undefined;
  }
}

async function writeCache(options: FetchOptions, source: string, entry: CacheEntry): Promise<void> {
  if (options.cacheDir === undefined) return;
  const signed = signature(source, entry).toString('hex');
  await writeFileAtomic(
    cacheFile(options.cacheDir, source),
    JSON.stringify({ source, etag: entry.etag, text: entry.text, signature: signed }),
  );
}

export async function fetchCatalog(source: string, options: FetchOptions): Promise<FetchedCatalog> {
  if (source.startsWith('git+')) return fetchFromGit(source, options);
  if (/^https?:\/\//i.test(source)) return fetchOverHttp(source, options);
  return readLocalCatalog(source, options);
}

async function readLocalCatalog(source: string, options: FetchOptions): Promise<FetchedCatalog> {
  let file: string;
  try {
    file = await realpath(path.resolve(options.rootDir, source));
  } catch (error) {
    const missing = error instanceof Error && 'code' in error && error.code === 'ENOENT';
    throw new FetchError(missing ? `there is no file ${source} (relative to dossier.yaml)` : `cannot read ${source}: ${describe(error)}`);
  }
  // dossier.yaml may come from a pull request: it must not make Dossier read (and report on) any file of the machine.
  if (!(await isReadable(file, options)))
    throw new FetchError(
      `${source} is outside the repository; a catalog elsewhere on this machine is read only from a folder listed in DOSSIER_CATALOG_PATHS`,
    );
  try {
    const stats = await stat(file);
    if (!stats.isFile()) throw new FetchError(`${source} is not a file`);
    if (stats.size > options.maxBytes) throw new FetchError(`${source} is larger than ${options.maxBytes} bytes`);
    return { text: await readFile(file, 'utf8'), via: 'file' };
  } catch (error) {
    if (error instanceof FetchError) throw error;
    throw new FetchError(`cannot read ${source}: ${describe(error)}`);
  }
}

/** Whether a real path is inside one of the folders local catalogs may be read from (their links followed). */
async function isReadable(real: string, options: FetchOptions): Promise<boolean> {
  const folders = await Promise.all(options.readableDirs.map((dir) => realpath(dir).catch(() => path.resolve(dir))));
  return folders.some((folder) => isWithin(folder, real));
}

function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

async function fetchOverHttp(source: string, options: FetchOptions): Promise<FetchedCatalog> {
  const cached = await readCache(options, source);
  if (options.offline) {
    if (cached === undefined) throw new FetchError(`offline, and ${source} has never been fetched`);
    return { text: cached.text, via: 'cache' };
  }
  let url = new URL(source);
  if (url.protocol !== 'https:' && !isLoopback(url)) throw new FetchError(`${source} is not https; catalogs are fetched over https only`);
  for (let redirects = 0; ; redirects++) {
    let response: Response;
    try {
      response = await fetch(url, {
        redirect: 'manual',
        headers: cached?.etag === undefined ? {} : { 'if-none-match': cached.etag },
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new FetchError(
        timedOut ? `${url.href} did not answer within ${options.timeoutMs} ms` : `cannot reach ${url.href}: ${describe(error)}`,
      );
    }
    if (response.status === 304 && cached !== undefined) return { text: cached.text, via: 'cache' };
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      const next = location === null ? undefined : new URL(location, url);
      // A redirect to another host, or from https to http, could hand the catalog's trust to someone else.
      if (next?.host !== url.host || next.protocol !== url.protocol || redirects >= MAX_REDIRECTS)
        throw new FetchError(
          `${url.href} redirects to ${next?.href ?? 'nowhere'}; only redirects within ${url.protocol}//${url.host} are followed`,
        );
      url = next;
      continue;
    }
    if (!response.ok) throw new FetchError(`${url.href} answered HTTP ${response.status}`);
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > options.maxBytes) throw new FetchError(`${url.href} is ${length} bytes, over the limit of ${options.maxBytes}`);
    const text = await readBody(response, url, options);
    await writeCache(options, source, { text, etag: response.headers.get('etag') ?? undefined });
    return { text, via: 'network' };
  }
}

/** The body, read until it ends, passes the size limit or the time limit: whichever comes first. */
async function readBody(response: Response, url: URL, options: FetchOptions): Promise<string> {
  const body = response.body;
  if (body === null) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > options.maxBytes) {
        await body.cancel().catch(() => undefined);
        throw new FetchError(`${url.href} sent more than the limit of ${options.maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new FetchError(
      timedOut ? `${url.href} did not send the catalog within ${options.timeoutMs} ms` : `${url.href} broke off: ${describe(error)}`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new FetchError(`${url.href} did not send UTF-8 text`);
  }
}

/** `git+<url>#<ref>:<path>` */
export function parseGitSource(source: string): { url: string; ref: string; file: string } | undefined {
  const match = /^git\+(.+)#([^:#]+):(.+)$/.exec(source);
  if (match === null) return undefined;
  const [, url = '', ref = '', file = ''] = match;
  return { url, ref, file };
}

async function fetchFromGit(source: string, options: FetchOptions): Promise<FetchedCatalog> {
  const parsed = parseGitSource(source);
  if (parsed === undefined) throw new FetchError(`${source} is not of the form git+<url>#<ref>:<path>`);
  const fetchable = await checkGitUrl(parsed.url, options);
  const cached = await readCache(options, source);
  if (options.offline) {
    if (cached === undefined) throw new FetchError(`offline, and ${source} has never been fetched`);
    return { text: cached.text, via: 'cache' };
  }
  const scratch = await mkdtemp(path.join(tmpdir(), 'dossier-git-'));
  try {
    // Loaded here, not with the module: a repository without git dependencies never starts git.
    const { simpleGit } = await import('simple-git');
    const git = simpleGit({ baseDir: scratch, timeout: { block: options.timeoutMs } });
    await git.init(true);
    try {
      await git.raw(['fetch', '--quiet', '--depth', '1', '--end-of-options', fetchable, parsed.ref]);
    } catch (error) {
      throw new FetchError(`cannot fetch ${parsed.ref} from ${parsed.url}: ${firstLine(describe(error))}`);
    }
    let text: string;
    try {
      // The size first: a small repository can hold a file that inflates to gigabytes.
      const size = Number((await git.raw(['cat-file', '-s', `FETCH_HEAD:${parsed.file}`])).trim());
      if (!(size <= options.maxBytes)) throw new FetchError(`${source} is ${size} bytes, over the limit of ${options.maxBytes}`);
      text = await git.raw(['show', `FETCH_HEAD:${parsed.file}`]);
    } catch (error) {
      if (error instanceof FetchError) throw error;
      throw new FetchError(`${parsed.url} at ${parsed.ref} has no file ${parsed.file}`);
    }
    await writeCache(options, source, { text, etag: undefined });
    return { text, via: 'network' };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * A git URL catalogs may be fetched from: https or ssh (encrypted and authenticated), http on this
 * machine, or a repository on disk inside the folders local catalogs may be read from. Plain
 * http, git://, ext:: and other transports are refused.
 */
async function checkGitUrl(url: string, options: FetchOptions): Promise<string> {
  if (/^(https|ssh):\/\//i.test(url) || /^[\w.-]+@[\w.-]+:(?!\/\/)/.test(url)) return url;
  if (/^http:\/\//i.test(url) && isLoopback(new URL(url))) return url;
  // git decodes a file URL's path (`%2F..%2F`): it is checked, and given to git, decoded.
  const local = /^file:\/\//i.test(url) ? fileUrlPath(url) : /^[a-z][a-z0-9+.-]*:/i.test(url) ? undefined : url;
  if (local === undefined) throw new FetchError(`${url} is not an https or ssh URL; git catalogs are fetched over https or ssh only`);
  const real = await realpath(path.resolve(options.rootDir, local)).catch(() => path.resolve(options.rootDir, local));
  if (!(await isReadable(real, options)))
    throw new FetchError(
      `${url} is outside the repository; a git repository elsewhere on this machine is read only from a folder listed in DOSSIER_CATALOG_PATHS`,
    );
  // The path checked is the one git reads: git runs in a scratch folder, where a relative path means another.
  return real;
}

function fileUrlPath(url: string): string {
  try {
    return fileURLToPath(url);
  } catch {
    throw new FetchError(`${url} is not a file URL git can read`);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
  return String(error);
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? text;
}
