//! The rule registry: every rule with the spec rows it implements and the finding codes it
//! emits. `docs/rules.md` is generated from it and `docs/findings.md` from the catalogue
//! ([`rules_markdown`], [`findings_markdown`]); `tests/rules_coverage.rs` fails when a spec
//! row has no rule, `tests/docs_generated.rs` when the committed docs are stale.

use crate::finding::{catalogue, Code, Severity};
use std::fmt::Write as _;

/// One rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable rule id (`record.…` in `src/rules/record.rs`, `file.…` in `src/rules/file.rs`).
    pub id: &'static str,
    /// Spec references (e.g. "§5.2 NATPDECADM ∈ {10, 20}, or 18 → TYPINTERDOM").
    pub spec_rows: &'static [&'static str],
    /// Finding codes it may emit.
    pub codes: &'static [Code],
    /// French description.
    pub description: &'static str,
}

/// Every rule.
pub static RULES: &[Rule] = &[
    // ----- record rules (src/rules/record.rs) -----
    Rule {
        id: "record.code-lists",
        spec_rows: &[
            "§4.3 code lists and formats",
            "§4.4 NUMDEP codes outside the XSD",
            "§4.4 legacy 2011 codes",
            "§4.4 NATDECPLAC 3 is valid",
            "§6.1 0099 Autres anomalies",
        ],
        codes: &[Code::InvalidCode, Code::LegacyCode, Code::NumdepOutsideXsd],
        description: "Chaque variable codée doit prendre une valeur de sa liste du décret 2016 \
            (y compris son code « ne sait pas »). Un code du décret de 2011 supprimé en 2016 \
            (tableau §4.4) est signalé comme code ancien plutôt que comme code inconnu ; \
            NATDECPLAC = 3 (OPP du parquet) reste valide, contrairement à ce que fait l'audit \
            ONPE. NUMDEP 977, 978, 986 et 987 (annexe du guide, absents du schéma) sont \
            acceptés avec un avertissement. Un NUMDEP sur un chiffre est laissé au contrôle de \
            lecture (zéro initial perdu).",
    },
    Rule {
        id: "record.formats",
        spec_rows: &[
            "§2.5 date forms (unknown day, month, year)",
            "§4.3 code lists and formats",
            "§6.1 0009 Format des dates",
        ],
        codes: &[
            Code::InvalidFormat,
            Code::IdentifierInvalid,
            Code::DateZero,
            Code::YearBefore1920,
        ],
        description: "Dates AAAA-MM-JJ (formes du guide acceptées : AAAA-MM-99, AAAA-99-99, \
            9999-99-99 ; dates impossibles refusées), années-mois AAAA-MM (AAAA-99, 9999-99), \
            années AAAA (9999 inconnue), mois 01 à 12 ou 99, nombres sur un ou deux chiffres, \
            textes libres de 40 caractères au plus, UTDP de 3 caractères au plus ; années entre \
            1900 et 2099. NUMANONYM et NUMANONYMANT : 40 caractères hexadécimaux. Une date à \
            zéro (0000-00-00, 0000-00, 0000) compte comme vide et donne un avertissement ; une \
            année antérieure à 1920 aussi. Les dates JJ/MM/AAAA et les mois sur un chiffre sont \
            laissés au contrôle de lecture, qui sait les réparer.",
    },
    Rule {
        id: "record.mandatory",
        spec_rows: &[
            "§6.1 0028 DECISION absent",
            "§6.1 0035 MOTFININT absent",
            "§6.2 manquante list",
        ],
        codes: &[Code::MandatoryMissing],
        description: "La liste obligatoire du §9 : NUMDEP, NUMANONYM, NUMANONYMANT, TYPEV, \
            SEXE, ANAIS, MNAIS, DECISION sur toute ligne, MOTFININT sur une ligne de fin. La \
            liste « manquante » de l'audit ONPE (§6.2) n'est qu'une indication : les autres \
            variables vides qui s'appliquent relèvent de « variable attendue mais vide ».",
    },
    Rule {
        id: "record.imperative-dates",
        spec_rows: &[
            "§5.2 special case: imperative dates",
            "§6.1 0030 Date de décision absente",
            "§6.1 0032 Date de début absente",
            "§6.1 0034 Date de fin absente",
            "§6.1 0080 DATFIN sans DATDEB",
        ],
        codes: &[Code::ImperativeDateMissing, Code::ImperativeDatePartial],
        description: "DATDECPE et DATDEB sur toute ligne, DATFIN sur une ligne de fin : vide, \
            0000-00-00 ou 9999-99-99 est une erreur, une date partiellement connue \
            (AAAA-MM-99, AAAA-99-99) un avertissement.",
    },
    Rule {
        id: "record.datfin-typev",
        spec_rows: &["§5.4 DATFIN only on TYPEV=3", "§6.1 0058 DATFIN sur mauvais TYPEV"],
        codes: &[Code::DatfinWrongTypev],
        description: "DATFIN renseignée (même à 9999-99-99) sur une ligne de type 1 ou 2 est une \
            erreur ; 0000-00-00 y est seulement une date à zéro.",
    },
    Rule {
        id: "record.event-blocks",
        spec_rows: &[
            "§5.1 TYPEV=1: fill 5–98, not the end block",
            "§5.1 TYPEV=2: update, not 19–27, 58–66, DATFIN",
            "§5.1 TYPEV=3: fill the end block, update",
            "§5.1 end-block hypothesis 1",
            "§5.1 end-block hypothesis 2",
            "§5.4 CHGLIEU",
            "§5.4 NBCHGLIEU",
            "§5.4 DIPLOME",
            "§5.4 TRAITINFO",
            "§6.2 non attendues: CHGLIEU",
            "§6.2 non attendues: DATFIN, MOTFININT, DIPLOME",
            "§6.2 non attendues: NBCHGLIEU",
            "§6.2 non attendues: TRAITINFO",
        ],
        codes: &[Code::FilledWrongEvent, Code::ApplicableEmpty],
        description: "Une variable que le §5.1 dit de ne pas remplir pour le type d'événement \
            est signalée : le bloc 19–27 hors TYPEV 1, le bloc 58–66 sur un renouvellement, \
            CHGLIEU hors renouvellement, le bloc de fin 101–105 hors TYPEV 3 (DATFIN a sa \
            propre règle). Une variable que le §5.1 attend pour ce type d'événement (colonnes \
            « remplir » et « identique ») et qui est vide est « attendue mais vide » ; une \
            variable que le §5.1 ne cite ni d'un côté ni de l'autre (INTERANT sur un \
            renouvellement, le bloc danger sur une fin) peut être remplie sans être attendue. \
            Fin de mesure : MOTIFML et NBCHGLIEU ne sont remplis que dans l'hypothèse 1 (pas \
            de mesure qui suit), invisible dans le fichier : ils sont permis, jamais exigés.",
    },
    Rule {
        id: "record.cascades",
        spec_rows: &[
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
            "§6.1 0038 NATPDECADM absent",
            "§6.1 0044 TYPINTERDOM absent",
            "§6.1 0045–0047 LIEUACC / ACCMOD / AUTRLIEUACC absent",
            "§6.1 0048 NATDECASSED absent",
            "§6.1 0049 TYPDECJUD absent",
            "§6.1 0050–0051 INSTITPLAC / NATDECPLAC absent",
            "§6.1 0052–0054 LIEUPLAC / PLACMOD / AUTRLIEUAR absent",
            "§6.1 0056 CHGLIEU absent",
            "§6.2 non attendues: ACCMOD, AUTRLIEUACC, LIEUACC",
            "§6.2 non attendues: AUTRLIEUAR, LIEUPLAC, PLACMOD",
            "§6.2 non attendues: NATDECPLAC, INSTITPLAC",
            "§6.2 non attendues: TYPDECJUD",
            "§6.2 non attendues: TYPINTERDOM",
            "§6.2 non attendues: AUTREDA, NATPDECADM",
            "§6.2 non attendues: AUTREDJ, NATDECASSED",
        ],
        codes: &[
            Code::CascadeMissing,
            Code::CascadeMissingMinor,
            Code::FilledOutsideCondition,
        ],
        description: "Cascades de la nature de la décision (§5.2, gravités du §0.2). Erreur \
            quand manque : NATPDECADM si DECISION = 1, NATDECASSED si DECISION = 2, LIEUACC \
            pour NATPDECADM 11 à 16, 19, 21, NATDECPLAC, INSTITPLAC et LIEUPLAC pour \
            NATDECASSED 17 ou 18, TYPINTERDOM pour NATPDECADM 10 ou 20, TYPDECJUD pour \
            NATDECASSED 11, 14, 15, 16, 19, 24, LIEUPLAC pour 22 ou 23, CHGLIEU sur le \
            renouvellement du placement ou de l'accueil d'un mineur (NATPDECADM 11 à 16, 19, 21 \
            ou NATDECASSED 17, 18, 22, 23). Avertissement quand manque : ACCMOD, AUTRLIEUACC, \
            PLACMOD, AUTRLIEUAR, AUTREDA (NATPDECADM = 18), AUTREDJ (NATDECASSED = 21). Les \
            natures 18 et 21 permettent les blocs qui en dépendent sans les exiger ; l'AED avec \
            hébergement (NATPDECADM = 10 et TYPINTERDOM 4 ou 5) permet le bloc LIEUACC, l'AEMO \
            avec hébergement (NATDECASSED = 16 et TYPDECJUD 7 ou 8) le bloc LIEUPLAC ; le \
            placement à domicile se code avec le lieu 12. Hors de ces cas, une variable de la \
            cascade remplie est « hors de sa condition ». Une nature inconnue (99), vide alors \
            qu'elle s'applique, invalide ou elle-même mal placée rend la condition inconnue : \
            rien n'est signalé sur les variables qui en dépendent.",
    },
    Rule {
        id: "record.conditions",
        spec_rows: &[
            "§5.4 MOTIFML",
            "§5.4 DATDECMIN",
            "§5.4 DATPPE",
            "§5.4 ORIENTEFF",
            "§5.4 TYPCLASSPE",
            "§5.4 SCOCLASPE",
            "§5.4 MODACC",
            "§5.4 adult 2 fields",
            "§6.1 0013 Variables non attendues",
            "§6.2 non attendues: MOTIFML",
            "§6.2 non attendues: DATDECMIN",
            "§6.2 non attendues: DATPPE",
            "§6.2 non attendues: ORIENTEFF",
            "§6.2 non attendues: NIVSCO",
            "§6.2 non attendues: SCOCLASPE",
            "§6.2 non attendues: MODACC",
            "§6.2 non attendues: TYPCLASSPE",
            "§6.2 non attendues: TYPETABSPE",
            "§6.2 non attendues: DATJE",
            "§6.2 non attendues: DATSIGN",
            "§6.2 non attendues: MOTIFSIG",
            "§6.2 non attendues: TRANSIP",
        ],
        codes: &[Code::FilledOutsideCondition, Code::ApplicableEmpty],
        description: "Variables conditionnelles (§5.4, §6.2 corrigé par le §0.2) : remplies, \
            même avec « ne sait pas », alors que leur condition est fausse, elles sont « hors de \
            leur condition » ; vides alors qu'elle est vraie, « attendues mais vides ». Selon le \
            guide : TYPETABSPE dépend d'ETABSCOSPE (900, instruit à domicile, toujours permis), \
            NIVSCO de SCODTCOM = 2 ou ETABSCOSPE = 2 (erratum de 2018), MODACC de SCODTCOM = 1 \
            ou, avant 3 ans, d'un SCODTCOM vide ; ORIGIP et TRANSIP de TRAITINFO 1 ou 2 (DATIP y est \
            attendue, et permise sinon), DATSIGN de TRAITINFO = 3, DATJE de TRAITINFO = 4, DATDECAP de DECAP 1 à 5, DATDCMERE et \
            DATDCPERE du décès du parent. MOTIFSIG, ENQPENAL, SAISJUR (signalement après \
            évaluation du département), le bloc évaluation 58–61 et l'adulte 2 dépendent de \
            faits absents du fichier : permis, jamais exigés (l'audit ONPE signale MOTIFSIG \
            quand TRAITINFO ≠ 3, ce que le guide contredit). Une condition qui dépend d'une \
            variable vide alors qu'elle s'applique, « ne sait pas » ou invalide est inconnue : \
            rien n'est signalé.",
    },
    Rule {
        id: "record.ages",
        spec_rows: &[
            "§5.3 age bounds: under 21",
            "§5.3 under 6 and not schooled: MODACC",
            "§5.3 3 years or older: SCODTCOM, ETABSCOSPE, FREQSCO",
            "§5.3 under 18 only",
            "§5.3 18 or older only",
            "§5.3 all ages",
            "§5.3 over 14 and TYPEV=3: DIPLOME",
            "§5.3 age computation",
            "§4.4 reserved modalities",
            "§6.1 0011 Variables/modalités réservées aux mineurs",
            "§6.1 0012 Variables/modalités réservées aux jeunes majeurs",
            "§6.2 réservées aux mineurs",
        ],
        codes: &[
            Code::ReservedMinors,
            Code::ReservedAdults,
            Code::FilledOutsideCondition,
            Code::ApplicableEmpty,
        ],
        description: "Âge en années révolues depuis le premier du mois de naissance \
            (ANAIS/MNAIS), à DATFIN (sinon DATDEB) sur une fin, à DATDECPE (sinon DATDEB) \
            sinon ; aucune règle d'âge si l'année ou le mois de naissance est inconnu, ni quand \
            un mois inconnu de la date laisse l'âge de part et d'autre de la borne. Variables \
            des mineurs remplies pour un majeur, variables du majeur (MENAGEJM, EMPLJM, CSPJM) \
            pour un mineur : avertissement ; autres bornes (MODACC avant 6 ans, bloc scolaire \
            dès 3 ans, DIPLOME dès 14 ans) : « hors de sa condition ». Modalités : NATPDECADM \
            20 et 21, NATDECASSED 24 réservées aux jeunes majeurs ; pour un majeur, NATPDECADM \
            autre que 18, 20, 21 et NATDECASSED autre que 21, 24 sont réservées aux mineurs ; \
            la nature ayant été choisie à la décision, ces modalités ne sont signalées que si \
            l'âge à la décision et l'âge à la date de l'événement sont tous deux du mauvais \
            côté de 18 ans : une mesure de mineur qui s'achève après la majorité n'est pas \
            signalée.",
    },
    Rule {
        id: "record.age-over-20",
        spec_rows: &[
            "§5.3 age at decision above 20",
            "§6.1 0010 Dates de naissance à vérifier",
        ],
        codes: &[Code::AgeOver20],
        description: "Un âge à la décision (DATDECPE, sinon DATDEB) de 21 ans révolus ou plus \
            est signalé.",
    },
    Rule {
        id: "record.birth",
        spec_rows: &["§5.5 birth before every event date"],
        codes: &[Code::BirthAfterEvent],
        description: "La naissance (mois connu ou non) ne peut pas être postérieure à une date \
            d'événement du jeune : DATIP, DATSIGN, DATJE, NOTIFEVAL, FINEVAL, DATDECAP, \
            DATDECPE, DATPPE, DATDEB, DATFIN, DATDECMIN (les dates de décès des parents ne sont \
            pas des événements du jeune). Un seul constat, sur ANAIS, qui nomme la première date en \
            cause (avec plusieurs dates, c'est la naissance qui est probablement fausse) ; les \
            règles d'âge ne s'appliquent pas alors. Une date antérieure à 1920 a son propre \
            avertissement.",
    },
    Rule {
        id: "record.parents",
        spec_rows: &[
            "§5.5 parents' birth years",
            "§6.1 0010 Dates de naissance à vérifier",
        ],
        codes: &[Code::ParentBirthYear],
        description: "ANSA1, ANSA2, ANSMERE et ANSPERE doivent précéder d'au moins 10 ans \
            l'année de naissance du jeune.",
    },
    Rule {
        id: "record.date-order",
        spec_rows: &["§5.5 date ordering"],
        codes: &[Code::DateOrder],
        description: "DATIP ≤ NOTIFEVAL ≤ FINEVAL ≤ DATDECPE (dates renseignées consécutives), \
            DATDECPE ≤ DATDEB, DATDEB ≤ DATFIN. Une date partielle est comparée comme \
            l'intervalle des jours qu'elle peut désigner : l'ordre n'est signalé que s'il est \
            certainement faux. Le constat porte sur la seconde date du couple.",
    },
    Rule {
        id: "record.doubtful-codes",
        spec_rows: &["§4.4 LIEUPLAC 20", "§4.4 NATPDECADM 19"],
        codes: &[Code::Lieuplac20, Code::Natpdecadm19],
        description: "LIEUPLAC = 20 (dans le schéma, pas dans le guide) et NATPDECADM = 19 \
            (« ne jamais renseigner » selon le guide) sont acceptés avec un avertissement.",
    },
    Rule {
        id: "record.applicable-empty",
        spec_rows: &["§2.5 empty vs missing value"],
        codes: &[Code::ApplicableEmpty],
        description: "Toute autre variable qui s'applique à la ligne (type d'événement, âge, \
            condition) et qui est vide est signalée, pour qu'elle soit codée « ne sait pas » si \
            l'information est inconnue — seulement si la variable est présente dans la ligne : \
            une colonne absente du fichier est signalée une fois par les règles de fichier.",
    },
    // ----- file rules (src/rules/file.rs) -----
    Rule {
        id: "file.variables-absent",
        spec_rows: &["§6.1 0002 Variables absentes"],
        codes: &[Code::VariableAbsent],
        description: "Une variable du décret absente du fichier (ni colonne, ni élément XML) \
            est signalée une fois.",
    },
    Rule {
        id: "file.always-empty",
        spec_rows: &["§6.1 0003 Variables toujours vides"],
        codes: &[Code::VariableAlwaysEmpty],
        description: "Une variable présente mais jamais remplie est signalée une fois.",
    },
    Rule {
        id: "file.always-nsp",
        spec_rows: &[
            "§6.1 0004 Variables toujours codées NSP",
            "§6.2 pertinent values",
        ],
        codes: &[Code::VariableAlwaysNsp],
        description: "Une variable remplie mais jamais avec une valeur informative (autre que \
            « ne sait pas ») est signalée une fois.",
    },
    Rule {
        id: "file.identity",
        spec_rows: &[
            "§5.4 identity consistency",
            "§6.1 0005 Incohérences sur le numéro d'anonymat",
        ],
        codes: &[Code::IdentityInconsistent],
        description: "Un même NUMANONYM doit garder ANAIS, MNAIS et SEXE ; chaque ligne qui \
            diffère de la première est signalée.",
    },
    Rule {
        id: "file.numanonymant",
        spec_rows: &["§5.4 first sending: NUMANONYMANT = NUMANONYM"],
        codes: &[
            Code::NumanonymantShared,
            Code::NumanonymantMultiple,
            Code::NumanonymantSetEqual,
        ],
        description: "Un NUMANONYMANT partagé par deux NUMANONYM, ou un NUMANONYM avec deux \
            NUMANONYMANT, est signalé ; à la pseudonymisation, un NUMANONYMANT absent est mis \
            égal à NUMANONYM (premier envoi).",
    },
    Rule {
        id: "file.typev-distribution",
        spec_rows: &["§6.1 0007 Répartition par TYPEV"],
        codes: &[Code::TypevDistribution, Code::TypevAbsent],
        description: "Nombre de lignes par type d'événement ; un type absent est signalé.",
    },
    Rule {
        id: "file.duplicates",
        spec_rows: &[
            "§6.1 0018 Doublons",
            "§6.1 0022 Doublons administratifs",
            "§6.1 0026 Doublons judiciaires",
        ],
        codes: &[
            Code::DuplicateFull,
            Code::DuplicateAdministrative,
            Code::DuplicateJudicial,
        ],
        description: "Doublons stricts, administratifs et judiciaires au sens de l'audit ONPE.",
    },
    Rule {
        id: "file.perimeter",
        spec_rows: &["§6.1 0036 Hors périmètre"],
        codes: &[
            Code::OutOfPerimeter,
            Code::ReferenceYearMissing,
            Code::ReferenceYearWeak,
        ],
        description: "Année de référence (année la plus fréquente des DATDECPE utilisables, \
            sinon des DATDEB, ou --year) et lignes dont aucune date ne tombe dans cette année.",
    },
    Rule {
        id: "file.end-without-start",
        spec_rows: &["§6.1 0060 Fin sans début"],
        codes: &[Code::EndWithoutStart],
        description: "Une fin dont DATDEB tombe dans l'année de référence doit avoir son \
            ouverture (même NUMANONYM, même DATDEB) dans le fichier.",
    },
    Rule {
        id: "file.duration",
        spec_rows: &[
            "§5.5 duration over 730 days",
            "§6.1 0095 Durée excessive",
        ],
        codes: &[Code::DurationOver730],
        description: "DATFIN − DATDEB supérieur à 730 jours est signalé.",
    },
    Rule {
        id: "file.identical-to-opening",
        spec_rows: &[
            "§5.1 TYPEV=2: identical to the opening line",
            "§5.1 TYPEV=3: identical to the opening line",
        ],
        codes: &[Code::DiffersFromOpening],
        description: "Un renouvellement ou une fin doit reprendre à l'identique les variables \
            de la décision de la ligne qu'il prolonge ou clôt (même NUMANONYM et DATDEB) : \
            DECISION, NATPDECADM, AUTREDA, NATDECASSED, AUTREDJ, NATDECPLAC, TYPINTERDOM, \
            TYPDECJUD, et DATDECPE pour une fin.",
    },
];

