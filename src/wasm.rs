//! The WebAssembly binding: the only module that knows wasm-bindgen and js-sys. It converts
//! values and nothing else (docs/spec/STYLE.md point 7).
//!
//! One [`Session`] holds a [`crate::session::Session`] inside the page's worker: it takes the
//! input as `Uint8Array` chunks and returns plain JavaScript objects built by one serializer
//! setting ([`to_js`]: camelCase names, maps as objects, `None` as `null`, bytes as
//! `Uint8Array`). Every output chunk carries its artifact id, file name and MIME type, from
//! the session's one table (also exported whole: [`artifacts`], [`artifact_name`]). Errors
//! reach JavaScript as `Error` objects carrying the stable `code` of [`crate::error::Error`]
//! and its French message. The worker protocol around it is described in
//! `docs/worker-protocol.md`.

use crate::error::{Error, ErrorKind};
use crate::finding::Severity;
use crate::session::{self, Artifact, Mime, Output, ARTIFACTS};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Converts `value` to JavaScript with the binding's single serializer setting.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let ser = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    value.serialize(&ser).map_err(|e| {
        Error::new(ErrorKind::Internal {
            what: format!("conversion impossible : {e}"),
        })
        .into()
    })
}

/// A JavaScript `Error` with the French message and the stable `code` property.
impl From<Error> for JsValue {
    fn from(e: Error) -> JsValue {
        let err = js_sys::Error::new(&e.message());
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(
            &err,
            &JsValue::from_str("code"),
            &JsValue::from_str(e.code()),
        );
        err.into()
    }
}

impl From<ErrorKind> for JsValue {
    fn from(kind: ErrorKind) -> JsValue {
        Error::new(kind).into()
    }
}

/// Bytes serialized as a `Uint8Array` (copied out of wasm memory, so it can be transferred).
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

/// A piece of an output file, as the page receives it: `{file, bytes, name, mime}`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsChunk<'a> {
    /// The artifact id (`transmission-xml`…).
    file: &'static str,
    bytes: Bytes<'a>,
    /// The download's file name.
    name: String,
    /// Its MIME type.
    mime: &'static str,
}

/// [`js_chunks`] with the names and MIME types already looked up (the session is busy).
fn js_chunks_named(
    names: &[(Artifact, String, &'static str)],
    outputs: &[Output],
) -> Result<js_sys::Array, Error> {
    let out = js_sys::Array::new();
    for o in outputs {
        if o.bytes.is_empty() || !o.artifact.spec().streamed {
            continue;
        }
        let (name, mime) = names
            .iter()
            .find(|(a, _, _)| *a == o.artifact)
            .map(|(_, n, m)| (n.clone(), *m))
            .unwrap_or_default();
        let chunk = to_js(&JsChunk {
            file: o.artifact.id(),
            bytes: Bytes(&o.bytes),
            name,
            mime,
        })
        .map_err(|_| Error::internal("conversion impossible"))?;
        out.push(&chunk);
    }
    Ok(out)
}

/// Calls a page's `onPause(chunks, progress)`; an exception it throws stops the reading.
fn call_pause(
    f: &js_sys::Function,
    chunks: &js_sys::Array,
    p: &crate::engine::SheetProgress,
) -> Result<(), Error> {
    let progress = to_js(p).map_err(|_| Error::internal("conversion impossible"))?;
    f.call2(&JsValue::NULL, chunks, &progress)
        .map(|_| ())
        .map_err(|_| Error::internal("lecture du classeur interrompue"))
}

/// The streamed outputs among `outputs`, as chunk objects (empty pieces left out).
fn js_chunks(session: &session::Session, outputs: &[Output]) -> Result<js_sys::Array, JsValue> {
    let out = js_sys::Array::new();
    for o in outputs {
        if o.bytes.is_empty() || !o.artifact.spec().streamed {
            continue;
        }
        out.push(&to_js(&JsChunk {
            file: o.artifact.id(),
            bytes: Bytes(&o.bytes),
            name: session.name(o.artifact),
            mime: session.mime(o.artifact),
        })?);
    }
    Ok(out)
}

/// What [`Session::push`] returns; `chunks` is already a JavaScript array.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Pushed {
    bytes: u64,
    rows: u64,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    chunks: js_sys::Array,
}

/// [`Session::push`] hands the engine at most this many input bytes at a time and takes the
/// output produced out of WebAssembly memory after each piece. Pseudonymisation writes about
/// nine bytes per byte read (XML, CSV, ODPE XML); drained once per 4 MiB slice, those buffers
/// grew to tens of megabytes each, and WebAssembly memory, which never shrinks, kept the peak.
const PUSH_PIECE: usize = 256 * 1024;

/// What [`Session::finish`] returns.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Done<'a> {
    report_json: Bytes<'a>,
    summary_text: &'a str,
    exit_status: u8,
    /// Records read (every record, parsed or not).
    rows: u64,
    rows_written: u64,
    rows_rejected: u64,
    young_people: u64,
    errors: u64,
    warnings: u64,
    infos: u64,
    /// True when the input has `UTDP`, so the ODPE XML is to be offered.
    odpe: bool,
    malformed_ids: usize,
    /// The previous-year variant analysis (`--previous`), when last year's file was given.
    previous: Option<&'a crate::pseudo::VariantReport>,
    /// The input has a `NUMDO` column (the page then shows « N° de dossier »).
    has_numdo: bool,
    /// With the `dossiers` option: the case number of each kept finding's record, in the
    /// order of the report's findings (empty for file-level ones); on screen only.
    dossiers: &'a [String],
    #[serde(with = "serde_wasm_bindgen::preserve")]
    chunks: js_sys::Array,
}

