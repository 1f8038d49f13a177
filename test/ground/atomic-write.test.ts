// Writing many small chunks to a file through one buffer: the bytes are the chunks' UTF-8, joined.

import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeChunksSync, writeFileAtomicSync } from '../../src/ground/atomic-write.js';
import { tempRepo } from '../helpers.js';

describe('writeChunksSync', () => {
  it('writes the UTF-8 of the chunks joined, texts and bytes: outside ASCII, empty, larger than its buffer, across its end', () => {
    const file = path.join(tempRepo(), 'out.json');
    const large = 'x'.repeat(1 << 20);
    const chunks = [
      '{"a":',
      '',
      '"Café — naïve 数据 🙂"',
      ...Array.from({ length: 3000 }, (_, index) => `,"k${String(index)}":"é${'y'.repeat(index % 700)}"`),
      large,
      ...Array.from({ length: 2000 }, (_, index) => `,"b${String(index)}":"ü${'z'.repeat(index % 900)}"`),
      '}',
    ];
    // Every other chunk as its bytes, one of them larger than the buffer.
    const pieces: (string | Uint8Array)[] = chunks.map((chunk, index) => (index % 2 === 0 ? Buffer.from(chunk) : chunk));
    pieces.push(Buffer.from(large), new Uint8Array(0));
    chunks.push(large);
    const descriptor = openSync(file, 'w');
    try {
      writeChunksSync(descriptor, pieces);
    } finally {
      closeSync(descriptor);
    }
    expect(readFileSync(file).equals(Buffer.from(chunks.join(''), 'utf8'))).toBe(true);
  });

  it('writes an empty file for no chunks', () => {
    const file = path.join(tempRepo(), 'empty');
    const descriptor = openSync(file, 'w');
    writeChunksSync(descriptor, []);
    closeSync(descriptor);
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});

describe('writeFileAtomicSync', () => {
  it('writes content given in parts as the parts one after another, replacing the file', () => {
    const file = path.join(tempRepo(), 'parts.bin');
    writeFileAtomicSync(file, 'old');
    const large = Buffer.alloc(3 << 20, 7);
    writeFileAtomicSync(file, [Buffer.from('head\n'), new Uint8Array(0), large.subarray(5), Uint8Array.from([1, 2])]);
    expect(readFileSync(file).equals(Buffer.concat([Buffer.from('head\n'), large.subarray(5), Uint8Array.from([1, 2])]))).toBe(true);
    writeFileAtomicSync(file, []);
    expect(readFileSync(file).length).toBe(0);
  });
});
