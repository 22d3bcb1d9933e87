//! Hostile and broken workbooks, generated here: each is refused with its typed error and a
//! French message before it can take the memory or the time it aims at (docs/limits.md
//! "Tableurs"); damaged bytes never panic.

use olinpe::read::sheet::{
    sniff, OtherDocument, SheetError, SheetLimit, SheetLimits, Sniff, Workbook,
};

use crate::sheet_build::*;

/// Opens `bytes` and reads the first sheet (or `sheet`) to its end: the number of rows.
fn read(bytes: &[u8], limits: SheetLimits) -> Result<usize, SheetError> {
    read_named(bytes, None, limits)
}

fn read_named(bytes: &[u8], sheet: Option<&str>, limits: SheetLimits) -> Result<usize, SheetError> {
    let mut wb = Workbook::open(bytes, limits)?;
    let mut sh = wb.sheet(sheet)?;
    let mut n = 0;
    while sh.next_row()?.is_some() {
        n += 1;
    }
    Ok(n)
}

fn limit_of(r: Result<usize, SheetError>) -> Option<(SheetLimit, u64, Option<u32>)> {
    match r {
        Err(SheetError::Limit { limit, value, line }) => Some((limit, value, line)),
        other => panic!("expected a limit, got {other:?}"),
    }
}

fn default() -> SheetLimits {
    SheetLimits::default()
}

/// Every error has a stable code and a French message that names no cell value.
fn check_message(e: &SheetError, words: &[&str]) {
    let m = e.message();
    assert!(!e.code().is_empty());
    for w in words {
        assert!(m.contains(w), "{m:?} lacks {w:?}");
    }
    assert!(!m.contains("MARQUEUR"), "{m}");
}

#[test]
fn default_limits_are_the_documented_ones() {
    let l = SheetLimits::default();
    assert_eq!(l.max_workbook_bytes, 256 * 1024 * 1024);
    assert_eq!(l.max_uncompressed_bytes, 2 * 1024 * 1024 * 1024);
    assert_eq!(l.max_part_bytes, 32 * 1024 * 1024);
    assert_eq!(l.max_ratio, 250);
    assert_eq!(l.max_token_bytes, 4 * 1024 * 1024);
    assert_eq!(l.max_cell_bytes, 65_536);
    assert_eq!(l.max_columns, 2000);
    assert_eq!(l.max_rows, 1_048_576);
    assert_eq!(l.max_cells, 1 << 27);
    let r = SheetLimits::from_read_limits(&olinpe::read::Limits {
        max_field_bytes: 10,
        max_columns: 20,
        ..Default::default()
    });
    assert_eq!(
        (r.max_cell_bytes, r.max_columns, r.max_ratio),
        (10, 20, 250)
    );
}

/// A zip bomb: a sheet of 6 MiB of one repeated element compresses over 250 times (a
/// real bomb is larger; the ratio is what gives it away before anything is inflated).
#[test]
fn zip_bomb_is_refused_by_ratio() {
    let rows = "<row/>".repeat(1 << 20);
    let xlsx = Xlsx::new().sheet("S", &rows).build();
    assert!(xlsx.len() < 1 << 20);
    let e = read(&xlsx, default()).unwrap_err();
    assert_eq!(
        limit_of(Err(e.clone())),
        Some((SheetLimit::Ratio, 250, None))
    );
    check_message(&e, &["compressée plus de 250 fois", "bombes zip"]);
    let ods = ods(&table("T", &"<table:table-row/>".repeat(1 << 18)));
    assert_eq!(
        limit_of(read(&ods, default())),
        Some((SheetLimit::Ratio, 250, None))
    );
}

/// The total uncompressed size: checked on the central directory, before inflating.
#[test]
fn uncompressed_total_is_capped() {
    let rows: String = (1..=2000)
        .map(|r| row(r, &[n(0, r, &format!("{}", r * 7919 % 10007))]))
        .collect();
    let xlsx = Xlsx::new().sheet("S", &rows).build();
    let limits = SheetLimits {
        max_uncompressed_bytes: 50_000,
        ..default()
    };
    let e = read(&xlsx, limits).unwrap_err();
    assert_eq!(e.code(), "limit-uncompressed-size");
    check_message(&e, &["50000 octets"]);
    assert_eq!(read(&xlsx, default()), Ok(2000));
}

