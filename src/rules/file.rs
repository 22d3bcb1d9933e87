//! Rules on the whole file (docs/spec/OLINPE.md §0.2, §2.2, §5.1, §5.4, §5.5, §6.1), with a compact
//! state: one small entry per young person, plus one fixed-size summary per row — never the
//! rows themselves.
//!
//! Decided while records flow ([`FileRules::observe`]): identity consistency per `NUMANONYM`
//! (`identity-inconsistent`), `numanonymant-multiple`, `numanonymant-shared` (per-person
//! state) and `duration-over-730` (the record alone). Decided at the end
//! ([`FileRules::finish`], returned as `deferred` row findings sorted by row then code): the
//! reference year and `out-of-perimeter`, the three kinds of duplicates, then, one young
//! person at a time (rows sorted by person and `DATDEB`): the segments (a `DATDEB` opened by
//! TYPEV 1 or 2 lines, closed by a TYPEV 3 line: `end-without-start`, `differs-from-opening`
//! on the end lines), the renewals linked to the segment they renew by the one rule of
//! [`segments::renewed_segment`] (`renewal-differs`, `renewal-same-dates`,
//! `renewal-without-end`), `NBCHGLIEU` expected at the exit from protection
//! (`applicable-empty`), the decisions not started yet (`decision-not-started`, or
//! `imperative-date-missing` when decided outside the reference year), the decisions per
//! year and the age classes ([`Population`]); plus the file-level findings
//! (`reference-year-*`, `typev-*`, `variable-*`, `hex-case-mixed`).
//!
//! Duplicates are decided at the end on purpose: detecting them on the fly needs two hash
//! tables keyed per row (about 40 bytes per row each once load factor and growth are
//! counted), which would break the memory contract below; sorting the row summaries at the
//! end finds the same groups with no extra memory.
//!
//! Memory contract (issue 2 point 5), measured with `size_of` (see the test
//! `row_summary_is_compact`):
//! - per row: one [`RowSummary`] of **56 bytes** (hashes of the whole record, of the
//!   duplicate key and of the young person, row and line, three date keys, seven coded
//!   values with the line's flags, two 16-bit text digests), stored in chunks of 4 096 summaries allocated at their exact
//!   size, so container overhead is at most one partly filled chunk (229 kB) plus 24 bytes per
//!   chunk (under 0.01 byte per row): ≤ 57 bytes per row in all. At the end the chunks move
//!   one by one into a vector of exact capacity (peak: the summaries plus one chunk), sorted
//!   in place;
//! - per young person: a map entry `u64 → Person` (key: FNV-1a hash of the lowercased
//!   `NUMANONYM`; value 36 bytes: 32-bit digests and rows of the first `ANAIS`, `MNAIS`,
//!   `SEXE` and `NUMANONYMANT`), 48 bytes per slot, so 55 to 110 bytes per young person with
//!   the table's load factor; and per distinct `NUMANONYMANT` an entry `u64 → (u64, u64)`
//!   (24 bytes per slot);
//! - per row finding decided at the end (a duplicate, out of perimeter…): a [`Deferred`] of
//!   40 bytes, rendered as a [`Finding`] only when reported or written — an export that
//!   repeats every row has one or two per row;
//! - segments and renewals keep nothing more per row: what the linking rule needs (the
//!   young person, `DATDEB`, `DATDECPE`, `DECISION`, the nature and its details, the flags
//!   "NBCHGLIEU empty at an end of a minor's placement", "minor / adult at the decision",
//!   "maybe a decision not started yet" in the spare bits of the `kind` byte) is in the row
//!   summary; at the end, one young person's segments at a time (a few entries of 24 bytes,
//!   reused) and one count per `DATDECPE` year.
//!
//! Identifiers are compared without regard to the case of their hexadecimal letters (the same
//! digest written in two cases is the same young person; `hex-case-mixed` reports the mix).
//! Two different identifiers share a 64-bit hash with probability about n²/2⁶⁵ (3·10⁻⁸ for a
//! million young people): accepted. Row numbers are kept on 32 bits (4 billion records, far
//! beyond any département's file).

pub mod segments;
mod values;

pub(crate) use values::{code_byte, date_parts, full_date_days, is_all_nines, usable_year};
// The continuity check (`crate::continuity`) keys people, dates and its maps as the file
// rules do.
pub(crate) use values::{date_key, key_year, PassThroughState};

use crate::dictionary::ids::{self, CODES, N_ALL, N_DECREE};
use crate::finding::{finding, quote, Code, Finding};
use crate::record::Record;
use crate::rules::VariableStats;
use segments::{renewed_segment, Segment};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use values::{hash16, Fnv, RowHash};

/// Options of the file rules.
#[derive(Debug, Clone, Default)]
pub struct FileOptions {
    /// `--year`: overrides the reference year.
    pub year: Option<i32>,
}

/// What the file rules conclude at the end of the file.
#[derive(Debug, Clone, Default)]
pub struct FileOutcome {
    /// Reference year (ONPE's rule, or `--year`).
    pub reference_year: Option<i32>,
    /// Distinct NUMANONYM values (empty identifiers not counted).
    pub young_people: u64,
    /// Records by TYPEV 1, 2, 3.
    pub typev: [u64; 3],
    /// Records observed.
    pub records: u64,
    /// Young people with at least one `identity-inconsistent` finding (audit section 0005).
    pub inconsistent_people: u64,
    /// What ONPE's own "fin sans début" query counts (audit 0060 `onpe_count`): TYPEV=3
    /// records whose DATDEB falls in the year of their DATFIN and that no TYPEV 1/2 record
    /// of the file, whatever its identifier, carries.
    pub onpe_end_without_start: u64,
    /// File-level findings (`row: None`).
    pub file_findings: Vec<Finding>,
    /// Row findings that could only be decided at the end (perimeter, duplicates, end
    /// without start, difference from an opening seen later…), sorted by row then code.
    pub deferred: Vec<Deferred>,
    /// Decisions by year and young people by age (the report's `decisions_by_year`,
    /// `minors`, `young_adults`).
    pub population: Population,
    /// For each cascade audit section (`CASCADE_VARS`): records under its condition, and
    /// those whose variable is informative there (the audit's "analysis impossible").
    pub cascade_under: [u64; 13],
    /// See `cascade_under`.
    pub cascade_informative: [u64; 13],
}

/// Decisions per `DATDECPE` year and young people by age, as the ONPE's audit report gives
/// them (« 2018 : 26 (25) ; 2017 : 2 (2) »). Serialised into the report after its other keys.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Population {
    /// Per year of `DATDECPE` (known year), latest year first: the records decided that year
    /// and the distinct young people among them.
    pub decisions_by_year: Vec<YearCount>,
    /// Young people under 18 at the decision of their latest record whose age is known
    /// (`DATDECPE`, else `DATDEB`, as the ONPE computes it).
    pub minors: u64,
    /// Young people 18 or over at that decision. `minors + young_adults` is at most
    /// `young_people`: the others have no record with a known age.
    pub young_adults: u64,
}

/// One year of [`Population::decisions_by_year`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearCount {
    /// The year of `DATDECPE`.
    pub year: u16,
    /// Records whose `DATDECPE` falls in it.
    pub decisions: u64,
    /// Distinct young people (`NUMANONYM`) among them.
    pub young_people: u64,
}

