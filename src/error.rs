//! Fatal errors: one type for everything that stops a run (exit status 2 on the command line,
//! an `Error` object with a `code` in the page).
//!
//! A problem in the data is a finding and the run goes on (`crate::finding`); an [`Error`] is
//! reserved for input that cannot be read at all, bad options, and the few ways a caller can
//! use the engine out of sequence. Its shape is rust-csv's: a boxed [`ErrorKind`] (one
//! pointer in a `Result`, so the reader's hot paths stay small), `#[non_exhaustive]`, each
//! kind holding what its message needs. Every kind has a stable kebab-case [`Error::code`]
//! (scripts and the page rely on it; several kinds may share one when a caller has no reason
//! to tell them apart) and a French [`Error::message`] saying what is wrong and where. The
//! messages are the exact bytes the command line prints after « olinpe : ».
//!
//! `docs/errors.md` is generated from [`ErrorKind::examples`] by [`errors_markdown`] (a test
//! checks it is fresh). To add a kind: add the variant, then follow the compiler (its code,
//! message, group, explanation and ordinal), add an example and bump [`KINDS`].

use std::fmt;

mod doc;

pub use doc::{errors_markdown, Group};

/// A fatal error: what stopped the run, with a stable code and a French message.
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<ErrorKind>);

/// Shows the code and the message (what a person debugging wants), not the kind's fields.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("code", &self.code())
            .field("message", &self.message())
            .finish()
    }
}

/// Where a CSV or XML limit was passed (the advice differs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// A CSV record.
    Csv,
    /// An Olinpe XML element.
    Xml,
}

/// What the command line was doing with a file when the system refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoAction {
    /// Opening the input.
    Open,
    /// Reading the input.
    Read,
    /// Creating an output.
    Create,
    /// Writing an output.
    Write,
    /// Renaming a finished output to its name.
    Finalise,
    /// Writing to standard output (`path` is empty).
    Stdout,
}

