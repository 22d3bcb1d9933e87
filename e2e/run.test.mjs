// Runs through the page as a person would: check, pseudonymise, re-hash, cancel, and the
// column-mapping step. Input files come from `olinpe generate` (synthetic data only).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { launch, requirePage, serve, fileUrl, openPage, chooseMode, runFile, download, downloadBy, generate, tempDir, ROOT, PAGE, KEY, OBS_KEY } from './helpers.mjs';
import { mappingStep } from './scenarios.mjs';

let browser;
let server;

before(async () => {
  requirePage();
  browser = await launch();
  server = await serve({ '/': PAGE });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The page as `olinpe serve` gives it (http, CSP header) and as opened from disk. */
const ORIGINS = [['file', () => fileUrl(PAGE)], ['http', () => `${server.base}/`]];

async function withPage(fn, url = () => fileUrl(PAGE)) {
  const context = await browser.newContext({ acceptDownloads: true });
  try {
    const { page, log } = await openPage(context, url());
    await fn(page, log);
  } finally {
    await context.close();
  }
}

async function summary(page) {
  return page.locator('[data-testid=summary]').evaluate((el) => ({
    rows: Number(el.dataset.rows),
    youngPeople: Number(el.dataset.youngPeople),
    errors: Number(el.dataset.errors),
    warnings: Number(el.dataset.warnings),
  }));
}

const FINDINGS_HEADER = 'enregistrement;ligne;gravite;code;titre;variable;section;message\r\n';

for (const [origin, url] of ORIGINS) test(`check: report, findings table, report JSON and findings CSV downloads (${origin})`, async () => {
  const input = generate('verification.csv', { rows: 300, seed: 3, nominative: false, errorRate: 0.05 });
  await withPage(async (page) => {
    await chooseMode(page, 'check');
    const status = await runFile(page, input);
    assert.match(status, /terminé/, `${status} ${await page.textContent('[data-testid=error-message]')}`);
    const s = await summary(page);
    assert.equal(s.rows, 300);
    assert.ok(s.youngPeople > 0 && s.youngPeople <= 300);
    assert.equal(await page.getAttribute('[data-testid=progress]', 'data-value'), '100');
    // The findings table is paged: never more than one page of rows in the DOM.
    const rows = await page.locator('[data-testid=findings-table] tbody tr').count();
    assert.ok(rows <= 25, `${rows} rows in the DOM`);
    if (s.errors + s.warnings > 0) assert.ok(rows > 0);
    for (const id of ['download-xml', 'download-csv', 'download-receipt', 'download-rehash']) {
      assert.equal(await page.locator(`[data-testid=${id}]`).count(), 0, `${id} absent in check mode`);
    }
    const report = await download(page, 'download-report-json');
    assert.equal(report.name, 'verification-rapport.json');
    const json = JSON.parse(report.bytes.toString('utf8'));
    assert.equal(json.tool.name, 'olinpe');
    assert.equal(json.input.rows, 300);
    assert.equal(json.input.name, 'verification.csv');
    assert.equal(json.findings_total, Object.values(json.counts).reduce((a, b) => a + b, 0));
    const csv = await download(page, 'download-findings-csv');
    assert.equal(csv.name, 'verification-constats.csv');
    const text = csv.bytes.toString('utf8');
    assert.ok(text.startsWith(`\uFEFF${FINDINGS_HEADER}`), 'BOM + header');
    assert.equal(text.split('\r\n').filter(Boolean).length - 1, json.findings_total, 'every finding, uncapped');
    assert.match(await page.textContent('[data-testid=status]'), /terminé/);
  }, url);
});

for (const [origin, url] of ORIGINS) test(`pseudonymise: outputs, receipt, and the key appears in none of them (${origin})`, async () => {
  const input = generate('transmission.csv', { rows: 200, seed: 5 });
  await withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    const status = await runFile(page, input, { key: KEY });
    assert.match(status, /terminé/, `${status} ${await page.textContent('[data-testid=error-message]')}`);
    assert.equal((await summary(page)).rows, 200);
    const files = {};
    for (const id of ['download-xml', 'download-csv', 'download-receipt', 'download-receipt-txt', 'download-report-json', 'download-findings-csv']) {
      files[id] = await download(page, id);
      assert.ok(!files[id].bytes.includes(Buffer.from(KEY)), `${id} does not contain the key`);
    }
    assert.equal(files['download-xml'].name, 'transmission-transmission.xml');
    assert.ok(files['download-xml'].bytes.toString('utf8').startsWith('<?xml version="1.0" encoding="UTF-8"?>'));
    const receipt = JSON.parse(files['download-receipt'].bytes.toString('utf8'));
    assert.equal(receipt.rows.read, 200);
    assert.equal(receipt.rows.read, receipt.rows.written + receipt.rows.rejected);
    assert.equal(receipt.options.date_export, '2025-01-15');
    const xml = files['download-xml'].bytes.toString('utf8');
    assert.equal((xml.match(/<DONNEE>/g) || []).length, receipt.rows.written);
    assert.doesNotMatch(xml, /<PRENOM>|<NOMMERE>/);
  }, url);
});

