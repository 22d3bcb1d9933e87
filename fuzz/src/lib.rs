//! Shared harness of olinpe's fuzz targets: options decoded from the first bytes of the fuzz
//! input, the reader and the engine driven chunk by chunk, and the properties each target
//! checks (no panic, row accounting, same results whatever the chunk size, well-formed
//! outputs). A property that fails panics, which libFuzzer records as a crash.
//!
//! Input layout (so that a seed is simply [`HEADER`] zero bytes followed by a fixture file,
//! which decodes to the default options):
//! `[HEADER bytes of knobs][map-file text, `map_len` bytes when the map flag is set][file]`.

#![forbid(unsafe_code)]

use arbitrary::{Arbitrary, Unstructured};
use olinpe::dictionary::ids;
use olinpe::engine::{Engine, EngineError, Finished, LimitOptions, Mode, Options, OutputFile};
use olinpe::finding::{Code, Finding};
use olinpe::pseudo::Key;
use olinpe::read::{ReadOptions, Reader, Sink};
use olinpe::record::Record;
use std::collections::BTreeMap;

/// Bytes at the start of every fuzz input that encode the options.
pub const HEADER: usize = 8;

/// The dummy key of docs/spec/OLINPE.md §3.3 (never a real key).
pub const DUMMY_KEY: &str = "CLE_DE_TEST";

/// Raw option bytes, decoded with `arbitrary`.
#[derive(Arbitrary, Debug, Clone, Copy, Default)]
struct Knobs {
    chunk: u16,
    year: u16,
    flags: u8,
    limits: u8,
    map_len: u8,
    max_findings: u8,
}

/// What one fuzz input asks for.
#[derive(Debug, Clone)]
pub struct Case<'a> {
    /// Chunk size for the chunked run (`usize::MAX`: one push).
    pub chunk: usize,
    /// `--year`.
    pub year: Option<i32>,
    /// `--repair`.
    pub repair: bool,
    /// `--with-day`.
    pub with_day: bool,
    /// `--uppercase`.
    pub uppercase: bool,
    /// Reader only: keep the raw CSV cells (what `rehash` asks of the reader).
    pub keep_raw: bool,
    /// `--map-file` text.
    pub map_file: Option<String>,
    /// Limits (small ones now and then, to reach the limit paths).
    pub limits: LimitOptions,
    /// `--max-findings`.
    pub max_findings: usize,
    /// The input file's bytes.
    pub data: &'a [u8],
}

