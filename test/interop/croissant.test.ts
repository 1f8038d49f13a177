// dossier import croissant / export croissant: MLCommons' own Croissant 1.0 examples
// (test/fixtures/croissant/SOURCES.md) mapped to Datasets, JSON-LD that is not Croissant refused, and
// the example's datasets exported with what Croissant 1.0 requires and imported back.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleFiles, parseJsonReport, runCli, tempRepo } from '../helpers.js';
import { importCroissant } from '../../src/interop/croissant.js';
import { FIXTURES, compiledCatalog, importInto } from './import-helpers.js';

describe('dossier import croissant', () => {
  it('maps the titanic example: files, digest, version, license, each record set a Dataset with its own schema', async () => {
    const { documents, run } = await importInto(['croissant', 'croissant/titanic.json', '--owner', 'data']);
    const titanic = documents.get('Dataset/titanic@1.0.0') as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
    expect(titanic.metadata).toMatchObject({
      title: 'Titanic',
      owner: 'data',
      links: [{ url: 'https://www.openml.org/d/40945', title: 'Homepage' }],
      annotations: { 'mlcommons.org/croissant-record-sets': 'genders, embarkation_ports, passengers' },
    });
    expect(titanic.spec).toMatchObject({
      location: { uri: 'data/titanic.csv', format: 'text/csv' },
      license: 'AFL-3.0',
      digest: 'sha256:c617db2c7470716250f6f001be51304c76bcc8815527ab8bae734bdca0735737',
    });
    expect(titanic.spec.schema).toBeUndefined();
    const passengers = documents.get('Dataset/titanic.passengers@1.0.0') as {
      metadata: Record<string, unknown>;
      spec: Record<string, unknown>;
    };
    expect(passengers.spec).toMatchObject({
      location: { uri: 'data/titanic.csv', format: 'text/csv' },
      derivedFrom: ['dataset:titanic@1.0.0'],
    });
    expect((passengers.spec.schema as { fields: unknown[] }).fields).toContainEqual({
      name: 'survived',
      type: 'integer',
      description: 'Survival status of passenger (0: Lost, 1: Saved)',
    });
    const genders = documents.get('Dataset/titanic.genders@1.0.0') as { spec: Record<string, unknown> };
    expect(genders.spec).toMatchObject({
      location: { uri: 'data/genders.csv', format: 'text/csv' },
      schema: { fields: [expect.objectContaining({ name: 'label' }), expect.objectContaining({ name: 'url', type: 'url' })] },
    });
    expect((JSON.parse(run.stdout) as { unmapped: string[] }).unmapped).toContain(
      'croissant/titanic.json: recordSet[].field[].references (no Dossier field for them)',
    );
  });

  it('names a file that has no name with --name, and asks for it without', async () => {
    const { documents } = await importInto(['croissant', 'croissant/huggingface-squad.json', '--name', 'squad']);
    expect([...documents.keys()]).toEqual(['Dataset/squad']);
    const out = tempRepo({ 'dossier.yaml': 'extends: core\n' });
    const unnamed = await runCli(['import', 'croissant', 'croissant/huggingface-squad.json', '--out', out], { cwd: FIXTURES });
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toContain('a Croissant dataset needs a name; give it one with --name.');
  });

  it('reads a split given as one record, not a list of one', async () => {
    const { documents } = await importInto(['croissant', 'croissant/huggingface-pollen-robotics-apple-storage.json']);
    const [dataset] = [...documents.values()] as { kind: string; spec: Record<string, unknown> }[];
    expect(dataset?.kind).toBe('Dataset');
    expect(dataset?.spec.splits).toEqual([{ name: 'train' }]);
  });

  it('reads splits from a cr:Split record set, and a FileSet as the location', async () => {
    const { documents } = await importInto(['croissant', 'croissant/huggingface-mnist.json', 'croissant/simple-split.json']);
    const mnist = documents.get('Dataset/mnist@1.0.0') as { spec: Record<string, unknown> };
    expect(mnist.spec.splits).toEqual([{ name: 'train' }, { name: 'test' }]);
    expect(mnist.spec.license).toBe('MIT');
    expect((mnist.spec.schema as { fields: unknown[] }).fields).toEqual([
      { name: 'split', type: 'string', description: 'Split to which the example belongs to.' },
      { name: 'image', type: 'image', description: 'Column from Hugging Face parquet file.' },
      { name: 'label', type: 'integer', description: 'Column from Hugging Face parquet file.' },
    ]);
    const simple = documents.get('Dataset/simple-split') as { spec: Record<string, unknown> };
    expect(simple.spec).toMatchObject({ location: { uri: 'data/*.parquet', format: 'application/x-parquet' }, license: 'CC-BY-4.0' });
  });

  it('keeps a license that is not an SPDX id as LicenseRef-… with a warning', async () => {
    const { documents, run } = await importInto(['croissant', 'croissant/credit-g.json']);
    expect(documents.get('Dataset/credit-g@1.0.0')?.spec).toMatchObject({ license: 'LicenseRef-Public' });
    expect((JSON.parse(run.stdout) as { warnings: string[] }).warnings).toContain(
      'croissant/credit-g.json: license: license `Public` is not an SPDX id; kept as LicenseRef-Public.',
    );
  });

  it('refuses JSON that is not Croissant, and JSON that is not JSON, naming the file (exit 2)', async () => {
    const cwd = tempRepo({
      'schema-org.json': JSON.stringify({ '@context': 'https://schema.org/', '@type': 'Person', name: 'Ada' }),
      'plain-dataset.json': JSON.stringify({ '@context': 'https://schema.org/', '@type': 'Dataset', name: 'x' }),
      'broken.json': '{"@type": "sc:Dataset",',
    });
    const person = await runCli(['import', 'croissant', 'schema-org.json'], { cwd });
    expect(person.code).toBe(2);
    expect(person.stderr).toContain('schema-org.json: @type: not Croissant');
    const plain = await runCli(['import', 'croissant', 'plain-dataset.json'], { cwd });
    expect(plain.stderr).toContain('plain-dataset.json: conformsTo: not Croissant');
    const broken = await runCli(['import', 'croissant', 'broken.json'], { cwd });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('broken.json: not JSON-LD');
  });
});

