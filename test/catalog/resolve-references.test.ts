import { describe, expect, it } from 'vitest';
import { BASE, brief, compileFiles } from '../helpers.js';

const mv = (version: string, spec: string, metadata = '') => `apiVersion: dossier/v1
kind: ModelVersion
metadata: {name: scorer, version: "${version}"${metadata}}
spec: ${spec}
`;

function check(text: string, extra: Record<string, string> = {}) {
  const result = compileFiles({ 'base.yaml': BASE, ...extra, 'x.yaml': text });
  return result.diagnostics.filter((d) => d.file === 'x.yaml');
}

describe('reference resolution', () => {
  const cases: { name: string; text: string; expected: string[]; message?: string; hint?: string }[] = [
    { name: 'an existing target', text: mv('2', '{model: scorer}'), expected: [] },
    {
      name: 'a missing target, with a suggestion',
      text: mv('2', '{model: scorr}'),
      expected: ['reference/unresolved 4:15'],
      hint: 'Did you mean `scorer`?',
    },
    {
      name: 'a target of the wrong kind given explicitly',
      text: mv('2', '{model: dataset:events}'),
      expected: ['reference/wrong-kind 4:15'],
      message: 'takes a Model, but `dataset:events` names a Dataset',
    },
    {
      // FORMAT.md: the field implies the kind, so `events` means the Model `events`, which does not exist.
      name: 'a name that exists only as another kind, the kind left to the field',
      text: mv('2', '{model: events}'),
      expected: ['reference/unresolved 4:15'],
      message: 'there is no Model `events`',
      hint: '`events` is a Dataset, and `spec.model` takes a Model',
    },
    {
      name: 'a missing version',
      text: mv('2', '{model: scorer, training: {datasets: [{ref: events@9, role: train}]}}'),
      expected: ['reference/missing-version 4:51'],
      hint: 'Existing versions: 1.',
    },
    { name: 'a version on an unversioned kind', text: mv('2', '{model: scorer@1}'), expected: ['reference/missing-version 4:15'] },
    {
      name: 'a missing feature',
      text: mv('2', '{model: scorer, training: {features: [user-stats#clicks]}}'),
      expected: ['reference/missing-member 4:45'],
      hint: 'clicks_7d',
    },
    { name: 'an existing feature', text: mv('2', '{model: scorer, training: {features: [user-stats#clicks_7d]}}'), expected: [] },
    {
      name: 'a feature written after a dot instead of #',
      text: mv('2', '{model: scorer, training: {features: [featureview:user-stats.clicks_7d]}}'),
      expected: ['reference/unresolved 4:45'],
      hint: 'A member is named after `#`: `featureview:user-stats#clicks_7d`.',
    },
    {
      name: 'a schema field of a dataset',
      text: mv('2', '{model: scorer, training: {datasets: [{ref: "events#user_id", role: train}]}}'),
      expected: [],
    },
    { name: 'a member on a kind without members', text: mv('2', '{model: "scorer#x"}'), expected: ['reference/invalid-syntax 4:15'] },
    { name: 'bad syntax', text: mv('2', '{model: "Scorer Model"}'), expected: ['reference/invalid-syntax 4:15'] },
    {
      name: 'an owner that is not a team',
      text: mv('2', '{model: scorer}', ', owner: pii'),
      expected: ['reference/unresolved 3:47'],
      hint: '`pii` is a Term',
    },
    {
      name: 'an owner of the wrong kind given explicitly',
      text: mv('2', '{model: scorer}', ', owner: "term:pii"'),
      expected: ['reference/wrong-kind 3:47'],
    },
    { name: 'an unresolved term', text: mv('2', '{model: scorer}', ', terms: [pi]'), expected: ['reference/unresolved 3:48'] },
  ];
  for (const { name, text, expected, message, hint } of cases) {
    it(name, () => {
      const found = check(text);
      expect(found.map(brief)).toEqual(expected);
      if (message !== undefined) expect(found[0]?.message).toContain(message);
      if (hint !== undefined) expect(found[0]?.hint).toContain(hint);
    });
  }

  it('defaults the namespace to the referring entity, and crosses namespaces when told', () => {
    const other = `apiVersion: dossier/v1
kind: Team
metadata: {name: risk-team, namespace: risk}
spec: {}
---
apiVersion: dossier/v1
kind: Model
metadata: {name: m, namespace: risk, owner: risk-team}
spec: {task: t}
---
apiVersion: dossier/v1
kind: Model
metadata: {name: m2, owner: risk/risk-team}
spec: {task: t}
---
apiVersion: dossier/v1
kind: Model
metadata: {name: m3, owner: risk-team}
spec: {task: t}
`;
    expect(check(other).map(brief)).toEqual(['reference/unresolved 18:29']);
  });

  describe('latest version', () => {
    const dataset = (version: string) =>
      `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: ds, version: "${version}"}\nspec: {location: {uri: x}}\n`;
    const latestOf = (versions: string[]) => {
      const files = Object.fromEntries(versions.map((v, i) => [`d${i}.yaml`, dataset(v)]));
      const user = `apiVersion: dossier/v1\nkind: FeatureView\nmetadata: {name: fv}\nspec: {source: ds, entities: [{name: e, joinKeys: [k]}], features: [{name: f, type: t}]}\n`;
      const result = compileFiles({ ...files, 'fv.yaml': user });
      return result.catalog.outgoing('featureview:default/fv')[0]?.target;
    };
    it('is the highest semantic version when all versions are semver', () => {
      expect(latestOf(['1.2.0', '1.10.0', '1.9.3'])).toBe('dataset:default/ds@1.10.0');
    });
    it('is the lexicographically greatest otherwise', () => {
      expect(latestOf(['2024-05', '2024-06', '2023-12'])).toBe('dataset:default/ds@2024-06');
      expect(latestOf(['9', '10'])).toBe('dataset:default/ds@9');
    });
  });

  describe('lifecycle of targets', () => {
    const retired = `apiVersion: dossier/v1\nkind: Team\nmetadata: {name: gone, lifecycle: retired}\nspec: {}\n---\napiVersion: dossier/v1\nkind: Team\nmetadata: {name: old, lifecycle: deprecated, deprecation: {replacedBy: owners}}\nspec: {}\n`;
    it('is an error for a retired target', () => {
      expect(check(mv('2', '{model: scorer}', ', owner: gone'), { 'r.yaml': retired }).map(brief)).toEqual([
        'reference/retired-target 3:47',
      ]);
    });
    it('is a warning for a deprecated target, naming its replacement', () => {
      const [d] = check(mv('2', '{model: scorer}', ', owner: old'), { 'r.yaml': retired });
      expect([d?.ruleId, d?.severity, d?.hint]).toEqual(['reference/deprecated-target', 'warning', 'It is replaced by `owners`.']);
    });
    it('asks to keep a reference that is history (training data), retiring the version too, never to point it elsewhere', () => {
      const data = `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: old-data, version: "1", lifecycle: retired}\nspec: {location: {uri: x}}\n`;
      const [d] = check(mv('2', '{model: scorer, training: {datasets: [{ref: old-data@1, role: train}]}}'), { 'd.yaml': data });
      expect(d?.ruleId).toBe('reference/retired-target');
      expect(d?.hint).toBe(
        'This reference is part of the record of `modelversion:default/scorer@2`: keep it, and retire `modelversion:default/scorer@2` too, or keep `dataset:default/old-data@1` deprecated rather than retired.',
      );
    });
    it('is not reported from an entity that is retired itself', () => {
      expect(check(mv('2', '{model: scorer}', ', owner: gone, lifecycle: retired'), { 'r.yaml': retired })).toEqual([]);
    });
  });

  describe('cycles', () => {
    const dataset = (name: string, from: string[]) =>
      `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: ${name}}\nspec: {location: {uri: x}, derivedFrom: [${from.join(', ')}]}\n`;
    it('reports each link of a derivedFrom cycle, naming the whole cycle', () => {
      const result = compileFiles({ 'a.yaml': dataset('a', ['b']), 'b.yaml': dataset('b', ['c']), 'c.yaml': dataset('c', ['a']) });
      expect(result.diagnostics.map(brief)).toEqual(['reference/cycle 4:42', 'reference/cycle 4:42', 'reference/cycle 4:42']);
      expect(result.diagnostics[0]?.message).toContain(
        '`dataset:default/a` → `dataset:default/b` → `dataset:default/c` → `dataset:default/a`',
      );
    });
    it('names a long cycle by its first members and its end, not whole on every member', () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 20; i++) files[`d${i}.yaml`] = dataset(`d${i}`, [`d${(i + 1) % 20}`]);
      const messages = compileFiles(files).diagnostics.map((d) => d.message);
      expect(messages).toHaveLength(20);
      expect(messages[0]).toContain(
        '`dataset:default/d0` → `dataset:default/d1` → `dataset:default/d2` → `dataset:default/d3` → `dataset:default/d4` → `dataset:default/d5` → … 13 more … → `dataset:default/d19` → `dataset:default/d0`.',
      );
    });
    it('reports a self-reference', () => {
      expect(compileFiles({ 'a.yaml': dataset('a', ['a']) }).diagnostics.map(brief)).toEqual(['reference/cycle 4:42']);
    });
    it('accepts a diamond, which is not a cycle', () => {
      const files = {
        'a.yaml': dataset('a', []),
        'b.yaml': dataset('b', ['a']),
        'c.yaml': dataset('c', ['a']),
        'd.yaml': dataset('d', ['b', 'c']),
      };
      expect(compileFiles(files).diagnostics).toEqual([]);
    });
    it('handles a long chain without overflowing the stack', () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 5000; i++) files[`d${i}.yaml`] = dataset(`d${i}`, i === 0 ? [] : [`d${i - 1}`]);
      expect(compileFiles(files).diagnostics).toEqual([]);
    });
  });

  describe('duplicate identities', () => {
    it('are reported on every definition', () => {
      const team = 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: owners}\nspec: {}\n';
      const result = compileFiles({ 'base.yaml': BASE, 'x.yaml': team });
      expect(result.diagnostics.map((d) => `${d.file} ${brief(d)}`)).toEqual([
        'base.yaml entity/duplicate-identity 3:18',
        'x.yaml entity/duplicate-identity 3:18',
      ]);
    });
    it('name the first few other definitions, then how many more', () => {
      const team = 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: owners}\nspec: {}\n';
      const copies = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`x${i}.yaml`, team]));
      const result = compileFiles({ 'base.yaml': BASE, ...copies });
      expect(result.diagnostics).toHaveLength(10);
      const first = result.diagnostics.find((d) => d.file === 'base.yaml')?.message;
      expect(first).toContain('also at x0.yaml:1:1, x1.yaml:1:1, x2.yaml:1:1, x3.yaml:1:1, x4.yaml:1:1 and 4 more.');
      expect(result.diagnostics.find((d) => d.file === 'x8.yaml')?.message).toContain(
        'also at base.yaml:1:1, x0.yaml:1:1, x1.yaml:1:1, x2.yaml:1:1, x3.yaml:1:1 and 4 more.',
      );
    });
    it('are not reported for different versions of one entity', () => {
      expect(check(mv('2', '{model: scorer}'))).toEqual([]);
    });
  });
});

describe('relations in both directions', () => {
  it('lists the model versions trained on a dataset', () => {
    const result = compileFiles({
      'base.yaml': BASE,
      'x.yaml': mv('2', '{model: scorer, training: {datasets: [{ref: events, role: train}]}}'),
    });
    const incoming = result.catalog.incoming('dataset:default/events@1').map((r) => `${r.inverse} ${r.source}`);
    expect(incoming).toContain('trains modelversion:default/scorer@2');
    expect(result.catalog.outgoing('modelversion:default/scorer@2').map((r) => `${r.type} ${r.target}`)).toEqual([
      'versionOf model:default/scorer',
      'trainedOn dataset:default/events@1',
    ]);
  });
});
