// References that did not change but resolve to another entity: a reference without `@version`
// follows the latest version, so a version added elsewhere moves it.

import type { Relation } from '../../catalog/relation-index.js';
import { displayPath } from '../../validate/schema-errors.js';
import { isUnder, type DetectContext, type DetectedChange, type EntityPair } from '../detector.js';

/** What a ModelVersion was trained on describes an artifact that exists: it must not move. */
const HISTORICAL = new Set(['trainedOn']);

/** The references of the entity that resolve on both sides, to another target at head, with where each resolved before. */
function moved(identity: string, { base, head }: DetectContext): { relation: Relation; field: string; before: string }[] {
  const after = head.outgoing(identity);
  if (after.length === 0) return [];
  const was = base.outgoing(identity);
  // Most entities: the same references, resolved alike, in the same order.
  if (was.length === after.length && was.every((relation, i) => relation.target === after[i]?.target)) return [];
  const before = new Map(was.map((relation) => [displayPath(relation.pointer), relation.target]));
  const found: { relation: Relation; field: string; before: string }[] = [];
  for (const relation of after) {
    const field = displayPath(relation.pointer);
    const target = before.get(field);
    if (target !== undefined && target !== relation.target) found.push({ relation, field, before: target });
  }
  return found;
}

/** Whether a reference of the entity resolves, on both sides, to another target at head. */
export function resolvesElsewhere(identity: string, context: DetectContext): boolean {
  return moved(identity, context).length > 0;
}

/** One change per reference, written the same on both sides, that resolves to another target; none that another change covers. */
export function detectResolutionChanges(pair: EntityPair, context: DetectContext, described: readonly DetectedChange[]): DetectedChange[] {
  if (pair.base === undefined || pair.head === undefined) return [];
  const covered = described.flatMap((change) => change.covers ?? (change.field === undefined ? [] : [change.field]));
  const changes: DetectedChange[] = [];
  for (const { relation, field, before } of moved(pair.identity, context)) {
    if (pair.fields.some((f) => isUnder(field, f.path) || isUnder(f.path, field))) continue;
    if (covered.some((prefix) => isUnder(field, prefix))) continue;
    const historical = pair.head.kind === 'ModelVersion' && HISTORICAL.has(relation.type);
    changes.push({
      id: 'reference-resolves-elsewhere',
      level: historical ? 'warning' : 'info',
      title: historical
        ? `Training data of \`${pair.identity}\` now resolves to \`${relation.target}\`, not \`${before}\`: its metadata no longer describes the artifact that was trained.`
        : `\`${field}\` of \`${pair.identity}\` now resolves to \`${relation.target}\`, not \`${before}\`.`,
      details: [`\`${field}\` names no version, so it follows the latest: pin it (\`@version\`) to keep \`${before}\`.`],
      field,
      before,
      after: relation.target,
      withImpact: historical,
    });
  }
  return changes;
}
