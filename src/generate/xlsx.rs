//! A minimal XLSX writer for the generator's files (`olinpe generate --format xlsx`, the
//! page's training samples as XLSX): one worksheet, rows of text, number and date cells,
//! written with the `zip` crate into any `Write + Seek` (the sheet is streamed; nothing is
//! held but the zip's directory).
//!
//! [`XlsxFromCsv`] turns the generator's CSV (its header, then its rows) into that sheet,
//! each value typed **only when reading the cell back gives the same text** (what
//! docs/spec/INTERFACES.md "Spreadsheet input" says a cell becomes): a code or a count as a
//! number when it is written without leading zero (`12`, not `01`); `NUMDEP`, `MNAIS`,
//! `JNAIS` as a number when on two digits (`05`; a planted `5` stays text, so its lost zero is
//! still found); a year on four digits; a full date `AAAA-MM-JJ` (a real calendar date from
//! 1901 on) as a date cell, a year-month as a date cell shown `AAAA-MM`; everything else —
//! identifiers, names, free text, planted wrong values — as text; a field past the header
//! (the planted `field-count`) as a text cell, a space when empty. So the XLSX gives the same
//! records, findings and identifiers as the CSV.

use crate::dictionary::{self, Kind};
use std::io::{self, Seek, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// A cell to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XCell<'a> {
    /// No cell.
    Empty,
    /// A text cell (inline string).
    Text(&'a str),
    /// A number cell.
    Number(i64),
    /// A date cell shown `AAAA-MM-JJ`: year, month, day.
    Date(i32, u32, u32),
    /// A date cell (the month's first day) shown `AAAA-MM`.
    YearMonth(i32, u32),
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// Style 1: a date shown `AAAA-MM-JJ`; style 2: a date shown `AAAA-MM`.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/><numFmt numFmtId="165" formatCode="yyyy\-mm"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

/// Writes one worksheet, row by row.
pub struct XlsxWriter<W: Write + Seek> {
    zip: ZipWriter<W>,
    row: u32,
    buf: Vec<u8>,
}

impl<W: Write + Seek> XlsxWriter<W> {
    /// Starts a workbook with one worksheet named `sheet` (at most 31 characters, no
    /// `[]:*?/\`: the caller's). `size`: its rows and columns when known, written as the
    /// sheet's dimension (what readers show progress by).
    pub fn new(out: W, sheet: &str, size: Option<(u32, usize)>) -> io::Result<Self> {
        let mut zip = ZipWriter::new(out);
        let opts = options();
        let workbook = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            escaped(sheet)
        );
        for (name, data) in [
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", RELS.as_bytes()),
            ("xl/workbook.xml", workbook.as_bytes()),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
            ("xl/styles.xml", STYLES.as_bytes()),
        ] {
            zip.start_file(name, opts).map_err(io::Error::other)?;
            zip.write_all(data)?;
        }
        zip.start_file("xl/worksheets/sheet1.xml", opts)
            .map_err(io::Error::other)?;
        zip.write_all(
            br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
        )?;
        if let Some((rows, cols)) = size.filter(|&(r, c)| r > 0 && c > 0) {
            let dim = format!(r#"<dimension ref="A1:{}{rows}"/>"#, column_name(cols - 1));
            zip.write_all(dim.as_bytes())?;
        }
        zip.write_all(b"<sheetData>")?;
        Ok(XlsxWriter {
            zip,
            row: 0,
            buf: Vec::with_capacity(8192),
        })
    }

    /// Writes the next row (row 1 first); empty cells are left out.
    pub fn row(&mut self, cells: &[XCell<'_>]) -> io::Result<()> {
        use std::fmt::Write as _;
        self.row += 1;
        let r = self.row;
        let b = &mut self.buf;
        b.clear();
        let mut s = String::new();
        let _ = write!(s, "<row r=\"{r}\">");
        for (j, c) in cells.iter().enumerate() {
            let at = format!("{}{r}", column_name(j));
            match c {
                XCell::Empty => continue,
                XCell::Text(t) => {
                    let _ = write!(
                        s,
                        "<c r=\"{at}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                        escaped(t)
                    );
                }
                XCell::Number(n) => {
                    let _ = write!(s, "<c r=\"{at}\"><v>{n}</v></c>");
                }
                XCell::Date(y, m, d) => {
                    let _ = write!(s, "<c r=\"{at}\" s=\"1\"><v>{}</v></c>", serial(*y, *m, *d));
                }
                XCell::YearMonth(y, m) => {
                    let _ = write!(s, "<c r=\"{at}\" s=\"2\"><v>{}</v></c>", serial(*y, *m, 1));
                }
            }
        }
        s.push_str("</row>");
        b.extend_from_slice(s.as_bytes());
        self.zip.write_all(b)
    }

    /// Ends the sheet and the workbook; gives the output back.
    pub fn finish(mut self) -> io::Result<W> {
        self.zip.write_all(b"</sheetData></worksheet>")?;
        self.zip.finish().map_err(io::Error::other)
    }
}

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated)
}

/// `A`, `B`, … `Z`, `AA`… for a 0-based column.
fn column_name(mut j: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (j % 26) as u8);
        if j < 26 {
            break;
        }
        j = j / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The spreadsheet serial number of a date from 1901 on (1900 date system: day 1 is
/// 1900-01-01, with Excel's fictitious 29 February 1900).
fn serial(y: i32, m: u32, d: u32) -> i32 {
    super::date::days(y, m, d) - super::date::days(1899, 12, 30)
}

/// Text escaped for XML; characters XML 1.0 cannot hold become U+FFFD.
fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// How a column's values are typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Typing {
    Text,
    /// A number when written without leading zero.
    Integer,
    /// A number when written on two digits at least (`05`).
    TwoDigits,
    /// A number when written on four digits.
    Year,
    Date,
    YearMonth,
}

fn typing_of(header: &str) -> Typing {
    if header == "JNAIS" {
        return Typing::TwoDigits;
    }
    match dictionary::VARIABLES
        .iter()
        .find(|v| v.code == header)
        .map(|v| v.kind)
    {
        Some(Kind::Code | Kind::Count) => Typing::Integer,
        Some(Kind::Departement | Kind::Month) => Typing::TwoDigits,
        Some(Kind::Year) => Typing::Year,
        Some(Kind::Date) => Typing::Date,
        Some(Kind::YearMonth) => Typing::YearMonth,
        _ => Typing::Text,
    }
}

/// The cell for `v` in a column typed `t` (see the module documentation).
fn cell(t: Typing, v: &str) -> XCell<'_> {
    if v.is_empty() {
        return XCell::Empty;
    }
    let number = || -> Option<i64> {
        if v.len() > 15 || !v.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        v.parse().ok()
    };
    let typed = match t {
        Typing::Text => None,
        Typing::Integer => number().filter(|n| n.to_string() == v).map(XCell::Number),
        Typing::TwoDigits => number()
            .filter(|n| format!("{n:02}") == v)
            .map(XCell::Number),
        Typing::Year => number()
            .filter(|n| format!("{n:04}") == v)
            .map(XCell::Number),
        Typing::Date => date(v).map(|(y, m, d)| XCell::Date(y, m, d)),
        Typing::YearMonth => {
            let b = v.as_bytes();
            (b.len() == 7 && b[4] == b'-')
                .then(|| date(&format!("{v}-01")))
                .flatten()
                .map(|(y, m, _)| XCell::YearMonth(y, m))
        }
    };
    typed.unwrap_or(XCell::Text(v))
}

