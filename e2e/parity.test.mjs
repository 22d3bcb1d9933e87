// Parity (docs/spec/INTERFACES.md): for the same input and options, every page download has the same
// bytes as the command line's file. The CLI is `OLINPE_BIN`, or built with cargo.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBrowser, chromiumKit, chooseMode, runFile, download, generate, runCli, tempDir, KEY, OBS_KEY, EXPORT_DATE } from './helpers.mjs';
import { same, copyTo, checkMatchesCli, PSEUDO_CASES, pseudonymiseMatchesCli } from './scenarios.mjs';

const browser = useBrowser();
const kit = chromiumKit(browser);
const withPage = (fn) => kit.withPage(fn);

test('check: report JSON and findings CSV, byte for byte', () => checkMatchesCli(kit));

/**
 * A check big enough for two workers (www/split-read.js, "Two workers"): the report and the
 * findings CSV are the CLI's whether the helper's segments are taken or not. In the second
 * file every record carries a free text spanning many lines, so the line feed where the
 * helper's segment starts is inside quotes: the engine worker refuses it and reads on alone.
 * (A cut lands on a record boundary once in as many line feeds as a record has: the free text
 * has 400 lines, so that is all but impossible, whatever the generator writes.)
 */
for (const [label, quoted] of [['segments taken', false], ['segment refused (quoted line feeds)', true]]) {
  test(`check on two workers, ${label}: report JSON and findings CSV, byte for byte`, async () => {
    const dir = tempDir();
    const rows = quoted ? 4000 : 60000;
    let text = readFileSync(generate(`p-split-${rows}.csv`, { rows, seed: 47, nominative: false, errorRate: 0.02 }), 'utf8');
    if (quoted) {
      const lines = text.split('\n');
      const col = lines[0].split(';').indexOf('AUTREDA');
      const many = `"${Array.from({ length: 400 }, (_, k) => `ligne ${k}`).join('\n')}"`;
      text = lines.map((l, k) => {
        if (k === 0 || l === '') return l;
        const cells = l.split(';');
        cells[col] = many;
        return cells.join(';');
      }).join('\n');
    }
    const input = join(dir, 'deux.csv');
    writeFileSync(input, text);
    const out = join(dir, 'cli-constats.csv');
    const cli = runCli(['check', input, '--format', 'json', '--findings-csv', out]);
    assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
    await withPage(async (page) => {
      await chooseMode(page, 'check');
      assert.match(await runFile(page, input, { timeout: 120000 }), /terminé/);
      const workers = await page.getAttribute('[data-testid=summary]', 'data-workers');
      if (quoted) {
        // Segments starting inside a quoted value are refused; one that happens to start
        // exactly at a record may still be taken (its records are the engine's own).
        const [, refused] = (await page.getAttribute('[data-testid=summary]', 'data-split-segments') || '0 1').split(' ').map(Number);
        assert.ok(workers === '1' || refused > 0, `${workers} workers, refused ${refused}`);
      } else {
        assert.equal(workers, '2');
      }
      const report = await download(page, 'download-report-json');
      assert.ok(report.bytes.equals(cli.stdout), 'report JSON = check --format json');
      same((await download(page, 'download-findings-csv')).bytes, out, 'findings CSV');
    });
  });
}

test('check: a helper worker that stops without a word is given up, the engine worker reads alone', { timeout: 180000 }, async () => {
  const dir = tempDir();
  const input = join(dir, 'seul.csv');
  copyFileSync(generate('p-split.csv', { rows: 60000, seed: 47, nominative: false, errorRate: 0.02 }), input);
  const cli = runCli(['check', input, '--format', 'json']);
  await withPage(async (page) => {
    for (let i = 0; i < 100 && page.workers().length < 2; i += 1) await page.waitForTimeout(50);
    assert.equal(page.workers().length, 2, 'engine worker and helper');
    // The helper (the second worker) closes itself: no error event, it just goes silent.
    await page.workers()[1].evaluate(() => self.close());
    await chooseMode(page, 'check');
    assert.match(await runFile(page, input, { timeout: 120000 }), /terminé/);
    assert.equal(await page.getAttribute('[data-testid=summary]', 'data-workers'), '1');
    assert.ok((await download(page, 'download-report-json')).bytes.equals(cli.stdout), 'report JSON = check --format json');
  });
});

