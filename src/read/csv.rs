//! The CSV reader: header line → delimiter and column targets; then records through
//! `csv-core` (push-style, quotes across chunk boundaries), decoded field by field.
//!
//! Nothing is buffered beyond the current record: `csv-core` copies the record's unquoted
//! field bytes into one output buffer (grown up to the stated limits), the fields are decoded
//! and stored into the reused [`Record`], and the buffer starts over.

use super::columns::{
    classify_header, is_legacy_marker, normalise_header, target_code, value_class, ColumnMap,
    IdentityRole, Target, ValueClass, CODES,
};
use super::encoding::{Decoder, Encoding};
use super::{
    binary_error, repair, shown_header, trim_value, Format, InputInfo, Layout, Limits, ReadError,
    Sink,
};
use crate::error::{ErrorKind, Syntax};
use crate::finding::{finding, Code, Finding};
use crate::record::{IdentityColumns, Record};
use csv_core::{ReadRecordResult, ReaderBuilder};

/// Candidate delimiters, in tie-break order.
const DELIMITERS: [u8; 3] = [b';', b',', b'\t'];

/// See [`CsvReader::segment_counts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SegmentCounts {
    pub rows: u64,
    pub blank: u64,
    pub lines: u64,
    pub encoding: Encoding,
}

/// See [`CsvReader::split_state`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SplitState {
    pub delimiter: u8,
    pub encoding: Encoding,
    pub targets: Vec<Target>,
    pub limits: Limits,
}

#[derive(Debug)]
pub(crate) struct CsvReader {
    /// Bytes of the header line while it is incomplete (`None` once it is fed to csv-core).
    header_buf: Option<Vec<u8>>,
    header_in_quotes: bool,
    header_done: bool,
    core: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
    /// Byte ranges of the current record's fields in the data handed to `record`.
    spans: Vec<(usize, usize)>,
    out_len: usize,
    nends: usize,
    at_start: bool,
    /// Lines not seen by csv-core (leading blank lines, line ends skipped between records).
    line_offset: u64,
    /// Line ends made of a carriage return alone (old Mac files), which csv-core ends
    /// records on but does not count as lines; and whether the last byte consumed was a
    /// carriage return whose next byte is not known yet.
    cr_lines: u64,
    pending_cr: bool,
    rec_line: u64,
    delimiter: u8,
    crlf: bool,
    targets: Vec<Target>,
    decoder: Decoder,
    scratch: String,
    rec: Record,
    findings: Vec<Finding>,
    rows: u64,
    blank_records: u64,
    legacy: bool,
    repair: bool,
    keep_raw: bool,
    limits: Limits,
    map: ColumnMap,
    identity: IdentityColumns,
    encoding_told: bool,
}

impl CsvReader {
    pub(crate) fn new(
        lead_lines: u64,
        enc: Encoding,
        repair: bool,
        keep_raw: bool,
        limits: Limits,
        map: ColumnMap,
    ) -> Self {
        CsvReader {
            header_buf: Some(Vec::new()),
            header_in_quotes: false,
            header_done: false,
            core: csv_core::Reader::new(),
            out: vec![0; 64 * 1024],
            ends: vec![0; 256],
            spans: Vec::with_capacity(256),
            out_len: 0,
            nends: 0,
            at_start: true,
            line_offset: lead_lines,
            cr_lines: 0,
            pending_cr: false,
            rec_line: 0,
            delimiter: b';',
            crlf: false,
            targets: Vec::new(),
            decoder: Decoder::with(enc),
            scratch: String::new(),
            rec: Record::new(),
            findings: Vec::new(),
            rows: 0,
            blank_records: 0,
            legacy: false,
            repair,
            keep_raw,
            limits,
            map,
            identity: IdentityColumns::default(),
            // A BOM decides the encoding before any field: nothing to tell later.
            encoding_told: enc != Encoding::Undecided,
        }
    }

    /// What a reader of a later segment of the same file needs to read it as this one
    /// would (see `engine/split.rs`): `None` before the header is read, for a legacy file,
    /// and when raw cells are kept (repair), which segments do not support.
    pub(crate) fn split_state(&self) -> Option<SplitState> {
        if self.header_buf.is_some() || !self.header_done || self.legacy || self.keep_raw {
            return None;
        }
        Some(SplitState {
            delimiter: self.delimiter,
            encoding: self.decoder.encoding(),
            targets: self.targets.clone(),
            limits: self.limits,
        })
    }

