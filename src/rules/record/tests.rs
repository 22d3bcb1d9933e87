//! Table tests of the record rules: every case starts from a fully valid example record
//! (which must give no finding at all) and changes a few values.

use super::*;
use crate::dictionary::index_of;

/// Builds a record from `base` with `changes` applied; a value `"-"` removes the variable
/// (absent column).
fn rec(base: &[(&str, &str)], changes: &[(&str, &str)]) -> Record {
    let mut r = Record::new();
    r.row = 7;
    r.line = 8;
    for (code, v) in base {
        if changes.iter().any(|(c, _)| c == code) {
            continue;
        }
        r.set(
            index_of(code).unwrap_or_else(|| panic!("unknown {code}")),
            v,
        );
    }
    for (code, v) in changes {
        if *v != "-" {
            r.set(
                index_of(code).unwrap_or_else(|| panic!("unknown {code}")),
                v,
            );
        }
    }
    r
}

fn run(base: &[(&str, &str)], changes: &[(&str, &str)]) -> Vec<(Code, String)> {
    let mut out = Vec::new();
    check(&rec(base, changes), &mut out);
    for f in &out {
        assert_eq!((f.row, f.line), (Some(7), Some(8)));
        assert!(
            !f.message.contains('{'),
            "unrendered placeholder: {}",
            f.message
        );
    }
    let mut got: Vec<(Code, String)> = out
        .iter()
        .map(|f| (f.code, f.variable.clone().unwrap_or_default()))
        .collect();
    got.sort();
    got
}

fn expect(base: &[(&str, &str)], changes: &[(&str, &str)], want: &[(Code, &str)]) {
    let got = run(base, changes);
    let mut want: Vec<(Code, String)> = want.iter().map(|(c, v)| (*c, v.to_string())).collect();
    want.sort();
    assert_eq!(got, want, "changes {changes:?}");
}

const M: &[(&str, &str)] = EXAMPLE_MINOR;
const A: &[(&str, &str)] = EXAMPLE_ADULT;

/// The minor's record as a renewal (TYPEV 2): blocks 19–27 and 58–66 emptied, CHGLIEU set.
const RENEWAL: &[(&str, &str)] = &[
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
    ("CHGLIEU", "1"),
];