impl FileOutcome {
    /// The deferred findings, rendered.
    pub fn deferred_findings(&self) -> Vec<Finding> {
        self.deferred.iter().map(Deferred::finding).collect()
    }
}

/// A row finding decided at the end of the file, kept compact (40 bytes, where a rendered
/// [`Finding`] takes about 300 with its message): an export that repeats every row has one
/// or two of them per row. Rendered when it is reported or written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deferred {
    row: u32,
    line: u64,
    kind: DeferredKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DeferredKind {
    OutOfPerimeter {
        year: u16,
    },
    Duplicate {
        code: Code,
        first: u32,
    },
    EndWithoutStart {
        year: u16,
        datdeb: u32,
    },
    DiffersFromOpening {
        variable: &'static str,
        first: u32,
    },
    RenewalDiffers {
        variable: &'static str,
        first: u32,
    },
    RenewalSameDates {
        first: u32,
        datdeb: u32,
    },
    RenewalWithoutEnd {
        first: u32,
        year: u16,
        datdeb: u32,
    },
    /// `decision-not-started` (`DATDEB` empty or `9999-99-99`, decided in `year`).
    DecisionNotStarted {
        year: u16,
        typev: u8,
        nsp: bool,
    },
    /// `imperative-date-missing` on `DATDEB` of a line decided outside the reference year.
    DatdebMissing {
        nsp: bool,
    },
    /// `applicable-empty` on `NBCHGLIEU` at the exit from protection.
    NbchglieuAtExit,
}

impl Deferred {
    fn new(s: &RowSummary, kind: DeferredKind) -> Self {
        Deferred {
            row: s.row,
            line: s.line,
            kind,
        }
    }

    /// The data row.
    pub fn row(&self) -> u64 {
        u64::from(self.row)
    }

    /// The finding's code.
    pub fn code(&self) -> Code {
        match self.kind {
            DeferredKind::OutOfPerimeter { .. } => Code::OutOfPerimeter,
            DeferredKind::Duplicate { code, .. } => code,
            DeferredKind::EndWithoutStart { .. } => Code::EndWithoutStart,
            DeferredKind::DiffersFromOpening { .. } => Code::DiffersFromOpening,
            DeferredKind::RenewalDiffers { .. } => Code::RenewalDiffers,
            DeferredKind::RenewalSameDates { .. } => Code::RenewalSameDates,
            DeferredKind::RenewalWithoutEnd { .. } => Code::RenewalWithoutEnd,
            DeferredKind::DecisionNotStarted { .. } => Code::DecisionNotStarted,
            DeferredKind::DatdebMissing { .. } => Code::ImperativeDateMissing,
            DeferredKind::NbchglieuAtExit => Code::ApplicableEmpty,
        }
    }

    /// The finding, rendered.
    pub fn finding(&self) -> Finding {
        let (row, line) = (Some(self.row()), Some(self.line));
        match self.kind {
            DeferredKind::OutOfPerimeter { year } => finding(
                Code::OutOfPerimeter,
                row,
                line,
                None,
                &[("year", &year.to_string())],
            ),
            DeferredKind::Duplicate { code, first } => {
                finding(code, row, line, None, &[("first", &first.to_string())])
            }
            DeferredKind::EndWithoutStart { year, datdeb } => finding(
                Code::EndWithoutStart,
                row,
                line,
                Some("DATDEB"),
                &[("year", &year.to_string()), ("datdeb", &key_text(datdeb))],
            ),
            DeferredKind::DiffersFromOpening { variable, first } => finding(
                Code::DiffersFromOpening,
                row,
                line,
                Some(variable),
                &[("variable", variable), ("first", &first.to_string())],
            ),
            DeferredKind::RenewalDiffers { variable, first } => finding(
                Code::RenewalDiffers,
                row,
                line,
                Some(variable),
                &[("variable", variable), ("first", &first.to_string())],
            ),
            DeferredKind::RenewalSameDates { first, datdeb } => finding(
                Code::RenewalSameDates,
                row,
                line,
                Some("DATDEB"),
                &[("first", &first.to_string()), ("datdeb", &key_text(datdeb))],
            ),
            DeferredKind::RenewalWithoutEnd {
                first,
                year,
                datdeb,
            } => finding(
                Code::RenewalWithoutEnd,
                row,
                line,
                Some("DATDEB"),
                &[
                    ("first", &first.to_string()),
                    ("year", &year.to_string()),
                    ("datdeb", &key_text(datdeb)),
                ],
            ),
            DeferredKind::DecisionNotStarted { year, typev, nsp } => finding(
                Code::DecisionNotStarted,
                row,
                line,
                Some("DATDEB"),
                &[
                    ("etat", if nsp { "« 9999-99-99 »" } else { "vide" }),
                    ("typev", &typev.to_string()),
                    ("year", &year.to_string()),
                ],
            ),
            DeferredKind::DatdebMissing { nsp } => finding(
                Code::ImperativeDateMissing,
                row,
                line,
                Some("DATDEB"),
                &[
                    ("variable", "DATDEB"),
                    ("detail", "pour tout événement"),
                    (
                        "etat",
                        if nsp {
                            "vaut « 9999-99-99 » (inconnue), ce qui n'est pas admis pour une date \
                             impérative (la décision, DATDECPE, n'est pas de l'année du fichier)"
                        } else {
                            "est vide (la décision, DATDECPE, n'est pas de l'année du fichier : \
                             ce n'est pas une mesure décidée dans l'année et pas encore commencée)"
                        },
                    ),
                ],
            ),
            DeferredKind::NbchglieuAtExit => finding(
                Code::ApplicableEmpty,
                row,
                line,
                Some("NBCHGLIEU"),
                &[
                    ("variable", "NBCHGLIEU"),
                    (
                        "raison",
                        "fin du placement ou de l'accueil d'un mineur, et aucun événement plus \
                         tardif de ce jeune dans le fichier : c'est la sortie de la protection de \
                         l'enfance (hypothèse 1 du guide)",
                    ),
                    ("nsp", "« 99 » (ne sait pas)"),
                ],
            ),
        }
    }
}

/// The compact summary kept for every row (56 bytes, see the module doc).
#[derive(Debug, Clone, Copy)]
struct RowSummary {
    /// Physical line of the record.
    line: u64,
    /// Hash of the 106 values (full duplicates).
    full: u64,
    /// Hash of the administrative or judicial duplicate key; 0 when DECISION is not 1 or 2
    /// or NUMANONYM is empty.
    dup: u64,
    /// [`id_hash`] of NUMANONYM (0 when empty): rows are grouped by young person, then by
    /// DATDEB, for segments and renewals.
    person: u64,
    /// Data row (1-based).
    row: u32,
    /// [`date_key`] of DATDECPE.
    datdecpe: u32,
    /// [`date_key`] of DATDEB.
    datdeb: u32,
    /// Usable year of DATFIN (0 when none).
    datfin_year: u16,
    /// Text digests of AUTREDA and AUTREDJ.
    autreda: u16,
    autredj: u16,
    /// TYPEV (bits 0–1: 1, 2, 3, or 0 when empty/other), DECISION (bits 2–3: 1, 2, 0
    /// when empty, 3 other), and the flags [`NBCHGLIEU_EMPTY`], [`MINOR`], [`ADULT`],
    /// [`NOT_STARTED`].
    kind: u8,
    /// [`code_byte`] of NATPDECADM, NATDECASSED, NATDECPLAC, TYPINTERDOM, TYPDECJUD.
    codes: [u8; 5],
}

