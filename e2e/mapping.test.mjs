// The mapping step a person can finish alone (issue 14, item 1) in Chromium: the page shows
// the engine's header matching (the shared table tests/js/header-matches.json, which the
// engine's own test reads too), the columns a run needs first, a file that is no Olinpe file
// refused at once, and pseudonymise's refusal named before the run for a workbook as for a
// text file. The first two scenarios run in Firefox ESR too (e2e/firefox/page.test.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { useBrowser, chromiumKit, chooseMode, runFile, runCli, tempDir, generate } from './helpers.mjs';
import { mappingMatchesEngine, notOlinpeRefused, renamedCopy, same } from './scenarios.mjs';

const kit = chromiumKit(useBrowser());

test('mapping: the step shows what the engine matched, and the run reads it as the command line', () => mappingMatchesEngine(kit));

test('mapping: no Olinpe file (an image, an unrelated table) is refused at once, without a mapping table', () => notOlinpeRefused(kit));

test('mapping: in pseudonymise, the needed columns without a header come first, tagged; short labels; wide drop-downs', async () => {
  const input = renamedCopy(generate('needed.csv', { rows: 40, seed: 31 }), { ANAIS: 'Naissance (AAAA)', PRENOM: 'Prénom', SEXE: 'sexe' });
  await kit.withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    await page.setInputFiles('[data-testid=file-input]', input);
    await page.waitForSelector('[data-testid=mapping]:visible');
    const rows = await page.$$eval('#mapping-table tbody tr', (trs) => trs.map((tr) => [tr.querySelector('select').dataset.target, tr.dataset.group]));
    assert.deepEqual(rows[0], ['ANAIS', 'required'], JSON.stringify(rows));
    assert.ok(rows.some(([t, g]) => t === 'PRENOM' && g === 'confirm'));
    assert.ok(rows.some(([t, g]) => t === 'SEXE' && g === 'confirm'));
    assert.match(await page.textContent('#mapping-table tbody tr'), /nécessaire, à associer/);
    assert.match(await page.textContent('#mapping-intro'), /1 colonne nécessaire n’a pas encore de correspondance/);
    // The other absent columns are folded away.
    assert.equal(await page.isVisible('#mapping-others select'), false);
    assert.ok(await page.locator('#mapping-others select[data-target=NOMUSAGE]').count() === 1);
    // A short label (the guide's notes after the first sentence go).
    await page.selectOption('select[data-target=ANAIS]', 'Naissance (AAAA)');
    const label = await page.textContent('label[for=map-PRENOM]');
    assert.match(label, /PRENOM/);
    // The drop-down shows its whole header.
    const fits = await page.$eval('select[data-target=PRENOM]', (s) => s.getBoundingClientRect().width >= 150);
    assert.ok(fits);
    await page.waitForFunction(() => !document.querySelector('[data-testid=run]').disabled);
  });
});

test('mapping: « absente du fichier » over a header the engine reads by its name is obeyed, as CODE= on the command line', async () => {
  // « Département » is read as NUMDEP by its name; « sexe » as SEXE. The person says the file
  // has no NUMDEP: the run must not read « Département » as it.
  const input = renamedCopy(generate('absent.csv', { rows: 60, seed: 33 }), { NUMDEP: 'Département', SEXE: 'sexe' });
  const dir = tempDir();
  const map = join(dir, 'correspondance.txt');
  writeFileSync(map, 'NUMDEP=\n');
  const cli = runCli(['check', input, '--format', 'json', '--map-file', map]);
  const expected = JSON.parse(cli.stdout.toString('utf8'));
  assert.equal(expected.variables.find((v) => v.code === 'NUMDEP').present, false, 'the CLI with NUMDEP=');
  await kit.withPage(async (page) => {
    await chooseMode(page, 'check');
    await page.setInputFiles('[data-testid=file-input]', input);
    await page.waitForSelector('[data-testid=mapping]:visible');
    assert.equal(await page.inputValue('select[data-target=NUMDEP]'), 'Département', 'matched by name, to confirm');
    await page.selectOption('select[data-target=NUMDEP]', '');
    // Exported, the mapping says it too.
    const exported = (await kit.downloadBy(page, '#mapping-export')).bytes.toString('utf8');
    assert.match(exported, /^NUMDEP=$/m);
    assert.match(await runFile(page, input), /terminé/);
    const report = await kit.download(page, 'download-report-json');
    const got = JSON.parse(report.bytes.toString('utf8'));
    assert.equal(got.variables.find((v) => v.code === 'NUMDEP').present, false, 'not read as NUMDEP');
    assert.equal(got.variables.find((v) => v.code === 'SEXE').present, true, 'the other match kept');
    same(report.bytes, writeTemp(dir, 'cli.json', cli.stdout), 'report JSON = the CLI\'s with NUMDEP=');
  });
});

function writeTemp(dir, name, bytes) {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

test('pseudonymise: a workbook already pseudonymised is refused before « Lancer » (preflight reads the workbook)', async () => {
  const dir = tempDir();
  const xlsx = join(dir, 'deja-pseudonymise.xlsx');
  const r = runCli(['generate', '--rows', '700', '--seed', '5', '--format', 'xlsx', '--out', xlsx]);
  assert.equal(r.status, 0, r.stderr);
  const nominative = join(dir, 'nominatif.xlsx');
  assert.equal(runCli(['generate', '--rows', '50', '--seed', '6', '--nominative', '--format', 'xlsx', '--out', nominative]).status, 0);
  await kit.withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    await page.setInputFiles('[data-testid=file-input]', xlsx);
    await page.waitForSelector('[data-testid=refusal]:visible', { timeout: 30000 });
    assert.match(await page.textContent('[data-testid=refusal]'), /déjà pseudonymisé/);
    assert.equal(await page.isDisabled('[data-testid=run]'), true);
    // A nominative workbook: nothing to refuse, the run may start.
    await page.setInputFiles('[data-testid=file-input]', nominative);
    await page.waitForFunction(() => document.querySelector('[data-testid=refusal]').hidden);
    await page.fill('[data-testid=key-input]', 'CLE_DE_TEST');
    await page.waitForFunction(() => !document.querySelector('[data-testid=run]').disabled);
  });
});
