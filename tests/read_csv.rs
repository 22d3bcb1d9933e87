//! CSV reader tests: dialect, encodings, quoting, field counts, columns, map file, limits,
//! chunk-size invariance.

use crate::read_common;

use olinpe::finding::Code;
use olinpe::read::{Format, Limits, ReadOptions};
use read_common::{read, read_invariant, read_with, Event};

fn opts() -> ReadOptions {
    ReadOptions::default()
}

#[test]
fn delimiters_and_line_ends() {
    let cases: &[(&[u8], u8)] = &[
        (b"TYPEV;SEXE;NUMDEP\n1;2;75\n", b';'),
        (b"TYPEV,SEXE,NUMDEP\r\n1,2,75\r\n", b','),
        (b"TYPEV\tSEXE\tNUMDEP\n1\t2\t75", b'\t'),
        // Commas inside header cells that are not codes do not win against `;`.
        (b"TYPEV;SEXE;NUMDEP;Remarque, libre\n1;2;75;a,b\n", b';'),
        // A comma-separated file whose free text holds semicolons.
        (b"TYPEV,SEXE,NUMDEP,AUTREDA\n1,2,75,a;b;c;d\n", b','),
        // Mixed line ends.
        (b"TYPEV;SEXE;NUMDEP\r\n1;2;75\n", b';'),
        // Old Mac line ends.
        (b"TYPEV;SEXE;NUMDEP\r1;2;75\r", b';'),
    ];
    for (input, delim) in cases {
        let o = read_invariant(input, opts());
        let info = o.ok();
        assert_eq!(
            info.delimiter,
            Some(*delim),
            "{:?}",
            String::from_utf8_lossy(input)
        );
        assert_eq!(info.format, Some(Format::Csv));
        assert_eq!(info.rows, 1);
        assert_eq!(o.value(0, "TYPEV").as_deref(), Some("1"));
        assert_eq!(o.value(0, "NUMDEP").as_deref(), Some("75"));
        assert!(o.record_codes(0).is_empty(), "{:?}", o.record_codes(0));
    }
}

#[test]
fn lone_cr_file_is_not_one_long_header() {
    let mut input = b"TYPEV;SEXE\r".to_vec();
    for _ in 0..50 {
        input.extend_from_slice(b"1;2\r");
    }
    let small = ReadOptions {
        limits: Limits {
            max_record_bytes: 64,
            ..Limits::default()
        },
        ..opts()
    };
    let o = read_invariant(&input, small);
    assert_eq!(o.ok().rows, 50);
    assert!(o.file_codes().is_empty());
}

/// Line numbers count every kind of line end: LF, CRLF and a carriage return alone (old Mac
/// files, which used to report line 1 for every record), whatever the chunking (a CR at the
/// end of one chunk and its LF at the start of the next included).
#[test]
fn line_numbers_with_old_mac_and_mixed_line_ends() {
    let o = read_invariant(b"TYPEV;SEXE\r\n1;2\n2;1\r3;1\r\n\r1;1\r", opts());
    assert_eq!(o.rows(), vec![(1, 2), (2, 3), (3, 4), (4, 6)]);
    let o = read_invariant(b"TYPEV;SEXE\r1;2\r2;1\r\r3;1", opts());
    assert_eq!(o.rows(), vec![(1, 2), (2, 3), (3, 5)]);
    // Quoted fields (the csv-core path) on old Mac lines.
    let o = read_invariant(b"TYPEV;AUTREDA\r1;\"a\"\r2;\"b\"\r", opts());
    assert_eq!(o.rows(), vec![(1, 2), (2, 3)]);
}

#[test]
fn header_case_spaces_and_bom() {
    let o = read_invariant(b"\xEF\xBB\xBF typev ; Sexe;\"NUMDEP\"\n1;2;75\n", opts());
    assert_eq!(o.ok().encoding, "UTF-8");
    assert_eq!(o.value(0, "SEXE").as_deref(), Some("2"));
    assert_eq!(o.value(0, "TYPEV").as_deref(), Some("1"));
    assert!(o.file_codes().is_empty(), "{:?}", o.file_codes());
}

