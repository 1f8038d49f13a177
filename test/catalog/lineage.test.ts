// Lineage searches read a chain as one closure, and describe long paths by their ends.

import { describe, expect, it } from 'vitest';
import type { CatalogReader } from '../../src/catalog/catalog.js';
import { describePath, LineageSearch } from '../../src/catalog/lineage.js';
import { compileSources } from '../../src/compile/compile-sources.js';
import { parseReadKey, readKeys } from '../../src/engine/read-keys.js';
import { recordReads } from '../../src/engine/recording-reader.js';
import type { Entity } from '../../src/model/entity.js';

/** d0 ← d1 ← … ← d(n-1), d0 licensed `CC-BY-NC-4.0`. */
function chain(length: number): CatalogReader {
  const sources = Array.from({ length }, (_, index) => ({
    file: `d${String(index)}.yaml`,
    text: `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: d${String(index)}}\nspec:\n  location: {uri: "s3://b/${String(index)}/"}\n  license: ${index === 0 ? 'CC-BY-NC-4.0' : 'CC-BY-4.0'}\n${index === 0 ? '' : `  derivedFrom: [d${String(index - 1)}]\n`}`,
  }));
  return compileSources({ sources }).catalog;
}

const named = (catalog: CatalogReader, index: number) => catalog.get(`dataset:default/d${String(index)}`) as Entity;
const nonCommercial = (dataset: Entity) => dataset.spec.license === 'CC-BY-NC-4.0';

describe('a lineage search', () => {
  it('finds the nearest dataset that carries the restriction, the same asked in any order', () => {
    const catalog = chain(6);
    const fromTop = new LineageSearch(catalog, nonCommercial);
    const fromBottom = new LineageSearch(catalog, nonCommercial);
    const ids = (path: readonly Entity[] | undefined) => path?.map((entity) => entity.name);
    const answers = [5, 3, 0].map((index) => ids(fromTop.nearest(named(catalog, index))));
    expect([0, 3, 5].map((index) => ids(fromBottom.nearest(named(catalog, index)))).reverse()).toEqual(answers);
    expect(answers[0]).toEqual(['d5', 'd4', 'd3', 'd2', 'd1', 'd0']);
    expect(ids(fromTop.inherited(named(catalog, 1)))).toEqual(['d1', 'd0']);
  });

  it('records what it reads of a chain as the chain: three reads for the dataset, however long the chain', () => {
    const catalog = chain(50);
    const search = new LineageSearch(catalog, nonCommercial);
    const { value, reads } = recordReads(catalog, (reader) => new LineageSearch(reader, nonCommercial).nearest(named(catalog, 49)));
    expect(value).toHaveLength(50);
    expect([...reads].map(parseReadKey)).toEqual([
      { kind: 'entity', identity: 'dataset:default/d49' },
      { kind: 'outgoing', identity: 'dataset:default/d49' },
      { kind: 'closure', relation: 'derivedFrom', identity: 'dataset:default/d49' },
    ]);
    expect(search.nearest(named(catalog, 49))).toEqual(value);
  });
});

describe('a lineage path in a message', () => {
  it('names every dataset of a short path, and the ends of a long one', () => {
    const catalog = chain(40);
    const path = (length: number) => Array.from({ length }, (_, index) => named(catalog, length - 1 - index));
    expect(describePath(path(2), 'CC-BY-NC-4.0')).toBe('`dataset:default/d1` ← `dataset:default/d0` (CC-BY-NC-4.0)');
    expect(describePath(path(6)).split(' ← ')).toHaveLength(6);
    expect(describePath(path(40))).toBe(
      '`dataset:default/d39` ← `dataset:default/d38` ← `dataset:default/d37` ← … 35 more … ← `dataset:default/d1` ← `dataset:default/d0`',
    );
  });
});

describe('a closure read key', () => {
  it('is parsed back to its relation and identity, which may hold any character but NUL', () => {
    const key = readKeys.closure('derivedFrom', 'dataset:team-a/raw events@2024-06');
    expect(parseReadKey(key)).toEqual({ kind: 'closure', relation: 'derivedFrom', identity: 'dataset:team-a/raw events@2024-06' });
    expect(parseReadKey('c\0derivedFrom')).toBeUndefined();
  });
});
