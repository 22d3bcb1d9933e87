//! The pipeline: chunks in → findings, statistics, outputs, progress out.
//!
//! Both edges (CLI and WebAssembly) drive the same [`Engine`]:
//! `Engine::new(options, key)` → `push(chunk)`… → `finish()`. Streamed outputs (transmission
//! XML/CSV, ODPE XML, repaired file, re-hashed file) are taken with [`Engine::drain_output`]
//! as they grow, so neither edge holds a whole output in memory.
//!
//! The uncapped findings CSV lists file-level findings first, then every finding by record
//! and code. Some row findings can only be decided at the end of the file (out of perimeter
//! needs the reference year; an end may precede its opening). Rather than keeping every
//! finding, the findings CSV is written by a second pass ([`FindingsCsvPass`]) that re-reads
//! the input with what pass 1 decided ([`FindingsPlan`]) and merges the deferred findings in
//! row order. Pass 1 alone gives the report, the counts and every streamed output.

use crate::dictionary::{self, ids, Kind};
use crate::finding::{Code, Finding, Severity};
use crate::pseudo::{self, Key};
use crate::read::{self, Format, InputInfo, Limits, ReadOptions, Reader};
use crate::record::Record;
use crate::report::{FindingStore, InputSummary, Report, Tool, TypevCounts, VariableEntry};
use crate::rules::audit::{Audit, AuditHits};
use crate::rules::file::{Deferred, FileOptions, FileRules, RecordKeys};
use crate::rules::{self, record::CellFacts, VariableStats};
use crate::write;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

mod pipeline;
mod split;

pub use split::Segment;

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
    /// Training mode: files are named `FORMATION…`.
    pub training: bool,
    /// Limits.
    pub limits: LimitOptions,
}

/// Limits as options (serde-friendly mirror of [`Limits`]).
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LimitOptions {
    /// Maximum bytes in one field.
    pub max_field_bytes: usize,
    /// Maximum columns.
    pub max_columns: usize,
    /// Maximum input bytes (0: none).
    pub max_file_bytes: u64,
    /// Maximum bytes in one record.
    pub max_record_bytes: usize,
    /// Maximum XML nesting depth.
    pub max_xml_depth: usize,
}

impl Default for LimitOptions {
    fn default() -> Self {
        let l = Limits::default();
        LimitOptions {
            max_field_bytes: l.max_field_bytes,
            max_columns: l.max_columns,
            max_file_bytes: l.max_file_bytes,
            max_record_bytes: l.max_record_bytes,
            max_xml_depth: l.max_xml_depth,
        }
    }
}

impl From<LimitOptions> for Limits {
    fn from(l: LimitOptions) -> Self {
        Limits {
            max_field_bytes: l.max_field_bytes,
            max_columns: l.max_columns,
            max_file_bytes: l.max_file_bytes,
            max_record_bytes: l.max_record_bytes,
            max_xml_depth: l.max_xml_depth,
        }
    }
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
            training: false,
            limits: LimitOptions::default(),
        }
    }
}

/// The files the engine streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum OutputFile {
    /// `NAME-transmission.xml`.
    TransmissionXml,
    /// `NAME-transmission.csv`.
    TransmissionCsv,
    /// `NAME-odpe.xml` (only meaningful when [`Finished::odpe`] is true).
    OdpeXml,
    /// `check --repair OUT`.
    Repaired,
    /// `rehash --out OUT`.
    Rehashed,
    /// The findings CSV (pass 2).
    FindingsCsv,
}

impl OutputFile {
    /// The file's name for an input whose name without extension is `stem`, as the command
    /// line writes it and the page offers it (docs/spec/INTERFACES.md): `stem-transmission.xml`…
    pub fn name(self, stem: &str) -> String {
        match self {
            OutputFile::TransmissionXml => format!("{stem}-transmission.xml"),
            OutputFile::TransmissionCsv => format!("{stem}-transmission.csv"),
            OutputFile::OdpeXml => format!("{stem}-odpe.xml"),
            OutputFile::FindingsCsv => format!("{stem}-constats.csv"),
            OutputFile::Repaired => format!("{stem}-repare.csv"),
            OutputFile::Rehashed => format!("{stem}-rehache"),
        }
    }
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

/// An input that cannot be processed at all, or bad options (exit status 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineError {
    /// Stable code.
    pub code: &'static str,
    /// French message (one or two lines).
    pub message: String,
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<read::ReadError> for EngineError {
    fn from(e: read::ReadError) -> Self {
        EngineError {
            code: e.code,
            message: e.message,
        }
    }
}

/// Row accounting of `pseudonymise` and `rehash`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Rows {
    /// Records read.
    pub read: u64,
    /// Records written.
    pub written: u64,
    /// Records left out.
    pub rejected: u64,
}

/// A record left out of the outputs, with its reason (French, no identity value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    /// Input row.
    pub row: u64,
    /// Why.
    pub reason: String,
}

/// One output file's digest and, for XML, its validity against the XSD.
#[derive(Debug, Clone, Serialize)]
pub struct OutputDigest {
    /// File name.
    pub file: String,
    /// SHA-256 of its bytes (lowercase hex).
    pub sha256: String,
    /// Whether the XML validates against `decret2016.xsd`; `null` for CSV and JSON.
    pub xsd_valid: Option<bool>,
    /// Input rows whose record the XSD rejects.
    pub invalid_records: Vec<u64>,
}

