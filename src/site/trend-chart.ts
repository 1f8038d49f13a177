// Metrics across a model's versions: a table and a small inline SVG line per metric (per dataset and
// slice when a metric is evaluated on several), drawn so that "up" always means better (lower-is-better
// metrics are flipped, and each line says whether it got better or worse), the threshold dashed.

import type { CatalogReader } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import { isRecord } from '../model/kinds.js';
import { sourcesOf, targetsOf } from '../catalog/queries.js';
import { escapeXml, round } from './svg.js';
import { text } from './kinds/sections.js';
import { extent } from '../ground/collections.js';

/** From the first version that has a metric to the last: better, worse or unchanged (in the metric's own direction). */
export type TrendVerdict = 'better' | 'worse' | 'unchanged' | '';

export interface MetricTrend {
  name: string;
  /** The slice and the dataset (by name, across its versions) the metric was evaluated on, where several are. */
  slice: string | undefined;
  dataset: string | undefined;
  verdict: TrendVerdict;
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

interface MetricSeries {
  name: string;
  slice: string | undefined;
  dataset: string | undefined;
  higherIsBetter: boolean;
  threshold: number | undefined;
  values: Map<number, number>;
}

export function compareVersions(catalog: CatalogReader, versions: readonly Entity[]): VersionComparison {
  // One series per metric, slice and dataset: a version evaluated on 62 languages has 62 series, not the last one.
  const series = new Map<string, MetricSeries>();
  versions.forEach((version, index) => {
    for (const evaluation of sourcesOf(catalog, version, 'evaluates')) {
      const dataset = targetsOf(catalog, evaluation, 'evaluatedOn')[0]?.name;
      for (const metric of Array.isArray(evaluation.spec.metrics) ? evaluation.spec.metrics : []) {
        if (!isRecord(metric) || typeof metric.name !== 'string' || typeof metric.value !== 'number') continue;
        const slice = metric.slice === undefined || metric.slice === null ? undefined : text(metric.slice);
        const key = JSON.stringify([metric.name, slice ?? null, dataset ?? null]);
        const entry = series.get(key) ?? {
          name: metric.name,
          slice,
          dataset,
          higherIsBetter: metric.higherIsBetter !== false,
          threshold: typeof metric.threshold === 'number' ? metric.threshold : undefined,
          values: new Map(),
        };
        entry.values.set(index, metric.value);
        series.set(key, entry);
      }
    }
  });
  // Where a metric has one series, its row is named by the metric alone.
  const perName = new Map<string, number>();
  for (const entry of series.values()) perName.set(entry.name, (perName.get(entry.name) ?? 0) + 1);
  const metrics = [...series.values()]
    .sort((a, b) => compareKey(a.name, b.name) || compareKey(a.dataset ?? '', b.dataset ?? '') || compareKey(a.slice ?? '', b.slice ?? ''))
    .map((entry) => {
      const values = versions.map((_, i) => entry.values.get(i));
      const several = (perName.get(entry.name) ?? 0) > 1;
      return {
        name: entry.name,
        slice: several ? entry.slice : undefined,
        dataset: several ? entry.dataset : undefined,
        verdict: verdictOf(values, entry.higherIsBetter),
        higherIsBetter: entry.higherIsBetter,
        threshold: entry.threshold,
        values,
        svg: sparkline(entry.name, values, entry.higherIsBetter, entry.threshold),
      };
    });
  return { versions: versions.map((v) => v.version ?? v.name), metrics };
}

const compareKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function verdictOf(values: readonly (number | undefined)[], higherIsBetter: boolean): TrendVerdict {
  const known = values.filter((v): v is number => v !== undefined);
  const first = known[0];
  const last = known.at(-1);
  if (first === undefined || last === undefined || known.length < 2) return '';
  if (first === last) return 'unchanged';
  return last > first === higherIsBetter ? 'better' : 'worse';
}

function sparkline(name: string, values: (number | undefined)[], higherIsBetter: boolean, threshold: number | undefined): string {
  const known = values.flatMap((v, i) => (v === undefined ? [] : [[i, v] as const]));
  if (known.length === 0) return '';
  const all = [...known.map(([, v]) => v), ...(threshold === undefined ? [] : [threshold])];
  const { min, max } = extent(all);
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
