// Format detection: each importer recognises its own format and refuses another's by name (exit 2),
// and `dossier import auto` (or no format) picks the importer by content, on the real fixtures.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempRepo } from '../helpers.js';
import { FIXTURES } from './import-helpers.js';
import { IMPORT_FORMATS, recogniseFormat, type ImportFormat } from '../../src/interop/source-format.js';

/** Each real fixture, the file read, and the formats whose importer reads it. */
const FIXTURE_FORMATS: [input: string, file: string, formats: ImportFormat[]][] = [
  ['croissant/titanic.json', 'croissant/titanic.json', ['croissant']],
  ['croissant/huggingface-mnist.json', 'croissant/huggingface-mnist.json', ['croissant']],
  ['croissant/credit-g.json', 'croissant/credit-g.json', ['croissant']],
  ['croissant/simple-split.json', 'croissant/simple-split.json', ['croissant']],
  ['mlflow-registry/registered_model.json', 'mlflow-registry/registered_model.json', ['mlflow-registry']],
  ['mlflow-registry/model_version.json', 'mlflow-registry/model_version.json', ['mlflow-registry']],
  ['mlflow/sklearn-model', 'mlflow/sklearn-model/MLmodel', ['mlflow-model']],
  ['mlflow/pyfunc-model', 'mlflow/pyfunc-model/MLmodel', ['mlflow-model']],
  ['huggingface/imdb', 'huggingface/imdb/README.md', ['hf-dataset-card']],
  ['huggingface/sample-segmentation', 'huggingface/sample-segmentation/README.md', ['hf-dataset-card']],
  ['huggingface/bert-base-uncased', 'huggingface/bert-base-uncased/README.md', ['hf-model-card']],
  ['huggingface/my-cool-model', 'huggingface/my-cool-model/README.md', ['hf-model-card']],
  ['huggingface/distilbert-base-uncased-finetuned-cola', 'huggingface/distilbert-base-uncased-finetuned-cola/README.md', ['hf-model-card']],
  // The template's unfilled title ("Dataset Card for Dataset Name") is no title, but still says what the card is of.
  ['huggingface/quora_dataset', 'huggingface/quora_dataset/README.md', ['hf-dataset-card']],
  ['huggingface/pmp-se-test-dataset', 'huggingface/pmp-se-test-dataset/README.md', ['hf-dataset-card']],
  ['huggingface/MultiLegalSBD', 'huggingface/MultiLegalSBD/README.md', ['hf-dataset-card']],
  ['huggingface/gpt-j-6B', 'huggingface/gpt-j-6B/README.md', ['hf-model-card']],
  ['huggingface/opus-mt-tc-base-gmw-gmw', 'huggingface/opus-mt-tc-base-gmw-gmw/README.md', ['hf-model-card']],
  ['huggingface/en_roberta_base_leetspeak_ner', 'huggingface/en_roberta_base_leetspeak_ner/README.md', ['hf-model-card']],
  ['croissant/huggingface-anthropic-hh-rlhf.json', 'croissant/huggingface-anthropic-hh-rlhf.json', ['croissant']],
  ['croissant/commoncrawl-CC-MAIN-2025-43-draft.json', 'croissant/commoncrawl-CC-MAIN-2025-43-draft.json', ['croissant']],
  // No front matter the Hub reads, and a title that names no kind: either card importer reads it.
  ['huggingface/m2m100_418M-eng-yor-mt', 'huggingface/m2m100_418M-eng-yor-mt/README.md', ['hf-model-card', 'hf-dataset-card']],
  ['huggingface/invalid/sample_no_metadata.md', 'huggingface/invalid/sample_no_metadata.md', ['hf-model-card', 'hf-dataset-card']],
];

const LOOKS_LIKE: Record<string, string> = {
  croissant: 'a Croissant dataset description',
  'mlflow-registry': "a response of MLflow's model registry API",
  'mlflow-model': 'an MLflow MLmodel file',
  'hf-dataset-card': 'a Hugging Face dataset card',
  'hf-model-card': 'a Hugging Face model card',
};

