// The French copy (www/copy.js): every key the state module says has its words; the words
// that are page hooks (docs/spec/INTERFACES.md, "The page": the status line contains
// `terminé` only after a successful run, `annulé` after a cancel, `échec` after a failure);
// the workers' codes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { statusText, errorText, progressText, workerErrorText, MODE_TEXT, DOWNLOAD_LABEL, REPORT_TEXT } from '../../www/copy.js';
import { RUN_MODES } from '../../www/state.js';

const source = readFileSync(new URL('../../www/state.js', import.meta.url), 'utf8');
const statusKeys = [...new Set([...source.matchAll(/say\('([\w-]+)'/g)].map((m) => m[1]))];
const errorKeys = [...new Set([...source.matchAll(/\{ key: '([\w-]+)'/g)].map((m) => m[1]))];

const PARAMS = { percent: 50, rows: 1234, errors: 2, warnings: 3, exitStatus: 1, lines: 4, size: 3e9, max: 2e9, problems: ['ligne 2'], missing: 1, code: 'internal', message: null };

test('every status and error the state module says has French words', () => {
  assert.ok(statusKeys.length >= 15, `status keys found: ${statusKeys}`);
  assert.ok(errorKeys.length >= 8, `error keys found: ${errorKeys}`);
  for (const key of statusKeys) assert.match(statusText({ key, ...PARAMS }), /\S/, key);
  for (const key of errorKeys) assert.match(errorText({ key, ...PARAMS }), /\S/, key);
  assert.equal(statusText(null), '');
  assert.equal(errorText(null), '');
});

test('the status line\'s hook words: terminé, annulé, échec', () => {
  const says = (word) => statusKeys.filter((key) => statusText({ key, ...PARAMS }).includes(word)).sort();
  assert.deepEqual(says('terminé'), ['done', 'findings-csv-ready']);
  assert.deepEqual(says('annulé'), ['cancelled', 'findings-csv-cancelled']);
  assert.deepEqual(says('échec'), ['failed', 'findings-csv-failed', 'init-failed']);
  assert.equal(statusText({ key: 'done', rows: 1234, errors: 0, warnings: 1, exitStatus: 0 }),
    'Traitement terminé : 1\u202f234 enregistrements, aucune erreur bloquante, 1 avertissement(s).');
  assert.match(statusText({ key: 'done', rows: 5, errors: 2, warnings: 0, exitStatus: 1 }), /2 erreur\(s\) à corriger/);
});

test('errors: sizes in French, the engine\'s own words first, the workers\' codes worded', () => {
  assert.match(errorText({ key: 'too-big', size: 3e9, max: 2e9 }), /^Ce fichier fait 3 Go ; dans ce mode, la page accepte au plus 2 Go/);
  assert.equal(errorText({ key: 'worker', code: 'csv-x', message: 'Message du moteur.' }), 'Message du moteur.');
  assert.match(errorText({ key: 'worker', code: 'not-found', message: null }), /introuvable/);
  assert.match(workerErrorText({ code: 'unreadable', message: null }), /ne peut pas être lu/);
  assert.equal(workerErrorText({ code: 'code-inconnu', message: null }), workerErrorText({ code: 'internal', message: null }));
  for (const code of ['memory', 'key-file-too-big', 'workbook-too-big', 'no-session', 'init', 'training-not-ready', 'training-unknown', 'training-failed']) {
    assert.notEqual(workerErrorText({ code, message: null }), workerErrorText({ code: 'internal', message: null }), code);
  }
  assert.equal(errorText({ key: 'mapping-notes', problems: [], missing: 2 }), '2 en-tête(s) de la correspondance absent(s) de ce fichier.');
});

test('progress line: the stage, rows, bytes and percent; the end; nothing', () => {
  assert.equal(progressText({ percent: 40, stage: 'main', bytes: 2.5e6, total: 1e7, rows: 12000 }),
    'Lecture et contrôle : 12\u202f000 enregistrements — 2,5 Mo sur 10 Mo (40 %)');
  assert.equal(progressText({ percent: 10, stage: 'findings', bytes: 1000, total: 10000, rows: null }),
    'Liste complète des constats (seconde lecture) : 1 ko sur 10 ko (10 %)');
  // A workbook's sheet is read in one call of the engine: records and percent, no bytes.
  assert.equal(progressText({ percent: 55, stage: 'sheet', bytes: 5, total: 9, rows: 4200 }),
    'Lecture et contrôle de la feuille du classeur : 4\u202f200 enregistrements (55 %)');
  assert.match(progressText({ percent: 80, stage: 'findings-sheet', bytes: 0, total: 0, rows: 0 }), /^Liste complète des constats .* 0 enregistrements \(80 %\)$/);
  assert.equal(progressText({ percent: 100, doneRows: 3 }), '3 enregistrements lus.');
  assert.equal(progressText({ percent: 0 }), '');
  assert.equal(progressText(null), '');
});

test('every working mode and every download has its words', () => {
  for (const mode of Object.keys(RUN_MODES)) {
    for (const k of ['title', 'help', 'runLabel']) assert.match(MODE_TEXT[mode][k], /\S/, `${mode}.${k}`);
  }
  const testids = readFileSync(new URL('../../www/state.js', import.meta.url), 'utf8').match(/'download-[\w-]+'/g).map((s) => s.slice(1, -1));
  for (const t of new Set(testids)) assert.match(DOWNLOAD_LABEL[t] || '', /\S/, t);
  assert.equal(REPORT_TEXT.findingsCsvDetail(12345), 'tous les 12\u202f345 constats, pour un tableur ; le fichier est relu pour la produire.');
});