impl<'a> Case<'a> {
    /// Decodes a fuzz input.
    pub fn decode(input: &'a [u8]) -> Case<'a> {
        let (head, mut rest) = input.split_at(input.len().min(HEADER));
        let mut u = Unstructured::new(head);
        let k = Knobs::arbitrary(&mut u).unwrap_or_default();
        let chunk = match k.chunk {
            0 => usize::MAX,
            // Tiny chunks most of the time: every cut inside a token, a quote, a BOM, a
            // multi-byte character or a CRLF must give the same result.
            n if n < 0x8000 => 1 + usize::from(n % 17),
            n => 1 + usize::from(n % 8192),
        };
        let year = match k.year {
            0 => None,
            0xFFFF => Some(i32::MAX),
            0xFFFE => Some(i32::MIN),
            y => Some(i32::from(y)),
        };
        let map_file = if k.flags & 8 != 0 {
            let n = usize::from(k.map_len).min(rest.len());
            let (m, r) = rest.split_at(n);
            rest = r;
            Some(String::from_utf8_lossy(m).into_owned())
        } else {
            None
        };
        let mut limits = LimitOptions::default();
        if k.limits & 0x80 != 0 {
            let s = usize::from(k.limits & 0x3f);
            limits.max_field_bytes = 1 + s * 8;
            limits.max_columns = 1 + s * 4;
        }
        if k.limits & 0x40 != 0 {
            limits.max_file_bytes = 1 + u64::from(k.limits & 0x3f) * 64;
        }
        Case {
            chunk,
            year,
            repair: k.flags & 1 != 0,
            with_day: k.flags & 2 != 0,
            uppercase: k.flags & 4 != 0,
            keep_raw: k.flags & 16 != 0,
            map_file,
            limits,
            max_findings: match k.max_findings {
                0 => 1000,
                n => usize::from(n) - 1,
            },
            data: rest,
        }
    }

    /// Engine options for `mode`.
    pub fn options(&self, mode: Mode) -> Options {
        Options {
            mode,
            input_name: "fuzz.csv".into(),
            year: self.year,
            max_findings: self.max_findings,
            map_file: self.map_file.clone(),
            repair: self.repair,
            with_day: self.with_day,
            uppercase: self.uppercase,
            date_export: (mode == Mode::Pseudonymise).then(|| "2019-03-01".to_string()),
            limits: self.limits,
            ..Options::default()
        }
    }
}

/// The dummy key.
pub fn key() -> Key {
    Key::from_env_value(DUMMY_KEY).expect("the dummy key is a valid key")
}

// ---------------------------------------------------------------------------------------
// Reader

/// What a reader run delivered, compared between chunk sizes.
#[derive(Debug, PartialEq, Eq)]
pub struct ReadTrace {
    /// One line per record: row, line, every value, identity, reading findings.
    pub records: Vec<String>,
    /// File-level findings.
    pub file_findings: Vec<String>,
    /// Rows the reader counted at the end.
    pub rows: u64,
    /// The reader's verdict: `Ok` or the error code and message.
    pub outcome: Result<(), (String, String)>,
    legacy: bool,
}

impl Default for ReadTrace {
    fn default() -> Self {
        ReadTrace {
            records: Vec::new(),
            file_findings: Vec::new(),
            rows: 0,
            outcome: Ok(()),
            legacy: false,
        }
    }
}

struct TraceSink {
    t: ReadTrace,
    last_line: u64,
}

fn finding_line(f: &Finding) -> String {
    format!(
        "{:?};{:?};{};{:?};{:?};{}",
        f.row, f.line, f.code, f.severity, f.variable, f.message
    )
}

impl Sink for TraceSink {
    fn record(&mut self, rec: &Record, findings: &mut Vec<Finding>) {
        let n = self.t.records.len() as u64 + 1;
        assert_eq!(rec.row, n, "records are numbered 1, 2, 3… without gaps");
        assert!(rec.line >= 1, "a record has a physical line");
        assert!(
            rec.line >= self.last_line,
            "lines never go backwards ({} then {})",
            self.last_line,
            rec.line
        );
        self.last_line = rec.line;
        let mut s = format!("{};{}", rec.row, rec.line);
        for i in 0..ids::N_ALL {
            s.push('|');
            if rec.is_present(i) {
                s.push_str(rec.get(i));
            } else {
                assert!(rec.get(i).is_empty(), "an absent variable has no value");
                s.push('\u{0}');
            }
        }
        let id = &rec.identity;
        for v in [&id.prenom, &id.nommere, &id.nomusage, &id.jnais, &id.numdo] {
            s.push('|');
            s.push_str(v.expose());
        }
        for f in findings.iter() {
            assert_eq!(
                f.row,
                Some(rec.row),
                "a record finding carries its record's row"
            );
            assert_eq!(
                f.line,
                Some(rec.line),
                "a record finding carries its record's line"
            );
            s.push('#');
            s.push_str(&finding_line(f));
        }
        findings.clear();
        self.t.records.push(s);
    }

