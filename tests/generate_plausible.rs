//! Clean generated files are plausible: ages, dates, event blocks, cascades, identities.
//! Small independent checks written for the generator — not the rule engine — so that a
//! regression in the generator shows here even before the engine-vs-manifest test runs.

use olinpe::generate::{generate_to_vec, GenOptions, CODES};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

struct File {
    rows: Vec<Vec<String>>,
}

impl File {
    fn new(o: &GenOptions) -> File {
        let (bytes, m) = generate_to_vec(o);
        assert!(m.planted.is_empty());
        let text = String::from_utf8(bytes).unwrap();
        let rows = text
            .lines()
            .skip(1)
            .map(|l| l.split(';').map(str::to_string).collect())
            .collect();
        File { rows }
    }
}

fn col(code: &str) -> usize {
    CODES
        .iter()
        .position(|c| *c == code)
        .unwrap_or_else(|| panic!("{code}"))
}

struct R<'a>(&'a [String]);

impl R<'_> {
    fn s(&self, code: &str) -> &str {
        &self.0[col(code)]
    }
    fn filled(&self, code: &str) -> bool {
        !self.s(code).is_empty()
    }
    fn is(&self, code: &str, values: &[&str]) -> bool {
        values.contains(&self.s(code))
    }
    /// A real date as (y, m, d), validated.
    fn date(&self, code: &str) -> Option<(i32, u32, u32)> {
        let v = self.s(code);
        if v.is_empty() || v.starts_with("9999") {
            return None;
        }
        let p: Vec<&str> = v.split('-').collect();
        assert_eq!(p.len(), 3, "{code}={v}");
        let (y, m, d) = (
            p[0].parse().unwrap(),
            p[1].parse().unwrap(),
            p[2].parse().unwrap(),
        );
        assert!(
            (1..=12).contains(&m) && d >= 1 && d <= month_len(y, m),
            "{code}={v}"
        );
        Some((y, m, d))
    }
    fn birth(&self) -> (i32, u32) {
        (
            self.s("ANAIS").parse().unwrap(),
            self.s("MNAIS").parse().unwrap(),
        )
    }
}

