// Scenarios shared by the Chromium tests (e2e/*.test.mjs, playwright-core) and the Firefox
// ESR tests (e2e/firefox/, puppeteer-core over WebDriver BiDi): each takes a page with
// Playwright's calls (e2e/firefox/helpers.mjs gives them to a Firefox page) or a `kit`:
//   { withPage(fn, url?) — fn(page, log) in a fresh browser context (the page from disk by
//     default), download(page, testid), downloadBy(page, selector) — each `{name, bytes}` }.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { useBrowser, serve, leakPage, fileUrl, chooseMode, runFile, generate, runCli, tempDir, ROOT, PAGE, KEY, EXPORT_DATE } from './helpers.mjs';

/** The audit fixture with a finding of every section (a full findings table). */
export const ALL_SECTIONS = join(ROOT, 'tests', 'fixtures', 'audit', 'all-sections.xml');

// --- comparing with the command line ------------------------------------------------------

export function same(actual, expectedPath, what) {
  assert.ok(existsSync(expectedPath), `${what}: the CLI wrote ${basename(expectedPath)}`);
  const expected = readFileSync(expectedPath);
  if (!actual.equals(expected)) {
    const a = actual.toString('utf8');
    const e = expected.toString('utf8');
    let i = 0;
    while (i < a.length && a[i] === e[i]) i += 1;
    assert.fail(`${what}: ${actual.length} bytes from the page, ${expected.length} from the CLI; first difference at ${i}: page ${JSON.stringify(a.slice(i, i + 60))} / CLI ${JSON.stringify(e.slice(i, i + 60))}`);
  }
}

/** A private copy of a generated file, so both sides read the same name in a clean folder. */
export function copyTo(dir, file, name) {
  const p = join(dir, name);
  copyFileSync(file, p);
  return p;
}

/** Check mode: the report JSON and the findings CSV are the CLI's, byte for byte. */
export async function checkMatchesCli(kit) {
  const dir = tempDir();
  const input = copyTo(dir, generate('p-check.csv', { rows: 400, seed: 21, nominative: false, errorRate: 0.05 }), 'controle.csv');
  const out = join(dir, 'cli-constats.csv');
  const cli = runCli(['check', input, '--format', 'json', '--findings-csv', out]);
  assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
  await kit.withPage(async (page) => {
    await chooseMode(page, 'check');
    assert.match(await runFile(page, input), /terminé/);
    assert.equal(await page.getAttribute('[data-testid=summary]', 'data-exit-status'), String(cli.status));
    const report = await kit.download(page, 'download-report-json');
    assert.ok(report.bytes.equals(cli.stdout), 'report JSON = check --format json');
    same((await kit.download(page, 'download-findings-csv')).bytes, out, 'findings CSV');
  });
}

export const PSEUDO_CASES = [
  { label: 'default options', flags: [], opts: {} },
  { label: 'with day, uppercase, year', flags: ['--with-day', '--uppercase', '--year', '2018'], opts: { withDay: true, uppercase: true, year: 2018 } },
];

/** Pseudonymise mode (`c`: one of PSEUDO_CASES): every output is the CLI's, byte for byte. */
export async function pseudonymiseMatchesCli(kit, c) {
  const dir = tempDir();
  const input = copyTo(dir, generate('p-pseudo.csv', { rows: 300, seed: 23, errorRate: 0.03 }), 'departement.csv');
  const outDir = join(dir, 'cli');
  mkdirSync(outDir);
  const cli = runCli(['pseudonymise', input, '--date-export', EXPORT_DATE, '--out-dir', outDir, ...c.flags], { OLINPE_KEY: KEY });
  assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
  await kit.withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    assert.match(await runFile(page, input, { key: KEY, ...c.opts }), /terminé/);
    assert.equal(await page.getAttribute('[data-testid=summary]', 'data-exit-status'), String(cli.status));
    const pairs = [
      ['download-xml', 'departement-transmission.xml'],
      ['download-csv', 'departement-transmission.csv'],
      ['download-receipt', 'departement-recu.json'],
      ['download-receipt-txt', 'departement-recu.txt'],
      ['download-report-json', 'departement-rapport.json'],
      ['download-findings-csv', 'departement-constats.csv'],
    ];
    for (const [id, file] of pairs) {
      const d = await kit.download(page, id);
      assert.equal(d.name, file, `${id} is named as the CLI names it`);
      same(d.bytes, join(outDir, file), id);
    }
    const odpeCli = existsSync(join(outDir, 'departement-odpe.xml'));
    assert.equal(await page.locator('[data-testid=download-odpe-xml]').count(), odpeCli ? 1 : 0);
    if (odpeCli) same((await kit.download(page, 'download-odpe-xml')).bytes, join(outDir, 'departement-odpe.xml'), 'ODPE XML');
  });
}

