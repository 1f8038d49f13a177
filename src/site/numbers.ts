// Numbers as the site shows them, the same on every machine: thousands grouped with commas (not the
// build machine's locale), byte sizes in kB/MB/GB, and anything that is not a number as written.

import { text } from './kinds/sections.js';

/** `8700000` as `8,700,000`; decimals kept as written; text that is not a number unchanged. */
export function formatCount(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return text(value);
  const [whole = '', fraction] = String(Math.abs(value)).split('.');
  // Exponent notation (1e21 and up) is left as it is.
  if (!/^\d+$/.test(whole)) return String(value);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

const BYTE_UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** A size in bytes as people read it: `24100000` as `24.1 MB` (SI units, three significant digits). */
export function formatBytes(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return formatCount(value);
  let unit = 0;
  let scaled = value;
  while (scaled >= 1000 && unit < BYTE_UNITS.length - 1) {
    scaled /= 1000;
    unit++;
  }
  const shown = unit === 0 ? String(scaled) : scaled >= 100 ? scaled.toFixed(0) : scaled >= 10 ? scaled.toFixed(1) : scaled.toFixed(2);
  // Trailing zeros of the decimals are dropped: 2.50 MB reads 2.5 MB, 100 MB stays.
  return `${unit === 0 ? formatCount(scaled) : shown.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')} ${BYTE_UNITS[unit] ?? ''}`;
}
