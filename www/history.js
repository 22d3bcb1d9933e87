// The browser's history for the page's views: a mode, a dictionary entry, the report shown
// again after the dictionary. Back returns inside the page instead of leaving it (and losing
// a report). A history entry carries the VIEW only — `{mode, entry, fromReport, scrollY}` —
// never data, results or a key: browsers write their history to disk.
//
// `apply(view)` shows a view without adding an entry (popstate); `push(view)` adds one.

/** The URL fragment of each view: readable, and a reload opens the same mode. */
const SLUG = { check: 'verifier', pseudonymise: 'preparer', rehash: 'rehacher', training: 'formation', dictionary: 'dictionnaire' };

/** The fragment of a view (`#dictionnaire-LIEUPLAC` for an entry). */
export function fragment(view) {
  const slug = SLUG[view.mode] || 'verifier';
  return view.entry ? `#${slug}-${view.entry}` : `#${slug}`;
}

/** The view a fragment names (a reload, a bookmark), or null. Nothing but a mode and an entry. */
export function viewOf(hash) {
  const m = /^#([a-z]+)(?:-([A-Z0-9]{2,20}))?$/.exec(hash || '');
  if (!m) return null;
  const mode = Object.keys(SLUG).find((k) => SLUG[k] === m[1]);
  if (!mode) return null;
  return mode === 'dictionary' && m[2] ? { mode, entry: m[2] } : { mode };
}

/** Only the keys a view may carry (nothing else ever reaches the history). */
function clean(view) {
  const out = { mode: String(view.mode) };
  if (view.entry) out.entry = String(view.entry);
  if (view.fromReport) out.fromReport = true;
  return out;
}

export function createHistory({ apply }) {
  const h = window.history;
  try { h.scrollRestoration = 'manual'; } catch (_) { /* older browsers restore it themselves */ }
  const addressOf = (view) => `${window.location.href.split('#')[0]}${fragment(view)}`;
  const here = () => (h.state && h.state.olinpe) || null;

  /** Remembers where the current view was scrolled, so that Back returns there. */
  function keepScroll() {
    const v = here();
    if (v) h.replaceState({ olinpe: { ...v, scrollY: Math.round(window.scrollY) } }, '', window.location.href);
  }

  window.addEventListener('popstate', (e) => {
    const v = e.state && e.state.olinpe;
    if (!v) return;
    apply(v);
    if (typeof v.scrollY === 'number') window.scrollTo(0, v.scrollY);
  });

  return {
    /** The page's first view (no new entry). */
    start(view) {
      h.replaceState({ olinpe: clean(view) }, '', addressOf(view));
    },
    /** A new view the person chose: a new entry (none when it is the current one). */
    push(view) {
      const v = clean(view);
      const cur = here();
      if (cur && cur.mode === v.mode && cur.entry === v.entry) return;
      h.pushState({ olinpe: v }, '', addressOf(v));
    },
    /** Before the view changes: where the current one is scrolled, for Back. */
    remember: keepScroll,
    /** The current entry, or null. */
    current: here,
    back() { h.back(); },
  };
}
