// What each entity's pages were built from, kept by a rebuild in `.dossier/cache/` (one state per
// output folder) so that the next build takes an entity's pages over without building their views when
// nothing they showed changed. An entity page records the Catalog lookups its view made
// (`Catalog.readsOf`: the entity, its relations, its neighbours, their versions, the wider lineage)
// and the fingerprint of each answer; with the entity's own inputs (problems, changes, commits of its
// file, audit) and the site's (templates, header, options), that is everything its bytes depend on.
// A build compares the recorded answers with the catalog's: a page whose answers all stand is linked
// from the old site, and the entity's text in catalog.json is taken from the old file.

import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { readKeys, type Catalog, type Relation } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import { contentHash } from '../ground/content-hash.js';

/** What one entity's pages were built from, and the pages with the hash of their inputs. */
interface EntityPages {
  own: string;
  /** Indexes into the state's keys. */
  reads: number[];
  pages: [path: string, inputs: string][];
}

/** What a site's entity pages were built from, as a cache keeps it between builds. */
export interface SitePageState {
  /** Everything every page depends on: templates, Dossier version, the layout's site data, options. */
  site: string;
  keys: string[];
  /** The answer each key had, as a fingerprint. */
  answers: string[];
  entities: Map<string, EntityPages>;
  /** Where each entity's text is in the site's catalog.json ([start, length] in bytes), and that file's hash. */
  catalog?: { hash: string; ranges: [string, number, number][] };
}

export function isSitePageState(value: unknown): value is SitePageState {
  const state = value as Partial<SitePageState> | null;
  return typeof state?.site === 'string' && Array.isArray(state.keys) && Array.isArray(state.answers) && state.entities instanceof Map;
}

/** What identifies an entity's content: the cheapest stable stand-in (its file's content key and place). */
export type EntityKey = (entity: Entity) => string;

const relationsPrint = (relations: readonly Relation[], other: (relation: Relation) => string) =>
  relations.map((r) => `${r.type}>${other(r)}#${r.member ?? ''}@${r.pointer.join('/')}`).join('|');

export class PageState {
  readonly #catalog: Catalog;
  readonly #entityKey: EntityKey;
  #previous: SitePageState | undefined;
  /** Whether each previous key's answer stands, by index, as found. */
  #stands = new Map<number, boolean>();
  readonly #keys: string[] = [];
  #keyIndex = new Map<string, number>();
  readonly #answers: string[] = [];
  readonly #entities = new Map<string, EntityPages>();
  readonly #site: string;
  readonly #outDir: string;
  readonly #kept = new Set<string>();
  #catalogRanges: [string, number, number][] = [];
  #catalogOffset = 0;
  #catalogHash: string | undefined;
  /** Where entities' texts are in the previous catalog.json, as the previous state said. */
  readonly #previousCatalogRanges: SitePageState['catalog'];
  /** The previous catalog.json, open, when it is the one the previous state describes; null once found not to be, or closed. */
  #previousCatalog: { descriptor: number; ranges: Map<string, [number, number]> } | null | undefined;

  /**
   * Going on from the state the previous build of the site in `outDir` kept, when it was built for
   * the same `site` inputs: pages whose recorded lookups answer as before are taken over.
   */
  constructor(outDir: string, catalog: Catalog, entityKey: EntityKey, site: string, previous: SitePageState | undefined) {
    this.#catalog = catalog;
    this.#entityKey = entityKey;
    this.#site = site;
    this.#outDir = outDir;
    this.#previous = previous?.site === site ? previous : undefined;
    this.#previousCatalogRanges = this.#previous?.catalog;
  }