describe('hostile Croissant', () => {
  it('refuses a licence nested 20,000 deep with a message, not a stack overflow', async () => {
    const titanic = JSON.parse(readFileSync(path.join(FIXTURES, 'croissant/titanic.json'), 'utf8')) as Record<string, unknown>;
    const text = JSON.stringify({ ...titanic, license: 'LICENSE' }).replace('"LICENSE"', `${'['.repeat(20_000)}"MIT"${']'.repeat(20_000)}`);
    const run = await runCli(['import', 'croissant', 'deep.json', '--dry-run'], { cwd: tempRepo({ 'deep.json': text }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('deep.json: not JSON-LD: nested more than 64 levels deep');
  });
});

describe('names that are Object.prototype keys', () => {
  it('a field whose data type is `constructor` keeps it as its type name, with a warning', () => {
    const text = readFileSync(path.join(FIXTURES, 'croissant/titanic.json'), 'utf8').replace(
      '"dataType": "sc:Text"',
      '"dataType": "constructor"',
    );
    const mapping = importCroissant(text, { file: 'titanic.json' });
    expect(JSON.stringify(mapping.documents)).toContain('"type":"constructor"');
    expect(mapping.warnings.join('\n')).toContain('data type `constructor` has no Dossier type name');
  });
});

describe('dossier export croissant', () => {
  const dataset = (name: string, namespace?: string, version?: string) =>
    [
      'apiVersion: dossier/v1',
      'kind: Dataset',
      `metadata: {name: ${name}${namespace === undefined ? '' : `, namespace: ${namespace}`}${version === undefined ? '' : `, version: "${version}"`}, description: x}`,
      'spec: {location: {uri: "s3://x"}}',
      '',
    ].join('\n');

  it('writes a dataset of each namespace to its own file', async () => {
    const cwd = tempRepo({ 'a.yaml': dataset('d', 'team-a'), 'b.yaml': dataset('d', 'team-b'), 'c.yaml': dataset('d') });
    const run = await runCli(['export', 'croissant', '--out', 'out'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('wrote 3 files');
    for (const [file, namespace] of [
      ['out/d.json', undefined],
      ['out/team-a/d.json', 'team-a'],
      ['out/team-b/d.json', 'team-b'],
    ] as const) {
      const document = JSON.parse(readFileSync(path.join(cwd, file), 'utf8')) as { name: string };
      expect(document.name).toBe('d');
      expect(existsSync(path.join(cwd, file)), namespace).toBe(true);
    }
  });

  it('carries web links only: a javascript: link is a schema problem, and a dataset with one is not exported', async () => {
    const links = 'links: [{url: "javascript:alert(1)", title: x}, {url: "JavaScript://x%0aalert(1)"}]';
    const cwd = tempRepo({ 'd.yaml': dataset('d').replace('description: x}', `description: x, ${links}}`) });
    const lint = await runCli(['lint', '--format', 'json'], { cwd });
    const problems = parseJsonReport(lint.stdout).diagnostics.map((d: { ruleId: string; line: number }) => `${d.ruleId} ${d.line}`);
    expect(problems).toEqual(['schema/invalid-value 3', 'schema/invalid-value 3']);
    const run = await runCli(['export', 'croissant', 'dataset:d'], { cwd });
    expect(run.stderr).toContain('dataset:default/d: not exported: it does not pass its schema');
    expect(run.stdout.toLowerCase()).not.toContain('javascript');
  });

  it('refuses two datasets whose files would be one', async () => {
    const cwd = tempRepo({ 'a.yaml': dataset('a', undefined, '1'), 'b.yaml': dataset('a-1') });
    const run = await runCli(['export', 'croissant', '--out', 'out'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('a-1.json: dataset:default/a-1 and dataset:default/a@1');
    expect(existsSync(path.join(cwd, 'out'))).toBe(false);
  });

  it('says when there is nothing to export', async () => {
    const run = await runCli(['export', 'croissant', '--out', 'out'], { cwd: tempRepo({ 'dossier.yaml': 'extends: core\n' }) });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('nothing to export: the repository has no datasets');
  });

  it('writes a Croissant 1.0 document per dataset, and importing it gives back the mapped fields', async () => {
    const cwd = tempRepo(exampleFiles());
    const run = await runCli(['export', 'croissant', '--out', 'croissant'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const file = path.join(cwd, 'croissant/transactions-2024-06.json');
    const document = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(document).toMatchObject({
      '@type': 'sc:Dataset',
      conformsTo: 'http://mlcommons.org/croissant/1.0',
      name: 'transactions',
      version: '2024-06',
    });
    for (const required of ['@context', 'name', 'description', 'license', 'distribution', 'recordSet'])
      expect(document[required], required).toBeDefined();
    expect(run.stderr).toContain('Croissant requires a url');

    const catalog = (await compiledCatalog(cwd)) as {
      entities: { kind: string; name: string; version?: string; metadata: Record<string, unknown>; spec: Record<string, unknown> }[];
    };
    const source = catalog.entities.find((e) => e.kind === 'Dataset' && e.name === 'transactions' && e.version === '2024-06');
    const { documents } = await importInto(['croissant', file], { lint: false });
    const back = documents.get('Dataset/transactions@2024-06') as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
    expect(back.metadata.title).toBe(source?.metadata.title);
    expect(back.metadata.description).toBe(source?.metadata.description);
    expect(back.metadata.tags).toEqual(source?.metadata.tags);
    for (const field of ['knownBiases', 'preprocessing', 'containsPII', 'classification'])
      expect(back.spec[field], field).toEqual(source?.spec[field]);
    // An S3 prefix travels as a FileSet of the files under it, its format as a MIME type; a set of files has no sha256.
    const location = source?.spec.location as { uri: string };
    expect(back.spec.location).toEqual({ uri: `${location.uri}*`, format: 'application/x-parquet' });
    expect(back.spec.digest).toBeUndefined();
    expect(back.spec.splits).toEqual((source?.spec.splits as { name: string }[]).map(({ name }) => ({ name })));
    // Field types travel as Croissant data types: each comes back as the type that Croissant type reads as.
    const fields = (source?.spec.schema as { fields: { name: string; type: string }[] }).fields;
    expect((back.spec.schema as { fields: { name: string }[] }).fields.map((f) => f.name)).toEqual(fields.map((f) => f.name));
    // Not an SPDX id: kept, as every import keeps one, as LicenseRef-….
    expect(back.spec.license).toBe('LicenseRef-proprietary');
  });
});
