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
import { launch, requirePage, fileUrl, openPage, chooseMode, runFile, download, generate, runCli, tempDir, chromiumKit, PAGE, KEY, EXPORT_DATE } from './helpers.mjs';
import { continuityMatchesCli, continuityLevel, generatePair as pair } from './scenarios.mjs';

let browser;
const chromium = chromiumKit(() => browser);

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

test('check with last year\'s file: the continuity section, its own verdict, the chart, the JSON as the CLI\'s', () => continuityMatchesCli({
  ...chromium,
  withPage: (fn) => chromium.withPage(async (page, log) => {
    await fn(page, log);
    assert.deepEqual(log.errors, [], 'no page error');
  }),
}));

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
