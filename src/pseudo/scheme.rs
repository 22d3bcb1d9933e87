//! Level-1 hashing schemes behind one trait, so that a future scheme (for example
//! HMAC-SHA-256, should the DREES publish one) can be added without touching the rest.
//!
//! [`Onpe2016`] is ONPE's scheme (docs/spec/OLINPE.md §3.3 and §0.1):
//! `NUMANONYM = first20(hex(SHA1(v1 + v2 + birth + key)))`
//! `          + first20(hex(SHA1(first12(phonex(v1)) + first12(phonex(v2)) + key)))`
//! with `v1`, `v2` the normalised first name and mother's name and `birth` the birth string.

use super::phonex::phonex;
use super::Key;
use sha1::{Digest, Sha1};

/// The resolved, normalised inputs of one identity (see [`super::identity`]).
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct IdentityInput {
    /// Normalised first name, or the `NUMDO` substitute.
    pub v1: String,
    /// Normalised mother's name (birth name, else usage name), or the `NUMDO` substitute.
    pub v2: String,
    /// Birth string `JNAIS+MNAIS+ANAIS` (day only with the option), or the `NUMDO` substitute.
    pub birth: String,
}

impl std::fmt::Debug for IdentityInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdentityInput(***)")
    }
}

/// A level-1 pseudonymisation scheme.
pub trait Scheme: Send + Sync {
    /// Stable identifier written in the receipt (`"onpe-2016"`).
    fn id(&self) -> &'static str;
    /// The 40-character lower-case hexadecimal identifier of `input` under `key`.
    fn level1(&self, input: &IdentityInput, key: &Key) -> String;
}

/// ONPE's scheme (SHA-1 of text + key, exact half and phonetic half).
#[derive(Debug, Clone, Copy, Default)]
pub struct Onpe2016;

impl Scheme for Onpe2016 {
    fn id(&self) -> &'static str {
        super::SCHEME_ID
    }

    fn level1(&self, input: &IdentityInput, key: &Key) -> String {
        let mut exact = Sha1::new();
        exact.update(input.v1.as_bytes());
        exact.update(input.v2.as_bytes());
        exact.update(input.birth.as_bytes());
        exact.update(key.bytes());
        let mut phonetic = Sha1::new();
        phonetic.update(first_chars(&phonex(&input.v1), 12).as_bytes());
        phonetic.update(first_chars(&phonex(&input.v2), 12).as_bytes());
        phonetic.update(key.bytes());
        let mut out = String::with_capacity(40);
        push_hex20(&mut out, &exact.finalize());
        push_hex20(&mut out, &phonetic.finalize());
        out
    }
}

/// The first `n` characters of `s` (phonex renderings are ASCII; `chars` keeps it safe).
pub(crate) fn first_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => s.get(..i).unwrap_or(s),
        None => s,
    }
}

/// Appends the first 20 lower-case hex digits of `digest` (its first 10 bytes).
pub(crate) fn push_hex20(out: &mut String, digest: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for b in digest.iter().take(10) {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
}
