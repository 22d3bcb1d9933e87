// The five faults a tour in Firefox ESR found (issue 14), each with its test, and the two
// points checked with them: the printed findings keep every column, the key leaves the page
// after the run. The same scenarios run in Chromium (e2e/faults.test.mjs) where they apply.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, serve, PAGE } from '../helpers.mjs';
import {
  everyControlUnrestorable, reloadForgetsChoices, keySourceIsTheOneSeen, keyEmptiedAfterRun,
  reexportedFile, maskedKeyNotCopied, yearTypoRefused, printKeepsEveryColumn,
} from '../scenarios.mjs';
import { launchFirefox, firefoxKit } from './helpers.mjs';

const kit = firefoxKit(useBrowser(launchFirefox));
let server;

before(async () => {
  server = await serve({ '/': PAGE });
});

after(async () => {
  await server?.close();
});

test('firefox (1): every form control has autocomplete="off"', () => kit.withPage(everyControlUnrestorable));

test('firefox (1): after a reload from disk nothing chosen before is taken; the same file again is; the typed key is used', () => reloadForgetsChoices(kit));

test('firefox (1): one key source at a time, the one the person sees', () => kit.withPage(keySourceIsTheOneSeen));

for (const [how, rows] of [['more', 4000], ['fewer', 2000]]) {
  test(`firefox (2): a file re-exported with ${how} records after it was chosen is refused, then read whole once chosen again`, () => reexportedFile(kit, rows));
}

test('firefox (3): over http, no /favicon.ico request and no CSP violation on load', async () => {
  const seen = server.requests.length;
  await kit.withPage(async (page, log) => {
    await page.waitForTimeout(1000); // the browser asks for its icon after the load
    assert.deepEqual(await page.evaluate(() => window.__olinpeCspViolations.slice()), []);
    assert.deepEqual(log.errors, []);
  }, `${server.base}/`);
  assert.deepEqual(server.requests.slice(seen), ['/']);
});

test('firefox (4): no copy, cut or drag out of the masked key field', () => kit.withPage(maskedKeyNotCopied));

test('firefox (5): a typo in the year (2O19) is refused in French, never run with the default', () => kit.withPage(yearTypoRefused));

test('firefox: the printed findings table keeps every column', () => kit.withPage(printKeepsEveryColumn));

test('firefox: the key field is emptied after the run', () => keyEmptiedAfterRun(kit));
