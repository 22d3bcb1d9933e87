//! XLSX, read by olinpe itself (the `zip` and `quick-xml` crates the ODS reader uses, no
//! spreadsheet library): what a sheet needs and nothing more.
//!
//! - The **package**: `_rels/.rels` names the workbook part; the workbook part lists the
//!   sheets in order (`date1904` chooses the date system); its relationships say which are
//!   worksheets (chart, dialog and macro sheets are skipped) and where the shared strings
//!   and the styles are. These parts are read whole, each under the per-part cap.
//! - **Styles**: which cell formats (`cellXfs`) show a date, a time or a duration: the
//!   built-in formats 14–22, 27–36, 45–47 and 50–58, and a custom format whose first section
//!   has a day, month, year, hour or second outside quotes, escapes and brackets (`[h]`,
//!   `[mm]`, `[ss]` make a duration) — the rule spreadsheets and `calamine` follow.
//! - **Shared strings** are held, compactly (one text and the ends of its strings); rich text
//!   runs are joined, phonetic runs (`rPh`) left out; `_xHHHH_` escapes decoded.
//! - **The sheet** is a stream through the token guard: `row` (its `r`, else the next
//!   number), `c` (its `r` column, else the next; its type `t`: `s` shared string, `str`
//!   formula text, `inlineStr`, `b` boolean, `e` error, `d` ISO date, `n` or none a number,
//!   a date when its style shows one), `v` (the value; a formula's cached value), `is`
//!   (inline text); formulas themselves are skipped. `dimension` gives progress.
//!
//! Every reading problem is [`SheetError::Damaged`] with the last row reached; every size
//! is bounded by [`SheetLimits`] before it is spent (the token guard, the per-part cap, the
//! row buffer's limits).

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};

use super::cell::Cell;
use super::dates::{parse_iso_datetime, serial_seconds, serial_to_datetime};
use super::guard::{self, xml_error, xml_stream, Entry, XmlStream, Zip};
use super::rows::RowBuf;
use super::{RowSource, SheetError, SheetLimit, SheetLimits};

/// How a cell format shows a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    /// As a number.
    Number,
    /// As a date or a time of day.
    Date,
    /// As a duration (`[h]:mm:ss`).
    Duration,
}

/// One worksheet: its name and its part.
#[derive(Debug, Clone)]
struct SheetPart {
    name: String,
    part: String,
}

/// The shared strings, in one text: string `i` is `text[ends[i-1]..ends[i]]`.
#[derive(Debug, Default)]
struct Strings {
    text: String,
    ends: Vec<u32>,
}

impl Strings {
    fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = match i {
            0 => 0,
            _ => *self.ends.get(i - 1)? as usize,
        };
        self.text.get(start..end)
    }
}

/// What reading a sheet's cells needs from the rest of the workbook.
#[derive(Debug, Default)]
struct Context {
    strings: Strings,
    /// How each cell format (`s` of a cell) shows a number.
    formats: Vec<Shown>,
    is_1904: bool,
}

/// An XLSX workbook: its zip, its worksheets, and what its cells need.
pub(crate) struct XlsxBook<'a> {
    zip: Zip<'a>,
    /// The entries' names, to find a part whatever the case of its name.
    names: Vec<String>,
    sheets: Vec<SheetPart>,
    ctx: Context,
}

/// Normalises a zip path for lookups (case-insensitive, `/` separators).
fn norm(path: &str) -> String {
    path.replace('\\', "/").to_ascii_lowercase()
}

/// A part's path from a relationship's target, relative to `dir` (a folder ending with `/`,
/// or empty) unless absolute; `..` segments resolved.
fn resolve(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_owned(),
        None => format!("{dir}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// A quick-xml reader over a part read whole.
fn slice_reader(bytes: &[u8]) -> quick_xml::Reader<&[u8]> {
    let mut r = quick_xml::Reader::from_reader(bytes);
    let c = r.config_mut();
    c.check_end_names = false;
    c.check_comments = false;
    c.trim_text(false);
    c.expand_empty_elements = false;
    r
}

/// The unescaped value of the attribute whose (local) name is `key`.
fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .map(|a| super::ods::value_of(&a))
}

/// The raw bytes of the attribute whose (local) name is `key` (for the cell's `r`, `t`,
/// `s`: ASCII, no references).
fn raw_attr<'e>(e: &'e BytesStart<'_>, key: &str) -> Option<Cow<'e, str>> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .map(|a| a.value)
}

