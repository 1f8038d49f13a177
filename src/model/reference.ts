// References between entities: `[kind:][namespace/]name[@version][#member]`, parsed and printed in one place.

import { KIND_BY_SLUG } from './kinds.js';

export const DEFAULT_NAMESPACE = 'default';

const NAME = /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/;
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;

/** Whether text is a Dossier name (and namespace): lowercase a-z, 0-9, '.', '_', '-', 1 to 63 characters. */
export const isName = (text: string): boolean => NAME.test(text);

/** Whether text is a version Dossier takes (`3`, `1.2.0`, `2024-06`). */
export const isVersion = (text: string): boolean => VERSION.test(text);

export interface ParsedReference {
  /** Kind slug (`dataset`), when the reference names one. */
  kind?: string;
  namespace?: string;
  name: string;
  version?: string;
  member?: string;
}

export type ReferenceParseResult = { ok: true; reference: ParsedReference } | { ok: false; reason: string };

export function parseReference(text: string): ReferenceParseResult {
  const fail = (reason: string): ReferenceParseResult => ({ ok: false, reason });
  if (text.trim() !== text || text === '') return fail('it is empty or has surrounding spaces');

  let rest = text;
  let member: string | undefined;
  const hash = rest.indexOf('#');
  if (hash !== -1) {
    member = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
    if (member === '') return fail('`#` must be followed by a member name');
  }
  let version: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    version = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!VERSION.test(version)) return fail(`\`${version}\` is not a valid version`);
  }
  let kind: string | undefined;
  const colon = rest.indexOf(':');
  if (colon !== -1) {
    kind = rest.slice(0, colon);
    rest = rest.slice(colon + 1);
    if (!KIND_BY_SLUG.has(kind)) return fail(`\`${kind}\` is not a kind; use one of ${[...KIND_BY_SLUG.keys()].join(', ')}`);
  }
  let namespace: string | undefined;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    namespace = rest.slice(0, slash);
    rest = rest.slice(slash + 1);
    if (!NAME.test(namespace)) return fail(`namespace \`${namespace}\` must be a lowercase name (a-z, 0-9, '.', '_', '-')`);
  }
  if (!NAME.test(rest)) return fail(`name \`${rest}\` must be a lowercase name (a-z, 0-9, '.', '_', '-')`);

  const reference: ParsedReference = { name: rest };
  if (kind !== undefined) reference.kind = kind;
  if (namespace !== undefined) reference.namespace = namespace;
  if (version !== undefined) reference.version = version;
  if (member !== undefined) reference.member = member;
  return { ok: true, reference };
}

/** The name a reference points at (`modelversion:risk/fraud-detector@2` names `fraud-detector`), or undefined when it is no reference. */
export function referencedName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = parseReference(value);
  return parsed.ok ? parsed.reference.name : undefined;
}

/** Canonical identity string: `kind:namespace/name` plus `@version` for a versioned entity. */
export function formatIdentity(kind: string, namespace: string, name: string, version?: string): string {
  return version === undefined ? `${kind}:${namespace}/${name}` : `${kind}:${namespace}/${name}@${version}`;
}

/**
 * A reference spelled out in full, `kind:namespace/name` with the version and member it names:
 * `events@1` written by an entity of namespace `default` at a site that takes Datasets, and
 * `dataset:default/events@1`, are one reference. Undefined when the text is no reference.
 */
export function spelledOut(text: string, kind: string, fromNamespace: string): string | undefined {
  const parsed = parseReference(text);
  if (!parsed.ok) return undefined;
  const { reference } = parsed;
  const identity = formatIdentity(reference.kind ?? kind, reference.namespace ?? fromNamespace, reference.name, reference.version);
  return reference.member === undefined ? identity : `${identity}#${reference.member}`;
}