    fn file_finding(&mut self, f: Finding) {
        assert_eq!(f.row, None, "a file-level finding has no row");
        if f.code == Code::Legacy2011File {
            self.t.legacy = true;
        }
        self.t.file_findings.push(finding_line(&f));
    }
}

/// Runs the reader alone over `data` cut into `chunk`-byte pieces.
pub fn read(case: &Case<'_>, data: &[u8], chunk: usize) -> ReadTrace {
    // The struct update keeps the harness building when the readers gain an option.
    #[allow(clippy::needless_update)]
    let opts = ReadOptions {
        map_file: case.map_file.clone(),
        repair: case.repair,
        limits: case.limits.into(),
        keep_raw: case.keep_raw,
        ..ReadOptions::default()
    };
    let mut sink = TraceSink {
        t: ReadTrace::default(),
        last_line: 0,
    };
    let mut reader = match Reader::new(opts) {
        Ok(r) => r,
        Err(e) => {
            assert!(!e.message().is_empty(), "an error says what is wrong");
            sink.t.outcome = Err((e.code().to_string(), e.message()));
            return sink.t;
        }
    };
    let mut outcome = Ok(());
    for piece in data.chunks(chunk.max(1)) {
        if let Err(e) = reader.push(piece, &mut sink) {
            outcome = Err(e);
            break;
        }
    }
    let outcome = outcome.and_then(|()| reader.finish(&mut sink));
    match outcome {
        Ok(info) => {
            sink.t.rows = info.rows;
            if info.legacy_2011 {
                assert!(sink.t.legacy, "a legacy file is reported as such");
                assert!(
                    sink.t.records.is_empty(),
                    "legacy records are not delivered"
                );
            } else {
                assert_eq!(
                    info.rows,
                    sink.t.records.len() as u64,
                    "the reader counts every record it delivers, and only those"
                );
            }
        }
        Err(e) => {
            assert!(!e.message().is_empty(), "an error says what is wrong");
            sink.t.outcome = Err((e.code().to_string(), e.message()));
        }
    }
    sink.t
}

/// Reader target: no panic, accounting, and the same records and findings whatever the cut.
pub fn fuzz_reader(case: &Case<'_>, data: &[u8]) {
    let whole = read(case, data, usize::MAX);
    if case.chunk != usize::MAX {
        let cut = read(case, data, case.chunk);
        assert_eq!(
            whole, cut,
            "the reader must give the same result for chunks of {} bytes",
            case.chunk
        );
    }
}

// ---------------------------------------------------------------------------------------
// Engine

/// What an engine run produced.
pub struct Run {
    /// Pass 1's verdict.
    pub finished: Result<Finished, EngineError>,
    /// Every streamed output, whole.
    pub outputs: BTreeMap<OutputFile, Vec<u8>>,
}

/// Runs pass 1 of the engine over `data` cut into `chunk`-byte pieces.
pub fn run(opts: &Options, key: Option<Key>, data: &[u8], chunk: usize) -> Run {
    let mut outputs: BTreeMap<OutputFile, Vec<u8>> = BTreeMap::new();
    let mut engine = match Engine::new(opts.clone(), key) {
        Ok(e) => e,
        Err(e) => {
            return Run {
                finished: Err(e),
                outputs,
            }
        }
    };
    for piece in data.chunks(chunk.max(1)) {
        if let Err(e) = engine.push(piece) {
            return Run {
                finished: Err(e),
                outputs,
            };
        }
        for c in engine.drain_output() {
            outputs
                .entry(c.file)
                .or_default()
                .extend_from_slice(&c.bytes);
        }
    }
    let finished = engine.finish();
    if let Ok(f) = &finished {
        for c in &f.outputs {
            outputs
                .entry(c.file)
                .or_default()
                .extend_from_slice(&c.bytes);
        }
    }
    Run { finished, outputs }
}

/// Properties every finished run has, whatever the mode.
fn common(f: &Finished, opts: &Options) {
    let report = &f.report;
    let v: serde_json::Value =
        serde_json::from_slice(&f.report_json).expect("the report JSON parses");
    assert_eq!(
        v["input"]["rows"].as_u64(),
        Some(report.input.rows),
        "the JSON says the rows the report counted"
    );
    assert_eq!(
        report.counts.values().sum::<u64>(),
        report.findings_total,
        "counts add up to findings_total"
    );
    assert!(
        report.findings.len() <= opts.max_findings,
        "the findings cap is a hard cap"
    );
    assert_eq!(
        report.findings_truncated,
        (report.findings.len() as u64) < shown_total(f),
        "findings_truncated says whether findings were left out"
    );
    assert!(f.exit_status <= 1, "a finished run exits with 0 or 1");
    let has_error = f.severity_counts[0] > 0;
    if has_error {
        assert_eq!(f.exit_status, 1, "a blocking error gives exit status 1");
    }
    assert_eq!(
        f.severity_counts.iter().sum::<u64>(),
        report.findings_total,
        "severity counts add up"
    );
    for finding in &report.findings {
        assert!(!finding.message.is_empty(), "every finding has a message");
        if let Some(r) = finding.row {
            assert!(
                r >= 1 && r <= report.input.rows,
                "finding row {r} within 1..={}",
                report.input.rows
            );
        }
    }
}

/// The findings as written out: an information code on most records counts once (it is
/// one file-level finding giving its count, docs/spec/INTERFACES.md "Report JSON").
fn shown_total(f: &Finished) -> u64 {
    let compacted: u64 = f
        .plan
        .compacted
        .iter()
        .map(|c| f.report.counts.get(c).copied().unwrap_or(0))
        .sum();
    f.report.findings_total - compacted + f.plan.compacted.len() as u64
}

/// The number of records the reader alone counts in `data` (`None`: unreadable).
fn reader_rows(case: &Case<'_>) -> Option<u64> {
    let t = read(case, case.data, usize::MAX);
    t.outcome.is_ok().then_some(t.rows)
}

/// Compares two runs of the same input and options cut differently.
fn same(a: &Run, b: &Run, chunk: usize) {
    match (&a.finished, &b.finished) {
        (Ok(x), Ok(y)) => {
            assert!(
                x.report_json == y.report_json,
                "the report must not depend on the chunk size ({chunk})"
            );
            assert_eq!(x.rows, y.rows, "row accounting independent of chunk size");
            assert_eq!(
                x.rejected, y.rejected,
                "rejections independent of chunk size"
            );
            assert_eq!(x.exit_status, y.exit_status);
            assert!(
                a.outputs == b.outputs,
                "outputs must not depend on the chunk size ({chunk})"
            );
        }
        (Err(x), Err(y)) => assert_eq!(x, y, "same error whatever the chunk size ({chunk})"),
        (x, y) => panic!(
            "chunk size {chunk} changes the verdict: {:?} vs {:?}",
            x.as_ref().map(|_| "ok").map_err(|e| e.code()),
            y.as_ref().map(|_| "ok").map_err(|e| e.code())
        ),
    }
}

/// `check` target: report consistency, reader's row count, pass 2, chunk independence.
pub fn fuzz_check(case: &Case<'_>) {
    let opts = case.options(Mode::Check);
    let whole = run(&opts, None, case.data, usize::MAX);
    match &whole.finished {
        Ok(f) => {
            common(f, &opts);
            if let Some(rows) = reader_rows(case) {
                assert_eq!(
                    f.report.input.rows, rows,
                    "the report counts the records the reader counted"
                );
            }
            // Pass 2 re-reads the same bytes: it must succeed and start with the BOM.
            let mut pass = olinpe::engine::FindingsCsvPass::new(opts.clone(), None, f.plan.clone())
                .expect("pass 2 accepts pass 1's options");
            let mut csv = Vec::new();
            for piece in case.data.chunks(case.chunk.max(1)) {
                csv.extend(pass.push(piece).expect("pass 2 reads what pass 1 read"));
            }
            csv.extend(pass.finish().expect("pass 2 reads what pass 1 read"));
            if !csv.is_empty() {
                check_findings_csv(&csv, shown_total(f));
            }
        }
        Err(e) => assert!(!e.message().is_empty(), "an error says what is wrong"),
    }
    if case.chunk != usize::MAX {
        let cut = run(&opts, None, case.data, case.chunk);
        same(&whole, &cut, case.chunk);
    }
}

/// The findings CSV: BOM, `;`, one row per finding, formulas neutralised.
fn check_findings_csv(csv: &[u8], total: u64) {
    let body = csv
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("the findings CSV starts with a BOM");
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(true)
        .flexible(false)
        .from_reader(body);
    let mut n = 0u64;
    for rec in r.records() {
        let rec = rec.expect("the findings CSV is well-formed");
        for cell in rec.iter() {
            if let Some(c) = cell.chars().next() {
                assert!(
                    !matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'),
                    "a findings CSV cell must not start with a formula character: {cell:?}"
                );
            }
        }
        n += 1;
    }
    assert_eq!(n, total, "the findings CSV lists every finding, uncapped");
}

/// `pseudonymise` target: nothing lost, outputs well-formed, chunk independence.
pub fn fuzz_pseudonymise(case: &Case<'_>) {
    let opts = case.options(Mode::Pseudonymise);
    let whole = run(&opts, Some(key()), case.data, usize::MAX);
    if let Ok(f) = &whole.finished {
        common(f, &opts);
        accounting(f);
        if let Some(xml) = whole.outputs.get(&OutputFile::TransmissionXml) {
            let text = std::str::from_utf8(xml).expect("the transmission XML is UTF-8");
            let doc =
                roxmltree::Document::parse(text).expect("the transmission XML is well-formed");
            let donnees = doc
                .root_element()
                .children()
                .filter(|n| n.has_tag_name("DONNEE"))
                .count() as u64;
            assert_eq!(donnees, f.rows.written, "one DONNEE per record written");
        }
        if let Some(csv) = whole.outputs.get(&OutputFile::TransmissionCsv) {
            let mut r = csv::ReaderBuilder::new()
                .delimiter(b';')
                .has_headers(true)
                .flexible(false)
                .from_reader(&csv[..]);
            let mut n = 0u64;
            for rec in r.records() {
                rec.expect("the transmission CSV is well-formed");
                n += 1;
            }
            assert_eq!(n, f.rows.written, "one CSV record per record written");
        }
    }
    if case.chunk != usize::MAX {
        let cut = run(&opts, Some(key()), case.data, case.chunk);
        same(&whole, &cut, case.chunk);
    }
}

/// `rehash` target: nothing lost, chunk independence.
pub fn fuzz_rehash(case: &Case<'_>) {
    let opts = case.options(Mode::Rehash);
    let whole = run(&opts, Some(key()), case.data, usize::MAX);
    if let Ok(f) = &whole.finished {
        common(f, &opts);
        accounting(f);
        if !f.malformed_ids.is_empty() {
            assert_eq!(
                f.exit_status, 1,
                "a malformed identifier gives exit status 1"
            );
        }
    }
    if case.chunk != usize::MAX {
        let cut = run(&opts, Some(key()), case.data, case.chunk);
        same(&whole, &cut, case.chunk);
    }
}

/// rows.read = rows.written + rows.rejected; every rejection listed with a reason.
fn accounting(f: &Finished) {
    assert_eq!(
        f.rows.read,
        f.rows.written + f.rows.rejected,
        "rows read = rows written + rows rejected"
    );
    assert_eq!(
        f.rejected.len() as u64,
        f.rows.rejected,
        "every rejected row is listed"
    );
    for r in &f.rejected {
        assert!(!r.reason.trim().is_empty(), "every rejection has a reason");
        assert!(r.row >= 1 && r.row <= f.report.input.rows);
    }
    if f.rejected.windows(2).any(|w| w[0].row >= w[1].row) {
        panic!("rejections are listed once each, in row order");
    }
}

/// The two files of a `continuity` input: `data` starts with the length of last year's file
/// (two bytes, little-endian, cut to what there is), then last year's file, then this year's.
pub fn split_pair(data: &[u8]) -> (&[u8], &[u8]) {
    let (len, rest) = match data {
        [a, b, rest @ ..] => (usize::from(u16::from_le_bytes([*a, *b])), rest),
        _ => (0, &[][..]),
    };
    rest.split_at(len.min(rest.len()))
}

/// A continuity check of `previous` then `current`, each pushed in chunks of `chunk` bytes.
fn continuity_run(
    case: &Case<'_>,
    previous: &[u8],
    current: &[u8],
    chunk: usize,
) -> Result<olinpe::continuity::Outcome, EngineError> {
    let opts = olinpe::continuity::Options {
        previous_name: "an-dernier".into(),
        current_name: "cette-annee".into(),
        year: case.year,
        max_findings: case.max_findings,
    };
    let mut c = olinpe::continuity::Continuity::new(opts)?;
    for piece in previous.chunks(chunk.max(1)) {
        c.push_previous(piece)?;
    }
    c.finish_previous()?;
    for piece in current.chunks(chunk.max(1)) {
        c.push_current(piece)?;
    }
    c.finish()
}

/// `continuity` target: no panic; the JSON parses, its verdict and exit status agree, it
/// names no more findings than its cap; the same JSON, text and status (or the same error)
/// whatever the chunk size; every error says what is wrong.
pub fn fuzz_continuity(case: &Case<'_>) {
    let (previous, current) = split_pair(case.data);
    let whole = continuity_run(case, previous, current, usize::MAX);
    match &whole {
        Ok(o) => {
            let v: serde_json::Value =
                serde_json::from_slice(&o.json).expect("the continuity JSON parses");
            let level = v["verdict"]["level"].as_str().expect("a verdict level");
            assert_eq!(
                o.exit_status,
                u8::from(level == "bloquant"),
                "exit status 1 exactly for bloquant"
            );
            assert!(
                o.text.lines().next().is_some_and(|l| !l.trim().is_empty()),
                "the text starts with its verdict"
            );
            let r = &o.report;
            assert!(
                r.findings.len() <= case.max_findings,
                "the findings kept are capped ({} for a cap of {})",
                r.findings.len(),
                case.max_findings
            );
            assert_eq!(
                r.counts.values().sum::<u64>(),
                r.findings_total,
                "the counts per code add up to the total"
            );
            assert_eq!(
                r.findings_truncated,
                (r.findings.len() as u64) < r.findings_total,
                "truncated exactly when findings are left out"
            );
            assert!(r.chaining.found <= r.current.young_people);
            assert!(r.chaining.via_numanonymant <= r.chaining.found);
            for (file, data) in [(&r.previous, previous), (&r.current, current)] {
                // Continuity reads with the default options.
                let one = Case {
                    data,
                    map_file: None,
                    repair: false,
                    keep_raw: false,
                    limits: LimitOptions::default(),
                    ..case.clone()
                };
                if let Some(rows) = reader_rows(&one) {
                    assert_eq!(file.rows, rows, "each file's rows are the reader's records");
                }
            }
        }
        Err(e) => assert!(!e.message().is_empty(), "an error says what is wrong"),
    }
    if case.chunk != usize::MAX {
        let cut = continuity_run(case, previous, current, case.chunk);
        match (&whole, &cut) {
            (Ok(x), Ok(y)) => {
                assert!(
                    x.json == y.json,
                    "the continuity JSON must not depend on the chunk size ({})",
                    case.chunk
                );
                assert_eq!(x.text, y.text, "the text independent of the chunk size");
                assert_eq!(x.exit_status, y.exit_status);
            }
            (Err(x), Err(y)) => assert_eq!(x, y, "same error whatever the chunk size"),
            (x, y) => panic!(
                "chunk size {} changes the outcome: {:?} vs {:?}",
                case.chunk,
                x.as_ref().map(|_| "ok").map_err(|e| e.code()),
                y.as_ref().map(|_| "ok").map_err(|e| e.code())
            ),
        }
    }
}
