// The dictionary panel: every variable, grouped by block, searchable; a finding's variable
// in a report opens its entry; every entry carries what the engine's tables say; no serious
// or critical axe violation (separate bypassCSP context, as e2e/a11y.test.mjs); screenshot.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useBrowser, fileUrl, openPage, chooseMode, screenshot, ROOT, PAGE } from './helpers.mjs';
import { visibleEntries, dictionaryEntries, dictionarySearch } from './scenarios.mjs';

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

const browser = useBrowser();

async function withPage(fn, options = {}) {
  const context = await browser().newContext({ viewport: { width: 1280, height: 900 }, ...options });
  try {
    const { page, log } = await openPage(context, fileUrl(PAGE));
    await fn(page, log);
    assert.deepEqual(log.errors, [], 'no page error');
  } finally {
    await context.close();
  }
}

test('dictionary: 105 variables and UTDP, grouped by block, each with its fields', async () => {
  await withPage((page) => dictionaryEntries(page, (p) => screenshot(p, 'dictionnaire.png')));
});

test('dictionary: the search filters by code, label and modality', async () => {
  await withPage((page) => dictionarySearch(page));
});

test('dictionary: a finding’s variable in the report opens its entry, and back', async () => {
  await withPage(async (page) => {
    await chooseMode(page, 'training');
    await page.click('[data-testid=sample-small]:not([disabled])');
    await page.waitForFunction(() => /terminée/.test(document.querySelector('[data-testid=training-status]').textContent), null, { timeout: 60000 });
    const link = page.locator('[data-testid=findings-table] tbody button[data-var]').first();
    const code = await link.getAttribute('data-var');
    await link.click();
    assert.ok(await page.isVisible('[data-testid=dictionary]'));
    assert.equal(await page.getAttribute('[data-testid=mode-dictionary]', 'aria-pressed'), 'true');
    const focused = await page.evaluate(() => document.activeElement.id);
    assert.equal(focused, `var-${code}`);
    assert.ok(await page.isVisible(`#var-${code}`));
    await page.click('#dictionary-back-button');
    assert.ok(await page.isVisible('#panel-training'));
    assert.ok(await page.isVisible('[data-testid=findings-table]'), 'the report is still there');
  });
});

test('dictionary and report links: keyboard only', async () => {
  await withPage(async (page) => {
    await chooseMode(page, 'dictionary');
    await page.waitForSelector('#var-DATDEB');
    await page.focus('[data-testid=dictionary-search]');
    await page.keyboard.type('NUMANONYMANT');
    assert.deepEqual(await visibleEntries(page), ['NUMANONYMANT']);
    // Tab reaches the first check link of the entry.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => Boolean(document.activeElement.closest('#var-NUMANONYMANT')));
    }
    assert.ok(reached, 'an element of the entry takes the focus');
  });
});

test('dictionary: each block prints as a one-page summary, and nothing else', async () => {
  await withPage(async (page) => {
    await chooseMode(page, 'dictionary');
    await page.waitForSelector('#var-DATDEB');
    // The button calls window.print(); a stub stands in for the browser's dialog.
    await page.evaluate(() => { window.print = () => { window.__olinpePrinted = (window.__olinpePrinted || 0) + 1; }; });
    const blocks = await page.$$eval('button[data-print-block]', (xs) => xs.map((x) => x.dataset.printBlock));
    assert.equal(blocks.length, 18);
    for (const id of blocks) {
      await page.click(`button[data-print-block="${id}"]`);
      await page.emulateMedia({ media: 'print' });
      const shown = await page.evaluate((block) => {
        const visible = (el) => el && el.getClientRects().length > 0;
        const section = document.querySelector(`.olp-dict-block[data-block="${block}"]`);
        return {
          summary: visible(section.querySelector('.olp-dict-summary')),
          rows: section.querySelectorAll('.olp-dict-summary tbody tr').length,
          entries: [...document.querySelectorAll('.olp-dict-var')].some(visible),
          others: [...document.querySelectorAll('.olp-dict-block')].filter((s) => s !== section).some(visible),
          search: visible(document.getElementById('dictionary-search')),
          findings: visible(document.getElementById('dictionary-findings-list')),
        };
      }, id);
      assert.deepEqual({ ...shown, rows: shown.rows > 0 }, { summary: true, rows: true, entries: false, others: false, search: false, findings: false }, `block ${id}`);
      const pdf = await page.pdf({ format: 'A4', landscape: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
      assert.equal(pages, 1, `block ${id} prints on ${pages} page(s)`);
      await page.emulateMedia({ media: 'screen' });
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    }
    assert.equal(await page.evaluate(() => window.__olinpePrinted), 18);
    assert.ok(await page.isVisible('#var-DATDEB'), 'back to the screen view');
  });
});

test('dictionary: no serious or critical axe violation', async () => {
  await withPage(async (page) => {
    await chooseMode(page, 'dictionary');
    await page.waitForSelector('#var-DATDEB');
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(bad, []);
  }, { bypassCSP: true });
});
