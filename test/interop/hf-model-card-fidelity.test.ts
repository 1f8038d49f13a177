// dossier import hf-model-card on community cards (test/fixtures/huggingface/SOURCES.md): the task a
// card gives only in its tags or model-index, the description under its title, "Limitations and
// Biases", results tables and other sections reported, results without a dataset kept, 62
// translation results told apart by their language pairs, dataset names that are no Hub id, and
// HTML and LaTeX read as text.

import { describe, expect, it } from 'vitest';
import { importInto } from './import-helpers.js';

interface Document extends Record<string, unknown> {
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
}

const reportOf = (stdout: string) => JSON.parse(stdout) as { unmapped: string[]; warnings: string[] };

describe('dossier import hf-model-card: what community cards say', () => {
  it('takes the task from the tags and the description from the paragraphs under the title (wav2vec2-base-960h)', async () => {
    const { documents, run } = await importInto(['hf-model-card', 'huggingface/wav2vec2-base-960h']);
    const model = documents.get('Model/wav2vec2-base-960h') as Document;
    expect(model.spec.task).toBe('automatic-speech-recognition');
    expect(model.metadata.tags).toEqual(['audio']);
    expect(model.metadata.description).toMatch(/^\[Facebook's Wav2Vec2\]\(https:\/\/ai\.facebook\.com\/blog/);
    expect(model.metadata.description).toContain('The base model pretrained and fine-tuned on 960 hours of Librispeech');
    const report = reportOf(run.stdout);
    expect(report.warnings.join('\n')).not.toContain('unspecified');
    expect(report.unmapped).toContain('huggingface/wav2vec2-base-960h/README.md: section "Usage": a Markdown table (tables are not read)');
  });

  it('takes the task from a model-index result without a dataset, and keeps that result (en_roberta_base_leetspeak_ner)', async () => {
    const { documents, run } = await importInto(['hf-model-card', 'huggingface/en_roberta_base_leetspeak_ner', '--version', '0.0.0']);
    expect(documents.get('Model/en_roberta_base_leetspeak_ner')?.spec).toMatchObject({ task: 'token-classification' });
    const stub = documents.get('Dataset/en_roberta_base_leetspeak_ner-ner-dataset') as Document;
    expect(stub.metadata.title).toBe("Unnamed dataset of en_roberta_base_leetspeak_ner's NER results");
    const evaluation = documents.get('Evaluation/en_roberta_base_leetspeak_ner-0.0.0-ner') as Document;
    expect(evaluation.metadata.title).toBe('NER');
    expect(evaluation.spec).toMatchObject({
      dataset: 'dataset:en_roberta_base_leetspeak_ner-ner-dataset',
      metrics: [
        { name: 'precision', value: 0.7966001851 },
        { name: 'recall', value: 0.8619559279 },
        { name: 'f_score', value: 0.8279903783 },
      ],
    });
    expect(reportOf(run.stdout).warnings).toContainEqual(expect.stringContaining('model-index[0].results[0] names no dataset; kept as'));
  });

  it('maps "Limitations and Biases", converts HTML and LaTeX, and locates "The Pile" without a space (gpt-j-6B)', async () => {
    const { documents, run } = await importInto(['hf-model-card', 'huggingface/gpt-j-6B']);
    const model = documents.get('Model/gpt-j-6b') as Document;
    expect(model.spec.limitations).toMatch(/^The core functionality of GPT-J is taking a string of text/);
    const description = String(model.metadata.description);
    expect(description).toContain('| n_parameters | 6053381344 |');
    expect(description).toContain('Each layer consists of one feedforward block and one self attention block.');
    expect(description).not.toMatch(/<\/?(figure|figcaption|p|strong)>|\\\\\(/);
    const pile = documents.get('Dataset/the-pile') as Document;
    expect(pile.metadata.title).toBe('The Pile');
    expect(pile.spec.location).toEqual({ uri: 'https://huggingface.co/datasets?search=The%20Pile' });
    const report = reportOf(run.stdout);
    expect(report.warnings).toContainEqual(expect.stringContaining('dataset `The Pile` is no Hugging Face id'));
    expect(report.unmapped).toContainEqual(expect.stringContaining('section "Evaluation results": a Markdown table'));
    expect(report.unmapped).toContainEqual(expect.stringContaining('"Training procedure", "How to use"'));
  });

  it('reads a tag written in words as the task (gpt-neo-1.3B: `text generation`)', async () => {
    const { documents } = await importInto(['hf-model-card', 'huggingface/gpt-neo-1.3B']);
    const model = documents.get('Model/gpt-neo-1.3b') as Document;
    expect(model.spec.task).toBe('text-generation');
    expect(model.spec.limitations).toMatch(/^GPT-Neo was trained as an autoregressive language model/);
  });

  it('names 62 translation results by their language pairs (opus-mt-tc-base-gmw-gmw)', async () => {
    const { documents } = await importInto(['hf-model-card', 'huggingface/opus-mt-tc-base-gmw-gmw', '--version', '1']);
    const evaluations = [...documents.values()].filter((d) => d.kind === 'Evaluation') as Document[];
    expect(evaluations).toHaveLength(62);
    const names = evaluations.map((evaluation) => String(evaluation.metadata.name));
    expect(new Set(names).size).toBe(62);
    expect(names.filter((name) => /-\d+$/.test(name))).toEqual([]);
    expect(names).toContain('opus-mt-tc-base-gmw-gmw-1-flores_101-afr-deu-devtest');
    expect(evaluations[0]?.metadata).toMatchObject({
      title: 'Translation afr-deu on flores101-devtest (afr deu devtest)',
      annotations: { 'huggingface.co/task-args': 'afr-deu', 'huggingface.co/dataset-args': 'afr deu devtest' },
    });
  });

  it('reads a title with HTML as plain text (RuPERTa-base)', async () => {
    const { documents } = await importInto(['hf-model-card', 'huggingface/RuPERTa-base']);
    expect(documents.get('Model/ruperta-base')?.metadata).toMatchObject({ title: 'RuPERTa: the Spanish RoBERTa 🎃' });
  });
});
