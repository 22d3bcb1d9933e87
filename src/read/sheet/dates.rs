//! Dates and times as spreadsheets store them, and as database exports write them in text:
//! Excel serial numbers (1900 and 1904 systems), ISO 8601 values (ODS `office:date-value`,
//! `office:time-value`, XLSX `t="d"` cells), and a text date followed by a time
//! (`2018-05-23 00:00:00`, `23/05/2018 00:00`), which the repair code shortens to its date
//! when the time is midnight. Pure functions, no clock.

/// A calendar date with the time of day, as a date cell holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// Year, 1–9999 (0 never occurs: serial numbers start in 1900).
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31 (`1900-02-29` exists only in Excel's 1900 system, as Excel shows it).
    pub day: u8,
    /// Seconds since midnight, rounded to the second (0 for a plain date).
    pub seconds: u32,
}

/// Excel's last serial day, 9999-12-31, in the 1900 system.
const MAX_SERIAL_1900: f64 = 2_958_465.0;
/// The same day in the 1904 system.
const MAX_SERIAL_1904: f64 = MAX_SERIAL_1900 - 1462.0;

/// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date `days` after 1970-01-01 (H. Hinnant's `civil_from_days`).
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The date and time of an Excel serial number: days since 1899-12-31 in the 1900 system
/// (with Excel's fictitious 1900-02-29 at 60), since 1904-01-01 in the 1904 system; the
/// fraction is the time of day. `None` below day 1 (a time alone, see [`serial_seconds`]),
/// past 9999-12-31, or not a finite number.
pub fn serial_to_datetime(serial: f64, is_1904: bool) -> Option<DateTime> {
    let max = if is_1904 {
        MAX_SERIAL_1904
    } else {
        MAX_SERIAL_1900
    };
    if !serial.is_finite() || serial < 1.0 || serial >= max + 1.0 {
        return None;
    }
    let mut days = serial.floor();
    let mut seconds = ((serial - days) * 86_400.0).round() as u32;
    if seconds >= 86_400 {
        days += 1.0;
        seconds = 0;
        if days >= max + 1.0 {
            return None;
        }
    }
    let days = days as i64;
    let (y, m, d) = if is_1904 {
        civil_from_days(days_from_civil(1904, 1, 1) + days)
    } else if days == 60 {
        (1900, 2, 29)
    } else if days < 60 {
        civil_from_days(days_from_civil(1899, 12, 31) + days)
    } else {
        civil_from_days(days_from_civil(1899, 12, 30) + days)
    };
    Some(DateTime {
        year: u16::try_from(y).ok()?,
        month: m as u8,
        day: d as u8,
        seconds,
    })
}

/// Seconds of a serial number below one day (a time of day alone, or a duration of any
/// length), rounded to the second; `None` when negative or not finite.
pub fn serial_seconds(serial: f64) -> Option<u32> {
    if !serial.is_finite() || serial < 0.0 {
        return None;
    }
    let s = (serial * 86_400.0).round();
    (s <= f64::from(u32::MAX)).then_some(s as u32)
}

fn num(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0')))
}

/// Days in month `m` of year `y` (proleptic Gregorian).
fn month_days(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        _ => 28,
    }
}

/// Parses `HH:MM[:SS[.fff]]` into seconds since midnight (fractions rounded); hours up to 23
/// unless `any_hours`.
fn parse_clock(t: &[u8], any_hours: bool) -> Option<u32> {
    let mut parts = t.splitn(3, |&b| b == b':');
    let h = parts
        .next()
        .filter(|p| (1..=2).contains(&p.len()))
        .and_then(num)?;
    let m = parts.next().filter(|p| p.len() == 2).and_then(num)?;
    let (s, frac) = match parts.next() {
        None => (0, 0.0),
        Some(p) => {
            let (whole, frac) = match p.iter().position(|&b| b == b'.' || b == b',') {
                Some(i) => (&p[..i], &p[i + 1..]),
                None => (p, &[][..]),
            };
            if whole.len() != 2 || frac.len() > 9 {
                return None;
            }
            let f = if frac.is_empty() {
                0.0
            } else {
                f64::from(num(frac)?) / 10f64.powi(frac.len() as i32)
            };
            (num(whole)?, f)
        }
    };
    if (!any_hours && h > 23) || m > 59 || s > 59 {
        return None;
    }
    Some(h * 3600 + m * 60 + s + frac.round() as u32)
}

