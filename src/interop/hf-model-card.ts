// A Hugging Face model card (https://huggingface.co/docs/hub/model-cards) as Dossier documents: the
// front matter's license, tags, pipeline_tag, library_name, base_model, datasets and model-index
// results, and the card's title, description and sections on uses, limitations and ethics. What
// the card says that has no place (other keys, other sections, results tables) is reported.

import {
  bulletItems,
  cardLicense,
  HUB_PAGE_KEYS,
  LICENSE_KEYS,
  readCardForImport,
  reportUnreadSections,
  sectionText,
  titleText,
  type CardOptions,
} from './card-markdown.js';
import { markdownWithoutHtml, plainText } from './card-text.js';
import { HF_BASE_MODEL_RELATIONS, HF_PIPELINE_TAGS } from './hugging-face.js';
import { dossierDocument, dossierName, strings, text, type Json, type KeyPolicy, type Mapping } from './mapping.js';
import {
  evaluationAnnotations,
  evaluationBaseName,
  evaluationTitle,
  readModelIndex,
  type ModelIndex,
  type ModelIndexResult,
} from './model-index.js';
import { pushAll } from '../ground/collections.js';

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

const FRONT_MATTER: KeyPolicy = {
  mapped: MAPPED_FRONT_MATTER,
  dropped: new Map([...HUB_PAGE_KEYS, ['metrics', 'the names of the metrics; their values are read from model-index']]),
};

/** Headings of the standard model card template (and older cards) for each Dossier field. */
const SECTIONS = {
  description: /^model description$/i,
  intendedUse: /^(direct use|intended uses?( (&|and) limitations)?|uses)$/i,
  outOfScopeUse: /^out[- ]of[- ]scope uses?$/i,
  limitations:
    /^(bias, risks,? (and|&) limitations|limitations( (and|&) bias(es)?)?|risks and limitations|(known )?limitations( (and|&) biases)?|biases? (and|&) limitations)$/i,
  ethicalConsiderations: /^ethical considerations$/i,
};

/** A Hugging Face id (`org/name` or `name`): anything else (`The Pile`) is a name, not a place on the Hub. */
const HUB_ID = /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/;

function ethicalConsiderationsOf(section: string | undefined): Json[] | undefined {
  if (section === undefined) return undefined;
  return (bulletItems(section) ?? [section]).map((item) => {
    const named = /^\*\*(.+?)\*\*:?\s*(.*)$/.exec(item);
    if (named === null) return { name: item };
    const mitigation = named[2]?.trim() ?? '';
    return { name: named[1] ?? item, ...(mitigation === '' ? {} : { mitigation }) };
  });
}

/**
 * A Dataset standing for a dataset a card names: a stub, used only where the repository has none of
 * that name. A Hub id is located on the Hub; a name that is no id (`The Pile`) at a Hub search for it,
 * with a warning, since a URI cannot hold a space.
 */
function namedDataset(id: string, title: string | undefined, options: CardImportOptions, warnings: string[]): Json {
  const isHubId = HUB_ID.test(id);
  if (!isHubId)
    warnings.push(
      `${options.file}: dataset \`${id}\` is no Hugging Face id; Dataset \`${dossierName(id)}\` is located at a Hub search for it until you set its location.`,
    );
  return dossierDocument(
    'Dataset',
    {
      name: dossierName(id),
      namespace: options.namespace,
      title: title ?? (dossierName(id) === id ? undefined : id),
      owner: options.owner,
      annotations: isHubId ? { 'huggingface.co/dataset-id': id } : undefined,
    },
    {
      location: {
        uri: isHubId ? `https://huggingface.co/datasets/${id}` : `https://huggingface.co/datasets?search=${encodeURIComponent(id)}`,
      },
    },
  );
}

/** The Dataset a result without one is an evaluation on: named after the model and the result's task, unlocated. */
function unnamedDataset(model: string, result: ModelIndexResult, options: CardImportOptions, warnings: string[]): Json {
  const name = dossierName(`${model}-${result.taskArgs ?? result.taskName ?? result.task ?? 'results'}-dataset`);
  warnings.push(
    `${options.file}: model-index[0].results[${result.index}] names no dataset; kept as an evaluation on Dataset \`${name}\`, a stub whose location is unknown.`,
  );
  return dossierDocument(
    'Dataset',
    {
      name,
      namespace: options.namespace,
      title: `Unnamed dataset of ${model}'s ${result.taskName ?? result.task ?? 'model-index'} results`,
      owner: options.owner,
    },
    { location: { uri: 'urn:dossier:unknown-location' } },
  );
}

