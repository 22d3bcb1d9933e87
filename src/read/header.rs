//! The header and the lines around the records, the same for CSV and workbooks
//! (docs/spec/INTERFACES.md "Exports from reporting tools"):
//!
//! - **Finding the header**: among the first [`SEARCH_LINES`] non-blank lines (rows; for CSV,
//!   those that end within the first [`SEARCH_BYTES`] bytes, at least one), the one
//!   that names the most known columns — variable codes, identity columns, headers of the
//!   `--map-file` (and the 2011 markers, which make a header too) — provided it names at
//!   least [`MIN_KNOWN`]; otherwise the first non-blank line; the earliest on a tie. Lines
//!   before it (a title, blank lines) are skipped, with one `title-lines-skipped` finding when
//!   a non-blank line was among them.
//! - **What the header's columns feed** ([`analyse`]): targets, duplicate and unknown columns,
//!   identity columns, unused map entries, the 2011 format.
//! - **Trailing lines** ([`is_trailer`]): after the records, a line with at most
//!   [`TRAILER_MAX_FILLED`] non-empty fields where the header has at least
//!   [`TRAILER_MIN_COLUMNS`] columns (a count, a total) is not a record. The readers hold
//!   back at most two such lines; a record after them makes them records again.
//!
//! A **blank** line is one whose fields are all empty or spaces (`;;;;` as a spreadsheet
//! saves an empty row): it is never a header candidate.

use super::columns::{
    classify_header, is_legacy_marker, normalise_header, target_code, ColumnMap, IdentityRole,
    Target, CODES,
};
use super::shown_header;
use crate::finding::{finding, Code, Finding};
use crate::record::IdentityColumns;

/// Non-blank lines among which the header is looked for…
pub const SEARCH_LINES: usize = 20;
/// …that end within this many bytes of the first one (CSV: what the reader holds while it
/// looks; the page's first slice before it asks for the split state is as long).
pub const SEARCH_BYTES: usize = 64 * 1024;
/// Known columns a line must name to be taken as the header when it is not the first.
pub const MIN_KNOWN: usize = 5;
/// A trailing line has at most this many non-empty fields…
pub const TRAILER_MAX_FILLED: usize = 2;
/// …where the header has at least this many columns.
pub const TRAILER_MIN_COLUMNS: usize = 20;

/// True when a field (or a cell's text) counts as empty: nothing, or spaces and tabs.
pub(crate) fn is_blank_field(s: &[u8]) -> bool {
    s.iter().all(|&c| c == b' ' || c == b'\t')
}

/// How many of `cells` name a known column (a 2011 marker counts).
pub(crate) fn known_cells<'a>(map: &ColumnMap, cells: impl Iterator<Item = &'a str>) -> usize {
    cells
        .filter(|cell| {
            let n = normalise_header(cell.trim_matches(|c: char| c == '"' || c == ' '));
            classify_header(map, &n) != Target::Ignored || is_legacy_marker(&n)
        })
        .count()
}

/// The index of the header among the candidates' known-column counts (see the module
/// documentation): the earliest with the most, when it has at least [`MIN_KNOWN`]; else 0.
pub(crate) fn choose(known: &[usize]) -> usize {
    let best = known.iter().copied().max().unwrap_or(0);
    if best < MIN_KNOWN {
        return 0;
    }
    known.iter().position(|&k| k == best).unwrap_or(0)
}

/// True when a record with `filled` non-empty fields, under a header of `columns` columns,
/// may be a trailing line (held back until a record follows it).
pub(crate) fn is_trailer(columns: usize, filled: usize) -> bool {
    columns >= TRAILER_MIN_COLUMNS && filled <= TRAILER_MAX_FILLED
}

/// `title-lines-skipped`: the `count` lines before the header, found on `line`.
pub(crate) fn title_finding(count: u64, line: u64) -> Finding {
    finding(
        Code::TitleLinesSkipped,
        None,
        None,
        None,
        &[("count", &count.to_string()), ("line", &line.to_string())],
    )
}

/// `trailing-lines-skipped`: `count` lines after the records, the first on `line`.
pub(crate) fn trailer_finding(count: usize, line: u64) -> Finding {
    finding(
        Code::TrailingLinesSkipped,
        None,
        None,
        None,
        &[("count", &count.to_string()), ("line", &line.to_string())],
    )
}

/// What a header says about the columns.
#[derive(Debug, Default)]
pub(crate) struct Analysis {
    /// What each column feeds.
    pub targets: Vec<Target>,
    /// Identity columns present.
    pub identity: IdentityColumns,
    /// A 2011-format file (a 2011 marker and no `TYPEV`).
    pub legacy: bool,
    /// The file-level findings about the columns, in order (none for a 2011 file).
    pub findings: Vec<Finding>,
}