/// The kinds of fatal error. Fields hold what the message shows (never an identity value or
/// a key).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    // ---- Reading: the input cannot be read at all --------------------------------------
    /// 0 bytes, or blank lines only.
    EmptyFile,
    /// A workbook (zip or OLE2 file) that cannot be read: not a spreadsheet, XLS or XLSB,
    /// encrypted, damaged, without the sheet asked, past a limit. Its code and French
    /// message come from `crate::read::sheet::SheetError` (docs/spreadsheets.md "Errors").
    Workbook {
        /// `encrypted-workbook`, `unsupported-workbook`, `not-spreadsheet`, …
        code: &'static str,
        /// French message (never a cell's content).
        message: String,
    },
    /// UTF-16 text.
    Utf16,
    /// NUL bytes: not text (`line`: where the first one is).
    Binary {
        /// Line of the first NUL byte.
        line: u64,
    },
    /// A PDF document.
    Pdf,
    /// An XML file whose root element is not `DECRET`.
    XmlRoot {
        /// The root element's name as shown (escaped, shortened).
        root: String,
        /// Its line.
        line: u64,
    },
    /// An XML file with no root element.
    XmlNoRoot,
    /// A malformed `--map-file` line.
    MapFile {
        /// 1-based line of the map file.
        line: usize,
        /// What is wrong with it (French, ends without a period).
        problem: String,
    },
    /// The input is larger than the stated limit.
    LimitFileSize {
        /// The limit in bytes.
        limit: u64,
    },
    /// One field is longer than the stated limit.
    LimitFieldLength {
        /// CSV record or XML element.
        syntax: Syntax,
        /// Where the record (CSV) or the element (XML) starts.
        line: u64,
        /// The limit in bytes.
        limit: usize,
    },
    /// One record is longer than the stated limit.
    LimitRecordLength {
        /// CSV record or XML `DONNEE`.
        syntax: Syntax,
        /// Where it starts.
        line: u64,
        /// The limit in bytes.
        limit: usize,
    },
    /// A CSV line has more columns than the stated limit.
    LimitColumns {
        /// The line.
        line: u64,
        /// The limit.
        limit: usize,
    },
    /// XML elements nested deeper than the stated limit.
    LimitXmlDepth {
        /// The line of the element past the limit.
        line: u64,
        /// The limit.
        limit: usize,
    },

    // ---- Refusals: pseudonymise will not turn this input into transmission files -------
    /// The input is already pseudonymised: `NUMANONYM` filled and no identity column.
    AlreadyPseudonymised,
    /// Identity columns that pseudonymisation needs are absent from the input (not an
    /// empty cell: no column at all).
    IdentityColumnsAbsent {
        /// The absent columns by their codes (`PRENOM`, `NOMMEREJEUNE/NOMMERE/NOM_MERE`,
        /// `MNAIS`, `ANAIS`).
        columns: Vec<&'static str>,
    },

    // ---- Options ------------------------------------------------------------------------
    /// No key for a mode that needs one. `command_line`: the command line's wording.
    KeyMissing {
        /// Worded for the command line (`--key-file CLE`) rather than for the engine.
        command_line: bool,
    },
    /// A key refused by `pseudo::Key` (empty, not UTF-8); its code and message are kept.
    Key {
        /// `key-empty` or `key-not-utf8`.
        code: &'static str,
        /// French message (never the key).
        message: String,
    },
    /// `pseudonymise` without an export date.
    DateExportMissing,
    /// An export date that is not `AAAA-MM-JJ`.
    DateExportInvalid {
        /// The value as given.
        value: String,
    },
    /// The page's options object could not be read.
    BadOptions {
        /// What the deserializer said.
        detail: String,
    },

    // ---- Sequence: the caller used a run out of order -----------------------------------
    /// The helper worker cannot read this segment: the engine worker reads it itself.
    SegmentAbandoned,
    /// A joined segment did not deliver every record it announced.
    SegmentIncomplete {
        /// Records taken.
        read: u64,
        /// Records announced.
        expected: u64,
    },
    /// A call after the end of the input.
    SessionFinished,
    /// A call that needs the end of the input first.
    SessionNotFinished,
    /// A receipt asked of a mode that has no such receipt.
    ReceiptWrongMode {
        /// The rehash receipt was asked (else the pseudonymisation receipt).
        rehash: bool,
    },
    /// A bug of the tool, reported rather than risking a wrong result.
    Internal {
        /// What went wrong (French, short).
        what: String,
    },

    // ---- The page's training panel -------------------------------------------------------
    /// An unknown training sample.
    UnknownSample,
    /// An unknown or impossible exercise.
    UnknownExercise,
    /// The pseudonymisation demonstration refused its input.
    DemoInvalid {
        /// French message.
        message: String,
    },

    // ---- Command line ----------------------------------------------------------------------
    /// Wrong arguments (the message may end with the usage text).
    Usage {
        /// French message.
        message: String,
    },
    /// `--key` given on the command line.
    KeyOnCommandLine,
    /// The input does not exist or cannot be seen.
    InputNotFound {
        /// As given.
        path: String,
    },
    /// The input is a folder.
    InputIsDirectory {
        /// As given.
        path: String,
    },
    /// The system refused a file operation.
    Io {
        /// What was being done.
        action: IoAction,
        /// The file (empty for standard output).
        path: String,
        /// The system's message.
        detail: String,
    },
    /// The `--map-file` file cannot be read.
    MapFileUnreadable {
        /// As given.
        path: String,
    },
    /// The `--map-file` file is not UTF-8.
    MapFileNotUtf8 {
        /// As given.
        path: String,
    },
    /// The `--key-file` file cannot be read.
    KeyFileUnreadable {
        /// As given.
        path: String,
    },
    /// `OLINPE_KEY` is not UTF-8.
    KeyEnvNotUtf8,
    /// An output would replace the input.
    WouldOverwriteInput {
        /// The output.
        path: String,
    },
    /// An output exists and `--force` is absent.
    OutputExists {
        /// The output.
        path: String,
    },
    /// `--out-dir` does not exist.
    OutDirMissing {
        /// As given.
        path: String,
    },
    /// `serve`: the built page is missing.
    PageMissing {
        /// Where it was looked for.
        path: String,
    },
    /// `serve`: the page's CSP file is missing.
    CspMissing {
        /// Where it was looked for.
        path: String,
    },
    /// `serve`: the port cannot be listened on.
    Listen {
        /// The port.
        port: u16,
        /// The system's message.
        detail: String,
    },
}

