import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { mergeInto, YAML_OUTPUT } from '../../src/source/yaml-edit.js';

function edited(text: string, at: string[], value: unknown): string {
  const document = parseDocument(text);
  mergeInto(document, at, value);
  return document.toString(YAML_OUTPUT);
}

describe('mergeInto with anchors and aliases', () => {
  const cases: { name: string; text: string; at: string[]; value: unknown; expected: string }[] = [
    {
      name: 'an alias of the replaced node keeps its old value',
      text: 'metadata:\n  tags: &t [pii]\n  terms: *t\n',
      at: [],
      value: { metadata: { tags: ['pii', 'shadow'] } },
      expected: 'metadata:\n  tags: [pii, shadow]\n  terms: [pii]\n',
    },
    {
      name: 'an alias of a node inside the replaced one keeps its old value',
      text: 'tags: &t [pii, {a: &inner 1}]\nterms: *inner\n',
      at: [],
      value: { tags: ['x'] },
      expected: 'tags: [x]\nterms: 1\n',
    },
    {
      name: 'an alias of a mapping on the path keeps the mapping as it was',
      text: 'a: &x {k: 1, j: 2}\nb: *x\n',
      at: [],
      value: { a: { k: 3 } },
      expected: 'a: &x {k: 3, j: 2}\nb: {k: 1, j: 2}\n',
    },
    {
      name: 'editing through an alias changes that place only, keeping its other fields',
      text: 'a: &x {k: 1, j: 2}\nb: *x\n',
      at: [],
      value: { b: { k: 3 } },
      expected: 'a: &x {k: 1, j: 2}\nb: {k: 3, j: 2}\n',
    },
    {
      name: 'a merge key keeps what it merged',
      text: 'base: &base {cpu: "2"}\nrun: {<<: *base, gpu: 1}\n',
      at: [],
      value: { base: { cpu: '4' } },
      expected: 'base: &base {cpu: "4"}\nrun: {<<: {cpu: "2"}, gpu: 1}\n',
    },
    {
      name: 'aliases of what does not change stay aliases',
      text: 'a: &x [1]\nb: *x\nc: 1\n',
      at: [],
      value: { c: 2 },
      expected: 'a: &x [1]\nb: *x\nc: 2\n',
    },
  ];
  for (const { name, text, at, value, expected } of cases) {
    it(name, () => {
      expect(edited(text, at, value)).toBe(expected);
    });
  }

  it('changes nothing, aliases included, when the value is already there', () => {
    const document = parseDocument('a: &x {k: 1}\nb: *x\n');
    expect(mergeInto(document, [], { b: { k: 1 } })).toBe(false);
    expect(document.toString(YAML_OUTPUT)).toBe('a: &x {k: 1}\nb: *x\n');
  });
});

describe('mergeInto with lists of named items', () => {
  it('keeps the other items of a list that repeats a name, matching a repeated name occurrence by occurrence', () => {
    // An imported card's results on two splits, both `rouge-1` (Validation ROGUE-1, Test ROGUE-1).
    const text = 'metrics:\n  - {name: rouge-1, value: 55.1}\n  - {name: rouge-2, value: 30.2}\n  - {name: rouge-1, value: 54.3}\n';
    expect(edited(text, [], { metrics: [{ name: 'rouge-1', value: 56 }] })).toBe(
      'metrics:\n  - {name: rouge-1, value: 56}\n  - {name: rouge-2, value: 30.2}\n  - {name: rouge-1, value: 54.3}\n',
    );
    expect(
      edited(text, [], {
        metrics: [
          { name: 'rouge-1', value: 55.1 },
          { name: 'rouge-1', value: 53 },
        ],
      }),
    ).toBe('metrics:\n  - {name: rouge-1, value: 55.1}\n  - {name: rouge-2, value: 30.2}\n  - {name: rouge-1, value: 53}\n');
  });
});
