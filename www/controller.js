// The controller: the page's states and the conversation with the worker.
//
// States: idle → reading → done | failed | cancelled (docs/spec/STYLE.md point 9). It keeps the run's
// outputs as lists of Blobs (made by the worker) until they become one Blob each, the (capped)
// findings for the paged table, and nothing else: no file content, no key after the run is
// handed to the worker.

import { TO_WORKER, TO_PAGE, PASS, message, outputName, outputType } from './protocol.js';
import { formatBytes, formatInt } from './view.js';
import { mappingTargets, autoMatch, parseMapText, mapText, loadRemembered, remember, forget } from './mapping.js';

/** Per-mode texts and the stated size limit (the page keeps outputs in memory until saved). */
export const MODES = {
  check: {
    title: 'Vérifier un fichier',
    help: 'Contrôle un fichier Olinpe (CSV ou XML, nominatif ou déjà pseudonymisé) selon le guide de l’ONPE, sans rien modifier. Aucun fichier n’est produit, sauf le rapport et la liste des constats.',
    runLabel: 'Lancer la vérification',
    maxBytes: 2 * 1000 ** 3,
    needsKey: false,
  },
  pseudonymise: {
    title: 'Préparer la transmission',
    help: 'Contrôle le fichier nominatif, remplace l’identité par l’identifiant pseudonyme (NUMANONYM) et produit les fichiers à transmettre (XML, CSV), le reçu et le rapport.',
    runLabel: 'Préparer la transmission',
    maxBytes: 500 * 1000 ** 2,
    needsKey: true,
  },
  rehash: {
    title: 'Re-hacher (observatoire)',
    help: 'Pour les observatoires (ODPE, ONPE) : applique le second hachage aux identifiants reçus (NUMANONYM, NUMANONYMANT) avec la clé de l’observatoire. Toutes les autres valeurs restent inchangées.',
    runLabel: 'Re-hacher le fichier',
    maxBytes: 1000 ** 3,
    needsKey: true,
  },
};

const PAGE_SIZE = 25;

/**
 * `hooks` (optional, www/training.js and www/dictionary.js): `ready(info)`, `message(type,
 * data)` for worker messages the controller does not know, `done(training, result,
 * findings)` after a training run, `failed(training, message)`, `openVariable(code)` when a
 * finding's variable is followed to the dictionary.
 */