/// What [`Session::receipt`] returns.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsReceipt<'a> {
    json: Bytes<'a>,
    text: &'a str,
}

/// What [`FindingsPass::finish`] returns.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PassEnd<'a> {
    #[serde(with = "serde_wasm_bindgen::preserve")]
    chunks: js_sys::Array,
    sha256: &'a str,
    /// The internal corrections list's SHA-256, when it was asked for.
    corrections_sha256: Option<&'a str>,
}

/// What [`preflight`] returns when `pseudonymise` would refuse the file.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Refusal {
    code: &'static str,
    message: String,
    /// The absent identity columns (empty for an already pseudonymised file).
    columns: Vec<&'static str>,
}

/// A file size from JavaScript (a number); anything odd counts as too big to split.
fn js_size(size: f64) -> u64 {
    if size.is_finite() && size >= 0.0 {
        size as u64
    } else {
        u64::MAX
    }
}

/// Last year's file, read before the run to find which variant reproduces its identifiers
/// (`--previous`): push its bytes, then hand it to [`Session::new`].
#[wasm_bindgen]
pub struct PreviousFile {
    inner: Option<session::PreviousReader>,
}

#[wasm_bindgen]
impl PreviousFile {
    /// A reader for last year's file, with the same column mapping as this year's.
    #[wasm_bindgen(constructor)]
    pub fn new(map_file: Option<String>) -> Result<PreviousFile, JsValue> {
        Ok(PreviousFile {
            inner: Some(session::PreviousReader::new(map_file)?),
        })
    }

    /// Feeds a chunk of last year's file.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), JsValue> {
        let r = self.inner.as_mut().ok_or(ErrorKind::SessionFinished)?;
        Ok(r.push(chunk)?)
    }
}

/// The helper worker's reader of the second part of a file (see `engine/split.rs`).
#[wasm_bindgen]
pub struct Segment {
    inner: Option<crate::engine::Segment>,
}

/// The end of a segment: its last records and the summary for `joinSegment`.
#[derive(Serialize)]
struct SegmentEnd<'a> {
    batch: Bytes<'a>,
    summary: Bytes<'a>,
}

#[wasm_bindgen]
impl Segment {
    /// A reader of the segment starting at byte `start` of the file (just after a line
    /// feed), from the engine worker's `splitState`.
    #[wasm_bindgen(constructor)]
    pub fn new(state: &[u8], start: f64) -> Result<Segment, JsValue> {
        Ok(Segment {
            inner: Some(crate::engine::Segment::new(state, start as u64)?),
        })
    }

    /// Feeds the next bytes; returns the encoded records completed so far. Fails with code
    /// `segment-abandoned` when this part must be read by the engine worker.
    pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<u8>, JsValue> {
        let inner = self.inner.as_mut().ok_or(ErrorKind::SessionFinished)?;
        Ok(inner.push(chunk)?)
    }