/// An entry whose data is longer than its declared size: the zip crate stops at the
/// declared size, so the declared sizes checked bound the work; the file is damaged.
#[test]
fn lying_entry_size_is_damage() {
    let content = ods_content(&table("T", &orow(&[ot("MARQUEUR")]).repeat(50)));
    let bytes = zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
            false,
        ),
        ("content.xml", content.as_bytes(), false),
    ]);
    let real = (content.len() as u32).to_le_bytes();
    let fake = 100u32.to_le_bytes();
    let mut patched = bytes.clone();
    let mut n = 0;
    for i in 0..patched.len() - 4 {
        if patched[i..i + 4] == real {
            patched[i..i + 4].copy_from_slice(&fake);
            n += 1;
        }
    }
    assert!(n >= 2, "sizes found {n}");
    let e = read(&patched, default()).unwrap_err();
    assert!(matches!(e, SheetError::Damaged { .. }), "{e:?}");
    check_message(&e, &["endommagé"]);
    assert_eq!(read(&bytes, default()), Ok(50));
}

/// A shared-strings table past the part cap; one that declares more strings than it holds
/// reserves nothing (the count is not used) and reads.
#[test]
fn huge_shared_strings_are_refused() {
    let strings: Vec<String> = (0..20_000).map(|i| format!("valeur {i}")).collect();
    let refs: Vec<&str> = strings.iter().map(String::as_str).collect();
    let xlsx = Xlsx::new()
        .shared(&refs)
        .sheet("S", &row(1, &[s(0, 1, 0)]))
        .build();
    let limits = SheetLimits {
        max_part_bytes: 64 * 1024,
        ..default()
    };
    let e = read(&xlsx, limits).unwrap_err();
    assert_eq!(
        limit_of(Err(e.clone())),
        Some((SheetLimit::PartSize, 65_536, None))
    );
    check_message(&e, &["textes partagés", "65536 octets"]);
    assert_eq!(read(&xlsx, default()), Ok(1));

    let mut lying = Xlsx::new().sheet("S", &row(1, &[s(0, 1, 0)]));
    lying.shared_xml = Some(
        br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="4000000000"><si><t>x</t></si></sst>"#
            .to_vec(),
    );
    assert_eq!(read(&lying.build(), default()), Ok(1));
}

/// Password-protected workbooks: an OLE2 container holding `EncryptedPackage` (Office's
/// encrypted XLSX), an ODS whose manifest lists encryption data.
#[test]
fn encrypted_workbooks_are_refused() {
    let ole = ole2("EncryptedPackage");
    assert_eq!(sniff(&ole), Sniff::Ole2);
    let e = read(&ole, default()).unwrap_err();
    assert_eq!(e, SheetError::Encrypted);
    assert_eq!(e.code(), "encrypted-workbook");
    check_message(&e, &["mot de passe", "copie sans mot de passe"]);
    let ods = ods_with(
        &table("T", &orow(&[ot("x")])),
        r#"<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/></manifest:encryption-data>"#,
    );
    assert_eq!(read(&ods, default()), Err(SheetError::Encrypted));
    // Legacy OLE2 files are named, not read.
    let xls = read(&ole2("Workbook"), default()).unwrap_err();
    assert_eq!(xls, SheetError::Other(OtherDocument::Xls));
    check_message(&xls, &["Excel 97-2003 (XLS)", "XLSX, ODS ou CSV"]);
    assert_eq!(
        read(&ole2("WordDocument"), default()),
        Err(SheetError::Other(OtherDocument::Legacy))
    );
    // A truncated OLE2 header is no workbook either (and no panic).
    assert_eq!(
        read(&ole[..600], default()),
        Err(SheetError::Other(OtherDocument::Legacy))
    );
}

