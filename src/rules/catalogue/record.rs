//! Catalogue entries for the record part (see the parent module).

use super::Entry;
#[allow(unused_imports)]
use crate::finding::Severity;

/// Entries of this part.
pub static ENTRIES: &[Entry] = &[];
