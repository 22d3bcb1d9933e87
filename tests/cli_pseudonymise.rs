//! The command line end to end on generated nominative files: every output is written, rows
//! are accounted for, no identity value and no key appears in any output or on stderr, the
//! XML's XSD verdict agrees with xmllint, and `--previous` finds the variant used last year.

use olinpe::generate::{generate_to_vec, GenOptions};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const KEY: &str = "CLE_DE_TEST"; // dummy key of docs/spec/OLINPE.md §3.3

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_olinpe"));
    c.env_remove("OLINPE_KEY");
    c
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("olinpe-cli-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).expect("tmp dir");
    d
}

/// A generated nominative file where some rows lose their identity (no first name and no
/// case number: rejected) and some lose only the first name (NUMDO stands in).
fn nominative(dir: &Path, seed: u64, rows: u64) -> (PathBuf, usize) {
    let (bytes, _) = generate_to_vec(&GenOptions {
        rows,
        seed,
        error_rate: 0.05,
        nominative: true,
        ..GenOptions::default()
    });
    let text = String::from_utf8(bytes).expect("UTF-8");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(';').collect();
    let col = |n: &str| header.iter().position(|h| *h == n).expect(n);
    let (p, d) = (col("PRENOM"), col("NUMDO"));
    let mut out = header.join(";") + "\n";
    let mut rejected = 0;
    for (i, l) in lines.enumerate() {
        let mut cells: Vec<String> = l.split(';').map(str::to_owned).collect();
        if i % 37 == 5 {
            cells[p].clear();
            cells[d].clear();
            rejected += 1;
        } else if i % 41 == 7 {
            cells[p].clear();
        }
        out += &cells.join(";");
        out.push('\n');
    }
    let path = dir.join("export.csv");
    fs::write(&path, out).expect("write input");
    (path, rejected)
}

fn identity_values(path: &Path) -> BTreeSet<String> {
    let text = fs::read_to_string(path).expect("input");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(';').collect();
    let cols: Vec<usize> = ["PRENOM", "NOMMERE", "NOMUSAGE", "NUMDO"]
        .iter()
        .filter_map(|n| header.iter().position(|h| h == n))
        .collect();
    let mut set = BTreeSet::new();
    for l in lines {
        let cells: Vec<&str> = l.split(';').collect();
        for &c in &cols {
            let v = cells[c].trim();
            if v.chars().count() >= 4 {
                set.insert(v.to_lowercase());
            }
        }
    }
    set
}

fn pseudonymise(input: &Path, out: &Path, extra: &[&str]) -> Output {
    let key = out.join("cle.txt");
    fs::write(&key, format!("{KEY}\n")).expect("key file");
    bin()
        .arg("pseudonymise")
        .arg(input)
        .arg("--key-file")
        .arg(&key)
        .args(["--date-export", "2019-03-01", "--out-dir"])
        .arg(out)
        .args(extra)
        .output()
        .expect("run")
}

