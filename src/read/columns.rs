//! Column names: the variable codes, the identity columns of a nominative input, the 2011
//! markers, and the `--map-file` format (`CODE=header as it appears in the file`).
//!
//! Header lookup is a binary search over [`ids::CODES`] (the decree's codes are sorted),
//! independent of the size of the dictionary table; a test checks it against
//! [`crate::dictionary::index_of`].

use super::ReadError;
use crate::dictionary::ids;
use crate::error::ErrorKind;

/// The 105 variable codes of the decree plus `UTDP`, in [`ids`] order (one list, in `ids`).
pub use crate::dictionary::ids::CODES;

/// Index of a variable code (exact, uppercase), `UTDP` included.
pub fn var_index(code: &str) -> Option<usize> {
    var_index_bytes(code.as_bytes())
}

/// Index of a variable code given as bytes (exact, uppercase): a binary search over the
/// alphabetical codes of the decree, then `UTDP`.
pub fn var_index_bytes(code: &[u8]) -> Option<usize> {
    match CODES[..ids::N_DECREE].binary_search_by(|c| c.as_bytes().cmp(code)) {
        Ok(i) => Some(i),
        Err(_) => (code == b"UTDP").then_some(ids::UTDP),
    }
}

/// Uppercases an ASCII name into `buf`; `None` when it is longer than `buf` (so it is no
/// known code: every code is shorter).
pub fn upper_into<'a>(name: &[u8], buf: &'a mut [u8; 24]) -> Option<&'a [u8]> {
    let out = buf.get_mut(..name.len())?;
    for (o, b) in out.iter_mut().zip(name) {
        *o = b.to_ascii_uppercase();
    }
    Some(out)
}

/// Identity roles of a nominative input (docs/spec/OLINPE.md §0.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentityRole {
    /// `PRENOM`.
    Prenom,
    /// Mother's birth name: `NOMMERE`, `NOMMEREJEUNE` or `NOM_MERE`.
    NomMere,
    /// Mother's usage name: `NOMUSAGE`.
    NomUsage,
    /// Day of birth: `JNAIS`.
    Jnais,
    /// Case-file number: `NUMDO`.
    Numdo,
}

/// Identity column names and their roles; the three mother-name synonyms share one role.
pub const IDENTITY_CODES: [(&str, IdentityRole); 7] = [
    ("PRENOM", IdentityRole::Prenom),
    ("NOMMERE", IdentityRole::NomMere),
    ("NOMMEREJEUNE", IdentityRole::NomMere),
    ("NOM_MERE", IdentityRole::NomMere),
    ("NOMUSAGE", IdentityRole::NomUsage),
    ("JNAIS", IdentityRole::Jnais),
    ("NUMDO", IdentityRole::Numdo),
];

/// The identity role of a column code (exact, uppercase).
pub fn identity_role(code: &str) -> Option<IdentityRole> {
    IDENTITY_CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, r)| *r)
}

/// Column names that only a 2011-format file has (docs/spec/OLINPE.md §8): `CODEV` instead of `TYPEV`,
/// the per-kind start and end dates, `DATSIGNPROJ`, the oldest schema's `NUMDEPT` and
/// `NUMANONYMPREC`. A file is legacy when it has one of them and no `TYPEV`.
pub const LEGACY_MARKERS: [&str; 12] = [
    "CODEV",
    "NUMDEPT",
    "NUMANONYMPREC",
    "DATDEBAD",
    "DATFINAD",
    "DATDEBACC",
    "DATFINACC",
    "DATDEBINTER",
    "DATFININTER",
    "DATDEBPLAC",
    "DATFINPLAC",
    "DATSIGNPROJ",
];

/// True when `code` (uppercase) is a 2011 marker.
pub fn is_legacy_marker(code: &str) -> bool {
    LEGACY_MARKERS.contains(&code)
}

/// How a value of a variable is cleaned and checked for spreadsheet damage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueClass {
    /// Free text (`AUTREDA`, `AUTREDJ`): kept exactly as received.
    FreeText,
    /// Full date `AAAA-MM-JJ`.
    Date,
    /// Year-month `AAAA-MM` (`DATDCMERE`, `DATDCPERE`, `DATDECMIN`).
    YearMonth,
    /// `NUMDEP`: a lost leading zero (`1` → `01`) can be repaired.
    Departement,
    /// `MNAIS`: a lost leading zero (`9` → `09`) can be repaired.
    Month,
    /// Any other coded, numeric or identifier value.
    Other,
}

