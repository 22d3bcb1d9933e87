// The page's French copy: every text the scripts write for a person (statuses, errors,
// labels, the report's words, the training and dictionary panels, what the workers' own
// error codes mean). The static text of index.html stays in the HTML; the engine's own
// messages (findings, engine errors, the dictionary's content) come from the engine, in
// French too. The workers send codes, never words: they do not bundle this module.
//
// Entries that depend on values are functions; numbers and sizes are written by
// www/format.js. Pure: the page and the Node tests import it.

import { formatBytes, formatInt, formatSeconds } from './format.js';

/** A finding's severity. */
export const SEVERITY = Object.freeze({ error: 'Erreur', warning: 'Avertissement', info: 'Information' });

/** The working modes: title, help and the run button's label. */
export const MODE_TEXT = Object.freeze({
  check: {
    title: 'Vérifier un fichier',
    help: 'Contrôle un fichier Olinpe (CSV, XML ou classeur XLSX ou ODS, nominatif ou déjà pseudonymisé) selon le guide de l’ONPE, sans rien modifier. Aucun fichier n’est produit, sauf le rapport et la liste des constats.',
    runLabel: 'Lancer la vérification',
  },
  pseudonymise: {
    title: 'Préparer la transmission',
    help: 'Contrôle le fichier nominatif, remplace l’identité par l’identifiant pseudonyme (NUMANONYM) et produit les fichiers à transmettre (XML, CSV), le reçu et le rapport.',
    runLabel: 'Préparer la transmission',
  },
  rehash: {
    title: 'Re-hacher (observatoire)',
    help: 'Pour les observatoires (ODPE, ONPE) : applique le second hachage aux identifiants reçus (NUMANONYM, NUMANONYMANT) avec la clé de l’observatoire. Toutes les autres valeurs restent inchangées.',
    runLabel: 'Re-hacher le fichier',
  },
});

// --- what the page says: status line, error box, progress line (keys of www/state.js) ---

/** The status line (`data-testid=status`): `terminé`, `annulé`, `échec` are hooks. */
const STATUS = {
  'choose': () => 'Choisissez un fichier.',
  'ready': () => 'Prêt.',
  'file-chosen': () => 'Fichier choisi. Vérifiez les réglages puis lancez.',
  'reading': () => 'Lecture en cours…',
  'cancelling': () => 'Annulation…',
  'progress': (s) => `Traitement en cours : ${s.percent} %`,
  'done': (s) => `Traitement terminé : ${formatInt(s.rows)} enregistrements, ${s.exitStatus === 0 ? 'aucune erreur bloquante' : `${formatInt(s.errors)} erreur(s) à corriger`}, ${formatInt(s.warnings)} avertissement(s).`,
  'failed': () => 'Traitement interrompu : échec de la lecture.',
  'cancelled': () => 'Lecture annulée : rien n’a été produit.',
  'init-failed': () => 'Démarrage en échec.',
  'findings-csv-preparing': () => 'Préparation de la liste des constats…',
  'findings-csv-ready': () => 'Liste des constats prête : téléchargement terminé.',
  'findings-csv-failed': () => 'Liste des constats : échec.',
  'findings-csv-cancelled': () => 'Liste des constats annulée.',
  'mapping-forgotten': () => 'Correspondance mémorisée oubliée.',
  'mapping-imported': (s) => `Correspondance importée (${s.lines} ligne(s)).`,
};