/// A real calendar date `AAAA-MM-JJ` from 1901 to 9998.
fn date(v: &str) -> Option<(i32, u32, u32)> {
    let b = v.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = v.get(0..4)?.parse().ok()?;
    let m: u32 = v.get(5..7)?.parse().ok()?;
    let d: u32 = v.get(8..10)?.parse().ok()?;
    let digits = [0..4, 5..7, 8..10]
        .into_iter()
        .all(|r| b[r].iter().all(u8::is_ascii_digit));
    let ok = digits
        && (1901..=9998).contains(&y)
        && (1..=12).contains(&m)
        && d >= 1
        && d <= super::date::month_len(y, m);
    ok.then_some((y, m, d))
}

/// Turns the generator's CSV (`;`, LF, no quotes: its header then its rows, in pieces of
/// any size) into an XLSX sheet named `Olinpe`.
pub struct XlsxFromCsv<W: Write + Seek> {
    out: XlsxWriter<W>,
    typing: Option<Vec<Typing>>,
    line: Vec<u8>,
}

impl<W: Write + Seek> XlsxFromCsv<W> {
    /// Starts the workbook; `size`: its rows (header included) and columns, when known.
    pub fn new(out: W, size: Option<(u32, usize)>) -> io::Result<Self> {
        Ok(XlsxFromCsv {
            out: XlsxWriter::new(out, "Olinpe", size)?,
            typing: None,
            line: Vec::new(),
        })
    }

    /// Takes the next CSV bytes.
    pub fn push(&mut self, csv: &[u8]) -> io::Result<()> {
        let mut rest = csv;
        while let Some(p) = rest.iter().position(|&b| b == b'\n') {
            self.line.extend_from_slice(&rest[..p]);
            let line = std::mem::take(&mut self.line);
            self.write_line(&line)?;
            rest = &rest[p + 1..];
        }
        self.line.extend_from_slice(rest);
        Ok(())
    }

