// A reference into a document that does not parse says where its target is defined and why it is
// not there, and says it again or no longer as the file is edited, warm or cold.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSources } from '../../src/compile/compile-sources.js';
import { lintProject } from '../../src/use-cases/lint-project.js';
import { strandedDefinitions } from '../../src/source/stranded-definitions.js';
import { tempRepo } from '../helpers.js';

const TEAM = 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: ml}\nspec: {type: team}\n';
const RUNTIME =
  'apiVersion: dossier/v1\nkind: RuntimeConfig\nmetadata:\n  name: cpu\n  owner: ml\nspec:\n  image: "registry.example.com/scorer:1"\n';
// A flow mapping left open: js-yaml refuses the whole document.
const BROKEN_RUNTIME = RUNTIME.replace(
  '  image: "registry.example.com/scorer:1"',
  '  env: {A: 1\n  image: "registry.example.com/scorer:1"',
);
const DEPLOYMENT =
  'apiVersion: dossier/v1\nkind: Deployment\nmetadata: {name: scorer-dev, owner: ml}\nspec: {modelVersion: scorer@1, runtime: cpu, environment: dev}\n---\napiVersion: dossier/v1\nkind: Model\nmetadata: {name: scorer, owner: ml}\nspec: {task: ranking}\n---\napiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "1", owner: ml}\nspec: {model: scorer, stage: development}\n';

const runtimeProblem = (diagnostics: { ruleId: string; messageId: string; message: string; hint?: string | undefined }[]) =>
  diagnostics.filter((d) => d.ruleId === 'reference/unresolved').map((d) => ({ messageId: d.messageId, message: d.message, hint: d.hint }));

describe('a reference into a file that does not parse', () => {
  it('says where its target is defined and that the file does not parse', () => {
    const { diagnostics } = compileSources({
      sources: [
        { file: 'team.yaml', text: TEAM },
        { file: 'runtime.yaml', text: BROKEN_RUNTIME },
        { file: 'deploy.yaml', text: DEPLOYMENT },
      ],
    });
    expect(diagnostics.map((d) => d.ruleId)).toContain('yaml/syntax');
    expect(runtimeProblem(diagnostics)).toEqual([
      {
        messageId: 'inUnparsedFile',
        message: '`cpu` does not resolve: RuntimeConfig `cpu` is defined in runtime.yaml:2, which does not parse.',
        hint: 'Fix the YAML error in `runtime.yaml`: the reference resolves once that document parses.',
      },
    ]);
  });

  it('is a plain unresolved reference when the target is in a document of that file that parses but is invalid', () => {
    const twoDocuments = `${RUNTIME.replace('dossier/v1', 'dossier/v9')}---\n${BROKEN_RUNTIME.replace('name: cpu', 'name: gpu')}`;
    const { diagnostics } = compileSources({
      sources: [
        { file: 'team.yaml', text: TEAM },
        { file: 'runtime.yaml', text: twoDocuments },
        { file: 'deploy.yaml', text: DEPLOYMENT },
      ],
    });
    expect(diagnostics.map((d) => d.ruleId)).toContain('yaml/syntax');
    expect(runtimeProblem(diagnostics).map((d) => d.messageId)).toEqual(['unresolved']);
  });

  it('is a plain unresolved reference when no broken document names the target', () => {
    const { diagnostics } = compileSources({
      sources: [
        { file: 'team.yaml', text: TEAM },
        { file: 'runtime.yaml', text: BROKEN_RUNTIME.replace('name: cpu', 'name: gpu') },
        { file: 'deploy.yaml', text: DEPLOYMENT },
      ],
    });
    expect(runtimeProblem(diagnostics)).toEqual([
      {
        messageId: 'unresolved',
        message: '`cpu` does not resolve: there is no RuntimeConfig `cpu`.',
        hint: 'Create the RuntimeConfig, or fix the name.',
      },
    ]);
  });

  it('follows the file through edits in a warm lint exactly as a cold one', async () => {
    const cwd = tempRepo({ 'dossier.yaml': 'extends: core\n', 'team.yaml': TEAM, 'runtime.yaml': RUNTIME, 'deploy.yaml': DEPLOYMENT });
    const runtime = path.join(cwd, 'runtime.yaml');
    const messages = async (cache: false | undefined) =>
      runtimeProblem((await lintProject({ cwd, cache, fetch: { offline: true } })).diagnostics);
    for (const text of [RUNTIME, BROKEN_RUNTIME, BROKEN_RUNTIME.replace('name: cpu', 'name: gpu'), BROKEN_RUNTIME, RUNTIME]) {
      writeFileSync(runtime, text);
      // Written just now: a warm lint reads it again (its stamp could hide an edit).
      const warm = await messages(undefined);
      expect(warm).toEqual(await messages(false));
    }
    writeFileSync(runtime, BROKEN_RUNTIME);
    expect((await messages(undefined))[0]?.messageId).toBe('inUnparsedFile');
  });
});

describe('the definitions of documents that do not parse', () => {
  it('are read from their kind and metadata only, each at the line of its kind', () => {
    const text = `${TEAM}---\n${BROKEN_RUNTIME}---\nkind: Team\nmetadata:\n  name: other\nspec: {type: [}\n`;
    expect(strandedDefinitions(text)).toEqual([
      { kind: 'Team', name: 'ml', namespace: undefined, line: 2 },
      { kind: 'RuntimeConfig', name: 'cpu', namespace: undefined, line: 7 },
      { kind: 'Team', name: 'other', namespace: undefined, line: 15 },
    ]);
    expect(strandedDefinitions(text, { names: new Set(['other']) }).map((d) => d.name)).toEqual(['other']);
    // Only the documents that hold a line where the parser stopped.
    expect(strandedDefinitions(text, { lines: [12] }).map((d) => d.name)).toEqual(['cpu']);
  });
});