/// `kind` flag: an end line (TYPEV 3) of a minor's placement or accueil (age at the decision)
/// with `NBCHGLIEU` present and empty.
const NBCHGLIEU_EMPTY: u8 = 1 << 4;
/// `kind` flag: under 18 at the decision ([`decision_age`]).
const MINOR: u8 = 1 << 5;
/// `kind` flag: 18 or over at the decision.
const ADULT: u8 = 1 << 6;
/// `kind` flag: maybe a decision not started yet
/// ([`crate::rules::record::is_decision_not_started`]).
const NOT_STARTED: u8 = 1 << 7;

impl RowSummary {
    fn typev(&self) -> u8 {
        self.kind & 3
    }
    fn decision(&self) -> u8 {
        (self.kind >> 2) & 3
    }
    fn has(&self, flag: u8) -> bool {
        self.kind & flag != 0
    }
    /// The row belongs to a segment: a young person and a DATDEB whose year is known.
    fn in_segment(&self) -> bool {
        self.person != 0 && key_year(self.datdeb).is_some()
    }
    /// The nature of the decision: NATPDECADM for an administrative one, NATDECASSED for a
    /// judicial one ([`code_byte`]s).
    fn nature(&self) -> u8 {
        match self.decision() {
            1 => self.codes[0],
            2 => self.codes[1],
            _ => 255,
        }
    }
    /// The date of the line's decision for "the latest decision": DATDECPE, else DATDEB,
    /// as a date key (0 when neither has a known year).
    fn decision_key(&self) -> u32 {
        if key_year(self.datdecpe).is_some() {
            self.datdecpe
        } else if key_year(self.datdeb).is_some() {
            self.datdeb
        } else {
            0
        }
    }
    /// When the line's event happens, for "a later event of the same young person": its
    /// DATDEB, else its DATDECPE (a decision not started yet), as a date key; 0 when neither
    /// has a known year.
    fn event_key(&self) -> u32 {
        if key_year(self.datdeb).is_some() {
            self.datdeb
        } else if key_year(self.datdecpe).is_some() {
            self.datdecpe
        } else {
            0
        }
    }
    /// The §5.1 "must be identical" values compared for a TYPEV=2 line (against TYPEV=1).
    fn signature2(&self) -> u64 {
        let mut h = Fnv::new();
        h.bytes(&[self.decision()]);
        h.bytes(&self.codes);
        h.bytes(&self.autreda.to_le_bytes());
        h.bytes(&self.autredj.to_le_bytes());
        h.finish()
    }
    /// The same for a TYPEV=3 line (against TYPEV 1 or 2): DATDECPE too.
    fn signature3(&self) -> u64 {
        let mut h = Fnv::new();
        h.bytes(&self.signature2().to_le_bytes());
        h.bytes(&self.datdecpe.to_le_bytes());
        h.finish()
    }
}

/// Number of summaries per chunk.
const CHUNK: usize = 4096;

/// Row summaries in chunks allocated at their exact size (no doubling overhead).
#[derive(Debug, Default)]
struct RowArena {
    chunks: Vec<Vec<RowSummary>>,
    len: usize,
}

impl RowArena {
    fn push(&mut self, s: RowSummary) {
        match self.chunks.last_mut() {
            Some(c) if c.len() < CHUNK => c.push(s),
            _ => {
                let mut c = Vec::with_capacity(CHUNK);
                c.push(s);
                self.chunks.push(c);
            }
        }
        self.len += 1;
    }

    /// Moves the summaries into one vector of exact capacity, freeing chunks as it goes.
    fn into_vec(self) -> Vec<RowSummary> {
        let mut out = Vec::with_capacity(self.len);
        for c in self.chunks {
            out.extend_from_slice(&c);
        }
        out
    }
}

/// The first non-empty value of a variable for a young person: a 32-bit digest (0: none
/// yet; two different values share a digest with probability 2⁻³², which would only hide
/// an inconsistency) and its row.
#[derive(Debug, Clone, Copy, Default)]
struct FirstValue {
    hash: u32,
    row: u32,
}

impl FirstValue {
    fn new(hash: u64, row: u64) -> Self {
        FirstValue {
            hash: digest32(hash),
            row: row32(row),
        }
    }
}

/// Folds a 64-bit hash to a non-zero 32-bit digest.
fn digest32(h: u64) -> u32 {
    ((h ^ (h >> 32)) as u32).max(1)
}

/// A row number on 32 bits (see the module doc).
fn row32(row: u64) -> u32 {
    u32::try_from(row).unwrap_or(u32::MAX)
}

/// State per young person (36 bytes, see `person_state_is_compact`).
#[derive(Debug, Clone, Copy, Default)]
struct Person {
    /// ANAIS, MNAIS, SEXE.
    ident: [FirstValue; 3],
    /// First NUMANONYMANT (hash 0: none yet).
    previous: FirstValue,
    /// An `identity-inconsistent` finding was reported for this young person.
    inconsistent: bool,
}

/// First sighting of a NUMANONYMANT: the young person carrying it and the row.
#[derive(Debug, Clone, Copy)]
struct PreviousId {
    person: u64,
    row: u64,
}

/// The identity variables compared for consistency (docs/spec/OLINPE.md §5.4).
const IDENTITY_VARS: [usize; 3] = [ids::ANAIS, ids::MNAIS, ids::SEXE];

/// The state of the file rules.
#[derive(Debug, Default)]
pub struct FileRules {
    opts: FileOptions,
    persons: HashMap<u64, Person, PassThroughState>,
    previous_ids: HashMap<u64, PreviousId, PassThroughState>,
    rows: RowArena,
    records: u64,
    typev: [u64; 3],
    decpe_years: BTreeMap<u16, u64>,
    deb_years: BTreeMap<u16, u64>,
    /// Identifiers (NUMANONYM, NUMANONYMANT values) written with lowercase / uppercase
    /// hexadecimal letters.
    hex_lower: u64,
    hex_upper: u64,
    inconsistent_people: u64,
    cascade_under: [u64; 13],
    cascade_informative: [u64; 13],
}

/// What the file rules need from one record, computed from the record alone (no state of
/// the file), so that it can be prepared on another thread (see `engine/pipeline.rs`).
#[derive(Debug, Clone)]
pub struct RecordKeys {
    row: u64,
    decpe_year: Option<u16>,
    deb_year: Option<u16>,
    /// Identifiers (NUMANONYM, NUMANONYMANT) with lowercase / uppercase hex letters (0–2).
    hex_lower: u8,
    hex_upper: u8,
    /// [`id_hash`] of NUMANONYM and NUMANONYMANT (0 when empty).
    person_key: u64,
    previous_key: u64,
    /// Hashes of ANAIS, MNAIS, SEXE (0 when empty).
    ident: [u64; 3],
    /// `duration-over-730`, when it applies.
    duration: Option<Finding>,
    /// For each cascade audit section ([`CASCADE_VARS`], bit `k`): the record falls under
    /// its condition (bits 0–12) and its variable is informative (bits 16–28).
    cascade: u32,
    summary: RowSummary,
}

