// The lineage explorer in a real browser: a chain longer than the page shows, expanded a hop at a
// time by keyboard from the entities' lineage JSON; a crowded column collapsed into "+N more"; labels
// whole; axe in light and dark.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndBrowse, layoutShift, pageErrors, seriousViolations } from './browser-session.js';

const LONG = 'a-dataset-whose-name-is-far-too-long-for-a-lineage-box';

/** Datasets c0 ← c1 ← … ← c7, each derived from the one before; twelve derived from c0 besides; one with a long name. */
function chain(): string {
  const dataset = (name: string, from?: string) =>
    `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: ${name}}\nspec:\n  location: {uri: "s3://b/${name}"}\n${from === undefined ? '' : `  derivedFrom: [${from}]\n`}`;
  return [
    ...Array.from({ length: 8 }, (_, i) => dataset(`c${i}`, i === 0 ? undefined : `c${i - 1}`)),
    ...Array.from({ length: 12 }, (_, i) => dataset(`side-${String(i).padStart(2, '0')}`, 'c0')),
    dataset(LONG, 'c1'),
  ].join('---\n');
}

let session: Awaited<ReturnType<typeof buildAndBrowse>>;

beforeAll(async () => {
  session = await buildAndBrowse({ 'datasets.yaml': chain() });
}, 120_000);

afterAll(async () => {
  await session.close();
});

const PAGE = 'entity/dataset/default/c0.html';

describe('the lineage explorer in a browser', { timeout: 90_000 }, () => {
  it('expands the chain hop by hop by keyboard, beyond the hops the page shows', async () => {
    const page = await (await session.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const errors = pageErrors(page);
    await page.goto(`${session.base}/${PAGE}`);
    const headings = () => page.locator('.lineage-column h3').allTextContents();
    await expect.poll(headings).toEqual(['This entity', 'Downstream · 1 hop', 'Downstream · 2 hops', 'Downstream · 3 hops']);
    // Edges are drawn between the boxes, and the expand buttons shown where the page laid them out.
    await expect.poll(() => page.locator('svg.lineage-edges path').count()).toBeGreaterThan(3);
    expect(await layoutShift(page)).toBeLessThan(0.01);
    // Keyboard only: from c3's link, Tab reaches its expand button; Enter adds c4 and moves there.
    await page.getByRole('link', { name: /c3$/ }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(headings).toContain('Downstream · 4 hops');
    await expect.poll(() => page.locator(':focus').textContent()).toBe('Dataset · sourceOf c4');
    expect(await page.locator('[data-lineage-status]').textContent()).toBe('Added 1 downstream of c3.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(headings).toContain('Downstream · 5 hops');
    expect(await page.locator('.lineage-column[data-distance="5"] .llabel').allTextContents()).toEqual(['c5']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lays out its columns where they stay, though the browser paints before it has read them all', async () => {
    // On a machine starved of CPU (here throttled twentyfold) the browser paints the grid while the
    // page is still being parsed: with as many columns as the page has from the start, nothing moves.
    const page = await (await session.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: 20 });
    await page.goto(`${session.base}/${PAGE}`);
    await expect.poll(() => page.locator('svg.lineage-edges path').count(), { timeout: 30_000 }).toBeGreaterThan(3);
    expect(await layoutShift(page)).toBeLessThan(0.01);
  });

  it('collapses a crowded column, and shows every label whole', async () => {
    const page = await (await session.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${session.base}/${PAGE}`);
    const first = page.locator('.lineage-column[data-distance="1"]');
    expect(await first.locator('h3 + ul > li').count()).toBe(5);
    const more = first.locator('summary');
    expect(await more.textContent()).toBe('+8 more');
    await more.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => first.locator('details li').first().isVisible()).toBe(true);
    const long = page.locator('.llabel', { hasText: LONG });
    expect(await long.textContent()).toBe(LONG);
    // Wrapped inside its box, not cut: the box is as wide as its column and the label's text all in it.
    const label = await long.boundingBox();
    const box = await page.locator('li.lnode', { has: long }).boundingBox();
    expect((label?.x ?? 0) + (label?.width ?? 0)).toBeLessThanOrEqual((box?.x ?? 0) + (box?.width ?? 0));
    expect(await long.evaluate((element: { scrollWidth: number; clientWidth: number }) => element.scrollWidth <= element.clientWidth)).toBe(
      true,
    );
    await page.close();
  });

  for (const colorScheme of ['light', 'dark'] as const)
    it(`has no serious accessibility violations once expanded, in the ${colorScheme} scheme`, async () => {
      const page = await (await session.browser.newContext({ colorScheme })).newPage();
      await page.goto(`${session.base}/${PAGE}`);
      await page.getByRole('button', { name: 'Expand c3 downstream' }).click();
      await expect.poll(() => page.locator('.lineage-column').count()).toBe(5);
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });
});
