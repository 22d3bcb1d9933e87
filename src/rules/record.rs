//! Rules on one record alone (docs/spec/OLINPE.md §4.4, §5.1–§5.5, §6.2 as corrected by §0.2).
//!
//! [`check`] runs in phases over one record, reusing stack arrays and precomputed tables
//! (built once from the dictionary), so that nothing is allocated unless a finding is made:
//!
//! 1. **formats**: each filled cell against its variable's type and code list
//!    (`invalid-code`, `legacy-code`, `invalid-format`, `identifier-invalid`,
//!    `numdep-outside-xsd`, `year-before-1920`); the shapes the reader already reports
//!    (`leading-zero-lost`, `date-format-repairable`) are left to it;
//! 2. **mandatory list and imperative dates** (`mandatory-missing`, `imperative-date-*`,
//!    `date-zero`, `datfin-wrong-typev`);
//! 3. **birth and ages** (`birth-after-event`, `event-before-birth` within the nine months
//!    before the birth month, `age-over-20`), computed as §0.2 says;
//! 4. **applicability** of every other variable: event type (§5.1, `filled-wrong-event`), age
//!    (§5.3, `reserved-minors`/`reserved-adults`, grouped in `reserved-minors-at-majority` on
//!    the end of a measure ending at majority), condition (§5.2/§5.4/§6.2,
//!    `filled-outside-condition`) — a "ne sait pas" code in any of these is
//!    `nsp-not-applicable` —, and the reverse when a variable applies but is empty
//!    (`cascade-missing`, `cascade-missing-minor`, `applicable-empty`; said "absent from the
//!    file" when the variable is not in the record);
//! 5. **values with their own warning** (`lieuplac-20`, `natpdecadm-19`), reserved
//!    modalities judged at the decision (§4.4, §0.2), and the rules from the guide's text
//!    (`nbfrat-zero`, `nature-type-mismatch`, `other-nature-blocks-empty`,
//!    `menagejm-expected-8`, `pupille-titap-80`);
//! 6. **dates**: order (§5.5) and parents' birth years.
//!
//! A variable gets at most one finding about its value or its applicability (a remark such as
//! `year-before-1920` or `imperative-date-partial` may come on top), and a rule only looks at
//! values that passed the format checks and were not reported as misplaced. Conditions are
//! three-valued: when a variable a condition depends on is empty although it applies, or
//! "ne sait pas", or invalid, or itself filled where it does not apply, the condition is
//! unknown and neither "filled outside" nor "required but empty" is reported (§0.2); when it
//! is empty because it does not apply, the condition is false.
//!
//! Event types: the dictionary's `typev` says where a variable is *expected* (§5.1 "fill" and
//! "identical" columns); `scope::forbidden` says where §5.1 says *not* to fill it; a
//! variable in neither may be filled without being expected. Conditions: [`SCOPES`] gives,
//! per conditional variable, when it is required and when it is allowed (the "or 18/21" natures
//! and the §5.2 special cases allow without requiring); a test ties them to the dictionary's
//! single `condition`, so that data generated from the dictionary passes.

mod scope;
mod value;

pub use scope::{Cond, Scope, SCOPES};

use crate::dictionary::ids::{self, N_ALL};
use crate::dictionary::{Kind, VARIABLES};
use crate::finding::{finding, finding_absent, quote, Code, Finding};
use crate::record::Record;
use scope::{CASCADE_ERROR, CASCADE_WARNING, LEGACY, MANDATORY, NUMDEP_OUTSIDE_XSD};
use std::sync::OnceLock;
use value::{Parsed, Span};

/// How a required-but-empty variable is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Empty {
    /// `applicable-empty`, only when the variable is present in the record.
    Warn,
    /// `cascade-missing` (error).
    Cascade,
    /// `cascade-missing-minor` (warning).
    CascadeMinor,
    /// Handled by the mandatory and imperative-date phase, or never reported.
    Skip,
}

/// What the rules need about one variable, precomputed once. `repr(C)`, aligned on a cache
/// line, with every field a record's checks read often in the first 64 bytes.
#[derive(Debug)]
#[repr(C, align(64))]
struct VarInfo {
    kind: Kind,
    empty: Empty,
    /// Known to the dictionary (false only while the dictionary table is incomplete).
    known: bool,
    /// In the §2.5 mandatory list.
    mandatory: bool,
    /// A shape the reader reports as spreadsheet damage is possible (`repair::DAMAGEABLE`).
    damageable: bool,
    /// Applies only when a fact absent from the file holds (dictionary): never required.
    situational: bool,
    /// Event types 1, 2, 3 the variable belongs to (dictionary): expected there.
    typev: [bool; 3],
    /// Event types on which §5.1 says not to fill it.
    forbidden: [bool; 3],
    min_age: Option<u8>,
    max_age: Option<u8>,
    /// `scope` compiled for evaluation: `(required, allowed)`.
    compiled: Option<Box<(Compiled, Compiled)>>,
    nsp: Option<&'static str>,
    /// The modality codes packed by [`pack`], in a small hash table: a lookup is one
    /// multiplication and usually one comparison.
    keys: CodeTable,
    // Read only to report a finding.
    scope: Option<&'static Scope>,
    code: &'static str,
    /// Modality codes (coded variables and `NUMDEP`), in the dictionary's order.
    codes: Vec<&'static str>,
    legacy: Option<(&'static [&'static str], &'static str)>,
}

struct Tables {
    vars: Vec<VarInfo>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(build_tables)
}

fn build_tables() -> Tables {
    let vars = (0..N_ALL)
        .map(|i| {
            let Some(v) = VARIABLES.get(i) else {
                return VarInfo {
                    code: "",
                    kind: Kind::Utdp,
                    codes: Vec::new(),
                    keys: CodeTable::default(),
                    nsp: None,
                    legacy: None,
                    typev: [true; 3],
                    forbidden: [false; 3],
                    min_age: None,
                    max_age: None,
                    scope: None,
                    compiled: None,
                    mandatory: false,
                    damageable: false,
                    situational: false,
                    empty: Empty::Skip,
                    known: false,
                };
            };
            let codes: Vec<&'static str> = v.modalities.iter().map(|(c, _)| *c).collect();
            let keys = CodeTable::new(&codes);
            let scope = SCOPES.iter().find(|s| s.0 == i).map(|s| &s.1);
            let empty = if MANDATORY.contains(&i)
                || matches!(
                    i,
                    ids::DATDECPE | ids::DATDEB | ids::DATFIN | ids::MOTFININT
                )
                || i == ids::UTDP
            {
                Empty::Skip
            } else if CASCADE_ERROR.contains(&i) {
                Empty::Cascade
            } else if CASCADE_WARNING.contains(&i) {
                Empty::CascadeMinor
            } else {
                Empty::Warn
            };
            VarInfo {
                code: v.code,
                kind: v.kind,
                codes,
                keys,
                nsp: v.nsp,
                legacy: LEGACY.iter().find(|l| l.0 == i).map(|l| (l.1, l.2)),
                typev: v.typev,
                forbidden: scope::forbidden(v.number),
                min_age: v.min_age,
                max_age: v.max_age,
                scope,
                compiled: scope
                    .map(|s| Box::new((Compiled::new(s.required), Compiled::new(s.allowed)))),
                mandatory: MANDATORY.contains(&i),
                damageable: crate::read::repair::DAMAGEABLE.contains(&i),
                situational: v.situational,
                empty,
                known: true,
            }
        })
        .collect();
    Tables { vars }
}

/// A short value (at most 7 bytes, as every code is) packed with its length into an integer,
/// so that code lookups compare integers rather than call `memcmp`; `None` when longer.
fn pack(v: &str) -> Option<u64> {
    let b = v.as_bytes();
    if b.len() > 7 {
        return None;
    }
    let mut k = (b.len() as u64) << 56;
    for (n, &c) in b.iter().enumerate() {
        k |= u64::from(c) << (48 - 8 * n);
    }
    Some(k)
}

/// The modality codes of a variable, packed by [`pack`], in an open-addressing hash table
/// (multiplicative hashing, linear probing, at most half full). Each slot holds the packed
/// code with its index in the dictionary's list of modalities in the low byte, which a
/// packed code of at most 6 bytes leaves free (codes have at most 3; a test checks).
#[derive(Debug, Default)]
struct CodeTable {
    /// 0 (the packing of the empty string, never a code) marks a free slot.
    slots: Box<[u64]>,
    /// `64 - log2(slots.len())`.
    shift: u32,
}

