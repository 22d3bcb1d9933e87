//! The session layer (`olinpe::session`): a whole job gives the same bytes whatever the chunk
//! size, names every output from the artifact table, and its receipts list exactly what it
//! emitted (names and SHA-256 of the bytes the caller received).

use olinpe::engine::{FindingsCsvPass, Mode, Options};
use olinpe::error::Error;
use olinpe::generate::{generate_to_vec, GenOptions};
use olinpe::pseudo::Key;
use olinpe::session::{Artifact, Session};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

fn generated(rows: u64, nominative: bool, utdp: bool) -> Vec<u8> {
    generate_to_vec(&GenOptions {
        rows,
        seed: 7,
        error_rate: 0.05,
        nominative,
        utdp,
        ..GenOptions::default()
    })
    .0
}

fn key() -> Option<Key> {
    Some(Key::new("CLE_DE_TEST").expect("test key"))
}

/// Runs a whole job over `input` cut in chunks of `size`; the bytes of each artifact.
fn job(
    opts: &Options,
    key: Option<Key>,
    input: &[u8],
    size: usize,
    findings_csv: bool,
) -> (Session, BTreeMap<Artifact, Vec<u8>>) {
    let mut s = Session::new(opts.clone(), key, None).expect("session");
    let mut out: BTreeMap<Artifact, Vec<u8>> = BTreeMap::new();
    s.run(
        &mut |push: &mut dyn FnMut(&[u8]) -> Result<(), Error>| {
            for c in input.chunks(size) {
                push(c)?;
            }
            Ok(())
        },
        findings_csv,
        &mut |o| {
            out.entry(o.artifact).or_default().extend(o.bytes);
            Ok(())
        },
    )
    .expect("run");
    (s, out)
}