/// The value class of variable `index`.
pub fn value_class(index: usize) -> ValueClass {
    match index {
        ids::AUTREDA | ids::AUTREDJ => ValueClass::FreeText,
        ids::DATIP
        | ids::DATSIGN
        | ids::DATJE
        | ids::DATDECAP
        | ids::NOTIFEVAL
        | ids::FINEVAL
        | ids::DATDECPE
        | ids::DATPPE
        | ids::DATDEB
        | ids::DATFIN => ValueClass::Date,
        ids::DATDCMERE | ids::DATDCPERE | ids::DATDECMIN => ValueClass::YearMonth,
        ids::NUMDEP => ValueClass::Departement,
        ids::MNAIS => ValueClass::Month,
        _ => ValueClass::Other,
    }
}

/// What a column of the input feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Variable at this index ([`ids`]).
    Var(usize),
    /// An identity column.
    Identity(IdentityRole),
    /// Nothing: unknown column, a duplicate, or an identity synonym not chosen.
    Ignored,
}

/// The column code a target stands for (`None` for [`Target::Ignored`]).
pub fn target_code(t: Target) -> Option<&'static str> {
    match t {
        Target::Var(i) => CODES.get(i).copied(),
        Target::Identity(r) => IDENTITY_CODES
            .iter()
            .find(|(_, role)| *role == r)
            .map(|(c, _)| *c),
        Target::Ignored => None,
    }
}

/// Normalises a header cell for matching: surrounding spaces (and a stray BOM) removed,
/// ASCII letters uppercased.
pub fn normalise_header(cell: &str) -> String {
    cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .to_ascii_uppercase()
}

/// A parsed `--map-file`: `(target, normalised header, header as written)` entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    entries: Vec<(Target, String, String)>,
    /// The map names the mother's birth-name column explicitly.
    pub maps_mother_name: bool,
}

impl ColumnMap {
    /// Parses the map-file text: one `CODE=header as it appears` per line, the first `=`
    /// splits, blank lines and lines starting with `#` are ignored. Errors name the line.
    pub fn parse(text: &str) -> Result<ColumnMap, ReadError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut map = ColumnMap::default();
        for (i, raw) in text.lines().enumerate() {
            let n = i + 1;
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |why: &str| -> ReadError {
                ErrorKind::MapFile {
                    line: n,
                    problem: why.to_owned(),
                }
                .into()
            };
            let Some((code, header)) = line.split_once('=') else {
                return Err(bad(
                    "il manque le signe « = » (format attendu : CODE=en-tête de la colonne)",
                ));
            };
            let code = code.trim().to_ascii_uppercase();
            let written = header.trim().to_owned();
            let header = normalise_header(header);
            if header.is_empty() {
                return Err(bad("l'en-tête de colonne après « = » est vide"));
            }
            let target = if let Some(i) = var_index(&code) {
                Target::Var(i)
            } else if let Some(r) = identity_role(&code) {
                Target::Identity(r)
            } else {
                let shown: String = code.chars().take(40).collect();
                return Err(bad(&format!(
                    "« {shown} » n'est ni une variable du décret ni une colonne d'identité \
                     (PRENOM, NOMMERE, NOMUSAGE, JNAIS, NUMDO)"
                )));
            };
            if map.entries.iter().any(|(t, _, _)| *t == target) {
                return Err(bad(&format!(
                    "la variable {code} est déjà associée à une colonne"
                )));
            }
            if map.entries.iter().any(|(_, h, _)| *h == header) {
                return Err(bad(
                    "cet en-tête de colonne est déjà associé à une autre variable",
                ));
            }
            if target == Target::Identity(IdentityRole::NomMere) {
                map.maps_mother_name = true;
            }
            map.entries.push((target, header, written));
        }
        Ok(map)
    }

    /// The target a normalised header is mapped to, if any.
    pub fn lookup(&self, normalised: &str) -> Option<Target> {
        self.entries
            .iter()
            .find(|(_, h, _)| h == normalised)
            .map(|(t, _, _)| *t)
    }

    /// The mappings, as `(target, normalised header, header as written)`, in file order.
    pub fn entries(&self) -> impl Iterator<Item = (Target, &str, &str)> {
        self.entries
            .iter()
            .map(|(t, h, w)| (*t, h.as_str(), w.as_str()))
    }

    /// True when no mapping was given.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// What a header cell (already normalised) names, before duplicate handling: the mapping
