//! The session layer: one type that runs a whole job, for every mode and both edges.
//!
//! | mode | sequence |
//! |---|---|
//! | check | pass 1 (report; the repaired copy with `--repair`), then on request the findings pass (every finding, CSV) |
//! | pseudonymise | last year's identifiers (`--previous`, read before: [`PreviousReader`]), pass 1 (transmission XML/CSV, ODPE XML, report), the findings pass, the receipts |
//! | rehash | pass 1 (the re-hashed file), the receipt |
//! | continuity | last year's file, then this year's, against it: the continuity JSON ([`ContinuityJob`]) |
//!
//! A [`Session`] is push-style like the engine (the page feeds `File` slices, the command
//! line reads files): `push` chunks and get [`Output`]s back, `finish`, then the
//! [`FindingsPass`] over the same input, then [`Session::close`] for the receipts. Every
//! output is named from the one [`artifact`] table and hashed here (SHA-256), so the receipts
//! list exactly what was emitted. [`Session::run`] runs that whole sequence for a caller
//! that can read its input twice (the command line); the page's worker calls the same steps
//! one by one between its asynchronous reads.
//!
//! The verdict is decided here, once, at the end of pass 1 ([`verdict::decide`], from
//! everything the run knows: the findings, the rows set aside, the transmission XML's
//! validity, last year's identifiers…), so the text, the report (`NAME-rapport.json`), the
//! receipt and the page carry the same one. The internal corrections list
//! (`--corrections`) is an artifact written by the findings pass and kept by the sender:
//! the receipt lists it under `internal`, never among the files to transmit.
//!
//! What the next steps of a run add belongs here too: a spreadsheet read whole before
//! pass 1, a second year's file.

pub mod artifact;
mod continuity;
pub mod verdict;

pub use crate::engine::{preflight, PreviousIds, PreviousReader};
pub use artifact::{name_for_id, stem, Artifact, ArtifactSpec, Mime, ARTIFACTS};
pub use continuity::ContinuityJob;

use crate::engine::{
    self, Engine, FindingsCsvPass, Finished, InternalDigest, Mode, Options, OutputDigest, Progress,
    SheetProgress,
};
use crate::error::{Error, ErrorKind};
use crate::pseudo::{Key, KeyError};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// A key refused by [`Key`] is a fatal error with its own code (`key-empty`, `key-not-utf8`).
impl From<KeyError> for Error {
    fn from(e: KeyError) -> Self {
        ErrorKind::Key {
            code: e.code,
            message: e.message,
        }
        .into()
    }
}

/// A key given as text, by where it comes from (the rules differ: see [`Key`]).
#[derive(Debug, Clone, Copy)]
pub enum KeyText<'a> {
    /// Typed in the page: taken exactly as typed; empty means none.
    Typed(&'a str),
    /// The `OLINPE_KEY` environment variable: one trailing line ending removed.
    Env(&'a str),
}

/// The key of a run, in the one order of precedence of the command line and the page
/// (docs/spec/OLINPE.md §0.1): a key file's bytes win over a key given as text; `None` when
/// neither is given (the session then refuses a mode that needs one).
pub fn key_from(file: Option<&[u8]>, text: Option<KeyText<'_>>) -> Result<Option<Key>, Error> {
    let key = match (file, text) {
        (Some(bytes), _) => Key::from_file_bytes(bytes),
        (None, Some(KeyText::Typed(t))) if !t.is_empty() => Key::new(t),
        (None, Some(KeyText::Env(v))) => Key::from_env_value(v),
        _ => return Ok(None),
    };
    Ok(Some(key?))
}

/// A piece of an artifact (or a whole one): bytes to append to the file.
#[derive(Debug, Clone)]
pub struct Output {
    /// Which file.
    pub artifact: Artifact,
    /// Bytes to append.
    pub bytes: Vec<u8>,
}

/// Reads the input once, giving each chunk to the function it is handed (the command line
/// reads a file; tests give slices).
pub type Feed<'a> = dyn FnMut(&mut dyn FnMut(&[u8]) -> Result<(), Error>) -> Result<(), Error> + 'a;

/// One job over one input.
pub struct Session {
    opts: Options,
    key: Option<Key>,
    threads: bool,
    engine: Option<Engine>,
    finished: Option<Finished>,
    /// SHA-256 of what was emitted, by artifact (the findings pass's come from it).
    hashers: BTreeMap<Artifact, Sha256>,
    pass_digests: Option<PassDigests>,
}

/// The SHA-256 of what the findings pass wrote (lowercase hex): the findings CSV, and the
/// internal corrections list when it was asked for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PassDigests {
    /// The findings CSV.
    pub findings_csv: String,
    /// The internal corrections list (`--corrections`).
    pub corrections: Option<String>,
}