/// The end of pass 1.
#[derive(Debug)]
pub struct Finished {
    /// The report.
    pub report: Report,
    /// The report JSON bytes (check: `check --format json`; pseudonymise: `NAME-rapport.json`).
    pub report_json: Vec<u8>,
    /// The human summary (French text, `check --format text`).
    pub summary_text: String,
    /// 0: no blocking error; 1: blocking errors, rejected rows or malformed identifiers.
    pub exit_status: u8,
    /// Errors, warnings, infos (exact counts).
    pub severity_counts: [u64; 3],
    /// The last pieces of the streamed outputs.
    pub outputs: Vec<Chunk>,
    /// True when the input has `UTDP`, so the ODPE XML is meaningful.
    pub odpe: bool,
    /// Row accounting (pseudonymise, rehash).
    pub rows: Rows,
    /// Rejected rows.
    pub rejected: Vec<Rejected>,
    /// Identifiers that are not 40 hexadecimal characters (rehash), by row.
    pub malformed_ids: Vec<MalformedId>,
    /// SHA-256 of the input bytes (pseudonymise and rehash; empty in check mode).
    pub input_sha256: String,
    /// Digests of the streamed outputs (XML with validity).
    pub digests: Vec<(OutputFile, String, Option<bool>, Vec<u64>)>,
    /// The previous-year variant analysis, when asked.
    pub previous: Option<pseudo::VariantReport>,
    /// What pass 2 needs to write the findings CSV.
    pub plan: FindingsPlan,
}

/// An identifier that is not 40 hexadecimal characters, met by `rehash`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MalformedId {
    /// Input row.
    pub row: u64,
    /// `NUMANONYM` or `NUMANONYMANT`.
    pub variable: &'static str,
}

/// What pass 1 hands to pass 2.
#[derive(Debug, Clone, Default)]
pub struct FindingsPlan {
    /// File-level findings.
    pub file_findings: Vec<Finding>,
    /// Deferred row findings, sorted by row then code (compact; see [`Deferred`]).
    pub deferred: Vec<Deferred>,
}

/// Streams output bytes and keeps their SHA-256.
#[derive(Default)]
struct OutStream {
    pending: Vec<u8>,
    hasher: Sha256,
    started: bool,
}

impl OutStream {
    fn write(&mut self, bytes: &[u8]) {
        self.started = true;
        self.hasher.update(bytes);
        self.pending.extend_from_slice(bytes);
    }
    fn digest(&self) -> String {
        hex(&self.hasher.clone().finalize())
    }
}

fn hex(bytes: &[u8]) -> String {
    const H: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(H[(b >> 4) as usize] as char);
        s.push(H[(b & 15) as usize] as char);
    }
    s
}

/// What to do with each record's findings.
enum FindingsMode {
    /// Pass 1: keep the capped selection and exact counts.
    Store,
    /// Pass 2: write every finding to the CSV, merging the deferred ones.
    Csv {
        deferred: std::collections::VecDeque<Deferred>,
    },
}

/// The record-side half of the engine (the reader's sink).
struct Core {
    opts: Options,
    stats: VariableStats,
    stats_acc: rules::StatsAccumulator,
    file_rules: Option<FileRules>,
    audit: Audit,
    store: FindingStore,
    findings_mode: FindingsMode,
    csv_out: Vec<u8>,
    file_findings: Vec<Finding>,
    batch: Vec<Finding>,
    scratch: Record,
    rows: Rows,
    rejected: Vec<Rejected>,
    malformed: Vec<MalformedId>,
    pseudonymiser: Option<pseudo::Pseudonymiser>,
    rehash_key: Option<Key>,
    probe: Option<pseudo::VariantProbe>,
    xml: Option<write::xml::TransmissionXml>,
    odpe: Option<write::xml::TransmissionXml>,
    odpe_seen: bool,
    xml_out: OutStream,
    csv_tx_out: OutStream,
    odpe_out: OutStream,
    side_out: OutStream,
    side_writer: Option<read::repair::RepairWriter>,
    invalid_xml_rows: Vec<u64>,
    legacy: bool,
    pass2: bool,
    /// The record rules on a second thread (check mode, command line only).
    rules_thread: Option<pipeline::RulesThread>,
}

impl Core {
    fn write_outputs(&mut self, rec: &Record) {
        if let Some(x) = &self.xml {
            let mut buf = Vec::with_capacity(2048);
            x.record(rec, &mut buf);
            self.xml_out.write(&buf);
            buf.clear();
            write::csv::record(rec, &mut buf);
            self.csv_tx_out.write(&buf);
            if write::xml::xsd_rejected(rec).next().is_some() {
                self.invalid_xml_rows.push(rec.row);
            }
        }
        if let Some(o) = &self.odpe {
            if rec.is_present(ids::UTDP) {
                self.odpe_seen = true;
            }
            let mut buf = Vec::with_capacity(2048);
            o.record(rec, &mut buf);
            self.odpe_out.write(&buf);
        }
    }

    /// Statistics of one record, from its cell facts.
    #[inline]
    fn count(&mut self, present: u128, facts: rules::record::CellFacts) {
        self.stats_acc.add(present, facts.filled, facts.informative);
    }

    /// Handles one record's findings (already including reading findings).
    fn emit_batch(&mut self, row: u64) {
        // Stable sort: the rules' own order (by variable) is kept within a code.
        match &mut self.findings_mode {
            FindingsMode::Store => {
                self.batch.sort_by_key(|f| f.code);
                for f in &self.batch {
                    self.audit.observe(f);
                    self.store.add(f);
                }
            }
            FindingsMode::Csv { deferred } => {
                while let Some(d) = deferred.front() {
                    let r = d.row();
                    if r > row {
                        break;
                    }
                    if let Some(d) = deferred.pop_front() {
                        if r < row {
                            write::findings_csv::row(&d.finding(), &mut self.csv_out);
                        } else {
                            self.batch.push(d.finding());
                        }
                    }
                }
                self.batch.sort_by_key(|f| f.code);
                for f in &self.batch {
                    write::findings_csv::row(f, &mut self.csv_out);
                }
            }
        }
        self.batch.clear();
    }
}

