// The continuity check in the page (issue 16): in « Vérifier », last year's file gives the
// « Continuité » section below the report, with its own verdict (continuity-verdict,
// data-level) that never changes the run's, a chart of the flagged indicators and the JSON
// download (download-continuity), byte for byte the command line's `olinpe continuity
// --format json`; in « Préparer la transmission », the transmission CSV just produced is
// compared with last year's file; the comparison can be cancelled without losing the
// report; the training pair finds its planted defects.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, requirePage, fileUrl, openPage, chooseMode, runFile, download, generate, runCli, tempDir, PAGE, KEY, EXPORT_DATE } from './helpers.mjs';

let browser;

before(async () => {
  requirePage();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function withPage(fn) {
  const context = await browser.newContext({ acceptDownloads: true });
  try {
    const { page, log } = await openPage(context, fileUrl(PAGE));
    await fn(page, log);
  } finally {
    await context.close();
  }
}

/** A pair of consecutive years written by `olinpe generate --years 2` into `dir`. */
function pair(dir, { rows = 400, seed = 12, names = ['cd35-2018.csv', 'cd35-2019.csv'] } = {}) {
  const [a, b] = names.map((n) => join(dir, n));
  const r = runCli(['generate', '--years', '2', '--rows', String(rows), '--seed', String(seed), '--numdep', '35', '--out', a, '--out-next', b]);
  assert.equal(r.status, 0, r.stderr);
  return [a, b];
}

/** Waits for the continuity section's verdict; returns its level. */
async function continuityLevel(page, timeout = 60000) {
  await page.waitForSelector('[data-testid=continuity-verdict][data-level]', { timeout });
  return page.getAttribute('[data-testid=continuity-verdict]', 'data-level');
}

test('check with last year\'s file: the continuity section, its own verdict, the chart, the JSON as the CLI\'s', async () => {
  const dir = tempDir();
  const [previous, current] = pair(dir);
  const cli = runCli(['continuity', previous, current, '--format', 'json']);
  assert.equal(cli.status, 0, cli.stderr);
  const expected = JSON.parse(cli.stdout.toString('utf8'));
  const check = runCli(['check', current, '--format', 'json']);
  await withPage(async (page, log) => {
    await chooseMode(page, 'check');
    assert.equal(await page.isVisible('[data-testid=previous-file-input]'), true, 'last year\'s file in Vérifier too');
    await page.setInputFiles('[data-testid=previous-file-input]', previous);
    assert.match(await runFile(page, current), /terminé/);
    assert.equal(await continuityLevel(page), expected.verdict.level);
    assert.equal(expected.verdict.level, 'a_verifier', 'the planted defects');
    // The run's own verdict is the check's, untouched.
    assert.equal(await page.getAttribute('[data-testid=summary]', 'data-exit-status'), String(check.status));
    // The JSON download: the command line's bytes, named after this year's file.
    const d = await download(page, 'download-continuity');
    assert.equal(d.name, 'cd35-2019-continuite.json');
    assert.ok(d.bytes.equals(cli.stdout), `page ${d.bytes.length} bytes, CLI ${cli.stdout.length}`);
    // The section: the verdict at its top, the counts, the chart of the flagged indicators.
    const section = page.locator('[data-testid=continuity]');
    const first = await section.evaluate((s) => s.querySelector('h3 + *').getAttribute('data-testid'));
    assert.equal(first, 'continuity-verdict');
    const text = await section.textContent();
    assert.match(text, /Continuité avec l’an dernier : à vérifier avant de transmettre/);
    assert.ok(text.includes(`${expected.chaining.found.toLocaleString('fr-FR')} des`), text.slice(0, 400));
    const overdue = await page.textContent('[data-testid=continuity] tr[data-count=silent_overdue] td');
    assert.equal(overdue.replace(/\s/g, ''), String(expected.open_measures.silent_overdue));
    const flagged = expected.indicators.filter((i) => i.flag).map((i) => i.name);
    assert.ok(flagged.includes('rate:MINIMA'));
    const drawn = await page.$$eval('[data-testid=continuity-chart] g[data-indicator]', (gs) => gs.map((g) => g.dataset.indicator));
    assert.deepEqual(drawn, flagged);
    assert.equal(await page.$$eval('[data-testid=continuity-chart] g[data-indicator="rate:MINIMA"] rect', (r) => r.length), 2);
    assert.equal(await page.getAttribute('[data-testid=continuity-chart]', 'role'), 'img');
    // The controls are free again once the comparison is done.
    assert.equal(await page.isEnabled('[data-testid=run]'), true);
    assert.equal(await page.isVisible('[data-testid=cancel]'), false);
    assert.deepEqual(log.errors, []);
  });
});

test('pseudonymise with last year\'s file: this year\'s transmission CSV compared, the JSON as the CLI\'s', async () => {
  const dir = tempDir();
  const input = join(dir, 'annee.csv');
  copyFileSync(generate('c-pseudo.csv', { rows: 250, seed: 41 }), input);
  // Last year's transmission: the same young people (the same year, so continuity says so).
  const lastYear = join(dir, 'an-dernier');
  mkdirSync(lastYear);
  const prevRun = runCli(['pseudonymise', input, '--date-export', '2024-01-15', '--out-dir', lastYear], { OLINPE_KEY: KEY });
  assert.ok(prevRun.status === 0 || prevRun.status === 1, prevRun.stderr);
  const previous = join(lastYear, 'annee-transmission.csv');
  const outDir = join(dir, 'cli');
  mkdirSync(outDir);
  const run = runCli(['pseudonymise', input, '--previous', previous, '--date-export', EXPORT_DATE, '--out-dir', outDir], { OLINPE_KEY: KEY });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const cli = runCli(['continuity', previous, join(outDir, 'annee-transmission.csv'), '--format', 'json']);
  assert.equal(cli.status, 1, 'two files of the same year: bloquant');
  await withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    await page.setInputFiles('[data-testid=previous-file-input]', previous);
    assert.match(await runFile(page, input, { key: KEY }), /terminé/);
    assert.equal(await continuityLevel(page), 'bloquant');
    // Found on this year's identifiers: every young person.
    const expected = JSON.parse(cli.stdout.toString('utf8'));
    assert.equal(expected.chaining.rate, 1);
    const d = await download(page, 'download-continuity');
    assert.equal(d.name, 'annee-transmission-continuite.json');
    assert.ok(d.bytes.equals(cli.stdout), 'continuity JSON, byte for byte');
    // The run's receipt is the command line's: the continuity verdict changed nothing.
    const receipt = await download(page, 'download-receipt');
    assert.ok(receipt.bytes.equals(readFileSync(join(outDir, 'annee-recu.json'))), 'receipt unchanged');
  });
});

