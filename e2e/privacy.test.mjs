// Privacy in Chromium: during a full pseudonymisation, the page makes no request but itself
// and its blob: worker, and no CSP violation happens (page or worker) — with positive
// controls: test-only builds whose worker tries a fetch, or whose page loads an external
// image, must be caught by the very same checks (e2e/scenarios.mjs `privacyTests`, also run
// in Firefox by e2e/firefox/privacy.test.mjs). After a run, the key is in no storage.
//
// axe-core never runs here (it needs bypassCSP, which would void these checks).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, chooseMode, runFile, generate, KEY } from './helpers.mjs';
import { privacyTests } from './scenarios.mjs';

/** Everything that could show a leak, gathered from every channel Chromium gives. */
const { browser, server } = privacyTests({
  launch,
  async watch(b, url) {
    const context = await b.newContext();
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    const { page, log } = await openPage(context, url);
    return {
      page,
      close: () => context.close(),
      reported: () => log.console.filter((m) => /Content Security Policy|Refused to/i.test(m.text)).map((m) => m.text),
      foreign: () => [...new Set([...requests, ...log.requests])].filter((r) => r !== url && !r.startsWith('blob:')),
    };
  },
});

async function pseudonymise(page, file) {
  await chooseMode(page, 'pseudonymise');
  return runFile(page, file, { key: KEY });
}

test('after a run, the key is in no storage (local, session, IndexedDB, cookies, Cache Storage)', async () => {
  const input = generate('privacy.csv', { rows: 500, seed: 7 });
  const context = await browser().newContext();
  try {
    const { page } = await openPage(context, `${server().base}/`);
    const status = await pseudonymise(page, input);
    assert.match(status, /terminé/);
    const dump = await page.evaluate(async () => {
      const all = (s) => Object.fromEntries(Object.keys(s).map((k) => [k, s.getItem(k)]));
      return {
        local: all(localStorage),
        session: all(sessionStorage),
        idb: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
        caches: self.caches ? await caches.keys() : [],
        cookie: document.cookie,
      };
    });
    const state = await context.storageState();
    assert.deepEqual(dump.idb, []);
    assert.deepEqual(dump.caches, []);
    assert.equal(dump.cookie, '');
    assert.deepEqual(state.cookies, []);
    assert.deepEqual(Object.keys(dump.session), []);
    // Only the column mapping may be remembered, and only when the mapping step was used.
    for (const k of Object.keys(dump.local)) assert.equal(k, 'olinpe.correspondance.v1');
    const everything = JSON.stringify([dump, state]);
    assert.ok(!everything.includes(KEY), 'key absent from every storage');
  } finally {
    await context.close();
  }
});
