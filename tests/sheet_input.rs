//! Issue 15: workbooks as the input of every command (docs/spec/INTERFACES.md "Spreadsheet
//! input"): recognised by content, the header found under a title, `row` counting records and
//! `line` the sheet's row, cell types rendered for the column they feed, the cell problems as
//! findings, the spreadsheet damage of text cells, midnight dates repaired, trailing totals
//! skipped, `--sheet`, a repaired or re-hashed copy in CSV, last year's file as a workbook,
//! and the sheet read within `finish` with its outputs handed over as it goes.

use crate::read_common::{read_invariant, read_with, Event};
use crate::sheet_build::{is, n, ns, od, ods, of, orow, ot, row, style, table, Xlsx};
use olinpe::engine::{Mode, Options, PreviousReader};
use olinpe::error::Error;
use olinpe::finding::Code;
use olinpe::pseudo::Key;
use olinpe::read::{inspect, Format, ReadOptions};
use olinpe::session::{Artifact, Session};
use std::collections::BTreeMap;

/// Column codes of the test sheets: 22 columns, so that a total under them is a trailer.
const COLS: [&str; 22] = [
    "ACCFAM",
    "ANAIS",
    "DATDEB",
    "DATDECMIN",
    "DATDECPE",
    "DATFIN",
    "MNAIS",
    "NUMANONYM",
    "NUMANONYMANT",
    "NUMDEP",
    "SEXE",
    "TYPEV",
    "DECISION",
    "ACCMOD",
    "ALLOC",
    "ANSA1",
    "ANSA2",
    "ANSMERE",
    "ANSPERE",
    "AUTREDA",
    "AUTREDJ",
    "AUTREHEBER",
];

fn col(code: &str) -> u32 {
    COLS.iter().position(|c| *c == code).expect("a test column") as u32
}

/// The XLSX header row `r` of [`COLS`].
fn xlsx_header(r: u32) -> String {
    let cells: Vec<String> = COLS
        .iter()
        .enumerate()
        .map(|(j, c)| is(j as u32, r, c))
        .collect();
    row(r, &cells)
}

/// An XLSX data row: typed cells `(code, cell)` where cell is made by a builder at its column.
fn xlsx_row(r: u32, cells: &[(&str, &dyn Fn(u32, u32) -> String)]) -> String {
    let mut out: Vec<(u32, String)> = cells.iter().map(|(c, f)| (col(c), f(col(c), r))).collect();
    out.sort_by_key(|(j, _)| *j);
    row(r, &out.into_iter().map(|(_, s)| s).collect::<Vec<_>>())
}

fn read_opts() -> ReadOptions {
    ReadOptions::default()
}

/// A sheet with a title (row 1), an empty row, the header (row 3), two records (rows 4 and
/// 6: row 5 is empty), and a total (row 7).
fn titled_xlsx() -> Vec<u8> {
    let rows = [
        row(1, &[is(0, 1, "Export Olinpe 2018 - Conseil départemental")]),
        xlsx_header(3),
        xlsx_row(
            4,
            &[
                ("NUMDEP", &|c, r| n(c, r, "1")),
                ("MNAIS", &|c, r| n(c, r, "3")),
                ("ANAIS", &|c, r| n(c, r, "2008")),
                ("SEXE", &|c, r| n(c, r, "1")),
                ("TYPEV", &|c, r| n(c, r, "1")),
                ("DATDEB", &|c, r| ns(c, r, style::DATE, "43243")),
                ("DATDECMIN", &|c, r| ns(c, r, style::DATE_FR, "43221")),
            ],
        ),
        xlsx_row(
            6,
            &[
                ("NUMDEP", &|c, r| is(c, r, "1")),
                ("MNAIS", &|c, r| is(c, r, "3")),
                ("TYPEV", &|c, r| n(c, r, "2")),
                ("DATDEB", &|c, r| is(c, r, "23/05/2018 00:00")),
                ("DATFIN", &|c, r| ns(c, r, style::DATETIME, "43243.4375")),
            ],
        ),
        row(7, &[is(0, 7, "Nombre de lignes : 2")]),
    ];
    Xlsx::new().sheet("Données", &rows.concat()).build()
}