/// The French word of a severity, for the docs.
fn severity_word(s: Severity) -> &'static str {
    s.french()
}

/// `docs/rules.md`, generated from [`RULES`] and the catalogue.
pub fn rules_markdown() -> String {
    let mut s = String::new();
    s.push_str(
        "# Règles de contrôle\n\n\
         Document généré à partir de `src/rules/registry.rs` : ne pas le modifier à la main, le \
         régénérer avec `OLINPE_BLESS=1 cargo test --test tests docs_generated::`.\n\n\
         Chaque règle cite les lignes de la spécification (`docs/spec/OLINPE.md`) qu'elle met en œuvre et \
         les codes de constat qu'elle peut produire ; la gravité de chaque code suit le §0.2 \
         (voir `docs/findings.md`).\n\n",
    );
    s.push_str("| Règle | Codes |\n|---|---|\n");
    for r in RULES {
        let codes: Vec<String> = r.codes.iter().map(|c| format!("`{c}`")).collect();
        let _ = writeln!(
            s,
            "| [`{}`](#{}) | {} |",
            r.id,
            anchor(r.id),
            codes.join(", ")
        );
    }
    s.push('\n');
    for r in RULES {
        let _ = writeln!(s, "## {}\n\n{}\n", r.id, r.description);
        s.push_str("Spécification :\n\n");
        for row in r.spec_rows {
            let _ = writeln!(s, "- {row}");
        }
        s.push_str("\nCodes :\n\n");
        for c in r.codes {
            let e = c.entry();
            let _ = writeln!(s, "- `{c}` ({}) — {}", severity_word(e.severity), e.title);
        }
        s.push('\n');
    }
    s.push_str("## Index des lignes de la spécification\n\n| Ligne | Règles |\n|---|---|\n");
    let mut rows: Vec<&str> = RULES
        .iter()
        .flat_map(|r| r.spec_rows.iter().copied())
        .collect();
    rows.sort_unstable();
    rows.dedup();
    for row in rows {
        let ids: Vec<String> = RULES
            .iter()
            .filter(|r| r.spec_rows.contains(&row))
            .map(|r| format!("`{}`", r.id))
            .collect();
        let _ = writeln!(s, "| {} | {} |", row.replace('|', "\\|"), ids.join(", "));
    }
    s
}