impl RecordKeys {
    /// Encodes the keys for another worker (`engine/split.rs`); the row and line are the
    /// record's, encoded with it.
    pub(crate) fn encode(&self, o: &mut crate::wire::Out<'_>) {
        o.opt_u16(self.decpe_year);
        o.opt_u16(self.deb_year);
        o.u8(self.hex_lower);
        o.u8(self.hex_upper);
        o.u64(self.person_key);
        o.u64(self.previous_key);
        for h in self.ident {
            o.u64(h);
        }
        o.bool(self.duration.is_some());
        if let Some(f) = &self.duration {
            f.encode(o);
        }
        o.u32(self.cascade);
        let s = &self.summary;
        o.u64(s.full);
        o.u64(s.dup);
        o.u64(s.person);
        o.u32(s.datdecpe);
        o.u32(s.datdeb);
        o.u16(s.datfin_year);
        o.u16(s.autreda);
        o.u16(s.autredj);
        o.u8(s.kind);
        for c in s.codes {
            o.u8(c);
        }
    }

    /// Decodes keys encoded by [`RecordKeys::encode`] for the record at `row` and `line`
    /// (`rows` and `lines`: what to add to the segment's row and line numbers).
    pub(crate) fn decode(
        i: &mut crate::wire::In<'_>,
        row: u64,
        line: u64,
        rows: u64,
        lines: u64,
    ) -> Result<Self, crate::wire::WireError> {
        let decpe_year = i.opt_u16()?;
        let deb_year = i.opt_u16()?;
        let hex_lower = i.u8()?;
        let hex_upper = i.u8()?;
        let person_key = i.u64()?;
        let previous_key = i.u64()?;
        let ident = [i.u64()?, i.u64()?, i.u64()?];
        let duration = if i.bool()? {
            Some(Finding::decode(i, rows, lines)?)
        } else {
            None
        };
        let cascade = i.u32()?;
        let summary = RowSummary {
            line,
            full: i.u64()?,
            dup: i.u64()?,
            person: i.u64()?,
            row: row32(row),
            datdecpe: i.u32()?,
            datdeb: i.u32()?,
            datfin_year: i.u16()?,
            autreda: i.u16()?,
            autredj: i.u16()?,
            kind: i.u8()?,
            codes: [i.u8()?, i.u8()?, i.u8()?, i.u8()?, i.u8()?],
        };
        Ok(RecordKeys {
            row,
            decpe_year,
            deb_year,
            hex_lower,
            hex_upper,
            person_key,
            previous_key,
            ident,
            duration,
            cascade,
            summary,
        })
    }

    /// The keys of `rec`.
    pub fn of(rec: &Record) -> Self {
        let typev = match rec.get(ids::TYPEV) {
            "1" => 1u8,
            "2" => 2,
            "3" => 3,
            _ => 0,
        };
        let decision = match rec.get(ids::DECISION) {
            "" => 0u8,
            "1" => 1,
            "2" => 2,
            _ => 3,
        };
        let (mut hex_lower, mut hex_upper) = (0u8, 0u8);
        for idx in [ids::NUMANONYM, ids::NUMANONYMANT] {
            let (mut lower, mut upper) = (false, false);
            for b in rec.get(idx).bytes() {
                lower |= (b'a'..=b'f').contains(&b);
                upper |= (b'A'..=b'F').contains(&b);
            }
            hex_lower += u8::from(lower);
            hex_upper += u8::from(upper);
        }
        let person_key = id_hash(rec.get(ids::NUMANONYM));
        let ident = IDENTITY_VARS.map(|var| {
            let v = rec.get(var);
            if v.is_empty() {
                0
            } else {
                values::hash_str(v)
            }
        });

        // The compact row summary.
        let mut full = RowHash::new();
        for i in 0..N_ALL {
            full.field(rec.get_bytes(i));
        }
        let dup = if person_key == 0 {
            0
        } else {
            let key: Option<[usize; 5]> = match decision {
                1 => Some([
                    ids::TYPEV,
                    ids::NATPDECADM,
                    ids::DATDECPE,
                    ids::LIEUACC,
                    ids::TYPINTERDOM,
                ]),
                2 => Some([
                    ids::TYPEV,
                    ids::NATDECASSED,
                    ids::DATDECPE,
                    ids::LIEUPLAC,
                    ids::TYPDECJUD,
                ]),
                _ => None,
            };
            match key {
                Some(vars) => {
                    let mut h = Fnv::new();
                    h.bytes(&[decision]);
                    h.bytes(&person_key.to_le_bytes());
                    for v in vars {
                        h.field(rec.get(v));
                    }
                    h.finish()
                }
                None => 0,
            }
        };
        let datdeb = rec.get(ids::DATDEB);
        let deb_year = usable_year(datdeb);
        let nat_adm = code_byte(rec.get(ids::NATPDECADM));
        let nat_jud = code_byte(rec.get(ids::NATDECASSED));
        let age = decision_age(rec);
        let minor = age.is_some_and(|a| a < 18);
        let placement = (decision == 1 && PA_ADM.contains(&nat_adm))
            || (decision == 2 && PA_JUD.contains(&nat_jud));
        let mut flags = 0u8;
        if typev == 3
            && minor
            && placement
            && rec.is_present(ids::NBCHGLIEU)
            && rec.is_empty(ids::NBCHGLIEU)
        {
            flags |= NBCHGLIEU_EMPTY;
        }
        match age {
            Some(a) if a < 18 => flags |= MINOR,
            Some(_) => flags |= ADULT,
            None => {}
        }
        if crate::rules::record::is_decision_not_started(rec) {
            flags |= NOT_STARTED;
        }
        let cascade = cascade_bits(rec, typev, decision, nat_adm, nat_jud, minor && placement);
        RecordKeys {
            row: rec.row,
            decpe_year: usable_year(rec.get(ids::DATDECPE)),
            deb_year,
            hex_lower,
            hex_upper,
            person_key,
            previous_key: id_hash(rec.get(ids::NUMANONYMANT)),
            ident,
            duration: FileRules::check_duration(rec),
            cascade,
            summary: RowSummary {
                line: rec.line,
                full: full.finish(),
                dup,
                person: person_key,
                row: row32(rec.row),
                datdecpe: date_key(rec.get(ids::DATDECPE)),
                datdeb: date_key(datdeb),
                datfin_year: usable_year(rec.get(ids::DATFIN)).unwrap_or(0),
                autreda: hash16(rec.get(ids::AUTREDA)),
                autredj: hash16(rec.get(ids::AUTREDJ)),
                kind: typev | (decision << 2) | flags,
                codes: [
                    code_byte(rec.get(ids::NATPDECADM)),
                    code_byte(rec.get(ids::NATDECASSED)),
                    code_byte(rec.get(ids::NATDECPLAC)),
                    code_byte(rec.get(ids::TYPINTERDOM)),
                    code_byte(rec.get(ids::TYPDECJUD)),
                ],
            },
        }
    }
}