/// Parses an ISO 8601 date or date-time as ODS (`office:date-value`) and XLSX (`t="d"`)
/// write them: `AAAA-MM-JJ`, optionally followed by `THH:MM[:SS[.fff]]` and a zone (`Z` or
/// `±HH:MM`, ignored: a spreadsheet date has no zone). A time of `24:00` or seconds that
/// round up to the next day are not expected and refused. `None` when it is not one.
pub fn parse_iso_datetime(v: &str) -> Option<DateTime> {
    let b = v.trim().as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (num(&b[..4])?, num(&b[5..7])?, num(&b[8..10])?);
    if y == 0 || !(1..=12).contains(&m) || d == 0 || d > month_days(y, m) {
        return None;
    }
    let mut seconds = 0;
    let rest = &b[10..];
    if let Some((&t, time)) = rest.split_first() {
        if t != b'T' && t != b' ' {
            return None;
        }
        let end = time
            .iter()
            .position(|&c| c == b'Z' || c == b'+' || c == b'-')
            .unwrap_or(time.len());
        let zone = &time[end..];
        let zone_ok = zone.is_empty()
            || zone == b"Z"
            || (zone.len() == 6 && parse_clock(&zone[1..], false).is_some());
        if !zone_ok {
            return None;
        }
        seconds = parse_clock(&time[..end], false)?;
        if seconds >= 86_400 {
            return None;
        }
    }
    Some(DateTime {
        year: y as u16,
        month: m as u8,
        day: d as u8,
        seconds,
    })
}

/// Parses an ISO 8601 duration as ODS writes a time cell (`office:time-value`, `PT12H30M00S`,
/// optionally with days `P1DT2H`, fractions of seconds rounded) into seconds. `None` when it
/// is not one or overflows.
pub fn parse_iso_duration(v: &str) -> Option<u32> {
    let b = v.trim().as_bytes();
    let b = b.strip_prefix(b"-").unwrap_or(b); // A negative duration: its length is shown.
    let b = b.strip_prefix(b"P")?;
    let mut total: u64 = 0;
    let mut in_time = false;
    let mut i = 0;
    let mut any = false;
    while i < b.len() {
        if b[i] == b'T' {
            in_time = true;
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b',') {
            i += 1;
        }
        let n: f64 = std::str::from_utf8(&b[start..i])
            .ok()?
            .replace(',', ".")
            .parse()
            .ok()?;
        let unit = *b.get(i)?;
        i += 1;
        let factor = match (in_time, unit) {
            (false, b'D') => 86_400.0,
            (true, b'H') => 3_600.0,
            (true, b'M') => 60.0,
            (true, b'S') => 1.0,
            _ => return None,
        };
        total = total.checked_add((n * factor).round() as u64)?;
        any = true;
    }
    if !any {
        return None;
    }
    u32::try_from(total).ok()
}

/// A text date followed by a time of day, as database and spreadsheet exports write dates
/// (`2018-05-23 00:00:00`, `2018-05-23T00:00:00.000`, `23/05/2018 00:00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateWithTime<'a> {
    /// The time is midnight: `date` is the date part, to be read (and repaired) as a date.
    Midnight {
        /// The date part, exactly as written before the time.
        date: &'a str,
    },
    /// A time other than midnight: a date and time, not a date; reported, not repaired.
    OtherTime {
        /// The date part, exactly as written before the time.
        date: &'a str,
    },
}

/// Recognises a (trimmed) text value made of a date and a time of day: the date part is
/// three groups of digits joined by one separator (`-`, `/` or `.`), the year on four digits
/// first or last and the other groups on one or two digits; then one space or a `T`; then
/// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff` (hours 0–23), optionally followed by `Z`. `None`
/// when the value is not of that shape, so it is left to the other checks.
pub fn split_date_time(v: &str) -> Option<DateWithTime<'_>> {
    let b = v.as_bytes();
    let cut = b.iter().position(|&c| c == b' ' || c == b'T')?;
    let (date, time) = (&v[..cut], &b[cut + 1..]);
    let time = time.strip_suffix(b"Z").unwrap_or(time);
    let sep = *date.as_bytes().iter().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let groups: Vec<&str> = date.split(sep as char).collect();
    let [a, m, c] = groups.as_slice() else {
        return None;
    };
    let digits = |s: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&s.len()) && s.bytes().all(|x| x.is_ascii_digit())
    };
    let year_first = digits(a, 4, 4) && digits(m, 1, 2) && digits(c, 1, 2);
    let year_last = digits(a, 1, 2) && digits(m, 1, 2) && digits(c, 4, 4);
    if !(year_first || year_last) {
        return None;
    }
    let seconds = parse_clock(time, false)?;
    Some(if seconds == 0 {
        DateWithTime::Midnight { date }
    } else {
        DateWithTime::OtherTime { date }
    })
}