    /// Ends the segment: `{batch, summary}`. `endOfFile`: the segment ends with the file.
    pub fn finish(&mut self, end_of_file: bool) -> Result<JsValue, JsValue> {
        let inner = self.inner.take().ok_or(ErrorKind::SessionFinished)?;
        let (batch, summary) = inner.finish(end_of_file)?;
        to_js(&SegmentEnd {
            batch: Bytes(&batch),
            summary: Bytes(&summary),
        })
    }
}

/// One run over one input, held by the worker (see `crate::session`).
#[wasm_bindgen]
pub struct Session {
    inner: session::Session,
}

#[wasm_bindgen]
impl Session {
    /// Checks the options (a camelCase object, see `engine::Options`) and the key, and
    /// prepares the run. `key` is the typed key, `keyFile` the bytes of a key file,
    /// `previous` last year's file already pushed into a [`PreviousFile`].
    #[wasm_bindgen(constructor)]
    pub fn new(
        options: JsValue,
        key: Option<String>,
        key_file: Option<Vec<u8>>,
        previous: Option<PreviousFile>,
    ) -> Result<Session, JsValue> {
        let opts = serde_wasm_bindgen::from_value(options).map_err(|e| ErrorKind::BadOptions {
            detail: e.to_string(),
        })?;
        let typed = key.as_deref().map(session::KeyText::Typed);
        let key = session::key_from(key_file.as_deref(), typed)?;
        let previous = match previous.and_then(|mut p| p.inner.take()) {
            Some(reader) => Some(reader.finish()?),
            None => None,
        };
        Ok(Session {
            inner: session::Session::new(opts, key, previous)?,
        })
    }

    /// Feeds a chunk of the input; returns `{bytes, rows, chunks}` (progress so far and the
    /// output produced since the last call, in pieces: see [`PUSH_PIECE`]).
    pub fn push(&mut self, chunk: &[u8]) -> Result<JsValue, JsValue> {
        let chunks = js_sys::Array::new();
        // An empty chunk is pushed too (the engine may have output to give).
        let pieces: Vec<&[u8]> = if chunk.is_empty() {
            vec![chunk]
        } else {
            chunk.chunks(PUSH_PIECE).collect()
        };
        for piece in pieces {
            let out = self.inner.push(piece)?;
            for c in js_chunks(&self.inner, &out)?.iter() {
                chunks.push(&c);
            }
        }
        let p = self.inner.progress();
        to_js(&Pushed {
            bytes: p.bytes,
            rows: p.rows,
            chunks,
        })
    }

    /// What a helper worker's [`Segment`] needs to read a later part of the input (a
    /// check of a CSV file, once the header is read), or `undefined` when this run cannot
    /// be split (see `engine/split.rs`). `fileSize`: the whole file's size in bytes.
    #[wasm_bindgen(js_name = splitState)]
    pub fn split_state(&self, file_size: f64) -> Option<Vec<u8>> {
        self.inner.split_state(js_size(file_size))
    }

    /// With the input pushed (or joined) up to the segment's first byte: true when the
    /// segment's records are to be taken (`pushSegment`, every batch in order), the session
    /// then reading on from the segment's end; false when the caller must push the
    /// segment's bytes itself.
    #[wasm_bindgen(js_name = joinSegment)]
    pub fn join_segment(&mut self, summary: &[u8]) -> Result<bool, JsValue> {
        Ok(self.inner.join_segment(summary)?)
    }

    /// Takes a batch of the helper's records; returns the rows read so far.
    #[wasm_bindgen(js_name = pushSegment)]
    pub fn push_segment(&mut self, batch: &[u8]) -> Result<f64, JsValue> {
        self.inner.push_segment(batch)?;
        Ok(self.inner.progress().rows as f64)
    }

