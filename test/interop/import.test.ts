// dossier import's writing: init's layout, re-import as a merge that keeps what people added, files
// import did not write left alone without --force, --dry-run, and nothing outside --out.

import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempRepo } from '../helpers.js';
import { FIXTURES } from './import-helpers.js';
import { IMPORT_MARKER } from '../../src/use-cases/import-metadata.js';

const importCard = (out: string, ...extra: string[]) =>
  runCli(['import', 'hf-model-card', 'huggingface/my-cool-model', '--version', '1', '--out', out, ...extra], { cwd: FIXTURES });

/** The card again after its source changed its licence: a re-import that updates a field. */
function importChangedCard(out: string) {
  const card = readFileSync(path.join(FIXTURES, 'huggingface/my-cool-model/README.md'), 'utf8').replace(
    'license: mit',
    'license: apache-2.0',
  );
  return runCli(['import', 'hf-model-card', 'my-cool-model', '--version', '1', '--out', out], {
    cwd: tempRepo({ 'my-cool-model/README.md': card }),
  });
}

/** A Croissant description of a dataset of this name, as the only input of an import. */
function croissantNamed(file: string, name: string): string {
  return tempRepo({
    [file]: JSON.stringify({
      '@context': { cr: 'http://mlcommons.org/croissant/' },
      '@type': 'sc:Dataset',
      conformsTo: 'http://mlcommons.org/croissant/1.0',
      name,
      distribution: [{ '@type': 'cr:FileObject', '@id': 'f', contentUrl: 'https://example.com/x.csv', encodingFormat: 'text/csv' }],
    }),
  });
}