    /// A reader for a segment of a file that starts at a record boundary after the header:
    /// rows and lines are counted from the segment's start (first record: row 1, line 1).
    pub(crate) fn resume(state: &SplitState) -> Self {
        let mut r = CsvReader::new(
            0,
            state.encoding,
            false,
            false,
            state.limits,
            ColumnMap::default(),
        );
        r.header_buf = None;
        r.header_done = true;
        r.delimiter = state.delimiter;
        r.targets = state.targets.clone();
        r.core = ReaderBuilder::new().delimiter(state.delimiter).build();
        // csv-core strips a byte-order mark from the first bytes it ever reads; the file's
        // own reader has read the header by then, so a mark later in the file is data there.
        // A segment's first record must not lose it either: a lone line end (skipped between
        // records) marks the core as having read, and its line count is put back.
        let line = r.core.line();
        let (mut out, mut ends) = ([0u8; 1], [0usize; 1]);
        let _ = r.core.read_record(b"\n", &mut out, &mut ends);
        r.core.set_line(line);
        r.encoding_told = true;
        r
    }

    /// Where the reader stands when it is exactly between two records, with nothing pending:
    /// the rows read so far and the line the next record would start on. `None` otherwise
    /// (inside a record or a quoted field, a carriage return not yet resolved, no header).
    pub(crate) fn boundary(&self) -> Option<(u64, u64)> {
        let between = self.at_start && self.out_len == 0 && self.nends == 0 && !self.pending_cr;
        if self.header_buf.is_some() || !self.header_done || self.legacy || !between {
            return None;
        }
        Some((
            self.rows,
            self.core.line() + self.line_offset + self.cr_lines,
        ))
    }

    /// Counts of this reader as a segment reader: rows, blank records skipped, lines
    /// passed (the next record's line, minus one), encoding.
    pub(crate) fn segment_counts(&self) -> SegmentCounts {
        SegmentCounts {
            rows: self.rows,
            blank: self.blank_records,
            lines: (self.core.line() + self.line_offset + self.cr_lines).saturating_sub(1),
            encoding: self.decoder.encoding(),
        }
    }

    /// Jumps over a segment read elsewhere, from this reader's boundary to the next one:
    /// takes its counts (rows, blank records, lines) and the encoding it decided if this
    /// reader had not. The reader then reads on from the segment's end.
    pub(crate) fn join(&mut self, seg: SegmentCounts, sink: &mut dyn Sink) {
        let enc = seg.encoding;
        self.rows += seg.rows;
        self.blank_records += seg.blank;
        self.line_offset += seg.lines;
        if self.decoder.encoding() == Encoding::Undecided && enc != Encoding::Undecided {
            self.decoder = Decoder::with(enc);
            self.tell_encoding(sink);
        }
    }

    /// The encoding decided so far.
    pub(crate) fn encoding(&self) -> Encoding {
        self.decoder.encoding()
    }

    pub(crate) fn fill_info(&self, info: &mut InputInfo) {
        info.format = Some(Format::Csv);
        info.encoding = self.decoder.encoding().name();
        info.delimiter = if self.header_buf.is_none() {
            Some(self.delimiter)
        } else {
            None
        };
        info.rows = self.rows;
        info.identity = self.identity;
        info.legacy_2011 = self.legacy;
    }

    pub(crate) fn push(&mut self, chunk: &[u8], sink: &mut dyn Sink) -> Result<(), ReadError> {
        let Some(buf) = &mut self.header_buf else {
            return self.feed(chunk, sink);
        };
        // Collect the header line: up to the first line end outside quotes (a CR's LF, if
        // any, is then skipped between records like any other line end).
        let mut end = None;
        for (i, &b) in chunk.iter().enumerate() {
            match b {
                b'"' => self.header_in_quotes = !self.header_in_quotes,
                b'\n' | b'\r' if !self.header_in_quotes => {
                    end = Some(i + 1);
                    break;
                }
                _ => {}
            }
        }
        let take = end.unwrap_or(chunk.len());
        buf.extend_from_slice(&chunk[..take]);
        if end.is_none() {
            if buf.len() > self.limits.max_record_bytes {
                return Err(limit_record(
                    self.limits.max_record_bytes,
                    1 + self.line_offset,
                ));
            }
            return Ok(());
        }
        let header = std::mem::take(buf);
        self.start(&header);
        self.feed(&header, sink)?;
        self.feed(&chunk[take..], sink)
    }

