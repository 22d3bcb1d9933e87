// Privacy in Firefox ESR (docs/spec/INTERFACES.md, "Supported browsers"): the scenarios of
// e2e/scenarios.mjs `privacyTests`, positive controls included. The evidence is what Firefox
// gives: the page's recorded CSP violations (page and both workers), `pageerror` (Firefox
// reports each violation as a BiDi log entry) and, over http, the local server's own request
// log; `request` events show neither file: nor blob: URLs, so they are not evidence here.

import { before, after } from 'node:test';
import { requirePage, serve, fileUrl, leakPage, PAGE } from '../helpers.mjs';
import { privacyTests } from '../scenarios.mjs';
import { launchFirefox, newContext, openPage } from './helpers.mjs';

let browser;
let server;
let leakFetch;
let leakImg;

before(async () => {
  requirePage();
  browser = await launchFirefox();
  leakFetch = await leakPage('fetch');
  leakImg = await leakPage('img');
  server = await serve({ '/': PAGE, '/leak-fetch': leakFetch, '/leak-img': leakImg });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function watch(url) {
  const context = await newContext(browser);
  const { page, log } = await openPage(context, url);
  return {
    page,
    close: () => context.close(),
    async evidence() {
      const violations = await page.evaluate(() => window.__olinpeCspViolations.slice());
      // Every request reaches the local server or nothing: its log is read by the scenario.
      return { violations, reported: log.errors.slice(), foreign: [] };
    },
  };
}

privacyTests({
  prefix: 'firefox: ',
  watch,
  server: () => server,
  origins: () => [
    ['http', `${server.base}/`, `${server.base}/leak-fetch`, `${server.base}/leak-img`],
    ['file', fileUrl(PAGE), fileUrl(leakFetch), fileUrl(leakImg)],
  ],
});
