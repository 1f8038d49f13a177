// Reads one file as UTF-8 text, refusing what must not be parsed: huge, binary, non-UTF-8 or escaping
// files. Huge, binary and non-UTF-8 files are reported only when they may be Dossier's
// (dossier-files.ts): another tool's file is ignored, as FORMAT.md asks.

import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { isWithin } from '../ground/contained-path.js';
import type { Diagnostic } from '../ground/diagnostics.js';
import { ZERO_RANGE } from '../ground/diagnostics.js';
import { binaryFile, emptyFile, fileEncoding, fileOutsideRoot, fileTooLarge, unreadableFile } from '../ground/core-rules/file.js';
import { createDiagnostic } from '../ground/rule-meta.js';
import { bytesMayHoldEntities } from './dossier-files.js';

export const DEFAULT_MAX_FILE_SIZE = 8 * 1024 * 1024;

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
 * Reads files one after another into one reusable buffer. Synchronous on purpose: for thousands
 * of small files, synchronous reads are several times faster than the thread-pool round trips of
 * fs/promises, and there is nothing to overlap. Reading into a buffer of the size limit answers
 * "too large?" without a stat call for every file.
 */
export class SourceReader {
  readonly #rootRealPath: string;
  readonly #maxFileSize: number;
  #buffer = Buffer.allocUnsafe(64 * 1024);

  constructor(rootRealPath: string, maxFileSize: number) {
    this.#rootRealPath = rootRealPath;
    this.#maxFileSize = maxFileSize;
  }

  read(file: FileToRead): ReadOutcome {
    const at = { file: file.displayPath, range: ZERO_RANGE };
    try {
      if (file.isSymbolicLink) {
        const target = realpathSync(file.absolutePath);
        if (!isWithin(this.#rootRealPath, target)) {
          return { ok: false, diagnostic: createDiagnostic(fileOutsideRoot, 'outside', { target }, at) };
        }
      }
      // Non-blocking: a FIFO named like a metadata file (an unpacked artifact can hold one) reads as
      // empty instead of waiting forever for a writer. Regular files read as they always do.
      const descriptor = openSync(file.absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
      let length: number;
      try {
        length = fill(descriptor, this.#buffer);
        // A full buffer means the file may be larger: only then is its size worth asking for.
        const size = length === this.#buffer.length ? fstatSync(descriptor).size : length;
        if (size > this.#maxFileSize) {
          const diagnostic = createDiagnostic(fileTooLarge, 'tooLarge', { size, limit: this.#maxFileSize }, at);
          return refused(this.#buffer.subarray(0, length), diagnostic);
        }
        if (size >= this.#buffer.length) {
          this.#buffer = Buffer.allocUnsafe(size + 1);
          length = fill(descriptor, this.#buffer);
        }
      } finally {
        closeSync(descriptor);
      }
      return this.#decode(this.#buffer.subarray(0, length), at);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, diagnostic: createDiagnostic(unreadableFile, 'unreadable', { reason }, at) };
    }
  }

  #decode(bytes: Buffer, at: { file: string; range: typeof ZERO_RANGE }): ReadOutcome {
    // Fast path: V8 decodes straight to a string. Only text that may be binary or not UTF-8
    // (a NUL, or U+FFFD that may stand for invalid bytes) goes through the strict decoder.
    const text = bytes.toString('utf8');
    if (text.length > 0 && !text.includes('\0') && !text.includes('\ufffd')) {
      return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
    }
    return decode(bytes, at);
  }
}

/** Reads from the start of the file until the buffer is full or the file ends; returns the length. */
function fill(descriptor: number, buffer: Buffer): number {
  let offset = 0;
  while (offset < buffer.length) {
    const read = readSync(descriptor, buffer, offset, buffer.length - offset, offset);
    if (read === 0) break;
    offset += read;
  }
  return offset;
}

/** Bytes to text; also used for file contents read from git. */
export function decode(bytes: Uint8Array, at: { file: string; range: typeof ZERO_RANGE }): ReadOutcome {
  if (bytes.length === 0) return { ok: false, diagnostic: createDiagnostic(emptyFile, 'empty', {}, at) };
  const utf16 = utf16Encoding(bytes);
  if (utf16 !== undefined) {
    try {
      return { ok: true, text: new TextDecoder(utf16, { fatal: true }).decode(bytes) };
    } catch {
      return refused(bytes, createDiagnostic(fileEncoding, 'notUtf8', { offset: 0 }, at));
    }
  }
  const nul = bytes.subarray(0, BINARY_SNIFF_BYTES).indexOf(0);
  if (nul !== -1) return refused(bytes, createDiagnostic(binaryFile, 'binary', { offset: nul }, at));
  try {
    // TextDecoder drops a leading byte order mark, so columns on line 1 match what editors show.
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    return refused(bytes, createDiagnostic(fileEncoding, 'notUtf8', { offset }, at));
  }
}

/**
 * A file that cannot be parsed (not UTF-8 text, too large): reported when it may be Dossier's. Else it
 * is another tool's file, read as no text: nothing is reported, and caches stamp it like any file.
 */
function refused(bytes: Uint8Array, diagnostic: Diagnostic): ReadOutcome {
  return bytesMayHoldEntities(bytes) ? { ok: false, diagnostic } : { ok: true, text: '' };
}

/** YAML may be UTF-16 with a byte order mark (YAML 1.2 § 5.2); its NUL bytes are not binary data. */
function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
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
