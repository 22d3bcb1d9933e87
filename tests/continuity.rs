//! The continuity check's rules, one table per rule (issue 16; docs/spec/INTERFACES.md
//! "Continuity JSON"): each state of a measure open at the end of last year, the decisions
//! not started, the chaining through `NUMANONYM` and `NUMANONYMANT`, identity changes,
//! unknown `NUMANONYMANT`, ends without opening, the flagged indicators, the years and the
//! départements; then the JSON's shape and its independence from how the inputs are cut.
//!
//! Each file is written from short line specifications (see [`line`]): only the variables
//! the continuity check reads are columns.

use olinpe::continuity::{Continuity, ContinuityReport, Level, Options, Outcome};
use olinpe::finding::Code;

const COLUMNS: &[&str] = &[
    "NUMDEP",
    "NUMANONYM",
    "NUMANONYMANT",
    "TYPEV",
    "SEXE",
    "ANAIS",
    "MNAIS",
    "DECISION",
    "NATPDECADM",
    "NATDECASSED",
    "DATDECPE",
    "DATDEB",
    "DATFIN",
    "MINIMA",
];

/// An identifier for young person `n` (40 hexadecimal characters).
fn id(n: u32) -> String {
    format!("{n:040x}")
}

/// One line: `"ID TYPEV NATURE DATDECPE DATDEB [key=value…]"`. `NATURE` is `A10` (an
/// administrative decision, NATPDECADM 10) or `J17` (judicial, NATDECASSED 17); a date `-` is
/// empty. Keys: `ant` (NUMANONYMANT's person, default the same), `anum` (NUMANONYM as
/// written), `sexe`, `anais`, `mnais`, `numdep`, `fin`, `minima`.
fn line(spec: &str) -> String {
    let mut t = spec.split_whitespace();
    let n: u32 = t.next().and_then(|x| x.parse().ok()).expect("id");
    let typev = t.next().expect("typev");
    let nature = t.next().expect("nature");
    let dp = t.next().expect("datdecpe");
    let db = t.next().expect("datdeb");
    let date = |d: &str| {
        if d == "-" {
            String::new()
        } else {
            d.to_owned()
        }
    };
    let mut v: std::collections::BTreeMap<&str, String> = [
        ("NUMDEP", "84".to_owned()),
        ("NUMANONYM", id(n)),
        ("NUMANONYMANT", id(n)),
        ("TYPEV", typev.to_owned()),
        ("SEXE", "1".to_owned()),
        ("ANAIS", "2008".to_owned()),
        ("MNAIS", "03".to_owned()),
        ("DATDECPE", date(dp)),
        ("DATDEB", date(db)),
        ("MINIMA", "2".to_owned()),
    ]
    .into_iter()
    .collect();
    match nature.split_at(1) {
        ("A", c) => {
            v.insert("DECISION", "1".into());
            v.insert("NATPDECADM", c.into());
        }
        ("J", c) => {
            v.insert("DECISION", "2".into());
            v.insert("NATDECASSED", c.into());
        }
        _ => panic!("nature {nature}"),
    }
    if typev == "3" {
        v.insert("DATFIN", "2019-10-31".into());
    }
    for kv in t {
        let (k, x) = kv.split_once('=').expect("key=value");
        match k {
            "ant" => {
                let a = if x.is_empty() {
                    String::new()
                } else {
                    id(x.parse().expect("ant"))
                };
                v.insert("NUMANONYMANT", a);
            }
            "anum" => {
                v.insert("NUMANONYM", x.to_owned());
            }
            "sexe" => {
                v.insert("SEXE", x.to_owned());
            }
            "anais" => {
                v.insert("ANAIS", x.to_owned());
            }
            "mnais" => {
                v.insert("MNAIS", x.to_owned());
            }
            "numdep" => {
                v.insert("NUMDEP", x.to_owned());
            }
            "fin" => {
                v.insert("DATFIN", x.to_owned());
            }
            "minima" => {
                v.insert("MINIMA", x.to_owned());
            }
            _ => panic!("key {k}"),
        }
    }
    COLUMNS
        .iter()
        .map(|c| v.get(c).cloned().unwrap_or_default())
        .collect::<Vec<_>>()
        .join(";")
}

/// A CSV file of `lines`.
fn file(lines: &[&str]) -> Vec<u8> {
    let mut s = COLUMNS.join(";");
    s.push('\n');
    for l in lines {
        s.push_str(&line(l));
        s.push('\n');
    }
    s.into_bytes()
}

fn check_bytes(previous: &[u8], current: &[u8], year: Option<i32>, chunk: usize) -> Outcome {
    let mut c = Continuity::new(Options {
        previous_name: "an-dernier.csv".into(),
        current_name: "cette-annee.csv".into(),
        year,
        max_findings: 100_000,
    })
    .expect("options");
    for piece in previous.chunks(chunk) {
        c.push_previous(piece).expect("readable");
    }
    c.finish_previous().expect("readable");
    for piece in current.chunks(chunk) {
        c.push_current(piece).expect("readable");
    }
    c.finish().expect("readable")
}

