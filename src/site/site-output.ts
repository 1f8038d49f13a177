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
  lstatSync,
  mkdirSync,
  openSync,
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
import {
  filesIn,
  isSitePath,
  previousBuild,
  realpathIfAny,
  removeAbandonedStaging,
  removeAbandonedWrites,
  SITE_JOURNAL,
  SITE_MANIFEST,
  SITE_MARKER,
  WRITTEN,
} from './previous-site.js';

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

/**
 * The manifest as JSON, pages in order, written entry by entry: an object of eleven thousand keys
 * made only to be stringified was measurably slower (bench/RESULTS.md).
 */
function manifestText(manifest: ReadonlyMap<string, string>): string {
  const pages = [...manifest.keys()].sort();
  return `{${pages.map((page) => `${JSON.stringify(page)}:${JSON.stringify(manifest.get(page))}`).join(',')}}\n`;
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
