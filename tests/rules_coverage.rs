//! Every row of the specification's rule tables (docs/spec/OLINPE.md §2.5, §4.4, §5.1–§5.5, §6.1
//! sections 0002 → 0095, §6.2, §6.4, and the §0.2 rows changed or added on 2026-12-06),
//! written here from the spec, must be implemented by a rule of
//! the registry. (Every code a rule names exists in the finding catalogue by construction: a
//! rule lists `Code`s, and a code without a catalogue entry does not build.)

use olinpe::rules::registry::RULES;

const SPEC_ROWS: &[&str] = &[
    // §2.5 and §4
    "§2.5 empty vs missing value",
    "§2.5 date forms (unknown day, month, year)",
    "§4.3 code lists and formats",
    "§4.4 NUMDEP codes outside the XSD",
    "§4.4 legacy 2011 codes",
    "§4.4 NATDECPLAC 3 is valid",
    "§4.4 LIEUPLAC 20",
    "§4.4 NATPDECADM 19",
    "§4.4 reserved modalities",
    // §5.1
    "§5.1 TYPEV=1: fill 5–98, not the end block",
    "§5.1 TYPEV=2: update, not 19–27, 58–66, DATFIN",
    "§5.1 TYPEV=2: identical to the opening line",
    "§5.1 TYPEV=3: fill the end block, update",
    "§5.1 TYPEV=3: identical to the opening line",
    "§5.1 end-block hypothesis 1",
    "§5.1 end-block hypothesis 2",
    // §5.2
    "§5.2 DECISION=1 → NATPDECADM; AUTREDA if NATPDECADM=18",
    "§5.2 NATPDECADM ∈ {10, 20}, or 18 → TYPINTERDOM",
    "§5.2 NATPDECADM ∈ {11, 12, 13, 14, 15, 16, 19, 21}, or 18 → LIEUACC, ACCMOD, AUTRLIEUACC",
    "§5.2 DECISION=2 → NATDECASSED; AUTREDJ if NATDECASSED=21",
    "§5.2 NATDECASSED ∈ {11, 14, 15, 16, 19, 24}, or 21 → TYPDECJUD",
    "§5.2 NATDECASSED ∈ {17, 18}, or 21 (22, 23 for the place block) → NATDECPLAC, INSTITPLAC, LIEUPLAC, PLACMOD, AUTRLIEUAR",
    "§5.2 special case: AED with accommodation",
    "§5.2 special case: AEMO with accommodation",
    "§5.2 special case: administrative placement à domicile",
    "§5.2 special case: judicial placement à domicile",
    "§5.2 special case: imperative dates",
    // §5.3
    "§5.3 age bounds: under 21",
    "§5.3 under 6 and not schooled: MODACC",
    "§5.3 3 years or older: SCODTCOM, ETABSCOSPE, FREQSCO",
    "§5.3 under 18 only",
    "§5.3 18 or older only",
    "§5.3 all ages",
    "§5.3 over 14 and TYPEV=3: DIPLOME",
    "§5.3 age computation",
    "§5.3 age at decision above 20",
    // §5.4
    "§5.4 identity consistency",
    "§5.4 first sending: NUMANONYMANT = NUMANONYM",
    "§5.4 DATFIN only on TYPEV=3",
    "§5.4 MOTIFML",
    "§5.4 DATDECMIN",
    "§5.4 DATPPE",
    "§5.4 ORIENTEFF",
    "§5.4 TYPCLASSPE",
    "§5.4 SCOCLASPE",
    "§5.4 MODACC",
    "§5.4 CHGLIEU",
    "§5.4 NBCHGLIEU",
    "§5.4 DIPLOME",
    "§5.4 TRAITINFO",
    "§5.4 adult 2 fields",
    // §5.5
    "§5.5 date ordering",
    "§5.5 birth before every event date",
    "§5.5 parents' birth years",
    "§5.5 duration over 730 days",
    // §6.1 ONPE audit sections 0002 → 0095
    "§6.1 0002 Variables absentes",
    "§6.1 0003 Variables toujours vides",
    "§6.1 0004 Variables toujours codées NSP",
    "§6.1 0005 Incohérences sur le numéro d'anonymat",
    "§6.1 0007 Répartition par TYPEV",
    "§6.1 0009 Format des dates",
    "§6.1 0010 Dates de naissance à vérifier",
    "§6.1 0011 Variables/modalités réservées aux mineurs",
    "§6.1 0012 Variables/modalités réservées aux jeunes majeurs",
    "§6.1 0013 Variables non attendues",
    "§6.1 0018 Doublons",
    "§6.1 0022 Doublons administratifs",
    "§6.1 0026 Doublons judiciaires",
    "§6.1 0028 DECISION absent",
    "§6.1 0030 Date de décision absente",
    "§6.1 0032 Date de début absente",
    "§6.1 0034 Date de fin absente",
    "§6.1 0035 MOTFININT absent",
    "§6.1 0036 Hors périmètre",
    "§6.1 0038 NATPDECADM absent",
    "§6.1 0044 TYPINTERDOM absent",
    "§6.1 0045–0047 LIEUACC / ACCMOD / AUTRLIEUACC absent",
    "§6.1 0048 NATDECASSED absent",
    "§6.1 0049 TYPDECJUD absent",
    "§6.1 0050–0051 INSTITPLAC / NATDECPLAC absent",
    "§6.1 0052–0054 LIEUPLAC / PLACMOD / AUTRLIEUAR absent",
    "§6.1 0056 CHGLIEU absent",
    "§6.1 0058 DATFIN sur mauvais TYPEV",
    "§6.1 0060 Fin sans début",
    "§6.1 0080 DATFIN sans DATDEB",
    "§6.1 0095 Durée excessive",
    "§6.1 0099 Autres anomalies",
    // §6.2
    "§6.2 manquante list",
    "§6.2 réservées aux mineurs",
    "§6.2 non attendues: ACCMOD, AUTRLIEUACC, LIEUACC",
    "§6.2 non attendues: AUTRLIEUAR, LIEUPLAC, PLACMOD",
    "§6.2 non attendues: NATDECPLAC, INSTITPLAC",
    "§6.2 non attendues: TYPDECJUD",
    "§6.2 non attendues: TYPINTERDOM",
    "§6.2 non attendues: AUTREDA, NATPDECADM",
    "§6.2 non attendues: AUTREDJ, NATDECASSED",
    "§6.2 non attendues: CHGLIEU",
    "§6.2 non attendues: DATFIN, MOTFININT, DIPLOME",
    "§6.2 non attendues: NBCHGLIEU",
    "§6.2 non attendues: MOTIFML",
    "§6.2 non attendues: DATDECMIN",
    "§6.2 non attendues: DATPPE",
    "§6.2 non attendues: ORIENTEFF",
    "§6.2 non attendues: NIVSCO",
    "§6.2 non attendues: SCOCLASPE",
    "§6.2 non attendues: MODACC",
    "§6.2 non attendues: TYPCLASSPE",
    "§6.2 non attendues: TYPETABSPE",
    "§6.2 non attendues: TRAITINFO",
    "§6.2 non attendues: DATJE",
    "§6.2 non attendues: DATSIGN",
    "§6.2 non attendues: MOTIFSIG",
    "§6.2 non attendues: TRANSIP",
    "§6.2 pertinent values",
    // §6.4
    "§6.4 AAAA-MM-JJ where AAAA-MM is expected",
    // §0.2 rows changed or added on 2026-12-06
    "§0.2 events before birth",
    "§0.2 modalities reserved by age",
    "§0.2 segments and renewals",
    "§0.2 renewal linking",
    "§0.2 imperative dates: decision-not-started",
    "§0.2 imperative dates: unknown-part forms",
    "§0.2 ne sait pas where the variable does not apply",
    "§0.2 NBFRAT 0",
    "§0.2 NBCHGLIEU expected at the exit from protection",
    "§0.2 AEMO and AED with accommodation",
    "§0.2 natures 18 and 21: one of the two blocks",
    "§0.2 MENAGEJM on an accueil provisoire jeune majeur",
    "§0.2 pupille de l'État: TITAP 80",
    "§0.2 second-adult variables",
    "§0.2 MODACC not in a specialised unit",
    "§0.2 DATDECMIN written as a full date",
    "§0.2 NATDECPLAC and INSTITPLAC allowed for 22 and 23",
    "§0.2 ORIGIP, TRANSIP and DATSIGN not tied to TRAITINFO",
    "§0.2 duration-over-730 not for natures never renewed",
    "§0.2 NBCHGLIEU age at DATDECPE",
    "§0.2 MOTIFML 15 grouped warning",
];

#[test]
fn every_spec_row_has_a_rule() {
    let missing: Vec<&str> = SPEC_ROWS
        .iter()
        .copied()
        .filter(|row| !RULES.iter().any(|r| r.spec_rows.contains(row)))
        .collect();
    assert!(missing.is_empty(), "spec rows without a rule: {missing:#?}");
}

#[test]
fn every_rule_row_is_a_spec_row() {
    // Catches typos on the registry side (a row that matches nothing here).
    let unknown: Vec<(&str, &str)> = RULES
        .iter()
        .flat_map(|r| r.spec_rows.iter().map(move |row| (r.id, *row)))
        .filter(|(_, row)| !SPEC_ROWS.contains(row))
        .collect();
    assert!(
        unknown.is_empty(),
        "registry rows absent from the spec list: {unknown:#?}"
    );
}
