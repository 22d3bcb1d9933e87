// The mapping step's pure decisions (www/mapping.js): whether to show it, its rows and their
// order, the headers nothing uses, an imported --map-file against this file's headers, and
// whether a file is no Olinpe file at all. The header matching itself is the engine's
// (src/read/columns.rs `match_header`, shared table tests/js/header-matches.json): here the
// engine's answers are given as the worker's `header` message gives them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mappingTargets, needsMapping, mappingRows, unusedHeaders, preferredMapping, parseMapText, mapText, knownColumns, notOlinpe, shortLabel, autoMatch, PSEUDONYMISE_REQUIRED } from '../../www/mapping.js';

const targets = mappingTargets([{ code: 'SEXE', label: 'Sexe' }, { code: 'TYPEV', label: 'Type', mandatory: true }, { code: 'ANAIS', label: 'Année' }, { code: 'MNAIS', label: 'Mois' }]);

/** The engine's answer for `headers`: `[code|null, exact]` per header. */
function engine(pairs) {
  return { matched: pairs.map((p) => p[0]), exact: pairs.map((p) => p[1]) };
}

test('the step is needed unless every header is an official name as it stands', () => {
  assert.equal(needsMapping(['SEXE', 'TYPEV', 'ANAIS', 'PRENOM'], targets, engine([['SEXE', true], ['TYPEV', true], ['ANAIS', true], ['PRENOM', true]])), false);
  assert.equal(needsMapping(['SEXE', 'TYPEV'], targets, engine([['SEXE', true], ['TYPEV', true]])), false, 'missing columns are the engine\'s to report');
  assert.equal(needsMapping(['SEXE', 'typev'], targets, engine([['SEXE', true], ['TYPEV', false]])), true, 'matched, but not exactly: the person confirms');
  assert.equal(needsMapping(['SEXE', 'Colonne libre'], targets, engine([['SEXE', true], [null, false]])), true);
  assert.equal(needsMapping(['SEXE', 'NOM_MERE'], targets, engine([['SEXE', true], ['NOMMERE', true]])), false, 'an official identity name');
  // Without the engine's answer, only official names as they stand count.
  assert.equal(needsMapping(['SEXE', 'typev'], targets), true);
});

test('matching is the engine\'s: the first header naming a column takes it', () => {
  const headers = ['Prénom', 'PRENOM', 'sexe', 'autre'];
  const { matched, exact, unmatchedHeaders } = autoMatch(headers, targets, engine([['PRENOM', false], ['PRENOM', true], ['SEXE', false], [null, false]]));
  assert.equal(matched.get('PRENOM'), 'Prénom');
  assert.equal(matched.get('SEXE'), 'sexe');
  assert.deepEqual([...exact], []);
  assert.deepEqual(unmatchedHeaders, ['PRENOM', 'autre']);
});

test('rows: the needed columns without a header first, then those to confirm, then the others', () => {
  const headers = ['SEXE', ' typev ', 'Année naiss.', 'Prénom', 'Nom naissance mère'];
  const m = engine([['SEXE', true], ['TYPEV', false], [null, false], ['PRENOM', false], ['NOMMERE', false]]);
  const { rows, unknown } = mappingRows(headers, targets, {}, m, new Set(PSEUDONYMISE_REQUIRED));
  assert.equal(unknown, 4);
  assert.deepEqual(rows.map((r) => [r.target, r.group]), [
    ['ANAIS', 'required'], ['MNAIS', 'required'],
    ['TYPEV', 'confirm'], ['PRENOM', 'confirm'], ['NOMMERE', 'confirm'],
    ['NOMUSAGE', 'other'], ['JNAIS', 'other'], ['NUMDO', 'other'],
  ]);
  const by = Object.fromEntries(rows.map((r) => [r.target, r]));
  assert.deepEqual(by.TYPEV.options, [' typev ', 'Année naiss.', 'Prénom', 'Nom naissance mère']);
  assert.equal(by.TYPEV.selected, ' typev ');
  assert.equal(by.TYPEV.how, 'name');
  assert.equal(by.NOMMERE.selected, 'Nom naissance mère');
  assert.equal(by.ANAIS.selected, '');
  assert.equal(by.ANAIS.label, 'Année');
  // In check mode nothing is needed but the mandatory variables.
  const check = mappingRows(['SEXE', 'x'], targets, {}, engine([['SEXE', true], [null, false]]));
  assert.deepEqual(check.rows.filter((r) => r.group === 'required').map((r) => r.target), ['TYPEV']);
});

test('rows: a remembered or imported choice wins when the file has that header', () => {
  const headers = ['SEXE', 'typev', 'Année naiss.'];
  const m = engine([['SEXE', true], ['TYPEV', false], [null, false]]);
  const { rows } = mappingRows(headers, targets, { ANAIS: 'Année naiss.', TYPEV: 'absente ici', SEXE: 'typev' }, m);
  const by = Object.fromEntries(rows.map((r) => [r.target, r]));
  assert.equal(by.ANAIS.selected, 'Année naiss.');
  assert.equal(by.ANAIS.how, 'remembered');
  assert.equal(by.TYPEV.selected, 'typev', 'a header this file lacks is not chosen');
  assert.equal(by.SEXE, undefined, 'an exact name has no row');
});

