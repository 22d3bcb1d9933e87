// The worker: holds the WebAssembly engine and reads the File in slices (never whole).
//
// Bundled by scripts/build-page.mjs into a CLASSIC worker script, after the wasm-bindgen
// `--target no-modules` glue (the global `wasm_bindgen`) and `OLINPE_WASM_BASE64` (the
// module's bytes). Started from a blob: URL, so it works from file:// under the page's CSP.
// Protocol: docs/worker-protocol.md. Nothing here logs, stores or sends file content or key.

import { TO_WORKER, TO_PAGE, PASS, SLICE_BYTES, FINDINGS_BATCH, message } from './protocol.js';
import { sniffHeader } from './header.js';
import { TRAINING, handleTraining } from './training-worker.js';

/* global wasm_bindgen, OLINPE_WASM_BASE64 */

const scope = self;

/** The current run: { id, file, mode, session, cancelled, done }. */
let current = null;
/** The wasm_bindgen exports once initialised. */
let engine = null;

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
    dictionary: engine.dictionary(),
    exerciseKinds: engine.exerciseKinds(),
    initMs: Math.round(performance.now() - t0),
  };
}

/**
 * The warm-up, asked by the page once it is idle after loading (`warm-up`): the engine
 * checks an invented file (`warmUpInput` in src/wasm.rs) in small steps, then runs its
 * findings pass over it. The browser compiles WebAssembly lazily and optimises a function
 * only after it has run enough; without this, the first real run pays for that compilation
 * and runs its first megabytes in slower code. Once per worker; it stops at once when a run
 * starts; nothing of it is shown or kept.
 */
const WARM_UP_ROWS = 1000;
const WARM_UP_STEP = 64 * 1024;
let warmUp = null;
let warmedUp = false;

function* warmUpSteps(state) {
  const input = engine.warmUpInput(WARM_UP_ROWS);
  const options = { mode: 'check', inputName: 'echauffement.csv', maxFindings: 1000 };
  const session = new engine.Session(options, undefined, undefined, undefined);
  state.free.push(session);
  for (let i = 0; i < input.length; i += WARM_UP_STEP) {
    session.push(input.subarray(i, i + WARM_UP_STEP));
    yield;
  }
  session.finish();
  yield;
  const pass = session.findingsPass();
  state.free.push(pass);
  for (let i = 0; i < input.length; i += WARM_UP_STEP) {
    pass.push(input.subarray(i, i + WARM_UP_STEP));
    yield;
  }
  pass.finish();
}

function startWarmUp() {
  if (warmedUp || current || !engine) return;
  warmedUp = true;
  const state = { stopped: false, free: [] };
  warmUp = state;
  const steps = warmUpSteps(state);
  const step = () => {
    let done = state.stopped;
    if (!done) {
      try {
        done = steps.next().done;
      } catch (_) {
        done = true; // ignored: a real run meets the same problem and reports it
      }
    }
    if (!done) { setTimeout(step, 0); return; }
    for (const o of state.free) { try { o.free(); } catch (_) { /* already freed */ } }
    state.free = [];
    if (warmUp === state) warmUp = null;
  };
  setTimeout(step, 0);
}

/** Stops the warm-up (a real run needs the thread). */
function stopWarmUp() {
  if (warmUp) warmUp.stopped = true;
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
  if (err instanceof RangeError || (err && /memory/i.test(String(err.message)))) {
    return { code: 'memory', message: 'La mémoire du navigateur ne suffit pas pour ce fichier. Fermez d’autres onglets et réessayez, ou utilisez la ligne de commande olinpe.' };
  }
  return { code: fallback, message: 'Une erreur inattendue a interrompu la lecture. Réessayez ; si elle se reproduit, signalez-la en précisant le mode et la taille du fichier (jamais son contenu).' };
}

/**
 * Reads `file` slice by slice, calling `onSlice(bytes, doneBytes)`; false when cancelled.
 * The next slice is asked for before the engine takes the current one, so the browser reads
 * it while the engine works (two slices at most are held).
 */
async function readSlices(run, file, onSlice) {
  const read = (offset) => {
    const p = file.slice(offset, Math.min(file.size, offset + SLICE_BYTES)).arrayBuffer();
    p.catch(() => {}); // awaited below; never an unhandled rejection when the loop stops early
    return p;
  };
  let next = file.size > 0 ? read(0) : null;
  for (let offset = 0; offset < file.size; offset += SLICE_BYTES) {
    if (run.cancelled) return false;
    const buf = await next;
    next = offset + SLICE_BYTES < file.size ? read(offset + SLICE_BYTES) : null;
    if (run.cancelled) return false;
    onSlice(new Uint8Array(buf), offset + buf.byteLength);
  }
  return !run.cancelled;
}

