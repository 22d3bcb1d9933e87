//! XML reader tests: fixtures (order, 1.22, empty/missing elements, DOCTYPE and entities
//! never expanded, truncation, not Olinpe, legacy), tokenizer details, chunk invariance.

use crate::read_common;

use olinpe::finding::Code;
use olinpe::read::{Format, Limits, ReadOptions};
use read_common::{read_invariant, read_with, Event, Outcome};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/read/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(path).unwrap()
}

fn xml(name: &str) -> Outcome {
    read_invariant(&fixture(name), ReadOptions::default())
}

#[test]
fn ordered_v20_crlf() {
    let o = xml("xml_v20_ordered_crlf.xml");
    let info = o.ok();
    assert_eq!(info.format, Some(Format::Xml));
    assert_eq!(info.rows, 2);
    assert_eq!(info.delimiter, None);
    assert_eq!(info.xml_version.as_deref(), Some("2.0"));
    assert_eq!(info.xml_date_export.as_deref(), Some("2019-03-01"));
    assert!(o.file_codes().is_empty(), "{:?}", o.file_codes());
    assert_eq!(o.rows(), vec![(1, 4), (2, 5)]);
    assert_eq!(o.value(0, "TYPEV").as_deref(), Some("1"));
    // `<AUTREDA/>` is present and empty; absent elements are not present.
    assert_eq!(o.value(0, "AUTREDA").as_deref(), Some(""));
    assert_eq!(o.value(0, "CHGLIEU"), None);
    assert_eq!(
        o.value(1, "AUTREDA").as_deref(),
        Some("Aide & soutien <renforcé> été")
    );
    assert_eq!(o.value(1, "NUMANONYM").unwrap().len(), 40);
    assert!(o.record_codes(0).is_empty() && o.record_codes(1).is_empty());
}

#[test]
fn v122_unordered_latin1_with_cdata_and_unknown_elements() {
    let o = xml("xml_v122_unordered.xml");
    assert_eq!(o.ok().encoding, "windows-1252");
    assert_eq!(
        o.file_codes(),
        vec![Code::XmlVersion, Code::XmlOrder, Code::XmlUnknownElement]
    );
    assert!(o.messages()[0].contains("1.22"));
    assert_eq!(o.value(0, "TYPEV").as_deref(), Some("1"));
    assert_eq!(o.value(0, "SEXE").as_deref(), Some(""));
    assert_eq!(o.value(0, "CHGLIEU").as_deref(), Some(""));
    assert_eq!(
        o.value(0, "AUTREDA").as_deref(),
        Some("Placement <urgent> ]] & co")
    );
    assert_eq!(o.value(0, "AUTREDJ").as_deref(), Some("décision"));
    // Spreadsheet damage is reported on XML too.
    assert_eq!(
        o.record_codes(0),
        vec![Code::LeadingZeroLost, Code::DateFormatRepairable]
    );
    assert_eq!(o.rows(), vec![(1, 6)]);
}

#[test]
fn doctype_and_external_entity_never_resolved() {
    let o = xml("xml_doctype_external_entity.xml");
    assert_eq!(
        o.file_codes(),
        vec![
            Code::XmlDoctypeIgnored,
            Code::XmlEntityUnknown,
            Code::XmlEntityUnknown
        ]
    );
    assert_eq!(o.value(0, "AUTREDA").as_deref(), Some("&xxe;"));
    assert_eq!(o.value(0, "AUTREDJ").as_deref(), Some("&local;"));
    assert_eq!(o.value(0, "TYPEV").as_deref(), Some("1"));
}

#[test]
fn entity_bomb_is_harmless() {
    let o = xml("xml_entity_bomb.xml");
    assert_eq!(o.value(0, "AUTREDA").as_deref(), Some("&lol9;"));
    assert_eq!(
        o.file_codes(),
        vec![Code::XmlDoctypeIgnored, Code::XmlEntityUnknown]
    );
}

