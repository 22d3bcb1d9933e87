//! Two consecutive years (`olinpe generate --years 2`): last year's file and this year's,
//! with the same young people carried over, for the continuity check's tests, its training
//! pair and its benchmark.
//!
//! Each young person is drawn with a **story** over the two years ([`Story`]): a measure that
//! ends within the first year; a measure open at the end of the first year that ends in the
//! second (then maybe renewed, with new dates, the renewed period ending the day before); one
//! that goes on without a line in the second year; one renewed in the second year without
//! the end line of the period it renews; one decided in December and started in January (a
//! « décision » line with `DATDEB` empty in the first file, its start line in the second);
//! young people new in the second year. Some carry a planted continuity defect: a measure
//! decided more than two years before the end of the second year and still silent, a
//! decision never started, a renewal without end, a sex that changes, a `NUMANONYMANT` that
//! names nobody, an end of a measure opened in the first year that the first file does not
//! open; and every second-year line has `MINIMA` « ne sait pas », a filling rate that drops
//! (`rate:MINIMA` flagged). Some young people get a new `NUMANONYM` in the second year, with
//! `NUMANONYMANT` carrying the first year's (found through it: not a defect).
//!
//! The manifest ([`PairManifest`]) gives what the continuity check must find, from the
//! generator's own knowledge, never from the check: every count of the continuity JSON,
//! each expected finding with its file and row, the indicators whose move passes the
//! thresholds (computed from the figures of the rows written), and the number of defects
//! planted of each kind. The lines are built by [`super::person`] as in one file — every
//! variable that applies filled, the end block by the hypotheses of the file it goes to —
//! so each file passes `olinpe check` without errors or warnings.

use super::date::{civil, days};
use super::person::{self, Ctx, Ev, Force, Kind, Meta};
use super::rng::Rng;
use super::row::{write_value, Row, V};
use super::{GenOptions, CODES, DEPARTEMENTS};
use crate::dictionary::ids::{self, N_DECREE};
use crate::dictionary::VARIABLES;
use crate::finding::Code;
use serde::Serialize;
use std::collections::BTreeMap;

/// The smallest pair `--years 2` writes (rows of each file): below, one person's lines weigh
/// too much on the reference year.
pub const MIN_PAIR_ROWS: u64 = 100;

/// What happens to a young person over the two years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Story {
    /// A measure that closes within the first year (nothing open at its end).
    Closed,
    /// Open at the end of the first year, ended in the second (maybe renewed after).
    Ended,
    /// Open at the end of the first year, no line in the second.
    Silent,
    /// Planted: renewed in the second year without the end line of the period it renews.
    RenewedWithoutEnd,
    /// Planted: decided more than two years before the end of the second year, silent.
    Overdue,
    /// Decided in December of the first year, started in January of the second.
    Started,
    /// Planted: decided in December of the first year, never started.
    DecisionSilent,
    /// New in the second year.
    New,
    /// New in the second year with the renewal of a measure opened before the first year
    /// (no line in the first year).
    OldRenewal,
    /// New in the second year with the end of a measure opened before the first year.
    OldEnd,
    /// Planted: new in the second year, with only the end of a measure begun in the first
    /// year that the first file does not open.
    EndWithoutOpening,
}

/// The stories drawn, with their weights (the first persons of a pair are forced, see
/// [`FORCED`]). The weights make the two years alike — about as many young people, lines
/// of each event type and rows — so that only the planted indicator moves past its
/// threshold in a big pair; about 28 % of the second year's young people come from the
/// first.
const STORIES: &[(Story, u32)] = &[
    (Story::Closed, 130),
    (Story::Ended, 50),
    (Story::Silent, 20),
    (Story::RenewedWithoutEnd, 3),
    (Story::Overdue, 2),
    (Story::Started, 6),
    (Story::DecisionSilent, 2),
    (Story::New, 135),
    (Story::OldRenewal, 8),
    (Story::OldEnd, 9),
    (Story::EndWithoutOpening, 2),
];