// --- the column-mapping step --------------------------------------------------------------

/** The generated CSV with some headers renamed as a vendor's export might name them. */
export function renamedCopy(input, renames) {
  const text = readFileSync(input, 'utf8');
  const nl = text.indexOf('\n');
  const header = text.slice(0, nl).split(';').map((h) => renames[h] ?? h).join(';');
  const out = join(tempDir(), 'export-logiciel.csv');
  writeFileSync(out, header + text.slice(nl));
  return out;
}

/** A file whose headers need the mapping step. */
export function fileNeedingMapping() {
  const input = generate('correspondance.csv', { rows: 100, seed: 13 });
  // Names no synonym of the engine knows: the person chooses (src/read/columns.rs HEADER_SYNONYMS).
  return renamedCopy(input, { SEXE: 'Genre (1/2)', TYPEV: 'Évt', PRENOM: 'Identité 1' });
}

/** The mapping step: shown for unknown headers, exported, remembered and imported. */
export async function mappingStep(kit) {
  const renamed = fileNeedingMapping();
  let exported;
  await kit.withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    await page.setInputFiles('[data-testid=file-input]', renamed);
    await page.waitForSelector('[data-testid=mapping]:visible');
    await page.selectOption('select[data-target=SEXE]', 'Genre (1/2)');
    await page.selectOption('select[data-target=TYPEV]', 'Évt');
    await page.selectOption('select[data-target=PRENOM]', 'Identité 1');
    exported = (await kit.downloadBy(page, '#mapping-export')).bytes.toString('utf8');
    assert.match(exported, /^SEXE=Genre \(1\/2\)$/m);
    assert.match(exported, /^TYPEV=Évt$/m);
    const status = await runFile(page, renamed, { key: KEY });
    assert.match(status, /terminé/, `${status} ${await page.textContent('[data-testid=error-message]')}`);
    const report = JSON.parse((await kit.download(page, 'download-report-json')).bytes.toString('utf8'));
    const sexe = report.variables.find((v) => v.code === 'SEXE');
    assert.equal(sexe.present, true, 'the mapped column is read as SEXE');
    // Remembered (header names only) for the next visit.
    await page.reload();
    await page.waitForFunction(() => document.getElementById('version').textContent !== '');
    await page.setInputFiles('[data-testid=file-input]', renamed);
    await page.waitForSelector('[data-testid=mapping]:visible');
    assert.equal(await page.inputValue('select[data-target=SEXE]'), 'Genre (1/2)');
  });
  // A fresh profile imports the exported mapping file.
  const mapFile = join(tempDir(), 'correspondance.txt');
  writeFileSync(mapFile, exported);
  await kit.withPage(async (page) => {
    await page.setInputFiles('[data-testid=file-input]', renamed);
    await page.waitForSelector('[data-testid=mapping]:visible');
    assert.equal(await page.inputValue('select[data-target=SEXE]'), '');
    await page.setInputFiles('[data-testid=map-file-input]', mapFile);
    await page.waitForFunction(() => document.querySelector('select[data-target=SEXE]').value === 'Genre (1/2)');
    assert.equal(await page.inputValue('select[data-target=TYPEV]'), 'Évt');
  });
}

/** The shared table of header matching (src/read/columns.rs reads it too): `[header, code, exact]`. */
export const HEADER_MATCHES = JSON.parse(readFileSync(join(ROOT, 'tests', 'js', 'header-matches.json'), 'utf8'));

/**
 * A nominative export whose columns are named as the shared table names them (the first
 * header per column of the generated file, not an official name), and an extra column no
 * table entry names. Returns `{path, renamed: {code → header}}`.
 */
export function exportWithTableHeaders() {
  const input = generate('table-headers.csv', { rows: 60, seed: 29 });
  const text = readFileSync(input, 'utf8');
  const lines = text.split('\n');
  const codes = lines[0].split(';');
  const renamed = {};
  for (const [header, code, exact] of HEADER_MATCHES) {
    if (!code || exact || renamed[code] || !codes.includes(code)) continue;
    if (Object.values(renamed).includes(header)) continue;
    renamed[code] = header;
  }
  lines[0] = codes.map((c) => renamed[c] ?? c).join(';') + ';Colonne libre';
  for (let i = 1; i < lines.length; i += 1) if (lines[i] !== '') lines[i] += ';';
  const path = join(tempDir(), 'export-noms-courants.csv');
  writeFileSync(path, lines.join('\n'));
  return { path, renamed };
}

