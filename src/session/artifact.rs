//! Every file a run can produce, in **one table** ([`ARTIFACTS`]): its stable id (the page's
//! download ids, `docs/worker-protocol.md`), its name from the input's name, its MIME type,
//! whether it is sent on (transmission) or kept, and whether it is streamed in pieces. The
//! command line, the binding (`artifacts()`, `artifactName()`, `name` and `mime` on each
//! output chunk) and the receipts all name files from here.

use crate::engine::{Mode, OutputFile};
use serde::Serialize;

/// A file a run can produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Artifact {
    /// `NAME-transmission.xml` (pseudonymise).
    TransmissionXml,
    /// `NAME-transmission.csv` (pseudonymise).
    TransmissionCsv,
    /// `NAME-odpe.xml` (pseudonymise, only when the input has `UTDP`).
    OdpeXml,
    /// `NAME-constats.csv`: every finding (pass 2).
    FindingsCsv,
    /// `NAME-recu.json` (pseudonymise).
    ReceiptJson,
    /// `NAME-recu.txt` (pseudonymise).
    ReceiptTxt,
    /// `NAME-rapport.json`: the report (a file of its own in pseudonymise).
    ReportJson,
    /// `check --repair`: the input with its spreadsheet damage repaired.
    Repaired,
    /// `rehash`: the input with its identifiers re-hashed.
    Rehashed,
    /// The rehash receipt.
    RehashReceipt,
    /// `NAME-continuite.json`: the continuity check against last year's file (named after
    /// this year's file).
    ContinuityJson,
    /// `NAME-corrections-interne.csv`: every finding with the record's case number
    /// (`NUMDO`), for the sender's own use, never transmitted (`--corrections`).
    Corrections,
}

