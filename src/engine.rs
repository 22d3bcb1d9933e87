//! The engine: one pass over one input, chunks in → findings, statistics, outputs out.
//!
//! Both edges drive it through the session layer (`crate::session`), which runs a whole job
//! (last year's file, pass 1, the findings pass, receipts) and names and hashes the files.
//! Here, one pass: `Engine::new(options, key)` → `push(chunk)`… → `finish()`. Streamed
//! outputs (transmission XML/CSV, ODPE XML, repaired file, re-hashed file) are taken with
//! [`Engine::drain_output`] as they grow, so no output is ever held whole in memory.
//!
//! The files, by job:
//! - `options.rs`: [`Mode`], [`Options`], [`LimitOptions`], checked once;
//! - `outcome.rs`: what depends on one record alone, one type with its encoding;
//! - `core.rs`: the ordered core (the reader's sink: statistics, audit, file rules, the
//!   kept findings or the findings CSV) and `check`'s records;
//! - `pseudonymise.rs`, `rehash.rs`: those modes' records, and last year's file;
//! - `run.rs`: [`Engine`] (making it, pushing, draining); `finish.rs`: the end of pass 1
//!   ([`Finished`]); `findings_pass.rs`: pass 2 ([`FindingsCsvPass`]);
//! - `pipeline.rs`: the record rules on a second thread (command line); `split.rs`: the
//!   page's helper worker ([`Segment`]);
//! - `summary.rs`: the French text summary; `receipt.rs`: the receipts.
//!
//! The uncapped findings CSV lists file-level findings first, then every finding by record
//! and code. Some row findings can only be decided at the end of the file (out of perimeter
//! needs the reference year; an end may precede its opening). Rather than keeping every
//! finding, the findings CSV is written by a second pass ([`FindingsCsvPass`]) that re-reads
//! the input with what pass 1 decided ([`FindingsPlan`]) and merges the deferred findings in
//! row order. Pass 1 alone gives the report, the counts and every streamed output.

mod core;
mod findings_pass;
mod finish;
mod options;
mod outcome;
mod pipeline;
mod pseudonymise;
mod receipt;
mod refusal;
mod rehash;
mod run;
mod split;
mod summary;

pub use findings_pass::FindingsCsvPass;
pub(crate) use finish::hex;
pub use finish::{FindingsPlan, Finished, Produced, Rejected, Rows};
pub use options::{LimitOptions, Mode, Options};
pub use pseudonymise::{PreviousIds, PreviousReader};
pub(crate) use receipt::{receipt, rehash_receipt, InternalDigest, OutputDigest};
pub use refusal::{preflight, preflight_workbook, refusal};
pub use rehash::MalformedId;
pub use run::{Engine, OnPause, SheetProgress};
pub use split::Segment;

/// A fatal error of the engine (see [`crate::error`]).
pub type EngineError = crate::error::Error;

use serde::Serialize;

/// The files the engine streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum OutputFile {
    /// The transmission XML.
    TransmissionXml,
    /// The transmission CSV.
    TransmissionCsv,
    /// The ODPE XML (only produced when the input has `UTDP`).
    OdpeXml,
    /// `check --repair OUT`.
    Repaired,
    /// `rehash --out OUT`.
    Rehashed,
    /// The findings CSV (pass 2).
    FindingsCsv,
    /// The internal corrections list (pass 2, `--corrections`).
    Corrections,
}

/// A piece of an output file.
#[derive(Debug, Clone)]
pub struct Chunk {
    /// Which file.
    pub file: OutputFile,
    /// Bytes to append.
    pub bytes: Vec<u8>,
}

/// Progress so far.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Progress {
    /// Bytes pushed.
    pub bytes: u64,
    /// Records read.
    pub rows: u64,
}
