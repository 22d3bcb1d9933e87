//! What the continuity check counts in each file alone, while its records stream past: rows,
//! event types, decisions and their natures, the informative cells per variable, the
//! reference-year candidates and the département — fixed-size counters and a few small maps,
//! whatever the file's size. The young people (and their age class at their latest decision)
//! are counted by the per-person maps of [`super::previous`] and [`super::current`], through
//! [`AgeClass`].

use crate::dictionary::ids::{self, N_DECREE};
use crate::record::Record;
use crate::rules::file::{code_byte, date_key, decision_age, key_year, usable_year, FileRules};
use crate::rules::record::CellFacts;
use crate::rules::StatsAccumulator;
use std::collections::BTreeMap;

/// Counts of one file, for its summary and the indicators.
#[derive(Debug, Clone, Default)]
pub(crate) struct FileFacts {
    /// Records delivered by the reader (the rules' denominators).
    pub rows: u64,
    /// Records the reader read, once the file is finished: `rows`, and a 2011-format file's
    /// records, which the reader counts but does not deliver (the summary's `rows`, so every
    /// line is accounted for).
    pub read: u64,
    /// The file is in the 2011 format (said by a finding: nothing in it can be compared).
    pub legacy_2011: bool,
    /// Records by TYPEV 1, 2, 3.
    pub typev: [u64; 3],
    /// Records by DECISION 1, 2.
    pub decision: [u64; 2],
    /// Records by NATPDECADM and NATDECASSED, indexed by [`code_byte`].
    pub natpdecadm: Counts256,
    pub natdecassed: Counts256,
    stats: StatsAccumulator,
    decpe_years: BTreeMap<u16, u64>,
    deb_years: BTreeMap<u16, u64>,
    numdep: BTreeMap<String, u64>,
}

/// One count per code byte (`0`–`253` the code, `254` empty, `255` anything else).
#[derive(Debug, Clone)]
pub(crate) struct Counts256(pub Box<[u64; 256]>);

impl Default for Counts256 {
    fn default() -> Self {
        Counts256(Box::new([0; 256]))
    }
}

impl FileFacts {
    /// What the reader says of the whole file once it is finished.
    pub fn finished(&mut self, info: &crate::read::InputInfo) {
        self.read = info.rows;
        self.legacy_2011 = info.legacy_2011;
    }

    /// Counts one record.
    pub fn observe(&mut self, rec: &Record) {
        self.rows += 1;
        match rec.get(ids::TYPEV) {
            "1" => self.typev[0] += 1,
            "2" => self.typev[1] += 1,
            "3" => self.typev[2] += 1,
            _ => {}
        }
        match rec.get(ids::DECISION) {
            "1" => self.decision[0] += 1,
            "2" => self.decision[1] += 1,
            _ => {}
        }
        self.natpdecadm.0[usize::from(code_byte(rec.get(ids::NATPDECADM)))] += 1;
        self.natdecassed.0[usize::from(code_byte(rec.get(ids::NATDECASSED)))] += 1;
        let facts = CellFacts::of(rec);
        self.stats
            .add(rec.present_mask(), facts.filled, facts.informative);
        if let Some(y) = usable_year(rec.get(ids::DATDECPE)) {
            *self.decpe_years.entry(y).or_insert(0) += 1;
        }
        if let Some(y) = usable_year(rec.get(ids::DATDEB)) {
            *self.deb_years.entry(y).or_insert(0) += 1;
        }
        let dep = rec.get(ids::NUMDEP);
        if !dep.is_empty() {
            match self.numdep.get_mut(dep) {
                Some(n) => *n += 1,
                // A département code is short; a long value is not one (and is not kept whole).
                None if dep.len() <= 12 => {
                    self.numdep.insert(dep.to_owned(), 1);
                }
                None => *self.numdep.entry("?".to_owned()).or_insert(0) += 1,
            }
        }
    }

    /// The reference year by ONPE's rule (docs/spec/OLINPE.md §0.2: the most frequent usable
    /// year of `DATDECPE`, else of `DATDEB`; ties to the later year), or `year` when given.
    pub fn reference_year(&self, year: Option<i32>) -> Option<i32> {
        if year.is_some() {
            return year;
        }
        FileRules::modal_year(&self.decpe_years)
            .or_else(|| FileRules::modal_year(&self.deb_years))
            .map(|(y, _)| i32::from(y))
    }

    /// The file's département: its most frequent `NUMDEP` (ties to the first in code order).
    pub fn departement(&self) -> Option<String> {
        let mut best: Option<(&String, u64)> = None;
        for (d, &n) in &self.numdep {
            if best.is_none_or(|(_, bn)| n > bn) {
                best = Some((d, n));
            }
        }
        best.map(|(d, _)| d.clone())
    }

    /// Records where each of the 105 variables is informative (filled, not "ne sait pas").
    pub fn informative(&self) -> [u64; N_DECREE] {
        let s = self.stats.stats();
        let mut out = [0u64; N_DECREE];
        out.copy_from_slice(&s.informative[..N_DECREE]);
        out
    }
}