for (const [origin, url] of ORIGINS) test(`rehash: only NUMANONYM and NUMANONYMANT change (${origin})`, async () => {
  const input = generate('recu-odpe.csv', { rows: 150, seed: 9, nominative: false });
  await withPage(async (page) => {
    await chooseMode(page, 'rehash');
    const status = await runFile(page, input, { key: OBS_KEY });
    assert.match(status, /terminé/, `${status} ${await page.textContent('[data-testid=error-message]')}`);
    const out = await download(page, 'download-rehash');
    const receipt = JSON.parse((await download(page, 'download-rehash-receipt')).bytes.toString('utf8'));
    assert.equal(receipt.rows.read, 150);
    const before = readFileSync(input, 'utf8').split('\n').filter(Boolean).map((l) => l.split(';'));
    const after = out.bytes.toString('utf8').split('\n').filter(Boolean).map((l) => l.split(';'));
    assert.equal(after.length, before.length);
    assert.deepEqual(after[0], before[0]);
    const changed = new Set(['NUMANONYM', 'NUMANONYMANT'].map((c) => before[0].indexOf(c)));
    for (let r = 1; r < before.length; r += 1) {
      for (let c = 0; c < before[0].length; c += 1) {
        if (changed.has(c)) {
          if (before[r][c]) assert.notEqual(after[r][c], before[r][c]);
        } else {
          assert.equal(after[r][c], before[r][c]);
        }
      }
    }
  }, url);
});

test('cancel: the run stops, nothing is offered, the page is usable again', async () => {
  const small = generate('annulation.csv', { rows: 2000, seed: 11, nominative: false });
  const lines = readFileSync(small, 'utf8').split('\n');
  const header = lines[0];
  const body = `${lines.slice(1).filter(Boolean).join('\n')}\n`;
  const big = join(tempDir(), 'gros.csv');
  const fd = openSync(big, 'w');
  writeSync(fd, `${header}\n`);
  const target = 256 * 1024 * 1024;
  for (let written = 0; written < target; written += Buffer.byteLength(body)) writeSync(fd, body);
  closeSync(fd);
  await withPage(async (page) => {
    await chooseMode(page, 'check');
    await page.setInputFiles('[data-testid=file-input]', big);
    await page.click('[data-testid=run]:not([disabled])');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=progress]').dataset.value) >= 1, null, { timeout: 60000 });
    await page.click('[data-testid=cancel]');
    await page.waitForFunction(() => /annulé/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 30000 });
    assert.doesNotMatch(await page.textContent('[data-testid=status]'), /terminé/);
    assert.equal(await page.isVisible('[data-testid=summary]'), false);
    assert.equal(await page.locator('[data-testid^=download-]').count(), 0);
    const status = await runFile(page, small);
    assert.match(status, /terminé/);
  });
});

test('mapping step: shown for unknown headers, exported, remembered and imported', () => mappingStep({ withPage, download, downloadBy }));

