//! The findings CSV, made for people who open it in a spreadsheet (docs/spec/INTERFACES.md "Output
//! files"): `;`-separated, UTF-8 **with** BOM (so Excel reads the accents), CRLF line ends,
//! columns `enregistrement;ligne;gravite;code;titre;variable;section;message` — the page's
//! findings table shows the same columns in the same order.
//!
//! `enregistrement` is the data record and `ligne` the physical line, both empty for a
//! file-level finding; `gravite` is `erreur`, `avertissement` or `information`; `titre` the
//! code's French title; `section` the ONPE audit section that counts the finding (empty when
//! none), so the rows behind a red section of the ONPE's report are one filter away.
//!
//! The internal corrections list ([`correction_header`], [`correction`]; docs/spec/OLINPE.md
//! §0.5) has the same columns after `dossier`, the record's case number (`NUMDO`): the only
//! file made for reading that may hold it; never a name or a day of birth. Any cell
//! starting with `=`, `+`, `-`, `@`, a tab or a CR gets a leading `'` so a spreadsheet never
//! runs it as a formula (docs/spec/OLINPE.md §0.3); cells are then quoted as RFC 4180 where needed.
//! The caller writes the findings in the documented order (file-level first, then by record
//! and code); [`sort`] puts a list in that order.

use super::push_csv_field;
use crate::finding::{Code, Finding};
use std::cmp::Ordering;
use std::io::Write;

/// The columns, in order (the page's findings table shows the same).
pub const COLUMNS: &str = "enregistrement;ligne;gravite;code;titre;variable;section;message";

/// The byte-order mark and the header line.
pub fn header() -> Vec<u8> {
    let mut out = Vec::with_capacity(80);
    out.extend_from_slice("\u{feff}".as_bytes());
    out.extend_from_slice(COLUMNS.as_bytes());
    out.extend_from_slice(b"\r\n");
    out
}

/// The byte-order mark and the header line of the internal corrections list.
pub fn correction_header() -> Vec<u8> {
    let mut out = Vec::with_capacity(88);
    out.extend_from_slice("\u{feff}dossier;".as_bytes());
    out.extend_from_slice(COLUMNS.as_bytes());
    out.extend_from_slice(b"\r\n");
    out
}

/// The ONPE audit section that counts a finding of `code` about `variable`, if any: the
/// audit's own rule ([`crate::rules::audit::section_of`]), and for the sections counted
/// from other inputs (variables absent, always empty or "ne sait pas", one identifier
/// with two identities, the event types), the catalogue's.
pub fn section(code: Code, variable: Option<&str>) -> Option<&'static str> {
    crate::rules::audit::section_of(code, variable).or_else(|| {
        code.entry()
            .onpe_section
            .filter(|s| ["0002", "0003", "0004", "0005", "0007"].contains(s))
    })
}

/// Appends one finding as a CRLF-terminated line.
pub fn row(f: &Finding, out: &mut Vec<u8>) {
    push_number(f.row, out);
    out.push(b';');
    push_number(f.line, out);
    out.push(b';');
    push_cell(f.severity.french(), out);
    out.push(b';');
    push_cell(f.code.as_str(), out);
    out.push(b';');
    push_cell(f.code.entry().title, out);
    out.push(b';');
    let variable = f.variable.as_deref();
    push_cell(variable.unwrap_or(""), out);
    out.push(b';');
    push_cell(section(f.code, variable).unwrap_or(""), out);
    out.push(b';');
    push_cell(&f.message, out);
    out.extend_from_slice(b"\r\n");
}

/// Appends one line of the internal corrections list: the record's case number, then the
/// finding as [`row`] writes it.
pub fn correction(f: &Finding, dossier: &str, out: &mut Vec<u8>) {
    push_cell(dossier, out);
    out.push(b';');
    row(f, out);
}

/// Sorts findings in the file's order: file-level findings first, then by record, then by
/// code; the sort is stable, so equal keys keep the rules' order.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(order);
}

/// The file's order of two findings (see [`sort`]).
pub fn order(a: &Finding, b: &Finding) -> Ordering {
    a.row
        .is_some()
        .cmp(&b.row.is_some())
        .then(a.row.cmp(&b.row))
        .then(a.code.cmp(&b.code))
}

/// Appends an optional number in decimal (nothing for `None`); digits never need quoting.
fn push_number(n: Option<u64>, out: &mut Vec<u8>) {
    if let Some(n) = n {
        // Writing into a Vec<u8> cannot fail.
        let _ = write!(out, "{n}");
    }
}

