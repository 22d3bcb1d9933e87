//! Reader throughput (ignored by default; run in release):
//! `cargo test --release --test tests read_bench:: -- --ignored --nocapture`
//! Optional `OLINPE_BENCH_ROWS` (default 200 000) sets the number of records,
//! `OLINPE_BENCH_ONLY=csv|xml` runs one format.
//! Prints MB/s for CSV and XML inputs of 105 columns, fed in 1 MiB chunks.

use olinpe::finding::Finding;
use olinpe::read::{ReadOptions, Reader, Sink, CODES};
use olinpe::record::Record;
use std::time::Instant;

#[derive(Default)]
struct Count {
    records: u64,
    bytes: u64,
}

impl Sink for Count {
    fn record(&mut self, rec: &Record, findings: &mut Vec<Finding>) {
        self.records += 1;
        self.bytes += rec.get(0).len() as u64;
        findings.clear();
    }
    fn file_finding(&mut self, _f: Finding) {}
}

/// A plausible value for column `i` of row `r`.
fn value(i: usize, r: usize) -> String {
    match CODES[i] {
        "NUMANONYM" | "NUMANONYMANT" => format!("{:040x}", r * 7919),
        "NUMDEP" => "75".into(),
        "ANAIS" | "ANSA1" | "ANSA2" | "ANSMERE" | "ANSPERE" => format!("{}", 1970 + r % 40),
        "MNAIS" => format!("{:02}", 1 + r % 12),
        "AUTREDA" | "AUTREDJ" => String::new(),
        c if c.starts_with("DAT") || c == "NOTIFEVAL" || c == "FINEVAL" => {
            format!("2018-{:02}-{:02}", 1 + r % 12, 1 + r % 28)
        }
        _ => format!("{}", 1 + (r + i) % 9),
    }
}

fn csv(rows: usize) -> Vec<u8> {
    let n = CODES.len() - 1;
    let mut out = CODES[..n].join(";").into_bytes();
    out.push(b'\n');
    for r in 0..rows {
        for i in 0..n {
            if i > 0 {
                out.push(b';');
            }
            out.extend_from_slice(value(i, r).as_bytes());
        }
        out.push(b'\n');
    }
    out
}

fn xml(rows: usize) -> Vec<u8> {
    let n = CODES.len() - 1;
    let mut out = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DECRET><INTRO><VERSIONXSD>2.0</VERSIONXSD><DATEXPORT>2019-01-01</DATEXPORT></INTRO>\n".to_vec();
    for r in 0..rows {
        out.extend_from_slice(b"<DONNEE>");
        for (i, code) in CODES[..n].iter().enumerate() {
            let v = value(i, r);
            if v.is_empty() {
                out.extend_from_slice(format!("<{code}/>").as_bytes());
            } else {
                out.extend_from_slice(format!("<{code}>{v}</{code}>").as_bytes());
            }
        }
        out.extend_from_slice(b"</DONNEE>\n");
    }
    out.extend_from_slice(b"</DECRET>\n");
    out
}

/// csv-core alone over the same bytes: the ceiling of the CSV reader.
fn csv_core_baseline(input: &[u8]) {
    let mut best = f64::MAX;
    for _ in 0..3 {
        best = best.min(csv_core_once(input));
    }
    println!(
        "csv-core alone: {:.0} MB/s",
        input.len() as f64 / 1e6 / best
    );
}

fn csv_core_once(input: &[u8]) -> f64 {
    let start = Instant::now();
    let mut rdr = csv_core::ReaderBuilder::new().delimiter(b';').build();
    let mut out = vec![0u8; 1 << 16];
    let mut ends = vec![0usize; 4096];
    let mut records = 0u64;
    for chunk in input.chunks(1 << 20) {
        let mut rest = chunk;
        while !rest.is_empty() {
            let (res, nin, _, _) = rdr.read_record(rest, &mut out, &mut ends);
            rest = &rest[nin..];
            match res {
                csv_core::ReadRecordResult::Record => records += 1,
                csv_core::ReadRecordResult::InputEmpty => break,
                other => panic!("{other:?}"),
            }
        }
    }
    assert!(records > 0);
    start.elapsed().as_secs_f64()
}

/// Best of three runs (`OLINPE_BENCH_RUNS`) (the machines are shared: the best run is the least disturbed).
fn run(name: &str, input: &[u8], rows: usize) {
    let mut secs = f64::MAX;
    let runs = std::env::var("OLINPE_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    for _ in 0..runs {
        let start = Instant::now();
        let mut reader = Reader::new(ReadOptions::default()).unwrap();
        let mut sink = Count::default();
        for c in input.chunks(1 << 20) {
            reader.push(c, &mut sink).unwrap();
        }
        let info = reader.finish(&mut sink).unwrap();
        secs = secs.min(start.elapsed().as_secs_f64());
        assert_eq!(info.rows, rows as u64);
        assert_eq!(sink.records, rows as u64);
    }
    let mb = input.len() as f64 / 1e6;
    println!(
        "{name}: {rows} records, {mb:.1} MB in {secs:.3} s = {:.0} MB/s, {:.0} records/s",
        mb / secs,
        rows as f64 / secs
    );
}

#[test]
#[ignore]
fn throughput() {
    let rows = std::env::var("OLINPE_BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200_000);
    let only = std::env::var("OLINPE_BENCH_ONLY").unwrap_or_default();
    if only != "xml" {
        let input = csv(rows);
        csv_core_baseline(&input);
        run("CSV", &input, rows);
    }
    if only != "csv" {
        let input = xml(rows);
        run("XML", &input, rows);
    }
}
