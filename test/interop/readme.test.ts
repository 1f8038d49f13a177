// The README shows `dossier import` and `dossier export` with their real output: this keeps it true.

import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleFiles, runCli, tempRepo } from '../helpers.js';
import { FIXTURES } from './import-helpers.js';

const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('## Standards in and out'), readme.indexOf('## Many repositories'));
const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((match) => ({ language: match[1], text: match[2] ?? '' }));

describe('the README on import and export', () => {
  it('shows what dossier import prints and writes', async () => {
    const cwd = tempRepo();
    cpSync(path.join(FIXTURES, 'huggingface/my-cool-model'), path.join(cwd, 'my-cool-model'), { recursive: true });
    const run = await runCli(['import', 'hf-model-card', 'my-cool-model', '--version', '1', '--owner', 'vision', '--out', 'metadata'], {
      cwd,
    });
    expect(run.code).toBe(0);
    expect(blocks.find((b) => b.language === 'text')?.text).toBe(run.stdout + run.stderr);
    const written = readFileSync(path.join(cwd, 'metadata/models/my-cool-model.yaml'), 'utf8');
    expect(written.startsWith(blocks.find((b) => b.language === 'yaml')?.text ?? '-')).toBe(true);
  });

  it('shows the start of an exported card', async () => {
    const run = await runCli(['export', 'hf-model-card', 'model:fraud-detector'], { cwd: tempRepo(exampleFiles()) });
    expect(run.stdout.startsWith(blocks.find((b) => b.language === 'markdown')?.text ?? '-')).toBe(true);
  });
});
