//! ODS, streamed: `content.xml` read event by event (a whole-sheet reader would hold the
//! whole sheet). Rows and cells repeated by `table:number-rows-repeated` and
//! `table:number-columns-repeated` are expanded only when they hold a value, so trailing
//! repeats of empty rows or columns cost nothing; covered cells (hidden by a merged area)
//! are empty; a cell's type is its `office:value-type` (a formula gives its cached value);
//! a text cell's text follows the OpenDocument white-space rules (`text:s`, `text:tab`,
//! `text:line-break`, paragraphs joined by a line feed, annotations left out). Element and
//! attribute names are matched with their usual prefixes (`table:`, `office:`, `text:`,
//! `calcext:`), as every known producer writes them.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;

use super::cell::Cell;
use super::dates::{parse_iso_datetime, parse_iso_duration};
use super::guard::{self, xml_error, xml_stream, Entry, XmlStream, Zip};
use super::rows::RowBuf;
use super::{RowSource, SheetError, SheetLimit, SheetLimits};

/// An ODS workbook: its zip and the name of its content part.
pub(crate) struct OdsBook<'a> {
    zip: Zip<'a>,
    content: String,
    /// The sheet names, once a pass went through the whole content.
    names: Option<Vec<String>>,
}

/// Which table to stop at.
#[derive(Clone, Copy)]
enum Want<'x> {
    First,
    Named(&'x str),
    /// None: collect the names of all tables.
    Nothing,
}

/// The unescaped value of attribute `key` of `e`.
fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| value_of(&a))
}

/// An attribute's value, references resolved and white space normalised as XML says.
pub(crate) fn value_of(a: &quick_xml::events::attributes::Attribute<'_>) -> String {
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .map(Cow::into_owned)
        .unwrap_or_else(|_| a.value.clone().into_owned())
}

/// A repeat count attribute (at least 1).
fn repeat(e: &BytesStart<'_>, key: &str) -> u64 {
    attr(e, key)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

impl<'a> OdsBook<'a> {
    pub(crate) fn open(
        mut zip: Zip<'a>,
        entries: &[Entry],
        limits: &SheetLimits,
    ) -> Result<Self, SheetError> {
        guard::check_entries(entries, limits, |n| {
            n == "mimetype" || n == "META-INF/manifest.xml"
        })?;
        if let Some(m) = guard::read_part(&mut zip, "META-INF/manifest.xml", limits)? {
            // A password-protected document lists how each encrypted part is encrypted.
            if memchr::memmem::find(&m, b"encryption-data").is_some() {
                return Err(SheetError::Encrypted);
            }
        }
        let content = entries
            .iter()
            .find(|e| e.name == "content.xml")
            .map(|e| e.name.clone())
            .ok_or(SheetError::damaged_zip())?;
        Ok(OdsBook {
            zip,
            content,
            names: None,
        })
    }

    fn reader(&mut self, limits: &SheetLimits) -> Result<XmlStream<'_>, SheetError> {
        xml_stream(&mut self.zip, &self.content, limits).map(|(r, _)| r)
    }

    pub(crate) fn sheet_names(&mut self, limits: &SheetLimits) -> Result<Vec<String>, SheetError> {
        if let Some(n) = &self.names {
            return Ok(n.clone());
        }
        let mut names = Vec::new();
        let mut xml = self.reader(limits)?;
        find_table(&mut xml, Want::Nothing, &mut names, limits)?;
        drop(xml);
        self.names = Some(names.clone());
        Ok(names)
    }

    pub(crate) fn sheet(
        &mut self,
        name: Option<&str>,
        limits: &SheetLimits,
    ) -> Result<(String, OdsRows<'_>), SheetError> {
        let want = match name {
            None => Want::First,
            Some(n) => Want::Named(n),
        };
        let mut names = Vec::new();
        let (mut xml, size) = xml_stream(&mut self.zip, &self.content, limits)?;
        match find_table(&mut xml, want, &mut names, limits)? {
            Some((found, empty)) => Ok((
                found,
                OdsRows {
                    xml,
                    buf: Vec::with_capacity(4096),
                    skip: Vec::new(),
                    line: 0,
                    repeat_left: 0,
                    ended: empty,
                    text: String::new(),
                    limits: *limits,
                    size,
                },
            )),
            None => {
                drop(xml);
                let err = match name {
                    Some(n) if !names.is_empty() => SheetError::SheetNotFound {
                        name: n.to_owned(),
                        available: names.clone(),
                    },
                    _ => SheetError::NoSheet,
                };
                self.names = Some(names);
                Err(err)
            }
        }
    }
}

