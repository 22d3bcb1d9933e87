// The view: every DOM access of the working modes lives here (docs/spec/STYLE.md point 9);
// the dictionary and training panels draw their own parts (www/dictionary.js,
// www/training.js).
//
// Nodes are built with textContent only: file content (headers, messages quoting coded
// values) is never parsed as HTML. Long lists are paged; nothing here keeps state
// about the run besides what is displayed. The words come from www/copy.js.

import { formatBytes, formatInt, formatPercent } from './format.js';
import { SEVERITY, MODE_TEXT, MAPPING_TEXT, REPORT_TEXT, PREVIOUS_TEXT, AUDIT_TEXT, FILL_TEXT, FINDINGS_TEXT, KEY_NOT_MASKED } from './copy.js';

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

export function createView() {
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
    mappingUnused: $('mapping-unused'),
    mapFile: $('map-file-input'),
    mappingExport: $('mapping-export'),
    mappingForget: $('mapping-forget'),
    keyBlock: $('key-block'),
    key: $('key-input'),
    keyShow: $('key-show'),
    keyFile: $('key-file-input'),
    optWithDay: $('opt-with-day'),
    withDay: $('option-with-day'),
    optUppercase: $('opt-uppercase'),
    uppercase: $('option-uppercase'),
    optRepair: $('opt-repair'),
    repair: $('option-repair'),
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
    results: $('results'),
    summary: $('summary'),
    downloads: $('downloads'),
    audit: $('audit'),
    fill: $('fill-chart'),
    findingsNote: $('findings-note'),
    filterSeverity: $('filter-severity'),
    filterCode: $('filter-code'),
    filterVariable: $('filter-variable'),
    findingsBody: document.querySelector('#findings-table tbody'),
    findingsCaption: $('findings-caption'),
    pagePrev: $('page-prev'),
    pageNext: $('page-next'),
    pageInfo: $('page-info'),
    explanations: $('explanations'),
    print: $('print'),
    version: $('version'),
  };

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
    onMappingChange(cb) { els.mappingBody.addEventListener('change', cb); },
    onFilter(cb) {
      for (const s of [els.filterSeverity, els.filterCode, els.filterVariable]) s.addEventListener('change', cb);
    },
    /** A finding's variable followed to its dictionary entry. */
    onVariableLink(cb) {
      els.findingsBody.addEventListener('click', (e) => {
        const b = e.target.closest('button[data-var]');
        if (b) cb(b.dataset.var);
      });
    },
    onPage(cb) {
      els.pagePrev.addEventListener('click', () => cb(-1));
      els.pageNext.addEventListener('click', () => cb(1));
    },
    onKeyShow() {
      els.keyShow.addEventListener('change', () => {
        els.key.classList.toggle('olp-masked', !els.keyShow.checked);
      });
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
      els.optPrevious.hidden = mode !== 'pseudonymise';
      els.optYear.hidden = mode === 'rehash';
      els.optRepair.hidden = mode === 'rehash';
    },

    setVersion(v) { els.version.textContent = v; },

    /** The engine's size limit of a workbook (read whole), under the file input. */
    setWorkbookLimit(bytes) { if (bytes) els.workbookLimit.textContent = formatBytes(bytes); },

    setExportDateDefault(iso) { if (!els.exportDate.value) els.exportDate.value = iso; },

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
        year: year === '' ? null : Number(year),
        exportDate: els.exportDate.value || null,
        key: els.key.value,
        keyFile: els.keyFile.files[0] || null,
        previousFile: els.previous.files[0] || null,
      };
    },

    setRunEnabled(on) { els.run.disabled = !on; },

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
      els.mappingIntro.textContent = MAPPING_TEXT.intro(unknown);
      const body = els.mappingBody;
      body.replaceChildren();
      for (const r of rows) {
        const id = `map-${r.target}`;
        const select = h('select', { class: 'fr-select', id, 'data-target': r.target });
        select.append(h('option', { value: '' }, MAPPING_TEXT.absent));
        for (const o of r.options) {
          const opt = h('option', { value: o }, o === '' ? MAPPING_TEXT.emptyHeader : o);
          if (o === r.selected) opt.selected = true;
          select.append(opt);
        }
        body.append(h('tr', {},
          h('th', { scope: 'row' }, h('label', { for: id }, h('code', {}, r.target), ` ${r.label}`)),
          h('td', {}, select)));
      }
      els.mapping.hidden = false;
    },
    hideMapping() { els.mapping.hidden = true; els.mappingBody.replaceChildren(); },
    mappingVisible() { return !els.mapping.hidden; },
    readMapping() {
      const out = {};
      for (const s of els.mappingBody.querySelectorAll('select[data-target]')) {
        if (s.value !== '' || s.selectedIndex > 0) out[s.dataset.target] = s.value;
      }
      return out;
    },
    /** The file's headers that nothing uses. */
    setMappingUnused(headers) { els.mappingUnused.textContent = MAPPING_TEXT.unused(headers); },
    resetMapFileInput() { els.mapFile.value = ''; },

    // --- results -----------------------------------------------------------------------
    clearResults() {
      els.results.hidden = true;
      els.summary.replaceChildren();
      els.downloads.replaceChildren();
      els.audit.replaceChildren();
      els.fill.replaceChildren();
      els.findingsBody.replaceChildren();
      els.explanations.replaceChildren();
    },

    showSummary(d, mode) {
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
      const verdict = REPORT_TEXT.verdict(d.exitStatus, mode);
      const t = REPORT_TEXT.stats;
      const cls = d.exitStatus === 0 ? 'fr-alert fr-alert--success' : 'fr-alert fr-alert--error';
      const stats = h('ul', { class: 'olp-stats' },
        h('li', {}, h('strong', {}, formatInt(d.rows)), t.rows),
        mode !== 'check' ? h('li', {}, h('strong', {}, formatInt(d.rowsWritten)), t.written) : null,
        mode !== 'check' ? h('li', {}, h('strong', {}, formatInt(d.rowsRejected)), t.rejected) : null,
        mode === 'rehash' ? h('li', {}, h('strong', {}, formatInt(d.malformedIds)), t.malformed) : null,
        mode !== 'rehash' ? h('li', {}, h('strong', {}, formatInt(d.youngPeople)), t.youngPeople) : null,
        h('li', {}, h('strong', {}, formatInt(d.errors)), t.errors),
        h('li', {}, h('strong', {}, formatInt(d.warnings)), t.warnings),
        h('li', {}, h('strong', {}, formatInt(d.infos)), t.infos));
      const extra = [];
      const r = d.report || {};
      if (r.reference_year) extra.push(h('p', {}, REPORT_TEXT.referenceYear(r.reference_year)));
      if (r.input) extra.push(h('p', { class: 'olp-help' }, REPORT_TEXT.input(r.input, d.ms)));
      s.replaceChildren(h('div', { class: cls }, h('p', { class: 'fr-alert__title' }, verdict)), stats, ...extra);
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
      if (focus) els.results.focus();
    },

    focusResults() {
      if (!els.results.hidden) els.results.focus();
    },

    /** Adds a download link (a real `<a download>` with a blob: URL). */
    addDownload(testid, label, name, url, size) {
      const a = h('a', { class: 'fr-link fr-link--download', 'data-testid': testid, href: url, download: name },
        label, h('span', { class: 'fr-link__detail' }, REPORT_TEXT.downloadDetail(name, size)));
      els.downloads.append(h('li', {}, a));
      return a;
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

    showAudit(audit) {
      const groups = { red: [], orange: [], green: [] };
      for (const a of audit || []) (groups[a.status] || groups.green).push(a);
      const parts = [];
      for (const status of ['red', 'orange', 'green']) {
        const items = groups[status];
        const list = h('ul', { class: `olp-audit-list olp-audit--${status}` },
          items.map((a) => h('li', {},
            h('span', { class: `olp-audit-dot olp-audit-dot--${status}`, 'aria-hidden': 'true' }),
            h('strong', {}, a.section), ` ${a.title}`,
            status === 'green' ? null : ` — ${formatInt(a.count)} ${AUDIT_TEXT.unit[a.unit] || a.unit}`,
            a.variables && a.variables.length && status !== 'green' ? h('span', { class: 'olp-help' }, ` (${a.variables.join(', ')})`) : null,
            a.onpe_count !== undefined ? h('span', { class: 'olp-help' }, AUDIT_TEXT.onpeCount(a.onpe_count)) : null)));
        const title = AUDIT_TEXT.group(AUDIT_TEXT.status[status], items.length);
        if (status === 'green') {
          parts.push(h('details', { class: 'olp-audit-group' }, h('summary', {}, title), list));
        } else {
          parts.push(h('div', { class: 'olp-audit-group' }, h('h4', { class: `olp-h4 olp-audit-title--${status}` }, title), items.length ? list : h('p', { class: 'olp-help' }, AUDIT_TEXT.none)));
        }
      }
      els.audit.replaceChildren(...parts);
    },

    /** Fill / "ne sait pas" rate per variable, as CSS bars in a table (readable as text). */
    showFill(variables, rows, labels) {
      const table = h('table', { class: 'olp-fill' });
      table.append(h('caption', { class: 'olp-sr-only' }, FILL_TEXT.caption));
      table.append(h('thead', {}, h('tr', {},
        FILL_TEXT.columns.map((c) => h('th', { scope: 'col' }, c)),
        h('th', { scope: 'col', class: 'olp-fill-barcol' }, h('span', { class: 'olp-sr-only' }, FILL_TEXT.chart)))));
      const body = h('tbody');
      for (const v of variables || []) {
        const informative = rows ? v.informative / rows : 0;
        const nsp = rows ? Math.max(0, v.filled - v.informative) / rows : 0;
        const bar = h('div', { class: 'olp-bar', 'aria-hidden': 'true' },
          h('span', { class: 'olp-bar-inf' }), h('span', { class: 'olp-bar-nsp' }));
        bar.children[0].style.width = `${(informative * 100).toFixed(1)}%`;
        bar.children[1].style.width = `${(nsp * 100).toFixed(1)}%`;
        body.append(h('tr', { class: v.present ? null : 'olp-absent' },
          h('th', { scope: 'row', title: labels.get(v.code) || null }, h('code', {}, v.code)),
          h('td', {}, v.present ? formatPercent(informative) : FILL_TEXT.absent),
          h('td', {}, v.present ? formatPercent(nsp) : FILL_TEXT.none),
          h('td', { class: 'olp-fill-barcol' }, bar)));
      }
      table.append(body);
      els.fill.replaceChildren(table);
    },

    setFilterOptions(select, options, allLabel) {
      const prev = select.value;
      select.replaceChildren(h('option', { value: '' }, allLabel));
      for (const [value, label] of options) select.append(h('option', { value }, label));
      select.value = options.some(([v]) => v === prev) ? prev : '';
    },
    setFilters({ severities, codes, variables }) {
      view.setFilterOptions(els.filterSeverity, severities.map((s) => [s, SEVERITY[s] || s]), FINDINGS_TEXT.allSeverities);
      view.setFilterOptions(els.filterCode, codes.map((c) => [c, c]), FINDINGS_TEXT.allCodes);
      view.setFilterOptions(els.filterVariable, variables.map((v) => [v, v]), FINDINGS_TEXT.allVariables);
    },
    readFilters() {
      return { severity: els.filterSeverity.value, code: els.filterCode.value, variable: els.filterVariable.value };
    },

    findingsNote({ total, shown, truncated }) { els.findingsNote.textContent = REPORT_TEXT.findingsNote(total, shown, truncated); },

    /** Renders one page of findings (at most a page's worth of rows in the DOM). */
    showFindingsPage(items, page, pages, matched, titles, known = new Set()) {
      const rows = items.map((f) => h('tr', { class: `olp-sev-${f.severity}` },
        h('td', {}, f.row === null ? FINDINGS_TEXT.fileRow : formatInt(f.row)),
        h('td', {}, f.line === null ? FINDINGS_TEXT.none : formatInt(f.line)),
        h('td', {}, h('span', { class: `fr-badge fr-badge--sm fr-badge--${f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'info'}` }, SEVERITY[f.severity] || f.severity)),
        h('td', {}, h('code', { title: titles.get(f.code) || null }, f.code)),
        h('td', {}, known.has(f.variable)
          ? h('button', { type: 'button', class: 'olp-varlink', 'data-var': f.variable, title: FINDINGS_TEXT.variableLink(f.variable) }, f.variable)
          : (f.variable || FINDINGS_TEXT.none)),
        h('td', {}, f.message)));
      els.findingsBody.replaceChildren(...rows);
      els.findingsCaption.textContent = FINDINGS_TEXT.caption(matched);
      els.pageInfo.textContent = pages ? FINDINGS_TEXT.page(page + 1, pages) : FINDINGS_TEXT.empty;
      els.pagePrev.disabled = page <= 0;
      els.pageNext.disabled = page >= pages - 1;
    },

    showExplanations(entries) {
      const parts = [];
      for (const e of entries) {
        parts.push(h('dt', {}, h('code', {}, e.code), FINDINGS_TEXT.explanation(e.title, e.severity, e.count)));
        parts.push(h('dd', {}, e.explanation || ''));
      }
      els.explanations.replaceChildren(...parts);
    },
  };
  return view;
}
