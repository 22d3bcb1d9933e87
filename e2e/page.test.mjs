// The built page itself: it loads from http:// (with the CSP header) and from file://, its
// worker and engine start under the strict CSP, the hooks exist, the key field follows
// docs/spec/OLINPE.md §0.1, and unreadable input gives a clear French message.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, utimesSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { launch, requirePage, serve, fileUrl, openPage, chooseMode, tempDir, PAGE } from './helpers.mjs';

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

const HOOKS_AT_START = [
  'mode-check', 'mode-pseudonymise', 'mode-rehash', 'mode-training', 'file-input',
  'previous-file-input', 'map-file-input', 'mapping', 'key-input', 'key-file-input',
  'option-with-day', 'option-uppercase', 'year-input', 'export-date-input', 'run', 'cancel',
  'progress', 'status', 'error-message', 'summary', 'findings-table',
];

test('the CSP pins exactly the one inline script, and the built file is self-contained', () => {
  const html = readFileSync(PAGE, 'utf8');
  const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1, 'one inline script');
  assert.doesNotMatch(html, /<script[^>]+src=/);
  const hash = createHash('sha256').update(scripts[0][1], 'utf8').digest('base64');
  const csp = readFileSync(PAGE.replace(/\.html$/, '.csp'), 'utf8').trim();
  assert.equal(csp, `default-src 'none'; script-src 'sha256-${hash}' 'wasm-unsafe-eval'; worker-src blob:; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'`);
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(meta, 'CSP meta present');
  assert.equal(meta[1], csp);
  assert.ok(html.indexOf(meta[0]) < html.indexOf('<script'), 'CSP meta before the script');
  assert.deepEqual([...html.matchAll(/url\((?!data:)/g)].map((m) => html.slice(m.index, m.index + 40)), []);
  assert.doesNotMatch(html, /@font-face/);
  assert.doesNotMatch(html, /Marianne/);
  assert.doesNotMatch(html, /198\.51\.100|OLINPE_TEST_LEAK_CODE/, 'no test-only leak code in the production page');
});

for (const [label, url] of [['http', () => `${server.base}/`], ['file', () => fileUrl(PAGE)]]) {
  test(`loads over ${label}: engine ready, no CSP violation, no error, no other request`, async () => {
    const context = await browser.newContext();
    try {
      const { page, log } = await openPage(context, url());
      assert.match(await page.textContent('#version'), /^\d+\.\d+\.\d+/);
      assert.deepEqual(await page.evaluate(() => window.__olinpeCspViolations), []);
      assert.deepEqual(log.errors, []);
      assert.deepEqual(log.console.filter((m) => m.type === 'error'), []);
      const others = log.requests.filter((r) => r !== url() && !r.startsWith('blob:'));
      assert.deepEqual(others, []);
      for (const id of HOOKS_AT_START) {
        assert.equal(await page.locator(`[data-testid=${id}]`).count(), 1, `hook ${id}`);
      }
      assert.equal(await page.isVisible('[data-testid=mapping]'), false);
      assert.equal(await page.isVisible('[data-testid=cancel]'), false);
      assert.equal(await page.textContent('[data-testid=status]').then((s) => /terminé|annulé|échec/.test(s)), false);
    } finally {
      await context.close();
    }
  });
}

test('the key field is a CSS-masked text input outside any form, never autocompleted', async () => {
  const context = await browser.newContext();
  try {
    const { page } = await openPage(context, fileUrl(PAGE));
    await chooseMode(page, 'pseudonymise');
    const key = page.locator('[data-testid=key-input]');
    assert.equal(await key.isVisible(), true);
    const props = await key.evaluate((el) => ({
      type: el.type,
      autocomplete: el.getAttribute('autocomplete'),
      spellcheck: el.getAttribute('spellcheck'),
      inForm: el.closest('form') !== null,
      forms: document.forms.length,
      security: getComputedStyle(el).webkitTextSecurity,
      label: el.labels.length,
    }));
    assert.deepEqual(props, { type: 'text', autocomplete: 'off', spellcheck: 'false', inForm: false, forms: 0, security: 'disc', label: 1 });
    assert.equal(await page.locator('input[type=password]').count(), 0);
    await chooseMode(page, 'check');
    assert.equal(await key.isVisible(), false, 'no key in check mode');
  } finally {
    await context.close();
  }
});

test('modes show their own options and the export date defaults to today', async () => {
  const context = await browser.newContext();
  try {
    const { page } = await openPage(context, fileUrl(PAGE));
    const visible = async () => Object.fromEntries(await Promise.all(
      ['key-input', 'option-with-day', 'option-uppercase', 'year-input', 'export-date-input', 'previous-file-input']
        .map(async (id) => [id, await page.isVisible(`[data-testid=${id}]`)])));
    // Last year's file in Vérifier too: the continuity check (issue 16).
    assert.deepEqual(await visible(), { 'key-input': false, 'option-with-day': false, 'option-uppercase': false, 'year-input': true, 'export-date-input': false, 'previous-file-input': true });
    await chooseMode(page, 'pseudonymise');
    assert.deepEqual(await visible(), { 'key-input': true, 'option-with-day': true, 'option-uppercase': true, 'year-input': true, 'export-date-input': true, 'previous-file-input': true });
    await chooseMode(page, 'rehash');
    assert.deepEqual(await visible(), { 'key-input': true, 'option-with-day': false, 'option-uppercase': false, 'year-input': false, 'export-date-input': false, 'previous-file-input': false });
    const today = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; });
    assert.equal(await page.inputValue('[data-testid=export-date-input]'), today);
    await chooseMode(page, 'training');
    assert.equal(await page.isVisible('#panel-training'), true);
    assert.equal(await page.isVisible('[data-testid=run]'), false);
  } finally {
    await context.close();
  }
});

