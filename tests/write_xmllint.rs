//! The transmission XML against the official schema, checked by `xmllint` (libxml2), an
//! implementation independent of ours: a generated-like file must validate, and for a
//! few thousand single-value files `xmllint`'s verdict must equal
//! `write::xml::xsd_rejected` (what the receipt's `xsd_valid` relies on).
//!
//! Skipped, with a note on stderr, when `xmllint` or the schema is not available.

use olinpe::dictionary::{ids, Kind, VARIABLES};
use olinpe::record::Record;
use olinpe::write::xml::{xsd_rejected, TransmissionXml};
use std::path::{Path, PathBuf};
use std::process::Command;

const HEX: &str = "0123456789abcdef0123456789abcdef01234567";

fn schema() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/spec/decret2016.xsd"
    ))
}

fn xmllint_available() -> bool {
    Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs xmllint on `files`; returns, per file, whether it validates.
fn validate(schema: &Path, files: &[PathBuf]) -> Vec<bool> {
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schema)
        .args(files)
        .output()
        .expect("xmllint runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    files
        .iter()
        .map(|f| {
            let name = f.display().to_string();
            let ok = stderr.lines().any(|l| l == format!("{name} validates"));
            let ko = stderr
                .lines()
                .any(|l| l == format!("{name} fails to validate"));
            assert!(ok != ko, "no verdict for {name}:\n{stderr}");
            ok
        })
        .collect()
}

/// A record like the generator's: every variable filled with a valid value of its kind.
fn full_record() -> Record {
    let mut rec = Record::new();
    for (i, v) in VARIABLES.iter().enumerate() {
        let value = match v.kind {
            Kind::Code | Kind::Departement => v.modalities.last().map_or("", |m| m.0),
            Kind::Date => "2018-05-14",
            Kind::YearMonth => "2017-03",
            Kind::Year => "2005",
            Kind::Month => "05",
            Kind::Count => "2",
            Kind::Hex40 => HEX,
            Kind::Text40 => "Tiers \"digne\" de confiance & <proche>'s",
            Kind::Utdp => "U01",
        };
        rec.set(i, value);
    }
    rec
}

fn write_file(path: &Path, records: &[Record]) {
    let w = TransmissionXml::new("2019-03-01", false);
    let mut out = w.header();
    for r in records {
        w.record(r, &mut out);
    }
    out.extend_from_slice(&w.footer());
    std::fs::write(path, out).expect("write temp file");
}

/// Values worth trying for a variable: its modalities and the edges of its pattern.
fn candidates(i: usize) -> Vec<String> {
    let v = &VARIABLES[i];
    let mut c: Vec<String> = ["", " ", "x", "0", "9", "99", "0000"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    c.extend(v.modalities.iter().map(|m| m.0.to_string()));
    let extra: &[&str] = match v.kind {
        Kind::Code => &["10000", " 1", "1 ", "01", "-1"],
        Kind::Departement => &["1", "20", "69", "977", "987", "2a", "001"],
        Kind::Date => &[
            "0000-00-00",
            "9999-99-99",
            "2018-05-99",
            "2018-99-99",
            "2018-02-30",
            "2018-05-3,",
            "2018-05-32",
            "2018-13-01",
            "1899-12-31",
            "2099-12-31",
            "14/05/2018",
            "2018-5-14",
        ],
        Kind::YearMonth => &[
            "0000-00",
            "9999-99",
            "2018-99",
            "9999-05",
            "2018-12",
            "2018-13",
            "0000-05",
            "2018-05-14",
        ],
        Kind::Year => &["9999", "1900", "2099", "1899", "2100", "20188"],
        Kind::Month | Kind::Count => &["00", "13", "100", "٣", "1 "],
        Kind::Hex40 => &[
            HEX,
            "0123456789ABCDEF0123456789ABCDEF01234567",
            "0123456789abcdef0123456789abcdef0123456",
            "0123456789abcdef0123456789abcdef012345678",
            "g123456789abcdef0123456789abcdef01234567",
        ],
        Kind::Text40 => &[],
        Kind::Utdp => &[],
    };
    c.extend(extra.iter().map(|s| s.to_string()));
    if v.kind == Kind::Text40 {
        c.push("é".repeat(40));
        c.push("é".repeat(41));
        c.push("&".repeat(40));
        c.push("<".repeat(41));
        c.push("a\tb\r\nc".to_string());
    }
    c.sort();
    c.dedup();
    c
}

#[test]
fn written_xml_validates_and_agrees_with_xsd_rejected() {
    let xsd = schema();
    if !xmllint_available() {
        eprintln!("note: xmllint not installed (Debian: libxml2-utils); xmllint test skipped");
        return;
    }
    let dir = std::env::temp_dir().join(format!("olinpe-xmllint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");

    // A generated-like file: a full record and a minimal one.
    let full = full_record();
    let mut minimal = Record::new();
    minimal.set(ids::NUMANONYM, HEX);
    minimal.set(ids::NUMANONYMANT, HEX);
    assert_eq!(xsd_rejected(&full).count(), 0);
    assert_eq!(xsd_rejected(&minimal).count(), 0);
    let good = dir.join("good.xml");
    write_file(&good, &[full.clone(), minimal.clone(), full.clone()]);
    let empty = dir.join("empty.xml");
    write_file(&empty, &[]);
    assert_eq!(
        validate(&xsd, &[good.clone(), empty.clone()]),
        [true, true],
        "written XML must validate"
    );

    // The ODPE variant carries UTDP, which the ONPE schema does not know: it never
    // validates against it (docs/spec/OLINPE.md §0.3), whatever its values.
    let odpe = dir.join("odpe.xml");
    let w = TransmissionXml::new("2019-03-01", true);
    let mut bytes = w.header();
    w.record(&full, &mut bytes);
    bytes.extend_from_slice(&w.footer());
    std::fs::write(&odpe, bytes).expect("write temp file");
    assert_eq!(validate(&xsd, std::slice::from_ref(&odpe)), [false]);

    // One file per (variable, candidate value): xmllint's verdict = ours.
    let mut files = Vec::new();
    let mut expected = Vec::new();
    let mut labels = Vec::new();
    // One variable per distinct (kind, modality list): the others have the same facet, and
    // tests/dictionary_xsd.rs already checks each element's facet against the schema.
    let mut seen: Vec<(Kind, &[(&str, &str)])> = Vec::new();
    for (i, var) in VARIABLES[..ids::N_DECREE].iter().enumerate() {
        let signature = (var.kind, var.modalities);
        if seen.contains(&signature) {
            continue;
        }
        seen.push(signature);
        for value in candidates(i) {
            let mut rec = minimal.clone();
            rec.set(i, &value);
            let n = files.len();
            let path = dir.join(format!("c{n}.xml"));
            write_file(&path, &[rec.clone()]);
            files.push(path);
            expected.push(xsd_rejected(&rec).next().is_none());
            labels.push(format!("{}={value:?}", var.code));
        }
    }
    let mut disagreements = Vec::new();
    for chunk in (0..files.len()).collect::<Vec<_>>().chunks(500) {
        let got = validate(&xsd, &files[chunk[0]..=chunk[chunk.len() - 1]]);
        for (k, ok) in chunk.iter().zip(got) {
            if ok != expected[*k] {
                disagreements.push(format!(
                    "{}: xmllint {ok}, olinpe {}",
                    labels[*k], expected[*k]
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!("{} cases cross-checked with xmllint", files.len());
    assert!(files.len() > 500, "{} cases", files.len());
    assert!(
        disagreements.is_empty(),
        "{} of {} cases disagree:\n{}",
        disagreements.len(),
        files.len(),
        disagreements.join("\n")
    );
}
