//! The report model (docs/spec/INTERFACES.md "Report JSON"): statistics, audit sections, capped
//! findings, and its exact bytes.
//!
//! The engine builds a [`Report`] at the end of pass 1; [`Report::to_json`] gives the bytes
//! that both the CLI (`check --format json`, `NAME-rapport.json`) and the page write, so
//! they are identical: `serde_json` pretty-printed with two-space indentation, keys in the
//! documented order, a final newline, no path, no clock. [`FindingStore`] keeps the capped
//! selection while findings stream past, with exact counts; [`Tally`] the counts behind
//! « À corriger en priorité » ([`Priority`]); `verdict.rs` the verdict's model.

mod tally;
pub mod verdict;

pub use tally::{person_hash, Tally};
pub use verdict::{Level, Reason, ReasonCode, Settings, Verdict, REASONS};

use crate::finding::{Code, Finding, Severity};
use crate::rules::audit::AuditEntry;
pub use crate::rules::file::{Population, YearCount};
use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// `tool` object.
#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    /// Always "olinpe".
    pub name: &'static str,
    /// Crate version.
    pub version: &'static str,
}

impl Default for Tool {
    fn default() -> Self {
        Tool {
            name: "olinpe",
            version: crate::VERSION,
        }
    }
}

/// `input` object.
#[derive(Debug, Clone, Serialize)]
pub struct InputSummary {
    /// Base name of the input.
    pub name: String,
    /// "csv", "xml", "xlsx" or "ods".
    pub format: &'static str,
    /// "UTF-8", "windows-1252"…
    pub encoding: &'static str,
    /// The CSV delimiter as a one-character string; `null` for XML.
    pub delimiter: Option<String>,
    /// Records read.
    pub rows: u64,
    /// The sheet read, for a workbook (`"xlsx"`, `"ods"`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
}

/// `typev` object, always with the keys "1", "2", "3" in that order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TypevCounts {
    /// TYPEV=1 records.
    #[serde(rename = "1")]
    pub one: u64,
    /// TYPEV=2 records.
    #[serde(rename = "2")]
    pub two: u64,
    /// TYPEV=3 records.
    #[serde(rename = "3")]
    pub three: u64,
}

/// One entry of `variables`.
#[derive(Debug, Clone, Serialize)]
pub struct VariableEntry {
    /// Variable code.
    pub code: &'static str,
    /// Present in the file.
    pub present: bool,
    /// Records where it is filled.
    pub filled: u64,
    /// Records where it is informative (filled, not "ne sait pas").
    pub informative: u64,
}

/// The report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Tool name and version.
    pub tool: Tool,
    /// Dictionary id.
    pub dictionary: &'static str,
    /// Input summary.
    pub input: InputSummary,
    /// Reference year.
    pub reference_year: Option<i32>,
    /// Distinct NUMANONYM.
    pub young_people: u64,
    /// Records by TYPEV.
    pub typev: TypevCounts,
    /// Fill statistics, in XSD order (+ UTDP when present).
    pub variables: Vec<VariableEntry>,
    /// ONPE audit sections.
    pub audit: Vec<AuditEntry>,
    /// Exact count per finding code (keys sorted by the code strings, see [`Code`]'s order).
    pub counts: BTreeMap<Code, u64>,
    /// The kept findings (capped; an information code on most rows once, at file level),
    /// each with its ONPE audit section.
    #[serde(serialize_with = "findings_with_sections")]
    pub findings: Vec<Finding>,
    /// Exact number of findings.
    pub findings_total: u64,
    /// True when the cap left findings out (an information code written once for most rows
    /// is not counted as left out).
    pub findings_truncated: bool,
    /// May this file be sent? Decided by the session from everything the run knows
    /// (`None` only for a bare engine pass).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// « À corriger en priorité »: errors and warnings by code and variable.
    pub priorities: Vec<Priority>,
    /// Decisions per `DATDECPE` year with their young people, and young people by age
    /// (`decisions_by_year`, `minors`, `young_adults`), written after the keys above.
    #[serde(flatten)]
    pub population: Population,
}

/// One row of « À corriger en priorité »: a finding code and a variable (or, for
/// file-level findings, a code and the variables it names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Priority {
    /// The finding code.
    pub code: Code,
    /// Its severity.
    pub severity: Severity,
    /// Its French title.
    pub title: &'static str,
    /// The variables concerned (one for a row finding; none when the code names none).
    pub variables: Vec<String>,
    /// The ONPE audit section that counts it, if any.
    pub section: Option<&'static str>,
    /// True for findings about the whole file (no record).
    pub file_level: bool,
    /// Distinct records concerned.
    pub records: u64,
    /// Distinct young people concerned (`NUMANONYM`; 0 when the file has none yet).
    pub young_people: u64,
    /// Findings.
    pub findings: u64,
}

