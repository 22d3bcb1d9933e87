// The page's state module (www/state.js), in Node: every transition, the transitions that
// must be refused, and what a run's result enables (downloads, the findings CSV on demand,
// the findings table's filters and pages).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createModel, createState, RUN_MODES, MODES, PAGE_SIZE, MAX_FINDINGS, TRAINING_MAX_FINDINGS } from '../../www/state.js';

const file = (name = 'cd75.csv', size = 1000) => ({ name, size });
const READY = { variables: [{ code: 'SEXE', label: 'Sexe' }, { code: 'TYPEV', label: 'Type' }], catalogue: [{ code: 'sexe-invalide', title: 'Sexe invalide', severity: 'error', explanation: 'Pourquoi.' }] };
const FORM = { withDay: false, uppercase: false, repair: false, year: null, exportDate: null, key: '', keyFile: null, previousFile: null, mapFile: null, today: '2025-01-15' };

/** A model with the engine ready and, unless `chosen` is null, a file chosen in `mode`. */
function ready({ mode = 'check', chosen = file() } = {}) {
  const m = createModel();
  m.engineReady(READY);
  m.setMode(mode);
  if (chosen) m.chooseFile(chosen);
  return m;
}

/** A model whose run was started (and returned its `start` message). */
function started(mode = 'check', form = {}) {
  const m = ready({ mode });
  const r = m.startRun({ ...FORM, key: mode === 'check' ? '' : 'CLE_DE_TEST', ...form });
  assert.equal(r.ok, true, JSON.stringify(r));
  return { m, r };
}

/** A `done` message of pass 1 for run `run`. */
function doneMessage(run, extra = {}) {
  return {
    run, pass: 'main', exitStatus: 1, rows: 120, errors: 3, warnings: 4, infos: 5, odpe: false,
    reportJson: new ArrayBuffer(2), receiptJson: null, receiptText: null, findingsCsv: false,
    report: { counts: { 'sexe-invalide': 3, 'code-inconnu': 1 } }, ...extra,
  };
}

/** A finished run of `mode`: outputs given as `{fileId: [parts…]}`. */
function finished(mode, { outputs = {}, done = {}, form = {} } = {}) {
  const { m, r } = started(mode, form);
  for (const [f, parts] of Object.entries(outputs)) {
    for (const blob of parts) assert.equal(m.output({ run: r.start.run, pass: 'main', file: f, blob }), true);
  }
  assert.ok(m.done(doneMessage(r.start.run, done)));
  return { m, run: r.start.run };
}

const finding = (i, severity, code, variable) => ({ code, severity, row: i + 1, line: i + 2, variable, message: `m${i}` });

// --- start, engine, modes ------------------------------------------------------------------

test('a fresh page: check mode, idle, no engine, nothing to run', () => {
  const m = createModel();
  assert.equal(m.state.mode, 'check');
  assert.equal(m.state.phase, 'idle');
  assert.equal(m.state.ready, false);
  assert.equal(m.canRun(), false);
  assert.equal(m.running(), false);
  assert.deepEqual(MODES, ['check', 'pseudonymise', 'rehash', 'training', 'dictionary']);
});

test('engine ready: labels and catalogue kept; says "choose", or "ready" and asks for the header of a file chosen before', () => {
  const a = createModel();
  assert.deepEqual(a.engineReady(READY), { inspect: null });
  assert.equal(a.state.status.key, 'choose');
  assert.equal(a.state.labels.get('SEXE'), 'Sexe');
  assert.equal(a.state.catalogue.get('sexe-invalide').title, 'Sexe invalide');

  const b = createModel();
  const f = file();
  const chosen = b.chooseFile(f);
  assert.equal(chosen.inspect, null, 'no header asked before the engine is there');
  const r = b.engineReady(READY);
  assert.deepEqual(r.inspect, { run: b.state.runId, file: f, sheet: null });
  assert.equal(b.state.status.key, 'ready');
  assert.equal(b.canRun(), true);

  b.header({ run: b.state.runId, format: 'csv', headers: ['SEXE'] });
  b.engineLost();
  assert.equal(b.canRun(), false, 'a replaced engine is not ready');
  assert.equal(b.engineReady(READY).inspect, null, 'the header is known: not asked again');
});

