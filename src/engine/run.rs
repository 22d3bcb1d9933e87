//! [`Engine`]: one pass over one input, push-style. `Engine::new(options, key)` →
//! `push(chunk)`… (with [`Engine::drain_output`] as often as wanted) → `finish()`.

use super::core::{Core, Dossiers, FindingsMode, OutStream};
use super::options::{Mode, Options};
use super::outcome::RecordOutcome;
use super::pipeline;
use super::pseudonymise::PreviousIds;
use super::split;
use super::{Chunk, FindingsPlan, OutputFile, Progress, Rows};
use crate::error::{Error, ErrorKind};
use crate::pseudo::{self, Key};
use crate::read::{ReadOptions, Reader};
use crate::record::Record;
use crate::report::{FindingStore, Tally};
use crate::rules::audit::Audit;
use crate::rules::file::{FileOptions, FileRules};
use crate::rules::{self, VariableStats};
use crate::write;
use sha2::{Digest, Sha256};

/// The engine.
pub struct Engine {
    pub(super) reader: Reader,
    pub(super) core: Core,
    pub(super) progress: Progress,
    pub(super) input_hash: Sha256,
    pub(super) max_file_bytes: u64,
    /// The segment joined last, whose records are being pushed (see `engine/split.rs`).
    pub(super) joined: Option<split::Joined>,
}

impl Core {
    /// Takes the output produced so far (see [`Engine::drain_output`]).
    pub(super) fn drain(&mut self) -> Vec<Chunk> {
        let mut out = Vec::new();
        let side_file = if self.opts.mode == Mode::Rehash {
            OutputFile::Rehashed
        } else {
            OutputFile::Repaired
        };
        for (file, s) in [
            (OutputFile::TransmissionXml, &mut self.xml_out),
            (OutputFile::TransmissionCsv, &mut self.csv_tx_out),
            (OutputFile::OdpeXml, &mut self.odpe_out),
            (side_file, &mut self.side_out),
        ] {
            if !s.pending.is_empty() {
                out.push(Chunk {
                    file,
                    bytes: std::mem::take(&mut s.pending),
                });
            }
        }
        if !self.csv_out.is_empty() {
            out.push(Chunk {
                file: OutputFile::FindingsCsv,
                bytes: std::mem::take(&mut self.csv_out),
            });
        }
        if let Some(c) = &mut self.corrections_out {
            if !c.is_empty() {
                out.push(Chunk {
                    file: OutputFile::Corrections,
                    bytes: std::mem::take(c),
                });
            }
        }
        out
    }

    /// Pseudonymise, once the first record is read and the input's identity columns are
    /// known: refuses an input it must not turn into transmission files
    /// (docs/spec/OLINPE.md §0.1), before any output leaves the engine.
    pub(super) fn decide_refusal(
        &mut self,
        identity: crate::record::IdentityColumns,
    ) -> Result<(), Error> {
        if self.refusal_done {
            return Ok(());
        }
        self.refusal_done = true;
        let Some(first) = self.first else {
            return Ok(());
        };
        if let Some(e) = super::refusal(identity, first.present, first.numanonym) {
            return Err(e);
        }
        if !identity.nommere && identity.nomusage {
            let f = crate::finding::finding(
                crate::finding::Code::MotherBirthNameAbsent,
                None,
                None,
                Some("NOMUSAGE"),
                &[],
            );
            self.file_findings.push(f);
        }
        Ok(())
    }
}

/// What a caller is told while a workbook is read (a workbook's records are all read when
/// its input ends, within [`Engine::finish_with`]): the outputs produced since the last
/// call, and how far the sheet is read.
pub type OnPause<'a> = dyn FnMut(Vec<Chunk>, SheetProgress) -> Result<(), Error> + 'a;

/// How far a workbook's sheet is read: records so far, and `done` out of `total` in a unit of
/// the format's own (`total` 0 when unknown).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SheetProgress {
    /// Records read so far.
    pub rows: u64,
    /// Work done…
    pub done: u64,
    /// …out of this much.
    pub total: u64,
}

/// The reader's sink while a workbook is read at the end of the input: the core, and the
/// caller told at each pause.
pub(super) struct Draining<'c, 'p> {
    pub core: &'c mut Core,
    pub on_pause: &'p mut OnPause<'p>,
}

impl crate::read::Sink for Draining<'_, '_> {
    fn record(&mut self, rec: &Record, findings: &mut Vec<crate::finding::Finding>) {
        self.core.record(rec, findings);
    }
    fn file_finding(&mut self, f: crate::finding::Finding) {
        self.core.file_finding(f);
    }
    fn layout(&mut self, layout: &crate::read::Layout) {
        self.core.layout(layout);
    }
    fn encoding(&mut self, name: &'static str) {
        self.core.encoding(name);
    }
    fn pause(&mut self, done: u64, total: u64) -> Result<(), Error> {
        // A workbook's records arrive here, at the end of its input: pseudonymise's refusals
        // are decided from its header's identity columns before any output is handed over.
        if let Some(e) = self.core.pending_refusal.take() {
            return Err(e);
        }
        let chunks = if self.core.refusal_done {
            self.core.drain()
        } else {
            Vec::new()
        };
        let p = SheetProgress {
            rows: self.core.rows.read,
            done,
            total,
        };
        (self.on_pause)(chunks, p)
    }
}

impl Engine {
    /// Checks the options and prepares the pipeline.
    pub fn new(opts: Options, key: Option<Key>) -> Result<Self, Error> {
        Self::with_plan(opts, key, None, None)
    }

