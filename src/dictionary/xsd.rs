//! The schema's own acceptance of a value (`decret2016.xsd` patterns and enumerations), kept
//! apart from the spec's rules. Used to say whether the written XML validates.
//!
//! The schema uses six patterns, one `maxLength` and enumerations; each pattern is matched
//! by a small hand-written function that follows the XSD regular expression literally —
//! including its quirks: full dates reject the guide's `9999-99-99` and `AAAA-MM-99`, the
//! day class `[0,1]` also matches a comma, `0000` forms are accepted, `MNAIS` is any one or
//! two digits. `tests/dictionary_xsd.rs` checks that [`facet`] names, for every element,
//! exactly the facet written in the XSD.

use super::{Kind, VARIABLES};

/// XSD pattern of the years (`ANAIS`, `ANSA1`…).
pub const PATTERN_YEAR: &str = "(9999)|()|(0000)|(19)[0-9]{2}|(20)[0-9]{2}";
/// XSD pattern of the full dates of `DONNEE` (no `9999-99-99`).
pub const PATTERN_DATE: &str = "()|(0000-00-00)|((19)[0-9]{2}|(20)[0-9]{2})-((0)[1-9]{1}|(1)[0-2]{1})-((0)[1-9]{1}|(1)[0-9]{1}|(2)[0-9]{1}|(3)[0,1]{1})";
/// XSD pattern of the year-month dates (`DATDCMERE`, `DATDCPERE`, `DATDECMIN`).
pub const PATTERN_YEAR_MONTH: &str =
    "()|(0000-00)|((9999)|(19)[0-9]{2}|(20)[0-9]{2})-((99)|(0)[1-9]{1}|(1)[0-2]{1})";
/// XSD pattern of the counts and of `MNAIS`.
pub const PATTERN_COUNT: &str = "()|[0-9]{1,2}";
/// XSD pattern of `NUMANONYM` and `NUMANONYMANT` (no empty alternative).
pub const PATTERN_HEX40: &str = "[0-9a-fA-F]{40}";

/// The XSD facet that constrains one element's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    /// An enumeration: the empty string plus the variable's modality codes.
    Enumeration,
    /// A pattern, given as the XSD's own text (one of the `PATTERN_*` constants).
    Pattern(&'static str),
    /// A maximum length in characters.
    MaxLength(usize),
    /// `UTDP`, which is not in the ONPE schema: at most 3 characters (docs/spec/OLINPE.md §0.3).
    Utdp,
}

/// The facet of the variable at `index`, `None` past the table.
pub fn facet(index: usize) -> Option<Facet> {
    let v = VARIABLES.get(index)?;
    Some(match v.kind {
        Kind::Code | Kind::Departement => Facet::Enumeration,
        Kind::Date => Facet::Pattern(PATTERN_DATE),
        Kind::YearMonth => Facet::Pattern(PATTERN_YEAR_MONTH),
        Kind::Year => Facet::Pattern(PATTERN_YEAR),
        Kind::Month | Kind::Count => Facet::Pattern(PATTERN_COUNT),
        Kind::Hex40 => Facet::Pattern(PATTERN_HEX40),
        Kind::Text40 => Facet::MaxLength(40),
        Kind::Utdp => Facet::Utdp,
    })
}

/// True when `decret2016.xsd` accepts `value` for the variable at `index` (`UTDP`: at most
/// 3 characters). An index past the table is never accepted.
pub fn accepts(index: usize, value: &str) -> bool {
    let (Some(v), Some(f)) = (VARIABLES.get(index), facet(index)) else {
        return false;
    };
    match f {
        Facet::Enumeration => value.is_empty() || v.has_modality(value),
        Facet::Pattern(p) => matches_pattern(p, value),
        Facet::MaxLength(n) => value.chars().count() <= n,
        Facet::Utdp => value.chars().count() <= 3,
    }
}

/// Matches `value` against one of the `PATTERN_*` texts (whole value, as XSD patterns are
/// anchored).
fn matches_pattern(pattern: &str, value: &str) -> bool {
    let b = value.as_bytes();
    match pattern {
        PATTERN_YEAR => value.is_empty() || value == "9999" || value == "0000" || year_19_20(b),
        PATTERN_DATE => {
            value.is_empty()
                || value == "0000-00-00"
                || (b.len() == 10
                    && year_19_20(&b[..4])
                    && b[4] == b'-'
                    && month(&b[5..7])
                    && b[7] == b'-'
                    && day(&b[8..10]))
        }
        PATTERN_YEAR_MONTH => {
            value.is_empty()
                || value == "0000-00"
                || (b.len() == 7
                    && (&b[..4] == b"9999" || year_19_20(&b[..4]))
                    && b[4] == b'-'
                    && (&b[5..7] == b"99" || month(&b[5..7])))
        }
        PATTERN_COUNT => b.len() <= 2 && b.iter().all(u8::is_ascii_digit),
        PATTERN_HEX40 => b.len() == 40 && b.iter().all(u8::is_ascii_hexdigit),
        _ => false,
    }
}

/// `(19)[0-9]{2}|(20)[0-9]{2}` on exactly four bytes.
fn year_19_20(b: &[u8]) -> bool {
    b.len() == 4
        && (b.starts_with(b"19") || b.starts_with(b"20"))
        && b[2].is_ascii_digit()
        && b[3].is_ascii_digit()
}

/// `(0)[1-9]{1}|(1)[0-2]{1}` on exactly two bytes.
fn month(b: &[u8]) -> bool {
    matches!(b, [b'0', b'1'..=b'9'] | [b'1', b'0'..=b'2'])
}

