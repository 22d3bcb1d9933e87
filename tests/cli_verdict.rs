//! The verdict on the command line (docs/spec/OLINPE.md §0.4), level by level and reason by
//! reason, in `check` and `pseudonymise`: the text's first line, the report's `verdict`,
//! the receipt's and `NAME-rapport.json`'s are one verdict; exit status 1 only for
//! `bloquant`. Also the two refusals (exit 2, nothing written), « À corriger en priorité »
//! counted exactly, information found on most rows written once, and the internal
//! corrections list: the only output that holds a case number.

use olinpe::generate::{generate_to_vec, GenOptions};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const KEY: &str = "CLE_DE_TEST"; // dummy key of docs/spec/OLINPE.md §3.3

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_olinpe"));
    c.env_remove("OLINPE_KEY").env_remove("OLINPE_THREADS");
    c
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("olinpe-verdict-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).expect("tmp dir");
    d
}

/// A generated file as header cells and rows of cells (generated files have no quotes).
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn generated(rows: u64, seed: u64, error_rate: f64, nominative: bool) -> Table {
        let (bytes, _) = generate_to_vec(&GenOptions {
            rows,
            seed,
            error_rate,
            nominative,
            ..GenOptions::default()
        });
        let text = String::from_utf8(bytes).expect("UTF-8");
        let mut lines = text.lines();
        let split = |l: &str| l.split(';').map(str::to_owned).collect::<Vec<_>>();
        let header = split(lines.next().expect("header"));
        Table {
            header,
            rows: lines.map(split).collect(),
        }
    }

    fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}"))
    }

    fn drop_column(&mut self, name: &str) {
        let c = self.col(name);
        self.header.remove(c);
        for r in &mut self.rows {
            r.remove(c);
        }
    }

    fn rename(&mut self, from: &str, to: &str) {
        let c = self.col(from);
        self.header[c] = to.to_owned();
    }

    fn write(&self, path: &Path) -> PathBuf {
        let mut s = self.header.join(";") + "\n";
        for r in &self.rows {
            s += &r.join(";");
            s.push('\n');
        }
        fs::write(path, s).expect("write input");
        path.to_path_buf()
    }
}

fn check(input: &Path, extra: &[&str]) -> (Output, Value) {
    let o = bin()
        .arg("check")
        .arg(input)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .expect("run");
    let report = serde_json::from_slice(&o.stdout).unwrap_or(Value::Null);
    (o, report)
}

fn check_text(input: &Path, extra: &[&str]) -> Output {
    bin()
        .arg("check")
        .arg(input)
        .args(extra)
        .output()
        .expect("run")
}

fn pseudonymise(input: &Path, out: &Path, key: &str, extra: &[&str]) -> Output {
    fs::create_dir_all(out).expect("out dir");
    let k = out.with_extension("cle");
    fs::write(&k, format!("{key}\n")).expect("key file");
    bin()
        .arg("pseudonymise")
        .arg(input)
        .arg("--key-file")
        .arg(&k)
        .args(["--date-export", "2019-03-01", "--out-dir"])
        .arg(out)
        .args(extra)
        .output()
        .expect("run")
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(&fs::read(path).unwrap_or_else(|_| panic!("{path:?}"))).expect("JSON")
}

fn codes(verdict: &Value) -> Vec<String> {
    verdict["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .map(|r| r["code"].as_str().expect("code").to_owned())
        .collect()
}

fn reason<'a>(verdict: &'a Value, code: &str) -> &'a Value {
    verdict["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .find(|r| r["code"] == code)
        .unwrap_or_else(|| panic!("no reason {code} in {verdict:#}"))
}

/// The text's first line for a level.
fn first_line(level: &str) -> String {
    let words = match level {
        "transmissible" => "Peut être transmis",
        "a_verifier" => "À vérifier avant de transmettre",
        _ => "Ne pas transmettre en l'état",
    };
    format!("Verdict : {words} ({level})")
}

