// Screenshots of three screens at 1366×768 (a département's laptop), the window as a person
// sees it on arrival, not the whole page: the mapping step of an export whose headers are
// not the decree's codes, the top of a report, the dictionary. Not a test: run by hand,
// `node e2e/screens.mjs PREFIX` (after scripts/build-all.sh), writes
// docs/screenshots/PREFIX-correspondance.png, PREFIX-rapport.png, PREFIX-dictionnaire.png
// (docs/page.md shows the « avant » and « apres » sets of issue 14).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, chooseMode, runFile, generate, tempDir, fileUrl, PAGE, ROOT, KEY } from './helpers.mjs';

const prefix = process.argv[2] || 'apres';
const dir = join(ROOT, 'docs', 'screenshots');
mkdirSync(dir, { recursive: true });

/** A nominative export whose headers say what a reporting tool says (identity, birth, dates). */
export const EXPORT_HEADERS = {
  PRENOM: 'Prénom',
  NOMMERE: 'Nom naissance mère',
  JNAIS: 'Jour de naissance',
  MNAIS: 'Mois de naissance',
  ANAIS: 'Annee_naissance',
  NUMDO: 'N° dossier',
  SEXE: 'sexe',
  DATDEB: 'Date de début',
  DATFIN: 'Date_fin',
};

function renamed(file, headers, name) {
  const text = readFileSync(file, 'utf8');
  const nl = text.indexOf('\n');
  const head = text.slice(0, nl).split(';').map((h) => headers[h] || h).join(';');
  const out = join(tempDir(), name);
  writeFileSync(out, head + text.slice(nl));
  return out;
}

const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const shot = (page, name) => page.screenshot({ path: join(dir, `${prefix}-${name}.png`) });
  {
    const { page } = await openPage(context, fileUrl(PAGE));
    await chooseMode(page, 'pseudonymise');
    const input = renamed(generate('screens-export.csv', { rows: 60, seed: 23 }), EXPORT_HEADERS, 'export-logiciel-metier.csv');
    await page.setInputFiles('[data-testid=file-input]', input);
    await page.waitForTimeout(800);
    const mapping = page.locator('[data-testid=mapping]');
    if (await mapping.isVisible()) await mapping.scrollIntoViewIfNeeded();
    await page.evaluate(() => { const m = document.querySelector('[data-testid=mapping]'); if (m && !m.hidden) window.scrollTo(0, m.getBoundingClientRect().top + window.scrollY - 16); });
    await shot(page, 'correspondance');
    await page.close();
  }
  {
    const { page } = await openPage(context, fileUrl(PAGE));
    await chooseMode(page, 'pseudonymise');
    const input = generate('screens-rapport.csv', { rows: 400, seed: 19, errorRate: 0.05 });
    const status = await runFile(page, input, { key: KEY });
    if (!/terminé/.test(status)) throw new Error(status);
    await page.waitForTimeout(500);
    await page.evaluate(() => { const r = document.getElementById('results'); window.scrollTo(0, r.getBoundingClientRect().top + window.scrollY - 8); });
    await shot(page, 'rapport');
    await page.close();
  }
  {
    const { page } = await openPage(context, fileUrl(PAGE));
    await chooseMode(page, 'dictionary');
    await page.waitForSelector('#var-LIEUPLAC', { state: 'attached' });
    await page.fill('[data-testid=dictionary-search]', 'lieu de placement');
    await page.waitForTimeout(500);
    await shot(page, 'dictionnaire');
    await page.close();
  }
  await context.close();
} finally {
  await browser.close();
}
console.log(`screens: docs/screenshots/${prefix}-{correspondance,rapport,dictionnaire}.png`);
