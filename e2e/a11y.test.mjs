// Accessibility with axe-core (no serious or critical violation) on the start page, the
// mapping step and the report, plus the screenshots of those three screens (e2e/out/).
//
// axe-core is injected as a script, which the page's CSP forbids: these contexts use
// bypassCSP, so they are kept apart from the privacy tests.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBrowser, fileUrl, openPage, chooseMode, runFile, generate, tempDir, screenshot, ROOT, PAGE, KEY } from './helpers.mjs';

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

const browser = useBrowser();

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

async function withPage(fn) {
  const context = await browser().newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  try {
    const { page } = await openPage(context, fileUrl(PAGE));
    await fn(page);
  } finally {
    await context.close();
  }
}

test('start page: no serious or critical axe violation, in every mode', async () => {
  await withPage(async (page) => {
    await screenshot(page, 'accueil.png');
    for (const mode of ['check', 'pseudonymise', 'rehash']) {
      await chooseMode(page, mode);
      assert.deepEqual(await axe(page), [], `mode ${mode}`);
    }
  });
});

test('keyboard: every control is reachable with Tab and focus is visible', async () => {
  await withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    await page.focus('[data-testid=mode-check]');
    const seen = new Set();
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        // Inside a date input, focus can sit on the browser's own calendar button (shadow
        // DOM, with its own focus ring): then the input itself does not match :focus.
        const own = el.matches(':focus');
        return { id: el.dataset.testid || el.id, own, outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' };
      });
      if (info.id) seen.add(info.id);
      if (info.own) assert.ok(info.outline, `focus visible on ${info.id}`);
    }
    for (const id of ['mode-pseudonymise', 'file-input', 'key-input', 'option-with-day', 'export-date-input']) {
      assert.ok(seen.has(id), `${id} reachable with Tab`);
    }
  });
});

test('mapping step: no serious or critical axe violation', async () => {
  const input = generate('a11y-correspondance.csv', { rows: 50, seed: 17 });
  const text = readFileSync(input, 'utf8');
  const nl = text.indexOf('\n');
  const renamed = join(tempDir(), 'export-logiciel.csv');
  writeFileSync(renamed, text.slice(0, nl).replace('SEXE', 'Sexe du jeune').replace('TYPEV', 'Type') + text.slice(nl));
  await withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    await page.setInputFiles('[data-testid=file-input]', renamed);
    await page.waitForSelector('[data-testid=mapping]:visible');
    await screenshot(page, 'correspondance.png');
    assert.deepEqual(await axe(page), []);
  });
});

test('report: no serious or critical axe violation, the priorities open, a priority\'s findings shown', async () => {
  const input = generate('a11y-rapport.csv', { rows: 400, seed: 19, errorRate: 0.05 });
  await withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    const status = await runFile(page, input, { key: KEY });
    assert.match(status, /terminé/, status);
    await screenshot(page, 'rapport.png');
    assert.deepEqual(await axe(page), []);
    // « À corriger en priorité » unfolded, a row opened, the bloquant run's files confirmed.
    assert.ok(await page.locator('[data-testid=priorities] tbody tr').count() > 0);
    if (await page.locator('[data-testid=priorities-more]').count()) await page.click('[data-testid=priorities-more]');
    await page.locator('[data-testid=priorities] tbody button').first().click();
    if (await page.locator('[data-testid=confirm-transmission]').count()) await page.click('[data-testid=confirm-transmission]');
    assert.deepEqual(await axe(page), [], 'with the priorities open');
    // The print stylesheet keeps the report and drops the controls.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('#results'), true);
    assert.equal(await page.isVisible('[data-testid=summary]'), true);
    for (const sel of ['#panel-run', '#modes', '#downloads-block', '.olp-filters']) {
      assert.equal(await page.isVisible(sel), false, `${sel} not printed`);
    }
    await page.emulateMedia({ media: 'screen' });
  });
});