    /// Ends the input; returns the report JSON bytes, the summary numbers, the exit status
    /// and the last output chunks. The session keeps what the findings pass and the
    /// receipts need. A workbook's records are all read within this call: `onPause`, when
    /// given, is called every few hundred records with `(chunks, {rows, done, total})`, the
    /// output produced so far and how far the sheet is read.
    pub fn finish(&mut self, on_pause: Option<js_sys::Function>) -> Result<JsValue, JsValue> {
        let outputs = match &on_pause {
            Some(f) => {
                let inner = &mut self.inner;
                let names: Vec<(Artifact, String, &'static str)> = ARTIFACTS
                    .iter()
                    .map(|a| (a.artifact, inner.name(a.artifact), inner.mime(a.artifact)))
                    .collect();
                inner.finish_with(&mut |outs, p| {
                    call_pause(f, &js_chunks_named(&names, &outs)?, &p)
                })?
            }
            None => self.inner.finish()?,
        };
        let chunks = js_chunks(&self.inner, &outputs)?;
        let f = self.inner.finished()?;
        let [errors, warnings, infos] = f.severity_counts;
        to_js(&Done {
            report_json: Bytes(&f.report_json),
            summary_text: &f.summary_text,
            exit_status: f.exit_status,
            rows: f.report.input.rows,
            rows_written: f.rows.written,
            rows_rejected: f.rows.rejected,
            young_people: f.report.young_people,
            errors,
            warnings,
            infos,
            odpe: f.odpe,
            malformed_ids: f.malformed_ids.len(),
            previous: f.previous.as_ref(),
            has_numdo: f.identity.numdo,
            dossiers: &f.dossiers,
            chunks,
        })
    }

    /// Starts the second pass that writes every finding (the findings CSV): the caller
    /// pushes the whole input again into the returned object.
    #[wasm_bindgen(js_name = findingsPass)]
    pub fn findings_pass(&self) -> Result<FindingsPass, JsValue> {
        let opts = self.inner.options();
        Ok(FindingsPass {
            inner: Some(self.inner.findings_pass()?),
            input_name: opts.input_name.clone(),
            training: opts.training,
        })
    }

    /// The pseudonymisation receipt `{json, text}` (`NAME-recu.json`, `NAME-recu.txt`),
    /// given the SHA-256 of the findings CSV and of the internal corrections list, when
    /// asked for (both from [`FindingsPass::finish`]).
    pub fn receipt(
        &self,
        findings_csv_sha256: &str,
        corrections_sha256: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let (json, text) = self.inner.receipt_with(&session::PassDigests {
            findings_csv: findings_csv_sha256.to_owned(),
            corrections: corrections_sha256,
        })?;
        to_js(&JsReceipt {
            json: Bytes(&json),
            text: &text,
        })
    }

    /// The re-hash receipt (`OUT-recu.json`) bytes.
    #[wasm_bindgen(js_name = rehashReceipt)]
    pub fn rehash_receipt(&self) -> Result<Vec<u8>, JsValue> {
        Ok(self.inner.rehash_receipt()?)
    }
}

/// The findings CSV pass (pass 2): the input is pushed again, CSV bytes come out (and the
/// internal corrections list's, with the `corrections` option).
#[wasm_bindgen]
pub struct FindingsPass {
    inner: Option<session::FindingsPass>,
    input_name: String,
    training: bool,
}

impl FindingsPass {
    /// The pass's output pieces as chunk objects `{file, bytes, name, mime}`.
    fn chunks(&self, outputs: &[Output]) -> Result<js_sys::Array, JsValue> {
        let out = js_sys::Array::new();
        for o in outputs {
            if o.bytes.is_empty() {
                continue;
            }
            out.push(&to_js(&JsChunk {
                file: o.artifact.id(),
                bytes: Bytes(&o.bytes),
                name: o.artifact.name(&self.input_name, self.training),
                mime: o.artifact.mime(&self.input_name),
            })?);
        }
        Ok(out)
    }
}

#[wasm_bindgen]
impl FindingsPass {
    /// Feeds a chunk of the input; returns the output pieces ready so far (chunk objects:
    /// `findings-csv`, and `corrections` when asked).
    pub fn push(&mut self, chunk: &[u8]) -> Result<js_sys::Array, JsValue> {
        let pass = self.inner.as_mut().ok_or(ErrorKind::SessionFinished)?;
        let out = pass.push(chunk)?;
        self.chunks(&out)
    }

    /// See `Session.splitState` (check mode: the findings pass can be split too).
    #[wasm_bindgen(js_name = splitState)]
    pub fn split_state(&self, file_size: f64) -> Option<Vec<u8>> {
        self.inner.as_ref()?.split_state(js_size(file_size))
    }

    /// See `Session.joinSegment`.
    #[wasm_bindgen(js_name = joinSegment)]
    pub fn join_segment(&mut self, summary: &[u8]) -> Result<bool, JsValue> {
        let pass = self.inner.as_mut().ok_or(ErrorKind::SessionFinished)?;
        Ok(pass.join_segment(summary)?)
    }

