#!/usr/bin/env node
// Builds dist/olinpe.html: one self-contained page (docs/spec/INTERFACES.md, "The page").
//
// Inputs: index.html (the page template), www/ (ES modules, CSS), pkg/ (wasm-bindgen
// --target no-modules output, already optimised by wasm-opt) and the design system's CSS
// from node_modules/@gouvfr/dsfr. Output: dist/olinpe.html, dist/olinpe.csp (the CSP
// string, for `olinpe serve` and deploy/install.sh to send as a header) and
// dist/olinpe.html.sha256 (the page's SHA-256, `sha256sum` format, docs/hosting.md).
//
// What the build does, and why:
// - the page's ES modules are bundled into ONE inline classic script (a tiny module
//   bundler below: only `import { a, b as c } from './x.js'` and `export function|const|
//   let|class|async function` are allowed, anything else fails the build), so the CSP can
//   pin it by its sha256 hash;
// - the two workers (www/engine-worker.js, www/helper-worker.js) are classic scripts, each
//   a shared prelude (glue + wasm bytes in base64) followed by its own bundled modules,
//   kept as strings inside that inline script and started from blob: URLs, because module
//   workers and external files do not work from file:// (docs/toolchain.md); their code is
//   covered by the same hash, and the wasm bytes are in the page once;
// - the design system's CSS is rewritten: @font-face rules removed, a system font stack
//   set, every url() turned into a data: URI; the build fails if any url( other than
//   url(data: is left in the output.
//
// Test-only builds: OLINPE_TEST_LEAK=fetch adds e2e/leak/worker-leak.js to the workers'
// prelude (both workers try a fetch), OLINPE_TEST_LEAK=img adds e2e/leak/page-leak.js (the
// page loads an external image), so the privacy tests can show they catch both. The production
// build never contains them. `--out FILE` changes the output path.

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DSFR = join(ROOT, 'node_modules', '@gouvfr', 'dsfr');

/** The design system's files vendored into the page, in cascade order. */
export const DSFR_PARTS = [
  'dist/core/core.main.min.css',
  ...['link', 'button', 'form', 'input', 'select', 'checkbox', 'alert', 'notice', 'badge',
    'table', 'upload']
    .map((c) => `dist/component/${c}/${c}.main.min.css`),
  'dist/core/core.print.min.css',
];

/** The content security policy; `HASH` is replaced by the inline script's hash. */
export const CSP_TEMPLATE = "default-src 'none'; script-src 'sha256-HASH' 'wasm-unsafe-eval'; "
  + "worker-src blob:; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
  + "connect-src 'none'; base-uri 'none'; form-action 'none'";

const SYSTEM_FONTS = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif';

class BuildError extends Error {}

function fail(message) {
  throw new BuildError(message);
}

function parseArgs(argv) {
  const args = { out: join(ROOT, 'dist', 'olinpe.html') };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--out') args.out = resolve(argv[++i]);
    else fail(`argument inconnu : ${argv[i]}`);
  }
  return args;
}

// ---------------------------------------------------------------------------------------
// A deliberately small ES module bundler for our own code (no third-party modules).

const IMPORT_RE = /^import\s*\{([^}]*)\}\s*from\s*'(\.\/[\w.-]+\.js)';\s*$/;
const EXPORT_RE = /^export\s+(?:async\s+function\*?|function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)/;

function moduleVar(path) {
  return `__mod_${relative(ROOT, path).replace(/[^\w]/g, '_')}`;
}