/// Age in completed years at the decision, as ONPE computes it (S1h): birth `ANAIS-MNAIS-01`, at DATDECPE,
/// else DATDEB when the decision date's year or month is unknown; `None` when the year or
/// month of birth or of both dates is unknown. With a birth on the first of the month the
/// day of the event never matters.
pub(crate) fn decision_age(rec: &Record) -> Option<i32> {
    let by: i32 = year4(rec.get(ids::ANAIS))?;
    let bm: i32 = month2(rec.get(ids::MNAIS))?;
    let at = |i: usize| {
        let (y, m, _) = date_parts(rec.get(i))?;
        (y != 0 && y != 9999 && (1..=12).contains(&m)).then_some((i32::from(y), i32::from(m)))
    };
    let (ry, rm) = at(ids::DATDECPE).or_else(|| at(ids::DATDEB))?;
    Some(ry - by - i32::from(rm < bm))
}

/// A year `AAAA` other than `0000` and `9999`.
pub(crate) fn year4(v: &str) -> Option<i32> {
    let y: i32 = (v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()))
        .then(|| v.parse().ok())
        .flatten()?;
    (y != 0 && y != 9999).then_some(y)
}

fn month2(v: &str) -> Option<i32> {
    let m: i32 = ((1..=2).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit()))
        .then(|| v.parse().ok())
        .flatten()?;
    (1..=12).contains(&m).then_some(m)
}

/// Natures that are a placement or an accueil (docs/spec/OLINPE.md §0.2), as code bytes.
const PA_ADM: [u8; 8] = [11, 12, 13, 14, 15, 16, 19, 21];
const PA_JUD: [u8; 4] = [17, 18, 22, 23];

/// The variables of the cascade audit sections 0038, 0044–0054 and 0056, in section order.
pub(crate) const CASCADE_VARS: [usize; 13] = [
    ids::NATPDECADM,
    ids::TYPINTERDOM,
    ids::LIEUACC,
    ids::ACCMOD,
    ids::AUTRLIEUACC,
    ids::NATDECASSED,
    ids::TYPDECJUD,
    ids::INSTITPLAC,
    ids::NATDECPLAC,
    ids::LIEUPLAC,
    ids::PLACMOD,
    ids::AUTRLIEUAR,
    ids::CHGLIEU,
];

/// For each cascade section ([`CASCADE_VARS`], bit `k`): whether the record falls under the
/// condition our rules require its variable on (bits 0–12: `DECISION` 1 for NATPDECADM,
/// NATPDECADM 10 or 20 for TYPINTERDOM, the accueil natures for LIEUACC…, `DECISION` 2 for
/// NATDECASSED, NATDECASSED 11, 14, 15, 16, 19, 24 for TYPDECJUD, 17 or 18 for INSTITPLAC
/// and NATDECPLAC, 17, 18, 22, 23 for the place block, a minor's placement or accueil renewal
/// for CHGLIEU) and whether its variable holds an informative code there (bits 16–28). The
/// audit's "analysis impossible" (§0.2) is a section with records under its condition and
/// no informative value on any of them.
fn cascade_bits(rec: &Record, typev: u8, decision: u8, adm: u8, jud: u8, minor_pa: bool) -> u32 {
    let under = [
        decision == 1,
        decision == 1 && matches!(adm, 10 | 20),
        decision == 1 && PA_ADM.contains(&adm),
        decision == 1 && PA_ADM.contains(&adm),
        decision == 1 && PA_ADM.contains(&adm),
        decision == 2,
        decision == 2 && matches!(jud, 11 | 14 | 15 | 16 | 19 | 24),
        decision == 2 && matches!(jud, 17 | 18),
        decision == 2 && matches!(jud, 17 | 18),
        decision == 2 && PA_JUD.contains(&jud),
        decision == 2 && PA_JUD.contains(&jud),
        decision == 2 && PA_JUD.contains(&jud),
        typev == 2 && minor_pa,
    ];
    let mut bits = 0u32;
    for (k, (&u, &i)) in under.iter().zip(CASCADE_VARS.iter()).enumerate() {
        if !u {
            continue;
        }
        bits |= 1 << k;
        let v = rec.get(i);
        let var = &crate::dictionary::VARIABLES[i];
        if var.has_modality(v) && var.nsp != Some(v) {
            bits |= 1 << (16 + k);
        }
    }
    bits
}

/// The hash identifying a young person (lowercased NUMANONYM), 0 when empty.
pub(crate) fn id_hash(value: &str) -> u64 {
    if value.is_empty() {
        return 0;
    }
    // Lowercased into a stack buffer, then hashed eight bytes at a time (identifiers are
    // 40 characters; a longer value is hashed in pieces of 64 bytes).
    let mut h = RowHash::new();
    let mut buf = [0u8; 64];
    for piece in value.as_bytes().chunks(64) {
        let lower = &mut buf[..piece.len()];
        for (d, &c) in lower.iter_mut().zip(piece) {
            *d = c.to_ascii_lowercase();
        }
        h.field(lower);
    }
    h.finish()
}

/// Row number as text, for the `{first}` placeholders.
fn row_text(row: u64) -> String {
    row.to_string()
}

impl FileRules {
    /// A fresh state.
    pub fn new(opts: FileOptions) -> Self {
        FileRules {
            opts,
            ..FileRules::default()
        }
    }

    /// Observes one record; appends the findings that can be decided now (identity
    /// inconsistencies, NUMANONYMANT rules, duration over 730 days), each reported on the
    /// record concerned after the first. Allocates nothing per record except when it
    /// reports a finding or meets a new young person.
    pub fn observe(&mut self, rec: &Record, out: &mut Vec<Finding>) {
        let keys = RecordKeys::of(rec);
        self.observe_keys(keys, out);
    }

    /// [`FileRules::observe`] from the record's [`RecordKeys`] (computed beforehand, possibly
    /// on another thread): only what depends on the records seen before is done here.
    pub fn observe_keys(&mut self, keys: RecordKeys, out: &mut Vec<Finding>) {
        self.records += 1;
        let typev = keys.summary.kind & 3;
        if typev > 0 {
            self.typev[usize::from(typev - 1)] += 1;
        }
        // Reference-year candidates.
        if let Some(y) = keys.decpe_year {
            *self.decpe_years.entry(y).or_insert(0) += 1;
        }
        if let Some(y) = keys.deb_year {
            *self.deb_years.entry(y).or_insert(0) += 1;
        }
        // Hexadecimal case of the identifiers.
        self.hex_lower += u64::from(keys.hex_lower);
        self.hex_upper += u64::from(keys.hex_upper);
        if keys.person_key != 0 {
            self.observe_person(&keys, out);
        }
        if let Some(f) = keys.duration {
            out.push(f);
        }
        for k in 0..13 {
            if keys.cascade & (1 << k) != 0 {
                self.cascade_under[k] += 1;
                if keys.cascade & (1 << (16 + k)) != 0 {
                    self.cascade_informative[k] += 1;
                }
            }
        }
        self.rows.push(keys.summary);
    }