test('modes: each one is taken, an unknown one is refused', () => {
  const m = ready();
  for (const mode of MODES) assert.equal(m.setMode(mode).ok, true, mode);
  assert.equal(m.state.mode, 'dictionary');
  assert.deepEqual(m.setMode('formation'), { ok: false, why: 'unknown-mode' });
  assert.equal(m.state.mode, 'dictionary');
  assert.equal(m.canRun(), false, 'no run from a panel');
});

test('modes: the size limit of each mode is checked again when the mode changes', () => {
  const m = ready({ chosen: file('gros.csv', 600 * 1000 ** 2) });
  assert.equal(m.state.error, null, '600 MB is within the check limit');
  assert.equal(m.canRun(), true);
  m.setMode('pseudonymise');
  assert.deepEqual(m.state.error, { key: 'too-big', size: 600 * 1000 ** 2, max: RUN_MODES.pseudonymise.maxBytes });
  assert.equal(m.canRun(), false);
  m.setMode('rehash');
  assert.equal(m.state.error, null);
  assert.equal(m.canRun(), true);
});

test('modes: a finished run is kept for the panels and when coming back, reset when another working mode is chosen', () => {
  const { m } = finished('check');
  assert.equal(m.setMode('dictionary').reset, null);
  assert.equal(m.state.phase, 'done');
  const back = m.setMode('check', true);
  assert.deepEqual(back, { ok: true, reset: null, fileCleared: false, showResults: true });
  assert.equal(m.hasReport(), true);
  const other = m.setMode('pseudonymise');
  assert.deepEqual(other.reset, { release: true }, 'the worker frees the finished session');
  assert.equal(m.state.phase, 'idle');
  assert.equal(m.state.done, null);
  assert.deepEqual(m.downloads(), []);
  assert.equal(m.hasReport(), false);
});

test('modes: refused while a file is read', () => {
  const { m } = started();
  assert.deepEqual(m.setMode('rehash'), { ok: false, why: 'running' });
  assert.deepEqual(m.setMode('dictionary'), { ok: false, why: 'running' });
  assert.equal(m.state.mode, 'check');
});

// --- file ---------------------------------------------------------------------------------

test('choosing a file: a new run id, the results reset, its header asked for', () => {
  const { m, run } = finished('check');
  const f = file('autre.csv');
  const r = m.chooseFile(f);
  assert.equal(r.ok, true);
  assert.deepEqual(r.reset, { release: true });
  assert.ok(m.state.runId > run);
  assert.deepEqual(r.inspect, { run: m.state.runId, file: f, sheet: null });
  assert.equal(m.state.file, f);
  assert.equal(m.state.header, null);
  assert.equal(m.state.phase, 'idle');
  assert.equal(m.state.status.key, 'file-chosen');
  assert.equal(m.canRun(), true);
});

test('choosing a file: an empty one is refused with a message; a too big one is kept but cannot run', () => {
  const m = ready({ chosen: null });
  const r = m.chooseFile(file('vide.csv', 0));
  assert.equal(r.inspect, null);
  assert.equal(m.state.file, null);
  assert.deepEqual(m.state.error, { key: 'empty-file' });
  assert.equal(m.canRun(), false);

  m.chooseFile(file('enorme.csv', RUN_MODES.check.maxBytes + 1));
  assert.equal(m.state.error.key, 'too-big');
  assert.notEqual(m.state.status && m.state.status.key, 'file-chosen');
  assert.equal(m.canRun(), false);
  assert.deepEqual(m.startRun(FORM), { ok: false, why: 'too-big' });
});

test('choosing a file: refused while a file is read; a header of another file is ignored', () => {
  const { m, r } = started();
  assert.deepEqual(m.chooseFile(file('autre.csv')), { ok: false, why: 'running' });
  assert.equal(m.state.file.name, 'cd75.csv');
  assert.equal(m.header({ run: r.start.run - 1, format: 'csv', headers: [] }), null);
  const h = { run: m.state.runId, format: 'csv', headers: ['SEXE'] };
  assert.equal(m.header(h), h);
  assert.equal(m.state.header, h);
});

// --- starting a run -----------------------------------------------------------------------