/// Number of kinds (checked by a test against [`ErrorKind::examples`]).
pub const KINDS: usize = 44;

impl Error {
    /// An error of `kind`.
    pub fn new(kind: ErrorKind) -> Self {
        Error(Box::new(kind))
    }

    /// What happened.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        self.0.code()
    }

    /// The French message (one or two lines).
    pub fn message(&self) -> String {
        self.0.message()
    }

    /// A bug of the tool (see [`ErrorKind::Internal`]).
    pub fn internal(what: &str) -> Self {
        Error::new(ErrorKind::Internal {
            what: what.to_owned(),
        })
    }

    /// Wrong command-line arguments.
    pub fn usage(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Usage {
            message: message.into(),
        })
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error::new(kind)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {}

impl ErrorKind {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        use ErrorKind as K;
        match self {
            K::EmptyFile => "empty-file",
            K::Workbook { code, .. } => code,
            K::Utf16 => "utf16",
            K::Binary { .. } | K::Pdf => "binary",
            K::XmlRoot { .. } | K::XmlNoRoot => "not-olinpe",
            K::MapFile { .. } => "map-file",
            K::LimitFileSize { .. } => "limit-file-size",
            K::LimitFieldLength { .. } => "limit-field-length",
            K::LimitRecordLength { .. } => "limit-record-length",
            K::LimitColumns { .. } => "limit-columns",
            K::LimitXmlDepth { .. } => "limit-xml-depth",
            K::KeyMissing { .. } => "key-missing",
            K::Key { code, .. } => code,
            K::DateExportMissing => "date-export-missing",
            K::DateExportInvalid { .. } => "date-export-invalid",
            K::BadOptions { .. } => "bad-options",
            K::SegmentAbandoned => "segment-abandoned",
            K::SegmentIncomplete { .. } | K::Internal { .. } => "internal",
            K::SessionFinished => "session-finished",
            K::SessionNotFinished => "session-not-finished",
            K::ReceiptWrongMode { .. } => "bad-mode",
            K::UnknownSample => "bad-sample",
            K::UnknownExercise => "bad-exercise",
            K::DemoInvalid { .. } => "demo-invalid",
            K::Usage { .. } => "usage",
            K::KeyOnCommandLine => "key-on-command-line",
            K::InputNotFound { .. } => "input-not-found",
            K::InputIsDirectory { .. } => "input-directory",
            K::Io { .. } => "io",
            K::MapFileUnreadable { .. } => "map-file-unreadable",
            K::MapFileNotUtf8 { .. } => "map-file-not-utf8",
            K::KeyFileUnreadable { .. } => "key-file-unreadable",
            K::KeyEnvNotUtf8 => "key-not-utf8",
            K::WouldOverwriteInput { .. } => "overwrite-input",
            K::OutputExists { .. } => "output-exists",
            K::OutDirMissing { .. } => "out-dir-missing",
            K::PageMissing { .. } => "page-missing",
            K::CspMissing { .. } => "csp-missing",
            K::Listen { .. } => "listen",
            K::AlreadyPseudonymised => "already-pseudonymised",
            K::IdentityColumnsAbsent { .. } => "identity-columns-absent",
        }
    }

    /// The French message: what is wrong and where.
    pub fn message(&self) -> String {
        use ErrorKind as K;
        match self {
            K::EmptyFile => "Le fichier est vide (0 octet ou seulement des lignes blanches) : \
                             il n'y a aucune donnée à lire."
                .into(),
            K::Workbook { message, .. } => message.clone(),
            K::Utf16 => "Le fichier est encodé en UTF-16 (« Unicode » dans certains logiciels) : \
                         enregistrez-le en UTF-8 ou en CSV Windows, puis recommencez."
                .into(),
            K::Binary { line } => format!(
                "Le fichier contient des octets nuls (ligne {line}) : ce n'est pas un fichier \
                 texte CSV ou XML. Vérifiez qu'il s'agit bien de l'export Olinpe."
            ),
            K::Pdf => {
                "Le fichier est un document PDF, pas un fichier de données CSV ou XML.".into()
            }
            K::XmlRoot { root, line } => format!(
                "Ce fichier XML n'est pas un fichier Olinpe : son élément racine est <{root}> \
                 au lieu de <DECRET> (ligne {line})."
            ),
            K::XmlNoRoot => "Ce fichier XML n'a pas d'élément racine <DECRET> : ce n'est pas un \
                             fichier Olinpe."
                .into(),
            K::MapFile { line, problem } => {
                format!("Fichier de correspondance des colonnes, ligne {line} : {problem}.")
            }
            K::LimitFileSize { limit } => {
                format!("Fichier trop volumineux : la limite est de {limit} octets pour ce mode.")
            }
            K::LimitFieldLength {
                syntax: Syntax::Csv,
                line,
                limit,
            } => format!(
                "L'enregistrement commençant ligne {line} contient un champ de plus de {limit} \
                 octets (limite fixée) : vérifiez les guillemets de cette ligne (un guillemet \
                 non refermé englobe la suite du fichier)."
            ),
            K::LimitFieldLength {
                syntax: Syntax::Xml,
                line,
                limit,
            } => format!(
                "Ligne {line} : un élément contient plus de {limit} octets de texte (limite \
                 fixée) : vérifiez que les éléments sont bien refermés."
            ),
            K::LimitRecordLength {
                syntax: Syntax::Csv,
                line,
                limit,
            } => format!(
                "L'enregistrement commençant ligne {line} dépasse {limit} octets (limite \
                 fixée) : vérifiez les guillemets et les fins de ligne du fichier."
            ),
            K::LimitRecordLength {
                syntax: Syntax::Xml,
                line,
                limit,
            } => format!(
                "L'élément DONNEE commençant ligne {line} dépasse {limit} octets (limite \
                 fixée) : vérifiez que ses éléments sont bien refermés."
            ),
            K::LimitColumns { line, limit } => format!(
                "La ligne {line} compte plus de {limit} colonnes (limite fixée) : vérifiez le \
                 séparateur du fichier."
            ),
            K::LimitXmlDepth { line, limit } => format!(
                "Ligne {line} : les éléments XML sont imbriqués sur plus de {limit} niveaux \
                 (limite fixée) : ce n'est pas un fichier Olinpe."
            ),
            K::KeyMissing {
                command_line: false,
            } => "Clé absente : indiquez un fichier de clé (--key-file) ou la variable \
                  OLINPE_KEY."
                .into(),
            K::KeyMissing { command_line: true } => {
                "clé absente : indiquez --key-file CLE ou la variable d'environnement \
                 OLINPE_KEY."
                    .into()
            }
            K::Key { message, .. } => message.clone(),
            K::DateExportMissing => "Date d'export absente (--date-export AAAA-MM-JJ).".into(),
            K::DateExportInvalid { value } => format!(
                "Date d'export invalide : « {} » ; attendu AAAA-MM-JJ.",
                crate::finding::quote(value)
            ),
            K::BadOptions { detail } => format!("options invalides : {detail}"),
            K::SegmentAbandoned => {
                "Cette partie du fichier sera lue par le processus principal.".into()
            }
            K::SegmentIncomplete { read, expected } => format!(
                "Lecture incomplète : {read} enregistrements traités sur {expected} lus. \
                 Relancez la vérification ; si cela se reproduit, signalez-le."
            ),
            K::SessionFinished => "la lecture est déjà terminée".into(),
            K::SessionNotFinished => "le fichier doit d'abord être lu jusqu'au bout".into(),
            K::ReceiptWrongMode { rehash: false } => {
                "le reçu n'existe que pour la pseudonymisation".into()
            }
            K::ReceiptWrongMode { rehash: true } => {
                "ce reçu n'existe que pour le re-hachage".into()
            }
            K::Internal { what } => format!(
                "Erreur interne de l'outil ({what}). Relancez la vérification ; si cela se \
                 reproduit, signalez-le."
            ),
            K::UnknownSample => "échantillon inconnu (small, medium ou large)".into(),
            K::UnknownExercise => "exercice inconnu ou impossible à préparer".into(),
            K::DemoInvalid { message } | K::Usage { message } => message.clone(),
            K::KeyOnCommandLine => "la clé ne se donne jamais sur la ligne de commande : \
                                    utilisez --key-file ou OLINPE_KEY."
                .into(),
            K::InputNotFound { path } => format!("fichier introuvable ou illisible : {path}"),
            K::InputIsDirectory { path } => format!("{path} est un dossier, pas un fichier."),
            K::Io {
                action,
                path,
                detail,
            } => match action {
                IoAction::Open => format!("impossible d'ouvrir {path} : {detail}"),
                IoAction::Read => format!("lecture de {path} impossible : {detail}"),
                IoAction::Create => format!("impossible de créer {path} : {detail}"),
                IoAction::Write => format!("écriture de {path} impossible : {detail}"),
                IoAction::Finalise => format!("impossible de finaliser {path} : {detail}"),
                IoAction::Stdout => format!("sortie standard : {detail}"),
            },
            K::MapFileUnreadable { path } => {
                format!("fichier de correspondance illisible : {path}")
            }
            K::MapFileNotUtf8 { path } => {
                format!("le fichier de correspondance {path} doit être en UTF-8.")
            }
            K::KeyFileUnreadable { path } => format!("fichier de clé illisible : {path}"),
            K::KeyEnvNotUtf8 => "la variable OLINPE_KEY n'est pas en UTF-8.".into(),
            K::WouldOverwriteInput { path } => {
                format!("refus d'écrire sur le fichier d'entrée : {path}")
            }
            K::OutputExists { path } => {
                format!("{path} existe déjà ; ajoutez --force pour le remplacer.")
            }
            K::OutDirMissing { path } => format!("le dossier de sortie {path} n'existe pas."),
            K::PageMissing { path } => format!(
                "page introuvable : {path} (construisez-la d'abord avec scripts/build-all.sh)."
            ),
            K::CspMissing { path } => format!("politique CSP introuvable : {path}"),
            K::Listen { port, detail } => {
                format!("impossible d'écouter sur 127.0.0.1:{port} : {detail}")
            }
            K::AlreadyPseudonymised => "Ce fichier est déjà pseudonymisé : NUMANONYM est \
                                        rempli et aucune colonne d'identité (PRENOM, nom de \
                                        la mère…) n'est présente. Il ne se pseudonymise pas \
                                        une seconde fois : vérifiez-le avec olinpe check ou, \
                                        pour un observatoire, re-hachez-le avec olinpe rehash."
                .into(),
            K::IdentityColumnsAbsent { columns } => format!(
                "Colonne(s) d'identité absente(s) du fichier : {}. Sans elle(s), aucun \
                 identifiant fiable ne peut être calculé (le numéro de dossier remplacerait \
                 l'identité sur chaque ligne). Exportez ces colonnes, ou indiquez celle qui \
                 les contient avec --map-file.",
                columns.join(", ")
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_cover_every_kind_once_in_order() {
        let ex = ErrorKind::examples();
        assert_eq!(ex.len(), KINDS);
        for (i, k) in ex.iter().enumerate() {
            assert_eq!(k.ordinal(), i, "{k:?}");
        }
    }

    #[test]
    fn codes_are_kebab_case_and_messages_say_something() {
        for k in ErrorKind::examples() {
            let c = k.code();
            assert!(
                !c.is_empty()
                    && c.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{c}"
            );
            assert!(k.message().chars().count() > 10, "{k:?}");
            assert!(k.explanation().ends_with('.'), "{k:?}");
        }
    }

    #[test]
    fn an_error_is_one_pointer() {
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
        let e = Error::new(ErrorKind::Binary { line: 3 });
        assert_eq!(e.code(), "binary");
        assert_eq!(e.to_string(), e.message());
        assert!(e.message().contains("ligne 3"));
    }
}