/// The stories of the second year alone, once the first file has its rows.
const SECOND_ONLY: &[(Story, u32)] = &[
    (Story::New, 135),
    (Story::OldRenewal, 8),
    (Story::OldEnd, 9),
    (Story::EndWithoutOpening, 2),
];

/// The stories of the first year alone, once the second file has its rows.
const FIRST_ONLY: &[(Story, u32)] = &[
    (Story::Closed, 130),
    (Story::Silent, 20),
    (Story::Overdue, 2),
    (Story::DecisionSilent, 2),
];

/// What the first persons of every pair are, so that even the training pair has each
/// defect once: (story, identity change, new identifier, unknown `NUMANONYMANT`).
const FORCED: &[(Story, bool, bool, bool)] = &[
    (Story::Ended, false, false, false),
    (Story::RenewedWithoutEnd, false, false, false),
    (Story::Overdue, false, false, false),
    (Story::DecisionSilent, false, false, false),
    (Story::EndWithoutOpening, false, false, false),
    (Story::New, false, false, true),
    (Story::Ended, true, false, false),
    (Story::Started, false, false, false),
    (Story::Silent, false, false, false),
    (Story::Ended, false, true, false),
];

/// The planted defects, by kind, in the manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Planted {
    /// Measures open at the end of the first year without any line in the second.
    pub silent: u64,
    /// Of which decided more than two years before the end of the second year.
    pub silent_overdue: u64,
    /// Decisions not started in the first year, never started in the second.
    pub decision_silent: u64,
    /// Renewals in the second year without the end of the period they renew.
    pub renewed_without_end: u64,
    /// Young people whose `SEXE` changes.
    pub identity_change: u64,
    /// Young people whose second-year `NUMANONYMANT` names nobody of the first year.
    pub numanonymant_unknown: u64,
    /// Ends of measures begun in the first year that neither file opens.
    pub end_without_opening: u64,
    /// The indicator moved on purpose (`MINIMA` « ne sait pas » on every second-year line).
    pub indicator: &'static str,
}

/// What the continuity check must find on the pair (the continuity JSON's counts).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Expected {
    /// `chaining.found`.
    pub found: u64,
    /// `chaining.rate`, four decimals.
    pub rate: f64,
    /// `chaining.via_numanonymant`.
    pub via_numanonymant: u64,
    /// `open_measures`.
    pub previous_open: u64,
    pub ended: u64,
    pub renewed_without_end: u64,
    pub started: u64,
    pub silent: u64,
    pub silent_overdue: u64,
    /// `identity_changes`, `numanonymant_unknown`, `ends_without_opening`.
    pub identity_changes: u64,
    pub numanonymant_unknown: u64,
    pub ends_without_opening: u64,
    /// The names of the indicators flagged, in the JSON's order.
    pub indicators_flagged: Vec<String>,
}

/// One finding the continuity check must give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpectedFinding {
    /// `"previous"`, `"current"`, or `null` for the pair.
    pub file: Option<&'static str>,
    /// Its row in that file.
    pub row: Option<u64>,
    /// Its code.
    pub code: Code,
    /// The variable it names.
    pub variable: Option<&'static str>,
}

/// The manifest of a pair.
#[derive(Debug, Clone, Serialize)]
pub struct PairManifest {
    /// Seed.
    pub seed: u64,
    /// The two reference years, as generated.
    pub years: [i32; 2],
    /// `NUMDEP` of both files.
    pub numdep: &'static str,
    /// Rows written in each file.
    pub rows: [u64; 2],
    /// Young people of each file.
    pub young_people: [u64; 2],
    /// The reference year of each file by ONPE's rule (the most frequent `DATDECPE` year).
    pub reference_years: [Option<i32>; 2],
    /// The continuity JSON's counts.
    pub expected: Expected,
    /// Defects planted, by kind.
    pub planted: Planted,
    /// Every finding expected, by file and row (the pair's first).
    pub findings: Vec<ExpectedFinding>,
}

