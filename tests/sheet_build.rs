//! Builders of small workbooks for the spreadsheet tests (`sheet_read`, `sheet_hostile`,
//! `sheet_bench`): XLSX and ODS packages written with the `zip` crate, with the sheet XML
//! given by the test, and a minimal OLE2 file. Nothing here asserts.

#![cfg_attr(target_arch = "wasm32", allow(dead_code))]

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// A zip of `(name, content, deflated)` entries, in order.
pub fn zip_of(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data, deflated) in entries {
        let method = if *deflated {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        };
        let opts = SimpleFileOptions::default()
            .compression_method(method)
            .compression_level(deflated.then_some(9))
            .large_file(data.len() > u32::MAX as usize / 2);
        z.start_file(*name, opts).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// Escapes text for XML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The style indices of [`Xlsx`]'s `styles.xml`.
pub mod style {
    // 0 is General, the style of a cell without `s`.
    /// Built-in date format 14 (`m/d/yyyy`, shown by the locale).
    pub const DATE: u32 = 1;
    /// Custom date format `dd/mm/yyyy`.
    pub const DATE_FR: u32 = 2;
    /// Built-in time format 20 (`h:mm`).
    pub const TIME: u32 = 3;
    /// Built-in percentage 10 (`0.00%`).
    pub const PERCENT: u32 = 4;
    /// Custom date-time `yyyy-mm-dd hh:mm:ss`.
    pub const DATETIME: u32 = 5;
    /// Built-in number format 1 (`0`).
    pub const INTEGER: u32 = 6;
}

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="yyyy\-mm\-dd\ hh:mm:ss"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs>
</styleSheet>"#;

/// An XLSX workbook: sheets as `sheetData` inner XML, a shared-strings table.
#[derive(Default)]
pub struct Xlsx {
    sheets: Vec<(String, String, bool)>,
    shared: Vec<String>,
    date1904: bool,
    /// Extra zip entries `(name, content)`.
    pub extra: Vec<(String, Vec<u8>)>,
    /// Replaces the shared-strings part's content (to build hostile tables).
    pub shared_xml: Option<Vec<u8>>,
    /// A `<dimension ref="…"/>` for every worksheet.
    pub dimension: Option<String>,
}

impl Xlsx {
    /// An empty workbook (no sheet yet).
    pub fn new() -> Self {
        Xlsx::default()
    }

    /// Adds a worksheet whose `sheetData` holds `rows` (raw `<row>` elements).
    pub fn sheet(mut self, name: &str, rows: &str) -> Self {
        self.sheets.push((name.to_owned(), rows.to_owned(), false));
        self
    }

    /// Adds a chart sheet (no cells).
    pub fn chart_sheet(mut self, name: &str) -> Self {
        self.sheets.push((name.to_owned(), String::new(), true));
        self
    }

    /// Sets the shared strings.
    pub fn shared(mut self, strings: &[&str]) -> Self {
        self.shared = strings.iter().map(|s| s.to_string()).collect();
        self
    }

    /// Uses the 1904 date system.
    pub fn date1904(mut self) -> Self {
        self.date1904 = true;
        self
    }

    /// The `.xlsx` bytes.
    pub fn build(&self) -> Vec<u8> {
        let ns = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
        let mut types = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
        );
        let mut wb = format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook {ns}>"#);
        if self.date1904 {
            wb.push_str(r#"<workbookPr date1904="1"/>"#);
        }
        wb.push_str("<sheets>");
        let mut rels = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        );
        let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
        for (i, (name, rows, chart)) in self.sheets.iter().enumerate() {
            let n = i + 1;
            wb.push_str(&format!(
                r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
                esc(name)
            ));
            if *chart {
                rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet{n}.xml"/>"#));
                types.push_str(&format!(r#"<Override PartName="/xl/chartsheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/>"#));
                parts.push((
                    format!("xl/chartsheets/sheet{n}.xml"),
                    format!(r#"<?xml version="1.0" encoding="UTF-8"?><chartsheet {ns}><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>"#).into_bytes(),
                ));
            } else {
                rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
                types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
                parts.push((
                    format!("xl/worksheets/sheet{n}.xml"),
                    format!(
                        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}>{}<sheetData>{rows}</sheetData></worksheet>"#,
                        self.dimension
                            .as_ref()
                            .map(|d| format!(r#"<dimension ref="{d}"/>"#))
                            .unwrap_or_default()
                    )
                    .into_bytes(),
                ));
            }
        }
        wb.push_str("</sheets></workbook>");
        rels.push_str(r#"<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#);
        types.push_str("</Types>");
        let sst = match &self.shared_xml {
            Some(x) => x.clone(),
            None => {
                let mut s = format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><sst {ns} count="{0}" uniqueCount="{0}">"#,
                    self.shared.len()
                );
                for t in &self.shared {
                    s.push_str(&format!(
                        r#"<si><t xml:space="preserve">{}</t></si>"#,
                        esc(t)
                    ));
                }
                s.push_str("</sst>");
                s.into_bytes()
            }
        };
        let root_rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
        let mut entries: Vec<(String, Vec<u8>)> = vec![
            ("[Content_Types].xml".into(), types.into_bytes()),
            ("_rels/.rels".into(), root_rels.as_bytes().to_vec()),
            ("xl/workbook.xml".into(), wb.into_bytes()),
            ("xl/_rels/workbook.xml.rels".into(), rels.into_bytes()),
            ("xl/styles.xml".into(), STYLES.as_bytes().to_vec()),
            ("xl/sharedStrings.xml".into(), sst),
        ];
        entries.extend(parts);
        entries.extend(self.extra.iter().cloned());
        let refs: Vec<(&str, &[u8], bool)> = entries
            .iter()
            .map(|(n, d)| (n.as_str(), d.as_slice(), true))
            .collect();
        zip_of(&refs)
    }
}

/// A cell reference: column index (0-based) and row (1-based) → `A1`.
pub fn cell_ref(col: u32, row: u32) -> String {
    let mut c = col + 1;
    let mut letters = Vec::new();
    while c > 0 {
        let r = (c - 1) % 26;
        letters.push(b'A' + r as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{row}", String::from_utf8(letters).unwrap())
}

/// An XLSX number cell.
pub fn n(col: u32, row: u32, v: &str) -> String {
    format!(r#"<c r="{}"><v>{v}</v></c>"#, cell_ref(col, row))
}

/// An XLSX number cell with a style.
pub fn ns(col: u32, row: u32, style: u32, v: &str) -> String {
    format!(
        r#"<c r="{}" s="{style}"><v>{v}</v></c>"#,
        cell_ref(col, row)
    )
}

/// An XLSX shared-string cell.
pub fn s(col: u32, row: u32, index: usize) -> String {
    format!(r#"<c r="{}" t="s"><v>{index}</v></c>"#, cell_ref(col, row))
}

/// An XLSX inline-string cell.
pub fn is(col: u32, row: u32, text: &str) -> String {
    format!(
        r#"<c r="{}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
        cell_ref(col, row),
        esc(text)
    )
}

/// An XLSX row.
pub fn row(r: u32, cells: &[String]) -> String {
    format!(r#"<row r="{r}">{}</row>"#, cells.concat())
}

/// An ODS workbook whose `office:spreadsheet` holds `tables` (raw `table:table` elements).
pub fn ods(tables: &str) -> Vec<u8> {
    ods_with(tables, "")
}

/// [`ods`] with extra `manifest:file-entry` content in the manifest.
pub fn ods_with(tables: &str, manifest_extra: &str) -> Vec<u8> {
    let content = ods_content(tables);
    let manifest = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{manifest_extra}</manifest:file-entry></manifest:manifest>"#
    );
    zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
            false,
        ),
        ("META-INF/manifest.xml", manifest.as_bytes(), true),
        ("content.xml", content.as_bytes(), true),
    ])
}

/// The `content.xml` of [`ods`].
pub fn ods_content(tables: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:body><office:spreadsheet>{tables}<table:named-expressions/></office:spreadsheet></office:body></office:document-content>"#
    )
}

/// An ODS table.
pub fn table(name: &str, rows: &str) -> String {
    format!(
        r#"<table:table table:name="{}"><table:table-column table:number-columns-repeated="1024"/>{rows}</table:table>"#,
        esc(name)
    )
}

/// An ODS float cell.
pub fn of(v: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="float" office:value="{v}" calcext:value-type="float"><text:p>{v}</text:p></table:table-cell>"#
    )
}

/// An ODS string cell.
pub fn ot(text: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
        esc(text)
    )
}

/// An ODS date cell.
pub fn od(v: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="date" office:date-value="{v}" calcext:value-type="date"><text:p>{v}</text:p></table:table-cell>"#
    )
}

/// An ODS row.
pub fn orow(cells: &[String]) -> String {
    format!("<table:table-row>{}</table:table-row>", cells.concat())
}

/// A minimal OLE2 compound file whose directory holds a root entry and `stream` (an
/// `EncryptedPackage` makes it a password-protected Office document).
pub fn ole2(stream: &str) -> Vec<u8> {
    let mut f = vec![0u8; 512 * 4];
    f[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    f[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
    f[26..28].copy_from_slice(&3u16.to_le_bytes());
    f[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    f[30..32].copy_from_slice(&9u16.to_le_bytes());
    f[32..34].copy_from_slice(&6u16.to_le_bytes());
    f[44..48].copy_from_slice(&1u32.to_le_bytes());
    f[48..52].copy_from_slice(&1u32.to_le_bytes());
    f[56..60].copy_from_slice(&4096u32.to_le_bytes());
    f[60..64].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    f[68..72].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    for i in 0..109 {
        f[76 + 4 * i..80 + 4 * i].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
    }
    f[76..80].copy_from_slice(&0u32.to_le_bytes());
    let fat = 512;
    for i in 0..128 {
        f[fat + 4 * i..fat + 4 * i + 4].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
    }
    f[fat..fat + 4].copy_from_slice(&0xFFFF_FFFDu32.to_le_bytes());
    f[fat + 4..fat + 8].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    f[fat + 8..fat + 12].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    let dir = 1024;
    for (k, name) in ["Root Entry", stream].iter().enumerate() {
        let e = dir + 128 * k;
        let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
        for (j, u) in units.iter().enumerate() {
            f[e + 2 * j..e + 2 * j + 2].copy_from_slice(&u.to_le_bytes());
        }
        f[e + 64..e + 66].copy_from_slice(&((units.len() * 2) as u16).to_le_bytes());
        f[e + 66] = if k == 0 { 5 } else { 2 };
        f[e + 68..e + 80].copy_from_slice(&[0xFF; 12]); // no siblings, no child
        let (start, size) = if k == 0 {
            (0xFFFF_FFFEu32, 0u32)
        } else {
            (2, 512)
        };
        f[e + 116..e + 120].copy_from_slice(&start.to_le_bytes());
        f[e + 120..e + 124].copy_from_slice(&size.to_le_bytes());
    }
    f
}
