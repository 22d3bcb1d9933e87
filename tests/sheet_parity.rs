//! Issue 15, parity: the same sheet saved as CSV, XLSX and ODS gives the same findings (apart
//! from the spreadsheet damage only the CSV has), the same identifiers and byte-identical
//! transmission files. The files of `tests/sheets/` were saved by LibreOffice from one
//! invented sheet (`make.sh` says how): `olinpe.xlsx` (olinpe's own writer), and its XLSX,
//! ODS and CSV as LibreOffice saves them.

use olinpe::engine::{Mode, Options};
use olinpe::error::Error;
use olinpe::pseudo::Key;
use olinpe::session::{Artifact, Session};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const FILES: [&str; 4] = [
    "olinpe.xlsx",
    "libreoffice.xlsx",
    "libreoffice.ods",
    "libreoffice.csv",
];

fn bytes(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sheets")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A whole job over `input` (in chunks of 64 KiB); the bytes of each artifact.
fn job(opts: &Options, input: &[u8]) -> BTreeMap<Artifact, Vec<u8>> {
    let key = (opts.mode != Mode::Check).then(|| Key::new("CLE_DE_TEST").expect("test key"));
    let mut s = Session::new(opts.clone(), key, None).expect("session");
    let mut out: BTreeMap<Artifact, Vec<u8>> = BTreeMap::new();
    s.run(
        &mut |push: &mut dyn FnMut(&[u8]) -> Result<(), Error>| {
            for c in input.chunks(64 * 1024) {
                push(c)?;
            }
            Ok(())
        },
        true,
        &mut |o| {
            out.entry(o.artifact).or_default().extend(o.bytes);
            Ok(())
        },
    )
    .expect("run");
    if opts.mode == Mode::Check {
        let f = s.finished().expect("finished");
        out.insert(Artifact::ReportJson, f.report_json.clone());
    }
    out
}

fn opts(mode: Mode, name: &str, repair: bool) -> Options {
    Options {
        mode,
        input_name: name.into(),
        repair,
        max_findings: 100_000,
        date_export: (mode == Mode::Pseudonymise).then(|| "2019-03-01".into()),
        ..Options::default()
    }
}

/// The report's findings as `(code, row, line, variable)`, the codes of `skip` left out.
fn findings(report: &[u8], skip: &[&str]) -> Vec<(String, Value, Value, Value)> {
    let r: Value = serde_json::from_slice(report).expect("report JSON");
    r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| !skip.contains(&f["code"].as_str().unwrap_or("")))
        .map(|f| {
            (
                f["code"].as_str().unwrap_or("").to_owned(),
                f["row"].clone(),
                f["line"].clone(),
                f["variable"].clone(),
            )
        })
        .collect()
}

/// What only a CSV saved by a spreadsheet has: numbers shown without their leading zero
/// (`MNAIS` 5), repaired with `--repair`.
const CSV_DAMAGE: [&str; 3] = [
    "leading-zero-lost",
    "date-format-repairable",
    "value-repaired",
];

#[test]
fn the_same_sheet_as_csv_xlsx_and_ods_gives_the_same_transmission() {
    let mut reference: Option<BTreeMap<Artifact, Vec<u8>>> = None;
    let mut reference_findings = None;
    for name in FILES {
        let out = job(&opts(Mode::Pseudonymise, name, true), &bytes(name));
        for a in [
            Artifact::TransmissionXml,
            Artifact::TransmissionCsv,
            Artifact::OdpeXml,
        ] {
            assert!(out.get(&a).is_some_and(|b| b.len() > 1000), "{name}: {a:?}");
        }
        let report = out.get(&Artifact::ReportJson).expect("report");
        let r: Value = serde_json::from_slice(report).expect("report JSON");
        assert_eq!(r["input"]["rows"], 200, "{name}");
        let expected_format = &name[name.rfind('.').map_or(0, |i| i + 1)..];
        assert_eq!(r["input"]["format"], expected_format, "{name}");
        let f = findings(report, &CSV_DAMAGE);
        assert!(f.len() > 10, "{name}: {} findings", f.len());
        match (&reference, &reference_findings) {
            (Some(first), Some(first_findings)) => {
                for a in [
                    Artifact::TransmissionXml,
                    Artifact::TransmissionCsv,
                    Artifact::OdpeXml,
                ] {
                    assert!(
                        out.get(&a) == first.get(&a),
                        "{name}: {a:?} differs from {}",
                        FILES[0]
                    );
                }
                assert_eq!(&f, first_findings, "{name}: findings");
            }
            _ => {
                reference_findings = Some(f);
                reference = Some(out);
            }
        }
    }
}

#[test]
fn workbooks_give_the_same_report_and_the_csv_only_adds_its_damage() {
    let mut reports = Vec::new();
    for name in FILES {
        let out = job(&opts(Mode::Check, name, false), &bytes(name));
        reports.push((name, out));
    }
    let all = |k: usize| findings(&reports[k].1[&Artifact::ReportJson], &[]);
    // The three workbooks: every finding the same, and the findings CSV byte for byte.
    for k in 1..3 {
        assert_eq!(all(k), all(0), "{}", reports[k].0);
        assert_eq!(
            reports[k].1[&Artifact::FindingsCsv],
            reports[0].1[&Artifact::FindingsCsv],
            "{}",
            reports[k].0
        );
    }
    // The CSV: the numbers LibreOffice wrote without their zero (MNAIS, JNAIS, NUMDEP) are
    // reported there only; every workbook finding about a value is in it too.
    let csv = all(3);
    let lost = csv.iter().filter(|f| f.0 == "leading-zero-lost").count();
    assert!(lost > 100, "{lost} lost zeros in the CSV");
    let workbook_lost = all(0).iter().filter(|f| f.0 == "leading-zero-lost").count();
    assert!(workbook_lost < lost, "{workbook_lost} vs {lost}");
}
