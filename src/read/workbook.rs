//! A workbook (XLSX, ODS) as the input of any command: its bytes are held whole (a zip needs
//! random access; `SheetLimits::max_workbook_bytes`), then at the end of the input one sheet
//! is read row by row ([`super::sheet`]) and turned into records exactly as a CSV file's
//! lines are: the header found among the first rows and the rows above it skipped, the
//! columns analysed by the same code ([`super::header`]), each cell rendered for the column
//! it feeds, trailing totals held back, then the same spreadsheet-damage checks.
//!
//! Differences with CSV, all from the cell types (docs/spec/INTERFACES.md "Spreadsheet
//! input"): a number needs no leading zero (`NUMDEP` 1 is `01`, no finding), a date cell is
//! a date; a number in a name column and a decimal number in a code column are findings
//! (`number-in-name`, `non-integer-number`). A row shorter than the header is normal (empty
//! trailing cells are not stored); a value beyond the header's last column is a
//! `field-count` error. `line` is the sheet's row number; the encoding is UTF-8 and there is
//! no delimiter.
//!
//! The whole sheet is read within [`WorkbookReader::finish`]: the sink's
//! [`Sink::pause`](super::Sink::pause) is called every [`PAUSE_ROWS`] records so that the
//! caller takes the outputs produced so far and shows progress.

use super::columns::{value_class, ColumnMap, IdentityRole, Target, ValueClass, CODES};
use super::header;
use super::sheet::{
    render_into, Cell, CellProblem, ColumnKind, SheetError, SheetLimit, SheetLimits, Workbook,
    WorkbookFormat,
};
use super::{repair, trim_value, Format, InputInfo, Layout, Limits, ReadError, Sink};
use crate::finding::{finding, quote, Code, Finding};
use crate::record::{IdentityColumns, Record};
use std::collections::VecDeque;

/// Records between two calls of the sink's `pause`.
pub const PAUSE_ROWS: u64 = 512;

/// The reader of a workbook input.
#[derive(Debug)]
pub(crate) struct WorkbookReader {
    bytes: Vec<u8>,
    sheet: Option<String>,
    repair: bool,
    keep_raw: bool,
    limits: SheetLimits,
    map: ColumnMap,
    format: Option<WorkbookFormat>,
    sheet_name: Option<String>,
    rows: u64,
    identity: IdentityColumns,
    legacy: bool,
    trailing: u64,
}

/// A sheet row kept aside: `(line, cells)`.
type HeldRow = (u32, Vec<Cell>);

/// What reading the records needs, once the header is known.
struct Columns {
    targets: Vec<Target>,
    kinds: Vec<ColumnKind>,
}

impl WorkbookReader {
    /// A reader for a workbook input; `sheet`: the sheet to read (`None`: the first).
    pub(crate) fn new(
        sheet: Option<String>,
        repair: bool,
        keep_raw: bool,
        limits: Limits,
        map: ColumnMap,
        size_hint: Option<u64>,
    ) -> Self {
        let limits = SheetLimits::from_read_limits(&limits);
        let mut bytes = Vec::new();
        if let Some(n) = size_hint {
            if limits.max_workbook_bytes == 0 || n <= limits.max_workbook_bytes {
                bytes.reserve_exact(usize::try_from(n).unwrap_or(0));
            }
        }
        WorkbookReader {
            bytes,
            sheet,
            repair,
            keep_raw,
            limits,
            map,
            format: None,
            sheet_name: None,
            rows: 0,
            identity: IdentityColumns::default(),
            legacy: false,
            trailing: 0,
        }
    }

    /// Holds the next bytes of the workbook, within the size limit.
    pub(crate) fn push(&mut self, chunk: &[u8]) -> Result<(), ReadError> {
        let max = self.limits.max_workbook_bytes;
        if max > 0 && (self.bytes.len() + chunk.len()) as u64 > max {
            return Err(SheetError::Limit {
                limit: SheetLimit::WorkbookSize,
                value: max,
                line: None,
            }
            .into());
        }
        self.bytes.extend_from_slice(chunk);
        Ok(())
    }

