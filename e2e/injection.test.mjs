// Injection (issue 6, point 4): file content, column headers and the file name are data,
// never markup nor code. A CSV carries script-like payloads in free text (AUTREDA, AUTREDJ),
// in a coded variable (SEXE), in unknown column headers and in its own name; the page checks
// it, every view of the report is opened and every link and button of the report clicked.
// Then no payload ran (`window.__pwned` undefined, in the page and in the worker), no element
// came out of a payload (script, img, svg, inline handler, javascript: link), no dialog
// opened, no CSP violation was recorded, and the payloads are shown as text. The findings CSV
// neutralises cells that a spreadsheet would run as formulas (= + - @), and equals the CLI's.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, requirePage, serve, fileUrl, openPage, chooseMode, runFile, download, generate, runCli, tempDir, PAGE } from './helpers.mjs';

const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  'javascript:window.__pwned=1',
  '"><svg onload=window.__pwned=1>',
  "{{constructor.constructor('window.__pwned=1')()}}",
];
const IMG_HEADER = '<img src=x onerror=window.__pwned=1>';
const SVG_HEADER = '"><svg onload=window.__pwned=1>';
/** Unknown headers that a spreadsheet would run as formulas if written as they are. */
const FORMULA_HEADERS = ['=HYPERLINK("x")', '+1+1', '-2+3', '@SUM(A1)'];
/** A file name without `/` (a path separator) but with markup and a template. */
const FILE_NAME = `<img src=x onerror="window.__pwned=1">"><svg onload=window.__pwned=1>{{constructor.constructor('window.__pwned=1')()}}.csv`;

let browser;
let server;
let input;

/** One CSV cell, quoted as RFC 4180 when needed. */
function cell(v) {
  return /[";\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** A minimal RFC 4180 reader (`;`), enough for the findings CSV. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cur += '"'; i += 1; } else if (c === '"') quoted = false; else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') { row.push(cur); cur = ''; } else if (c === '\n') { row.push(cur.replace(/\r$/, '')); rows.push(row); row = []; cur = ''; } else cur += c;
  }
  if (cur !== '' || row.length) { row.push(cur); rows.push(row); }
  return rows;
}

/** A generated file whose cells, headers and name carry the payloads. */
function injectedFile() {
  const base = readFileSync(generate('injection-base.csv', { rows: 40, seed: 17, nominative: false }), 'utf8');
  const lines = base.split('\n').filter(Boolean).map((l) => l.split(';'));
  const header = lines[0];
  const col = (code) => {
    const i = header.indexOf(code);
    assert.ok(i >= 0, `${code} in the generated header`);
    return i;
  };
  const [autreda, autredj, sexe] = [col('AUTREDA'), col('AUTREDJ'), col('SEXE')];
  const extra = [IMG_HEADER, SVG_HEADER, ...FORMULA_HEADERS];
  const out = [[...header, ...extra].map(cell).join(';')];
  lines.slice(1).forEach((r, i) => {
    const row = [...r];
    row[autreda] = PAYLOADS[i % PAYLOADS.length];
    row[autredj] = PAYLOADS[(i + 1) % PAYLOADS.length];
    if (i < PAYLOADS.length) row[sexe] = PAYLOADS[i];
    out.push([...row, ...extra.map((_, j) => PAYLOADS[(i + j) % PAYLOADS.length])].map(cell).join(';'));
  });
  const path = join(tempDir(), FILE_NAME);
  writeFileSync(path, `${out.join('\n')}\n`);
  return path;
}

