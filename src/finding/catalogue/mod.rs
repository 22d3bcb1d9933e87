//! The finding catalogue: one entry per stable code (docs/spec/STYLE.md point 5), and the
//! [`Code`] enum generated from it.
//!
//! **One table.** The entries are written once, in five parts by owner — the reader
//! (`read.rs`), the record rules (`record.rs`), the file rules (`file.rs`), pseudonymisation
//! (`pseudo.rs`), the continuity check between two years (`continuity.rs`) — and one macro,
//! `catalogue!`, turns them into the [`Code`] enum (one variant per entry, in catalogue
//! order), the code strings, the [`Part`] of each code and the entries themselves. A mistyped `Code::Variant` does not build; a code without an entry
//! cannot exist; nothing decides by comparing code strings.
//!
//! **The chain.** A `macro_rules!` invocation cannot read five files, so each part file
//! defines a macro (`read_part!`…) that appends its section to the sections it is given and
//! calls the next macro of a list: `read_part! { record_part, file_part, pseudo_part,
//! continuity_part, catalogue; }` below expands to `catalogue! { ; Read {…} Record {…} File
//! {…} Pseudo {…} Continuity {…} }`.
//! The tokens keep their place in the part files, so an error points at the right line.
//!
//! **The string stays the external name**: [`Code::as_str`] is the kebab-case code of the
//! report, the findings CSV, the docs and the page, and `Serialize` writes it. [`Code`]'s
//! order ([`Ord`]) is the order of those strings, so every sorted output (the report's
//! `counts`, findings within a row, the findings cap's round-robin) is exactly what it was
//! when codes were strings. Tests check that codes are unique kebab-case, that variant names
//! are their camel case, that the order is the strings' order, that templates' placeholders
//! are well formed (and, in `tests/golden.rs`, filled by their emitters), that no two codes
//! share an explanation, and that every code has a golden fixture.

use super::Severity;
use std::cmp::Ordering;
use std::fmt;

/// One catalogue entry.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// Stable code.
    pub code: Code,
    /// The part of the catalogue (and of the crate) that emits it.
    pub part: Part,
    /// Severity (docs/spec/OLINPE.md §0.2).
    pub severity: Severity,
    /// Short French title.
    pub title: &'static str,
    /// French message template with named placeholders `{name}`: what is wrong, where, and
    /// how to fix it at the source.
    pub template: &'static str,
    /// The message template used instead of `template` when the variable concerned is
    /// absent from the file (no column, or no element in the record): it says so and points
    /// to the extraction rather than to the data entry (docs/spec/OLINPE.md §0.2). Same
    /// placeholders as `template`.
    pub absent_template: Option<&'static str>,
    /// Plain-language French explanation for non-technical staff: why the ONPE needs it.
    pub explanation: &'static str,
    /// The variable concerned, when the code is about one variable only.
    pub variable: Option<&'static str>,
    /// The ONPE audit section (docs/spec/OLINPE.md §6.1) it matches, if any.
    pub onpe_section: Option<&'static str>,
    /// The spec reference (e.g. "§5.2", "§0.2 Reading problems").
    pub spec: &'static str,
}

