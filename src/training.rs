//! The dictionary as the page shows it, and the training mode's helpers (exercises, the
//! pseudonymisation demonstration), built only from the engine's own tables.
//!
//! Nothing here is a second copy of the rules: a variable's entry is its row of
//! [`crate::dictionary::VARIABLES`], the checks that concern it are derived from its
//! properties, the catalogue's `variable` field and the rule registry's descriptions
//! ([`checks_for`], tested against what the engine reports on generated files), the
//! exercises are files of [`crate::generate`] with one planted error, and the demonstration
//! calls the pseudonymiser's own functions. The page receives these structures serialised
//! by `src/wasm.rs`; everything here is pure (the caller brings the seed).

use crate::dictionary::{ids, Condition, Kind, Variable, VARIABLES};
use crate::finding::{catalogue, Code, Severity};
use crate::generate::plant::{self, Kind as PlantKind};
use crate::generate::{GenOptions, Generator, Planted};
use crate::pseudo::{phonex, resolve, Key, Pseudonymiser};
use crate::record::Record;
use crate::rules::registry;
use serde::Serialize;

/// The whole dictionary for the page: blocks, variables and finding codes.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dictionary {
    /// The guide's blocks, in the order of the decree's numbering.
    pub blocks: Vec<BlockEntry>,
    /// Every variable (the 105 of the decree, then `UTDP`), in the XSD's order.
    pub variables: Vec<VariableEntry>,
    /// Every finding code of the catalogue, in the catalogue's order.
    pub findings: Vec<FindingEntry>,
}

/// One block of the guide.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockEntry {
    /// Block id ("1", "2a", … "9").
    pub id: &'static str,
    /// French title.
    pub title: &'static str,
    /// Its variables' codes, by decree number (`UTDP` last).
    pub variables: Vec<&'static str>,
}

/// One modality of a coded variable.
#[derive(Debug, Clone, Serialize)]
pub struct Modality {
    /// The code.
    pub code: &'static str,
    /// Its French label.
    pub label: &'static str,
}

/// One variable as the page shows it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VariableEntry {
    /// Number in the decree (0 for `UTDP`).
    pub number: u8,
    /// Official code.
    pub code: &'static str,
    /// French label.
    pub label: &'static str,
    /// Block id.
    pub block: &'static str,
    /// Block title.
    pub block_title: &'static str,
    /// The value type, in French.
    pub kind: &'static str,
    /// Modalities (empty for non-coded variables).
    pub modalities: Vec<Modality>,
    /// The "ne sait pas" value.
    pub nsp: Option<&'static str>,
    /// When to fill it.
    pub when: &'static str,
    /// ONPE's notes.
    pub notes: &'static str,
    /// Minimum age (inclusive), in completed years.
    pub min_age: Option<u8>,
    /// Age bound (exclusive).
    pub max_age: Option<u8>,
    /// Event types 1, 2, 3 it belongs to.
    pub typev: [bool; 3],
    /// The condition on other variables, in French.
    pub condition: Option<String>,
    /// Mandatory on every record.
    pub mandatory: bool,
    /// Applies only when a fact absent from the file holds.
    pub situational: bool,
    /// The finding codes that concern it.
    pub checks: Vec<Code>,
}

/// One finding code as the dictionary shows it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FindingEntry {
    /// Stable code.
    pub code: Code,
    /// Severity.
    pub severity: Severity,
    /// French title.
    pub title: &'static str,
    /// Plain-French explanation.
    pub explanation: &'static str,
    /// Spec reference.
    pub spec: &'static str,
    /// ONPE audit section.
    pub onpe_section: Option<&'static str>,
    /// The variables whose entry lists it.
    pub variables: Vec<&'static str>,
}