before(async () => {
  requirePage();
  input = injectedFile();
  browser = await launch();
  server = await serve({ '/': PAGE });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** What a payload could have left in the page: counts of dangerous elements and attributes. */
function domEvidence() {
  const all = [...document.querySelectorAll('*')];
  return {
    pwned: window.__pwned,
    scripts: document.querySelectorAll('script').length,
    imgs: document.querySelectorAll('img').length,
    svgs: document.querySelectorAll('svg').length,
    frames: document.querySelectorAll('iframe, object, embed, frame').length,
    handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`)),
    jsLinks: all.filter((el) => /^\s*javascript:/i.test(el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action') || '')).length,
    violations: (window.__olinpeCspViolations || []).slice(),
  };
}

/**
 * Clicks every visible link, button and disclosure of the report, downloads included, and
 * follows a finding's variable to the dictionary and back.
 */
async function clickEverything(page) {
  const clicked = [];
  // The pager changes the rows (and so the links) under the loop: it is walked on its own.
  const targets = page.locator('#results a, #results button:not(#page-prev):not(#page-next), #results summary');
  const n = await targets.count();
  for (let i = 0; i < n; i += 1) {
    const t = targets.nth(i);
    if (!(await t.isVisible()) || !(await t.isEnabled())) continue;
    const label = (await t.textContent()).trim().slice(0, 40);
    // A variable's link repeats on many rows: following one per variable is enough.
    const inTable = await t.evaluate((el) => Boolean(el.closest('#findings-table')));
    if (inTable && clicked.includes(label)) continue;
    const isDownload = (await t.getAttribute('download')) !== null || (await t.getAttribute('data-testid')) === 'download-findings-csv';
    if (isDownload) {
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), t.click()]);
      await dl.path();
    } else {
      await t.click();
    }
    clicked.push(label);
    // A finding's variable opens its dictionary entry: look at it, then come back.
    if (await page.isVisible('#dictionary-back-button')) {
      clicked.push('→ dictionnaire');
      await page.click('#dictionary-back-button');
      await page.waitForSelector('#results:visible');
    }
  }
  return clicked;
}

/** Every option of every findings filter, one after the other. */
async function everyFilter(page) {
  for (const id of ['#filter-severity', '#filter-code', '#filter-variable', '#filter-section']) {
    const values = await page.locator(`${id} option`).evaluateAll((os) => os.map((o) => o.value));
    for (const v of values) await page.selectOption(id, v);
    await page.selectOption(id, '');
  }
}

const ORIGINS = [['http, CSP header', () => `${server.base}/`], ['file://', () => fileUrl(PAGE)]];

for (const [origin, url] of ORIGINS) test(`payloads in cells, headers and file name stay text (${origin})`, async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  try {
    const { page, log } = await openPage(context, url());
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
    // The page's own print dialog is not a payload's: headless Chromium would wait on it.
    await page.evaluate(() => { window.print = () => { window.__olpPrinted = (window.__olpPrinted || 0) + 1; }; });
    const before = await page.evaluate(domEvidence);
    await chooseMode(page, 'check');

    // The mapping step: the unknown headers are offered as options, as text.
    await page.setInputFiles('[data-testid=file-input]', input);
    await page.waitForSelector('[data-testid=mapping]:visible');
    assert.ok((await page.textContent('#file-info')).startsWith(`${FILE_NAME} — `), 'the file name shown as text');
    const options = await page.locator('select[data-target]').first().locator('option').allTextContents();
    for (const h of [IMG_HEADER, SVG_HEADER, ...FORMULA_HEADERS]) assert.ok(options.includes(h), `header ${h} offered as an option's text`);
    assert.match(await page.textContent('#mapping-unused'), /<img src=x onerror=window\.__pwned=1>/);

    // The check itself, with the mapping left as proposed (the unknown columns stay unknown).
    const status = await runFile(page, input);
    assert.match(status, /terminé/, `${status} ${await page.textContent('[data-testid=error-message]')}`);
    await page.click('#fill-details summary');
    await page.click('details:has(#explanations) > summary');
    await everyFilter(page);
    // The findings of the unknown columns quote the headers: shown as text in the table.
    await page.selectOption('#filter-code', 'unknown-column');
    const messages = await page.locator('[data-testid=findings-table] tbody tr td:last-child').allTextContents();
    assert.ok(messages.some((m) => m.includes(IMG_HEADER)), messages.join('\n'));
    assert.ok(messages.some((m) => m.includes(SVG_HEADER)), messages.join('\n'));
    await page.selectOption('#filter-code', '');
    const clicked = await clickEverything(page);
    for (const l of ['Rapport (JSON)', 'Liste complète des constats (CSV)', '→ dictionnaire', 'Imprimer le rapport']) {
      assert.ok(clicked.some((c) => c.startsWith(l)), `${l} clicked (${clicked.join(' | ')})`);
    }
    while (await page.isEnabled('#page-next')) await page.click('#page-next');
    while (await page.isEnabled('#page-prev')) await page.click('#page-prev');

    // Downloads: the report is the CLI's, byte for byte (the name is carried as JSON data);
    // the findings CSV neutralises formula-leading cells, and is the CLI's too.
    const dir = tempDir();
    const cliCsv = join(dir, 'constats.csv');
    const cli = runCli(['check', input, '--format', 'json', '--findings-csv', cliCsv]);
    assert.equal(cli.status, 1, cli.stderr);
    const report = await download(page, 'download-report-json');
    assert.ok(report.bytes.equals(cli.stdout), 'report JSON = check --format json');
    assert.equal(JSON.parse(report.bytes.toString('utf8')).input.name, FILE_NAME);
    const csv = await download(page, 'download-findings-csv');
    assert.ok(csv.bytes.equals(readFileSync(cliCsv)), 'findings CSV = check --findings-csv');
    const cells = parseCsv(csv.bytes.toString('utf8').replace(/^\uFEFF/, '')).flat();
    const formulas = cells.filter((c) => /^[=+\-@\t\r]/.test(c));
    assert.deepEqual(formulas, [], 'no cell starts with = + - @');
    for (const h of FORMULA_HEADERS) assert.ok(cells.includes(`'${h}`), `header ${h} neutralised as '${h}`);

    // Nothing ran, nothing was created, nothing was blocked.
    const afterAll = await page.evaluate(domEvidence);
    assert.equal(afterAll.pwned, undefined, 'window.__pwned');
    assert.equal(await page.workers()[0].evaluate(() => self.__pwned), undefined, 'worker __pwned');
    for (const k of ['scripts', 'imgs', 'svgs', 'frames']) assert.equal(afterAll[k], before[k], `${k}: ${before[k]} before, ${afterAll[k]} after`);
    assert.deepEqual(afterAll.handlers, [], 'no inline event handler attribute');
    assert.equal(afterAll.jsLinks, 0, 'no javascript: URL');
    assert.deepEqual(afterAll.violations, [], 'no CSP violation');
    assert.deepEqual(dialogs, [], 'no dialog');
    assert.deepEqual(log.errors, [], 'no page error');
    assert.ok(await page.evaluate(() => window.__olpPrinted === 1), 'the print button was clicked');
    // The payloads are in the page as text.
    const text = await page.evaluate(() => document.body.textContent);
    for (const p of [IMG_HEADER, SVG_HEADER, FILE_NAME]) assert.ok(text.includes(p), `${p} shown as text`);
  } finally {
    await context.close();
  }
});

test('mapping step: a header `<img src=x onerror=…>` mapped to a variable stays a name', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  try {
    const { page, log } = await openPage(context, `${server.base}/`);
    const before = await page.evaluate(domEvidence);
    await chooseMode(page, 'check');
    await page.setInputFiles('[data-testid=file-input]', input);
    await page.waitForSelector('[data-testid=mapping]:visible');
    // Map the <img …> header to a free-text variable, export the mapping, then run.
    const target = (await page.locator('select[data-target]').evaluateAll((ss) => ss.map((s) => s.dataset.target)))[0];
    // The other absent variables are folded away: unfold them, as a person would.
    await page.evaluate(() => { const d = document.getElementById('mapping-others'); if (d) d.open = true; });
    await page.selectOption(`select[data-target=${target}]`, IMG_HEADER);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#mapping-export')]);
    const exported = readFileSync(await dl.path(), 'utf8');
    assert.match(exported, new RegExp(`^${target}=<img src=x onerror=window\\.__pwned=1>$`, 'm'));
    const status = await runFile(page, input);
    assert.match(status, /terminé/, `${status} ${await page.textContent('[data-testid=error-message]')}`);
    const stored = await page.evaluate(() => localStorage.getItem('olinpe.correspondance.v1'));
    assert.ok(stored.includes(IMG_HEADER), 'remembered as a header name');
    await page.reload();
    await page.waitForFunction(() => document.getElementById('version').textContent !== '');
    await page.setInputFiles('[data-testid=file-input]', input);
    await page.waitForSelector('[data-testid=mapping]:visible');
    assert.equal(await page.inputValue(`select[data-target=${target}]`), IMG_HEADER, 'the remembered mapping is restored as a name');
    const ev = await page.evaluate(domEvidence);
    assert.equal(ev.pwned, undefined);
    for (const k of ['scripts', 'imgs', 'svgs', 'frames']) assert.equal(ev[k], before[k], k);
    assert.deepEqual(ev.handlers, []);
    assert.deepEqual(ev.violations, []);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('positive control: the same checks catch a payload parsed as HTML', async () => {
  // Under the page's CSP the inline handler is blocked (a violation) but the element exists;
  // with the CSP bypassed, the handler runs and sets window.__pwned.
  for (const bypassCSP of [false, true]) {
    const context = await browser.newContext({ bypassCSP });
    try {
      const { page } = await openPage(context, `${server.base}/`);
      const before = await page.evaluate(domEvidence);
      await page.evaluate((p) => { document.getElementById('file-info').insertAdjacentHTML('beforeend', p); }, PAYLOADS[1]);
      await page.waitForFunction(() => document.querySelector('#file-info img'));
      await page.waitForTimeout(200); // the image error event, then the handler or its violation
      const ev = await page.evaluate(domEvidence);
      assert.equal(ev.imgs, before.imgs + 1, 'the img element is counted');
      assert.deepEqual(ev.handlers, ['IMG[onerror]'], 'its handler attribute is found');
      if (bypassCSP) {
        assert.equal(ev.pwned, 1, 'without the CSP the handler ran, and __pwned shows it');
      } else {
        assert.equal(ev.pwned, undefined, 'the CSP blocked the inline handler');
        assert.ok(ev.violations.some((v) => /script-src/.test(v.directive)), JSON.stringify(ev.violations));
      }
    } finally {
      await context.close();
    }
  }
});