fn with(
    base: &[(&str, &'static str)],
    extra: &[(&'static str, &'static str)],
) -> Vec<(&'static str, &'static str)> {
    let mut v: Vec<(&'static str, &'static str)> = Vec::new();
    for (c, x) in base.iter().chain(extra.iter()) {
        let c: &'static str = index_of(c).map(|i| VARIABLES[i].code).unwrap_or("?");
        v.retain(|(k, _)| *k != c);
        v.push((c, x));
    }
    v
}

fn renewal() -> Vec<(&'static str, &'static str)> {
    with(M, RENEWAL)
}

/// The minor's placement ending (TYPEV 3) at 11.
fn ending() -> Vec<(&'static str, &'static str)> {
    with(
        M,
        &[
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
            ("DATFIN", "2019-04-30"),
            ("MOTFININT", "2"),
            ("MOTIFML", "10"),
            ("NBCHGLIEU", "0"),
        ],
    )
}

#[test]
fn baselines_give_no_finding() {
    assert_eq!(VARIABLES.len(), N_ALL, "dictionary table incomplete");
    expect(M, &[], &[]);
    expect(A, &[], &[]);
    expect(&renewal(), &[], &[]);
    expect(&ending(), &[], &[]);
    // Every variable present but UTDP absent, or UTDP present and empty: same.
    expect(M, &[("UTDP", "")], &[]);
    expect(M, &[("UTDP", "T01")], &[]);
}

#[test]
fn baseline_holds_every_decree_variable() {
    for base in [M, A] {
        assert_eq!(base.len(), ids::N_DECREE);
        let r = rec(base, &[]);
        assert!((0..ids::N_DECREE).all(|i| r.is_present(i)));
    }
}

#[test]
fn codes_and_legacy_codes() {
    expect(M, &[("SEXE", "3")], &[(Code::InvalidCode, "SEXE")]);
    expect(M, &[("SEXE", " 1")], &[(Code::InvalidCode, "SEXE")]);
    expect(M, &[("NUMDEP", "20")], &[(Code::InvalidCode, "NUMDEP")]);
    expect(
        M,
        &[("NATDECASSED", "25")],
        &[(Code::InvalidCode, "NATDECASSED")],
    );
    expect(M, &[("NIVSCO", "341")], &[(Code::InvalidCode, "NIVSCO")]);
    expect(M, &[("TYPEV", "4")], &[(Code::InvalidCode, "TYPEV")]);
    expect(M, &[("NUMDEP", "69M")], &[]);
    expect(M, &[("NUMDEP", "976")], &[]);
    expect(M, &[("NUMDEP", "2B")], &[]);
    expect(
        M,
        &[("NUMDEP", "977")],
        &[(Code::NumdepOutsideXsd, "NUMDEP")],
    );
    expect(
        M,
        &[("NUMDEP", "987")],
        &[(Code::NumdepOutsideXsd, "NUMDEP")],
    );
    expect(M, &[("NUMDEP", "69")], &[(Code::LegacyCode, "NUMDEP")]);
    expect(M, &[("FREQSCO", "2")], &[(Code::LegacyCode, "FREQSCO")]);
    expect(
        M,
        &[("NATDECASSED", "12")],
        &[(Code::LegacyCode, "NATDECASSED")],
    );
    expect(M, &[("LIEUPLAC", "14")], &[(Code::LegacyCode, "LIEUPLAC")]);
    expect(M, &[("TITAP", "10")], &[(Code::LegacyCode, "TITAP")]);
    expect(M, &[("EMPLA1", "40")], &[(Code::LegacyCode, "EMPLA1")]);
    expect(M, &[("VIOLSEX", "3")], &[(Code::LegacyCode, "VIOLSEX")]);
    expect(M, &[("NIVSCO", "450")], &[(Code::LegacyCode, "NIVSCO")]);
    // NATDECPLAC 3 (OPP du Parquet) is valid in 2016.
    expect(M, &[("NATDECPLAC", "3")], &[]);
    // LIEUACC 9 is "Lieu de vie", its NSP is 99.
    expect(A, &[("LIEUACC", "9")], &[]);
    expect(A, &[("LIEUACC", "99")], &[]);
    expect(A, &[("LIEUACC", "15")], &[(Code::LegacyCode, "LIEUACC")]);
}

#[test]
fn formats() {
    expect(
        M,
        &[("DATDEB", "2018-02-30")],
        &[(Code::InvalidFormat, "DATDEB")],
    );
    expect(
        M,
        &[("DATIP", "2018-13-01")],
        &[(Code::InvalidFormat, "DATIP")],
    );
    // The unknown-part forms the guide prints (§0.2 Imperative dates): partial dates.
    expect(M, &[("DATIP", "9999-01-10")], &[]);
    expect(M, &[("DATIP", "2018-99-10")], &[]);
    expect(
        M,
        &[("DATIP", "9999-02-30")],
        &[(Code::InvalidFormat, "DATIP")],
    );
    expect(
        M,
        &[("DATIP", "2018-99-32")],
        &[(Code::InvalidFormat, "DATIP")],
    );
    expect(
        M,
        &[("DATIP", "1850-01-10")],
        &[(Code::InvalidFormat, "DATIP")],
    );
    expect(M, &[("DATIP", "2016-02-29")], &[]);
    expect(M, &[("DATIP", "2018-01-99")], &[]);
    expect(M, &[("DATIP", "2017-99-99")], &[]);
    expect(M, &[("DATIP", "9999-99-99")], &[]);
    expect(M, &[("ANAIS", "08")], &[(Code::InvalidFormat, "ANAIS")]);
    expect(M, &[("ANAIS", "1850")], &[(Code::InvalidFormat, "ANAIS")]);
    expect(M, &[("MNAIS", "13")], &[(Code::InvalidFormat, "MNAIS")]);
    expect(M, &[("MNAIS", "00")], &[(Code::InvalidFormat, "MNAIS")]);
    expect(M, &[("NBFRAT", "100")], &[(Code::InvalidFormat, "NBFRAT")]);
    expect(M, &[("NBFRAT", "07")], &[]);
    expect(M, &[("NBFRAT", "99")], &[]);
    // A year-month written as a full date is the reader's (date-format-repairable, or
    // datdecmin-full-date), which --repair cuts to AAAA-MM: the rules stay silent.
    expect(M, &[("DCMERE", "2"), ("DATDCMERE", "2015-03-12")], &[]);
    expect(
        M,
        &[("DCMERE", "2"), ("DATDCMERE", "2015-03-1")],
        &[(Code::InvalidFormat, "DATDCMERE")],
    );
    expect(M, &[("DCMERE", "2"), ("DATDCMERE", "2015-03")], &[]);
    expect(M, &[("DCMERE", "2"), ("DATDCMERE", "2015-99")], &[]);
    expect(M, &[("DCMERE", "2"), ("DATDCMERE", "9999-99")], &[]);
    expect(M, &[("UTDP", "T012")], &[(Code::InvalidFormat, "UTDP")]);
    let long = "x".repeat(41);
    let exact = "é".repeat(40);
    let adm = [("NATDECASSED", "21"), ("AUTREDJ", long.as_str())];
    expect(M, &adm, &[(Code::InvalidFormat, "AUTREDJ")]);
    expect(
        M,
        &[("NATDECASSED", "21"), ("AUTREDJ", exact.as_str())],
        &[],
    );
}

#[test]
fn reader_reported_shapes_stay_silent() {
    // leading-zero-lost and date-format-repairable belong to the reader.
    expect(M, &[("DATIP", "10/01/2018")], &[]);
    expect(M, &[("DATIP", "10-01-2018")], &[]);
    expect(M, &[("DATIP", "2018/01/10")], &[]);
    expect(M, &[("NUMDEP", "5")], &[]);
    expect(M, &[("MNAIS", "3")], &[]);
    expect(M, &[("DATIP", "3/1/2018")], &[]);
    expect(M, &[("DATIP", "2018-1-10")], &[]);
    expect(M, &[("DCMERE", "2"), ("DATDCMERE", "03/2015")], &[]);
    // What the reader does not take for spreadsheet damage is the rules' to report.
    expect(
        M,
        &[("DATIP", "2018.01.10")],
        &[(Code::InvalidFormat, "DATIP")],
    );
    expect(M, &[("MNAIS", "0")], &[(Code::InvalidFormat, "MNAIS")]);
}

#[test]
fn identifiers() {
    let short = "a".repeat(39);
    expect(
        M,
        &[("NUMANONYM", short.as_str())],
        &[(Code::IdentifierInvalid, "NUMANONYM")],
    );
    let bad = format!("{}z", "a".repeat(39));
    expect(
        M,
        &[("NUMANONYMANT", bad.as_str())],
        &[(Code::IdentifierInvalid, "NUMANONYMANT")],
    );
    let upper = "ABCDEF0123".repeat(4);
    expect(M, &[("NUMANONYM", upper.as_str())], &[]);
}

#[test]
fn mandatory_and_imperative() {
    for v in [
        "NUMDEP",
        "NUMANONYM",
        "NUMANONYMANT",
        "SEXE",
        "ANAIS",
        "MNAIS",
        "DECISION",
    ] {
        expect(M, &[(v, "")], &[(Code::MandatoryMissing, v)]);
        expect(M, &[(v, "-")], &[(Code::MandatoryMissing, v)]);
    }
    expect(
        M,
        &[("ANAIS", "0000")],
        &[(Code::MandatoryMissing, "ANAIS")],
    );
    // A nominative record: the identifiers come from the pseudonymisation.
    let mut r = rec(M, &[("NUMANONYM", "-"), ("NUMANONYMANT", "-")]);
    r.identity.prenom.set("Prénom");
    let mut out = Vec::new();
    check(&r, &mut out);
    assert!(out.is_empty(), "{out:?}");
    r.identity.prenom.clear();
    check(&r, &mut out);
    assert_eq!(out.len(), 2);
    expect(M, &[("SEXE", "9"), ("ANAIS", "9999"), ("MNAIS", "99")], &[]);
    // No TYPEV: only the rules that do not depend on it.
    expect(M, &[("TYPEV", "")], &[(Code::MandatoryMissing, "TYPEV")]);
    expect(
        &ending(),
        &[("MOTFININT", ""), ("MOTIFML", "")],
        &[(Code::MandatoryMissing, "MOTFININT")],
    );
    for d in ["DATDECPE", "DATDEB"] {
        expect(M, &[(d, "0000-00-00")], &[(Code::ImperativeDateMissing, d)]);
        expect(M, &[(d, "-")], &[(Code::ImperativeDateMissing, d)]);
    }
    for v in ["", "9999-99-99"] {
        expect(
            M,
            &[("DATDECPE", v)],
            &[(Code::ImperativeDateMissing, "DATDECPE")],
        );
        // DATDEB empty or unknown on an opening or a renewal whose decision date is known:
        // maybe a decision not started yet (guide p. 5); the file rules decide with the
        // reference year (`decision-not-started` or `imperative-date-missing`).
        for base in [M.to_vec(), renewal()] {
            expect(&base, &[("DATDEB", v)], &[]);
            assert!(is_decision_not_started(&rec(&base, &[("DATDEB", v)])));
        }
        // Not on an end line, nor without a decision date, nor without the DATDEB column.
        expect(
            &ending(),
            &[("DATDEB", v)],
            &[(Code::ImperativeDateMissing, "DATDEB")],
        );
        expect(
            M,
            &[("DATDEB", v), ("DATDECPE", "9999-99-99")],
            &[
                (Code::ImperativeDateMissing, "DATDEB"),
                (Code::ImperativeDateMissing, "DATDECPE"),
            ],
        );
        assert!(!is_decision_not_started(&rec(&ending(), &[("DATDEB", v)])));
    }
    assert!(!is_decision_not_started(&rec(M, &[("DATDEB", "-")])));
    assert!(!is_decision_not_started(&rec(
        M,
        &[("DATDEB", "0000-00-00")]
    )));
    assert!(!is_decision_not_started(&rec(
        M,
        &[("DATDEB", "2018-05-15")]
    )));
    // The unknown-part forms the guide prints are partial dates: a warning, not an error.
    for (d, v) in [
        ("DATDEB", "9999-05-15"),
        ("DATDEB", "2018-99-15"),
        ("DATDECPE", "9999-05-14"),
        ("DATDECPE", "2018-99-14"),
    ] {
        expect(M, &[(d, v)], &[(Code::ImperativeDatePartial, d)]);
    }
    expect(
        &ending(),
        &[("DATFIN", "")],
        &[(Code::ImperativeDateMissing, "DATFIN")],
    );
    expect(
        &ending(),
        &[("DATFIN", "9999-99-99")],
        &[(Code::ImperativeDateMissing, "DATFIN")],
    );
    expect(
        M,
        &[("DATDEB", "2018-05-99")],
        &[(Code::ImperativeDatePartial, "DATDEB")],
    );
    expect(
        M,
        &[("DATDECPE", "2018-99-99")],
        &[(Code::ImperativeDatePartial, "DATDECPE")],
    );
    expect(M, &[("DATIP", "0000-00-00")], &[(Code::DateZero, "DATIP")]);
    expect(M, &[("ANSA1", "0000")], &[(Code::DateZero, "ANSA1")]);
    expect(
        M,
        &[("DATFIN", "2018-12-31")],
        &[(Code::DatfinWrongTypev, "DATFIN")],
    );
    expect(
        &renewal(),
        &[("DATFIN", "9999-99-99")],
        &[(Code::DatfinWrongTypev, "DATFIN")],
    );
    expect(
        M,
        &[("DATFIN", "0000-00-00")],
        &[(Code::DateZero, "DATFIN")],
    );
}

#[test]
fn event_blocks() {
    expect(
        &renewal(),
        &[("TRAITINFO", "1")],
        &[(Code::FilledWrongEvent, "TRAITINFO")],
    );
    expect(
        &renewal(),
        &[("NOTIFEVAL", "2018-01-20")],
        &[(Code::FilledWrongEvent, "NOTIFEVAL")],
    );
    expect(
        &renewal(),
        &[("SOUTSOC", "2")],
        &[(Code::FilledWrongEvent, "SOUTSOC")],
    );
    expect(
        M,
        &[("CHGLIEU", "1")],
        &[(Code::FilledWrongEvent, "CHGLIEU")],
    );
    expect(
        M,
        &[("MOTFININT", "1")],
        &[(Code::FilledWrongEvent, "MOTFININT")],
    );
    expect(
        M,
        &[("NBCHGLIEU", "1")],
        &[(Code::FilledWrongEvent, "NBCHGLIEU")],
    );
    expect(
        &ending(),
        &[("DATSIGN", "2018-01-05")],
        &[(Code::FilledWrongEvent, "DATSIGN")],
    );
}

#[test]
fn cascades() {
    expect(
        M,
        &[("NATDECASSED", "")],
        &[(Code::CascadeMissing, "NATDECASSED")],
    );
    expect(M, &[("NATDECASSED", "99")], &[]);
    expect(
        M,
        &[("LIEUPLAC", "")],
        &[(Code::CascadeMissing, "LIEUPLAC")],
    );
    expect(
        M,
        &[("NATDECPLAC", "")],
        &[(Code::CascadeMissing, "NATDECPLAC")],
    );
    expect(
        M,
        &[("INSTITPLAC", "-")],
        &[(Code::CascadeMissing, "INSTITPLAC")],
    );
    expect(
        M,
        &[("PLACMOD", "")],
        &[(Code::CascadeMissingMinor, "PLACMOD")],
    );
    expect(
        M,
        &[("AUTRLIEUAR", "")],
        &[(Code::CascadeMissingMinor, "AUTRLIEUAR")],
    );
    expect(A, &[("LIEUACC", "")], &[(Code::CascadeMissing, "LIEUACC")]);
    expect(
        A,
        &[("ACCMOD", "")],
        &[(Code::CascadeMissingMinor, "ACCMOD")],
    );
    expect(
        A,
        &[("AUTRLIEUACC", "-")],
        &[(Code::CascadeMissingMinor, "AUTRLIEUACC")],
    );
    expect(
        A,
        &[("NATPDECADM", "")],
        &[(Code::CascadeMissing, "NATPDECADM")],
    );
    // Young adult home help: TYPINTERDOM required, the accueil block not allowed.
    let aed_jm = [
        ("NATPDECADM", "20"),
        ("LIEUACC", ""),
        ("ACCMOD", ""),
        ("AUTRLIEUACC", ""),
    ];
    expect(A, &with(&aed_jm, &[("TYPINTERDOM", "10")]), &[]);
    expect(
        A,
        &with(&aed_jm, &[("TYPINTERDOM", "")]),
        &[(Code::CascadeMissing, "TYPINTERDOM")],
    );
    // AEMO: TYPDECJUD required, the placement block not allowed.
    let aemo = [
        ("NATDECASSED", "15"),
        ("NATDECPLAC", ""),
        ("INSTITPLAC", ""),
        ("LIEUPLAC", ""),
        ("PLACMOD", ""),
        ("AUTRLIEUAR", ""),
    ];
    expect(M, &with(&aemo, &[("TYPDECJUD", "5")]), &[]);
    expect(
        M,
        &with(&aemo, &[("TYPDECJUD", "")]),
        &[(Code::CascadeMissing, "TYPDECJUD")],
    );
    expect(
        M,
        &with(&aemo, &[("TYPDECJUD", "5"), ("LIEUPLAC", "1")]),
        &[(Code::FilledOutsideCondition, "LIEUPLAC")],
    );
    // DAP (22) and tutelle (23): place block required; NATDECPLAC and INSTITPLAC allowed, not
    // required (guide p. 8; §0.2 rules removed 2026-12-06).
    for nat in ["22", "23"] {
        let dap = [("NATDECASSED", nat), ("NATDECPLAC", ""), ("INSTITPLAC", "")];
        expect(M, &dap, &[]);
        expect(
            M,
            &with(&dap, &[("NATDECPLAC", "1"), ("INSTITPLAC", "3")]),
            &[],
        );
        expect(M, &with(&dap, &[("NATDECPLAC", "3")]), &[]);
    }
    // Not for an AEMO.
    expect(
        M,
        &with(&aemo, &[("TYPDECJUD", "5"), ("NATDECPLAC", "1")]),
        &[(Code::FilledOutsideCondition, "NATDECPLAC")],
    );
    // CHGLIEU on the renewal of a minor's placement.
    expect(
        &renewal(),
        &[("CHGLIEU", "")],
        &[(Code::CascadeMissing, "CHGLIEU")],
    );
    expect(
        &renewal(),
        &[("CHGLIEU", "-")],
        &[(Code::CascadeMissing, "CHGLIEU")],
    );
    expect(&renewal(), &[("CHGLIEU", "9")], &[]);
    // Not a placement: CHGLIEU neither required nor allowed.
    let r_aemo = with(&renewal(), &with(&aemo, &[("TYPDECJUD", "5")]));
    expect(&r_aemo, &[("CHGLIEU", "")], &[]);
    expect(&r_aemo, &[], &[(Code::FilledOutsideCondition, "CHGLIEU")]);
    // Nature unknown: nothing on its dependents.
    expect(&renewal(), &[("NATDECASSED", "99"), ("CHGLIEU", "")], &[]);
}

#[test]
fn cascade_special_cases() {
    // NATPDECADM 18: the accueil block and TYPINTERDOM allowed, not required; AUTREDA expected.
    let other = [("NATPDECADM", "18"), ("AUTREDA", "Contrat d'accueil")];
    expect(A, &other, &[]);
    // « soit … soit » (guide p. 9): one of the two blocks at least.
    expect(
        A,
        &with(
            &other,
            &[("LIEUACC", ""), ("ACCMOD", ""), ("AUTRLIEUACC", "")],
        ),
        &[(Code::OtherNatureBlocksEmpty, "NATPDECADM")],
    );
    expect(
        A,
        &with(
            &other,
            &[("LIEUACC", ""), ("ACCMOD", "9"), ("AUTRLIEUACC", "")],
        ),
        &[],
    );
    expect(
        A,
        &with(
            &other,
            &[
                ("LIEUACC", ""),
                ("ACCMOD", ""),
                ("AUTRLIEUACC", ""),
                ("TYPINTERDOM", "2"),
            ],
        ),
        &[],
    );
    expect(A, &with(&other, &[("TYPINTERDOM", "2")]), &[]);
    expect(
        A,
        &with(&other, &[("AUTREDA", "")]),
        &[(Code::CascadeMissingMinor, "AUTREDA")],
    );
    expect(
        A,
        &[("AUTREDA", "Texte libre")],
        &[(Code::FilledOutsideCondition, "AUTREDA")],
    );
    // NATDECASSED 21: everything allowed, only AUTREDJ expected.
    expect(M, &[("NATDECASSED", "21"), ("AUTREDJ", "Mesure X")], &[]);
    expect(
        M,
        &[("NATDECASSED", "21")],
        &[(Code::CascadeMissingMinor, "AUTREDJ")],
    );
    expect(
        M,
        &[
            ("NATDECASSED", "21"),
            ("AUTREDJ", "Mesure X"),
            ("NATDECPLAC", ""),
            ("INSTITPLAC", ""),
            ("LIEUPLAC", ""),
            ("PLACMOD", ""),
            ("AUTRLIEUAR", ""),
            ("TYPDECJUD", "10"),
        ],
        &[],
    );
    // AED with accommodation: NATPDECADM 10 + TYPINTERDOM 4/5 allows LIEUACC.
    let aed = [
        ("DECISION", "1"),
        ("NATPDECADM", "10"),
        ("TYPINTERDOM", "4"),
        ("NATDECASSED", ""),
        ("NATDECPLAC", ""),
        ("INSTITPLAC", ""),
        ("LIEUPLAC", ""),
        ("PLACMOD", ""),
        ("AUTRLIEUAR", ""),
    ];
    expect(M, &aed, &[]);
    expect(
        M,
        &with(
            &aed,
            &[("LIEUACC", "1"), ("ACCMOD", "2"), ("AUTRLIEUACC", "1")],
        ),
        &[],
    );
    expect(
        M,
        &with(&aed, &[("TYPINTERDOM", "2"), ("LIEUACC", "1")]),
        &[(Code::FilledOutsideCondition, "LIEUACC")],
    );
    expect(
        M,
        &with(&aed, &[("TYPINTERDOM", "9"), ("LIEUACC", "1")]),
        &[],
    );
    // AEMO with accommodation: NATDECASSED 16 + TYPDECJUD 7/8 allows the place block.
    let aemo_h = [
        ("NATDECASSED", "16"),
        ("TYPDECJUD", "8"),
        ("NATDECPLAC", ""),
        ("INSTITPLAC", ""),
    ];
    expect(M, &aemo_h, &[]);
    expect(
        M,
        &with(
            &aemo_h,
            &[("LIEUPLAC", ""), ("PLACMOD", ""), ("AUTRLIEUAR", "")],
        ),
        &[],
    );
    expect(
        M,
        &with(&aemo_h, &[("TYPDECJUD", "6")]),
        &[
            (Code::FilledOutsideCondition, "AUTRLIEUAR"),
            (Code::FilledOutsideCondition, "LIEUPLAC"),
            (Code::FilledOutsideCondition, "PLACMOD"),
            (Code::NatureTypeMismatch, "TYPDECJUD"),
        ],
    );
    // Placement à domicile (administrative 14 + LIEUACC 12, judicial 17 + LIEUPLAC 12).
    expect(M, &[("LIEUPLAC", "12")], &[]);
    let apd = [
        ("DECISION", "1"),
        ("NATPDECADM", "14"),
        ("LIEUACC", "12"),
        ("ACCMOD", "1"),
        ("AUTRLIEUACC", "1"),
        ("NATDECASSED", ""),
        ("NATDECPLAC", ""),
        ("INSTITPLAC", ""),
        ("LIEUPLAC", ""),
        ("PLACMOD", ""),
        ("AUTRLIEUAR", ""),
    ];
    expect(M, &apd, &[]);
    // A nature filled on the wrong DECISION: one finding, not its dependents.
    expect(
        M,
        &[("NATPDECADM", "14")],
        &[(Code::FilledOutsideCondition, "NATPDECADM")],
    );
}

#[test]
fn conditions() {
    expect(
        M,
        &[("SCOCLASPE", "2")],
        &[(Code::ApplicableEmpty, "TYPCLASSPE")],
    );
    expect(M, &[("SCOCLASPE", "2"), ("TYPCLASSPE", "-")], &[]);
    expect(M, &[("SCOCLASPE", "2"), ("TYPCLASSPE", "11")], &[]);
    // "Ne sait pas" where the variable does not apply: its own code (the guide: leave empty).
    expect(
        M,
        &[("TYPCLASSPE", "99")],
        &[(Code::NspNotApplicable, "TYPCLASSPE")],
    );
    expect(M, &[("SCOCLASPE", "9"), ("TYPCLASSPE", "11")], &[]);
    expect(
        M,
        &[("SCOCLASPE", ""), ("TYPCLASSPE", "11")],
        &[(Code::ApplicableEmpty, "SCOCLASPE")],
    );
    // TYPETABSPE follows ETABSCOSPE (guide), 900 = home schooling.
    expect(
        M,
        &[("TYPETABSPE", "850")],
        &[(Code::FilledOutsideCondition, "TYPETABSPE")],
    );
    expect(M, &[("ETABSCOSPE", "2"), ("TYPETABSPE", "850")], &[]);
    expect(
        M,
        &[
            ("SCOCLASPE", "2"),
            ("TYPCLASSPE", "11"),
            ("TYPETABSPE", "850"),
        ],
        &[(Code::FilledOutsideCondition, "TYPETABSPE")],
    );
    expect(
        M,
        &[
            ("SCODTCOM", "1"),
            ("NIVSCO", ""),
            ("SCOCLASPE", ""),
            ("TYPETABSPE", "900"),
        ],
        &[],
    );
    // NIVSCO: schooled in ordinary school or in a teaching unit (erratum).
    expect(
        M,
        &[("SCODTCOM", "1"), ("SCOCLASPE", "")],
        &[(Code::FilledOutsideCondition, "NIVSCO")],
    );
    expect(
        M,
        &[
            ("SCODTCOM", "1"),
            ("SCOCLASPE", ""),
            ("ETABSCOSPE", "2"),
            ("TYPETABSPE", "860"),
        ],
        &[],
    );
    expect(M, &[("SCODTCOM", "9"), ("SCOCLASPE", "")], &[]);
    expect(M, &[("NIVSCO", "")], &[(Code::ApplicableEmpty, "NIVSCO")]);
    expect(
        M,
        &[("ORIENTEFF", "1")],
        &[(Code::FilledOutsideCondition, "ORIENTEFF")],
    );
    expect(
        M,
        &[("ORIENTDEC", "2")],
        &[(Code::ApplicableEmpty, "ORIENTEFF")],
    );
    expect(M, &[("ORIENTDEC", "2"), ("ORIENTEFF", "2")], &[]);
    expect(M, &[("DATPPE", "")], &[(Code::ApplicableEmpty, "DATPPE")]);
    expect(
        M,
        &[("PROJET", "1")],
        &[(Code::FilledOutsideCondition, "DATPPE")],
    );
    expect(M, &[("PROJET", "9")], &[]);
    expect(M, &[("DECAP", "2")], &[(Code::ApplicableEmpty, "DATDECAP")]);
    expect(M, &[("DECAP", "2"), ("DATDECAP", "2015-06-01")], &[]);
    expect(
        M,
        &[("DATDECAP", "2015-06-01")],
        &[(Code::FilledOutsideCondition, "DATDECAP")],
    );
    expect(
        M,
        &[("DCPERE", "2")],
        &[(Code::ApplicableEmpty, "DATDCPERE")],
    );
    expect(
        M,
        &[("DATDCPERE", "2015-06")],
        &[(Code::FilledOutsideCondition, "DATDCPERE")],
    );
    // Block 3 conditions on TRAITINFO. DATSIGN, ORIGIP and TRANSIP are required by their
    // TRAITINFO, never "outside" because of it (§0.2 rules removed 2026-12-06): ORIGIP
    // applies « quel que soit le mode ultérieur de traitement », TRANSIP 611/612/630/640
    // name the parquet and the juge des enfants, DATSIGN follows the direct signalement.
    expect(M, &[("DATSIGN", "2018-01-12")], &[]);
    expect(
        M,
        &[("DATJE", "2018-01-12")],
        &[(Code::FilledOutsideCondition, "DATJE")],
    );
    // MOTIFSIG follows the guide (a report after the CD's evaluation), not ONPE's TRAITINFO=3.
    expect(M, &[("MOTIFSIG", "1")], &[]);
    let parquet = [("TRAITINFO", "3"), ("ORIGIP", ""), ("TRANSIP", "")];
    expect(M, &parquet, &[(Code::ApplicableEmpty, "DATSIGN")]);
    expect(
        M,
        &with(&parquet, &[("DATSIGN", "2018-01-12"), ("MOTIFSIG", "5")]),
        &[],
    );
    expect(
        M,
        &with(
            &parquet,
            &[
                ("DATSIGN", "2018-01-12"),
                ("MOTIFSIG", "5"),
                ("TRANSIP", "611"),
                ("ORIGIP", "31"),
            ],
        ),
        &[],
    );
    // Still required when the CRIP or the CD handled the information.
    expect(M, &[("ORIGIP", "")], &[(Code::ApplicableEmpty, "ORIGIP")]);
    expect(M, &[("TRANSIP", "")], &[(Code::ApplicableEmpty, "TRANSIP")]);
    expect(
        M,
        &[
            ("TRAITINFO", "4"),
            ("ORIGIP", ""),
            ("TRANSIP", ""),
            ("DATJE", "9999-99-99"),
        ],
        &[],
    );
    expect(M, &[("TRAITINFO", "9")], &[]);
    expect(M, &[("DATIP", "")], &[(Code::ApplicableEmpty, "DATIP")]);
    expect(
        M,
        &[
            ("ENQPENAL", ""),
            ("SAISJUR", ""),
            ("NOTIFEVAL", ""),
            ("MESANT", ""),
        ],
        &[],
    );
    expect(
        M,
        &[
            ("LIENA2", ""),
            ("SEXA2", ""),
            ("ANSA2", ""),
            ("EMPLA2", ""),
            ("CSPA2", ""),
        ],
        &[],
    );
    // End block.
    let end = ending();
    expect(&end, &[("MOTIFML", "")], &[]);
    expect(
        &end,
        &[("MOTFININT", "3")],
        &[(Code::FilledOutsideCondition, "MOTIFML")],
    );
    expect(&end, &[("MOTFININT", "9")], &[]);
    expect(
        &end,
        &[("MOTIFML", "18")],
        &[(Code::ApplicableEmpty, "DATDECMIN")],
    );
    expect(&end, &[("MOTIFML", "18"), ("DATDECMIN", "2019-04")], &[]);
    expect(
        &end,
        &[("DATDECMIN", "2019-04")],
        &[(Code::FilledOutsideCondition, "DATDECMIN")],
    );
    expect(&end, &[("NBCHGLIEU", "")], &[]);
    expect(
        &end,
        &[("DIPLOME", "1")],
        &[(Code::FilledOutsideCondition, "DIPLOME")],
    );
}

#[test]
fn ages_and_schooling() {
    // Four-year-old: MODACC only when not schooled.
    let four = [
        ("ANAIS", "2014"),
        ("MNAIS", "01"),
        ("NIVSCO", "200"),
        ("ANSA1", "1984"),
        ("ANSA2", "1984"),
        ("ANSMERE", "1984"),
        ("ANSPERE", "1984"),
    ];
    expect(M, &four, &[]);
    expect(
        M,
        &with(&four, &[("MODACC", "1")]),
        &[(Code::FilledOutsideCondition, "MODACC")],
    );
    let unschooled = with(
        &four,
        &[("SCODTCOM", "1"), ("NIVSCO", ""), ("SCOCLASPE", "")],
    );
    expect(M, &unschooled, &[(Code::ApplicableEmpty, "MODACC")]);
    expect(M, &with(&unschooled, &[("MODACC", "4")]), &[]);
    // Two-year-old: SCODTCOM, ETABSCOSPE, FREQSCO do not apply; MODACC does.
    let two = [
        ("ANAIS", "2016"),
        ("MNAIS", "01"),
        ("SCODTCOM", ""),
        ("NIVSCO", ""),
        ("SCOCLASPE", ""),
        ("ETABSCOSPE", ""),
        ("FREQSCO", ""),
        ("MODACC", "3"),
        ("ANSA1", "1984"),
        ("ANSA2", "1984"),
        ("ANSMERE", "1984"),
        ("ANSPERE", "1984"),
    ];
    expect(M, &two, &[]);
    expect(
        M,
        &with(&two, &[("MODACC", "")]),
        &[(Code::ApplicableEmpty, "MODACC")],
    );
    expect(M, &with(&two, &[("MODACC", "-")]), &[]);
    expect(
        M,
        &with(&two, &[("FREQSCO", "6")]),
        &[(Code::FilledOutsideCondition, "FREQSCO")],
    );
    // Birth month unknown: no age rule at all.
    expect(
        M,
        &with(&two, &[("MNAIS", "99"), ("FREQSCO", "6"), ("MODACC", "")]),
        &[],
    );
    expect(A, &[("MNAIS", "99"), ("TITAP", "11")], &[]);
}

#[test]
fn reserved_variables_and_modalities() {
    expect(A, &[("TITAP", "11")], &[(Code::ReservedMinors, "TITAP")]);
    expect(A, &[("TITAP", "99")], &[(Code::NspNotApplicable, "TITAP")]);
    expect(A, &[("PROJET", "1")], &[(Code::ReservedMinors, "PROJET")]);
    expect(
        M,
        &[("MENAGEJM", "1")],
        &[(Code::ReservedAdults, "MENAGEJM")],
    );
    expect(M, &[("EMPLJM", "30")], &[(Code::ReservedAdults, "EMPLJM")]);
    expect(M, &[("CSPJM", "8")], &[(Code::ReservedAdults, "CSPJM")]);
    // Adult-only variables are expected for an adult.
    expect(A, &[("CSPJM", "")], &[(Code::ApplicableEmpty, "CSPJM")]);
    // Minor-only variables are expected for a minor.
    expect(M, &[("SANTE", "")], &[(Code::ApplicableEmpty, "SANTE")]);
    expect(M, &[("SANTE", "-")], &[]);
    // Modalities.
    expect(
        A,
        &[("NATPDECADM", "14")],
        &[(Code::ReservedMinors, "NATPDECADM")],
    );
    let jm = [
        ("NATDECASSED", "24"),
        ("NATDECPLAC", ""),
        ("INSTITPLAC", ""),
        ("LIEUPLAC", ""),
        ("PLACMOD", ""),
        ("AUTRLIEUAR", ""),
        ("TYPDECJUD", "5"),
    ];
    expect(M, &jm, &[(Code::ReservedAdults, "NATDECASSED")]);
    let a_jud = [
        ("DECISION", "2"),
        ("NATPDECADM", ""),
        ("LIEUACC", ""),
        ("ACCMOD", ""),
        ("AUTRLIEUACC", ""),
    ];
    expect(A, &with(&a_jud, &jm), &[]);
    expect(
        A,
        &with(&a_jud, &[("NATDECASSED", "15"), ("TYPDECJUD", "5")]),
        &[(Code::ReservedMinors, "NATDECASSED")],
    );
    // 18 this very month: adult; one month younger: minor.
    let eighteen = [("ANAIS", "2000"), ("MNAIS", "09")];
    expect(A, &eighteen, &[]);
    let got: Vec<_> = run(A, &[("ANAIS", "2000"), ("MNAIS", "10")])
        .into_iter()
        .filter(|(c, _)| *c != Code::ApplicableEmpty)
        .collect();
    let want = ["CSPJM", "EMPLJM", "MENAGEJM", "NATPDECADM"];
    assert_eq!(got, want.map(|v| (Code::ReservedAdults, v.to_string())));
    // The minors' variables now apply to this seventeen-year-old.
    assert!(run(A, &[("ANAIS", "2000"), ("MNAIS", "10")])
        .contains(&(Code::ApplicableEmpty, "TITAP".to_string())));
    // Decision month unknown and the birthday in between: age unknown, nothing reserved.
    expect(
        A,
        &[
            ("ANAIS", "2000"),
            ("MNAIS", "09"),
            ("DATDECPE", "2018-99-99"),
        ],
        &[(Code::ImperativeDatePartial, "DATDECPE")],
    );
    // CHGLIEU on the renewal of an adult's accueil.
    let a_renewal = with(
        A,
        &[
            ("TYPEV", "2"),
            ("TRAITINFO", ""),
            ("DATIP", ""),
            ("ORIGIP", ""),
            ("TRANSIP", ""),
            ("SOUTSOC", ""),
        ],
    );
    expect(&a_renewal, &[], &[]);
    expect(
        &a_renewal,
        &[("CHGLIEU", "1")],
        &[(Code::ReservedMinors, "CHGLIEU")],
    );
}

#[test]
fn end_age_is_taken_at_datfin_and_modalities_at_the_decision() {
    // Fourteen at DATFIN (not at the decision): DIPLOME expected, NBCHGLIEU allowed.
    let end = with(&ending(), &[("DATFIN", "2022-04-30"), ("DIPLOME", "2")]);
    expect(&end, &[], &[]);
    expect(
        &end,
        &[("DIPLOME", "")],
        &[(Code::ApplicableEmpty, "DIPLOME")],
    );
    // Eighteen at DATFIN: the minors' blocks are reserved; the nature, judged at the
    // decision, is not.
    let adult_end = with(
        &ending(),
        &[
            ("ANAIS", "2001"),
            ("MNAIS", "01"),
            ("DATFIN", "2019-04-30"),
            ("DIPLOME", "3"),
            ("NBCHGLIEU", ""),
            ("ANSA1", "1975"),
            ("ANSA2", "1975"),
            ("ANSMERE", "1975"),
            ("ANSPERE", "1975"),
        ],
    );
    let got = run(&adult_end, &[]);
    assert!(
        got.iter().all(|(c, v)| *c == Code::ReservedMinors
            || (*c == Code::ApplicableEmpty
                && ["MENAGEJM", "EMPLJM", "CSPJM"].contains(&v.as_str()))),
        "{got:?}"
    );
    assert!(got.iter().any(|(_, v)| v == "TITAP"), "{got:?}");
    assert!(!got.iter().any(|(_, v)| v == "NATDECASSED"), "{got:?}");
    // A young adults' accueil decided at 17 (guide p. 43, §0.2 Modalities reserved by age):
    // the nature is judged at the decision on every line, the end line included, whether it
    // ends at 18 or at 17.
    let jm_end = with(
        A,
        &[
            ("TYPEV", "3"),
            ("TRAITINFO", ""),
            ("DATIP", ""),
            ("ORIGIP", ""),
            ("TRANSIP", ""),
            ("SOUTSOC", ""),
            ("ANAIS", "2000"),
            ("MNAIS", "11"),
            ("DATDECPE", "2018-09-03"),
            ("DATDEB", "2018-09-03"),
            ("DATFIN", "2019-02-28"),
            ("MOTFININT", "1"),
            ("DIPLOME", "4"),
        ],
    );
    expect(&jm_end, &[], &[(Code::ReservedAdults, "NATPDECADM")]);
    // The same accueil decided at 18: nothing, even if it ended the day before (a date order
    // problem, not a reserved modality).
    expect(
        &jm_end,
        &[("DATDECPE", "2018-11-05"), ("DATDEB", "2018-11-05")],
        &[],
    );
    let got: Vec<_> = run(
        &jm_end,
        &[
            ("DATFIN", "2018-10-31"),
            ("MENAGEJM", ""),
            ("EMPLJM", ""),
            ("CSPJM", ""),
        ],
    )
    .into_iter()
    .filter(|(c, _)| *c != Code::ApplicableEmpty)
    .collect();
    assert_eq!(got, [(Code::ReservedAdults, "NATPDECADM".to_string())]);
}

/// The findings of a record, with their messages.
fn findings_of(base: &[(&str, &str)], changes: &[(&str, &str)]) -> Vec<Finding> {
    let mut out = Vec::new();
    check(&rec(base, changes), &mut out);
    out
}

/// Rules from the guide's text, added 2026-12-06 (docs/spec/OLINPE.md §0.2); each case
/// names the guide's page.
#[test]
fn rules_from_the_guides_text() {
    // p. 27 NBFRAT: « si le mineur n'a pas de frère et sœur, coder 1 ».
    expect(M, &[("NBFRAT", "0")], &[(Code::NbfratZero, "NBFRAT")]);
    expect(M, &[("NBFRAT", "00")], &[(Code::NbfratZero, "NBFRAT")]);
    expect(M, &[("NBFRAT", "1")], &[]);
    expect(M, &[("NBFRAT", "99")], &[]);
    // p. 9 AEMO with accommodation: NATDECASSED 16 with TYPDECJUD 7 or 8, both ways.
    let aemo_h = [
        ("NATDECASSED", "16"),
        ("NATDECPLAC", ""),
        ("INSTITPLAC", ""),
        ("LIEUPLAC", ""),
        ("PLACMOD", ""),
        ("AUTRLIEUAR", ""),
    ];
    for t in ["7", "8"] {
        expect(M, &with(&aemo_h, &[("TYPDECJUD", t)]), &[]);
    }
    for t in ["5", "10"] {
        expect(
            M,
            &with(&aemo_h, &[("TYPDECJUD", t)]),
            &[(Code::NatureTypeMismatch, "TYPDECJUD")],
        );
    }
    expect(M, &with(&aemo_h, &[("TYPDECJUD", "99")]), &[]);
    let aemo = with(&aemo_h, &[("NATDECASSED", "15")]);
    expect(
        M,
        &with(&aemo, &[("TYPDECJUD", "7")]),
        &[(Code::NatureTypeMismatch, "TYPDECJUD")],
    );
    expect(M, &with(&aemo, &[("TYPDECJUD", "5")]), &[]);
    expect(
        M,
        &with(&aemo, &[("TYPDECJUD", "7"), ("NATDECASSED", "99")]),
        &[],
    );
    // p. 9 AED with accommodation: TYPINTERDOM 4 or 5 only with NATPDECADM 10.
    let aed = [
        ("DECISION", "1"),
        ("NATDECASSED", ""),
        ("NATDECPLAC", ""),
        ("INSTITPLAC", ""),
        ("LIEUPLAC", ""),
        ("PLACMOD", ""),
        ("AUTRLIEUAR", ""),
        ("NATPDECADM", "10"),
    ];
    for t in ["4", "5", "2"] {
        expect(M, &with(&aed, &[("TYPINTERDOM", t)]), &[]);
    }
    let aed_jm = [
        ("NATPDECADM", "20"),
        ("LIEUACC", ""),
        ("ACCMOD", ""),
        ("AUTRLIEUACC", ""),
    ];
    expect(
        A,
        &with(&aed_jm, &[("TYPINTERDOM", "4")]),
        &[(Code::NatureTypeMismatch, "TYPINTERDOM")],
    );
    expect(A, &with(&aed_jm, &[("TYPINTERDOM", "10")]), &[]);
    // p. 9 « soit … soit »: NATDECASSED 21 with neither block (18 is in cascade_special_cases).
    let other_j = [
        ("NATDECASSED", "21"),
        ("AUTREDJ", "Mesure à préciser"),
        ("NATDECPLAC", ""),
        ("INSTITPLAC", ""),
        ("LIEUPLAC", ""),
        ("PLACMOD", ""),
        ("AUTRLIEUAR", ""),
    ];
    expect(
        M,
        &other_j,
        &[(Code::OtherNatureBlocksEmpty, "NATDECASSED")],
    );
    expect(M, &with(&other_j, &[("TYPDECJUD", "10")]), &[]);
    expect(M, &with(&other_j, &[("LIEUPLAC", "1")]), &[]);
    // p. 27 MENAGEJM: « 8 = Autre situation » for an accueil provisoire jeune majeur.
    expect(A, &[("MENAGEJM", "8")], &[]);
    expect(A, &[("MENAGEJM", "9")], &[]);
    expect(
        A,
        &[("MENAGEJM", "1")],
        &[(Code::MenagejmExpected8, "MENAGEJM")],
    );
    let aed_jm_full = with(&aed_jm, &[("TYPINTERDOM", "10")]);
    expect(A, &with(&aed_jm_full, &[("MENAGEJM", "1")]), &[]);
    // p. 28 TITAP: « 80 = Préfet : quand le mineur est admis en qualité de pupille de l'Etat ».
    let pupille = [
        ("DECISION", "1"),
        ("NATDECASSED", ""),
        ("NATDECPLAC", ""),
        ("INSTITPLAC", ""),
        ("LIEUPLAC", ""),
        ("PLACMOD", ""),
        ("AUTRLIEUAR", ""),
        ("NATPDECADM", "15"),
        ("LIEUACC", "1"),
        ("ACCMOD", "1"),
        ("AUTRLIEUACC", "1"),
    ];
    expect(M, &with(&pupille, &[("TITAP", "80")]), &[]);
    expect(
        M,
        &with(&pupille, &[("TITAP", "11")]),
        &[(Code::PupilleTitap80, "TITAP")],
    );
    expect(
        M,
        &with(&pupille, &[("TITAP", "99")]),
        &[(Code::PupilleTitap80, "TITAP")],
    );
    expect(
        M,
        &with(&pupille, &[("TITAP", "")]),
        &[(Code::ApplicableEmpty, "TITAP")],
    );
    // p. 30 second adult: SEXA2, ANSA2, EMPLA2, CSPA2 need LIENA2, and not COMPOMENAG 1, 3, 4.
    expect(M, &[("COMPOMENAG", "2")], &[]);
    expect(M, &[("COMPOMENAG", "99")], &[]);
    for c in ["1", "3", "4"] {
        expect(
            M,
            &[("COMPOMENAG", c)],
            &[
                (Code::FilledOutsideCondition, "ANSA2"),
                (Code::FilledOutsideCondition, "CSPA2"),
                (Code::FilledOutsideCondition, "EMPLA2"),
                (Code::FilledOutsideCondition, "SEXA2"),
            ],
        );
        let alone = [
            ("COMPOMENAG", c),
            ("LIENA2", ""),
            ("SEXA2", ""),
            ("ANSA2", ""),
            ("EMPLA2", ""),
            ("CSPA2", ""),
        ];
        expect(M, &alone, &[]);
    }
    expect(
        M,
        &[("LIENA2", "")],
        &[
            (Code::FilledOutsideCondition, "ANSA2"),
            (Code::FilledOutsideCondition, "CSPA2"),
            (Code::FilledOutsideCondition, "EMPLA2"),
            (Code::FilledOutsideCondition, "SEXA2"),
        ],
    );
    expect(M, &[("LIENA2", "9")], &[]);
    expect(
        M,
        &[
            ("LIENA2", ""),
            ("SEXA2", ""),
            ("ANSA2", ""),
            ("CSPA2", ""),
            ("EMPLA2", "99"),
        ],
        &[(Code::NspNotApplicable, "EMPLA2")],
    );
    // p. 17 MODACC: « UNIQUEMENT si le mineur a moins de 6 ans et s'il est non scolarisé »,
    // not in a specialised unit either.
    let four = [
        ("ANAIS", "2014"),
        ("MNAIS", "01"),
        ("SCODTCOM", "1"),
        ("NIVSCO", ""),
        ("SCOCLASPE", ""),
        ("FREQSCO", "9"),
        ("MODACC", "1"),
        ("ANSA1", "1984"),
        ("ANSA2", "1984"),
        ("ANSMERE", "1984"),
        ("ANSPERE", "1984"),
    ];
    expect(M, &four, &[]);
    expect(
        M,
        &with(
            &four,
            &[
                ("ETABSCOSPE", "2"),
                ("TYPETABSPE", "850"),
                ("NIVSCO", "200"),
            ],
        ),
        &[(Code::FilledOutsideCondition, "MODACC")],
    );
    expect(
        M,
        &with(
            &four,
            &[
                ("ETABSCOSPE", "2"),
                ("TYPETABSPE", "850"),
                ("NIVSCO", "200"),
                ("MODACC", ""),
            ],
        ),
        &[],
    );
    expect(M, &with(&four, &[("ETABSCOSPE", "9")]), &[]);
}

/// "Ne sait pas" written where the variable does not apply has its own code, whatever the
/// reason (event type, age, condition), with the guide's advice; a real value keeps the
/// generic codes. Findings about a variable absent from the file say so.
#[test]
fn nsp_not_applicable_and_absent_variables() {
    // Event type.
    expect(
        &renewal(),
        &[("TRAITINFO", "9")],
        &[(Code::NspNotApplicable, "TRAITINFO")],
    );
    expect(
        &renewal(),
        &[("TRAITINFO", "1")],
        &[(Code::FilledWrongEvent, "TRAITINFO")],
    );
    // Age.
    expect(
        A,
        &[("CONDADD", "9")],
        &[(Code::NspNotApplicable, "CONDADD")],
    );
    expect(A, &[("CONDADD", "1")], &[(Code::ReservedMinors, "CONDADD")]);
    expect(
        M,
        &[("EMPLJM", "99")],
        &[(Code::NspNotApplicable, "EMPLJM")],
    );
    expect(M, &[("EMPLJM", "30")], &[(Code::ReservedAdults, "EMPLJM")]);
    // Condition.
    expect(
        M,
        &[("ORIENTEFF", "9")],
        &[(Code::NspNotApplicable, "ORIENTEFF")],
    );
    expect(
        M,
        &[("ORIENTEFF", "1")],
        &[(Code::FilledOutsideCondition, "ORIENTEFF")],
    );
    expect(
        M,
        &[("DATPPE", "9999-99-99"), ("PROJET", "1")],
        &[(Code::NspNotApplicable, "DATPPE")],
    );
    let f = findings_of(&renewal(), &[("TRAITINFO", "9")]);
    assert!(
        f[0].message.contains("laisser vide") && f[0].message.contains("type 2"),
        "{}",
        f[0].message
    );
    // Absent from the file: same codes, a message pointing to the extraction.
    for (base, changes, code, var) in [
        (
            M.to_vec(),
            vec![("NUMDEP", "-")],
            Code::MandatoryMissing,
            "NUMDEP",
        ),
        (
            M.to_vec(),
            vec![("DATDEB", "-")],
            Code::ImperativeDateMissing,
            "DATDEB",
        ),
        (
            renewal(),
            vec![("CHGLIEU", "-")],
            Code::CascadeMissing,
            "CHGLIEU",
        ),
        (
            M.to_vec(),
            vec![("PLACMOD", "-")],
            Code::CascadeMissingMinor,
            "PLACMOD",
        ),
    ] {
        let f = findings_of(&base, &changes);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].code, f[0].variable.as_deref()), (code, Some(var)));
        assert!(
            f[0].message
                .starts_with(&format!("{var} est absente du fichier : "))
                && f[0].message.contains("extraction")
                && !f[0].message.contains("vide."),
            "{}",
            f[0].message
        );
        // Present and empty: the data-entry wording.
        let empty: Vec<(&str, &str)> = changes.iter().map(|(c, _)| (*c, "")).collect();
        let g = findings_of(&base, &empty);
        if let Some(g) = g.iter().find(|g| g.code == code) {
            assert!(!g.message.contains("absente du fichier"), "{}", g.message);
        }
    }
}