/// A value in column XFD (16 384 columns): refused past the column limit, on its line;
/// formatted empty cells up to XFD are ignored.
#[test]
fn sixteen_thousand_columns() {
    let wide = Xlsx::new()
        .sheet(
            "S",
            &[
                row(1, &[is(0, 1, "NUMDEP")]),
                row(2, &[n(0, 2, "1"), n(16_383, 2, "1")]),
            ]
            .concat(),
        )
        .build();
    let e = read(&wide, default()).unwrap_err();
    assert_eq!(
        limit_of(Err(e.clone())),
        Some((SheetLimit::Columns, 2000, Some(2)))
    );
    check_message(&e, &["Ligne 2 de la feuille", "colonne 2000"]);
    let styled = Xlsx::new()
        .sheet(
            "S",
            r#"<row r="1"><c r="A1"><v>1</v></c><c r="XFD1" s="1"/></row>"#,
        )
        .build();
    assert_eq!(read(&styled, default()), Ok(1));
    let ods = ods(&table(
        "T",
        &orow(&[r#"<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/>"#.into()]),
    ));
    assert_eq!(
        limit_of(read(&ods, default())),
        Some((SheetLimit::Columns, 2000, Some(1)))
    );
}

#[test]
fn workbook_without_sheet() {
    let e = read(&Xlsx::new().build(), default()).unwrap_err();
    assert_eq!(e, SheetError::NoSheet);
    check_message(&e, &["aucune feuille"]);
    assert_eq!(
        read(&Xlsx::new().chart_sheet("G").build(), default()),
        Err(SheetError::NoSheet)
    );
    assert_eq!(
        read_named(&Xlsx::new().build(), Some("X"), default()),
        Err(SheetError::NoSheet)
    );
    assert_eq!(read(&ods(""), default()), Err(SheetError::NoSheet));
    assert_eq!(
        read_named(&ods(""), Some("X"), default()),
        Err(SheetError::NoSheet)
    );
}

/// A `.xlsx` that is really a CSV is no workbook: the caller reads it as text. Other zips
/// and documents are named.
#[test]
fn not_workbooks() {
    let csv = b"NUMDEP;TYPEV\r\n01;1\r\n";
    assert_eq!(sniff(csv), Sniff::NotWorkbook);
    let e = read(csv, default()).unwrap_err();
    assert_eq!(
        (e.clone(), e.code()),
        (SheetError::NotWorkbook, "not-workbook")
    );
    let docx = zip_of(&[
        ("[Content_Types].xml", b"<Types/>", true),
        ("word/document.xml", b"<w:document/>", true),
    ]);
    let pptx = zip_of(&[("ppt/presentation.xml", b"<p/>", true)]);
    let xlsb = zip_of(&[("xl/workbook.bin", b"\0", true)]);
    let odt = zip_of(&[(
        "mimetype",
        b"application/vnd.oasis.opendocument.text",
        false,
    )]);
    let odp = zip_of(&[(
        "mimetype",
        b"application/vnd.oasis.opendocument.presentation",
        false,
    )]);
    let other_office = zip_of(&[("[Content_Types].xml", b"<Types/>", true)]);
    let plain = zip_of(&[("notes.txt", b"bonjour", true)]);
    let empty = zip_of(&[]);
    let cases = [
        (docx, OtherDocument::Word, "document Word"),
        (pptx, OtherDocument::PowerPoint, "PowerPoint"),
        (xlsb, OtherDocument::Xlsb, "XLSB"),
        (odt, OtherDocument::OpenDocumentText, "texte OpenDocument"),
        (odp, OtherDocument::OtherOpenDocument, "OpenDocument"),
        (other_office, OtherDocument::OtherOffice, "Office"),
        (plain, OtherDocument::Zip, "archive ZIP"),
        (empty, OtherDocument::Zip, "archive ZIP"),
    ];
    for (bytes, doc, word) in cases {
        assert_eq!(sniff(&bytes), Sniff::Zip);
        let e = read(&bytes, default()).unwrap_err();
        assert_eq!(e, SheetError::Other(doc));
        check_message(&e, &[word]);
    }
    // An ODS without its `mimetype` entry is recognised by its manifest; an XLSX whose
    // main part is elsewhere by its content types (and read: calamine follows the
    // relationships).
    let ods_bytes = ods(&table("T", &orow(&[ot("x")])));
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(ods_bytes.as_slice())).unwrap();
    let mut parts = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).unwrap();
        let name = f.name().unwrap().into_owned();
        if name != "mimetype" {
            parts.push((name, data));
        }
    }
    let refs: Vec<(&str, &[u8], bool)> = parts
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice(), true))
        .collect();
    assert_eq!(read(&zip_of(&refs), default()), Ok(1));
}

