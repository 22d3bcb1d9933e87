//! The end of pass 1: the file rules' end of file, the report, and what the findings pass,
//! the receipts and the edges need ([`Finished`]).

use super::options::Mode;
use super::rehash::MalformedId;
use super::run::{Draining, Engine, OnPause};
use super::summary::summary_text;
use super::{Chunk, OutputFile};
use crate::dictionary::{self, ids};
use crate::error::Error;
use crate::finding::{finding, Code, Finding, Severity};
use crate::pseudo;
use crate::read::{Format, InputInfo};
use crate::record::IdentityColumns;
use crate::report::{
    self, FindingStore, InputSummary, Report, Tool, TypevCounts, VariableEntry, Verdict,
};
use crate::rules::file::Deferred;
use serde::Serialize;
use sha2::Digest;

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

/// A streamed output that pass 1 produced, with what the receipt says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Produced {
    /// Which file.
    pub file: OutputFile,
    /// Whether the XML validates against `decret2016.xsd`; `None` for the other files.
    pub xsd_valid: Option<bool>,
    /// Input rows whose record the XSD rejects.
    pub invalid_records: Vec<u64>,
}

/// What pass 1 hands to pass 2.
#[derive(Debug, Clone, Default)]
pub struct FindingsPlan {
    /// File-level findings.
    pub file_findings: Vec<Finding>,
    /// Deferred row findings, sorted by row then code (compact; see [`Deferred`]).
    pub deferred: Vec<Deferred>,
    /// Information codes found on most records: written once, at file level (their
    /// finding is in `file_findings`), and skipped row by row.
    pub compacted: Vec<Code>,
}

/// The end of pass 1.
#[derive(Debug)]
pub struct Finished {
    /// The mode of the run.
    pub mode: Mode,
    /// The report.
    pub report: Report,
    /// The report JSON bytes (check: `check --format json`; pseudonymise: `NAME-rapport.json`).
    pub report_json: Vec<u8>,
    /// The human summary (French text, `check --format text`).
    pub summary_text: String,
    /// The exit status: 1 for a `bloquant` verdict once the session set it
    /// ([`Finished::set_verdict`]); before that (a bare engine pass), 1 for blocking errors,
    /// rejected rows or malformed identifiers; 0 otherwise.
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
    /// The streamed outputs produced, in the receipt's order (the ODPE XML only with
    /// `UTDP`), with their XSD validity.
    pub produced: Vec<Produced>,
    /// The previous-year variant analysis, when asked.
    pub previous: Option<pseudo::VariantReport>,
    /// What pass 2 needs to write the findings CSV.
    pub plan: FindingsPlan,
    /// The identity columns of the input (a nominative file has some).
    pub identity: IdentityColumns,
    /// Rows where `NUMDO` stood in for a part of the identity (pseudonymise).
    pub numdo_rows: u64,
    /// Written records the XSD rejects only for forms the guide prescribes.
    pub xsd_guide_records: u64,
    /// Written records the XSD rejects for another reason.
    pub xsd_other_records: u64,
    /// Records with at least one error finding.
    pub error_records: u64,
    /// The case number (`NUMDO`) of each kept finding's record, in the order of
    /// `report.findings` (empty for file-level findings and without `Options::dossiers`):
    /// for the page's dossier column only, never written to a report.
    pub dossiers: Vec<String>,
}

impl Finished {
    /// Sets the run's verdict (decided by the session from everything the run knows): the
    /// report, its JSON, the text summary and the exit status follow it.
    pub fn set_verdict(&mut self, verdict: Verdict) {
        self.exit_status = u8::from(verdict.blocks());
        self.report.verdict = Some(verdict);
        self.report_json = self.report.to_json();
        self.summary_text = summary_text(&self.report, self.mode, &self.rows);
    }
}

impl Engine {
    /// Ends the input and builds the report.
    pub fn finish(self) -> Result<Finished, Error> {
        let mut early = Vec::new();
        let mut finished = self.finish_with(&mut |chunks, _| {
            early.extend(chunks);
            Ok(())
        })?;
        early.append(&mut finished.outputs);
        finished.outputs = early;
        Ok(finished)
    }