/// Ends at majority (MOTIFML 15): one grouped warning for the variables reserved to minors;
/// NBCHGLIEU is judged at the decision (§0.2 rules the guide does not support, removed).
#[test]
fn ends_at_majority() {
    let adult_end = with(
        &ending(),
        &[
            ("ANAIS", "2001"),
            ("MNAIS", "01"),
            ("DATFIN", "2019-01-31"),
            ("MOTIFML", "15"),
            ("DIPLOME", "3"),
            ("MENAGEJM", "8"),
            ("EMPLJM", "30"),
            ("CSPJM", "8"),
            ("ANSA1", "1975"),
            ("ANSA2", "1975"),
            ("ANSMERE", "1975"),
            ("ANSPERE", "1975"),
        ],
    );
    let got = run(&adult_end, &[]);
    assert_eq!(got, [(Code::ReservedMinorsAtMajority, String::new())]);
    let f = findings_of(&adult_end, &[]);
    assert!(
        f[0].message.contains("TITAP") && f[0].message.contains("COMPOMENAG"),
        "{}",
        f[0].message
    );
    let listed = f[0].message.split("mineurs : ").nth(1).unwrap_or("");
    let listed = listed.split(". ").next().unwrap_or("");
    assert!(
        listed.contains("TITAP") && !listed.contains("NBCHGLIEU"),
        "{listed}"
    );
    // Another end reason: one warning per variable, as before.
    let other = run(&adult_end, &[("MOTIFML", "10")]);
    assert!(other.len() > 5, "{other:?}");
    assert!(
        other.iter().all(|(c, _)| *c == Code::ReservedMinors),
        "{other:?}"
    );
    // NBCHGLIEU of a minor's placement ending at 18 is still a minor's variable.
    assert!(!other.iter().any(|(_, v)| v == "NBCHGLIEU"), "{other:?}");
    // Decided at 18: NBCHGLIEU is reserved to minors.
    let decided_adult = with(
        &adult_end,
        &[
            ("MOTIFML", "10"),
            ("DATDECPE", "2019-01-14"),
            ("DATDEB", "2019-01-15"),
        ],
    );
    let got = run(&decided_adult, &[]);
    assert!(
        got.iter()
            .any(|(c, v)| *c == Code::ReservedMinors && v == "NBCHGLIEU"),
        "{got:?}"
    );
}

