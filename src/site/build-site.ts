// `dossier build`: the static catalog site. Every page is rendered at build time from precomputed
// views; the browser only fetches search shards. Same input and commit, same bytes.

import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Catalog, CompileResult } from '../catalog/catalog.js';
import { displayName, type Entity } from '../model/entity.js';
import { isRecord, KINDS, KIND_INFO } from '../model/kinds.js';
import { UsageError } from '../ground/errors.js';
import { compareStrings, countDiagnostics, type Diagnostic } from '../ground/diagnostics.js';
import { TEMPLATES_DIR } from '../ground/package-root.js';
import { ownerOf, stageOf } from '../catalog/queries.js';
import { stableStringify } from '../ground/stable-json.js';
import { NO_HISTORY, type Commit, type History } from '../git/history.js';
import { kindSections } from './kind-views.js';
import { lineageOf } from './lineage.js';
import { renderMarkdown } from './markdown.js';
import { buildSearchIndex } from './search-index.js';
import { loadSiteTemplates, type SiteTemplates } from './site-templates.js';
import { entityPath, pathOfIdentity, rootPrefix, slugPath } from './urls.js';
import { groupBy } from '../ground/collections.js';
import { displayValue } from '../ground/display-value.js';

export const SITE_MARKER = '.dossier-site';
const PAGE_SIZE = 200;
const INDEX_PAGE_SIZE = 500;
const RELATION_PREVIEW = 50;
const MAX_PROBLEM_ROWS = 2000;

export interface BuildOptions {
  outDir: string;
  title?: string;
  /** Absolute URL the site is served from, for canonical links; all links stay relative. */
  baseUrl?: string;
  templatesDir?: string;
  history?: History;
  version: string;
  /** Called after each batch of pages, for progress. */
  onProgress?: (done: number, total: number) => void;
}

interface Row {
  path: string;
  label: string;
  title: string;
  kind: string;
  owner: string;
  ownerName: string;
  lifecycle: string;
  stage: string;
  tags: string;
}

const PLURAL: Record<string, string> = {
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

const day = (iso: string) => iso.slice(0, 10);
const withDay = (commit: Commit) => ({ ...commit, day: day(commit.date) });
const labelOf = (e: Entity) => (e.version === undefined ? e.name : `${e.name}@${e.version}`);

class SiteWriter {
  readonly dir: string;
  count = 0;
  constructor(dir: string) {
    this.dir = dir;
  }
  write(relativePath: string, content: string): void {
    const full = path.join(this.dir, relativePath);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
    this.count++;
  }
}

export function buildSite(result: CompileResult, options: BuildOptions): { pages: number; outDir: string } {
  const { catalog, diagnostics } = result;
  const history = options.history ?? NO_HISTORY;
  const templates = loadSiteTemplates(options.templatesDir);
  const outDir = path.resolve(options.outDir);
  guardOutputFolder(outDir);
  const staging = `${outDir}.${randomBytes(4).toString('hex')}.tmp`;
  const writer = new SiteWriter(staging);
  try {
    const rows = new Map(catalog.entities.map((e) => [e.identity, rowOf(catalog, e)]));
    const problemsByEntity = groupBy(
      diagnostics.filter((d) => d.entity !== undefined),
      (d) => d.entity as string,
    );
    const site = {
      title: options.title ?? 'Dossier catalog',
      version: options.version,
      commit: history.recent[0]?.shortSha ?? '',
      problemCount: diagnostics.length,
      kinds: KINDS.map((kind) => ({ kind, plural: PLURAL[kind], path: `kinds/${KIND_INFO[kind].slug}.html` })),
      canonical: '',
    };
    const page = (pagePath: string, title: string, template: Parameters<SiteTemplates['render']>[0], context: object) => {
      const root = rootPrefix(pagePath);
      const canonical = options.baseUrl ? `${options.baseUrl.replace(/\/?$/, '/')}${pagePath}` : '';
      const body = templates.render(template, { ...context, root, site: { ...site, canonical } });
      writer.write(pagePath, templates.render('layout', { title, root, body, site: { ...site, canonical } }));
    };

    writeHome(catalog, result, history, page);
    const total = catalog.entities.length;
    catalog.entities.forEach((entity, index) => {
      writeEntityPage(catalog, entity, rows, problemsByEntity.get(entity.identity) ?? [], history, page);
      if (index % 500 === 499) options.onProgress?.(index + 1, total);
    });
    for (const kind of KINDS) {
      const members = catalog.entities.filter((e) => e.kind === kind).map((e) => rows.get(e.identity) as Row);
      writeListPages(
        `kinds/${KIND_INFO[kind].slug}`,
        PLURAL[kind] as string,
        `${members.length} ${(PLURAL[kind] as string).toLowerCase()}.`,
        members,
        page,
      );
    }
    writeFacetPages(catalog, rows, page);
    writeProblems(catalog, diagnostics, page);
    writeSearchIndex(catalog, writer);
    cpSync(path.join(TEMPLATES_DIR, 'site', 'assets'), path.join(staging, 'assets'), { recursive: true });
    if (options.templatesDir && existsSync(path.join(options.templatesDir, 'assets')))
      cpSync(path.join(options.templatesDir, 'assets'), path.join(staging, 'assets'), { recursive: true });
    writer.write(SITE_MARKER, 'This folder is generated by `dossier build`; it is replaced on every build.\n');
    // Swap in the new site only once it is complete.
    rmSync(outDir, { recursive: true, force: true });
    renameSync(staging, outDir);
    return { pages: writer.count, outDir };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Never delete a folder Dossier did not make. */
function guardOutputFolder(outDir: string): void {
  if (!existsSync(outDir)) return;
  const entries = readdirSync(outDir);
  if (entries.length > 0 && !entries.includes(SITE_MARKER)) {
    throw new UsageError(
      `${outDir} exists and was not made by \`dossier build\`; not replacing it. Choose another --out, or empty the folder.`,
    );
  }
}

function rowOf(catalog: Catalog, entity: Entity): Row {
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
    tags: (Array.isArray(entity.metadata.tags) ? entity.metadata.tags : []).join(' '),
  };
}

type Page = (pagePath: string, title: string, template: Parameters<SiteTemplates['render']>[0], context: object) => void;

function countBy(values: readonly string[]): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => compareStrings(a, b)).map(([name, count]) => ({ name, count }));
}