impl read::Sink for Core {
    fn record(&mut self, rec: &Record, findings: &mut Vec<Finding>) {
        self.rows.read += 1;
        self.batch.append(findings);
        let row = rec.row;
        match self.opts.mode {
            Mode::Check => {
                if let Some(w) = &mut self.side_writer {
                    let mut buf = Vec::new();
                    w.record(rec, &mut buf);
                    self.side_out.write(&buf);
                }
                if let (Some(rt), false) = (&mut self.rules_thread, self.legacy) {
                    // The rules run on the other thread; what depends on the order of the
                    // records is done here when the batch comes back (`finish_batch`).
                    let ready = rt.push(rec, &mut self.batch);
                    for b in ready {
                        self.finish_batch(b);
                    }
                    return;
                }
                self.check(rec);
            }
            Mode::Pseudonymise => {
                self.scratch.clone_from(rec);
                let mut scratch = std::mem::take(&mut self.scratch);
                if let Some(p) = &mut self.probe {
                    p.observe_identity(&scratch);
                }
                let outcome = match &self.pseudonymiser {
                    Some(p) => p.apply(&mut scratch, &mut self.batch),
                    None => Ok(()),
                };
                match outcome {
                    Ok(()) => {
                        self.rows.written += 1;
                        self.write_outputs(&scratch);
                    }
                    Err(reason) => {
                        self.rows.rejected += 1;
                        self.rejected.push(Rejected {
                            row,
                            reason: reason.reason,
                        });
                    }
                }
                let before = self.batch.len();
                self.check(&scratch);
                if scratch.is_empty(ids::NUMANONYM) {
                    // A rejected row is still checked (its other problems must be fixed too),
                    // but its missing identifiers are already explained by identity-missing.
                    let mut i = before;
                    while i < self.batch.len() {
                        let f = &self.batch[i];
                        let about_id = matches!(
                            f.variable.as_deref(),
                            Some("NUMANONYM") | Some("NUMANONYMANT")
                        );
                        if about_id && f.code == Code::MandatoryMissing {
                            self.batch.remove(i);
                        } else {
                            i += 1;
                        }
                    }
                }
                self.scratch = scratch;
            }
            Mode::Rehash => {
                self.scratch.clone_from(rec);
                let mut scratch = std::mem::take(&mut self.scratch);
                if let Some(key) = &self.rehash_key {
                    for (idx, name) in [
                        (ids::NUMANONYM, "NUMANONYM"),
                        (ids::NUMANONYMANT, "NUMANONYMANT"),
                    ] {
                        let v = scratch.get(idx).to_owned();
                        if v.is_empty() {
                            continue;
                        }
                        if !is_hex40(&v) {
                            self.malformed.push(MalformedId {
                                row,
                                variable: name,
                            });
                            let len = v.chars().count().to_string();
                            self.batch.push(crate::finding::finding(
                                Code::RehashIdentifierInvalid,
                                Some(row),
                                Some(rec.line),
                                Some(name),
                                &[("variable", name), ("longueur", &len)],
                            ));
                        }
                        scratch.set(idx, &pseudo::rehash_id(&v, key));
                    }
                }
                if let Some(w) = &mut self.side_writer {
                    let mut buf = Vec::new();
                    w.record(&scratch, &mut buf);
                    self.side_out.write(&buf);
                }
                self.rows.written += 1;
                self.emit_batch(row);
                self.scratch = scratch;
                return;
            }
        }
        self.emit_batch(row);
    }

    fn layout(&mut self, layout: &read::Layout) {
        let wants = match self.opts.mode {
            Mode::Check => self.opts.repair && !self.pass2,
            Mode::Rehash => !self.pass2,
            Mode::Pseudonymise => false,
        };
        if wants && self.side_writer.is_none() {
            let mut w = read::repair::RepairWriter::new(layout);
            if self.opts.mode == Mode::Rehash {
                w.drop_identity();
            }
            self.side_writer = Some(w);
        }
    }

    fn encoding(&mut self, name: &'static str) {
        if let Some(w) = &mut self.side_writer {
            w.set_encoding(name);
        }
    }

    fn file_finding(&mut self, f: Finding) {
        if f.code == Code::Legacy2011File {
            self.legacy = true;
        }
        self.file_findings.push(f);
    }
}

impl Core {
    /// Finishes records whose rules ran on the rules thread, in order: the same steps, in
    /// the same order, as [`Core::check`] and [`Core::emit_batch`] on one thread.
    fn finish_batch(&mut self, mut batch: Vec<pipeline::Slot>) {
        for slot in &mut batch {
            self.batch.append(&mut slot.reading);
            self.batch.append(&mut slot.rules);
            self.observe_checked(
                slot.rec.present_mask(),
                slot.facts,
                slot.hits,
                slot.keys.take(),
            );
            self.emit_batch(slot.rec.row);
        }
        if let Some(rt) = &mut self.rules_thread {
            rt.recycle(batch);
        }
    }

    /// Waits for the records still on the rules thread and finishes them.
    fn drain_rules_thread(&mut self) {
        let ready = match &mut self.rules_thread {
            Some(rt) => rt.drain(),
            None => return,
        };
        for b in ready {
            self.finish_batch(b);
        }
    }

    fn check(&mut self, rec: &Record) {
        if self.legacy {
            self.count(rec.present_mask(), rules::record::CellFacts::of(rec));
            return;
        }
        let facts = rules::record::check_with_facts(rec, &mut self.batch);
        let hits = match self.findings_mode {
            FindingsMode::Store => AuditHits::of(rec, &facts),
            FindingsMode::Csv { .. } => AuditHits::default(),
        };
        let keys = self.file_rules.as_ref().map(|_| RecordKeys::of(rec));
        self.observe_checked(rec.present_mask(), facts, hits, keys);
    }

    /// What follows the record rules for one record, on one thread or when its batch comes
    /// back from the rules thread: statistics and audit (pass 1 only), then the file rules.
    fn observe_checked(
        &mut self,
        present: u128,
        facts: rules::record::CellFacts,
        hits: AuditHits,
        keys: Option<RecordKeys>,
    ) {
        if matches!(self.findings_mode, FindingsMode::Store) {
            self.count(present, facts);
            self.audit.observe_hits(hits);
        }
        if let (Some(fr), Some(keys)) = (&mut self.file_rules, keys) {
            fr.observe_keys(keys, &mut self.batch);
        }
    }
}

