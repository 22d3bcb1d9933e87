//! Issue 15: exports from reporting tools (docs/spec/INTERFACES.md). The header is the line,
//! among the first 20 non-blank ones, that names the most known columns (at least 5, else the
//! first); titles and blank lines above it are skipped with one finding; one or two short
//! lines after the records (a count, a total) are not records; `row` counts from the record
//! after the header, `line` stays physical. Every case is read in chunks of many sizes
//! (`read_invariant`): the result never depends on the cut.

use crate::read_common::{read_invariant, Event};
use olinpe::finding::Code;
use olinpe::read::{inspect, Format, ReadOptions};

/// A header of `n` variable codes (the first `n` of the decree, alphabetical).
fn header(n: usize) -> String {
    olinpe::read::CODES[..n].join(";")
}

/// A record of `n` fields, each `v`.
fn record(n: usize, v: &str) -> String {
    vec![v; n].join(";")
}

fn opts() -> ReadOptions {
    ReadOptions::default()
}

#[test]
fn a_title_and_a_blank_line_above_the_header_are_skipped() {
    let cols = 30;
    let input = format!(
        "Export Olinpe 2018 - Conseil départemental{}\n{}\n{}\n{}\n{}\n",
        ";".repeat(cols - 1),
        ";".repeat(cols - 1),
        header(cols),
        record(cols, "1"),
        record(cols, "2"),
    );
    let o = read_invariant(input.as_bytes(), opts());
    assert_eq!(o.ok().rows, 2);
    // Rows from the record after the header; lines physical.
    assert_eq!(o.rows(), [(1, 4), (2, 5)]);
    assert_eq!(o.value(0, "ACCFAM").as_deref(), Some("1"));
    assert_eq!(o.file_codes(), [Code::TitleLinesSkipped]);
    assert!(
        o.messages()[0].contains("2 première(s) ligne(s)") && o.messages()[0].contains("ligne 3"),
        "{:?}",
        o.messages()
    );
    let layout = o.events.iter().find_map(|e| match e {
        Event::Layout(l) => Some(l.clone()),
        _ => None,
    });
    assert_eq!(layout.expect("layout").header.len(), cols);
}

#[test]
fn the_issue_s_example_a_title_on_top_and_a_count_at_the_bottom() {
    // « Export Olinpe 2018 » and a blank line on top, « Nombre de lignes : 50 » at the
    // bottom: 50 records, the title is not the header (issue 15).
    let g = olinpe::generate::generate_to_vec(&olinpe::generate::GenOptions {
        rows: 50,
        seed: 3,
        ..olinpe::generate::GenOptions::default()
    })
    .0;
    let mut input = b"Export Olinpe 2018 - Conseil d\xc3\xa9partemental\n\n".to_vec();
    input.extend_from_slice(&g);
    input.extend_from_slice(b"Nombre de lignes : 50\n");
    let o = read_invariant(&input, opts());
    assert_eq!(o.ok().rows, 50);
    assert_eq!(
        o.file_codes(),
        [Code::TitleLinesSkipped, Code::TrailingLinesSkipped]
    );
    assert_eq!(o.rows().first(), Some(&(1, 4)));
    assert_eq!(o.rows().last(), Some(&(50, 53)));
    assert!(o
        .messages()
        .iter()
        .any(|m| m.contains("à partir de la ligne 54")));
}