describe('dossier import: writing', () => {
  it('re-import merges: source fields updated, hand-written fields, documents and comments kept', async () => {
    const out = tempRepo({ 'dossier.yaml': 'extends: core\n' });
    expect((await importCard(out)).code).toBe(0);
    const file = path.join(out, 'models/my-cool-model.yaml');
    const edited = readFileSync(file, 'utf8')
      .replace('  task: image-classification\n', '  task: image-classification    # checked by the model owner\n#   (by hand)\n')
      .replace('  license: MIT\n', '  license: MIT\n  riskTier: low\n  intendedUse: Sorting bean leaves\n')
      .concat('---\n# A team we keep by hand\napiVersion: dossier/v1\nkind: Team\nmetadata: {name: vision}\nspec: {}\n');
    writeFileSync(file, edited);
    const again = await importCard(out);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('unchanged');
    expect(readFileSync(file, 'utf8')).toBe(edited);

    // The source changes: its fields are updated, nothing else.
    const changed = await importChangedCard(out);
    expect(changed.code, changed.stderr).toBe(0);
    const merged = readFileSync(file, 'utf8');
    expect(merged).toContain('license: Apache-2.0');
    expect(merged).toContain('  task: image-classification    # checked by the model owner\n#   (by hand)\n');
    expect(merged).toContain('riskTier: low');
    expect(merged).toContain('intendedUse: Sorting bean leaves');
    expect(merged).toContain('# A team we keep by hand');
    expect((await runCli(['lint', '.'], { cwd: out })).code).toBe(0);
  });

  it('re-import keeps the list items someone added (a tag, a training dataset), in their style', async () => {
    const out = tempRepo({ 'dossier.yaml': 'extends: core\n' });
    expect((await importCard(out)).code).toBe(0);
    const file = path.join(out, 'models/my-cool-model.yaml');
    const imported = readFileSync(file, 'utf8');
    expect(imported).toContain('    - pytorch\n');
    expect(imported).toContain('        role: train\n');
    const edited = imported
      .replace('    - pytorch\n', '    - pytorch\n    - team-added # ours\n')
      .replace(/( +)role: train\n/, '$1role: train\n      - ref: dataset:beans\n$1role: validation\n');
    expect(edited).not.toBe(imported);
    writeFileSync(file, edited);
    const again = await importCard(out);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect((await runCli(['lint', '.'], { cwd: out })).code).toBe(0);
  });

  it("re-import updates a metric's value and keeps the threshold, comment and metric someone added to it", async () => {
    const out = tempRepo({ 'dossier.yaml': 'extends: core\n' });
    expect((await importCard(out)).code).toBe(0);
    const file = readdirSync(path.join(out, 'models')).find((name) => name.startsWith('my-cool-model'));
    const evaluations = path.join(out, 'models', file ?? '');
    const imported = readFileSync(evaluations, 'utf8');
    expect(imported).toContain('    - name: accuracy\n      value: 0.9\n');
    const edited = imported.replace(
      '    - name: accuracy\n      value: 0.9\n',
      '    - name: accuracy\n      value: 0.9 # measured by QA\n      threshold: 0.85\n    - {name: recall, value: 0.8}\n',
    );
    writeFileSync(evaluations, edited);
    const card = readFileSync(path.join(FIXTURES, 'huggingface/my-cool-model/README.md'), 'utf8').replace('value: 0.9\n', 'value: 0.92\n');
    const again = await runCli(['import', 'hf-model-card', 'my-cool-model', '--version', '1', '--out', out], {
      cwd: tempRepo({ 'my-cool-model/README.md': card }),
    });
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(evaluations, 'utf8')).toBe(edited.replace('value: 0.9 # measured by QA', 'value: 0.92 # measured by QA'));
  });

  it("re-import keeps a file's CRLF line endings, and writes a linked file where it points, keeping the link", async () => {
    const out = tempRepo({ 'dossier.yaml': 'extends: core\n' });
    expect((await importCard(out)).code).toBe(0);
    const file = path.join(out, 'models/my-cool-model.yaml');
    // The file kept elsewhere in the repository, linked from where import wrote it, with Windows line endings.
    const kept = path.join(out, 'shared/my-cool-model.yaml');
    mkdirSync(path.dirname(kept));
    writeFileSync(kept, readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
    rmSync(file);
    symlinkSync(kept, file);
    const run = await importChangedCard(out);
    expect(run.code, run.stderr).toBe(0);
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    const merged = readFileSync(kept, 'utf8');
    expect(merged).toContain('license: Apache-2.0\r\n');
    expect(merged.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('re-import never drops a tagged value silently: a file with !!timestamp or !!binary is reported and left as it is', async () => {
    for (const [tag, value] of [
      ['!!timestamp', '2024-01-01'],
      ['!!binary', 'aGVsbG8='],
    ]) {
      const out = tempRepo({ 'dossier.yaml': 'extends: core\n' });
      expect((await importCard(out)).code).toBe(0);
      const file = path.join(out, 'models/my-cool-model.yaml');
      const tagged = readFileSync(file, 'utf8').replace('spec:\n', `spec:\n  releasedOn: ${tag} ${value}\n`);
      writeFileSync(file, tagged);
      const run = await importChangedCard(out);
      expect(run.code, tag).not.toBe(0);
      expect(run.stdout + run.stderr).toContain('yaml/syntax');
      expect(readFileSync(file, 'utf8')).toBe(tagged);
    }
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

  it("takes an MLflow 3 model's artifact location as it is, and names what its signature says that has no place", async () => {
    const out = tempRepo({ 'dossier.yaml': 'extends: core\n' });
    const run = await runCli(
      ['import', 'mlflow-model', 'mlflow/mlflow3-databricks', '--version', '1', '--name', 'attrition', '--out', out],
      { cwd: FIXTURES },
    );
    expect(run.code, run.stderr).toBe(0);
    const written = readFileSync(path.join(out, 'models/attrition.yaml'), 'utf8');
    expect(written).toContain(
      'uri: dbfs:/databricks/mlflow-tracking/1281220068916393/logged_models/m-a9ef410ff1674938956fb095491e8135/artifacts\n',
    );
    expect(written).toContain('mlflow.org/model-id: m-a9ef410ff1674938956fb095491e8135');
    expect(run.stderr).toContain('mlflow/mlflow3-databricks/MLmodel: signature.inputs[].required');
    expect((await runCli(['lint', '.'], { cwd: out })).code).toBe(0);
  });

  it('leaves a file it did not write alone without --force (exit 1), and merges into it with --force', async () => {
    const handWritten =
      'apiVersion: dossier/v1\nkind: Model\nmetadata: {name: my-cool-model}\nspec: {task: image-classification, license: MIT}\n';
    const out = tempRepo({ 'dossier.yaml': 'extends: core\n', 'models/my-cool-model.yaml': handWritten });
    const refused = await importCard(out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'models/my-cool-model.yaml was not written by dossier import and would change (model:default/my-cool-model, ',
    );
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
    const source = croissantNamed('evil.json', '../../../etc/passwd');
    const run = await runCli(['import', 'croissant', 'evil.json', '--out', out], { cwd: source });
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(path.join(out, 'datasets/etc-passwd.yaml'))).toBe(true);
  });

  it('never names a file after a Windows device', async () => {
    const out = tempRepo();
    const source = croissantNamed('con.json', 'CON');
    const run = await runCli(['import', 'croissant', 'con.json', '--out', out], { cwd: source });
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(path.join(out, 'datasets'))).toEqual(['con_.yaml']);
  });

  describe('symbolic links under --out', () => {
    const dataset = (name: string) =>
      JSON.stringify({
        '@context': { cr: 'http://mlcommons.org/croissant/' },
        '@type': 'sc:Dataset',
        conformsTo: 'http://mlcommons.org/croissant/1.0',
        name,
        distribution: [{ '@type': 'cr:FileObject', '@id': 'f', contentUrl: 'https://example.com/x.csv', encodingFormat: 'text/csv' }],
      });

    it('refuses to write through a folder that links out of --out', async () => {
      const root = tempRepo({ 'outside/keep.txt': 'x', 'out/dossier.yaml': 'extends: core\n', 'd.json': dataset('d') });
      symlinkSync('../outside', path.join(root, 'out/datasets'));
      const run = await runCli(['import', 'croissant', 'd.json', '--out', 'out'], { cwd: root });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('out/datasets/d.yaml: would be written outside --out');
      expect(readdirSync(path.join(root, 'outside'))).toEqual(['keep.txt']);
    });

    it('refuses to merge into a file that links out of the repository', async () => {
      const existing = `${IMPORT_MARKER} croissant.\napiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: d}\nspec: {location: {uri: x}}\n`;
      const root = tempRepo({
        'outside/d.yaml': existing,
        'out/dossier.yaml': 'extends: core\n',
        'out/datasets/.keep': '',
        'd.json': dataset('d'),
      });
      symlinkSync('../../outside/d.yaml', path.join(root, 'out/datasets/d.yaml'));
      const run = await runCli(['import', 'croissant', 'd.json', '--out', 'out'], { cwd: root });
      expect(run.code).toBe(2);
      expect(readFileSync(path.join(root, 'outside/d.yaml'), 'utf8')).toBe(existing);
    });

    it('does not follow a link loop when looking for existing entities', { timeout: 20_000 }, async () => {
      const root = tempRepo({ 'out/dossier.yaml': 'extends: core\n', 'd.json': dataset('d') });
      symlinkSync('.', path.join(root, 'out/loop'));
      symlinkSync('..', path.join(root, 'out/up'));
      const started = Date.now();
      const run = await runCli(['import', 'croissant', 'd.json', '--out', 'out'], { cwd: root });
      expect(run.code, run.stderr).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(existsSync(path.join(root, 'out/datasets/d.yaml'))).toBe(true);
    });
  });

  describe('refuses two inputs that map to one entity, writing nothing', () => {
    const croissant = (name: string, description: string) =>
      JSON.stringify({
        '@context': { cr: 'http://mlcommons.org/croissant/' },
        '@type': 'sc:Dataset',
        conformsTo: 'http://mlcommons.org/croissant/1.0',
        name,
        description,
        distribution: [{ '@type': 'cr:FileObject', '@id': 'f', contentUrl: 'https://example.com/x.csv', encodingFormat: 'text/csv' }],
      });
    const long = 'a'.repeat(63);
    const cases: [string, string, string, string][] = [
      ['names that differ in case and spacing', 'My Data', 'my-data', 'dataset:default/my-data'],
      ['the Kelvin sign and k', '\u212A', 'k', 'dataset:default/k'],
      ['long names with one prefix', `${long}-first`, `${long}-second`, `dataset:default/${long}`],
    ];
    for (const [name, first, second, identity] of cases) {
      it(name, async () => {
        const out = tempRepo();
        const source = tempRepo({ 'one.json': croissant(first, 'one'), 'two.json': croissant(second, 'two') });
        const run = await runCli(['import', 'croissant', 'one.json', 'two.json', '--out', out], { cwd: source });
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(`${identity} comes from more than one source (one.json, two.json)`);
        expect(existsSync(path.join(out, 'datasets'))).toBe(false);
      });
    }

    it('two model cards in folders of one name', async () => {
      const card = (license: string) => `---\nlicense: ${license}\nlibrary_name: transformers\n---\n# BERT\n`;
      const source = tempRepo({ 'a/bert/README.md': card('mit'), 'b/bert/README.md': card('apache-2.0') });
      const run = await runCli(['import', 'hf-model-card', 'a/bert', 'b/bert', '--version', '1', '--out', tempRepo()], { cwd: source });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/model:default\/bert comes from more than one source \(a\/bert\/README\.md, b\/bert\/README\.md\)/);
    });

    it('but not the same document twice', async () => {
      const source = tempRepo({ 'one.json': croissant('d', 'same'), 'two.json': croissant('d', 'same') });
      const run = await runCli(['import', 'croissant', 'one.json', 'two.json', '--out', tempRepo()], { cwd: source });
      expect(run.code, run.stderr).toBe(0);
    });
  });

  it('checks its flags', async () => {
    const cwd = tempRepo();
    expect((await runCli(['import'], { cwd })).stderr).toContain('Name the format');
    expect((await runCli(['import', 'croissant'], { cwd })).stderr).toContain('Name what to import');
    expect((await runCli(['import', 'croissant', 'x.json', '--owner', 'Not A Name'], { cwd })).code).toBe(2);
    expect((await runCli(['import', '--help'], { cwd })).stdout).toContain('Usage: dossier import [<format>] <input...>');
  });
});
