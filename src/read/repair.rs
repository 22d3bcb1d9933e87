//! Spreadsheet damage: lost leading zeros and dates rewritten by a spreadsheet, detected on
//! each record, repaired on request, and the writer of the repaired file.
//!
//! Only unambiguous damage is repaired: `NUMDEP`, `MNAIS` and `JNAIS` written on one digit
//! (`1` → `01`); full dates written `JJ/MM/AAAA`, `JJ-MM-AAAA`, `AAAA/MM/JJ` or without their
//! zeros (`2018-5-3`), day and month on one or two digits (French day-first order — the
//! only order the guide knows); year-month dates written `MM/AAAA`, `MM-AAAA`, `AAAA/MM` or
//! `AAAA-M`, or as a full date `AAAA-MM-JJ` (the day is dropped: `DATDCMERE` `2015-03-12`
//! becomes `2015-03`; for `DATDECMIN`, the form the 2018 guide printed, it is a warning,
//! `datdecmin-full-date`, docs/spec/OLINPE.md §0.2). Nothing else is touched: the digits
//! are only moved, padded or cut, so an impossible date stays impossible and the rules still
//! report it.
//!
//! [`RepairWriter`] writes the repaired file: for CSV input, the input's header, delimiter,
//! line ending and encoding, each cell written as read except the repaired ones; for XML
//! input, an Olinpe XML file (`DECRET`, the input's `INTRO` values, one `DONNEE` per record
//! with the elements the record had, in the XSD's order) — comments, unknown elements and
//! the original layout of an XML input are not kept.

use super::columns::{value_class, Target, ValueClass, CODES};
use super::encoding::{encode_cp1252_into, Encoding};
use super::sheet::{split_date_time, DateWithTime};
use super::{trim_value, Format, IdentityRole, Layout};
use crate::dictionary::ids;
use crate::finding::{finding, quote, Code, Finding};
use crate::record::Record;

/// Variables whose values a spreadsheet can damage.
pub(crate) const DAMAGEABLE: [usize; 15] = [
    ids::NUMDEP,
    ids::MNAIS,
    ids::DATIP,
    ids::DATSIGN,
    ids::DATJE,
    ids::DATDECAP,
    ids::NOTIFEVAL,
    ids::FINEVAL,
    ids::DATDECPE,
    ids::DATPPE,
    ids::DATDEB,
    ids::DATFIN,
    ids::DATDCMERE,
    ids::DATDCPERE,
    ids::DATDECMIN,
];

/// A damaged value and its repair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Damage {
    /// A one-digit value that needs its leading zero.
    LeadingZero(String),
    /// A date in another layout: (the layout found, the repaired value).
    DateFormat(std::borrow::Cow<'static, str>, String),
    /// A date followed by a time that is not midnight: reported, never repaired.
    DateTime,
}

