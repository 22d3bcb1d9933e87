// Shared helpers of the browser tests: launching Chromium, serving the built page with its
// CSP, building the test-only leak variants, producing input files with the CLI, and driving
// the page as a person would.

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

/** Clicks a download hook and returns the downloaded bytes. */
export async function download(page, testid) {
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 60000 }),
    page.click(`[data-testid=${testid}]`),
  ]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

export async function screenshot(page, name) {
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: join(OUT, name), fullPage: true });
}
