// Numbers, sizes and rates written the French way (Intl, fr-FR). Pure: used by the copy
// (www/copy.js) and the view.

const fmtInt = new Intl.NumberFormat('fr-FR');
const fmtPct = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });

/** A French size: "3,2 Mo". */
export function formatBytes(n) {
  const units = ['octets', 'ko', 'Mo', 'Go'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) { v /= 1000; u += 1; }
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: u ? 1 : 0 }).format(v)} ${units[u]}`;
}

/** A French integer: "12 345" (with the narrow no-break space of fr-FR). */
export function formatInt(n) {
  return fmtInt.format(n);
}

/** A French percentage of a ratio 0–1, one decimal at most: "12,5 %". */
export function formatPercent(ratio) {
  return fmtPct.format(ratio);
}

/** Seconds from milliseconds, one decimal at most: "1,2". */
export function formatSeconds(ms) {
  return (ms / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
}