impl Session {
    /// Checks the options and the key and prepares pass 1; `previous`: last year's
    /// identifiers (pseudonymise, `--previous`).
    pub fn new(
        opts: Options,
        key: Option<Key>,
        previous: Option<PreviousIds>,
    ) -> Result<Self, Error> {
        let engine = match previous {
            Some(ids) => Engine::with_previous(opts.clone(), key.clone(), ids)?,
            None => Engine::new(opts.clone(), key.clone())?,
        };
        Ok(Session {
            opts,
            key,
            threads: false,
            engine: Some(engine),
            finished: None,
            hashers: BTreeMap::new(),
            pass_digests: None,
        })
    }

    /// Runs the record rules of `check` and of its findings pass on a second thread (the
    /// command line on two cores or more). Same bytes either way.
    pub fn use_rules_thread(mut self) -> Self {
        self.threads = true;
        self.engine = self.engine.take().map(Engine::use_rules_thread);
        self
    }

    /// The options.
    pub fn options(&self) -> &Options {
        &self.opts
    }

    /// The file name of `artifact` for this input (training names included).
    pub fn name(&self, artifact: Artifact) -> String {
        artifact.name(&self.opts.input_name, self.opts.training)
    }

    /// The MIME type of `artifact` for this input.
    pub fn mime(&self, artifact: Artifact) -> &'static str {
        artifact.mime(&self.opts.input_name)
    }

    /// True when the job needs the findings pass (pseudonymise: the receipt lists the
    /// findings CSV; `--corrections`: the corrections list is written by it). In check it
    /// runs on request only.
    pub fn needs_findings_pass(&self) -> bool {
        self.opts.mode == Mode::Pseudonymise
            || (self.opts.corrections && self.opts.mode == Mode::Check)
    }

    /// Feeds a chunk of the input; returns the pieces of output it produced.
    pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<Output>, Error> {
        let engine = self.engine.as_mut().ok_or(ErrorKind::SessionFinished)?;
        engine.push(chunk)?;
        let chunks = engine.drain_output();
        Ok(self.emit_chunks(chunks))
    }

    /// Progress so far (pass 1).
    pub fn progress(&self) -> Progress {
        self.engine
            .as_ref()
            .map(Engine::progress)
            .unwrap_or_default()
    }

    /// See [`Engine::split_state`] (`None` after the end of the input too).
    pub fn split_state(&self, file_size: u64) -> Option<Vec<u8>> {
        self.engine.as_ref()?.split_state(file_size)
    }

    /// See [`Engine::join_segment`].
    pub fn join_segment(&mut self, summary: &[u8]) -> Result<bool, Error> {
        let engine = self.engine.as_mut().ok_or(ErrorKind::SessionFinished)?;
        engine.join_segment(summary)
    }

    /// See [`Engine::push_segment`] (a check has no streamed output but its repaired copy,
    /// and a split check has none).
    pub fn push_segment(&mut self, batch: &[u8]) -> Result<(), Error> {
        let engine = self.engine.as_mut().ok_or(ErrorKind::SessionFinished)?;
        engine.push_segment(batch)
    }

    /// Ends the input (pass 1) and decides the verdict: the last pieces of the streamed
    /// outputs, then, in pseudonymise, the report (`NAME-rapport.json`, with the run's
    /// verdict). [`Session::finished`] gives the rest.
    pub fn finish(&mut self) -> Result<Vec<Output>, Error> {
        let mut early = Vec::new();
        let mut last = self.finish_with(&mut |outs, _| {
            early.extend(outs);
            Ok(())
        })?;
        early.append(&mut last);
        Ok(early)
    }

    /// [`Session::finish`], handing `on_pause` the outputs produced so far and the progress
    /// while a workbook is read (a workbook's records are all read when its input ends);
    /// returns the outputs produced after the last pause.
    pub fn finish_with(
        &mut self,
        on_pause: &mut dyn FnMut(Vec<Output>, SheetProgress) -> Result<(), Error>,
    ) -> Result<Vec<Output>, Error> {
        let engine = self.engine.take().ok_or(ErrorKind::SessionFinished)?;
        let hashers = &mut self.hashers;
        let mut finished = engine.finish_with(&mut |chunks, p| {
            let outs = chunks
                .into_iter()
                .map(|c| emit_into(hashers, c.file.into(), c.bytes))
                .collect();
            on_pause(outs, p)
        })?;
        let v = verdict::decide(&finished, &self.opts);
        finished.set_verdict(v);
        let chunks = std::mem::take(&mut finished.outputs);
        let mut out = self.emit_chunks(chunks);
        if self.opts.mode == Mode::Pseudonymise {
            out.push(self.emit(Artifact::ReportJson, finished.report_json.clone()));
        }
        self.finished = Some(finished);
        Ok(out)
    }

    /// What pass 1 found (the report, its JSON and text, row accounting…).
    pub fn finished(&self) -> Result<&Finished, Error> {
        self.finished
            .as_ref()
            .ok_or_else(|| ErrorKind::SessionNotFinished.into())
    }

    /// The artifacts produced so far (a streamed file counts once its pass ended with it:
    /// the ODPE XML only when the input has `UTDP`).
    pub fn produced(&self, artifact: Artifact) -> bool {
        let streamed = self.finished.as_ref().is_some_and(|f| {
            f.produced
                .iter()
                .any(|p| Artifact::from(p.file) == artifact)
        });
        let pass = self.pass_digests.as_ref();
        streamed
            || match artifact {
                Artifact::FindingsCsv => pass.is_some(),
                Artifact::Corrections => pass.is_some_and(|d| d.corrections.is_some()),
                a => !a.spec().streamed && self.hashers.contains_key(&a),
            }
    }

    /// Starts the findings pass (every finding, uncapped, as CSV): the input is pushed
    /// again into it. Its SHA-256 goes to [`Session::close`].
    pub fn findings_pass(&self) -> Result<FindingsPass, Error> {
        let f = self.finished()?;
        let mut inner = FindingsCsvPass::new(self.opts.clone(), self.key.clone(), f.plan.clone())?;
        if self.threads {
            inner = inner.use_rules_thread();
        }
        Ok(FindingsPass {
            inner,
            findings: Sha256::new(),
            corrections: self.opts.corrections.then(Sha256::new),
        })
    }

    /// Ends the job: the receipts — pseudonymise: `NAME-recu.json` and `NAME-recu.txt`
    /// (given the digests of the findings pass from [`FindingsPass::finish`]); rehash: the
    /// re-hash receipt; check: none.
    pub fn close(&mut self, pass: Option<&PassDigests>) -> Result<Vec<Output>, Error> {
        if let Some(d) = pass {
            self.pass_done(d);
        }
        match self.opts.mode {
            Mode::Check => Ok(Vec::new()),
            Mode::Pseudonymise => {
                let (json, text) = self.receipt()?;
                Ok(vec![
                    self.emit(Artifact::ReceiptJson, json),
                    self.emit(Artifact::ReceiptTxt, text.into_bytes()),
                ])
            }
            Mode::Rehash => {
                let bytes = self.rehash_receipt()?;
                Ok(vec![self.emit(Artifact::RehashReceipt, bytes)])
            }
        }
    }

    /// Records the digests of what a [`FindingsPass`] wrote (the receipt lists them).
    pub fn pass_done(&mut self, digests: &PassDigests) {
        self.pass_digests = Some(digests.clone());
    }

    /// The pseudonymisation receipt `(json, text)`: every output with its name and SHA-256.
    pub fn receipt(&self) -> Result<(Vec<u8>, String), Error> {
        let digests = self.pass_digests.clone().unwrap_or_else(|| PassDigests {
            findings_csv: self.digest(Artifact::FindingsCsv),
            corrections: None,
        });
        self.receipt_with(&digests)
    }

    /// [`Session::receipt`], given the digests of the findings pass (from
    /// [`FindingsPass::finish`]).
    pub fn receipt_with(&self, pass: &PassDigests) -> Result<(Vec<u8>, String), Error> {
        let f = self.finished()?;
        if self.opts.mode != Mode::Pseudonymise {
            return Err(ErrorKind::ReceiptWrongMode { rehash: false }.into());
        }
        let mut outputs: Vec<OutputDigest> = f
            .produced
            .iter()
            .map(|p| OutputDigest {
                file: self.name(p.file.into()),
                sha256: self.digest(p.file.into()),
                xsd_valid: p.xsd_valid,
                invalid_records: p.invalid_records.clone(),
                note: (Artifact::from(p.file) == Artifact::OdpeXml).then(|| {
                    format!(
                        "Non contrôlé par le schéma decret2016.xsd : il contient la variable UTDP \
                         (unité territoriale), réservée à l'observatoire départemental, que le \
                         schéma de l'ONPE ne connaît pas. En dehors de UTDP, son contenu est \
                         identique, enregistrement par enregistrement, à celui de {}, qui est, \
                         lui, contrôlé par le schéma.",
                        self.name(Artifact::TransmissionXml)
                    )
                }),
            })
            .collect();
        for (a, sha256) in [
            (Artifact::ReportJson, self.digest(Artifact::ReportJson)),
            (Artifact::FindingsCsv, pass.findings_csv.clone()),
        ] {
            outputs.push(OutputDigest {
                file: self.name(a),
                sha256,
                xsd_valid: None,
                invalid_records: Vec::new(),
                note: None,
            });
        }
        let internal = pass
            .corrections
            .iter()
            .map(|sha256| InternalDigest {
                file: self.name(Artifact::Corrections),
                sha256: sha256.clone(),
            })
            .collect();
        Ok(engine::receipt(&self.opts, f, outputs, internal))
    }

    /// The re-hash receipt bytes.
    pub fn rehash_receipt(&self) -> Result<Vec<u8>, Error> {
        let f = self.finished()?;
        if self.opts.mode != Mode::Rehash {
            return Err(ErrorKind::ReceiptWrongMode { rehash: true }.into());
        }
        Ok(engine::rehash_receipt(f, &self.digest(Artifact::Rehashed)))
    }

    /// Runs the whole job: pass 1 over `feed`, the findings pass when the job needs it or
    /// `findings_csv` asks for it (over `feed` again), the receipts. Every output goes to
    /// `sink` as it is produced.
    pub fn run(
        &mut self,
        feed: &mut Feed<'_>,
        findings_csv: bool,
        sink: &mut dyn FnMut(Output) -> Result<(), Error>,
    ) -> Result<(), Error> {
        feed(&mut |chunk| {
            for o in self.push(chunk)? {
                sink(o)?;
            }
            Ok(())
        })?;
        let last = self.finish_with(&mut |outs, _| {
            for o in outs {
                sink(o)?;
            }
            Ok(())
        })?;
        for o in last {
            sink(o)?;
        }
        let mut digests = None;
        if findings_csv || self.needs_findings_pass() {
            let mut pass = self.findings_pass()?;
            feed(&mut |chunk| {
                for o in pass.push(chunk)? {
                    sink(o)?;
                }
                Ok(())
            })?;
            let (last, d) = pass.finish_with(&mut |outs, _| {
                for o in outs {
                    sink(o)?;
                }
                Ok(())
            })?;
            for o in last {
                sink(o)?;
            }
            digests = Some(d);
        }
        for o in self.close(digests.as_ref())? {
            sink(o)?;
        }
        Ok(())
    }

    /// Hashes and wraps the engine's chunks.
    fn emit_chunks(&mut self, chunks: Vec<engine::Chunk>) -> Vec<Output> {
        chunks
            .into_iter()
            .map(|c| self.emit(c.file.into(), c.bytes))
            .collect()
    }

    fn emit(&mut self, artifact: Artifact, bytes: Vec<u8>) -> Output {
        emit_into(&mut self.hashers, artifact, bytes)
    }

    /// The SHA-256 of what was emitted for `artifact` (lowercase hex).
    pub fn digest(&self, artifact: Artifact) -> String {
        match (artifact, &self.pass_digests) {
            (Artifact::FindingsCsv, Some(d)) => return d.findings_csv.clone(),
            (
                Artifact::Corrections,
                Some(PassDigests {
                    corrections: Some(c),
                    ..
                }),
            ) => return c.clone(),
            _ => {}
        }
        let h = self.hashers.get(&artifact).cloned().unwrap_or_default();
        engine::hex(&h.finalize())
    }
}