/// `(type, target)` of each relationship of a relationships part, by id.
fn relationships(bytes: &[u8]) -> Vec<(String, String, String)> {
    let mut xml = slice_reader(bytes);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(t), Some(target)) =
                    (attr(&e, "Id"), attr(&e, "Type"), attr(&e, "Target"))
                {
                    out.push((id, t, target));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// The main part's folder and name from `_rels/.rels` (defaults `xl/` and `workbook.xml`).
fn workbook_path(rels: &[u8]) -> (String, String) {
    let target = relationships(rels)
        .into_iter()
        .find(|(_, t, _)| t.ends_with("/relationships/officeDocument"))
        .map(|(_, _, target)| resolve("", &target));
    let Some(target) = target else {
        return ("xl/".into(), "workbook.xml".into());
    };
    match target.rfind('/') {
        Some(i) => (target[..=i].to_owned(), target[i + 1..].to_owned()),
        None => (String::new(), target),
    }
}

/// The sheets of the workbook part, in order: `(name, relationship id)`, and the 1904 date
/// system.
fn workbook_sheets(bytes: &[u8]) -> Result<(Vec<(String, String)>, bool), SheetError> {
    let mut xml = slice_reader(bytes);
    let mut buf = Vec::new();
    let mut sheets = Vec::new();
    let mut is_1904 = false;
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                "workbookPr" => {
                    is_1904 =
                        attr(&e, "date1904").is_some_and(|v| matches!(v.trim(), "1" | "true"));
                }
                "sheet" => {
                    // The relationship id is `r:id` (the relationships namespace), not `sheetId`.
                    let rid = e
                        .attributes()
                        .with_checks(false)
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "id" && a.key.prefix().is_some())
                        .map(|a| super::ods::value_of(&a));
                    if let (Some(name), Some(rid)) = (attr(&e, "name"), rid) {
                        sheets.push((name, rid));
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) => break,
            Err(_) => return Err(SheetError::damaged_zip()),
            _ => {}
        }
        buf.clear();
    }
    Ok((sheets, is_1904))
}

/// How the built-in number format `id` shows a number.
fn builtin(id: u32) -> Shown {
    match id {
        14..=22 | 27..=36 | 45 | 47 | 50..=58 => Shown::Date,
        46 => Shown::Duration,
        _ => Shown::Number,
    }
}