/**
 * The mapping step shows what the ENGINE matched (one matcher, src/read/columns.rs): each
 * header of the shared table preselected for its column, tagged « à confirmer »; the run
 * reads them as the command line does with no mapping at all (same report).
 */
export async function mappingMatchesEngine(kit) {
  const { path, renamed } = exportWithTableHeaders();
  assert.ok(Object.keys(renamed).length >= 15, Object.keys(renamed).join());
  const dir = tempDir();
  const cli = runCli(['check', path, '--format', 'json']);
  assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
  await kit.withPage(async (page) => {
    await chooseMode(page, 'check');
    await page.setInputFiles('[data-testid=file-input]', path);
    await page.waitForSelector('[data-testid=mapping]:visible');
    for (const [code, header] of Object.entries(renamed)) {
      assert.equal(await page.inputValue(`select[data-target=${code}]`), header, `${code} ← ${header}`);
      assert.equal(await page.getAttribute(`select[data-target=${code}]`, 'aria-describedby'), `map-${code}-tag`);
    }
    assert.equal(await page.locator('select[data-target=VIOLSEX]').count(), 0, 'an official name has no row');
    assert.match(await page.textContent('#mapping-unused'), /Colonne libre/);
    assert.equal(await page.isVisible('[data-testid=not-olinpe]'), false);
    assert.match(await runFile(page, path), /terminé/);
    const report = await kit.download(page, 'download-report-json');
    const page1 = JSON.parse(report.bytes.toString('utf8'));
    const cli1 = JSON.parse(cli.stdout.toString('utf8'));
    for (const code of Object.keys(renamed).filter((c) => page1.variables.some((v) => v.code === c))) {
      assert.equal(page1.variables.find((v) => v.code === code).present, true, `${code} read`);
    }
    assert.deepEqual(page1.counts, cli1.counts, 'the same findings as the command line, which matched the headers alone');
    assert.equal(page1.input.rows, cli1.input.rows);
  });
  return dir;
}

/**
 * A file that is no Olinpe file is refused at once, before « Lancer », without a mapping
 * table: an image (not text), and a CSV with fewer than five known columns (which the person
 * may still map); a progress line of an earlier run goes when another file is chosen.
 */
export async function notOlinpeRefused(kit) {
  const dir = tempDir();
  const png = join(dir, 'capture.png');
  // A real PNG signature, its IHDR chunk, then zeros (NUL bytes: no text).
  writeFileSync(png, Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(400)]));
  const unrelated = join(dir, 'annuaire.csv');
  writeFileSync(unrelated, 'Nom;Adresse;Téléphone;SEXE\nDupont;1 rue;0102030405;1\n');
  const good = generate('p-check.csv', { rows: 400, seed: 21, nominative: false, errorRate: 0.05 });
  await kit.withPage(async (page) => {
    await chooseMode(page, 'check');
    assert.match(await runFile(page, good), /terminé/);
    assert.equal(await page.isVisible('#progress-block'), true);
    await page.setInputFiles('[data-testid=file-input]', png);
    await page.waitForSelector('[data-testid=not-olinpe]:visible');
    assert.equal(await page.isVisible('#progress-block'), false, 'the old progress line went');
    assert.equal(await page.getAttribute('[data-testid=not-olinpe]', 'data-reason'), 'not-text');
    assert.match(await page.textContent('[data-testid=not-olinpe]'), /Ce n’est pas un fichier Olinpe/);
    assert.match(await page.textContent('[data-testid=status]'), /pas un fichier Olinpe/);
    assert.equal(await page.isVisible('[data-testid=mapping]'), false);
    assert.equal(await page.isDisabled('[data-testid=run]'), true);
    assert.doesNotMatch(await page.textContent('body'), /octets nuls/);
    assert.equal(await page.locator('[data-testid=not-olinpe-override]').count(), 0, 'an image cannot be mapped');

    await page.setInputFiles('[data-testid=file-input]', unrelated);
    await page.waitForFunction(() => document.querySelector('[data-testid=not-olinpe]').dataset.reason === 'few-columns');
    assert.match(await page.textContent('[data-testid=not-olinpe]'), /Une seule de ses colonnes/);
    assert.equal(await page.isVisible('[data-testid=mapping]'), false, 'no mapping table');
    assert.equal(await page.isDisabled('[data-testid=run]'), true);
    await page.click('[data-testid=not-olinpe-override]');
    await page.waitForSelector('[data-testid=mapping]:visible');
    assert.equal(await page.isVisible('[data-testid=not-olinpe]'), false);
    assert.equal(await page.isDisabled('[data-testid=run]'), false, 'mapped on purpose: it may run');

    // A good file again: no sentence left.
    await page.setInputFiles('[data-testid=file-input]', good);
    await page.waitForFunction(() => !document.querySelector('[data-testid=run]').disabled);
    assert.equal(await page.isVisible('[data-testid=not-olinpe]'), false);
  });
}