fn check(previous: &[&str], current: &[&str]) -> ContinuityReport {
    check_bytes(&file(previous), &file(current), None, 1 << 20).report
}

/// `(code, file, row)` of every finding of `codes`.
fn found(r: &ContinuityReport, codes: &[Code]) -> Vec<(Code, Option<&'static str>, Option<u64>)> {
    r.findings
        .iter()
        .filter(|f| codes.contains(&f.code))
        .map(|f| (f.code, f.file, f.row))
        .collect()
}

/// Lines of this year that keep the reference year 2019 (ONPE's rule: the most frequent
/// `DATDECPE` year) whatever the lines of the case add.
const BACKGROUND: [&str; 3] = [
    "90 1 A10 2019-02-01 2019-02-02",
    "91 1 A10 2019-03-01 2019-03-02",
    "92 1 A10 2019-04-01 2019-04-02",
];

fn with_background<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let mut v = lines.to_vec();
    v.extend(BACKGROUND);
    v
}

/// Each state of a measure open at the end of last year, and what is not one: last year's
/// lines, this year's lines, then (previous_open, ended, renewed_without_end, started,
/// silent, silent_overdue).
#[test]
fn each_state_of_a_measure() {
    type Case = (
        &'static [&'static str],
        &'static [&'static str],
        [u64; 6],
        &'static str,
    );
    let cases: &[Case] = &[
        (
            &["1 1 J17 2018-05-14 2018-05-15"],
            &["1 3 J17 2018-05-14 2018-05-15"],
            [1, 1, 0, 0, 0, 0],
            "ended by its end line",
        ),
        (
            &["1 1 J17 2018-05-14 2018-05-15"],
            &["1 2 J17 2019-05-10 2019-05-15"],
            [1, 0, 1, 0, 0, 0],
            "renewed without its end line",
        ),
        (
            &["1 1 J17 2018-05-14 2018-05-15"],
            &["1 2 J15 2019-05-10 2019-05-15"],
            [1, 0, 1, 0, 0, 0],
            "renewed with another nature of the same DECISION (the rule's second choice)",
        ),
        (
            &["1 1 J17 2018-05-14 2018-05-15"],
            &["1 2 A10 2019-05-10 2019-05-15"],
            [1, 0, 0, 0, 1, 0],
            "a renewal of another DECISION renews nothing",
        ),
        (
            &["1 1 J17 2018-05-14 2018-05-15"],
            &[
                "1 3 J17 2018-05-14 2018-05-15",
                "1 2 J17 2019-05-10 2019-05-15",
            ],
            [1, 1, 0, 0, 0, 0],
            "ended, then renewed",
        ),
        (
            &["1 1 J17 2018-05-14 2018-05-15"],
            &[
                "1 2 J17 2019-05-10 2019-05-15",
                "1 3 J17 2018-05-14 2018-05-15",
            ],
            [1, 1, 0, 0, 0, 0],
            "the end after the renewal in the file",
        ),
        (
            &["1 1 J17 2018-05-14 2018-05-15"],
            &[],
            [1, 0, 0, 0, 1, 0],
            "silent",
        ),
        (
            &["1 1 J17 2017-12-20 2018-01-05"],
            &[],
            [1, 0, 0, 0, 1, 1],
            "silent, decided more than two years before the end of 2019",
        ),
        (
            &["1 1 J17 2017-12-31 2018-01-05"],
            &[],
            [1, 0, 0, 0, 1, 0],
            "decided exactly two years before: not more",
        ),
        (
            &["1 1 J17 9999-99-99 2017-12-01"],
            &[],
            [1, 0, 0, 0, 1, 1],
            "no known DATDECPE: DATDEB is the last decision",
        ),
        (
            &[
                "1 1 J17 2018-02-14 2018-02-15",
                "1 3 J17 2018-02-14 2018-02-15",
            ],
            &[],
            [0, 0, 0, 0, 0, 0],
            "closed last year: not open",
        ),
        (
            &[
                "1 1 J17 2018-02-14 2018-02-15",
                "1 2 J17 2018-08-10 2018-08-15",
            ],
            &["1 3 J17 2018-08-10 2018-08-15"],
            [1, 1, 0, 0, 0, 0],
            "renewed within last year's file: only the renewal is open",
        ),
        (
            &["1 3 J17 2017-02-14 2017-02-15"],
            &[],
            [0, 0, 0, 0, 0, 0],
            "an end alone opens nothing",
        ),
        (
            &["1 1 J17 2018-12-10 -"],
            &["1 1 J17 2018-12-10 2019-01-07"],
            [1, 0, 0, 1, 0, 0],
            "a decision of December started in January",
        ),
        (
            &["1 2 J17 2018-12-10 9999-99-99"],
            &["1 2 J17 2018-12-10 2019-01-07"],
            [1, 0, 0, 1, 0, 0],
            "a renewal decided in December, started in January",
        ),
        (
            &["1 1 J17 2018-12-10 -"],
            &["1 1 J17 2018-12-10 -"],
            [1, 0, 0, 0, 1, 0],
            "still not started: silent",
        ),
        (
            &["1 1 J17 2018-12-10 -"],
            &["1 1 J17 2018-12-11 2019-01-07"],
            [1, 0, 0, 0, 1, 0],
            "another DATDECPE is another decision",
        ),
        (
            &["1 1 J17 2017-12-10 -"],
            &[],
            [0, 0, 0, 0, 0, 0],
            "a decision of an earlier year is not one of last year's",
        ),
        (
            &["1 1 J15 2018-05-14 2018-05-15"],
            &[
                "1 1 J17 2019-01-14 2019-01-15",
                "1 2 J17 2019-07-10 2019-07-15",
            ],
            [1, 0, 0, 0, 1, 0],
            "the renewal continues this year's placement, not last year's AEMO",
        ),
        (
            &[
                "1 1 J17 2018-02-14 2018-02-15",
                "1 3 J17 2018-02-14 2018-02-15",
                "1 1 J17 2018-06-14 2018-06-15",
            ],
            &["1 2 J17 2019-06-10 2019-06-15"],
            [1, 0, 1, 0, 0, 0],
            "linked to the latest of last year's segments",
        ),
        (
            &["1 1 J17 2018-05-14 2018-05-15 ant=7"],
            &["2 3 J17 2018-05-14 2018-05-15 ant=1"],
            [1, 1, 0, 0, 0, 0],
            "ended under a new NUMANONYM, matched through NUMANONYMANT",
        ),
    ];
    // Last year's background: two measures closed in the year (its reference year stays
    // 2018 whatever the case's lines).
    let closed = [
        "93 1 A10 2018-02-01 2018-02-02",
        "93 3 A10 2018-02-01 2018-02-02",
        "94 1 A10 2018-03-01 2018-03-02",
        "94 3 A10 2018-03-01 2018-03-02",
    ];
    for (previous, current, want, why) in cases {
        let mut previous_lines: Vec<&str> = previous.to_vec();
        previous_lines.extend(closed);
        let r = check(&previous_lines, &with_background(current));
        let o = &r.open_measures;
        let got = [
            o.previous_open,
            o.ended,
            o.renewed_without_end,
            o.started,
            o.silent,
            o.silent_overdue,
        ];
        // This year's background measures are new and open nothing of last year.
        assert_eq!(got, *want, "{why}");
        assert_eq!(
            o.previous_open,
            o.ended + o.renewed_without_end + o.started + o.silent,
            "{why}"
        );
        assert_eq!(
            (r.previous.reference_year, r.current.reference_year),
            (Some(2018), Some(2019)),
            "{why}"
        );
    }
}

