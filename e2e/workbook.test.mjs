// Workbooks in the page (issue 15): an XLSX or ODS file is read whole by the engine worker and
// gives the command line's bytes for every download (docs/spec/INTERFACES.md, parity); a
// workbook of several sheets offers the choice of the sheet; an export with a title above
// non-official headers gets its mapping step from the right line once a mapping is imported;
// training samples download as XLSX with their planted errors.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, requirePage, fileUrl, openPage, chooseMode, runFile, download, runCli, tempDir, ROOT, PAGE, KEY, OBS_KEY, EXPORT_DATE } from './helpers.mjs';

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
    const { page } = await openPage(context, fileUrl(PAGE));
    await fn(page);
  } finally {
    await context.close();
  }
}

/** A copy of a file of tests/sheets/ under `name`, in a fresh folder. */
function sheetFile(file, name) {
  const dir = tempDir();
  const p = join(dir, name);
  copyFileSync(join(ROOT, 'tests', 'sheets', file), p);
  return { dir, path: p };
}

function same(actual, expectedPath, what) {
  assert.ok(existsSync(expectedPath), `${what}: the CLI wrote ${expectedPath}`);
  assert.ok(actual.equals(readFileSync(expectedPath)), `${what}: the page's bytes differ from the CLI's`);
}

test('check of an XLSX: report JSON and findings CSV equal the CLI\'s', async () => {
  const { dir, path } = sheetFile('libreoffice.xlsx', 'export.xlsx');
  const out = join(dir, 'cli-constats.csv');
  const cli = runCli(['check', path, '--format', 'json', '--findings-csv', out]);
  assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
  assert.match(cli.stdout.toString('utf8'), /"format": "xlsx"/);
  await withPage(async (page) => {
    await chooseMode(page, 'check');
    assert.match(await runFile(page, path), /terminé/);
    assert.equal(await page.getAttribute('[data-testid=summary]', 'data-rows'), '200');
    assert.equal(await page.isVisible('[data-testid=sheet-select]'), false, 'one sheet: no choice');
    assert.ok((await download(page, 'download-report-json')).bytes.equals(cli.stdout), 'report JSON');
    const csv = await download(page, 'download-findings-csv');
    assert.equal(csv.name, 'export-constats.csv');
    same(csv.bytes, out, 'findings CSV');
  });
});

test('pseudonymise an ODS: every output equals the CLI\'s (and the XLSX\'s transmission)', async () => {
  const { dir, path } = sheetFile('libreoffice.ods', 'departement.ods');
  const outDir = join(dir, 'cli');
  mkdirSync(outDir);
  const cli = runCli(['pseudonymise', path, '--date-export', EXPORT_DATE, '--out-dir', outDir], { OLINPE_KEY: KEY });
  assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
  await withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    assert.match(await runFile(page, path, { key: KEY }), /terminé/);
    for (const [id, file] of [
      ['download-xml', 'departement-transmission.xml'],
      ['download-csv', 'departement-transmission.csv'],
      ['download-odpe-xml', 'departement-odpe.xml'],
      ['download-receipt', 'departement-recu.json'],
      ['download-receipt-txt', 'departement-recu.txt'],
      ['download-report-json', 'departement-rapport.json'],
      ['download-findings-csv', 'departement-constats.csv'],
    ]) {
      const d = await download(page, id);
      assert.equal(d.name, file);
      same(d.bytes, join(outDir, file), id);
    }
  });
  // The same sheet as XLSX gives the same transmission file.
  const xlsx = sheetFile('libreoffice.xlsx', 'departement.xlsx');
  const xDir = join(xlsx.dir, 'cli');
  mkdirSync(xDir);
  runCli(['pseudonymise', xlsx.path, '--date-export', EXPORT_DATE, '--out-dir', xDir], { OLINPE_KEY: KEY });
  same(readFileSync(join(xDir, 'departement-transmission.xml')), join(outDir, 'departement-transmission.xml'), 'XLSX and ODS');
});

test('check --repair and rehash of a workbook: their copies are CSV files, equal to the CLI\'s', async () => {
  const { dir, path } = sheetFile('olinpe.xlsx', 'abime.xlsx');
  const repaired = join(dir, 'abime-repare.csv');
  const check = runCli(['check', path, '--format', 'json', '--repair', repaired]);
  assert.ok(check.status === 0 || check.status === 1, check.stderr);
  await withPage(async (page) => {
    await chooseMode(page, 'check');
    await page.click('label[for=option-repair]');
    assert.match(await runFile(page, path), /terminé/);
    assert.ok((await download(page, 'download-report-json')).bytes.equals(check.stdout), 'report JSON with repairs');
    const d = await download(page, 'download-repaired');
    assert.equal(d.name, 'abime-repare.csv');
    same(d.bytes, repaired, 'repaired copy');
  });
  // A pseudonymised file as a workbook, re-hashed.
  const outDir = join(dir, 'tx');
  mkdirSync(outDir);
  runCli(['pseudonymise', path, '--date-export', EXPORT_DATE, '--out-dir', outDir], { OLINPE_KEY: KEY });
  const tx = join(dir, 'recu.xlsx');
  runCli(['generate', '--rows', '120', '--seed', '5', '--format', 'xlsx', '--out', tx]);
  const out = join(dir, 'recu-rehache.csv');
  const cli = runCli(['rehash', tx, '--out', out], { OLINPE_KEY: OBS_KEY });
  assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
  await withPage(async (page) => {
    await chooseMode(page, 'rehash');
    assert.match(await runFile(page, tx, { key: OBS_KEY }), /terminé/);
    const d = await download(page, 'download-rehash');
    assert.equal(d.name, 'recu-rehache.csv');
    same(d.bytes, out, 're-hashed copy');
    same((await download(page, 'download-rehash-receipt')).bytes, join(dir, 'recu-rehache-recu.json'), 're-hash receipt');
  });
});

