// "Did you mean" suggestions by edit distance.

import { distance } from 'fastest-levenshtein';

/** Candidates close enough to `input` to be a likely typo, closest first. */
export function closestMatches(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const lowered = input.toLowerCase();
  const scored: [number, string][] = [];
  for (const candidate of candidates) {
    const score = distance(lowered, candidate.toLowerCase());
    const allowed = Math.max(2, Math.floor(Math.max(input.length, candidate.length) / 3));
    if (score <= allowed || candidate.toLowerCase().includes(lowered) || lowered.includes(candidate.toLowerCase())) {
      scored.push([score, candidate]);
    }
  }
  scored.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return scored.slice(0, limit).map(([, candidate]) => candidate);
}

/** `Did you mean `x`?` or, without a close match, the list of what is allowed. */
export function didYouMean(input: string, candidates: readonly string[], allowedNoun: string): string {
  const [best] = closestMatches(input, candidates, 1);
  if (best !== undefined) return `Did you mean \`${best}\`?`;
  return candidates.length > 0 ? `${allowedNoun}: ${candidates.map((c) => `\`${c}\``).join(', ')}.` : '';
}