/// Reads up to the start of the wanted `table:table`, collecting the names of the tables
/// met (skipped whole). `Some((name, is_empty_element))`, or `None` at the end.
fn find_table(
    xml: &mut XmlStream<'_>,
    want: Want<'_>,
    names: &mut Vec<String>,
    limits: &SheetLimits,
) -> Result<Option<(String, bool)>, SheetError> {
    let mut buf = Vec::with_capacity(4096);
    let mut skip = Vec::new();
    loop {
        buf.clear();
        let (e, empty) = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::Eof) => return Ok(None),
            Ok(_) => continue,
            Err(e) => return Err(xml_error(&e, limits, None)),
        };
        if e.name().as_ref() == "table:dde-links" && !empty {
            // Cached results of DDE links are tables too, but not sheets.
            drop(e);
            skip.clear();
            xml.read_to_end_into(QName("table:dde-links"), &mut skip)
                .map_err(|e| xml_error(&e, limits, None))?;
            continue;
        }
        if e.name().as_ref() != "table:table" {
            continue;
        }
        let name = attr(&e, "table:name").unwrap_or_default();
        let hit = match want {
            Want::First => true,
            Want::Named(n) => n == name,
            Want::Nothing => false,
        };
        names.push(name.clone());
        if hit {
            return Ok(Some((name, empty)));
        }
        if !empty {
            skip.clear();
            xml.read_to_end_into(QName("table:table"), &mut skip)
                .map_err(|e| xml_error(&e, limits, None))?;
        }
    }
}

/// The rows of one ODS table.
pub(crate) struct OdsRows<'w> {
    xml: XmlStream<'w>,
    buf: Vec<u8>,
    skip: Vec<u8>,
    /// Rows consumed so far (the last row's number).
    line: u64,
    /// Further copies of the current row still to yield (a repeated row with values).
    repeat_left: u64,
    ended: bool,
    text: String,
    limits: SheetLimits,
    /// Uncompressed size of the content part (for progress).
    size: u64,
}

/// What a cell element says, its value already parsed (no allocation but for text).
struct CellAttrs {
    repeat: u64,
    covered: bool,
    error: bool,
    /// The value its attributes give (`None`: the text content is the value).
    value: Option<Cell>,
}

impl CellAttrs {
    fn of(e: &BytesStart<'_>) -> CellAttrs {
        let mut repeat = 1;
        let mut error = false;
        let (mut vt, mut number, mut date, mut time, mut boolean, mut string) =
            (None, None, None, None, None, None);
        for a in e.attributes().with_checks(false).flatten() {
            match a.key.as_ref() {
                "table:number-columns-repeated" => {
                    repeat = a.value.trim().parse::<u64>().unwrap_or(1).max(1)
                }
                "office:value-type" => vt = Some(a.value),
                "calcext:value-type" => error = a.value == "error",
                "office:value" => number = Some(a.value),
                "office:date-value" => date = Some(a.value),
                "office:time-value" => time = Some(a.value),
                "office:boolean-value" => boolean = Some(a.value),
                "office:string-value" => string = Some(value_of(&a)),
                _ => {}
            }
        }
        let value = match vt.as_deref() {
            Some("float" | "percentage" | "currency") => number.map(|v| {
                v.trim()
                    .parse::<f64>()
                    .map_or_else(|_| Cell::Text(v.to_string()), Cell::number)
            }),
            Some("date") => date.map(|v| {
                parse_iso_datetime(&v).map_or_else(|| Cell::Text(v.to_string()), Cell::Date)
            }),
            Some("time") => time.map(|v| {
                parse_iso_duration(&v).map_or_else(|| Cell::Text(v.to_string()), Cell::Time)
            }),
            Some("boolean") => boolean.map(|v| {
                let v = v.trim();
                Cell::Bool(v.eq_ignore_ascii_case("true") || v == "1")
            }),
            Some("string") => string.map(Cell::Text),
            _ => None,
        };
        CellAttrs {
            repeat,
            covered: e.name().as_ref() == "table:covered-table-cell",
            error,
            value,
        }
    }

