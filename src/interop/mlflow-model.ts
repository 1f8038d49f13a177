// An MLflow `MLmodel` file (https://mlflow.org/docs/latest/ml/model/) as a Dossier ModelVersion:
// flavors to the artifact's format, the signature (column-based and tensor-based) to inputs and
// outputs, the run to training.run, creation time to training.finishedAt. What does not map is
// listed, never dropped silently.

import { parseBoundedJson } from '../source/bounded-json.js';
import { parse } from 'yaml';
import { MAX_DEPTH } from '../source/yaml-limits.js';
import { tooDeepAt } from './yaml-depth.js';
import { isRecord } from '../model/kinds.js';
import { pushAll } from '../ground/collections.js';

export interface MlflowModelOptions {
  /** The Model it is a version of, and the version's name. */
  model: string;
  version: string;
  owner?: string | undefined;
  /** Where the artifact lives; default `runs:/<run_id>/<artifact_path>`. */
  artifactUri?: string | undefined;
}

export interface MappedDocument {
  document: Record<string, unknown>;
  /** Paths of the source's fields that have no place in Dossier's format. */
  unmapped: string[];
  /** The top-level keys that were mapped. */
  mapped: string[];
}

/** The flavor that names the framework: any but the generic python_function. */
function primaryFlavor(flavors: Record<string, unknown>): string | undefined {
  return Object.keys(flavors).find((name) => name !== 'python_function') ?? Object.keys(flavors)[0];
}

interface TensorSpec {
  name: string;
  type?: string;
  shape?: (number | string | null)[];
}

/** One side of a signature: a JSON string of column specs (`{type, name}`) or tensor specs (`{type: tensor, tensor-spec}`). */
function specsOf(json: unknown, side: string, unmapped: string[]): TensorSpec[] | undefined {
  if (typeof json !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = parseBoundedJson(json);
  } catch {
    unmapped.push(`signature.${side} (not JSON)`);
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  const dropped = new Set<string>();
  const specs = parsed.flatMap((item: unknown, index): TensorSpec[] => {
    if (!isRecord(item)) return [];
    // A column's `required` (MLflow 2.8 and later) and the like have no place in the format: said, not lost silently.
    for (const key of Object.keys(item)) if (!SPEC_KEYS.has(key)) dropped.add(`signature.${side}[].${key}`);
    const name = typeof item.name === 'string' && item.name !== '' ? item.name : `${side.replace(/s$/, '')}-${index}`;
    const tensor = item['tensor-spec'];
    if (item.type === 'tensor' && isRecord(tensor)) {
      const shape = Array.isArray(tensor.shape) ? tensor.shape.filter((d): d is number => typeof d === 'number') : undefined;
      return [{ name, ...(typeof tensor.dtype === 'string' ? { type: tensor.dtype } : {}), ...(shape === undefined ? {} : { shape }) }];
    }
    return [{ name, ...(typeof item.type === 'string' ? { type: item.type } : {}) }];
  });
  pushAll(unmapped, dropped);
  return specs;
}

/** What a signature's column or tensor spec says that the format keeps. */
const SPEC_KEYS = new Set(['name', 'type', 'tensor-spec']);

/** MLflow writes `2023-01-01 10:57:16.077123` in UTC; Dossier dates are ISO 8601. */
function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?/.exec(value);
  return match === null ? undefined : `${match[1] ?? ''}T${match[2] ?? ''}${match[3]?.slice(0, 4) ?? ''}Z`;
}

const MAPPED_TOP = new Set([
  'artifact_path',
  'flavors',
  'signature',
  'run_id',
  'utc_time_created',
  'model_uuid',
  'model_id',
  'mlflow_version',
  'model_size_bytes',
]);

/**
 * Where the artifacts live: MLflow 2 writes the path within the run's artifacts, MLflow 3 (a logged
 * model) the artifacts' whole location (`dbfs:/…/logged_models/m-…/artifacts`), which is taken as it is.
 */
function artifactUri(runId: string | undefined, artifactPath: string | undefined): string | undefined {
  if (artifactPath !== undefined && /^[a-z][a-z0-9+.-]+:/i.test(artifactPath)) return artifactPath;
  return runId !== undefined && artifactPath !== undefined ? `runs:/${runId}/${artifactPath}` : undefined;
}