const CODE_HASH: u64 = 0x9e37_79b9_7f4a_7c15;

impl CodeTable {
    fn new(codes: &[&str]) -> Self {
        let size = (codes.len() * 2).next_power_of_two().max(4);
        let mut t = CodeTable {
            slots: vec![0; size].into_boxed_slice(),
            shift: 64 - size.trailing_zeros(),
        };
        for (n, c) in codes.iter().enumerate() {
            let (Some(k), Ok(n)) = (pack(c), u8::try_from(n)) else {
                continue;
            };
            if c.len() > 6 {
                continue; // no room for the index (never happens: a test checks)
            }
            let mut s = t.slot(k);
            while t.slots[s] != 0 && t.slots[s] & !0xff != k {
                s = (s + 1) & (size - 1);
            }
            t.slots[s] = k | u64::from(n);
        }
        t
    }

    #[inline]
    fn slot(&self, k: u64) -> usize {
        (k.wrapping_mul(CODE_HASH) >> self.shift) as usize
    }

    /// The modality index of the packed code `k`, if it is one of the variable's codes.
    #[inline]
    fn get(&self, k: u64) -> Option<u8> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut s = self.slot(k) & mask;
        loop {
            let here = self.slots[s];
            if here & !0xff == k {
                return Some(here as u8);
            }
            if here == 0 {
                return None;
            }
            s = (s + 1) & mask;
        }
    }
}

/// String equality for short values without a `memcmp` call (the hot path of conditions).
#[inline]
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// The state of a cell after the format checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    /// Empty (or absent).
    Empty,
    /// `0000-00-00` and the like: counts as not filled.
    Zero,
    /// Failed its format or code list (already reported, or reported by the reader).
    Invalid,
    /// The variable's "ne sait pas" value.
    Nsp,
    /// A valid, informative value.
    Valid,
}

/// An age in completed years, as a range when the reference month is unknown.
#[derive(Debug, Clone, Copy)]
struct Age {
    lo: i32,
    hi: i32,
    /// The date variable it was computed at.
    at: usize,
}

impl Age {
    /// Whether the age is at least `n`: `None` when the range straddles `n`.
    fn at_least(self, n: u8) -> Option<bool> {
        let n = i32::from(n);
        if self.lo >= n {
            Some(true)
        } else if self.hi < n {
            Some(false)
        } else {
            None
        }
    }
}

/// Status of a variable for the record (memoised).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    NotComputed,
    InProgress,
    /// Does not apply (event type, age or condition false).
    NotApplicable,
    /// Applies and must be filled.
    Required,
    /// Optional, or unknown.
    Other,
}

/// Event type part of applicability of a variable: `(forbidden, expected)` on event type
/// `typev`, each unknown without it.
fn event_part(info: &VarInfo, typev: Option<usize>) -> (Option<bool>, Option<bool>) {
    match typev {
        Some(t) => (Some(info.forbidden[t - 1]), Some(info.typev[t - 1])),
        None => (
            (info.forbidden == [false; 3]).then_some(false),
            (info.typev == [true; 3]).then_some(true),
        ),
    }
}

/// A [`Cond`] compiled once for evaluation: each value list becomes a bit mask over the
/// variable's modality indices (its position in the dictionary's list), so that a test is a
/// shift rather than string comparisons. Only coded variables are tested by value (a test
/// checks it), and a valid cell of a coded variable always holds one of its modalities.
#[derive(Debug)]
enum Compiled {
    True,
    False,
    Is(usize, u128),
    Absent(usize),
    Filled(usize),
    Any(Vec<Compiled>),
    All(Vec<Compiled>),
}

impl Compiled {
    fn new(c: Cond) -> Self {
        match c {
            Cond::True => Compiled::True,
            Cond::False => Compiled::False,
            Cond::Is(j, values) => Compiled::Is(j, modality_mask(j, values)),
            Cond::Absent(j) => Compiled::Absent(j),
            Cond::Filled(j) => Compiled::Filled(j),
            Cond::Any(cs) => Compiled::Any(cs.iter().map(|c| Compiled::new(*c)).collect()),
            Cond::All(cs) => Compiled::All(cs.iter().map(|c| Compiled::new(*c)).collect()),
        }
    }
}

/// The bit mask of `values` among the modalities of variable `j` (bit `n` for the `n`-th
/// modality; values that are not modalities of `j` cannot be held by a valid cell).
fn modality_mask(j: usize, values: &[&str]) -> u128 {
    VARIABLES.get(j).map_or(0, |v| {
        v.modalities
            .iter()
            .take(128)
            .enumerate()
            .filter(|(_, (code, _))| values.contains(code))
            .fold(0, |m, (n, _)| m | (1u128 << n))
    })
}

