//! The refusals of `pseudonymise` (docs/spec/OLINPE.md §0.1): an input that is already
//! pseudonymised, or that lacks an identity column the identifiers need, produces no output
//! at all (exit status 2). The engine decides at its first record ([`refusal`]); the page
//! asks beforehand from the first bytes of the file and its column mapping ([`preflight`]),
//! to name the columns and keep its run button disabled until they are mapped.

use crate::dictionary::ids;
use crate::error::{Error, ErrorKind};
use crate::finding::Finding;
use crate::read::{self, ReadOptions, Reader};
use crate::record::{IdentityColumns, Record};

/// The refusal for an input with these identity columns whose first record has the
/// variables `present` and a `NUMANONYM` filled or not; `None` when it may be
/// pseudonymised. "Already pseudonymised" is decided first.
pub fn refusal(identity: IdentityColumns, present: u128, numanonym_filled: bool) -> Option<Error> {
    if numanonym_filled && !identity.any() {
        return Some(ErrorKind::AlreadyPseudonymised.into());
    }
    let has = |i: usize| present & (1u128 << i) != 0;
    let mut columns = Vec::new();
    if !identity.prenom {
        columns.push("PRENOM");
    }
    // NOMUSAGE alone is accepted (with a warning for the file).
    if !identity.nommere && !identity.nomusage {
        columns.push("NOMMEREJEUNE/NOMMERE/NOM_MERE");
    }
    if !has(ids::MNAIS) {
        columns.push("MNAIS");
    }
    if !has(ids::ANAIS) {
        columns.push("ANAIS");
    }
    (!columns.is_empty()).then(|| ErrorKind::IdentityColumnsAbsent { columns }.into())
}

/// What a preflight saw: the first record, and the identity columns once it was read.
#[derive(Default)]
struct FirstSink {
    first: Option<(u128, bool)>,
    identity: IdentityColumns,
}

impl read::Sink for FirstSink {
    fn record(&mut self, rec: &Record, _findings: &mut Vec<Finding>) {
        if self.first.is_none() {
            self.first = Some((rec.present_mask(), !rec.is_empty(ids::NUMANONYM)));
        }
    }
    fn file_finding(&mut self, _f: Finding) {}
    fn layout(&mut self, layout: &read::Layout) {
        self.identity = layout.identity;
    }
    /// A workbook's sheet is read in one call: once the first record is seen, the rest is
    /// not needed (the error stops the reading; [`preflight_workbook`] expects it).
    fn pause(&mut self, _done: u64, _total: u64) -> Result<(), read::ReadError> {
        match self.first {
            Some(_) => Err(Error::internal("premier enregistrement lu")),
            None => Ok(()),
        }
    }
}

/// For the page, before a pseudonymisation: the refusal the engine would raise for a file
/// starting with `head` (its first bytes: the header and a record at least; `whole` when
/// they are the whole file) read with the column mapping `map_file`. `Ok(None)` when it
/// would not refuse or when `head` holds no complete record (the engine decides then);
/// `Err` when `head` cannot be read at all (the run would say so).
pub fn preflight(
    head: &[u8],
    whole: bool,
    map_file: Option<String>,
) -> Result<Option<Error>, Error> {
    let mut reader = Reader::new(ReadOptions {
        map_file,
        ..ReadOptions::default()
    })?;
    let mut sink = FirstSink::default();
    reader.push(head, &mut sink)?;
    // The last line of a part may be cut: the reader delivers a record only at its end,
    // or at the end of the whole file.
    if whole {
        reader.finish(&mut sink)?;
    }
    let Some((present, numanonym)) = sink.first else {
        return Ok(None);
    };
    Ok(refusal(sink.identity, present, numanonym))
}

