//! The verdict's model (docs/spec/OLINPE.md §0.4): may this file be sent? Three levels, and
//! the reasons behind the level, each with a stable code from one table ([`REASONS`]), a
//! French sentence, what to do, and the numbers a surface needs to word its own action (a
//! checkbox label in the page, a flag on the command line).
//!
//! The decision itself is `crate::session::verdict::decide`, from everything a run knows;
//! here are only the types the report, the receipt and the page read. `docs/findings.md`
//! lists the reasons beside the finding codes (generated from [`REASONS`]).

use serde::Serialize;

/// The level of a verdict, from the best to the worst (ordered so).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// « Peut être transmis » (green).
    Transmissible,
    /// « À vérifier avant de transmettre » (orange).
    AVerifier,
    /// « Ne pas transmettre en l'état » (red).
    Bloquant,
}

impl Level {
    /// The level's stable name (`transmissible`, `a_verifier`, `bloquant`).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Transmissible => "transmissible",
            Level::AVerifier => "a_verifier",
            Level::Bloquant => "bloquant",
        }
    }

    /// How the level reads for a person (French).
    pub fn french(self) -> &'static str {
        match self {
            Level::Transmissible => "Peut être transmis",
            Level::AVerifier => "À vérifier avant de transmettre",
            Level::Bloquant => "Ne pas transmettre en l'état",
        }
    }
}

macro_rules! reasons {
    ($( $variant:ident { code: $code:literal, level: $level:ident, title: $title:literal,
        explanation: $explanation:literal $(,)? } ),* $(,)?) => {
        /// A reason's stable code: one variant per row of [`REASONS`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ReasonCode {
            $( #[doc = concat!("`", $code, "`: ", $title, ".")] $variant, )*
        }

        /// Every reason code, with its level and French words, in the order the verdict
        /// lists them (the most severe first).
        pub static REASONS: &[ReasonEntry] = &[
            $( ReasonEntry {
                code: ReasonCode::$variant,
                level: Level::$level,
                title: $title,
                explanation: $explanation,
            }, )*
        ];

        impl ReasonCode {
            /// The stable kebab-case code.
            pub const fn as_str(self) -> &'static str {
                match self { $( ReasonCode::$variant => $code, )* }
            }
        }
    };
}