fn month_len(y: i32, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

fn ordinal((y, m, d): (i32, u32, u32)) -> i64 {
    // Days from a fixed origin; enough for differences and ordering.
    let (y, m) = if m <= 2 {
        (y as i64 - 1, m as i64 + 12)
    } else {
        (y as i64, m as i64)
    };
    365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d as i64
}

fn age((by, bm): (i32, u32), (y, m, _): (i32, u32, u32)) -> i32 {
    y - by - i32::from(m < bm)
}

const MINORS_ONLY: &[&str] = &[
    "COMPOMENAG",
    "AUTREHEBER",
    "NBFRAT",
    "TITAP",
    "DECAP",
    "DATDECAP",
    "LIENA1",
    "LIENA2",
    "SEXA1",
    "SEXA2",
    "ANSA1",
    "ANSA2",
    "EMPLA1",
    "EMPLA2",
    "CSPA1",
    "CSPA2",
    "MEREINC",
    "PEREINC",
    "ANSMERE",
    "ANSPERE",
    "DCMERE",
    "DCPERE",
    "DATDCMERE",
    "DATDCPERE",
    "CONDADD",
    "DEFINTEL",
    "CONFL",
    "VIOLFAM",
    "SANTE",
    "SECURITE",
    "MORALITE",
    "CONDEDUC",
    "CONDEDEV",
    "VIOLSEX",
    "VIOLPHYS",
    "NEGLIG",
    "VIOLPSY",
    "VIOLCONJ",
    "DANGER",
    "MINA",
    "PROJET",
    "DATPPE",
    "CHGLIEU",
    "NBCHGLIEU",
];
const FULL_DATES: &[&str] = &[
    "DATIP",
    "NOTIFEVAL",
    "FINEVAL",
    "DATSIGN",
    "DATJE",
    "DATDECPE",
    "DATDEB",
    "DATFIN",
    "DATPPE",
    "DATDECAP",
];
const ADULTS_ONLY: &[&str] = &["MENAGEJM", "EMPLJM", "CSPJM"];
const OPENING_ONLY: &[&str] = &[
    "TRAITINFO",
    "DATIP",
    "DATSIGN",
    "DATJE",
    "ORIGIP",
    "TRANSIP",
    "MOTIFSIG",
    "ENQPENAL",
    "SAISJUR",
    "NOTIFEVAL",
    "FINEVAL",
    "MESANT",
    "ACCFAM",
    "CONDADD",
    "DEFINTEL",
    "CONFL",
    "VIOLFAM",
    "SOUTSOC",
];
const END_ONLY: &[&str] = &[
    "DATFIN",
    "MOTFININT",
    "MOTIFML",
    "DATDECMIN",
    "DIPLOME",
    "NBCHGLIEU",
];
const SAME_AS_OPENING: &[&str] = &[
    "DECISION",
    "NATPDECADM",
    "AUTREDA",
    "NATDECASSED",
    "AUTREDJ",
    "NATDECPLAC",
    "TYPINTERDOM",
    "TYPDECJUD",
];

fn files() -> Vec<(GenOptions, File)> {
    [
        (1u64, false, 2018),
        (2, false, 2021),
        (3, true, 2018),
        (4, false, 2016),
    ]
    .into_iter()
    .map(|(seed, nominative, year)| {
        let o = GenOptions {
            rows: 2_500,
            seed,
            nominative,
            reference_year: year,
            ..GenOptions::default()
        };
        let f = File::new(&o);
        (o, f)
    })
    .collect()
}

#[test]
fn ages_blocks_and_dates_are_plausible() {
    for (o, f) in files() {
        let year = o.reference_year;
        let mut decided_in_year = 0;
        for (i, raw) in f.rows.iter().enumerate() {
            let r = R(raw);
            let ctx = format!("seed {} row {}", o.seed, i + 1);
            let typev = r.s("TYPEV");
            assert!(["1", "2", "3"].contains(&typev), "{ctx}");
            for code in [
                "NUMDEP", "TYPEV", "SEXE", "ANAIS", "MNAIS", "DECISION", "DATDECPE", "DATDEB",
            ] {
                assert!(r.filled(code), "{ctx}: {code} empty");
            }
            assert_eq!(r.s("MNAIS").len(), 2, "{ctx}");
            let birth = r.birth();
            assert!((1..=12).contains(&birth.1));
            let dp = r.date("DATDECPE").expect("DATDECPE");
            let db = r.date("DATDEB").expect("DATDEB");
            let fin = r.date("DATFIN");
            assert_eq!(typev == "3", fin.is_some(), "{ctx}: DATFIN only on ends");
            assert_eq!(typev == "3", r.filled("MOTFININT"), "{ctx}");
            let event = if typev == "3" { fin.unwrap() } else { dp };
            let a = age(birth, event);
            assert!((0..=20).contains(&a), "{ctx}: age {a}");
            assert!(age(birth, dp) <= 20, "{ctx}");
            // One age class at the decision and at the event (reserved modalities).
            assert_eq!(age(birth, dp) >= 18, a >= 18, "{ctx}: class at decision");
            for code in MINORS_ONLY {
                assert!(a < 18 || !r.filled(code), "{ctx}: {code} for an adult");
            }
            for code in ADULTS_ONLY {
                assert!(a >= 18 || !r.filled(code), "{ctx}: {code} for a minor");
            }
            for code in OPENING_ONLY {
                assert!(
                    typev == "1" || !r.filled(code),
                    "{ctx}: {code} on TYPEV {typev}"
                );
            }
            for code in END_ONLY {
                assert!(
                    typev == "3" || !r.filled(code),
                    "{ctx}: {code} on TYPEV {typev}"
                );
            }
            assert!(typev == "2" || !r.filled("CHGLIEU"), "{ctx}");
            // §5.5 order, duration, perimeter.
            let chain: Vec<(i32, u32, u32)> = [
                "DATIP",
                "NOTIFEVAL",
                "FINEVAL",
                "DATDECPE",
                "DATDEB",
                "DATFIN",
            ]
            .iter()
            .filter_map(|c| r.date(c))
            .collect();
            assert!(
                chain.windows(2).all(|w| ordinal(w[0]) <= ordinal(w[1])),
                "{ctx}: order {chain:?}"
            );
            if let Some(fin) = fin {
                assert!(ordinal(fin) - ordinal(db) <= 730, "{ctx}: duration");
            }
            assert!(
                dp.0 == year || db.0 == year || fin.is_some_and(|f| f.0 == year),
                "{ctx}: out of perimeter"
            );
            if dp.0 == year {
                decided_in_year += 1;
            }
            // Born before every date (the month after the birth month at the earliest).
            for code in FULL_DATES {
                if let Some(d) = r.date(code) {
                    assert!(
                        (d.0, d.1) > birth,
                        "{ctx}: {code} {d:?} before birth {birth:?}"
                    );
                }
            }
            for code in ["DATDCMERE", "DATDCPERE", "DATDECMIN"] {
                let v = r.s(code);
                if !v.is_empty() && !v.starts_with("9999") {
                    let (y, m): (i32, u32) = (v[..4].parse().unwrap(), v[5..].parse().unwrap());
                    assert!((y, m) > birth && (1..=12).contains(&m), "{ctx}: {code}");
                }
            }
            for code in ["ANSA1", "ANSA2", "ANSMERE", "ANSPERE"] {
                let v = r.s(code);
                if !v.is_empty() && v != "9999" {
                    let y: i32 = v.parse().unwrap();
                    assert!(y <= birth.0 - 10 && y >= 1920, "{ctx}: {code} {y}");
                }
            }
            let hex = r.s("NUMANONYM");
            if o.nominative {
                assert!(hex.is_empty());
            } else {
                assert!(
                    hex.len() == 40
                        && hex
                            .bytes()
                            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
                );
            }
        }
        assert!(
            decided_in_year * 2 > f.rows.len(),
            "most decisions in the reference year"
        );
    }
}

#[test]
fn cascades_and_conditions_hold() {
    for (o, f) in files() {
        for (i, raw) in f.rows.iter().enumerate() {
            let r = R(raw);
            let ctx = format!("seed {} row {}", o.seed, i + 1);
            let adm = r.is("DECISION", &["1"]);
            assert!(adm || r.is("DECISION", &["2"]), "{ctx}");
            assert_eq!(adm, r.filled("NATPDECADM"), "{ctx}");
            assert_eq!(!adm, r.filled("NATDECASSED"), "{ctx}");
            assert_eq!(r.is("NATPDECADM", &["18"]), r.filled("AUTREDA"), "{ctx}");
            assert_eq!(r.is("NATDECASSED", &["21"]), r.filled("AUTREDJ"), "{ctx}");
            assert!(r.s("AUTREDA").chars().count() <= 40 && r.s("AUTREDJ").len() <= 40);
            assert_eq!(
                r.is("NATPDECADM", &["10", "18", "20"]),
                r.filled("TYPINTERDOM"),
                "{ctx}"
            );
            let accueil = r.is(
                "NATPDECADM",
                &["11", "12", "13", "14", "15", "16", "18", "19", "21"],
            );
            for c in ["LIEUACC", "ACCMOD", "AUTRLIEUACC"] {
                assert_eq!(accueil, r.filled(c), "{ctx}: {c}");
            }
            let jud_open = r.is("NATDECASSED", &["11", "14", "15", "16", "19", "21", "24"]);
            assert_eq!(jud_open, r.filled("TYPDECJUD"), "{ctx}");
            for c in ["NATDECPLAC", "INSTITPLAC"] {
                assert_eq!(
                    r.is("NATDECASSED", &["17", "18", "21"]),
                    r.filled(c),
                    "{ctx}: {c}"
                );
            }
            for c in ["LIEUPLAC", "PLACMOD", "AUTRLIEUAR"] {
                assert_eq!(
                    r.is("NATDECASSED", &["17", "18", "21", "22", "23"]),
                    r.filled(c),
                    "{ctx}: {c}"
                );
            }
            assert!(
                !r.is("LIEUPLAC", &["20"]) && !r.is("NATPDECADM", &["19"]),
                "{ctx}"
            );
            let a = {
                let event = if r.is("TYPEV", &["3"]) {
                    r.date("DATFIN")
                } else {
                    r.date("DATDECPE")
                };
                age(r.birth(), event.unwrap())
            };
            let minor = a < 18;
            // Reserved modalities (§4.4).
            if minor {
                assert!(
                    !r.is("NATPDECADM", &["20", "21"]) && !r.is("NATDECASSED", &["24"]),
                    "{ctx}"
                );
            } else {
                assert!(
                    r.s("NATPDECADM").is_empty() || r.is("NATPDECADM", &["18", "20", "21"]),
                    "{ctx}"
                );
                assert!(
                    r.s("NATDECASSED").is_empty() || r.is("NATDECASSED", &["21", "24"]),
                    "{ctx}"
                );
            }
            let placement = r.is(
                "NATPDECADM",
                &["11", "12", "13", "14", "15", "16", "19", "21"],
            ) || r.is("NATDECASSED", &["17", "18", "22", "23"]);
            assert_eq!(
                minor && placement && r.is("TYPEV", &["2"]),
                r.filled("CHGLIEU"),
                "{ctx}"
            );
            // An end followed by a new measure ("hypothèse 2") leaves MOTIFML and
            // NBCHGLIEU empty.
            let hypothesis2 = later_opening(&o, &f, i);
            assert_eq!(
                minor && placement && r.is("TYPEV", &["3"]) && !hypothesis2,
                r.filled("NBCHGLIEU"),
                "{ctx}"
            );
            assert_eq!(
                a >= 14 && r.is("TYPEV", &["3"]),
                r.filled("DIPLOME"),
                "{ctx}"
            );
            // §5.4 conditions.
            assert_eq!(r.is("ORIENTDEC", &["2"]), r.filled("ORIENTEFF"), "{ctx}");
            assert_eq!(r.is("SCOCLASPE", &["2"]), r.filled("TYPCLASSPE"), "{ctx}");
            assert_eq!(r.is("SCODTCOM", &["2"]), r.filled("SCOCLASPE"), "{ctx}");
            assert_eq!(r.is("ETABSCOSPE", &["2"]), r.filled("TYPETABSPE"), "{ctx}");
            assert_eq!(r.is("PROJET", &["2"]), r.filled("DATPPE"), "{ctx}");
            assert_eq!(
                r.is("MOTFININT", &["1", "2"]) && !hypothesis2,
                r.filled("MOTIFML"),
                "{ctx}"
            );
            assert_eq!(r.is("MOTIFML", &["18"]), r.filled("DATDECMIN"), "{ctx}");
            assert_eq!(r.is("DCMERE", &["2"]), r.filled("DATDCMERE"), "{ctx}");
            assert_eq!(r.is("DCPERE", &["2"]), r.filled("DATDCPERE"), "{ctx}");
            assert_eq!(r.is("TRAITINFO", &["3"]), r.filled("DATSIGN"), "{ctx}");
            assert_eq!(r.is("TRAITINFO", &["4"]), r.filled("DATJE"), "{ctx}");
            assert_eq!(r.is("TRAITINFO", &["1", "2"]), r.filled("TRANSIP"), "{ctx}");
            assert_eq!(
                a < 6 && r.is("SCODTCOM", &["1", ""]),
                r.filled("MODACC"),
                "{ctx}"
            );
            assert_eq!(
                a >= 3,
                r.filled("SCODTCOM") && r.filled("ETABSCOSPE") && r.filled("FREQSCO"),
                "{ctx}"
            );
            let schooled = r.is("SCODTCOM", &["2", "9"]) || r.is("ETABSCOSPE", &["2"]);
            assert_eq!(a >= 3 && schooled, r.filled("NIVSCO"), "{ctx}");
            assert_eq!(
                minor && r.is("DECAP", &["1", "2", "3", "4", "5"]),
                r.filled("DATDECAP"),
                "{ctx}"
            );
            // Adult 1 always, adult 2 as a whole or not at all.
            let a1 = ["LIENA1", "SEXA1", "ANSA1", "EMPLA1", "CSPA1"].map(|c| r.filled(c));
            let a2 = ["LIENA2", "SEXA2", "ANSA2", "EMPLA2", "CSPA2"].map(|c| r.filled(c));
            assert!(a1.iter().all(|x| *x == minor), "{ctx}");
            assert!(a2.iter().all(|x| *x == a2[0]) && (minor || !a2[0]), "{ctx}");
            if r.is("TYPEV", &["1"]) && r.is("TRAITINFO", &["1", "2"]) {
                assert!(
                    r.filled("NOTIFEVAL") && r.filled("FINEVAL") && r.filled("ORIGIP"),
                    "{ctx}"
                );
            }
        }
    }
}

#[test]
fn identities_chains_and_uniqueness() {
    for (o, f) in files() {
        let year = o.reference_year;
        let mut seen_rows = HashSet::new();
        let mut identity: HashMap<String, (String, String, String, String)> = HashMap::new();
        let mut ant_owner: HashMap<String, String> = HashMap::new();
        let mut openings: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
        for (i, raw) in f.rows.iter().enumerate() {
            assert!(
                seen_rows.insert(raw.clone()),
                "seed {} row {}: duplicate row",
                o.seed,
                i + 1
            );
            let r = R(raw);
            // Young people are identified by NUMANONYM, or by their identity when nominative.
            let key = if o.nominative {
                raw[105..].join("|")
            } else {
                r.s("NUMANONYM").to_string()
            };
            let id = (
                r.s("ANAIS").to_string(),
                r.s("MNAIS").to_string(),
                r.s("SEXE").to_string(),
                r.s("NUMANONYMANT").to_string(),
            );
            let prev = identity.entry(key.clone()).or_insert_with(|| id.clone());
            assert_eq!(*prev, id, "seed {} row {}: identity", o.seed, i + 1);
            if !o.nominative {
                let owner = ant_owner.entry(id.3.clone()).or_insert_with(|| key.clone());
                assert_eq!(*owner, key, "NUMANONYMANT shared");
            }
            if r.is("TYPEV", &["1", "2"]) {
                openings
                    .entry((key.clone(), r.s("DATDEB").to_string()))
                    .or_default()
                    .push(i);
            }
        }
        // Ends whose start is in the year match an opening, and repeat what §5.1 requires.
        for (i, raw) in f.rows.iter().enumerate() {
            let r = R(raw);
            if r.is("TYPEV", &["1"]) {
                continue;
            }
            let key = if o.nominative {
                raw[105..].join("|")
            } else {
                r.s("NUMANONYM").to_string()
            };
            let opening = openings
                .get(&(key, r.s("DATDEB").to_string()))
                .and_then(|v| v.iter().copied().find(|&j| j < i));
            let in_year = r.date("DATDEB").unwrap().0 == year;
            if r.is("TYPEV", &["3"]) && in_year {
                assert!(
                    opening.is_some(),
                    "seed {} row {}: end without start",
                    o.seed,
                    i + 1
                );
            }
            if let Some(j) = opening {
                let op = R(&f.rows[j]);
                let mut same = SAME_AS_OPENING.to_vec();
                if r.is("TYPEV", &["3"]) {
                    same.push("DATDECPE");
                }
                for c in same {
                    assert_eq!(
                        op.s(c),
                        r.s(c),
                        "seed {} row {}: {c} differs from opening",
                        o.seed,
                        i + 1
                    );
                }
            }
        }
        // Renewals (§0.2 Segments and renewals): new dates, and the period they renew (the
        // young person's latest earlier opening) ends in the file.
        for (i, raw) in f.rows.iter().enumerate() {
            let r = R(raw);
            if !r.is("TYPEV", &["2"]) {
                continue;
            }
            let key = |raw: &[String]| {
                if o.nominative {
                    raw[105..].join("|")
                } else {
                    raw[col("NUMANONYM")].clone()
                }
            };
            let me = key(raw);
            let deb = r.s("DATDEB");
            let person: Vec<&Vec<String>> = f.rows.iter().filter(|x| key(x) == me).collect();
            let earlier = person
                .iter()
                .filter(|x| {
                    let x = R(x);
                    x.is("TYPEV", &["1", "2"]) && x.s("DATDEB") <= deb
                })
                .map(|x| R(x).s("DATDEB").to_string())
                .filter(|d| d.as_str() != deb)
                .max();
            assert!(
                !person
                    .iter()
                    .any(|x| R(x).is("TYPEV", &["1"]) && R(x).s("DATDEB") == deb),
                "seed {} row {}: a renewal with the dates of its opening",
                o.seed,
                i + 1
            );
            if let Some(d) = earlier {
                assert!(
                    person
                        .iter()
                        .any(|x| R(x).is("TYPEV", &["3"]) && R(x).s("DATDEB") == d),
                    "seed {} row {}: the renewed period does not end",
                    o.seed,
                    i + 1
                );
            }
        }
        // No administrative or judicial duplicates (§6.1 0022/0026) either.
        let mut keys = HashSet::new();
        for raw in &f.rows {
            let r = R(raw);
            let k: Vec<String> = [
                "NUMANONYM",
                "PRENOM",
                "DECISION",
                "TYPEV",
                "NATPDECADM",
                "NATDECASSED",
                "DATDECPE",
                "LIEUACC",
                "LIEUPLAC",
                "TYPINTERDOM",
                "TYPDECJUD",
            ]
            .iter()
            .map(|c| {
                if *c == "PRENOM" {
                    raw[105..].join("|")
                } else {
                    r.s(c).to_string()
                }
            })
            .collect();
            assert!(
                keys.insert(k),
                "seed {}: administrative/judicial duplicate",
                o.seed
            );
        }
    }
}

/// True when the end on row `i` is followed by a later event of the same young person: a
/// renewal or a new measure, a line whose DATDEB comes after the ended period's
/// ("hypothèse 2", §5.1; docs/spec/OLINPE.md §0.2 NBCHGLIEU at the exit from protection).
fn later_opening(o: &GenOptions, f: &File, i: usize) -> bool {
    let key = |raw: &[String]| {
        if o.nominative {
            raw[105..].join("|")
        } else {
            raw[col("NUMANONYM")].clone()
        }
    };
    let me = key(&f.rows[i]);
    let deb = f.rows[i][col("DATDEB")].clone();
    let lo = i.saturating_sub(6);
    let hi = (i + 7).min(f.rows.len());
    f.rows[lo..hi]
        .iter()
        .any(|r| key(r) == me && r[col("DATDEB")] > deb)
}

/// True when `v` is neither empty nor the variable's "ne sait pas" value.
fn informative(code: &str, v: &str) -> bool {
    if v.is_empty() {
        return false;
    }
    match code {
        "LIEUACC" | "LIEUPLAC" | "NBFRAT" | "NBENF" | "NBCHGLIEU" => v != "99",
        "NIVSCO" | "TRANSIP" | "TYPETABSPE" => v != "999",
        _ => v.bytes().any(|b| b != b'9' && b != b'-'),
    }
}

#[test]
fn every_variable_is_filled_informatively_in_a_few_hundred_rows() {
    for seed in [1u64, 2, 3, 4, 5] {
        let o = GenOptions {
            rows: 300,
            seed,
            ..GenOptions::default()
        };
        let f = File::new(&o);
        let missing: BTreeSet<&str> = CODES
            .iter()
            .enumerate()
            .filter(|(i, code)| !f.rows.iter().any(|r| informative(code, &r[*i])))
            .map(|(_, c)| *c)
            .collect();
        assert!(
            missing.is_empty(),
            "seed {seed}: never informative: {missing:?}"
        );
        let typev: BTreeSet<&str> = f.rows.iter().map(|r| r[col("TYPEV")].as_str()).collect();
        assert_eq!(typev.len(), 3);
    }
}

#[test]
fn no_date_after_the_export_date() {
    let o = GenOptions {
        rows: 1_500,
        seed: 8,
        reference_year: 2019,
        date_export: Some((2019, 6, 30)),
        error_rate: 0.0,
        ..GenOptions::default()
    };
    assert!(o.validate().is_ok());
    let f = File::new(&o);
    for (i, raw) in f.rows.iter().enumerate() {
        let r = R(raw);
        for code in FULL_DATES {
            if let Some(d) = r.date(code) {
                assert!(d <= (2019, 6, 30), "row {}: {code} {d:?}", i + 1);
            }
        }
        let dp = r.date("DATDECPE").unwrap();
        let db = r.date("DATDEB").unwrap();
        assert!(dp.0 == 2019 || db.0 == 2019 || r.date("DATFIN").is_some_and(|d| d.0 == 2019));
    }
    let early = GenOptions {
        date_export: Some((2019, 1, 15)),
        ..o
    };
    assert!(early.validate().is_err());
}
