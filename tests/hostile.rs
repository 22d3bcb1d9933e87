//! Hostile and broken inputs through the command-line binary (issue 6): every case of
//! `tests/hostile/cases.tsv` is run with a timeout while its peak memory is watched, and must
//! give its expected exit status (never a panic, never a signal), a French message naming the
//! problem (and the line where relevant), the expected record count and finding, and no
//! identity value or marker string in any output. Then every input of the corpus, readable or
//! not, is pseudonymised and re-hashed with the dummy key: nothing is lost (rows read = rows
//! written + rows rejected, each rejected row listed with its reason), and an unreadable input
//! leaves no output file behind.
//!
//! Big inputs (20 MB line, 10 000 columns, deep XML) and the external-entity file (which needs
//! an absolute path) are generated here into a temporary folder, so the repository stays small.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_olinpe");
/// Wall-clock bound of one run (debug binary, loaded 2-core machine).
const TIMEOUT: Duration = Duration::from_secs(90);
/// Peak resident memory bound of one run.
const MAX_RSS_KB: u64 = 256 * 1024;
/// Every marker string planted in the corpus contains this (case-insensitive).
const MARKER: &str = "marqueur";
/// Dummy key only (docs/spec/OLINPE.md §3.3).
const KEY: &str = "CLE_DE_TEST";

fn hostile_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

/// A scratch folder removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let p = std::env::temp_dir().join(format!(
            "olinpe-hostile-{}-{}-{}",
            std::process::id(),
            tag,
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = fs::remove_dir_all(&p);
        fs::create_dir_all(&p).expect("scratch folder");
        Scratch(p)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

// ---------------------------------------------------------------------------------------
// Generated inputs

const HEADER: &str =
    "NUMDEP;NUMANONYM;NUMANONYMANT;TYPEV;SEXE;ANAIS;MNAIS;DECISION;NATPDECADM;AUTREDA;DATDECPE;DATDEB";

/// Columns added to [`HEADER`] where a file needs at least 20 (a total under it is then not
/// a record: issue 15).
const WIDER: &str =
    ";ACCFAM;ACCMOD;ALLOC;ANSA1;ANSA2;ANSMERE;ANSPERE;AUTREDJ;AUTREHEBER;AUTRLIEUACC";

fn row(i: usize, autreda: &str) -> String {
    let id = format!("{:040x}", 0xabcdef_u64 + i as u64);
    format!("75;{id};{id};1;1;2010;05;1;18;{autreda};2018-03-01;2018-03-15")
}

fn xml_record(i: usize, autreda: &str) -> String {
    let id = format!("{:040x}", 0xabcdef_u64 + i as u64);
    format!(
        "<DONNEE><ANAIS>2010</ANAIS><AUTREDA>{autreda}</AUTREDA><DATDEB>2018-03-15</DATDEB>\
         <DATDECPE>2018-03-01</DATDECPE><DECISION>1</DECISION><MNAIS>05</MNAIS>\
         <NATPDECADM>18</NATPDECADM><NUMANONYM>{id}</NUMANONYM><NUMANONYMANT>{id}</NUMANONYMANT>\
         <NUMDEP>75</NUMDEP><SEXE>1</SEXE><TYPEV>1</TYPEV></DONNEE>"
    )
}

/// Deterministic pseudo-random bytes (xorshift), with NUL bytes.
fn noise(n: usize, mut s: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        out.extend_from_slice(&s.to_le_bytes());
    }
    out.truncate(n);
    out
}

