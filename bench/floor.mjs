#!/usr/bin/env node
// The floor every Dossier measurement is compared with: glob, read and js-yaml-parse the same files,
// nothing else; with --read-only, glob and read without parsing (the floor of a warm, cached run).
// Usage: node bench/floor.mjs <folder> [--read-only]

import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { CORE_SCHEMA, loadAll } from 'js-yaml';

const root = path.resolve(process.argv[2] ?? '.');
const readOnly = process.argv.includes('--read-only');
const files = await fg(['**/*.yaml', '**/*.yml'], { cwd: root, ignore: ['**/node_modules/**', '**/.git/**'] });
let documents = 0;
let characters = 0;
// Synchronous reads: the fastest way to read many small files in Node, so the floor stays honest.
for (const file of files) {
  const text = readFileSync(path.join(root, file), 'utf8');
  if (readOnly) characters += text.length;
  else documents += loadAll(text, { schema: CORE_SCHEMA }).length;
}
console.log(readOnly ? `${files.length} files, ${characters} characters` : `${files.length} files, ${documents} documents`);
