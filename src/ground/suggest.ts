// "Did you mean" suggestions by edit distance.

import { distance } from 'fastest-levenshtein';
import { compareStrings } from './diagnostics.js';

/**
 * Names longer than this are neither suggested nor looked up: names of the format are at most 63
 * characters, and an edit distance costs the product of two lengths (two 30,000-character member
 * names took 0.3 s, and a hostile file can hold thousands).
 */
const LONGEST_SUGGESTED = 128;

/** Candidates close enough to `input` to be a likely typo, closest first. */
export function closestMatches(input: string, candidates: Iterable<string>, limit = 3): string[] {
  if (input.length > LONGEST_SUGGESTED) return [];
  const lowered = input.toLowerCase();
  const scored: [number, string][] = [];
  for (const candidate of candidates) {
    if (candidate.length > LONGEST_SUGGESTED) continue;
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
export function didYouMean(input: string, candidates: readonly string[] | Suggester, allowedNoun: string): string {
  const [best] = candidates instanceof Suggester ? candidates.closest(input, 1) : closestMatches(input, candidates, 1);
  if (best !== undefined) return `Did you mean \`${best}\`?`;
  const all = candidates instanceof Suggester ? candidates.candidates : candidates;
  if (all.length === 0) return '';
  // A list of thousands, said at each of thousands of places, would be millions of names.
  const named = all.slice(0, ALLOWED_NAMED).map((c) => `\`${c.length > LONGEST_SUGGESTED ? `${c.slice(0, LONGEST_SUGGESTED)}…` : c}\``);
  return `${allowedNoun}: ${named.join(', ')}${all.length > ALLOWED_NAMED ? ` and ${all.length - ALLOWED_NAMED} more` : ''}.`;
}

/** How many allowed values a hint lists. */
const ALLOWED_NAMED = 20;

/** Up to this many candidates, every one is compared; beyond, an index finds the near ones. */
const COMPARED_WHOLE = 1000;
const NEIGHBOURS = 20;
const NEAR_AT_MOST = 100;

/** The text and the texts one character shorter: two texts within two edits share one (symmetric deletion). */
function deletions(text: string): string[] {
  const found = [text];
  for (let i = 0; i < text.length; i++) found.push(text.slice(0, i) + text.slice(i + 1));
  return found;
}

/**
 * closestMatches for many inputs against one set of candidates, in bounded time: one run can miss
 * thousands of names against thousands of candidates. A large set is indexed by deletions, which
 * finds every candidate within two edits, and searched around where the input sorts, which finds
 * the ones it begins or ends the name of.
 */
export class Suggester {
  /** Every candidate, in the order given. */
  readonly candidates: readonly string[];
  readonly #sorted: string[] | undefined;
  readonly #byDeletion: Map<string, string[]> | undefined;

  constructor(candidates: readonly string[]) {
    this.candidates = candidates;
    if (candidates.length <= COMPARED_WHOLE) return;
    const suggested = candidates.filter((candidate) => candidate.length <= LONGEST_SUGGESTED);
    this.#sorted = suggested.sort((a, b) => compareStrings(a.toLowerCase(), b.toLowerCase()));
    this.#byDeletion = new Map();
    for (const candidate of suggested) {
      for (const variant of new Set(deletions(candidate.toLowerCase()))) {
        const list = this.#byDeletion.get(variant);
        if (list === undefined) this.#byDeletion.set(variant, [candidate]);
        else list.push(candidate);
      }
    }
  }

  closest(input: string, limit = 3): string[] {
    return closestMatches(input, this.near(input), limit);
  }

  /**
   * The candidates worth comparing with `input`: all of a small set; of a large one, those within
   * two edits and those around where it sorts, at most NEAR_AT_MOST (names made to crowd one
   * deletion must not make each question cost the whole set).
   */
  near(input: string): Iterable<string> {
    if (input.length > LONGEST_SUGGESTED) return [];
    if (this.#byDeletion === undefined || this.#sorted === undefined) return this.candidates;
    const lowered = input.toLowerCase();
    const near = new Set<string>();
    for (const variant of deletions(lowered))
      for (const candidate of this.#byDeletion.get(variant) ?? []) {
        if (near.size >= NEAR_AT_MOST) return near;
        near.add(candidate);
      }
    let low = 0;
    let high = this.#sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#sorted[middle] as string).toLowerCase() < lowered) low = middle + 1;
      else high = middle;
    }
    for (const candidate of this.#sorted.slice(Math.max(0, low - NEIGHBOURS), low + NEIGHBOURS)) near.add(candidate);
    return near;
  }
}