#[test]
fn truncated_delivers_partial_record() {
    let o = xml("xml_truncated.xml");
    assert_eq!(o.ok().rows, 2);
    assert_eq!(o.record_codes(1), vec![Code::XmlTruncated]);
    assert_eq!(o.value(1, "TYPEV").as_deref(), Some("2"));
    // The cut element is present with what was read.
    assert_eq!(o.value(1, "SEXE").as_deref(), Some("1"));
    // Cut outside a DONNEE: a file-level finding.
    let o = read_invariant(
        b"<DECRET><DONNEE><TYPEV>1</TYPEV></DONNEE>",
        ReadOptions::default(),
    );
    assert_eq!(o.file_codes(), vec![Code::XmlTruncated]);
    assert!(o.record_codes(0).is_empty());
}

#[test]
fn not_olinpe_and_legacy() {
    let o = xml("xml_not_olinpe.xml");
    assert_eq!(o.err(), "not-olinpe");
    assert!(format!("{:?}", o.info).contains("<html>"));
    let o = read_invariant(
        b"<?xml version=\"1.0\"?><!-- rien -->",
        ReadOptions::default(),
    );
    assert_eq!(o.err(), "not-olinpe");
    let o = xml("xml_legacy_2011.xml");
    assert!(o.ok().legacy_2011);
    assert_eq!(o.ok().rows, 2);
    assert!(o.records().is_empty());
    // No unknown-element warnings for a legacy file: the one error says it all.
    assert_eq!(o.file_codes(), vec![Code::Legacy2011File, Code::XmlVersion]);
    let o = xml("csv_legacy_2011.csv");
    assert_eq!(o.file_codes(), vec![Code::Legacy2011File]);
    assert_eq!(o.ok().rows, 1);
}

#[test]
fn tokenizer_details() {
    let input = "<?xml version='1.0'?>\n<ns:DECRET a=\"x>y\" b='1'>\n<INTRO><VERSIONXSD>2.0</VERSIONXSD></INTRO>\n<DONNEE >\n<!-- <TYPEV>9</TYPEV> -->\n<typev>1</typev><SEXE\n/><NUMDEP>7&#53;</NUMDEP><AUTREDA>a &unknown b & c &amp</AUTREDA>\n<AUTREDJ>x</AUTREDJ><AUTREDJ>y</AUTREDJ><PRENOM> Jean </PRENOM><JNAIS>3</JNAIS>\n</DONNEE><DONNEE/></ns:DECRET>";
    let o = read_invariant(input.as_bytes(), ReadOptions::default());
    assert_eq!(o.rows(), vec![(1, 4), (2, 9)]);
    assert_eq!(o.value(0, "TYPEV").as_deref(), Some("1"));
    assert_eq!(o.value(0, "SEXE").as_deref(), Some(""));
    assert_eq!(o.value(0, "NUMDEP").as_deref(), Some("75"));
    assert_eq!(
        o.value(0, "AUTREDA").as_deref(),
        Some("a &unknown b & c &amp")
    );
    assert_eq!(o.value(0, "AUTREDJ").as_deref(), Some("x"));
    assert_eq!(
        o.record_codes(0),
        vec![Code::XmlDuplicateElement, Code::LeadingZeroLost]
    );
    let Event::Record { identity, .. } = o.records()[0] else {
        unreachable!()
    };
    assert_eq!(identity[0], " Jean ");
    assert!(o.ok().identity.prenom && o.ok().identity.jnais);
    // TYPEV before SEXE is out of the XSD's alphabetical order.
    assert_eq!(o.file_codes(), vec![Code::XmlOrder]);
    assert!(o.value(1, "TYPEV").is_none());
}

