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
const NO_FILTERS = Object.freeze({ severity: '', code: '', variable: '' });

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
    filters: NO_FILTERS,
    page: 0,
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

  /** A run or a findings CSV pass is going on (the controls are locked). */
  function running() {
    return s.phase === 'reading' || findingsCsvRunning();
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
    s.done = null;
    s.page = 0;
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
    say('failed');
    s.error = error;
    return training;
  }

  function filtered() {
    const f = s.filters;
    return s.findings.filter((x) => (!f.severity || x.severity === f.severity)
      && (!f.code || x.code === f.code)
      && (!f.variable || x.variable === f.variable));
  }

  const model = {
    state: s,
    running,

    /** The run button: a working mode, the engine ready, a file within the mode's limit. */
    canRun() {
      return Boolean(isRunMode(s.mode) && s.ready && s.file && !running() && sizeOk());
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

    /** `header`: the file's header; null when it is about another file. */
    header(h) {
      if (h.run !== s.runId) return null;
      s.header = h;
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
     * the `start` message's data.
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
        training: false,
        // The engine enforces the stated limit too, with its own French message.
        limits: { maxFileBytes: m.maxBytes },
        sheet: s.sheet,
      };
      const reset = resetResults();
      s.error = null;
      beginRun({ mode, training: null, withDay: options.withDay, uppercase: options.uppercase });
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
          previousFile: mode === 'pseudonymise' ? (form.previousFile || null) : null,
        },
      };
    },

    /**
     * Training (www/training.js): an invented file checked with fixed options, every finding
     * kept. `training` is what the panel wants back with the result. Returns as `startRun`.
     */
    startTraining(file, training) {
      if (!s.ready) return refused('not-ready');
      if (running()) return refused('running');
      s.file = file;
      s.trainingFile = true;
      s.header = null;
      const reset = resetResults();
      s.error = null;
      beginRun({ mode: s.mode, training, withDay: false, uppercase: false });
      return {
        ok: true,
        reset,
        start: {
          run: s.runId,
          file,
          options: {
            mode: 'check', inputName: file.name, year: null, maxFindings: TRAINING_MAX_FINDINGS, mapFile: null,
            withDay: false, uppercase: false, dateExport: null, training: true,
            limits: { maxFileBytes: RUN_MODES.check.maxBytes },
          },
          key: null,
          keyFile: null,
          previousFile: null,
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
      say('cancelling');
      const stage = s.progress && s.progress.stage;
      return { ok: true, run: s.runId, stuck: stage === 'sheet' || stage === 'findings-sheet' };
    },

    /** `progress`. False when about another run. */
    progress(p) {
      if (p.run !== s.runId) return false;
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
        s.findingsCsv.parts.push(o.blob);
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
      s.findingsCsv = s.run.mode !== 'rehash' && !d.findingsCsv ? { parts: [], running: false, ready: false } : null;
      s.progress = { percent: 100, doneRows: d.rows };
      say('done', { rows: d.rows, errors: d.errors, warnings: d.warnings, exitStatus: d.exitStatus });
      return { training, summaryMode: training ? 'check' : s.run.mode, shown: !(training && training.hideReport) };
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
      }
      return list;
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
    requestFindingsCsv() {
      const fc = s.findingsCsv;
      if (!fc) return refused('no-findings-csv');
      if (fc.running) return refused('running');
      if (fc.ready) return { ok: true, action: 'download' };
      fc.running = true;
      fc.parts = [];
      s.progress = { percent: 0 };
      say('findings-csv-preparing');
      return { ok: true, action: 'start', run: s.runId };
    },

    /** `done` of the findings pass: returns its parts (for one Blob), or null. */
    findingsCsvDone(d) {
      const fc = s.findingsCsv;
      if (d.run !== s.runId || !fc || !fc.running) return null;
      const parts = fc.parts;
      fc.running = false;
      fc.ready = true;
      fc.parts = [];
      say('findings-csv-ready');
      return parts;
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
      if (e.pass === 'inspect') {
        s.error = workerError(e);
        out.about = 'inspect';
        return out;
      }
      if (e.pass === 'findings' && s.findingsCsv) {
        s.findingsCsv.running = false;
        s.findingsCsv.parts = [];
        say('findings-csv-failed');
        s.error = workerError(e);
        out.about = 'findings';
        return out;
      }
      out.about = 'main';
      out.training = fail(workerError(e));
      return out;
    },

    /** `cancelled`. Returns `{about: 'findings'|'main', training}`, or null. */
    cancelled(c) {
      if (c.run !== s.runId) return null;
      if (findingsCsvRunning()) {
        s.findingsCsv.running = false;
        s.findingsCsv.parts = [];
        say('findings-csv-cancelled');
        return { about: 'findings', training: null };
      }
      if (s.phase !== 'reading') return null;
      const training = s.run.training;
      s.run.training = null;
      s.phase = 'cancelled';
      s.outputs = new Map();
      s.progress = { percent: 0 };
      say('cancelled');
      return { about: 'main', training };
    },

    // --- the findings table --------------------------------------------------------------
    /** The filters' choices: the severities, codes and variables of the kept findings. */
    filterChoices() {
      const uniq = (xs) => [...new Set(xs)].sort();
      return {
        severities: SEVERITIES.filter((sev) => s.findings.some((x) => x.severity === sev)),
        codes: uniq(s.findings.map((x) => x.code)),
        variables: uniq(s.findings.map((x) => x.variable).filter(Boolean)),
      };
    },

    /** The filters chosen (empty string: any); back to the first page. */
    setFilters({ severity = '', code = '', variable = '' } = {}) {
      s.filters = { severity, code, variable };
      s.page = 0;
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
