//! Reading XLSX and ODS workbooks built in the test (`sheet_build`): each cell type, dates
//! against numbers formatted as dates, formulas by their cached value, shared and inline
//! strings, sparse rows, repeated ODS rows and columns, title rows above the header, sheet
//! selection; and the rendering of typed cells for the column kinds a header gives.
//! The same tests run under WebAssembly (`tests/wasm.rs`, `scripts/test-wasm.sh`).

use olinpe::read::sheet::{
    render, sniff, Cell, CellProblem, ColumnKind, DateTime, SheetError, SheetLimits, Sniff,
    Workbook, WorkbookFormat,
};
use olinpe::read::{IdentityRole, Target, CODES};

use crate::sheet_build::*;

/// Every row of a sheet: (line, cells).
fn rows_of(
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<(String, Vec<(u32, Vec<Cell>)>), SheetError> {
    rows_with(bytes, sheet, SheetLimits::default())
}

fn rows_with(
    bytes: &[u8],
    sheet: Option<&str>,
    limits: SheetLimits,
) -> Result<(String, Vec<(u32, Vec<Cell>)>), SheetError> {
    let mut wb = Workbook::open(bytes, limits)?;
    let mut sh = wb.sheet(sheet)?;
    let name = sh.name().to_owned();
    let mut out = Vec::new();
    while let Some(r) = sh.next_row()? {
        out.push((r.line, r.cells.to_vec()));
    }
    // After the end, the sheet stays at its end.
    assert!(sh.next_row()?.is_none());
    Ok((name, out))
}

fn t(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

fn date(year: u16, month: u8, day: u8, seconds: u32) -> Cell {
    Cell::Date(DateTime {
        year,
        month,
        day,
        seconds,
    })
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn xlsx_cell_types() {
    use style::*;
    let r1 = row(
        1,
        &[
            n(0, 1, "5"),
            n(1, 1, "5.0"),
            n(2, 1, "2.5"),
            s(3, 1, 0),
            is(4, 1, "  inline  "),
            r#"<c r="F1" t="b"><v>1</v></c>"#.into(),
            r#"<c r="G1" t="e"><v>#DIV/0!</v></c>"#.into(),
            r#"<c r="H1"><f>1+1</f><v>2</v></c>"#.into(),
            r#"<c r="I1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>"#.into(),
            n(9, 1, "0.30000000000000004"),
            n(10, 1, "2.9999999999999996"),
            n(11, 1, "-12"),
            n(12, 1, "123456789012345"),
            s(13, 1, 1),
        ],
    );
    let r2 = row(
        2,
        &[
            ns(0, 2, DATE, "43243"),
            ns(1, 2, DATE_FR, "43243"),
            ns(2, 2, DATETIME, "43243.5"),
            ns(3, 2, DATETIME, "43243"),
            ns(4, 2, TIME, "0.5"),
            ns(5, 2, INTEGER, "43243"),
            ns(6, 2, PERCENT, "0.25"),
            n(7, 2, "43243"),
            r#"<c r="I2" s="1"><f>TODAY()</f><v>43243</v></c>"#.into(),
            ns(9, 2, DATE, "60"),
        ],
    );
    let bytes = Xlsx::new()
        .shared(&["Texte partagé", "a & <b>"])
        .sheet("Feuil1", &format!("{r1}{r2}"))
        .build();
    assert_eq!(sniff(&bytes), Sniff::Zip);
    assert_eq!(
        Workbook::open(&bytes, SheetLimits::default())
            .unwrap()
            .format(),
        WorkbookFormat::Xlsx
    );
    let (name, rows) = rows_of(&bytes, None).unwrap();
    assert_eq!(name, "Feuil1");
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0],
        (
            1,
            vec![
                Cell::Int(5),
                Cell::Int(5),
                Cell::Float(2.5),
                t("Texte partagé"),
                t("  inline  "),
                Cell::Bool(true),
                Cell::Error("#DIV/0!".into()),
                Cell::Int(2),
                t("ab"),
                Cell::Float(0.3),
                Cell::Int(3),
                Cell::Int(-12),
                Cell::Int(123_456_789_012_345),
                t("a & <b>"),
            ]
        )
    );
    assert_eq!(
        rows[1],
        (
            2,
            vec![
                date(2018, 5, 23, 0),
                date(2018, 5, 23, 0),
                date(2018, 5, 23, 43_200),
                date(2018, 5, 23, 0),
                Cell::Time(43_200),
                Cell::Int(43243), // an integer format is no date format
                Cell::Float(0.25),
                Cell::Int(43243), // a number without a date format stays a number
                date(2018, 5, 23, 0),
                date(1900, 2, 29, 0), // Excel's fictitious day, as Excel shows it
            ]
        )
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn xlsx_1904_dates() {
    let bytes = Xlsx::new()
        .date1904()
        .sheet("F", &row(1, &[ns(0, 1, style::DATE, "41781")]))
        .build();
    let (_, rows) = rows_of(&bytes, None).unwrap();
    assert_eq!(rows, vec![(1, vec![date(2018, 5, 23, 0)])]);
}

/// Title rows, a blank row, sparse rows, formatted-but-empty cells and rows, cells without
/// a reference.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn xlsx_titles_and_sparse_rows() {
    let sheet = [
        row(1, &[is(0, 1, "Export Olinpe 2018 - Conseil départemental")]),
        row(3, &[is(0, 3, "NUMDEP"), is(2, 3, "MNAIS")]),
        row(4, &[n(0, 4, "1"), ns(1, 4, 1, ""), n(2, 4, "5")]),
        r#"<row r="5"><c r="A5" s="1"/><c r="XFD5" s="2"/></row>"#.into(),
        row(7, &[n(3, 7, "9")]),
        r#"<row r="8"><c><v>1</v></c><c><v>2</v></c><c r="E8"><v>5</v></c><c><v>6</v></c></row>"#
            .into(),
        row(10, &[is(0, 10, "Nombre de lignes : 2")]),
        r#"<row r="11" s="3" customFormat="1"/>"#.into(),
    ]
    .concat();
    let bytes = Xlsx::new().sheet("Export", &sheet).build();
    let (_, rows) = rows_of(&bytes, None).unwrap();
    let want = vec![
        (1, vec![t("Export Olinpe 2018 - Conseil départemental")]),
        (3, vec![t("NUMDEP"), Cell::Empty, t("MNAIS")]),
        (4, vec![Cell::Int(1), Cell::Empty, Cell::Int(5)]),
        (7, vec![Cell::Empty, Cell::Empty, Cell::Empty, Cell::Int(9)]),
        (
            8,
            vec![
                Cell::Int(1),
                Cell::Int(2),
                Cell::Empty,
                Cell::Empty,
                Cell::Int(5),
                Cell::Int(6),
            ],
        ),
        (10, vec![t("Nombre de lignes : 2")]),
    ];
    assert_eq!(rows, want);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn xlsx_sheet_selection() {
    let bytes = Xlsx::new()
        .chart_sheet("Graphique")
        .sheet("Données", &row(1, &[is(0, 1, "premier")]))
        .sheet("Autre & co", &row(2, &[is(0, 2, "second")]))
        .build();
    let mut wb = Workbook::open(&bytes, SheetLimits::default()).unwrap();
    assert_eq!(wb.sheet_names().unwrap(), vec!["Données", "Autre & co"]);
    let (name, rows) = rows_of(&bytes, None).unwrap();
    assert_eq!(
        (name.as_str(), rows),
        ("Données", vec![(1, vec![t("premier")])])
    );
    let (name, rows) = rows_of(&bytes, Some("Autre & co")).unwrap();
    assert_eq!(
        (name.as_str(), rows),
        ("Autre & co", vec![(2, vec![t("second")])])
    );
    let err = rows_of(&bytes, Some("Absente")).unwrap_err();
    assert_eq!(
        err,
        SheetError::SheetNotFound {
            name: "Absente".into(),
            available: vec!["Données".into(), "Autre & co".into()]
        }
    );
    assert_eq!(err.code(), "sheet-not-found");
    assert_eq!(
        err.message(),
        "Le classeur n'a pas de feuille nommée « Absente ». Feuilles présentes : « Données », \
         « Autre & co »."
    );
    // The chart sheet is no worksheet.
    assert!(matches!(
        rows_of(&bytes, Some("Graphique")),
        Err(SheetError::SheetNotFound { .. })
    ));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn ods_cell_types() {
    let cells = [
        of("5"),
        of("2.5"),
        r#"<table:table-cell office:value-type="percentage" office:value="0.25"><text:p>25 %</text:p></table:table-cell>"#.into(),
        r#"<table:table-cell office:value-type="currency" office:currency="EUR" office:value="12"><text:p>12,00 €</text:p></table:table-cell>"#.into(),
        od("2018-05-23"),
        od("2018-05-23T00:00:00"),
        od("2018-05-23T14:30:00"),
        r#"<table:table-cell office:value-type="time" office:time-value="PT12H30M00S"><text:p>12:30</text:p></table:table-cell>"#.into(),
        r#"<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>VRAI</text:p></table:table-cell>"#.into(),
        ot("Texte"),
        // 10: white space: `text:s`, collapsing, tab, line break, two paragraphs, a span,
        // an annotation (not the cell's text), an entity.
        r#"<table:table-cell office:value-type="string"><text:p><text:s/>Jean<text:s text:c="2"/>Marie</text:p></table:table-cell>"#.into(),
        "<table:table-cell office:value-type=\"string\"><text:p>  a \n  b  </text:p></table:table-cell>".into(),
        r#"<table:table-cell office:value-type="string"><text:p>a<text:tab/>b<text:line-break/>c</text:p><text:p>d</text:p></table:table-cell>"#.into(),
        r#"<table:table-cell office:value-type="string"><office:annotation><dc:creator>X</dc:creator><text:p>Note cachée</text:p></office:annotation><text:p>D<text:span text:style-name="T1">upon</text:span>t &amp; fils</text:p></table:table-cell>"#.into(),
        // 14: a formula by its cached value; a string formula; an error.
        r#"<table:table-cell table:formula="of:=[.A1]*2" office:value-type="float" office:value="10" calcext:value-type="float"><text:p>10</text:p></table:table-cell>"#.into(),
        r#"<table:table-cell table:formula="of:=&quot;x&quot;" office:value-type="string" office:string-value="x" calcext:value-type="string"><text:p>x</text:p></table:table-cell>"#.into(),
        r#"<table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>"#.into(),
        // 17: a cell without a type but with text; a cell with a style and no value.
        r#"<table:table-cell><text:p>sans type</text:p></table:table-cell>"#.into(),
        r#"<table:table-cell table:style-name="ce1"/>"#.into(),
        of("43243"),
        r#"<table:table-cell office:value-type="date" office:date-value="2018-05-23T00:00:00.400"/>"#.into(),
    ];
    let bytes = ods(&table("Feuille1", &orow(&cells)));
    assert_eq!(
        Workbook::open(&bytes, SheetLimits::default())
            .unwrap()
            .format(),
        WorkbookFormat::Ods
    );
    let (name, rows) = rows_of(&bytes, None).unwrap();
    assert_eq!(name, "Feuille1");
    assert_eq!(
        rows,
        vec![(
            1,
            vec![
                Cell::Int(5),
                Cell::Float(2.5),
                Cell::Float(0.25),
                Cell::Int(12),
                date(2018, 5, 23, 0),
                date(2018, 5, 23, 0),
                date(2018, 5, 23, 52_200),
                Cell::Time(45_000),
                Cell::Bool(true),
                t("Texte"),
                t(" Jean  Marie"),
                t("a b"),
                t("a\tb\nc\nd"),
                t("Dupont & fils"),
                Cell::Int(10),
                t("x"),
                Cell::Error("#DIV/0!".into()),
                t("sans type"),
                Cell::Empty,
                Cell::Int(43243),
                date(2018, 5, 23, 0),
            ]
        )]
    );
}

/// Repeated columns and rows: a value repeated is yielded each time; empty repeats (16 000
/// columns, a million rows) cost nothing and only move the row number; covered cells of a
/// merged area are empty; title rows are yielded like any row.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn ods_repeats_and_merges() {
    let rows = [
        orow(&[ot("Export Olinpe 2018")]),
        r#"<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#.into(),
        orow(&[
            r#"<table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>fusion</text:p></table:table-cell>"#.into(),
            r#"<table:table-cell table:number-columns-repeated="1"/>"#.into(),
            r#"<table:covered-table-cell office:value-type="string"><text:p>caché</text:p></table:covered-table-cell>"#.into(),
            ot("après"),
        ]),
        format!(
            r#"<table:table-row table:number-rows-repeated="3">{}<table:table-cell table:number-columns-repeated="2"/>{}<table:table-cell table:number-columns-repeated="16000"/></table:table-row>"#,
            r#"<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="3"><text:p>1</text:p></table:table-cell>"#,
            of("7"),
        ),
        r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#.into(),
        r#"<table:table-row-group><table:table-row><table:table-cell/>"#.to_owned() + &of("8") + "</table:table-row></table:table-row-group>",
        r#"<table:table-row table:number-rows-repeated="47567"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#.into(),
        r#"<table:table-row table:number-rows-repeated="999999999"/>"#.into(),
    ]
    .concat();
    let bytes = ods(&table("T", &rows));
    let (_, got) = rows_of(&bytes, None).unwrap();
    let ones = vec![
        Cell::Int(1),
        Cell::Int(1),
        Cell::Int(1),
        Cell::Empty,
        Cell::Empty,
        Cell::Int(7),
    ];
    assert_eq!(
        got,
        vec![
            (1, vec![t("Export Olinpe 2018")]),
            (4, vec![t("fusion"), Cell::Empty, Cell::Empty, t("après")]),
            (5, ones.clone()),
            (6, ones.clone()),
            (7, ones),
            (1_000_008, vec![Cell::Empty, Cell::Int(8)]),
        ]
    );
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn ods_sheet_selection() {
    let tables = [
        table("Paramètres", &orow(&[ot("p")])),
        table("Données", &orow(&[ot("d")])),
        r#"<table:table table:name="Vide"/>"#.to_owned(),
        r#"<table:dde-links><table:dde-link><office:dde-source office:dde-application="soffice"/><table:table table:name="DDE"/></table:dde-link></table:dde-links>"#.to_owned(),
    ]
    .concat();
    let bytes = ods(&tables);
    let mut wb = Workbook::open(&bytes, SheetLimits::default()).unwrap();
    assert_eq!(
        wb.sheet_names().unwrap(),
        vec!["Paramètres", "Données", "Vide"]
    );
    let (name, rows) = rows_of(&bytes, None).unwrap();
    assert_eq!(
        (name.as_str(), rows),
        ("Paramètres", vec![(1, vec![t("p")])])
    );
    let (name, rows) = rows_of(&bytes, Some("Données")).unwrap();
    assert_eq!((name.as_str(), rows), ("Données", vec![(1, vec![t("d")])]));
    let (name, rows) = rows_of(&bytes, Some("Vide")).unwrap();
    assert_eq!((name.as_str(), rows.len()), ("Vide", 0));
    assert_eq!(
        rows_of(&bytes, Some("Autre")).unwrap_err(),
        SheetError::SheetNotFound {
            name: "Autre".into(),
            available: vec!["Paramètres".into(), "Données".into(), "Vide".into()]
        }
    );
    // The names stay known after a failed search; a second sheet can be read.
    assert_eq!(wb.sheet_names().unwrap().len(), 3);
    let mut sh = wb.sheet(Some("Données")).unwrap();
    assert_eq!(sh.next_row().unwrap().map(|r| r.line), Some(1));
}

/// The same sheet in XLSX and ODS gives the same typed cells.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn xlsx_and_ods_agree() {
    let xlsx = Xlsx::new()
        .shared(&["NUMDEP", "DATDEB", "PRENOM"])
        .sheet(
            "S",
            &[
                row(1, &[s(0, 1, 0), s(1, 1, 1), s(2, 1, 2)]),
                row(
                    2,
                    &[
                        n(0, 2, "1"),
                        ns(1, 2, style::DATE, "43243"),
                        is(2, 2, "Léa"),
                    ],
                ),
            ]
            .concat(),
        )
        .build();
    let ods = ods(&table(
        "S",
        &[
            orow(&[ot("NUMDEP"), ot("DATDEB"), ot("PRENOM")]),
            orow(&[of("1"), od("2018-05-23"), ot("Léa")]),
        ]
        .concat(),
    ));
    assert_eq!(rows_of(&xlsx, None).unwrap(), rows_of(&ods, None).unwrap());
}

/// The flow of the reader in part 2: the header row's cells name the variables, the column
/// map gives each column's target, [`ColumnKind::of`] its kind, and each cell is rendered.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn header_then_render() {
    let xlsx = Xlsx::new()
        .sheet(
            "S",
            &[
                row(1, &[is(0, 1, "Titre")]),
                row(
                    2,
                    &[
                        is(0, 2, "NUMDEP"),
                        is(1, 2, "MNAIS"),
                        is(2, 2, "ANAIS"),
                        is(3, 2, "DATDEB"),
                        is(4, 2, "DATDCMERE"),
                        is(5, 2, "TYPEV"),
                        is(6, 2, "PRENOM"),
                        is(7, 2, "JNAIS"),
                        is(8, 2, "NUMDO"),
                        is(9, 2, "INCONNUE"),
                    ],
                ),
                row(
                    3,
                    &[
                        n(0, 3, "1"),
                        n(1, 3, "5"),
                        n(2, 3, "2005"),
                        ns(3, 3, style::DATE, "43243"),
                        ns(4, 3, style::DATE, "43243"),
                        n(5, 3, "1.5"),
                        n(6, 3, "12"),
                        n(7, 3, "3"),
                        n(8, 3, "12345"),
                        n(9, 3, "0.5"),
                    ],
                ),
            ]
            .concat(),
        )
        .build();
    let (_, rows) = rows_of(&xlsx, None).unwrap();
    // The reader's header lookup, in short (variable codes, then identity columns).
    let target = |h: &str| match CODES.iter().position(|c| *c == h) {
        Some(i) => Target::Var(i),
        None => match h {
            "PRENOM" => Target::Identity(IdentityRole::Prenom),
            "JNAIS" => Target::Identity(IdentityRole::Jnais),
            "NUMDO" => Target::Identity(IdentityRole::Numdo),
            _ => Target::Ignored,
        },
    };
    let kinds: Vec<ColumnKind> = rows[1]
        .1
        .iter()
        .map(|c| match c {
            Cell::Text(h) => ColumnKind::of(target(h)),
            _ => ColumnKind::Text,
        })
        .collect();
    let rendered: Vec<(String, Option<CellProblem>)> = rows[2]
        .1
        .iter()
        .zip(&kinds)
        .map(|(c, k)| render(c, *k))
        .collect();
    let want = [
        ("01", None),
        ("05", None),
        ("2005", None),
        ("2018-05-23", None),
        ("2018-05", None),
        ("1.5", Some(CellProblem::NonIntegerInCode)),
        ("12", Some(CellProblem::NumberInName)),
        ("03", None),
        ("12345", None),
        ("0.5", None),
    ];
    let want: Vec<(String, Option<CellProblem>)> =
        want.iter().map(|(s, p)| (s.to_string(), *p)).collect();
    assert_eq!(rendered, want);
}
