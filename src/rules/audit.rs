//! ONPE's "Rapport d'audit technique" sections 0002 → 0095 (docs/spec/OLINPE.md §6.1), counted with our
//! corrected rules (§0.2), coloured as ONPE colours them, with ONPE's own count beside ours
//! where its rule differs.
//!
//! How an entry is made:
//! - **0002–0004** come from the [`VariableStats`] (variables never present — `UTDP` aside —,
//!   present but never filled, filled but never informative), counted in variables;
//! - **0005** counts the young people with an `identity-inconsistent` finding
//!   ([`FileOutcome::inconsistent_people`]);
//! - **0007** counts the records of the least frequent TYPEV and is orange when a type is
//!   absent (the section's anomaly is a zero, so the "non-zero → colour" rule is inverted);
//! - **0080** (DATFIN filled, DATDEB empty, `0000-00-00` or `9999-99-99`) is evaluated on the
//!   records themselves by [`Audit::observe_record`], since no finding code is dedicated to it;
//! - every other section counts the distinct records carrying a finding mapped to it
//!   ([`section_of`]): 0009 date formats (`invalid-format` on a date or year variable,
//!   `date-format-repairable`, `year-before-1920`), 0010 birth dates (`age-over-20`,
//!   `parent-birth-year`, `birth-after-event`; not `event-before-birth`, a possible prenatal
//!   measure), 0011 `reserved-minors` and `reserved-minors-at-majority`, 0012
//!   `reserved-adults`, 0013 `filled-outside-condition`, `nsp-not-applicable` (ONPE counts a
//!   "ne sait pas" outside its condition as filled) and `filled-wrong-event` (DATFIN aside:
//!   0058), 0018/0022/0026 the duplicates, 0028 DECISION missing or invalid,
//!   0030/0032/0034 `imperative-date-missing` on DATDECPE/DATDEB/DATFIN, 0035 MOTFININT
//!   missing or invalid, 0036 `out-of-perimeter`, 0038–0056 the cascade variables
//!   (`cascade-missing`, `cascade-missing-minor`, `invalid-code` or `legacy-code` on that
//!   variable), 0058 `datfin-wrong-typev`, 0060 `end-without-start`, 0095
//!   `duration-over-730`.
//!
//! The renewal codes, `decision-not-started`, `event-before-birth` and the other rules from
//! the guide's text count in no section (docs/spec/OLINPE.md §0.2).
//!
//! Status: the section's ONPE colour when the count is not zero, else green; 0038, 0044 and
//! 0048 turn orange instead of red when their variable is present but always "ne sait pas".
//! **Analysis impossible** (§0.2): a cascade section (0038, 0044–0056) with records under its
//! condition ([`FileOutcome::cascade_under`]), none counted, and its variable informative on
//! none of them ([`FileOutcome::cascade_informative`]) — "ne sait pas" on every one — is
//! orange with `analysis_impossible` and ONPE's sentence in `note`; with no record under its
//! condition it stays green (ONPE's own 0050 quirk, orange because no `NATDECASSED=18` row
//! exists, is not copied).
//!
//! `onpe_count` — where ONPE's own rule (S1h) counts differently, evaluated on every record
//! by [`Audit::observe_record`] (or taken from the file rules), and written only when it
//! differs from our count:
//! - 0004: ONPE takes `TYPCLASSPE` 99, `TYPINTERDOM` 9, `TRAITINFO` 9 and `DATDECMIN`
//!   9999-99 for informative answers, so a variable always coded so is not in its list, and
//!   never counts `NBENF` as informative, so a filled `NBENF` always is;
//! - 0010: ONPE tests only an age over 20 at the decision and the parents' birth years
//!   (adults 1 and 2 born less than 10 years before the child, a parent born after it), not
//!   the events before the birth;
//! - 0011: ONPE's list of variables reserved to minors also holds `CSPJM` and `EMPLJM`
//!   (adults' variables per the guide), and it dates the age at DATDECPE (else DATDEB) even
//!   for an end line; a value counts when filled and not its all-nines NSP code;
//! - 0012: ONPE checks only `MENAGEJM` filled, `NATPDECADM` 20/21 and `NATDECASSED` 24 for a
//!   minor (same age rule);
//! - 0013: ONPE's §6.2 "non attendues" table: any value counts as filled, NSP included
//!   (`TYPCLASSPE=99` on every line of the CD84 sample), `TYPETABSPE` depends on `SCOCLASPE`,
//!   the accueil/placement places also expect natures 18/21, `NBCHGLIEU`/`DIPLOME`/`DATFIN`
//!   are unexpected on any TYPEV≠3, and no condition is ever "unknown";
//! - 0044: ONPE also requires `TYPINTERDOM` for `NATPDECADM=18`;
//! - 0049: ONPE also requires `TYPDECJUD` for `NATDECASSED=21`;
//! - 0051: ONPE blanks `NATDECPLAC=3` as a 2011 code, so counts it as absent;
//! - 0052: ONPE's presence check refuses `LIEUPLAC=20`;
//! - 0032: ONPE counts the decisions not started yet (`decision-not-started`) as missing
//!   start dates;
//! - 0056: ONPE requires `CHGLIEU` on every TYPEV=2, not only on the renewal of a minor's
//!   placement or accueil;
//! - 0058: ONPE counts only real DATFIN dates, but on any TYPEV other than 3 (empty too);
//! - 0060: ONPE's query does not restrict the opening to the same young person and needs
//!   DATDEB in the year of DATFIN ([`FileOutcome::onpe_end_without_start`]);
//! - 0095: ONPE counts every duration over 730 days, the natures never renewed included
//!   (pupille, délégation d'autorité parentale, tutelle).
//!
//! Not computed (no `onpe_count`, although ONPE may differ): 0009 (ONPE converts dates
//! through MySQL and also flags partial dates), and the cascade sections whose conditions
//! agree with ours (0038, 0045–0048, 0050, 0053, 0054).
//!
//! Memory: per record section, a bit set over the rows that carry one of its findings (rows
//! arrive in any order: deferred findings come after live ones), grown by an eighth at a time
//! to the highest row seen: at most about rows/7 bytes per section with findings, under 5 bytes
//! per row for the 31 record sections together; plus the distinct variables of each section.

