// The worker: holds the WebAssembly engine and reads the File in slices (never whole).
//
// Bundled by scripts/build-page.mjs into a CLASSIC worker script, after the wasm-bindgen
// `--target no-modules` glue (the global `wasm_bindgen`) and `OLINPE_WASM_BASE64` (the
// module's bytes). Started from a blob: URL, so it works from file:// under the page's CSP.
// Protocol: docs/worker-protocol.md. Nothing here logs, stores or sends file content or key.

import { TO_WORKER, TO_PAGE, PASS, SLICE_BYTES, FINDINGS_BATCH, message } from './protocol.js';
import { sniffHeader } from './header.js';

/* global wasm_bindgen, OLINPE_WASM_BASE64 */

const scope = self;

/** State of the current run. */
let current = null; // { id, file, session, cancelled }
let engine = null; // the wasm_bindgen exports once initialised

function post(type, data, transfer) {
  scope.postMessage(message(type, data), transfer || []);
}

// Requests blocked inside a blob worker raise no event on the page's document: forward ours.
scope.addEventListener('securitypolicyviolation', (e) => {
  post(TO_PAGE.CSP_VIOLATION, {
    where: 'worker',
    directive: e.effectiveDirective || e.violatedDirective,
    blockedURI: e.blockedURI,
    sourceFile: e.sourceFile || '',
  });
});

function decodeBase64(b64) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function init() {
  const t0 = performance.now();
  wasm_bindgen.initSync({ module: decodeBase64(OLINPE_WASM_BASE64) });
  engine = wasm_bindgen;
  return {
    version: engine.version(),
    variables: engine.variables(),
    catalogue: engine.catalogue(),
    initMs: Math.round(performance.now() - t0),
  };
}

/** French message and stable code of anything thrown by the engine or the browser. */
function describe(err, fallback) {
  if (err && typeof err === 'object' && typeof err.code === 'string' && err.message) {
    return { code: err.code, message: err.message };
  }
  if (err && err.name === 'NotReadableError') {
    return { code: 'unreadable', message: 'Le fichier ne peut pas être lu : il a peut-être été déplacé, modifié ou supprimé depuis qu’il a été choisi. Choisissez-le à nouveau.' };
  }
  if (err && err.name === 'NotFoundError') {
    return { code: 'unreadable', message: 'Le fichier est introuvable : il a été déplacé ou supprimé depuis qu’il a été choisi.' };
  }
  return { code: fallback, message: 'Une erreur inattendue a interrompu la lecture. Réessayez ; si elle se reproduit, signalez-la en précisant le mode et la taille du fichier (jamais son contenu).' };
}

/** Reads `file` slice by slice, calling `onSlice(bytes, offset)`; stops when cancelled. */
async function readSlices(run, file, onSlice) {
  for (let offset = 0; offset < file.size; offset += SLICE_BYTES) {
    if (run.cancelled) return false;
    const buf = await file.slice(offset, Math.min(file.size, offset + SLICE_BYTES)).arrayBuffer();
    if (run.cancelled) return false;
    onSlice(new Uint8Array(buf), offset + buf.byteLength);
  }
  return !run.cancelled;
}

function postChunks(run, pass, chunks) {
  if (!chunks || chunks.length === 0) return;
  // Group by file so one message carries every piece of a file; transfer, never copy.
  const byFile = new Map();
  for (const c of chunks) {
    if (!byFile.has(c.file)) byFile.set(c.file, []);
    byFile.get(c.file).push(c.bytes.buffer);
  }
  for (const [file, buffers] of byFile) {
    post(TO_PAGE.OUTPUT, { run: run.id, pass, file, buffers }, buffers);
  }
}

function postFindings(run, report) {
  const all = Array.isArray(report.findings) ? report.findings : [];
  for (let i = 0; i < all.length; i += FINDINGS_BATCH) {
    post(TO_PAGE.FINDINGS, {
      run: run.id,
      findings: all.slice(i, i + FINDINGS_BATCH),
      offset: i,
      total: report.findings_total,
      truncated: report.findings_truncated,
    });
  }
}

async function readKeyFile(file) {
  if (!file) return undefined;
  return new Uint8Array(await file.arrayBuffer()); // a key file is small; read whole
}

