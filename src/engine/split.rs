//! A check on two workers, for the page (WebAssembly has no threads there: a page opened
//! from `file://` cannot be cross-origin isolated, so it cannot share memory).
//!
//! The command line gives the record rules a second thread (`pipeline.rs`). The page gets
//! the same effect with a second worker, the helper, that reads **parts of the file
//! itself**. The file is cut, at line starts, into segments that the two workers take in
//! turn (www/split-read.js: the engine worker ≈ 45 % of each 16 MiB round, the helper
//! the rest):
//!
//! 1. The engine worker reads the start of the file; once the header is read,
//!    [`Engine::split_state`] gives what a reader of a later part needs (delimiter, columns,
//!    encoding so far, limits).
//! 2. For each of its segments, the helper runs a [`Segment`]: for each record, everything
//!    that depends on that record alone — reading findings, record rules, cell facts, the
//!    file rules' keys, the audit's counts — encoded compactly, with rows and lines counted
//!    from the segment's start. It gives up (and says so) on anything it cannot know from
//!    there: a read error, an `encoding-contradiction` (its message quotes a line), a
//!    byte-order mark where the segment starts, a segment that does not end exactly
//!    between two records.
//! 3. The engine worker reads its own segment up to the helper's, then
//!    [`Engine::join_segment`] checks that it stands exactly between two records there, with
//!    nothing pending, and that the encoding the helper assumed or decided is the one it
//!    would have used. Then [`Engine::push_segment`] takes the helper's records in order and
//!    does what depends on the order of records (statistics, audit, file rules, the findings
//!    kept), with rows and lines shifted to the whole file's numbering; its reader jumps to
//!    the segment's end (rows, lines, encoding) and reads on from there.
//!
//! When the check at a boundary fails (the offset was inside a quoted field spanning a
//! line feed, the encodings differ…) or the helper gave up, the engine worker reads that
//! segment itself. Either way the report is byte-identical to a run on one worker:
//! `tests/engine_split.rs` compares them at many offsets of many inputs. Memory stays
//! bounded: the helper is at most two segments ahead.

use super::core::Core;
use super::outcome::RecordOutcome;
use super::{Engine, FindingsCsvPass, Mode};
use crate::error::{Error, ErrorKind};
use crate::finding::{Code, Finding};
use crate::read::csv::{SegmentCounts, SplitState};
use crate::read::encoding::Encoding;
use crate::read::{self, IdentityRole, Limits, Reader, Target};
use crate::record::Record;
use crate::wire::{In, Out, WireError};

/// Version of the encodings below (both workers run the same build; checked anyway).
const VERSION: u8 = 1;

/// What the engine worker keeps after joining a segment.
#[derive(Debug, Clone, Copy)]
pub(super) struct Joined {
    /// Added to the segment's rows and lines.
    rows: u64,
    lines: u64,
    /// Records the whole input must have delivered at the end.
    expected_rows: u64,
}

impl Joined {
    /// Every record of the segment was pushed (a lost batch would be silent otherwise).
    pub(super) fn check_complete(&self, read: u64) -> Result<(), Error> {
        if read == self.expected_rows {
            Ok(())
        } else {
            Err(ErrorKind::SegmentIncomplete {
                read,
                expected: self.expected_rows,
            }
            .into())
        }
    }
}

/// A call out of order (a push after the join, a segment without a join): a bug of the
/// caller, reported rather than risking a wrong report.
pub(super) fn misuse() -> Error {
    Error::internal("appel hors séquence")
}

impl From<WireError> for Error {
    fn from(_: WireError) -> Self {
        Error::internal("données entre les deux processus illisibles")
    }
}

fn encoding_byte(e: Encoding) -> u8 {
    match e {
        Encoding::Undecided => 0,
        Encoding::Utf8 => 1,
        Encoding::Windows1252 => 2,
    }
}

fn byte_encoding(b: u8) -> Result<Encoding, WireError> {
    match b {
        0 => Ok(Encoding::Undecided),
        1 => Ok(Encoding::Utf8),
        2 => Ok(Encoding::Windows1252),
        _ => Err(WireError),
    }
}

