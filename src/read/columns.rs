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

/// A parsed `--map-file`: `(target, normalised header, header as written)` entries, and the
/// columns declared absent (`CODE=` with nothing after the `=`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    entries: Vec<(Target, String, String)>,
    /// Columns the file does not have: no header is read as one of them by its name alone
    /// (the page's « absente du fichier » for a header the engine would have recognised).
    absent: Vec<Target>,
    /// The map names the mother's birth-name column explicitly.
    pub maps_mother_name: bool,
}

impl ColumnMap {
    /// Parses the map-file text: one `CODE=header as it appears` per line, the first `=`
    /// splits, blank lines and lines starting with `#` are ignored; `CODE=` alone says the
    /// file has no such column (no header is taken for it by its name). Errors name the
    /// line.
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
            if map.entries.iter().any(|(t, _, _)| *t == target) || map.absent.contains(&target) {
                return Err(bad(&format!(
                    "la variable {code} est déjà associée à une colonne"
                )));
            }
            if header.is_empty() {
                map.absent.push(target);
                continue;
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
        self.entries.is_empty() && self.absent.is_empty()
    }

    /// True when the map says the file has no column `target` (`CODE=`).
    pub fn is_absent(&self, target: Target) -> bool {
        self.absent.contains(&target)
    }
}

/// What a header cell (already normalised) names, before duplicate handling: the mapping
/// wins, then the variable codes, then the identity names, then [`match_header`]'s looser
/// matching (accents, separators, small words, word order, [`HEADER_SYNONYMS`]) — except
/// for a column the map declares absent.
pub fn classify_header(map: &ColumnMap, normalised: &str) -> Target {
    if let Some(t) = map.lookup(normalised) {
        return t;
    }
    let t = match name_target(normalised) {
        Some(t) => t,
        None => match match_header(normalised) {
            Some(m) => m.target,
            None => return Target::Ignored,
        },
    };
    if map.is_absent(t) {
        return Target::Ignored;
    }
    // When the map names the mother's birth-name column, the synonyms are not used.
    if t == Target::Identity(IdentityRole::NomMere) && map.maps_mother_name {
        return Target::Ignored;
    }
    t
}

/// The target an official name (a variable code or an identity column name, uppercase)
/// stands for.
fn name_target(upper: &str) -> Option<Target> {
    if let Some(i) = var_index(upper) {
        return Some(Target::Var(i));
    }
    identity_role(upper).map(Target::Identity)
}

// ---- Matching headers as exports write them ------------------------------------------
//
// Reporting tools rarely name a column with the decree's code: « Prénom », « Nom naissance
// mère », « Annee_naissance », « Date de début ». A header is reduced to its *key*: accents
// folded, letters uppercased, every other character (spaces, `_`, `-`, `'`, `.`, `°`…) a
// word break, the small words `DE DU DES D LA LE LES L` dropped, the words sorted (word order
// ignored) and joined by one space. It then names a column when its words written together
// are an official name (`type_v`, `Num-Dep`, `nom mere` → `NOMMERE`) or when its key is one
// of [`HEADER_SYNONYMS`]. The page's mapping step shows every header matched this way so that
// the person confirms it (docs/page.md "Correspondance des colonnes"); the command line uses
// the same matching.

/// Small words a header's key leaves out.
const SMALL_WORDS: [&str; 8] = ["D", "DE", "DES", "DU", "L", "LA", "LE", "LES"];

