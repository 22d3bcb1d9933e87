//! Text encoding: UTF-8 or Windows-1252 (which covers ISO-8859-1 for French text), chosen
//! at the first non-ASCII field and then held for the whole file.
//!
//! The choice is made on the first field (or XML text) that holds a non-ASCII byte: valid
//! UTF-8 → UTF-8, otherwise Windows-1252. A later field that contradicts the choice (invalid
//! UTF-8 in a UTF-8 file, a valid multi-byte UTF-8 sequence in a Windows-1252 file) is decoded
//! with the other encoding — the one that most likely produced it, so nothing is lost and a
//! name still hashes right — and reported by the caller as `encoding-contradiction`.
//! Windows-1252 is decoded and encoded with a hand-written table (no dependency); its five
//! undefined bytes map to the C1 controls of the same value, as web browsers do.

/// The encoding state of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Only ASCII seen so far.
    #[default]
    Undecided,
    /// UTF-8 (with or without BOM).
    Utf8,
    /// Windows-1252 / ISO-8859-1.
    Windows1252,
}

impl Encoding {
    /// Name as written in reports: ASCII-only input counts as UTF-8.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Undecided | Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

/// Characters of Windows-1252 bytes 0x80–0x9F.
const HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// The character of one Windows-1252 byte.
#[inline]
pub fn cp1252_char(b: u8) -> char {
    if (0x80..0xA0).contains(&b) {
        HIGH[(b - 0x80) as usize]
    } else {
        char::from(b)
    }
}

/// Appends the Windows-1252 decoding of `bytes` to `out`.
pub fn decode_cp1252_into(bytes: &[u8], out: &mut String) {
    out.reserve(bytes.len());
    for &b in bytes {
        out.push(cp1252_char(b));
    }
}

/// Appends the Windows-1252 encoding of `s` to `out`; characters it cannot represent become `?`.
pub fn encode_cp1252_into(s: &str, out: &mut Vec<u8>) {
    for c in s.chars() {
        let u = c as u32;
        if u < 0x80 || (0xA0..=0xFF).contains(&u) {
            out.push(u as u8);
        } else if let Some(p) = HIGH.iter().position(|&h| h == c) {
            out.push(0x80 + p as u8);
        } else {
            out.push(b'?');
        }
    }
}

/// Decodes fields with the file's encoding, deciding it at the first non-ASCII field.
#[derive(Debug, Default)]
pub struct Decoder {
    enc: Encoding,
}

impl Decoder {
    /// A decoder whose encoding is already known (BOM, XML declaration).
    pub fn with(enc: Encoding) -> Self {
        Decoder { enc }
    }

    /// The encoding chosen so far.
    pub fn encoding(&self) -> Encoding {
        self.enc
    }

    /// Decodes `bytes`. Returns the text (borrowed from `bytes` when no conversion is
    /// needed, else written into `scratch`) and whether the bytes contradict the encoding
    /// chosen earlier.
    pub fn decode<'a>(&mut self, bytes: &'a [u8], scratch: &'a mut String) -> (&'a str, bool) {
        if bytes.is_ascii() {
            return match std::str::from_utf8(bytes) {
                Ok(s) => (s, false),
                Err(_) => (self.fallback(bytes, scratch), false),
            };
        }
        match (self.enc, std::str::from_utf8(bytes)) {
            (Encoding::Undecided, Ok(s)) => {
                self.enc = Encoding::Utf8;
                (s, false)
            }
            (Encoding::Undecided, Err(_)) => {
                self.enc = Encoding::Windows1252;
                (self.fallback(bytes, scratch), false)
            }
            (Encoding::Utf8, Ok(s)) => (s, false),
            (Encoding::Utf8, Err(_)) => (self.fallback(bytes, scratch), true),
            (Encoding::Windows1252, Ok(s)) => (s, true),
            (Encoding::Windows1252, Err(_)) => (self.fallback(bytes, scratch), false),
        }
    }

    fn fallback<'a>(&self, bytes: &[u8], scratch: &'a mut String) -> &'a str {
        scratch.clear();
        decode_cp1252_into(bytes, scratch);
        scratch.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decides_at_first_non_ascii() {
        let cases: &[(&[&[u8]], Encoding, &[(&str, bool)])] = &[
            (
                &[b"abc", "é".as_bytes(), b"\xe9"],
                Encoding::Utf8,
                &[("abc", false), ("é", false), ("é", true)],
            ),
            (
                &[b"abc", b"\xe9t\xe9", "é".as_bytes()],
                Encoding::Windows1252,
                &[("abc", false), ("été", false), ("é", true)],
            ),
            (&[b"\x80\x9c\x92"], Encoding::Windows1252, &[("€œ’", false)]),
            (&[b"x"], Encoding::Undecided, &[("x", false)]),
        ];
        for (fields, enc, want) in cases {
            let mut d = Decoder::default();
            let mut scratch = String::new();
            for (f, (text, contra)) in fields.iter().zip(want.iter()) {
                let (s, c) = d.decode(f, &mut scratch);
                assert_eq!((s, c), (*text, *contra), "{fields:?}");
            }
            assert_eq!(d.encoding(), *enc);
        }
        assert_eq!(Encoding::Undecided.name(), "UTF-8");
    }

    #[test]
    fn cp1252_round_trip() {
        let all: Vec<u8> = (0u8..=255).collect();
        let mut s = String::new();
        decode_cp1252_into(&all, &mut s);
        let mut back = Vec::new();
        encode_cp1252_into(&s, &mut back);
        assert_eq!(back, all);
        let mut out = Vec::new();
        encode_cp1252_into("Œuvre 日", &mut out);
        assert_eq!(out, b"\x8cuvre ?");
    }
}
