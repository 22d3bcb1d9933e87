//! Typed cells and how each becomes the text of a record (docs/spec/INTERFACES.md
//! "Spreadsheet input"): the sheet readers yield [`Cell`]s; once the header row is found,
//! the caller knows what each column feeds and renders each cell with [`render_into`] for
//! that column's [`ColumnKind`]. The typed problems (a number in a name column, a
//! non-integer number in a code column) come back as [`CellProblem`] data.

use super::dates::{push_clock, push_date, DateTime};
use crate::dictionary::{self, Kind};
use crate::read::{IdentityRole, Target};

/// One cell of a sheet, by its type in the workbook.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value (also a cell with only a format, or a covered cell of a merged area).
    Empty,
    /// Text, exactly as stored (shared or inline string, string formula result).
    Text(String),
    /// A number with no fractional part (after rounding to 15 significant digits, as a
    /// spreadsheet shows it).
    Int(i64),
    /// A number with a fractional part, rounded to 15 significant digits.
    Float(f64),
    /// A date-typed cell (XLSX: a number with a date format; ODS: `office:value-type="date"`).
    Date(DateTime),
    /// A time-typed cell (a time of day without a date, or a duration), in seconds.
    Time(u32),
    /// A boolean cell.
    Bool(bool),
    /// A formula error, as the spreadsheet shows it (`#DIV/0!`, `#N/A`…).
    Error(String),
}

impl Cell {
    /// The cell for a number as stored: [`Cell::Int`] when it has no fractional part once
    /// rounded to 15 significant digits (`2.9999999999999996`, a formula's `0.1*30`, is
    /// `3`), else [`Cell::Float`]; `NaN` and infinities (never stored by a spreadsheet) are
    /// an error cell.
    pub fn number(v: f64) -> Cell {
        if !v.is_finite() {
            return Cell::Error("#NUM!".into());
        }
        const I64_BOUND: f64 = 9.223_372_036_854_775e18;
        if v.fract() == 0.0 && v.abs() < I64_BOUND {
            return Cell::Int(v as i64);
        }
        let r = round15(v);
        if r.fract() == 0.0 && r.abs() < I64_BOUND {
            Cell::Int(r as i64)
        } else {
            Cell::Float(r)
        }
    }

    /// True for [`Cell::Empty`] and for an empty text.
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.is_empty(),
            _ => false,
        }
    }
}

/// `v` rounded to 15 significant digits, the precision a spreadsheet displays.
fn round15(v: f64) -> f64 {
    format!("{v:.14e}").parse().unwrap_or(v)
}

/// How the cells of a column become text: decided by the variable (or identity column) the
/// column feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Anything without a rule of its own: free text, identifiers, `NUMDO`, `UTDP`, unknown
    /// columns. Numbers as written (integers without decimals).
    Text,
    /// First name or mother's name (`PRENOM`, `NOMMERE`…, `NOMUSAGE`): a number is reported.
    Name,
    /// A coded variable or a count: a number must be an integer, written without padding.
    Code,
    /// `NUMDEP`, `MNAIS`, `JNAIS`: an integer on at least two digits (`5` → `05`).
    TwoDigits,
    /// A year (`ANAIS`, `ANSMERE`…): an integer on at least four digits.
    Year,
    /// A full date: a date cell is `AAAA-MM-JJ`.
    Date,
    /// A year-month date (`DATDCMERE`, `DATDCPERE`, `DATDECMIN`): a date cell is `AAAA-MM`.
    YearMonth,
}

impl ColumnKind {
    /// The kind of a column that feeds `target` (from the dictionary's [`Kind`] of the
    /// variable, or the identity role).
    pub fn of(target: Target) -> ColumnKind {
        match target {
            Target::Var(i) => match dictionary::VARIABLES.get(i).map(|v| v.kind) {
                Some(Kind::Code | Kind::Count) => ColumnKind::Code,
                Some(Kind::Departement | Kind::Month) => ColumnKind::TwoDigits,
                Some(Kind::Year) => ColumnKind::Year,
                Some(Kind::Date) => ColumnKind::Date,
                Some(Kind::YearMonth) => ColumnKind::YearMonth,
                Some(Kind::Hex40 | Kind::Text40 | Kind::Utdp) | None => ColumnKind::Text,
            },
            Target::Identity(IdentityRole::Prenom | IdentityRole::NomMere)
            | Target::Identity(IdentityRole::NomUsage) => ColumnKind::Name,
            Target::Identity(IdentityRole::Jnais) => ColumnKind::TwoDigits,
            Target::Identity(IdentityRole::Numdo) | Target::Ignored => ColumnKind::Text,
        }
    }

