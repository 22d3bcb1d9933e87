// Hosting (docs/hosting.md): the page behind Debian's nginx configured with the deployment kit,
// step by step as the documentation says — `deploy/install.sh dist/olinpe.html DEST`, then a
// server { } block that includes the file install.sh wrote and deploy/nginx/olinpe.conf (this
// very file, not a copy); an update is install.sh again, `nginx -t`, then a reload. nginx runs
// on 127.0.0.1, on a free port, with its pid, logs and temporary folders in a temporary folder
// (workers as `nobody` when the tests run as root, as in CI).
//
// Checked: the response headers; nothing but the page is served; a full pseudonymisation makes
// no request and no CSP violation, and nginx's access log shows the page's own GET only; the
// header's frame-ancestors keeps the page out of frames; every load is revalidated, so an
// update is seen at once; the positive controls (test-only builds that try a fetch or an
// external image), installed as updates, are caught.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { launch, requirePage, openPage, chooseMode, runFile, generate, leakPage, tempDir, ROOT, PAGE, KEY } from './helpers.mjs';

const NGINX = process.env.NGINX || '/usr/sbin/nginx';
const KIT = join(ROOT, 'deploy', 'nginx', 'olinpe.conf');

let tmp;
let dest;
let base;
let nginx;
let nginxExit = null;
let browser;
let leakFetch;
let leakImg;

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const publishedSha = (page) => readFileSync(`${page}.sha256`, 'utf8').split(/\s+/)[0];
const headerCsp = (page) => `${readFileSync(page.replace(/\.html$/, '.csp'), 'utf8').trim()}; frame-ancestors 'none'`;
const builtInfo = (page) => /data-testid="build-info">([^<]*)</.exec(readFileSync(page, 'utf8'))[1];

function freePort() {
  return new Promise((ok, ko) => {
    const s = createServer();
    s.on('error', ko);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
  });
}

const nginxArgs = (...extra) => ['-p', tmp, '-c', join(tmp, 'nginx.conf'), '-e', join(tmp, 'error.log'), ...extra];
const errorLog = () => (existsSync(join(tmp, 'error.log')) ? readFileSync(join(tmp, 'error.log'), 'utf8') : '');

/** docs/hosting.md, « Installer » and « Mettre à jour »: install.sh, then nginx -t. */
function install(page) {
  execFileSync('bash', ['deploy/install.sh', relativeToRoot(page), dest], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  execFileSync(NGINX, nginxArgs('-t'), { stdio: ['ignore', 'ignore', 'pipe'] });
}

function relativeToRoot(path) {
  return path.startsWith(`${ROOT}/`) ? path.slice(ROOT.length + 1) : path;
}

/** One HTTP request on a fresh connection; the body as bytes. */
function get(path, { method = 'GET', headers = {} } = {}) {
  return new Promise((ok, ko) => {
    const req = request(`${base}${path}`, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', ko);
    req.end();
  });
}

/** nginx's access log (combined format): method, path, status and user agent of each line. */
function accessLog() {
  const file = join(tmp, 'access.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
    const m = /"(\S+) (\S+) HTTP\/[\d.]+" (\d{3}) .* "([^"]*)"$/.exec(line);
    assert.ok(m, `access log line: ${line}`);
    return { method: m[1], path: m[2], status: Number(m[3]), agent: m[4] };
  });
}
const browserLines = (lines) => lines.filter((l) => /Chrome/.test(l.agent)).map(({ method, path, status }) => ({ method, path, status }));

/** The titles of the processes our nginx master started (from /proc). */
function nginxWorkers() {
  const titles = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === nginx.pid) titles.push(readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim());
    } catch (_) { /* the process ended meanwhile */ }
  }
  return titles;
}

/**
 * Reloads nginx after an install and waits until the new version is what it serves and the
 * old workers are gone: until then, an old worker may still answer, with the old version, on
 * a connection the browser kept open — the reload itself, not a cache.
 */
