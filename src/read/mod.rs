//! Bytes → records: encoding detection, CSV dialect, Olinpe XML, legacy 2011 detection,
//! column mapping and spreadsheet-damage repair. Push API: the caller feeds chunks of any
//! size (1 byte to several MB) and gets the same records and findings whatever the cut.
//!
//! How an input is read (the decisions, in one place):
//! - **Format** is decided on the first non-blank byte after an optional UTF-8 BOM: `<` is
//!   XML (root must be `DECRET`), anything else is CSV. Before that, the first 1 KiB is
//!   checked: a zip or an OLE2 file (`PK\x03\x04`, `D0 CF 11 E0`) is a workbook; UTF-16
//!   (BOM, or NUL bytes in alternation), other NUL bytes (binary) and PDF are not text.
//!   Those, an empty input, a map-file error, an unreadable workbook and a limit passed are
//!   [`ReadError`]s (exit status 2); every other problem is a finding and the run goes on.
//! - **Encoding**: UTF-8 (BOM or not) or Windows-1252, decided at the first non-ASCII field
//!   (see [`encoding`]); ASCII-only input reports "UTF-8".
//! - **CSV delimiter**: among `;`, `,` and tab, the one that splits the header line into the
//!   most cells naming a known column (variable code, identity column, mapped header, 2011
//!   marker); ties go to the one occurring most often on that line, then to `;`, `,`, tab in
//!   that order (`;` when none occurs). Quotes follow RFC 4180 (`""` inside quotes); CRLF,
//!   LF and lone CR all end a record.
//! - **Values**: coded, date, numeric and identifier values are trimmed of surrounding
//!   ASCII whitespace (spaces, tabs, stray line ends); free text (`AUTREDA`, `AUTREDJ`) and identity values are kept exactly
//!   as received (the pseudonymiser normalises names itself; `JNAIS` is trimmed).
//! - **Blank records**: empty lines are skipped; records whose every field is empty or
//!   spaces (`;;;;` rows a spreadsheet leaves after the data) are skipped too, get no row
//!   number, and are counted in one `blank-records-skipped` info.
//! - **Legacy 2011 files** (a 2011 marker column and no `TYPEV`): one `legacy-2011-file`
//!   error; records are counted in [`InputInfo::rows`] but not delivered to the sink, so no
//!   rule runs on them, and no per-column or per-record reading finding is emitted.
//! - **Spreadsheet damage** (lost leading zeros of `NUMDEP`, `MNAIS`, `JNAIS`; dates written
//!   `JJ/MM/AAAA`, `JJ-MM-AAAA`, `AAAA/MM/JJ` or without zeros): an error on the record
//!   naming the variable, or, with [`ReadOptions::repair`], the value repaired in the record
//!   and a `value-repaired` info. With `repair` (or `keep_raw`), raw CSV cells are kept in
//!   the record so that [`repair::RepairWriter`] can write the file back.
//! - **Line and row**: `row` is the 1-based data record, `line` the 1-based physical line
//!   where it starts (quoted newlines counted; for XML, the line of `<DONNEE>`; for a
//!   workbook, the sheet's row). Line feeds and carriage returns alone end lines.
//! - **Exports from reporting tools** ([`header`]): the header is the line, among the first
//!   20 non-blank ones, that names the most known columns (at least 5, else the first);
//!   lines above it are skipped (`title-lines-skipped`); one or two short lines after the
//!   records (a total, a count) are not records (`trailing-lines-skipped`).
//! - **Workbooks** (XLSX, ODS: a zip or OLE2 file, recognised on its first bytes) are held
//!   whole and read at the end of the input ([`workbook`]); see docs/spreadsheets.md.
//! - **Columns** (CSV): header cells are matched with surrounding spaces removed and ASCII
//!   letters uppercased, first against the `--map-file` headers, then the variable codes,
//!   then the identity columns. An unknown column is named in its warning by its header
//!   text — except when no column at all is known, since the first line is then probably
//!   data (names): the warning gives the column number only. The map file does not apply
//!   to XML, whose element names are the codes (identity elements are read too).
//! - **Read errors** (exit status 2): see [`crate::error::ErrorKind`]. After one, `push` and
//!   `finish` return it again.