/// Writes `AAAA-MM-JJ` into `out`.
pub(crate) fn push_date(d: &DateTime, out: &mut String) {
    use std::fmt::Write;
    let _ = write!(out, "{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

/// Writes `HH:MM:SS` (hours beyond 23 for a duration) into `out`.
pub(crate) fn push_clock(seconds: u32, out: &mut String) {
    use std::fmt::Write;
    let _ = write!(
        out,
        "{:02}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(year: u16, month: u8, day: u8, seconds: u32) -> DateTime {
        DateTime {
            year,
            month,
            day,
            seconds,
        }
    }

    #[test]
    fn civil_round_trip() {
        for days in [-800_000, -1, 0, 1, 59, 60, 365, 10_957, 17_674, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{days}");
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(
            days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28),
            2
        );
    }

    #[test]
    fn serial_table_1900() {
        let cases: &[(f64, Option<DateTime>)] = &[
            (0.0, None),
            (0.5, None),
            (-3.0, None),
            (f64::NAN, None),
            (f64::INFINITY, None),
            (1.0, Some(dt(1900, 1, 1, 0))),
            (59.0, Some(dt(1900, 2, 28, 0))),
            (60.0, Some(dt(1900, 2, 29, 0))), // Excel's fictitious day, as Excel shows it.
            (61.0, Some(dt(1900, 3, 1, 0))),
            (36_526.0, Some(dt(2000, 1, 1, 0))),
            (43_243.0, Some(dt(2018, 5, 23, 0))),
            (43_243.5, Some(dt(2018, 5, 23, 43_200))),
            (43_243.999_999_9, Some(dt(2018, 5, 24, 0))), // rounds to the next midnight
            (43_243.000_001, Some(dt(2018, 5, 23, 0))),
            (45_943.541, Some(dt(2025, 10, 13, 46_742))),
            (2_958_465.0, Some(dt(9999, 12, 31, 0))),
            (2_958_465.999_999_99, None),
            (2_958_466.0, None),
        ];
        for (serial, want) in cases {
            assert_eq!(serial_to_datetime(*serial, false), *want, "{serial}");
        }
    }

    #[test]
    fn serial_table_1904() {
        assert_eq!(serial_to_datetime(0.0, true), None);
        assert_eq!(serial_to_datetime(1.0, true), Some(dt(1904, 1, 2, 0)));
        // 2018-05-23 is 43243 in the 1900 system and 1462 days less in the 1904 system.
        assert_eq!(
            serial_to_datetime(43_243.0 - 1462.0, true),
            Some(dt(2018, 5, 23, 0))
        );
        assert_eq!(
            serial_to_datetime(MAX_SERIAL_1904, true),
            Some(dt(9999, 12, 31, 0))
        );
        assert_eq!(serial_to_datetime(MAX_SERIAL_1904 + 1.0, true), None);
    }

    #[test]
    fn serial_seconds_table() {
        assert_eq!(serial_seconds(0.0), Some(0));
        assert_eq!(serial_seconds(0.5), Some(43_200));
        assert_eq!(serial_seconds(1.25), Some(108_000));
        assert_eq!(serial_seconds(-0.1), None);
        assert_eq!(serial_seconds(f64::NAN), None);
        assert_eq!(serial_seconds(1e12), None);
    }

    #[test]
    fn iso_datetime_table() {
        let cases: &[(&str, Option<DateTime>)] = &[
            ("2018-05-23", Some(dt(2018, 5, 23, 0))),
            ("2018-05-23T00:00:00", Some(dt(2018, 5, 23, 0))),
            ("2018-05-23T14:30:05", Some(dt(2018, 5, 23, 52_205))),
            ("2018-05-23T14:30", Some(dt(2018, 5, 23, 52_200))),
            ("2018-05-23T00:00:00.400", Some(dt(2018, 5, 23, 0))),
            ("2018-05-23T00:00:00.600", Some(dt(2018, 5, 23, 1))),
            ("2018-05-23T00:00:00Z", Some(dt(2018, 5, 23, 0))),
            ("2018-05-23T00:00:00+02:00", Some(dt(2018, 5, 23, 0))),
            ("2018-05-23 00:00:00", Some(dt(2018, 5, 23, 0))),
            ("2016-02-29", Some(dt(2016, 2, 29, 0))),
            ("2018-02-29", None),
            ("2018-13-01", None),
            ("2018-00-10", None),
            ("0000-01-01", None),
            ("2018-05-23T24:00:00", None),
            ("2018-05-23X00:00", None),
            ("2018-05-23T00:00:00+2", None),
            ("23/05/2018", None),
            ("2018-5-23", None),
            ("", None),
            ("abcdefghij", None),
        ];
        for (v, want) in cases {
            assert_eq!(parse_iso_datetime(v), *want, "{v}");
        }
    }

    #[test]
    fn iso_duration_table() {
        let cases: &[(&str, Option<u32>)] = &[
            ("PT12H30M00S", Some(45_000)),
            ("PT00H00M00S", Some(0)),
            ("PT1H", Some(3_600)),
            ("P1DT2H", Some(93_600)),
            ("PT36H00M00S", Some(129_600)),
            ("PT0.5S", Some(1)),
            ("-PT1H", Some(3_600)),
            ("PT", None),
            ("P", None),
            ("12:30", None),
            ("PT1X", None),
            ("P1H", None),
            ("PT99999999H", None),
        ];
        for (v, want) in cases {
            assert_eq!(parse_iso_duration(v), *want, "{v}");
        }
    }

    #[test]
    fn date_with_time_table() {
        use DateWithTime::{Midnight, OtherTime};
        let cases: &[(&str, Option<DateWithTime>)] = &[
            ("2018-05-23 00:00:00", Some(Midnight { date: "2018-05-23" })),
            ("2018-05-23 00:00", Some(Midnight { date: "2018-05-23" })),
            ("2018-05-23T00:00:00", Some(Midnight { date: "2018-05-23" })),
            (
                "2018-05-23T00:00:00Z",
                Some(Midnight { date: "2018-05-23" }),
            ),
            (
                "2018-05-23 00:00:00.000",
                Some(Midnight { date: "2018-05-23" }),
            ),
            ("2018-05-23 0:00:00", Some(Midnight { date: "2018-05-23" })),
            ("23/05/2018 00:00", Some(Midnight { date: "23/05/2018" })),
            ("23/05/2018 00:00:00", Some(Midnight { date: "23/05/2018" })),
            ("3/5/2018 00:00", Some(Midnight { date: "3/5/2018" })),
            ("23.05.2018 00:00", Some(Midnight { date: "23.05.2018" })),
            ("2018/05/23 00:00:00", Some(Midnight { date: "2018/05/23" })),
            (
                "2018-05-23 14:30:00",
                Some(OtherTime { date: "2018-05-23" }),
            ),
            ("23/05/2018 00:01", Some(OtherTime { date: "23/05/2018" })),
            (
                "2018-05-23 00:00:01",
                Some(OtherTime { date: "2018-05-23" }),
            ),
            (
                "2018-05-23 00:00:00.400",
                Some(Midnight { date: "2018-05-23" }),
            ),
            (
                "2018-05-23 00:00:00.600",
                Some(OtherTime { date: "2018-05-23" }),
            ),
            ("2018-05-23", None),
            ("23/05/2018", None),
            ("2018-05-23 24:00", None),
            ("2018-05-23 00:60", None),
            ("2018-05-23  00:00", None),
            ("2018-05-23 00:00 ", None),
            ("2018-05 00:00", None),
            ("2018-05-23-01 00:00", None),
            ("18-05-23 00:00", None),
            ("2018-05/23 00:00", None),
            ("Jean 00:00", None),
            ("", None),
            (" 00:00", None),
        ];
        for (v, want) in cases {
            assert_eq!(split_date_time(v), *want, "{v:?}");
        }
    }

    #[test]
    fn writers() {
        let mut s = String::new();
        push_date(&dt(2018, 5, 3, 0), &mut s);
        s.push(' ');
        push_clock(3_723, &mut s);
        s.push(' ');
        push_clock(129_600, &mut s);
        assert_eq!(s, "2018-05-03 01:02:03 36:00:00");
    }
}
