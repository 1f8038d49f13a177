// Any text as one safe segment of a file path or URL: letters, digits, `.`, `_` and `-` only, never
// `.` or `..`, and never a name Windows keeps for a device.

/** CON, PRN, AUX, NUL, COM1-9 and LPT1-9, with or without an extension: Windows opens the device instead of a file. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(?=\.|$)/i;

export function pathSegment(value: string): string {
  const segment = value.replace(/[^A-Za-z0-9._-]/g, '-');
  if (segment === '.' || segment === '..') return segment.replaceAll('.', '-');
  // `con` becomes `con_`: a checkout of the repository on Windows could not hold `con.yaml`.
  return segment.replace(WINDOWS_DEVICE, '$1_');
}
