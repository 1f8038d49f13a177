// What an earlier build left in the site's folder: its manifest (what each file was rendered from),
// the journal of a rebuild stopped half-way, and what killed builds abandoned. A folder that holds
// anything Dossier did not make is refused here, before a build touches it.

import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../ground/errors.js';

export const SITE_MARKER = '.dossier-site';
/** What each file was made from: `{ "<page>": "<hash of its inputs>" }`, and `"written"` for the rest. */
export const SITE_MANIFEST = '.dossier-site-manifest.json';
/**
 * The files a rebuild is about to replace or remove, written before it touches the site and removed
 * after its manifest is: a rebuild stopped half-way leaves them listed, and the next build takes none
 * of them over (and knows them as Dossier's).
 */
export const SITE_JOURNAL = '.dossier-site-journal.json';
/** The manifest's value for a file that is not a page rendered from inputs (assets, catalog.json): never taken over. */
export const WRITTEN = 'written';
/** Left alone wherever the site is built: a gh-pages clone's history. */
const KEPT = '.git';

/** A segment that is empty, `.` or `..`, or a backslash or NUL anywhere. */
const UNSAFE_SEGMENT = /(?:^|\/)\.{0,2}(?:\/|$)|[\\\0]/;
/** The first segment `.git`, in any case. */
const IN_KEPT = /^\.git(?:\/|$)/i;

/**
 * Whether a path relative to the site stays inside it as one file: no `..`, no empty or `.`
 * segment, no backslash, not absolute, not in `.git`. (Two regular expressions, not a split: a
 * rebuild checks every path of its manifest.)
 */
export function isSitePath(relativePath: string): boolean {
  return !UNSAFE_SEGMENT.test(relativePath) && !IN_KEPT.test(relativePath);
}

/** The manifest of the site in `outDir`: undefined when it is missing, unreadable, or names a file outside the site. */
function readManifest(outDir: string): Map<string, string> | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(path.join(outDir, SITE_MANIFEST), 'utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const manifest = new Map<string, string>();
    // for…in, not Object.entries: an array per file, made only to be taken apart, was half the time (bench/RESULTS.md).
    for (const file in value) {
      const inputs = (value as Record<string, unknown>)[file];
      if (typeof inputs !== 'string' || !isSitePath(file)) return undefined;
      manifest.set(file, inputs);
    }
    return manifest;
  } catch {
    return undefined;
  }
}

/**
 * What the build in `outDir` made, by its manifest: undefined when there is nothing there (the new
 * site takes the folder's place). A folder that holds anything Dossier did not make, by the marker and
 * a manifest that stays inside it, is refused; a git checkout's `.git` is kept wherever the site goes.
 */
export function previousBuild(outDir: string): Map<string, string> | undefined {
  if (lstatSync(outDir, { throwIfNoEntry: false })?.isSymbolicLink() === true)
    throw new UsageError(
      `${outDir} is a link; build into the folder it points to (${realpathIfAny(outDir) ?? 'nowhere'}), or into a new folder.`,
    );
  let entries: string[];
  try {
    entries = readdirSync(outDir);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw new UsageError(`${outDir} is not a folder the site can be built in (${error instanceof Error ? error.message : String(error)}).`);
  }
  const others = entries.filter((entry) => entry !== KEPT);
  if (entries.length === 0) return undefined;
  if (others.length === 0) return new Map();
  if (!others.includes(SITE_MARKER))
    throw new UsageError(
      `${outDir} exists and was not made by \`dossier build\`; not replacing it. Choose another --out, or empty the folder.`,
    );
  const manifest = readManifest(outDir);
  if (manifest === undefined)
    throw new UsageError(
      `${outDir} has a ${SITE_MARKER} marker but no manifest of what Dossier wrote there (${SITE_MANIFEST}), so what is Dossier's cannot be told apart; not touching it. Choose another --out, or empty the folder.`,
    );
  distrustJournaled(outDir, manifest);
  return manifest;
}

/**
 * The files a rebuild stopped half-way was replacing or removing (its journal), marked in the manifest
 * as written, never taken over. A journal that cannot be read marks every file so.
 */
function distrustJournaled(outDir: string, manifest: Map<string, string>): void {
  let journaled: unknown;
  try {
    journaled = JSON.parse(readFileSync(path.join(outDir, SITE_JOURNAL), 'utf8'));
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return;
    journaled = undefined;
  }
  const files =
    Array.isArray(journaled) && journaled.every((file) => typeof file === 'string' && isSitePath(file))
      ? (journaled as string[])
      : [...manifest.keys()];
  for (const file of files) manifest.set(file, WRITTEN);
}

/** What an atomic write of the manifest or the journal leaves when it is killed before its rename. */
const ABANDONED_WRITE = /^\.dossier-site-(?:manifest|journal)\.json\.[0-9a-f]{12}\.tmp$/;

/** The temporary files of a manifest or journal a killed rebuild was writing: in no manifest, they would be published. */
export function removeAbandonedWrites(outDir: string): void {
  for (const name of readdirSync(outDir)) if (ABANDONED_WRITE.test(name)) rmSync(path.join(outDir, name), { force: true });
}

/** Staging folders of builds that were killed (their process is gone) are removed. */
export function removeAbandonedStaging(outDir: string): void {
  const prefix = `${path.basename(outDir)}.`;
  let siblings: string[];
  try {
    siblings = readdirSync(path.dirname(outDir));
  } catch {
    return;
  }
  for (const name of siblings) {
    if (!name.startsWith(prefix)) continue;
    const pid = /^(\d+)-[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length))?.[1];
    if (pid !== undefined && !isRunning(Number(pid))) rmSync(path.join(path.dirname(outDir), name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

export function realpathIfAny(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

/** Every file under `dir`, by its path relative to it with `/` between folders (as the manifest names pages). */
export function filesIn(dir: string, folder = '', files: string[] = []): string[] {
  for (const entry of readdirSync(folder === '' ? dir : path.join(dir, folder), { withFileTypes: true })) {
    if (folder === '' && entry.name === KEPT) continue;
    const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (entry.isDirectory()) filesIn(dir, relative, files);
    else files.push(relative);
  }
  return files;
}

/** Whether `outDir` holds a site an earlier build made: building there again is a rebuild, worth keeping caches for. */
export function isBuiltSite(outDir: string): boolean {
  return existsSync(path.join(outDir, SITE_MANIFEST));
}
