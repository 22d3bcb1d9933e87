// The training panel (docs/spec/OLINPE.md §0.1 "Training"): invented data only, the visible key
// FORMATION-OLINPE, every produced file named FORMATION…. Four parts:
// 1. the built-in samples (200, 5 000, 100 000 records, the same as `olinpe generate
//    --sample`), run through the normal check flow, then compared with their manifest;
// 2. exercises: one chosen kind of error planted at a random record of a clean file; the
//    learner names the record, then sees the finding and its explanation;
// 3. a walk through the three event types of one invented young person, from the
//    dictionary's event-type and age data;
// 4. the pseudonymisation, step by step, with the engine's own functions.
// The engine work happens in the worker (www/training-worker.js); this file only asks and
// displays, with textContent only.

import { TRAINING } from './training-worker.js';
import { el, agesText } from './dictionary.js';

/** The training key: visible on purpose, never a real key (docs/spec/OLINPE.md §0.1). */
export const TRAINING_KEY = 'FORMATION-OLINPE';

const SAMPLES = {
  small: { file: 'FORMATION-echantillon-petit.csv', label: 'petit' },
  medium: { file: 'FORMATION-echantillon-moyen.csv', label: 'moyen' },
  large: { file: 'FORMATION-echantillon-grand.csv', label: 'grand' },
};