    /// Like [`Engine::new`], with last year's identifiers for the variant analysis
    /// (`--previous`).
    pub fn with_previous(
        opts: Options,
        key: Option<Key>,
        previous: PreviousIds,
    ) -> Result<Self, Error> {
        Self::with_plan(opts, key, None, Some(previous))
    }

    /// The engine of pass 1 (`plan` is `None`) or of the findings pass (pass 1's plan).
    pub(super) fn with_plan(
        opts: Options,
        key: Option<Key>,
        plan: Option<FindingsPlan>,
        previous: Option<PreviousIds>,
    ) -> Result<Self, Error> {
        if opts.mode != Mode::Check && key.is_none() {
            return Err(ErrorKind::KeyMissing {
                command_line: false,
            }
            .into());
        }
        let date_export = opts.checked_export_date()?;
        let reader = Reader::new(ReadOptions {
            map_file: opts.map_file.clone(),
            repair: opts.repair,
            keep_raw: opts.mode == Mode::Rehash,
            limits: opts.limits.into(),
            sheet: opts.sheet.clone(),
            size_hint: opts.input_size,
        })?;
        let pass2 = plan.is_some();
        let mut corrections_out = None;
        let (findings_mode, csv_out) = match plan {
            Some(plan) => {
                let mut out = write::findings_csv::header();
                let mut corr = opts
                    .corrections
                    .then(write::findings_csv::correction_header);
                // File-level findings (those standing for a compacted code included) belong
                // to no record: no case number.
                for f in &plan.file_findings {
                    write::findings_csv::row(f, &mut out);
                    if let Some(c) = &mut corr {
                        write::findings_csv::correction(f, "", c);
                    }
                }
                corrections_out = corr;
                (
                    FindingsMode::Csv {
                        deferred: plan.deferred.into(),
                        compacted: plan.compacted,
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
        // Pass 2 keeps the file rules observing: the findings they decide record by record
        // (identity, NUMANONYMANT, 730 days) are recomputed identically; only their end of
        // file is replaced by pass 1's plan.
        let core = Core {
            file_rules: Some(FileRules::new(FileOptions { year: opts.year })),
            stats: VariableStats::default(),
            stats_acc: rules::StatsAccumulator::default(),
            audit: Audit::new(),
            store: FindingStore::new(opts.max_findings),
            findings_mode,
            csv_out,
            corrections_out,
            tally: Tally::new(),
            person: 0,
            dossier: String::new(),
            dossiers: (opts.dossiers && !pass2).then(Dossiers::default),
            numdo_rows: 0,
            xsd_guide_rows: 0,
            xsd_other_rows: 0,
            first: None,
            // Only pass 1 of pseudonymise refuses (docs/spec/OLINPE.md §0.1).
            refusal_done: pass2 || opts.mode != Mode::Pseudonymise,
            layout_identity: crate::record::IdentityColumns::default(),
            pending_refusal: None,
            file_findings: Vec::new(),
            batch: Vec::new(),
            outcome: RecordOutcome::default(),
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
        Ok(engine)
    }

    /// Feeds a chunk of the input.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.segment_done()?;
        let before = self.progress.bytes;
        self.progress.bytes += chunk.len() as u64;
        if self.max_file_bytes > 0 && self.progress.bytes > self.max_file_bytes {
            // Read the bytes up to the limit first, so that a problem met before the limit
            // is reported whatever the chunk size (found by the fuzz target `check`).
            let fits = usize::try_from(self.max_file_bytes.saturating_sub(before))
                .unwrap_or(usize::MAX)
                .min(chunk.len());
            // Pseudonymise's refusal, decided at a first record within the limit, wins too.
            if let Some(head) = chunk.get(..fits) {
                self.input_hash.update(head);
                self.read(head)?;
            }
            return Err(ErrorKind::LimitFileSize {
                limit: self.max_file_bytes,
            }
            .into());
        }
        // Only receipts (pseudonymise, rehash) carry the input's SHA-256.
        if self.core.opts.mode != Mode::Check {
            self.input_hash.update(chunk);
        }
        self.read(chunk)?;
        if self.core.first.is_some() {
            self.decide_refusal()?;
        }
        Ok(())
    }

    /// Hands `bytes` to the reader. Pseudonymise's refusal, decided at the first record,
    /// comes before an error the reader met further on in the same bytes: which of the two
    /// is said must not depend on how the input was cut.
    fn read(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let read = self.reader.push(bytes, &mut self.core);
        if let Some(e) = self.core.pending_refusal.take() {
            return Err(e);
        }
        read?;
        self.progress.rows = self.core.rows.read;
        Ok(())
    }

    /// Pseudonymise, once the first record is read: see [`Core::decide_refusal`], with the
    /// layout's identity columns — the same ones the reader's callback decides from at the
    /// first record (`read::Layout::identity`), so there is one source for the refusal.
    pub(super) fn decide_refusal(&mut self) -> Result<(), Error> {
        let identity = self.core.layout_identity;
        self.core.decide_refusal(identity)
    }

    /// Takes the output produced so far (nothing in pseudonymise until the refusals are
    /// decided: a refused input produces no output at all).
    pub fn drain_output(&mut self) -> Vec<Chunk> {
        if !self.core.refusal_done {
            return Vec::new();
        }
        self.core.drain()
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

    /// The options this engine runs with.
    pub fn options(&self) -> &Options {
        &self.core.opts
    }
}
