// Entry point of the page bundle: records CSP violations, starts the controller.
//
// `OLINPE_WORKER_SOURCE` (the classic worker script: wasm-bindgen glue, the wasm bytes in
// base64 and the bundled worker modules) is defined by scripts/build-page.mjs in front of
// this bundle, inside the same hash-pinned inline script.

import { createView } from './view.js';
import { createController } from './controller.js';
import { createDictionary } from './dictionary.js';
import { createTraining } from './training.js';

/* global OLINPE_WORKER_SOURCE */

// Every CSP violation of the document (and, forwarded, of the worker) is kept here, so the
// privacy tests can read them; the page itself never sends them anywhere.
window.__olinpeCspViolations = window.__olinpeCspViolations || [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__olinpeCspViolations.push({
    where: 'page',
    directive: e.effectiveDirective || e.violatedDirective,
    blockedURI: e.blockedURI,
    sourceFile: e.sourceFile || '',
  });
});

function startWorker() {
  const url = URL.createObjectURL(new Blob([OLINPE_WORKER_SOURCE], { type: 'text/javascript' }));
  const worker = new Worker(url); // classic: module blob workers fail from file://
  // Revoked once the worker says it is ready (revoking now could race its loading).
  worker.olinpeSourceUrl = url;
  return worker;
}

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
// controller through its hooks; a finding's variable opens its dictionary entry.
let returnMode = 'check';
let training = null;
const dictionary = createDictionary({ onBack: () => controller.setMode(returnMode, true) });
const hooks = {
  ready(info) { dictionary.render(info.dictionary); training.ready(info); },
  message(type, data) { training.onMessage(type, data); },
  done(t, d, findings) { training.done(t, d, findings); },
  failed(t, message) { training.failed(t, message); },
  openVariable(code) {
    const from = controller.state.mode;
    if (from !== 'dictionary') returnMode = from;
    controller.setMode('dictionary');
    dictionary.open(code, { fromReport: from !== 'dictionary' });
  },
};
const controller = createController({ view: createView(), startWorker, storage: storage(), today, hooks });
training = createTraining({ controller, openVariable: hooks.openVariable });