for (const c of PSEUDO_CASES) {
  test(`pseudonymise (${c.label}): every output, byte for byte`, () => pseudonymiseMatchesCli(kit, c));
}

test('pseudonymise with last year\'s file: the receipt\'s variant analysis matches', async () => {
  const dir = tempDir();
  const input = copyTo(dir, generate('p-prev.csv', { rows: 200, seed: 29 }), 'annee.csv');
  const lastYearDir = join(dir, 'an-dernier');
  mkdirSync(lastYearDir);
  // Last year's transmission: the same people pseudonymised with the day of birth.
  const prevRun = runCli(['pseudonymise', input, '--with-day', '--date-export', '2024-01-15', '--out-dir', lastYearDir], { OLINPE_KEY: KEY });
  assert.ok(prevRun.status === 0 || prevRun.status === 1, prevRun.stderr);
  const previous = join(lastYearDir, 'annee-transmission.csv');
  const outDir = join(dir, 'cli');
  mkdirSync(outDir);
  // The page analyses last year's file before the run and ticks « Inclure le jour de
  // naissance » (issue 14): the CLI run it equals is the one with --with-day.
  const cli = runCli(['pseudonymise', input, '--previous', previous, '--with-day', '--date-export', EXPORT_DATE, '--out-dir', outDir], { OLINPE_KEY: KEY });
  assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
  await withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    await page.setInputFiles('[data-testid=previous-file-input]', previous);
    await page.setInputFiles('[data-testid=file-input]', input);
    await page.fill('[data-testid=key-input]', KEY);
    await page.press('[data-testid=key-input]', 'Tab');
    await page.waitForFunction(() => document.querySelector('[data-testid=previous-probe]').dataset.state === 'set', null, { timeout: 60000 });
    assert.equal(await page.isChecked('[data-testid=option-with-day]'), true);
    await page.fill('[data-testid=export-date-input]', EXPORT_DATE);
    await page.click('[data-testid=run]:not([disabled])');
    await page.waitForFunction(() => /terminé|échec/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 60000 });
    same((await download(page, 'download-receipt')).bytes, join(outDir, 'annee-recu.json'), 'receipt with previous');
    same((await download(page, 'download-receipt-txt')).bytes, join(outDir, 'annee-recu.txt'), 'receipt text with previous');
    // On screen too: the settings reproduce last year's identifiers (made with the day of birth).
    const shown = await page.textContent('#previous-block');
    assert.match(shown, /Vos réglages \(jour de naissance inclus, minuscules\) reproduisent les identifiants de l’an dernier/);
  });
});

test('rehash: re-hashed file and its receipt, byte for byte', async () => {
  const dir = tempDir();
  const input = copyTo(dir, generate('p-rehash.csv', { rows: 250, seed: 31, nominative: false }), 'recu.csv');
  const out = join(dir, 'recu-rehache.csv');
  const cli = runCli(['rehash', input, '--out', out], { OLINPE_KEY: OBS_KEY });
  assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
  await withPage(async (page) => {
    await chooseMode(page, 'rehash');
    assert.match(await runFile(page, input, { key: OBS_KEY }), /terminé/);
    const d = await download(page, 'download-rehash');
    assert.equal(d.name, 'recu-rehache.csv');
    same(d.bytes, out, 're-hashed file');
    const r = await download(page, 'download-rehash-receipt');
    assert.equal(r.name, 'recu-rehache-recu.json');
    same(r.bytes, join(dir, 'recu-rehache-recu.json'), 're-hash receipt');
  });
});

test('a key file gives the same identifiers as the typed key', async () => {
  const dir = tempDir();
  const input = copyTo(dir, generate('p-keyfile.csv', { rows: 50, seed: 37 }), 'cle.csv');
  const keyFile = join(dir, 'cle.txt');
  writeFileSync(keyFile, `\uFEFF${KEY}\r\n`);
  const typed = [];
  for (const useFile of [false, true]) {
    await withPage(async (page) => {
      await chooseMode(page, 'pseudonymise');
      if (useFile) await page.setInputFiles('[data-testid=key-file-input]', keyFile);
      assert.match(await runFile(page, input, { key: useFile ? null : KEY }), /terminé/);
      typed.push((await download(page, 'download-csv')).bytes);
    });
  }
  assert.ok(typed[0].equals(typed[1]));
});