test('start: refused without engine, file, or while reading; nothing changes', () => {
  const noEngine = createModel();
  noEngine.chooseFile(file());
  assert.deepEqual(noEngine.startRun(FORM), { ok: false, why: 'not-ready' });
  assert.deepEqual(ready({ chosen: null }).startRun(FORM), { ok: false, why: 'no-file' });
  const { m } = started();
  const id = m.state.runId;
  assert.deepEqual(m.startRun(FORM), { ok: false, why: 'running' });
  assert.equal(m.state.runId, id);
  const panel = ready();
  panel.setMode('training');
  assert.deepEqual(panel.startRun(FORM), { ok: false, why: 'not-a-run-mode' });
});

test('start: a key is required to pseudonymise and rehash (typed or a key file), not to check', () => {
  for (const mode of ['pseudonymise', 'rehash']) {
    const m = ready({ mode });
    assert.deepEqual(m.startRun(FORM), { ok: false, why: 'key-missing' });
    assert.deepEqual(m.state.error, { key: 'key-missing' });
    assert.equal(m.state.phase, 'idle');
    assert.equal(m.startRun({ ...FORM, keyFile: file('cle.txt', 11) }).ok, true);
    assert.equal(m.state.error, null, 'the message goes once the run starts');
  }
  assert.equal(ready().startRun(FORM).ok, true);
});

test('start: the reference year must be a four-digit year between 1900 and 2100', () => {
  for (const year of [1899, 2101, 2024.5, Number.NaN]) {
    const m = ready();
    assert.deepEqual(m.startRun({ ...FORM, year }), { ok: false, why: 'year-invalid' }, String(year));
    assert.deepEqual(m.state.error, { key: 'year-invalid' });
  }
  for (const year of [1900, 2024, 2100]) assert.equal(ready().startRun({ ...FORM, year }).ok, true, String(year));
});

test('start: each mode sends only its own options, and the key only where it is used', () => {
  const form = { ...FORM, withDay: true, uppercase: true, repair: true, year: 2024, key: 'CLE_DE_TEST', previousFile: file('2023.csv'), mapFile: 'SEXE=Sexe\n' };
  const check = ready().startRun(form).start;
  assert.deepEqual(check.options, {
    mode: 'check', inputName: 'cd75.csv', year: 2024, maxFindings: MAX_FINDINGS, mapFile: 'SEXE=Sexe\n',
    repair: true, withDay: false, uppercase: false, dateExport: null, training: false,
    limits: { maxFileBytes: RUN_MODES.check.maxBytes },
    sheet: null,
  });
  assert.equal(check.key, null);
  assert.equal(check.keyFile, null);
  assert.equal(check.previousFile, null);

  const pseudo = ready({ mode: 'pseudonymise' }).startRun(form).start;
  assert.equal(pseudo.options.withDay, true);
  assert.equal(pseudo.options.uppercase, true);
  assert.equal(pseudo.options.dateExport, '2025-01-15', 'today when no export date is given');
  assert.equal(pseudo.options.limits.maxFileBytes, RUN_MODES.pseudonymise.maxBytes);
  assert.equal(pseudo.key, 'CLE_DE_TEST');
  assert.equal(pseudo.previousFile.name, '2023.csv');
  assert.equal(ready({ mode: 'pseudonymise' }).startRun({ ...form, exportDate: '2024-12-31' }).start.options.dateExport, '2024-12-31');

  const rehash = ready({ mode: 'rehash' }).startRun(form).start;
  assert.equal(rehash.options.year, null);
  assert.equal(rehash.options.repair, false);
  assert.equal(rehash.options.withDay, false);
  assert.equal(rehash.options.dateExport, null);
  assert.equal(rehash.previousFile, null);
  assert.equal(rehash.key, 'CLE_DE_TEST');
});

test('start: the run becomes the current one, reading, with its results reset', () => {
  const { m: before } = finished('check');
  const r = before.startRun(FORM);
  assert.equal(r.ok, true);
  assert.deepEqual(r.reset, { release: true });
  assert.equal(r.start.run, before.state.runId);
  assert.equal(before.state.phase, 'reading');
  assert.equal(before.state.status.key, 'reading');
  assert.deepEqual(before.state.progress, { percent: 0 });
  assert.equal(before.running(), true);
  assert.equal(before.canRun(), false);
  assert.equal(before.state.findings.length, 0);
});