/** The error box (`data-testid=error-message`); `{text}` is a message of the engine or worker. */
const ERROR = {
  'too-big': (e) => `Ce fichier fait ${formatBytes(e.size)} ; dans ce mode, la page accepte au plus ${formatBytes(e.max)}, car elle garde en mémoire ce qu’elle produit jusqu’au téléchargement. Pour un fichier plus gros, utilisez la ligne de commande olinpe, qui n’a pas cette limite.`,
  'empty-file': () => 'Ce fichier est vide (0 octet) : choisissez le fichier exporté par votre logiciel.',
  'key-missing': () => 'Saisissez la clé de pseudonymisation, ou choisissez le fichier qui la contient.',
  'year-invalid': () => 'L’année de référence doit être une année sur quatre chiffres, par exemple 2024.',
  'crashed': () => 'Le moteur de calcul s’est arrêté de façon inattendue (mémoire insuffisante ?). Fermez d’autres onglets et réessayez, ou utilisez la ligne de commande pour les gros fichiers.',
  'mapping-needs-csv': () => 'Choisissez d’abord un fichier CSV ou un classeur (XLSX, ODS) : la correspondance s’applique à ses colonnes.',
  'mapping-unreadable': () => 'Le fichier de correspondance n’a pas pu être lu.',
  'mapping-notes': (e) => [
    e.problems.length ? `Lignes ignorées : ${e.problems.join(' ; ')}.` : null,
    e.missing ? `${e.missing} en-tête(s) de la correspondance absent(s) de ce fichier.` : null,
  ].filter(Boolean).join(' '),
  /** An `error` message of the engine worker: the engine's own words, else its code's. */
  'worker': (e) => workerErrorText(e),
};

/** Text of a status of www/state.js (`{key, …}`), or '' for none. */
export function statusText(status) {
  return status ? STATUS[status.key](status) : '';
}

/** Text of an error of www/state.js (`{key, …}`), or '' for none. */
export function errorText(error) {
  return error ? ERROR[error.key](error) : '';
}

/** The stage a progress message is about. */
const STAGE = {
  previous: 'Lecture du fichier de l’an dernier',
  main: 'Lecture et contrôle',
  findings: 'Liste complète des constats (seconde lecture)',
  sheet: 'Lecture et contrôle de la feuille du classeur',
  'findings-sheet': 'Liste complète des constats (seconde lecture de la feuille)',
};

/** Stages whose progress counts records, not bytes (a workbook's sheet). */
const SHEET_STAGES = new Set(['sheet', 'findings-sheet']);

/** The line under the progress bar, for a progress of www/state.js. */
export function progressText(p) {
  if (!p) return '';
  if (p.doneRows !== undefined) return `${formatInt(p.doneRows)} enregistrements lus.`;
  if (!p.stage) return '';
  if (SHEET_STAGES.has(p.stage)) return `${STAGE[p.stage]} : ${formatInt(p.rows || 0)} enregistrements (${p.percent} %)`;
  const rows = p.rows === null || p.rows === undefined ? '' : `${formatInt(p.rows)} enregistrements — `;
  return `${STAGE[p.stage] || ''} : ${rows}${formatBytes(p.bytes)} sur ${formatBytes(p.total)} (${p.percent} %)`;
}

// --- the column-mapping step --------------------------------------------------------------

export const MAPPING_TEXT = Object.freeze({
  intro: (unknown) => `${unknown} colonne(s) de votre fichier ne portent pas le nom officiel d’une variable. Indiquez ci-dessous quelle colonne contient chaque variable ; les colonnes laissées sans correspondance seront signalées comme inconnues. La correspondance est mémorisée sur ce poste (les noms de colonnes seulement).`,
  unused: (headers) => (headers.length ? `Colonnes du fichier sans correspondance : ${headers.join(', ')}.` : 'Toutes les colonnes du fichier ont une correspondance.'),
  absent: '— absente du fichier —',
  emptyHeader: '(en-tête vide)',
  /** A line of a `--map-file` text that is not `CODE=header`. */
  badLine: (line) => `ligne ${line} : « CODE=en-tête » attendu`,
});

// --- the report ---------------------------------------------------------------------------