#[test]
fn values_with_their_own_warning() {
    expect(M, &[("LIEUPLAC", "20")], &[(Code::Lieuplac20, "LIEUPLAC")]);
    let tiers = [
        ("DECISION", "1"),
        ("NATPDECADM", "19"),
        ("LIEUACC", "5"),
        ("ACCMOD", "1"),
        ("AUTRLIEUACC", "1"),
        ("NATDECASSED", ""),
        ("NATDECPLAC", ""),
        ("INSTITPLAC", ""),
        ("LIEUPLAC", ""),
        ("PLACMOD", ""),
        ("AUTRLIEUAR", ""),
    ];
    expect(M, &tiers, &[(Code::Natpdecadm19, "NATPDECADM")]);
    expect(
        M,
        &with(&tiers, &[("LIEUACC", "")]),
        &[
            (Code::Natpdecadm19, "NATPDECADM"),
            (Code::CascadeMissing, "LIEUACC"),
        ],
    );
}

#[test]
fn dates_order_birth_parents() {
    expect(
        M,
        &[("DATIP", "2018-04-01")],
        &[(Code::DateOrder, "NOTIFEVAL")],
    );
    expect(
        M,
        &[("FINEVAL", "2018-01-10")],
        &[(Code::DateOrder, "FINEVAL")],
    );
    expect(
        M,
        &[("NOTIFEVAL", ""), ("DATIP", "2018-03-20")],
        &[(Code::DateOrder, "FINEVAL")],
    );
    expect(
        M,
        &[("DATDEB", "2018-05-01")],
        &[(Code::DateOrder, "DATDEB")],
    );
    expect(
        M,
        &[("DATDECPE", "2018-05-16")],
        &[(Code::DateOrder, "DATDEB")],
    );
    // Partial dates: reported only when the order is certainly wrong.
    expect(
        M,
        &[("DATDEB", "2018-05-99")],
        &[(Code::ImperativeDatePartial, "DATDEB")],
    );
    expect(
        M,
        &[("DATDEB", "2018-04-99")],
        &[
            (Code::ImperativeDatePartial, "DATDEB"),
            (Code::DateOrder, "DATDEB"),
        ],
    );
    expect(M, &[("FINEVAL", "2018-99-99")], &[]);
    expect(M, &[("FINEVAL", "9999-99-99")], &[]);
    expect(
        &ending(),
        &[("DATFIN", "2018-05-10")],
        &[(Code::DateOrder, "DATFIN")],
    );
    // An event before the birth month (§0.2): within the nine months before it, a warning
    // (a prenatal measure); earlier, an error; once per record, on ANAIS, naming the earliest
    // date (guide: no limit; CASF L.222-2 home help to a pregnant woman).
    let birth = |changes: &[(&str, &str)]| -> Vec<(Code, String)> {
        run(M, changes)
            .into_iter()
            .filter(|(c, _)| matches!(c, Code::BirthAfterEvent | Code::EventBeforeBirth))
            .collect()
    };
    let on_anais = |c: Code| vec![(c, "ANAIS".to_string())];
    // The earliest event of M is DATIP 2018-01-10.
    expect(M, &[("ANAIS", "2019")], &[(Code::BirthAfterEvent, "ANAIS")]);
    // Boundary: born in October 2018, January 2018 is exactly nine months before the birth
    // month; a day earlier is more.
    assert_eq!(
        birth(&[("ANAIS", "2018"), ("MNAIS", "10")]),
        on_anais(Code::EventBeforeBirth)
    );
    assert_eq!(
        birth(&[("ANAIS", "2018"), ("MNAIS", "10"), ("DATIP", "2017-12-31")]),
        on_anais(Code::BirthAfterEvent)
    );
    assert_eq!(
        birth(&[("ANAIS", "2018"), ("MNAIS", "02")]),
        on_anais(Code::EventBeforeBirth)
    );
    // The earliest date is named, and decides the severity.
    let mut out = Vec::new();
    check(
        &rec(
            M,
            &[("ANAIS", "2018"), ("MNAIS", "10"), ("DATIP", "2017-12-31")],
        ),
        &mut out,
    );
    assert!(out.iter().any(|f| f.code == Code::BirthAfterEvent
        && f.message.contains("DATIP")
        && f.message.contains("2017-12-31")));
    // Birth month unknown: the birth may be in January; certainly more than nine months
    // earlier only before April of the year before.
    assert_eq!(
        birth(&[("ANAIS", "2018"), ("MNAIS", "99"), ("DATIP", "2017-04-10")]),
        on_anais(Code::EventBeforeBirth)
    );
    assert_eq!(
        birth(&[("ANAIS", "2018"), ("MNAIS", "99"), ("DATIP", "2017-03-31")]),
        on_anais(Code::BirthAfterEvent)
    );
    expect(
        M,
        &[("ANAIS", "2019"), ("MNAIS", "99")],
        &[(Code::BirthAfterEvent, "ANAIS")],
    );
    // Dates whose month is unknown are not compared.
    assert_eq!(
        birth(&[
            ("ANAIS", "2018"),
            ("MNAIS", "05"),
            ("DATIP", "2017-99-99"),
            ("NOTIFEVAL", ""),
            ("FINEVAL", "")
        ]),
        vec![]
    );
    // A prenatal home help (TISF) decided two months before the birth: a warning only, and
    // the record is otherwise judged as a newborn's.
    let newborn = [
        ("ANAIS", "2018"),
        ("ANSA1", "1990"),
        ("ANSA2", "1990"),
        ("ANSMERE", "1990"),
        ("ANSPERE", "1990"),
        ("SCODTCOM", ""),
        ("NIVSCO", ""),
        ("SCOCLASPE", ""),
        ("ETABSCOSPE", ""),
        ("FREQSCO", ""),
        ("MODACC", "1"),
        ("DATIP", "2018-05-10"),
        ("NOTIFEVAL", ""),
        ("FINEVAL", ""),
    ];
    expect(M, &with(&newborn, &[("MNAIS", "05")]), &[]);
    let tisf = with(
        &newborn,
        &[
            ("MNAIS", "07"),
            ("DECISION", "1"),
            ("NATDECASSED", ""),
            ("NATDECPLAC", ""),
            ("INSTITPLAC", ""),
            ("LIEUPLAC", ""),
            ("PLACMOD", ""),
            ("AUTRLIEUAR", ""),
            ("NATPDECADM", "10"),
            ("TYPINTERDOM", "1"),
            ("DATPPE", "2018-07-20"),
        ],
    );
    expect(M, &tisf, &[(Code::EventBeforeBirth, "ANAIS")]);
    // Any event date of the young person counts (born in March 2008: June 2007 is nine
    // months before, May 2007 more).
    expect(
        M,
        &[("DATIP", "2007-05-31")],
        &[(Code::BirthAfterEvent, "ANAIS")],
    );
    expect(
        M,
        &[("DATDECAP", "2007-05-15"), ("DECAP", "4")],
        &[(Code::BirthAfterEvent, "ANAIS")],
    );
    assert_eq!(
        birth(&[("DATDECAP", "2007-06-15"), ("DECAP", "4")]),
        on_anais(Code::EventBeforeBirth)
    );
    // Same month as the birth: not certain, not reported. Parents' deaths are not events.
    expect(M, &[("DATIP", "2008-03-02")], &[]);
    expect(M, &[("DCPERE", "2"), ("DATDCPERE", "2007-12")], &[]);
    // Parents' and adults' birth years.
    expect(M, &[("ANSA1", "2000")], &[(Code::ParentBirthYear, "ANSA1")]);
    expect(
        M,
        &[("ANSMERE", "2010")],
        &[(Code::ParentBirthYear, "ANSMERE")],
    );
    expect(
        M,
        &[("ANSPERE", "2008")],
        &[(Code::ParentBirthYear, "ANSPERE")],
    );
    expect(M, &[("ANSA2", "1998")], &[]);
    expect(M, &[("ANSA2", "9999")], &[]);
    // Years before 1920, age over 20.
    expect(
        M,
        &[("ANSPERE", "1915")],
        &[(Code::YearBefore1920, "ANSPERE")],
    );
    expect(
        M,
        &[("DATIP", "1900-01-01")],
        &[(Code::YearBefore1920, "DATIP")],
    );
    expect(A, &[("ANAIS", "1996")], &[(Code::AgeOver20, "ANAIS")]);
    expect(A, &[("ANAIS", "1997"), ("MNAIS", "10")], &[]);
    expect(
        A,
        &[("ANAIS", "1997"), ("MNAIS", "09")],
        &[(Code::AgeOver20, "ANAIS")],
    );
}

