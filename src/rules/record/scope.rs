//! When a variable applies: the conditions of docs/spec/OLINPE.md §5.2, §5.4 and §6.2 as corrected by
//! §0.2, written as data. Event types and age bounds come from the dictionary; this table adds
//! what the dictionary's single `condition` cannot say: a variable may be *required* under one
//! condition and merely *allowed* under a wider one (the "or 18/21 when…" natures and the
//! §5.2 special cases), and a few conditions test whether another variable is legitimately
//! empty (`MODACC` under 3). It also holds the §4.4 legacy codes and the cascade severities.

use crate::dictionary::ids::*;

/// A condition on the record, evaluated in three-valued logic (see `record::Ctx::eval`).
#[derive(Debug, Clone, Copy)]
pub enum Cond {
    /// Always true.
    True,
    /// Always false.
    False,
    /// The variable takes one of the values.
    Is(usize, &'static [&'static str]),
    /// The variable is legitimately empty (empty and not applicable to this record).
    Absent(usize),
    /// The variable is filled (a code or "ne sait pas"), whether it applies or not; unknown
    /// when its value is invalid.
    Filled(usize),
    /// At least one holds.
    Any(&'static [Cond]),
    /// All hold.
    All(&'static [Cond]),
}

/// When a variable must and may be filled (on top of its event types and age bounds).
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    /// Required: empty is reported (cascade code or `applicable-empty`).
    pub required: Cond,
    /// Allowed: filled outside this is `filled-outside-condition`. Contains `required`.
    pub allowed: Cond,
    /// French description of the condition, completing "… ne concerne que {condition}" and
    /// "… car {condition}" (the latter via `because`).
    pub only: &'static str,
    /// French phrase completing "doit être renseignée car …".
    pub because: &'static str,
}

const fn both(c: Cond, only: &'static str, because: &'static str) -> Scope {
    Scope {
        required: c,
        allowed: c,
        only,
        because,
    }
}

/// Natures that are a placement or an accueil (§0.2 "Placement or accueil").
pub const PA_ADM: &[&str] = &["11", "12", "13", "14", "15", "16", "19", "21"];
/// Judicial natures that are a placement or a decision on parental authority.
pub const PA_JUD: &[&str] = &["17", "18", "22", "23"];
const PLACEMENT_OR_ACCUEIL: Cond =
    Cond::Any(&[Cond::Is(NATPDECADM, PA_ADM), Cond::Is(NATDECASSED, PA_JUD)]);
const PA_OR_OTHER: Cond = Cond::Any(&[
    Cond::Is(NATPDECADM, PA_ADM),
    Cond::Is(NATDECASSED, PA_JUD),
    Cond::Is(NATPDECADM, &["18"]),
    Cond::Is(NATDECASSED, &["21"]),
]);
const ACCUEIL_ALLOWED: Cond = Cond::Any(&[
    Cond::Is(
        NATPDECADM,
        &["11", "12", "13", "14", "15", "16", "18", "19", "21"],
    ),
    Cond::All(&[
        Cond::Is(NATPDECADM, &["10"]),
        Cond::Is(TYPINTERDOM, &["4", "5"]),
    ]),
]);
const PLACE_ALLOWED: Cond = Cond::Any(&[
    Cond::Is(NATDECASSED, &["17", "18", "21", "22", "23"]),
    Cond::All(&[
        Cond::Is(NATDECASSED, &["16"]),
        Cond::Is(TYPDECJUD, &["7", "8"]),
    ]),
]);