/// Text or tags longer than the token limit: refused before any XML reader buffers them
/// (every part is read through the token guard while it streams).
#[test]
fn overlong_tokens() {
    let limits = SheetLimits {
        max_token_bytes: 1000,
        ..default()
    };
    let long = "MARQUEUR".repeat(200);
    let xlsx = Xlsx::new().sheet("S", &row(1, &[is(0, 1, &long)])).build();
    let e = read(&xlsx, limits).unwrap_err();
    assert_eq!(
        limit_of(Err(e.clone())),
        Some((SheetLimit::TokenLength, 1000, None))
    );
    check_message(&e, &["1000 octets"]);
    let ods = ods(&table("T", &orow(&[ot(&long)])));
    assert_eq!(
        limit_of(read(&ods, limits)),
        Some((SheetLimit::TokenLength, 1000, None))
    );
    // A long attribute is a long token too.
    let attr = format!(r#"<row r="1" x="{long}"><c r="A1"><v>1</v></c></row>"#);
    let xlsx = Xlsx::new().sheet("S", &attr).build();
    assert_eq!(
        limit_of(read(&xlsx, limits)).map(|l| l.0),
        Some(SheetLimit::TokenLength)
    );
}

/// A cell over the field limit, on its line; the message names no value.
#[test]
fn overlong_cells() {
    let long = "MARQUEUR".repeat(9000);
    let xlsx = Xlsx::new()
        .sheet(
            "S",
            &[row(1, &[is(0, 1, "A")]), row(3, &[is(1, 3, &long)])].concat(),
        )
        .build();
    let e = read(&xlsx, default()).unwrap_err();
    assert_eq!(
        limit_of(Err(e.clone())),
        Some((SheetLimit::CellLength, 65_536, Some(3)))
    );
    check_message(&e, &["Ligne 3 de la feuille", "65536 octets"]);
    let spaces = r#"<table:table-cell office:value-type="string"><text:p>a<text:s text:c="4000000000"/></text:p></table:table-cell>"#;
    let ods = ods(&table(
        "T",
        &[orow(&[ot("A")]), orow(&[spaces.into()])].concat(),
    ));
    assert_eq!(
        limit_of(read(&ods, default())),
        Some((SheetLimit::CellLength, 65_536, Some(2)))
    );
}

/// Rows past the row limit and cells past the cell budget, through ODS repeats.
#[test]
fn repeated_rows_are_bounded() {
    let repeated = r#"<table:table-row table:number-rows-repeated="2000000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="100"/></table:table-row>"#;
    let ods = ods(&table("T", repeated));
    let small = SheetLimits {
        max_rows: 1000,
        ..default()
    };
    let e = read(&ods, small).unwrap_err();
    assert_eq!(
        limit_of(Err(e.clone())),
        Some((SheetLimit::Rows, 1000, None))
    );
    check_message(&e, &["1000 lignes"]);
    let budget = SheetLimits {
        max_cells: 10_000,
        ..default()
    };
    assert_eq!(
        limit_of(read(&ods, budget)),
        Some((SheetLimit::Cells, 10_000, Some(101)))
    );
}

#[test]
fn workbook_size_is_capped() {
    let xlsx = Xlsx::new().sheet("S", &row(1, &[n(0, 1, "1")])).build();
    let limits = SheetLimits {
        max_workbook_bytes: 100,
        ..default()
    };
    let e = read(&xlsx, limits).unwrap_err();
    assert_eq!(e.code(), "limit-workbook-size");
    check_message(&e, &["100 octets", "CSV"]);
}

#[test]
fn damaged_workbooks() {
    let xlsx = Xlsx::new()
        .sheet(
            "S",
            &(1..=200)
                .map(|r| row(r, &[n(0, r, "1")]))
                .collect::<String>(),
        )
        .build();
    for cut in [4, 30, xlsx.len() / 2, xlsx.len() - 10] {
        let e = read(&xlsx[..cut], default()).unwrap_err();
        assert!(matches!(e, SheetError::Damaged { .. }), "{cut}: {e:?}");
    }
    // XML cut short inside the sheet: the error names the last row reached.
    let broken = Xlsx::new()
        .sheet(
            "S",
            r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>"#,
        )
        .build();
    assert!(matches!(
        read(&broken, default()),
        Err(SheetError::Damaged { .. })
    ));
    let ods = zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
            false,
        ),
        (
            "content.xml",
            ods_content(&table("T", &orow(&[of("1")])))
                .replace("</table:table>", "<table:table-row><table:table-cell>")
                .as_bytes(),
            true,
        ),
    ]);
    assert_eq!(
        read(&ods, default()),
        Err(SheetError::Damaged { line: Some(2) })
    );
    let no_content = zip_of(&[(
        "mimetype",
        b"application/vnd.oasis.opendocument.spreadsheet",
        false,
    )]);
    assert!(matches!(
        read(&no_content, default()),
        Err(SheetError::Damaged { .. })
    ));
}