/// How a custom number format shows a number, from its first section: a date part (`d`,
/// `m`, `y`, `h`, `s`, or `AM/PM`) outside quotes, escapes (`\x`, `_x`, `*x`) and brackets
/// makes a date; `[h]`, `[m]` or `[s]` a duration.
fn custom(code: &str) -> Shown {
    let mut escaped = false;
    let mut quoted = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut elapsed = false;
    let mut am = false;
    for c in code.chars() {
        match (c, escaped, quoted, am, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, ..) => quoted = false,
            (_, _, true, ..) => {}
            ('"', ..) => quoted = true,
            (';', ..) => return Shown::Number,
            ('[', ..) => brackets = brackets.saturating_add(1),
            (']', .., 1) if elapsed => return Shown::Duration,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => am = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return Shown::Date,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => {
                return Shown::Date
            }
            _ => {
                if !(elapsed && c.eq_ignore_ascii_case(&prev)) {
                    elapsed = prev == '[' && matches!(c, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = c;
    }
    Shown::Number
}

/// How each cell format of the styles part shows a number.
fn formats(bytes: &[u8]) -> Result<Vec<Shown>, SheetError> {
    let mut xml = slice_reader(bytes);
    let mut buf = Vec::new();
    let mut custom_codes: Vec<(u32, Shown)> = Vec::new();
    let mut out = Vec::new();
    let mut in_cell_xfs = false;
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                "numFmt" => {
                    let id = attr(&e, "numFmtId").and_then(|v| v.trim().parse().ok());
                    if let (Some(id), Some(code)) = (id, attr(&e, "formatCode")) {
                        custom_codes.push((id, custom(&code)));
                    }
                }
                "cellXfs" => in_cell_xfs = true,
                "xf" if in_cell_xfs => {
                    let id: Option<u32> = attr(&e, "numFmtId").and_then(|v| v.trim().parse().ok());
                    out.push(match id {
                        Some(id) => custom_codes
                            .iter()
                            .rev()
                            .find(|(c, _)| *c == id)
                            .map_or_else(|| builtin(id), |(_, s)| *s),
                        None => Shown::Number,
                    });
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
            Ok(Event::Eof) => break,
            Err(_) => return Err(SheetError::damaged_zip()),
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// Decodes Excel's `_xHHHH_` escapes (characters XML cannot hold, such as control
/// characters); a lone surrogate becomes U+FFFD.
fn unescape_x(s: &str) -> Cow<'_, str> {
    if !s.contains("_x") {
        return Cow::Borrowed(s);
    }
    let hex = |b: &[u8]| -> Option<u16> {
        if b.len() == 7 && b[0] == b'_' && b[1] == b'x' && b[6] == b'_' {
            u16::from_str_radix(std::str::from_utf8(&b[2..6]).ok()?, 16).ok()
        } else {
            None
        }
    };
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut copied = 0;
    while i + 7 <= b.len() {
        let Some(unit) = hex(&b[i..i + 7]) else {
            i += 1;
            continue;
        };
        out.push_str(&s[copied..i]);
        i += 7;
        let ch = match unit {
            0xD800..=0xDBFF => match b.get(i..i + 7).and_then(hex) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    i += 7;
                    char::from_u32(
                        0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00),
                    )
                }
                _ => None,
            },
            u => char::from_u32(u32::from(u)),
        };
        out.push(ch.unwrap_or(char::REPLACEMENT_CHARACTER));
        copied = i;
    }
    out.push_str(&s[copied..]);
    Cow::Owned(out)
}

/// Reads a rich or plain string element (`si`, `is`) up to its end into `out`: the text of
/// its `t` elements (phonetic runs left out), trimmed of ASCII white space unless
/// `xml:space="preserve"`, `_xHHHH_` escapes decoded. At most `max` bytes.
fn read_string<R: std::io::BufRead>(
    xml: &mut quick_xml::Reader<R>,
    end: &str,
    buf: &mut Vec<u8>,
    out: &mut String,
    max: usize,
) -> Result<(), StringError> {
    let mut phonetic = 0usize;
    let mut t = String::new();
    loop {
        buf.clear();
        match xml.read_event_into(buf)? {
            Event::Start(e) if e.local_name().as_ref() == "rPh" => phonetic += 1,
            Event::End(e) if e.local_name().as_ref() == "rPh" => {
                phonetic = phonetic.saturating_sub(1)
            }
            Event::End(e) if e.local_name().as_ref() == end => return Ok(()),
            Event::Start(e) if e.local_name().as_ref() == "t" && phonetic == 0 => {
                let preserve = attr(&e, "space").is_some_and(|v| v == "preserve");
                t.clear();
                loop {
                    buf.clear();
                    match xml.read_event_into(buf)? {
                        Event::Text(x) => t.push_str(&x.xml10_content()),
                        Event::CData(x) => t.push_str(&x.xml10_content()),
                        Event::GeneralRef(r) => push_reference(&r, &mut t),
                        Event::End(x) if x.local_name().as_ref() == "t" => break,
                        Event::Eof => return Err(StringError::Damaged),
                        _ => {}
                    }
                    if t.len() > max {
                        return Err(StringError::TooLong);
                    }
                }
                let v = if preserve {
                    t.as_str()
                } else {
                    t.trim_matches([' ', '\t', '\r', '\n'])
                };
                out.push_str(&unescape_x(v));
                if out.len() > max {
                    return Err(StringError::TooLong);
                }
            }
            Event::Eof => return Err(StringError::Damaged),
            _ => {}
        }
    }
}

/// Appends the character a reference (`&amp;`, `&#233;`) stands for.
fn push_reference(r: &quick_xml::events::BytesRef<'_>, out: &mut String) {
    let ch = match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        _ => {
            quick_xml::escape::resolve_xml_entity(&r.xml10_content()).and_then(|s| s.chars().next())
        }
    };
    if let Some(c) = ch {
        out.push(c);
    }
}

