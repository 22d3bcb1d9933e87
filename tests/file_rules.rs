//! File rules (`olinpe::rules::file`) and the ONPE audit (`olinpe::rules::audit`) driven
//! directly with records built by hand: identity consistency, NUMANONYMANT, duplicates,
//! reference year, perimeter, end without start, differences from the opening line,
//! durations, variable statistics, audit sections, statuses and ONPE counts.

use olinpe::dictionary::ids::{self, N_ALL, N_DECREE};
use olinpe::finding::{Code, Finding, Severity};
use olinpe::record::Record;
use olinpe::rules::audit::{section_of, Audit, AuditEntry};
use olinpe::rules::file::{FileOptions, FileOutcome, FileRules};
use olinpe::rules::VariableStats;

const ID_A: &str = "0123456789abcdef0123456789abcdef01234567";
const ID_B: &str = "fedcba9876543210fedcba9876543210fedcba98";
const ID_C: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

/// A coherent TYPEV=1 administrative record of 2018 for young person `id`, with `changes`.
fn rec(row: u64, id: &str, changes: &[(usize, &str)]) -> Record {
    let mut r = Record::new();
    r.row = row;
    r.line = row + 1;
    let base: &[(usize, &str)] = &[
        (ids::NUMDEP, "84"),
        (ids::NUMANONYM, id),
        (ids::NUMANONYMANT, id),
        (ids::TYPEV, "1"),
        (ids::SEXE, "1"),
        (ids::ANAIS, "2008"),
        (ids::MNAIS, "05"),
        (ids::DECISION, "1"),
        (ids::NATPDECADM, "14"),
        (ids::LIEUACC, "1"),
        (ids::DATDECPE, "2018-03-01"),
        (ids::DATDEB, "2018-03-05"),
    ];
    for &(i, v) in base {
        let v = changes.iter().find(|(c, _)| *c == i).map_or(v, |(_, v)| *v);
        r.set(i, v);
    }
    for &(i, v) in changes {
        if !base.iter().any(|(b, _)| *b == i) {
            r.set(i, v);
        }
    }
    r
}

/// Statistics where every variable is present and informative.
fn full_stats() -> VariableStats {
    VariableStats {
        present: [true; N_ALL],
        filled: [10; N_ALL],
        informative: [10; N_ALL],
    }
}

/// Runs the file rules over `records`: (live findings, outcome).
fn run(records: &[Record], year: Option<i32>) -> (Vec<Finding>, FileOutcome) {
    let mut fr = FileRules::new(FileOptions { year });
    let mut live = Vec::new();
    for r in records {
        fr.observe(r, &mut live);
    }
    (live, fr.finish(&full_stats()))
}

/// (row, code, variable) of findings with `code`.
fn hits(fs: &[Finding], code: Code) -> Vec<(Option<u64>, Option<&str>)> {
    fs.iter()
        .filter(|f| f.code == code)
        .map(|f| (f.row, f.variable.as_deref()))
        .collect()
}

#[test]
fn identity_inconsistency_is_reported_after_the_first_record() {
    let records = [
        rec(1, ID_A, &[]),
        rec(2, ID_A, &[(ids::ANAIS, "2007")]),
        rec(3, ID_A, &[]),
        rec(4, ID_A, &[(ids::SEXE, "2"), (ids::MNAIS, "06")]),
        rec(5, ID_B, &[(ids::ANAIS, "2001")]),
        rec(6, &ID_A.to_uppercase(), &[(ids::SEXE, "2")]),
    ];
    let (live, out) = run(&records, None);
    assert_eq!(
        hits(&live, Code::IdentityInconsistent),
        vec![
            (Some(2), Some("ANAIS")),
            (Some(4), Some("MNAIS")),
            (Some(4), Some("SEXE")),
            (Some(6), Some("SEXE")),
        ]
    );
    let f = live
        .iter()
        .find(|f| f.code == Code::IdentityInconsistent)
        .unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.contains("enregistrement 1"), "{}", f.message);
    assert!(f.message.contains("ANAIS"), "{}", f.message);
    assert_eq!(f.line, Some(3));
    assert_eq!(out.inconsistent_people, 1);
    // The uppercase identifier is the same young person.
    assert_eq!(out.young_people, 2);
}

#[test]
fn numanonymant_multiple_and_shared() {
    let records = [
        rec(1, ID_A, &[]),
        rec(2, ID_A, &[(ids::NUMANONYMANT, ID_C)]),
        rec(3, ID_B, &[(ids::NUMANONYMANT, ID_A)]),
        rec(4, ID_B, &[(ids::NUMANONYMANT, ID_A)]),
        rec(5, ID_C, &[(ids::NUMANONYMANT, "")]),
    ];
    let (live, _) = run(&records, None);
    assert_eq!(
        hits(&live, Code::NumanonymantMultiple),
        vec![(Some(2), Some("NUMANONYMANT"))]
    );
    assert_eq!(
        hits(&live, Code::NumanonymantShared),
        vec![
            (Some(3), Some("NUMANONYMANT")),
            (Some(4), Some("NUMANONYMANT"))
        ]
    );
    let shared = live
        .iter()
        .find(|f| f.code == Code::NumanonymantShared)
        .unwrap();
    assert!(
        shared.message.contains("enregistrement 1"),
        "{}",
        shared.message
    );
}

#[test]
fn duration_over_730_days_needs_two_real_dates() {
    let end = |row, deb: &str, fin: &str| {
        rec(
            row,
            ID_A,
            &[(ids::TYPEV, "3"), (ids::DATDEB, deb), (ids::DATFIN, fin)],
        )
    };
    let records = [
        end(1, "2016-01-01", "2018-01-01"), // 731 days (2016 is leap)
        end(2, "2016-03-01", "2018-03-01"), // 730 days
        end(3, "2015-05-99", "2018-01-01"), // partial date: no rule
        end(4, "2015-02-30", "2018-01-01"), // impossible date: no rule
        end(5, "2012-01-01", "2018-06-30"),
    ];
    let (live, _) = run(&records, None);
    assert_eq!(
        hits(&live, Code::DurationOver730),
        vec![(Some(1), Some("DATFIN")), (Some(5), Some("DATFIN"))]
    );
    let f = live
        .iter()
        .find(|f| f.code == Code::DurationOver730)
        .unwrap();
    assert!(f.message.contains("731 jours"), "{}", f.message);
}

#[test]
fn duplicates_full_administrative_and_judicial() {
    let jud = |row, id, extra: &[(usize, &str)]| {
        let mut ch = vec![
            (ids::DECISION, "2"),
            (ids::NATPDECADM, ""),
            (ids::LIEUACC, ""),
            (ids::NATDECASSED, "15"),
            (ids::TYPDECJUD, "5"),
        ];
        ch.extend_from_slice(extra);
        rec(row, id, &ch)
    };
    let records = [
        rec(1, ID_A, &[]),
        rec(2, ID_A, &[(ids::ACCFAM, "2")]), // administrative duplicate of 1
        rec(3, ID_A, &[]),                   // full (and administrative) duplicate of 1
        rec(4, ID_B, &[]),                   // another young person: no duplicate
        jud(5, ID_A, &[]),
        jud(6, ID_A, &[(ids::SANTE, "1")]), // judicial duplicate of 5
        jud(7, ID_A, &[(ids::TYPDECJUD, "6")]), // different TYPDECJUD: none
        rec(8, ID_A, &[(ids::TYPEV, "2")]), // different TYPEV: none
    ];
    let (live, out) = run(&records, None);
    assert!(live
        .iter()
        .all(|f| !f.code.as_str().starts_with("duplicate")));
    let d = &out.deferred_findings();
    assert_eq!(hits(d, Code::DuplicateFull), vec![(Some(3), None)]);
    assert_eq!(
        hits(d, Code::DuplicateAdministrative),
        vec![(Some(2), None), (Some(3), None)]
    );
    assert_eq!(hits(d, Code::DuplicateJudicial), vec![(Some(6), None)]);
    let full = d.iter().find(|f| f.code == Code::DuplicateFull).unwrap();
    assert_eq!((full.line, full.severity), (Some(4), Severity::Warning));
    assert!(
        full.message.contains("enregistrement 1"),
        "{}",
        full.message
    );
    let judicial = d
        .iter()
        .find(|f| f.code == Code::DuplicateJudicial)
        .unwrap();
    assert!(judicial.message.contains("enregistrement 5"));
}