    /// [`Engine::finish`], telling `on_pause` the outputs produced so far and the progress
    /// while a workbook is read (its records are all read now, at the end of its input);
    /// `Finished::outputs` then holds only the last pieces.
    pub fn finish_with(mut self, on_pause: &mut OnPause<'_>) -> Result<Finished, Error> {
        self.segment_done()?;
        let read = self.reader.finish(&mut Draining {
            core: &mut self.core,
            on_pause,
        });
        if let Some(e) = self.core.pending_refusal.take() {
            return Err(e);
        }
        let info = read?;
        self.core.drain_rules_thread();
        self.decide_refusal()?;
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
        // A nominative file in check: its identifiers are computed at the next step, so
        // NUMANONYM and NUMANONYMANT are judged as they will be (filled), not reported
        // absent or always empty (docs/spec/OLINPE.md §0.4); `variables` keeps the truth.
        let nominative = core.opts.mode == Mode::Check
            && info.identity.any()
            && core.stats.filled[ids::NUMANONYM] == 0
            && info.rows > 0;
        let mut judged = core.stats.clone();
        if nominative {
            for v in [ids::NUMANONYM, ids::NUMANONYMANT] {
                judged.present[v] = true;
                judged.filled[v] = info.rows;
                judged.informative[v] = info.rows;
            }
        }
        let mut outcome = core
            .file_rules
            .take()
            .map(|fr| fr.finish(&judged))
            .unwrap_or_default();
        let mut file_findings = std::mem::take(&mut core.file_findings);
        file_findings.extend(outcome.file_findings.iter().cloned());
        if info.rows == 0 && !file_findings.iter().any(|f| f.code == Code::NoRecords) {
            file_findings.push(finding(Code::NoRecords, None, None, None, &[]));
        }
        if nominative {
            file_findings.push(finding(
                Code::IdentifiersToCompute,
                None,
                None,
                Some("NUMANONYM"),
                &[],
            ));
        }
        for f in &file_findings {
            core.audit.observe(f);
            core.store.add(f);
            core.tally.add(f, 0);
        }
        for d in &outcome.deferred {
            let f = d.finding();
            core.audit.observe(&f);
            core.store.add_deferred(&f);
            core.tally.add_deferred(&f);
        }
        // Information found on most records is written once, at file level, everywhere.
        let compact: Vec<(Code, u64)> = core
            .store
            .counts()
            .keys()
            .map(|&c| (c, core.tally.records_of(c)))
            .filter(|&(c, n)| report::compacts(c, n, info.rows))
            .collect();
        let store = std::mem::replace(&mut core.store, FindingStore::new(0));
        let selection = store.select_compacted(&compact, info.rows);
        file_findings.extend(selection.compacted.iter().cloned());
        let plan = FindingsPlan {
            file_findings,
            deferred: std::mem::take(&mut outcome.deferred),
            compacted: compact.iter().map(|&(c, _)| c).collect(),
        };
        let audit = std::mem::take(&mut core.audit);
        let report::Selection {
            findings,
            total,
            counts,
            truncated,
            ..
        } = selection;
        let dossiers = match &core.dossiers {
            Some(d) => findings
                .iter()
                .map(|f| f.row.map(|r| d.get(r).to_owned()).unwrap_or_default())
                .collect(),
            None => Vec::new(),
        };
        let tally = std::mem::take(&mut core.tally);
        let error_records = tally.error_records();
        let priorities = tally.priorities(report::section);
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
            audit: audit.finish(&judged, &outcome),
            counts,
            findings,
            findings_total: total,
            findings_truncated: truncated,
            verdict: None,
            priorities,
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
        let mut produced = Vec::new();
        let plain = |file| Produced {
            file,
            xsd_valid: None,
            invalid_records: Vec::new(),
        };
        if core.xml.is_some() {
            produced.push(Produced {
                file: OutputFile::TransmissionXml,
                xsd_valid: Some(core.invalid_xml_rows.is_empty()),
                invalid_records: core.invalid_xml_rows.clone(),
            });
            produced.push(plain(OutputFile::TransmissionCsv));
            if core.odpe_seen {
                // The ODPE variant carries UTDP, which the ONPE schema does not know: it is
                // never validated against decret2016.xsd (null, like the CSV).
                produced.push(plain(OutputFile::OdpeXml));
            }
        }
        if core.side_out.started {
            produced.push(plain(if core.opts.mode == Mode::Rehash {
                OutputFile::Rehashed
            } else {
                OutputFile::Repaired
            }));
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
        let numdo_rows = self.core.numdo_rows;
        let (xsd_guide_records, xsd_other_records) =
            (self.core.xsd_guide_rows, self.core.xsd_other_rows);
        let mode = self.core.opts.mode;
        let outputs = self.drain_output();
        Ok(Finished {
            mode,
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
            produced,
            previous,
            plan,
            identity: info.identity,
            numdo_rows,
            xsd_guide_records,
            xsd_other_records,
            error_records,
            dossiers,
        })
    }
}

/// Lowercase hexadecimal of a digest.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const H: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(H[(b >> 4) as usize] as char);
        s.push(H[(b & 15) as usize] as char);
    }
    s
}

fn input_summary(name: &str, info: &InputInfo) -> InputSummary {
    InputSummary {
        name: name.to_owned(),
        format: info.format.unwrap_or(Format::Csv).as_str(),
        encoding: if info.encoding.is_empty() {
            "UTF-8"
        } else {
            info.encoding
        },
        delimiter: info.delimiter.map(|d| (d as char).to_string()),
        rows: info.rows,
        sheet: info.sheet.clone(),
    }
}