/// Why a string could not be read.
enum StringError {
    Xml(quick_xml::Error),
    Damaged,
    TooLong,
}

impl From<quick_xml::Error> for StringError {
    fn from(e: quick_xml::Error) -> Self {
        StringError::Xml(e)
    }
}

/// Reads the shared strings (a streamed part, under the per-part cap like the parts held).
fn shared_strings(
    zip: &mut Zip<'_>,
    name: &str,
    limits: &SheetLimits,
) -> Result<Strings, SheetError> {
    let (mut xml, _) = xml_stream(zip, name, limits)?;
    let mut buf = Vec::with_capacity(4096);
    let mut inner = Vec::with_capacity(1024);
    let mut strings = Strings::default();
    let max = usize::try_from(limits.max_part_bytes).unwrap_or(usize::MAX);
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "si" => {
                let room = max.saturating_sub(strings.text.len());
                match read_string(&mut xml, "si", &mut inner, &mut strings.text, room) {
                    Ok(()) => {}
                    Err(StringError::Xml(e)) => return Err(xml_error(&e, limits, None)),
                    Err(StringError::Damaged) => return Err(SheetError::damaged_zip()),
                    Err(StringError::TooLong) => {
                        return Err(SheetError::limit(
                            SheetLimit::PartSize,
                            limits.max_part_bytes,
                        ))
                    }
                }
                let end = u32::try_from(strings.text.len())
                    .map_err(|_| SheetError::limit(SheetLimit::PartSize, limits.max_part_bytes))?;
                strings.ends.push(end);
            }
            Ok(Event::Empty(e)) if e.local_name().as_ref() == "si" => {
                let end = u32::try_from(strings.text.len()).unwrap_or(u32::MAX);
                strings.ends.push(end);
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(xml_error(&e, limits, None)),
            _ => {}
        }
    }
    Ok(strings)
}

