// The report for someone who has never seen it (issues 13 and 14): the population as the
// ONPE's audit report gives it (decisions per year, minors, young adults), each audit
// section's impossible analysis (orange, with ONPE's sentence) and ONPE's own count where it
// differs — the same numbers as the command line's text summary.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useBrowser, chromiumKit, chooseMode, runFile, runCli, generate, ROOT, KEY } from './helpers.mjs';
import { pdfText, renamedCopy } from './scenarios.mjs';

const kit = chromiumKit(useBrowser());
const GUIDE_2026 = join(ROOT, 'tests', 'fixtures', 'audit', 'guide-2026.xml');

test('report: population, impossible analysis and ONPE\'s own count, as the command line says them', async () => {
  const text = runCli(['check', GUIDE_2026]).stdout.toString('utf8');
  assert.match(text, /Décisions par année de DATDECPE \(jeunes\) : 2018 : 7 \(5\)/);
  assert.match(text, /l'ONPE comptera 28 là où la règle du guide en compte 30/);
  assert.match(text, /0046 .*analyse impossible/);
  await kit.withPage(async (page) => {
    await chooseMode(page, 'check');
    assert.match(await runFile(page, GUIDE_2026), /terminé/);
    const pop = await page.textContent('[data-testid=population]');
    assert.match(pop, /Décisions par année de DATDECPE \(jeunes\) : 2018 : 7 \(5\)/);
    assert.match(pop, /4 mineurs et 1 jeune majeur à leur dernière décision/);
    assert.equal(await page.getAttribute('[data-testid=population]', 'data-minors'), '4');
    // 0046: orange, « analyse impossible », ONPE's sentence.
    const s0046 = await page.$eval('#audit', (a) => [...a.querySelectorAll('li')].find((li) => li.querySelector('strong')?.textContent === '0046')?.outerHTML || '');
    assert.match(s0046, /olp-audit-dot--orange/);
    assert.match(s0046, /analyse impossible/);
    assert.match(s0046, /systématiquement codifiée en "Ne sait pas"/);
    // 0004: ONPE counts 28 where the guide's rule counts 30.
    const s0004 = await page.$eval('#audit', (a) => [...a.querySelectorAll('li')].find((li) => li.querySelector('strong')?.textContent === '0004')?.textContent || '');
    assert.match(s0004, /l’audit de l’ONPE en comptera 28 là où la règle du guide en compte 30/);
    assert.match(s0004, /30 variables/);
  });
});

test('print: the file name, the date, the verdict, every ONPE section (green ones unfolded), the findings by code', async () => {
  const clean = join(ROOT, 'tests', 'fixtures', 'audit', 'clean.xml');
  await kit.withPage(async (page) => {
    await chooseMode(page, 'check');
    assert.match(await runFile(page, clean), /terminé/);
    const text = pdfText(await page.pdf({ format: 'A4' })).normalize('NFKC');
    assert.match(text, /fichier « clean\.xml »/);
    assert.match(text, /imprimé le/);
    assert.match(text, /Peut être transmis|À vérifier|Ne pas transmettre/);
    // Clean: every section green, folded on screen, all on paper.
    for (const section of ['0002', '0030', '0060', '0095']) assert.match(text, new RegExp(`${section} `), section);
    assert.match(text, /Constats par code/);
    assert.doesNotMatch(text, /Page 1 sur|Parties du rapport|Haut de page/);
  });
});

test('smaller points: the fill table flagged and sorted, one style of mode buttons, singular words, the DREES named', async () => {
  // VIOLSEX renamed to a name nothing knows: an absent variable.
  const input = renamedCopy(generate('smaller.csv', { rows: 300, seed: 53, errorRate: 0.05 }), { VIOLSEX: 'Colonne X' });
  await kit.withPage(async (page) => {
    // One style of mode buttons.
    const classes = await page.$$eval('#modes button', (bs) => [...new Set(bs.map((b) => b.className))]);
    assert.equal(classes.length, 1, classes.join(' | '));
    assert.match(await page.textContent('header'), /DREES/);
    await chooseMode(page, 'pseudonymise');
    assert.match(await page.textContent('#mode-help'), /DREES.*ONPE.*2022-140/s);
    assert.match(await runFile(page, input, { key: KEY }), /terminé/);
    assert.match(await page.textContent('[data-testid=recipients]'), /DREES, qui recueille les fichiers Olinpe depuis 2023 et les transmet à l’ONPE/);
    // Fill: the flagged variables first (absent, always empty, always « ne sait pas »), then the least filled.
    await page.waitForSelector('[data-testid=fill-table] tbody tr', { state: 'attached' });
    const rows = await page.$$eval('[data-testid=fill-table] tbody tr', (trs) => trs.map((tr) => [tr.dataset.code, tr.dataset.flag || '']));
    const rank = { absent: 0, empty: 1, nsp: 2, '': 3 };
    const ranks = rows.map(([, f]) => rank[f]);
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), 'flagged first, in order');
    assert.deepEqual(rows[0], ['VIOLSEX', 'absent']);
    assert.match(await page.textContent('#fill-note'), /À regarder : \d+ variables? absentes?/);
    // Singular where one: the summary's words follow the numbers.
    const stats = await page.$$eval('.olp-stats li', (lis) => lis.map((li) => li.textContent));
    for (const s of stats) {
      const n = Number(s.replace(/\D.*$/s, '').replace(/\s/g, ''));
      if (n <= 1) assert.doesNotMatch(s, /(enregistrements|erreurs|avertissements|informations)\b/, s);
    }
  });
});
