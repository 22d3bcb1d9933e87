//! The hand-written Olinpe XML fixtures of `tests/fixtures/audit/` run through the engine:
//! every ONPE audit section (docs/spec/OLINPE.md §6.1) must take the expected status and count.

use olinpe::engine::{Engine, Options};
use std::fs;
use std::path::Path;

fn statuses(file: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/audit");
    let bytes = fs::read(dir.join(file)).expect("fixture");
    let opts = Options {
        input_name: file.into(),
        ..Options::default()
    };
    let mut e = Engine::new(opts, None).expect("options");
    for c in bytes.chunks(4096) {
        e.push(c).expect("readable");
    }
    let f = e.finish().expect("readable");
    f.report
        .audit
        .iter()
        .map(|a| format!("{};{};{}", a.section, a.status, a.count))
        .collect()
}

fn expected(file: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/audit");
    fs::read_to_string(dir.join(file))
        .expect("expected statuses")
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_audit_section_fires_on_the_all_sections_fixture() {
    let got = statuses("all-sections.xml");
    assert_eq!(got, expected("expected-status.txt"));
    let non_green: Vec<_> = got.iter().filter(|s| s.contains(";green;")).collect();
    assert!(non_green.is_empty(), "green sections: {non_green:?}");
}

#[test]
fn the_clean_fixture_is_all_green() {
    let got = statuses("clean.xml");
    assert_eq!(got, expected("clean-expected-status.txt"));
    assert!(got.iter().all(|s| s.contains(";green;")), "{got:?}");
}

#[test]
fn all_sections_listed_once_in_order() {
    let got = statuses("clean.xml");
    let ids: Vec<&str> = got.iter().map(|s| &s[..4]).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted);
    assert!(ids.contains(&"0002") && ids.contains(&"0095"));
    assert!(!ids.contains(&"0001") && !ids.contains(&"0006") && !ids.contains(&"0099"));
}
