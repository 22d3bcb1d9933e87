// The engine worker: holds the WebAssembly engine for the page and runs every job — a check,
// a pseudonymisation or a rehash over the chosen File read in slices, the findings CSV pass,
// the continuity check against last year's file that follows a check or a pseudonymisation
// given one, the header for the mapping step, the warm-up, the training requests — and turns
// the engine's output into Blobs, progress and a report.
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
import { readSlices, readHead, readExactly, fileChanged } from './slices.js';
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
/** The end of a file whose checksum `inspect` keeps (`chosen`). */
const TAIL_BYTES = 4096;
/**
 * The file last inspected and a checksum of its last bytes (never the bytes): a run of the
 * same file (same name, size and date) whose end now reads otherwise was re-exported after it
 * was chosen. Firefox would read its new bytes up to the old size, without an error.
 */
let chosen = null;

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

/** FNV-1a of the last TAIL_BYTES of `file`. */
async function tailSum(file) {
  const bytes = new Uint8Array(await readExactly(file, Math.max(0, file.size - TAIL_BYTES), file.size));
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

/** Throws `file-changed` when `file` is the one inspected and its end changed since. */
async function checkUnchanged(file) {
  const c = chosen;
  if (!c || c.name !== file.name || c.size !== file.size || c.lastModified !== file.lastModified) return;
  if ((await tailSum(file)) !== c.sum) throw fileChanged();
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
    if (c.file === 'transmission-csv') run.transmissionName = c.name;
  }
  for (const [file, parts] of byFile) postOutput(run, pass, file, parts);
}

function postOutput(run, pass, file, parts) {
  const blob = new Blob(parts);
  if (blob.size === 0) return;
  // The transmission CSV is read again by the continuity check (pseudonymise with last
  // year's file): its Blobs are kept (handles; the bytes are in the browser's blob storage).
  if (run.transmissionCsv && file === 'transmission-csv') run.transmissionCsv.push(blob);
  post(TO_PAGE.OUTPUT, { run: run.id, pass, file, blob });
}

/**
 * The report's kept findings, in batches; each with its record's case number (`dossier`)
 * when the run kept them (`dossiers`: the page's « N° de dossier » column, on screen only).
 */
function postFindings(run, report, dossiers) {
  const all = Array.isArray(report.findings) ? report.findings : [];
  if (Array.isArray(dossiers) && dossiers.length === all.length) {
    for (let i = 0; i < all.length; i += 1) all[i].dossier = dossiers[i] || null;
  }
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
  return new Uint8Array(await readExactly(file, 0, file.size)); // a key file is small: read whole
}

/**
 * Runs the findings pass over the run's file; posts its pieces (the findings CSV, and the
 * internal corrections list when the run asked for it); returns `{sha256,
 * correctionsSha256}`, or null when cancelled.
 */