#[test]
fn rows_and_lines_with_quoted_newlines_and_blank_lines() {
    let input =
        b"\n\nTYPEV;AUTREDA;SEXE\n1;\"a\nb\";2\n\n2;\"x;\"\"y\"\"\";1\r\n\r\n3;;1\n;;\n ; ;\n";
    let o = read_invariant(input, opts());
    assert_eq!(o.rows(), vec![(1, 4), (2, 7), (3, 9)]);
    assert_eq!(o.value(0, "AUTREDA").as_deref(), Some("a\nb"));
    assert_eq!(o.value(1, "AUTREDA").as_deref(), Some("x;\"y\""));
    assert_eq!(o.file_codes(), vec![Code::BlankRecordsSkipped]);
    assert_eq!(o.ok().rows, 3);
}

#[test]
fn values_trimmed_except_free_text_and_identity() {
    let o = read_invariant(
        b"TYPEV;AUTREDA;PRENOM;JNAIS\n 1 ;  libre  ; Jean ; 07 \n",
        opts(),
    );
    assert_eq!(o.value(0, "TYPEV").as_deref(), Some("1"));
    assert_eq!(o.value(0, "AUTREDA").as_deref(), Some("  libre  "));
    match o.records()[0] {
        Event::Record { identity, .. } => {
            assert_eq!(identity[0], " Jean ");
            assert_eq!(identity[3], "07");
        }
        _ => unreachable!(),
    }
}

#[test]
fn encodings() {
    // (input, encoding, AUTREDA value of record 1, record findings of each record)
    let cases: &[(&[u8], &str, &str, &[&[Code]])] = &[
        (b"TYPEV;AUTREDA\n1;abc\n", "UTF-8", "abc", &[&[]]),
        ("TYPEV;AUTREDA\n1;été\n".as_bytes(), "UTF-8", "été", &[&[]]),
        (
            b"\xEF\xBB\xBFTYPEV;AUTREDA\n1;\xC3\xA9t\xC3\xA9\n",
            "UTF-8",
            "été",
            &[&[]],
        ),
        (
            b"TYPEV;AUTREDA\n1;\xE9t\xE9 \x9C\x80\n",
            "windows-1252",
            "été œ€",
            &[&[]],
        ),
        // UTF-8 decided, then a windows-1252 field.
        (
            b"TYPEV;AUTREDA\n1;\xC3\xA9\n2;\xE9\n",
            "UTF-8",
            "é",
            &[&[], &[Code::EncodingContradiction]],
        ),
        // windows-1252 decided, then a UTF-8 field.
        (
            b"TYPEV;AUTREDA\n1;\xE9\n2;\xC3\xA9\n3;\xE8\n",
            "windows-1252",
            "é",
            &[&[], &[Code::EncodingContradiction], &[]],
        ),
        // A BOM fixes UTF-8 from the start: a later 1252 byte contradicts it.
        (
            b"\xEF\xBB\xBFTYPEV;AUTREDA\n1;\xE9\n",
            "UTF-8",
            "é",
            &[&[Code::EncodingContradiction]],
        ),
    ];
    for (input, enc, v, findings) in cases {
        let o = read_invariant(input, opts());
        assert_eq!(o.ok().encoding, *enc, "{input:?}");
        assert_eq!(o.value(0, "AUTREDA").as_deref(), Some(*v), "{input:?}");
        for (n, want) in findings.iter().enumerate() {
            assert_eq!(o.record_codes(n), *want, "{input:?} record {n}");
        }
        // The contradicting field is decoded with the other encoding: nothing lost.
        if findings.len() > 1 {
            let second = o.value(1, "AUTREDA").unwrap();
            assert_eq!(second, "é", "{input:?}");
        }
    }
}

#[test]
fn encoding_contradiction_names_line_and_column() {
    let o = read(b"TYPEV;AUTREDA\n1;\xC3\xA9\n2;\"a\nb\xE9\"\n");
    let Event::Record { findings, line, .. } = o.records()[1] else {
        unreachable!()
    };
    assert_eq!(*line, 3);
    assert_eq!(findings[0].1.as_deref(), Some("AUTREDA"));
    assert!(findings[0].2.contains("Ligne 3"), "{}", findings[0].2);
}

#[test]
fn encoding_decided_on_header() {
    let map = "NOMMERE=Nom de la mère\n".to_owned();
    let input = b"TYPEV;Nom de la m\xE8re\n1;Dupont\n";
    let o = read_invariant(
        input,
        ReadOptions {
            map_file: Some(map),
            ..opts()
        },
    );
    assert_eq!(o.ok().encoding, "windows-1252");
    assert!(o.ok().identity.nommere);
    assert!(o.events.contains(&Event::Encoding("windows-1252")));
    assert!(o.file_codes().is_empty(), "{:?}", o.file_codes());
}

