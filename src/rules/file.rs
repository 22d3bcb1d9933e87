//! Rules on the whole file (docs/spec/OLINPE.md §0.2, §2.2, §5.1, §5.4, §5.5, §6.1), with a compact
//! state: one small entry per young person, plus one fixed-size summary per row — never the
//! rows themselves.
//!
//! Decided while records flow ([`FileRules::observe`]): identity consistency per `NUMANONYM`
//! (`identity-inconsistent`), `numanonymant-multiple`, `numanonymant-shared` (per-person
//! state) and `duration-over-730` (the record alone). Decided at the end
//! ([`FileRules::finish`], returned as `deferred` row findings sorted by row then code): the
//! reference year and `out-of-perimeter`, the three kinds of duplicates, `end-without-start`
//! and `differs-from-opening` (an opening may come after the line it opens), plus the
//! file-level findings (`reference-year-*`, `typev-*`, `variable-*`, `hex-case-mixed`).
//!
//! Duplicates are decided at the end on purpose: detecting them on the fly needs two hash
//! tables keyed per row (about 40 bytes per row each once load factor and growth are
//! counted), which would break the memory contract below; sorting the row summaries at the
//! end finds the same groups with no extra memory.
//!
//! Memory contract (issue 2 point 5), measured with `size_of` (see the test
//! `row_summary_is_compact`):
//! - per row: one [`RowSummary`] of **56 bytes** (hashes of the whole record, of the
//!   duplicate key and of the measure key, row and line, three date keys, seven coded values,
//!   two 16-bit text digests), stored in chunks of 4 096 summaries allocated at their exact
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
//!   repeats every row has one or two per row.
//!
//! Identifiers are compared without regard to the case of their hexadecimal letters (the same
//! digest written in two cases is the same young person; `hex-case-mixed` reports the mix).
//! Two different identifiers share a 64-bit hash with probability about n²/2⁶⁵ (3·10⁻⁸ for a
//! million young people): accepted. Row numbers are kept on 32 bits (4 billion records, far
//! beyond any département's file).

mod values;

pub(crate) use values::{code_byte, date_parts, full_date_days, is_all_nines, usable_year};

use crate::dictionary::ids::{self, CODES, N_ALL, N_DECREE};
use crate::finding::{finding, quote, Code, Finding};
use crate::record::Record;
use crate::rules::VariableStats;
use std::collections::{BTreeMap, HashMap};
use values::{date_key, hash16, key_year, Fnv, PassThroughState, RowHash};

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
    OutOfPerimeter { year: u16 },
    Duplicate { code: Code, first: u32 },
    EndWithoutStart { year: u16, datdeb: u32 },
    DiffersFromOpening { variable: &'static str, first: u32 },
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
    /// Hash of (person, DATDEB); 0 when NUMANONYM is empty or DATDEB has no known year.
    measure: u64,
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
    /// TYPEV (bits 0–1: 1, 2, 3, or 0 when empty/other) and DECISION (bits 2–3: 1, 2, 0
    /// when empty, 3 other).
    kind: u8,
    /// [`code_byte`] of NATPDECADM, NATDECASSED, NATDECPLAC, TYPINTERDOM, TYPDECJUD.
    codes: [u8; 5],
}

impl RowSummary {
    fn typev(&self) -> u8 {
        self.kind & 3
    }
    fn decision(&self) -> u8 {
        (self.kind >> 2) & 3
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
        let s = &self.summary;
        o.u64(s.full);
        o.u64(s.dup);
        o.u64(s.measure);
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
        let summary = RowSummary {
            line,
            full: i.u64()?,
            dup: i.u64()?,
            measure: i.u64()?,
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
        let measure = if person_key != 0 && deb_year.is_some() {
            let mut h = Fnv::new();
            h.bytes(&person_key.to_le_bytes());
            h.field(datdeb);
            h.finish()
        } else {
            0
        };
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
            summary: RowSummary {
                line: rec.line,
                full: full.finish(),
                dup,
                measure,
                row: row32(rec.row),
                datdecpe: date_key(rec.get(ids::DATDECPE)),
                datdeb: date_key(datdeb),
                datfin_year: usable_year(rec.get(ids::DATFIN)).unwrap_or(0),
                autreda: hash16(rec.get(ids::AUTREDA)),
                autredj: hash16(rec.get(ids::AUTREDJ)),
                kind: typev | (decision << 2),
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

/// The hash identifying a young person (lowercased NUMANONYM), 0 when empty.
fn id_hash(value: &str) -> u64 {
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

    /// `duration-over-730`: DATFIN − DATDEB over 730 days, real calendar dates only.
    fn check_duration(rec: &Record) -> Option<Finding> {
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
    fn modal_year(years: &BTreeMap<u16, u64>) -> Option<(u16, u64)> {
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

        // Measures: end without start (0060) and differences from the opening (§5.1).
        rows.sort_unstable_by_key(|s| (s.measure, s.datdeb, s.row));
        let mut sig2: Vec<u64> = Vec::new();
        let mut sig3: Vec<u64> = Vec::new();
        for group in rows.chunk_by(|a, b| a.measure == b.measure && a.datdeb == b.datdeb) {
            let Some(head) = group.first() else { continue };
            if head.measure == 0 {
                continue;
            }
            sig2.clear();
            sig3.clear();
            let mut first_open1: Option<&RowSummary> = None;
            let mut first_open2: Option<&RowSummary> = None;
            for s in group {
                match s.typev() {
                    1 => {
                        sig2.push(s.signature2());
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
            // A closing line is compared with the TYPEV=1 line when there is one.
            let first_open12 = first_open1.or(first_open2);
            sig2.sort_unstable();
            sig3.sort_unstable();
            for s in group {
                match s.typev() {
                    2 => {
                        if let Some(open) = first_open1 {
                            if sig2.binary_search(&s.signature2()).is_err() {
                                differences(open, s, false, &mut deferred);
                            }
                        }
                    }
                    3 => match first_open12 {
                        Some(open) => {
                            if sig3.binary_search(&s.signature3()).is_err() {
                                differences(open, s, true, &mut deferred);
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
                    },
                    _ => {}
                }
            }
        }
        drop(rows);

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
        }
    }
}

/// The `AAAA-MM-JJ` text of a date key (only called on keys with a usable year).
fn key_text(key: u32) -> String {
    let v = key.saturating_sub(1);
    format!("{:04}-{:02}-{:02}", v / 10_000, (v / 100) % 100, v % 100)
}

/// One `differs-from-opening` finding per §5.1 variable on which `s` differs from `open`.
fn differences(open: &RowSummary, s: &RowSummary, closing: bool, out: &mut Vec<Deferred>) {
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
    if closing && open.datdecpe != s.datdecpe {
        differing.push("DATDECPE");
    }
    differing.sort_unstable();
    for variable in differing {
        let kind = DeferredKind::DiffersFromOpening {
            variable,
            first: open.row,
        };
        out.push(Deferred::new(s, kind));
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
            measure: 0,
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