reasons! {
    ErrorFindings {
        code: "error-findings",
        level: Bloquant,
        title: "Erreurs bloquantes",
        explanation: "Le fichier contient des constats de gravité « erreur » : des valeurs que l'ONPE refuserait ou qui fausseraient ses statistiques. Ils se corrigent dans le logiciel métier, avant un nouvel export.",
    },
    RowsRejected {
        code: "rows-rejected",
        level: Bloquant,
        title: "Lignes écartées",
        explanation: "Des lignes n'ont pas reçu d'identifiant (identité incomplète et pas de numéro de dossier) : elles manqueraient dans le fichier transmis. Complétez l'identité dans le logiciel métier.",
    },
    XsdInvalid {
        code: "xsd-invalid",
        level: Bloquant,
        title: "Fichier XML refusé par le schéma",
        explanation: "Le fichier XML de transmission contient des valeurs que le schéma decret2016.xsd de l'ONPE refuse, pour d'autres raisons que les formes prévues par le guide : l'ONPE ne pourrait pas le lire tel quel.",
    },
    ReferenceYearMissing {
        code: "reference-year-missing",
        level: Bloquant,
        title: "Année de référence introuvable",
        explanation: "Sans année de référence, ni le périmètre des lignes ni la série annuelle ne peuvent être établis. Renseignez les dates de décision, ou indiquez l'année de référence.",
    },
    PreviousOtherSetting {
        code: "previous-other-setting",
        level: AVerifier,
        title: "Autre réglage recommandé par le fichier de l'an dernier",
        explanation: "Un autre réglage (jour de naissance, casse de l'hexadécimal) reproduit mieux les identifiants transmis l'an dernier que celui qui a été utilisé : avec ce fichier, les parcours des jeunes seraient coupés d'une année sur l'autre. Relancez avec le réglage recommandé.",
    },
    PreviousLowMatch {
        code: "previous-low-match",
        level: AVerifier,
        title: "Peu de jeunes retrouvés dans le fichier de l'an dernier",
        explanation: "Moins de 20 % des jeunes de cette année ont l'identifiant qu'ils avaient l'an dernier. Une mauvaise clé ou un logiciel précédent qui normalisait les noms autrement donnent environ 0 % : vérifiez la clé et les réglages avant de transmettre.",
    },
    NumdoSubstitution {
        code: "numdo-substitution",
        level: AVerifier,
        title: "Numéro de dossier souvent utilisé à la place de l'identité",
        explanation: "Sur plus de 5 % des lignes, le numéro de dossier (NUMDO) a remplacé le prénom, le nom de naissance de la mère ou la date de naissance dans le calcul de l'identifiant. Ces jeunes changeront d'identifiant quand l'identité sera saisie : vérifiez la correspondance des colonnes et l'identité dans le logiciel métier.",
    },
    MostlyOutOfPerimeter {
        code: "mostly-out-of-perimeter",
        level: AVerifier,
        title: "Plus de la moitié des lignes hors de l'année de référence",
        explanation: "Plus de la moitié des enregistrements n'ont aucune date dans l'année de référence : l'extraction couvre probablement une autre période, ou l'année de référence n'est pas la bonne.",
    },
    AuditRedWithoutError {
        code: "audit-red-without-error",
        level: AVerifier,
        title: "Sections rouges de l'audit sans erreur bloquante",
        explanation: "Des sections de l'audit de l'ONPE sont rouges par notre décompte sans qu'aucun constat de gravité « erreur » ne les explique (par exemple des variables absentes ou toujours vides) : l'ONPE les signalera, à vérifier avant l'envoi.",
    },
    NominativeFile {
        code: "nominative-file",
        level: AVerifier,
        title: "Fichier nominatif : à pseudonymiser avant l'envoi",
        explanation: "Le fichier contient l'identité des jeunes (prénom, nom de la mère…) et pas encore d'identifiant NUMANONYM : il se vérifie tel quel, mais il ne doit être transmis qu'après la pseudonymisation (« Préparer la transmission »).",
    },
    IdentifiersMalformed {
        code: "identifiers-malformed",
        level: Bloquant,
        title: "Identifiants reçus mal formés",
        explanation: "En re-hachage, des identifiants reçus ne comptent pas 40 caractères hexadécimaux : ils ont été re-hachés tels quels mais ne pourront être reliés à aucun autre envoi. Demandez au département d'en vérifier le calcul.",
    },
    XsdGuideForms {
        code: "xsd-guide-forms",
        level: Transmissible,
        title: "Formes prévues par le guide, refusées par le schéma",
        explanation: "Le schéma XSD refuse des formes que le guide de l'ONPE prescrit (dates partiellement inconnues 9999-99-99, AAAA-MM-99, AAAA-99-99, 9999-MM-JJ, AAAA-99-JJ ; NUMDEP 977, 978, 986, 987). L'ONPE les lit à la réception : ce n'est pas une faute, rien n'est à corriger.",
    },
    OnpeWillFlag {
        code: "onpe-will-flag",
        level: Transmissible,
        title: "Section que l'audit de l'ONPE signalera à tort",
        explanation: "L'audit de l'ONPE comptera des anomalies dans cette section alors que la règle du guide n'en trouve aucune (par exemple 0056, que l'ONPE applique à tous les renouvellements) : le fichier est juste selon le guide, la remarque de l'ONPE pourra être expliquée.",
    },
}

/// One row of the reason table.
#[derive(Debug, Clone, Copy)]
pub struct ReasonEntry {
    /// The code.
    pub code: ReasonCode,
    /// The level this reason gives the verdict (a note for `Transmissible`).
    pub level: Level,
    /// Short French title.
    pub title: &'static str,
    /// What it means and why, for staff (French).
    pub explanation: &'static str,
}

