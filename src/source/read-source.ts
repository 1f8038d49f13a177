// Reads one file as UTF-8 text, refusing what must not be parsed: huge, binary, non-UTF-8 or escaping files.

import { closeSync, fstatSync, openSync, readFileSync, readSync, realpathSync } from 'node:fs';
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

/**
 * Reads synchronously on purpose: for thousands of small files, synchronous reads are several
 * times faster than the thread-pool round trips of fs/promises, and there is nothing to overlap.
 */
export function readSource(file: FileToRead, rootRealPath: string, maxFileSize: number): ReadOutcome {
  const at = { file: file.displayPath, range: ZERO_RANGE };
  try {
    if (file.isSymbolicLink) {
      const target = realpathSync(file.absolutePath);
      if (!isInside(rootRealPath, target)) {
        return { ok: false, diagnostic: createDiagnostic(fileOutsideRoot, 'outside', { target }, at) };
      }
    }
    const descriptor = openSync(file.absolutePath, 'r');
    try {
      const { size } = fstatSync(descriptor);
      if (size > maxFileSize) {
        return { ok: false, diagnostic: createDiagnostic(fileTooLarge, 'tooLarge', { size, limit: maxFileSize }, at) };
      }
      // Fast path: V8 decodes straight to a string. Only text that may be binary or not UTF-8
      // (a NUL, or U+FFFD that may stand for invalid bytes) is read again as bytes and checked.
      const text = readFileSync(descriptor, 'utf8');
      if (text.length > 0 && text.indexOf('\0') === -1 && text.indexOf('\ufffd') === -1) {
        return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
      }
      return decode(readAll(descriptor, size), at);
    } finally {
      closeSync(descriptor);
    }
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

/** Reads `size` bytes from the start, or fewer if the file shrank since it was measured. */
function readAll(descriptor: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let offset = 0;
  while (offset < size) {
    const read = readSync(descriptor, bytes, offset, size - offset, offset);
    if (read === 0) break;
    offset += read;
  }
  return bytes.subarray(0, offset);
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
