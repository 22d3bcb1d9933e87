// The page in Firefox ESR: a check and a pseudonymisation whose every download is the CLI's
// file byte for byte, a check with last year's file (the continuity section, its chart, its
// JSON = the CLI's), the column-mapping step, the dictionary — the scenarios of
// e2e/scenarios.mjs that the Chromium tests run too (e2e/parity.test.mjs, e2e/run.test.mjs,
// e2e/continuity.test.mjs, e2e/dictionary.test.mjs).
//
// Chromium-only, and why: axe-core (e2e/a11y.test.mjs, the dictionary's axe test) is injected
// with a CSP bypass that Firefox's BiDi does not offer; the wasm memory and the helper worker
// closed on purpose (e2e/stress.test.mjs, e2e/parity.test.mjs) need `evaluate` inside
// workers; the main-thread long tasks (bench/page.mjs) need `longtask` entries, which Firefox
// does not make; the hosting tests (e2e/hosting.test.mjs) check the servers, not the browser.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from '../helpers.mjs';
import { checkMatchesCli, PSEUDO_CASES, pseudonymiseMatchesCli, mappingStep, mappingMatchesEngine, notOlinpeRefused, dictionaryEntries, dictionarySearch, continuityMatchesCli } from '../scenarios.mjs';
import { launchFirefox, firefoxKit } from './helpers.mjs';

const firefox = firefoxKit(useBrowser(launchFirefox));
/** As `firefox`, and no page error may happen. */
const kit = {
  ...firefox,
  withPage: (fn, url) => firefox.withPage(async (page, log) => {
    await fn(page, log);
    assert.deepEqual(log.errors, [], 'no page error');
  }, url),
};

test('firefox: check — report JSON and findings CSV, byte for byte', () => checkMatchesCli(kit));

for (const c of PSEUDO_CASES) {
  test(`firefox: pseudonymise (${c.label}) — every output, byte for byte`, () => pseudonymiseMatchesCli(kit, c));
}

test('firefox: check with last year\'s file — the continuity section, its verdict, its chart, the JSON as the CLI\'s', () => continuityMatchesCli(kit));

test('firefox: mapping step — shown for unknown headers, exported, remembered and imported', () => mappingStep(kit));

test('firefox: mapping step — the engine\'s matching of the shared table, read as the command line reads it', () => mappingMatchesEngine(kit));

test('firefox: no Olinpe file (an image, an unrelated table) refused at once, without a mapping table', () => notOlinpeRefused(kit));

test('firefox: dictionary — 105 variables and UTDP, grouped by block, each with its fields', () => kit.withPage((page) => dictionaryEntries(page)));

test('firefox: dictionary — the search filters by code, label and modality', () => kit.withPage((page) => dictionarySearch(page)));
