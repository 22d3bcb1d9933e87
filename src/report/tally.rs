//! « À corriger en priorité »: one row per finding code and variable, with the exact number
//! of findings, of records and of young people, counted while the findings stream past
//! (pass 1), and what the verdict and the compaction of repeated information need (records
//! per code, records with an error).
//!
//! Memory (docs/ARCHITECTURE.md "Memory"): a young person is a number given in order of
//! first appearance (a map from the 64-bit hash of the lowercased `NUMANONYM` to a `u32`,
//! about 30 bytes per young person), each row remembers its young person (4 bytes per row,
//! for the findings decided at the end of the file), records with an error are one bit per
//! row, and each (code, variable) pair keeps the young people it saw as a list of numbers
//! while that is smaller than a bit set over all young people, then as that bit set: at
//! most `min(8 bytes × its findings, young people / 4 bytes)` per pair. Nothing here holds a
//! value of the file.

use super::Priority;
use crate::finding::{Code, Finding, Severity};
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that are already hashes (the young person's 64-bit hash).
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The 64-bit FNV-1a hash of a `NUMANONYM`, lowercased (the same young person whatever the
/// case of the hexadecimal letters); 0 for an empty one (no young person).
pub fn person_hash(numanonym: &str) -> u64 {
    if numanonym.is_empty() {
        return 0;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in numanonym.bytes() {
        h ^= u64::from(b.to_ascii_lowercase());
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    // 0 means "none": move a real hash of 0 aside.
    h.max(1)
}

/// No young person (an empty `NUMANONYM`).
const NOBODY: u32 = u32::MAX;

/// Young people seen by one pair: a list while small, a bit set once the list would be
/// bigger than a bit set over every young person.
#[derive(Debug)]
enum People {
    List(Vec<u32>),
    Bits(Vec<u64>),
}

impl Default for People {
    fn default() -> Self {
        People::List(Vec::new())
    }
}

impl People {
    fn add(&mut self, id: u32, population: u32) {
        match self {
            People::List(ids) => {
                if ids.last() == Some(&id) {
                    return;
                }
                if ids.len() == ids.capacity() && ids.len() >= 16 {
                    // Before growing: drop repeats, then switch to bits when the list would
                    // outweigh them (4 bytes an entry against one bit per young person).
                    ids.sort_unstable();
                    ids.dedup();
                    if ids.len() * 32 >= population as usize {
                        let mut bits = Vec::new();
                        for &i in ids.iter() {
                            set_bit(&mut bits, i);
                        }
                        set_bit(&mut bits, id);
                        *self = People::Bits(bits);
                        return;
                    }
                }
                ids.push(id);
            }
            People::Bits(bits) => set_bit(bits, id),
        }
    }

    fn count(&mut self) -> u64 {
        match self {
            People::List(ids) => {
                ids.sort_unstable();
                ids.dedup();
                ids.len() as u64
            }
            People::Bits(bits) => bits.iter().map(|w| u64::from(w.count_ones())).sum(),
        }
    }
}

fn set_bit(bits: &mut Vec<u64>, i: u32) {
    let word = (i / 64) as usize;
    if word >= bits.len() {
        bits.resize(word + 1, 0);
    }
    if let Some(w) = bits.get_mut(word) {
        *w |= 1u64 << (i % 64);
    }
}

/// One (code, variable) pair.
#[derive(Debug, Default)]
struct Pair {
    findings: u64,
    records: u64,
    last_row: u64,
    people: People,
    /// Variables of the file-level findings of this code (one row per code for them).
    variables: Vec<String>,
}

/// The counts behind the priorities, the compaction of repeated information and the verdict.
#[derive(Debug, Default)]
pub struct Tally {
    persons: HashMap<u64, u32, BuildHasherDefault<PassThrough>>,
    /// The young person of each row (index `row - 1`).
    row_person: Vec<u32>,
    /// Row findings by code, then variable (`""` for none).
    pairs: BTreeMap<Code, BTreeMap<Box<str>, Pair>>,
    /// File-level findings by code.
    file_level: BTreeMap<Code, Pair>,
    /// Distinct records per code: (count, last row counted).
    code_rows: BTreeMap<Code, (u64, u64)>,
    /// Records with at least one error, one bit per row.
    error_rows: Vec<u64>,
    error_records: u64,
}

impl Tally {
    /// A new, empty tally.
    pub fn new() -> Self {
        Tally::default()
    }

    /// Starts a record: its row and its young person (`person_hash` of its `NUMANONYM`).
    /// Returns the young person's number for [`Tally::add`].
    pub fn record(&mut self, row: u64, person: u64) -> u32 {
        let id = if person == 0 {
            NOBODY
        } else {
            let next = u32::try_from(self.persons.len()).unwrap_or(NOBODY - 1);
            *self.persons.entry(person).or_insert(next)
        };
        if let Some(i) = usize::try_from(row).ok().and_then(|r| r.checked_sub(1)) {
            if i >= self.row_person.len() {
                self.row_person.resize(i, NOBODY);
                self.row_person.push(id);
            } else if let Some(p) = self.row_person.get_mut(i) {
                *p = id;
            }
        }
        id
    }

    /// Counts one finding of the record started last (`person`: what [`Tally::record`]
    /// returned), or a file-level finding.
    pub fn add(&mut self, f: &Finding, person: u32) {
        let Some(row) = f.row else {
            let p = self.file_level.entry(f.code).or_default();
            p.findings += 1;
            if let Some(v) = &f.variable {
                if !p.variables.contains(v) {
                    p.variables.push(v.clone());
                }
            }
            return;
        };
        let population = u32::try_from(self.persons.len()).unwrap_or(u32::MAX);
        let var = f.variable.as_deref().unwrap_or("");
        let by_var = self.pairs.entry(f.code).or_default();
        let pair = match by_var.get_mut(var) {
            Some(p) => p,
            None => by_var.entry(var.into()).or_default(),
        };
        pair.findings += 1;
        if pair.last_row != row {
            pair.last_row = row;
            pair.records += 1;
        }
        if person != NOBODY {
            pair.people.add(person, population);
        }
        let rows = self.code_rows.entry(f.code).or_insert((0, 0));
        if rows.1 != row {
            *rows = (rows.0 + 1, row);
        }
        if f.severity == Severity::Error {
            let (word, bit) = ((row / 64) as usize, row % 64);
            if word >= self.error_rows.len() {
                self.error_rows.resize(word + 1, 0);
            }
            if let Some(w) = self.error_rows.get_mut(word) {
                if *w & (1 << bit) == 0 {
                    *w |= 1 << bit;
                    self.error_records += 1;
                }
            }
        }
    }

    /// Counts a row finding decided at the end of the file (its young person is the one its
    /// row had).
    pub fn add_deferred(&mut self, f: &Finding) {
        let person = f
            .row
            .and_then(|r| usize::try_from(r).ok())
            .and_then(|r| r.checked_sub(1))
            .and_then(|i| self.row_person.get(i).copied())
            .unwrap_or(NOBODY);
        self.add(f, person);
    }

    /// Distinct records with a finding of `code`.
    pub fn records_of(&self, code: Code) -> u64 {
        self.code_rows.get(&code).map_or(0, |r| r.0)
    }

    /// Records with at least one error.
    pub fn error_records(&self) -> u64 {
        self.error_records
    }

    /// The priorities: every row-level (code, variable) pair and every code of file-level
    /// findings, errors then warnings (information is not something to fix), each severity
    /// by file-level first, then records, findings, code and variable.
    pub fn priorities(
        mut self,
        section: impl Fn(Code, Option<&str>) -> Option<&'static str>,
    ) -> Vec<Priority> {
        let mut out = Vec::new();
        for (code, mut p) in std::mem::take(&mut self.file_level) {
            if code.severity() == Severity::Info {
                continue;
            }
            p.variables.sort();
            let first = p.variables.first().map(String::as_str);
            out.push(Priority {
                code,
                severity: code.severity(),
                title: code.entry().title,
                section: section(code, first),
                variables: p.variables,
                file_level: true,
                records: 0,
                young_people: 0,
                findings: p.findings,
            });
        }
        for (code, by_var) in std::mem::take(&mut self.pairs) {
            if code.severity() == Severity::Info {
                continue;
            }
            for (var, mut p) in by_var {
                let variable = (!var.is_empty()).then(|| var.to_string());
                out.push(Priority {
                    code,
                    severity: code.severity(),
                    title: code.entry().title,
                    section: section(code, variable.as_deref()),
                    variables: variable.into_iter().collect(),
                    file_level: false,
                    records: p.records,
                    young_people: p.people.count(),
                    findings: p.findings,
                });
            }
        }
        out.sort_by(|a, b| {
            a.severity
                .cmp(&b.severity)
                .then(b.file_level.cmp(&a.file_level))
                .then(b.records.cmp(&a.records))
                .then(b.findings.cmp(&a.findings))
                .then(a.code.cmp(&b.code))
                .then(a.variables.cmp(&b.variables))
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::finding;

    fn f(code: Code, row: Option<u64>, var: Option<&str>) -> Finding {
        finding(code, row, row.map(|r| r + 1), var, &[])
    }

    #[test]
    fn counts_records_and_young_people_exactly() {
        let mut t = Tally::new();
        // Rows 1..=200, young people cycling over 50 identifiers.
        for row in 1..=200u64 {
            let p = t.record(row, person_hash(&format!("{:040x}", row % 50)));
            t.add(&f(Code::ApplicableEmpty, Some(row), Some("NIVSCO")), p);
            if row % 2 == 0 {
                t.add(&f(Code::ApplicableEmpty, Some(row), Some("MODACC")), p);
                t.add(&f(Code::InvalidCode, Some(row), Some("SEXE")), p);
            }
        }
        // Decided at the end, in row order, after every streamed one.
        t.add_deferred(&f(Code::OutOfPerimeter, Some(3), None));
        t.add_deferred(&f(Code::OutOfPerimeter, Some(53), None));
        t.add(&f(Code::VariableAbsent, None, Some("UTDP")), NOBODY);
        t.add(&f(Code::VariableAbsent, None, Some("AUTREDA")), NOBODY);
        assert_eq!(t.records_of(Code::ApplicableEmpty), 200);
        assert_eq!(t.error_records(), 100);
        let p = t.priorities(|_, _| None);
        let rows: Vec<(Code, Vec<String>, u64, u64, u64)> = p
            .iter()
            .map(|p| {
                (
                    p.code,
                    p.variables.clone(),
                    p.records,
                    p.young_people,
                    p.findings,
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                (Code::InvalidCode, vec!["SEXE".into()], 100, 25, 100),
                (
                    Code::VariableAbsent,
                    vec!["AUTREDA".into(), "UTDP".into()],
                    0,
                    0,
                    2
                ),
                (Code::ApplicableEmpty, vec!["NIVSCO".into()], 200, 50, 200),
                (Code::ApplicableEmpty, vec!["MODACC".into()], 100, 25, 100),
                // Rows 3 and 53 belong to the same young person (3 % 50 = 53 % 50).
                (Code::OutOfPerimeter, vec![], 2, 1, 2),
            ]
        );
    }

    #[test]
    fn a_big_pair_switches_to_bits_with_the_same_count() {
        let mut t = Tally::new();
        for row in 1..=10_000u64 {
            let p = t.record(row, person_hash(&format!("{:040x}", row % 3_000)));
            t.add(&f(Code::ApplicableEmpty, Some(row), Some("NIVSCO")), p);
        }
        let big = t.pairs[&Code::ApplicableEmpty]
            .values()
            .next()
            .map(|p| matches!(p.people, People::Bits(_)));
        assert_eq!(big, Some(true));
        let p = t.priorities(|_, _| None);
        assert_eq!((p[0].records, p[0].young_people), (10_000, 3_000));
    }

    #[test]
    fn empty_identifiers_are_nobody_and_case_does_not_matter() {
        assert_eq!(person_hash(""), 0);
        assert_eq!(person_hash("ABCdef"), person_hash("abcDEF"));
        let mut t = Tally::new();
        let p = t.record(1, 0);
        t.add(&f(Code::InvalidCode, Some(1), Some("SEXE")), p);
        assert_eq!(t.priorities(|_, _| None)[0].young_people, 0);
    }
}