impl PairManifest {
    /// Pretty JSON with a final newline (the `--manifest` file).
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).unwrap_or_default();
        out.push(b'\n');
        out
    }
}

/// What the indicators count in one file, from the rows written.
#[derive(Debug, Clone)]
struct Figures {
    rows: u64,
    typev: [u64; 3],
    decision: [u64; 2],
    natpdecadm: BTreeMap<&'static str, u64>,
    natdecassed: BTreeMap<&'static str, u64>,
    informative: [u64; N_DECREE],
    young_people: u64,
    minors: u64,
    young_adults: u64,
    decision_years: BTreeMap<i32, u64>,
}

impl Default for Figures {
    fn default() -> Self {
        Figures {
            rows: 0,
            typev: [0; 3],
            decision: [0; 2],
            natpdecadm: BTreeMap::new(),
            natdecassed: BTreeMap::new(),
            informative: [0; N_DECREE],
            young_people: 0,
            minors: 0,
            young_adults: 0,
            decision_years: BTreeMap::new(),
        }
    }
}

impl Figures {
    fn row(&mut self, r: &Row) {
        self.rows += 1;
        match r.v[ids::TYPEV] {
            V::S("1") => self.typev[0] += 1,
            V::S("2") => self.typev[1] += 1,
            V::S("3") => self.typev[2] += 1,
            _ => {}
        }
        match r.v[ids::DECISION] {
            V::S("1") => self.decision[0] += 1,
            V::S("2") => self.decision[1] += 1,
            _ => {}
        }
        if let V::S(c) = r.v[ids::NATPDECADM] {
            *self.natpdecadm.entry(c).or_insert(0) += 1;
        }
        if let V::S(c) = r.v[ids::NATDECASSED] {
            *self.natdecassed.entry(c).or_insert(0) += 1;
        }
        for (var, &v) in r.v.iter().enumerate() {
            if informative(var, v) {
                self.informative[var] += 1;
            }
        }
        if let V::D(dp) = r.v[ids::DATDECPE] {
            *self.decision_years.entry(civil(dp).0).or_insert(0) += 1;
        }
    }

    /// The most frequent year of `DATDECPE`, ties to the later year.
    fn reference_year(&self) -> Option<i32> {
        let mut best: Option<(i32, u64)> = None;
        for (&y, &n) in &self.decision_years {
            if best.is_none_or(|(_, b)| n >= b) {
                best = Some((y, n));
            }
        }
        best.map(|(y, _)| y)
    }
}

/// Filled with something other than the variable's « ne sait pas » code, as written.
fn informative(var: usize, v: V) -> bool {
    let nsp = VARIABLES[var].nsp;
    match v {
        V::E => false,
        V::S(s) => !s.is_empty() && Some(s) != nsp,
        V::N(_) => {
            let mut text = Vec::with_capacity(4);
            write_value(&mut text, v, var == ids::MNAIS);
            nsp.is_none_or(|n| n.as_bytes() != text.as_slice())
        }
        _ => true,
    }
}

