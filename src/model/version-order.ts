// The order of an entity's versions (FORMAT.md § References): by semantic version when every version
// parses as semver, else lexicographically. The latest version is the greatest; every page, report
// and export that lists versions lists them in this order, so `10.0.0` comes after `9.0.0`.

// The function modules only: loading all of semver costs more start-up time than the rest of the check.
import semverCompare from 'semver/functions/compare.js';
import semverValid from 'semver/functions/valid.js';
import { compareStrings } from '../ground/diagnostics.js';
import type { Entity } from './entity.js';

/**
 * A semantic version as semver.org's own expression has it. node-semver's `valid` also takes `v1.2.3`
 * and `=1.2.3`, which are not semantic versions, so `v1.10.0` and `v1.2.0` are ordered as text.
 */
const SEMANTIC_VERSION =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** How the versions of one group compare, decided by all of them: semver only when every one parses. */
export function versionOrder(versions: Iterable<string>): (a: string, b: string) => number {
  // node-semver refuses numbers past 2^53 (its compare would throw): those versions order as text.
  for (const version of versions) if (!SEMANTIC_VERSION.test(version) || semverValid(version) === null) return compareStrings;
  // Versions that differ only in build metadata have the same precedence; their text decides.
  return (a, b) => semverCompare(a, b) || compareStrings(a, b);
}

const ordered = new WeakMap<readonly Entity[], readonly Entity[]>();

/**
 * Entities of one group, oldest first: those without a version, then by `versionOrder`, then by
 * identity. Remembered per list: each of a dataset's thousand version pages asks for its group's order.
 */
export function inVersionOrder(entities: readonly Entity[]): readonly Entity[] {
  let sorted = ordered.get(entities);
  if (sorted === undefined) {
    const order = versionOrder(entities.flatMap((entity) => (entity.version === undefined ? [] : [entity.version])));
    sorted = [...entities].sort((a, b) => {
      if (a.version === undefined || b.version === undefined) return (a.version === undefined ? 0 : 1) - (b.version === undefined ? 0 : 1);
      return order(a.version, b.version) || compareStrings(a.identity, b.identity);
    });
    ordered.set(entities, sorted);
  }
  return sorted;
}

/** The latest of a version group's members (`CatalogReader.latest`): the greatest version, else the first member. */
export function latestOf(group: readonly Entity[]): Entity | undefined {
  const versioned = group.filter((entity) => entity.version !== undefined);
  if (versioned.length === 0) return group[0];
  const order = versionOrder(versioned.map((entity) => entity.version as string));
  return versioned.reduce((best, entity) => (order(entity.version as string, best.version as string) > 0 ? entity : best));
}