function loadModule(path, seen, order, stack) {
  if (seen.has(path)) return;
  if (stack.includes(path)) fail(`import circulaire : ${[...stack, path].join(' → ')}`);
  if (!existsSync(path)) fail(`module introuvable : ${relative(ROOT, path)}`);
  const src = readFileSync(path, 'utf8');
  const lines = src.split('\n');
  const imports = [];
  const exports = [];
  const body = lines.map((line, i) => {
    const where = `${relative(ROOT, path)}:${i + 1}`;
    // File content must never be parsed as HTML (docs/spec/STYLE.md point 9): textContent only.
    if (/\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML|document\.write|\beval\s*\(|new Function\b/.test(line)) {
      fail(`${where}: API interdite (HTML ou code construit à partir de texte)`);
    }
    if (/^\s*import[\s{*'"(]/.test(line)) {
      const m = IMPORT_RE.exec(line);
      if (!m) fail(`${where}: forme d'import non prise en charge : ${line.trim()}`);
      const target = resolve(dirname(path), m[2]);
      const names = m[1].split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
        const parts = s.split(/\s+as\s+/);
        return parts.length === 2 ? `${parts[0]}: ${parts[1]}` : parts[0];
      });
      imports.push({ target, names });
      return '';
    }
    if (/^\s*export\b/.test(line)) {
      const m = EXPORT_RE.exec(line);
      if (!m) fail(`${where}: forme d'export non prise en charge : ${line.trim()}`);
      exports.push(m[1]);
      return line.replace(/^export\s+/, '');
    }
    return line;
  });
  for (const imp of imports) loadModule(imp.target, seen, order, [...stack, path]);
  seen.add(path);
  const head = imports.map((imp) => `const { ${imp.names.join(', ')} } = ${moduleVar(imp.target)};`);
  order.push(`const ${moduleVar(path)} = (function () {\n${head.join('\n')}\n${body.join('\n')}\nreturn { ${exports.join(', ')} };\n})();`);
}

/** Bundles `entry` and the modules it imports into one classic-script IIFE. */
export function bundle(entry, prelude = '') {
  const order = [];
  loadModule(resolve(entry), new Set(), order, []);
  return `(function () {\n'use strict';\n${prelude}\n${order.join('\n')}\n})();\n`;
}

// ---------------------------------------------------------------------------------------
// CSS: the design system, rewritten to be self-contained.

function dataUri(file) {
  const bytes = readFileSync(file);
  const mime = file.endsWith('.svg') ? 'image/svg+xml' : file.endsWith('.png') ? 'image/png' : null;
  if (!mime) fail(`type de ressource inattendu dans le CSS : ${relative(ROOT, file)}`);
  return `data:${mime};base64,${bytes.toString('base64')}`;
}

/** Turns every url(...) of `css` (from `cssFile`) into an unquoted base64 data: URI. */
export function inlineUrls(css, cssFile) {
  let out = '';
  let pos = 0;
  const re = /url\(/gi;
  let m;
  while ((m = re.exec(css)) !== null) {
    let i = m.index + 4;
    while (/\s/.test(css[i])) i += 1;
    let target;
    let end;
    if (css[i] === '"' || css[i] === "'") {
      const close = css.indexOf(css[i], i + 1);
      if (close < 0) fail(`url( sans guillemet fermant dans ${relative(ROOT, cssFile)}`);
      target = css.slice(i + 1, close);
      end = css.indexOf(')', close);
    } else {
      end = css.indexOf(')', i);
      target = css.slice(i, end).trim();
    }
    if (end < 0) fail(`url( sans parenthèse fermante dans ${relative(ROOT, cssFile)}`);
    out += css.slice(pos, m.index) + `url(${resolveUrl(target, cssFile)})`;
    pos = end + 1;
    re.lastIndex = pos;
  }
  return out + css.slice(pos);
}

function resolveUrl(target, cssFile) {
  if (target.startsWith('data:')) {
    // Re-encode existing data URIs in base64 so none keeps quotes or raw markup.
    const m = /^data:([^;,]+)((?:;[^;,]*)*),(.*)$/s.exec(target);
    if (!m) fail(`URI data: illisible dans ${relative(ROOT, cssFile)}`);
    const payload = /;base64$/.test(m[2]) ? Buffer.from(m[3], 'base64') : Buffer.from(decodeURIComponent(m[3]), 'utf8');
    return `data:${m[1]};base64,${payload.toString('base64')}`;
  }
  if (/^[a-z]+:/i.test(target) || target.startsWith('//')) {
    fail(`ressource externe dans ${relative(ROOT, cssFile)} : ${target}`);
  }
  return dataUri(resolve(dirname(cssFile), target));
}

function stripFontFaces(css) {
  return css.replace(/@font-face\s*\{[^}]*\}/g, '');
}

function setSystemFonts(css) {
  return css.replace(/font-family:\s*(Marianne|Spectral)[^;}]*/g, (m) => {
    const important = m.includes('!important') ? '!important' : '';
    return `font-family:${SYSTEM_FONTS}${important}`;
  });
}

