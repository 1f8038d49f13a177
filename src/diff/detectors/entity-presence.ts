// Entities added, removed (breaking while others still depend on them) or in a file that cannot be
// read at head, new versions, lifecycle moves.

import { valueAt } from '../../catalog/queries.js';
import { code, type Detector } from '../detector.js';
import { danglingProblems, danglingSources, stillReferencingAtHead } from '../dependents.js';
import { countOf } from '../../ground/count-noun.js';
import { shortReference } from '../../model/entity.js';

export const detectPresence: Detector = (pair, { base, head, unreadableAtHead, unreadableAtBase }) => {
  if (pair.base === undefined && pair.head !== undefined) {
    if (unreadableAtBase.has(pair.head.source.file))
      return [
        {
          id: 'entity-unreadable',
          level: 'info',
          title: `${pair.head.kind} \`${pair.identity}\` was not compared: \`${pair.head.source.file}\` could not be read at the base.`,
        },
      ];
    const isNewVersion = pair.head.version !== undefined && base.versionsOf(pair.head.groupKey).length > 0;
    return [
      isNewVersion
        ? { id: 'version-added', level: 'info', title: `New ${pair.head.kind} \`${shortReference(pair.head)}\` (a new version).` }
        : { id: 'entity-added', level: 'info', title: `New ${pair.head.kind} \`${shortReference(pair.head)}\`.` },
    ];
  }
  if (pair.head === undefined && pair.base !== undefined) {
    const dangling = stillReferencingAtHead(base, head, pair.identity);
    if (unreadableAtHead.has(pair.base.source.file))
      return [
        {
          id: 'entity-unreadable',
          level: 'info',
          title: `${pair.base.kind} \`${pair.identity}\` was not compared: \`${pair.base.source.file}\` cannot be read at head (see its problem).`,
          supersedes: danglingProblems(dangling),
        },
      ];
    const dependents = danglingSources(dangling);
    if (dependents.length === 0) {
      // References without @version to it follow another version now: those changes say where.
      const rerouted = new Set(
        base
          .incoming(pair.identity)
          .filter((relation) => {
            const [was, is] = [base.get(relation.source), head.get(relation.source)];
            return was !== undefined && is !== undefined && valueAt(was, relation.pointer) === valueAt(is, relation.pointer);
          })
          .map((relation) => relation.source),
      );
      return [
        {
          id: 'entity-removed',
          level: 'info',
          title:
            rerouted.size === 0
              ? `${pair.base.kind} \`${pair.identity}\` removed; nothing here depended on it.`
              : `${pair.base.kind} \`${pair.identity}\` removed; the ${countOf(rerouted.size, 'entity', 'entities')} that named it without a version now ${rerouted.size === 1 ? 'resolves' : 'resolve'} to another.`,
          breaksReaders: {},
        },
      ];
    }
    return [
      {
        id: 'entity-removed',
        level: 'breaking',
        title: `${pair.base.kind} \`${pair.identity}\` removed while ${countOf(dependents.length, 'entity', 'entities')} still ${dependents.length === 1 ? 'depends' : 'depend'} on it.`,
        details: dependents.map((id) => `still depends on it: \`${id}\``),
        breaksReaders: {},
        withImpact: true,
        supersedes: danglingProblems(dangling),
      },
    ];
  }
  if (pair.base !== undefined && pair.head !== undefined && pair.base.lifecycle !== pair.head.lifecycle) {
    const retiring = pair.head.lifecycle === 'deprecated' || pair.head.lifecycle === 'retired';
    return [
      {
        id: 'lifecycle-changed',
        level: retiring ? 'warning' : 'info',
        title: `${pair.head.kind} \`${pair.identity}\` lifecycle ${code(pair.base.lifecycle)} → ${code(pair.head.lifecycle)}.`,
        field: 'metadata.lifecycle',
        before: pair.base.lifecycle,
        after: pair.head.lifecycle,
        withImpact: retiring,
      },
    ];
  }
  return [];
};