mod columns;
pub(crate) mod csv;
pub mod encoding;
pub mod header;
pub mod repair;
pub mod sheet;
mod workbook;
mod xml;

pub use columns::{
    header_key, match_header, target_code, ColumnMap, HeaderMatch, IdentityRole, Target, CODES,
    HEADER_SYNONYMS,
};

use crate::error::ErrorKind;
use crate::finding::Finding;
use crate::record::{IdentityColumns, Record};

/// Stated limits (engine options with documented defaults, enforced with a clear message).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Maximum bytes in one field (CSV cell or XML element text).
    pub max_field_bytes: usize,
    /// Maximum number of columns in a CSV header (and fields in a CSV record).
    pub max_columns: usize,
    /// Maximum input size in bytes (0 = no limit).
    pub max_file_bytes: u64,
    /// Maximum bytes in one CSV record (all its fields) or one XML `DONNEE`.
    pub max_record_bytes: usize,
    /// Maximum nesting depth of XML elements.
    pub max_xml_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_field_bytes: 64 * 1024,
            max_columns: 2000,
            max_file_bytes: 0,
            max_record_bytes: 4 * 1024 * 1024,
            max_xml_depth: 32,
        }
    }
}

/// Options of the readers.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// `--map-file` content (`CODE=header` lines), already read as text.
    pub map_file: Option<String>,
    /// Repair unambiguous spreadsheet damage (`--repair`); also keeps raw cells in records.
    pub repair: bool,
    /// Keep the raw CSV cells in records without repairing anything (for
    /// [`repair::RepairWriter`] when it writes the input back with other changes, as
    /// `rehash` does).
    pub keep_raw: bool,
    /// Limits.
    pub limits: Limits,
    /// The sheet to read when the input is a workbook (`--sheet`; `None`: the first).
    pub sheet: Option<String>,
    /// The input's size in bytes, when known: a workbook's buffer is reserved once.
    pub size_hint: Option<u64>,
}

/// Input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Delimited text.
    Csv,
    /// Olinpe XML (`DECRET/INTRO/DONNEE`).
    Xml,
    /// An XLSX workbook (one sheet of it).
    Xlsx,
    /// An ODS workbook (one sheet of it).
    Ods,
}

impl Format {
    /// The name in the report's `input.format`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xml => "xml",
            Format::Xlsx => "xlsx",
            Format::Ods => "ods",
        }
    }

    /// A workbook (XLSX or ODS).
    pub fn is_workbook(self) -> bool {
        matches!(self, Format::Xlsx | Format::Ods)
    }
}

/// What the reader learnt about the input.
#[derive(Debug, Clone, Default)]
pub struct InputInfo {
    /// Format, once detected.
    pub format: Option<Format>,
    /// Encoding name as in the report: "UTF-8" (also for ASCII-only input) or "windows-1252".
    pub encoding: &'static str,
    /// CSV delimiter.
    pub delimiter: Option<u8>,
    /// Records read (blank records excluded; legacy 2011 records included).
    pub rows: u64,
    /// Identity columns of a nominative input.
    pub identity: IdentityColumns,
    /// The file is in the 2011 format (findings say so; records are not delivered).
    pub legacy_2011: bool,
    /// XML `VERSIONXSD`, when the input is XML and has one.
    pub xml_version: Option<String>,
    /// XML `DATEXPORT`, when the input is XML and has one.
    pub xml_date_export: Option<String>,
    /// The sheet read, when the input is a workbook.
    pub sheet: Option<String>,
}

/// A reading error: the input cannot be read at all (exit status 2). French message; the
/// kinds and their stable codes are in [`crate::error::ErrorKind`] ("Reading").
pub type ReadError = crate::error::Error;