#[test]
fn messages_never_quote_free_text() {
    let mut out = Vec::new();
    let secret = "Jean Dupont chez sa tante rue des Lilas 12";
    check(
        &rec(M, &[("NATDECASSED", "21"), ("AUTREDJ", secret)]),
        &mut out,
    );
    check(&rec(A, &[("AUTREDA", "Jean Dupont")]), &mut out);
    assert!(!out.is_empty());
    for f in &out {
        assert!(!f.message.contains("Jean"), "{}", f.message);
    }
}

/// The record part of the catalogue is exactly what these rules emit.
#[test]
fn record_part_of_the_catalogue_is_what_the_rules_emit() {
    use crate::finding::{catalogue, Part};
    use std::collections::BTreeSet;
    let part: BTreeSet<Code> = catalogue::all()
        .filter(|e| e.part == Part::Record)
        .map(|e| e.code)
        .collect();
    let emitted: BTreeSet<Code> = [
        Code::InvalidCode,
        Code::InvalidFormat,
        Code::IdentifierInvalid,
        Code::LegacyCode,
        Code::MandatoryMissing,
        Code::ImperativeDateMissing,
        Code::ImperativeDatePartial,
        Code::DateZero,
        Code::DatfinWrongTypev,
        Code::CascadeMissing,
        Code::CascadeMissingMinor,
        Code::FilledOutsideCondition,
        Code::FilledWrongEvent,
        Code::ReservedMinors,
        Code::ReservedAdults,
        Code::ApplicableEmpty,
        Code::DateOrder,
        Code::BirthAfterEvent,
        Code::ParentBirthYear,
        Code::AgeOver20,
        Code::YearBefore1920,
        Code::Lieuplac20,
        Code::Natpdecadm19,
        Code::NumdepOutsideXsd,
        Code::EventBeforeBirth,
        Code::NspNotApplicable,
        Code::ReservedMinorsAtMajority,
        Code::NbfratZero,
        Code::NatureTypeMismatch,
        Code::OtherNatureBlocksEmpty,
        Code::MenagejmExpected8,
        Code::PupilleTitap80,
    ]
    .into();
    assert_eq!(part, emitted);
}

