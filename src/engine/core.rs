//! The ordered core: the reader's sink, which does — record after record, in input order —
//! what depends on the order of the records: statistics, the audit, the file rules' state,
//! the capped selection of findings (pass 1) or the findings CSV (pass 2), and the streamed
//! outputs of each mode. What depends on one record alone arrives as a
//! [`RecordOutcome`](super::outcome::RecordOutcome), computed here, on the rules thread or
//! in the page's helper worker; [`Core::take_outcome`] takes it the same way from all three.

use super::options::{Mode, Options};
use super::outcome::RecordOutcome;
use super::pipeline;
use super::rehash::MalformedId;
use super::Rejected;
use super::Rows;
use crate::dictionary::ids;
use crate::finding::{Code, Finding};
use crate::pseudo::{self, Key};
use crate::read;
use crate::record::Record;
use crate::report::{FindingStore, Tally};
use crate::rules::audit::Audit;
use crate::rules::file::{Deferred, FileRules};
use crate::rules::{self, VariableStats};
use crate::write;
use std::collections::VecDeque;

/// An output being streamed: bytes not yet taken by the caller.
#[derive(Default)]
pub(super) struct OutStream {
    pub pending: Vec<u8>,
    /// Something was written (possibly nothing but an empty piece): the file is produced.
    pub started: bool,
}

impl OutStream {
    pub fn write(&mut self, bytes: &[u8]) {
        self.started = true;
        self.pending.extend_from_slice(bytes);
    }
}

/// What to do with each record's findings.
pub(super) enum FindingsMode {
    /// Pass 1: keep the capped selection and exact counts.
    Store,
    /// Pass 2: write every finding to the CSV (and to the corrections list when asked),
    /// merging the deferred ones; the codes of `compacted` are written once, at file level,
    /// by pass 1's plan, and skipped here.
    Csv {
        deferred: VecDeque<Deferred>,
        compacted: Vec<Code>,
    },
}

/// The case numbers (`NUMDO`) of every record, for the page's dossier column (pass 1, with
/// `Options::dossiers`): one offset per row into one string, started at the first record
/// that has one (a file without `NUMDO` costs nothing).
#[derive(Debug, Default)]
pub(super) struct Dossiers {
    text: String,
    /// End of each row's value in `text` (index `row - 1`).
    ends: Vec<u32>,
}

