// Bounds on the globs of dossier.yaml: brace expansion multiplies patterns (`{a,b}{a,b}…` sixteen
// times is 65,536 of them, `{1..10000000}` ten million), and the file walk pays for every one.

/** Patterns one list of globs (include, exclude, an override's files) may expand to; real lists stay below twenty. */
export const MAX_GLOB_EXPANSION = 1000;
/** Characters in one glob; real globs stay below a hundred. */
export const MAX_GLOB_LENGTH = 1000;

/** A glob of a list that is too costly to match, with why. */
export interface GlobProblem {
  index: number;
  message: string;
}

/**
 * Problems of a list of globs: a glob longer than MAX_GLOB_LENGTH, or the glob at which the list's
 * brace expansion passes MAX_GLOB_EXPANSION patterns.
 */
/** Wildcards one file or folder name of a glob may have; real globs have one (`*.yaml`) or two. */
const MAX_WILDCARDS_PER_NAME = 2;
const WILDCARD = /\*+(?!\()|[*+?@!]\(/g;

/** The longest file or folder name file systems allow, in bytes. */
const MAX_NAME_BYTES = 255;

export function globListProblems(globs: readonly string[]): GlobProblem[] {
  const problems: GlobProblem[] = [];
  let total = 0;
  globs.forEach((glob, index) => {
    if (glob.length > MAX_GLOB_LENGTH) {
      problems.push({ index, message: `This glob is ${glob.length} characters long; at most ${MAX_GLOB_LENGTH} are allowed.` });
      return;
    }
    // The file system refuses longer names (ENAMETOOLONG) while the tree is walked.
    if (glob.split('/').some((segment) => Buffer.byteLength(segment) > MAX_NAME_BYTES)) {
      problems.push({ index, message: `A part of this path is longer than ${MAX_NAME_BYTES} bytes, which no file system allows.` });
      return;
    }
    const segments = (glob.startsWith('!') ? glob.slice(1) : glob).split('/');
    if (segments[0] === '' || /^[A-Za-z]:/.test(segments[0] ?? '') || segments.includes('..')) {
      problems.push({
        index,
        message:
          'This glob leaves the folder of dossier.yaml (`..`, or an absolute path); globs name files inside it, such as `models/**/*.yaml`.',
      });
      return;
    }
    // `*a*a*a*b` compiles to a regular expression whose matching grows with the name's length to the
    // power of its wildcards: three in one name took 9 ms a file, four 0.6 s, and one more a minute.
    if (segments.some((segment) => segment !== '**' && (segment.match(WILDCARD) ?? []).length > MAX_WILDCARDS_PER_NAME)) {
      problems.push({
        index,
        message: `A part of this glob has more than ${MAX_WILDCARDS_PER_NAME} wildcards (\`*\`, or \`*(\`, \`+(\`, \`?(\`, \`@(\`, \`!(\`); matching it costs more with each. Use a folder (\`**\`) or fewer wildcards.`,
      });
      return;
    }
    const count = braceExpansionCount(glob);
    if (total <= MAX_GLOB_EXPANSION && total + count > MAX_GLOB_EXPANSION) {
      const what = count > MAX_GLOB_EXPANSION ? 'This glob expands' : 'With this glob, the list expands';
      problems.push({
        index,
        message:
          `${what} to more than ${MAX_GLOB_EXPANSION} patterns: each \`{a,b}\` or \`{1..9}\` multiplies them. ` +
          'Use fewer brace alternatives, or a wildcard (`*`) instead of a long list or range.',
      });
    }
    total += count;
  });
  return problems;
}

const RANGE = /^(?:(-?\d+)\.\.(-?\d+)|([a-zA-Z])\.\.([a-zA-Z]))(?:\.\.(-?\d+))?$/;

/**
 * How many patterns brace expansion (bash's, as fast-glob applies it) makes of one glob, without
 * making them: `{x,y}` adds its alternatives, `{1..10}` and `{a..e}` count their steps, groups in
 * a row multiply, and a brace without a comma or range (or without its partner) is literal.
 */
export function braceExpansionCount(glob: string): number {
  const closing = matchingBraces(glob);

  /** Product of the groups in [start, end). */
  const sequence = (start: number, end: number): number => {
    let count = 1;
    for (let i = start; i < end; i++) {
      const close = closing.get(i);
      if (glob[i] === '\\') i++;
      else if (close !== undefined) {
        count *= group(i, close);
        i = close;
      }
    }
    return count;
  };

  const group = (open: number, close: number): number => {
    const commas: number[] = [];
    for (let i = open + 1; i < close; i++) {
      if (glob[i] === '\\') i++;
      else if (glob[i] === ',') commas.push(i);
      else i = closing.get(i) ?? i;
    }
    if (commas.length > 0) {
      const bounds = [open, ...commas, close];
      let sum = 0;
      for (let k = 0; k + 1 < bounds.length; k++) sum += sequence((bounds[k] as number) + 1, bounds[k + 1] as number);
      return sum;
    }
    const range = RANGE.exec(glob.slice(open + 1, close));
    if (range === null) return sequence(open + 1, close);
    const [from, to] =
      range[1] === undefined ? [range[3], range[4]].map((c) => (c as string).charCodeAt(0)) : [Number(range[1]), Number(range[2])];
    const step = Math.max(1, Math.abs(Number(range[5] ?? 1)));
    return Math.floor(Math.abs((to as number) - (from as number)) / step) + 1;
  };

  return sequence(0, glob.length);
}

/** Offsets of each `{` that has a partner `}`, mapped to it; escaped braces have none. */
function matchingBraces(glob: string): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === '{') open.push(i);
    else if (glob[i] === '}' && open.length > 0) pairs.set(open.pop() as number, i);
  }
  return pairs;
}