/// Writes the generated input `name` into `dir` and returns its path.
fn generate(name: &str, dir: &Path) -> PathBuf {
    let path = dir.join(name);
    let bytes: Vec<u8> = match name {
        "binaire.dat" => {
            let mut b = noise(4096, 0x9e37_79b9_7f4a_7c15);
            b[10] = 0;
            b
        }
        "guillemet-non-ferme-long.csv" => {
            // Record 2 (line 3) opens a quote that swallows 100 000 lines.
            let mut s = format!("{HEADER}\n{}\n{}\n", row(0, "x"), row(1, "\"Aide"));
            for i in 0..100_000 {
                s.push_str(&row(i + 2, "x"));
                s.push('\n');
            }
            s.into_bytes()
        }
        "ligne-unique-20-mo.csv" => {
            let mut s = format!("{HEADER}\n");
            s.push_str(&row(0, &"A".repeat(20 * 1024 * 1024)));
            s.push('\n');
            s.into_bytes()
        }
        "colonnes-10000.csv" => {
            let cols: Vec<String> = (0..10_000).map(|i| format!("COL{i}")).collect();
            let vals: Vec<&str> = (0..10_000).map(|_| "1").collect();
            format!("{}\n{}\n", cols.join(";"), vals.join(";")).into_bytes()
        }
        "nul-au-milieu.csv" => {
            // 59 records (lines 2–60), then a NUL on line 61, far past the first KiB.
            let mut s = format!("{HEADER}\n");
            for i in 0..59 {
                s.push_str(&row(i, "Aide ponctuelle"));
                s.push('\n');
            }
            let mut b = s.into_bytes();
            b.extend_from_slice(row(59, "Aide\0ponctuelle").as_bytes());
            b.push(b'\n');
            b
        }
        "xml-entite-externe.xml" => {
            // The entity points to a local file holding a marker: it must never be read.
            let secret = dir.join("secret-local.txt");
            fs::write(&secret, "MARQUEUR-SECRET-FICHIER-LOCAL-91d2\n").expect("secret file");
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                 <!DOCTYPE DECRET [\n  <!ENTITY secret SYSTEM \"file://{}\">\n]>\n\
                 <DECRET><INTRO><VERSIONXSD>2.0</VERSIONXSD><DATEXPORT>2019-03-01</DATEXPORT></INTRO>\n\
                 {}\n{}\n</DECRET>\n",
                secret.display(),
                xml_record(0, "&secret;"),
                xml_record(1, "Aide ponctuelle"),
            )
            .into_bytes()
        }
        "xml-imbrication-profonde.xml" => {
            let mut s = String::from(
                "<?xml version=\"1.0\"?>\n<DECRET><INTRO><VERSIONXSD>2.0</VERSIONXSD></INTRO><DONNEE>",
            );
            for _ in 0..100_000 {
                s.push_str("<A>");
            }
            s.into_bytes()
        }
        // Issue 15: workbooks, and exports from reporting tools.
        name if name.ends_with(".xlsx") || name.ends_with(".ods") => workbook(name),
        "export-titre-total.csv" => {
            // A header of 22 columns (a count under fewer than 20 would be a record).
            let mut s =
                format!("Export Olinpe 2018 - MARQUEUR du titre;;;\n;;;\n{HEADER}{WIDER}\n");
            for i in 0..3 {
                s.push_str(&row(i, "Aide ponctuelle"));
                s.push_str(&";".repeat(WIDER.matches(';').count()));
                s.push('\n');
            }
            s.push_str("Nombre de lignes : 3\n");
            s.into_bytes()
        }
        "dates-avec-heure.csv" => {
            let mut s = format!("{HEADER}\n");
            s.push_str(&row(0, "Aide ponctuelle").replace("2018-03-15", "2018-03-15 00:00:00"));
            s.push('\n');
            s.push_str(&row(1, "Aide ponctuelle").replace("2018-03-15", "15/03/2018 10:30"));
            s.push('\n');
            s.into_bytes()
        }
        other => panic!("unknown generated input {other}"),
    };
    fs::write(&path, bytes).expect("generated input");
    path
}