/** The label of each download, by its hook. */
export const DOWNLOAD_LABEL = Object.freeze({
  'download-xml': 'Fichier à transmettre (XML)',
  'download-csv': 'Fichier à transmettre (CSV)',
  'download-odpe-xml': 'Fichier pour l’ODPE (XML, avec UTDP)',
  'download-receipt': 'Reçu (JSON)',
  'download-receipt-txt': 'Reçu (texte)',
  'download-rehash': 'Fichier re-haché',
  'download-rehash-receipt': 'Reçu du re-hachage (JSON)',
  'download-repaired': 'Fichier réparé',
  'download-report-json': 'Rapport (JSON)',
  'download-findings-csv': 'Liste complète des constats (CSV)',
});

export const REPORT_TEXT = Object.freeze({
  downloadDetail: (name, size) => `${name} — ${formatBytes(size)}`,
  findingsCsvDetail: (count) => `tous les ${formatInt(count)} constats, pour un tableur ; le fichier est relu pour la produire.`,
  verdict: (exitStatus, mode) => (exitStatus === 0
    ? (mode === 'rehash' ? 'Re-hachage réalisé sans anomalie.' : 'Aucune erreur bloquante : le fichier peut être transmis.')
    : (mode === 'rehash' ? 'Re-hachage réalisé ; des identifiants mal formés sont signalés.' : 'Des erreurs bloquantes sont à corriger avant la transmission.')),
  stats: {
    rows: ' enregistrements lus',
    written: ' écrits',
    rejected: ' écartés',
    malformed: ' identifiants mal formés',
    youngPeople: ' jeunes distincts',
    errors: ' erreurs',
    warnings: ' avertissements',
    infos: ' informations',
  },
  referenceYear: (year) => `Année de référence : ${year}.`,
  input: (input, ms) => `Fichier ${input.format === 'xml' ? 'XML' : 'CSV'}, encodage ${input.encoding || 'inconnu'}`
    + (input.delimiter ? `, séparateur « ${input.delimiter === '\t' ? 'tabulation' : input.delimiter} »` : '')
    + `. Lu en ${formatSeconds(ms)} s.`,
  findingsNote: (total, shown, truncated) => (truncated
    ? `${formatInt(total)} constats au total ; ${formatInt(shown)} sont affichés ici (chaque code est représenté). La liste complète est dans le CSV des constats.`
    : `${formatInt(total)} constat(s).`),
});

/** The previous-year variant analysis (pseudonymise with last year's file). */
export const PREVIOUS_TEXT = Object.freeze({
  variant: (v) => `${v.with_day ? 'jour de naissance inclus' : 'sans le jour de naissance'}, ${v.uppercase ? 'majuscules' : 'minuscules'}`,
  counts: (identities, previousIds) => `${formatInt(identities)} personne(s) identifiée(s) cette année ; ${formatInt(previousIds)} identifiant(s) dans le fichier de l’an dernier.`,
  kept: (variant) => `Vos réglages (${variant}) reproduisent les identifiants de l’an dernier : le chaînage d’une année sur l’autre est conservé.`,
  withDay: (on) => `${on ? 'cochant' : 'décochant'} « Inclure le jour de naissance »`,
  uppercase: (on) => `${on ? 'cochant' : 'décochant'} « Identifiants en majuscules »`,
  better: (variant, changes) => `Les identifiants de l’an dernier sont mieux reproduits avec : ${variant}. `
    + `Relancez en ${changes.join(' et en ')} pour garder le chaînage. Rien n’a été changé sans vous.`,
  caption: 'Part des personnes de cette année retrouvées l’an dernier, selon les réglages',
  columns: ['Réglages', 'Taux', 'Personnes retrouvées'],
});

/** The ONPE audit sections. */
export const AUDIT_TEXT = Object.freeze({
  status: { red: 'À corriger', orange: 'À vérifier', green: 'Conforme' },
  unit: { variables: 'variable(s)', records: 'enregistrement(s)', young_people: 'jeune(s)' },
  group: (label, count) => `${label} : ${count} section(s)`,
  none: 'Aucune.',
  onpeCount: (count) => ` — l’audit de l’ONPE en comptera ${formatInt(count)}`,
});