/// The value type of a variable, in French.
pub fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Code => "Code (liste de modalités)",
        Kind::Departement => "Code du département (code officiel géographique)",
        Kind::Date => "Date AAAA-MM-JJ",
        Kind::YearMonth => "Année et mois AAAA-MM",
        Kind::Year => "Année AAAA",
        Kind::Month => "Mois MM",
        Kind::Count => "Nombre sur un ou deux chiffres",
        Kind::Hex40 => "Identifiant de 40 caractères hexadécimaux",
        Kind::Text40 => "Texte libre de 40 caractères au plus",
        Kind::Utdp => "Code local de 3 caractères",
    }
}

/// A condition in French, e.g. `NATDECASSED = 17 ou 18 et LIEUPLAC = 12`.
pub fn condition_text(c: &Condition) -> String {
    match c {
        Condition::Is(index, values) => {
            let code = VARIABLES.get(*index).map_or("?", |v| v.code);
            let shown: Vec<&str> = values
                .iter()
                .map(|v| if v.is_empty() { "vide" } else { v })
                .collect();
            let list = match shown.split_last() {
                Some((last, [])) => (*last).to_owned(),
                Some((last, rest)) => format!("{} ou {last}", rest.join(", ")),
                None => String::new(),
            };
            format!("{code} = {list}")
        }
        Condition::All(parts) => join_conditions(parts, " et "),
        Condition::Any(parts) => join_conditions(parts, " ou "),
    }
}

fn join_conditions(parts: &[Condition], sep: &str) -> String {
    let texts: Vec<String> = parts
        .iter()
        .map(|p| match p {
            Condition::Is(..) => condition_text(p),
            _ => format!("({})", condition_text(p)),
        })
        .collect();
    texts.join(sep)
}