const ACCUEIL: Scope = Scope {
    required: Cond::Is(NATPDECADM, PA_ADM),
    allowed: ACCUEIL_ALLOWED,
    only: "les accueils administratifs (NATPDECADM 11 à 16, 19, 21 ; possible pour 18, et \
           pour 10 avec TYPINTERDOM 4 ou 5)",
    because: "NATPDECADM est une décision d'accueil (11 à 16, 19 ou 21)",
};
const PLACE: Scope = Scope {
    required: Cond::Is(NATDECASSED, PA_JUD),
    allowed: PLACE_ALLOWED,
    only: "les placements judiciaires et décisions relatives à l'autorité parentale \
           (NATDECASSED 17, 18, 22, 23 ; possible pour 21, et pour 16 avec TYPDECJUD 7 ou 8)",
    because: "NATDECASSED est un placement ou une décision sur l'autorité parentale (17, 18, \
              22 ou 23)",
};
// NATDECPLAC and INSTITPLAC are allowed (not required) for the decisions on parental
// authority 22 and 23 too (guide p. 8; §0.2 Rules the guide does not support, removed).
const PLAC_DECISION: Scope = Scope {
    required: Cond::Is(NATDECASSED, &["17", "18"]),
    allowed: Cond::Is(NATDECASSED, &["17", "18", "21", "22", "23"]),
    only: "les décisions judiciaires de placement (NATDECASSED 17 ou 18 ; possible pour 21, 22 \
           et 23)",
    because: "NATDECASSED est une décision de placement (17 ou 18)",
};
const TRAITINFO_CD: &[&str] = &["1", "2"];
// Required when the CRIP or the CD handled the information, allowed whatever TRAITINFO says:
// ORIGIP applies « quel que soit le mode ultérieur de traitement », TRANSIP 611/612/630/640
// name the parquet and the juge des enfants (§0.2 Rules the guide does not support, removed).
const CD_INFO: Scope = Scope {
    required: Cond::Is(TRAITINFO, TRAITINFO_CD),
    allowed: Cond::True,
    only: "",
    because: "l'information initiale a été traitée par la CRIP ou le conseil départemental \
              (TRAITINFO 1 ou 2)",
};
/// Second-adult variables: only with a second adult named (`LIENA2`) in a household that
/// can have one (not `COMPOMENAG` 1, 3, 4: the minor alone, with the mother alone, with the
/// father alone; guide p. 30). Never required: whether there is a second adult is not in the
/// file when `LIENA2` is empty.
const ADULT2: Scope = Scope {
    required: Cond::False,
    allowed: Cond::All(&[
        Cond::Filled(LIENA2),
        Cond::Any(&[
            Cond::Is(COMPOMENAG, &["2", "5", "6", "7", "8", "9", "10", "99"]),
            Cond::Absent(COMPOMENAG),
        ]),
    ]),
    only: "un ménage avec un second adulte (LIENA2 renseignée, COMPOMENAG autre que 1, 3 ou 4)",
    because: "",
};
/// Allowed, never required: applies only when a fact absent from the file holds.
const OPTIONAL: Scope = Scope {
    required: Cond::False,
    allowed: Cond::True,
    only: "",
    because: "",
};

