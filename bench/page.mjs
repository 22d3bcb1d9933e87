#!/usr/bin/env node
// Browser benchmark of the page (issue 4): the same generated file through the native CLI and
// through dist/olinpe.html in headless Chromium, in check and in pseudonymise mode, best of
// N runs each. Prints MB/s, the page/CLI ratio, the longest main-thread task during a run
// (PerformanceObserver('longtask'), installed before the page's own script), the worker's
// WebAssembly memory after the run (its peak: wasm memory never shrinks; both workers', summed) and the renderer's
// peak resident memory (VmHWM of the renderer process, read in /proc). Checks the targets of
// check mode (ratio ≥ 0.5, no main-thread task over 100 ms) and says PASS or FAIL; always
// exits 0 once it has measured (a measurement, not a test).
//
// CPU time (user + system, from /proc) is printed beside wall time: on a shared machine it is
// far steadier. The targets are judged on wall time, as a person waits for it.
//
// Usage: node bench/page.mjs [--rows N] [--seed S] [--runs N] [--origin http|file] [--json OUT]
//                             [--modes check,pseudonymise] [--page OTHER-BUILD.html] [--settle MS]
//                             [--format csv|xlsx]
// --format xlsx: the same records as an XLSX workbook (`olinpe generate --format xlsx`), which
// the page reads whole and whose sheet the engine reads in one call (docs/worker-protocol.md).
// --settle: how long the page is left alone between being ready and the run (default 1000 ms;
// a person needs at least that to choose a file). The page uses that time to warm its engine
// up (docs/worker-protocol.md, `warm-up`); --settle 0 measures a run started at once.
// Needs dist/olinpe.html (scripts/build-all.sh) and the CLI (OLINPE_BIN, else cargo builds it).
// Every browser run starts a fresh Chromium, so each peak is the run's own.

import { spawnSync } from 'node:child_process';
import { writeFileSync, statSync, mkdirSync, rmSync, readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import {
  launch, requirePage, serve, fileUrl, openPage, chooseMode, runFile, generate, cli, tempDir,
  instrument, measures, watchWasmMemory, sampleMemory, PAGE, KEY, EXPORT_DATE,
} from '../e2e/helpers.mjs';

const TARGET_RATIO = 0.5;
const TARGET_TASK_MS = 100;

function args() {
  const o = { rows: 100000, seed: 42, runs: 3, origin: 'http', json: null, page: PAGE, modes: ['check', 'pseudonymise'], settle: 1000, format: 'csv' };
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i += 2) {
    const [k, v] = [a[i], a[i + 1]];
    if (k === '--rows') o.rows = Number(v);
    else if (k === '--seed') o.seed = Number(v);
    else if (k === '--runs') o.runs = Number(v);
    else if (k === '--origin') o.origin = v;
    else if (k === '--json') o.json = v;
    else if (k === '--page') o.page = v; // another build of the page, to compare (its .csp beside it)
    else if (k === '--modes') o.modes = v.split(',');
    else if (k === '--settle') o.settle = Number(v);
    else if (k === '--format') o.format = v;
    else throw new Error(`option inconnue : ${k} (voir l’en-tête de bench/page.mjs)`);
  }
  if (!(o.rows > 0 && o.runs > 0 && o.settle >= 0) || !['http', 'file'].includes(o.origin)
    || !o.modes.every((m) => ['check', 'pseudonymise'].includes(m)) || !['csv', 'xlsx'].includes(o.format)) throw new Error('options invalides');
  return o;
}

const mb = (bytes) => bytes / 1e6;
const fmt = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(d));

const TICKS = Number(String(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout).trim()) || 100;

/** Fields of /proc/PID/stat after the command name (field 3 is index 0). */
function stat(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** CPU seconds (user + system) used so far by this process's reaped children. */
function childrenCpu() {
  const f = stat('self');
  return (Number(f[13]) + Number(f[14])) / TICKS; // cutime, cstime
}

/** CPU seconds (user + system) used so far by every live descendant (the Chromium processes). */
function descendantsCpu() {
  const children = new Map();
  const cpu = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const f = stat(name);
      const ppid = Number(f[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
      cpu.set(Number(name), (Number(f[11]) + Number(f[12])) / TICKS); // utime, stime
    } catch (_) { /* ended meanwhile */ }
  }
  let total = 0;
  const todo = [process.pid];
  while (todo.length) {
    for (const c of children.get(todo.pop()) || []) {
      total += cpu.get(c) || 0;
      todo.push(c);
    }
  }
  return total;
}

/**
 * Best wall time and best CPU time (s) of `runs` runs of the CLI with `argv`; fails on exit
 * status ≥ 2. CPU time is much less disturbed than wall time by other work on the machine.
 */
function timeCli(argv, runs, env = {}) {
  let best = Infinity;
  let bestCpu = Infinity;
  for (let i = 0; i < runs; i += 1) {
    const c0 = childrenCpu();
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cli(), argv, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status === null || r.status >= 2) throw new Error(`olinpe ${argv[0]} a échoué (${r.status}) : ${r.stderr}`);
    best = Math.min(best, s);
    bestCpu = Math.min(bestCpu, childrenCpu() - c0);
  }
  return { seconds: best, cpu: bestCpu };
}

