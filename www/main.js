// Entry point of the page bundle: records CSP violations, starts the controller.
//
// `OLINPE_WORKER_SOURCE` (the classic worker script: wasm-bindgen glue, the wasm bytes in
// base64 and the bundled worker modules) is defined by scripts/build-page.mjs in front of
// this bundle, inside the same hash-pinned inline script.

import { createView } from './view.js';
import { createController } from './controller.js';
import { createDictionary } from './dictionary.js';
import { createTraining } from './training.js';
import { TO_WORKER, TO_PAGE, message } from './protocol.js';

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

/**
 * Starts the engine worker and its helper (a second copy of the same script, which reads
 * the second part of a big file during a check: www/worker.js, "Two workers"), joined by a
 * MessageChannel. Without the helper (it failed to start, or stopped) the engine worker
 * reads alone.
 */
function startWorker() {
  const url = URL.createObjectURL(new Blob([OLINPE_WORKER_SOURCE], { type: 'text/javascript' }));
  const worker = new Worker(url); // classic: module blob workers fail from file://
  // The source URL is revoked once both workers have loaded (revoking now could race that).
  let waiting = 2;
  const loaded = () => { waiting -= 1; if (waiting === 0) URL.revokeObjectURL(url); };
  worker.olinpeLoaded = loaded;
  let helper = null;
  try {
    helper = new Worker(url);
    const channel = new MessageChannel();
    helper.postMessage(message(TO_WORKER.HELPER, { port: channel.port1 }), [channel.port1]);
    worker.postMessage(message(TO_WORKER.HELPER_PORT, { port: channel.port2 }), [channel.port2]);
  } catch (_) {
    helper = null;
  }
  if (!helper) {
    loaded();
    return worker;
  }
  let helperLoaded = false;
  const stopHelper = () => {
    if (!helperLoaded) { helperLoaded = true; loaded(); }
    helper.terminate();
    worker.postMessage(message(TO_WORKER.HELPER_LOST, {}));
  };
  helper.onmessage = (e) => {
    const { type, data } = e.data || {};
    if (type === TO_PAGE.READY && !helperLoaded) { helperLoaded = true; loaded(); }
    else if (type === TO_PAGE.CSP_VIOLATION) window.__olinpeCspViolations.push(data);
    else if (type === TO_PAGE.ERROR && data && data.pass === 'init') stopHelper();
  };
  helper.onerror = (ev) => { ev.preventDefault(); stopHelper(); };
  worker.olinpeHelper = helper;
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
