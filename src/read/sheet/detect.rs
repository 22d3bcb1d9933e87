//! What a file is, from its content (never its name): [`sniff`] on the first bytes, then,
//! for a zip, the entries of its central directory (and, where that is not enough, the
//! OpenDocument `mimetype` or the Office `[Content_Types].xml`); for an OLE2 container,
//! whether it holds an encrypted workbook.

use super::guard::{self, Entry, Zip};
use super::{OtherDocument, SheetError, SheetLimits, WorkbookFormat};

/// What the first bytes of a file say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniff {
    /// A zip archive (`PK…`): XLSX, ODS, or another zip; [`super::Workbook::open`] tells.
    Zip,
    /// An OLE2 compound file (`D0 CF 11 E0 A1 B1 1A E1`): a legacy `.xls` (or another
    /// legacy Office document), or an encrypted XLSX.
    Ole2,
    /// Neither: not a workbook; the caller reads the input as text (CSV or XML).
    NotWorkbook,
}

/// The OLE2 signature.
const OLE2: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// What the first bytes of a file are (8 bytes suffice; fewer give
/// [`Sniff::NotWorkbook`] unless they are a whole signature's start of a short file).
pub fn sniff(head: &[u8]) -> Sniff {
    if head.starts_with(b"PK\x03\x04")
        || head.starts_with(b"PK\x05\x06")
        || head.starts_with(b"PK\x07\x08")
    {
        Sniff::Zip
    } else if head.starts_with(&OLE2) {
        Sniff::Ole2
    } else {
        Sniff::NotWorkbook
    }
}

const ODS_MIME: &str = "application/vnd.oasis.opendocument.spreadsheet";
const ODF_MIME: &str = "application/vnd.oasis.opendocument.";

/// The format of a zip workbook, or why it is not one (checking the zip's limits first).
pub(crate) fn classify(
    zip: &mut Zip<'_>,
    entries: &[Entry],
    limits: &SheetLimits,
) -> Result<WorkbookFormat, SheetError> {
    let has = |name: &str| entries.iter().any(|e| e.name.eq_ignore_ascii_case(name));
    // The small parts read to decide: checked before anything is decompressed.
    guard::check_entries(entries, limits, |n| {
        n == "mimetype" || n == "[Content_Types].xml" || n == "META-INF/manifest.xml"
    })?;
    if let Some(mime) = guard::read_part(zip, "mimetype", limits)? {
        let mime = String::from_utf8_lossy(&mime);
        let mime = mime.trim();
        if mime.starts_with(ODS_MIME) {
            return Ok(WorkbookFormat::Ods);
        }
        if mime.starts_with(ODF_MIME) {
            return Err(SheetError::Other(if mime.ends_with(".text") {
                OtherDocument::OpenDocumentText
            } else {
                OtherDocument::OtherOpenDocument
            }));
        }
    }
    if has("xl/workbook.xml") {
        return Ok(WorkbookFormat::Xlsx);
    }
    if has("xl/workbook.bin") {
        return Err(SheetError::Other(OtherDocument::Xlsb));
    }
    if has("word/document.xml") {
        return Err(SheetError::Other(OtherDocument::Word));
    }
    if has("ppt/presentation.xml") {
        return Err(SheetError::Other(OtherDocument::PowerPoint));
    }
    if let Some(types) = guard::read_part(zip, "[Content_Types].xml", limits)? {
        // A workbook whose main part is not at the usual place (the package relationships
        // lead to it).
        let types = String::from_utf8_lossy(&types);
        if types.contains("spreadsheetml.sheet.main+xml")
            || types.contains("ms-excel.sheet.macroEnabled.main+xml")
            || types.contains("spreadsheetml.template.main+xml")
        {
            return Ok(WorkbookFormat::Xlsx);
        }
        if types.contains("ms-excel.sheet.binary") {
            return Err(SheetError::Other(OtherDocument::Xlsb));
        }
        return Err(SheetError::Other(OtherDocument::OtherOffice));
    }
    if let Some(manifest) = guard::read_part(zip, "META-INF/manifest.xml", limits)? {
        // An OpenDocument package without its `mimetype` entry: the manifest's root entry.
        let manifest = String::from_utf8_lossy(&manifest);
        if manifest.contains(&format!("manifest:media-type=\"{ODS_MIME}\"")) {
            return Ok(WorkbookFormat::Ods);
        }
        if manifest.contains(ODF_MIME) {
            return Err(SheetError::Other(OtherDocument::OtherOpenDocument));
        }
    }
    Err(SheetError::Other(OtherDocument::Zip))
}

/// An OLE2 file: an encrypted workbook (Office puts a password-protected XLSX in an OLE2
/// container holding `EncryptedPackage`), a legacy `.xls`, or another legacy document.
pub(crate) fn ole2(bytes: &[u8]) -> SheetError {
    match super::cfb::classify(bytes) {
        super::cfb::Ole2::Encrypted => SheetError::Encrypted,
        super::cfb::Ole2::Xls => SheetError::Other(OtherDocument::Xls),
        super::cfb::Ole2::Other => SheetError::Other(OtherDocument::Legacy),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniff_table() {
        let cases: &[(&[u8], Sniff)] = &[
            (b"PK\x03\x04\x14\x00", Sniff::Zip),
            (b"PK\x05\x06", Sniff::Zip),
            (b"PK\x07\x08PK\x03\x04", Sniff::Zip),
            (
                &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0],
                Sniff::Ole2,
            ),
            (&[0xD0, 0xCF, 0x11, 0xE0], Sniff::NotWorkbook),
            (b"PK", Sniff::NotWorkbook),
            (b"", Sniff::NotWorkbook),
            (b"ACCFAM;ACCMOD;ALLOC\r\n", Sniff::NotWorkbook),
            (b"\xEF\xBB\xBFNUMDEP;TYPEV", Sniff::NotWorkbook),
            (b"<?xml version=\"1.0\"?><DECRET>", Sniff::NotWorkbook),
            (b"%PDF-1.7", Sniff::NotWorkbook),
        ];
        for (head, want) in cases {
            assert_eq!(sniff(head), *want, "{head:?}");
        }
    }
}
