// Shared by the import tests: run `dossier import` into a fresh folder, read back what it wrote, lint it.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { expect } from 'vitest';
import { runCli, tempRepo, type CliRun } from '../helpers.js';

export const FIXTURES = path.resolve('test/fixtures');

export interface Imported {
  run: CliRun;
  out: string;
  /** Every document written, by `kind/name[@version]`. */
  documents: Map<string, Record<string, unknown>>;
}

/** Documents of the YAML files at the given paths under a folder. */
export function documentsIn(out: string, files: string[]): Map<string, Record<string, unknown>> {
  const documents = new Map<string, Record<string, unknown>>();
  for (const file of files)
    for (const document of parseAllDocuments(readFileSync(path.join(out, file), 'utf8'))) {
      const value = document.toJS() as { kind: string; metadata: { name: string; version?: string } };
      documents.set(
        `${value.kind}/${value.metadata.name}${value.metadata.version === undefined ? '' : `@${value.metadata.version}`}`,
        value,
      );
    }
  return documents;
}

/** Runs an import into a new repository (dossier.yaml with `extends: core`) and expects it to lint clean. */
export async function importInto(args: string[], options: { out?: string; lint?: boolean } = {}): Promise<Imported> {
  const out = options.out ?? tempRepo({ 'dossier.yaml': 'extends: core\n' });
  const run = await runCli(['import', ...args, '--out', out, '--format', 'json'], { cwd: FIXTURES });
  expect(run.code, run.stderr + run.stdout).toBe(0);
  const report = JSON.parse(run.stdout) as { files: { file: string }[] };
  const files = report.files.map((entry) => path.relative(out, path.resolve(FIXTURES, entry.file)));
  if (options.lint !== false) {
    const lint = await runCli(['lint', '.'], { cwd: out });
    expect(lint.code, lint.stdout).toBe(0);
  }
  return { run, out, documents: documentsIn(out, files) };
}

/** The catalog of a repository, compiled for the test (examples' catalog.json is not in git). */
export async function compiledCatalog(cwd: string): Promise<unknown> {
  const run = await runCli(['compile', '--out', 'catalog.json'], { cwd });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(readFileSync(path.join(cwd, 'catalog.json'), 'utf8')) as unknown;
}
