// `dossier record --from-mlflow`: the record's input built from an MLflow model folder (its MLmodel
// file) and, optionally, the run's metrics as an Evaluation.

import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../ground/errors.js';
import { evaluationFromMetrics, modelVersionFromMlmodel, type MlflowModelOptions } from '../interop/mlflow-model.js';

export interface MlflowRecordOptions extends MlflowModelOptions {
  cwd: string;
  /** The model folder, or its MLmodel file. */
  source: string;
  /** metrics.json: `{"name": number}`. */
  metrics?: string | undefined;
  /** The dataset the metrics were measured on (a Dataset reference). */
  dataset?: string | undefined;
  split?: string | undefined;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`Cannot read ${what} ${file}.`);
  }
}

export async function mlflowRecordInput(
  options: MlflowRecordOptions,
): Promise<{ input: { text: string; file: string }; unmapped: string[]; unrecordedMetrics: string[] }> {
  const source = path.resolve(options.cwd, options.source);
  const isFolder = await stat(source).then(
    (s) => s.isDirectory(),
    () => false,
  );
  const file = isFolder ? path.join(source, 'MLmodel') : source;
  const display = path.relative(options.cwd, file) || file;
  const text = await readText(file, 'the MLmodel file');
  let mapped;
  try {
    mapped = modelVersionFromMlmodel(text, options);
  } catch (error) {
    throw new UsageError(`${display} is not an MLmodel file: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const documents = [mapped.document];
  let unrecordedMetrics: string[] = [];
  if (options.metrics !== undefined) {
    if (options.dataset === undefined)
      throw new UsageError('--metrics needs --eval-dataset <ref>: the dataset the metrics were measured on.');
    const metricsFile = path.resolve(options.cwd, options.metrics);
    let metrics: unknown;
    try {
      metrics = JSON.parse(await readText(metricsFile, 'the metrics file'));
      const { evaluation, unrecorded } = evaluationFromMetrics(metrics, { ...options, dataset: options.dataset });
      documents.push(evaluation);
      unrecordedMetrics = unrecorded;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`${options.metrics}: ${error instanceof Error ? error.message : String(error)}.`);
    }
  }
  return { input: { text: JSON.stringify(documents, null, 2), file: display }, unmapped: mapped.unmapped, unrecordedMetrics };
}