#[test]
fn the_header_is_the_line_naming_the_most_known_columns() {
    let cases: &[(&str, u64, Option<Code>)] = &[
        // The first line names 5 known columns, the third 30: the third is the header.
        (
            "NUMDEP;SEXE;ANAIS;MNAIS;TYPEV\nx\n{H30}\n{R30}\n",
            3,
            Some(Code::TitleLinesSkipped),
        ),
        // No line names 5: the first line is the header (as before), even if a later one
        // names 4.
        ("Titre\nNUMDEP;SEXE;ANAIS;MNAIS\n1;2;3;4\n", 1, None),
        // A tie: the earliest.
        ("{H6}\n{H6}\n{R6}\n", 1, None),
        // Blank lines of separators before the header are skipped silently (a spreadsheet's
        // empty rows), as a workbook's empty rows are.
        (";;;;\n ; ;\n{H30}\n{R30}\n", 3, None),
        // A quoted title spanning two lines is one line.
        (
            "\"Titre\nsur deux lignes\";;\n{H30}\n{R30}\n",
            3,
            Some(Code::TitleLinesSkipped),
        ),
        // CRLF and lone CR line ends.
        (
            "Titre\r\n\r\n{H30}\r\n{R30}\r\n",
            3,
            Some(Code::TitleLinesSkipped),
        ),
        ("Titre\r\r{H30}\r{R30}\r", 3, Some(Code::TitleLinesSkipped)),
    ];
    for (template, line, code) in cases {
        let input = template
            .replace("{H30}", &header(30))
            .replace("{R30}", &record(30, "1"))
            .replace("{H6}", &header(6))
            .replace("{R6}", &record(6, "1"));
        let o = read_invariant(input.as_bytes(), opts());
        let first = o.rows().first().copied();
        let files = o.file_codes();
        assert_eq!(
            files.contains(&Code::TitleLinesSkipped),
            code.is_some(),
            "{template}: {files:?}"
        );
        assert_eq!(
            first.map(|(_, l)| l),
            Some(line + 1),
            "{template}: {:?}",
            o.rows()
        );
    }
}

#[test]
fn headers_named_in_the_map_file_count_as_known() {
    let input =
        "Export du 15 mars;;;;;\nDépartement;Sexe;Année;Mois;Type;Autre\n75;1;2008;03;1;x\n";
    let map = "NUMDEP=Département\nSEXE=Sexe\nANAIS=Année\nMNAIS=Mois\nTYPEV=Type\n";
    let without = read_invariant(input.as_bytes(), opts());
    assert_eq!(
        without.ok().rows,
        2,
        "without the map the title is the header"
    );
    let with = read_invariant(
        input.as_bytes(),
        ReadOptions {
            map_file: Some(map.into()),
            ..opts()
        },
    );
    assert_eq!(with.ok().rows, 1);
    assert_eq!(with.value(0, "NUMDEP").as_deref(), Some("75"));
    assert!(with.file_codes().contains(&Code::TitleLinesSkipped));
}

#[test]
fn short_lines_after_the_records_are_not_records() {
    let cols = 25;
    let body = format!(
        "{}\n{}\n{}\n",
        header(cols),
        record(cols, "1"),
        record(cols, "2")
    );
    let cases: &[(&str, u64, u64)] = &[
        // (what follows the records, records, trailing lines skipped)
        ("Nombre de lignes : 2\n", 2, 1),
        ("Total;;;2\n", 2, 1),
        ("Total;;;2\n;2;Total\n", 2, 2),
        // Three non-empty fields: a record.
        ("a;b;c\n", 3, 0),
        // Two short lines: both skipped; three: the first is a record.
        ("Total\nNombre : 2\n", 2, 2),
        ("x\nTotal\nNombre : 2\n", 3, 2),
        // A short line followed by a record is a record.
        ("x\n{R}\n", 4, 0),
        // A blank line between: still trailing (blank lines are skipped as ever).
        ("Total\n;;;;\n\nNombre : 2", 2, 2),
    ];
    for (tail, rows, skipped) in cases {
        let input = format!("{body}{}", tail.replace("{R}", &record(cols, "3")));
        let o = read_invariant(input.as_bytes(), opts());
        assert_eq!(o.ok().rows, *rows, "{tail:?}");
        assert_eq!(o.records().len() as u64, *rows, "{tail:?}");
        let told = o
            .file_codes()
            .iter()
            .filter(|c| **c == Code::TrailingLinesSkipped)
            .count();
        assert_eq!(told, usize::from(*skipped > 0), "{tail:?}");
        if *skipped > 0 {
            assert!(
                o.messages()
                    .iter()
                    .any(|m| m.starts_with(&format!("{skipped} ligne(s)"))),
                "{tail:?}: {:?}",
                o.messages()
            );
        }
    }
    // Under a header of fewer than 20 columns, a short line is a record.
    let small = format!("{}\n{}\nTotal\n", header(10), record(10, "1"));
    let o = read_invariant(small.as_bytes(), opts());
    assert_eq!(o.ok().rows, 2);
    assert!(!o.file_codes().contains(&Code::TrailingLinesSkipped));
}

