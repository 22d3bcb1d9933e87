//! Value formats: parsing and checking one cell against its variable's type (docs/spec/OLINPE.md §2.5,
//! §4.3, §0.2), without allocation. Dates become intervals of day keys (`AAAAMMJJ` as an
//! integer) so that partially known dates can be compared safely.

/// A date, year-month or year reduced to the interval of days it may denote, as `AAAAMMJJ`
/// integers (comparable with `<`). `None` bounds mean the year itself is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First possible day.
    pub lo: u32,
    /// Last possible day.
    pub hi: u32,
}

impl Span {
    /// The year (all days of a span share it).
    pub fn year(self) -> u32 {
        self.lo / 10_000
    }
    /// True when the day is fully known.
    pub fn exact(self) -> bool {
        self.lo == self.hi
    }
}

/// What a cell of a date-like type turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parsed {
    /// `0000-00-00`, `0000-00`, `0000`: a database's null, counts as not filled.
    Zero,
    /// The "ne sait pas" form (`9999-99-99`, `9999-99`, `9999`, `99`).
    Nsp,
    /// A fully or partially known value.
    Known(Span),
    /// A date whose year is unknown but whose month or day is known (`9999-05-12`,
    /// `9999-05-99`): a form the guide prints, partially known, with nothing to compare.
    NoYear,
    /// Malformed; the reason is a French phrase completing "… : {reason}".
    Bad(&'static str),
}

const DATE_EXPECTED: &str = "attendu une date AAAA-MM-JJ d'une année entre 1900 et 2099 \
                             (jour inconnu : AAAA-MM-99, mois et jour inconnus : AAAA-99-99, \
                             date inconnue : 9999-99-99)";
const DATE_IMPOSSIBLE: &str = "cette date n'existe pas dans le calendrier (jour trop grand pour \
                               le mois)";
const YM_EXPECTED: &str = "attendu une année et un mois AAAA-MM (mois inconnu : AAAA-99, \
                           inconnu : 9999-99), année entre 1900 et 2099";
const YM_GOT_DATE: &str = "attendu une année et un mois AAAA-MM, sans le jour";
const YEAR_EXPECTED: &str = "attendu une année sur 4 chiffres entre 1900 et 2099 (9999 si \
                             inconnue)";
const MONTH_EXPECTED: &str = "attendu un mois sur 2 chiffres de 01 à 12 (99 si inconnu)";
const COUNT_EXPECTED: &str = "attendu un nombre de 0 à 99 sur un ou deux chiffres (99 si \
                              inconnu)";

fn digits(s: &[u8]) -> Option<u32> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    // Checked: a long run of digits is simply not a number of this kind (found by fuzzing).
    s.iter().try_fold(0u32, |n, b| {
        n.checked_mul(10)?.checked_add(u32::from(b - b'0'))
    })
}

/// True for a leap year of the Gregorian calendar.
pub fn leap(y: u32) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

/// Number of days of month `m` (1–12) of year `y`.
pub fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

fn year_ok(y: u32) -> bool {
    (1900..=2099).contains(&y)
}

fn span_of(y: u32, m: Option<u32>, d: Option<u32>) -> Span {
    let (mlo, mhi) = m.map_or((1, 12), |m| (m, m));
    let (dlo, dhi) = match (m, d) {
        (_, Some(d)) => (d, d),
        (Some(m), None) => (1, days_in_month(y, m)),
        (None, None) => (1, 31),
    };
    Span {
        lo: y * 10_000 + mlo * 100 + dlo,
        hi: y * 10_000 + mhi * 100 + dhi,
    }
}