/// The MIME type of an artifact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mime {
    /// Always this type.
    Fixed(&'static str),
    /// The input's own format: XML when its name ends with `.xml`, CSV otherwise (a
    /// workbook's copy is CSV).
    LikeInput,
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct ArtifactSpec {
    /// The artifact.
    pub artifact: Artifact,
    /// Stable id (kebab-case), as the page and the worker protocol name it.
    pub id: &'static str,
    /// Added to the input's stem: `NAME` + suffix (+ the input's extension when
    /// [`ArtifactSpec::input_extension`]).
    pub suffix: &'static str,
    /// The name ends with the input's own extension (`.csv`, `.xml`…).
    pub input_extension: bool,
    /// MIME type.
    pub mime: Mime,
    /// Sent on to the ONPE or the observatory (else kept by the sender: receipts, reports,
    /// findings, a repaired copy of the sender's own file).
    pub transmit: bool,
    /// Produced in pieces while the input is read (else whole, at the end).
    pub streamed: bool,
    /// What it is (French, for lists and help).
    pub title: &'static str,
}

const XML: Mime = Mime::Fixed("application/xml");
const CSV: Mime = Mime::Fixed("text/csv");
const JSON: Mime = Mime::Fixed("application/json");
const TEXT: Mime = Mime::Fixed("text/plain");

/// Every artifact, in the order the command line checks and lists them.
pub static ARTIFACTS: [ArtifactSpec; 12] = [
    ArtifactSpec {
        artifact: Artifact::TransmissionXml,
        id: "transmission-xml",
        suffix: "-transmission.xml",
        input_extension: false,
        mime: XML,
        transmit: true,
        streamed: true,
        title: "Fichier de transmission XML",
    },
    ArtifactSpec {
        artifact: Artifact::TransmissionCsv,
        id: "transmission-csv",
        suffix: "-transmission.csv",
        input_extension: false,
        mime: CSV,
        transmit: true,
        streamed: true,
        title: "Fichier de transmission CSV",
    },
    ArtifactSpec {
        artifact: Artifact::OdpeXml,
        id: "odpe-xml",
        suffix: "-odpe.xml",
        input_extension: false,
        mime: XML,
        transmit: true,
        streamed: true,
        title: "Fichier pour l'observatoire départemental (XML avec UTDP)",
    },
    ArtifactSpec {
        artifact: Artifact::FindingsCsv,
        id: "findings-csv",
        suffix: "-constats.csv",
        input_extension: false,
        mime: CSV,
        transmit: false,
        streamed: true,
        title: "Liste complète des constats (CSV)",
    },
    ArtifactSpec {
        artifact: Artifact::ReceiptJson,
        id: "receipt-json",
        suffix: "-recu.json",
        input_extension: false,
        mime: JSON,
        transmit: false,
        streamed: false,
        title: "Reçu de pseudonymisation (JSON)",
    },
    ArtifactSpec {
        artifact: Artifact::ReceiptTxt,
        id: "receipt-txt",
        suffix: "-recu.txt",
        input_extension: false,
        mime: TEXT,
        transmit: false,
        streamed: false,
        title: "Reçu de pseudonymisation (texte)",
    },
    ArtifactSpec {
        artifact: Artifact::ReportJson,
        id: "report-json",
        suffix: "-rapport.json",
        input_extension: false,
        mime: JSON,
        transmit: false,
        streamed: false,
        title: "Rapport (JSON)",
    },
    ArtifactSpec {
        artifact: Artifact::Repaired,
        id: "repaired",
        suffix: "-repare",
        input_extension: true,
        mime: Mime::LikeInput,
        transmit: false,
        streamed: true,
        title: "Copie réparée du fichier",
    },
    ArtifactSpec {
        artifact: Artifact::Rehashed,
        id: "rehashed",
        suffix: "-rehache",
        input_extension: true,
        mime: Mime::LikeInput,
        transmit: true,
        streamed: true,
        title: "Fichier re-haché",
    },
    ArtifactSpec {
        artifact: Artifact::RehashReceipt,
        id: "rehash-receipt",
        suffix: "-rehache-recu.json",
        input_extension: false,
        mime: JSON,
        transmit: false,
        streamed: false,
        title: "Reçu de re-hachage (JSON)",
    },
    ArtifactSpec {
        artifact: Artifact::ContinuityJson,
        id: "continuity-json",
        suffix: "-continuite.json",
        input_extension: false,
        mime: JSON,
        transmit: false,
        streamed: false,
        title: "Continuité avec le fichier de l'an dernier (JSON)",
    },
    ArtifactSpec {
        artifact: Artifact::Corrections,
        id: "corrections",
        suffix: "-corrections-interne.csv",
        input_extension: false,
        mime: CSV,
        transmit: false,
        streamed: true,
        title: "Liste interne des corrections (avec le n° de dossier, à ne pas transmettre)",
    },
];

/// The prefix of every file made in training mode.
pub const TRAINING_PREFIX: &str = "FORMATION";

/// The input's name without its extension, as `Path::file_stem` gives it for a file name
/// (a leading dot is not an extension: `.csv` stays `.csv`).
pub fn stem(input_name: &str) -> &str {
    match input_name.rfind('.') {
        Some(i) if i > 0 => &input_name[..i],
        _ => input_name,
    }
}

/// The input's extension with its dot (empty when none).
fn extension(input_name: &str) -> &str {
    match input_name.rfind('.') {
        Some(i) if i > 0 => &input_name[i..],
        _ => "",
    }
}

/// The extension of a copy of the input (repaired, re-hashed): the input's own, but `.csv`
/// for a workbook's (`.xlsx`, `.xlsm`, `.ods`), whose copy is written as CSV.
fn copy_extension(input_name: &str) -> &str {
    let ext = extension(input_name);
    if is_workbook_name(input_name) {
        ".csv"
    } else {
        ext
    }
}

/// True when the name ends with a workbook's extension (the copies are CSV then; the format
/// itself is decided by content when the input is read).
fn is_workbook_name(input_name: &str) -> bool {
    let ext = extension(input_name).to_ascii_lowercase();
    matches!(ext.as_str(), ".xlsx" | ".xlsm" | ".ods")
}

/// The base every name starts with: the stem, prefixed with `FORMATION-` in training mode
/// (unless it already starts with `FORMATION`).
fn base(input_name: &str, training: bool) -> String {
    let stem = stem(input_name);
    if training && !stem.starts_with(TRAINING_PREFIX) {
        format!("{TRAINING_PREFIX}-{stem}")
    } else {
        stem.to_owned()
    }
}

impl Artifact {
    /// Its row of [`ARTIFACTS`].
    pub fn spec(self) -> &'static ArtifactSpec {
        // The table lists every variant once (a test checks it), in declaration order.
        &ARTIFACTS[self as usize]
    }

    /// Its stable id.
    pub fn id(self) -> &'static str {
        self.spec().id
    }

    /// The artifact with this id.
    pub fn from_id(id: &str) -> Option<Artifact> {
        ARTIFACTS.iter().find(|s| s.id == id).map(|s| s.artifact)
    }

    /// Its file name for an input named `input_name` (a base name, no folder).
    pub fn name(self, input_name: &str, training: bool) -> String {
        let spec = self.spec();
        let ext = if spec.input_extension {
            copy_extension(input_name)
        } else {
            ""
        };
        format!("{}{}{}", base(input_name, training), spec.suffix, ext)
    }

    /// Its MIME type for an input named `input_name`.
    pub fn mime(self, input_name: &str) -> &'static str {
        match self.spec().mime {
            Mime::Fixed(m) => m,
            Mime::LikeInput if input_name.to_ascii_lowercase().ends_with(".xml") => {
                "application/xml"
            }
            Mime::LikeInput => "text/csv",
        }
    }

    /// What a job of `mode` may produce, in table order (`repair` and `findings_csv`: what
    /// `check` was asked for; `corrections`: `--corrections`, in check or pseudonymise; the
    /// ODPE XML only exists when the input has `UTDP`).
    pub fn of_job(
        mode: Mode,
        repair: bool,
        findings_csv: bool,
        corrections: bool,
    ) -> Vec<Artifact> {
        ARTIFACTS
            .iter()
            .map(|s| s.artifact)
            .filter(|a| match (mode, a) {
                (Mode::Check | Mode::Pseudonymise, Artifact::Corrections) => corrections,
                (Mode::Check, Artifact::Repaired) => repair,
                (Mode::Check, Artifact::FindingsCsv) => findings_csv,
                (Mode::Check, _) => false,
                (
                    Mode::Pseudonymise,
                    Artifact::TransmissionXml
                    | Artifact::TransmissionCsv
                    | Artifact::OdpeXml
                    | Artifact::FindingsCsv
                    | Artifact::ReceiptJson
                    | Artifact::ReceiptTxt
                    | Artifact::ReportJson,
                ) => true,
                (Mode::Pseudonymise, _) => false,
                (Mode::Rehash, a) => matches!(a, Artifact::Rehashed | Artifact::RehashReceipt),
            })
            .collect()
    }
}

