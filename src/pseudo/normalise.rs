//! Name normalisation (docs/spec/OLINPE.md §0.1): accents folded, upper case, only the letters A–Z kept;
//! and the `NUMDO` substitute form (upper case, `space - / ' .` removed, everything else kept).
//!
//! Folding is a compact table instead of a Unicode-normalisation dependency: for every letter
//! of Latin-1 Supplement, Latin Extended-A, Latin Extended-B and Latin Extended Additional it
//! gives the base letter of the canonical decomposition (NFD), plus the ligatures and
//! letters-with-stroke that have no decomposition (Œ→OE, Æ→AE, ß→SS, Ø→O, Ł→L, Đ→D, ı→I…).
//! Combining marks (input already decomposed) are not letters A–Z and so simply drop out.
//! `docs/pseudonymisation.md` lists the table so another vendor can reproduce it.

/// Base letters for U+00C0..=U+024F: an upper-case ASCII letter, `*` for a letter that folds
/// to two letters (see [`multi`]), `.` for a character that is dropped.
const LATIN_C0_24F: &[u8; 400] = b"\
AAAAAA*CEEEEIIIIDNOOOOO.OUUUUY**AAAAAA*CEEEEIIIIDNOOOOO.OUUUUY*Y\
AAAAAACCCCCCCCDDDDEEEEEEEEEEGGGGGGGGHHHHIIIIIIIIII**JJKKKLLLLLLL\
LLLNNNNNNNNNOOOOOO**RRRRRRSSSSSSSSTTTTTTUUUUUUUUUUUUWWYYYZZZZZZS\
B................FF....I........OO.............UU....ZZ.........\
....*********AAIIOOUUUUUUUUUU.AAAA**..GGKKOOOO..J***GG..NNAA**OO\
AAAAEEEEIIIIOOOORRRRUUUUSSTT..HH......AAEEOOOOOOOOYY............\
...B............";

/// Base letters for U+1E00..=U+1EFF (Latin Extended Additional: Vietnamese, Welsh…).
const LATIN_1E00_1EFF: &[u8; 256] = b"\
AABBBBBBCCDDDDDDDDDDEEEEEEEEEEFFGGHHHHHHHHHHIIIIKKKKKKLLLLLLLLMM\
MMMMNNNNNNNNOOOOOOOOPPPPRRRRRRRRSSSSSSSSSSTTTTTTTTUUUUUUUUUUVVVV\
WWWWWWWWWWXXXXYYZZZZZZHTWY.SSS*.AAAAAAAAAAAAAAAAAAAAAAAAEEEEEEEE\
EEEEEEEEIIIIOOOOOOOOOOOOOOOOOOOOOOOOUUUUUUUUUUUUUUYYYYYYYY......";

/// Letters that fold to two letters (the `*` entries of the tables).
fn multi(c: char) -> &'static str {
    match c {
        'Œ' | 'œ' => "OE",
        'Æ' | 'æ' | 'Ǣ' | 'ǣ' | 'Ǽ' | 'ǽ' => "AE",
        'ß' | 'ẞ' => "SS",
        'Ĳ' | 'ĳ' => "IJ",
        'Þ' | 'þ' => "TH",
        'Ǆ' | 'ǅ' | 'ǆ' | 'Ǳ' | 'ǲ' | 'ǳ' => "DZ",
        'Ǉ' | 'ǈ' | 'ǉ' => "LJ",
        'Ǌ' | 'ǋ' | 'ǌ' => "NJ",
        _ => "",
    }
}

