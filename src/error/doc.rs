//! The error kinds described for people: their group, when each happens, one example of
//! each, and `docs/errors.md` generated from them ([`errors_markdown`]).

use super::{ErrorKind, IoAction, Syntax};

/// Which part of the tool raises a kind (a heading of `docs/errors.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// The input cannot be read.
    Reading,
    /// `pseudonymise` refuses the input before any output.
    Refusal,
    /// Bad options.
    Options,
    /// Calls out of sequence, bugs.
    Sequence,
    /// The page's training panel.
    Training,
    /// The command line.
    CommandLine,
}

impl Group {
    /// French heading.
    pub fn title(self) -> &'static str {
        match self {
            Group::Reading => "Fichier illisible",
            Group::Refusal => "Refus avant toute sortie (préparation de la transmission)",
            Group::Options => "Options",
            Group::Sequence => "Déroulement d'une exécution",
            Group::Training => "Formation (page)",
            Group::CommandLine => "Ligne de commande",
        }
    }
}

impl ErrorKind {
    /// Which part of the tool raises it.
    pub fn group(&self) -> Group {
        use ErrorKind as K;
        match self {
            K::EmptyFile
            | K::Workbook { .. }
            | K::Utf16
            | K::Binary { .. }
            | K::Pdf
            | K::XmlRoot { .. }
            | K::XmlNoRoot
            | K::MapFile { .. }
            | K::LimitFileSize { .. }
            | K::LimitFieldLength { .. }
            | K::LimitRecordLength { .. }
            | K::LimitColumns { .. }
            | K::LimitXmlDepth { .. } => Group::Reading,
            K::AlreadyPseudonymised | K::IdentityColumnsAbsent { .. } => Group::Refusal,
            K::KeyMissing { .. }
            | K::Key { .. }
            | K::DateExportMissing
            | K::DateExportInvalid { .. }
            | K::BadOptions { .. } => Group::Options,
            K::SegmentAbandoned
            | K::SegmentIncomplete { .. }
            | K::SessionFinished
            | K::SessionNotFinished
            | K::ReceiptWrongMode { .. }
            | K::Internal { .. } => Group::Sequence,
            K::UnknownSample | K::UnknownExercise | K::DemoInvalid { .. } => Group::Training,
            K::Usage { .. }
            | K::KeyOnCommandLine
            | K::InputNotFound { .. }
            | K::InputIsDirectory { .. }
            | K::Io { .. }
            | K::MapFileUnreadable { .. }
            | K::MapFileNotUtf8 { .. }
            | K::KeyFileUnreadable { .. }
            | K::KeyEnvNotUtf8
            | K::WouldOverwriteInput { .. }
            | K::OutputExists { .. }
            | K::OutDirMissing { .. }
            | K::PageMissing { .. }
            | K::CspMissing { .. }
            | K::Listen { .. } => Group::CommandLine,
        }
    }

