// Which rules run, at which severity, for which file: presets, `rules:`, `overrides:` and policies.

import type { Diagnostic, Severity } from '../ground/diagnostics.js';
import picomatch from 'picomatch';
import type { CatalogRule } from './catalog-rule.js';
import { policyRule } from './policy-rule.js';
import { catalogRules, rulesById } from './registry.js';
import { messageSeverity } from '../ground/rule-meta.js';
import type { ProfileSetting, RuleSetting, RuleSettings } from './settings.js';

export interface ActiveRule {
  rule: CatalogRule;
  options: unknown;
}

/** Today as YYYY-MM-DD (UTC). */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A compliance profile's missing evidence: a warning until its application date, an error from then. */
export function profileSeverity(profile: ProfileSetting, on: string = today()): Severity {
  return profile.applicationDate !== undefined && on >= profile.applicationDate ? 'error' : 'warning';
}

/** What the date decides of the rules (each extended profile's severity today): part of what a kept lint result depends on. */
export function profileSeveritiesToday(settings: Pick<RuleSettings, 'profiles'>): string {
  return (settings.profiles ?? []).map((profile) => `${profile.id}=${profileSeverity(profile)}`).join(',');
}

export class Ruleset {
  readonly #config: RuleSettings;
  readonly #catalogRules: readonly CatalogRule[];
  readonly #overrides: { matches: (file: string) => boolean; rules: Readonly<Record<string, RuleSetting>> }[];
  /** Display path prefix of the configuration's folder, stripped before override globs match. */
  readonly #rootPrefix: string;
  /** Whether governance rules run at all; the bare library compile checks schemas and references only. */
  readonly #withCatalogRules: boolean;
  /** YYYY-MM-DD: decides whether a profile's application date has come. */
  readonly #today: string;

  constructor(config: RuleSettings, options: { rootDisplayPath?: string; withCatalogRules?: boolean; today?: string } = {}) {
    this.#config = config;
    this.#catalogRules = [...catalogRules, ...config.policies.map(policyRule)];
    this.#overrides = config.overrides.map((override) => ({ matches: picomatch(override.files, { dot: true }), rules: override.rules }));
    const root = options.rootDisplayPath ?? '.';
    this.#rootPrefix = root === '.' ? '' : `${root}/`;
    this.#withCatalogRules = options.withCatalogRules ?? true;
    this.#today = options.today ?? today();
  }

  /** Only the schema, reference and file checks, at their default severities. */
  static coreOnly(): Ruleset {
    return new Ruleset({ extends: 'core', rules: {}, ruleOptions: {}, overrides: [], policies: [] }, { withCatalogRules: false });
  }

  /** Severity before overrides: `rules:` wins, else the preset decides for governance rules. */
  baseSeverity(ruleId: string): RuleSetting {
    const configured = this.#config.rules[ruleId];
    if (configured !== undefined) return configured;
    const catalogRule = this.#catalogRules.find((rule) => rule.meta.id === ruleId);
    // Policies are the repository's own rules: written in dossier.yaml, they are on in every preset.
    if (catalogRule?.meta.family === 'policy') return catalogRule.meta.defaultSeverity;
    // A compliance profile's rule is on when the profile is extended: a warning until its application date, an error from then.
    if (catalogRule?.meta.preset === 'profile') {
      const profile = this.#config.profiles?.find((setting) => setting.id === catalogRule.meta.profile);
      return profile === undefined ? 'off' : profileSeverity(profile, this.#today);
    }
    const meta = catalogRule?.meta ?? rulesById.get(ruleId);
    if (meta === undefined) return 'off';
    if (catalogRule === undefined && meta.preset === undefined) return meta.defaultSeverity;
    const preset = this.#config.extends;
    const inPreset = preset === 'strict' || (preset === 'recommended' && meta.preset === 'recommended');
    return inPreset ? meta.defaultSeverity : 'off';
  }

  severityFor(ruleId: string, displayPath: string): RuleSetting {
    let severity = this.baseSeverity(ruleId);
    if (this.#overrides.length === 0) return severity;
    const file = displayPath.startsWith(this.#rootPrefix) ? displayPath.slice(this.#rootPrefix.length) : displayPath;
    for (const override of this.#overrides) {
      const setting = override.rules[ruleId];
      if (setting !== undefined && override.matches(file)) severity = setting;
    }
    return severity;
  }

  /** Governance rules and policies that are on for at least one file. */
  activeCatalogRules(): ActiveRule[] {
    if (!this.#withCatalogRules) return [];
    return this.#catalogRules
      .filter(
        (rule) => this.baseSeverity(rule.meta.id) !== 'off' || this.#overrides.some((o) => (o.rules[rule.meta.id] ?? 'off') !== 'off'),
      )
      .map((rule) => ({ rule, options: this.#config.ruleOptions[rule.meta.id] ?? {} }));
  }

  /** Every rule with its base severity, for `dossier rules`. */
  describe(): { id: string; family: string; defaultSeverity: string; severity: RuleSetting; description: string }[] {
    const core = [...rulesById.values()].filter((meta) => !this.#catalogRules.some((rule) => rule.meta.id === meta.id));
    return [
      ...core.map((meta) => ({
        id: meta.id,
        family: meta.id.split('/')[0] as string,
        defaultSeverity: meta.defaultSeverity,
        severity: this.baseSeverity(meta.id),
        description: meta.description,
      })),
      ...this.#catalogRules.map((rule) => ({
        id: rule.meta.id,
        family: rule.meta.family,
        defaultSeverity: rule.meta.defaultSeverity,
        severity: this.baseSeverity(rule.meta.id),
        description: rule.meta.description,
      })),
    ];
  }
}

/**
 * Drops diagnostics of rules that are off for their file and applies configured severities, each
 * no higher than its message allows (`MessageTemplate.severity`).
 */
export function applyRuleSettings(diagnostics: readonly Diagnostic[], ruleset: Ruleset): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const setting = ruleset.severityFor(diagnostic.ruleId, diagnostic.file);
    if (setting === 'off') continue;
    const severity = messageSeverity(setting, rulesById.get(diagnostic.ruleId)?.messages[diagnostic.messageId]);
    out.push(severity === diagnostic.severity ? diagnostic : { ...diagnostic, severity });
  }
  return out;
}
