// Meta-tests that keep the rule registry honest: ids, messages, and docs pages whose examples run.

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSources } from '../../src/compile/compile-sources.js';
import { allRules, catalogRules } from '../../src/rules/registry.js';
import { Ruleset } from '../../src/rules/ruleset.js';
import { BASE, compileFiles } from '../helpers.js';

/** Governance examples run against the governed base of the fixtures, under `extends: strict`. */
const GOVERNED_BASE = readFileSync('examples/broken/governance/base.yaml', 'utf8');
const HYGIENE = ['term/unused', 'team/unused', 'dataset/orphan'];

function governanceRun(ruleId: string, text: string): string[] {
  // A compliance profile's rule is on only where its profile is extended: here, for the example.
  const profile = catalogRules.find((rule) => rule.meta.id === ruleId)?.meta.profile;
  const ruleset = new Ruleset({
    extends: 'strict',
    rules: Object.fromEntries(HYGIENE.filter((id) => id !== ruleId).map((id) => [id, 'off'])),
    ruleOptions: { 'entity/naming-pattern': { patterns: { Deployment: '-(prod|staging|dev)$' } } },
    overrides: profile === undefined ? [] : [{ files: ['example.yaml'], rules: { [ruleId]: 'warning' } }],
    policies: [],
  });
  const result = compileSources({
    sources: [
      { file: 'base.yaml', text: GOVERNED_BASE },
      { file: 'example.yaml', text },
    ],
    ruleset,
  });
  return result.diagnostics.map((d) => `${d.file === 'example.yaml' ? '' : `${d.file} `}${d.ruleId}`);
}

const RETIRED_AND_DEPRECATED = `---
apiVersion: dossier/v1
kind: Dataset
metadata: {name: old-events, lifecycle: retired}
spec: {location: {uri: x}}
---
apiVersion: dossier/v1
kind: Dataset
metadata: {name: legacy-events, lifecycle: deprecated}
spec: {location: {uri: x}}
`;

function yamlBlock(markdown: string, heading: string): string | undefined {
  const section = markdown.split(`## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';
  return /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
}

describe('rule registry', () => {
  it('has unique ids of the form family/name', () => {
    const ids = allRules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z-]*\/[a-z0-9-]+$/);
  });

  for (const rule of allRules) {
    describe(rule.id, () => {
      it('has an imperative description and messages', () => {
        expect(rule.description).toMatch(/^[A-Z][a-z]+ .*\.$/);
        expect(Object.keys(rule.messages).length).toBeGreaterThan(0);
      });

      const page = `docs/rules/${rule.id}.md`;
      it(`has a docs page with the required sections (${page})`, () => {
        expect(existsSync(page)).toBe(true);
        const markdown = readFileSync(page, 'utf8');
        for (const heading of ['## Why', '## Failing example', '## Passing example', '## Configuration'])
          expect(markdown).toContain(heading);
        expect(markdown.startsWith(`# ${rule.id}\n`)).toBe(true);
      });

      const markdown = existsSync(page) ? readFileSync(page, 'utf8') : '';
      const failing = yamlBlock(markdown, 'Failing example');
      const passing = yamlBlock(markdown, 'Passing example');
      const isCatalogRule = catalogRules.some((r) => r.meta.id === rule.id) || rule.id.startsWith('suppression/');
      if (isCatalogRule) {
        it('is reported for its failing example and not for its passing one, under extends: strict', () => {
          expect(failing, 'the docs page needs a YAML failing example').toBeDefined();
          expect(governanceRun(rule.id, failing as string)).toContain(rule.id);
          expect(governanceRun(rule.id, passing as string)).toEqual([]);
        });
      } else if (failing?.startsWith('apiVersion') && passing?.startsWith('apiVersion')) {
        it('is reported for its failing example and not for its passing one', () => {
          const run = (text: string) =>
            compileFiles({ 'base.yaml': BASE + RETIRED_AND_DEPRECATED, 'example.yaml': text })
              .diagnostics.filter((d) => d.file === 'example.yaml')
              .map((d) => d.ruleId);
          expect(run(failing)).toContain(rule.id);
          expect(run(passing)).toEqual([]);
        });
      }
    });
  }
});

describe('every governance rule', () => {
  for (const rule of catalogRules) {
    const file = `test/rules/governance/${rule.meta.id}.test.ts`;
    it(`${rule.meta.id} has RuleTester cases in ${file}`, () => {
      expect(existsSync(file)).toBe(true);
      expect(readFileSync(file, 'utf8')).toContain(`ruleTester.run('${rule.meta.id}'`);
    });
  }
});