    /// Takes a batch of the helper's records; returns the output pieces ready so far.
    #[wasm_bindgen(js_name = pushSegment)]
    pub fn push_segment(&mut self, batch: &[u8]) -> Result<js_sys::Array, JsValue> {
        let pass = self.inner.as_mut().ok_or(ErrorKind::SessionFinished)?;
        let out = pass.push_segment(batch)?;
        self.chunks(&out)
    }

    /// Ends the input; returns `{chunks, sha256, correctionsSha256}`: the last pieces, the
    /// SHA-256 of the whole findings CSV and of the corrections list (for the receipt). For a
    /// workbook, `onPause` (when given) is called with `(chunks, {rows, done, total})` as the
    /// pieces are made, as `Session.finish` does.
    pub fn finish(&mut self, on_pause: Option<js_sys::Function>) -> Result<JsValue, JsValue> {
        let pass = self.inner.take().ok_or(ErrorKind::SessionFinished)?;
        let (last, digests) = match &on_pause {
            Some(f) => pass.finish_with(&mut |outs, p| {
                let chunks = self
                    .chunks(&outs)
                    .map_err(|_| Error::internal("conversion impossible"))?;
                call_pause(f, &chunks, &p)
            })?,
            None => pass.finish()?,
        };
        let chunks = self.chunks(&last)?;
        to_js(&PassEnd {
            chunks,
            sha256: &digests.findings_csv,
            corrections_sha256: digests.corrections.as_deref(),
        })
    }
}

/// The continuity check's options from the page: `{previousName, currentName, year,
/// maxFindings, training}` (`year`: this year's reference year, or `null`).
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsContinuityOptions {
    previous_name: String,
    current_name: String,
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    max_findings: Option<usize>,
    #[serde(default)]
    training: bool,
}

/// The continuity check against last year's file (`crate::session::ContinuityJob`): push
/// last year's file, `finishPrevious`, push this year's, `finish`.
#[wasm_bindgen]
pub struct Continuity {
    inner: session::ContinuityJob,
}

/// What [`Continuity::finish`] returns.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ContinuityEnd<'a> {
    /// The continuity JSON (the same bytes as `olinpe continuity --format json`).
    json: Bytes<'a>,
    /// Its file name and MIME type.
    name: String,
    mime: &'static str,
    /// Continuity's own verdict level and exit status.
    level: crate::continuity::Level,
    exit_status: u8,
}

#[wasm_bindgen]
impl Continuity {
    /// A check with the page's options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Continuity, JsValue> {
        let o: JsContinuityOptions =
            serde_wasm_bindgen::from_value(options).map_err(|e| ErrorKind::BadOptions {
                detail: e.to_string(),
            })?;
        let opts = crate::continuity::Options {
            previous_name: o.previous_name,
            current_name: o.current_name,
            year: o.year,
            max_findings: o.max_findings.unwrap_or(1000),
        };
        Ok(Continuity {
            inner: session::ContinuityJob::new(opts, o.training)?,
        })
    }

    /// Feeds a chunk of last year's file; returns the records read so far.
    #[wasm_bindgen(js_name = pushPrevious)]
    pub fn push_previous(&mut self, chunk: &[u8]) -> Result<f64, JsValue> {
        self.inner.push_previous(chunk)?;
        Ok(self.inner.rows() as f64)
    }

    /// Ends last year's file.
    #[wasm_bindgen(js_name = finishPrevious)]
    pub fn finish_previous(&mut self) -> Result<(), JsValue> {
        Ok(self.inner.finish_previous()?)
    }

    /// Feeds a chunk of this year's file; returns the records read so far.
    #[wasm_bindgen(js_name = pushCurrent)]
    pub fn push_current(&mut self, chunk: &[u8]) -> Result<f64, JsValue> {
        self.inner.push_current(chunk)?;
        Ok(self.inner.rows() as f64)
    }

    /// Ends this year's file: `{json, name, mime, level, exitStatus}`.
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let out = self.inner.finish()?;
        let o = self.inner.outcome()?;
        to_js(&ContinuityEnd {
            json: Bytes(&out.bytes),
            name: self.inner.name(),
            mime: out.artifact.mime(""),
            level: o.report.verdict.level,
            exit_status: o.exit_status,
        })
    }
}

