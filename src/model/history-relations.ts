// References that record what happened: the data a model version was trained on, the features it
// read, what an evaluation measured, the model a version belongs to. Pointing them elsewhere, or
// letting them follow a newer version, rewrites that record.

const RECORDS_HISTORY: ReadonlySet<string> = new Set(['trainedOn', 'usesFeatures', 'evaluatedOn', 'evaluates', 'versionOf']);

/** Whether a relation (by its name from the referring entity) records history. */
export function recordsHistory(relation: string): boolean {
  return RECORDS_HISTORY.has(relation);
}
