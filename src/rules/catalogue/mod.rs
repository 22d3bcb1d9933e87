//! The finding catalogue: one entry per stable code (docs/spec/STYLE.md point 5).
//!
//! The catalogue is split by owner (reading, record rules, file rules, pseudonymisation) so
//! that each part sits next to the code that emits it; [`all`] chains them. Tests check that
//! codes are unique kebab-case, that every template's placeholders are known, that no two
//! codes share an explanation, and that every code has a golden fixture.

use crate::finding::{Finding, Severity};

mod file;
mod pseudo;
mod read;
mod record;

/// One catalogue entry.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// Stable kebab-case code.
    pub code: &'static str,
    /// Severity (docs/spec/OLINPE.md §0.2).
    pub severity: Severity,
    /// Short French title.
    pub title: &'static str,
    /// French message template with named placeholders `{name}`: what is wrong, where, and
    /// how to fix it at the source.
    pub template: &'static str,
    /// Plain-language French explanation for non-technical staff: why the ONPE needs it.
    pub explanation: &'static str,
    /// The variable concerned, when the code is about one variable only.
    pub variable: Option<&'static str>,
    /// The ONPE audit section (docs/spec/OLINPE.md §6.1) it matches, if any.
    pub onpe_section: Option<&'static str>,
    /// The spec reference (e.g. "§5.2", "§0.2 Reading problems").
    pub spec: &'static str,
}

/// Every catalogue entry, in a stable order (by part, then as written).
pub fn all() -> impl Iterator<Item = &'static Entry> {
    read::ENTRIES
        .iter()
        .chain(record::ENTRIES.iter())
        .chain(file::ENTRIES.iter())
        .chain(pseudo::ENTRIES.iter())
}

/// The entry of `code`. Panics only on a programming error (unknown code), which the
/// catalogue tests rule out for every code used in the crate.
pub fn entry(code: &str) -> &'static Entry {
    all()
        .find(|e| e.code == code)
        .unwrap_or_else(|| panic!("finding code absent from the catalogue: {code}"))
}

/// The entry of `code`, or `None` when the catalogue has no such code.
pub fn lookup(code: &str) -> Option<&'static Entry> {
    all().find(|e| e.code == code)
}

/// Renders `template`, replacing each `{name}` by its value from `args`.
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

/// Builds a finding of `code` on `row`/`line` (both `None` for file-level findings) about
/// `variable`, rendering the catalogue template with `args`.
pub fn finding(
    code: &'static str,
    row: Option<u64>,
    line: Option<u64>,
    variable: Option<&str>,
    args: &[(&str, &str)],
) -> Finding {
    let e = entry(code);
    Finding {
        code: e.code,
        severity: e.severity,
        row,
        line,
        variable: variable.map(str::to_owned),
        message: render(e.template, args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_unique_and_kebab() {
        let mut seen = HashSet::new();
        for e in all() {
            assert!(seen.insert(e.code), "duplicate code {}", e.code);
            assert!(
                e.code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    && !e.code.starts_with('-')
                    && !e.code.ends_with('-'),
                "not kebab-case: {}",
                e.code
            );
        }
    }

    #[test]
    fn explanations_distinct_and_present() {
        let mut seen = HashSet::new();
        for e in all() {
            assert!(!e.title.is_empty() && !e.template.is_empty(), "{}", e.code);
            assert!(
                e.explanation.len() > 40,
                "explanation too short: {}",
                e.code
            );
            assert!(seen.insert(e.explanation), "shared explanation: {}", e.code);
        }
    }

    #[test]
    fn render_replaces_known_placeholders() {
        assert_eq!(render("a {x} b {y}", &[("x", "1"), ("y", "2")]), "a 1 b 2");
        assert_eq!(render("a {z}", &[]), "a {z}");
        assert_eq!(render("a {", &[]), "a {");
    }
}
