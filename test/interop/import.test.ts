// dossier import's writing: init's layout, re-import as a merge that keeps what people added, files
// import did not write left alone without --force, --dry-run, and nothing outside --out.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempRepo } from '../helpers.js';
import { FIXTURES } from './import-helpers.js';

const importCard = (out: string, ...extra: string[]) =>
  runCli(['import', 'hf-model-card', 'huggingface/my-cool-model', '--version', '1', '--out', out, ...extra], { cwd: FIXTURES });

describe('dossier import: writing', () => {
  it('re-import merges: source fields updated, hand-written fields, documents and comments kept', async () => {
    const out = tempRepo({ 'dossier.yaml': 'extends: core\n' });
    expect((await importCard(out)).code).toBe(0);
    const file = path.join(out, 'models/my-cool-model.yaml');
    const edited = readFileSync(file, 'utf8')
      .replace('  task: image-classification\n', '  task: image-classification # checked by the model owner\n')
      .replace('  license: MIT\n', '  license: MIT\n  riskTier: low\n  intendedUse: Sorting bean leaves\n')
      .concat('---\n# A team we keep by hand\napiVersion: dossier/v1\nkind: Team\nmetadata: {name: vision}\nspec: {}\n');
    writeFileSync(file, edited);
    const again = await importCard(out);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('unchanged');
    expect(readFileSync(file, 'utf8')).toBe(edited);

    // The source changes: its fields are updated, nothing else.
    const card = readFileSync(path.join(FIXTURES, 'huggingface/my-cool-model/README.md'), 'utf8').replace(
      'license: mit',
      'license: apache-2.0',
    );
    const source = tempRepo({ 'my-cool-model/README.md': card });
    const changed = await runCli(['import', 'hf-model-card', 'my-cool-model', '--version', '1', '--out', out], { cwd: source });
    expect(changed.code, changed.stderr).toBe(0);
    const merged = readFileSync(file, 'utf8');
    expect(merged).toContain('license: Apache-2.0');
    expect(merged).toContain('# checked by the model owner');
    expect(merged).toContain('riskTier: low');
    expect(merged).toContain('intendedUse: Sorting bean leaves');
    expect(merged).toContain('# A team we keep by hand');
    expect((await runCli(['lint', '.'], { cwd: out })).code).toBe(0);
  });

  it('updates an entity where it is already defined, and never replaces a task with the placeholder', async () => {
    const out = tempRepo({
      'dossier.yaml': 'extends: core\n',
      'catalog/wine.yaml': 'apiVersion: dossier/v1\nkind: Model\nmetadata: {name: wine-quality}\nspec: {task: regression}\n',
    });
    const run = await runCli(['import', 'mlflow-model', 'mlflow/pyfunc-model', '--version', '1', '--name', 'wine-quality', '--out', out], {
      cwd: FIXTURES,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(path.join(out, 'catalog/wine.yaml'), 'utf8')).toContain('task: regression');
    expect(readFileSync(path.join(out, 'models/wine-quality.yaml'), 'utf8')).not.toContain('kind: Model\n');
    expect((await runCli(['lint', '.'], { cwd: out })).code).toBe(0);
  });

  it('leaves a file it did not write alone without --force (exit 1), and merges into it with --force', async () => {
    const handWritten =
      'apiVersion: dossier/v1\nkind: Model\nmetadata: {name: my-cool-model}\nspec: {task: image-classification, license: MIT}\n';
    const out = tempRepo({ 'dossier.yaml': 'extends: core\n', 'models/my-cool-model.yaml': handWritten });
    const refused = await importCard(out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('models/my-cool-model.yaml exists and was not written by dossier import: nothing was written');
    expect(readFileSync(path.join(out, 'models/my-cool-model.yaml'), 'utf8')).toBe(handWritten);
    expect(existsSync(path.join(out, 'datasets/beans.yaml'))).toBe(false);
    const forced = await importCard(out, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(path.join(out, 'models/my-cool-model.yaml'), 'utf8')).toMatch(
      /^apiVersion: dossier\/v1\nkind: Model\nmetadata: \{name: my-cool-model/,
    );
    expect((await runCli(['lint', '.'], { cwd: out })).code).toBe(0);
  });

  it('--dry-run prints what it would write and writes nothing', async () => {
    const out = tempRepo();
    const run = await importCard(out, '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('# would create: ');
    expect(run.stdout).toContain('kind: Evaluation');
    expect(existsSync(path.join(out, 'models'))).toBe(false);
  });

  it('names from the source cannot lead outside --out', async () => {
    const out = tempRepo();
    const source = tempRepo({
      'evil.json': JSON.stringify({
        '@context': { cr: 'http://mlcommons.org/croissant/' },
        '@type': 'sc:Dataset',
        conformsTo: 'http://mlcommons.org/croissant/1.0',
        name: '../../../etc/passwd',
        distribution: [{ '@type': 'cr:FileObject', '@id': 'f', contentUrl: 'https://example.com/x.csv', encodingFormat: 'text/csv' }],
      }),
    });
    const run = await runCli(['import', 'croissant', 'evil.json', '--out', out], { cwd: source });
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(path.join(out, 'datasets/etc-passwd.yaml'))).toBe(true);
  });

  it('checks its flags', async () => {
    const cwd = tempRepo();
    expect((await runCli(['import'], { cwd })).stderr).toContain('Name the format');
    expect((await runCli(['import', 'croissant'], { cwd })).stderr).toContain('Name what to import');
    expect((await runCli(['import', 'croissant', 'x.json', '--owner', 'Not A Name'], { cwd })).code).toBe(2);
    expect((await runCli(['import', '--help'], { cwd })).stdout).toContain('Usage: dossier import <format>');
  });
});