/// Parses a full date `AAAA-MM-JJ` with the guide's unknown forms.
pub fn date(v: &str) -> Parsed {
    let b = v.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Parsed::Bad(DATE_EXPECTED);
    }
    let (Some(y), Some(m), Some(d)) = (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10]))
    else {
        return Parsed::Bad(DATE_EXPECTED);
    };
    // Each part known or unknown on its own (the guide: « 9999 si année inconnue, 99 si mois
    // inconnu et 99 si jour inconnu »), so `9999-MM-JJ` and `AAAA-99-JJ` are partial dates
    // (docs/spec/OLINPE.md §0.2 Imperative dates), not format errors.
    let day_ok =
        |m: u32| d == 99 || (1..=31).contains(&d) && (m == 99 || d <= days_in_month(2000, m));
    match (y, m, d) {
        (0, 0, 0) => Parsed::Zero,
        (9999, 99, 99) => Parsed::Nsp,
        (9999, m, _) if (m == 99 || (1..=12).contains(&m)) && day_ok(m) => Parsed::NoYear,
        (9999, _, _) => Parsed::Bad(DATE_EXPECTED),
        (y, _, _) if !year_ok(y) => Parsed::Bad(DATE_EXPECTED),
        (y, 99, d) if d == 99 || (1..=31).contains(&d) => Parsed::Known(span_of(y, None, None)),
        (_, 99, _) => Parsed::Bad(DATE_EXPECTED),
        (y, m @ 1..=12, 99) => Parsed::Known(span_of(y, Some(m), None)),
        (y, m @ 1..=12, d @ 1..=31) if d <= days_in_month(y, m) => {
            Parsed::Known(span_of(y, Some(m), Some(d)))
        }
        (_, 1..=12, 1..=31) => Parsed::Bad(DATE_IMPOSSIBLE),
        _ => Parsed::Bad(DATE_EXPECTED),
    }
}

/// Parses a year-month `AAAA-MM` (`AAAA-99`, `9999-99`; `9999-MM` as the schema allows).
pub fn year_month(v: &str) -> Parsed {
    let b = v.as_bytes();
    if b.len() == 10 && matches!(date(v), Parsed::Known(_) | Parsed::Nsp | Parsed::Zero) {
        return Parsed::Bad(YM_GOT_DATE);
    }
    if b.len() != 7 || b[4] != b'-' {
        return Parsed::Bad(YM_EXPECTED);
    }
    let (Some(y), Some(m)) = (digits(&b[0..4]), digits(&b[5..7])) else {
        return Parsed::Bad(YM_EXPECTED);
    };
    match (y, m) {
        (0, 0) => Parsed::Zero,
        (9999, 99) => Parsed::Nsp,
        // The schema accepts a known month with an unknown year; nothing can be compared.
        (9999, 1..=12) => Parsed::Nsp,
        (y, 99) if year_ok(y) => Parsed::Known(span_of(y, None, None)),
        (y, m @ 1..=12) if year_ok(y) => Parsed::Known(span_of(y, Some(m), None)),
        _ => Parsed::Bad(YM_EXPECTED),
    }
}

/// Parses a year `AAAA` (`9999` unknown, `0000` null).
pub fn year(v: &str) -> Parsed {
    let b = v.as_bytes();
    match (b.len(), digits(b)) {
        (4, Some(0)) => Parsed::Zero,
        (4, Some(9999)) => Parsed::Nsp,
        (4, Some(y)) if year_ok(y) => Parsed::Known(span_of(y, None, None)),
        _ => Parsed::Bad(YEAR_EXPECTED),
    }
}

/// Checks a month `MM`: `Ok(Some(m))`, `Ok(None)` for `99`, or the reason.
pub fn month(v: &str) -> Result<Option<u32>, &'static str> {
    let b = v.as_bytes();
    match (b.len(), digits(b)) {
        (2, Some(99)) => Ok(None),
        (2, Some(m @ 1..=12)) => Ok(Some(m)),
        _ => Err(MONTH_EXPECTED),
    }
}

/// Checks a count (one or two digits).
pub fn count(v: &str) -> Result<(), &'static str> {
    let b = v.as_bytes();
    if (1..=2).contains(&b.len()) && b.iter().all(u8::is_ascii_digit) {
        Ok(())
    } else {
        Err(COUNT_EXPECTED)
    }
}

