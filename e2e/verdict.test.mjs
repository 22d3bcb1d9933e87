// The verdict in the page (docs/spec/OLINPE.md §0.4, §0.1, §0.5), as a person meets it: the
// banner in its three levels with reasons worded for the page, « À corriger en priorité »
// opening the findings list, the audit sections linked to their findings, a bloquant run's
// transmission files behind a confirmation, an a_verifier run's reasons beside the
// downloads, « Relancer avec les réglages recommandés », the two refusals named before the
// run, and the case number: on screen and in the internal corrections list, nowhere else.
// Screenshots of the verdict's three levels and of the priorities go to e2e/out/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, requirePage, fileUrl, openPage, chooseMode, runFile, download, generate, tempDir, runCli, OUT, PAGE, KEY, EXPORT_DATE } from './helpers.mjs';

let browser;

before(async () => {
  requirePage();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function withPage(fn) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  try {
    const { page } = await openPage(context, fileUrl(PAGE));
    await fn(page);
  } finally {
    await context.close();
  }
}

/** A generated CSV as header cells and rows of cells (generated files have no quotes). */
function table(path) {
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => l.split(';'));
  const header = lines[0];
  return { header, rows: lines.slice(1), col: (name) => header.indexOf(name) };
}

function write(t, name) {
  const path = join(tempDir(), name);
  writeFileSync(path, [t.header, ...t.rows].map((r) => r.join(';')).join('\n') + '\n');
  return path;
}

async function level(page) {
  return page.getAttribute('[data-testid=verdict]', 'data-level');
}

async function shot(page, selector, name) {
  mkdirSync(OUT, { recursive: true });
  await page.locator(selector).screenshot({ path: join(OUT, name) });
}

test('check: the verdict in its three levels, worded for the page, and « À corriger en priorité »', async () => {
  const clean = generate('v-propre.csv', { rows: 300, seed: 31, nominative: false, errorRate: 0 });
  const nominative = generate('v-nominatif.csv', { rows: 300, seed: 32, errorRate: 0 });
  const faulty = generate('v-erreurs.csv', { rows: 600, seed: 33, nominative: false, errorRate: 0.1 });
  await withPage(async (page) => {
    await chooseMode(page, 'check');
    assert.match(await runFile(page, clean), /terminé/);
    assert.equal(await level(page), 'transmissible');
    const banner = await page.textContent('[data-testid=verdict]');
    assert.match(banner, /^Peut être transmis/);
    assert.match(await page.textContent('[data-testid=verdict] .olp-notes'), /Pour information \(rien à corriger\)/, 'notes read as reassurance');
    await shot(page, '[data-testid=verdict]', 'verdict-transmissible.png');

    assert.match(await runFile(page, nominative), /terminé/);
    assert.equal(await level(page), 'a_verifier');
    const nominal = await page.textContent('[data-testid=verdict]');
    assert.match(nominal, /À pseudonymiser avant l'envoi/);
    assert.match(nominal, /Utilisez « Préparer la transmission »/, 'the action names the page\'s control');
    assert.doesNotMatch(nominal, /olinpe pseudonymise|--/, 'no command line on the page');
    const findings = await page.locator('[data-testid=findings-table] tbody').textContent();
    assert.doesNotMatch(findings, /toujours vide/, 'NUMANONYM is not reported always empty');
    await shot(page, '[data-testid=verdict]', 'verdict-a-verifier.png');

    assert.match(await runFile(page, faulty), /terminé/);
    assert.equal(await level(page), 'bloquant');
    assert.match(await page.textContent('[data-testid=verdict]'), /^Ne pas transmettre en l’état.*erreur\(s\) bloquante\(s\) sur \d+ enregistrement\(s\)/s);
    await shot(page, '[data-testid=verdict]', 'verdict-bloquant.png');
    const json = JSON.parse((await download(page, 'download-report-json')).bytes.toString('utf8'));
    assert.equal(json.verdict.level, 'bloquant');

    // « À corriger en priorité »: the report's rows, errors first; a row opens its findings.
    const prio = page.locator('[data-testid=priorities] tbody tr');
    assert.equal(await prio.count(), json.priorities.length);
    assert.equal(await prio.first().locator('td').first().textContent(), 'Erreur');
    const heads = await page.locator('[data-testid=priorities] thead th').allTextContents();
    assert.deepEqual(heads.slice(0, 7), ['Gravité', 'Constat', 'Variable(s)', 'Section ONPE', 'Enregistrements', 'Jeunes', 'Constats']);
    await shot(page, '#priorities-block', 'priorites.png');
    if (await page.locator('[data-testid=priorities-more]').count()) {
      assert.equal(await prio.nth(12).isVisible(), false, 'the first 12 rows at once');
      await page.click('[data-testid=priorities-more]');
      assert.equal(await prio.last().isVisible(), true);
    }
    const i = json.priorities.findIndex((p) => !p.file_level && p.records > 1 && p.variables.length === 1);
    const p = json.priorities[i];
    await prio.nth(i).locator('button').click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'findings-table', 'the focus moves to the list');
    const codes = await page.locator('[data-testid=findings-table] tbody tr td:nth-child(4)').allTextContents();
    const vars = await page.locator('[data-testid=findings-table] tbody tr td:nth-child(6)').allTextContents();
    assert.ok(codes.length > 0 && codes.every((c) => c === p.code), codes.join());
    assert.ok(vars.every((v) => v === p.variables[0]), vars.join());
    assert.equal(await page.inputValue('#filter-code'), p.code);
    // An ONPE audit section opens its findings the same way.
    const section = page.locator('#audit button[data-section]').first();
    const id = await section.getAttribute('data-section');
    await section.click();
    const sections = await page.locator('[data-testid=findings-table] tbody tr td:nth-child(7)').allTextContents();
    assert.ok(sections.length > 0 && sections.every((x) => x === id), `${id}: ${sections.join()}`);
  });
});

