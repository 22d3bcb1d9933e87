// The training panel (docs/spec/OLINPE.md §0.1 "Training"): invented data only, the visible key
// FORMATION-OLINPE, every produced file named FORMATION…. Five parts:
// 1. the built-in samples (200, 5 000, 100 000 records, the same as `olinpe generate
//    --sample`), run through the normal check flow, then compared with their manifest;
// 2. exercises: one chosen kind of error planted at a random record of a clean file; the
//    learner names the record, then sees the finding and its explanation;
// 2 bis. the continuity pair (`olinpe generate --years 2`): this year's file checked and
//    compared with last year's, the planted continuity defects listed to find, then the
//    continuity check's findings compared with the pair's manifest;
// 3. a walk through the three event types of one invented young person, from the
//    dictionary's event-type and age data;
// 4. the pseudonymisation, step by step, with the engine's own functions.
// The engine work happens in the worker (www/training-worker.js); this file only asks and
// displays, with textContent only; its words are in www/copy.js (TRAINING_TEXT).

import { TRAINING } from './training-worker.js';
import { el, agesText } from './dictionary.js';
import { SEVERITY, TRAINING_TEXT as T, workerErrorText } from './copy.js';

/** The training key: visible on purpose, never a real key (docs/spec/OLINPE.md §0.1). */
export const TRAINING_KEY = 'FORMATION-OLINPE';

const SAMPLES = {
  small: { file: 'FORMATION-echantillon-petit.csv', label: T.sampleLabel.small },
  medium: { file: 'FORMATION-echantillon-moyen.csv', label: T.sampleLabel.medium },
  large: { file: 'FORMATION-echantillon-grand.csv', label: T.sampleLabel.large },
};

/** Columns shown in the exercise's viewer, besides the variable the exercise is about. */
const VIEW_COLUMNS = ['TYPEV', 'NUMANONYM', 'SEXE', 'MNAIS', 'ANAIS', 'DATDECPE', 'DATDEB', 'DATFIN'];

/** Key of a finding or a planted error, for comparing them. */
function findingKey(row, code, variable) {
  return `${row}|${code}|${variable || ''}`;
}

/** Error and warning findings as keys (what a manifest lists). */
export function findingKeys(findings) {
  return findings.filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) => findingKey(f.row, f.code, f.variable));
}

/** Compares a manifest with the findings: per code, expected and found counts. */
export function compareWithManifest(manifest, findings) {
  const expected = manifest.planted.map((p) => findingKey(p.row, p.code, p.variable));
  const found = findingKeys(findings);
  const foundSet = new Set(found);
  const expectedSet = new Set(expected);
  const perCode = new Map();
  const bump = (code, k) => {
    if (!perCode.has(code)) perCode.set(code, { expected: 0, found: 0, matched: 0 });
    perCode.get(code)[k] += 1;
  };
  for (const p of manifest.planted) {
    bump(p.code, 'expected');
    if (foundSet.has(findingKey(p.row, p.code, p.variable))) bump(p.code, 'matched');
  }
  for (const f of findings) {
    if (f.severity === 'error' || f.severity === 'warning') bump(f.code, 'found');
  }
  const missed = expected.filter((k) => !foundSet.has(k));
  const extra = found.filter((k) => !expectedSet.has(k));
  return { expected, found, missed, extra, equal: missed.length === 0 && extra.length === 0, perCode };
}

/** Splits one line of a generated file (`;`-separated, no quoting). */
function cells(line) {
  return line.split(';');
}