    pub(crate) fn finish(&mut self, sink: &mut dyn Sink) -> Result<(), ReadError> {
        if let Some(buf) = &mut self.header_buf {
            let header = std::mem::take(buf);
            self.start(&header);
            self.feed(&header, sink)?;
        }
        if !self.at_start {
            self.feed_core(&[], sink)?;
        }
        if self.legacy {
            return Ok(());
        }
        if self.blank_records > 0 {
            let n = self.blank_records.to_string();
            sink.file_finding(finding(
                Code::BlankRecordsSkipped,
                None,
                None,
                None,
                &[("count", &n)],
            ));
        }
        if self.rows == 0 {
            sink.file_finding(finding(Code::NoRecords, None, None, None, &[]));
        }
        Ok(())
    }

    /// Chooses the delimiter on the header line and builds the csv-core reader.
    fn start(&mut self, header: &[u8]) {
        self.header_buf = None;
        // A header ending with CR is taken as CRLF (lone-CR files are written back in CRLF).
        self.crlf = header.ends_with(b"\r");
        let line = header.strip_suffix(b"\n").unwrap_or(header);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let mut best = (0usize, 0usize, b';');
        for &d in DELIMITERS.iter().rev() {
            let occurrences = line.iter().filter(|&&b| b == d).count();
            let known = line
                .split(|&b| b == d)
                .filter(|cell| {
                    let mut text = String::new();
                    match std::str::from_utf8(cell) {
                        Ok(s) => text.push_str(s),
                        Err(_) => super::encoding::decode_cp1252_into(cell, &mut text),
                    }
                    let n = normalise_header(text.trim_matches(|c: char| c == '"' || c == ' '));
                    classify_header(&self.map, &n) != Target::Ignored || is_legacy_marker(&n)
                })
                .count();
            // `rev` + `>=` makes earlier delimiters win ties.
            if (known, occurrences) >= (best.0, best.1) {
                best = (known, occurrences, d);
            }
        }
        self.delimiter = best.2;
        self.core = ReaderBuilder::new().delimiter(self.delimiter).build();
    }

    fn feed(&mut self, input: &[u8], sink: &mut dyn Sink) -> Result<(), ReadError> {
        if input.is_empty() {
            return Ok(());
        }
        self.feed_core(input, sink)
    }

    /// Runs csv-core over `input` (empty input = end of data).
    fn feed_core(&mut self, mut input: &[u8], sink: &mut dyn Sink) -> Result<(), ReadError> {
        let eof = input.is_empty();
        loop {
            if self.at_start {
                // Line ends between records are skipped here so that the record's first
                // line is known before csv-core sees its first byte.
                let mut i = 0;
                while let Some(&b) = input.get(i) {
                    match b {
                        b'\n' => self.line_offset += 1,
                        b'\r' => {}
                        _ => break,
                    }
                    i += 1;
                }
                self.count_cr(&input[..i]);
                input = &input[i..];
                if input.is_empty() {
                    return Ok(());
                }
                if self.pending_cr {
                    // Followed by the record's first byte: a line end on its own.
                    self.cr_lines += 1;
                    self.pending_cr = false;
                }
                self.rec_line = self.core.line() + self.line_offset + self.cr_lines;
                self.at_start = false;
                if self.header_done {
                    if let Some(n) = self.fast_line(input, sink)? {
                        input = &input[n..];
                        self.at_start = true;
                        continue;
                    }
                }
            }
            let (res, nin, nout, nend) = self.core.read_record(
                input,
                &mut self.out[self.out_len..],
                &mut self.ends[self.nends..],
            );
            self.count_cr(&input[..nin]);
            input = &input[nin..];
            self.out_len += nout;
            self.nends += nend;
            match res {
                ReadRecordResult::InputEmpty => {
                    if input.is_empty() {
                        return Ok(());
                    }
                }
                ReadRecordResult::OutputFull => self.grow_out()?,
                ReadRecordResult::OutputEndsFull => self.grow_ends()?,
                ReadRecordResult::Record => {
                    self.spans.clear();
                    let mut a = 0;
                    for &b in &self.ends[..self.nends] {
                        self.spans.push((a, b));
                        a = b;
                    }
                    let out = std::mem::take(&mut self.out);
                    let r = self.record(&out[..self.out_len], sink);
                    self.out = out;
                    r?;
                    self.out_len = 0;
                    self.nends = 0;
                    self.at_start = true;
                    if eof {
                        return Ok(());
                    }
                }
                ReadRecordResult::End => return Ok(()),
            }
        }
    }