use crate::dictionary::ids;
use crate::finding::{Code, Finding};
use crate::record::Record;
use crate::rules::file::{
    code_byte, decision_age, full_date_days, is_all_nines, year4, FileOutcome, CASCADE_VARS,
};
use crate::rules::record::CellFacts;
use crate::rules::VariableStats;
use serde::Serialize;

/// One audit section of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// Section id, e.g. "0002".
    pub section: &'static str,
    /// French title.
    pub title: &'static str,
    /// "red", "orange" or "green".
    pub status: &'static str,
    /// Count, in `unit`.
    pub count: u64,
    /// "variables", "records" or "young_people".
    pub unit: &'static str,
    /// Variables concerned (sorted).
    pub variables: Vec<String>,
    /// What ONPE's own rule would count, when it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub onpe_count: Option<u64>,
    /// The section's variable is "ne sait pas" on every record under its condition, so the
    /// check could not be made (docs/spec/OLINPE.md §0.2 "Analysis impossible"): orange.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub analysis_impossible: bool,
    /// ONPE's sentence for an impossible analysis (« La variable X étant systématiquement
    /// codifiée en "Ne sait pas", il n'est pas possible d'effectuer cette analyse. »).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// ONPE's colour of a section with a non-zero count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Colour {
    Red,
    Orange,
}

/// A section of §6.1: id, French title, ONPE colour, unit.
struct Section {
    id: &'static str,
    title: &'static str,
    colour: Colour,
    unit: &'static str,
}

const fn sec(id: &'static str, title: &'static str, colour: Colour, unit: &'static str) -> Section {
    Section {
        id,
        title,
        colour,
        unit,
    }
}

use Colour::{Orange, Red};

const VARS: &str = "variables";
const RECS: &str = "records";