fn and(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

fn or(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

struct Ctx<'a> {
    rec: &'a Record,
    t: &'static Tables,
    cell: [Cell; N_ALL],
    /// For a valid or "ne sait pas" coded cell, the index of its modality (else 255).
    code: [u8; N_ALL],
    span: [Option<Span>; N_ALL],
    /// Variables that already have a finding.
    reported: [bool; N_ALL],
    typev: Option<usize>,
    /// Age at the event date (§0.2), for the variables' age bounds.
    event_age: Option<Age>,
    /// Age at the decision date, for reserved modalities and `age-over-20`.
    decision_age: Option<Age>,
    memo: [Status; N_ALL],
    /// Variables reserved to minors filled on the end line of a measure ending at majority
    /// (bit `i` for variable `i`): one grouped warning (§0.2).
    majority: u128,
}

impl<'a> Ctx<'a> {
    fn v(&self, i: usize) -> &'a str {
        self.rec.get(i)
    }

    fn filled(&self, i: usize) -> bool {
        matches!(self.cell[i], Cell::Valid | Cell::Nsp)
    }

    fn is_reported(&self, i: usize) -> bool {
        self.reported[i]
    }

    fn emit(&mut self, out: &mut Vec<Finding>, code: Code, i: usize, args: &[(&str, &str)]) {
        self.reported[i] = true;
        let var = self.t.vars[i].code;
        out.push(finding(
            code,
            Some(self.rec.row),
            Some(self.rec.line),
            Some(var),
            args,
        ));
    }

    /// Like [`Ctx::emit`] for a variable that must be filled: when it is absent from the
    /// record (no column, no element), the message says so and points to the extraction.
    fn emit_missing(
        &mut self,
        out: &mut Vec<Finding>,
        code: Code,
        i: usize,
        args: &[(&str, &str)],
    ) {
        if self.rec.is_present(i) || !self.t.vars[i].known {
            self.emit(out, code, i, args);
            return;
        }
        self.reported[i] = true;
        let var = self.t.vars[i].code;
        out.push(finding_absent(
            code,
            Some(self.rec.row),
            Some(self.rec.line),
            Some(var),
            args,
        ));
    }

    /// See [`is_decision_not_started`].
    fn decision_not_started(&self) -> bool {
        is_decision_not_started(self.rec)
    }

    /// Reports `invalid-format` on variable `i` (its value quoted, `why` saying what was
    /// expected) and classes the cell as invalid.
    fn bad_format(&mut self, out: &mut Vec<Finding>, i: usize, v: &str, why: &str) -> Cell {
        let var = self.t.vars[i].code;
        let q = format!(" (« {} »)", quote(v));
        self.emit(
            out,
            Code::InvalidFormat,
            i,
            &[("variable", var), ("valeur", &q), ("attendu", why)],
        );
        Cell::Invalid
    }

    /// Like [`Ctx::emit`], for a remark on a value that stays usable by the other rules
    /// (`imperative-date-partial`, `year-before-1920`, `numdep-outside-xsd`).
    fn note(&mut self, out: &mut Vec<Finding>, code: Code, i: usize, args: &[(&str, &str)]) {
        let var = self.t.vars[i].code;
        out.push(finding(
            code,
            Some(self.rec.row),
            Some(self.rec.line),
            Some(var),
            args,
        ));
    }

    /// `" (« value »)"` for variables whose value may be quoted, `""` for free text.
    fn quoted(&self, i: usize) -> String {
        match self.t.vars[i].kind {
            Kind::Text40 | Kind::Utdp | Kind::Hex40 => String::new(),
            _ => format!(" (« {} »)", quote(self.v(i))),
        }
    }

    // ----- phase 1: formats -------------------------------------------------------------

    /// Classes the non-empty cell `v` of variable `i` (an empty cell stays `Cell::Empty`).
    fn classify(&mut self, i: usize, v: &'a str, out: &mut Vec<Finding>) {
        let info = &self.t.vars[i];
        if !info.known {
            self.cell[i] = Cell::Valid;
            return;
        }
        if info.damageable && crate::read::repair::is_damaged(i, v) {
            // leading-zero-lost or date-format-repairable, reported by the reader.
            self.cell[i] = Cell::Invalid;
            return;
        }
        let var = info.code;
        let cell = match info.kind {
            Kind::Code | Kind::Departement => self.classify_code(i, v, out),
            Kind::Date | Kind::YearMonth | Kind::Year => {
                let parsed = match info.kind {
                    Kind::Date => value::date(v),
                    Kind::YearMonth => value::year_month(v),
                    _ => value::year(v),
                };
                match parsed {
                    Parsed::Zero => Cell::Zero,
                    Parsed::Nsp => Cell::Nsp,
                    // Year unknown, month or day known: partially known, nothing to compare.
                    Parsed::NoYear => Cell::Valid,
                    Parsed::Known(s) => {
                        self.span[i] = Some(s);
                        if s.year() < 1920 {
                            let q = quote(v);
                            self.note(
                                out,
                                Code::YearBefore1920,
                                i,
                                &[("variable", var), ("valeur", &q)],
                            );
                        }
                        Cell::Valid
                    }
                    Parsed::Bad(why) => self.bad_format(out, i, v, why),
                }
            }
            Kind::Month => match value::month(v) {
                Ok(Some(_)) => Cell::Valid,
                Ok(None) => Cell::Nsp,
                Err(why) => self.bad_format(out, i, v, why),
            },
            Kind::Count => match value::count(v) {
                Ok(()) if info.nsp.is_some_and(|n| same(n, v)) => Cell::Nsp,
                Ok(()) => Cell::Valid,
                Err(why) => self.bad_format(out, i, v, why),
            },
            Kind::Hex40 => match value::hex40(v) {
                None => Cell::Valid,
                Some(detail) => {
                    self.emit(
                        out,
                        Code::IdentifierInvalid,
                        i,
                        &[("variable", var), ("detail", detail)],
                    );
                    Cell::Invalid
                }
            },
            Kind::Text40 | Kind::Utdp => {
                let max = if info.kind == Kind::Utdp { 3 } else { 40 };
                let n = v.chars().count();
                if n <= max {
                    Cell::Valid
                } else {
                    let why =
                        format!("au plus {max} caractères sont admis, la valeur en compte {n}");
                    self.emit(
                        out,
                        Code::InvalidFormat,
                        i,
                        &[("variable", var), ("valeur", ""), ("attendu", &why)],
                    );
                    Cell::Invalid
                }
            }
        };
        self.cell[i] = cell;
    }

    fn classify_code(&mut self, i: usize, v: &str, out: &mut Vec<Finding>) -> Cell {
        let info = &self.t.vars[i];
        let var = info.code;
        if let Some(k) = pack(v) {
            if let Some(n) = info.keys.get(k) {
                self.code[i] = n;
                return if info.nsp.is_some_and(|n| same(n, v)) {
                    Cell::Nsp
                } else {
                    Cell::Valid
                };
            }
        }
        if info.kind == Kind::Departement && NUMDEP_OUTSIDE_XSD.contains(&v) {
            self.note(out, Code::NumdepOutsideXsd, i, &[("valeur", v)]);
            return Cell::Valid;
        }
        let q = quote(v);
        if let Some((codes, replaced)) = info.legacy {
            if codes.contains(&v) {
                self.emit(
                    out,
                    Code::LegacyCode,
                    i,
                    &[
                        ("variable", var),
                        ("valeur", &q),
                        ("remplacement", replaced),
                    ],
                );
                return Cell::Invalid;
            }
        }
        let expected = if info.codes.len() <= 12 {
            let mut s = String::from("codes admis : ");
            s.push_str(&info.codes.join(", "));
            s
        } else {
            "voir la liste des codes de la variable dans le dictionnaire".to_owned()
        };
        self.emit(
            out,
            Code::InvalidCode,
            i,
            &[("variable", var), ("valeur", &q), ("attendu", &expected)],
        );
        Cell::Invalid
    }

    // ----- phase 2: mandatory list and imperative dates ---------------------------------

    fn mandatory(&mut self, out: &mut Vec<Finding>) {
        // A nominative record gets its identifiers from the pseudonymisation, whose own codes
        // (identity-missing…) report a failure: an empty NUMANONYM is not the user's error.
        let id = &self.rec.identity;
        let nominative = !(id.prenom.is_empty()
            && id.nommere.is_empty()
            && id.nomusage.is_empty()
            && id.jnais.is_empty()
            && id.numdo.is_empty());
        for &i in MANDATORY {
            if nominative && matches!(i, ids::NUMANONYM | ids::NUMANONYMANT) {
                continue;
            }
            if matches!(self.cell[i], Cell::Empty | Cell::Zero) && self.t.vars[i].known {
                let detail = if self.cell[i] == Cell::Zero {
                    "pour tout événement (la valeur « 0000 » compte comme vide)"
                } else {
                    "pour tout événement"
                };
                let var = self.t.vars[i].code;
                self.emit_missing(
                    out,
                    Code::MandatoryMissing,
                    i,
                    &[("variable", var), ("detail", detail)],
                );
            }
        }
        if self.typev == Some(3) && matches!(self.cell[ids::MOTFININT], Cell::Empty) {
            let var = self.t.vars[ids::MOTFININT].code;
            self.emit_missing(
                out,
                Code::MandatoryMissing,
                ids::MOTFININT,
                &[
                    ("variable", var),
                    ("detail", "sur une ligne de fin (TYPEV = 3)"),
                ],
            );
        }
        let imperative: &[usize] = if self.typev == Some(3) {
            &[ids::DATDECPE, ids::DATDEB, ids::DATFIN]
        } else {
            &[ids::DATDECPE, ids::DATDEB]
        };
        for &i in imperative {
            if i == ids::DATDEB && self.decision_not_started() {
                // Decided in the reference year and not yet started: the file rules decide,
                // once the reference year is known (`decision-not-started`, §0.2).
                continue;
            }
            let detail = if i == ids::DATFIN {
                "sur une ligne de fin (TYPEV = 3)"
            } else {
                "pour tout événement"
            };
            let state = match self.cell[i] {
                Cell::Empty => Some("est vide"),
                Cell::Zero => Some("vaut « 0000-00-00 », qui compte comme vide"),
                Cell::Nsp => Some("vaut « 9999-99-99 » (inconnue), ce qui n'est pas admis pour une date impérative"),
                _ => None,
            };
            let var = self.t.vars[i].code;
            if let Some(state) = state {
                self.emit_missing(
                    out,
                    Code::ImperativeDateMissing,
                    i,
                    &[("variable", var), ("detail", detail), ("etat", state)],
                );
            } else if self.cell[i] == Cell::Valid && self.span[i].is_none_or(|s| !s.exact()) {
                // A day, a month or a year unknown (`9999-05-12` has no span).
                let q = quote(self.v(i));
                self.note(
                    out,
                    Code::ImperativeDatePartial,
                    i,
                    &[("variable", var), ("valeur", &q)],
                );
            }
        }
        // DATFIN on an opening or a renewal (a `0000-00-00` is only `date-zero`).
        if matches!(self.typev, Some(1 | 2)) && self.filled(ids::DATFIN) {
            let q = quote(self.v(ids::DATFIN));
            let tv = typev_label(self.typev);
            self.emit(
                out,
                Code::DatfinWrongTypev,
                ids::DATFIN,
                &[("valeur", &q), ("typev", tv)],
            );
        }
        // Null dates elsewhere.
        for i in 0..N_ALL {
            if self.cell[i] == Cell::Zero && !self.is_reported(i) {
                let q = quote(self.v(i));
                let var = self.t.vars[i].code;
                self.emit(out, Code::DateZero, i, &[("variable", var), ("valeur", &q)]);
            }
        }
    }

    // ----- phase 3: birth and ages ------------------------------------------------------

    /// The birth as a span (year known; month known or not), when valid.
    fn birth(&self) -> Option<Span> {
        let y = self.span[ids::ANAIS]?.year();
        match self.cell[ids::MNAIS] {
            Cell::Valid => {
                let m: u32 = self.v(ids::MNAIS).parse().ok()?;
                let base = y * 10_000 + m * 100;
                Some(Span {
                    lo: base + 1,
                    hi: base + value::days_in_month(y, m),
                })
            }
            Cell::Nsp => Some(Span {
                lo: y * 10_000 + 101,
                hi: y * 10_000 + 1231,
            }),
            _ => None,
        }
    }

    /// Age at the first of `dates` whose year is known (§0.2: no age when the birth year or
    /// month is unknown).
    fn age_at(&self, dates: &[usize]) -> Option<Age> {
        if self.cell[ids::MNAIS] != Cell::Valid {
            return None;
        }
        let by = self.span[ids::ANAIS]?.year() as i32;
        let bm: i32 = self.v(ids::MNAIS).parse().ok()?;
        let at = *dates.iter().find(|&&d| self.span[d].is_some())?;
        let s = self.span[at]?;
        let age = |key: u32| {
            let (y, m) = ((key / 10_000) as i32, ((key / 100) % 100) as i32);
            y - by - i32::from(m < bm)
        };
        Some(Age {
            lo: age(s.lo),
            hi: age(s.hi),
            at,
        })
    }

    fn ages(&mut self, out: &mut Vec<Finding>) {
        // An event of the young person dated before the birth month (§0.2 More severities;
        // the parents' death dates are not events of the young person). One finding, on
        // ANAIS, naming the earliest such date: within the nine months before the birth month
        // it may be a prenatal measure (home help to a pregnant woman, CASF L.222-2, or an
        // information préoccupante about an unborn child) — `event-before-birth`, a warning,
        // and the age rules still run; earlier, the birth is the likelier culprit —
        // `birth-after-event`, an error, and ages are meaningless.
        if let Some(b) = self.birth() {
            const EVENTS: [usize; 10] = [
                ids::DATIP,
                ids::DATSIGN,
                ids::DATJE,
                ids::NOTIFEVAL,
                ids::FINEVAL,
                ids::DATDECAP,
                ids::DATPPE,
                ids::DATDECPE,
                ids::DATDEB,
                ids::DATFIN,
            ];
            // Known year and month only; a year before 1920 has its own warning (a converted
            // null date), not this one.
            let month_of = |key: u32| (key / 10_000) as i32 * 12 + ((key / 100) % 100) as i32 - 1;
            let earliest = EVENTS
                .iter()
                .copied()
                .filter_map(|e| self.span[e].map(|s| (s, e)))
                .filter(|(s, _)| s.lo / 100 == s.hi / 100 && s.year() >= 1920 && s.hi < b.lo)
                .min_by_key(|(s, _)| s.lo);
            if let Some((s, e)) = earliest {
                let born = format!(
                    "{}-{}",
                    quote(self.v(ids::ANAIS)),
                    quote(self.v(ids::MNAIS))
                );
                let d = quote(self.v(e));
                let ev = self.t.vars[e].code;
                let args = [("naissance", born.as_str()), ("date_var", ev), ("date", &d)];
                if month_of(s.lo) < month_of(b.lo) - 9 {
                    self.emit(out, Code::BirthAfterEvent, ids::ANAIS, &args);
                    return;
                }
                // A remark: ANAIS stays usable (parents' birth years, ages).
                self.note(out, Code::EventBeforeBirth, ids::ANAIS, &args);
            }
        }
        let decision = self.age_at(&[ids::DATDECPE, ids::DATDEB]);
        self.decision_age = decision;
        self.event_age = if self.typev == Some(3) {
            self.age_at(&[ids::DATFIN, ids::DATDEB])
        } else {
            decision
        };
        if let Some(a) = decision {
            if a.lo > 20 {
                let age = age_text(a);
                let d = quote(self.v(a.at));
                let at = self.t.vars[a.at].code;
                self.emit(
                    out,
                    Code::AgeOver20,
                    ids::ANAIS,
                    &[("age", &age), ("date_var", at), ("date", &d)],
                );
            }
        }
    }

    // ----- phase 4: applicability -------------------------------------------------------

    /// Event type part of applicability: `(forbidden, expected)`, each unknown without TYPEV.
    fn event(&self, i: usize) -> (Option<bool>, Option<bool>) {
        event_part(&self.t.vars[i], self.typev)
    }

    /// The age a variable's bounds are judged at: the age at the event date (§0.2 Age),
    /// except `NBCHGLIEU`, judged at the decision (§0.2 Rules the guide does not support: the
    /// count of a minor's placement that ends at majority is still asked for).
    fn age_for(&self, i: usize) -> Option<Age> {
        if i == ids::NBCHGLIEU {
            self.decision_age
        } else {
            self.event_age
        }
    }

    /// Age part of applicability (§5.3 bounds from the dictionary).
    fn age_ok(&self, i: usize) -> Option<bool> {
        let info = &self.t.vars[i];
        if info.min_age.is_none() && info.max_age.is_none() {
            return Some(true);
        }
        let a = self.age_for(i)?;
        and(
            info.min_age.map_or(Some(true), |n| a.at_least(n)),
            info.max_age
                .map_or(Some(true), |n| a.at_least(n).map(|b| !b)),
        )
    }

    /// `status(i) == Status::Required`, without evaluating the conditions when the event
    /// type, the age or the variable's own flags already exclude it. Statuses are a pure
    /// function of the record (the conditions refer to one another without cycles, a test
    /// checks it), so an evaluation skipped here changes no other answer.
    fn required(&mut self, i: usize) -> bool {
        match self.memo[i] {
            Status::NotComputed => {}
            s => return s == Status::Required,
        }
        let info = &self.t.vars[i];
        if info.situational || matches!(info.compiled.as_deref(), Some((Compiled::False, _))) {
            return false;
        }
        let (forbidden, expected) = self.event(i);
        if forbidden == Some(true) || expected != Some(true) || self.age_ok(i) != Some(true) {
            return false;
        }
        self.status_from_conditions(i, expected, Some(true)) == Status::Required
    }

    /// [`Ctx::status`], without a call when it is already known.
    #[inline(always)]
    fn status_fast(&mut self, i: usize) -> Status {
        match self.memo[i] {
            Status::NotComputed | Status::InProgress => self.status(i),
            s => s,
        }
    }

    fn status(&mut self, i: usize) -> Status {
        match self.memo[i] {
            Status::NotComputed => {}
            Status::InProgress => return Status::Other, // a cycle: treat as unknown
            s => return s,
        }
        let (forbidden, expected) = self.event(i);
        let age = self.age_ok(i);
        if forbidden == Some(true) || age == Some(false) {
            // Not applicable whatever the conditions say.
            self.memo[i] = Status::NotApplicable;
            return Status::NotApplicable;
        }
        self.status_from_conditions(i, expected, age)
    }

    /// The end of [`Ctx::status`] once the event type does not forbid the variable and the
    /// age does not exclude it: the conditions decide (memoised).
    fn status_from_conditions(
        &mut self,
        i: usize,
        expected: Option<bool>,
        age: Option<bool>,
    ) -> Status {
        let t = self.t;
        self.memo[i] = Status::InProgress;
        let (req, allowed) = match t.vars[i].compiled.as_deref() {
            Some((required, allowed)) => (self.eval(required), self.eval(allowed)),
            None => (Some(true), Some(true)),
        };
        let st = if allowed == Some(false) {
            Status::NotApplicable
        } else if expected == Some(true)
            && age == Some(true)
            && req == Some(true)
            && !t.vars[i].situational
        {
            Status::Required
        } else {
            Status::Other
        };
        self.memo[i] = st;
        st
    }

    fn eval(&mut self, c: &'static Compiled) -> Option<bool> {
        match c {
            Compiled::True => Some(true),
            Compiled::False => Some(false),
            &Compiled::Is(j, mask) => match self.cell[j] {
                // A value filled where it does not apply is already reported; its dependents
                // are not judged on it.
                Cell::Valid => {
                    if self.status_fast(j) == Status::NotApplicable {
                        None
                    } else {
                        let n = u32::from(self.code[j]);
                        Some(n < 128 && (mask >> n) & 1 == 1)
                    }
                }
                Cell::Nsp | Cell::Invalid => None,
                Cell::Empty | Cell::Zero => {
                    (self.status_fast(j) == Status::NotApplicable).then_some(false)
                }
            },
            &Compiled::Filled(j) => match self.cell[j] {
                Cell::Valid | Cell::Nsp => Some(true),
                Cell::Empty | Cell::Zero => Some(false),
                Cell::Invalid => None,
            },
            &Compiled::Absent(j) => match self.cell[j] {
                Cell::Valid | Cell::Nsp => Some(false),
                Cell::Invalid => None,
                Cell::Empty | Cell::Zero => {
                    (self.status_fast(j) == Status::NotApplicable).then_some(true)
                }
            },
            // Kleene logic: an unknown operand does not stop the evaluation, so no try_fold.
            Compiled::Any(cs) => {
                let mut acc = Some(false);
                for c in cs {
                    acc = or(acc, self.eval(c));
                }
                acc
            }
            Compiled::All(cs) => {
                let mut acc = Some(true);
                for c in cs {
                    acc = and(acc, self.eval(c));
                }
                acc
            }
        }
    }

    fn applicability(&mut self, out: &mut Vec<Finding>) {
        for i in 0..N_ALL {
            let info = &self.t.vars[i];
            if !info.known || self.is_reported(i) {
                continue;
            }
            match self.cell[i] {
                Cell::Valid | Cell::Nsp => self.check_filled(i, out),
                Cell::Empty => {
                    if info.empty != Empty::Skip && self.required(i) {
                        self.report_empty(i, out);
                    }
                }
                Cell::Zero | Cell::Invalid => {}
            }
        }
        self.majority_group(out);
    }

    /// True on the end line (TYPEV 3) of a measure that ends at majority (`MOTIFML` 15).
    fn ends_at_majority(&self) -> bool {
        self.typev == Some(3)
            && self.cell[ids::MOTIFML] == Cell::Valid
            && self.v(ids::MOTIFML) == "15"
    }

    /// The grouped warning for the variables reserved to minors filled on the end line of a
    /// measure ending at majority (§0.2): one finding for the line, naming them.
    fn majority_group(&mut self, out: &mut Vec<Finding>) {
        if self.majority == 0 {
            return;
        }
        let Some(a) = self.event_age else { return };
        let names: Vec<&str> = (0..N_ALL)
            .filter(|&i| self.majority & (1u128 << i) != 0)
            .map(|i| self.t.vars[i].code)
            .collect();
        let (agetxt, date_ref) = (age_text(a), date_ref_text(self, a));
        out.push(finding(
            Code::ReservedMinorsAtMajority,
            Some(self.rec.row),
            Some(self.rec.line),
            None,
            &[
                ("age", &agetxt),
                ("date_ref", &date_ref),
                ("variables", &names.join(", ")),
            ],
        ));
    }

    /// `nsp-not-applicable`: the variable's "ne sait pas" code where it does not apply
    /// (event type, age or condition), `why` completing "… ne s'applique pas ici : {why}".
    fn nsp_not_applicable(&mut self, out: &mut Vec<Finding>, i: usize, why: &str) {
        let var = self.t.vars[i].code;
        let q = quote(self.v(i));
        self.emit(
            out,
            Code::NspNotApplicable,
            i,
            &[("variable", var), ("valeur", &q), ("raison", why)],
        );
    }

    fn check_filled(&mut self, i: usize, out: &mut Vec<Finding>) {
        let info = &self.t.vars[i];
        if info.mandatory || i == ids::UTDP {
            return;
        }
        let var = info.code;
        let nsp = self.cell[i] == Cell::Nsp;
        let (forbidden, _) = self.event(i);
        let age = self.age_ok(i);
        if forbidden == Some(true) {
            if i != ids::DATFIN {
                let t = typev_label(self.typev);
                let rule = typev_rule(info.forbidden);
                if nsp {
                    let why = format!("sur un événement de type {t}, {rule}");
                    self.nsp_not_applicable(out, i, &why);
                } else {
                    self.emit(
                        out,
                        Code::FilledWrongEvent,
                        i,
                        &[("variable", var), ("typev", t), ("regle", rule)],
                    );
                }
            }
            return;
        }
        if age == Some(false) {
            if let Some(a) = self.age_for(i) {
                let (min, max) = (info.min_age, info.max_age);
                let agetxt = age_text(a);
                let date_ref = date_ref_text(self, a);
                let objet = format!("La variable {var}");
                let minors_only = max == Some(18) && a.at_least(18) == Some(true);
                if minors_only && self.ends_at_majority() {
                    // One grouped warning for the line (see `majority_group`).
                    self.reported[i] = true;
                    self.majority |= 1u128 << i;
                } else if nsp {
                    let why = if minors_only {
                        format!("elle ne concerne que les mineurs, or le jeune a {agetxt} ans {date_ref}")
                    } else if min == Some(18) && a.at_least(18) == Some(false) {
                        format!(
                            "elle ne concerne que les jeunes majeurs, or le jeune a {agetxt} ans \
                             {date_ref}"
                        )
                    } else {
                        format!(
                            "elle ne concerne pas un jeune de cet âge ({agetxt} ans {date_ref})"
                        )
                    };
                    self.nsp_not_applicable(out, i, &why);
                } else if minors_only {
                    self.emit(
                        out,
                        Code::ReservedMinors,
                        i,
                        &[
                            ("objet", &objet),
                            ("age", &agetxt),
                            ("date_ref", &date_ref),
                            ("correction", "Laissez-la vide pour un majeur"),
                        ],
                    );
                } else if min == Some(18) && a.at_least(18) == Some(false) {
                    self.emit(
                        out,
                        Code::ReservedAdults,
                        i,
                        &[
                            ("objet", &objet),
                            ("age", &agetxt),
                            ("date_ref", &date_ref),
                            ("correction", "Laissez-la vide pour un mineur"),
                        ],
                    );
                } else {
                    let cond = match (min, max) {
                        (Some(n), _) if a.at_least(n) == Some(false) => {
                            format!("les jeunes de {n} ans ou plus, or le jeune a {agetxt} ans {date_ref}")
                        }
                        (_, Some(n)) => {
                            format!("les enfants de moins de {n} ans, or le jeune a {agetxt} ans {date_ref}")
                        }
                        _ => format!("certains âges, or le jeune a {agetxt} ans {date_ref}"),
                    };
                    let q = self.quoted(i);
                    self.emit(
                        out,
                        Code::FilledOutsideCondition,
                        i,
                        &[("variable", var), ("valeur", &q), ("condition", &cond)],
                    );
                }
            }
            return;
        }
        if let (Some(s), Some((_, allowed))) = (info.scope, info.compiled.as_deref()) {
            let home_schooling = i == ids::TYPETABSPE && self.v(i) == "900";
            if !home_schooling && self.eval(allowed) == Some(false) {
                if nsp {
                    let why = format!("elle ne concerne que {}", s.only);
                    self.nsp_not_applicable(out, i, &why);
                    return;
                }
                let q = self.quoted(i);
                self.emit(
                    out,
                    Code::FilledOutsideCondition,
                    i,
                    &[("variable", var), ("valeur", &q), ("condition", s.only)],
                );
                return;
            }
        }
        // Values that carry their own warning (§4.4, §0.2).
        if i == ids::LIEUPLAC && self.v(i) == "20" {
            self.emit(out, Code::Lieuplac20, i, &[]);
        } else if i == ids::NATPDECADM && self.v(i) == "19" {
            self.emit(out, Code::Natpdecadm19, i, &[]);
        }
    }

    fn report_empty(&mut self, i: usize, out: &mut Vec<Finding>) {
        let info = &self.t.vars[i];
        let var = info.code;
        let because = info.scope.map_or("", |s| s.because);
        match info.empty {
            Empty::Cascade | Empty::CascadeMinor => {
                let code = if info.empty == Empty::Cascade {
                    Code::CascadeMissing
                } else {
                    Code::CascadeMissingMinor
                };
                let because = if i == ids::CHGLIEU {
                    "l'événement renouvelle le placement ou l'accueil d'un mineur (TYPEV = 2)"
                } else {
                    because
                };
                self.emit_missing(out, code, i, &[("variable", var), ("condition", because)]);
            }
            Empty::Warn if self.rec.is_present(i) => {
                let reason = if because.is_empty() {
                    let mut r = format!(
                        "elle s'applique aux événements de type {}",
                        self.typev.map_or(0, |t| t)
                    );
                    if info.typev == [true; 3] {
                        r = "elle s'applique à tous les événements".to_owned();
                    }
                    if let (Some(a), true) = (
                        self.event_age,
                        info.min_age.is_some() || info.max_age.is_some(),
                    ) {
                        r.push_str(&format!(" et à l'âge du jeune ({} ans)", age_text(a)));
                    }
                    r
                } else {
                    because.to_owned()
                };
                let nsp = match info.nsp {
                    Some(n) => format!("« {n} » (ne sait pas)"),
                    None => "avec la valeur « ne sait pas » prévue".to_owned(),
                };
                self.emit(
                    out,
                    Code::ApplicableEmpty,
                    i,
                    &[("variable", var), ("raison", &reason), ("nsp", &nsp)],
                );
            }
            Empty::Warn | Empty::Skip => {}
        }
    }

    // ----- phase 5: reserved modalities -------------------------------------------------

    /// Reserved modalities of the measure's nature (§4.4), judged on the age at the decision
    /// (`DATDECPE`, else `DATDEB`) on every line of the measure, its end line included (§0.2
    /// Modalities reserved by age, guide p. 43): the nature was chosen at the decision, so a
    /// minor's measure that ends after the 18th birthday is not flagged, and a young adults'
    /// accueil decided at 17 is flagged on its end line as on its opening.
    fn modalities(&mut self, out: &mut Vec<Finding>) {
        let Some(a) = self.decision_age else {
            return;
        };
        let adult = a.at_least(18);
        let checks: [(usize, &[&str], &[&str]); 2] = [
            // (variable, reserved to young adults, allowed for adults)
            (ids::NATPDECADM, &["20", "21"], &["18", "20", "21"]),
            (ids::NATDECASSED, &["24"], &["21", "24"]),
        ];
        for (i, adults_only, adult_ok) in checks {
            if self.cell[i] != Cell::Valid || self.is_reported(i) {
                continue;
            }
            let v = self.v(i);
            let (code, correction) = if adult == Some(false) && adults_only.contains(&v) {
                (
                    Code::ReservedAdults,
                    "Codez la nature de la mesure prévue pour un mineur",
                )
            } else if adult == Some(true) && !adult_ok.contains(&v) {
                (
                    Code::ReservedMinors,
                    "Codez la nature de la mesure prévue pour un jeune majeur (NATPDECADM 18, 20 \
                     ou 21 ; NATDECASSED 21 ou 24)",
                )
            } else {
                continue;
            };
            let objet = format!("La modalité « {} » de {}", quote(v), self.t.vars[i].code);
            let agetxt = age_text(a);
            let date_ref = date_ref_text(self, a);
            self.emit(
                out,
                code,
                i,
                &[
                    ("objet", &objet),
                    ("age", &agetxt),
                    ("date_ref", &date_ref),
                    ("correction", correction),
                ],
            );
        }
    }

    // ----- phase 5b: rules from the guide's text (§0.2, added 2026-12-06) -------------

    /// A value the rules may judge: valid (informative) and not reported as misplaced.
    fn usable(&self, i: usize) -> Option<&'a str> {
        (self.cell[i] == Cell::Valid && !self.is_reported(i)).then(|| self.v(i))
    }

    /// Filled in any way (a code, "ne sait pas", even an invalid value already reported).
    fn any_value(&self, i: usize) -> bool {
        matches!(self.cell[i], Cell::Valid | Cell::Nsp | Cell::Invalid)
    }

    fn guide_rules(&mut self, out: &mut Vec<Finding>) {
        // NBFRAT counts the minor (p. 27: « si le mineur n'a pas de frère et sœur, coder 1 »).
        if self
            .usable(ids::NBFRAT)
            .is_some_and(|v| v.bytes().all(|b| b == b'0'))
        {
            self.emit(out, Code::NbfratZero, ids::NBFRAT, &[]);
        }
        // AEMO with accommodation is NATDECASSED 16 with TYPDECJUD 7 or 8, and the AED's
        // accommodation TYPINTERDOM 4 or 5 goes with NATPDECADM 10 (p. 9).
        if let (Some(nat), Some(typ)) = (self.usable(ids::NATDECASSED), self.usable(ids::TYPDECJUD))
        {
            let hosted = matches!(typ, "7" | "8");
            let rule = if nat == "16" && !hosted {
                Some(
                    "l'AEMO avec hébergement (NATDECASSED 16) se code avec TYPDECJUD 7 \
                     (hébergement périodique) ou 8 (hébergement exceptionnel)",
                )
            } else if nat != "16" && hosted {
                Some(
                    "TYPDECJUD 7 et 8 (AEMO avec hébergement périodique ou exceptionnel) vont \
                     avec NATDECASSED 16 (AEMO avec hébergement)",
                )
            } else {
                None
            };
            if let Some(rule) = rule {
                self.mismatch(out, ids::TYPDECJUD, ids::NATDECASSED, rule);
            }
        }
        if let (Some(nat), Some(typ)) =
            (self.usable(ids::NATPDECADM), self.usable(ids::TYPINTERDOM))
        {
            if matches!(typ, "4" | "5") && nat != "10" {
                self.mismatch(
                    out,
                    ids::TYPINTERDOM,
                    ids::NATPDECADM,
                    "TYPINTERDOM 4 et 5 (action éducative à domicile avec hébergement périodique ou \
                     exceptionnel) vont avec NATPDECADM 10 (aide à domicile)",
                );
            }
        }
        // "Other" natures: « soit … soit » one of the two blocks (p. 9).
        if self.usable(ids::NATPDECADM) == Some("18")
            && !self.any_value(ids::TYPINTERDOM)
            && ![ids::LIEUACC, ids::ACCMOD, ids::AUTRLIEUACC]
                .iter()
                .any(|&i| self.any_value(i))
        {
            self.emit(
                out,
                Code::OtherNatureBlocksEmpty,
                ids::NATPDECADM,
                &[
                    ("variable", "NATPDECADM"),
                    ("valeur", "18"),
                    ("libelle", "autre décision administrative"),
                    (
                        "blocs",
                        "l'intervention à domicile (TYPINTERDOM) pour une aide à domicile, ou \
                         l'accueil (LIEUACC, ACCMOD, AUTRLIEUACC) pour une prise en charge avec \
                         hébergement",
                    ),
                ],
            );
        }
        if self.usable(ids::NATDECASSED) == Some("21")
            && ![
                ids::TYPDECJUD,
                ids::NATDECPLAC,
                ids::INSTITPLAC,
                ids::LIEUPLAC,
                ids::PLACMOD,
                ids::AUTRLIEUAR,
            ]
            .iter()
            .any(|&i| self.any_value(i))
        {
            self.emit(
                out,
                Code::OtherNatureBlocksEmpty,
                ids::NATDECASSED,
                &[
                    ("variable", "NATDECASSED"),
                    ("valeur", "21"),
                    ("libelle", "autre mesure judiciaire"),
                    (
                        "blocs",
                        "le type d'intervention (TYPDECJUD) pour un milieu ouvert ou une \
                         investigation, ou le placement (NATDECPLAC, INSTITPLAC, LIEUPLAC, \
                         PLACMOD, AUTRLIEUAR) pour une prise en charge avec hébergement",
                    ),
                ],
            );
        }
        // Accueil provisoire jeune majeur → MENAGEJM « 8 = Autre situation » (p. 27).
        if self.usable(ids::NATPDECADM) == Some("21") {
            if let Some(v) = self.usable(ids::MENAGEJM).filter(|v| *v != "8") {
                let q = quote(v);
                self.emit(
                    out,
                    Code::MenagejmExpected8,
                    ids::MENAGEJM,
                    &[("valeur", &q)],
                );
            }
        }
        // A pupille de l'État's parental authority is the préfet's (p. 28: « 80 = Préfet :
        // quand le mineur est admis en qualité de pupille de l'Etat »).
        if self.usable(ids::NATPDECADM) == Some("15")
            && matches!(self.cell[ids::TITAP], Cell::Valid | Cell::Nsp)
            && !self.is_reported(ids::TITAP)
            && self.v(ids::TITAP) != "80"
        {
            let q = quote(self.v(ids::TITAP));
            self.emit(out, Code::PupilleTitap80, ids::TITAP, &[("valeur", &q)]);
        }
    }

    /// `nature-type-mismatch` on variable `i`, whose value contradicts that of `other`.
    fn mismatch(&mut self, out: &mut Vec<Finding>, i: usize, other: usize, rule: &str) {
        let (var, autre) = (self.t.vars[i].code, self.t.vars[other].code);
        let (v, w) = (quote(self.v(i)), quote(self.v(other)));
        self.emit(
            out,
            Code::NatureTypeMismatch,
            i,
            &[
                ("variable", var),
                ("valeur", &v),
                ("autre", autre),
                ("autre_valeur", &w),
                ("regle", rule),
            ],
        );
    }

    // ----- phase 6: dates ---------------------------------------------------------------

    fn usable_span(&self, i: usize) -> Option<Span> {
        if self.cell[i] == Cell::Valid && !self.is_reported(i) {
            self.span[i]
        } else {
            None
        }
    }

    fn date_order(&mut self, out: &mut Vec<Finding>) {
        const CHAIN: [usize; 4] = [ids::DATIP, ids::NOTIFEVAL, ids::FINEVAL, ids::DATDECPE];
        let mut pairs: [(usize, usize); 5] = [(0, 0); 5];
        let mut n = 0;
        let mut prev: Option<usize> = None;
        for &i in &CHAIN {
            if self.usable_span(i).is_some() {
                if let Some(p) = prev {
                    pairs[n] = (p, i);
                    n += 1;
                }
                prev = Some(i);
            }
        }
        pairs[n] = (ids::DATDECPE, ids::DATDEB);
        pairs[n + 1] = (ids::DATDEB, ids::DATFIN);
        n += 2;
        for &(a, b) in &pairs[..n] {
            let (Some(sa), Some(sb)) = (self.usable_span(a), self.usable_span(b)) else {
                continue;
            };
            if sa.lo > sb.hi {
                let (va, vb) = (quote(self.v(a)), quote(self.v(b)));
                let (ca, cb) = (self.t.vars[a].code, self.t.vars[b].code);
                let order = format!("{ca} ≤ {cb}");
                self.emit(
                    out,
                    Code::DateOrder,
                    b,
                    &[
                        ("variable", cb),
                        ("valeur", &vb),
                        ("autre", ca),
                        ("autre_valeur", &va),
                        ("ordre", &order),
                    ],
                );
            }
        }
    }

    fn parents(&mut self, out: &mut Vec<Finding>) {
        if self.is_reported(ids::ANAIS) {
            return;
        }
        let Some(child) = self.span[ids::ANAIS].map(|s| s.year() as i32) else {
            return;
        };
        for i in [ids::ANSA1, ids::ANSA2, ids::ANSMERE, ids::ANSPERE] {
            let Some(s) = self.usable_span(i) else {
                continue;
            };
            let diff = child - s.year() as i32;
            if diff >= 10 {
                continue;
            }
            let problem = if diff < 0 {
                "l'adulte serait né après le jeune"
            } else if diff == 0 {
                "l'adulte serait né la même année que le jeune"
            } else {
                "l'adulte aurait eu moins de 10 ans à la naissance du jeune"
            };
            let (y, c) = (quote(self.v(i)), quote(self.v(ids::ANAIS)));
            let var = self.t.vars[i].code;
            self.emit(
                out,
                Code::ParentBirthYear,
                i,
                &[
                    ("variable", var),
                    ("annee", &y),
                    ("anais", &c),
                    ("probleme", problem),
                ],
            );
        }
    }
}

