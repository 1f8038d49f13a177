// The stamps a warm lint compares files by, kept in columns: what stat says of each file, and a
// lookup by path that works whether or not the paths come sorted.

import { lstatSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileStamps, STAMP_NUMBERS } from '../../src/cache/file-stamps.js';
import { tempRepo } from '../helpers.js';

const toRead = (dir: string, file: string) => ({ absolutePath: path.join(dir, file), displayPath: file, isSymbolicLink: false });

describe('FileStamps', () => {
  it("takes each file's size, modification time and inode, a symbolic link's from its target", () => {
    const dir = tempRepo({ 'a.yaml': 'name: a\n', 'b.yaml': 'name: bb\n' });
    symlinkSync(path.join(dir, 'b.yaml'), path.join(dir, 'link.yaml'));
    const stamps = FileStamps.of(['a.yaml', 'b.yaml', 'link.yaml'].map((file) => toRead(dir, file)));
    if (stamps === undefined) throw new Error('no stamps');
    const a = lstatSync(path.join(dir, 'a.yaml'));
    const b = statSync(path.join(dir, 'b.yaml'));
    expect([...stamps.numbers.subarray(0, STAMP_NUMBERS)]).toEqual([a.size, a.mtimeMs, a.ino]);
    expect([...stamps.numbers.subarray(2 * STAMP_NUMBERS)]).toEqual([b.size, b.mtimeMs, b.ino]);
    expect(stamps.keys).toEqual(['', '', '']);
    expect(stamps.sameStat(1, stamps, 2)).toBe(true);
    expect(stamps.sameStat(0, stamps, 1)).toBe(false);
  });

  it('tells a touched file from an untouched one, and gives no stamps when a file is gone', () => {
    const dir = tempRepo({ 'a.yaml': 'name: a\n' });
    const before = FileStamps.of([toRead(dir, 'a.yaml')]) as FileStamps;
    utimesSync(path.join(dir, 'a.yaml'), new Date(), new Date(Date.now() + 5000));
    const after = FileStamps.of([toRead(dir, 'a.yaml')]) as FileStamps;
    expect(after.sameStat(0, before, 0)).toBe(false);
    writeFileSync(path.join(dir, 'a.yaml'), 'name: a\n');
    expect(FileStamps.of([toRead(dir, 'a.yaml'), toRead(dir, 'gone.yaml')])).toBeUndefined();
  });

  it('finds a file by path, sorted as discovery sorts them or not', () => {
    const numbers = (count: number) => new Float64Array(count * STAMP_NUMBERS);
    const sorted = new FileStamps(['a.yaml', 'b/c.yaml', 'b/d.yaml', 'z.yaml'], numbers(4), ['1', '2', '3', '4']);
    expect(['a.yaml', 'b/c.yaml', 'b/d.yaml', 'z.yaml', 'b.yaml', ''].map((file) => sorted.indexOf(file))).toEqual([0, 1, 2, 3, -1, -1]);
    expect(sorted.keyOf('b/d.yaml')).toBe('3');
    expect(sorted.keyOf('nope.yaml')).toBeUndefined();
    const unsorted = new FileStamps(['z.yaml', 'a.yaml', 'm.yaml'], numbers(3), ['1', '2', '3']);
    expect(['z.yaml', 'a.yaml', 'm.yaml', 'b.yaml'].map((file) => unsorted.indexOf(file))).toEqual([0, 1, 2, -1]);
  });

  it('refuses columns of different lengths', () => {
    expect(() => new FileStamps(['a.yaml'], new Float64Array(STAMP_NUMBERS), [])).toThrow(/different lengths/);
    expect(() => new FileStamps(['a.yaml'], new Float64Array(1), [''])).toThrow(/different lengths/);
  });
});