async function reloadServing(page) {
  execFileSync(NGINX, nginxArgs('-s', 'reload'), { stdio: ['ignore', 'ignore', 'pipe'] });
  const want = headerCsp(page);
  for (let i = 0; i < 150; i += 1) {
    const r = await get('/', { method: 'HEAD' });
    const workers = nginxWorkers();
    if (r.headers['content-security-policy'] === want && workers.length === 1 && !/shutting down/.test(workers[0])) return;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.fail(`nginx still serves the old version after its reload (${nginxWorkers().join(', ')})\n${errorLog()}`);
}

before(async () => {
  requirePage();
  if (!existsSync(NGINX)) throw new Error(`${NGINX} absent : lancez scripts/test-e2e.sh, qui installe nginx (paquet Debian)`);
  tmp = tempDir('olinpe-nginx-');
  chmodSync(tmp, 0o755); // nginx's workers run as `nobody` when the tests run as root
  dest = join(tmp, 'srv');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // The top-level file stands for the host's own nginx.conf (as Debian's: mime.types, a default
  // type); the server { } block is the one of docs/hosting.md, on 127.0.0.1 without TLS.
  writeFileSync(join(tmp, 'nginx.conf'), `daemon off;
worker_processes 1;
pid ${tmp}/nginx.pid;
error_log ${tmp}/error.log warn;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${tmp}/access.log combined;
    client_body_temp_path ${tmp}/body;
    proxy_temp_path ${tmp}/proxy;
    fastcgi_temp_path ${tmp}/fastcgi;
    uwsgi_temp_path ${tmp}/uwsgi;
    scgi_temp_path ${tmp}/scgi;

    server {
        listen 127.0.0.1:${port};
        server_name localhost;
        include ${dest}/olinpe.nginx.conf;
        include ${KIT};
    }
}
`);
  install(PAGE);
  nginx = spawn(NGINX, nginxArgs(), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  nginx.stderr.on('data', (d) => { stderr += d; });
  nginx.on('exit', (code) => { nginxExit = code; });
  for (let i = 0; ; i += 1) {
    if (nginxExit !== null) throw new Error(`nginx s'est arrêté (${nginxExit}) : ${stderr}${errorLog()}`);
    try {
      if ((await get('/', { method: 'HEAD' })).status === 200) break;
    } catch (_) { /* not listening yet */ }
    if (i > 100) throw new Error(`nginx ne répond pas sur ${base}\n${errorLog()}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
  browser = await launch();
  leakFetch = await leakPage('fetch');
  leakImg = await leakPage('img');
});

after(async () => {
  await browser?.close();
  if (nginx && nginxExit === null) {
    const exited = new Promise((ok) => nginx.once('exit', ok));
    nginx.kill('SIGQUIT'); // graceful stop of the master we started, and of its workers
    await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5000))]);
    if (nginxExit === null) nginx.kill('SIGKILL');
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Everything that could show a leak (as e2e/privacy.test.mjs gathers it). */
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

async function pseudonymise(page, file) {
  await chooseMode(page, 'pseudonymise');
  return runFile(page, file, { key: KEY });
}

function tinyCsv() {
  const path = join(tempDir(), 'petit.csv');
  writeFileSync(path, 'NUMDEP;TYPEV;PRENOM;NOMMERE;ANAIS;MNAIS\n075;1;Jeanne;Martin;2010;05\n');
  return path;
}

const metaCsp = (page) => page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);

test('the documentation shows the very commands and lines this test uses', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'hosting.md'), 'utf8');
  for (const line of [
    'deploy/install.sh dist/olinpe.html /srv/olinpe',
    'include /srv/olinpe/olinpe.nginx.conf;',
    'include /opt/olinpe/deploy/nginx/olinpe.conf;',
    'nginx -t && sudo systemctl reload nginx',
    'certutil -hashfile olinpe.html SHA256',
    'Get-FileHash olinpe.html',
    'sha256sum -c olinpe.html.sha256',
  ]) assert.ok(doc.includes(line), `docs/hosting.md shows: ${line}`);
});

test('nginx with the kit: the page with its headers, revalidated, and nothing else', async () => {
  const r = await get('/');
  assert.equal(r.status, 200);
  assert.equal(sha256(r.body), publishedSha(PAGE), 'the bytes served are the published page');
  assert.deepEqual(r.body, readFileSync(PAGE));
  const h = r.headers;
  assert.equal(h['content-type'], 'text/html; charset=utf-8');
  assert.equal(h['content-security-policy'], headerCsp(PAGE));
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(r.body.toString('utf8'))[1];
  assert.equal(h['content-security-policy'], `${meta}; frame-ancestors 'none'`, 'the header is the page\'s own CSP + frame-ancestors');
  assert.equal(h['x-content-type-options'], 'nosniff');
  assert.equal(h['referrer-policy'], 'no-referrer');
  assert.equal(h['cache-control'], 'no-cache');
  assert.match(h.etag, /^"[^"]+"$/);
  assert.equal(h.expires, undefined);

  const again = await get('/olinpe.html');
  assert.equal(again.status, 200);
  assert.equal(sha256(again.body), publishedSha(PAGE));

  const revalidated = await get('/', { headers: { 'if-none-match': h.etag } });
  assert.equal(revalidated.status, 304);
  assert.equal(revalidated.headers['cache-control'], 'no-cache');

  const gz = await get('/', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(sha256(gunzipSync(gz.body)), publishedSha(PAGE), 'a client that decompresses saves the same bytes');
  assert.ok(gz.body.length < r.body.length / 2);

  for (const path of ['/olinpe.csp', '/olinpe.html.sha256', '/olinpe.nginx.conf', '/olinpe.apache.conf', '/versions/',
    '/index.html', '/olinpe.html/', '/olinpe.htm', '/x', '/.git/config', '/favicon.ico']) {
    const other = await get(path);
    assert.equal(other.status, 404, `${path} → ${other.status}`);
    assert.ok(other.body.length < 1000, `${path}: not the page`);
    assert.equal(other.headers['x-content-type-options'], 'nosniff', `${path}: nosniff`);
  }
  for (const path of ['/../olinpe.nginx.conf', '/%2e%2e/olinpe.nginx.conf', '/versions/../olinpe.nginx.conf']) {
    const other = await get(path);
    assert.ok(other.status === 400 || other.status === 404, `${path} → ${other.status}`);
  }
  for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
    assert.equal((await get('/', { method })).status, 403, method);
  }
});

test('nginx: a full pseudonymisation makes no request but the page\'s GET, and no CSP violation', async () => {
  const input = generate('privacy.csv', { rows: 500, seed: 7 });
  const logged = accessLog().length;
  const context = await browser.newContext();
  try {
    const w = await watch(context, `${base}/`);
    assert.equal(await w.page.textContent('[data-testid=build-info]'), builtInfo(PAGE));
    assert.match(builtInfo(PAGE), /^olinpe \d+\.\d+\.\d+ — ([0-9a-f]{7}( \(modifié\))?|commit inconnu .*)$/);
    const status = await pseudonymise(w.page, input);
    assert.match(status, /terminé/, `run ended: ${status}`);
    await w.page.waitForTimeout(300); // let any late violation report arrive
    assert.deepEqual(await w.evidence(), { violations: [], cspConsole: [], foreign: [] });
    // The server's own record: one GET of the page, nothing else, during the whole run.
    assert.deepEqual(accessLog().slice(logged).map(({ method, path, status: s }) => ({ method, path, status: s })),
      [{ method: 'GET', path: '/', status: 200 }]);
  } finally {
    await context.close();
  }
});

test('nginx: the header\'s frame-ancestors keeps the page out of any frame', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const refused = page.waitForEvent('console', { predicate: (m) => /frame-ancestors/.test(m.text()), timeout: 15000 });
    await page.setContent(`<iframe src="${base}/" title="olinpe"></iframe>`);
    await refused;
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const inside = frame ? await frame.evaluate(() => !!document.querySelector('[data-testid=build-info]')).catch(() => false) : false;
    assert.equal(inside, false, 'the page is not shown in the frame');
  } finally {
    await context.close();
  }
});

test('nginx: every load is revalidated, an update is seen at once, the positive controls installed as updates are caught', async () => {
  const context = await browser.newContext();
  const open = async () => watch(context, `${base}/`);
  const logged = accessLog().length;
  try {
    const first = await open();
    const firstCsp = await metaCsp(first.page);
    assert.equal(`${firstCsp}; frame-ancestors 'none'`, headerCsp(PAGE));
    await first.page.close();
    const second = await open(); // a new tab: the browser's cache may only serve a revalidated page
    await second.page.close();
    const loads = browserLines(accessLog().slice(logged));
    assert.equal(loads.length, 2, `each load asks the server: ${JSON.stringify(loads)}`);
    assert.ok(loads.every((l) => l.method === 'GET' && l.path === '/' && [200, 304].includes(l.status)), JSON.stringify(loads));

    // Update 1: the worker of the new page tries a fetch.
    install(leakFetch);
    await reloadServing(leakFetch);
    let before = accessLog().length;
    const w1 = await open();
    assert.deepEqual(browserLines(accessLog().slice(before)), [{ method: 'GET', path: '/', status: 200 }]);
    assert.equal(`${await metaCsp(w1.page)}; frame-ancestors 'none'`, headerCsp(leakFetch), 'the new page, not the cached one');
    await pseudonymise(w1.page, tinyCsv());
    await w1.page.waitForFunction(() => window.__olinpeCspViolations.length > 1, null, { timeout: 5000 }).catch(() => {});
    let ev = await w1.evidence();
    assert.ok(ev.violations.some((v) => v.where === 'worker' && /connect-src/.test(v.directive)), `worker violation recorded: ${JSON.stringify(ev)}`);
    assert.ok(ev.violations.some((v) => v.where === 'helper' && /connect-src/.test(v.directive)), `helper violation recorded: ${JSON.stringify(ev)}`);
    await w1.page.close();

    // Update 2: the new page loads an external image.
    install(leakImg);
    await reloadServing(leakImg);
    const w2 = await open();
    assert.equal(`${await metaCsp(w2.page)}; frame-ancestors 'none'`, headerCsp(leakImg));
    await pseudonymise(w2.page, tinyCsv());
    await w2.page.waitForFunction(() => window.__olinpeCspViolations.length > 0, null, { timeout: 5000 }).catch(() => {});
    ev = await w2.evidence();
    assert.ok(ev.violations.some((v) => v.where === 'page' && /img-src/.test(v.directive)), `page violation recorded: ${JSON.stringify(ev)}`);
    assert.ok(ev.cspConsole.length > 0, 'console CSP error seen too');
    await w2.page.close();

    // Back to the production page: install.sh again (its version folder is still there).
    install(PAGE);
    await reloadServing(PAGE);
    before = accessLog().length;
    const w3 = await open();
    assert.deepEqual(browserLines(accessLog().slice(before)), [{ method: 'GET', path: '/', status: 200 }]);
    assert.equal(await metaCsp(w3.page), firstCsp);
    // Neither leak reached this server: the browser only ever asked it for the page.
    assert.ok(browserLines(accessLog().slice(logged)).every((l) => l.method === 'GET' && l.path === '/'));
  } finally {
    await context.close();
  }
});
