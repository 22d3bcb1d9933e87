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
    repair: true, withDay: false, uppercase: false, dateExport: null, corrections: true, dossiers: true, training: false,
    limits: { maxFileBytes: RUN_MODES.check.maxBytes },
    sheet: null,
  });
  assert.equal(check.key, null);
  assert.equal(check.keyFile, null);
  // Last year's file: compared with this year's after the check (the continuity check).
  assert.equal(check.previousFile.name, '2023.csv');

  const pseudo = ready({ mode: 'pseudonymise' }).startRun(form).start;
  assert.equal(pseudo.options.corrections, false, 'the corrections list only when its box is ticked');
  assert.equal(ready({ mode: 'pseudonymise' }).startRun({ ...form, corrections: true }).start.options.corrections, true);
  assert.equal(pseudo.options.dossiers, true);
  assert.equal(pseudo.options.withDay, true);
  assert.equal(pseudo.options.uppercase, true);
  assert.equal(pseudo.options.dateExport, '2025-01-15', 'today when no export date is given');
  assert.equal(pseudo.options.limits.maxFileBytes, RUN_MODES.pseudonymise.maxBytes);
  assert.equal(pseudo.key, 'CLE_DE_TEST');
  assert.equal(pseudo.previousFile.name, '2023.csv');
  assert.equal(ready({ mode: 'pseudonymise' }).startRun({ ...form, exportDate: '2024-12-31' }).start.options.dateExport, '2024-12-31');

  const rehash = ready({ mode: 'rehash' }).startRun(form).start;
  assert.equal(rehash.options.corrections, false);
  assert.equal(rehash.options.dossiers, false);
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
  assert.deepEqual(m.state.status, { key: 'done', rows: 120, errors: 3, warnings: 4, exitStatus: 0, level: null });
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
  assert.deepEqual(plain[1], { testid: 'download-findings-csv', file: 'findings-csv', onDemand: true, count: 12, transmit: false });
  // With case numbers in the file: the internal corrections list, made with the findings CSV.
  const withNumdo = finished('check', { done: { hasNumdo: true } }).m.downloads();
  assert.deepEqual(withNumdo.at(-1), { testid: 'download-corrections', file: 'corrections', onDemand: true, count: 12, transmit: false });

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
  assert.deepEqual(withOdpe.filter((d) => d.transmit).map((d) => d.testid), ['download-xml', 'download-csv', 'download-odpe-xml']);
  const corr = finished('pseudonymise', { outputs: { ...outputs, corrections: ['k1'] }, done, form: { corrections: true } }).m.downloads();
  assert.deepEqual(corr.at(-1), { testid: 'download-corrections', file: 'corrections', parts: ['k1'], transmit: false });
  assert.ok(!finished('pseudonymise', { outputs: { ...outputs, corrections: ['k1'] }, done }).m.downloads().some((d) => d.testid === 'download-corrections'),
    'not asked, not offered');
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
  m.output({ run, pass: 'findings', file: 'corrections', blob: 'c1' });
  m.output({ run, pass: 'findings', file: 'findings-csv', blob: 'p2' });
  assert.equal(m.state.outputs.has('findings-csv'), false);
  assert.equal(m.findingsCsvDone({ run: run + 1, pass: 'findings' }), null);
  assert.deepEqual(m.findingsCsvDone({ run, pass: 'findings' }), { parts: ['p1', 'p2'], corrections: ['c1'], want: 'findings-csv' });
  assert.equal(m.state.status.key, 'findings-csv-ready');
  assert.equal(m.running(), false);
  assert.deepEqual(m.requestFindingsCsv(), { ok: true, action: 'download', want: 'findings-csv' });
  assert.deepEqual(m.requestFindingsCsv('corrections'), { ok: true, action: 'download', want: 'corrections' }, 'made by the same pass');
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
  // Information is folded by default: 40 errors and warnings, errors first.
  assert.equal(m.foldedInfo(), 20);
  let p = m.findingsPage();
  assert.deepEqual([p.page, p.pages, p.matched, p.items.length, p.items[0].row], [0, 2, 40, 25, 1]);
  assert.ok(p.items.slice(0, 20).every((f) => f.severity === 'error'), 'errors first');
  assert.equal(p.items[20].severity, 'warning');
  m.setShowInfo(true);
  assert.equal(m.foldedInfo(), 0);
  p = m.findingsPage();
  assert.deepEqual([p.page, p.pages, p.matched, p.items.length, p.items[0].row], [0, 3, 60, 25, 1]);
  m.turnPage(1);
  m.turnPage(1);
  p = m.findingsPage();
  assert.deepEqual([p.page, p.items.length, p.items[0].severity], [2, 10, 'info']);
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
  // Asking for information by its severity shows it even folded.
  m.setShowInfo(false);
  m.setFilters({ severity: 'info' });
  assert.equal(m.findingsPage().matched, 20);
});