/// A young person's age class at their latest decision whose age is known, as the report's
/// `minors` and `young_adults` count it (`rules::file`): the record with the greatest
/// `DATDECPE` (else `DATDEB`), the later row on a tie, among those whose age is known.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct AgeClass {
    key: u32,
    /// 0: no record with a known age; 1: minor; 2: 18 or over.
    class: u8,
}

impl AgeClass {
    /// Takes a record (rows arrive in order, so a tie keeps the later one).
    pub fn observe(&mut self, rec: &Record) {
        let Some(age) = decision_age(rec) else {
            return;
        };
        let decpe = date_key(rec.get(ids::DATDECPE));
        let deb = date_key(rec.get(ids::DATDEB));
        let key = if key_year(decpe).is_some() {
            decpe
        } else if key_year(deb).is_some() {
            deb
        } else {
            0
        };
        if self.class == 0 || key >= self.key {
            self.key = key;
            self.class = if age < 18 { 1 } else { 2 };
        }
    }

    /// Under 18 at that decision.
    pub fn minor(self) -> bool {
        self.class == 1
    }

    /// 18 or over at that decision.
    pub fn adult(self) -> bool {
        self.class == 2
    }
}

/// The values of `ANAIS`, `MNAIS` and `SEXE` compared between the two years, compactly:
/// each is `0` when empty, `1 + n` for a number `n` written with digits only (so `5` and `05`
/// are the same month), and the greatest value of its type for anything else.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Identity {
    pub anais: u16,
    pub mnais: u8,
    pub sexe: u8,
}

impl Identity {
    /// The identity values of a record.
    pub fn of(rec: &Record) -> Self {
        Identity {
            anais: small(rec.get(ids::ANAIS), u32::from(u16::MAX)) as u16,
            mnais: small(rec.get(ids::MNAIS), u32::from(u8::MAX)) as u8,
            sexe: small(rec.get(ids::SEXE), u32::from(u8::MAX)) as u8,
        }
    }

    /// Fills what `self` lacks from `other` (the first non-empty value of each variable).
    pub fn fill_from(&mut self, other: Identity) {
        if self.anais == 0 {
            self.anais = other.anais;
        }
        if self.mnais == 0 {
            self.mnais = other.mnais;
        }
        if self.sexe == 0 {
            self.sexe = other.sexe;
        }
    }

    /// The variables whose values are both known and differ, with the text of both values
    /// (coded and numeric values, never identity text: docs/spec/INTERFACES.md).
    pub fn changes(self, now: Identity) -> Vec<(&'static str, String, String)> {
        let mut out = Vec::new();
        let mut cmp = |var: &'static str, a: u32, b: u32, max: u32, width: usize| {
            if a != 0 && b != 0 && a != b {
                out.push((var, shown(a, max, width), shown(b, max, width)));
            }
        };
        cmp(
            "ANAIS",
            u32::from(self.anais),
            u32::from(now.anais),
            u32::from(u16::MAX),
            4,
        );
        cmp(
            "MNAIS",
            u32::from(self.mnais),
            u32::from(now.mnais),
            u32::from(u8::MAX),
            2,
        );
        cmp(
            "SEXE",
            u32::from(self.sexe),
            u32::from(now.sexe),
            u32::from(u8::MAX),
            1,
        );
        out
    }
}

/// `0` empty, `1 + n` for a number `n` written with at most five digits, `max` otherwise
/// (anything else, or a number that does not fit below `max`); callers narrow it to their
/// type, whose greatest value `max` is.
fn small(v: &str, max: u32) -> u32 {
    if v.is_empty() {
        return 0;
    }
    let n = (v.len() <= 5 && v.bytes().all(|b| b.is_ascii_digit()))
        .then(|| v.parse::<u32>().ok())
        .flatten();
    match n {
        Some(n) if n + 1 < max => n + 1,
        _ => max,
    }
}

/// The text of a value kept by [`small`].
fn shown(v: u32, max: u32, width: usize) -> String {
    if v == max {
        "(valeur non numérique)".to_owned()
    } else {
        format!("{:0width$}", v - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_values_compare_as_numbers() {
        let id = |a: &str, m: &str, s: &str| Identity {
            anais: small(a, 65_535) as u16,
            mnais: small(m, 255) as u8,
            sexe: small(s, 255) as u8,
        };
        assert!(id("2005", "05", "1")
            .changes(id("2005", "5", "1"))
            .is_empty());
        assert!(id("", "", "").changes(id("2005", "5", "1")).is_empty());
        let c = id("2005", "05", "1").changes(id("2006", "05", "2"));
        assert_eq!(
            c,
            vec![
                ("ANAIS", "2005".to_owned(), "2006".to_owned()),
                ("SEXE", "1".to_owned(), "2".to_owned())
            ]
        );
        let odd = id("20x5", "", "");
        assert_eq!(odd.anais, u16::MAX);
        assert_eq!(
            odd.changes(id("2005", "", "")),
            vec![(
                "ANAIS",
                "(valeur non numérique)".to_owned(),
                "2005".to_owned()
            )]
        );
        assert_eq!(small("300", 255), 255);
        assert_eq!(small("254", 255), 255, "254 + 1 is the marker");
        assert_eq!(small("9", 255), 10);
    }
}
