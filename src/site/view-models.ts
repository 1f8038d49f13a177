// What each page shows, as plain data for its template: list rows, the home page, an entity page,
// the problems page. Computed from the Catalog once; the templates only lay it out.

import type { CatalogReader, CompileResult } from '../catalog/catalog.js';
import { ownerOf, stageOf } from '../catalog/queries.js';
import type { Commit, History } from '../git/history.js';
import { groupBy } from '../ground/collections.js';
import { compareStrings, countDiagnostics, type Diagnostic } from '../ground/diagnostics.js';
import { displayValue } from '../ground/display-value.js';
import { formatLocation } from '../ground/location.js';
import { displayName, type Entity } from '../model/entity.js';
import { isRecord, KINDS, KIND_INFO, type Kind } from '../model/kinds.js';
import { KIND_VIEWS, type Section } from './kinds/index.js';
import { summaryOf } from './kinds/summary.js';
import { lineageOf } from './lineage.js';
import { rowDetails, type RowDetail } from './row-details.js';
import { identityLinker, messageParts, renderMarkdown, type MessageLinker } from './markdown.js';
import { entityPath, entityPlace, fileUrlIn, tagListPath } from './urls.js';

/** Relations with more entities than this link to a list page of their own. */
const RELATION_PREVIEW = 50;
const MAX_PROBLEM_ROWS = 2000;

/** One entity in a list page: what its columns and filters show. */
export interface Row {
  path: string;
  label: string;
  title: string;
  kind: string;
  owner: string;
  ownerName: string;
  lifecycle: string;
  stage: string;
  tags: string;
  /** What the row says of the entity for its kind (production version, classification, environment ...). */
  details: RowDetail[];
}

/** A list of entities too long for the page that links to it. */
export interface OverflowList {
  basePath: string;
  heading: string;
  intro: string;
  rows: Row[];
}

export const PLURAL: Readonly<Record<Kind, string>> = {
  Model: 'Models',
  ModelVersion: 'Model versions',
  Dataset: 'Datasets',
  FeatureView: 'Feature views',
  Evaluation: 'Evaluations',
  RuntimeConfig: 'Runtime configs',
  Deployment: 'Deployments',
  Team: 'Teams',
  Term: 'Glossary',
};

export const kindListPath = (kind: Kind) => `kinds/${KIND_INFO[kind].slug}`;
export const labelOf = (e: Entity) => (e.version === undefined ? e.name : `${e.name}@${e.version}`);
export const tagsOf = (e: Entity): string[] => (Array.isArray(e.metadata.tags) ? e.metadata.tags : []).map((tag) => String(tag));
const withDay = (commit: Commit) => ({ ...commit, day: commit.date.slice(0, 10) });

export function rowOf(catalog: CatalogReader, entity: Entity): Row {
  const owner = ownerOf(catalog, entity);
  const title = displayName(entity);
  return {
    path: entityPath(entity),
    label: labelOf(entity),
    title: title === entity.name ? '' : title,
    kind: entity.kind,
    owner: owner ?? '',
    ownerName: owner === undefined ? '' : owner.slice(owner.indexOf('/') + 1),
    lifecycle: entity.lifecycle,
    stage: entity.kind === 'ModelVersion' ? stageOf(entity) : entity.kind === 'Deployment' ? displayValue(entity.spec.environment) : '',
    tags: tagsOf(entity).slice(0, FILTERABLE_TAGS).join(' '),
    details: rowDetails(catalog, entity),
  };
}

/**
 * How many of an entity's tags a list's tag filter can find it by, in the order written, and how many
 * values one filter offers at most (the most common). Real entities have a handful of tags; without
 * bounds, one entity with 5,000 tags made 5,000 tag lists of 210 KB each, every one of them listing
 * every tag (1 GB for a 40 KB file).
 */
const FILTERABLE_TAGS = 32;
const FILTER_OPTIONS = 200;

/** The distinct non-empty values a filter offers, sorted: the most common ones when there are too many to choose from. */
export function filterOptions(values: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  const offered =
    counts.size <= FILTER_OPTIONS
      ? [...counts.keys()]
      : [...counts]
          .sort(([a, countA], [b, countB]) => countB - countA || compareStrings(a, b))
          .slice(0, FILTER_OPTIONS)
          .map(([value]) => value);
  return offered.sort(compareStrings);
}