/// One pseudonymisation's verdict, checked to be the same in the receipt, the report file,
/// the receipt's report and on stderr's first line; exit 1 exactly for `bloquant`.
fn one_verdict(o: &Output, out: &Path, stem: &str) -> Value {
    assert_ne!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let recu = json(&out.join(format!("{stem}-recu.json")));
    let rapport = json(&out.join(format!("{stem}-rapport.json")));
    let v = recu["verdict"].clone();
    assert_eq!(
        rapport["verdict"], v,
        "NAME-rapport.json carries the run's verdict"
    );
    assert_eq!(recu["report"]["verdict"], v);
    let level = v["level"].as_str().expect("level").to_owned();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        err.lines().next(),
        Some(first_line(&level).as_str()),
        "{err}"
    );
    let txt = fs::read_to_string(out.join(format!("{stem}-recu.txt"))).expect("recu.txt");
    assert!(txt.contains(&first_line(&level)), "{txt}");
    assert_eq!(o.status.code(), Some(u8::from(level == "bloquant").into()));
    // The receipt's keys, in order: the verdict next to the rows.
    let raw = fs::read_to_string(out.join(format!("{stem}-recu.json"))).expect("recu");
    let pos = |k: &str| raw.find(&format!("\n  \"{k}\": ")).expect(k);
    let order = [
        "options",
        "rows",
        "verdict",
        "rejected",
        "input_sha256",
        "outputs",
        "internal",
        "report",
    ];
    assert!(
        order.windows(2).all(|w| pos(w[0]) < pos(w[1])),
        "receipt key order"
    );
    v
}

