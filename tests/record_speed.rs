//! Throughput of the record rules alone (ignored by default; prints records per second):
//! `CARGO_PROFILE_DEV_OPT_LEVEL=3 cargo test --test tests record_speed:: -- --ignored --nocapture`
//! (on a busy machine, read the CPU time: `perf stat -e task-clock` on the test binary with
//! `OLINPE_SPEED_SET=clean` or `mixed`).

use olinpe::dictionary::index_of;
use olinpe::record::Record;
use olinpe::rules::record::{check, EXAMPLE_ADULT, EXAMPLE_MINOR};
use std::time::Instant;

fn rec(base: &[(&str, &str)], changes: &[(&str, &str)]) -> Record {
    let mut r = Record::new();
    for (code, v) in base.iter().chain(changes) {
        if let Some(i) = index_of(code) {
            r.set(i, v);
        }
    }
    r
}

#[test]
#[ignore]
fn record_rules_throughput() {
    // Mostly clean records, some with a few findings, as in a real file.
    let recs = [
        rec(EXAMPLE_MINOR, &[]),
        rec(EXAMPLE_ADULT, &[]),
        rec(
            EXAMPLE_MINOR,
            &[("TYPEV", "2"), ("TRAITINFO", ""), ("CHGLIEU", "1")],
        ),
        rec(EXAMPLE_MINOR, &[("SANTE", ""), ("DATDEB", "2018-05-99")]),
        rec(EXAMPLE_MINOR, &[]),
        rec(EXAMPLE_ADULT, &[("TITAP", "11")]),
        rec(EXAMPLE_MINOR, &[]),
        rec(EXAMPLE_MINOR, &[("NATDECASSED", "15"), ("TYPDECJUD", "5")]),
    ];
    let clean = [rec(EXAMPLE_MINOR, &[]), rec(EXAMPLE_ADULT, &[])];
    let n = 1_000_000;
    let mut out = Vec::new();
    // OLINPE_SPEED_SET=clean or mixed runs one set only (to read its CPU time apart).
    let only = std::env::var("OLINPE_SPEED_SET").ok();
    for (label, set) in [("clean", &clean[..]), ("mixed", &recs[..])] {
        if only.as_deref().is_some_and(|o| o != label) {
            continue;
        }
        let mut total = 0usize;
        let start = Instant::now();
        for k in 0..n {
            check(&set[k % set.len()], &mut out);
            total += out.len();
            out.clear();
        }
        let secs = start.elapsed().as_secs_f64();
        eprintln!(
            "record rules, {label}: {n} records in {secs:.2} s = {:.0} records/s \
             ({total} findings)",
            n as f64 / secs
        );
    }
}