/// Every listed section, in id order (docs/spec/OLINPE.md §6.1; 0001, 0006 and 0099 are not listed).
static SECTIONS: &[Section] = &[
    sec("0002", "Variables absentes", Red, VARS),
    sec("0003", "Variables toujours vides", Red, VARS),
    sec(
        "0004",
        "Variables toujours codées « ne sait pas »",
        Red,
        VARS,
    ),
    sec(
        "0005",
        "Incohérences sur le numéro d'anonymat",
        Red,
        "young_people",
    ),
    sec("0007", "Répartition par TYPEV", Orange, RECS),
    sec("0009", "Format des dates", Red, RECS),
    sec("0010", "Dates de naissance à vérifier", Red, RECS),
    sec(
        "0011",
        "Variables ou modalités réservées aux mineurs",
        Orange,
        RECS,
    ),
    sec(
        "0012",
        "Variables ou modalités réservées aux jeunes majeurs",
        Orange,
        RECS,
    ),
    sec("0013", "Variables non attendues", Orange, RECS),
    sec("0018", "Doublons", Orange, RECS),
    sec("0022", "Doublons administratifs", Orange, RECS),
    sec("0026", "Doublons judiciaires", Orange, RECS),
    sec("0028", "DECISION absent", Red, RECS),
    sec("0030", "Date de décision absente", Red, RECS),
    sec("0032", "Date de début absente", Red, RECS),
    sec("0034", "Date de fin absente", Red, RECS),
    sec("0035", "MOTFININT absent", Red, RECS),
    sec("0036", "Hors périmètre", Red, RECS),
    sec("0038", "NATPDECADM absent", Red, RECS),
    sec("0044", "TYPINTERDOM absent", Red, RECS),
    sec("0045", "LIEUACC absent", Red, RECS),
    sec("0046", "ACCMOD absent", Orange, RECS),
    sec("0047", "AUTRLIEUACC absent", Orange, RECS),
    sec("0048", "NATDECASSED absent", Red, RECS),
    sec("0049", "TYPDECJUD absent", Red, RECS),
    sec("0050", "INSTITPLAC absent", Red, RECS),
    sec("0051", "NATDECPLAC absent", Red, RECS),
    sec("0052", "LIEUPLAC absent", Red, RECS),
    sec("0053", "PLACMOD absent", Orange, RECS),
    sec("0054", "AUTRLIEUAR absent", Orange, RECS),
    sec("0056", "CHGLIEU absent", Red, RECS),
    sec("0058", "DATFIN sur mauvais TYPEV", Red, RECS),
    sec("0060", "Fin sans début", Red, RECS),
    sec("0080", "DATFIN sans DATDEB", Red, RECS),
    sec("0095", "Durée excessive", Red, RECS),
];

/// Index of section `id` in [`SECTIONS`] (compile-time ids only).
const fn idx(id: &str) -> usize {
    let mut i = 0;
    while i < SECTIONS.len() {
        if eq(SECTIONS[i].id, id) {
            return i;
        }
        i += 1;
    }
    panic!("unknown audit section");
}

const fn eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const S0002: usize = idx("0002");
const S0003: usize = idx("0003");
const S0004: usize = idx("0004");
const S0005: usize = idx("0005");
const S0007: usize = idx("0007");
const S0010: usize = idx("0010");
const S0011: usize = idx("0011");
const S0012: usize = idx("0012");
const S0013: usize = idx("0013");
const S0044: usize = idx("0044");
const S0049: usize = idx("0049");
const S0051: usize = idx("0051");
const S0052: usize = idx("0052");
const S0032: usize = idx("0032");
const S0056: usize = idx("0056");
const S0058: usize = idx("0058");
const S0060: usize = idx("0060");
const S0080: usize = idx("0080");
const S0095: usize = idx("0095");

/// Date and year variables (section 0009).
const DATE_VARS: &[&str] = &[
    "ANAIS",
    "ANSA1",
    "ANSA2",
    "ANSMERE",
    "ANSPERE",
    "DATDCMERE",
    "DATDCPERE",
    "DATDEB",
    "DATDECAP",
    "DATDECMIN",
    "DATDECPE",
    "DATFIN",
    "DATIP",
    "DATJE",
    "DATPPE",
    "DATSIGN",
    "FINEVAL",
    "NOTIFEVAL",
];

/// Cascade variables and their "absent" section (0038–0056).
const CASCADE: &[(&str, &str)] = &[
    ("NATPDECADM", "0038"),
    ("TYPINTERDOM", "0044"),
    ("LIEUACC", "0045"),
    ("ACCMOD", "0046"),
    ("AUTRLIEUACC", "0047"),
    ("NATDECASSED", "0048"),
    ("TYPDECJUD", "0049"),
    ("INSTITPLAC", "0050"),
    ("NATDECPLAC", "0051"),
    ("LIEUPLAC", "0052"),
    ("PLACMOD", "0053"),
    ("AUTRLIEUAR", "0054"),
    ("CHGLIEU", "0056"),
];

/// The section a finding counts in, if any (see the module doc). 0002–0005, 0007 and 0080
/// are counted from other inputs.
pub fn section_of(code: Code, variable: Option<&str>) -> Option<&'static str> {
    let var = variable.unwrap_or("");
    let s = match code {
        Code::InvalidFormat if DATE_VARS.contains(&var) => "0009",
        Code::DateFormatRepairable | Code::DateWithTime | Code::YearBefore1920 => "0009",
        Code::AgeOver20 | Code::ParentBirthYear | Code::BirthAfterEvent => "0010",
        Code::ReservedMinors | Code::ReservedMinorsAtMajority => "0011",
        Code::ReservedAdults => "0012",
        Code::FilledOutsideCondition | Code::NspNotApplicable => "0013",
        Code::FilledWrongEvent if var != "DATFIN" => "0013",
        Code::DuplicateFull => "0018",
        Code::DuplicateAdministrative => "0022",
        Code::DuplicateJudicial => "0026",
        Code::MandatoryMissing | Code::InvalidCode | Code::LegacyCode if var == "DECISION" => {
            "0028"
        }
        Code::MandatoryMissing | Code::ImperativeDateMissing => match var {
            "DATDECPE" => "0030",
            "DATDEB" => "0032",
            "DATFIN" => "0034",
            "MOTFININT" => "0035",
            _ => return None,
        },
        Code::InvalidCode if var == "MOTFININT" => "0035",
        Code::OutOfPerimeter => "0036",
        Code::CascadeMissing | Code::CascadeMissingMinor | Code::InvalidCode | Code::LegacyCode => {
            return CASCADE.iter().find(|(v, _)| *v == var).map(|(_, s)| *s)
        }
        Code::DatfinWrongTypev => "0058",
        Code::EndWithoutStart => "0060",
        Code::DurationOver730 => "0095",
        _ => return None,
    };
    Some(s)
}

