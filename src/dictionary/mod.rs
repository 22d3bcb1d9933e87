//! The dictionary of décret 2016-1966: the 105 variables plus `UTDP` (ODPE only), as data.
//!
//! Everything the rules, the writers, the generator and the page's dictionary need to know
//! about a variable lives in one [`Variable`] entry of [`VARIABLES`], in the XSD's
//! (alphabetical) order, `UTDP` last. Indices are the constants of [`ids`]. The schema's own
//! value patterns ([`xsd`]) are kept apart from the spec's rules because they differ
//! (docs/spec/OLINPE.md §0.2: guide-only date forms, `NUMDEP` 977–987…).

pub mod ids;
mod table;
pub mod xsd;

pub use table::VARIABLES;

/// The guide's blocks of variables (docs/spec/OLINPE.md §4.3 headings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Block {
    /// Short id as in the spec headings: "1", "2a", "2b", … "9".
    pub id: &'static str,
    /// French title of the block.
    pub title: &'static str,
}

/// The value type of a variable (docs/spec/OLINPE.md §4.3 "Type").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A code from the modality list.
    Code,
    /// `NUMDEP`: COG code of the département (modalities are the XSD list).
    Departement,
    /// Full date `AAAA-MM-JJ` with the guide's unknown forms (`AAAA-MM-99`, `AAAA-99-99`,
    /// `9999-99-99`).
    Date,
    /// Year-month `AAAA-MM` (`9999-99`, `AAAA-99`).
    YearMonth,
    /// Year `AAAA` (`9999` unknown).
    Year,
    /// Month `MM` (`99` unknown).
    Month,
    /// A count on one or two digits (`99` unknown).
    Count,
    /// 40 hexadecimal characters (`NUMANONYM`, `NUMANONYMANT`).
    Hex40,
    /// Free text of at most 40 characters (`AUTREDA`, `AUTREDJ`).
    Text40,
    /// `UTDP`: 3 characters, locally defined.
    Utdp,
}

/// A condition on other variables of the same record under which a variable is filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// The variable at index `.0` takes one of the values `.1`. A `""` in the list means
    /// "empty" counts as satisfying it (only `MODACC`: not schooled includes `SCODTCOM`
    /// empty, docs/spec/OLINPE.md §0.2); otherwise an empty or "ne sait pas" value leaves the
    /// condition unknown (§0.2).
    Is(usize, &'static [&'static str]),
    /// All of the conditions hold.
    All(&'static [Condition]),
    /// At least one of the conditions holds.
    Any(&'static [Condition]),
}

/// One variable of the decree.
#[derive(Debug, Clone, Copy)]
pub struct Variable {
    /// Number in the decree, 1–105; 0 for `UTDP`.
    pub number: u8,
    /// Official code (XML element and CSV column name).
    pub code: &'static str,
    /// French label (décret/XSD wording).
    pub label: &'static str,
    /// The guide's block.
    pub block: Block,
    /// Value type.
    pub kind: Kind,
    /// Modalities `(code, French label)`, "ne sait pas" included, for coded variables
    /// (and `NUMDEP`); empty for the others.
    pub modalities: &'static [(&'static str, &'static str)],
    /// The "ne sait pas" value (`9`, `99`, `999`, `9999`, `9999-99-99`, `9999-99`), if any.
    pub nsp: Option<&'static str>,
    /// When to fill it, in French, paraphrasing the guide ("quand renseigner").
    pub when: &'static str,
    /// ONPE's notes from the guide, paraphrased (may be empty).
    pub notes: &'static str,
    /// Minimum age in completed years (inclusive), if the variable concerns only older people.
    pub min_age: Option<u8>,
    /// Age bound (exclusive): the variable concerns only people younger than this.
    pub max_age: Option<u8>,
    /// Event types (TYPEV 1, 2, 3) the variable belongs to.
    pub typev: [bool; 3],
    /// Condition on other variables under which it is filled (§5.2, §5.4, §6.2 as corrected
    /// by §0.2); `None` when it applies whenever its event type and age do.
    pub condition: Option<Condition>,
    /// Mandatory for every record (the §9 list; `DATFIN`/`MOTFININT` are handled by TYPEV).
    pub mandatory: bool,
    /// Applies only when a fact absent from the file holds (an evaluation took place, a
    /// second adult lives in the home, a judicial report was made, no measure follows the
    /// end), so an empty value is normal and must not be reported as "applicable but empty".
    pub situational: bool,
}

impl Variable {
    /// True when `value` is one of the modality codes.
    pub fn has_modality(&self, value: &str) -> bool {
        self.modalities.iter().any(|(c, _)| *c == value)
    }

    /// French label of a modality code, if it is one.
    pub fn modality_label(&self, value: &str) -> Option<&'static str> {
        self.modalities
            .iter()
            .find(|(c, _)| *c == value)
            .map(|(_, l)| *l)
    }
}

/// Index of a variable by its code (exact, uppercase), `UTDP` included.
pub fn index_of(code: &str) -> Option<usize> {
    VARIABLES.iter().position(|v| v.code == code)
}

/// The variable at `index` (see [`ids`]).
pub fn var(index: usize) -> &'static Variable {
    &VARIABLES[index]
}

/// Identifier of the dictionary, as written in reports.
pub const DICTIONARY_ID: &str = "decret-2016-1966";
