// The page's French copy: every text the scripts write for a person (statuses, errors,
// labels, the report's words, the training and dictionary panels, what the workers' own
// error codes mean). The static text of index.html stays in the HTML; the engine's own
// messages (findings, engine errors, the dictionary's content) come from the engine, in
// French too. The workers send codes, never words: they do not bundle this module.
//
// Entries that depend on values are functions; numbers and sizes are written by
// www/format.js. Pure: the page and the Node tests import it.

import { formatBytes, formatInt, formatPercent, formatSeconds } from './format.js';

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
    help: 'Contrôle le fichier nominatif, remplace l’identité par l’identifiant pseudonyme (NUMANONYM) et produit les fichiers à transmettre (XML, CSV), le reçu et le rapport. Le fichier se transmet à la DREES, qui recueille les fichiers depuis 2023 et les transmet à l’ONPE (loi n° 2022-140 du 7 février 2022) ; le fichier ODPE (avec UTDP) va à votre observatoire départemental.',
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
  'not-olinpe': () => 'Ce n’est pas un fichier Olinpe : choisissez un autre fichier.',
  'reading': () => 'Lecture en cours…',
  'cancelling': () => 'Annulation…',
  'progress': (s) => `Traitement en cours : ${s.percent} %`,
  'done': (s) => (s.level
    ? `Traitement terminé : ${plural(s.rows, 'enregistrement', 'enregistrements')} — ${VERDICT_TEXT.title[s.level].toLowerCase()} (${plural(s.errors, 'erreur', 'erreurs')}, ${plural(s.warnings, 'avertissement', 'avertissements')}).`
    : `Traitement terminé : ${plural(s.rows, 'enregistrement', 'enregistrements')}, ${s.exitStatus === 0 ? 'aucune erreur bloquante' : `${plural(s.errors, 'erreur', 'erreurs')} à corriger`}, ${plural(s.warnings, 'avertissement', 'avertissements')}.`),
  'failed': () => 'Traitement interrompu : échec de la lecture.',
  'cancelled': () => 'Lecture annulée : rien n’a été produit.',
  'init-failed': () => 'Démarrage en échec.',
  'findings-csv-preparing': () => 'Préparation de la liste des constats…',
  'findings-csv-ready': () => 'Liste des constats prête : téléchargement terminé.',
  'corrections-ready': () => 'Liste interne des corrections prête : téléchargement terminé.',
  'findings-csv-failed': () => 'Liste des constats : échec.',
  'findings-csv-cancelled': () => 'Liste des constats annulée.',
  'continuity-done': (s) => `Traitement terminé ; continuité avec l’an dernier : ${CONTINUITY_LEVEL[s.level] || s.level}.`,
  'continuity-failed': () => 'Traitement terminé ; la comparaison avec l’an dernier n’a pas pu être faite.',
  'continuity-cancelled': () => 'Traitement terminé ; comparaison avec l’an dernier interrompue.',
  'continuity-cancelling': () => 'Interruption de la comparaison avec l’an dernier…',
  'mapping-forgotten': () => 'Correspondance mémorisée oubliée.',
  'mapping-imported': (s) => `Correspondance importée (${plural(s.lines, 'ligne', 'lignes')}).`,
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
    e.missing ? `${plural(e.missing, 'en-tête de la correspondance est absent', 'en-têtes de la correspondance sont absents')} de ce fichier.` : null,
  ].filter(Boolean).join(' '),
  /** An `error` message of the engine worker: the engine's own words, else its code's. */
  'worker': (e) => workerErrorText(e),
  /** The continuity check could not read one of the two files (shown in its section). */
  'continuity': (e) => CONTINUITY_TEXT.failed(e),
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
  'continuity-previous': 'Continuité : lecture du fichier de l’an dernier',
  'continuity-current': 'Continuité : lecture du fichier de cette année',
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
  intro: (unknown, counts) => `${plural(unknown, 'colonne de votre fichier ne porte', 'colonnes de votre fichier ne portent')} pas exactement le nom officiel d’une variable. La page a reconnu ce qu’elle a pu d’après les noms (majuscules, accents, espaces, mots dans le désordre, appellations courantes des logiciels) : vérifiez chaque choix ci-dessous, puis lancez. ${counts.required ? `${plural(counts.required, 'colonne nécessaire n’a', 'colonnes nécessaires n’ont')} pas encore de correspondance (en tête du tableau). ` : ''}Les colonnes laissées sans correspondance seront signalées comme inconnues. La correspondance est mémorisée sur ce poste (les noms de colonnes seulement).`,
  unused: (headers) => (headers.length ? `Colonnes du fichier sans correspondance : ${headers.join(', ')}.` : 'Toutes les colonnes du fichier ont une correspondance.'),
  absent: '— absente du fichier —',
  emptyHeader: '(en-tête vide)',
  /** The tag of a row, by its group (www/mapping.js `mappingRows`). */
  tag: { required: 'nécessaire, à associer', name: 'reconnue d’après son nom : à confirmer', remembered: 'correspondance mémorisée : à confirmer' },
  others: (n) => `Autres variables absentes du fichier (${formatInt(n)}) : à associer seulement si une colonne du fichier les contient`,
  /** A line of a `--map-file` text that is not `CODE=header`. */
  badLine: (line) => `ligne ${line} : « CODE=en-tête » attendu`,
});

