// The worker: holds the WebAssembly engine and reads the File in slices (never whole).
//
// Bundled by scripts/build-page.mjs into a CLASSIC worker script, after the wasm-bindgen
// `--target no-modules` glue (the global `wasm_bindgen`) and `OLINPE_WASM_BASE64` (the
// module's bytes). Started from a blob: URL, so it works from file:// under the page's CSP.
// Protocol: docs/worker-protocol.md. Nothing here logs, stores or sends file content or key.

import { TO_WORKER, TO_PAGE, PASS, SLICE_BYTES, FINDINGS_BATCH, SPLIT, SPLIT_MIN_BYTES, SPLIT_AT, message } from './protocol.js';
import { sniffHeader } from './header.js';
import { TRAINING, handleTraining } from './training-worker.js';

/* global wasm_bindgen, OLINPE_WASM_BASE64 */

const scope = self;

/** `worker` (the engine worker) or `helper` (the second copy, see "Two workers"). */
let role = 'worker';
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
    where: role,
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
 * checks an invented file (`warmUpInput` in src/wasm.rs) in small steps — its second half
 * read as a helper's segment and joined, as a big check does on two workers — then runs its
 * findings pass over it. The browser compiles WebAssembly lazily and optimises a function
 * only after it has run enough; without this, the first real run pays for that compilation
 * and runs its first megabytes (and its report) in slower code. Both workers run it (each
 * compiles its own code). Once per worker; it stops at once when a run starts; nothing of
 * it is shown or kept.
 */
const WARM_UP_ROWS = 3000;
const WARM_UP_STEP = 64 * 1024;
let warmUp = null;
let warmedUp = false;

