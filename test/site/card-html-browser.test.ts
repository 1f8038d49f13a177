// HTML and LaTeX of an imported model card, rendered through the allow-list and typeset, in a real
// browser: the card's structure and formulas shown, and nothing of its hostile HTML run or fetched.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndBrowse, pageErrors, seriousViolations } from './browser-session.js';

/** Each payload sets `window.pwned` (or calls alert) if it runs. */
const HOSTILE_CARD = String.raw`<p align="center"> IC-GAN: Instance-Conditioned GAN </p>

<figure><img src="https://example.org/arch.png" alt="The architecture"><figcaption>Figure 1</figcaption></figure>

The model has \\(n_{parameters}\\) parameters; its loss is $$L = -\sum_i y_i \log p_i$$ and \\(\frac{ \\) does not parse.

<script>window.pwned = 'script'</script>
<img src="x" onerror="window.pwned = 'onerror'">
<a href="javascript:window.pwned='javascript'">click</a>
<a href="data:text/html,<script>alert(1)</script>">data</a>
<a href="vbscript:msgbox(1)">vb</a>
<svg onload="window.pwned = 'svg'"><script>window.pwned = 'svg-script'</script></svg>
<style>body { display: none }</style>
<iframe src="javascript:parent.pwned='iframe'"></iframe>
<form action="https://example.org/steal"><input name="q"><button>Go</button></form>
<b onmouseover="window.pwned = 'hover'" style="position:fixed;inset:0">hover me</b>
<details open ontoggle="window.pwned = 'toggle'"><summary>More</summary>Hidden text</details>
<object data="javascript:window.pwned='object'"></object><embed src="javascript:window.pwned='embed'">
`;

const MODEL = `apiVersion: dossier/v1
kind: Model
metadata:
  name: ic-gan
  description: |
${HOSTILE_CARD.split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}
spec: {task: image-generation}
`;

let session: Awaited<ReturnType<typeof buildAndBrowse>>;
const PAGE = 'entity/model/default/ic-gan.html';

beforeAll(async () => {
  session = await buildAndBrowse({ 'model.yaml': MODEL });
}, 120_000);

afterAll(async () => {
  await session.close();
});

describe('HTML and math of an imported card', { timeout: 90_000 }, () => {
  it('keeps the structure and typesets the formulas, and leaves no script, handler, style or foreign URL', () => {
    const html = readFileSync(path.join(session.site, PAGE), 'utf8');
    const overview = html.slice(
      html.indexOf('<section class="description"'),
      html.indexOf('</section>', html.indexOf('<section class="description"')),
    );
    expect(overview).toContain('<p> IC-GAN: Instance-Conditioned GAN </p>');
    expect(overview).toContain(
      '<figure><a href="https://example.org/arch.png" rel="noopener noreferrer nofollow">The architecture</a><figcaption>Figure 1</figcaption></figure>',
    );
    expect(overview).toMatch(/<math><msub><mi>n<\/mi>/);
    expect(overview).toMatch(/<math display="block"/);
    expect(overview).toContain('<code class="math-source">\\frac{ </code>');
    expect(overview).toContain('<details><summary>More</summary>Hidden text</details>');
    expect(overview).not.toMatch(/<(script|style|svg|iframe|form|input|img|object|embed)\b/i);
    expect(overview).not.toMatch(/\son\w+=/i);
    expect(overview).not.toMatch(/(javascript|data|vbscript):/i);
    expect(overview.replace(/<math[^>]*style="display:block math;"/g, '')).not.toMatch(/style=/i);
  });

  it('runs nothing of it in the browser and fetches nothing from another host', async () => {
    const page = await (await session.browser.newContext()).newPage();
    page.setDefaultTimeout(5000);
    const errors = pageErrors(page);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(session.base)) foreign.push(request.url());
    });
    await page.goto(`${session.base}/${PAGE}`);
    // Their hrefs are gone, and ids with them: found by their text.
    for (const text of ['click', 'data', 'vb']) await page.locator('main a', { hasText: new RegExp(`^${text}$`) }).click();
    await page.getByText('hover me').hover();
    await page.getByText('More').click();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (globalThis as { pwned?: unknown }).pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(foreign).toEqual([]);
    expect(page.url()).toBe(`${session.base}/${PAGE}`);
    expect(await page.locator('main').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('is valid HTML', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:document'],
      rules: { 'no-inline-style': 'off', 'long-title': 'off', 'require-sri': 'off' },
    });
    const report = await validator.validateString(readFileSync(path.join(session.site, PAGE), 'utf8'), PAGE);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line} ${m.ruleId} ${m.message}`))).toEqual([]);
  });
});
