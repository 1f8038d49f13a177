// The link of a site rebuild, gone on from the last rebuild's as a warm lint goes on from its own
// (cache/warm-link.ts), so that after a few files changed only what they reach is linked again. The
// pages need the whole Catalog: it is made from every file's analysis and the relations the last
// rebuild kept, revised where this link changed them, and is the Catalog a whole link makes. The
// lookups whose answers changed come with it: the page state takes them instead of comparing every
// page's recorded answers.

import type { FileStamps, StampChanges } from '../cache/file-stamps.js';
import { fromRelationColumns, RelationColumnsBuilder, toRelationColumns, type RelationColumns } from '../cache/relation-columns.js';
import { linkWarm, relinkWarm, type WarmLinkPlace, type WarmSources } from '../cache/warm-link.js';
import { Catalog, type CompileResult, type Relation } from '../catalog/catalog.js';
import { firstDefinitions } from '../catalog/duplicate-identities.js';
import type { Analysis } from '../compile/compile-sources.js';
import { relationsChanged } from '../engine/read-keys.js';
import { appendTo } from '../ground/collections.js';
import { compareStrings, type Diagnostic } from '../ground/diagnostics.js';

/** What a rebuild keeps of its link, beside the files' stamps: the link cache's generation, the problems, every relation. */
export interface KeptLink {
  generation: string;
  diagnostics: Diagnostic[];
  relations: RelationColumns;
}

/** A kept link as the next rebuild goes on from it; undefined when it is not one. */
function keptLinkOf(value: unknown): (KeptLink & { relationList: Relation[] }) | undefined {
  const kept = value as Partial<KeptLink> | null;
  const relationList = fromRelationColumns(kept?.relations);
  if (typeof kept?.generation !== 'string' || !Array.isArray(kept.diagnostics) || relationList === undefined) return undefined;
  return { generation: kept.generation, diagnostics: kept.diagnostics, relations: kept.relations as RelationColumns, relationList };
}

export interface SiteLinkOptions {
  place: WarmLinkPlace;
  sources: WarmSources;
  /** Every file's analysis, in the order of the sources. */
  analysis: Analysis;
  /** What changed since the last rebuild's stamps, and what it kept with them. */
  since: (StampChanges & { before: FileStamps; kept: unknown }) | undefined;
}

export interface SiteLink {
  compiled: CompileResult;
  /** The lookups (`readKeys`) whose answers changed since the last rebuild; undefined when linked whole. */
  changedKeys?: ReadonlySet<string>;
  /** What to keep for the next rebuild; undefined when the link cache could not be written. */
  kept: KeptLink | undefined;
}

export function linkSite(options: SiteLinkOptions): SiteLink {
  const relinked = relinkSite(options);
  if (relinked !== undefined) return relinked;
  const { result, generation } = linkWarm(options.place, options.sources.input, options.analysis);
  return { compiled: result, kept: generation === undefined ? undefined : keptLink(generation, result) };
}

/** The link gone on from the last rebuild's; undefined when it cannot be (none kept, too many files changed, the whole needed). */
function relinkSite(options: SiteLinkOptions): SiteLink | undefined {
  const { since, sources } = options;
  const kept = keptLinkOf(since?.kept);
  if (since === undefined || kept === undefined) return undefined;
  const relinked = relinkWarm(options.place, { generation: kept.generation, diagnostics: kept.diagnostics, since }, sources);
  if (relinked === undefined) return undefined;
  const { step, generation } = relinked;
  const relationChanges = new Map<string, readonly Relation[]>(
    relationsChanged(step.changedKeys ?? []).map((identity) => [identity, step.result.catalog.outgoing(identity)]),
  );
  const { input } = sources;
  const catalog = new Catalog(firstDefinitions(options.analysis.entities), [], revisedRelations(kept.relationList, relationChanges));
  const compiled: CompileResult = {
    catalog,
    diagnostics: step.result.diagnostics,
    fileCount: input.sources.length + (input.fileDiagnostics?.length ?? 0),
  };
  return {
    compiled,
    ...(step.changedKeys === undefined ? {} : { changedKeys: step.changedKeys }),
    // Relations no change touched are kept as they were stored, not encoded again.
    kept:
      generation === undefined
        ? undefined
        : relationChanges.size === 0
          ? { generation, diagnostics: compiled.diagnostics, relations: kept.relations }
          : revisedKeptLink(generation, compiled, kept, relationChanges),
  };
}

/**
 * The kept relations with those of some sources replaced, in the order a whole link gives them: by
 * source identity, each source's in document order.
 */
function revisedRelations(kept: readonly Relation[], changes: ReadonlyMap<string, readonly Relation[]>): Relation[] {
  if (changes.size === 0) return [...kept];
  const bySource = new Map<string, Relation[]>();
  for (const relation of kept) if (!changes.has(relation.source)) appendTo(bySource, relation.source, relation);
  for (const [source, relations] of changes) if (relations.length > 0) bySource.set(source, [...relations]);
  return [...bySource.keys()].sort(compareStrings).flatMap((source) => bySource.get(source) ?? []);
}

/**
 * The link to keep when some sources' relations changed: the others' are copied from the kept columns
 * as runs of bytes, in the order `keptLink` gives them, and only the changed sources' are encoded.
 */
function revisedKeptLink(
  generation: string,
  compiled: CompileResult,
  kept: KeptLink & { relationList: readonly Relation[] },
  changes: ReadonlyMap<string, readonly Relation[]>,
): KeptLink {
  // Where each source's relations are in the kept columns: together, as keptLink writes them.
  const ranges = new Map<string, [number, number]>();
  let together = true;
  for (let index = 0; index < kept.relationList.length; index++) {
    const { source } = kept.relationList[index] as Relation;
    const range = ranges.get(source);
    if (range === undefined) ranges.set(source, [index, index + 1]);
    else if (range[1] === index) range[1]++;
    else together = false;
  }
  const builder = together ? RelationColumnsBuilder.of(kept.relations) : undefined;
  if (builder === undefined) return keptLink(generation, compiled);
  const { catalog, diagnostics } = compiled;
  for (const { identity } of catalog.entities) {
    const range = changes.has(identity) ? undefined : ranges.get(identity);
    if (range === undefined) builder.push(catalog.outgoing(identity));
    else builder.copy(range[0], range[1]);
  }
  return { generation, diagnostics, relations: builder.done() };
}

function keptLink(generation: string, { catalog, diagnostics }: CompileResult): KeptLink {
  return { generation, diagnostics, relations: toRelationColumns(catalog.entities.flatMap((entity) => catalog.outgoing(entity.identity))) };
}