/// The flags of the continuity check's indicators, by the thresholds it states
/// (docs/spec/INTERFACES.md): a count that moves by more than 30 % and by at least 20, a
/// rate by more than 20 points.
fn flagged(p: &Figures, c: &Figures) -> Vec<String> {
    let mut out = Vec::new();
    let mut count = |name: String, a: u64, b: u64| {
        let d = a.abs_diff(b);
        if d >= 20 && u128::from(d) * 10 > u128::from(a) * 3 {
            out.push(name);
        }
    };
    count("young_people".into(), p.young_people, c.young_people);
    count("minors".into(), p.minors, c.minors);
    count("young_adults".into(), p.young_adults, c.young_adults);
    for k in 0..3 {
        count(format!("typev:{}", k + 1), p.typev[k], c.typev[k]);
    }
    for k in 0..2 {
        count(format!("DECISION:{}", k + 1), p.decision[k], c.decision[k]);
    }
    for (var, pm, cm) in [
        (ids::NATPDECADM, &p.natpdecadm, &c.natpdecadm),
        (ids::NATDECASSED, &p.natdecassed, &c.natdecassed),
    ] {
        for (code, _) in VARIABLES[var].modalities {
            let get = |m: &BTreeMap<&str, u64>| m.get(code).copied().unwrap_or(0);
            count(format!("{}:{code}", CODES[var]), get(pm), get(cm));
        }
    }
    let norm = |n: u64, d: u64| {
        if d == 0 {
            (0u128, 1u128)
        } else {
            (u128::from(n), u128::from(d))
        }
    };
    for (var, code) in CODES.iter().enumerate() {
        let (pn, pd) = norm(p.informative[var], p.rows);
        let (cn, cd) = norm(c.informative[var], c.rows);
        if (cn * pd).abs_diff(pn * cd) * 5 > cd * pd {
            out.push(format!("rate:{code}"));
        }
    }
    out
}

/// A young person's lines in one file, before writing: the rows, and the age class at the
/// latest decision (for `minors`, `young_adults`).
struct Lines {
    rows: Vec<Row>,
    /// Per row: (`DATDECPE` day, age at it).
    decisions: Vec<(i32, i32)>,
}

/// Streams a pair of files.
pub struct PairGenerator {
    rows_wanted: u64,
    seed: u64,
    ctx: [Ctx; 2],
    next_person: u64,
    rows: [u64; 2],
    figures: [Figures; 2],
    expected: Expected,
    planted: Planted,
    findings: Vec<ExpectedFinding>,
    years: [i32; 2],
}

/// A year's context: the whole calendar year (the export date is the next 15 March).
fn year_ctx(year: i32, numdep: &'static str) -> Ctx {
    Ctx {
        year,
        d0: days(year, 1, 1),
        d1: days(year, 12, 31),
        numdep,
        nominative: false,
    }
}

/// A second-year identifier, drawn for a young person who gets a new one.
fn new_id(rng: &mut Rng) -> [u8; 20] {
    let mut id = [0u8; 20];
    for chunk in id.chunks_mut(8) {
        let bytes = rng.next_u64().to_le_bytes();
        chunk.copy_from_slice(&bytes[..chunk.len()]);
    }
    id
}

fn span(rng: &mut Rng, lo: i32, hi: i32) -> i32 {
    rng.range(i64::from(lo), i64::from(hi.max(lo))) as i32
}

/// The second year's renewal of the measure `o`, starting on `db2`, decided a few days
/// before (never before `o` started), and its end before `d1` with a chance of
/// `end_per_mille`.
fn renewal(evs: &mut Vec<Ev>, rng: &mut Rng, o: Ev, db2: i32, d1: i32, end_per_mille: u32) {
    let dp2 = (db2 - span(rng, 0, 15)).max(o.db + 1);
    let renewed = Ev {
        typev: 2,
        dp: dp2,
        db: db2,
        fin: None,
        measure: o.measure,
    };
    evs.push(renewed);
    if db2 + 14 <= d1 && rng.chance(end_per_mille) {
        let fin2 = span(rng, db2 + 14, d1);
        evs.push(Ev {
            typev: 3,
            fin: Some(fin2),
            ..renewed
        });
    }
}

