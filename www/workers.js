// The page's side of its two workers (docs/worker-protocol.md): starts the engine worker and
// the helper worker, each a classic script from a blob: URL (module workers and separate
// files do not work from file://; docs/page.md "Build"), joins them with a MessageChannel,
// records the CSP violations both forward, and stops the helper when it cannot help.

import { TO_WORKER, TO_PAGE, PASS, message } from './protocol.js';

/**
 * `sources`: `{prelude, engine, helper}`, the scripts' text (the prelude — wasm-bindgen glue
 * and the module's bytes — comes first in both). `onMessage(type, data)`: the engine
 * worker's messages; `onCrash()`: the engine worker stopped (an `error` event);
 * `onViolation(v)`: a CSP violation of either worker.
 *
 * Returns `{post(type, data, transfer), terminate()}`. Without the helper (it could not
 * start, or stopped) the engine worker reads alone.
 */
export function startWorkers(sources, { onMessage, onCrash, onViolation }) {
  const script = (main) => URL.createObjectURL(new Blob([sources.prelude, main], { type: 'text/javascript' }));
  // A script's URL is revoked once its worker has spoken (revoking at once could race the load).
  const revokeOnce = (url) => {
    let done = false;
    return () => { if (!done) { done = true; URL.revokeObjectURL(url); } };
  };

  const engineUrl = script(sources.engine);
  const engineLoaded = revokeOnce(engineUrl);
  const worker = new Worker(engineUrl); // classic: module blob workers fail from file://
  worker.onmessage = (e) => {
    engineLoaded();
    const { type, data } = e.data || {};
    if (type === TO_PAGE.CSP_VIOLATION) onViolation(data);
    else onMessage(type, data);
  };
  worker.onerror = (ev) => {
    ev.preventDefault();
    engineLoaded();
    onCrash();
  };

  let helper = null;
  let helperLoaded = () => {};
  try {
    const helperUrl = script(sources.helper);
    helperLoaded = revokeOnce(helperUrl);
    helper = new Worker(helperUrl);
    const channel = new MessageChannel();
    helper.postMessage(message(TO_WORKER.HELPER, { port: channel.port1 }), [channel.port1]);
    worker.postMessage(message(TO_WORKER.HELPER_PORT, { port: channel.port2 }), [channel.port2]);
  } catch (_) {
    helperLoaded();
    helper = null;
  }
  if (helper) {
    const stopHelper = () => {
      helperLoaded();
      helper.terminate();
      worker.postMessage(message(TO_WORKER.HELPER_LOST, {}));
    };
    helper.onmessage = (e) => {
      helperLoaded();
      const { type, data } = e.data || {};
      if (type === TO_PAGE.CSP_VIOLATION) onViolation(data);
      else if (type === TO_PAGE.ERROR && data && data.pass === PASS.INIT) stopHelper();
    };
    helper.onerror = (ev) => { ev.preventDefault(); stopHelper(); };
  }

  return {
    post(type, data, transfer) {
      worker.postMessage(message(type, data), transfer || []);
    },
    terminate() {
      if (helper) helper.terminate();
      worker.terminate();
    },
  };
}
