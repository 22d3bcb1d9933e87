// Privacy in Firefox ESR (docs/spec/INTERFACES.md, "Supported browsers"): the scenarios of
// e2e/scenarios.mjs `privacyTests`, positive controls included. The evidence is what Firefox
// gives: the page's recorded CSP violations (page and both workers), `pageerror` (Firefox
// reports each violation as a BiDi log entry) and, over http, the local server's own request
// log; `request` events show neither file: nor blob: URLs, so they are not evidence here.

import { privacyTests } from '../scenarios.mjs';
import { launchFirefox, newContext, openPage } from './helpers.mjs';

privacyTests({
  prefix: 'firefox: ',
  launch: launchFirefox,
  async watch(browser, url) {
    const context = await newContext(browser);
    const { page, log } = await openPage(context, url);
    return {
      page,
      close: () => context.close(),
      reported: () => log.errors.slice(),
      // Every request reaches the local server or nothing: its log is read by the scenario.
      foreign: () => [],
    };
  },
});
