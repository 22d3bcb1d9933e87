//! Clean records for one invented young person: a birth date, a household, one or two
//! measures and their event lines (opening `TYPEV=1`, renewal `2`, end `3`), with every
//! variable that applies filled and every variable that does not apply left empty.
//!
//! "Applies" follows docs/spec/OLINPE.md §5.1–§5.5 as corrected by §0.2. Where the spec can be read two
//! ways, the generator picks values for which both readings agree (see [`mask`] and the
//! module documentation of [`super`]), so that a clean file yields no error and no warning
//! whichever reading the rules take.

use super::date::{self, age, civil, days, month_index};
use super::rng::Rng;
use super::row::{Ident, Row, V};
use crate::dictionary::ids::*;

/// File-wide settings the records depend on.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// Reference year.
    pub year: i32,
    /// First day of the reference year.
    pub d0: i32,
    /// Last day a generated date may take (31 December, or the export date if earlier).
    pub d1: i32,
    /// `NUMDEP` of the file.
    pub numdep: &'static str,
    /// Nominative file: identifiers left empty, identity columns filled.
    pub nominative: bool,
}

/// What the planting step needs to know about a generated row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meta {
    /// `TYPEV` (1, 2 or 3).
    pub typev: u8,
    /// Age in completed years at the record's event date.
    pub age: i32,
    /// Index of the measure within the person (rows of one measure share identical values).
    pub measure: usize,
    /// True when no other row of the person belongs to the same measure.
    pub alone: bool,
    /// Index of the row within the person.
    pub index: usize,
    /// Number of rows of the person.
    pub person_rows: usize,
    /// The measure is a placement or an accueil (docs/spec/OLINPE.md §0.2 definition).
    pub placement: bool,
    /// First day of the month after the birth month: no date may precede it.
    pub floor: i32,
}

/// Birth month year and month of a person (kept for the planting step's age checks).
#[derive(Debug, Clone, Copy)]
pub struct Birth {
    /// `ANAIS`.
    pub year: i32,
    /// `MNAIS`.
    pub month: u32,
}

/// One planned event line: its type, decision date, start date, end date (TYPEV 3) and the
/// measure it belongs to (day numbers).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ev {
    pub typev: u8,
    pub dp: i32,
    pub db: i32,
    pub fin: Option<i32>,
    pub measure: usize,
}

impl Ev {
    /// The date ages are computed at (docs/spec/OLINPE.md §0.2 "Age").
    pub(crate) fn event_day(&self) -> i32 {
        match (self.typev, self.fin) {
            (3, Some(f)) => f,
            _ => self.dp,
        }
    }
}

/// Features forced on the first persons of a file, so that even a file of a few hundred
/// rows fills every variable informatively somewhere.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Force {
    adult: Option<bool>,
    max_age: Option<i32>,
    min_age: Option<i32>,
    kind: Option<Kind>,
    natpdecadm: Option<&'static str>,
    natdecassed: Option<&'static str>,
    traitinfo: Option<&'static str>,
    death: bool,
    parents_dead: bool,
    special_school: bool,
    handicap: bool,
    projet: bool,
}

fn forced(index: u64) -> Force {
    match index {
        // Opening, end and renewal in the first three rows: every event type is present
        // (no `typev-absent`) from three rows on.
        0 => Force {
            adult: Some(true),
            kind: Some(Kind::K12n3),
            natpdecadm: Some("18"),
            ..Force::default()
        },
        1 => Force {
            adult: Some(false),
            max_age: Some(1),
            kind: Some(Kind::K12n),
            natdecassed: Some("17"),
            projet: true,
            ..Force::default()
        },
        2 => Force {
            adult: Some(false),
            min_age: Some(14),
            kind: Some(Kind::K13),
            natdecassed: Some("21"),
            traitinfo: Some("3"),
            death: true,
            parents_dead: true,
            special_school: true,
            handicap: true,
            ..Force::default()
        },
        3 => Force {
            adult: Some(false),
            min_age: Some(8),
            max_age: Some(15),
            kind: Some(Kind::K12n3),
            natpdecadm: Some("14"),
            traitinfo: Some("4"),
            projet: true,
            ..Force::default()
        },
        4 => Force {
            adult: Some(true),
            kind: Some(Kind::K12n3),
            natdecassed: Some("24"),
            traitinfo: Some("1"),
            ..Force::default()
        },
        _ => Force::default(),
    }
}

/// Shapes of one measure's lines within the reference year. A renewal carries new dates and
/// the period it renews ends just before it (docs/spec/OLINPE.md §0.2 Segments and renewals,
/// guide p. 6–7 and p. 10): opening, end, renewal, and maybe the renewal's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Opened in the year, still running.
    K1,
    /// Opened and ended in the year.
    K13,
    /// Opened, ended, then renewed for a new period (new `DATDECPE`, `DATDEB`).
    K12n,
    /// Opened, ended, renewed for a new period, and that period ended.
    K12n3,
    /// End of a measure opened in an earlier year (its opening is in an earlier file).
    K3,
    /// Renewal of a measure opened in an earlier year.
    K2,
    /// Renewal of an earlier measure, then its end.
    K23,
}

const KINDS: &[(Kind, u32)] = &[
    (Kind::K1, 28),
    (Kind::K13, 17),
    (Kind::K12n, 12),
    (Kind::K12n3, 11),
    (Kind::K3, 16),
    (Kind::K2, 9),
    (Kind::K23, 7),
];

fn span(rng: &mut Rng, lo: i32, hi: i32) -> i32 {
    rng.range(lo as i64, hi as i64) as i32
}