function designSystemCss() {
  if (!existsSync(DSFR)) fail('@gouvfr/dsfr absent : lancez `npm ci`');
  const parts = DSFR_PARTS.map((p) => {
    const file = join(DSFR, p);
    if (!existsSync(file)) fail(`fichier du système de design absent : ${p}`);
    let css = readFileSync(file, 'utf8');
    css = css.replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '');
    css = stripFontFaces(css);
    css = setSystemFonts(css);
    css = inlineUrls(css, file);
    if (p.includes('.print.')) css = `@media print{${css}}`;
    return `/* @gouvfr/dsfr ${p} */\n${css}`;
  });
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------
// What the page says it was built from (data-testid="build-info", docs/hosting.md).

/** Shown instead of a commit when the sources are not a git checkout (e.g. an archive). */
export const NO_COMMIT = 'commit inconnu (construit hors d’un dépôt git)';

/**
 * « olinpe VERSION — COMMIT »: the crate's version and the first 7 hex digits of the commit
 * checked out in `root`, followed by « (modifié) » when tracked files differ from it. Depends
 * on nothing else (no date, no path): two builds of one commit stay byte-identical.
 */
export function buildInfo(root = ROOT) {
  const m = /^\[package\][^[]*?^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'));
  if (!m) fail('version du paquet introuvable dans Cargo.toml');
  return `olinpe ${m[1]} — ${commitOf(root)}`;
}

function commitOf(root) {
  // safe.directory: a checkout owned by another user (CI) is read all the same; the build runs
  // its scripts anyway.
  const git = (...args) => execFileSync('git', ['-c', 'safe.directory=*', '-C', root, ...args], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
  }).trim();
  try {
    // An archive unpacked inside some other repository must not take that repository's commit.
    if (realpathSync(git('rev-parse', '--show-toplevel')) !== realpathSync(root)) return NO_COMMIT;
    const head = git('rev-parse', 'HEAD').slice(0, 7);
    return git('status', '--porcelain', '--untracked-files=no') === '' ? head : `${head} (modifié)`;
  } catch (_) {
    return NO_COMMIT; // no git, not a repository, or no commit yet
  }
}

function escapeHtml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// ---------------------------------------------------------------------------------------