fn age_text(a: Age) -> String {
    if a.lo == a.hi {
        a.lo.to_string()
    } else {
        format!("{} ou {}", a.lo, a.hi)
    }
}

fn date_ref_text(ctx: &Ctx<'_>, a: Age) -> String {
    format!(
        "à la date {} « {} »",
        ctx.t.vars[a.at].code,
        quote(ctx.v(a.at))
    )
}

fn typev_label(t: Option<usize>) -> &'static str {
    match t {
        Some(1) => "1 (mesure ou prestation)",
        Some(2) => "2 (renouvellement)",
        Some(3) => "3 (fin)",
        _ => "inconnu",
    }
}

fn typev_rule(forbidden: [bool; 3]) -> &'static str {
    match forbidden {
        [false, true, true] => "elle ne se renseigne que sur les lignes de type 1",
        [true, false, true] => "elle ne se renseigne que sur les renouvellements (type 2)",
        [true, true, false] => "elle ne se renseigne que sur les lignes de fin (type 3)",
        [false, true, false] => "elle ne se renseigne pas sur les renouvellements (type 2)",
        [true, false, false] => "elle ne se renseigne pas sur les lignes de type 1",
        [false, false, true] => "elle ne se renseigne pas sur les lignes de fin (type 3)",
        _ => "voir le bloc de la variable dans le guide",
    }
}