test('pseudonymise: a bloquant run\'s files behind a confirmation, an a_verifier run\'s reasons beside the downloads, the guide\'s date forms a note', async () => {
  const base = generate('v-pseudo.csv', { rows: 400, seed: 34, errorRate: 0 });
  // Rows set aside: no first name and no case number on every 50th row.
  const aside = table(base);
  for (let r = 0; r < aside.rows.length; r += 50) {
    aside.rows[r][aside.col('PRENOM')] = '';
    aside.rows[r][aside.col('NUMDO')] = '';
  }
  // The case number stands in for the first name on 10 % of the rows.
  const numdo = table(base);
  for (let r = 0; r < numdo.rows.length; r += 10) numdo.rows[r][numdo.col('PRENOM')] = '';
  // Dates partially unknown, as the guide prescribes (AAAA-MM-99): the XSD rejects them.
  const guide = table(base);
  const c = guide.col('DATIP');
  for (const row of guide.rows.filter((x) => x[c].length === 10).slice(0, 15)) row[c] = `${row[c].slice(0, 7)}-99`;
  await withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    assert.match(await runFile(page, write(aside, 'ecartees.csv'), { key: KEY }), /terminé/);
    assert.equal(await level(page), 'bloquant');
    assert.match(await page.textContent('[data-testid=verdict]'), /8 ligne\(s\) sur 400 écartée\(s\)/);
    for (const id of ['download-xml', 'download-csv']) assert.equal(await page.isVisible(`[data-testid=${id}]`), false, `${id} waits for the confirmation`);
    assert.equal(await page.isVisible('[data-testid=download-receipt]'), true, 'the receipt is not to transmit: offered');
    await page.click('[data-testid=confirm-transmission]');
    assert.equal(await page.isVisible('[data-testid=download-xml]'), true);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'download-xml');
    assert.match(await page.textContent('#transmission-gate'), /malgré le verdict/);

    assert.match(await runFile(page, write(numdo, 'numdo.csv'), { key: KEY }), /terminé/);
    assert.equal(await level(page), 'a_verifier');
    const beside = await page.textContent('[data-testid=before-sending]');
    assert.match(beside, /NUMDO\) a remplacé une partie de l'identité sur 40 ligne\(s\) sur 400/);
    assert.equal(await page.isVisible('[data-testid=download-xml]'), true, 'offered, with its reasons beside');
    assert.match(await page.textContent('[data-testid=verdict]'), /Correspondance des colonnes/);

    assert.match(await runFile(page, write(guide, 'formes.csv'), { key: KEY }), /terminé/);
    assert.equal(await level(page), 'transmissible');
    const notes = await page.textContent('[data-testid=verdict] .olp-notes');
    assert.match(notes, /formes prévues par le guide/);
    assert.match(notes, /rien n'est à corriger/);
    assert.equal(await page.isVisible('[data-testid=download-xml]'), true);
  });
});