/** The filters a list page offers: only those with a choice to make among its rows. */
export function filtersFor(rows: readonly Row[]) {
  return [
    { label: 'Kind', field: 'kind', options: filterOptions(rows.map((r) => r.kind)) },
    { label: 'Owner', field: 'owner', options: filterOptions(rows.map((r) => r.owner)) },
    { label: 'Tag', field: 'tags', options: filterOptions(rows.flatMap((r) => r.tags.split(' '))) },
    { label: 'Lifecycle', field: 'lifecycle', options: filterOptions(rows.map((r) => r.lifecycle)) },
    { label: 'Stage', field: 'stage', options: filterOptions(rows.map((r) => r.stage)) },
  ].filter((f) => f.options.length > 1);
}

function countBy(values: readonly string[]): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => compareStrings(a, b)).map(([name, count]) => ({ name, count }));
}

/**
 * What a page says of the repository's history as a whole. Not the History itself: its recent
 * commits list every file they touched (ten thousand for an initial import), and a page's view is
 * serialized to key the page and to hand it to the rendering thread.
 */
export function historyFlags(history: History): { available: boolean; partial: boolean } {
  return { available: history.available, partial: history.partial };
}

/**
 * The home page's view, but for its recent changes: every entity counted by kind, lifecycle and (a
 * version's) stage, from its listing, not the entity; the files, problems and history.
 */
export function homeView(rows: readonly Pick<Row, 'kind' | 'lifecycle' | 'stage'>[], result: CompileResult, history: History) {
  return {
    total: rows.length,
    fileCount: result.fileCount,
    kinds: KINDS.map((kind) => ({
      plural: PLURAL[kind],
      path: `${kindListPath(kind)}.html`,
      count: rows.filter((row) => row.kind === kind).length,
    })),
    lifecycles: countBy(rows.map((row) => row.lifecycle)),
    // A version's row shows its stage.
    stages: countBy(rows.filter((row) => row.kind === 'ModelVersion').map((row) => row.stage)),
    problems: { ...countDiagnostics(result.diagnostics), total: result.diagnostics.length },
    history: historyFlags(history),
  };
}

/** Links the entities a message names by identity, as the reader finds them. */
export function entityLinker(catalog: CatalogReader): MessageLinker {
  return identityLinker((identity) => {
    const entity = catalog.get(identity);
    return entity === undefined ? undefined : entityPath(entity);
  });
}

const SEVERITY_ORDER: Readonly<Record<string, number>> = { error: 0, warning: 1, info: 2 };

/** Diagnostics as a reader goes through them: errors first, then warnings, then the rest; otherwise as they came. */
export function bySeverity(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3));
}

function problemRow(catalog: CatalogReader, d: Diagnostic) {
  const entity = d.entity === undefined ? undefined : catalog.get(d.entity);
  const linkOf = entityLinker(catalog);
  return {
    severity: d.severity,
    message: d.message,
    parts: messageParts(d.message, linkOf),
    hint: d.hint,
    hintParts: d.hint === undefined ? [] : messageParts(d.hint, linkOf),
    ruleId: d.ruleId,
    entity: d.entity,
    path: entity ? entityPath(entity) : '',
    location: formatLocation(d.file, d.range.start),
  };
}

export function problemsView(catalog: CatalogReader, diagnostics: readonly Diagnostic[]) {
  return {
    counts: countDiagnostics(diagnostics),
    rows: bySeverity(diagnostics)
      .slice(0, MAX_PROBLEM_ROWS)
      .map((d) => problemRow(catalog, d)),
    omitted: Math.max(0, diagnostics.length - MAX_PROBLEM_ROWS),
  };
}

/** A list row of an entity, by identity. */
export type RowOf = (identity: string) => Row | undefined;

/** Relations both ways, grouped by name; a group over the preview size gets a list page of its own. */
function relationsView(catalog: CatalogReader, entity: Entity, rowOf: RowOf, overflow: OverflowList[]) {
  const groups = groupBy(
    [
      ...catalog.outgoing(entity.identity).map((r) => ({ label: r.type, other: r.target, member: r.member })),
      ...catalog.incoming(entity.identity).map((r) => ({ label: r.inverse, other: r.source, member: r.member })),
    ],
    (r) => r.label,
  );
  return [...groups]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([label, items]) => {
      const unique = [...new Map(items.map((i) => [`${i.other}#${i.member ?? ''}`, i])).values()];
      const entities = unique.flatMap((i) => {
        const e = catalog.get(i.other);
        return e ? [{ path: entityPath(e), label: labelOf(e), kind: e.kind, member: i.member }] : [];
      });
      const morePath = `relations/${entityPlace(entity)}/${label}`;
      if (entities.length > RELATION_PREVIEW) {
        const listed = [...new Set(unique.map((i) => i.other))].flatMap((id) => {
          const row = rowOf(id);
          return row ? [row] : [];
        });
        overflow.push({ basePath: morePath, heading: `${label}: ${labelOf(entity)}`, intro: `${listed.length} entities.`, rows: listed });
      }
      return {
        label,
        count: entities.length,
        items: entities.slice(0, RELATION_PREVIEW),
        more: entities.length > RELATION_PREVIEW ? { path: `${morePath}.html` } : undefined,
      };
    });
}

