// dossier.yaml changed in the pull request: rules turned down or off, overrides and policies
// changed, files left out. Both sides are checked with the head's rules, so a rule turned off in
// the same pull request that breaks it would otherwise pass unseen.

import { stableStringify } from '../ground/stable-json.js';
import { Ruleset } from '../rules/ruleset.js';
import type { RuleSetting, RuleSettings } from '../rules/settings.js';
import type { FileSelection } from '../source/file-selection.js';
import { code } from './detector.js';
import type { Change, ChangeLevel } from './change.js';

export type ConfigSide = RuleSettings & FileSelection;

const STRENGTH: Readonly<Record<RuleSetting, number>> = { off: 0, info: 1, warning: 2, error: 3 };

interface ConfigFinding {
  id: string;
  level: ChangeLevel;
  title: string;
  field: string;
  before?: unknown;
  after?: unknown;
  details?: string[];
}

function ruleFindings(base: ConfigSide, head: ConfigSide, today: string): ConfigFinding[] {
  const before = new Map(new Ruleset(base, { today }).describe().map((rule) => [rule.id, rule.severity]));
  const findings: ConfigFinding[] = [];
  for (const rule of new Ruleset(head, { today }).describe()) {
    const was: RuleSetting = before.get(rule.id) ?? 'off';
    if (was === rule.severity) continue;
    const loosened = STRENGTH[rule.severity] < STRENGTH[was];
    findings.push({
      id: loosened ? 'rule-loosened' : 'rule-tightened',
      level: loosened && STRENGTH[was] >= STRENGTH.warning ? 'warning' : 'info',
      title: `Rule \`${rule.id}\` ${rule.severity === 'off' ? 'turned off' : `set to ${rule.severity}`} (was ${was}).`,
      field: `rules.${rule.id}`,
      before: was,
      after: rule.severity,
    });
  }
  return findings;
}

/** A setting written as a list or mapping, compared as written. */
function settingFinding(name: string, before: unknown, after: unknown, level: ChangeLevel, what: string): ConfigFinding | undefined {
  if (stableStringify(before ?? null, 0) === stableStringify(after ?? null, 0)) return undefined;
  return {
    id: 'config-changed',
    level,
    title: `\`${name}\` changed: ${what}.`,
    field: name,
    details: [`${code(before)} → ${code(after)}`],
  };
}

/** What changed in dossier.yaml that changes what is checked, as changes of the diff at `file`. */
export function configChanges(base: ConfigSide, head: ConfigSide, file: string, today: string): Omit<Change, 'fingerprint'>[] {
  const findings = [
    ...ruleFindings(base, head, today),
    settingFinding('overrides', base.overrides, head.overrides, 'warning', 'rules set per file'),
    settingFinding('policies', base.policies, head.policies, 'warning', "the repository's own rules"),
    settingFinding('rules (options)', base.ruleOptions, head.ruleOptions, 'info', 'what rules check'),
    settingFinding('roots', base.roots, head.roots, 'warning', 'the folders that are read'),
    settingFinding('include', base.include, head.include, 'warning', 'the files that are read'),
    settingFinding('exclude', base.exclude, head.exclude, 'warning', 'the files that are left out'),
  ].filter((finding) => finding !== undefined);
  return findings.map((finding) => ({
    id: finding.id,
    level: finding.level,
    entity: file,
    title: finding.title,
    details: finding.details ?? [],
    field: finding.field,
    ...(finding.before === undefined ? {} : { before: finding.before }),
    ...(finding.after === undefined ? {} : { after: finding.after }),
    file,
    line: 1,
  }));
}
