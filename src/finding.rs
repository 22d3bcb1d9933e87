//! Findings: problems in the data, reported and counted, never fatal (docs/spec/STYLE.md point 4).
//!
//! A [`Finding`] carries a stable code from the catalogue ([`crate::rules::catalogue`]), its
//! severity (fixed per code), the 1-based data row and physical line (both `None` for
//! file-level findings), the variable concerned and a rendered French message. Messages never
//! contain identity values: see docs/spec/INTERFACES.md, "Messages may quote a cell value only for coded,
//! date and numeric variables, at most 12 characters".

use serde::Serialize;

/// How serious a finding is (docs/spec/OLINPE.md §0.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks the transmission (exit status 1).
    Error,
    /// Should be corrected; does not block.
    Warning,
    /// For information.
    Info,
}

impl Severity {
    /// French word used in the findings CSV (`erreur`, `avertissement`, `information`).
    pub fn french(self) -> &'static str {
        match self {
            Severity::Error => "erreur",
            Severity::Warning => "avertissement",
            Severity::Info => "information",
        }
    }
}

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable kebab-case code from the catalogue.
    pub code: &'static str,
    /// Severity, taken from the catalogue entry of `code`.
    pub severity: Severity,
    /// 1-based data record (header excluded); `None` for file-level findings.
    pub row: Option<u64>,
    /// 1-based physical line where the record starts; `None` for file-level findings.
    pub line: Option<u64>,
    /// Variable (or column) concerned, if any.
    pub variable: Option<String>,
    /// Rendered French message.
    pub message: String,
}

impl Finding {
    /// Encodes the finding for another worker (`engine/split.rs`).
    pub(crate) fn encode(&self, o: &mut crate::wire::Out<'_>) {
        o.str(self.code);
        o.opt_u64(self.row);
        o.opt_u64(self.line);
        o.opt_str(self.variable.as_deref());
        o.str(&self.message);
    }

    /// Decodes a finding encoded by [`Finding::encode`], adding `rows` and `lines` to its
    /// row and line (they were counted from the start of a segment of the input).
    pub(crate) fn decode(
        i: &mut crate::wire::In<'_>,
        rows: u64,
        lines: u64,
    ) -> Result<Finding, crate::wire::WireError> {
        let entry = crate::rules::catalogue::lookup(i.str()?).ok_or(crate::wire::WireError)?;
        Ok(Finding {
            code: entry.code,
            severity: entry.severity,
            row: i.opt_u64()?.map(|r| r + rows),
            line: i.opt_u64()?.map(|l| l + lines),
            variable: i.opt_str()?.map(str::to_owned),
            message: i.str()?.to_owned(),
        })
    }
}

/// Shortens a cell value for quoting in a message (at most 12 characters, docs/spec/INTERFACES.md).
/// Callers must only pass values of coded, date or numeric variables.
pub fn quote(value: &str) -> String {
    let mut out: String = value.chars().take(12).collect();
    if value.chars().count() > 12 {
        out.push('…');
    }
    out
}
