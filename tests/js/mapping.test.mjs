// The mapping step's pure decisions (www/mapping.js): whether to show it, its rows, the
// headers nothing uses, an imported --map-file against this file's headers. (The text
// format, header matching and storage are tested in e2e/modules.test.mjs.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mappingTargets, needsMapping, mappingRows, unusedHeaders, preferredMapping, parseMapText } from '../../www/mapping.js';

const targets = mappingTargets([{ code: 'SEXE', label: 'Sexe' }, { code: 'TYPEV', label: 'Type' }, { code: 'ANAIS', label: 'Année' }]);

test('the step is needed unless every header is an official name, exactly', () => {
  assert.equal(needsMapping(['SEXE', 'TYPEV', 'ANAIS', 'PRENOM'], targets), false);
  assert.equal(needsMapping(['SEXE', 'TYPEV'], targets), false, 'missing columns are the engine\'s to report');
  assert.equal(needsMapping(['SEXE', 'typev'], targets), true, 'matched, but not exactly: the person confirms');
  assert.equal(needsMapping(['SEXE', 'Colonne libre'], targets), true);
});

test('rows: one per target not named exactly, offering the headers that are no official name', () => {
  const headers = ['SEXE', ' typev ', 'Année naiss.', 'NOM_MERE'];
  const { rows, unknown } = mappingRows(headers, targets);
  assert.equal(unknown, 3);
  assert.deepEqual(rows.map((r) => r.target), ['TYPEV', 'ANAIS', 'PRENOM', 'NOMMERE', 'NOMUSAGE', 'JNAIS', 'NUMDO']);
  const byTarget = Object.fromEntries(rows.map((r) => [r.target, r]));
  assert.deepEqual(byTarget.TYPEV.options, [' typev ', 'Année naiss.', 'NOM_MERE']);
  assert.equal(byTarget.TYPEV.selected, ' typev ');
  assert.equal(byTarget.NOMMERE.selected, 'NOM_MERE', 'a synonym');
  assert.equal(byTarget.ANAIS.selected, '');
  assert.equal(byTarget.ANAIS.label, 'Année');
});

test('rows: a remembered or imported choice wins when the file has that header', () => {
  const headers = ['SEXE', 'typev', 'Année naiss.'];
  const { rows } = mappingRows(headers, targets, { ANAIS: 'Année naiss.', TYPEV: 'absente ici', SEXE: 'typev' });
  const byTarget = Object.fromEntries(rows.map((r) => [r.target, r.selected]));
  assert.equal(byTarget.ANAIS, 'Année naiss.');
  assert.equal(byTarget.TYPEV, 'typev', 'a header this file lacks is not chosen');
  assert.equal(byTarget.SEXE, undefined, 'an exact name has no row');
});

test('unused headers: neither an exact name nor chosen in a select', () => {
  const headers = ['SEXE', 'typev', 'Année naiss.', 'Libre'];
  assert.deepEqual(unusedHeaders(headers, targets, { TYPEV: 'typev' }), ['Année naiss.', 'Libre']);
  assert.deepEqual(unusedHeaders(headers, targets, { TYPEV: 'typev', ANAIS: 'Année naiss.', NUMDO: 'Libre' }), []);
  assert.deepEqual(unusedHeaders(headers, targets, {}), ['typev', 'Année naiss.', 'Libre'], 'a match by name counts only once chosen');
});

test('an imported mapping: the headers this file has, and how many it lacks', () => {
  const { entries } = parseMapText('TYPEV=Type\nANAIS=Année naiss.\nNUMDO=Dossier\n');
  assert.deepEqual(preferredMapping(entries, ['SEXE', 'Type', 'Année naiss.']), { preferred: { TYPEV: 'Type', ANAIS: 'Année naiss.' }, missing: 1 });
  assert.deepEqual(preferredMapping([], ['SEXE']), { preferred: {}, missing: 0 });
});