pub use crate::write::findings_csv::section;

/// A finding as the report writes it: its fields, then its `section` when it has one.
#[derive(Serialize)]
struct FindingOut<'a> {
    code: Code,
    severity: Severity,
    row: Option<u64>,
    line: Option<u64>,
    variable: Option<&'a str>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'static str>,
}

fn findings_with_sections<S: Serializer>(findings: &[Finding], s: S) -> Result<S::Ok, S::Error> {
    let mut seq = s.serialize_seq(Some(findings.len()))?;
    for f in findings {
        seq.serialize_element(&FindingOut {
            code: f.code,
            severity: f.severity,
            row: f.row,
            line: f.line,
            variable: f.variable.as_deref(),
            message: &f.message,
            section: section(f.code, f.variable.as_deref()),
        })?;
    }
    seq.end()
}

/// The finding written once, at file level, for an information code found on most records
/// (docs/spec/INTERFACES.md "Report JSON"): its count, and the first one as an example.
pub fn compacted(code: Code, records: u64, rows: u64, first: Option<&Finding>) -> Finding {
    let example = match first {
        Some(f) => format!(
            " (premier : enregistrement {}, ligne {}) : {}",
            f.row.unwrap_or(0),
            f.line.unwrap_or(0),
            f.message
        ),
        None => format!(" : {}", code.entry().title),
    };
    Finding {
        code,
        severity: code.severity(),
        row: None,
        line: None,
        variable: code.entry().variable.map(str::to_owned),
        message: format!(
            "Constat présent sur {records} des {rows} enregistrements, indiqué une seule fois{example}"
        ),
    }
}

/// True when an information code found on `records` of `rows` records is written once, at
/// file level: on more than half of the records, and on at least 100.
pub fn compacts(code: Code, records: u64, rows: u64) -> bool {
    code.severity() == Severity::Info && records >= 100 && records * 2 > rows
}

/// What [`FindingStore::select`] keeps.
#[derive(Debug)]
pub struct Selection {
    /// The kept findings, sorted by row (file-level first), then code.
    pub findings: Vec<Finding>,
    /// Exact number of findings.
    pub total: u64,
    /// Exact count per code.
    pub counts: BTreeMap<Code, u64>,
    /// True when the cap left findings out.
    pub truncated: bool,
    /// The file-level findings that stand for the compacted codes (also in `findings`).
    pub compacted: Vec<Finding>,
}

impl Report {
    /// The report's exact bytes (pretty JSON, two-space indentation, final newline).
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).unwrap_or_default();
        out.push(b'\n');
        out
    }

    /// The lines a text summary prints about the population (French): decisions per year as
    /// the ONPE's report writes them (« 2018 : 26 (25) ; 2017 : 2 (2) »), then minors and
    /// young adults.
    pub fn population_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if !self.population.decisions_by_year.is_empty() {
            let years: Vec<String> = self
                .population
                .decisions_by_year
                .iter()
                .map(|y| format!("{} : {} ({})", y.year, y.decisions, y.young_people))
                .collect();
            lines.push(format!(
                "Décisions par année de DATDECPE (jeunes) : {}",
                years.join(" ; ")
            ));
        }
        let p = &self.population;
        let unknown = self.young_people.saturating_sub(p.minors + p.young_adults);
        let mut ages = format!(
            "Jeunes : {} mineur(s) et {} jeune(s) majeur(s) à leur dernière décision",
            p.minors, p.young_adults
        );
        if unknown > 0 {
            ages.push_str(&format!(", {unknown} d'âge inconnu"));
        }
        lines.push(ages);
        lines
    }

    /// One line per audit section whose `onpe_count` differs from a count of ours that is not
    /// zero, whatever its colour (where ours is zero, the verdict's `onpe-will-flag` note says
    /// it, first), and one per impossible analysis (French, indented under the audit lines).
    pub fn onpe_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for a in &self.audit {
            if let Some(onpe) = a.onpe_count.filter(|_| a.count > 0) {
                lines.push(format!(
                    "  Audit ONPE {} {} : l'ONPE comptera {} là où la règle du guide en compte {}",
                    a.section, a.title, onpe, a.count
                ));
            }
            if let Some(note) = &a.note {
                lines.push(format!("  Audit ONPE {} {} : {}", a.section, a.title, note));
            }
        }
        lines
    }

    /// Number of findings of a severity (exact).
    pub fn severity_count(&self, s: Severity) -> u64 {
        self.counts
            .iter()
            .filter(|(code, _)| code.severity() == s)
            .map(|(_, n)| *n)
            .sum()
    }
}