test('findings table: the findings CSV\'s columns, paged at the top and the bottom with the focus kept, errors and warnings first, information folded, filtered by severity, code (its French title) and variable, with explanations', async () => {
  const input = join(ROOT, 'tests', 'fixtures', 'audit', 'all-sections.xml');
  await withPage(async (page) => {
    await chooseMode(page, 'check');
    assert.match(await runFile(page, input), /terminé/);
    // The same columns, in the same order, as the findings CSV (no NUMDO: no dossier column).
    const heads = await page.locator('[data-testid=findings-table] thead th').allTextContents();
    assert.deepEqual(heads, ['Enregistrement', 'Ligne', 'Gravité', 'Code', 'Constat', 'Variable', 'Section ONPE', 'Message']);
    assert.equal(await page.locator('[data-testid=findings-dossier]').count(), 0);
    const rows = page.locator('[data-testid=findings-table] tbody tr');
    assert.equal(await rows.count(), 25);
    assert.match(await page.textContent('#page-info'), /^Page 1 sur \d+$/);
    assert.equal(await page.textContent('#page-info-top'), await page.textContent('#page-info'));
    // Errors and warnings first; information folded until asked for.
    const severities = await page.locator('[data-testid=findings-table] tbody tr td:nth-child(3)').allTextContents();
    assert.ok(!severities.includes('Information'), severities.join());
    assert.ok(severities.indexOf('Avertissement') === -1 || severities.lastIndexOf('Erreur') < severities.indexOf('Avertissement'), 'errors first');
    const first = await rows.first().textContent();
    await page.click('#page-next');
    assert.match(await page.textContent('#page-info'), /^Page 2 sur/);
    assert.notEqual(await rows.first().textContent(), first);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'page-next', 'the focus stays on the pager');
    await page.click('#page-prev-top');
    assert.match(await page.textContent('#page-info-top'), /^Page 1 sur/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'findings-table', 'on the first page, the focus goes to the list');
    const toggle = page.locator('[data-testid=findings-show-info]');
    assert.match(await toggle.textContent(), /^Afficher aussi les \d+ informations/);
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    await page.click('#findings-clear-filters');
    await page.selectOption('#filter-severity', 'error');
    assert.match(await page.textContent('#page-info'), /^Page 1 sur/, 'a new filter goes back to page 1');
    const badges = await page.locator('[data-testid=findings-table] tbody tr td:nth-child(3)').allTextContents();
    assert.ok(badges.length > 0 && badges.every((b) => b === 'Erreur'), badges.join());
    const option = page.locator('#filter-code option').nth(1);
    const code = await option.getAttribute('value');
    assert.doesNotMatch(await option.textContent(), /^[a-z0-9-]+$/, 'the filter shows French titles, not codes');
    await page.selectOption('#filter-code', code);
    const codes = await page.locator('[data-testid=findings-table] tbody tr td:nth-child(4)').allTextContents();
    assert.ok(codes.every((c) => c === code));
    const titles = await page.locator('[data-testid=findings-table] tbody tr td:nth-child(5)').allTextContents();
    assert.ok(titles.every((t) => t === titles[0] && t !== code), titles.join());
    await page.selectOption('#filter-severity', '');
    await page.selectOption('#filter-code', '');
    await page.selectOption('#filter-variable', 'TYPEV');
    const vars = await page.locator('[data-testid=findings-table] tbody tr td:nth-child(6)').allTextContents();
    assert.ok(vars.length > 0 && vars.every((v) => v === 'TYPEV'));
    // No command-line flag in a message the page shows.
    const messages = await page.locator('#results').textContent();
    assert.doesNotMatch(messages, /--[a-z]/, 'no flag on the page');
    // Every code met has its plain-French explanation, the code as a detail.
    const terms = (await page.locator('#explanations dt .olp-code').allTextContents()).map((t) => t.trim());
    const defs = await page.locator('#explanations dd').allTextContents();
    assert.ok(terms.includes(code));
    assert.ok(defs.every((d) => d.length > 40));
  });
});

test('a file dropped on the drop zone is taken like a chosen one', async () => {
  const input = join(ROOT, 'tests', 'fixtures', 'audit', 'clean.xml');
  const text = readFileSync(input, 'utf8');
  await withPage(async (page) => {
    await page.evaluate((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'depose.xml', { type: 'application/xml' }));
      document.getElementById('drop-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, text);
    assert.match(await page.textContent('#file-info'), /^depose\.xml/);
    await page.click('[data-testid=run]:not([disabled])');
    await page.waitForFunction(() => /terminé|échec/.test(document.querySelector('[data-testid=status]').textContent));
    assert.match(await page.textContent('[data-testid=status]'), /terminé/);
  });
});
