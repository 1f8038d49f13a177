// dossier.yaml changed in the pull request: rules turned down or off, overrides and policies
// changed, files left out. Both sides are checked with the head's rules, so a rule turned off in
// the same pull request that breaks it would otherwise pass unseen.

import { stableStringify } from '../ground/stable-json.js';
import { Ruleset } from '../rules/ruleset.js';
import type { RuleSetting, RuleSettings } from '../rules/settings.js';
import { normalizedRoots, type FileSelection } from '../source/file-selection.js';
import type { Change, ChangeId, ChangeLevel } from './change.js';
import { code } from './detector.js';

/** Roots compared as folders (`./a/` is `a`), the configuration's own folder shown as `.`. */
function shownRoots(roots: readonly string[]): string[] {
  return normalizedRoots(roots).map((root) => (root === '' ? '.' : root));
}

/** A repository's catalog another one reads, or that reads it (dossier.yaml's `dependencies`, `dependents`). */
interface LinkedCatalog {
  name: string;
  catalog: string;
}

/**
 * What of dossier.yaml changes what a diff says: the rules, the files read, the changes accepted in
 * review, whose catalogs are read, and who is told of what breaks for them.
 */
export type ConfigSettings = RuleSettings &
  FileSelection & {
    accepted?: ReadonlyMap<string, string>;
    dependencies?: readonly LinkedCatalog[];
    dependents?: readonly LinkedCatalog[];
    namespaces?: readonly string[] | undefined;
  };

/** dossier.yaml as one side of the diff has it. */
export interface ConfigAtRevision<Settings extends ConfigSettings = ConfigSettings> {
  config: Settings;
  /** The revision has no dossier.yaml: the defaults stand for it. */
  absent?: boolean;
  /** Why the revision's dossier.yaml could not be read (the other side's stands for it). */
  problem?: string;
}

export interface ConfigFile {
  /** As people see it, from where the command runs. */
  display: string;
  /** From the repository's top: what fingerprints are made of, wherever the command runs. */
  inRepository: string;
  /** YYYY-MM-DD: decides compliance profiles' severities on both sides alike. */
  today: string;
}

/** A change of dossier.yaml, with the file's path from the repository's top that its fingerprint is made of. */
export type ConfigChange = Omit<Change, 'fingerprint'> & { inRepository: string };

const STRENGTH: Readonly<Record<RuleSetting, number>> = { off: 0, info: 1, warning: 2, error: 3 };

interface Finding {
  id: ChangeId;
  level: ChangeLevel;
  title: string;
  field: string;
  before: unknown;
  after: unknown;
  details: string[];
}

/** What `extends:` names: the preset, then the compliance profiles. */
const extendsText = (settings: ConfigSettings) => [settings.extends, ...(settings.profiles ?? []).map((profile) => profile.id)].join(', ');

/**
 * Rules whose severity changed: one change for those turned down or off, one for those turned up;
 * each says first when `extends:` changed, the cause of most such changes.
 */
function ruleFindings(base: ConfigSettings, head: ConfigSettings, today: string): Finding[] {
  const cause = extendsText(base) === extendsText(head) ? [] : [`\`extends\` changed: \`${extendsText(base)}\` → \`${extendsText(head)}\``];
  const before = new Map(new Ruleset(base, { today }).describe().map((rule) => [rule.id, rule.severity]));
  const loosened: [string, RuleSetting, RuleSetting][] = [];
  const tightened: [string, RuleSetting, RuleSetting][] = [];
  for (const rule of new Ruleset(head, { today }).describe()) {
    const was: RuleSetting = before.get(rule.id) ?? 'off';
    if (was === rule.severity) continue;
    (STRENGTH[rule.severity] < STRENGTH[was] ? loosened : tightened).push([rule.id, was, rule.severity]);
  }
  const finding = (id: ChangeId, level: ChangeLevel, verb: string, rules: [string, RuleSetting, RuleSetting][]): Finding[] =>
    rules.length === 0
      ? []
      : [
          {
            id,
            level,
            title:
              rules.length === 1
                ? `Rule \`${rules[0]?.[0] ?? ''}\` ${verb}: ${rules[0]?.[1] ?? ''} → ${rules[0]?.[2] ?? ''}.`
                : `${rules.length} rules ${verb}.`,
            field: 'rules',
            before: Object.fromEntries(rules.map(([id, was]) => [id, was])),
            after: Object.fromEntries(rules.map(([id, , is]) => [id, is])),
            details: [...cause, ...(rules.length === 1 ? [] : rules.map(([id, was, is]) => `\`${id}\`: ${was} → ${is}`))],
          },
        ];
  const lowered = loosened.some(([, was]) => STRENGTH[was] >= STRENGTH.warning) ? 'warning' : 'info';
  return [
    ...finding('rule-loosened', lowered, 'turned down or off', loosened),
    ...finding('rule-tightened', 'info', 'turned up', tightened),
  ];
}