function escapeForScript(js) {
  // The worker source sits in a string inside an inline <script>: no "</script" may appear.
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** The workers' scripts: `{prelude, engine, helper}`; each worker runs prelude + its own. */
function workerSources(leak) {
  const glue = join(ROOT, 'pkg', 'olinpe.js');
  const wasm = join(ROOT, 'pkg', 'olinpe_bg.wasm');
  if (!existsSync(glue) || !existsSync(wasm)) {
    fail('pkg/ absent : lancez scripts/build-all.sh (cargo build, wasm-bindgen --target no-modules, wasm-opt)');
  }
  const glueSrc = readFileSync(glue, 'utf8');
  if (!/let wasm_bindgen|var wasm_bindgen/.test(glueSrc)) {
    fail('pkg/olinpe.js ne vient pas de `wasm-bindgen --target no-modules`');
  }
  const b64 = readFileSync(wasm).toString('base64');
  let prelude = `${glueSrc}\nvar OLINPE_WASM_BASE64 = "${b64}";\n`;
  if (leak === 'fetch') prelude += readFileSync(join(ROOT, 'e2e', 'leak', 'worker-leak.js'), 'utf8');
  return {
    prelude,
    engine: bundle(join(ROOT, 'www', 'engine-worker.js')),
    helper: bundle(join(ROOT, 'www', 'helper-worker.js')),
  };
}

export function build({ out, leak = process.env.OLINPE_TEST_LEAK || '' } = {}) {
  if (leak && !['fetch', 'img'].includes(leak)) fail(`OLINPE_TEST_LEAK inconnu : ${leak}`);
  const template = readFileSync(join(ROOT, 'index.html'), 'utf8');
  const css = designSystemCss() + '\n' + inlineUrls(readFileSync(join(ROOT, 'www', 'olinpe.css'), 'utf8'), join(ROOT, 'www', 'olinpe.css'));

  const workers = workerSources(leak);
  const prelude = [
    `const OLINPE_WORKER_PRELUDE = ${escapeForScript(JSON.stringify(workers.prelude))};`,
    `const OLINPE_ENGINE_WORKER = ${escapeForScript(JSON.stringify(workers.engine))};`,
    `const OLINPE_HELPER_WORKER = ${escapeForScript(JSON.stringify(workers.helper))};`,
  ].join('\n');
  let script = bundle(join(ROOT, 'www', 'main.js'), prelude);
  if (leak === 'img') script += readFileSync(join(ROOT, 'e2e', 'leak', 'page-leak.js'), 'utf8');
  if (/<\/script/i.test(script)) fail('le script contient « </script » ');

  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  const csp = CSP_TEMPLATE.replace('HASH', hash);

  const markers = ['<!-- OLINPE:CSP -->', '<!-- OLINPE:STYLE -->', '<!-- OLINPE:SCRIPT -->', '<!-- OLINPE:BUILD -->'];
  for (const m of markers) {
    if (template.split(m).length !== 2) fail(`index.html doit contenir une fois ${m}`);
  }
  if (/<script\b/i.test(template.replace(markers[2], ''))) fail('index.html ne doit contenir aucun <script>');
  const html = template
    .replace(markers[3], () => escapeHtml(buildInfo()))
    .replace(markers[0], () => `<meta http-equiv="Content-Security-Policy" content="${csp}">`)
    .replace(markers[1], () => `<style>\n${css}\n</style>`)
    .replace(markers[2], () => `<script>${script}</script>`);

  checkOutput(html, css);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
  writeFileSync(out.replace(/\.html$/, '.csp'), `${csp}\n`);
  const sha256 = createHash('sha256').update(html, 'utf8').digest('hex');
  writeFileSync(`${out}.sha256`, `${sha256}  ${basename(out)}\n`);
  return { out, bytes: Buffer.byteLength(html), csp, sha256 };
}

/** Fails the build when the page could load anything from outside itself. */
export function checkOutput(html, css) {
  // CSS is case-insensitive: judge every url( of the stylesheet; in the whole page, judge the
  // lowercase form (in scripts, "URL(" is the JavaScript URL constructor, not a fetch).
  const cssBad = [...css.matchAll(/url\((?!data:)/gi)];
  if (cssBad.length) fail(`le CSS contient ${cssBad.length} url( hors data: (ex. ${css.slice(cssBad[0].index, cssBad[0].index + 60)})`);
  const bad = [...html.matchAll(/url\((?!data:)/g)];
  if (bad.length) fail(`la page contient url( hors data: : ${html.slice(bad[0].index, bad[0].index + 60)}`);
  if (/@import/i.test(css)) fail('le CSS contient @import');
  if (/@font-face/i.test(css)) fail('le CSS contient @font-face');
  if (/\b(src|href|action)\s*=\s*["']?(https?:|\/\/)/i.test(html)) fail('la page référence une ressource externe');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  try {
    const r = build(parseArgs(process.argv.slice(2)));
    console.log(`build-page: ${relative(ROOT, r.out)} ${r.bytes} octets en ${Date.now() - t0} ms`);
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    console.error(`build-page: ${e.message}`);
    process.exit(1);
  }
}
