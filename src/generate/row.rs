//! One generated record as typed values, and its CSV rendering.
//!
//! Values stay typed (static code, day number, year…) until they are written, so a row costs
//! no allocation and the planting step can reason on dates rather than on text.

use super::date;
use crate::dictionary::ids::N_DECREE;

/// One cell value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum V {
    /// Empty ("non concerné").
    E,
    /// A literal: a modality code, a "ne sait pas" date, a free text, a planted bad value.
    S(&'static str),
    /// A full date, as a day number (`AAAA-MM-JJ`).
    D(i32),
    /// A year-month (`AAAA-MM`).
    Ym(i32, u32),
    /// A year (`AAAA`).
    Y(i32),
    /// A count (written without leading zeros), or a month (written on two digits) for
    /// `MNAIS`, see [`write_value`].
    N(u32),
    /// 40 lowercase hexadecimal characters.
    Id([u8; 20]),
    /// A planted malformed identifier: 39 hexadecimal characters followed by `g`.
    BadId([u8; 20]),
    /// A planted partially known date `AAAA-MM-99`.
    DayUnknown(i32, u32),
    /// A planted date written `JJ/MM/AAAA` (repairable by the reader).
    SlashDate(i32),
}

impl V {
    /// True for [`V::E`].
    pub fn is_empty(self) -> bool {
        self == V::E
    }

    /// The code, when the value is a literal.
    pub fn code(self) -> Option<&'static str> {
        match self {
            V::S(s) => Some(s),
            _ => None,
        }
    }

    /// The day number, when the value is a full date.
    pub fn day(self) -> Option<i32> {
        match self {
            V::D(z) => Some(z),
            _ => None,
        }
    }
}

/// The identity columns of a nominative file (invented values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ident {
    /// First name.
    pub prenom: &'static str,
    /// Mother's birth name: one name, or two joined by a hyphen.
    pub nommere: (&'static str, Option<&'static str>),
    /// Day of birth.
    pub jnais: u32,
    /// Case-file number (written after the département code, on seven digits).
    pub numdo: u32,
}

/// The identity columns appended to the header of a nominative file.
pub const IDENTITY_COLUMNS: [&str; 4] = ["PRENOM", "NOMMERE", "JNAIS", "NUMDO"];

/// One record: the 105 variables in XSD order, plus the identity of a nominative file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Values indexed by [`crate::dictionary::ids`].
    pub v: [V; N_DECREE],
    /// Identity columns (written only for nominative files).
    pub ident: Ident,
    /// A planted extra empty field at the end of the line (`field-count`).
    pub extra_field: bool,
    /// Territorial unit (`UTDP`), written only when the file has that column.
    pub utdp: &'static str,
}

impl Row {
    /// A row with every value empty.
    pub fn empty(ident: Ident) -> Self {
        Row {
            v: [V::E; N_DECREE],
            ident,
            extra_field: false,
            utdp: "",
        }
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Writes one value. `MNAIS`, `JNAIS` and the months of year-months use two digits.
pub fn write_value(out: &mut Vec<u8>, v: V, two_digits: bool) {
    match v {
        V::E => {}
        V::S(s) => out.extend_from_slice(s.as_bytes()),
        V::D(z) => date::write_date(out, z),
        V::Ym(y, m) => {
            date::write_year(out, y);
            out.push(b'-');
            date::write2(out, m);
        }
        V::Y(y) => date::write_year(out, y),
        V::N(n) if two_digits => date::write2(out, n),
        V::N(n) => write_uint(out, n),
        V::Id(bytes) => {
            for b in bytes {
                out.push(HEX[(b >> 4) as usize]);
                out.push(HEX[(b & 15) as usize]);
            }
        }
        V::DayUnknown(y, m) => {
            date::write_year(out, y);
            out.push(b'-');
            date::write2(out, m);
            out.extend_from_slice(b"-99");
        }
        V::SlashDate(z) => {
            let (y, m, d) = date::civil(z);
            date::write2(out, d);
            out.push(b'/');
            date::write2(out, m);
            out.push(b'/');
            date::write_year(out, y);
        }
        V::BadId(bytes) => {
            for b in bytes {
                out.push(HEX[(b >> 4) as usize]);
                out.push(HEX[(b & 15) as usize]);
            }
            if let Some(last) = out.last_mut() {
                *last = b'g';
            }
        }
    }
}

/// Writes an unsigned integer in decimal.
pub fn write_uint(out: &mut Vec<u8>, mut n: u32) {
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}