function writeHome(catalog: Catalog, result: CompileResult, history: History, page: Page): void {
  const byFile = groupBy(catalog.entities, (e) => e.source.file);
  page('index.html', 'Home', 'home', {
    total: catalog.entities.length,
    fileCount: result.fileCount,
    kinds: KINDS.map((kind) => ({
      plural: PLURAL[kind],
      path: `kinds/${KIND_INFO[kind].slug}.html`,
      count: catalog.entities.filter((e) => e.kind === kind).length,
    })),
    lifecycles: countBy(catalog.entities.map((e) => e.lifecycle)),
    stages: countBy(catalog.entities.filter((e) => e.kind === 'ModelVersion').map(stageOf)),
    problems: { ...countDiagnostics(result.diagnostics), total: result.diagnostics.length },
    history,
    recent: history.recent.map((commit) => ({
      ...withDay(commit),
      entities: commit.files
        .flatMap((file) => byFile.get(file) ?? [])
        .slice(0, 8)
        .map((e) => ({ path: entityPath(e), label: `${e.kind} ${labelOf(e)}` })),
    })),
  });
}

function writeEntityPage(
  catalog: Catalog,
  entity: Entity,
  rows: Map<string, Row>,
  problems: Diagnostic[],
  history: History,
  page: Page,
): void {
  const path_ = entityPath(entity);
  const owner = ownerOf(catalog, entity);
  const ownerEntity = owner === undefined ? undefined : catalog.get(owner);
  const deprecation = isRecord(entity.metadata.deprecation) ? entity.metadata.deprecation : undefined;
  const replacement = catalog.outgoing(entity.identity).find((r) => r.type === 'replacedBy');
  const replacementEntity = replacement ? catalog.get(replacement.target) : undefined;
  const commits = history.byFile.get(entity.source.file) ?? [];
  const related = (type: 'classifiedAs') =>
    catalog
      .outgoing(entity.identity)
      .filter((r) => r.type === type && r.pointer[0] === 'metadata')
      .flatMap((r) => {
        const e = catalog.get(r.target);
        return e ? [{ path: entityPath(e), label: e.name }] : [];
      });

  const groups = groupBy(
    [
      ...catalog.outgoing(entity.identity).map((r) => ({ label: r.type, other: r.target, member: r.member })),
      ...catalog.incoming(entity.identity).map((r) => ({ label: r.inverse, other: r.source, member: r.member })),
    ],
    (r) => r.label,
  );
  const relations = [...groups]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([label, items]) => {
      const unique = [...new Map(items.map((i) => [`${i.other}#${i.member ?? ''}`, i])).values()];
      const entities = unique.flatMap((i) => {
        const e = catalog.get(i.other);
        return e ? [{ path: entityPath(e), label: labelOf(e), kind: e.kind, member: i.member }] : [];
      });
      const morePath = `relations/${entity.kindSlug}/${entity.namespace}/${slugPath(labelOf(entity))}/${label}`;
      if (entities.length > RELATION_PREVIEW) {
        const listed = [...new Set(unique.map((i) => i.other))].flatMap((id) => (rows.get(id) ? [rows.get(id) as Row] : []));
        writeListPages(morePath, `${label}: ${labelOf(entity)}`, `${listed.length} entities.`, listed, page);
      }
      return {
        label,
        count: entities.length,
        items: entities.slice(0, RELATION_PREVIEW),
        more: entities.length > RELATION_PREVIEW ? { path: `${morePath}.html` } : undefined,
      };
    });
  const lineage = lineageOf(catalog, entity, (identity) => pathOfIdentity(identity), rootPrefix(path_));

  page(path_, `${entity.kind} ${labelOf(entity)}`, 'entity', {
    identity: entity.identity,
    kind: entity.kind,
    kindSlug: entity.kindSlug,
    version: entity.version,
    title: displayName(entity),
    lifecycle: entity.lifecycle,
    stage: entity.kind === 'ModelVersion' ? stageOf(entity) : '',
    owner: ownerEntity ? { path: entityPath(ownerEntity), label: displayName(ownerEntity) } : undefined,
    tags: (Array.isArray(entity.metadata.tags) ? entity.metadata.tags : []).map((tag) => ({
      label: String(tag),
      path: `tags/${slugPath(String(tag))}.html`,
    })),
    terms: related('classifiedAs'),
    deprecation: deprecation
      ? {
          reason: typeof deprecation.reason === 'string' ? deprecation.reason : '',
          sunset: deprecation.sunset,
          replacement: replacementEntity ? { path: entityPath(replacementEntity), label: labelOf(replacementEntity) } : undefined,
        }
      : undefined,
    descriptionHtml: renderMarkdown(entity.metadata.description),
    sections: kindSections(catalog, entity),
    lineage: lineage.svg === '' ? undefined : lineage,
    relations,
    problems: problems.map((d) => ({
      severity: d.severity,
      message: d.message,
      ruleId: d.ruleId,
      location: `${d.file}:${d.range.start.line + 1}:${d.range.start.column + 1}`,
    })),
    history,
    commits: commits.map(withDay),
    lastChanged: commits[0] ? withDay(commits[0]) : undefined,
    source: `${entity.source.file}:${entity.source.line + 1}`,
  });
}

