import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceReader } from '../../src/source/read-source.js';
import { tempRepo } from '../helpers.js';

function read(files: Record<string, string | Buffer>, name: string, options: { maxFileSize?: number; symlinkTo?: string } = {}) {
  const root = tempRepo(files);
  const absolutePath = path.join(root, name);
  if (options.symlinkTo !== undefined) symlinkSync(options.symlinkTo, absolutePath);
  return new SourceReader(root, options.maxFileSize ?? 1024 * 1024).read({
    absolutePath,
    displayPath: name,
    isSymbolicLink: options.symlinkTo !== undefined,
  });
}

describe('readSource', () => {
  it('does not wait for a writer of a FIFO named like a metadata file: it cannot be read, and says so', () => {
    const root = tempRepo();
    const absolutePath = path.join(root, 'fifo.yaml');
    execFileSync('mkfifo', [absolutePath]);
    const outcome = new SourceReader(root, 1024).read({ absolutePath, displayPath: 'fifo.yaml', isSymbolicLink: false });
    expect(outcome).toMatchObject({ ok: false, diagnostic: { ruleId: 'file/unreadable' } });
  });

  it('reads UTF-8 text and drops a byte order mark', () => {
    expect(read({ 'a.yaml': Buffer.from('\ufeffa: é\n', 'utf8') }, 'a.yaml')).toEqual({ ok: true, text: 'a: é\n' });
  });

  const dossier = Buffer.from('apiVersion: dossier/v1\nkind: Team\n');
  const refused: { name: string; content: Buffer; rule: string; maxFileSize?: number }[] = [
    { name: 'non-UTF-8 bytes', content: Buffer.concat([dossier, Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a])]), rule: 'file/encoding' },
    { name: 'a binary file', content: Buffer.concat([dossier, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])]), rule: 'file/binary' },
    { name: 'an empty file', content: Buffer.alloc(0), rule: 'file/empty' },
    {
      name: 'a file over the size limit',
      content: Buffer.concat([dossier, Buffer.alloc(2048, 0x61)]),
      rule: 'file/too-large',
      maxFileSize: 1024,
    },
  ];
  for (const { name, content, rule, maxFileSize } of refused) {
    it(`refuses ${name} that names a Dossier apiVersion`, () => {
      const outcome = read({ 'a.yaml': content }, 'a.yaml', maxFileSize === undefined ? {} : { maxFileSize });
      expect(outcome.ok).toBe(false);
      expect(outcome.ok ? undefined : outcome.diagnostic?.ruleId).toBe(rule);
    });
  }

  // FORMAT.md: YAML files without `apiVersion: dossier/v1` are ignored, not errors.
  const foreign: { name: string; content: Buffer; maxFileSize?: number }[] = [
    { name: 'a Latin-1 configuration', content: Buffer.from('title: caf\xe9\n', 'latin1') },
    { name: 'a binary file', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]) },
    { name: 'a large file', content: Buffer.concat([Buffer.from('openapi: 3.1.0\n'), Buffer.alloc(2048, 0x61)]), maxFileSize: 1024 },
  ];
  for (const { name, content, maxFileSize } of foreign) {
    it(`ignores ${name} that names no Dossier apiVersion`, () => {
      expect(read({ 'a.yaml': content }, 'a.yaml', maxFileSize === undefined ? {} : { maxFileSize })).toEqual({ ok: true, text: '' });
    });
  }

  it('reads files larger than its first buffer, and a file exactly at the limit', () => {
    const text = `a: ${'x'.repeat(200_000)}\n`;
    expect(read({ 'a.yaml': text }, 'a.yaml')).toEqual({ ok: true, text });
    const atLimit = `apiVersion: dossier/v1\n${'x'.repeat(1001)}`;
    expect(read({ 'a.yaml': atLimit }, 'a.yaml', { maxFileSize: 1024 }).ok).toBe(true);
    expect(read({ 'a.yaml': `${atLimit}x` }, 'a.yaml', { maxFileSize: 1024 }).ok).toBe(false);
  });

  it('reads UTF-16 text with a byte order mark, as YAML allows', () => {
    const text = 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: café}\n';
    const bigEndian = Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
    expect(read({ 'a.yaml': Buffer.from(`\ufeff${text}`, 'utf16le') }, 'a.yaml')).toEqual({ ok: true, text });
    expect(read({ 'a.yaml': bigEndian }, 'a.yaml')).toEqual({ ok: true, text });
  });

  it('names the offset of the first invalid UTF-8 byte', () => {
    const outcome = read({ 'a.yaml': Buffer.concat([Buffer.from('apiVersion: dossier/v1\n'), Buffer.from([0xc3, 0x28])]) }, 'a.yaml');
    expect(outcome.ok ? '' : outcome.diagnostic?.message).toContain('offset 24');
  });

  it('refuses a symbolic link that points outside the repository', () => {
    const outside = tempRepo({ 'secret.yaml': 'token: x\n' });
    const outcome = read({}, 'link.yaml', { symlinkTo: path.join(outside, 'secret.yaml') });
    expect(outcome.ok ? undefined : outcome.diagnostic?.ruleId).toBe('file/outside-root');
  });

  it('follows a symbolic link inside the repository', () => {
    const outcome = read({ 'real.yaml': 'a: 1\n' }, 'link.yaml', { symlinkTo: 'real.yaml' });
    expect(outcome).toEqual({ ok: true, text: 'a: 1\n' });
  });

  it('reports a dangling link as unreadable', () => {
    const outcome = read({}, 'link.yaml', { symlinkTo: 'missing.yaml' });
    expect(outcome.ok ? undefined : outcome.diagnostic?.ruleId).toBe('file/unreadable');
  });
});
