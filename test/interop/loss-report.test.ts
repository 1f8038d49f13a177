// The loss report, on every real file in test/fixtures: each key of the source is mapped, listed as not
// mapped, or listed as left out on purpose (with why). A key that is none of the three was dropped
// silently, and fails here, as does the import command that does not print the report.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readCard } from '../../src/interop/card-markdown.js';
import { importCroissant } from '../../src/interop/croissant.js';
import { importDatasetCard } from '../../src/interop/hf-dataset-card.js';
import { importModelCard } from '../../src/interop/hf-model-card.js';
import type { Mapping } from '../../src/interop/mapping.js';
import { modelVersionFromMlmodel } from '../../src/interop/mlflow-model.js';
import { importMlflowRegistry } from '../../src/interop/mlflow-registry.js';
import { recogniseFormat } from '../../src/interop/source-format.js';
import { runCli, tempRepo } from '../helpers.js';
import { FIXTURES } from './import-helpers.js';

interface Report {
  mapped: string[];
  unmapped: string[];
  dropped: string[];
}

const files = (folder: string, name: RegExp) =>
  readdirSync(path.join(FIXTURES, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => name.test(path.basename(file)))
    .map((file) => path.join(folder, file));

/** The keys of a source object, and the keys of the objects under `nested` keys (a registry's models and versions). */
function keysOf(value: unknown, nested: readonly string[] = []): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const object = value as Record<string, unknown>;
  const inner = nested.flatMap((key) => [object[key]].flat().flatMap((child) => keysOf(child, ['latest_versions'])));
  return [...Object.keys(object), ...inner];
}

/** Whether a report line names the key (`file: key`, `registered model m: key (why)`). */
const names = (line: string, key: string) => line.endsWith(`: ${key}`) || line.includes(`: ${key} (`);

function report(mapping: Mapping): Report {
  return { mapped: mapping.mapped ?? [], unmapped: mapping.unmapped, dropped: mapping.dropped ?? [] };
}

/** Each fixture, the keys its importer must account for, and what it reported. */
function sources(): { file: string; keys: string[]; report: Report }[] {
  const cards = files('huggingface', /\.md$/)
    .filter((file) => !file.endsWith('sample_invalid_card_data.md') && !file.endsWith('SOURCES.md'))
    .map((file) => {
      const text = readFileSync(path.join(FIXTURES, file), 'utf8');
      const options = { file, folderName: path.basename(path.dirname(file)), version: '1' };
      const { formats } = recogniseFormat(text);
      const isDatasetCard = formats.length === 1 && formats[0] === 'hf-dataset-card';
      const mapping = isDatasetCard ? importDatasetCard(text, options) : importModelCard(text, options);
      return { file, keys: Object.keys(readCard(text, file).data), report: report(mapping) };
    });
  const croissant = files('croissant', /\.json$/).map((file) => {
    const text = readFileSync(path.join(FIXTURES, file), 'utf8');
    // A file without a name (huggingface-squad) is named as --name would: by the file.
    const name = path.basename(file, '.json');
    return { file, keys: keysOf(JSON.parse(text)), report: report(importCroissant(text, { file, name })) };
  });
  const mlmodels = files('mlflow', /^MLmodel$/).map((file) => {
    const text = readFileSync(path.join(FIXTURES, file), 'utf8');
    const mapped = modelVersionFromMlmodel(text, { model: 'm', version: '1' });
    const where = (fields: string[]) => fields.map((field) => `${file}: ${field}`);
    return { file, keys: keysOf(parse(text)), report: { mapped: where(mapped.mapped), unmapped: where(mapped.unmapped), dropped: [] } };
  });
  const registry = files('mlflow-registry', /\.json$/).map((file) => {
    const text = readFileSync(path.join(FIXTURES, file), 'utf8');
    const keys = keysOf(JSON.parse(text), ['registered_model', 'registered_models', 'model_version', 'model_versions']);
    return { file, keys, report: report(importMlflowRegistry([{ file, text }], {})) };
  });
  return [...cards, ...croissant, ...mlmodels, ...registry];
}

describe('the loss report', () => {
  it.each(sources().map((source) => [source.file, source] as const))('accounts for every key of %s', (_file, source) => {
    const lines = [...source.report.mapped, ...source.report.unmapped, ...source.report.dropped];
    const unaccounted = [...new Set(source.keys)].filter((key) => !lines.some((line) => names(line, key)));
    expect(unaccounted).toEqual([]);
  });

  it('is printed by dossier import, and is in its JSON output', async () => {
    const out = tempRepo({ 'dossier.yaml': 'extends: core\n' });
    const args = ['import', 'hf-model-card', 'huggingface/wav2vec2-base-960h', '--out', out, '--dry-run'];
    const stylish = await runCli(args, { cwd: FIXTURES });
    expect(stylish.stderr).toContain(
      "dossier: left out on purpose:\n  huggingface/wav2vec2-base-960h/README.md: widget (examples for the Hub's inference widget)",
    );
    const json = JSON.parse((await runCli([...args, '--format', 'json'], { cwd: FIXTURES })).stdout) as Report;
    expect(json.mapped).toContain('huggingface/wav2vec2-base-960h/README.md: license');
    expect(json.dropped).toContain("huggingface/wav2vec2-base-960h/README.md: widget (examples for the Hub's inference widget)");
    expect(json.unmapped).toContain('huggingface/wav2vec2-base-960h/README.md: sections "Usage" (no Dossier field for them)');
  });
});
