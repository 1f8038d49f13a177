// A model card's `model-index` (https://github.com/huggingface/hub-docs/blob/main/modelcard.md): each
// result's task, dataset (id, name, config, split, args) and metrics, read as the Evaluations and
// Datasets Dossier keeps; what a result gives that has no place is named once per key.

import { isRecord } from '../model/kinds.js';
import { compactObject, dossierName, numberOf, text, type Json, UnreadKeys } from './mapping.js';
import { appendTo } from '../ground/collections.js';

export interface ModelIndexDataset {
  /** The Hub id (`dataset.type`), else the name. */
  id: string;
  name: string | undefined;
  config: string | undefined;
  split: string | undefined;
  revision: string | undefined;
  /** `dataset.args` as text (a language pair, `afr deu devtest`, or `key=value` pairs). */
  args: string | undefined;
}

export interface ModelIndexResult {
  /** The result's position in `results`, for messages. */
  index: number;
  task: string | undefined;
  taskName: string | undefined;
  taskArgs: string | undefined;
  /** Undefined when the result names no dataset. */
  dataset: ModelIndexDataset | undefined;
  metrics: { name: string; value: number; slice?: string }[];
  source: Json | undefined;
}

export interface ModelIndex {
  name?: string;
  /** Every task the model-index names, results without metrics included. */
  tasks: string[];
  results: ModelIndexResult[];
}

/** The parts of a result and the keys of each that Dossier maps; any other is reported. */
const READ: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['task', new Set(['type', 'name', 'args'])],
  ['dataset', new Set(['type', 'name', 'config', 'split', 'revision', 'args'])],
  ['metrics', new Set(['type', 'value'])],
  ['source', new Set(['name', 'url'])],
]);
const PARTS: ReadonlySet<string> = new Set(READ.keys());

/** `args` as text: a string as it is, a mapping as `key=value` pairs, a list joined. */
function argsText(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return text(String(value));
  if (Array.isArray(value)) return text(value.map(String).join(' '));
  if (isRecord(value))
    return text(
      Object.entries(value)
        .map(([key, item]) => `${key}=${typeof item === 'string' ? item : JSON.stringify(item)}`)
        .join(' '),
    );
  return undefined;
}

/** How Dossier's card export names a metric of a slice (its `type` is the metric): `auc (slice new-merchants)`. */
export function slicedMetricName(metric: string, slice: string): string {
  return `${metric} (slice ${slice})`;
}

/** The slice a metric's `name` gives, when it is the name `slicedMetricName` makes of its `type`. */
function sliceOf(metric: Json): string | undefined {
  const type = text(metric.type);
  const name = text(metric.name);
  const prefix = `${type ?? ''} (slice `;
  return type === undefined || name === undefined || !name.startsWith(prefix) || !name.endsWith(')')
    ? undefined
    : text(name.slice(prefix.length, -1));
}

/**
 * Notes the keys of a result, and of its parts, that Dossier does not map (a metric's `name` is, when
 * it names a slice or is the metric's name in Dossier: `named`).
 */
function noteUnread(result: Json, unread: UnreadKeys, named: ReadonlySet<Json>): void {
  const at = 'model-index[0].results[]';
  unread.add(at, result, PARTS);
  for (const [part, keys] of READ) {
    const value = result[part];
    for (const item of (Array.isArray(value) ? value : [value]).filter(isRecord)) {
      const read = part === 'metrics' && (sliceOf(item) !== undefined || named.has(item)) ? new Set([...keys, 'name']) : keys;
      unread.add(`${at}.${part}`, item, read);
    }
  }
}

/**
 * Two metrics of one type in one result (`Validation ROUGE-1` and `Test ROUGE-1`, both `rouge-1`)
 * would be one metric twice: each is named by its own `name` instead, where the names tell them
 * apart. Returns the metrics so renamed.
 */
function distinctNames(read: readonly { source: Json; metric: { name: string; slice?: string } }[]): Set<Json> {
  const named = new Set<Json>();
  const byKey = new Map<string, { source: Json; metric: { name: string; slice?: string } }[]>();
  for (const entry of read) {
    const key = `${entry.metric.name}\0${entry.metric.slice ?? ''}`;
    appendTo(byKey, key, entry);
  }
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    const names = group.map(({ source }) => text(source.name));
    if (names.some((name) => name === undefined) || new Set(names).size !== names.length) continue;
    group.forEach((entry, i) => {
      entry.metric.name = names[i] as string;
      named.add(entry.source);
    });
  }
  return named;
}

