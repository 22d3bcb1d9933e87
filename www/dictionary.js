// The dictionary panel: the 105 variables of décret 2016-1966 (and UTDP), grouped by the
// guide's blocks, searchable, each with its label, type, modalities, "ne sait pas" code,
// when to fill it, ages, event types, ONPE notes and the checks that concern it; then every
// finding code with its explanation. All of it comes from the engine (`dictionary()` of
// src/wasm.rs, built by src/training.rs from the engine's tables): nothing is written here
// twice. Built with DOM APIs and textContent only. Each block prints as a one-page summary.

const SEVERITY_LABEL = { error: 'Erreur', warning: 'Avertissement', info: 'Information' };

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

/** "moins de 18 ans", "18 ans et plus", "tous âges". */
export function agesText(v) {
  if (v.minAge !== null && v.minAge !== undefined && v.maxAge !== null && v.maxAge !== undefined) {
    return `de ${v.minAge} ans à moins de ${v.maxAge} ans`;
  }
  if (v.minAge !== null && v.minAge !== undefined) return `${v.minAge} ans et plus`;
  if (v.maxAge !== null && v.maxAge !== undefined) return `moins de ${v.maxAge} ans`;
  return 'tous âges';
}

/** The event types a variable belongs to, with TYPEV's own labels. */
export function typevText(v, typevLabels) {
  const parts = [];
  v.typev.forEach((on, i) => {
    if (on) parts.push(`${i + 1} (${typevLabels.get(String(i + 1)) || ''})`);
  });
  return parts.length ? parts.join(', ') : 'aucun';
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
        m.code === v.nsp ? el('span', { class: 'olp-dict-tag' }, ' (« ne sait pas »)') : null));
    }
    // NUMDEP has about a hundred codes: folded by default.
    if (v.modalities.length > 40) {
      return el('details', {}, el('summary', {}, `Afficher les ${v.modalities.length} modalités`), list);
    }
    return list;
  }

  function row(term, ...value) {
    return [el('dt', {}, term), el('dd', {}, ...value)];
  }

  function checksList(v, findings) {
    if (!v.checks.length) return 'aucun contrôle propre à cette variable';
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
    const number = v.number ? `n° ${v.number}` : 'ODPE seulement';
    const dl = el('dl', { class: 'olp-dict-fields' },
      row('Type', v.kind),
      v.modalities.length ? row('Modalités', modalitiesList(v)) : null,
      row('« Ne sait pas »', v.nsp ? el('code', {}, v.nsp) : 'pas de code « ne sait pas »'),
      row('Quand la renseigner', v.when || '—'),
      v.condition ? row('Condition', el('code', {}, v.condition)) : null,
      row('Âges concernés', agesText(v)),
      row('Types d’événement (TYPEV)', typevText(v, labels)),
      row('Obligatoire', v.mandatory ? 'oui, sur toute ligne' : 'non'),
      v.notes ? row('Notes de l’ONPE', v.notes) : null,
      row('Contrôles qui la concernent', checksList(v, findings)));
    return el('article', { class: 'olp-dict-var', id: `var-${v.code}`, tabindex: '-1', 'aria-labelledby': headingId, 'data-code': v.code },
      el('h4', { class: 'olp-h4', id: headingId }, el('code', {}, v.code), ` — ${v.label} `, el('span', { class: 'olp-dict-num' }, `(${number})`)),
      dl);
  }

  /** The one-page printed summary of a block: one line per variable. */
  function summaryTable(block, byCode, labels) {
    const table = el('table', { class: 'olp-dict-summary' },
      el('caption', {}, `Bloc ${block.id} — ${block.title} : fiche résumé`),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col' }, 'Variable'), el('th', { scope: 'col' }, 'Libellé'),
        el('th', { scope: 'col' }, 'Type'), el('th', { scope: 'col' }, 'NSP'),
        el('th', { scope: 'col' }, 'TYPEV'), el('th', { scope: 'col' }, 'Âges'),
        el('th', { scope: 'col' }, 'Quand'))));
    const tb = el('tbody');
    for (const code of block.variables) {
      const v = byCode.get(code);
      tb.append(el('tr', {},
        el('th', { scope: 'row' }, el('code', {}, code)),
        el('td', {}, v.label),
        // Long code lists stay on the full entry: the summary must hold on one page.
        el('td', {}, v.modalities.length && v.modalities.length <= 6
          ? v.modalities.map((m) => `${m.code} ${m.label}`).join(' ; ')
          : `${v.kind}${v.modalities.length ? ` (${v.modalities.length} modalités)` : ''}`),
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
      tocList.append(el('li', {}, el('a', { href: `#${sid}` }, `${b.id}. ${b.title}`)));
      const printBtn = el('button', { type: 'button', class: 'fr-btn fr-btn--tertiary fr-btn--sm olp-noprint', 'data-print-block': b.id },
        `Imprimer la fiche du bloc ${b.id}`);
      printBtn.addEventListener('click', () => printBlock(b.id));
      const section = el('section', { class: 'olp-dict-block', id: sid, 'data-block': b.id, 'aria-labelledby': `${sid}-title` },
        el('h3', { class: 'olp-h3', id: `${sid}-title` }, `Bloc ${b.id} — ${b.title}`),
        el('p', { class: 'olp-help' }, `${b.variables.length} variable(s) : ${b.variables.join(', ')}.`),
        printBtn,
        summaryTable(b, byCode, labels));
      for (const code of b.variables) {
        const v = byCode.get(code);
        const art = article(v, findings, labels);
        section.append(art);
        const text = fold([v.code, v.label, ...v.modalities.map((m) => `${m.code} ${m.label}`)].join(' '));
        entries.push({ code: v.code, article: art, text, section });
      }
      sections.push(section);
    }
    blockSections = sections;
    toc.replaceChildren(tocList);
    body.replaceChildren(...sections);
    findingEntries = d.findings.map((f) => ({
      text: fold([f.code, f.title, ...f.variables].join(' ')),
      dt: el('dt', { id: `constat-${f.code}`, tabindex: '-1' }, el('code', {}, f.code), ` — ${f.title} (${SEVERITY_LABEL[f.severity] || f.severity})`),
      dd: el('dd', {}, f.explanation,
        f.variables.length && f.variables.length <= 12
          ? el('span', { class: 'olp-help' }, ' Variables : ', ...f.variables.flatMap((c, i) => [i ? ', ' : '', el('a', { href: `#var-${c}` }, c)]))
          : null,
        el('span', { class: 'olp-help' }, ` Référence : ${f.spec}${f.onpeSection ? ` ; audit ONPE ${f.onpeSection}` : ''}.`)),
    }));
    findingsList.replaceChildren(...findingEntries.flatMap((f) => [f.dt, f.dd]));
    filter();
  }

  function filter() {
    if (!data) return;
    const q = fold(search.value.trim());
    let shown = 0;
    const visibleSections = new Set();
    for (const e of entries) {
      const on = q === '' || e.text.includes(q);
      e.article.hidden = !on;
      if (on) { shown += 1; visibleSections.add(e.section); }
    }
    for (const s of blockSections) s.hidden = !visibleSections.has(s);
    // A code or a title finds the finding codes; a variable's code finds those that concern it.
    for (const f of findingEntries) {
      const on = q === '' || f.text.includes(q);
      f.dt.hidden = !on;
      f.dd.hidden = !on;
    }
    panel.dataset.shown = String(shown);
    count.textContent = q === ''
      ? `${entries.length} variables (les 105 du décret et UTDP, propre au fichier de l’ODPE).`
      : `${shown} variable(s) sur ${entries.length} pour « ${search.value.trim()} ».`;
  }

  search.addEventListener('input', filter);
  backButton.addEventListener('click', () => { back.hidden = true; onBack(); });

  return {
    render,
    loaded: () => data !== null,
    /** Shows the entry of `code` (clearing the search) and moves the focus to it. */
    open(code, { fromReport = false } = {}) {
      back.hidden = !fromReport;
      if (search.value) { search.value = ''; filter(); }
      const target = document.getElementById(`var-${code}`);
      if (!target) return false;
      target.scrollIntoView({ block: 'start' });
      target.focus();
      return true;
    },
  };
}