/// Appends one cell, neutralised against formulas, then quoted where needed.
fn push_cell(value: &str, out: &mut Vec<u8>) {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        let needs_quotes = value
            .bytes()
            .any(|b| matches!(b, b';' | b'"' | b'\r' | b'\n'));
        if needs_quotes {
            out.extend_from_slice(b"\"'");
            out.extend_from_slice(value.replace('"', "\"\"").as_bytes());
            out.push(b'"');
        } else {
            out.push(b'\'');
            out.extend_from_slice(value.as_bytes());
        }
    } else {
        push_csv_field(value, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Code, Severity};

    fn finding(row: Option<u64>, code: Code, variable: Option<&str>, msg: &str) -> Finding {
        Finding {
            code,
            severity: Severity::Warning,
            row,
            line: row.map(|r| r + 1),
            variable: variable.map(str::to_string),
            message: msg.to_string(),
        }
    }

    fn render(f: &Finding) -> String {
        let mut out = Vec::new();
        row(f, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn header_has_bom_and_crlf() {
        let h = header();
        assert_eq!(&h[..3], b"\xEF\xBB\xBF");
        assert_eq!(
            &h[3..],
            b"enregistrement;ligne;gravite;code;titre;variable;section;message\r\n"
        );
        let c = correction_header();
        assert_eq!(
            &c[3..],
            b"dossier;enregistrement;ligne;gravite;code;titre;variable;section;message\r\n"
        );
    }

    #[test]
    fn corrections_start_with_the_dossier_neutralised() {
        let f = finding(Some(4), Code::DateOrder, Some("DATDEB"), "m");
        let mut out = Vec::new();
        correction(&f, "=2018-12", &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "'=2018-12;4;5;avertissement;date-order;Dates dans un ordre inattendu;DATDEB;;m\r\n"
        );
    }

    #[test]
    fn rows_are_golden() {
        let cases = [
            (
                Finding {
                    code: Code::InvalidCode,
                    severity: Severity::Error,
                    row: Some(12),
                    line: Some(13),
                    variable: Some("SEXE".into()),
                    message: "La valeur « 3 » n'est pas un code de SEXE.".into(),
                },
                "12;13;erreur;invalid-code;Code hors liste;SEXE;;La valeur « 3 » n'est pas un code de SEXE.\r\n",
            ),
            (
                Finding {
                    code: Code::VariableAbsent,
                    severity: Severity::Warning,
                    row: None,
                    line: None,
                    variable: Some("AUTREDA".into()),
                    message: "Colonne absente.".into(),
                },
                ";;avertissement;variable-absent;Variable absente du fichier;AUTREDA;0002;Colonne absente.\r\n",
            ),
            (
                Finding {
                    code: Code::TypevDistribution,
                    severity: Severity::Info,
                    row: None,
                    line: None,
                    variable: None,
                    message: "1 : 10; 2 : 0; 3 : \"5\"".into(),
                },
                ";;information;typev-distribution;Répartition des types d'évènement;;0007;\"1 : 10; 2 : 0; 3 : \"\"5\"\"\"\r\n",
            ),
        ];
        for (f, expected) in &cases {
            assert_eq!(render(f), *expected);
        }
        let big = Finding {
            row: Some(u64::MAX),
            line: Some(u64::MAX),
            ..cases[0].0.clone()
        };
        assert!(render(&big).starts_with("18446744073709551615;18446744073709551615;erreur;"));
    }

    #[test]
    fn formulas_are_neutralised() {
        let cases = [
            ("=1+1", "'=1+1"),
            ("+33 6", "'+33 6"),
            ("-12", "'-12"),
            ("@SOMME(A1)", "'@SOMME(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""),
            ("=A1;B1", "\"'=A1;B1\""),
            ("=\"x\"", "\"'=\"\"x\"\"\""),
            ("a=b", "a=b"),
            (" =x", " =x"),
            ("'x", "'x"),
        ];
        for (value, expected) in cases {
            let f = finding(None, Code::UnknownColumn, Some(value), value);
            assert_eq!(
                render(&f),
                format!(
                    ";;avertissement;unknown-column;Colonne inconnue;{expected};;{expected}\r\n"
                ),
                "{value:?}"
            );
        }
    }

    /// By code means by the code strings (`cascade-missing` before `xml-version`, although
    /// the catalogue lists the reading codes first).
    #[test]
    fn order_is_file_level_then_row_then_code() {
        let mut v = vec![
            finding(Some(2), Code::BirthAfterEvent, None, ""),
            finding(Some(1), Code::YearBefore1920, None, ""),
            finding(None, Code::XmlVersion, None, ""),
            finding(Some(2), Code::AgeOver20, None, "first"),
            finding(None, Code::CascadeMissing, None, ""),
            finding(Some(2), Code::AgeOver20, None, "second"),
        ];
        sort(&mut v);
        let keys: Vec<(Option<u64>, Code, &str)> = v
            .iter()
            .map(|f| (f.row, f.code, f.message.as_str()))
            .collect();
        assert_eq!(
            keys,
            [
                (None, Code::CascadeMissing, ""),
                (None, Code::XmlVersion, ""),
                (Some(1), Code::YearBefore1920, ""),
                (Some(2), Code::AgeOver20, "first"),
                (Some(2), Code::AgeOver20, "second"),
                (Some(2), Code::BirthAfterEvent, ""),
            ]
        );
    }
}