#[test]
fn a_workbook_is_read_like_a_csv_export_with_typed_cells() {
    let o = read_invariant(&titled_xlsx(), read_opts());
    let info = o.ok();
    assert_eq!(info.format, Some(Format::Xlsx));
    assert_eq!(info.sheet.as_deref(), Some("Données"));
    assert_eq!(info.rows, 2);
    assert_eq!(info.delimiter, None);
    // Rows count records; lines are the sheet's rows.
    assert_eq!(o.rows(), [(1, 4), (2, 6)]);
    assert_eq!(
        o.file_codes(),
        [Code::TitleLinesSkipped, Code::TrailingLinesSkipped]
    );
    // Number cells: no zero to lose.
    assert_eq!(o.value(0, "NUMDEP").as_deref(), Some("01"));
    assert_eq!(o.value(0, "MNAIS").as_deref(), Some("03"));
    assert_eq!(o.value(0, "ANAIS").as_deref(), Some("2008"));
    assert_eq!(o.value(0, "DATDEB").as_deref(), Some("2018-05-23"));
    assert_eq!(o.value(0, "DATDECMIN").as_deref(), Some("2018-05"));
    assert!(o.record_codes(0).is_empty(), "{:?}", o.record_codes(0));
    // Text cells: the spreadsheet damage of the CSV case; a date with a midnight time is
    // repairable; a date cell with another time is reported.
    assert_eq!(o.value(1, "NUMDEP").as_deref(), Some("1"));
    assert_eq!(o.value(1, "DATFIN").as_deref(), Some("2018-05-23 10:30:00"));
    assert_eq!(
        o.record_codes(1),
        [
            Code::LeadingZeroLost,
            Code::LeadingZeroLost,
            Code::DateFormatRepairable,
            Code::DateWithTime
        ]
    );
}

#[test]
fn repair_fixes_text_damage_and_midnight_dates_in_a_workbook() {
    let o = read_invariant(
        &titled_xlsx(),
        ReadOptions {
            repair: true,
            ..read_opts()
        },
    );
    assert_eq!(o.value(1, "NUMDEP").as_deref(), Some("01"));
    assert_eq!(o.value(1, "DATDEB").as_deref(), Some("2018-05-23"));
    assert_eq!(
        o.value(1, "DATFIN").as_deref(),
        Some("2018-05-23 10:30:00"),
        "another time than midnight is not repaired"
    );
    let codes = o.record_codes(1);
    assert_eq!(
        codes.iter().filter(|c| **c == Code::ValueRepaired).count(),
        3
    );
    assert!(codes.contains(&Code::DateWithTime));
    // The repaired copy is a CSV of the header row and the records, raw cells as shown.
    let raw = o.records().iter().find_map(|e| match e {
        Event::Record { raw, .. } => Some(raw.clone()),
        _ => None,
    });
    assert_eq!(raw.expect("raw cells").len(), COLS.len());
}

#[test]
fn the_same_sheet_as_ods_reads_the_same() {
    let cells = |vals: &[(&str, String)]| {
        let mut row = vec![String::from("<table:table-cell/>"); COLS.len()];
        for (c, v) in vals {
            row[col(c) as usize] = v.clone();
        }
        orow(&row)
    };
    let header = orow(&COLS.iter().map(|c| ot(c)).collect::<Vec<_>>());
    let rows = [
        orow(&[ot("Export Olinpe 2018 - Conseil départemental")]),
        "<table:table-row><table:table-cell/></table:table-row>".to_owned(),
        header,
        cells(&[
            ("NUMDEP", of("1")),
            ("MNAIS", of("3")),
            ("ANAIS", of("2008")),
            ("SEXE", of("1")),
            ("TYPEV", of("1")),
            ("DATDEB", od("2018-05-23")),
            ("DATDECMIN", od("2018-05-01")),
        ]),
        "<table:table-row><table:table-cell/></table:table-row>".to_owned(),
        cells(&[
            ("NUMDEP", ot("1")),
            ("MNAIS", ot("3")),
            ("TYPEV", of("2")),
            ("DATDEB", ot("23/05/2018 00:00")),
            ("DATFIN", od("2018-05-23T10:30:00")),
        ]),
        orow(&[ot("Nombre de lignes : 2")]),
    ];
    let bytes = ods(&table("Données", &rows.concat()));
    let o = read_invariant(&bytes, read_opts());
    let x = read_invariant(&titled_xlsx(), read_opts());
    assert_eq!(o.ok().format, Some(Format::Ods));
    assert_eq!(o.rows(), x.rows());
    assert_eq!(o.file_codes(), x.file_codes());
    for k in 0..2 {
        assert_eq!(o.record_codes(k), x.record_codes(k));
        for c in ["NUMDEP", "MNAIS", "DATDEB", "DATFIN", "DATDECMIN"] {
            assert_eq!(o.value(k, c), x.value(k, c), "row {k} {c}");
        }
    }
}

