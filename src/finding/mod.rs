//! Findings: problems in the data, reported and counted, never fatal (docs/spec/STYLE.md point 4).
//!
//! A [`Finding`] carries a [`Code`] from the [`catalogue`], its severity (fixed per code), the
//! 1-based data row and physical line (both `None` for file-level findings), the variable
//! concerned and a rendered French message ([`finding`] builds one from the code's template).
//! Messages never contain identity values: see docs/spec/INTERFACES.md, "Messages may quote a
//! cell value only for coded, date and numeric variables, at most 12 characters".
//!
//! This layer sits below everything that emits findings (the reader, the rules,
//! pseudonymisation, the engine): it imports only `crate::wire` (see `docs/ARCHITECTURE.md`,
//! "Layers").

pub mod catalogue;

pub use catalogue::{Code, Entry, Part};
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
    /// Code from the catalogue (serialised as its stable kebab-case string).
    pub code: Code,
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
    /// Encodes the finding for another worker (`engine/split.rs`); the code travels as its
    /// number in the catalogue (both workers run the same build).
    pub(crate) fn encode(&self, o: &mut crate::wire::Out<'_>) {
        o.u8(self.code as u8);
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
        let code = Code::from_u8(i.u8()?).ok_or(crate::wire::WireError)?;
        Ok(Finding {
            code,
            severity: code.severity(),
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

/// A finding of `code` whose message is `template` rendered with `args`.
fn built(
    code: Code,
    row: Option<u64>,
    line: Option<u64>,
    variable: Option<&str>,
    template: &str,
    args: &[(&str, &str)],
) -> Finding {
    Finding {
        code,
        severity: code.entry().severity,
        row,
        line,
        variable: variable.map(str::to_owned),
        message: render(template, args),
    }
}

/// Builds a finding of `code` on `row`/`line` (both `None` for file-level findings) about
/// `variable`, rendering the catalogue template with `args`.
pub fn finding(
    code: Code,
    row: Option<u64>,
    line: Option<u64>,
    variable: Option<&str>,
    args: &[(&str, &str)],
) -> Finding {
    built(code, row, line, variable, code.entry().template, args)
}

/// Like [`finding`], about a `variable` absent from the file (no column, or no element in
/// the record): the code's `absent_template` is rendered when it has one, so the message says
/// the variable is absent and points to the extraction, not to the data entry
/// (docs/spec/OLINPE.md §0.2). Same code, same severity.
pub fn finding_absent(
    code: Code,
    row: Option<u64>,
    line: Option<u64>,
    variable: Option<&str>,
    args: &[(&str, &str)],
) -> Finding {
    let e = code.entry();
    built(
        code,
        row,
        line,
        variable,
        e.absent_template.unwrap_or(e.template),
        args,
    )
}

/// Renders `template`, replacing each `{name}` by its value from `args` (an unknown name is
/// left as written).
pub fn render(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_replaces_known_placeholders() {
        assert_eq!(render("a {x} b {y}", &[("x", "1"), ("y", "2")]), "a 1 b 2");
        assert_eq!(render("a {z}", &[]), "a {z}");
        assert_eq!(render("a {", &[]), "a {");
    }

    #[test]
    fn finding_takes_severity_and_template_from_the_catalogue() {
        let f = finding(Code::FieldCount, Some(3), Some(4), None, &[("found", "2")]);
        assert_eq!((f.code, f.severity), (Code::FieldCount, Severity::Error));
        assert!(f.message.starts_with("Cet enregistrement a 2 champs"));
    }

    #[test]
    fn wire_round_trip_shifts_row_and_line() {
        let f = finding(Code::DateOrder, Some(3), Some(4), Some("DATDEB"), &[]);
        let mut buf = Vec::new();
        f.encode(&mut crate::wire::Out(&mut buf));
        let back = Finding::decode(&mut crate::wire::In::new(&buf), 10, 20);
        let want = Finding {
            row: Some(13),
            line: Some(24),
            ..f
        };
        assert_eq!(back, Ok(want));
        let bad = [Code::ALL.len() as u8];
        assert!(Finding::decode(&mut crate::wire::In::new(&bad), 0, 0).is_err());
    }
}
