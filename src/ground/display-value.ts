// Any value from a YAML document as text for a message: scalars as written, structures as JSON,
// never `[object Object]`.

export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return typeof value === 'object' ? JSON.stringify(value) : typeof value;
}