#[test]
fn cell_problems_and_cells_beyond_the_header_are_findings() {
    let mut names: Vec<String> = COLS.iter().map(|c| c.to_string()).collect();
    names.push("PRENOM".into());
    names.push("JNAIS".into());
    let header: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(j, c)| is(j as u32, 1, c))
        .collect();
    let w = names.len() as u32;
    let rows = [
        row(1, &header),
        // PRENOM as a number; SEXE a decimal; JNAIS a decimal (never quoted).
        row(
            2,
            &[
                n(col("SEXE"), 2, "1.5"),
                n(col("TYPEV"), 2, "1"),
                n(w - 2, 2, "12345"),
                n(w - 1, 2, "7.5"),
            ],
        ),
        // A value past the header's last column.
        row(
            3,
            &[
                n(col("SEXE"), 3, "1"),
                n(col("TYPEV"), 3, "1"),
                is(w + 2, 3, "x"),
            ],
        ),
    ];
    let o = read_invariant(&Xlsx::new().sheet("F", &rows.concat()).build(), read_opts());
    assert_eq!(o.ok().rows, 2);
    let codes = o.record_codes(0);
    assert!(codes.contains(&Code::NumberInName), "{codes:?}");
    assert_eq!(
        codes
            .iter()
            .filter(|c| **c == Code::NonIntegerNumber)
            .count(),
        2
    );
    let messages = o.messages().join("\n");
    assert!(messages.contains("« 1.5 »"), "{messages}");
    assert!(
        !messages.contains("7.5") && !messages.contains("12345"),
        "{messages}"
    );
    assert_eq!(o.record_codes(1), [Code::FieldCount]);
}

#[test]
fn the_sheet_is_the_first_or_the_one_named() {
    let sheet = |v: &str| {
        let cells: [(&str, &dyn Fn(u32, u32) -> String); 3] = [
            ("TYPEV", &|c, r| is(c, r, v)),
            ("SEXE", &|c, r| n(c, r, "1")),
            ("NUMDEP", &|c, r| n(c, r, "75")),
        ];
        [xlsx_header(1), xlsx_row(2, &cells)].concat()
    };
    let book = Xlsx::new()
        .sheet("Notes", &row(1, &[is(0, 1, "rien")]))
        .sheet("Export 2018", &sheet("1"))
        .sheet("Vide", "")
        .build();
    let first = read_invariant(&book, read_opts());
    assert_eq!(first.ok().sheet.as_deref(), Some("Notes"));
    assert_eq!(first.ok().rows, 0);
    let named = read_invariant(
        &book,
        ReadOptions {
            sheet: Some("Export 2018".into()),
            ..read_opts()
        },
    );
    assert_eq!(named.ok().rows, 1);
    assert_eq!(named.value(0, "TYPEV").as_deref(), Some("1"));
    let missing = read_with(
        &book,
        0,
        ReadOptions {
            sheet: Some("Export".into()),
            ..read_opts()
        },
    );
    assert_eq!(missing.err(), "sheet-not-found");
    let empty = read_with(
        &book,
        0,
        ReadOptions {
            sheet: Some("Vide".into()),
            ..read_opts()
        },
    );
    assert_eq!(empty.err(), "empty-sheet");
    // The mapping step's view of it: the sheets, and the header of the one asked for.
    let i = inspect(&book, None, None);
    assert_eq!(i.format, Some(Format::Xlsx));
    assert_eq!(i.sheets, ["Notes", "Export 2018", "Vide"]);
    assert_eq!(i.sheet.as_deref(), Some("Notes"));
    let i = inspect(&book, None, Some("Export 2018"));
    assert_eq!(i.headers, COLS);
    assert_eq!(inspect(&titled_xlsx(), None, None).headers, COLS);
    assert_eq!(inspect(&book, None, Some("Export")).format, None);
}

#[test]
fn a_workbook_too_big_is_refused_while_it_is_pushed() {
    // A workbook is held whole: past its size limit (256 MiB) it is refused as soon as the
    // bytes pushed pass it, before the end of the input.
    let head = titled_xlsx();
    let mut r = olinpe::read::Reader::new(read_opts()).expect("reader");
    let mut sink = crate::read_common::Collect::default();
    r.push(&head, &mut sink).expect("a workbook's start");
    let chunk = vec![0u8; 16 << 20];
    let e = (0..17)
        .map(|_| r.push(&chunk, &mut sink))
        .find_map(Result::err)
        .expect("refused");
    assert_eq!(e.code(), "limit-workbook-size");
    assert!(e.message().contains("CSV"), "{}", e.message());
}