    /// Fast path for a record without quotes whose whole line is in `input`: its fields
    /// are split here and read straight from `input`, with no copy. Taken only when
    /// csv-core would fill neither of its buffers on that line, so the outcome — record,
    /// findings or error — is exactly csv-core's whatever the chunk cut. Returns the bytes
    /// consumed (the line end is left for the record-start skip), or `None`.
    fn fast_line(&mut self, input: &[u8], sink: &mut dyn Sink) -> Result<Option<usize>, ReadError> {
        let limit = (self.out.len() - 1).min(self.limits.max_record_bytes);
        let window = &input[..input.len().min(limit)];
        let Some(p) = window
            .iter()
            .position(|&b| matches!(b, b'\n' | b'\r' | b'"'))
        else {
            return Ok(None);
        };
        if window[p] == b'"' {
            return Ok(None);
        }
        let line = &window[..p];
        self.spans.clear();
        let mut a = 0;
        for (k, &b) in line.iter().enumerate() {
            if b == self.delimiter {
                self.spans.push((a, k));
                a = k + 1;
            }
        }
        self.spans.push((a, line.len()));
        if self.spans.len() > self.ends.len() {
            return Ok(None);
        }
        self.record(line, sink)?;
        Ok(Some(p))
    }

    /// Counts the carriage returns not followed by a line feed in bytes just consumed (the
    /// fast path's lines stop before their line end, so it has none to count).
    fn count_cr(&mut self, consumed: &[u8]) {
        let Some(&first) = consumed.first() else {
            return;
        };
        if self.pending_cr {
            if first != b'\n' {
                self.cr_lines += 1;
            }
            self.pending_cr = false;
        }
        for p in memchr::memchr_iter(b'\r', consumed) {
            match consumed.get(p + 1) {
                Some(b'\n') => {}
                Some(_) => self.cr_lines += 1,
                None => self.pending_cr = true,
            }
        }
    }

    fn grow_out(&mut self) -> Result<(), ReadError> {
        let start = self
            .nends
            .checked_sub(1)
            .and_then(|i| self.ends.get(i))
            .copied()
            .unwrap_or(0);
        if self.out_len - start > self.limits.max_field_bytes {
            return Err(limit_field(self.limits.max_field_bytes, self.rec_line));
        }
        if self.out.len() >= self.limits.max_record_bytes {
            return Err(limit_record(self.limits.max_record_bytes, self.rec_line));
        }
        let n = (self.out.len() * 2).min(self.limits.max_record_bytes.max(1));
        self.out.resize(n, 0);
        Ok(())
    }

    fn grow_ends(&mut self) -> Result<(), ReadError> {
        if self.ends.len() >= self.limits.max_columns {
            return Err(limit_columns(self.limits.max_columns, self.rec_line));
        }
        let n = (self.ends.len() * 2).min(self.limits.max_columns.max(1) + 1);
        self.ends.resize(n, 0);
        Ok(())
    }

    /// Handles a record: its fields are `data[a..b]` for each `(a, b)` of `self.spans`.
    fn record(&mut self, data: &[u8], sink: &mut dyn Sink) -> Result<(), ReadError> {
        if data.contains(&0) {
            return Err(binary_error(self.rec_line));
        }
        // `grow_out` only sees the limit when the buffer must grow; a limit below the
        // buffer's initial size is checked here, so it holds exactly at any value. (The
        // fast path's `data` keeps its delimiters, but it only takes lines shorter than the
        // limit, so both paths agree.)
        if data.len() > self.limits.max_record_bytes {
            return Err(limit_record(self.limits.max_record_bytes, self.rec_line));
        }
        if self.spans.len() > self.limits.max_columns {
            return Err(limit_columns(self.limits.max_columns, self.rec_line));
        }
        if self
            .spans
            .iter()
            .any(|&(a, b)| b - a > self.limits.max_field_bytes)
        {
            return Err(limit_field(self.limits.max_field_bytes, self.rec_line));
        }
        if !self.header_done {
            self.header_done = true;
            self.header(data, sink);
            return Ok(());
        }
        let blank = |&(a, b): &(usize, usize)| {
            data.get(a..b)
                .is_some_and(|f| f.iter().all(|&c| c == b' ' || c == b'\t'))
        };
        if self.spans.iter().all(blank) {
            self.blank_records += 1;
            return Ok(());
        }
        if self.legacy {
            self.rows += 1;
            return Ok(());
        }
        self.rows += 1;
        self.data_record(data, sink);
        Ok(())
    }