/// What depends on one record alone, for the rules thread (`pipeline.rs`) and the helper
/// worker (`split.rs`): the record rules' findings (appended to `out`), the cell facts, the
/// file rules' keys and the audit's counts.
fn per_record(rec: &Record, out: &mut Vec<Finding>) -> (CellFacts, RecordKeys, AuditHits) {
    let facts = rules::record::check_with_facts(rec, out);
    let keys = RecordKeys::of(rec);
    let hits = AuditHits::of(rec, &facts);
    (facts, keys, hits)
}

fn is_hex40(v: &str) -> bool {
    v.len() == 40 && v.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The engine.
pub struct Engine {
    reader: Reader,
    core: Core,
    progress: Progress,
    input_hash: Sha256,
    max_file_bytes: u64,
    /// The segment joined last, whose records are being pushed (see `engine/split.rs`).
    joined: Option<split::Joined>,
}

impl Engine {
    /// Checks the options and prepares the pipeline.
    pub fn new(opts: Options, key: Option<Key>) -> Result<Self, EngineError> {
        Self::with_plan(opts, key, None, None)
    }

    /// Like [`Engine::new`], with last year's identifiers for the variant analysis
    /// (`--previous`).
    pub fn with_previous(
        opts: Options,
        key: Option<Key>,
        previous: PreviousIds,
    ) -> Result<Self, EngineError> {
        Self::with_plan(opts, key, None, Some(previous))
    }

    fn with_plan(
        opts: Options,
        key: Option<Key>,
        plan: Option<FindingsPlan>,
        previous: Option<PreviousIds>,
    ) -> Result<Self, EngineError> {
        if opts.mode != Mode::Check && key.is_none() {
            return Err(EngineError {
                code: "key-missing",
                message: "Clé absente : indiquez un fichier de clé (--key-file) ou la variable OLINPE_KEY.".into(),
            });
        }
        let date_export = match (&opts.mode, &opts.date_export) {
            (Mode::Pseudonymise, None) => {
                return Err(EngineError {
                    code: "date-export-missing",
                    message: "Date d'export absente (--date-export AAAA-MM-JJ).".into(),
                })
            }
            (_, Some(d)) => {
                if !valid_export_date(d) {
                    return Err(EngineError {
                        code: "date-export-invalid",
                        message: format!(
                            "Date d'export invalide : « {} » ; attendu AAAA-MM-JJ.",
                            crate::finding::quote(d)
                        ),
                    });
                }
                d.clone()
            }
            (_, None) => String::new(),
        };
        let read_opts = ReadOptions {
            map_file: opts.map_file.clone(),
            repair: opts.repair,
            keep_raw: opts.mode == Mode::Rehash,
            limits: opts.limits.into(),
        };
        let reader = Reader::new(read_opts.clone())?;
        let pass2 = plan.is_some();
        let (findings_mode, csv_out) = match plan {
            Some(plan) => {
                let mut out = write::findings_csv::header();
                for f in &plan.file_findings {
                    write::findings_csv::row(f, &mut out);
                }
                (
                    FindingsMode::Csv {
                        deferred: plan.deferred.into(),
                    },
                    out,
                )
            }
            None => (FindingsMode::Store, Vec::new()),
        };
        let (pseudonymiser, rehash_key, probe) = match (opts.mode, key) {
            (Mode::Pseudonymise, Some(k)) => {
                let probe = match &previous {
                    Some(p) if !pass2 => {
                        let mut probe = pseudo::VariantProbe::new(k.clone(), true);
                        for id in &p.ids {
                            probe.observe_previous_id(id);
                        }
                        Some(probe)
                    }
                    _ => None,
                };
                (
                    Some(pseudo::Pseudonymiser::new(k, opts.with_day, opts.uppercase)),
                    None,
                    probe,
                )
            }
            (Mode::Rehash, Some(k)) => (None, Some(k), None),
            _ => (None, None, None),
        };
        let writes = !pass2 && opts.mode == Mode::Pseudonymise;
        let core = Core {
            file_rules: Some(FileRules::new(FileOptions { year: opts.year })),
            stats: VariableStats::default(),
            stats_acc: rules::StatsAccumulator::default(),
            audit: Audit::new(),
            store: FindingStore::new(opts.max_findings),
            findings_mode,
            csv_out,
            file_findings: Vec::new(),
            batch: Vec::new(),
            scratch: Record::new(),
            rows: Rows::default(),
            rejected: Vec::new(),
            malformed: Vec::new(),
            pseudonymiser,
            rehash_key,
            probe,
            xml: writes.then(|| write::xml::TransmissionXml::new(&date_export, false)),
            odpe: writes.then(|| write::xml::TransmissionXml::new(&date_export, true)),
            odpe_seen: false,
            xml_out: OutStream::default(),
            csv_tx_out: OutStream::default(),
            odpe_out: OutStream::default(),
            side_out: OutStream::default(),
            side_writer: None,
            invalid_xml_rows: Vec::new(),
            legacy: false,
            pass2,
            rules_thread: None,
            opts,
        };
        let mut engine = Engine {
            reader,
            max_file_bytes: core.opts.limits.max_file_bytes,
            core,
            progress: Progress::default(),
            input_hash: Sha256::new(),
            joined: None,
        };
        if let Some(x) = &engine.core.xml {
            let h = x.header();
            engine.core.xml_out.write(&h);
            engine.core.csv_tx_out.write(&write::csv::header());
        }
        if let Some(o) = &engine.core.odpe {
            let h = o.header();
            engine.core.odpe_out.write(&h);
        }
        // Pass 2 keeps the file rules observing: the findings they decide record by record
        // (identity, NUMANONYMANT, 730 days) are recomputed identically; only their end of
        // file is replaced by pass 1's plan.
        Ok(engine)
    }

    /// Feeds a chunk of the input.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), EngineError> {
        self.segment_done()?;
        let before = self.progress.bytes;
        self.progress.bytes += chunk.len() as u64;
        if self.max_file_bytes > 0 && self.progress.bytes > self.max_file_bytes {
            // Read the bytes up to the limit first, so that a problem met before the limit
            // is reported whatever the chunk size (found by the fuzz target `check`).
            let fits = usize::try_from(self.max_file_bytes.saturating_sub(before))
                .unwrap_or(usize::MAX)
                .min(chunk.len());
            if let Some(head) = chunk.get(..fits) {
                self.input_hash.update(head);
                self.reader.push(head, &mut self.core)?;
                self.progress.rows = self.core.rows.read;
            }
            return Err(EngineError {
                code: "limit-file-size",
                message: format!(
                    "Fichier trop volumineux : la limite est de {} octets pour ce mode.",
                    self.max_file_bytes
                ),
            });
        }
        // Only receipts (pseudonymise, rehash) carry the input's SHA-256.
        if self.core.opts.mode != Mode::Check {
            self.input_hash.update(chunk);
        }
        self.reader.push(chunk, &mut self.core)?;
        self.progress.rows = self.core.rows.read;
        Ok(())
    }

    /// Takes the output produced so far.
    pub fn drain_output(&mut self) -> Vec<Chunk> {
        let mut out = Vec::new();
        let side_file = if self.core.opts.mode == Mode::Rehash {
            OutputFile::Rehashed
        } else {
            OutputFile::Repaired
        };
        for (file, s) in [
            (OutputFile::TransmissionXml, &mut self.core.xml_out),
            (OutputFile::TransmissionCsv, &mut self.core.csv_tx_out),
            (OutputFile::OdpeXml, &mut self.core.odpe_out),
            (side_file, &mut self.core.side_out),
        ] {
            if !s.pending.is_empty() {
                out.push(Chunk {
                    file,
                    bytes: std::mem::take(&mut s.pending),
                });
            }
        }
        if !self.core.csv_out.is_empty() {
            out.push(Chunk {
                file: OutputFile::FindingsCsv,
                bytes: std::mem::take(&mut self.core.csv_out),
            });
        }
        out
    }

    /// Runs the record rules on a second thread (check mode only; the other modes ignore
    /// it). Same results, byte for byte; for the command line on a machine with two cores
    /// or more (see `engine/pipeline.rs`). Without it, or where threads are unavailable,
    /// everything runs on the calling thread.
    pub fn use_rules_thread(mut self) -> Self {
        if self.core.opts.mode == Mode::Check && self.core.rules_thread.is_none() {
            self.core.rules_thread = pipeline::RulesThread::start();
        }
        self
    }

    /// Progress so far.
    pub fn progress(&self) -> Progress {
        self.progress
    }

    /// Ends the input and builds the report.
    pub fn finish(mut self) -> Result<Finished, EngineError> {
        self.segment_done()?;
        let info = self.reader.finish(&mut self.core)?;
        self.core.drain_rules_thread();
        // The reader counts a legacy 2011 file's records but does not deliver them (no rule
        // runs on them). In pseudonymise and rehash they are rejected, listed with the reason,
        // so rows read = written + rejected still holds and nothing is lost silently.
        if info.legacy_2011 && self.core.opts.mode != Mode::Check {
            for row in self.core.rows.read + 1..=info.rows {
                self.core.rejected.push(Rejected {
                    row,
                    reason: "fichier au format du décret 2011 : enregistrement non traité".into(),
                });
                self.core.rows.read += 1;
                self.core.rows.rejected += 1;
            }
        }
        self.progress.rows = self.core.rows.read;
        let core = &mut self.core;
        if let Some(w) = &mut core.side_writer {
            let mut buf = Vec::new();
            w.finish(&mut buf);
            core.side_out.write(&buf);
        }
        if let Some(x) = &core.xml {
            let f = x.footer();
            core.xml_out.write(&f);
        }
        if let Some(o) = &core.odpe {
            let f = o.footer();
            core.odpe_out.write(&f);
        }
        core.stats = core.stats_acc.stats();
        let mut outcome = core
            .file_rules
            .take()
            .map(|fr| fr.finish(&core.stats))
            .unwrap_or_default();
        let mut file_findings = std::mem::take(&mut core.file_findings);
        file_findings.extend(outcome.file_findings.iter().cloned());
        if info.rows == 0 && !file_findings.iter().any(|f| f.code == Code::NoRecords) {
            file_findings.push(crate::finding::finding(
                Code::NoRecords,
                None,
                None,
                None,
                &[],
            ));
        }
        for f in &file_findings {
            core.audit.observe(f);
            core.store.add(f);
        }
        for d in &outcome.deferred {
            let f = d.finding();
            core.audit.observe(&f);
            core.store.add_deferred(&f);
        }
        let plan = FindingsPlan {
            file_findings,
            deferred: std::mem::take(&mut outcome.deferred),
        };
        let store = std::mem::replace(&mut core.store, FindingStore::new(0));
        let audit = std::mem::take(&mut core.audit);
        let (findings, total, counts, truncated) = store.select();
        let has_utdp = core.stats.present[ids::UTDP];
        let variables = (0..ids::N_ALL)
            .filter(|&i| i < ids::N_DECREE || has_utdp)
            .filter_map(|i| {
                dictionary::VARIABLES.get(i).map(|v| VariableEntry {
                    code: v.code,
                    present: core.stats.present[i],
                    filled: core.stats.filled[i],
                    informative: core.stats.informative[i],
                })
            })
            .collect();
        let report = Report {
            tool: Tool::default(),
            dictionary: dictionary::DICTIONARY_ID,
            input: input_summary(&core.opts.input_name, &info),
            reference_year: outcome.reference_year,
            young_people: outcome.young_people,
            typev: TypevCounts {
                one: outcome.typev[0],
                two: outcome.typev[1],
                three: outcome.typev[2],
            },
            variables,
            audit: audit.finish(&core.stats, &outcome),
            counts,
            findings,
            findings_total: total,
            findings_truncated: truncated,
            population: outcome.population.clone(),
        };
        let severity_counts = [
            report.severity_count(Severity::Error),
            report.severity_count(Severity::Warning),
            report.severity_count(Severity::Info),
        ];
        let exit_status = u8::from(
            severity_counts[0] > 0 || core.rows.rejected > 0 || !core.malformed.is_empty(),
        );
        let summary_text = summary_text(&report, core.opts.mode, &core.rows);
        let report_json = report.to_json();
        let mut digests = Vec::new();
        if core.xml.is_some() {
            let valid = core.invalid_xml_rows.is_empty();
            digests.push((
                OutputFile::TransmissionXml,
                core.xml_out.digest(),
                Some(valid),
                core.invalid_xml_rows.clone(),
            ));
            digests.push((
                OutputFile::TransmissionCsv,
                core.csv_tx_out.digest(),
                None,
                Vec::new(),
            ));
            if core.odpe_seen {
                // The ODPE variant carries UTDP, which the ONPE schema does not know: it is
                // never validated against decret2016.xsd (null, like the CSV).
                digests.push((
                    OutputFile::OdpeXml,
                    core.odpe_out.digest(),
                    None,
                    Vec::new(),
                ));
            }
        }
        if core.side_out.started {
            let f = if core.opts.mode == Mode::Rehash {
                OutputFile::Rehashed
            } else {
                OutputFile::Repaired
            };
            digests.push((f, core.side_out.digest(), None, Vec::new()));
        }
        let previous = core.probe.take().map(|p| p.finish());
        let odpe = core.odpe_seen;
        let rows = core.rows;
        let rejected = std::mem::take(&mut core.rejected);
        let malformed_ids = std::mem::take(&mut core.malformed);
        let input_sha256 = if self.core.opts.mode == Mode::Check {
            String::new()
        } else {
            hex(&self.input_hash.clone().finalize())
        };
        let outputs = self.drain_output();
        Ok(Finished {
            report,
            report_json,
            summary_text,
            exit_status,
            severity_counts,
            outputs,
            odpe,
            rows,
            rejected,
            malformed_ids,
            input_sha256,
            digests,
            previous,
            plan,
        })
    }
}