/// A nominative sheet of `rows` generated records, as XLSX.
fn generated_xlsx(rows: u64, seed: u64) -> (Vec<u8>, Vec<u8>) {
    let csv = olinpe::generate::generate_to_vec(&olinpe::generate::GenOptions {
        rows,
        seed,
        error_rate: 0.05,
        nominative: true,
        ..olinpe::generate::GenOptions::default()
    })
    .0;
    let xlsx = olinpe::generate::xlsx::csv_to_xlsx(&csv);
    (csv, xlsx)
}

fn job(opts: &Options, input: &[u8], pauses: &mut Vec<u64>) -> BTreeMap<Artifact, Vec<u8>> {
    let key = (opts.mode != Mode::Check).then(|| Key::new("CLE_DE_TEST").expect("test key"));
    let mut s = Session::new(opts.clone(), key, None).expect("session");
    let mut out: BTreeMap<Artifact, Vec<u8>> = BTreeMap::new();
    for c in input.chunks(100_000) {
        for o in s.push(c).expect("push") {
            out.entry(o.artifact).or_default().extend(o.bytes);
        }
    }
    let last = s
        .finish_with(&mut |outs, p| {
            pauses.push(p.rows);
            assert!(p.total == 0 || p.done <= p.total, "{p:?}");
            for o in outs {
                out.entry(o.artifact).or_default().extend(o.bytes);
            }
            Ok(())
        })
        .expect("finish");
    for o in last {
        out.entry(o.artifact).or_default().extend(o.bytes);
    }
    out
}

#[test]
fn the_sheet_is_read_within_finish_and_its_outputs_come_out_as_it_goes() {
    let (csv, xlsx) = generated_xlsx(2000, 21);
    let opts = |name: &str| Options {
        mode: Mode::Pseudonymise,
        input_name: name.into(),
        date_export: Some("2019-03-01".into()),
        ..Options::default()
    };
    let mut pauses = Vec::new();
    let from_xlsx = job(&opts("cd99.xlsx"), &xlsx, &mut pauses);
    let mut none = Vec::new();
    let from_csv = job(&opts("cd99.csv"), &csv, &mut none);
    assert!(none.is_empty(), "a CSV is read while pushed");
    // A pause every 512 records, rows growing.
    assert_eq!(pauses.len(), 3, "{pauses:?}");
    assert!(pauses.windows(2).all(|w| w[0] < w[1]), "{pauses:?}");
    for a in [Artifact::TransmissionXml, Artifact::TransmissionCsv] {
        assert!(from_xlsx[&a] == from_csv[&a], "{a:?}");
    }
}

#[test]
fn repaired_and_rehashed_copies_of_a_workbook_are_csv() {
    let check = Options {
        mode: Mode::Check,
        input_name: "cd99.xlsx".into(),
        repair: true,
        ..Options::default()
    };
    let out = job(&check, &titled_xlsx(), &mut Vec::new());
    let repaired = String::from_utf8(out[&Artifact::Repaired].clone()).expect("UTF-8");
    let lines: Vec<&str> = repaired.lines().collect();
    assert_eq!(lines.len(), 3, "{repaired}");
    assert_eq!(lines[0], COLS.join(";"));
    assert!(lines[2].starts_with(";;2018-05-23;"), "{}", lines[2]);
    assert_eq!(
        Artifact::Repaired.name("cd99.xlsx", false),
        "cd99-repare.csv"
    );
    assert_eq!(Artifact::Repaired.mime("cd99.xlsx"), "text/csv");
    let rehash = Options {
        mode: Mode::Rehash,
        input_name: "cd99.ods".into(),
        ..Options::default()
    };
    let out = job(&rehash, &titled_xlsx(), &mut Vec::new());
    let rehashed = String::from_utf8(out[&Artifact::Rehashed].clone()).expect("UTF-8");
    assert!(rehashed.starts_with("ACCFAM;ANAIS;"), "{rehashed}");
    assert_eq!(
        Artifact::Rehashed.name("cd99.ods", false),
        "cd99-rehache.csv"
    );
}

#[test]
fn last_year_s_file_may_be_a_workbook() {
    let (csv, xlsx) = generated_xlsx(300, 5);
    let ids = |bytes: &[u8]| -> Result<usize, Error> {
        let mut p = PreviousReader::new(None)?;
        for c in bytes.chunks(7_000) {
            p.push(c)?;
        }
        Ok(p.finish()?.ids.len())
    };
    assert_eq!(ids(&xlsx).expect("xlsx"), ids(&csv).expect("csv"));
}