    /// Reads the sheet: every record goes to `sink`. The bytes are released at the end.
    pub(crate) fn finish(&mut self, sink: &mut dyn Sink) -> Result<(), ReadError> {
        let bytes = std::mem::take(&mut self.bytes);
        let r = self.read(&bytes, sink);
        drop(bytes);
        r
    }

    pub(crate) fn fill_info(&self, info: &mut InputInfo) {
        info.format = self.format.map(|f| match f {
            WorkbookFormat::Xlsx => Format::Xlsx,
            WorkbookFormat::Ods => Format::Ods,
        });
        info.encoding = "UTF-8";
        info.delimiter = None;
        info.rows = self.rows;
        info.identity = self.identity;
        info.legacy_2011 = self.legacy;
        info.sheet.clone_from(&self.sheet_name);
    }

    /// Trailing lines skipped at the end of the sheet.
    pub(crate) fn trailing(&self) -> u64 {
        self.trailing
    }

    fn read(&mut self, bytes: &[u8], sink: &mut dyn Sink) -> Result<(), ReadError> {
        let mut wb = Workbook::open(bytes, self.limits)?;
        self.format = Some(wb.format());
        let mut sheet = wb.sheet(self.sheet.as_deref())?;
        self.sheet_name = Some(sheet.name().to_owned());

        let (first, h, titled) = first_rows(&mut sheet, &self.map)?;
        let header_line = first[h].0;
        let header_cells = header_texts(&first[h].1);
        let analysis = header::analyse(&mut self.map, &header_cells);
        self.legacy = analysis.legacy;
        self.identity = analysis.identity;
        if titled && !self.legacy {
            let line = u64::from(header_line);
            sink.file_finding(header::title_finding(line - 1, line));
        }
        for f in analysis.findings {
            sink.file_finding(f);
        }
        let cols = Columns {
            kinds: analysis
                .targets
                .iter()
                .map(|&t| ColumnKind::of(t))
                .collect(),
            targets: analysis.targets,
        };
        sink.encoding("UTF-8");
        sink.layout(&Layout {
            format: match wb_format(self.format) {
                WorkbookFormat::Xlsx => Format::Xlsx,
                WorkbookFormat::Ods => Format::Ods,
            },
            delimiter: b';',
            crlf: false,
            header: header_cells,
            targets: cols.targets.clone(),
            xml_version: String::new(),
            xml_date_export: String::new(),
            identity: self.identity,
        });

        let mut rows = Rows {
            cols,
            held: VecDeque::new(),
            blank: 0,
            rec: Record::new(),
            findings: Vec::new(),
            text: String::new(),
            repair: self.repair,
            keep_raw: self.keep_raw,
            rows: 0,
            legacy: self.legacy,
        };
        let mut since_pause = 0u64;
        for (line, cells) in first.iter().skip(h + 1) {
            rows.row(*line, cells, sink);
        }
        drop(first);
        loop {
            let next = sheet.next_row();
            let row = match next {
                Ok(Some(r)) => r,
                Ok(None) => break,
                Err(e) => {
                    self.rows = rows.rows;
                    return Err(e.into());
                }
            };
            rows.row(row.line, row.cells, sink);
            since_pause += 1;
            if since_pause >= PAUSE_ROWS {
                since_pause = 0;
                self.rows = rows.rows;
                let (done, total) = sheet.progress().unwrap_or((0, 0));
                sink.pause(done, total)?;
            }
        }
        self.rows = rows.rows;
        if let Some((line, _)) = rows.held.front() {
            self.trailing = rows.held.len() as u64;
            if !self.legacy {
                sink.file_finding(header::trailer_finding(rows.held.len(), u64::from(*line)));
            }
        }
        if self.legacy {
            return Ok(());
        }
        if rows.blank > 0 {
            let n = rows.blank.to_string();
            sink.file_finding(finding(
                Code::BlankRecordsSkipped,
                None,
                None,
                None,
                &[("count", &n)],
            ));
        }
        if rows.rows == 0 {
            sink.file_finding(finding(Code::NoRecords, None, None, None, &[]));
        }
        Ok(())
    }
}

