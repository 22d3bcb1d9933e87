// The view: every DOM access of the working modes lives here (docs/spec/STYLE.md point 9);
// the dictionary and training panels draw their own parts (www/dictionary.js,
// www/training.js).
//
// Nodes are built with textContent only: file content (headers, messages quoting coded
// values) is never parsed as HTML. Long lists are paged; nothing here keeps state
// about the run besides what is displayed. The words come from www/copy.js.

import { formatBytes, formatInt, formatPercent } from './format.js';
import { SEVERITY, MODE_TEXT, MAPPING_TEXT, NOT_OLINPE_TEXT, REPORT_TEXT, PREVIOUS_TEXT, PREVIOUS_HINT, CONTINUITY_TEXT, AUDIT_TEXT, FILL_TEXT, FINDINGS_TEXT, KEY_NOT_MASKED, KEY_CLEARED, KEY_AGAIN, VERDICT_TEXT, PRIORITIES_TEXT, PRINT_TEXT, PROBE_TEXT, RECIPIENTS, pageMessage } from './copy.js';

/** The findings table's columns, in `FINDINGS_TEXT.columns` order (classes `olp-c-*`). */
const FINDING_COLUMNS = ['row', 'line', 'sev', 'code', 'title', 'var', 'section', 'msg'];

/** The design system's badge for a severity. */
const BADGE = { error: 'error', warning: 'warning', info: 'info' };

/** Creates an element with attributes and children (strings become text nodes). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return el;
}

/**
 * Puts every form control of the page back to what the HTML says. After a reload, Firefox
 * restores file inputs, check boxes and text fields (every control also has
 * `autocomplete="off"`, which stops it): the page trusts no value it did not see chosen.
 */