/** A setting compared as what it means: lists of globs and folders as sets. */
function settingFinding(field: string, before: unknown, after: unknown, level: ChangeLevel, what: string): Finding[] {
  if (stableStringify(before ?? null, 0) === stableStringify(after ?? null, 0)) return [];
  return [
    {
      id: 'config-changed',
      level,
      title: `\`${field}\` changed: ${what}.`,
      field,
      before,
      after,
      details: [`${code(before)} → ${code(after)}`],
    },
  ];
}

const asSet = (values: readonly string[]) => [...new Set(values)].sort();

const catalogsOf = (sources: readonly LinkedCatalog[] | undefined) =>
  (sources ?? []).map(({ name, catalog }) => `${name}: ${catalog}`).sort();

/**
 * Fingerprints the change marks as accepted: each turns a breaking change or warning into info, so a
 * pull request that accepts its own change must say so as loudly as a rule turned off.
 */
function acceptFindings(base: ConfigSettings, head: ConfigSettings): Finding[] {
  const before = base.accepted ?? new Map<string, string>();
  const added = [...(head.accepted ?? new Map<string, string>())].filter(([fingerprint]) => !before.has(fingerprint));
  if (added.length === 0) return [];
  return [
    {
      id: 'config-changed',
      level: 'warning',
      title: `\`accept\` changed: ${added.length === 1 ? 'a change is' : `${added.length} changes are`} accepted by this change itself.`,
      field: 'accept',
      before: null,
      after: Object.fromEntries(added),
      details: added.map(([fingerprint, reason]) => `\`${fingerprint}\`: ${reason}`),
    },
  ];
}

/** What changed in dossier.yaml that changes what is checked, as changes of the diff. */
export function configChanges(base: ConfigAtRevision, head: ConfigAtRevision, file: ConfigFile): ConfigChange[] {
  const place = { entity: file.display, file: file.display, line: 1, ...(head.absent === true ? { atBase: true as const } : {}) };
  const unreadable = [base, head].find((side) => side.problem !== undefined);
  if (unreadable !== undefined)
    return [
      {
        id: 'config-unreadable',
        level: 'warning',
        title: `What changed in \`${file.display}\` is not shown: one side's cannot be read.`,
        details: [unreadable.problem ?? ''],
        ...place,
        inRepository: file.inRepository,
      },
    ];
  const [was, is] = [base.config, head.config];
  const findings = [
    ...ruleFindings(was, is, file.today),
    ...settingFinding('overrides', was.overrides, is.overrides, 'warning', 'rules set per file'),
    ...settingFinding('policies', was.policies, is.policies, 'warning', "the repository's own rules"),
    ...settingFinding('rules (options)', was.ruleOptions, is.ruleOptions, 'info', 'what rules check'),
    ...settingFinding('roots', asSet(shownRoots(was.roots)), asSet(shownRoots(is.roots)), 'warning', 'the folders that are read'),
    ...settingFinding('include', asSet(was.include), asSet(is.include), 'warning', 'the files that are read'),
    ...settingFinding('exclude', asSet(was.exclude), asSet(is.exclude), 'warning', 'the files that are left out'),
    ...acceptFindings(was, is),
    ...settingFinding(
      'dependents',
      catalogsOf(was.dependents),
      catalogsOf(is.dependents),
      'warning',
      'who is told of what breaks for them',
    ),
    ...settingFinding('dependencies', catalogsOf(was.dependencies), catalogsOf(is.dependencies), 'warning', 'the catalogs references read'),
    ...settingFinding(
      'namespaces',
      asSet(was.namespaces ?? []),
      asSet(is.namespaces ?? []),
      'info',
      'the namespaces this repository defines',
    ),
  ];
  return findings.map((finding) => ({
    id: finding.id,
    level: finding.level,
    title: finding.title,
    details: finding.details,
    field: finding.field,
    before: finding.before,
    after: finding.after,
    ...place,
    inRepository: file.inRepository,
  }));
}