/** The chosen file is no Olinpe file (www/mapping.js `notOlinpe`), said before any run. */
export const NOT_OLINPE_TEXT = Object.freeze({
  title: 'Ce n’est pas un fichier Olinpe.',
  'not-text': () => 'Ce fichier n’est ni un texte (CSV), ni un XML, ni un classeur XLSX ou ODS lisible : c’est peut-être une image ou un PDF. Choisissez le fichier exporté par votre logiciel métier pour la transmission Olinpe (DREES, ONPE).',
  'few-columns': (r) => `${r.known === 0 ? 'Aucune de ses colonnes ne porte' : (r.known === 1 ? 'Une seule de ses colonnes porte' : `Seules ${r.known} de ses colonnes portent`)} le nom d’une variable du décret (il en faut au moins 5 ; un export Olinpe en a une centaine). Choisissez le fichier exporté pour la transmission Olinpe (DREES, ONPE), ou, si c’est bien lui avec des noms de colonnes propres à votre logiciel, associez ses colonnes vous-même.`,
  override: 'Associer les colonnes moi-même',
});

/** « 1 information », « 2 informations »: `count` and the singular or plural words. */
export function plural(count, one, many) {
  return `${formatInt(count)} ${Math.abs(count) <= 1 ? one : many}`;
}

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
  'download-continuity': 'Continuité avec l’an dernier (JSON)',
  'download-corrections': 'Liste interne des corrections (CSV) — usage interne — contient le n° de dossier, ne pas transmettre',
});

/** To whom the transmission files go (beside the downloads of a pseudonymisation). */
export const RECIPIENTS = 'À qui transmettre : les fichiers « à transmettre » vont à la DREES, qui recueille les fichiers Olinpe depuis 2023 et les transmet à l’ONPE (loi n° 2022-140 du 7 février 2022) ; le fichier pour l’ODPE va à votre observatoire départemental. Le reçu, le rapport et les listes de constats restent dans le service.';

export const REPORT_TEXT = Object.freeze({
  /** The report's `decisions_by_year`, `minors`, `young_adults`, as the CLI's text says them. */
  population: {
    years: (years) => `Décisions par année de DATDECPE (jeunes) : ${years.map((y) => `${y.year} : ${formatInt(y.decisions)} (${formatInt(y.young_people)})`).join(' ; ')}`,
    ages: (minors, adults, unknown) => `Jeunes : ${plural(minors, 'mineur', 'mineurs')} et ${plural(adults, 'jeune majeur', 'jeunes majeurs')} à leur dernière décision${unknown ? `, ${formatInt(unknown)} d’âge inconnu` : ''}.`,
  },
  downloadDetail: (name, size) => `${name} — ${formatBytes(size)}`,
  findingsCsvDetail: (count) => `tous les ${formatInt(count)} constats, pour un tableur ; le fichier est relu pour la produire.`,
  correctionsDetail: (count) => `les ${formatInt(count)} constats avec le numéro de dossier de chaque enregistrement, pour retrouver l’enfant dans le logiciel métier ; jamais de prénom, de nom ni de jour de naissance. À garder dans le service.`,
  stats: {
    rows: (n) => (n <= 1 ? ' enregistrement lu' : ' enregistrements lus'),
    written: (n) => (n <= 1 ? ' écrit' : ' écrits'),
    rejected: (n) => (n <= 1 ? ' écarté' : ' écartés'),
    malformed: (n) => (n <= 1 ? ' identifiant mal formé' : ' identifiants mal formés'),
    youngPeople: (n) => (n <= 1 ? ' jeune' : ' jeunes distincts'),
    errors: (n) => (n <= 1 ? ' erreur' : ' erreurs'),
    warnings: (n) => (n <= 1 ? ' avertissement' : ' avertissements'),
    infos: (n) => (n <= 1 ? ' information' : ' informations'),
  },
  referenceYear: (year) => `Année de référence : ${year}.`,
  input: (input, ms) => `Fichier ${String(input.format || 'csv').toUpperCase()}, encodage ${input.encoding || 'inconnu'}`
    + (input.delimiter ? `, séparateur « ${input.delimiter === '\t' ? 'tabulation' : input.delimiter} »` : '')
    + `. Lu en ${formatSeconds(ms)} s.`,
  findingsNote: (total, shown, truncated) => (truncated
    ? `${formatInt(total)} constats au total ; ${formatInt(shown)} sont affichés ici (chaque code est représenté). La liste complète est dans le CSV des constats.`
    : `${plural(total, 'constat', 'constats')}.`),
});