/// Each state gives its finding on the row to look at, in the file it is in.
#[test]
fn findings_point_to_the_row_of_the_right_file() {
    let r = check(
        &[
            "1 1 J17 2018-05-14 2018-05-15",
            "2 1 J17 2017-12-20 2018-01-05",
            "3 1 A10 2018-12-10 -",
            "4 1 J17 2018-05-14 2018-05-15",
        ],
        &with_background(&["4 2 J17 2019-05-10 2019-05-15"]),
    );
    assert_eq!(
        found(
            &r,
            &[
                Code::ContinuitySilent,
                Code::ContinuitySilentOverdue,
                Code::ContinuityDecisionSilent,
                Code::ContinuityRenewedWithoutEnd
            ]
        ),
        vec![
            (Code::ContinuityRenewedWithoutEnd, None, Some(1)),
            (Code::ContinuitySilent, Some("previous"), Some(1)),
            (Code::ContinuitySilentOverdue, Some("previous"), Some(2)),
            (Code::ContinuityDecisionSilent, Some("previous"), Some(3)),
        ]
    );
    let overdue = r
        .findings
        .iter()
        .find(|f| f.code == Code::ContinuitySilentOverdue)
        .expect("overdue");
    assert!(overdue.message.contains("2018-01-05") && overdue.message.contains("2017-12-20"));
    assert_eq!(r.verdict.level, Level::AVerifier);
}

