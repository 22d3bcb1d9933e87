//! The hashing key: bytes held in memory only (docs/spec/OLINPE.md §0.1 "Keys").
//!
//! A [`Key`] has no `Display` and no `Serialize`; its `Debug` prints `Key(***)`; its bytes
//! are overwritten when it is dropped (best effort: the allocator may have copied them
//! earlier). [`KeyError`] messages are French and never contain the key.

use std::fmt;

/// A hashing key (level-1 key of the département, or level-2 key of an observatory).
#[derive(Clone, PartialEq, Eq)]
pub struct Key(Vec<u8>);

/// Why a key was refused. The message is French and never quotes the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError {
    /// Stable code (`key-empty`, `key-not-utf8`).
    pub code: &'static str,
    /// French message.
    pub message: String,
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for KeyError {}

const BOM: &[u8] = "\u{feff}".as_bytes();

impl Key {
    /// A key typed by a person (page text field, tests): taken exactly as given; empty refused.
    pub fn new(value: &str) -> Result<Key, KeyError> {
        if value.is_empty() {
            return Err(KeyError {
                code: "key-empty",
                message: "La clé de hachage est vide : saisissez la clé transmise par l'ONPE \
                          (ou celle de votre observatoire pour le second niveau)."
                    .to_owned(),
            });
        }
        Ok(Key(value.as_bytes().to_vec()))
    }

    /// A key read from a key file: one leading UTF-8 BOM and one trailing line ending (`\n`
    /// or `\r\n`) removed, nothing else; the rest must be UTF-8 and not empty.
    pub fn from_file_bytes(bytes: &[u8]) -> Result<Key, KeyError> {
        let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
        let bytes = strip_line_ending(bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => Key::new(text).map_err(|_| KeyError {
                code: "key-empty",
                message: "Le fichier de clé est vide : il doit contenir la clé de hachage \
                          sur une ligne."
                    .to_owned(),
            }),
            // No byte position: it would tell something about the key.
            Err(_) => Err(KeyError {
                code: "key-not-utf8",
                message: "Le fichier de clé n'est pas un texte UTF-8 valide : \
                          enregistrez-le en UTF-8."
                    .to_owned(),
            }),
        }
    }

    /// A key from the `OLINPE_KEY` environment variable: one trailing line ending removed.
    pub fn from_env_value(value: &str) -> Result<Key, KeyError> {
        let bytes = strip_line_ending(value.as_bytes());
        // Removing an ASCII line ending from valid UTF-8 leaves valid UTF-8.
        let text = std::str::from_utf8(bytes).unwrap_or_default();
        Key::new(text).map_err(|_| KeyError {
            code: "key-empty",
            message: "La variable OLINPE_KEY est vide : elle doit contenir la clé de hachage."
                .to_owned(),
        })
    }

    /// The key bytes, for hashing only. Never print them.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0
    }
}

fn strip_line_ending(bytes: &[u8]) -> &[u8] {
    if let Some(rest) = bytes.strip_suffix(b"\r\n") {
        rest
    } else {
        bytes.strip_suffix(b"\n").unwrap_or(bytes)
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(***)")
    }
}

impl Drop for Key {
    fn drop(&mut self) {
        for b in self.0.iter_mut() {
            *b = 0;
        }
        // Keeps the overwrite from being optimised away as a dead store.
        std::hint::black_box(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(bytes: &[u8]) -> Result<Vec<u8>, &'static str> {
        Key::from_file_bytes(bytes)
            .map(|k| k.bytes().to_vec())
            .map_err(|e| e.code)
    }

    #[test]
    fn key_file_parsing() {
        assert_eq!(file(b"CLE_DE_TEST"), Ok(b"CLE_DE_TEST".to_vec()));
        assert_eq!(file(b"CLE_DE_TEST\n"), Ok(b"CLE_DE_TEST".to_vec()));
        assert_eq!(file(b"CLE_DE_TEST\r\n"), Ok(b"CLE_DE_TEST".to_vec()));
        assert_eq!(
            file(b"\xEF\xBB\xBFCLE_DE_TEST\r\n"),
            Ok(b"CLE_DE_TEST".to_vec())
        );
        // Only one line ending, only one BOM, nothing else trimmed.
        assert_eq!(file(b"CLE_DE_TEST\n\n"), Ok(b"CLE_DE_TEST\n".to_vec()));
        assert_eq!(
            file(b"CLE_DE_TEST\r\n\r\n"),
            Ok(b"CLE_DE_TEST\r\n".to_vec())
        );
        assert_eq!(file(b"CLE_DE_TEST\r"), Ok(b"CLE_DE_TEST\r".to_vec()));
        assert_eq!(file(b" CLE_DE_TEST \n"), Ok(b" CLE_DE_TEST ".to_vec()));
        assert_eq!(
            file(b"\xEF\xBB\xBF\xEF\xBB\xBFK"),
            Ok("\u{feff}K".as_bytes().to_vec())
        );
        assert_eq!(file("clé".as_bytes()), Ok("clé".as_bytes().to_vec()));
        // Refused.
        assert_eq!(file(b""), Err("key-empty"));
        assert_eq!(file(b"\n"), Err("key-empty"));
        assert_eq!(file(b"\r\n"), Err("key-empty"));
        assert_eq!(file(b"\xEF\xBB\xBF\r\n"), Err("key-empty"));
        assert_eq!(file(b"cl\xE9"), Err("key-not-utf8"));
    }

    #[test]
    fn env_and_typed() {
        let k = Key::from_env_value("CLE_DE_TEST\r\n").unwrap();
        assert_eq!(k.bytes(), b"CLE_DE_TEST");
        let k = Key::from_env_value("CLE_DE_TEST\n\n").unwrap();
        assert_eq!(k.bytes(), b"CLE_DE_TEST\n");
        assert_eq!(Key::from_env_value("\n").unwrap_err().code, "key-empty");
        assert_eq!(Key::new("").unwrap_err().code, "key-empty");
        assert_eq!(Key::new("a\n").unwrap().bytes(), b"a\n");
    }

    #[test]
    fn never_shown() {
        let k = Key::new("CLE_DE_TEST").unwrap();
        assert_eq!(format!("{k:?}"), "Key(***)");
        let e = Key::from_file_bytes(b"CLE_DE_TEST\xFF").unwrap_err();
        assert!(!e.message.contains("CLE_DE_TEST"));
        assert!(!format!("{e:?}").contains("CLE_DE_TEST"));
    }
}
