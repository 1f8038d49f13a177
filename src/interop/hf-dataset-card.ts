// A Hugging Face dataset card (https://huggingface.co/docs/hub/datasets-cards) as a Dossier Dataset:
// license, task categories, languages, size category, every configuration's `dataset_info` features
// as the schema (nested ones as `parent.child`) and its splits (or the splits `configs` name), and
// the card's sections on collection, biases and uses. Template text nobody filled in is no text.

import { isRecord } from '../model/kinds.js';
import {
  cardLicense,
  HUB_PAGE_KEYS,
  LICENSE_KEYS,
  readCardForImport,
  reportUnreadSections,
  sectionText,
  type CardOptions,
} from './card-markdown.js';
import { schemaFields, type SchemaField } from './hf-features.js';
import { dossierDocument, dossierName, numberOf, strings, text, type Json, type KeyPolicy, type Mapping, UnreadKeys } from './mapping.js';

const MAPPED_FRONT_MATTER = new Set([
  ...LICENSE_KEYS,
  'pretty_name',
  'language',
  'task_categories',
  'task_ids',
  'tags',
  'size_categories',
  'dataset_info',
  'configs',
]);

const FRONT_MATTER: KeyPolicy = {
  mapped: MAPPED_FRONT_MATTER,
  dropped: new Map([...HUB_PAGE_KEYS, ['train-eval-index', "the Hub's settings for evaluating models on the dataset"]]),
};

/** Keys of a `dataset_info` and a `configs` entry that are read; the others are reported. */
const MAPPED_INFO_KEYS = new Set(['config_name', 'features', 'splits']);
const MAPPED_CONFIG_KEYS = new Set(['config_name', 'data_files']);

const SECTIONS = {
  description: /^dataset summary$/i,
  collection: /^(source data|initial data collection and normalization|curation rationale)$/i,
  knownBiases: /^(discussion of biases|bias(es)?)$/i,
  intendedUse: /^(uses|direct use|intended uses?)$/i,
};

interface Configuration {
  name: string | undefined;
  fields: SchemaField[];
  splits: { name: string; rows?: number; bytes?: number }[];
}

function splitsOf(info: Json): Configuration['splits'] {
  return (Array.isArray(info.splits) ? info.splits : []).filter(isRecord).flatMap((split) => {
    const name = text(split.name);
    if (name === undefined) return [];
    const rows = numberOf(split.num_examples);
    const bytes = numberOf(split.num_bytes);
    return [{ name, ...(rows === undefined ? {} : { rows }), ...(bytes === undefined ? {} : { bytes }) }];
  });
}

/** Every configuration the card describes: its `dataset_info` (features and splits), else the split names its `configs` entry gives. */
function configurationsOf(data: Json, file: string, unmapped: string[]): Configuration[] {
  const infos = (Array.isArray(data.dataset_info) ? data.dataset_info : [data.dataset_info]).filter(isRecord);
  const configs = (Array.isArray(data.configs) ? data.configs : []).filter(isRecord);
  const unread = new UnreadKeys();
  for (const info of infos) unread.add('dataset_info', info, MAPPED_INFO_KEYS);
  for (const config of configs) unread.add('configs[]', config, MAPPED_CONFIG_KEYS);
  unread.reportTo(file, unmapped);
  if (configs.some((config) => Array.isArray(config.data_files) && config.data_files.some((files) => isRecord(files) && files.path)))
    unmapped.push(`${file}: configs[].data_files[].path (the files' paths in the repository; the Dataset's location is its Hub page)`);
  const described = infos.map((info) => ({ name: text(info.config_name), fields: schemaFields(info.features), splits: splitsOf(info) }));
  const named = new Set(described.map((config) => config.name));
  const listed = configs
    .filter((config) => !named.has(text(config.config_name)))
    .map((config) => ({
      name: text(config.config_name),
      fields: [],
      splits: (Array.isArray(config.data_files) ? config.data_files : []).filter(isRecord).flatMap((files) => {
        const split = text(files.split);
        return split === undefined ? [] : [{ name: split }];
      }),
    }));
  return [...described, ...listed];
}

/**
 * One schema and one list of splits for all configurations: fields every configuration has alike by
 * their names, else each configuration's as `<config>/<field>`; splits as `<config>/<split>` when
 * there are several configurations.
 */
function combined(configurations: readonly Configuration[]): Pick<Configuration, 'fields' | 'splits'> {
  const several = configurations.length > 1;
  const qualify = (config: Configuration, name: string) => (several ? `${config.name ?? 'default'}/${name}` : name);
  const described = configurations.filter((config) => config.fields.length > 0);
  const first = JSON.stringify(described[0]?.fields ?? []);
  const alike = described.every((config) => JSON.stringify(config.fields) === first);
  return {
    fields: alike
      ? (described[0]?.fields ?? [])
      : described.flatMap((config) => config.fields.map((field) => ({ ...field, name: qualify(config, field.name) }))),
    splits: [
      ...new Map(
        configurations
          .flatMap((config) => config.splits.map((split) => ({ ...split, name: qualify(config, split.name) })))
          .map((split) => [split.name, split]),
      ).values(),
    ],
  };
}

export function importDatasetCard(source: string, options: CardOptions): Mapping {
  const { file } = options;
  const { card, unmapped, warnings, mapped, dropped } = readCardForImport(source, file, FRONT_MATTER);
  const configurations = configurationsOf(card.data, file, unmapped);
  const { fields, splits } = combined(configurations);
  reportUnreadSections(card, file, Object.values(SECTIONS), unmapped);

  const name = dossierName(options.name ?? options.folderName);
  const annotations: Record<string, string> = {};
  const join = (key: string, values: string[]) => {
    if (values.length > 0) annotations[key] = values.join(', ');
  };
  join('huggingface.co/language', strings(card.data.language));
  join('huggingface.co/size-categories', strings(card.data.size_categories));
  join('huggingface.co/task-categories', strings(card.data.task_categories));
  if (configurations.length > 1)
    join(
      'huggingface.co/configs',
      configurations.map((config) => config.name ?? 'default'),
    );
  return {
    documents: [
      dossierDocument(
        'Dataset',
        {
          name,
          namespace: options.namespace,
          title: text(card.data.pretty_name) ?? card.title,
          description: sectionText(card, SECTIONS.description),
          owner: options.owner,
          tags: [
            ...new Set(
              [...strings(card.data.task_categories), ...strings(card.data.task_ids), ...strings(card.data.tags)].map(dossierName),
            ),
          ],
          annotations,
        },
        {
          location: { uri: `https://huggingface.co/datasets/${name}` },
          license: cardLicense(card, file, unmapped, warnings),
          schema: fields.length > 0 ? { fields } : undefined,
          splits,
          collection: sectionText(card, SECTIONS.collection),
          knownBiases: sectionText(card, SECTIONS.knownBiases),
          intendedUse: sectionText(card, SECTIONS.intendedUse),
        },
      ),
    ],
    unmapped,
    warnings,
    mapped,
    dropped,
  };
}
