// dossier export spdx: the example's model versions as SPDX 3.0.1 JSON-LD with the AI and Dataset
// profiles, validated against the official SPDX 3.0.1 JSON schema (test/fixtures/spdx/SOURCES.md).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { exampleFiles, runCli, tempRepo } from '../helpers.js';

const SCHEMA_FILE = 'test/fixtures/spdx/spdx-json-schema-3.0.1.json';
const SCHEMA_SHA256 = '873ff9d3177a0c12495fe585c5012f7bec0aa70aabed1f2f1e79f25bd95eb107';

const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);

type Element = Record<string, unknown> & { type: string; spdxId?: string };

describe('dossier export spdx', () => {
  it('validates against the official schema, which is the unedited copy', async () => {
    expect(createHash('sha256').update(readFileSync(SCHEMA_FILE)).digest('hex')).toBe(SCHEMA_SHA256);
    const cwd = tempRepo(exampleFiles());
    const run = await runCli(['export', 'spdx', '--created', '2026-01-31T12:00:00Z'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const document = JSON.parse(run.stdout) as { '@graph': Element[] };
    expect(validate(document), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);

    const graph = document['@graph'];
    const model = graph.find((e) => e.type === 'ai_AIPackage' && e.name === 'fraud-detector' && e.software_packageVersion === '2.0.0');
    expect(model).toMatchObject({
      software_primaryPurpose: 'model',
      ai_typeOfModel: ['binary-classification'],
      ai_safetyRiskAssessment: 'high',
      verifiedUsing: [{ type: 'Hash', algorithm: 'sha256', hashValue: '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8' }],
      ai_metric: expect.arrayContaining([{ type: 'DictionaryEntry', key: 'auc_pr (test)', value: '0.78' }]) as unknown,
    });
    const datasetId = (name: string) =>
      graph.find((e) => e.type === 'dataset_DatasetPackage' && e.spdxId?.endsWith(encodeURIComponent(name)))?.spdxId;
    const relation = (type: string) =>
      graph.find((e) => e.type === 'Relationship' && e.from === model?.spdxId && e.relationshipType === type);
    expect(relation('trainedOn')?.to).toEqual([datasetId('dataset:default/transactions@2024-06')]);
    expect(relation('testedOn')?.to).toEqual([datasetId('dataset:default/transactions-holdout@2024-06')]);
    const license = graph.find((e) => e.spdxId === (relation('hasDeclaredLicense')?.to as string[])[0]);
    expect(license).toMatchObject({
      type: 'simplelicensing_LicenseExpression',
      simplelicensing_licenseExpression: 'LicenseRef-proprietary',
    });
    expect(graph.find((e) => e.type === 'dataset_DatasetPackage' && e.name === 'transactions')).toMatchObject({
      dataset_hasSensitivePersonalInformation: 'yes',
      dataset_confidentialityLevel: 'amber',
    });
  });

  it('the schema check is real: a document missing what SPDX requires fails it', () => {
    const broken = {
      '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld',
      '@graph': [{ type: 'ai_AIPackage', spdxId: 'urn:x:1', name: 'x' }],
    };
    expect(validate(broken)).toBe(false);
  });

  it('is reproducible for a creation time, from --created or SOURCE_DATE_EPOCH', async () => {
    const cwd = tempRepo(exampleFiles());
    const first = await runCli(['export', 'spdx', 'fraud-detector', '--created', '2026-01-31T12:00:00Z'], { cwd });
    const second = await runCli(['export', 'spdx', 'fraud-detector'], { cwd, env: { SOURCE_DATE_EPOCH: '1769860800' } });
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout).toContain('"created": "2026-01-31T12:00:00Z"');
    const bad = await runCli(['export', 'spdx', '--created', 'yesterday'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--created takes an ISO 8601 time');
  });
});
