// What both workers share about their global scope: posting tagged messages to the page,
// forwarding the scope's CSP violations, starting the WebAssembly engine.
//
// Both worker scripts are classic scripts that start with the same prelude: the wasm-bindgen
// `--target no-modules` glue (the global `wasm_bindgen`) and `OLINPE_WASM_BASE64` (the
// module's bytes), put in front of each bundle by scripts/build-page.mjs.

import { TO_PAGE, message } from './protocol.js';

/* global wasm_bindgen, OLINPE_WASM_BASE64 */

const scope = self;

/** Posts a tagged message to the page; `transfer`: buffers handed over, not copied. */
export function post(type, data, transfer) {
  scope.postMessage(message(type, data), transfer || []);
}

/**
 * Requests blocked inside a blob worker raise no event on the page's document: forward
 * ours, marked with `where` (`worker` or `helper`), for the page to record.
 */
export function forwardCspViolations(where) {
  scope.addEventListener('securitypolicyviolation', (e) => {
    post(TO_PAGE.CSP_VIOLATION, {
      where,
      directive: e.effectiveDirective || e.violatedDirective,
      blockedURI: e.blockedURI,
      sourceFile: e.sourceFile || '',
    });
  });
}

/** Calls `handle(type, data)` for each message from the page. */
export function onMessages(handle) {
  scope.onmessage = (e) => {
    const { type, data } = e.data || {};
    handle(type, data);
  };
}

function decodeBase64(b64) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * Instantiates the engine (synchronously, from the bytes in the prelude). Returns the
 * wasm-bindgen exports and how long it took; throws when the browser cannot.
 */
export function startEngine() {
  const t0 = performance.now();
  wasm_bindgen.initSync({ module: decodeBase64(OLINPE_WASM_BASE64) });
  return { engine: wasm_bindgen, initMs: Math.round(performance.now() - t0) };
}