    fn header(&mut self, data: &[u8], sink: &mut dyn Sink) {
        let mut header = Vec::with_capacity(self.spans.len());
        for &(a, b) in &self.spans {
            let (s, _) = self
                .decoder
                .decode(data.get(a..b).unwrap_or(&[]), &mut self.scratch);
            header.push(s.to_owned());
        }
        let norm: Vec<String> = header.iter().map(|h| normalise_header(h)).collect();
        let has_typev = norm.iter().any(|n| n == "TYPEV");
        self.legacy = !has_typev && norm.iter().any(|n| is_legacy_marker(n));
        if self.legacy {
            sink.file_finding(finding(Code::Legacy2011File, None, None, None, &[]));
        }
        // A mapping of the mother's name that names no column of this file does not hide
        // the synonym columns (it gets its own `map-entry-unused` warning below).
        if self.map.maps_mother_name {
            let found = self.map.entries().any(|(t, h, _)| {
                t == Target::Identity(IdentityRole::NomMere) && norm.iter().any(|n| n == h)
            });
            self.map.maps_mother_name = found;
        }
        let mut seen_vars = 0u128;
        let mut mother: Option<&str> = None;
        let mut ambiguous = false;
        let mut targets = Vec::with_capacity(header.len());
        let mut any_var = false;
        let mut findings = Vec::new();
        let mut unknown: Vec<(usize, usize)> = Vec::new();
        for (j, (h, n)) in header.iter().zip(norm.iter()).enumerate() {
            let col = (j + 1).to_string();
            let mut t = classify_header(&self.map, n);
            match t {
                Target::Var(i) => {
                    if seen_vars & (1u128 << i) != 0 {
                        findings.push(finding(
                            Code::DuplicateColumn,
                            None,
                            None,
                            Some(CODES[i]),
                            &[("column", &shown_header(h)), ("number", &col)],
                        ));
                        t = Target::Ignored;
                    } else {
                        seen_vars |= 1u128 << i;
                        any_var = true;
                    }
                }
                Target::Identity(role) => {
                    let taken = match role {
                        IdentityRole::Prenom => &mut self.identity.prenom,
                        IdentityRole::NomMere => &mut self.identity.nommere,
                        IdentityRole::NomUsage => &mut self.identity.nomusage,
                        IdentityRole::Jnais => &mut self.identity.jnais,
                        IdentityRole::Numdo => &mut self.identity.numdo,
                    };
                    if *taken {
                        let synonym = role == IdentityRole::NomMere
                            && !self.map.maps_mother_name
                            && mother.is_some_and(|m| m != n.as_str());
                        if synonym {
                            if !ambiguous {
                                ambiguous = true;
                                findings.push(finding(
                                    Code::IdentityColumnsAmbiguous,
                                    None,
                                    None,
                                    None,
                                    &[
                                        ("first", mother.unwrap_or("")),
                                        ("second", &shown_header(h)),
                                    ],
                                ));
                            }
                        } else {
                            findings.push(finding(
                                Code::DuplicateColumn,
                                None,
                                None,
                                None,
                                &[("column", &shown_header(h)), ("number", &col)],
                            ));
                        }
                        t = Target::Ignored;
                    } else {
                        *taken = true;
                        if role == IdentityRole::NomMere {
                            mother = Some(n.as_str());
                        }
                    }
                }
                Target::Ignored => {
                    // Placeholder, written below once it is known whether the first line
                    // is a header at all.
                    unknown.push((findings.len(), j + 1));
                    findings.push(finding(Code::UnknownColumn, None, None, None, &[]));
                }
            }
            targets.push(t);
        }
        // With no known column, the first line may be a data line (a file without header):
        // its cells could be names, so they are not quoted — only the column numbers.
        for &(k, number) in &unknown {
            let h = header.get(number - 1).map(String::as_str).unwrap_or("");
            let shown = if h.trim().is_empty() {
                format!("(colonne {number} sans en-tête)")
            } else if any_var {
                shown_header(h)
            } else {
                format!("(colonne {number})")
            };
            if let Some(f) = findings.get_mut(k) {
                *f = finding(
                    Code::UnknownColumn,
                    None,
                    None,
                    Some(&shown),
                    &[("column", &shown), ("number", &number.to_string())],
                );
            }
        }
        // A mapping naming no column is probably a misspelt header.
        for (t, mapped, written) in self.map.entries() {
            if !norm.iter().any(|n| n == mapped) {
                let code = target_code(t).unwrap_or("");
                findings.push(finding(
                    Code::MapEntryUnused,
                    None,
                    None,
                    Some(code),
                    &[("code", code), ("header", &shown_header(written))],
                ));
            }
        }
        if !self.legacy {
            for f in findings {
                sink.file_finding(f);
            }
            if !any_var {
                sink.file_finding(finding(Code::NoKnownColumn, None, None, None, &[]));
            }
        }
        self.targets = targets;
        self.tell_encoding(sink);
        sink.layout(&Layout {
            format: Format::Csv,
            delimiter: self.delimiter,
            crlf: self.crlf,
            header,
            targets: self.targets.clone(),
            xml_version: String::new(),
            xml_date_export: String::new(),
        });
    }