async function findingsPass(run, progress) {
  const pass = run.session.findingsPass();
  try {
    const total = run.file.size;
    // Check mode: on two workers too, as pass 1 (pseudonymise checks the pseudonymised
    // records, which only the engine worker has: `readMain` reads alone there).
    const ok = await readMain(run, run.file, (bytes, done) => {
      postChunks(run, PASS.FINDINGS, pass.push(bytes));
      progress.report(PASS.FINDINGS, 'findings', done, total, null, done === total);
    }, {
      splitState: (size) => pass.splitState(size),
      joinSegment: (summary) => pass.joinSegment(summary),
      takeBatch: (batch) => postChunks(run, PASS.FINDINGS, pass.pushSegment(batch)),
      reached: (end) => progress.report(PASS.FINDINGS, 'findings', end, total, null, false),
    });
    if (!ok) return null;
    let onPause;
    if (run.workbook) {
      progress.stage('findings-sheet');
      progress.sheet(PASS.FINDINGS, 'findings-sheet', { rows: 0, done: 0, total: 0 }, true);
      onPause = (chunks, p) => {
        postChunks(run, PASS.FINDINGS, chunks);
        progress.sheet(PASS.FINDINGS, 'findings-sheet', p, false);
      };
    }
    const end = pass.finish(onPause);
    postChunks(run, PASS.FINDINGS, end.chunks);
    return { sha256: end.sha256, correctionsSha256: end.correctionsSha256 };
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

/** The probe of last year's file in progress (`{cancelled}`), or null. */
let probing = null;

/**
 * Last year's file first (docs/page.md): which day-of-birth and case setting reproduces
 * last year's identifiers — the same probe as `--previous` and as a run given last year's
 * file: last year's identifiers read, then this year's file read by a pseudonymisation
 * session with the key, its outputs dropped as they come. Posts `probe` with the variant
 * report (`previous`), or the error's code. The key lives in this job only.
 */
async function probe(data) {
  if (probing) probing.cancelled = true;
  const job = { cancelled: false };
  probing = job;
  let session = null;
  let previous = null;
  try {
    warmUp.stop();
    const keyFile = await readKeyFile(data.keyFile);
    previous = new engine.PreviousFile(data.options.mapFile || undefined);
    let ok = await readSlices(job, data.previousFile, (bytes) => previous.push(bytes));
    if (!ok) return;
    session = new engine.Session({ ...data.options, inputSize: data.file.size }, data.key || undefined, keyFile, previous);
    previous = null; // the session owns it now
    ok = await readSlices(job, data.file, (bytes) => { session.push(bytes); });
    if (!ok) return;
    const f = session.finish();
    if (job.cancelled) return;
    post(TO_PAGE.PROBE, { run: data.run, seq: data.seq, previous: f.previous || null });
  } catch (err) {
    if (!job.cancelled) post(TO_PAGE.PROBE, { run: data.run, seq: data.seq, previous: null, ...describe(err, 'internal') });
  } finally {
    if (previous) previous.free();
    if (session) session.free();
    if (probing === job) probing = null;
  }
}

async function start(data) {
  warmUp.stop();
  // A run replaces the probe of last year's file (it makes the same comparison).
  if (probing) probing.cancelled = true;
  if (current) {
    // A new run replaces the previous one: stop it, or free what its findings pass kept.
    current.cancelled = true;
    if (current.onCancel) current.onCancel();
    if (current.done) freeRun(current);
  }
  const run = { id: data.run, file: data.file, mode: data.options.mode, session: null, cancelled: false, done: false, workbook: false };
  current = run;
  const total = data.file.size;
  // Last year's file: the identifier probe of pseudonymise reads it before the run; both
  // check and pseudonymise compare the two years after it (the continuity check).
  const lastYear = data.previousFile || null;
  const prev = run.mode === 'pseudonymise' ? lastYear : null;
  if (lastYear && run.mode === 'pseudonymise') run.transmissionCsv = [];
  const t0 = performance.now();
  run.t0 = t0;
  try {
    await checkUnchanged(data.file);
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
      const digests = await findingsPass(run, progress);
      if (digests === null) return cancelled(run);
      const r = run.session.receipt(digests.sha256, digests.correctionsSha256 || undefined);
      receiptJson = r.json.buffer;
      receiptText = new TextEncoder().encode(r.text).buffer;
      findingsCsv = true;
    } else if (run.mode === 'rehash') {
      receiptJson = run.session.rehashReceipt().buffer;
    }
    run.done = true;
    postFindings(run, report, f.hasNumdo ? f.dossiers : null);
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
      hasNumdo: f.hasNumdo,
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
      continuity: Boolean(lastYear && run.mode !== 'rehash'),
    }, transfer);
    if (lastYear && run.mode !== 'rehash') await continuity(run, lastYear, data.options);
    // The key stays only while needed: nothing asks the session of a pseudonymisation or a
    // rehash after its end (the findings CSV on demand is the check's).
    if (run.mode !== 'check') freeRun(run);
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

/**
 * The continuity check that follows a run given last year's file: last year's File, then
 * this year's — the run's file in check mode, the transmission CSV it produced in
 * pseudonymise mode (this year's identifiers). Posts `progress` (pass `continuity`), then
 * `continuity` with the JSON's bytes and the parsed report, or `error` / `cancelled`; the
 * finished run stays as it is whatever happens here.
 */
async function continuity(run, previous, options) {
  const pseudo = run.mode === 'pseudonymise';
  const current = pseudo ? new Blob(run.transmissionCsv || []) : run.file;
  const currentName = pseudo ? (run.transmissionName || 'transmission.csv') : run.file.name;
  run.transmissionCsv = null;
  const total = previous.size + current.size || 1;
  let last = 0;
  const report = (stage, base, done, size, rows, force) => {
    const now = performance.now();
    if (!force && now - last < 100) return;
    last = now;
    post(TO_PAGE.PROGRESS, {
      run: run.id, pass: PASS.CONTINUITY, stage, bytes: done, total: size, rows,
      percent: Math.min(100, Math.floor(((base + done) / total) * 100)),
    });
  };
  let job = null;
  let which = 'previous';
  try {
    job = new engine.Continuity({
      previousName: previous.name,
      currentName,
      year: options.year,
      maxFindings: options.training ? options.maxFindings : 1000,
      training: Boolean(options.training),
    });
    let ok = await readSlices(run, previous, (bytes, done) => {
      const rows = job.pushPrevious(bytes);
      report('continuity-previous', 0, done, previous.size, rows, done === previous.size);
    });
    if (ok) job.finishPrevious();
    which = 'current';
    ok = ok && await readSlices(run, current, (bytes, done) => {
      const rows = job.pushCurrent(bytes);
      report('continuity-current', previous.size, done, current.size, rows, done === current.size);
    });
    if (!ok) {
      // The run itself is finished: a later findings CSV may still read its file.
      run.cancelled = false;
      post(TO_PAGE.CANCELLED, { run: run.id, pass: PASS.CONTINUITY });
      return;
    }
    const end = job.finish();
    const parsed = JSON.parse(new TextDecoder().decode(end.json));
    post(TO_PAGE.CONTINUITY, {
      run: run.id, json: end.json.buffer, name: end.name, mime: end.mime, level: end.level, report: parsed,
    }, [end.json.buffer]);
  } catch (err) {
    post(TO_PAGE.ERROR, {
      run: run.id, pass: PASS.CONTINUITY, which, fatal: err instanceof WebAssembly.RuntimeError, ...describe(err, 'internal'),
    });
  } finally {
    if (job) job.free();
  }
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
    const digests = await findingsPass(run, progress);
    if (digests === null) {
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
    chosen = { name: file.name, size: file.size, lastModified: file.lastModified, sum: await tailSum(file) };
  } catch (err) {
    post(TO_PAGE.ERROR, { run: data.run, pass: PASS.INSPECT, ...describe(err, 'unreadable') });
  }
}

/**
 * Would a pseudonymisation refuse this file read with this mapping (docs/spec/OLINPE.md
 * §0.1)? The engine reads the first 64 KiB of a text file (the header and a record), or a
 * workbook whole (within its limit) up to the first record of the sheet `data.sheet`, and
 * answers with the refusal's code and the absent columns, or null. Nothing of the file is
 * posted back.
 */
async function preflight(data) {
  let refusal = null;
  try {
    const head = await readHead(data.file, HEAD_BYTES);
    if (engine && engine.isWorkbook(head.subarray(0, SIGNATURE_BYTES))) {
      if (data.file.size <= workbookMax) {
        const whole = new Uint8Array(await data.file.arrayBuffer());
        refusal = engine.preflightWorkbook(whole, data.mapFile || undefined, data.sheet || undefined);
      }
    } else if (engine) {
      refusal = engine.preflight(head, head.length >= data.file.size, data.mapFile || undefined);
    }
  } catch (_) {
    refusal = null; // the run will say why the file cannot be read
  }
  post(TO_PAGE.PREFLIGHT, { run: data.run, seq: data.seq, refusal });
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
    case TO_WORKER.PREFLIGHT: preflight(data); break;
    case TO_WORKER.PROBE: probe(data); break;
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