test('training run: an invented file with every finding kept; the working modes drop it', () => {
  const m = ready({ chosen: null });
  m.setMode('training');
  const f = file('FORMATION-echantillon-petit.csv');
  const r = m.startTraining(f, { kind: 'sample', name: 'small' });
  assert.equal(r.ok, true);
  assert.equal(r.start.options.maxFindings, TRAINING_MAX_FINDINGS);
  assert.equal(r.start.options.training, true);
  assert.equal(r.start.options.mode, 'check');
  assert.equal(r.start.key, null);
  assert.deepEqual(m.startTraining(f, {}), { ok: false, why: 'running' });
  const d = m.done(doneMessage(r.start.run));
  assert.deepEqual(d, { training: { kind: 'sample', name: 'small' }, summaryMode: 'check', shown: true });
  assert.equal(m.state.run.training, null, 'handed back once');
  const back = m.setMode('check');
  assert.equal(back.fileCleared, true);
  assert.equal(m.state.file, null);
  assert.equal(m.state.status.key, 'choose');
  assert.deepEqual(createModel().startTraining(f, {}), { ok: false, why: 'not-ready' });
});

test('training run: an exercise shows its report later', () => {
  const m = ready({ chosen: null });
  m.setMode('training');
  const r = m.startTraining(file('FORMATION-exercice.csv'), { kind: 'exercise', hideReport: true });
  assert.equal(m.done(doneMessage(r.start.run)).shown, false);
});

// --- during a run -------------------------------------------------------------------------

test('progress: another run is ignored; the status line announces each quarter once, never 100 %', () => {
  const { m, r } = started();
  const run = r.start.run;
  assert.equal(m.progress({ run: run + 1, percent: 50 }), false);
  assert.deepEqual(m.state.progress, { percent: 0 });
  const said = [];
  for (const percent of [0, 3, 24, 25, 30, 49, 51, 75, 99, 100]) {
    const before = m.state.status;
    assert.equal(m.progress({ run, pass: 'main', stage: 'main', bytes: percent, total: 100, rows: percent, percent }), true);
    if (m.state.status !== before) said.push(m.state.status.percent);
  }
  assert.deepEqual(said, [0, 25, 51, 75]);
  assert.deepEqual(m.state.progress, { percent: 100, stage: 'main', bytes: 100, total: 100, rows: 100 });
});

test('outputs and findings: kept for the current run only', () => {
  const { m, r } = started('pseudonymise');
  const run = r.start.run;
  assert.equal(m.output({ run: run - 1, pass: 'main', file: 'transmission-xml', blob: 'old' }), false);
  m.output({ run, pass: 'main', file: 'transmission-xml', blob: 'a' });
  m.output({ run, pass: 'main', file: 'transmission-xml', blob: 'b' });
  assert.deepEqual(m.state.outputs.get('transmission-xml'), ['a', 'b']);
  assert.equal(m.findings({ run: run - 1, findings: [finding(0, 'error', 'x')], total: 1, truncated: false }), false);
  m.findings({ run, findings: [finding(0, 'error', 'x'), finding(1, 'info', 'y')], total: 1500, truncated: true });
  m.findings({ run, findings: [finding(2, 'warning', 'z')], total: 1500, truncated: true });
  assert.deepEqual(m.findingsCount(), { total: 1500, shown: 3, truncated: true });
});

test('done: the run ends, says so; a late or repeated done is ignored', () => {
  const { m, r } = started();
  assert.equal(m.done(doneMessage(r.start.run + 1)), null);
  assert.equal(m.state.phase, 'reading');
  const d = m.done(doneMessage(r.start.run, { exitStatus: 0 }));
  assert.deepEqual(d, { training: null, summaryMode: 'check', shown: true });
  assert.equal(m.state.phase, 'done');
  assert.deepEqual(m.state.status, { key: 'done', rows: 120, errors: 3, warnings: 4, exitStatus: 0 });
  assert.deepEqual(m.state.progress, { percent: 100, doneRows: 120 });
  assert.equal(m.running(), false);
  assert.equal(m.canRun(), true, 'the same file can be read again');
  assert.equal(m.done(doneMessage(r.start.run)), null);
});