impl PairGenerator {
    /// A pair for `opts`: `rows` (at least [`MIN_PAIR_ROWS`]) in each file, more or less a
    /// young person's lines; `reference_year` the first year; `numdep` of both (drawn from
    /// the seed when `None`). `error_rate`, `nominative`, `utdp` and `date_export` do not
    /// apply (the command line refuses them).
    pub fn new(opts: &GenOptions) -> Self {
        let y1 = opts.reference_year.clamp(1990, 2099);
        let numdep = opts.numdep.unwrap_or_else(|| {
            DEPARTEMENTS[Rng::derive(opts.seed, u64::MAX).below(DEPARTEMENTS.len() as u64) as usize]
        });
        PairGenerator {
            rows_wanted: opts.rows,
            seed: opts.seed,
            ctx: [year_ctx(y1, numdep), year_ctx(y1 + 1, numdep)],
            next_person: 0,
            rows: [0; 2],
            figures: [Figures::default(), Figures::default()],
            expected: Expected::default(),
            planted: Planted {
                indicator: "rate:MINIMA",
                ..Planted::default()
            },
            findings: Vec::new(),
            years: [y1, y1 + 1],
        }
    }

    /// The header line of both files (LF-terminated).
    pub fn header(&self) -> Vec<u8> {
        let mut out = CODES.join(";").into_bytes();
        out.push(b'\n');
        out
    }

    /// True when both files have their rows.
    pub fn is_done(&self) -> bool {
        self.rows[0] >= self.rows_wanted && self.rows[1] >= self.rows_wanted
    }

    /// Rows written so far in each file.
    pub fn rows_written(&self) -> [u64; 2] {
        self.rows
    }

    /// The next young people's lines (at most `persons` of them), appended to the first
    /// and the second file's bytes.
    pub fn write_persons(&mut self, persons: usize, first: &mut Vec<u8>, second: &mut Vec<u8>) {
        for _ in 0..persons {
            if self.is_done() {
                return;
            }
            self.person(first, second);
        }
    }