// --- the dictionary -----------------------------------------------------------------------

export async function visibleEntries(page) {
  return page.$$eval('[data-testid=dictionary] article.olp-dict-var', (xs) => xs.filter((x) => !x.hidden && !x.closest('[hidden]')).map((x) => x.dataset.code));
}

/** 105 variables and UTDP, grouped by block, each with its fields; `shot(page)` after. */
export async function dictionaryEntries(page, shot = async () => {}) {
  await chooseMode(page, 'dictionary');
  await page.waitForSelector('[data-testid=dictionary] #var-DATDEB');
  assert.ok(await page.isVisible('[data-testid=dictionary]'));
  const codes = await visibleEntries(page);
  assert.equal(codes.length, 106);
  assert.equal(new Set(codes).size, 106);
  const blocks = await page.$$eval('.olp-dict-block h3', (xs) => xs.map((x) => x.textContent));
  assert.equal(blocks.length, 18);
  assert.match(blocks[0], /^Bloc 1 — Informations préalables/);
  // One entry in full: what the engine's table says about SEXE and LIEUPLAC.
  const sexe = await page.textContent('#var-SEXE');
  for (const part of ['Type', 'Modalités', '« Ne sait pas »', 'Quand la renseigner', 'Âges concernés', 'Types d’événement', 'Contrôles qui la concernent', 'invalid-code', 'mandatory-missing']) {
    assert.ok(sexe.includes(part), `SEXE entry lacks ${part}`);
  }
  const lieuplac = await page.textContent('#var-LIEUPLAC');
  assert.match(lieuplac, /Mesure décidée mais non mise en oeuvre/);
  assert.match(lieuplac, /lieuplac-20/);
  assert.match(lieuplac, /Condition/);
  // Every finding code has its explanation.
  const constats = await page.$$eval('#dictionary-findings-list dt', (xs) => xs.map((x) => x.id));
  assert.ok(constats.length > 60, `${constats.length} codes`);
  assert.ok(constats.includes('constat-invalid-code'));
  // The screenshot: the panel filtered on one variable (the whole dictionary is a very long page).
  await page.fill('[data-testid=dictionary-search]', 'LIEUPLAC');
  await shot(page);
}

/** The search filters by code, label and modality, and the finding codes too. */
export async function dictionarySearch(page) {
  await chooseMode(page, 'dictionary');
  await page.waitForSelector('#var-DATDEB');
  await page.fill('[data-testid=dictionary-search]', 'datdeb');
  assert.deepEqual(await visibleEntries(page), ['DATDEB']);
  assert.equal(await page.getAttribute('[data-testid=dictionary]', 'data-shown'), '1');
  // A word of a label, accents folded.
  await page.fill('[data-testid=dictionary-search]', 'scolarise');
  const scol = await visibleEntries(page);
  assert.ok(scol.includes('SCODTCOM'), scol.join());
  // A modality's label only: the national child-in-danger phone line is a TRANSIP modality.
  await page.fill('[data-testid=dictionary-search]', 'accueil téléphonique');
  assert.deepEqual(await visibleEntries(page), ['TRANSIP']);
  // Everyday words: every word, any order, accents and case ignored, small words left out,
  // over code, label, definition, modalities, condition and notes.
  for (const q of ['lieu de placement', 'placement lieu', 'LIEU DE PLACEMENT', 'lieux placement']) {
    await page.fill('[data-testid=dictionary-search]', q);
    const found = await visibleEntries(page);
    if (q === 'lieux placement') {
      assert.ok(!found.includes('LIEUPLAC'), 'every word must be there');
    } else {
      assert.ok(found.includes('LIEUPLAC'), `${q}: ${found.join()}`);
      assert.ok(found.length < 20, `${q}: ${found.length} entries`);
    }
  }
  await page.fill('[data-testid=dictionary-search]', 'décédé PERE');
  assert.ok((await visibleEntries(page)).includes('DCPERE'));
  // The finding codes are filtered too: by code, title, or a variable they concern.
  await page.fill('[data-testid=dictionary-search]', 'lieuplac-20');
  const codes = await page.$$eval('#dictionary-findings-list dt', (xs) => xs.filter((x) => !x.hidden).map((x) => x.id));
  assert.deepEqual(codes, ['constat-lieuplac-20']);
  await page.fill('[data-testid=dictionary-search]', 'zzzz');
  assert.deepEqual(await visibleEntries(page), []);
  assert.match(await page.textContent('#dictionary-count'), /^0 variable/);
  await page.fill('[data-testid=dictionary-search]', '');
  assert.equal((await visibleEntries(page)).length, 106);
}