/// The hostile workbooks of issue 15 (built with the spreadsheet tests' builders).
fn workbook(name: &str) -> Vec<u8> {
    use crate::sheet_build::{is, n, ods, ole2, orow, ot, row as xrow, table, zip_of, Xlsx};
    let wide = format!("{HEADER}{WIDER}");
    let header: Vec<&str> = wide.split(';').collect();
    let header_row = |r: u32| {
        let cells: Vec<String> = header
            .iter()
            .enumerate()
            .map(|(j, h)| is(j as u32, r, h))
            .collect();
        xrow(r, &cells)
    };
    let data_row = |r: u32, i: usize| {
        let cells: Vec<String> = row(i, "Aide ponctuelle")
            .split(';')
            .enumerate()
            .map(|(j, v)| is(j as u32, r, v))
            .collect();
        xrow(r, &cells)
    };
    match name {
        // A real XLSX with a title, two records and a count below them.
        "classeur-titre-total.xlsx" => {
            let rows = [
                xrow(1, &[is(0, 1, "Export Olinpe 2018 - MARQUEUR du titre")]),
                header_row(3),
                data_row(4, 0),
                data_row(5, 1),
                xrow(6, &[is(0, 6, "Nombre de lignes : 2")]),
            ];
            Xlsx::new().sheet("Export", &rows.concat()).build()
        }
        // The same as ODS.
        "classeur.ods" => {
            let mut rows = vec![orow(&header.iter().map(|h| ot(h)).collect::<Vec<_>>())];
            for i in 0..2 {
                rows.push(orow(
                    &row(i, "Aide ponctuelle")
                        .split(';')
                        .map(ot)
                        .collect::<Vec<_>>(),
                ));
            }
            ods(&table("Export", &rows.concat()))
        }
        // A zip bomb: a 40 MiB sheet of spaces, compressed about a thousand times.
        "classeur-bombe.xlsx" => {
            let mut x = Xlsx::new().sheet("Export", &header_row(1));
            x.extra
                .push(("xl/worksheets/bourrage.xml".into(), vec![b' '; 40 << 20]));
            x.build()
        }
        // A shared-strings table past the per-part cap (32 MiB), of strings that do not
        // compress to a bomb.
        "classeur-textes-partages-enormes.xlsx" => {
            let strings: Vec<String> = (0..1_400_000u64)
                .map(|i| format!("{:016x}", i.wrapping_mul(0x9e37_79b9_7f4a_7c15)))
                .collect();
            let refs: Vec<&str> = strings.iter().map(String::as_str).collect();
            Xlsx::new()
                .shared(&refs)
                .sheet("Export", &header_row(1))
                .build()
        }
        // Office's password-protected XLSX: an OLE2 container with an encrypted package.
        "classeur-chiffre.xlsx" => ole2("EncryptedPackage"),
        // A value in the 16 384th column (XFD), the spreadsheets' last.
        "classeur-16384-colonnes.xlsx" => {
            let rows = [header_row(1), xrow(2, &[n(0, 2, "75"), n(16_383, 2, "1")])];
            Xlsx::new().sheet("Export", &rows.concat()).build()
        }
        // A workbook without any worksheet (a chart sheet only).
        "classeur-sans-feuille.xlsx" => Xlsx::new().chart_sheet("Graphique").build(),
        // A CSV saved under a workbook's name.
        "csv-renomme.xlsx" => format!("{HEADER}\n{}\n{}\n", row(0, "x"), row(1, "y")).into_bytes(),
        // A Word document saved under a workbook's name.
        "document-word-renomme.xlsx" => zip_of(&[
            ("[Content_Types].xml", b"<Types/>", true),
            ("word/document.xml", b"<w:document/>", true),
        ]),
        other => panic!("unknown generated workbook {other}"),
    }
}

// ---------------------------------------------------------------------------------------
// Running the binary

/// What one run of the binary did.
struct Outcome {
    code: Option<i32>,
    signal: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
    elapsed: Duration,
    peak_kb: u64,
}

fn vm_hwm_kb(pid: u32) -> Option<u64> {
    let s = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs the binary with `args`, a timeout, and its peak memory watched.
fn run(args: &[&str], env: &[(&str, &str)]) -> Outcome {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("OLINPE_KEY")
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let start = Instant::now();
    let mut child = cmd.spawn().expect("the olinpe binary starts");
    let pid = child.id();
    // Drain the pipes in threads so a chatty child never blocks on a full pipe.
    let mut out_pipe = child.stdout.take().expect("stdout");
    let mut err_pipe = child.stderr.take().expect("stderr");
    let out_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out_pipe.read_to_end(&mut b);
        b
    });
    let err_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err_pipe.read_to_end(&mut b);
        b
    });
    let mut peak = 0;
    let status = loop {
        if let Some(kb) = vm_hwm_kb(pid) {
            peak = peak.max(kb);
        }
        if let Some(st) = child.try_wait().expect("wait") {
            break st;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("olinpe {args:?} still running after {TIMEOUT:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(3));
    };
    let elapsed = start.elapsed();
    let stdout = out_t.join().unwrap_or_default();
    let stderr = String::from_utf8_lossy(&err_t.join().unwrap_or_default()).into_owned();
    Outcome {
        code: status.code(),
        signal: status.signal(),
        stdout,
        stderr,
        elapsed,
        peak_kb: peak,
    }
}

/// Every file under `dir` (recursively), with its bytes.
fn files_in(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_in(&p));
            } else if let Ok(b) = fs::read(&p) {
                out.push((p, b));
            }
        }
    }
    out.sort();
    out
}