/// The scope of every conditional variable; the others apply whenever their event types and
/// age bounds do.
pub static SCOPES: &[(usize, Scope)] = &[
    (
        MODACC,
        // Not schooled and not in a specialised unit (ETABSCOSPE ≠ 2, guide p. 17).
        both(
            Cond::All(&[
                Cond::Any(&[Cond::Is(SCODTCOM, &["1"]), Cond::Absent(SCODTCOM)]),
                Cond::Any(&[Cond::Is(ETABSCOSPE, &["1"]), Cond::Absent(ETABSCOSPE)]),
            ]),
            "les enfants de moins de 6 ans non scolarisés ni accueillis dans une unité \
             d'enseignement (SCODTCOM = 1, ou vide avant 3 ans, et ETABSCOSPE ≠ 2)",
            "l'enfant a moins de 6 ans et n'est pas scolarisé",
        ),
    ),
    (
        NIVSCO,
        both(
            Cond::Any(&[Cond::Is(SCODTCOM, &["2"]), Cond::Is(ETABSCOSPE, &["2"])]),
            "les jeunes scolarisés en milieu ordinaire ou dans une unité d'enseignement \
             (SCODTCOM = 2 ou ETABSCOSPE = 2)",
            "le jeune est scolarisé (SCODTCOM = 2 ou ETABSCOSPE = 2)",
        ),
    ),
    (
        SCOCLASPE,
        both(
            Cond::Is(SCODTCOM, &["2"]),
            "les jeunes scolarisés en milieu ordinaire (SCODTCOM = 2)",
            "le jeune est scolarisé en milieu ordinaire (SCODTCOM = 2)",
        ),
    ),
    (
        TYPCLASSPE,
        both(
            Cond::Is(SCOCLASPE, &["2"]),
            "les jeunes scolarisés avec un dispositif spécifique (SCOCLASPE = 2)",
            "le jeune est scolarisé avec un dispositif spécifique (SCOCLASPE = 2)",
        ),
    ),
    (
        TYPETABSPE,
        // Guide: depends on ETABSCOSPE (ONPE tests SCOCLASPE, §0.2); 900 "instruit à
        // domicile" is allowed whatever ETABSCOSPE says (see `record::check`).
        both(
            Cond::Is(ETABSCOSPE, &["2"]),
            "les jeunes scolarisés dans une unité d'enseignement hors milieu ordinaire \
             (ETABSCOSPE = 2) ou instruits à domicile (900)",
            "le jeune est scolarisé dans une unité d'enseignement (ETABSCOSPE = 2)",
        ),
    ),
    (
        ORIENTEFF,
        both(
            Cond::Is(ORIENTDEC, &["2"]),
            "les jeunes orientés par la CDAPH (ORIENTDEC = 2)",
            "le jeune a une orientation de la CDAPH (ORIENTDEC = 2)",
        ),
    ),
    (
        DATIP,
        Scope {
            required: Cond::Is(TRAITINFO, TRAITINFO_CD),
            allowed: Cond::True,
            only: "",
            because: "l'information initiale a été traitée par la CRIP ou le conseil \
                      départemental (TRAITINFO 1 ou 2)",
        },
    ),
    (
        DATSIGN,
        // Required after a direct signalement, allowed otherwise (§0.2 removed rules).
        Scope {
            required: Cond::Is(TRAITINFO, &["3"]),
            allowed: Cond::True,
            only: "",
            because: "l'information a été traitée par le parquet (TRAITINFO = 3)",
        },
    ),
    (
        DATJE,
        both(
            Cond::Is(TRAITINFO, &["4"]),
            "les saisines du juge des enfants (TRAITINFO = 4)",
            "l'information a été traitée par le juge des enfants (TRAITINFO = 4)",
        ),
    ),
    (ORIGIP, CD_INFO),
    (TRANSIP, CD_INFO),
    // Only for a judicial report made after the CD's evaluation (guide): not visible in the
    // data. ONPE flags MOTIFSIG when TRAITINFO ≠ 3, but a report after the CD's evaluation
    // has TRAITINFO 1 or 2, so the guide wins (§0.2).
    (MOTIFSIG, OPTIONAL),
    (ENQPENAL, OPTIONAL),
    (SAISJUR, OPTIONAL),
    // "Seulement si une évaluation a été réalisée": not visible in the data.
    (NOTIFEVAL, OPTIONAL),
    (FINEVAL, OPTIONAL),
    (MESANT, OPTIONAL),
    (ACCFAM, OPTIONAL),
    // "Vide s'il n'y a pas d'adulte 2" (§5.4): not visible in the data, except that the
    // other second-adult variables need LIENA2 and a household with room for a second adult.
    (LIENA2, OPTIONAL),
    (SEXA2, ADULT2),
    (ANSA2, ADULT2),
    (EMPLA2, ADULT2),
    (CSPA2, ADULT2),
    (
        DATDECAP,
        both(
            Cond::Is(DECAP, &["1", "2", "3", "4", "5"]),
            "les jeunes ayant une décision relative à l'autorité parentale (DECAP 1 à 5)",
            "une décision relative à l'autorité parentale est indiquée (DECAP 1 à 5)",
        ),
    ),
    (
        DATDCMERE,
        both(
            Cond::Is(DCMERE, &["2"]),
            "le cas où la mère est décédée (DCMERE = 2)",
            "la mère est décédée (DCMERE = 2)",
        ),
    ),
    (
        DATDCPERE,
        both(
            Cond::Is(DCPERE, &["2"]),
            "le cas où le père est décédé (DCPERE = 2)",
            "le père est décédé (DCPERE = 2)",
        ),
    ),
    (
        DATPPE,
        both(
            Cond::Is(PROJET, &["2"]),
            "les jeunes ayant un projet pour l'enfant (PROJET = 2)",
            "un projet pour l'enfant existe (PROJET = 2)",
        ),
    ),
    (
        NATPDECADM,
        both(
            Cond::Is(DECISION, &["1"]),
            "les décisions administratives (DECISION = 1)",
            "la décision est administrative (DECISION = 1)",
        ),
    ),
    (
        AUTREDA,
        both(
            Cond::Is(NATPDECADM, &["18"]),
            "les « autres décisions administratives » (NATPDECADM = 18)",
            "NATPDECADM vaut 18 (autre décision administrative, à préciser)",
        ),
    ),
    (
        NATDECASSED,
        both(
            Cond::Is(DECISION, &["2"]),
            "les décisions judiciaires (DECISION = 2)",
            "la décision est judiciaire (DECISION = 2)",
        ),
    ),
    (
        AUTREDJ,
        both(
            Cond::Is(NATDECASSED, &["21"]),
            "les « autres mesures judiciaires » (NATDECASSED = 21)",
            "NATDECASSED vaut 21 (autre mesure judiciaire, à préciser)",
        ),
    ),
    (NATDECPLAC, PLAC_DECISION),
    (INSTITPLAC, PLAC_DECISION),
    (
        TYPINTERDOM,
        Scope {
            required: Cond::Is(NATPDECADM, &["10", "20"]),
            allowed: Cond::Is(NATPDECADM, &["10", "18", "20"]),
            only: "les aides à domicile administratives (NATPDECADM 10 ou 20 ; possible pour \
                   18)",
            because: "NATPDECADM est une aide à domicile (10 ou 20)",
        },
    ),
    (LIEUACC, ACCUEIL),
    (ACCMOD, ACCUEIL),
    (AUTRLIEUACC, ACCUEIL),
    (
        TYPDECJUD,
        Scope {
            required: Cond::Is(NATDECASSED, &["11", "14", "15", "16", "19", "24"]),
            allowed: Cond::Is(NATDECASSED, &["11", "14", "15", "16", "19", "21", "24"]),
            only: "les mesures judiciaires en milieu ouvert ou d'investigation (NATDECASSED \
                   11, 14, 15, 16, 19, 24 ; possible pour 21)",
            because: "NATDECASSED est une mesure en milieu ouvert ou d'investigation (11, 14, \
                      15, 16, 19 ou 24)",
        },
    ),
    (LIEUPLAC, PLACE),
    (PLACMOD, PLACE),
    (AUTRLIEUAR, PLACE),
    (
        CHGLIEU,
        Scope {
            required: PLACEMENT_OR_ACCUEIL,
            allowed: PA_OR_OTHER,
            only: "le renouvellement d'un placement ou d'un accueil (NATPDECADM 11 à 16, 19, \
                   21 ou NATDECASSED 17, 18, 22, 23 ; possible pour 18 et 21)",
            because: "l'événement renouvelle le placement ou l'accueil d'un mineur",
        },
    ),
    (
        NBCHGLIEU,
        // Hypothesis 2 of the end block (§5.1) leaves it empty: allowed, never required.
        Scope {
            required: Cond::False,
            allowed: PA_OR_OTHER,
            only: "la fin d'un placement ou d'un accueil (NATPDECADM 11 à 16, 18, 19, 21 ou \
                   NATDECASSED 17, 18, 21, 22, 23)",
            because: "",
        },
    ),
    (
        MOTIFML,
        // "1 ou 2 sans nouvelle mesure qui suit": the second half is not visible.
        Scope {
            required: Cond::False,
            allowed: Cond::Is(MOTFININT, &["1", "2"]),
            only: "les fins à échéance ou par mainlevée (MOTFININT 1 ou 2)",
            because: "",
        },
    ),
    (
        DATDECMIN,
        both(
            Cond::Is(MOTIFML, &["18"]),
            "le décès du jeune (MOTIFML = 18)",
            "la mesure a pris fin par le décès du jeune (MOTIFML = 18)",
        ),
    ),
];

