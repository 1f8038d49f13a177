// MLflow Model Registry responses (https://mlflow.org/docs/latest/api_reference/rest-api.html), saved
// to files, as a Dossier Model and its ModelVersions: `registered-models/get` ({registered_model}),
// `model-versions/search` ({model_versions}), `model-versions/get` ({model_version}), or the bare
// objects MLflow's clients print. Stages, aliases, tags, descriptions, run ids and source URIs map.

import { parseBoundedJson } from '../source/bounded-json.js';
import { InputError } from '../ground/errors.js';
import { isRecord } from '../model/kinds.js';
import {
  accountForKeys,
  dossierDocument,
  dossierName,
  dossierVersion,
  text,
  type Json,
  type KeyAccount,
  type KeyPolicy,
  type Mapping,
} from './mapping.js';

export interface RegistryImportOptions {
  owner?: string | undefined;
  namespace?: string | undefined;
}

export interface RegistryFile {
  file: string;
  text: string;
}

// A Map, not an object: a stage named `constructor` must not find Object.prototype's.
const STAGES: ReadonlyMap<string, string> = new Map([
  ['none', 'development'],
  ['staging', 'staging'],
  ['production', 'production'],
  ['archived', 'archived'],
]);

/** The registry's own record of its last change: Dossier's files keep their history in git. */
const REGISTRY_CHANGE: ReadonlyMap<string, string> = new Map([
  ['last_updated_timestamp', "the registry's last change; git keeps the files' history"],
]);
const MODEL_FIELDS: KeyPolicy = {
  mapped: new Set(['name', 'description', 'tags', 'aliases', 'latest_versions', 'creation_timestamp']),
  dropped: REGISTRY_CHANGE,
};
const VERSION_FIELDS: KeyPolicy = {
  mapped: new Set([
    'name',
    'version',
    'description',
    'tags',
    'aliases',
    'current_stage',
    'source',
    'run_id',
    'run_link',
    'status',
    'status_message',
    'creation_timestamp',
    'user_id',
  ]),
  dropped: REGISTRY_CHANGE,
};

/** MLflow tags: a list of `{key, value}` (the REST API) or a mapping (what clients print). */
function tagsOf(value: unknown): Record<string, string> {
  const entries = Array.isArray(value)
    ? value.flatMap((tag: unknown) =>
        isRecord(tag) && typeof tag.key === 'string'
          ? [[tag.key, typeof tag.value === 'string' ? tag.value : JSON.stringify(tag.value ?? '')] as const]
          : [],
      )
    : isRecord(value)
      ? Object.entries(value).map(([key, tagValue]) => [key, String(tagValue)] as const)
      : [];
  return Object.fromEntries(entries);
}

/**
 * The `mlflow.org/created` annotation of a creation timestamp (milliseconds since the epoch); a
 * timestamp no date can hold (past the year 275760) is named in `unmapped` instead.
 */
function createdAnnotation(value: unknown, at: string, unmapped: string[]): Record<string, string> {
  const millis = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
  if (millis === undefined) return {};
  const time = new Date(millis);
  if (Number.isNaN(time.getTime())) {
    unmapped.push(`${at}: creation_timestamp (\`${String(value)}\` is not a time)`);
    return {};
  }
  return { 'mlflow.org/created': time.toISOString() };
}

interface RegisteredModel {
  name: string;
  model?: Json;
  versions: Map<string, Json>;
}

/** The registered models and versions a response holds, whatever call wrote it. */
function collect(value: unknown, file: string, models: Map<string, RegisteredModel>, unmapped: string[]): void {
  if (!isRecord(value)) throw new InputError(`${file}: not an MLflow registry response: the file is not a JSON object.`);
  const entryOf = (name: string) => {
    let entry = models.get(name);
    if (entry === undefined) models.set(name, (entry = { name, versions: new Map() }));
    return entry;
  };
  const addVersion = (version: unknown, at: string) => {
    if (!isRecord(version)) return;
    const name = text(version.name);
    const number = text(version.version) ?? (typeof version.version === 'number' ? String(version.version) : undefined);
    if (name === undefined || number === undefined) {
      unmapped.push(`${file}: ${at} (a model version needs name and version)`);
      return;
    }
    const entry = entryOf(name);
    entry.versions.set(number, { ...entry.versions.get(number), ...version });
  };
  const addModel = (model: Json, at: string) => {
    const name = text(model.name);
    if (name === undefined) throw new InputError(`${file}: ${at}.name: a registered model needs a name.`);
    entryOf(name).model = model;
    if (Array.isArray(model.latest_versions)) {
      model.latest_versions.forEach((version, i) => {
        addVersion(version, `${at}.latest_versions[${i}]`);
      });
    } else if (model.latest_versions !== undefined) unmapped.push(`${file}: ${at}.latest_versions (not a list of versions)`);
  };
  const listedModels = Array.isArray(value.registered_models) ? value.registered_models.filter(isRecord) : [];
  const versions = Array.isArray(value.model_versions) ? value.model_versions : [];
  if (isRecord(value.registered_model)) addModel(value.registered_model, 'registered_model');
  listedModels.forEach((model, i) => {
    addModel(model, `registered_models[${i}]`);
  });
  if (isRecord(value.model_version)) addVersion(value.model_version, 'model_version');
  versions.forEach((version, i) => {
    addVersion(version, `model_versions[${i}]`);
  });
  let found =
    isRecord(value.registered_model) ||
    Array.isArray(value.registered_models) ||
    isRecord(value.model_version) ||
    Array.isArray(value.model_versions);
  // What MLflow's clients print: one registered model or model version, without the response's wrapper.
  if (!found && typeof value.name === 'string') {
    if ('version' in value) addVersion(value, '(model version)');
    else addModel(value, '(registered model)');
    found = true;
  }
  if (!found)
    throw new InputError(
      `${file}: not an MLflow registry response: expected registered_model, registered_models, model_version or model_versions (what registered-models/get and model-versions/search return).`,
    );
}

