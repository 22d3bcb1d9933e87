//! The transmission XML of `decret2016.xsd` and its ODPE variant (docs/spec/INTERFACES.md "Output
//! files", docs/spec/OLINPE.md §2.4, §0.3).
//!
//! Layout, byte for byte (UTF-8 without BOM, LF line ends, no indentation):
//!
//! ```text
//! <?xml version="1.0" encoding="UTF-8"?>
//! <DECRET>
//! <INTRO><VERSIONXSD>2.0</VERSIONXSD><DATEXPORT>2019-03-01</DATEXPORT></INTRO>
//! <DONNEE><ACCFAM>1</ACCFAM><ACCMOD/>…<VIOLSEX>9</VIOLSEX></DONNEE>
//! <DONNEE>…</DONNEE>
//! </DECRET>
//! ```
//!
//! [`TransmissionXml::header`] gives the first three lines, [`TransmissionXml::record`] one
//! `<DONNEE>` line per record with all 105 elements in the XSD's order (empty values as
//! `<X/>`), [`TransmissionXml::footer`] the last line. The ODPE variant inserts `UTDP` in
//! alphabetical place, between `TYPINTERDOM` and `VIOLCONJ`; it is not valid against the ONPE
//! schema, which has no `UTDP`.
//!
//! Values are written as received (after requested repairs), escaped: `&`, `<`, `>`, `"`,
//! `'` as entities, and tab, LF and CR as character references so that each record stays on
//! one line and a reader gets the value back unchanged (a raw CR would be normalised away).
//! Characters XML 1.0 cannot carry at all (other C0 controls, U+FFFE, U+FFFF) are written as
//! U+FFFD; [`xsd_rejected`] reports such a value, so the receipt never calls that file valid.

use crate::dictionary::{ids, xsd, VARIABLES};
use crate::record::Record;

/// Writer of the transmission XML (ONPE) or of its ODPE variant (with `UTDP`).
#[derive(Debug, Clone)]
pub struct TransmissionXml {
    date_export: String,
    odpe: bool,
}

impl TransmissionXml {
    /// A writer for a file exported on `date_export` (`AAAA-MM-JJ`); `odpe` adds `UTDP`.
    pub fn new(date_export: &str, odpe: bool) -> Self {
        TransmissionXml {
            date_export: date_export.to_string(),
            odpe,
        }
    }

    /// The XML declaration, `<DECRET>` and the `<INTRO>` line.
    pub fn header(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(160);
        out.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DECRET>\n");
        out.extend_from_slice(b"<INTRO><VERSIONXSD>2.0</VERSIONXSD><DATEXPORT>");
        push_escaped(&self.date_export, &mut out);
        out.extend_from_slice(b"</DATEXPORT></INTRO>\n");
        out
    }

    /// Appends one `<DONNEE>` line for `rec`.
    pub fn record(&self, rec: &Record, out: &mut Vec<u8>) {
        out.extend_from_slice(b"<DONNEE>");
        for i in 0..ids::N_DECREE {
            push_element(i, rec.get(i), out);
            if self.odpe && i == ids::TYPINTERDOM {
                push_element(ids::UTDP, rec.get(ids::UTDP), out);
            }
        }
        out.extend_from_slice(b"</DONNEE>\n");
    }

    /// The closing `</DECRET>` line.
    pub fn footer(&self) -> Vec<u8> {
        b"</DECRET>\n".to_vec()
    }
}

/// Codes of the variables of `rec` whose value `decret2016.xsd` rejects, in the XSD's order
/// (`UTDP` is never looked at: it is not in the ONPE schema). Empty when the record's
/// `<DONNEE>` validates.
pub fn xsd_rejected(rec: &Record) -> impl Iterator<Item = &'static str> + '_ {
    (0..ids::N_DECREE).filter_map(move |i| {
        let v = rec.get(i);
        let ok = xsd::accepts(i, v) && (plain(v) || v.chars().all(xml_char));
        (!ok).then_some(VARIABLES[i].code)
    })
}

/// Why `decret2016.xsd` rejects a record's `<DONNEE>`, if it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// It validates.
    None,
    /// Only because of forms the guide prescribes (docs/spec/OLINPE.md §0.4): the
    /// unknown-date forms `9999-99-99`, `AAAA-MM-99`, `AAAA-99-99`, `9999-MM-JJ`,
    /// `AAAA-99-JJ`, and `NUMDEP` 977, 978, 986, 987. The ONPE's reception reads them.
    GuideForms,
    /// For at least one other value.
    Other,
}

/// Why the XSD rejects `rec` (see [`Rejection`]).
pub fn xsd_rejection(rec: &Record) -> Rejection {
    let mut out = Rejection::None;
    for i in 0..ids::N_DECREE {
        let v = rec.get(i);
        if xsd::accepts(i, v) && (plain(v) || v.chars().all(xml_char)) {
            continue;
        }
        if !guide_form(i, v) {
            return Rejection::Other;
        }
        out = Rejection::GuideForms;
    }
    out
}