/// The dictionary's `condition` (what the generator fills) must lie between this module's
/// "required" and "allowed" conditions, so that clean generated data gives no finding:
/// required ⇒ dictionary condition ⇒ allowed, for every combination of the values (and
/// emptiness) of the variables they depend on. Situational variables are never required.
#[test]
fn scopes_agree_with_the_dictionary() {
    use crate::dictionary::Condition;
    use std::collections::BTreeSet;

    fn deps_dict(c: &Condition, out: &mut BTreeSet<usize>) {
        match c {
            Condition::Is(j, _) => {
                out.insert(*j);
            }
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| deps_dict(c, out)),
        }
    }
    fn deps_mine(c: Cond, out: &mut BTreeSet<usize>) {
        match c {
            Cond::Is(j, _) | Cond::Absent(j) | Cond::Filled(j) => {
                out.insert(j);
            }
            Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| deps_mine(*c, out)),
            Cond::True | Cond::False => {}
        }
    }
    fn eval_dict(c: &Condition, val: &dyn Fn(usize) -> &'static str) -> bool {
        match c {
            Condition::Is(j, vs) => vs.contains(&val(*j)),
            Condition::All(cs) => cs.iter().all(|c| eval_dict(c, val)),
            Condition::Any(cs) => cs.iter().any(|c| eval_dict(c, val)),
        }
    }
    // Empty dependencies are taken as legitimately empty (not applicable).
    fn eval_mine(c: Cond, val: &dyn Fn(usize) -> &'static str) -> bool {
        match c {
            Cond::True => true,
            Cond::False => false,
            Cond::Is(j, vs) => vs.contains(&val(j)),
            Cond::Absent(j) => val(j).is_empty(),
            Cond::Filled(j) => !val(j).is_empty(),
            Cond::All(cs) => cs.iter().all(|c| eval_mine(*c, val)),
            Cond::Any(cs) => cs.iter().any(|c| eval_mine(*c, val)),
        }
    }

    let mut checked = 0;
    for (i, var) in VARIABLES.iter().enumerate() {
        let scope = SCOPES.iter().find(|s| s.0 == i).map(|s| s.1);
        if var.condition.is_none() && scope.is_none() {
            continue;
        }
        let mut deps = BTreeSet::new();
        if let Some(c) = &var.condition {
            deps_dict(c, &mut deps);
        }
        if let Some(s) = scope {
            deps_mine(s.required, &mut deps);
            deps_mine(s.allowed, &mut deps);
        }
        let deps: Vec<usize> = deps.into_iter().collect();
        let choices: Vec<Vec<&'static str>> = deps
            .iter()
            .map(|&j| {
                let mut c: Vec<&'static str> =
                    VARIABLES[j].modalities.iter().map(|m| m.0).collect();
                c.push("");
                c
            })
            .collect();
        let mut idx = vec![0usize; deps.len()];
        loop {
            let val = |j: usize| -> &'static str {
                deps.iter()
                    .position(|&d| d == j)
                    .map_or("", |p| choices[p][idx[p]])
            };
            let dict = var.condition.as_ref().is_none_or(|c| eval_dict(c, &val));
            let (req, allowed) = match scope {
                Some(s) => (eval_mine(s.required, &val), eval_mine(s.allowed, &val)),
                None => (true, true),
            };
            let state: Vec<_> = deps.iter().map(|&j| (VARIABLES[j].code, val(j))).collect();
            assert!(
                !req || dict,
                "{}: required but not in the dictionary's condition at {state:?}",
                var.code
            );
            assert!(
                !dict || allowed,
                "{}: the dictionary's condition holds but not allowed at {state:?}",
                var.code
            );
            assert!(
                !(req && var.situational),
                "{}: situational yet required at {state:?}",
                var.code
            );
            checked += 1;
            // Next combination.
            let mut k = 0;
            while k < idx.len() {
                idx[k] += 1;
                if idx[k] < choices[k].len() {
                    break;
                }
                idx[k] = 0;
                k += 1;
            }
            if k == idx.len() {
                break;
            }
        }
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn local_tables_agree_with_the_dictionary() {
    // Mandatory: the §9 list is the dictionary's, imperative dates apart.
    let dict: Vec<usize> = (0..N_ALL).filter(|&i| VARIABLES[i].mandatory).collect();
    let mut mine: Vec<usize> = scope::MANDATORY.to_vec();
    mine.extend([ids::DATDECPE, ids::DATDEB]);
    mine.sort_unstable();
    assert_eq!(dict, mine);
    // An event type cannot both expect a variable and forbid it.
    for v in VARIABLES.iter() {
        let f = scope::forbidden(v.number);
        for (t, (forbidden, expected)) in f.iter().zip(v.typev).enumerate() {
            assert!(!(*forbidden && expected), "{} on TYPEV {}", v.code, t + 1);
        }
    }
    // Legacy codes are not valid 2016 codes (NATDECPLAC 3 stays valid).
    for (i, codes, _) in scope::LEGACY {
        for c in codes.iter() {
            assert!(!VARIABLES[*i].has_modality(c), "{} {c}", VARIABLES[*i].code);
        }
    }
    assert!(VARIABLES[ids::NATDECPLAC].has_modality("3"));
    for c in scope::NUMDEP_OUTSIDE_XSD {
        assert!(!VARIABLES[ids::NUMDEP].has_modality(c));
    }
    // Every cascade variable has a scope with a "because" text.
    for &i in scope::CASCADE_ERROR.iter().chain(scope::CASCADE_WARNING) {
        let s = SCOPES.iter().find(|s| s.0 == i).expect("scope");
        assert!(!s.1.because.is_empty(), "{}", VARIABLES[i].code);
    }
}