async function start(data) {
  if (current) {
    // A new run replaces the previous one: stop it, or free what the findings pass kept.
    current.cancelled = true;
    if (current.done && current.session) { current.session.free(); current.session = null; }
  }
  const run = { id: data.run, file: data.file, session: null, cancelled: false, done: false };
  current = run;
  const total = data.file.size;
  const t0 = performance.now();
  try {
    const keyFile = await readKeyFile(data.keyFile);
    run.session = new engine.Session(data.options, data.key || undefined, keyFile);
    let lastPost = 0;
    const ok = await readSlices(run, data.file, (bytes, done) => {
      const r = run.session.push(bytes);
      postChunks(run, PASS.MAIN, r.chunks);
      const now = performance.now();
      if (now - lastPost > 100 || done === total) {
        lastPost = now;
        post(TO_PAGE.PROGRESS, {
          run: run.id, pass: PASS.MAIN, bytes: done, total, rows: r.rows,
          percent: total ? Math.floor((done / total) * 100) : 100,
        });
      }
    });
    if (!ok) return cancelled(run);
    const f = run.session.finish();
    run.done = true;
    postChunks(run, PASS.MAIN, f.chunks);
    const reportBytes = f.reportJson;
    const report = JSON.parse(new TextDecoder().decode(reportBytes));
    postFindings(run, report);
    const { findings, ...reportNoFindings } = report;
    post(TO_PAGE.DONE, {
      run: run.id,
      pass: PASS.MAIN,
      exitStatus: f.exitStatus,
      rows: f.rows,
      youngPeople: f.youngPeople,
      errors: f.errors,
      warnings: f.warnings,
      infos: f.infos,
      summaryText: f.summaryText,
      report: reportNoFindings,
      reportJson: reportBytes.buffer,
      ms: Math.round(performance.now() - t0),
    }, [reportBytes.buffer]);
  } catch (err) {
    if (run.session) { run.session.free(); run.session = null; }
    post(TO_PAGE.ERROR, { run: run.id, pass: PASS.MAIN, ...describe(err, 'internal') });
  }
}

function cancelled(run) {
  if (run.session) { run.session.free(); run.session = null; }
  if (current === run) current = null;
  post(TO_PAGE.CANCELLED, { run: run.id });
}

async function findingsCsv(data) {
  const run = current;
  if (!run || run.id !== data.run || !run.session) {
    post(TO_PAGE.ERROR, { run: data.run, pass: PASS.FINDINGS, code: 'no-session', message: 'Relancez d’abord la lecture du fichier.' });
    return;
  }
  let pass = null;
  try {
    pass = run.session.findingsPass();
    const total = run.file.size;
    let lastPost = 0;
    const ok = await readSlices(run, run.file, (bytes, done) => {
      const out = pass.push(bytes);
      if (out.length) post(TO_PAGE.OUTPUT, { run: run.id, pass: PASS.FINDINGS, file: 'findings-csv', buffers: [out.buffer] }, [out.buffer]);
      const now = performance.now();
      if (now - lastPost > 100 || done === total) {
        lastPost = now;
        post(TO_PAGE.PROGRESS, { run: run.id, pass: PASS.FINDINGS, bytes: done, total, percent: total ? Math.floor((done / total) * 100) : 100 });
      }
    });
    if (!ok) {
      // Cancelling the findings pass keeps the finished session for a later try.
      pass.free();
      run.cancelled = false;
      post(TO_PAGE.CANCELLED, { run: run.id, pass: PASS.FINDINGS });
      return;
    }
    const last = pass.finish();
    if (last.length) post(TO_PAGE.OUTPUT, { run: run.id, pass: PASS.FINDINGS, file: 'findings-csv', buffers: [last.buffer] }, [last.buffer]);
    post(TO_PAGE.DONE, { run: run.id, pass: PASS.FINDINGS });
  } catch (err) {
    post(TO_PAGE.ERROR, { run: run.id, pass: PASS.FINDINGS, ...describe(err, 'internal') });
  }
}

async function inspect(data) {
  try {
    const head = await data.file.slice(0, 64 * 1024).arrayBuffer();
    post(TO_PAGE.HEADER, { run: data.run, ...sniffHeader(new Uint8Array(head)) });
  } catch (err) {
    post(TO_PAGE.ERROR, { run: data.run, pass: 'inspect', ...describe(err, 'unreadable') });
  }
}

scope.onmessage = (e) => {
  const { type, data } = e.data || {};
  switch (type) {
    case TO_WORKER.START: start(data); break;
    case TO_WORKER.CANCEL: if (current && current.id === data.run) current.cancelled = true; break;
    case TO_WORKER.FINDINGS_CSV: findingsCsv(data); break;
    case TO_WORKER.INSPECT: inspect(data); break;
    default: break;
  }
};

try {
  post(TO_PAGE.READY, init());
} catch (err) {
  post(TO_PAGE.ERROR, { run: null, pass: 'init', code: 'init', message: 'Le moteur de calcul n’a pas pu démarrer dans ce navigateur. Utilisez une version récente de Edge, Chrome ou Firefox.' });
}
