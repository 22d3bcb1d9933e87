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

// --- Temporary stand-ins until the pseudonymisation module lands (lead's integration stubs).

/// Identifier of the level-1 scheme.
pub const SCHEME_ID: &str = "onpe-2016";

/// Level-1 pseudonymiser (stand-in).
pub struct Pseudonymiser;
impl Pseudonymiser {
    /// New.
    pub fn new(_key: Key, _with_day: bool, _uppercase: bool) -> Self {
        Pseudonymiser
    }
    /// Applies to one record.
    pub fn apply(
        &self,
        _rec: &mut crate::record::Record,
        _f: &mut Vec<crate::finding::Finding>,
    ) -> Result<(), String> {
        Ok(())
    }
}
/// Variant probe (stand-in).
pub struct VariantProbe;
impl VariantProbe {
    /// New.
    pub fn new(_key: Key, _ids: std::collections::HashSet<String>) -> Self {
        VariantProbe
    }
    /// Observe.
    pub fn observe_identity(&mut self, _rec: &crate::record::Record) {}
    /// Finish.
    pub fn finish(self) -> serde_json::Value {
        serde_json::Value::Null
    }
}
/// Level-2 rehash (stand-in).
pub fn rehash_id(id: &str, _key: &Key) -> String {
    id.to_owned()
}
impl Key {
    /// From a value.
    pub fn from_env_value(v: &str) -> Result<Key, String> {
        Ok(Key(v.as_bytes().to_vec()))
    }
}
impl Key {
    /// From key-file bytes (stand-in).
    pub fn from_file_bytes(v: &[u8]) -> Result<Key, String> {
        Ok(Key(v.to_vec()))
    }
}