test('cancel: refused when nothing runs; a cancelled run offers nothing', () => {
  assert.deepEqual(ready().cancel(), { ok: false, why: 'not-running' });
  const { m, r } = started('pseudonymise');
  m.output({ run: r.start.run, pass: 'main', file: 'transmission-xml', blob: 'a' });
  assert.deepEqual(m.cancel(), { ok: true, run: r.start.run, stuck: false });
  assert.equal(m.state.status.key, 'cancelling');
  assert.equal(m.cancelled({ run: r.start.run - 1, pass: 'main' }), null);
  assert.deepEqual(m.cancelled({ run: r.start.run, pass: 'main' }), { about: 'main', training: null });
  assert.equal(m.state.phase, 'cancelled');
  assert.equal(m.state.status.key, 'cancelled');
  assert.equal(m.state.outputs.size, 0);
  assert.deepEqual(m.downloads(), []);
  assert.equal(m.canRun(), true);
});

test('cancel: a cancelled training run is handed back to the panel', () => {
  const m = ready({ chosen: null });
  m.setMode('training');
  const r = m.startTraining(file('FORMATION-a.csv'), { kind: 'sample', name: 'small' });
  m.cancel();
  assert.deepEqual(m.cancelled({ run: r.start.run, pass: 'main' }), { about: 'main', training: { kind: 'sample', name: 'small' } });
});

test('errors: a run fails with the engine message; an init failure; a header that cannot be read; another run\'s error is ignored', () => {
  const { m, r } = started('pseudonymise');
  const run = r.start.run;
  m.output({ run, pass: 'main', file: 'transmission-xml', blob: 'a' });
  assert.deepEqual(m.error({ run: run + 1, pass: 'main', code: 'x', message: 'autre' }), { restart: false, about: 'other-run', training: null });
  assert.equal(m.state.phase, 'reading');
  const e = m.error({ run, pass: 'main', code: 'csv-unreadable', message: 'Le fichier est illisible.', fatal: false });
  assert.deepEqual(e, { restart: false, about: 'main', training: null });
  assert.equal(m.state.phase, 'failed');
  assert.equal(m.state.status.key, 'failed');
  assert.deepEqual(m.state.error, { key: 'worker', code: 'csv-unreadable', message: 'Le fichier est illisible.' });
  assert.equal(m.state.outputs.size, 0);
  assert.equal(m.canRun(), true);

  const fatal = started().m;
  assert.equal(fatal.error({ run: fatal.state.runId, pass: 'main', code: 'internal', message: null, fatal: true }).restart, true);
  assert.deepEqual(fatal.state.error, { key: 'worker', code: 'internal', message: null });

  const init = createModel();
  assert.equal(init.error({ run: null, pass: 'init', code: 'init', message: null }).about, 'init');
  assert.equal(init.state.phase, 'failed');
  assert.equal(init.state.status.key, 'init-failed');

  const inspect = ready();
  assert.equal(inspect.error({ run: inspect.state.runId, pass: 'inspect', code: 'unreadable', message: null }).about, 'inspect');
  assert.equal(inspect.state.phase, 'idle');
  assert.equal(inspect.state.error.code, 'unreadable');
});

test('errors: the engine worker stopping fails the run (and its training run) and waits for a new engine', () => {
  const m = ready({ chosen: null });
  m.setMode('training');
  m.startTraining(file('FORMATION-a.csv'), { kind: 'sample', name: 'medium' });
  assert.deepEqual(m.engineCrashed(), { training: { kind: 'sample', name: 'medium' } });
  assert.equal(m.state.phase, 'failed');
  assert.deepEqual(m.state.error, { key: 'crashed' });
  assert.equal(m.state.ready, false);
  assert.equal(m.running(), false);
});

// --- what a result enables ----------------------------------------------------------------

test('downloads, check: the report JSON, the findings CSV on demand (with its count), the repaired file when there is one', () => {
  const plain = finished('check').m.downloads();
  assert.deepEqual(plain.map((d) => d.testid), ['download-report-json', 'download-findings-csv']);
  assert.equal(plain[0].file, 'report-json');
  assert.equal(plain[0].parts.length, 1);
  assert.deepEqual(plain[1], { testid: 'download-findings-csv', file: 'findings-csv', onDemand: true, count: 12 });

  const repaired = finished('check', { outputs: { repaired: ['r1', 'r2'] }, form: { repair: true } }).m.downloads();
  assert.deepEqual(repaired.map((d) => d.testid), ['download-repaired', 'download-report-json', 'download-findings-csv']);
  assert.deepEqual(repaired[0].parts, ['r1', 'r2']);
});

