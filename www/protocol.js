// The page ↔ worker protocol: tagged messages `{type, data}` (docs/worker-protocol.md).
// Shared by the page bundle and both worker scripts (engine worker, helper worker), so every
// side uses the same names. Download names and MIME types live in www/artifacts.js.

/** Page → worker message types. */
export const TO_WORKER = Object.freeze({
  START: 'start',
  CANCEL: 'cancel',
  FINDINGS_CSV: 'findings-csv',
  INSPECT: 'inspect',
  /** Would a pseudonymisation refuse this file read with this mapping? `{run, seq, file, mapFile}`. */
  PREFLIGHT: 'preflight',
  /**
   * Which day-of-birth and case setting reproduces last year's identifiers (the `--previous`
   * probe), before the run: `{run, seq, file, previousFile, key, keyFile, options}`.
   */
  PROBE: 'probe',
  RELEASE: 'release',
  WARM_UP: 'warm-up',
  /** To the second worker: you are the helper; here is the port to the engine worker. */
  HELPER: 'helper',
  /** To the engine worker: the port to the helper. */
  HELPER_PORT: 'helper-port',
  /** To the engine worker: the helper stopped (crashed); read alone from now on. */
  HELPER_LOST: 'helper-lost',
});

/**
 * Engine worker ↔ helper worker, over their MessagePort (docs/worker-protocol.md, "Two
 * workers"): the helper reads the second part of the file and checks its records.
 */
export const SPLIT = Object.freeze({
  /** helper → engine: initialised, ready for segments. */
  READY: 'segment-ready',
  /** engine → helper: `{job, file, start, state}`. */
  START: 'segment-start',
  /** engine → helper: `{job}`. */
  CANCEL: 'segment-cancel',
  /** helper → engine: `{job, batch, end}` (encoded records; `end`: file offset read to). */
  BATCH: 'segment-batch',
  /** helper → engine: `{job, batch, summary}`. */
  END: 'segment-end',
  /** helper → engine: `{job, code}` (the engine worker reads the segment itself). */
  FAILED: 'segment-failed',
  /** engine → helper: warm up while the page is idle. */
  WARM_UP: 'segment-warm-up',
});

/** Files at least this big are checked by two workers (when a helper is there). */
export const SPLIT_MIN_BYTES = 12 * 1024 * 1024;

/**
 * Where the helper's part starts, as a fraction of the file: the engine worker also does
 * what depends on the order of records for the helper's part, so it takes a bit less.
 */
export const SPLIT_AT = 0.5;

/** Worker → page message types. */
export const TO_PAGE = Object.freeze({
  READY: 'ready',
  HEADER: 'header',
  /** The engine's answer to `preflight`: `{run, seq, refusal}`. */
  PREFLIGHT: 'preflight',
  PROGRESS: 'progress',
  FINDINGS: 'findings',
  OUTPUT: 'output',
  DONE: 'done',
  ERROR: 'error',
  CANCELLED: 'cancelled',
  CSP_VIOLATION: 'csp-violation',
  /** The answer to `probe`: `{run, seq, previous}` (the variant report) or `{run, seq, code, message}`. */
  PROBE: 'probe',
  /** The continuity check against last year's file: `{run, json, name, report}`. */
  CONTINUITY: 'continuity',
});

/**
 * Which run a message is about: a pass-1 run, the findings CSV pass, or the continuity check
 * that follows a run given last year's file; an `error` may also be about reading a header
 * line (`inspect`) or starting the engine (`init`).
 */
export const PASS = Object.freeze({ MAIN: 'main', FINDINGS: 'findings', CONTINUITY: 'continuity', INSPECT: 'inspect', INIT: 'init' });

/** Size of the slices the worker reads from the File (never the whole file at once). */
export const SLICE_BYTES = 4 * 1024 * 1024;

/** Findings per `findings` message (batched, never one message per finding). */
export const FINDINGS_BATCH = 500;

/** Builds a tagged message. */
export function message(type, data) {
  return { type, data: data === undefined ? null : data };
}
