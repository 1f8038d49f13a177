// A Dossier model as a Hugging Face model card (https://huggingface.co/docs/hub/model-cards): front
// matter the Hub accepts (license, tags, pipeline_tag, library_name, base_model, datasets, the
// model-index results of one version) and the standard sections from Dossier's fields.

import { stringify } from 'yaml';
import type { CatalogReader } from '../catalog/catalog.js';
import { isInProduction, licenseName, modelVersionsOf, sourcesOf, stageOf, targetsOf, trainingDataOf } from '../catalog/queries.js';
import { UsageError } from '../ground/errors.js';
import type { Entity } from '../model/entity.js';
import { isRecord } from '../model/kinds.js';
import { cardMarkdown } from './card-body.js';
import { HF_BASE_MODEL_RELATIONS, HF_LICENSES, HF_PIPELINE_TAGS } from './hugging-face.js';
import { strings, text, type Json } from './mapping.js';
import { slicedMetricName } from './model-index.js';

/** Text for one line of a card's Markdown (card-body.ts). */
const cardLineText = (value: string) => cardMarkdown(value.replace(/\s*\n\s*/g, ' '));

function frontMatterLicense(model: Entity): Json {
  const name = licenseName(model);
  if (name === undefined) return {};
  const lower = name.toLowerCase();
  if (HF_LICENSES.has(lower)) return { license: lower };
  // The Hub's GNU ids name a version only (`gpl-3.0`), as SPDX's `-only` ids do.
  const version = lower.replace(/^((a|l)?gpl-\d\.\d)-only$/, '$1');
  if (HF_LICENSES.has(version)) return { license: version };
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
  /** The version whose training data and results the card shows. */
  version: Entity | undefined;
  text: string;
}

/**
 * The version a card shows of `versions` (the model's, oldest first: `modelVersionsOf`): the one asked
 * for, else the one in production (the latest of several), else the latest. A staging challenger's
 * metrics are not the model's.
 */
export function cardVersion(catalog: CatalogReader, model: Entity, versions: readonly Entity[], wanted?: string): Entity | undefined {
  if (wanted !== undefined) {
    const version = versions.find((candidate) => candidate.version === wanted);
    if (version === undefined)
      throw new UsageError(
        `${model.identity} has no version \`${wanted}\` (it has ${versions.map((candidate) => candidate.version ?? '').join(', ') || 'none'}).`,
      );
    return version;
  }
  const latest = catalog.latest(`modelversion:${model.namespace}/${model.name}`) ?? versions.at(-1);
  // Several in production (a canary): the latest of them, as FORMAT.md orders versions.
  return versions.filter((version) => isInProduction(catalog, version)).at(-1) ?? latest;
}

/** The README.md of a model: front matter Hugging Face accepts, then the standard sections from Dossier's fields. */
export function modelCardOf(catalog: CatalogReader, model: Entity, options: { version?: string | undefined } = {}): ExportedCard {
  const versions = modelVersionsOf(catalog, model);
  const shown = cardVersion(catalog, model, versions, options.version);
  const training = shown === undefined ? [] : trainingDataOf(catalog, shown);
  const evaluations = shown === undefined ? [] : sourcesOf(catalog, shown, 'evaluates');
  const shownAs = shown === undefined ? undefined : `${shown.version ?? ''} (${stageOf(shown)})`;
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
        ? [
            typeof metric.slice === 'string'
              ? { type: metric.name, value: metric.value, name: slicedMetricName(metric.name, metric.slice) }
              : { type: metric.name, value: metric.value },
          ]
        : [],
    );
    if (dataset === undefined || metrics.length === 0) return [];
    const split = text(evaluation.spec.split);
    return [
      {
        task: { type: task ?? 'other' },
        dataset: { type: hubIdOf(dataset), name: dataset.metadata.title ?? dataset.name, ...(split === undefined ? {} : { split }) },
        metrics,
        source: { name: `Dossier: ${model.name} version ${shownAs ?? ''}` },
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
    ...(shownAs === undefined ? [] : [`Training data and results: version ${shownAs}`]),
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
  // A consideration may have a name, a mitigation or both: FORMAT.md marks neither required.
  const ethical = (Array.isArray(model.spec.ethicalConsiderations) ? model.spec.ethicalConsiderations : [])
    .filter(isRecord)
    .filter((item) => typeof item.name === 'string' || typeof item.mitigation === 'string');
  section(
    '## Ethical considerations',
    ethical.length === 0
      ? undefined
      : ethical
          .map((item) =>
            typeof item.name === 'string'
              ? `- **${cardLineText(item.name).replace(/\*/g, '\\*')}**${typeof item.mitigation === 'string' ? `: ${cardLineText(item.mitigation)}` : ''}`
              : `- ${cardLineText(String(item.mitigation))}`,
          )
          .join('\n'),
  );
  section('## Training data', training.length === 0 ? undefined : list(training.map((data) => `${hubIdOf(data.dataset)} (${data.role})`)));
  const frontMatterText = Object.keys(frontMatter).length === 0 ? '' : `---\n${stringify(frontMatter, { lineWidth: 0 })}---\n\n`;
  return { model, version: shown, text: `${frontMatterText}${lines.join('\n').trimEnd()}\n` };
}
