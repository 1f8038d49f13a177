// The compliance profiles Dossier ships, by id: presets for `extends:` and the sections of `dossier compliance`.

import { euAiAct } from './eu-ai-act.js';
import { iso42001 } from './iso-42001.js';
import { nistAiRmf } from './nist-ai-rmf.js';
import type { ComplianceProfile } from './profile.js';

export const complianceProfiles: readonly ComplianceProfile[] = [euAiAct, nistAiRmf, iso42001];

export const PROFILE_IDS: readonly string[] = complianceProfiles.map((profile) => profile.id);

export function profileById(id: string): ComplianceProfile | undefined {
  return complianceProfiles.find((profile) => profile.id === id);
}

/** The id of the rule that reports a profile's missing evidence. */
export function profileRuleId(profile: Pick<ComplianceProfile, 'id'>): string {
  return `compliance/${profile.id}`;
}
