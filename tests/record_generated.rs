//! The record rules against generated data: a file generated without planted errors gives no
//! error and no warning from the record rules, and with planted errors the record rules find
//! exactly the planted record findings (row, code, variable) — the determinism contract of
//! the generator's manifest, restricted to the codes of the record rules.

use olinpe::engine::{Engine, Options};
use olinpe::finding::{Code, Severity};
use olinpe::generate::{GenOptions, Generator};
use olinpe::rules::registry::RULES;
use std::collections::BTreeSet;

fn record_codes() -> BTreeSet<Code> {
    RULES
        .iter()
        .filter(|r| r.id.starts_with("record."))
        .flat_map(|r| r.codes.iter().copied())
        .collect()
}

type Key = (u64, Code, String);

/// Record-rule findings (error and warning) of a generated file, and the manifest's.
fn run(seed: u64, error_rate: f64) -> (BTreeSet<Key>, BTreeSet<Key>) {
    let codes = record_codes();
    let mut gen = Generator::new(GenOptions {
        rows: 1500,
        seed,
        error_rate,
        ..GenOptions::default()
    });
    let mut bytes = gen.header();
    while !gen.is_done() {
        bytes.extend(gen.write_chunk(500));
    }
    let manifest = gen.into_manifest();
    let opts = Options {
        input_name: "genere.csv".into(),
        max_findings: 1_000_000,
        ..Options::default()
    };
    let mut engine = Engine::new(opts, None).expect("options");
    engine.push(&bytes).expect("readable");
    let finished = engine.finish().expect("readable");
    let got = finished
        .report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info && codes.contains(&f.code))
        .map(|f| {
            (
                f.row.unwrap_or(0),
                f.code,
                f.variable.clone().unwrap_or_default(),
            )
        })
        .collect();
    let planted = manifest
        .planted
        .iter()
        .filter(|p| codes.contains(&p.code))
        .map(|p| (p.row, p.code, p.variable.unwrap_or("").to_owned()))
        .collect();
    (got, planted)
}

#[test]
fn clean_generated_files_give_no_record_finding() {
    for seed in 1..=4 {
        let (got, _) = run(seed, 0.0);
        assert!(got.is_empty(), "seed {seed}: {got:?}");
    }
}

#[test]
fn planted_record_errors_are_found_exactly() {
    for seed in [11, 12] {
        let (got, planted) = run(seed, 0.3);
        let missing: Vec<_> = planted.difference(&got).collect();
        let extra: Vec<_> = got.difference(&planted).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "seed {seed}: planted but not found {missing:?}; found but not planted {extra:?}"
        );
    }
}