fn contains_ci(hay: &[u8], needle: &str) -> bool {
    let hay = String::from_utf8_lossy(hay).to_lowercase();
    hay.contains(&needle.to_lowercase())
}

/// The checks every run gets: no panic, no signal, time and memory bounded, a clean stderr.
fn sane(what: &str, o: &Outcome, problems: &mut Vec<String>) {
    if let Some(sig) = o.signal {
        problems.push(format!("{what}: killed by signal {sig}"));
    }
    if o.code == Some(101) || o.stderr.contains("panicked") || o.stderr.contains("RUST_BACKTRACE") {
        problems.push(format!("{what}: panic: {}", o.stderr));
    }
    if !matches!(o.code, Some(0..=2)) {
        problems.push(format!("{what}: exit status {:?} outside 0, 1, 2", o.code));
    }
    if o.code == Some(2) {
        let lines = o.stderr.lines().filter(|l| !l.trim().is_empty()).count();
        if lines == 0 || lines > 2 {
            problems.push(format!(
                "{what}: exit 2 needs one or two French lines on stderr, got {lines}: {}",
                o.stderr
            ));
        }
    }
    if o.peak_kb > MAX_RSS_KB {
        problems.push(format!(
            "{what}: peak memory {} kB > {MAX_RSS_KB} kB",
            o.peak_kb
        ));
    }
    if o.elapsed > TIMEOUT {
        problems.push(format!("{what}: took {:?}", o.elapsed));
    }
}

// ---------------------------------------------------------------------------------------
// Commands

struct Ran {
    outcome: Outcome,
    /// Output files, by name.
    outputs: Vec<(PathBuf, Vec<u8>)>,
    /// The report JSON (check: stdout; pseudonymise: NAME-rapport.json), when produced.
    report: Option<serde_json::Value>,
    /// Receipt JSON (pseudonymise: NAME-recu.json; rehash: OUT-recu.json).
    receipt: Option<serde_json::Value>,
}

fn key_file(dir: &Path) -> PathBuf {
    let p = dir.join("cle.txt");
    fs::write(&p, format!("{KEY}\n")).expect("key file");
    p
}

fn run_command(command: &str, input: &Path, work: &Path) -> Ran {
    let input_s = input.to_str().expect("utf-8 path");
    let out = work.join("sorties");
    fs::create_dir_all(&out).expect("output folder");
    let key = key_file(work);
    let key_s = key.to_str().expect("utf-8 path");
    match command {
        "check" => {
            let csv = out.join("constats.csv");
            let o = run(
                &[
                    "check",
                    input_s,
                    "--format",
                    "json",
                    "--findings-csv",
                    csv.to_str().expect("utf-8 path"),
                ],
                &[],
            );
            let report = serde_json::from_slice(&o.stdout).ok();
            Ran {
                outputs: files_in(&out),
                outcome: o,
                report,
                receipt: None,
            }
        }
        "pseudonymise" => {
            let o = run(
                &[
                    "pseudonymise",
                    input_s,
                    "--key-file",
                    key_s,
                    "--date-export",
                    "2019-03-01",
                    "--out-dir",
                    out.to_str().expect("utf-8 path"),
                ],
                &[],
            );
            let outputs = files_in(&out);
            let find = |suffix: &str| {
                outputs
                    .iter()
                    .find(|(p, _)| p.to_string_lossy().ends_with(suffix))
                    .and_then(|(_, b)| serde_json::from_slice(b).ok())
            };
            Ran {
                report: find("-rapport.json"),
                receipt: find("-recu.json"),
                outputs,
                outcome: o,
            }
        }
        "rehash" => {
            let ext = input.extension().and_then(|e| e.to_str()).unwrap_or("csv");
            let target = out.join(format!("rehache.{ext}"));
            let o = run(
                &[
                    "rehash",
                    input_s,
                    "--key-file",
                    key_s,
                    "--out",
                    target.to_str().expect("utf-8 path"),
                ],
                &[],
            );
            let outputs = files_in(&out);
            let receipt = outputs
                .iter()
                .find(|(p, _)| p.to_string_lossy().ends_with("-recu.json"))
                .and_then(|(_, b)| serde_json::from_slice(b).ok());
            Ran {
                report: None,
                receipt,
                outputs,
                outcome: o,
            }
        }
        other => panic!("unknown command {other} in cases.tsv"),
    }
}