/** The file of another repository's entity (its source reads `repository:path`), on that repository's file browser. */
function originFile(entity: Entity, filesUrl: string): { path: string; url: string | undefined } {
  const prefix = `${entity.origin ?? ''}:`;
  const file = entity.source.file.startsWith(prefix) ? entity.source.file.slice(prefix.length) : entity.source.file;
  return { path: file, url: fileUrlIn(filesUrl, file) };
}

/** Sections with an id each, for the page's in-page navigation: from the heading, unique on the page. */
function withIds(sections: readonly Section[]): (Section & { id: string })[] {
  const used = new Set<string>();
  return sections.map((section) => {
    const base = `s-${section.heading
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return { ...section, id };
  });
}

/**
 * What an entity page's view is made from (an `EntityPage`): the view reads the catalog through
 * `catalog` and nothing but these.
 */
export interface EntityViewInputs {
  readonly entity: Entity;
  readonly catalog: CatalogReader;
  rowOf: RowOf;
  readonly own: { readonly problems: readonly Diagnostic[]; readonly commits: { readonly value: readonly Commit[] } };
  readonly site: { readonly history: { available: boolean; partial: boolean }; readonly filesUrls: ReadonlyMap<string, string> };
}

/** An entity page's data; relation lists too long for it are added to `overflow`. */
export function entityView(page: EntityViewInputs, overflow: OverflowList[]) {
  const { entity, catalog, site } = page;
  const { problems } = page.own;
  const rowOf = (identity: string) => page.rowOf(identity);
  const filesUrl = entity.origin === undefined ? undefined : site.filesUrls.get(entity.origin);
  const owner = ownerOf(catalog, entity);
  const ownerEntity = owner === undefined ? undefined : catalog.get(owner);
  const deprecation = isRecord(entity.metadata.deprecation) ? entity.metadata.deprecation : undefined;
  const replacement = catalog.outgoing(entity.identity).find((r) => r.type === 'replacedBy');
  const replacementEntity = replacement ? catalog.get(replacement.target) : undefined;
  const commits = page.own.commits.value;
  const terms = catalog
    .outgoing(entity.identity)
    .filter((r) => r.type === 'classifiedAs' && r.pointer[0] === 'metadata')
    .flatMap((r) => {
      const e = catalog.get(r.target);
      return e ? [{ path: entityPath(e), label: e.name }] : [];
    });
  const relations = relationsView(catalog, entity, rowOf, overflow);
  return {
    identity: entity.identity,
    origin: entity.origin,
    originFile: filesUrl === undefined ? undefined : originFile(entity, filesUrl),
    kind: entity.kind,
    kindSlug: entity.kindSlug,
    version: entity.version,
    title: displayName(entity),
    lifecycle: entity.lifecycle,
    stage: entity.kind === 'ModelVersion' ? stageOf(entity) : '',
    owner: ownerEntity ? { path: entityPath(ownerEntity), label: displayName(ownerEntity) } : undefined,
    tags: tagsOf(entity).map((tag) => ({ label: tag, path: `${tagListPath(tag)}.html` })),
    terms,
    deprecation: deprecation
      ? {
          reason: typeof deprecation.reason === 'string' ? deprecation.reason : '',
          sunset: deprecation.sunset,
          replacement: replacementEntity ? { path: entityPath(replacementEntity), label: labelOf(replacementEntity) } : undefined,
        }
      : undefined,
    descriptionHtml: renderMarkdown(entity.metadata.description),
    sections: withIds(KIND_VIEWS[entity.kind](catalog, entity)),
    summary: summaryOf(catalog, entity),
    lineage: lineageOf(catalog, entity),
    relations,
    problems: bySeverity(problems).map((d) => ({
      severity: d.severity,
      message: d.message,
      parts: messageParts(d.message, entityLinker(catalog)),
      ruleId: d.ruleId,
      location: formatLocation(d.file, d.range.start),
    })),
    history: site.history,
    commits: commits.map(withDay),
    /** Each commit's subject, by sha, for the timeline's commit rows. */
    subjects: Object.fromEntries(commits.map((commit) => [commit.sha, commit.subject])),
    lastChanged: commits[0] ? withDay(commits[0]) : undefined,
    source: formatLocation(entity.source.file, { line: entity.source.line }),
  };
}