    /// One young person.
    fn person(&mut self, first: &mut Vec<u8>, second: &mut Vec<u8>) {
        let index = self.next_person;
        self.next_person += 1;
        let mut rng = Rng::derive(self.seed ^ 0x5041_4952_0000_0002, index);
        let forced = FORCED.get(index as usize).copied();
        let story = match forced {
            Some((s, ..)) => s,
            None if self.rows[0] >= self.rows_wanted => rng.weighted(SECOND_ONLY),
            None if self.rows[1] >= self.rows_wanted => rng.weighted(FIRST_ONLY),
            None => rng.weighted(STORIES),
        };
        let carried = matches!(
            story,
            Story::Ended | Story::RenewedWithoutEnd | Story::Started
        );
        let (identity_change, new_identifier, unknown_ant) = match forced {
            Some((_, i, n, u)) => (i, n, u),
            None => {
                let draw = rng.below(100);
                (
                    carried && draw < 2,
                    carried && (2..6).contains(&draw),
                    story == Story::New && draw < 2,
                )
            }
        };
        let adult = rng.chance(120);

        // 1. The events of both years, and the file each goes to.
        let [c1, c2] = [&self.ctx[0], &self.ctx[1]];
        let mut evs: Vec<Ev> = Vec::with_capacity(6);
        let mut file: Vec<usize> = Vec::with_capacity(6);
        // A « décision » line: DATDEB empty in its file.
        let mut decision_only: Option<usize> = None;
        match story {
            Story::Closed => {
                let kind = rng.weighted(&[
                    (Kind::K13, 17),
                    (Kind::K12n3, 11),
                    (Kind::K3, 16),
                    (Kind::K23, 7),
                ]);
                person::plan(&mut rng, c1, kind, c1.d0, 0, &mut evs);
            }
            Story::Ended | Story::Silent | Story::RenewedWithoutEnd => {
                let kind = rng.weighted(&[(Kind::K1, 28), (Kind::K2, 9), (Kind::K12n, 12)]);
                person::plan(&mut rng, c1, kind, c1.d0, 0, &mut evs);
            }
            Story::Overdue => {
                let dp = days(c1.year - 1, 12, 1) + span(&mut rng, 0, 19);
                let db = days(c1.year, 1, 2) + span(&mut rng, 0, 18);
                evs.push(Ev {
                    typev: 1,
                    dp,
                    db,
                    fin: None,
                    measure: 0,
                });
            }
            Story::Started | Story::DecisionSilent => {
                let dp = span(&mut rng, days(c1.year, 11, 2), days(c1.year, 12, 28));
                let db = span(&mut rng, c2.d0 + 1, c2.d0 + 45);
                evs.push(Ev {
                    typev: 1,
                    dp,
                    db,
                    fin: None,
                    measure: 0,
                });
                decision_only = Some(0);
            }
            Story::New => {
                let kind = rng.weighted(&[
                    (Kind::K1, 28),
                    (Kind::K13, 17),
                    (Kind::K12n, 12),
                    (Kind::K12n3, 11),
                ]);
                person::plan(&mut rng, c2, kind, c2.d0, 0, &mut evs);
            }
            Story::OldRenewal => {
                person::plan(&mut rng, c2, Kind::K2, c2.d0, 0, &mut evs);
            }
            Story::OldEnd => {
                // Begun before the first year, within 700 days of its end this year.
                let fin = span(&mut rng, c2.d0, c1.d0 + 680);
                let db = span(&mut rng, fin - 700, c1.d0 - 1);
                let dp = db - span(&mut rng, 0, 20);
                evs.push(Ev {
                    typev: 3,
                    dp,
                    db,
                    fin: Some(fin),
                    measure: 0,
                });
            }
            Story::EndWithoutOpening => {
                let db = span(&mut rng, c1.d0 + 30, c1.d1 - 20);
                let dp = db - span(&mut rng, 0, 20);
                let fin = span(&mut rng, c2.d0.max(db + 14), c2.d1.min(db + 700));
                evs.push(Ev {
                    typev: 3,
                    dp,
                    db,
                    fin: Some(fin),
                    measure: 0,
                });
            }
        }
        let in_second = matches!(
            story,
            Story::New | Story::OldRenewal | Story::OldEnd | Story::EndWithoutOpening
        );
        file.extend(std::iter::repeat_n(usize::from(in_second), evs.len()));
        let first_year_rows = if in_second { 0 } else { evs.len() };
        // The segment open at the end of the first year: the last event there.
        let open = (!in_second).then(|| evs.last().copied()).flatten();
        // The second year's lines of a carried measure.
        if let Some(o) = open {
            let d0 = c2.d0;
            let d1 = c2.d1;
            match story {
                Story::Ended => {
                    let fin = span(&mut rng, d0.max(o.db + 14), d1.min(o.db + 700));
                    evs.push(Ev {
                        typev: 3,
                        fin: Some(fin),
                        ..o
                    });
                    if fin < d1 - 3 && rng.chance(400) {
                        renewal(&mut evs, &mut rng, o, fin + 1, d1, 500);
                    }
                }
                Story::RenewedWithoutEnd => {
                    let db2 = span(&mut rng, d0.max(o.db + 30), d1 - 3);
                    renewal(&mut evs, &mut rng, o, db2, d1, 300);
                }
                Story::Started => {
                    evs.push(o);
                    if o.db + 14 <= d1 && rng.chance(500) {
                        let fin = span(&mut rng, o.db + 14, d1);
                        evs.push(Ev {
                            typev: 3,
                            fin: Some(fin),
                            ..o
                        });
                    }
                }
                _ => {}
            }
        }
        file.resize(evs.len(), 1);

        // 2. The lines, built as one young person over both years.
        let mut rows: Vec<Row> = Vec::with_capacity(evs.len());
        let mut metas: Vec<Meta> = Vec::with_capacity(evs.len());
        let birth = person::build(
            &[c1, c2],
            &file,
            &mut rng,
            index,
            &Force::default(),
            adult,
            &evs,
            &mut rows,
            &mut metas,
        );
        if let Some(k) = decision_only {
            rows[k].v[ids::DATDEB] = V::E;
        }
        // The end block by the hypotheses of the file each line goes to (a « décision »
        // line's event is its decision).
        let mut lines = [
            Lines {
                rows: Vec::new(),
                decisions: Vec::new(),
            },
            Lines {
                rows: Vec::new(),
                decisions: Vec::new(),
            },
        ];
        for (f, lines) in lines.iter_mut().enumerate() {
            let mut file_evs: Vec<Ev> = Vec::new();
            for (k, (row, ev)) in rows.iter().zip(&evs).enumerate() {
                if file[k] != f {
                    continue;
                }
                let mut e = *ev;
                if decision_only == Some(k) {
                    e.db = e.dp;
                }
                file_evs.push(e);
                lines.rows.push(row.clone());
                let age = super::date::age(birth.year, birth.month, ev.dp);
                lines.decisions.push((ev.dp, age));
            }
            person::hypotheses(&mut lines.rows, &file_evs);
        }

        // 3. The second year's identifiers, and the plants on its lines.
        let first_id = rows.first().map(|r| r.v[ids::NUMANONYM]);
        let second_id = if new_identifier {
            V::Id(new_id(&mut rng))
        } else {
            first_id.unwrap_or(V::E)
        };
        let previous_id = if unknown_ant {
            V::Id(new_id(&mut rng))
        } else if carried {
            first_id.unwrap_or(V::E)
        } else {
            second_id
        };
        for r in &mut lines[1].rows {
            r.v[ids::NUMANONYM] = second_id;
            r.v[ids::NUMANONYMANT] = previous_id;
            r.v[ids::MINIMA] = V::S("9");
            if identity_change {
                r.v[ids::SEXE] = match r.v[ids::SEXE] {
                    V::S("1") => V::S("2"),
                    _ => V::S("1"),
                };
            }
        }

        // 4. What the continuity check must find.
        let row1 = self.rows[0] + 1;
        let row2 = self.rows[1] + 1;
        let mut expect =
            |file: &'static str, row: u64, code: Code, variable: Option<&'static str>| {
                self.findings.push(ExpectedFinding {
                    file: Some(file),
                    row: Some(row),
                    code,
                    variable,
                });
            };
        // The row that represents the open segment: its opening line (the first year's last).
        let open_row = row1 + first_year_rows as u64 - 1;
        match story {
            Story::Ended => {
                self.expected.previous_open += 1;
                self.expected.ended += 1;
            }
            Story::Silent => {
                self.expected.previous_open += 1;
                self.expected.silent += 1;
                self.planted.silent += 1;
                expect("previous", open_row, Code::ContinuitySilent, None);
            }
            Story::RenewedWithoutEnd => {
                self.expected.previous_open += 1;
                self.expected.renewed_without_end += 1;
                self.planted.renewed_without_end += 1;
                // The renewal is the second year's first line.
                expect(
                    "current",
                    row2,
                    Code::ContinuityRenewedWithoutEnd,
                    Some("TYPEV"),
                );
            }
            Story::Overdue => {
                self.expected.previous_open += 1;
                self.expected.silent += 1;
                self.expected.silent_overdue += 1;
                self.planted.silent += 1;
                self.planted.silent_overdue += 1;
                expect("previous", open_row, Code::ContinuitySilentOverdue, None);
            }
            Story::Started => {
                self.expected.previous_open += 1;
                self.expected.started += 1;
            }
            Story::DecisionSilent => {
                self.expected.previous_open += 1;
                self.expected.silent += 1;
                self.planted.decision_silent += 1;
                expect(
                    "previous",
                    open_row,
                    Code::ContinuityDecisionSilent,
                    Some("DATDEB"),
                );
            }
            Story::EndWithoutOpening => {
                self.expected.ends_without_opening += 1;
                self.planted.end_without_opening += 1;
                expect(
                    "current",
                    row2,
                    Code::ContinuityEndWithoutOpening,
                    Some("DATDEB"),
                );
            }
            Story::Closed | Story::New | Story::OldRenewal | Story::OldEnd => {}
        }
        let second_rows = lines[1].rows.len() as u64;
        if carried && second_rows > 0 {
            self.expected.found += 1;
            if new_identifier {
                self.expected.via_numanonymant += 1;
            }
            if identity_change {
                self.expected.identity_changes += 1;
                self.planted.identity_change += 1;
                expect(
                    "current",
                    row2,
                    Code::ContinuityIdentityChange,
                    Some("SEXE"),
                );
            }
        }
        if unknown_ant && second_rows > 0 {
            self.planted.numanonymant_unknown += 1;
            self.expected.numanonymant_unknown += second_rows;
            for k in 0..second_rows {
                expect(
                    "current",
                    row2 + k,
                    Code::ContinuityNumanonymantUnknown,
                    Some("NUMANONYMANT"),
                );
            }
        }

        // 5. Write, and count what the indicators count.
        for (f, out) in [first, second].into_iter().enumerate() {
            let l = &lines[f];
            if l.rows.is_empty() {
                continue;
            }
            let fig = &mut self.figures[f];
            fig.young_people += 1;
            // Age class at the latest decision (the later line on a tie).
            if let Some(&(_, age)) = l
                .decisions
                .iter()
                .enumerate()
                .max_by_key(|(k, (dp, _))| (*dp, *k))
                .map(|(_, d)| d)
            {
                if age < 18 {
                    fig.minors += 1;
                } else {
                    fig.young_adults += 1;
                }
            }
            for r in &l.rows {
                fig.row(r);
                write_row(r, out);
            }
            self.rows[f] += l.rows.len() as u64;
        }
    }