/** The keys of the responses of registered-models/get and /search, model-versions/get and /search. */
export const REGISTRY_RESPONSE_KEYS = ['registered_model', 'registered_models', 'model_version', 'model_versions', 'next_page_token'];
const RESPONSE_KEYS: KeyPolicy = {
  mapped: new Set(REGISTRY_RESPONSE_KEYS),
  dropped: new Map([['system', 'what the client that saved the response adds about itself (script, host, user)']]),
};

export function importMlflowRegistry(files: readonly RegistryFile[], options: RegistryImportOptions): Mapping {
  const unmapped: string[] = [];
  const account: KeyAccount = { mapped: [], unmapped, dropped: [] };
  const warnings: string[] = [];
  const models = new Map<string, RegisteredModel>();
  for (const { file, text: source } of files) {
    let value: unknown;
    try {
      value = parseBoundedJson(source);
    } catch (error) {
      throw new InputError(`${file}: not JSON: ${(error as Error).message}`);
    }
    collect(value, file, models, unmapped);
    // Beside a response's own keys, anything else (a client's additions) is named, not read.
    if (isRecord(value) && REGISTRY_RESPONSE_KEYS.some((key) => key in value)) accountForKeys(value, file, RESPONSE_KEYS, account);
  }
  const documents: Json[] = [];
  for (const entry of models.values()) {
    const name = dossierName(entry.name);
    const model = entry.model ?? {};
    accountForKeys(model, `registered model ${entry.name}`, MODEL_FIELDS, account);
    const modelTags = tagsOf(model.tags);
    const task = modelTags.task ?? modelTags['mlflow.task'];
    if (task === undefined)
      warnings.push(`registered model ${entry.name}: no \`task\` tag; the model's task is \`unspecified\` until you set it.`);
    const aliases = new Map<string, string[]>();
    for (const alias of Array.isArray(model.aliases) ? model.aliases : [])
      if (isRecord(alias) && typeof alias.alias === 'string' && alias.version !== undefined) {
        const version = typeof alias.version === 'number' ? String(alias.version) : text(alias.version);
        if (version === undefined) continue;
        aliases.set(version, [...(aliases.get(version) ?? []), dossierName(alias.alias)]);
      }
    documents.push(
      dossierDocument(
        'Model',
        {
          name,
          namespace: options.namespace,
          title: name === entry.name ? undefined : entry.name,
          description: text(model.description),
          owner: options.owner,
          annotations: {
            ...Object.fromEntries(Object.entries(modelTags).map(([key, value]) => [`mlflow.org/tag.${key}`, value])),
            ...createdAnnotation(model.creation_timestamp, `registered model ${entry.name}`, unmapped),
          },
        },
        { task: task ?? 'unspecified' },
      ),
    );
    for (const [version, names] of aliases)
      if (!entry.versions.has(version))
        unmapped.push(`registered model ${entry.name}: aliases ${names.join(', ')} (version ${version} is not in the input)`);
    const ordered = [...entry.versions.entries()].sort(([a], [b]) => Number(a) - Number(b) || (a < b ? -1 : 1));
    for (const [number, version] of ordered) {
      const at = `model version ${entry.name}@${number}`;
      accountForKeys(version, at, VERSION_FIELDS, account);
      const versionName = dossierVersion(number);
      if (versionName === undefined) {
        unmapped.push(`${at} (version \`${number}\` is not a version string Dossier takes)`);
        continue;
      }
      const stageText = text(version.current_stage)?.toLowerCase() ?? 'none';
      const stage = STAGES.get(stageText);
      if (stage === undefined)
        warnings.push(`${at}: stage \`${String(version.current_stage)}\` is not an MLflow stage; recorded as development.`);
      const status = text(version.status);
      if (status !== undefined && status !== 'READY')
        warnings.push(
          `${at}: status ${status}${text(version.status_message) === undefined ? '' : ` (${String(version.status_message)})`}.`,
        );
      const runId = text(version.run_id);
      const runLink = text(version.run_link);
      const source = text(version.source);
      const versionAliases = [
        ...(aliases.get(number) ?? []),
        ...(Array.isArray(version.aliases) ? version.aliases.filter((a): a is string => typeof a === 'string').map(dossierName) : []),
      ];
      documents.push(
        dossierDocument(
          'ModelVersion',
          {
            name,
            namespace: options.namespace,
            version: versionName,
            description: text(version.description),
            owner: options.owner,
            annotations: {
              ...Object.fromEntries(Object.entries(tagsOf(version.tags)).map(([key, value]) => [`mlflow.org/tag.${key}`, value])),
              ...createdAnnotation(version.creation_timestamp, at, unmapped),
              ...(text(version.user_id) === undefined ? {} : { 'mlflow.org/user': String(version.user_id) }),
            },
          },
          {
            model: name,
            stage: stage ?? 'development',
            aliases: [...new Set(versionAliases)],
            artifact: source === undefined ? undefined : { uri: source },
            training:
              runId === undefined
                ? undefined
                : {
                    run: {
                      tracker: 'mlflow',
                      id: runId,
                      ...(runLink !== undefined && /^https?:\/\//.test(runLink) ? { url: runLink } : {}),
                    },
                  },
          },
        ),
      );
    }
  }
  return { documents, unmapped, warnings, mapped: account.mapped, dropped: account.dropped };
}
