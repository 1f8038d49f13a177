// A Hugging Face model card (https://huggingface.co/docs/hub/model-cards) to and from Dossier: the
// front matter's license, tags, pipeline_tag, library_name, base_model, datasets and model-index
// results, and the card's sections on intended uses, limitations and ethical considerations.

import { stringify } from 'yaml';
import type { CatalogReader } from '../catalog/catalog.js';
import { licenseName, sourcesOf, stageOf, targetsOf, trainingDataOf } from '../catalog/queries.js';
import type { Entity } from '../model/entity.js';
import { isRecord } from '../model/kinds.js';
import { bulletItems, cardLicense, LICENSE_KEYS, readCardForImport, sectionText, type CardOptions } from './card-markdown.js';
import { HF_BASE_MODEL_RELATIONS, HF_LICENSES, HF_PIPELINE_TAGS } from './hugging-face.js';
import { dossierDocument, dossierName, numberOf, strings, text, type Json, type Mapping } from './mapping.js';
import { cardMarkdown } from './card-body.js';

export interface CardImportOptions extends CardOptions {
  /** A version to record the card's training data and results under. */
  version?: string | undefined;
}

const MAPPED_FRONT_MATTER = new Set([
  ...LICENSE_KEYS,
  'tags',
  'pipeline_tag',
  'library_name',
  'language',
  'base_model',
  'base_model_relation',
  'datasets',
  'model-index',
  'model_name',
]);

/** Headings of the standard model card template (and older cards) for each Dossier field. */
const SECTIONS = {
  description: /^model description$/i,
  intendedUse: /^(direct use|intended uses?( (&|and) limitations)?|uses)$/i,
  outOfScopeUse: /^out[- ]of[- ]scope uses?$/i,
  limitations: /^(bias, risks,? (and|&) limitations|limitations( (and|&) bias)?|risks and limitations|known limitations)$/i,
  ethicalConsiderations: /^ethical considerations$/i,
};

function ethicalConsiderationsOf(section: string | undefined): Json[] | undefined {
  if (section === undefined) return undefined;
  return (bulletItems(section) ?? [section]).map((item) => {
    const named = /^\*\*(.+?)\*\*:?\s*(.*)$/.exec(item);
    if (named === null) return { name: item };
    const mitigation = named[2]?.trim() ?? '';
    return { name: named[1] ?? item, ...(mitigation === '' ? {} : { mitigation }) };
  });
}

interface ModelIndexResult {
  task: string | undefined;
  datasetId: string;
  datasetName: string | undefined;
  split: string | undefined;
  metrics: { name: string; value: number }[];
}

function modelIndexResults(modelIndex: unknown, file: string, unmapped: string[]): { name?: string; results: ModelIndexResult[] } {
  if (!Array.isArray(modelIndex) || !isRecord(modelIndex[0])) return { results: [] };
  if (modelIndex.length > 1) unmapped.push(`${file}: model-index[1..] (only the first model's results are read)`);
  const entry = modelIndex[0];
  const results: ModelIndexResult[] = [];
  (Array.isArray(entry.results) ? entry.results : []).forEach((result: unknown, index) => {
    const at = `${file}: model-index[0].results[${index}]`;
    if (!isRecord(result)) return;
    const dataset = isRecord(result.dataset) ? result.dataset : undefined;
    const datasetId = text(dataset?.type) ?? text(dataset?.name);
    if (datasetId === undefined) {
      unmapped.push(`${at} (no dataset: an evaluation needs one)`);
      return;
    }
    const metrics = (Array.isArray(result.metrics) ? result.metrics : []).flatMap((metric: unknown, metricIndex) => {
      const name = isRecord(metric) ? (text(metric.type) ?? text(metric.name)) : undefined;
      const value = isRecord(metric) ? numberOf(metric.value) : undefined;
      if (name === undefined || value === undefined) {
        unmapped.push(`${at}.metrics[${metricIndex}] (no metric type or a value that is not a number)`);
        return [];
      }
      return [{ name, value }];
    });
    if (metrics.length === 0) return;
    results.push({
      task: isRecord(result.task) ? text(result.task.type) : undefined,
      datasetId,
      datasetName: text(dataset?.name),
      split: text(dataset?.split),
      metrics,
    });
  });
  const name = text(entry.name);
  return { ...(name === undefined ? {} : { name }), results };
}