/// Analyses the header cells (decoded, as in the file): see the module documentation.
/// `map.maps_mother_name` is cleared when the mapped mother's-name header is not in the file.
pub(crate) fn analyse(map: &mut ColumnMap, header: &[String]) -> Analysis {
    let norm: Vec<String> = header.iter().map(|h| normalise_header(h)).collect();
    let has_typev = norm.iter().any(|n| n == "TYPEV");
    let legacy = !has_typev && norm.iter().any(|n| is_legacy_marker(n));
    let mut findings = Vec::new();
    if legacy {
        findings.push(finding(Code::Legacy2011File, None, None, None, &[]));
    }
    // A mapping of the mother's name that names no column of this file does not hide
    // the synonym columns (it gets its own `map-entry-unused` warning below).
    if map.maps_mother_name {
        let found = map.entries().any(|(t, h, _)| {
            t == Target::Identity(IdentityRole::NomMere) && norm.iter().any(|n| n == h)
        });
        map.maps_mother_name = found;
    }
    let mut identity = IdentityColumns::default();
    let mut seen_vars = 0u128;
    let mut mother: Option<&str> = None;
    let mut ambiguous = false;
    let mut targets = Vec::with_capacity(header.len());
    let mut any_var = false;
    let mut columns = Vec::new();
    let mut unknown: Vec<(usize, usize)> = Vec::new();
    for (j, (h, n)) in header.iter().zip(norm.iter()).enumerate() {
        let col = (j + 1).to_string();
        let mut t = classify_header(map, n);
        match t {
            Target::Var(i) => {
                if seen_vars & (1u128 << i) != 0 {
                    columns.push(finding(
                        Code::DuplicateColumn,
                        None,
                        None,
                        Some(CODES[i]),
                        &[("column", &shown_header(h)), ("number", &col)],
                    ));
                    t = Target::Ignored;
                } else {
                    seen_vars |= 1u128 << i;
                    any_var = true;
                }
            }
            Target::Identity(role) => {
                let taken = match role {
                    IdentityRole::Prenom => &mut identity.prenom,
                    IdentityRole::NomMere => &mut identity.nommere,
                    IdentityRole::NomUsage => &mut identity.nomusage,
                    IdentityRole::Jnais => &mut identity.jnais,
                    IdentityRole::Numdo => &mut identity.numdo,
                };
                if *taken {
                    let synonym = role == IdentityRole::NomMere
                        && !map.maps_mother_name
                        && mother.is_some_and(|m| m != n.as_str());
                    if synonym {
                        if !ambiguous {
                            ambiguous = true;
                            columns.push(finding(
                                Code::IdentityColumnsAmbiguous,
                                None,
                                None,
                                None,
                                &[
                                    ("first", mother.unwrap_or("")),
                                    ("second", &shown_header(h)),
                                ],
                            ));
                        }
                    } else {
                        columns.push(finding(
                            Code::DuplicateColumn,
                            None,
                            None,
                            None,
                            &[("column", &shown_header(h)), ("number", &col)],
                        ));
                    }
                    t = Target::Ignored;
                } else {
                    *taken = true;
                    if role == IdentityRole::NomMere {
                        mother = Some(n.as_str());
                    }
                }
            }
            Target::Ignored => {
                // Placeholder, written below once it is known whether the first line
                // is a header at all.
                unknown.push((columns.len(), j + 1));
                columns.push(finding(Code::UnknownColumn, None, None, None, &[]));
            }
        }
        targets.push(t);
    }
    // With no known column, the first line may be a data line (a file without header):
    // its cells could be names, so they are not quoted — only the column numbers.
    for &(k, number) in &unknown {
        let h = header.get(number - 1).map(String::as_str).unwrap_or("");
        let shown = if h.trim().is_empty() {
            format!("(colonne {number} sans en-tête)")
        } else if any_var {
            shown_header(h)
        } else {
            format!("(colonne {number})")
        };
        if let Some(f) = columns.get_mut(k) {
            *f = finding(
                Code::UnknownColumn,
                None,
                None,
                Some(&shown),
                &[("column", &shown), ("number", &number.to_string())],
            );
        }
    }
    // A mapping naming no column is probably a misspelt header.
    for (t, mapped, written) in map.entries() {
        if !norm.iter().any(|n| n == mapped) {
            let code = target_code(t).unwrap_or("");
            columns.push(finding(
                Code::MapEntryUnused,
                None,
                None,
                Some(code),
                &[("code", code), ("header", &shown_header(written))],
            ));
        }
    }
    if !legacy {
        findings.append(&mut columns);
        if !any_var {
            findings.push(finding(Code::NoKnownColumn, None, None, None, &[]));
        }
    }
    Analysis {
        targets,
        identity,
        legacy,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choosing_the_header() {
        let cases: &[(&[usize], usize)] = &[
            (&[], 0),
            (&[0, 0, 105], 2),
            (&[3, 4, 4], 0),
            (&[1, 5, 5], 1),
            (&[105, 0, 0], 0),
            (&[0, 6, 7, 7], 2),
            (&[4], 0),
        ];
        for (known, want) in cases {
            assert_eq!(choose(known), *want, "{known:?}");
        }
    }

    #[test]
    fn known_cells_count_codes_identity_map_and_markers() {
        let map = ColumnMap::parse("TYPEV=Type d'évènement\n").unwrap();
        let cells = [
            "NUMDEP",
            " sexe ",
            "\"ANAIS\"",
            "Prénom",
            "PRENOM",
            "type d'évènement",
            "CODEV",
            "Export Olinpe 2018",
            "",
        ];
        // « Prénom » names PRENOM too (columns::match_header).
        assert_eq!(known_cells(&map, cells.iter().copied()), 7);
    }

    #[test]
    fn trailers() {
        assert!(is_trailer(105, 1));
        assert!(is_trailer(20, 2));
        assert!(!is_trailer(20, 3));
        assert!(!is_trailer(19, 1));
        assert!(is_blank_field(b" \t "));
        assert!(!is_blank_field(b" x"));
    }
}