#[test]
fn field_count() {
    let o = read_invariant(b"TYPEV;SEXE;NUMDEP\n1;2\n1;2;75;x\n1;2;75\n", opts());
    assert_eq!(o.record_codes(0), vec![Code::FieldCount]);
    assert_eq!(o.record_codes(1), vec![Code::FieldCount]);
    assert!(o.record_codes(2).is_empty());
    // The short record keeps the missing column present and empty.
    assert_eq!(o.value(0, "NUMDEP").as_deref(), Some(""));
    assert_eq!(o.value(1, "NUMDEP").as_deref(), Some("75"));
    let m = &o.messages()[0];
    assert!(m.contains('2') && m.contains('3'), "{m}");
}

#[test]
fn unknown_and_duplicate_columns() {
    let o = read_invariant(
        b"TYPEV;Commentaire;SEXE;typev;Commentaire;;NOMMERE;NOM_MERE\n1;a;2;3;b;;X;Y\n",
        opts(),
    );
    assert_eq!(
        o.file_codes(),
        vec![
            Code::UnknownColumn,
            Code::DuplicateColumn,
            Code::UnknownColumn,
            Code::UnknownColumn,
            Code::IdentityColumnsAmbiguous,
        ]
    );
    // The first copy is used.
    assert_eq!(o.value(0, "TYPEV").as_deref(), Some("1"));
    let Event::Record { identity, .. } = o.records()[0] else {
        unreachable!()
    };
    assert_eq!(identity[1], "X");
    // Messages never quote identity values.
    for m in o.messages() {
        assert!(!m.contains("X;") && !m.contains("« X »"), "{m}");
    }
}

#[test]
fn mapped_mother_name_resolves_ambiguity() {
    let o = read_invariant(
        b"TYPEV;NOMMERE;Nom naissance mere\n1;usage;naissance\n",
        ReadOptions {
            map_file: Some("NOMMERE=Nom naissance mere".into()),
            ..opts()
        },
    );
    // The unmapped synonym becomes an unknown column; no ambiguity.
    assert_eq!(o.file_codes(), vec![Code::UnknownColumn]);
    let Event::Record { identity, .. } = o.records()[0] else {
        unreachable!()
    };
    assert_eq!(identity[1], "naissance");
}

#[test]
fn unused_mother_name_mapping_keeps_the_synonym() {
    let o = read_invariant(
        b"TYPEV;NOM_MERE\n1;naissance\n",
        ReadOptions {
            map_file: Some("NOMMERE=Nom de la mere".into()),
            ..opts()
        },
    );
    assert_eq!(o.file_codes(), vec![Code::MapEntryUnused]);
    assert!(o.ok().identity.nommere);
    let Event::Record { identity, .. } = o.records()[0] else {
        unreachable!()
    };
    assert_eq!(identity[1], "naissance");
}

#[test]
fn map_file_maps_headers_and_errors_name_the_line() {
    let o = read_invariant(
        b"Type d'evenement;Sexe de l'enfant;Dept\n1;2;75\n",
        ReadOptions {
            map_file: Some(
                "# mapping\nTYPEV=type d'evenement\nSEXE= Sexe de l'enfant \nNUMDEP=Dept\n".into(),
            ),
            ..opts()
        },
    );
    assert!(o.file_codes().is_empty(), "{:?}", o.file_codes());
    assert_eq!(o.value(0, "SEXE").as_deref(), Some("2"));
    assert_eq!(o.ok().delimiter, Some(b';'));
    // A mapping naming no column of the file is reported.
    let o = read_invariant(
        b"TYPEV;Prenom\n1;A\n",
        ReadOptions {
            map_file: Some("PRENOM=Prénom\n".into()),
            ..opts()
        },
    );
    assert_eq!(o.file_codes(), vec![Code::MapEntryUnused]);
    assert!(
        o.messages()[0].contains("PRENOM=Prénom"),
        "{}",
        o.messages()[0]
    );
    let e = read_with(
        b"TYPEV\n1\n",
        0,
        ReadOptions {
            map_file: Some("TYPEV=a\n\nbad line\n".into()),
            ..opts()
        },
    );
    assert_eq!(e.err(), "map-file");
    assert!(format!("{:?}", e.info).contains("ligne 3"));
}