/// Hashes an output's bytes under its artifact and wraps them.
fn emit_into(
    hashers: &mut BTreeMap<Artifact, Sha256>,
    artifact: Artifact,
    bytes: Vec<u8>,
) -> Output {
    hashers.entry(artifact).or_default().update(&bytes);
    Output { artifact, bytes }
}

/// The findings pass (pass 2): the input is pushed again, CSV bytes come out, hashed — the
/// findings CSV, and the internal corrections list with `--corrections`.
pub struct FindingsPass {
    inner: FindingsCsvPass,
    findings: Sha256,
    corrections: Option<Sha256>,
}

impl FindingsPass {
    /// Feeds a chunk of the input; returns the CSV bytes ready so far.
    pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<Output>, Error> {
        let csv = self.inner.push(chunk)?;
        let corrections = self.inner.take_corrections();
        Ok(self.emit(csv, corrections))
    }

    /// See [`Engine::split_state`] (check: the findings pass can be split too).
    pub fn split_state(&self, file_size: u64) -> Option<Vec<u8>> {
        self.inner.split_state(file_size)
    }

    /// See [`Engine::join_segment`].
    pub fn join_segment(&mut self, summary: &[u8]) -> Result<bool, Error> {
        self.inner.join_segment(summary)
    }

    /// Takes a batch of the helper's records; returns the CSV bytes ready so far.
    pub fn push_segment(&mut self, batch: &[u8]) -> Result<Vec<Output>, Error> {
        let csv = self.inner.push_segment(batch)?;
        let corrections = self.inner.take_corrections();
        Ok(self.emit(csv, corrections))
    }

