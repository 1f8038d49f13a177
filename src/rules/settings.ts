// How a repository configures its rules: presets, severities, per-file overrides and policies.
// dossier.yaml is parsed into these by config/; the rules layer owns their meaning.

import type { Severity } from '../ground/diagnostics.js';
import type { Kind } from '../model/kinds.js';

export type RuleSetting = Severity | 'off';
export type Preset = 'core' | 'recommended' | 'strict';

export interface Override {
  files: string[];
  rules: Record<string, RuleSetting>;
}

/** A rule written as data in dossier.yaml: entities of these kinds must have these fields. */
export interface Policy {
  id: string;
  severity: Severity;
  message: string;
  description?: string;
  when: { kind: Kind | Kind[]; where?: Record<string, string | number | boolean | (string | number | boolean)[]> };
  require: string[];
}

/** A compliance profile named in `extends:`, with the date its missing evidence becomes an error. */
export interface ProfileSetting {
  id: string;
  /** YYYY-MM-DD: from the profile, or as dossier.yaml's `profiles:` overrides it; none: always a warning. */
  applicationDate: string | undefined;
}

/** Everything that decides which rules run at which severity. */
export interface RuleSettings {
  extends: Preset;
  /** Severities set in `rules:` (not including presets). */
  rules: Readonly<Record<string, RuleSetting>>;
  /** Options set in `rules:` as `[severity, {options}]`, validated against each rule's schema. */
  ruleOptions: Readonly<Record<string, Record<string, unknown>>>;
  overrides: readonly Override[];
  policies: readonly Policy[];
  /** Compliance profiles extended besides the preset (`extends: [recommended, eu-ai-act]`). */
  profiles?: readonly ProfileSetting[];
}
