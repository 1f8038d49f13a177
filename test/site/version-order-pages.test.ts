// Entity pages list versions in FORMAT.md's order: 10.0.0 after 9.0.0, so a model's metrics across
// versions read as a trend, and a dataset's page shows its newest versions first.

import { describe, expect, it } from 'vitest';
import { compileSources } from '../../src/compile/compile-sources.js';
import { datasetView } from '../../src/site/kinds/dataset.js';
import { modelView } from '../../src/site/kinds/model.js';
import type { Section } from '../../src/site/kinds/sections.js';

// Lexicographic order would put 10.0.0 first and 2.0.0 between it and 11.0.0.
const AUC: Record<string, number> = { '10.0.0': 0.7, '2.0.0': 0.5, '11.0.0': 0.8, '9.0.0': 0.6 };
const VERSIONS = Object.keys(AUC);

function catalog() {
  const sources = [
    { file: 'model.yaml', text: 'apiVersion: dossier/v1\nkind: Model\nmetadata: {name: scorer}\nspec: {task: classification}\n' },
    ...VERSIONS.map((version, index) => ({
      file: `v${version}.yaml`,
      text: [
        `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: events, version: "${version}"}\nspec:\n  location: {uri: "s3://b/${version}/"}`,
        `apiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "${version}"}\nspec: {model: scorer}`,
        `apiVersion: dossier/v1\nkind: Evaluation\nmetadata: {name: scorer-${String(index)}}\nspec: {modelVersion: "scorer@${version}", dataset: "events@${version}", metrics: [{name: auc, value: ${String(AUC[version])}}]}`,
      ].join('\n---\n'),
    })),
  ];
  const result = compileSources({ sources });
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  return result.catalog;
}

const section = (sections: Section[], heading: string) => {
  const found = sections.find((candidate) => candidate.heading === heading);
  if (found?.table === undefined) throw new Error(`no ${heading} table`);
  return found.table;
};

describe('versions on entity pages', () => {
  it("lists a model's versions oldest first, and its metrics across versions in that order", () => {
    const reader = catalog();
    const model = reader.get('model:default/scorer');
    if (model === undefined) throw new Error('no model');
    const sections = modelView(reader, model);
    expect(section(sections, 'Versions').rows.map((row) => row[0]?.text)).toEqual([
      'scorer@2.0.0',
      'scorer@9.0.0',
      'scorer@10.0.0',
      'scorer@11.0.0',
    ]);
    const metrics = section(sections, 'Metrics across versions');
    expect(metrics.columns.map((column) => column.label).slice(1, 5)).toEqual(['2.0.0', '9.0.0', '10.0.0', '11.0.0']);
    expect(metrics.rows[0]?.slice(1, 5).map((cell) => cell.text)).toEqual(['0.5', '0.6', '0.7', '0.8']);
    expect(metrics.rows[0]?.at(-1)?.text).toBe('better');
  });

  it("lists a dataset's versions newest first, the latest marked", () => {
    const reader = catalog();
    const dataset = reader.get('dataset:default/events@2.0.0');
    if (dataset === undefined) throw new Error('no dataset');
    const rows = section(datasetView(reader, dataset), 'Versions').rows;
    // The group's order is remembered for its other pages, and not turned round by this one.
    expect(section(datasetView(reader, dataset), 'Versions').rows).toEqual(rows);
    expect(rows.map((row) => [row[0]?.text, row.at(-1)?.text])).toEqual([
      ['events@11.0.0', 'latest'],
      ['events@10.0.0', ''],
      ['events@9.0.0', ''],
      ['events@2.0.0', ''],
    ]);
  });
});