    /// Identity consistency and the NUMANONYMANT rules for a record with a NUMANONYM.
    fn observe_person(&mut self, keys: &RecordKeys, out: &mut Vec<Finding>) {
        let (row, line) = (keys.row, keys.summary.line);
        let person_key = keys.person_key;
        let person = self.persons.entry(person_key).or_default();
        let mut newly_inconsistent = false;
        for ((slot, &var), &hash) in person
            .ident
            .iter_mut()
            .zip(IDENTITY_VARS.iter())
            .zip(keys.ident.iter())
        {
            if hash == 0 {
                continue; // empty: mandatory-missing is the record rules' business
            }
            let here = FirstValue::new(hash, row);
            if slot.hash == 0 {
                *slot = here;
            } else if slot.hash != here.hash {
                out.push(finding(
                    Code::IdentityInconsistent,
                    Some(row),
                    Some(line),
                    Some(CODES[var]),
                    &[("variable", CODES[var]), ("first", &slot.row.to_string())],
                ));
                if !person.inconsistent {
                    person.inconsistent = true;
                    newly_inconsistent = true;
                }
            }
        }
        if newly_inconsistent {
            self.inconsistent_people += 1;
        }

        let previous_key = keys.previous_key;
        if previous_key == 0 {
            return;
        }
        let here = FirstValue::new(previous_key, row);
        if person.previous.hash == 0 {
            person.previous = here;
        } else if person.previous.hash != here.hash {
            out.push(finding(
                Code::NumanonymantMultiple,
                Some(row),
                Some(line),
                Some("NUMANONYMANT"),
                &[("first", &person.previous.row.to_string())],
            ));
        }
        match self.previous_ids.get(&previous_key) {
            Some(first) if first.person != person_key => out.push(finding(
                Code::NumanonymantShared,
                Some(row),
                Some(line),
                Some("NUMANONYMANT"),
                &[("first", &row_text(first.row))],
            )),
            Some(_) => {}
            None => {
                self.previous_ids.insert(
                    previous_key,
                    PreviousId {
                        person: person_key,
                        row,
                    },
                );
            }
        }
    }

    /// `duration-over-730`: DATFIN − DATDEB over 730 days, real calendar dates only; never
    /// for the natures that are not renewed (pupille de l'État, NATPDECADM 15; délégation
    /// d'autorité parentale and tutelle, NATDECASSED 22 and 23: §0.2).
    fn check_duration(rec: &Record) -> Option<Finding> {
        if rec.get(ids::NATPDECADM) == "15" || matches!(rec.get(ids::NATDECASSED), "22" | "23") {
            return None;
        }
        let (deb, fin) = (rec.get(ids::DATDEB), rec.get(ids::DATFIN));
        if let (Some(a), Some(b)) = (full_date_days(deb), full_date_days(fin)) {
            let days = b - a;
            if days > 730 {
                return Some(finding(
                    Code::DurationOver730,
                    Some(rec.row),
                    Some(rec.line),
                    Some("DATFIN"),
                    &[
                        ("days", &days.to_string()),
                        ("datdeb", &quote(deb)),
                        ("datfin", &quote(fin)),
                    ],
                ));
            }
        }
        None
    }

    /// ONPE's reference year: the most frequent usable year (ties → the later year).
    pub(crate) fn modal_year(years: &BTreeMap<u16, u64>) -> Option<(u16, u64)> {
        // Ascending iteration with `>=` keeps the later year on ties.
        let mut best: Option<(u16, u64)> = None;
        for (&y, &n) in years {
            if best.is_none_or(|(_, bn)| n >= bn) {
                best = Some((y, n));
            }
        }
        best
    }

