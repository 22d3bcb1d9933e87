// The controller: wires the view's events and the workers' messages to the model
// (www/state.js), posts what the model returns, and draws what it holds through the view.
//
// It keeps what is the browser's rather than the state's: the workers, the blob: URLs
// of the downloads (revoked when the results go), the report's later drawing steps. It keeps
// no file content, and no key once the run is handed to the worker.

import { TO_WORKER, TO_PAGE, PASS } from './protocol.js';
import { RUN_MODES, isRunMode } from './state.js';
import { outputName, outputType, useArtifactTable, MAPPING_FILE_NAME } from './artifacts.js';
import { statusText, errorText, progressText, refusalText, DOWNLOAD_LABEL, REPORT_TEXT, CONTINUITY_TEXT } from './copy.js';
import { mappingTargets, needsMapping, mappingRows, unusedHeaders, preferredMapping, parseMapText, mapText, loadRemembered, remember, forget, knownColumns, notOlinpe, PSEUDONYMISE_REQUIRED } from './mapping.js';

/**
 * `model`: www/state.js; `startWorkers(handlers)`: starts the engine worker and its helper
 * (www/workers.js), `handlers` = `{onMessage(type, data), onCrash()}`; `storage`: where the
 * column mapping is remembered (or null); `today()`: `AAAA-MM-JJ`.
 *
 * `hooks` (optional, www/training.js and www/dictionary.js): `ready(info)`, `message(type,
 * data)` for worker messages the controller does not know, `done(training, result,
 * findings)` after a training run, `failed(training, message)`, `cancelled(training)`,
 * `openVariable(code)` when a finding's variable is followed to the dictionary,
 * `continuity(report)` when a continuity check against last year's file is done.
 */