/** A Dataset standing for a Hugging Face dataset id, located on the Hub: a stub, used only where the repository has none of that name. */
function hubDataset(id: string, title: string | undefined, options: CardImportOptions): Json {
  return dossierDocument(
    'Dataset',
    {
      name: dossierName(id),
      namespace: options.namespace,
      title: title ?? (dossierName(id) === id ? undefined : id),
      owner: options.owner,
      annotations: { 'huggingface.co/dataset-id': id },
    },
    { location: { uri: `https://huggingface.co/datasets/${id}` } },
  );
}

export function importModelCard(source: string, options: CardImportOptions): Mapping {
  const { file } = options;
  const { card, unmapped, warnings } = readCardForImport(source, file, MAPPED_FRONT_MATTER);

  const modelIndex = modelIndexResults(card.data['model-index'], file, unmapped);
  const name = dossierName(options.name ?? text(card.data.model_name) ?? modelIndex.name ?? options.folderName);
  let task = text(card.data.pipeline_tag) ?? modelIndex.results.find((result) => result.task !== undefined)?.task;
  if (task === undefined) {
    task = 'unspecified';
    warnings.push(`${file}: no pipeline_tag or model-index task; the model's task is \`unspecified\` until you set it.`);
  }
  const baseIds = strings(card.data.base_model);
  const declaredRelation = text(card.data.base_model_relation);
  const relation =
    declaredRelation !== undefined && HF_BASE_MODEL_RELATIONS.has(declaredRelation)
      ? declaredRelation
      : card.data.library_name === 'peft'
        ? 'adapter'
        : 'finetune';
  const limitationsText = sectionText(card, SECTIONS.limitations);
  const languages = strings(card.data.language);
  const model = dossierDocument(
    'Model',
    {
      name,
      namespace: options.namespace,
      title: card.title === undefined || dossierName(card.title) === name ? undefined : card.title,
      description: sectionText(card, SECTIONS.description),
      owner: options.owner,
      // A task that is no pipeline tag travels as a tag (that is how export writes it): it is the task, not a tag.
      tags: [...new Set(strings(card.data.tags).map(dossierName))].filter((tag) => tag !== task),
      annotations: languages.length > 0 ? { 'huggingface.co/language': languages.join(', ') } : undefined,
    },
    {
      task,
      framework: text(card.data.library_name),
      license: cardLicense(card, file, unmapped, warnings),
      intendedUse: sectionText(card, SECTIONS.intendedUse),
      outOfScopeUse: sectionText(card, SECTIONS.outOfScopeUse),
      limitations: limitationsText === undefined ? undefined : (bulletItems(limitationsText) ?? limitationsText),
      ethicalConsiderations: ethicalConsiderationsOf(sectionText(card, SECTIONS.ethicalConsiderations)),
      baseModels: baseIds.map((hubId) => ({ hubId, relation })),
    },
  );

  const trainingIds = strings(card.data.datasets);
  const datasets = new Map<string, Json>(trainingIds.map((id) => [id, hubDataset(id, undefined, options)]));
  const documents: Json[] = [model];
  const version = options.version;
  if (version === undefined) {
    if (modelIndex.results.length > 0)
      unmapped.push(`${file}: model-index results (evaluations belong to a model version: pass --version to import them)`);
    return { documents, stubs: [...datasets.values()], unmapped, warnings };
  }
  documents.push(
    dossierDocument(
      'ModelVersion',
      { name, namespace: options.namespace, version, owner: options.owner },
      {
        model: name,
        training:
          trainingIds.length > 0
            ? { datasets: trainingIds.map((id) => ({ ref: `dataset:${dossierName(id)}`, role: 'train' })) }
            : undefined,
      },
    ),
  );
  const evaluationNames = new Set<string>();
  for (const result of modelIndex.results) {
    if (!datasets.has(result.datasetId)) datasets.set(result.datasetId, hubDataset(result.datasetId, result.datasetName, options));
    const base = dossierName(`${name}-${version}-${result.datasetId}${result.split === undefined ? '' : `-${result.split}`}`);
    let evaluationName = base;
    for (let n = 2; evaluationNames.has(evaluationName); n += 1) evaluationName = `${base.slice(0, 60)}-${n}`;
    evaluationNames.add(evaluationName);
    documents.push(
      dossierDocument(
        'Evaluation',
        { name: evaluationName, namespace: options.namespace, owner: options.owner },
        {
          modelVersion: `modelversion:${name}@${version}`,
          dataset: `dataset:${dossierName(result.datasetId)}`,
          split: result.split,
          metrics: result.metrics,
          source: { name: 'Hugging Face model card (model-index)' },
        },
      ),
    );
  }
  return { documents, stubs: [...datasets.values()], unmapped, warnings };
}