/// What the variable statistics and the audit need about a record's cells, found by
/// [`check_with_facts`] in the same pass as the format checks (bit `i` for variable `i`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CellFacts {
    /// Filled: not empty, and not `0000-00-00`, `0000-00` or `0000` (whatever the type).
    pub filled: u128,
    /// Filled and not the variable's "ne sait pas" code.
    pub informative: u128,
}

impl CellFacts {
    /// The facts of a record, computed alone (for records the rules do not check).
    pub fn of(rec: &Record) -> Self {
        let t = tables();
        let mut f = CellFacts::default();
        for i in 0..N_ALL {
            f.add(i, rec.get(i), t.vars[i].nsp);
        }
        f
    }

    #[inline]
    fn add(&mut self, i: usize, v: &str, nsp: Option<&str>) {
        if v.is_empty() || is_zero_literal(v) {
            return;
        }
        self.filled |= 1u128 << i;
        if !nsp.is_some_and(|n| same(n, v)) {
            self.informative |= 1u128 << i;
        }
    }
}

/// `0000-00-00`, `0000-00` or `0000`: a database's null, counted as not filled.
#[inline]
pub fn is_zero_literal(v: &str) -> bool {
    matches!(v.len(), 4 | 7 | 10)
        && v.as_bytes()[0] == b'0'
        && matches!(v, "0000-00-00" | "0000-00" | "0000")
}

