// The nine kinds of FORMAT.md and what Dossier needs to know of each: schema, versioning, members.

export const KINDS = [
  'Model',
  'ModelVersion',
  'Dataset',
  'FeatureView',
  'Evaluation',
  'RuntimeConfig',
  'Deployment',
  'Team',
  'Term',
] as const;

export type Kind = (typeof KINDS)[number];

export interface KindInfo {
  kind: Kind;
  /** The lowercase form used in references: `modelversion:fraud-detector@3`. */
  slug: string;
  schemaFile: string;
  /** Whether `metadata.version` may be set (ModelVersion requires it). */
  versioned: boolean;
  /** What `#member` in a reference names, for kinds that have members. */
  member?: MemberInfo;
}

export interface MemberInfo {
  noun: string;
  names: (spec: Record<string, unknown>) => string[];
}

const memberNamesBySpec = new WeakMap<object, ReadonlySet<string>>();

/**
 * The names a reference's `#member` may take in an entity's spec, read once per spec: a wide
 * FeatureView is referenced feature by feature, and reading its list for each would be quadratic.
 */
export function memberNames(member: MemberInfo, spec: Record<string, unknown>): ReadonlySet<string> {
  let names = memberNamesBySpec.get(spec);
  if (names === undefined) memberNamesBySpec.set(spec, (names = new Set(member.names(spec))));
  return names;
}

function namesOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => (isRecord(item) && typeof item.name === 'string' ? [item.name] : []));
}

export const KIND_INFO: Readonly<Record<Kind, KindInfo>> = {
  Model: { kind: 'Model', slug: 'model', schemaFile: 'model.schema.json', versioned: false },
  ModelVersion: { kind: 'ModelVersion', slug: 'modelversion', schemaFile: 'model-version.schema.json', versioned: true },
  Dataset: {
    kind: 'Dataset',
    slug: 'dataset',
    schemaFile: 'dataset.schema.json',
    versioned: true,
    member: { noun: 'schema field', names: (spec) => namesOf(isRecord(spec.schema) ? spec.schema.fields : undefined) },
  },
  FeatureView: {
    kind: 'FeatureView',
    slug: 'featureview',
    schemaFile: 'feature-view.schema.json',
    versioned: true,
    member: { noun: 'feature', names: (spec) => namesOf(spec.features) },
  },
  Evaluation: { kind: 'Evaluation', slug: 'evaluation', schemaFile: 'evaluation.schema.json', versioned: false },
  RuntimeConfig: { kind: 'RuntimeConfig', slug: 'runtimeconfig', schemaFile: 'runtime-config.schema.json', versioned: false },
  Deployment: { kind: 'Deployment', slug: 'deployment', schemaFile: 'deployment.schema.json', versioned: false },
  Team: { kind: 'Team', slug: 'team', schemaFile: 'team.schema.json', versioned: false },
  Term: { kind: 'Term', slug: 'term', schemaFile: 'term.schema.json', versioned: false },
};

export const KIND_BY_SLUG: ReadonlyMap<string, KindInfo> = new Map(Object.values(KIND_INFO).map((info) => [info.slug, info]));

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && Object.hasOwn(KIND_INFO, value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A Dataset's `classification` levels, least sensitive first: their order is their rank. */
export const DATA_CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;

/** The rank of a classification (0 = public); undefined for a value that is not one. */
export function classificationRank(value: unknown): number | undefined {
  const rank = (DATA_CLASSIFICATIONS as readonly unknown[]).indexOf(value);
  return rank < 0 ? undefined : rank;
}
