// Lineage drawn at build time as inline SVG: data → features → model versions → deployments.
// One hop each way around an entity, and a wider view of a few hops; crowded columns collapse into
// "+N more", and the same information is always given as a table.

import type { CatalogReader } from '../catalog/catalog.js';
import { DEPENDENCY_RELATIONS } from '../catalog/queries.js';
import type { Entity } from '../model/entity.js';
import { compareStrings } from '../ground/diagnostics.js';
import { escapeXml, truncateLabel } from './svg.js';

export interface LineageNode {
  identity: string;
  label: string;
  kind: string;
  href: string;
  relation: string;
}

export interface Lineage {
  upstream: LineageNode[];
  downstream: LineageNode[];
  svg: string;
  /** Several hops each way, when that shows more than one hop does. */
  wider:
    | { hops: number; svg: string; total: number; nodes: (LineageNode & { direction: string; distance: number })[]; more: number }
    | undefined;
}

/** Relations drawn: the dependencies, plus an evaluation's link to what it evaluates. */
const FLOW = new Set([...DEPENDENCY_RELATIONS, 'evaluates']);
export const MAX_PER_COLUMN = 6;
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
export const WIDER_HOPS = 3;
/** Rows of the wider lineage table; a hub's neighbourhood must not make its page huge. */
export const MAX_WIDER_ROWS = 100;

function label(entity: Entity): string {
  return entity.version === undefined ? entity.name : `${entity.name}@${entity.version}`;
}

/**
 * Breadth-first, hop by hop: upstream follows what an entity depends on, downstream what depends on
 * it. Every relation crossed goes into `edges` as `dependent|dependency`, to draw between columns.
 */
function walk(
  catalog: CatalogReader,
  start: Entity,
  hops: number,
  direction: 'upstream' | 'downstream',
  href: (identity: string) => string,
  edges: Set<string>,
): LineageNode[][] {
  const seen = new Set([start.identity]);
  const levels: LineageNode[][] = [];
  let frontier = [start.identity];
  for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
    const next = new Map<string, LineageNode>();
    for (const identity of frontier) {
      const relations = direction === 'upstream' ? catalog.outgoing(identity) : catalog.incoming(identity);
      for (const relation of relations) {
        if (!FLOW.has(relation.type)) continue;
        const otherId = direction === 'upstream' ? relation.target : relation.source;
        const other = catalog.get(otherId);
        if (other === undefined) continue;
        edges.add(`${relation.source}|${relation.target}`);
        if (seen.has(otherId)) continue;
        next.set(otherId, {
          identity: otherId,
          label: label(other),
          kind: other.kind,
          href: href(otherId),
          relation: direction === 'upstream' ? relation.type : relation.inverse,
        });
      }
    }
    for (const id of next.keys()) seen.add(id);
    const level = [...next.values()].sort(
      (a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || compareStrings(a.label, b.label),
    );
    if (level.length === 0) break;
    levels.push(level);
    frontier = level.map((n) => n.identity);
  }
  return levels;
}

/** `href` gives a node's page from the site root; `root` leads from the current page to the root. */
export function lineageOf(catalog: CatalogReader, entity: Entity, href: (identity: string) => string, root: string): Lineage {
  const center: LineageNode = { identity: entity.identity, label: label(entity), kind: entity.kind, href: '', relation: '' };
  const edges = new Set<string>();
  const up = walk(catalog, entity, WIDER_HOPS, 'upstream', href, edges);
  const down = walk(catalog, entity, WIDER_HOPS, 'downstream', href, edges);
  const upstream = up[0] ?? [];
  const downstream = down[0] ?? [];
  if (upstream.length + downstream.length === 0) return { upstream, downstream, svg: '', wider: undefined };
  const oneHop = drawColumns(
    [upstream, [center], downstream],
    1,
    edges,
    root,
    `Lineage of ${entity.identity}: ${upstream.length} upstream, ${downstream.length} downstream`,
    'arrow',
  );
  if (up.length < 2 && down.length < 2) return { upstream, downstream, svg: oneHop, wider: undefined };
  const columns = [...[...up].reverse(), [center], ...down];
  const nodes = [
    ...up.flatMap((level, i) => level.map((n) => ({ ...n, direction: 'upstream', distance: i + 1 }))),
    ...down.flatMap((level, i) => level.map((n) => ({ ...n, direction: 'downstream', distance: i + 1 }))),
  ];
  const wider = drawColumns(
    columns,
    up.length,
    edges,
    root,
    `Lineage of ${entity.identity}, ${WIDER_HOPS} hops each way: ${nodes.length} entities`,
    'arrow-wider',
  );
  return {
    upstream,
    downstream,
    svg: oneHop,
    wider: {
      hops: WIDER_HOPS,
      svg: wider,
      total: nodes.length,
      nodes: nodes.slice(0, MAX_WIDER_ROWS),
      more: Math.max(0, nodes.length - MAX_WIDER_ROWS),
    },
  };
}