#[test]
fn reference_year_rules() {
    let dec = |row, d: &str| {
        rec(
            row,
            ID_A,
            &[(ids::DATDECPE, d), (ids::DATDEB, "2010-01-01")],
        )
    };
    // Tie 2017/2018 on DATDECPE → the later year; 9999 and 0000 are not usable.
    let records = [
        dec(1, "2017-05-01"),
        dec(2, "2018-99-99"),
        dec(3, "2017-06-99"),
        dec(4, "2018-01-01"),
        dec(5, "9999-99-99"),
        dec(6, "0000-00-00"),
    ];
    let (_, out) = run(&records, None);
    assert_eq!(out.reference_year, Some(2018));
    // 2 records of 6 carry 2018: under half → weak warning.
    assert_eq!(hits(&out.file_findings, Code::ReferenceYearWeak).len(), 1);
    // --year overrides and silences the weak warning.
    let (_, out) = run(&records, Some(2016));
    assert_eq!(out.reference_year, Some(2016));
    assert!(hits(&out.file_findings, Code::ReferenceYearWeak).is_empty());

    // No usable DATDECPE → DATDEB.
    let records = [
        rec(1, ID_A, &[(ids::DATDECPE, ""), (ids::DATDEB, "2019-02-01")]),
        rec(
            2,
            ID_A,
            &[(ids::DATDECPE, "9999-99-99"), (ids::DATDEB, "2019-05-01")],
        ),
    ];
    let (_, out) = run(&records, None);
    assert_eq!(out.reference_year, Some(2019));
    assert!(out
        .file_findings
        .iter()
        .all(|f| !f.code.as_str().starts_with("reference")));

    // Neither → None and an error, unless --year.
    let records = [rec(1, ID_A, &[(ids::DATDECPE, ""), (ids::DATDEB, "")])];
    let (_, out) = run(&records, None);
    assert_eq!(out.reference_year, None);
    let missing = hits(&out.file_findings, Code::ReferenceYearMissing);
    assert_eq!(missing, vec![(None, None)]);
    let (_, out) = run(&records, Some(2018));
    assert_eq!(out.reference_year, Some(2018));
    assert!(hits(&out.file_findings, Code::ReferenceYearMissing).is_empty());
}

#[test]
fn out_of_perimeter_when_no_date_falls_in_the_year() {
    let records = [
        rec(1, ID_A, &[]),
        rec(2, ID_A, &[]),
        rec(
            3,
            ID_B,
            &[(ids::DATDECPE, "2016-01-01"), (ids::DATDEB, "2016-02-01")],
        ),
        rec(
            4,
            ID_B,
            &[
                (ids::TYPEV, "3"),
                (ids::DATDECPE, "2016-01-01"),
                (ids::DATDEB, "2016-02-01"),
                (ids::DATFIN, "2018-99-99"),
            ],
        ),
        rec(
            5,
            ID_C,
            &[(ids::DATDECPE, "2017-12-31"), (ids::DATDEB, "2018-01-01")],
        ),
    ];
    let (_, out) = run(&records, None);
    assert_eq!(out.reference_year, Some(2018));
    assert_eq!(
        hits(&out.deferred_findings(), Code::OutOfPerimeter),
        vec![(Some(3), None)]
    );
    let deferred = out.deferred_findings();
    let f = deferred
        .iter()
        .find(|f| f.code == Code::OutOfPerimeter)
        .unwrap();
    assert_eq!(f.line, Some(4));
    assert!(f.message.contains("2018"));
}

#[test]
fn end_without_start_only_in_the_reference_year_and_per_young_person() {
    let end = |row, id, deb: &str| {
        rec(
            row,
            id,
            &[
                (ids::TYPEV, "3"),
                (ids::DATDEB, deb),
                (ids::DATFIN, "2018-10-01"),
                (ids::MOTFININT, "1"),
            ],
        )
    };
    let records = [
        rec(1, ID_A, &[(ids::DATDEB, "2018-03-05")]),
        end(2, ID_A, "2018-03-05"), // opened by row 1
        end(3, ID_B, "2018-03-05"), // same DATDEB, other young person: ours flags, ONPE not
        end(4, ID_B, "2017-06-01"), // opened in an earlier file: fine
        end(5, ID_C, "2018-07-01"), // nothing opens it
        rec(6, ID_C, &[(ids::TYPEV, "2"), (ids::DATDEB, "2018-08-01")]),
        end(7, ID_C, "2018-08-01"), // opened by the renewal of row 6
        end(8, ID_A, "2018-99-99"), // partial DATDEB in the year, nothing opens it
    ];
    let (_, out) = run(&records, None);
    assert_eq!(
        hits(&out.deferred_findings(), Code::EndWithoutStart),
        vec![
            (Some(3), Some("DATDEB")),
            (Some(5), Some("DATDEB")),
            (Some(8), Some("DATDEB"))
        ]
    );
    // ONPE: rows 5 and 8 (no TYPEV 1/2 of any young person carries their DATDEB).
    assert_eq!(out.onpe_end_without_start, 2);
}

#[test]
fn differences_from_the_opening_line() {
    let records = [
        // A renewal seen before the opening it renews, with the same dates, another
        // NATPDECADM and DATDECPE: compared by the renewal rules, not as an end.
        rec(
            1,
            ID_A,
            &[
                (ids::TYPEV, "2"),
                (ids::NATPDECADM, "21"),
                (ids::DATDECPE, "2018-09-01"),
            ],
        ),
        rec(2, ID_A, &[]),
        // The end repeats everything but DATDECPE and AUTREDA.
        rec(
            3,
            ID_A,
            &[
                (ids::TYPEV, "3"),
                (ids::DATDECPE, "2018-03-02"),
                (ids::AUTREDA, "texte"),
                (ids::DATFIN, "2018-12-01"),
            ],
        ),
        // Two measures opened the same day; the end matches the second: fine.
        rec(4, ID_B, &[(ids::NATPDECADM, "13")]),
        rec(5, ID_B, &[]),
        rec(6, ID_B, &[(ids::TYPEV, "3"), (ids::DATFIN, "2018-12-01")]),
        // Another DATDEB: not the same measure.
        rec(
            7,
            ID_A,
            &[
                (ids::TYPEV, "2"),
                (ids::DATDEB, "2018-06-01"),
                (ids::DECISION, "2"),
            ],
        ),
    ];
    let (_, out) = run(&records, None);
    assert_eq!(
        hits(&out.deferred_findings(), Code::DiffersFromOpening),
        vec![(Some(3), Some("AUTREDA")), (Some(3), Some("DATDECPE"))]
    );
    assert_eq!(
        hits(&out.deferred_findings(), Code::RenewalDiffers),
        vec![(Some(1), Some("NATPDECADM"))]
    );
    assert_eq!(
        hits(&out.deferred_findings(), Code::RenewalSameDates),
        vec![(Some(1), Some("DATDEB"))]
    );
    let deferred = out.deferred_findings();
    let f = deferred
        .iter()
        .find(|f| f.code == Code::DiffersFromOpening)
        .unwrap();
    assert!(f.message.contains("enregistrement 2"), "{}", f.message);
    assert!(hits(&out.deferred_findings(), Code::EndWithoutStart).is_empty());
}

