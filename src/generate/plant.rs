//! Planted errors: each kind changes one clean row (or adds a copy of it) so that the rules
//! must report exactly the finding codes the kind lists, on that row, and nothing else.
//!
//! A kind is only applied where its effect stays local: a value that other lines must repeat
//! (§5.1 "identique à la ligne d'ouverture") is only changed on a measure's only line, a birth
//! sex only on the second of exactly two lines, dates only where no other age class is
//! reached. Each kind documents the finding(s) it expects.

use super::date::{self, days};
use super::person::{Birth, Meta};
use super::rng::Rng;
use super::row::{Row, V};
use crate::dictionary::ids::*;
use crate::finding::Code;

/// One expected finding of a planted error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expected {
    /// Variable the finding names (`None` for record-level findings such as duplicates).
    pub variable: Option<&'static str>,
    /// Finding code.
    pub code: Code,
}

/// A planted error on one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plant {
    /// The kind's name.
    pub kind: &'static str,
    /// The spec rule it breaks.
    pub rule: &'static str,
    /// The findings the rules must report on the row.
    pub expected: Vec<Expected>,
    /// The row is a copy to insert after the chosen row (duplicates), not a change to it.
    pub insert_copy: bool,
    /// A value to change in the copy (a duplicate of the decision that is not a full
    /// duplicate).
    pub copy_change: Option<(usize, V)>,
}

/// The kinds of planted errors, tried in turn so that every kind shows up in small files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A code outside its list.
    InvalidCode,
    /// A count with three digits.
    InvalidFormat,
    /// `NUMDEP` or, on an end, `MOTFININT` empty.
    MandatoryMissing,
    /// `DATDEB` `0000-00-00` (empty or `9999-99-99` on a line decided in the year would be a
    /// decision not started yet, docs/spec/OLINPE.md §0.2).
    ImperativeDateMissing,
    /// `DATFIN` on an opening or a renewal.
    DatfinWrongTypev,
    /// A §5.2 blocking cascade variable empty.
    CascadeMissing,
    /// A conditional variable filled while its condition is false.
    FilledOutsideCondition,
    /// A young adults' variable filled for a minor.
    ReservedAdults,
    /// A minors' variable filled for a young adult.
    ReservedMinors,
    /// The second line of a young person with another sex.
    IdentityInconsistent,
    /// An exact copy of a line.
    DuplicateFull,
    /// A lone opening moved one year back.
    OutOfPerimeter,
    /// `FINEVAL` before `NOTIFEVAL`.
    DateOrder,
    /// `DATDECAP` before the birth month.
    BirthAfterEvent,
    /// A 2011 code (`FREQSCO` 2).
    LegacyCode,
    /// An orange §5.2 cascade variable empty.
    CascadeMissingMinor,
    /// An applicable variable left empty.
    ApplicableEmpty,
    /// `LIEUPLAC` 20.
    Lieuplac20,
    /// `NUMDEP` 977.
    NumdepOutsideXsd,
    /// A variable of the initial information on a renewal or an end.
    FilledWrongEvent,
    /// An end or renewal whose nature detail differs from its opening.
    DiffersFromOpening,
    /// An adult of the household born less than 10 years before the child.
    ParentBirthYear,
    /// A `NUMANONYM` that is not 40 hexadecimal characters.
    IdentifierInvalid,
    /// An end whose measure started in the year with no opening line.
    EndWithoutStart,
    /// An end more than 730 days after the start.
    DurationOver730,
    /// `NATPDECADM` 19 ("ne jamais renseigner") on a minor's accueil.
    Natpdecadm19,
    /// A young adult aged 21 or more at the decision.
    AgeOver20,
    /// `0000-00-00` in a non-imperative date.
    DateZero,
    /// An imperative date with an unknown day (`AAAA-MM-99`).
    ImperativeDatePartial,
    /// An adult's birth year before 1920.
    YearBefore1920,
    /// A copy of a line with the same decision but another detail.
    DuplicateDecision,
    /// A second `NUMANONYMANT` for one young person.
    NumanonymantMultiple,
    /// `MNAIS` on one digit.
    LeadingZeroLost,
    /// A date written `JJ/MM/AAAA`.
    DateFormatRepairable,
    /// One field too many on the line.
    FieldCount,
    /// The previous young person's `NUMANONYMANT` on a lone line of another one.
    NumanonymantShared,
    /// `TRAITINFO` "ne sait pas" on a renewal or an end, where it does not apply.
    NspNotApplicable,
    /// `DATIP` a few months before the birth month (a prenatal information préoccupante).
    EventBeforeBirth,
}

