// dossier import hf-dataset-card: dataset cards from Hugging Face's own repositories
// (test/fixtures/huggingface/SOURCES.md) as Datasets.

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
    const report = JSON.parse(run.stdout) as { unmapped: string[]; warnings: string[] };
    expect(report.unmapped).toEqual(
      expect.arrayContaining(['huggingface/imdb/README.md: train-eval-index', 'huggingface/imdb/README.md: paperswithcode_id']),
    );
    expect(report.warnings).toContainEqual(expect.stringContaining('license `other` is not an SPDX id'));
  });

  it('maps a card without dataset_info: license list, task categories', async () => {
    const { documents } = await importInto(['hf-dataset-card', 'huggingface/sample-segmentation', '--namespace', 'vision']);
    expect(documents.get('Dataset/sample-segmentation')).toMatchObject({
      metadata: { namespace: 'vision', title: 'Sample Segmentation', tags: ['image-segmentation', 'semantic-segmentation'] },
      spec: { license: 'BSD-3-Clause' },
    });
  });
});
