// Cycles in relations that must form a hierarchy: dataset lineage, base models, team and term parents.

import { compareStrings, type Diagnostic } from '../ground/diagnostics.js';
import { referenceCycle } from '../ground/core-rules/reference.js';
import { createDiagnostic } from '../ground/rule-meta.js';
import { displayPath } from '../validate/schema-errors.js';
import type { CatalogReader, Relation } from './catalog.js';
import type { LocateNode } from './locations.js';
import { appendTo, groupBy } from '../ground/collections.js';

/** One diagnostic per reference that takes part in a cycle, each naming the whole cycle. */
export function findCycles(catalog: CatalogReader, relations: readonly Relation[], locate: LocateNode): Diagnostic[] {
  const byType = groupBy(
    relations.filter((relation) => relation.acyclic === true),
    (relation) => relation.type,
  );
  const diagnostics: Diagnostic[] = [];
  for (const typed of byType.values()) {
    const components = stronglyConnected(typed);
    for (const [index, inCycle] of relationsWithin(components, typed)) {
      const path = cyclePath(inCycle, [...(components[index] as string[])].sort(compareStrings)[0] as string);
      for (const relation of inCycle) {
        const entity = catalog.get(relation.source);
        if (entity === undefined) continue;
        diagnostics.push(
          createDiagnostic(
            referenceCycle,
            'cycle',
            { field: displayPath(relation.pointer), path },
            {
              file: entity.source.file,
              range: locate(entity.source.file, entity.source.document, relation.pointer),
              entity: entity.identity,
            },
          ),
        );
      }
    }
  }
  return diagnostics;
}

/**
 * The relations whose source and target are in one component, by the component's index, in
 * component order: one pass, since a long chain is as many components as it has links.
 */
function relationsWithin(components: readonly string[][], relations: readonly Relation[]): [number, Relation[]][] {
  const componentOf = new Map<string, number>();
  components.forEach((component, index) => {
    for (const member of component) componentOf.set(member, index);
  });
  const within = new Map<number, Relation[]>();
  for (const relation of relations) {
    const index = componentOf.get(relation.source);
    if (index !== undefined && index === componentOf.get(relation.target)) appendTo(within, index, relation);
  }
  return [...within].sort(([a], [b]) => a - b);
}

/** Tarjan's algorithm, iterative so long chains cannot overflow the stack. */
function stronglyConnected(relations: readonly Relation[]): string[][] {
  const edges = new Map<string, string[]>();
  for (const { source, target } of relations) appendTo(edges, source, target);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const start of [...edges.keys()].sort(compareStrings)) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; next: number };
      const targets = edges.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++] as string;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(target) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}

/** A readable cycle `a → b → a`, starting at `start` and following the first edge each time. */
function cyclePath(relations: readonly Relation[], start: string): string {
  const next = new Map<string, string>();
  for (const relation of [...relations].sort((a, b) => compareStrings(a.target, b.target))) {
    if (!next.has(relation.source)) next.set(relation.source, relation.target);
  }
  const path = [start];
  const seen = new Set([start]);
  let current = next.get(start);
  while (current !== undefined && !seen.has(current)) {
    path.push(current);
    seen.add(current);
    current = next.get(current);
  }
  if (current !== undefined) path.push(current);
  const shown = path.map((identity) => `\`${identity}\``);
  // Each member of the cycle reports it: a cycle of thousands, named whole each time, would print millions of names.
  if (shown.length <= CYCLE_NAMED) return shown.join(' → ');
  return [...shown.slice(0, CYCLE_NAMED - 2), `… ${shown.length - CYCLE_NAMED} more …`, ...shown.slice(-2)].join(' → ');
}

/** How many members a cycle's message names: the first ones, then the last two (the cycle closing). */
const CYCLE_NAMED = 8;