export function createTraining({ controller, openVariable }) {
  const $ = (id) => document.getElementById(id);
  const els = {
    panel: $('panel-training'),
    status: $('training-status'),
    compare: $('sample-compare'),
    kind: $('exercise-kind'),
    exercise: $('exercise'),
    area: $('exercise-area'),
    hint: $('exercise-hint'),
    fileLink: $('exercise-file'),
    fileXlsx: $('exercise-file-xlsx'),
    sampleFiles: $('sample-files'),
    sampleCsv: $('sample-file-csv'),
    sampleXlsx: $('sample-file-xlsx'),
    viewer: $('exercise-viewer'),
    answer: $('exercise-answer'),
    submit: $('exercise-submit'),
    feedback: $('exercise-feedback'),
    walkButtons: $('walk-steps'),
    walk: $('walk-body'),
    demo: $('demo-pseudonymisation'),
    demoOut: $('demo-output'),
    demoError: $('demo-error'),
  };
  const sampleButtons = Object.keys(SAMPLES).map((name) => $(`sample-${name}`));
  // 2 bis: the continuity pair's section, built here after the exercises.
  const pairEls = (() => {
    const button = el('button', { type: 'button', class: 'fr-btn fr-btn--secondary', 'data-testid': 'training-continuity' }, T.pairButton);
    const out = el('div', { 'aria-live': 'polite', 'data-testid': 'training-continuity-result' });
    const section = el('section', { class: 'olp-step', 'aria-labelledby': 'pair-title' },
      el('h3', { class: 'olp-h3', id: 'pair-title' }, T.pairTitle),
      el('p', {}, T.pairIntro),
      el('div', { class: 'olp-actions' }, button),
      out);
    const exerciseStep = $('exercise-title').closest('section');
    exerciseStep.after(section);
    return { button, out };
  })();
  let pair = null; // { manifest, urls } while the pair is shown

  let dictionary = null;
  let seq = 0;
  const pending = new Map();
  let exercise = null; // { kind, title, row, expected, url, findings, answered }
  let exerciseUrl = null;
  /** The last sample's and exercise's CSV files (for their downloads). */
  let sampleFile = null;
  let sampleUrl = null;
  let exerciseFile = null;
  let kinds = []; // [{kind, title, hint}] from the engine
  // What the tests read (the page's state, never sent anywhere).
  const exposed = (globalThis.__olinpeTraining = { sample: null, exercise: null, demo: null, pair: null });

  function ask(action, data) {
    const id = ++seq;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      controller.post(TRAINING.REQUEST, { id, action, ...data });
    });
  }

  function onMessage(type, data) {
    if (type !== TRAINING.RESULT) return;
    const p = pending.get(data.id);
    if (!p) return;
    pending.delete(data.id);
    if (data.ok) p.resolve(data.result);
    else p.reject(new Error(workerErrorText(data)));
  }

  function status(text) {
    els.status.textContent = text;
  }

  function busy(on) {
    for (const b of [...sampleButtons, els.exercise, pairEls.button]) b.disabled = on;
  }

  // --- 1. samples ----------------------------------------------------------------------
  async function runSample(name) {
    const s = SAMPLES[name];
    busy(true);
    els.compare.replaceChildren();
    exposed.sample = null;
    status(T.samplePreparing(s.label));
    try {
      const { csv, manifest } = await ask('sample', { name });
      const file = new File([csv], s.file, { type: 'text/csv' });
      showSampleFile(file);
      status(T.sampleChecking(s.file, manifest.rows));
      if (!controller.runTraining(file, { kind: 'sample', name, manifest })) {
        busy(false);
        status(T.notReady);
      }
    } catch (err) {
      busy(false);
      status(T.failed(err.message));
    }
  }

  /** The sample's downloads: its CSV, and the same as XLSX on request. */
  function showSampleFile(file) {
    sampleFile = file;
    if (sampleUrl) URL.revokeObjectURL(sampleUrl);
    sampleUrl = URL.createObjectURL(file);
    els.sampleCsv.href = sampleUrl;
    els.sampleCsv.download = file.name;
    els.sampleCsv.textContent = T.sampleFileCsv(file.name);
    els.sampleXlsx.textContent = T.sampleFileXlsx(xlsxName(file.name));
    els.sampleFiles.hidden = false;
  }

  function xlsxName(csvName) {
    return csvName.replace(/\.csv$/, '.xlsx');
  }

  /** Makes the XLSX of `file` (a generated CSV) in the worker and downloads it. */
  async function downloadXlsx(file, button) {
    if (!file) return;
    button.disabled = true;
    try {
      const { xlsx } = await ask('xlsx', { csv: await file.arrayBuffer() });
      const url = URL.createObjectURL(new Blob([xlsx], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
      const a = el('a', { href: url, download: xlsxName(file.name), hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (err) {
      status(T.failed(err.message));
    } finally {
      button.disabled = false;
    }
  }

  function showComparison(t, findings) {
    const c = compareWithManifest(t.manifest, findings);
    exposed.sample = { name: t.name, expected: c.expected, found: c.found, equal: c.equal };
    const verdict = c.equal ? T.compareAllFound(c.expected.length) : T.compareDiffers(c.missed.length, c.extra.length);
    const table = el('table', {},
      el('caption', {}, T.compareCaption),
      el('thead', {}, el('tr', {}, T.compareColumns.map((col) => el('th', { scope: 'col' }, col)))),
      el('tbody', {}, [...c.perCode.entries()].sort().map(([code, n]) => {
        const f = dictionary ? dictionary.findings.find((x) => x.code === code) : null;
        return el('tr', {}, el('th', { scope: 'row' }, el('code', {}, code)), el('td', {}, f ? f.title : ''),
          el('td', {}, String(n.expected)), el('td', {}, String(n.matched)));
      })));
    const first = t.manifest.planted.slice(0, 100);
    const list = el('details', { class: 'olp-details' },
      el('summary', {}, T.plantedList(t.manifest.planted.length > 100)),
      el('ul', { class: 'olp-training-planted' }, first.map((p) => el('li', {},
        T.plantedRow(p.row), el('code', {}, p.code), p.variable ? T.plantedOn(p.variable) : '', T.plantedRule(p.rule)))));
    els.compare.replaceChildren(
      el('h4', { class: 'olp-h4' }, T.compareTitle(SAMPLES[t.name].file)),
      el('p', { class: c.equal ? 'olp-training-ok' : 'olp-training-ko', 'data-testid': 'sample-verdict' }, verdict),
      el('div', { class: 'fr-table olp-table-wrap' }, table),
      list);
  }

  // --- 2. exercises --------------------------------------------------------------------
  function fillKinds(list) {
    kinds = list;
    els.kind.replaceChildren(...kinds.map((k) => el('option', { value: k.kind }, k.title)));
  }

  async function plantExercise() {
    const k = kinds.find((x) => x.kind === els.kind.value);
    if (!k) return;
    busy(true);
    exercise = null;
    exposed.exercise = null;
    els.feedback.replaceChildren();
    els.answer.value = '';
    els.area.hidden = true;
    status(T.exercisePreparing);
    try {
      const seed = crypto.getRandomValues(new Uint32Array(1))[0];
      const ex = await ask('exercise', { kind: k.kind, seed });
      const name = `FORMATION-exercice-${k.kind}.csv`;
      const file = new File([ex.csv], name, { type: 'text/csv' });
      exerciseFile = file;
      if (exerciseUrl) URL.revokeObjectURL(exerciseUrl);
      exerciseUrl = URL.createObjectURL(file);
      exercise = { kind: k.kind, title: k.title, hint: k.hint, row: ex.row, expected: ex.expected, findings: null, answered: false };
      exposed.exercise = { kind: k.kind, row: ex.row, expected: ex.expected, ready: false, answered: false, correct: null };
      showExerciseFile(ex.csv, name, ex.expected);
      status(T.exerciseChecking);
      if (!controller.runTraining(file, { kind: 'exercise', hideReport: true })) {
        busy(false);
        status(T.notReady);
      }
    } catch (err) {
      busy(false);
      status(T.failed(err.message));
    }
  }

  function showExerciseFile(buffer, name, expected) {
    els.hint.textContent = T.exerciseHint(exercise.title, exercise.hint);
    els.fileLink.href = exerciseUrl;
    els.fileLink.download = name;
    els.fileLink.textContent = T.exerciseFile(name);
    els.fileXlsx.textContent = T.exerciseFileXlsx(xlsxName(name));
    const lines = new TextDecoder().decode(buffer).split('\n').filter((l) => l !== '');
    const header = cells(lines[0] || '');
    const extra = expected.map((p) => p.variable).filter((v) => v && !VIEW_COLUMNS.includes(v));
    const cols = [...VIEW_COLUMNS, ...new Set(extra)];
    const idx = cols.map((c) => header.indexOf(c));
    const table = el('table', {},
      el('caption', {}, T.exerciseCaption),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, T.exerciseRecord), cols.map((c) => el('th', { scope: 'col' }, c)))));
    const tb = el('tbody');
    lines.slice(1).forEach((line, i) => {
      const v = cells(line);
      tb.append(el('tr', {}, el('th', { scope: 'row' }, String(i + 1)),
        idx.map((j) => el('td', {}, j >= 0 ? (v[j] || '') : ''))));
    });
    table.append(tb);
    els.viewer.replaceChildren(table);
    els.area.hidden = false;
  }

  function exerciseChecked(findings) {
    exercise.findings = findings;
    exposed.exercise.ready = true;
    status(T.exerciseReady);
    els.answer.focus();
  }

  function answerExercise() {
    if (!exercise || !exercise.findings) return;
    const n = Number(els.answer.value);
    if (!Number.isInteger(n) || n < 1) {
      els.feedback.replaceChildren(el('p', {}, T.answerInvalid));
      return;
    }
    const correct = n === exercise.row;
    exposed.exercise.answered = true;
    exposed.exercise.correct = correct;
    if (!correct) {
      // The solution stays behind « Voir la solution » (a trainer lets a group search); a
      // hint after two wrong tries.
      exercise.wrong = (exercise.wrong || 0) + 1;
      exposed.exercise.wrong = exercise.wrong;
      if (exercise.revealed) {
        els.feedback.replaceChildren(el('p', { class: 'olp-training-ko' }, T.answerWrong(n)), solution());
        return;
      }
      const reveal = el('button', { type: 'button', class: 'fr-btn fr-btn--tertiary fr-btn--sm', 'data-testid': 'exercise-show-solution' }, T.showSolution);
      reveal.addEventListener('click', revealSolution);
      els.feedback.replaceChildren(
        el('p', { class: 'olp-training-ko' }, T.answerWrong(n)),
        exercise.wrong >= 2 ? el('p', { class: 'olp-training-hint', 'data-testid': 'exercise-more-hint' }, hintText()) : null,
        el('p', {}, reveal));
      return;
    }
    exercise.revealed = true;
    els.feedback.replaceChildren(el('p', { class: 'olp-training-ok' }, T.answerRight(n)), solution());
    controller.showReport();
  }

  /** After two wrong tries: what the error is about, and the 20 records it is among. */
  function hintText() {
    const p = exercise.expected.find((x) => x.variable) || exercise.expected[0] || {};
    const entry = dictionary && p.code ? dictionary.findings.find((x) => x.code === p.code) : null;
    const from = Math.floor((exercise.row - 1) / 20) * 20 + 1;
    return T.moreHint(entry ? entry.title : exercise.title, p.variable || null, from, from + 19);
  }

  /** « Voir la solution »: the solution and the report. */
  function revealSolution() {
    if (!exercise || !exercise.findings) return;
    exercise.revealed = true;
    exposed.exercise.revealed = true;
    els.feedback.replaceChildren(solution());
    controller.showReport();
    const first = els.feedback.querySelector('[data-testid=exercise-solution]');
    if (first) { first.setAttribute('tabindex', '-1'); first.focus(); }
  }

  function solution() {
    const onRow = exercise.findings.filter((f) => f.row === exercise.row && (f.severity === 'error' || f.severity === 'warning'));
    const items = onRow.map((f) => {
      const entry = dictionary ? dictionary.findings.find((x) => x.code === f.code) : null;
      return el('li', { 'data-code': f.code },
        el('p', {}, el('strong', {}, `${SEVERITY[f.severity] || f.severity} `), el('code', {}, f.code),
          ` — ${entry ? entry.title : ''}`, f.variable ? T.solutionVariable(f.variable) : ''),
        el('p', {}, T.solutionMessage(f.message)),
        entry ? el('p', { class: 'olp-training-explanation' }, T.solutionWhy(entry.explanation)) : null,
        f.variable && dictionary && dictionary.variables.some((v) => v.code === f.variable)
          ? el('p', {}, el('button', { type: 'button', 'data-var': f.variable, class: 'olp-varlink' }, T.solutionLink(f.variable)))
          : null);
    });
    return el('div', { class: 'olp-training-solution', 'data-testid': 'exercise-solution' },
      el('p', {}, T.solutionTitle(exercise.row)),
      el('ul', {}, items),
      el('p', { class: 'olp-help' }, T.solutionReport));
  }

  // --- 2 bis. the continuity pair ---------------------------------------------------------
  async function runPair() {
    busy(true);
    exposed.pair = null;
    if (pair) for (const u of pair.urls) URL.revokeObjectURL(u);
    pair = null;
    pairEls.out.replaceChildren();
    status(T.pairPreparing);
    try {
      const p = await ask('pair', {});
      const previous = new File([p.previous], p.previousName, { type: 'text/csv' });
      const current = new File([p.current], p.currentName, { type: 'text/csv' });
      const urls = [URL.createObjectURL(previous), URL.createObjectURL(current)];
      pair = { manifest: p.manifest, urls };
      const planted = p.manifest.planted;
      pairEls.out.replaceChildren(
        el('p', {}, T.pairToFind),
        el('ul', { 'data-testid': 'training-continuity-planted' },
          T.pairKinds.map(([k, label]) => el('li', { 'data-kind': k }, `${planted[k]} ${label}`)),
          el('li', { 'data-kind': 'indicator' }, T.pairIndicator(planted.indicator))),
        el('p', {}, T.pairFiles,
          el('a', { class: 'fr-link fr-link--download', href: urls[0], download: p.previousName }, p.previousName), ' ; ',
          el('a', { class: 'fr-link fr-link--download', href: urls[1], download: p.currentName }, p.currentName)));
      status(T.pairChecking(p.currentName, p.previousName));
      if (!controller.runTraining(current, { kind: 'pair' }, previous)) {
        busy(false);
        status(T.notReady);
      }
    } catch (err) {
      busy(false);
      status(T.failed(err.message));
    }
  }

  /** The continuity check of the pair against its manifest: every expected finding found. */
  function pairCompared(report) {
    if (!pair) return;
    const key = (f) => `${f.file || (f.row === null ? '' : 'current')}|${f.row}|${f.code}|${f.variable || ''}`;
    const expected = pair.manifest.findings.map(key);
    const found = report.findings.map(key);
    const foundSet = new Set(found);
    const expectedSet = new Set(expected);
    const missed = expected.filter((k) => !foundSet.has(k)).length;
    const extra = found.filter((k) => !expectedSet.has(k)).length;
    const equal = missed === 0 && extra === 0;
    exposed.pair = { expected: expected.length, found: found.length, equal, level: report.verdict.level };
    status(T.pairDone);
    pairEls.out.append(el('p', { class: equal ? 'olp-training-ok' : 'olp-training-ko', 'data-testid': 'training-continuity-verdict' },
      equal ? T.pairAllFound(expected.length) : T.pairDiffers(missed, extra)));
  }

  // --- 3. the three event types ------------------------------------------------------
  let walkStep = 0;

  function renderWalk() {
    if (!dictionary) return;
    const typev = dictionary.variables.find((v) => v.code === 'TYPEV');
    const labels = new Map((typev ? typev.modalities : []).map((m) => [m.code, m.label]));
    const step = walkStep;
    for (const b of els.walkButtons.querySelectorAll('button')) b.setAttribute('aria-pressed', String(Number(b.dataset.step) === step));
    const byCode = new Map(dictionary.variables.map((v) => [v.code, v]));
    const minorAge = 9; // Léa's age in the story, every step
    const filled = [];
    const empty = [];
    for (const b of dictionary.blocks) {
      const vars = b.variables.map((c) => byCode.get(c)).filter((v) => v.number > 0);
      if (!vars.length) continue;
      const inEvent = vars.filter((v) => v.typev[step]);
      const forAge = inEvent.filter((v) => (v.minAge === null || v.minAge === undefined || minorAge >= v.minAge)
        && (v.maxAge === null || v.maxAge === undefined || minorAge < v.maxAge));
      if (forAge.length) {
        filled.push(el('li', {}, el('strong', {}, T.walkBlock(b.id, b.title)),
          ` : ${forAge.map((v) => v.code).join(', ')}`,
          forAge.length < vars.length ? el('span', { class: 'olp-help' }, T.walkOthers(vars.length - forAge.length)) : null));
      } else {
        const why = inEvent.length === 0
          ? T.walkNotThisType(step + 1)
          : T.walkNotThisAge(agesText(inEvent[0]), minorAge);
        empty.push(el('li', {}, el('strong', {}, T.walkBlock(b.id, b.title)), T.walkEmpty(why)));
      }
    }
    els.walk.replaceChildren(
      el('h4', { class: 'olp-h4' }, T.walkTitle(step + 1, labels.get(String(step + 1)) || '')),
      el('p', {}, T.story[step]),
      el('p', {}, T.walkFilled(filled.length)),
      el('ul', { 'data-testid': 'walk-filled' }, filled),
      el('p', {}, T.walkLeftEmpty(empty.length)),
      el('ul', {}, empty),
      el('p', { class: 'olp-help' }, T.walkNote));
  }

  // --- 4. pseudonymisation ---------------------------------------------------------------
  function readDemo(prefix) {
    return {
      prenom: $(`${prefix}-prenom`).value,
      nommere: $(`${prefix}-nommere`).value,
      mnais: $('demo-mnais').value,
      anais: $('demo-anais').value,
      key: $('demo-key').value,
    };
  }

  async function runDemo() {
    els.demoError.hidden = true;
    try {
      const a = await ask('demo', { input: readDemo('demo') });
      const b = await ask('demo', { input: readDemo('demo2') });
      exposed.demo = { first: a, corrected: b };
      showDemo(a, b);
    } catch (err) {
      els.demoError.textContent = err.message;
      els.demoError.hidden = false;
      els.demoOut.replaceChildren();
    }
  }

  function demoRow(label, a, b, same) {
    return el('tr', {}, el('th', { scope: 'row' }, label), el('td', {}, el('code', {}, a)), el('td', {}, el('code', {}, b)),
      el('td', {}, same === undefined ? '' : (same ? T.demoSame : T.demoChanged)));
  }

  function showDemo(a, b) {
    const key = T.demoKey;
    const step = T.demoSteps;
    const table = el('table', { class: 'olp-training-demo' },
      el('caption', {}, T.demoCaption),
      el('thead', {}, el('tr', {}, T.demoColumns.map((c) => el('th', { scope: 'col' }, c)))),
      el('tbody', {},
        demoRow(step[0], a.prenom, b.prenom, a.prenom === b.prenom),
        demoRow(step[1], a.nommere, b.nommere, a.nommere === b.nommere),
        demoRow(step[2], a.birth, b.birth, a.birth === b.birth),
        demoRow(step[3], a.phonexPrenom, b.phonexPrenom, a.phonexPrenom === b.phonexPrenom),
        demoRow(step[4], a.phonexNommere, b.phonexNommere, a.phonexNommere === b.phonexNommere),
        demoRow(step[5], `${a.prenom}${a.nommere}${a.birth}${key}`, `${b.prenom}${b.nommere}${b.birth}${key}`),
        demoRow(step[6], `${a.phonexPrenom12}${a.phonexNommere12}${key}`, `${b.phonexPrenom12}${b.phonexNommere12}${key}`),
        demoRow(step[7], a.half1, b.half1, a.half1 === b.half1),
        demoRow(step[8], a.half2, b.half2, a.half2 === b.half2),
        demoRow(step[9], a.numanonym, b.numanonym, a.numanonym === b.numanonym)));
    const changed = a.numanonym !== b.numanonym;
    const phoneticSame = a.half2 === b.half2;
    const lesson = !changed
      ? T.demoUnchanged
      : phoneticSame ? T.demoPhoneticSame : T.demoBothChanged;
    els.demoOut.replaceChildren(
      el('div', { class: 'fr-table olp-table-wrap' }, table),
      el('p', { 'data-testid': 'demo-numanonym', 'data-value': a.numanonym }, T.demoNumanonym, el('code', {}, a.numanonym)),
      el('p', {}, lesson));
  }

  // --- wiring ------------------------------------------------------------------------
  for (const name of Object.keys(SAMPLES)) $(`sample-${name}`).addEventListener('click', () => runSample(name));
  els.sampleXlsx.addEventListener('click', () => downloadXlsx(sampleFile, els.sampleXlsx));
  els.fileXlsx.addEventListener('click', () => downloadXlsx(exerciseFile, els.fileXlsx));
  els.exercise.addEventListener('click', plantExercise);
  pairEls.button.addEventListener('click', runPair);
  els.submit.addEventListener('click', answerExercise);
  els.answer.addEventListener('keydown', (e) => { if (e.key === 'Enter') answerExercise(); });
  els.walkButtons.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-step]');
    if (b) { walkStep = Number(b.dataset.step); renderWalk(); }
  });
  els.demo.addEventListener('click', runDemo);
  els.feedback.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-var]');
    if (b) openVariable(b.dataset.var);
  });
  busy(true);

  return {
    onMessage,
    ready(info) {
      dictionary = info.dictionary || null;
      fillKinds(info.exerciseKinds || []);
      busy(false);
      renderWalk();
      status(T.ready);
    },
    done(t, d, findings) {
      busy(false);
      if (t.kind === 'sample') {
        status(T.sampleDone(SAMPLES[t.name].file, d.errors, d.warnings));
        showComparison(t, findings);
      } else if (t.kind === 'exercise' && exercise) {
        exerciseChecked(findings);
      } else if (t.kind === 'pair') {
        status(T.pairComparing);
      }
    },
    failed(t, message) {
      busy(false);
      status(T.checkFailed(message));
    },
    /** The person cancelled the training run. */
    cancelled() {
      busy(false);
      status(T.checkCancelled);
    },
    /** A continuity check is done (the pair's, when one is shown). */
    continuity(report) {
      pairCompared(report);
    },
  };
}
