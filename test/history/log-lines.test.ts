// `dossier log` on the example's scripted history: a line names its entity so that no two entities'
// lines read alike, and a versioned entity always with its version.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SemanticLog } from '../../src/diff/log.js';
import { exampleHistory, runCli } from '../helpers.js';
import { gitRepo } from '../diff/git-repo.js';

async function exampleLog(): Promise<SemanticLog> {
  const run = await runCli(['log', '--format', 'json'], { cwd: exampleHistory() });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as SemanticLog;
}

describe('dossier log of the example history', () => {
  it('has no two lines that read alike for different entities', async () => {
    const { events } = await exampleLog();
    const entitiesOf = new Map<string, Set<string>>();
    for (const event of events) entitiesOf.set(event.message, (entitiesOf.get(event.message) ?? new Set()).add(event.entity));
    const alike = [...entitiesOf]
      .filter(([, entities]) => entities.size > 1)
      .map(([message, entities]) => `${message} ${[...entities].join(', ')}`);
    expect(alike).toEqual([]);
    expect(events.length).toBeGreaterThan(50);
  });

  it('names a versioned entity with its version, never by its bare name', async () => {
    const { events } = await exampleLog();
    const bare = events.filter(({ entity, message }) => {
      const at = entity.indexOf('@');
      if (at === -1) return false;
      const name = entity.slice(entity.indexOf('/') + 1, at);
      return message.includes(`\`${name}\``) || message.includes(`/${name}\``);
    });
    expect(bare.map((event) => event.message)).toEqual([]);
    const messages = events.map((event) => event.message);
    expect(messages).toContain('New Dataset `transactions@2024-05`.');
    expect(messages).toContain('New Dataset `transactions@2024-06`.');
    expect(messages).toContain('New ModelVersion `fraud-detector@2.1.0` (a new version).');
  });

  it('follows an entity asked for back across its rename', async () => {
    const dir = exampleHistory();
    const edit = (file: string, from: RegExp, to: string) => {
      writeFileSync(path.join(dir, file), readFileSync(path.join(dir, file), 'utf8').replace(from, to));
    };
    edit('features/feature-views.yaml', /^ {2}name: merchant-risk$/m, '  name: merchant-risk-v2');
    edit('models/fraud-detector/versions.yaml', /^ {6}- merchant-risk$/gm, '      - merchant-risk-v2');
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=A', '-c', 'user.email=a@example.com', ...args], { cwd: dir, stdio: 'ignore' });
    git('commit', '-qam', 'Rename merchant-risk');
    const log = async (entity: string) =>
      (JSON.parse((await runCli(['log', entity, '--format', 'json'], { cwd: dir })).stdout) as SemanticLog).events.map(
        (event) => `${event.change} ${event.entity}`,
      );
    const view = await log('featureview:merchant-risk-v2');
    expect(view[0]).toBe('entity-renamed featureview:default/merchant-risk-v2');
    expect(view).toContain('entity-added featureview:default/merchant-risk');
  });

  it('reads each commit with its own selection in a log of some paths too', async () => {
    const model = 'apiVersion: dossier/v1\nkind: Model\nmetadata: {name: m}\nspec: {task: binary-classification}\n';
    const repo = gitRepo({ 'dossier.yaml': 'roots: [old]\n', 'old/m.yaml': model });
    repo.write({ 'dossier.yaml': 'roots: [new]\n', 'old/m.yaml': null, 'new/m.yaml': model });
    repo.commit('Move the metadata');
    repo.write({ 'new/m.yaml': model.replace('binary-classification', 'regression') });
    repo.commit('Change the task');
    const run = await runCli(['log', 'new', '--format', 'json'], { cwd: repo.dir });
    const events = (JSON.parse(run.stdout) as SemanticLog).events.map((event) => `${event.change} ${event.entity}`);
    expect(events[0]).toBe('fields-changed model:default/m');
  });
});
