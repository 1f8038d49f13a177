import { describe, expect, it } from 'vitest';
import { cardMarkdown } from '../../src/interop/card-body.js';

describe('cardMarkdown', () => {
  const cases: [string, string, string][] = [
    ['keeps Markdown and web links', 'A **fast** [model](https://example.com/m).', 'A **fast** [model](https://example.com/m).'],
    ['escapes HTML', 'x <img src=x onerror=alert(1)> & y', 'x &lt;img src=x onerror=alert(1)&gt; &amp; y'],
    ['keeps code spans literal', 'use `a < b` here', 'use `a < b` here'],
    [
      'keeps fenced code literal',
      'x\n```python\nif a < b and c > d: pass\n```\ny <',
      'x\n```python\nif a < b and c > d: pass\n```\ny &lt;',
    ],
    ['closes a fence left open', 'x\n~~~\ncode', 'x\n~~~\ncode\n~~~'],
    ['neutralises an injected heading', 'ok\n## Training data\n- evil', 'ok\n\\## Training data\n- evil'],
    ['neutralises a setext heading', 'Training data\n---', 'Training data\n\\---'],
    ['drops a javascript: link, keeping its text', 'click [here](javascript:alert(1)) now', 'click here now'],
    ['drops a reference definition to anything', '[x]: javascript:alert(1)', '\\[x]: javascript:alert(1)'],
    ['turns an image into a link (no beacon)', '![](https://t.example/p.gif?u=1)', '[image](https://t.example/p.gif?u=1)'],
    ['drops a data: image, keeping its alt text', '![logo](data:image/png;base64,AAAA)', 'logo'],
  ];
  for (const [name, input, output] of cases) {
    it(name, () => {
      expect(cardMarkdown(input)).toBe(output);
    });
  }
});
