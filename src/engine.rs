//! The pipeline: chunks in → findings, statistics, outputs, progress out.
//!
//! Both edges (CLI and WebAssembly) drive the same [`Engine`]:
//! `Engine::new(options, key)` → `push(chunk)`… → `finish()`. Streamed outputs (transmission
//! XML/CSV, ODPE XML, repaired file, re-hashed file) are taken with [`Engine::drain_output`]
//! as they grow, so neither edge holds a whole output in memory. The uncapped findings CSV
//! needs the input a second time ([`FindingsCsvPass`]): pass 1 decides what only the end of
//! the file can decide, pass 2 re-reads the input and writes every finding in order.

use crate::finding::Finding;
use crate::pseudo::Key;
use crate::read::Limits;
use serde::Deserialize;

/// What the engine does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// `olinpe check`.
    #[default]
    Check,
    /// `olinpe pseudonymise`.
    Pseudonymise,
    /// `olinpe rehash`.
    Rehash,
}

/// Engine options: the same for the CLI and the page (the key is passed apart).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Options {
    /// Mode.
    pub mode: Mode,
    /// Base name of the input (written in the report; no path).
    pub input_name: String,
    /// `--year`.
    pub year: Option<i32>,
    /// `--max-findings` (default 1000).
    pub max_findings: usize,
    /// `--map-file` content.
    pub map_file: Option<String>,
    /// `--repair`.
    pub repair: bool,
    /// `--with-day`.
    pub with_day: bool,
    /// `--uppercase`.
    pub uppercase: bool,
    /// `--date-export` (AAAA-MM-JJ); the engine never reads the clock.
    pub date_export: Option<String>,
    /// `--previous`: last year's file content is pushed separately (see `previous_*`).
    pub has_previous: bool,
    /// Training mode: files are named `FORMATION…`.
    pub training: bool,
    /// Limits.
    #[serde(skip)]
    pub limits: Limits,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            mode: Mode::Check,
            input_name: String::new(),
            year: None,
            max_findings: 1000,
            map_file: None,
            repair: false,
            with_day: false,
            uppercase: false,
            date_export: None,
            has_previous: false,
            training: false,
            limits: Limits::default(),
        }
    }
}

/// The files the engine streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OutputFile {
    /// `NAME-transmission.xml`.
    TransmissionXml,
    /// `NAME-transmission.csv`.
    TransmissionCsv,
    /// `NAME-odpe.xml`.
    OdpeXml,
    /// `check --repair OUT`.
    Repaired,
    /// `rehash --out OUT`.
    Rehashed,
    /// The findings CSV (pass 2).
    FindingsCsv,
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
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Bytes pushed.
    pub bytes: u64,
    /// Records read.
    pub rows: u64,
}

/// An input that cannot be processed at all, or bad options (exit status 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineError {
    /// Stable code.
    pub code: &'static str,
    /// French message (one or two lines).
    pub message: String,
}

/// The end of pass 1.
#[derive(Debug)]
pub struct Finished {
    /// The report JSON bytes (check: `check --format json`; pseudonymise: `NAME-rapport.json`).
    pub report_json: Vec<u8>,
    /// The human summary (French text, `check --format text`).
    pub summary_text: String,
    /// 0: no blocking error; 1: blocking errors (or rejected rows / malformed ids).
    pub exit_status: u8,
    /// Records read.
    pub rows: u64,
    /// Errors, warnings, infos (exact counts).
    pub severity_counts: [u64; 3],
    /// Distinct young people.
    pub young_people: u64,
    /// The last pieces of the streamed outputs.
    pub outputs: Vec<Chunk>,
    /// What pass 2 needs to write the findings CSV.
    pub plan: FindingsPlan,
}

/// What pass 1 hands to pass 2 (file-level and deferred findings, reference year).
#[derive(Debug, Clone, Default)]
pub struct FindingsPlan {
    /// File-level findings.
    pub file_findings: Vec<Finding>,
    /// Deferred row findings, sorted by row then code.
    pub deferred: Vec<Finding>,
}

/// The engine.
pub struct Engine {
    opts: Options,
    key: Option<Key>,
    progress: Progress,
}

impl Engine {
    /// Checks the options and prepares the pipeline.
    pub fn new(opts: Options, key: Option<Key>) -> Result<Self, EngineError> {
        Ok(Engine {
            opts,
            key,
            progress: Progress::default(),
        })
    }

    /// Feeds a chunk of the input.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), EngineError> {
        self.progress.bytes += chunk.len() as u64;
        Ok(())
    }

    /// Takes the output produced so far.
    pub fn drain_output(&mut self) -> Vec<Chunk> {
        Vec::new()
    }

    /// Progress so far.
    pub fn progress(&self) -> Progress {
        self.progress
    }

    /// Ends the input.
    pub fn finish(self) -> Result<Finished, EngineError> {
        let _ = (&self.opts, &self.key);
        Err(EngineError {
            code: "not-implemented",
            message: "moteur en cours de construction".into(),
        })
    }
}

/// Pass 2: re-reads the input and writes every finding, uncapped, in order.
pub struct FindingsCsvPass {
    inner: Engine,
    plan: FindingsPlan,
}

impl FindingsCsvPass {
    /// Starts pass 2 with the same options and key as pass 1 and its plan.
    pub fn new(opts: Options, key: Option<Key>, plan: FindingsPlan) -> Result<Self, EngineError> {
        Ok(FindingsCsvPass {
            inner: Engine::new(opts, key)?,
            plan,
        })
    }

    /// Feeds a chunk; returns CSV bytes ready so far.
    pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<u8>, EngineError> {
        self.inner.push(chunk)?;
        Ok(Vec::new())
    }

    /// Ends; returns the last CSV bytes.
    pub fn finish(self) -> Result<Vec<u8>, EngineError> {
        let _ = self.plan;
        Ok(Vec::new())
    }
}