/// True for a value of variable `index` that the guide prescribes and the XSD rejects.
pub fn guide_form(index: usize, value: &str) -> bool {
    if index == ids::NUMDEP {
        return matches!(value, "977" | "978" | "986" | "987");
    }
    if VARIABLES.get(index).map(|v| v.kind) != Some(crate::dictionary::Kind::Date) {
        return false;
    }
    let b = value.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (y, m, d) = (&b[..4], &b[5..7], &b[8..10]);
    let year = (y.starts_with(b"19") || y.starts_with(b"20")) && y.iter().all(u8::is_ascii_digit);
    let month = matches!(m, [b'0', b'1'..=b'9'] | [b'1', b'0'..=b'2']);
    let day = matches!(
        d,
        [b'0', b'1'..=b'9'] | [b'1' | b'2', b'0'..=b'9'] | [b'3', b'0' | b'1']
    );
    let (y9, m9, d9) = (y == b"9999", m == b"99", d == b"99");
    // 9999-99-99, AAAA-MM-99, AAAA-99-99, 9999-MM-JJ, AAAA-99-JJ (a known part is valid).
    (y9 && m9 && d9)
        || (year && month && d9)
        || (year && m9 && d9)
        || (y9 && month && day)
        || (year && m9 && day)
}

/// Appends `<CODE>value</CODE>`, or `<CODE/>` when empty.
fn push_element(index: usize, value: &str, out: &mut Vec<u8>) {
    let code = VARIABLES[index].code.as_bytes();
    out.push(b'<');
    out.extend_from_slice(code);
    if value.is_empty() {
        out.extend_from_slice(b"/>");
        return;
    }
    out.push(b'>');
    push_escaped(value, out);
    out.extend_from_slice(b"</");
    out.extend_from_slice(code);
    out.push(b'>');
}

/// True for a character XML 1.0 allows in content.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// True when `value` has nothing to escape or replace: no markup character, no control
/// character and no U+F000–U+FFFF (lead byte 0xEF, which covers U+FFFE and U+FFFF). A
/// byte scan, since almost every value is a short code or date.
fn plain(value: &str) -> bool {
    !value
        .bytes()
        .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0xEF) || b < 0x20)
}

