// In Chromium, the scenarios of the Firefox faults of issue 14 that apply here too
// (e2e/firefox/faults.test.mjs runs them all in Firefox ESR): nothing restored or trusted
// after a reload, one key source, a re-exported file, no copy out of the masked key, a year
// typo refused, the printed findings with every column, the key emptied after the run.

import { test } from 'node:test';
import { useBrowser, chromiumKit } from './helpers.mjs';
import {
  everyControlUnrestorable, reloadForgetsChoices, keySourceIsTheOneSeen, keyEmptiedAfterRun,
  reexportedFile, maskedKeyNotCopied, yearTypoRefused, printKeepsEveryColumn,
} from './scenarios.mjs';

const kit = chromiumKit(useBrowser());
const withPage = (fn) => kit.withPage(fn);

test('every form control has autocomplete="off"', () => withPage(everyControlUnrestorable));
test('after a reload nothing chosen before is taken; the typed key is used', () => reloadForgetsChoices(kit));
test('one key source at a time, the one the person sees', () => withPage(keySourceIsTheOneSeen));
test('a file re-exported after it was chosen is refused, then read whole once chosen again', () => reexportedFile(kit, 4000));
test('no copy, cut or drag out of the masked key field', () => withPage(maskedKeyNotCopied));
test('a typo in the year is refused in French', () => withPage(yearTypoRefused));
test('the printed findings table keeps every column', () => withPage(printKeepsEveryColumn));
test('the key field is emptied after the run', () => keyEmptiedAfterRun(kit));