fn digits(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

fn pad2(s: &str) -> String {
    if s.len() == 1 {
        format!("0{s}")
    } else {
        s.to_owned()
    }
}

/// The damage of a (trimmed) value of class `class`, if any.
pub(crate) fn detect(class: ValueClass, v: &str) -> Option<Damage> {
    match class {
        ValueClass::Departement | ValueClass::Month => one_digit(v),
        ValueClass::Date | ValueClass::YearMonth if v.len() > 10 => date_time(class, v),
        ValueClass::Date => {
            if v.len() == 10 && v.as_bytes().get(4) == Some(&b'-') {
                return None; // The expected layout (or some other error for the rules).
            }
            let (sep, parts) = split3(v)?;
            let [a, b, c] = parts;
            if digits(a, 1, 2) && digits(b, 1, 2) && digits(c, 4, 4) {
                let form = if sep == '/' {
                    "JJ/MM/AAAA"
                } else {
                    "JJ-MM-AAAA"
                };
                return Some(Damage::DateFormat(
                    form.into(),
                    format!("{c}-{}-{}", pad2(b), pad2(a)),
                ));
            }
            if digits(a, 4, 4) && digits(b, 1, 2) && digits(c, 1, 2) {
                let form = if sep == '/' { "AAAA/MM/JJ" } else { "AAAA-M-J" };
                return Some(Damage::DateFormat(
                    form.into(),
                    format!("{a}-{}-{}", pad2(b), pad2(c)),
                ));
            }
            None
        }
        ValueClass::YearMonth => {
            if v.len() == 7 && v.as_bytes().get(4) == Some(&b'-') {
                return None;
            }
            // A full date where the year and month are expected: the day is dropped.
            let b = v.as_bytes();
            if b.len() == 10
                && b[4] == b'-'
                && b[7] == b'-'
                && [&b[0..4], &b[5..7], &b[8..10]]
                    .iter()
                    .all(|p| p.iter().all(u8::is_ascii_digit))
            {
                return Some(Damage::DateFormat("AAAA-MM-JJ".into(), v[..7].to_owned()));
            }
            let sep = if v.contains('/') { '/' } else { '-' };
            let (a, b) = v.split_once(sep)?;
            if digits(a, 1, 2) && digits(b, 4, 4) {
                let form = if sep == '/' { "MM/AAAA" } else { "MM-AAAA" };
                return Some(Damage::DateFormat(form.into(), format!("{b}-{}", pad2(a))));
            }
            if digits(a, 4, 4) && digits(b, 1, 2) {
                let form = if sep == '/' { "AAAA/MM" } else { "AAAA-M" };
                return Some(Damage::DateFormat(form.into(), format!("{a}-{}", pad2(b))));
            }
            None
        }
        ValueClass::FreeText | ValueClass::Other => None,
    }
}

/// A date followed by a time of day (`2018-05-23 00:00:00`, `23/05/2018 00:00`, as database
/// and spreadsheet exports write dates): at midnight, the date part is the value, repaired
/// as any date of its layout; at another time, reported and never repaired.
fn date_time(class: ValueClass, v: &str) -> Option<Damage> {
    let (date, midnight) = match split_date_time(v)? {
        DateWithTime::Midnight { date } => (date, true),
        DateWithTime::OtherTime { date } => (date, false),
    };
    if !midnight {
        return Some(Damage::DateTime);
    }
    let expected_layout = match class {
        ValueClass::YearMonth => "AAAA-MM",
        _ => "AAAA-MM-JJ",
    };
    let (form, fixed) = match detect(class, date) {
        Some(Damage::DateFormat(form, fixed)) => (form, fixed),
        // A date of the expected layout (or one the rules will judge): the time goes.
        _ => (expected_layout.into(), date.to_owned()),
    };
    let time = &v[date.len()..];
    let mut shape = String::with_capacity(form.len() + 16);
    shape.push_str(&form);
    shape.push(if time.starts_with('T') { 'T' } else { ' ' });
    let clock = time[1..].trim_end_matches('Z');
    shape.push_str(match clock.len() {
        5 => "HH:MM",
        8 => "HH:MM:SS",
        _ => "HH:MM:SS.fff",
    });
    if time.ends_with('Z') {
        shape.push('Z');
    }
    Some(Damage::DateFormat(shape.into(), fixed))
}

/// True when the reader reports the value `v` of variable `index` as spreadsheet damage
/// (`leading-zero-lost`, `date-format-repairable`), so that the record rules stay silent on it.
pub fn is_damaged(index: usize, v: &str) -> bool {
    DAMAGEABLE.contains(&index) && detect(value_class(index), v).is_some()
}

fn one_digit(v: &str) -> Option<Damage> {
    match v.as_bytes() {
        [d @ b'1'..=b'9'] => Some(Damage::LeadingZero(format!("0{}", char::from(*d)))),
        _ => None,
    }
}

fn split3(v: &str) -> Option<(char, [&str; 3])> {
    let sep = if v.contains('/') { '/' } else { '-' };
    let mut it = v.split(sep);
    let (a, b, c) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() {
        return None;
    }
    Some((sep, [a, b, c]))
}

/// Checks the damageable values of `rec`; repairs them when `repair` is set. Appends the
/// findings (`leading-zero-lost`, `date-format-repairable` or `value-repaired`).
pub(crate) fn check_record(rec: &mut Record, repair: bool, findings: &mut Vec<Finding>) {
    for &i in DAMAGEABLE.iter() {
        if rec.is_empty(i) {
            continue;
        }
        let Some(damage) = detect(value_class(i), rec.get(i)) else {
            continue;
        };
        let code = CODES[i];
        let old = quote(rec.get(i));
        let (row, line) = (Some(rec.row), Some(rec.line));
        match damage {
            Damage::LeadingZero(fixed) if repair => {
                findings.push(finding(
                    Code::ValueRepaired,
                    row,
                    line,
                    Some(code),
                    &[("variable", code), ("old", &old), ("new", &fixed)],
                ));
                rec.set(i, &fixed);
            }
            Damage::DateFormat(_, fixed) if repair => {
                findings.push(finding(
                    Code::ValueRepaired,
                    row,
                    line,
                    Some(code),
                    &[("variable", code), ("old", &old), ("new", &fixed)],
                ));
                rec.set(i, &fixed);
            }
            Damage::DateTime => {
                let expected = if value_class(i) == ValueClass::YearMonth {
                    "AAAA-MM"
                } else {
                    "AAAA-MM-JJ"
                };
                findings.push(finding(
                    Code::DateWithTime,
                    row,
                    line,
                    Some(code),
                    &[("variable", code), ("value", &old), ("expected", expected)],
                ));
            }
            Damage::LeadingZero(fixed) => findings.push(finding(
                Code::LeadingZeroLost,
                row,
                line,
                Some(code),
                &[
                    ("variable", code),
                    ("example", &format!(" (« {old} » au lieu de « {fixed} »)")),
                ],
            )),
            // DATDECMIN as a full date: the form the 2018 guide printed, a warning (§0.2).
            Damage::DateFormat(_, fixed) if i == ids::DATDECMIN && rec.get(i).len() == 10 => {
                findings.push(finding(
                    Code::DatdecminFullDate,
                    row,
                    line,
                    Some(code),
                    &[("value", &old), ("fixed", &fixed)],
                ));
            }
            Damage::DateFormat(form, fixed) => {
                let expected = if value_class(i) == ValueClass::YearMonth {
                    "AAAA-MM"
                } else {
                    "AAAA-MM-JJ"
                };
                findings.push(finding(
                    Code::DateFormatRepairable,
                    row,
                    line,
                    Some(code),
                    &[
                        ("variable", code),
                        ("value", &old),
                        ("form", &form),
                        ("expected", expected),
                        ("fixed", &fixed),
                    ],
                ))
            }
        }
    }
    // JNAIS is an identity value: never quoted.
    let jnais = trim_value(rec.identity.jnais.expose());
    if let Some(Damage::LeadingZero(fixed)) = one_digit(jnais) {
        let (row, line) = (Some(rec.row), Some(rec.line));
        if repair {
            findings.push(finding(
                Code::ValueRepaired,
                row,
                line,
                Some("JNAIS"),
                &[
                    ("variable", "JNAIS"),
                    ("old", "(valeur masquée)"),
                    ("new", "(zéro initial ajouté)"),
                ],
            ));
            rec.identity.jnais.set(&fixed);
        } else {
            findings.push(finding(
                Code::LeadingZeroLost,
                row,
                line,
                Some("JNAIS"),
                &[("variable", "JNAIS"), ("example", "")],
            ));
        }
    }
}

/// Writes the repaired input: see the module documentation.
#[derive(Debug)]
pub struct RepairWriter {
    kind: Kind,
    cp1252: bool,
    /// Leave identity columns out (rehash: an observatory's output never carries them).
    drop_identity: bool,
    header_done: bool,
    cell: String,
}

#[derive(Debug)]
enum Kind {
    Csv {
        delimiter: u8,
        eol: &'static [u8],
        header: Vec<String>,
        targets: Vec<Target>,
    },
    Xml {
        version: String,
        date_export: String,
    },
}

impl RepairWriter {
    /// A writer for the input whose layout the reader handed to [`super::Sink::layout`].
    pub fn new(layout: &Layout) -> Self {
        let kind = match layout.format {
            Format::Csv | Format::Xlsx | Format::Ods => Kind::Csv {
                delimiter: layout.delimiter,
                eol: if layout.crlf { b"\r\n" } else { b"\n" },
                header: layout.header.clone(),
                targets: layout.targets.clone(),
            },
            Format::Xml => Kind::Xml {
                version: layout.xml_version.clone(),
                date_export: layout.xml_date_export.clone(),
            },
        };
        RepairWriter {
            kind,
            cp1252: false,
            drop_identity: false,
            header_done: false,
            cell: String::new(),
        }
    }

    /// Sets the output encoding (call from [`super::Sink::encoding`]): a Windows-1252 input
    /// gives a Windows-1252 CSV; XML is always written in UTF-8.
    pub fn set_encoding(&mut self, name: &str) {
        self.cp1252 = name == Encoding::Windows1252.name() && matches!(self.kind, Kind::Csv { .. });
    }

    /// Leaves identity columns (`PRENOM`, mother's names, `JNAIS`, `NUMDO`) out of the
    /// output: used by `rehash`, whose output goes to observatories.
    pub fn drop_identity(&mut self) {
        self.drop_identity = true;
    }

    fn keeps(&self, targets: &[Target], j: usize) -> bool {
        !(self.drop_identity && matches!(targets.get(j), Some(Target::Identity(_))))
    }

    fn put(&self, s: &str, out: &mut Vec<u8>) {
        if self.cp1252 {
            encode_cp1252_into(s, out);
        } else {
            out.extend_from_slice(s.as_bytes());
        }
    }

    fn header(&mut self, out: &mut Vec<u8>) {
        if self.header_done {
            return;
        }
        self.header_done = true;
        match &self.kind {
            Kind::Csv {
                delimiter,
                eol,
                header,
                targets,
            } => {
                let mut first = true;
                for (j, h) in header.iter().enumerate() {
                    if !self.keeps(targets, j) {
                        continue;
                    }
                    if !first {
                        out.push(*delimiter);
                    }
                    first = false;
                    self.put_csv_cell(h, *delimiter, out);
                }
                out.extend_from_slice(eol);
            }
            Kind::Xml {
                version,
                date_export,
            } => {
                out.extend_from_slice(
                    b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DECRET>\n<INTRO><VERSIONXSD>",
                );
                escape_xml(version, out);
                out.extend_from_slice(b"</VERSIONXSD><DATEXPORT>");
                escape_xml(date_export, out);
                out.extend_from_slice(b"</DATEXPORT></INTRO>\n");
            }
        }
    }

    fn put_csv_cell(&self, s: &str, delimiter: u8, out: &mut Vec<u8>) {
        let needs = s
            .bytes()
            .any(|b| b == delimiter || b == b'"' || b == b'\r' || b == b'\n');
        if needs {
            out.push(b'"');
            for part in s.split('"').enumerate() {
                if part.0 > 0 {
                    out.extend_from_slice(b"\"\"");
                }
                self.put(part.1, out);
            }
            out.push(b'"');
        } else {
            self.put(s, out);
        }
    }

    /// Appends one record (and, before the first, the header) to `out`. Call it with the
    /// record exactly as the reader delivered it, before anything else changes it.
    pub fn record(&mut self, rec: &Record, out: &mut Vec<u8>) {
        self.header(out);
        let mut cell = std::mem::take(&mut self.cell);
        match &self.kind {
            Kind::Csv {
                delimiter,
                eol,
                targets,
                ..
            } => {
                let mut used = 0u128;
                // Without raw cells (a reader without `keep_raw`), every column is written
                // from the record's values; cells the record does not keep are left empty.
                let n = if rec.raw_len() > 0 {
                    rec.raw_len()
                } else {
                    targets.len()
                };
                let mut first = true;
                for j in 0..n {
                    if !self.keeps(targets, j) {
                        continue;
                    }
                    if !first {
                        out.push(*delimiter);
                    }
                    first = false;
                    let raw = if j < rec.raw_len() { rec.raw(j) } else { "" };
                    let value = match targets.get(j) {
                        Some(Target::Var(i)) if used & (1u128 << i) == 0 => {
                            used |= 1u128 << i;
                            Some(rec.get(*i))
                        }
                        Some(Target::Identity(role)) => {
                            let id = &rec.identity;
                            Some(match role {
                                IdentityRole::Prenom => id.prenom.expose(),
                                IdentityRole::NomMere => id.nommere.expose(),
                                IdentityRole::NomUsage => id.nomusage.expose(),
                                IdentityRole::Jnais => id.jnais.expose(),
                                IdentityRole::Numdo => id.numdo.expose(),
                            })
                        }
                        _ => None,
                    };
                    // A value differing from its trimmed raw cell was repaired.
                    let text = match value {
                        Some(v) if v != raw && v != trim_value(raw) => v,
                        _ => raw,
                    };
                    cell.clear();
                    cell.push_str(text);
                    self.put_csv_cell(&cell, *delimiter, out);
                }
                out.extend_from_slice(eol);
            }
            Kind::Xml { .. } => {
                out.extend_from_slice(b"<DONNEE>");
                for (i, code) in CODES.iter().enumerate() {
                    if !rec.is_present(i) {
                        continue;
                    }
                    xml_element(code, rec.get(i), out);
                }
                let id = &rec.identity;
                for (code, s) in [
                    ("JNAIS", &id.jnais),
                    ("NOMMERE", &id.nommere),
                    ("NOMUSAGE", &id.nomusage),
                    ("NUMDO", &id.numdo),
                    ("PRENOM", &id.prenom),
                ] {
                    if !s.is_empty() && !self.drop_identity {
                        xml_element(code, s.expose(), out);
                    }
                }
                out.extend_from_slice(b"</DONNEE>\n");
            }
        }
        self.cell = cell;
    }

    /// Ends the file (the header alone when there was no record; `</DECRET>` for XML).
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        self.header(out);
        if let Kind::Xml { .. } = self.kind {
            out.extend_from_slice(b"</DECRET>\n");
        }
    }
}

