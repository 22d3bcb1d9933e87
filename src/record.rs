//! One input record (one event line), as the readers hand it to the rules and writers.
//!
//! Values of the 105 variables plus `UTDP` are indexed by [`crate::dictionary::ids`]; an
//! empty or absent value is `""`. Identity columns live in [`Identity`], whose values can
//! never be printed, serialised or logged (docs/spec/STYLE.md point 6). A record is reused from one row
//! to the next by the readers, so nothing is allocated per row once buffers have grown.

use crate::dictionary::ids::N_ALL;
use std::fmt;

/// A secret string: an identity value or a key. It has no `Display`, no `Serialize`, and its
/// `Debug` prints `***`, so it cannot leak into a report, a log or an error message.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value.
    pub fn new(value: String) -> Self {
        Secret(value)
    }
    /// The value, for the code that must use it (normalisation, hashing). Never print it.
    pub fn expose(&self) -> &str {
        &self.0
    }
    /// True when the value is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Empties the value, keeping its buffer.
    pub fn clear(&mut self) {
        self.0.clear();
    }
    /// Replaces the value, keeping its buffer.
    pub fn set(&mut self, value: &str) {
        self.0.clear();
        self.0.push_str(value);
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Which identity columns the input has (by role).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IdentityColumns {
    /// `PRENOM`.
    pub prenom: bool,
    /// Mother's birth name (`NOMMERE`, `NOMMEREJEUNE`, `NOM_MERE`).
    pub nommere: bool,
    /// Mother's usage name (`NOMUSAGE`).
    pub nomusage: bool,
    /// Day of birth (`JNAIS`).
    pub jnais: bool,
    /// Case-file number (`NUMDO`).
    pub numdo: bool,
}

impl IdentityColumns {
    /// True when any identity column is present.
    pub fn any(&self) -> bool {
        self.prenom || self.nommere || self.nomusage || self.jnais || self.numdo
    }
}

/// The identity values of a nominative record.
#[derive(Debug, Clone, Default)]
pub struct Identity {
    /// First name.
    pub prenom: Secret,
    /// Mother's birth name.
    pub nommere: Secret,
    /// Mother's usage name.
    pub nomusage: Secret,
    /// Day of birth.
    pub jnais: Secret,
    /// Case-file number.
    pub numdo: Secret,
}

impl Identity {
    fn clear(&mut self) {
        self.prenom.clear();
        self.nommere.clear();
        self.nomusage.clear();
        self.jnais.clear();
        self.numdo.clear();
    }
}

/// One event record.
#[derive(Debug, Clone)]
pub struct Record {
    /// 1-based data record number (header excluded).
    pub row: u64,
    /// 1-based physical line (CSV) or line of the `<DONNEE>` start tag (XML).
    pub line: u64,
    buf: String,
    spans: Vec<(u32, u32)>,
    /// Bit `i` set when variable `i` is present in this record (a CSV column of the file, or
    /// an XML element of this `<DONNEE>`, even empty).
    present: u128,
    /// Identity values (nominative input only).
    pub identity: Identity,
    /// Raw cells of the input in input column order (CSV only; used by `--repair`).
    raw_buf: String,
    raw_spans: Vec<(u32, u32)>,
}

impl Default for Record {
    fn default() -> Self {
        Record::new()
    }
}

impl Record {
    /// An empty record.
    pub fn new() -> Self {
        Record {
            row: 0,
            line: 0,
            buf: String::new(),
            spans: vec![(0, 0); N_ALL],
            present: 0,
            identity: Identity::default(),
            raw_buf: String::new(),
            raw_spans: Vec::new(),
        }
    }

    /// Empties every value, keeping the buffers.
    pub fn clear(&mut self) {
        self.buf.clear();
        for s in self.spans.iter_mut() {
            *s = (0, 0);
        }
        self.present = 0;
        self.identity.clear();
        self.raw_buf.clear();
        self.raw_spans.clear();
    }

    /// The value of variable `index` (`""` when empty or absent).
    #[inline]
    pub fn get(&self, index: usize) -> &str {
        let (a, b) = self.spans[index];
        &self.buf[a as usize..b as usize]
    }

    /// The value of variable `index` as bytes (no character-boundary checks: for hashing).
    #[inline]
    pub fn get_bytes(&self, index: usize) -> &[u8] {
        let (a, b) = self.spans[index];
        self.buf
            .as_bytes()
            .get(a as usize..b as usize)
            .unwrap_or_default()
    }

    /// True when variable `index` is present in this record (column or element), even empty.
    #[inline]
    pub fn is_present(&self, index: usize) -> bool {
        self.present & (1u128 << index) != 0
    }

    /// The presence bits of all variables (bit `i` for variable `i`).
    #[inline]
    pub fn present_mask(&self) -> u128 {
        self.present
    }

    /// Marks variable `index` as present without changing its value.
    #[inline]
    pub fn mark_present(&mut self, index: usize) {
        self.present |= 1u128 << index;
    }

    /// Sets the value of variable `index` (and marks it present).
    pub fn set(&mut self, index: usize, value: &str) {
        self.present |= 1u128 << index;
        let a = self.buf.len();
        self.buf.push_str(value);
        self.spans[index] = (a as u32, self.buf.len() as u32);
    }

    /// True when variable `index` is empty.
    #[inline]
    pub fn is_empty(&self, index: usize) -> bool {
        let (a, b) = self.spans[index];
        a == b
    }

    /// Appends a raw input cell (CSV, input column order).
    pub fn push_raw(&mut self, cell: &str) {
        let a = self.raw_buf.len();
        self.raw_buf.push_str(cell);
        self.raw_spans.push((a as u32, self.raw_buf.len() as u32));
    }

    /// Number of raw input cells.
    pub fn raw_len(&self) -> usize {
        self.raw_spans.len()
    }

    /// Raw input cell `i` (CSV, input column order).
    pub fn raw(&self, i: usize) -> &str {
        let (a, b) = self.raw_spans[i];
        &self.raw_buf[a as usize..b as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::ids;

    #[test]
    fn set_get_clear() {
        let mut r = Record::new();
        assert_eq!(r.get(ids::TYPEV), "");
        r.set(ids::TYPEV, "1");
        r.set(ids::SEXE, "2");
        r.set(ids::TYPEV, "3");
        assert_eq!(r.get(ids::TYPEV), "3");
        assert_eq!(r.get(ids::SEXE), "2");
        r.clear();
        assert!(r.is_empty(ids::TYPEV));
    }

    #[test]
    fn secret_debug_hides_value() {
        let s = Secret::new("Dupont".into());
        assert_eq!(format!("{s:?}"), "***");
        let mut r = Record::new();
        r.identity.prenom.set("Pierre");
        assert!(!format!("{r:?}").contains("Pierre"));
    }
}