// ----- export -----

/** Text for one line of a card's Markdown (card-body.ts). */
const cardLineText = (value: string) => cardMarkdown(value.replace(/\s*\n\s*/g, ' '));

function frontMatterLicense(model: Entity): Json {
  const name = licenseName(model);
  if (name === undefined) return {};
  const lower = name.toLowerCase();
  if (HF_LICENSES.has(lower)) return { license: lower };
  const url = isRecord(model.spec.license) ? text(model.spec.license.url) : undefined;
  return { license: 'other', license_name: name, ...(url === undefined ? {} : { license_link: url }) };
}

/** The Hugging Face id a Dataset stands for: its annotation, else its name. */
function hubIdOf(dataset: Entity): string {
  const annotations = isRecord(dataset.metadata.annotations) ? dataset.metadata.annotations : {};
  return text(annotations['huggingface.co/dataset-id']) ?? dataset.name;
}

export interface ExportedCard {
  model: Entity;
  text: string;
}

/** The README.md of a model: front matter Hugging Face accepts, then the standard sections from Dossier's fields. */
export function modelCardOf(catalog: CatalogReader, model: Entity): ExportedCard {
  const versions = sourcesOf(catalog, model, 'versionOf');
  const latest = catalog.latest(`modelversion:${model.namespace}/${model.name}`) ?? versions[0];
  const training = latest === undefined ? [] : trainingDataOf(catalog, latest);
  const evaluations = latest === undefined ? [] : sourcesOf(catalog, latest, 'evaluates');
  const task = text(model.spec.task);
  const tags = strings(model.metadata.tags);
  const bases = Array.isArray(model.spec.baseModels) ? model.spec.baseModels.filter(isRecord) : [];
  const baseIds = bases.flatMap((base) => {
    if (typeof base.hubId === 'string') return [base.hubId];
    const target = targetsOf(catalog, model, 'basedOn').find((entity) => typeof base.ref === 'string' && base.ref.includes(entity.name));
    return target === undefined ? [] : [target.name];
  });
  const relations = [...new Set(bases.map((base) => base.relation).filter((r): r is string => typeof r === 'string'))];
  const annotations = isRecord(model.metadata.annotations) ? model.metadata.annotations : {};
  const languages = (text(annotations['huggingface.co/language']) ?? '').split(/,\s*/).filter((l) => l !== '');
  const results = evaluations.flatMap((evaluation) => {
    const dataset = targetsOf(catalog, evaluation, 'evaluatedOn')[0];
    const metrics = (Array.isArray(evaluation.spec.metrics) ? evaluation.spec.metrics : []).flatMap((metric: unknown) =>
      isRecord(metric) && typeof metric.name === 'string' && typeof metric.value === 'number'
        ? [{ type: metric.name, value: metric.value }]
        : [],
    );
    if (dataset === undefined || metrics.length === 0) return [];
    const split = text(evaluation.spec.split);
    return [
      {
        task: { type: task ?? 'other' },
        dataset: { type: hubIdOf(dataset), name: dataset.metadata.title ?? dataset.name, ...(split === undefined ? {} : { split }) },
        metrics,
      },
    ];
  });
  const frontMatter: Json = {
    ...frontMatterLicense(model),
    ...(model.spec.framework === undefined ? {} : { library_name: model.spec.framework }),
    ...(task !== undefined && HF_PIPELINE_TAGS.has(task) ? { pipeline_tag: task } : {}),
    ...(tags.length > 0 || (task !== undefined && !HF_PIPELINE_TAGS.has(task))
      ? { tags: [...tags, ...(task !== undefined && !HF_PIPELINE_TAGS.has(task) ? [task] : [])] }
      : {}),
    ...(languages.length > 0 ? { language: languages } : {}),
    ...(baseIds.length > 0 ? { base_model: baseIds.length === 1 ? baseIds[0] : baseIds } : {}),
    ...(relations.length === 1 && HF_BASE_MODEL_RELATIONS.has(relations[0] as string) ? { base_model_relation: relations[0] } : {}),
    ...(training.length > 0 ? { datasets: [...new Set(training.map((data) => hubIdOf(data.dataset)))] } : {}),
    ...(results.length > 0 ? { 'model-index': [{ name: model.name, results }] } : {}),
  };

  const lines: string[] = [`# ${cardLineText(text(model.metadata.title) ?? model.name)}`, ''];
  const section = (heading: string, body: string | undefined) => {
    if (body !== undefined && body.trim() !== '') lines.push(heading, '', body.trim(), '');
  };
  const list = (items: string[]) => items.map((item) => `- ${cardLineText(item)}`).join('\n');
  section(
    '## Model description',
    text(model.metadata.description) === undefined ? undefined : cardMarkdown(String(model.metadata.description)),
  );
  const details = [
    ...(text(model.metadata.owner) === undefined ? [] : [`Owner: ${text(model.metadata.owner) ?? ''}`]),
    ...(task === undefined ? [] : [`Task: ${task}`]),
    ...(text(model.spec.architecture) === undefined ? [] : [`Architecture: ${String(model.spec.architecture)}`]),
    ...versions.map((version) => `Version ${version.version ?? ''}: ${stageOf(version)}`),
  ];
  section('## Model details', details.length === 0 ? undefined : list(details));
  section('## Intended uses', text(model.spec.intendedUse) === undefined ? undefined : cardMarkdown(String(model.spec.intendedUse)));
  section(
    '### Out-of-scope use',
    text(model.spec.outOfScopeUse) === undefined ? undefined : cardMarkdown(String(model.spec.outOfScopeUse)),
  );
  const limitations = model.spec.limitations;
  section(
    '## Bias, Risks, and Limitations',
    Array.isArray(limitations) ? list(strings(limitations)) : typeof limitations === 'string' ? cardMarkdown(limitations) : undefined,
  );
  const ethical = (Array.isArray(model.spec.ethicalConsiderations) ? model.spec.ethicalConsiderations : []).filter(isRecord);
  section(
    '## Ethical considerations',
    ethical.length === 0
      ? undefined
      : ethical
          .map(
            (item) =>
              `- **${cardLineText(String(item.name)).replace(/\*/g, '\\*')}**${typeof item.mitigation === 'string' ? `: ${cardLineText(item.mitigation)}` : ''}`,
          )
          .join('\n'),
  );
  section('## Training data', training.length === 0 ? undefined : list(training.map((data) => `${hubIdOf(data.dataset)} (${data.role})`)));
  const frontMatterText = Object.keys(frontMatter).length === 0 ? '' : `---\n${stringify(frontMatter, { lineWidth: 0 })}---\n\n`;
  return { model, text: `${frontMatterText}${lines.join('\n').trimEnd()}\n` };
}