#[test]
fn a_header_alone_and_files_without_header_keep_their_findings() {
    // Only blank lines of separators: the first is the header, no record.
    let o = read_invariant(b";;;\n;;;\n", opts());
    assert_eq!(o.ok().rows, 0);
    assert!(o.file_codes().contains(&Code::NoRecords));
    // A header of codes and nothing else.
    let o = read_invariant(format!("{}\n", header(30)).as_bytes(), opts());
    assert_eq!(o.ok().rows, 0);
    assert!(!o.file_codes().contains(&Code::TitleLinesSkipped));
}

#[test]
fn inspect_finds_the_header_as_a_run_does() {
    let enc = |s: &str| s.as_bytes().to_vec();
    let i = inspect(
        &enc("\u{feff}NUMDEP;TYPEV;\"A;B\"\r\n75;1;x\r\n"),
        None,
        None,
    );
    assert_eq!(i.format, Some(Format::Csv));
    assert_eq!(i.delimiter, Some(b';'));
    assert_eq!(i.headers, ["NUMDEP", "TYPEV", "A;B"]);
    assert_eq!(
        inspect(&enc("NUMDEP,TYPEV,SEXE\n"), None, None).delimiter,
        Some(b',')
    );
    assert_eq!(
        inspect(&enc("NUMDEP\tTYPEV\n"), None, None).delimiter,
        Some(b'\t')
    );
    assert_eq!(
        inspect(&enc("\"a\nb\";C\n1;2\n"), None, None).headers[0],
        "a\nb",
        "a quoted LF stays in the cell"
    );
    assert_eq!(inspect(&enc("NUMDEP"), None, None).headers, ["NUMDEP"]);
    let cp1252 = [
        0x50, 0x72, 0xe9, 0x6e, 0x6f, 0x6d, 0x3b, 0x53, 0x45, 0x58, 0x45, 0x0a,
    ];
    let i = inspect(&cp1252, None, None);
    assert_eq!(i.headers, ["Prénom", "SEXE"]);
    assert_eq!(i.encoding, "windows-1252");
    assert_eq!(
        inspect(&enc("  \n<?xml version=\"1.0\"?><DECRET>"), None, None).format,
        Some(Format::Xml)
    );
    assert_eq!(inspect(&[0xff, 0xfe, 0x4e, 0x00], None, None).format, None);
    assert_eq!(inspect(&enc("\n\n"), None, None).format, None);
    // A title above the header, as the run skips it; a head cut in the middle of a record.
    let mut titled = format!("Export Olinpe 2018;;\n\n{}\n", header(30));
    for _ in 0..100 {
        titled.push_str(&record(30, "1"));
        titled.push('\n');
    }
    let i = inspect(&titled.as_bytes()[..titled.len() - 7], None, None);
    assert_eq!(i.headers.len(), 30);
    assert_eq!(i.headers[0], "ACCFAM");
    // A mapped header counts as known, as in a run.
    let labelled = "Titre\nDépartement;Sexe;Année;Mois;Type\n75;1;2008;03;1\n";
    let map = "NUMDEP=Département\nSEXE=Sexe\nANAIS=Année\nMNAIS=Mois\nTYPEV=Type\n";
    assert_eq!(inspect(labelled.as_bytes(), None, None).headers, ["Titre"]);
    assert_eq!(
        inspect(labelled.as_bytes(), Some(map), None).headers[0],
        "Département"
    );
}
