//! Level 2: the observatory's re-hash of received identifiers (docs/spec/OLINPE.md §3.3, docs/spec/INTERFACES.md
//! `rehash`): `first20(SHA1(V[0:20] + KEY2)) + first20(SHA1(V[20:40] + KEY2))`.
//!
//! The received string is hashed exactly as it is — its hexadecimal case is never changed,
//! since ONPE's code hashes what it receives and the same identifier in another case gives
//! another definitive identifier. The output is lower-case hexadecimal, as ONPE's PHP writes it.

use super::scheme::push_hex20;
use super::Key;
use crate::dictionary::ids;
use crate::finding::{finding, Code, Finding};
use crate::record::Record;
use sha1::{Digest, Sha1};

/// True when `id` is 40 hexadecimal characters (either case).
pub fn is_valid_id(id: &str) -> bool {
    id.len() == 40 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Re-hashes one identifier with the observatory key. An empty identifier stays empty; one
/// that is not 40 hexadecimal characters is hashed as received, its first 20 characters and
/// the rest being the two halves.
pub fn rehash_id(id: &str, key: &Key) -> String {
    if id.is_empty() {
        return String::new();
    }
    let split = id.char_indices().nth(20).map_or(id.len(), |(i, _)| i);
    let (first, second) = id.split_at(split);
    let mut out = String::with_capacity(40);
    for half in [first, second] {
        let mut h = Sha1::new();
        h.update(half.as_bytes());
        h.update(key.bytes());
        push_hex20(&mut out, &h.finalize());
    }
    out
}

/// Re-hashes `NUMANONYM` and `NUMANONYMANT` of records (the `rehash` mode).
#[derive(Debug, Clone)]
pub struct Rehasher {
    key: Key,
}

impl Rehasher {
    /// A re-hasher with the observatory key.
    pub fn new(key: Key) -> Self {
        Rehasher { key }
    }

    /// Replaces both identifiers of `rec` by their level-2 value. Returns the number of
    /// malformed (non-empty, not 40 hexadecimal characters) identifiers, each reported with
    /// `rehash-identifier-invalid`; they are re-hashed as received all the same.
    pub fn apply(&self, rec: &mut Record, findings: &mut Vec<Finding>) -> usize {
        let mut malformed = 0;
        for (index, name) in [
            (ids::NUMANONYM, "NUMANONYM"),
            (ids::NUMANONYMANT, "NUMANONYMANT"),
        ] {
            if !rec.is_present(index) {
                continue;
            }
            let received = rec.get(index);
            if !received.is_empty() && !is_valid_id(received) {
                malformed += 1;
                findings.push(finding(
                    Code::RehashIdentifierInvalid,
                    Some(rec.row),
                    Some(rec.line),
                    Some(name),
                    &[],
                ));
            }
            let new = rehash_id(received, &self.key);
            rec.set(index, &new);
        }
        malformed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_level2() {
        let k = Key::new("CLE_OBS_TEST").unwrap();
        let id = "877aa93ef312e68eb9f8fac5dc5e88d68e95f75a";
        assert_eq!(
            rehash_id(id, &k),
            "1a6f73602689d2c7ec84da57c18208ebb45a6c3e"
        );
        assert_eq!(
            rehash_id(&id.to_uppercase(), &k),
            "80c92ad3b35ac9b53a8af3e5e73449d7a344a42e"
        );
    }

    #[test]
    fn validity() {
        assert!(is_valid_id("877aa93ef312e68eb9f8fac5dc5e88d68e95f75a"));
        assert!(is_valid_id("877AA93EF312E68EB9F8FAC5DC5E88D68E95F75A"));
        assert!(!is_valid_id("877aa93ef312e68eb9f8fac5dc5e88d68e95f75"));
        assert!(!is_valid_id("877aa93ef312e68eb9f8fac5dc5e88d68e95f75g"));
        assert!(!is_valid_id(""));
    }

    #[test]
    fn malformed_and_empty() {
        let k = Key::new("CLE_OBS_TEST").unwrap();
        assert_eq!(rehash_id("", &k), "");
        // Up to 20 characters the second half is empty: the same for any short value.
        let a = rehash_id("abc", &k);
        let b = rehash_id("0123456789abcdef0123", &k);
        assert_eq!(a.len(), 40);
        assert_eq!(a[20..], b[20..]);
        assert_ne!(a[..20], b[..20]);
    }

    #[test]
    fn rehasher_on_records() {
        let r = Rehasher::new(Key::new("CLE_OBS_TEST").unwrap());
        let mut rec = Record::new();
        rec.row = 3;
        rec.line = 4;
        rec.set(ids::NUMANONYM, "877aa93ef312e68eb9f8fac5dc5e88d68e95f75a");
        rec.set(ids::NUMANONYMANT, "877aa93ef312");
        let mut findings = Vec::new();
        assert_eq!(r.apply(&mut rec, &mut findings), 1);
        assert_eq!(
            rec.get(ids::NUMANONYM),
            "1a6f73602689d2c7ec84da57c18208ebb45a6c3e"
        );
        assert_eq!(rec.get(ids::NUMANONYMANT).len(), 40);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, Code::RehashIdentifierInvalid);
        assert_eq!(findings[0].variable.as_deref(), Some("NUMANONYMANT"));
        assert_eq!((findings[0].row, findings[0].line), (Some(3), Some(4)));
        assert!(!findings[0].message.contains('{'));

        // Empty stays empty, without a finding; an absent column stays absent.
        let mut rec = Record::new();
        rec.set(ids::NUMANONYM, "");
        let mut findings = Vec::new();
        assert_eq!(r.apply(&mut rec, &mut findings), 0);
        assert_eq!(rec.get(ids::NUMANONYM), "");
        assert!(!rec.is_present(ids::NUMANONYMANT));
        assert!(findings.is_empty());
    }
}
