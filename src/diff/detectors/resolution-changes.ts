// References that did not change but resolve to another entity: a reference without `@version`
// follows the latest version, so a version added or removed elsewhere moves it.

import { valueAt } from '../../catalog/queries.js';
import { appendTo } from '../../ground/collections.js';
import type { Relation } from '../../catalog/relation-index.js';
import { recordsHistory } from '../../model/history-relations.js';
import { displayPath } from '../../validate/schema-errors.js';
import { coveredBy, isUnder, type DetectContext, type DetectedChange, type EntityPair } from '../detector.js';

interface Move {
  relation: Relation;
  field: string;
  before: string;
}

/**
 * The references of the entity written the same on both sides that resolve to another target at
 * head, with where each resolved before; none whose old or new target is in a file one side cannot
 * read (that file's problem is the change).
 */
function moves(identity: string, { base, head, unreadableAtHead, unreadableAtBase }: DetectContext): Move[] {
  const after = head.outgoing(identity);
  if (after.length === 0) return [];
  const was = base.outgoing(identity);
  // Most entities: the same references, resolved alike, in the same order.
  if (was.length === after.length && was.every((relation, i) => relation.target === after[i]?.target)) return [];
  const [before, now] = [base.get(identity), head.get(identity)];
  if (before === undefined || now === undefined) return [];
  const targets = new Map(was.map((relation) => [displayPath(relation.pointer), relation.target]));
  const hidden = (target: string, side: DetectContext['base'], other: DetectContext['base'], unreadable: ReadonlySet<string>) => {
    const entity = side.get(target);
    return entity !== undefined && other.get(target) === undefined && unreadable.has(entity.source.file);
  };
  const found: Move[] = [];
  for (const relation of after) {
    const field = displayPath(relation.pointer);
    const target = targets.get(field);
    if (target === undefined || target === relation.target) continue;
    // Another reference at this place (a list reordered) is a change of the field, not of what it resolves to.
    if (valueAt(before, relation.pointer) !== valueAt(now, relation.pointer)) continue;
    if (hidden(target, base, head, unreadableAtHead) || hidden(relation.target, head, base, unreadableAtBase)) continue;
    found.push({ relation, field, before: target });
  }
  return found;
}

/** Whether a reference of the entity, written the same on both sides, resolves to another target at head. */
export function resolvesElsewhere(identity: string, context: DetectContext): boolean {
  return moves(identity, context).length > 0;
}

/**
 * One change per target a reference moved from and to (the training and validation roles of one
 * dataset are one change), none that another change covers.
 */
export function detectResolutionChanges(pair: EntityPair, context: DetectContext, described: readonly DetectedChange[]): DetectedChange[] {
  if (pair.base === undefined || pair.head === undefined) return [];
  const covered = coveredBy(described);
  const grouped = new Map<string, Move[]>();
  for (const move of moves(pair.identity, context)) {
    if (pair.fields.some((f) => isUnder(move.field, f.path) || isUnder(f.path, move.field))) continue;
    if (covered.some((prefix) => isUnder(move.field, prefix))) continue;
    appendTo(grouped, `${move.before}\n${move.relation.target}`, move);
  }
  return [...grouped.values()].map((group) => {
    const [{ relation, before }] = group as [Move, ...Move[]];
    const fields = group.map((move) => `\`${move.field}\``).join(', ');
    const history = recordsHistory(relation.type);
    const gone = context.head.get(before) === undefined;
    return {
      id: 'reference-resolves-elsewhere',
      level: history ? 'warning' : 'info',
      title: `${fields} of \`${pair.identity}\` now ${group.length === 1 ? 'resolves' : 'resolve'} to \`${relation.target}\`, not \`${before}\`${history ? `: its record no longer says what it was made from` : ''}.`,
      details: [
        gone
          ? `\`${before}\` is gone, and a reference without \`@version\` follows the latest version.`
          : `A reference without \`@version\` follows the latest version: pin it (\`@version\`) to keep \`${before}\`.`,
      ],
      field: group[0]?.field,
      covers: group.map((move) => move.field),
      before,
      after: relation.target,
      withImpact: history,
    };
  });
}
