import { describe, expect, it } from 'vitest';
import { compileSources } from '../../src/compile/compile-sources.js';
import { catalogToJson, renderCatalogJson } from '../../src/compile/catalog-json.js';
import { compileWithSharedSchemas } from '../../src/validate/ajv-instance.js';
import { readProjectFiles } from '../../src/source/project-files.js';
import { loadConfigFile } from '../../src/config/load-config.js';
import path from 'node:path';
import { BASE, compileFiles, parseCatalogJson } from '../helpers.js';

const EXAMPLE = path.resolve('examples/ml-platform');

function exampleSources() {
  const config = loadConfigFile(path.join(EXAMPLE, 'dossier.yaml'), 'dossier.yaml');
  return readProjectFiles(config, EXAMPLE);
}

describe('catalog.json', () => {
  it('is byte-identical for the same input, whatever order the files arrive in', () => {
    const { sources } = exampleSources();
    const first = compileSources({ sources });
    const reversed = compileSources({ sources: [...sources].reverse() });
    expect(renderCatalogJson(reversed.catalog, reversed.diagnostics)).toBe(renderCatalogJson(first.catalog, first.diagnostics));
  });

  it('does not depend on key order inside documents', () => {
    const a =
      'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: t, title: T, description: D}\nspec: {email: a@example.com, type: team}\n';
    const b =
      'kind: Team\napiVersion: dossier/v1\nspec: {type: team, email: a@example.com}\nmetadata: {description: D, title: T, name: t}\n';
    const render = (text: string) => {
      const result = compileFiles({ 'a.yaml': text });
      return renderCatalogJson(result.catalog, result.diagnostics)
        .replace(/"line": \d+/g, '')
        .replace(/"column": \d+/g, '');
    };
    expect(render(b)).toBe(render(a));
  });

  it('matches schemas/catalog.schema.json', () => {
    const { sources } = exampleSources();
    const result = compileSources({
      sources: [
        ...sources,
        { file: 'bad.yaml', text: 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: b, owner: nobody}\nspec: {}\n' },
      ],
    });
    const validate = compileWithSharedSchemas('catalog.schema.json');
    const json = parseCatalogJson(renderCatalogJson(result.catalog, result.diagnostics));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    // Without a ruleset, the example's suppressions of governance rules suppress nothing and say so.
    expect(result.diagnostics.filter((d) => d.ruleId !== 'suppression/unused')).toHaveLength(1);
  });

  it('lists relations in both directions with the referring field', () => {
    const text =
      'apiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "2"}\nspec: {model: scorer, training: {datasets: [{ref: events, role: train}], features: [user-stats#clicks_7d]}}\n';
    const result = compileFiles({ 'base.yaml': BASE, 'x.yaml': text });
    const json = catalogToJson(result.catalog, result.diagnostics) as {
      entities: { identity: string; relations: unknown[]; latest?: boolean }[];
    };
    const dataset = json.entities.find((e) => e.identity === 'dataset:default/events@1');
    expect(dataset?.relations).toContainEqual({
      type: 'trains',
      direction: 'incoming',
      target: 'modelversion:default/scorer@2',
      field: 'spec.training.datasets[0].ref',
    });
    const version = json.entities.find((e) => e.identity === 'modelversion:default/scorer@2');
    expect(version?.relations).toContainEqual({
      type: 'usesFeatures',
      direction: 'outgoing',
      target: 'featureview:default/user-stats',
      field: 'spec.training.features[0]',
      member: 'clicks_7d',
    });
    expect(version?.latest).toBe(true);
    expect(json.entities.find((e) => e.identity === 'modelversion:default/scorer@1')?.latest).toBe(false);
  });

  it('keeps an entity with schema errors so references to it still resolve', () => {
    const broken = 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: owners2}\nspec: {type: squad}\n';
    const user = 'apiVersion: dossier/v1\nkind: Model\nmetadata: {name: m, owner: owners2}\nspec: {task: t}\n';
    const result = compileFiles({ 'a.yaml': broken, 'b.yaml': user });
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['schema/invalid-value']);
    expect(result.catalog.get('team:default/owners2')?.valid).toBe(false);
  });
});

describe('streamed catalog.json', () => {
  it('is byte-identical to printing the whole catalog at once', async () => {
    const { stableStringify } = await import('../../src/ground/stable-json.js');
    const { sources } = exampleSources();
    const result = compileSources({
      sources: [
        ...sources,
        { file: 'bad.yaml', text: 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: b, owner: nobody}\nspec: {}\n' },
      ],
    });
    expect(renderCatalogJson(result.catalog, result.diagnostics)).toBe(
      `${stableStringify(catalogToJson(result.catalog, result.diagnostics))}\n`,
    );
    const empty = compileFiles({});
    expect(renderCatalogJson(empty.catalog, empty.diagnostics)).toBe(
      `${stableStringify(catalogToJson(empty.catalog, empty.diagnostics))}\n`,
    );
  });
});
