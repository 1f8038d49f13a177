// The incremental Linker against a whole compile: after every edit of a scripted random series, the
// catalog, its relations both ways and every diagnostic must be the ones a compile from scratch gives.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CompileResult } from '../../src/catalog/catalog.js';
import { analyzeSources, compileSources } from '../../src/compile/compile-sources.js';
import { Linker } from '../../src/compile/linker.js';
import type { LinkedFile } from '../../src/compile/link-state.js';
import { loadConfigFile } from '../../src/config/load-config.js';
import { readProjectFiles, type SourceText } from '../../src/source/project-files.js';
import { compileInput, loadProjectContext, type ProjectContext } from '../../src/use-cases/compile-project.js';
import { LayeredMap } from '../../src/engine/layered-map.js';
import { EDITS, random } from '../edits.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../../examples');

async function project(folder: string): Promise<{ context: ProjectContext; sources: SourceText[] }> {
  const root = path.join(EXAMPLES, folder);
  const config = loadConfigFile(path.join(root, 'dossier.yaml'), 'dossier.yaml');
  const context = await loadProjectContext(config, root, { offline: true });
  return { context, sources: readProjectFiles(config, root).sources };
}

/** What a compile result says, in a form two results can be compared by. */
function snapshot(result: CompileResult) {
  const { catalog } = result;
  return {
    entities: catalog.entities.map((entity) => entity.identity),
    relations: catalog.entities.map((entity) => ({
      identity: entity.identity,
      outgoing: catalog.outgoing(entity.identity),
      incoming: catalog.incoming(entity.identity),
      latest: catalog.latest(entity.groupKey)?.identity,
    })),
    diagnostics: result.diagnostics,
    fileCount: result.fileCount,
  };
}