    /// The manifest, once every row is written.
    pub fn into_manifest(mut self) -> PairManifest {
        let [p, c] = &self.figures;
        self.expected.rate = if c.young_people == 0 {
            0.0
        } else {
            (self.expected.found as f64 / c.young_people as f64 * 10_000.0).round() / 10_000.0
        };
        self.expected.indicators_flagged = flagged(p, c);
        let mut findings: Vec<ExpectedFinding> = Vec::new();
        if self.expected.rate < 0.2 {
            findings.push(ExpectedFinding {
                file: None,
                row: None,
                code: Code::ContinuityChainingLow,
                variable: Some("NUMANONYM"),
            });
        }
        for name in &self.expected.indicators_flagged {
            findings.push(ExpectedFinding {
                file: None,
                row: None,
                code: Code::ContinuityIndicatorMoved,
                variable: indicator_variable(name),
            });
        }
        findings.append(&mut self.findings);
        PairManifest {
            seed: self.seed,
            years: self.years,
            numdep: self.ctx[0].numdep,
            rows: self.rows,
            young_people: [p.young_people, c.young_people],
            reference_years: [p.reference_year(), c.reference_year()],
            expected: self.expected,
            planted: self.planted,
            findings,
        }
    }
}

/// The variable an indicator's finding names: the variable counted, `NUMANONYM` for the
/// young people, none for the age classes.
fn indicator_variable(name: &str) -> Option<&'static str> {
    let var = match name.split_once(':') {
        Some(("rate", v)) => v,
        Some(("typev", _)) => "TYPEV",
        Some((v, _)) => v,
        None if name == "young_people" => "NUMANONYM",
        None => return None,
    };
    CODES.iter().copied().find(|c| *c == var)
}

/// One row of a pair's file: the 105 values, `;`-separated, LF.
fn write_row(r: &Row, out: &mut Vec<u8>) {
    for (i, v) in r.v.iter().enumerate() {
        if i > 0 {
            out.push(b';');
        }
        write_value(out, *v, i == ids::MNAIS);
    }
    out.push(b'\n');
}

/// Generates a whole pair in memory: the two files' bytes (headers included) and the
/// manifest.
pub fn generate_pair_to_vec(opts: &GenOptions) -> (Vec<u8>, Vec<u8>, PairManifest) {
    let mut g = PairGenerator::new(opts);
    let mut first = g.header();
    let mut second = g.header();
    while !g.is_done() {
        g.write_persons(1000, &mut first, &mut second);
    }
    (first, second, g.into_manifest())
}