/// `(0)[1-9]{1}|(1)[0-9]{1}|(2)[0-9]{1}|(3)[0,1]{1}` on exactly two bytes — the class
/// `[0,1]` also matches a comma, as the XSD says.
fn day(b: &[u8]) -> bool {
    matches!(
        b,
        [b'0', b'1'..=b'9'] | [b'1' | b'2', b'0'..=b'9'] | [b'3', b'0' | b',' | b'1']
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::ids::*;

    #[test]
    fn full_dates() {
        let cases = [
            ("", true),
            ("0000-00-00", true),
            ("2018-05-14", true),
            ("1999-12-31", true),
            ("2018-02-30", true), // the pattern does not know the calendar
            ("2018-05-3,", true), // `[0,1]` matches a comma
            ("9999-99-99", false),
            ("2018-05-99", false),
            ("2018-99-99", false),
            ("2018-13-01", false),
            ("2018-00-10", false),
            ("2018-05-00", false),
            ("2018-05-32", false),
            ("1899-05-14", false),
            ("2118-05-14", false),
            ("14/05/2018", false),
            ("2018-5-14", false),
            ("2018-05-14 ", false),
            ("2018-05", false),
        ];
        for (v, ok) in cases {
            for i in [DATDEB, DATDECPE, DATFIN, DATIP, DATPPE] {
                assert_eq!(accepts(i, v), ok, "{} {v:?}", VARIABLES[i].code);
            }
        }
    }

    #[test]
    fn year_months() {
        let cases = [
            ("", true),
            ("0000-00", true),
            ("9999-99", true),
            ("2018-99", true),
            ("9999-05", true),
            ("2018-12", true),
            ("2018-13", false),
            ("2018-00", false),
            ("2018-05-14", false),
            ("0000-05", false),
            ("1800-05", false),
            ("201805", false),
        ];
        for (v, ok) in cases {
            for i in [DATDCMERE, DATDCPERE, DATDECMIN] {
                assert_eq!(accepts(i, v), ok, "{} {v:?}", VARIABLES[i].code);
            }
        }
    }

    #[test]
    fn years() {
        let cases = [
            ("", true),
            ("9999", true),
            ("0000", true),
            ("1900", true),
            ("2099", true),
            ("1899", false),
            ("2100", false),
            ("99", false),
            ("20188", false),
            ("2O18", false),
        ];
        for (v, ok) in cases {
            for i in [ANAIS, ANSA1, ANSA2, ANSMERE, ANSPERE] {
                assert_eq!(accepts(i, v), ok, "{} {v:?}", VARIABLES[i].code);
            }
        }
    }

    #[test]
    fn counts_and_month() {
        let cases = [
            ("", true),
            ("0", true),
            ("9", true),
            ("09", true),
            ("99", true),
            ("13", true), // MNAIS: the schema accepts any two digits
            ("100", false),
            ("-1", false),
            ("1.", false),
            ("٣", false), // non-ASCII digit
        ];
        for (v, ok) in cases {
            for i in [MNAIS, NBFRAT, NBENF, NBCHGLIEU] {
                assert_eq!(accepts(i, v), ok, "{} {v:?}", VARIABLES[i].code);
            }
        }
    }

    #[test]
    fn hex_identifiers() {
        let lower = "0123456789abcdef0123456789abcdef01234567";
        let upper = "0123456789ABCDEF0123456789ABCDEF01234567";
        let cases = [
            (lower, true),
            (upper, true),
            ("", false), // no empty alternative in the schema
            (&lower[..39], false),
            ("0123456789abcdef0123456789abcdef012345678", false),
            ("g123456789abcdef0123456789abcdef01234567", false),
        ];
        for (v, ok) in cases {
            for i in [NUMANONYM, NUMANONYMANT] {
                assert_eq!(accepts(i, v), ok, "{} {v:?}", VARIABLES[i].code);
            }
        }
    }

    #[test]
    fn enumerations_text_and_utdp() {
        let cases = [
            (SEXE, "", true),
            (SEXE, "1", true),
            (SEXE, "9", true),
            (SEXE, "3", false),
            (SEXE, "01", false),
            (SEXE, " 1", false),
            (LIEUPLAC, "20", true),
            (NATPDECADM, "19", true),
            (NATPDECADM, "17", false),
            (NATDECPLAC, "3", true),
            (DECISION, "9", false),
            (TYPEV, "4", false),
            (NUMDEP, "01", true),
            (NUMDEP, "2A", true),
            (NUMDEP, "69M", true),
            (NUMDEP, "976", true),
            (NUMDEP, "1", false),
            (NUMDEP, "20", false),
            (NUMDEP, "977", false),
            (NUMDEP, "69", false),
            (AUTREDA, "", true),
            (AUTREDA, &"é".repeat(40), true),
            (AUTREDA, &"a".repeat(41), false),
            (AUTREDJ, "Mesure <spéciale> & \"autre\"", true),
            (UTDP, "", true),
            (UTDP, "ÉST", true),
            (UTDP, "NORD", false),
        ];
        for (i, v, ok) in cases {
            assert_eq!(accepts(i, v), ok, "{} {v:?}", VARIABLES[i].code);
        }
        assert!(!accepts(N_ALL, ""), "index past the table");
    }

    #[test]
    fn every_modality_is_accepted() {
        for (i, v) in VARIABLES.iter().enumerate() {
            for (code, _) in v.modalities {
                assert!(accepts(i, code), "{} {code}", v.code);
            }
            if let Some(nsp) = v.nsp {
                // Guide dates' "ne sait pas" is refused by the schema (docs/spec/OLINPE.md §2.5).
                assert_eq!(accepts(i, nsp), v.kind != Kind::Date, "{} {nsp}", v.code);
            }
        }
    }
}
