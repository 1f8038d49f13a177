// Editor set-up checked with the real YAML language server (yaml-language-server, as VS Code's YAML
// extension runs it), driven over LSP on stdio: what `dossier init` and `dossier schemas` write
// must make it report problems at the right lines on any clone.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import { runCli, tempRepo } from '../helpers.js';

interface LspDiagnostic {
  range: { start: { line: number; character: number } };
  message: string;
}

const SERVER = createRequire(import.meta.url).resolve('yaml-language-server/bin/yaml-language-server');
const running: { child: ChildProcess; connection: MessageConnection }[] = [];

afterEach(() => {
  for (const { child, connection } of running.splice(0)) {
    connection.dispose();
    child.kill();
  }
});

/** Starts the server on a workspace with the given `yaml` settings and returns the diagnostics of one file. */
async function diagnosticsOf(workspace: string, settings: Record<string, unknown>, file: string): Promise<LspDiagnostic[]> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  running.push({ child, connection });
  const uri = pathToFileURL(path.join(workspace, file)).href;
  const published = new Promise<LspDiagnostic[]>((resolve) => {
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: LspDiagnostic[] }) => {
      if (params.uri === uri) resolve(params.diagnostics);
    });
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
  connection.listen();
  const root = pathToFileURL(workspace).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: 'metadata' }],
    capabilities: { workspace: { configuration: true } },
  });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: settings } });
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(path.join(workspace, file), 'utf8') },
  });
  return published;
}

const BAD_VERSION = [
  'apiVersion: dossier/v1',
  'kind: ModelVersion',
  'metadata:',
  '  name: fraud-detector',
  '  version: "1.0.0"',
  '  colour: red',
  'spec:',
  '  model: fraud-detector',
  '  stage: prod',
  '',
].join('\n');

describe('the YAML language server with what Dossier sets up', () => {
  it('reports an enum error and an unknown field at their lines, from .vscode/settings.json of dossier init', async () => {
    const cwd = tempRepo();
    expect((await runCli(['init', 'meta'], { cwd })).code).toBe(0);
    const workspace = path.join(cwd, 'meta');
    const editor = JSON.parse(readFileSync(path.join(workspace, '.vscode/settings.json'), 'utf8')) as { 'yaml.schemas': object };
    writeFileSync(path.join(workspace, 'models/bad.yaml'), BAD_VERSION);
    const diagnostics = await diagnosticsOf(
      workspace,
      { schemas: editor['yaml.schemas'], validate: true, schemaStore: { enable: false } },
      'models/bad.yaml',
    );
    const byLine = diagnostics.map((d) => [d.range.start.line + 1, d.message]);
    expect(byLine).toContainEqual([6, expect.stringContaining('colour')]);
    expect(byLine).toContainEqual([9, expect.stringContaining('production')]);
  }, 30_000);

  it('reports them from a modeline written by dossier schemas --modeline, without any settings', async () => {
    const workspace = tempRepo({ 'models/fraud/bad.yaml': BAD_VERSION });
    const run = await runCli(['schemas', '--modeline', 'models/fraud/bad.yaml'], { cwd: workspace });
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(path.join(workspace, 'models/fraud/bad.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../.dossier/schemas/entity.schema.json');
    const diagnostics = await diagnosticsOf(workspace, { validate: true, schemaStore: { enable: false } }, 'models/fraud/bad.yaml');
    const byLine = diagnostics.map((d) => [d.range.start.line + 1, d.message]);
    // One line lower than in the file without the modeline.
    expect(byLine).toContainEqual([7, expect.stringContaining('colour')]);
    expect(byLine).toContainEqual([10, expect.stringContaining('production')]);
  }, 30_000);
});
