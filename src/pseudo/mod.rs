//! Pseudonymisation: name normalisation, phonex, the ONPE level-1 scheme ("onpe-2016"),
//! level-2 re-hashing for observatories, and the key type (OLINPE.md §0.1, §3).

/// A hashing key: bytes held in memory only. No `Display`, no `Serialize`; `Debug` hides it.
#[derive(Clone)]
pub struct Key(Vec<u8>);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(***)")
    }
}
