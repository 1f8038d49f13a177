// Writes whole output files atomically: readers see the old file or the new one, never half of one.

import { randomBytes } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * The same, synchronously, into an existing folder: for writing many small files one after another.
 * Content in parts is written part after part, never joined into one buffer first.
 */
export function writeFileAtomicSync(file: string, content: string | Uint8Array | readonly Uint8Array[]): void {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    if (typeof content === 'string' || content instanceof Uint8Array) writeFileSync(temporary, content);
    else writePartsSync(temporary, content);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function writePartsSync(file: string, parts: readonly Uint8Array[]): void {
  const descriptor = openSync(file, 'w');
  try {
    for (const part of parts) {
      // A write may take fewer bytes than it is given.
      for (let written = 0; written < part.length;) written += writeSync(descriptor, part, written, part.length - written);
    }
  } finally {
    closeSync(descriptor);
  }
}

/** Writes chunks into a file atomically, without holding the whole content in memory. */
export async function writeChunksAtomic(file: string, chunks: Iterable<string>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const descriptor = openSync(temporary, 'w');
    try {
      writeChunksSync(descriptor, chunks);
    } finally {
      closeSync(descriptor);
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

const WRITE_BATCH = 1 << 20;

/** Small chunks (an entity's text each) joined into pieces of about a megabyte: one write each, not one a chunk. */
function* inBatches(chunks: Iterable<string>): Generator<string> {
  let batch = '';
  for (const chunk of chunks) {
    batch += chunk;
    if (batch.length >= WRITE_BATCH) {
      yield batch;
      batch = '';
    }
  }
  if (batch !== '') yield batch;
}

/**
 * Writes small chunks to an open file through one buffer, each encoded into it as it comes: a
 * megabyte string joined from thousands of chunks is flattened and then encoded again by a write,
 * several times slower (bench/RESULTS.md, design measurements).
 */
export function writeChunksSync(descriptor: number, chunks: Iterable<string | Uint8Array>): void {
  const buffer = Buffer.allocUnsafe(WRITE_BATCH);
  let used = 0;
  for (const chunk of chunks) {
    // A UTF-16 code unit is at most three bytes of UTF-8.
    const most = typeof chunk === 'string' ? 3 * chunk.length : chunk.length;
    if (used + most > buffer.length) {
      writeSync(descriptor, buffer, 0, used);
      used = 0;
      if (most > buffer.length) {
        writeSync(descriptor, typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
        continue;
      }
    }
    if (typeof chunk === 'string') used += buffer.write(chunk, used);
    else {
      buffer.set(chunk, used);
      used += chunk.length;
    }
  }
  writeSync(descriptor, buffer, 0, used);
}

/** Writes chunks to a stream such as standard output in batches, waiting whenever it asks for a pause. */
export async function writeChunks(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  for (const batch of inBatches(chunks)) if (!stream.write(batch)) await new Promise((resolve) => stream.once('drain', resolve));
}
