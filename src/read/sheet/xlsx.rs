//! XLSX through `calamine`, cell by cell (`worksheet_cells_reader`: the whole-sheet API
//! would hold every cell). Before `calamine` opens the file, this module finds the parts it
//! reads whole (package and workbook relationships, workbook, styles, shared strings, as
//! `calamine` names them) and checks them against the per-part cap, scans every large entry
//! for an over-long XML token (`calamine`'s XML buffers cannot be bounded otherwise), and
//! checks the shared-strings table's declared count (which `calamine` reserves up front).

use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, SheetType, Xlsx, XlsxCellReader, XlsxError};
use quick_xml::events::Event;

use super::cell::Cell;
use super::dates::{serial_seconds, serial_to_datetime};
use super::guard::{self, Entry, Zip};
use super::rows::RowBuf;
use super::{RowSource, SheetError, SheetLimit, SheetLimits};

/// An XLSX workbook opened by `calamine`.
pub(crate) struct XlsxBook<'a> {
    book: Xlsx<Cursor<&'a [u8]>>,
    sheets: Vec<String>,
    is_1904: bool,
}

/// Normalises a zip path as `calamine` looks it up (case-insensitive, `/` separators).
fn norm(path: &str) -> String {
    path.replace('\\', "/").to_ascii_lowercase()
}

/// The main part's folder and name from `_rels/.rels`, as `calamine` resolves them
/// (defaults `xl/` and `workbook.xml`).
fn workbook_path(rels: &[u8]) -> (String, String) {
    let mut reader = quick_xml::Reader::from_reader(rels);
    let mut buf = Vec::new();
    let mut target = None;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                let mut is_doc = false;
                let mut t = None;
                for a in e.attributes().flatten() {
                    match a.key.as_ref() {
                        "Type" => is_doc = a.value.ends_with("/relationships/officeDocument"),
                        "Target" => t = Some(super::ods::value_of(&a)),
                        _ => {}
                    }
                }
                if is_doc && t.is_some() {
                    target = t;
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    let Some(target) = target else {
        return ("xl/".into(), "workbook.xml".into());
    };
    let (dir, name) = match target.rfind('/') {
        Some(i) => target.split_at(i + 1),
        None => ("", target.as_str()),
    };
    let dir = dir.strip_prefix('/').unwrap_or(dir).to_owned();
    let name = if name.is_empty() {
        "workbook.xml"
    } else {
        name
    };
    (dir, name.to_owned())
}

/// The `uniqueCount` of the shared-strings table, read from the start of the part.
fn unique_count(zip: &mut Zip<'_>, name: &str) -> Result<Option<u64>, SheetError> {
    let f = zip.by_name(name).map_err(|_| SheetError::damaged_zip())?;
    // The `sst` start tag is at the beginning of the part: 64 KiB is ample.
    let mut head = Vec::new();
    f.take(64 * 1024)
        .read_to_end(&mut head)
        .map_err(|_| SheetError::damaged_zip())?;
    let mut reader = quick_xml::Reader::from_reader(head.as_slice());
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                return Ok(e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == "uniqueCount")
                    .and_then(|a| a.value.trim().parse().ok()));
            }
            Ok(Event::Eof) | Err(_) => return Ok(None),
            _ => {}
        }
        buf.clear();
    }
}

