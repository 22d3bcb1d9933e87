// The warm-up, shared by both workers (docs/worker-protocol.md, `warm-up`).
//
// Asked by the page once it is idle after loading: the engine checks an invented file
// (`warmUpInput` in src/wasm.rs) in small steps — its second half read as a helper's segment
// and joined, as a big check does on two workers — then runs its findings pass over it. The
// browser compiles WebAssembly lazily and optimises a function only after it has run enough;
// without this, the first real run pays for that compilation and runs its first megabytes
// (and its report) in slower code. Both workers run it (each compiles its own code). Once
// per worker; it stops at once when real work starts; nothing of it is shown or kept.

const WARM_UP_ROWS = 3000;
const WARM_UP_STEP = 64 * 1024;

function* warmUpSteps(engine, state) {
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

/**
 * The warm-up of one worker: `engine()` gives the wasm-bindgen exports (null before init),
 * `busy()` says whether real work is going on. `start()` runs it once, one step per task;
 * `stop()` ends it at the next step.
 */
export function createWarmUp(engine, busy) {
  let current = null;
  let done = false;
  return {
    start() {
      if (done || busy() || !engine()) return;
      done = true;
      const state = { stopped: false, free: [] };
      current = state;
      const steps = warmUpSteps(engine(), state);
      const step = () => {
        let over = state.stopped;
        if (!over) {
          try {
            over = steps.next().done;
          } catch (_) {
            over = true; // ignored: a real run meets the same problem and reports it
          }
        }
        if (!over) { setTimeout(step, 0); return; }
        for (const o of state.free) { try { o.free(); } catch (_) { /* already freed */ } }
        state.free = [];
        if (current === state) current = null;
      };
      setTimeout(step, 0);
    },
    stop() {
      if (current) current.stopped = true;
    },
  };
}
