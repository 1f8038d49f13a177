// The answers a rebuild compares pages' reads by: a chain read (`closure`) answers for everything the
// chain reaches past its start, so it stands exactly while none of that changed.

import { describe, expect, it } from 'vitest';
import type { CatalogReader } from '../../src/catalog/catalog.js';
import { compileSources } from '../../src/compile/compile-sources.js';
import { readKeys } from '../../src/engine/read-keys.js';
import { TextColumnReader, toTextColumn } from '../../src/engine/text-column.js';
import { RecordedAnswers, type EntityKey } from '../../src/site/reuse/recorded-answers.js';
import { PreviousPageState } from '../../src/site/reuse/page-state-format.js';

const dataset = (name: string, description: string, derivedFrom?: string) =>
  `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: ${name}, description: ${description}}\nspec:\n  location: {uri: "s3://b/${name}/"}\n${derivedFrom === undefined ? '' : `  derivedFrom: [${derivedFrom}]\n`}`;

/** raw ← cleaned ← sample, each described as given. */
function chain(descriptions: { raw?: string; cleaned?: string; sample?: string; sampleFrom?: string } = {}): CatalogReader {
  const texts = [
    dataset('raw', descriptions.raw ?? 'Raw events.'),
    dataset('cleaned', descriptions.cleaned ?? 'Cleaned events.', 'raw'),
    dataset('sample', descriptions.sample ?? 'A sample.', descriptions.sampleFrom ?? 'cleaned'),
  ];
  return compileSources({ sources: texts.map((text, index) => ({ file: `${String(index)}.yaml`, text })) }).catalog;
}

const entityKey: EntityKey = (entity) => String(entity.metadata.description);
const SAMPLE_CHAIN = readKeys.closure('derivedFrom', 'dataset:default/sample');

/** The answers of a build whose one page (the sample's) read `key` of `catalog`, as the next build finds them. */
function previousReading(catalog: CatalogReader, key: string): PreviousPageState {
  const answers = new RecordedAnswers(catalog, entityKey, undefined);
  const reads = Int32Array.of(answers.index(key));
  const stored = {
    site: '',
    ...answers.stored(reads),
    identities: toTextColumn(['dataset:default/sample']),
    own: toTextColumn(['']),
    readStarts: Int32Array.of(0, 1),
    reads,
    pages: toTextColumn([]),
    pageCounts: Int32Array.of(0),
    searchFacts: toTextColumn(['']),
    listings: toTextColumn(['']),
  };
  return PreviousPageState.of(stored) as PreviousPageState;
}

describe('a chain read by a page', () => {
  const previous = previousReading(chain(), SAMPLE_CHAIN);
  const stands = (catalog: CatalogReader) => new RecordedAnswers(catalog, entityKey, previous).standing(0);

  it('stands while nothing up the chain changed, its start included', () => {
    expect(stands(chain())).toBe(true);
    expect(stands(chain({ sample: 'Another sample.' }))).toBe(true);
  });

  it('changes with any dataset up the chain, and with the chain itself', () => {
    expect(stands(chain({ raw: 'Raw card events.' }))).toBe(false);
    expect(stands(chain({ cleaned: 'Cleaned card events.' }))).toBe(false);
    expect(stands(chain({ sampleFrom: 'raw' }))).toBe(false);
  });
});

describe('a key read by many pages', () => {
  it('has its changed answer looked up once, however many pages ask', () => {
    const groupKey = readKeys.group('dataset:default/sample');
    const previous = previousReading(chain(), groupKey);
    const catalog = chain({ sample: 'Another sample.' });
    let lookups = 0;
    const counting: CatalogReader = Object.assign(Object.create(catalog) as CatalogReader, {
      versionsOf: (key: string) => {
        lookups++;
        return catalog.versionsOf(key);
      },
    });
    const answers = new RecordedAnswers(counting, entityKey, previous);
    for (let page = 0; page < 100; page++) expect(answers.index(groupKey)).toBe(0);
    expect(answers.standing(0)).toBe(false);
    expect(lookups).toBe(1);
  });

  it('keeps the changed answer of a key first asked after the pages were decided', () => {
    const groupKey = readKeys.group('dataset:default/sample');
    const catalog = chain({ sample: 'Another sample.' });
    const answerOf = (answers: RecordedAnswers) => TextColumnReader.of(answers.stored(Int32Array.of(0)).answers)?.at(0);
    const fresh = new RecordedAnswers(catalog, entityKey, undefined);
    fresh.index(groupKey);
    const answers = new RecordedAnswers(catalog, entityKey, previousReading(chain(), groupKey));
    answers.release();
    expect(answers.index(groupKey)).toBe(0);
    expect(answerOf(answers)).toBe(answerOf(fresh));
  });
});