/// Every kind, in the order they are tried when equally used.
pub const ALL: &[Kind] = &[
    // Blocking (error) kinds first.
    Kind::InvalidCode,
    Kind::MandatoryMissing,
    Kind::ImperativeDateMissing,
    Kind::DatfinWrongTypev,
    Kind::CascadeMissing,
    Kind::IdentityInconsistent,
    Kind::BirthAfterEvent,
    Kind::InvalidFormat,
    Kind::LegacyCode,
    Kind::IdentifierInvalid,
    Kind::LeadingZeroLost,
    Kind::DateFormatRepairable,
    Kind::FieldCount,
    // Warnings.
    Kind::FilledOutsideCondition,
    Kind::ReservedAdults,
    Kind::ReservedMinors,
    Kind::DuplicateFull,
    Kind::OutOfPerimeter,
    Kind::DateOrder,
    Kind::CascadeMissingMinor,
    Kind::ApplicableEmpty,
    Kind::Lieuplac20,
    Kind::NumdepOutsideXsd,
    Kind::FilledWrongEvent,
    Kind::DiffersFromOpening,
    Kind::ParentBirthYear,
    Kind::EndWithoutStart,
    Kind::DurationOver730,
    Kind::Natpdecadm19,
    Kind::AgeOver20,
    Kind::DateZero,
    Kind::ImperativeDatePartial,
    Kind::YearBefore1920,
    Kind::DuplicateDecision,
    Kind::NumanonymantMultiple,
    Kind::NumanonymantShared,
    Kind::NspNotApplicable,
    Kind::EventBeforeBirth,
];

