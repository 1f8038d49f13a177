// The site's output folder: files are written to a staging folder next to it, so that a build that
// fails leaves the old site as it was. A first build replaces the folder in one rename. A manifest
// records what each page was rendered from (a hash of its template inputs); a rebuild leaves a page
// whose inputs are unchanged where it is, moves only the files it wrote into place and removes what
// it no longer makes (the cost of a rebuild follows what changed, not the site's size), having first
// journaled those files, so that a rebuild stopped half-way takes none of them over the next time.
// A folder Dossier did not make is never replaced.

import { randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { ConfigError, UsageError } from '../ground/errors.js';
import { contentHash } from '../ground/content-hash.js';
import { writeChunksSync, writeFileAtomicSync } from '../ground/atomic-write.js';
import { isWithin } from '../ground/contained-path.js';

export const SITE_MARKER = '.dossier-site';
/** What each file was made from: `{ "<page>": "<hash of its inputs>" }`, and `"written"` for the rest. */
export const SITE_MANIFEST = '.dossier-site-manifest.json';
/**
 * The files a rebuild is about to replace or remove, written before it touches the site and removed
 * after its manifest is: a rebuild stopped half-way leaves them listed, and the next build takes none
 * of them over (and knows them as Dossier's).
 */
const SITE_JOURNAL = '.dossier-site-journal.json';
/** The manifest's value for a file that is not a page rendered from inputs (assets, catalog.json): never taken over. */
const WRITTEN = 'written';
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
    for (const [file, inputs] of Object.entries(value)) {
      if (typeof inputs !== 'string' || !isSitePath(file)) return undefined;
      manifest.set(file, inputs);
    }
    return manifest;
  } catch {
    return undefined;
  }
}

export class SiteOutput {
  readonly outDir: string;
  readonly #staging: string;
  /** What the previous build made here, by its manifest; empty for a first build. */
  readonly #previous: ReadonlyMap<string, string>;
  /** The files in the folder being built into, relative to it; undefined when the built site replaces the folder whole. */
  readonly #existing: ReadonlySet<string> | undefined;
  readonly #manifest = new Map<string, string>();
  readonly #folders = new Set<string>();
  #count = 0;

