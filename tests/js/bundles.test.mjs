// The page's code as scripts/build-page.mjs bundles it: two worker scripts, each with only
// what it runs, and a page bundle without worker code; the pure modules use no DOM, no
// worker, no timer and no clock (www/state.js is driven by the controller alone).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bundle } from '../../scripts/build-page.mjs';

const www = (name) => new URL(`../../www/${name}`, import.meta.url).pathname;
/** The www/ modules a bundle holds. */
const modules = (entry) => [...bundle(www(entry)).matchAll(/^const __mod_www_([\w]+)_js = /gm)].map((m) => m[1].replace(/_/g, '-')).sort();

test('the engine worker: its own modules, the shared ones, no page code and no words', () => {
  assert.deepEqual(modules('engine-worker.js'),
    ['engine-worker', 'protocol', 'slices', 'split-read', 'training-worker', 'warm-up', 'worker-scope']);
});

test('the helper worker: the shared modules and itself only', () => {
  assert.deepEqual(modules('helper-worker.js'), ['helper-worker', 'protocol', 'slices', 'warm-up', 'worker-scope']);
});

test('the page: no worker code but the protocol and the training messages', () => {
  const page = modules('main.js');
  for (const m of ['engine-worker', 'helper-worker', 'worker-scope', 'slices', 'split-read', 'warm-up']) {
    assert.ok(!page.includes(m), m);
  }
  for (const m of ['state', 'controller', 'view', 'copy', 'workers', 'artifacts', 'protocol']) assert.ok(page.includes(m), m);
});

test('the model imports nothing; the copy only the number formats', () => {
  assert.deepEqual(modules('state.js'), ['state']);
  assert.deepEqual(modules('copy.js'), ['copy', 'format']);
});

test('the worker scripts touch no DOM', () => {
  for (const entry of ['engine-worker.js', 'helper-worker.js']) {
    assert.doesNotMatch(bundle(www(entry)), /\b(document|window)\./, entry);
  }
});

test('the pure modules: no DOM, no worker, no timer, no clock', () => {
  const impure = /\b(document|window|localStorage|setTimeout|setInterval|requestAnimationFrame|requestIdleCallback|postMessage|Worker|Date|performance|URL|Blob)\b/;
  for (const name of ['state.js', 'copy.js', 'format.js', 'artifacts.js', 'mapping.js', 'protocol.js']) {
    const code = readFileSync(www(name), 'utf8').split('\n').filter((l) => !/^\s*(\/\/|\*|\/\*\*)/.test(l)).join('\n');
    assert.doesNotMatch(code, impure, name);
  }
});
