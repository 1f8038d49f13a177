// The file a command writes because the user named it (`--out`, `--output`): atomically over a
// regular file (through a link, at the file it points to, unless the link is in the repository and
// leads out of it: a pull request can commit one), straight into a device or a pipe
// (`/dev/null`, a FIFO) rather than replacing it, and never over a folder. A file that cannot be
// written is a usage error that says why, not a stack trace.

import { lstat, realpath, stat } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { writeChunks, writeChunksAtomic } from '../ground/atomic-write.js';
import { UsageError } from '../ground/errors.js';
import { leavesThroughLink } from '../ground/contained-path.js';
import { findRepositoryTop } from '../source/discover.js';

type Target = { kind: 'file'; path: string } | { kind: 'stream'; path: string };

/** Writes `content` (text, or chunks of it) to the file the user named (`out`, relative to `cwd`; messages name it as given). */
export async function writeOutputFile(cwd: string, out: string, content: string | Iterable<string>): Promise<void> {
  const target = await outputTarget(path.resolve(cwd, out), out, findRepositoryTop(cwd) ?? path.resolve(cwd));
  const chunks = typeof content === 'string' ? [content] : content;
  try {
    if (target.kind === 'file') await writeChunksAtomic(target.path, chunks);
    else {
      const stream = createWriteStream(target.path, { flags: 'w' });
      const failed = new Promise<never>((_, reject) => stream.once('error', reject));
      await Promise.race([writeChunks(stream, chunks).then(() => finished(stream.end())), failed]);
    }
  } catch (error) {
    throw new UsageError(`Cannot write ${out}: ${reasonOf(error)}.`);
  }
}

async function outputTarget(absolute: string, file: string, repository: string): Promise<Target> {
  if (leavesThroughLink(repository, absolute))
    throw new UsageError(
      `Cannot write ${file}: it leads out of the repository through a symbolic link (a pull request can commit one); name another file.`,
    );
  let entry;
  try {
    entry = await lstat(absolute);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return { kind: 'file', path: absolute };
    throw new UsageError(`Cannot write ${file}: ${reasonOf(error)}.`);
  }
  if (entry.isSymbolicLink()) {
    let real: string;
    try {
      real = await realpath(absolute);
    } catch {
      // /dev/stdout of a pipe links to `pipe:[…]`, which has no path but is there to write into.
      const stream = await stat(absolute).catch(() => undefined);
      if (stream?.isFIFO() === true || stream?.isCharacterDevice() === true || stream?.isSocket() === true)
        return { kind: 'stream', path: absolute };
      throw new UsageError(`Cannot write ${file}: it is a link to nothing; remove the link or name another file.`);
    }
    const pointed = await stat(real);
    if (pointed.isFile()) return { kind: 'file', path: real };
    entry = pointed;
  }
  if (entry.isDirectory())
    throw new UsageError(`Cannot write ${file}: it is a folder; name a file in it, e.g. ${file.replace(/\/?$/, '/catalog.json')}.`);
  if (entry.isFIFO() || entry.isCharacterDevice()) return { kind: 'stream', path: absolute };
  if (!entry.isFile()) throw new UsageError(`Cannot write ${file}: it is not a regular file; not replacing it.`);
  return { kind: 'file', path: absolute };
}

function codeOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function reasonOf(error: unknown): string {
  switch (codeOf(error)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