/** One run through the page in a fresh browser; returns its measures. */
async function pageRun(mode, input, rows, url, settle) {
  const browser = await launch();
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    await instrument(context);
    const { page } = await openPage(context, url);
    const wasm = await watchWasmMemory(page);
    await chooseMode(page, mode);
    await page.waitForTimeout(settle);
    const mem = sampleMemory(100);
    const cpu0 = descendantsCpu();
    const status = await runFile(page, input, { key: mode === 'pseudonymise' ? KEY : null, timeout: 15 * 60 * 1000 });
    // The report is drawn in the task that says "terminé": give its long-task entry time to land.
    await page.waitForTimeout(300);
    const memory = mem.stop();
    const cpu = descendantsCpu() - cpu0;
    if (!/terminé/.test(status)) throw new Error(`${mode} : la page a fini par « ${status} »`);
    const shownRows = Number(await page.getAttribute('[data-testid=summary]', 'data-rows'));
    if (shownRows !== rows) throw new Error(`${mode} : la page a lu ${shownRows} enregistrements sur ${rows}`);
    const { clock, longTasks } = await measures(page);
    const during = longTasks === null ? null : longTasks.filter((t) => t.start + t.duration >= clock.run);
    const beforeRun = longTasks === null ? null : longTasks.filter((t) => t.start + t.duration < clock.run);
    const longest = (list) => (list === null ? null : list.reduce((m, t) => Math.max(m, t.duration), 0));
    // The worker's own time (`done.ms`), as the summary shows it: « Lu en 2,3 s. ».
    const lu = /Lu en ([\d\s,]+) s/.exec(await page.textContent('[data-testid=summary]'));
    // How many workers read the file (2: the helper read its second part) and, then, where
    // the engine worker's time went (www/split-read.js `readMain`).
    const workers = Number(await page.getAttribute('[data-testid=summary]', 'data-workers')) || 1;
    const splitMs = await page.getAttribute('[data-testid=summary]', 'data-split-ms');
    return {
      seconds: (clock.ended - clock.run) / 1000,
      // Every Chromium process (browser, renderer with its worker, utilities), choosing the file
      // included: the browser process serves the File's slices.
      cpu,
      workerSeconds: lu ? Number(lu[1].replace(/\s/g, '').replace(',', '.')) : null,
      // Where each long task fell: ms after the click on run, and its duration.
      tasks: during === null ? [] : during.map((t) => [Math.round(t.start - clock.run), Math.round(t.duration)]),
      runMs: Math.round(clock.ended - clock.run),
      workers,
      splitMs: splitMs ? splitMs.split(' ').map(Number) : null,
      longestTaskMs: longest(during),
      longTasks: during === null ? null : during.length,
      loadLongestTaskMs: longest(beforeRun),
      wasmBytes: await wasm.bytes(),
      rendererPeakBytes: memory.peak,
    };
  } finally {
    await browser.close();
  }
}

/**
 * One more run, traced (Chromium tracing, `devtools.timeline`): the longest task of the
 * page's main thread during the run, wall time (`dur`) and CPU time of that thread (`tdur`).
 * On a loaded machine a task's wall time includes the time its thread waited for a core;
 * the CPU time says what the task itself costs. Not timed: tracing slows the page down.
 */
async function tracedRun(mode, input, url, settle) {
  const browser = await launch();
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const { page } = await openPage(context, url);
    await chooseMode(page, mode);
    await page.waitForTimeout(settle);
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await runFile(page, input, { key: mode === 'pseudonymise' ? KEY : null, timeout: 15 * 60 * 1000 });
    await page.waitForTimeout(300);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    const events = trace.traceEvents || trace;
    const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
    const top = tasks.reduce((m, e) => (!m || e.dur > m.dur ? e : m), null);
    if (!top) return null;
    // What ran inside it: the events of that thread taking at least a tenth of it, longest first.
    const inside = events.filter((e) => e.ph === 'X' && e.pid === top.pid && e.tid === top.tid && e !== top
      && e.ts >= top.ts && e.ts + (e.dur || 0) <= top.ts + top.dur && (e.dur || 0) >= top.dur * 0.1);
    const names = [...new Set(inside.sort((a, b) => b.dur - a.dur).slice(0, 4).map((e) => `${e.name} ${Math.round(e.dur / 1000)} ms`))];
    return { wallMs: top.dur / 1000, cpuMs: top.tdur === undefined ? null : top.tdur / 1000, inside: names };
  } finally {
    await browser.close();
  }
}