/// The first rows of a sheet, among which the header is (up to `header::SEARCH_LINES`
/// non-blank ones): the rows, the header's index among them, and whether a non-blank row is
/// above it (a title).
fn first_rows(
    sheet: &mut super::sheet::Sheet<'_>,
    map: &ColumnMap,
) -> Result<(Vec<HeldRow>, usize, bool), ReadError> {
    let mut first: Vec<HeldRow> = Vec::new();
    let mut nonblank = 0;
    while nonblank < header::SEARCH_LINES {
        let Some(row) = sheet.next_row()? else {
            break;
        };
        if row.cells.iter().any(is_filled) {
            nonblank += 1;
        }
        first.push((row.line, row.cells.to_vec()));
    }
    if first.is_empty() {
        return Err(SheetError::EmptySheet {
            name: sheet.name().to_owned(),
        }
        .into());
    }
    let candidates: Vec<usize> = (0..first.len())
        .filter(|&k| first[k].1.iter().any(is_filled))
        .collect();
    let h = if candidates.is_empty() {
        0
    } else {
        let known: Vec<usize> = candidates
            .iter()
            .map(|&k| {
                let texts = header_texts(&first[k].1);
                header::known_cells(map, texts.iter().map(String::as_str))
            })
            .collect();
        candidates[header::choose(&known)]
    };
    let titled = candidates.first().is_some_and(|&k| k < h);
    Ok((first, h, titled))
}

/// What the page's column-mapping step needs of a workbook: its format, its worksheets, the
/// sheet read (`sheet`, else the first) and its header's cells, found as a run finds it.
pub(crate) fn inspect(
    bytes: &[u8],
    sheet: Option<&str>,
    map: &ColumnMap,
    limits: &Limits,
) -> Result<super::Inspected, ReadError> {
    let mut wb = Workbook::open(bytes, SheetLimits::from_read_limits(limits))?;
    let format = match wb.format() {
        WorkbookFormat::Xlsx => Format::Xlsx,
        WorkbookFormat::Ods => Format::Ods,
    };
    let sheets = wb.sheet_names()?;
    let mut sh = wb.sheet(sheet)?;
    let name = sh.name().to_owned();
    let (first, h, _) = first_rows(&mut sh, map)?;
    Ok(super::Inspected {
        format: Some(format),
        encoding: "UTF-8",
        delimiter: None,
        headers: header_texts(&first[h].1),
        sheets,
        sheet: Some(name),
    })
}

fn wb_format(f: Option<WorkbookFormat>) -> WorkbookFormat {
    f.unwrap_or(WorkbookFormat::Xlsx)
}

/// The header row's cells as text (every cell as it shows).
fn header_texts(cells: &[Cell]) -> Vec<String> {
    cells
        .iter()
        .map(|c| {
            let mut t = String::new();
            render_into(c, ColumnKind::Text, &mut t);
            t
        })
        .collect()
}

/// True when a cell has a value other than spaces (a number, a date… always has one).
fn is_filled(c: &Cell) -> bool {
    match c {
        Cell::Empty => false,
        Cell::Text(s) => !header::is_blank_field(s.as_bytes()),
        _ => true,
    }
}

/// The records of the sheet after its header.
struct Rows {
    cols: Columns,
    /// Short rows held back: trailing lines unless a record follows.
    held: VecDeque<HeldRow>,
    blank: u64,
    rec: Record,
    findings: Vec<Finding>,
    text: String,
    repair: bool,
    keep_raw: bool,
    rows: u64,
    legacy: bool,
}