  /** The pages an entity had, when they can be taken over: its own inputs and every lookup its view made stand. */
  unchangedPages(identity: string, own: string): readonly [string, string][] | undefined {
    const before = this.#previous?.entities.get(identity);
    if (before?.own !== own || !before.reads.every((index) => this.#standing(index))) return undefined;
    return before.pages;
  }

  /** Keeps what an entity's pages, built now, were built from: its own inputs, the lookups (`readKeys`) their views made, and the pages. */
  record(identity: string, own: string, reads: Iterable<string>, pages: [string, string][]): void {
    const indexes: number[] = [];
    for (const key of reads) indexes.push(this.#index(key));
    this.#entities.set(identity, { own, reads: indexes, pages });
  }

  /** Keeps an entity's pages as they were (`unchangedPages` found every answer standing). */
  keep(identity: string): void {
    const previous = this.#previous;
    const before = previous?.entities.get(identity);
    if (previous === undefined || before === undefined) return;
    const reads = before.reads.map((index) => this.#index(previous.keys[index] as string, previous.answers[index]));
    this.#entities.set(identity, { own: before.own, reads, pages: before.pages });
    this.#kept.add(identity);
  }

  /**
   * catalog.json as it is written, to know where each entity's text is in it (in bytes): a kept
   * entity's (whose pages read all that its text shows) is read from the previous file next time,
   * piece by piece, never the whole file at once (100 MB at 100k entities).
   */
  *catalogJson(chunks: Iterable<string>): Generator<string> {
    const digest = createHash('sha1');
    try {
      for (const chunk of chunks) {
        digest.update(chunk);
        this.#catalogOffset += Buffer.byteLength(chunk);
        yield chunk;
      }
    } finally {
      if (this.#previousCatalog) closeSync(this.#previousCatalog.descriptor);
      this.#previousCatalog = null;
    }
    this.#catalogHash = digest.digest('hex');
  }

  /** Catalog JSON options that take kept entities' texts from the previous catalog.json and note where each goes. */
  catalogReuse(): { reuse: (entity: Entity) => string | undefined; written: (entity: Entity, text: string) => void } {
    return {
      reuse: (entity) => {
        if (!this.#kept.has(entity.identity)) return undefined;
        const previous = this.#openPreviousCatalog();
        const range = previous?.ranges.get(entity.identity);
        if (previous === undefined || range === undefined) return undefined;
        const bytes = Buffer.allocUnsafe(range[1]);
        return readSync(previous.descriptor, bytes, 0, range[1], range[0]) === range[1] ? bytes.toString('utf8') : undefined;
      },
      written: (entity, text) => this.#catalogRanges.push([entity.identity, this.#catalogOffset, Buffer.byteLength(text)]),
    };
  }

  /** The previous catalog.json, opened, when it is the file the previous state describes (checked by hash, read in pieces). */
  #openPreviousCatalog(): { descriptor: number; ranges: Map<string, [number, number]> } | undefined {
    if (this.#previousCatalog === undefined) {
      this.#previousCatalog = null;
      const stored = this.#previousCatalogRanges;
      if (stored === undefined) return undefined;
      let descriptor: number | undefined;
      try {
        descriptor = openSync(path.join(this.#outDir, 'catalog.json'), 'r');
        const digest = createHash('sha1');
        const buffer = Buffer.allocUnsafe(1 << 20);
        for (let read = readSync(descriptor, buffer); read > 0; read = readSync(descriptor, buffer))
          digest.update(buffer.subarray(0, read));
        if (digest.digest('hex') === stored.hash) {
          this.#previousCatalog = {
            descriptor,
            ranges: new Map(stored.ranges.map(([identity, start, length]) => [identity, [start, length]])),
          };
          descriptor = undefined;
        }
      } catch {
        // No previous catalog.json: every entity's text is made.
      } finally {
        if (descriptor !== undefined) closeSync(descriptor);
      }
    }
    return this.#previousCatalog ?? undefined;
  }

  /**
   * The entity pages are written: what only deciding about them needed (the previous pages' reads
   * and answers, the index of keys) is let go before the rest of the site is built (at 100k entities,
   * tens of megabytes); where entities' texts are in the previous catalog.json stays.
   */
  pagesDone(): void {
    this.#previous = undefined;
    this.#stands = new Map();
    this.#keyIndex = new Map();
  }

  /** Entities whose pages were kept as they were. */
  get unchanged(): number {
    return this.#kept.size;
  }

  /** What this build's entity pages were built from, for the next build. */
  state(): SitePageState {
    return {
      site: this.#site,
      keys: this.#keys,
      answers: this.#answers,
      entities: this.#entities,
      ...(this.#catalogHash === undefined ? {} : { catalog: { hash: this.#catalogHash, ranges: this.#catalogRanges } }),
    };
  }

  #index(key: string, answer?: string): number {
    let index = this.#keyIndex.get(key);
    if (index === undefined) {
      index = this.#keys.length;
      this.#keys.push(key);
      this.#answers.push(answer ?? this.#answer(key));
      this.#keyIndex.set(key, index);
    }
    return index;
  }

  #standing(index: number): boolean {
    let stands = this.#stands.get(index);
    if (stands === undefined) {
      const key = this.#previous?.keys[index];
      stands = key !== undefined && this.#previous?.answers[index] === this.#answer(key);
      this.#stands.set(index, stands);
    }
    return stands;
  }

  /** A lookup's answer now, as a fingerprint (`readKeys`: an entity, a version group, relations either way, the names). */
  #answer(key: string): string {
    const answer = this.#answerText(key);
    // Lists of relations or versions run long: kept as their hash, so that the state stays small.
    return answer.length > 64 ? contentHash(answer) : answer;
  }

  #answerText(key: string): string {
    const catalog = this.#catalog;
    const rest = key.slice(2);
    switch (key.slice(0, 2)) {
      case readKeys.entity(''): {
        const entity = catalog.get(rest);
        return entity === undefined ? '' : this.#entityKey(entity);
      }
      case readKeys.group(''):
        return catalog
          .versionsOf(rest)
          .map((entity) => `${entity.identity}=${this.#entityKey(entity)}`)
          .join('|');
      case readKeys.outgoing(''):
        return relationsPrint(catalog.outgoing(rest), (relation) => relation.target);
      case readKeys.incoming(''):
        return relationsPrint(catalog.incoming(rest), (relation) => relation.source);
      default:
        return [...catalog.groupKeys()].join('|');
    }
  }
}