    /// When it happens, for people (French, one sentence).
    pub fn explanation(&self) -> &'static str {
        use ErrorKind as K;
        match self {
            K::EmptyFile => "Le fichier ne contient aucun octet, ou seulement des lignes blanches.",
            K::Workbook { .. } => "Le fichier est un classeur (ZIP ou OLE2) que olinpe ne peut pas lire : un autre document (not-spreadsheet), un classeur XLS ou XLSB (unsupported-workbook), protégé par un mot de passe (encrypted-workbook), endommagé (damaged-workbook), sans feuille (no-sheet) ou sans la feuille demandée (sheet-not-found), ou au-delà d'une limite (limit-workbook-size, limit-uncompressed-size, limit-compression-ratio, limit-part-size, limit-xml-token, limit-rows, limit-cells ; limit-columns et limit-field-length comme pour le CSV) ; voir docs/spreadsheets.md.",
            K::Utf16 => "Le fichier est en UTF-16 (marque d'ordre des octets ou octets nuls alternés).",
            K::Binary { .. } => "Le début du fichier contient des octets nuls : ce n'est pas du texte.",
            K::Pdf => "Le fichier commence par la signature d'un document PDF.",
            K::XmlRoot { .. } => "Le fichier est du XML dont l'élément racine n'est pas DECRET.",
            K::XmlNoRoot => "Le fichier commence comme du XML mais n'a aucun élément racine.",
            K::MapFile { .. } => "Une ligne du fichier de correspondance des colonnes est mal formée (code inconnu, « = » absent, variable ou en-tête donné deux fois). `CODE=` seul est permis : il dit que le fichier n'a pas cette colonne.",
            K::LimitFileSize { .. } => "Le fichier dépasse la taille maximale fixée pour ce mode (docs/limits.md).",
            K::LimitFieldLength { .. } => "Un champ CSV ou le texte d'un élément XML dépasse la longueur maximale fixée, souvent à cause d'un guillemet ou d'une balise non refermés.",
            K::LimitRecordLength { .. } => "Un enregistrement dépasse la longueur maximale fixée.",
            K::LimitColumns { .. } => "Une ligne compte plus de colonnes que la limite fixée, souvent à cause d'un mauvais séparateur.",
            K::LimitXmlDepth { .. } => "Les éléments XML sont imbriqués plus profondément que la limite fixée.",
            K::KeyMissing { .. } => "La pseudonymisation et le re-hachage demandent une clé : aucun fichier de clé ni variable OLINPE_KEY n'a été donné.",
            K::Key { .. } => "La clé donnée est refusée : vide (key-empty) ou pas en UTF-8 (key-not-utf8). Le message ne cite jamais la clé.",
            K::DateExportMissing => "La pseudonymisation a besoin de la date d'export (la ligne de commande met la date du jour).",
            K::DateExportInvalid { .. } => "La date d'export n'a pas la forme AAAA-MM-JJ ou n'est pas une date.",
            K::BadOptions { .. } => "La page a transmis au moteur des options qu'il ne sait pas lire.",
            K::SegmentAbandoned => "Le second processus de la page ne peut pas lire cette partie du fichier exactement comme le premier : le premier la lit lui-même (jamais montré à l'utilisateur).",
            K::SegmentIncomplete { .. } => "Une partie lue par le second processus de la page n'a pas rendu tous ses enregistrements.",
            K::SessionFinished => "Un appel arrive après la fin de la lecture.",
            K::SessionNotFinished => "Un appel demande la fin de la lecture, qui n'a pas eu lieu.",
            K::ReceiptWrongMode { .. } => "Un reçu est demandé à un mode qui n'en produit pas.",
            K::Internal { .. } => "Une incohérence interne de l'outil : signalez-la.",
            K::UnknownSample => "La page demande un échantillon de formation inconnu.",
            K::UnknownExercise => "La page demande un exercice inconnu ou impossible à préparer.",
            K::DemoInvalid { .. } => "La démonstration de la pseudonymisation refuse les valeurs saisies.",
            K::Usage { .. } => "Arguments de la ligne de commande incorrects (commande ou option inconnue, valeur manquante ou invalide, option obligatoire absente).",
            K::KeyOnCommandLine => "La clé ne se donne jamais en argument (elle resterait dans l'historique du terminal).",
            K::InputNotFound { .. } => "Le fichier d'entrée n'existe pas ou n'est pas accessible.",
            K::InputIsDirectory { .. } => "Le chemin d'entrée désigne un dossier.",
            K::Io { .. } => "Le système refuse une lecture ou une écriture de fichier (droits, disque plein…).",
            K::MapFileUnreadable { .. } => "Le fichier de correspondance des colonnes ne peut pas être lu.",
            K::MapFileNotUtf8 { .. } => "Le fichier de correspondance des colonnes n'est pas en UTF-8.",
            K::KeyFileUnreadable { .. } => "Le fichier de clé ne peut pas être lu.",
            K::KeyEnvNotUtf8 => "La variable d'environnement OLINPE_KEY n'est pas en UTF-8.",
            K::WouldOverwriteInput { .. } => "Un fichier produit porterait le nom du fichier d'entrée.",
            K::OutputExists { .. } => "Un fichier produit existe déjà et --force n'est pas donné.",
            K::OutDirMissing { .. } => "Le dossier de sortie n'existe pas.",
            K::PageMissing { .. } => "olinpe serve ne trouve pas la page construite.",
            K::CspMissing { .. } => "olinpe serve ne trouve pas la politique de sécurité du contenu de la page.",
            K::Listen { .. } => "olinpe serve ne peut pas écouter sur le port demandé.",
            K::AlreadyPseudonymised => "En préparation de la transmission, le fichier a un NUMANONYM rempli (première ligne) et aucune colonne d'identité : il est déjà pseudonymisé (vérifiez-le, ou re-hachez-le pour un observatoire).",
            K::IdentityColumnsAbsent { .. } => "En préparation de la transmission, une colonne d'identité nécessaire (PRENOM ; NOMMEREJEUNE, NOMMERE ou NOM_MERE, ou NOMUSAGE seul ; MNAIS ; ANAIS) n'est pas dans le fichier (une colonne absente n'est pas une cellule vide).",
        }
    }

    /// Position of the kind in [`ErrorKind::examples`] (exhaustive: a new kind must get one).
    pub fn ordinal(&self) -> usize {
        use ErrorKind as K;
        match self {
            K::EmptyFile => 0,
            K::Workbook { .. } => 1,
            K::Utf16 => 2,
            K::Binary { .. } => 3,
            K::Pdf => 4,
            K::XmlRoot { .. } => 5,
            K::XmlNoRoot => 6,
            K::MapFile { .. } => 7,
            K::LimitFileSize { .. } => 8,
            K::LimitFieldLength { .. } => 9,
            K::LimitRecordLength { .. } => 10,
            K::LimitColumns { .. } => 11,
            K::LimitXmlDepth { .. } => 12,
            K::KeyMissing { .. } => 13,
            K::Key { .. } => 14,
            K::DateExportMissing => 15,
            K::DateExportInvalid { .. } => 16,
            K::BadOptions { .. } => 17,
            K::SegmentAbandoned => 18,
            K::SegmentIncomplete { .. } => 19,
            K::SessionFinished => 20,
            K::SessionNotFinished => 21,
            K::ReceiptWrongMode { .. } => 22,
            K::Internal { .. } => 23,
            K::UnknownSample => 24,
            K::UnknownExercise => 25,
            K::DemoInvalid { .. } => 26,
            K::Usage { .. } => 27,
            K::KeyOnCommandLine => 28,
            K::InputNotFound { .. } => 29,
            K::InputIsDirectory { .. } => 30,
            K::Io { .. } => 31,
            K::MapFileUnreadable { .. } => 32,
            K::MapFileNotUtf8 { .. } => 33,
            K::KeyFileUnreadable { .. } => 34,
            K::KeyEnvNotUtf8 => 35,
            K::WouldOverwriteInput { .. } => 36,
            K::OutputExists { .. } => 37,
            K::OutDirMissing { .. } => 38,
            K::PageMissing { .. } => 39,
            K::CspMissing { .. } => 40,
            K::Listen { .. } => 41,
            K::AlreadyPseudonymised => 42,
            K::IdentityColumnsAbsent { .. } => 43,
        }
    }

    /// One example of each kind, in [`ErrorKind::ordinal`] order (for `docs/errors.md`).
    pub fn examples() -> Vec<ErrorKind> {
        use ErrorKind as K;
        let path = || "envoi/cd99.csv".to_string();
        vec![
            K::EmptyFile,
            K::Workbook {
                code: "encrypted-workbook",
                message: "Le classeur est protégé par un mot de passe (chiffré) : olinpe ne peut \
                          pas le lire. Ouvrez-le dans le tableur, enregistrez une copie sans mot de \
                          passe, puis recommencez avec cette copie."
                    .into(),
            },
            K::Utf16,
            K::Binary { line: 3 },
            K::Pdf,
            K::XmlRoot {
                root: "html".into(),
                line: 2,
            },
            K::XmlNoRoot,
            K::MapFile {
                line: 4,
                problem: "il manque le signe « = » (format attendu : CODE=en-tête de la colonne)"
                    .into(),
            },
            K::LimitFileSize {
                limit: 2_000_000_000,
            },
            K::LimitFieldLength {
                syntax: Syntax::Csv,
                line: 12,
                limit: 65_536,
            },
            K::LimitRecordLength {
                syntax: Syntax::Xml,
                line: 12,
                limit: 1_048_576,
            },
            K::LimitColumns {
                line: 1,
                limit: 1000,
            },
            K::LimitXmlDepth { line: 7, limit: 64 },
            K::KeyMissing {
                command_line: false,
            },
            K::Key {
                code: "key-empty",
                message: "Le fichier de clé est vide : il doit contenir la clé de hachage sur \
                          une ligne."
                    .into(),
            },
            K::DateExportMissing,
            K::DateExportInvalid {
                value: "01/03/2019".into(),
            },
            K::BadOptions {
                detail: "unknown variant `verifier`".into(),
            },
            K::SegmentAbandoned,
            K::SegmentIncomplete {
                read: 9_000,
                expected: 10_000,
            },
            K::SessionFinished,
            K::SessionNotFinished,
            K::ReceiptWrongMode { rehash: true },
            K::Internal {
                what: "appel hors séquence".into(),
            },
            K::UnknownSample,
            K::UnknownExercise,
            K::DemoInvalid {
                message: "Le mois de naissance doit être compris entre 01 et 12.".into(),
            },
            K::Usage {
                message: "option inconnue --sortie.".into(),
            },
            K::KeyOnCommandLine,
            K::InputNotFound { path: path() },
            K::InputIsDirectory {
                path: "envoi".into(),
            },
            K::Io {
                action: IoAction::Write,
                path: path(),
                detail: "No space left on device (os error 28)".into(),
            },
            K::MapFileUnreadable {
                path: "correspondance.txt".into(),
            },
            K::MapFileNotUtf8 {
                path: "correspondance.txt".into(),
            },
            K::KeyFileUnreadable {
                path: "cle.txt".into(),
            },
            K::KeyEnvNotUtf8,
            K::WouldOverwriteInput { path: path() },
            K::OutputExists {
                path: "envoi/cd99-transmission.xml".into(),
            },
            K::OutDirMissing {
                path: "envoi".into(),
            },
            K::PageMissing {
                path: "dist/olinpe.html".into(),
            },
            K::CspMissing {
                path: "dist/olinpe.csp".into(),
            },
            K::Listen {
                port: 8080,
                detail: "Address already in use (os error 98)".into(),
            },
            K::AlreadyPseudonymised,
            K::IdentityColumnsAbsent {
                columns: vec!["PRENOM", "NOMMEREJEUNE/NOMMERE/NOM_MERE"],
            },
        ]
    }
}