    /// True for the columns whose numbers must be integers.
    fn wants_integer(self) -> bool {
        matches!(
            self,
            ColumnKind::Code | ColumnKind::TwoDigits | ColumnKind::Year
        )
    }
}

/// A problem a cell's type reveals, for the caller to report as a finding (the text is still
/// rendered: the rules then judge the value as usual).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellProblem {
    /// A number (or a date) in a first-name or mother's-name column.
    NumberInName,
    /// A number with a fractional part in a coded, count, year, month or département column.
    NonIntegerInCode,
}

/// Appends the text of `cell` for a column of kind `kind` to `out`, as docs/spec/INTERFACES.md
/// says: a number as its integer (`5.0` → `5`), without padding except on two digits for
/// `NUMDEP`, `MNAIS`, `JNAIS` and four for years; a non-integer with a decimal point and at
/// most 15 significant digits; a date cell as `AAAA-MM-JJ` (`AAAA-MM` in a year-month
/// column), followed by ` HH:MM:SS` when its time is not midnight (except in a year-month
/// column) so that the rules see a date and time; a time cell as `HH:MM:SS`; a boolean as
/// `VRAI`/`FAUX` (as French spreadsheets show and export it); an error as shown (`#N/A`);
/// text as it is.
pub fn render_into(cell: &Cell, kind: ColumnKind, out: &mut String) -> Option<CellProblem> {
    use std::fmt::Write;
    let name_problem = (kind == ColumnKind::Name).then_some(CellProblem::NumberInName);
    match cell {
        Cell::Empty => None,
        Cell::Text(s) => {
            out.push_str(s);
            None
        }
        Cell::Int(n) => {
            let _ = match kind {
                ColumnKind::TwoDigits => write!(out, "{n:02}"),
                ColumnKind::Year => write!(out, "{n:04}"),
                _ => write!(out, "{n}"),
            };
            name_problem
        }
        Cell::Float(f) => {
            let _ = write!(out, "{f}");
            if kind.wants_integer() {
                Some(CellProblem::NonIntegerInCode)
            } else {
                name_problem
            }
        }
        Cell::Date(d) => {
            if kind == ColumnKind::YearMonth {
                let _ = write!(out, "{:04}-{:02}", d.year, d.month);
            } else {
                push_date(d, out);
                if d.seconds != 0 {
                    out.push(' ');
                    push_clock(d.seconds, out);
                }
            }
            name_problem
        }
        Cell::Time(s) => {
            push_clock(*s, out);
            name_problem
        }
        Cell::Bool(b) => {
            out.push_str(if *b { "VRAI" } else { "FAUX" });
            None
        }
        Cell::Error(e) => {
            out.push_str(e);
            None
        }
    }
}

