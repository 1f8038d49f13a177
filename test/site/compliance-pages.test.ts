// The site's compliance pages: a model declared high-risk gets its EU AI Act documentation as a
// page, linked from the model's page; the voluntary frameworks only when dossier.yaml extends them.

import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { exampleFiles, runCli, tempRepo } from '../helpers.js';
import { gitRepo } from '../diff/git-repo.js';

const PAGE = 'compliance/eu-ai-act/default/credit-scorer.html';

async function build(files: Record<string, string>): Promise<string> {
  const cwd = tempRepo(files);
  const run = await runCli(['build', '--out', '_site'], { cwd });
  expect(run.code, run.stderr).toBe(0);
  return path.join(cwd, '_site');
}

describe('compliance pages of the site', () => {
  it('documents the example credit scorer under the EU AI Act, linked from its model page', async () => {
    const out = await build(exampleFiles());
    const page = readFileSync(path.join(out, PAGE), 'utf8');
    expect(page).toContain('Documentation completeness');
    expect(page).toContain('General description of the AI system');
    expect(page).toMatch(/models\/credit-scorer\/credit-scorer\.yaml:\d+/);
    expect(page).toContain('not a legal signature');
    expect(page).not.toMatch(/\bcompliant\b|\bconformant\b|CE-ready/i);
    const model = readFileSync(path.join(out, 'entity/model/default/credit-scorer.html'), 'utf8');
    expect(model).toContain(`href="../../../${PAGE}"`);
    // Fraud detection is outside Annex III 5(b): the fraud detector declares nothing, and gets no page.
    expect(existsSync(path.join(out, 'compliance/eu-ai-act/default/fraud-detector.html'))).toBe(false);
    const validator = new HtmlValidate({
      extends: ['html-validate:document'],
      rules: { 'no-inline-style': 'off', 'long-title': 'off', 'require-sri': 'off' },
    });
    const report = await validator.validateString(page, PAGE);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line} ${m.ruleId} ${m.message}`))).toEqual([]);
  });

  it('built --at a commit, says that commit and gives its lines, as dossier compliance --at does', async () => {
    const files = exampleFiles();
    const scorer = 'models/credit-scorer/credit-scorer.yaml';
    const repo = gitRepo(files);
    const then = repo.git('rev-parse', 'HEAD');
    repo.write({ [scorer]: `# Two lines added later\n# move every line of the file down\n${files[scorer] ?? ''}` });
    repo.commit('A header');
    const built = await runCli(['build', '--at', then, '--out', '_site'], { cwd: repo.dir });
    expect(built.code, built.stderr).toBe(0);
    const page = readFileSync(path.join(repo.dir, '_site', PAGE), 'utf8');
    const report = await runCli(['compliance', 'eu-ai-act', 'model:credit-scorer', '--at', then], { cwd: repo.dir });
    const lines = (text: string) => [...new Set(text.match(/credit-scorer\.yaml:\d+/g))].sort();
    // The page leaves out the history facts the command adds; every line it gives is the command's.
    expect(lines(page).length).toBeGreaterThan(20);
    expect(lines(page).filter((line) => !lines(report.stdout).includes(line))).toEqual([]);
    expect(page).toContain(then.slice(0, 7));
    expect(page).not.toContain('working tree');
  });

  it('adds the voluntary frameworks for models in production when dossier.yaml extends them', async () => {
    const files = exampleFiles();
    files['dossier.yaml'] = (files['dossier.yaml'] ?? '').replace('extends: strict', 'extends: [strict, nist-ai-rmf]');
    const out = await build(files);
    expect(existsSync(path.join(out, 'compliance/nist-ai-rmf/default/fraud-detector.html'))).toBe(true);
    expect(existsSync(path.join(out, PAGE))).toBe(true);
  });
});