// ---------------------------------------------------------------------------------------
// The table

#[derive(Debug, Clone)]
struct Case {
    line: usize,
    file: String,
    command: String,
    exit: i32,
    keywords: Vec<String>,
    rows: Option<u64>,
    finding: Option<(String, Option<u64>)>,
}

fn cases() -> Vec<Case> {
    let text = fs::read_to_string(hostile_dir().join("cases.tsv")).expect("cases.tsv");
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate() {
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let c: Vec<&str> = l.split('\t').collect();
        assert_eq!(
            c.len(),
            6,
            "cases.tsv line {}: 6 tab-separated columns",
            i + 1
        );
        let dash = |s: &str| (s != "-").then(|| s.to_string());
        out.push(Case {
            line: i + 1,
            file: c[0].to_string(),
            command: c[1].to_string(),
            exit: c[2].parse().expect("exit status"),
            keywords: dash(c[3])
                .map(|k| k.split(" ; ").map(str::to_string).collect())
                .unwrap_or_default(),
            rows: dash(c[4]).map(|r| r.parse().expect("rows")),
            finding: dash(c[5]).map(|f| match f.split_once('@') {
                Some((code, line)) => (code.to_string(), Some(line.parse().expect("line"))),
                None => (f, None),
            }),
        });
    }
    out
}

/// The path of a case's input, generating it when needed.
fn input_path(file: &str, gen_dir: &Path) -> PathBuf {
    match file.strip_prefix("gen:") {
        Some(name) => {
            let p = gen_dir.join(name);
            if p.exists() {
                p
            } else {
                generate(name, gen_dir)
            }
        }
        None => hostile_dir().join(file),
    }
}

fn findings(report: &serde_json::Value) -> Vec<(String, Option<u64>)> {
    report["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["code"].as_str().unwrap_or("").to_string(),
                        f["line"].as_u64(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn check_case(case: &Case, gen_dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let what = format!("cases.tsv:{} {} {}", case.line, case.command, case.file);
    let input = input_path(&case.file, gen_dir);
    let work = Scratch::new("case");
    let ran = run_command(&case.command, &input, &work.0);
    let o = &ran.outcome;
    sane(&what, o, &mut problems);
    if o.code != Some(case.exit) {
        problems.push(format!(
            "{what}: exit {:?}, expected {} — stderr: {}",
            o.code,
            case.exit,
            o.stderr.trim()
        ));
    }
    // Where the words must be: stderr for an unreadable input, otherwise anywhere the person
    // reads (stderr, stdout, report, receipt text, findings CSV).
    let mut readable: Vec<u8> = o.stderr.clone().into_bytes();
    if case.exit != 2 {
        readable.extend_from_slice(&o.stdout);
        for (_, b) in &ran.outputs {
            readable.extend_from_slice(b);
        }
    }
    for k in &case.keywords {
        if !contains_ci(&readable, k) {
            problems.push(format!(
                "{what}: the message must contain « {k} » — stderr: {}",
                o.stderr.trim()
            ));
        }
    }
    if let Some(rows) = case.rows {
        // rehash has no report: its receipt counts the rows read.
        let got = match &ran.report {
            Some(r) => r["input"]["rows"].as_u64(),
            None => ran
                .receipt
                .as_ref()
                .and_then(|r| r["rows"]["read"].as_u64()),
        };
        if got != Some(rows) {
            problems.push(format!("{what}: input.rows {got:?}, expected {rows}"));
        }
    }
    if let Some((code, line)) = &case.finding {
        let all = ran.report.as_ref().map(findings).unwrap_or_default();
        let hit = all
            .iter()
            .any(|(c, l)| c == code && (line.is_none() || l == line));
        if !hit {
            problems.push(format!(
                "{what}: expected finding {code}{} among {all:?}",
                line.map(|l| format!(" on line {l}")).unwrap_or_default()
            ));
        }
    }
    no_marker(&what, &ran, &mut problems);
    problems
}

/// No identity value and no planted marker in any output, stdout or stderr.
fn no_marker(what: &str, ran: &Ran, problems: &mut Vec<String>) {
    let o = &ran.outcome;
    if contains_ci(&o.stdout, MARKER) || contains_ci(o.stderr.as_bytes(), MARKER) {
        problems.push(format!("{what}: a marker string reached stdout or stderr"));
    }
    for (p, b) in &ran.outputs {
        if contains_ci(b, MARKER) {
            problems.push(format!(
                "{what}: a marker string reached {}",
                p.file_name().unwrap_or_default().to_string_lossy()
            ));
        }
    }
}

/// Runs `f` over `items` on two threads (the machines have two cores).
fn par<T: Sync>(items: &[T], f: impl Fn(&T) -> Vec<String> + Sync) -> Vec<String> {
    let next = AtomicUsize::new(0);
    let problems = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(item) = items.get(i) else { break };
                let p = f(item);
                problems.lock().expect("lock").extend(p);
            });
        }
    });
    problems.into_inner().expect("lock")
}