/// Chaining: (last year's lines, this year's lines, found, via NUMANONYMANT, unknown
/// NUMANONYMANT records, this year's young people).
#[test]
fn chaining_through_numanonym_and_numanonymant() {
    type Case = (
        &'static [&'static str],
        &'static [&'static str],
        [u64; 4],
        &'static str,
    );
    let upper = format!("{:040X}", 0xabcu32);
    let upper_line = format!("5 3 J17 2018-05-14 2018-05-15 anum={upper} ant=");
    let lower_line = "2748 1 J17 2018-05-14 2018-05-15"; // 0xabc = 2748
    let cases: &[Case] = &[
        (
            &["1 1 J17 2018-05-14 2018-05-15"],
            &["1 3 J17 2018-05-14 2018-05-15"],
            [1, 0, 0, 1],
            "the same NUMANONYM",
        ),
        (
            &["1 1 J17 2018-05-14 2018-05-15"],
            &["2 3 J17 2018-05-14 2018-05-15 ant=1"],
            [1, 1, 0, 1],
            "a new NUMANONYM, last year's in NUMANONYMANT",
        ),
        (
            &["1 1 J17 2018-05-14 2018-05-15"],
            &["2 3 J17 2018-05-14 2018-05-15 ant=9"],
            [0, 0, 1, 1],
            "a NUMANONYMANT that names nobody",
        ),
        (
            &["1 1 J17 2018-05-14 2018-05-15"],
            &["1 3 J17 2018-05-14 2018-05-15 ant=9"],
            [1, 0, 1, 1],
            "found by NUMANONYM, its NUMANONYMANT unknown still",
        ),
        (
            &["1 1 J17 2018-05-14 2018-05-15"],
            &["3 1 J17 2019-05-14 2019-05-15 ant="],
            [0, 0, 0, 1],
            "an empty NUMANONYMANT is no identifier",
        ),
        (
            &["1 1 J17 2018-05-14 2018-05-15"],
            &[
                "2 1 J17 2019-01-14 2019-01-15",
                "2 3 J17 2018-05-14 2018-05-15 ant=1",
            ],
            [1, 1, 0, 1],
            "one record of the young person names last year's identifier",
        ),
    ];
    for (previous, current, want, why) in cases {
        let r = check(previous, current);
        let got = [
            r.chaining.found,
            r.chaining.via_numanonymant,
            r.numanonymant_unknown,
            r.current.young_people,
        ];
        assert_eq!(got, *want, "{why}");
    }
    // Hexadecimal case does not make another young person.
    let r = check(&[lower_line], &[upper_line.as_str()]);
    assert_eq!((r.chaining.found, r.open_measures.ended), (1, 1));
    // The rate and its reason.
    let r = check(
        &["1 1 J17 2018-05-14 2018-05-15"],
        &[
            "1 3 J17 2018-05-14 2018-05-15",
            "2 1 J17 2019-05-14 2019-05-15",
            "3 1 J17 2019-05-14 2019-05-15",
            "4 1 J17 2019-05-14 2019-05-15",
            "5 1 J17 2019-05-14 2019-05-15",
        ],
    );
    assert_eq!(r.chaining.rate, 0.2);
    assert!(
        found(&r, &[Code::ContinuityChainingLow]).is_empty(),
        "0.2 is not under 0.2"
    );
    let r = check(
        &["1 1 J17 2018-05-14 2018-05-15"],
        &[
            "1 3 J17 2018-05-14 2018-05-15",
            "2 1 J17 2019-05-14 2019-05-15",
            "3 1 J17 2019-05-14 2019-05-15",
            "4 1 J17 2019-05-14 2019-05-15",
            "5 1 J17 2019-05-14 2019-05-15",
            "6 1 J17 2019-05-14 2019-05-15",
        ],
    );
    assert_eq!(r.chaining.rate, 0.1667);
    assert_eq!(
        found(&r, &[Code::ContinuityChainingLow]),
        vec![(Code::ContinuityChainingLow, None, None)]
    );
    assert_eq!(r.verdict.level, Level::AVerifier);
    assert!(r
        .verdict
        .reasons
        .iter()
        .any(|x| x.code.as_str() == "continuity-chaining-low"));
}

/// Identity changes: (this year's line of young person 1, changes counted, variable named).
#[test]
fn identity_changes() {
    let cases: &[(&str, u64, Option<&str>, &str)] = &[
        (
            "1 3 J17 2018-05-14 2018-05-15",
            0,
            None,
            "the same birth and sex",
        ),
        (
            "1 3 J17 2018-05-14 2018-05-15 sexe=2",
            1,
            Some("SEXE"),
            "sex",
        ),
        (
            "1 3 J17 2018-05-14 2018-05-15 anais=2007",
            1,
            Some("ANAIS"),
            "year of birth",
        ),
        (
            "1 3 J17 2018-05-14 2018-05-15 mnais=4",
            1,
            Some("MNAIS"),
            "month of birth",
        ),
        (
            "1 3 J17 2018-05-14 2018-05-15 mnais=3",
            0,
            None,
            "03 and 3 are the same month",
        ),
        (
            "1 3 J17 2018-05-14 2018-05-15 sexe=",
            0,
            None,
            "an empty value is no change",
        ),
        (
            "2 3 J17 2018-05-14 2018-05-15 ant=1 anais=2009 sexe=2",
            1,
            Some("ANAIS"),
            "through NUMANONYMANT, the first variable named",
        ),
    ];
    for (current, want, var, why) in cases {
        let r = check(&["1 1 J17 2018-05-14 2018-05-15"], &[current]);
        assert_eq!(r.identity_changes, *want, "{why}");
        let f: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.code == Code::ContinuityIdentityChange)
            .collect();
        assert_eq!(f.len() as u64, *want, "{why}");
        if let Some(f) = f.first() {
            assert_eq!(f.variable.as_deref(), *var, "{why}");
            assert_eq!((f.row, f.file), (Some(1), None), "{why}");
        }
    }
    // One per young person, on its first differing record.
    let r = check(
        &["1 1 J17 2018-05-14 2018-05-15"],
        &[
            "1 3 J17 2018-05-14 2018-05-15",
            "1 2 J17 2019-05-10 2019-05-15 sexe=2",
            "1 3 J17 2019-05-10 2019-05-15 sexe=2",
        ],
    );
    assert_eq!(r.identity_changes, 1);
    assert_eq!(
        found(&r, &[Code::ContinuityIdentityChange]),
        vec![(Code::ContinuityIdentityChange, None, Some(2))]
    );
}