/** Progress over the whole run, whose stages each read one file once. */
function progressReporter(run, stages) {
  const work = stages.reduce((a, s) => a + s.bytes, 0) || 1;
  let base = 0;
  let last = 0;
  return {
    stage(name) {
      const i = stages.findIndex((s) => s.name === name);
      base = stages.slice(0, i).reduce((a, s) => a + s.bytes, 0);
    },
    report(pass, stage, done, total, rows, force) {
      const now = performance.now();
      if (!force && now - last < 100) return;
      last = now;
      post(TO_PAGE.PROGRESS, {
        run: run.id, pass, stage, bytes: done, total, rows,
        percent: Math.min(100, Math.floor(((base + done) / work) * 100)),
      });
    },
  };
}

/**
 * Posts output pieces as one Blob per file. The worker makes the Blobs (the copy into the
 * browser's blob storage happens here, slice by slice), so the page only collects handles
 * and its final Blob of Blobs copies nothing: no freeze at the end of a big run.
 */
function postChunks(run, pass, chunks) {
  if (!chunks || chunks.length === 0) return;
  const byFile = new Map();
  for (const c of chunks) {
    if (!byFile.has(c.file)) byFile.set(c.file, []);
    byFile.get(c.file).push(c.bytes);
  }
  for (const [file, parts] of byFile) postOutput(run, pass, file, parts);
}

function postOutput(run, pass, file, parts) {
  const blob = new Blob(parts);
  if (blob.size > 0) post(TO_PAGE.OUTPUT, { run: run.id, pass, file, blob });
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
  if (file.size > 64 * 1024) {
    throw Object.assign(new Error('Ce fichier de clé est trop gros pour être une clé (plus de 64 Ko) : vérifiez le fichier choisi.'), { code: 'key-file-too-big' });
  }
  return new Uint8Array(await file.arrayBuffer()); // a key file is small: read whole
}

/** Runs the findings CSV pass over the run's file; posts its bytes; returns its SHA-256. */
async function findingsPass(run, progress) {
  const pass = run.session.findingsPass();
  try {
    const total = run.file.size;
    const ok = await readSlices(run, run.file, (bytes, done) => {
      postOutput(run, PASS.FINDINGS, 'findings-csv', [pass.push(bytes)]);
      progress.report(PASS.FINDINGS, 'findings', done, total, null, done === total);
    });
    if (!ok) return null;
    const end = pass.finish();
    postOutput(run, PASS.FINDINGS, 'findings-csv', [end.bytes]);
    return end.sha256;
  } finally {
    pass.free();
  }
}

function freeRun(run) {
  if (run && run.session) {
    run.session.free();
    run.session = null;
  }
}

