//! The CSV reader: header line → delimiter and column targets; then records through
//! `csv-core` (push-style, quotes across chunk boundaries), decoded field by field.
//!
//! Nothing is buffered beyond the current record: `csv-core` copies the record's unquoted
//! field bytes into one output buffer (grown up to the stated limits), the fields are decoded
//! and stored into the reused [`Record`], and the buffer starts over.

use super::columns::{value_class, ColumnMap, IdentityRole, Target, ValueClass, CODES};
use super::encoding::{Decoder, Encoding};
use super::header;
use super::{binary_error, repair, trim_value, Format, InputInfo, Layout, Limits, ReadError, Sink};
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

/// The first lines of the input, kept while the header is looked for: at most
/// `header::SEARCH_LINES` non-blank lines, and at most the record limit in bytes (the first
/// line must fit, as a header always had to).
#[derive(Debug, Default)]
struct LookAhead {
    buf: Vec<u8>,
    /// Ends (after the line end) of the complete lines in `buf`, with their blankness.
    ends: Vec<(usize, bool)>,
    in_quotes: bool,
    /// The current (incomplete) line has a non-blank byte.
    nonblank: bool,
    /// Complete non-blank lines.
    count: usize,
}

/// A line of the look-ahead: `buf[start..end]`, its line end included.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    blank: bool,
}

impl LookAhead {
    /// Takes bytes of `chunk` until the header can be decided — `header::SEARCH_LINES`
    /// non-blank lines seen, or `header::SEARCH_BYTES` held with at least one, or more than
    /// `cap` bytes held (the record limit: the first line must fit) — and returns the bytes
    /// taken and whether it can be decided now.
    fn scan(&mut self, chunk: &[u8], cap: usize) -> (usize, bool) {
        let mut i = 0;
        while i < chunk.len() {
            let b = chunk[i];
            i += 1;
            match b {
                b'"' => self.in_quotes = !self.in_quotes,
                b'\n' if !self.in_quotes => {
                    // A line feed right after a line that ended with a carriage return
                    // belongs to that line end (CRLF).
                    let after_cr = self.buf.last() == Some(&b'\r')
                        && self.ends.last().is_some_and(|&(e, _)| e == self.buf.len());
                    self.buf.push(b);
                    if after_cr {
                        if let Some(last) = self.ends.last_mut() {
                            last.0 += 1;
                        }
                    } else {
                        self.end_line();
                    }
                    if self.enough(cap) {
                        return (i, true);
                    }
                    continue;
                }
                b'\r' if !self.in_quotes => {
                    // Its line feed, if any, joins it on the next byte (or is skipped
                    // between records once the header is decided).
                    self.buf.push(b);
                    self.end_line();
                    if self.enough(cap) {
                        return (i, true);
                    }
                    continue;
                }
                b' ' | b'\t' | b';' | b',' | 0x0c => {}
                _ => self.nonblank = true,
            }
            self.buf.push(b);
            if self.enough(cap) {
                return (i, true);
            }
        }
        (i, false)
    }

    /// True when the header can be decided on what is held.
    fn enough(&self, cap: usize) -> bool {
        self.count >= header::SEARCH_LINES
            || (self.count >= 1 && self.buf.len() >= header::SEARCH_BYTES)
            || self.buf.len() > cap
    }

    fn end_line(&mut self) {
        self.ends.push((self.buf.len(), !self.nonblank));
        if self.nonblank {
            self.count += 1;
        }
        self.nonblank = false;
    }

    /// The complete lines, and at the end of the input the last one without a line end.
    fn lines(&self, eof: bool) -> Vec<Line> {
        let mut out = Vec::with_capacity(self.ends.len() + 1);
        let mut start = 0;
        for &(end, blank) in &self.ends {
            out.push(Line { start, end, blank });
            start = end;
        }
        if eof && start < self.buf.len() {
            out.push(Line {
                start,
                end: self.buf.len(),
                blank: !self.nonblank,
            });
        }
        out
    }

    /// Physical lines before the first non-blank byte (for the error on an over-long
    /// first line).
    fn lines_before_first_nonblank(&self) -> u64 {
        let start = self
            .ends
            .iter()
            .take_while(|&&(_, blank)| blank)
            .last()
            .map_or(0, |&(e, _)| e);
        let (lf, cr) = terminators(&self.buf[..start]);
        lf + cr
    }
}