impl Kind {
    /// Stable name (used in the manifest).
    pub fn name(self) -> &'static str {
        match self {
            Kind::InvalidCode => "invalid-code",
            Kind::InvalidFormat => "invalid-format",
            Kind::MandatoryMissing => "mandatory-missing",
            Kind::ImperativeDateMissing => "imperative-date-missing",
            Kind::DatfinWrongTypev => "datfin-wrong-typev",
            Kind::CascadeMissing => "cascade-missing",
            Kind::FilledOutsideCondition => "filled-outside-condition",
            Kind::ReservedAdults => "reserved-adults",
            Kind::ReservedMinors => "reserved-minors",
            Kind::IdentityInconsistent => "identity-inconsistent",
            Kind::DuplicateFull => "duplicate-full",
            Kind::OutOfPerimeter => "out-of-perimeter",
            Kind::DateOrder => "date-order",
            Kind::BirthAfterEvent => "birth-after-event",
            Kind::LegacyCode => "legacy-code",
            Kind::CascadeMissingMinor => "cascade-missing-minor",
            Kind::ApplicableEmpty => "applicable-empty",
            Kind::Lieuplac20 => "lieuplac-20",
            Kind::NumdepOutsideXsd => "numdep-outside-xsd",
            Kind::FilledWrongEvent => "filled-wrong-event",
            Kind::DiffersFromOpening => "differs-from-opening",
            Kind::ParentBirthYear => "parent-birth-year",
            Kind::IdentifierInvalid => "identifier-invalid",
            Kind::EndWithoutStart => "end-without-start",
            Kind::DurationOver730 => "duration-over-730",
            Kind::Natpdecadm19 => "natpdecadm-19",
            Kind::AgeOver20 => "age-over-20",
            Kind::DateZero => "date-zero",
            Kind::ImperativeDatePartial => "imperative-date-partial",
            Kind::YearBefore1920 => "year-before-1920",
            Kind::DuplicateDecision => "duplicate-decision",
            Kind::NumanonymantMultiple => "numanonymant-multiple",
            Kind::LeadingZeroLost => "leading-zero-lost",
            Kind::DateFormatRepairable => "date-format-repairable",
            Kind::FieldCount => "field-count",
            Kind::NumanonymantShared => "numanonymant-shared",
            Kind::NspNotApplicable => "nsp-not-applicable",
            Kind::EventBeforeBirth => "event-before-birth",
        }
    }

    /// The spec rule the kind breaks.
    pub fn rule(self) -> &'static str {
        match self {
            Kind::InvalidCode => "§4.3 valeur hors de la liste des modalités",
            Kind::InvalidFormat => "§4.3 format (nombre sur 1 ou 2 chiffres)",
            Kind::MandatoryMissing => "§9 variable obligatoire vide",
            Kind::ImperativeDateMissing => "§5.2 / §2.5 date impérative absente",
            Kind::DatfinWrongTypev => "§5.4 DATFIN seulement sur TYPEV=3",
            Kind::CascadeMissing => "§5.2 / §0.2 variable de cascade bloquante vide",
            Kind::FilledOutsideCondition => "§5.4 / §6.2 variable renseignée hors de sa condition",
            Kind::ReservedAdults => "§5.3 variable réservée aux jeunes majeurs",
            Kind::ReservedMinors => "§5.3 variable réservée aux mineurs",
            Kind::IdentityInconsistent => "§5.4 même NUMANONYM, SEXE différent",
            Kind::DuplicateFull => "§6.1 0018 doublon (et 0022/0026)",
            Kind::OutOfPerimeter => "§6.1 0036 hors périmètre de l'année de référence",
            Kind::DateOrder => "§5.5 NOTIFEVAL ≤ FINEVAL",
            Kind::BirthAfterEvent => "§5.5 naissance avant toute date d'évènement",
            Kind::LegacyCode => "§4.4 code 2011 (FREQSCO 1–5)",
            Kind::CascadeMissingMinor => "§0.2 variable de cascade orange vide",
            Kind::ApplicableEmpty => "§2.5 / §0.2 variable applicable vide",
            Kind::Lieuplac20 => "§4.4 LIEUPLAC 20 douteux",
            Kind::NumdepOutsideXsd => "§4.4 NUMDEP hors du schéma (977)",
            Kind::FilledWrongEvent => "§5.1 bloc 19–27 seulement sur TYPEV=1",
            Kind::DiffersFromOpening => "§5.1 identique à la ligne d'ouverture",
            Kind::ParentBirthYear => "§5.5 adulte né moins de 10 ans avant l'enfant",
            Kind::IdentifierInvalid => "§3.3 NUMANONYM de 40 caractères hexadécimaux",
            Kind::EndWithoutStart => "§0.2 fin sans début (0060)",
            Kind::DurationOver730 => "§5.5 durée de plus de 730 jours (0095)",
            Kind::Natpdecadm19 => "§4.4 NATPDECADM 19 (ne jamais renseigner)",
            Kind::AgeOver20 => "§5.3 âge à la décision de plus de 20 ans",
            Kind::DateZero => "§2.5 0000-00-00 compte comme non renseigné",
            Kind::ImperativeDatePartial => "§0.2 date impérative partiellement inconnue",
            Kind::YearBefore1920 => "§2.5 année antérieure à 1920",
            Kind::DuplicateDecision => "§6.1 0022/0026 doublon de décision",
            Kind::NumanonymantMultiple => "§3.2 un NUMANONYM, deux NUMANONYMANT",
            Kind::LeadingZeroLost => "§4.4 zéro initial perdu (MNAIS sur un chiffre)",
            Kind::DateFormatRepairable => "§2.5 date au format JJ/MM/AAAA",
            Kind::FieldCount => "§0.2 nombre de champs de la ligne",
            Kind::NumanonymantShared => "§3.2 un NUMANONYMANT pour deux NUMANONYM",
            Kind::NspNotApplicable => {
                "§2.5 / §0.2 « ne sait pas » là où la variable ne s'applique pas"
            }
            Kind::EventBeforeBirth => "§0.2 événement dans les neuf mois avant la naissance",
        }
    }
}