// --- the verdict: may this file be sent? (docs/spec/OLINPE.md §0.4) -------------------------

/** The page's controls, as a reason's action names them (never a command-line flag). */
const CONTROL = Object.freeze({
  withDay: '« Inclure le jour de naissance »',
  uppercase: '« Identifiants en majuscules »',
  year: 'le champ « Année de référence »',
  repair: 'la case « Réparer les dégâts de tableur »',
  mapping: 'l’étape « Correspondance des colonnes »',
  findingsCsv: '« Liste complète des constats »',
  corrections: '« Liste interne des corrections »',
});

/**
 * Engine messages name a command-line flag only in parentheses, after what it does
 * (« la réparation des dégâts de tableur (--repair) »); the page names its own control there.
 */
const FLAG_CONTROL = Object.freeze({
  '--repair': 'case « Réparer les dégâts de tableur »',
  '--year': 'champ « Année de référence »',
  '--map-file': 'étape « Correspondance des colonnes »',
  '--with-day': 'case « Inclure le jour de naissance »',
  '--uppercase': 'case « Identifiants en majuscules »',
  '--findings-csv': 'téléchargement « Liste complète des constats »',
  '--corrections': 'téléchargement « Liste interne des corrections »',
  '--key-file': 'fichier de clé',
});

/** A message of the engine as the page shows it: no command-line flag left, its control instead. */
export function pageMessage(message) {
  if (!message || !message.includes('--')) return message;
  return message.replace(/--[a-z][a-z-]*/g, (flag) => FLAG_CONTROL[flag] || 'réglage correspondant de la page');
}

/** What a reason asks, worded for the page (its own controls), by reason code. */
const REASON_ACTION = {
  'error-findings': (r) => `Corrigez-les dans le logiciel métier en commençant par « À corriger en priorité » ci-dessous ; la liste complète se télécharge (« Liste complète des constats »)${r.hasNumdo ? ', avec le n° de dossier de chaque enregistrement dans la « Liste interne des corrections »' : ''}. Puis exportez à nouveau et relancez.`,
  'reference-year-missing': () => `Renseignez les dates de décision (DATDECPE) et de début (DATDEB), ou indiquez l’année dans ${CONTROL.year}, puis relancez.`,
  'rows-rejected': () => 'Complétez l’identité de ces enregistrements (prénom, nom de naissance de la mère, mois et année de naissance) ou leur numéro de dossier dans le logiciel métier ; ils sont listés dans le reçu.',
  'xsd-invalid': () => 'Corrigez ces valeurs (codes ou formats en erreur) dans le logiciel métier ; les enregistrements sont listés dans le reçu.',
  'previous-other-setting': (r) => {
    const changes = [];
    const s = r.settings || {};
    const now = r;
    if (Boolean(s.with_day) !== Boolean(now.withDay)) changes.push(`${s.with_day ? 'cochez' : 'décochez'} ${CONTROL.withDay}`);
    if (Boolean(s.uppercase) !== Boolean(now.uppercase)) changes.push(`${s.uppercase ? 'cochez' : 'décochez'} ${CONTROL.uppercase}`);
    return `Relancez avec les réglages recommandés${changes.length ? ` : ${changes.join(' et ')}` : ''} (le bouton ci-dessous le fait). Rien n’a été changé sans vous.`;
  },
  'previous-low-match': () => `Vérifiez la clé, puis les réglages ${CONTROL.withDay} et ${CONTROL.uppercase} : une mauvaise clé ou un logiciel précédent qui normalisait les noms autrement donnent environ 0 %.`,
  'numdo-substitution': () => `Vérifiez dans ${CONTROL.mapping} que le prénom, le nom de naissance de la mère, MNAIS et ANAIS sont les bonnes colonnes, puis complétez l’identité dans le logiciel métier.`,
  'mostly-out-of-perimeter': () => `Vérifiez la période de l’extraction, ou indiquez l’année du fichier dans ${CONTROL.year}.`,
  'audit-red-without-error': () => 'Ouvrez ces sections dans « Contrôles de l’ONPE » ci-dessous (chacune mène à ses constats) et corrigez les enregistrements concernés.',
  'nominative-file': () => 'Utilisez « Préparer la transmission » : elle calcule les identifiants, contrôle à nouveau et produit les fichiers à transmettre.',
  'identifiers-malformed': () => 'Demandez au département d’en vérifier le calcul ; ils sont listés dans le reçu du re-hachage.',
};

