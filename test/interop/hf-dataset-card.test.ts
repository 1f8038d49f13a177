// dossier import hf-dataset-card: dataset cards from Hugging Face's own repositories and the Hub
// (test/fixtures/huggingface/SOURCES.md) as Datasets: every configuration, nested features, and
// template text nobody filled in left out.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importInto } from './import-helpers.js';

describe('dossier import hf-dataset-card', () => {
  it('maps imdb: features as schema fields, splits with rows and bytes, languages and tasks', async () => {
    const { documents, run } = await importInto(['hf-dataset-card', 'huggingface/imdb']);
    const imdb = documents.get('Dataset/imdb') as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
    expect(imdb.metadata).toMatchObject({
      title: 'IMDB',
      tags: ['text-classification', 'sentiment-classification'],
      annotations: { 'huggingface.co/language': 'en', 'huggingface.co/size-categories': '10K<n<100K' },
    });
    expect(imdb.metadata.description).toMatch(/^Large Movie Review Dataset\./);
    expect(imdb.spec).toMatchObject({
      location: { uri: 'https://huggingface.co/datasets/imdb' },
      license: 'LicenseRef-other',
      schema: {
        fields: [
          { name: 'text', type: 'string' },
          { name: 'label', type: 'class_label', description: 'Classes: neg, pos' },
        ],
      },
      splits: [
        { name: 'test', rows: 25000, bytes: 32650697 },
        { name: 'train', rows: 25000, bytes: 33432835 },
        { name: 'unsupervised', rows: 50000, bytes: 67106814 },
      ],
    });
    // Placeholder sections ("[More Information Needed]") are no text.
    expect(imdb.spec.knownBiases).toBeUndefined();
    const report = JSON.parse(run.stdout) as { unmapped: string[]; dropped: string[]; warnings: string[] };
    expect(report.unmapped).toContain('huggingface/imdb/README.md: paperswithcode_id');
    expect(report.dropped).toContain(
      "huggingface/imdb/README.md: train-eval-index (the Hub's settings for evaluating models on the dataset)",
    );
    expect(report.warnings).toContainEqual(expect.stringContaining('license `other` is not an SPDX id'));
  });

  it('re-imported, keeps the location the user gave: the Hub page it first wrote is a guess from the folder', async () => {
    const first = await importInto(['hf-dataset-card', 'huggingface/sample-segmentation']);
    const file = path.join(first.out, 'datasets/sample-segmentation.yaml');
    const guessed = readFileSync(file, 'utf8');
    expect(guessed).toContain('https://huggingface.co/datasets/sample-segmentation');
    writeFileSync(file, guessed.replace('https://huggingface.co/datasets/sample-segmentation', 's3://lake/segmentation/'));
    const again = await importInto(['hf-dataset-card', 'huggingface/sample-segmentation'], { out: first.out });
    expect(again.documents.get('Dataset/sample-segmentation')).toMatchObject({ spec: { location: { uri: 's3://lake/segmentation/' } } });
  });

  it('maps a card without dataset_info: license list, task categories', async () => {
    const { documents } = await importInto(['hf-dataset-card', 'huggingface/sample-segmentation', '--namespace', 'vision']);
    expect(documents.get('Dataset/sample-segmentation')).toMatchObject({
      metadata: { namespace: 'vision', title: 'Sample Segmentation', tags: ['image-segmentation', 'semantic-segmentation'] },
      spec: { license: 'BSD-3-Clause' },
    });
  });

  it('keeps all 31 configurations of MultiLegalSBD and the sub-fields of its lists of structs', async () => {
    const { documents, run } = await importInto(['hf-dataset-card', 'huggingface/MultiLegalSBD']);
    const dataset = documents.get('Dataset/multilegalsbd') as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
    const splits = dataset.spec.splits as { name: string; rows?: number; bytes?: number }[];
    expect(splits).toHaveLength(31);
    expect(splits).toContainEqual({ name: 'fr_Laws/train', rows: 2131, bytes: 8773683 });
    expect(splits).toContainEqual({ name: 'de_judgements/train', rows: 131, bytes: 20493550 });
    expect(String((dataset.metadata.annotations as Record<string, string>)['huggingface.co/configs']).split(', ')).toHaveLength(31);
    // Every configuration has the same features: one schema, with each list's struct fields.
    expect(dataset.spec.schema).toEqual({
      fields: [
        { name: 'text', type: 'string' },
        { name: 'spans', type: 'list<struct>' },
        { name: 'spans.start', type: 'int64' },
        { name: 'spans.end', type: 'int64' },
        { name: 'spans.label', type: 'string' },
        { name: 'spans.token_start', type: 'int64' },
        { name: 'spans.token_end', type: 'int64' },
        { name: 'tokens', type: 'list<struct>' },
        { name: 'tokens.text', type: 'string' },
        { name: 'tokens.start', type: 'int64' },
        { name: 'tokens.end', type: 'int64' },
        { name: 'tokens.id', type: 'int64' },
        { name: 'tokens.ws', type: 'bool' },
        { name: 'source', type: 'string' },
      ],
    });
    expect((JSON.parse(run.stdout) as { unmapped: string[] }).unmapped).toContain(
      'huggingface/MultiLegalSBD/README.md: dataset_info.download_size, dataset_info.dataset_size (no Dossier field for them)',
    );
  });

  it('leaves out the unfilled title and text of the card template (pmp-se-test-dataset, quora_dataset)', async () => {
    const pmp = await importInto(['hf-dataset-card', 'huggingface/pmp-se-test-dataset']);
    const answers = pmp.documents.get('Dataset/pmp-se-test-dataset') as {
      metadata: Record<string, unknown>;
      spec: { schema: { fields: { name: string }[] } };
    };
    expect(answers.metadata.title).toBeUndefined();
    expect(answers.spec.schema.fields.map((field) => field.name)).toEqual(
      expect.arrayContaining(['answers', 'answers.AnswerID', 'answers.text', 'answers.selected', 'answers.AuthorProfile']),
    );
    const quora = await importInto(['hf-dataset-card', 'huggingface/quora_dataset']);
    const metadata = quora.documents.get('Dataset/quora_dataset')?.metadata as Record<string, unknown>;
    expect(metadata.title).toBeUndefined();
    expect(metadata.description).toBeUndefined();
  });
});
