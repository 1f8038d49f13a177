// Tables on entity pages show at most 100 rows, and make no more than they show: a dataset with
// thousands of daily versions lists them on each version's page.

import { describe, expect, it } from 'vitest';
import { compileSources } from '../../src/compile/compile-sources.js';
import type { Entity } from '../../src/model/entity.js';
import { entitiesTable, table } from '../../src/site/kinds/sections.js';

function versions(count: number): readonly Entity[] {
  const sources = Array.from({ length: count }, (_, index) => ({
    file: `v${String(index)}.yaml`,
    text: `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: daily, version: "${String(index + 1)}"}\nspec:\n  location: {uri: "s3://b/${String(index)}/"}\n`,
  }));
  return compileSources({ sources }).catalog.entities;
}

describe('an entities table', () => {
  it('makes the rows it shows only, and says how many more there are', () => {
    const all = versions(250);
    let made = 0;
    const shown = entitiesTable(all, () => [{ text: String(++made) }], ['Made']);
    expect(shown?.rows).toHaveLength(100);
    expect(made).toBe(100);
    expect(shown?.more).toBe('150 more entities not shown.');
    expect(entitiesTable(all.slice(0, 3))?.more).toBeUndefined();
  });

  it('leaves out a column empty in every row shown', () => {
    const rows = Array.from({ length: 120 }, (_, index) => [{ text: `r${String(index)}` }, { text: index < 110 ? '' : 'late' }]);
    expect(table(['Name', 'Note'], rows)?.columns.map((column) => column.label)).toEqual(['Name']);
    expect(table(['Name', 'Note'], rows)?.more).toBe('20 more rows not shown.');
  });
});
