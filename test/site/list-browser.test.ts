// Lists in a real browser: columns of their kind, sorted by keyboard, filtered across every page of
// a long list (from the list's JSON), and still a plain paginated table without scripts.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndBrowse, layoutShift, pageErrors, seriousViolations } from './browser-session.js';

const DATASETS = 450;

/** 450 datasets over three pages: owners a and b in turn, every third PII, sizes that sort apart from their names. */
function datasets(): string {
  const teams = ['a', 'b'].map((name) => `apiVersion: dossier/v1\nkind: Team\nmetadata: {name: ${name}}\nspec: {}\n`);
  const sets = Array.from({ length: DATASETS }, (_, i) =>
    [
      'apiVersion: dossier/v1',
      'kind: Dataset',
      `metadata: {name: set-${String(i).padStart(3, '0')}, owner: ${i % 2 === 0 ? 'a' : 'b'}, tags: [${i % 5 === 0 ? 'gold' : 'plain'}]}`,
      'spec:',
      `  location: {uri: "s3://b/${i}"}`,
      `  classification: ${i % 3 === 0 ? 'restricted' : 'internal'}`,
      `  containsPII: ${i % 3 === 0}`,
      `  splits: [{name: train, rows: ${(i * 7919) % 1000}, bytes: ${((i * 7919) % 1000) * 1000}}]`,
      '',
    ].join('\n'),
  );
  return [...teams, ...sets].join('---\n');
}

let session: Awaited<ReturnType<typeof buildAndBrowse>>;

beforeAll(async () => {
  session = await buildAndBrowse({ 'datasets.yaml': datasets() });
}, 120_000);

afterAll(async () => {
  await session.close();
});

// Each test opens lists of hundreds of rows: axe and chromium take their time on a busy machine.
describe('lists in a browser', { timeout: 120_000 }, () => {
  it('shows the columns of its kind and sorts by keyboard, a header a button with aria-sort', async () => {
    const page = await (await session.browser.newContext()).newPage();
    const errors = pageErrors(page);
    await page.goto(`${session.base}/kinds/dataset.html`);
    // The script makes the headers buttons and shows the filters where the page laid them out.
    await expect.poll(() => page.getByRole('button', { name: 'Size' }).count()).toBe(1);
    expect(await layoutShift(page)).toBeLessThan(0.01);
    const headers = await page.locator('table.entities thead th').allTextContents();
    expect(headers.map((h) => h.trim())).toEqual(['Name', 'Owner', 'Lifecycle', 'Versions', 'Classification', 'PII', 'License', 'Size']);
    const size = page.locator('th', { has: page.getByRole('button', { name: 'Size' }) });
    // Keyboard only: Tab from the Size header's left neighbour, Enter to sort, Enter again to reverse.
    await page.getByRole('button', { name: 'License' }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => size.getAttribute('aria-sort')).toBe('ascending');
    const sizes = async () => (await page.locator('table.entities tbody tr td:nth-child(8)').allTextContents()).slice(0, 3);
    const kilobytes = async () =>
      (await page.locator('table.entities tbody tr td:nth-child(8)').allTextContents()).map(
        (size) => parseFloat(size) * (size.endsWith('kB') ? 1 : 0.001),
      );
    // Sorted across all 450, not the page: the smallest sizes of the whole list first.
    await expect.poll(sizes).toEqual(['0 bytes', '2 kB', '3 kB']);
    await page.keyboard.press('Enter');
    await expect.poll(() => size.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(sizes).toEqual(['999 kB', '996 kB', '993 kB']);
    const shown = await kilobytes();
    expect(shown).toEqual([...shown].sort((a, b) => b - a));
    expect(await page.locator('nav.pages').isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters across every page of a long list, the first matches shown and more on request', async () => {
    const page = await (await session.browser.newContext()).newPage();
    const errors = pageErrors(page);
    await page.goto(`${session.base}/kinds/dataset~2.html`);
    await page.getByLabel('Owner').selectOption('team:default/b');
    await page.getByLabel('Tag').selectOption('gold');
    // Odd and a multiple of 5: 45 of the 450.
    await expect.poll(() => page.locator('[data-filter-count]').textContent()).toBe('45 of 45 matches in all 450 shown');
    await page.getByLabel('Owner').selectOption('');
    await page.getByLabel('Tag').selectOption('');
    await page.getByLabel('Owner').selectOption('team:default/a');
    await expect.poll(() => page.locator('table.entities tbody tr').count()).toBe(200);
    await page.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(() => page.locator('table.entities tbody tr').count()).toBe(225);
    expect(await page.getByRole('button', { name: 'Show more' }).isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('is a plain paginated table without scripts', async () => {
    const page = await (await session.browser.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(`${session.base}/kinds/dataset.html`);
    expect(await page.locator('form.filters').isVisible()).toBe(false);
    expect(await page.locator('table.entities tbody tr').count()).toBe(200);
    expect(await page.locator('nav.pages a').count()).toBe(2);
    await page.close();
  });

  for (const colorScheme of ['light', 'dark'] as const)
    it(`has no serious accessibility violations, sorted, in the ${colorScheme} scheme`, async () => {
      const page = await (await session.browser.newContext({ colorScheme })).newPage();
      await page.goto(`${session.base}/kinds/dataset.html`);
      await page.getByRole('button', { name: 'Classification' }).click();
      await expect.poll(() => page.locator('th[aria-sort]').count()).toBe(1);
      // Filtered to fewer rows, so that axe's walk of the table stays short on a busy machine.
      await page.getByLabel('Tag').selectOption('gold');
      await expect.poll(() => page.locator('table.entities tbody tr').count()).toBe(90);
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });
});