function datasetOf(value: unknown): ModelIndexDataset | undefined {
  if (!isRecord(value)) return undefined;
  const id = text(value.type) ?? text(value.name);
  if (id === undefined) return undefined;
  return {
    id,
    name: text(value.name),
    config: text(value.config),
    split: text(value.split),
    revision: text(value.revision),
    args: argsText(value.args),
  };
}

/** The first model of a `model-index` and its results; a result without a dataset is kept (its dataset undefined). */
export function readModelIndex(modelIndex: unknown, file: string, unmapped: string[]): ModelIndex {
  if (!Array.isArray(modelIndex) || !isRecord(modelIndex[0])) return { tasks: [], results: [] };
  if (modelIndex.length > 1) unmapped.push(`${file}: model-index[1..] (only the first model's results are read)`);
  const entry = modelIndex[0];
  const tasks: string[] = [];
  const results: ModelIndexResult[] = [];
  const unread = new UnreadKeys();
  (Array.isArray(entry.results) ? entry.results : []).forEach((result: unknown, index) => {
    if (!isRecord(result)) return;
    const task = isRecord(result.task) ? result.task : {};
    if (text(task.type) !== undefined) tasks.push(String(task.type));
    const read = (Array.isArray(result.metrics) ? result.metrics : []).flatMap((metric: unknown, metricIndex) => {
      const name = isRecord(metric) ? (text(metric.type) ?? text(metric.name)) : undefined;
      const value = isRecord(metric) ? numberOf(metric.value) : undefined;
      if (!isRecord(metric) || name === undefined || value === undefined) {
        unmapped.push(`${file}: model-index[0].results[${index}].metrics[${metricIndex}] (no metric type or a value that is not a number)`);
        return [];
      }
      const slice = sliceOf(metric);
      return [{ source: metric, metric: slice === undefined ? { name, value } : { name, value, slice } }];
    });
    const named = distinctNames(read);
    noteUnread(result, unread, named);
    const metrics = read.map(({ metric }) => metric);
    if (metrics.length === 0) return;
    const source =
      isRecord(result.source) && text(result.source.name) !== undefined
        ? compactObject({ name: text(result.source.name), url: text(result.source.url) })
        : undefined;
    results.push({
      index,
      task: text(task.type),
      taskName: text(task.name),
      taskArgs: argsText(task.args),
      dataset: datasetOf(result.dataset),
      metrics,
      source,
    });
  });
  unread.reportTo(file, unmapped, 'an Evaluation has no place for them');
  const name = text(entry.name);
  return { ...(name === undefined ? {} : { name }), tasks, results };
}

/**
 * An Evaluation's name: the model, version, dataset and what tells results on one dataset apart (its
 * config, args or the task's args, and split), so 62 language pairs on one test set get 62 names.
 */
export function evaluationBaseName(model: string, version: string, result: ModelIndexResult, datasetName: string): string {
  const dataset = result.dataset;
  // A result without a dataset is told apart by its task (its dataset stub is named after the model already).
  const on = dataset === undefined ? (result.taskName ?? result.task ?? 'results') : datasetName;
  const parts = [model, version, on, dataset?.config, dataset?.args ?? result.taskArgs, dataset?.split];
  const unique = parts.filter((part, index): part is string => part !== undefined && !parts.slice(0, index).includes(part));
  return dossierName(unique.join('-'));
}

/** A title for an Evaluation: `Translation afr-deu on flores101-devtest (afr deu devtest)`. */
export function evaluationTitle(result: ModelIndexResult): string | undefined {
  const task = result.taskName ?? result.task;
  const dataset = result.dataset === undefined ? undefined : (result.dataset.name ?? result.dataset.id);
  if (task === undefined && dataset === undefined) return undefined;
  const args = result.dataset?.args;
  return `${task ?? 'Results'}${dataset === undefined ? '' : ` on ${dataset}`}${args === undefined ? '' : ` (${args})`}`;
}

/** What a result says that an Evaluation keeps as annotations: the task's and dataset's args, config and revision. */
export function evaluationAnnotations(result: ModelIndexResult): Record<string, string> | undefined {
  const entries = Object.entries({
    'huggingface.co/task-args': result.taskArgs,
    'huggingface.co/dataset-config': result.dataset?.config,
    'huggingface.co/dataset-args': result.dataset?.args,
    'huggingface.co/dataset-revision': result.dataset?.revision,
  }).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}
