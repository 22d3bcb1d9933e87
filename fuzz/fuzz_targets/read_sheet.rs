//! The spreadsheet reader (`olinpe::read::sheet`) on arbitrary input. The first byte picks
//! what the rest is, so that the fuzzer reaches the XML readers without having to forge zip
//! checksums: 0 the whole workbook file; 1 the worksheet XML of an XLSX; 2 its shared
//! strings; 3 the `content.xml` of an ODS; 4 an OLE2 file's bytes after its signature. The
//! second byte's low bit asks for small limits. Properties: no panic, no hang, bounded
//! memory (libFuzzer's limits), every row within the limits, every cell renders for every
//! column kind, every error has a code and a message.
#![no_main]
use std::io::{Cursor, Write};

use libfuzzer_sys::fuzz_target;
use olinpe::read::sheet::{
    render_into, split_date_time, Cell, ColumnKind, SheetLimits, Workbook,
};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const KINDS: [ColumnKind; 7] = [
    ColumnKind::Text,
    ColumnKind::Name,
    ColumnKind::Code,
    ColumnKind::TwoDigits,
    ColumnKind::Year,
    ColumnKind::Date,
    ColumnKind::YearMonth,
];

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        z.start_file(*name, opts).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

const NS: &str = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#;

fn xlsx(sheet: &[u8], shared: &[u8]) -> Vec<u8> {
    let rels = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let wb = format!(
        r#"<workbook {NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let wb_rels = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    let styles = format!(
        r#"<styleSheet {NS}><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="20"/></cellXfs></styleSheet>"#
    );
    zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("_rels/.rels", rels),
        ("xl/workbook.xml", wb.as_bytes()),
        ("xl/_rels/workbook.xml.rels", wb_rels),
        ("xl/styles.xml", styles.as_bytes()),
        ("xl/sharedStrings.xml", shared),
        ("xl/worksheets/sheet1.xml", sheet),
    ])
}

fn build(mode: u8, payload: &[u8]) -> Vec<u8> {
    match mode % 5 {
        0 => payload.to_vec(),
        1 => {
            let shared = format!(
                r#"<sst {NS} uniqueCount="3"><si><t>NUMDEP</t></si><si><t xml:space="preserve"> a </t></si><si><r><t>b</t></r></si></sst>"#
            );
            xlsx(payload, shared.as_bytes())
        }
        2 => {
            let sheet = format!(
                r#"<worksheet {NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" s="1"><v>43243</v></c></row></sheetData></worksheet>"#
            );
            xlsx(sheet.as_bytes(), payload)
        }
        3 => zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", payload),
        ]),
        _ => {
            let mut f = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
            f.extend_from_slice(payload);
            f
        }
    }
}

fuzz_target!(|input: &[u8]| {
    let (Some(&mode), Some(&knob)) = (input.first(), input.get(1)) else {
        return;
    };
    let data = build(mode, &input[2..]);
    let limits = if knob & 1 == 1 {
        SheetLimits {
            max_part_bytes: 4096,
            max_token_bytes: 512,
            max_cell_bytes: 64,
            max_columns: 8,
            max_rows: 64,
            max_cells: 128,
            ..SheetLimits::default()
        }
    } else {
        SheetLimits::default()
    };
    let check = |e: olinpe::read::sheet::SheetError| {
        assert!(!e.code().is_empty() && !e.message().is_empty());
    };
    let mut wb = match Workbook::open(&data, limits) {
        Ok(wb) => wb,
        Err(e) => return check(e),
    };
    if let Err(e) = wb.sheet_names() {
        check(e);
    }
    let mut sheet = match wb.sheet(None) {
        Ok(s) => s,
        Err(e) => return check(e),
    };
    let mut values = 0u64;
    let mut out = String::new();
    loop {
        match sheet.next_row() {
            Ok(Some(row)) => {
                assert!(row.line >= 1 && row.line <= limits.max_rows);
                assert!(row.cells.len() <= limits.max_columns);
                assert!(row.cells.last().is_some_and(|c| !c.is_empty()));
                for c in row.cells {
                    if let Cell::Text(s) | Cell::Error(s) = c {
                        assert!(s.len() <= limits.max_cell_bytes);
                    }
                    values += u64::from(!c.is_empty());
                    for k in KINDS {
                        out.clear();
                        render_into(c, k, &mut out);
                        let _ = split_date_time(&out);
                    }
                }
                assert!(values <= limits.max_cells);
            }
            Ok(None) => break,
            Err(e) => return check(e),
        }
    }
    assert!(sheet.next_row().unwrap().is_none());
});