test('downloads, pseudonymise: transmission files, ODPE only with UTDP, receipts, report, the findings CSV already made', () => {
  const outputs = { 'transmission-xml': ['x'], 'transmission-csv': ['c'], 'odpe-xml': ['o'], 'findings-csv': ['f1', 'f2'] };
  const done = { findingsCsv: true, receiptJson: 'rj', receiptText: 'rt' };
  const withOdpe = finished('pseudonymise', { outputs, done: { ...done, odpe: true } }).m.downloads();
  assert.deepEqual(withOdpe.map((d) => [d.testid, d.file]), [
    ['download-xml', 'transmission-xml'], ['download-csv', 'transmission-csv'], ['download-odpe-xml', 'odpe-xml'],
    ['download-receipt', 'receipt-json'], ['download-receipt-txt', 'receipt-txt'],
    ['download-report-json', 'report-json'], ['download-findings-csv', 'findings-csv'],
  ]);
  assert.deepEqual(withOdpe.at(-1).parts, ['f1', 'f2']);
  assert.ok(withOdpe.every((d) => !d.onDemand));
  const noOdpe = finished('pseudonymise', { outputs, done }).m;
  assert.ok(!noOdpe.downloads().some((d) => d.testid === 'download-odpe-xml'));
  assert.deepEqual(noOdpe.requestFindingsCsv(), { ok: false, why: 'no-findings-csv' }, 'nothing to make on demand');

  const noFindings = finished('pseudonymise', { outputs: { 'transmission-xml': ['x'] }, done }).m.downloads();
  assert.equal(noFindings.find((d) => d.testid === 'download-findings-csv').parts[0].byteLength, 0, 'no finding: an empty file');
  assert.ok(!noFindings.some((d) => d.testid === 'download-csv'), 'an output never produced is not offered');
});

test('downloads, rehash: the re-hashed file and its receipt, no report', () => {
  const { m } = finished('rehash', { outputs: { rehashed: ['h'] }, done: { receiptJson: 'rj' } });
  assert.deepEqual(m.downloads().map((d) => d.testid), ['download-rehash', 'download-rehash-receipt']);
  assert.equal(m.state.findingsCsv, null);
});

test('downloads, training: as a check, without a repaired file', () => {
  const m = ready({ chosen: null });
  m.setMode('training');
  const r = m.startTraining(file('FORMATION-a.csv'), { kind: 'sample', name: 'small' });
  m.output({ run: r.start.run, pass: 'main', file: 'repaired', blob: 'r' });
  m.done(doneMessage(r.start.run));
  assert.deepEqual(m.downloads().map((d) => d.testid), ['download-report-json', 'download-findings-csv']);
});

test('findings CSV on demand: made once, its pieces kept apart, then downloaded again without reading', () => {
  const { m, run } = finished('check');
  const r = m.requestFindingsCsv();
  assert.deepEqual(r, { ok: true, action: 'start', run });
  assert.equal(m.running(), true);
  assert.equal(m.canRun(), false);
  assert.equal(m.state.status.key, 'findings-csv-preparing');
  assert.deepEqual(m.requestFindingsCsv(), { ok: false, why: 'running' });
  assert.deepEqual(m.setMode('rehash'), { ok: false, why: 'running' }, 'its results cannot be dropped meanwhile');
  assert.equal(m.setMode('dictionary').ok, true, 'a finding link still opens the dictionary');
  m.setMode('check', true);
  m.progress({ run, pass: 'findings', stage: 'findings', bytes: 10, total: 100, rows: null, percent: 10 });
  assert.equal(m.state.status.key, 'findings-csv-preparing', 'no progress announcements meanwhile');
  m.output({ run, pass: 'findings', file: 'findings-csv', blob: 'p1' });
  m.output({ run, pass: 'findings', file: 'findings-csv', blob: 'p2' });
  assert.equal(m.state.outputs.has('findings-csv'), false);
  assert.equal(m.findingsCsvDone({ run: run + 1, pass: 'findings' }), null);
  assert.deepEqual(m.findingsCsvDone({ run, pass: 'findings' }), ['p1', 'p2']);
  assert.equal(m.state.status.key, 'findings-csv-ready');
  assert.equal(m.running(), false);
  assert.deepEqual(m.requestFindingsCsv(), { ok: true, action: 'download' });
  assert.equal(m.findingsCsvDone({ run, pass: 'findings' }), null, 'a second done makes nothing');
});