/** The fill and "ne sait pas" rate of every variable. */
export const FILL_TEXT = Object.freeze({
  caption: 'Remplissage par variable',
  columns: ['Variable', 'Informative', '« Ne sait pas »'],
  chart: 'Graphique',
  absent: 'absente',
  none: '—',
});

/** The findings table, its filters and the codes' explanations. */
export const FINDINGS_TEXT = Object.freeze({
  allSeverities: 'Toutes',
  allCodes: 'Tous',
  allVariables: 'Toutes',
  fileRow: 'fichier',
  none: '—',
  variableLink: (code) => `${code} dans le dictionnaire des variables`,
  caption: (matched) => `Constats (${formatInt(matched)} selon les filtres)`,
  page: (page, pages) => `Page ${page} sur ${pages}`,
  empty: 'Aucun constat',
  explanation: (title, severity, count) => ` — ${title} (${SEVERITY[severity] || severity}, ${formatInt(count)})`,
});

/** Said next to the key field when the browser cannot mask it. */
export const KEY_NOT_MASKED = ' Ce navigateur ne sait pas masquer la saisie : la clé restera visible à l’écran, veillez à ce que personne ne la lise.';

// --- the workers' own error codes (www/engine-worker.js, www/training-worker.js) ----------

/** What the engine worker's own codes mean (an engine error brings its own message). */
const WORKER_ERROR = {
  'unreadable': 'Le fichier ne peut pas être lu : il a peut-être été déplacé, modifié ou supprimé depuis qu’il a été choisi. Choisissez-le à nouveau.',
  'not-found': 'Le fichier est introuvable : il a été déplacé ou supprimé depuis qu’il a été choisi.',
  'memory': 'La mémoire du navigateur ne suffit pas pour ce fichier. Fermez d’autres onglets et réessayez, ou utilisez la ligne de commande olinpe.',
  'internal': 'Une erreur inattendue a interrompu la lecture. Réessayez ; si elle se reproduit, signalez-la en précisant le mode et la taille du fichier (jamais son contenu).',
  'key-file-too-big': 'Ce fichier de clé est trop gros pour être une clé (plus de 64 Ko) : vérifiez le fichier choisi.',
  'workbook-too-big': 'Ce classeur dépasse la taille qu’un classeur peut avoir dans la page (indiquée sous le choix du fichier), car elle le lit entier en mémoire. Enregistrez-le en CSV (UTF-8, séparateur point-virgule), qui n’a pas cette limite.',
  'no-session': 'Relancez d’abord la lecture du fichier.',
  'init': 'Le moteur de calcul n’a pas pu démarrer dans ce navigateur. Utilisez une version récente de Edge, Chrome ou Firefox.',
  'training-not-ready': 'Le moteur de calcul n’est pas prêt.',
  'training-unknown': 'Demande inconnue.',
  'training-failed': 'Le calcul a échoué.',
};

/** The words of a worker's `{code, message}`: the engine's message, else the code's. */
export function workerErrorText({ code, message }) {
  return message || WORKER_ERROR[code] || WORKER_ERROR.internal;
}

// --- the training panel (www/training.js) --------------------------------------------------