test('« Relancer avec les réglages recommandés » when last year\'s file was made with another setting', async () => {
  const input = generate('v-chainage.csv', { rows: 300, seed: 35, errorRate: 0 });
  const last = tempDir();
  const made = runCli(['pseudonymise', input, '--uppercase', '--date-export', '2024-01-15', '--out-dir', last], { OLINPE_KEY: KEY });
  assert.equal(made.status, 0, made.stderr);
  await withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    await page.setInputFiles('[data-testid=previous-file-input]', join(last, 'v-chainage-transmission.csv'));
    // Last year's file first (issue 14): analysed before the run, it ticks « Identifiants en
    // majuscules » by itself; the person unticks it on purpose, and runs.
    await page.setInputFiles('[data-testid=file-input]', input);
    await page.fill('[data-testid=key-input]', KEY);
    await page.press('[data-testid=key-input]', 'Tab');
    await page.waitForFunction(() => document.querySelector('[data-testid=previous-probe]').dataset.state === 'set', null, { timeout: 60000 });
    assert.equal(await page.isChecked('[data-testid=option-uppercase]'), true, 'set by the analysis');
    await page.click('label[for=option-uppercase]');
    assert.equal(await page.isChecked('[data-testid=option-uppercase]'), false);
    await page.fill('[data-testid=export-date-input]', '2025-01-15');
    await page.click('[data-testid=run]:not([disabled])');
    await page.waitForFunction(() => /terminé|échec/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 60000 });
    assert.match(await page.textContent('[data-testid=status]'), /terminé/);
    assert.equal(await level(page), 'a_verifier');
    const banner = await page.textContent('[data-testid=verdict]');
    assert.match(banner, /cochez « Identifiants en majuscules »/);
    assert.doesNotMatch(banner, /--uppercase/);
    assert.equal(await page.isChecked('[data-testid=option-uppercase]'), false);
    await page.click('[data-testid=rerun-recommended]');
    // The key left the page at the end of the run: the page asks for it again.
    assert.equal(await page.isChecked('[data-testid=option-uppercase]'), true, 'the recommended setting, set');
    assert.match(await page.textContent('#key-cleared'), /Réglages recommandés appliqués.*saisissez-la de nouveau/s);
    await page.fill('[data-testid=key-input]', KEY);
    await page.click('[data-testid=run]:not([disabled])');
    await page.waitForFunction(() => {
      const v = document.querySelector('[data-testid=verdict]');
      return /terminé/.test(document.querySelector('[data-testid=status]').textContent) && v && v.dataset.level === 'transmissible';
    }, null, { timeout: 60000 });
    assert.equal(await page.isChecked('[data-testid=option-uppercase]'), true, 'the recommended setting, applied');
    const receipt = JSON.parse((await download(page, 'download-receipt')).bytes.toString('utf8'));
    assert.equal(receipt.options.uppercase, true);
    assert.equal(receipt.verdict.level, 'transmissible');
  });
});

test('pseudonymise refuses before the run: already pseudonymised, identity columns absent (named, then mapped)', async () => {
  const pseudonymised = generate('v-deja.csv', { rows: 50, seed: 36, nominative: false });
  const t = table(generate('v-sans-nom.csv', { rows: 50, seed: 37 }));
  t.header[t.col('NOMMERE')] = 'Identité 2 (mère)';
  const renamed = write(t, 'sans-nom.csv');
  await withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    await page.setInputFiles('[data-testid=file-input]', pseudonymised);
    await page.fill('[data-testid=key-input]', KEY);
    await page.waitForSelector('[data-testid=refusal]:visible');
    assert.match(await page.textContent('[data-testid=refusal]'), /déjà pseudonymisé.*« Vérifier un fichier »/s);
    assert.equal(await page.isDisabled('[data-testid=run]'), true);
    // Check takes the same file.
    await chooseMode(page, 'check');
    assert.equal(await page.isVisible('[data-testid=refusal]'), false);
    assert.equal(await page.isDisabled('[data-testid=run]'), false);

    await chooseMode(page, 'pseudonymise');
    await page.setInputFiles('[data-testid=file-input]', renamed);
    await page.waitForSelector('[data-testid=refusal]:visible');
    const text = await page.textContent('[data-testid=refusal]');
    assert.match(text, /Colonne d’identité absente du fichier : NOMMEREJEUNE\/NOMMERE\/NOM_MERE\./);
    assert.match(text, /« Correspondance des colonnes »/);
    assert.equal(await page.isDisabled('[data-testid=run]'), true);
    assert.equal(await page.isVisible('[data-testid=mapping]'), true, 'the mapping step, to map it');
    await page.selectOption('select[data-target=NOMMERE]', 'Identité 2 (mère)');
    await page.waitForSelector('[data-testid=refusal]', { state: 'hidden' });
    assert.equal(await page.isDisabled('[data-testid=run]'), false);
    await page.fill('[data-testid=export-date-input]', EXPORT_DATE);
    await page.click('[data-testid=run]');
    await page.waitForFunction(() => /terminé|échec/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 60000 });
    assert.match(await page.textContent('[data-testid=status]'), /terminé/);
  });
});