    /// The cell's text content is needed: a string without `office:string-value`, an
    /// untyped cell, a typed cell without its value attribute, an error.
    fn needs_text(&self) -> bool {
        !self.covered && (self.error || self.value.is_none())
    }

    fn cell(self, text: &str) -> Cell {
        if self.covered {
            Cell::Empty
        } else if self.error {
            Cell::Error(text.to_owned())
        } else if let Some(v) = self.value {
            v
        } else if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text.to_owned())
        }
    }
}

/// Elements of a cell whose text is not the cell's (ODF 1.2 §6.1.1), skipped whole.
fn skipped_in_cell(name: &str) -> bool {
    matches!(
        name,
        "office:annotation" | "text:note" | "text:ruby-text" | "table:table"
    ) || name.starts_with("draw:")
}

impl OdsRows<'_> {
    fn line32(&self) -> Option<u32> {
        Some(u32::try_from(self.line).unwrap_or(u32::MAX))
    }

    fn err(&self, e: &quick_xml::Error) -> SheetError {
        xml_error(e, &self.limits, self.line32())
    }

    /// Reads the cells of the row just started, into `rb`.
    fn read_cells(&mut self, rb: &mut RowBuf) -> Result<(), SheetError> {
        let mut col: u64 = 0;
        loop {
            self.buf.clear();
            let (e, empty) = match self.xml.read_event_into(&mut self.buf) {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) if e.name().as_ref() == "table:table-row" => return Ok(()),
                Ok(Event::Eof) => {
                    return Err(SheetError::Damaged {
                        line: self.line32(),
                    })
                }
                Ok(_) => continue,
                Err(e) => return Err(xml_error(&e, &self.limits, self.line32())),
            };
            let name = e.name();
            if name.as_ref() != "table:table-cell" && name.as_ref() != "table:covered-table-cell" {
                continue;
            }
            let attrs = CellAttrs::of(&e);
            let end = if attrs.covered {
                "table:covered-table-cell"
            } else {
                "table:table-cell"
            };
            drop(e);
            self.text.clear();
            if !empty {
                if attrs.needs_text() {
                    self.read_text(end)?;
                } else {
                    self.skip.clear();
                    self.xml
                        .read_to_end_into(QName(end), &mut self.skip)
                        .map_err(|e| xml_error(&e, &self.limits, self.line32()))?;
                }
            }
            let repeat = attrs.repeat;
            let cell = attrs.cell(&self.text);
            if !cell.is_empty() {
                // `set` refuses a value past the last column: the loop stops there.
                for k in 1..repeat {
                    rb.set(col.saturating_add(k), cell.clone())?;
                }
                rb.set(col, cell)?;
            }
            col = col.saturating_add(repeat);
        }
    }

    /// Reads a cell's text up to the end of the cell element `end`, into `self.text`.
    fn read_text(&mut self, end: &str) -> Result<(), SheetError> {
        let max = self.limits.max_cell_bytes;
        let line = u32::try_from(self.line).unwrap_or(u32::MAX);
        let too_long = || SheetError::limit_at(SheetLimit::CellLength, max as u64, line);
        // Depth inside a paragraph (0: outside any `text:p`/`text:h`).
        let mut depth = 0usize;
        let mut paragraphs = 0usize;
        // White space was met and not yet written (written only before more text).
        let mut pending = false;
        // The last character was white space (or the paragraph just started).
        let mut last_ws = true;
        loop {
            self.buf.clear();
            let ev = self
                .xml
                .read_event_into(&mut self.buf)
                .map_err(|e| xml_error(&e, &self.limits, Some(line)))?;
            let (e, is_start) = match ev {
                Event::Start(e) => (e, true),
                Event::Empty(e) => (e, false),
                Event::End(e) => {
                    if depth > 0 {
                        depth -= 1;
                    } else if e.name().as_ref() == end {
                        return Ok(());
                    }
                    continue;
                }
                Event::Text(t) if depth > 0 => {
                    let s = t.xml10_content();
                    push_collapsed(&s, &mut self.text, &mut pending, &mut last_ws);
                    if self.text.len() > max {
                        return Err(too_long());
                    }
                    continue;
                }
                Event::CData(t) if depth > 0 => {
                    let s = t.xml10_content();
                    push_collapsed(&s, &mut self.text, &mut pending, &mut last_ws);
                    if self.text.len() > max {
                        return Err(too_long());
                    }
                    continue;
                }
                Event::GeneralRef(r) if depth > 0 => {
                    let ch = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        _ => quick_xml::escape::resolve_xml_entity(&r.xml10_content())
                            .and_then(|s| s.chars().next()),
                    };
                    if let Some(c) = ch {
                        let mut b = [0u8; 4];
                        let s = c.encode_utf8(&mut b);
                        push_collapsed(s, &mut self.text, &mut pending, &mut last_ws);
                    }
                    if self.text.len() > max {
                        return Err(too_long());
                    }
                    continue;
                }
                Event::Eof => return Err(SheetError::Damaged { line: Some(line) }),
                _ => continue,
            };
            let name = e.name();
            let n = name.as_ref();
            if is_start && skipped_in_cell(n) {
                self.skip.clear();
                self.xml
                    .read_to_end_into(QName(n), &mut self.skip)
                    .map_err(|e| xml_error(&e, &self.limits, Some(line)))?;
                continue;
            }
            if depth == 0 {
                // Outside paragraphs only a new paragraph matters (lists hold paragraphs).
                if n == "text:p" || n == "text:h" {
                    if paragraphs > 0 {
                        self.text.push('\n');
                    }
                    paragraphs += 1;
                    pending = false;
                    last_ws = true;
                    if is_start {
                        depth = 1;
                    }
                }
                continue;
            }
            let (ch, count) = match n {
                "text:s" => (' ', repeat(&e, "text:c")),
                "text:tab" => ('\t', 1),
                "text:line-break" => ('\n', 1),
                _ => (' ', 0),
            };
            if count > 0 {
                if pending {
                    self.text.push(' ');
                    pending = false;
                }
                if count > max.saturating_sub(self.text.len()) as u64 {
                    return Err(too_long());
                }
                for _ in 0..count {
                    self.text.push(ch);
                }
                last_ws = true;
            }
            if is_start {
                depth += 1;
            }
        }
    }
}