/// What exports call the columns, as keys (see [`header_key`]: the words in alphabetical
/// order, accents folded, small words left out) → the official column name. Identity
/// columns, birth year and month, dates, codes. A test checks that every key is its own
/// key and that no key is listed twice; docs/page.md lists them in words.
pub const HEADER_SYNONYMS: &[(&str, &str)] = &[
    // Identity columns of a nominative export (docs/spec/OLINPE.md §0.1).
    ("PRENOM", "PRENOM"),
    ("ENFANT PRENOM", "PRENOM"),
    ("JEUNE PRENOM", "PRENOM"),
    ("MINEUR PRENOM", "PRENOM"),
    ("PRENOMS", "PRENOM"),
    ("PRENOM USAGE", "PRENOM"),
    ("MERE NAISSANCE NOM", "NOMMERE"),
    ("MERE NOM", "NOMMERE"),
    ("FILLE JEUNE MERE NOM", "NOMMERE"),
    ("FILLE JEUNE NOM", "NOMMERE"),
    ("MERE NOM PATRONYMIQUE", "NOMMERE"),
    ("MERE NAIS NOM", "NOMMERE"),
    ("MERE NOMNAISSANCE", "NOMMERE"),
    ("MERE NOM USAGE", "NOMUSAGE"),
    ("MARITAL MERE NOM", "NOMUSAGE"),
    ("MERE NOMUSAGE", "NOMUSAGE"),
    ("JOUR NAISSANCE", "JNAIS"),
    ("JOUR NAIS", "JNAIS"),
    ("DOSSIER N", "NUMDO"),
    ("DOSSIER NO", "NUMDO"),
    ("DOSSIER NUM", "NUMDO"),
    ("DOSSIER NUMERO", "NUMDO"),
    ("DOSSIER", "NUMDO"),
    ("DOSSIER IDENTIFIANT", "NUMDO"),
    ("DOSSIER REFERENCE", "NUMDO"),
    ("NUMDOSSIER", "NUMDO"),
    // Birth year and month.
    ("ANNEE NAISSANCE", "ANAIS"),
    ("AN NAISSANCE", "ANAIS"),
    ("ANNEE NAIS", "ANAIS"),
    ("ANNEENAISSANCE", "ANAIS"),
    ("MOIS NAISSANCE", "MNAIS"),
    ("MOIS NAIS", "MNAIS"),
    ("MOISNAISSANCE", "MNAIS"),
    ("ENFANT SEXE", "SEXE"),
    ("JEUNE SEXE", "SEXE"),
    ("MINEUR SEXE", "SEXE"),
    // Dates.
    ("DATE DEBUT", "DATDEB"),
    ("DATE DEBUT MESURE", "DATDEB"),
    ("DEBUT MESURE", "DATDEB"),
    ("DATE DEBUT PRESTATION", "DATDEB"),
    ("DATE FIN", "DATFIN"),
    ("DATE FIN MESURE", "DATFIN"),
    ("FIN MESURE", "DATFIN"),
    ("DATE FIN PRESTATION", "DATFIN"),
    ("DATE DECISION", "DATDECPE"),
    ("DATE DECISION ENFANCE PROTECTION", "DATDECPE"),
    ("DATE INFORMATION PREOCCUPANTE", "DATIP"),
    ("DATE IP", "DATIP"),
    ("DATE SIGNALEMENT", "DATSIGN"),
    ("DATE ENFANTS JUGE SAISINE", "DATJE"),
    ("DATE JUGE SAISINE", "DATJE"),
    ("DATE PPE", "DATPPE"),
    ("AUTORITE DATE DECISION PARENTALE", "DATDECAP"),
    ("DATE DEMANDE EVALUATION NOTIFICATION", "NOTIFEVAL"),
    ("DATE EVALUATION FIN", "FINEVAL"),
    // Codes.
    ("DEPARTEMENT", "NUMDEP"),
    ("CODE DEPARTEMENT", "NUMDEP"),
    ("DEPARTEMENT NUMERO", "NUMDEP"),
    ("DEPARTEMENT N", "NUMDEP"),
    ("EVENEMENT TYPE", "TYPEV"),
    ("EVT TYPE", "TYPEV"),
    ("ANONYMAT NUMERO", "NUMANONYM"),
    ("ANONYME NUMERO", "NUMANONYM"),
    ("ANONYMAT ANTERIEUR NUMERO", "NUMANONYMANT"),
    ("DECISION NATURE", "DECISION"),
    ("LIEU PLACEMENT", "LIEUPLAC"),
    ("ACCUEIL LIEU PRINCIPAL", "LIEUPLAC"),
    ("DEPARTEMENT TERRITORIALE UNITE", "UTDP"),
    ("TERRITORIALE UNITE", "UTDP"),
];

/// How [`match_header`] matched a header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderMatch {
    /// What the header feeds.
    pub target: Target,
    /// The header is an official name as it stands (a variable code, `PRENOM`, `NOMMERE`,
    /// `NOMMEREJEUNE`, `NOM_MERE`, `NOMUSAGE`, `JNAIS`, `NUMDO`: uppercase, no space
    /// around); otherwise the person is asked to confirm it.
    pub exact: bool,
}

/// Folds one character for a header's key: uppercase ASCII letters and digits; accented
/// Latin letters lose their accent; everything else is a word break (`None`).
fn fold_char(c: char, out: &mut String) -> bool {
    let base = match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => {
            out.push(c.to_ascii_uppercase());
            return true;
        }
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "A",
        'ç' | 'Ç' => "C",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "E",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "I",
        'ñ' | 'Ñ' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => "O",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "U",
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "Y",
        'œ' | 'Œ' => "OE",
        'æ' | 'Æ' => "AE",
        _ => return false,
    };
    out.push_str(base);
    true
}

