// Metrics across a model's versions: a table and a small inline SVG line per metric, drawn so that
// "up" always means better (lower-is-better metrics are flipped), and the threshold as a dashed line.

import type { CatalogReader } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import { isRecord } from '../model/kinds.js';
import { sourcesOf } from '../catalog/queries.js';
import { escapeXml, round } from './svg.js';

export interface MetricTrend {
  name: string;
  higherIsBetter: boolean;
  threshold: number | undefined;
  /** One value per version, in version order; undefined where the version has no such metric. */
  values: (number | undefined)[];
  svg: string;
}

export interface VersionComparison {
  versions: string[];
  metrics: MetricTrend[];
}

const WIDTH = 160;
const HEIGHT = 40;
const PAD = 5;

export function compareVersions(catalog: CatalogReader, versions: readonly Entity[]): VersionComparison {
  const byMetric = new Map<string, { higherIsBetter: boolean; threshold: number | undefined; values: Map<number, number> }>();
  versions.forEach((version, index) => {
    for (const evaluation of sourcesOf(catalog, version, 'evaluates')) {
      for (const metric of Array.isArray(evaluation.spec.metrics) ? evaluation.spec.metrics : []) {
        if (!isRecord(metric) || typeof metric.name !== 'string' || typeof metric.value !== 'number' || metric.slice !== undefined)
          continue;
        const entry = byMetric.get(metric.name) ?? {
          higherIsBetter: metric.higherIsBetter !== false,
          threshold: typeof metric.threshold === 'number' ? metric.threshold : undefined,
          values: new Map(),
        };
        entry.values.set(index, metric.value);
        byMetric.set(metric.name, entry);
      }
    }
  });
  const metrics = [...byMetric]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, entry]) => {
      const values = versions.map((_, i) => entry.values.get(i));
      return {
        name,
        higherIsBetter: entry.higherIsBetter,
        threshold: entry.threshold,
        values,
        svg: sparkline(name, values, entry.higherIsBetter, entry.threshold),
      };
    });
  return { versions: versions.map((v) => v.version ?? v.name), metrics };
}

function sparkline(name: string, values: (number | undefined)[], higherIsBetter: boolean, threshold: number | undefined): string {
  const known = values.flatMap((v, i) => (v === undefined ? [] : [[i, v] as const]));
  if (known.length === 0) return '';
  const all = [...known.map(([, v]) => v), ...(threshold === undefined ? [] : [threshold])];
  const min = Math.min(...all);
  const max = Math.max(...all);
  const span = max - min || 1;
  const x = (i: number) => PAD + (values.length === 1 ? (WIDTH - 2 * PAD) / 2 : (i * (WIDTH - 2 * PAD)) / (values.length - 1));
  // Better is up: for lower-is-better metrics the axis is flipped.
  const y = (v: number) => {
    const t = (v - min) / span;
    return PAD + (higherIsBetter ? 1 - t : t) * (HEIGHT - 2 * PAD);
  };
  const line = known.map(([i, v], k) => `${k === 0 ? 'M' : 'L'}${round(x(i))} ${round(y(v))}`).join(' ');
  const dots = known.map(([i, v]) => `<circle cx="${round(x(i))}" cy="${round(y(v))}" r="2.5"/>`).join('');
  const thresholdLine =
    threshold === undefined
      ? ''
      : `<line class="threshold" x1="${PAD}" x2="${WIDTH - PAD}" y1="${round(y(threshold))}" y2="${round(y(threshold))}"/>`;
  const label = `${name} across versions: ${known.map(([, v]) => `${v}`).join(', ')}; ${higherIsBetter ? 'higher' : 'lower'} is better${threshold === undefined ? '' : `; threshold ${threshold}`}`;
  return `<svg class="trend" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeXml(label)}">${thresholdLine}<path d="${line}"/>${dots}</svg>`;
}
