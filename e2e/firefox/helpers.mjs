// The Firefox harness of the browser tests (docs/spec/INTERFACES.md, "Supported browsers"):
// Debian's firefox-esr, headless, driven over WebDriver BiDi by puppeteer-core, each browser
// with a fresh profile. Its pages get the few calls of Playwright's `Page` that the shared
// helpers and scenarios use (e2e/helpers.mjs `runFile`, `chooseMode`; e2e/scenarios.mjs), so
// one scenario runs in both browsers.
//
// What differs from Chromium, and how it is observed here:
// - downloads: no download event; the browser context saves them in its own folder, polled
//   for a complete file (`.part` files skipped);
// - CSP violations: the page's own list (`window.__olinpeCspViolations`, page and both
//   workers) and `pageerror` (Firefox reports each violation as a BiDi log entry);
// - requests: `request` events show neither `file:` nor `blob:` URLs, so over http the local
//   server's own log (e2e/helpers.mjs `serve`) is the ground truth;
// - no `evaluate` inside workers, no `longtask` entries, no CSP bypass for axe-core: the tests
//   that need them stay Chromium-only.

import puppeteer from 'puppeteer-core';
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, fileUrl, PAGE } from '../helpers.mjs';

export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';

/** Debian's Firefox ESR, headless over WebDriver BiDi, in a fresh temporary profile. */
export async function launchFirefox() {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} absent : lancez scripts/setup.sh (paquet Debian firefox-esr)`);
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    extraPrefsFirefox: {
      // Nothing of the browser's own reaches out while the tests run.
      'network.connectivity-service.enabled': false,
      'browser.region.network.url': '',
      'app.update.disabledForTesting': true,
    },
  });
}

/** A fresh browser context (its own storage) whose downloads go to a folder of its own. */
export async function newContext(browser) {
  const downloads = tempDir('olinpe-ff-dl-');
  const context = await browser.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloads } });
  context.olpDownloads = downloads;
  return context;
}

/** Opens `url` in `context`, waits until the engine is ready; `log`: console and page errors. */
export async function openPage(context, url) {
  const raw = await context.newPage();
  const log = { console: [], errors: [] };
  raw.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  raw.on('pageerror', (e) => log.errors.push(String((e && e.message) || e)));
  // A page that holds results asks before it is left (`beforeunload`): a test that reloads
  // means to leave it, as Playwright's Chromium does without asking.
  raw.on('dialog', (d) => { if (d.type() === 'beforeunload') d.accept().catch(() => {}); });
  await raw.goto(url);
  const page = new FirefoxPage(raw, context.olpDownloads);
  await page.waitForReady();
  return { page, log };
}

/** Runs `fn(page, log)` on `url` in a fresh context, closed afterwards. */
export async function withPage(browser, url, fn) {
  const context = await newContext(browser);
  try {
    const { page, log } = await openPage(context, url);
    await fn(page, log);
  } finally {
    await context.close();
  }
}

/**
 * The scenarios' kit in Firefox (e2e/scenarios.mjs), `browser` a getter: each page in a fresh
 * context, from disk unless told.
 */
export function firefoxKit(browser) {
  return {
    withPage: (fn, url = fileUrl(PAGE)) => withPage(browser(), url, fn),
    download,
    downloadBy,
  };
}

/** Clicks `selector` and returns the file it downloads: `{name, bytes}`. */
export async function downloadBy(page, selector, timeout = 60000) {
  const dir = page.downloads;
  const before = new Set(readdirSync(dir));
  await page.click(selector);
  const end = Date.now() + timeout;
  let last = null;
  for (;;) {
    const names = readdirSync(dir);
    const fresh = names.filter((n) => !before.has(n) && !n.endsWith('.part'));
    if (fresh.length > 1) throw new Error(`plusieurs téléchargements : ${fresh.join(', ')}`);
    if (fresh.length === 1 && !names.some((n) => n.endsWith('.part'))) {
      const path = join(dir, fresh[0]);
      const size = statSync(path).size;
      // Complete when no part file is left and the size held for one poll.
      if (last && last.name === fresh[0] && last.size === size) {
        const bytes = readFileSync(path);
        unlinkSync(path); // a later download of the same name keeps its name
        return { name: fresh[0], bytes };
      }
      last = { name: fresh[0], size };
    }
    if (Date.now() > end) throw new Error(`aucun téléchargement après un clic sur ${selector}`);
    await sleep(100);
  }
}

/** Clicks a download hook and returns the downloaded file, as e2e/helpers.mjs `download`. */
export async function download(page, testid) {
  // A `bloquant` run's transmission files are behind « afficher quand même », as in
  // e2e/helpers.mjs: confirm first, as a person would.
  if (['download-xml', 'download-csv', 'download-odpe-xml'].includes(testid)
    && await page.locator('[data-testid=confirm-transmission]').count()) {
    await page.click('[data-testid=confirm-transmission]');
  }
  return downloadBy(page, `[data-testid=${testid}]`);
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** `sel:visible` (Playwright's pseudo-class) → the CSS selector and whether to wait for it shown. */
function parse(selector) {
  return selector.endsWith(':visible') ? { css: selector.slice(0, -':visible'.length), visible: true } : { css: selector, visible: true };
}

/** Playwright's key names in a chord (`Control+A`) as Puppeteer's. */
const KEY = { Control: 'Control', Shift: 'Shift', Alt: 'Alt' };

/**
 * A Puppeteer page with the calls of Playwright's `Page` the shared helpers use. Like
 * Playwright, actions wait for their element to be shown; reads do not wait.
 */
class FirefoxPage {
  constructor(raw, downloads) {
    this.raw = raw;
    this.downloads = downloads;
    this.keyboard = {
      type: (text) => raw.keyboard.type(text),
      press: async (chord) => {
        const keys = chord.split('+');
        const key = keys.pop();
        for (const k of keys) await raw.keyboard.down(KEY[k] || k);
        await raw.keyboard.press(key.length === 1 ? key.toLowerCase() : key);
        for (const k of keys.reverse()) await raw.keyboard.up(KEY[k] || k);
      },
    };
  }

  waitForReady() {
    return this.raw.waitForFunction(() => document.getElementById('version').textContent !== '', { timeout: 30000, polling: 100 });
  }

  async element(selector, { visible = true, timeout = 30000 } = {}) {
    return this.raw.waitForSelector(parse(selector).css, { visible, timeout });
  }

  async click(selector) {
    const el = await this.element(selector);
    await el.click();
  }

  async focus(selector) {
    await (await this.element(selector)).focus();
  }

  /** Sets the value as Playwright's `fill` does (input and change events). */
  async fill(selector, value) {
    const el = await this.element(selector);
    await el.evaluate((e, v) => {
      e.focus();
      e.value = v;
      e.dispatchEvent(new Event('input', { bubbles: true }));
      e.dispatchEvent(new Event('change', { bubbles: true }));
    }, String(value));
  }

  /** Chooses files in a file input (WebDriver BiDi `input.setFiles`: input and change events). */
  async setInputFiles(selector, files) {
    const el = await this.element(selector, { visible: false });
    await el.uploadFile(...[files].flat());
  }

  async selectOption(selector, value) {
    await this.element(selector);
    await this.raw.select(parse(selector).css, value);
  }

  /** Runs `fn(element, arg)` on the element now (null when there is none). */
  async read(selector, fn, arg) {
    const el = await this.raw.$(parse(selector).css);
    if (!el) return null;
    try {
      return await el.evaluate(fn, arg);
    } finally {
      await el.dispose();
    }
  }

  textContent(selector) { return this.read(selector, (el) => el.textContent); }

  getAttribute(selector, name) { return this.read(selector, (el, n) => el.getAttribute(n), name); }

  inputValue(selector) { return this.read(selector, (el) => el.value); }

  isChecked(selector) { return this.read(selector, (el) => el.checked); }

  isDisabled(selector) { return this.read(selector, (el) => el.disabled); }

  async isVisible(selector) {
    return Boolean(await this.read(selector, (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'));
  }

  locator(selector) {
    const css = parse(selector).css;
    return { count: () => this.raw.$$eval(css, (xs) => xs.length) };
  }

  evaluate(fn, arg) { return this.raw.evaluate(fn, arg); }

  $$eval(selector, fn, arg) { return this.raw.$$eval(selector, fn, arg); }

  /** Playwright's order: `(fn, arg, options)`. */
  waitForFunction(fn, arg, options = {}) {
    return this.raw.waitForFunction(fn, { timeout: options.timeout || 30000, polling: 100 }, arg);
  }

  waitForSelector(selector, options = {}) {
    return this.element(selector, { visible: options.state !== 'attached', timeout: options.timeout || 30000 });
  }

  waitForTimeout(ms) { return sleep(ms); }

  async reload() {
    await this.raw.reload();
    await this.waitForReady();
  }

  async pdf(options) { return Buffer.from(await this.raw.pdf(options)); }

  screenshot(options) { return this.raw.screenshot(options); }
}