impl<'a> XlsxBook<'a> {
    pub(crate) fn open(
        mut zip: Zip<'a>,
        entries: &[Entry],
        limits: &SheetLimits,
    ) -> Result<Self, SheetError> {
        let names: Vec<String> = entries.iter().map(|e| e.name.clone()).collect();
        let find = |path: &str| {
            let n = norm(path);
            names.iter().find(|e| norm(e) == n).cloned()
        };
        let rels = match find("_rels/.rels") {
            Some(name) => guard::read_part(&mut zip, &name, limits)?.unwrap_or_default(),
            None => Vec::new(),
        };
        let (dir, wb) = workbook_path(&rels);
        let wb_rels_path = format!("{dir}_rels/{wb}.rels");
        let wb_rels = match find(&wb_rels_path) {
            Some(name) => {
                guard::check_entries(entries, limits, |n| norm(n) == norm(&name))?;
                guard::read_part(&mut zip, &name, limits)?.unwrap_or_default()
            }
            None => Vec::new(),
        };
        let rels = relationships(&wb_rels);
        let part_of = |kind: &str, default: &str| {
            rels.iter()
                .find(|(_, t, _)| t.ends_with(kind))
                .map(|(_, _, target)| resolve(&dir, target))
                .or_else(|| find(&format!("{dir}{default}")))
                .and_then(|p| find(&p))
        };
        let strings_part = part_of("/sharedStrings", "sharedStrings.xml");
        let styles_part = part_of("/styles", "styles.xml");
        let workbook_part = find(&format!("{dir}{wb}")).ok_or_else(SheetError::damaged_zip)?;
        // The parts read whole (or, for the shared strings, held): under the per-part cap.
        let held: Vec<String> = [
            Some("_rels/.rels".to_owned()),
            Some(workbook_part.clone()),
            Some(wb_rels_path),
            strings_part.clone(),
            styles_part.clone(),
        ]
        .into_iter()
        .flatten()
        .map(|p| norm(&p))
        .collect();
        guard::check_entries(entries, limits, |n| held.contains(&norm(n)))?;
        let workbook = guard::read_part(&mut zip, &workbook_part, limits)?.unwrap_or_default();
        let (listed, is_1904) = workbook_sheets(&workbook)?;
        let sheets = listed
            .into_iter()
            .filter_map(|(name, rid)| {
                let (_, t, target) = rels.iter().find(|(id, _, _)| *id == rid)?;
                if !t.ends_with("/worksheet") {
                    return None;
                }
                let part = find(&resolve(&dir, target))?;
                Some(SheetPart { name, part })
            })
            .collect();
        let formats = match &styles_part {
            Some(p) => formats(&guard::read_part(&mut zip, p, limits)?.unwrap_or_default())?,
            None => Vec::new(),
        };
        let strings = match &strings_part {
            Some(p) => shared_strings(&mut zip, p, limits)?,
            None => Strings::default(),
        };
        Ok(XlsxBook {
            zip,
            names,
            sheets,
            ctx: Context {
                strings,
                formats,
                is_1904,
            },
        })
    }

    pub(crate) fn sheet_names(&self) -> Vec<String> {
        self.sheets.iter().map(|s| s.name.clone()).collect()
    }

    pub(crate) fn sheet(
        &mut self,
        name: Option<&str>,
        limits: &SheetLimits,
    ) -> Result<(String, XlsxRows<'_>), SheetError> {
        let chosen = match name {
            None => self.sheets.first().cloned().ok_or(SheetError::NoSheet)?,
            Some(n) => {
                if self.sheets.is_empty() {
                    return Err(SheetError::NoSheet);
                }
                self.sheets
                    .iter()
                    .find(|s| s.name == n)
                    .cloned()
                    .ok_or_else(|| SheetError::SheetNotFound {
                        name: n.to_owned(),
                        available: self.sheet_names(),
                    })?
            }
        };
        debug_assert!(self.names.contains(&chosen.part));
        let (xml, _) = xml_stream(&mut self.zip, &chosen.part, limits)?;
        Ok((
            chosen.name,
            XlsxRows {
                xml,
                ctx: &self.ctx,
                limits: *limits,
                buf: Vec::with_capacity(4096),
                inner: Vec::with_capacity(1024),
                value: String::new(),
                line: 0,
                last_row: None,
                in_data: false,
                ended: false,
            },
        ))
    }
}

/// The rows of one XLSX sheet.
pub(crate) struct XlsxRows<'w> {
    xml: XmlStream<'w>,
    ctx: &'w Context,
    limits: SheetLimits,
    buf: Vec<u8>,
    inner: Vec<u8>,
    value: String,
    /// The current row (1-based).
    line: u64,
    /// The last row the sheet declares (`dimension`), for progress.
    last_row: Option<u64>,
    /// Inside `sheetData`.
    in_data: bool,
    ended: bool,
}

/// What a cell element says before its value is read.
struct CellHead {
    col: Option<u64>,
    kind: Kind,
    style: usize,
}

/// A cell's type attribute.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Shared,
    Str,
    Inline,
    Bool,
    Error,
    IsoDate,
    Number,
}