const importArgs = (format: string | undefined, input: string, out: string) => [
  'import',
  ...(format === undefined ? [] : [format]),
  input,
  '--version',
  '1',
  '--out',
  out,
  '--dry-run',
  '--format',
  'json',
];

describe('recogniseFormat', () => {
  for (const [, file, formats] of FIXTURE_FORMATS)
    it(`${file} is read by ${formats.join(' and ')}`, () => {
      expect(recogniseFormat(readFileSync(path.join(FIXTURES, file), 'utf8')).formats).toEqual(formats);
    });
});

describe('an importer refuses another format, naming what the file looks like', () => {
  it('mlflow-registry given a Croissant file: exit 2, the format to use, nothing written', async () => {
    const out = tempRepo();
    const run = await runCli(['import', 'mlflow-registry', 'croissant/titanic.json', '--out', out], { cwd: FIXTURES });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'dossier: croissant/titanic.json: this looks like a Croissant dataset description, not a response of ' +
        "MLflow's model registry API; use `dossier import croissant`.\n",
    );
    expect(run.stdout).toBe('');
  });

  for (const [input, file, formats] of FIXTURE_FORMATS.filter(([, , formats]) => formats.length === 1))
    for (const format of IMPORT_FORMATS.filter((f) => !formats.includes(f)))
      it(`${format} refuses ${input}`, async () => {
        const run = await runCli(importArgs(format, input, tempRepo()), { cwd: FIXTURES });
        // A folder holds no file of the wrong format's name, or the registry reads no folders: exit 2 either way.
        expect(run.code, run.stdout).toBe(2);
        if (run.stderr.includes('this looks like'))
          expect(run.stderr).toContain(`${file}: this looks like ${LOOKS_LIKE[formats[0] ?? ''] ?? '?'}`);
        expect(run.stderr).not.toMatch(/\n\s+at /);
      });

  it('a card importer refuses data no importer reads', async () => {
    const cwd = tempRepo({ 'x.json': '{"hello": 1}', 'x.yaml': 'hello: 1\n' });
    for (const input of ['x.json', 'x.yaml']) {
      const run = await runCli(['import', 'hf-model-card', input, '--out', tempRepo()], { cwd });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^dossier: ${input}: this looks like .*, not a Hugging Face model card\\.\\n$`));
    }
  });
});

describe('dossier import auto, and the format left out', () => {
  for (const [input, , formats] of FIXTURE_FORMATS.filter(([, , formats]) => formats.length === 1))
    it(`${input} is imported as ${formats[0] ?? ''}`, async () => {
      const out = tempRepo();
      const named = await runCli(importArgs(formats[0], input, out), { cwd: FIXTURES });
      expect(named.code, named.stderr).toBe(0);
      for (const format of ['auto', undefined]) {
        const run = await runCli(importArgs(format, input, out), { cwd: FIXTURES });
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toBe(named.stdout);
      }
    });

  it('refuses a card that does not say whether it is a model or a dataset card, naming both formats', async () => {
    const run = await runCli(importArgs('auto', 'huggingface/m2m100_418M-eng-yor-mt', tempRepo()), { cwd: FIXTURES });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('name the format: `dossier import hf-model-card` or `dossier import hf-dataset-card`');
  });

  it('refuses inputs of different formats, and one no importer reads', async () => {
    const mixed = await runCli(importArgs('auto', 'croissant/titanic.json', tempRepo()).concat('huggingface/imdb'), { cwd: FIXTURES });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('the inputs are of 2 formats');
    const cwd = tempRepo({ 'x.json': '{"hello": 1}' });
    const unknown = await runCli(['import', 'auto', 'x.json', '--out', tempRepo()], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'x.json: this looks like JSON that is neither Croissant nor an MLflow registry response, which no importer reads.',
    );
  });

  it('a first argument that is neither a format nor a file is a usage error', async () => {
    const run = await runCli(['import', 'hf-card', 'README.md'], { cwd: tempRepo() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Name the format (`hf-card` is no format, and no file or folder)');
  });
});
