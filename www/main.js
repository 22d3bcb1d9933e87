// Entry point of the page bundle: records CSP violations, then puts the page together —
// the view, the model, the controller and the two workers, the dictionary and training
// panels.
//
// `OLINPE_WORKER_PRELUDE` (the wasm-bindgen glue and the wasm bytes in base64),
// `OLINPE_ENGINE_WORKER` and `OLINPE_HELPER_WORKER` (the two bundled worker scripts) are
// defined by scripts/build-page.mjs in front of this bundle, inside the same hash-pinned
// inline script.

import { createView } from './view.js';
import { createModel } from './state.js';
import { createController } from './controller.js';
import { startWorkers } from './workers.js';
import { createDictionary } from './dictionary.js';
import { createTraining } from './training.js';
import { createHistory, viewOf } from './history.js';

/* global OLINPE_WORKER_PRELUDE, OLINPE_ENGINE_WORKER, OLINPE_HELPER_WORKER */

// Every CSP violation of the document (and, forwarded, of both workers) is kept here, so the
// privacy tests can read them; the page itself never sends them anywhere.
window.__olinpeCspViolations = window.__olinpeCspViolations || [];
const recordViolation = (v) => { window.__olinpeCspViolations.push(v); };
document.addEventListener('securitypolicyviolation', (e) => {
  recordViolation({
    where: 'page',
    directive: e.effectiveDirective || e.violatedDirective,
    blockedURI: e.blockedURI,
    sourceFile: e.sourceFile || '',
  });
});

const sources = { prelude: OLINPE_WORKER_PRELUDE, engine: OLINPE_ENGINE_WORKER, helper: OLINPE_HELPER_WORKER };

function storage() {
  try {
    return window.localStorage;
  } catch (_) {
    return null; // storage disabled: the mapping is simply not remembered
  }
}

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// The dictionary and training panels (www/dictionary.js, www/training.js) plug into the
// controller through its hooks; a finding's variable opens its dictionary entry. Each view
// the person opens is a history entry (www/history.js): Back returns inside the page.
let returnMode = 'check';
let training = null;
let history = null;
/** « Retour au rapport »: Back, when the entry was opened from the report; else the mode. */
function backToReport() {
  const cur = history.current();
  if (cur && cur.mode === 'dictionary' && cur.fromReport) {
    history.back();
    return;
  }
  history.remember();
  controller.setMode(returnMode, true);
  history.push({ mode: returnMode });
}
const dictionary = createDictionary({ onBack: backToReport });
/** Shows a view from the history (no new entry); a run in progress keeps its mode. */
function applyView(v) {
  if (v.mode === 'dictionary') {
    const from = controller.mode();
    if (from !== 'dictionary') returnMode = from;
    controller.setMode('dictionary');
    if (v.entry) dictionary.open(v.entry, { fromReport: Boolean(v.fromReport) });
    else dictionary.setFromReport(false);
  } else {
    controller.setMode(v.mode, true);
  }
  if (controller.mode() !== v.mode) history.push({ mode: controller.mode() });
}
const hooks = {
  ready(info) { dictionary.render(info.dictionary); training.ready(info); },
  message(type, data) { training.onMessage(type, data); },
  done(t, d, findings) { training.done(t, d, findings); },
  failed(t, message) { training.failed(t, message); },
  cancelled(t) { training.cancelled(t); },
  continuity(report) { training.continuity(report); },
  openVariable(code) {
    history.remember();
    const from = controller.mode();
    if (from !== 'dictionary') returnMode = from;
    controller.setMode('dictionary');
    dictionary.open(code, { fromReport: from !== 'dictionary' });
    history.push({ mode: 'dictionary', entry: code, fromReport: from !== 'dictionary' });
  },
  leaving() { history.remember(); },
  navigated(v) {
    if (v.mode === 'dictionary') dictionary.setFromReport(false);
    history.push(v);
  },
};
const controller = createController({
  view: createView(),
  model: createModel(),
  startWorkers: (handlers) => startWorkers(sources, { ...handlers, onViolation: recordViolation }),
  storage: storage(),
  today,
  hooks,
});
training = createTraining({ controller, openVariable: hooks.openVariable });
history = createHistory({ apply: applyView });
{
  // A reload or a bookmark opens the mode its fragment names (never any data).
  const first = viewOf(window.location.hash);
  if (first && first.mode !== 'check') {
    controller.setMode(first.mode);
    if (first.entry) dictionary.open(first.entry);
  }
  history.start({ mode: controller.mode(), entry: first && first.mode === 'dictionary' ? first.entry : undefined });
}