/// The shape of the input, handed to the sink once before the first record (CSV: when the
/// header is read; XML: at the first `DONNEE`, or at the end when there is none): what
/// [`repair::RepairWriter`] needs to write the file back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Input format.
    pub format: Format,
    /// CSV delimiter byte (`;` for XML).
    pub delimiter: u8,
    /// CSV: the header line ended with CRLF (records are then written with CRLF).
    pub crlf: bool,
    /// CSV header cells, decoded, exactly as in the file (quotes removed); empty for XML.
    pub header: Vec<String>,
    /// CSV: what each column feeds; empty for XML.
    pub targets: Vec<Target>,
    /// XML `VERSIONXSD` (empty for CSV or when absent).
    pub xml_version: String,
    /// XML `DATEXPORT` (empty for CSV or when absent).
    pub xml_date_export: String,
    /// The identity columns of the input: the header's (CSV, workbooks), or the identity
    /// elements of the first record (XML: its layout is sent when that record ends, before
    /// it is delivered). Pseudonymise's refusals are decided from it at the first record,
    /// whatever the chunking (`InputInfo::identity` gathers every record's, for the report).
    pub identity: crate::record::IdentityColumns,
}

/// Receives what the reader produces.
pub trait Sink {
    /// A record, with the reading findings about it (wrong field count, repaired values…).
    fn record(&mut self, rec: &Record, findings: &mut Vec<Finding>);
    /// A file-level reading finding (unknown column, duplicated column, legacy file…).
    fn file_finding(&mut self, f: Finding);
    /// The input's layout is known (called once, before the first record).
    fn layout(&mut self, layout: &Layout) {
        let _ = layout;
    }
    /// The encoding has just been decided (called at most once, before the record whose
    /// field decided it is delivered): `"UTF-8"` or `"windows-1252"`.
    fn encoding(&mut self, name: &'static str) {
        let _ = name;
    }
    /// A workbook is read whole when its input ends, in one call: every
    /// [`workbook::PAUSE_ROWS`] records the reader calls this with how far the sheet is read
    /// (`done` out of `total`, in a unit of its own; `total` 0 when unknown), so that the
    /// caller can take the outputs produced so far and show progress. An error stops the
    /// reading with that error.
    fn pause(&mut self, done: u64, total: u64) -> Result<(), ReadError> {
        let _ = (done, total);
        Ok(())
    }
}

/// Bytes inspected before deciding what the input is.
const HEAD: usize = 1024;

#[derive(Debug)]
enum State {
    /// Collecting the first bytes.
    Detect {
        head: Vec<u8>,
    },
    /// Skipping leading blank bytes after the head was checked.
    Blank,
    Csv(Box<csv::CsvReader>),
    Xml(Box<xml::XmlReader>),
    /// A workbook, held until the end of the input.
    Workbook(Box<workbook::WorkbookReader>),
}

/// The push reader.
#[derive(Debug)]
pub struct Reader {
    repair: bool,
    keep_raw: bool,
    sheet: Option<String>,
    size_hint: Option<u64>,
    limits: Limits,
    map: ColumnMap,
    state: State,
    info: InputInfo,
    bytes: u64,
    /// The input starts with a UTF-8 BOM.
    bom: bool,
    /// The BOM is still to be skipped.
    bom_pending: bool,
    lead_lines: u64,
    failed: Option<ReadError>,
}

impl Reader {
    /// A reader with `opts`; fails when the map file is malformed.
    pub fn new(opts: ReadOptions) -> Result<Self, ReadError> {
        let map = match &opts.map_file {
            Some(text) => ColumnMap::parse(text)?,
            None => ColumnMap::default(),
        };
        Ok(Reader {
            repair: opts.repair,
            keep_raw: opts.keep_raw || opts.repair,
            sheet: opts.sheet,
            size_hint: opts.size_hint,
            limits: opts.limits,
            map,
            state: State::Detect { head: Vec::new() },
            info: InputInfo {
                encoding: "UTF-8",
                ..InputInfo::default()
            },
            bytes: 0,
            bom: false,
            bom_pending: false,
            lead_lines: 0,
            failed: None,
        })
    }

