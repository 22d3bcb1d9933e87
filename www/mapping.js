// Column mapping: which column of the person's file holds which expected variable.
//
// The text form is the command line's `--map-file` (docs/spec/INTERFACES.md): one `CODE=header` per
// line, UTF-8, the first `=` splits, blank lines and lines starting with `#` ignored. The
// page imports and exports exactly that, and hands the engine the same text. Only header
// names are remembered (localStorage), never data or keys. Pure (the storage is passed in):
// tested in Node.

import { MAPPING_TEXT } from './copy.js';

/** Identity columns of a nominative file (docs/spec/OLINPE.md §0.1), after the dictionary's variables. */
export const IDENTITY_COLUMNS = [
  { code: 'PRENOM', label: 'Prénom du jeune' },
  { code: 'NOMMERE', label: 'Nom de naissance de la mère' },
  { code: 'NOMUSAGE', label: 'Nom d’usage de la mère' },
  { code: 'JNAIS', label: 'Jour de naissance' },
  { code: 'NUMDO', label: 'Numéro de dossier' },
];

/** The columns a pseudonymisation needs (its refusal `identity-columns-absent` names them). */
export const PSEUDONYMISE_REQUIRED = ['PRENOM', 'NOMMERE', 'MNAIS', 'ANAIS'];

/** Known columns a file must have to be taken for an Olinpe file (the engine's header::MIN_KNOWN). */
export const MIN_KNOWN = 5;

export const STORAGE_KEY = 'olinpe.correspondance.v1';

/**
 * A variable's label without the guide's notes that follow its first sentence (« Date de
 * début effective … de l’enfance.9999 si année inconnue… » → « Date de début effective … de
 * l’enfance »), at most 90 characters.
 */
export function shortLabel(label) {
  const first = String(label || '').split(/\.(?=\s|\d|$)/)[0].trim();
  return first.length > 90 ? `${first.slice(0, 89).trimEnd()}…` : first;
}

/** The columns the page can map: the dictionary's variables, then the identity columns. */
export function mappingTargets(variables) {
  return [
    ...variables.map((v) => ({ code: v.code, label: shortLabel(v.label), mandatory: Boolean(v.mandatory) })),
    ...IDENTITY_COLUMNS.map((c) => ({ ...c, mandatory: false })),
  ];
}

/**
 * Headers matched to targets, as the ENGINE matched them: `matches` is what the engine
 * worker's `header` message says of each header (`matched`: the column it names by its name
 * alone, or null; `exact`: an official name as it stands) — src/read/columns.rs
 * `match_header`, the same matching as a run's, so the page has no matcher of its own.
 * Without `matches`, only official names as they stand count. The first header naming a
 * column takes it (a run reports the others as duplicates). Returns `{matched: Map(code →
 * header), exact: Set(code), unmatchedHeaders}`.
 */
export function autoMatch(headers, targets, matches = null) {
  const codes = new Set(targets.map((t) => t.code));
  const matched = new Map();
  const exact = new Set();
  const used = new Set();
  headers.forEach((h, i) => {
    const code = matches && Array.isArray(matches.matched) ? matches.matched[i] : (codes.has(h) ? h : null);
    const isExact = matches && Array.isArray(matches.exact) ? Boolean(matches.exact[i]) : codes.has(h);
    if (!code || !codes.has(code) || matched.has(code) || used.has(h)) return;
    matched.set(code, h);
    used.add(h);
    if (isExact) exact.add(code);
  });
  return { matched, exact, unmatchedHeaders: headers.filter((x) => !used.has(x)) };
}

/**
 * The rows of the mapping step for a file's `headers`: one per target not named exactly, its
 * select offering the headers that are no official name as they stand, the header chosen
 * first `preferred` (code → header, when the file has it), else the one the engine matched
 * by name. Each row has a `group`: `required` (a column the run needs — `required`, a set
 * of codes — still without a header: listed first), `confirm` (a header chosen by name or
 * remembered: the person confirms it), `other` (no header: folded away). `unknown`: how
 * many headers are no official name as they stand.
 */
export function mappingRows(headers, targets, preferred = {}, matches = null, required = new Set()) {
  const { matched, exact } = autoMatch(headers, targets, matches);
  const exactHeaders = new Set([...exact].map((c) => matched.get(c)));
  const candidates = headers.filter((x) => !exactHeaders.has(x));
  const rows = [];
  for (const t of targets) {
    if (exact.has(t.code)) continue;
    let selected = matched.get(t.code) || '';
    let how = selected ? 'name' : '';
    if (preferred[t.code] !== undefined && candidates.includes(preferred[t.code])) {
      selected = preferred[t.code];
      how = 'remembered';
    } else if (preferred[t.code] === '') {
      // « absente du fichier » chosen (or `CODE=` imported), even over a name match.
      selected = '';
      how = '';
    }
    const need = required.has(t.code) || t.mandatory;
    const group = selected ? 'confirm' : (need ? 'required' : 'other');
    rows.push({ target: t.code, label: t.label, options: candidates, selected, how, group, required: need });
  }
  const rank = { required: 0, confirm: 1, other: 2 };
  rows.sort((a, b) => rank[a.group] - rank[b.group]);
  return { rows, unknown: candidates.length };
}