impl Rows {
    /// One row of the sheet after the header.
    fn row(&mut self, line: u32, cells: &[Cell], sink: &mut dyn Sink) {
        let filled = cells.iter().filter(|c| is_filled(c)).count();
        if filled == 0 {
            self.blank += 1;
            return;
        }
        if header::is_trailer(self.cols.targets.len(), filled) {
            if self.held.len() == header::TRAILER_MAX_FILLED {
                if let Some((l, c)) = self.held.pop_front() {
                    self.deliver(l, &c, sink);
                }
            }
            self.held.push_back((line, cells.to_vec()));
            return;
        }
        while let Some((l, c)) = self.held.pop_front() {
            self.deliver(l, &c, sink);
        }
        self.deliver(line, cells, sink);
    }

    fn deliver(&mut self, line: u32, cells: &[Cell], sink: &mut dyn Sink) {
        self.rows += 1;
        if self.legacy {
            return;
        }
        let rec = &mut self.rec;
        rec.clear();
        rec.row = self.rows;
        rec.line = u64::from(line);
        self.findings.clear();
        let width = self.cols.targets.len();
        let mut last_filled = 0;
        for (j, cell) in cells.iter().enumerate() {
            let kind = self.cols.kinds.get(j).copied().unwrap_or(ColumnKind::Text);
            self.text.clear();
            let problem = render_into(cell, kind, &mut self.text);
            let text = self.text.as_str();
            if !cell.is_empty() {
                last_filled = j + 1;
            }
            if self.keep_raw {
                rec.push_raw(text);
            }
            let target = self.cols.targets.get(j).copied().unwrap_or(Target::Ignored);
            match target {
                Target::Var(i) => {
                    if value_class(i) == ValueClass::FreeText {
                        rec.set(i, text);
                    } else {
                        rec.set(i, trim_value(text));
                    }
                }
                Target::Identity(role) => {
                    let id = &mut rec.identity;
                    match role {
                        IdentityRole::Prenom => id.prenom.set(text),
                        IdentityRole::NomMere => id.nommere.set(text),
                        IdentityRole::NomUsage => id.nomusage.set(text),
                        IdentityRole::Jnais => id.jnais.set(trim_value(text)),
                        IdentityRole::Numdo => id.numdo.set(text),
                    }
                }
                Target::Ignored => {}
            }
            if let Some(p) = problem {
                self.findings
                    .push(cell_finding(p, target, text, rec.row, rec.line));
            }
        }
        if self.keep_raw {
            for _ in cells.len()..width {
                rec.push_raw("");
            }
        }
        // Columns after the row's last cell are present in the sheet, empty here.
        for t in self.cols.targets.iter().skip(cells.len()) {
            if let Target::Var(i) = t {
                rec.mark_present(*i);
            }
        }
        if last_filled > width {
            let (found, expected) = (last_filled.to_string(), width.to_string());
            self.findings.push(finding(
                Code::FieldCount,
                Some(rec.row),
                Some(rec.line),
                None,
                &[("found", &found), ("expected", &expected)],
            ));
        }
        repair::check_record(rec, self.repair, &mut self.findings);
        sink.record(&self.rec, &mut self.findings);
    }
}

/// The finding of a cell's type problem (never quoting an identity value).
fn cell_finding(p: CellProblem, target: Target, text: &str, row: u64, line: u64) -> Finding {
    let code = match target {
        Target::Var(i) => CODES[i],
        t => super::columns::target_code(t).unwrap_or(""),
    };
    match p {
        CellProblem::NumberInName => finding(
            Code::NumberInName,
            Some(row),
            Some(line),
            Some(code),
            &[("variable", code)],
        ),
        CellProblem::NonIntegerInCode => {
            let value = match target {
                Target::Identity(_) => "(valeur masquée)".to_owned(),
                _ => quote(text),
            };
            finding(
                Code::NonIntegerNumber,
                Some(row),
                Some(line),
                Some(code),
                &[("variable", code), ("value", &value)],
            )
        }
    }
}

/// A workbook error is a reading error (exit status 2) with the workbook's code and message.
impl From<SheetError> for ReadError {
    fn from(e: SheetError) -> Self {
        crate::error::ErrorKind::Workbook {
            code: e.code(),
            message: e.message(),
        }
        .into()
    }
}
