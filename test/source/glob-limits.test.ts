import { describe, expect, it } from 'vitest';
import { braceExpansionCount, globListProblems, MAX_GLOB_EXPANSION } from '../../src/source/glob-limits.js';

describe('braceExpansionCount', () => {
  const cases: [string, number][] = [
    ['**/*.yaml', 1],
    ['**/*.{yaml,yml}', 2],
    ['{models,datasets}/**/*.{yaml,yml}', 4],
    ['{a,{b,c}}', 3],
    ['{a,b{1..3}}', 4],
    ['{1..10}', 10],
    ['{10..1..3}', 4],
    ['{a..e}', 5],
    ['{x}', 1],
    ['{{a,b}}', 2],
    ['\\{a,b}', 1],
    ['{a,b', 1],
    ['{a,b}}', 2],
    ['{'.repeat(500), 1],
    ['{a,b}'.repeat(16), 65_536],
    ['{1..10000000}', 10_000_000],
  ];
  for (const [glob, count] of cases) {
    it(`counts ${glob.length > 30 ? `${glob.slice(0, 30)}…` : glob} as ${count}`, () => {
      expect(braceExpansionCount(glob)).toBe(count);
    });
  }
});

describe('globListProblems', () => {
  it('accepts ordinary globs', () => {
    expect(globListProblems(['**/*.{yaml,yml}', 'drafts/**', '{a,b,c}/{x,y}/*.yaml'])).toEqual([]);
  });

  it('points at the glob whose expansion passes the limit', () => {
    const problems = globListProblems(['ok/**', '{a,b}'.repeat(16), '{1..10000000}']);
    expect(problems.map((p) => p.index)).toEqual([1]);
    expect(problems[0]?.message).toContain(`more than ${MAX_GLOB_EXPANSION} patterns`);
  });

  it('counts the whole list, so many moderate globs cannot add up unchecked', () => {
    const problems = globListProblems(Array(20).fill('{1..100}'));
    expect(problems.map((p) => p.index)).toEqual([10]);
    expect(problems[0]?.message).toContain('the list expands');
  });

  it('refuses a glob too long to match cheaply', () => {
    expect(globListProblems(['a'.repeat(5000)]).map((p) => p.index)).toEqual([0]);
  });

  it('refuses a name no file system allows (the walk would fail with ENAMETOOLONG)', () => {
    expect(globListProblems(['models/**', `${'a'.repeat(300)}/*.yaml`]).map((p) => [p.index, p.message])).toEqual([
      [1, 'A part of this path is longer than 255 bytes, which no file system allows.'],
    ]);
  });

  it('refuses a glob that leaves the folder of dossier.yaml: a fork could publish any file it reaches', () => {
    const globs = ['../secrets/*.yaml', '!../x/**', '/etc/**/*.yaml', 'C:/x/*.yaml', 'a/../../b.yaml', 'models/**/*.yaml', '..a/*.yaml'];
    expect(globListProblems(globs).map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
    expect(globListProblems(['../x.yaml'])[0]?.message).toContain('leaves the folder of dossier.yaml');
  });

  it('refuses more than two wildcards in one name, whose matching grows with the name to their power', () => {
    const globs = ['**/*.yaml', '*-draft-*.yml', 'drafts/**', '*a*a*a*b.yaml', 'x/+(a|b)*(c)*.yaml', 'a**b**c.yaml'];
    expect(globListProblems(globs).map((p) => p.index)).toEqual([3, 4]);
  });
});
