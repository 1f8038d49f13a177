// Where a dataset's restrictions come from: the dataset itself, or the nearest dataset it is derived
// from (`derivedFrom`, transitively) that carries the restriction, with the path between them.
// Restrictions on data (licence terms, personal data, classification) hold for what is made from it.

import type { CatalogReader } from './catalog.js';
import { targetsOf } from './queries.js';
import type { Entity } from '../model/entity.js';

/** From a dataset to the dataset that carries a restriction, nearest first: `[dataset, …, source]`. */
export type LineagePath = readonly Entity[];

/**
 * Finds, for any dataset, the nearest dataset of its lineage that `carries` a restriction. Each
 * dataset's answer is worked out once and shared by every question (a rule asks for each version,
 * and versions share their data), so a whole catalog costs one walk of the lineage. A walk reads
 * the catalog as one `closure` along `derivedFrom`: a reader that records reads records the chain,
 * whose every answer it shares, as one read.
 */
export class LineageSearch {
  readonly #catalog: CatalogReader;
  readonly #carries: (dataset: Entity) => boolean;
  readonly #answers = new Map<string, Step | null>();

  constructor(catalog: CatalogReader, carries: (dataset: Entity) => boolean) {
    this.#catalog = catalog;
    this.#carries = carries;
  }

  /** The path from `dataset` to the nearest dataset of its lineage (itself included) that carries the restriction. */
  nearest(dataset: Entity): LineagePath | undefined {
    const found = this.#catalog.closure(dataset.identity, 'derivedFrom', () => this.#search(dataset));
    return found === null ? undefined : pathOf(found);
  }

  /** The same, from the datasets `dataset` is derived from: where it inherits the restriction from. */
  inherited(dataset: Entity): LineagePath | undefined {
    let best: LineagePath | undefined;
    for (const source of targetsOf(this.#catalog, dataset, 'derivedFrom')) {
      const path = this.nearest(source);
      if (path !== undefined && (best === undefined || path.length < best.length)) best = path;
    }
    return best === undefined ? undefined : [dataset, ...best];
  }

  /**
   * Depth first and without recursion (a hostile repository may chain thousands of datasets): each
   * dataset's answer is the dataset itself when it carries the restriction, else the shortest answer
   * of the datasets it is derived from, one step longer. A dataset met again on its own path (a
   * cycle, reported elsewhere) adds nothing; the answers of a search that met one depend on where it
   * started, so they are not shared with the next.
   */
  #search(start: Entity): Step | null {
    const shared = this.#answers;
    const known = shared.get(start.identity);
    if (known !== undefined) return known;
    const answers = new Map<string, Step | null>();
    const answered = (identity: string) => answers.has(identity) || shared.has(identity);
    const answerOf = (identity: string) => (answers.has(identity) ? answers.get(identity) : shared.get(identity)) ?? null;
    let cyclic = false;
    const onPath = new Set<string>();
    const stack: { dataset: Entity; sources: Entity[] | undefined }[] = [{ dataset: start, sources: undefined }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as (typeof stack)[number];
      const { dataset } = top;
      if (top.sources === undefined) {
        if (answered(dataset.identity)) {
          stack.pop(); // reached first through another dataset of the lineage
          continue;
        }
        if (this.#carries(dataset)) {
          answers.set(dataset.identity, { dataset, next: null, length: 1 });
          stack.pop();
          continue;
        }
        onPath.add(dataset.identity);
        top.sources = targetsOf(this.#catalog, dataset, 'derivedFrom');
        if (top.sources.some((source) => onPath.has(source.identity))) cyclic = true;
        const pending = top.sources.filter((source) => !answered(source.identity) && !onPath.has(source.identity));
        if (pending.length > 0) {
          for (const source of pending.reverse()) stack.push({ dataset: source, sources: undefined });
          continue;
        }
      }
      let best: Step | null = null;
      for (const source of top.sources) {
        const step = answerOf(source.identity);
        if (step !== null && (best === null || step.length < best.length)) best = step;
      }
      answers.set(dataset.identity, best === null ? null : { dataset, next: best, length: best.length + 1 });
      onPath.delete(dataset.identity);
      stack.pop();
    }
    if (!cyclic) for (const [identity, answer] of answers) shared.set(identity, answer);
    return answers.get(start.identity) ?? null;
  }
}

/** A lineage path as the search keeps it: each dataset's answer shares the rest of the path with its source's. */
interface Step {
  dataset: Entity;
  next: Step | null;
  length: number;
}

function pathOf(step: Step): LineagePath {
  const path: Entity[] = [];
  for (let at: Step | null = step; at !== null; at = at.next) path.push(at.dataset);
  return path;
}

/** How many datasets of a long path a message names at its start and at its end. */
const SHOWN_AT_START = 3;
const SHOWN_AT_END = 2;

/**
 * A lineage path as messages show it: `` `sample` ← `research-set` (CC-BY-NC-4.0) ``, the source's
 * value last. A long path names its first and last datasets and counts those between: a deep chain
 * would otherwise put thousands of names in each of thousands of messages.
 */
export function describePath(path: LineagePath, sourceValue?: string): string {
  const name = (entity: Entity) => `\`${entity.identity}\``;
  const between = path.length - SHOWN_AT_START - SHOWN_AT_END;
  const names =
    between <= 1
      ? path.map(name)
      : [...path.slice(0, SHOWN_AT_START).map(name), `… ${String(between)} more …`, ...path.slice(-SHOWN_AT_END).map(name)];
  return sourceValue === undefined ? names.join(' ← ') : `${names.join(' ← ')} (${sourceValue})`;
}