const ROLES: [IdentityRole; 5] = [
    IdentityRole::Prenom,
    IdentityRole::NomMere,
    IdentityRole::NomUsage,
    IdentityRole::Jnais,
    IdentityRole::Numdo,
];

fn encode_state(s: &SplitState) -> Vec<u8> {
    let mut buf = Vec::with_capacity(64 + 3 * s.targets.len());
    let mut o = Out(&mut buf);
    o.u8(VERSION);
    o.u8(s.delimiter);
    o.u8(encoding_byte(s.encoding));
    o.u64(s.limits.max_field_bytes as u64);
    o.u64(s.limits.max_columns as u64);
    o.u64(s.limits.max_record_bytes as u64);
    o.u64(s.limits.max_xml_depth as u64);
    o.u32(u32::try_from(s.targets.len()).unwrap_or(u32::MAX));
    for t in &s.targets {
        match *t {
            Target::Ignored => o.u8(0),
            Target::Var(i) => {
                o.u8(1);
                o.u16(u16::try_from(i).unwrap_or(u16::MAX));
            }
            Target::Identity(role) => {
                o.u8(2);
                o.u8(ROLES.iter().position(|&r| r == role).unwrap_or(0) as u8);
            }
        }
    }
    buf
}

fn decode_state(bytes: &[u8]) -> Result<SplitState, WireError> {
    let mut i = In::new(bytes);
    if i.u8()? != VERSION {
        return Err(WireError);
    }
    let delimiter = i.u8()?;
    let encoding = byte_encoding(i.u8()?)?;
    let size = |v: u64| usize::try_from(v).map_err(|_| WireError);
    let limits = Limits {
        max_field_bytes: size(i.u64()?)?,
        max_columns: size(i.u64()?)?,
        max_record_bytes: size(i.u64()?)?,
        max_xml_depth: size(i.u64()?)?,
        max_file_bytes: 0,
    };
    let n = i.u32()?;
    let mut targets = Vec::new();
    for _ in 0..n {
        targets.push(match i.u8()? {
            0 => Target::Ignored,
            1 => {
                let v = usize::from(i.u16()?);
                if v >= read::CODES.len() {
                    return Err(WireError);
                }
                Target::Var(v)
            }
            2 => Target::Identity(*ROLES.get(usize::from(i.u8()?)).ok_or(WireError)?),
            _ => return Err(WireError),
        });
    }
    if !i.is_empty() {
        return Err(WireError);
    }
    Ok(SplitState {
        delimiter,
        encoding,
        targets,
        limits,
    })
}

/// The end of a segment: what the engine worker needs to join it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Summary {
    /// Where the segment starts in the file, and its length.
    start: u64,
    bytes: u64,
    /// The encoding the segment started with (from the state) and the one at its end.
    initial: Encoding,
    counts: SegmentCounts,
}

impl Summary {
    fn encode(&self) -> Vec<u8> {
        let mut buf = Vec::with_capacity(32);
        let mut o = Out(&mut buf);
        o.u8(VERSION);
        o.u64(self.start);
        o.u64(self.bytes);
        o.u8(encoding_byte(self.initial));
        o.u8(encoding_byte(self.counts.encoding));
        o.u64(self.counts.rows);
        o.u64(self.counts.blank);
        o.u64(self.counts.lines);
        buf
    }

    fn decode(bytes: &[u8]) -> Result<Self, WireError> {
        let mut i = In::new(bytes);
        if i.u8()? != VERSION {
            return Err(WireError);
        }
        let s = Summary {
            start: i.u64()?,
            bytes: i.u64()?,
            initial: byte_encoding(i.u8()?)?,
            counts: SegmentCounts {
                encoding: byte_encoding(i.u8()?)?,
                rows: i.u64()?,
                blank: i.u64()?,
                lines: i.u64()?,
            },
        };
        if !i.is_empty() {
            return Err(WireError);
        }
        Ok(s)
    }
}