#[test]
fn deferred_findings_are_sorted_by_row_then_code() {
    let records = [
        rec(1, ID_A, &[]),
        rec(
            2,
            ID_B,
            &[(ids::DATDECPE, "2016-01-01"), (ids::DATDEB, "2016-01-02")],
        ),
        rec(3, ID_A, &[]),
        rec(
            4,
            ID_B,
            &[(ids::DATDECPE, "2016-01-01"), (ids::DATDEB, "2016-01-02")],
        ),
        rec(5, ID_A, &[]),
        rec(6, ID_A, &[]),
    ];
    let (_, out) = run(&records, None);
    let keys: Vec<(Option<u64>, Code)> = out
        .deferred_findings()
        .iter()
        .map(|f| (f.row, f.code))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(keys.contains(&(Some(4), Code::DuplicateFull)));
    assert!(keys.contains(&(Some(4), Code::OutOfPerimeter)));
}

#[test]
fn variable_statistics_and_typev_findings() {
    let mut stats = full_stats();
    stats.present[ids::AUTREDJ] = false;
    stats.present[ids::UTDP] = false; // UTDP is never "absent"
    stats.filled[ids::DATPPE] = 0;
    stats.informative[ids::DATPPE] = 0;
    stats.informative[ids::DANGER] = 0;
    let mut fr = FileRules::new(FileOptions::default());
    let mut live = Vec::new();
    fr.observe(&rec(1, ID_A, &[]), &mut live);
    fr.observe(
        &rec(2, ID_A, &[(ids::TYPEV, "3"), (ids::DATFIN, "2018-05-01")]),
        &mut live,
    );
    let out = fr.finish(&stats);
    let ff = &out.file_findings;
    assert_eq!(
        hits(ff, Code::VariableAbsent),
        vec![(None, Some("AUTREDJ"))]
    );
    assert_eq!(
        hits(ff, Code::VariableAlwaysEmpty),
        vec![(None, Some("DATPPE"))]
    );
    assert_eq!(
        hits(ff, Code::VariableAlwaysNsp),
        vec![(None, Some("DANGER"))]
    );
    assert_eq!(hits(ff, Code::TypevAbsent), vec![(None, Some("TYPEV"))]);
    let absent = ff.iter().find(|f| f.code == Code::TypevAbsent).unwrap();
    assert!(absent.message.contains("TYPEV=2"), "{}", absent.message);
    let dist = ff
        .iter()
        .find(|f| f.code == Code::TypevDistribution)
        .unwrap();
    assert_eq!(dist.severity, Severity::Info);
    assert!(
        dist.message.contains("1 enregistrement(s) TYPEV=1"),
        "{}",
        dist.message
    );
    assert_eq!(out.typev, [1, 0, 1]);
    assert!(ff.iter().all(|f| f.row.is_none() && f.line.is_none()));
}

#[test]
fn hex_case_mixed_is_one_file_finding() {
    let (_, out) = run(&[rec(1, ID_A, &[]), rec(2, ID_B, &[])], None);
    assert!(hits(&out.file_findings, Code::HexCaseMixed).is_empty());
    let upper = ID_B.to_uppercase();
    let (_, out) = run(&[rec(1, ID_A, &[]), rec(2, &upper, &[])], None);
    assert_eq!(
        hits(&out.file_findings, Code::HexCaseMixed),
        vec![(None, Some("NUMANONYM"))]
    );
}

#[test]
fn a_clean_file_gives_no_error_and_no_warning() {
    let records = [
        rec(1, ID_A, &[]),
        // The first period ends the day before its renewal starts.
        rec(
            5,
            ID_A,
            &[
                (ids::TYPEV, "3"),
                (ids::DATFIN, "2018-09-01"),
                (ids::MOTFININT, "1"),
            ],
        ),
        rec(
            2,
            ID_A,
            &[
                (ids::TYPEV, "2"),
                (ids::DATDECPE, "2018-09-01"),
                (ids::DATDEB, "2018-09-02"),
            ],
        ),
        rec(
            3,
            ID_A,
            &[
                (ids::TYPEV, "3"),
                (ids::DATDECPE, "2018-09-01"),
                (ids::DATDEB, "2018-09-02"),
                (ids::DATFIN, "2018-12-01"),
            ],
        ),
        rec(4, ID_B, &[(ids::DATDEB, "2018-04-01")]),
    ];
    let (live, out) = run(&records, None);
    let deferred = out.deferred_findings();
    let noisy: Vec<&Finding> = live
        .iter()
        .chain(&out.file_findings)
        .chain(&deferred)
        .filter(|f| f.severity != Severity::Info)
        .collect();
    assert!(noisy.is_empty(), "{noisy:#?}");
    assert_eq!(out.young_people, 2);
    assert_eq!(out.records, 5);
    assert_eq!(out.typev, [2, 1, 2]);
}

// ----------------------------------------------------------------------------------------
// Audit

fn clean_outcome() -> FileOutcome {
    FileOutcome {
        reference_year: Some(2018),
        young_people: 2,
        typev: [2, 1, 1],
        records: 4,
        ..FileOutcome::default()
    }
}

fn row_finding(code: Code, row: u64, variable: Option<&str>) -> Finding {
    Finding {
        code,
        severity: Severity::Warning,
        row: Some(row),
        line: Some(row + 1),
        variable: variable.map(str::to_owned),
        message: String::new(),
    }
}

fn entry<'a>(entries: &'a [AuditEntry], id: &str) -> &'a AuditEntry {
    entries.iter().find(|e| e.section == id).expect(id)
}

const ALL_SECTIONS: [&str; 36] = [
    "0002", "0003", "0004", "0005", "0007", "0009", "0010", "0011", "0012", "0013", "0018", "0022",
    "0026", "0028", "0030", "0032", "0034", "0035", "0036", "0038", "0044", "0045", "0046", "0047",
    "0048", "0049", "0050", "0051", "0052", "0053", "0054", "0056", "0058", "0060", "0080", "0095",
];

#[test]
fn every_section_is_listed_green_when_nothing_is_found() {
    let a = Audit::new();
    let entries = a.finish(&full_stats(), &clean_outcome());
    let ids: Vec<&str> = entries.iter().map(|e| e.section).collect();
    assert_eq!(ids, ALL_SECTIONS);
    for e in &entries {
        assert_eq!(e.status, "green", "{e:?}");
        assert!(e.variables.is_empty(), "{e:?}");
        // ONPE never counts NBENF as informative: it lists it among the variables always
        // coded "ne sait pas" as soon as it is filled (§0.2 onpe_count of 0004).
        let onpe = if e.section == "0004" { Some(1) } else { None };
        assert_eq!(e.onpe_count, onpe, "{e:?}");
        assert!(!e.analysis_impossible && e.note.is_none(), "{e:?}");
        assert!(!e.title.is_empty());
    }
    assert_eq!(entry(&entries, "0007").count, 1); // the least frequent TYPEV
    assert_eq!(entry(&entries, "0005").unit, "young_people");
    assert_eq!(entry(&entries, "0002").unit, "variables");
    assert_eq!(entry(&entries, "0036").unit, "records");
}

