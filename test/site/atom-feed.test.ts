// The Atom feed carries text from commits and metadata; XML 1.0 has no place for most control
// characters, even as references, so a feed reader would stop at the first one.

import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { atomFeed, type EventView } from '../../src/site/changes.js';
import { escapeXml } from '../../src/site/svg.js';

// eslint-disable-next-line no-control-regex -- these control characters are what is looked for
const NOT_XML_1_0 = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

describe('the Atom feed', () => {
  it('is well-formed XML whatever the text of the changes holds', () => {
    const hostile = 'Ana\u0000\u0007 <b>&\u001b]52;c;cHduZWQ=\u0007 \uD800';
    const event = {
      commit: 'a'.repeat(40),
      date: '2024-05-01T12:00:00Z',
      author: hostile,
      entity: 'team:default/evil',
      change: 'description-changed',
      level: 'info',
      message: `description of ${hostile} changed`,
      day: '2024-05-01',
      shortSha: 'aaaaaaa',
      commitUrl: undefined,
      kind: 'Team',
      path: undefined,
      label: hostile,
    } as unknown as EventView;
    const feed = atomFeed([event], { title: hostile, baseUrl: undefined });
    expect(feed).not.toMatch(NOT_XML_1_0);
    const errors: string[] = [];
    const parsed = new DOMParser({
      onError: (level, message) => (level === 'warning' ? undefined : errors.push(`${level}: ${message}`)),
    }).parseFromString(feed, 'application/xml');
    expect(errors, feed).toEqual([]);
    expect(parsed.getElementsByTagName('name')[0]?.textContent).toBe('Ana\uFFFD\uFFFD <b>&\uFFFD]52;c;cHduZWQ=\uFFFD \uFFFD');
  });

  it('keeps tabs, newlines and pairs of surrogates', () => {
    expect(escapeXml('a\tb\nc\r😀')).toBe('a\tb\nc\r😀');
  });
});