describe('the incremental Linker', () => {
  for (const folder of ['ml-platform', 'broken/governance', 'broken']) {
    it(`links ${folder} after each of 60 random edits exactly as a compile from scratch`, async () => {
      const { context, sources } = await project(folder);
      const settings = compileInput(context, { sources: [], fileDiagnostics: [] });
      const next = random(folder.length * 7919);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
      const original = new Map(sources.map((source) => [source.file, source.text]));
      const current = new Map(original);
      const linked = (file: string, text: string): LinkedFile => {
        const analysis = analyzeSources([{ file, text }]);
        return { text, entities: analysis.entities, diagnostics: analysis.diagnostics };
      };
      const linker = new Linker(settings, true);
      const first = linker.link(new Map([...current].map(([file, text]) => [file, linked(file, text)])));
      expect(snapshot(first.result)).toEqual(snapshot(compileSources({ ...settings, sources })));

      let changedSomething = 0;
      for (let step = 0; step < 60; step++) {
        const changes = new Map<string, LinkedFile | undefined>();
        const file = pick([...original.keys()]);
        const choice = next();
        if (choice < 0.15) {
          current.delete(file);
          changes.set(file, undefined);
        } else if (choice < 0.25) {
          const copy = `copies/${String(step)}-${path.basename(file)}`;
          current.set(copy, original.get(file) as string);
          changes.set(copy, linked(copy, original.get(file) as string));
        } else if (choice < 0.4) {
          current.set(file, original.get(file) as string);
          changes.set(file, linked(file, original.get(file) as string));
        } else {
          const text = pick(EDITS)(current.get(file) ?? (original.get(file) as string));
          current.set(file, text);
          changes.set(file, linked(file, text));
        }
        const step_ = linker.link(changes);
        if (step_.changed.size > 0) changedSomething++;
        const whole = compileSources({ ...settings, sources: [...current].map(([name, text]) => ({ file: name, text })) });
        expect(snapshot(step_.result), `after edit ${String(step)} of ${file}`).toEqual(snapshot(whole));
      }
      // The series must really have changed the catalog, or the comparison proves nothing.
      expect(changedSomething).toBeGreaterThan(20);
    });
  }

  it('finds cycles made and broken by edits of other files, and moved by edits of their own', () => {
    const team = (name: string, parent: string, before = '') =>
      `${before}apiVersion: dossier/v1\nkind: Team\nmetadata: {name: ${name}}\nspec: {type: team, parent: ${parent}}\n`;
    const series: Record<string, string | undefined>[] = [
      { 'a.yaml': team('team-a', 'team-b'), 'b.yaml': team('team-b', 'team-c'), 'c.yaml': team('team-c', 'team-d') },
      { 'c.yaml': team('team-c', 'team-a') },
      { 'a.yaml': team('team-a', 'team-b', '# moved down a line\n') },
      { 'b.yaml': undefined },
      { 'b.yaml': team('team-b', 'team-c') },
      { 'c.yaml': team('team-c', 'team-b') },
    ];
    const current = new Map<string, string>();
    const linker = new Linker({}, true);
    let cycles = 0;
    for (const edit of series) {
      const changes = new Map<string, LinkedFile | undefined>();
      for (const [file, text] of Object.entries(edit)) {
        if (text === undefined) current.delete(file);
        else current.set(file, text);
        changes.set(file, text === undefined ? undefined : { text, ...analyzeSources([{ file, text }]) });
      }
      const linked = linker.link(changes).result;
      const whole = compileSources({ sources: [...current].map(([file, text]) => ({ file, text })) });
      expect(snapshot(linked)).toEqual(snapshot(whole));
      cycles += whole.diagnostics.filter((d) => d.ruleId === 'reference/cycle').length;
    }
    expect(cycles).toBeGreaterThan(4);
  });

  it('follows restrictions along lineage when a source two hops up is edited', async () => {
    const { context } = await project('ml-platform');
    const settings = compileInput(context, { sources: [], fileDiagnostics: [] });
    const dataset = (name: string, license: string, classification: string, derivedFrom?: string) =>
      `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: ${name}, owner: data-platform, description: Card events.}\nspec:\n  location: {uri: "s3://b/${name}/"}\n  license: ${license}\n  classification: ${classification}\n${derivedFrom === undefined ? '' : `  derivedFrom: [${derivedFrom}]\n`}`;
    const version = `apiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "1", owner: data-platform}\nspec:\n  model: scorer\n  stage: production\n  training: {datasets: [{ref: sample, role: train}]}\n`;
    const series: Record<string, string>[] = [
      {
        'raw.yaml': dataset('raw', 'CC-BY-4.0', 'internal'),
        'cleaned.yaml': dataset('cleaned', 'CC-BY-4.0', 'internal', 'raw'),
        'sample.yaml': dataset('sample', 'CC-BY-4.0', 'internal', 'cleaned'),
        'version.yaml': version,
      },
      { 'raw.yaml': dataset('raw', 'CC-BY-NC-4.0', 'restricted') },
      { 'cleaned.yaml': dataset('cleaned', 'CC-BY-NC-4.0', 'restricted', 'raw') },
      { 'raw.yaml': dataset('raw', 'CC-BY-4.0', 'internal') },
    ];
    const lineageRules = [
      'dataset/license-follows-lineage',
      'dataset/classification-follows-lineage',
      'model-version/non-commercial-data-in-production',
    ];
    const current = new Map<string, string>();
    const linker = new Linker(settings, true);
    const counts: number[] = [];
    for (const edit of series) {
      const changes = new Map<string, LinkedFile | undefined>();
      for (const [file, text] of Object.entries(edit)) {
        current.set(file, text);
        changes.set(file, { text, ...analyzeSources([{ file, text }]) });
      }
      const linked = linker.link(changes).result;
      const whole = compileSources({ ...settings, sources: [...current].map(([file, text]) => ({ file, text })) });
      expect(snapshot(linked)).toEqual(snapshot(whole));
      counts.push(whole.diagnostics.filter((d) => lineageRules.includes(d.ruleId)).length);
    }
    // Clean; the source restricted (two datasets drop its licence and classification, the version trains on it);
    // the middle one keeps them (only the last drops them); the source freed again (the middle is now the source).
    expect(counts).toEqual([0, 5, 3, 3]);
  });

  it('reads a long lineage as one chain per dataset, and follows edits anywhere along it', async () => {
    const { context } = await project('ml-platform');
    const settings = compileInput(context, { sources: [], fileDiagnostics: [] });
    const LENGTH = 300;
    const dataset = (index: number, license = 'CC-BY-4.0', derivedFrom = index - 1) =>
      `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: d${String(index)}, owner: data-platform, description: Card events.}\nspec:\n  location: {uri: "s3://b/d${String(index)}/"}\n  license: ${license}\n  classification: internal\n${derivedFrom < 0 ? '' : `  derivedFrom: [d${String(derivedFrom)}]\n`}`;
    const current = new Map(Array.from({ length: LENGTH }, (_, index) => [`d${String(index)}.yaml`, dataset(index)]));
    const linkedFile = (file: string, text: string): LinkedFile => ({ text, ...analyzeSources([{ file, text }]) });
    const linker = new Linker(settings, true);
    linker.link(new Map([...current].map(([file, text]) => [file, linkedFile(file, text)])));
    // Each dataset reads its own chain, not every dataset up it: the reads grow with the datasets, not their square.
    const reads = [...(linker.state()?.ruleReaders.values() ?? [])].reduce((sum, entry) => sum + entry.readers.size, 0);
    expect(reads).toBeGreaterThan(LENGTH);
    expect(reads).toBeLessThan(LENGTH * 12);

    const lineageProblems = (result: CompileResult) =>
      result.diagnostics.filter((d) => d.ruleId === 'dataset/license-follows-lineage').map((d) => d.entity);
    const series: [number, string, number?][] = [
      [0, 'CC-BY-NC-4.0'], // the source restricted: every dataset down the chain
      [150, 'CC-BY-4.0', -1], // the chain cut in the middle: the lower half is free again
      [150, 'CC-BY-4.0'], // and joined again
      [0, 'CC-BY-4.0'],
      [200, 'CC-BY-NC-4.0'],
    ];
    const counts: number[] = [];
    for (const [index, license, derivedFrom] of series) {
      const file = `d${String(index)}.yaml`;
      const text = dataset(index, license, derivedFrom ?? index - 1);
      current.set(file, text);
      const linked = linker.link(new Map([[file, linkedFile(file, text)]])).result;
      const whole = compileSources({ ...settings, sources: [...current].map(([name, source]) => ({ file: name, text: source })) });
      expect(snapshot(linked)).toEqual(snapshot(whole));
      counts.push(lineageProblems(whole).length);
    }
    expect(counts).toEqual([LENGTH - 1, 149, LENGTH - 1, 0, LENGTH - 201]);
  });

  it('leaves the catalog of the previous link as it was', async () => {
    const { context, sources } = await project('ml-platform');
    const settings = compileInput(context, { sources: [], fileDiagnostics: [] });
    const linker = new Linker(settings, true);
    const all = new Map(sources.map((source) => [source.file, { text: source.text, ...analyzeSources([source]) }]));
    const before = linker.link(all).result;
    const expected = snapshot(before);
    const [file] = all.keys();
    linker.link(new Map([[file as string, undefined]]));
    expect(snapshot(before)).toEqual(expected);
  });
});

describe('LayeredMap', () => {
  it('keeps every revision readable while later ones change and flatten', () => {
    const revisions = [new LayeredMap<number, string>(new Map([...Array(100).keys()].map((key) => [key, `v0-${String(key)}`])))];
    for (let round = 1; round <= 40; round++) {
      const last = revisions.at(-1) as LayeredMap<number, string>;
      revisions.push(
        last.revise([
          [round, `v${String(round)}`],
          [round + 50, undefined],
        ]),
      );
    }
    expect(revisions[0]?.get(5)).toBe('v0-5');
    expect(revisions[0]?.get(55)).toBe('v0-55');
    expect(revisions[5]?.get(5)).toBe('v5');
    expect(revisions[5]?.get(55)).toBe(undefined);
    expect(revisions[5]?.get(56)).toBe('v0-56');
    expect(revisions[40]?.get(30)).toBe('v30');
    expect([...(revisions[40]?.keys() ?? [])].length).toBe(60);
  });
});