fn xml_element(code: &str, value: &str, out: &mut Vec<u8>) {
    out.push(b'<');
    out.extend_from_slice(code.as_bytes());
    if value.is_empty() {
        out.extend_from_slice(b"/>");
        return;
    }
    out.push(b'>');
    escape_xml(value, out);
    out.extend_from_slice(b"</");
    out.extend_from_slice(code.as_bytes());
    out.push(b'>');
}

fn escape_xml(s: &str, out: &mut Vec<u8>) {
    for b in s.bytes() {
        match b {
            b'<' => out.extend_from_slice(b"&lt;"),
            b'>' => out.extend_from_slice(b"&gt;"),
            b'&' => out.extend_from_slice(b"&amp;"),
            b'"' => out.extend_from_slice(b"&quot;"),
            _ => out.push(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damage_table() {
        use ValueClass::*;
        let lz = |s: &str| Some(Damage::LeadingZero(s.to_owned()));
        let df = |f: &'static str, s: &str| Some(Damage::DateFormat(f.into(), s.to_owned()));
        let cases: &[(ValueClass, &str, Option<Damage>)] = &[
            (Departement, "1", lz("01")),
            (Departement, "01", None),
            (Departement, "0", None),
            (Departement, "2A", None),
            (Month, "9", lz("09")),
            (Month, "12", None),
            (Date, "2018-05-03", None),
            (Date, "03/05/2018", df("JJ/MM/AAAA", "2018-05-03")),
            (Date, "3/5/2018", df("JJ/MM/AAAA", "2018-05-03")),
            (Date, "03-05-2018", df("JJ-MM-AAAA", "2018-05-03")),
            (Date, "2018/05/03", df("AAAA/MM/JJ", "2018-05-03")),
            (Date, "2018-5-3", df("AAAA-M-J", "2018-05-03")),
            (Date, "99/99/9999", df("JJ/MM/AAAA", "9999-99-99")),
            (Date, "2018/05", None),
            (Date, "03/05/18", None),
            (Date, "03/05-2018", None),
            (Date, "1/2/3/2018", None),
            (Date, "a/b/2018", None),
            (YearMonth, "2018-05", None),
            (YearMonth, "05/2018", df("MM/AAAA", "2018-05")),
            (YearMonth, "5-2018", df("MM-AAAA", "2018-05")),
            (YearMonth, "2018/5", df("AAAA/MM", "2018-05")),
            (YearMonth, "2018-5", df("AAAA-M", "2018-05")),
            (YearMonth, "2018-05-03", df("AAAA-MM-JJ", "2018-05")),
            (YearMonth, "9999-99-99", df("AAAA-MM-JJ", "9999-99")),
            (YearMonth, "2018-05-99", df("AAAA-MM-JJ", "2018-05")),
            (YearMonth, "2018-05-3", None),
            (YearMonth, "2018/05/03", None),
            (
                Date,
                "2018-05-23 00:00:00",
                df("AAAA-MM-JJ HH:MM:SS", "2018-05-23"),
            ),
            (
                Date,
                "23/05/2018 00:00",
                df("JJ/MM/AAAA HH:MM", "2018-05-23"),
            ),
            (Date, "2018-5-3 00:00", df("AAAA-M-J HH:MM", "2018-05-03")),
            (
                Date,
                "2018-05-23T00:00:00.000Z",
                df("AAAA-MM-JJTHH:MM:SS.fffZ", "2018-05-23"),
            ),
            (
                Date,
                "2018-13-45 00:00:00",
                df("AAAA-MM-JJ HH:MM:SS", "2018-13-45"),
            ),
            (Date, "2018-05-23 10:30", Some(Damage::DateTime)),
            (Date, "23/05/2018 00:00:01", Some(Damage::DateTime)),
            (Date, "2018-05-23 24:00", None),
            (Date, "2018-05-23 00h00", None),
            (Date, "23/05/18 00:00", None),
            (
                YearMonth,
                "2015-03-01 00:00:00",
                df("AAAA-MM-JJ HH:MM:SS", "2015-03"),
            ),
            (YearMonth, "2015-03-01 12:00:00", Some(Damage::DateTime)),
            (Other, "2018-05-23 00:00:00", None),
            (Other, "1", None),
            (FreeText, "03/05/2018", None),
        ];
        for (class, v, want) in cases {
            assert_eq!(&detect(*class, v), want, "{class:?} {v}");
        }
    }

    #[test]
    fn check_and_repair_record() {
        let mut rec = Record::new();
        rec.row = 4;
        rec.line = 5;
        rec.set(ids::NUMDEP, "1");
        rec.set(ids::DATDEB, "03/05/2018");
        rec.set(ids::SEXE, "1");
        rec.identity.jnais.set("7");
        let mut f = Vec::new();
        check_record(&mut rec.clone(), false, &mut f);
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.code, f.variable.as_deref().unwrap_or(""), f.row, f.line))
            .collect();
        assert_eq!(
            got,
            [
                (Code::LeadingZeroLost, "NUMDEP", Some(4), Some(5)),
                (Code::DateFormatRepairable, "DATDEB", Some(4), Some(5)),
                (Code::LeadingZeroLost, "JNAIS", Some(4), Some(5)),
            ]
        );
        assert!(!f[2].message.contains('7'), "{}", f[2].message);
        f.clear();
        check_record(&mut rec, true, &mut f);
        assert!(f.iter().all(|f| f.code == Code::ValueRepaired));
        assert_eq!(f.len(), 3);
        assert_eq!(rec.get(ids::NUMDEP), "01");
        assert_eq!(rec.get(ids::DATDEB), "2018-05-03");
        assert_eq!(rec.identity.jnais.expose(), "07");
        assert!(!f[2].message.contains('7'), "{}", f[2].message);
    }

    /// Issue 15: dates with a midnight time are repaired, other times reported only.
    #[test]
    fn dates_with_a_time() {
        let mut rec = Record::new();
        rec.row = 2;
        rec.line = 3;
        rec.set(ids::DATDEB, "2018-05-23 00:00:00");
        rec.set(ids::DATFIN, "23/05/2018 10:30");
        rec.set(ids::DATDECMIN, "2018-05-01 00:00");
        let mut f = Vec::new();
        check_record(&mut rec.clone(), false, &mut f);
        let codes: Vec<_> = f.iter().map(|f| (f.code, f.variable.clone())).collect();
        assert_eq!(
            codes,
            [
                (Code::DateFormatRepairable, Some("DATDEB".to_owned())),
                (Code::DateWithTime, Some("DATFIN".to_owned())),
                (Code::DateFormatRepairable, Some("DATDECMIN".to_owned())),
            ]
        );
        assert!(
            f[0].message.contains("AAAA-MM-JJ HH:MM:SS"),
            "{}",
            f[0].message
        );
        f.clear();
        check_record(&mut rec, true, &mut f);
        assert_eq!(rec.get(ids::DATDEB), "2018-05-23");
        assert_eq!(rec.get(ids::DATFIN), "23/05/2018 10:30", "not repaired");
        assert_eq!(rec.get(ids::DATDECMIN), "2018-05");
        assert_eq!(
            f.iter().map(|f| f.code).collect::<Vec<_>>(),
            [Code::ValueRepaired, Code::DateWithTime, Code::ValueRepaired]
        );
        assert!(is_damaged(ids::DATFIN, "2018-05-23 10:30"));
        assert!(is_damaged(ids::DATDEB, "2018-05-23 00:00"));
    }
}
