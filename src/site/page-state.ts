// What each entity's pages were built from, kept with the site (`.dossier-site-state.json`) so that the
// next build takes an entity's pages over without building their views when nothing they showed
// changed. An entity page records the Catalog lookups its view made (`Catalog.readsOf`: the entity,
// its relations, its neighbours, their versions, the wider lineage) and the fingerprint of each
// answer; with the entity's own inputs (problems, changes, commits of its file, audit) and the
// site's (templates, header, options), that is everything its bytes depend on. A build compares the
// recorded answers with the catalog's: a page whose answers all stand is linked from the old site.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readKeys, type Catalog, type Relation } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import { compareStrings } from '../ground/diagnostics.js';

export const PAGE_STATE_FILE = '.dossier-site-state.json';
const FORMAT = 1;

/** What one entity's pages were built from, and the pages with the hash of their inputs. */
interface EntityPages {
  own: string;
  /** Indexes into the state's keys. */
  reads: number[];
  pages: [path: string, inputs: string][];
}

interface StoredState {
  format: number;
  /** Everything every page depends on: templates, Dossier version, the layout's site data, options. */
  site: string;
  keys: string[];
  /** The answer each key had, as a fingerprint. */
  answers: string[];
  entities: Map<string, EntityPages>;
}

/** The state as written: JSON, so that a cold and an incremental build write the same bytes. */
type StateFile = Omit<StoredState, 'entities'> & { entities: [string, EntityPages][] };

/** What identifies an entity's content: the cheapest stable stand-in (its file's content key and place). */
export type EntityKey = (entity: Entity) => string;

function readState(outDir: string): StoredState | undefined {
  try {
    const value = JSON.parse(readFileSync(path.join(outDir, PAGE_STATE_FILE), 'utf8')) as Partial<StateFile> | null;
    if (
      value?.format !== FORMAT ||
      typeof value.site !== 'string' ||
      !Array.isArray(value.keys) ||
      !Array.isArray(value.answers) ||
      !Array.isArray(value.entities)
    )
      return undefined;
    return { ...(value as StateFile), entities: new Map(value.entities) };
  } catch {
    return undefined;
  }
}

const relationsPrint = (relations: readonly Relation[], other: (relation: Relation) => string) =>
  relations.map((r) => `${r.type}>${other(r)}#${r.member ?? ''}@${r.pointer.join('/')}`).join('|');

export class PageState {
  readonly #catalog: Catalog;
  readonly #entityKey: EntityKey;
  readonly #previous: StoredState | undefined;
  /** Whether each previous key's answer stands, by index, as found. */
  readonly #stands = new Map<number, boolean>();
  readonly #keys: string[] = [];
  readonly #keyIndex = new Map<string, number>();
  readonly #answers: string[] = [];
  readonly #entities = new Map<string, EntityPages>();
  readonly #site: string;
  #unchanged = 0;

  /**
   * The state of the site in `outDir`, when it was built for the same `site` inputs; with it,
   * pages whose recorded lookups answer as before are taken over.
   */
  constructor(outDir: string, catalog: Catalog, entityKey: EntityKey, site: string) {
    this.#catalog = catalog;
    this.#entityKey = entityKey;
    this.#site = site;
    const previous = readState(outDir);
    this.#previous = previous?.site === site ? previous : undefined;
  }

  /** The pages an entity had, when they can be taken over: its own inputs and every lookup its view made stand. */
  unchangedPages(identity: string, own: string): readonly [string, string][] | undefined {
    const before = this.#previous?.entities.get(identity);
    if (before?.own !== own || !before.reads.every((index) => this.#standing(index))) return undefined;
    return before.pages;
  }

  /** Keeps what an entity's pages were built from: taken over (`reads` as the previous state's), or built now (keys). */
  record(identity: string, own: string, reads: Iterable<string>, pages: [string, string][]): void {
    // Sorted, so that the state is the same file whichever build, cold or incremental, wrote it.
    const indexes = [...reads].sort(compareStrings).map((key) => this.#index(key));
    this.#entities.set(identity, { own, reads: indexes, pages });
  }

  /** Keeps an entity's pages as they were (`unchangedPages` found every answer standing). */
  keep(identity: string): void {
    const previous = this.#previous;
    const before = previous?.entities.get(identity);
    if (previous === undefined || before === undefined) return;
    const reads = before.reads
      .map((index) => [previous.keys[index] as string, previous.answers[index]] as const)
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([key, answer]) => this.#index(key, answer));
    this.#entities.set(identity, { own: before.own, reads, pages: before.pages });
    this.#unchanged++;
  }

  /** Entities whose pages were kept as they were. */
  get unchanged(): number {
    return this.#unchanged;
  }

  /** The state to write with the site. */
  serialize(): string {
    const file: StateFile = { format: FORMAT, site: this.#site, keys: this.#keys, answers: this.#answers, entities: [...this.#entities] };
    return JSON.stringify(file);
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