test('findings CSV on demand: cancelled or failed, the report stays and it can be asked again', () => {
  const { m, run } = finished('check');
  m.requestFindingsCsv();
  m.output({ run, pass: 'findings', file: 'findings-csv', blob: 'p1' });
  assert.deepEqual(m.cancel(), { ok: true, run, stuck: false });
  assert.deepEqual(m.cancelled({ run, pass: 'findings' }), { about: 'findings', training: null });
  assert.equal(m.state.phase, 'done');
  assert.equal(m.state.status.key, 'findings-csv-cancelled');
  assert.deepEqual(m.state.findingsCsv.parts, []);
  assert.equal(m.requestFindingsCsv().action, 'start');
  assert.equal(m.error({ run, pass: 'findings', code: 'no-session', message: null }).about, 'findings');
  assert.equal(m.state.phase, 'done');
  assert.equal(m.state.status.key, 'findings-csv-failed');
  assert.equal(m.state.error.code, 'no-session');
  assert.equal(m.requestFindingsCsv().action, 'start');
});

test('findings table: 25 a page, pages kept in range, filters back to the first page', () => {
  const { m, run } = finished('check');
  const all = [];
  for (let i = 0; i < 60; i += 1) all.push(finding(i, ['error', 'warning', 'info'][i % 3], i % 2 ? 'code-b' : 'code-a', i % 4 === 0 ? null : `V${i % 4}`));
  m.findings({ run, findings: all, total: 60, truncated: false });
  assert.equal(PAGE_SIZE, 25);
  let p = m.findingsPage();
  assert.deepEqual([p.page, p.pages, p.matched, p.items.length, p.items[0].row], [0, 3, 60, 25, 1]);
  m.turnPage(1);
  m.turnPage(1);
  p = m.findingsPage();
  assert.deepEqual([p.page, p.items.length, p.items[0].row], [2, 10, 51]);
  m.turnPage(1);
  assert.equal(m.findingsPage().page, 2, 'no page after the last');
  m.turnPage(-5);
  assert.equal(m.findingsPage().page, 0, 'no page before the first');
  m.turnPage(2);
  m.setFilters({ severity: 'error', code: '', variable: '' });
  p = m.findingsPage();
  assert.deepEqual([p.page, p.pages, p.matched], [0, 1, 20]);
  assert.ok(p.items.every((f) => f.severity === 'error'));
  m.setFilters({ severity: '', code: 'code-b', variable: 'V1' });
  p = m.findingsPage();
  assert.equal(p.matched, 15);
  assert.ok(p.items.every((f) => f.code === 'code-b' && f.variable === 'V1'));
  m.setFilters({ severity: 'info', code: 'code-a', variable: 'V1' });
  assert.deepEqual(m.findingsPage(), { items: [], page: 0, pages: 0, matched: 0 });
});

test('findings table: the filters offer what the findings hold; each code that fired is explained', () => {
  const { m, run } = finished('check');
  m.findings({ run, findings: [finding(0, 'warning', 'z-code', 'TYPEV'), finding(1, 'error', 'a-code', null), finding(2, 'warning', 'a-code', 'SEXE')], total: 3, truncated: false });
  assert.deepEqual(m.filterChoices(), { severities: ['error', 'warning'], codes: ['a-code', 'z-code'], variables: ['SEXE', 'TYPEV'] });
  assert.deepEqual(m.explanations(), [
    { code: 'code-inconnu', title: 'code-inconnu', severity: '', explanation: '', count: 1 },
    { code: 'sexe-invalide', title: 'Sexe invalide', severity: 'error', explanation: 'Pourquoi.', count: 3 },
  ]);
});

