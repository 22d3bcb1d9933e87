//! Calendar arithmetic on day numbers (days since 1970-01-01), integers only.
//!
//! The conversions are Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms,
//! exact for the proleptic Gregorian calendar.

/// Day number of `y-m-d`.
pub fn days(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i32;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `(year, month, day)` of a day number.
pub fn civil(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Number of days in month `m` of year `y`.
pub fn month_len(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Completed years at day `at` of someone born in month `bm` of year `by`, counted from the
/// first of the birth month (docs/spec/OLINPE.md §0.2 "Age").
pub fn age(by: i32, bm: u32, at: i32) -> i32 {
    let (y, m, _) = civil(at);
    y - by - i32::from(m < bm)
}

/// Month index (`year * 12 + month - 1`) of a day number, for month-level comparisons.
pub fn month_index(z: i32) -> i32 {
    let (y, m, _) = civil(z);
    y * 12 + m as i32 - 1
}

/// The same day one year earlier (29 February becomes 28 February).
pub fn minus_year(z: i32) -> i32 {
    let (y, m, d) = civil(z);
    days(y - 1, m, d.min(month_len(y - 1, m)))
}

/// Writes `z` as `AAAA-MM-JJ`.
pub fn write_date(out: &mut Vec<u8>, z: i32) {
    let (y, m, d) = civil(z);
    write_year(out, y);
    out.push(b'-');
    write2(out, m);
    out.push(b'-');
    write2(out, d);
}

/// Writes a four-digit year.
pub fn write_year(out: &mut Vec<u8>, y: i32) {
    let y = y.clamp(0, 9999) as u32;
    out.extend_from_slice(&[
        b'0' + (y / 1000) as u8,
        b'0' + (y / 100 % 10) as u8,
        b'0' + (y / 10 % 10) as u8,
        b'0' + (y % 10) as u8,
    ]);
}

/// Writes a number on two digits (`0` → `00`).
pub fn write2(out: &mut Vec<u8>, n: u32) {
    let n = n % 100;
    out.extend_from_slice(&[b'0' + (n / 10) as u8, b'0' + (n % 10) as u8]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_known_values() {
        assert_eq!(days(1970, 1, 1), 0);
        assert_eq!(days(2018, 1, 1), 17_532);
        assert_eq!(civil(17_532), (2018, 1, 1));
        for z in (-30_000..30_000).step_by(7) {
            let (y, m, d) = civil(z);
            assert_eq!(days(y, m, d), z);
        }
        assert_eq!(month_len(2016, 2), 29);
        assert_eq!(month_len(2018, 2), 28);
        assert_eq!(month_len(2000, 2), 29);
        assert_eq!(month_len(1900, 2), 28);
    }

    #[test]
    fn age_in_completed_years_from_first_of_birth_month() {
        assert_eq!(age(2000, 5, days(2018, 4, 30)), 17);
        assert_eq!(age(2000, 5, days(2018, 5, 1)), 18);
        assert_eq!(age(2000, 12, days(2018, 12, 31)), 18);
        assert_eq!(minus_year(days(2016, 2, 29)), days(2015, 2, 28));
        let mut out = Vec::new();
        write_date(&mut out, days(2018, 3, 9));
        assert_eq!(out, b"2018-03-09");
    }
}