#[test]
fn findings_map_to_sections() {
    let cases: &[(Code, Option<&str>, Option<&str>)] = &[
        (Code::InvalidFormat, Some("DATIP"), Some("0009")),
        (Code::InvalidFormat, Some("ANAIS"), Some("0009")),
        (Code::InvalidFormat, Some("NBFRAT"), None),
        (Code::DateFormatRepairable, Some("DATDEB"), Some("0009")),
        (Code::YearBefore1920, Some("ANSMERE"), Some("0009")),
        (Code::AgeOver20, Some("ANAIS"), Some("0010")),
        (Code::ParentBirthYear, Some("ANSA1"), Some("0010")),
        (Code::BirthAfterEvent, Some("ANAIS"), Some("0010")),
        (Code::ReservedMinors, Some("TITAP"), Some("0011")),
        (Code::ReservedAdults, Some("MENAGEJM"), Some("0012")),
        (Code::FilledOutsideCondition, Some("DATPPE"), Some("0013")),
        (Code::FilledWrongEvent, Some("CHGLIEU"), Some("0013")),
        (Code::FilledWrongEvent, Some("DATFIN"), None),
        (Code::DuplicateFull, None, Some("0018")),
        (Code::DuplicateAdministrative, None, Some("0022")),
        (Code::DuplicateJudicial, None, Some("0026")),
        (Code::MandatoryMissing, Some("DECISION"), Some("0028")),
        (Code::InvalidCode, Some("DECISION"), Some("0028")),
        (Code::ImperativeDateMissing, Some("DATDECPE"), Some("0030")),
        (Code::ImperativeDateMissing, Some("DATDEB"), Some("0032")),
        (Code::ImperativeDateMissing, Some("DATFIN"), Some("0034")),
        (Code::ImperativeDatePartial, Some("DATFIN"), None),
        (Code::MandatoryMissing, Some("MOTFININT"), Some("0035")),
        (Code::InvalidCode, Some("MOTFININT"), Some("0035")),
        (Code::MandatoryMissing, Some("SEXE"), None),
        (Code::OutOfPerimeter, None, Some("0036")),
        (Code::CascadeMissing, Some("NATPDECADM"), Some("0038")),
        (Code::InvalidCode, Some("TYPINTERDOM"), Some("0044")),
        (Code::CascadeMissing, Some("LIEUACC"), Some("0045")),
        (Code::CascadeMissingMinor, Some("ACCMOD"), Some("0046")),
        (Code::CascadeMissingMinor, Some("AUTRLIEUACC"), Some("0047")),
        (Code::LegacyCode, Some("NATDECASSED"), Some("0048")),
        (Code::CascadeMissing, Some("TYPDECJUD"), Some("0049")),
        (Code::CascadeMissing, Some("INSTITPLAC"), Some("0050")),
        (Code::CascadeMissing, Some("NATDECPLAC"), Some("0051")),
        (Code::CascadeMissing, Some("LIEUPLAC"), Some("0052")),
        (Code::CascadeMissingMinor, Some("PLACMOD"), Some("0053")),
        (Code::CascadeMissingMinor, Some("AUTRLIEUAR"), Some("0054")),
        (Code::CascadeMissing, Some("CHGLIEU"), Some("0056")),
        (Code::CascadeMissingMinor, Some("AUTREDA"), None),
        (Code::InvalidCode, Some("SANTE"), None),
        (Code::DatfinWrongTypev, Some("DATFIN"), Some("0058")),
        (Code::EndWithoutStart, Some("DATDEB"), Some("0060")),
        (Code::DurationOver730, Some("DATFIN"), Some("0095")),
        (Code::IdentityInconsistent, Some("ANAIS"), None),
        (Code::ApplicableEmpty, Some("SANTE"), None),
    ];
    for &(code, var, want) in cases {
        assert_eq!(section_of(code, var), want, "{code} {var:?}");
    }
}

#[test]
fn records_are_counted_once_per_section_in_any_order() {
    let mut a = Audit::new();
    // Two findings of one record, a deferred finding arriving late for an earlier row,
    // and the same row again out of order.
    a.observe(&row_finding(
        Code::FilledOutsideCondition,
        7,
        Some("DATPPE"),
    ));
    a.observe(&row_finding(
        Code::FilledOutsideCondition,
        7,
        Some("ORIENTEFF"),
    ));
    a.observe(&row_finding(Code::FilledWrongEvent, 9, Some("CHGLIEU")));
    a.observe(&row_finding(
        Code::FilledOutsideCondition,
        200,
        Some("DATPPE"),
    ));
    a.observe(&row_finding(
        Code::FilledOutsideCondition,
        3,
        Some("MOTIFML"),
    ));
    a.observe(&row_finding(
        Code::FilledOutsideCondition,
        7,
        Some("DATPPE"),
    ));
    a.observe(&row_finding(Code::OutOfPerimeter, 5, None));
    a.observe(&row_finding(Code::OutOfPerimeter, 2, None));
    a.observe(&row_finding(Code::OutOfPerimeter, 5, None));
    let entries = a.finish(&full_stats(), &clean_outcome());
    let e13 = entry(&entries, "0013");
    assert_eq!((e13.count, e13.status), (4, "orange"));
    assert_eq!(e13.variables, ["CHGLIEU", "DATPPE", "MOTIFML", "ORIENTEFF"]);
    let e36 = entry(&entries, "0036");
    assert_eq!((e36.count, e36.status), (2, "red"));
    assert!(e36.variables.is_empty());
    // No record observed: ONPE's own counts are unknown, so not written.
    assert_eq!(e13.onpe_count, None);
}

#[test]
fn statistics_sections_and_always_nsp_colour() {
    let mut stats = full_stats();
    stats.present[ids::AUTREDJ] = false;
    stats.present[ids::UTDP] = false;
    stats.filled[ids::DATPPE] = 0;
    stats.informative[ids::DATPPE] = 0;
    stats.informative[ids::TYPCLASSPE] = 0;
    stats.informative[ids::NATPDECADM] = 0;
    stats.informative[ids::NBENF] = 0;
    let mut a = Audit::new();
    a.observe(&row_finding(Code::CascadeMissing, 4, Some("NATPDECADM")));
    a.observe(&row_finding(Code::CascadeMissing, 4, Some("NATDECASSED")));
    let mut outcome = clean_outcome();
    outcome.inconsistent_people = 3;
    outcome.typev = [4, 0, 2];
    let entries = a.finish(&stats, &outcome);
    let e = |id| entry(&entries, id);
    assert_eq!((e("0002").count, e("0002").status), (1, "red"));
    assert_eq!(e("0002").variables, ["AUTREDJ"]);
    assert_eq!(e("0003").variables, ["DATPPE"]);
    assert_eq!(e("0004").variables, ["NATPDECADM", "NBENF", "TYPCLASSPE"]);
    assert_eq!(e("0004").onpe_count, Some(2)); // ONPE misses TYPCLASSPE=99
    assert_eq!((e("0005").count, e("0005").status), (3, "red"));
    assert_eq!((e("0007").count, e("0007").status), (0, "orange"));
    assert_eq!(e("0007").variables, ["TYPEV"]);
    // NATPDECADM always NSP: orange; NATDECASSED is informative: red.
    assert_eq!((e("0038").count, e("0038").status), (1, "orange"));
    assert_eq!((e("0048").count, e("0048").status), (1, "red"));
    // Not a single variable missing over N_DECREE → UTDP never counted.
    assert!(e("0002").variables.len() < N_DECREE);
}

