// The training mode: the banner and key, the three built-in samples (findings equal to
// their manifest, checked from the downloaded report JSON too), every exercise kind
// (planted, found, explained), the walk through the three event types, the
// pseudonymisation demonstration against the published test vector; axe-core on the
// training screen (separate bypassCSP context, as e2e/a11y.test.mjs); screenshots.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useBrowser, fileUrl, openPage, chooseMode, download, screenshot, ROOT, PAGE } from './helpers.mjs';

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

const browser = useBrowser();

async function withPage(fn, options = {}) {
  const context = await browser().newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, ...options });
  try {
    const { page, log } = await openPage(context, fileUrl(PAGE));
    await chooseMode(page, 'training');
    await page.waitForFunction(() => /Choisissez/.test(document.querySelector('[data-testid=training-status]').textContent), null, { timeout: 20000 });
    await fn(page, log);
    assert.deepEqual(log.errors, [], 'no page error');
  } finally {
    await context.close();
  }
}

async function waitStatus(page, re, timeout = 60000) {
  await page.waitForFunction((src) => new RegExp(src).test(document.querySelector('[data-testid=training-status]').textContent), re.source, { timeout });
  return page.textContent('[data-testid=training-status]');
}

const key = (row, code, variable) => `${row}|${code}|${variable || ''}`;

test('training: banner, visible key, nothing else of the page', async () => {
  await withPage(async (page) => {
    assert.ok(await page.isVisible('[data-testid=training-banner]'));
    assert.match(await page.textContent('[data-testid=training-banner]'), /Mode formation — données fictives/);
    assert.equal(await page.textContent('#training-key'), 'FORMATION-OLINPE');
    assert.equal(await page.getAttribute('[data-testid=mode-training]', 'aria-pressed'), 'true');
    assert.ok(!(await page.isVisible('[data-testid=file-input]')), 'no file of one’s own in training');
    await screenshot(page, 'formation.png');
  });
});

for (const [name, rows, timeout] of [['small', 200, 60000], ['medium', 5000, 120000], ['large', 100000, 300000]]) {
  test(`training: sample ${name} (${rows} records): findings equal the manifest`, { timeout: timeout + 60000 }, async () => {
    await withPage(async (page) => {
      await page.click(`[data-testid=sample-${name}]:not([disabled])`);
      const status = await waitStatus(page, /terminée|Échec/, timeout);
      assert.match(status, /terminée/, status);
      const s = await page.evaluate(() => globalThis.__olinpeTraining.sample);
      assert.equal(s.name, name);
      assert.ok(s.expected.length > rows * 0.05, `${s.expected.length} planted findings`);
      assert.deepEqual([...s.found].sort(), [...s.expected].sort());
      assert.ok(s.equal);
      assert.match(await page.textContent('[data-testid=sample-verdict]'), /tous été trouvés/);
      assert.equal(await page.getAttribute('[data-testid=summary]', 'data-rows'), String(rows));
      // The report JSON download: FORMATION name; its counts agree with the manifest.
      const report = await download(page, 'download-report-json');
      assert.match(report.name, /^FORMATION-echantillon-.*-rapport\.json$/);
      const json = JSON.parse(report.bytes.toString('utf8'));
      assert.equal(json.input.rows, rows);
      const perCode = {};
      for (const k of s.expected) {
        const code = k.split('|')[1];
        perCode[code] = (perCode[code] || 0) + 1;
      }
      for (const [code, n] of Object.entries(perCode)) assert.equal(json.counts[code], n, code);
      if (name === 'small') {
        // Small enough for every finding to be in the report: the same set, row by row.
        const fromJson = json.findings.filter((f) => f.severity === 'error' || f.severity === 'warning')
          .map((f) => key(f.row, f.code, f.variable));
        assert.deepEqual(fromJson.sort(), [...s.expected].sort());
        await screenshot(page, 'formation-echantillon.png');
        // The invented file does not follow into the working modes.
        await chooseMode(page, 'check');
        assert.ok(await page.isDisabled('[data-testid=run]'), 'no file chosen in check mode');
        assert.equal((await page.textContent('#file-info')).trim(), '');
      }
    });
  });
}

