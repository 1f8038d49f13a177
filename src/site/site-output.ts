// The site's output folder: files are written to a staging folder next to it, so that a build that
// fails leaves the old site as it was. A first build replaces the folder in one rename. A manifest
// records what each page was rendered from (a hash of its template inputs); a rebuild leaves a page
// whose inputs are unchanged where it is, moves only the files it wrote into place and removes what
// it no longer makes (the cost of a rebuild follows what changed, not the site's size). A folder
// Dossier did not make is never replaced.

import { randomBytes } from 'node:crypto';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { UsageError } from '../ground/errors.js';
import { contentHash } from '../ground/content-hash.js';
import { writeChunksSync } from '../ground/atomic-write.js';

export const SITE_MARKER = '.dossier-site';
/** What each page was rendered from: `{ "<page>": "<hash of its inputs>" }`. */
export const SITE_MANIFEST = '.dossier-site-manifest.json';

function readManifest(outDir: string): Map<string, string> {
  try {
    const value: unknown = JSON.parse(readFileSync(path.join(outDir, SITE_MANIFEST), 'utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return new Map();
    return new Map(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return new Map();
  }
}

export class SiteOutput {
  readonly outDir: string;
  readonly #staging: string;
  readonly #previous: ReadonlyMap<string, string>;
  /** The files of the site being rebuilt, relative to it; undefined for a first build. */
  readonly #existing: ReadonlySet<string> | undefined;
  readonly #manifest = new Map<string, string>();
  readonly #folders = new Set<string>();
  #count = 0;

  constructor(outDir: string) {
    this.outDir = path.resolve(outDir);
    guardOutputFolder(this.outDir);
    this.#staging = `${this.outDir}.${randomBytes(4).toString('hex')}.tmp`;
    this.#previous = readManifest(this.outDir);
    this.#existing = this.#previous.size > 0 ? new Set(filesIn(this.outDir)) : undefined;
  }

  /** Whether a site built here before is being built again (its manifest was there). */
  get rebuilding(): boolean {
    return this.#existing !== undefined;
  }

  /**
   * Takes a page rendered from inputs whose hash is `inputs` over from the previous build when it
   * rendered the same; otherwise returns where to write it (its folder made), counted as written.
   */
  claim(relativePath: string, inputs: string): string | undefined {
    if (this.takeOver(relativePath, inputs)) return undefined;
    this.#manifest.set(relativePath, inputs);
    const full = path.join(this.#staging, relativePath);
    this.#folder(path.dirname(full));
    this.#count++;
    return full;
  }

  /**
   * Takes a page over from the previous build when it rendered it from the same inputs and it is
   * still there: it stays where it is. A page already placed from the same inputs stays as it is (an
   * entity whose pages could not all be taken over is built, and claims again the ones that were).
   */
  takeOver(relativePath: string, inputs: string): boolean {
    if (this.#manifest.get(relativePath) === inputs) return true;
    if (this.#previous.get(relativePath) !== inputs || this.#existing?.has(relativePath) !== true) return false;
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

  write(relativePath: string, content: string | Uint8Array): void {
    const full = path.join(this.#staging, relativePath);
    this.#folder(path.dirname(full));
    writeFileSync(full, content);
    this.#count++;
  }

  /** Makes a folder of the staging tree once, not once per page in it. */
  #folder(folder: string): void {
    if (this.#folders.has(folder)) return;
    mkdirSync(folder, { recursive: true });
    this.#folders.add(folder);
  }

  /** Writes a large file piece by piece, never holding it whole. */
  writeChunks(relativePath: string, chunks: Iterable<string | Uint8Array>): void {
    const full = path.join(this.#staging, relativePath);
    mkdirSync(path.dirname(full), { recursive: true });
    const descriptor = openSync(full, 'w');
    try {
      writeChunksSync(descriptor, chunks);
    } finally {
      closeSync(descriptor);
    }
    this.#count++;
  }

  copyFolder(from: string, relativePath: string): void {
    cpSync(from, path.join(this.#staging, relativePath), { recursive: true });
  }

  /** Puts the finished site in place of the old one. */
  commit(): void {
    this.write(SITE_MARKER, 'This folder is generated by `dossier build`; every build rewrites it.\n');
    const manifest = manifestText(this.#manifest);
    if (this.#existing === undefined) {
      this.write(SITE_MANIFEST, manifest);
      rmSync(this.outDir, { recursive: true, force: true });
      renameSync(this.#staging, this.outDir);
    } else {
      this.#updateInPlace(this.#existing, manifest);
      this.discard();
    }
  }

  /** Moves the files written into the old site, removes those it no longer has, and writes the manifest last. */
  #updateInPlace(existing: ReadonlySet<string>, manifest: string): void {
    // Without its manifest the folder is built whole next time: a rebuild stopped half-way is never taken over from.
    rmSync(path.join(this.outDir, SITE_MANIFEST), { force: true });
    const staged = filesIn(this.#staging);
    const made = new Set([...this.#manifest.keys(), ...staged]);
    removeFiles(
      this.outDir,
      [...existing].filter((file) => file !== SITE_MANIFEST && !made.has(file)),
    );
    const folders = new Set<string>();
    for (const file of staged) {
      const target = path.join(this.outDir, file);
      const folder = path.dirname(target);
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      try {
        renameSync(path.join(this.#staging, file), target);
      } catch {
        // A folder where the file goes (the site's layout changed): it goes.
        rmSync(target, { recursive: true, force: true });
        renameSync(path.join(this.#staging, file), target);
      }
    }
    writeFileSync(path.join(this.outDir, SITE_MANIFEST), manifest);
    this.#count++;
  }

  discard(): void {
    rmSync(this.#staging, { recursive: true, force: true });
  }
}

/**
 * The manifest as JSON, pages in order, written entry by entry: an object of 11k keys made to be
 * stringified took 70 ms at 10k entities.
 */
function manifestText(manifest: ReadonlyMap<string, string>): string {
  const entries = [...manifest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([page, inputs]) => `${JSON.stringify(page)}:${JSON.stringify(inputs)}`).join(',')}}\n`;
}

/** Every file under `dir`, by its path relative to it with `/` between folders (as the manifest names pages). */
function filesIn(dir: string, folder = '', files: string[] = []): string[] {
  for (const entry of readdirSync(folder === '' ? dir : path.join(dir, folder), { withFileTypes: true })) {
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

function guardOutputFolder(outDir: string): void {
  if (!existsSync(outDir)) return;
  const entries = readdirSync(outDir);
  if (entries.length > 0 && !entries.includes(SITE_MARKER)) {
    throw new UsageError(
      `${outDir} exists and was not made by \`dossier build\`; not replacing it. Choose another --out, or empty the folder.`,
    );
  }
}

/** Whether `outDir` holds a site an earlier build made: building there again is a rebuild, worth keeping caches for. */
export function isBuiltSite(outDir: string): boolean {
  return existsSync(path.join(outDir, SITE_MANIFEST));
}