#[test]
fn onpe_counts_where_onpe_rules_differ() {
    // An adult (born 2000-01, decision 2018-03) with EMPLJM and TYPCLASSPE=99 without
    // SCOCLASPE=2: ONPE flags 0011 (EMPLJM in its minors list) and 0013 (NSP is filled);
    // our rules (by the guide) flag neither.
    let adult = rec(
        1,
        ID_A,
        &[
            (ids::ANAIS, "2000"),
            (ids::MNAIS, "01"),
            (ids::NATPDECADM, "21"),
            (ids::EMPLJM, "6"),
            (ids::SCODTCOM, "2"),
            (ids::SCOCLASPE, "1"),
            (ids::TYPCLASSPE, "99"),
        ],
    );
    // A judicial placement with NATDECPLAC=3 (valid in 2016) and a renewal without CHGLIEU
    // for an AEMO (ours: not a placement, so no CHGLIEU expected).
    let placement = rec(
        2,
        ID_B,
        &[
            (ids::DECISION, "2"),
            (ids::NATPDECADM, ""),
            (ids::LIEUACC, ""),
            (ids::NATDECASSED, "17"),
            (ids::NATDECPLAC, "3"),
            (ids::INSTITPLAC, "3"),
            (ids::LIEUPLAC, "20"),
        ],
    );
    let renewal = rec(
        3,
        ID_C,
        &[
            (ids::TYPEV, "2"),
            (ids::DECISION, "2"),
            (ids::NATPDECADM, ""),
            (ids::LIEUACC, ""),
            (ids::NATDECASSED, "15"),
            (ids::TYPDECJUD, "5"),
        ],
    );
    let mut a = Audit::new();
    for r in [&adult, &placement, &renewal] {
        a.observe_record(r);
    }
    // Our rules: LIEUPLAC=20 is a warning of its own (lieuplac-20), not an absence.
    a.observe(&row_finding(Code::Lieuplac20, 2, Some("LIEUPLAC")));
    let mut outcome = clean_outcome();
    outcome.onpe_end_without_start = 2;
    let entries = a.finish(&full_stats(), &outcome);
    let e = |id| entry(&entries, id);
    assert_eq!(
        (e("0011").count, e("0011").status, e("0011").onpe_count),
        (0, "green", Some(1))
    );
    assert_eq!(e("0013").onpe_count, Some(1));
    assert_eq!(e("0051").onpe_count, Some(1));
    assert_eq!(e("0052").onpe_count, Some(1));
    assert_eq!(e("0056").onpe_count, Some(1));
    assert_eq!(e("0060").onpe_count, Some(2));
    // Where ONPE agrees, nothing is written.
    assert_eq!(e("0044").onpe_count, None);
    assert_eq!(e("0058").onpe_count, None);
}

#[test]
fn section_0080_is_evaluated_on_records() {
    let mut a = Audit::new();
    a.observe_record(&rec(
        1,
        ID_A,
        &[
            (ids::TYPEV, "3"),
            (ids::DATDEB, ""),
            (ids::DATFIN, "2018-05-01"),
        ],
    ));
    a.observe_record(&rec(
        2,
        ID_A,
        &[
            (ids::TYPEV, "3"),
            (ids::DATDEB, "9999-99-99"),
            (ids::DATFIN, "2018-05-01"),
        ],
    ));
    a.observe_record(&rec(
        3,
        ID_A,
        &[(ids::TYPEV, "3"), (ids::DATFIN, "2018-05-01")],
    ));
    let entries = a.finish(&full_stats(), &clean_outcome());
    let e = entry(&entries, "0080");
    assert_eq!((e.count, e.status), (2, "red"));
    assert_eq!(e.variables, ["DATDEB", "DATFIN"]);
}

// ----------------------------------------------------------------------------------------
// The audit fixtures (tests/fixtures/audit): the sections decided by the file rules and the
// variable statistics alone are checked here; the record-rule sections need the engine and
// are checked end to end once readers and record rules are merged.

