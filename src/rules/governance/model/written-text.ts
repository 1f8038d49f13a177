// Whether a model card field is written: a non-empty text, or a list with at least one.

/** A non-empty text, or a list with at least one (`limitations` may be either). */
export function isWritten(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(isWritten);
  return typeof value === 'string' && value.trim() !== '';
}