export const TRAINING_TEXT = Object.freeze({
  sampleLabel: { small: 'petit', medium: 'moyen', large: 'grand' },
  ready: 'Choisissez un échantillon ou un exercice.',
  notReady: 'Le moteur n’est pas prêt : réessayez dans un instant.',
  failed: (message) => `Échec : ${message}`,
  checkFailed: (message) => `Échec de la vérification : ${message}`,
  checkCancelled: 'Vérification annulée.',
  samplePreparing: (label) => `Préparation de l’échantillon ${label}…`,
  sampleFileCsv: (name) => `Télécharger l’échantillon (${name})`,
  sampleFileXlsx: (name) => `Télécharger l’échantillon en classeur XLSX (${name})`,
  exerciseFileXlsx: (name) => `Le même fichier en classeur XLSX (${name})`,
  sampleChecking: (file, rows) => `Vérification de ${file} (${rows.toLocaleString('fr-FR')} enregistrements) en cours…`,
  sampleDone: (file, errors, warnings) => `Vérification de ${file} terminée : ${errors} erreur(s), ${warnings} avertissement(s). Le rapport est affiché plus bas.`,
  compareAllFound: (count) => `Les ${count.toLocaleString('fr-FR')} erreurs et avertissements plantés ont tous été trouvés, et rien d’autre.`,
  compareDiffers: (missed, extra) => `${missed} erreur(s) plantée(s) non trouvée(s), ${extra} constat(s) inattendu(s).`,
  compareCaption: 'Erreurs plantées et constats, par code',
  compareColumns: ['Code', 'Titre', 'Plantées', 'Trouvées'],
  plantedList: (more) => `La liste des erreurs plantées (manifeste)${more ? ' : les 100 premières' : ''}`,
  plantedRow: (row) => `Enregistrement ${row} : `,
  plantedOn: (variable) => ` sur ${variable}`,
  plantedRule: (rule) => ` — ${rule}`,
  compareTitle: (file) => `Comparaison avec le manifeste de ${file}`,
  exercisePreparing: 'Préparation de l’exercice…',
  exerciseChecking: 'Vérification du fichier de l’exercice en cours…',
  exerciseHint: (title, hint) => `${title} : ${hint} Trouvez l’enregistrement concerné (les enregistrements sont numérotés à partir de 1, sans compter la ligne d’en-tête).`,
  exerciseFile: (name) => `Télécharger le fichier de l’exercice (${name})`,
  exerciseCaption: 'Les enregistrements du fichier (quelques colonnes)',
  exerciseRecord: 'Enregistrement',
  exerciseReady: 'Exercice prêt : cherchez l’enregistrement qui porte l’erreur, puis donnez son numéro.',
  answerInvalid: 'Saisissez un numéro d’enregistrement (un entier à partir de 1).',
  answerWrong: (n) => `Ce n’est pas l’enregistrement ${n}. Cherchez encore, ou lisez la solution ci-dessous.`,
  answerRight: (n) => `Bonne réponse : l’enregistrement ${n} porte l’erreur.`,
  solutionTitle: (row) => `La solution : l’enregistrement ${row}. Ce que la vérification en dit :`,
  solutionVariable: (variable) => ` (variable ${variable})`,
  solutionMessage: (message) => `Message du rapport : ${message}`,
  solutionWhy: (explanation) => `Pourquoi : ${explanation}`,
  solutionLink: (variable) => `${variable} dans le dictionnaire`,
  solutionReport: 'Le rapport complet du fichier est affiché plus bas.',
  story: [
    'Léa, née en mars 2009, fait l’objet en 2018 d’un placement décidé par le juge des enfants. Le département saisit une ligne TYPEV = 1 : la décision, le début, et tout ce qui a été appris de sa situation.',
    'En 2019, le juge renouvelle le placement. Une ligne TYPEV = 2 : la même décision (mêmes variables de décision que la ligne d’ouverture), avec la situation mise à jour.',
    'En 2020, le placement prend fin. Une ligne TYPEV = 3 : la fin, son motif, et la situation à la sortie.',
  ],
  walkBlock: (id, title) => `Bloc ${id} — ${title}`,
  walkOthers: (n) => ` (${n} autre(s) variable(s) du bloc ne concernent pas cette ligne)`,
  walkNotThisType: (typev) => `aucune de ses variables ne concerne le type ${typev}`,
  walkNotThisAge: (ages, age) => `ses variables concernent les jeunes de ${ages}, pas une mineure de ${age} ans`,
  walkEmpty: (why) => ` : laissé vide, car ${why}.`,
  walkTitle: (typev, label) => `TYPEV = ${typev} : ${label}`,
  walkFilled: (n) => `Blocs renseignés (${n}) :`,
  walkLeftEmpty: (n) => `Blocs laissés vides (${n}) :`,
  walkNote: 'Ces listes viennent du dictionnaire (types d’événement et âges de chaque variable). Dans un bloc renseigné, une variable soumise à une condition n’est remplie que si la condition est vraie : voir sa fiche.',
  demoKey: '[clé]',
  demoSame: 'identique',
  demoChanged: 'change',
  demoCaption: 'Les étapes, pour l’identité saisie et pour sa version corrigée',
  demoColumns: ['Étape', 'Première saisie', 'Après correction', 'Effet'],
  demoSteps: [
    '1. Prénom normalisé (accents retirés, majuscules, lettres A à Z seulement)',
    '2. Nom de naissance de la mère normalisé',
    '3. Naissance (mois sur deux chiffres, puis année)',
    '4. Phonex du prénom',
    '5. Phonex du nom de la mère',
    '6. Texte haché pour la première moitié',
    '7. Texte haché pour la seconde moitié (12 premiers caractères de chaque phonex)',
    '8. Première moitié : 20 premiers caractères du SHA-1 de l’étape 6',
    '9. Seconde moitié : 20 premiers caractères du SHA-1 de l’étape 7',
    'NUMANONYM (les deux moitiés bout à bout)',
  ],
  demoUnchanged: 'La correction ne change pas l’identifiant : après normalisation, les deux saisies sont identiques.',
  demoPhoneticSame: 'La correction change la première moitié (texte exact) mais pas la seconde (phonétique) : l’ONPE peut encore rapprocher les deux identifiants comme un doublon probable.',
  demoBothChanged: 'La correction change les deux moitiés : sans NUMANONYMANT, rien ne relierait ce jeune à ses données des années passées.',
  demoNumanonym: 'NUMANONYM de la première saisie : ',
});

