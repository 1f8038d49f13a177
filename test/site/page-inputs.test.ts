// A page's inputs are fingerprinted whole: whatever is in the value a page is made from decides
// whether a rebuild makes the page again, with nothing listed apart.

import { describe, expect, it } from 'vitest';
import { eachBuild, fingerprint, LazyInput } from '../../src/site/page-inputs.js';

describe('the fingerprint of page inputs', () => {
  it('changes with any field, however deep, maps and sets included', () => {
    const inputs = { layout: { title: 'Catalog', footer: 'Ask the ML team.' }, filesUrls: new Map([['hub', 'https://a/']]) };
    const print = fingerprint(inputs);
    expect(fingerprint({ ...inputs })).toBe(print);
    expect(fingerprint({ ...inputs, layout: { ...inputs.layout, footer: 'Ask the data team.' } })).not.toBe(print);
    expect(fingerprint({ ...inputs, filesUrls: new Map([['hub', 'https://b/']]) })).not.toBe(print);
    expect(fingerprint({ tags: new Set(['a']) })).not.toBe(fingerprint({ tags: new Set(['b']) }));
  });

  it('takes a lazy input by its print, without making it', () => {
    let made = 0;
    const lazy = (print: string) =>
      new LazyInput(
        () => print,
        () => ++made,
      );
    expect(fingerprint({ events: lazy('a') })).toBe(fingerprint({ events: lazy('a') }));
    expect(fingerprint({ events: lazy('a') })).not.toBe(fingerprint({ events: lazy('b') }));
    expect(made).toBe(0);
    const input = lazy('a');
    expect([input.value, input.value]).toEqual([1, 1]);
  });

  it('is undefined when an input is made at every build, and refuses a function', () => {
    expect(fingerprint({ problems: eachBuild(() => []) })).toBeUndefined();
    expect(() => fingerprint({ view: () => 'a view' })).toThrow(/a function cannot be fingerprinted/);
  });
});