/// Appends `s` with OpenDocument white-space collapsing: a run of spaces, tabs and line
/// ends is one space, written only if more text follows in the paragraph; none at the
/// paragraph's start.
fn push_collapsed(s: &str, out: &mut String, pending: &mut bool, last_ws: &mut bool) {
    for ch in s.chars() {
        if matches!(ch, ' ' | '\t' | '\n' | '\r') {
            if !*last_ws {
                *pending = true;
                *last_ws = true;
            }
        } else {
            if *pending {
                out.push(' ');
                *pending = false;
            }
            out.push(ch);
            *last_ws = false;
        }
    }
}

impl RowSource for OdsRows<'_> {
    fn progress(&self) -> Option<(u64, u64)> {
        Some((self.xml.buffer_position(), self.size))
    }

    fn next_row(&mut self, rb: &mut RowBuf) -> Result<bool, SheetError> {
        if self.repeat_left > 0 {
            self.repeat_left -= 1;
            rb.set_line(rb.line() + 1);
            return Ok(true);
        }
        if self.ended {
            return Ok(false);
        }
        loop {
            self.buf.clear();
            let (e, empty) = match self.xml.read_event_into(&mut self.buf) {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) if e.name().as_ref() == "table:table" => {
                    self.ended = true;
                    return Ok(false);
                }
                Ok(Event::Eof) => {
                    self.ended = true;
                    return Err(SheetError::Damaged {
                        line: self.line32(),
                    });
                }
                Ok(_) => continue,
                Err(e) => {
                    self.ended = true;
                    return Err(self.err(&e));
                }
            };
            if e.name().as_ref() != "table:table-row" {
                continue;
            }
            let rows = repeat(&e, "table:number-rows-repeated");
            drop(e);
            let first = self.line.saturating_add(1);
            self.line = self.line.saturating_add(rows);
            if empty {
                continue;
            }
            rb.start(first);
            let saved = self.line;
            // Errors inside the row name its first line.
            self.line = first;
            let r = self.read_cells(rb);
            self.line = saved;
            if let Err(e) = r {
                self.ended = true;
                return Err(e);
            }
            if rb.has_values() {
                self.repeat_left = rows - 1;
                return Ok(true);
            }
        }
    }
}
