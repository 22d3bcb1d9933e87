//! The report model (docs/spec/INTERFACES.md "Report JSON"): statistics, audit sections, capped
//! findings, and its exact bytes.
//!
//! The engine builds a [`Report`] at the end of pass 1; [`Report::to_json`] gives the bytes
//! that both the CLI (`check --format json`, `NAME-rapport.json`) and the page write, so
//! they are identical: `serde_json` pretty-printed with two-space indentation, keys in the
//! documented order, a final newline, no path, no clock. [`FindingStore`] keeps the capped
//! selection while findings stream past, with exact counts.

use crate::finding::{Code, Finding, Severity};
use crate::rules::audit::AuditEntry;
pub use crate::rules::file::{Population, YearCount};
use serde::Serialize;
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
    /// The kept findings (capped).
    pub findings: Vec<Finding>,
    /// Exact number of findings.
    pub findings_total: u64,
    /// True when `findings` is shorter than `findings_total`.
    pub findings_truncated: bool,
    /// Decisions per `DATDECPE` year with their young people, and young people by age
    /// (`decisions_by_year`, `minors`, `young_adults`), written after the keys above.
    #[serde(flatten)]
    pub population: Population,
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

    /// One line per audit section whose `onpe_count` differs from its count, whatever its
    /// colour, and one per impossible analysis (French, indented under the audit lines).
    pub fn onpe_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for a in &self.audit {
            if let Some(onpe) = a.onpe_count {
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
        let cap = self.cap;
        let mut kept: Vec<Finding> = self.file_level.into_iter().take(cap).collect();
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
        let truncated = (kept.len() as u64) < self.total;
        (kept, self.total, self.counts, truncated)
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

    #[test]
    fn no_truncation_under_cap() {
        let mut s = FindingStore::new(10);
        s.add(&f(Code::AgeOver20, Some(1)));
        let (kept, total, _, truncated) = s.select();
        assert_eq!((kept.len(), total, truncated), (1, 1, false));
    }
}
