//! Record rules, file rules, the ONPE audit sections and the rule registry.
//!
//! - [`record`]: rules on one record alone (types, code lists, mandatory list, blocks by
//!   event type, cascades, ages, conditions, date order) — docs/spec/OLINPE.md §5, §6.2, §0.2;
//! - [`file`]: rules on the whole file with a compact state per young person and per row
//!   (identity consistency, duplicates, reference year, perimeter, end without start…);
//! - [`audit`]: ONPE's audit sections 0002 → 0095 with their red / orange / green status;
//! - [`registry`]: every rule with the spec rows it implements (source of `docs/rules.md`).
//!
//! The codes they emit, with their texts, are in the catalogue one layer below
//! ([`crate::finding::catalogue`]), which the reader and pseudonymisation share.

pub mod audit;
pub mod file;
pub mod record;
pub mod registry;

use crate::dictionary::ids::N_ALL;

/// Per-variable fill statistics of the file (docs/spec/OLINPE.md §6.1 "pertinence").
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

/// Accumulates [`VariableStats`] from each record's bit masks (bit `i` for variable `i`).
///
/// The counts are bit-sliced: plane `k` holds bit `k` of every variable's count, so adding a
/// record is a few 128-bit operations (a binary increment with its carry), not one addition
/// per filled variable. The planes are moved into plain counts before they can overflow.
#[derive(Debug, Clone, Default)]
pub struct StatsAccumulator {
    present: u128,
    filled: BitCounter,
    informative: BitCounter,
}

impl StatsAccumulator {
    /// Adds one record: the variables present, filled and informative.
    #[inline]
    pub fn add(&mut self, present: u128, filled: u128, informative: u128) {
        self.present |= present;
        self.filled.add(filled & present);
        self.informative.add(informative & present);
    }

    /// The statistics so far.
    pub fn stats(&self) -> VariableStats {
        let mut s = VariableStats::default();
        for (i, p) in s.present.iter_mut().enumerate() {
            *p = self.present & (1u128 << i) != 0;
        }
        s.filled = self.filled.totals();
        s.informative = self.informative.totals();
        s
    }
}

/// Bits of the bit-sliced counters; they are flushed after `2^PLANES - 1` additions.
const PLANES: usize = 16;

/// One count per variable, bit-sliced (see [`StatsAccumulator`]).
#[derive(Debug, Clone)]
struct BitCounter {
    planes: [u128; PLANES],
    /// Additions since the last flush.
    pending: u32,
    flushed: [u64; N_ALL],
}

impl Default for BitCounter {
    fn default() -> Self {
        BitCounter {
            planes: [0; PLANES],
            pending: 0,
            flushed: [0; N_ALL],
        }
    }
}

impl BitCounter {
    #[inline]
    fn add(&mut self, mask: u128) {
        let mut carry = mask;
        for p in &mut self.planes {
            if carry == 0 {
                break;
            }
            let next = *p & carry;
            *p ^= carry;
            carry = next;
        }
        self.pending += 1;
        if self.pending == (1 << PLANES) - 1 {
            self.flushed = self.totals();
            self.planes = [0; PLANES];
            self.pending = 0;
        }
    }

    fn totals(&self) -> [u64; N_ALL] {
        let mut t = self.flushed;
        for (i, n) in t.iter_mut().enumerate() {
            for (k, p) in self.planes.iter().enumerate() {
                *n += (((p >> i) & 1) as u64) << k;
            }
        }
        t
    }
}

#[cfg(test)]
mod stats_tests {
    use super::*;

    /// The bit-sliced counts equal plain counts, across a flush.
    #[test]
    fn accumulator_matches_plain_counts() {
        let mut acc = StatsAccumulator::default();
        let mut filled = [0u64; N_ALL];
        let mut informative = [0u64; N_ALL];
        let mut present = [false; N_ALL];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let all = (1u128 << N_ALL) - 1;
        for _ in 0..(1u32 << PLANES) + 1000 {
            // Variable 0 is always filled, so its count crosses a flush.
            let p = (((u128::from(next()) << 64) | u128::from(next())) & all) | 1;
            let f = (u128::from(next()) << 64) | u128::from(next()) | 1;
            let inf = f & ((u128::from(next()) << 64) | u128::from(next()));
            acc.add(p, f, inf);
            for i in 0..N_ALL {
                let bit = |m: u128| m & p & (1u128 << i) != 0;
                present[i] |= p & (1u128 << i) != 0;
                filled[i] += u64::from(bit(f));
                informative[i] += u64::from(bit(inf));
            }
        }
        let s = acc.stats();
        assert_eq!(s.present, present);
        assert_eq!(s.filled, filled);
        assert_eq!(s.informative, informative);
        assert!(s.filled[0] > 1 << PLANES);
    }
}