/// Reads a fixture written one element per line (`make_fixtures.py`): the records and the
/// statistics, with "ne sait pas" taken as the all-nines codes (enough for these fixtures).
fn read_fixture(name: &str) -> (Vec<Record>, VariableStats) {
    let path = format!("{}/tests/fixtures/audit/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    let mut records = Vec::new();
    let mut stats = VariableStats::default();
    let mut cur: Option<Record> = None;
    for (n, line) in text.lines().enumerate() {
        let t = line.trim();
        if t == "<DONNEE>" {
            let mut r = Record::new();
            r.row = records.len() as u64 + 1;
            r.line = n as u64 + 1;
            cur = Some(r);
        } else if t == "</DONNEE>" {
            records.push(cur.take().expect("open record"));
        } else if let Some(r) = cur.as_mut() {
            let (name, value) = match t.strip_suffix("/>") {
                Some(empty) => (empty.trim_start_matches('<'), ""),
                None => {
                    let open = t.find('>').expect("element");
                    let close = t.rfind("</").expect("closing tag");
                    (&t[1..open], &t[open + 1..close])
                }
            };
            let i = ids::CODES.iter().position(|c| *c == name).expect(name);
            r.set(i, value);
            stats.present[i] = true;
            if !value.is_empty() && value != "0000-00-00" {
                stats.filled[i] += 1;
                let nsp = value.bytes().all(|b| b == b'9' || b == b'-') && i != ids::LIEUACC;
                if !nsp {
                    stats.informative[i] += 1;
                }
            }
        }
    }
    (records, stats)
}

fn expected_statuses(name: &str) -> Vec<(String, String, u64)> {
    let path = format!("{}/tests/fixtures/audit/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path)
        .expect("expected statuses")
        .lines()
        .skip(1)
        .map(|l| {
            let mut p = l.split(';');
            let s = p.next().unwrap().to_owned();
            let st = p.next().unwrap().to_owned();
            let c = p.next().unwrap().parse().unwrap();
            (s, st, c)
        })
        .collect()
}

/// Sections decided by the file rules, the statistics and the records alone.
const FILE_SECTIONS: [&str; 11] = [
    "0002", "0003", "0004", "0005", "0007", "0018", "0022", "0026", "0036", "0060", "0080",
];

fn check_fixture(xml: &str, expected: &str) {
    let (records, stats) = read_fixture(xml);
    let mut fr = FileRules::new(FileOptions::default());
    let mut audit = Audit::new();
    let mut live = Vec::new();
    for r in &records {
        fr.observe(r, &mut live);
        audit.observe_record(r);
    }
    let outcome = fr.finish(&stats);
    for f in live
        .iter()
        .chain(&outcome.file_findings)
        .chain(&outcome.deferred_findings())
    {
        audit.observe(f);
    }
    let entries = audit.finish(&stats, &outcome);
    let want = expected_statuses(expected);
    assert_eq!(want.len(), ALL_SECTIONS.len());
    for (section, status, count) in want {
        if !FILE_SECTIONS.contains(&section.as_str()) && section != "0095" {
            continue;
        }
        let e = entry(&entries, &section);
        assert_eq!(
            (e.status, e.count),
            (status.as_str(), count),
            "{xml} section {section}: {e:?}"
        );
    }
    assert_eq!(outcome.reference_year, Some(2018));
}

#[test]
fn all_sections_fixture_file_level_sections() {
    check_fixture("all-sections.xml", "expected-status.txt");
}

#[test]
fn guide_2026_fixture_file_level_sections() {
    check_fixture("guide-2026.xml", "guide-2026-expected-status.txt");
}

#[test]
fn clean_fixture_file_level_sections() {
    check_fixture("clean.xml", "clean-expected-status.txt");
    let (records, stats) = read_fixture("clean.xml");
    assert!(stats.present[..N_DECREE].iter().all(|&p| p));
    assert!(stats.informative[..N_DECREE].iter().all(|&n| n > 0));
    let (live, out) = run(&records, None);
    let deferred = out.deferred_findings();
    let noisy: Vec<&Finding> = live
        .iter()
        .chain(&out.file_findings)
        .chain(&deferred)
        .filter(|f| f.severity != Severity::Info)
        .collect();
    assert!(noisy.is_empty(), "{noisy:#?}");
}

/// Throughput of the file rules and the audit (run with
/// `cargo test --release --test tests file_rules:: -- --ignored --nocapture throughput`).
#[test]
#[ignore]
fn throughput() {
    let n = 300_000u64;
    let template = read_fixture("clean.xml").0;
    let mut fr = FileRules::new(FileOptions::default());
    let mut audit = Audit::new();
    let mut out = Vec::new();
    let mut r = Record::new();
    // Cost of building the records alone, subtracted below.
    let build = std::time::Instant::now();
    for i in 0..n {
        let t = &template[(i % template.len() as u64) as usize];
        r.clear();
        for v in 0..N_ALL {
            r.set(v, t.get(v));
        }
        let id = format!("{:040x}", i / 3);
        r.set(ids::NUMANONYM, &id);
        r.set(ids::NUMANONYMANT, &id);
        std::hint::black_box(&r);
    }
    let build = build.elapsed();
    let start = std::time::Instant::now();
    for i in 0..n {
        let t = &template[(i % template.len() as u64) as usize];
        r.clear();
        r.row = i + 1;
        r.line = i + 2;
        for v in 0..N_ALL {
            r.set(v, t.get(v));
        }
        let id = format!("{:040x}", i / 3);
        r.set(ids::NUMANONYM, &id);
        r.set(ids::NUMANONYMANT, &id);
        fr.observe(&r, &mut out);
        audit.observe_record(&r);
        for f in out.drain(..) {
            audit.observe(&f);
        }
    }
    let observed = start.elapsed();
    let outcome = fr.finish(&full_stats());
    for f in outcome
        .deferred_findings()
        .iter()
        .chain(&outcome.file_findings)
    {
        audit.observe(f);
    }
    let entries = audit.finish(&full_stats(), &outcome);
    let total = start.elapsed();
    let rate = n as f64 / observed.saturating_sub(build).as_secs_f64();
    println!(
        "{n} records: observe {:.0} records/s (building them: {:?}), finish {:?}, total {:?}, {} deferred, {} sections",
        rate,
        build,
        total - observed,
        total,
        outcome.deferred_findings().len(),
        entries.len()
    );
    assert!(rate > 100_000.0, "{rate} records/s");
}

/// Runs the engine (check mode) on an audit fixture: its audit and its findings.
fn engine_audit(xml: &str) -> (Vec<AuditEntry>, Vec<Finding>) {
    use olinpe::engine::{Engine, Options};
    let path = format!("{}/tests/fixtures/audit/{xml}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).expect("fixture");
    let opts = Options {
        input_name: xml.to_owned(),
        max_findings: 100_000,
        ..Options::default()
    };
    let mut engine = Engine::new(opts, None).expect("options");
    for chunk in bytes.chunks(4096) {
        engine.push(chunk).expect("readable fixture");
    }
    let finished = engine.finish().expect("readable fixture");
    (finished.report.audit, finished.report.findings)
}

fn check_engine_fixture(xml: &str, expected: &str) {
    let (audit, findings) = engine_audit(xml);
    let got: Vec<(String, String, u64)> = audit
        .iter()
        .map(|e| (e.section.to_owned(), e.status.to_owned(), e.count))
        .collect();
    let want = expected_statuses(expected);
    let diff: Vec<String> = want
        .iter()
        .zip(&got)
        .filter(|(w, g)| w != g)
        .map(|(w, g)| format!("expected {w:?}, got {g:?}"))
        .collect();
    let relevant: Vec<String> = findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| format!("{:?} {} {:?}", f.row, f.code, f.variable))
        .collect();
    assert!(
        diff.is_empty() && want.len() == got.len(),
        "{xml}:\n{}\nfindings:\n{}",
        diff.join("\n"),
        relevant.join("\n")
    );
}

#[test]
fn all_sections_fixture_through_the_engine() {
    check_engine_fixture("all-sections.xml", "expected-status.txt");
}

#[test]
fn clean_fixture_through_the_engine() {
    check_engine_fixture("clean.xml", "clean-expected-status.txt");
}

// ----------------------------------------------------------------------------------------
// Rules of docs/spec/OLINPE.md §0.2 added on 2026-12-06.

const ID_D: &str = "dddddddddddddddddddddddddddddddddddddddd";
const ID_E: &str = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";
const ID_F: &str = "ffffffffffffffffffffffffffffffffffffffff";

/// The end (TYPEV 3) of the period of `id` opened on `deb`, ended on `fin`.
fn end_of(row: u64, id: &str, deb: &str, fin: &str, changes: &[(usize, &str)]) -> Record {
    let mut all = vec![
        (ids::TYPEV, "3"),
        (ids::DATDEB, deb),
        (ids::DATFIN, fin),
        (ids::MOTFININT, "1"),
    ];
    all.extend_from_slice(changes);
    rec(row, id, &all)
}

/// A renewal (TYPEV 2) of `id` decided on `decpe`, starting on `deb`.
fn renewal_of(row: u64, id: &str, decpe: &str, deb: &str, changes: &[(usize, &str)]) -> Record {
    let mut all = vec![
        (ids::TYPEV, "2"),
        (ids::DATDECPE, decpe),
        (ids::DATDEB, deb),
    ];
    all.extend_from_slice(changes);
    rec(row, id, &all)
}

/// Segments and renewals (§0.2, guide p. 6–7 and p. 10): a renewal carries new dates and is
/// linked to the segment it renews by its decision; it is compared with it.
#[test]
fn renewals_are_linked_and_compared() {
    let judicial = |nat: &'static str| {
        [
            (ids::DECISION, "2"),
            (ids::NATPDECADM, ""),
            (ids::LIEUACC, ""),
            (ids::NATDECASSED, nat),
        ]
    };
    let records = [
        // A: opened, ended the day before its renewal, renewed (the guide's example): fine.
        rec(1, ID_A, &[(ids::DATDEB, "2018-01-05")]),
        end_of(2, ID_A, "2018-01-05", "2018-06-30", &[]),
        renewal_of(3, ID_A, "2018-06-25", "2018-07-01", &[]),
        // B: a renewal with the dates of what it renews.
        rec(4, ID_B, &[(ids::DATDEB, "2018-02-01")]),
        renewal_of(5, ID_B, "2018-03-01", "2018-02-01", &[]),
        // C: a period renewed in the year without its end; the next renewal starts next year
        // (its renewed period is closed in next year's file).
        rec(6, ID_C, &[(ids::DATDEB, "2018-01-10")]),
        renewal_of(7, ID_C, "2018-07-20", "2018-08-01", &[]),
        renewal_of(8, ID_C, "2018-12-20", "2019-01-05", &[]),
        // D: a renewal whose nature differs (no segment of that nature: the latest with the
        // same DECISION), and AUTREDA.
        rec(9, ID_D, &[(ids::DATDEB, "2018-01-15")]),
        end_of(10, ID_D, "2018-01-15", "2018-05-31", &[]),
        renewal_of(
            11,
            ID_D,
            "2018-05-30",
            "2018-06-01",
            &[(ids::NATPDECADM, "13"), (ids::AUTREDA, "texte")],
        ),
        // E: a renewal of a measure opened in an earlier file: nothing to compare.
        renewal_of(
            12,
            ID_E,
            "2018-04-01",
            "2018-04-02",
            &[(ids::NATPDECADM, "13")],
        ),
        // F: an AEMO and a placement, each renewed: each renewal renews its own nature,
        // the AEMO's although the placement is later.
        rec(
            13,
            ID_F,
            &with(
                &judicial("15"),
                &[(ids::DATDEB, "2017-12-01"), (ids::DATDECPE, "2017-11-20")],
            ),
        ),
        end_of(
            14,
            ID_F,
            "2017-12-01",
            "2018-11-30",
            &with(&judicial("15"), &[(ids::DATDECPE, "2017-11-20")]),
        ),
        rec(
            15,
            ID_F,
            &with(&judicial("17"), &[(ids::DATDEB, "2018-02-01")]),
        ),
        end_of(16, ID_F, "2018-02-01", "2018-08-31", &judicial("17")),
        renewal_of(17, ID_F, "2018-08-31", "2018-09-01", &judicial("17")),
        renewal_of(18, ID_F, "2018-11-28", "2018-12-01", &judicial("15")),
    ];
    let (_, out) = run(&records, None);
    let d = out.deferred_findings();
    assert_eq!(
        hits(&d, Code::RenewalSameDates),
        vec![(Some(5), Some("DATDEB"))]
    );
    assert_eq!(
        hits(&d, Code::RenewalWithoutEnd),
        vec![(Some(7), Some("DATDEB"))]
    );
    assert_eq!(
        hits(&d, Code::RenewalDiffers),
        vec![(Some(11), Some("AUTREDA")), (Some(11), Some("NATPDECADM"))]
    );
    // Renewals are not "differs-from-opening" (TYPEV 3 only), and nothing else fires.
    let others: Vec<_> = d
        .iter()
        .filter(|f| {
            !matches!(
                f.code,
                Code::RenewalSameDates
                    | Code::RenewalWithoutEnd
                    | Code::RenewalDiffers
                    | Code::OutOfPerimeter
            )
        })
        .map(|f| (f.row, f.code))
        .collect();
    assert!(others.is_empty(), "{others:?}");
    let f = d
        .iter()
        .find(|f| f.code == Code::RenewalWithoutEnd)
        .unwrap();
    assert!(
        f.message.contains("enregistrement 6") && f.message.contains("2018-01-10"),
        "{}",
        f.message
    );
    assert_eq!(f.severity, Severity::Warning);
    let f = d.iter().find(|f| f.code == Code::RenewalSameDates).unwrap();
    assert!(f.message.contains("enregistrement 4"), "{}", f.message);
    // They count in no audit section.
    for c in [
        Code::RenewalSameDates,
        Code::RenewalWithoutEnd,
        Code::RenewalDiffers,
    ] {
        assert_eq!(section_of(c, Some("DATDEB")), None);
    }
}

fn with(
    base: &[(usize, &'static str)],
    extra: &[(usize, &'static str)],
) -> Vec<(usize, &'static str)> {
    let mut v: Vec<(usize, &'static str)> = base.to_vec();
    for &(i, x) in extra {
        v.retain(|(k, _)| *k != i);
        v.push((i, x));
    }
    v
}

/// A TYPEV 1 or 2 line with DATDEB empty or 9999-99-99: decided in the reference year, the
/// « décision » line of a measure not started yet (information, guide p. 5); decided another
/// year, a missing imperative date (§0.2 Imperative dates).
#[test]
fn decision_not_started_depends_on_the_reference_year() {
    let records = [
        rec(1, ID_A, &[]),
        rec(2, ID_A, &[(ids::DATDEB, ""), (ids::DATDECPE, "2018-12-10")]),
        rec(
            3,
            ID_B,
            &[
                (ids::DATDEB, "9999-99-99"),
                (ids::DATDECPE, "2018-12-10"),
                (ids::TYPEV, "2"),
            ],
        ),
        rec(4, ID_C, &[(ids::DATDEB, ""), (ids::DATDECPE, "2017-12-10")]),
        // An end line, or DATDEB 0000-00-00: the record rules' error, not this.
        end_of(5, ID_C, "", "2018-05-01", &[]),
        rec(6, ID_C, &[(ids::DATDEB, "0000-00-00")]),
    ];
    let (_, out) = run(&records, None);
    let d = out.deferred_findings();
    assert_eq!(
        hits(&d, Code::DecisionNotStarted),
        vec![(Some(2), Some("DATDEB")), (Some(3), Some("DATDEB"))]
    );
    assert_eq!(
        hits(&d, Code::ImperativeDateMissing),
        vec![(Some(4), Some("DATDEB"))]
    );
    let f = d
        .iter()
        .find(|f| f.code == Code::DecisionNotStarted)
        .unwrap();
    assert_eq!(f.severity, Severity::Info);
    assert!(
        f.message.contains("2018") && f.message.contains("0032"),
        "{}",
        f.message
    );
    // The reference year decides: with --year 2017, row 4 is the not-started one.
    let (_, out) = run(&records, Some(2017));
    let d = out.deferred_findings();
    assert_eq!(
        hits(&d, Code::DecisionNotStarted),
        vec![(Some(4), Some("DATDEB"))]
    );
    assert_eq!(
        hits(&d, Code::ImperativeDateMissing),
        vec![(Some(2), Some("DATDEB")), (Some(3), Some("DATDEB"))]
    );
    // The audit counts it in no section, but ONPE will count it in 0032.
    let mut a = Audit::new();
    let (_, out) = run(&records, None);
    for f in out.deferred_findings() {
        a.observe(&f);
    }
    a.observe_record(&records[0]);
    let entries = a.finish(&full_stats(), &out);
    let e = entry(&entries, "0032");
    assert_eq!((e.count, e.status, e.onpe_count), (1, "red", Some(3)));
}

/// NBCHGLIEU is expected on the end of a minor's placement or accueil that no later event
/// of the young person follows (hypothesis 1, guide p. 51 and p. 53).
#[test]
fn nbchglieu_is_expected_at_the_exit_from_protection() {
    let records = [
        // A: a minor's accueil ends, nothing follows: expected.
        rec(1, ID_A, &[]),
        end_of(2, ID_A, "2018-03-05", "2018-09-30", &[(ids::NBCHGLIEU, "")]),
        // B: ends, then renewed: not expected (hypothesis 2).
        rec(3, ID_B, &[]),
        end_of(4, ID_B, "2018-03-05", "2018-09-30", &[(ids::NBCHGLIEU, "")]),
        renewal_of(5, ID_B, "2018-09-28", "2018-10-01", &[]),
        // C: filled, or column absent, or an AEMO, or a young adult: nothing.
        end_of(
            6,
            ID_C,
            "2017-03-05",
            "2018-09-30",
            &[(ids::NBCHGLIEU, "1")],
        ),
        end_of(7, ID_D, "2017-03-05", "2018-09-30", &[]),
        end_of(
            8,
            ID_E,
            "2017-03-05",
            "2018-09-30",
            &[
                (ids::NBCHGLIEU, ""),
                (ids::DECISION, "2"),
                (ids::NATPDECADM, ""),
                (ids::NATDECASSED, "15"),
            ],
        ),
        end_of(
            9,
            ID_F,
            "2017-03-05",
            "2018-09-30",
            &[
                (ids::NBCHGLIEU, ""),
                (ids::ANAIS, "1998"),
                (ids::NATPDECADM, "21"),
            ],
        ),
        // D, later: a new measure decided but not started yet follows: not expected.
        end_of(
            10,
            ID_C,
            "2018-01-05",
            "2018-06-30",
            &[(ids::NBCHGLIEU, "")],
        ),
        rec(
            11,
            ID_C,
            &[(ids::DATDEB, ""), (ids::DATDECPE, "2018-12-01")],
        ),
    ];
    let (_, out) = run(&records, None);
    let d = out.deferred_findings();
    assert_eq!(
        hits(&d, Code::ApplicableEmpty),
        vec![(Some(2), Some("NBCHGLIEU"))]
    );
    let f = d.iter().find(|f| f.code == Code::ApplicableEmpty).unwrap();
    assert!(
        f.message.contains("sortie") && f.message.contains("99"),
        "{}",
        f.message
    );
}

/// Decisions per DATDECPE year with their young people, minors and young adults (the ONPE's
/// « 2018 : 26 (25) ; 2017 : 2 (2) »).
#[test]
fn population_by_year_and_age() {
    let records = [
        rec(1, ID_A, &[]),
        rec(
            2,
            ID_A,
            &[(ids::DATDEB, "2018-06-05"), (ids::DATDECPE, "2018-06-01")],
        ),
        end_of(
            3,
            ID_B,
            "2017-03-05",
            "2018-05-01",
            &[(ids::DATDECPE, "2017-03-01")],
        ),
        rec(4, ID_C, &[(ids::ANAIS, "1999"), (ids::NATPDECADM, "21")]),
        rec(5, ID_D, &[(ids::ANAIS, "9999")]),
        rec(6, "", &[(ids::DATDECPE, "2016-01-01")]),
        rec(7, ID_E, &[(ids::DATDECPE, "9999-99-99")]),
    ];
    let (_, out) = run(&records, None);
    let p = &out.population;
    let years: Vec<(u16, u64, u64)> = p
        .decisions_by_year
        .iter()
        .map(|y| (y.year, y.decisions, y.young_people))
        .collect();
    assert_eq!(years, vec![(2018, 4, 3), (2017, 1, 1), (2016, 1, 0)]);
    // A, B and E are minors (E's age from DATDEB), C a young adult, D unknown.
    assert_eq!((p.minors, p.young_adults), (3, 1));
    assert_eq!(out.young_people, 5);
}

/// Analysis impossible (§0.2): a cascade variable "ne sait pas" on every record under its
/// section's condition turns the section orange, with ONPE's sentence; no record under the
/// condition: green; anomalies: ONPE's colour.
#[test]
fn analysis_impossible_sections() {
    let mut out = clean_outcome();
    let k = |v: usize| olinpe::dictionary::ids::CODES[v];
    // ACCMOD (0046): 3 records under the condition, none informative.
    out.cascade_under[3] = 3;
    // LIEUPLAC (0052): records under the condition, one informative.
    out.cascade_under[9] = 2;
    out.cascade_informative[9] = 1;
    // TYPDECJUD (0049): none under the condition.
    // CHGLIEU (0056): all NSP but one record counted (an anomaly): ONPE's colour.
    out.cascade_under[12] = 2;
    let mut a = Audit::new();
    a.observe(&row_finding(Code::CascadeMissing, 8, Some("CHGLIEU")));
    let entries = a.finish(&full_stats(), &out);
    let e = entry(&entries, "0046");
    assert_eq!(
        (e.status, e.count, e.analysis_impossible),
        ("orange", 0, true)
    );
    assert_eq!(e.variables, [k(ids::ACCMOD)]);
    assert_eq!(
        e.note.as_deref(),
        Some("La variable ACCMOD étant systématiquement codifiée en \"Ne sait pas\", il n'est pas possible d'effectuer cette analyse.")
    );
    for id in ["0049", "0052", "0038"] {
        let e = entry(&entries, id);
        assert_eq!((e.status, e.analysis_impossible), ("green", false), "{e:?}");
    }
    let e = entry(&entries, "0056");
    assert_eq!(
        (e.status, e.count, e.analysis_impossible),
        ("red", 1, false)
    );
    // Serialised only when true.
    let json = serde_json::to_string(&entries).unwrap();
    assert_eq!(json.matches("analysis_impossible").count(), 1);
}

/// `onpe_count` where ONPE's rule differs: 0004 (its "ne sait pas" quirks), 0010 (ages over
/// 20 and parents' years only), 0095 (every nature).
#[test]
fn onpe_counts_of_0004_0010_0095() {
    // 0004: ours lists TYPINTERDOM (always 9), TRAITINFO (always 9), DATDECMIN (always
    // 9999-99) and SANTE; ONPE takes 9 and 9999-99 for answers, and never NBENF.
    let mut stats = full_stats();
    for v in [ids::TYPINTERDOM, ids::TRAITINFO, ids::DATDECMIN, ids::SANTE] {
        stats.informative[v] = 0;
    }
    let entries = Audit::new().finish(&stats, &clean_outcome());
    let e = entry(&entries, "0004");
    assert_eq!((e.count, e.onpe_count), (4, Some(2))); // SANTE and NBENF
                                                       // 0010 and 0095 on records.
    let mut a = Audit::new();
    let prenatal = rec(1, ID_A, &[(ids::ANAIS, "2018"), (ids::MNAIS, "05")]);
    let older = rec(2, ID_B, &[(ids::ANAIS, "1996"), (ids::NATPDECADM, "21")]);
    let parent = rec(3, ID_C, &[(ids::ANSA1, "2000")]);
    let mother = rec(4, ID_D, &[(ids::ANSMERE, "2000")]);
    let pupille = end_of(
        5,
        ID_E,
        "2015-01-05",
        "2018-06-30",
        &[(ids::NATPDECADM, "15"), (ids::DATDECPE, "2015-01-02")],
    );
    for r in [&prenatal, &older, &parent, &mother, &pupille] {
        a.observe_record(r);
    }
    // Ours: the prenatal line is event-before-birth (no section); the mother born in 2000
    // is parent-birth-year; the pupille's long measure is not excessive.
    a.observe(&row_finding(Code::EventBeforeBirth, 1, Some("ANAIS")));
    a.observe(&row_finding(Code::AgeOver20, 2, Some("ANAIS")));
    a.observe(&row_finding(Code::ParentBirthYear, 3, Some("ANSA1")));
    a.observe(&row_finding(Code::ParentBirthYear, 4, Some("ANSMERE")));
    let entries = a.finish(&full_stats(), &clean_outcome());
    let e = entry(&entries, "0010");
    // ONPE: rows 2 and 3 (ANSMERE 2000 is not after a 2008 birth).
    assert_eq!((e.count, e.status, e.onpe_count), (3, "red", Some(2)));
    let e = entry(&entries, "0095");
    assert_eq!((e.count, e.status, e.onpe_count), (0, "green", Some(1)));
}