// --- privacy ------------------------------------------------------------------------------

function tinyCsv() {
  const path = join(tempDir(), 'petit.csv');
  writeFileSync(path, 'NUMDEP;TYPEV;PRENOM;NOMMERE;ANAIS;MNAIS\n075;1;Jeanne;Martin;2010;05\n');
  return path;
}

/** A file big enough to be checked on two workers (≥ 12 MiB), generated once. */
function bigCsv() {
  return generate('privacy-gros.csv', { rows: 60000, seed: 9, nominative: false });
}

async function pseudonymise(page, file) {
  await chooseMode(page, 'pseudonymise');
  return runFile(page, file, { key: KEY });
}

/**
 * The privacy tests (docs/spec/INTERFACES.md): during a full pseudonymisation and a check on
 * two workers, over http and from file://, no request but the page itself and no CSP
 * violation (page or worker) — with positive controls: the test-only builds whose workers
 * try a fetch, or whose page loads an external image, must be caught by the same checks.
 *
 * `b.launch()` starts the browser (one for the file's tests); `b.watch(browser, url)` opens
 * the page in a fresh context: `{page, close(), reported(), foreign()}` — the browser's own
 * reports of CSP violations and the requests it saw that are not the page's (the page's
 * recorded violations are read here); `b.prefix`: put before each test's name. Serves the page and the leak builds over http; returns getters of the browser
 * and of that server (its request log), for the file's own tests.
 */
export function privacyTests(b) {
  const browser = useBrowser(b.launch);
  let server;
  let leakFetch;
  let leakImg;
  before(async () => {
    leakFetch = await leakPage('fetch');
    leakImg = await leakPage('img');
    server = await serve({ '/': PAGE, '/leak-fetch': leakFetch, '/leak-img': leakImg });
  });
  after(async () => {
    await server?.close();
  });
  const origins = () => [
    ['http', `${server.base}/`, `${server.base}/leak-fetch`, `${server.base}/leak-img`],
    ['file', fileUrl(PAGE), fileUrl(leakFetch), fileUrl(leakImg)],
  ];
  const watch = async (url) => {
    const w = await b.watch(browser(), url);
    return {
      ...w,
      evidence: async () => ({
        violations: await w.page.evaluate(() => window.__olinpeCspViolations.slice()),
        reported: w.reported(),
        foreign: w.foreign(),
      }),
    };
  };
  for (const i of [0, 1]) {
    const label = `${b.prefix || ''}${['http', 'file'][i]}`;

    test(`${label}: a full pseudonymisation makes no request and no CSP violation`, async () => {
      const [, url] = origins()[i];
      const input = generate('privacy.csv', { rows: 500, seed: 7 });
      const before = server.requests.length;
      const w = await watch(url);
      try {
        const status = await pseudonymise(w.page, input);
        assert.match(status, /terminé/, `run ended: ${status} ${await w.page.textContent('[data-testid=error-message]')}`);
        await w.page.waitForTimeout(300); // let any late violation report arrive
        assert.deepEqual(await w.evidence(), { violations: [], reported: [], foreign: [] });
        if (i === 0) assert.deepEqual(server.requests.slice(before), ['/']);
      } finally {
        await w.close();
      }
    });

    test(`${label}: a check on two workers makes no request and no CSP violation`, async () => {
      const [, url] = origins()[i];
      const before = server.requests.length;
      const w = await watch(url);
      try {
        await chooseMode(w.page, 'check');
        const status = await runFile(w.page, bigCsv(), { timeout: 120000 });
        assert.match(status, /terminé/, `run ended: ${status}`);
        // The helper worker read part of the file (www/helper-worker.js, "Two workers").
        assert.equal(await w.page.getAttribute('[data-testid=summary]', 'data-workers'), '2');
        await w.page.waitForTimeout(300);
        assert.deepEqual(await w.evidence(), { violations: [], reported: [], foreign: [] });
        if (i === 0) assert.deepEqual(server.requests.slice(before), ['/']);
      } finally {
        await w.close();
      }
    });

    test(`${label}: positive control — a worker fetch is caught`, async () => {
      const [, , url] = origins()[i];
      const w = await watch(url);
      try {
        await pseudonymise(w.page, tinyCsv());
        await w.page.waitForFunction(() => window.__olinpeCspViolations.length >= 2, null, { timeout: 5000 }).catch(() => {});
        const ev = await w.evidence();
        assert.ok(ev.violations.some((v) => v.where === 'worker' && /connect-src/.test(v.directive)),
          `worker violation recorded: ${JSON.stringify(ev)}`);
        assert.ok(ev.violations.some((v) => v.where === 'helper' && /connect-src/.test(v.directive)),
          `helper worker violation recorded: ${JSON.stringify(ev)}`);
      } finally {
        await w.close();
      }
    });

    test(`${label}: positive control — an external image on the page is caught`, async () => {
      const [, , , url] = origins()[i];
      const w = await watch(url);
      try {
        await pseudonymise(w.page, tinyCsv());
        await w.page.waitForFunction(() => window.__olinpeCspViolations.length > 0, null, { timeout: 5000 }).catch(() => {});
        const ev = await w.evidence();
        assert.ok(ev.violations.some((v) => v.where === 'page' && /img-src/.test(v.directive)),
          `page violation recorded: ${JSON.stringify(ev)}`);
        assert.ok(ev.reported.length > 0, `the browser reported it too: ${JSON.stringify(ev)}`);
      } finally {
        await w.close();
      }
    });
  }
  return { browser, server: () => server };
}

