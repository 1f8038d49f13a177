// Scripted random edits of a metadata repository, the same series on every run: what the incremental
// link is compared with a link from scratch under.

/** A small deterministic generator (mulberry32): the same series on every run. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Edits a metadata repository goes through: promotions, deprecations, renames, a new owner, removals, copies, broken YAML. */
export const EDITS: readonly ((text: string) => string)[] = [
  (text) => text.replace('stage: production', 'stage: staging'),
  (text) => text.replace('stage: staging', 'stage: production'),
  (text) => text.replace(/lifecycle: \w+/, 'lifecycle: retired'),
  (text) => text.replace(/lifecycle: \w+/, 'lifecycle: deprecated'),
  (text) => text.replace(/^ {2}name: (\S+)/m, '  name: $1-renamed'),
  (text) => text.replace(/^ {2}version: "?([\w.]+)"?/m, '  version: "9.9.9"'),
  (text) => `${text}\nthis is: [not yaml\n`,
  (text) => text.replace(/approvals:/, 'approvalsRemoved:'),
  // Another team of examples/ml-platform takes the entity over.
  (text) =>
    text.replace(
      /^( {2}owner:) (risk-ml|growth-ml)$/m,
      (_, key: string, team: string) => `${key} ${team === 'risk-ml' ? 'growth-ml' : 'risk-ml'}`,
    ),
];
