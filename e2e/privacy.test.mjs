// Privacy: during a full pseudonymisation, the page makes no request but itself and its
// blob: worker, and no CSP violation happens (page or worker) — with positive controls:
// test-only builds whose worker tries a fetch, or whose page loads an external image, must
// be caught by the very same checks. After a run, the key is in no storage.
//
// axe-core never runs here (it needs bypassCSP, which would void these checks).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, requirePage, serve, fileUrl, openPage, chooseMode, runFile, generate, leakPage, tempDir, PAGE, KEY } from './helpers.mjs';

let browser;
let server;
let leakFetch;
let leakImg;

before(async () => {
  requirePage();
  browser = await launch();
  leakFetch = await leakPage('fetch');
  leakImg = await leakPage('img');
  server = await serve({ '/': PAGE, '/leak-fetch': leakFetch, '/leak-img': leakImg });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Everything that could show a leak, gathered from every channel we have. */
async function watch(context, url) {
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const { page, log } = await openPage(context, url);
  return {
    page,
    async evidence() {
      const violations = await page.evaluate(() => window.__olinpeCspViolations.slice());
      const cspConsole = log.console.filter((m) => /Content Security Policy|Refused to/i.test(m.text)).map((m) => m.text);
      const foreign = [...new Set([...requests, ...log.requests])].filter((r) => r !== url && !r.startsWith('blob:'));
      return { violations, cspConsole, foreign };
    },
  };
}

function tinyCsv() {
  const dir = tempDir();
  const path = join(dir, 'petit.csv');
  writeFileSync(path, 'NUMDEP;TYPEV;PRENOM;NOMMERE;ANAIS;MNAIS\n075;1;Jeanne;Martin;2010;05\n');
  return path;
}

/** A file big enough to be checked on two workers (≥ 12 MiB), generated once. */
let big = null;
function bigCsv() {
  big = big || generate('privacy-gros.csv', { rows: 60000, seed: 9, nominative: false });
  return big;
}

async function pseudonymise(page, file) {
  await chooseMode(page, 'pseudonymise');
  return runFile(page, file, { key: KEY });
}

const origins = () => [
  ['http', `${server.base}/`, `${server.base}/leak-fetch`, `${server.base}/leak-img`],
  ['file', fileUrl(PAGE), fileUrl(leakFetch), fileUrl(leakImg)],
];

for (const i of [0, 1]) {
  const label = ['http', 'file'][i];

  test(`${label}: a full pseudonymisation makes no request and no CSP violation`, async () => {
    const [, url] = origins()[i];
    const input = generate('privacy.csv', { rows: 500, seed: 7 });
    const before = server.requests.length;
    const context = await browser.newContext();
    try {
      const w = await watch(context, url);
      const status = await pseudonymise(w.page, input);
      assert.match(status, /terminé/, `run ended: ${status} ${await w.page.textContent('[data-testid=error-message]')}`);
      await w.page.waitForTimeout(300); // let any late violation report arrive
      const ev = await w.evidence();
      assert.deepEqual(ev, { violations: [], cspConsole: [], foreign: [] });
      if (label === 'http') assert.deepEqual(server.requests.slice(before), ['/']);
    } finally {
      await context.close();
    }
  });

  test(`${label}: a check on two workers makes no request and no CSP violation`, async () => {
    const [, url] = origins()[i];
    const before = server.requests.length;
    const context = await browser.newContext();
    try {
      const w = await watch(context, url);
      await chooseMode(w.page, 'check');
      const status = await runFile(w.page, bigCsv());
      assert.match(status, /terminé/, `run ended: ${status}`);
      // The helper worker read part of the file (www/helper-worker.js, "Two workers").
      assert.equal(await w.page.getAttribute('[data-testid=summary]', 'data-workers'), '2');
      await w.page.waitForTimeout(300);
      const ev = await w.evidence();
      assert.deepEqual(ev, { violations: [], cspConsole: [], foreign: [] });
      if (label === 'http') assert.deepEqual(server.requests.slice(before), ['/']);
    } finally {
      await context.close();
    }
  });

  test(`${label}: positive control — a worker fetch is caught`, async () => {
    const [, , url] = origins()[i];
    const context = await browser.newContext();
    try {
      const w = await watch(context, url);
      await pseudonymise(w.page, tinyCsv());
      await w.page.waitForFunction(() => window.__olinpeCspViolations.length > 0, null, { timeout: 5000 }).catch(() => {});
      const ev = await w.evidence();
      assert.ok(ev.violations.some((v) => v.where === 'worker' && /connect-src/.test(v.directive)),
        `worker violation recorded: ${JSON.stringify(ev)}`);
      assert.ok(ev.violations.some((v) => v.where === 'helper' && /connect-src/.test(v.directive)),
        `helper worker violation recorded: ${JSON.stringify(ev)}`);
      assert.ok(ev.violations.length + ev.cspConsole.length + ev.foreign.length > 0);
    } finally {
      await context.close();
    }
  });

  test(`${label}: positive control — an external image on the page is caught`, async () => {
    const [, , , url] = origins()[i];
    const context = await browser.newContext();
    try {
      const w = await watch(context, url);
      await pseudonymise(w.page, tinyCsv());
      await w.page.waitForFunction(() => window.__olinpeCspViolations.length > 0, null, { timeout: 5000 }).catch(() => {});
      const ev = await w.evidence();
      assert.ok(ev.violations.some((v) => v.where === 'page' && /img-src/.test(v.directive)),
        `page violation recorded: ${JSON.stringify(ev)}`);
      assert.ok(ev.cspConsole.length > 0, 'console CSP error seen too');
    } finally {
      await context.close();
    }
  });
}

test('after a run, the key is in no storage (local, session, IndexedDB, cookies, Cache Storage)', async () => {
  const input = generate('privacy.csv', { rows: 500, seed: 7 });
  const context = await browser.newContext();
  try {
    const { page } = await openPage(context, `${server.base}/`);
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
