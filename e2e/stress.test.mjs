// The page under stress (issue 6, point 7): a generated file of about 200 MB in check mode.
// While it runs, the page answers: `cancel` is effective within a second (from the click to
// the status saying « annulé »). A second, full run keeps the memory bounded (the renderer's
// peak resident memory and the worker's WebAssembly memory under the bounds below, measured
// and documented in docs/benchmarks-page.md), and its report JSON has the very bytes of the
// CLI's `check --format json` for the same file.
//
// About 1 to 3 minutes on a 2-core machine. OLINPE_SKIP_STRESS=1 skips it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { statSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  launch, requirePage, fileUrl, openPage, chooseMode, runFile, download, generate, runCli,
  instrument, measures, watchWasmMemory, sampleMemory, PAGE,
} from './helpers.mjs';

const SKIP = process.env.OLINPE_SKIP_STRESS === '1'
  ? 'OLINPE_SKIP_STRESS=1 : test de charge (fichier de 200 Mo) non lancé'
  : false;

const ROWS = 800000;
const MIB = 2 ** 20;
/** Cancel must be effective within this time, from the click to « annulé » in the status. */
const CANCEL_MS = 1000;
/** Stated bounds for a 200 MB check (measured: docs/benchmarks-page.md). */
const RENDERER_PEAK_BYTES = 768 * MIB;
const WASM_BYTES = 256 * MIB;

let browser;

before(async () => {
  if (SKIP) return;
  requirePage();
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('a 200 MB file: cancel within a second, bounded memory, report = CLI', { skip: SKIP, timeout: 6 * 60 * 1000 }, async (t) => {
  const input = generate('charge.csv', { rows: ROWS, seed: 31, nominative: true, errorRate: 0.01 });
  const size = statSync(input).size;
  assert.ok(size > 180e6 && size < 260e6, `generated file of ${(size / 1e6).toFixed(0)} MB, about 200 MB expected`);

  const context = await browser.newContext({ acceptDownloads: true });
  try {
    await instrument(context);
    const { page, log } = await openPage(context, fileUrl(PAGE));
    const wasm = await watchWasmMemory(page);
    await chooseMode(page, 'check');
    await page.setInputFiles('[data-testid=file-input]', input);

    // 1. Cancel while the worker is busy (past 10 %, so well inside the file).
    await page.click('[data-testid=run]:not([disabled])');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=progress]').dataset.value) >= 10, null, { timeout: 60000 });
    await page.click('[data-testid=cancel]');
    await page.waitForFunction(() => /annulé/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 30000 });
    const { clock: c1 } = await measures(page);
    const cancelMs = c1.cancelled - c1.cancel;
    assert.ok(cancelMs >= 0 && cancelMs < CANCEL_MS, `cancel took ${cancelMs.toFixed(0)} ms (bound ${CANCEL_MS} ms)`);
    assert.equal(await page.locator('[data-testid^=download-]').count(), 0, 'a cancelled run offers nothing');

    // 2. A full run: memory sampled all along.
    const mem = sampleMemory(250);
    const status = await runFile(page, input, { timeout: 5 * 60 * 1000 });
    const memory = mem.stop();
    assert.match(status, /terminé/, `${status} ${await page.textContent('[data-testid=error-message]')}`);
    assert.equal(await page.getAttribute('[data-testid=summary]', 'data-rows'), String(ROWS));
    // Two workers read it (www/split-read.js `readMain`): the helper's records were taken.
    assert.equal(await page.getAttribute('[data-testid=summary]', 'data-workers'), '2');
    const { clock: c2, longTasks } = await measures(page);
    const wasmBytes = await wasm.bytes();
    const longest = longTasks ? Math.max(0, ...longTasks.filter((t) => t.start + t.duration >= c2.run).map((t) => t.duration)) : null;
    // The numbers, for docs/benchmarks-page.md (node --test shows diagnostics).
    t.diagnostic(`stress: ${(size / 1e6).toFixed(1)} MB, cancel ${cancelMs.toFixed(0)} ms, full run ${((c2.ended - c2.run) / 1000).toFixed(1)} s, renderer peak ${(memory.peak / MIB).toFixed(0)} MiB, wasm ${wasmBytes === null ? 'n/a' : (wasmBytes / MIB).toFixed(0)} MiB, longest task ${longest === null ? 'n/a' : longest === 0 ? 'none of 50 ms or more' : `${longest.toFixed(0)} ms`}`);
    assert.ok(memory.peak > 0, 'the renderer process was found');
    assert.ok(memory.peak < RENDERER_PEAK_BYTES, `renderer peak ${(memory.peak / MIB).toFixed(0)} MiB (bound ${RENDERER_PEAK_BYTES / MIB} MiB)`);
    assert.notEqual(wasmBytes, null, 'the wasm memory was observed');
    assert.ok(wasmBytes < WASM_BYTES, `wasm memory ${(wasmBytes / MIB).toFixed(0)} MiB (bound ${WASM_BYTES / MIB} MiB)`);

    // 3. The report is the CLI's, byte for byte.
    const report = await download(page, 'download-report-json');
    const cli = runCli(['check', input, '--format', 'json']);
    assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
    assert.ok(report.bytes.equals(cli.stdout), `report JSON: ${report.bytes.length} bytes from the page, ${cli.stdout.length} from the CLI`);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
    rmSync(dirname(input), { recursive: true, force: true }); // 200 MB: not left in /tmp
  }
});