fn valid_export_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && {
            let m = (b[5] - b'0') * 10 + (b[6] - b'0');
            let day = (b[8] - b'0') * 10 + (b[9] - b'0');
            (1..=12).contains(&m) && (1..=31).contains(&day)
        }
}

fn input_summary(name: &str, info: &InputInfo) -> InputSummary {
    InputSummary {
        name: name.to_owned(),
        format: match info.format {
            Some(Format::Xml) => "xml",
            _ => "csv",
        },
        encoding: if info.encoding.is_empty() {
            "UTF-8"
        } else {
            info.encoding
        },
        delimiter: info.delimiter.map(|d| (d as char).to_string()),
        rows: info.rows,
    }
}

/// Last year's identifiers, read from last year's file (`--previous`).
#[derive(Debug, Clone, Default)]
pub struct PreviousIds {
    /// Distinct NUMANONYM values, as received.
    pub ids: std::collections::HashSet<String>,
}

/// Reads last year's file (any format the readers accept) and keeps its NUMANONYM values.
pub struct PreviousReader {
    reader: Reader,
    sink: PreviousSink,
}

struct PreviousSink(PreviousIds);

impl read::Sink for PreviousSink {
    fn record(&mut self, rec: &Record, _findings: &mut Vec<Finding>) {
        let v = rec.get(ids::NUMANONYM);
        if !v.is_empty() {
            self.0.ids.insert(v.to_owned());
        }
    }
    fn file_finding(&mut self, _f: Finding) {}
}

