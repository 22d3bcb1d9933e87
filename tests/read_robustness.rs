//! Robustness: mutated fixtures and random bytes never make the reader panic, and give the
//! same events whatever the chunk size (a small deterministic fuzz, no dependency).

use crate::read_common;

use olinpe::read::{Limits, ReadOptions};
use read_common::read_invariant;

/// xorshift64*: deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that matter to the tokenizers.
const SPECIAL: &[u8] = b"<>/&;\"'\r\n\t ,!?[]-#x=\xC3\xA9\xE9\x00";

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(6) {
        let pos = rng.below(out.len() + 1);
        let b = SPECIAL[rng.below(SPECIAL.len())];
        match rng.below(4) {
            0 if pos < out.len() => out[pos] = b,
            1 if pos < out.len() => {
                out.remove(pos);
            }
            2 => out.truncate(pos),
            _ => out.insert(pos, b),
        }
    }
    out
}

#[test]
fn mutated_fixtures_never_panic_and_are_chunk_invariant() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/read");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut rng = Rng(0x0123_4567_89AB_CDEF);
    let opts = ReadOptions {
        repair: true,
        limits: Limits {
            max_field_bytes: 300,
            max_record_bytes: 4000,
            max_xml_depth: 8,
            ..Limits::default()
        },
        ..ReadOptions::default()
    };
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        for _ in 0..40 {
            let input = mutate(&mut rng, &bytes);
            // `read_invariant` asserts identical events and outcome for every chunk size.
            let _ = read_invariant(&input, opts.clone());
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(42);
    for _ in 0..200 {
        let len = rng.below(300);
        let input: Vec<u8> = (0..len)
            .map(|_| {
                if rng.below(3) == 0 {
                    (rng.next() & 0xFF) as u8
                } else {
                    SPECIAL[rng.below(SPECIAL.len())]
                }
            })
            .collect();
        let _ = read_invariant(&input, ReadOptions::default());
        let mut xml = b"<DECRET><DONNEE>".to_vec();
        xml.extend_from_slice(&input);
        let _ = read_invariant(&xml, ReadOptions::default());
    }
}