/// How one character folds.
enum Fold {
    /// An upper-case ASCII letter.
    One(u8),
    /// Two upper-case ASCII letters.
    Two(&'static str),
    /// Not a letter that folds to A–Z.
    None,
}

/// Folds one character to upper-case ASCII letters, if it is a (Latin) letter.
fn fold(c: char) -> Fold {
    let cp = c as u32;
    let table_byte = match cp {
        0x41..=0x5A => return Fold::One(cp as u8),
        0x61..=0x7A => return Fold::One(cp as u8 - 32),
        0xC0..=0x24F => LATIN_C0_24F.get((cp - 0xC0) as usize).copied(),
        0x1E00..=0x1EFF => LATIN_1E00_1EFF.get((cp - 0x1E00) as usize).copied(),
        // Fullwidth Latin letters (compatibility decomposition to ASCII).
        0xFF21..=0xFF3A => return Fold::One((cp - 0xFF21) as u8 + b'A'),
        0xFF41..=0xFF5A => return Fold::One((cp - 0xFF41) as u8 + b'A'),
        _ => None,
    };
    match table_byte {
        Some(b'*') => match multi(c) {
            "" => Fold::None,
            s => Fold::Two(s),
        },
        Some(b) if b.is_ascii_uppercase() => Fold::One(b),
        _ => Fold::None,
    }
}

/// Normalises a first name or a mother's name: accents folded, upper case, only A–Z kept
/// (spaces, hyphens, apostrophes `'` and `’`, dots, digits and anything else dropped).
pub fn normalise_name(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match fold(c) {
            Fold::One(b) => out.push(b as char),
            Fold::Two(s) => out.push_str(s),
            Fold::None => {}
        }
    }
    out
}

/// The `NUMDO` substitute (docs/spec/OLINPE.md §0.1, as ONPE's code): letters folded and upper-cased as
/// in [`normalise_name`], the characters space, `-`, `/`, `'` and `.` removed, every other
/// character (digits, other punctuation) kept unchanged.
pub fn normalise_numdo(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, ' ' | '-' | '/' | '\'' | '.') {
            continue;
        }
        match fold(c) {
            Fold::One(b) => out.push(b as char),
            Fold::Two(s) => out.push_str(s),
            Fold::None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let cases = [
            ("Pierre", "PIERRE"),
            ("Jean-Pierre", "JEANPIERRE"),
            ("L'Hermitte", "LHERMITTE"),
            ("L’Hermitte", "LHERMITTE"),
            ("Marie Anne", "MARIEANNE"),
            ("  marie .anne/ ", "MARIEANNE"),
            ("Hélène", "HELENE"),
            ("He\u{301}le\u{300}ne", "HELENE"),
            ("Œdipe", "OEDIPE"),
            ("cœur", "COEUR"),
            ("Lætitia", "LAETITIA"),
            ("Strauß", "STRAUSS"),
            ("Søren", "SOREN"),
            ("Łukasz", "LUKASZ"),
            ("Đorđe", "DORDE"),
            ("Yıldız", "YILDIZ"),
            ("Ştefan Ţepeş", "STEFANTEPES"),
            ("Ștefan Țepeș", "STEFANTEPES"),
            ("Nguyễn Thị", "NGUYENTHI"),
            ("Çağla Öztürk", "CAGLAOZTURK"),
            ("Zoë Noël", "ZOENOEL"),
            ("Ĳsbrand", "IJSBRAND"),
            ("Þóra", "THORA"),
            ("Ｍａｒｉｅ", "MARIE"),
            ("Marie2", "MARIE"),
            ("×÷", ""),
            ("Мария", ""),
            ("?", ""),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(normalise_name(input), want, "{input}");
        }
    }

    #[test]
    fn numdo() {
        let cases = [
            ("2018/0042-a", "20180042A"),
            ("d.o 12 ' 3", "DO123"),
            ("é_12", "E_12"),
            ("AB#7", "AB#7"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(normalise_numdo(input), want, "{input}");
        }
    }

    #[test]
    fn every_table_byte_is_a_letter_or_marker() {
        for b in LATIN_C0_24F.iter().chain(LATIN_1E00_1EFF.iter()) {
            assert!(b.is_ascii_uppercase() || *b == b'*' || *b == b'.');
        }
        // Every `*` has its two letters.
        for (base, table) in [(0xC0u32, &LATIN_C0_24F[..]), (0x1E00, &LATIN_1E00_1EFF[..])] {
            for (i, b) in table.iter().enumerate() {
                if *b == b'*' {
                    let c = char::from_u32(base + i as u32).unwrap();
                    assert_eq!(multi(c).len(), 2, "U+{:04X}", base + i as u32);
                }
            }
        }
    }
}