/// Before a pseudonymisation, from the file's first bytes (`head`; `whole` when they are the
/// whole file) and the column mapping (`--map-file` text): `null`, or the refusal the run
/// would raise `{code, message, columns}` (`already-pseudonymised`,
/// `identity-columns-absent` with the absent columns), so the page names them and keeps its
/// run button disabled until they are mapped. A head that cannot be read gives `null`: the
/// run will say why.
#[wasm_bindgen]
pub fn preflight(head: &[u8], whole: bool, map_file: Option<String>) -> Result<JsValue, JsValue> {
    let refusal = match session::preflight(head, whole, map_file) {
        Ok(Some(e)) => e,
        Ok(None) | Err(_) => return Ok(JsValue::NULL),
    };
    refusal_js(&refusal)
}

/// [`preflight`] for a whole workbook (`bytes`) and its worksheet `sheet` (the first when
/// absent): the engine reads the sheet up to its first record, so the page names the refusal
/// before the run for a workbook as for a text file.
#[wasm_bindgen(js_name = preflightWorkbook)]
pub fn preflight_workbook(
    bytes: &[u8],
    map_file: Option<String>,
    sheet: Option<String>,
) -> Result<JsValue, JsValue> {
    let refusal = match crate::engine::preflight_workbook(bytes, map_file, sheet) {
        Ok(Some(e)) => e,
        Ok(None) | Err(_) => return Ok(JsValue::NULL),
    };
    refusal_js(&refusal)
}

fn refusal_js(refusal: &Error) -> Result<JsValue, JsValue> {
    let columns = match refusal.kind() {
        ErrorKind::IdentityColumnsAbsent { columns } => columns.clone(),
        _ => Vec::new(),
    };
    to_js(&Refusal {
        code: refusal.code(),
        message: refusal.message(),
        columns,
    })
}

/// One artifact of the table, for the page's downloads.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsArtifact {
    id: &'static str,
    /// The MIME type; `null` when it is the input's own (see `mimeLikeInput`).
    mime: Option<&'static str>,
    /// XML when the input's name ends with `.xml`, CSV otherwise.
    mime_like_input: bool,
    /// Sent on to the ONPE or the observatory.
    transmit: bool,
    /// Comes in pieces while the input is read.
    streamed: bool,
    /// `NAME` + suffix (+ the input's extension when `inputExtension`).
    suffix: &'static str,
    input_extension: bool,
    /// What it is (French).
    title: &'static str,
}

/// The artifact table: `[{id, mime, mimeLikeInput, transmit, streamed, suffix,
/// inputExtension, title}]` (see `crate::session::artifact`).
#[wasm_bindgen]
pub fn artifacts() -> Result<JsValue, JsValue> {
    let rows: Vec<JsArtifact> = ARTIFACTS
        .iter()
        .map(|s| JsArtifact {
            id: s.id,
            mime: match s.mime {
                Mime::Fixed(m) => Some(m),
                Mime::LikeInput => None,
            },
            mime_like_input: s.mime == Mime::LikeInput,
            transmit: s.transmit,
            streamed: s.streamed,
            suffix: s.suffix,
            input_extension: s.input_extension,
            title: s.title,
        })
        .collect();
    to_js(&rows)
}

/// The file name of artifact `id` for an input named `inputName` (`FORMATION-…` in training
/// mode); an unknown id gives `NAME-id`.
#[wasm_bindgen(js_name = artifactName)]
pub fn artifact_name(id: &str, input_name: &str, training: bool) -> String {
    session::name_for_id(id, input_name, training)
}

/// The MIME type of artifact `id` for an input named `inputName` (`undefined` for an
/// unknown id).
#[wasm_bindgen(js_name = artifactMime)]
pub fn artifact_mime(id: &str, input_name: &str) -> Option<String> {
    Artifact::from_id(id).map(|a| a.mime(input_name).to_owned())
}

/// One finding code of the catalogue, for the page's explanations and filters.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsEntry {
    code: &'static str,
    severity: Severity,
    title: &'static str,
    explanation: &'static str,
    variable: Option<&'static str>,
    onpe_section: Option<&'static str>,
    spec: &'static str,
}

/// The finding catalogue: `[{code, severity, title, explanation, variable, onpeSection, spec}]`.
#[wasm_bindgen]
pub fn catalogue() -> Result<JsValue, JsValue> {
    let entries: Vec<JsEntry> = crate::finding::catalogue::all()
        .map(|e| JsEntry {
            code: e.code.as_str(),
            severity: e.severity,
            title: e.title,
            explanation: e.explanation,
            variable: e.variable,
            onpe_section: e.onpe_section,
            spec: e.spec,
        })
        .collect();
    to_js(&entries)
}

