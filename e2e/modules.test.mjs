// The page's pure modules, tested in Node without a browser: the --map-file text format,
// header matching for the mapping step, header sniffing, download names.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMapText, mapText, autoMatch, mappingTargets, loadRemembered, remember, forget, STORAGE_KEY } from '../www/mapping.js';
import { outputName, outputType, useArtifactTable } from '../www/artifacts.js';
import { readFileSync } from 'node:fs';
import { runInThisContext } from 'node:vm';

/** The engine built for the page (pkg/, by scripts/build-all.sh), loaded in Node. */
function engine() {
  const glue = readFileSync(new URL('../pkg/olinpe.js', import.meta.url), 'utf8');
  const bindgen = runInThisContext(`${glue}\n;wasm_bindgen`);
  bindgen.initSync({ module: readFileSync(new URL('../pkg/olinpe_bg.wasm', import.meta.url)) });
  return bindgen;
}


test('map file: CODE=header lines, first = splits, comments and blank lines ignored', () => {
  const { entries, problems } = parseMapText('\uFEFF# correspondance\r\nsexe=Sexe du jeune\r\n\r\nTYPEV=Type=évènement\n  # indenté\nsans égal\n=vide\n');
  assert.deepEqual(entries, [
    { code: 'SEXE', header: 'Sexe du jeune', line: 2 },
    { code: 'TYPEV', header: 'Type=évènement', line: 4 },
  ]);
  assert.deepEqual(problems, ['ligne 6 : « CODE=en-tête » attendu', 'ligne 7 : « CODE=en-tête » attendu']);
});

test('map file: export writes only what needs saying, and round-trips', () => {
  const mapping = { SEXE: 'Sexe du jeune', TYPEV: 'TYPEV', ANAIS: '', NUMDO: 'Dossier ; n°' };
  assert.equal(mapText(mapping), 'SEXE=Sexe du jeune\nNUMDO=Dossier ; n°\n');
  assert.equal(mapText(mapping, { all: true }), 'SEXE=Sexe du jeune\nTYPEV=TYPEV\nNUMDO=Dossier ; n°\n');
  assert.equal(mapText({}), '');
  const back = parseMapText(mapText(mapping)).entries.map((e) => [e.code, e.header]);
  assert.deepEqual(back, [['SEXE', 'Sexe du jeune'], ['NUMDO', 'Dossier ; n°']]);
});

test('header matching is the engine\'s: without its answer, only official names as they stand', () => {
  const targets = mappingTargets([{ code: 'SEXE', label: 'Sexe' }, { code: 'TYPEV', label: 'Type' }, { code: 'ANAIS', label: 'Année' }]);
  const { matched, exact, unmatchedHeaders } = autoMatch(['SEXE', ' typev ', 'Prénom', 'PRENOM', 'autre'], targets);
  assert.deepEqual([...exact], ['SEXE', 'PRENOM']);
  assert.equal(matched.has('TYPEV'), false, 'no matcher of the page\'s own (src/read/columns.rs match_header)');
  assert.deepEqual(unmatchedHeaders, [' typev ', 'Prénom', 'autre']);
});

test('remembered mapping: header names only, and storage failures are harmless', () => {
  const store = new Map();
  const storage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v), removeItem: (k) => store.delete(k) };
  remember(storage, { SEXE: 'Sexe du jeune', ANAIS: '' });
  assert.deepEqual(JSON.parse(store.get(STORAGE_KEY)), { SEXE: 'Sexe du jeune' });
  assert.deepEqual(loadRemembered(storage), { SEXE: 'Sexe du jeune' });
  store.set(STORAGE_KEY, '["pas un objet"]');
  assert.deepEqual(loadRemembered(storage), {});
  store.set(STORAGE_KEY, '{cassé');
  assert.deepEqual(loadRemembered(storage), {});
  forget(storage);
  assert.equal(store.has(STORAGE_KEY), false);
  const refusing = { getItem() { throw new Error('refusé'); }, setItem() { throw new Error('quota'); }, removeItem() { throw new Error('refusé'); } };
  assert.deepEqual(loadRemembered(refusing), {});
  remember(refusing, { SEXE: 'x' });
  forget(refusing);
  assert.deepEqual(loadRemembered(null), {});
});

test('download names are the command line\'s, from the engine\'s artifact table', () => {
  const wasm = engine();
  useArtifactTable(wasm.artifacts());
  for (const row of wasm.artifacts()) {
    for (const input of ['cd75.csv', 'recu.xml', 'a.b.csv', '.csv', 'sansextension', 'cd75.xlsx', 'cd75.ODS', 'c.xlsm']) {
      for (const training of [false, true]) {
        assert.equal(outputName(row.id, input, training), wasm.artifactName(row.id, input, training), `${row.id} ${input}`);
      }
      assert.equal(outputType(row.id, input), wasm.artifactMime(row.id, input), `${row.id} ${input}`);
    }
  }
  assert.equal(outputName('transmission-xml', 'cd75.csv', false), 'cd75-transmission.xml');
  assert.equal(outputName('receipt-txt', 'cd75.xml', false), 'cd75-recu.txt');
  assert.equal(outputName('findings-csv', 'a.b.csv', false), 'a.b-constats.csv');
  assert.equal(outputName('rehashed', 'recu.xml', false), 'recu-rehache.xml');
  // A workbook's copies are CSV files (issue 15).
  assert.equal(outputName('repaired', 'cd75.xlsx', false), 'cd75-repare.csv');
  assert.equal(outputType('rehashed', 'cd75.ods'), 'text/csv');
  assert.equal(outputName('rehash-receipt', 'recu.xml', false), 'recu-rehache-recu.json');
  assert.equal(outputName('report-json', '.csv', false), '.csv-rapport.json', 'a dot file keeps its name, as Path::file_stem');
  assert.equal(outputName('report-json', 'sansextension', false), 'sansextension-rapport.json');
  assert.equal(outputType('rehashed', 'x.xml'), 'application/xml');
  assert.equal(outputType('findings-csv', 'x.xml'), 'text/csv');
});