/// Variables whose required-but-empty case is `cascade-missing` (error, §0.2).
pub const CASCADE_ERROR: &[usize] = &[
    NATPDECADM,
    NATDECASSED,
    LIEUACC,
    NATDECPLAC,
    INSTITPLAC,
    LIEUPLAC,
    TYPINTERDOM,
    TYPDECJUD,
    CHGLIEU,
];

/// Variables whose required-but-empty case is `cascade-missing-minor` (warning, §0.2).
pub const CASCADE_WARNING: &[usize] = &[ACCMOD, AUTRLIEUACC, PLACMOD, AUTRLIEUAR, AUTREDA, AUTREDJ];

/// The §9 mandatory list, imperative dates apart (they have their own codes).
pub const MANDATORY: &[usize] = &[
    NUMDEP,
    NUMANONYM,
    NUMANONYMANT,
    TYPEV,
    SEXE,
    ANAIS,
    MNAIS,
    DECISION,
];

/// Legacy 2011 codes (§4.4), with what replaced them (French). `NATDECPLAC` 3 is valid.
pub static LEGACY: &[(usize, &[&str], &str)] = &[
    (NATDECASSED, &["10", "12", "13", "20"], GONE),
    (NATPDECADM, &["17"], GONE),
    (LIEUACC, &["15"], GONE),
    (LIEUPLAC, &["7", "14", "15", "16", "17", "18"], GONE),
    (MOTIFML, &["17"], GONE),
    (TYPDECJUD, &["1", "2", "11"], GONE),
    (TYPINTERDOM, &["8"], GONE),
    (
        TITAP,
        &["10", "20"],
        "il est remplacé par 11 (exercice conjoint)",
    ),
    (
        FREQSCO,
        &["1", "2", "3", "4", "5"],
        "2 devient 6, 3 et 4 deviennent 8, 5 devient 7, 1 n'a plus d'équivalent",
    ),
    (
        TYPCLASSPE,
        &["1", "2", "3", "4", "5", "6", "9"],
        "1, 2 et 3 deviennent 12, 4 devient 13, 5 et 6 deviennent 15, 9 devient 99",
    ),
    (
        TYPETABSPE,
        &["810", "820", "830", "840"],
        "il est remplacé par 890",
    ),
    (
        NIVSCO,
        &["360", "450", "570", "640"],
        "il est remplacé par 399, 499, 599 ou 699 (sans distinction supplémentaire)",
    ),
    (EMPLA1, &["10", "11", "12", "13", "40"], EMPLOI),
    (EMPLA2, &["10", "11", "12", "13", "40"], EMPLOI),
    (VIOLSEX, &["3", "4"], "il est regroupé dans 2 (oui)"),
    (VIOLPHYS, &["3", "4"], "il est regroupé dans 2 (oui)"),
    (
        NUMDEP,
        &["69"],
        "il est remplacé par 69D (Rhône) ou 69M (Métropole de Lyon)",
    ),
];
const GONE: &str = "il a été supprimé sans équivalent";
const EMPLOI: &str =
    "10 devient 6, 11 devient 7, 12 devient 5, 13 devient 3, 40 n'a plus d'équivalent";

/// `NUMDEP` codes of the guide's annex that the XSD does not list (§4.4).
pub const NUMDEP_OUTSIDE_XSD: &[&str] = &["977", "978", "986", "987"];

/// Event types on which §5.1 says **not** to fill the variable of decree number `n`
/// (TYPEV 1, 2, 3). This differs from the dictionary's `typev` (the event types whose "fill"
/// or "identical" column lists the variable): a variable listed in neither column (e.g.
/// `INTERANT` on a renewal, the danger block on an end line) may be filled but is not
/// expected.
pub fn forbidden(n: u8) -> [bool; 3] {
    let initial_info = (19..=27).contains(&n);
    let end_block = (100..=105).contains(&n);
    [
        // TYPEV 1: the end block 100–105; CHGLIEU (99) is for renewals only.
        n == 99 || end_block,
        // TYPEV 2: 19–27, 58–66 and DATFIN; the rest of the end block too.
        initial_info || (58..=66).contains(&n) || end_block,
        // TYPEV 3: 19–27 are "only for TYPEV=1"; CHGLIEU only on renewals (§5.4).
        initial_info || n == 99,
    ]
}
