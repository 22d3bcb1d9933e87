// The page's state and its transitions, as plain data: the mode, the chosen file, the run
// (idle → reading → done | failed | cancelled, docs/spec/STYLE.md point 9), its results
// (outputs as opaque parts, the kept findings, their filters and page, the findings CSV on
// demand) and what the page says (status, error, progress) as keys that www/copy.js turns
// into French.
//
// No DOM, no worker, no timers, no clock: www/controller.js feeds it the view's events and
// the worker's messages, posts what it returns and draws what it holds. Every transition
// is tested in Node (tests/js/state.test.mjs). A transition that does not apply returns
// `{ok: false, why}` and changes nothing; a message about another run than the current one
// returns null.

/** The working modes: the page's stated size limit (it keeps outputs in memory until saved). */
export const RUN_MODES = Object.freeze({
  check: Object.freeze({ maxBytes: 2 * 1000 ** 3, needsKey: false }),
  pseudonymise: Object.freeze({ maxBytes: 500 * 1000 ** 2, needsKey: true }),
  rehash: Object.freeze({ maxBytes: 1000 ** 3, needsKey: true }),
});

/** Every mode of the page: the working modes, then the two panels. */
export const MODES = Object.freeze([...Object.keys(RUN_MODES), 'training', 'dictionary']);

/** Findings per page of the table. */
export const PAGE_SIZE = 25;

/** Findings the report keeps, as the command line (`--max-findings`). */
export const MAX_FINDINGS = 1000;

/** A training run keeps every finding (to compare them with the sample's manifest). */
export const TRAINING_MAX_FINDINGS = 1000000;

const SEVERITIES = ['error', 'warning', 'info'];
const NO_FILTERS = Object.freeze({ severity: '', code: '', variable: '', section: '' });

/** The downloads that are sent on to the ONPE or the observatory (the others are kept). */
const TRANSMIT = new Set(['download-xml', 'download-csv', 'download-odpe-xml']);

const refused = (why) => ({ ok: false, why });

/** An `error` message's code and the engine's words, if any (www/copy.js words the rest). */
const workerError = (e) => ({ key: 'worker', code: e.code, message: e.message || null });

export function isRunMode(mode) {
  return Object.prototype.hasOwnProperty.call(RUN_MODES, mode);
}

/** A fresh state: check mode, no file, no engine yet. */
export function createState() {
  return {
    mode: 'check',
    /** `idle`, `reading`, `done`, `failed` or `cancelled`. */
    phase: 'idle',
    /** The engine worker said `ready` (and has not been replaced since). */
    ready: false,
    /** The engine's variables (`{code, label}`) and finding catalogue (code → entry). */
    variables: [],
    labels: new Map(),
    catalogue: new Map(),
    file: null,
    /** `file` is an invented training file (not carried over into the working modes). */
    trainingFile: false,
    /** The header of `file` (`header` message: `{format, headers, sheets, sheet…}`), once read. */
    header: null,
    /**
     * The chosen file is no Olinpe file, decided from its header (www/mapping.js
     * `notOlinpe`: `{reason, known}`), or null; the run button stays disabled, unless the
     * person chose to map its columns anyway (`unfitOverridden`).
     */
    unfit: null,
    unfitOverridden: false,
    /** The worksheet chosen in a workbook (null: the first). */
    sheet: null,
    /** The engine's size limit of a workbook (read whole), from its `ready`. */
    workbookMaxBytes: 0,
    runSeq: 0,
    /** The run the page listens to: messages of any other are ignored. */
    runId: 0,
    /** The last run started: `{mode, training, withDay, uppercase}`. */
    run: null,
    /** Its results: output parts by file id, then the `done` message. */
    outputs: new Map(),
    done: null,
    findings: [],
    findingsTotal: 0,
    findingsTruncated: false,
    /** The findings CSV made on demand (check): `{parts, running, ready}`, else null. */
    findingsCsv: null,
    /**
     * The continuity check against last year's file that follows a run given one:
     * `{phase: 'reading'|'done'|'failed'|'cancelled', progress, report, json, name, level,
     * error}`, else null.
     */
    continuity: null,
    filters: NO_FILTERS,
    page: 0,
    /** Information findings are folded until asked for. */
    showInfo: false,
    /**
     * Before a pseudonymisation, the engine's answer for the current file and column
     * mapping (`preflight` message): `{seq, pending, refusal}`, `refusal` being `{code,
     * message, columns}` or null. Asked again whenever the mapping changes.
     */
    preflight: null,
    preflightSeq: 0,
    /**
     * Last year's file analysed before the run (pseudonymise): `{seq, phase: 'running' |
     * 'done' | 'failed', previous, error}`, or null; `previous` is the variant report.
     */
    probe: null,
    probeSeq: 0,
    /** The transmission files of a `bloquant` run are offered only once confirmed. */
    confirmed: false,
    /** The last quarter of progress announced on the status line. */
    lastAnnounced: -1,
    /** What the page says: `{key, …}` (keys of www/copy.js), or null. */
    status: null,
    error: null,
    /** `{percent, stage, bytes, total, rows}`, `{percent: 100, doneRows}` or `{percent: 0}`. */
    progress: null,
  };
}

