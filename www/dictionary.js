// The dictionary panel: the 105 variables of décret 2016-1966 (and UTDP), grouped by the
// guide's blocks, searchable, each with its label, type, modalities, "ne sait pas" code,
// when to fill it, ages, event types, ONPE notes and the checks that concern it; then every
// finding code with its explanation. All of it comes from the engine (`dictionary()` of
// src/wasm.rs, built by src/training.rs from the engine's tables): nothing is written here
// twice. Built with DOM APIs and textContent only; its own words are in www/copy.js
// (DICTIONARY_TEXT). Each block prints as a one-page summary.

import { SEVERITY as SEVERITY_LABEL, DICTIONARY_TEXT as T } from './copy.js';

/** Creates an element with attributes and children (strings become text nodes). */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return node;
}

/** Lower case, accents folded: what the search compares. */
export function fold(text) {
  return String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Small words a search leaves out (« lieu de placement » is « lieu » and « placement »). */
const SMALL_WORDS = new Set(['d', 'de', 'des', 'du', 'l', 'la', 'le', 'les', 'et', 'a', 'au', 'aux', 'en']);

/**
 * The words of a search, in everyday words: accents and case folded, split on anything that
 * is not a letter or a digit, small words left out. An entry matches when it contains every
 * word, in any order (each as a part of a word: « placement » finds « placements »).
 */
export function searchWords(query) {
  return fold(query).split(/[^a-z0-9]+/).filter((w) => w !== '' && !SMALL_WORDS.has(w));
}

/** Whether a folded text holds every word of `words` (none: everything matches). */
export function matchesWords(text, words) {
  return words.every((w) => text.includes(w));
}

/** What an entry's search covers: code, label, definition (when to fill it), modalities, condition, notes. */
export function searchText(v) {
  return fold([v.code, v.label, v.when, ...v.modalities.map((m) => `${m.code} ${m.label}`), v.condition || '', v.notes || '', v.kind].join(' '));
}

/** "moins de 18 ans", "18 ans et plus", "tous âges". */
export function agesText(v) {
  return T.ages(v.minAge, v.maxAge);
}

/** The event types a variable belongs to, with TYPEV's own labels. */
export function typevText(v, typevLabels) {
  const parts = [];
  v.typev.forEach((on, i) => {
    if (on) parts.push(`${i + 1} (${typevLabels.get(String(i + 1)) || ''})`);
  });
  return parts.length ? parts.join(', ') : T.noTypev;
}

export function createDictionary({ onBack }) {
  const panel = document.getElementById('panel-dictionary');
  const search = document.getElementById('dictionary-search');
  const count = document.getElementById('dictionary-count');
  const toc = document.getElementById('dictionary-toc');
  const body = document.getElementById('dictionary-body');
  const findingsList = document.getElementById('dictionary-findings-list');
  const back = document.getElementById('dictionary-back');
  const backButton = document.getElementById('dictionary-back-button');

  let data = null;
  const entries = []; // { code, article, text, block }
  let blockSections = [];
  let findingEntries = []; // { text, dt, dd }: the finding codes, filtered by the search too

  function typevLabels() {
    const t = data.variables.find((v) => v.code === 'TYPEV');
    return new Map((t ? t.modalities : []).map((m) => [m.code, m.label]));
  }

  function modalitiesList(v) {
    if (!v.modalities.length) return null;
    const list = el('ul', { class: 'olp-dict-modalities' });
    for (const m of v.modalities) {
      list.append(el('li', {}, el('code', {}, m.code), ` ${m.label}`,
        m.code === v.nsp ? el('span', { class: 'olp-dict-tag' }, T.nsp) : null));
    }
    // NUMDEP has about a hundred codes: folded by default.
    if (v.modalities.length > 40) {
      return el('details', {}, el('summary', {}, T.allModalities(v.modalities.length)), list);
    }
    return list;
  }

  function row(term, ...value) {
    return [el('dt', {}, term), el('dd', {}, ...value)];
  }

  function checksList(v, findings) {
    if (!v.checks.length) return T.noChecks;
    return el('ul', { class: 'olp-dict-checks' }, v.checks.map((code) => {
      const f = findings.get(code) || {};
      return el('li', {},
        el('a', { href: `#constat-${code}`, class: 'olp-dict-code' }, code),
        ` — ${f.title || ''}`,
        f.severity ? el('span', { class: `olp-dict-sev olp-dict-sev--${f.severity}` }, ` (${SEVERITY_LABEL[f.severity] || f.severity})`) : null);
    }));
  }

  function article(v, findings, labels) {
    const headingId = `var-${v.code}-title`;
    const number = T.number(v.number);
    const f = T.fields;
    const dl = el('dl', { class: 'olp-dict-fields' },
      row(f.kind, v.kind),
      v.modalities.length ? row(f.modalities, modalitiesList(v)) : null,
      row(f.nsp, v.nsp ? el('code', {}, v.nsp) : f.noNsp),
      row(f.when, v.when || '—'),
      v.condition ? row(f.condition, el('code', {}, v.condition)) : null,
      row(f.ages, agesText(v)),
      row(f.typev, typevText(v, labels)),
      row(f.mandatory, v.mandatory ? f.mandatoryYes : f.mandatoryNo),
      v.notes ? row(f.notes, v.notes) : null,
      row(f.checks, checksList(v, findings)));
    // « Retour au rapport » on every entry (shown while the dictionary was opened from a
    // report: the panel's `data-from-report`), and « Haut de page ».
    const back = el('button', { type: 'button', class: 'fr-btn fr-btn--secondary fr-btn--sm olp-dict-back', 'data-back': '' }, T.back);
    const nav = el('p', { class: 'olp-dict-entry-nav olp-noprint' }, back,
      el('a', { class: 'fr-link olp-top-link', href: '#contenu' }, T.top));
    return el('article', { class: 'olp-dict-var', id: `var-${v.code}`, tabindex: '-1', 'aria-labelledby': headingId, 'data-code': v.code },
      el('h4', { class: 'olp-h4', id: headingId }, el('code', {}, v.code), ` — ${v.label} `, el('span', { class: 'olp-dict-num' }, `(${number})`)),
      dl, nav);
  }

  /** The one-page printed summary of a block: one line per variable. */
  function summaryTable(block, byCode, labels) {
    const table = el('table', { class: 'olp-dict-summary' },
      el('caption', {}, T.summaryCaption(block.id, block.title)),
      el('thead', {}, el('tr', {}, T.summaryColumns.map((c) => el('th', { scope: 'col' }, c)))));
    const tb = el('tbody');
    for (const code of block.variables) {
      const v = byCode.get(code);
      tb.append(el('tr', {},
        el('th', { scope: 'row' }, el('code', {}, code)),
        el('td', {}, v.label),
        // Long code lists stay on the full entry: the summary must hold on one page.
        el('td', {}, v.modalities.length && v.modalities.length <= 6
          ? v.modalities.map((m) => `${m.code} ${m.label}`).join(' ; ')
          : T.summaryModalities(v.kind, v.modalities.length)),
        el('td', {}, v.nsp || '—'),
        el('td', {}, v.typev.map((on, i) => (on ? String(i + 1) : null)).filter(Boolean).join(', ')),
        el('td', {}, agesText(v)),
        el('td', {}, v.when)));
    }
    table.append(tb);
    return table;
  }

  function printBlock(id) {
    document.body.dataset.printBlock = id;
    for (const s of blockSections) s.classList.toggle('olp-print-this', s.dataset.block === id);
    window.print();
  }

  window.addEventListener('afterprint', () => {
    delete document.body.dataset.printBlock;
    for (const s of blockSections) s.classList.remove('olp-print-this');
  });

  function render(d) {
    if (!d) return;
    data = d;
    entries.length = 0;
    const findings = new Map(d.findings.map((f) => [f.code, f]));
    const byCode = new Map(d.variables.map((v) => [v.code, v]));
    const labels = typevLabels();
    const tocList = el('ul', { class: 'olp-dict-toc' });
    const sections = [];
    for (const b of d.blocks) {
      const sid = `bloc-${b.id.replace(/\s+/g, '-')}`;
      tocList.append(el('li', { 'data-block': b.id }, el('a', { href: `#${sid}` }, `${b.id}. ${b.title}`)));
      const printBtn = el('button', { type: 'button', class: 'fr-btn fr-btn--tertiary fr-btn--sm olp-noprint', 'data-print-block': b.id },
        T.printBlock(b.id));
      printBtn.addEventListener('click', () => printBlock(b.id));
      const section = el('section', { class: 'olp-dict-block', id: sid, 'data-block': b.id, 'aria-labelledby': `${sid}-title` },
        el('h3', { class: 'olp-h3', id: `${sid}-title` }, T.block(b.id, b.title)),
        el('p', { class: 'olp-help' }, T.blockVariables(b.variables.length, b.variables)),
        printBtn,
        summaryTable(b, byCode, labels));
      for (const code of b.variables) {
        const v = byCode.get(code);
        const art = article(v, findings, labels);
        section.append(art);
        entries.push({ code: v.code, article: art, text: searchText(v), section });
      }
      sections.push(section);
    }
    blockSections = sections;
    toc.replaceChildren(tocList);
    body.replaceChildren(...sections);
    findingEntries = d.findings.map((f) => ({
      code: f.code,
      text: fold([f.code, f.title, ...f.variables].join(' ')),
      dt: el('dt', { id: `constat-${f.code}`, tabindex: '-1' }, el('code', {}, f.code), ` — ${f.title} (${SEVERITY_LABEL[f.severity] || f.severity})`),
      dd: el('dd', {}, f.explanation,
        f.variables.length && f.variables.length <= 12
          ? el('span', { class: 'olp-help' }, T.findingVariables, ...f.variables.flatMap((c, i) => [i ? ', ' : '', el('a', { href: `#var-${c}` }, c)]))
          : null,
        el('span', { class: 'olp-help' }, T.findingReference(f.spec, f.onpeSection))),
    }));
    findingsList.replaceChildren(...findingEntries.flatMap((f) => [f.dt, f.dd]));
    filter();
  }

  function filter() {
    if (!data) return;
    const words = searchWords(search.value);
    // One word that is a variable's code finds that variable (not every note citing it).
    const code = words.length === 1 ? entries.find((e) => fold(e.code) === words[0]) : null;
    let shown = 0;
    const visibleSections = new Set();
    for (const e of entries) {
      const on = code ? e === code : matchesWords(e.text, words);
      e.article.hidden = !on;
      if (on) { shown += 1; visibleSections.add(e.section); }
    }
    for (const s of blockSections) s.hidden = !visibleSections.has(s);
    // The blocks' menu offers the blocks the search kept.
    for (const li of toc.querySelectorAll('li[data-block]')) {
      li.hidden = !blockSections.some((s) => s.dataset.block === li.dataset.block && !s.hidden);
    }
    // A code or a title finds the finding codes; a variable's code finds those that concern it.
    // A finding code typed whole (`lieuplac-20`) finds that code only.
    const whole = fold(search.value.trim());
    const codeOnly = findingEntries.some((f) => f.code === whole);
    for (const f of findingEntries) {
      const on = codeOnly ? f.code === whole : matchesWords(f.text, words);
      f.dt.hidden = !on;
      f.dd.hidden = !on;
    }
    panel.dataset.shown = String(shown);
    count.textContent = words.length === 0
      ? T.countAll(entries.length)
      : T.countSearch(shown, entries.length, search.value.trim());
  }

  search.addEventListener('input', filter);
  function goBack() {
    back.hidden = true;
    delete panel.dataset.fromReport;
    onBack();
  }
  backButton.addEventListener('click', goBack);
  body.addEventListener('click', (e) => { if (e.target.closest('button[data-back]')) goBack(); });

  return {
    render,
    loaded: () => data !== null,
    /** The dictionary was opened from a report (« Retour au rapport » shown), or not. */
    setFromReport(on) {
      back.hidden = !on;
      if (on) panel.dataset.fromReport = '';
      else delete panel.dataset.fromReport;
    },
    /** Shows the entry of `code` (clearing the search) and moves the focus to it. */
    open(code, { fromReport = false } = {}) {
      this.setFromReport(fromReport);
      if (search.value) { search.value = ''; filter(); }
      const target = document.getElementById(`var-${code}`);
      if (!target) return false;
      target.scrollIntoView({ block: 'start' });
      target.focus();
      return true;
    },
  };
}