// --- issue 14: what a reload, a re-export, a copy or a typo must not do --------------------

/** Every form control says `autocomplete="off"` (the mapping step's selects included). */
export async function everyControlUnrestorable(page) {
  await chooseMode(page, 'pseudonymise');
  await page.setInputFiles('[data-testid=file-input]', fileNeedingMapping());
  await page.waitForSelector('[data-testid=mapping]:visible');
  const controls = await page.$$eval('input, select, textarea', (xs) => xs.map((x) => [x.id, x.getAttribute('autocomplete')]));
  assert.ok(controls.length > 20, `${controls.length} controls`);
  assert.deepEqual(controls.filter(([, a]) => a !== 'off').map(([id]) => id), []);
}

/**
 * After a reload, nothing chosen before it is taken: Firefox restores file inputs, check
 * boxes and text fields, and a key file chosen before the reload used to win silently over
 * the key typed after it. The same file chosen again is taken; the typed key is the one used.
 */
export async function reloadForgetsChoices(kit) {
  const dir = tempDir();
  const input = copyTo(dir, generate('p-reload.csv', { rows: 60, seed: 53 }), 'rechargement.csv');
  const otherKey = join(dir, 'autre-cle.txt');
  writeFileSync(otherKey, 'CLE_AUTRE_TEST');
  const outDir = join(dir, 'cli');
  mkdirSync(outDir);
  const cli = runCli(['pseudonymise', input, '--date-export', EXPORT_DATE, '--out-dir', outDir], { OLINPE_KEY: KEY });
  assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
  await kit.withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    await page.setInputFiles('[data-testid=key-file-input]', otherKey);
    await page.setInputFiles('[data-testid=file-input]', input);
    await page.click('label[for=option-with-day]');
    await page.fill('[data-testid=year-input]', '2019');
    await page.reload();
    // The engine starts again after a reload (a few seconds on a loaded machine).
    await page.waitForFunction(() => document.getElementById('version').textContent !== '', null, { timeout: 30000 });
    const kept = await page.evaluate(() => ({
      files: [...document.querySelectorAll('input[type=file]')].filter((el) => el.files.length > 0).map((el) => el.id),
      checked: [...document.querySelectorAll('input[type=checkbox]')].filter((el) => el.checked).map((el) => el.id),
      year: document.getElementById('year-input').value,
      key: document.getElementById('key-input').value,
    }));
    assert.deepEqual(kept, { files: [], checked: [], year: '', key: '' }, 'nothing restored after the reload');
    assert.match(await page.textContent('[data-testid=status]'), /Choisissez un fichier/);
    await chooseMode(page, 'pseudonymise');
    await page.setInputFiles('[data-testid=file-input]', input);
    await page.waitForFunction(() => /Fichier choisi/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 30000 });
    assert.match(await runFile(page, input, { key: KEY }), /terminé/);
    same((await kit.download(page, 'download-csv')).bytes, join(outDir, 'rechargement-transmission.csv'), 'identifiers made with the typed key');
  });
}

/** One key source at a time, the one the person sees. */
export async function keySourceIsTheOneSeen(page) {
  const keyFile = join(tempDir(), 'cle.txt');
  writeFileSync(keyFile, KEY);
  const keyFiles = () => page.evaluate(() => document.getElementById('key-file-input').files.length);
  await chooseMode(page, 'pseudonymise');
  await page.setInputFiles('[data-testid=key-file-input]', keyFile);
  assert.equal(await keyFiles(), 1);
  await page.fill('[data-testid=key-input]', 'CLE_AUTRE_TEST');
  assert.equal(await keyFiles(), 0, 'typing a key forgets the key file');
  await page.setInputFiles('[data-testid=key-file-input]', keyFile);
  assert.equal(await keyFiles(), 1, 'the same key file chosen again is taken');
  assert.equal(await page.inputValue('[data-testid=key-input]'), '', 'choosing a key file empties the typed key');
}