/** The page's model: the state and its transitions. */
export function createModel(state = createState()) {
  const s = state;
  const say = (key, params) => { s.status = { key, ...params }; };

  function findingsCsvRunning() {
    return Boolean(s.findingsCsv && s.findingsCsv.running);
  }

  function continuityRunning() {
    return Boolean(s.continuity && s.continuity.phase === 'reading');
  }

  /** A run, a findings CSV pass or a continuity check is going on (the controls are locked). */
  function running() {
    return s.phase === 'reading' || findingsCsvRunning() || continuityRunning();
  }

  function sizeOk() {
    const m = RUN_MODES[s.mode];
    return !m || !s.file || s.file.size <= m.maxBytes;
  }

  /** Says whether the file is too big for the mode (the error box), or clears it. */
  function checkSize() {
    const m = RUN_MODES[s.mode];
    if (!m || !s.file) return true;
    if (s.file.size > m.maxBytes) {
      s.error = { key: 'too-big', size: s.file.size, max: m.maxBytes };
      return false;
    }
    s.error = null;
    return true;
  }

  /**
   * Forgets the results. Returns `{release}`: whether the worker still holds a finished
   * run (and its key) to free.
   */
  function resetResults() {
    const release = Boolean(s.done && s.ready);
    s.outputs = new Map();
    s.findings = [];
    s.findingsTotal = 0;
    s.findingsTruncated = false;
    s.findingsCsv = null;
    s.continuity = null;
    s.done = null;
    s.page = 0;
    s.showInfo = false;
    s.confirmed = false;
    if (s.phase !== 'reading') s.phase = 'idle';
    return { release };
  }

  function beginRun(run) {
    s.run = run;
    s.phase = 'reading';
    s.runId = ++s.runSeq;
    s.lastAnnounced = -1;
    s.progress = { percent: 0 };
  }

  function fail(error) {
    const training = s.run ? s.run.training : null;
    if (s.run) s.run.training = null;
    s.phase = 'failed';
    s.outputs = new Map();
    if (s.findingsCsv) s.findingsCsv.running = false;
    s.continuity = null;
    say('failed');
    s.error = error;
    return training;
  }

  /** The kept findings the filters select: errors, then warnings, then information, each
   * in the report's order; information only when unfolded or asked for by a filter. */
  function filtered() {
    const f = s.filters;
    const infoAsked = s.showInfo || f.severity === 'info'
      || (f.code && (s.catalogue.get(f.code) || {}).severity === 'info');
    const items = s.findings.filter((x) => (!f.severity || x.severity === f.severity)
      && (!f.code || x.code === f.code)
      && (!f.variable || x.variable === f.variable)
      && (!f.section || x.section === f.section)
      && (infoAsked || x.severity !== 'info'));
    const rank = (x) => SEVERITIES.indexOf(x.severity);
    return items.map((x, i) => [x, i]).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([x]) => x);
  }

  /** The refusal the current file would meet in pseudonymise, or null. */
  function refusal() {
    return s.mode === 'pseudonymise' && s.preflight && s.preflight.refusal ? s.preflight.refusal : null;
  }

  /** The finished run's verdict (`{level, reasons}`), or null. */
  function verdict() {
    return (s.done && s.done.report && s.done.report.verdict) || null;
  }

  const model = {
    state: s,
    running,

    /**
     * The run button: a working mode, the engine ready, a file within the mode's limit, and
     * in pseudonymise no refusal of the engine for this file and mapping.
     */
    canRun() {
      return Boolean(isRunMode(s.mode) && s.ready && s.file && !running() && sizeOk() && !refusal() && !model.unfit());
    },

    /** Why the chosen file is taken for no Olinpe file (`{reason, known}`), or null. */
    unfit() {
      return s.unfit && !s.unfitOverridden ? s.unfit : null;
    },

    /** « Associer les colonnes moi-même »: a text file with few known columns mapped anyway. */
    overrideUnfit() {
      if (!s.unfit || s.unfit.reason !== 'few-columns') return refused('not-unfit');
      s.unfitOverridden = true;
      if (s.phase === 'idle') say('file-chosen');
      return { ok: true };
    },

    refusal,
    verdict,

    // --- the preflight (pseudonymise's refusals, before the run) -----------------------------
    /**
     * Asks the engine whether a pseudonymisation would refuse the current file read with
     * `mapFile` (the `--map-file` text, or null). Returns the `preflight` message's data
     * (`{run, seq, file, mapFile}`), or null when there is nothing to ask.
     */
    requestPreflight(mapFile) {
      if (!s.ready || !s.file || s.trainingFile || model.unfit()) return null;
      s.preflightSeq += 1;
      s.preflight = { seq: s.preflightSeq, pending: true, refusal: s.preflight ? s.preflight.refusal : null };
      return { run: s.runId, seq: s.preflightSeq, file: s.file, mapFile: mapFile || null, sheet: s.sheet || (s.header && s.header.sheet) || null };
    },

    /** `preflight`: the engine's answer; false when it is about another file or mapping. */
    preflightResult(p) {
      if (p.run !== s.runId || !s.preflight || p.seq !== s.preflight.seq) return false;
      s.preflight = { seq: p.seq, pending: false, refusal: p.refusal || null };
      return true;
    },

    // --- last year's file first (the `--previous` probe before the run) ----------------------
    /**
     * What the probe needs, from the form (`previousFile`, `key`, `keyFile`) and the model
     * (mode, file, mapping `mapFile`): `{ask}` (the `probe` message's data) when it can run,
     * else `{wait}`: `no-previous` (first sending), `no-file`, `no-key`, or null when it is
     * not this mode's.
     */
    requestProbe({ previousFile, key, keyFile, mapFile }) {
      if (s.mode !== 'pseudonymise' || !s.ready) { s.probe = null; return { wait: null }; }
      s.probeSeq += 1;
      if (!previousFile) { s.probe = null; return { wait: 'no-previous' }; }
      if (!s.file || s.trainingFile || model.unfit()) { s.probe = null; return { wait: 'no-file' }; }
      if (!key && !keyFile) { s.probe = null; return { wait: 'no-key' }; }
      s.probe = { seq: s.probeSeq, phase: 'running', previous: null, error: null };
      return {
        ask: {
          run: s.runId,
          seq: s.probeSeq,
          file: s.file,
          previousFile,
          key: key || null,
          keyFile: keyFile || null,
          options: {
            mode: 'pseudonymise', inputName: s.file.name, year: null, maxFindings: 1, mapFile: mapFile || null,
            repair: false, withDay: false, uppercase: false, dateExport: '2000-01-01', corrections: false,
            dossiers: false, training: false, limits: { maxFileBytes: RUN_MODES.pseudonymise.maxBytes }, sheet: s.sheet,
          },
        },
      };
    },

    /** A run starts: it makes the same comparison, an analysis still running is dropped. Returns whether one was. */
    dropProbe() {
      const was = Boolean(s.probe && s.probe.phase === 'running');
      if (was) s.probe = null;
      return was;
    },

    /** `probe`: the engine's answer; null when it is about another file or request. */
    probeResult(p) {
      if (!s.probe || p.run !== s.runId || p.seq !== s.probe.seq) return null;
      s.probe = p.previous
        ? { seq: p.seq, phase: 'done', previous: p.previous, error: null }
        : { seq: p.seq, phase: 'failed', previous: null, error: { code: p.code || 'internal', message: p.message || null } };
      return s.probe;
    },

    // --- the engine worker ---------------------------------------------------------------
    /** `ready`: returns the header read to ask for (`{run, file}`) or null. */
    engineReady(info) {
      s.ready = true;
      s.variables = info.variables || [];
      s.labels = new Map(s.variables.map((v) => [v.code, v.label]));
      s.catalogue = new Map((info.catalogue || []).map((c) => [c.code, c]));
      s.workbookMaxBytes = info.workbookMaxBytes || 0;
      if (s.phase === 'idle') say(s.file ? 'ready' : 'choose');
      return { inspect: s.file && !s.header ? { run: s.runId, file: s.file, sheet: s.sheet } : null };
    },

    /** The engine worker is being replaced: not ready until its successor says so. */
    engineLost() {
      s.ready = false;
    },

    /** The engine worker stopped on its own (an `error` event): the run, if any, failed. */
    engineCrashed() {
      s.ready = false;
      return { training: fail({ key: 'crashed' }) };
    },

    // --- mode and file -------------------------------------------------------------------
    /**
     * `keep`: back to a mode without losing the finished run's report (from the
     * dictionary). Returns `{ok, reset, fileCleared, showResults}`.
     */
    setMode(mode, keep = false) {
      if (!MODES.includes(mode)) return refused('unknown-mode');
      if (s.phase === 'reading') return refused('running');
      const reset = isRunMode(mode) && !keep;
      if (reset && findingsCsvRunning()) return refused('running');
      s.mode = mode;
      const out = { ok: true, reset: null, fileCleared: false, showResults: false };
      if (isRunMode(mode)) {
        if (!keep) out.reset = resetResults();
        // An invented training file is not carried over into the working modes.
        if (!keep && s.trainingFile) {
          s.file = null;
          s.trainingFile = false;
          out.fileCleared = true;
          say('choose');
        }
        checkSize();
      }
      if (keep && s.phase === 'done' && s.done) out.showResults = true;
      return out;
    },

    /**
     * A file chosen or dropped. Returns `{ok, reset, inspect}` (`inspect`: `{run, file,
     * sheet}`, the `inspect` message's data).
     */
    chooseFile(file) {
      if (running()) return refused('running');
      s.file = file;
      s.trainingFile = false;
      s.header = null;
      s.unfit = null;
      s.unfitOverridden = false;
      s.preflight = null;
      s.probe = null;
      s.sheet = null;
      s.runId = ++s.runSeq;
      const reset = resetResults();
      if (file.size === 0) {
        s.error = { key: 'empty-file' };
        s.file = null;
        return { ok: true, reset, inspect: null };
      }
      if (checkSize()) say('file-chosen');
      return { ok: true, reset, inspect: s.ready ? { run: s.runId, file, sheet: null } : null };
    },

    /**
     * A worksheet chosen in the workbook (its name): its header is read again. Returns
     * `{ok, reset, inspect}` as `chooseFile`.
     */
    chooseSheet(name) {
      if (running()) return refused('running');
      if (!s.file || !s.header || !Array.isArray(s.header.sheets) || !s.header.sheets.includes(name)) {
        return refused('no-such-sheet');
      }
      s.sheet = name;
      s.header = null;
      s.runId = ++s.runSeq;
      const reset = resetResults();
      return { ok: true, reset, inspect: s.ready ? { run: s.runId, file: s.file, sheet: name } : null };
    },

    /**
     * The header is to be looked for again (an imported mapping names other headers):
     * returns `{ok, reset, inspect}` as `chooseFile` (a finished run's results go: they
     * were made with another mapping).
     */
    reinspect() {
      if (running() || !s.file || !s.ready) return refused('not-now');
      s.header = null;
      s.runId = ++s.runSeq;
      const reset = resetResults();
      return { ok: true, reset, inspect: { run: s.runId, file: s.file, sheet: s.sheet } };
    },

    /**
     * `header`: the file's header; null when it is about another file. `unfit`: whether it
     * is no Olinpe file (www/mapping.js `notOlinpe`), said at once on the status line.
     */
    header(h, unfit = null) {
      if (h.run !== s.runId) return null;
      s.header = h;
      s.unfit = unfit;
      s.unfitOverridden = false;
      if (unfit && s.phase === 'idle') say('not-olinpe');
      return h;
    },

    /** The worksheets to choose from: `{sheets, chosen}` when the workbook has several, else null. */
    sheetChoice() {
      const h = s.header;
      if (!h || !Array.isArray(h.sheets) || h.sheets.length < 2) return null;
      return { sheets: h.sheets, chosen: h.sheet || h.sheets[0] };
    },

    /** The header is a CSV's or a workbook's: the column mapping applies to it. */
    mappable() {
      return Boolean(s.header && ['csv', 'xlsx', 'ods'].includes(s.header.format));
    },

    /** The mapping step's own messages. */
    mappingImported({ lines, problems, missing }) {
      s.error = problems.length || missing ? { key: 'mapping-notes', problems, missing } : null;
      say('mapping-imported', { lines });
    },
    mappingRefused(why) {
      s.error = why === 'unreadable' ? { key: 'mapping-unreadable' } : { key: 'mapping-needs-csv' };
    },
    mappingForgotten() {
      say('mapping-forgotten');
    },

    // --- a run ---------------------------------------------------------------------------
    /**
     * Starts a run of the current working mode. `form`: what the person chose
     * (`withDay, uppercase, repair, year, exportDate, key, keyFile, previousFile`), plus
     * `mapFile` (the `--map-file` text of the mapping step, or null) and `today`
     * (`AAAA-MM-JJ`, the export date's default). Returns `{ok, reset, start}`: `start` is
     * the `start` message's data. Last year's file, in check and pseudonymise, is compared
     * with this year's after the run (the continuity check).
     */
    startRun(form) {
      const m = RUN_MODES[s.mode];
      if (!m) return refused('not-a-run-mode');
      if (!s.ready) return refused('not-ready');
      if (!s.file) return refused('no-file');
      if (running()) return refused('running');
      if (!checkSize()) return refused('too-big');
      if (m.needsKey && !form.key && !form.keyFile) {
        s.error = { key: 'key-missing' };
        return refused('key-missing');
      }
      if (form.year !== null && !(Number.isInteger(form.year) && form.year >= 1900 && form.year <= 2100)) {
        s.error = { key: 'year-invalid' };
        return refused('year-invalid');
      }
      const mode = s.mode;
      const options = {
        mode,
        inputName: s.file.name,
        year: mode === 'rehash' ? null : form.year,
        maxFindings: MAX_FINDINGS,
        mapFile: form.mapFile || null,
        repair: mode !== 'rehash' && Boolean(form.repair),
        withDay: mode === 'pseudonymise' && Boolean(form.withDay),
        uppercase: mode === 'pseudonymise' && Boolean(form.uppercase),
        dateExport: mode === 'pseudonymise' ? (form.exportDate || form.today) : null,
        // The internal corrections list (--corrections): in check, made with the findings
        // CSV when asked for; in pseudonymise, when its box is ticked (the receipt lists it).
        corrections: mode === 'check' || (mode === 'pseudonymise' && Boolean(form.corrections)),
        // The « N° de dossier » column (on screen only).
        dossiers: mode !== 'rehash',
        training: false,
        // The engine enforces the stated limit too, with its own French message.
        limits: { maxFileBytes: m.maxBytes },
        sheet: s.sheet,
      };
      const reset = resetResults();
      s.error = null;
      beginRun({ mode, training: null, withDay: options.withDay, uppercase: options.uppercase, corrections: options.corrections });
      const previousFile = mode !== 'rehash' ? (form.previousFile || null) : null;
      if (previousFile) s.continuity = { phase: 'reading', progress: null, report: null, json: null, name: null, level: null, error: null };
      say('reading');
      return {
        ok: true,
        reset,
        start: {
          run: s.runId,
          file: s.file,
          options,
          key: m.needsKey ? (form.key || null) : null,
          keyFile: m.needsKey ? (form.keyFile || null) : null,
          previousFile,
        },
      };
    },

    /**
     * Training (www/training.js): an invented file checked with fixed options, every finding
     * kept. `training` is what the panel wants back with the result; `previousFile`: last
     * year's invented file (the continuity pair), compared after the check. Returns as
     * `startRun`.
     */
    startTraining(file, training, previousFile = null) {
      if (!s.ready) return refused('not-ready');
      if (running()) return refused('running');
      s.file = file;
      s.trainingFile = true;
      s.header = null;
      const reset = resetResults();
      s.error = null;
      beginRun({ mode: s.mode, training, withDay: false, uppercase: false });
      if (previousFile) s.continuity = { phase: 'reading', progress: null, report: null, json: null, name: null, level: null, error: null };
      return {
        ok: true,
        reset,
        start: {
          run: s.runId,
          file,
          options: {
            mode: 'check', inputName: file.name, year: null, maxFindings: TRAINING_MAX_FINDINGS, mapFile: null,
            withDay: false, uppercase: false, dateExport: null, training: true, dossiers: true,
            limits: { maxFileBytes: RUN_MODES.check.maxBytes },
          },
          key: null,
          keyFile: null,
          previousFile,
        },
      };
    },

    /**
     * Cancel clicked: returns `{ok, run, stuck}` (the run to cancel). `stuck`: the engine
     * is reading a workbook's sheet in one call and cannot hear the cancel, so the worker
     * is to be replaced (then `cancelled` is the controller's to call).
     */
    cancel() {
      if (!running()) return refused('not-running');
      say(continuityRunning() && s.phase === 'done' ? 'continuity-cancelling' : 'cancelling');
      const stage = s.progress && s.progress.stage;
      return { ok: true, run: s.runId, stuck: s.phase !== 'done' && (stage === 'sheet' || stage === 'findings-sheet') };
    },

    /** `progress`. False when about another run. */
    progress(p) {
      if (p.run !== s.runId) return false;
      if (p.pass === 'continuity') {
        if (!continuityRunning()) return false;
        s.continuity.progress = { percent: p.percent, stage: p.stage, bytes: p.bytes, total: p.total, rows: p.rows };
        return true;
      }
      s.progress = { percent: p.percent, stage: p.stage, bytes: p.bytes, total: p.total, rows: p.rows };
      if (findingsCsvRunning()) return true;
      // Announce every quarter, not every slice: a screen reader would be flooded.
      const step = Math.floor(p.percent / 25);
      if (step > s.lastAnnounced && p.percent < 100) {
        s.lastAnnounced = step;
        say('progress', { percent: p.percent });
      }
      return true;
    },

    /** `output`: a piece of an output file (a Blob made by the worker, kept as is). */
    output(o) {
      if (o.run !== s.runId) return false;
      if (o.pass === 'findings' && findingsCsvRunning()) {
        const fc = s.findingsCsv;
        (o.file === 'corrections' ? fc.corrections : fc.parts).push(o.blob);
        return true;
      }
      if (!s.outputs.has(o.file)) s.outputs.set(o.file, []);
      s.outputs.get(o.file).push(o.blob);
      return true;
    },

    /** `findings`: a batch of the report's kept findings. */
    findings(f) {
      if (f.run !== s.runId) return false;
      s.findings.push(...f.findings);
      s.findingsTotal = f.total;
      s.findingsTruncated = f.truncated;
      return true;
    },

    /**
     * `done` of pass 1. Returns `{training, summaryMode, shown}` (`shown`: the report is shown
     * at once; an exercise shows it later), or null.
     */
    done(d) {
      if (d.run !== s.runId || s.phase !== 'reading') return null;
      const training = s.run.training;
      s.run.training = null;
      s.phase = 'done';
      s.done = d;
      s.page = 0;
      s.confirmed = false;
      s.findingsCsv = s.run.mode !== 'rehash' && !d.findingsCsv ? { parts: [], corrections: [], running: false, ready: false, want: null } : null;
      s.progress = { percent: 100, doneRows: d.rows };
      // A run that was not given last year's file after all (the worker says so) has no
      // continuity check to wait for.
      if (s.continuity && !d.continuity) s.continuity = null;
      const level = d.report && d.report.verdict && s.run.mode !== 'rehash' ? d.report.verdict.level : null;
      say('done', { rows: d.rows, errors: d.errors, warnings: d.warnings, exitStatus: d.exitStatus, level });
      return { training, summaryMode: training ? 'check' : s.run.mode, shown: !(training && training.hideReport) };
    },

    // --- the continuity check (after a run given last year's file) -----------------------
    /** A continuity check follows the finished run (or is running). */
    continuityExpected() {
      return Boolean(s.continuity);
    },

    /**
     * `continuity`: the check's result `{json, name, mime, level, report}`. Returns the
     * state's continuity (to draw), or null when it is about another run.
     */
    continuityDone(c) {
      if (c.run !== s.runId || !continuityRunning()) return null;
      Object.assign(s.continuity, {
        phase: 'done', progress: null, report: c.report, json: c.json, name: c.name, mime: c.mime || 'application/json', level: c.level,
      });
      say('continuity-done', { level: c.level });
      return s.continuity;
    },

    /** The continuity check's parts, in the page's order (for the view). */
    continuityView() {
      const c = s.continuity;
      if (!c || c.phase !== 'done' || !c.report) return null;
      const r = c.report;
      return {
        level: r.verdict.level,
        reasons: r.verdict.reasons,
        previous: r.previous,
        current: r.current,
        chaining: r.chaining,
        open: r.open_measures,
        identityChanges: r.identity_changes,
        numanonymantUnknown: r.numanonymant_unknown,
        endsWithoutOpening: r.ends_without_opening,
        flagged: r.indicators.filter((i) => i.flag),
        findings: r.findings,
        findingsTotal: r.findings_total,
      };
    },

    /**
     * What the finished run gives to download, in the page's order: `{testid, file, parts}`
     * (`parts`: for one Blob), or `{testid, file, onDemand: true, count}` for the findings
     * CSV that a second reading makes when asked.
     */
    downloads() {
      const d = s.done;
      if (!d) return [];
      const mode = s.run.mode;
      const out = (id) => s.outputs.get(id);
      const list = [];
      const add = (testid, file, parts) => { if (parts && parts.length) list.push({ testid, file, parts }); };
      if (mode === 'pseudonymise') {
        add('download-xml', 'transmission-xml', out('transmission-xml'));
        add('download-csv', 'transmission-csv', out('transmission-csv'));
        if (d.odpe) add('download-odpe-xml', 'odpe-xml', out('odpe-xml'));
        add('download-receipt', 'receipt-json', [d.receiptJson]);
        add('download-receipt-txt', 'receipt-txt', [d.receiptText]);
      }
      if (mode === 'rehash') {
        add('download-rehash', 'rehashed', out('rehashed'));
        add('download-rehash-receipt', 'rehash-receipt', [d.receiptJson]);
      }
      if (mode === 'check') add('download-repaired', 'repaired', out('repaired'));
      if (mode !== 'rehash') {
        add('download-report-json', 'report-json', [d.reportJson]);
        if (d.findingsCsv) add('download-findings-csv', 'findings-csv', out('findings-csv') || [new Uint8Array(0)]);
        else list.push({ testid: 'download-findings-csv', file: 'findings-csv', onDemand: true, count: d.errors + d.warnings + d.infos });
        // The internal corrections list: made by the findings pass with the case numbers.
        if (mode === 'pseudonymise' && s.run.corrections) add('download-corrections', 'corrections', out('corrections') || [new Uint8Array(0)]);
        if (mode === 'check' && d.hasNumdo) list.push({ testid: 'download-corrections', file: 'corrections', onDemand: true, count: d.errors + d.warnings + d.infos });
      }
      for (const dl of list) dl.transmit = TRANSMIT.has(dl.testid);
      return list;
    },

    /** True while a `bloquant` run's transmission files wait for the explicit confirmation. */
    transmissionGated() {
      const v = verdict();
      return Boolean(v && v.level === 'bloquant' && !s.confirmed && s.run && s.run.mode === 'pseudonymise');
    },

    /** « Transmettre quand même » confirmed: the transmission files are offered. */
    confirmTransmission() {
      if (!verdict()) return refused('no-run');
      s.confirmed = true;
      return { ok: true };
    },

    /**
     * The identifier settings a reason of the verdict recommends (`{withDay, uppercase}`),
     * or null: the page then offers « Relancer avec les réglages recommandés ».
     */
    recommendedSettings() {
      const v = verdict();
      const r = v && (v.reasons || []).find((x) => x.settings);
      if (!r || !s.run || s.run.mode !== 'pseudonymise') return null;
      return { withDay: Boolean(r.settings.with_day), uppercase: Boolean(r.settings.uppercase) };
    },

    /** The report is there to show (the training panel's "show the report"). */
    hasReport() {
      return s.phase === 'done' && Boolean(s.done);
    },

    // --- the findings CSV on demand ------------------------------------------------------
    /**
     * Its button clicked: `{ok, action: 'download'}` when it is already made, `{ok, action:
     * 'start', run}` to make it (the `findings-csv` message).
     */
    requestFindingsCsv(want = 'findings-csv') {
      const fc = s.findingsCsv;
      if (!fc) return refused('no-findings-csv');
      if (fc.running || continuityRunning()) return refused('running');
      fc.want = want;
      if (fc.ready) return { ok: true, action: 'download', want };
      fc.running = true;
      fc.parts = [];
      fc.corrections = [];
      s.progress = { percent: 0 };
      say('findings-csv-preparing');
      return { ok: true, action: 'start', run: s.runId };
    },

    /**
     * `done` of the findings pass: returns `{parts, corrections, want}` (the findings CSV's
     * and the corrections list's parts, each for one Blob, and which was asked for), or null.
     */
    findingsCsvDone(d) {
      const fc = s.findingsCsv;
      if (d.run !== s.runId || !fc || !fc.running) return null;
      const out = { parts: fc.parts, corrections: fc.corrections, want: fc.want || 'findings-csv' };
      fc.running = false;
      fc.ready = true;
      fc.parts = [];
      fc.corrections = [];
      if (out.want === 'corrections') say('corrections-ready');
      else say('findings-csv-ready');
      return out;
    },

    // --- failures ------------------------------------------------------------------------
    /**
     * `error`. Returns `{restart, about, training}`: `restart` when the engine trapped (its
     * worker is to be replaced); `about`: `init`, `inspect`, `findings`, `main`, or
     * `other-run` (ignored); `training`: the training run that failed.
     */
    error(e) {
      const out = { restart: Boolean(e.fatal), about: 'other-run', training: null };
      if (e.pass === 'init') {
        s.phase = 'failed';
        say('init-failed');
        s.error = workerError(e);
        out.about = 'init';
        return out;
      }
      if (e.run !== s.runId) return out;
      if (e.pass === 'continuity') {
        if (!continuityRunning()) return out;
        s.continuity.phase = 'failed';
        s.continuity.progress = null;
        s.continuity.error = { key: 'continuity', which: e.which === 'current' ? 'current' : 'previous', code: e.code, message: e.message || null };
        say('continuity-failed');
        out.about = 'continuity';
        return out;
      }
      if (e.pass === 'inspect') {
        s.error = workerError(e);
        out.about = 'inspect';
        return out;
      }
      if (e.pass === 'findings' && s.findingsCsv) {
        s.findingsCsv.running = false;
        s.findingsCsv.parts = [];
        s.findingsCsv.corrections = [];
        say('findings-csv-failed');
        s.error = workerError(e);
        out.about = 'findings';
        return out;
      }
      out.about = 'main';
      out.training = fail(workerError(e));
      return out;
    },

    /** `cancelled`. Returns `{about: 'findings'|'continuity'|'main', training}`, or null. */
    cancelled(c) {
      if (c.run !== s.runId) return null;
      if (c.pass === 'continuity') {
        if (!continuityRunning()) return null;
        s.continuity.phase = 'cancelled';
        s.continuity.progress = null;
        say('continuity-cancelled');
        return { about: 'continuity', training: null };
      }
      if (findingsCsvRunning()) {
        s.findingsCsv.running = false;
        s.findingsCsv.parts = [];
        s.findingsCsv.corrections = [];
        say('findings-csv-cancelled');
        return { about: 'findings', training: null };
      }
      if (s.phase !== 'reading') return null;
      const training = s.run.training;
      s.run.training = null;
      s.phase = 'cancelled';
      s.outputs = new Map();
      s.continuity = null;
      s.progress = { percent: 0 };
      say('cancelled');
      return { about: 'main', training };
    },

    // --- the findings table --------------------------------------------------------------
    /**
     * The filters' choices: the severities, codes (`[code, French title]`, by title),
     * variables and ONPE sections of the kept findings.
     */
    filterChoices() {
      const uniq = (xs) => [...new Set(xs)].sort();
      const title = (c) => (s.catalogue.get(c) || {}).title || c;
      return {
        severities: SEVERITIES.filter((sev) => s.findings.some((x) => x.severity === sev)),
        codes: uniq(s.findings.map((x) => x.code)).map((c) => [c, title(c)]).sort((a, b) => a[1].localeCompare(b[1], 'fr')),
        variables: uniq(s.findings.map((x) => x.variable).filter(Boolean)),
        sections: uniq(s.findings.map((x) => x.section).filter(Boolean)),
      };
    },

    /** The filters chosen (empty string: any); back to the first page. */
    setFilters({ severity = '', code = '', variable = '', section = '' } = {}) {
      s.filters = { severity, code, variable, section };
      s.page = 0;
    },

    /** A row of « À corriger en priorité » opened: the findings of its code and variable. */
    filterPriority(p) {
      const vars = p.variables || [];
      model.setFilters({ code: p.code, variable: vars.length === 1 ? vars[0] : '' });
      return s.filters;
    },

    /** An ONPE audit section opened: its findings. */
    filterSection(section) {
      model.setFilters({ section });
      return s.filters;
    },

    /** Shows or folds the information findings. */
    setShowInfo(on) {
      s.showInfo = Boolean(on);
      s.page = 0;
    },

    /** The kept information findings that the table folds (0 when shown). */
    foldedInfo() {
      if (s.showInfo) return 0;
      return s.findings.filter((x) => x.severity === 'info').length;
    },

    /** Next (+1) or previous (−1) page; kept within the pages by `findingsPage`. */
    turnPage(delta) {
      s.page += delta;
    },

    /** The page to show: `{items, page, pages, matched}` (0-based page, at most PAGE_SIZE items). */
    findingsPage() {
      const items = filtered();
      const pages = Math.ceil(items.length / PAGE_SIZE);
      s.page = Math.max(0, Math.min(s.page, pages - 1));
      return { items: items.slice(s.page * PAGE_SIZE, (s.page + 1) * PAGE_SIZE), page: s.page, pages, matched: items.length };
    },

    /** How many findings there are, how many are kept here, and whether some were left out. */
    findingsCount() {
      return { total: s.findingsTotal, shown: s.findings.length, truncated: s.findingsTruncated };
    },

    /** The rows of « À corriger en priorité » (the report's `priorities`). */
    priorities() {
      return (s.done && s.done.report && s.done.report.priorities) || [];
    },

    /**
     * The findings summarised by code for the printed report: `{code, title, severity,
     * section, count}`, errors first, then warnings, then information, the most frequent
     * first within each.
     */
    findingsByCode() {
      const counts = (s.done && s.done.report && s.done.report.counts) || {};
      return Object.keys(counts).map((code) => {
        const c = s.catalogue.get(code) || {};
        return { code, title: c.title || code, severity: c.severity || '', section: c.onpeSection || null, count: counts[code] };
      }).sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.count - a.count || (a.code < b.code ? -1 : 1));
    },

    /** Each code that fired, with its title, severity, explanation and count. */
    explanations() {
      const counts = (s.done && s.done.report && s.done.report.counts) || {};
      return Object.keys(counts).sort().map((code) => {
        const c = s.catalogue.get(code) || {};
        return { code, title: c.title || code, severity: c.severity || '', explanation: c.explanation || '', count: counts[code] };
      });
    },
  };
  return model;
}