/// Keeps the capped selection of findings while they stream past (docs/spec/INTERFACES.md: the cap is
/// hard; file-level findings first, then the codes in turn, round-robin, codes sorted, each
/// contributing its next finding in row order), with exact counts.
///
/// Memory is bounded by the cap times the number of codes, whatever the input size.
#[derive(Debug)]
pub struct FindingStore {
    cap: usize,
    file_level: Vec<Finding>,
    /// Kept row findings by code; iterated in the order of the code strings (the
    /// round-robin's "codes sorted").
    by_code: BTreeMap<Code, Vec<Finding>>,
    counts: BTreeMap<Code, u64>,
    total: u64,
}

impl FindingStore {
    /// A store keeping at most `cap` findings.
    pub fn new(cap: usize) -> Self {
        FindingStore {
            cap,
            file_level: Vec::new(),
            by_code: BTreeMap::new(),
            counts: BTreeMap::new(),
            total: 0,
        }
    }

    /// Adds one finding (row findings of one code must arrive in row order, except those
    /// added with [`FindingStore::add_deferred`]).
    pub fn add(&mut self, f: &Finding) {
        *self.counts.entry(f.code).or_insert(0) += 1;
        self.total += 1;
        if f.row.is_none() {
            if self.file_level.len() < self.cap {
                self.file_level.push(f.clone());
            }
            return;
        }
        let list = self.by_code.entry(f.code).or_default();
        if list.len() < self.cap {
            list.push(f.clone());
        }
    }

    /// Adds a finding decided at the end of the file (its row may be lower than rows
    /// already kept for the same code).
    pub fn add_deferred(&mut self, f: &Finding) {
        *self.counts.entry(f.code).or_insert(0) += 1;
        self.total += 1;
        let cap = self.cap;
        let list = self.by_code.entry(f.code).or_default();
        let pos = list.partition_point(|g| g.row <= f.row);
        if pos < cap {
            list.insert(pos, f.clone());
            list.truncate(cap);
        }
    }

    /// Exact counts per code.
    pub fn counts(&self) -> &BTreeMap<Code, u64> {
        &self.counts
    }

    /// Exact total.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The selection, sorted by row (file-level first), then code; and whether it is truncated.
    pub fn select(self) -> (Vec<Finding>, u64, BTreeMap<Code, u64>, bool) {
        let s = self.select_compacted(&[], 0);
        (s.findings, s.total, s.counts, s.truncated)
    }

