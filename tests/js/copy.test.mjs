// The French copy (www/copy.js): every key the state module says has its words; the words
// that are page hooks (docs/spec/INTERFACES.md, "The page": the status line contains
// `terminé` only after a successful run, `annulé` after a cancel, `échec` after a failure);
// the workers' codes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { statusText, errorText, progressText, workerErrorText, pageMessage, refusalText, MODE_TEXT, DOWNLOAD_LABEL, REPORT_TEXT, VERDICT_TEXT, CONTINUITY_TEXT, PREVIOUS_HINT } from '../../www/copy.js';
import { RUN_MODES } from '../../www/state.js';
import { formatPercent } from '../../www/format.js';

const source = readFileSync(new URL('../../www/state.js', import.meta.url), 'utf8');
const statusKeys = [...new Set([...source.matchAll(/say\('([\w-]+)'/g)].map((m) => m[1]))];
const errorKeys = [...new Set([...source.matchAll(/\{ key: '([\w-]+)'/g)].map((m) => m[1]))];

const PARAMS = { percent: 50, rows: 1234, errors: 2, warnings: 3, exitStatus: 1, lines: 4, size: 3e9, max: 2e9, problems: ['ligne 2'], missing: 1, code: 'internal', message: null, level: 'a_verifier', which: 'previous' };

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
  // The continuity check follows a finished run: its statuses say the run is finished too.
  assert.deepEqual(says('terminé'), ['continuity-cancelled', 'continuity-done', 'continuity-failed', 'corrections-ready', 'done', 'findings-csv-ready']);
  assert.deepEqual(says('annulé'), ['cancelled', 'findings-csv-cancelled']);
  assert.deepEqual(says('échec'), ['failed', 'findings-csv-failed', 'init-failed']);
  assert.equal(statusText({ key: 'done', rows: 1234, errors: 0, warnings: 1, exitStatus: 0 }),
    'Traitement terminé : 1\u202f234 enregistrements, aucune erreur bloquante, 1 avertissement.');
  assert.match(statusText({ key: 'done', rows: 5, errors: 2, warnings: 0, exitStatus: 1 }), /2 erreurs à corriger/);
  assert.equal(statusText({ key: 'done', rows: 5, errors: 0, warnings: 2, exitStatus: 1, level: 'bloquant' }),
    'Traitement terminé : 5 enregistrements — ne pas transmettre en l’état (0 erreur, 2 avertissements).');
});

