// Where a dataset's restrictions come from: the dataset itself, or the nearest dataset it is derived
// from (`derivedFrom`, transitively) that carries the restriction, with the path between them.
// Restrictions on data (licence terms, personal data, classification) hold for what is made from it.

import { Catalog, type CatalogReader } from './catalog.js';
import { targetsOf } from './queries.js';
import type { Entity } from '../model/entity.js';

/** From a dataset to the dataset that carries a restriction, nearest first: `[dataset, …, source]`. */
export type LineagePath = readonly Entity[];

/**
 * Finds, for any dataset, the nearest dataset of its lineage that `carries` a restriction. Over an
 * eager Catalog each dataset's answer is worked out once and shared by every question (a rule asks
 * for each version, and versions share their data), so a whole catalog costs one walk of the
 * lineage. Over any other reader (one that records what is read) nothing is remembered: a remembered
 * answer would hide the reads it was made from.
 */
export class LineageSearch {
  readonly #catalog: CatalogReader;
  readonly #carries: (dataset: Entity) => boolean;
  readonly #shared: Map<string, LineagePath | null> | undefined;

  constructor(catalog: CatalogReader, carries: (dataset: Entity) => boolean) {
    this.#catalog = catalog;
    this.#carries = carries;
    this.#shared = catalog instanceof Catalog ? new Map() : undefined;
  }

  /** The path from `dataset` to the nearest dataset of its lineage (itself included) that carries the restriction. */
  nearest(dataset: Entity): LineagePath | undefined {
    return this.#search(dataset, this.#shared ?? new Map<string, LineagePath | null>()) ?? undefined;
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
   * cycle, reported elsewhere) adds nothing.
   */
  #search(start: Entity, answers: Map<string, LineagePath | null>): LineagePath | null {
    const known = answers.get(start.identity);
    if (known !== undefined) return known;
    const onPath = new Set<string>();
    const stack: { dataset: Entity; sources: Entity[] | undefined }[] = [{ dataset: start, sources: undefined }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as (typeof stack)[number];
      const { dataset } = top;
      if (top.sources === undefined) {
        if (answers.has(dataset.identity)) {
          stack.pop(); // reached first through another dataset of the lineage
          continue;
        }
        if (this.#carries(dataset)) {
          answers.set(dataset.identity, [dataset]);
          stack.pop();
          continue;
        }
        onPath.add(dataset.identity);
        top.sources = targetsOf(this.#catalog, dataset, 'derivedFrom');
        const pending = top.sources.filter((source) => !answers.has(source.identity) && !onPath.has(source.identity));
        if (pending.length > 0) {
          for (const source of pending.reverse()) stack.push({ dataset: source, sources: undefined });
          continue;
        }
      }
      let best: LineagePath | null = null;
      for (const source of top.sources) {
        const path = answers.get(source.identity);
        if (path && (best === null || path.length < best.length)) best = path;
      }
      answers.set(dataset.identity, best === null ? null : [dataset, ...best]);
      onPath.delete(dataset.identity);
      stack.pop();
    }
    return answers.get(start.identity) ?? null;
  }
}

/** A lineage path as messages show it: `` `sample` ← `research-set` (CC-BY-NC-4.0) ``, the source's value last. */
export function describePath(path: LineagePath, sourceValue?: string): string {
  const names = path.map((entity) => `\`${entity.identity}\``).join(' ← ');
  return sourceValue === undefined ? names : `${names} (${sourceValue})`;
}