test('the case number: on screen and in the internal corrections list, in no other download', async () => {
  const input = generate('v-dossiers.csv', { rows: 300, seed: 38, errorRate: 0.1 });
  const t = table(input);
  const numdos = new Set(t.rows.map((r) => r[t.col('NUMDO')]).filter((v) => v.length >= 4));
  const names = new Set(t.rows.flatMap((r) => [r[t.col('PRENOM')], r[t.col('NOMMERE')]]).filter((v) => v.length >= 4).map((v) => v.toLowerCase()));
  const words = (s) => new Set(s.split(/[^\p{L}\p{N}_-]+/u).filter((w) => w.length >= 4));
  await withPage(async (page) => {
    // Check: the column on screen, the list on demand.
    await chooseMode(page, 'check');
    assert.match(await runFile(page, input), /terminé/);
    assert.equal(await page.textContent('[data-testid=findings-dossier]'), 'N° de dossier');
    const shown = await page.locator('[data-testid=findings-table] tbody tr td:first-child').allTextContents();
    const rowsShown = await page.locator('[data-testid=findings-table] tbody tr td:nth-child(2)').allTextContents();
    shown.forEach((d, i) => {
      const r = Number(rowsShown[i].replace(/\s/g, ''));
      if (r) assert.equal(d, t.rows[r - 1][t.col('NUMDO')], `record ${r}`);
    });
    assert.match(await page.textContent('[data-testid=download-corrections]'), /usage interne — contient le n° de dossier, ne pas transmettre/);
    const corr = (await download(page, 'download-corrections'));
    assert.equal(corr.name, 'v-dossiers-corrections-interne.csv');
    const text = corr.bytes.toString('utf8');
    assert.ok(text.startsWith('\uFEFFdossier;enregistrement;ligne;gravite;code;titre;variable;section;message\r\n'));
    for (const line of text.split('\r\n').slice(1).filter(Boolean)) {
      const [dossier, row] = line.split(';');
      assert.equal(dossier, row ? t.rows[Number(row) - 1][t.col('NUMDO')] : '', line);
    }
    for (const w of words(text.toLowerCase())) assert.ok(!names.has(w), 'no name in the corrections list');
    const others = [(await download(page, 'download-report-json')).bytes, (await download(page, 'download-findings-csv')).bytes];

    // Pseudonymise: the list only when its box is ticked; the receipt names it apart.
    await chooseMode(page, 'pseudonymise');
    await page.click('label[for=option-corrections]');
    assert.match(await runFile(page, input, { key: KEY }), /terminé/);
    const list = await download(page, 'download-corrections');
    assert.match(list.bytes.toString('utf8'), /^\uFEFFdossier;/);
    const receipt = JSON.parse((await download(page, 'download-receipt')).bytes.toString('utf8'));
    assert.equal(receipt.internal[0].file, 'v-dossiers-corrections-interne.csv');
    for (const id of ['download-xml', 'download-csv', 'download-receipt', 'download-receipt-txt', 'download-report-json', 'download-findings-csv']) {
      try {
        others.push((await download(page, id)).bytes);
      } catch (e) {
        const href = await page.getAttribute(`[data-testid=${id}]`, 'href').catch(() => 'absent');
        throw new Error(`${id} (href ${href ? href.slice(0, 12) : href}): ${e.message}`);
      }
    }
    for (const bytes of others) {
      const w = words(bytes.toString('utf8'));
      for (const n of numdos) assert.ok(!w.has(n), 'no case number in a file other than the corrections list');
    }
  });
});
