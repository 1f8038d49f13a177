// The link of a site rebuild, gone on from the last rebuild's as a warm lint goes on from its own
// (cache/warm-link.ts), so that after a few files changed only what they reach is linked again. The
// pages need the whole Catalog: it is made from every file's analysis and the relations the last
// rebuild kept, revised where this link changed them, and is the Catalog a whole link makes. The
// lookups whose answers changed come with it: the page state takes them instead of comparing every
// page's recorded answers.

import type { FileStamps, StampChanges } from '../cache/file-stamps.js';
import { KeptRelations, toRelationColumns, type RelationColumns } from '../cache/relation-columns.js';
import { linkWarm, relinkWarm, type WarmLinkPlace, type WarmSources } from '../cache/warm-link.js';
import { Catalog, type CompileResult, type Relation } from '../catalog/catalog.js';
import { firstDefinitions } from '../catalog/duplicate-identities.js';
import { revisedRelationIndex } from '../catalog/relation-index.js';
import type { Analysis } from '../compile/compile-sources.js';
import { relationsChanged } from '../engine/read-keys.js';
import type { Diagnostic } from '../ground/diagnostics.js';

/** What a rebuild keeps of its link, beside the files' stamps: the link cache's generation, the problems, every relation. */
export interface KeptLink {
  generation: string;
  diagnostics: Diagnostic[];
  relations: RelationColumns;
}

/** A kept link as the next rebuild goes on from it; undefined when it is not one. */
function keptLinkOf(value: unknown): (KeptLink & { relationIndex: KeptRelations }) | undefined {
  const kept = value as Partial<KeptLink> | null;
  const relationIndex = KeptRelations.of(kept?.relations);
  if (typeof kept?.generation !== 'string' || !Array.isArray(kept.diagnostics) || relationIndex === undefined) return undefined;
  return { generation: kept.generation, diagnostics: kept.diagnostics, relations: relationIndex.columns, relationIndex };
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
  // Its relations are read from the kept ones when asked for: a rebuild looks at the few its pages show.
  const catalog = new Catalog(firstDefinitions(options.analysis.entities), [], revisedRelationIndex(kept.relationIndex, relationChanges));
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
 * The link to keep when some sources' relations changed: the others' are copied from the kept columns
 * as runs of bytes, in the order `keptLink` gives them, and only the changed sources' are encoded.
 */
function revisedKeptLink(
  generation: string,
  compiled: CompileResult,
  kept: KeptLink & { relationIndex: KeptRelations },
  changes: ReadonlyMap<string, readonly Relation[]>,
): KeptLink {
  const builder = kept.relationIndex.builder();
  const { catalog, diagnostics } = compiled;
  for (const { identity } of catalog.entities) {
    const range = changes.has(identity) ? undefined : kept.relationIndex.sourceRange(identity);
    if (range === undefined) builder.push(catalog.outgoing(identity));
    else builder.copy(range[0], range[1]);
  }
  return { generation, diagnostics, relations: builder.done() };
}

function keptLink(generation: string, { catalog, diagnostics }: CompileResult): KeptLink {
  return { generation, diagnostics, relations: toRelationColumns(catalog.entities.flatMap((entity) => catalog.outgoing(entity.identity))) };
}