    /// Ends the file: reference year, deferred row findings and file-level findings.
    pub fn finish(self, stats: &VariableStats) -> FileOutcome {
        let mut file_findings = Vec::new();
        let mut deferred = Vec::new();

        // Reference year (docs/spec/OLINPE.md §0.2).
        let from_decpe = Self::modal_year(&self.decpe_years).map(|(y, n)| (y, n, "DATDECPE"));
        let modal =
            from_decpe.or_else(|| Self::modal_year(&self.deb_years).map(|(y, n)| (y, n, "DATDEB")));
        let reference_year = match (self.opts.year, modal) {
            (Some(y), _) => Some(y),
            (None, Some((y, n, source))) => {
                if n.saturating_mul(2) < self.records {
                    file_findings.push(finding(
                        Code::ReferenceYearWeak,
                        None,
                        None,
                        Some(source),
                        &[
                            ("year", &y.to_string()),
                            ("count", &n.to_string()),
                            ("total", &self.records.to_string()),
                            ("source", &format!("d'après {source}")),
                        ],
                    ));
                }
                Some(i32::from(y))
            }
            (None, None) => {
                if self.records > 0 {
                    file_findings.push(finding(Code::ReferenceYearMissing, None, None, None, &[]));
                }
                None
            }
        };

        // Variables absent, always empty, always "ne sait pas" (sections 0002–0004).
        if self.records > 0 {
            for (i, code) in CODES.iter().enumerate() {
                let code: &str = code;
                if !stats.present[i] {
                    if i < N_DECREE {
                        file_findings.push(finding(
                            Code::VariableAbsent,
                            None,
                            None,
                            Some(code),
                            &[("variable", code)],
                        ));
                    }
                } else if stats.filled[i] == 0 {
                    file_findings.push(finding(
                        Code::VariableAlwaysEmpty,
                        None,
                        None,
                        Some(code),
                        &[("variable", code)],
                    ));
                } else if stats.informative[i] == 0 {
                    let nsp = crate::dictionary::VARIABLES
                        .get(i)
                        .and_then(|v| v.nsp)
                        .map_or_else(
                            || "code de la nomenclature".to_owned(),
                            |c| format!("code {c}"),
                        );
                    file_findings.push(finding(
                        Code::VariableAlwaysNsp,
                        None,
                        None,
                        Some(code),
                        &[("variable", code), ("nsp", &nsp)],
                    ));
                }
            }

            // TYPEV distribution (section 0007).
            let [t1, t2, t3] = self.typev;
            file_findings.push(finding(
                Code::TypevDistribution,
                None,
                None,
                Some("TYPEV"),
                &[
                    ("t1", &t1.to_string()),
                    ("t2", &t2.to_string()),
                    ("t3", &t3.to_string()),
                ],
            ));
            let labels = ["mesure ou prestation", "renouvellement", "fin de mesure"];
            for (k, (&n, label)) in self.typev.iter().zip(labels).enumerate() {
                if n == 0 {
                    file_findings.push(finding(
                        Code::TypevAbsent,
                        None,
                        None,
                        Some("TYPEV"),
                        &[("typev", &(k + 1).to_string()), ("label", label)],
                    ));
                }
            }
        }

        if self.hex_lower > 0 && self.hex_upper > 0 {
            file_findings.push(finding(
                Code::HexCaseMixed,
                None,
                None,
                Some("NUMANONYM"),
                &[
                    ("lower", &self.hex_lower.to_string()),
                    ("upper", &self.hex_upper.to_string()),
                ],
            ));
        }

        let young_people = self.persons.len() as u64;
        let mut rows = self.rows.into_vec();
        let ref_year = reference_year.and_then(|y| u16::try_from(y).ok());

        // Out of perimeter (section 0036).
        if let Some(y) = ref_year {
            for s in &rows {
                let hit = key_year(s.datdecpe) == Some(y)
                    || key_year(s.datdeb) == Some(y)
                    || s.datfin_year == y;
                if !hit {
                    deferred.push(Deferred::new(s, DeferredKind::OutOfPerimeter { year: y }));
                }
            }
        }

        // ONPE's own "fin sans début": any TYPEV 1/2 line of the file with that DATDEB.
        let mut opening_dates: Vec<u32> = rows
            .iter()
            .filter(|s| matches!(s.typev(), 1 | 2) && s.datdeb != 0)
            .map(|s| s.datdeb)
            .collect();
        opening_dates.sort_unstable();
        opening_dates.dedup();
        let onpe_end_without_start = rows
            .iter()
            .filter(|s| {
                s.typev() == 3
                    && s.datfin_year != 0
                    && key_year(s.datdeb) == Some(s.datfin_year)
                    && opening_dates.binary_search(&s.datdeb).is_err()
            })
            .count() as u64;
        drop(opening_dates);

        // Full duplicates (section 0018).
        rows.sort_unstable_by_key(|s| (s.full, s.row));
        for group in rows.chunk_by(|a, b| a.full == b.full) {
            if let Some((first, rest)) = group.split_first() {
                for s in rest {
                    let kind = DeferredKind::Duplicate {
                        code: Code::DuplicateFull,
                        first: first.row,
                    };
                    deferred.push(Deferred::new(s, kind));
                }
            }
        }

        // Administrative and judicial duplicates (sections 0022, 0026).
        rows.sort_unstable_by_key(|s| (s.dup, s.row));
        for group in rows.chunk_by(|a, b| a.dup == b.dup) {
            if let Some((first, rest)) = group.split_first() {
                if first.dup == 0 {
                    continue;
                }
                let code = if first.decision() == 1 {
                    Code::DuplicateAdministrative
                } else {
                    Code::DuplicateJudicial
                };
                for s in rest {
                    let kind = DeferredKind::Duplicate {
                        code,
                        first: first.row,
                    };
                    deferred.push(Deferred::new(s, kind));
                }
            }
        }

        // Lines decided and not started yet (§0.2 Imperative dates): a decision of the
        // reference year is `decision-not-started`, any other a missing imperative date.
        for s in rows.iter().filter(|s| s.has(NOT_STARTED)) {
            let nsp = s.datdeb != 0;
            let kind = match (ref_year, key_year(s.datdecpe)) {
                (Some(y), Some(d)) if y == d => DeferredKind::DecisionNotStarted {
                    year: y,
                    typev: s.typev(),
                    nsp,
                },
                _ => DeferredKind::DatdebMissing { nsp },
            };
            deferred.push(Deferred::new(s, kind));
        }

        // Young people, one at a time (rows sorted by person, then DATDEB): segments and
        // renewals (§0.2), ends and their openings (0060, §5.1), NBCHGLIEU at the exit from
        // protection, decisions by year, age classes.
        rows.sort_unstable_by_key(|s| (s.person, s.datdeb, s.row));
        let mut sig3: Vec<u64> = Vec::new();
        let mut years: Vec<u16> = Vec::new();
        let mut segs: Vec<SegmentInfo<'_>> = Vec::new();
        let mut candidates: Vec<Segment> = Vec::new();
        let mut candidate_of: Vec<usize> = Vec::new();
        let mut young_by_year: BTreeMap<u16, u64> = BTreeMap::new();
        let (mut minors, mut young_adults) = (0u64, 0u64);
        for person in rows.chunk_by(|a, b| a.person == b.person) {
            let Some(head) = person.first() else { continue };
            if head.person == 0 {
                continue;
            }
            // Decisions by year: the distinct young people of each year.
            years.clear();
            years.extend(person.iter().filter_map(|s| key_year(s.datdecpe)));
            years.sort_unstable();
            years.dedup();
            for &y in &years {
                *young_by_year.entry(y).or_insert(0) += 1;
            }
            // Age class at the latest decision whose age is known.
            let latest = person
                .iter()
                .filter(|s| s.has(MINOR) || s.has(ADULT))
                .max_by_key(|s| (s.decision_key(), s.row));
            match latest {
                Some(s) if s.has(MINOR) => minors += 1,
                Some(_) => young_adults += 1,
                None => {}
            }

            // Segments: each DATDEB with a known year.
            segs.clear();
            for group in person.chunk_by(|a, b| a.datdeb == b.datdeb) {
                let Some(head) = group.first() else { continue };
                if !head.in_segment() {
                    continue;
                }
                sig3.clear();
                let mut first_open1: Option<&RowSummary> = None;
                let mut first_open2: Option<&RowSummary> = None;
                for s in group {
                    match s.typev() {
                        1 => {
                            sig3.push(s.signature3());
                            first_open1 = first_open1.or(Some(s));
                        }
                        2 => {
                            sig3.push(s.signature3());
                            first_open2 = first_open2.or(Some(s));
                        }
                        _ => {}
                    }
                }
                // The segment's opening: its TYPEV 1 line when there is one.
                let open = first_open1.or(first_open2);
                sig3.sort_unstable();
                let mut closed = false;
                for s in group.iter().filter(|s| s.typev() == 3) {
                    closed = true;
                    match open {
                        Some(open) => {
                            if sig3.binary_search(&s.signature3()).is_err() {
                                differences(open, s, &mut deferred);
                            }
                        }
                        None => {
                            if let Some(y) = ref_year.filter(|&y| key_year(s.datdeb) == Some(y)) {
                                let kind = DeferredKind::EndWithoutStart {
                                    year: y,
                                    datdeb: s.datdeb,
                                };
                                deferred.push(Deferred::new(s, kind));
                            }
                        }
                    }
                }
                if let Some(open) = open {
                    segs.push(SegmentInfo {
                        segment: Segment {
                            datdeb: open.datdeb,
                            decision: open.decision(),
                            nature: open.nature(),
                        },
                        open,
                        typev1: first_open1.is_some(),
                        closed,
                    });
                }
            }

            // Renewals: the one linking rule (`segments::renewed_segment`).
            for r in person.iter().filter(|s| s.typev() == 2 && s.in_segment()) {
                if !matches!(r.decision(), 1 | 2) {
                    continue;
                }
                candidates.clear();
                candidate_of.clear();
                for (k, g) in segs.iter().enumerate() {
                    // Its own segment only when a TYPEV 1 line opens it too.
                    if g.segment.datdeb != r.datdeb || g.typev1 {
                        candidates.push(g.segment);
                        candidate_of.push(k);
                    }
                }
                let me = Segment {
                    datdeb: r.datdeb,
                    decision: r.decision(),
                    nature: r.nature(),
                };
                let Some(k) = renewed_segment(&candidates, &me) else {
                    continue;
                };
                let Some(g) = candidate_of.get(k).and_then(|&k| segs.get(k)) else {
                    continue;
                };
                renewal_differences(g.open, r, &mut deferred);
                if g.segment.datdeb == r.datdeb {
                    let kind = DeferredKind::RenewalSameDates {
                        first: g.open.row,
                        datdeb: g.segment.datdeb,
                    };
                    deferred.push(Deferred::new(r, kind));
                } else if let Some(y) =
                    ref_year.filter(|&y| !g.closed && key_year(r.datdeb) == Some(y))
                {
                    let kind = DeferredKind::RenewalWithoutEnd {
                        first: g.open.row,
                        year: y,
                        datdeb: g.segment.datdeb,
                    };
                    deferred.push(Deferred::new(r, kind));
                }
            }

            // NBCHGLIEU at the exit from protection: the end of a minor's placement or accueil
            // with no later event of the young person in the file (hypothesis 1, §5.1).
            for s in person
                .iter()
                .filter(|s| s.typev() == 3 && s.has(NBCHGLIEU_EMPTY) && s.in_segment())
            {
                if !person.iter().any(|o| o.event_key() > s.datdeb) {
                    deferred.push(Deferred::new(s, DeferredKind::NbchglieuAtExit));
                }
            }
        }
        drop(segs);
        drop(rows);
        let population = Population {
            decisions_by_year: self
                .decpe_years
                .iter()
                .rev()
                .map(|(&year, &decisions)| YearCount {
                    year,
                    decisions,
                    young_people: young_by_year.get(&year).copied().unwrap_or(0),
                })
                .collect(),
            minors,
            young_adults,
        };

        deferred.sort_by_key(|d| (d.row, d.code()));
        file_findings.sort_by(|a, b| (a.code, &a.variable).cmp(&(b.code, &b.variable)));

        FileOutcome {
            reference_year,
            young_people,
            typev: self.typev,
            records: self.records,
            inconsistent_people: self.inconsistent_people,
            onpe_end_without_start,
            file_findings,
            deferred,
            population,
            cascade_under: self.cascade_under,
            cascade_informative: self.cascade_informative,
        }
    }
}