function filtersFor(rows: readonly Row[]) {
  const options = (values: string[]) => [...new Set(values.filter((v) => v !== ''))].sort(compareStrings);
  return [
    { label: 'Kind', field: 'kind', options: options(rows.map((r) => r.kind)) },
    { label: 'Owner', field: 'owner', options: options(rows.map((r) => r.owner)) },
    { label: 'Tag', field: 'tags', options: options(rows.flatMap((r) => r.tags.split(' '))) },
    { label: 'Lifecycle', field: 'lifecycle', options: options(rows.map((r) => r.lifecycle)) },
    { label: 'Stage', field: 'stage', options: options(rows.map((r) => r.stage)) },
  ].filter((f) => f.options.length > 1);
}

function writeListPages(basePath: string, heading: string, intro: string, rows: readonly Row[], page: Page): void {
  const pageCount = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const pathOf = (n: number) => `${basePath}${n === 1 ? '' : `-${n}`}.html`;
  for (let n = 1; n <= pageCount; n++) {
    const slice = rows.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE);
    page(pathOf(n), pageCount === 1 ? heading : `${heading} (page ${n})`, 'list', {
      heading: pageCount === 1 ? heading : `${heading} — page ${n} of ${pageCount}`,
      intro,
      rows: slice,
      filters: filtersFor(slice),
      pages:
        pageCount === 1
          ? undefined
          : Array.from({ length: pageCount }, (_, i) => ({ number: i + 1, path: pathOf(i + 1), current: i + 1 === n })),
    });
  }
}