/// Deterministic mutations of valid workbooks: whatever the damage, an error or rows, and
/// never a panic, a hang or a huge allocation.
#[test]
fn mutated_workbooks_never_panic() {
    let xlsx = Xlsx::new()
        .shared(&["NUMDEP", "MNAIS", "Léa"])
        .sheet(
            "S",
            &[
                row(1, &[s(0, 1, 0), s(1, 1, 1), s(2, 1, 2)]),
                row(
                    2,
                    &[n(0, 2, "1"), ns(1, 2, style::DATE, "43243"), is(2, 2, "x")],
                ),
            ]
            .concat(),
        )
        .build();
    let ods = ods(&table(
        "T",
        &[
            orow(&[ot("NUMDEP"), ot("DATDEB")]),
            orow(&[of("1"), od("2018-05-23")]),
        ]
        .concat(),
    ));
    let stored = zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
            false,
        ),
        (
            "content.xml",
            ods_content(&table("T", &orow(&[of("1"), ot("x")]))).as_bytes(),
            false,
        ),
    ]);
    let ole = ole2("EncryptedPackage");
    let mut seed: u64 = 0x5EED;
    let mut next = || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) as usize
    };
    for base in [&xlsx, &ods, &stored, &ole] {
        for _ in 0..300 {
            let mut m = base.clone();
            for _ in 0..1 + next() % 4 {
                let i = next() % m.len();
                m[i] = (next() & 0xFF) as u8;
            }
            let _ = read(&m, default());
            let _ = Workbook::open(&m, default()).and_then(|mut w| w.sheet_names());
        }
    }
}

/// Found by the fuzz target `read_sheet` (when calamine read XLSX, its unchecked position
/// arithmetic overflowed on `<row r="INTERANT1">`): such references are read or refused,
/// without a panic (positions are parsed with saturating arithmetic).
#[test]
fn fuzz_overflowing_cell_references() {
    let cases = [
        r#"<row r="INTERANT1"><c r="A1" t="s"><v>0</v></c></row>"#,
        r#"<row r="99999999999"><c r="A1"><v>1</v></c></row>"#,
        r#"<row r="1"><c r="ZZZZZZZZZZ1"><v>1</v></c></row>"#,
        r#"<row r="1"><c r="A99999999999"><v>1</v></c></row>"#,
        r#"<row r="1"><c r="A0"><v>1</v></c></row>"#,
        r#"<row r="-1"><c r="1A"><v>1</v></c></row>"#,
    ];
    for rows in cases {
        let xlsx = Xlsx::new().shared(&["x"]).sheet("S", rows).build();
        let _ = read(&xlsx, default());
    }
    // Dimensions whose end comes before their start, or past the sheet.
    for d in ["B2:A1", "A1:XFD99999999999", "ZZZZZZZZ1:A1", ":", ""] {
        let mut x = Xlsx::new().sheet("S", r#"<row r="1"><c r="A1"><v>1</v></c></row>"#);
        x.dimension = Some(d.to_owned());
        let _ = read(&x.build(), default());
    }
}