/// Context of a planting attempt.
pub struct Site<'a> {
    /// Rows of the person.
    pub rows: &'a mut [Row],
    /// Their metadata.
    pub metas: &'a [Meta],
    /// Index of the row to plant on.
    pub i: usize,
    /// The person's birth.
    pub birth: Birth,
    /// First day of the reference year.
    pub d0: i32,
    /// Last allowed day.
    pub d1: i32,
    /// Nominative file (no identifiers to break).
    pub nominative: bool,
    /// A copy was already inserted for this person (line counts no longer hold).
    pub person_has_copy: bool,
    /// The previous young person's `NUMANONYMANT`, if any (already written).
    pub previous_idant: Option<[u8; 20]>,
}

fn one(kind: Kind, variable: Option<&'static str>, code: Code) -> Plant {
    Plant {
        kind: kind.name(),
        rule: kind.rule(),
        expected: vec![Expected { variable, code }],
        insert_copy: false,
        copy_change: None,
    }
}

fn code_of(var: usize) -> &'static str {
    super::CODES[var]
}

/// Tries to plant `kind` on the site's row; `None` when the row is not eligible (nothing is
/// changed then).
pub fn apply(kind: Kind, s: &mut Site<'_>, rng: &mut Rng) -> Option<Plant> {
    let i = s.i;
    let meta = s.metas[i];
    let v = &mut s.rows[i].v;
    let is =
        |v: &[V], var: usize, codes: &[&str]| v[var].code().is_some_and(|c| codes.contains(&c));
    let minor = meta.age < 18;
    match kind {
        Kind::InvalidCode => {
            let var = rng.pick(&[HANDICAP, MINIMA, ALLOC]);
            if v[var].is_empty() {
                return None;
            }
            v[var] = V::S("3");
            Some(one(kind, Some(code_of(var)), Code::InvalidCode))
        }
        Kind::InvalidFormat => {
            if v[NBENF].is_empty() {
                return None;
            }
            v[NBENF] = V::S(rng.pick(&["123", "2a", "-1"]));
            Some(one(kind, Some("NBENF"), Code::InvalidFormat))
        }
        Kind::MandatoryMissing => {
            if meta.typev == 3 && rng.chance(500) {
                v[MOTFININT] = V::E;
                Some(one(kind, Some("MOTFININT"), Code::MandatoryMissing))
            } else {
                v[NUMDEP] = V::E;
                Some(one(kind, Some("NUMDEP"), Code::MandatoryMissing))
            }
        }
        Kind::ImperativeDateMissing => {
            if !meta.alone || meta.typev == 3 {
                return None;
            }
            // Empty or 9999-99-99 on this line, decided in the year, would be the « décision »
            // line of a measure not started yet: information, not this error (§0.2).
            v[DATDEB] = V::S("0000-00-00");
            Some(one(kind, Some("DATDEB"), Code::ImperativeDateMissing))
        }
        Kind::DatfinWrongTypev => {
            let db = v[DATDEB].day()?;
            if meta.typev == 3 {
                return None;
            }
            let room = (s.d1 - db).clamp(0, 300);
            v[DATFIN] = V::D(db + rng.range(0, room as i64) as i32);
            Some(one(kind, Some("DATFIN"), Code::DatfinWrongTypev))
        }
        Kind::CascadeMissing => {
            let mut options: Vec<usize> = Vec::with_capacity(4);
            if is(
                v,
                NATPDECADM,
                &["11", "12", "13", "14", "15", "16", "19", "21"],
            ) {
                options.push(LIEUACC);
            }
            if is(v, NATDECASSED, &["17", "18", "22", "23"]) {
                options.push(LIEUPLAC);
            }
            if is(v, NATDECASSED, &["17", "18"]) {
                options.push(INSTITPLAC);
            }
            if !v[CHGLIEU].is_empty() {
                options.push(CHGLIEU);
            }
            if meta.alone && !v[TYPINTERDOM].is_empty() && is(v, NATPDECADM, &["10", "20"]) {
                options.push(TYPINTERDOM);
            }
            if meta.alone && !v[NATDECASSED].is_empty() {
                options.push(NATDECASSED);
            }
            if options.is_empty() {
                return None;
            }
            let var = rng.pick(&options);
            v[var] = V::E;
            Some(one(kind, Some(code_of(var)), Code::CascadeMissing))
        }
        Kind::FilledOutsideCondition => {
            let mut options: Vec<(usize, V)> = Vec::with_capacity(4);
            if is(v, ORIENTDEC, &["1"]) {
                options.push((ORIENTEFF, V::S("2")));
            }
            if is(v, SCOCLASPE, &["1"]) {
                options.push((TYPCLASSPE, V::S("11")));
            }
            if is(v, ETABSCOSPE, &["1"]) {
                options.push((TYPETABSPE, V::S("890")));
            }
            if is(v, PROJET, &["1"]) {
                if let Some(db) = v[DATDEB].day() {
                    options.push((DATPPE, V::D(db)));
                }
            }
            if options.is_empty() {
                return None;
            }
            let (var, value) = rng.pick(&options);
            v[var] = value;
            Some(one(kind, Some(code_of(var)), Code::FilledOutsideCondition))
        }
        Kind::ReservedAdults => {
            if !minor {
                return None;
            }
            let (var, value) = rng.pick(&[(MENAGEJM, "4"), (EMPLJM, "30"), (CSPJM, "8")]);
            v[var] = V::S(value);
            Some(one(kind, Some(code_of(var)), Code::ReservedAdults))
        }
        Kind::ReservedMinors => {
            if minor {
                return None;
            }
            let (var, value) = rng.pick(&[(AUTREHEBER, "2"), (COMPOMENAG, "2"), (TITAP, "11")]);
            v[var] = V::S(value);
            Some(one(kind, Some(code_of(var)), Code::ReservedMinors))
        }
        Kind::IdentityInconsistent => {
            if meta.person_rows != 2 || meta.index != 1 || s.person_has_copy {
                return None;
            }
            v[SEXE] = V::S(if v[SEXE] == V::S("1") { "2" } else { "1" });
            Some(one(kind, Some("SEXE"), Code::IdentityInconsistent))
        }
        Kind::DuplicateFull => {
            let second = if v[DECISION] == V::S("1") {
                Code::DuplicateAdministrative
            } else {
                Code::DuplicateJudicial
            };
            Some(Plant {
                kind: kind.name(),
                rule: kind.rule(),
                expected: vec![
                    Expected {
                        variable: None,
                        code: Code::DuplicateFull,
                    },
                    Expected {
                        variable: None,
                        code: second,
                    },
                ],
                insert_copy: true,
                copy_change: None,
            })
        }
        Kind::OutOfPerimeter => {
            // A lone opening one year back: every age drops by one, so thresholds 3, 6 and 18
            // must not be crossed and the dates must stay after the birth month.
            if meta.person_rows != 1
                || meta.typev != 1
                || meta.age < 2
                || [3, 6, 18].contains(&meta.age)
            {
                return None;
            }
            let vars = [
                DATIP, DATSIGN, DATJE, NOTIFEVAL, FINEVAL, DATDECPE, DATDEB, DATPPE,
            ];
            if vars.iter().any(|&var| {
                v[var]
                    .day()
                    .is_some_and(|z| date::minus_year(z) < meta.floor)
            }) {
                return None;
            }
            for var in vars {
                if let Some(z) = v[var].day() {
                    v[var] = V::D(date::minus_year(z));
                }
            }
            Some(one(kind, None, Code::OutOfPerimeter))
        }
        Kind::DateOrder => {
            let (n, f) = (v[NOTIFEVAL].day()?, v[FINEVAL].day()?);
            if n >= f {
                return None;
            }
            v[NOTIFEVAL] = V::D(f);
            v[FINEVAL] = V::D(n);
            Some(one(kind, Some("FINEVAL"), Code::DateOrder))
        }
        Kind::BirthAfterEvent => {
            // A decision on parental authority dated well over nine months before the birth
            // month: one finding, on ANAIS.
            v[DATDECAP].day()?;
            v[DATDECAP] = V::D(days(s.birth.year - 2, 6, 15));
            Some(one(kind, Some("ANAIS"), Code::BirthAfterEvent))
        }
        Kind::LegacyCode => {
            if v[FREQSCO].is_empty() {
                return None;
            }
            v[FREQSCO] = V::S("2");
            Some(one(kind, Some("FREQSCO"), Code::LegacyCode))
        }
        Kind::CascadeMissingMinor => {
            let vars: &[usize] = if is(
                v,
                NATPDECADM,
                &["11", "12", "13", "14", "15", "16", "19", "21"],
            ) {
                &[ACCMOD, AUTRLIEUACC]
            } else if is(v, NATDECASSED, &["17", "18", "22", "23"]) {
                &[PLACMOD, AUTRLIEUAR]
            } else {
                return None;
            };
            let var = rng.pick(vars);
            v[var] = V::E;
            Some(one(kind, Some(code_of(var)), Code::CascadeMissingMinor))
        }
        Kind::ApplicableEmpty => {
            let var = rng.pick(&[MINIMA, ALLOC, HANDICAP]);
            if v[var].is_empty() {
                return None;
            }
            v[var] = V::E;
            Some(one(kind, Some(code_of(var)), Code::ApplicableEmpty))
        }
        Kind::Lieuplac20 => {
            if v[LIEUPLAC].is_empty() {
                return None;
            }
            v[LIEUPLAC] = V::S("20");
            Some(one(kind, Some("LIEUPLAC"), Code::Lieuplac20))
        }
        Kind::NumdepOutsideXsd => {
            v[NUMDEP] = V::S("977");
            Some(one(kind, Some("NUMDEP"), Code::NumdepOutsideXsd))
        }
        Kind::FilledWrongEvent => {
            if meta.typev == 1 {
                return None;
            }
            v[TRAITINFO] = V::S("1");
            Some(one(kind, Some("TRAITINFO"), Code::FilledWrongEvent))
        }
        Kind::DiffersFromOpening => {
            // Only on the last line of a measure whose earlier line has the same DATDEB, so
            // that no later line compares itself with the changed one.
            let db = v[DATDEB];
            let last = !s
                .metas
                .iter()
                .enumerate()
                .any(|(j, m)| j > i && m.measure == meta.measure);
            let earlier =
                (0..i).any(|j| s.metas[j].measure == meta.measure && s.rows[j].v[DATDEB] == db);
            if meta.typev != 3 || !last || !earlier {
                return None;
            }
            let v = &mut s.rows[i].v;
            // Values that keep the nature and its intervention type compatible (AEMO with
            // accommodation 16 takes TYPDECJUD 7 or 8, guide p. 9).
            let aemo_h = v[NATDECASSED] == V::S("16");
            let (var, value) = match (v[NATDECPLAC], v[TYPDECJUD], v[TYPINTERDOM]) {
                (V::S(c), _, _) => (NATDECPLAC, if c == "1" { "2" } else { "1" }),
                (_, V::S(c), _) if aemo_h => (TYPDECJUD, if c == "7" { "8" } else { "7" }),
                (_, V::S(c), _) => (TYPDECJUD, if c == "5" { "6" } else { "5" }),
                (_, _, V::S(c)) => (TYPINTERDOM, if c == "2" { "3" } else { "2" }),
                _ => return None,
            };
            v[var] = V::S(value);
            Some(one(kind, Some(code_of(var)), Code::DiffersFromOpening))
        }
        Kind::ParentBirthYear => {
            if !matches!(v[ANSA1], V::Y(_)) {
                return None;
            }
            v[ANSA1] = V::Y(s.birth.year - 5);
            Some(one(kind, Some("ANSA1"), Code::ParentBirthYear))
        }
        Kind::IdentifierInvalid => {
            if s.nominative || meta.person_rows != 1 {
                return None;
            }
            let V::Id(id) = v[NUMANONYM] else { return None };
            v[NUMANONYM] = V::BadId(id);
            Some(one(kind, Some("NUMANONYM"), Code::IdentifierInvalid))
        }
        Kind::EndWithoutStart => {
            // A lone end of a measure said to start in the year.
            let fin = v[DATFIN].day()?;
            if !meta.alone || meta.typev != 3 || v[DATDEB].day()? >= s.d0 {
                return None;
            }
            let db = rng.range(s.d0 as i64, fin as i64) as i32;
            let dp = (db - rng.range(0, 20) as i32).max(s.d0);
            v[DATDEB] = V::D(db);
            v[DATDECPE] = V::D(dp);
            Some(one(kind, Some("DATDEB"), Code::EndWithoutStart))
        }
        Kind::DurationOver730 => {
            let fin = v[DATFIN].day()?;
            // Natures never renewed (pupille, DAP, tutelle) may last longer (§0.2).
            let never_renewed = v[NATPDECADM] == V::S("15") || is(v, NATDECASSED, &["22", "23"]);
            if !meta.alone || meta.typev != 3 || never_renewed {
                return None;
            }
            let db = fin - rng.range(740, 900) as i32;
            let dp = db - rng.range(0, 20) as i32;
            // Still born before, and in the same age class at the earlier decision (reserved
            // modalities are judged at DATDECPE).
            let adult_then = date::age(s.birth.year, s.birth.month, dp) >= 18;
            if dp < meta.floor || adult_then != (meta.age >= 18) {
                return None;
            }
            v[DATDEB] = V::D(db);
            v[DATDECPE] = V::D(dp);
            Some(one(kind, Some("DATFIN"), Code::DurationOver730))
        }
        Kind::Natpdecadm19 => {
            // A minor's accueil stays an accueil (LIEUACC… still required and filled); the
            // nature must be identical on every line of the measure, hence lone lines only.
            if !meta.alone || !minor || !is(v, NATPDECADM, &["11", "12", "13", "14", "15", "16"]) {
                return None;
            }
            v[NATPDECADM] = V::S("19");
            Some(one(kind, Some("NATPDECADM"), Code::Natpdecadm19))
        }
        Kind::AgeOver20 => {
            // Born three years earlier: 21 to 23 at the decision; a lone young adult only,
            // so that no other line of the person disagrees on ANAIS.
            if meta.person_rows != 1 || meta.age < 18 {
                return None;
            }
            let V::Y(y) = v[ANAIS] else { return None };
            v[ANAIS] = V::Y(y - 3);
            Some(one(kind, Some("ANAIS"), Code::AgeOver20))
        }
        Kind::DateZero => {
            // NOTIFEVAL is optional, so a null date there is only Code::DateZero.
            v[NOTIFEVAL].day()?;
            v[NOTIFEVAL] = V::S("0000-00-00");
            Some(one(kind, Some("NOTIFEVAL"), Code::DateZero))
        }
        Kind::ImperativeDatePartial => {
            if !meta.alone || meta.typev == 3 {
                return None;
            }
            let db = v[DATDEB].day()?;
            let (y, m, _) = date::civil(db);
            v[DATDEB] = V::DayUnknown(y, m);
            Some(one(kind, Some("DATDEB"), Code::ImperativeDatePartial))
        }
        Kind::YearBefore1920 => {
            if !matches!(v[ANSA1], V::Y(_)) {
                return None;
            }
            v[ANSA1] = V::Y(1915);
            Some(one(kind, Some("ANSA1"), Code::YearBefore1920))
        }
        Kind::DuplicateDecision => {
            // Same young person, decision, event type, nature, decision date, place and
            // intervention (§6.1 0022/0026), another resource answer: not a full duplicate.
            let code = match v[DECISION] {
                V::S("1") => Code::DuplicateAdministrative,
                V::S("2") => Code::DuplicateJudicial,
                _ => return None,
            };
            let other = match v[MINIMA] {
                V::S("1") => "2",
                V::S(_) => "1",
                _ => return None,
            };
            Some(Plant {
                kind: kind.name(),
                rule: kind.rule(),
                expected: vec![Expected {
                    variable: None,
                    code,
                }],
                insert_copy: true,
                copy_change: Some((MINIMA, V::S(other))),
            })
        }
        Kind::NumanonymantMultiple => {
            // The last line of a person with several lines gets another previous identifier.
            if s.nominative
                || meta.person_rows < 2
                || meta.index + 1 != meta.person_rows
                || s.person_has_copy
            {
                return None;
            }
            let V::Id(mut id) = v[NUMANONYMANT] else {
                return None;
            };
            id[0] ^= 0x5a;
            id[19] ^= 0xa5;
            v[NUMANONYMANT] = V::Id(id);
            Some(one(kind, Some("NUMANONYMANT"), Code::NumanonymantMultiple))
        }
        Kind::LeadingZeroLost => {
            // MNAIS 1–9 written on one digit; a lone line, since the other lines of the
            // person would then disagree on MNAIS.
            if meta.person_rows != 1 || s.birth.month > 9 {
                return None;
            }
            v[MNAIS] = V::S(ONE_DIGIT[s.birth.month as usize - 1]);
            Some(one(kind, Some("MNAIS"), Code::LeadingZeroLost))
        }
        Kind::DateFormatRepairable => {
            let z = v[DATDECAP].day()?;
            v[DATDECAP] = V::SlashDate(z);
            Some(one(kind, Some("DATDECAP"), Code::DateFormatRepairable))
        }
        Kind::NumanonymantShared => {
            // A lone line, so that the person has a single NUMANONYMANT.
            let previous = s.previous_idant?;
            if s.nominative || meta.person_rows != 1 {
                return None;
            }
            v[NUMANONYMANT] = V::Id(previous);
            Some(one(kind, Some("NUMANONYMANT"), Code::NumanonymantShared))
        }
        Kind::FieldCount => {
            s.rows[i].extra_field = true;
            Some(one(kind, None, Code::FieldCount))
        }
        Kind::NspNotApplicable => {
            // The initial information is for openings only (§5.1): its "ne sait pas" code on
            // a renewal or an end is the extraction's default, to be left empty.
            if meta.typev == 1 {
                return None;
            }
            v[TRAITINFO] = V::S("9");
            Some(one(kind, Some("TRAITINFO"), Code::NspNotApplicable))
        }
        Kind::EventBeforeBirth => {
            // An information préoccupante about an unborn child, received three months
            // before the birth month: a warning on ANAIS, the record otherwise unchanged.
            v[DATIP].day()?;
            if meta.typev != 1 {
                return None;
            }
            let (y, m) = (s.birth.year, s.birth.month as i32);
            let mi = y * 12 + m - 1 - 3;
            v[DATIP] = V::D(days(mi.div_euclid(12), (mi.rem_euclid(12) + 1) as u32, 10));
            Some(one(kind, Some("ANAIS"), Code::EventBeforeBirth))
        }
    }
}

/// Months on one digit (a spreadsheet dropped the leading zero).
const ONE_DIGIT: [&str; 9] = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];
