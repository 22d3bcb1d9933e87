// What the page's downloads are called and what they hold: the one place of the page that
// knows the command line's output names and the MIME types (docs/spec/INTERFACES.md,
// "pseudonymise writes…"). Pure: tested in Node (e2e/modules.test.mjs).
//
// Today the page repeats the engine's names here. Once the binding exports its artifact
// table (`artifacts()`, `artifactName(id, inputName, training)`, `name`/`mime` on output
// chunks), these two functions are the only ones to switch to what the worker sends.

/**
 * The name of a download, as the command line writes it: `NAME` is the input's base name
 * without its extension (a dot file keeps its name, as `Path::file_stem`).
 */
export function outputName(fileId, inputName, training) {
  const dot = inputName.lastIndexOf('.');
  const base = dot > 0 ? inputName.slice(0, dot) : inputName;
  const ext = dot > 0 ? inputName.slice(dot) : '';
  const name = training && !base.startsWith('FORMATION') ? `FORMATION-${base}` : base;
  switch (fileId) {
    case 'transmission-xml': return `${name}-transmission.xml`;
    case 'transmission-csv': return `${name}-transmission.csv`;
    case 'odpe-xml': return `${name}-odpe.xml`;
    case 'receipt-json': return `${name}-recu.json`;
    case 'receipt-txt': return `${name}-recu.txt`;
    case 'report-json': return `${name}-rapport.json`;
    case 'findings-csv': return `${name}-constats.csv`;
    // `rehash --out NAME-rehache.csv` writes its receipt as `NAME-rehache-recu.json`.
    case 'rehashed': return `${name}-rehache${ext}`;
    case 'rehash-receipt': return `${name}-rehache-recu.json`;
    case 'repaired': return `${name}-repare${ext}`;
    default: return `${name}-${fileId}`;
  }
}

/** MIME type of a download. */
export function outputType(fileId, inputName) {
  if (/xml$/.test(fileId)) return 'application/xml';
  if (/csv$/.test(fileId)) return 'text/csv';
  if (/json$/.test(fileId) || fileId === 'rehash-receipt') return 'application/json';
  if (/txt$/.test(fileId)) return 'text/plain';
  return /\.xml$/i.test(inputName) ? 'application/xml' : 'text/csv';
}

/** The exported column mapping's file name (the page's own, not a run's output). */
export const MAPPING_FILE_NAME = 'correspondance-colonnes.txt';
