//! Engine invariants: outputs do not depend on how the input is cut into chunks; the findings
//! CSV lists every finding (its counts equal the report's exact counts); row accounting holds.

use olinpe::engine::{Engine, FindingsCsvPass, Mode, Options, OutputFile};
use olinpe::generate::{generate_to_vec, GenOptions};
use olinpe::pseudo::Key;
use std::collections::BTreeMap;

fn key() -> Key {
    Key::from_env_value("CLE_DE_TEST").expect("dummy key")
}

/// Runs pass 1 and pass 2 with `chunk`; returns every output by name.
fn run(bytes: &[u8], opts: &Options, chunk: usize) -> BTreeMap<String, Vec<u8>> {
    run_with(bytes, opts, chunk, false)
}

/// [`run`], with the record rules on a second thread when `threaded`.
fn run_with(
    bytes: &[u8],
    opts: &Options,
    chunk: usize,
    threaded: bool,
) -> BTreeMap<String, Vec<u8>> {
    let k = (opts.mode != Mode::Check).then(key);
    let mut e = Engine::new(opts.clone(), k.clone()).expect("options");
    if threaded {
        e = e.use_rules_thread();
    }
    let mut out: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for c in bytes.chunks(chunk) {
        e.push(c).expect("readable");
        for o in e.drain_output() {
            out.entry(format!("{:?}", o.file))
                .or_default()
                .extend(o.bytes);
        }
    }
    let f = e.finish().expect("readable");
    for o in &f.outputs {
        out.entry(format!("{:?}", o.file))
            .or_default()
            .extend(o.bytes.clone());
    }
    if opts.mode == Mode::Check {
        assert_eq!(f.report.input.rows, f.rows.read);
    } else {
        assert_eq!(
            f.rows.read,
            f.rows.written + f.rows.rejected,
            "row accounting"
        );
    }
    out.insert("report".into(), f.report_json.clone());
    let mut pass = FindingsCsvPass::new(opts.clone(), k, f.plan.clone()).expect("pass 2");
    if threaded {
        pass = pass.use_rules_thread();
    }
    let mut csv = Vec::new();
    for c in bytes.chunks(chunk) {
        csv.extend(pass.push(c).expect("readable"));
    }
    csv.extend(pass.finish().expect("readable"));
    // Every finding is in the CSV: counts per code equal the report's exact counts (an
    // information code on most records is one file-level line that gives its count).
    let text = String::from_utf8(csv.clone()).expect("UTF-8");
    let mut per_code: BTreeMap<String, u64> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.splitn(8, ';').collect();
        let code = cols[3];
        let n = match cols[7].strip_prefix("Constat présent sur ") {
            Some(rest) if cols[0].is_empty() => rest
                .split(' ')
                .next()
                .and_then(|n| n.parse().ok())
                .expect("a count"),
            _ => 1,
        };
        *per_code.entry(code.to_string()).or_default() += n;
    }
    let expected: BTreeMap<String, u64> = f
        .report
        .counts
        .iter()
        .map(|(k, v)| (k.to_string(), *v))
        .collect();
    assert_eq!(per_code, expected, "findings CSV counts vs report counts");
    out.insert(format!("{:?}", OutputFile::FindingsCsv), csv);
    out
}

#[test]
fn check_outputs_do_not_depend_on_chunking() {
    let (bytes, _) = generate_to_vec(&GenOptions {
        rows: 400,
        seed: 5,
        error_rate: 0.2,
        ..GenOptions::default()
    });
    let opts = Options {
        input_name: "g.csv".into(),
        max_findings: 50,
        ..Options::default()
    };
    let whole = run(&bytes, &opts, bytes.len());
    for chunk in [1, 3, 64, 4096] {
        assert_eq!(run(&bytes, &opts, chunk), whole, "chunk {chunk}");
    }
}

#[test]
fn pseudonymise_outputs_do_not_depend_on_chunking() {
    let (bytes, _) = generate_to_vec(&GenOptions {
        rows: 300,
        seed: 6,
        error_rate: 0.1,
        nominative: true,
        ..GenOptions::default()
    });
    let opts = Options {
        mode: Mode::Pseudonymise,
        input_name: "n.csv".into(),
        date_export: Some("2019-03-01".into()),
        ..Options::default()
    };
    let whole = run(&bytes, &opts, bytes.len());
    assert!(whole.contains_key("TransmissionXml") && whole.contains_key("TransmissionCsv"));
    for chunk in [1, 17, 8192] {
        assert_eq!(run(&bytes, &opts, chunk), whole, "chunk {chunk}");
    }
}

#[test]
fn rehash_outputs_do_not_depend_on_chunking() {
    let (bytes, _) = generate_to_vec(&GenOptions {
        rows: 200,
        seed: 8,
        ..GenOptions::default()
    });
    let opts = Options {
        mode: Mode::Rehash,
        input_name: "r.csv".into(),
        ..Options::default()
    };
    let whole = run(&bytes, &opts, bytes.len());
    assert!(whole.contains_key("Rehashed"));
    for chunk in [1, 999] {
        assert_eq!(run(&bytes, &opts, chunk), whole, "chunk {chunk}");
    }
}

/// The record rules on a second thread (the command line's check) give the same bytes as on
/// one thread: report, repaired file, findings CSV — whatever the chunking, on a file long
/// enough to fill the pipeline several times over.
#[test]
fn check_outputs_do_not_depend_on_the_rules_thread() {
    let (bytes, _) = generate_to_vec(&GenOptions {
        rows: 6000,
        seed: 12,
        error_rate: 0.3,
        ..GenOptions::default()
    });
    // Spreadsheet damage (dates as JJ/MM/AAAA on 50 rows) so that --repair repairs.
    let text = String::from_utf8(bytes).expect("UTF-8");
    let mut damaged = String::new();
    for (n, line) in text.lines().enumerate() {
        let fields: Vec<String> = line
            .split(';')
            .map(|f| match f.as_bytes() {
                [_, _, _, _, b'-', _, _, b'-', _, _] if n % 100 == 1 && !f.contains('9') => {
                    format!("{}/{}/{}", &f[8..10], &f[5..7], &f[0..4])
                }
                _ => f.to_string(),
            })
            .collect();
        damaged.push_str(&fields.join(";"));
        damaged.push('\n');
    }
    assert!(damaged.contains('/'));
    let damaged = damaged.into_bytes();
    for repair in [false, true] {
        let opts = Options {
            input_name: "g.csv".into(),
            max_findings: 300,
            repair,
            ..Options::default()
        };
        let one = run_with(&damaged, &opts, 1 << 16, false);
        assert!(one.len() >= 2 + usize::from(repair), "{:?}", one.keys());
        let report = String::from_utf8_lossy(&one["report"]);
        let code = if repair {
            "value-repaired"
        } else {
            "date-format-repairable"
        };
        assert!(report.contains(code), "{code}");
        for chunk in [7, 4096, damaged.len()] {
            assert_eq!(run_with(&damaged, &opts, chunk, true), one, "chunk {chunk}");
        }
    }
}
