//! Bytes → records: encoding detection, CSV dialect, Olinpe XML, legacy 2011 detection,
//! column mapping and spreadsheet-damage repair. Push API: the caller feeds chunks of any
//! size (1 byte to several MB) and gets the same records and findings whatever the cut.
//!
//! How an input is read (the decisions, in one place):
//! - **Format** is decided on the first non-blank byte after an optional UTF-8 BOM: `<` is
//!   XML (root must be `DECRET`), anything else is CSV. Before that, the first 1 KiB is
//!   checked for what is not text at all: UTF-16 (BOM, or NUL bytes in alternation),
//!   other NUL bytes (binary), a spreadsheet workbook (zip/XLSX/ODS `PK\x03\x04`, XLS
//!   `D0 CF 11 E0`). Those, an empty input, a map-file error and a limit passed are
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
//!   where it starts (quoted newlines counted; for XML, the line of `<DONNEE>`). Lines are
//!   counted by line feeds: in a file ending its lines with CR alone, every record is on
//!   line 1 for the report (rows stay right).
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
pub mod repair;
pub mod sheet;
mod xml;

pub use columns::{ColumnMap, IdentityRole, Target, CODES};

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
}

/// Input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Delimited text.
    Csv,
    /// Olinpe XML (`DECRET/INTRO/DONNEE`).
    Xml,
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
}

/// The push reader.
#[derive(Debug)]
pub struct Reader {
    repair: bool,
    keep_raw: bool,
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
                self.state = State::Blank;
                self.feed_after_head(&head, sink)?;
                self.feed_after_head(&chunk[take..], sink)
            }
            State::Blank => self.feed_after_head(chunk, sink),
            State::Csv(r) => r.push(chunk, sink),
            State::Xml(r) => r.push(chunk, sink),
        }
    }

    fn finish_inner(&mut self, sink: &mut dyn Sink) -> Result<(), ReadError> {
        if let State::Detect { head } = &mut self.state {
            let head = std::mem::take(head);
            self.inspect(&head)?;
            self.state = State::Blank;
            self.feed_after_head(&head, sink)?;
        }
        match &mut self.state {
            State::Detect { .. } | State::Blank => Err(ErrorKind::EmptyFile.into()),
            State::Csv(r) => r.finish(sink),
            State::Xml(r) => r.finish(sink),
        }
    }

    /// Rejects what is not text: workbooks, UTF-16, NUL bytes. Notes a UTF-8 BOM.
    fn inspect(&mut self, head: &[u8]) -> Result<(), ReadError> {
        if head.starts_with(b"PK\x03\x04")
            || head.starts_with(b"PK\x05\x06")
            || head.starts_with(b"\xD0\xCF\x11\xE0")
        {
            return Err(ErrorKind::Spreadsheet.into());
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
            State::Detect { .. } | State::Blank => Ok(()),
        }
    }

    fn refresh_info(&mut self) {
        match &self.state {
            State::Csv(r) => r.fill_info(&mut self.info),
            State::Xml(r) => r.fill_info(&mut self.info),
            State::Detect { .. } | State::Blank => {}
        }
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
