// Git's blob id of a text (what `git hash-object` prints): files read from the working tree can then
// share what was computed for the same content read from history.

import { createHash } from 'node:crypto';

export function blobIdOf(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