  constructor(outDir: string) {
    this.outDir = path.resolve(outDir);
    const previous = previousBuild(this.outDir);
    this.#previous = previous ?? new Map();
    this.#existing = previous === undefined ? undefined : new Set(filesIn(this.outDir));
    removeAbandonedStaging(this.outDir);
    if (previous !== undefined) removeAbandonedWrites(this.outDir);
    this.#staging = `${this.outDir}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  }

  /** Whether a site built here before is being built again (its manifest was there). */
  get rebuilding(): boolean {
    return this.#previous.size > 0;
  }

  /** Where a file of the site is staged; a path that would leave the site is refused. */
  #staged(relativePath: string): string {
    if (!isSitePath(relativePath))
      throw new UsageError(`Refusing to write ${JSON.stringify(relativePath)}: it is not a path inside the site.`);
    return path.join(this.#staging, relativePath);
  }

  /**
   * Takes a page rendered from inputs whose hash is `inputs` over from the previous build when it
   * rendered the same; otherwise returns where to write it (its folder made), counted as written.
   */
  claim(relativePath: string, inputs: string): string | undefined {
    if (this.takeOver(relativePath, inputs)) return undefined;
    const full = this.#staged(relativePath);
    this.#manifest.set(relativePath, inputs);
    this.#folder(path.dirname(full));
    this.#count++;
    return full;
  }

  /**
   * Takes a page over from the previous build when it rendered it from the same inputs and it is
   * still there: it stays where it is. A page already placed from the same inputs stays as it is (an
   * entity whose pages could not all be taken over is built, and claims again the ones that were);
   * one placed from other inputs (two lists whose pages share a path) is written again, so that the
   * last one made wins, as in a cold build.
   */
  takeOver(relativePath: string, inputs: string): boolean {
    const placed = this.#manifest.get(relativePath);
    if (placed !== undefined) return placed === inputs;
    if (inputs === WRITTEN || this.#previous.get(relativePath) !== inputs || this.#existing?.has(relativePath) !== true) return false;
    this.#manifest.set(relativePath, inputs);
    this.#count++;
    return true;
  }

  /** Files written so far. */
  get count(): number {
    return this.#count;
  }

  /**
   * Writes a file that the manifest records by its content's hash, as a page by its inputs': one the
   * previous build wrote the same is taken over. Returns the hash.
   */
  place(relativePath: string, content: string): string {
    const hash = contentHash(content);
    const file = this.claim(relativePath, hash);
    if (file !== undefined) writeFileSync(file, content);
    return hash;
  }

  /** Where to write a file that is not taken over from the last build (its folder made), recorded as written. */
  #written(relativePath: string): string {
    const full = this.#staged(relativePath);
    this.#folder(path.dirname(full));
    // Dossier's assets, then the repository's over them: one file.
    if (this.#manifest.get(relativePath) !== WRITTEN) this.#count++;
    this.#manifest.set(relativePath, WRITTEN);
    return full;
  }

  write(relativePath: string, content: string | Uint8Array): void {
    writeFileSync(this.#written(relativePath), content);
  }

  /** Makes a folder of the staging tree once, not once per page in it. */
  #folder(folder: string): void {
    if (this.#folders.has(folder)) return;
    mkdirSync(folder, { recursive: true });
    this.#folders.add(folder);
  }

  /** Writes a large file piece by piece, never holding it whole. */
  writeChunks(relativePath: string, chunks: Iterable<string | Uint8Array>): void {
    const descriptor = openSync(this.#written(relativePath), 'w');
    try {
      writeChunksSync(descriptor, chunks);
    } finally {
      closeSync(descriptor);
    }
  }

  /** Copies one file into the site (the logo of dossier.yaml, checked to be inside the repository when it was read). */
  copyFile(source: string, relativePath: string): void {
    copyFileSync(source, this.#written(relativePath));
  }

  /**
   * Copies a folder's files into the site. A link is copied as the file it points to, and only when
   * that file is inside `within` (a template folder linking to /etc/passwd must not publish it).
   */
  copyFolder(from: string, relativePath: string, within: string = from): void {
    const root = realpathSync(within);
    for (const file of filesIn(from)) {
      const source = path.join(from, file);
      const real = realpathSync(source);
      if (!isWithin(root, real))
        throw new ConfigError(
          'site-template',
          `${source} links to ${real}, outside ${within}; the site copies only files inside its template folder.`,
        );
      if (!statSync(real).isFile()) continue;
      copyFileSync(real, this.#written(`${relativePath}/${file}`));
    }
  }

  /** Puts the finished site in place of the old one. */
  commit(): void {
    this.write(SITE_MARKER, 'This folder is generated by `dossier build`; every build rewrites what it wrote.\n');
    const manifest = manifestText(this.#manifest);
    if (this.#existing === undefined) {
      writeFileSync(path.join(this.#staging, SITE_MANIFEST), manifest);
      rmSync(this.outDir, { recursive: true, force: true });
      renameSync(this.#staging, this.outDir);
    } else {
      this.#updateInPlace(this.#existing, manifest);
      this.discard();
    }
  }

  /**
   * Moves the files written into the old site, removes those of the last build it no longer makes,
   * and writes the manifest last. The journal lists what changes until then.
   */
  #updateInPlace(existing: ReadonlySet<string>, manifest: string): void {
    const staged = filesIn(this.#staging);
    const stagedSet = new Set(staged);
    const inside = insideSite(this.outDir);
    const removed = [...this.#previous.keys()].filter(
      (file) => existing.has(file) && !this.#manifest.has(file) && !stagedSet.has(file) && inside(path.dirname(file)),
    );
    writeFileAtomicSync(path.join(this.outDir, SITE_JOURNAL), `${JSON.stringify([...staged, ...removed])}\n`);
    removeFiles(this.outDir, removed);
    const folders = new Set<string>();
    for (const file of staged) {
      const target = path.join(this.outDir, file);
      const folder = path.dirname(target);
      if (!folders.has(folder)) {
        if (!inside(path.dirname(file)))
          throw new UsageError(
            `${folder} links out of ${this.outDir}; the site is written only inside its folder. Remove the link, or build into a new folder.`,
          );
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      try {
        renameSync(path.join(this.#staging, file), target);
      } catch (error) {
        this.#replaceFolder(file, error);
      }
    }
    writeFileAtomicSync(path.join(this.outDir, SITE_MANIFEST), manifest);
    rmSync(path.join(this.outDir, SITE_JOURNAL), { force: true });
    this.#count++;
  }

  /** A folder where a file now goes (the site's layout changed) goes, when every file in it was the last build's. */
  #replaceFolder(file: string, error: unknown): void {
    const target = path.join(this.outDir, file);
    const inside = lstatSync(target).isDirectory() ? filesIn(target).map((name) => `${file}/${name}`) : undefined;
    if (!inside?.every((name) => this.#previous.has(name))) throw error;
    rmSync(target, { recursive: true, force: true });
    renameSync(path.join(this.#staging, file), target);
  }

  discard(): void {
    rmSync(this.#staging, { recursive: true, force: true });
  }
}

/**
 * What the build in `outDir` made, by its manifest: undefined when there is nothing there (the new
 * site takes the folder's place). A folder that holds anything Dossier did not make, by the marker and
 * a manifest that stays inside it, is refused; a git checkout's `.git` is kept wherever the site goes.
 */
function previousBuild(outDir: string): Map<string, string> | undefined {
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

/**
 * Whether a folder of the site (relative to it) is really inside it: a folder that is a link out of
 * the site (planted in a checked-out pages branch, say) is neither written into nor removed from.
 */
function insideSite(outDir: string): (folder: string) => boolean {
  const root = realpathSync(outDir);
  const known = new Map<string, boolean>([['.', true]]);
  const inside = (folder: string): boolean => {
    let answer = known.get(folder);
    if (answer === undefined) {
      // A folder not made yet is where its nearest existing parent is.
      const real = realpathIfAny(path.join(outDir, folder));
      answer = real === undefined ? inside(path.dirname(folder)) : isWithin(root, real);
      known.set(folder, answer);
    }
    return answer;
  };
  return inside;
}

/** What an atomic write of the manifest or the journal leaves when it is killed before its rename. */
const ABANDONED_WRITE = /^\.dossier-site-(?:manifest|journal)\.json\.[0-9a-f]{12}\.tmp$/;

/** The temporary files of a manifest or journal a killed rebuild was writing: in no manifest, they would be published. */
function removeAbandonedWrites(outDir: string): void {
  for (const name of readdirSync(outDir)) if (ABANDONED_WRITE.test(name)) rmSync(path.join(outDir, name), { force: true });
}

/** Staging folders of builds that were killed (their process is gone) are removed. */
function removeAbandonedStaging(outDir: string): void {
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

function realpathIfAny(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

/**
 * The manifest as JSON, pages in order, written entry by entry: an object of eleven thousand keys
 * made only to be stringified was measurably slower (bench/RESULTS.md).
 */
function manifestText(manifest: ReadonlyMap<string, string>): string {
  const pages = [...manifest.keys()].sort();
  return `{${pages.map((page) => `${JSON.stringify(page)}:${JSON.stringify(manifest.get(page))}`).join(',')}}\n`;
}

/** Every file under `dir`, by its path relative to it with `/` between folders (as the manifest names pages). */
function filesIn(dir: string, folder = '', files: string[] = []): string[] {
  for (const entry of readdirSync(folder === '' ? dir : path.join(dir, folder), { withFileTypes: true })) {
    if (folder === '' && entry.name === KEPT) continue;
    const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (entry.isDirectory()) filesIn(dir, relative, files);
    else files.push(relative);
  }
  return files;
}

/** Removes these files of `dir`, and the folders they leave empty. */
function removeFiles(dir: string, files: readonly string[]): void {
  const folders = new Set<string>();
  for (const file of files) {
    rmSync(path.join(dir, file), { force: true });
    for (let folder = path.dirname(file); folder !== '.'; folder = path.dirname(folder)) folders.add(folder);
  }
  // Deepest first, so that a folder emptied by removing its empty subfolders goes too.
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(path.join(dir, folder));
    } catch {
      // Not empty: something of the new site is in it.
    }
  }
}

/** Whether `outDir` holds a site an earlier build made: building there again is a rebuild, worth keeping caches for. */
export function isBuiltSite(outDir: string): boolean {
  return existsSync(path.join(outDir, SITE_MANIFEST));
}
