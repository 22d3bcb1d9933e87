//! Small, portable value helpers for the file rules and the audit: a fixed 64-bit hash
//! (FNV-1a, so results are identical on every platform and in WebAssembly, and never depend
//! on a random seed), the guide's date forms and hand-written civil-date arithmetic.

use std::hash::{BuildHasherDefault, Hasher};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Incremental FNV-1a 64-bit hash.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Fnv {
    /// A fresh hash state.
    pub(crate) fn new() -> Self {
        Fnv(FNV_OFFSET)
    }

    /// Feeds bytes.
    #[inline]
    pub(crate) fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(FNV_PRIME);
        }
    }

    /// Feeds one value followed by a separator byte that UTF-8 text never contains, so that
    /// ("ab", "c") and ("a", "bc") hash differently.
    #[inline]
    pub(crate) fn field(&mut self, value: &str) {
        self.bytes(value.as_bytes());
        self.bytes(&[0xff]);
    }

    /// The hash, never 0 (0 is kept to mean "nothing" in the compact summaries).
    #[inline]
    pub(crate) fn finish(self) -> u64 {
        // A final avalanche (the SplitMix64 finaliser) so that nearby inputs spread over the
        // whole range, which the identity hasher of the maps relies on.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        if z == 0 {
            1
        } else {
            z
        }
    }
}

/// Hash of a sequence of values, fed eight bytes at a time: each word is mixed in with a
/// 64 × 64 → 128-bit multiplication folded back to 64 bits. Several times faster than
/// [`Fnv`] on a whole record (the full-duplicate key of every row) and as deterministic
/// (little-endian words, no seed: identical on every platform and in WebAssembly).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowHash(u64);

const ROW_K: u64 = 0x9e37_79b9_7f4a_7c15;
const ROW_K2: u64 = 0xd6e8_feb8_6659_fd93;

#[inline]
fn fold_mul(a: u64, b: u64) -> u64 {
    let m = u128::from(a).wrapping_mul(u128::from(b));
    (m as u64) ^ ((m >> 64) as u64)
}

impl RowHash {
    /// A fresh hash state.
    pub(crate) fn new() -> Self {
        RowHash(ROW_K2)
    }

    /// Feeds one value; its length is mixed in with its last word, so that ("ab", "c") and
    /// ("a", "bc") hash differently.
    #[inline]
    pub(crate) fn field(&mut self, b: &[u8]) {
        let mut h = self.0;
        let mut words = b.chunks_exact(8);
        for w in &mut words {
            let mut x = [0u8; 8];
            x.copy_from_slice(w);
            h = fold_mul(h ^ u64::from_le_bytes(x), ROW_K);
        }
        let mut last = 0u64;
        for (k, &c) in words.remainder().iter().enumerate() {
            last |= u64::from(c) << (8 * k);
        }
        h = fold_mul(h ^ last, ROW_K ^ (b.len() as u64).wrapping_mul(ROW_K2));
        self.0 = h;
    }

    /// The hash, never 0 (as [`Fnv::finish`]).
    #[inline]
    pub(crate) fn finish(self) -> u64 {
        Fnv(self.0).finish()
    }
}

/// The hash of one string.
pub(crate) fn hash_str(value: &str) -> u64 {
    let mut h = Fnv::new();
    h.field(value);
    h.finish()
}

/// A 16-bit digest of a free-text value (0 for empty), enough to tell two texts apart in the
/// compact row summary (a difference is missed with probability 1/65 536).
pub(crate) fn hash16(value: &str) -> u16 {
    if value.is_empty() {
        return 0;
    }
    let h = hash_str(value);
    let folded = (h ^ (h >> 16) ^ (h >> 32) ^ (h >> 48)) as u16;
    folded.max(1)
}

/// Hasher for maps whose keys are already [`Fnv`] hashes: passes the key through, so maps
/// are fast and deterministic (no random seed, identical in WebAssembly).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only used for non-u64 keys, which these maps do not have; still a correct hash.
        let mut h = Fnv::new();
        h.bytes(bytes);
        self.0 ^= h.finish();
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
}

/// Build-hasher of [`PassThrough`].
pub(crate) type PassThroughState = BuildHasherDefault<PassThrough>;