/// `CODE=` says the file has no such column: a header the engine would recognise by its name
/// (« Département », or the code itself) is then not read as it, and is reported as an
/// unknown column (the page's « absente du fichier »). Given twice, the line is refused.
#[test]
fn map_file_declares_a_column_absent() {
    let input = b"TYPEV;D\xc3\xa9partement;Sexe\n1;75;2\n";
    let o = read_invariant(input, opts());
    assert_eq!(
        o.value(0, "NUMDEP").as_deref(),
        Some("75"),
        "matched by name"
    );
    let o = read_invariant(
        input,
        ReadOptions {
            map_file: Some("NUMDEP=\n".into()),
            ..opts()
        },
    );
    assert_eq!(o.value(0, "NUMDEP"), None, "declared absent: not present");
    assert_eq!(
        o.value(0, "SEXE").as_deref(),
        Some("2"),
        "the others as before"
    );
    assert_eq!(o.file_codes(), vec![Code::UnknownColumn]);
    assert!(
        o.messages()[0].contains("Département"),
        "{}",
        o.messages()[0]
    );
    // The mother's name declared absent: none of its synonyms is read as it.
    let o = read_invariant(
        b"TYPEV;Nom naissance m\xc3\xa8re\n1;X\n",
        ReadOptions {
            map_file: Some("NOMMERE=  \n".into()),
            ..opts()
        },
    );
    assert_eq!(o.file_codes(), vec![Code::UnknownColumn]);
    for map in [
        "NUMDEP=\nNUMDEP=Département\n",
        "NUMDEP=Département\nNUMDEP=\n",
    ] {
        let e = read_with(
            input,
            0,
            ReadOptions {
                map_file: Some(map.into()),
                ..opts()
            },
        );
        assert_eq!(e.err(), "map-file");
        assert!(format!("{:?}", e.info).contains("ligne 2"), "{map}");
    }
}

#[test]
fn no_records_and_no_known_column() {
    let o = read_invariant(b"TYPEV;SEXE\r\n", opts());
    assert_eq!(o.file_codes(), vec![Code::NoRecords]);
    assert_eq!(o.ok().rows, 0);
    let o = read_invariant(b"a;b\n1;2\n", opts());
    assert_eq!(
        o.file_codes(),
        vec![
            Code::UnknownColumn,
            Code::UnknownColumn,
            Code::NoKnownColumn
        ]
    );
    // A file without header: its first line (names!) is never quoted.
    let o = read_invariant(b"Jean;Dupont;1\nMarc;Durand;2\n", opts());
    for m in o.messages() {
        assert!(!m.contains("Jean") && !m.contains("Dupont"), "{m}");
    }
    assert!(
        o.messages()[1].contains("(colonne 2)"),
        "{:?}",
        o.messages()
    );
}

#[test]
fn identity_columns_info() {
    let o = read_invariant(
        b"PRENOM;NOM_MERE;NOMUSAGE;JNAIS;NUMDO;TYPEV\nA;B;C;1;N1;1\n",
        opts(),
    );
    let id = o.ok().identity;
    assert!(id.prenom && id.nommere && id.nomusage && id.jnais && id.numdo);
    // JNAIS lost its zero: reported without quoting the value.
    assert_eq!(o.record_codes(0), vec![Code::LeadingZeroLost]);
    let id0 = read(b"TYPEV\n1\n").ok().identity;
    assert!(!id0.any());
}