test('errors: sizes in French, the engine\'s own words first, the workers\' codes worded', () => {
  assert.match(errorText({ key: 'too-big', size: 3e9, max: 2e9 }), /^Ce fichier fait 3 Go ; dans ce mode, la page accepte au plus 2 Go/);
  assert.equal(errorText({ key: 'worker', code: 'csv-x', message: 'Message du moteur.' }), 'Message du moteur.');
  assert.match(errorText({ key: 'worker', code: 'not-found', message: null }), /introuvable/);
  assert.match(workerErrorText({ code: 'unreadable', message: null }), /ne peut pas être lu/);
  assert.match(workerErrorText({ code: 'file-changed', message: null }), /a changé sur le disque.*Choisissez-le à nouveau/);
  assert.equal(workerErrorText({ code: 'code-inconnu', message: null }), workerErrorText({ code: 'internal', message: null }));
  for (const code of ['memory', 'file-changed', 'key-file-too-big', 'workbook-too-big', 'no-session', 'init', 'training-not-ready', 'training-unknown', 'training-failed']) {
    assert.notEqual(workerErrorText({ code, message: null }), workerErrorText({ code: 'internal', message: null }), code);
  }
  assert.equal(errorText({ key: 'mapping-notes', problems: [], missing: 2 }), '2 en-têtes de la correspondance sont absents de ce fichier.');
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

test('the continuity section\'s words: levels, changes, places, the file that could not be read', () => {
  assert.equal(statusText({ key: 'continuity-done', level: 'bloquant' }), 'Traitement terminé ; continuité avec l’an dernier : ne pas transmettre en l’état.');
  assert.equal(CONTINUITY_TEXT.level('transmissible'), 'Continuité avec l’an dernier : peut être transmis');
  assert.equal(CONTINUITY_TEXT.change({ name: 'rate:MINIMA', change: -0.895 }), '−89,5 points');
  assert.equal(CONTINUITY_TEXT.change({ name: 'typev:3', change: 0.6 }), '+60,0 %');
  assert.equal(CONTINUITY_TEXT.change({ name: 'NATDECASSED:15', change: null }), 'absent l’an dernier');
  assert.equal(CONTINUITY_TEXT.value(0.5, true), formatPercent(0.5));
  assert.equal(CONTINUITY_TEXT.value(1234, false), '1\u202f234');
  assert.equal(CONTINUITY_TEXT.findingPlace({ row: 3, file: 'previous' }), 'an dernier, enregistrement 3');
  assert.equal(CONTINUITY_TEXT.findingPlace({ row: 3 }), 'cette année, enregistrement 3');
  assert.equal(CONTINUITY_TEXT.findingPlace({ row: null }), 'les deux fichiers');
  assert.match(errorText({ key: 'continuity', which: 'current', code: 'empty-file', message: 'Le fichier est vide.' }), /le fichier de cette année ne peut pas être lu\. Le fichier est vide\./);
  assert.match(progressText({ percent: 30, stage: 'continuity-previous', bytes: 1000, total: 2000, rows: 5 }), /^Continuité : lecture du fichier de l’an dernier/);
  for (const mode of ['check', 'pseudonymise']) assert.match(PREVIOUS_HINT[mode], /continuité/);
});

test('every working mode and every download has its words', () => {
  for (const mode of Object.keys(RUN_MODES)) {
    for (const k of ['title', 'help', 'runLabel']) assert.match(MODE_TEXT[mode][k], /\S/, `${mode}.${k}`);
  }
  const testids = readFileSync(new URL('../../www/state.js', import.meta.url), 'utf8').match(/'download-[\w-]+'/g).map((s) => s.slice(1, -1));
  for (const t of new Set(testids)) assert.match(DOWNLOAD_LABEL[t] || '', /\S/, t);
  assert.equal(REPORT_TEXT.findingsCsvDetail(12345), 'tous les 12\u202f345 constats, pour un tableur ; le fichier est relu pour la produire.');
});

// --- the verdict, the refusals, messages that name the page's controls ---------------------

const findingsDoc = readFileSync(new URL('../../docs/findings.md', import.meta.url), 'utf8');
// The run's verdict reasons only: continuity's own (the next section) are shown in its section.
const reasonsStart = findingsDoc.indexOf('## Raisons du verdict');
const reasonsEnd = findingsDoc.indexOf('\n## ', reasonsStart + 1);
const reasonsDoc = findingsDoc.slice(reasonsStart, reasonsEnd < 0 ? undefined : reasonsEnd);
const reasonRows = [...reasonsDoc.matchAll(/^\| `([a-z-]+)` \| ([^|]+) \|/gm)].map((m) => [m[1], m[2].trim()]);

test('every reason of the verdict (docs/findings.md) has the page\'s words: an action naming its controls, or none for a note', () => {
  assert.ok(reasonRows.length >= 12, `reasons found: ${reasonRows}`);
  for (const [code, level] of reasonRows) {
    const action = VERDICT_TEXT.action({ code, level, settings: { with_day: true, uppercase: false } }, { withDay: false, uppercase: true, hasNumdo: true });
    if (level === 'note') assert.equal(action, null, code);
    else {
      assert.match(action, /\S/, code);
      assert.doesNotMatch(action, /--[a-z]|olinpe /, `${code}: no command line on the page`);
    }
  }
  assert.equal(VERDICT_TEXT.action({ code: 'previous-other-setting', settings: { with_day: true, uppercase: false } }, { withDay: false, uppercase: true }),
    'Relancez avec les réglages recommandés : cochez « Inclure le jour de naissance » et décochez « Identifiants en majuscules » (le bouton ci-dessous le fait). Rien n’a été changé sans vous.');
  for (const level of ['transmissible', 'a_verifier', 'bloquant']) assert.match(VERDICT_TEXT.title[level], /\S/);
  assert.match(VERDICT_TEXT.action({ code: 'error-findings', level: 'bloquant' }, { mode: 'rehash' }), /demandez au département/);
});

test('messages of the engine name the page\'s controls, never a flag', () => {
  const templates = [...findingsDoc.matchAll(/^Message : « (.*) »$/gm)].map((m) => m[1]);
  assert.ok(templates.some((t) => t.includes('(--repair)')), 'the catalogue names flags in parentheses');
  for (const t of templates) assert.doesNotMatch(pageMessage(t), /--[a-z]/, t);
  assert.equal(pageMessage('ou indiquez l\'année de référence (--year).'), 'ou indiquez l\'année de référence (champ « Année de référence »).');
  assert.equal(pageMessage(null), null);
});

test('pseudonymise\'s refusals in the page\'s words, also when the engine raised them', () => {
  assert.match(refusalText({ code: 'identity-columns-absent', columns: ['PRENOM', 'MNAIS'] }), /^Colonnes d’identité absentes du fichier : PRENOM, MNAIS\. .*« Correspondance des colonnes »/);
  assert.match(refusalText({ code: 'already-pseudonymised' }), /déjà pseudonymisé.*« Vérifier un fichier »/);
  assert.equal(refusalText(null), '');
  const engine = 'Colonne(s) d\'identité absente(s) du fichier : PRENOM, NOMMEREJEUNE/NOMMERE/NOM_MERE. Sans elle(s), aucun identifiant fiable ne peut être calculé (le numéro de dossier remplacerait l\'identité sur chaque ligne). Exportez ces colonnes, ou indiquez celle qui les contient avec --map-file.';
  const shown = workerErrorText({ code: 'identity-columns-absent', message: engine });
  assert.match(shown, /: PRENOM, NOMMEREJEUNE\/NOMMERE\/NOM_MERE\. /);
  assert.doesNotMatch(shown, /--map-file/);
  assert.doesNotMatch(workerErrorText({ code: 'already-pseudonymised', message: 'x olinpe rehash' }), /olinpe/);
});

test('singular and plural: « 1 information », « 2 informations » (issue 14)', async () => {
  const { plural, REPORT_TEXT, FINDINGS_TEXT, AUDIT_TEXT } = await import('../../www/copy.js');
  assert.equal(plural(1, 'information', 'informations'), '1 information');
  assert.equal(plural(0, 'information', 'informations'), '0 information');
  assert.equal(plural(2, 'information', 'informations'), '2 informations');
  assert.equal(REPORT_TEXT.stats.infos(1), ' information');
  assert.equal(REPORT_TEXT.stats.infos(3), ' informations');
  assert.match(FINDINGS_TEXT.showInfo(1), /l’information \(repliée/);
  assert.equal(AUDIT_TEXT.count(1, 'records'), '1 enregistrement');
  assert.equal(AUDIT_TEXT.count(2, 'young_people'), '2 jeunes');
  assert.equal(AUDIT_TEXT.group('À corriger', 1), 'À corriger : 1 section');
  // No « (s) » left where a count is known.
  const { readFileSync } = await import('node:fs');
  const copy = readFileSync(new URL('../../www/copy.js', import.meta.url), 'utf8');
  const left = copy.split('\n').filter((l) => /\$\{[^}]+\}[^`]*\(s\)/.test(l));
  assert.deepEqual(left, []);
});