/// Distinct rows, in any order: a bit set grown by an eighth at a time.
#[derive(Debug, Default)]
struct RowSet {
    bits: Vec<u64>,
    count: u64,
    last: Option<u64>,
}

impl RowSet {
    fn insert(&mut self, row: u64) {
        if self.last == Some(row) {
            return; // the common case: several findings of one record in a row
        }
        self.last = Some(row);
        let Ok(word) = usize::try_from(row / 64) else {
            return;
        };
        if word >= self.bits.len() {
            let want = (word + 1).max(self.bits.len() + self.bits.len() / 8);
            self.bits.reserve_exact(want - self.bits.len());
            self.bits.resize(want, 0);
        }
        let mask = 1u64 << (row % 64);
        if let Some(w) = self.bits.get_mut(word) {
            if *w & mask == 0 {
                *w |= mask;
                self.count += 1;
            }
        }
    }
}

/// Per-section accumulator.
#[derive(Debug, Default)]
struct Acc {
    rows: RowSet,
    variables: Vec<String>,
    /// ONPE's own count, for the sections whose rule differs (see the module doc).
    onpe: u64,
    /// Our count for the sections counted on records directly (0080).
    own: u64,
}

impl Acc {
    fn add_variable(&mut self, v: &str) {
        if !self.variables.iter().any(|x| x == v) {
            self.variables.push(v.to_owned());
        }
    }
}

/// Accumulates the audit while findings and records flow.
#[derive(Debug)]
pub struct Audit {
    acc: Vec<Acc>,
    /// Records seen by [`Audit::observe_record`]; ONPE counts are written only when it was
    /// called.
    records: u64,
}

impl Default for Audit {
    fn default() -> Self {
        Audit::new()
    }
}

/// What the audit counts for one record, computed from the record alone (section 0080 by our
/// rule, and where ONPE's own rules flag it for 0011, 0012, 0013, 0044, 0049, 0051, 0052,
/// 0056, 0058, 0010, 0095).
#[derive(Debug, Clone, Copy, Default)]
pub struct AuditHits {
    s0080: bool,
    onpe: [bool; ONPE_HITS],
}

/// Sections whose ONPE rule is evaluated on each record, in the order of [`AuditHits`].
const ONPE_SECTIONS: [usize; 11] = [
    S0011, S0012, S0013, S0044, S0049, S0051, S0052, S0056, S0058, S0010, S0095,
];
const ONPE_HITS: usize = ONPE_SECTIONS.len();

impl AuditHits {
    /// The hits as bits (bit 0: 0080; bits 1–11: the ONPE sections), for another worker.
    pub(crate) fn to_bits(self) -> u16 {
        let mut bits = u16::from(self.s0080);
        for (k, &h) in self.onpe.iter().enumerate() {
            bits |= u16::from(h) << (k + 1);
        }
        bits
    }

    /// The hits from [`AuditHits::to_bits`].
    pub(crate) fn from_bits(bits: u16) -> Self {
        let mut onpe = [false; ONPE_HITS];
        for (k, h) in onpe.iter_mut().enumerate() {
            *h = bits & (1 << (k + 1)) != 0;
        }
        AuditHits {
            s0080: bits & 1 != 0,
            onpe,
        }
    }

