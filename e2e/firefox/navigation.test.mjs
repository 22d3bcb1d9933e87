// The browser's history in Firefox ESR (issue 14: « the browser's Back button leaves the page
// and loses the report »): Back and Forward move inside the page — from a dictionary entry
// opened from a finding back to the report, from one mode to the one before — with the view
// only in the history entries, and no dialog on the way. The Chromium test
// (e2e/navigation.test.mjs) checks more (scroll position, « Retour au rapport »); this one
// checks what differs between browsers: `history.pushState`/`popstate` on a page opened from
// disk.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, chooseMode, runFile, generate } from '../helpers.mjs';
import { launchFirefox, firefoxKit } from './helpers.mjs';

const kit = firefoxKit(useBrowser(launchFirefox));

test('firefox: Back and Forward stay inside the page — dictionary entry, report, modes; the view only in history', async () => {
  const input = generate('nav-firefox.csv', { rows: 300, seed: 7, nominative: false, errorRate: 0.05 });
  await kit.withPage(async (page, log) => {
    let dialogs = 0;
    page.raw.on('dialog', (d) => { dialogs += 1; d.dismiss().catch(() => {}); });
    await chooseMode(page, 'check');
    assert.match(await runFile(page, input), /terminé/);
    const code = await page.getAttribute('[data-testid=findings-table] tbody button[data-var]', 'data-var');
    assert.ok(code, 'a finding names its variable');
    await page.click(`[data-testid=findings-table] tbody button[data-var="${code}"]`);
    await page.waitForSelector(`#var-${code}`);
    assert.equal(await page.evaluate(() => window.location.hash), `#dictionnaire-${code}`);
    const st = await page.evaluate(() => history.state);
    assert.deepEqual(Object.keys(st.olinpe).sort(), ['entry', 'fromReport', 'mode']);
    await page.raw.goBack();
    await page.waitForFunction(() => !document.getElementById('results').hidden, null, { timeout: 10000 });
    assert.equal(await page.isVisible('[data-testid=findings-table]'), true, 'the report is back');
    assert.equal(await page.getAttribute('[data-testid=mode-check]', 'aria-pressed'), 'true');
    await page.raw.goForward();
    await page.waitForSelector(`#var-${code}`);
    await page.click(`#var-${code} button[data-back]`);
    await page.waitForFunction(() => !document.getElementById('results').hidden, null, { timeout: 10000 });
    // Modes: the dictionary, then training; Back twice to the report.
    await chooseMode(page, 'dictionary');
    await chooseMode(page, 'training');
    await page.raw.goBack();
    await page.waitForFunction(() => document.querySelector('[data-testid=mode-dictionary]').getAttribute('aria-pressed') === 'true', null, { timeout: 10000 });
    await page.raw.goBack();
    await page.waitForFunction(() => document.querySelector('[data-testid=mode-check]').getAttribute('aria-pressed') === 'true', null, { timeout: 10000 });
    assert.equal(await page.isVisible('[data-testid=summary]'), true, 'the report again');
    assert.equal(dialogs, 0, 'never a dialog on a mode switch or Back inside the page');
    assert.doesNotMatch(await page.evaluate(() => JSON.stringify(history.state)), /rows|findings|verdict|CLE/);
    assert.deepEqual(log.errors, [], 'no page error');
  });
});