impl Dossiers {
    pub fn push(&mut self, row: u64, dossier: &str) {
        if self.ends.is_empty() && dossier.is_empty() {
            return;
        }
        let Some(i) = usize::try_from(row).ok().and_then(|r| r.checked_sub(1)) else {
            return;
        };
        let end = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        if i < self.ends.len() {
            return; // a row is pushed once
        }
        self.ends.resize(i, end);
        if u32::try_from(self.text.len() + dossier.len()).is_ok() {
            self.text.push_str(dossier);
        }
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    pub fn get(&self, row: u64) -> &str {
        let Some(i) = usize::try_from(row).ok().and_then(|r| r.checked_sub(1)) else {
            return "";
        };
        let start = match i.checked_sub(1) {
            Some(p) => self.ends.get(p).copied().unwrap_or(0),
            None => 0,
        } as usize;
        let end = self.ends.get(i).copied().unwrap_or(0) as usize;
        self.text.get(start..end).unwrap_or("")
    }
}

/// What the refusals of `pseudonymise` look at (docs/spec/OLINPE.md §0.1): the first
/// record's variables present and whether its `NUMANONYM` is filled.
#[derive(Debug, Clone, Copy)]
pub(super) struct FirstRecord {
    pub present: u128,
    pub numanonym: bool,
}

/// The record-side half of the engine (the reader's sink).
pub(super) struct Core {
    pub opts: Options,
    pub stats: VariableStats,
    pub stats_acc: rules::StatsAccumulator,
    pub file_rules: Option<FileRules>,
    pub audit: Audit,
    pub store: FindingStore,
    pub findings_mode: FindingsMode,
    pub csv_out: Vec<u8>,
    /// The internal corrections list (pass 2 with `--corrections`).
    pub corrections_out: Option<Vec<u8>>,
    /// The counts behind the priorities (pass 1).
    pub tally: Tally,
    /// The current record's young person (from [`Tally::record`]) and case number.
    pub person: u32,
    pub dossier: String,
    /// Every record's case number, for the page (pass 1 with `Options::dossiers`).
    pub dossiers: Option<Dossiers>,
    /// Rows where `NUMDO` stood in for a part of the identity (pseudonymise).
    pub numdo_rows: u64,
    /// Written records the XSD rejects only for forms the guide prescribes, and for
    /// anything else.
    pub xsd_guide_rows: u64,
    pub xsd_other_rows: u64,
    /// The first record, for the refusals; whether they were decided.
    pub first: Option<FirstRecord>,
    pub refusal_done: bool,
    /// The identity columns of the input's header, once known (`read::Layout::identity`).
    pub layout_identity: crate::record::IdentityColumns,
    /// Pseudonymise's refusal, decided at the first record, raised when the reader returns.
    pub pending_refusal: Option<crate::error::Error>,
    pub file_findings: Vec<Finding>,
    /// The findings of the record being handled.
    pub batch: Vec<Finding>,
    /// What depends on the record alone, when computed on this thread (buffers reused).
    pub outcome: RecordOutcome,
    pub scratch: Record,
    pub rows: Rows,
    pub rejected: Vec<Rejected>,
    pub malformed: Vec<MalformedId>,
    pub pseudonymiser: Option<pseudo::Pseudonymiser>,
    pub rehash_key: Option<Key>,
    pub probe: Option<pseudo::VariantProbe>,
    pub xml: Option<write::xml::TransmissionXml>,
    pub odpe: Option<write::xml::TransmissionXml>,
    pub odpe_seen: bool,
    pub xml_out: OutStream,
    pub csv_tx_out: OutStream,
    pub odpe_out: OutStream,
    /// The repaired copy (check) or the re-hashed file (rehash).
    pub side_out: OutStream,
    pub side_writer: Option<read::repair::RepairWriter>,
    pub invalid_xml_rows: Vec<u64>,
    pub legacy: bool,
    pub pass2: bool,
    /// The record rules on a second thread (check mode, command line only).
    pub rules_thread: Option<pipeline::RulesThread>,
}

impl Core {
    /// Statistics of one record, from its cell facts.
    #[inline]
    fn count(&mut self, present: u128, facts: rules::record::CellFacts) {
        self.stats_acc.add(present, facts.filled, facts.informative);
    }

    /// Handles one record's findings (already including reading findings).
    pub fn emit_batch(&mut self, row: u64) {
        // Stable sort: the rules' own order (by variable) is kept within a code.
        match &mut self.findings_mode {
            FindingsMode::Store => {
                self.batch.sort_by_key(|f| f.code);
                for f in &self.batch {
                    self.audit.observe(f);
                    self.store.add(f);
                    self.tally.add(f, self.person);
                }
            }
            FindingsMode::Csv {
                deferred,
                compacted,
            } => {
                while let Some(d) = deferred.front() {
                    let r = d.row();
                    if r > row {
                        break;
                    }
                    if let Some(d) = deferred.pop_front() {
                        if r < row {
                            // No record of that row is at hand: no case number.
                            let f = d.finding();
                            write::findings_csv::row(&f, &mut self.csv_out);
                            if let Some(out) = &mut self.corrections_out {
                                write::findings_csv::correction(&f, "", out);
                            }
                        } else {
                            self.batch.push(d.finding());
                        }
                    }
                }
                self.batch.sort_by_key(|f| f.code);
                for f in &self.batch {
                    if compacted.contains(&f.code) {
                        continue;
                    }
                    write::findings_csv::row(f, &mut self.csv_out);
                    if let Some(out) = &mut self.corrections_out {
                        write::findings_csv::correction(f, &self.dossier, out);
                    }
                }
            }
        }
        self.batch.clear();
    }

    /// Checks one record on this thread: its outcome, then what depends on the order of the
    /// records. The findings already in the batch (the reader's, the pseudonymiser's) come
    /// first; the file rules' findings are added to the batch, which is not emitted yet.
    pub fn check(&mut self, rec: &Record) {
        if self.legacy {
            self.count(rec.present_mask(), rules::record::CellFacts::of(rec));
            return;
        }
        let audit = matches!(self.findings_mode, FindingsMode::Store);
        let mut outcome = std::mem::take(&mut self.outcome);
        outcome.compute(rec, &mut self.batch, audit);
        self.observe(&mut outcome);
        self.outcome = outcome;
    }