/// Why a value is not 40 hexadecimal characters, if it is not.
pub fn hex40(v: &str) -> Option<&'static str> {
    if !v.bytes().all(|c| c.is_ascii_hexdigit()) {
        Some("la valeur contient des caractères qui ne sont pas hexadécimaux")
    } else if v.len() != 40 {
        Some(if v.len() < 40 {
            "la valeur est trop courte"
        } else {
            "la valeur est trop longue"
        })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(v: &str) -> (u32, u32) {
        match date(v) {
            Parsed::Known(s) => (s.lo, s.hi),
            other => panic!("{v}: {other:?}"),
        }
    }

    #[test]
    fn dates() {
        assert_eq!(known("2018-02-28"), (20180228, 20180228));
        assert_eq!(known("2016-02-29"), (20160229, 20160229));
        assert_eq!(known("2000-02-29"), (20000229, 20000229));
        assert_eq!(known("2018-02-99"), (20180201, 20180228));
        assert_eq!(known("2018-99-99"), (20180101, 20181231));
        // AAAA-99-JJ: the month is unknown, so the day says nothing more.
        assert_eq!(known("2018-99-05"), (20180101, 20181231));
        assert_eq!(date("9999-99-99"), Parsed::Nsp);
        for partial in ["9999-05-12", "9999-05-99", "9999-99-12", "9999-02-29"] {
            assert_eq!(date(partial), Parsed::NoYear, "{partial}");
        }
        assert_eq!(date("0000-00-00"), Parsed::Zero);
        for bad in [
            "2018-02-30",
            "1900-02-29",
            "2018-04-31",
            "2018-13-01",
            "2018-00-10",
            "2018-01-00",
            "2018-99-32",
            "9999-13-01",
            "9999-04-31",
            "9999-00-12",
            "1899-12-31",
            "2100-01-01",
            "2018-1-01",
            "20180101",
            "2018/01/01",
            "2018-01-01 ",
            "abcd-ef-gh",
            "２０１８-01-01",
        ] {
            assert!(matches!(date(bad), Parsed::Bad(_)), "{bad}");
        }
        assert_eq!(date("2018-02-30"), Parsed::Bad(DATE_IMPOSSIBLE));
    }

    #[test]
    fn year_months_years_months_counts() {
        assert!(matches!(year_month("2015-03"), Parsed::Known(_)));
        assert!(matches!(year_month("2015-99"), Parsed::Known(_)));
        assert_eq!(year_month("9999-99"), Parsed::Nsp);
        assert_eq!(year_month("0000-00"), Parsed::Zero);
        assert_eq!(year_month("2015-03-12"), Parsed::Bad(YM_GOT_DATE));
        for bad in ["2015-13", "2015-3", "1850-01", "2015-00", "201503"] {
            assert!(matches!(year_month(bad), Parsed::Bad(_)), "{bad}");
        }
        assert!(matches!(year("2004"), Parsed::Known(_)));
        assert_eq!(year("9999"), Parsed::Nsp);
        assert_eq!(year("0000"), Parsed::Zero);
        for bad in ["204", "20045", "1850", "2150", "20a4"] {
            assert!(matches!(year(bad), Parsed::Bad(_)), "{bad}");
        }
        assert_eq!(month("01"), Ok(Some(1)));
        assert_eq!(month("12"), Ok(Some(12)));
        assert_eq!(month("99"), Ok(None));
        for bad in ["00", "13", "1", "001", "a1"] {
            assert!(month(bad).is_err(), "{bad}");
        }
        for ok in ["0", "7", "07", "12", "99"] {
            assert!(count(ok).is_ok(), "{ok}");
        }
        for bad in ["100", "-1", "1.5", "a"] {
            assert!(count(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn hex() {
        assert_eq!(hex40(&"a".repeat(40)), None);
        assert_eq!(hex40(&"AbC0".repeat(10)), None);
        assert!(hex40(&"a".repeat(39)).is_some());
        assert!(hex40(&"a".repeat(41)).is_some());
        assert!(hex40(&format!("{}g", "a".repeat(39))).is_some());
    }

    #[test]
    fn span_helpers() {
        let Parsed::Known(s) = date("2018-05-99") else {
            panic!()
        };
        assert_eq!((s.year(), s.exact()), (2018, false));
        let Parsed::Known(s) = date("2018-03-04") else {
            panic!()
        };
        assert!(s.exact());
    }
}
