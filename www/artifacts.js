// What the page's downloads are called and what they hold. The names and MIME types are the
// engine's: its artifact table (`artifacts()` of src/wasm.rs, from src/session/artifact.rs,
// the same table the command line names its files from) reaches the page in the engine
// worker's `ready` message and is given to `useArtifactTable`. Pure: tested in Node
// (e2e/modules.test.mjs).

/** The artifact table by id: `{id, suffix, inputExtension, mime, mimeLikeInput, …}`. */
let table = new Map();

/** Takes the engine's artifact table (`ready.artifacts`). */
export function useArtifactTable(rows) {
  table = new Map((rows || []).map((row) => [row.id, row]));
}

/** The input's stem (a dot file keeps its name, as `Path::file_stem`) and extension. */
function stemAndExtension(inputName) {
  const dot = inputName.lastIndexOf('.');
  return dot > 0 ? [inputName.slice(0, dot), inputName.slice(dot)] : [inputName, ''];
}

/** A workbook's name: its copies (repaired, re-hashed) are CSV files, named `.csv`. */
const WORKBOOK_NAME = /\.(xlsx|xlsm|ods)$/i;

/**
 * The name of a download, as the command line writes it (`NAME` + the artifact's suffix, +
 * the input's extension when the artifact keeps it, `.csv` for a workbook's);
 * `FORMATION-NAME` in training mode.
 */
export function outputName(fileId, inputName, training) {
  const [base, inputExt] = stemAndExtension(inputName);
  const ext = WORKBOOK_NAME.test(inputName) ? '.csv' : inputExt;
  const name = training && !base.startsWith('FORMATION') ? `FORMATION-${base}` : base;
  const row = table.get(fileId);
  if (!row) return `${name}-${fileId}`;
  return `${name}${row.suffix}${row.inputExtension ? ext : ''}`;
}

/** MIME type of a download: the artifact's, or the input's own format (XML or CSV). */
export function outputType(fileId, inputName) {
  const row = table.get(fileId);
  if (row && row.mime) return row.mime;
  return /\.xml$/i.test(inputName) ? 'application/xml' : 'text/csv';
}

/** The exported column mapping's file name (the page's own, not a run's output). */
export const MAPPING_FILE_NAME = 'correspondance-colonnes.txt';