    /// The selection, with each code of `compact` (`(code, records)`, out of `rows`
    /// records) written once at file level ([`compacted`]) instead of once per record.
    pub fn select_compacted(mut self, compact: &[(Code, u64)], rows: u64) -> Selection {
        let cap = self.cap;
        let mut summaries = Vec::new();
        let mut left_out = 0;
        for &(code, records) in compact {
            let list = self.by_code.remove(&code).unwrap_or_default();
            summaries.push(compacted(code, records, rows, list.first()));
            left_out += self.counts.get(&code).copied().unwrap_or(0);
        }
        let shown_total = self.total - left_out + summaries.len() as u64;
        let mut kept: Vec<Finding> = self.file_level.into_iter().take(cap).collect();
        for f in &summaries {
            if kept.len() < cap {
                kept.push(f.clone());
            }
        }
        let mut queues: Vec<std::vec::IntoIter<Finding>> =
            self.by_code.into_values().map(Vec::into_iter).collect();
        let mut progressed = true;
        while kept.len() < cap && progressed {
            progressed = false;
            for q in queues.iter_mut() {
                if kept.len() >= cap {
                    break;
                }
                if let Some(f) = q.next() {
                    kept.push(f);
                    progressed = true;
                }
            }
        }
        // Stable: within one row and code, the rules' own order (by variable) is kept.
        kept.sort_by(|a, b| {
            let ka = (a.row.is_some(), a.row, a.code);
            let kb = (b.row.is_some(), b.row, b.code);
            ka.cmp(&kb)
        });
        Selection {
            truncated: (kept.len() as u64) < shown_total,
            findings: kept,
            total: self.total,
            counts: self.counts,
            compacted: summaries,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(code: Code, row: Option<u64>) -> Finding {
        Finding {
            code,
            severity: Severity::Error,
            row,
            line: row.map(|r| r + 1),
            variable: None,
            message: String::new(),
        }
    }

    #[test]
    fn cap_is_hard_and_round_robin_represents_every_code() {
        let mut s = FindingStore::new(4);
        s.add(&f(Code::XmlVersion, None));
        for r in 1..=10 {
            s.add(&f(Code::ApplicableEmpty, Some(r)));
        }
        s.add(&f(Code::BirthAfterEvent, Some(7)));
        s.add(&f(Code::CascadeMissing, Some(9)));
        let (kept, total, counts, truncated) = s.select();
        assert_eq!(total, 13);
        assert!(truncated);
        assert_eq!(counts[&Code::ApplicableEmpty], 10);
        let codes: Vec<_> = kept.iter().map(|k| (k.code, k.row)).collect();
        assert_eq!(
            codes,
            vec![
                (Code::XmlVersion, None),
                (Code::ApplicableEmpty, Some(1)),
                (Code::BirthAfterEvent, Some(7)),
                (Code::CascadeMissing, Some(9))
            ]
        );
    }

    /// The round-robin and the counts follow the order of the code strings, not the
    /// catalogue's (`unknown-column` comes first in the catalogue, last here).
    #[test]
    fn codes_are_taken_in_the_order_of_their_strings() {
        let mut s = FindingStore::new(1);
        s.add(&f(Code::UnknownColumn, Some(1)));
        s.add(&f(Code::AgeOver20, Some(2)));
        let (kept, _, counts, _) = s.select();
        assert_eq!(kept[0].code, Code::AgeOver20);
        let keys: Vec<Code> = counts.keys().copied().collect();
        assert_eq!(keys, [Code::AgeOver20, Code::UnknownColumn]);
    }

    #[test]
    fn deferred_findings_take_their_row_place() {
        let mut s = FindingStore::new(2);
        s.add(&f(Code::AgeOver20, Some(5)));
        s.add(&f(Code::AgeOver20, Some(6)));
        s.add_deferred(&f(Code::AgeOver20, Some(1)));
        let (kept, total, _, truncated) = s.select();
        assert_eq!(total, 3);
        assert!(truncated);
        assert_eq!(
            kept.iter().map(|k| k.row).collect::<Vec<_>>(),
            vec![Some(1), Some(5)]
        );
    }

    /// An information code on most records is one file-level finding giving its count; the
    /// cap's room goes to the others, and nothing counts as left out.
    #[test]
    fn information_on_most_records_is_written_once() {
        let mut s = FindingStore::new(3);
        for r in 1..=150 {
            let mut f = f(Code::NumanonymantSetEqual, Some(r));
            f.severity = Severity::Info;
            f.message = format!("m{r}");
            s.add(&f);
        }
        s.add(&f(Code::AgeOver20, Some(4)));
        s.add(&f(Code::AgeOver20, Some(9)));
        assert!(compacts(Code::NumanonymantSetEqual, 150, 200));
        assert!(
            !compacts(Code::NumanonymantSetEqual, 99, 100),
            "at least 100"
        );
        assert!(
            !compacts(Code::NumanonymantSetEqual, 100, 200),
            "more than half"
        );
        assert!(!compacts(Code::AgeOver20, 150, 200), "information only");
        let sel = s.select_compacted(&[(Code::NumanonymantSetEqual, 150)], 200);
        assert_eq!(sel.total, 152);
        assert_eq!(sel.counts[&Code::NumanonymantSetEqual], 150);
        assert!(!sel.truncated);
        let kept: Vec<(Code, Option<u64>)> = sel.findings.iter().map(|k| (k.code, k.row)).collect();
        assert_eq!(
            kept,
            [
                (Code::NumanonymantSetEqual, None),
                (Code::AgeOver20, Some(4)),
                (Code::AgeOver20, Some(9))
            ]
        );
        assert_eq!(
            sel.compacted[0].message,
            "Constat présent sur 150 des 200 enregistrements, indiqué une seule fois \
             (premier : enregistrement 1, ligne 2) : m1"
        );
        assert_eq!(sel.compacted[0].variable.as_deref(), Some("NUMANONYMANT"));
    }

    #[test]
    fn no_truncation_under_cap() {
        let mut s = FindingStore::new(10);
        s.add(&f(Code::AgeOver20, Some(1)));
        let (kept, total, _, truncated) = s.select();
        assert_eq!((kept.len(), total, truncated), (1, 1, false));
    }
}
