// Reads the header line of a delimited file to propose the column-mapping step.
//
// This only decides whether to SHOW the mapping step and what to propose in it; the engine
// stays the authority on reading (encoding, dialect, column names) and reports what it
// finds. It never returns any data row: only the header line's cells.

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function firstLineEnd(bytes) {
  // The header ends at the first LF outside quotes (a quoted header cell may hold a LF).
  let quoted = false;
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i];
    if (b === 0x22) quoted = !quoted;
    else if (b === 0x0a && !quoted) return i;
  }
  return -1;
}

function decode(bytes) {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch (_) {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** Splits one CSV line on `delim`, honouring RFC 4180 quotes. */
export function splitLine(line, delim) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cell += '"'; i += 1; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delim) { cells.push(cell); cell = ''; }
    else cell += ch;
  }
  cells.push(cell);
  return cells;
}

function countOutsideQuotes(line, ch) {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n += 1;
  }
  return n;
}

/**
 * `{format: 'csv'|'xml'|'unknown', encoding, delimiter, headers}` from the first bytes of a
 * file (at most 64 KiB are passed).
 */
export function sniffHeader(head) {
  let bytes = head;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { format: 'unknown', encoding: 'UTF-16', delimiter: null, headers: [] };
  }
  if (UTF8_BOM.every((b, i) => bytes[i] === b)) bytes = bytes.subarray(3);
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0d || bytes[i] === 0x0a)) i += 1;
  if (bytes[i] === 0x3c) return { format: 'xml', encoding: null, delimiter: null, headers: [] };
  const end = firstLineEnd(bytes);
  if (end < 0 && bytes.length === head.length && head.length >= 64 * 1024) {
    return { format: 'unknown', encoding: null, delimiter: null, headers: [] };
  }
  const { text, encoding } = decode(end < 0 ? bytes : bytes.subarray(0, end));
  const line = text.replace(/\r$/, '');
  if (!line.trim()) return { format: 'unknown', encoding, delimiter: null, headers: [] };
  const counts = [';', ',', '\t'].map((d) => [d, countOutsideQuotes(line, d)]);
  counts.sort((a, b) => b[1] - a[1]);
  const delimiter = counts[0][1] > 0 ? counts[0][0] : ';';
  const headers = splitLine(line, delimiter).map((h) => h.trim());
  return { format: 'csv', encoding, delimiter, headers };
}
