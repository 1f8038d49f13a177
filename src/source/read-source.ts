// Reads one file as UTF-8 text, refusing what must not be parsed: huge, binary, non-UTF-8 or escaping files.

import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { ZERO_RANGE } from '../diagnostics.js';
import { binaryFile, emptyFile, fileEncoding, fileOutsideRoot, fileTooLarge, unreadableFile } from '../rules/core/file.js';
import { createDiagnostic } from '../rules/rule-meta.js';

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export interface FileToRead {
  /** Absolute path. */
  absolutePath: string;
  /** Path shown to people, relative to the working directory, with forward slashes. */
  displayPath: string;
  isSymbolicLink: boolean;
}

export type ReadOutcome = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic | undefined };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const BINARY_SNIFF_BYTES = 8000;

export async function readSource(file: FileToRead, rootRealPath: string, maxFileSize: number): Promise<ReadOutcome> {
  const at = { file: file.displayPath, range: ZERO_RANGE };
  try {
    if (file.isSymbolicLink) {
      const target = await realpath(file.absolutePath);
      if (!isInside(rootRealPath, target)) {
        return { ok: false, diagnostic: createDiagnostic(fileOutsideRoot, 'outside', { target }, at) };
      }
    }
    const handle = await open(file.absolutePath, 'r');
    let bytes: Buffer;
    try {
      const { size } = await handle.stat();
      if (size > maxFileSize) {
        return { ok: false, diagnostic: createDiagnostic(fileTooLarge, 'tooLarge', { size, limit: maxFileSize }, at) };
      }
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
    return decode(bytes, at);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, diagnostic: createDiagnostic(unreadableFile, 'unreadable', { reason }, at) };
  }
}

/** Bytes to text; also used for file contents read from git. */
export function decode(bytes: Uint8Array, at: { file: string; range: typeof ZERO_RANGE }): ReadOutcome {
  if (bytes.length === 0) return { ok: false, diagnostic: createDiagnostic(emptyFile, 'empty', {}, at) };
  const nul = bytes.subarray(0, BINARY_SNIFF_BYTES).indexOf(0);
  if (nul !== -1) return { ok: false, diagnostic: createDiagnostic(binaryFile, 'binary', { offset: nul }, at) };
  try {
    // TextDecoder drops a leading byte order mark, so columns on line 1 match what editors show.
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    return { ok: false, diagnostic: createDiagnostic(fileEncoding, 'notUtf8', { offset }, at) };
  }
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  // Binary search for the shortest prefix that fails to decode; a cut inside a valid sequence is
  // avoided by decoding in streaming mode, which holds back an incomplete trailing sequence.
  while (low < high) {
    const mid = (low + high) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      low = mid + 1;
    } catch {
      high = mid;
    }
  }
  return low;
}