function forgetRestoredValues() {
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (el.type === 'file') el.value = '';
    else if (el.type === 'checkbox' || el.type === 'radio') el.checked = el.defaultChecked;
    else if (el.tagName === 'SELECT') for (const o of el.options) o.selected = o.defaultSelected;
    else el.value = el.defaultValue;
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes; `text` becomes its text content. */
function svg(tag, attrs, text) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A label cut to `n` characters for the chart (the table below gives it whole). */
function cut(text, n) {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

/**
 * The chart of the flagged indicators: for each, last year's bar and this year's, to the
 * scale of the larger of the two (a rate to the scale of 100 %), with their values. An
 * inline SVG built with DOM calls, with a text alternative.
 */
function indicatorChart(flagged) {
  const width = 640;
  const rowH = 58;
  const top = 28;
  const barX = 10;
  const barW = 470;
  const height = top + rowH * flagged.length + 4;
  const t = CONTINUITY_TEXT;
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`, width: '100%', style: 'max-width: 48rem', role: 'img', class: 'olp-continuity-chart',
    'aria-label': t.chartLabel(flagged.length), 'data-testid': 'continuity-chart',
  });
  root.append(svg('title', {}, t.chartLabel(flagged.length)));
  // Legend.
  const colours = ['#929292', '#000091'];
  t.legend.forEach((label, k) => {
    root.append(svg('rect', { x: barX + k * 150, y: 6, width: 12, height: 12, fill: colours[k] }));
    root.append(svg('text', { x: barX + k * 150 + 18, y: 16, 'font-size': 12 }, label));
  });
  flagged.forEach((ind, k) => {
    const y = top + k * rowH;
    const rate = ind.name.startsWith('rate:');
    const values = [ind.previous, ind.current];
    const max = rate ? 1 : Math.max(1, ...values);
    const g = svg('g', { 'data-indicator': ind.name });
    g.append(svg('text', { x: barX, y: y + 11, 'font-size': 12, 'font-weight': 'bold' }, cut(ind.label, 90)));
    values.forEach((v, j) => {
      const w = Math.max(1, Math.round((v / max) * barW));
      const by = y + 16 + j * 18;
      g.append(svg('rect', { x: barX, y: by, width: w, height: 14, fill: colours[j] }));
      g.append(svg('text', { x: barX + w + 6, y: by + 11, 'font-size': 12 }, t.value(v, rate)));
    });
    g.append(svg('text', { x: width - 4, y: y + 11, 'font-size': 12, 'text-anchor': 'end' }, t.change(ind)));
    root.append(g);
  });
  return root;
}

export function createView() {
  forgetRestoredValues();
  const $ = (id) => {
    const el = document.getElementById(id);
    if (!el) throw new Error(`élément absent : ${id}`);
    return el;
  };
  const els = {
    modes: $('modes'),
    panelRun: $('panel-run'),
    panelTraining: $('panel-training'),
    panelDictionary: $('panel-dictionary'),
    modeTitle: $('mode-title'),
    modeHelp: $('mode-help'),
    sizeLimit: $('size-limit'),
    workbookLimit: $('workbook-limit'),
    drop: $('drop-zone'),
    file: $('file-input'),
    fileInfo: $('file-info'),
    sheetGroup: $('sheet-group'),
    sheet: $('sheet-select'),
    mapping: $('mapping'),
    mappingIntro: $('mapping-intro'),
    mappingBody: document.querySelector('#mapping-table tbody'),
    mappingTable: $('mapping-table'),
    notOlinpe: $('not-olinpe'),
    mappingUnused: $('mapping-unused'),
    mapFile: $('map-file-input'),
    mappingExport: $('mapping-export'),
    mappingForget: $('mapping-forget'),
    keyBlock: $('key-block'),
    key: $('key-input'),
    keyCleared: $('key-cleared'),
    keyShow: $('key-show'),
    keyFile: $('key-file-input'),
    optWithDay: $('opt-with-day'),
    withDay: $('option-with-day'),
    optUppercase: $('opt-uppercase'),
    uppercase: $('option-uppercase'),
    optRepair: $('opt-repair'),
    repair: $('option-repair'),
    optCorrections: $('opt-corrections'),
    corrections: $('option-corrections'),
    optYear: $('opt-year'),
    year: $('year-input'),
    optExportDate: $('opt-export-date'),
    exportDate: $('export-date-input'),
    optPrevious: $('opt-previous'),
    previous: $('previous-file-input'),
    run: $('run'),
    cancel: $('cancel'),
    progressBlock: $('progress-block'),
    progress: $('progress'),
    progressText: $('progress-text'),
    status: $('status'),
    error: $('error-message'),
    refusal: $('refusal'),
    results: $('results'),
    summary: $('summary'),
    prioritiesBlock: $('priorities-block'),
    prioritiesIntro: $('priorities-intro'),
    prioritiesWrap: $('priorities-wrap'),
    priorities: $('priorities'),
    prioritiesCaption: $('priorities-caption'),
    downloads: $('downloads'),
    audit: $('audit'),
    fill: $('fill-chart'),
    findingsNote: $('findings-note'),
    filterSeverity: $('filter-severity'),
    filterCode: $('filter-code'),
    filterVariable: $('filter-variable'),
    filterSection: $('filter-section'),
    showInfo: $('findings-show-info'),
    clearFilters: $('findings-clear-filters'),
    findingsTable: $('findings-table'),
    findingsHead: document.querySelector('#findings-table thead'),
    findingsBody: document.querySelector('#findings-table tbody'),
    findingsCaption: $('findings-caption'),
    pagePrev: $('page-prev'),
    pageNext: $('page-next'),
    pageInfo: $('page-info'),
    pagePrevTop: $('page-prev-top'),
    pageNextTop: $('page-next-top'),
    pageInfoTop: $('page-info-top'),
    explanations: $('explanations'),
    print: $('print'),
    version: $('version'),
    // The continuity section is the view's own: built here, below the report.
    continuity: null,
  };
  {
    const section = h('section', { id: 'continuity-block', 'data-testid': 'continuity', 'aria-labelledby': 'continuity-title', hidden: true });
    els.results.append(section);
    els.continuity = section;
  }

  // The report's menu and every « Haut de page » link: the part is scrolled to and focused,
  // without a history entry of its own (Back returns between the page's views, not its parts).
  document.addEventListener('click', (e) => {
    const a = e.target.closest && e.target.closest('a[data-nav]');
    if (!a || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const target = document.getElementById(a.dataset.nav);
    if (!target) return;
    e.preventDefault();
    if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  });

  const view = {
    els,

    // --- wiring ------------------------------------------------------------------------
    onMode(cb) {
      els.modes.addEventListener('click', (e) => {
        const btn = e.target.closest('button[data-mode]');
        if (btn) cb(btn.dataset.mode);
      });
    },
    onFile(cb) {
      els.file.addEventListener('change', () => { if (els.file.files[0]) cb(els.file.files[0]); });
      els.drop.addEventListener('dragover', (e) => { e.preventDefault(); els.drop.classList.add('olp-drop--over'); });
      els.drop.addEventListener('dragleave', () => els.drop.classList.remove('olp-drop--over'));
      els.drop.addEventListener('drop', (e) => {
        e.preventDefault();
        els.drop.classList.remove('olp-drop--over');
        const f = e.dataTransfer && e.dataTransfer.files[0];
        if (f) cb(f);
      });
    },
    /**
     * Leaving the page (closing the tab, reloading, Back past the page's first view): the
     * browser asks first when `holds()` says the page holds results. Never on a mode switch.
     */
    onBeforeUnload(holds) {
      window.addEventListener('beforeunload', (e) => {
        if (!holds()) return;
        e.preventDefault();
        e.returnValue = '';
      });
    },
    /** A worksheet chosen in the workbook's list. */
    onSheet(cb) { els.sheet.addEventListener('change', () => cb(els.sheet.value)); },
    onRun(cb) { els.run.addEventListener('click', cb); },
    onCancel(cb) { els.cancel.addEventListener('click', cb); },
    onPrint(cb) { els.print.addEventListener('click', cb); },
    /** The browser is about to print, or has printed (the print button, or its menu). */
    onBeforePrint(cb) { window.addEventListener('beforeprint', cb); },
    onAfterPrint(cb) { window.addEventListener('afterprint', cb); },
    print() { window.print(); },
    onMapFile(cb) { els.mapFile.addEventListener('change', () => { if (els.mapFile.files[0]) cb(els.mapFile.files[0]); }); },
    onMappingExport(cb) { els.mappingExport.addEventListener('click', cb); },
    onMappingForget(cb) { els.mappingForget.addEventListener('click', cb); },
    onMappingChange(cb) {
      els.mapping.addEventListener('change', (e) => { if (e.target.matches('select[data-target]')) cb(); });
    },
    /** « Associer les colonnes moi-même » under a file taken for no Olinpe file. */
    onNotOlinpeOverride(cb) {
      els.notOlinpe.addEventListener('click', (e) => { if (e.target.closest('button[data-testid=not-olinpe-override]')) cb(); });
    },
    onFilter(cb) {
      for (const s of [els.filterSeverity, els.filterCode, els.filterVariable, els.filterSection]) s.addEventListener('change', cb);
    },
    /** A row of « À corriger en priorité » opened (its index). */
    onPriority(cb) {
      els.priorities.addEventListener('click', (e) => {
        const b = e.target.closest('button[data-priority]');
        if (b) cb(Number(b.dataset.priority));
      });
    },
    /** An ONPE audit section opened (its id). */
    onSection(cb) {
      els.audit.addEventListener('click', (e) => {
        const b = e.target.closest('button[data-section]');
        if (b) cb(b.dataset.section);
      });
    },
    onShowInfo(cb) { els.showInfo.addEventListener('click', () => cb(els.showInfo.getAttribute('aria-pressed') !== 'true')); },
    onClearFilters(cb) { els.clearFilters.addEventListener('click', cb); },
    /** The verdict's « Relancer avec les réglages recommandés ». */
    onRerun(cb) {
      els.summary.addEventListener('click', (e) => {
        if (e.target.closest('button[data-testid=rerun-recommended]')) cb();
      });
    },
    /** The explicit confirmation that offers a `bloquant` run's transmission files. */
    onConfirmTransmission(cb) {
      els.downloads.addEventListener('click', (e) => {
        if (e.target.closest('button[data-testid=confirm-transmission]')) cb();
      });
    },
    /** A finding's variable followed to its dictionary entry. */
    onVariableLink(cb) {
      els.findingsBody.addEventListener('click', (e) => {
        const b = e.target.closest('button[data-var]');
        if (b) cb(b.dataset.var);
      });
    },
    /**
     * Next or previous page, at the top or the bottom of the list. The focus stays on the
     * button used, or, once it is disabled (first or last page), on the table itself.
     */
    onPage(cb) {
      for (const [b, d] of [[els.pagePrev, -1], [els.pageNext, 1], [els.pagePrevTop, -1], [els.pageNextTop, 1]]) {
        b.addEventListener('click', () => {
          cb(d);
          if (b.disabled) els.findingsTable.focus();
        });
      }
    },
    onKeyShow() {
      els.keyShow.addEventListener('change', () => {
        els.key.classList.toggle('olp-masked', !els.keyShow.checked);
      });
      // What is masked on screen is not copied, cut or dragged out in clear either.
      for (const type of ['copy', 'cut', 'dragstart']) {
        els.key.addEventListener(type, (e) => { if (els.key.classList.contains('olp-masked')) e.preventDefault(); });
      }
      // The key field is masked by CSS (docs/spec/OLINPE.md §0.1); say so where the browser cannot.
      const masked = globalThis.CSS && CSS.supports && (CSS.supports('-webkit-text-security', 'disc') || CSS.supports('text-security', 'disc'));
      if (!masked) {
        document.getElementById('key-hint').append(KEY_NOT_MASKED);
        els.keyShow.closest('.fr-checkbox-group').hidden = true;
      }
    },

    // --- modes -------------------------------------------------------------------------
    setMode(mode, maxBytes) {
      for (const b of els.modes.querySelectorAll('button[data-mode]')) {
        b.setAttribute('aria-pressed', String(b.dataset.mode === mode));
      }
      const runMode = ['check', 'pseudonymise', 'rehash'].includes(mode);
      els.panelRun.hidden = !runMode;
      els.panelTraining.hidden = mode !== 'training';
      els.panelDictionary.hidden = mode !== 'dictionary';
      if (!runMode) { els.results.hidden = true; return; }
      const text = MODE_TEXT[mode];
      els.modeTitle.textContent = text.title;
      els.modeHelp.textContent = text.help;
      els.sizeLimit.textContent = formatBytes(maxBytes);
      els.run.textContent = text.runLabel;
      els.keyBlock.hidden = mode === 'check';
      els.optWithDay.hidden = mode !== 'pseudonymise';
      els.optUppercase.hidden = mode !== 'pseudonymise';
      els.optExportDate.hidden = mode !== 'pseudonymise';
      // Last year's file: the identifier probe (pseudonymise) and the continuity check
      // (check and pseudonymise).
      els.optPrevious.hidden = mode === 'rehash';
      const hint = els.optPrevious.querySelector('.fr-hint-text');
      if (hint && PREVIOUS_HINT[mode]) hint.textContent = PREVIOUS_HINT[mode];
      els.optYear.hidden = mode === 'rehash';
      els.optRepair.hidden = mode === 'rehash';
      els.optCorrections.hidden = mode !== 'pseudonymise';
    },

    setVersion(v) { els.version.textContent = v; },

    /** The engine's size limit of a workbook (read whole), under the file input. */
    setWorkbookLimit(bytes) { if (bytes) els.workbookLimit.textContent = formatBytes(bytes); },

    setExportDateDefault(iso) { if (!els.exportDate.value) els.exportDate.value = iso; },

    /**
     * One key source at a time, the one the person sees: typing a key forgets a key file
     * chosen before, choosing a key file empties the typed key.
     */
    onKeySource() {
      els.key.addEventListener('input', () => {
        els.keyCleared.hidden = true;
        if (els.key.value !== '') els.keyFile.value = '';
      });
      els.keyFile.addEventListener('change', () => {
        els.keyCleared.hidden = true;
        if (els.keyFile.files.length) els.key.value = '';
      });
    },

    /** After a run: the key leaves the page (typed or chosen), and the page says so. */
    clearKey() {
      if (els.key.value === '' && els.keyFile.files.length === 0) return;
      els.key.value = '';
      els.keyFile.value = '';
      els.keyCleared.textContent = KEY_CLEARED;
      els.keyCleared.hidden = false;
    },

    /** A key is typed or its file chosen. */
    hasKey() { return els.key.value !== '' || els.keyFile.files.length > 0; },

    /** The recommended settings are set; the key, emptied after the run, is asked again. */
    askKeyAgain() {
      els.keyCleared.textContent = KEY_AGAIN;
      els.keyCleared.hidden = false;
      els.key.focus();
    },

    /** Forgets the chosen file in its input, so that choosing the same file again is seen. */
    resetFileInput() { els.file.value = ''; },

    /**
     * The chosen file is no Olinpe file (`r`: www/mapping.js `notOlinpe`), or null: said at
     * once under the file, before any run (`data-testid=not-olinpe`, `data-reason`).
     */
    notOlinpe(r) {
      if (!r) {
        els.notOlinpe.hidden = true;
        els.notOlinpe.replaceChildren();
        delete els.notOlinpe.dataset.reason;
        return;
      }
      const T = NOT_OLINPE_TEXT;
      els.notOlinpe.dataset.reason = r.reason;
      els.notOlinpe.replaceChildren(
        h('p', { class: 'fr-alert__title' }, T.title),
        h('p', {}, T[r.reason](r)),
        r.reason === 'few-columns' ? h('p', { class: 'olp-actions' }, h('button', { type: 'button', class: 'fr-btn fr-btn--secondary fr-btn--sm', 'data-testid': 'not-olinpe-override' }, T.override)) : null);
      els.notOlinpe.hidden = false;
    },

    /** The progress line of an earlier run goes (another file was chosen). */
    clearProgress() {
      els.progressBlock.hidden = true;
      els.progress.value = 0;
      els.progress.dataset.value = '0';
      els.progressText.textContent = '';
    },

    /** The chosen file's name and size (null: none). */
    fileInfo(file) { els.fileInfo.textContent = file ? `${file.name} — ${formatBytes(file.size)}` : ''; },

    /** The worksheets of a workbook of several, `chosen` selected. */
    showSheets(sheets, chosen) {
      els.sheet.replaceChildren(...sheets.map((name) => h('option', { value: name, selected: name === chosen }, name)));
      els.sheet.value = chosen;
      els.sheetGroup.hidden = false;
    },
    hideSheets() {
      els.sheetGroup.hidden = true;
      els.sheet.replaceChildren();
    },

    /** What the person chose; the key is read here and handed over, never stored. */
    readOptions() {
      const year = els.year.value.trim();
      return {
        withDay: els.withDay.checked,
        uppercase: els.uppercase.checked,
        repair: els.repair.checked,
        corrections: els.corrections.checked,
        // A typo (`2O19`) leaves a number field's value empty: refused, never the default.
        year: els.year.validity.badInput ? NaN : (year === '' ? null : Number(year)),
        exportDate: els.exportDate.value || null,
        key: els.key.value,
        keyFile: els.keyFile.files[0] || null,
        previousFile: els.previous.files[0] || null,
      };
    },

    /** Last year's file, its key or this year's key file changed (the probe is asked again). */
    onProbeInputs(cb) {
      els.previous.addEventListener('change', cb);
      els.key.addEventListener('change', cb);
      els.keyFile.addEventListener('change', cb);
    },

    /**
     * What the probe of last year's file says, under its input (`previous-probe`,
     * `data-state`): `{state: 'no-previous'|'no-file'|'no-key'|'running'|'set'|'unsure'|
     * 'failed', …}`, or null (another mode).
     */
    showProbe(p) {
      const box = document.getElementById('previous-probe');
      if (!p) { box.hidden = true; box.textContent = ''; delete box.dataset.state; return; }
      box.dataset.state = p.state;
      box.textContent = p.state === 'set' ? PROBE_TEXT.set(PREVIOUS_TEXT.variant(p.variant), p.rate)
        : p.state === 'unsure' ? PROBE_TEXT.unsure(p.warning || '')
          : p.state === 'failed' ? PROBE_TEXT.failed(p.error || {})
            : PROBE_TEXT[p.state];
      box.hidden = false;
    },

    /** Sets the identifier settings (« Relancer avec les réglages recommandés »). */
    setSettings({ withDay, uppercase }) {
      els.withDay.checked = Boolean(withDay);
      els.uppercase.checked = Boolean(uppercase);
    },

    setRunEnabled(on) { els.run.disabled = !on; },

    /** Why pseudonymise refuses the file (before the run), or nothing. */
    refusal(text) {
      els.refusal.textContent = text || '';
      els.refusal.hidden = !text;
    },

    setRunning(running) {
      els.cancel.hidden = !running;
      els.run.disabled = running;
      for (const b of els.modes.querySelectorAll('button')) b.disabled = running;
      els.file.disabled = running;
      if (running) {
        els.progressBlock.hidden = false;
        els.cancel.focus();
      }
    },

    progress(percent, text) {
      const p = Math.max(0, Math.min(100, Math.floor(percent)));
      els.progress.value = p;
      els.progress.dataset.value = String(p);
      els.progressText.textContent = text;
    },

    status(text) { els.status.textContent = text; },

    error(text) {
      els.error.textContent = text || '';
      els.error.hidden = !text;
    },

    // --- mapping step --------------------------------------------------------------------
    /**
     * `rows`: [{target, label, options: [header…], selected: header|''}]; `unknown`: how
     * many headers are no official name.
     */
    showMapping({ rows, unknown }) {
      const T = MAPPING_TEXT;
      const required = rows.filter((r) => r.group === 'required').length;
      els.mappingIntro.textContent = T.intro(unknown, { required });
      // The drop-downs as wide as the longest header they offer (within the page).
      const longest = Math.max(12, ...rows.flatMap((r) => r.options.map((o) => o.length)));
      const width = `${Math.min(48, longest + 6)}ch`;
      const line = (r) => {
        const id = `map-${r.target}`;
        const tagId = `${id}-tag`;
        const tag = r.group === 'required' ? T.tag.required : (r.how === 'name' ? T.tag.name : (r.how === 'remembered' ? T.tag.remembered : null));
        const select = h('select', { class: 'fr-select olp-map-select', id, 'data-target': r.target, autocomplete: 'off', 'aria-describedby': tag ? tagId : null });
        select.style.minWidth = `min(100%, ${width})`;
        select.append(h('option', { value: '' }, T.absent));
        for (const o of r.options) {
          const opt = h('option', { value: o }, o === '' ? T.emptyHeader : o);
          if (o === r.selected) opt.selected = true;
          select.append(opt);
        }
        return h('tr', { 'data-group': r.group },
          h('th', { scope: 'row' }, h('label', { for: id }, h('code', {}, r.target), ` ${r.label}`),
            tag ? h('span', { class: `olp-map-tag olp-map-tag--${r.group}`, id: tagId }, tag) : null),
          h('td', {}, select));
      };
      els.mappingBody.replaceChildren(...rows.filter((r) => r.group !== 'other').map(line));
      els.mappingTable.hidden = els.mappingBody.children.length === 0;
      const others = rows.filter((r) => r.group === 'other');
      const old = document.getElementById('mapping-others');
      if (old) old.remove();
      if (others.length) {
        const details = h('details', { class: 'olp-details', id: 'mapping-others' },
          h('summary', {}, T.others(others.length)),
          h('div', { class: 'fr-table olp-table-wrap olp-mapping-wrap' }, h('table', { class: 'olp-mapping-table' },
            h('caption', { class: 'olp-sr-only' }, T.others(others.length)),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Variable attendue'), h('th', { scope: 'col' }, 'Colonne du fichier'))),
            h('tbody', {}, others.map(line)))));
        els.mappingTable.closest('.fr-table').after(details);
      }
      els.mapping.hidden = false;
    },
    hideMapping() {
      els.mapping.hidden = true;
      els.mappingBody.replaceChildren();
      const others = document.getElementById('mapping-others');
      if (others) others.remove();
    },
    mappingVisible() { return !els.mapping.hidden; },
    readMapping() {
      const out = {};
      // Every row, « absente du fichier » included (''): for a header the engine would read
      // by its name, that choice is said in the run's mapping (`CODE=`, mapping.js mapText).
      for (const s of els.mapping.querySelectorAll('select[data-target]')) out[s.dataset.target] = s.value;
      return out;
    },
    /** The file's headers that nothing uses. */
    setMappingUnused(headers) { els.mappingUnused.textContent = MAPPING_TEXT.unused(headers); },
    resetMapFileInput() { els.mapFile.value = ''; },

    // --- results -----------------------------------------------------------------------
    clearResults() {
      els.results.hidden = true;
      view.clearContinuity();
      els.summary.replaceChildren();
      els.priorities.querySelector('thead').replaceChildren();
      els.priorities.querySelector('tbody').replaceChildren();
      const more = document.getElementById('priorities-more');
      if (more) more.remove();
      els.downloads.replaceChildren();
      els.audit.replaceChildren();
      els.fill.replaceChildren();
      document.getElementById('fill-note').textContent = '';
      els.findingsBody.replaceChildren();
      els.explanations.replaceChildren();
    },

    /**
     * The summary: the verdict first (`data-testid=verdict`, `data-level`), its reasons with
     * what to do (notes apart, as reassurance), « Relancer avec les réglages recommandés »
     * when `rerun`, then the numbers. `chosen`: the identifier settings the run used.
     */
    showSummary(d, mode, { verdict = null, chosen = {}, rerun = false } = {}) {
      const context = { ...chosen, hasNumdo: Boolean(d.hasNumdo), mode };
      const s = els.summary;
      s.dataset.rows = String(d.rows);
      s.dataset.youngPeople = String(d.youngPeople);
      s.dataset.errors = String(d.errors);
      s.dataset.warnings = String(d.warnings);
      s.dataset.exitStatus = String(d.exitStatus);
      // Not a documented hook: how many workers read the file (1, or 2 for a big check).
      s.dataset.workers = String(d.workers || 1);
      if (d.splitMs) s.dataset.splitMs = d.splitMs.join(' ');
      if (d.splitSegments) s.dataset.splitSegments = d.splitSegments.join(' ');
      const t = REPORT_TEXT.stats;
      const stats = h('ul', { class: 'olp-stats' },
        h('li', {}, h('strong', {}, formatInt(d.rows)), t.rows(d.rows)),
        mode !== 'check' ? h('li', {}, h('strong', {}, formatInt(d.rowsWritten)), t.written(d.rowsWritten)) : null,
        mode !== 'check' ? h('li', {}, h('strong', {}, formatInt(d.rowsRejected)), t.rejected(d.rowsRejected)) : null,
        mode === 'rehash' ? h('li', {}, h('strong', {}, formatInt(d.malformedIds)), t.malformed(d.malformedIds)) : null,
        mode !== 'rehash' ? h('li', {}, h('strong', {}, formatInt(d.youngPeople)), t.youngPeople(d.youngPeople)) : null,
        h('li', {}, h('strong', {}, formatInt(d.errors)), t.errors(d.errors)),
        h('li', {}, h('strong', {}, formatInt(d.warnings)), t.warnings(d.warnings)),
        h('li', {}, h('strong', {}, formatInt(d.infos)), t.infos(d.infos)));
      const extra = [];
      const r = d.report || {};
      if (r.reference_year) extra.push(h('p', {}, REPORT_TEXT.referenceYear(r.reference_year)));
      // The population as the ONPE's audit report gives it (the CLI's text says the same).
      if (mode !== 'rehash' && (Array.isArray(r.decisions_by_year) || r.minors !== undefined)) {
        const P = REPORT_TEXT.population;
        const years = r.decisions_by_year || [];
        const unknown = Math.max(0, (r.young_people || 0) - (r.minors || 0) - (r.young_adults || 0));
        extra.push(h('ul', { class: 'olp-population', 'data-testid': 'population', 'data-minors': r.minors || 0, 'data-young-adults': r.young_adults || 0 },
          years.length ? h('li', { 'data-decisions-by-year': '' }, P.years(years)) : null,
          h('li', {}, P.ages(r.minors || 0, r.young_adults || 0, unknown))));
      }
      if (r.input) extra.push(h('p', { class: 'olp-help' }, REPORT_TEXT.input(r.input, d.ms)));
      s.replaceChildren(view.verdictBanner(verdict, mode, context, rerun), stats, ...extra);
    },

    /** The verdict's banner (`data-testid=verdict`, `data-level`). */
    verdictBanner(verdict, mode, chosen, rerun) {
      const v = verdict || { level: 'transmissible', reasons: [] };
      const T = VERDICT_TEXT;
      const cls = { transmissible: 'success', a_verifier: 'warning', bloquant: 'error' }[v.level] || 'info';
      const title = (mode === 'rehash' ? T.titleRehash : T.title)[v.level] || v.level;
      const reasons = (v.reasons || []).filter((x) => x.level !== 'transmissible');
      const notes = (v.reasons || []).filter((x) => x.level === 'transmissible');
      const item = (x) => {
        const action = T.action(x, chosen);
        return h('li', { 'data-reason': x.code },
          h('span', {}, pageMessage(x.message)),
          action ? h('span', { class: 'olp-reason-action' }, ` ${action}`) : null);
      };
      return h('div', { class: `fr-alert fr-alert--${cls} olp-verdict`, 'data-testid': 'verdict', 'data-level': v.level },
        h('p', { class: 'fr-alert__title' }, title),
        mode === 'rehash' ? null : h('p', {}, T.lead[v.level] || ''),
        reasons.length ? h('ul', { class: 'olp-reasons' }, reasons.map(item)) : null,
        rerun ? h('p', { class: 'olp-actions olp-noprint' }, h('button', { type: 'button', class: 'fr-btn fr-btn--sm', 'data-testid': 'rerun-recommended' }, T.rerun)) : null,
        notes.length ? h('div', { class: 'olp-notes' }, h('p', { class: 'olp-notes-title' }, T.notes), h('ul', { class: 'olp-reasons' }, notes.map(item))) : null);
    },

    /**
     * « À corriger en priorité »: one row per code and variable, each opening the findings
     * list filtered to it (its index in `rows`).
     */
    showPriorities(rows) {
      const T = PRIORITIES_TEXT;
      const SHOWN = 12;
      els.prioritiesIntro.textContent = rows.length ? T.intro : T.none;
      els.prioritiesWrap.hidden = rows.length === 0;
      els.prioritiesCaption.textContent = T.caption;
      els.priorities.querySelector('thead').replaceChildren(h('tr', {}, T.columns.map((c) => h('th', { scope: 'col' }, c)), h('th', { scope: 'col' }, h('span', { class: 'olp-sr-only' }, T.openShort))));
      const body = rows.map((p, i) => h('tr', { class: `olp-sev-${p.severity}` },
        h('td', {}, h('span', { class: `fr-badge fr-badge--sm fr-badge--${BADGE[p.severity] || 'info'}` }, SEVERITY[p.severity] || p.severity)),
        h('th', { scope: 'row' }, p.title, h('span', { class: 'olp-code' }, ` ${p.code}`)),
        h('td', {}, p.variables && p.variables.length ? p.variables.join(', ') : FINDINGS_TEXT.none),
        h('td', {}, p.section || FINDINGS_TEXT.none),
        h('td', {}, p.file_level ? T.fileLevel : formatInt(p.records)),
        h('td', {}, p.file_level ? FINDINGS_TEXT.none : formatInt(p.young_people)),
        h('td', {}, formatInt(p.findings)),
        h('td', {}, h('button', { type: 'button', class: 'fr-btn fr-btn--tertiary-no-outline fr-btn--sm olp-noprint', 'data-priority': i, 'aria-label': T.open(p.title) }, T.openShort))));
      // The first rows at once; the others a click away (a long table would push the
      // downloads far down).
      body.slice(SHOWN).forEach((tr) => { tr.hidden = true; tr.classList.add('olp-more'); });
      els.priorities.querySelector('tbody').replaceChildren(...body);
      const old = document.getElementById('priorities-more');
      if (old) old.remove();
      if (rows.length > SHOWN) {
        const more = h('button', { type: 'button', class: 'fr-btn fr-btn--tertiary fr-btn--sm olp-noprint', id: 'priorities-more', 'data-testid': 'priorities-more', 'aria-expanded': 'false', 'aria-controls': 'priorities' }, T.more(rows.length - SHOWN));
        more.addEventListener('click', () => {
          const open = more.getAttribute('aria-expanded') !== 'true';
          for (const tr of els.priorities.querySelectorAll('tr.olp-more')) tr.hidden = !open;
          more.setAttribute('aria-expanded', String(open));
          more.textContent = open ? T.less : T.more(rows.length - SHOWN);
        });
        els.prioritiesWrap.after(more);
      }
    },

    /** Moves the focus to the findings list (a priority or a section was opened). */
    focusFindings() {
      els.findingsTable.scrollIntoView({ block: 'start' });
      els.findingsTable.focus();
    },

    /**
     * What only paper shows: the heading (file, mode, date and time of printing, version)
     * and the findings summarised by code (`rows`: `{code, title, severity, section,
     * count}`), instead of the table's current page.
     */
    showPrintParts({ file, mode, version, rows }) {
      const now = new Date();
      const when = `${now.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' })} à ${now.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' })}`;
      const build = document.querySelector('[data-testid=build-info]');
      document.getElementById('print-head').replaceChildren(
        h('p', { class: 'olp-print-title' }, PRINT_TEXT.head(file, mode, when)),
        h('p', { class: 'olp-help' }, PRINT_TEXT.version(version, build ? build.textContent.trim() : '')));
      const total = rows.reduce((a, r) => a + r.count, 0);
      document.getElementById('print-findings').replaceChildren(h('table', { class: 'olp-print-table' },
        h('caption', {}, PRINT_TEXT.caption(rows.length, total)),
        h('thead', {}, h('tr', {}, PRINT_TEXT.columns.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows.map((r) => h('tr', { 'data-code': r.code },
          h('td', {}, SEVERITY[r.severity] || r.severity),
          h('td', {}, h('code', {}, r.code)),
          h('th', { scope: 'row' }, r.title),
          h('td', {}, r.section || FINDINGS_TEXT.none),
          h('td', {}, formatInt(r.count)))))));
    },

    /** Opens every folded section of the report (printing), or restores them. */
    openDetails(open) {
      for (const d of els.results.querySelectorAll('details')) {
        if (open) {
          d.dataset.wasOpen = String(d.open);
          d.open = true;
        } else if (d.dataset.wasOpen !== undefined) {
          d.open = d.dataset.wasOpen === 'true';
          delete d.dataset.wasOpen;
        }
      }
    },

    /**
     * The previous-year variant analysis: every variant's match rate, and whether the
     * options chosen are the ones that reproduce last year's identifiers.
     */
    showPrevious(prev, chosen) {
      const block = document.getElementById('previous-block');
      const box = document.getElementById('previous');
      if (!prev) { block.hidden = true; box.replaceChildren(); return; }
      const t = PREVIOUS_TEXT;
      const parts = [h('p', {}, t.counts(prev.identities, prev.previous_ids))];
      const rec = prev.recommended;
      if (rec && rec.with_day === chosen.withDay && rec.uppercase === chosen.uppercase) {
        parts.push(h('div', { class: 'fr-alert fr-alert--success fr-alert--sm' }, h('p', {}, t.kept(t.variant(rec)))));
      } else if (rec) {
        const changes = [];
        if (rec.with_day !== chosen.withDay) changes.push(t.withDay(rec.with_day));
        if (rec.uppercase !== chosen.uppercase) changes.push(t.uppercase(rec.uppercase));
        parts.push(h('div', { class: 'fr-alert fr-alert--warning fr-alert--sm' }, h('p', {}, t.better(t.variant(rec), changes))));
      } else if (prev.warning) {
        parts.push(h('div', { class: 'fr-alert fr-alert--warning fr-alert--sm' }, h('p', {}, prev.warning)));
      }
      const rows = (prev.variants || []).map((v) => h('tr', {},
        h('td', {}, t.variant(v)),
        h('td', {}, formatPercent(v.rate)),
        h('td', {}, formatInt(v.matched))));
      parts.push(h('div', { class: 'fr-table olp-table-wrap' }, h('table', {},
        h('caption', {}, t.caption),
        h('thead', {}, h('tr', {}, t.columns.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows))));
      box.replaceChildren(...parts);
      block.hidden = false;
    },

    /** Shows the report; `focus: false` leaves moving the focus to `focusResults`. */
    showResults({ focus = true } = {}) {
      els.results.hidden = false;
      view.updateReportNav();
      if (focus) els.results.focus();
    },

    focusResults() {
      if (!els.results.hidden) els.results.focus();
    },

    /** Adds a download link (a real `<a download>` with a blob: URL); `into`: another list. */
    addDownload(testid, label, name, url, size, into = els.downloads) {
      const a = h('a', { class: 'fr-link fr-link--download', 'data-testid': testid, href: url, download: name },
        label, h('span', { class: 'fr-link__detail' }, REPORT_TEXT.downloadDetail(name, size)));
      into.append(h('li', {}, a));
      return a;
    },

    /**
     * What to check before sending, beside the downloads (an `a_verifier` run): the reasons'
     * messages.
     */
    downloadNotes(reasons) {
      if (!reasons.length) return;
      els.downloads.append(h('li', { class: 'olp-before-sending', 'data-testid': 'before-sending' },
        h('p', { class: 'olp-notes-title' }, VERDICT_TEXT.beforeSending),
        h('ul', {}, reasons.map((r) => h('li', {}, pageMessage(r.message))))));
    },

    /**
     * A `bloquant` run's transmission files: a list hidden behind an explicit confirmation
     * (`data-testid=confirm-transmission`). Returns the list to add them to.
     */
    gatedDownloads() {
      const list = h('ul', { class: 'olp-downloads', id: 'gated-downloads', hidden: true });
      els.downloads.append(h('li', { class: 'olp-gate', id: 'transmission-gate' },
        h('p', { id: 'transmission-gate-text' }, VERDICT_TEXT.gated),
        h('button', { type: 'button', class: 'fr-btn fr-btn--secondary fr-btn--sm', 'data-testid': 'confirm-transmission', 'aria-describedby': 'transmission-gate-text' }, VERDICT_TEXT.confirm),
        list));
      return list;
    },

    /** The confirmation given: the transmission files are shown. */
    revealTransmission() {
      const list = document.getElementById('gated-downloads');
      const gate = document.getElementById('transmission-gate');
      if (!list || !gate) return;
      list.hidden = false;
      gate.querySelector('button[data-testid=confirm-transmission]').remove();
      gate.querySelector('p').textContent = VERDICT_TEXT.confirmed;
      const first = list.querySelector('a');
      if (first) first.focus();
    },

    /** To whom the transmission files go (the DREES, then the ONPE; the ODPE's file). */
    downloadRecipients() {
      els.downloads.append(h('li', { class: 'olp-recipients', 'data-testid': 'recipients' }, h('p', { class: 'olp-help' }, RECIPIENTS)));
    },

    /** A button that produces a download when its output is ready (findings CSV pass). */
    addDownloadButton(testid, label, detail, onClick) {
      const b = h('button', { type: 'button', class: 'fr-btn fr-btn--secondary fr-btn--sm', 'data-testid': testid }, label);
      b.addEventListener('click', () => onClick());
      els.downloads.append(h('li', {}, b, h('span', { class: 'olp-help' }, ` ${detail}`)));
      return b;
    },

    /** A download button is busy (its file being made) or not. */
    setDownloadBusy(testid, busy) {
      const b = els.downloads.querySelector(`button[data-testid="${testid}"]`);
      if (b) b.disabled = busy;
    },

    /** Triggers a download of `url` as `name` (a transient `<a download>`). */
    triggerDownload(url, name) {
      const a = h('a', { href: url, download: name, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
    },

    /** The ONPE audit sections; `linked`: the sections whose findings can be opened. */
    showAudit(audit, linked = new Set()) {
      const groups = { red: [], orange: [], green: [] };
      for (const a of audit || []) (groups[a.status] || groups.green).push(a);
      const parts = [];
      for (const status of ['red', 'orange', 'green']) {
        const items = groups[status];
        const list = h('ul', { class: `olp-audit-list olp-audit--${status}` },
          items.map((a) => h('li', {},
            h('span', { class: `olp-audit-dot olp-audit-dot--${status}`, 'aria-hidden': 'true' }),
            h('strong', {}, a.section), ` ${a.title}`,
            status === 'green' ? null : (a.analysis_impossible ? ` — ${AUDIT_TEXT.impossible}` : ` — ${AUDIT_TEXT.count(a.count, a.unit)}`),
            a.variables && a.variables.length && status !== 'green' ? h('span', { class: 'olp-help' }, ` (${a.variables.join(', ')})`) : null,
            // As the command line's text: ONPE's own count where it differs from ours (not zero).
            a.onpe_count !== undefined && a.count > 0 ? h('span', { class: 'olp-help', 'data-onpe-count': a.onpe_count }, AUDIT_TEXT.onpeCount(a.onpe_count, a.count, a.unit)) : null,
            a.analysis_impossible && a.note ? h('p', { class: 'olp-audit-note', 'data-analysis-impossible': '' }, a.note) : null,
            linked.has(a.section) ? h('button', { type: 'button', class: 'fr-btn fr-btn--tertiary-no-outline fr-btn--sm olp-noprint', 'data-section': a.section }, AUDIT_TEXT.open(a.section)) : null)));
        const title = AUDIT_TEXT.group(AUDIT_TEXT.status[status], items.length);
        if (status === 'green') {
          parts.push(h('details', { class: 'olp-audit-group' }, h('summary', {}, title), list));
        } else {
          parts.push(h('div', { class: 'olp-audit-group' }, h('h4', { class: `olp-h4 olp-audit-title--${status}` }, title), items.length ? list : h('p', { class: 'olp-help' }, AUDIT_TEXT.none)));
        }
      }
      els.audit.replaceChildren(...parts);
    },

    /**
     * Fill / "ne sait pas" rate per variable, as CSS bars in a table (readable as text):
     * the variables to look at first — absent, always empty, always « ne sait pas » (flagged,
     * `data-flag`) —, then the least filled; a line above says how many of each.
     */
    showFill(variables, rows, labels) {
      const RANK = { absent: 0, empty: 1, nsp: 2 };
      const items = (variables || []).map((v, i) => {
        const informative = rows ? v.informative / rows : 0;
        const nsp = rows ? Math.max(0, v.filled - v.informative) / rows : 0;
        const flag = !v.present ? 'absent' : (v.filled === 0 ? 'empty' : (v.informative === 0 ? 'nsp' : null));
        return { v, i, informative, nsp, flag };
      });
      items.sort((a, b) => (a.flag ? RANK[a.flag] : 3) - (b.flag ? RANK[b.flag] : 3) || a.informative - b.informative || a.i - b.i);
      const counts = { absent: 0, empty: 0, nsp: 0 };
      for (const x of items) if (x.flag) counts[x.flag] += 1;
      const table = h('table', { class: 'olp-fill', 'data-testid': 'fill-table' });
      table.append(h('caption', { class: 'olp-sr-only' }, FILL_TEXT.caption));
      table.append(h('thead', {}, h('tr', {},
        FILL_TEXT.columns.map((c) => h('th', { scope: 'col' }, c)),
        h('th', { scope: 'col', class: 'olp-fill-barcol' }, h('span', { class: 'olp-sr-only' }, FILL_TEXT.chart)))));
      const body = h('tbody');
      for (const { v, informative, nsp, flag } of items) {
        const bar = h('div', { class: 'olp-bar', 'aria-hidden': 'true' },
          h('span', { class: 'olp-bar-inf' }), h('span', { class: 'olp-bar-nsp' }));
        bar.children[0].style.width = `${(informative * 100).toFixed(1)}%`;
        bar.children[1].style.width = `${(nsp * 100).toFixed(1)}%`;
        body.append(h('tr', { class: flag ? `olp-fill-flag olp-fill-flag--${flag}` : null, 'data-code': v.code, 'data-flag': flag },
          h('th', { scope: 'row', title: labels.get(v.code) || null }, h('code', {}, v.code)),
          h('td', {}, flag ? h('span', { class: 'olp-fill-tag' }, FILL_TEXT.flag[flag]) : ''),
          h('td', {}, v.present ? formatPercent(informative) : FILL_TEXT.absent),
          h('td', {}, v.present ? formatPercent(nsp) : FILL_TEXT.none),
          h('td', { class: 'olp-fill-barcol' }, bar)));
      }
      table.append(body);
      els.fill.replaceChildren(h('p', { class: 'olp-help', 'data-testid': 'fill-summary' }, FILL_TEXT.summary(counts)), table);
      // What to look at is said before the table is unfolded.
      const note = document.getElementById('fill-note');
      if (note) note.textContent = FILL_TEXT.summary(counts);
    },

    setFilterOptions(select, options, allLabel) {
      const prev = select.value;
      select.replaceChildren(h('option', { value: '' }, allLabel));
      for (const [value, label] of options) select.append(h('option', { value }, label));
      select.value = options.some(([v]) => v === prev) ? prev : '';
    },
    /** The filters' choices; codes are `[code, French title]` (the title shows). */
    setFilters({ severities, codes, variables, sections = [] }) {
      view.setFilterOptions(els.filterSeverity, severities.map((s) => [s, SEVERITY[s] || s]), FINDINGS_TEXT.allSeverities);
      view.setFilterOptions(els.filterCode, codes, FINDINGS_TEXT.allCodes);
      view.setFilterOptions(els.filterVariable, variables.map((v) => [v, v]), FINDINGS_TEXT.allVariables);
      view.setFilterOptions(els.filterSection, sections.map((x) => [x, x]), FINDINGS_TEXT.allSections);
    },
    readFilters() {
      return { severity: els.filterSeverity.value, code: els.filterCode.value, variable: els.filterVariable.value, section: els.filterSection.value };
    },
    /** Shows the filters the model chose (a priority or a section opened). */
    showFilters({ severity = '', code = '', variable = '', section = '' }) {
      const set = (sel, v) => { sel.value = [...sel.options].some((o) => o.value === v) ? v : ''; };
      set(els.filterSeverity, severity);
      set(els.filterCode, code);
      set(els.filterVariable, variable);
      set(els.filterSection, section);
    },
    /** The information toggle: `folded` information findings hidden, or shown. */
    setInfoToggle(folded, shown) {
      els.showInfo.hidden = !folded && !shown;
      els.showInfo.setAttribute('aria-pressed', String(Boolean(shown)));
      els.showInfo.textContent = shown ? FINDINGS_TEXT.hideInfo : FINDINGS_TEXT.showInfo(folded);
      els.clearFilters.textContent = FINDINGS_TEXT.clearFilters;
    },

    findingsNote({ total, shown, truncated }) { els.findingsNote.textContent = REPORT_TEXT.findingsNote(total, shown, truncated); },

    /**
     * Renders one page of findings (at most a page's worth of rows in the DOM), in the
     * findings CSV's columns and order, after « N° de dossier » (`findings-dossier`) when
     * the file has case numbers — on screen only. The French title leads, the code is
     * secondary; an engine message names the page's controls, not flags.
     */
    showFindingsPage(items, page, pages, matched, titles, known = new Set(), dossier = false) {
      // Column classes (olp-c-*): the print stylesheet sizes each column by them.
      const cols = FINDINGS_TEXT.columns.map((c, i) => h('th', { scope: 'col', class: `olp-c-${FINDING_COLUMNS[i]}` }, c));
      els.findingsHead.replaceChildren(h('tr', {},
        dossier ? h('th', { scope: 'col', class: 'olp-c-dossier', 'data-testid': 'findings-dossier' }, FINDINGS_TEXT.dossier) : null, cols));
      const rows = items.map((f) => h('tr', { class: `olp-sev-${f.severity}` },
        dossier ? h('td', { class: 'olp-dossier olp-c-dossier' }, f.dossier || FINDINGS_TEXT.none) : null,
        h('td', { class: 'olp-c-row' }, f.row === null ? FINDINGS_TEXT.fileRow : formatInt(f.row)),
        h('td', { class: 'olp-c-line' }, f.line === null ? FINDINGS_TEXT.none : formatInt(f.line)),
        h('td', { class: 'olp-c-sev' }, h('span', { class: `fr-badge fr-badge--sm fr-badge--${BADGE[f.severity] || 'info'}` }, SEVERITY[f.severity] || f.severity)),
        h('td', { class: 'olp-c-code' }, h('span', { class: 'olp-code' }, f.code)),
        h('td', { class: 'olp-c-title' }, titles.get(f.code) || f.code),
        h('td', { class: 'olp-c-var' }, known.has(f.variable)
          ? h('button', { type: 'button', class: 'olp-varlink', 'data-var': f.variable, title: FINDINGS_TEXT.variableLink(f.variable) }, f.variable)
          : (f.variable || FINDINGS_TEXT.none)),
        h('td', { class: 'olp-c-section' }, f.section || FINDINGS_TEXT.none),
        h('td', { class: 'olp-c-msg' }, pageMessage(f.message))));
      els.findingsBody.replaceChildren(...rows);
      els.findingsCaption.textContent = FINDINGS_TEXT.caption(matched);
      const info = pages ? FINDINGS_TEXT.page(page + 1, pages) : FINDINGS_TEXT.empty;
      els.pageInfo.textContent = info;
      els.pageInfoTop.textContent = info;
      for (const b of [els.pagePrev, els.pagePrevTop]) b.disabled = page <= 0;
      for (const b of [els.pageNext, els.pageNextTop]) b.disabled = page >= pages - 1;
    },

    // --- the continuity section ---------------------------------------------------------
    /** Empties and hides the continuity section. */
    clearContinuity() {
      els.continuity.replaceChildren();
      els.continuity.hidden = true;
      view.updateReportNav();
    },

    /** The report's menu offers the parts that are shown (« Continuité » when it is there). */
    updateReportNav() {
      for (const a of document.querySelectorAll('#report-nav a[data-nav]')) {
        const target = document.getElementById(a.dataset.nav);
        a.closest('li').hidden = !target || (target.hidden && a.dataset.nav !== 'contenu');
      }
    },

    /** The section's heading and introduction, then `parts`. */
    continuityFill(...parts) {
      const t = CONTINUITY_TEXT;
      els.continuity.replaceChildren(
        h('h3', { class: 'olp-h3', id: 'continuity-title' }, t.title),
        ...parts);
      els.continuity.hidden = false;
      view.updateReportNav();
    },

    /** The continuity check is running: its own progress bar. */
    showContinuityPending() {
      const t = CONTINUITY_TEXT;
      view.continuityFill(
        h('p', { class: 'olp-help' }, t.intro),
        h('div', { class: 'olp-progress' },
          h('progress', { id: 'continuity-progress', max: 100, value: 0, 'aria-label': t.running }),
          h('p', { class: 'olp-help', id: 'continuity-progress-text', role: 'status' }, t.running)));
    },

    continuityProgress(p) {
      const bar = document.getElementById('continuity-progress');
      const text = document.getElementById('continuity-progress-text');
      if (!bar || !p) return;
      bar.value = Math.max(0, Math.min(100, Math.floor(p.percent)));
      text.textContent = CONTINUITY_TEXT.progress(p);
    },

    /**
     * The continuity check's result (`v`: the model's `continuityView()`): its own verdict
     * at the top (`continuity-verdict`, `data-level`), the counts, the chart of the flagged
     * indicators, the findings, the JSON download (`download`: `{url, name, size}`).
     */
    showContinuity(v, download) {
      const t = CONTINUITY_TEXT;
      const alert = { transmissible: 'fr-alert--success', a_verifier: 'fr-alert--warning', bloquant: 'fr-alert--error' }[v.level] || 'fr-alert--info';
      const verdict = h('div', { class: `fr-alert fr-alert--sm ${alert}`, 'data-testid': 'continuity-verdict', 'data-level': v.level },
        h('p', { class: 'fr-alert__title' }, t.level(v.level)),
        v.reasons.length
          ? h('ul', {}, v.reasons.map((r) => h('li', { 'data-code': r.code }, r.message, r.action ? h('span', { class: 'olp-help' }, ` ${t.action(r.action)}`) : null)))
          : h('p', {}, t.noReason));
      const open = h('table', {},
        h('caption', {}, t.openCaption),
        h('tbody', {}, t.openRows.map(([key, label]) => h('tr', { 'data-count': key },
          h('th', { scope: 'row' }, label), h('td', {}, formatInt(v.open[key]))))));
      const flagged = v.flagged.length
        ? [
          h('h4', { class: 'olp-h4' }, t.chartTitle),
          indicatorChart(v.flagged),
          h('details', { class: 'olp-details' }, h('summary', {}, t.tableCaption),
            h('div', { class: 'fr-table olp-table-wrap' }, h('table', {},
              h('caption', { class: 'olp-sr-only' }, t.tableCaption),
              h('thead', {}, h('tr', {}, t.tableColumns.map((c) => h('th', { scope: 'col' }, c)))),
              h('tbody', {}, v.flagged.map((i) => h('tr', {},
                h('th', { scope: 'row' }, i.label),
                h('td', {}, t.value(i.previous, i.name.startsWith('rate:'))),
                h('td', {}, t.value(i.current, i.name.startsWith('rate:'))),
                h('td', {}, t.change(i))))))))]
        : [h('p', { class: 'olp-help' }, t.noFlag)];
      const shown = v.findings.slice(0, 50);
      const findings = v.findings.length
        ? h('details', { class: 'olp-details' },
          h('summary', {}, t.findingsTitle(shown.length, v.findingsTotal)),
          h('ul', { class: 'olp-continuity-findings' }, shown.map((f) => h('li', { 'data-code': f.code },
            h('span', { class: `fr-badge fr-badge--sm fr-badge--${f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'info'}` }, SEVERITY[f.severity] || f.severity),
            ' ', h('code', {}, f.code), ` (${t.findingPlace(f)}) : ${f.message}`))))
        : h('p', { class: 'olp-help' }, t.noFinding);
      const link = h('a', { class: 'fr-link fr-link--download', 'data-testid': 'download-continuity', href: download.url, download: download.name },
        t.download, h('span', { class: 'fr-link__detail' }, REPORT_TEXT.downloadDetail(download.name, download.size)));
      view.continuityFill(
        verdict,
        h('p', { class: 'olp-help' }, t.intro),
        h('p', {}, t.files(v.previous, v.current)),
        h('p', { 'data-testid': 'continuity-chaining' }, t.chaining(v.chaining, v.current.young_people)),
        h('div', { class: 'fr-table olp-table-wrap' }, open),
        h('p', {}, t.others(v)),
        ...flagged,
        findings,
        h('p', { class: 'olp-noprint-links' }, link),
        h('p', { class: 'olp-help' }, t.more));
    },

    /** The continuity check failed or was interrupted: says so (the run's report stays). */
    continuityNote(text, failed) {
      view.continuityFill(h('div', { class: `fr-alert fr-alert--sm ${failed ? 'fr-alert--error' : 'fr-alert--info'}`, role: failed ? 'alert' : null },
        h('p', {}, text)));
    },

    showExplanations(entries) {
      const parts = [];
      for (const e of entries) {
        parts.push(h('dt', {}, e.title, FINDINGS_TEXT.explanation(e.severity, e.count), h('span', { class: 'olp-code' }, ` ${e.code}`)));
        parts.push(h('dd', {}, e.explanation || ''));
      }
      els.explanations.replaceChildren(...parts);
    },
  };
  return view;
}
