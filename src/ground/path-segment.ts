// Any text as one safe segment of a file path or URL: letters, digits, `.`, `_` and `-` only.

export function pathSegment(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]/g, '-');
}
