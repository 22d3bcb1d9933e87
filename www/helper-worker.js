// The helper worker (docs/worker-protocol.md, "Two workers"): a second copy of the engine
// that reads parts of a big file during a check and computes, for each of its records, what
// depends on that record alone (src/engine/split.rs), for the engine worker to take in
// order. It talks to the engine worker over the MessagePort the page gives it (`helper`);
// to the page it says only `ready`, an `init` error, and its CSP violations.
//
// Bundled by scripts/build-page.mjs into a CLASSIC worker script after the shared prelude
// (www/worker-scope.js). Nothing here logs, stores or sends file content.

import { TO_WORKER, TO_PAGE, PASS, SPLIT, message } from './protocol.js';
import { post, forwardCspViolations, onMessages, startEngine } from './worker-scope.js';
import { readSlices } from './slices.js';
import { createWarmUp } from './warm-up.js';

forwardCspViolations('helper');

/** The wasm_bindgen exports once initialised. */
let engine = null;
/** The segments asked for, read one after the other; `reading`: the one being read. */
const queue = [];
let reading = null;
const warmUp = createWarmUp(() => engine, () => reading !== null);

function becomeHelper(port) {
  port.onmessage = (e) => {
    const { type, data } = e.data || {};
    if (type === SPLIT.START) { queue.push({ ...data, cancelled: false }); pump(port); }
    else if (type === SPLIT.CANCEL) {
      for (const j of queue) if (j.job === data.job) j.cancelled = true;
      if (reading && reading.job === data.job) reading.cancelled = true;
    } else if (type === SPLIT.WARM_UP) warmUp.start();
  };
  port.postMessage(message(SPLIT.READY, {}));
}

async function pump(port) {
  if (reading) return;
  warmUp.stop();
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

onMessages((type, data) => {
  if (type === TO_WORKER.HELPER) becomeHelper(data.port);
});

try {
  const started = startEngine();
  engine = started.engine;
  post(TO_PAGE.READY, { version: engine.version(), initMs: started.initMs });
} catch (_) {
  // The page stops this worker; the engine worker reads alone (and says so if it cannot start).
  post(TO_PAGE.ERROR, { run: null, pass: PASS.INIT, code: 'init', message: null });
}