/**
 * Whether the header line needs the mapping step: not when every header is taken as is
 * (each one an official name as it stands).
 */
export function needsMapping(headers, targets, matches = null) {
  const { matched, exact, unmatchedHeaders } = autoMatch(headers, targets, matches);
  return !(unmatchedHeaders.length === 0 && exact.size === matched.size);
}

/**
 * The file's headers that nothing uses: not named exactly after a target, and chosen in no
 * select (`selected`: code → header, as the step reads).
 */
export function unusedHeaders(headers, targets, selected, matches = null) {
  const { matched, exact } = autoMatch(headers, targets, matches);
  const used = new Set([...Object.values(selected), ...[...exact].map((c) => matched.get(c))]);
  return headers.filter((x) => !used.has(x));
}

/**
 * How many of the headers name a known column: by their name (the engine's matching), or as
 * a header of the remembered or imported mapping (`preferred`, code → header).
 */
export function knownColumns(headers, matches = null, preferred = {}) {
  const mapped = new Set(Object.values(preferred));
  return headers.filter((h, i) => (matches && Array.isArray(matches.matched) && matches.matched[i]) || mapped.has(h)).length;
}

/**
 * Whether the chosen file is no Olinpe file at all, decided from its header before the run:
 * `{reason: 'not-text'}` when the engine could read it as neither text (CSV), XML nor a
 * workbook (a PNG, a PDF…), `{reason: 'few-columns', known}` when its header names fewer
 * than MIN_KNOWN known columns; else null. `header`: the engine's `header` message.
 */
export function notOlinpe(header, known) {
  if (!header) return null;
  if (header.format === 'unknown') return { reason: 'not-text' };
  if (header.format === 'xml') return null;
  if (known < MIN_KNOWN) return { reason: 'few-columns', known };
  return null;
}

/**
 * An imported `--map-file`'s entries against this file's headers: `preferred` (code →
 * header) for the step, and how many of its headers this file lacks.
 */
export function preferredMapping(entries, headers) {
  const preferred = {};
  let missing = 0;
  for (const e of entries) {
    if (e.header.trim() === '') preferred[e.code] = ''; // `CODE=`: the file has no such column
    else if (headers.includes(e.header)) preferred[e.code] = e.header;
    else missing += 1;
  }
  return { preferred, missing };
}

/** Parses `--map-file` text into `[{code, header, line}]` and French problems. */
export function parseMapText(text) {
  const entries = [];
  const problems = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const eq = line.indexOf('=');
    if (eq <= 0) {
      problems.push(MAPPING_TEXT.badLine(i + 1));
      return;
    }
    entries.push({ code: line.slice(0, eq).trim().toUpperCase(), header: line.slice(eq + 1), line: i + 1 });
  });
  return { entries, problems };
}

/**
 * `--map-file` text for `mapping` (code → header, '' for « absente du fichier »); only
 * entries that need saying. `matched`: the engine's column per header (its `header`
 * message): a code set absent while a header would be read as it by its name alone is
 * written `CODE=`, so the run does not read that header as it.
 */
export function mapText(mapping, { all = false, matched = null } = {}) {
  const lines = [];
  const byName = new Set(Array.isArray(matched) ? matched.filter(Boolean) : []);
  for (const [code, header] of Object.entries(mapping)) {
    if (header === '' && byName.has(code)) {
      lines.push(`${code}=`);
      continue;
    }
    if (header === undefined || header === null || header === '') continue;
    if (!all && header === code) continue;
    lines.push(`${code}=${header}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Reads the remembered mapping (code → header), or `{}`. */
export function loadRemembered(storage) {
  try {
    const raw = storage && storage.getItem(STORAGE_KEY);
    const obj = raw ? JSON.parse(raw) : {};
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return {};
    const out = {};
    for (const [k, v] of Object.entries(obj)) if (typeof v === 'string') out[k] = v;
    return out;
  } catch (_) {
    return {};
  }
}

/** Remembers a mapping (header names only). Storage may be unavailable: then nothing. */
export function remember(storage, mapping) {
  try {
    const clean = {};
    for (const [k, v] of Object.entries(mapping)) if (typeof v === 'string' && v !== '') clean[k] = v;
    if (storage) storage.setItem(STORAGE_KEY, JSON.stringify(clean));
  } catch (_) { /* storage refused (private mode, quota): the mapping just is not kept */ }
}

export function forget(storage) {
  try { if (storage) storage.removeItem(STORAGE_KEY); } catch (_) { /* nothing kept */ }
}
