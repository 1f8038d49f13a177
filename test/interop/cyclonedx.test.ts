// dossier export cyclonedx: the example's model versions as a CycloneDX 1.6 ML-BOM, validated
// against the official schema that @cyclonedx/cyclonedx-library ships.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { describe, expect, it } from 'vitest';
import { exampleFiles, runCli, tempRepo } from '../helpers.js';

interface Bom {
  serialNumber: string;
  components: { 'bom-ref': string; type: string; [key: string]: unknown }[];
  dependencies?: { ref: string; dependsOn: string[] }[];
}

async function exported(cwd: string, args: string[] = []): Promise<{ text: string; bom: Bom; stderr: string }> {
  const run = await runCli(['export', 'cyclonedx', ...args], { cwd });
  expect(run.code, run.stderr).toBe(0);
  return { text: run.stdout, bom: JSON.parse(run.stdout) as Bom, stderr: run.stderr };
}

const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

describe('dossier export cyclonedx', () => {
  it('writes a BOM of every model version that validates against CycloneDX 1.6', async () => {
    const cwd = tempRepo(exampleFiles());
    const { text, bom, stderr } = await exported(cwd);
    expect(await validator.validate(text)).toBeNull();
    expect(stderr).toContain('license `proprietary` is not an SPDX id');
    const version = bom.components.find((c) => c['bom-ref'] === 'modelversion:default/fraud-detector@2.0.0');
    expect(version).toMatchObject({
      type: 'machine-learning-model',
      name: 'fraud-detector',
      version: '2.0.0',
      hashes: [{ alg: 'SHA-256', content: '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8' }],
      modelCard: {
        modelParameters: { task: 'binary-classification', datasets: [{ ref: 'dataset:default/transactions@2024-06' }] },
        quantitativeAnalysis: {
          performanceMetrics: expect.arrayContaining([
            { type: 'auc_pr', value: '0.78', slice: 'test', confidenceInterval: { lowerBound: '0.76', upperBound: '0.8' } },
          ]) as unknown,
        },
      },
    });
    const data = bom.components.find((c) => c['bom-ref'] === 'dataset:default/transactions@2024-06');
    expect(data).toMatchObject({ type: 'data', data: [{ type: 'dataset', classification: 'confidential' }] });
    expect(bom.dependencies).toContainEqual({
      ref: 'modelversion:default/fraud-detector@2.0.0',
      dependsOn: ['dataset:default/transactions@2024-06'],
    });
    const refs = new Set(bom.components.map((c) => c['bom-ref']));
    for (const dependency of bom.dependencies ?? [])
      for (const ref of [dependency.ref, ...dependency.dependsOn]) expect(refs.has(ref), ref).toBe(true);
  });

  it('is reproducible, takes a serial number, and exports one model or one version', async () => {
    const cwd = tempRepo(exampleFiles());
    const first = await exported(cwd);
    expect((await exported(cwd)).text).toBe(first.text);
    expect(first.bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const serial = 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79';
    expect((await exported(cwd, ['--serial-number', serial])).bom.serialNumber).toBe(serial);
    const one = await exported(cwd, ['model:fraud-detector']);
    expect(one.bom.components.filter((c) => c.type === 'machine-learning-model').map((c) => c['bom-ref'])).toEqual([
      'modelversion:default/fraud-detector@1.0.0',
      'modelversion:default/fraud-detector@2.0.0',
      'modelversion:default/fraud-detector@2.1.0',
    ]);
    const version = await exported(cwd, ['modelversion:fraud-detector@2.1.0']);
    expect(version.bom.components.filter((c) => c.type === 'machine-learning-model')).toHaveLength(1);
    expect(await validator.validate(version.text)).toBeNull();
  });

  it('writes SPDX ids as ids, keeps hostile text as data, and refuses what it cannot export (exit 2)', async () => {
    const cwd = tempRepo({
      'model.yaml': `apiVersion: dossier/v1
kind: Model
metadata: {name: tagger, description: "<script>alert(1)</script>"}
spec: {task: token-classification, license: apache-2.0}
---
apiVersion: dossier/v1
kind: ModelVersion
metadata: {name: tagger, version: "1"}
spec: {model: tagger}
`,
    });
    const { text, bom } = await exported(cwd);
    expect(await validator.validate(text)).toBeNull();
    expect(bom.components[0]).toMatchObject({ licenses: [{ license: { id: 'Apache-2.0' } }], description: '<script>alert(1)</script>' });
    expect((await runCli(['export', 'pdf'], { cwd })).code).toBe(2);
    expect((await runCli(['export', 'cyclonedx', 'model:nope'], { cwd })).stderr).toContain('Nothing to export matches `model:nope`');
    expect((await runCli(['export', 'cyclonedx', '--serial-number', 'abc'], { cwd })).code).toBe(2);
  });

  it('writes the BOM into a folder given as --out, under its usual name', async () => {
    const cwd = tempRepo({ ...exampleFiles(), 'boms/.keep': '' });
    const run = await runCli(['export', 'cyclonedx', '--out', 'boms'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(cwd, 'boms/bom.cdx.json'), 'utf8'))).toMatchObject({ bomFormat: 'CycloneDX' });
  });
});