/// Declares [`Code`], [`Part`] and the entries from the sections of the parts (see the
/// module documentation). Each section is `Part { Variant { code: "kebab-code", severity:
/// …, title: …, template: …, [absent_template: …,] explanation: …, variable: …,
/// onpe_section: …, spec: … }, … }`, fields in that order (`absent_template` optional).
macro_rules! catalogue {
    (; $(
        $(#[$part_meta:meta])*
        $part:ident {
            $(
                $variant:ident {
                    code: $code:literal,
                    severity: $severity:expr,
                    title: $title:literal,
                    template: $template:expr,
                    $(absent_template: $absent:expr,)?
                    explanation: $explanation:expr,
                    variable: $variable:expr,
                    onpe_section: $onpe_section:expr,
                    spec: $spec:expr $(,)?
                }
            ),* $(,)?
        }
    )*) => {
        /// A finding code: one variant per catalogue entry, in catalogue order. Its external
        /// name is [`Code::as_str`]; it is ordered by that name.
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Code {
            $($(
                #[doc = concat!("`", $code, "`: ", $title, ".")]
                $variant,
            )*)*
        }

        /// The part of the catalogue a code belongs to: who emits it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Part {
            $(
                $(#[$part_meta])*
                $part,
            )*
        }

        impl Code {
            /// Every code, in catalogue order (by part, then as written).
            pub const ALL: &'static [Code] = &[$($(Code::$variant,)*)*];

            /// The stable kebab-case code (the external name of the code).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($(Code::$variant => $code,)*)*
                }
            }

            /// The code named `s`, if the catalogue has it (for reading code names from
            /// outside: fixtures, other tools).
            pub fn parse(s: &str) -> Option<Code> {
                match s {
                    $($($code => Some(Code::$variant),)*)*
                    _ => None,
                }
            }

            /// The variant's name in Rust, for the test that names follow the codes.
            #[cfg(test)]
            fn variant_name(self) -> &'static str {
                match self {
                    $($(Code::$variant => stringify!($variant),)*)*
                }
            }
        }

        /// Every entry, indexed by `Code as usize`.
        static ENTRIES: [Entry; Code::ALL.len()] = [
            $($(
                Entry {
                    code: Code::$variant,
                    part: Part::$part,
                    severity: $severity,
                    title: $title,
                    template: $template,
                    absent_template: catalogue!(@opt $($absent)?),
                    explanation: $explanation,
                    variable: $variable,
                    onpe_section: $onpe_section,
                    spec: $spec,
                },
            )*)*
        ];
    };
    (@opt) => { None };
    (@opt $e:expr) => { Some($e) };
}

#[macro_use]
mod read;
#[macro_use]
mod record;
#[macro_use]
mod file;
#[macro_use]
mod pseudo;
#[macro_use]
mod continuity;

// The one table: the parts in catalogue order, then the macro that declares everything.
read_part! { record_part, file_part, pseudo_part, continuity_part, catalogue; }

/// Position of each code in the order of the code strings (see [`Code`]'s `Ord`).
static RANK: [u8; Code::ALL.len()] = rank();

/// Computes [`RANK`] at compile time: the number of codes whose string sorts before each one.
const fn rank() -> [u8; Code::ALL.len()] {
    const N: usize = Code::ALL.len();
    const { assert!(N <= 256, "more codes than a byte can number") };
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        let mut before = 0;
        let mut j = 0;
        while j < N {
            if str_less(Code::ALL[j].as_str(), Code::ALL[i].as_str()) {
                before += 1;
            }
            j += 1;
        }
        out[i] = before as u8;
        i += 1;
    }
    out
}

/// `a < b` in byte order (as `str`'s `Ord`), usable in a constant.
const fn str_less(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut k = 0;
    while k < a.len() && k < b.len() {
        if a[k] != b[k] {
            return a[k] < b[k];
        }
        k += 1;
    }
    a.len() < b.len()
}

impl Code {
    /// The catalogue entry of this code.
    pub fn entry(self) -> &'static Entry {
        &ENTRIES[self as usize]
    }

    /// The code's severity (from its entry).
    pub fn severity(self) -> Severity {
        self.entry().severity
    }

    /// The code numbered `n` by `self as u8` (the compact form a finding travels in between
    /// the page's workers).
    pub fn from_u8(n: u8) -> Option<Code> {
        Code::ALL.get(usize::from(n)).copied()
    }
}

impl Ord for Code {
    /// The order of the code strings.
    fn cmp(&self, other: &Self) -> Ordering {
        RANK[*self as usize].cmp(&RANK[*other as usize])
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Code {
    /// The kebab-case code (padding and alignment apply, as for a `str`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl serde::Serialize for Code {
    /// As its kebab-case string (also as a map key).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::str::FromStr for Code {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Code::parse(s).ok_or(UnknownCode)
    }
}

/// A name that is not a code of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownCode;

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("code de constat inconnu")
    }
}

impl std::error::Error for UnknownCode {}