/// One variable of the dictionary, for the mapping step and the fill chart.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsVariable {
    number: u8,
    code: &'static str,
    label: &'static str,
    block: &'static str,
    block_title: &'static str,
    nsp: Option<&'static str>,
    mandatory: bool,
}

/// The dictionary's variables in the XSD's order (`UTDP` last):
/// `[{number, code, label, block, blockTitle, nsp, mandatory}]`.
#[wasm_bindgen]
pub fn variables() -> Result<JsValue, JsValue> {
    let vars: Vec<JsVariable> = crate::dictionary::VARIABLES
        .iter()
        .map(|v| JsVariable {
            number: v.number,
            code: v.code,
            label: v.label,
            block: v.block.id,
            block_title: v.block.title,
            nsp: v.nsp,
            mandatory: v.mandatory,
        })
        .collect();
    to_js(&vars)
}

/// An invented nominative file of `rows` records (1 % of them with a planted error) that the
/// worker checks once while the page is idle, right after it loads (`www/warm-up.js`,
/// `warmUp`): the browser compiles WebAssembly lazily and optimises a function only once it
/// has run enough, so without this the first real run pays for that work and runs the first
/// megabytes in baseline code. Nothing of it is shown or kept.
#[wasm_bindgen(js_name = warmUpInput)]
pub fn warm_up_input(rows: u32) -> Vec<u8> {
    let opts = crate::generate::GenOptions {
        rows: u64::from(rows),
        seed: 4,
        error_rate: 0.01,
        nominative: true,
        ..crate::generate::GenOptions::default()
    };
    crate::generate::generate_to_vec(&opts).0
}

/// What [`inspect`] returns.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsInspected<'a> {
    /// `csv`, `xml`, `xlsx`, `ods`, or `unknown` (the run will say why).
    format: &'static str,
    encoding: &'static str,
    delimiter: Option<String>,
    headers: &'a [String],
    sheets: &'a [String],
    sheet: Option<&'a str>,
    /// Per header, the column it names by its name alone (`crate::read::match_header`:
    /// the same matching as a run's), or `null`.
    matched: Vec<Option<&'static str>>,
    /// Per header, whether it is an official name as it stands (else the person confirms).
    exact: Vec<bool>,
}

/// The header of an input as a run finds it, for the column-mapping step:
/// `{format, encoding, delimiter, headers, sheets, sheet, matched, exact}`. `bytes`: the first 128 KiB of a
/// text file, or a whole workbook; `mapFile`: a mapping whose headers count as known columns;
/// `sheet`: the worksheet to read (the first when absent).
#[wasm_bindgen]
pub fn inspect(
    bytes: &[u8],
    map_file: Option<String>,
    sheet: Option<String>,
) -> Result<JsValue, JsValue> {
    let i = crate::read::inspect(bytes, map_file.as_deref(), sheet.as_deref());
    let matches: Vec<_> = i
        .headers
        .iter()
        .map(|h| crate::read::match_header(h))
        .collect();
    to_js(&JsInspected {
        matched: matches
            .iter()
            .map(|m| m.and_then(|m| crate::read::target_code(m.target)))
            .collect(),
        exact: matches.iter().map(|m| m.is_some_and(|m| m.exact)).collect(),
        format: i.format.map_or("unknown", |f| f.as_str()),
        encoding: i.encoding,
        delimiter: i.delimiter.map(|d| char::from(d).to_string()),
        headers: &i.headers,
        sheets: &i.sheets,
        sheet: i.sheet.as_deref(),
    })
}

/// True when `head` (the first bytes of a file) starts a workbook (a zip or an OLE2 file),
/// which is read whole, within [`workbook_max_bytes`].
#[wasm_bindgen(js_name = isWorkbook)]
pub fn is_workbook(head: &[u8]) -> bool {
    crate::read::sheet::sniff(head) != crate::read::sheet::Sniff::NotWorkbook
}

/// The size limit of a workbook, which is held whole in memory (docs/limits.md "Tableurs").
#[wasm_bindgen(js_name = workbookMaxBytes)]
pub fn workbook_max_bytes() -> f64 {
    crate::read::sheet::SheetLimits::default().max_workbook_bytes as f64
}

