// Versions in FORMAT.md's order (§ References): semver when every version parses as semver, else
// lexicographic. Pages, reports and exports list versions in it, and the latest is its last.

import { describe, expect, it } from 'vitest';
import { compileSources } from '../../src/compile/compile-sources.js';
import { inVersionOrder, latestOf, versionOrder } from '../../src/model/version-order.js';

const sorted = (versions: string[]) => [...versions].sort(versionOrder(versions));

function datasets(versions: (string | undefined)[]) {
  const sources = versions.map((version, index) => ({
    file: `d${String(index)}.yaml`,
    text: `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: events${version === undefined ? '' : `, version: "${version}"`}}\nspec:\n  location: {uri: "s3://b/${String(index)}/"}\n`,
  }));
  return compileSources({ sources }).catalog.entities;
}

describe('version order', () => {
  it('orders semantic versions by their numbers, a pre-release before its release', () => {
    expect(sorted(['10.0.0', '2.0.0', '9.1.0', '3.0.0', '3.0.0-rc.1'])).toEqual(['2.0.0', '3.0.0-rc.1', '3.0.0', '9.1.0', '10.0.0']);
  });

  it('takes only what semver.org calls a semantic version: not `v1.2.0`', () => {
    expect(sorted(['v1.10.0', 'v1.2.0'])).toEqual(['v1.10.0', 'v1.2.0']);
    expect(sorted(['1.10.0', '=1.2.0'])).toEqual(['1.10.0', '=1.2.0']);
    expect(sorted(['1.10.0+build.2', '1.2.0', '1.10.0+build.1'])).toEqual(['1.2.0', '1.10.0+build.1', '1.10.0+build.2']);
    // Past 2^53 node-semver cannot compare: such versions order as text rather than crash.
    expect(sorted(['99999999999999999.0.0', '1.0.0', '2.0.0'])).toEqual(['1.0.0', '2.0.0', '99999999999999999.0.0']);
    expect(sorted(['9.0.0', '99999999999999999.0.0', '10.0.0'])).toEqual(['10.0.0', '9.0.0', '99999999999999999.0.0']);
  });

  it('orders lexicographically when one version is not semver', () => {
    expect(sorted(['2024-06', '2024-05', '10.0.0', '9.0.0'])).toEqual(['10.0.0', '2024-05', '2024-06', '9.0.0']);
    expect(sorted(['10', '9'])).toEqual(['10', '9']);
  });

  it('links a group whose version is past what node-semver can compare, instead of crashing', () => {
    const sources = [
      ...['1.0.0', '99999999999999999.0.0'].map((version) => ({
        file: `${version}.yaml`,
        text: `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: tx, version: "${version}"}\nspec: {location: {uri: "s3://a"}}\n`,
      })),
      {
        file: 'derived.yaml',
        text: 'apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: derived}\nspec: {location: {uri: "s3://b"}, derivedFrom: [tx]}\n',
      },
    ];
    const result = compileSources({ sources });
    expect(result.diagnostics).toEqual([]);
    expect(result.catalog.outgoing('dataset:default/derived').map((relation) => relation.target)).toEqual([
      'dataset:default/tx@99999999999999999.0.0',
    ]);
  });

  it('puts entities without a version first, and gives the last as the latest', () => {
    const entities = datasets(['1.10.0', undefined, '1.9.0', '1.2.0']);
    expect(inVersionOrder(entities).map((entity) => entity.version)).toEqual([undefined, '1.2.0', '1.9.0', '1.10.0']);
    expect(latestOf(entities)?.version).toBe('1.10.0');
    expect(latestOf(datasets(['2024-05', '2024-06', '2024-04']))?.version).toBe('2024-06');
  });
});
