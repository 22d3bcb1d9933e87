//! The hand-written Olinpe XML fixtures of `tests/fixtures/audit/` run through the engine:
//! every ONPE audit section (docs/spec/OLINPE.md §6.1) must take the expected status, count,
//! `onpe_count` (ONPE's own count where its rule differs, §0.2) and "analysis impossible".

use olinpe::engine::{Engine, Options};
use olinpe::report::Report;
use std::fs;
use std::path::Path;

fn report(file: &str) -> Report {
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
    e.finish().expect("readable").report
}

/// `section;status;count;onpe_count;analysis_impossible` for every section.
fn statuses(file: &str) -> Vec<String> {
    report(file)
        .audit
        .iter()
        .map(|a| {
            format!(
                "{};{};{};{};{}",
                a.section,
                a.status,
                a.count,
                a.onpe_count.map(|n| n.to_string()).unwrap_or_default(),
                if a.analysis_impossible { "1" } else { "" }
            )
        })
        .collect()
}

fn expected(file: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/audit");
    let text = fs::read_to_string(dir.join(file)).expect("expected statuses");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("section;status;count;onpe_count;analysis_impossible")
    );
    lines
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

/// The §0.2 rows of 2026-12-06: an analysis impossible (0046 orange with ONPE's sentence),
/// judicial cascade sections with no record under their condition (green), a prenatal home
/// help (0010 green), a decision not started yet (0032 green, ONPE counts it).
#[test]
fn the_guide_2026_fixture() {
    let got = statuses("guide-2026.xml");
    assert_eq!(got, expected("guide-2026-expected-status.txt"));
    let r = report("guide-2026.xml");
    let e = r.audit.iter().find(|a| a.section == "0046").expect("0046");
    assert_eq!(e.variables, ["ACCMOD"]);
    assert_eq!(
        e.note.as_deref(),
        Some(
            "La variable ACCMOD étant systématiquement codifiée en \"Ne sait pas\", il n'est \
             pas possible d'effectuer cette analyse."
        )
    );
    for id in [
        "0048", "0049", "0050", "0051", "0052", "0053", "0054", "0010", "0032",
    ] {
        let e = r.audit.iter().find(|a| a.section == id).expect(id);
        assert_eq!(e.status, "green", "{e:?}");
    }
    let counts = |c: &str| {
        r.counts
            .iter()
            .find(|(k, _)| k.as_str() == c)
            .map_or(0, |(_, n)| *n)
    };
    assert_eq!(counts("event-before-birth"), 1);
    assert_eq!(counts("birth-after-event"), 0);
    assert_eq!(counts("decision-not-started"), 1);
    assert_eq!(counts("imperative-date-missing"), 0);
    // "Ne sait pas" where the variable does not apply: one code, one finding per variable
    // (row 7's 27 minors' variables and TYPCLASSPE, row 2's TRAITINFO), none of the generic
    // codes it used to be spread over.
    assert_eq!(counts("nsp-not-applicable"), 29);
    for c in [
        "reserved-minors",
        "filled-outside-condition",
        "filled-wrong-event",
    ] {
        assert_eq!(counts(c), 0, "{c}");
    }
    // The report's JSON carries the flag and the sentence for 0046 only.
    let json = String::from_utf8(r.to_json()).expect("UTF-8");
    assert_eq!(json.matches("\"analysis_impossible\": true").count(), 1);
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

/// The report's population keys (after the documented keys): decisions per DATDECPE year
/// with their young people, minors and young adults.
#[test]
fn population_of_the_fixtures() {
    let r = report("all-sections.xml");
    let years: Vec<(u16, u64, u64)> = r
        .population
        .decisions_by_year
        .iter()
        .map(|y| (y.year, y.decisions, y.young_people))
        .collect();
    // 36 records: 31 decided in 2018 (26 young people), 2 in 2017, 2 in 2016, row 14's
    // DATDECPE empty; young people: 4 and 5 are young adults.
    assert_eq!(years, [(2018, 31, 26), (2017, 2, 2), (2016, 2, 2)]);
    assert_eq!((r.population.minors, r.population.young_adults), (29, 2));
    let json = String::from_utf8(r.to_json()).expect("UTF-8");
    let at = |k: &str| json.find(k).unwrap_or_else(|| panic!("{k}"));
    assert!(at("\"findings_truncated\"") < at("\"decisions_by_year\""));
    assert!(at("\"decisions_by_year\"") < at("\"minors\""));
    assert!(at("\"minors\"") < at("\"young_adults\""));
    let lines = r.population_lines();
    assert_eq!(
        lines[0],
        "Décisions par année de DATDECPE (jeunes) : 2018 : 31 (26) ; 2017 : 2 (2) ; 2016 : 2 (2)"
    );
    assert!(lines[1].starts_with("Jeunes : 29 mineur(s) et 2 jeune(s) majeur(s)"));
    let onpe = r.onpe_lines();
    assert!(
        onpe.iter().any(|l| l.contains("0056") && l.contains("10")),
        "{onpe:?}"
    );
}