impl<'a> XlsxBook<'a> {
    pub(crate) fn open(
        bytes: &'a [u8],
        mut zip: Zip<'a>,
        entries: &[Entry],
        limits: &SheetLimits,
    ) -> Result<Self, SheetError> {
        let find = |path: &str| {
            let n = norm(path);
            entries
                .iter()
                .find(|e| norm(&e.name) == n)
                .map(|e| e.name.clone())
        };
        let rels = match find("_rels/.rels") {
            Some(name) => guard::read_part(&mut zip, &name, limits)?.unwrap_or_default(),
            None => Vec::new(),
        };
        let (dir, wb) = workbook_path(&rels);
        let held: Vec<String> = [
            "_rels/.rels".to_owned(),
            format!("{dir}{wb}"),
            format!("{dir}_rels/{wb}.rels"),
            format!("{dir}sharedStrings.xml"),
            format!("{dir}styles.xml"),
        ]
        .iter()
        .map(|p| norm(p))
        .collect();
        guard::check_entries(entries, limits, |n| held.contains(&norm(n)))?;
        for (i, e) in entries.iter().enumerate() {
            if e.size > limits.max_token_bytes as u64 {
                guard::scan_tokens(&mut zip, i, limits)?;
            }
        }
        if let Some(name) = find(&format!("{dir}sharedStrings.xml")) {
            let size = entries
                .iter()
                .find(|e| e.name == name)
                .map_or(0, |e| e.size);
            // `<si/>` is the shortest entry: a larger count is a lie that would reserve
            // memory for nothing.
            if unique_count(&mut zip, &name)?.is_some_and(|n| n > size / 5) {
                return Err(SheetError::limit(
                    SheetLimit::PartSize,
                    limits.max_part_bytes,
                ));
            }
        }
        drop(zip);
        let book = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
            XlsxError::Password => SheetError::Encrypted,
            _ => SheetError::damaged_zip(),
        })?;
        let sheets = book
            .sheets_metadata()
            .iter()
            .filter(|s| s.typ == SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .collect();
        let is_1904 = book.has_1904_epoch();
        Ok(XlsxBook {
            book,
            sheets,
            is_1904,
        })
    }

    pub(crate) fn sheet_names(&self) -> Vec<String> {
        self.sheets.clone()
    }

    pub(crate) fn sheet(
        &mut self,
        name: Option<&str>,
        _limits: &SheetLimits,
    ) -> Result<(String, XlsxRows<'_, 'a>), SheetError> {
        let chosen = match name {
            None => self.sheets.first().cloned().ok_or(SheetError::NoSheet)?,
            Some(n) => {
                if self.sheets.is_empty() {
                    return Err(SheetError::NoSheet);
                }
                self.sheets
                    .iter()
                    .find(|s| *s == n)
                    .cloned()
                    .ok_or_else(|| SheetError::SheetNotFound {
                        name: n.to_owned(),
                        available: self.sheets.clone(),
                    })?
            }
        };
        let is_1904 = self.is_1904;
        let cells = self
            .book
            .worksheet_cells_reader(&chosen)
            .map_err(|_| SheetError::damaged_zip())?;
        Ok((
            chosen,
            XlsxRows {
                cells,
                is_1904,
                pending: None,
                line: 0,
                started: false,
                ended: false,
            },
        ))
    }
}

/// The rows of one XLSX sheet.
pub(crate) struct XlsxRows<'w, 'a> {
    cells: XlsxCellReader<'w, Cursor<&'a [u8]>>,
    is_1904: bool,
    /// The first cell of the next row, read while finishing the current one.
    pending: Option<(u32, u32, Cell)>,
    /// The current row (1-based).
    line: u32,
    /// A row is being assembled.
    started: bool,
    /// The end of the sheet (or an error) was met.
    ended: bool,
}

/// A `calamine` cell as a typed cell. Only date-formatted numbers are dates (`calamine`
/// decides from the cell's number format); a date below day 1 is a time of day.
fn convert(v: DataRef<'_>, is_1904: bool) -> Cell {
    match v {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Int(i),
        DataRef::Float(f) => Cell::number(f),
        DataRef::String(s) => Cell::Text(s),
        DataRef::SharedString(s) => Cell::Text(s.to_owned()),
        DataRef::Bool(b) => Cell::Bool(b),
        DataRef::DateTime(d) => {
            let f = d.as_f64();
            if d.is_duration() || (0.0..1.0).contains(&f) {
                serial_seconds(f).map_or_else(|| Cell::number(f), Cell::Time)
            } else {
                serial_to_datetime(f, is_1904).map_or_else(|| Cell::number(f), Cell::Date)
            }
        }
        DataRef::DateTimeIso(s) => super::dates::parse_iso_datetime(&s)
            .map(Cell::Date)
            .unwrap_or(Cell::Text(s)),
        DataRef::DurationIso(s) => super::dates::parse_iso_duration(&s)
            .map(Cell::Time)
            .unwrap_or(Cell::Text(s)),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

impl RowSource for XlsxRows<'_, '_> {
    fn progress(&self) -> Option<(u64, u64)> {
        // The sheet's declared last row (`<dimension ref="A1:DG100001"/>`), when it has one.
        let last = u64::from(self.cells.dimensions().end.0) + 1;
        let line = u64::from(self.line);
        (last > 1 && line <= last).then_some((line, last))
    }

    fn next_row(&mut self, buf: &mut RowBuf) -> Result<bool, SheetError> {
        if self.ended {
            return Ok(false);
        }
        loop {
            let next = match self.pending.take() {
                Some(p) => Some(p),
                None => match self.cells.next_cell() {
                    Ok(Some(c)) => {
                        let (r, k) = c.get_position();
                        Some((r, k, convert(c.get_value().clone(), self.is_1904)))
                    }
                    Ok(None) => None,
                    Err(_) => {
                        self.ended = true;
                        return Err(SheetError::Damaged {
                            line: self.started.then_some(self.line),
                        });
                    }
                },
            };
            let Some((row, col, cell)) = next else {
                self.ended = true;
                return Ok(self.started && buf.has_values());
            };
            let line = row.saturating_add(1);
            if !self.started || line != self.line {
                if self.started && buf.has_values() {
                    // The current row is complete; this cell starts the next one.
                    self.pending = Some((row, col, cell));
                    self.started = false;
                    return Ok(true);
                }
                self.started = true;
                self.line = line;
                buf.start(u64::from(line));
            }
            buf.set(u64::from(col), cell)?;
        }
    }
}