/// True when `text` names `code` as a whole word (codes are upper-case ASCII).
fn mentions(text: &str, code: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = text.as_bytes();
    text.match_indices(code).any(|(i, _)| {
        let before = i.checked_sub(1).and_then(|j| bytes.get(j)).copied();
        let after = bytes.get(i + code.len()).copied();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

/// The finding codes that concern `v`, in the catalogue's order: those its type, its
/// mandatory flag, its condition, its ages and event types make possible, the file-level
/// checks on every decree variable, the catalogue entries naming it, and the codes of the
/// registry's rules whose description or spec rows name it (keeping, among them, the codes
/// that are not about another single variable).
pub fn checks_for(v: &Variable) -> Vec<Code> {
    let mut wanted: Vec<Code> = Vec::new();
    let decree = v.number > 0;
    match v.kind {
        Kind::Code | Kind::Departement => wanted.extend([Code::InvalidCode, Code::LegacyCode]),
        Kind::Hex40 => wanted.push(Code::IdentifierInvalid),
        Kind::Date | Kind::YearMonth | Kind::Year => {
            wanted.extend([
                Code::InvalidFormat,
                Code::DateZero,
                Code::DateFormatRepairable,
                Code::YearBefore1920,
            ]);
        }
        Kind::Month => wanted.extend([Code::InvalidFormat, Code::LeadingZeroLost]),
        Kind::Count | Kind::Text40 | Kind::Utdp => wanted.push(Code::InvalidFormat),
    }
    if v.mandatory {
        wanted.push(Code::MandatoryMissing);
    } else if decree {
        wanted.push(Code::ApplicableEmpty);
    }
    if v.condition.is_some() {
        wanted.push(Code::FilledOutsideCondition);
    }
    if v.min_age.is_some() {
        wanted.push(Code::ReservedAdults);
    }
    if v.max_age.is_some() {
        wanted.push(Code::ReservedMinors);
    }
    if v.typev != [true; 3] {
        wanted.push(Code::FilledWrongEvent);
    }
    let restricted =
        v.condition.is_some() || v.min_age.is_some() || v.max_age.is_some() || v.typev != [true; 3];
    if v.nsp.is_some() && restricted {
        wanted.push(Code::NspNotApplicable);
    }
    if decree {
        wanted.extend([Code::VariableAbsent, Code::VariableAlwaysEmpty]);
        if v.nsp.is_some() {
            wanted.push(Code::VariableAlwaysNsp);
        }
    }
    for rule in registry::RULES {
        let named = mentions(rule.description, v.code)
            || rule.spec_rows.iter().any(|r| mentions(r, v.code));
        if named {
            wanted.extend(
                rule.codes
                    .iter()
                    .copied()
                    .filter(|c| c.entry().variable.is_none_or(|x| x == v.code)),
            );
        }
    }
    catalogue::all()
        .filter(|e| e.variable == Some(v.code) || wanted.contains(&e.code))
        .map(|e| e.code)
        .collect()
}

/// The dictionary, from the engine's tables.
pub fn dictionary() -> Dictionary {
    let variables: Vec<VariableEntry> = VARIABLES
        .iter()
        .map(|v| VariableEntry {
            number: v.number,
            code: v.code,
            label: v.label,
            block: v.block.id,
            block_title: v.block.title,
            kind: kind_label(v.kind),
            modalities: v
                .modalities
                .iter()
                .map(|(code, label)| Modality { code, label })
                .collect(),
            nsp: v.nsp,
            when: v.when,
            notes: v.notes,
            min_age: v.min_age,
            max_age: v.max_age,
            typev: v.typev,
            condition: v.condition.as_ref().map(condition_text),
            mandatory: v.mandatory,
            situational: v.situational,
            checks: checks_for(v),
        })
        .collect();
    let mut by_number: Vec<&Variable> = VARIABLES.iter().collect();
    // UTDP (number 0) goes last, after variable 105.
    by_number.sort_by_key(|v| {
        if v.number == 0 {
            u16::MAX
        } else {
            u16::from(v.number)
        }
    });
    let mut blocks: Vec<BlockEntry> = Vec::new();
    for v in by_number {
        match blocks.iter_mut().find(|b| b.id == v.block.id) {
            Some(b) => b.variables.push(v.code),
            None => blocks.push(BlockEntry {
                id: v.block.id,
                title: v.block.title,
                variables: vec![v.code],
            }),
        }
    }
    let findings = catalogue::all()
        .map(|e| FindingEntry {
            code: e.code,
            severity: e.severity,
            title: e.title,
            explanation: e.explanation,
            spec: e.spec,
            onpe_section: e.onpe_section,
            variables: variables
                .iter()
                .filter(|v| v.checks.contains(&e.code))
                .map(|v| v.code)
                .collect(),
        })
        .collect();
    Dictionary {
        blocks,
        variables,
        findings,
    }
}

/// The kinds of error the exercises offer: `(plant kind, French title, what to look for)`.
pub const EXERCISES: &[(PlantKind, &str, &str)] = &[
    (
        PlantKind::InvalidCode,
        "Code hors de la liste",
        "Une variable codée porte une valeur qui n’est pas dans sa liste de modalités.",
    ),
    (
        PlantKind::FilledOutsideCondition,
        "Condition non respectée",
        "Une variable est renseignée alors que la condition qui la rend applicable n’est pas remplie.",
    ),
    (
        PlantKind::ImperativeDateMissing,
        "Date impérative absente",
        "Une date de début (DATDEB) vaut 0000-00-00, une date nulle qui compte comme vide, alors qu’elle est impérative.",
    ),
    (
        PlantKind::IdentityInconsistent,
        "Identité incohérente",
        "Deux lignes du même jeune (même NUMANONYM) n’ont pas le même sexe.",
    ),
    (
        PlantKind::DuplicateFull,
        "Doublon",
        "Une ligne est recopiée à l’identique.",
    ),
    (
        PlantKind::OutOfPerimeter,
        "Hors périmètre",
        "Aucune des dates de décision, de début ou de fin d’une ligne n’est dans l’année du fichier.",
    ),
    (
        PlantKind::LegacyCode,
        "Code de l’ancien format 2011",
        "Une valeur vient de la nomenclature du décret de 2011, supprimée en 2016.",
    ),
    (
        PlantKind::DatfinWrongTypev,
        "Date de fin sur une ouverture",
        "Une date de fin (DATFIN) est renseignée sur une ligne qui n’est pas une fin de mesure.",
    ),
    (
        PlantKind::CascadeMissing,
        "Précision de la mesure manquante",
        "La nature de la mesure exige une précision (lieu, type…) qui est restée vide.",
    ),
    (
        PlantKind::ReservedMinors,
        "Variable réservée aux mineurs",
        "Une variable qui ne concerne que les mineurs est renseignée pour un jeune majeur.",
    ),
    (
        PlantKind::DateOrder,
        "Dates dans le désordre",
        "La fin de l’évaluation est antérieure à sa notification.",
    ),
];

/// Rows of an exercise file.
pub const EXERCISE_ROWS: u64 = 200;

/// An exercise: a clean generated file with one planted error.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exercise {
    /// The plant kind's stable name.
    pub kind: &'static str,
    /// The data row (1-based, header excluded) carrying the error.
    pub row: u64,
    /// The findings the check must report on that row.
    pub expected: Vec<Planted>,
    /// Seed actually used (for the record).
    pub seed: u64,
    /// The CSV bytes (not serialised: the binding hands them over as bytes).
    #[serde(skip)]
    pub csv: Vec<u8>,
}

/// The plant kind named `name` (as in manifests), if the exercises offer it.
pub fn exercise_kind(name: &str) -> Option<PlantKind> {
    EXERCISES
        .iter()
        .map(|(k, _, _)| *k)
        .find(|k| k.name() == name)
}

/// Generates an exercise of `kind`: 200 clean records of an invented département, one of
/// which (at or after a row drawn from `seed`) carries the planted error. Tries further
/// seeds when the file has no row the kind can be planted on; `None` for an unknown kind.
pub fn exercise(kind: &str, seed: u64) -> Option<Exercise> {
    let k = exercise_kind(kind)?;
    debug_assert!(plant::ALL.contains(&k));
    for attempt in 0..64u64 {
        let s = seed.wrapping_add(attempt.wrapping_mul(7919));
        let opts = GenOptions {
            rows: EXERCISE_ROWS,
            seed: s,
            error_rate: 1.0,
            ..GenOptions::default()
        };
        // Start after the first few rows and leave room for the kind to find a site.
        let from_row = 1 + s % (EXERCISE_ROWS * 3 / 4);
        let mut g = Generator::new(opts);
        g.restrict_plants(&[k], 1, from_row);
        let mut csv = g.header();
        while g.next_row(&mut csv) {}
        let manifest = g.into_manifest();
        if let Some(first) = manifest.planted.first() {
            return Some(Exercise {
                kind: k.name(),
                row: first.row,
                expected: manifest.planted.clone(),
                seed: s,
                csv,
            });
        }
    }
    None
}

/// The steps of the pseudonymisation of one identity, as the demonstration shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Demo {
    /// The first name after normalisation.
    pub prenom: String,
    /// The mother's name after normalisation.
    pub nommere: String,
    /// The birth string (MNAIS on two digits + ANAIS).
    pub birth: String,
    /// Phonex of the normalised first name.
    pub phonex_prenom: String,
    /// Phonex of the normalised mother's name.
    pub phonex_nommere: String,
    /// Its first 12 characters, as hashed.
    pub phonex_prenom12: String,
    /// Its first 12 characters, as hashed.
    pub phonex_nommere12: String,
    /// First half: 20 hex digits of SHA-1(prenom + nommere + birth + key).
    pub half1: String,
    /// Second half: 20 hex digits of SHA-1(phonex12(prenom) + phonex12(nommere) + key).
    pub half2: String,
    /// The identifier.
    pub numanonym: String,
}

/// Why a demonstration could not be computed (French).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoError(pub String);

/// Pseudonymises one invented identity with the engine's functions (no day of birth,
/// lower case: the defaults), showing every step.
pub fn demo(
    prenom: &str,
    nommere: &str,
    mnais: &str,
    anais: &str,
    key: &str,
) -> Result<Demo, DemoError> {
    let key = Key::new(key).map_err(|e| DemoError(e.message.clone()))?;
    let mut rec = Record::new();
    rec.identity.prenom.set(prenom);
    rec.identity.nommere.set(nommere);
    rec.set(ids::MNAIS, mnais);
    rec.set(ids::ANAIS, anais);
    let input = resolve(&rec, false).input.ok_or_else(|| {
        DemoError(
            "Il faut un prénom, un nom de naissance de la mère et une date de naissance \
             (mois et année) contenant au moins une lettre ou un chiffre."
                .to_owned(),
        )
    })?;
    let numanonym = Pseudonymiser::new(key, false, false).identifier(&input);
    let (half1, half2) = numanonym.split_at(numanonym.len() / 2);
    let ph1 = phonex(&input.v1);
    let ph2 = phonex(&input.v2);
    Ok(Demo {
        phonex_prenom12: ph1.chars().take(12).collect(),
        phonex_nommere12: ph2.chars().take(12).collect(),
        prenom: input.v1.clone(),
        nommere: input.v2.clone(),
        birth: input.birth.clone(),
        phonex_prenom: ph1,
        phonex_nommere: ph2,
        half1: half1.to_owned(),
        half2: half2.to_owned(),
        numanonym,
    })
}

/// The training pair for the continuity check (`generate --years 2`, fixed seed): two
/// consecutive years of about [`PAIR_ROWS`] records each, with each continuity defect planted
/// (measures silent or silent for too long, a decision never started, renewals without end,
/// identity changes, unknown `NUMANONYMANT`, ends without opening, a flagged indicator).
pub struct PairSample {
    /// Last year's file (`FORMATION-continuite-2018.csv`) and this year's.
    pub previous: Vec<u8>,
    pub current: Vec<u8>,
    /// Their names.
    pub previous_name: &'static str,
    pub current_name: &'static str,
    /// What the continuity check must find.
    pub manifest: crate::generate::pair::PairManifest,
}

/// Records of each file of the training pair.
pub const PAIR_ROWS: u64 = 300;

/// The training pair (always the same files).
pub fn pair_sample() -> PairSample {
    let (previous, current, manifest) = crate::generate::pair::generate_pair_to_vec(&GenOptions {
        rows: PAIR_ROWS,
        seed: 2018_0016,
        numdep: Some("35"),
        ..GenOptions::default()
    });
    PairSample {
        previous,
        current,
        previous_name: "FORMATION-continuite-2018.csv",
        current_name: "FORMATION-continuite-2019.csv",
        manifest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Engine, Options};
    use crate::generate::generate_to_vec;
    use std::collections::BTreeSet;

    #[test]
    fn every_variable_and_every_code_has_an_entry() {
        let d = dictionary();
        let codes: Vec<&str> = d.variables.iter().map(|v| v.code).collect();
        let table: Vec<&str> = VARIABLES.iter().map(|v| v.code).collect();
        assert_eq!(codes, table);
        assert_eq!(d.variables.len(), 106);
        let found: Vec<Code> = d.findings.iter().map(|f| f.code).collect();
        let cat: Vec<Code> = catalogue::all().map(|e| e.code).collect();
        assert_eq!(found, cat);
        let in_blocks: usize = d.blocks.iter().map(|b| b.variables.len()).sum();
        assert_eq!(in_blocks, 106, "every variable in exactly one block");
        assert_eq!(d.blocks.len(), 18);
        assert_eq!(d.blocks[0].id, "1");
        assert_eq!(d.blocks.last().map(|b| b.id), Some("9"));
    }

    #[test]
    fn entries_are_the_engine_tables() {
        let d = dictionary();
        for (e, v) in d.variables.iter().zip(VARIABLES) {
            assert_eq!(e.label, v.label);
            assert_eq!(e.when, v.when);
            assert_eq!(e.notes, v.notes);
            assert_eq!(e.nsp, v.nsp);
            assert_eq!(e.typev, v.typev);
            assert_eq!((e.min_age, e.max_age), (v.min_age, v.max_age));
            assert_eq!(e.block, v.block.id);
            let m: Vec<(&str, &str)> = e.modalities.iter().map(|m| (m.code, m.label)).collect();
            assert_eq!(m, v.modalities);
            assert_eq!(e.condition.is_some(), v.condition.is_some());
        }
        for (f, c) in d.findings.iter().zip(catalogue::all()) {
            assert_eq!(
                (f.title, f.explanation, f.severity),
                (c.title, c.explanation, c.severity)
            );
        }
    }

    #[test]
    fn conditions_read_in_french() {
        let table = [
            (Condition::Is(ids::PROJET, &["2"]), "PROJET = 2"),
            (
                Condition::Is(ids::SCODTCOM, &["1", ""]),
                "SCODTCOM = 1 ou vide",
            ),
            (
                Condition::Is(ids::NATDECASSED, &["17", "18", "22"]),
                "NATDECASSED = 17, 18 ou 22",
            ),
            (
                Condition::All(&[
                    Condition::Is(ids::DECISION, &["2"]),
                    Condition::Any(&[
                        Condition::Is(ids::NATDECASSED, &["16"]),
                        Condition::Is(ids::TYPDECJUD, &["7"]),
                    ]),
                ]),
                "DECISION = 2 et (NATDECASSED = 16 ou TYPDECJUD = 7)",
            ),
        ];
        for (c, want) in table {
            assert_eq!(condition_text(&c), want);
        }
    }

    #[test]
    fn mentions_whole_words_only() {
        assert!(mentions("DATFIN sur TYPEV=3", "DATFIN"));
        assert!(mentions("(NUMDEP)", "NUMDEP"));
        assert!(!mentions("NUMANONYMANT", "NUMANONYM"));
        assert!(!mentions("DATDEBX", "DATDEB"));
    }

    /// Every (variable, code) pair the engine reports on generated files with many planted
    /// errors is listed in that variable's entry: the links from a report to the dictionary
    /// never land on an entry that does not mention the finding.
    #[test]
    fn engine_findings_are_listed_under_their_variable() {
        let d = dictionary();
        let mut seen = BTreeSet::new();
        for seed in [11, 12] {
            let (bytes, _) = generate_to_vec(&GenOptions {
                rows: 1500,
                seed,
                error_rate: 0.5,
                ..GenOptions::default()
            });
            let opts = Options {
                max_findings: 1_000_000,
                ..Options::default()
            };
            let mut e = Engine::new(opts, None).expect("options");
            e.push(&bytes).expect("readable");
            let f = e.finish().expect("readable");
            for x in &f.report.findings {
                if let Some(var) = &x.variable {
                    seen.insert((var.clone(), x.code));
                }
            }
        }
        assert!(seen.len() > 40, "{} pairs only", seen.len());
        let missing: Vec<_> = seen
            .iter()
            .filter(|(var, code)| {
                d.variables
                    .iter()
                    .find(|v| v.code == var)
                    .is_none_or(|v| !v.checks.contains(code))
            })
            .collect();
        assert!(missing.is_empty(), "not listed: {missing:?}");
    }

    #[test]
    fn every_exercise_plants_exactly_its_kind_once() {
        for (k, title, hint) in EXERCISES {
            assert!(!title.is_empty() && hint.len() > 20);
            for seed in [1, 99, 123_456] {
                let ex = exercise(k.name(), seed).expect("a site exists");
                assert_eq!(ex.kind, k.name());
                assert!(ex
                    .expected
                    .iter()
                    .all(|p| p.row == ex.row && p.plant == k.name()));
                let lines = ex.csv.iter().filter(|b| **b == b'\n').count() as u64;
                assert!(lines > EXERCISE_ROWS, "{lines} lines");
                assert!(ex.row >= 1 && ex.row < lines);
                // The engine finds exactly the planted errors and warnings.
                let mut e = Engine::new(Options::default(), None).expect("options");
                e.push(&ex.csv).expect("readable");
                let f = e.finish().expect("readable");
                let got: BTreeSet<(u64, Code, Option<String>)> = f
                    .report
                    .findings
                    .iter()
                    .filter(|x| x.severity != Severity::Info)
                    .map(|x| (x.row.unwrap_or(0), x.code, x.variable.clone()))
                    .collect();
                let want: BTreeSet<(u64, Code, Option<String>)> = ex
                    .expected
                    .iter()
                    .map(|p| (p.row, p.code, p.variable.map(str::to_owned)))
                    .collect();
                assert_eq!(got, want, "{} seed {seed}", k.name());
            }
        }
        assert!(exercise("no-such-kind", 1).is_none());
    }

    #[test]
    fn exercise_rows_vary_with_the_seed() {
        let rows: BTreeSet<u64> = (0..12)
            .filter_map(|s| exercise("invalid-code", s * 1_000_003))
            .map(|e| e.row)
            .collect();
        assert!(rows.len() >= 6, "{rows:?}");
    }

    #[test]
    fn demo_matches_the_published_vector() {
        let d = demo("Pierre", "Dupont", "9", "1997", "CLE_DE_TEST").expect("valid");
        assert_eq!(d.numanonym, "877aa93ef312e68eb9f8fac5dc5e88d68e95f75a");
        assert_eq!(format!("{}{}", d.half1, d.half2), d.numanonym);
        assert_eq!(
            (d.prenom.as_str(), d.nommere.as_str()),
            ("PIERRE", "DUPONT")
        );
        assert_eq!(d.birth, "091997");
        assert_eq!(
            d.phonex_prenom12,
            d.phonex_prenom.chars().take(12).collect::<String>()
        );
    }

    #[test]
    fn a_spelling_correction_changes_only_the_exact_half_when_it_sounds_the_same() {
        let a = demo("Pierre", "Dupont", "09", "1997", "FORMATION-OLINPE").expect("valid");
        let b = demo("Piere", "Dupond", "09", "1997", "FORMATION-OLINPE").expect("valid");
        assert_ne!(a.half1, b.half1);
        assert_eq!(a.phonex_prenom, b.phonex_prenom);
        assert_eq!(a.half2, b.half2);
        // Accents and case do not matter at all.
        let c = demo("PIERRE", "dupont", "9", "1997", "FORMATION-OLINPE").expect("valid");
        assert_eq!(a, c);
    }

    #[test]
    fn demo_refuses_missing_inputs_and_empty_keys() {
        assert!(demo("", "Dupont", "09", "1997", "K").is_err());
        assert!(demo("Pierre", "--", "09", "1997", "K").is_err());
        assert!(demo("Pierre", "Dupont", "", "", "K").is_err());
        assert!(demo("Pierre", "Dupont", "09", "1997", "").is_err());
    }

    /// The training pair has every planted defect, and the continuity check finds exactly
    /// its manifest (the page shows both).
    #[test]
    fn the_training_pair_has_each_defect() {
        use crate::continuity::{Continuity, Options};
        let p = pair_sample();
        let m = &p.manifest;
        assert_eq!(m.years, [2018, 2019]);
        let planted = &m.planted;
        assert!(planted.silent_overdue > 0 && planted.decision_silent > 0);
        assert!(planted.renewed_without_end > 0 && planted.identity_change > 0);
        assert!(planted.numanonymant_unknown > 0 && planted.end_without_opening > 0);
        let mut c = Continuity::new(Options {
            previous_name: p.previous_name.into(),
            current_name: p.current_name.into(),
            max_findings: usize::MAX,
            ..Options::default()
        })
        .expect("options");
        c.push_previous(&p.previous).expect("read");
        c.finish_previous().expect("read");
        c.push_current(&p.current).expect("read");
        let r = c.finish().expect("read").report;
        assert_eq!(r.findings.len(), m.findings.len());
        assert_eq!(r.open_measures.silent_overdue, m.expected.silent_overdue);
        assert_eq!(r.verdict.level, crate::continuity::Level::AVerifier);
    }
}
