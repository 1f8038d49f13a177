// The entity heads a site rebuild keeps by file content key: every unchanged file's entities are
// made from them as its analysis made them, field for field and in order, their bodies read from
// the analysis only when looked at; heads that are not whole are no heads.

import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { KeptHeads, toStoredHeads } from '../../src/cache/kept-heads.js';
import { analyzeSources } from '../../src/compile/compile-sources.js';
import { exampleFiles } from '../helpers.js';
import type { Entity } from '../../src/model/entity.js';

/** Every example file's analysis, with a file that fails its schema, one with a suppression and one that does not parse. */
function analysed() {
  const files = {
    ...exampleFiles(),
    'teams/broken.yaml': 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: broken, lifecycle: retired, tags: [Not A Slug]}\nspec: {}\n',
    'teams/quiet.yaml':
      '# dossier-disable-next-line team/unused\napiVersion: dossier/v1\nkind: Team\nmetadata: {name: quiet}\nspec: {members: [a@example.com]}\n',
    'teams/unparsed.yaml': 'kind: [\n',
  };
  return Object.entries(files).map(([file, text]) => [`key of ${file}`, file, analyzeSources([{ file, text }])] as const);
}

describe('kept heads', () => {
  it('make each file its analysis again, entity fields in the validator order, through a cache file', () => {
    const files = analysed();
    const kept = KeptHeads.of(deserialize(serialize(toStoredHeads(files.map(([key, , analysis]) => [key, analysis])))));
    expect(kept).toBeDefined();
    let entities = 0;
    for (const [key, file, analysis] of files) {
      const again = kept?.analysisOf(key, file, () => analysis);
      expect(again, file).toEqual(analysis);
      expect(JSON.stringify(again), file).toBe(JSON.stringify(analysis));
      entities += analysis.entities.length;
    }
    expect(entities).toBeGreaterThan(60);
    expect(files.some(([, , analysis]) => analysis.diagnostics.length > 0)).toBe(true);
    expect(files.some(([, , analysis]) => analysis.suppressing.length > 0)).toBe(true);
    expect(kept?.analysisOf('another key', 'teams/quiet.yaml', () => analysed()[0]?.[2] as never)).toBeUndefined();
  });

  it('read an entity body only when it is looked at', () => {
    const files = analysed().filter(([, , analysis]) => analysis.entities.length > 1);
    const [key, file, analysis] = files[0] ?? [];
    const kept = KeptHeads.of(toStoredHeads([[key as string, analysis as never]]));
    let reads = 0;
    const again = kept?.analysisOf(key as string, file as string, () => {
      reads++;
      return analysis as never;
    });
    expect(again?.entities.map((entity) => entity.identity)).toEqual(analysis?.entities.map((entity) => entity.identity));
    expect(reads).toBe(0);
    expect(again?.entities[1]?.spec).toEqual(analysis?.entities[1]?.spec);
    expect(reads).toBeGreaterThan(0);
  });

  it("keep a Model's or a Team's body with the heads: builds read them all, and the analyses cache is not asked", () => {
    const keptKind = (entity: { kind: string }) => entity.kind === 'Model' || entity.kind === 'Team';
    const files = analysed().filter(([, , analysis]) => analysis.entities.some(keptKind));
    expect(files.filter(([, , analysis]) => analysis.entities.some((entity) => entity.kind === 'Team')).length).toBeGreaterThan(0);
    expect(files.filter(([, , analysis]) => analysis.entities.some((entity) => entity.kind === 'Model')).length).toBeGreaterThan(0);
    const kept = KeptHeads.of(deserialize(serialize(toStoredHeads(files.map(([key, , analysis]) => [key, analysis])))));
    for (const [key, file, analysis] of files) {
      let reads = 0;
      const again = kept?.analysisOf(key, file, () => {
        reads++;
        return analysis;
      });
      const bodies = (entities: readonly Entity[]) =>
        entities.filter(keptKind).map((entity) => [entity.metadata, entity.spec, entity.references]);
      expect(bodies(again?.entities ?? [])).toEqual(bodies(analysis.entities));
      expect(reads, file).toBe(0);
    }
  });

  it('read the bodies of Models and Teams from the analysis when the kept ones are damaged', () => {
    const files = analysed().filter(([, , analysis]) => analysis.entities.some((entity) => entity.kind === 'Model'));
    const stored = toStoredHeads(files.map(([key, , analysis]) => [key, analysis]));
    for (const keptBodies of [
      Uint8Array.from([1, 2, 3]),
      serialize([1, 2]),
      serialize([[0, 5]]),
      serialize([[1e9, { metadata: {}, spec: {}, references: [] }]]),
    ]) {
      const kept = KeptHeads.of({ ...stored, keptBodies });
      for (const [key, file, analysis] of files) {
        let reads = 0;
        const again = kept?.analysisOf(key, file, () => {
          reads++;
          return analysis;
        });
        const model = again?.entities.find((entity) => entity.kind === 'Model');
        expect(model?.spec).toEqual(analysis.entities.find((entity) => entity.kind === 'Model')?.spec);
        expect(reads).toBeGreaterThan(0);
      }
    }
  });

  it('count the files they hold that no one asked for: gone, or edited since', () => {
    const files = analysed();
    const kept = KeptHeads.of(toStoredHeads(files.map(([key, , analysis]) => [key, analysis])));
    for (const [key, file, analysis] of files.slice(2)) kept?.analysisOf(key, file, () => analysis);
    expect(kept?.analysisOf('a key of an edited file', 'teams/quiet.yaml', () => files[0]?.[2] as never)).toBeUndefined();
    expect(kept?.unused).toBe(2);
  });

  it('are none when not whole', () => {
    const stored = toStoredHeads(analysed().map(([key, , analysis]) => [key, analysis]));
    expect(KeptHeads.of(stored)).toBeDefined();
    expect(KeptHeads.of(undefined)).toBeUndefined();
    expect(KeptHeads.of({ ...stored, kinds: stored.kinds.subarray(1) })).toBeUndefined();
    expect(KeptHeads.of({ ...stored, entityStarts: stored.entityStarts.map((start) => start + 1) })).toBeUndefined();
    expect(KeptHeads.of({ ...stored, lifecycles: stored.lifecycles.map(() => 9) })).toBeUndefined();
    expect(KeptHeads.of({ ...stored, places: new Int32Array(1) })).toBeUndefined();
    expect(KeptHeads.of({ ...stored, keptBodies: undefined })).toBeUndefined();
  });
});