/// Line feeds and carriage returns not followed by a line feed in `bytes`.
fn terminators(bytes: &[u8]) -> (u64, u64) {
    let lf = memchr::memchr_iter(b'\n', bytes).count() as u64;
    let cr = memchr::memchr_iter(b'\r', bytes)
        .filter(|&p| bytes.get(p + 1) != Some(&b'\n'))
        .count() as u64;
    (lf, cr)
}

/// A short record held back (it may be a trailing line): its bytes, field spans and line.
#[derive(Debug)]
struct Held {
    data: Vec<u8>,
    spans: Vec<(usize, usize)>,
    line: u64,
}

#[derive(Debug)]
pub(crate) struct CsvReader {
    /// The first lines while the header is looked for (`None` once it is found and fed to
    /// csv-core): see [`LookAhead`].
    header_buf: Option<LookAhead>,
    header_done: bool,
    /// Lines skipped before the header when a non-blank one was among them: (count, the
    /// header's line), told once the header is read (not for a 2011 file).
    title_skipped: Option<(u64, u64)>,
    /// Short records that may be trailing lines (a total, a count), held back until a
    /// record follows them (at most two: see `header::is_trailer`).
    held: std::collections::VecDeque<Held>,
    /// Trailing lines skipped at the end of the input.
    trailing: u64,
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
            header_buf: Some(LookAhead::default()),
            header_done: false,
            title_skipped: None,
            held: std::collections::VecDeque::new(),
            trailing: 0,
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
        let between = self.at_start
            && self.out_len == 0
            && self.nends == 0
            && !self.pending_cr
            && self.held.is_empty();
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
        let Some(look) = &mut self.header_buf else {
            return self.feed(chunk, sink);
        };
        let cap = self.limits.max_record_bytes;
        let (used, full) = look.scan(chunk, cap);
        if !full {
            return Ok(());
        }
        self.find_header(false, sink)?;
        self.feed(&chunk[used..], sink)
    }

    pub(crate) fn finish(&mut self, sink: &mut dyn Sink) -> Result<(), ReadError> {
        if self.header_buf.is_some() {
            self.find_header(true, sink)?;
        }
        if !self.at_start {
            self.feed_core(&[], sink)?;
        }
        // Short lines still held back are after the last record: a total or a count.
        if let Some(first) = self.held.front() {
            let line = first.line;
            self.trailing = self.held.len() as u64;
            if !self.legacy {
                sink.file_finding(header::trailer_finding(self.held.len(), line));
            }
            self.held.clear();
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

    /// Trailing lines skipped at the end of the input (known after `finish`).
    pub(crate) fn trailing(&self) -> u64 {
        self.trailing
    }

    /// Decides which of the first lines is the header (`eof`: the input ended, its last
    /// line may have no line end), skips the lines before it and feeds the rest to csv-core.
    fn find_header(&mut self, eof: bool, sink: &mut dyn Sink) -> Result<(), ReadError> {
        let Some(look) = self.header_buf.take() else {
            return Ok(());
        };
        let lines = look.lines(eof);
        if lines.is_empty() {
            // The first line alone is longer than the record limit.
            if look.buf.len() > self.limits.max_record_bytes {
                return Err(limit_record(
                    self.limits.max_record_bytes,
                    1 + self.line_offset + look.lines_before_first_nonblank(),
                ));
            }
        }
        let candidates: Vec<&Line> = lines.iter().filter(|l| !l.blank).collect();
        let chosen = if candidates.is_empty() {
            lines.first().copied()
        } else {
            let known: Vec<usize> = candidates
                .iter()
                .map(|l| self.line_score(&look.buf[l.start..l.end]).0)
                .collect();
            let first_nonblank = candidates.first().map(|l| l.start);
            let pick = candidates.get(header::choose(&known)).copied();
            if let (Some(h), Some(first)) = (pick, first_nonblank) {
                if h.start > first {
                    // A non-blank line before the header: a title. Every line before the
                    // header is told, blank ones included (the header's line minus one).
                    let (lf, cr) = terminators(&look.buf[..h.start]);
                    let line = 1 + self.line_offset + lf + cr;
                    self.title_skipped = Some((line - 1, line));
                }
            }
            pick.copied()
        };
        let start = chosen.map_or(0, |l| l.start);
        // The lines skipped never reach csv-core: their line ends are counted here, as
        // csv-core and `count_cr` would have (line feeds, carriage returns alone).
        let (lf, cr) = terminators(&look.buf[..start]);
        self.line_offset += lf;
        self.cr_lines += cr;
        let end = chosen.map_or(look.buf.len(), |l| l.end);
        let rest = &look.buf[start..];
        self.start(&look.buf[start..end]);
        self.feed(rest, sink)
    }

    /// Known columns on a line and the delimiter that finds them: `(known, occurrences,
    /// delimiter)`, the most known columns first, then the delimiter occurring most often,
    /// then `;`, `,`, tab in that order.
    fn line_score(&self, line: &[u8]) -> (usize, usize, u8) {
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let mut best = (0usize, 0usize, b';');
        let mut text = String::new();
        for &d in DELIMITERS.iter().rev() {
            let occurrences = line.iter().filter(|&&b| b == d).count();
            let cells: Vec<String> = line
                .split(|&b| b == d)
                .map(|cell| {
                    text.clear();
                    match std::str::from_utf8(cell) {
                        Ok(s) => text.push_str(s),
                        Err(_) => super::encoding::decode_cp1252_into(cell, &mut text),
                    }
                    text.clone()
                })
                .collect();
            let known = header::known_cells(&self.map, cells.iter().map(String::as_str));
            // `rev` + `>=` makes earlier delimiters win ties.
            if (known, occurrences) >= (best.0, best.1) {
                best = (known, occurrences, d);
            }
        }
        best
    }

    /// Chooses the delimiter on the header line and builds the csv-core reader.
    fn start(&mut self, header: &[u8]) {
        self.header_buf = None;
        // A header ending with CR is taken as CRLF (lone-CR files are written back in CRLF).
        let line = header.strip_suffix(b"\n").unwrap_or(header);
        self.crlf = line.ends_with(b"\r");
        self.delimiter = self.line_score(header).2;
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
        let blank = |&(a, b): &(usize, usize)| data.get(a..b).is_some_and(header::is_blank_field);
        let filled = self.spans.iter().filter(|s| !blank(s)).count();
        if filled == 0 {
            self.blank_records += 1;
            return Ok(());
        }
        if header::is_trailer(self.targets.len(), filled) {
            // Perhaps a total or a count after the records: held back until a record
            // follows (then it is a record too), at most the last two.
            if self.held.len() == header::TRAILER_MAX_FILLED {
                if let Some(h) = self.held.pop_front() {
                    self.deliver_held(h, sink);
                }
            }
            self.held.push_back(Held {
                data: data.to_vec(),
                spans: self.spans.clone(),
                line: self.rec_line,
            });
            return Ok(());
        }
        while let Some(h) = self.held.pop_front() {
            self.deliver_held(h, sink);
        }
        self.deliver(data, sink);
        Ok(())
    }

    /// A record: counted, and delivered unless the file is in the 2011 format.
    fn deliver(&mut self, data: &[u8], sink: &mut dyn Sink) {
        self.rows += 1;
        if !self.legacy {
            self.data_record(data, sink);
        }
    }

    /// A held-back short record that turned out to be followed by a record.
    fn deliver_held(&mut self, h: Held, sink: &mut dyn Sink) {
        let spans = std::mem::replace(&mut self.spans, h.spans);
        let line = std::mem::replace(&mut self.rec_line, h.line);
        self.deliver(&h.data, sink);
        self.spans = spans;
        self.rec_line = line;
    }

    fn header(&mut self, data: &[u8], sink: &mut dyn Sink) {
        let mut header = Vec::with_capacity(self.spans.len());
        for &(a, b) in &self.spans {
            let (s, _) = self
                .decoder
                .decode(data.get(a..b).unwrap_or(&[]), &mut self.scratch);
            header.push(s.to_owned());
        }
        let analysis = header::analyse(&mut self.map, &header);
        self.legacy = analysis.legacy;
        self.identity = analysis.identity;
        if let (Some((count, line)), false) = (self.title_skipped, self.legacy) {
            sink.file_finding(header::title_finding(count, line));
        }
        for f in analysis.findings {
            sink.file_finding(f);
        }
        self.targets = analysis.targets;
        self.tell_encoding(sink);
        sink.layout(&Layout {
            format: Format::Csv,
            delimiter: self.delimiter,
            crlf: self.crlf,
            header,
            targets: self.targets.clone(),
            xml_version: String::new(),
            xml_date_export: String::new(),
            identity: self.identity,
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
