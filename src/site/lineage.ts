// Lineage drawn at build time as inline SVG: data → features → model versions → deployments,
// one hop each way around an entity; crowded columns collapse into "+N more".

import type { Catalog } from '../catalog/catalog.js';
import type { Entity } from '../catalog/entity.js';
import { compareStrings } from '../diagnostics.js';
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
}

/** Relations that carry data or models forward, seen from the dependent side. */
const FLOW = new Set(['trainedOn', 'usesFeatures', 'sourcedFrom', 'derivedFrom', 'versionOf', 'deploys', 'evaluatedOn', 'evaluates', 'runsOn', 'basedOn']);
export const MAX_PER_COLUMN = 6;

function label(entity: Entity): string {
  return entity.version === undefined ? entity.name : `${entity.name}@${entity.version}`;
}

/** `href` gives a node's page from the site root; `root` leads from the current page to the root. */
export function lineageOf(catalog: Catalog, entity: Entity, href: (identity: string) => string, root: string): Lineage {
  const node = (other: Entity, relation: string): LineageNode => ({ identity: other.identity, label: label(other), kind: other.kind, href: href(other.identity), relation });
  const unique = (nodes: LineageNode[]) => [...new Map(nodes.map((n) => [n.identity, n])).values()].sort((a, b) => compareStrings(a.kind, b.kind) || compareStrings(a.label, b.label));
  const upstream = unique(
    catalog.outgoing(entity.identity).flatMap((r) => {
      const other = catalog.get(r.target);
      return FLOW.has(r.type) && other ? [node(other, r.type)] : [];
    }),
  );
  const downstream = unique(
    catalog.incoming(entity.identity).flatMap((r) => {
      const other = catalog.get(r.source);
      return FLOW.has(r.type) && other ? [node(other, r.inverse)] : [];
    }),
  );
  return { upstream, downstream, svg: upstream.length + downstream.length === 0 ? '' : drawLineage(entity, upstream, downstream, root) };
}

const BOX_WIDTH = 190;
const BOX_HEIGHT = 40;
const GAP = 12;
const COLUMN_GAP = 70;

function drawLineage(center: Entity, upstream: LineageNode[], downstream: LineageNode[], root: string): string {
  const columns = [upstream, [{ identity: center.identity, label: label(center), kind: center.kind, href: '', relation: '' }], downstream];
  const shown = columns.map((column) => (column.length > MAX_PER_COLUMN ? column.slice(0, MAX_PER_COLUMN - 1) : column));
  const hidden = columns.map((column, i) => column.length - (shown[i] as LineageNode[]).length);
  const rows = Math.max(...shown.map((column, i) => column.length + ((hidden[i] as number) > 0 ? 1 : 0)));
  const height = rows * (BOX_HEIGHT + GAP) + GAP;
  const width = 3 * BOX_WIDTH + 2 * COLUMN_GAP + 2 * GAP;
  const x = (column: number) => GAP + column * (BOX_WIDTH + COLUMN_GAP);
  const y = (row: number, count: number) => GAP + (height - GAP - count * (BOX_HEIGHT + GAP)) / 2 + row * (BOX_HEIGHT + GAP);
  const centerY = y(0, 1) + BOX_HEIGHT / 2;
  const parts: string[] = [];

  shown.forEach((column, c) => {
    const count = column.length + ((hidden[c] as number) > 0 ? 1 : 0);
    column.forEach((node, r) => {
      const top = y(r, count);
      if (c !== 1) {
        const [x1, x2] = c === 0 ? [x(0) + BOX_WIDTH, x(1)] : [x(1) + BOX_WIDTH, x(2)];
        const [y1, y2] = c === 0 ? [top + BOX_HEIGHT / 2, centerY] : [centerY, top + BOX_HEIGHT / 2];
        parts.push(`<path class="edge" d="M${x1} ${y1} C${x1 + COLUMN_GAP / 2} ${y1}, ${x2 - COLUMN_GAP / 2} ${y2}, ${x2} ${y2}" marker-end="url(#arrow)"/>`);
      }
      const box = `<rect class="node node-${node.kind.toLowerCase()}${c === 1 ? ' node-center' : ''}" x="${x(c)}" y="${top}" width="${BOX_WIDTH}" height="${BOX_HEIGHT}" rx="6"/><text x="${x(c) + 10}" y="${top + 16}" class="node-kind">${escapeXml(node.kind)}</text><text x="${x(c) + 10}" y="${top + 32}" class="node-label">${escapeXml(truncateLabel(node.label))}</text>`;
      parts.push(c === 1 ? box : `<a href="${escapeXml(root + node.href)}"><title>${escapeXml(node.identity)}</title>${box}</a>`);
    });
    if ((hidden[c] as number) > 0) {
      const top = y(column.length, count);
      parts.push(`<text x="${x(c) + 10}" y="${top + 24}" class="node-more">+${hidden[c]} more (see the table)</text>`);
    }
  });
  return `<svg class="lineage" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="group" aria-label="Lineage of ${escapeXml(center.identity)}: ${upstream.length} upstream, ${downstream.length} downstream"><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" class="arrow"/></marker></defs>${parts.join('')}</svg>`;
}