test('a workbook of several sheets: the sheets are offered, the one chosen is read (= --sheet)', async () => {
  const { path } = sheetFile('deux-feuilles.xlsx', 'feuilles.xlsx');
  const cli = runCli(['check', path, '--format', 'json', '--sheet', 'Export 2018']);
  assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
  const report = JSON.parse(cli.stdout.toString('utf8'));
  assert.equal(report.input.sheet, 'Export 2018');
  assert.equal(report.input.rows, 50);
  await withPage(async (page) => {
    await chooseMode(page, 'check');
    await page.setInputFiles('[data-testid=file-input]', path);
    await page.waitForSelector('[data-testid=sheet-select]', { state: 'visible' });
    const names = await page.$$eval('[data-testid=sheet-select] option', (os) => os.map((o) => o.value));
    assert.deepEqual(names, ['Notes', 'Export 2018']);
    assert.equal(await page.inputValue('[data-testid=sheet-select]'), 'Notes');
    await page.selectOption('[data-testid=sheet-select]', 'Export 2018');
    // The header of that sheet is read (under its title): official codes, no mapping step.
    await page.waitForFunction(() => document.querySelector('[data-testid=sheet-select]').value === 'Export 2018');
    await page.click('[data-testid=run]:not([disabled])');
    await page.waitForFunction(() => /terminé|échec/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 60000 });
    assert.match(await page.textContent('[data-testid=status]'), /terminé/);
    assert.equal(await page.isVisible('[data-testid=mapping]'), false);
    assert.ok((await download(page, 'download-report-json')).bytes.equals(cli.stdout), 'report JSON = check --sheet');
  });
});

test('an export with a title above labelled columns: an imported mapping finds the header line', async () => {
  const dir = tempDir();
  const codes = ['NUMDEP', 'SEXE', 'ANAIS', 'MNAIS', 'TYPEV', 'DATDEB'];
  const labels = ['Département', 'Sexe du jeune', 'Année de naissance', 'Mois de naissance', 'Type d’évènement', 'Début'];
  const input = join(dir, 'restitution.csv');
  writeFileSync(input, `Restitution Olinpe 2018;;;;;\n;;;;;\n${labels.join(';')}\n75;1;2008;03;1;2018-05-23 00:00:00\n`);
  const map = join(dir, 'correspondance.txt');
  writeFileSync(map, codes.map((c, k) => `${c}=${labels[k]}`).join('\n'));
  const cli = runCli(['check', input, '--format', 'json', '--map-file', map]);
  const report = JSON.parse(cli.stdout.toString('utf8'));
  assert.equal(report.input.rows, 1);
  assert.ok(report.counts['title-lines-skipped'] === 1 && report.counts['date-format-repairable'] === 1, JSON.stringify(report.counts));
  await withPage(async (page) => {
    await chooseMode(page, 'check');
    await page.setInputFiles('[data-testid=file-input]', input);
    // The labels are known names (src/read/columns.rs HEADER_SYNONYMS): the step asks to confirm them.
    await page.waitForSelector('[data-testid=mapping]', { state: 'visible' });
    await page.setInputFiles('[data-testid=map-file-input]', map);
    await page.waitForFunction(() => document.querySelector('select[data-target=NUMDEP]')?.value === 'Département');
    for (const [k, c] of codes.entries()) {
      assert.equal(await page.inputValue(`select[data-target=${c}]`), labels[k], c);
    }
    await page.click('[data-testid=run]:not([disabled])');
    await page.waitForFunction(() => /terminé|échec/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 60000 });
    assert.ok((await download(page, 'download-report-json')).bytes.equals(cli.stdout), 'report JSON = check --map-file');
  });
});

test('training: a sample and an exercise download as XLSX, with the same planted errors', async () => {
  await withPage(async (page) => {
    await page.click('[data-testid=mode-training]');
    await page.click('[data-testid=sample-small]');
    await page.waitForFunction(() => globalThis.__olinpeTraining && globalThis.__olinpeTraining.sample, null, { timeout: 60000 });
    const csv = await download(page, 'sample-download-csv');
    assert.equal(csv.name, 'FORMATION-echantillon-petit.csv');
    const xlsx = await download(page, 'sample-download-xlsx');
    assert.equal(xlsx.name, 'FORMATION-echantillon-petit.xlsx');
    assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK');
    const dir = tempDir();
    const c = join(dir, 'e.csv');
    const x = join(dir, 'e.xlsx');
    writeFileSync(c, csv.bytes);
    writeFileSync(x, xlsx.bytes);
    // The same file as `generate --sample small`, and the XLSX gives the CSV's findings.
    const gen = join(dir, 'g.csv');
    runCli(['generate', '--sample', 'small', '--out', gen]);
    assert.ok(readFileSync(gen).equals(csv.bytes), 'the sample is the CLI\'s');
    const rc = JSON.parse(runCli(['check', c, '--format', 'json', '--max-findings', '100000']).stdout.toString('utf8'));
    const rx = JSON.parse(runCli(['check', x, '--format', 'json', '--max-findings', '100000']).stdout.toString('utf8'));
    assert.deepEqual(rx.counts, rc.counts);
    assert.deepEqual(rx.findings, rc.findings);
    // An exercise's file too.
    await page.click('[data-testid=exercise]');
    await page.waitForFunction(() => globalThis.__olinpeTraining.exercise && globalThis.__olinpeTraining.exercise.ready, null, { timeout: 60000 });
    const ex = await download(page, 'exercise-download-xlsx');
    assert.match(ex.name, /^FORMATION-exercice-.*\.xlsx$/);
  });
});