/// `docs/errors.md`: every kind by group, with its code, when it happens and an example
/// message (generated; `tests/errors_doc.rs` checks the committed file).
pub fn errors_markdown() -> String {
    use std::fmt::Write;
    let mut s = String::new();
    s.push_str("# Codes des erreurs\n\n");
    s.push_str(
        "Document généré à partir de `src/error.rs` : ne pas le modifier à la main, le \
         régénérer avec `OLINPE_BLESS=1 cargo test --test tests errors_doc::`.\n\n",
    );
    s.push_str(
        "Une **erreur** arrête l'exécution : le fichier ne peut pas être lu du tout, ou les \
         options sont incorrectes (statut de sortie 2 en ligne de commande, message en \
         français sur la sortie d'erreur après « olinpe : » ; dans la page, un objet `Error` \
         portant le code dans sa propriété `code`). Un problème dans les données n'est pas \
         une erreur mais un constat (docs/findings.md). Le code est stable ; plusieurs cas \
         peuvent partager un code quand rien ne justifie de les distinguer.\n",
    );
    let examples = ErrorKind::examples();
    let mut groups: Vec<Group> = examples.iter().map(ErrorKind::group).collect();
    groups.sort();
    groups.dedup();
    for g in groups {
        let _ = write!(
            s,
            "\n## {}\n\n| Code | Cas | Exemple de message |\n|---|---|---|\n",
            g.title()
        );
        for k in examples.iter().filter(|k| k.group() == g) {
            let _ = writeln!(
                s,
                "| `{}` | {} | {} |",
                k.code(),
                k.explanation(),
                k.message()
                    .replace('|', "\\|")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
            );
        }
    }
    s
}