    /// Takes the outcome of one record (from any path) and emits its findings: the same
    /// steps, in the same order, as [`Core::check`] then [`Core::emit_batch`].
    pub fn take_outcome(&mut self, outcome: &mut RecordOutcome) {
        self.observe(outcome);
        self.emit_batch(outcome.row);
    }

    /// What follows the record rules for one record: its findings into the batch, then
    /// statistics and audit (pass 1 only), then the file rules.
    fn observe(&mut self, outcome: &mut RecordOutcome) {
        self.batch.append(&mut outcome.findings);
        std::mem::swap(&mut self.dossier, &mut outcome.dossier);
        if matches!(self.findings_mode, FindingsMode::Store) {
            self.count(outcome.present, outcome.facts);
            self.audit.observe_hits(outcome.hits);
            self.person = self.tally.record(outcome.row, outcome.person);
            if let Some(d) = &mut self.dossiers {
                d.push(outcome.row, &self.dossier);
            }
        }
        if let (Some(fr), Some(keys)) = (&mut self.file_rules, outcome.keys.take()) {
            fr.observe_keys(keys, &mut self.batch);
        }
    }

    /// Finishes records whose outcome was computed on the rules thread, in order.
    fn finish_batch(&mut self, mut batch: Vec<pipeline::Slot>) {
        for slot in &mut batch {
            self.take_outcome(&mut slot.outcome);
        }
        if let Some(rt) = &mut self.rules_thread {
            rt.recycle(batch);
        }
    }

    /// Waits for the records still on the rules thread and finishes them.
    pub fn drain_rules_thread(&mut self) {
        let ready = match &mut self.rules_thread {
            Some(rt) => rt.drain(),
            None => return,
        };
        for b in ready {
            self.finish_batch(b);
        }
    }

    /// One record of `check`: the repaired copy, then the rules (here or on the rules thread).
    fn check_record(&mut self, rec: &Record) {
        if let Some(w) = &mut self.side_writer {
            let mut buf = Vec::new();
            w.record(rec, &mut buf);
            self.side_out.write(&buf);
        }
        if let (Some(rt), false) = (&mut self.rules_thread, self.legacy) {
            // The rules run on the other thread; what depends on the order of the records is
            // done here when the batch comes back (`finish_batch`).
            let ready = rt.push(rec, &mut self.batch);
            for b in ready {
                self.finish_batch(b);
            }
            return;
        }
        self.check(rec);
        self.emit_batch(rec.row);
    }
}

impl read::Sink for Core {
    fn record(&mut self, rec: &Record, findings: &mut Vec<Finding>) {
        self.rows.read += 1;
        if self.first.is_none() {
            self.first = Some(FirstRecord {
                present: rec.present_mask(),
                numanonym: !rec.is_empty(ids::NUMANONYM),
            });
            // Pseudonymise's refusal is decided at the first record, wherever the input was
            // cut: an error of the reader further on must not win over it in one chunking
            // and lose in another (found by the fuzz target `pseudonymise`).
            if self.opts.mode == Mode::Pseudonymise && !self.refusal_done {
                if let Err(e) = self.decide_refusal(self.layout_identity) {
                    self.pending_refusal = Some(e);
                }
            }
        }
        self.batch.append(findings);
        match self.opts.mode {
            Mode::Check => self.check_record(rec),
            Mode::Pseudonymise => self.pseudonymise_record(rec),
            Mode::Rehash => self.rehash_record(rec),
        }
    }

    fn layout(&mut self, layout: &read::Layout) {
        self.layout_identity = layout.identity;
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

/// Streams the pseudonymised record into the transmission files (`pseudonymise`).
impl Core {
    pub fn write_outputs(&mut self, rec: &Record) {
        if let Some(x) = &self.xml {
            let mut buf = Vec::with_capacity(2048);
            x.record(rec, &mut buf);
            self.xml_out.write(&buf);
            buf.clear();
            write::csv::record(rec, &mut buf);
            self.csv_tx_out.write(&buf);
            match write::xml::xsd_rejection(rec) {
                write::xml::Rejection::None => {}
                write::xml::Rejection::GuideForms => {
                    self.invalid_xml_rows.push(rec.row);
                    self.xsd_guide_rows += 1;
                }
                write::xml::Rejection::Other => {
                    self.invalid_xml_rows.push(rec.row);
                    self.xsd_other_rows += 1;
                }
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
}
