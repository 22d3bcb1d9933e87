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

test('issue 14 screens: no serious or critical axe violation on each', async () => {
  const dir = tempDir();
  const png = join(dir, 'capture.png');
  writeFileSync(png, Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(300)]));
  const unrelated = join(dir, 'annuaire.csv');
  writeFileSync(unrelated, 'Nom;Adresse;SEXE\nDupont;1 rue;1\n');
  const nominative = generate('a11y-14.csv', { rows: 120, seed: 61 });
  const text = readFileSync(nominative, 'utf8');
  const nl = text.indexOf('\n');
  const exported = join(dir, 'export.csv');
  writeFileSync(exported, text.slice(0, nl).replace('PRENOM', 'Prénom').replace('ANAIS', 'Naissance (AAAA)') + text.slice(nl));
  const [a, b] = ['cd35-2018.csv', 'cd35-2019.csv'].map((n) => join(dir, n));
  const { runCli } = await import('./helpers.mjs');
  assert.equal(runCli(['generate', '--years', '2', '--rows', '150', '--seed', '12', '--numdep', '35', '--out', a, '--out-next', b]).status, 0);
  await withPage(async (page) => {
    const seen = [];
    const check = async (what) => { seen.push(what); assert.deepEqual(await axe(page), [], what); };
    for (const mode of ['training', 'dictionary']) {
      await chooseMode(page, mode);
      await check(`mode ${mode}`);
    }
    await chooseMode(page, 'check');
    await page.setInputFiles('[data-testid=file-input]', png);
    await page.waitForSelector('[data-testid=not-olinpe]:visible');
    await check('not an Olinpe file (image)');
    await page.setInputFiles('[data-testid=file-input]', unrelated);
    await page.waitForSelector('[data-testid=not-olinpe-override]');
    await check('not an Olinpe file (few columns), with its override');
    await chooseMode(page, 'pseudonymise');
    await page.setInputFiles('[data-testid=file-input]', exported);
    await page.waitForSelector('[data-testid=mapping]:visible');
    await page.evaluate(() => { document.getElementById('mapping-others').open = true; });
    await check('mapping step: needed columns first, others unfolded');
    await page.selectOption('select[data-target=ANAIS]', 'Naissance (AAAA)');
    await page.fill('[data-testid=key-input]', KEY);
    await page.press('[data-testid=key-input]', 'Tab');
    await page.setInputFiles('[data-testid=previous-file-input]', a);
    await page.waitForFunction(() => ['set', 'unsure', 'failed'].includes(document.querySelector('[data-testid=previous-probe]').dataset.state), null, { timeout: 60000 });
    await check('last year\'s file analysed before the run');
    await chooseMode(page, 'check');
    await page.setInputFiles('[data-testid=previous-file-input]', a);
    assert.match(await runFile(page, b), /terminé/);
    await page.waitForSelector('[data-testid=continuity-verdict]', { timeout: 60000 });
    await page.click('#report-nav a[data-nav=findings-block]');
    await check('report with its menu, priorities and the continuity section');
    const link = page.locator('[data-testid=findings-table] tbody button[data-var]').first();
    if (await link.count()) {
      await link.click();
      await check('a dictionary entry opened from the report (« Retour au rapport » on each entry)');
    }
    assert.ok(seen.length >= 7);
  });
});
