//! Planted errors stay local: a file generated with errors is the clean file of the same
//! seed with only the manifest's rows changed (and duplicate copies inserted), each in the
//! variables its kind allows, and each change really breaks the rule it names.

use olinpe::generate::{generate_to_vec, GenOptions, Planted, CODES};
use std::collections::BTreeMap;

fn parse(bytes: &[u8]) -> Vec<Vec<String>> {
    String::from_utf8(bytes.to_vec())
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(';').map(str::to_string).collect())
        .collect()
}

fn col(code: &str) -> usize {
    CODES.iter().position(|c| *c == code).unwrap()
}

/// Columns a plant kind may change.
fn allowed(kind: &str) -> &'static [&'static str] {
    match kind {
        "out-of-perimeter" => &[
            "DATIP",
            "DATSIGN",
            "DATJE",
            "NOTIFEVAL",
            "FINEVAL",
            "DATDECPE",
            "DATDEB",
            "DATPPE",
        ],
        "date-order" => &["NOTIFEVAL", "FINEVAL"],
        "end-without-start" | "duration-over-730" => &["DATDEB", "DATDECPE"],
        "birth-after-event" => &["DATDECAP"],
        "event-before-birth" => &["DATIP"],
        _ => &[],
    }
}

fn year(v: &str) -> i32 {
    v.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0)
}

#[test]
fn plants_change_only_their_rows_and_variables() {
    for (seed, nominative) in [(41u64, false), (42, true), (43, false)] {
        let base = GenOptions {
            rows: 4_000,
            seed,
            nominative,
            ..GenOptions::default()
        };
        let clean = parse(&generate_to_vec(&base).0);
        let (bytes, manifest) = generate_to_vec(&GenOptions {
            error_rate: 0.15,
            ..base.clone()
        });
        let planted = parse(&bytes);
        let mut by_row: BTreeMap<u64, Vec<&Planted>> = BTreeMap::new();
        for p in &manifest.planted {
            by_row.entry(p.row).or_default().push(p);
        }
        assert!(by_row.len() > 400, "{}", by_row.len());
        let mut j = 0; // index in the clean file
        for (i, row) in planted.iter().enumerate() {
            let n = i as u64 + 1;
            let Some(ps) = by_row.get(&n) else {
                assert_eq!(row, &clean[j], "seed {seed} row {n}: unplanted row changed");
                j += 1;
                continue;
            };
            let kind = ps[0].plant;
            let ctx = format!("seed {seed} row {n} ({kind})");
            if kind == "duplicate-full" {
                assert_eq!(row, &planted[i - 1], "{ctx}: copy of the previous row");
                assert_eq!(ps.len(), 2);
                continue;
            }
            if kind == "duplicate-decision" {
                let prev = &planted[i - 1];
                let differing: Vec<&str> = (0..row.len())
                    .filter(|&c| row[c] != prev[c])
                    .map(|c| CODES[c])
                    .collect();
                assert_eq!(differing, ["MINIMA"], "{ctx}");
                continue;
            }
            if kind == "field-count" {
                assert_eq!(row.len(), if nominative { 110 } else { 106 }, "{ctx}");
                assert_eq!(row.last().map(String::as_str), Some(""), "{ctx}");
                assert_eq!(&row[..row.len() - 1], &clean[j][..], "{ctx}");
                j += 1;
                continue;
            }
            assert_eq!(row.len(), if nominative { 109 } else { 105 }, "{ctx}");
            let reference = &clean[j];
            j += 1;
            let changed: Vec<&str> = (0..105)
                .filter(|&c| row[c] != reference[c])
                .map(|c| CODES[c])
                .collect();
            assert!(!changed.is_empty(), "{ctx}: nothing changed");
            let mut ok: Vec<&str> = allowed(kind).to_vec();
            ok.extend(ps.iter().filter_map(|p| p.variable));
            assert!(
                changed.iter().all(|c| ok.contains(c)),
                "{ctx}: changed {changed:?}"
            );
            let y = manifest.reference_year;
            let r = |c: &str| row[col(c)].as_str();
            match kind {
                "out-of-perimeter" => {
                    assert!(
                        year(r("DATDEB")) != y
                            && year(r("DATDECPE")) != y
                            && r("DATFIN").is_empty(),
                        "{ctx}"
                    )
                }
                "date-order" => assert!(r("NOTIFEVAL") > r("FINEVAL"), "{ctx}"),
                // More than nine months before the birth month (§0.2): at least a year earlier.
                "birth-after-event" => {
                    assert!(year(r("DATDECAP")) < year(r("ANAIS")) - 1, "{ctx}")
                }
                // Three months before the birth month: within the nine months, a warning.
                "event-before-birth" => {
                    let m = |v: &str| year(v) * 12 + v[5..7].parse::<i32>().unwrap_or(0);
                    let birth = year(r("ANAIS")) * 12 + r("MNAIS").parse::<i32>().unwrap_or(0);
                    assert_eq!(birth - m(r("DATIP")), 3, "{ctx}")
                }
                "nsp-not-applicable" => {
                    assert!(r("TYPEV") != "1" && r("TRAITINFO") == "9", "{ctx}")
                }
                "imperative-date-missing" => assert_eq!(r("DATDEB"), "0000-00-00", "{ctx}"),
                "end-without-start" => {
                    assert!(year(r("DATDEB")) == y && r("TYPEV") == "3", "{ctx}")
                }
                "duration-over-730" => assert!(year(r("DATFIN")) - year(r("DATDEB")) >= 2, "{ctx}"),
                "identity-inconsistent" => assert_ne!(r("SEXE"), reference[col("SEXE")], "{ctx}"),
                "datfin-wrong-typev" => {
                    assert!(r("TYPEV") != "3" && !r("DATFIN").is_empty(), "{ctx}")
                }
                "reserved-adults" => {
                    assert!(
                        ["MENAGEJM", "EMPLJM", "CSPJM"]
                            .iter()
                            .any(|c| !r(c).is_empty()),
                        "{ctx}"
                    )
                }
                "identifier-invalid" => assert!(r("NUMANONYM").ends_with('g'), "{ctx}"),
                "age-over-20" => {
                    let age = year(r("DATDECPE")) - year(r("ANAIS"));
                    assert!(age >= 21, "{ctx}: {age}")
                }
                "leading-zero-lost" => assert_eq!(r("MNAIS").len(), 1, "{ctx}"),
                "date-format-repairable" => assert_eq!(r("DATDECAP").as_bytes()[2], b'/', "{ctx}"),
                "imperative-date-partial" => assert!(r("DATDEB").ends_with("-99"), "{ctx}"),
                "date-zero" => assert_eq!(r("NOTIFEVAL"), "0000-00-00", "{ctx}"),
                "year-before-1920" => assert!(year(r("ANSA1")) < 1920, "{ctx}"),
                _ => {}
            }
        }
        let copies = by_row
            .values()
            .filter(|ps| matches!(ps[0].plant, "duplicate-full" | "duplicate-decision"))
            .count();
        assert_eq!(j, planted.len() - copies);
    }
}

#[test]
fn no_plant_expects_an_information() {
    let (_, m) = generate_to_vec(&GenOptions {
        rows: 3_000,
        seed: 44,
        error_rate: 0.2,
        ..GenOptions::default()
    });
    for p in &m.planted {
        assert_ne!(
            p.code.severity(),
            olinpe::finding::Severity::Info,
            "{}: infos are not planted",
            p.code
        );
    }
}
