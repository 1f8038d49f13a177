// The lineage explorer's data, made at build time: the chain an entity is part of (data → features →
// model versions → deployments), a few hops each way, in columns from where data comes from to where
// it goes. A Model's chain is its versions'. Crowded columns show their first entities and collapse
// the rest; the entities at the walk's edge can be expanded hop by hop in the browser, from the small
// JSON of their neighbours each entity's pages write (`lineageJson`).

import type { CatalogReader } from '../catalog/catalog.js';
import { DEPENDENCY_RELATIONS, modelVersionsOf } from '../catalog/queries.js';
import { compareStrings } from '../ground/diagnostics.js';
import type { Entity } from '../model/entity.js';
import { pathOfIdentity } from './urls.js';

export interface LineageNode {
  identity: string;
  label: string;
  kind: string;
  href: string;
  /** The relation that leads to it from the column nearer the centre (`trainedOn`, `deployedBy` ...). */
  relation: string;
  /** The identities of the shown entities it depends on, to draw an edge from each. */
  deps: string;
  /** Whether the browser may expand it a hop further (`up` or `down`): it is at the edge of the walk. */
  expand?: 'up' | 'down';
  /** The page's own entity (not a link). */
  current?: true;
}

export interface LineageColumn {
  heading: string;
  /** Hops from the centre: negative upstream, 0 the centre, positive downstream. */
  distance: number;
  nodes: LineageNode[];
  /** Entities collapsed under "+N more". */
  hidden: LineageNode[];
  /** Entities beyond those, listed only under Relations. */
  unlisted: number;
  /** How many "+N more" stands for: the hidden and the unlisted. */
  more: number;
}

export interface Lineage {
  columns: LineageColumn[];
  /** Entities in the chain besides the centre. */
  total: number;
  summary: string;
}

/** Relations drawn: the dependencies, plus an evaluation's link to what it evaluates. */
const FLOW = new Set([...DEPENDENCY_RELATIONS, 'evaluates']);
/** Hops each way the page shows; the browser expands the rest. */
export const LINEAGE_HOPS = 3;
/** Entities a column shows before "+N more", and at most under it (a hub's page must stay small). */
export const SHOWN_PER_COLUMN = 6;
export const HIDDEN_PER_COLUMN = 40;
/** Neighbours each way an entity's lineage JSON lists. */
export const JSON_NEIGHBOURS = 200;
/** Within a column, the main flow first; evaluations and runtimes, side branches, last. */
const KIND_ORDER: Readonly<Record<string, number>> = {
  Dataset: 0,
  FeatureView: 1,
  Model: 2,
  ModelVersion: 3,
  Deployment: 4,
  RuntimeConfig: 5,
  Evaluation: 6,
  Team: 7,
  Term: 8,
};

