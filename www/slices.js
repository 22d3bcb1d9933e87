// Reading a File by slices, never whole: shared by both workers.

import { SLICE_BYTES } from './protocol.js';

/**
 * The bytes `[start, end)` of `file`, all of them. A file re-exported after it was chosen:
 * Chromium refuses to read it (`NotReadableError`), Firefox reads its new bytes up to the
 * size it had when chosen — a slice shorter than asked is then the sign, refused with the
 * code `file-changed` rather than read as a shorter file.
 */
export async function readExactly(file, start, end) {
  const buf = await file.slice(start, end).arrayBuffer();
  if (buf.byteLength !== end - start) throw fileChanged();
  return buf;
}

/** The error of a file changed on disk since it was chosen (the page words its code). */
export function fileChanged() {
  return Object.assign(new Error(), { code: 'file-changed' });
}

/**
 * Reads `file` from byte `from` to byte `to` slice by slice, calling `onSlice(bytes, end)`
 * (`end`: the file offset read up to); false when `run.cancelled` became true. The next
 * slice is asked for before the engine takes the current one, so the browser reads it while
 * the engine works (two slices at most are held).
 */
export async function readSlices(run, file, onSlice, from = 0, to = file.size) {
  const read = (offset) => {
    const p = readExactly(file, offset, Math.min(to, offset + SLICE_BYTES));
    p.catch(() => {}); // awaited below; never an unhandled rejection when the loop stops early
    return p;
  };
  let next = from < to ? read(from) : null;
  for (let offset = from; offset < to; offset += SLICE_BYTES) {
    if (run.cancelled) return false;
    const buf = await next;
    next = offset + SLICE_BYTES < to ? read(offset + SLICE_BYTES) : null;
    if (run.cancelled) return false;
    onSlice(new Uint8Array(buf), offset + buf.byteLength);
  }
  return !run.cancelled;
}

/** The first `bytes` of a file (at most), for its header line. */
export async function readHead(file, bytes) {
  return new Uint8Array(await readExactly(file, 0, Math.min(file.size, bytes)));
}