test('training: every exercise kind is planted, found and explained', { timeout: 300000 }, async () => {
  await withPage(async (page) => {
    const kinds = await page.$$eval('#exercise-kind option', (xs) => xs.map((x) => x.value));
    assert.ok(kinds.length >= 7, kinds.join());
    for (const k of ['invalid-code', 'filled-outside-condition', 'imperative-date-missing', 'identity-inconsistent', 'duplicate-full', 'out-of-perimeter', 'legacy-code']) {
      assert.ok(kinds.includes(k), k);
    }
    for (const kind of kinds) {
      await page.selectOption('#exercise-kind', kind);
      await page.click('[data-testid=exercise]:not([disabled])');
      await page.waitForFunction(() => globalThis.__olinpeTraining.exercise && globalThis.__olinpeTraining.exercise.ready, null, { timeout: 30000 });
      // The report stays hidden until the learner answers.
      assert.ok(!(await page.isVisible('[data-testid=findings-table]')), `${kind}: report hidden before the answer`);
      const ex = await page.evaluate(() => globalThis.__olinpeTraining.exercise);
      assert.equal(ex.kind, kind);
      // The viewer shows the record; a wrong answer first, then the right one.
      const wrong = ex.row === 1 ? 2 : ex.row - 1;
      await page.fill('[data-testid=exercise-answer]', String(wrong));
      await page.click('[data-testid=exercise-submit]');
      assert.match(await page.textContent('#exercise-feedback'), new RegExp(`Ce n’est pas l’enregistrement ${wrong}`));
      // A wrong answer shows neither the solution nor the report (issue 14): they stay behind
      // « Voir la solution »; a hint comes after two wrong tries.
      assert.equal(await page.locator('[data-testid=exercise-solution]').count(), 0, `${kind}: no solution after a wrong answer`);
      assert.ok(!(await page.isVisible('[data-testid=findings-table]')), `${kind}: no report after a wrong answer`);
      assert.ok(await page.isVisible('[data-testid=exercise-show-solution]'));
      assert.equal(await page.locator('[data-testid=exercise-more-hint]').count(), 0, 'no hint after one try');
      if (kind === kinds[0]) {
        await page.click('[data-testid=exercise-submit]');
        const hint = await page.textContent('[data-testid=exercise-more-hint]');
        const from = Math.floor((ex.row - 1) / 20) * 20 + 1;
        assert.match(hint, new RegExp(`entre les enregistrements ${from} et ${from + 19}`));
        await page.click('[data-testid=exercise-show-solution]');
        assert.ok(await page.isVisible('[data-testid=exercise-solution]'));
        assert.ok(await page.isVisible('[data-testid=findings-table]'), 'the report with the solution');
      }
      await page.fill('[data-testid=exercise-answer]', String(ex.row));
      await page.press('[data-testid=exercise-answer]', 'Enter');
      const feedback = await page.textContent('#exercise-feedback');
      assert.match(feedback, /Bonne réponse/, `${kind}: ${feedback}`);
      const shown = await page.$$eval('[data-testid=exercise-solution] li[data-code]', (xs) => xs.map((x) => x.dataset.code));
      assert.deepEqual(shown.sort(), ex.expected.map((p) => p.code).sort(), kind);
      assert.match(feedback, /Pourquoi : .{40,}/, `${kind}: the catalogue's explanation`);
      assert.ok(await page.isVisible('[data-testid=findings-table]'), `${kind}: report shown after the answer`);
      if (kind === 'invalid-code') await screenshot(page, 'formation-exercice.png');
    }
  });
});

test('training: the three event types of one young person', async () => {
  await withPage(async (page) => {
    const blocks = [];
    for (const step of [0, 1, 2]) {
      await page.click(`#walk-steps button[data-step="${step}"]`);
      assert.equal(await page.getAttribute(`#walk-steps button[data-step="${step}"]`, 'aria-pressed'), 'true');
      blocks.push(await page.$$eval('[data-testid=walk-filled] li', (xs) => xs.map((x) => x.textContent)));
    }
    const has = (list, re) => list.some((t) => re.test(t));
    // Initial information (block 3) only on an opening; the end block only on an end.
    assert.ok(has(blocks[0], /^Bloc 3 /) && !has(blocks[1], /^Bloc 3 /) && !has(blocks[2], /^Bloc 3 /));
    assert.ok(has(blocks[2], /^Bloc 9 /) && !has(blocks[0], /^Bloc 9 /));
    // The invented young person is a minor: the young adults' block is never filled.
    assert.ok(blocks.every((b) => !has(b, /^Bloc 4c bis /)));
  });
});

test('training: pseudonymisation demonstration, published vector and spelling correction', async () => {
  await withPage(async (page) => {
    // The published vector (docs/pseudonymisation.md): CLE_DE_TEST, Pierre/Dupont/09/1997.
    await page.fill('#demo-prenom', 'Pierre');
    await page.fill('#demo-nommere', 'Dupont');
    await page.fill('#demo2-prenom', 'Piere');
    await page.fill('#demo2-nommere', 'Dupont');
    await page.fill('#demo-mnais', '9');
    await page.fill('#demo-anais', '1997');
    await page.fill('#demo-key', 'CLE_DE_TEST');
    await page.click('[data-testid=demo-pseudonymisation]');
    await page.waitForSelector('[data-testid=demo-numanonym]');
    assert.equal(await page.getAttribute('[data-testid=demo-numanonym]', 'data-value'), '877aa93ef312e68eb9f8fac5dc5e88d68e95f75a');
    const d = await page.evaluate(() => globalThis.__olinpeTraining.demo);
    assert.equal(d.first.prenom, 'PIERRE');
    assert.equal(d.first.birth, '091997');
    assert.equal(d.first.half1 + d.first.half2, d.first.numanonym);
    // "Piere" sounds the same: only the exact half changes.
    assert.notEqual(d.corrected.half1, d.first.half1);
    assert.equal(d.corrected.half2, d.first.half2);
    assert.match(await page.textContent('#demo-output'), /seconde/);
    // The training key by default; an empty key is refused with a French message.
    await page.fill('#demo-key', '');
    await page.click('[data-testid=demo-pseudonymisation]');
    await page.waitForSelector('#demo-error:not([hidden])');
    assert.match(await page.textContent('#demo-error'), /clé/);
    await page.fill('#demo-key', 'FORMATION-OLINPE');
    await page.click('[data-testid=demo-pseudonymisation]');
    await page.waitForFunction(() => document.querySelector('#demo-error').hidden);
    const v = await page.getAttribute('[data-testid=demo-numanonym]', 'data-value');
    assert.match(v, /^[0-9a-f]{40}$/);
    assert.notEqual(v, '877aa93ef312e68eb9f8fac5dc5e88d68e95f75a');
    await screenshot(page, 'formation-pseudonymisation.png');
  });
});

test('training: no serious or critical axe violation', async () => {
  await withPage(async (page) => {
    await page.click('[data-testid=demo-pseudonymisation]');
    await page.waitForSelector('[data-testid=demo-numanonym]');
    await page.click('[data-testid=exercise]:not([disabled])');
    await page.waitForFunction(() => globalThis.__olinpeTraining.exercise && globalThis.__olinpeTraining.exercise.ready, null, { timeout: 30000 });
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(bad, []);
  }, { bypassCSP: true });
});
