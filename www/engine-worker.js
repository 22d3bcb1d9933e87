// The engine worker: holds the WebAssembly engine for the page and runs every job — a check,
// a pseudonymisation or a rehash over the chosen File read in slices, the findings CSV pass,
// the header for the mapping step, the warm-up, the training requests — and turns the
// engine's output into Blobs, progress and a report.
// Protocol: docs/worker-protocol.md. A big CSV check is read with the helper worker
// (www/split-read.js, www/helper-worker.js). A workbook (XLSX, ODS: a zip, which needs
// random access) is handed to the engine whole, within its stated size limit, and its sheet
// is read when the input ends, in one call of the engine that reports progress and output
// through a callback (docs/worker-protocol.md "Workbooks").
//
// Bundled by scripts/build-page.mjs into a CLASSIC worker script after the shared prelude
// (www/worker-scope.js). Started from a blob: URL, so it works from file:// under the page's
// CSP. Nothing here logs, stores or sends file content or key. It sends codes, not words:
// the page says what its own codes mean (www/copy.js); an engine error brings its message.

import { TO_WORKER, TO_PAGE, PASS, FINDINGS_BATCH } from './protocol.js';
import { post, forwardCspViolations, onMessages, startEngine } from './worker-scope.js';
import { readSlices, readHead } from './slices.js';
import { readMain, setHelperPort, loseHelper, warmUpHelper } from './split-read.js';
import { createWarmUp } from './warm-up.js';
import { TRAINING, handleTraining } from './training-worker.js';

forwardCspViolations('worker');

/** The wasm_bindgen exports once initialised. */
let engine = null;
/** The current run: { id, file, mode, session, cancelled, done }. */
let current = null;
const warmUp = createWarmUp(() => engine, () => current !== null);

/** Key files are read whole: a key is short. */
const KEY_FILE_MAX_BYTES = 64 * 1024;
/** What `inspect` reads of a text file: its header is in there (the engine looks at 64 KiB). */
const HEAD_BYTES = 128 * 1024;
/** The first bytes tell a workbook (zip, OLE2) from a text file. */
const SIGNATURE_BYTES = 8;
/** A workbook's sheet takes about this many times longer than reading its bytes (progress). */
const SHEET_WEIGHT = 8;
/** The engine's size limit for a workbook, held whole (from the engine at start). */
let workbookMax = 0;

/**
 * Stable code of anything thrown by the engine or the browser, with the engine's French
 * message when it gave one (`message: null`: the page words the code).
 */
