// dossier import croissant on MLCommons' own examples (test/fixtures/croissant/SOURCES.md): record sets
// each a Dataset with its own schema, FileSets as their locations, and datePublished kept.

import { describe, expect, it } from 'vitest';
import { importInto } from './import-helpers.js';

interface Dataset extends Record<string, unknown> {
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
}

const fieldNames = (dataset: Dataset | undefined) =>
  ((dataset?.spec.schema as { fields: { name: string }[] } | undefined)?.fields ?? []).map((f) => f.name);

describe('dossier import croissant: record sets, file sets, dates', () => {
  it('gives each of the 15 record sets of credit-g its own schema, not one schema of 35 fields', async () => {
    const { documents } = await importInto(['croissant', 'croissant/credit-g.json']);
    const datasets = [...documents.values()].filter((d) => d.kind === 'Dataset') as Dataset[];
    expect(datasets).toHaveLength(16);
    expect(documents.get('Dataset/credit-g@1.0.0')?.spec).not.toHaveProperty('schema');
    const table = documents.get('Dataset/credit-g.data-file-description@1.0.0') as Dataset;
    expect(fieldNames(table)).toHaveLength(21);
    expect(fieldNames(table)).toContain('credit_amount');
    expect(fieldNames(documents.get('Dataset/credit-g.purpose@1.0.0') as Dataset)).toEqual(['value']);
  });

  it('locates each record set of hh-rlhf at the FileSet its fields are read from', async () => {
    const { documents, run } = await importInto(['croissant', 'croissant/huggingface-anthropic-hh-rlhf.json']);
    expect(documents.get('Dataset/anthropic-hh-rlhf@1.0.0')?.spec).toMatchObject({
      location: { uri: 'https://huggingface.co/datasets/Anthropic/hh-rlhf', format: 'git+https' },
    });
    const harmless = documents.get('Dataset/anthropic-hh-rlhf.harmless-base@1.0.0') as Dataset;
    expect(harmless.spec).toMatchObject({
      location: { uri: 'https://huggingface.co/datasets/Anthropic/hh-rlhf/harmless-base/*.jsonl.gz', format: 'application/jsonlines' },
      derivedFrom: ['dataset:anthropic-hh-rlhf@1.0.0'],
    });
    expect(fieldNames(harmless)).toEqual(['split', 'chosen', 'rejected']);
    const unmapped = (JSON.parse(run.stdout) as { unmapped: string[] }).unmapped;
    expect(unmapped.filter((line) => line.includes('distribution `'))).toEqual([]);
  });

  it('keeps datePublished, and names every FileSet it has no place for (Common Crawl, Croissant 1.1)', async () => {
    const { documents, run } = await importInto(['croissant', 'croissant/commoncrawl-CC-MAIN-2025-43-draft.json']);
    const crawl = [...documents.values()].find((d) => d.kind === 'Dataset') as Dataset;
    expect(crawl.metadata.annotations).toMatchObject({ 'mlcommons.org/croissant-date-published': '2025-10-19T01:06:58Z' });
    const unmapped = (JSON.parse(run.stdout) as { unmapped: string[] }).unmapped;
    expect(unmapped).toContain('croissant/commoncrawl-CC-MAIN-2025-43-draft.json: distribution `warc-files` (a Dataset has one location)');
    expect(unmapped).toContain('croissant/commoncrawl-CC-MAIN-2025-43-draft.json: temporalCoverage');
  });
});
