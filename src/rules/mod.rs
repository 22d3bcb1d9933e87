//! Record rules, file rules, the ONPE audit sections and the finding catalogue.
//!
//! - [`record`]: rules on one record alone (types, code lists, mandatory list, blocks by
//!   event type, cascades, ages, conditions, date order) — OLINPE.md §5, §6.2, §0.2;
//! - [`file`]: rules on the whole file with a compact state per young person and per row
//!   (identity consistency, duplicates, reference year, perimeter, end without start…);
//! - [`audit`]: ONPE's audit sections 0002 → 0095 with their red / orange / green status;
//! - [`catalogue`]: every finding code with its severity, texts and references;
//! - [`registry`]: every rule with the spec rows it implements (source of `docs/rules.md`).

pub mod audit;
pub mod catalogue;
pub mod file;
pub mod record;
pub mod registry;

use crate::dictionary::ids::N_ALL;

/// Per-variable fill statistics of the file (OLINPE.md §6.1 "pertinence").
#[derive(Debug, Clone)]
pub struct VariableStats {
    /// Variable present in the file (a CSV column, or an XML element in at least one record).
    pub present: [bool; N_ALL],
    /// Records where the variable is filled (not empty; `0000-00-00` counts as not filled).
    pub filled: [u64; N_ALL],
    /// Records where the variable is informative (filled and not its "ne sait pas" value).
    pub informative: [u64; N_ALL],
}

impl Default for VariableStats {
    fn default() -> Self {
        VariableStats {
            present: [false; N_ALL],
            filled: [0; N_ALL],
            informative: [0; N_ALL],
        }
    }
}
