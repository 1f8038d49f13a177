// A RuleTester, as ESLint and typescript-eslint test their rules: each governance rule runs alone on
// small YAML snippets (with a base of the entities they reference), `valid` ones must give no
// problem of the rule, `invalid` ones exactly the problems listed, each pinned by message id, data
// and its full 1-based range. A snippet that is not valid YAML or fails its schema fails the test:
// the case would test nothing.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSources } from '../../src/compile/compile-sources.js';
import type { Diagnostic, MessageData } from '../../src/ground/diagnostics.js';
import { catalogRules } from '../../src/rules/registry.js';
import { Ruleset } from '../../src/rules/ruleset.js';

/** The governed entities of the fixtures (teams, terms, datasets, models) that snippets reference. */
export const GOVERNED_BASE = readFileSync('examples/broken/governance/base.yaml', 'utf8');

const SNIPPET = 'snippet.yaml';

export type CatalogRuleId = (typeof catalogRules)[number]['meta']['id'];

export interface ValidCase {
  name: string;
  yaml: string;
}

export interface ExpectedProblem {
  messageId: string;
  data?: MessageData;
  /** 1-based, as people read them. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface InvalidCase extends ValidCase {
  problems: ExpectedProblem[];
}

export interface RuleTests {
  /** The rule's options, as `rules: {id: [severity, options]}` in dossier.yaml gives them. */
  options?: Record<string, unknown>;
  /** Entities the snippets reference; the governed base unless given. */
  base?: string;
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** Runs only `ruleId` over the base and the snippet: every problem of the snippet's file. */
function problemsOf(ruleId: string, tests: RuleTests, yaml: string): Diagnostic[] {
  const rule = catalogRules.find((candidate) => candidate.meta.id === ruleId);
  if (rule === undefined) throw new Error(`no catalog rule ${ruleId}`);
  const ruleset = new Ruleset({
    extends: 'core',
    rules: { [ruleId]: rule.meta.defaultSeverity },
    ruleOptions: tests.options === undefined ? {} : { [ruleId]: tests.options },
    overrides: [],
    policies: [],
  });
  const { diagnostics } = compileSources({
    sources: [
      { file: 'base.yaml', text: tests.base ?? GOVERNED_BASE },
      { file: SNIPPET, text: yaml },
    ],
    ruleset,
  });
  const broken = diagnostics.filter((d) => d.file === SNIPPET && /^(yaml|schema|file)\//.test(d.ruleId));
  expect(
    broken.map((d) => `${d.ruleId}: ${d.message}`),
    'the snippet itself must be valid',
  ).toEqual([]);
  return diagnostics.filter((d) => d.ruleId === ruleId);
}

function asExpected(diagnostic: Diagnostic, withData: boolean): ExpectedProblem {
  const { start, end } = diagnostic.range;
  return {
    messageId: diagnostic.messageId,
    ...(withData ? { data: diagnostic.data } : {}),
    line: start.line + 1,
    column: start.column + 1,
    endLine: end.line + 1,
    endColumn: end.column + 1,
  };
}

export const ruleTester = {
  run(ruleId: CatalogRuleId, tests: RuleTests): void {
    describe(ruleId, () => {
      describe('valid', () => {
        for (const { name, yaml } of tests.valid)
          it(name, () => {
            expect(problemsOf(ruleId, tests, yaml).map((d) => `${d.file}: ${d.message}`)).toEqual([]);
          });
      });
      describe('invalid', () => {
        for (const { name, yaml, problems } of tests.invalid)
          it(name, () => {
            // A rule that checks entities together may also report on the base's: only the snippet's are pinned.
            const found = problemsOf(ruleId, tests, yaml).filter((d) => d.file === SNIPPET);
            expect(found.map((d, index) => asExpected(d, problems[index]?.data !== undefined))).toEqual(problems);
          });
      });
    });
  },
};
