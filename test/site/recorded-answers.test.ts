// The answers a rebuild compares pages' reads by: a chain read (`closure`) answers for everything the
// chain reaches past its start, so it stands exactly while none of that changed.

import { describe, expect, it } from 'vitest';
import type { CatalogReader } from '../../src/catalog/catalog.js';
import { compileSources } from '../../src/compile/compile-sources.js';
import { readKeys } from '../../src/engine/read-keys.js';
import { toTextColumn } from '../../src/engine/text-column.js';
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

/** The answers of a build that read the sample's chain, as the next build finds them. */
function previousReading(catalog: CatalogReader): PreviousPageState {
  const answers = new RecordedAnswers(catalog, entityKey, undefined);
  const index = answers.index(SAMPLE_CHAIN);
  const reads = Int32Array.of(index);
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
  const previous = previousReading(chain());
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
