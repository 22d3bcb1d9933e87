//! Issue 13, point 9: olinpe does **not** copy the ONPE's known mistakes (docs/spec/OLINPE.md
//! §0.2 "ONPE checks that contradict the guide", §4.4, §6.2): each test runs the engine on a
//! small file where the ONPE's reception or audit goes wrong, and checks that the guide's
//! reading is applied (and, where ONPE's audit counts differently, that `onpe_count` says
//! so).

use olinpe::dictionary::ids::CODES;
use olinpe::engine::{Engine, Mode, Options, OutputFile};
use olinpe::finding::Code;
use olinpe::pseudo::Key;
use olinpe::report::Report;
use olinpe::rules::record::EXAMPLE_MINOR;
use std::collections::BTreeMap;

/// A CSV of the 105 variables: each row is `EXAMPLE_MINOR` (a judicial placement of a child
/// of ten, free of findings) with `changes`.
fn csv(rows: &[&[(&str, &str)]]) -> String {
    let mut out = CODES[..105].join(";");
    out.push('\n');
    for changes in rows {
        let cells: Vec<&str> = CODES[..105]
            .iter()
            .map(|c| {
                changes
                    .iter()
                    .find(|(k, _)| k == c)
                    .or_else(|| EXAMPLE_MINOR.iter().find(|(k, _)| k == c))
                    .map_or("", |(_, v)| *v)
            })
            .collect();
        out.push_str(&cells.join(";"));
        out.push('\n');
    }
    out
}

fn run(mode: Mode, repair: bool, data: &str) -> (Report, BTreeMap<OutputFile, Vec<u8>>) {
    let opts = Options {
        mode,
        repair,
        input_name: "onpe.csv".into(),
        max_findings: 100_000,
        date_export: (mode == Mode::Pseudonymise).then(|| "2019-03-01".to_string()),
        ..Options::default()
    };
    // Dummy key only (docs/spec/OLINPE.md §3.3).
    let key = (mode != Mode::Check).then(|| Key::from_env_value("CLE_DE_TEST").expect("key"));
    let mut e = Engine::new(opts, key).expect("options");
    let mut out: BTreeMap<OutputFile, Vec<u8>> = BTreeMap::new();
    e.push(data.as_bytes()).expect("readable");
    for c in e.drain_output() {
        out.entry(c.file).or_default().extend(c.bytes);
    }
    let f = e.finish().expect("readable");
    for c in f.outputs {
        out.entry(c.file).or_default().extend(c.bytes);
    }
    (f.report, out)
}

/// `(row, code, variable)` of the report's findings with `code`.
fn hits(r: &Report, code: Code) -> Vec<(Option<u64>, Option<String>)> {
    r.findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| (f.row, f.variable.clone()))
        .collect()
}

fn section<'a>(r: &'a Report, id: &str) -> &'a olinpe::rules::audit::AuditEntry {
    r.audit.iter().find(|a| a.section == id).expect(id)
}

/// The value of `var` on each data line of a `;` CSV output.
fn column(csv: &[u8], var: &str) -> Vec<String> {
    let text = String::from_utf8(csv.to_vec()).expect("UTF-8");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(';').collect();
    let i = header.iter().position(|h| *h == var).expect(var);
    lines
        .map(|l| l.split(';').nth(i).unwrap_or("").to_owned())
        .collect()
}

/// ONPE "repairs" a day-first event date into a year and a month; the guide's event dates are
/// full dates: `--repair` moves the digits into `AAAA-MM-JJ`, day kept.
#[test]
fn day_first_event_dates_are_repaired_as_full_dates() {
    let data = csv(&[&[("DATDEB", "15/05/2018"), ("DATIP", "10/01/2018")]]);
    let (r, out) = run(Mode::Check, true, &data);
    assert_eq!(hits(&r, Code::ValueRepaired).len(), 2);
    let repaired = &out[&OutputFile::Repaired];
    assert_eq!(column(repaired, "DATDEB"), ["2018-05-15"]);
    assert_eq!(column(repaired, "DATIP"), ["2018-01-10"]);
    // The year-month variables are the only ones cut to AAAA-MM.
    let data = csv(&[&[("DCMERE", "2"), ("DATDCMERE", "2015-03-12")]]);
    let (_, out) = run(Mode::Check, true, &data);
    assert_eq!(
        column(&out[&OutputFile::Repaired], "DATDCMERE"),
        ["2015-03"]
    );
}

/// ONPE fills an empty NUMANONYMANT with forty `f`; the guide's first sending sets it equal
/// to NUMANONYM.
#[test]
fn an_empty_numanonymant_is_not_forty_f() {
    // A nominative export (invented identity values) whose NUMANONYMANT is empty.
    let decree = csv(&[&[("NUMANONYM", ""), ("NUMANONYMANT", "")]]);
    let mut lines = decree.lines();
    let data = format!(
        "{};PRENOM;NOMMERE\n{};Testprenom;Testnommere\n",
        lines.next().expect("header"),
        lines.next().expect("row")
    );
    let (r, out) = run(Mode::Pseudonymise, false, &data);
    let tx = &out[&OutputFile::TransmissionCsv];
    let ids = column(tx, "NUMANONYM");
    let previous = column(tx, "NUMANONYMANT");
    assert_eq!(previous, ids);
    assert_ne!(previous[0], "f".repeat(40));
    assert_eq!(hits(&r, Code::NumanonymantSetEqual).len(), 1);
}