test('unused headers: neither an exact name nor chosen in a select', () => {
  const headers = ['SEXE', 'typev', 'Année naiss.', 'Libre'];
  const m = engine([['SEXE', true], ['TYPEV', false], [null, false], [null, false]]);
  assert.deepEqual(unusedHeaders(headers, targets, { TYPEV: 'typev' }, m), ['Année naiss.', 'Libre']);
  assert.deepEqual(unusedHeaders(headers, targets, { TYPEV: 'typev', ANAIS: 'Année naiss.', NUMDO: 'Libre' }, m), []);
  assert.deepEqual(unusedHeaders(headers, targets, {}, m), ['typev', 'Année naiss.', 'Libre'], 'a match by name counts only once chosen');
});

test('an imported mapping: the headers this file has, and how many it lacks', () => {
  const { entries } = parseMapText('TYPEV=Type\nANAIS=Année naiss.\nNUMDO=Dossier\n');
  assert.deepEqual(preferredMapping(entries, ['SEXE', 'Type', 'Année naiss.']), { preferred: { TYPEV: 'Type', ANAIS: 'Année naiss.' }, missing: 1 });
  assert.deepEqual(preferredMapping([], ['SEXE']), { preferred: {}, missing: 0 });
});

test('« absente du fichier » over a header the engine reads by its name: CODE= in the run\'s mapping', () => {
  const headers = ['SEXE', 'Département', 'Année naiss.'];
  const matched = ['SEXE', 'NUMDEP', null];
  // As the step reads it: every row, '' for « absente du fichier ».
  assert.equal(mapText({ NUMDEP: '', ANAIS: 'Année naiss.', NUMDO: '' }, { matched }), 'NUMDEP=\nANAIS=Année naiss.\n',
    'NUMDEP= because « Département » would be read as NUMDEP; nothing for NUMDO, which no header names');
  assert.equal(mapText({ NUMDEP: 'Département' }, { matched }), 'NUMDEP=Département\n');
  assert.equal(mapText({ NUMDEP: '' }), '', 'without the engine\'s matching, nothing to say');
  // The choice stays when the rows are drawn again (another mode), and an imported CODE= is it.
  const m = engine([['SEXE', true], ['NUMDEP', false], [null, false]]);
  const withDep = [...targets, ...mappingTargets([{ code: 'NUMDEP', label: 'Département' }])];
  const by = (rows) => Object.fromEntries(rows.map((r) => [r.target, r]));
  assert.equal(by(mappingRows(headers, withDep, {}, m).rows).NUMDEP.selected, 'Département', 'matched by name');
  assert.equal(by(mappingRows(headers, withDep, { NUMDEP: '' }, m).rows).NUMDEP.selected, '', 'absent, as chosen');
  const { entries } = parseMapText('NUMDEP=\nANAIS=Année naiss.\n');
  assert.deepEqual(preferredMapping(entries, headers), { preferred: { NUMDEP: '', ANAIS: 'Année naiss.' }, missing: 0 });
});

test('no Olinpe file: not text at all, or fewer than five known columns', () => {
  const png = { format: 'unknown', headers: [] };
  assert.deepEqual(notOlinpe(png, 0), { reason: 'not-text' });
  const csv = { format: 'csv', headers: ['Nom', 'Adresse', 'SEXE'] };
  const m = engine([[null, false], [null, false], ['SEXE', true]]);
  assert.equal(knownColumns(csv.headers, m), 1);
  assert.deepEqual(notOlinpe(csv, knownColumns(csv.headers, m)), { reason: 'few-columns', known: 1 });
  // The remembered mapping's headers count as known.
  assert.equal(knownColumns(csv.headers, m, { NUMDO: 'Nom', LIEUPLAC: 'Adresse' }), 3);
  const five = ['SEXE', 'TYPEV', 'ANAIS', 'MNAIS', 'Prénom'];
  assert.equal(notOlinpe({ format: 'xlsx', headers: five }, knownColumns(five, engine(five.map((h) => [h.toUpperCase().replace('É', 'E'), true])))), null);
  assert.equal(notOlinpe({ format: 'xml', headers: [] }, 0), null, 'an XML file is the engine\'s to judge');
});

test('the shared table of header matches is well formed (the engine\'s test reads it too)', () => {
  const table = JSON.parse(readFileSync(new URL('./header-matches.json', import.meta.url), 'utf8'));
  assert.ok(table.length >= 40);
  for (const [header, code, exact] of table) {
    assert.equal(typeof header, 'string');
    assert.ok(code === null || /^[A-Z0-9_]+$/.test(code), code);
    assert.equal(typeof exact, 'boolean');
  }
});

test('short labels: the guide\'s notes after the first sentence go', () => {
  assert.equal(shortLabel('Date de début effective de la prestation ou de la mesure de protection de l’enfance.9999 si année inconnue, 99 si mois inconnu'), 'Date de début effective de la prestation ou de la mesure de protection de l’enfance');
  assert.equal(shortLabel('Principal lieu d\'accueil du mineur/majeur.'), 'Principal lieu d\'accueil du mineur/majeur');
  assert.equal(shortLabel('Sexe du mineur/majeur'), 'Sexe du mineur/majeur');
  assert.ok(shortLabel('x'.repeat(200)).length <= 90);
});