    /// Ends the input: the last CSV bytes and the digests of what the pass wrote.
    pub fn finish(self) -> Result<(Vec<Output>, PassDigests), Error> {
        let mut early = Vec::new();
        let (mut last, digests) = self.finish_with(&mut |outs, _| {
            early.extend(outs);
            Ok(())
        })?;
        early.append(&mut last);
        Ok((early, digests))
    }

    /// [`FindingsPass::finish`], handing `on_pause` the bytes produced so far while a
    /// workbook is read (its records are all read when its input ends); returns the last
    /// bytes and the digests of what the pass wrote.
    pub fn finish_with(
        self,
        on_pause: &mut dyn FnMut(Vec<Output>, SheetProgress) -> Result<(), Error>,
    ) -> Result<(Vec<Output>, PassDigests), Error> {
        let FindingsPass {
            inner,
            mut findings,
            mut corrections,
        } = self;
        let (csv, corr) = inner.finish_with(&mut |csv, corr, p| {
            on_pause(emit(&mut findings, &mut corrections, csv, corr), p)
        })?;
        let last = emit(&mut findings, &mut corrections, csv, corr);
        let digests = PassDigests {
            findings_csv: engine::hex(&findings.finalize()),
            corrections: corrections.map(|h| engine::hex(&h.finalize())),
        };
        Ok((last, digests))
    }

    fn emit(&mut self, csv: Vec<u8>, corrections: Vec<u8>) -> Vec<Output> {
        emit(&mut self.findings, &mut self.corrections, csv, corrections)
    }
}

/// Hashes the findings pass's bytes into each file's digest: the findings CSV always (even
/// an empty piece), the corrections list when asked for.
fn emit(
    findings: &mut Sha256,
    corrections: &mut Option<Sha256>,
    csv: Vec<u8>,
    corr: Vec<u8>,
) -> Vec<Output> {
    findings.update(&csv);
    let mut out = vec![Output {
        artifact: Artifact::FindingsCsv,
        bytes: csv,
    }];
    if let Some(h) = corrections {
        h.update(&corr);
        if !corr.is_empty() {
            out.push(Output {
                artifact: Artifact::Corrections,
                bytes: corr,
            });
        }
    }
    out
}