/// ONPE blanks NATDECPLAC 3 (OPP du parquet) as a 2011 code; it is valid in 2016 (§4.4): no
/// finding, kept in the transmission, and `onpe_count` of 0051 says ONPE will count it.
#[test]
fn natdecplac_3_is_valid_and_kept() {
    let data = csv(&[&[("NATDECPLAC", "3")]]);
    let (r, _) = run(Mode::Check, false, &data);
    assert!(hits(&r, Code::LegacyCode).is_empty() && hits(&r, Code::InvalidCode).is_empty());
    let e = section(&r, "0051");
    assert_eq!((e.status, e.count, e.onpe_count), ("green", 0, Some(1)));
}

/// ONPE ties TYPETABSPE to SCOCLASPE; the guide ties it to ETABSCOSPE (specialised unit).
#[test]
fn typetabspe_follows_etabscospe() {
    let data = csv(&[
        // In a specialised unit, not in a specific class: fine by the guide, ONPE flags it.
        &[
            ("ETABSCOSPE", "2"),
            ("TYPETABSPE", "850"),
            ("SCOCLASPE", "1"),
        ],
        // A specific class in ordinary school, no specialised unit: flagged by the guide.
        &[
            ("ETABSCOSPE", "1"),
            ("TYPETABSPE", "850"),
            ("SCOCLASPE", "2"),
            ("TYPCLASSPE", "11"),
        ],
    ]);
    let (r, _) = run(Mode::Check, false, &data);
    assert_eq!(
        hits(&r, Code::FilledOutsideCondition),
        [(Some(2), Some("TYPETABSPE".to_owned()))]
    );
    // ONPE counts row 1 where the guide counts row 2: the same number, other rows, so no
    // `onpe_count` (written only when the numbers differ).
    let e = section(&r, "0013");
    assert_eq!((e.count, e.onpe_count), (1, None));
    // Row 1 alone: ONPE would count it, the guide does not.
    let data = csv(&[&[
        ("ETABSCOSPE", "2"),
        ("TYPETABSPE", "850"),
        ("SCOCLASPE", "1"),
    ]]);
    let (r, _) = run(Mode::Check, false, &data);
    let e = section(&r, "0013");
    assert_eq!((e.status, e.count, e.onpe_count), ("green", 0, Some(1)));
}

/// ONPE requires CHGLIEU on every renewal; the guide only on the renewal of a minor's
/// placement or accueil.
#[test]
fn chglieu_only_on_a_minors_placement_renewal() {
    let renewal: &[(&str, &str)] = &[
        ("TYPEV", "2"),
        ("TRAITINFO", ""),
        ("DATIP", ""),
        ("ORIGIP", ""),
        ("TRANSIP", ""),
        ("ENQPENAL", ""),
        ("SAISJUR", ""),
        ("NOTIFEVAL", ""),
        ("FINEVAL", ""),
        ("MESANT", ""),
        ("ACCFAM", ""),
        ("CONDADD", ""),
        ("DEFINTEL", ""),
        ("CONFL", ""),
        ("VIOLFAM", ""),
        ("SOUTSOC", ""),
        ("INTERANT", ""),
        ("PROJET", ""),
        ("DATPPE", ""),
    ];
    let aemo: Vec<(&str, &str)> = renewal
        .iter()
        .copied()
        .chain([
            ("NATDECASSED", "15"),
            ("TYPDECJUD", "5"),
            ("NATDECPLAC", ""),
            ("INSTITPLAC", ""),
            ("LIEUPLAC", ""),
            ("PLACMOD", ""),
            ("AUTRLIEUAR", ""),
        ])
        .collect();
    let data = csv(&[&aemo, renewal]);
    let (r, _) = run(Mode::Check, false, &data);
    // Row 2, a minor's placement renewal without CHGLIEU: required; row 1, an AEMO: not.
    assert_eq!(
        hits(&r, Code::CascadeMissing),
        [(Some(2), Some("CHGLIEU".to_owned()))]
    );
    let e = section(&r, "0056");
    assert_eq!((e.count, e.onpe_count), (1, Some(2)));
}

/// ONPE's "fin sans début" query does not restrict the opening to the same young person; an
/// end is matched to an opening of its own young person only.
#[test]
fn an_end_is_not_matched_to_another_young_persons_opening() {
    let other = "fedcba9876543210fedcba9876543210fedcba98";
    let data = csv(&[
        // Young person A's opening on 2018-05-15.
        &[],
        // Young person B's end of a measure said to start on 2018-05-15.
        &[
            ("NUMANONYM", other),
            ("NUMANONYMANT", other),
            ("TYPEV", "3"),
            ("TRAITINFO", ""),
            ("DATIP", ""),
            ("ORIGIP", ""),
            ("TRANSIP", ""),
            ("ENQPENAL", ""),
            ("SAISJUR", ""),
            ("NOTIFEVAL", ""),
            ("FINEVAL", ""),
            ("MESANT", ""),
            ("ACCFAM", ""),
            ("INTERANT", ""),
            ("PROJET", ""),
            ("DATPPE", ""),
            ("DATFIN", "2018-10-31"),
            ("MOTFININT", "2"),
            ("MOTIFML", "10"),
            ("NBCHGLIEU", "0"),
        ],
    ]);
    let (r, _) = run(Mode::Check, false, &data);
    assert_eq!(
        hits(&r, Code::EndWithoutStart),
        [(Some(2), Some("DATDEB".to_owned()))]
    );
    let e = section(&r, "0060");
    assert_eq!((e.status, e.count, e.onpe_count), ("red", 1, Some(0)));
}