#[test]
fn read_errors() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "empty-file"),
        (b"\n\r\n  \n", "empty-file"),
        (b"\xEF\xBB\xBF\n", "empty-file"),
        (b"\xFF\xFET\x00Y\x00", "utf16"),
        (b"T\x00Y\x00P\x00E\x00V\x00\n\x00", "utf16"),
        (b"\x00\x00\x00\x01\x02binary\x00", "binary"),
        (b"TYPEV\n1\x00\n", "binary"),
        // A zip or an OLE2 file is read as a workbook (issue 15): these are cut short.
        (b"PK\x03\x04\x14\x00\x06\x00", "damaged-workbook"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "unsupported-workbook"),
    ];
    for (input, code) in cases {
        for chunk in [0, 1, 3] {
            let o = read_with(input, chunk, opts());
            assert_eq!(o.err(), *code, "{input:?}");
        }
    }
    // NUL bytes past the first kilobyte are caught by the readers themselves, with the line.
    let mut late = b"TYPEV;AUTREDA\n".to_vec();
    for _ in 0..300 {
        late.extend_from_slice(b"1;abcdef\n");
    }
    late.extend_from_slice(b"1;a\x00b\n");
    let o = read_with(&late, 7, opts());
    assert_eq!(o.err(), "binary");
    assert!(
        format!("{:?}", o.info).contains("ligne 302"),
        "{:?}",
        o.info
    );
    let mut late_xml = b"<DECRET>".to_vec();
    late_xml.extend_from_slice(&b"<!-- padding -->\n".repeat(100));
    late_xml.extend_from_slice(b"<DONNEE>\x00");
    assert_eq!(read_with(&late_xml, 5, opts()).err(), "binary");

    let long = format!("TYPEV;AUTREDA\n1;{}\n", "x".repeat(200));
    let small = ReadOptions {
        limits: Limits {
            max_field_bytes: 100,
            ..Limits::default()
        },
        ..opts()
    };
    let o = read_with(long.as_bytes(), 7, small.clone());
    assert_eq!(o.err(), "limit-field-length");
    assert!(format!("{:?}", o.info).contains("ligne 2"));
    assert!(format!("{:?}", o.info).contains("100 octets"));
    let cols = ReadOptions {
        limits: Limits {
            max_columns: 3,
            ..Limits::default()
        },
        ..opts()
    };
    assert_eq!(read_with(b"A;B;C;D;E\n", 0, cols).err(), "limit-columns");
    let size = ReadOptions {
        limits: Limits {
            max_file_bytes: 10,
            ..Limits::default()
        },
        ..opts()
    };
    assert_eq!(
        read_with(b"TYPEV\n1\n2\n3\n", 4, size).err(),
        "limit-file-size"
    );
    // An unterminated quote swallows the rest: stopped by the field limit.
    let o = read_with(
        format!("TYPEV;AUTREDA\n1;\"{}\n", "y\n".repeat(100)).as_bytes(),
        0,
        small,
    );
    assert_eq!(o.err(), "limit-field-length");
}

#[test]
fn legacy_2011_csv() {
    let o = read_invariant(
        b"NUMDEPT;CODEV;DATDEBPLAC;SUITSIGNCG\n75;1;2012-01-01;1\n75;5;2012-02-01;1\n",
        opts(),
    );
    assert_eq!(o.file_codes(), vec![Code::Legacy2011File]);
    assert!(o.records().is_empty());
    assert!(o.ok().legacy_2011);
    assert_eq!(o.ok().rows, 2);
    // A 2016 file with an extra old column is not legacy.
    let o = read(b"TYPEV;CODEV\n1;1\n");
    assert!(!o.ok().legacy_2011);
    assert_eq!(o.file_codes(), vec![Code::UnknownColumn]);
}

#[test]
fn spreadsheet_damage_and_repair() {
    let input = b"NUMDEP;MNAIS;DATDEB;DATDCMERE;SEXE\n1;9;03/05/2018;5/2017;1\n01;09;2018-05-03;2017-05;1\n";
    let o = read_invariant(input, opts());
    assert_eq!(
        o.record_codes(0),
        vec![
            Code::LeadingZeroLost,
            Code::LeadingZeroLost,
            Code::DateFormatRepairable,
            Code::DateFormatRepairable
        ]
    );
    assert!(o.record_codes(1).is_empty());
    assert_eq!(o.value(0, "DATDEB").as_deref(), Some("03/05/2018"));
    let r = read_invariant(
        input,
        ReadOptions {
            repair: true,
            ..opts()
        },
    );
    assert_eq!(r.record_codes(0), vec![Code::ValueRepaired; 4]);
    assert_eq!(r.value(0, "NUMDEP").as_deref(), Some("01"));
    assert_eq!(r.value(0, "MNAIS").as_deref(), Some("09"));
    assert_eq!(r.value(0, "DATDEB").as_deref(), Some("2018-05-03"));
    assert_eq!(r.value(0, "DATDCMERE").as_deref(), Some("2017-05"));
    let Event::Record { raw, .. } = r.records()[0] else {
        unreachable!()
    };
    assert_eq!(raw, &["1", "9", "03/05/2018", "5/2017", "1"]);
}

#[test]
fn chunk_invariance_on_fixtures() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/read");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let o = read_invariant(&bytes, opts());
        let _ = o.info;
        n += 1;
    }
    assert!(n >= 3, "fixtures missing");
}
