// The worker's side of the training mode (www/training.js is the page's side): built-in
// samples, exercises and the pseudonymisation demonstration, through the engine's
// WebAssembly exports. Only invented data passes here; nothing is logged or kept.

/** Message types: one request type (page → worker) and one answer type (worker → page). */
export const TRAINING = Object.freeze({ REQUEST: 'training-request', RESULT: 'training-result' });

/**
 * Answers one request `{id, action, …}` with `{id, ok, result}` or `{id, ok: false, code,
 * message}` (`message`: the engine's, or null for the page to word the code).
 */
export function handleTraining(engine, data, post) {
  const id = data && data.id;
  if (!engine) {
    post(TRAINING.RESULT, { id, ok: false, code: 'training-not-ready', message: null });
    return;
  }
  try {
    switch (data.action) {
      case 'sample': {
        const s = engine.sample(data.name);
        post(TRAINING.RESULT, { id, ok: true, result: { csv: s.csv.buffer, manifest: s.manifest } }, [s.csv.buffer]);
        return;
      }
      case 'pair': {
        // The continuity pair: last year's file and this year's, with its manifest.
        const p = engine.samplePair();
        const transfer = [p.previous.buffer, p.current.buffer];
        post(TRAINING.RESULT, {
          id, ok: true,
          result: { previous: p.previous.buffer, current: p.current.buffer, previousName: p.previousName, currentName: p.currentName, manifest: p.manifest },
        }, transfer);
        return;
      }
      case 'exercise': {
        const e = engine.plantExercise(data.kind, data.seed);
        const buffer = e.csv.buffer;
        post(TRAINING.RESULT, { id, ok: true, result: { ...e, csv: buffer } }, [buffer]);
        return;
      }
      case 'xlsx': {
        // A sample or an exercise as an XLSX workbook: the same values, typed only where
        // reading them back gives the same text, so the planted errors stay (src/generate/xlsx.rs).
        const x = engine.csvToXlsx(new Uint8Array(data.csv));
        post(TRAINING.RESULT, { id, ok: true, result: { xlsx: x.buffer } }, [x.buffer]);
        return;
      }
      case 'demo': {
        const d = data.input;
        const result = engine.demoPseudonymisation(d.prenom, d.nommere, d.mnais, d.anais, d.key);
        post(TRAINING.RESULT, { id, ok: true, result });
        return;
      }
      default:
        post(TRAINING.RESULT, { id, ok: false, code: 'training-unknown', message: null });
    }
  } catch (err) {
    const known = err && typeof err.message === 'string' && err.code;
    post(TRAINING.RESULT, { id, ok: false, code: known ? err.code : 'training-failed', message: known ? err.message : null });
  }
}