/// [`render_into`] into a new string.
pub fn render(cell: &Cell, kind: ColumnKind) -> (String, Option<CellProblem>) {
    let mut s = String::new();
    let p = render_into(cell, kind, &mut s);
    (s, p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::ids;
    use ColumnKind::*;

    fn date(year: u16, month: u8, day: u8, seconds: u32) -> Cell {
        Cell::Date(DateTime {
            year,
            month,
            day,
            seconds,
        })
    }

    #[test]
    fn numbers_become_cells() {
        assert_eq!(Cell::number(5.0), Cell::Int(5));
        assert_eq!(Cell::number(-0.0), Cell::Int(0));
        assert_eq!(Cell::number(-12.0), Cell::Int(-12));
        assert_eq!(Cell::number(2.5), Cell::Float(2.5));
        assert_eq!(Cell::number(0.1 + 0.2), Cell::Float(0.3));
        assert_eq!(Cell::number(0.1 * 3.0 * 10.0), Cell::Int(3));
        assert_eq!(Cell::number(2.999_999_999_999_999_6), Cell::Int(3));
        assert_eq!(
            Cell::number(123_456_789_012_345.0),
            Cell::Int(123_456_789_012_345)
        );
        assert_eq!(Cell::number(1e20), Cell::Float(1e20));
        assert_eq!(Cell::number(f64::NAN), Cell::Error("#NUM!".into()));
    }

    /// One line per (cell, kind): the text and the problem.
    #[test]
    fn render_table() {
        let cases: &[(Cell, ColumnKind, &str, Option<CellProblem>)] = &[
            (Cell::Empty, Code, "", None),
            (Cell::Empty, Name, "", None),
            (Cell::Text("5".into()), TwoDigits, "5", None), // text stays: CSV damage rules
            (Cell::Text(" Jean ".into()), Name, " Jean ", None),
            (Cell::Text("01".into()), Code, "01", None),
            (Cell::Int(5), Code, "5", None),
            (Cell::Int(5), Text, "5", None),
            (Cell::Int(5), TwoDigits, "05", None),
            (Cell::Int(75), TwoDigits, "75", None),
            (Cell::Int(976), TwoDigits, "976", None),
            (Cell::Int(2005), Year, "2005", None),
            (Cell::Int(9999), Year, "9999", None),
            (Cell::Int(5), Year, "0005", None),
            (Cell::Int(99), Code, "99", None),
            (Cell::Int(12), Date, "12", None), // a number is no date: the rules say so
            (Cell::Int(43243), Date, "43243", None),
            (Cell::Int(123_456_789), Text, "123456789", None), // NUMDO as a number: normal
            (Cell::Int(12), Name, "12", Some(CellProblem::NumberInName)),
            (
                Cell::Float(2.5),
                Name,
                "2.5",
                Some(CellProblem::NumberInName),
            ),
            (
                Cell::Float(2.5),
                Code,
                "2.5",
                Some(CellProblem::NonIntegerInCode),
            ),
            (
                Cell::Float(1.5),
                TwoDigits,
                "1.5",
                Some(CellProblem::NonIntegerInCode),
            ),
            (
                Cell::Float(2005.5),
                Year,
                "2005.5",
                Some(CellProblem::NonIntegerInCode),
            ),
            (Cell::Float(0.25), Text, "0.25", None),
            (Cell::Float(1e20), Text, "100000000000000000000", None),
            (Cell::Float(-0.001), Date, "-0.001", None),
            (date(2018, 5, 23, 0), Date, "2018-05-23", None),
            (date(2018, 5, 23, 0), YearMonth, "2018-05", None),
            (date(2018, 5, 23, 0), Text, "2018-05-23", None),
            (date(2018, 5, 23, 0), Code, "2018-05-23", None),
            (date(2018, 5, 3, 52_200), Date, "2018-05-03 14:30:00", None),
            (date(2018, 5, 3, 52_200), YearMonth, "2018-05", None),
            (
                date(2018, 5, 3, 0),
                Name,
                "2018-05-03",
                Some(CellProblem::NumberInName),
            ),
            (Cell::Time(45_000), Text, "12:30:00", None),
            (Cell::Time(45_000), Date, "12:30:00", None),
            (Cell::Bool(true), Code, "VRAI", None),
            (Cell::Bool(false), Text, "FAUX", None),
            (Cell::Error("#DIV/0!".into()), Code, "#DIV/0!", None),
        ];
        for (cell, kind, text, problem) in cases {
            let (s, p) = render(cell, *kind);
            assert_eq!((s.as_str(), p), (*text, *problem), "{cell:?} {kind:?}");
        }
    }

    #[test]
    fn render_appends() {
        let mut s = String::from("x=");
        render_into(&Cell::Int(7), TwoDigits, &mut s);
        assert_eq!(s, "x=07");
    }

    #[test]
    fn kinds_from_dictionary() {
        let cases = [
            (Target::Var(ids::NUMDEP), TwoDigits),
            (Target::Var(ids::MNAIS), TwoDigits),
            (Target::Var(ids::ANAIS), Year),
            (Target::Var(ids::ANSMERE), Year),
            (Target::Var(ids::DATDEB), Date),
            (Target::Var(ids::DATDCMERE), YearMonth),
            (Target::Var(ids::TYPEV), Code),
            (Target::Var(ids::NBENF), Code),
            (Target::Var(ids::AUTREDA), Text),
            (Target::Var(ids::NUMANONYM), Text),
            (Target::Var(ids::UTDP), Text),
            (Target::Var(usize::MAX), Text),
            (Target::Identity(IdentityRole::Prenom), Name),
            (Target::Identity(IdentityRole::NomMere), Name),
            (Target::Identity(IdentityRole::NomUsage), Name),
            (Target::Identity(IdentityRole::Jnais), TwoDigits),
            (Target::Identity(IdentityRole::Numdo), Text),
            (Target::Ignored, Text),
        ];
        for (t, k) in cases {
            assert_eq!(ColumnKind::of(t), k, "{t:?}");
        }
        // Every variable of the dictionary has a kind that renders a date cell as a date.
        for i in 0..dictionary::VARIABLES.len() {
            let (s, _) = render(&date(2018, 5, 23, 0), ColumnKind::of(Target::Var(i)));
            assert!(s.starts_with("2018-05"), "{i}");
        }
    }
}