/// The helper worker's reader of the second part of a file (see the module doc).
pub struct Segment {
    reader: Reader,
    sink: SegmentSink,
    initial: Encoding,
    start: u64,
    bytes: u64,
    /// The first byte of the segment's first record was looked at (byte-order mark).
    start_checked: bool,
}

struct SegmentSink {
    out: Vec<u8>,
    outcome: RecordOutcome,
    abandoned: bool,
}

impl read::Sink for SegmentSink {
    fn record(&mut self, rec: &Record, findings: &mut Vec<Finding>) {
        if self.abandoned {
            return;
        }
        // Its message quotes the line, which only the engine worker knows.
        if findings
            .iter()
            .any(|f| f.code == Code::EncodingContradiction)
        {
            self.abandoned = true;
            return;
        }
        self.outcome.compute(rec, findings, true);
        self.outcome.encode(&mut self.out);
    }

    // `blank-records-skipped` and `no-records` are the engine worker's, from the counts.
    fn file_finding(&mut self, _f: Finding) {}
}

/// The helper gives up: the engine worker reads the segment itself.
fn abandoned() -> Error {
    ErrorKind::SegmentAbandoned.into()
}

impl Segment {
    /// A reader of the segment starting at byte `start` of the file (just after a line
    /// feed), from the engine worker's [`Engine::split_state`].
    pub fn new(state: &[u8], start: u64) -> Result<Segment, Error> {
        let state = decode_state(state)?;
        Ok(Segment {
            start,
            reader: Reader::resume(&state),
            sink: SegmentSink {
                out: Vec::new(),
                outcome: RecordOutcome::default(),
                abandoned: false,
            },
            initial: state.encoding,
            bytes: 0,
            start_checked: false,
        })
    }

    /// Feeds the next bytes of the segment; returns the encoded records completed so far.
    /// Fails with code `segment-abandoned` when the helper cannot read this segment.
    pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<u8>, Error> {
        if !self.start_checked {
            // The engine worker's reader strips a byte-order mark only at the file's start;
            // a fresh reader would strip one here too.
            if let Some(p) = chunk.iter().position(|&b| b != b'\n' && b != b'\r') {
                let rest = &chunk[p..];
                if rest.first() == Some(&0xEF)
                    && (rest.len() < 3 || rest.starts_with(b"\xEF\xBB\xBF"))
                {
                    self.sink.abandoned = true;
                }
                self.start_checked = true;
            }
        }
        self.bytes += chunk.len() as u64;
        if !self.sink.abandoned && self.reader.push(chunk, &mut self.sink).is_err() {
            self.sink.abandoned = true;
        }
        if self.sink.abandoned {
            return Err(abandoned());
        }
        Ok(std::mem::take(&mut self.sink.out))
    }

    /// Ends the segment: the last encoded records and the summary for
    /// [`Engine::join_segment`]. `end_of_file`: the segment ends with the file (its last
    /// record may have no line end); otherwise it must end exactly between two records
    /// (its bytes stop just after a line feed that is not inside quotes).
    pub fn finish(mut self, end_of_file: bool) -> Result<(Vec<u8>, Vec<u8>), Error> {
        if self.sink.abandoned {
            return Err(abandoned());
        }
        if end_of_file {
            // The last record may end with the input; reading it may give up too.
            // Trailing lines skipped there are told by the engine worker's own reader.
            if self.reader.finish(&mut self.sink).is_err()
                || self.sink.abandoned
                || self.reader.trailing() > 0
            {
                return Err(abandoned());
            }
        } else if self.reader.boundary().is_none() {
            return Err(abandoned());
        }
        let counts = self.reader.segment_counts().ok_or_else(abandoned)?;
        let summary = Summary {
            start: self.start,
            bytes: self.bytes,
            initial: self.initial,
            counts,
        };
        Ok((std::mem::take(&mut self.sink.out), summary.encode()))
    }
}