/// Plans the lines of one measure starting no earlier than `from`.
pub(crate) fn plan(
    rng: &mut Rng,
    ctx: &Ctx,
    kind: Kind,
    from: i32,
    measure: usize,
    out: &mut Vec<Ev>,
) {
    let d1 = ctx.d1;
    let from = from.min(d1);
    let open = |rng: &mut Rng, lo: i32, hi: i32| {
        let dp = span(rng, lo, hi.min(d1));
        let db = (dp + span(rng, 0, 20)).min(d1);
        (dp, db)
    };
    let fin = |rng: &mut Rng, db: i32| span(rng, (db + 14).min(d1), d1).max(db);
    let ev = |typev, dp, db, fin| Ev {
        typev,
        dp,
        db,
        fin,
        measure,
    };
    let room = d1 - from;
    match kind {
        Kind::K1 | Kind::K2 => {
            let (dp, db) = open(rng, from, d1 - 3);
            out.push(ev(if kind == Kind::K1 { 1 } else { 2 }, dp, db, None));
        }
        Kind::K13 | Kind::K23 => {
            let (dp, db) = open(rng, from, from + room / 2);
            let f = fin(rng, db);
            out.push(ev(if kind == Kind::K13 { 1 } else { 2 }, dp, db, None));
            out.push(ev(3, dp, db, Some(f)));
        }
        Kind::K12n | Kind::K12n3 => {
            // The first period ends the day before the renewal starts; the renewal is
            // decided in the days before (never before the first period started).
            let (dp, db) = open(rng, from, from + room / 4);
            out.push(ev(1, dp, db, None));
            let lo = (db + 60).min(d1 - 1);
            let end1 = span(rng, lo, (db + 150).min(d1 - 20).max(lo));
            let db2 = (end1 + 1).min(d1).max(db + 1);
            let dp2 = (db2 - span(rng, 0, 15)).max(db + 1).min(db2);
            out.push(ev(3, dp, db, Some(end1.max(db))));
            out.push(ev(2, dp2, db2, None));
            if kind == Kind::K12n3 {
                let f = fin(rng, db2);
                out.push(ev(3, dp2, db2, Some(f)));
            }
        }
        Kind::K3 => {
            let f = span(rng, from, d1);
            let db = span(rng, f - 700, ctx.d0 - 1);
            let dp = db - span(rng, 0, 20);
            out.push(ev(3, dp, db, Some(f)));
        }
    }
}