/// Ends without opening: (last year's lines, this year's lines, counted).
#[test]
fn ends_without_opening() {
    type Case = (
        &'static [&'static str],
        &'static [&'static str],
        u64,
        &'static str,
    );
    let cases: &[Case] = &[
        (
            &["1 1 J17 2018-05-14 2018-05-15"],
            &["2 3 J17 2018-02-27 2018-03-01"],
            1,
            "begun last year, opened in neither file",
        ),
        (
            &["1 1 J17 2018-05-14 2018-05-15"],
            &["1 3 J17 2018-05-14 2018-05-15"],
            0,
            "opened last year: ended",
        ),
        (
            &["1 1 J17 2018-05-14 2018-05-15"],
            &[
                "2 3 J17 2018-02-27 2018-03-01",
                "2 1 J17 2018-02-27 2018-03-01",
            ],
            0,
            "opened in this year's file (sent late)",
        ),
        (
            &["1 1 J17 2018-05-14 2018-05-15"],
            &["2 3 J17 2017-02-27 2017-03-01"],
            0,
            "begun before last year: opened in an older file",
        ),
        (
            &["1 1 J17 2018-05-14 2018-05-15"],
            &["1 3 J17 2018-02-27 2018-03-01"],
            1,
            "a young person found, another DATDEB",
        ),
        (
            &["1 1 J17 2018-05-14 2018-05-15"],
            &["2 3 J17 2019-02-27 2019-03-01"],
            0,
            "begun this year: the check's own end-without-start",
        ),
    ];
    for (previous, current, want, why) in cases {
        // With this year's background, the reference year stays 2019.
        let r = check(previous, &with_background(current));
        assert_eq!(r.ends_without_opening, *want, "{why}");
        assert_eq!(
            found(&r, &[Code::ContinuityEndWithoutOpening]).len() as u64,
            *want,
            "{why}"
        );
    }
}

