//! The transmission CSV (docs/spec/INTERFACES.md "Output files"): `;`-separated, UTF-8 without BOM,
//! LF line ends, a header of the 105 codes in the XSD's order, then one line per record with
//! the values unchanged (no formula neutralisation: this file is data for the ONPE, not for
//! a spreadsheet user, docs/spec/OLINPE.md §0.3), quoted as RFC 4180 only where needed. `UTDP` is
//! not written: the ODPE variant exists only as XML.

use super::push_csv_field;
use crate::dictionary::{ids, VARIABLES};
use crate::record::Record;

/// The header line: the 105 codes in the XSD's order, `;`-separated, LF-terminated.
pub fn header() -> Vec<u8> {
    let mut out = Vec::with_capacity(1024);
    for (i, v) in VARIABLES[..ids::N_DECREE].iter().enumerate() {
        if i > 0 {
            out.push(b';');
        }
        out.extend_from_slice(v.code.as_bytes());
    }
    out.push(b'\n');
    out
}

/// Appends one record as a line of 105 fields in the XSD's order, LF-terminated.
pub fn record(rec: &Record, out: &mut Vec<u8>) {
    for i in 0..ids::N_DECREE {
        if i > 0 {
            out.push(b';');
        }
        push_csv_field(rec.get(i), out);
    }
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_the_xsd_order() {
        let h = String::from_utf8(header()).unwrap();
        assert!(h.starts_with("ACCFAM;ACCMOD;ALLOC;ANAIS;"), "{h}");
        assert!(h.ends_with(";VIOLPHYS;VIOLPSY;VIOLSEX\n"), "{h}");
        assert!(!h.contains("UTDP"));
        assert!(!h.starts_with('\u{feff}'));
        let codes: Vec<&str> = h.trim_end_matches('\n').split(';').collect();
        assert_eq!(codes.len(), 105);
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        assert_eq!(codes, sorted, "strict alphabetical order, as in the XSD");
    }

    #[test]
    fn record_line_is_golden() {
        let mut rec = Record::new();
        rec.set(ids::ACCFAM, "1");
        rec.set(ids::AUTREDA, "Tiers; \"digne\" de confiance");
        rec.set(ids::AUTREDJ, "=SOMME(A1)");
        rec.set(ids::NUMDEP, "2A");
        rec.set(ids::VIOLSEX, "9");
        rec.set(ids::UTDP, "U01");
        let mut out = Vec::new();
        record(&rec, &mut out);
        let line = String::from_utf8(out).unwrap();
        let mut expected = vec![""; 105];
        expected[ids::ACCFAM] = "1";
        expected[ids::AUTREDA] = "\"Tiers; \"\"digne\"\" de confiance\"";
        expected[ids::AUTREDJ] = "=SOMME(A1)"; // unchanged: data, not a spreadsheet
        expected[ids::NUMDEP] = "2A";
        expected[ids::VIOLSEX] = "9";
        assert_eq!(line, expected.join(";") + "\n");
        assert!(!line.contains("U01"));
    }

    #[test]
    fn line_breaks_inside_values_are_quoted() {
        let mut rec = Record::new();
        rec.set(ids::AUTREDA, "ligne 1\r\nligne 2");
        let mut out = Vec::new();
        record(&rec, &mut out);
        let line = String::from_utf8(out).unwrap();
        assert!(line.contains(";\"ligne 1\r\nligne 2\";"), "{line:?}");
        assert!(line.ends_with('\n'));
    }
}