fn sha(b: &[u8]) -> String {
    Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

fn pseudo_opts(name: &str) -> Options {
    Options {
        mode: Mode::Pseudonymise,
        input_name: name.into(),
        date_export: Some("2019-03-01".into()),
        ..Options::default()
    }
}

#[test]
fn a_pseudonymisation_receipt_lists_what_was_emitted() {
    let input = generated(400, true, false);
    let opts = pseudo_opts("cd99.csv");
    let (s, out) = job(&opts, key(), &input, 4096, false);
    // No UTDP: every artifact of the job but the ODPE XML, which was streamed but not kept.
    for a in Artifact::of_job(Mode::Pseudonymise, false, false, false) {
        assert_eq!(s.produced(a), a != Artifact::OdpeXml, "{a:?}");
        assert!(out.contains_key(&a), "{a:?} emitted");
    }
    let receipt: serde_json::Value =
        serde_json::from_slice(&out[&Artifact::ReceiptJson]).expect("receipt JSON");
    let listed: Vec<(String, String)> = receipt["outputs"]
        .as_array()
        .expect("outputs")
        .iter()
        .map(|o| {
            (
                o["file"].as_str().unwrap_or("").to_owned(),
                o["sha256"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = [
        Artifact::TransmissionXml,
        Artifact::TransmissionCsv,
        Artifact::ReportJson,
        Artifact::FindingsCsv,
    ]
    .iter()
    .map(|&a| (a.name("cd99.csv", false), sha(&out[&a])))
    .collect();
    assert_eq!(listed, expected);
    let text = String::from_utf8(out[&Artifact::ReceiptTxt].clone()).expect("UTF-8");
    for (name, digest) in &expected {
        assert!(text.contains(&format!("{name} sha256={digest}")), "{name}");
    }
    assert_eq!(
        out[&Artifact::ReportJson],
        s.finished().expect("finished").report_json
    );
}

#[test]
fn with_utdp_the_odpe_file_is_produced_and_listed() {
    let input = generated(300, true, true);
    let (s, out) = job(&pseudo_opts("u.csv"), key(), &input, 1 << 20, false);
    assert!(s.produced(Artifact::OdpeXml));
    let receipt = String::from_utf8(out[&Artifact::ReceiptJson].clone()).expect("UTF-8");
    assert!(receipt.contains(&format!(
        "\"sha256\": \"{}\"",
        sha(&out[&Artifact::OdpeXml])
    )));
    assert!(receipt.contains("u-odpe.xml"));
}

#[test]
fn a_job_does_not_depend_on_the_chunk_size() {
    let input = generated(250, true, false);
    for (opts, key) in [
        (
            Options {
                corrections: true,
                ..pseudo_opts("a.csv")
            },
            key(),
        ),
        (
            Options {
                mode: Mode::Check,
                input_name: "a.csv".into(),
                repair: true,
                corrections: true,
                dossiers: true,
                ..Options::default()
            },
            None,
        ),
    ] {
        let (s, whole) = job(&opts, key.clone(), &input, input.len(), true);
        assert!(whole.contains_key(&Artifact::Corrections));
        let dossiers = s.finished().expect("finished").dossiers.clone();
        assert_eq!(dossiers.is_empty(), !opts.dossiers);
        for size in [1, 7, 4096] {
            let (s, cut) = job(&opts, key.clone(), &input, size, true);
            assert_eq!(cut, whole, "{:?}, chunks of {size}", opts.mode);
            assert_eq!(s.finished().expect("finished").dossiers, dossiers);
        }
    }
}

#[test]
fn check_findings_csv_is_the_findings_pass() {
    let input = generated(300, false, false);
    let opts = Options {
        mode: Mode::Check,
        input_name: "c.csv".into(),
        ..Options::default()
    };
    let (s, out) = job(&opts, None, &input, 5000, true);
    let plan = s.finished().expect("finished").plan.clone();
    let mut pass = FindingsCsvPass::new(opts.clone(), None, plan).expect("pass");
    let mut direct = pass.push(&input).expect("push");
    direct.extend(pass.finish().expect("finish"));
    assert_eq!(out[&Artifact::FindingsCsv], direct);
    assert_eq!(s.digest(Artifact::FindingsCsv), sha(&direct));
    // Check has no receipt; without --findings-csv nothing is written at all.
    let (_, none) = job(&opts, None, &input, 5000, false);
    assert!(none.is_empty(), "{:?}", none.keys().collect::<Vec<_>>());
}

#[test]
fn the_rehash_receipt_names_the_digest_of_the_rehashed_bytes() {
    let input = generated(120, false, false);
    let opts = Options {
        mode: Mode::Rehash,
        input_name: "r.csv".into(),
        ..Options::default()
    };
    let (_, out) = job(&opts, key(), &input, 333, false);
    let receipt: serde_json::Value =
        serde_json::from_slice(&out[&Artifact::RehashReceipt]).expect("receipt JSON");
    assert_eq!(
        receipt["output_sha256"].as_str(),
        Some(sha(&out[&Artifact::Rehashed]).as_str())
    );
    assert_eq!(receipt["input_sha256"].as_str(), Some(sha(&input).as_str()));
}

#[test]
fn out_of_sequence_calls_are_coded_errors() {
    let opts = Options {
        mode: Mode::Rehash,
        input_name: "r.csv".into(),
        ..Options::default()
    };
    assert_eq!(
        Session::new(opts.clone(), None, None)
            .err()
            .map(|e| e.code()),
        Some("key-missing")
    );
    let mut s = Session::new(opts, key(), None).expect("session");
    assert_eq!(
        s.rehash_receipt().err().map(|e| e.code()),
        Some("session-not-finished")
    );
    assert_eq!(
        s.findings_pass().err().map(|e| e.code()),
        Some("session-not-finished")
    );
    s.push(b"TYPEV;NUMANONYM\n1;").expect("push");
    s.finish().expect("finish");
    assert_eq!(
        s.push(b"x").err().map(|e| e.code()),
        Some("session-finished")
    );
    assert_eq!(s.receipt().err().map(|e| e.code()), Some("bad-mode"));
}

#[test]
fn a_key_file_wins_over_a_key_given_as_text() {
    use olinpe::session::{key_from, KeyText};
    let test_key = Key::new("CLE_DE_TEST").ok();
    let from_file = key_from(
        Some(b"\xEF\xBB\xBFCLE_DE_TEST\r\n"),
        Some(KeyText::Typed("AUTRE")),
    );
    assert_eq!(from_file.ok().flatten(), test_key);
    assert_eq!(
        key_from(None, Some(KeyText::Env("CLE_DE_TEST\n")))
            .ok()
            .flatten(),
        test_key
    );
    assert_eq!(
        key_from(None, Some(KeyText::Typed(""))).ok(),
        Some(None),
        "an empty typed key is no key"
    );
    assert_eq!(key_from(None, None).ok(), Some(None));
    assert_eq!(
        key_from(None, Some(KeyText::Env("")))
            .err()
            .map(|e| e.code()),
        Some("key-empty")
    );
    assert_eq!(
        key_from(Some(b"\xff\xfe"), None).err().map(|e| e.code()),
        Some("key-not-utf8")
    );
}