export function createController({ view, model, startWorkers, storage, today, hooks = {} }) {
  const state = model.state;
  let workers = null;
  /** blob: URLs of this run's downloads (and of an exported mapping). */
  let urls = [];
  /** The findings CSV and the corrections list made on demand, once made. */
  let findingsCsvUrl = null;
  let correctionsUrl = null;
  /** The part of the report drawn in a later task (deferReport). */
  let deferred = null;
  /** What the view shows of the state (drawn again only when it changed). */
  const shown = { running: false, runEnabled: null, findingsCsvBusy: false, status: null, error: null, progress: null, refusal: undefined };

  /** Draws what the state says about the run: controls, status, error, progress. */
  function render() {
    const running = model.running();
    if (running !== shown.running) {
      shown.running = running;
      view.setRunning(running); // sets the run button too
      shown.runEnabled = null;
    }
    const runEnabled = model.canRun();
    if (runEnabled !== shown.runEnabled) {
      shown.runEnabled = runEnabled;
      view.setRunEnabled(runEnabled);
    }
    const busy = Boolean(state.findingsCsv && state.findingsCsv.running);
    if (busy !== shown.findingsCsvBusy) {
      shown.findingsCsvBusy = busy;
      view.setDownloadBusy('download-findings-csv', busy);
      view.setDownloadBusy('download-corrections', busy);
    }
    const refusal = model.refusal();
    if (refusal !== shown.refusal) {
      shown.refusal = refusal;
      view.refusal(refusalText(refusal));
      // Absent columns are mapped in the mapping step: show it even when every header was
      // an official name.
      if (refusal && refusal.code === 'identity-columns-absent' && model.mappable() && !view.mappingVisible()) {
        showMapping(loadRemembered(storage));
        preflight();
      }
    }
    if (state.status !== shown.status) {
      shown.status = state.status;
      view.status(statusText(state.status));
    }
    if (state.error !== shown.error) {
      shown.error = state.error;
      view.error(errorText(state.error) || null);
    }
    if (state.progress !== shown.progress) {
      shown.progress = state.progress;
      if (state.progress) view.progress(state.progress.percent, progressText(state.progress));
    }
  }

  // --- the workers -------------------------------------------------------------------
  function onMessage(type, data) {
    switch (type) {
      case TO_PAGE.READY: onReady(data); break;
      case TO_PAGE.HEADER: onHeader(data); break;
      case TO_PAGE.PREFLIGHT: model.preflightResult(data); break;
      case TO_PAGE.PROBE: onProbe(data); break;
      case TO_PAGE.PROGRESS:
        if (model.progress(data) && data.pass === PASS.CONTINUITY) view.continuityProgress(state.continuity.progress);
        break;
      case TO_PAGE.CONTINUITY: onContinuity(data); break;
      case TO_PAGE.OUTPUT: model.output(data); return; // nothing to draw
      case TO_PAGE.FINDINGS: model.findings(data); return;
      case TO_PAGE.DONE: if (data.pass === PASS.FINDINGS) onFindingsCsvDone(data); else onDone(data); break;
      case TO_PAGE.ERROR: onError(data); break;
      case TO_PAGE.CANCELLED: onCancelled(data); break;
      default: if (hooks.message) hooks.message(type, data); return;
    }
    render();
  }

  function spawnWorkers() {
    model.engineLost();
    workers = startWorkers({ onMessage, onCrash });
  }

  function restartWorkers() {
    if (workers) workers.terminate();
    spawnWorkers();
  }

  /** The engine worker stopped on its own (out of memory, most likely). */
  function onCrash() {
    const wasReading = state.phase === 'reading';
    const { training } = model.engineCrashed();
    if (wasReading) runEnded();
    if (training && hooks.failed) hooks.failed(training, errorText(state.error));
    restartWorkers();
    render();
  }

  function post(type, data, transfer) {
    workers.post(type, data, transfer);
  }

  function onReady(info) {
    useArtifactTable(info.artifacts);
    const { inspect } = model.engineReady(info);
    view.setVersion(info.version);
    view.setWorkbookLimit(info.workbookMaxBytes);
    if (hooks.ready) hooks.ready(info);
    if (inspect) postInspect(inspect);
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
    const r = model.setMode(mode, keep);
    if (!r.ok) return;
    view.setMode(mode, isRunMode(mode) ? RUN_MODES[mode].maxBytes : null);
    if (r.reset) clearResults(r.reset);
    if (r.fileCleared) view.fileInfo(null);
    // The columns a run needs depend on the mode: the step's order follows.
    if (isRunMode(mode) && view.mappingVisible() && state.header) showMapping(view.readMapping());
    askProbe();
    if (r.showResults) view.showResults();
    render();
  }

  function chooseFile(file) {
    const r = model.chooseFile(file);
    if (!r.ok) return;
    pendingImport = null;
    clearResults(r.reset);
    view.hideMapping();
    view.hideSheets();
    view.notOlinpe(null);
    view.clearProgress();
    view.fileInfo(file);
    if (r.inspect) postInspect(r.inspect);
    render();
  }

  /** A worksheet chosen in a workbook of several: its header is read again. */
  function chooseSheet(name) {
    const r = model.chooseSheet(name);
    if (!r.ok) return;
    clearResults(r.reset);
    view.hideMapping();
    if (r.inspect) postInspect(r.inspect);
    render();
  }

  /**
   * Asks the engine worker for the file's header; the remembered mapping's headers count as
   * known columns when it looks for the header line (as `--map-file` does in a run).
   */
  function postInspect(inspect) {
    const remembered = mapText(loadRemembered(storage), { all: true });
    post(TO_WORKER.INSPECT, { ...inspect, mapFile: remembered || null });
  }

  // --- the column-mapping step ---------------------------------------------------------
  function targets() {
    return mappingTargets(state.variables);
  }

  /** The engine's matching of the header (`matched`, `exact` per header). */
  function matches() {
    return state.header ? { matched: state.header.matched, exact: state.header.exact } : null;
  }

  /** The columns the current mode needs before the others (the step lists them first). */
  function required() {
    return new Set(state.mode === 'pseudonymise' ? PSEUDONYMISE_REQUIRED : []);
  }

  function onHeader(data) {
    if (data.run !== state.runId) return;
    const imported = pendingImport;
    const known = knownColumns(data.headers || [], data, imported ? {} : loadRemembered(storage))
      + (imported ? imported.entries.filter((e) => (data.headers || []).includes(e.header)).length : 0);
    const h = model.header(data, notOlinpe(data, known));
    if (!h) return;
    const choice = model.sheetChoice();
    if (choice) view.showSheets(choice.sheets, choice.chosen);
    else view.hideSheets();
    pendingImport = null;
    const unfit = model.unfit();
    view.notOlinpe(unfit);
    if (unfit) {
      // No mapping table for a file that is no Olinpe file: the sentence says what to do.
      view.hideMapping();
      askProbe();
      return;
    }
    if (imported && model.mappable()) {
      const { preferred, missing } = preferredMapping(imported.entries, h.headers);
      showMapping(preferred);
      model.mappingImported({ lines: imported.entries.length, problems: imported.problems, missing });
      preflight();
      return;
    }
    if (!model.mappable() || !needsMapping(h.headers, targets(), matches())) view.hideMapping();
    else showMapping(loadRemembered(storage));
    preflight();
    askProbe();
  }

  /** « Associer les colonnes moi-même »: the step for a file with few known columns. */
  function overrideUnfit() {
    if (!model.overrideUnfit().ok) return;
    view.notOlinpe(null);
    if (model.mappable()) showMapping(loadRemembered(storage));
    preflight();
    render();
  }

  function showMapping(preferred) {
    view.showMapping(mappingRows(state.header.headers, targets(), preferred, matches(), required()));
    updateUnused();
  }

  /** The mapping as the run would use it: the `--map-file` text, or null. */
  function currentMapText() {
    const mapping = view.mappingVisible() ? view.readMapping() : null;
    return mapping ? mapText(mapping, { matched: state.header && state.header.matched }) || null : null;
  }

  /** Asks the engine whether a pseudonymisation would refuse the file with this mapping. */
  function preflight() {
    const p = model.requestPreflight(currentMapText());
    if (p) post(TO_WORKER.PREFLIGHT, p);
  }

  function updateUnused() {
    if (!state.header) return;
    view.setMappingUnused(unusedHeaders(state.header.headers, targets(), view.readMapping(), matches()));
  }

  function mappingChanged() {
    updateUnused();
    preflight();
    askProbe();
    render();
  }

  /** A mapping imported while its header is looked for again (see `importMapFile`). */
  let pendingImport = null;

  async function importMapFile(file) {
    try {
      const text = await file.text(); // a mapping file is a few lines of header names
      const { entries, problems } = parseMapText(text);
      if (!model.mappable()) {
        model.mappingRefused('not-csv');
        return;
      }
      const { preferred, missing } = preferredMapping(entries, state.header.headers);
      if (missing > 0) {
        // Headers the mapping names are not in the line taken as the header: with them as
        // known columns, the header may be another line (under a title), as in the run.
        const r = model.reinspect();
        if (r.ok) {
          clearResults(r.reset);
          pendingImport = { entries, problems };
          post(TO_WORKER.INSPECT, { ...r.inspect, mapFile: text });
          return;
        }
      }
      showMapping(preferred);
      preflight();
      model.mappingImported({ lines: entries.length, problems, missing });
    } catch (_) {
      model.mappingRefused('unreadable');
    } finally {
      view.resetMapFileInput();
      render();
    }
  }

  function exportMapping() {
    const text = mapText(view.readMapping(), { all: true, matched: state.header && state.header.matched });
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    urls.push(url);
    view.triggerDownload(url, MAPPING_FILE_NAME);
  }

  function forgetMapping() {
    forget(storage);
    model.mappingForgotten();
    render();
  }

  // --- last year's file first (pseudonymise) ---------------------------------------------
  /**
   * Asks the engine which settings reproduce last year's identifiers, once last year's
   * file, the key and this year's file are all there; else says what is missing (« Premier
   * envoi : laissez les options décochées » without last year's file).
   */
  function askProbe() {
    const form = view.readOptions();
    const r = model.requestProbe({ previousFile: form.previousFile, key: form.key, keyFile: form.keyFile, mapFile: currentMapText() });
    if (r.ask) {
      post(TO_WORKER.PROBE, r.ask);
      view.showProbe({ state: 'running' });
    } else {
      view.showProbe(r.wait ? { state: r.wait } : null);
    }
  }

  /** The probe's answer: the options set as last year's identifiers say, with the reason. */
  function onProbe(data) {
    const p = model.probeResult(data);
    if (!p) return;
    if (p.phase === 'failed') { view.showProbe({ state: 'failed', error: p.error }); return; }
    const rec = p.previous.recommended;
    if (!rec) { view.showProbe({ state: 'unsure', warning: p.previous.warning }); return; }
    view.setSettings({ withDay: rec.with_day, uppercase: rec.uppercase });
    const v = (p.previous.variants || []).find((x) => x.with_day === rec.with_day && x.uppercase === rec.uppercase);
    view.showProbe({ state: 'set', variant: rec, rate: v ? v.rate : 0 });
  }

  // --- run -----------------------------------------------------------------------------
  function start() {
    const form = view.readOptions();
    const mapping = view.mappingVisible() ? view.readMapping() : null;
    const r = model.startRun({ ...form, mapFile: currentMapText(), today: today() });
    if (r.ok) {
      if (model.dropProbe()) view.showProbe(null);
      if (mapping) remember(storage, mapping);
      clearResults(r.reset);
      post(TO_WORKER.START, r.start);
    }
    render();
  }

  // Training (www/training.js): an invented file run through the check flow from the
  // training panel, with fixed options and every finding kept (to compare with the
  // manifest); the report shows below the panel, or later for an exercise (`hideReport`).
  // With `previousFile` (the continuity pair), last year's invented file is compared after.
  function runTraining(file, training, previousFile = null) {
    const r = model.startTraining(file, training, previousFile);
    if (!r.ok) return false;
    clearResults(r.reset);
    post(TO_WORKER.START, r.start);
    render();
    return true;
  }

  function cancel() {
    const r = model.cancel();
    if (!r.ok) return;
    if (r.stuck) {
      // The engine reads a workbook's sheet in one call and hears nothing until it ends:
      // the worker is replaced, which stops it at once.
      restartWorkers();
      onCancelled({ run: r.run });
    } else {
      post(TO_WORKER.CANCEL, { run: r.run });
    }
    render();
  }

  /** A run that used a key ended: the key leaves the page (docs/spec/OLINPE.md §0.1). */
  function runEnded() {
    if (state.run && RUN_MODES[state.run.mode] && RUN_MODES[state.run.mode].needsKey) view.clearKey();
  }

  function onDone(d) {
    const r = model.done(d);
    if (!r) return;
    runEnded();
    view.showSummary(d, r.summaryMode, {
      verdict: model.verdict(),
      chosen: { withDay: state.run.withDay, uppercase: state.run.uppercase },
      rerun: Boolean(model.recommendedSettings()),
    });
    view.showPrevious(d.previous, state.run);
    view.showPriorities(model.priorities());
    showDownloads();
    view.showAudit(d.report.audit, new Set(model.filterChoices().sections));
    showFindings();
    preparePrint();
    if (model.continuityExpected()) view.showContinuityPending();
    if (r.shown) view.showResults({ focus: false });
    if (r.training && hooks.done) hooks.done(r.training, d, state.findings);
    deferReport(d, r.shown);
  }

  /** The continuity check against last year's file is done: its section and download. */
  function onContinuity(c) {
    const st = model.continuityDone(c);
    if (!st) return;
    const { url, size } = blobUrl([st.json], st.mime);
    view.showContinuity(model.continuityView(), { url, name: st.name, size });
    if (hooks.continuity) hooks.continuity(st.report);
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
      if (deferred !== job) return;
      steps.shift()();
      if (steps.length === 0) deferred = null;
      else later(job);
    };
    job.flush = () => { while (deferred === job) job(); };
    deferred = job;
    later(job);
  }

  /** Calls `fn` in a task after the next frame (or within 250 ms: no frame comes while hidden). */
  function later(fn) {
    let called = false;
    const once = () => { if (!called) { called = true; fn(); } };
    requestAnimationFrame(() => setTimeout(once, 0));
    setTimeout(once, 250);
  }

  /** The printed report's own parts: the heading with the time of printing, the findings by code. */
  function preparePrint() {
    if (!model.hasReport()) return;
    view.showPrintParts({ file: state.file ? state.file.name : '', mode: state.run.mode, version: state.done.report && state.done.report.tool ? state.done.report.tool.version : '', rows: model.findingsByCode() });
  }

  /** Draws at once what `deferReport` left for later (before printing). */
  function flushReport() {
    if (deferred) deferred.flush();
  }

  function blobUrl(parts, type) {
    const blob = new Blob(parts, { type });
    const url = URL.createObjectURL(blob);
    urls.push(url);
    return { url, size: blob.size };
  }

  /**
   * The downloads: a `bloquant` run's transmission files behind an explicit confirmation,
   * an `a_verifier` run's reasons beside them.
   */
  function showDownloads() {
    const input = state.file.name;
    const v = model.verdict();
    if (v && v.level === 'a_verifier' && state.run.mode === 'pseudonymise') {
      view.downloadNotes(v.reasons.filter((x) => x.level === 'a_verifier'));
    }
    if (state.run.mode === 'pseudonymise') view.downloadRecipients();
    const gated = model.transmissionGated() ? view.gatedDownloads() : null;
    for (const dl of model.downloads()) {
      const label = DOWNLOAD_LABEL[dl.testid];
      if (dl.onDemand) {
        const want = dl.file;
        const detail = want === 'corrections' ? REPORT_TEXT.correctionsDetail(dl.count) : REPORT_TEXT.findingsCsvDetail(dl.count);
        view.addDownloadButton(dl.testid, label, detail, () => askFindingsCsv(want));
      } else {
        const { url, size } = blobUrl(dl.parts, outputType(dl.file, input));
        view.addDownload(dl.testid, label, outputName(dl.file, input, false), url, size, dl.transmit && gated ? gated : undefined);
      }
    }
  }

  function confirmTransmission() {
    if (model.confirmTransmission().ok) view.revealTransmission();
  }

  /**
   * Relaunches the run with the settings the verdict recommends (nothing else changes). The
   * key left the page when the run ended: when none was given again, the settings are set and
   * the key field asks for it (the person then clicks « Lancer »).
   */
  function rerunRecommended() {
    const settings = model.recommendedSettings();
    if (!settings) return;
    view.setSettings(settings);
    if (RUN_MODES[state.mode] && RUN_MODES[state.mode].needsKey && !view.hasKey()) {
      view.askKeyAgain();
      return;
    }
    start();
  }

  /** A download made by the findings pass on demand (`want`: `findings-csv` or `corrections`). */
  function askFindingsCsv(want = 'findings-csv') {
    const r = model.requestFindingsCsv(want);
    if (!r.ok) return;
    if (r.action === 'download') {
      const url = want === 'corrections' ? correctionsUrl : findingsCsvUrl;
      view.triggerDownload(url, outputName(want, state.file.name, false));
      return;
    }
    post(TO_WORKER.FINDINGS_CSV, { run: r.run });
    render();
  }

  function onFindingsCsvDone(d) {
    const out = model.findingsCsvDone(d);
    if (!out) return;
    findingsCsvUrl = blobUrl(out.parts, 'text/csv').url;
    correctionsUrl = blobUrl(out.corrections, 'text/csv').url;
    const url = out.want === 'corrections' ? correctionsUrl : findingsCsvUrl;
    view.triggerDownload(url, outputName(out.want, state.file.name, false));
  }

  /** The run's file cannot be read as it was chosen: choosing it again must be seen. */
  const FILE_GONE = new Set(['file-changed', 'unreadable', 'not-found']);

  function onError(e) {
    const r = model.error(e);
    if (r.about === 'main') runEnded();
    if (r.about !== 'other-run' && FILE_GONE.has(e.code)) view.resetFileInput();
    if (r.about === 'continuity') view.continuityNote(CONTINUITY_TEXT.failed(state.continuity.error), true);
    // The engine trapped: its memory cannot be trusted any more; start fresh workers.
    if (r.restart) restartWorkers();
    if (r.training && hooks.failed) hooks.failed(r.training, errorText(state.error));
  }

  function onCancelled(c) {
    const r = model.cancelled(c);
    if (r && r.about === 'main') runEnded();
    if (r && r.about === 'continuity') view.continuityNote(CONTINUITY_TEXT.cancelled, false);
    if (r && r.training && hooks.cancelled) hooks.cancelled(r.training);
  }

  // --- findings table ------------------------------------------------------------------
  function showFindings() {
    view.setFilters(model.filterChoices());
    // The view keeps a filter chosen before when the new findings still offer it.
    model.setFilters(view.readFilters());
    view.findingsNote(model.findingsCount());
    view.showExplanations(model.explanations());
    renderPage();
  }

  function renderPage() {
    const p = model.findingsPage();
    const titles = new Map([...state.catalogue].map(([k, v]) => [k, v.title]));
    const known = new Set(state.variables.map((v) => v.code));
    const dossier = Boolean(state.done && state.done.hasNumdo);
    view.showFindingsPage(p.items, p.page, p.pages, p.matched, titles, known, dossier);
    view.setInfoToggle(model.foldedInfo(), state.showInfo);
  }

  /** A priority or an audit section opened: the list filtered to it, the focus on it. */
  function openFiltered(filters) {
    view.showFilters(filters);
    renderPage();
    view.focusFindings();
  }

  /** After the model forgot the results: the worker, the URLs and the view forget them too. */
  function clearResults(reset) {
    if (!reset) return;
    if (reset.release) post(TO_WORKER.RELEASE, {});
    for (const u of urls) URL.revokeObjectURL(u);
    urls = [];
    findingsCsvUrl = null;
    correctionsUrl = null;
    deferred = null;
    view.clearResults();
    view.showPrevious(null);
  }

  // --- wiring --------------------------------------------------------------------------
  // A mode chosen by the person: a history entry (hooks.navigated, www/history.js).
  view.onMode((mode) => {
    const before = state.mode;
    if (mode !== before && hooks.leaving) hooks.leaving();
    setMode(mode);
    if (state.mode !== before && hooks.navigated) hooks.navigated({ mode: state.mode });
  });
  // Leaving the page asks first while it holds a run or its report (never a mode switch).
  view.onBeforeUnload(() => model.running() || model.hasReport());
  view.onFile(chooseFile);
  view.onSheet(chooseSheet);
  view.onRun(start);
  view.onCancel(cancel);
  view.onPrint(() => view.print());
  // Printed reports show what the screen folds away.
  view.onBeforePrint(() => { flushReport(); preparePrint(); view.openDetails(true); });
  view.onAfterPrint(() => view.openDetails(false));
  view.onMapFile(importMapFile);
  view.onMappingExport(exportMapping);
  view.onMappingForget(forgetMapping);
  view.onMappingChange(mappingChanged);
  view.onNotOlinpeOverride(overrideUnfit);
  view.onProbeInputs(askProbe);
  view.onFilter(() => { model.setFilters(view.readFilters()); renderPage(); });
  view.onPriority((i) => { const p = model.priorities()[i]; if (p) openFiltered(model.filterPriority(p)); });
  view.onSection((section) => openFiltered(model.filterSection(section)));
  view.onShowInfo((on) => { model.setShowInfo(on); renderPage(); });
  view.onClearFilters(() => { model.setFilters({}); view.showFilters({}); renderPage(); });
  view.onConfirmTransmission(confirmTransmission);
  view.onRerun(rerunRecommended);
  view.onPage((d) => { model.turnPage(d); renderPage(); });
  view.onVariableLink((code) => { if (hooks.openVariable) hooks.openVariable(code); });
  view.onKeyShow();
  view.onKeySource();
  view.setExportDateDefault(today());
  setMode('check');
  spawnWorkers();

  return {
    /** The current mode. */
    mode: () => state.mode,
    /** The page holds a run or its report. */
    holdsResults: () => model.running() || model.hasReport(),
    setMode,
    runTraining,
    showReport: () => { if (model.hasReport()) view.showResults(); },
    post,
  };
}
