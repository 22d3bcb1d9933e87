// Shared helpers of the browser tests: launching Chromium, serving the built page with its
// CSP, building the test-only leak variants, producing input files with the CLI, and driving
// the page as a person would.

import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
export const OUT = join(ROOT, 'e2e', 'out');
export const PAGE = join(DIST, 'olinpe.html');

/** Dummy keys only (COMMON.md): never a real key in tests. */
export const KEY = 'CLE_DE_TEST';
export const OBS_KEY = 'CLE_OBS_TEST';
export const EXPORT_DATE = '2025-01-15';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** The production page must exist (scripts/test-e2e.sh builds it). */
export function requirePage() {
  if (!existsSync(PAGE)) throw new Error('dist/olinpe.html absent : lancez scripts/build-all.sh');
  return PAGE;
}

/**
 * One browser for a test file: `start()` (Chromium's `launch`, or Firefox's) once the page is
 * there, closed after the file's tests. Returns a getter of the browser.
 */
export function useBrowser(start = launch) {
  let browser;
  before(async () => {
    requirePage();
    browser = await start();
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}

/**
 * The scenarios' kit in Chromium (e2e/scenarios.mjs): each page in a fresh context that
 * accepts downloads, from disk unless told.
 */
export function chromiumKit(browser) {
  return {
    async withPage(fn, url = fileUrl(PAGE)) {
      const context = await browser().newContext({ acceptDownloads: true });
      try {
        const { page, log } = await openPage(context, url);
        await fn(page, log);
      } finally {
        await context.close();
      }
    },
    download,
    downloadBy,
  };
}

/** Builds (once per process) a test-only variant whose code tries to reach the network. */
const leakBuilds = new Map();
export async function leakPage(kind) {
  if (!leakBuilds.has(kind)) {
    const { build } = await import(pathToFileURL(join(ROOT, 'scripts', 'build-page.mjs')).href);
    const out = join(DIST, 'test', `olinpe-leak-${kind}.html`);
    build({ out, leak: kind });
    leakBuilds.set(kind, out);
  }
  return leakBuilds.get(kind);
}

/**
 * Serves `files` (url path → file path) on 127.0.0.1, port 0, each HTML page with the CSP of
 * its `.csp` sibling as a header, as `olinpe serve` does. Records every request it gets.
 */
export async function serve(files) {
  const requests = [];
  const server = createServer((req, res) => {
    requests.push(req.url);
    const file = files[req.url.split('?')[0]];
    if (!file) { res.writeHead(404); res.end(); return; }
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    const csp = file.replace(/\.html$/, '.csp');
    if (existsSync(csp)) headers['content-security-policy'] = readFileSync(csp, 'utf8').trim();
    res.writeHead(200, headers);
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, requests, close: () => new Promise((ok) => server.close(ok)) };
}

export function fileUrl(path) {
  return pathToFileURL(path).href;
}

export function tempDir(prefix = 'olinpe-e2e-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

// --- the command line ------------------------------------------------------------------

let cliPath = null;
/** The CLI binary: `OLINPE_BIN`, else built once with cargo (release). */
export function cli() {
  if (cliPath) return cliPath;
  if (process.env.OLINPE_BIN) {
    cliPath = process.env.OLINPE_BIN;
  } else {
    execFileSync('cargo', ['build', '--release', '--bin', 'olinpe', '--quiet'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const target = process.env.CARGO_TARGET_DIR || join(ROOT, 'target');
    cliPath = join(target, 'release', 'olinpe');
  }
  return cliPath;
}

/** Runs the CLI; returns {status, stdout, stderr} without throwing on a non-zero status. */
export function runCli(args, env = {}) {
  try {
    const stdout = execFileSync(cli(), args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
    return { status: 0, stdout, stderr: '' };
  } catch (e) {
    if (typeof e.status !== 'number') throw e;
    return { status: e.status, stdout: e.stdout, stderr: String(e.stderr) };
  }
}

/** Generates an input file with `olinpe generate` (cached per arguments in one process). */
const generated = new Map();
export function generate(name, { rows = 200, seed = 1, nominative = true, errorRate = null } = {}) {
  const key = JSON.stringify([name, rows, seed, nominative, errorRate]);
  if (generated.has(key)) return generated.get(key);
  const dir = tempDir('olinpe-gen-');
  const out = join(dir, name);
  const args = ['generate', '--rows', String(rows), '--seed', String(seed), '--out', out];
  if (nominative) args.push('--nominative');
  if (errorRate !== null) args.push('--error-rate', String(errorRate));
  const r = runCli(args);
  if (r.status !== 0 || !existsSync(out)) throw new Error(`olinpe generate a échoué (${r.status}) : ${r.stderr}`);
  generated.set(key, out);
  return out;
}

// --- driving the page ------------------------------------------------------------------

/** Opens the page and waits until the worker's engine is ready. */
export async function openPage(context, url) {
  const page = await context.newPage();
  const log = { console: [], errors: [], requests: [] };
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.errors.push(e.message));
  page.on('request', (r) => log.requests.push(r.url()));
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('version').textContent !== '', null, { timeout: 20000 });
  return { page, log };
}

export async function chooseMode(page, mode) {
  await page.click(`[data-testid=mode-${mode}]`);
}

/** Runs the current mode on `file` and waits for the end; returns the status text. */
export async function runFile(page, file, { key = null, withDay = false, uppercase = false, year = null, exportDate = EXPORT_DATE, timeout = 60000 } = {}) {
  await page.setInputFiles('[data-testid=file-input]', file);
  if (key !== null) await page.fill('[data-testid=key-input]', key);
  // The design system draws the checkbox on its label, which is what a person clicks.
  for (const [on, id] of [[withDay, 'option-with-day'], [uppercase, 'option-uppercase']]) {
    if (on && !(await page.isChecked(`[data-testid=${id}]`))) await page.click(`label[for=${id}]`);
    if (on && !(await page.isChecked(`[data-testid=${id}]`))) throw new Error(`${id} not checked`);
  }
  if (year !== null) await page.fill('[data-testid=year-input]', String(year));
  if (await page.isVisible('[data-testid=export-date-input]')) await page.fill('[data-testid=export-date-input]', exportDate);
  await page.click('[data-testid=run]:not([disabled])');
  await page.waitForFunction(() => /terminé|annulé|échec/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout });
  return page.textContent('[data-testid=status]');
}

/**
 * Clicks `selector` and returns the file it downloads: `{name, bytes}`. Under heavy load,
 * Chromium was seen (twice in a few hundred downloads, never when re-run) not to start the
 * download of a link clicked after many others: no download within 30 s, the link is clicked
 * once more, as a person would, and the miss is written to stderr.
 */
export async function downloadBy(page, selector) {
  for (let attempt = 1; ; attempt++) {
    try {
      const [dl] = await Promise.all([
        page.waitForEvent('download', { timeout: 30000 }),
        page.click(selector),
      ]);
      const path = await dl.path();
      return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
    } catch (e) {
      if (attempt >= 2 || !/Timeout/.test(String(e && e.message))) throw e;
      process.stderr.write(`downloadBy: no download after a click on ${selector} within 30 s; clicked again\n`);
    }
  }
}

/** The transmission files, which a `bloquant` run offers only after a confirmation. */
const TRANSMISSION = new Set(['download-xml', 'download-csv', 'download-odpe-xml']);

/**
 * Clicks a download hook and returns the downloaded file. A transmission file of a
 * `bloquant` run is behind « afficher quand même » (`confirm-transmission`): the helper
 * confirms first, as a person would (e2e/verdict.test.mjs tests the confirmation itself).
 */
export async function download(page, testid) {
  if (TRANSMISSION.has(testid) && await page.locator('[data-testid=confirm-transmission]').count()) {
    await page.click('[data-testid=confirm-transmission]');
  }
  return downloadBy(page, `[data-testid=${testid}]`);
}

export async function screenshot(page, name) {
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: join(OUT, name), fullPage: true });
}

// --- measuring the page (bench/page.mjs, e2e/stress.test.mjs) -----------------------------

// (imports are hoisted; kept here so the section above stays as it was)
import { readdirSync } from 'node:fs';

/**
 * Init script (runs before the page's own script, whatever the CSP): records main-thread long
 * tasks (`PerformanceObserver('longtask')`), the time of the last click on `run` and on
 * `cancel`, and the first time after that the status says the run ended or was cancelled.
 */
function measureInit() {
  window.__olpLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__olpLongTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (_) {
    window.__olpLongTasks = null; // no long-task API: reported as such, never as "0 ms"
  }
  const clock = { run: null, ended: null, cancel: null, cancelled: null };
  window.__olpClock = clock;
  document.addEventListener('click', (e) => {
    const el = e.target && e.target.closest ? e.target.closest('[data-testid]') : null;
    if (!el) return;
    if (el.dataset.testid === 'run') Object.assign(clock, { run: performance.now(), ended: null, cancel: null, cancelled: null });
    if (el.dataset.testid === 'cancel') Object.assign(clock, { cancel: performance.now(), cancelled: null });
  }, true);
  const watch = () => {
    const status = document.querySelector('[data-testid=status]');
    if (!status) return;
    new MutationObserver(() => {
      const text = status.textContent;
      if (clock.run !== null && clock.ended === null && /Traitement terminé|échec/.test(text)) clock.ended = performance.now();
      if (clock.cancel !== null && clock.cancelled === null && /annulé/.test(text)) clock.cancelled = performance.now();
    }).observe(status, { childList: true, characterData: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch);
  else watch();
}

/** Installs the measuring init script on a browser context (before any page opens). */
export async function instrument(context) {
  await context.addInitScript(measureInit);
}

/** The page's clock (ms, `performance.now()`), and the long tasks seen so far. */
export async function measures(page) {
  return page.evaluate(() => ({ clock: { ...window.__olpClock }, longTasks: window.__olpLongTasks && window.__olpLongTasks.slice() }));
}

/**
 * Observes the worker's WebAssembly memory. The wasm-bindgen glue reads `memory.buffer`
 * again whenever memory grew, so a getter installed on `WebAssembly.Memory.prototype`
 * (through the DevTools protocol, which the CSP does not govern) catches the engine's
 * memory at its first growth. Wasm memory never shrinks: its size after a run is the
 * run's peak. Returns `bytes()` (null while no growth was seen).
 */
export async function watchWasmMemory(page) {
  // The engine worker and its helper (www/main.js): both start with the page.
  if (page.workers().length === 0) await page.waitForEvent('worker');
  for (let i = 0; i < 50 && page.workers().length < 2; i += 1) await page.waitForTimeout(20);
  const workers = page.workers();
  await Promise.all(workers.map((w) => w.evaluate(() => {
    const buffer = Object.getOwnPropertyDescriptor(WebAssembly.Memory.prototype, 'buffer');
    Object.defineProperty(WebAssembly.Memory.prototype, 'buffer', {
      configurable: true,
      get() { self.__olpMemory = this; return buffer.get.call(this); },
    });
  })));
  const each = () => Promise.all(workers.map((w) => w.evaluate(() => (self.__olpMemory ? self.__olpMemory.buffer.byteLength : null)).catch(() => null)));
  return {
    /** The WebAssembly memory of every worker, summed (null when none was seen). */
    bytes: async () => {
      const all = (await each()).filter((b) => b !== null);
      return all.length ? all.reduce((a, b) => a + b, 0) : null;
    },
    /** Per worker, engine worker first. */
    each,
  };
}

/** Process ids of the Chromium renderers started by this Node process (from /proc). */
export function rendererPids() {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch (_) { /* the process ended meanwhile */ }
  }
  const out = [];
  const todo = [process.pid];
  while (todo.length) {
    const pid = todo.pop();
    for (const c of children.get(pid) || []) {
      todo.push(c);
      try {
        if (readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('--type=renderer')) out.push(c);
      } catch (_) { /* ended */ }
    }
  }
  return out;
}

/**
 * Resident memory of our renderers in bytes: `rss` now and `peak` (VmHWM, the kernel's
 * high-water mark of the process), the largest of our renderers for each. The page's
 * dedicated worker, and so the wasm memory, lives in its page's renderer process.
 */
export function rendererMemory() {
  let rss = 0;
  let peak = 0;
  for (const pid of rendererPids()) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (field) => Number((status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm')) || [])[1] || 0) * 1024;
      rss = Math.max(rss, kb('VmRSS'));
      peak = Math.max(peak, kb('VmHWM'));
    } catch (_) { /* ended */ }
  }
  return { rss, peak };
}

/** Samples `rendererMemory()` every `ms` until `stop()`, which returns the largest values. */
export function sampleMemory(ms = 200) {
  const max = { rss: 0, peak: 0 };
  const take = () => {
    const m = rendererMemory();
    max.rss = Math.max(max.rss, m.rss);
    max.peak = Math.max(max.peak, m.peak);
  };
  take();
  const timer = setInterval(take, ms);
  return { stop() { clearInterval(timer); take(); return { ...max }; } };
}