/// Every catalogue entry, in catalogue order (by part, then as written).
pub fn all() -> impl Iterator<Item = &'static Entry> {
    ENTRIES.iter()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_unique_and_kebab() {
        let mut seen = HashSet::new();
        for e in all() {
            let code = e.code.as_str();
            assert!(seen.insert(code), "duplicate code {code}");
            assert!(
                code.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    && !code.starts_with('-')
                    && !code.ends_with('-')
                    && !code.contains("--"),
                "not kebab-case: {code}"
            );
        }
    }

    #[test]
    fn entries_are_indexed_by_code_and_names_follow_codes() {
        assert_eq!(Code::ALL.len(), all().count());
        for (i, (e, &c)) in all().zip(Code::ALL).enumerate() {
            assert_eq!((e.code, c as usize), (c, i));
            assert_eq!(c.entry().code, c);
            assert_eq!(Code::parse(c.as_str()), Some(c));
            assert_eq!(c.as_str().parse::<Code>(), Ok(c));
            assert_eq!(Code::from_u8(c as u8), Some(c));
            let camel: String = c
                .as_str()
                .split('-')
                .map(|w| w[..1].to_ascii_uppercase() + &w[1..])
                .collect();
            assert_eq!(c.variant_name(), camel, "variant name of {c}");
        }
        assert_eq!(Code::parse("no-such-code"), None);
        assert_eq!(Code::from_u8(Code::ALL.len() as u8), None);
    }

    /// `Code`'s order is the order of its strings, which outputs were sorted by.
    #[test]
    fn order_is_the_order_of_the_strings() {
        for &a in Code::ALL {
            for &b in Code::ALL {
                assert_eq!(a.cmp(&b), a.as_str().cmp(b.as_str()), "{a} {b}");
            }
        }
        let mut sorted = Code::ALL.to_vec();
        sorted.sort();
        let mut strings: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        strings.sort_unstable();
        assert_eq!(
            sorted.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
            strings
        );
    }

    #[test]
    fn parts_keep_their_order() {
        let parts: Vec<Part> = all().map(|e| e.part).collect();
        let order = [
            Part::Read,
            Part::Record,
            Part::File,
            Part::Pseudo,
            Part::Continuity,
        ];
        let rank = |p: Part| order.iter().position(|&q| q == p);
        assert!(parts.windows(2).all(|w| rank(w[0]) <= rank(w[1])));
        for p in order {
            assert!(parts.contains(&p), "{p:?} has no code");
        }
    }

    #[test]
    fn displays_and_serialises_as_the_string() {
        let c = Code::UnknownColumn;
        assert_eq!(c.to_string(), "unknown-column");
        assert_eq!(format!("{c:>16}|"), "  unknown-column|");
        assert_eq!(format!("{c:?}"), "\"unknown-column\"");
        assert_eq!(
            serde_json::to_string(&c).ok().as_deref(),
            Some("\"unknown-column\"")
        );
        let map: std::collections::BTreeMap<Code, u8> = [(Code::NoRecords, 1), (c, 2)].into();
        assert_eq!(
            serde_json::to_string(&map).ok().as_deref(),
            Some("{\"no-records\":1,\"unknown-column\":2}")
        );
    }

    /// Every `{` of a template opens a placeholder with a plain name (`{valeur}`) closed by
    /// the next `}`, and no `}` stands alone: `render` fills them all (`tests/golden.rs`
    /// checks that the emitters give each one a value).
    #[test]
    fn templates_have_well_formed_placeholders() {
        for e in all() {
            let mut name: Option<String> = None;
            for c in e.template.chars() {
                match (&mut name, c) {
                    (None, '{') => name = Some(String::new()),
                    (None, '}') => panic!("{}: stray }}", e.code),
                    (Some(n), '}') => {
                        assert!(!n.is_empty(), "{}: empty placeholder", e.code);
                        name = None;
                    }
                    (Some(n), c) if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' => {
                        n.push(c)
                    }
                    (Some(n), c) => panic!("{}: {c:?} in placeholder {{{n}", e.code),
                    (None, _) => {}
                }
            }
            assert!(name.is_none(), "{}: unclosed placeholder", e.code);
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
}