// --- the dictionary panel (www/dictionary.js) ----------------------------------------------

export const DICTIONARY_TEXT = Object.freeze({
  ages: (min, max) => {
    const has = (x) => x !== null && x !== undefined;
    if (has(min) && has(max)) return `de ${min} ans à moins de ${max} ans`;
    if (has(min)) return `${min} ans et plus`;
    if (has(max)) return `moins de ${max} ans`;
    return 'tous âges';
  },
  noTypev: 'aucun',
  nsp: ' (« ne sait pas »)',
  allModalities: (n) => `Afficher les ${n} modalités`,
  noChecks: 'aucun contrôle propre à cette variable',
  number: (n) => (n ? `n° ${n}` : 'ODPE seulement'),
  fields: {
    kind: 'Type',
    modalities: 'Modalités',
    nsp: '« Ne sait pas »',
    noNsp: 'pas de code « ne sait pas »',
    when: 'Quand la renseigner',
    condition: 'Condition',
    ages: 'Âges concernés',
    typev: 'Types d’événement (TYPEV)',
    mandatory: 'Obligatoire',
    mandatoryYes: 'oui, sur toute ligne',
    mandatoryNo: 'non',
    notes: 'Notes de l’ONPE',
    checks: 'Contrôles qui la concernent',
  },
  summaryCaption: (id, title) => `Bloc ${id} — ${title} : fiche résumé`,
  summaryColumns: ['Variable', 'Libellé', 'Type', 'NSP', 'TYPEV', 'Âges', 'Quand'],
  summaryModalities: (kind, n) => `${kind}${n ? ` (${n} modalités)` : ''}`,
  printBlock: (id) => `Imprimer la fiche du bloc ${id}`,
  block: (id, title) => `Bloc ${id} — ${title}`,
  blockVariables: (n, codes) => `${n} variable(s) : ${codes.join(', ')}.`,
  findingVariables: ' Variables : ',
  findingReference: (spec, section) => ` Référence : ${spec}${section ? ` ; audit ONPE ${section}` : ''}.`,
  countAll: (n) => `${n} variables (les 105 du décret et UTDP, propre au fichier de l’ODPE).`,
  countSearch: (shown, n, query) => `${shown} variable(s) sur ${n} pour « ${query} ».`,
});