function describe(err, fallback) {
  if (err && typeof err === 'object' && typeof err.code === 'string') {
    return { code: err.code, message: typeof err.message === 'string' && err.message ? err.message : null };
  }
  if (err && err.name === 'NotReadableError') return { code: 'unreadable', message: null };
  if (err && err.name === 'NotFoundError') return { code: 'not-found', message: null };
  if (err instanceof RangeError || (err && /memory/i.test(String(err.message)))) {
    return { code: 'memory', message: null };
  }
  return { code: fallback, message: null };
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
    /** A workbook's sheet, `{rows, done, total}` from the engine: a fraction of its stage. */
    sheet(pass, stage, p, force) {
      const s = stages.find((x) => x.name === stage);
      const weight = s ? s.bytes : 0;
      const f = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
      this.report(pass, stage, Math.round(f * weight), weight, p.rows, force);
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
  if (file.size > KEY_FILE_MAX_BYTES) {
    throw Object.assign(new Error(), { code: 'key-file-too-big' });
  }
  return new Uint8Array(await file.arrayBuffer()); // a key file is small: read whole
}

/** Runs the findings CSV pass over the run's file; posts its bytes; returns its SHA-256. */
async function findingsPass(run, progress) {
  const pass = run.session.findingsPass();
  try {
    const total = run.file.size;
    // Check mode: on two workers too, as pass 1 (pseudonymise checks the pseudonymised
    // records, which only the engine worker has: `readMain` reads alone there).
    const ok = await readMain(run, run.file, (bytes, done) => {
      postOutput(run, PASS.FINDINGS, 'findings-csv', [pass.push(bytes)]);
      progress.report(PASS.FINDINGS, 'findings', done, total, null, done === total);
    }, {
      splitState: (size) => pass.splitState(size),
      joinSegment: (summary) => pass.joinSegment(summary),
      takeBatch: (batch) => postOutput(run, PASS.FINDINGS, 'findings-csv', [pass.pushSegment(batch)]),
      reached: (end) => progress.report(PASS.FINDINGS, 'findings', end, total, null, false),
    });
    if (!ok) return null;
    let onPause;
    if (run.workbook) {
      progress.stage('findings-sheet');
      progress.sheet(PASS.FINDINGS, 'findings-sheet', { rows: 0, done: 0, total: 0 }, true);
      onPause = (bytes, p) => {
        postOutput(run, PASS.FINDINGS, 'findings-csv', [bytes]);
        progress.sheet(PASS.FINDINGS, 'findings-sheet', p, false);
      };
    }
    const end = pass.finish(onPause);
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
  warmUp.stop();
  if (current) {
    // A new run replaces the previous one: stop it, or free what its findings pass kept.
    current.cancelled = true;
    if (current.onCancel) current.onCancel();
    if (current.done) freeRun(current);
  }
  const run = { id: data.run, file: data.file, mode: data.options.mode, session: null, cancelled: false, done: false, workbook: false };
  current = run;
  const total = data.file.size;
  const prev = data.previousFile || null;
  const t0 = performance.now();
  run.t0 = t0;
  try {
    run.workbook = engine.isWorkbook(await readHead(data.file, SIGNATURE_BYTES));
    const sheetStage = (name) => (run.workbook ? [{ name, bytes: total * SHEET_WEIGHT }] : []);
    const stages = [
      ...(prev ? [{ name: 'previous', bytes: prev.size }] : []),
      { name: 'main', bytes: total },
      ...sheetStage('sheet'),
      ...(run.mode === 'pseudonymise' ? [{ name: 'findings', bytes: total }, ...sheetStage('findings-sheet')] : []),
    ];
    const progress = progressReporter(run, stages);
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
    // The size lets the engine hold a workbook in one buffer of the right size.
    const options = { ...data.options, inputSize: total };
    run.session = new engine.Session(options, data.key || undefined, keyFile, previous);
    progress.stage('main');
    let rows = 0;
    const main = {
      splitState: (size) => run.session.splitState(size),
      joinSegment: (summary) => run.session.joinSegment(summary),
      takeBatch: (batch) => { rows = run.session.pushSegment(batch); },
      reached: (end) => progress.report(PASS.MAIN, 'main', end, total, rows, false),
      stats: null,
    };
    const ok = await readMain(run, data.file, (bytes, done) => {
      const r = run.session.push(bytes);
      postChunks(run, PASS.MAIN, r.chunks);
      progress.report(PASS.MAIN, 'main', done, total, r.rows, done === total);
    }, main);
    if (!ok) return cancelled(run);
    if (main.stats) {
      run.split = 'joined';
      run.splitMs = main.stats.ms;
      run.splitSegments = main.stats.segments;
    }
    const tf = performance.now();
    let onPause;
    if (run.workbook) {
      // The sheet is read now, in this one call: progress and output come through here.
      progress.stage('sheet');
      progress.sheet(PASS.MAIN, 'sheet', { rows: 0, done: 0, total: 0 }, true);
      onPause = (chunks, p) => {
        postChunks(run, PASS.MAIN, chunks);
        progress.sheet(PASS.MAIN, 'sheet', p, false);
      };
    }
    const f = run.session.finish(onPause);
    if (run.splitMs) run.splitMs.push(Math.round(performance.now() - tf)); // and the report
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
      workers: run.split === 'joined' ? 2 : 1,
      splitMs: run.splitMs || null,
      splitSegments: run.splitSegments || null,
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
    post(TO_PAGE.ERROR, { run: data.run, pass: PASS.FINDINGS, code: 'no-session', message: null });
    return;
  }
  try {
    const size = run.file.size;
    const progress = progressReporter(run, [
      { name: 'findings', bytes: size },
      ...(run.workbook ? [{ name: 'findings-sheet', bytes: size * SHEET_WEIGHT }] : []),
    ]);
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

/**
 * The header of the chosen file for the mapping step, found by the engine as a run finds
 * it: from the first 128 KiB of a text file, or from a whole workbook (with its sheets, and
 * the sheet asked for). `mapFile`: the remembered mapping, whose headers count as known.
 */
async function inspect(data) {
  try {
    const file = data.file;
    const head = await readHead(file, HEAD_BYTES);
    const map = data.mapFile || undefined;
    let found;
    if (engine.isWorkbook(head.subarray(0, SIGNATURE_BYTES))) {
      if (file.size > workbookMax) {
        post(TO_PAGE.ERROR, { run: data.run, pass: PASS.INSPECT, code: 'workbook-too-big', message: null });
        return;
      }
      // A workbook is read whole (a zip needs random access), within the engine's limit.
      found = engine.inspect(new Uint8Array(await file.arrayBuffer()), map, data.sheet || undefined);
    } else {
      found = engine.inspect(head, map, undefined);
    }
    post(TO_PAGE.HEADER, { run: data.run, ...found });
  } catch (err) {
    post(TO_PAGE.ERROR, { run: data.run, pass: PASS.INSPECT, ...describe(err, 'unreadable') });
  }
}

onMessages((type, data) => {
  switch (type) {
    case TO_WORKER.START: start(data); break;
    case TO_WORKER.CANCEL:
      if (current && current.id === data.run) {
        current.cancelled = true;
        if (current.onCancel) current.onCancel();
      }
      break;
    case TO_WORKER.HELPER_PORT: setHelperPort(data.port); break;
    case TO_WORKER.HELPER_LOST: loseHelper(); break;
    case TO_WORKER.FINDINGS_CSV: findingsCsvOnDemand(data); break;
    case TO_WORKER.INSPECT: inspect(data); break;
    case TO_WORKER.RELEASE:
      // The page no longer shows this run: drop the finished session (and the key with it).
      if (current && current.done) { freeRun(current); current = null; }
      break;
    case TO_WORKER.WARM_UP: warmUpHelper(); warmUp.start(); break;
    case TRAINING.REQUEST: handleTraining(engine, data, post); break;
    default: break;
  }
});

try {
  const started = startEngine();
  engine = started.engine;
  workbookMax = engine.workbookMaxBytes();
  post(TO_PAGE.READY, {
    version: engine.version(),
    variables: engine.variables(),
    catalogue: engine.catalogue(),
    dictionary: engine.dictionary(),
    exerciseKinds: engine.exerciseKinds(),
    artifacts: engine.artifacts(),
    workbookMaxBytes: workbookMax,
    initMs: started.initMs,
  });
} catch (err) {
  post(TO_PAGE.ERROR, { run: null, pass: PASS.INIT, code: 'init', message: null });
}