async function main() {
  const o = args();
  requirePage();
  const load0 = loadavg();
  let input = generate('bench-page.csv', { rows: o.rows, seed: o.seed, nominative: true, errorRate: 0.01 });
  if (o.format === 'xlsx') {
    const x = join(dirname(input), 'bench-page.xlsx');
    const r = spawnSync(cli(), ['generate', '--rows', String(o.rows), '--seed', String(o.seed), '--error-rate', '0.01', '--nominative', '--format', 'xlsx', '--out', x]);
    if (r.status !== 0) throw new Error(`olinpe generate --format xlsx a échoué : ${r.stderr}`);
    input = x;
  }
  const bytes = statSync(input).size;
  const dir = tempDir('olinpe-bench-');
  const keyFile = join(dir, 'cle.txt');
  writeFileSync(keyFile, KEY); // dummy key only (COMMON.md)
  const outDir = join(dir, 'cli');
  mkdirSync(outDir);
  console.log(`olinpe page benchmark — ${new Date().toISOString()}`);
  console.log(`machine: ${cpus()[0]?.model || '?'}, ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30, 1)} GiB; load average ${load0.map((x) => x.toFixed(1)).join(' ')}`);
  const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
  const version = String(spawnSync(chromium, ['--version'], { encoding: 'utf8' }).stdout || '').trim();
  console.log(`browser: ${version || chromium} (headless); page ${o.page} over ${o.origin}`);
  console.log(`input: ${o.rows} rows, ${fmt(mb(bytes), 1)} MB ${o.format.toUpperCase()} (nominative, seed ${o.seed}, error rate 0.01); best of ${o.runs}; page left alone ${o.settle} ms before each run\n`);

  const cliArgs = {
    check: ['check', input, '--format', 'json'],
    pseudonymise: ['pseudonymise', input, '--key-file', keyFile, '--date-export', EXPORT_DATE, '--force', '--out-dir', outDir],
  };
  let server = null;
  if (o.origin === 'http') server = await serve({ '/': o.page });
  const url = o.origin === 'http' ? `${server.base}/` : fileUrl(o.page);
  const results = {};
  try {
    for (const mode of o.modes) {
      const { seconds: cliSeconds, cpu: cliCpu } = timeCli(cliArgs[mode], o.runs);
      // The CLI's check runs the record rules on a second thread (two cores or more); the
      // page's worker is one thread: the same work on one thread, for comparison.
      const one = mode === 'check' ? timeCli(cliArgs[mode], o.runs, { OLINPE_THREADS: '1' }) : null;
      const runs = [];
      for (let i = 0; i < o.runs; i += 1) runs.push(await pageRun(mode, input, o.rows, url, o.settle));
      // The traced run only explains; the measures above stand without it.
      const traced = await tracedRun(mode, input, url, o.settle).catch((e) => {
        console.error(`bench/page.mjs : exécution tracée impossible (${e.message})`);
        return null;
      });
      const pageSeconds = Math.min(...runs.map((r) => r.seconds));
      const worst = (k) => (runs.some((r) => r[k] === null) ? null : Math.max(...runs.map((r) => r[k])));
      results[mode] = {
        cliSeconds,
        cliMBps: mb(bytes) / cliSeconds,
        pageSeconds,
        pageMBps: mb(bytes) / pageSeconds,
        ratio: cliSeconds / pageSeconds,
        cliOneThreadSeconds: one ? one.seconds : null,
        ratioOneThread: one ? one.seconds / pageSeconds : null,
        cliCpu,
        pageCpu: Math.min(...runs.map((r) => r.cpu)),
        cpuRatio: cliCpu / Math.min(...runs.map((r) => r.cpu)),
        pageRunsSeconds: runs.map((r) => r.seconds),
        pageRunsCpu: runs.map((r) => r.cpu),
        workerRunsSeconds: runs.map((r) => r.workerSeconds),
        longTasksAt: runs.map((r) => ({ runMs: r.runMs, tasks: r.tasks, workers: r.workers, splitMs: r.splitMs })),
        traced,
        longestTaskMs: worst('longestTaskMs'),
        longTasksPerRun: runs.map((r) => r.longTasks),
        loadLongestTaskMs: worst('loadLongestTaskMs'),
        wasmBytes: worst('wasmBytes'),
        rendererPeakBytes: worst('rendererPeakBytes'),
      };
    }
  } finally {
    await server?.close();
    // The input and the CLI's outputs (≈ 250 MB for 100 000 rows) are not left in /tmp.
    rmSync(dir, { recursive: true, force: true });
    rmSync(dirname(input), { recursive: true, force: true });
  }

  const head = ['mode', 'CLI s', 'CLI MB/s', 'page s', 'page MB/s', 'ratio', 'CLI CPU s', 'page CPU s', 'CPU ratio', 'longest task ms', 'wasm MiB', 'renderer peak MiB'];
  const rows = Object.entries(results).map(([mode, r]) => [
    mode, fmt(r.cliSeconds), fmt(r.cliMBps, 1), fmt(r.pageSeconds), fmt(r.pageMBps, 1), fmt(r.ratio),
    fmt(r.cliCpu), fmt(r.pageCpu), fmt(r.cpuRatio),
    r.longestTaskMs === 0 ? '< 50' : fmt(r.longestTaskMs, 0), r.wasmBytes === null ? 'n/a' : fmt(r.wasmBytes / 2 ** 20, 0), fmt(r.rendererPeakBytes / 2 ** 20, 0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [head, ...rows]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  for (const [mode, r] of Object.entries(results)) {
    console.log(`${mode}: page runs ${r.pageRunsSeconds.map((s) => fmt(s)).join(' / ')} s (worker's own time ${r.workerRunsSeconds.map((s) => fmt(s, 1)).join(' / ')} s); longest task while the page loads ${fmt(r.loadLongestTaskMs, 0)} ms (not part of a run)`);
    r.longTasksAt.forEach((x, i) => {
      const list = x.tasks.map(([at, d]) => `${d} ms at +${at} ms`).join(', ') || 'none';
      const split = x.splitMs
        ? `; 2 workers: helper started at ${x.splitMs[0]} ms, engine worker's own part ${x.splitMs[1]} ms, waited ${x.splitMs[2]} ms for the helper, took its records in ${x.splitMs[3]} ms, report ${x.splitMs[4]} ms`
        : `; ${x.workers} worker`;
      console.log(`  run ${i + 1} (${x.runMs} ms): long tasks ${list}${split}`);
    });
    if (r.traced) console.log(`  traced run: longest main-thread task ${fmt(r.traced.wallMs, 0)} ms wall, ${fmt(r.traced.cpuMs, 0)} ms CPU (${r.traced.inside.join(', ')})`);
  }
  console.log(`\nload average after: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const c = results.check;
  const ratioOk = Boolean(c) && c.ratio >= TARGET_RATIO;
  const taskOk = Boolean(c) && c.longestTaskMs !== null && c.longestTaskMs <= TARGET_TASK_MS;
  if (!c) console.log('check mode not measured (--modes): no verdict on the targets');
  else {
  console.log(`check mode target: page/CLI throughput ratio ≥ ${TARGET_RATIO}: ${ratioOk ? 'PASS' : 'FAIL'} (${fmt(c.ratio)}, wall time, CLI as shipped; CPU-time ratio ${fmt(c.cpuRatio)}, for information)`);
  if (c.cliOneThreadSeconds !== null) console.log(`  for comparison, the CLI on one thread (OLINPE_THREADS=1) as the page's worker: ${fmt(c.cliOneThreadSeconds)} s, ratio ${fmt(c.ratioOneThread)}`);
  console.log(`check mode target: no main-thread task over ${TARGET_TASK_MS} ms: ${taskOk ? 'PASS' : 'FAIL'} (longest ${c.longestTaskMs === 0 ? 'none of 50 ms or more' : `${fmt(c.longestTaskMs, 0)} ms`} over ${o.runs} runs)`);
  console.log(`overall: ${ratioOk && taskOk ? 'PASS' : 'FAIL'}`);
  }
  if (o.json) {
    writeFileSync(o.json, `${JSON.stringify({ date: new Date().toISOString(), rows: o.rows, bytes, runs: o.runs, origin: o.origin, settleMs: o.settle, loadBefore: load0, loadAfter: loadavg(), results, pass: { ratio: ratioOk, longTask: taskOk } }, null, 2)}\n`);
  }
}

main().catch((e) => {
  console.error(`bench/page.mjs : ${e.message}`);
  process.exit(2);
});