export function modelVersionFromMlmodel(text: string, options: MlflowModelOptions): MappedDocument {
  const unmapped: string[] = [];
  const tooDeep = tooDeepAt(text);
  if (tooDeep !== undefined) throw new TypeError(`it nests deeper than ${String(MAX_DEPTH)} levels (line ${String(tooDeep.line)})`);
  const mlmodel: unknown = parse(text);
  if (!isRecord(mlmodel)) throw new TypeError('an MLmodel file is a YAML mapping');
  const flavors = isRecord(mlmodel.flavors) ? mlmodel.flavors : {};
  const flavor = primaryFlavor(flavors);
  const runId = typeof mlmodel.run_id === 'string' ? mlmodel.run_id : undefined;
  const artifactPath = typeof mlmodel.artifact_path === 'string' ? mlmodel.artifact_path : undefined;
  const uri = options.artifactUri ?? artifactUri(runId, artifactPath);
  const signature = isRecord(mlmodel.signature) ? mlmodel.signature : {};
  const inputs = specsOf(signature.inputs, 'inputs', unmapped);
  const outputs = specsOf(signature.outputs, 'outputs', unmapped);
  if (signature.params !== undefined && signature.params !== null) unmapped.push('signature.params');
  const finished = isoTime(mlmodel.utc_time_created);

  for (const key of Object.keys(mlmodel)) if (!MAPPED_TOP.has(key)) unmapped.push(key);
  for (const [name, settings] of Object.entries(flavors))
    if (isRecord(settings)) for (const key of Object.keys(settings)) unmapped.push(`flavors.${name}.${key}`);
  if (uri === undefined) unmapped.push('artifact location (no run_id and artifact_path; pass --artifact-uri)');

  const annotations: Record<string, string> = {};
  if (typeof mlmodel.model_uuid === 'string') annotations['mlflow.org/model-uuid'] = mlmodel.model_uuid;
  if (typeof mlmodel.model_id === 'string') annotations['mlflow.org/model-id'] = mlmodel.model_id;
  if (typeof mlmodel.mlflow_version === 'string') annotations['mlflow.org/mlflow-version'] = mlmodel.mlflow_version;
  if (Object.keys(flavors).length > 0) annotations['mlflow.org/flavors'] = Object.keys(flavors).join(', ');
  const size = typeof mlmodel.model_size_bytes === 'number' ? mlmodel.model_size_bytes : undefined;
  return {
    document: {
      apiVersion: 'dossier/v1',
      kind: 'ModelVersion',
      metadata: {
        name: options.model,
        version: options.version,
        ...(options.owner === undefined ? {} : { owner: options.owner }),
        ...(Object.keys(annotations).length === 0 ? {} : { annotations }),
      },
      spec: {
        model: options.model,
        ...(uri === undefined
          ? {}
          : {
              artifact: {
                uri,
                ...(flavor === undefined ? {} : { format: `mlflow/${flavor}` }),
                ...(size === undefined ? {} : { sizeBytes: size }),
              },
            }),
        ...(inputs === undefined && outputs === undefined
          ? {}
          : { signature: { ...(inputs === undefined ? {} : { inputs }), ...(outputs === undefined ? {} : { outputs }) } }),
        ...(runId === undefined && finished === undefined
          ? {}
          : {
              training: {
                ...(runId === undefined ? {} : { run: { tracker: 'mlflow', id: runId } }),
                ...(finished === undefined ? {} : { finishedAt: finished }),
              },
            }),
      },
    },
    unmapped,
    mapped: Object.keys(mlmodel).filter((key) => MAPPED_TOP.has(key)),
  };
}

/** `metrics.json` (`{"auc": 0.91, ...}`) as an Evaluation of the version on a dataset. */
export function evaluationFromMetrics(
  metrics: unknown,
  options: MlflowModelOptions & { dataset: string; split?: string | undefined },
): { evaluation: Record<string, unknown>; unrecorded: string[] } {
  if (!isRecord(metrics)) throw new TypeError('metrics.json is an object of metric names to numbers, e.g. {"auc": 0.91}');
  // A metric's value is a finite number (1e999 parses as Infinity, which JSON cannot hold); the rest is said, not dropped.
  // A metric needs a name too: the format has no place for one named "".
  const recordable = (entry: [string, unknown]): entry is [string, number] => entry[0] !== '' && Number.isFinite(entry[1]);
  const entries = Object.entries(metrics).filter(recordable);
  const unrecorded = Object.entries(metrics)
    .filter((entry) => !recordable(entry))
    .map(([name, value]) =>
      name === ''
        ? '"" (a metric without a name)'
        : `${name} (${typeof value === 'number' ? String(value) : value === null ? 'null' : `a ${typeof value}`}, not a finite number)`,
    );
  if (entries.length === 0) throw new TypeError('metrics.json has no metric whose value is a finite number');
  const evaluation = {
    apiVersion: 'dossier/v1',
    kind: 'Evaluation',
    metadata: {
      name: `${options.model}-${options.version}-evaluation`.replace(/[^a-z0-9.-]/gi, '-').toLowerCase(),
      ...(options.owner === undefined ? {} : { owner: options.owner }),
    },
    spec: {
      modelVersion: `${options.model}@${options.version}`,
      dataset: options.dataset,
      ...(options.split === undefined ? {} : { split: options.split }),
      metrics: entries.map(([name, value]) => ({ name, value })),
    },
  };
  return { evaluation, unrecorded };
}