/// True when the record may be the « décision » line of a measure decided and not started
/// yet (docs/spec/OLINPE.md §0.2 Imperative dates, guide p. 5): TYPEV 1 or 2, `DATDEB`
/// present but empty or `9999-99-99`, and a valid `DATDECPE` whose year is known. The record
/// rules leave its `DATDEB` to the file rules, which know the reference year: a decision of
/// that year is `decision-not-started` (information), any other is `imperative-date-missing`.
pub(crate) fn is_decision_not_started(rec: &Record) -> bool {
    matches!(rec.get(ids::TYPEV), "1" | "2")
        && rec.is_present(ids::DATDEB)
        && matches!(rec.get(ids::DATDEB), "" | "9999-99-99")
        && matches!(value::date(rec.get(ids::DATDECPE)), Parsed::Known(_))
}

/// Checks one record and appends its findings to `out` (in any order; the engine sorts).
pub fn check(rec: &Record, out: &mut Vec<Finding>) {
    check_with_facts(rec, out);
}

/// [`check`], also returning the record's [`CellFacts`].
pub fn check_with_facts(rec: &Record, out: &mut Vec<Finding>) -> CellFacts {
    let t = tables();
    let mut ctx = Ctx {
        rec,
        t,
        cell: [Cell::Empty; N_ALL],
        code: [u8::MAX; N_ALL],
        span: [None; N_ALL],
        reported: [false; N_ALL],
        typev: None,
        event_age: None,
        decision_age: None,
        memo: [Status::NotComputed; N_ALL],
        majority: 0,
    };
    let mut facts = CellFacts::default();
    for i in 0..N_ALL {
        if rec.is_empty(i) {
            continue;
        }
        let v = rec.get(i);
        facts.add(i, v, t.vars[i].nsp);
        ctx.classify(i, v, out);
    }
    ctx.typev = match (ctx.cell[ids::TYPEV], rec.get(ids::TYPEV)) {
        (Cell::Valid, "1") => Some(1),
        (Cell::Valid, "2") => Some(2),
        (Cell::Valid, "3") => Some(3),
        _ => None,
    };
    ctx.mandatory(out);
    ctx.ages(out);
    ctx.applicability(out);
    ctx.modalities(out);
    ctx.guide_rules(out);
    ctx.date_order(out);
    ctx.parents(out);
    facts
}