/** A copy of `file` with spreadsheet damage a person would meet: dates written JJ/MM/AAAA
 * and months that lost their leading zero, on every seventh record. */
function damaged(dir, file, name) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const header = lines[0].split(';');
  const datdeb = header.indexOf('DATDEB');
  const mnais = header.indexOf('MNAIS');
  assert.ok(datdeb >= 0 && mnais >= 0);
  let changed = 0;
  for (let i = 1; i < lines.length; i += 7) {
    const cells = lines[i].split(';');
    if (cells.length !== header.length) continue;
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cells[datdeb]);
    if (m) { cells[datdeb] = `${m[3]}/${m[2]}/${m[1]}`; changed += 1; }
    if (/^0\d$/.test(cells[mnais])) { cells[mnais] = cells[mnais].slice(1); changed += 1; }
    lines[i] = cells.join(';');
  }
  assert.ok(changed > 10, 'damage planted');
  const out = join(dir, name);
  writeFileSync(out, lines.join('\n'));
  return out;
}

test('repair: check --repair and pseudonymise --repair, byte for byte', async () => {
  const dir = tempDir();
  const input = damaged(dir, generate('p-repair.csv', { rows: 300, seed: 41 }), 'abime.csv');
  const repaired = join(dir, 'abime-repare.csv');
  const check = runCli(['check', input, '--format', 'json', '--repair', repaired]);
  assert.ok(check.status === 0 || check.status === 1, check.stderr);
  assert.match(check.stdout.toString('utf8'), /"value-repaired"/, 'the CLI repaired something');
  const outDir = join(dir, 'cli');
  mkdirSync(outDir);
  const pseudo = runCli(['pseudonymise', input, '--repair', '--date-export', EXPORT_DATE, '--out-dir', outDir], { OLINPE_KEY: KEY });
  assert.ok(pseudo.status === 0 || pseudo.status === 1, pseudo.stderr);
  const repairBox = async (page) => {
    if (!(await page.isChecked('[data-testid=option-repair]'))) await page.click('label[for=option-repair]');
    assert.equal(await page.isChecked('[data-testid=option-repair]'), true);
  };
  await withPage(async (page) => {
    await chooseMode(page, 'check');
    await repairBox(page);
    assert.match(await runFile(page, input), /terminé/);
    assert.ok((await download(page, 'download-report-json')).bytes.equals(check.stdout), 'report JSON with repairs');
    const d = await download(page, 'download-repaired');
    assert.equal(d.name, 'abime-repare.csv');
    same(d.bytes, repaired, 'repaired file');
  });
  await withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    await repairBox(page);
    assert.match(await runFile(page, input, { key: KEY }), /terminé/);
    for (const [id, file] of [['download-csv', 'abime-transmission.csv'], ['download-receipt', 'abime-recu.json'], ['download-report-json', 'abime-rapport.json']]) {
      same((await download(page, id)).bytes, join(outDir, file), `${id} with repairs`);
    }
  });
});

test('ODPE variant: a file with UTDP gets the ODPE XML, byte for byte', async () => {
  const dir = tempDir();
  const lines = readFileSync(generate('p-odpe.csv', { rows: 120, seed: 43 }), 'utf8').split('\n');
  const withUtdp = lines.map((l, i) => (l === '' ? l : `${l};${i === 0 ? 'UTDP' : `T${String(i % 7).padStart(2, '0')}`}`));
  const input = join(dir, 'odpe.csv');
  writeFileSync(input, withUtdp.join('\n'));
  const outDir = join(dir, 'cli');
  mkdirSync(outDir);
  const cli = runCli(['pseudonymise', input, '--date-export', EXPORT_DATE, '--out-dir', outDir], { OLINPE_KEY: KEY });
  assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
  assert.ok(existsSync(join(outDir, 'odpe-odpe.xml')), 'the CLI wrote the ODPE XML');
  await withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    assert.match(await runFile(page, input, { key: KEY }), /terminé/);
    const d = await download(page, 'download-odpe-xml');
    assert.equal(d.name, 'odpe-odpe.xml');
    same(d.bytes, join(outDir, 'odpe-odpe.xml'), 'ODPE XML');
    assert.match(d.bytes.toString('utf8'), /<UTDP>T0\d<\/UTDP>/);
    same((await download(page, 'download-receipt')).bytes, join(outDir, 'odpe-recu.json'), 'receipt listing the ODPE XML');
  });
});
