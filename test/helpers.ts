// Shared test helpers: compile YAML strings in memory, run the CLI in-process, make temporary repos.

import { parseCacheFile, type CacheFile } from '../src/cache/cache-file.js';
import { cacheEnvironment } from '../src/cache/layout.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Log as SarifLog } from 'sarif';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach } from 'vitest';
import { compileSources } from '../src/compile/compile-sources.js';
import type { CompileResult } from '../src/catalog/catalog.js';
import type { Diagnostic } from '../src/ground/diagnostics.js';
import type { Scorecard } from '../src/score/scorecard.js';
import { main } from '../src/cli/main.js';

/** Compiles in-memory files, `{ 'path.yaml': 'text' }`. */
export function compileFiles(files: Record<string, string>): CompileResult {
  return compileSources({ sources: Object.entries(files).map(([file, text]) => ({ file, text })) });
}

/** A diagnostic reduced to what table-driven tests pin: rule, 1-based start line and column. */
export function brief(d: Diagnostic): string {
  return `${d.ruleId} ${d.range.start.line + 1}:${d.range.start.column + 1}`;
}

export function briefs(files: Record<string, string>): string[] {
  return compileFiles(files).diagnostics.map(brief);
}

/** A Model and its version with only what FORMAT.md marks required (`*`), and optional parts without their names. */
export const LOOSE_MODEL = `apiVersion: dossier/v1
kind: Model
metadata: {name: loose}
spec:
  task: ranking
  license: {url: "https://example.com/license"}
  ethicalConsiderations: [{mitigation: Reviewed by the fairness board.}, {name: Drift}]
---
apiVersion: dossier/v1
kind: ModelVersion
metadata: {name: loose, version: "1"}
spec:
  model: loose
  signature: {inputs: [{type: float}], outputs: [{shape: [1]}]}
`;

/** Entities every reference test can point at. */
export const BASE = `apiVersion: dossier/v1
kind: Team
metadata: {name: owners}
spec: {}
---
apiVersion: dossier/v1
kind: Term
metadata: {name: pii}
spec: {definition: Personal data.}
---
apiVersion: dossier/v1
kind: Model
metadata: {name: scorer, owner: owners}
spec: {task: ranking}
---
apiVersion: dossier/v1
kind: ModelVersion
metadata: {name: scorer, version: "1", owner: owners}
spec: {model: scorer}
---
apiVersion: dossier/v1
kind: Dataset
metadata: {name: events, version: "1"}
spec:
  location: {uri: "s3://b/events/1"}
  schema: {fields: [{name: user_id, type: string}]}
---
apiVersion: dossier/v1
kind: FeatureView
metadata: {name: user-stats}
spec:
  source: events
  entities: [{name: user, joinKeys: [user_id]}]
  features: [{name: clicks_7d, type: int64}]
---
apiVersion: dossier/v1
kind: RuntimeConfig
metadata: {name: cpu}
spec: {image: "registry.example.com/scorer:1.0"}
`;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured, non-TTY streams. */
export async function runCli(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; tty?: boolean; stdin?: string },
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const stream = (write: (chunk: string) => void) =>
    ({
      isTTY: options.tty ?? false,
      write: (chunk: string | Uint8Array) => (write(String(chunk)), true),
    }) as unknown as NodeJS.WritableStream & { isTTY?: boolean };
  const code = await main(args, {
    cwd: options.cwd,
    env: options.env ?? {},
    stdout: stream((chunk) => (stdout += chunk)),
    stderr: stream((chunk) => (stderr += chunk)),
    ...(options.stdin === undefined ? {} : { stdin: Readable.from([options.stdin]) }),
    version: '0.0.0-test',
  });
  return { code, stdout, stderr };
}

const temporaryDirs: string[] = [];
afterEach(() => {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder holding the given files; removed after the test. */
export function tempRepo(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dossier-test-'));
  temporaryDirs.push(dir);
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

/** examples/ml-platform as a git repository with its scripted history (examples/history.mjs), in a temporary folder. */
export function exampleHistory(): string {
  const dir = path.join(tempRepo(), 'ml-platform');
  execFileSync(process.execPath, [path.resolve('examples/history.mjs'), dir], { stdio: 'ignore' });
  return dir;
}

/** One entity page of each kind in the site of examples/ml-platform. */
export const EXAMPLE_ENTITY_PAGES = [
  'entity/model/default/fraud-detector.html',
  'entity/modelversion/default/fraud-detector@2.0.0.html',
  'entity/dataset/default/transactions@2024-06.html',
  'entity/featureview/default/customer-transaction-stats.html',
  'entity/deployment/default/fraud-detector-prod.html',
  'entity/runtimeconfig/default/fraud-scoring-cpu.html',
  'entity/team/default/risk-ml.html',
  'entity/term/default/pii.html',
  'entity/evaluation/default/fraud-detector-2-0-0-holdout.html',
];

/** Every YAML file of examples/ml-platform, by path, for tests that put it into a git repository. */
export function exampleFiles(): Record<string, string> {
  const root = path.resolve('examples/ml-platform');
  const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /\.ya?ml$/.test(e.name));
  return Object.fromEntries(
    files.map((e) => [
      path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'),
      readFileSync(path.join(e.parentPath, e.name), 'utf8'),
    ]),
  );
}

/** Counts of one scope in the JSON report. */
export interface ProblemCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** The shape of `dossier lint --format json`, as far as tests read it. */
export interface JsonReport {
  version: string;
  summary: ProblemCounts & { files: number; byEntity: Record<string, ProblemCounts>; byOwner?: Record<string, ProblemCounts> };
  diagnostics: {
    ruleId: string;
    severity: string;
    message: string;
    file: string;
    line: number;
    column: number;
    entity?: string;
    hint?: string;
  }[];
}

/** The shape of catalog.json, as far as tests read it. */
export interface CatalogJson {
  kind: string;
  summary: { entities: number };
  diagnostics: unknown[];
  entities: { identity: string }[];
}

/** A row of `dossier rules --format json`. */
export interface RuleRow {
  id: string;
  family: string;
  defaultSeverity: string;
  severity: string;
  description: string;
}

// JSON that Dossier wrote, read as the shape the test expects; the assertions check it.
export const parseJsonReport = (text: string) => JSON.parse(text) as JsonReport;
export const parseCatalogJson = (text: string) => JSON.parse(text) as CatalogJson;
export const parseRuleRows = (text: string) => JSON.parse(text) as RuleRow[];
export const parseSarifLog = (text: string) => JSON.parse(text) as SarifLog;
export const parseScorecard = (text: string) => JSON.parse(text) as Scorecard;

/** Runs git in `cwd` as one author at one fixed date (commits, and so pages showing them, come out the same every run). */
export function gitAsAna(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Ana',
      GIT_AUTHOR_EMAIL: 'a@example.com',
      GIT_COMMITTER_NAME: 'Ana',
      GIT_COMMITTER_EMAIL: 'a@example.com',
      GIT_AUTHOR_DATE: '2024-07-01T10:00:00Z',
      GIT_COMMITTER_DATE: '2024-07-01T10:00:00Z',
    },
  });
}

/**
 * A cache file's format and content, its signature not checked, and a way to write it back signed
 * as this machine's Dossier would (tests look into and poison caches the CLI wrote in-process).
 */
export function peekCacheFile<T>(bytes: Uint8Array): CacheFile<T> {
  const parsed = parseCacheFile(bytes);
  if (parsed === undefined) throw new Error('not a cache file');
  return { format: parsed.format, environment: cacheEnvironment(), content: parsed.content() as T };
}