#[test]
fn check_gives_each_level_with_its_reasons() {
    let dir = tmpdir("check");

    // Transmissible: a clean file. Its notes (sections the ONPE will flag) do not change it.
    let clean = Table::generated(400, 5, 0.0, false).write(&dir.join("propre.csv"));
    let (o, r) = check(&clean, &[]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(r["verdict"]["level"], "transmissible", "{:#}", r["verdict"]);
    for reason in r["verdict"]["reasons"].as_array().expect("reasons") {
        assert_eq!(reason["level"], "transmissible", "only notes: {reason}");
        assert!(reason["action"].is_null(), "a note asks nothing");
        if reason["code"] == "onpe-will-flag" {
            let s = reason["sections"][0].as_str().expect("section");
            let a = r["audit"]
                .as_array()
                .expect("audit")
                .iter()
                .find(|a| a["section"] == s)
                .expect("the section");
            assert_eq!(a["count"], 0);
            assert_eq!(a["onpe_count"], reason["count"]);
        }
    }
    let t = check_text(&clean, &[]);
    let text = String::from_utf8_lossy(&t.stdout);
    assert!(text.starts_with(&first_line("transmissible")), "{text}");

    // Bloquant: errors, counted by record.
    let faulty = Table::generated(400, 6, 0.1, false).write(&dir.join("erreurs.csv"));
    let (o, r) = check(&faulty, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(r["verdict"]["level"], "bloquant");
    assert_eq!(codes(&r["verdict"])[0], "error-findings");
    let e = reason(&r["verdict"], "error-findings");
    let errors: u64 = r["priorities"]
        .as_array()
        .expect("priorities")
        .iter()
        .filter(|p| p["severity"] == "error")
        .map(|p| p["findings"].as_u64().unwrap_or(0))
        .sum();
    assert!(e["message"]
        .as_str()
        .expect("message")
        .starts_with(&format!("{errors} erreur(s)")));
    assert!(e["action"]
        .as_str()
        .expect("action")
        .contains("--findings-csv"));

    // Bloquant: no reference year (no usable decision nor start date).
    let mut noyear = Table::generated(50, 7, 0.0, false);
    let (a, b) = (noyear.col("DATDECPE"), noyear.col("DATDEB"));
    for row in &mut noyear.rows {
        row[a] = "9999-99-99".into();
        row[b] = "9999-99-99".into();
    }
    let (o, r) = check(&noyear.write(&dir.join("sans-annee.csv")), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(codes(&r["verdict"]).contains(&"reference-year-missing".to_owned()));

    // À vérifier: a nominative file, whose identifiers are computed at the next step.
    let nomin = Table::generated(300, 8, 0.0, true).write(&dir.join("nominatif.csv"));
    let (o, r) = check(&nomin, &[]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(r["verdict"]["level"], "a_verifier");
    assert_eq!(codes(&r["verdict"])[0], "nominative-file");
    assert!(reason(&r["verdict"], "nominative-file")["message"]
        .as_str()
        .expect("message")
        .contains("À pseudonymiser"));
    let findings = r["findings"].as_array().expect("findings");
    assert!(!findings.iter().any(|f| {
        ["variable-always-empty", "variable-absent"].contains(&f["code"].as_str().unwrap_or(""))
            && ["NUMANONYM", "NUMANONYMANT"].contains(&f["variable"].as_str().unwrap_or(""))
    }));
    assert!(findings
        .iter()
        .any(|f| f["code"] == "identifiers-to-compute"));
    let s0003 = r["audit"]
        .as_array()
        .expect("audit")
        .iter()
        .find(|a| a["section"] == "0003")
        .expect("0003");
    assert_eq!(s0003["status"], "green", "{s0003}");

    // À vérifier: most records out of the reference year given.
    let (o, r) = check(&clean, &["--year", "2012"]);
    assert_eq!(o.status.code(), Some(0), "warnings only");
    let m = reason(&r["verdict"], "mostly-out-of-perimeter");
    assert_eq!(m["level"], "a_verifier");
    assert_eq!(m["total"], 400);
    assert_eq!(
        Some(m["count"].clone()),
        r["counts"].get("out-of-perimeter").cloned()
    );

    // À vérifier: an audit section red with no error behind it (a variable absent: 0002).
    let mut absent = Table::generated(300, 5, 0.0, false);
    absent.drop_column("NIVSCO");
    let (o, r) = check(&absent.write(&dir.join("absente.csv")), &[]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(r["verdict"]["level"], "a_verifier", "{:#}", r["verdict"]);
    let red = reason(&r["verdict"], "audit-red-without-error");
    assert_eq!(red["sections"], serde_json::json!(["0002"]));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn pseudonymise_gives_each_level_with_its_reasons() {
    let dir = tmpdir("pseudo");
    let base = Table::generated(400, 11, 0.0, true);

    // Transmissible: a clean nominative file.
    let input = base.write(&dir.join("export.csv"));
    let out = dir.join("propre");
    let o = pseudonymise(&input, &out, KEY, &[]);
    let v = one_verdict(&o, &out, "export");
    assert_eq!(v["level"], "transmissible", "{v:#}");

    // Transmissible with its note: the guide's unknown-date forms, which the XSD rejects.
    let mut guide = Table::generated(400, 11, 0.0, true);
    let c = guide.col("DATIP");
    let mut changed = 0;
    for row in guide.rows.iter_mut().filter(|r| r[c].len() == 10).take(20) {
        row[c] = format!("{}-99", &row[c][..7]);
        changed += 1;
    }
    assert!(changed > 5, "the test needs dates to change");
    let input = guide.write(&dir.join("export.csv"));
    let out = dir.join("formes");
    let o = pseudonymise(&input, &out, KEY, &[]);
    let v = one_verdict(&o, &out, "export");
    assert_eq!(v["level"], "transmissible", "{v:#}");
    let note = reason(&v, "xsd-guide-forms");
    let count = note["count"].as_u64().expect("count") as usize;
    assert!(count >= changed, "{note}");
    assert!(note["action"].is_null());
    let recu = json(&out.join("export-recu.json"));
    let xml = recu["outputs"]
        .as_array()
        .expect("outputs")
        .iter()
        .find(|x| x["file"] == "export-transmission.xml")
        .expect("xml")
        .clone();
    assert_eq!(
        xml["xsd_valid"], false,
        "the XML is not XSD-valid, and that is right"
    );
    assert_eq!(xml["invalid_records"].as_array().map(Vec::len), Some(count));

    // Bloquant: rows set aside (no identity and no case number).
    let mut aside = Table::generated(400, 11, 0.0, true);
    let (p, d) = (aside.col("PRENOM"), aside.col("NUMDO"));
    for row in aside.rows.iter_mut().step_by(50) {
        row[p].clear();
        row[d].clear();
    }
    let input = aside.write(&dir.join("export.csv"));
    let out = dir.join("ecartees");
    let o = pseudonymise(&input, &out, KEY, &[]);
    let v = one_verdict(&o, &out, "export");
    assert_eq!(v["level"], "bloquant");
    let r = reason(&v, "rows-rejected");
    assert_eq!(
        (r["count"].as_u64(), r["total"].as_u64()),
        (Some(8), Some(400))
    );

    // À vérifier: NUMDO stands in for the first name on 10 % of the rows.
    let mut numdo = Table::generated(400, 11, 0.0, true);
    let p = numdo.col("PRENOM");
    for row in numdo.rows.iter_mut().step_by(10) {
        row[p].clear();
    }
    let input = numdo.write(&dir.join("export.csv"));
    let out = dir.join("numdo");
    let o = pseudonymise(&input, &out, KEY, &[]);
    let v = one_verdict(&o, &out, "export");
    assert_eq!(v["level"], "a_verifier", "{v:#}");
    let r = reason(&v, "numdo-substitution");
    assert_eq!(
        (r["count"].as_u64(), r["total"].as_u64()),
        (Some(40), Some(400))
    );

    // À vérifier: a setting other than last year's (last year in upper case).
    let input = base.write(&dir.join("export.csv"));
    let last = dir.join("an-dernier");
    let o = pseudonymise(&input, &last, KEY, &["--uppercase"]);
    assert_eq!(o.status.code(), Some(0));
    let prev = last.join("export-transmission.csv");
    let prev = prev.to_str().expect("path");
    let out = dir.join("reglage");
    let o = pseudonymise(&input, &out, KEY, &["--previous", prev]);
    let v = one_verdict(&o, &out, "export");
    assert_eq!(v["level"], "a_verifier");
    let r = reason(&v, "previous-other-setting");
    assert_eq!(
        r["settings"],
        serde_json::json!({"with_day": false, "uppercase": true})
    );
    assert!(r["action"]
        .as_str()
        .expect("action")
        .contains("ajoutez --uppercase"));
    // With the recommended settings, the reason is gone.
    let out = dir.join("reglage-recommande");
    let o = pseudonymise(&input, &out, KEY, &["--previous", prev, "--uppercase"]);
    let v = one_verdict(&o, &out, "export");
    assert_eq!(v["level"], "transmissible", "{v:#}");

    // À vérifier: last year's identifiers made with another key (about 0 % found).
    let other = dir.join("autre-cle");
    assert_eq!(
        pseudonymise(&input, &other, "UNE_AUTRE_CLE", &[])
            .status
            .code(),
        Some(0)
    );
    let prev = other.join("export-transmission.csv");
    let out = dir.join("faible");
    let o = pseudonymise(
        &input,
        &out,
        KEY,
        &["--previous", prev.to_str().expect("path")],
    );
    let v = one_verdict(&o, &out, "export");
    assert_eq!(v["level"], "a_verifier");
    let r = reason(&v, "previous-low-match");
    assert_eq!(r["count"], 0);

    // Bloquant: a value the XSD rejects with no finding behind it (a control character in a
    // free-text field).
    let mut ctrl = Table::generated(400, 11, 0.0, true);
    let c = ctrl.col("AUTREDA");
    let i = (0..ctrl.rows.len())
        .find(|&i| !ctrl.rows[i][c].is_empty())
        .unwrap_or(0);
    ctrl.rows[i][c] = "Aide\u{1}ponctuelle".into();
    let input = ctrl.write(&dir.join("export.csv"));
    let out = dir.join("xsd");
    let o = pseudonymise(&input, &out, KEY, &[]);
    let v = one_verdict(&o, &out, "export");
    assert_eq!(v["level"], "bloquant", "{v:#}");
    assert_eq!(reason(&v, "xsd-invalid")["count"], 1);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn refusals_come_before_any_output() {
    let dir = tmpdir("refus");
    // Already pseudonymised: NUMANONYM filled, no identity column.
    let pseudo = Table::generated(100, 12, 0.0, false).write(&dir.join("deja.csv"));
    let out = dir.join("o1");
    let o = pseudonymise(&pseudo, &out, KEY, &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("olinpe : Ce fichier est déjà pseudonymisé"),
        "{err}"
    );
    assert!(
        err.contains("olinpe check") && err.contains("olinpe rehash"),
        "{err}"
    );
    assert_eq!(
        fs::read_dir(&out).expect("dir").count(),
        0,
        "nothing written"
    );

    // Identity columns absent (not empty: absent), named by their codes.
    let mut t = Table::generated(100, 12, 0.0, true);
    t.drop_column("PRENOM");
    t.rename("NOMMERE", "IDENTITE_MERE");
    let input = t.write(&dir.join("sans-prenom.csv"));
    let out = dir.join("o2");
    let o = pseudonymise(&input, &out, KEY, &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("absente(s) du fichier : PRENOM, NOMMEREJEUNE/NOMMERE/NOM_MERE."),
        "{err}"
    );
    assert!(err.lines().count() <= 2, "{err}");
    assert_eq!(
        fs::read_dir(&out).expect("dir").count(),
        0,
        "nothing written"
    );
    // The renamed column mapped: only PRENOM is still missing.
    let map = dir.join("map.txt");
    fs::write(&map, "NOMMERE=IDENTITE_MERE\n").expect("map");
    let o = pseudonymise(
        &input,
        &out,
        KEY,
        &["--map-file", map.to_str().expect("path")],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("absente(s) du fichier : PRENOM."), "{err}");
    // NOMUSAGE alone stands for the mother's name, with a warning for the file.
    let mut u = Table::generated(100, 12, 0.0, true);
    u.rename("NOMMERE", "NOMUSAGE");
    let input = u.write(&dir.join("nom-usage.csv"));
    let out = dir.join("o3");
    let o = pseudonymise(&input, &out, KEY, &[]);
    assert_ne!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let rapport = json(&out.join("nom-usage-rapport.json"));
    assert_eq!(rapport["counts"]["mother-birth-name-absent"], 1);
    // check never refuses: it says what it sees.
    let (o, _) = check(&pseudo, &[]);
    assert_eq!(o.status.code(), Some(0));
    let _ = fs::remove_dir_all(&dir);
}

/// Distinct (row, NUMANONYM) per (code, variable) from a findings CSV and the input.
fn expected_priorities(
    csv: &str,
    ids: &[String],
) -> BTreeMap<(String, String), (BTreeSet<u64>, BTreeSet<String>, u64)> {
    let mut m: BTreeMap<(String, String), (BTreeSet<u64>, BTreeSet<String>, u64)> = BTreeMap::new();
    for line in csv.lines().skip(1) {
        let c: Vec<&str> = line.splitn(8, ';').collect();
        if c[0].is_empty() || c[2] == "information" {
            continue;
        }
        let row: u64 = c[0].parse().expect("row");
        let e = m.entry((c[3].to_owned(), c[5].to_owned())).or_default();
        e.0.insert(row);
        let id = ids[(row - 1) as usize].to_lowercase();
        if !id.is_empty() {
            e.1.insert(id);
        }
        e.2 += 1;
    }
    m
}

#[test]
fn priorities_are_exact_and_sorted() {
    let dir = tmpdir("prio");
    let t = Table::generated(2000, 13, 0.08, false);
    let input = t.write(&dir.join("prio.csv"));
    let csv = dir.join("constats.csv");
    let (o, r) = check(&input, &["--findings-csv", csv.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(1));
    let text = fs::read_to_string(&csv).expect("csv");
    let id = t.col("NUMANONYM");
    let ids: Vec<String> = t.rows.iter().map(|r| r[id].clone()).collect();
    let want = expected_priorities(&text, &ids);
    let prio = r["priorities"].as_array().expect("priorities");
    let rows: Vec<&Value> = prio.iter().filter(|p| p["file_level"] == false).collect();
    assert_eq!(rows.len(), want.len(), "one row per code and variable");
    for p in &rows {
        let var = p["variables"][0].as_str().unwrap_or("").to_owned();
        let key = (p["code"].as_str().expect("code").to_owned(), var);
        let (records, people, findings) = &want[&key];
        assert_eq!(p["records"].as_u64(), Some(records.len() as u64), "{p}");
        assert_eq!(p["young_people"].as_u64(), Some(people.len() as u64), "{p}");
        assert_eq!(p["findings"].as_u64(), Some(*findings), "{p}");
    }
    // Sorted: errors, then warnings; within a severity, file-level first, then by records.
    let rank = |p: &Value| match p["severity"].as_str() {
        Some("error") => 0,
        Some("warning") => 1,
        _ => 2,
    };
    for w in prio.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        assert!(rank(a) <= rank(b), "severity order");
        if rank(a) == rank(b) && a["file_level"] == b["file_level"] {
            assert!(
                a["records"].as_u64() >= b["records"].as_u64(),
                "{a} before {b}"
            );
        }
    }
    assert!(!prio.iter().any(|p| p["severity"] == "info"));
    // The text lists them under the audit.
    let t = check_text(&input, &[]);
    let out = String::from_utf8_lossy(&t.stdout);
    let first = &prio[0];
    assert!(out.contains("À corriger en priorité"), "{out}");
    assert!(
        out.contains(first["title"].as_str().expect("title")),
        "{out}"
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn information_on_most_rows_is_written_once() {
    let dir = tmpdir("compact");
    // NUMANONYMANT empty everywhere: each row gets « set equal to NUMANONYM ».
    let input = Table::generated(300, 14, 0.0, true).write(&dir.join("export.csv"));
    let out = dir.join("o");
    let o = pseudonymise(&input, &out, KEY, &[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let r = json(&out.join("export-rapport.json"));
    assert_eq!(
        r["counts"]["numanonymant-set-equal"], 300,
        "counts stay the rows"
    );
    let kept: Vec<&Value> = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "numanonymant-set-equal")
        .collect();
    assert_eq!(kept.len(), 1, "once");
    assert!(kept[0]["row"].is_null());
    assert!(kept[0]["message"]
        .as_str()
        .expect("message")
        .starts_with("Constat présent sur 300 des 300 enregistrements"));
    assert_eq!(r["findings_truncated"], false);
    let csv = fs::read_to_string(out.join("export-constats.csv")).expect("csv");
    assert_eq!(csv.matches(";numanonymant-set-equal;").count(), 1);
    // Below 100 rows, one per row as before.
    let small = Table::generated(60, 14, 0.0, true).write(&dir.join("petit.csv"));
    let out = dir.join("p");
    let o = pseudonymise(&small, &out, KEY, &[]);
    assert_eq!(o.status.code(), Some(0));
    let csv = fs::read_to_string(out.join("petit-constats.csv")).expect("csv");
    assert_eq!(csv.matches(";numanonymant-set-equal;").count(), 60);
    let _ = fs::remove_dir_all(&dir);
}

/// Words of at least four characters in `hay`, lowercased (a value found as a word).
fn words(hay: &str) -> BTreeSet<String> {
    hay.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '_')
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn the_corrections_list_holds_the_case_number_and_nothing_else_does() {
    let dir = tmpdir("corrections");
    let mut t = Table::generated(500, 15, 0.1, true);
    // A few rows with the first name missing (NUMDO stands in: a finding on them).
    let p = t.col("PRENOM");
    for row in t.rows.iter_mut().step_by(45) {
        row[p].clear();
    }
    let input = t.write(&dir.join("export.csv"));
    let numdo = t.col("NUMDO");
    let by_row: Vec<String> = t.rows.iter().map(|r| r[numdo].clone()).collect();
    let secrets = |names: &[&str]| -> BTreeSet<String> {
        let cols: Vec<usize> = names.iter().map(|n| t.col(n)).collect();
        t.rows
            .iter()
            .flat_map(|r| cols.iter().map(|&c| r[c].trim().to_lowercase()))
            .filter(|v| v.chars().count() >= 4)
            .collect()
    };
    let names = secrets(&["PRENOM", "NOMMERE"]);
    let numdos = secrets(&["NUMDO"]);
    assert!(
        names.len() > 50 && numdos.len() > 50,
        "the test needs values"
    );

    // check --corrections and pseudonymise --corrections.
    let corr_check = dir.join("corrections-check.csv");
    let csv_check = dir.join("constats-check.csv");
    let (o, report) = check(
        &input,
        &[
            "--corrections",
            corr_check.to_str().expect("path"),
            "--findings-csv",
            csv_check.to_str().expect("path"),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let out = dir.join("o");
    let o = pseudonymise(&input, &out, KEY, &["--corrections"]);
    assert_ne!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let corr_pseudo = out.join("export-corrections-interne.csv");
    let recu = json(&out.join("export-recu.json"));
    assert_eq!(
        recu["internal"][0]["file"],
        "export-corrections-interne.csv"
    );
    assert!(!recu["outputs"]
        .as_array()
        .expect("outputs")
        .iter()
        .any(|o| o["file"] == "export-corrections-interne.csv"));

    for (corr, findings) in [
        (&corr_check, csv_check.clone()),
        (&corr_pseudo, out.join("export-constats.csv")),
    ] {
        let bytes = fs::read(corr).expect("corrections");
        assert!(bytes.starts_with(
            b"\xEF\xBB\xBFdossier;enregistrement;ligne;gravite;code;titre;variable;section;message\r\n"
        ));
        let text = String::from_utf8(bytes).expect("UTF-8");
        let list = fs::read_to_string(&findings).expect("findings csv");
        // The same findings, in the same order, each with its record's case number.
        let lines: Vec<&str> = text.lines().skip(1).collect();
        let plain: Vec<&str> = list.lines().skip(1).collect();
        assert_eq!(lines.len(), plain.len());
        let mut with_dossier = 0;
        for (l, f) in lines.iter().zip(&plain) {
            let (dossier, rest) = l.split_once(';').expect("dossier column");
            assert_eq!(rest, *f, "the findings CSV's line after the dossier");
            let row = rest.split(';').next().unwrap_or("");
            match row.parse::<usize>() {
                Ok(r) => {
                    assert_eq!(dossier, by_row[r - 1], "record {r}");
                    with_dossier += usize::from(!dossier.is_empty());
                }
                Err(_) => assert!(dossier.is_empty(), "a file-level finding has none"),
            }
        }
        assert!(with_dossier > 20, "case numbers are there");
        let w = words(&text);
        for v in &names {
            assert!(!w.contains(v), "a name in {corr:?}");
        }
        assert!(!text.contains("JNAIS;") && !text.to_lowercase().contains("<jnais>"));
    }

    // No other output made for reading holds a case number (nor a name).
    let mut others: Vec<(String, String)> = fs::read_dir(&out)
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name() != "export-corrections-interne.csv")
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read_to_string(e.path()).expect("text"),
            )
        })
        .collect();
    others.push(("check report".into(), report.to_string()));
    others.push((
        "check findings CSV".into(),
        fs::read_to_string(&csv_check).expect("csv"),
    ));
    others.push((
        "stderr".into(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    ));
    for (name, hay) in &others {
        let w = words(hay);
        for v in numdos.iter().chain(&names) {
            assert!(!w.contains(v), "an identity value in {name}");
        }
    }
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn rehash_has_its_verdict_too() {
    let dir = tmpdir("rehash");
    let mut t = Table::generated(50, 16, 0.0, false);
    let c = t.col("NUMANONYM");
    t.rows[3][c] = "pas-un-identifiant".into();
    let input = t.write(&dir.join("recu.csv"));
    let key = dir.join("cle-obs.txt");
    fs::write(&key, "CLE_OBS_TEST\n").expect("key");
    let run = |input: &Path, out: &str| {
        bin()
            .arg("rehash")
            .arg(input)
            .arg("--key-file")
            .arg(&key)
            .arg("--out")
            .arg(dir.join(out))
            .output()
            .expect("run")
    };
    let o = run(&input, "bad.csv");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("Verdict du re-hachage : bloquant — 1 identifiant(s) reçu(s)"),
        "{err}"
    );
    let clean = Table::generated(50, 16, 0.0, false).write(&dir.join("propre.csv"));
    let o = run(&clean, "ok.csv");
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr)
        .starts_with("Verdict du re-hachage : transmissible — aucune anomalie."));
    let _ = fs::remove_dir_all(&dir);
}