impl PreviousReader {
    /// A reader for last year's file.
    pub fn new(map_file: Option<String>) -> Result<Self, EngineError> {
        Ok(PreviousReader {
            reader: Reader::new(ReadOptions {
                map_file,
                ..ReadOptions::default()
            })?,
            sink: PreviousSink(PreviousIds::default()),
        })
    }
    /// Feeds a chunk.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), EngineError> {
        self.reader.push(chunk, &mut self.sink)?;
        Ok(())
    }
    /// Ends; the identifiers.
    pub fn finish(mut self) -> Result<PreviousIds, EngineError> {
        self.reader.finish(&mut self.sink)?;
        Ok(self.sink.0)
    }
}

/// Pass 2: re-reads the input and writes every finding, uncapped, in order.
pub struct FindingsCsvPass {
    inner: Engine,
}

impl FindingsCsvPass {
    /// Starts pass 2 with the same options and key as pass 1 and its plan.
    pub fn new(opts: Options, key: Option<Key>, plan: FindingsPlan) -> Result<Self, EngineError> {
        Ok(FindingsCsvPass {
            inner: Engine::with_plan(opts, key, Some(plan), None)?,
        })
    }

    /// See [`Engine::use_rules_thread`].
    pub fn use_rules_thread(mut self) -> Self {
        self.inner = self.inner.use_rules_thread();
        self
    }

    /// Feeds a chunk; returns the CSV bytes ready so far.
    pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<u8>, EngineError> {
        self.inner.push(chunk)?;
        Ok(std::mem::take(&mut self.inner.core.csv_out))
    }

    /// Ends; returns the last CSV bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, EngineError> {
        self.inner.segment_done()?;
        self.inner.reader.finish(&mut self.inner.core)?;
        self.inner.core.drain_rules_thread();
        let core = &mut self.inner.core;
        if let FindingsMode::Csv { deferred } = &mut core.findings_mode {
            while let Some(d) = deferred.pop_front() {
                write::findings_csv::row(&d.finding(), &mut core.csv_out);
            }
        }
        Ok(std::mem::take(&mut core.csv_out))
    }
}

