// Finding one's way (issue 14, item 3): the report's menu that stays reachable, « Haut de
// page », « Retour au rapport » on every dictionary entry, the browser's history for the
// mode, the dictionary entry and the report (Back returns inside the page, and a history
// entry carries the view only), and the warning before leaving a page that holds results
// (never a dialog on a mode switch).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useBrowser, chromiumKit, chooseMode, runFile, generate, runCli, tempDir } from './helpers.mjs';

const kit = chromiumKit(useBrowser());

const NAV = ['Verdict', 'À corriger', 'Télécharger', 'Contrôles ONPE', 'Remplissage', 'Constats', 'Haut de page'];

async function shownNav(page) {
  return page.$$eval('#report-nav li', (xs) => xs.filter((x) => !x.hidden).map((x) => x.textContent.trim()));
}

test('report menu: its parts, sticky while the report scrolls, each part focused; « Haut de page »', async () => {
  const input = generate('nav.csv', { rows: 400, seed: 19, nominative: false, errorRate: 0.05 });
  await kit.withPage(async (page) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await chooseMode(page, 'check');
    assert.match(await runFile(page, input), /terminé/);
    assert.deepEqual(await shownNav(page), NAV);
    await page.click('#report-nav a[data-nav=findings-block]');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'findings-block');
    // The menu is still in the window, at its top.
    const top = await page.$eval('#report-nav', (n) => n.getBoundingClientRect().top);
    assert.ok(top >= 0 && top < 5, `menu at ${top}px`);
    assert.ok(await page.evaluate(() => window.scrollY) > 1000);
    await page.click('#report-nav a[data-nav=audit-block]');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'audit-block');
    assert.equal(await page.evaluate(() => window.location.hash), '#verifier', 'a part is no history entry');
    await page.click('[data-testid=top-of-page]');
    assert.ok(await page.evaluate(() => window.scrollY) < 300);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'contenu');
  });
});

test('report menu: « Continuité » once last year\'s file was compared', async () => {
  const dir = tempDir();
  const [a, b] = ['cd35-2018.csv', 'cd35-2019.csv'].map((n) => join(dir, n));
  assert.equal(runCli(['generate', '--years', '2', '--rows', '200', '--seed', '12', '--numdep', '35', '--out', a, '--out-next', b]).status, 0);
  await kit.withPage(async (page) => {
    await chooseMode(page, 'check');
    await page.setInputFiles('[data-testid=previous-file-input]', a);
    assert.match(await runFile(page, b), /terminé/);
    await page.waitForSelector('[data-testid=continuity-verdict]', { timeout: 60000 });
    assert.deepEqual(await shownNav(page), [...NAV.slice(0, 6), 'Continuité', 'Haut de page']);
    await page.click('#report-nav a[data-nav=continuity-block]');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'continuity-block');
  });
});

test('history: Back returns inside the page — dictionary entry, report, modes; entries carry the view only; no dialog on a mode switch', async () => {
  const input = generate('nav-hist.csv', { rows: 300, seed: 7, nominative: false, errorRate: 0.05 });
  await kit.withPage(async (page) => {
    let dialogs = 0;
    page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
    await chooseMode(page, 'check');
    assert.match(await runFile(page, input), /terminé/);
    const link = page.locator('[data-testid=findings-table] tbody button[data-var]').first();
    const code = await link.getAttribute('data-var');
    await page.$eval('#findings-block', (n) => n.scrollIntoView());
    const y = await page.evaluate(() => window.scrollY);
    await link.click();
    assert.ok(await page.isVisible(`#var-${code}`));
    assert.equal(await page.evaluate(() => window.location.hash), `#dictionnaire-${code}`);
    // « Retour au rapport » on the entry itself (not only at the top of the panel).
    assert.ok(await page.isVisible(`#var-${code} button[data-back]`));
    // Nothing but the view in the history entry.
    const st = await page.evaluate(() => history.state);
    assert.deepEqual(Object.keys(st.olinpe).sort(), ['entry', 'fromReport', 'mode']);
    await page.goBack();
    await page.waitForFunction(() => !document.getElementById('results').hidden);
    assert.ok(await page.isVisible('[data-testid=findings-table]'), 'the report is back');
    assert.equal(await page.getAttribute('[data-testid=mode-check]', 'aria-pressed'), 'true');
    assert.ok(Math.abs(await page.evaluate(() => window.scrollY) - y) < 50, 'where it was');
    await page.goForward();
    await page.waitForSelector(`#var-${code}`);
    await page.click(`#var-${code} button[data-back]`);
    await page.waitForFunction(() => !document.getElementById('results').hidden);
    // Modes: the dictionary then training, Back twice to the report.
    await chooseMode(page, 'dictionary');
    await chooseMode(page, 'training');
    await page.goBack();
    assert.equal(await page.getAttribute('[data-testid=mode-dictionary]', 'aria-pressed'), 'true');
    await page.goBack();
    assert.equal(await page.getAttribute('[data-testid=mode-check]', 'aria-pressed'), 'true');
    assert.ok(await page.isVisible('[data-testid=summary]'), 'the report again');
    assert.equal(dialogs, 0, 'never a dialog on a mode switch or Back inside the page');
    const all = await page.evaluate(() => JSON.stringify(history.state));
    assert.doesNotMatch(all, /rows|findings|verdict|CLE/);
  });
});

test('leaving a page that holds results asks first; a page without results does not', async () => {
  const input = generate('nav-leave.csv', { rows: 100, seed: 3, nominative: false });
  await kit.withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    await chooseMode(page, 'check');
    // No results: a reload asks nothing.
    let asked = null;
    page.on('dialog', (d) => { asked = d.type(); d.accept(); });
    await page.reload();
    await page.waitForFunction(() => document.getElementById('version').textContent !== '');
    assert.equal(asked, null);
    assert.match(await runFile(page, input), /terminé/);
    const closing = page.close({ runBeforeUnload: true });
    await page.waitForEvent('close', { timeout: 10000 }).catch(() => {});
    await closing;
    assert.equal(asked, 'beforeunload');
  });
});