/// Years and départements: (last year's NUMDEP and year, this year's, `--year`, level,
/// codes of the pair).
#[test]
fn years_and_departements() {
    let at = |year: i32, numdep: &str| -> Vec<String> {
        (1..=3)
            .map(|n| format!("{n} 1 J17 {year}-05-14 {year}-05-15 numdep={numdep}"))
            .collect()
    };
    type Case = (
        (i32, &'static str),
        (i32, &'static str),
        Option<i32>,
        Level,
        &'static [Code],
    );
    let cases: &[Case] = &[
        ((2018, "84"), (2019, "84"), None, Level::Transmissible, &[]),
        (
            (2018, "84"),
            (2020, "84"),
            None,
            Level::Bloquant,
            &[Code::ContinuityYearsNotConsecutive],
        ),
        (
            (2019, "84"),
            (2019, "84"),
            None,
            Level::Bloquant,
            &[Code::ContinuityYearsNotConsecutive],
        ),
        (
            (2019, "84"),
            (2018, "84"),
            None,
            Level::Bloquant,
            &[Code::ContinuityYearsNotConsecutive],
        ),
        // --year sets this year's reference year.
        (
            (2018, "84"),
            (2020, "84"),
            Some(2019),
            Level::Transmissible,
            &[],
        ),
        (
            (2018, "84"),
            (2019, "84"),
            Some(2021),
            Level::Bloquant,
            &[Code::ContinuityYearsNotConsecutive],
        ),
        (
            (2018, "84"),
            (2019, "35"),
            None,
            Level::Bloquant,
            &[Code::ContinuityDepartementDiffers],
        ),
        ((2018, "2A"), (2019, "2A"), None, Level::Transmissible, &[]),
        (
            (2018, "84"),
            (2020, "35"),
            None,
            Level::Bloquant,
            // The pair's findings by code.
            &[
                Code::ContinuityDepartementDiffers,
                Code::ContinuityYearsNotConsecutive,
            ],
        ),
    ];
    for ((py, pd), (cy, cd), year, level, codes) in cases {
        let p = at(*py, pd);
        let c = at(*cy, cd);
        let p: Vec<&str> = p.iter().map(String::as_str).collect();
        let c: Vec<&str> = c.iter().map(String::as_str).collect();
        let o = check_bytes(&file(&p), &file(&c), *year, 1 << 20);
        let r = &o.report;
        // Between years that do not follow each other, the other reasons (measures silent
        // for too long…) mean nothing: only the blocking ones are compared.
        let why = format!("{py}/{pd} → {cy}/{cd}, --year {year:?}");
        assert_eq!(r.verdict.level, *level, "{why}");
        assert_eq!(o.exit_status, u8::from(*level == Level::Bloquant), "{why}");
        let pair: Vec<Code> = r
            .findings
            .iter()
            .filter(|f| {
                matches!(
                    f.code,
                    Code::ContinuityYearsNotConsecutive | Code::ContinuityDepartementDiffers
                )
            })
            .map(|f| f.code)
            .collect();
        assert_eq!(pair, *codes, "{why}");
        let mut reasons: Vec<&str> = r
            .verdict
            .reasons
            .iter()
            .filter(|x| x.level == Level::Bloquant)
            .map(|x| x.code.as_str())
            .collect();
        reasons.sort_unstable();
        let wanted: Vec<&str> = codes.iter().map(|c| c.as_str()).collect();
        assert_eq!(reasons, wanted, "{why}");
    }
    // A file without NUMDEP: no département to compare.
    let p = file(&["1 1 J17 2018-05-14 2018-05-15 numdep="]);
    let c = file(&["1 3 J17 2018-05-14 2018-05-15"]);
    let r = check_bytes(&p, &c, None, 1 << 20).report;
    assert_eq!(r.previous.numdep, None);
    assert_eq!(r.verdict.level, Level::Bloquant);
}

/// A category of measures that disappears, one that appears, and a rate that drops each
/// flag their indicator, with a finding; a small move does not.
#[test]
fn flagged_indicators() {
    let many = |first: u32, n: u32, nature: &str, year: i32, extra: &str| -> Vec<String> {
        (first..first + n)
            .map(|k| format!("{k} 1 {nature} {year}-05-14 {year}-05-15 {extra}"))
            .collect()
    };
    let mut prev = many(100, 40, "J17", 2018, "");
    prev.extend(many(200, 30, "A10", 2018, ""));
    let mut cur = many(100, 40, "J17", 2019, "");
    cur.extend(many(200, 8, "A10", 2019, "")); // −22: more than 30 % and at least 20
    cur.extend(many(300, 25, "J15", 2019, "minima=9")); // a new category; MINIMA « ne sait pas »
    let p: Vec<&str> = prev.iter().map(String::as_str).collect();
    let c: Vec<&str> = cur.iter().map(String::as_str).collect();
    let r = check(&p, &c);
    let flagged: Vec<&str> = r
        .indicators
        .iter()
        .filter(|i| i.flag)
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(
        flagged,
        [
            "DECISION:1",
            "DECISION:2",
            "NATPDECADM:10",
            "NATDECASSED:15",
            "rate:MINIMA",
            "rate:NATDECASSED",
            "rate:NATPDECADM"
        ]
    );
    // young_people 70 → 73, typev:1 70 → 73: small moves.
    let moved: Vec<Option<&str>> = r
        .findings
        .iter()
        .filter(|f| f.code == Code::ContinuityIndicatorMoved)
        .map(|f| f.variable.as_deref())
        .collect();
    assert_eq!(
        moved,
        [
            Some("DECISION"),
            Some("DECISION"),
            Some("NATPDECADM"),
            Some("NATDECASSED"),
            Some("MINIMA"),
            Some("NATDECASSED"),
            Some("NATPDECADM")
        ]
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.message.starts_with("Lignes NATDECASSED 15"))
        .expect("the new category's finding");
    assert!(
        f.message
            .contains(": 0 l'an dernier, 25 cette année (absent l'an dernier)"),
        "{}",
        f.message
    );
    assert_eq!(r.verdict.level, Level::AVerifier);
    // Every documented name, in order.
    let names: Vec<&str> = r.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        &names[..8],
        [
            "young_people",
            "minors",
            "young_adults",
            "typev:1",
            "typev:2",
            "typev:3",
            "DECISION:1",
            "DECISION:2"
        ]
    );
    assert!(names.contains(&"NATPDECADM:99") && names.contains(&"NATDECASSED:24"));
    assert_eq!(names.iter().filter(|n| n.starts_with("rate:")).count(), 105);
    assert_eq!(names.last(), Some(&"rate:VIOLSEX"));
}

/// The JSON's keys in the documented order, its final newline, no path, and the same bytes
/// whatever the chunk size; a previous-file XML is read like a CSV.
#[test]
fn json_shape_and_chunk_independence() {
    let p = file(&[
        "1 1 J17 2018-05-14 2018-05-15",
        "2 1 J17 2017-12-20 2018-01-05",
        "3 1 A10 2018-12-10 -",
    ]);
    let c = file(&[
        "1 2 J17 2019-05-10 2019-05-15 sexe=2",
        "4 3 J17 2018-02-27 2018-03-01 ant=8",
    ]);
    let whole = check_bytes(&p, &c, None, 1 << 20);
    for chunk in [1, 7, 64, 4096] {
        let o = check_bytes(&p, &c, None, chunk);
        assert_eq!(o.json, whole.json, "chunk {chunk}");
        assert_eq!(o.text, whole.text, "chunk {chunk}");
    }
    let text = String::from_utf8(whole.json.clone()).expect("UTF-8");
    assert!(text.ends_with("}\n"));
    let keys = [
        "\"tool\"",
        "\"dictionary\"",
        "\"previous\"",
        "\"current\"",
        "\"chaining\"",
        "\"open_measures\"",
        "\"identity_changes\"",
        "\"numanonymant_unknown\"",
        "\"ends_without_opening\"",
        "\"indicators\"",
        "\"findings\"",
        "\"findings_total\"",
        "\"verdict\"",
        "\"counts\"",
        "\"findings_truncated\"",
    ];
    let mut at = 0;
    for k in keys {
        let pos = text[at..]
            .find(&format!("\n  {k}: "))
            .unwrap_or_else(|| panic!("{k} after position {at}"));
        at += pos + 1;
    }
    let v: serde_json::Value = serde_json::from_slice(&whole.json).expect("JSON");
    assert_eq!(v["previous"]["name"], "an-dernier.csv");
    assert_eq!(v["chaining"]["rate"], 0.5);
    let f = &v["findings"];
    assert!(f[0]["row"].is_null(), "the pair's findings first");
    assert!(f[0].get("file").is_none());
    let last = f.as_array().and_then(|a| a.last()).expect("findings");
    assert_eq!(last["file"], "previous");
    assert_eq!(v["findings_total"], f.as_array().map_or(0, |a| a.len()));
    assert_eq!(v["verdict"]["level"], "a_verifier");
    // XML last year, CSV this year.
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DECRET><INTRO><VERSIONXSD>2.0</VERSIONXSD>\
         <DATEXPORT>2019-03-15</DATEXPORT></INTRO><DONNEE><DATDEB>2018-05-15</DATDEB>\
         <DATDECPE>2018-05-14</DATDECPE><DECISION>2</DECISION><NATDECASSED>17</NATDECASSED>\
         <NUMANONYM>{}</NUMANONYM><NUMDEP>84</NUMDEP><TYPEV>1</TYPEV></DONNEE></DECRET>\n",
        id(1)
    );
    let r = check_bytes(
        xml.as_bytes(),
        &file(&["1 3 J17 2018-05-14 2018-05-15"]),
        None,
        13,
    )
    .report;
    assert_eq!(
        (r.previous.rows, r.open_measures.ended, r.chaining.found),
        (1, 1, 1)
    );
}