export function createController({ view, startWorker, storage, today, hooks = {} }) {
  const state = {
    mode: 'check',
    phase: 'idle',
    ready: false,
    worker: null,
    runSeq: 0,
    runId: 0,
    file: null,
    header: null,
    variables: [],
    labels: new Map(),
    catalogue: new Map(),
    outputs: new Map(),
    findings: [],
    findingsTotal: 0,
    findingsTruncated: false,
    page: 0,
    urls: [],
    lastAnnounced: -1,
    findingsCsv: null, // { parts, url, button, running }
    done: null,
    deferred: null, // the part of the report drawn in a later task (deferReport)
    training: null, // the training run in progress: what www/training.js passed
    trainingFile: false, // state.file is an invented training file
    knownVariables: new Set(),
  };

  // --- worker ------------------------------------------------------------------------
  function onMessage(e) {
    const { type, data } = e.data || {};
    switch (type) {
      case TO_PAGE.READY: return onReady(data);
      case TO_PAGE.CSP_VIOLATION: return recordViolation(data);
      case TO_PAGE.HEADER: return onHeader(data);
      case TO_PAGE.PROGRESS: return onProgress(data);
      case TO_PAGE.OUTPUT: return onOutput(data);
      case TO_PAGE.FINDINGS: return onFindings(data);
      case TO_PAGE.DONE: return data.pass === PASS.FINDINGS ? onFindingsCsvDone(data) : onDone(data);
      case TO_PAGE.ERROR: return onError(data);
      case TO_PAGE.CANCELLED: return onCancelled(data);
      default: return hooks.message ? hooks.message(type, data) : undefined;
    }
  }

  function recordViolation(v) {
    const list = (globalThis.__olinpeCspViolations = globalThis.__olinpeCspViolations || []);
    list.push(v);
  }

  function spawnWorker() {
    state.ready = false;
    state.worker = startWorker();
    state.worker.onmessage = onMessage;
    state.worker.onerror = (ev) => {
      ev.preventDefault();
      fail('Le moteur de calcul s’est arrêté de façon inattendue (mémoire insuffisante ?). Fermez d’autres onglets et réessayez, ou utilisez la ligne de commande pour les gros fichiers.');
      restartWorker();
    };
  }

  function restartWorker() {
    if (state.worker) {
      if (state.worker.olinpeHelper) state.worker.olinpeHelper.terminate();
      state.worker.terminate();
    }
    spawnWorker();
  }

  function post(type, data) {
    state.worker.postMessage(message(type, data));
  }

  function onReady(info) {
    state.ready = true;
    if (state.worker.olinpeLoaded) state.worker.olinpeLoaded();
    state.variables = info.variables || [];
    state.labels = new Map(state.variables.map((v) => [v.code, v.label]));
    state.catalogue = new Map((info.catalogue || []).map((c) => [c.code, c]));
    state.knownVariables = new Set(state.variables.map((v) => v.code));
    view.setVersion(info.version);
    if (hooks.ready) hooks.ready(info);
    if (state.phase === 'idle') view.status(state.file ? 'Prêt.' : 'Choisissez un fichier.');
    refreshRunButton();
    if (state.file && !state.header) post(TO_WORKER.INSPECT, { run: state.runId, file: state.file });
    whenIdle(() => { if (state.ready && state.phase !== 'reading') post(TO_WORKER.WARM_UP, {}); });
  }

  /** Runs `fn` once the page has nothing else to do (the worker's warm-up competes for CPU). */
  function whenIdle(fn) {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => fn(), { timeout: 2000 });
    else setTimeout(fn, 500);
  }

  // --- modes and file ------------------------------------------------------------------
  /** `keep`: come back to a mode without losing the finished run's report (dictionary links). */
  function setMode(mode, keep = false) {
    if (state.phase === 'reading') return;
    state.mode = mode;
    view.setMode(mode, MODES[mode]);
    if (MODES[mode]) {
      if (!keep) resetResults();
      // An invented training file is not carried over into the working modes.
      if (!keep && state.trainingFile) {
        state.file = null;
        state.trainingFile = false;
        view.fileInfo('');
        view.status('Choisissez un fichier.');
      }
      checkSize();
      refreshRunButton();
    }
    if (keep && state.phase === 'done' && state.done) view.showResults();
  }

  function checkSize() {
    const m = MODES[state.mode];
    if (!m || !state.file) return true;
    if (state.file.size > m.maxBytes) {
      view.error(`Ce fichier fait ${formatBytes(state.file.size)} ; dans ce mode, la page accepte au plus ${formatBytes(m.maxBytes)}, car elle garde en mémoire ce qu’elle produit jusqu’au téléchargement. Pour un fichier plus gros, utilisez la ligne de commande olinpe, qui n’a pas cette limite.`);
      return false;
    }
    view.error(null);
    return true;
  }

  function refreshRunButton() {
    const m = MODES[state.mode];
    view.setRunEnabled(Boolean(m && state.ready && state.file && state.phase !== 'reading' && checkSizeQuiet()));
  }

  function checkSizeQuiet() {
    const m = MODES[state.mode];
    return !state.file || !m || state.file.size <= m.maxBytes;
  }

  function chooseFile(file) {
    if (state.phase === 'reading') return;
    state.file = file;
    state.trainingFile = false;
    state.header = null;
    state.runId = ++state.runSeq;
    resetResults();
    view.hideMapping();
    view.fileInfo(`${file.name} — ${formatBytes(file.size)}`);
    if (file.size === 0) {
      view.error('Ce fichier est vide (0 octet) : choisissez le fichier exporté par votre logiciel.');
      state.file = null;
      refreshRunButton();
      return;
    }
    if (checkSize()) view.status('Fichier choisi. Vérifiez les réglages puis lancez.');
    if (state.ready) post(TO_WORKER.INSPECT, { run: state.runId, file });
    refreshRunButton();
  }

  function onHeader(h) {
    if (h.run !== state.runId) return;
    state.header = h;
    if (h.format !== 'csv') { view.hideMapping(); return; }
    const targets = mappingTargets(state.variables);
    const { matched, exact, unmatchedHeaders } = autoMatch(h.headers, targets);
    if (unmatchedHeaders.length === 0 && exact.size === matched.size) { view.hideMapping(); return; }
    showMapping(targets, matched, exact, loadRemembered(storage));
  }

  function showMapping(targets, matched, exact, preferred) {
    const headers = state.header.headers;
    const candidates = headers.filter((x) => !targets.some((t) => t.code === x));
    const rows = [];
    for (const t of targets) {
      if (exact.has(t.code)) continue;
      let selected = matched.get(t.code) || '';
      if (preferred[t.code] !== undefined && headers.includes(preferred[t.code])) selected = preferred[t.code];
      rows.push({ target: t.code, label: t.label, options: candidates, selected });
    }
    const unknown = candidates.length;
    view.showMapping({
      intro: `${unknown} colonne(s) de votre fichier ne portent pas le nom officiel d’une variable. Indiquez ci-dessous quelle colonne contient chaque variable ; les colonnes laissées sans correspondance seront signalées comme inconnues. La correspondance est mémorisée sur ce poste (les noms de colonnes seulement).`,
      rows,
    });
    updateUnused();
  }

  function updateUnused() {
    if (!state.header) return;
    const { matched, exact } = autoMatch(state.header.headers, mappingTargets(state.variables));
    // Exact names need no mapping; the others count only if a select uses them.
    const used = new Set([...Object.values(view.readMapping()), ...[...exact].map((c) => matched.get(c))]);
    const unused = state.header.headers.filter((x) => !used.has(x));
    view.setMappingUnused(unused.length ? `Colonnes du fichier sans correspondance : ${unused.join(', ')}.` : 'Toutes les colonnes du fichier ont une correspondance.');
  }

  async function importMapFile(file) {
    try {
      const text = await file.text(); // a mapping file is a few lines of header names
      const { entries, problems } = parseMapText(text);
      if (!state.header || state.header.format !== 'csv') {
        view.error('Choisissez d’abord un fichier CSV : la correspondance s’applique à ses colonnes.');
        return;
      }
      const targets = mappingTargets(state.variables);
      const { matched, exact } = autoMatch(state.header.headers, targets);
      const preferred = {};
      const missing = [];
      for (const e of entries) {
        if (state.header.headers.includes(e.header)) preferred[e.code] = e.header;
        else missing.push(e.header);
      }
      showMapping(targets, matched, exact, preferred);
      const notes = [];
      if (problems.length) notes.push(`Lignes ignorées : ${problems.join(' ; ')}.`);
      if (missing.length) notes.push(`${missing.length} en-tête(s) de la correspondance absent(s) de ce fichier.`);
      view.error(notes.length ? notes.join(' ') : null);
      view.status(`Correspondance importée (${entries.length} ligne(s)).`);
    } catch (_) {
      view.error('Le fichier de correspondance n’a pas pu être lu.');
    } finally {
      view.resetMapFileInput();
    }
  }

  function exportMapping() {
    const text = mapText(view.readMapping(), { all: true });
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    state.urls.push(url);
    view.triggerDownload(url, 'correspondance-colonnes.txt');
  }

  // --- run -----------------------------------------------------------------------------
  function start() {
    if (!state.ready || !state.file || state.phase === 'reading' || !checkSize()) return;
    const m = MODES[state.mode];
    const o = view.readOptions();
    if (m.needsKey && !o.key && !o.keyFile) {
      view.error('Saisissez la clé de pseudonymisation, ou choisissez le fichier qui la contient.');
      return;
    }
    if (o.year !== null && !(Number.isInteger(o.year) && o.year >= 1900 && o.year <= 2100)) {
      view.error('L’année de référence doit être une année sur quatre chiffres, par exemple 2024.');
      return;
    }
    let mapFile = null;
    if (view.mappingVisible()) {
      const mapping = view.readMapping();
      remember(storage, mapping);
      mapFile = mapText(mapping) || null;
    }
    const options = {
      mode: state.mode,
      inputName: state.file.name,
      year: state.mode === 'rehash' ? null : o.year,
      maxFindings: 1000,
      mapFile,
      repair: state.mode !== 'rehash' && o.repair,
      withDay: state.mode === 'pseudonymise' && o.withDay,
      uppercase: state.mode === 'pseudonymise' && o.uppercase,
      dateExport: state.mode === 'pseudonymise' ? (o.exportDate || today()) : null,
      training: false,
      // The engine enforces the stated limit too, with its own French message.
      limits: { maxFileBytes: m.maxBytes },
    };
    const previousFile = state.mode === 'pseudonymise' ? o.previousFile : null;
    resetResults();
    view.error(null);
    state.lastOptions = { withDay: options.withDay, uppercase: options.uppercase };
    state.phase = 'reading';
    state.runId = ++state.runSeq;
    state.lastAnnounced = -1;
    view.setRunning(true);
    view.progress(0, '');
    view.status('Lecture en cours…');
    post(TO_WORKER.START, {
      run: state.runId,
      file: state.file,
      options,
      key: m.needsKey ? (o.key || null) : null,
      keyFile: m.needsKey ? o.keyFile : null,
      previousFile,
    });
  }

  // Training (www/training.js): an invented file run through the check flow from the
  // training panel, with fixed options and every finding kept (to compare with the
  // manifest); the report shows below the panel, or later for an exercise (`hideReport`).
  function runTraining(file, training) {
    if (!state.ready || state.phase === 'reading') return false;
    state.file = file;
    state.trainingFile = true;
    state.header = null;
    resetResults();
    view.error(null);
    state.training = training;
    state.phase = 'reading';
    state.runId = ++state.runSeq;
    state.lastAnnounced = -1;
    view.setRunning(true);
    view.progress(0, '');
    post(TO_WORKER.START, {
      run: state.runId,
      file,
      options: {
        mode: 'check', inputName: file.name, year: null, maxFindings: 1000000, mapFile: null,
        withDay: false, uppercase: false, dateExport: null, training: true,
        limits: { maxFileBytes: MODES.check.maxBytes },
      },
      key: null,
      keyFile: null,
      previousFile: null,
    });
    return true;
  }

  function cancel() {
    if (state.phase !== 'reading' && !(state.findingsCsv && state.findingsCsv.running)) return;
    post(TO_WORKER.CANCEL, { run: state.runId });
    view.status('Annulation…');
  }

  const STAGE_TEXT = {
    previous: 'Lecture du fichier de l’an dernier',
    main: 'Lecture et contrôle',
    findings: 'Liste complète des constats (seconde lecture)',
  };

  function onProgress(p) {
    if (p.run !== state.runId) return;
    const rows = p.rows === null || p.rows === undefined ? '' : `${formatInt(p.rows)} enregistrements — `;
    view.progress(p.percent, `${STAGE_TEXT[p.stage] || ''} : ${rows}${formatBytes(p.bytes)} sur ${formatBytes(p.total)} (${p.percent} %)`);
    if (state.findingsCsv && state.findingsCsv.running) return;
    // Announce every quarter, not every slice: a screen reader would be flooded.
    const step = Math.floor(p.percent / 25);
    if (step > state.lastAnnounced && p.percent < 100) {
      state.lastAnnounced = step;
      view.status(`Traitement en cours : ${p.percent} %`);
    }
  }

  function onOutput(o) {
    if (o.run !== state.runId) return;
    // Each message carries a Blob made by the worker: keeping its handle copies nothing.
    if (o.pass === PASS.FINDINGS && state.findingsCsv && state.findingsCsv.running) {
      state.findingsCsv.parts.push(o.blob);
      return;
    }
    if (!state.outputs.has(o.file)) state.outputs.set(o.file, []);
    state.outputs.get(o.file).push(o.blob);
  }

  function onFindings(f) {
    if (f.run !== state.runId) return;
    state.findings.push(...f.findings);
    state.findingsTotal = f.total;
    state.findingsTruncated = f.truncated;
  }

  function blobUrl(parts, type) {
    const blob = new Blob(parts, { type });
    const url = URL.createObjectURL(blob);
    state.urls.push(url);
    return { url, size: blob.size };
  }

  function onDone(d) {
    if (d.run !== state.runId) return;
    state.phase = 'done';
    state.done = d;
    const training = state.training;
    state.training = null;
    view.setRunning(false);
    view.progress(100, `${formatInt(d.rows)} enregistrements lus.`);
    view.showSummary(d, training ? 'check' : state.mode);
    view.showPrevious(d.previous, state.lastOptions || {});
    showDownloads(d);
    view.showAudit(d.report.audit);
    showFindings();
    const shown = !(training && training.hideReport);
    if (shown) view.showResults({ focus: false });
    if (training && hooks.done) hooks.done(training, d, state.findings);
    const verdict = d.exitStatus === 0 ? 'aucune erreur bloquante' : `${formatInt(d.errors)} erreur(s) à corriger`;
    view.status(`Traitement terminé : ${formatInt(d.rows)} enregistrements, ${verdict}, ${formatInt(d.warnings)} avertissement(s).`);
    refreshRunButton();
    deferReport(d, shown);
  }

  /**
   * The rest of the report, in later tasks, each after the browser has drawn what came
   * before: the fill chart (folded in its <details>), then moving the focus to the report
   * (which makes the browser lay the page out at once). All in the `done` message's task,
   * with the style and layout the focus forced, it was one task of 50–60 ms (30 ms of CPU)
   * for a big file; split, the message's task takes under 10 ms of CPU.
   */
  function deferReport(d, focus) {
    const steps = [
      () => view.showFill(d.report.variables, d.rows, state.labels),
      () => { if (focus) view.focusResults(); },
    ];
    const job = () => {
      if (state.deferred !== job) return;
      steps.shift()();
      if (steps.length === 0) state.deferred = null;
      else later(job);
    };
    job.flush = () => { while (state.deferred === job) job(); };
    state.deferred = job;
    later(job);
  }

  /** Calls `fn` in a task after the next frame (or within 250 ms: no frame comes while hidden). */
  function later(fn) {
    let called = false;
    const once = () => { if (!called) { called = true; fn(); } };
    requestAnimationFrame(() => setTimeout(once, 0));
    setTimeout(once, 250);
  }

  /** Draws at once what `deferReport` left for later (before printing). */
  function flushReport() {
    if (state.deferred) state.deferred.flush();
  }

  function showDownloads(d) {
    const name = state.file.name;
    const add = (testid, fileId, label, parts) => {
      if (!parts || parts.length === 0) return;
      const { url, size } = blobUrl(parts, outputType(fileId, name));
      view.addDownload(testid, label, outputName(fileId, name, false), url, size);
    };
    const out = (id) => state.outputs.get(id);
    if (state.mode === 'pseudonymise') {
      add('download-xml', 'transmission-xml', 'Fichier à transmettre (XML)', out('transmission-xml'));
      add('download-csv', 'transmission-csv', 'Fichier à transmettre (CSV)', out('transmission-csv'));
      if (d.odpe) add('download-odpe-xml', 'odpe-xml', 'Fichier pour l’ODPE (XML, avec UTDP)', out('odpe-xml'));
      add('download-receipt', 'receipt-json', 'Reçu (JSON)', [d.receiptJson]);
      add('download-receipt-txt', 'receipt-txt', 'Reçu (texte)', [d.receiptText]);
    }
    if (state.mode === 'rehash') {
      add('download-rehash', 'rehashed', 'Fichier re-haché', out('rehashed'));
      add('download-rehash-receipt', 'rehash-receipt', 'Reçu du re-hachage (JSON)', [d.receiptJson]);
    }
    if (state.mode === 'check') {
      add('download-repaired', 'repaired', 'Fichier réparé', out('repaired'));
    }
    if (state.mode !== 'rehash') {
      add('download-report-json', 'report-json', 'Rapport (JSON)', [d.reportJson]);
      if (d.findingsCsv) {
        add('download-findings-csv', 'findings-csv', 'Liste complète des constats (CSV)', out('findings-csv') || [new Uint8Array(0)]);
        return;
      }
      state.findingsCsv = { parts: [], url: null, running: false, button: null };
      state.findingsCsv.button = view.addDownloadButton('download-findings-csv', 'Liste complète des constats (CSV)',
        `tous les ${formatInt(d.errors + d.warnings + d.infos)} constats, pour un tableur ; le fichier est relu pour la produire.`,
        startFindingsCsv);
    }
  }

  function startFindingsCsv(button) {
    const fc = state.findingsCsv;
    if (!fc || fc.running) return;
    if (fc.url) { view.triggerDownload(fc.url, outputName('findings-csv', state.file.name, false)); return; }
    fc.running = true;
    fc.parts = [];
    button.disabled = true;
    view.setRunning(true);
    view.progress(0, '');
    view.status('Préparation de la liste des constats…');
    post(TO_WORKER.FINDINGS_CSV, { run: state.runId });
  }

  function onFindingsCsvDone(d) {
    const fc = state.findingsCsv;
    if (d.run !== state.runId || !fc) return;
    fc.running = false;
    fc.button.disabled = false;
    view.setRunning(false);
    const { url } = blobUrl(fc.parts, 'text/csv');
    fc.url = url;
    fc.parts = [];
    view.status('Liste des constats prête : téléchargement terminé.');
    view.triggerDownload(url, outputName('findings-csv', state.file.name, false));
    refreshRunButton();
  }

  function onError(e) {
    if (e.fatal) {
      // The engine trapped: its memory cannot be trusted any more; start a fresh worker.
      restartWorker();
    }
    if (e.pass === 'init') {
      state.phase = 'failed';
      view.status('Démarrage en échec.');
      view.error(e.message);
      return;
    }
    if (e.run !== state.runId) return;
    if (e.pass === 'inspect') {
      view.error(`${e.message}`);
      return;
    }
    if (e.pass === PASS.FINDINGS && state.findingsCsv) {
      state.findingsCsv.running = false;
      state.findingsCsv.button.disabled = false;
      view.setRunning(false);
      view.status('Liste des constats : échec.');
      view.error(e.message);
      return;
    }
    fail(e.message);
  }

  function fail(text) {
    if (state.training && hooks.failed) hooks.failed(state.training, text);
    state.training = null;
    state.phase = 'failed';
    state.outputs = new Map();
    view.setRunning(false);
    view.status('Traitement interrompu : échec de la lecture.');
    view.error(text);
    refreshRunButton();
  }

  function onCancelled(c) {
    if (c.run !== state.runId) return;
    if (state.findingsCsv && state.findingsCsv.running) {
      state.findingsCsv.running = false;
      state.findingsCsv.button.disabled = false;
      state.findingsCsv.parts = [];
      view.setRunning(false);
      view.status('Liste des constats annulée.');
      return;
    }
    state.phase = 'cancelled';
    state.outputs = new Map();
    view.setRunning(false);
    view.progress(0, '');
    view.status('Lecture annulée : rien n’a été produit.');
    refreshRunButton();
  }

  // --- findings table ------------------------------------------------------------------
  function filtered() {
    const f = view.readFilters();
    return state.findings.filter((x) => (!f.severity || x.severity === f.severity)
      && (!f.code || x.code === f.code)
      && (!f.variable || x.variable === f.variable));
  }

  function showFindings() {
    const uniq = (xs) => [...new Set(xs)].sort();
    view.setFilters({
      severities: ['error', 'warning', 'info'].filter((s) => state.findings.some((x) => x.severity === s)),
      codes: uniq(state.findings.map((x) => x.code)),
      variables: uniq(state.findings.map((x) => x.variable).filter(Boolean)),
    });
    const shown = state.findings.length;
    view.findingsNote(state.findingsTruncated
      ? `${formatInt(state.findingsTotal)} constats au total ; ${formatInt(shown)} sont affichés ici (chaque code est représenté). La liste complète est dans le CSV des constats.`
      : `${formatInt(state.findingsTotal)} constat(s).`);
    const counts = (state.done && state.done.report.counts) || {};
    const entries = Object.keys(counts).sort().map((code) => {
      const c = state.catalogue.get(code) || {};
      return { code, title: c.title || code, severity: c.severity || '', explanation: c.explanation || '', count: counts[code] };
    });
    view.showExplanations(entries);
    state.page = 0;
    renderPage();
  }

  function renderPage() {
    const items = filtered();
    const pages = Math.ceil(items.length / PAGE_SIZE);
    state.page = Math.max(0, Math.min(state.page, pages - 1));
    const titles = new Map([...state.catalogue].map(([k, v]) => [k, v.title]));
    view.showFindingsPage(items.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE), state.page, pages, items.length, titles, state.knownVariables);
  }

  function resetResults() {
    if (state.done && state.ready) post(TO_WORKER.RELEASE, {});
    for (const u of state.urls) URL.revokeObjectURL(u);
    state.urls = [];
    state.outputs = new Map();
    state.findings = [];
    state.findingsTotal = 0;
    state.findingsTruncated = false;
    state.findingsCsv = null;
    state.done = null;
    state.deferred = null;
    if (state.phase !== 'reading') state.phase = 'idle';
    view.clearResults();
    view.showPrevious(null);
  }

  // --- wiring --------------------------------------------------------------------------
  view.onMode(setMode);
  view.onFile(chooseFile);
  view.onRun(start);
  view.onCancel(cancel);
  view.onPrint(() => window.print());
  // Printed reports show what the screen folds away.
  window.addEventListener('beforeprint', () => { flushReport(); view.openDetails(true); });
  window.addEventListener('afterprint', () => view.openDetails(false));
  view.onMapFile(importMapFile);
  view.onMappingExport(exportMapping);
  view.onMappingForget(() => { forget(storage); view.status('Correspondance mémorisée oubliée.'); });
  view.onMappingChange(updateUnused);
  view.onFilter(() => { state.page = 0; renderPage(); });
  view.onPage((d) => { state.page += d; renderPage(); });
  view.onVariableLink((code) => { if (hooks.openVariable) hooks.openVariable(code); });
  view.onKeyShow();
  view.setExportDateDefault(today());
  setMode('check');
  spawnWorker();

  return {
    state,
    setMode,
    runTraining,
    showReport: () => { if (state.phase === 'done') view.showResults(); },
    post: (type, data, transfer) => state.worker.postMessage(message(type, data), transfer || []),
  };
}
