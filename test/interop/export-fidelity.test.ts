// dossier export on examples/ml-platform: what the exports say must be what the standards take — a
// MIME type as Croissant's encodingFormat, an S3 prefix as a FileSet, personal data and classification
// in Croissant's RAI field — and a licence lint accepts is one summary line, not a warning per entity.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cyclonedxBom } from '../../src/interop/cyclonedx.js';
import { modelCardOf } from '../../src/interop/hf-model-card-export.js';
import { compileFiles, exampleFiles, LOOSE_MODEL, runCli, tempRepo } from '../helpers.js';

describe('dossier export on the example repository', () => {
  it('writes Croissant with MIME types, FileSets for prefixes and the RAI personal-information field', async () => {
    const cwd = tempRepo(exampleFiles());
    const run = await runCli(['export', 'croissant', '--out', 'croissant'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const document = JSON.parse(readFileSync(path.join(cwd, 'croissant/transactions-2024-06.json'), 'utf8')) as Record<string, unknown>;
    expect(document.distribution).toEqual([
      {
        '@type': 'cr:FileSet',
        '@id': 'data',
        name: 'data',
        encodingFormat: 'application/x-parquet',
        includes: 's3://example-lake/curated/transactions/2024-06/*',
      },
    ]);
    expect(document['rai:personalSensitiveInformation']).toBe(
      'Contains personal data (PII). Fields with personal data: customer_id. Classification: confidential.',
    );
    const records = (document.recordSet as { field: { source: Record<string, unknown> }[] }[])[0];
    expect(records?.field[0]?.source).toHaveProperty('fileSet', { '@id': 'data' });
    expect(run.stderr).toContain('dataset:default/transactions@2024-06: the digest is not exported');
    // Delta Lake has no MIME type: said once per dataset, not guessed.
    expect(run.stderr).toContain("format `delta` has no MIME type Croissant's encodingFormat takes");
  });

  it('says once that `proprietary` is no SPDX id, however many entities carry it', async () => {
    const cwd = tempRepo(exampleFiles());
    const lint = await runCli(['lint', '.'], { cwd });
    expect(lint.code, lint.stdout).toBe(0);
    const run = await runCli(['export', 'spdx', '--out', 'bom.spdx.json', '--created', '2026-01-01T00:00:00Z'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stderr.split('\n').filter((line) => line.includes('proprietary'));
    expect(lines).toEqual([
      'dossier: warning: license `proprietary` is not an SPDX id; kept as LicenseRef-proprietary (13 entities: model:default/churn-predictor, model:default/credit-scorer, model:default/fraud-detector, …).',
    ]);
  });
});

describe('exports of what FORMAT.md leaves optional', () => {
  it("writes a GNU -only license as the Hub's id for it, not as `other`", () => {
    const model = (license: string) =>
      `apiVersion: dossier/v1\nkind: Model\nmetadata: {name: m}\nspec: {task: translation, license: ${license}}\n`;
    const cardOf = (license: string) => {
      const catalog = compileFiles({ 'model.yaml': model(license) }).catalog;
      const entity = catalog.get('model:default/m');
      if (entity === undefined) throw new Error('no model');
      return modelCardOf(catalog, entity).text;
    };
    expect(cardOf('GPL-3.0-only')).toContain('\nlicense: gpl-3.0\n');
    expect(cardOf('LGPL-2.1-only')).toContain('\nlicense: lgpl-2.1\n');
    // "Or later" grants more than the Hub's id says: it stays what it is.
    expect(cardOf('GPL-3.0-or-later')).toContain('license_name: GPL-3.0-or-later');
  });

  it('keeps a license given only by its page, and considerations without a name or mitigation', () => {
    const catalog = compileFiles({ 'model.yaml': LOOSE_MODEL }).catalog;
    const entity = catalog.get('model:default/loose');
    if (entity === undefined) throw new Error('no model');
    const card = modelCardOf(catalog, entity).text;
    expect(card).toContain('license_link: https://example.com/license');
    expect(card).toContain('- Reviewed by the fairness board.');
    expect(card).toContain('- **Drift**');
    expect(card).not.toContain('undefined');
    const bom = JSON.stringify(
      cyclonedxBom(
        catalog,
        catalog.entities.filter((e) => e.kind === 'ModelVersion'),
        { toolVersion: '0', warn: () => undefined },
      ),
    );
    expect(bom).toContain('{"mitigationStrategy":"Reviewed by the fairness board."}');
    expect(bom).toContain('{"name":"Drift"}');
    expect(bom).toContain('"url":"https://example.com/license"');
  });
});