const VERDICT_TEXT_REHASH_ACTION = 'Vérifiez le fichier reçu et demandez au département un envoi corrigé ; le reçu du re-hachage liste les lignes concernées.';

export const VERDICT_TEXT = Object.freeze({
  title: { transmissible: 'Peut être transmis', a_verifier: 'À vérifier avant de transmettre', bloquant: 'Ne pas transmettre en l’état' },
  lead: {
    transmissible: 'Rien n’empêche la transmission.',
    a_verifier: 'Rien ne bloque, mais vérifiez ce qui suit avant de transmettre.',
    bloquant: 'Ces raisons empêchent la transmission : corrigez-les d’abord.',
  },
  /** A rehash's verdict is about the file received, not about sending one. */
  titleRehash: { transmissible: 'Re-hachage réalisé sans anomalie', a_verifier: 'Re-hachage à vérifier', bloquant: 'Re-hachage réalisé avec des anomalies' },
  reasonsCaption: 'Pourquoi',
  notes: 'Pour information (rien à corriger)',
  /** `context`: `{withDay, uppercase}` the run used, `hasNumdo` (the file has case numbers). */
  action: (reason, context = {}) => {
    // A re-hash sends nothing on: what is wrong is asked of the département.
    if (context.mode === 'rehash' && reason.level !== 'transmissible') return VERDICT_TEXT_REHASH_ACTION;
    const f = REASON_ACTION[reason.code];
    return f ? f({ ...context, ...reason }) : null;
  },
  rerun: 'Relancer avec les réglages recommandés',
  beforeSending: 'Avant de transmettre',
  gated: 'Le verdict est « Ne pas transmettre en l’état » : les fichiers à transmettre ne sont proposés qu’après votre confirmation.',
  confirm: 'Je comprends : afficher quand même les fichiers à transmettre',
  confirmed: 'Fichiers à transmettre affichés à votre demande, malgré le verdict.',
});

/** Pseudonymise refuses the file before any output (docs/spec/OLINPE.md §0.1). */
export const REFUSAL_TEXT = Object.freeze({
  'already-pseudonymised': () => 'Ce fichier est déjà pseudonymisé (NUMANONYM rempli, aucune colonne d’identité) : il ne se pseudonymise pas une seconde fois. Utilisez « Vérifier un fichier », ou « Re-hacher (observatoire) » pour un observatoire.',
  'identity-columns-absent': (r) => {
    const cols = r.columns || [];
    const one = cols.length <= 1;
    return `${one ? 'Colonne d’identité absente' : 'Colonnes d’identité absentes'} du fichier : ${cols.join(', ')}. Sans ${one ? 'elle' : 'elles'}, aucun identifiant fiable ne peut être calculé. Indiquez dans ${CONTROL.mapping} la colonne qui ${one ? 'la' : 'contient chacune'}${one ? ' contient' : ''} ; le bouton de lancement reste désactivé jusque-là.`;
  },
});

/** The refusal's words (a code the page does not know: the engine's message). */
export function refusalText(refusal) {
  if (!refusal) return '';
  const f = REFUSAL_TEXT[refusal.code];
  return f ? f(refusal) : (refusal.message || '');
}

/** « À corriger en priorité ». */
export const PRIORITIES_TEXT = Object.freeze({
  title: 'À corriger en priorité',
  intro: 'Une ligne par constat et par variable, les erreurs d’abord, puis les plus fréquents. Chaque ligne ouvre la liste des constats correspondants.',
  caption: 'Ce qu’il faut corriger d’abord : gravité, constat, variable, section de l’audit de l’ONPE, enregistrements et jeunes concernés',
  columns: ['Gravité', 'Constat', 'Variable(s)', 'Section ONPE', 'Enregistrements', 'Jeunes', 'Constats'],
  fileLevel: 'tout le fichier',
  open: (title) => `Voir les constats « ${title} »`,
  openShort: 'Voir les constats',
  more: (n) => `Afficher les ${formatInt(n)} autres lignes`,
  less: 'N’afficher que les premières lignes',
  none: 'Aucune erreur ni aucun avertissement : rien à corriger.',
});