/// The column (0-based) of a cell reference `AB12`, if it starts with letters.
fn column_of(r: &[u8]) -> Option<u64> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 {
        return None;
    }
    let mut col: u64 = 0;
    for &b in &r[..letters] {
        col = col
            .saturating_mul(26)
            .saturating_add(u64::from(b.to_ascii_uppercase() - b'A' + 1));
    }
    Some(col - 1)
}

/// The row of a reference (`A1:DG100001` gives 100001: the part after `:`, else the whole).
fn row_of(r: &[u8]) -> Option<u64> {
    let end = r.rsplit(|&b| b == b':').next().unwrap_or(r);
    let digits: Vec<u8> = end
        .iter()
        .skip_while(|b| b.is_ascii_alphabetic() || **b == b'$')
        .copied()
        .collect();
    std::str::from_utf8(&digits).ok()?.parse().ok()
}

impl XlsxRows<'_> {
    fn line32(&self) -> Option<u32> {
        Some(u32::try_from(self.line).unwrap_or(u32::MAX))
    }

    fn damaged(&self) -> SheetError {
        SheetError::Damaged {
            line: (self.line > 0).then(|| self.line32()).flatten(),
        }
    }

    fn err(&self, e: &quick_xml::Error) -> SheetError {
        let line = (self.line > 0).then(|| self.line32()).flatten();
        xml_error(e, &self.limits, line)
    }

    /// Reads the cells of the row just started, into `rb`, up to the row's end.
    fn read_cells(&mut self, rb: &mut RowBuf) -> Result<(), SheetError> {
        let mut next_col: u64 = 0;
        loop {
            self.buf.clear();
            let (e, empty) = match self.xml.read_event_into(&mut self.buf) {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) if e.local_name().as_ref() == "row" => return Ok(()),
                Ok(Event::Eof) => return Err(self.damaged()),
                Ok(_) => continue,
                Err(e) => return Err(self.err(&e)),
            };
            if e.local_name().as_ref() != "c" {
                continue;
            }
            // One pass over the attributes (the hot path: once per cell).
            let mut head = CellHead {
                col: None,
                kind: Kind::Number,
                style: 0,
            };
            for a in e.attributes().with_checks(false).flatten() {
                let v = a.value;
                match a.key.local_name().as_ref() {
                    "r" => head.col = column_of(v.as_bytes()),
                    "t" => {
                        head.kind = match v.as_ref() {
                            "s" => Kind::Shared,
                            "str" => Kind::Str,
                            "inlineStr" => Kind::Inline,
                            "b" => Kind::Bool,
                            "e" => Kind::Error,
                            "d" => Kind::IsoDate,
                            _ => Kind::Number,
                        }
                    }
                    "s" => head.style = v.trim().parse().unwrap_or(0),
                    _ => {}
                }
            }
            drop(e);
            let col = head.col.unwrap_or(next_col);
            next_col = col.saturating_add(1);
            if empty {
                continue;
            }
            let cell = self.read_cell(&head)?;
            rb.set(col, cell)?;
        }
    }

    /// Reads a cell's content up to its end: its value, or its inline text.
    fn read_cell(&mut self, head: &CellHead) -> Result<Cell, SheetError> {
        let max = self.limits.max_cell_bytes;
        let line = self.line32().unwrap_or(u32::MAX);
        let too_long = || SheetError::limit_at(SheetLimit::CellLength, max as u64, line);
        self.value.clear();
        let mut inline: Option<String> = None;
        loop {
            self.buf.clear();
            let (e, is_start) = match self.xml.read_event_into(&mut self.buf) {
                Ok(Event::Start(e)) => (e, true),
                Ok(Event::Empty(e)) => (e, false),
                Ok(Event::End(e)) if e.local_name().as_ref() == "c" => break,
                Ok(Event::Eof) => return Err(self.damaged()),
                Ok(_) => continue,
                Err(e) => return Err(self.err(&e)),
            };
            if !is_start {
                continue;
            }
            match e.local_name().as_ref() {
                "v" => loop {
                    self.inner.clear();
                    match self.xml.read_event_into(&mut self.inner) {
                        Ok(Event::Text(t)) => self.value.push_str(&t.xml10_content()),
                        Ok(Event::GeneralRef(r)) => push_reference(&r, &mut self.value),
                        Ok(Event::End(x)) if x.local_name().as_ref() == "v" => break,
                        Ok(Event::Eof) => return Err(self.damaged()),
                        Ok(_) => {}
                        Err(e) => return Err(self.err(&e)),
                    }
                    if self.value.len() > max {
                        return Err(too_long());
                    }
                },
                "is" => {
                    let mut s = String::new();
                    match read_string(&mut self.xml, "is", &mut self.inner, &mut s, max) {
                        Ok(()) => inline = Some(s),
                        Err(StringError::Xml(e)) => return Err(self.err(&e)),
                        Err(StringError::Damaged) => return Err(self.damaged()),
                        Err(StringError::TooLong) => return Err(too_long()),
                    }
                }
                _ => {
                    // A formula (`f`) or anything else: its content is skipped.
                    let end = e.name().as_ref().to_owned();
                    drop(e);
                    self.inner.clear();
                    if let Err(e) = self
                        .xml
                        .read_to_end_into(quick_xml::name::QName(&end), &mut self.inner)
                    {
                        return Err(self.err(&e));
                    }
                }
            }
        }
        self.cell(head, inline)
    }

    /// The typed cell of a value (or an inline text); a shared-string index past the table
    /// is damage.
    fn cell(&self, head: &CellHead, inline: Option<String>) -> Result<Cell, SheetError> {
        let v = self.value.as_str();
        Ok(match head.kind {
            Kind::Inline => inline.map_or(Cell::Empty, Cell::Text),
            Kind::Shared => {
                let i: Option<usize> = v.trim().parse().ok();
                match i.and_then(|i| self.ctx.strings.get(i)) {
                    Some(s) => Cell::Text(s.to_owned()),
                    None if v.trim().is_empty() => Cell::Empty,
                    None => return Err(self.damaged()),
                }
            }
            Kind::Str => Cell::Text(unescape_x(v).into_owned()),
            Kind::Bool => match v.trim() {
                "1" | "true" => Cell::Bool(true),
                "0" | "false" => Cell::Bool(false),
                "" => Cell::Empty,
                other => Cell::Text(other.to_owned()),
            },
            Kind::Error => Cell::Error(v.trim().to_owned()),
            Kind::IsoDate => match parse_iso_datetime(v) {
                Some(d) => Cell::Date(d),
                None if v.trim().is_empty() => Cell::Empty,
                None => Cell::Text(v.to_owned()),
            },
            Kind::Number => {
                if let Some(s) = inline {
                    return Ok(Cell::Text(s));
                }
                let t = v.trim();
                if t.is_empty() {
                    return Ok(Cell::Empty);
                }
                let Ok(f) = t.parse::<f64>() else {
                    return Ok(Cell::Text(v.to_owned()));
                };
                let shown = self
                    .ctx
                    .formats
                    .get(head.style)
                    .copied()
                    .unwrap_or(Shown::Number);
                match shown {
                    Shown::Number => Cell::number(f),
                    Shown::Duration => {
                        serial_seconds(f).map_or_else(|| Cell::number(f), Cell::Time)
                    }
                    Shown::Date if (0.0..1.0).contains(&f) => {
                        serial_seconds(f).map_or_else(|| Cell::number(f), Cell::Time)
                    }
                    Shown::Date => serial_to_datetime(f, self.ctx.is_1904)
                        .map_or_else(|| Cell::number(f), Cell::Date),
                }
            }
        })
    }
}