#[test]
fn outputs_accounting_privacy_and_xsd() {
    let dir = tmpdir("privacy");
    let (input, rejected) = nominative(&dir, 21, 600);
    let out = dir.join("out");
    fs::create_dir_all(&out).expect("out dir");
    let o = pseudonymise(&input, &out, &[]);
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "status {:?}: {}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    let names = [
        "export-transmission.xml",
        "export-transmission.csv",
        "export-recu.json",
        "export-recu.txt",
        "export-rapport.json",
        "export-constats.csv",
    ];
    for n in names {
        assert!(out.join(n).exists(), "{n} missing");
    }
    assert!(
        !out.join("export-odpe.xml").exists(),
        "no UTDP, no ODPE file"
    );

    // Row accounting, every rejected row listed.
    let recu: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("export-recu.json")).expect("recu"))
            .expect("json");
    let rows = &recu["rows"];
    let (read, written, rej) = (
        rows["read"].as_u64().expect("read"),
        rows["written"].as_u64().expect("written"),
        rows["rejected"].as_u64().expect("rejected"),
    );
    assert_eq!(read, 600);
    assert_eq!(read, written + rej);
    assert_eq!(rej as usize, rejected);
    assert_eq!(recu["rejected"].as_array().expect("list").len(), rejected);
    let xml = fs::read_to_string(out.join("export-transmission.xml")).expect("xml");
    assert_eq!(xml.matches("<DONNEE>").count() as u64, written);

    // No identity value, no key, anywhere.
    let values = identity_values(&input);
    assert!(values.len() > 50, "the test needs identity values");
    let mut haystacks: Vec<(String, String)> = names
        .iter()
        .map(|n| {
            (
                n.to_string(),
                fs::read_to_string(out.join(n)).expect(n).to_lowercase(),
            )
        })
        .collect();
    haystacks.push((
        "stderr".into(),
        String::from_utf8_lossy(&o.stderr).to_lowercase(),
    ));
    haystacks.push((
        "stdout".into(),
        String::from_utf8_lossy(&o.stdout).to_lowercase(),
    ));
    for (name, hay) in &haystacks {
        assert!(!hay.contains(&KEY.to_lowercase()), "key in {name}");
        // Whole words: "manon" inside "<numanonym>" is not a leak.
        let words: BTreeSet<&str> = hay
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        for v in &values {
            let found = if v.chars().all(char::is_alphanumeric) {
                words.contains(v.as_str())
            } else {
                hay.contains(v.as_str())
            };
            assert!(!found, "identity value found in {name}");
        }
        assert!(
            !hay.contains("<jnais>") && !hay.contains("jnais;"),
            "JNAIS column in {name}"
        );
    }

    // The XSD verdict agrees with xmllint (when installed).
    let verdict = recu["outputs"]
        .as_array()
        .expect("outputs")
        .iter()
        .find(|x| x["file"] == "export-transmission.xml")
        .expect("xml digest")["xsd_valid"]
        .as_bool()
        .expect("bool");
    let xsd = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/spec/decret2016.xsd");
    if let Ok(x) = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&xsd)
        .arg(out.join("export-transmission.xml"))
        .output()
    {
        assert_eq!(
            x.status.success(),
            verdict,
            "{}",
            String::from_utf8_lossy(&x.stderr)
        );
    }

    // Never over an existing file without --force; with --force, the same bytes.
    let again = pseudonymise(&input, &out, &[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let before = fs::read(out.join("export-transmission.csv")).expect("csv");
    let forced = pseudonymise(&input, &out, &["--force"]);
    assert_ne!(forced.status.code(), Some(2));
    assert_eq!(
        fs::read(out.join("export-transmission.csv")).expect("csv"),
        before
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn key_rules_and_exit_statuses() {
    let dir = tmpdir("key");
    let (input, _) = nominative(&dir, 3, 50);
    let out = dir.join("o");
    fs::create_dir_all(&out).expect("dir");
    // No key at all → 2, French message.
    let o = bin()
        .args(["pseudonymise"])
        .arg(&input)
        .arg("--out-dir")
        .arg(&out)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("clé"));
    // A key on the command line is refused.
    let o = bin()
        .args(["pseudonymise", "--key", "x"])
        .arg(&input)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2));
    // OLINPE_KEY works like the key file (same bytes out).
    let a = dir.join("a");
    let b = dir.join("b");
    fs::create_dir_all(&a).expect("dir");
    fs::create_dir_all(&b).expect("dir");
    assert_ne!(pseudonymise(&input, &a, &[]).status.code(), Some(2));
    let o = bin()
        .env("OLINPE_KEY", format!("{KEY}\r\n"))
        .arg("pseudonymise")
        .arg(&input)
        .args(["--date-export", "2019-03-01", "--out-dir"])
        .arg(&b)
        .output()
        .expect("run");
    assert_ne!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        fs::read(a.join("export-transmission.csv")).expect("a"),
        fs::read(b.join("export-transmission.csv")).expect("b")
    );
    // A missing input → 2.
    let o = bin()
        .args(["check", "/nonexistent/olinpe.csv"])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn previous_year_variant_is_recommended() {
    let dir = tmpdir("prev");
    let (input, _) = nominative(&dir, 9, 300);
    for (flags, expect_upper) in [(vec![], false), (vec!["--uppercase"], true)] {
        let last = dir.join(format!("last-{expect_upper}"));
        let now = dir.join(format!("now-{expect_upper}"));
        fs::create_dir_all(&last).expect("dir");
        fs::create_dir_all(&now).expect("dir");
        assert_ne!(pseudonymise(&input, &last, &flags).status.code(), Some(2));
        let prev = last.join("export-transmission.csv");
        let o = pseudonymise(&input, &now, &["--previous", prev.to_str().expect("path")]);
        assert_ne!(
            o.status.code(),
            Some(2),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let recu: serde_json::Value =
            serde_json::from_slice(&fs::read(now.join("export-recu.json")).expect("recu"))
                .expect("json");
        let rec = &recu["options"]["previous"]["recommended"];
        assert_eq!(rec["uppercase"].as_bool(), Some(expect_upper), "{recu:#}");
    }
    // Last year made with another key: no variant reproduces it, a warning says so.
    let other = dir.join("other");
    fs::create_dir_all(&other).expect("dir");
    let key = other.join("cle.txt");
    fs::write(&key, "UNE_AUTRE_CLE_DE_TEST").expect("key");
    let o = bin()
        .arg("pseudonymise")
        .arg(&input)
        .arg("--key-file")
        .arg(&key)
        .args(["--date-export", "2019-03-01", "--out-dir"])
        .arg(&other)
        .output()
        .expect("run");
    assert_ne!(o.status.code(), Some(2));
    let now = dir.join("now-other");
    fs::create_dir_all(&now).expect("dir");
    let prev = other.join("export-transmission.csv");
    assert_ne!(
        pseudonymise(&input, &now, &["--previous", prev.to_str().expect("path")])
            .status
            .code(),
        Some(2)
    );
    let recu: serde_json::Value =
        serde_json::from_slice(&fs::read(now.join("export-recu.json")).expect("recu"))
            .expect("json");
    assert!(recu["options"]["previous"]["recommended"].is_null());
    assert!(recu["options"]["previous"]["warning"].is_string());
    let _ = fs::remove_dir_all(&dir);
}

/// Issue 13, item 7: the receipt says why the ODPE file is not checked against the schema
/// (UTDP, which the ONPE's schema does not know) and that the rest is the transmission XML's.
#[test]
fn odpe_receipt_says_why_it_is_not_checked() {
    let dir = tmpdir("odpe-note");
    let (bytes, _) = generate_to_vec(&GenOptions {
        rows: 40,
        seed: 3,
        nominative: true,
        utdp: true,
        ..GenOptions::default()
    });
    fs::write(dir.join("cd.csv"), bytes).expect("input");
    fs::write(dir.join("cle.txt"), KEY).expect("key");
    let out = bin()
        .arg("pseudonymise")
        .arg(dir.join("cd.csv"))
        .arg("--key-file")
        .arg(dir.join("cle.txt"))
        .args(["--date-export", "2019-03-01", "--out-dir"])
        .arg(&dir)
        .output()
        .expect("runs");
    assert!(out.status.code().is_some(), "{out:?}");
    let receipt: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("cd-recu.json")).expect("receipt"))
            .expect("JSON");
    let outputs = receipt["outputs"].as_array().expect("outputs");
    let odpe = outputs
        .iter()
        .find(|o| o["file"] == "cd-odpe.xml")
        .expect("the ODPE file is listed");
    assert!(odpe["xsd_valid"].is_null());
    let note = odpe["note"].as_str().expect("a note on the ODPE file");
    assert!(
        note.contains("UTDP") && note.contains("cd-transmission.xml"),
        "{note}"
    );
    let xml = outputs
        .iter()
        .find(|o| o["file"] == "cd-transmission.xml")
        .expect("transmission XML");
    assert!(
        xml.get("note").is_none(),
        "the transmission XML is checked: no note"
    );
    let text = fs::read_to_string(dir.join("cd-recu.txt")).expect("text receipt");
    assert!(text.contains(note), "the text receipt says it too");
}
