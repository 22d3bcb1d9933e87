//! Rules on one record alone (OLINPE.md §5.1–§5.5, §6.2 as corrected by §0.2).

use crate::finding::Finding;
use crate::record::Record;

/// Checks one record and appends its findings to `out` (in any order; the engine sorts).
pub fn check(rec: &Record, out: &mut Vec<Finding>) {
    let _ = (rec, out);
}