/// The French text summary (`check --format text`).
pub fn summary_text(report: &Report, mode: Mode, rows: &Rows) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let e = report.severity_count(Severity::Error);
    let w = report.severity_count(Severity::Warning);
    let i = report.severity_count(Severity::Info);
    let _ = writeln!(s, "olinpe {} — {}", report.tool.version, report.input.name);
    let delim = match report.input.delimiter.as_deref() {
        Some("\t") => ", séparateur tabulation".to_string(),
        Some(d) => format!(", séparateur « {d} »"),
        None => String::new(),
    };
    let _ = writeln!(
        s,
        "Fichier : {} ({}{}), {} enregistrement(s), {} jeune(s)",
        report.input.format.to_uppercase(),
        report.input.encoding,
        delim,
        report.input.rows,
        report.young_people
    );
    match report.reference_year {
        Some(y) => {
            let _ = writeln!(s, "Année de référence : {y}");
        }
        None => {
            let _ = writeln!(s, "Année de référence : indéterminée");
        }
    }
    let _ = writeln!(
        s,
        "Évènements : {} début(s) (TYPEV=1), {} renouvellement(s) (TYPEV=2), {} fin(s) (TYPEV=3)",
        report.typev.one, report.typev.two, report.typev.three
    );
    if mode != Mode::Check {
        let _ = writeln!(
            s,
            "Lignes : {} lue(s), {} écrite(s), {} écartée(s)",
            rows.read, rows.written, rows.rejected
        );
    }
    let _ = writeln!(
        s,
        "Constats : {e} erreur(s), {w} avertissement(s), {i} information(s)"
    );
    let red = report.audit.iter().filter(|a| a.status == "red").count();
    let orange = report.audit.iter().filter(|a| a.status == "orange").count();
    let green = report.audit.iter().filter(|a| a.status == "green").count();
    let _ = writeln!(
        s,
        "Audit ONPE : {red} section(s) rouge(s), {orange} orange, {green} verte(s)"
    );
    for a in report.audit.iter().filter(|a| a.status != "green") {
        let colour = if a.status == "red" {
            "rouge "
        } else {
            "orange"
        };
        let unit = match a.unit {
            "variables" => "variable(s)",
            "young_people" => "jeune(s)",
            _ => "enregistrement(s)",
        };
        let _ = writeln!(
            s,
            "  [{colour}] {} {} : {} {unit}",
            a.section, a.title, a.count,
        );
    }
    if !report.counts.is_empty() {
        let _ = writeln!(s, "Constats par code :");
        let mut by: Vec<_> = report.counts.iter().collect();
        by.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (code, n) in by {
            let entry = code.entry();
            let _ = writeln!(
                s,
                "  {:>8}  {:<13} {} — {}",
                n,
                entry.severity.french(),
                code,
                entry.title
            );
        }
    }
    // Errors first, then warnings, then information, each in report order.
    let mut shown: Vec<&Finding> = report.findings.iter().collect();
    shown.sort_by_key(|f| f.severity);
    shown.truncate(30);
    if !shown.is_empty() {
        let _ = writeln!(
            s,
            "Premiers constats, les plus graves d'abord ({} sur {} ; tous dans --findings-csv) :",
            shown.len(),
            report.findings_total
        );
        for f in shown {
            let place = match (f.row, f.line) {
                (Some(r), Some(l)) => format!("enr. {r} (ligne {l})"),
                _ => "fichier".to_string(),
            };
            let var = f.variable.as_deref().unwrap_or("-");
            let _ = writeln!(
                s,
                "  {:<13} {place} {var} : {}",
                f.severity.french(),
                f.message
            );
        }
    }
    if e > 0 {
        let _ = writeln!(
            s,
            "Résultat : {e} erreur(s) bloquante(s) ; corrigez-les à la source avant la transmission."
        );
    } else {
        let _ = writeln!(s, "Résultat : aucune erreur bloquante.");
    }
    s
}

/// Variables whose kind is a date-like value (used by the summary statistics).
pub fn is_date_kind(index: usize) -> bool {
    matches!(
        dictionary::VARIABLES.get(index).map(|v| v.kind),
        Some(Kind::Date | Kind::YearMonth)
    )
}

/// The receipt JSON (`NAME-recu.json`) and text (`NAME-recu.txt`) of a pseudonymisation.
#[derive(Debug, Serialize)]
pub struct Receipt<'a> {
    /// Tool.
    pub tool: Tool,
    /// Dictionary id.
    pub dictionary: &'static str,
    /// Hashing scheme.
    pub scheme: &'static str,
    /// Options that change the identifiers.
    pub options: ReceiptOptions,
    /// Row accounting.
    pub rows: Rows,
    /// Rejected rows.
    pub rejected: &'a [Rejected],
    /// SHA-256 of the input.
    pub input_sha256: &'a str,
    /// Outputs.
    pub outputs: Vec<OutputDigest>,
    /// The report of the pseudonymised data.
    pub report: &'a Report,
}

/// `options` of the receipt.
#[derive(Debug, Serialize)]
pub struct ReceiptOptions {
    /// `--with-day`.
    pub with_day: bool,
    /// `--uppercase`.
    pub uppercase: bool,
    /// `--date-export`.
    pub date_export: String,
    /// `--previous` analysis.
    pub previous: Option<pseudo::VariantReport>,
}

