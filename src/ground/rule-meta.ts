// What every rule declares about itself, and the one place message templates are filled in.

import { SEVERITY_ORDER, type Diagnostic, type MessageData, type Range, type Severity } from './diagnostics.js';

export interface MessageTemplate {
  message: string;
  hint?: string;
  /**
   * The most severe this message is, when it is less than the rule: the same finding can gate a
   * release in one place (the rule's severity) and gate nothing in another. A severity configured
   * for the rule lowers it too, and never raises it above this.
   */
  severity?: Severity;
}

/** A rule's severity (default or configured) as one of its messages has it: no higher than the message's own. */
export function messageSeverity(ruleSeverity: Severity, template: MessageTemplate | undefined): Severity {
  const most = template?.severity;
  return most !== undefined && SEVERITY_ORDER[most] < SEVERITY_ORDER[ruleSeverity] ? most : ruleSeverity;
}

export interface RuleMeta<MessageIds extends string = string> {
  /** `family/name`, stable across releases: configs, suppressions and SARIF use it. */
  id: string;
  defaultSeverity: Severity;
  /** One line, imperative. */
  description: string;
  messages: Readonly<Record<MessageIds, MessageTemplate>>;
  /** The smallest preset that turns the rule on (`profile`: extending its compliance profile); without one, every preset (`core` too) does. */
  preset?: 'recommended' | 'strict' | 'profile';
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** Fills `{{name}}` placeholders; an unfilled placeholder is a bug in the caller, so it throws. */
export function interpolate(template: string, data: MessageData): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = data[name];
    if (value === undefined) throw new Error(`message placeholder {{${name}}} has no data`);
    return String(value);
  });
}

export interface ReportLocation {
  file: string;
  range: Range;
  entity?: string;
}

/** Builds a diagnostic from a rule's message id and data, with the rule's default severity (as the message has it). */
export function createDiagnostic<Ids extends string>(
  rule: RuleMeta<Ids>,
  messageId: Ids,
  data: MessageData,
  location: ReportLocation,
): Diagnostic {
  const template = rule.messages[messageId];
  const diagnostic: Diagnostic = {
    ruleId: rule.id,
    messageId,
    data,
    severity: messageSeverity(rule.defaultSeverity, template),
    message: interpolate(template.message, data),
    file: location.file,
    range: location.range,
  };
  const hint = template.hint === undefined ? '' : interpolate(template.hint, data);
  if (hint !== '') diagnostic.hint = hint;
  if (location.entity !== undefined) diagnostic.entity = location.entity;
  return diagnostic;
}

export function defineRule<Ids extends string>(meta: RuleMeta<Ids>): RuleMeta<Ids> {
  return meta;
}