/// Weighted pick of a literal code.
fn w(rng: &mut Rng, items: &[(&'static str, u32)]) -> V {
    V::S(rng.weighted(items))
}

const YN9_HALF: &[(&str, u32)] = &[("1", 48), ("2", 42), ("9", 10)];

/// Ages of minors at their first event (child protection concerns teenagers most).
const MINOR_AGES: &[(i64, u32)] = &[
    (0, 5),
    (1, 4),
    (2, 4),
    (3, 4),
    (4, 4),
    (5, 4),
    (6, 5),
    (7, 5),
    (8, 5),
    (9, 5),
    (10, 6),
    (11, 6),
    (12, 7),
    (13, 8),
    (14, 9),
    (15, 10),
    (16, 10),
    (17, 9),
];

/// The measure of a chain of lines: decision, nature and its cascade (docs/spec/OLINPE.md §5.2).
#[derive(Debug, Clone, Copy)]
struct Measure {
    decision: &'static str,
    natpdecadm: V,
    autreda: V,
    natdecassed: V,
    autredj: V,
    typinterdom: V,
    typdecjud: V,
    natdecplac: V,
    institplac: V,
    /// `LIEUACC`/`ACCMOD`/`AUTRLIEUACC` apply.
    accueil: bool,
    /// `LIEUPLAC`/`PLACMOD`/`AUTRLIEUAR` apply.
    place: bool,
    /// Placement or accueil per docs/spec/OLINPE.md §0.2 (`CHGLIEU`, `NBCHGLIEU`).
    placement: bool,
    lieu: V,
    modul: V,
    autre_lieu: V,
}

const AUTREDA_TEXTS: &[&str] = &[
    "Soutien à la parentalité",
    "Accompagnement budgétaire renforcé",
    "Prise en charge en famille parrainée",
    "Mesure d'accompagnement spécifique",
];
const AUTREDJ_TEXTS: &[&str] = &[
    "Droit de visite médiatisé",
    "Mesure de réparation civile",
    "Ordonnance de protection",
    "Accompagnement éducatif judiciaire",
];

fn measure(rng: &mut Rng, adult: bool, age0: i32, force: &Force) -> Measure {
    let decision = if force.natpdecadm.is_some() {
        "1"
    } else if force.natdecassed.is_some() {
        "2"
    } else if adult {
        rng.weighted(&[("1", 85), ("2", 15)])
    } else {
        rng.weighted(&[("1", 40), ("2", 60)])
    };
    let mut m = Measure {
        decision,
        natpdecadm: V::E,
        autreda: V::E,
        natdecassed: V::E,
        autredj: V::E,
        typinterdom: V::E,
        typdecjud: V::E,
        natdecplac: V::E,
        institplac: V::E,
        accueil: false,
        place: false,
        placement: false,
        lieu: V::E,
        modul: V::E,
        autre_lieu: V::E,
    };
    if decision == "1" {
        let nat = force.natpdecadm.unwrap_or_else(|| {
            if adult {
                rng.weighted(&[("20", 40), ("21", 55), ("18", 5)])
            } else if age0 < 3 {
                rng.weighted(&[
                    ("10", 30),
                    ("14", 40),
                    ("16", 12),
                    ("12", 5),
                    ("15", 5),
                    ("18", 3),
                    ("11", 5),
                ])
            } else {
                rng.weighted(&[
                    ("10", 38),
                    ("11", 5),
                    ("12", 4),
                    ("13", 3),
                    ("14", 42),
                    ("15", 3),
                    ("18", 5),
                ])
            }
        });
        m.natpdecadm = V::S(nat);
        if nat == "18" {
            m.autreda = V::S(rng.pick(AUTREDA_TEXTS));
        }
        // 18 may be a home intervention or an accueil: both cascades are filled, which no
        // reading of §5.2 / §6.2 flags (ONPE accepts either for 18).
        m.typinterdom = match nat {
            "10" => w(
                rng,
                &[
                    ("1", 12),
                    ("2", 55),
                    ("3", 15),
                    ("4", 6),
                    ("5", 4),
                    ("6", 5),
                    ("7", 2),
                    ("9", 1),
                ],
            ),
            "20" => w(rng, &[("10", 85), ("2", 10), ("9", 5)]),
            "18" => w(rng, &[("7", 80), ("1", 20)]),
            _ => V::E,
        };
        m.accueil = matches!(
            nat,
            "11" | "12" | "13" | "14" | "15" | "16" | "19" | "21" | "18"
        );
        m.placement = m.accueil && nat != "18";
        if m.accueil {
            m.lieu = lieuacc(rng, nat, age0);
            m.modul = w(rng, &[("1", 75), ("2", 20), ("9", 5)]);
            m.autre_lieu = w(rng, &[("1", 80), ("2", 15), ("9", 5)]);
        }
    } else {
        let nat = force.natdecassed.unwrap_or_else(|| {
            if adult {
                rng.weighted(&[("24", 85), ("21", 15)])
            } else {
                rng.weighted(&[
                    ("11", 3),
                    ("14", 12),
                    ("15", 33),
                    ("16", 4),
                    ("17", 30),
                    ("18", 5),
                    ("19", 3),
                    ("21", 3),
                    ("22", 3),
                    ("23", 4),
                ])
            }
        });
        m.natdecassed = V::S(nat);
        if nat == "21" {
            m.autredj = V::S(rng.pick(AUTREDJ_TEXTS));
        }
        // 21 may be open-environment or a placement: both cascades are filled (§6.2 accepts
        // TYPDECJUD, NATDECPLAC, INSTITPLAC and LIEUPLAC for 21).
        m.typdecjud = match nat {
            "11" => V::S("4"),
            "14" => V::S("3"),
            "15" => w(rng, &[("5", 80), ("6", 20)]),
            "16" => w(rng, &[("7", 50), ("8", 50)]),
            "19" => V::S("9"),
            "24" => w(rng, &[("10", 60), ("5", 35), ("99", 5)]),
            "21" => V::S("10"),
            _ => V::E,
        };
        if matches!(nat, "17" | "18" | "21") {
            m.natdecplac = w(rng, &[("1", 45), ("2", 45), ("3", 8), ("9", 2)]);
            m.institplac = match nat {
                "17" => w(rng, &[("3", 95), ("9", 5)]),
                "18" => w(rng, &[("2", 50), ("4", 25), ("5", 20), ("6", 5)]),
                _ => w(rng, &[("3", 60), ("2", 40)]),
            };
        }
        m.place = matches!(nat, "17" | "18" | "21" | "22" | "23");
        m.placement = matches!(nat, "17" | "18" | "22" | "23");
        if m.place {
            m.lieu = lieuplac(rng, nat, age0);
            m.modul = w(rng, &[("1", 80), ("2", 15), ("9", 5)]);
            m.autre_lieu = w(rng, &[("1", 85), ("2", 10), ("9", 5)]);
        }
    }
    m
}

fn lieuacc(rng: &mut Rng, nat: &str, age0: i32) -> V {
    match nat {
        "11" => V::S("11"),
        "12" | "13" => w(rng, &[("2", 60), ("1", 30), ("5", 10)]),
        "15" => w(rng, &[("1", 70), ("2", 25), ("99", 5)]),
        "16" => w(rng, &[("4", 50), ("16", 50)]),
        "21" => w(
            rng,
            &[
                ("6", 40),
                ("2", 20),
                ("13", 20),
                ("1", 10),
                ("14", 5),
                ("99", 5),
            ],
        ),
        "18" => w(rng, &[("14", 50), ("1", 50)]),
        _ if age0 < 3 => w(rng, &[("1", 55), ("3", 30), ("4", 10), ("12", 5)]),
        _ if age0 >= 16 => w(
            rng,
            &[
                ("1", 30),
                ("2", 30),
                ("6", 20),
                ("13", 10),
                ("7", 3),
                ("9", 4),
                ("99", 3),
            ],
        ),
        _ => w(
            rng,
            &[
                ("1", 50),
                ("2", 25),
                ("5", 4),
                ("8", 3),
                ("9", 4),
                ("10", 4),
                ("12", 4),
                ("13", 2),
                ("14", 2),
                ("99", 2),
            ],
        ),
    }
}

fn lieuplac(rng: &mut Rng, nat: &str, age0: i32) -> V {
    match nat {
        "18" => w(
            rng,
            &[("5", 40), ("2", 30), ("10", 15), ("9", 10), ("99", 5)],
        ),
        "22" | "23" => w(rng, &[("1", 60), ("2", 35), ("99", 5)]),
        _ if age0 < 3 => w(rng, &[("1", 55), ("3", 30), ("21", 10), ("12", 5)]),
        _ if age0 >= 16 => w(
            rng,
            &[
                ("1", 30),
                ("2", 35),
                ("6", 20),
                ("13", 10),
                ("19", 2),
                ("99", 3),
            ],
        ),
        _ => w(
            rng,
            &[
                ("1", 50),
                ("2", 28),
                ("4", 2),
                ("8", 3),
                ("9", 4),
                ("10", 4),
                ("11", 2),
                ("12", 4),
                ("19", 1),
                ("99", 2),
            ],
        ),
    }
}

/// `NIVSCO` for a child schooled at `a` years (nomenclature of the Education nationale).
fn nivsco(rng: &mut Rng, a: i32) -> V {
    let items: &[(&str, u32)] = match a {
        ..=5 => &[("200", 97), ("999", 3)],
        6 => &[("310", 95), ("399", 3), ("999", 2)],
        7 => &[("320", 90), ("310", 5), ("399", 3), ("999", 2)],
        8 => &[("330", 88), ("320", 7), ("399", 3), ("999", 2)],
        9 => &[("340", 88), ("330", 7), ("399", 3), ("999", 2)],
        10 => &[("350", 88), ("340", 7), ("399", 3), ("999", 2)],
        11 => &[("410", 85), ("350", 10), ("499", 3), ("999", 2)],
        12 => &[("420", 85), ("410", 10), ("499", 3), ("999", 2)],
        13 => &[("430", 85), ("420", 10), ("499", 3), ("999", 2)],
        14 => &[("440", 80), ("430", 12), ("499", 4), ("999", 4)],
        15 => &[
            ("510", 35),
            ("610", 25),
            ("620", 5),
            ("440", 15),
            ("710", 10),
            ("699", 4),
            ("750", 2),
            ("999", 4),
        ],
        16 => &[
            ("520", 15),
            ("530", 10),
            ("610", 20),
            ("630", 20),
            ("710", 15),
            ("599", 4),
            ("769", 4),
            ("750", 4),
            ("999", 8),
        ],
        17 => &[
            ("550", 15),
            ("560", 10),
            ("630", 25),
            ("740", 15),
            ("710", 15),
            ("699", 5),
            ("769", 5),
            ("999", 10),
        ],
        _ => &[
            ("770", 25),
            ("630", 20),
            ("740", 20),
            ("769", 15),
            ("750", 10),
            ("999", 10),
        ],
    };
    w(rng, items)
}

/// Stable characteristics of the person, drawn once and repeated on each of its lines.
#[derive(Debug, Clone, Copy)]
struct Base {
    sexe: &'static str,
    id: [u8; 20],
    idant: [u8; 20],
    ident: Ident,
    scodtcom_nsp: bool,
    school_draw: u32,
    scoclaspe: V,
    typclasspe: V,
    etabscospe: V,
    typetabspe: V,
    freqsco: V,
    modacc: V,
    handicap: V,
    orientdec: V,
    orienteff: V,
    compomenag: V,
    autreheber: V,
    nbfrat: V,
    nbenf: V,
    menagejm: V,
    titap: V,
    decap: V,
    datdecap: V,
    adult1: [V; 5],
    adult2: [V; 5],
    empljm: V,
    cspjm: V,
    minima: V,
    alloc: V,
    mereinc: V,
    pereinc: V,
    ansmere: V,
    anspere: V,
    dcmere: V,
    dcpere: V,
    datdcmere: V,
    datdcpere: V,
}

fn random_id(rng: &mut Rng) -> [u8; 20] {
    let mut id = [0u8; 20];
    for chunk in id.chunks_mut(8) {
        let bytes = rng.next_u64().to_le_bytes();
        chunk.copy_from_slice(&bytes[..chunk.len()]);
    }
    id
}

/// An adult of the household: `[LIEN, SEX, ANS, EMPL, CSP]`, with the link and sex given.
fn adult(rng: &mut Rng, by: i32, lien: &'static str, sex: &'static str) -> [V; 5] {
    if lien == "9" {
        return [V::S("9"), V::S(sex), V::S("9999"), V::S("99"), V::S("9")];
    }
    // At least 16 years between an adult and the child (the rules warn under 10).
    let gap = match lien {
        "3" => span(rng, 38, 62),
        "4" => span(rng, 16, 24),
        "2" => span(rng, 20, 50),
        "1" => span(rng, 17, 45),
        _ => span(rng, 20, 60),
    };
    let ans = if rng.chance(30) {
        V::S("9999")
    } else {
        V::Y(by - gap)
    };
    let empl = w(
        rng,
        &[
            ("1", 1),
            ("2", 2),
            ("3", 3),
            ("4", 1),
            ("5", 12),
            ("6", 25),
            ("7", 3),
            ("8", 2),
            ("20", 20),
            ("30", 1),
            ("50", 20),
            ("99", 10),
        ],
    );
    let csp = w(
        rng,
        &[
            ("1", 1),
            ("2", 4),
            ("3", 4),
            ("4", 10),
            ("5", 30),
            ("6", 20),
            ("7", 1),
            ("8", 20),
            ("9", 10),
        ],
    );
    [V::S(lien), V::S(sex), ans, empl, csp]
}

/// A year-month in `[from, to]` month indices, never before `from`.
fn ym_between(rng: &mut Rng, from: i32, to: i32) -> V {
    let mi = span(rng, from, to.max(from));
    V::Ym(mi.div_euclid(12), (mi.rem_euclid(12) + 1) as u32)
}

/// Generates the records of person number `index`: at most `limit` of them (the rows left in
/// the file), the later events of the plan dropped before anything depends on them (an end
/// followed by a dropped renewal is then an exit from protection, hypothesis 1).
pub fn generate(
    ctx: &Ctx,
    rng: &mut Rng,
    index: u64,
    limit: usize,
    rows: &mut Vec<Row>,
    metas: &mut Vec<Meta>,
) -> Birth {
    let force = forced(index);
    let adult = force.adult.unwrap_or_else(|| rng.chance(120));

    // 1. Dates of the lines.
    let mut evs: Vec<Ev> = Vec::with_capacity(4);
    let kind = force.kind.unwrap_or_else(|| rng.weighted(KINDS));
    plan(rng, ctx, kind, ctx.d0, 0, &mut evs);
    if let Some(last_fin) = evs.last().and_then(|e| e.fin) {
        // A new measure after the end ("hypothèse 2"), when the year leaves room for it.
        if force.kind.is_none() && last_fin + 40 <= ctx.d1 && rng.chance(150) {
            let k = rng.weighted(&[(Kind::K1, 3), (Kind::K13, 1)]);
            plan(rng, ctx, k, last_fin + 1, 1, &mut evs);
        }
    }
    evs.truncate(limit.max(1));
    let start = rows.len();
    let birth = build(&[ctx], &[], rng, index, &force, adult, &evs, rows, metas);
    hypotheses(&mut rows[start..], &evs);
    birth
}

/// Builds the lines of one young person from its planned events `evs`: a birth for which
/// every event falls in one age class, the stable characteristics, the measures, then one
/// line per event, appended to `rows` (and `metas`). Each line is built with
/// `ctxs[file[i]]` (the file it goes to: one context, or a year each for a pair of files;
/// `file` empty means `ctxs[0]` for all).
#[allow(clippy::too_many_arguments)]
pub(crate) fn build(
    ctxs: &[&Ctx],
    file: &[usize],
    rng: &mut Rng,
    index: u64,
    force: &Force,
    adult: bool,
    evs: &[Ev],
    rows: &mut Vec<Row>,
    metas: &mut Vec<Meta>,
) -> Birth {
    let ctx = ctxs[0];
    let force = *force;
    let first_event = evs.iter().map(Ev::event_day).min().unwrap_or(ctx.d0);
    let earliest = evs
        .iter()
        .map(|e| e.dp.min(e.event_day()))
        .min()
        .unwrap_or(ctx.d0);

    // 2. Birth: the same age class (minor / adult) at every event, ages 0–20, and born in a
    // month before every date of the person.
    let (fy, fm, _) = civil(first_event);
    let first_mi = fy * 12 + fm as i32 - 1;
    let earliest_mi = month_index(earliest);
    let mut birth = None;
    for _ in 0..48 {
        let target = if adult {
            span(rng, 18, 20)
        } else if force.min_age.is_some() || force.max_age.is_some() {
            span(rng, force.min_age.unwrap_or(0), force.max_age.unwrap_or(17))
        } else {
            rng.weighted(MINOR_AGES) as i32
        };
        let bmi = first_mi - target * 12 - span(rng, 0, 11);
        let (by, bm) = (bmi.div_euclid(12), (bmi.rem_euclid(12) + 1) as u32);
        let ok = bmi < earliest_mi
            && evs.iter().all(|e| {
                // The class must hold at the decision too: reserved modalities may be
                // judged at DATDECPE while the variables are judged at the event date.
                let a = age(by, bm, e.event_day());
                let at_decision = age(by, bm, e.dp);
                if adult {
                    (18..=20).contains(&a) && (18..=20).contains(&at_decision)
                } else {
                    (0..=17).contains(&a) && at_decision >= 0
                }
            });
        if ok {
            birth = Some((by, bm));
            break;
        }
    }
    // Fallback when no draw fits (long K3 spans): 18 at the earliest date for a young adult
    // (a person's dates span at most about two years, so 20 at most at the latest), 10 at
    // the latest event for a minor.
    let (by, bm) = birth.unwrap_or_else(|| {
        let bmi = if adult {
            earliest_mi - 18 * 12
        } else {
            let latest = evs.iter().map(Ev::event_day).max().unwrap_or(first_event);
            month_index(latest) - 10 * 12
        };
        (bmi.div_euclid(12), (bmi.rem_euclid(12) + 1) as u32)
    });
    let floor = {
        let (ny, nm) = if bm == 12 { (by + 1, 1) } else { (by, bm + 1) };
        days(ny, nm, 1)
    };
    let birth_mi = by * 12 + bm as i32 - 1;

    // 3. Stable characteristics.
    let base = base(
        rng,
        ctx,
        index,
        by,
        bm,
        floor,
        first_event,
        birth_mi,
        &force,
    );

    // 4. Measures.
    let n_measures = evs.iter().map(|e| e.measure + 1).max().unwrap_or(1);
    let mut measures: Vec<Measure> = Vec::with_capacity(n_measures);
    for mi in 0..n_measures {
        let first = evs
            .iter()
            .find(|e| e.measure == mi)
            .map(Ev::event_day)
            .unwrap_or(first_event);
        let f = if mi == 0 { force } else { Force::default() };
        measures.push(measure(rng, adult, age(by, bm, first), &f));
    }

    // 5. Lines.
    let n = evs.len();
    for (i, ev) in evs.iter().enumerate() {
        let a = age(by, bm, ev.event_day());
        let alone = evs.iter().filter(|e| e.measure == ev.measure).count() == 1;
        let m = &mut measures[ev.measure];
        let line_ctx = ctxs[file.get(i).copied().unwrap_or(0)];
        let row = line(rng, line_ctx, &base, m, ev, a, by, bm, floor, &force);
        metas.push(Meta {
            typev: ev.typev,
            age: a,
            measure: ev.measure,
            alone,
            index: i,
            person_rows: n,
            placement: m.placement,
            floor,
        });
        rows.push(row);
    }
    Birth {
        year: by,
        month: bm,
    }
}

/// "Hypothèse 2" (§5.1): in the lines of one young person in one file (`rows`, aligned with
/// their events `evs`), an end followed by a later event of that file fills only `DATFIN`,
/// `MOTFININT` and `DIPLOME` of the end block; the end of a period that is renewed is its
/// term (`MOTFININT` 1). Hypothesis 1, the exit from protection, keeps `NBCHGLIEU`.
pub(crate) fn hypotheses(rows: &mut [Row], evs: &[Ev]) {
    for (row, ev) in rows.iter_mut().zip(evs) {
        if ev.typev != 3 || !evs.iter().any(|o| o.db > ev.db) {
            continue;
        }
        for var in [MOTIFML, DATDECMIN, NBCHGLIEU] {
            row.v[var] = V::E;
        }
        let renewed = evs
            .iter()
            .any(|o| o.typev == 2 && o.measure == ev.measure && o.db > ev.db);
        if renewed {
            row.v[MOTFININT] = V::S("1");
        }
    }
}

fn base(
    rng: &mut Rng,
    ctx: &Ctx,
    index: u64,
    by: i32,
    bm: u32,
    floor: i32,
    first_event: i32,
    birth_mi: i32,
    force: &Force,
) -> Base {
    let sexe = rng.weighted(&[("1", 52), ("2", 47), ("9", 1)]);
    let id = random_id(rng);
    let idant = if rng.chance(150) { random_id(rng) } else { id };
    // Names are given by the generator once the birth month is known (see
    // `names::identity`); only the day of birth and the case number are set here.
    let ident = Ident {
        prenom: "",
        nommere: ("", None),
        jnais: span(rng, 1, date::month_len(by, bm) as i32) as u32,
        numdo: (index as u32).wrapping_add(1),
    };
    let _ = ctx;
    let scoclaspe = if force.special_school {
        V::S("2")
    } else {
        w(rng, &[("1", 85), ("2", 12), ("9", 3)])
    };
    let etabscospe = if force.special_school {
        V::S("2")
    } else {
        w(rng, &[("1", 88), ("2", 9), ("9", 3)])
    };
    let handicap = if force.handicap {
        V::S("2")
    } else {
        w(rng, &[("1", 80), ("2", 14), ("9", 6)])
    };
    let orientdec = if force.handicap {
        V::S("2")
    } else if handicap == V::S("2") {
        w(rng, &[("2", 70), ("1", 25), ("9", 5)])
    } else {
        w(rng, &[("1", 93), ("2", 2), ("9", 5)])
    };
    let orienteff = if orientdec == V::S("2") {
        w(rng, &[("2", 70), ("1", 25), ("9", 5)])
    } else {
        V::E
    };
    // Household (4a, 4c): the composition says who adults 1 and 2 are; with a single adult,
    // LIENA2… stay empty (docs/spec/OLINPE.md §5.4).
    let compomenag = rng.weighted(&[
        ("2", 30),
        ("3", 30),
        ("4", 4),
        ("5", 4),
        ("6", 12),
        ("7", 3),
        ("8", 8),
        ("9", 2),
        ("10", 3),
        ("99", 4),
    ]);
    let other_sex = |s: &str| if s == "1" { "2" } else { "1" };
    let any_sex = |rng: &mut Rng| rng.weighted(&[("2", 70), ("1", 30)]);
    let ((l1, s1), second): (
        (&'static str, &'static str),
        Option<(&'static str, &'static str)>,
    ) = match compomenag {
        "2" => (("1", "2"), Some(("1", "1"))),
        "3" => (("1", "2"), None),
        "4" => (("1", "1"), None),
        "5" => {
            let s = any_sex(rng);
            (("1", s), None)
        }
        "6" => (("1", "2"), Some(("2", "1"))),
        "7" => (("1", "1"), Some(("2", "2"))),
        "8" => {
            let l = rng.weighted(&[("3", 60), ("5", 25), ("6", 15)]);
            let s = any_sex(rng);
            let pair = rng.chance(500).then_some((l, other_sex(s)));
            ((l, s), pair)
        }
        "9" => {
            let s = any_sex(rng);
            (("7", s), rng.chance(500).then_some(("7", other_sex(s))))
        }
        "10" => {
            let l = rng.weighted(&[("4", 30), ("6", 40), ("7", 30)]);
            let s = any_sex(rng);
            ((l, s), None)
        }
        _ => (("9", "9"), None),
    };
    let adult1 = adult(rng, by, l1, s1);
    let adult2 = match second {
        Some((l, s)) => adult(rng, by, l, s),
        None => [V::E; 5],
    };
    let parent_year = |sex: &'static str| {
        [adult1, adult2]
            .iter()
            .find(|a| a[0] == V::S("1") && a[1] == V::S(sex))
            .map(|a| a[2])
    };
    let (mother, father) = (parent_year("2"), parent_year("1"));
    let mereinc = if mother.is_some() {
        V::S("1")
    } else {
        w(rng, &[("1", 94), ("2", 2), ("9", 4)])
    };
    let pereinc = if father.is_some() {
        V::S("1")
    } else {
        w(rng, &[("1", 72), ("2", 22), ("9", 6)])
    };
    let ansmere = match mother {
        Some(y) => y,
        None if mereinc == V::S("2") || rng.chance(150) => V::S("9999"),
        None => V::Y(by - span(rng, 17, 44)),
    };
    let anspere = match father {
        Some(y) => y,
        None if pereinc == V::S("2") || rng.chance(250) => V::S("9999"),
        None => V::Y(by - span(rng, 18, 55)),
    };
    let dcmere = if force.parents_dead {
        V::S("2")
    } else if mereinc == V::S("2") {
        V::S("9")
    } else {
        w(rng, &[("1", 95), ("2", 2), ("9", 3)])
    };
    let dcpere = if force.parents_dead {
        V::S("2")
    } else if pereinc == V::S("2") {
        V::S("9")
    } else {
        w(rng, &[("1", 92), ("2", 4), ("9", 4)])
    };
    let event_mi = month_index(first_event);
    let death_date = |rng: &mut Rng| {
        if rng.chance(100) {
            V::S("9999-99")
        } else {
            ym_between(rng, birth_mi + 1, event_mi - 1)
        }
    };
    let datdcmere = if dcmere == V::S("2") {
        death_date(rng)
    } else {
        V::E
    };
    let datdcpere = if dcpere == V::S("2") {
        death_date(rng)
    } else {
        V::E
    };
    // DATDECAP only with a decision on parental authority (DECAP 1 to 5).
    let decap = w(
        rng,
        &[
            ("1", 14),
            ("2", 5),
            ("3", 3),
            ("4", 8),
            ("5", 4),
            ("6", 50),
            ("9", 16),
        ],
    );
    let datdecap = match decap {
        V::S("1" | "2" | "3" | "4" | "5") if rng.chance(100) => V::S("9999-99-99"),
        V::S("1" | "2" | "3" | "4" | "5") => V::D(span(rng, floor, first_event)),
        _ => V::E,
    };
    Base {
        sexe,
        id,
        idant,
        ident,
        scodtcom_nsp: rng.chance(40),
        school_draw: if force.special_school {
            999
        } else {
            rng.below(1000) as u32
        },
        scoclaspe,
        typclasspe: w(
            rng,
            &[
                ("11", 40),
                ("12", 35),
                ("13", 10),
                ("14", 10),
                ("15", 3),
                ("99", 2),
            ],
        ),
        etabscospe,
        typetabspe: w(
            rng,
            &[
                ("850", 20),
                ("860", 35),
                ("890", 25),
                ("900", 10),
                ("880", 3),
                ("870", 2),
                ("999", 5),
            ],
        ),
        freqsco: w(rng, &[("6", 78), ("7", 4), ("8", 12), ("9", 6)]),
        modacc: w(
            rng,
            &[
                ("1", 55),
                ("2", 5),
                ("3", 10),
                ("4", 15),
                ("5", 10),
                ("6", 3),
                ("9", 2),
            ],
        ),
        handicap,
        orientdec,
        orienteff,
        compomenag: V::S(compomenag),
        autreheber: w(rng, &[("1", 80), ("2", 12), ("9", 8)]),
        nbfrat: if rng.chance(40) {
            V::N(99)
        } else {
            V::N(rng.weighted(&[
                (1, 20),
                (2, 25),
                (3, 22),
                (4, 14),
                (5, 9),
                (6, 5),
                (7, 3),
                (8, 2),
            ]))
        },
        nbenf: V::N(0),
        menagejm: w(
            rng,
            &[
                ("1", 30),
                ("2", 10),
                ("3", 10),
                ("4", 20),
                ("8", 25),
                ("9", 5),
            ],
        ),
        titap: w(
            rng,
            &[
                ("11", 45),
                ("40", 25),
                ("30", 5),
                ("50", 4),
                ("60", 1),
                ("70", 12),
                ("80", 1),
                ("90", 2),
                ("99", 5),
            ],
        ),
        decap,
        datdecap,
        adult1,
        adult2,
        empljm: w(
            rng,
            &[
                ("1", 8),
                ("2", 3),
                ("3", 5),
                ("4", 3),
                ("5", 12),
                ("6", 5),
                ("7", 1),
                ("8", 2),
                ("20", 20),
                ("30", 30),
                ("50", 3),
                ("99", 8),
            ],
        ),
        cspjm: w(
            rng,
            &[
                ("5", 30),
                ("6", 25),
                ("4", 3),
                ("2", 1),
                ("8", 31),
                ("9", 10),
            ],
        ),
        minima: w(rng, &[("1", 60), ("2", 30), ("9", 10)]),
        alloc: w(rng, &[("1", 80), ("2", 8), ("9", 12)]),
        mereinc,
        pereinc,
        ansmere,
        anspere,
        dcmere,
        dcpere,
        datdcmere,
        datdcpere,
    }
}

/// One line of the person.
fn line(
    rng: &mut Rng,
    ctx: &Ctx,
    b: &Base,
    m: &mut Measure,
    ev: &Ev,
    a: i32,
    by: i32,
    bm: u32,
    floor: i32,
    force: &Force,
) -> Row {
    let mut r = Row::empty(b.ident);
    let v = &mut r.v;
    let minor = a < 18;
    let t = ev.typev;

    // 1. Préalables and 2a.
    v[NUMDEP] = V::S(ctx.numdep);
    if !ctx.nominative {
        v[NUMANONYM] = V::Id(b.id);
        v[NUMANONYMANT] = V::Id(b.idant);
    }
    v[TYPEV] = V::S(match t {
        1 => "1",
        2 => "2",
        _ => "3",
    });
    v[SEXE] = V::S(b.sexe);
    v[ANAIS] = V::Y(by);
    v[MNAIS] = V::N(bm);

    // 2b. Schooling: under 3, MODACC only; from 3, always schooled in ordinary school or
    // "ne sait pas" (see the module notes on NIVSCO), so MODACC stays empty.
    if a < 3 {
        v[MODACC] = b.modacc;
    } else {
        // Not schooled in ordinary school: some pre-schoolers (then MODACC), a few children
        // taught in a medico-social unit or at home, and school leavers from 16.
        let threshold = match a {
            3..=5 => 150,
            6..=15 => 15,
            16 | 17 => 200,
            _ => 300,
        };
        let unschooled = b.school_draw < threshold;
        let nsp = !unschooled && a >= 6 && b.scodtcom_nsp;
        v[SCODTCOM] = V::S(if unschooled {
            "1"
        } else if nsp {
            "9"
        } else {
            "2"
        });
        let (etab, typetab) = match (unschooled, a) {
            (true, 6..=15) => (V::S("2"), w(rng, &[("850", 60), ("900", 40)])),
            (true, _) => (V::S("1"), V::E),
            (false, _) => (b.etabscospe, b.typetabspe),
        };
        v[ETABSCOSPE] = etab;
        if etab == V::S("2") {
            v[TYPETABSPE] = typetab;
        }
        if !unschooled || etab == V::S("2") {
            v[NIVSCO] = nivsco(rng, a);
        }
        if v[SCODTCOM] == V::S("2") {
            v[SCOCLASPE] = b.scoclaspe;
            if b.scoclaspe == V::S("2") {
                v[TYPCLASSPE] = b.typclasspe;
            }
        }
        if unschooled && a < 6 {
            v[MODACC] = b.modacc;
        }
        v[FREQSCO] = match (unschooled, a) {
            (true, 16..) => w(rng, &[("8", 70), ("9", 30)]),
            (true, ..=5) => V::S("9"),
            _ => b.freqsco,
        };
    }
    // 2c.
    v[HANDICAP] = b.handicap;
    v[ORIENTDEC] = b.orientdec;
    v[ORIENTEFF] = b.orienteff;

    // 3. Initial information, and 5a evaluation (opening lines only; cleared by the mask).
    let dp = ev.dp;
    let datip = (dp - span(rng, 20, 200)).max(floor).min(dp);
    let notif = datip + span(rng, 0, (dp - datip) / 4);
    let fineval = notif + span(rng, 0, dp - notif);
    let traitinfo = force.traitinfo.unwrap_or_else(|| {
        rng.weighted(&[
            ("1", 62),
            ("2", 12),
            ("3", 12),
            ("4", 7),
            ("5", 4),
            ("9", 3),
        ])
    });
    v[TRAITINFO] = V::S(traitinfo);
    v[DATIP] = V::D(datip);
    match traitinfo {
        "1" | "2" => {
            v[ORIGIP] = w(
                rng,
                &[
                    ("10", 4),
                    ("20", 15),
                    ("31", 20),
                    ("32", 8),
                    ("33", 1),
                    ("34", 30),
                    ("40", 12),
                    ("99", 10),
                ],
            );
            v[TRANSIP] = w(
                rng,
                &[
                    ("100", 2),
                    ("200", 8),
                    ("300", 5),
                    ("400", 4),
                    ("510", 10),
                    ("520", 8),
                    ("530", 8),
                    ("541", 14),
                    ("542", 2),
                    ("543", 6),
                    ("550", 8),
                    ("560", 2),
                    ("570", 4),
                    ("580", 1),
                    ("590", 4),
                    ("600", 6),
                    ("611", 1),
                    ("612", 1),
                    ("613", 1),
                    ("620", 1),
                    ("630", 2),
                    ("640", 1),
                    ("999", 5),
                ],
            );
        }
        "3" => {
            v[DATSIGN] = V::D(span(rng, datip, dp));
            v[MOTIFSIG] = w(
                rng,
                &[
                    ("1", 25),
                    ("2", 20),
                    ("3", 15),
                    ("4", 5),
                    ("5", 30),
                    ("9", 5),
                ],
            );
            v[ENQPENAL] = w(rng, &[("1", 60), ("2", 30), ("9", 10)]);
            v[SAISJUR] = w(rng, &[("1", 70), ("2", 15), ("9", 15)]);
        }
        "4" => v[DATJE] = V::D(span(rng, datip, dp)),
        _ => {}
    }
    // Evaluation by the département's services: always after an information to the CRIP or
    // the services (TRAITINFO 1, 2), in half of the other cases (it is optional there).
    if matches!(traitinfo, "1" | "2") || rng.chance(500) {
        v[NOTIFEVAL] = V::D(notif);
        v[FINEVAL] = V::D(fineval);
        v[MESANT] = w(rng, YN9_HALF);
        v[ACCFAM] = w(rng, &[("1", 40), ("2", 50), ("9", 10)]);
    }

    // 4a–4e household, parents, resources.
    if minor {
        v[COMPOMENAG] = b.compomenag;
        v[AUTREHEBER] = b.autreheber;
        v[NBFRAT] = b.nbfrat;
        v[TITAP] = b.titap;
        v[DECAP] = b.decap;
        v[DATDECAP] = match b.datdecap {
            V::D(z) => V::D(z.min(dp)),
            other => other,
        };
        // Adult 2 is empty when the household has a single adult.
        for (k, var) in [LIENA1, SEXA1, ANSA1, EMPLA1, CSPA1]
            .into_iter()
            .enumerate()
        {
            v[var] = b.adult1[k];
        }
        for (k, var) in [LIENA2, SEXA2, ANSA2, EMPLA2, CSPA2]
            .into_iter()
            .enumerate()
        {
            v[var] = b.adult2[k];
        }
        v[MEREINC] = b.mereinc;
        v[PEREINC] = b.pereinc;
        v[ANSMERE] = b.ansmere;
        v[ANSPERE] = b.anspere;
        v[DCMERE] = b.dcmere;
        v[DCPERE] = b.dcpere;
        v[DATDCMERE] = b.datdcmere;
        v[DATDCPERE] = b.datdcpere;
        v[NBENF] = if a >= 15 && rng.chance(20) {
            V::N(1)
        } else {
            b.nbenf
        };
    } else {
        v[MENAGEJM] = b.menagejm;
        v[EMPLJM] = b.empljm;
        v[CSPJM] = b.cspjm;
        v[NBENF] = V::N(rng.weighted(&[(0, 85), (1, 12), (2, 2)]));
    }
    if rng.chance(15) {
        v[NBENF] = V::N(99);
    }
    // Guide p. 27: an accueil provisoire jeune majeur lives in « 8 = Autre situation »;
    // p. 28: a pupille de l'État's parental authority is the préfet's (80).
    if !v[MENAGEJM].is_empty() && m.natpdecadm == V::S("21") {
        v[MENAGEJM] = w(rng, &[("8", 95), ("9", 5)]);
    }
    if !v[TITAP].is_empty() && m.natpdecadm == V::S("15") {
        v[TITAP] = V::S("80");
    }
    v[MINIMA] = b.minima;
    v[ALLOC] = b.alloc;

    // 5b and 6: family problems and nature of the danger.
    if minor {
        v[CONDADD] = w(rng, &[("1", 65), ("2", 8), ("3", 15), ("9", 12)]);
        v[DEFINTEL] = w(rng, &[("1", 80), ("2", 6), ("9", 14)]);
        v[CONFL] = w(rng, &[("1", 50), ("2", 35), ("9", 15)]);
        v[VIOLFAM] = w(rng, &[("1", 60), ("2", 28), ("9", 12)]);
        v[SANTE] = w(rng, &[("1", 70), ("2", 22), ("9", 8)]);
        v[SECURITE] = w(rng, &[("1", 60), ("2", 32), ("9", 8)]);
        v[MORALITE] = w(rng, &[("1", 75), ("2", 15), ("9", 10)]);
        v[CONDEDUC] = w(rng, &[("1", 35), ("2", 58), ("9", 7)]);
        v[CONDEDEV] = w(rng, &[("1", 40), ("2", 52), ("9", 8)]);
        v[VIOLSEX] = w(rng, &[("1", 85), ("2", 5), ("9", 10)]);
        v[VIOLPHYS] = w(rng, &[("1", 72), ("2", 18), ("9", 10)]);
        v[NEGLIG] = w(rng, &[("1", 55), ("2", 37), ("9", 8)]);
        v[VIOLPSY] = w(rng, &[("1", 62), ("2", 26), ("9", 12)]);
        v[VIOLCONJ] = w(rng, &[("1", 68), ("2", 22), ("9", 10)]);
        v[DANGER] = w(rng, &[("1", 78), ("2", 14), ("9", 8)]);
        v[MINA] = w(rng, &[("1", 85), ("2", 9), ("9", 6)]);
    }
    v[SOUTSOC] = w(rng, &[("1", 50), ("2", 38), ("9", 12)]);

    // 7. Decision and measure.
    v[DATDECPE] = V::D(dp);
    v[DATDEB] = V::D(ev.db);
    v[INTERANT] = w(rng, YN9_HALF);
    if minor {
        let projet = if force.projet {
            V::S("2")
        } else {
            w(rng, &[("1", 50), ("2", 40), ("9", 10)])
        };
        v[PROJET] = projet;
        if projet == V::S("2") {
            v[DATPPE] = if rng.chance(40) {
                V::S("9999-99-99")
            } else {
                V::D(span(rng, floor.max(dp - 300), (ev.db + 90).min(ctx.d1)))
            };
        }
    }
    v[DECISION] = V::S(m.decision);
    v[NATPDECADM] = m.natpdecadm;
    v[AUTREDA] = m.autreda;
    v[NATDECASSED] = m.natdecassed;
    v[AUTREDJ] = m.autredj;
    v[NATDECPLAC] = m.natdecplac;
    v[INSTITPLAC] = m.institplac;
    v[TYPINTERDOM] = m.typinterdom;
    v[TYPDECJUD] = m.typdecjud;

    // 8. Renewal: the place may change.
    if t == 2 && (m.accueil || m.place) {
        let changed = rng.chance(250);
        if changed {
            let nat = m.natpdecadm.code().or(m.natdecassed.code()).unwrap_or("");
            let age0 = a;
            let new = if m.accueil {
                lieuacc(rng, nat, age0)
            } else {
                lieuplac(rng, nat, age0)
            };
            m.lieu = new;
        }
        if minor && m.placement {
            v[CHGLIEU] = if rng.chance(50) {
                V::S("9")
            } else {
                V::S(if changed { "2" } else { "1" })
            };
        }
    }
    let (lieu, modul, autre) = if m.accueil {
        (LIEUACC, ACCMOD, AUTRLIEUACC)
    } else {
        (LIEUPLAC, PLACMOD, AUTRLIEUAR)
    };
    if m.accueil || m.place {
        v[lieu] = m.lieu;
        v[modul] = m.modul;
        v[autre] = m.autre_lieu;
    }

    // 9. End.
    if let (3, Some(fin)) = (t, ev.fin) {
        v[DATFIN] = V::D(fin);
        let motfinint = if force.death {
            "2"
        } else {
            rng.weighted(&[("1", 45), ("2", 38), ("3", 8), ("9", 4)])
        };
        v[MOTFININT] = V::S(motfinint);
        if matches!(motfinint, "1" | "2") {
            let motif = if force.death {
                "18"
            } else if motfinint == "1" {
                rng.weighted(&[("10", 45), ("19", 45), ("99", 10)])
            } else {
                rng.weighted(&[
                    ("10", 30),
                    ("11", 12),
                    ("12", 12),
                    ("13", 5),
                    ("14", 2),
                    ("16", 1),
                    ("19", 28),
                    ("99", 10),
                ])
            };
            v[MOTIFML] = V::S(motif);
            if motif == "18" {
                let (y, mo, _) = civil(fin);
                v[DATDECMIN] = V::Ym(y, mo);
            }
        }
        if a >= 14 {
            v[DIPLOME] = if minor {
                w(rng, &[("1", 60), ("2", 28), ("3", 3), ("9", 9)])
            } else {
                w(
                    rng,
                    &[
                        ("1", 30),
                        ("2", 25),
                        ("3", 25),
                        ("4", 10),
                        ("5", 1),
                        ("9", 9),
                    ],
                )
            };
        }
        if minor && m.placement {
            v[NBCHGLIEU] = if rng.chance(50) {
                V::N(99)
            } else {
                V::N(rng.weighted(&[(0, 50), (1, 26), (2, 13), (3, 6), (4, 3), (6, 2)]))
            };
        }
    }

    // Blocks by event type (docs/spec/OLINPE.md §5.1).
    for (var, slot) in v.iter_mut().enumerate() {
        if !mask(var, t) {
            *slot = V::E;
        }
    }
    r
}

/// True when variable `var` belongs to event type `typev` (docs/spec/OLINPE.md §5.1): the initial
/// information (19–27), the evaluation (58–66), `INTERANT`, `PROJET` and `DATPPE` on openings
/// only; the danger (67–78) on openings and renewals; `CHGLIEU` on renewals; the end block
/// (100–105) on ends; everything else on every line.
pub fn mask(var: usize, typev: u8) -> bool {
    match var {
        TRAITINFO | DATIP | DATSIGN | DATJE | ORIGIP | TRANSIP | MOTIFSIG | ENQPENAL | SAISJUR
        | NOTIFEVAL | FINEVAL | MESANT | ACCFAM | CONDADD | DEFINTEL | CONFL | VIOLFAM
        | SOUTSOC | INTERANT | PROJET | DATPPE => typev == 1,
        SANTE | SECURITE | MORALITE | CONDEDUC | CONDEDEV | VIOLSEX | VIOLPHYS | NEGLIG
        | VIOLPSY | VIOLCONJ | DANGER | MINA => typev != 3,
        CHGLIEU => typev == 2,
        DATFIN | MOTFININT | MOTIFML | DATDECMIN | DIPLOME | NBCHGLIEU => typev == 3,
        _ => true,
    }
}