/// A complete, valid opening record (TYPEV 1) of a ten-year-old placed by a judge: it gives
/// no finding at all. Used by the tests, the fixtures and as a model for generated data.
pub const EXAMPLE_MINOR: &[(&str, &str)] = &[
    ("NUMDEP", "84"),
    ("NUMANONYM", "0123456789abcdef0123456789abcdef01234567"),
    ("NUMANONYMANT", "0123456789abcdef0123456789abcdef01234567"),
    ("TYPEV", "1"),
    ("SEXE", "1"),
    ("ANAIS", "2008"),
    ("MNAIS", "03"),
    ("MODACC", ""),
    ("SCODTCOM", "2"),
    ("NIVSCO", "340"),
    ("SCOCLASPE", "1"),
    ("TYPCLASSPE", ""),
    ("ETABSCOSPE", "1"),
    ("TYPETABSPE", ""),
    ("FREQSCO", "6"),
    ("HANDICAP", "1"),
    ("ORIENTDEC", "1"),
    ("ORIENTEFF", ""),
    ("TRAITINFO", "1"),
    ("DATIP", "2018-01-10"),
    ("DATSIGN", ""),
    ("DATJE", ""),
    ("ORIGIP", "31"),
    ("TRANSIP", "541"),
    ("MOTIFSIG", ""),
    ("ENQPENAL", "1"),
    ("SAISJUR", "1"),
    ("COMPOMENAG", "6"),
    ("AUTREHEBER", "1"),
    ("NBFRAT", "2"),
    ("MENAGEJM", ""),
    ("NBENF", "0"),
    ("TITAP", "11"),
    ("DECAP", "6"),
    ("DATDECAP", ""),
    ("LIENA1", "1"),
    ("LIENA2", "2"),
    ("SEXA1", "2"),
    ("SEXA2", "1"),
    ("ANSA1", "1982"),
    ("ANSA2", "1980"),
    ("EMPLA1", "20"),
    ("EMPLA2", "6"),
    ("CSPA1", "8"),
    ("CSPA2", "6"),
    ("EMPLJM", ""),
    ("CSPJM", ""),
    ("MINIMA", "2"),
    ("ALLOC", "1"),
    ("MEREINC", "1"),
    ("PEREINC", "1"),
    ("ANSMERE", "1982"),
    ("ANSPERE", "1978"),
    ("DCMERE", "1"),
    ("DCPERE", "1"),
    ("DATDCMERE", ""),
    ("DATDCPERE", ""),
    ("NOTIFEVAL", "2018-01-20"),
    ("FINEVAL", "2018-03-15"),
    ("MESANT", "1"),
    ("ACCFAM", "2"),
    ("CONDADD", "1"),
    ("DEFINTEL", "1"),
    ("CONFL", "2"),
    ("VIOLFAM", "2"),
    ("SOUTSOC", "2"),
    ("SANTE", "1"),
    ("SECURITE", "2"),
    ("MORALITE", "1"),
    ("CONDEDUC", "2"),
    ("CONDEDEV", "2"),
    ("VIOLSEX", "1"),
    ("VIOLPHYS", "2"),
    ("NEGLIG", "2"),
    ("VIOLPSY", "2"),
    ("VIOLCONJ", "2"),
    ("DANGER", "1"),
    ("MINA", "1"),
    ("DATDECPE", "2018-05-14"),
    ("INTERANT", "1"),
    ("PROJET", "2"),
    ("DATPPE", "2018-06-20"),
    ("DECISION", "2"),
    ("DATDEB", "2018-05-15"),
    ("NATPDECADM", ""),
    ("AUTREDA", ""),
    ("NATDECASSED", "17"),
    ("AUTREDJ", ""),
    ("NATDECPLAC", "2"),
    ("INSTITPLAC", "3"),
    ("TYPINTERDOM", ""),
    ("LIEUACC", ""),
    ("ACCMOD", ""),
    ("AUTRLIEUACC", ""),
    ("TYPDECJUD", ""),
    ("LIEUPLAC", "1"),
    ("PLACMOD", "1"),
    ("AUTRLIEUAR", "1"),
    ("CHGLIEU", ""),
    ("DATFIN", ""),
    ("MOTFININT", ""),
    ("MOTIFML", ""),
    ("DATDECMIN", ""),
    ("DIPLOME", ""),
    ("NBCHGLIEU", ""),
];