const SEVERITY_LABEL = { error: 'Erreur', warning: 'Avertissement', info: 'Information' };

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

  let dictionary = null;
  let seq = 0;
  const pending = new Map();
  let exercise = null; // { kind, title, row, expected, url, findings, answered }
  let exerciseUrl = null;
  let kinds = []; // [{kind, title, hint}] from the engine
  // What the tests read (the page's state, never sent anywhere).
  const exposed = (globalThis.__olinpeTraining = { sample: null, exercise: null, demo: null });

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
    else p.reject(new Error(data.message));
  }

  function status(text) {
    els.status.textContent = text;
  }

  function busy(on) {
    for (const b of [...sampleButtons, els.exercise]) b.disabled = on;
  }

  // --- 1. samples ----------------------------------------------------------------------
  async function runSample(name) {
    const s = SAMPLES[name];
    busy(true);
    els.compare.replaceChildren();
    exposed.sample = null;
    status(`Préparation de l’échantillon ${s.label}…`);
    try {
      const { csv, manifest } = await ask('sample', { name });
      const file = new File([csv], s.file, { type: 'text/csv' });
      status(`Vérification de ${s.file} (${manifest.rows.toLocaleString('fr-FR')} enregistrements) en cours…`);
      if (!controller.runTraining(file, { kind: 'sample', name, manifest })) {
        busy(false);
        status('Le moteur n’est pas prêt : réessayez dans un instant.');
      }
    } catch (err) {
      busy(false);
      status(`Échec : ${err.message}`);
    }
  }

  function showComparison(t, findings) {
    const c = compareWithManifest(t.manifest, findings);
    exposed.sample = { name: t.name, expected: c.expected, found: c.found, equal: c.equal };
    const verdict = c.equal
      ? `Les ${c.expected.length.toLocaleString('fr-FR')} erreurs et avertissements plantés ont tous été trouvés, et rien d’autre.`
      : `${c.missed.length} erreur(s) plantée(s) non trouvée(s), ${c.extra.length} constat(s) inattendu(s).`;
    const table = el('table', {},
      el('caption', {}, 'Erreurs plantées et constats, par code'),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col' }, 'Code'), el('th', { scope: 'col' }, 'Titre'),
        el('th', { scope: 'col' }, 'Plantées'), el('th', { scope: 'col' }, 'Trouvées'))),
      el('tbody', {}, [...c.perCode.entries()].sort().map(([code, n]) => {
        const f = dictionary ? dictionary.findings.find((x) => x.code === code) : null;
        return el('tr', {}, el('th', { scope: 'row' }, el('code', {}, code)), el('td', {}, f ? f.title : ''),
          el('td', {}, String(n.expected)), el('td', {}, String(n.matched)));
      })));
    const first = t.manifest.planted.slice(0, 100);
    const list = el('details', { class: 'olp-details' },
      el('summary', {}, `La liste des erreurs plantées (manifeste)${t.manifest.planted.length > 100 ? ' : les 100 premières' : ''}`),
      el('ul', { class: 'olp-training-planted' }, first.map((p) => el('li', {},
        `Enregistrement ${p.row} : `, el('code', {}, p.code), p.variable ? ` sur ${p.variable}` : '', ` — ${p.rule}`))));
    els.compare.replaceChildren(
      el('h4', { class: 'olp-h4' }, `Comparaison avec le manifeste de ${SAMPLES[t.name].file}`),
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
    status('Préparation de l’exercice…');
    try {
      const seed = crypto.getRandomValues(new Uint32Array(1))[0];
      const ex = await ask('exercise', { kind: k.kind, seed });
      const name = `FORMATION-exercice-${k.kind}.csv`;
      const file = new File([ex.csv], name, { type: 'text/csv' });
      if (exerciseUrl) URL.revokeObjectURL(exerciseUrl);
      exerciseUrl = URL.createObjectURL(file);
      exercise = { kind: k.kind, title: k.title, hint: k.hint, row: ex.row, expected: ex.expected, findings: null, answered: false };
      exposed.exercise = { kind: k.kind, row: ex.row, expected: ex.expected, ready: false, answered: false, correct: null };
      showExerciseFile(ex.csv, name, ex.expected);
      status('Vérification du fichier de l’exercice en cours…');
      if (!controller.runTraining(file, { kind: 'exercise', hideReport: true })) {
        busy(false);
        status('Le moteur n’est pas prêt : réessayez dans un instant.');
      }
    } catch (err) {
      busy(false);
      status(`Échec : ${err.message}`);
    }
  }

  function showExerciseFile(buffer, name, expected) {
    els.hint.textContent = `${exercise.title} : ${exercise.hint} Trouvez l’enregistrement concerné (les enregistrements sont numérotés à partir de 1, sans compter la ligne d’en-tête).`;
    els.fileLink.href = exerciseUrl;
    els.fileLink.download = name;
    els.fileLink.textContent = `Télécharger le fichier de l’exercice (${name})`;
    const lines = new TextDecoder().decode(buffer).split('\n').filter((l) => l !== '');
    const header = cells(lines[0] || '');
    const extra = expected.map((p) => p.variable).filter((v) => v && !VIEW_COLUMNS.includes(v));
    const cols = [...VIEW_COLUMNS, ...new Set(extra)];
    const idx = cols.map((c) => header.indexOf(c));
    const table = el('table', {},
      el('caption', {}, 'Les enregistrements du fichier (quelques colonnes)'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Enregistrement'), cols.map((c) => el('th', { scope: 'col' }, c)))));
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
    status('Exercice prêt : cherchez l’enregistrement qui porte l’erreur, puis donnez son numéro.');
    els.answer.focus();
  }

  function answerExercise() {
    if (!exercise || !exercise.findings) return;
    const n = Number(els.answer.value);
    if (!Number.isInteger(n) || n < 1) {
      els.feedback.replaceChildren(el('p', {}, 'Saisissez un numéro d’enregistrement (un entier à partir de 1).'));
      return;
    }
    const correct = n === exercise.row;
    exposed.exercise.answered = true;
    exposed.exercise.correct = correct;
    if (!correct) {
      els.feedback.replaceChildren(el('p', { class: 'olp-training-ko' },
        `Ce n’est pas l’enregistrement ${n}. Cherchez encore, ou lisez la solution ci-dessous.`),
      solution());
    } else {
      els.feedback.replaceChildren(el('p', { class: 'olp-training-ok' }, `Bonne réponse : l’enregistrement ${n} porte l’erreur.`), solution());
    }
    controller.showReport();
  }

  function solution() {
    const onRow = exercise.findings.filter((f) => f.row === exercise.row && (f.severity === 'error' || f.severity === 'warning'));
    const items = onRow.map((f) => {
      const entry = dictionary ? dictionary.findings.find((x) => x.code === f.code) : null;
      return el('li', { 'data-code': f.code },
        el('p', {}, el('strong', {}, `${SEVERITY_LABEL[f.severity] || f.severity} `), el('code', {}, f.code),
          ` — ${entry ? entry.title : ''}`, f.variable ? ` (variable ${f.variable})` : ''),
        el('p', {}, `Message du rapport : ${f.message}`),
        entry ? el('p', { class: 'olp-training-explanation' }, `Pourquoi : ${entry.explanation}`) : null,
        f.variable && dictionary && dictionary.variables.some((v) => v.code === f.variable)
          ? el('p', {}, el('button', { type: 'button', 'data-var': f.variable, class: 'olp-varlink' }, `${f.variable} dans le dictionnaire`))
          : null);
    });
    return el('div', { class: 'olp-training-solution', 'data-testid': 'exercise-solution' },
      el('p', {}, `La solution : l’enregistrement ${exercise.row}. Ce que la vérification en dit :`),
      el('ul', {}, items),
      el('p', { class: 'olp-help' }, 'Le rapport complet du fichier est affiché plus bas.'));
  }

  // --- 3. the three event types ------------------------------------------------------
  const STORY = [
    'Léa, née en mars 2009, fait l’objet en 2018 d’un placement décidé par le juge des enfants. Le département saisit une ligne TYPEV = 1 : la décision, le début, et tout ce qui a été appris de sa situation.',
    'En 2019, le juge renouvelle le placement. Une ligne TYPEV = 2 : la même décision (mêmes variables de décision que la ligne d’ouverture), avec la situation mise à jour.',
    'En 2020, le placement prend fin. Une ligne TYPEV = 3 : la fin, son motif, et la situation à la sortie.',
  ];
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
        filled.push(el('li', {}, el('strong', {}, `Bloc ${b.id} — ${b.title}`),
          ` : ${forAge.map((v) => v.code).join(', ')}`,
          forAge.length < vars.length ? el('span', { class: 'olp-help' }, ` (${vars.length - forAge.length} autre(s) variable(s) du bloc ne concernent pas cette ligne)`) : null));
      } else {
        const why = inEvent.length === 0
          ? `aucune de ses variables ne concerne le type ${step + 1}`
          : `ses variables concernent les jeunes de ${agesText(inEvent[0])}, pas une mineure de ${minorAge} ans`;
        empty.push(el('li', {}, el('strong', {}, `Bloc ${b.id} — ${b.title}`), ` : laissé vide, car ${why}.`));
      }
    }
    els.walk.replaceChildren(
      el('h4', { class: 'olp-h4' }, `TYPEV = ${step + 1} : ${labels.get(String(step + 1)) || ''}`),
      el('p', {}, STORY[step]),
      el('p', {}, `Blocs renseignés (${filled.length}) :`),
      el('ul', { 'data-testid': 'walk-filled' }, filled),
      el('p', {}, `Blocs laissés vides (${empty.length}) :`),
      el('ul', {}, empty),
      el('p', { class: 'olp-help' }, 'Ces listes viennent du dictionnaire (types d’événement et âges de chaque variable). Dans un bloc renseigné, une variable soumise à une condition n’est remplie que si la condition est vraie : voir sa fiche.'));
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
      el('td', {}, same === undefined ? '' : (same ? 'identique' : 'change')));
  }

  function showDemo(a, b) {
    const key = '[clé]';
    const table = el('table', { class: 'olp-training-demo' },
      el('caption', {}, 'Les étapes, pour l’identité saisie et pour sa version corrigée'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Étape'), el('th', { scope: 'col' }, 'Première saisie'),
        el('th', { scope: 'col' }, 'Après correction'), el('th', { scope: 'col' }, 'Effet'))),
      el('tbody', {},
        demoRow('1. Prénom normalisé (accents retirés, majuscules, lettres A à Z seulement)', a.prenom, b.prenom, a.prenom === b.prenom),
        demoRow('2. Nom de naissance de la mère normalisé', a.nommere, b.nommere, a.nommere === b.nommere),
        demoRow('3. Naissance (mois sur deux chiffres, puis année)', a.birth, b.birth, a.birth === b.birth),
        demoRow('4. Phonex du prénom', a.phonexPrenom, b.phonexPrenom, a.phonexPrenom === b.phonexPrenom),
        demoRow('5. Phonex du nom de la mère', a.phonexNommere, b.phonexNommere, a.phonexNommere === b.phonexNommere),
        demoRow('6. Texte haché pour la première moitié', `${a.prenom}${a.nommere}${a.birth}${key}`, `${b.prenom}${b.nommere}${b.birth}${key}`),
        demoRow('7. Texte haché pour la seconde moitié (12 premiers caractères de chaque phonex)', `${a.phonexPrenom12}${a.phonexNommere12}${key}`, `${b.phonexPrenom12}${b.phonexNommere12}${key}`),
        demoRow('8. Première moitié : 20 premiers caractères du SHA-1 de l’étape 6', a.half1, b.half1, a.half1 === b.half1),
        demoRow('9. Seconde moitié : 20 premiers caractères du SHA-1 de l’étape 7', a.half2, b.half2, a.half2 === b.half2),
        demoRow('NUMANONYM (les deux moitiés bout à bout)', a.numanonym, b.numanonym, a.numanonym === b.numanonym)));
    const changed = a.numanonym !== b.numanonym;
    const phoneticSame = a.half2 === b.half2;
    const lesson = !changed
      ? 'La correction ne change pas l’identifiant : après normalisation, les deux saisies sont identiques.'
      : phoneticSame
        ? 'La correction change la première moitié (texte exact) mais pas la seconde (phonétique) : l’ONPE peut encore rapprocher les deux identifiants comme un doublon probable.'
        : 'La correction change les deux moitiés : sans NUMANONYMANT, rien ne relierait ce jeune à ses données des années passées.';
    els.demoOut.replaceChildren(
      el('div', { class: 'fr-table olp-table-wrap' }, table),
      el('p', { 'data-testid': 'demo-numanonym', 'data-value': a.numanonym }, 'NUMANONYM de la première saisie : ', el('code', {}, a.numanonym)),
      el('p', {}, lesson));
  }

  // --- wiring ------------------------------------------------------------------------
  for (const name of Object.keys(SAMPLES)) $(`sample-${name}`).addEventListener('click', () => runSample(name));
  els.exercise.addEventListener('click', plantExercise);
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
      status('Choisissez un échantillon ou un exercice.');
    },
    done(t, d, findings) {
      busy(false);
      if (t.kind === 'sample') {
        status(`Vérification de ${SAMPLES[t.name].file} terminée : ${d.errors} erreur(s), ${d.warnings} avertissement(s). Le rapport est affiché plus bas.`);
        showComparison(t, findings);
      } else if (t.kind === 'exercise' && exercise) {
        exerciseChecked(findings);
      }
    },
    failed(t, message) {
      busy(false);
      status(`Échec de la vérification : ${message}`);
    },
  };
}