async function start(data) {
  stopWarmUp();
  if (current) {
    // A new run replaces the previous one: stop it, or free what its findings pass kept.
    current.cancelled = true;
    if (current.done) freeRun(current);
  }
  const run = { id: data.run, file: data.file, mode: data.options.mode, session: null, cancelled: false, done: false };
  current = run;
  const total = data.file.size;
  const prev = data.previousFile || null;
  const stages = [
    ...(prev ? [{ name: 'previous', bytes: prev.size }] : []),
    { name: 'main', bytes: total },
    ...(run.mode === 'pseudonymise' ? [{ name: 'findings', bytes: total }] : []),
  ];
  const progress = progressReporter(run, stages);
  const t0 = performance.now();
  try {
    const keyFile = await readKeyFile(data.keyFile);
    let previous;
    if (prev) {
      progress.stage('previous');
      previous = new engine.PreviousFile(data.options.mapFile || undefined);
      const ok = await readSlices(run, prev, (bytes, done) => {
        previous.push(bytes);
        progress.report(PASS.MAIN, 'previous', done, prev.size, null, done === prev.size);
      });
      if (!ok) { previous.free(); return cancelled(run); }
    }
    run.session = new engine.Session(data.options, data.key || undefined, keyFile, previous);
    progress.stage('main');
    const ok = await readSlices(run, data.file, (bytes, done) => {
      const r = run.session.push(bytes);
      postChunks(run, PASS.MAIN, r.chunks);
      progress.report(PASS.MAIN, 'main', done, total, r.rows, done === total);
    });
    if (!ok) return cancelled(run);
    const f = run.session.finish();
    postChunks(run, PASS.MAIN, f.chunks);
    const reportBytes = f.reportJson;
    const report = JSON.parse(new TextDecoder().decode(reportBytes));
    let receiptJson = null;
    let receiptText = null;
    let findingsCsv = false;
    if (run.mode === 'pseudonymise') {
      // The receipt lists the findings CSV's SHA-256, so it needs pass 2 first.
      progress.stage('findings');
      const sha = await findingsPass(run, progress);
      if (sha === null) return cancelled(run);
      const r = run.session.receipt(sha);
      receiptJson = r.json.buffer;
      receiptText = new TextEncoder().encode(r.text).buffer;
      findingsCsv = true;
    } else if (run.mode === 'rehash') {
      receiptJson = run.session.rehashReceipt().buffer;
    }
    run.done = true;
    postFindings(run, report);
    const { findings, ...reportNoFindings } = report;
    const transfer = [reportBytes.buffer, receiptJson, receiptText].filter(Boolean);
    post(TO_PAGE.DONE, {
      run: run.id,
      pass: PASS.MAIN,
      exitStatus: f.exitStatus,
      rows: f.rows,
      rowsWritten: f.rowsWritten,
      rowsRejected: f.rowsRejected,
      youngPeople: f.youngPeople,
      errors: f.errors,
      warnings: f.warnings,
      infos: f.infos,
      odpe: f.odpe,
      malformedIds: f.malformedIds,
      previous: f.previous,
      summaryText: f.summaryText,
      report: reportNoFindings,
      reportJson: reportBytes.buffer,
      receiptJson,
      receiptText,
      findingsCsv,
      ms: Math.round(performance.now() - t0),
    }, transfer);
  } catch (err) {
    // A WebAssembly trap (a bug, not bad input: those come as coded errors) may leave the
    // module's memory inconsistent: the page then replaces this worker.
    const fatal = err instanceof WebAssembly.RuntimeError;
    if (!fatal) freeRun(run);
    if (current === run) current = null;
    post(TO_PAGE.ERROR, { run: run.id, pass: PASS.MAIN, fatal, ...describe(err, 'internal') });
  }
}

function cancelled(run) {
  freeRun(run);
  if (current === run) current = null;
  post(TO_PAGE.CANCELLED, { run: run.id, pass: PASS.MAIN });
}

/** The findings CSV on demand (check mode), over the finished run's file. */
async function findingsCsvOnDemand(data) {
  const run = current;
  if (!run || run.id !== data.run || !run.session || !run.done) {
    post(TO_PAGE.ERROR, { run: data.run, pass: PASS.FINDINGS, code: 'no-session', message: 'Relancez d’abord la lecture du fichier.' });
    return;
  }
  try {
    const progress = progressReporter(run, [{ name: 'findings', bytes: run.file.size }]);
    progress.stage('findings');
    const sha = await findingsPass(run, progress);
    if (sha === null) {
      // Cancelling the findings pass keeps the finished session for a later try.
      run.cancelled = false;
      post(TO_PAGE.CANCELLED, { run: run.id, pass: PASS.FINDINGS });
      return;
    }
    post(TO_PAGE.DONE, { run: run.id, pass: PASS.FINDINGS });
  } catch (err) {
    post(TO_PAGE.ERROR, { run: run.id, pass: PASS.FINDINGS, fatal: err instanceof WebAssembly.RuntimeError, ...describe(err, 'internal') });
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
    case TO_WORKER.FINDINGS_CSV: findingsCsvOnDemand(data); break;
    case TO_WORKER.INSPECT: inspect(data); break;
    case TO_WORKER.RELEASE:
      // The page no longer shows this run: drop the finished session (and the key with it).
      if (current && current.done) { freeRun(current); current = null; }
      break;
    case TO_WORKER.WARM_UP: startWarmUp(); break;
    case TRAINING.REQUEST: handleTraining(engine, data, post); break;
    default: break;
  }
};

try {
  post(TO_PAGE.READY, init());
} catch (err) {
  post(TO_PAGE.ERROR, { run: null, pass: 'init', code: 'init', message: 'Le moteur de calcul n’a pas pu démarrer dans ce navigateur. Utilisez une version récente de Edge, Chrome ou Firefox.' });
}