/// [`preflight`] for a whole workbook (`bytes`, XLSX or ODS), its worksheet `sheet` (`None`:
/// the first): the sheet is read up to its first record only (a few hundred rows at most).
pub fn preflight_workbook(
    bytes: &[u8],
    map_file: Option<String>,
    sheet: Option<String>,
) -> Result<Option<Error>, Error> {
    let mut reader = Reader::new(ReadOptions {
        map_file,
        sheet,
        size_hint: Some(bytes.len() as u64),
        ..ReadOptions::default()
    })?;
    let mut sink = FirstSink::default();
    reader.push(bytes, &mut sink)?;
    let read = reader.finish(&mut sink);
    let Some((present, numanonym)) = sink.first else {
        read?;
        return Ok(None);
    };
    Ok(refusal(sink.identity, present, numanonym))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(prenom: bool, nommere: bool, nomusage: bool) -> IdentityColumns {
        IdentityColumns {
            prenom,
            nommere,
            nomusage,
            jnais: false,
            numdo: false,
        }
    }

    const BIRTH: u128 = (1 << ids::MNAIS) | (1 << ids::ANAIS);

    #[test]
    fn refusals_by_table() {
        let cases: [(IdentityColumns, u128, bool, Option<&str>); 7] = [
            (ids(true, true, false), BIRTH, false, None),
            (ids(true, false, true), BIRTH, false, None),
            (
                ids(false, false, false),
                BIRTH,
                true,
                Some("already-pseudonymised"),
            ),
            (
                ids(false, false, false),
                BIRTH,
                false,
                Some("identity-columns-absent"),
            ),
            (
                ids(true, false, false),
                BIRTH,
                false,
                Some("identity-columns-absent"),
            ),
            (
                ids(true, true, false),
                1 << ids::ANAIS,
                false,
                Some("identity-columns-absent"),
            ),
            // Filled NUMANONYM but a name column: not "already pseudonymised".
            (ids(true, true, false), BIRTH, true, None),
        ];
        for (identity, present, filled, want) in cases {
            let got = refusal(identity, present, filled);
            assert_eq!(got.as_ref().map(Error::code), want, "{identity:?}");
        }
        let e = refusal(ids(false, false, false), 0, false).map(|e| e.message());
        assert!(
            e.as_deref()
                .is_some_and(|m| m.contains("PRENOM, NOMMEREJEUNE/NOMMERE/NOM_MERE, MNAIS, ANAIS")),
            "{e:?}"
        );
    }

    #[test]
    fn preflight_reads_the_header_and_the_mapping() {
        let head = b"PRENOM;NOM;MNAIS;ANAIS;SEXE\nA;B;01;2010;1\nC;D;0";
        let got = preflight(head, true, None).ok().flatten().map(|e| e.code());
        assert_eq!(got, Some("identity-columns-absent"));
        let mapped = preflight(head, true, Some("NOMMERE=NOM\n".into()))
            .ok()
            .flatten()
            .map(|e| e.code());
        assert_eq!(mapped, None);
        // A part of a bigger file: its records count once complete.
        let mut big = head.to_vec();
        for _ in 0..200 {
            big.extend_from_slice(b";;;;\nE;F;02;2011;2\n");
        }
        let got = preflight(&big[..big.len() - 3], false, None);
        assert_eq!(
            got.ok().flatten().map(|e| e.code()),
            Some("identity-columns-absent")
        );
        // No complete record in a part: the engine decides later.
        assert!(matches!(
            preflight(b"PRENOM;SEXE\nA;", false, None),
            Ok(None)
        ));
        let pseudo = b"NUMANONYM;MNAIS;ANAIS\n0123456789012345678901234567890123456789;01;2010\n";
        let got = preflight(pseudo, true, None)
            .ok()
            .flatten()
            .map(|e| e.code());
        assert_eq!(got, Some("already-pseudonymised"));
    }

    #[test]
    fn preflight_of_a_workbook_reads_its_first_record() {
        let mut csv = b"PRENOM;NOM;MNAIS;ANAIS;SEXE\n".to_vec();
        for _ in 0..2000 {
            csv.extend_from_slice(b"A;B;01;2010;1\n");
        }
        let xlsx = crate::generate::xlsx::csv_to_xlsx(&csv);
        let got = preflight_workbook(&xlsx, None, None).ok().flatten();
        assert_eq!(got.map(|e| e.code()), Some("identity-columns-absent"));
        let mapped = preflight_workbook(&xlsx, Some("NOMMERE=NOM\n".into()), None);
        assert!(matches!(mapped, Ok(None)), "{mapped:?}");
        let pseudo = crate::generate::xlsx::csv_to_xlsx(
            b"NUMANONYM;MNAIS;ANAIS\n0123456789012345678901234567890123456789;01;2010\n",
        );
        let got = preflight_workbook(&pseudo, None, None).ok().flatten();
        assert_eq!(got.map(|e| e.code()), Some("already-pseudonymised"));
        // Not a workbook at all: nothing to say before the run.
        assert!(preflight_workbook(b"PK\x03\x04garbage", None, None).is_err());
    }
}
