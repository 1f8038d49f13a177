// A Hugging Face dataset card (https://huggingface.co/docs/hub/datasets-cards) as a Dossier Dataset:
// license, task categories, languages, size category, `dataset_info` features as the schema and
// its splits (or the splits `configs` name), and the card's sections on biases and limitations.

import { isRecord } from '../model/kinds.js';
import { cardLicense, LICENSE_KEYS, readCardForImport, sectionText, type CardOptions } from './card-markdown.js';
import { dossierDocument, dossierName, numberOf, strings, text, type Json, type Mapping } from './mapping.js';

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

/** A feature's `dtype` as a type name: `string`, `int64`, `class_label`, `list<string>`, `struct`. */
function featureType(feature: Json): string {
  const dtype = feature.dtype;
  if (typeof dtype === 'string') return dtype;
  if (isRecord(dtype)) {
    if (isRecord(dtype.class_label)) return 'class_label';
    const key = Object.keys(dtype)[0];
    return key ?? 'struct';
  }
  if (isRecord(feature.sequence)) return `list<${featureType(feature.sequence)}>`;
  if (typeof feature.sequence === 'string') return `list<${feature.sequence}>`;
  if (Array.isArray(feature.list) || isRecord(feature.list)) return 'list';
  if (Array.isArray(feature.struct) || isRecord(feature.struct)) return 'struct';
  return 'unknown';
}

function classNames(feature: Json): string | undefined {
  const dtype = isRecord(feature.dtype) ? feature.dtype : undefined;
  const names = isRecord(dtype?.class_label) ? dtype.class_label.names : undefined;
  const values = Array.isArray(names) ? names : isRecord(names) ? Object.values(names) : [];
  return values.length === 0 ? undefined : `Classes: ${values.map(String).join(', ')}`;
}

export function importDatasetCard(source: string, options: CardOptions): Mapping {
  const { file } = options;
  const { card, unmapped, warnings } = readCardForImport(source, file, MAPPED_FRONT_MATTER);

  // A dataset with several configurations lists one dataset_info per configuration: the first (or `default`) is read.
  const infos = (Array.isArray(card.data.dataset_info) ? card.data.dataset_info : [card.data.dataset_info]).filter(isRecord);
  const info = infos.find((candidate) => candidate.config_name === 'default') ?? infos[0];
  for (const other of infos) if (other !== info) unmapped.push(`${file}: dataset_info of configuration \`${String(other.config_name)}\``);

  const fields = (Array.isArray(info?.features) ? info.features : []).filter(isRecord).flatMap((feature) => {
    const name = text(feature.name);
    if (name === undefined) return [];
    const description = classNames(feature);
    return [{ name, type: featureType(feature), ...(description === undefined ? {} : { description }) }];
  });
  const infoSplits = (Array.isArray(info?.splits) ? info.splits : []).filter(isRecord).flatMap((split) => {
    const name = text(split.name);
    if (name === undefined) return [];
    const rows = numberOf(split.num_examples);
    const bytes = numberOf(split.num_bytes);
    return [{ name, ...(rows === undefined ? {} : { rows }), ...(bytes === undefined ? {} : { bytes }) }];
  });
  const configSplits = (Array.isArray(card.data.configs) ? card.data.configs : []).filter(isRecord).flatMap((config) =>
    (Array.isArray(config.data_files) ? config.data_files : []).filter(isRecord).flatMap((files) => {
      const split = text(files.split);
      return split === undefined ? [] : [{ name: split }];
    }),
  );
  const splits = infoSplits.length > 0 ? infoSplits : [...new Map(configSplits.map((split) => [split.name, split])).values()];

  const name = dossierName(options.name ?? options.folderName);
  const annotations: Record<string, string> = {};
  const join = (key: string, values: string[]) => {
    if (values.length > 0) annotations[key] = values.join(', ');
  };
  join('huggingface.co/language', strings(card.data.language));
  join('huggingface.co/size-categories', strings(card.data.size_categories));
  join('huggingface.co/task-categories', strings(card.data.task_categories));
  return {
    documents: [
      dossierDocument(
        'Dataset',
        {
          name,
          namespace: options.namespace,
          title: text(card.data.pretty_name) ?? card.title,
          description: sectionText(card, /^dataset summary$/i),
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
          collection: sectionText(card, /^(source data|initial data collection and normalization|curation rationale)$/i),
          knownBiases: sectionText(card, /^(discussion of biases|bias(es)?)$/i),
          intendedUse: sectionText(card, /^(uses|direct use|intended uses?)$/i),
        },
      ),
    ],
    unmapped,
    warnings,
  };
}
