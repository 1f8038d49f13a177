// A number with its noun in agreement: "1 entity", "2 entities", "0 errors".

/** `count` followed by `singular` when it is 1, else by `plural` (the singular plus "s" unless given). */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