const BOX_WIDTH = 190;
const BOX_HEIGHT = 40;
const GAP = 12;
const COLUMN_GAP = 70;

/** Columns of boxes, left to right in the direction data flows, with edges between related neighbours. */
function drawColumns(
  columns: LineageNode[][],
  centerColumn: number,
  edges: ReadonlySet<string>,
  root: string,
  ariaLabel: string,
  markerId: string,
): string {
  const shown = columns.map((column) => (column.length > MAX_PER_COLUMN ? column.slice(0, MAX_PER_COLUMN - 1) : column));
  const hidden = columns.map((column, i) => column.length - (shown[i] as LineageNode[]).length);
  const slots = shown.map((column, i) => column.length + ((hidden[i] as number) > 0 ? 1 : 0));
  const height = Math.max(...slots) * (BOX_HEIGHT + GAP) + GAP;
  const width = columns.length * BOX_WIDTH + (columns.length - 1) * COLUMN_GAP + 2 * GAP;
  const x = (column: number) => GAP + column * (BOX_WIDTH + COLUMN_GAP);
  const y = (column: number, row: number) =>
    GAP + (height - GAP - (slots[column] as number) * (BOX_HEIGHT + GAP)) / 2 + row * (BOX_HEIGHT + GAP);
  const parts: string[] = [];

  // Edges first, so boxes cover their ends.
  for (let c = 0; c + 1 < shown.length; c++) {
    (shown[c] as LineageNode[]).forEach((left, i) => {
      (shown[c + 1] as LineageNode[]).forEach((right, j) => {
        if (!edges.has(`${right.identity}|${left.identity}`)) return;
        const [x1, y1, x2, y2] = [x(c) + BOX_WIDTH, y(c, i) + BOX_HEIGHT / 2, x(c + 1), y(c + 1, j) + BOX_HEIGHT / 2];
        parts.push(
          `<path class="edge" d="M${x1} ${y1} C${x1 + COLUMN_GAP / 2} ${y1}, ${x2 - COLUMN_GAP / 2} ${y2}, ${x2} ${y2}" marker-end="url(#${markerId})"/>`,
        );
      });
    });
  }
  shown.forEach((column, c) => {
    column.forEach((node, r) => {
      const top = y(c, r);
      const box = `<rect class="node node-${node.kind.toLowerCase()}${c === centerColumn ? ' node-center' : ''}" x="${x(c)}" y="${top}" width="${BOX_WIDTH}" height="${BOX_HEIGHT}" rx="6"/><text x="${x(c) + 10}" y="${top + 16}" class="node-kind">${escapeXml(node.kind)}</text><text x="${x(c) + 10}" y="${top + 32}" class="node-label">${escapeXml(truncateLabel(node.label))}</text>`;
      parts.push(
        c === centerColumn ? box : `<a href="${escapeXml(root + node.href)}"><title>${escapeXml(node.identity)}</title>${box}</a>`,
      );
    });
    if ((hidden[c] as number) > 0)
      parts.push(`<text x="${x(c) + 10}" y="${y(c, column.length) + 24}" class="node-more">+${hidden[c]} more (see the table)</text>`);
  });
  return `<svg class="lineage" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="group" aria-label="${escapeXml(ariaLabel)}"><defs><marker id="${markerId}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" class="arrow"/></marker></defs>${parts.join('')}</svg>`;
}