    /// The hits of `rec`, with its cell facts.
    pub fn of(rec: &Record, facts: &CellFacts) -> Self {
        let get = |i: usize| rec.get(i);
        // As the statistics count it: empty and the null dates are not filled.
        let filled = |i: usize| facts.filled & (1u128 << i) != 0;
        let real_date = |i: usize| filled(i) && get(i) != "9999-99-99";
        let typev = get(ids::TYPEV);

        // 0080: DATFIN filled while DATDEB is missing.
        let s0080 = filled(ids::DATFIN) && !real_date(ids::DATDEB);

        let mut hit = [false; ONPE_HITS];
        let nat_adm = code_byte(get(ids::NATPDECADM));
        let nat_jud = code_byte(get(ids::NATDECASSED));
        let in_list = |i: usize, list: &[u8]| list.contains(&code_byte(get(i)));

        // 0011 / 0012 with ONPE's age.
        if let Some(age) = decision_age(rec) {
            if age >= 18 {
                hit[0] = ONPE_MINORS
                    .iter()
                    .any(|&i| filled(i) && !is_all_nines(get(i)));
            } else {
                hit[1] = filled(ids::MENAGEJM) || matches!(nat_adm, 20 | 21) || nat_jud == 24;
            }
        }
        // 0013: ONPE's "non attendues" table.
        hit[2] = ONPE_UNEXPECTED
            .iter()
            .any(|u| filled(u.var) && !u.allowed.contains(&code_byte(get(u.cond))));
        // 0044, 0049, 0051, 0052, 0056, 0058.
        hit[3] = matches!(nat_adm, 10 | 18 | 20)
            && !in_list(ids::TYPINTERDOM, &[1, 2, 3, 4, 5, 6, 7, 9, 10]);
        hit[4] = matches!(nat_jud, 11 | 14 | 15 | 16 | 19 | 21 | 24)
            && !in_list(ids::TYPDECJUD, &[3, 4, 5, 6, 7, 8, 9, 10]);
        hit[5] = matches!(nat_jud, 17 | 18) && !in_list(ids::NATDECPLAC, &[1, 2, 9]);
        hit[6] = matches!(nat_jud, 17 | 18 | 22 | 23)
            && !in_list(
                ids::LIEUPLAC,
                &[1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 19, 21, 99],
            );
        hit[7] = typev == "2" && !in_list(ids::CHGLIEU, &[1, 2, 9]);
        hit[8] = real_date(ids::DATFIN) && typev != "3";
        // 0010: ONPE tests only an age over 20 at the decision and the parents' birth years
        // (adults 1 and 2 born less than 10 years before the child, a parent born after it),
        // not births after an event.
        let child = year4(get(ids::ANAIS));
        let born = |i: usize| year4(get(i));
        hit[9] = decision_age(rec).is_some_and(|a| a > 20)
            || child.is_some_and(|c| {
                [ids::ANSA1, ids::ANSA2]
                    .iter()
                    .any(|&i| born(i).is_some_and(|y| c - y < 10))
                    || [ids::ANSMERE, ids::ANSPERE]
                        .iter()
                        .any(|&i| born(i).is_some_and(|y| c < y))
            });
        // 0095: ONPE counts every duration over 730 days, whatever the nature.
        hit[10] = matches!(
            (full_date_days(get(ids::DATDEB)), full_date_days(get(ids::DATFIN))),
            (Some(a), Some(b)) if b - a > 730
        );

        AuditHits { s0080, onpe: hit }
    }
}

impl Audit {
    /// A fresh audit.
    pub fn new() -> Self {
        Audit {
            acc: SECTIONS.iter().map(|_| Acc::default()).collect(),
            records: 0,
        }
    }

    /// Observes one finding (every finding, uncapped, in any order).
    pub fn observe(&mut self, f: &Finding) {
        let var = f.variable.as_deref();
        if f.code == Code::IdentityInconsistent {
            if let (Some(v), Some(a)) = (var, self.acc.get_mut(S0005)) {
                a.add_variable(v);
            }
            return;
        }
        if f.code == Code::DecisionNotStarted {
            // Not an anomaly by the guide, but ONPE counts it as a missing start date.
            if let Some(a) = self.acc.get_mut(S0032) {
                a.onpe += 1;
            }
            return;
        }
        let Some(section) = section_of(f.code, var) else {
            return;
        };
        let Some(a) = SECTIONS
            .iter()
            .position(|s| s.id == section)
            .and_then(|i| self.acc.get_mut(i))
        else {
            return;
        };
        if let Some(row) = f.row {
            a.rows.insert(row);
        }
        if let Some(v) = var {
            a.add_variable(v);
        }
    }

    /// Observes one record (every record, once): evaluates section 0080 and ONPE's own rules
    /// where they differ from ours (see the module doc).
    pub fn observe_record(&mut self, rec: &Record) {
        self.observe_record_with(rec, &CellFacts::of(rec));
    }

    /// [`Audit::observe_record`] with the record's cell facts already computed by the rules.
    pub fn observe_record_with(&mut self, rec: &Record, facts: &CellFacts) {
        self.observe_hits(AuditHits::of(rec, facts));
    }