function* warmUpSteps(state) {
  const input = engine.warmUpInput(WARM_UP_ROWS);
  const options = { mode: 'check', inputName: 'echauffement.csv', maxFindings: 1000 };
  const session = new engine.Session(options, undefined, undefined, undefined);
  state.free.push(session);
  const first = Math.min(input.length, WARM_UP_STEP);
  session.push(input.subarray(0, first));
  const split = session.splitState(input.length);
  const nl = input.indexOf(10, Math.floor(input.length / 2));
  const start = split && nl > first ? nl + 1 : input.length;
  for (let i = first; i < start; i += WARM_UP_STEP) {
    session.push(input.subarray(i, Math.min(start, i + WARM_UP_STEP)));
    yield;
  }
  if (start < input.length) {
    const seg = new engine.Segment(split, start);
    state.free.push(seg);
    const batches = [];
    for (let i = start; i < input.length; i += WARM_UP_STEP) {
      batches.push(seg.push(input.subarray(i, i + WARM_UP_STEP)));
      yield;
    }
    const end = seg.finish(true);
    batches.push(end.batch);
    if (session.joinSegment(end.summary)) for (const b of batches) session.pushSegment(b);
    else session.push(input.subarray(start));
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
  if (helper) helper.postMessage(message(SPLIT.WARM_UP, {}));
  if (warmedUp || current || reading || !engine) return;
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
 * Reads `file` from byte `from` to byte `to` slice by slice, calling `onSlice(bytes, end)`
 * (`end`: the file offset read up to); false when cancelled. The next slice is asked for
 * before the engine takes the current one, so the browser reads it while the engine works
 * (two slices at most are held).
 */
async function readSlices(run, file, onSlice, from = 0, to = file.size) {
  const read = (offset) => {
    const p = file.slice(offset, Math.min(to, offset + SLICE_BYTES)).arrayBuffer();
    p.catch(() => {}); // awaited below; never an unhandled rejection when the loop stops early
    return p;
  };
  let next = from < to ? read(from) : null;
  for (let offset = from; offset < to; offset += SLICE_BYTES) {
    if (run.cancelled) return false;
    const buf = await next;
    next = offset + SLICE_BYTES < to ? read(offset + SLICE_BYTES) : null;
    if (run.cancelled) return false;
    onSlice(new Uint8Array(buf), offset + buf.byteLength);
  }
  return !run.cancelled;
}

// ---- Two workers (docs/worker-protocol.md, "Two workers"; src/engine/split.rs) ----------
//
// The page starts a second copy of this script, the helper. For a big check, the file is
// cut at line starts into rounds of SPLIT_ROUND_BYTES: in each, the engine worker reads the
// first part (SPLIT_AT of it) while the helper reads the rest and runs the record rules on
// it; the engine worker then takes the helper's records in order. The helper works at most
// two segments ahead, so memory stays bounded. Anything the helper cannot do exactly as the
// engine worker would (checked in Rust at the join) makes the engine worker read that
// segment itself: the report is the same either way.

/** Engine worker: the port to the helper, once it said it is ready. */
let helper = null;
let helperReady = false;
let nextJob = 1;
/** Engine worker: the helper's segments asked for and not yet taken, by job id. */
const jobs = new Map();
/** When the helper last spoke (it posts a batch every 4 MiB slice it reads). */
let helperSeen = 0;
/**
 * Silence after which a helper that owes a segment is taken for dead (a worker that stops
 * without an `error` event, e.g. closed or killed): the engine worker then reads alone.
 */
const HELPER_SILENCE_MS = 15000;

function setHelperPort(port) {
  helper = port;
  helperReady = false;
  port.onmessage = (e) => {
    const { type, data } = e.data || {};
    helperSeen = performance.now();
    if (type === SPLIT.READY) { helperReady = true; return; }
    const job = data && jobs.get(data.job);
    if (!job) return; // a cancelled job's late messages
    if (type === SPLIT.BATCH) job.batches.push(data.batch);
    else if (type === SPLIT.END) { job.batches.push(data.batch); job.finish(data.summary); }
    else if (type === SPLIT.FAILED) job.finish(null);
  };
}

function loseHelper() {
  if (helper) helper.close();
  helper = null;
  helperReady = false;
  for (const job of jobs.values()) job.finish(null);
}

/** Bytes the engine worker reads before it can start the helper (the header is in them). */
const SPLIT_HEAD_BYTES = 64 * 1024;
/** One round: the engine worker's segment, then the helper's. */
const SPLIT_ROUND_BYTES = 16 * 1024 * 1024;

/** The first byte after the first line feed at or after `at` (null if none near). */
async function segmentStart(file, at) {
  if (at >= file.size) return null;
  const head = new Uint8Array(await file.slice(at, Math.min(file.size, at + 64 * 1024)).arrayBuffer());
  const i = head.indexOf(10);
  if (i < 0 || at + i + 1 >= file.size) return null;
  return at + i + 1;
}

/** Asks the helper for `file[start, end)`; returns the job (its `ended` promise). */
function askHelper(file, start, end, state) {
  let settle;
  const ended = new Promise((resolve) => { settle = resolve; });
  const job = { id: nextJob++, batches: [], ended, finished: false };
  job.finish = (summary) => {
    if (job.finished) return;
    job.finished = true;
    settle(summary);
  };
  jobs.set(job.id, job);
  if (jobs.size === 1) helperSeen = performance.now();
  helper.postMessage(message(SPLIT.START, { job: job.id, file, start, end, final: end === file.size, state }));
  return job;
}

/** The summary of `job` once the helper is done (null: failed, cancelled or helper lost). */
async function waitJob(run, job) {
  const tick = 1000;
  for (;;) {
    let timer;
    const r = await Promise.race([job.ended, new Promise((ok) => { timer = setTimeout(() => ok(tick), tick); })]);
    clearTimeout(timer);
    if (r !== tick) return r;
    if (run.cancelled) return null;
    if (performance.now() - helperSeen > HELPER_SILENCE_MS) {
      loseHelper();
      return null;
    }
  }
}

/** Forgets a job; tells the helper to stop it if it is not over. */
function dropJob(job) {
  if (!job.finished && helper) helper.postMessage(message(SPLIT.CANCEL, { job: job.id }));
  job.finish(null);
  job.batches = [];
  jobs.delete(job.id);
}

/**
 * A read of a check (pass 1, or its findings pass), on two workers when the file is big
 * enough and a helper is there. `onSlice(bytes, end)` is the one-worker path (push and
 * progress); `target` is the session or the findings pass: `splitState(size)`,
 * `joinSegment(summary)`, `takeBatch(batch)` (the helper's records), `reached(end)`
 * (progress after a segment taken); `target.stats` is set when segments were taken. False
 * when cancelled.
 */
async function readMain(run, file, onSlice, target) {
  const total = file.size;
  const alone = !helper || !helperReady || run.mode !== 'check' || total < SPLIT_MIN_BYTES;
  if (alone) return readSlices(run, file, onSlice);
  // A short first slice holds the header: then the engine can describe its reader, and the
  // helper starts at once.
  const first = Math.min(total, SPLIT_HEAD_BYTES);
  if (!(await readSlices(run, file, onSlice, 0, first))) return false;
  const state = target.splitState(total);
  if (!state) return readSlices(run, file, onSlice, first, total);
  const t0 = performance.now();
  const times = { own: 0, wait: 0, join: 0, joined: 0, refused: 0 };
  let planned = first;
  /** The next round: the engine worker reads [from, start), the helper [start, end). */
  const plan = async () => {
    if (!helper) return null;
    const from = planned;
    // The last round takes the whole tail, rather than leave a small one.
    const last = total - from < SPLIT_ROUND_BYTES * 1.5;
    const size = last ? total - from : SPLIT_ROUND_BYTES;
    const start = await segmentStart(file, Math.floor(from + size * SPLIT_AT));
    if (start === null) return null;
    const end = last ? total : ((await segmentStart(file, from + size)) ?? total);
    if (end <= start) return null;
    planned = end;
    return { from, start, end, job: askHelper(file, start, end, state) };
  };
  const rounds = [];
  const cancelAll = () => { for (const r of rounds) dropJob(r.job); };
  run.onCancel = cancelAll;
  try {
    for (let k = 0; k < 2; k += 1) {
      const r = await plan();
      if (!r) break;
      rounds.push(r);
    }
    let pos = first;
    while (rounds.length) {
      const r = rounds[0];
      let t = performance.now();
      if (!(await readSlices(run, file, onSlice, pos, r.start))) return false;
      times.own += performance.now() - t;
      t = performance.now();
      const summary = await waitJob(run, r.job);
      if (run.cancelled) return false;
      times.wait += performance.now() - t;
      t = performance.now();
      const taken = Boolean(summary) && target.joinSegment(summary);
      if (taken) {
        for (const b of r.job.batches) target.takeBatch(b);
        target.reached(r.end);
        times.joined += 1;
        times.join += performance.now() - t;
      } else {
        times.refused += 1;
      }
      dropJob(r.job);
      rounds.shift();
      // Refused (or the helper failed): the engine worker reads the segment itself.
      if (!taken && !(await readSlices(run, file, onSlice, r.start, r.end))) return false;
      pos = r.end;
      const next = await plan();
      if (next) rounds.push(next);
    }
    if (!(await readSlices(run, file, onSlice, pos, total))) return false;
    if (times.joined > 0) {
      // For the benchmark (bench/page.mjs): ms from the run's start to the helper's start,
      // the engine worker reading its own segments, waiting for the helper, taking its
      // records; segments taken and read again.
      target.stats = {
        ms: [t0 - run.t0, times.own, times.wait, times.join].map(Math.round),
        segments: [times.joined, times.refused],
      };
    }
    return true;
  } finally {
    cancelAll();
    run.onCancel = null;
  }
}

/** Helper worker: the segments asked for, read one after the other. */
const queue = [];
let reading = null;

function becomeHelper(port) {
  role = 'helper';
  port.onmessage = (e) => {
    const { type, data } = e.data || {};
    if (type === SPLIT.START) { queue.push({ ...data, cancelled: false }); pump(port); }
    else if (type === SPLIT.CANCEL) {
      for (const j of queue) if (j.job === data.job) j.cancelled = true;
      if (reading && reading.job === data.job) reading.cancelled = true;
    } else if (type === SPLIT.WARM_UP) startWarmUp();
  };
  port.postMessage(message(SPLIT.READY, {}));
}

async function pump(port) {
  if (reading) return;
  stopWarmUp();
  while (queue.length) {
    reading = queue.shift();
    if (!reading.cancelled) await readSegment(port, reading);
  }
  reading = null;
}

async function readSegment(port, job) {
  let seg = null;
  try {
    seg = new engine.Segment(job.state, job.start);
    const ok = await readSlices(job, job.file, (bytes) => {
      const batch = seg.push(bytes);
      port.postMessage(message(SPLIT.BATCH, { job: job.job, batch }), [batch.buffer]);
    }, job.start, job.end);
    if (!ok) return;
    const r = seg.finish(job.final);
    port.postMessage(message(SPLIT.END, { job: job.job, batch: r.batch, summary: r.summary }), [r.batch.buffer, r.summary.buffer]);
  } catch (err) {
    // Gave up (`segment-abandoned`) or could not read: the engine worker reads it itself.
    if (!job.cancelled) port.postMessage(message(SPLIT.FAILED, { job: job.job, code: (err && err.code) || 'internal' }));
  } finally {
    if (seg) seg.free();
  }
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
    if (current.onCancel) current.onCancel();
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
  run.t0 = t0;
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
    const f = run.session.finish();
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
    case TO_WORKER.CANCEL:
      if (current && current.id === data.run) {
        current.cancelled = true;
        if (current.onCancel) current.onCancel();
      }
      break;
    case TO_WORKER.HELPER: becomeHelper(data.port); break;
    case TO_WORKER.HELPER_PORT: setHelperPort(data.port); break;
    case TO_WORKER.HELPER_LOST: loseHelper(); break;
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