/// The cap keeps the pair's findings first, then every code in turn, exact counts, and says
/// it is truncated.
#[test]
fn the_findings_cap_is_hard() {
    let prev: Vec<String> = (1..=30)
        .map(|n| format!("{n} 1 J17 2018-05-14 2018-05-15"))
        .collect();
    let p: Vec<&str> = prev.iter().map(String::as_str).collect();
    let mut c = Continuity::new(Options {
        max_findings: 10,
        ..Options::default()
    })
    .expect("options");
    c.push_previous(&file(&p)).expect("read");
    c.finish_previous().expect("read");
    c.push_current(&file(&["31 1 J17 2019-05-14 2019-05-15"]))
        .expect("read");
    let r = c.finish().expect("read").report;
    assert_eq!(r.findings.len(), 10);
    assert!(r.findings_truncated);
    assert_eq!(r.counts[&Code::ContinuitySilent], 30);
    assert_eq!(r.findings_total, r.counts.values().sum::<u64>());
    assert!(r.findings_total > 31);
    assert_eq!(r.findings[0].code, Code::ContinuityChainingLow);
    assert!(r.findings.iter().any(|f| f.code == Code::ContinuitySilent));
    // Out of sequence: a clear error, never a panic.
    let mut c = Continuity::new(Options::default()).expect("options");
    assert!(c.push_current(b"x").is_err());
    assert!(c.finish().is_err());
}