const labelOf = (entity: Entity) => (entity.version === undefined ? entity.name : `${entity.name}@${entity.version}`);
const byFlow = (a: { kind: string; label: string }, b: { kind: string; label: string }) =>
  (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || compareStrings(a.label, b.label);

/** The path of an entity's lineage JSON, from its identity: `lineage/dataset/default/x@1.json`. */
export const lineageJsonPath = (identity: string) => `lineage/${pathOfIdentity(identity).slice('entity/'.length, -'.html'.length)}.json`;

interface Neighbour {
  identity: string;
  entity: Entity;
  relation: string;
  /** `dependent|dependency`. */
  edge: string;
}

/** An entity's neighbours one hop upstream (what it depends on) or downstream (what depends on it). */
function neighbours(catalog: CatalogReader, identity: string, direction: 'up' | 'down', skip: ReadonlySet<string>): Neighbour[] {
  const relations = direction === 'up' ? catalog.outgoing(identity) : catalog.incoming(identity);
  return relations.flatMap((relation) => {
    if (!FLOW.has(relation.type) || skip.has(relation.type)) return [];
    const other = direction === 'up' ? relation.target : relation.source;
    const entity = catalog.get(other);
    return entity === undefined
      ? []
      : [
          {
            identity: other,
            entity,
            relation: direction === 'up' ? relation.type : relation.inverse,
            edge: `${relation.source}|${relation.target}`,
          },
        ];
  });
}

/** Breadth-first from the centre, hop by hop; every relation crossed goes into `edges`. */
function walk(catalog: CatalogReader, centre: readonly Entity[], direction: 'up' | 'down', edges: Set<string>, skip: ReadonlySet<string>) {
  const seen = new Set(centre.map((e) => e.identity));
  const levels: Omit<LineageNode, 'deps'>[][] = [];
  let frontier = [...seen];
  for (let hop = 0; hop < LINEAGE_HOPS && frontier.length > 0; hop++) {
    const next = new Map<string, Omit<LineageNode, 'deps'>>();
    for (const identity of frontier)
      for (const n of neighbours(catalog, identity, direction, skip)) {
        edges.add(n.edge);
        if (seen.has(n.identity) || next.has(n.identity)) continue;
        next.set(n.identity, {
          identity: n.identity,
          label: labelOf(n.entity),
          kind: n.entity.kind,
          href: pathOfIdentity(n.identity),
          relation: n.relation,
        });
      }
    for (const id of next.keys()) seen.add(id);
    if (next.size === 0) break;
    levels.push([...next.values()].sort(byFlow));
    frontier = [...next.keys()];
  }
  // The last level may go on: its entities can be expanded in the browser.
  if (levels.length === LINEAGE_HOPS) for (const node of levels.at(-1) ?? []) node.expand = direction;
  return levels;
}

const hopsHeading = (direction: string, hops: number) => `${direction} · ${hops} ${hops === 1 ? 'hop' : 'hops'}`;

function column(heading: string, distance: number, nodes: LineageNode[]): LineageColumn {
  const collapse = nodes.length > SHOWN_PER_COLUMN;
  const shown = collapse ? nodes.slice(0, SHOWN_PER_COLUMN - 1) : nodes;
  const hidden = collapse ? nodes.slice(SHOWN_PER_COLUMN - 1, SHOWN_PER_COLUMN - 1 + HIDDEN_PER_COLUMN) : [];
  return {
    heading,
    distance,
    nodes: shown,
    hidden,
    unlisted: nodes.length - shown.length - hidden.length,
    more: nodes.length - shown.length,
  };
}

/**
 * The chain around an entity, in columns; undefined when it has none. A Model's centre is its
 * versions (its data is theirs, and so are its deployments).
 */
export function lineageOf(catalog: CatalogReader, entity: Entity): Lineage | undefined {
  const versions = entity.kind === 'Model' ? modelVersionsOf(catalog, entity) : [];
  const centre = versions.length > 0 ? versions : [entity];
  // From a model's versions, the chain leaves the model out: it is the page.
  const skip = new Set(versions.length > 0 ? ['versionOf'] : []);
  const edges = new Set<string>();
  const up = walk(catalog, centre, 'up', edges, skip);
  const down = walk(catalog, centre, 'down', edges, skip);
  const total = up.flat().length + down.flat().length;
  if (total === 0) return undefined;
  const dependencies = new Map<string, string[]>();
  for (const edge of edges) {
    const [dependent = '', dependency = ''] = edge.split('|');
    dependencies.set(dependent, [...(dependencies.get(dependent) ?? []), dependency]);
  }
  const withDeps = (node: Omit<LineageNode, 'deps'>): LineageNode => ({ ...node, deps: (dependencies.get(node.identity) ?? []).join(' ') });
  const centreNodes = centre
    .map((e) => ({
      ...withDeps({ identity: e.identity, label: labelOf(e), kind: e.kind, href: pathOfIdentity(e.identity), relation: '' }),
      ...(e === entity ? { current: true as const } : {}),
    }))
    .sort(byFlow);
  const columns = [
    ...up.map((level, i) => column(hopsHeading('Upstream', i + 1), -(i + 1), level.map(withDeps))).reverse(),
    column(versions.length > 0 ? 'Versions of this model' : 'This entity', 0, centreNodes),
    ...down.map((level, i) => column(hopsHeading('Downstream', i + 1), i + 1, level.map(withDeps))),
  ];
  // Edges to entities not on the page are left out: a hub's page would list thousands.
  const listed = new Set(columns.flatMap((c) => [...c.nodes, ...c.hidden].map((n) => n.identity)));
  for (const c of columns)
    for (const node of [...c.nodes, ...c.hidden])
      node.deps = node.deps
        .split(' ')
        .filter((id) => listed.has(id))
        .join(' ');
  return {
    columns,
    total,
    summary: `${up.flat().length} upstream and ${down.flat().length} downstream within ${LINEAGE_HOPS} hops`,
  };
}

/** An entity's neighbours each way, as the explorer expands them: `[identity, label, kind, relation]`. */
export function lineageJson(catalog: CatalogReader, entity: Entity): string | undefined {
  const side = (direction: 'up' | 'down') => {
    const unique = new Map(neighbours(catalog, entity.identity, direction, new Set()).map((n) => [n.identity, n]));
    return [...unique.values()]
      .map((n) => ({ identity: n.identity, label: labelOf(n.entity), kind: n.entity.kind, relation: n.relation }))
      .sort(byFlow);
  };
  const up = side('up');
  const down = side('down');
  if (up.length + down.length === 0) return undefined;
  const compact = (nodes: typeof up) => nodes.slice(0, JSON_NEIGHBOURS).map((n) => [n.identity, n.label, n.kind, n.relation]);
  return JSON.stringify({
    up: compact(up),
    down: compact(down),
    more: { up: Math.max(0, up.length - JSON_NEIGHBOURS), down: Math.max(0, down.length - JSON_NEIGHBOURS) },
  });
}