/** The model's task: `pipeline_tag`, else a model-index task, else a tag that is a Hugging Face task (`automatic-speech-recognition`). */
function taskOf(data: Json, modelIndex: ModelIndex): string | undefined {
  const tagTask = strings(data.tags)
    .map(dossierName)
    .find((tag) => HF_PIPELINE_TAGS.has(tag) && tag !== 'other');
  return text(data.pipeline_tag) ?? modelIndex.tasks[0] ?? tagTask;
}

export function importModelCard(source: string, options: CardImportOptions): Mapping {
  const { file } = options;
  const { card, unmapped, warnings, mapped, dropped } = readCardForImport(source, file, FRONT_MATTER);

  const modelIndex = readModelIndex(card.data['model-index'], file, unmapped);
  const name = dossierName(options.name ?? text(card.data.model_name) ?? modelIndex.name ?? options.folderName);
  let task = taskOf(card.data, modelIndex);
  if (task === undefined) {
    task = 'unspecified';
    warnings.push(`${file}: no pipeline_tag, model-index task or task tag; the model's task is \`unspecified\` until you set it.`);
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
  const languages = [...new Set(strings(card.data.language))];
  // A tag with no letter or digit of a-z 0-9 (`古文`) has no slug: said, not turned into `unnamed`.
  const cardTags = strings(card.data.tags);
  const unsluggable = cardTags.filter((tag) => dossierName(tag) === 'unnamed' && tag.trim().toLowerCase() !== 'unnamed');
  if (unsluggable.length > 0)
    unmapped.push(`${file}: tags ${unsluggable.map((tag) => `\`${tag}\``).join(', ')} (a tag is a slug of a-z, 0-9, '.', '_' and '-')`);
  const title = card.title === undefined ? undefined : text(plainText(card.title));
  // The card's own description, else the paragraphs under its title.
  const description = sectionText(card, SECTIONS.description) ?? titleText(card);
  reportUnreadSections(card, file, Object.values(SECTIONS), unmapped);
  const model = dossierDocument(
    'Model',
    {
      name,
      namespace: options.namespace,
      title: title === undefined || dossierName(title) === name ? undefined : title,
      description: description === undefined ? undefined : text(markdownWithoutHtml(description)),
      owner: options.owner,
      // A task that is no pipeline tag travels as a tag (that is how export writes it): it is the task, not a tag.
      tags: [...new Set(cardTags.filter((tag) => !unsluggable.includes(tag)).map(dossierName))].filter((tag) => tag !== task),
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
  // The Datasets the card names, by their Dossier name: ids that read as one name are one Dataset.
  const datasets = new Map<string, Json>(trainingIds.map((id) => [dossierName(id), namedDataset(id, undefined, options, warnings)]));
  const documents: Json[] = [model];
  const version = options.version;
  if (version === undefined) {
    if (modelIndex.results.length > 0)
      unmapped.push(`${file}: model-index results (evaluations belong to a model version: pass --version to import them)`);
    return { documents, stubs: [...datasets.values()], unmapped, warnings, mapped, dropped };
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
  pushAll(documents, evaluationsOf(modelIndex.results, { name, version, options, datasets, warnings }));
  return { documents, stubs: [...datasets.values()], unmapped, warnings, mapped, dropped };
}

/** An Evaluation per model-index result, each named apart from the others; the datasets they need are added to `datasets` (by Dossier name). */
function evaluationsOf(
  results: readonly ModelIndexResult[],
  context: { name: string; version: string; options: CardImportOptions; datasets: Map<string, Json>; warnings: string[] },
): Json[] {
  const { name, version, options, datasets, warnings } = context;
  const names = new Set<string>();
  return results.map((result) => {
    const named = result.dataset;
    const dataset =
      named === undefined
        ? unnamedDataset(name, result, options, warnings)
        : (datasets.get(dossierName(named.id)) ?? namedDataset(named.id, named.name, options, warnings));
    const datasetName = String((dataset.metadata as Json).name);
    if (!datasets.has(datasetName)) datasets.set(datasetName, dataset);
    const base = evaluationBaseName(name, version, result, datasetName);
    let evaluationName = base;
    for (let n = 2; names.has(evaluationName); n += 1) evaluationName = `${base.slice(0, 60)}-${n}`;
    names.add(evaluationName);
    return dossierDocument(
      'Evaluation',
      {
        name: evaluationName,
        namespace: options.namespace,
        title: evaluationTitle(result),
        owner: options.owner,
        annotations: evaluationAnnotations(result),
      },
      {
        modelVersion: `modelversion:${name}@${version}`,
        dataset: `dataset:${datasetName}`,
        split: result.dataset?.split,
        metrics: result.metrics,
        source: result.source ?? { name: 'Hugging Face model card (model-index)' },
      },
    );
  });
}