/// Prints a sample of rendered messages (`cargo test --lib print_messages -- --ignored
/// --nocapture`), to review their wording.
#[test]
#[ignore]
fn print_messages() {
    let cases: &[(&[(&str, &str)], &[(&str, &str)])] = &[
        (M, &[("SEXE", "3")]),
        (M, &[("NIVSCO", "341")]),
        (M, &[("DATDEB", "2018-02-30")]),
        (
            M,
            &[
                ("NATDECASSED", "21"),
                (
                    "AUTREDJ",
                    "Une mesure décrite en bien plus de quarante caractères",
                ),
            ],
        ),
        (M, &[("NUMANONYM", "abc")]),
        (M, &[("FREQSCO", "2")]),
        (M, &[("SEXE", "")]),
        (M, &[("DATDEB", "")]),
        (M, &[("DATDEB", "2018-05-99")]),
        (M, &[("DATIP", "0000-00-00")]),
        (M, &[("DATFIN", "2018-12-31")]),
        (M, &[("NATDECASSED", "")]),
        (M, &[("PLACMOD", "")]),
        (M, &[("TYPCLASSPE", "99")]),
        (M, &[("CHGLIEU", "1")]),
        (A, &[("TITAP", "11"), ("NATPDECADM", "14")]),
        (M, &[("MENAGEJM", "1")]),
        (M, &[("SANTE", ""), ("SCOCLASPE", "2")]),
        (M, &[("DATDEB", "2018-05-01")]),
        (M, &[("ANAIS", "2019")]),
        (M, &[("ANSA1", "2000")]),
        (A, &[("ANAIS", "1996")]),
        (M, &[("ANSPERE", "1915")]),
        (M, &[("LIEUPLAC", "20")]),
        (M, &[("NUMDEP", "977")]),
        (
            M,
            &[
                ("ANAIS", "2016"),
                ("MNAIS", "01"),
                ("SCODTCOM", "2"),
                ("NIVSCO", "200"),
                ("ANSA1", "1984"),
                ("ANSA2", "1984"),
                ("ANSMERE", "1984"),
                ("ANSPERE", "1984"),
            ],
        ),
    ];
    for (base, changes) in cases {
        let mut out = Vec::new();
        check(&rec(base, changes), &mut out);
        for f in out {
            println!(
                "{} [{}] {}",
                f.code,
                f.variable.unwrap_or_default(),
                f.message
            );
        }
    }
}