/** The previous-year variant analysis (pseudonymise with last year's file). */
export const PREVIOUS_TEXT = Object.freeze({
  variant: (v) => `${v.with_day ? 'jour de naissance inclus' : 'sans le jour de naissance'}, ${v.uppercase ? 'majuscules' : 'minuscules'}`,
  counts: (identities, previousIds) => `${plural(identities, 'personne identifiée', 'personnes identifiées')} cette année ; ${plural(previousIds, 'identifiant', 'identifiants')} dans le fichier de l’an dernier.`,
  kept: (variant) => `Vos réglages (${variant}) reproduisent les identifiants de l’an dernier : le chaînage d’une année sur l’autre est conservé.`,
  withDay: (on) => `${on ? 'cochant' : 'décochant'} « Inclure le jour de naissance »`,
  uppercase: (on) => `${on ? 'cochant' : 'décochant'} « Identifiants en majuscules »`,
  better: (variant, changes) => `Les identifiants de l’an dernier sont mieux reproduits avec : ${variant}. `
    + `Relancez en ${changes.join(' et en ')} pour garder le chaînage. Rien n’a été changé sans vous.`,
  caption: 'Part des personnes de cette année retrouvées l’an dernier, selon les réglages',
  columns: ['Réglages', 'Taux', 'Personnes retrouvées'],
});

/** The hint under « Fichier transmis l’an dernier », by mode. */
export const PREVIOUS_HINT = Object.freeze({
  check: 'Pour comparer ce fichier à celui de l’an dernier (continuité : jeunes retrouvés, suite des mesures ouvertes, indicateurs) ; la comparaison s’affiche sous le rapport. Il n’est pas modifié.',
  pseudonymise: 'Choisissez-le en premier : dès que la clé et le fichier de cette année sont là aussi, la page cherche quels réglages ci-dessous reproduisent les identifiants de l’an dernier (chaînage) et les règle ; après le traitement, elle compare le fichier de transmission produit à celui de l’an dernier (continuité). Il n’est pas modifié.',
});

/** Last year's file analysed before the run (pseudonymise, `previous-probe`). */
export const PROBE_TEXT = Object.freeze({
  'no-previous': 'Premier envoi : laissez les options décochées.',
  'no-file': 'Choisissez aussi le fichier de cette année (étape 1) : la page cherchera alors quels réglages reproduisent les identifiants de l’an dernier.',
  'no-key': 'Saisissez aussi la clé (ou choisissez son fichier) : la page cherchera alors quels réglages reproduisent les identifiants de l’an dernier.',
  running: 'Analyse du fichier de l’an dernier : quels réglages reproduisent ses identifiants ?',
  set: (variant, rate) => `Options réglées d’après le fichier de l’an dernier : ${variant} — ces réglages retrouvent ${formatPercent(rate)} des personnes de cette année parmi les identifiants de l’an dernier.`,
  unsure: (warning) => `Aucun réglage ne se distingue : ${warning} Les options sont laissées telles quelles.`,
  failed: (e) => `Le fichier de l’an dernier n’a pas pu être analysé${e.message ? ` : ${e.message}` : '.'} Les options sont laissées telles quelles.`,
});

/** Continuity's levels (docs/spec/OLINPE.md §0.4 words). */
const CONTINUITY_LEVEL = Object.freeze({
  transmissible: 'peut être transmis',
  a_verifier: 'à vérifier avant de transmettre',
  bloquant: 'ne pas transmettre en l’état',
});

