// Reading a file the repository names, which may be a FIFO (read forever) or a link to a device
// (`/dev/zero`, endless): only a regular file is read, and only up to a size.

import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

/**
 * The bytes of `file` when it is a regular file of at most `maxBytes` (links followed); undefined
 * when it is anything else, larger, or cannot be read. Opening does not wait for a FIFO's writer.
 */
export function readRegularFileSync(file: string, maxBytes = Number.MAX_SAFE_INTEGER): Buffer | undefined {
  let descriptor: number;
  try {
    descriptor = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(descriptor);
    return stat.isFile() && stat.size <= maxBytes ? readFileSync(descriptor) : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(descriptor);
  }
}