impl Engine {
    /// What a [`Segment`] needs to read a later part of this input, once the header is
    /// read; `None` when this run cannot be split: not a CSV check (pass 1, or its findings
    /// pass), repair asked, a legacy file, a file over the size limit, the record rules
    /// already on a thread.
    pub fn split_state(&self, file_size: u64) -> Option<Vec<u8>> {
        let core = &self.core;
        let eligible = core.opts.mode == Mode::Check
            && !core.opts.repair
            && core.side_writer.is_none()
            && !core.legacy
            && core.rules_thread.is_none()
            && (self.max_file_bytes == 0 || file_size <= self.max_file_bytes);
        if !eligible {
            return None;
        }
        self.reader.split_state().map(|s| encode_state(&s))
    }

    /// Called when the input has been pushed (or joined) up to the segment's first byte:
    /// true when the segment's records are to be taken ([`Engine::push_segment`], every
    /// batch in order); the engine then reads on from the segment's end (more bytes, another
    /// segment, or [`Engine::finish`]). False when the caller must push the segment's bytes
    /// itself.
    pub fn join_segment(&mut self, summary: &[u8]) -> Result<bool, Error> {
        self.segment_done()?;
        let s = Summary::decode(summary)?;
        if s.start != self.reader.bytes() {
            return Err(misuse());
        }
        let Some((rows, next_line)) = self.reader.boundary() else {
            return Ok(false);
        };
        let Some(here) = self.reader.csv_encoding() else {
            return Ok(false);
        };
        // The segment decoded as this reader would have: same starting state, or it started
        // undecided and decided (if at all) what this reader had decided by then. (The first
        // non-ASCII field decides; decoding it then equals decoding it with that encoding.)
        let last = s.counts.encoding;
        let same = here == s.initial
            || (s.initial == Encoding::Undecided && (last == Encoding::Undecided || last == here));
        if !same {
            return Ok(false);
        }
        self.reader.join(s.bytes, s.counts, &mut self.core);
        self.progress.bytes += s.bytes;
        self.joined = Some(Joined {
            rows,
            lines: next_line.saturating_sub(1),
            expected_rows: self.core.rows.read + s.counts.rows,
        });
        Ok(true)
    }

    /// Checks that every record of the segment joined last was pushed.
    pub(super) fn segment_done(&mut self) -> Result<(), Error> {
        if let Some(j) = self.joined {
            j.check_complete(self.core.rows.read)?;
            self.joined = None;
        }
        Ok(())
    }

    /// Takes a batch of the segment's records (from [`Segment::push`] or
    /// [`Segment::finish`], in order).
    pub fn push_segment(&mut self, batch: &[u8]) -> Result<(), Error> {
        let j = self.joined.ok_or_else(misuse)?;
        let mut i = In::new(batch);
        let mut outcome = std::mem::take(&mut self.core.outcome);
        let mut result = Ok(());
        while !i.is_empty() {
            if let Err(e) = outcome.decode(&mut i, j.rows, j.lines) {
                result = Err(e.into());
                break;
            }
            self.core.record_checked(&mut outcome);
        }
        self.core.outcome = outcome;
        self.progress.rows = self.core.rows.read;
        result
    }
}

/// The findings pass of a check on two workers: the same segments, the same join; what the
/// helper's records give is written to the CSV (the file rules still observe them).
impl FindingsCsvPass {
    /// See [`Engine::split_state`].
    pub fn split_state(&self, file_size: u64) -> Option<Vec<u8>> {
        self.inner.split_state(file_size)
    }

    /// See [`Engine::join_segment`].
    pub fn join_segment(&mut self, summary: &[u8]) -> Result<bool, Error> {
        self.inner.join_segment(summary)
    }

    /// See [`Engine::push_segment`]; returns the CSV bytes ready so far.
    pub fn push_segment(&mut self, batch: &[u8]) -> Result<Vec<u8>, Error> {
        self.inner.push_segment(batch)?;
        Ok(std::mem::take(&mut self.inner.core.csv_out))
    }
}

impl Core {
    /// A record checked by a [`Segment`]: the same steps as `Sink::record` in check mode
    /// (pass 1: statistics, audit, file rules, kept findings; pass 2: file rules, CSV).
    fn record_checked(&mut self, outcome: &mut RecordOutcome) {
        self.rows.read += 1;
        self.take_outcome(outcome);
    }
}
