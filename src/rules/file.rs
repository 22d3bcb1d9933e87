//! Rules on the whole file (OLINPE.md §5.4, §6.1, §0.2), with a compact state: per young
//! person, plus at most a small summary per row (see docs/ARCHITECTURE.md).

use crate::finding::Finding;
use crate::record::Record;
use crate::rules::VariableStats;

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
    /// Distinct NUMANONYM values.
    pub young_people: u64,
    /// Records by TYPEV 1, 2, 3.
    pub typev: [u64; 3],
    /// File-level findings (`row: None`).
    pub file_findings: Vec<Finding>,
    /// Row findings that could only be decided at the end (perimeter, end without start,
    /// difference from an opening seen later…), sorted by row then code.
    pub deferred: Vec<Finding>,
}

/// The state of the file rules.
#[derive(Debug, Default)]
pub struct FileRules {
    opts: FileOptions,
}

impl FileRules {
    /// A fresh state.
    pub fn new(opts: FileOptions) -> Self {
        FileRules { opts }
    }

    /// Observes one record; appends the findings that can be decided now (duplicates,
    /// identity inconsistencies… reported on each record concerned after the first).
    pub fn observe(&mut self, rec: &Record, out: &mut Vec<Finding>) {
        let _ = (rec, out);
    }

    /// Ends the file.
    pub fn finish(self, stats: &VariableStats) -> FileOutcome {
        let _ = stats;
        FileOutcome {
            reference_year: self.opts.year,
            ..FileOutcome::default()
        }
    }
}