    /// Feeds a chunk.
    pub fn push(&mut self, chunk: &[u8], sink: &mut dyn Sink) -> Result<(), ReadError> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        let before = self.bytes;
        self.bytes += chunk.len() as u64;
        let max = self.limits.max_file_bytes;
        let r = if max > 0 && self.bytes > max {
            // The bytes up to the limit are read first, so that a problem met before the
            // limit is reported whatever the chunk size (found by the fuzz target `read_xml`).
            let fits = usize::try_from(max.saturating_sub(before))
                .unwrap_or(usize::MAX)
                .min(chunk.len());
            let head = chunk.get(..fits).unwrap_or(&[]);
            self.feed(head, sink)
                .and(Err(ErrorKind::LimitFileSize { limit: max }.into()))
        } else {
            self.feed(chunk, sink)
        };
        self.refresh_info();
        if let Err(e) = &r {
            self.failed = Some(e.clone());
        }
        r
    }

    /// Ends the input.
    pub fn finish(&mut self, sink: &mut dyn Sink) -> Result<InputInfo, ReadError> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        let r = self.finish_inner(sink);
        self.refresh_info();
        match r {
            Ok(()) => Ok(self.info.clone()),
            Err(e) => {
                self.failed = Some(e.clone());
                Err(e)
            }
        }
    }

    /// What is known so far (format, encoding, delimiter, rows).
    pub fn info(&self) -> &InputInfo {
        &self.info
    }

    /// See [`csv::CsvReader::split_state`]; `None` also for XML and after a read error.
    pub(crate) fn split_state(&self) -> Option<csv::SplitState> {
        match (&self.state, &self.failed) {
            (State::Csv(r), None) => r.split_state(),
            _ => None,
        }
    }

    /// A reader of a segment of a CSV file (see [`csv::CsvReader::resume`]); no file-size
    /// limit (the caller checked the whole file's size).
    pub(crate) fn resume(state: &csv::SplitState) -> Self {
        let mut limits = state.limits;
        limits.max_file_bytes = 0;
        let csv = csv::CsvReader::resume(state);
        Reader {
            repair: false,
            keep_raw: false,
            sheet: None,
            size_hint: None,
            limits,
            map: ColumnMap::default(),
            state: State::Csv(Box::new(csv)),
            info: InputInfo::default(),
            bytes: 0,
            bom: false,
            bom_pending: false,
            lead_lines: 0,
            failed: None,
        }
    }

    /// See [`csv::CsvReader::boundary`]; `None` for XML and after a read error.
    pub(crate) fn boundary(&self) -> Option<(u64, u64)> {
        match (&self.state, &self.failed) {
            (State::Csv(r), None) => r.boundary(),
            _ => None,
        }
    }

    /// The encoding decided so far (CSV), see [`csv::CsvReader::encoding`].
    pub(crate) fn csv_encoding(&self) -> Option<encoding::Encoding> {
        match &self.state {
            State::Csv(r) => Some(r.encoding()),
            _ => None,
        }
    }

    /// Trailing lines (a total, a count) skipped at the end of the input, once finished.
    pub(crate) fn trailing(&self) -> u64 {
        match &self.state {
            State::Csv(r) => r.trailing(),
            State::Workbook(r) => r.trailing(),
            _ => 0,
        }
    }

    /// See [`csv::CsvReader::segment_counts`].
    pub(crate) fn segment_counts(&self) -> Option<csv::SegmentCounts> {
        match &self.state {
            State::Csv(r) => Some(r.segment_counts()),
            _ => None,
        }
    }

    /// Bytes pushed so far (segments joined included).
    pub(crate) fn bytes(&self) -> u64 {
        self.bytes
    }

    /// See [`csv::CsvReader::join`]; the segment's bytes count as read.
    pub(crate) fn join(&mut self, bytes: u64, seg: csv::SegmentCounts, sink: &mut dyn Sink) {
        if let State::Csv(r) = &mut self.state {
            r.join(seg, sink);
        }
        self.bytes += bytes;
        self.refresh_info();
    }

    fn feed(&mut self, chunk: &[u8], sink: &mut dyn Sink) -> Result<(), ReadError> {
        match &mut self.state {
            State::Detect { head } => {
                let room = HEAD.saturating_sub(head.len());
                let take = room.min(chunk.len());
                head.extend_from_slice(&chunk[..take]);
                if head.len() < HEAD {
                    return Ok(());
                }
                let head = std::mem::take(head);
                self.inspect(&head)?;
                if let State::Workbook(w) = &mut self.state {
                    w.push(&head)?;
                    return w.push(&chunk[take..]);
                }
                self.state = State::Blank;
                self.feed_after_head(&head, sink)?;
                self.feed_after_head(&chunk[take..], sink)
            }
            State::Blank => self.feed_after_head(chunk, sink),
            State::Csv(r) => r.push(chunk, sink),
            State::Xml(r) => r.push(chunk, sink),
            State::Workbook(w) => w.push(chunk),
        }
    }

    fn finish_inner(&mut self, sink: &mut dyn Sink) -> Result<(), ReadError> {
        if let State::Detect { head } = &mut self.state {
            let head = std::mem::take(head);
            self.inspect(&head)?;
            if let State::Workbook(w) = &mut self.state {
                w.push(&head)?;
            } else {
                self.state = State::Blank;
                self.feed_after_head(&head, sink)?;
            }
        }
        match &mut self.state {
            State::Detect { .. } | State::Blank => Err(ErrorKind::EmptyFile.into()),
            State::Csv(r) => r.finish(sink),
            State::Xml(r) => r.finish(sink),
            State::Workbook(w) => w.finish(sink),
        }
    }

    /// Recognises a workbook (a zip or an OLE2 file: read whole at the end, see
    /// [`workbook`]); rejects what is not text: UTF-16, NUL bytes, PDF. Notes a UTF-8 BOM.
    fn inspect(&mut self, head: &[u8]) -> Result<(), ReadError> {
        if sheet::sniff(head) != sheet::Sniff::NotWorkbook {
            self.state = State::Workbook(Box::new(workbook::WorkbookReader::new(
                self.sheet.clone(),
                self.repair,
                self.keep_raw,
                self.limits,
                self.map.clone(),
                self.size_hint,
            )));
            return Ok(());
        }
        if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") || looks_utf16(head) {
            return Err(ErrorKind::Utf16.into());
        }
        if let Some(pos) = head.iter().position(|&b| b == 0) {
            let line = 1 + head[..pos].iter().filter(|&&b| b == b'\n').count();
            return Err(binary_error(line as u64));
        }
        if head.starts_with(b"%PDF") {
            return Err(ErrorKind::Pdf.into());
        }
        self.bom = head.starts_with(b"\xEF\xBB\xBF");
        self.bom_pending = self.bom;
        Ok(())
    }

    /// Skips leading blank bytes (and the BOM), then starts the CSV or XML reader.
    fn feed_after_head(&mut self, mut bytes: &[u8], sink: &mut dyn Sink) -> Result<(), ReadError> {
        if let State::Blank = self.state {
            if self.bom_pending {
                // `inspect` saw the BOM at the very start, so it is at the start of the head.
                bytes = bytes.get(3..).unwrap_or(&[]);
                self.bom_pending = false;
            }
            let mut i = 0;
            while let Some(&b) = bytes.get(i) {
                match b {
                    b'\n' => self.lead_lines += 1,
                    b' ' | b'\t' | b'\r' | 0x0c => {}
                    _ => break,
                }
                i += 1;
            }
            bytes = &bytes[i..];
            let Some(&first) = bytes.first() else {
                return Ok(());
            };
            let enc = if self.bom {
                encoding::Encoding::Utf8
            } else {
                encoding::Encoding::Undecided
            };
            self.state = if first == b'<' {
                State::Xml(Box::new(xml::XmlReader::new(
                    self.lead_lines,
                    enc,
                    self.repair,
                    self.limits,
                )))
            } else {
                State::Csv(Box::new(csv::CsvReader::new(
                    self.lead_lines,
                    enc,
                    self.repair,
                    self.keep_raw,
                    self.limits,
                    self.map.clone(),
                )))
            };
        }
        match &mut self.state {
            State::Csv(r) => r.push(bytes, sink),
            State::Xml(r) => r.push(bytes, sink),
            State::Detect { .. } | State::Blank | State::Workbook(_) => Ok(()),
        }
    }

    fn refresh_info(&mut self) {
        match &self.state {
            State::Csv(r) => r.fill_info(&mut self.info),
            State::Xml(r) => r.fill_info(&mut self.info),
            State::Workbook(r) => r.fill_info(&mut self.info),
            State::Detect { .. } | State::Blank => {}
        }
    }
}