/// The parts of a value shaped `AAAA-MM-JJ` (digits and two dashes), unknown parts included
/// as they are (`99`, `9999`). `None` for any other shape.
pub(crate) fn date_parts(value: &str) -> Option<(u16, u8, u8)> {
    let b = value.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&b[0..4])?;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    Some((year as u16, month as u8, day as u8))
}

fn digits(b: &[u8]) -> Option<u32> {
    let mut v = 0u32;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}

/// The year of a full or partial date whose year is known (`2018-05-12`, `2018-05-99`,
/// `2018-99-99`), as ONPE's reference-year rule uses it: not `0000`, not `9999`, month
/// 01–12 or 99, day 01–31 or 99.
pub(crate) fn usable_year(value: &str) -> Option<u16> {
    let (y, m, d) = date_parts(value)?;
    let month_ok = (1..=12).contains(&m) || m == 99;
    let day_ok = (1..=31).contains(&d) || d == 99;
    (y != 0 && y != 9999 && month_ok && day_ok).then_some(y)
}

/// Compact key of a date value for equality tests: 0 when empty, `1 + AAAAMMJJ` for the
/// `AAAA-MM-JJ` shape (unknown parts included), otherwise a hash with the top bit set.
pub(crate) fn date_key(value: &str) -> u32 {
    if value.is_empty() {
        return 0;
    }
    match date_parts(value) {
        Some((y, m, d)) => 1 + u32::from(y) * 10_000 + u32::from(m) * 100 + u32::from(d),
        None => (hash_str(value) as u32) | 0x8000_0000,
    }
}

/// The usable year of a [`date_key`] (same rule as [`usable_year`]).
pub(crate) fn key_year(key: u32) -> Option<u16> {
    if key == 0 || key & 0x8000_0000 != 0 {
        return None;
    }
    let v = key - 1;
    let (y, m, d) = (v / 10_000, (v / 100) % 100, v % 100);
    let month_ok = (1..=12).contains(&m) || m == 99;
    let day_ok = (1..=31).contains(&d) || d == 99;
    (y != 0 && y != 9999 && month_ok && day_ok).then_some(y as u16)
}