/// A complete, valid opening record (TYPEV 1) of a nineteen-year-old student in an
/// administrative "accueil provisoire jeune majeur": it gives no finding at all.
pub const EXAMPLE_ADULT: &[(&str, &str)] = &[
    ("NUMDEP", "2A"),
    ("NUMANONYM", "fedcba9876543210fedcba9876543210fedcba98"),
    ("NUMANONYMANT", "fedcba9876543210fedcba9876543210fedcba98"),
    ("TYPEV", "1"),
    ("SEXE", "2"),
    ("ANAIS", "1999"),
    ("MNAIS", "07"),
    ("MODACC", ""),
    ("SCODTCOM", "2"),
    ("NIVSCO", "770"),
    ("SCOCLASPE", "1"),
    ("TYPCLASSPE", ""),
    ("ETABSCOSPE", "1"),
    ("TYPETABSPE", ""),
    ("FREQSCO", "6"),
    ("HANDICAP", "1"),
    ("ORIENTDEC", "1"),
    ("ORIENTEFF", ""),
    ("TRAITINFO", "2"),
    ("DATIP", "2018-08-01"),
    ("DATSIGN", ""),
    ("DATJE", ""),
    ("ORIGIP", "10"),
    ("TRANSIP", "100"),
    ("MOTIFSIG", ""),
    ("ENQPENAL", ""),
    ("SAISJUR", ""),
    ("COMPOMENAG", ""),
    ("AUTREHEBER", ""),
    ("NBFRAT", ""),
    ("MENAGEJM", "8"),
    ("NBENF", "0"),
    ("TITAP", ""),
    ("DECAP", ""),
    ("DATDECAP", ""),
    ("LIENA1", ""),
    ("LIENA2", ""),
    ("SEXA1", ""),
    ("SEXA2", ""),
    ("ANSA1", ""),
    ("ANSA2", ""),
    ("EMPLA1", ""),
    ("EMPLA2", ""),
    ("CSPA1", ""),
    ("CSPA2", ""),
    ("EMPLJM", "30"),
    ("CSPJM", "8"),
    ("MINIMA", "1"),
    ("ALLOC", "1"),
    ("MEREINC", ""),
    ("PEREINC", ""),
    ("ANSMERE", ""),
    ("ANSPERE", ""),
    ("DCMERE", ""),
    ("DCPERE", ""),
    ("DATDCMERE", ""),
    ("DATDCPERE", ""),
    ("NOTIFEVAL", ""),
    ("FINEVAL", ""),
    ("MESANT", ""),
    ("ACCFAM", ""),
    ("CONDADD", ""),
    ("DEFINTEL", ""),
    ("CONFL", ""),
    ("VIOLFAM", ""),
    ("SOUTSOC", "1"),
    ("SANTE", ""),
    ("SECURITE", ""),
    ("MORALITE", ""),
    ("CONDEDUC", ""),
    ("CONDEDEV", ""),
    ("VIOLSEX", ""),
    ("VIOLPHYS", ""),
    ("NEGLIG", ""),
    ("VIOLPSY", ""),
    ("VIOLCONJ", ""),
    ("DANGER", ""),
    ("MINA", ""),
    ("DATDECPE", "2018-09-03"),
    ("INTERANT", "2"),
    ("PROJET", ""),
    ("DATPPE", ""),
    ("DECISION", "1"),
    ("DATDEB", "2018-09-03"),
    ("NATPDECADM", "21"),
    ("AUTREDA", ""),
    ("NATDECASSED", ""),
    ("AUTREDJ", ""),
    ("NATDECPLAC", ""),
    ("INSTITPLAC", ""),
    ("TYPINTERDOM", ""),
    ("LIEUACC", "6"),
    ("ACCMOD", "1"),
    ("AUTRLIEUACC", "1"),
    ("TYPDECJUD", ""),
    ("LIEUPLAC", ""),
    ("PLACMOD", ""),
    ("AUTRLIEUAR", ""),
    ("CHGLIEU", ""),
    ("DATFIN", ""),
    ("MOTFININT", ""),
    ("MOTIFML", ""),
    ("DATDECMIN", ""),
    ("DIPLOME", ""),
    ("NBCHGLIEU", ""),
];

#[cfg(test)]
mod tests;
