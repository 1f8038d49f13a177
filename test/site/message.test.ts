// Messages (diagnostics, changes, audit findings) as pages show them: inline Markdown laid out by
// the template, never raw backticks, and the entities they name linked to their pages.

import { describe, expect, it } from 'vitest';
import { identityLinker, messageParts } from '../../src/site/markdown.js';
import { ownEntityLinker } from '../../src/site/changes.js';
import { loadSiteTemplates } from '../../src/site/site-templates.js';

const PAGES: Record<string, string> = {
  'modelversion:default/fraud-detector@2.0.0': 'entity/modelversion/default/fraud-detector@2.0.0.html',
};
const linkOf = identityLinker((identity) => PAGES[identity]);

describe('a message', () => {
  it('is split into text, code spans and emphasis, with no backtick left', () => {
    expect(messageParts('`modelversion:default/fraud-detector@2.0.0` promoted to *production*', linkOf)).toEqual([
      { text: 'modelversion:default/fraud-detector@2.0.0', code: true, path: 'entity/modelversion/default/fraud-detector@2.0.0.html' },
      { text: ' promoted to ' },
      { text: 'production', em: true },
    ]);
  });

  it('links only identities of entities that exist; rule ids and unknown entities stay code', () => {
    expect(messageParts('`model:default/gone` is orphaned (`dataset/orphan`)', linkOf)).toEqual([
      { text: 'model:default/gone', code: true },
      { text: ' is orphaned (' },
      { text: 'dataset/orphan', code: true },
      { text: ')' },
    ]);
  });

  it('links the event’s own entity named by identity or by its name and version', () => {
    const own = ownEntityLinker('modelversion:default/fraud-detector@2.0.0', 'p.html');
    expect(messageParts('New ModelVersion `fraud-detector@2.0.0`.', own)[1]).toEqual({
      text: 'fraud-detector@2.0.0',
      code: true,
      path: 'p.html',
    });
    expect(messageParts('`other@1` changed', own)[0]).toEqual({ text: 'other@1', code: true });
  });

  it('renders through the template with every character escaped, HTML in a message inert', () => {
    const html = loadSiteTemplates().render('problems', {
      root: '../',
      counts: { errors: 1, warnings: 0, infos: 0 },
      rows: [
        {
          severity: 'error',
          parts: messageParts('<img src=x onerror=alert(1)> `modelversion:default/fraud-detector@2.0.0` **bold** _it_', linkOf),
          hintParts: [],
          location: 'a.yaml:1:1',
          ruleId: 'r',
        },
      ],
    });
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; ');
    expect(html).toContain(
      '<a href="../entity/modelversion/default/fraud-detector@2.0.0.html"><code>modelversion:default/fraud-detector@2.0.0</code></a>',
    );
    expect(html).toContain('<strong>bold</strong> <em>it</em>');
    expect(html).not.toContain('`');
  });
});