impl RowSource for XlsxRows<'_> {
    fn progress(&self) -> Option<(u64, u64)> {
        let last = self.last_row?;
        (last > 0 && self.line <= last).then_some((self.line, last))
    }

    fn next_row(&mut self, rb: &mut RowBuf) -> Result<bool, SheetError> {
        if self.ended {
            return Ok(false);
        }
        loop {
            self.buf.clear();
            let ev = self.xml.read_event_into(&mut self.buf);
            let (e, empty) = match ev {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) if e.local_name().as_ref() == "sheetData" => {
                    self.ended = true;
                    return Ok(false);
                }
                Ok(Event::Eof) => {
                    self.ended = true;
                    // A sheet part that never opened its data has no row; one cut short in
                    // its data is damaged.
                    return if self.in_data {
                        Err(self.damaged())
                    } else {
                        Ok(false)
                    };
                }
                Ok(_) => continue,
                Err(e) => {
                    self.ended = true;
                    return Err(self.err(&e));
                }
            };
            match e.local_name().as_ref() {
                "dimension" => {
                    self.last_row = raw_attr(&e, "ref").and_then(|r| row_of(r.as_bytes()));
                }
                "sheetData" => {
                    if empty {
                        self.ended = true;
                        return Ok(false);
                    }
                    self.in_data = true;
                }
                "row" if self.in_data => {
                    let r: Option<u64> = raw_attr(&e, "r")
                        .and_then(|r| r.trim().parse().ok())
                        .filter(|&r: &u64| r > 0);
                    drop(e);
                    self.line = r.unwrap_or(self.line.saturating_add(1));
                    rb.start(self.line);
                    if !empty {
                        if let Err(err) = self.read_cells(rb) {
                            self.ended = true;
                            return Err(err);
                        }
                    }
                    if rb.has_values() {
                        return Ok(true);
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats_that_show_dates() {
        let cases: &[(&str, Shown)] = &[
            ("dd/mm/yyyy", Shown::Date),
            ("yyyy\\-mm\\-dd", Shown::Date),
            ("yyyy-mm-dd hh:mm:ss", Shown::Date),
            ("h:mm AM/PM", Shown::Date),
            ("[h]:mm:ss", Shown::Duration),
            ("[mm]:ss", Shown::Duration),
            ("0.00", Shown::Number),
            ("General", Shown::Number),
            ("\"day\" 0", Shown::Number),
            ("[Red]0.00", Shown::Number),
            ("0;[Red]-0;\"d\"", Shown::Number),
            ("#,##0 \\d", Shown::Number),
            ("_d0", Shown::Number),
            ("@", Shown::Number),
            ("[$-40C]dddd d mmmm yyyy", Shown::Date),
        ];
        for (code, want) in cases {
            assert_eq!(custom(code), *want, "{code}");
        }
        assert_eq!(builtin(14), Shown::Date);
        assert_eq!(builtin(22), Shown::Date);
        assert_eq!(builtin(46), Shown::Duration);
        assert_eq!(builtin(49), Shown::Number);
        assert_eq!(builtin(1), Shown::Number);
    }

    #[test]
    fn references_and_paths() {
        assert_eq!(column_of(b"A1"), Some(0));
        assert_eq!(column_of(b"Z9"), Some(25));
        assert_eq!(column_of(b"AA1"), Some(26));
        assert_eq!(column_of(b"XFD1048576"), Some(16_383));
        assert_eq!(column_of(b"1A"), None);
        assert_eq!(column_of(b"ZZZZZZZZZZZZZZZZZZZZ1"), Some(u64::MAX - 1));
        assert_eq!(row_of(b"A1:DG100001"), Some(100_001));
        assert_eq!(row_of(b"B7"), Some(7));
        assert_eq!(row_of(b"$A$1:$C$3"), Some(3));
        assert_eq!(row_of(b":"), None);
        assert_eq!(
            resolve("xl/", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/", "/xl/worksheets/s.xml"),
            "xl/worksheets/s.xml"
        );
        assert_eq!(resolve("xl/", "../other/s.xml"), "other/s.xml");
        assert_eq!(unescape_x("a_x000D_b"), "a\rb");
        assert_eq!(unescape_x("_xD83D__xDE00_"), "\u{1F600}");
        assert_eq!(unescape_x("_xD83D_"), "\u{FFFD}");
        assert_eq!(unescape_x("_x00_ x_"), "_x00_ x_");
    }
}