/// Given nominative files by mistake, the continuity check says nothing of the identities:
/// no first name, mother's name, day of birth or case number in its JSON or its text.
#[test]
fn no_identity_value_in_any_output() {
    let header = "PRENOM;NOMMERE;JNAIS;NUMDO;NUMDEP;TYPEV;SEXE;ANAIS;MNAIS;DECISION;NATDECASSED;DATDECPE;DATDEB";
    let row = |year: i32, sexe: u8| {
        format!("Zorglubette;Tartempionne;17;84-7654321;84;1;{sexe};2008;03;2;17;{year}-05-14;{year}-05-15")
    };
    let p = format!("{header}\n{}\n", row(2018, 1));
    let c = format!("{header}\n{}\n{}\n", row(2019, 2), row(2019, 1));
    let o = check_bytes(p.as_bytes(), c.as_bytes(), None, 5);
    for out in [
        String::from_utf8_lossy(&o.json).into_owned(),
        o.text.clone(),
    ] {
        for secret in ["Zorglubette", "Tartempionne", "7654321", ";17;"] {
            assert!(!out.contains(secret), "{secret} in {out}");
        }
    }
}

/// Each family of count indicators flags on its own move: (last year's lines, this year's,
/// an indicator that must be flagged, one that must not).
#[test]
fn each_count_indicator_flags_on_its_own_move() {
    let lines = |from: u32, n: u32, spec: &dyn Fn(u32) -> String| -> Vec<String> {
        (from..from + n).map(spec).collect()
    };
    let opening = |year: i32, anais: &'static str| {
        move |k: u32| format!("{k} 1 J17 {year}-05-14 {year}-05-15 anais={anais}")
    };
    let second = |year: i32| move |k: u32| format!("{k} 1 J17 {year}-09-14 {year}-09-15");
    let end = |k: u32| format!("{k} 3 J17 2018-05-14 2018-05-15");
    type Case = (Vec<String>, Vec<String>, &'static str, &'static str);
    let cases: Vec<Case> = vec![
        // 30 young people with two measures each, then 60 with one: as many lines.
        (
            [
                lines(1, 30, &opening(2018, "2008")),
                lines(1, 30, &second(2018)),
            ]
            .concat(),
            lines(101, 60, &opening(2019, "2008")),
            "young_people",
            "typev:1",
        ),
        // The same number of young people, all minors last year, all adults this year.
        (
            lines(1, 40, &opening(2018, "2008")),
            lines(101, 40, &opening(2019, "2000")),
            "young_adults",
            "young_people",
        ),
        (
            lines(1, 40, &opening(2018, "2008")),
            lines(101, 40, &opening(2019, "2000")),
            "minors",
            "typev:1",
        ),
        // Half the openings become ends.
        (
            lines(1, 40, &opening(2018, "2008")),
            [lines(101, 20, &opening(2019, "2008")), lines(1, 20, &end)].concat(),
            "typev:3",
            "young_people",
        ),
        (
            lines(1, 40, &opening(2018, "2008")),
            [lines(101, 20, &opening(2019, "2008")), lines(1, 20, &end)].concat(),
            "typev:1",
            "DECISION:2",
        ),
    ];
    for (previous, current, flagged, steady) in cases {
        let p: Vec<&str> = previous.iter().map(String::as_str).collect();
        let c: Vec<&str> = current.iter().map(String::as_str).collect();
        let r = check(&p, &c);
        let flag = |name: &str| {
            r.indicators
                .iter()
                .find(|i| i.name == name)
                .map(|i| i.flag)
                .unwrap_or_else(|| panic!("indicator {name}"))
        };
        assert!(flag(flagged), "{flagged} flagged");
        assert!(!flag(steady), "{steady} not flagged (with {flagged})");
        assert!(r.findings.iter().any(
            |f| f.code == Code::ContinuityIndicatorMoved && f.message.contains("l'an dernier")
        ));
    }
}

/// A file in the 2011 format (found by the fuzz target `continuity`): its records are counted
/// in the summary's `rows` (every line accounted for), a finding names the file and the
/// format, and the verdict is `bloquant` (its year cannot be found).
#[test]
fn a_2011_format_file_is_counted_and_named() {
    let legacy = b"NUMDEPT;CODEV;DATDEBAD;DATFINAD;NUMANONYM\n\
                   75;1;2011-01-01;;aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n\
                   75;1;2011-02-01;;bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n";
    let current = file(&["1 1 A10 2019-02-01 2019-02-10"]);
    let o = check_bytes(legacy, &current, None, 1 << 20);
    assert_eq!(
        o.report.previous.rows, 2,
        "the 2011 file's records are counted"
    );
    assert_eq!(o.report.current.rows, 1);
    let legacy_findings: Vec<_> = o
        .report
        .findings
        .iter()
        .filter(|f| f.code == Code::Legacy2011File)
        .collect();
    assert_eq!(legacy_findings.len(), 1, "{:?}", o.report.findings);
    assert!(legacy_findings[0]
        .message
        .starts_with("Fichier de l'an dernier : "));
    assert_eq!(o.report.verdict.level, Level::Bloquant);
    assert_eq!(o.exit_status, 1);
    // The other way round: this year's file is the old one.
    let o = check_bytes(&current, legacy, None, 7);
    assert_eq!(o.report.current.rows, 2);
    assert!(o
        .report
        .findings
        .iter()
        .any(|f| f.code == Code::Legacy2011File
            && f.message.starts_with("Fichier de cette année : ")));
}