    /// [`Audit::observe_record`] from the record's [`AuditHits`] (computed beforehand,
    /// possibly on another thread).
    pub fn observe_hits(&mut self, hits: AuditHits) {
        self.records += 1;
        if hits.s0080 {
            if let Some(a) = self.acc.get_mut(S0080) {
                a.own += 1;
                a.add_variable("DATDEB");
            }
        }
        for (s, h) in ONPE_SECTIONS.iter().zip(hits.onpe) {
            if h {
                if let Some(a) = self.acc.get_mut(*s) {
                    a.onpe += 1;
                }
            }
        }
    }

    /// The sections, in id order, from the findings and records observed, the file's
    /// variable statistics and the file rules' outcome.
    pub fn finish(self, stats: &VariableStats, outcome: &FileOutcome) -> Vec<AuditEntry> {
        let with_records = outcome.records > 0;
        let onpe_known = self.records > 0;
        let mut out = Vec::with_capacity(SECTIONS.len());
        for (i, (s, a)) in SECTIONS.iter().zip(self.acc).enumerate() {
            let mut variables = a.variables;
            let mut count = a.rows.count;
            let mut onpe_count = None;
            let mut anomaly = count > 0;
            let mut colour = s.colour;
            match i {
                S0002 | S0003 | S0004 => {
                    variables.clear();
                    if with_records {
                        for (v, code) in ids::CODES.iter().enumerate() {
                            let present = stats.present[v];
                            let hit = match i {
                                S0002 => !present && v < ids::N_DECREE,
                                S0003 => present && stats.filled[v] == 0,
                                _ => present && stats.filled[v] > 0 && stats.informative[v] == 0,
                            };
                            if hit {
                                variables.push((*code).to_owned());
                            }
                        }
                    }
                    count = variables.len() as u64;
                    anomaly = count > 0;
                    if i == S0004 && with_records {
                        let onpe = onpe_always_nsp(&variables, stats);
                        if onpe != count {
                            onpe_count = Some(onpe);
                        }
                    }
                }
                S0005 => {
                    count = outcome.inconsistent_people;
                    anomaly = count > 0;
                }
                S0007 => {
                    count = outcome.typev.iter().copied().min().unwrap_or(0);
                    anomaly = with_records && count == 0;
                    variables = if anomaly {
                        vec!["TYPEV".to_owned()]
                    } else {
                        Vec::new()
                    };
                }
                S0080 => {
                    count = a.own;
                    anomaly = count > 0;
                    if anomaly {
                        variables.push("DATFIN".to_owned());
                    }
                }
                S0060 if with_records && outcome.onpe_end_without_start != count => {
                    onpe_count = Some(outcome.onpe_end_without_start);
                }
                S0011 | S0012 | S0013 | S0044 | S0049 | S0051 | S0052 | S0056 | S0058 | S0010
                | S0095
                    if onpe_known && a.onpe != count =>
                {
                    onpe_count = Some(a.onpe);
                }
                // ONPE counts the decisions not started yet as missing start dates.
                S0032 if a.onpe > 0 => onpe_count = Some(count + a.onpe),
                _ => {}
            }
            // Analysis impossible (§0.2): records under the section's condition, none counted,
            // and the variable "ne sait pas" on every one of them.
            let mut analysis_impossible = false;
            let mut note = None;
            if let Some(k) = CASCADE.iter().position(|(_, id)| *id == s.id) {
                let under = outcome.cascade_under[k];
                if !anomaly && under > 0 && outcome.cascade_informative[k] == 0 {
                    let var = ids::CODES[CASCADE_VARS[k]];
                    analysis_impossible = true;
                    anomaly = true;
                    colour = Orange;
                    variables = vec![var.to_owned()];
                    note = Some(format!(
                        "La variable {var} étant systématiquement codifiée en \"Ne sait pas\", il \
                         n'est pas possible d'effectuer cette analyse."
                    ));
                }
            }
            if let Some(var) = always_nsp_variable(s.id) {
                if let Some(v) = ids::CODES.iter().position(|c| *c == var) {
                    if stats.present[v] && stats.filled[v] > 0 && stats.informative[v] == 0 {
                        colour = Orange;
                    }
                }
            }
            variables.sort_unstable();
            out.push(AuditEntry {
                section: s.id,
                title: s.title,
                status: match (anomaly, colour) {
                    (false, _) => "green",
                    (true, Red) => "red",
                    (true, Orange) => "orange",
                },
                count,
                unit: s.unit,
                variables,
                onpe_count,
                analysis_impossible,
                note,
            });
        }
        out
    }
}