/** After a run, the key leaves the page: typed or chosen, and the page says so. */
export async function keyEmptiedAfterRun(kit) {
  const input = generate('p-keyfile.csv', { rows: 50, seed: 37 });
  const keyFile = join(tempDir(), 'cle.txt');
  writeFileSync(keyFile, KEY);
  await kit.withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    assert.equal(await page.isVisible('#key-cleared'), false);
    assert.match(await runFile(page, input, { key: KEY }), /terminé/);
    assert.equal(await page.inputValue('[data-testid=key-input]'), '');
    assert.match(await page.textContent('#key-cleared'), /clé a été effacée/);
    assert.equal(await page.isVisible('#key-cleared'), true);
    await page.setInputFiles('[data-testid=key-file-input]', keyFile);
    assert.equal(await page.isVisible('#key-cleared'), false);
    assert.match(await runFile(page, input), /terminé/);
    assert.equal(await page.evaluate(() => document.getElementById('key-file-input').files.length), 0);
  });
}

/**
 * A file re-exported after it was chosen (`rows` records instead of 3 000): the run fails
 * with a French message saying to choose it again, and choosing the same file again reads
 * the new file whole. Firefox used to read its new bytes up to the old size, and say
 * « terminé » over a part of the file.
 */
export async function reexportedFile(kit, rows) {
  const path = join(tempDir(), 'reexporte.csv');
  copyFileSync(generate('p-reexport.csv', { rows: 3000, seed: 59, nominative: false }), path);
  await kit.withPage(async (page) => {
    await chooseMode(page, 'check');
    await page.setInputFiles('[data-testid=file-input]', path);
    await page.waitForSelector('[data-testid=run]:not([disabled])');
    await page.waitForTimeout(1000); // the page reads the file's ends once chosen; a person takes longer
    copyFileSync(generate('p-reexport.csv', { rows, seed: 61, nominative: false }), path);
    const later = new Date(Date.now() + 5000); // a later date, whatever the clock's resolution
    utimesSync(path, later, later);
    await page.click('[data-testid=run]');
    await page.waitForFunction(() => /terminé|échec/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 30000 });
    assert.match(await page.textContent('[data-testid=status]'), /échec/);
    assert.match(await page.textContent('[data-testid=error-message]'), /Choisissez-le à nouveau/);
    assert.match(await runFile(page, path), /terminé/);
    assert.equal(await page.getAttribute('[data-testid=summary]', 'data-rows'), String(rows));
  });
}

/** No copy, cut or drag out of the masked key field (the clipboard itself works). */
export async function maskedKeyNotCopied(page) {
  await chooseMode(page, 'pseudonymise');
  await page.evaluate(() => {
    const t = document.createElement('textarea');
    t.id = 'olp-test-paste';
    t.setAttribute('autocomplete', 'off');
    t.value = 'témoin';
    document.body.prepend(t);
  });
  // The control: copying from an ordinary field works.
  await page.focus('#olp-test-paste');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await page.focus('[data-testid=key-input]');
  await page.keyboard.type(KEY);
  for (const chord of ['Control+C', 'Control+X']) {
    await page.focus('[data-testid=key-input]');
    await page.keyboard.press('Control+A');
    await page.keyboard.press(chord);
  }
  assert.equal(await page.inputValue('[data-testid=key-input]'), KEY, 'cut leaves the key in place');
  await page.focus('#olp-test-paste');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  assert.equal(await page.inputValue('#olp-test-paste'), 'témoin', 'the clipboard still holds what was copied before');
  const dragged = await page.evaluate(() => document.getElementById('key-input').dispatchEvent(new DragEvent('dragstart', { bubbles: true, cancelable: true })));
  assert.equal(dragged, false, 'dragging the key out is prevented');
}

/** A typo in the year (`2O19`) is refused with a French message, never run with the default. */
export async function yearTypoRefused(page) {
  await chooseMode(page, 'check');
  await page.setInputFiles('[data-testid=file-input]', generate('p-year.csv', { rows: 50, seed: 67, nominative: false }));
  await page.focus('[data-testid=year-input]');
  await page.keyboard.type('2O19');
  await page.click('[data-testid=run]:not([disabled])');
  await page.waitForFunction(() => !document.querySelector('[data-testid=error-message]').hidden
    || /terminé|échec/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 30000 });
  assert.doesNotMatch(await page.textContent('[data-testid=status]'), /terminé/);
  assert.match(await page.textContent('[data-testid=error-message]'), /L’année de référence doit être une année sur quatre chiffres/);
}