/// Random records (valid codes, "ne sait pas", empty, junk, odd Unicode) never make the rules
/// panic, and every message is fully rendered.
#[test]
fn random_records_never_panic() {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    const JUNK: &[&str] = &[
        "",
        "0",
        "00",
        "9",
        "99",
        "999",
        "9999",
        "0000",
        "0000-00",
        "0000-00-00",
        "9999-99-99",
        "9999-99",
        "2018-02-30",
        "2018-13-01",
        "2018-05-99",
        "2018-99-99",
        "1899-01-01",
        "1915-06-01",
        "2018-06-15",
        "2019-1-5",
        "12/03/2018",
        "x",
        "é",
        "1 ",
        "-1",
        "18",
        "21",
        "24",
        "69",
        "977",
        "🙂",
        "2A",
        "abc;def",
        "\u{0}",
    ];
    let mut out = Vec::new();
    for _ in 0..5_000 {
        let mut r = Record::new();
        for (i, var) in VARIABLES.iter().enumerate() {
            let k = next();
            let v: String = match k % 4 {
                0 if !var.modalities.is_empty() => var.modalities
                    [(k >> 8) as usize % var.modalities.len()]
                .0
                .to_owned(),
                1 => JUNK[(k >> 8) as usize % JUNK.len()].to_owned(),
                2 => match var.kind {
                    Kind::Date => {
                        format!("20{:02}-{:02}-{:02}", k % 30, (k >> 8) % 13, (k >> 16) % 32)
                    }
                    Kind::Year => format!("{}", 1900 + (k >> 8) % 130),
                    _ => String::new(),
                },
                _ => continue,
            };
            r.set(i, &v);
        }
        out.clear();
        check(&r, &mut out);
        for f in &out {
            assert!(!f.message.contains('{'), "{}", f.message);
            assert!(f.variable.is_some(), "{}", f.code);
        }
    }
}

/// The conditions never refer to one another in a cycle, so a variable's status does not
/// depend on the order in which statuses are computed (`Ctx::required` relies on it).
#[test]
fn conditions_are_acyclic() {
    fn deps(c: Cond, out: &mut Vec<usize>) {
        match c {
            Cond::Is(j, _) | Cond::Absent(j) | Cond::Filled(j) => out.push(j),
            Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| deps(*c, out)),
            Cond::True | Cond::False => {}
        }
    }
    let edges = |i: usize| {
        let mut out = Vec::new();
        if let Some((_, s)) = SCOPES.iter().find(|(v, _)| *v == i) {
            deps(s.required, &mut out);
            deps(s.allowed, &mut out);
        }
        out
    };
    // 0 = unvisited, 1 = on the current path, 2 = done.
    fn visit(
        i: usize,
        state: &mut [u8],
        edges: &dyn Fn(usize) -> Vec<usize>,
        path: &mut Vec<usize>,
    ) {
        match state[i] {
            2 => return,
            1 => panic!("cycle among the conditions: {:?} → {}", path, ids::CODES[i]),
            _ => {}
        }
        state[i] = 1;
        path.push(i);
        for j in edges(i) {
            visit(j, state, edges, path);
        }
        path.pop();
        state[i] = 2;
    }
    let mut state = vec![0u8; N_ALL];
    for i in 0..N_ALL {
        visit(i, &mut state, &edges, &mut Vec::new());
    }
    // The check itself can fail: a cycle is found.
    let cyclic = |i: usize| if i == 0 { vec![1] } else { vec![0] };
    let mut state = vec![0u8; N_ALL];
    let r = std::panic::catch_unwind(move || visit(0, &mut state, &cyclic, &mut Vec::new()));
    assert!(r.is_err());
}

/// Every value test of the conditions is on a coded variable, with values from its list of
/// modalities (the compiled conditions test a modality's index, see `Compiled`).
#[test]
fn conditions_test_modalities_of_coded_variables() {
    fn check(c: Cond) {
        match c {
            Cond::Is(j, values) => {
                let v = &VARIABLES[j];
                assert_eq!(v.kind, Kind::Code, "{} is tested by value", v.code);
                assert!(v.modalities.len() <= 128, "{}", v.code);
                for x in values {
                    assert!(
                        v.modalities.iter().any(|(m, _)| m == x),
                        "{} = {x} is not a modality",
                        v.code
                    );
                }
                assert_eq!(
                    modality_mask(j, values).count_ones() as usize,
                    values.len(),
                    "{}",
                    v.code
                );
            }
            Cond::Absent(_) | Cond::Filled(_) | Cond::True | Cond::False => {}
            Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| check(*c)),
        }
    }
    for (_, s) in SCOPES {
        check(s.required);
        check(s.allowed);
    }
}

/// The code tables find every modality of every variable at its index, and nothing else.
#[test]
fn code_tables_find_exactly_the_modalities() {
    let t = tables();
    for (i, v) in VARIABLES.iter().enumerate() {
        let table = &t.vars[i].keys;
        for (n, (code, _)) in v.modalities.iter().enumerate() {
            assert_eq!(
                table.get(pack(code).unwrap()),
                Some(n as u8),
                "{} {code}",
                v.code
            );
        }
        for other in ["0", "00", "000", "100", "999", "9999", "A", "2C", "1 ", "x"] {
            if !v.modalities.iter().any(|(c, _)| c == &other) {
                assert_eq!(table.get(pack(other).unwrap()), None, "{} {other}", v.code);
            }
        }
    }
}

/// The fields read for every cell fit in the first cache line of a variable's entry.
#[test]
fn hot_fields_share_a_cache_line() {
    let t = tables();
    let base = &t.vars[0] as *const VarInfo as usize;
    let end_of_keys =
        &t.vars[0].keys as *const CodeTable as usize + std::mem::size_of::<CodeTable>();
    assert!(end_of_keys - base <= 64, "{}", end_of_keys - base);
}