/** The continuity check against last year's file (the « Continuité » section). */
export const CONTINUITY_TEXT = Object.freeze({
  title: 'Continuité avec le fichier de l’an dernier',
  intro: 'Ce fichier comparé à celui transmis l’an dernier : jeunes retrouvés, suite des mesures ouvertes à la fin de l’an dernier, identifiants et indicateurs. Cet avis est propre à la continuité : il ne change pas celui du contrôle ci-dessus.',
  running: 'Comparaison avec le fichier de l’an dernier en cours…',
  level: (level) => `Continuité avec l’an dernier : ${CONTINUITY_LEVEL[level] || level}`,
  levelShort: CONTINUITY_LEVEL,
  noReason: 'Rien à signaler : les deux années se suivent et se répondent.',
  action: (text) => `À faire : ${text}`,
  files: (p, c) => `L’an dernier : ${p.name} (${p.reference_year || 'année inconnue'}, ${formatInt(p.rows)} enregistrements, ${formatInt(p.young_people)} jeunes). Cette année : ${c.name} (${c.reference_year || 'année inconnue'}, ${formatInt(c.rows)} enregistrements, ${formatInt(c.young_people)} jeunes).`,
  chaining: (ch, total) => `${formatInt(ch.found)} des ${formatInt(total)} jeunes de cette année (${formatPercent(ch.rate)}) se retrouvent dans le fichier de l’an dernier, dont ${formatInt(ch.via_numanonymant)} par NUMANONYMANT.`,
  openCaption: 'Ce que sont devenues les mesures ouvertes à la fin de l’an dernier',
  openColumns: ['', 'Nombre'],
  openRows: [
    ['previous_open', 'Ouvertes à la fin de l’an dernier (et décisions pas encore commencées)'],
    ['ended', 'Terminées cette année (ligne de fin)'],
    ['renewed_without_end', 'Renouvelées sans la ligne de fin de la période renouvelée'],
    ['started', 'Décisions de l’an dernier commencées cette année'],
    ['silent', 'Sans aucune ligne cette année'],
    ['silent_overdue', 'dont sans suite depuis plus de deux ans'],
  ],
  others: (r) => `Naissance ou sexe changés : ${plural(r.identityChanges, 'jeune', 'jeunes')} ; NUMANONYMANT inconnus de l’an dernier : ${plural(r.numanonymantUnknown, 'enregistrement', 'enregistrements')} ; fins de mesures commencées l’an dernier sans ligne d’ouverture : ${formatInt(r.endsWithoutOpening)}.`,
  chartTitle: 'Indicateurs très différents de l’an dernier',
  chartLabel: (n) => `Graphique : ${plural(n, 'indicateur signalé', 'indicateurs signalés')}, l’an dernier et cette année`,
  legend: ['L’an dernier', 'Cette année'],
  noFlag: 'Aucun indicateur ne s’écarte de l’an dernier au-delà des seuils (plus de 30 % et au moins 20 pour un compte, plus de 20 points pour un taux).',
  value: (v, rate) => (rate ? formatPercent(v) : formatInt(v)),
  change: (i) => {
    if (i.change === null || i.change === undefined) return 'absent l’an dernier';
    const rate = i.name.startsWith('rate:');
    const sign = i.change > 0 ? '+' : (i.change < 0 ? '−' : '');
    const n = Math.abs(i.change) * 100;
    const text = n.toLocaleString('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return rate ? `${sign}${text} points` : `${sign}${text} %`;
  },
  tableCaption: 'Les indicateurs signalés, en chiffres',
  tableColumns: ['Indicateur', 'L’an dernier', 'Cette année', 'Écart'],
  findingsTitle: (shown, total) => (shown < total ? `Constats de continuité : les ${formatInt(shown)} premiers sur ${formatInt(total)}` : `Constats de continuité (${formatInt(total)})`),
  findingPlace: (f) => (f.row === null ? 'les deux fichiers' : `${f.file === 'previous' ? 'an dernier' : 'cette année'}, enregistrement ${formatInt(f.row)}`),
  noFinding: 'Aucun constat de continuité.',
  download: 'Continuité avec l’an dernier (JSON)',
  failed: (e) => `La comparaison avec l’an dernier n’a pas pu être faite : ${e.which === 'current' ? 'le fichier de cette année' : 'le fichier de l’an dernier'} ne peut pas être lu. ${workerErrorText(e)}`,
  cancelled: 'Comparaison avec l’an dernier interrompue : le rapport du contrôle ci-dessus reste valable. Relancez pour la refaire.',
  progress: (p) => (p ? `${STAGE[p.stage] || ''} : ${formatBytes(p.bytes)} sur ${formatBytes(p.total)} (${p.percent} %)` : ''),
  more: 'Ce que chaque compte veut dire et ce qu’il faut faire : docs/continuity.md (avec la page, dans le dossier docs du projet).',
});

/** The ONPE audit sections. */
/** A count's unit, singular and plural. */
const UNITS = { variables: ['variable', 'variables'], records: ['enregistrement', 'enregistrements'], young_people: ['jeune', 'jeunes'] };

export const AUDIT_TEXT = Object.freeze({
  open: (section) => `Voir les constats de la section ${section}`,
  status: { red: 'À corriger', orange: 'À vérifier', green: 'Conforme' },
  count: (n, unit) => plural(n, ...(UNITS[unit] || [unit, unit])),
  group: (label, count) => `${label} : ${plural(count, 'section', 'sections')}`,
  none: 'Aucune.',
  /** An impossible analysis (docs/spec/OLINPE.md §0.2): orange, with ONPE's sentence below. */
  impossible: 'analyse impossible',
  onpeCount: (onpe, ours, unit) => ` — l’audit de l’ONPE en comptera ${formatInt(onpe)} là où la règle du guide en compte ${formatInt(ours)}`,
});

/** The fill and "ne sait pas" rate of every variable. */
export const FILL_TEXT = Object.freeze({
  caption: 'Remplissage par variable : d’abord les variables absentes, toujours vides ou toujours « ne sait pas », puis les moins remplies',
  columns: ['Variable', 'À regarder', 'Informative', '« Ne sait pas »'],
  chart: 'Graphique',
  absent: 'absente',
  none: '—',
  /** The flag of a variable (www/view.js `fillFlag`). */
  flag: { absent: 'absente du fichier', empty: 'toujours vide', nsp: 'toujours « ne sait pas »' },
  summary: (counts) => {
    const parts = [];
    if (counts.absent) parts.push(plural(counts.absent, 'variable absente', 'variables absentes'));
    if (counts.empty) parts.push(plural(counts.empty, 'toujours vide', 'toujours vides'));
    if (counts.nsp) parts.push(plural(counts.nsp, 'toujours « ne sait pas »', 'toujours « ne sait pas »'));
    return parts.length ? `À regarder : ${parts.join(', ')} (en tête du tableau).` : 'Aucune variable absente, toujours vide ou toujours « ne sait pas ».';
  },
});

/** The findings table, its filters and the codes' explanations. */
/** The printed report (issue 14): its heading and the findings summarised by code. */
export const PRINT_TEXT = Object.freeze({
  head: (file, mode, when) => `Rapport olinpe — ${MODE_TEXT[mode] ? MODE_TEXT[mode].title : mode} — fichier « ${file} » — imprimé le ${when}`,
  version: (v, build) => `olinpe ${v}${build ? ` ; page : ${build}` : ''}`,
  caption: (n, total) => `Constats par code : ${plural(n, 'code', 'codes')}, ${plural(total, 'constat', 'constats')} en tout (la liste complète se télécharge : « Liste complète des constats »)`,
  columns: ['Gravité', 'Code', 'Constat', 'Section ONPE', 'Nombre'],
});

export const FINDINGS_TEXT = Object.freeze({
  /** The columns, in the findings CSV's order (`enregistrement;ligne;gravite;code;titre;variable;section;message`), after the case number when the file has one. */
  dossier: 'N° de dossier',
  columns: ['Enregistrement', 'Ligne', 'Gravité', 'Code', 'Constat', 'Variable', 'Section ONPE', 'Message'],
  allSeverities: 'Toutes',
  allCodes: 'Tous',
  allVariables: 'Toutes',
  allSections: 'Toutes',
  showInfo: (n) => (n <= 1 ? 'Afficher aussi l’information (repliée : elle ne demande rien)' : `Afficher aussi les ${formatInt(n)} informations (repliées : elles ne demandent rien)`),
  hideInfo: 'Replier les informations',
  clearFilters: 'Tous les constats',
  filtered: (what) => `Constats affichés : ${what}.`,
  fileRow: 'fichier',
  none: '—',
  variableLink: (code) => `${code} dans le dictionnaire des variables`,
  caption: (matched) => `Constats (${formatInt(matched)} selon les filtres)`,
  page: (page, pages) => `Page ${page} sur ${pages}`,
  empty: 'Aucun constat',
  explanation: (severity, count) => ` (${SEVERITY[severity] || severity}, ${formatInt(count)})`,
});

/** Said next to the key field when the browser cannot mask it. */
export const KEY_NOT_MASKED = ' Ce navigateur ne sait pas masquer la saisie : la clé restera visible à l’écran, veillez à ce que personne ne la lise.';

/** Said under the key field once a run ended: the key left the page. */
export const KEY_AGAIN = 'Réglages recommandés appliqués. La clé a été effacée à la fin du traitement : saisissez-la de nouveau (ou choisissez son fichier), puis cliquez sur « Lancer ».';
export const KEY_CLEARED = 'La clé a été effacée de la page à la fin du traitement : saisissez-la de nouveau, ou choisissez de nouveau son fichier, pour un autre traitement.';

// --- the workers' own error codes (www/engine-worker.js, www/training-worker.js) ----------

/** What the engine worker's own codes mean (an engine error brings its own message). */
const WORKER_ERROR = {
  'unreadable': 'Le fichier ne peut pas être lu : il a peut-être été déplacé, modifié ou supprimé depuis qu’il a été choisi. Choisissez-le à nouveau.',
  'not-found': 'Le fichier est introuvable : il a été déplacé ou supprimé depuis qu’il a été choisi.',
  'file-changed': 'Le fichier a changé sur le disque depuis qu’il a été choisi (ré-exporté ou modifié) : la page ne lirait qu’une partie de sa nouvelle version. Choisissez-le à nouveau, puis relancez.',
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

/**
 * The words of a worker's `{code, message}`: the engine's message (with the page's controls
 * for the flags it names; pseudonymise's refusals in the page's own words), else the code's.
 */
export function workerErrorText({ code, message }) {
  if (code === 'already-pseudonymised') return REFUSAL_TEXT[code]();
  if (code === 'identity-columns-absent' && message) {
    const m = /: ([^.]+)\. /.exec(message);
    if (m) return REFUSAL_TEXT[code]({ columns: m[1].split(', ') });
  }
  return pageMessage(message) || WORKER_ERROR[code] || WORKER_ERROR.internal;
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
  sampleDone: (file, errors, warnings) => `Vérification de ${file} terminée : ${plural(errors, 'erreur', 'erreurs')}, ${plural(warnings, 'avertissement', 'avertissements')}. Le rapport est affiché plus bas.`,
  compareAllFound: (count) => `Les ${count.toLocaleString('fr-FR')} erreurs et avertissements plantés ont tous été trouvés, et rien d’autre.`,
  compareDiffers: (missed, extra) => `${plural(missed, 'erreur plantée non trouvée', 'erreurs plantées non trouvées')}, ${plural(extra, 'constat inattendu', 'constats inattendus')}.`,
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
  answerWrong: (n) => `Ce n’est pas l’enregistrement ${n}. Cherchez encore.`,
  showSolution: 'Voir la solution',
  moreHint: (title, variable, from, to) => `Indice : l’erreur est du genre « ${title} »${variable ? `, sur la variable ${variable}` : ''} ; elle se trouve entre les enregistrements ${from} et ${to}.`,
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
  walkOthers: (n) => ` (${n <= 1 ? `${n} autre variable du bloc ne concerne` : `${n} autres variables du bloc ne concernent`} pas cette ligne)`,
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
  pairTitle: '2 bis. Continuité : comparer deux années',
  pairIntro: 'Deux fichiers inventés, toujours les mêmes (ceux de olinpe generate --years 2) : celui de l’an dernier (2018) et celui de cette année (2019), avec les mêmes jeunes suivis d’une année sur l’autre et des défauts de continuité plantés. Un clic fait vérifier le fichier de 2019 et le compare à celui de 2018 ; la section « Continuité » s’affiche sous le rapport. Cherchez-y chacun des défauts ci-dessous.',
  pairButton: 'Comparer les deux années',
  pairPreparing: 'Préparation des deux fichiers…',
  pairChecking: (current, previous) => `Vérification de ${current} puis comparaison avec ${previous} en cours…`,
  pairToFind: 'Les défauts plantés, à retrouver dans la section « Continuité » :',
  pairComparing: 'Vérification du fichier de 2019 terminée ; comparaison avec celui de 2018 en cours…',
  pairDone: 'Comparaison terminée : la section « Continuité » est affichée sous le rapport.',
  pairKinds: [
    ['silent', 'mesures ouvertes en 2018 sans aucune ligne en 2019 (sans suite)'],
    ['silent_overdue', 'dont mesures sans suite depuis plus de deux ans'],
    ['decision_silent', 'décisions de décembre 2018 jamais commencées'],
    ['renewed_without_end', 'renouvellements en 2019 sans la ligne de fin de la période renouvelée'],
    ['identity_change', 'jeunes dont le sexe change d’une année sur l’autre'],
    ['numanonymant_unknown', 'jeunes dont NUMANONYMANT ne désigne personne de 2018'],
    ['end_without_opening', 'fins en 2019 de mesures commencées en 2018 sans ligne d’ouverture'],
  ],
  pairIndicator: (name) => `un indicateur qui s’écarte de 2018 : ${name}`,
  pairFiles: 'Télécharger les deux fichiers : ',
  pairAllFound: (n) => `Les ${n} constats attendus de la continuité ont tous été trouvés, et rien d’autre.`,
  pairDiffers: (missed, extra) => `${plural(missed, 'constat attendu non trouvé', 'constats attendus non trouvés')}, ${plural(extra, 'constat inattendu', 'constats inattendus')}.`,
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
  back: 'Retour au rapport',
  top: 'Haut de page',
  block: (id, title) => `Bloc ${id} — ${title}`,
  blockVariables: (n, codes) => `${plural(n, 'variable', 'variables')} : ${codes.join(', ')}.`,
  findingVariables: ' Variables : ',
  findingReference: (spec, section) => ` Référence : ${spec}${section ? ` ; audit ONPE ${section}` : ''}.`,
  countAll: (n) => `${n} variables (les 105 du décret et UTDP, propre au fichier de l’ODPE).`,
  countSearch: (shown, n, query) => `${plural(shown, 'variable', 'variables')} sur ${n} pour « ${query} ».`,
});