/// Appends `value` as XML text (see the module doc for what is escaped).
fn push_escaped(value: &str, out: &mut Vec<u8>) {
    if plain(value) {
        out.extend_from_slice(value.as_bytes());
        return;
    }
    for c in value.chars() {
        match c {
            '&' => out.extend_from_slice(b"&amp;"),
            '<' => out.extend_from_slice(b"&lt;"),
            '>' => out.extend_from_slice(b"&gt;"),
            '"' => out.extend_from_slice(b"&quot;"),
            '\'' => out.extend_from_slice(b"&apos;"),
            '\t' => out.extend_from_slice(b"&#9;"),
            '\n' => out.extend_from_slice(b"&#10;"),
            '\r' => out.extend_from_slice(b"&#13;"),
            c if !xml_char(c) => out.extend_from_slice("\u{FFFD}".as_bytes()),
            c => {
                let mut b = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(odpe: bool, rec: &Record) -> String {
        let w = TransmissionXml::new("2019-03-01", odpe);
        let mut out = w.header();
        w.record(rec, &mut out);
        out.extend_from_slice(&w.footer());
        String::from_utf8(out).unwrap()
    }

    /// The expected `<DONNEE>` line, from (index, written text) pairs.
    fn donnee(values: &[(usize, &str)], utdp: Option<&str>) -> String {
        let mut s = String::from("<DONNEE>");
        for (i, v) in VARIABLES[..ids::N_DECREE].iter().enumerate() {
            let mut push = |code: &str, text: Option<&str>| match text {
                Some(t) => s.push_str(&format!("<{code}>{t}</{code}>")),
                None => s.push_str(&format!("<{code}/>")),
            };
            push(
                v.code,
                values.iter().find(|(j, _)| *j == i).map(|(_, t)| *t),
            );
            if i == ids::TYPINTERDOM {
                if let Some(u) = utdp {
                    push("UTDP", (!u.is_empty()).then_some(u));
                }
            }
        }
        s.push_str("</DONNEE>\n");
        s
    }

    #[test]
    fn guide_forms_are_told_apart_from_other_rejections() {
        let cases = [
            (ids::DATDEB, "9999-99-99", true),
            (ids::DATDEB, "2018-05-99", true),
            (ids::DATDEB, "2018-99-99", true),
            (ids::DATDEB, "9999-05-14", true),
            (ids::DATDEB, "2018-99-14", true),
            (ids::DATDEB, "9999-05-99", false),
            (ids::DATDEB, "9999-99-14", false),
            (ids::DATDEB, "2018-13-99", false),
            (ids::DATDEB, "1850-05-99", false),
            (ids::DATDEB, "14/05/2018", false),
            (ids::DATDEB, "2018-05-14", false),
            (ids::NUMDEP, "977", true),
            (ids::NUMDEP, "987", true),
            (ids::NUMDEP, "999", false),
            (ids::SEXE, "99", false),
        ];
        for (i, v, want) in cases {
            assert_eq!(guide_form(i, v), want, "{} {v}", VARIABLES[i].code);
        }
        let mut rec = Record::new();
        let id = "0123456789abcdef0123456789abcdef01234567";
        rec.set(ids::NUMANONYM, id);
        rec.set(ids::NUMANONYMANT, id);
        assert_eq!(xsd_rejection(&rec), Rejection::None);
        rec.set(ids::DATDEB, "2018-05-99");
        rec.set(ids::NUMDEP, "977");
        assert_eq!(xsd_rejection(&rec), Rejection::GuideForms);
        rec.set(ids::SEXE, "7");
        assert_eq!(xsd_rejection(&rec), Rejection::Other);
    }

    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DECRET>\n\
        <INTRO><VERSIONXSD>2.0</VERSIONXSD><DATEXPORT>2019-03-01</DATEXPORT></INTRO>\n";

    #[test]
    fn golden_file() {
        let mut rec = Record::new();
        rec.set(ids::ACCFAM, "1");
        rec.set(ids::DATDEB, "2018-05-14");
        rec.set(ids::NUMDEP, "2A");
        rec.set(ids::VIOLSEX, "9");
        rec.set(ids::UTDP, "U01");
        let got = render(false, &rec);
        let expected = format!(
            "{HEAD}{}</DECRET>\n",
            donnee(
                &[
                    (ids::ACCFAM, "1"),
                    (ids::DATDEB, "2018-05-14"),
                    (ids::NUMDEP, "2A"),
                    (ids::VIOLSEX, "9")
                ],
                None
            )
        );
        assert_eq!(got, expected);
        assert!(got.contains("<DONNEE><ACCFAM>1</ACCFAM><ACCMOD/><ALLOC/>"));
        assert!(got.contains("<VIOLSEX>9</VIOLSEX></DONNEE>\n</DECRET>\n"));
        assert!(!got.contains("UTDP"));
        assert_eq!(got.matches('<').count(), 1 + 1 + 6 + 2 + 105 + 4 + 1);
    }

    #[test]
    fn odpe_places_utdp_between_typinterdom_and_violconj() {
        let mut rec = Record::new();
        rec.set(ids::TYPINTERDOM, "2");
        rec.set(ids::UTDP, "U&1");
        let got = render(true, &rec);
        assert!(
            got.contains("<TYPINTERDOM>2</TYPINTERDOM><UTDP>U&amp;1</UTDP><VIOLCONJ/>"),
            "{got}"
        );
        assert_eq!(
            got,
            format!(
                "{HEAD}{}</DECRET>\n",
                donnee(&[(ids::TYPINTERDOM, "2")], Some("U&amp;1"))
            )
        );
        let empty = render(true, &Record::new());
        assert!(empty.contains("<TYPINTERDOM/><UTDP/><VIOLCONJ/>"));
    }

    #[test]
    fn text_is_escaped() {
        let cases = [
            ("Tiers & co", "Tiers &amp; co"),
            ("<b>", "&lt;b&gt;"),
            ("\"dit\" l'ASE", "&quot;dit&quot; l&apos;ASE"),
            ("a\tb\nc\r\nd", "a&#9;b&#10;c&#13;&#10;d"),
            ("bip\u{7}", "bip\u{FFFD}"),
            ("\u{FFFE}", "\u{FFFD}"),
            ("éàœ€😀", "éàœ€😀"),
            ("ﬁ\u{FFFD}", "ﬁ\u{FFFD}"), // lead byte 0xEF, allowed: slow path, unchanged
            ("]]>", "]]&gt;"),
        ];
        for (value, expected) in cases {
            let mut rec = Record::new();
            rec.set(ids::AUTREDA, value);
            let got = render(false, &rec);
            assert!(
                got.contains(&format!("<AUTREDA>{expected}</AUTREDA>")),
                "{value:?}"
            );
            assert_eq!(got.lines().count(), 5, "one line per record: {value:?}");
        }
    }

    #[test]
    fn date_export_is_escaped_too() {
        let w = TransmissionXml::new("<x>", false);
        let h = String::from_utf8(w.header()).unwrap();
        assert!(h.contains("<DATEXPORT>&lt;x&gt;</DATEXPORT>"));
    }

    #[test]
    fn rejected_variables() {
        let hex = "0123456789abcdef0123456789abcdef01234567";
        let mut rec = Record::new();
        rec.set(ids::NUMANONYM, hex);
        rec.set(ids::NUMANONYMANT, hex);
        assert_eq!(xsd_rejected(&rec).count(), 0);
        rec.set(ids::DATDEB, "9999-99-99");
        rec.set(ids::NUMDEP, "977");
        rec.set(ids::AUTREDA, "bip\u{7}");
        rec.set(ids::UTDP, "TROP LONG");
        let got: Vec<&str> = xsd_rejected(&rec).collect();
        assert_eq!(got, ["AUTREDA", "DATDEB", "NUMDEP"]);
        // Empty identifiers are rejected: the schema's hex pattern has no empty alternative.
        let got: Vec<&str> = xsd_rejected(&Record::new()).collect();
        assert_eq!(got, ["NUMANONYM", "NUMANONYMANT"]);
    }
}