/// The words of a header that count, in the header's order: accents folded, uppercase,
/// small words left out.
fn header_words(cell: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut w = String::new();
    for c in cell.chars() {
        if !fold_char(c, &mut w) && !w.is_empty() {
            words.push(std::mem::take(&mut w));
        }
    }
    if !w.is_empty() {
        words.push(w);
    }
    words.retain(|w| !SMALL_WORDS.contains(&w.as_str()));
    words
}

/// A header's key (see [`HEADER_SYNONYMS`]): its words, sorted, joined by one space.
pub fn header_key(cell: &str) -> String {
    let mut words = header_words(cell);
    words.sort_unstable();
    words.join(" ")
}

/// Headers longer than this are no column name (a sentence, a title line): not matched.
const MAX_HEADER_CHARS: usize = 80;

/// What a header cell names by its name alone (no `--map-file`): an official name as it
/// stands (`exact`), the same ignoring case and surrounding spaces, an official name once
/// accents, separators and small words are left out, or a synonym of [`HEADER_SYNONYMS`]
/// in any word order. `None` when it names nothing.
pub fn match_header(cell: &str) -> Option<HeaderMatch> {
    let trimmed = cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if let Some(t) = name_target(trimmed) {
        return Some(HeaderMatch {
            target: t,
            exact: trimmed.len() == cell.len(),
        });
    }
    if trimmed.chars().count() > MAX_HEADER_CHARS {
        return None;
    }
    let words = header_words(trimmed);
    if words.is_empty() {
        return None;
    }
    let joined: String = words.concat();
    let target = name_target(&joined).or_else(|| {
        let mut sorted = words;
        sorted.sort_unstable();
        let key = sorted.join(" ");
        HEADER_SYNONYMS
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, code)| name_target(code))
    })?;
    Some(HeaderMatch {
        target,
        exact: false,
    })
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
            ("TYPEV=\nTYPEV=a\n", 2),
            ("TYPEV=a\nTYPEV=\n", 2),
            ("TYPEV=a\nTYPEV=b\n", 2),
            ("TYPEV=a\nSEXE=A\n", 2),
        ];
        // `CODE=` alone: the file has no such column.
        let m = ColumnMap::parse("TYPEV=\n").unwrap();
        assert!(m.is_absent(Target::Var(ids::TYPEV)) && !m.is_empty());
        assert_eq!(m.entries().count(), 0);
        assert_eq!(classify_header(&m, "TYPEV"), Target::Ignored);
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

    /// The shared table of header matching (the page's mapping step shows what the engine
    /// matches: e2e/mapping-match.test.mjs reads the same cases from tests/js/).
    #[test]
    fn headers_as_exports_write_them() {
        let table = include_str!("../../tests/js/header-matches.json");
        let cases: Vec<(String, Option<String>, bool)> =
            serde_json::from_str(table).expect("tests/js/header-matches.json");
        assert!(cases.len() >= 40);
        for (header, want, exact) in cases {
            let got = match_header(&header);
            assert_eq!(
                got.and_then(|m| target_code(m.target)),
                want.as_deref(),
                "{header:?}"
            );
            if want.is_some() {
                assert_eq!(got.map(|m| m.exact), Some(exact), "{header:?} exact");
            }
            // The engine's classification agrees (through the reader's normalisation).
            let t = classify_header(&ColumnMap::default(), &normalise_header(&header));
            assert_eq!(target_code(t), want.as_deref(), "{header:?} classified");
        }
    }

    #[test]
    fn synonym_table_is_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for (key, code) in HEADER_SYNONYMS {
            assert_eq!(header_key(key), *key, "{key} is not its own key");
            assert!(seen.insert(*key), "{key} listed twice");
            assert!(
                name_target(code).is_some(),
                "{key} → {code}: no such column"
            );
            // A synonym is no official name written otherwise (that needs no entry).
            assert!(
                name_target(&key.replace(' ', "")).is_none() || key.replace(' ', "") == *code,
                "{key}"
            );
        }
        // A mapping naming the mother's column hides the synonyms, matched loosely too.
        let m = ColumnMap::parse("NOMMERE=Nom de la mère\n").unwrap();
        assert_eq!(
            classify_header(&m, &normalise_header("Nom de jeune fille de la mère")),
            Target::Ignored
        );
        assert_eq!(
            classify_header(&m, &normalise_header("Nom de la mère")),
            Target::Identity(IdentityRole::NomMere)
        );
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