test('the comparison can be cancelled: the report stays, the section says so', async () => {
  const dir = tempDir();
  const [previous, current] = pair(dir, { rows: 250000, seed: 5, names: ['grand-2018.csv', 'grand-2019.csv'] });
  await withPage(async (page) => {
    await chooseMode(page, 'check');
    await page.setInputFiles('[data-testid=previous-file-input]', previous);
    await page.setInputFiles('[data-testid=file-input]', current);
    await page.click('[data-testid=run]:not([disabled])');
    await page.waitForSelector('#continuity-progress', { timeout: 180000 });
    await page.click('[data-testid=cancel]');
    await page.waitForFunction(() => /interrompue/.test(document.querySelector('[data-testid=continuity]').textContent), null, { timeout: 60000 });
    assert.match(await page.textContent('[data-testid=status]'), /terminé/);
    assert.equal(await page.locator('[data-testid=continuity-verdict]').count(), 0);
    assert.equal(await page.isVisible('[data-testid=summary]'), true, 'the report stays');
    assert.equal(await page.isEnabled('[data-testid=run]'), true);
  });
});

test('training: the continuity pair and its planted defects, all found', async () => {
  await withPage(async (page) => {
    await chooseMode(page, 'training');
    await page.waitForFunction(() => !document.querySelector('[data-testid=training-continuity]').disabled, null, { timeout: 20000 });
    await page.click('[data-testid=training-continuity]');
    await page.waitForSelector('[data-testid=training-continuity-planted] li[data-kind=silent_overdue]', { timeout: 30000 });
    assert.equal(await continuityLevel(page), 'a_verifier');
    await page.waitForFunction(() => globalThis.__olinpeTraining.pair !== null, null, { timeout: 30000 });
    const pairState = await page.evaluate(() => globalThis.__olinpeTraining.pair);
    assert.equal(pairState.equal, true, JSON.stringify(pairState));
    assert.ok(pairState.expected > 10);
    assert.match(await page.textContent('[data-testid=training-continuity-verdict]'), /ont tous été trouvés/);
    const d = await download(page, 'download-continuity');
    assert.equal(d.name, 'FORMATION-continuite-2019-continuite.json');
  });
});