impl ReasonCode {
    /// This code's row of [`REASONS`].
    pub fn entry(self) -> &'static ReasonEntry {
        // Every code has its row: the table and the enum come from one macro.
        REASONS
            .iter()
            .find(|e| e.code == self)
            .unwrap_or(&REASONS[0])
    }
}

impl Serialize for ReasonCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Identifier settings (`--with-day`, `--uppercase`): the remedy of a reason whose fix is a
/// setting (the page offers « Relancer avec les réglages recommandés »).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// Include the day of birth.
    pub with_day: bool,
    /// Upper-case hexadecimal.
    pub uppercase: bool,
}

/// One reason of a verdict. `message` is the same on every surface; `action` is worded for
/// the command line (flags); the page words its own from the code and the numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// Stable code.
    pub code: ReasonCode,
    /// The level this reason gives.
    pub level: Level,
    /// What was found (French).
    pub message: String,
    /// What to do (French, command-line wording), or `null` for a note.
    pub action: Option<String>,
    /// The records (or rows, sections…) concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// Out of how many.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    /// The ONPE audit sections concerned.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<&'static str>,
    /// The recommended identifier settings, when the remedy is a setting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settings: Option<Settings>,
}

impl Reason {
    /// A reason of `code` at its table level, with its message and action.
    pub fn new(code: ReasonCode, message: String, action: Option<String>) -> Self {
        Reason {
            code,
            level: code.entry().level,
            message,
            action,
            count: None,
            total: None,
            sections: Vec::new(),
            settings: None,
        }
    }

    /// With the number of things concerned, out of `total` when given.
    pub fn counting(mut self, count: u64, total: Option<u64>) -> Self {
        self.count = Some(count);
        self.total = total;
        self
    }
}

/// The verdict: the worst level among its reasons (`transmissible` with none), and the
/// reasons, most severe first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// The level.
    pub level: Level,
    /// Why, most severe first (notes last).
    pub reasons: Vec<Reason>,
}

impl Verdict {
    /// The verdict of `reasons`: their worst level, the reasons sorted by level (stable).
    pub fn of(mut reasons: Vec<Reason>) -> Self {
        reasons.sort_by_key(|r| std::cmp::Reverse(r.level));
        let level = reasons
            .iter()
            .map(|r| r.level)
            .max()
            .unwrap_or(Level::Transmissible);
        Verdict { level, reasons }
    }

    /// True for `bloquant` (exit status 1).
    pub fn blocks(&self) -> bool {
        self.level == Level::Bloquant
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_and_ordered_by_level() {
        let mut seen = std::collections::HashSet::new();
        for e in REASONS {
            let c = e.code.as_str();
            assert!(seen.insert(c), "duplicate {c}");
            assert!(c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'));
            assert_eq!(e.code.entry().code, e.code);
            assert!(e.explanation.len() > 60, "{c}");
        }
    }

    #[test]
    fn level_is_the_worst_and_reasons_come_worst_first() {
        let note = Reason::new(ReasonCode::OnpeWillFlag, "n".into(), None);
        let check = Reason::new(ReasonCode::NominativeFile, "c".into(), None);
        let v = Verdict::of(vec![note.clone(), check.clone()]);
        assert_eq!(v.level, Level::AVerifier);
        assert_eq!(v.reasons[0].code, ReasonCode::NominativeFile);
        assert_eq!(Verdict::of(vec![note]).level, Level::Transmissible);
        assert_eq!(Verdict::of(Vec::new()).level, Level::Transmissible);
        let json = serde_json::to_string(&Verdict::of(vec![check])).unwrap_or_default();
        assert!(json.starts_with("{\"level\":\"a_verifier\",\"reasons\":[{\"code\":\"nominative-file\",\"level\":\"a_verifier\""), "{json}");
    }
}