test('findings table: the filters offer what the findings hold; each code that fired is explained', () => {
  const { m, run } = finished('check');
  const withSection = { ...finding(2, 'warning', 'a-code', 'SEXE'), section: '0010' };
  m.findings({ run, findings: [finding(0, 'warning', 'z-code', 'TYPEV'), finding(1, 'error', 'sexe-invalide', null), withSection], total: 3, truncated: false });
  assert.deepEqual(m.filterChoices(), {
    severities: ['error', 'warning'],
    codes: [['a-code', 'a-code'], ['sexe-invalide', 'Sexe invalide'], ['z-code', 'z-code']],
    variables: ['SEXE', 'TYPEV'],
    sections: ['0010'],
  });
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

// --- the continuity check after a run given last year's file ----------------------------------

/** A continuity report as the worker sends it (parsed continuity JSON). */
const continuityReport = (level = 'a_verifier') => ({
  previous: { name: '2023.csv', rows: 10, reference_year: 2023, young_people: 6 },
  current: { name: 'cd75.csv', rows: 12, reference_year: 2024, young_people: 7 },
  chaining: { found: 4, rate: 0.5714, via_numanonymant: 1 },
  open_measures: { previous_open: 5, ended: 2, renewed_without_end: 1, started: 0, silent: 2, silent_overdue: 1 },
  identity_changes: 1, numanonymant_unknown: 0, ends_without_opening: 0,
  indicators: [{ name: 'young_people', label: 'Jeunes', previous: 6, current: 7, change: 0.1667, flag: false },
    { name: 'rate:MINIMA', label: 'Taux MINIMA', previous: 0.9, current: 0, change: -0.9, flag: true }],
  findings: [{ code: 'continuity-silent', severity: 'info', row: 2, line: 3, variable: null, message: 'm', file: 'previous' }],
  findings_total: 1,
  verdict: { level, reasons: level === 'transmissible' ? [] : [{ code: 'continuity-indicator-moved', level, message: 'x', action: 'y' }] },
});

test('continuity: last year\'s file in check mode keeps the controls locked until the comparison ends', () => {
  const { m, r } = started('check', { previousFile: file('2023.csv') });
  assert.equal(m.continuityExpected(), true);
  assert.ok(m.done(doneMessage(r.start.run, { continuity: true })));
  assert.equal(m.state.phase, 'done');
  assert.equal(m.running(), true, 'the comparison is running');
  assert.equal(m.canRun(), false);
  assert.deepEqual(m.requestFindingsCsv(), { ok: false, why: 'running' });
  // Its progress goes to its own section, not to the run's bar.
  const before = m.state.progress;
  assert.equal(m.progress({ run: r.start.run, pass: 'continuity', percent: 40, stage: 'continuity-previous', bytes: 4, total: 10, rows: 2 }), true);
  assert.equal(m.state.progress, before);
  assert.equal(m.state.continuity.progress.percent, 40);
  // Another run's result is ignored; this run's is kept.
  assert.equal(m.continuityDone({ run: r.start.run + 1, json: new ArrayBuffer(1), name: 'x', report: continuityReport() }), null);
  const c = m.continuityDone({ run: r.start.run, json: new ArrayBuffer(3), name: 'cd75-continuite.json', level: 'a_verifier', report: continuityReport() });
  assert.equal(c.phase, 'done');
  assert.equal(m.running(), false);
  assert.equal(m.canRun(), true);
  assert.deepEqual(m.state.status, { key: 'continuity-done', level: 'a_verifier' });
  const v = m.continuityView();
  assert.equal(v.level, 'a_verifier');
  assert.deepEqual(v.flagged.map((i) => i.name), ['rate:MINIMA']);
  assert.equal(v.open.silent_overdue, 1);
  assert.equal(v.findingsTotal, 1);
  // The run's own verdict is untouched.
  assert.equal(m.state.done.exitStatus, 1);
});

test('continuity: no previous file, rehash, or a worker that says none follows: nothing to wait for', () => {
  const plain = finished('check');
  assert.equal(plain.m.continuityExpected(), false);
  assert.equal(plain.m.running(), false);
  const rehash = started('rehash', { previousFile: file('2023.csv') });
  assert.equal(rehash.r.start.previousFile, null);
  assert.equal(rehash.m.continuityExpected(), false);
  const { m, r } = started('check', { previousFile: file('2023.csv') });
  m.done(doneMessage(r.start.run, { continuity: false }));
  assert.equal(m.continuityExpected(), false);
  assert.equal(m.running(), false);
});

test('continuity: a failure or a cancel ends the comparison only; the report stays', () => {
  const f = started('pseudonymise', { previousFile: file('2023.csv') });
  f.m.done(doneMessage(f.r.start.run, { continuity: true }));
  const e = f.m.error({ run: f.r.start.run, pass: 'continuity', which: 'previous', code: 'empty-file', message: 'Le fichier est vide.' });
  assert.equal(e.about, 'continuity');
  assert.equal(f.m.state.phase, 'done');
  assert.equal(f.m.state.continuity.phase, 'failed');
  assert.deepEqual(f.m.state.continuity.error, { key: 'continuity', which: 'previous', code: 'empty-file', message: 'Le fichier est vide.' });
  assert.deepEqual(f.m.state.status, { key: 'continuity-failed' });
  assert.equal(f.m.running(), false);
  assert.equal(f.m.continuityView(), null);

  const c = started('check', { previousFile: file('2023.csv') });
  c.m.done(doneMessage(c.r.start.run, { continuity: true }));
  assert.deepEqual(c.m.cancel(), { ok: true, run: c.r.start.run, stuck: false });
  assert.deepEqual(c.m.state.status, { key: 'continuity-cancelling' });
  assert.deepEqual(c.m.cancelled({ run: c.r.start.run, pass: 'continuity' }), { about: 'continuity', training: null });
  assert.equal(c.m.state.phase, 'done', 'the run stays done');
  assert.equal(c.m.state.continuity.phase, 'cancelled');
  assert.equal(c.m.running(), false);
  // A run that fails or is cancelled has no comparison to wait for.
  const g = started('check', { previousFile: file('2023.csv') });
  g.m.error({ run: g.r.start.run, pass: 'main', code: 'empty-file', message: null });
  assert.equal(g.m.state.continuity, null);
  const h = started('check', { previousFile: file('2023.csv') });
  h.m.cancel();
  h.m.cancelled({ run: h.r.start.run, pass: 'main' });
  assert.equal(h.m.state.continuity, null);
});

test('continuity: the training pair checks this year\'s file and compares last year\'s', () => {
  const m = ready({ mode: 'training', chosen: null });
  const r = m.startTraining(file('FORMATION-continuite-2019.csv'), { kind: 'pair' }, file('FORMATION-continuite-2018.csv'));
  assert.equal(r.ok, true);
  assert.equal(r.start.previousFile.name, 'FORMATION-continuite-2018.csv');
  assert.equal(r.start.options.training, true);
  assert.equal(m.continuityExpected(), true);
});

// --- the verdict, priorities, refusals (docs/spec/OLINPE.md §0.1, §0.4) ---------------------

const VERDICT = (level, reasons = []) => ({ level, reasons });
const REASON = (code, level, extra = {}) => ({ code, level, message: `m-${code}`, action: null, ...extra });

test('the verdict and the priorities come with the report', () => {
  const priorities = [{ code: 'sexe-invalide', severity: 'error', title: 'Sexe invalide', variables: ['SEXE'], section: null, file_level: false, records: 3, young_people: 2, findings: 3 }];
  const v = VERDICT('bloquant', [REASON('error-findings', 'bloquant')]);
  const { m } = finished('check', { done: { report: { counts: {}, verdict: v, priorities } } });
  assert.deepEqual(m.verdict(), v);
  assert.deepEqual(m.priorities(), priorities);
  assert.equal(finished('check').m.verdict(), null);
  assert.deepEqual(finished('check').m.priorities(), []);
});

test('a priority or an audit section opens the findings list filtered to it', () => {
  const { m, run } = finished('check');
  const f = (i, code, variable, section) => ({ ...finding(i, 'warning', code, variable), section });
  m.findings({ run, findings: [f(0, 'a', 'X', '0013'), f(1, 'a', 'Y', '0013'), f(2, 'b', 'X', null), f(3, 'a', 'X', '0013')], total: 4, truncated: false });
  assert.deepEqual(m.filterPriority({ code: 'a', variables: ['X'] }), { severity: '', code: 'a', variable: 'X', section: '' });
  assert.deepEqual(m.findingsPage().items.map((x) => x.row), [1, 4]);
  m.filterPriority({ code: 'a', variables: ['X', 'Y'] });
  assert.equal(m.findingsPage().matched, 3, 'a file-level row naming several variables: its code');
  m.turnPage(1);
  assert.deepEqual(m.filterSection('0013'), { severity: '', code: '', variable: '', section: '0013' });
  assert.deepEqual([m.findingsPage().page, m.findingsPage().matched], [0, 3]);
});

test('a bloquant pseudonymisation offers its transmission files only after an explicit confirmation', () => {
  const outputs = { 'transmission-xml': ['x'], 'transmission-csv': ['c'], 'findings-csv': ['f'] };
  const done = { findingsCsv: true, receiptJson: 'rj', receiptText: 'rt' };
  const blocked = finished('pseudonymise', { outputs, done: { ...done, report: { counts: {}, verdict: VERDICT('bloquant', [REASON('rows-rejected', 'bloquant')]) } } }).m;
  assert.equal(blocked.transmissionGated(), true);
  assert.deepEqual(blocked.confirmTransmission(), { ok: true });
  assert.equal(blocked.transmissionGated(), false);
  const checking = finished('pseudonymise', { outputs, done: { ...done, report: { counts: {}, verdict: VERDICT('a_verifier', [REASON('numdo-substitution', 'a_verifier')]) } } }).m;
  assert.equal(checking.transmissionGated(), false, 'a_verifier: offered, with its reasons beside');
  assert.equal(finished('check', { done: { report: { counts: {}, verdict: VERDICT('bloquant') } } }).m.transmissionGated(), false, 'check transmits nothing');
  assert.deepEqual(finished('check').m.confirmTransmission(), { ok: false, why: 'no-run' });
});

test('a reason whose remedy is a setting: « Relancer avec les réglages recommandés »', () => {
  const settings = { with_day: true, uppercase: false };
  const v = VERDICT('a_verifier', [REASON('previous-other-setting', 'a_verifier', { settings })]);
  const { m } = finished('pseudonymise', { done: { findingsCsv: true, report: { counts: {}, verdict: v } } });
  assert.deepEqual(m.recommendedSettings(), { withDay: true, uppercase: false });
  const none = finished('pseudonymise', { done: { findingsCsv: true, report: { counts: {}, verdict: VERDICT('a_verifier', [REASON('numdo-substitution', 'a_verifier')]) } } });
  assert.equal(none.m.recommendedSettings(), null);
});

test('pseudonymise refuses a file before the run: the engine says why, the run button waits for the mapping', () => {
  const m = ready({ mode: 'pseudonymise' });
  assert.equal(m.canRun(), true, 'nothing known yet: the engine decides at the run');
  const ask = m.requestPreflight('PRENOM=Prénom\n');
  assert.deepEqual(ask, { run: m.state.runId, seq: 1, file: m.state.file, mapFile: 'PRENOM=Prénom\n', sheet: null });
  const refusal = { code: 'identity-columns-absent', message: 'x', columns: ['PRENOM'] };
  assert.equal(m.preflightResult({ run: m.state.runId, seq: 0, refusal }), false, 'an older mapping');
  assert.equal(m.preflightResult({ run: m.state.runId, seq: 1, refusal }), true);
  assert.deepEqual(m.refusal(), refusal);
  assert.equal(m.canRun(), false);
  assert.deepEqual(m.startRun({ ...FORM, key: 'CLE_DE_TEST' }).ok, true, 'the model itself does not refuse: the engine does');
  const n = ready({ mode: 'pseudonymise' });
  n.requestPreflight(null);
  n.preflightResult({ run: n.state.runId, seq: 1, refusal });
  n.setMode('check');
  assert.equal(n.refusal(), null, 'check never refuses');
  assert.equal(n.canRun(), true);
  n.setMode('pseudonymise');
  const seq = n.requestPreflight('PRENOM=P\n').seq;
  n.preflightResult({ run: n.state.runId, seq, refusal: null });
  assert.equal(n.canRun(), true, 'mapped');
  n.chooseFile(file('autre.csv'));
  assert.equal(n.refusal(), null, 'a new file: asked again');
  assert.equal(createModel().requestPreflight(null), null, 'no engine, nothing to ask');
});

test('last year\'s file first: the probe waits for last year\'s file, this year\'s file and the key, then answers once', () => {
  const m = ready({ mode: 'pseudonymise', chosen: null });
  const prev = file('an-dernier.csv');
  assert.deepEqual(m.requestProbe({ previousFile: null, key: 'CLE_DE_TEST' }), { wait: 'no-previous' });
  assert.deepEqual(m.requestProbe({ previousFile: prev, key: 'CLE_DE_TEST' }), { wait: 'no-file' });
  m.chooseFile(file());
  assert.deepEqual(m.requestProbe({ previousFile: prev, key: '' }), { wait: 'no-key' });
  const r = m.requestProbe({ previousFile: prev, key: 'CLE_DE_TEST', mapFile: 'PRENOM=Prénom\n' });
  assert.equal(r.ask.previousFile, prev);
  assert.equal(r.ask.options.mode, 'pseudonymise');
  assert.equal(r.ask.options.mapFile, 'PRENOM=Prénom\n');
  const report = { identities: 10, previous_ids: 10, variants: [], recommended: { with_day: true, uppercase: false }, warning: null };
  assert.equal(m.probeResult({ run: r.ask.run, seq: r.ask.seq - 1, previous: report }), null, 'an older request');
  assert.equal(m.probeResult({ run: r.ask.run, seq: r.ask.seq, previous: report }).phase, 'done');
  // Another mode forgets the request: a late answer is not shown there.
  const again = m.requestProbe({ previousFile: prev, key: 'CLE_DE_TEST' });
  m.setMode('check');
  assert.deepEqual(m.requestProbe({ previousFile: prev, key: 'CLE_DE_TEST' }), { wait: null });
  assert.equal(m.probeResult({ run: again.ask.run, seq: again.ask.seq, previous: report }), null);
});