function writeFacetPages(catalog: Catalog, rows: Map<string, Row>, page: Page): void {
  const byTag = groupBy(
    catalog.entities.flatMap((e) =>
      (Array.isArray(e.metadata.tags) ? e.metadata.tags : []).map((tag) => ({ tag: String(tag), row: rows.get(e.identity) as Row })),
    ),
    (x) => x.tag,
  );
  const tags = [...byTag.keys()].sort(compareStrings);
  for (const tag of tags)
    writeListPages(
      `tags/${slugPath(tag)}`,
      `#${tag}`,
      `Entities tagged ${tag}.`,
      (byTag.get(tag) ?? []).map((x) => x.row),
      page,
    );
  writeIndexPages(
    'tags',
    'Tags',
    'Tag',
    tags.map((tag) => ({ label: `#${tag}`, path: `tags/${slugPath(tag)}.html`, count: byTag.get(tag)?.length ?? 0 })),
    page,
  );

  const byOwner = groupBy(
    [...rows.values()].filter((r) => r.owner !== ''),
    (r) => r.owner,
  );
  const owners = [...byOwner.keys()].sort(compareStrings);
  const items = owners.map((owner) => {
    const team = catalog.get(owner);
    const label = team ? displayName(team) : owner;
    const listPath = `owners/${slugPath(owner.replace(':', '-').replace('/', '-'))}`;
    writeListPages(
      listPath,
      `Owned by ${label}`,
      `${byOwner.get(owner)?.length ?? 0} entities owned by ${owner}.`,
      byOwner.get(owner) ?? [],
      page,
    );
    return { label, path: `${listPath}.html`, count: byOwner.get(owner)?.length ?? 0 };
  });
  writeIndexPages('owners', 'Owners', 'Owner', items, page);
}

/** `owners.html`, `owners-2.html` ...: index lists in pages small enough to load at 100k entities. */
function writeIndexPages(
  basePath: string,
  heading: string,
  column: string,
  items: readonly { label: string; path: string; count: number }[],
  page: Page,
): void {
  const pageCount = Math.max(1, Math.ceil(items.length / INDEX_PAGE_SIZE));
  const pathOf = (n: number) => `${basePath}${n === 1 ? '' : `-${n}`}.html`;
  for (let n = 1; n <= pageCount; n++) {
    page(pathOf(n), pageCount === 1 ? heading : `${heading} (page ${n})`, 'index-list', {
      heading: pageCount === 1 ? heading : `${heading} — page ${n} of ${pageCount}`,
      column,
      items: items.slice((n - 1) * INDEX_PAGE_SIZE, n * INDEX_PAGE_SIZE),
      pages:
        pageCount === 1
          ? undefined
          : Array.from({ length: pageCount }, (_, i) => ({ number: i + 1, path: pathOf(i + 1), current: i + 1 === n })),
    });
  }
}

function writeProblems(catalog: Catalog, diagnostics: readonly Diagnostic[], page: Page): void {
  const rows = diagnostics.slice(0, MAX_PROBLEM_ROWS).map((d) => {
    const entity = d.entity === undefined ? undefined : catalog.get(d.entity);
    return {
      severity: d.severity,
      message: d.message,
      hint: d.hint,
      ruleId: d.ruleId,
      entity: d.entity,
      path: entity ? entityPath(entity) : '',
      location: `${d.file}:${d.range.start.line + 1}:${d.range.start.column + 1}`,
    };
  });
  page('problems.html', 'Problems', 'problems', {
    counts: countDiagnostics(diagnostics),
    rows,
    omitted: Math.max(0, diagnostics.length - MAX_PROBLEM_ROWS),
  });
}

function writeSearchIndex(catalog: Catalog, writer: SiteWriter): void {
  const index = buildSearchIndex(catalog);
  writer.write('search/manifest.json', stableStringify(index.manifest, 0));
  for (const [key, shard] of index.shards) writer.write(`search/${key}.json`, JSON.stringify(shard));
}