    fn write_line(&mut self, line: &[u8]) -> io::Result<()> {
        let text = String::from_utf8_lossy(line);
        let text = text.strip_suffix('\r').unwrap_or(&text);
        let fields: Vec<&str> = text.split(';').collect();
        match &self.typing {
            None => {
                self.typing = Some(fields.iter().map(|h| typing_of(h)).collect());
                let cells: Vec<XCell<'_>> = fields.iter().map(|h| XCell::Text(h)).collect();
                self.out.row(&cells)
            }
            Some(t) => {
                let cells: Vec<XCell<'_>> = fields
                    .iter()
                    .enumerate()
                    .map(|(j, v)| match t.get(j) {
                        Some(&typing) => cell(typing, v),
                        // A field past the header (the planted `field-count`): a cell of the
                        // sheet too, a space when empty (an empty cell is no cell at all).
                        None if v.is_empty() => XCell::Text(" "),
                        None => XCell::Text(v),
                    })
                    .collect();
                self.out.row(&cells)
            }
        }
    }

    /// Ends the workbook (a last line without line end is written too).
    pub fn finish(mut self) -> io::Result<W> {
        if !self.line.is_empty() {
            let line = std::mem::take(&mut self.line);
            self.write_line(&line)?;
        }
        self.out.finish()
    }
}

/// The generator's CSV bytes as an XLSX workbook.
pub fn csv_to_xlsx(csv: &[u8]) -> Vec<u8> {
    let run = || -> io::Result<Vec<u8>> {
        let lines = memchr::memchr_iter(b'\n', csv).count() + usize::from(!csv.ends_with(b"\n"));
        let cols = csv
            .split(|&b| b == b'\n')
            .next()
            .map_or(0, |h| h.split(|&b| b == b';').count());
        let size = u32::try_from(lines).ok().map(|r| (r, cols));
        let mut w = XlsxFromCsv::new(io::Cursor::new(Vec::new()), size)?;
        w.push(csv)?;
        Ok(w.finish()?.into_inner())
    };
    // Writing into memory cannot fail but for a zip of more than 4 GiB.
    run().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_keeps_what_reads_back_the_same() {
        let cases: &[(Typing, &str, XCell<'_>)] = &[
            (Typing::Integer, "12", XCell::Number(12)),
            (Typing::Integer, "01", XCell::Text("01")),
            (Typing::Integer, "0", XCell::Number(0)),
            (Typing::Integer, "1.5", XCell::Text("1.5")),
            (Typing::TwoDigits, "05", XCell::Number(5)),
            (Typing::TwoDigits, "5", XCell::Text("5")),
            (Typing::TwoDigits, "2A", XCell::Text("2A")),
            (Typing::TwoDigits, "974", XCell::Number(974)),
            (Typing::Year, "2005", XCell::Number(2005)),
            (Typing::Year, "205", XCell::Text("205")),
            (Typing::Date, "2018-05-23", XCell::Date(2018, 5, 23)),
            (Typing::Date, "2018-02-30", XCell::Text("2018-02-30")),
            (Typing::Date, "23/05/2018", XCell::Text("23/05/2018")),
            (Typing::Date, "1900-01-01", XCell::Text("1900-01-01")),
            (Typing::Date, "9999-99-99", XCell::Text("9999-99-99")),
            (Typing::YearMonth, "2015-03", XCell::YearMonth(2015, 3)),
            (Typing::YearMonth, "2015-13", XCell::Text("2015-13")),
            (Typing::Text, "12", XCell::Text("12")),
            (Typing::Integer, "", XCell::Empty),
            (
                Typing::Integer,
                "1234567890123456",
                XCell::Text("1234567890123456"),
            ),
        ];
        for (t, v, want) in cases {
            assert_eq!(cell(*t, v), *want, "{t:?} {v}");
        }
        assert_eq!(typing_of("NUMDEP"), Typing::TwoDigits);
        assert_eq!(typing_of("DATDEB"), Typing::Date);
        assert_eq!(typing_of("DATDECMIN"), Typing::YearMonth);
        assert_eq!(typing_of("ANAIS"), Typing::Year);
        assert_eq!(typing_of("SEXE"), Typing::Integer);
        assert_eq!(typing_of("NUMANONYM"), Typing::Text);
        assert_eq!(typing_of("PRENOM"), Typing::Text);
        assert_eq!(typing_of("JNAIS"), Typing::TwoDigits);
    }

    #[test]
    fn columns_and_serials() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(104), "DA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        assert_eq!(serial(1901, 1, 1), 367);
        assert_eq!(serial(2018, 5, 23), 43243);
        assert_eq!(escaped("a<b&\"c\u{1}"), "a&lt;b&amp;&quot;c\u{FFFD}");
    }
}