/// What the page's column-mapping step needs to know of an input ([`inspect`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inspected {
    /// Its format; `None` when it cannot be read (the run will say why).
    pub format: Option<Format>,
    /// Its encoding as far as the bytes given tell (`"UTF-8"` for a workbook).
    pub encoding: &'static str,
    /// The CSV delimiter.
    pub delimiter: Option<u8>,
    /// The header's cells, decoded (CSV and workbooks; empty for XML).
    pub headers: Vec<String>,
    /// A workbook's worksheets, in order.
    pub sheets: Vec<String>,
    /// The worksheet whose header this is.
    pub sheet: Option<String>,
}

/// Finds the header of an input the way a run does, for the page's column-mapping step:
/// `bytes` are the start of a text input (its first 64 KiB hold its header: see
/// [`header::SEARCH_BYTES`]) or a whole workbook; `sheet` the worksheet to read (`None`: the
/// first); `map_file` a mapping whose headers count as known columns (ignored when
/// malformed). Never fails: an input that cannot be read gives `format: None`, and the run
/// reports why.
pub fn inspect(bytes: &[u8], map_file: Option<&str>, sheet: Option<&str>) -> Inspected {
    let map = map_file
        .and_then(|t| ColumnMap::parse(t).ok())
        .unwrap_or_default();
    let limits = Limits::default();
    if sheet::sniff(bytes) != sheet::Sniff::NotWorkbook {
        return workbook::inspect(bytes, sheet, &map, &limits).unwrap_or_default();
    }
    /// Keeps the layout the reader hands over once it has found the header.
    struct Layouts(Option<Layout>);
    impl Sink for Layouts {
        fn record(&mut self, _rec: &Record, _findings: &mut Vec<Finding>) {}
        fn file_finding(&mut self, _f: Finding) {}
        fn layout(&mut self, layout: &Layout) {
            self.0 = Some(layout.clone());
        }
    }
    let Ok(mut r) = Reader::new(ReadOptions {
        map_file: map_file.filter(|_| !map.is_empty()).map(str::to_owned),
        ..ReadOptions::default()
    }) else {
        return Inspected::default();
    };
    let mut sink = Layouts(None);
    let read = r.push(bytes, &mut sink).and_then(|()| r.finish(&mut sink));
    let info = r.info();
    match (read, sink.0, info.format) {
        (_, _, Some(Format::Xml)) => Inspected {
            format: Some(Format::Xml),
            encoding: info.encoding,
            ..Inspected::default()
        },
        (_, Some(layout), Some(Format::Csv)) => Inspected {
            format: Some(Format::Csv),
            encoding: info.encoding,
            delimiter: Some(layout.delimiter),
            headers: layout.header,
            ..Inspected::default()
        },
        _ => Inspected::default(),
    }
}

/// True when NUL bytes sit mostly at even or mostly at odd positions (UTF-16 without BOM).
fn looks_utf16(head: &[u8]) -> bool {
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in head.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let half = head.len() / 2;
    half >= 2 && (even.max(odd) * 10 >= half * 3) && (even.min(odd) * 10 <= even.max(odd))
}

/// The error for NUL bytes in the input.
pub(crate) fn binary_error(line: u64) -> ReadError {
    ErrorKind::Binary { line }.into()
}

/// Trims the spaces and tabs around a coded, date or numeric value.
#[inline]
pub(crate) fn trim_value(s: &str) -> &str {
    s.trim_ascii()
}

/// A column header shown in a finding: at most 40 characters.
pub(crate) fn shown_header(h: &str) -> String {
    let t = h.trim();
    let mut out: String = t.chars().take(40).collect();
    if t.chars().count() > 40 {
        out.push('…');
    }
    out
}