#[test]
fn mismatched_tags_and_limits() {
    let o = read_invariant(
        b"<DECRET><DONNEE><TYPEV>1</SEXE></TYPEV><SEXE>2</DONNEE></DECRET>",
        ReadOptions::default(),
    );
    assert_eq!(o.file_codes(), vec![Code::XmlMalformed, Code::XmlOrder]);
    assert_eq!(o.value(0, "TYPEV").as_deref(), Some("1"));
    assert_eq!(o.value(0, "SEXE").as_deref(), Some("2"));
    let deep = format!("<DECRET>{}", "<a>".repeat(100));
    let o = read_with(deep.as_bytes(), 5, ReadOptions::default());
    assert_eq!(o.err(), "limit-xml-depth");
    let long = format!("<DECRET><DONNEE><AUTREDA>{}</AUTREDA>", "x".repeat(300));
    let small = ReadOptions {
        limits: Limits {
            max_field_bytes: 100,
            ..Limits::default()
        },
        ..ReadOptions::default()
    };
    assert_eq!(
        read_with(long.as_bytes(), 0, small).err(),
        "limit-field-length"
    );
    assert_eq!(
        read_with(b"<DECRET>\n\x00", 0, ReadOptions::default()).err(),
        "binary"
    );
    let o = read_invariant(b"<DECRET><INTRO/></DECRET>", ReadOptions::default());
    assert_eq!(o.file_codes(), vec![Code::NoRecords]);
}

#[test]
fn xml_encoding_contradiction() {
    let ok = "<DECRET><DONNEE><AUTREDA>é</AUTREDA></DONNEE><DONNEE><AUTREDA>è</AUTREDA></DONNEE></DECRET>";
    let o = read_invariant(ok.as_bytes(), ReadOptions::default());
    assert_eq!(o.ok().encoding, "UTF-8");
    assert!(o.record_codes(1).is_empty());
    let bad = b"<DECRET><DONNEE><AUTREDA>\xC3\xA9</AUTREDA></DONNEE><DONNEE><AUTREDA>\xE8</AUTREDA></DONNEE></DECRET>";
    let o = read_invariant(bad, ReadOptions::default());
    assert_eq!(o.record_codes(1), vec![Code::EncodingContradiction]);
    assert_eq!(o.value(1, "AUTREDA").as_deref(), Some("è"));
}

#[test]
fn a_utf8_declaration_contradicted_by_windows_1252_is_reported_once() {
    let doc = |decl: &str, body: &[u8]| -> Vec<u8> {
        let mut v =
            format!("{decl}<DECRET><INTRO><VERSIONXSD>2.0</VERSIONXSD></INTRO>\n").into_bytes();
        for _ in 0..2 {
            v.extend_from_slice(b"<DONNEE><AUTREDA>");
            v.extend_from_slice(body);
            v.extend_from_slice(b"</AUTREDA><TYPEV>1</TYPEV></DONNEE>\n");
        }
        v.extend_from_slice(b"</DECRET>\n");
        v
    };
    let utf8 = r#"<?xml version="1.0" encoding="UTF-8"?>"#;
    let latin = r#"<?xml version="1.0" encoding="ISO-8859-1"?>"#;
    let bare = r#"<?xml version="1.0"?>"#;
    let read = |d: Vec<u8>| read_invariant(&d, ReadOptions::default());
    // Declared UTF-8, written in Windows-1252: one finding naming the first line, the text
    // read in Windows-1252 all the same.
    let o = read(doc(utf8, b"Aide \xe9ducative"));
    assert_eq!(o.file_codes(), vec![Code::XmlEncodingDeclaredWrong]);
    assert!(o.messages()[0].contains("ligne 2"), "{}", o.messages()[0]);
    assert_eq!(o.ok().encoding, "windows-1252");
    assert_eq!(o.value(1, "AUTREDA").as_deref(), Some("Aide éducative"));
    // What the declaration says, or no declaration: nothing to report.
    for (decl, body) in [
        (utf8, "Aide éducative".as_bytes()),
        (latin, b"Aide \xe9ducative".as_slice()),
        (bare, b"Aide \xe9ducative".as_slice()),
        (utf8, b"Aide educative".as_slice()),
    ] {
        let o = read(doc(decl, body));
        assert!(o.file_codes().is_empty(), "{decl}: {:?}", o.file_codes());
    }
}