#[test]
fn every_hostile_case_gives_its_expected_outcome() {
    let gen = Scratch::new("gen");
    let cases = cases();
    assert!(cases.len() >= 30, "the table lists the hostile cases");
    // Generate first (two threads must not write the same file).
    for c in &cases {
        input_path(&c.file, &gen.0);
    }
    let problems = par(&cases, |c| check_case(c, &gen.0));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every input of the corpus (committed and generated), through check, pseudonymise and
/// rehash: nothing lost, and an unreadable input is unreadable in every mode and leaves no
/// output behind.
#[test]
fn nothing_is_lost_in_any_mode() {
    let gen = Scratch::new("gen");
    let mut inputs: BTreeMap<String, PathBuf> = BTreeMap::new();
    for c in cases() {
        inputs.insert(c.file.clone(), input_path(&c.file, &gen.0));
    }
    for (p, _) in files_in(&hostile_dir().join("files")) {
        inputs.insert(p.display().to_string(), p);
    }
    let inputs: Vec<(String, PathBuf)> = inputs.into_iter().collect();
    let problems = par(&inputs, |(name, path)| {
        let mut problems = Vec::new();
        let work = Scratch::new("all");
        let check = run_command("check", path, &work.0);
        sane(&format!("check {name}"), &check.outcome, &mut problems);
        let readable = check.outcome.code != Some(2);
        let rows = check
            .report
            .as_ref()
            .and_then(|r| r["input"]["rows"].as_u64());
        for command in ["pseudonymise", "rehash"] {
            let what = format!("{command} {name}");
            let work = Scratch::new("all");
            let ran = run_command(command, path, &work.0);
            sane(&what, &ran.outcome, &mut problems);
            no_marker(&what, &ran, &mut problems);
            if !readable {
                if ran.outcome.code != Some(2) {
                    problems.push(format!(
                        "{what}: check says unreadable, {command} exits {:?}",
                        ran.outcome.code
                    ));
                }
                if !ran.outputs.is_empty() {
                    problems.push(format!(
                        "{what}: an unreadable input left files: {:?}",
                        ran.outputs
                            .iter()
                            .map(|(p, _)| p.file_name())
                            .collect::<Vec<_>>()
                    ));
                }
                continue;
            }
            // Pseudonymise refuses, before any output, an input already pseudonymised or
            // without the identity columns it needs (docs/spec/OLINPE.md §0.1).
            let refused = command == "pseudonymise"
                && ran.outcome.code == Some(2)
                && (ran.outcome.stderr.contains("déjà pseudonymisé")
                    || ran
                        .outcome
                        .stderr
                        .contains("Colonne(s) d'identité absente(s)"));
            if refused {
                if !ran.outputs.is_empty() {
                    problems.push(format!("{what}: refused, but left files behind"));
                }
                continue;
            }
            let Some(receipt) = &ran.receipt else {
                problems.push(format!(
                    "{what}: no receipt (exit {:?}: {})",
                    ran.outcome.code,
                    ran.outcome.stderr.trim()
                ));
                continue;
            };
            let n = |k: &str| receipt["rows"][k].as_u64();
            let (Some(read), Some(written), Some(rejected)) =
                (n("read"), n("written"), n("rejected"))
            else {
                problems.push(format!(
                    "{what}: receipt without rows.read/written/rejected"
                ));
                continue;
            };
            if read != written + rejected {
                problems.push(format!(
                    "{what}: rows read {read} ≠ written {written} + rejected {rejected}"
                ));
            }
            if Some(read) != rows {
                problems.push(format!(
                    "{what}: rows read {read}, but check counted {rows:?} records"
                ));
            }
            if command == "pseudonymise" {
                let list = receipt["rejected"].as_array().cloned().unwrap_or_default();
                if list.len() as u64 != rejected {
                    problems.push(format!(
                        "{what}: {rejected} rejected rows but {} listed",
                        list.len()
                    ));
                }
                for r in &list {
                    let reason = r["reason"].as_str().unwrap_or("");
                    if r["row"].as_u64().is_none() || reason.trim().is_empty() {
                        problems.push(format!("{what}: rejected row without row or reason: {r}"));
                    }
                }
            }
        }
        problems
    });
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_table_is_well_formed_and_covers_the_issue() {
    let cases = cases();
    for c in &cases {
        assert!(
            matches!(c.command.as_str(), "check" | "pseudonymise" | "rehash"),
            "cases.tsv:{}: command",
            c.line
        );
        assert!((0..=2).contains(&c.exit), "cases.tsv:{}: exit", c.line);
        if let Some(f) = c.file.strip_prefix("files/") {
            assert!(
                hostile_dir().join("files").join(f).exists(),
                "cases.tsv:{}: missing file {f}",
                c.line
            );
        }
        if c.exit == 2 {
            assert!(
                !c.keywords.is_empty(),
                "cases.tsv:{}: an unreadable input needs the word its message must contain",
                c.line
            );
        }
    }
    // The kinds of hostile input issue 6 lists, each present at least once.
    for needle in [
        "vide",
        "entete-seul",
        "binaire",
        "xlsx",
        "utf16le-bom",
        "utf16le-sans-bom",
        "utf8-invalide",
        "fins-de-ligne",
        "guillemet-non-ferme",
        "20-mo",
        "colonnes-10000",
        "entete-duplique",
        "espaces-accents",
        "champs-en-trop",
        "nul-",
        "entite-externe",
        "imbrication-profonde",
        "xml-tronque",
        "bombe",
        "non-olinpe",
        "2011",
        // Issue 15.
        "classeur-bombe",
        "textes-partages-enormes",
        "classeur-chiffre",
        "16384-colonnes",
        "sans-feuille",
        "csv-renomme.xlsx",
        "classeur-xlsx-renomme.csv",
        "export-titre-total",
        "dates-avec-heure",
    ] {
        assert!(
            cases.iter().any(|c| c.file.contains(needle)),
            "no hostile case for {needle}"
        );
    }
}

#[test]
fn generated_inputs_are_what_they_claim() {
    let gen = Scratch::new("gen-self");
    let long = fs::read(generate("ligne-unique-20-mo.csv", &gen.0)).expect("read");
    assert!(long.len() > 20 * 1024 * 1024);
    assert_eq!(long.iter().filter(|&&b| b == b'\n').count(), 2);
    let cols = fs::read_to_string(generate("colonnes-10000.csv", &gen.0)).expect("read");
    assert_eq!(
        cols.lines().next().map(|l| l.split(';').count()),
        Some(10_000)
    );
    let nul = fs::read(generate("nul-au-milieu.csv", &gen.0)).expect("read");
    let pos = nul.iter().position(|&b| b == 0).expect("a NUL byte");
    assert!(pos > 1024, "the NUL byte sits past the first KiB");
    assert_eq!(nul[..pos].iter().filter(|&&b| b == b'\n').count(), 60);
    let ext = fs::read_to_string(generate("xml-entite-externe.xml", &gen.0)).expect("read");
    assert!(ext.contains("SYSTEM \"file:///"));
    let secret = fs::read_to_string(gen.0.join("secret-local.txt")).expect("secret");
    assert!(secret.to_lowercase().contains(MARKER));
    let bin = fs::read(generate("binaire.dat", &gen.0)).expect("read");
    assert!(bin.contains(&0));
}