    fn tell_encoding(&mut self, sink: &mut dyn Sink) {
        if !self.encoding_told && self.decoder.encoding() != Encoding::Undecided {
            self.encoding_told = true;
            sink.encoding(self.decoder.encoding().name());
        }
    }

    fn data_record(&mut self, data: &[u8], sink: &mut dyn Sink) {
        let rec = &mut self.rec;
        rec.clear();
        rec.row = self.rows;
        rec.line = self.rec_line;
        self.findings.clear();
        let nfields = self.spans.len();
        let ncols = self.targets.len();
        if nfields != ncols {
            let (found, expected) = (nfields.to_string(), ncols.to_string());
            self.findings.push(finding(
                Code::FieldCount,
                Some(rec.row),
                Some(rec.line),
                None,
                &[("found", &found), ("expected", &expected)],
            ));
        }
        // Fast path: a record of ASCII bytes is valid UTF-8 as a whole, sliced per field.
        let ascii = if data.is_ascii() {
            std::str::from_utf8(data).ok()
        } else {
            None
        };
        let mut contradiction: Option<usize> = None;
        for (j, &(a, b)) in self.spans.iter().enumerate() {
            let (text, contra) = match ascii {
                Some(s) => (s.get(a..b).unwrap_or(""), false),
                None => self
                    .decoder
                    .decode(data.get(a..b).unwrap_or(&[]), &mut self.scratch),
            };
            if contra && contradiction.is_none() {
                contradiction = Some(j);
            }
            if self.keep_raw {
                rec.push_raw(text);
            }
            match self.targets.get(j) {
                Some(Target::Var(i)) => {
                    if value_class(*i) == ValueClass::FreeText {
                        rec.set(*i, text);
                    } else {
                        rec.set(*i, trim_value(text));
                    }
                }
                Some(Target::Identity(role)) => {
                    let id = &mut rec.identity;
                    match role {
                        IdentityRole::Prenom => id.prenom.set(text),
                        IdentityRole::NomMere => id.nommere.set(text),
                        IdentityRole::NomUsage => id.nomusage.set(text),
                        IdentityRole::Jnais => id.jnais.set(trim_value(text)),
                        IdentityRole::Numdo => id.numdo.set(text),
                    }
                }
                Some(Target::Ignored) | None => {}
            }
        }
        // Columns missing from a short record are present in the file, empty here.
        for t in self.targets.iter().skip(nfields) {
            if let Target::Var(i) = t {
                rec.mark_present(*i);
            }
        }
        if let Some(j) = contradiction {
            let column = match self.targets.get(j) {
                Some(Target::Var(i)) => CODES[*i].to_owned(),
                _ => format!("colonne {}", j + 1),
            };
            let (enc, other) = match self.decoder.encoding() {
                Encoding::Windows1252 => ("windows-1252", "UTF-8"),
                _ => ("UTF-8", "windows-1252"),
            };
            self.findings.push(finding(
                Code::EncodingContradiction,
                Some(rec.row),
                Some(rec.line),
                Some(&column),
                &[
                    ("line", &rec.line.to_string()),
                    ("column", &column),
                    ("encoding", enc),
                    ("other", other),
                ],
            ));
        }
        repair::check_record(rec, self.repair, &mut self.findings);
        self.tell_encoding(sink);
        sink.record(&self.rec, &mut self.findings);
    }
}

fn limit_field(limit: usize, line: u64) -> ReadError {
    ErrorKind::LimitFieldLength {
        syntax: Syntax::Csv,
        line,
        limit,
    }
    .into()
}

fn limit_record(limit: usize, line: u64) -> ReadError {
    ErrorKind::LimitRecordLength {
        syntax: Syntax::Csv,
        line,
        limit,
    }
    .into()
}

fn limit_columns(limit: usize, line: u64) -> ReadError {
    ErrorKind::LimitColumns { line, limit }.into()
}
