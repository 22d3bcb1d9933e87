//! The rule registry: every rule with the spec rows it implements and the finding codes it
//! emits. `docs/rules.md` is generated from it and `docs/findings.md` from the catalogue
//! ([`rules_markdown`], [`findings_markdown`]); `tests/rules_coverage.rs` fails when a spec
//! row has no rule, `tests/docs_generated.rs` when the committed docs are stale.

use crate::finding::{catalogue, Code, Severity};
use std::fmt::Write as _;

/// One rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable rule id (`record.…` in `src/rules/record.rs`, `file.…` in `src/rules/file.rs`,
    /// `read.…` in `src/read/repair.rs`).
    pub id: &'static str,
    /// Spec references (e.g. "§5.2 NATPDECADM ∈ {10, 20}, or 18 → TYPINTERDOM").
    pub spec_rows: &'static [&'static str],
    /// The guide's page(s) and words the rule rests on (`docs/spec/Guide_Olinpe_MAJ2018.pdf`,
    /// 20 September 2018), or what it rests on when the guide says nothing.
    pub guide: &'static str,
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
        guide: "Dictionnaire des variables, p. 17 à 53 (modalités de chaque variable) ; annexe 1, p. 54 (codes des départements) ; p. 46 : « 3 = Ordonnance de placement provisoire du Parquet ».",
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
        guide: "p. 15 : une valeur manquante est codée 9, 99, 999 ou 9999 selon la largeur des modalités ; p. 43 (et chaque date du dictionnaire) : « Année - Mois - Jour. Jour ou mois inconnu, coder 99, année inconnue coder 9999 ».",
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
        guide: "p. 7 : « exception faite des variables qui doivent obligatoirement être renseignées pour l'extraction des données » ; p. 15 : le sexe « ne pourra pas contenir de valeur vide dans le fichier envoyé ».",
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
            "§0.2 imperative dates: unknown-part forms",
        ],
        guide: "p. 9 : les dates de décision (79), de début (84) et de fin (100) « sont impératives pour la mise en œuvre de l'extraction » ; p. 5 : une mesure décidée en N et commencée en N+1 est envoyée en N comme ligne « décision ».",
        codes: &[Code::ImperativeDateMissing, Code::ImperativeDatePartial],
        description: "DATDECPE et DATDEB sur toute ligne, DATFIN sur une ligne de fin : vide, \
            0000-00-00 ou 9999-99-99 est une erreur, une date partiellement connue \
            (AAAA-MM-99, AAAA-99-99, et les formes que le guide imprime aussi, 9999-MM-JJ et \
            AAAA-99-JJ) un avertissement. Exception : une DATDEB vide ou 9999-99-99 sur une ligne \
            de type 1 ou 2 dont DATDECPE est connue est laissée aux règles de fichier \
            (file.decision-not-started), qui savent l'année de référence ; une colonne DATDEB \
            absente reste une erreur.",
    },
    Rule {
        id: "record.datfin-typev",
        spec_rows: &["§5.4 DATFIN only on TYPEV=3", "§6.1 0058 DATFIN sur mauvais TYPEV"],
        guide: "p. 6 : « Il convient de ne pas renseigner la date de fin de prestation/mesure (variable 100 DATFIN) au moment de l'enregistrement d'une mesure/prestation (TYPEV=1) ou de son renouvellement (TYPEV=2) ».",
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
        guide: "p. 6–7 : les variables à renseigner pour une mesure, un renouvellement (« les variables concernant l'information initiale et l'évaluation ne sont pas à renseigner (variables 19 à 27 ; et 58 à 66) ») et une fin ; p. 51 : hypothèses 1 et 2 de la fin de mesure.",
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
            "§0.2 NATDECPLAC and INSTITPLAC allowed for 22 and 23",
        ],
        guide: "p. 8 : les décisions relatives à l'autorité parentale (22, 23) relèvent aussi du bloc du placement ; p. 8–9 : cas particuliers (AED et AEMO avec hébergement, autres décisions, placements à domicile) ; dictionnaire p. 45–51 (« UNIQUEMENT pour … NATPDECADM=… », « NATDECASSED=… »).",
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
            placement à domicile se code avec le lieu 12 ; NATDECPLAC et INSTITPLAC sont permises \
            (non exigées) pour NATDECASSED 22 et 23. Hors de ces cas, une variable de la \
            cascade remplie est « hors de sa condition » (« ne sait pas » : nsp-not-applicable). \
            Une variable exigée absente du fichier est signalée avec le même code et un message \
            qui renvoie à l'extraction. Une nature inconnue (99), vide alors \
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
            "§0.2 ORIGIP, TRANSIP and DATSIGN not tied to TRAITINFO",
            "§0.2 MODACC not in a specialised unit",
            "§0.2 second-adult variables",
        ],
        guide: "p. 17 : MODACC « UNIQUEMENT si le mineur a moins de 6 ans et s'il est non scolarisé » ; p. 30 : « Les variables 44, 46, 48, 50 et 52 ne sont pas à renseigner s'il n'y a pas d'adulte 2 » ; p. 21 : ORIGIP « quel que soit le mode ultérieur de traitement ». Dictionnaire p. 17–53 : « Cette variable est à renseigner UNIQUEMENT si … » (par exemple p. 17 pour MODACC, p. 44 pour DATPPE, p. 52–53 pour MOTIFML et DATDECMIN).",
        codes: &[Code::FilledOutsideCondition, Code::ApplicableEmpty],
        description: "Variables conditionnelles (§5.4, §6.2 corrigé par le §0.2) : remplies, \
            même avec « ne sait pas », alors que leur condition est fausse, elles sont « hors de \
            leur condition » ; vides alors qu'elle est vraie, « attendues mais vides ». Selon le \
            guide : TYPETABSPE dépend d'ETABSCOSPE (900, instruit à domicile, toujours permis), \
            NIVSCO de SCODTCOM = 2 ou ETABSCOSPE = 2 (erratum de 2018), MODACC de SCODTCOM = 1 \
            ou, avant 3 ans, d'un SCODTCOM vide ; ORIGIP et TRANSIP de TRAITINFO 1 ou 2 (DATIP y est \
            attendue, et permise sinon), DATSIGN de TRAITINFO = 3, DATJE de TRAITINFO = 4, DATDECAP de DECAP 1 à 5, DATDCMERE et \
            DATDCPERE du décès du parent. ORIGIP, TRANSIP et DATSIGN sont attendues selon \
            TRAITINFO mais jamais « hors de leur condition » à cause de lui. MODACC ne concerne \
            pas un enfant accueilli dans une unité d'enseignement (ETABSCOSPE = 2). SEXA2, \
            ANSA2, EMPLA2 et CSPA2 demandent LIENA2 renseignée et un ménage où vit un second \
            adulte (COMPOMENAG autre que 1, 3 ou 4). MOTIFSIG, ENQPENAL, SAISJUR (signalement \
            après évaluation du département), le bloc évaluation 58–61 et l'adulte 2 dépendent \
            de faits absents du fichier : permis, jamais exigés (l'audit ONPE signale MOTIFSIG \
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
            "§0.2 modalities reserved by age",
            "§0.2 NBCHGLIEU age at DATDECPE",
        ],
        guide: "p. 26–53 : « UNIQUEMENT pour les moins de 18 ans » / « 18 ans et plus » ; p. 53 : DIPLOME « si le mineur ou le jeune majeur a plus de 14 ans » ; p. 17 : MODACC « moins de 6 ans » ; p. 43 : DATDECPE, date de la décision, à laquelle se juge la nature de la mesure.",
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
            la nature ayant été choisie à la décision, ces modalités se jugent à l'âge à \
            DATDECPE (sinon DATDEB) sur toutes les lignes de la mesure, ligne de fin comprise : \
            une mesure de mineur qui s'achève après la majorité n'est pas signalée, un accueil \
            jeune majeur décidé à 17 ans l'est aussi sur sa ligne de fin. NBCHGLIEU se juge \
            aussi à l'âge à la décision. Un code « ne sait pas » dans une variable réservée à \
            l'autre classe d'âge est nsp-not-applicable.",
    },
    Rule {
        id: "record.age-over-20",
        spec_rows: &[
            "§5.3 age at decision above 20",
            "§6.1 0010 Dates de naissance à vérifier",
        ],
        guide: "p. 4 : la population observée est celle des « mineurs et jeunes majeurs » (moins de 21 ans).",
        codes: &[Code::AgeOver20],
        description: "Un âge à la décision (DATDECPE, sinon DATDEB) de 21 ans révolus ou plus \
            est signalé.",
    },
    Rule {
        id: "record.birth",
        spec_rows: &["§5.5 birth before every event date", "§0.2 events before birth"],
        guide: "Le guide ne fixe aucune limite entre la naissance et les événements ; une aide à domicile peut être accordée à la femme enceinte (CASF L.222-2) et une information préoccupante concerner un enfant à naître.",
        codes: &[Code::BirthAfterEvent, Code::EventBeforeBirth],
        description: "Une date d'événement du jeune (DATIP, DATSIGN, DATJE, NOTIFEVAL, \
            FINEVAL, DATDECAP, DATPPE, DATDECPE, DATDEB, DATFIN, d'année et de mois connus ; les \
            dates de décès ne sont pas des événements du jeune) antérieure au mois de naissance \
            (ANAIS/MNAIS) : dans les neuf mois qui le précèdent, un avertissement \
            (event-before-birth : aide à domicile à une femme enceinte, information \
            préoccupante sur un enfant à naître ; les règles d'âge s'appliquent) ; plus tôt, une \
            erreur (birth-after-event ; la naissance est probablement fausse et les règles d'âge \
            ne s'appliquent pas). Un seul constat, sur ANAIS, qui nomme la date la plus ancienne. \
            Avec un mois de naissance inconnu, la naissance peut être en janvier. Une date \
            antérieure à 1920 a son propre avertissement.",
    },
    Rule {
        id: "record.parents",
        spec_rows: &[
            "§5.5 parents' birth years",
            "§6.1 0010 Dates de naissance à vérifier",
        ],
        guide: "Règle de l'audit ONPE (section 0010), sans texte du guide ; p. 30 : l'adulte 1 et l'adulte 2 sont les parents ou les adultes de la résidence du mineur.",
        codes: &[Code::ParentBirthYear],
        description: "ANSA1, ANSA2, ANSMERE et ANSPERE doivent précéder d'au moins 10 ans \
            l'année de naissance du jeune.",
    },
    Rule {
        id: "record.date-order",
        spec_rows: &["§5.5 date ordering"],
        guide: "p. 7 : les dates servent à mesurer « les délais entre le jour de la décision … et le jour de la mise en place concrète » et « les temps de prise en charge ».",
        codes: &[Code::DateOrder],
        description: "DATIP ≤ NOTIFEVAL ≤ FINEVAL ≤ DATDECPE (dates renseignées consécutives), \
            DATDECPE ≤ DATDEB, DATDEB ≤ DATFIN. Une date partielle est comparée comme \
            l'intervalle des jours qu'elle peut désigner : l'ordre n'est signalé que s'il est \
            certainement faux. Le constat porte sur la seconde date du couple.",
    },
    Rule {
        id: "record.doubtful-codes",
        spec_rows: &["§4.4 LIEUPLAC 20", "§4.4 NATPDECADM 19"],
        guide: "p. 45 : NATPDECADM 19 « (ne jamais renseigner) » ; p. 49 : le code 20 de LIEUPLAC n'est pas dans la liste du guide.",
        codes: &[Code::Lieuplac20, Code::Natpdecadm19],
        description: "LIEUPLAC = 20 (dans le schéma, pas dans le guide) et NATPDECADM = 19 \
            (« ne jamais renseigner » selon le guide) sont acceptés avec un avertissement.",
    },
    Rule {
        id: "record.applicable-empty",
        spec_rows: &["§2.5 empty vs missing value"],
        guide: "p. 15 : « Valeur manquante : la variable n'est pas renseignée alors qu'une valeur est attendue » ; une valeur inconnue se code « ne sait pas ».",
        codes: &[Code::ApplicableEmpty],
        description: "Toute autre variable qui s'applique à la ligne (type d'événement, âge, \
            condition) et qui est vide est signalée, pour qu'elle soit codée « ne sait pas » si \
            l'information est inconnue — seulement si la variable est présente dans la ligne : \
            une colonne absente du fichier est signalée une fois par les règles de fichier.",
    },
    Rule {
        id: "record.nsp-not-applicable",
        spec_rows: &[
            "§2.5 empty vs missing value",
            "§0.2 ne sait pas where the variable does not apply",
        ],
        guide: "p. 15 : « Valeur vide : la variable n'a pas vocation à être renseignée dans certaines situations … L'agent de saisie laisse cette variable vide » ; « ne sait pas » est réservé à la valeur attendue mais inconnue.",
        codes: &[Code::NspNotApplicable],
        description: "Le code « ne sait pas » d'une variable écrit là où elle ne s'applique pas \
            (type d'événement, âge ou condition) a son propre avertissement, avec le conseil du \
            guide (laisser vide) : il vient presque toujours d'une valeur par défaut de \
            l'extraction et se corrige d'un coup, variable par variable. Une vraie valeur mal \
            placée garde filled-wrong-event, reserved-minors, reserved-adults ou \
            filled-outside-condition. Comptée dans la section 0013, comme l'audit ONPE compte \
            les « ne sait pas » non attendus.",
    },
    Rule {
        id: "record.majority",
        spec_rows: &["§0.2 MOTIFML 15 grouped warning"],
        guide: "p. 52 : MOTIFML « 15 = Majorité » ; p. 51 et 53 : la fin d'un placement d'un mineur renseigne NBCHGLIEU.",
        codes: &[Code::ReservedMinorsAtMajority],
        description: "Sur la ligne de fin d'une mesure qui s'achève à la majorité (MOTIFML = \
            15), les variables réservées aux mineurs encore renseignées donnent un seul \
            avertissement pour la ligne, qui les nomme, au lieu d'un par variable. NBCHGLIEU se \
            juge à l'âge à la décision et reste attendue.",
    },
    Rule {
        id: "record.nbfrat",
        spec_rows: &["§0.2 NBFRAT 0"],
        guide: "p. 27 : « Si le mineur n'a pas de frère et sœur, coder 1. »",
        codes: &[Code::NbfratZero],
        description: "NBFRAT compte le mineur lui-même : la valeur 0 est signalée.",
    },
    Rule {
        id: "record.accommodation",
        spec_rows: &["§0.2 AEMO and AED with accommodation"],
        guide: "p. 9 : l'AEMO avec hébergement se code NATDECASSED 16 « en renseignant la variable 95 TYPDECJUD avec la modalité 7 … ou la modalité 8 » ; l'AED avec hébergement NATPDECADM 10 « en renseignant la variable 91 TYPINTERDOM avec la modalité 4 … ou la modalité 5 ».",
        codes: &[Code::NatureTypeMismatch],
        description: "NATDECASSED 16 avec un TYPDECJUD connu autre que 7 ou 8, ou TYPDECJUD 7 \
            ou 8 avec une nature connue autre que 16 ; TYPINTERDOM 4 ou 5 avec un NATPDECADM \
            connu autre que 10. Le constat porte sur le type d'intervention.",
    },
    Rule {
        id: "record.other-natures",
        spec_rows: &["§0.2 natures 18 and 21: one of the two blocks"],
        guide: "p. 9 : pour une autre décision administrative (18) ou judiciaire (21), « il convient ensuite de renseigner, soit le bloc … s'il s'agit d'une intervention à domicile [en milieu ouvert], soit le bloc … s'il s'agit d'une prise en charge avec hébergement ».",
        codes: &[Code::OtherNatureBlocksEmpty],
        description: "NATPDECADM 18 sans TYPINTERDOM ni le bloc de l'accueil (LIEUACC, ACCMOD, \
            AUTRLIEUACC) ; NATDECASSED 21 sans TYPDECJUD ni le bloc du placement (NATDECPLAC, \
            INSTITPLAC, LIEUPLAC, PLACMOD, AUTRLIEUAR). Une valeur quelconque, « ne sait pas » \
            compris, suffit.",
    },
    Rule {
        id: "record.menagejm",
        spec_rows: &["§0.2 MENAGEJM on an accueil provisoire jeune majeur"],
        guide: "p. 27 : MENAGEJM, « en cas d'accueil provisoire jeune majeur, la modalité à renseigner est « 8 = Autre situation » ».",
        codes: &[Code::MenagejmExpected8],
        description: "Sur un accueil provisoire jeune majeur (NATPDECADM 21), MENAGEJM \
            renseignée autrement que 8 ou 9 (ne sait pas) est signalée.",
    },
    Rule {
        id: "record.pupille",
        spec_rows: &["§0.2 pupille de l'État: TITAP 80"],
        guide: "p. 28 : TITAP « 80 = Préfet : quand le mineur est admis en qualité de pupille de l'Etat (article L.224-1 et L.224-4 du CASF) ».",
        codes: &[Code::PupilleTitap80],
        description: "Un pupille de l'État (NATPDECADM 15) dont TITAP est renseignée autrement \
            que 80, « ne sait pas » compris, est signalé.",
    },
    // ----- file rules (src/rules/file.rs) -----
    Rule {
        id: "file.variables-absent",
        spec_rows: &["§6.1 0002 Variables absentes"],
        guide: "Règle de l'audit ONPE (section 0002) ; p. 14–15 : le fichier suit un format unique d'extraction de toutes les variables du décret.",
        codes: &[Code::VariableAbsent],
        description: "Une variable du décret absente du fichier (ni colonne, ni élément XML) \
            est signalée une fois.",
    },
    Rule {
        id: "file.always-empty",
        spec_rows: &["§6.1 0003 Variables toujours vides"],
        guide: "Règle de l'audit ONPE (section 0003).",
        codes: &[Code::VariableAlwaysEmpty],
        description: "Une variable présente mais jamais remplie est signalée une fois.",
    },
    Rule {
        id: "file.always-nsp",
        spec_rows: &[
            "§6.1 0004 Variables toujours codées NSP",
            "§6.2 pertinent values",
        ],
        guide: "Règle de l'audit ONPE (section 0004) ; p. 15 : valeurs manquantes codées « ne sait pas ».",
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
        guide: "p. 11 : « pour un même mineur ou jeune majeur, seules les dernières valeurs connues pour les variables ANAIS, MNAIS et SEXE sont à prendre en compte … tous les événements propres à cet enfant auront le même numéro d'anonymat ».",
        codes: &[Code::IdentityInconsistent],
        description: "Un même NUMANONYM doit garder ANAIS, MNAIS et SEXE ; chaque ligne qui \
            diffère de la première est signalée.",
    },
    Rule {
        id: "file.numanonymant",
        spec_rows: &["§5.4 first sending: NUMANONYMANT = NUMANONYM"],
        guide: "p. 12–13 : NUMANONYMANT est le numéro de l'envoi précédent ; « Lors du premier envoi, il est convenu que ce champ ne soit pas vide ».",
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
        guide: "p. 5 : trois types d'événement (mesure décidée ou débutée, renouvelée, terminée), une ligne par événement.",
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
        guide: "Règle de l'audit ONPE (sections 0018, 0022, 0026) ; p. 5 : une ligne par événement.",
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
        guide: "p. 4 : le fichier de l'année N reprend les mesures dont la date de décision (79), de début (84) ou de fin (100) est comprise entre le 1er janvier et le 31 décembre de N.",
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
        guide: "p. 7 : « Chaque prestation/mesure en protection de l'enfance doit être terminée par un événement de fin » ; la fin reprend la DATDEB de la ligne qu'elle clôt.",
        codes: &[Code::EndWithoutStart],
        description: "Une fin dont DATDEB tombe dans l'année de référence doit avoir son \
            ouverture (même NUMANONYM, même DATDEB) dans le fichier.",
    },
    Rule {
        id: "file.duration",
        spec_rows: &[
            "§5.5 duration over 730 days",
            "§6.1 0095 Durée excessive",
            "§0.2 duration-over-730 not for natures never renewed",
        ],
        guide: "Règle de l'audit ONPE (section 0095) ; p. 6 : « une AEMO renouvelée pour un an, un placement à l'ASE renouvelé pour un an » (les pupilles, délégations et tutelles ne se renouvellent pas).",
        codes: &[Code::DurationOver730],
        description: "DATFIN − DATDEB supérieur à 730 jours est signalé, sauf pour les \
            natures qui ne se renouvellent pas : pupille de l'État (NATPDECADM 15), délégation \
            d'autorité parentale et tutelle (NATDECASSED 22, 23). L'audit ONPE les compte \
            (onpe_count de la section 0095).",
    },
    Rule {
        id: "file.identical-to-opening",
        spec_rows: &["§5.1 TYPEV=3: identical to the opening line"],
        guide: "p. 7 : les variables de la décision (79 DATDECPE, 83 à 89, 91, 95) « sont identiques entre la ligne de prestation/mesure (TYPEV=1) et la ligne de fin associée (TYPEV=3) ; ou entre la ligne de renouvellement (TYPEV=2) et la ligne de fin associée ».",
        codes: &[Code::DiffersFromOpening],
        description: "Une fin doit reprendre à l'identique les variables de la décision de la \
            ligne (début ou renouvellement) qui ouvre la période qu'elle clôt (même NUMANONYM et \
            DATDEB) : DATDECPE, DECISION, NATPDECADM, AUTREDA, NATDECASSED, AUTREDJ, NATDECPLAC, \
            TYPINTERDOM, TYPDECJUD ; la ligne de type 1 est préférée quand la période en a une. Un \
            renouvellement a ses propres dates : il est comparé à la période qu'il renouvelle \
            par file.renewals.",
    },
    Rule {
        id: "file.decision-not-started",
        spec_rows: &["§0.2 imperative dates: decision-not-started"],
        guide: "p. 5 : une mesure décidée en N et commencée en N+1 donne en N une ligne « décision » « rassemblant l'ensemble des informations disponibles lors de la décision », puis en N+1 la ligne « début » ; p. 9 : les dates restent impératives.",
        codes: &[Code::DecisionNotStarted, Code::ImperativeDateMissing],
        description: "Une ligne de type 1 ou 2 dont DATDEB est vide (colonne présente) ou \
            9999-99-99 et dont DATDECPE tombe dans l'année de référence est la ligne « décision » \
            d'une mesure pas encore commencée : une information, que l'audit ONPE comptera dans \
            la section 0032 (onpe_count). Si DATDECPE est d'une autre année, ou sans année de \
            référence, DATDEB manquante reste une erreur (imperative-date-missing).",
    },
    Rule {
        id: "file.renewals",
        spec_rows: &[
            "§0.2 segments and renewals",
            "§0.2 renewal linking",
            "§5.1 TYPEV=2: identical to the opening line",
        ],
        guide: "p. 6–7 : « Les variables concernant la décision et sa nature (83 DECISION 85 NATPDECADM 86 AUTREDA 87 NATDECASSED 88 AUTREDJ 89 NATDECPLAC 91 TYPINTERDOM 95 TYPDECJUD) sont identiques entre la ligne de prestation/mesure (TYPEV=1) et la ligne de renouvellement associée », les dates de décision et de début (79, 84) sont actualisées ; p. 7 : « Chaque prestation/mesure … doit être terminée par un événement de fin » ; p. 10 : l'exemple de Martin (début, fin, puis renouvellement).",
        codes: &[
            Code::RenewalDiffers,
            Code::RenewalSameDates,
            Code::RenewalWithoutEnd,
        ],
        description: "Chaque ligne de type 1 ou 2 ouvre une période (même jeune, même DATDEB) \
            que ferme une ligne de type 3 de même DATDEB. Un renouvellement (type 2) renouvelle \
            la période du même jeune ouverte au plus tard à sa DATDEB, de même DECISION et de \
            même nature (NATPDECADM ou NATDECASSED), la plus récente ; à défaut, la plus récente \
            de même DECISION (règle de rattachement unique, `rules::file::segments::renewed_segment`, \
            reprise par la continuité entre deux années). Puis : une variable de la décision \
            qui diffère (NATPDECADM, AUTREDA, NATDECASSED, AUTREDJ, NATDECPLAC, TYPINTERDOM, \
            TYPDECJUD) donne renewal-differs, une par variable ; la même DATDEB que la période \
            renouvelée, renewal-same-dates ; une période renouvelée sans ligne de fin dans le \
            fichier alors que le renouvellement commence dans l'année de référence, \
            renewal-without-end (un renouvellement qui commence l'année suivante est clos dans \
            le fichier suivant). Sans période à renouveler dans le fichier (elle a été \
            transmise une année précédente), rien n'est comparé. Ces codes ne comptent dans \
            aucune section de l'audit.",
    },
    Rule {
        id: "file.nbchglieu-at-exit",
        spec_rows: &["§0.2 NBCHGLIEU expected at the exit from protection"],
        guide: "p. 51 : « Hypothèse 1 : En cas de fin de prestation/mesure (typev=3) non suivie d'une prestation/mesure (typev=1 ou 2), … les variables 100 à 104 doivent être renseignées » ; p. 53 : NBCHGLIEU pour les moins de 18 ans à la fin d'un placement ou d'un accueil.",
        codes: &[Code::ApplicableEmpty],
        description: "Sur la ligne de fin du placement ou de l'accueil d'un mineur (âge à la \
            décision), NBCHGLIEU vide (colonne présente) est « attendue mais vide » quand le \
            fichier ne contient aucun événement plus tardif du même jeune (aucune autre ligne \
            dont la DATDEB suit celle de la période terminée) : c'est la sortie de la \
            protection de l'enfance (hypothèse 1 du guide).",
    },
    // ----- reading (src/read/repair.rs) -----
    Rule {
        id: "read.year-month-dates",
        spec_rows: &[
            "§0.2 DATDECMIN written as a full date",
            "§6.4 AAAA-MM-JJ where AAAA-MM is expected",
        ],
        guide: "p. 36 : DATDCMERE et DATDCPERE « |__|__|__|__| - |__|__| » (année et mois) ; p. 53 : DATDECMIN imprimée « Année - Mois - Jour » dans la version du 20 septembre 2018, « Année - Mois » depuis l'erratum du 4 décembre 2018 (p. 54).",
        codes: &[Code::DateFormatRepairable, Code::DatdecminFullDate],
        description: "Une date année-mois écrite avec le jour (DATDCMERE, DATDCPERE \
            « 2015-03-12 ») est une erreur de format que --repair réécrit « 2015-03 », comme \
            les autres dégâts de tableur ; DATDECMIN écrite ainsi (la forme du guide de 2018) \
            est un avertissement, réparé de même.",
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
         Chaque règle cite la page du guide (`docs/spec/Guide_Olinpe_MAJ2018.pdf`, version du 20 \
         septembre 2018) sur laquelle elle repose, les lignes de la spécification \
         (`docs/spec/OLINPE.md`) qu'elle met en œuvre et les codes de constat qu'elle peut \
         produire ; la gravité de chaque code suit le §0.2 \
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
        let _ = writeln!(s, "Guide : {}\n", r.guide);
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
        if let Some(t) = e.absent_template {
            let _ = writeln!(
                s,
                "\nMessage si la variable est absente du fichier : « {t} »"
            );
        }
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
            assert!(r.guide.len() > 20, "{}: the guide's page is missing", r.id);
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
