// The semantic history's events in columns: read back as they were, by entity, with fingerprints
// that follow each entity's events and nothing else.

import { describe, expect, it } from 'vitest';
import type { SiteEvent } from '../../src/site/changes.js';
import { EventLog } from '../../src/site/event-log.js';

const event = (entity: string, commit: string, message: string): SiteEvent => ({
  commit,
  date: '2024-07-01T10:00:00+00:00',
  author: 'Ana — 数据',
  entity,
  change: 'entity-added',
  level: 'info',
  message,
});

const events = [
  event('model:default/a', 'c3', 'Third'),
  event('dataset:default/b', 'c3', 'Only one'),
  event('model:default/a', 'c2', 'Second'),
  event('model:default/a', 'c1', ''),
];

describe('EventLog', () => {
  it('gives back every event and each entity’s, newest first, also once stored and read again', () => {
    const log = EventLog.of(events);
    const stored = EventLog.fromStored(structuredClone(log.toStored())) as EventLog;
    for (const each of [log, stored]) {
      expect(each.length).toBe(4);
      expect(each.all()).toEqual(events);
      expect(each.ofEntity('model:default/a')).toEqual([events[0], events[2], events[3]]);
      expect(each.ofEntity('team:default/none')).toEqual([]);
      expect(each.entityAt(1)).toBe('dataset:default/b');
    }
    expect(stored.printOf('model:default/a')).toBe(log.printOf('model:default/a'));
  });

  it('gives the newest commits’ rows, a commit’s events together, and the events between two rows', () => {
    const log = EventLog.of(events);
    expect(log.newestCommits(5)).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 3 },
      { start: 3, end: 4 },
    ]);
    expect(log.newestCommits(2)).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 3 },
    ]);
    expect(log.newestCommits(0)).toEqual([]);
    expect(log.between(1, 3)).toEqual([events[1], events[2]]);
    expect(log.between(3, 9)).toEqual([events[3]]);
  });

  it('fingerprints an entity by its own events only', () => {
    const print = (log: EventLog) => [log.printOf('model:default/a'), log.printOf('dataset:default/b')];
    const [a, b] = print(EventLog.of(events));
    expect(a).not.toBe('');
    expect(EventLog.of(events).printOf('team:default/none')).toBe('');
    const otherEdited = print(EventLog.of(events.map((e, index) => (index === 1 ? { ...e, message: 'Changed' } : e))));
    expect(otherEdited[0]).toBe(a);
    expect(otherEdited[1]).not.toBe(b);
    // The same change in another commit is another event.
    const shifted = print(EventLog.of(events.map((e, index) => (index === 3 ? { ...e, commit: 'c1x', message: '' } : e))));
    expect(shifted[0]).not.toBe(a);
    expect(print(EventLog.of(events.slice(0, 3)))[0]).not.toBe(a);
  });

  it('is no log of a stored value whose columns do not fit together', () => {
    const stored = EventLog.of(events).toStored();
    expect(EventLog.fromStored({ ...stored, fields: stored.fields.slice(1) })).toBeUndefined();
    expect(
      EventLog.fromStored({ ...stored, fields: [EventLog.of(events.slice(1)).toStored().fields[0], ...stored.fields.slice(1)] }),
    ).toBeUndefined();
    expect(EventLog.fromStored({ ...stored, prints: EventLog.of(events.slice(1, 2)).toStored().prints })).toBeUndefined();
    expect(EventLog.fromStored(undefined)).toBeUndefined();
  });
});
