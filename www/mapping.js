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
  { code: 'PRENOM', label: 'Prénom du jeune', synonyms: [] },
  { code: 'NOMMERE', label: 'Nom de naissance de la mère', synonyms: ['NOMMEREJEUNE', 'NOM_MERE'] },
  { code: 'NOMUSAGE', label: 'Nom d’usage de la mère', synonyms: [] },
  { code: 'JNAIS', label: 'Jour de naissance', synonyms: [] },
  { code: 'NUMDO', label: 'Numéro de dossier', synonyms: [] },
];

export const STORAGE_KEY = 'olinpe.correspondance.v1';

/** The columns the page can map: the dictionary's variables, then the identity columns. */
export function mappingTargets(variables) {
  return [
    ...variables.map((v) => ({ code: v.code, label: v.label, synonyms: [] })),
    ...IDENTITY_COLUMNS,
  ];
}

function norm(s) {
  return s.trim().toUpperCase();
}

/**
 * Matches headers to targets by name (exact, then ignoring case and surrounding spaces, then
 * the synonyms). Returns `{matched: Map(code → header), exact: Set(code), unmatchedHeaders}`.
 */
export function autoMatch(headers, targets) {
  const matched = new Map();
  const exact = new Set();
  const used = new Set();
  for (const t of targets) {
    let h = headers.find((x) => x === t.code);
    if (h !== undefined) exact.add(t.code);
    else h = headers.find((x) => !used.has(x) && [t.code, ...t.synonyms].includes(norm(x)));
    if (h !== undefined && !used.has(h)) {
      matched.set(t.code, h);
      used.add(h);
    }
  }
  return { matched, exact, unmatchedHeaders: headers.filter((x) => !used.has(x)) };
}

/**
 * The rows of the mapping step for a file's `headers`: one per target not named exactly,
 * its select offering the headers that are no official name, the header chosen first
 * `preferred` (code → header, when the file has it), else the one matched by name.
 * `unknown`: how many headers are no official name.
 */
export function mappingRows(headers, targets, preferred = {}) {
  const { matched, exact } = autoMatch(headers, targets);
  const candidates = headers.filter((x) => !targets.some((t) => t.code === x));
  const rows = [];
  for (const t of targets) {
    if (exact.has(t.code)) continue;
    let selected = matched.get(t.code) || '';
    if (preferred[t.code] !== undefined && headers.includes(preferred[t.code])) selected = preferred[t.code];
    rows.push({ target: t.code, label: t.label, options: candidates, selected });
  }
  return { rows, unknown: candidates.length };
}

/**
 * Whether the header line needs the mapping step: not when every header is taken as is
 * (each one an official name, exactly).
 */
export function needsMapping(headers, targets) {
  const { matched, exact, unmatchedHeaders } = autoMatch(headers, targets);
  return !(unmatchedHeaders.length === 0 && exact.size === matched.size);
}

/**
 * The file's headers that nothing uses: not named exactly after a target, and chosen in no
 * select (`selected`: code → header, as the step reads).
 */
export function unusedHeaders(headers, targets, selected) {
  const { matched, exact } = autoMatch(headers, targets);
  const used = new Set([...Object.values(selected), ...[...exact].map((c) => matched.get(c))]);
  return headers.filter((x) => !used.has(x));
}

/**
 * An imported `--map-file`'s entries against this file's headers: `preferred` (code →
 * header) for the step, and how many of its headers this file lacks.
 */
export function preferredMapping(entries, headers) {
  const preferred = {};
  let missing = 0;
  for (const e of entries) {
    if (headers.includes(e.header)) preferred[e.code] = e.header;
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

/** `--map-file` text for `mapping` (code → header); only entries that need saying. */
export function mapText(mapping, { all = false } = {}) {
  const lines = [];
  for (const [code, header] of Object.entries(mapping)) {
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
