// The credit-scoring system of test/fixtures/compliance, for the compliance profiles' RuleTester cases.

import { readFileSync } from 'node:fs';

/** Every entity of the system but its Model. */
export const SYSTEM = readFileSync('test/fixtures/compliance/system.yaml', 'utf8');

/** The Model, documented for every profile. */
export const DOCUMENTED_MODEL = readFileSync('test/fixtures/compliance/model.yaml', 'utf8');

/** The documented Model without the lines that contain `text`. */
export function modelWithout(text: string): string {
  return DOCUMENTED_MODEL.split('\n')
    .filter((line) => !line.includes(text))
    .join('\n');
}

/** A Model of the system that declares only its EU AI Act classification. */
export const classifiedOnly = (classification: string) => `apiVersion: dossier/v1
kind: Model
metadata: {name: lender, owner: lending-ml, description: Scores loan applications.}
spec:
  task: binary-classification
  intendedUse: Scoring the creditworthiness of retail loan applicants.
  compliance:
    euAiAct: {classification: ${classification}}
`;