test('an empty file is refused at once with a French message', async () => {
  const dir = tempDir();
  const empty = join(dir, 'vide.csv');
  writeFileSync(empty, '');
  const context = await browser.newContext();
  try {
    const { page } = await openPage(context, fileUrl(PAGE));
    await page.setInputFiles('[data-testid=file-input]', empty);
    await page.waitForSelector('[data-testid=error-message]:not([hidden])');
    assert.match(await page.textContent('[data-testid=error-message]'), /vide/);
    assert.equal(await page.isDisabled('[data-testid=run]'), true);
  } finally {
    await context.close();
  }
});

test('a file that became unreadable after it was chosen: French message, échec, page still usable', async () => {
  const dir = tempDir();
  const path = join(dir, 'mouvant.csv');
  // Five known columns: an Olinpe file as far as its header tells (else it is refused at once).
  writeFileSync(path, 'NUMANONYM;TYPEV;SEXE;ANAIS;MNAIS\n'.padEnd(5 * 1024 * 1024, 'x'));
  const context = await browser.newContext();
  try {
    const { page } = await openPage(context, fileUrl(PAGE));
    await page.setInputFiles('[data-testid=file-input]', path);
    await page.waitForSelector('[data-testid=run]:not([disabled])');
    // Changing the file on disk after it was chosen makes the browser refuse to read it.
    writeFileSync(path, 'autre contenu');
    const later = new Date(Date.now() + 5000);
    utimesSync(path, later, later);
    await page.click('[data-testid=run]');
    await page.waitForFunction(() => /échec/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 20000 });
    const msg = await page.textContent('[data-testid=error-message]');
    assert.match(msg, /ne peut pas être lu|introuvable/);
    assert.equal(await page.isVisible('[data-testid=error-message]'), true);
    // The page is still usable: another file can be chosen and run.
    const other = join(dir, 'autre.csv');
    writeFileSync(other, 'NUMANONYM;TYPEV;SEXE;ANAIS;MNAIS\n');
    await page.setInputFiles('[data-testid=file-input]', other);
    await page.waitForSelector('[data-testid=run]:not([disabled])');
    assert.doesNotMatch(await page.textContent('[data-testid=status]'), /échec/);
  } finally {
    await context.close();
  }
});

test('each mode states its size limit and refuses a bigger file at once, in French', async () => {
  const dir = tempDir();
  const big = join(dir, 'tres-gros.csv');
  // A sparse file: 600 MB to the browser, nothing written on disk but its first 224 KiB (an
  // Olinpe header and records: the page reads the header from the first 128 KiB).
  writeFileSync(big, `NUMANONYM;TYPEV;SEXE;ANAIS;MNAIS\n${'x;1;1;2010;01\n'.repeat(16 * 1024)}`);
  const fd = openSync(big, 'r+');
  ftruncateSync(fd, 600 * 1000 * 1000);
  closeSync(fd);
  const context = await browser.newContext();
  try {
    const { page } = await openPage(context, fileUrl(PAGE));
    assert.match(await page.textContent('#file-hint'), /Taille maximale dans ce mode : 2 Go/);
    await chooseMode(page, 'pseudonymise');
    assert.match(await page.textContent('#file-hint'), /500 Mo/);
    await page.setInputFiles('[data-testid=file-input]', big);
    await page.waitForSelector('[data-testid=error-message]:not([hidden])');
    assert.match(await page.textContent('[data-testid=error-message]'), /600 Mo.*au plus 500 Mo.*ligne de commande/s);
    assert.equal(await page.isDisabled('[data-testid=run]'), true);
    // The same file is within the check mode's limit.
    await chooseMode(page, 'check');
    assert.equal(await page.isVisible('[data-testid=error-message]'), false);
    await page.waitForSelector('[data-testid=run]:not([disabled])');
  } finally {
    await context.close();
  }
});

test('a file that is not text: refused at once, in French, before any run (issue 14)', async () => {
  const dir = tempDir();
  const path = join(dir, 'image.csv');
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 37) % 256;
  writeFileSync(path, bytes);
  const context = await browser.newContext();
  try {
    const { page } = await openPage(context, fileUrl(PAGE));
    await page.setInputFiles('[data-testid=file-input]', path);
    await page.waitForSelector('[data-testid=not-olinpe]:visible');
    assert.match(await page.textContent('[data-testid=not-olinpe]'), /Ce n’est pas un fichier Olinpe/);
    assert.equal(await page.isDisabled('[data-testid=run]'), true, 'nothing to run');
    assert.equal(await page.isVisible('[data-testid=error-message]'), false);
    assert.equal(await page.locator('[data-testid^=download-]').count(), 0);
    assert.equal(await page.isVisible('[data-testid=summary]'), false);
    assert.equal(await page.isVisible('[data-testid=mapping]'), false);
  } finally {
    await context.close();
  }
});
