// What every mapping between Dossier and another format shares: the documents it produced, what had no
// place (named, never dropped silently), and the conversions of names, licenses and values.

import { createRequire } from 'node:module';
import type { SPDX as SpdxModule } from '@cyclonedx/cyclonedx-library';
import { isRecord } from '../model/kinds.js';
import { isVersion } from '../model/reference.js';

const require = createRequire(import.meta.url);

/** A web address: the only kind of link a mapping carries into another format (never `javascript:` or `data:`). */
export const WEB_URL = /^https?:\/\//i;
let spdx: typeof SpdxModule | undefined;

/**
 * CycloneDX's SPDX license list (`fixupSpdxId`, `isSupportedSpdxId`), loaded when a license is first
 * mapped: a static import would load the whole library at every command's start.
 */
export function spdxList(): typeof SpdxModule {
  spdx ??= (require('@cyclonedx/cyclonedx-library') as { SPDX: typeof SpdxModule }).SPDX;
  return spdx;
}

export type Json = Record<string, unknown>;

export interface Mapping {
  /** Dossier documents (apiVersion, kind, metadata, spec). */
  documents: Json[];
  /**
   * Documents standing for entities the source refers to but does not describe (a training dataset
   * named by its Hub id): written only when the repository has no entity of that name, never merged.
   */
  stubs?: Json[];
  /** Fields of the source that have no place in Dossier's format, as `file: field (why)`. */
  unmapped: string[];
  /** Fields of the source that were mapped, as `file: field`: with `unmapped` and `dropped`, every field is accounted for. */
  mapped?: string[];
  /** Fields left out on purpose, as `file: field (why)`: they say nothing about the model or data (a widget's examples). */
  dropped?: string[];
  /** Fields that were mapped, but not exactly (a license kept as LicenseRef-…, a task guessed). */
  warnings: string[];
}

export const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

export const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** Any text as a Dossier name or slug: lowercase, a-z 0-9 . _ -, starting and ending with a letter or digit, 63 at most. */
export function dossierName(value: string): string {
  const name = value
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 63)
    .replace(/[^a-z0-9]+$/, '');
  return name === '' ? 'unnamed' : name;
}

/** A version as Dossier writes it, or undefined when the text cannot be one. */
export function dossierVersion(value: unknown): string | undefined {
  const version = typeof value === 'number' ? String(value) : text(value);
  return version !== undefined && isVersion(version) ? version : undefined;
}

/** Leaves out undefined values and empty lists and mappings, so documents carry only what the source gave. */
export function compactObject(value: Json): Json {
  const result: Json = {};
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    if (Array.isArray(child) && child.length === 0) continue;
    if (isRecord(child) && !Array.isArray(child) && Object.keys(child).length === 0) continue;
    result[key] = child;
  }
  return result;
}

/** A Dossier document from its parts, without empty fields. */
export function dossierDocument(kind: string, metadata: Json, spec: Json): Json {
  return { apiVersion: 'dossier/v1', kind, metadata: compactObject(metadata), spec: compactObject(spec) };
}

/** A number from a source that may write it as text (`"0.91"`, `"20.0 ± 1.2"`), or undefined. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(-?\d+(\.\d+)?([eE][-+]?\d+)?)/.exec(value);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** What an importer does with each key of a source object: maps it or drops it on purpose (and why); any other is not mapped. */
export interface KeyPolicy {
  mapped: ReadonlySet<string>;
  dropped?: ReadonlyMap<string, string>;
}

/** Where each key of a source object went, as the loss report lists them. */
export interface KeyAccount {
  mapped: string[];
  unmapped: string[];
  dropped: string[];
}

/** Adds every key of `source` to the account: mapped, dropped on purpose (with why), or not mapped. */
export function accountForKeys(source: Json, where: string, policy: KeyPolicy, account: KeyAccount): void {
  for (const key of Object.keys(source)) {
    const why = policy.dropped?.get(key);
    if (policy.mapped.has(key)) account.mapped.push(`${where}: ${key}`);
    else if (why !== undefined) account.dropped.push(`${where}: ${key} (${why})`);
    else account.unmapped.push(`${where}: ${key}`);
  }
}

/**
 * The keys that many source objects of one kind (every model-index result, every record set) have
 * and no mapping reads, each named once, in one line: 62 results do not make 62 lines.
 */
export class UnreadKeys {
  private readonly keys = new Set<string>();

  /** Notes each key of `source` that `read` does not hold, as `<path>.<key>`. */
  add(path: string, source: Json, read: ReadonlySet<string>): void {
    for (const key of Object.keys(source)) if (!read.has(key)) this.keys.add(`${path}.${key}`);
  }

  /** Adds the line naming them to `unmapped`, when there are any. */
  reportTo(file: string, unmapped: string[], why = 'no Dossier field for them'): void {
    if (this.keys.size > 0) unmapped.push(`${file}: ${[...this.keys].join(', ')} (${why})`);
  }
}