/// What ONPE's "toujours codées NSP" (0004) lists, from our list (`ours`): ONPE takes
/// `TYPCLASSPE` 99, `TYPINTERDOM` 9, `TRAITINFO` 9 and `DATDECMIN` 9999-99 for informative
/// answers, so a variable always coded so is not in its list, and it never counts `NBENF` as
/// informative, so a filled `NBENF` always is (docs/spec/OLINPE.md §0.2 "onpe_count of 0004").
fn onpe_always_nsp(ours: &[String], stats: &VariableStats) -> u64 {
    const ONPE_INFORMATIVE: [&str; 4] = ["TYPCLASSPE", "TYPINTERDOM", "TRAITINFO", "DATDECMIN"];
    let kept = ours
        .iter()
        .filter(|v| !ONPE_INFORMATIVE.contains(&v.as_str()))
        .count() as u64;
    let nbenf = stats.present[ids::NBENF] && stats.filled[ids::NBENF] > 0;
    kept + u64::from(nbenf && !ours.iter().any(|v| v == "NBENF"))
}

/// The variable whose "always NSP" turns sections 0038, 0044 and 0048 orange.
fn always_nsp_variable(section: &str) -> Option<&'static str> {
    match section {
        "0038" => Some("NATPDECADM"),
        "0044" => Some("TYPINTERDOM"),
        "0048" => Some("NATDECASSED"),
        _ => None,
    }
}

/// ONPE's "réservées aux mineurs" list (§6.2), with its `CSPJM` and `EMPLJM`.
const ONPE_MINORS: &[usize] = &[
    ids::ANSMERE,
    ids::ANSPERE,
    ids::AUTREHEBER,
    ids::CHGLIEU,
    ids::COMPOMENAG,
    ids::CONDADD,
    ids::CONDEDEV,
    ids::CONDEDUC,
    ids::CONFL,
    ids::CSPA1,
    ids::CSPA2,
    ids::DANGER,
    ids::DATDCMERE,
    ids::DATDCPERE,
    ids::DATDECAP,
    ids::DATPPE,
    ids::DCMERE,
    ids::DCPERE,
    ids::DECAP,
    ids::DEFINTEL,
    ids::EMPLA1,
    ids::EMPLA2,
    ids::LIENA1,
    ids::LIENA2,
    ids::MEREINC,
    ids::MINA,
    ids::MORALITE,
    ids::NBCHGLIEU,
    ids::NBFRAT,
    ids::NEGLIG,
    ids::PEREINC,
    ids::PROJET,
    ids::SANTE,
    ids::SECURITE,
    ids::SEXA1,
    ids::SEXA2,
    ids::TITAP,
    ids::VIOLCONJ,
    ids::VIOLFAM,
    ids::VIOLPHYS,
    ids::VIOLPSY,
    ids::VIOLSEX,
    ids::CSPJM,
    ids::EMPLJM,
];

/// A row of ONPE's "non attendues" table: `var` filled is flagged when the code of `cond`
/// is not in `allowed` ([`code_byte`] values; an empty or invalid `cond` is never in it).
struct Unexpected {
    var: usize,
    cond: usize,
    allowed: &'static [u8],
}

const fn not_in(var: usize, cond: usize, allowed: &'static [u8]) -> Unexpected {
    Unexpected { var, cond, allowed }
}

const ACCUEIL: &[u8] = &[11, 12, 13, 14, 15, 16, 18, 19, 21];
const PLACE: &[u8] = &[17, 18, 21, 22, 23];
const PLACEMENT: &[u8] = &[17, 18, 21];