/// The generator's CSV bytes as an XLSX workbook (a training sample downloaded as XLSX).
#[wasm_bindgen(js_name = csvToXlsx)]
pub fn csv_to_xlsx(csv: &[u8]) -> Vec<u8> {
    crate::generate::xlsx::csv_to_xlsx(csv)
}

/// The tool's version (as written in reports).
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_owned()
}

// ---- Training mode and dictionary (www/training.js, www/dictionary.js) ----------------
// Thin wrappers over `crate::training` and `crate::generate`; see docs/training.md.

/// The dictionary for the page: `{blocks, variables, findings}` (see `training::Dictionary`).
#[wasm_bindgen]
pub fn dictionary() -> Result<JsValue, JsValue> {
    to_js(&crate::training::dictionary())
}

/// What [`sample`] returns.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsSample<'a> {
    csv: Bytes<'a>,
    manifest: &'a crate::generate::Manifest,
}

/// A built-in training sample (`small`, `medium`, `large`): `{csv, manifest}`, the same file
/// as `olinpe generate --sample NAME`.
#[wasm_bindgen]
pub fn sample(name: &str) -> Result<JsValue, JsValue> {
    let s = crate::generate::Sample::from_name(name).ok_or(ErrorKind::UnknownSample)?;
    let (csv, manifest) = crate::generate::generate_to_vec(&s.options());
    to_js(&JsSample {
        csv: Bytes(&csv),
        manifest: &manifest,
    })
}

/// One kind of exercise, for the page's list.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsExerciseKind {
    kind: &'static str,
    title: &'static str,
    hint: &'static str,
}

/// The exercise kinds: `[{kind, title, hint}]`.
#[wasm_bindgen(js_name = exerciseKinds)]
pub fn exercise_kinds() -> Result<JsValue, JsValue> {
    let kinds: Vec<JsExerciseKind> = crate::training::EXERCISES
        .iter()
        .map(|(k, title, hint)| JsExerciseKind {
            kind: k.name(),
            title,
            hint,
        })
        .collect();
    to_js(&kinds)
}

/// What [`plant_exercise`] returns.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsExercise<'a> {
    csv: Bytes<'a>,
    #[serde(flatten)]
    exercise: &'a crate::training::Exercise,
}

/// A clean 200-record file with one planted error of `kind`, drawn from `seed` (the page
/// draws it): `{csv, kind, row, expected: [{row, variable, code, rule, plant}], seed}`.
#[wasm_bindgen(js_name = plantExercise)]
pub fn plant_exercise(kind: &str, seed: f64) -> Result<JsValue, JsValue> {
    // A JavaScript number: keep the integer part that fits (seeds are drawn below 2^53).
    let seed = if seed.is_finite() && seed >= 0.0 {
        seed as u64
    } else {
        0
    };
    let ex = crate::training::exercise(kind, seed).ok_or(ErrorKind::UnknownExercise)?;
    to_js(&JsExercise {
        csv: Bytes(&ex.csv),
        exercise: &ex,
    })
}

/// What [`sample_pair`] returns.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsPair<'a> {
    previous: Bytes<'a>,
    current: Bytes<'a>,
    previous_name: &'a str,
    current_name: &'a str,
    manifest: &'a crate::generate::pair::PairManifest,
}

/// The training pair for the continuity check: `{previous, current, previousName,
/// currentName, manifest}` (see `training::pair_sample`).
#[wasm_bindgen(js_name = samplePair)]
pub fn sample_pair() -> Result<JsValue, JsValue> {
    let p = crate::training::pair_sample();
    to_js(&JsPair {
        previous: Bytes(&p.previous),
        current: Bytes(&p.current),
        previous_name: p.previous_name,
        current_name: p.current_name,
        manifest: &p.manifest,
    })
}

/// The pseudonymisation of one invented identity, step by step (see `training::Demo`).
#[wasm_bindgen(js_name = demoPseudonymisation)]
pub fn demo_pseudonymisation(
    prenom: &str,
    nommere: &str,
    mnais: &str,
    anais: &str,
    key: &str,
) -> Result<JsValue, JsValue> {
    let d = crate::training::demo(prenom, nommere, mnais, anais, key)
        .map_err(|e| ErrorKind::DemoInvalid { message: e.0 })?;
    to_js(&d)
}