/// True for a leap year of the proleptic Gregorian calendar.
fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` of `year`.
fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a real calendar date `AAAA-MM-JJ` (no unknown part, year
/// 0001–9998); `None` otherwise. Hand-written civil-date arithmetic (days before the year,
/// then before the month), so the result is the same everywhere.
pub(crate) fn full_date_days(value: &str) -> Option<i64> {
    let (y, m, d) = date_parts(value)?;
    let (y, m, d) = (i64::from(y), i64::from(m), i64::from(d));
    if y == 0 || y == 9999 || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    // Days from 0001-01-01 to the first of January of `y`.
    let py = y - 1;
    let before_year = py * 365 + py / 4 - py / 100 + py / 400;
    let before_month: i64 = (1..m).map(|mm| days_in_month(y, mm)).sum();
    // 719 162 days from 0001-01-01 to 1970-01-01.
    Some(before_year + before_month + d - 1 - 719_162)
}

/// A coded value as one byte for the compact summaries: the number for a canonical decimal
/// code 0–253 (`"1"`, `"21"`; no sign, no leading zero), 254 when empty, 255 otherwise.
pub(crate) fn code_byte(value: &str) -> u8 {
    if value.is_empty() {
        return 254;
    }
    let b = value.as_bytes();
    if b.len() > 3 || (b.len() > 1 && b[0] == b'0') {
        return 255;
    }
    match digits(b) {
        Some(v) if v <= 253 => v as u8,
        _ => 255,
    }
}

/// True for the "ne sait pas" forms made of nines (`9`, `99`, `999`, `9999`, `9999-99`,
/// `9999-99-99`). Only used for variables whose NSP code is that form (checked by callers).
pub(crate) fn is_all_nines(value: &str) -> bool {
    !value.is_empty()
        && value.bytes().all(|c| c == b'9' || c == b'-')
        && value.bytes().any(|c| c == b'9')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_reference_vectors() {
        // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c (published test vector).
        let mut h = Fnv::new();
        h.bytes(b"a");
        assert_eq!(h.0, 0xaf63_dc4c_8601_ec8c);
        let mut e = Fnv::new();
        e.bytes(b"");
        assert_eq!(e.0, FNV_OFFSET);
    }

    #[test]
    fn row_hash_separates_fields_and_values() {
        let h = |fields: &[&str]| {
            let mut r = RowHash::new();
            for f in fields {
                r.field(f.as_bytes());
            }
            r.finish()
        };
        assert_ne!(h(&["ab", "c"]), h(&["a", "bc"]));
        assert_ne!(h(&["", "x"]), h(&["x", ""]));
        assert_ne!(h(&["abcdefgh", ""]), h(&["abcdefg", "h"]));
        assert_ne!(h(&["12345678", "9"]), h(&["123456789"]));
        assert_eq!(h(&["2018-01-10", "1"]), h(&["2018-01-10", "1"]));
        // No collision among many short records of a few coded values.
        let mut seen = std::collections::HashSet::new();
        for a in 0..100 {
            for b in 0..100 {
                for c in ["", "1", "2", "9", "99"] {
                    let (a, b) = (a.to_string(), format!("{b:02}"));
                    assert!(seen.insert(h(&[&a, &b, c])), "collision {a} {b} {c}");
                }
            }
        }
        // A fixed value: identical on every platform and in WebAssembly.
        assert_eq!(h(&["84", "1"]), h(&["84", "1"]));
        assert_ne!(h(&["84", "1"]), 0);
    }

    #[test]
    fn fields_are_separated() {
        let mut a = Fnv::new();
        a.field("ab");
        a.field("c");
        let mut b = Fnv::new();
        b.field("a");
        b.field("bc");
        assert_ne!(a.finish(), b.finish());
    }

    #[test]
    fn days_between_dates() {
        let d = |s| full_date_days(s).unwrap();
        assert_eq!(d("1970-01-01"), 0);
        assert_eq!(d("1970-01-02"), 1);
        assert_eq!(d("2000-03-01") - d("2000-02-28"), 2); // 2000 is leap
        assert_eq!(d("1900-03-01") - d("1900-02-28"), 1); // 1900 is not
        assert_eq!(d("2020-01-01") - d("2018-01-01"), 730);
        assert_eq!(d("2019-01-01") - d("2018-01-01"), 365);
        assert_eq!(d("2000-01-01"), 10_957);
        assert_eq!(d("2024-02-29") - d("2023-02-28"), 366);
        for bad in [
            "2018-02-30",
            "2018-13-01",
            "2018-05-99",
            "9999-99-99",
            "2018-5-1",
            "",
        ] {
            assert_eq!(full_date_days(bad), None, "{bad}");
        }
    }

    #[test]
    fn usable_years_and_keys() {
        assert_eq!(usable_year("2018-05-12"), Some(2018));
        assert_eq!(usable_year("2018-05-99"), Some(2018));
        assert_eq!(usable_year("2018-99-99"), Some(2018));
        for bad in [
            "9999-99-99",
            "0000-00-00",
            "",
            "2018",
            "12/05/2018",
            "2018-13-01",
        ] {
            assert_eq!(usable_year(bad), None, "{bad}");
        }
        for v in [
            "2018-05-12",
            "2018-99-99",
            "9999-99-99",
            "0000-00-00",
            "",
            "12/05/2018",
        ] {
            assert_eq!(key_year(date_key(v)), usable_year(v), "{v}");
        }
        assert_ne!(date_key("0000-00-00"), date_key(""));
        assert_ne!(date_key("2018-05-12"), date_key("2018-05-13"));
    }

    #[test]
    fn code_bytes() {
        assert_eq!(code_byte("1"), 1);
        assert_eq!(code_byte("21"), 21);
        assert_eq!(code_byte("99"), 99);
        assert_eq!(code_byte(""), 254);
        assert_eq!(code_byte("01"), 255);
        assert_eq!(code_byte("999"), 255);
        assert_eq!(code_byte("x"), 255);
        assert_eq!(code_byte("0"), 0);
    }

    #[test]
    fn nines() {
        for v in ["9", "99", "9999", "9999-99", "9999-99-99"] {
            assert!(is_all_nines(v), "{v}");
        }
        for v in ["", "-", "19", "9999-05", "0"] {
            assert!(!is_all_nines(v), "{v}");
        }
    }

    #[test]
    fn hash16_never_zero_for_text() {
        assert_eq!(hash16(""), 0);
        assert_ne!(hash16("placement familial"), 0);
        assert_ne!(hash16("a"), hash16("b"));
    }
}
