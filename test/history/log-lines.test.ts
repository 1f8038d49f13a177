// `dossier log` on the example's scripted history: a line names its entity so that no two entities'
// lines read alike, and a versioned entity always with its version.

import { describe, expect, it } from 'vitest';
import type { SemanticLog } from '../../src/diff/log.js';
import { exampleHistory, runCli } from '../helpers.js';

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
});
