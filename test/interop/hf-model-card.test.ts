// dossier import hf-model-card / export hf-model-card: real cards (test/fixtures/huggingface/SOURCES.md)
// mapped field by field, broken cards refused with the file and place, and the example's models
// exported as cards Hugging Face accepts and imported back to the same fields.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { HF_LICENSES, HF_PIPELINE_TAGS } from '../../src/interop/hugging-face.js';
import { exampleFiles, runCli, tempRepo } from '../helpers.js';
import { FIXTURES, compiledCatalog, importInto } from './import-helpers.js';

describe('dossier import hf-model-card', () => {
  it('maps the front matter and the card sections of bert-base-uncased', async () => {
    const { documents, run } = await importInto(['hf-model-card', 'huggingface/bert-base-uncased', '--owner', 'nlp']);
    const model = documents.get('Model/bert-base-uncased') as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
    expect(model.metadata).toMatchObject({
      title: 'BERT base model (uncased)',
      owner: 'nlp',
      tags: ['exbert'],
      annotations: { 'huggingface.co/language': 'en' },
    });
    expect(model.metadata.description).toMatch(/^BERT is a transformers model pretrained/);
    expect(model.spec).toMatchObject({ task: 'unspecified', license: 'Apache-2.0' });
    expect(model.spec.intendedUse).toMatch(/^You can use the raw model for either masked language modeling/);
    expect(model.spec.limitations).toMatch(/this model can have biased\npredictions/);
    expect(documents.get('Dataset/bookcorpus')?.spec).toEqual({ location: { uri: 'https://huggingface.co/datasets/bookcorpus' } });
    expect(documents.has('Team/nlp')).toBe(true);
    const report = JSON.parse(run.stdout) as { warnings: string[] };
    expect(report.warnings).toContainEqual(expect.stringContaining('no pipeline_tag, model-index task or task tag'));
  });

  it('turns model-index results into evaluations of the version given', async () => {
    const { documents, run } = await importInto(['hf-model-card', 'huggingface/my-cool-model', '--version', '1']);
    expect(documents.get('Model/my-cool-model')?.spec).toMatchObject({ task: 'image-classification', framework: 'timm', license: 'MIT' });
    expect(documents.get('ModelVersion/my-cool-model@1')?.spec).toEqual({
      model: 'my-cool-model',
      training: { datasets: [{ ref: 'dataset:beans', role: 'train' }] },
    });
    const evaluations = [...documents.values()].filter((d) => d.kind === 'Evaluation').map((d) => d.spec);
    expect(evaluations).toEqual([
      expect.objectContaining({
        modelVersion: 'modelversion:my-cool-model@1',
        dataset: 'dataset:beans',
        metrics: [{ name: 'accuracy', value: 0.9 }],
      }),
      expect.objectContaining({ split: 'test', metrics: [{ name: 'f1', value: 0.66 }] }),
    ]);
    expect((JSON.parse(run.stdout) as { dropped: string[] }).dropped).toContain(
      'huggingface/my-cool-model/README.md: metrics (the names of the metrics; their values are read from model-index)',
    );
  });

  it("names metrics of one type by their own names, so a result's validation and test values stay two metrics", async () => {
    const { documents, run } = await importInto(['hf-model-card', 'huggingface/bart-large-samsum', '--version', '1']);
    const [evaluation] = [...documents.values()].filter((d) => d.kind === 'Evaluation').map((d) => d.spec);
    expect(((evaluation as { metrics: { name: string }[] } | undefined)?.metrics ?? []).map((metric) => metric.name)).toEqual([
      'Validation ROGUE-1',
      'Validation ROGUE-2',
      'Validation ROGUE-L',
      'Validation ROGUE-Lsum',
      'Test ROGUE-1',
      'Test ROGUE-2',
      'Test ROGUE-L',
      'Test ROGUE-Lsum',
    ]);
    // Their names are read, so not reported as lost.
    expect(run.stdout).not.toContain('metrics.name');
  });

  it('says which tags have no slug instead of inventing one, and lists a language once', async () => {
    const { documents, run } = await importInto(['hf-model-card', 'huggingface/wenyanwen-ancient-translate-to-modern']);
    const model = documents.get('Model/wenyanwen-ancient-translate-to-modern') as { metadata: Record<string, unknown> };
    expect(model.metadata.tags).toEqual(['ancient', 'classical']);
    expect(model.metadata.annotations).toEqual({ 'huggingface.co/language': 'zh' });
    expect(run.stdout).toContain("tags `古文`, `文言文` (a tag is a slug of a-z, 0-9, '.', '_' and '-')");
  });

  it('names what it could not map: results without a version; keeps a result without a dataset, saying so', async () => {
    const noVersion = await importInto(['hf-model-card', 'huggingface/distilbert-base-uncased-finetuned-cola']);
    expect(noVersion.documents.get('Model/distilbert-base-uncased-finetuned-cola')?.spec).toMatchObject({ task: 'text-classification' });
    expect((JSON.parse(noVersion.run.stdout) as { unmapped: string[] }).unmapped).toContainEqual(expect.stringContaining('pass --version'));
    const out = tempRepo({ 'dossier.yaml': 'extends: core\n' });
    const noDataset = await runCli(
      ['import', 'hf-model-card', 'huggingface/invalid/sample_invalid_model_index.md', '--version', '1', '--name', 'x', '--out', out],
      { cwd: FIXTURES },
    );
    expect(noDataset.code).toBe(0);
    expect(noDataset.stderr).toContain(
      'model-index[0].results[0] names no dataset; kept as an evaluation on Dataset `x-image-classification-dataset`',
    );
  });

  it('reads a card without front matter (or with text before it) for its sections, with a warning', async () => {
    for (const card of ['huggingface/invalid/sample_no_metadata.md', 'huggingface/m2m100_418M-eng-yor-mt']) {
      const out = tempRepo({ 'dossier.yaml': 'extends: core\n' });
      const run = await runCli(['import', 'hf-model-card', card, '--out', out], { cwd: FIXTURES });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('the card has no front matter');
    }
  });

  it('refuses front matter that is a list or not YAML, naming the file and place (exit 2)', async () => {
    const out = tempRepo({ 'bad/README.md': '---\nlicense: mit\ntags: [a, b\n---\n# Bad\n' });
    const list = await runCli(['import', 'hf-model-card', 'huggingface/invalid/sample_invalid_card_data.md', '--out', out], {
      cwd: FIXTURES,
    });
    expect(list.code).toBe(2);
    expect(list.stderr).toContain('sample_invalid_card_data.md:2:1: the front matter is a list');
    const yaml = await runCli(['import', 'hf-model-card', 'bad', '--out', out], { cwd: out });
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toMatch(/bad\/README\.md:3:\d+: the front matter is not YAML/);
    expect(yaml.stderr).not.toMatch(/\n\s+at /);
    const missing = await runCli(['import', 'hf-model-card', 'nowhere', '--out', out], { cwd: out });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nowhere: cannot read it: ENOENT');
  });

  it('keeps a license that is not an SPDX id as LicenseRef-… with a warning, and hostile text as data', async () => {
    const out = tempRepo({
      'dossier.yaml': 'extends: core\n',
      'card/README.md':
        '---\nlicense: openrail\npipeline_tag: text-generation\n---\n# <img src=x onerror=alert(1)>\n\n## Limitations\n\n- <script>alert(1)</script>\n- `$(rm -rf /)`\n',
    });
    const run = await runCli(['import', 'hf-model-card', 'card', '--out', out, '--name', 'hostile'], { cwd: out });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('license `openrail` is not an SPDX id; kept as LicenseRef-openrail');
    const written = readFileSync(path.join(out, 'models/hostile.yaml'), 'utf8');
    expect(written).toContain('<script>alert(1)</script>');
    expect((await runCli(['lint', '.'], { cwd: out })).code).toBe(0);
    const site = await runCli(['build', '.', '--out', '_site'], { cwd: out });
    expect(site.code, site.stderr).toBe(0);
    const page = readFileSync(path.join(out, '_site/entity/model/default/hostile.html'), 'utf8');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).not.toContain('<img src=x');
  });

  it('maps base models with their relation (a card written here, in the form the Hub documents)', async () => {
    const card =
      '---\nbase_model: [TinyLlama/TinyLlama-1.1B-Chat-v1.0]\nbase_model_relation: quantized\nlibrary_name: peft\npipeline_tag: text-generation\n---\n# Small\n';
    const out = tempRepo({
      'dossier.yaml': 'extends: core\n',
      'small/README.md': card,
      'adapter/README.md': card.replace('base_model_relation: quantized\n', ''),
    });
    for (const [folder, relation] of [
      ['small', 'quantized'],
      ['adapter', 'adapter'],
    ]) {
      const run = await runCli(['import', 'hf-model-card', folder as string, '--out', out], { cwd: out });
      expect(run.code, run.stderr).toBe(0);
      expect(readFileSync(path.join(out, `models/${folder}.yaml`), 'utf8')).toContain(
        `baseModels:\n    - hubId: TinyLlama/TinyLlama-1.1B-Chat-v1.0\n      relation: ${relation}`,
      );
    }
  });

  it('reads a huge card', async () => {
    const body = '## Limitations\n\n' + 'A long line of text about what the model cannot do. '.repeat(20).concat('\n\n').repeat(5000);
    const out = tempRepo({
      'dossier.yaml': 'extends: core\n',
      'big/README.md': `---\nlicense: mit\npipeline_tag: fill-mask\n---\n# Big\n\n${body}`,
    });
    const run = await runCli(['import', 'hf-model-card', 'big', '--out', out], { cwd: out });
    expect(run.code, run.stderr).toBe(0);
  });
});