test('the mapping step\'s messages: notes on an import, or none; refusals', () => {
  const m = ready();
  m.mappingImported({ lines: 3, problems: ['ligne 2 : …'], missing: 1 });
  assert.deepEqual(m.state.error, { key: 'mapping-notes', problems: ['ligne 2 : …'], missing: 1 });
  assert.deepEqual(m.state.status, { key: 'mapping-imported', lines: 3 });
  m.mappingImported({ lines: 2, problems: [], missing: 0 });
  assert.equal(m.state.error, null);
  m.mappingRefused('not-csv');
  assert.deepEqual(m.state.error, { key: 'mapping-needs-csv' });
  m.mappingRefused('unreadable');
  assert.deepEqual(m.state.error, { key: 'mapping-unreadable' });
  m.mappingForgotten();
  assert.equal(m.state.status.key, 'mapping-forgotten');
});

test('workbooks: the sheets offered when there are several; choosing one reads its header again and goes with the run', () => {
  const m = ready({ chosen: file('cd75.xlsx', 5000) });
  const run = m.state.runId;
  assert.equal(m.sheetChoice(), null, 'no header yet');
  assert.ok(m.header({ run, format: 'xlsx', encoding: 'UTF-8', delimiter: null, headers: ['SEXE'], sheets: ['Notes', 'Export'], sheet: 'Notes' }));
  assert.deepEqual(m.sheetChoice(), { sheets: ['Notes', 'Export'], chosen: 'Notes' });
  assert.equal(m.mappable(), true);
  assert.deepEqual(m.chooseSheet('Autre'), { ok: false, why: 'no-such-sheet' });
  const r = m.chooseSheet('Export');
  assert.equal(r.ok, true);
  assert.deepEqual(r.inspect, { run: m.state.runId, file: m.state.file, sheet: 'Export' });
  assert.notEqual(m.state.runId, run, 'the old header is about another run now');
  assert.equal(m.header({ run, format: 'xlsx', headers: [], sheets: ['Notes', 'Export'], sheet: 'Notes' }), null);
  const s = m.startRun(FORM);
  assert.equal(s.start.options.sheet, 'Export');
  // A single-sheet workbook offers no choice; a new file forgets the sheet.
  const one = ready({ chosen: file('a.ods') });
  one.header({ run: one.state.runId, format: 'ods', headers: [], sheets: ['Feuille1'], sheet: 'Feuille1' });
  assert.equal(one.sheetChoice(), null);
  assert.equal(one.startRun(FORM).start.options.sheet, null);
  // XML and unreadable files take no mapping.
  const xml = ready({ chosen: file('a.xml') });
  xml.header({ run: xml.state.runId, format: 'xml', headers: [], sheets: [], sheet: null });
  assert.equal(xml.mappable(), false);
});

test('an imported mapping naming other headers: the header is looked for again, the results go', () => {
  const { m } = finished('check');
  const run = m.state.runId;
  const r = m.reinspect();
  assert.equal(r.ok, true);
  assert.deepEqual(r.reset, { release: true });
  assert.deepEqual(r.inspect, { run: run + 1, file: m.state.file, sheet: null });
  assert.equal(m.state.header, null);
  assert.equal(m.state.done, null);
  assert.deepEqual(started('check').m.reinspect(), { ok: false, why: 'not-now' });
});

test('cancel: while the engine reads a workbook\'s sheet in one call, the worker is to be replaced', () => {
  const { m, r } = started('check');
  m.progress({ run: r.start.run, pass: 'main', stage: 'main', percent: 10, bytes: 1, total: 10, rows: 0 });
  assert.equal(m.cancel().stuck, false);
  m.progress({ run: r.start.run, pass: 'main', stage: 'sheet', percent: 30, bytes: 3, total: 10, rows: 600 });
  const c = m.cancel();
  assert.deepEqual(c, { ok: true, run: r.start.run, stuck: true });
  assert.ok(m.cancelled({ run: r.start.run, pass: 'main' }));
  assert.equal(m.state.phase, 'cancelled');
});

test('a state can be given to the model (and is the one it changes)', () => {
  const s = createState();
  const m = createModel(s);
  m.engineReady(READY);
  assert.equal(s.ready, true);
  assert.equal(m.state, s);
});