/** The text of a PDF (poppler's pdftotext). */
export function pdfText(bytes) {
  const path = join(tempDir(), 'rapport.pdf');
  writeFileSync(path, bytes);
  return execFileSync('pdftotext', [path, '-'], { maxBuffer: 1 << 26 }).toString('utf8');
}

/** The printed findings table keeps every column: its headers and each row's whole message. */
export async function printKeepsEveryColumn(page) {
  await chooseMode(page, 'check');
  assert.match(await runFile(page, ALL_SECTIONS), /terminé/);
  // Paper gets the findings summarised by code (issue 14), every column of that table kept.
  const rows = await page.$$eval('#print-findings tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.ok(rows.length > 5, `${rows.length} codes`);
  const text = pdfText(await page.pdf({ format: 'A4' })).normalize('NFKC');
  const words = new Set(text.split(/\s+/));
  const wanted = ['Gravité', 'Code', 'Constat', 'Section', 'ONPE', 'Nombre', ...rows.flatMap((r) => r.join(' ').normalize('NFKC').split(/\s+/))];
  assert.deepEqual([...new Set(wanted.filter((w) => w && !words.has(w)))], [], 'words of the table missing from the printed page');
  // The file's name and the date of printing head it; every ONPE section is there, green
  // ones too; not the current page of the findings table.
  assert.match(text, /fichier « all-sections\.xml »/);
  assert.match(text, /imprimé le \d{1,2}\s+\S+\s+\d{4}/);
  for (const section of ['0002', '0046', '0056', '0095']) assert.match(text, new RegExp(section), section);
  assert.doesNotMatch(text, /Page 1 sur/);
}

// --- continuity (issue 16) ------------------------------------------------------------------

/** A pair of consecutive years written by `olinpe generate --years 2` into `dir`. */
export function generatePair(dir, { rows = 400, seed = 12, names = ['cd35-2018.csv', 'cd35-2019.csv'] } = {}) {
  const [a, b] = names.map((n) => join(dir, n));
  const r = runCli(['generate', '--years', '2', '--rows', String(rows), '--seed', String(seed), '--numdep', '35', '--out', a, '--out-next', b]);
  assert.equal(r.status, 0, r.stderr);
  return [a, b];
}

/** Waits for the continuity section's verdict; returns its level. */
export async function continuityLevel(page, timeout = 60000) {
  await page.waitForSelector('[data-testid=continuity-verdict][data-level]', { timeout });
  return page.getAttribute('[data-testid=continuity-verdict]', 'data-level');
}

/**
 * « Vérifier » with last year's file: the continuity section below the report, its own
 * verdict first (never the run's), the counts, the chart of the flagged indicators, and the
 * JSON download byte for byte the command line's `olinpe continuity --format json`.
 */
export async function continuityMatchesCli(kit) {
  const dir = tempDir();
  const [previous, current] = generatePair(dir);
  const cli = runCli(['continuity', previous, current, '--format', 'json']);
  assert.equal(cli.status, 0, cli.stderr);
  const expected = JSON.parse(cli.stdout.toString('utf8'));
  const check = runCli(['check', current, '--format', 'json']);
  await kit.withPage(async (page) => {
    await chooseMode(page, 'check');
    assert.equal(await page.isVisible('[data-testid=previous-file-input]'), true, 'last year\'s file in Vérifier too');
    await page.setInputFiles('[data-testid=previous-file-input]', previous);
    assert.match(await runFile(page, current), /terminé/);
    assert.equal(await continuityLevel(page), expected.verdict.level);
    assert.equal(expected.verdict.level, 'a_verifier', 'the planted defects');
    // The run's own verdict is the check's, untouched.
    assert.equal(await page.getAttribute('[data-testid=summary]', 'data-exit-status'), String(check.status));
    // The JSON download: the command line's bytes, named after this year's file.
    const d = await kit.download(page, 'download-continuity');
    assert.equal(d.name, 'cd35-2019-continuite.json');
    same(d.bytes, writeTemp(dir, 'cli-continuite.json', cli.stdout), 'continuity JSON');
    // The section: the verdict at its top, the counts, the chart of the flagged indicators.
    const first = await page.evaluate(() => document.querySelector('[data-testid=continuity] h3 + *').getAttribute('data-testid'));
    assert.equal(first, 'continuity-verdict');
    const text = await page.textContent('[data-testid=continuity]');
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
    assert.equal(await page.isDisabled('[data-testid=run]'), false);
    assert.equal(await page.isVisible('[data-testid=cancel]'), false);
  });
}

/** Writes `bytes` to `dir/name`; its path. */
function writeTemp(dir, name, bytes) {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}