/// The file name for an artifact id (as [`Artifact::name`]); an id not in the table gives
/// `NAME-id`, as the page always did.
pub fn name_for_id(id: &str, input_name: &str, training: bool) -> String {
    match Artifact::from_id(id) {
        Some(a) => a.name(input_name, training),
        None => format!("{}-{id}", base(input_name, training)),
    }
}

impl From<OutputFile> for Artifact {
    fn from(f: OutputFile) -> Self {
        match f {
            OutputFile::TransmissionXml => Artifact::TransmissionXml,
            OutputFile::TransmissionCsv => Artifact::TransmissionCsv,
            OutputFile::OdpeXml => Artifact::OdpeXml,
            OutputFile::Repaired => Artifact::Repaired,
            OutputFile::Rehashed => Artifact::Rehashed,
            OutputFile::FindingsCsv => Artifact::FindingsCsv,
            OutputFile::Corrections => Artifact::Corrections,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lists_every_artifact_once_in_order() {
        for (i, s) in ARTIFACTS.iter().enumerate() {
            assert_eq!(s.artifact as usize, i, "{:?}", s.artifact);
            assert_eq!(Artifact::from_id(s.id), Some(s.artifact));
            assert!(s.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
        }
    }

    /// The names the page gives its downloads today (`www/artifacts.js` `outputName`, which now reads this table, and
    /// its tests in `e2e/modules.test.mjs`), which the command line writes too.
    #[test]
    fn names_are_the_pages_and_the_command_lines() {
        let n = |a: Artifact, input: &str| a.name(input, false);
        assert_eq!(
            n(Artifact::TransmissionXml, "cd75.csv"),
            "cd75-transmission.xml"
        );
        assert_eq!(n(Artifact::ReceiptTxt, "cd75.xml"), "cd75-recu.txt");
        assert_eq!(n(Artifact::FindingsCsv, "a.b.csv"), "a.b-constats.csv");
        assert_eq!(n(Artifact::Rehashed, "recu.xml"), "recu-rehache.xml");
        assert_eq!(
            n(Artifact::RehashReceipt, "recu.xml"),
            "recu-rehache-recu.json"
        );
        assert_eq!(n(Artifact::ReportJson, ".csv"), ".csv-rapport.json");
        assert_eq!(
            n(Artifact::ReportJson, "sansextension"),
            "sansextension-rapport.json"
        );
        assert_eq!(n(Artifact::Repaired, "cd75.csv"), "cd75-repare.csv");
        assert_eq!(n(Artifact::OdpeXml, "x."), "x-odpe.xml");
        assert_eq!(name_for_id("autre", "cd75.csv", false), "cd75-autre");
        assert_eq!(name_for_id("odpe-xml", "cd75.csv", false), "cd75-odpe.xml");
        assert_eq!(
            Artifact::TransmissionXml.name("cd75.csv", true),
            "FORMATION-cd75-transmission.xml"
        );
        assert_eq!(
            Artifact::FindingsCsv.name("FORMATION-exercice.csv", true),
            "FORMATION-exercice-constats.csv"
        );
        // The rehash receipt is named after the re-hashed file, as `rehash --out` names it.
        let out = n(Artifact::Rehashed, "cd75.csv");
        assert_eq!(
            format!("{}-recu.json", stem(&out)),
            n(Artifact::RehashReceipt, "cd75.csv")
        );
        // The stem is `Path::file_stem`'s.
        for name in ["a.b.csv", ".csv", "x.", "sans", "..csv", "é.xml"] {
            let p = std::path::Path::new(name);
            assert_eq!(
                stem(name),
                p.file_stem().and_then(|s| s.to_str()).unwrap_or(""),
                "{name}"
            );
        }
    }

    #[test]
    fn mime_types() {
        assert_eq!(Artifact::Rehashed.mime("x.XML"), "application/xml");
        assert_eq!(Artifact::Repaired.mime("x.csv"), "text/csv");
        assert_eq!(Artifact::FindingsCsv.mime("x.xml"), "text/csv");
        assert_eq!(Artifact::RehashReceipt.mime("x.xml"), "application/json");
        assert_eq!(Artifact::ReceiptTxt.mime("x.xml"), "text/plain");
        assert_eq!(Artifact::ContinuityJson.mime("x.xml"), "application/json");
        assert_eq!(
            Artifact::ContinuityJson.name("cd75-2019.csv", false),
            "cd75-2019-continuite.json"
        );
        assert_eq!(Artifact::Repaired.mime("x.xlsx"), "text/csv");
    }

    /// Issue 15: a workbook's repaired and re-hashed copies are CSV files.
    #[test]
    fn copies_of_a_workbook_are_named_csv() {
        assert_eq!(
            Artifact::Repaired.name("cd75.xlsx", false),
            "cd75-repare.csv"
        );
        assert_eq!(
            Artifact::Rehashed.name("cd75.ODS", false),
            "cd75-rehache.csv"
        );
        assert_eq!(
            Artifact::Rehashed.name("cd75.xlsm", false),
            "cd75-rehache.csv"
        );
        assert_eq!(
            Artifact::TransmissionXml.name("cd75.xlsx", false),
            "cd75-transmission.xml"
        );
        assert_eq!(
            Artifact::RehashReceipt.name("cd75.xlsx", false),
            "cd75-rehache-recu.json"
        );
    }

    #[test]
    fn what_each_job_produces() {
        use Artifact as A;
        assert_eq!(Artifact::of_job(Mode::Check, false, false, false), vec![]);
        assert_eq!(
            Artifact::of_job(Mode::Check, true, true, true),
            vec![A::FindingsCsv, A::Repaired, A::Corrections]
        );
        assert_eq!(
            Artifact::of_job(Mode::Pseudonymise, false, false, false),
            vec![
                A::TransmissionXml,
                A::TransmissionCsv,
                A::OdpeXml,
                A::FindingsCsv,
                A::ReceiptJson,
                A::ReceiptTxt,
                A::ReportJson
            ]
        );
        assert_eq!(
            Artifact::of_job(Mode::Rehash, false, false, true),
            vec![A::Rehashed, A::RehashReceipt]
        );
        assert_eq!(
            Artifact::Corrections.name("cd75.csv", false),
            "cd75-corrections-interne.csv"
        );
        assert!(!Artifact::Corrections.spec().transmit);
    }
}