describe('hostile model cards', () => {
  it('refuses front matter whose aliases expand without end (billion laughs), naming the file', async () => {
    const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `l${i}: &l${i} [${Array(9)
          .fill(i === 1 ? '*a' : `*l${i - 1}`)
          .join(', ')}]`,
      );
    const cwd = tempRepo({ 'bomb/README.md': `---\nlicense: mit\n${lines.join('\n')}\n---\n# Bomb\n` });
    const run = await runCli(['import', 'hf-model-card', 'bomb', '--version', '1', '--dry-run'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bomb/README.md:2:1: the front matter cannot be read');
  });
});

describe('imports nested deeper than lint allows', () => {
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

  it('refuse a card, an MLmodel and an unnamed format at the place, with the limit, not the engine’s stack overflow', async () => {
    const cwd = tempRepo({
      'card/README.md': `---\nlicense: mit\ntags: ${deep}\n---\n# Deep\n`,
      'model/MLmodel': `artifact_path: model\nflavors:\n  python_function: ${deep}\n`,
    });
    const card = await runCli(['import', 'hf-model-card', 'card', '--dry-run'], { cwd });
    expect([card.code, card.stderr.trim()]).toEqual([
      2,
      'dossier: card/README.md:3:70: nested deeper than 64 levels; metadata stays far below that, so this file is refused.',
    ]);
    const mlmodel = await runCli(['import', 'mlflow-model', 'model', '--version', '1', '--dry-run'], { cwd });
    expect([mlmodel.code, mlmodel.stderr]).toEqual([2, expect.stringContaining('nests deeper than 64 levels (line 3)')]);
    const auto = await runCli(['import', 'model/MLmodel', '--version', '1', '--dry-run'], { cwd });
    expect([auto.code, auto.stderr]).toEqual([2, expect.stringContaining('looks like YAML nested deeper than 64 levels')]);
    for (const run of [card, mlmodel, auto]) expect(run.stderr).not.toMatch(/call stack|RangeError|\n\s+at /);
  });
});

describe('dossier export hf-model-card', () => {
  it('keeps hostile metadata from adding sections, links to scripts or images, and leaves out models that fail the schema', async () => {
    const description = 'Fast.\n## Training data\n- stolen\n[docs](javascript:alert(1)) ![](https://t.example/p.gif)\n```\na < b\n```';
    const model = (name: string, extra: string) =>
      `apiVersion: dossier/v1\nkind: Model\nmetadata:\n  name: ${name}\n  description: ${JSON.stringify(description)}\nspec:\n  task: classification\n${extra}`;
    const cwd = tempRepo({ 'a.yaml': model('good', ''), 'b.yaml': model('bad', '  framework: [not, a, string]\n') });
    const run = await runCli(['export', 'hf-model-card', '--out', 'cards'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('model:default/bad: not exported: it does not pass its schema');
    expect(existsSync(path.join(cwd, 'cards/bad'))).toBe(false);
    const card = readFileSync(path.join(cwd, 'cards/good/README.md'), 'utf8');
    expect(card).not.toMatch(/^## Training data/m);
    expect(card).not.toContain('javascript:');
    expect(card).not.toContain('![');
    expect(card).toContain('```\na < b\n```');
    const reimported = await runCli(['import', 'hf-model-card', 'cards/good', '--version', '1', '--dry-run'], { cwd });
    // The injected section stays text of the description: no training data comes back from it.
    expect(reimported.stdout).toContain('\\## Training data');
    expect(reimported.stdout).not.toMatch(/training:|datasets:/);
  });

  it('writes the card of a model of each namespace to its own folder', async () => {
    const model = (namespace: string, description: string) =>
      `apiVersion: dossier/v1\nkind: Model\nmetadata: {name: m, namespace: ${namespace}, description: ${description}}\nspec: {task: classification}\n`;
    const cwd = tempRepo({ 'a.yaml': model('default', 'first'), 'b.yaml': model('team-b', 'second') });
    const run = await runCli(['export', 'hf-model-card', '--out', 'cards'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('wrote 2 files');
    expect(readFileSync(path.join(cwd, 'cards/m/README.md'), 'utf8')).toContain('first');
    expect(readFileSync(path.join(cwd, 'cards/team-b/m/README.md'), 'utf8')).toContain('second');
  });

  it('writes a card per model whose front matter Hugging Face accepts', async () => {
    const cwd = tempRepo(exampleFiles());
    const run = await runCli(['export', 'hf-model-card', '--out', 'cards'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const card = readFileSync(path.join(cwd, 'cards/fraud-detector/README.md'), 'utf8');
    const front = parse(/^---\n([\s\S]*?)\n---\n/.exec(card)?.[1] ?? '') as Record<string, unknown>;
    expect(front).toMatchObject({ license: 'other', license_name: 'proprietary', library_name: 'xgboost', datasets: ['transactions'] });
    const index = front['model-index'] as {
      name: string;
      results: { task: { type: string }; dataset: { type: string; name: string }; metrics: { type: string; value: number }[] }[];
    }[];
    // The production version's results (2.0.0), named; not the staging challenger's (2.1.0: auc_pr 0.8).
    expect(index[0]?.results[0]).toMatchObject({
      dataset: { type: 'transactions-holdout', split: 'test' },
      metrics: expect.arrayContaining([{ type: 'auc_pr', value: 0.78 }]) as unknown,
      source: { name: 'Dossier: fraud-detector version 2.0.0 (production)' },
    });
    expect(card).toContain('- Training data and results: version 2.0.0 (production)');
    for (const result of index[0]?.results ?? []) {
      expect(result.task.type).toBeTruthy();
      expect(result.dataset.type && result.dataset.name).toBeTruthy();
      for (const metric of result.metrics) expect(typeof metric.value).toBe('number');
    }
    if (typeof front.pipeline_tag === 'string') expect(HF_PIPELINE_TAGS.has(front.pipeline_tag)).toBe(true);
    expect(HF_LICENSES.has(String(front.license))).toBe(true);
    expect(card).toContain('## Bias, Risks, and Limitations');
    expect(card).toContain('- **Customer friction**: Declines above the threshold');
  });

  it('escapes HTML from metadata in the card', async () => {
    const files = exampleFiles();
    const model = 'models/fraud-detector/model.yaml';
    files[model] = (files[model] as string).replace('title: Card fraud detector', 'title: "<script>alert(1)</script>"');
    const cwd = tempRepo(files);
    const run = await runCli(['export', 'hf-model-card', 'model:fraud-detector'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('# &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(run.stdout).not.toContain('<script>');
  });

  it('round trip: importing the exported cards gives back the models, their training data and results', async () => {
    const cwd = tempRepo(exampleFiles());
    expect((await runCli(['export', 'hf-model-card', '--out', 'cards'], { cwd })).code).toBe(0);
    const catalog = (await compiledCatalog(cwd)) as {
      entities: { kind: string; name: string; version?: string; metadata: Record<string, unknown>; spec: Record<string, unknown> }[];
    };
    for (const [model, version] of [
      ['fraud-detector', '2.0.0'],
      ['churn-predictor', undefined],
    ] as const) {
      const source = catalog.entities.find((e) => e.kind === 'Model' && e.name === model);
      const { documents } = await importInto(
        ['hf-model-card', path.join(cwd, 'cards', model), ...(version === undefined ? [] : ['--version', version])],
        { lint: false },
      );
      const back = documents.get(`Model/${model}`) as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
      for (const field of ['framework', 'intendedUse', 'outOfScopeUse', 'limitations', 'ethicalConsiderations', 'license'])
        expect(back.spec[field], `${model} ${field}`).toEqual(source?.spec[field]);
      expect(back.metadata.tags).toEqual(source?.metadata.tags);
      expect(back.metadata.title).toEqual(source?.metadata.title);
      expect(back.metadata.description).toEqual(String(source?.metadata.description).trim());
      if (version !== undefined) {
        expect(back.spec.task).toBe(source?.spec.task);
        const evaluations = [...documents.values()].filter((d) => d.kind === 'Evaluation');
        const original = catalog.entities.filter(
          (e) => e.kind === 'Evaluation' && String(e.spec.modelVersion).includes(`${model}@${version}`),
        );
        expect(evaluations.flatMap((e) => (e.spec as { metrics: unknown[] }).metrics)).toEqual(
          // A metric of a slice keeps its slice (the card names it `auc (slice new-merchants)`): one metric is not two values.
          original.flatMap((e) =>
            (e.spec.metrics as { name: string; value: number; slice?: string }[]).map(({ name, value, slice }) =>
              slice === undefined ? { name, value } : { name, value, slice },
            ),
          ),
        );
      }
    }
  });

  it('shows the results of the version --version names, and refuses one the model does not have', async () => {
    const cwd = tempRepo(exampleFiles());
    const staging = await runCli(['export', 'hf-model-card', 'model:fraud-detector', '--version', '2.1.0'], { cwd });
    expect(staging.code, staging.stderr).toBe(0);
    expect(staging.stdout).toContain('name: "Dossier: fraud-detector version 2.1.0 (staging)"');
    expect(staging.stdout).toContain('value: 0.8\n');
    const missing = await runCli(['export', 'hf-model-card', 'model:fraud-detector', '--version', '9'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('model:default/fraud-detector has no version `9` (it has 1.0.0, 2.0.0, 2.1.0)');
  });
});