/// Builds the receipt of a pseudonymisation (JSON bytes and French text). `names` gives the
/// file name of each output; `extra` adds outputs computed by the edge (report JSON,
/// findings CSV) as `(name, sha256)`.
pub fn receipt(
    opts: &Options,
    finished: &Finished,
    names: &dyn Fn(OutputFile) -> String,
    extra: &[(String, String)],
) -> (Vec<u8>, String) {
    let mut outputs: Vec<OutputDigest> = finished
        .digests
        .iter()
        .map(|(f, sha, valid, invalid)| OutputDigest {
            file: names(*f),
            sha256: sha.clone(),
            xsd_valid: *valid,
            invalid_records: invalid.clone(),
        })
        .collect();
    for (name, sha) in extra {
        outputs.push(OutputDigest {
            file: name.clone(),
            sha256: sha.clone(),
            xsd_valid: None,
            invalid_records: Vec::new(),
        });
    }
    let r = Receipt {
        tool: Tool::default(),
        dictionary: dictionary::DICTIONARY_ID,
        scheme: pseudo::Scheme::id(&pseudo::Onpe2016),
        options: ReceiptOptions {
            with_day: opts.with_day,
            uppercase: opts.uppercase,
            date_export: opts.date_export.clone().unwrap_or_default(),
            previous: finished.previous.clone(),
        },
        rows: finished.rows,
        rejected: &finished.rejected,
        input_sha256: &finished.input_sha256,
        outputs,
        report: &finished.report,
    };
    let mut json = serde_json::to_vec_pretty(&r).unwrap_or_default();
    json.push(b'\n');
    let text = receipt_text(&r);
    (json, text)
}

fn receipt_text(r: &Receipt<'_>) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(s, "Reçu de pseudonymisation — olinpe {}", r.tool.version);
    let _ = writeln!(s, "Dictionnaire : {}", r.dictionary);
    let _ = writeln!(s, "Procédé : {} (SHA-1 + phonex, clé nationale)", r.scheme);
    let _ = writeln!(
        s,
        "Options : jour de naissance {} ; hexadécimal en {} ; date d'export {}",
        if r.options.with_day {
            "inclus"
        } else {
            "non inclus"
        },
        if r.options.uppercase {
            "majuscules"
        } else {
            "minuscules"
        },
        r.options.date_export
    );
    if let Some(p) = &r.options.previous {
        let advice = p
            .advice(r.options.with_day, r.options.uppercase)
            .or_else(|| p.warning.clone());
        if let Some(msg) = advice {
            let _ = writeln!(s, "Fichier de l'an dernier : {msg}");
        } else {
            let _ = writeln!(
                s,
                "Fichier de l'an dernier : les options choisies reproduisent ses identifiants."
            );
        }
    }
    let _ = writeln!(
        s,
        "Lignes : {} lue(s) = {} écrite(s) + {} écartée(s)",
        r.rows.read, r.rows.written, r.rows.rejected
    );
    for rej in r.rejected {
        let _ = writeln!(s, "  écartée : enregistrement {} — {}", rej.row, rej.reason);
    }
    let _ = writeln!(s, "Empreinte SHA-256 du fichier reçu : {}", r.input_sha256);
    let _ = writeln!(s, "Fichiers produits :");
    for o in &r.outputs {
        let validity = match o.xsd_valid {
            Some(true) => " — conforme au schéma XSD".to_string(),
            Some(false) => format!(
                " — NON conforme au schéma XSD ({} enregistrement(s))",
                o.invalid_records.len()
            ),
            None => String::new(),
        };
        let _ = writeln!(s, "  {} sha256={}{}", o.file, o.sha256, validity);
    }
    let e = r.report.severity_count(Severity::Error);
    let w = r.report.severity_count(Severity::Warning);
    let _ = writeln!(
        s,
        "Contrôle des données pseudonymisées : {e} erreur(s), {w} avertissement(s)"
    );
    s
}

/// The rehash receipt (`OUT-recu.json`).
#[derive(Debug, Serialize)]
pub struct RehashReceipt<'a> {
    /// Tool.
    pub tool: Tool,
    /// Row accounting.
    pub rows: Rows,
    /// Identifiers that are not 40 hexadecimal characters.
    pub malformed: &'a [MalformedId],
    /// SHA-256 of the input.
    pub input_sha256: &'a str,
    /// SHA-256 of the output.
    pub output_sha256: String,
}

/// Builds the rehash receipt bytes.
pub fn rehash_receipt(finished: &Finished) -> Vec<u8> {
    let output_sha256 = finished
        .digests
        .iter()
        .find(|d| d.0 == OutputFile::Rehashed)
        .map(|d| d.1.clone())
        .unwrap_or_default();
    let r = RehashReceipt {
        tool: Tool::default(),
        rows: finished.rows,
        malformed: &finished.malformed_ids,
        input_sha256: &finished.input_sha256,
        output_sha256,
    };
    let mut json = serde_json::to_vec_pretty(&r).unwrap_or_default();
    json.push(b'\n');
    json
}

/// Aggregated counts by severity for a report (helper for the edges).
pub fn counts_by_severity(counts: &BTreeMap<Code, u64>) -> [u64; 3] {
    let mut out = [0u64; 3];
    for (code, n) in counts {
        let i = match code.severity() {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        };
        out[i] += n;
    }
    out
}

/// The reader alone (no rules, no outputs): used by the benchmark to measure decoding and
/// record splitting on their own.
pub struct ReadOnly {
    reader: Reader,
    sink: CountingSink,
}

#[derive(Default)]
struct CountingSink {
    rows: u64,
    bytes_in_values: u64,
}

impl read::Sink for CountingSink {
    fn record(&mut self, rec: &Record, findings: &mut Vec<Finding>) {
        self.rows += 1;
        // Touch one value so the work cannot be optimised away.
        self.bytes_in_values += rec.get(ids::TYPEV).len() as u64;
        findings.clear();
    }
    fn file_finding(&mut self, _f: Finding) {}
}

impl ReadOnly {
    /// A reader with default options.
    pub fn new() -> Result<Self, EngineError> {
        Ok(ReadOnly {
            reader: Reader::new(ReadOptions::default())?,
            sink: CountingSink::default(),
        })
    }
    /// Feeds a chunk.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), EngineError> {
        self.reader.push(chunk, &mut self.sink)?;
        Ok(())
    }
    /// Ends; the number of records read.
    pub fn finish(mut self) -> Result<u64, EngineError> {
        self.reader.finish(&mut self.sink)?;
        Ok(self.sink.rows)
    }
}