fn anchor(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_lowercase()
}

/// `docs/findings.md`, generated from the whole catalogue ([`catalogue::all`]).
pub fn findings_markdown() -> String {
    let mut s = String::new();
    s.push_str(
        "# Codes des constats\n\n\
         Document généré à partir du catalogue (`src/finding/catalogue/`) : ne pas le modifier à \
         la main, le régénérer avec `OLINPE_BLESS=1 cargo test --test tests docs_generated::`.\n\n\
         Un code est stable : les scripts des utilisateurs s'appuient dessus. La gravité suit \
         docs/spec/OLINPE.md §0.2 : une **erreur** bloque la transmission (code de sortie 1), un \
         **avertissement** doit être corrigé sans bloquer, une **information** renseigne.\n\n\
         ## Par gravité\n\n| Gravité | Nombre | Codes |\n|---|---|---|\n",
    );
    for sev in [Severity::Error, Severity::Warning, Severity::Info] {
        let codes: Vec<String> = catalogue::all()
            .filter(|e| e.severity == sev)
            .map(|e| format!("`{}`", e.code))
            .collect();
        let _ = writeln!(
            s,
            "| {} | {} | {} |",
            severity_word(sev),
            codes.len(),
            codes.join(", ")
        );
    }
    s.push_str(
        "\n## Liste\n\n| Code | Gravité | Titre | Variable | Section ONPE | Spécification |\n\
         |---|---|---|---|---|---|\n",
    );
    for e in catalogue::all() {
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} | {} | {} |",
            e.code,
            severity_word(e.severity),
            e.title,
            e.variable.unwrap_or(""),
            e.onpe_section.unwrap_or(""),
            e.spec
        );
    }
    s.push_str("\n## Détail\n");
    for e in catalogue::all() {
        let _ = write!(
            s,
            "\n### `{}`\n\n{} — {}.\n\n{}\n\nMessage : « {} »\n",
            e.code,
            e.title,
            severity_word(e.severity),
            e.explanation,
            e.template
        );
        let rules: Vec<String> = RULES
            .iter()
            .filter(|r| r.codes.contains(&e.code))
            .map(|r| format!("`{}`", r.id))
            .collect();
        if !rules.is_empty() {
            let _ = writeln!(s, "\nRègles : {}.", rules.join(", "));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Part;
    use std::collections::HashSet;

    #[test]
    fn ids_unique_and_rows_present() {
        let mut seen = HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate rule {}", r.id);
            assert!(!r.spec_rows.is_empty() && !r.codes.is_empty(), "{}", r.id);
            assert!(r.description.len() > 40, "{}", r.id);
        }
    }

    #[test]
    fn docs_mention_every_rule_and_code() {
        let rules = rules_markdown();
        for r in RULES {
            assert!(rules.contains(&format!("## {}", r.id)));
        }
        let findings = findings_markdown();
        for e in catalogue::all() {
            assert!(findings.contains(&format!("### `{}`", e.code)));
        }
    }

    /// The record part of the catalogue is what the record rules emit: each of its codes is
    /// listed by a registered `record.` rule.
    #[test]
    fn every_record_code_has_a_rule() {
        for e in catalogue::all().filter(|e| e.part == Part::Record) {
            assert!(
                RULES
                    .iter()
                    .any(|r| r.id.starts_with("record.") && r.codes.contains(&e.code)),
                "{} is emitted by no registered record rule",
                e.code
            );
        }
    }
}