/// ONPE's §6.2 "non attendues" table (S1h), as ONPE evaluates it.
static ONPE_UNEXPECTED: &[Unexpected] = &[
    not_in(ids::ACCMOD, ids::NATPDECADM, ACCUEIL),
    not_in(ids::AUTRLIEUACC, ids::NATPDECADM, ACCUEIL),
    not_in(ids::LIEUACC, ids::NATPDECADM, ACCUEIL),
    not_in(ids::AUTRLIEUAR, ids::NATDECASSED, PLACE),
    not_in(ids::LIEUPLAC, ids::NATDECASSED, PLACE),
    not_in(ids::PLACMOD, ids::NATDECASSED, PLACE),
    not_in(ids::NATDECPLAC, ids::NATDECASSED, PLACEMENT),
    not_in(ids::INSTITPLAC, ids::NATDECASSED, PLACEMENT),
    not_in(
        ids::TYPDECJUD,
        ids::NATDECASSED,
        &[11, 14, 15, 16, 19, 21, 24],
    ),
    not_in(ids::TYPINTERDOM, ids::NATPDECADM, &[10, 18, 20]),
    not_in(ids::AUTREDA, ids::DECISION, &[1]),
    not_in(ids::NATPDECADM, ids::DECISION, &[1]),
    not_in(ids::AUTREDJ, ids::DECISION, &[2]),
    not_in(ids::NATDECASSED, ids::DECISION, &[2]),
    not_in(ids::CHGLIEU, ids::TYPEV, &[2]),
    not_in(ids::DATFIN, ids::TYPEV, &[3]),
    not_in(ids::MOTFININT, ids::TYPEV, &[3]),
    not_in(ids::DIPLOME, ids::TYPEV, &[3]),
    not_in(ids::NBCHGLIEU, ids::TYPEV, &[3]),
    not_in(ids::MOTIFML, ids::MOTFININT, &[1, 2]),
    not_in(ids::DATDECMIN, ids::MOTIFML, &[18]),
    not_in(ids::DATPPE, ids::PROJET, &[2]),
    not_in(ids::ORIENTEFF, ids::ORIENTDEC, &[2]),
    not_in(ids::NIVSCO, ids::SCODTCOM, &[2]),
    not_in(ids::SCOCLASPE, ids::SCODTCOM, &[2]),
    not_in(ids::MODACC, ids::SCODTCOM, &[1]),
    not_in(ids::TYPCLASSPE, ids::SCOCLASPE, &[2]),
    not_in(ids::TYPETABSPE, ids::SCOCLASPE, &[2]),
    not_in(ids::TRAITINFO, ids::TYPEV, &[1]),
    not_in(ids::DATJE, ids::TRAITINFO, &[4]),
    not_in(ids::DATSIGN, ids::TRAITINFO, &[3]),
    not_in(ids::MOTIFSIG, ids::TRAITINFO, &[3]),
    not_in(ids::TRANSIP, ids::TRAITINFO, &[1, 2]),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(pairs: &[(usize, &str)]) -> Record {
        let mut r = Record::new();
        for &(i, v) in pairs {
            r.set(i, v);
        }
        r
    }

    #[test]
    fn onpe_age_in_completed_years() {
        let cases: &[(&str, &str, &str, &str, Option<i32>)] = &[
            // ANAIS, MNAIS, DATDECPE, DATDEB, age
            ("2000", "05", "2018-05-01", "", Some(18)),
            ("2000", "05", "2018-04-30", "", Some(17)),
            ("2000", "5", "2018-06-99", "", Some(18)),
            ("2000", "05", "9999-99-99", "2018-05-02", Some(18)),
            ("2000", "05", "2018-99-99", "2017-06-01", Some(17)),
            ("2000", "05", "", "", None),
            ("2000", "99", "2018-05-01", "", None),
            ("9999", "05", "2018-05-01", "", None),
            ("20xx", "05", "2018-05-01", "", None),
        ];
        for &(anais, mnais, decpe, deb, want) in cases {
            let r = rec(&[
                (ids::ANAIS, anais),
                (ids::MNAIS, mnais),
                (ids::DATDECPE, decpe),
                (ids::DATDEB, deb),
            ]);
            assert_eq!(decision_age(&r), want, "{anais}-{mnais} at {decpe}/{deb}");
        }
    }

    #[test]
    fn row_set_counts_distinct_rows_in_any_order() {
        let mut s = RowSet::default();
        for row in [5, 5, 1, 700, 5, 1, 64, 63, 700] {
            s.insert(row);
        }
        assert_eq!(s.count, 5);
        assert!(s.bits.len() <= 700 / 64 + 2);
    }

    #[test]
    fn sections_are_sorted_and_unique() {
        assert!(SECTIONS.windows(2).all(|w| w[0].id < w[1].id));
        assert_eq!(SECTIONS.len(), 36);
        for (_, s) in CASCADE {
            assert!(SECTIONS.iter().any(|x| x.id == *s), "{s}");
        }
    }

    #[test]
    fn onpe_unexpected_table_flags_nsp_and_empty_conditions() {
        let mut a = Audit::new();
        // TYPCLASSPE=99 with SCOCLASPE=1: ONPE's "non attendue".
        a.observe_record(&rec(&[
            (ids::TYPEV, "1"),
            (ids::SCODTCOM, "2"),
            (ids::SCOCLASPE, "1"),
            (ids::TYPCLASSPE, "99"),
        ]));
        // TYPCLASSPE with SCOCLASPE=2: expected.
        a.observe_record(&rec(&[
            (ids::TYPEV, "1"),
            (ids::SCODTCOM, "2"),
            (ids::SCOCLASPE, "2"),
            (ids::TYPCLASSPE, "11"),
        ]));
        // LIEUACC while NATPDECADM is empty: ONPE flags it (no "unknown" condition).
        a.observe_record(&rec(&[(ids::TYPEV, "1"), (ids::LIEUACC, "1")]));
        assert_eq!(a.acc[S0013].onpe, 2);
    }
}
