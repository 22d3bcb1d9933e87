//! Generated files against their manifest: the generator plants errors from named spec rules
//! without ever calling the rule engine; the engine must report exactly those (rows, codes,
//! variables) as errors and warnings — no more, no less. Infos are file-level statistics.

use olinpe::engine::{Engine, Options};
use olinpe::finding::Severity;
use olinpe::generate::{generate_to_vec, GenOptions, Sample};
use std::collections::BTreeSet;

type Key = (Option<u64>, String, String);

fn engine_findings(bytes: &[u8], chunk: usize) -> BTreeSet<Key> {
    let opts = Options {
        input_name: "genere.csv".into(),
        max_findings: usize::MAX,
        ..Options::default()
    };
    let mut e = Engine::new(opts, None).expect("options");
    for c in bytes.chunks(chunk) {
        e.push(c).expect("readable");
    }
    let f = e.finish().expect("readable");
    assert_eq!(f.report.findings.len() as u64, f.report.findings_total);
    f.report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| {
            (
                f.row,
                f.code.to_string(),
                f.variable.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn manifest_findings(opts: &GenOptions) -> (Vec<u8>, BTreeSet<Key>) {
    let (bytes, m) = generate_to_vec(opts);
    let set = m
        .planted
        .iter()
        .map(|p| {
            (
                Some(p.row),
                p.code.to_string(),
                p.variable.unwrap_or_default().to_string(),
            )
        })
        .collect();
    (bytes, set)
}

fn assert_equal(opts: &GenOptions) {
    let (bytes, expected) = manifest_findings(opts);
    let got = engine_findings(&bytes, 64 * 1024);
    let missing: Vec<_> = expected.difference(&got).collect();
    let extra: Vec<_> = got.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "seed {}: planted but not found {missing:?}; found but not planted {extra:?}",
        opts.seed
    );
}

#[test]
fn clean_files_give_no_error_or_warning() {
    for seed in [1, 2, 3] {
        let opts = GenOptions {
            rows: 3000,
            seed,
            ..GenOptions::default()
        };
        let (bytes, _) = generate_to_vec(&opts);
        let got = engine_findings(&bytes, 1 << 20);
        assert!(
            got.is_empty(),
            "seed {seed}: {:?}",
            got.iter().take(10).collect::<Vec<_>>()
        );
    }
}

#[test]
fn planted_errors_equal_the_manifest() {
    for seed in [11, 12, 13, 14] {
        assert_equal(&GenOptions {
            rows: 4000,
            seed,
            error_rate: 0.05,
            ..GenOptions::default()
        });
    }
}

#[test]
fn samples_equal_their_manifest_and_block() {
    for s in [Sample::Small, Sample::Medium] {
        let opts = s.options();
        let (bytes, expected) = manifest_findings(&opts);
        let got = engine_findings(&bytes, 7919);
        assert_eq!(got, expected, "sample {s:?}");
        let opts2 = Options {
            input_name: "echantillon.csv".into(),
            ..Options::default()
        };
        let mut e = Engine::new(opts2, None).expect("options");
        e.push(&bytes).expect("readable");
        assert_eq!(
            e.finish().expect("readable").exit_status,
            1,
            "every sample blocks"
        );
    }
}
