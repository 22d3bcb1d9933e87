// The engine worker's side of "Two workers" (docs/worker-protocol.md; src/engine/split.rs):
// reading a big check with the helper worker (www/helper-worker.js).
//
// The file is cut at line starts into rounds of SPLIT_ROUND_BYTES: in each, the engine
// worker reads the first part (SPLIT_AT of it) while the helper reads the rest and runs the
// record rules on it; the engine worker then takes the helper's records in order. The helper
// works at most two segments ahead, so memory stays bounded. Anything the helper cannot do
// exactly as the engine worker would (checked in Rust at the join) makes the engine worker
// read that segment itself: the report is the same either way.

import { SPLIT, SPLIT_MIN_BYTES, SPLIT_AT, message } from './protocol.js';
import { readSlices, readExactly } from './slices.js';

/** The port to the helper, once it said it is ready. */
let helper = null;
let helperReady = false;
let nextJob = 1;
/** The helper's segments asked for and not yet taken, by job id. */
const jobs = new Map();
/** When the helper last spoke (it posts a batch every 4 MiB slice it reads). */
let helperSeen = 0;
/**
 * Silence after which a helper that owes a segment is taken for dead (a worker that stops
 * without an `error` event, e.g. closed or killed): the engine worker then reads alone.
 */
const HELPER_SILENCE_MS = 15000;

/** Bytes the engine worker reads before it can start the helper (the header is in them). */
const SPLIT_HEAD_BYTES = 64 * 1024;
/** One round: the engine worker's segment, then the helper's. */
const SPLIT_ROUND_BYTES = 16 * 1024 * 1024;

/** The port to the helper (`helper-port` from the page). */
export function setHelperPort(port) {
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

/** The helper stopped (`helper-lost`, or silent too long): read alone from now on. */
export function loseHelper() {
  if (helper) helper.close();
  helper = null;
  helperReady = false;
  for (const job of jobs.values()) job.finish(null);
}

/** Passes the page's `warm-up` on to the helper. */
export function warmUpHelper() {
  if (helper) helper.postMessage(message(SPLIT.WARM_UP, {}));
}

/** The first byte after the first line feed at or after `at` (null if none near). */
async function segmentStart(file, at) {
  if (at >= file.size) return null;
  const head = new Uint8Array(await readExactly(file, at, Math.min(file.size, at + 64 * 1024)));
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
export async function readMain(run, file, onSlice, target) {
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