/// wins, then the variable codes, then the identity names.
pub fn classify_header(map: &ColumnMap, normalised: &str) -> Target {
    if let Some(t) = map.lookup(normalised) {
        return t;
    }
    if let Some(i) = var_index(normalised) {
        return Target::Var(i);
    }
    if let Some(r) = identity_role(normalised) {
        // When the map names the mother's birth-name column, the synonyms are not used.
        if r == IdentityRole::NomMere && map.maps_mother_name {
            return Target::Ignored;
        }
        return Target::Identity(r);
    }
    Target::Ignored
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_ids() {
        assert_eq!(var_index("ACCFAM"), Some(ids::ACCFAM));
        assert_eq!(var_index("NUMDEP"), Some(ids::NUMDEP));
        assert_eq!(var_index("TYPEV"), Some(ids::TYPEV));
        assert_eq!(var_index("VIOLSEX"), Some(ids::VIOLSEX));
        assert_eq!(var_index("UTDP"), Some(ids::UTDP));
        assert_eq!(var_index("typev"), None);
        // Alphabetical order (the XSD's), UTDP last.
        for w in CODES[..ids::N_DECREE].windows(2) {
            assert!(w[0] < w[1], "{} before {}", w[0], w[1]);
        }
        // Agrees with the dictionary table once it is filled.
        if !crate::dictionary::VARIABLES.is_empty() {
            for (i, c) in CODES.iter().enumerate() {
                assert_eq!(crate::dictionary::index_of(c), Some(i), "{c}");
            }
        }
    }

    #[test]
    fn map_file_parsing() {
        let ok = "\u{feff}# comment\n\nTYPEV=Type d'évènement\r\nprenom = Prénom de l'enfant\nNOMMERE=Nom=mère\n";
        let m = ColumnMap::parse(ok).unwrap();
        assert_eq!(
            m.lookup(&normalise_header("type d'évènement")),
            Some(Target::Var(ids::TYPEV))
        );
        assert_eq!(
            m.lookup(&normalise_header(" Prénom de l'enfant ")),
            Some(Target::Identity(IdentityRole::Prenom))
        );
        // The first `=` splits: the header keeps the second one.
        assert_eq!(
            m.lookup("NOM=MÈRE"),
            None,
            "non-ASCII letters are not uppercased"
        );
        assert_eq!(
            m.lookup("NOM=MèRE"),
            Some(Target::Identity(IdentityRole::NomMere))
        );
        assert!(m.maps_mother_name);

        let cases: &[(&str, usize)] = &[
            ("TYPEV\n", 1),
            ("# x\nFOO=bar\n", 2),
            ("TYPEV=\n", 1),
            ("TYPEV=a\nTYPEV=b\n", 2),
            ("TYPEV=a\nSEXE=A\n", 2),
        ];
        for (text, line) in cases {
            let e = ColumnMap::parse(text).unwrap_err();
            assert_eq!(e.code(), "map-file");
            assert!(
                e.message().contains(&format!("ligne {line} ")),
                "{text:?}: {}",
                e.message()
            );
        }
    }

    #[test]
    fn header_classification() {
        let empty = ColumnMap::default();
        assert_eq!(classify_header(&empty, "TYPEV"), Target::Var(ids::TYPEV));
        assert_eq!(
            classify_header(&empty, "NOM_MERE"),
            Target::Identity(IdentityRole::NomMere)
        );
        assert_eq!(classify_header(&empty, "FOO"), Target::Ignored);
        let m = ColumnMap::parse("NOMMERE=Nom de la mère\n").unwrap();
        assert_eq!(classify_header(&m, "NOMMEREJEUNE"), Target::Ignored);
        assert_eq!(normalise_header("  typev\u{feff} "), "TYPEV");
        assert_eq!(value_class(ids::AUTREDA), ValueClass::FreeText);
        assert_eq!(value_class(ids::DATDEB), ValueClass::Date);
        assert_eq!(value_class(ids::DATDECMIN), ValueClass::YearMonth);
        assert_eq!(value_class(ids::SEXE), ValueClass::Other);
    }
}
