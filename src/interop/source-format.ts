// Which of import's formats a file is, told by its content: an importer refuses another format's file
// by name (a Croissant file given to mlflow-registry), and `dossier import auto` picks the importer.

import { parseBoundedJson } from '../source/bounded-json.js';
import { isMap, isSeq, parseDocument } from 'yaml';
import { MAX_DEPTH } from '../source/yaml-limits.js';
import { tooDeepAt } from './yaml-depth.js';
import { InputError } from '../ground/errors.js';
import { isRecord } from '../model/kinds.js';
import { FRONT_MATTER, readCard } from './card-markdown.js';
import { strings, text } from './mapping.js';
import { REGISTRY_RESPONSE_KEYS } from './mlflow-registry.js';

/** The formats `dossier import` reads. */
export const IMPORT_FORMATS = ['hf-model-card', 'hf-dataset-card', 'croissant', 'mlflow-model', 'mlflow-registry'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** What a file's content says it is. */
export interface Recognition {
  /**
   * The formats whose importer reads it: one, both card formats for a Hugging Face card that does not
   * say whether it describes a model or a dataset, none when no importer recognises it.
   */
  formats: readonly ImportFormat[];
  /** What the file looks like, as a message names it ("a Croissant dataset description"). */
  looksLike: string;
  /** Data (JSON, or YAML that is a mapping) rather than Markdown: never a card. */
  structured: boolean;
}

/** Each format as a message names what a file of it is. */
const LOOKS_LIKE: Readonly<Record<ImportFormat, string>> = {
  'hf-model-card': 'a Hugging Face model card',
  'hf-dataset-card': 'a Hugging Face dataset card',
  croissant: 'a Croissant dataset description',
  'mlflow-model': 'an MLflow MLmodel file',
  'mlflow-registry': "a response of MLflow's model registry API",
};

// Front matter keys only one kind of card has: huggingface_hub's ModelCardData and DatasetCardData
// (repocard_data.py), plus what the Hub's dataset viewer reads (configs, dataset_info).
const MODEL_CARD_KEYS = [
  'model-index',
  'pipeline_tag',
  'library_name',
  'base_model',
  'base_model_relation',
  'datasets',
  'metrics',
  'model_name',
];
const DATASET_CARD_KEYS = [
  'dataset_info',
  'configs',
  'pretty_name',
  'task_categories',
  'task_ids',
  'size_categories',
  'annotations_creators',
  'language_creators',
  'multilinguality',
  'source_datasets',
  'paperswithcode_id',
  'train-eval-index',
];

const localName = (term: string) => term.replace(/^.*[:/#]/, '');

function recogniseJson(value: unknown): Recognition {
  const structured = true;
  if (!isRecord(value)) return { formats: [], looksLike: 'JSON that is not an object', structured };
  const context = isRecord(value['@context']) ? value['@context'] : {};
  const croissant =
    strings(value['@type']).map(localName).includes('Dataset') ||
    strings(value.conformsTo ?? value['dct:conformsTo']).some((uri) => uri.startsWith('http://mlcommons.org/croissant/')) ||
    context.cr !== undefined;
  if (croissant) return { formats: ['croissant'], looksLike: LOOKS_LIKE.croissant, structured };
  const jsonLd = value['@context'] !== undefined || value['@type'] !== undefined;
  // A registry response, or one registered model or model version as MLflow's clients print it.
  if (REGISTRY_RESPONSE_KEYS.some((key) => key in value) || (!jsonLd && text(value.name) !== undefined))
    return { formats: ['mlflow-registry'], looksLike: LOOKS_LIKE['mlflow-registry'], structured };
  return {
    formats: [],
    looksLike: jsonLd ? 'JSON-LD that is not Croissant' : 'JSON that is neither Croissant nor an MLflow registry response',
    structured,
  };
}

/** A card's kind from its front matter keys and its title ("Dataset Card for …"); both when it says neither or both. */
function recogniseCard(source: string): Recognition {
  let data: Record<string, unknown> = {};
  let title: string | undefined;
  try {
    ({ data, heading: title } = readCard(source, ''));
  } catch {
    // Front matter that is not YAML: a card all the same; its importer says what is wrong with it.
  }
  const model = MODEL_CARD_KEYS.some((key) => key in data) || /^model card\b/i.test(title ?? '');
  const dataset = DATASET_CARD_KEYS.some((key) => key in data) || /^dataset card\b/i.test(title ?? '');
  if (model !== dataset) {
    const format = model ? 'hf-model-card' : 'hf-dataset-card';
    return { formats: [format], looksLike: LOOKS_LIKE[format], structured: false };
  }
  return {
    formats: ['hf-model-card', 'hf-dataset-card'],
    looksLike: "a Hugging Face card that does not say whether it is a model's or a dataset's",
    structured: false,
  };
}

/** What `source` is: JSON, an MLmodel (YAML with `flavors`), other YAML data, or Markdown (a card). */
export function recogniseFormat(source: string): Recognition {
  const start = source.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{') || start.startsWith('[')) {
    try {
      return recogniseJson(parseBoundedJson(source));
    } catch {
      return { formats: [], looksLike: 'text that starts like JSON but is not JSON', structured: true };
    }
  }
  if (!FRONT_MATTER.test(source)) {
    if (tooDeepAt(source) !== undefined)
      return { formats: [], looksLike: `YAML nested deeper than ${String(MAX_DEPTH)} levels`, structured: true };
    const document = parseDocument(source, { prettyErrors: false });
    if (document.errors.length === 0 && isMap(document.contents)) {
      if (isMap(document.contents.get('flavors')))
        return { formats: ['mlflow-model'], looksLike: LOOKS_LIKE['mlflow-model'], structured: true };
      return { formats: [], looksLike: 'YAML data that is not an MLmodel file', structured: true };
    }
    if (document.errors.length === 0 && isSeq(document.contents)) return { formats: [], looksLike: 'a YAML list', structured: true };
  }
  return recogniseCard(source);
}

/**
 * Why `format`'s importer refuses a file, or undefined when it reads it: the file is another format's,
 * or data given to a card importer. A file no importer recognises is left to the importer's own checks.
 */
export function formatRefusal(file: string, recognition: Recognition, format: ImportFormat): string | undefined {
  if (recognition.formats.includes(format)) return undefined;
  const card = format === 'hf-model-card' || format === 'hf-dataset-card';
  if (recognition.formats.length === 0 && !(card && recognition.structured)) return undefined;
  const use = recognition.formats.map((other) => `\`dossier import ${other}\``).join(' or ');
  return `${file}: this looks like ${recognition.looksLike}, not ${LOOKS_LIKE[format]}${use === '' ? '' : `; use ${use}`}.`;
}

/** The one format `dossier import auto` reads all of the files with; refused (InputError) when there is none. */
export function chooseFormat(files: readonly { file: string; recognition: Recognition }[]): ImportFormat {
  const problems: string[] = [];
  const chosen = new Set<ImportFormat>();
  for (const { file, recognition } of files) {
    const [format, other] = recognition.formats;
    if (format === undefined) problems.push(`${file}: this looks like ${recognition.looksLike}, which no importer reads.`);
    else if (other !== undefined)
      problems.push(
        `${file}: this looks like ${recognition.looksLike}; name the format: ${recognition.formats.map((f) => `\`dossier import ${f}\``).join(' or ')}.`,
      );
    else chosen.add(format);
  }
  if (problems.length === 0 && chosen.size > 1)
    problems.push(
      `the inputs are of ${chosen.size} formats (${files.map(({ file, recognition }) => `${file}: ${recognition.formats.join(', ')}`).join('; ')}); import one format at a time.`,
    );
  const [format] = chosen;
  if (problems.length > 0 || format === undefined) throw new InputError(problems.join('\n'));
  return format;
}

/** `--format auto`: the format is the one the inputs' content says. */
export const AUTO_FORMAT = 'auto';

/**
 * The format the inputs are read as: the one named, each input refused (all named at once) when its
 * content is another format's; for `auto`, the one their content says.
 */
export function formatOfSources(
  sources: readonly { display: string; text: string }[],
  named: ImportFormat | typeof AUTO_FORMAT,
): ImportFormat {
  const recognised = sources.map((source) => ({ file: source.display, recognition: recogniseFormat(source.text) }));
  if (named === AUTO_FORMAT) return chooseFormat(recognised);
  const refusals = recognised.flatMap(({ file, recognition }) => formatRefusal(file, recognition, named) ?? []);
  if (refusals.length > 0) throw new InputError(refusals.join('\n'));
  return named;
}
