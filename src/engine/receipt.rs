//! The receipts: `NAME-recu.json` and `NAME-recu.txt` of a pseudonymisation, `OUT-recu.json`
//! of a re-hash. The digests and file names come from the caller (the session knows every
//! artifact it wrote and hashed them).

use super::options::Options;
use super::rehash::MalformedId;
use super::{Finished, Rejected, Rows};
use crate::dictionary;
use crate::finding::Severity;
use crate::pseudo;
use crate::report::{Report, Tool, Verdict};
use serde::Serialize;

/// The receipt JSON (`NAME-recu.json`) and text (`NAME-recu.txt`) of a pseudonymisation.
#[derive(Debug, Serialize)]
pub(crate) struct Receipt<'a> {
    /// Tool.
    pub tool: Tool,
    /// Dictionary id.
    pub dictionary: &'static str,
    /// Hashing scheme.
    pub scheme: &'static str,
    /// Options that change the identifiers.
    pub options: ReceiptOptions,
    /// Row accounting.
    pub rows: Rows,
    /// The run's verdict (the same as the report's).
    pub verdict: Option<&'a Verdict>,
    /// Rejected rows.
    pub rejected: &'a [Rejected],
    /// SHA-256 of the input.
    pub input_sha256: &'a str,
    /// Outputs.
    pub outputs: Vec<OutputDigest>,
    /// Files kept by the sender, never transmitted (the internal corrections list).
    pub internal: Vec<InternalDigest>,
    /// The report of the pseudonymised data.
    pub report: &'a Report,
}

/// A file kept by the sender (not to transmit), with its digest.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct InternalDigest {
    /// File name.
    pub file: String,
    /// SHA-256 of its bytes (lowercase hex).
    pub sha256: String,
}

/// `options` of the receipt.
#[derive(Debug, Serialize)]
pub(crate) struct ReceiptOptions {
    /// `--with-day`.
    pub with_day: bool,
    /// `--uppercase`.
    pub uppercase: bool,
    /// `--date-export`.
    pub date_export: String,
    /// `--previous` analysis.
    pub previous: Option<pseudo::VariantReport>,
}

/// One output's digest and, for the transmission XML, its validity against the XSD.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct OutputDigest {
    /// File name.
    pub file: String,
    /// SHA-256 of its bytes (lowercase hex).
    pub sha256: String,
    /// Whether the XML validates against `decret2016.xsd`; `null` for CSV and JSON.
    pub xsd_valid: Option<bool>,
    /// Input rows whose record the XSD rejects.
    pub invalid_records: Vec<u64>,
    /// Why the file is not checked against the schema, when it is not (the ODPE file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Builds the receipt of a pseudonymisation (JSON bytes and French text), listing
/// `outputs` and the `internal` files (names and digests from the session, in its artifact
/// order).
pub(crate) fn receipt(
    opts: &Options,
    finished: &Finished,
    outputs: Vec<OutputDigest>,
    internal: Vec<InternalDigest>,
) -> (Vec<u8>, String) {
    let r = Receipt {
        tool: Tool::default(),
        dictionary: dictionary::DICTIONARY_ID,
        scheme: pseudo::Scheme::id(&pseudo::Onpe2016),
        options: ReceiptOptions {
            with_day: opts.with_day,
            uppercase: opts.uppercase,
            date_export: opts.date_export.clone().unwrap_or_default(),
            previous: finished.previous.clone(),
        },
        rows: finished.rows,
        verdict: finished.report.verdict.as_ref(),
        rejected: &finished.rejected,
        input_sha256: &finished.input_sha256,
        outputs,
        internal,
        report: &finished.report,
    };
    let mut json = serde_json::to_vec_pretty(&r).unwrap_or_default();
    json.push(b'\n');
    let text = receipt_text(&r);
    (json, text)
}

fn receipt_text(r: &Receipt<'_>) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(s, "Reçu de pseudonymisation — olinpe {}", r.tool.version);
    if let Some(v) = r.verdict {
        let _ = writeln!(s, "Verdict : {} ({})", v.level.french(), v.level.as_str());
        for reason in &v.reasons {
            let _ = writeln!(s, "  - {}", reason.message);
        }
    }
    let _ = writeln!(s, "Dictionnaire : {}", r.dictionary);
    let _ = writeln!(s, "Procédé : {} (SHA-1 + phonex, clé nationale)", r.scheme);
    let _ = writeln!(
        s,
        "Options : jour de naissance {} ; hexadécimal en {} ; date d'export {}",
        if r.options.with_day {
            "inclus"
        } else {
            "non inclus"
        },
        if r.options.uppercase {
            "majuscules"
        } else {
            "minuscules"
        },
        r.options.date_export
    );
    if let Some(p) = &r.options.previous {
        let advice = p
            .advice(r.options.with_day, r.options.uppercase)
            .or_else(|| p.warning.clone());
        if let Some(msg) = advice {
            let _ = writeln!(s, "Fichier de l'an dernier : {msg}");
        } else {
            let _ = writeln!(
                s,
                "Fichier de l'an dernier : les options choisies reproduisent ses identifiants."
            );
        }
    }
    let _ = writeln!(
        s,
        "Lignes : {} lue(s) = {} écrite(s) + {} écartée(s)",
        r.rows.read, r.rows.written, r.rows.rejected
    );
    for rej in r.rejected {
        let _ = writeln!(s, "  écartée : enregistrement {} — {}", rej.row, rej.reason);
    }
    let _ = writeln!(s, "Empreinte SHA-256 du fichier reçu : {}", r.input_sha256);
    let _ = writeln!(s, "Fichiers produits :");
    for o in &r.outputs {
        let validity = match o.xsd_valid {
            Some(true) => " — conforme au schéma XSD".to_string(),
            Some(false) => format!(
                " — NON conforme au schéma XSD ({} enregistrement(s))",
                o.invalid_records.len()
            ),
            None => String::new(),
        };
        let _ = writeln!(s, "  {} sha256={}{}", o.file, o.sha256, validity);
        if let Some(note) = &o.note {
            let _ = writeln!(s, "    {note}");
        }
    }
    if !r.internal.is_empty() {
        let _ = writeln!(s, "Fichiers internes, à ne pas transmettre :");
        for o in &r.internal {
            let _ = writeln!(s, "  {} sha256={}", o.file, o.sha256);
        }
    }
    let e = r.report.severity_count(Severity::Error);
    let w = r.report.severity_count(Severity::Warning);
    let _ = writeln!(
        s,
        "Contrôle des données pseudonymisées : {e} erreur(s), {w} avertissement(s)"
    );
    s
}

/// The rehash receipt (`OUT-recu.json`).
#[derive(Debug, Serialize)]
pub(crate) struct RehashReceipt<'a> {
    /// Tool.
    pub tool: Tool,
    /// Row accounting.
    pub rows: Rows,
    /// Identifiers that are not 40 hexadecimal characters.
    pub malformed: &'a [MalformedId],
    /// SHA-256 of the input.
    pub input_sha256: &'a str,
    /// SHA-256 of the output.
    pub output_sha256: String,
}

/// Builds the rehash receipt bytes, given the SHA-256 of the re-hashed file.
pub(crate) fn rehash_receipt(finished: &Finished, output_sha256: &str) -> Vec<u8> {
    let output_sha256 = output_sha256.to_owned();
    let r = RehashReceipt {
        tool: Tool::default(),
        rows: finished.rows,
        malformed: &finished.malformed_ids,
        input_sha256: &finished.input_sha256,
        output_sha256,
    };
    let mut json = serde_json::to_vec_pretty(&r).unwrap_or_default();
    json.push(b'\n');
    json
}