/// A segment of a young person while its renewals are linked: the linking rule's view, its
/// opening line and whether a TYPEV 1 line opens it and a TYPEV 3 line closes it.
struct SegmentInfo<'a> {
    segment: Segment,
    open: &'a RowSummary,
    typev1: bool,
    closed: bool,
}

/// The `AAAA-MM-JJ` text of a date key (only called on keys with a usable year).
fn key_text(key: u32) -> String {
    let v = key.saturating_sub(1);
    format!("{:04}-{:02}-{:02}", v / 10_000, (v / 100) % 100, v % 100)
}

/// The §5.1 "identical" variables on which `s` differs from `open` (DATDECPE too when
/// `with_datdecpe`), sorted by name.
fn differing(open: &RowSummary, s: &RowSummary, with_datdecpe: bool) -> Vec<&'static str> {
    let mut differing: Vec<&'static str> = Vec::new();
    if open.decision() != s.decision() {
        differing.push("DECISION");
    }
    let coded = [
        "NATPDECADM",
        "NATDECASSED",
        "NATDECPLAC",
        "TYPINTERDOM",
        "TYPDECJUD",
    ];
    for (k, name) in coded.iter().enumerate() {
        if open.codes[k] != s.codes[k] {
            differing.push(name);
        }
    }
    if open.autreda != s.autreda {
        differing.push("AUTREDA");
    }
    if open.autredj != s.autredj {
        differing.push("AUTREDJ");
    }
    if with_datdecpe && open.datdecpe != s.datdecpe {
        differing.push("DATDECPE");
    }
    differing.sort_unstable();
    differing
}

/// One `differs-from-opening` finding per §5.1 variable on which the end line `s` differs
/// from the opening `open` of the segment it closes.
fn differences(open: &RowSummary, s: &RowSummary, out: &mut Vec<Deferred>) {
    for variable in differing(open, s, true) {
        let kind = DeferredKind::DiffersFromOpening {
            variable,
            first: open.row,
        };
        out.push(Deferred::new(s, kind));
    }
}

/// One `renewal-differs` finding per kept variable (§0.2) on which the renewal `r` differs
/// from the opening `open` of the segment it renews.
fn renewal_differences(open: &RowSummary, r: &RowSummary, out: &mut Vec<Deferred>) {
    for variable in differing(open, r, false) {
        let kind = DeferredKind::RenewalDiffers {
            variable,
            first: open.row,
        };
        out.push(Deferred::new(r, kind));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_keys_ignore_hex_case_only() {
        let id = "0123456789abcdef0123456789abcdef01234567";
        assert_eq!(id_hash(id), id_hash(&id.to_uppercase()));
        assert_ne!(id_hash(id), id_hash(&id.replace('7', "8")));
        assert_eq!(id_hash(""), 0);
        assert_ne!(id_hash("a"), 0);
        // Longer than one 64-byte piece: every byte still counts, case still ignored.
        let long = "Ab".repeat(50);
        assert_eq!(id_hash(&long), id_hash(&long.to_lowercase()));
        assert_ne!(id_hash(&long), id_hash(&format!("{}c", &long[..99])));
    }

    #[test]
    fn row_summary_is_compact() {
        // The per-row memory contract of the module doc: 56 bytes per summary.
        assert_eq!(std::mem::size_of::<RowSummary>(), 56);
        assert!(std::mem::size_of::<RowSummary>() + std::mem::size_of::<Vec<u8>>() / CHUNK < 64);
    }

    #[test]
    fn deferred_findings_are_compact() {
        // A file repeating every row has one or two per row: 40 bytes each, not ~300.
        assert!(
            std::mem::size_of::<Deferred>() <= 40,
            "{}",
            std::mem::size_of::<Deferred>()
        );
    }

    #[test]
    fn person_state_is_compact() {
        assert_eq!(std::mem::size_of::<Person>(), 36);
        assert_eq!(std::mem::size_of::<PreviousId>(), 16);
    }

    #[test]
    fn arena_keeps_order() {
        let mut a = RowArena::default();
        let s = RowSummary {
            line: 0,
            full: 0,
            dup: 0,
            person: 0,
            row: 0,
            datdecpe: 0,
            datdeb: 0,
            datfin_year: 0,
            autreda: 0,
            autredj: 0,
            kind: 0,
            codes: [0; 5],
        };
        for i in 0..(CHUNK as u32 * 2 + 3) {
            a.push(RowSummary { row: i, ..s });
        }
        assert_eq!(a.chunks.len(), 3);
        assert!(a.chunks.iter().all(|c| c.capacity() == CHUNK));
        let v = a.into_vec();
        assert_eq!(v.len(), CHUNK * 2 + 3);
        assert!(v.iter().enumerate().all(|(i, s)| s.row as usize == i));
    }

    #[test]
    fn modal_year_ties_go_to_the_later_year() {
        let m: BTreeMap<u16, u64> = [(2017, 3), (2018, 3), (2016, 1)].into_iter().collect();
        assert_eq!(FileRules::modal_year(&m), Some((2018, 3)));
        let m: BTreeMap<u16, u64> = [(2017, 4), (2018, 3)].into_iter().collect();
        assert_eq!(FileRules::modal_year(&m), Some((2017, 4)));
        assert_eq!(FileRules::modal_year(&BTreeMap::new()), None);
    }

    #[test]
    fn key_text_round_trips() {
        assert_eq!(key_text(date_key("2018-05-12")), "2018-05-12");
        assert_eq!(key_text(date_key("2018-99-99")), "2018-99-99");
    }
}
