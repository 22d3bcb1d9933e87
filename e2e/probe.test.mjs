// Last year's file first (issue 14, item 2): in « Préparer la transmission », last year's
// file comes before the identifier options and is analysed as soon as the key and this
// year's file are there too — the same probe as `--previous` —, the options then set with
// the reason shown; without it, « Premier envoi : laissez les options décochées ».

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { useBrowser, chromiumKit, chooseMode, generate, runCli, tempDir, KEY, EXPORT_DATE } from './helpers.mjs';

const kit = chromiumKit(useBrowser());

/** Last year's transmission CSV made with `flags` from this year's identities (every one found again). */
function lastYear(input, flags) {
  const out = join(tempDir(), 'envoi');
  mkdirSync(out);
  const r = runCli(['pseudonymise', input, '--date-export', EXPORT_DATE, '--out-dir', out, ...flags], { OLINPE_KEY: KEY });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const name = input.split('/').pop().replace(/\.csv$/, '');
  return join(out, `${name}-transmission.csv`);
}

const probeText = (page) => page.textContent('[data-testid=previous-probe]');

test('last year\'s file first: analysed once the key and this year\'s file are there, the options set with the reason', async () => {
  const input = generate('probe.csv', { rows: 200, seed: 41 });
  const previous = lastYear(input, ['--with-day', '--uppercase']);
  await kit.withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    // Before the options, in the page's order.
    const order = await page.$$eval('#step-options > .olp-option, #step-options > .olp-key', (xs) => xs.map((x) => x.id));
    assert.ok(order.indexOf('opt-previous') < order.indexOf('opt-with-day'), order.join());
    assert.equal(await probeText(page), 'Premier envoi : laissez les options décochées.');
    await page.setInputFiles('[data-testid=previous-file-input]', previous);
    await page.waitForFunction(() => document.querySelector('[data-testid=previous-probe]').dataset.state === 'no-file');
    await page.setInputFiles('[data-testid=file-input]', input);
    await page.waitForFunction(() => document.querySelector('[data-testid=previous-probe]').dataset.state === 'no-key');
    await page.fill('[data-testid=key-input]', KEY);
    await page.press('[data-testid=key-input]', 'Tab');
    await page.waitForFunction(() => document.querySelector('[data-testid=previous-probe]').dataset.state === 'set', null, { timeout: 60000 });
    assert.match(await probeText(page), /jour de naissance inclus, majuscules/);
    assert.match(await probeText(page), /100\s%/u);
    assert.equal(await page.isChecked('[data-testid=option-with-day]'), true);
    assert.equal(await page.isChecked('[data-testid=option-uppercase]'), true);
    // The run with these settings keeps the chaining (the verdict has no « other settings » reason).
    await page.click('[data-testid=run]:not([disabled])');
    await page.waitForFunction(() => /terminé|échec/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 60000 });
    assert.match(await page.textContent('#previous'), /reproduisent les identifiants de l’an dernier/);
  });
});

test('last year\'s file first: the default settings recognised too; check mode has no such analysis', async () => {
  const input = generate('probe2.csv', { rows: 150, seed: 43 });
  const previous = lastYear(input, []);
  await kit.withPage(async (page) => {
    await chooseMode(page, 'pseudonymise');
    await page.fill('[data-testid=key-input]', KEY);
    await page.setInputFiles('[data-testid=file-input]', input);
    await page.setInputFiles('[data-testid=previous-file-input]', previous);
    await page.waitForFunction(() => document.querySelector('[data-testid=previous-probe]').dataset.state === 'set', null, { timeout: 60000 });
    assert.match(await probeText(page), /sans le jour de naissance, minuscules/);
    assert.equal(await page.isChecked('[data-testid=option-with-day]'), false);
    await chooseMode(page, 'check');
    assert.equal(await page.isVisible('[data-testid=previous-probe]'), false, await page.$eval('[data-testid=previous-probe]', (b) => `${b.dataset.state} ${b.textContent} ${document.querySelector('[data-testid=mode-check]').getAttribute('aria-pressed')}`));
  });
});
