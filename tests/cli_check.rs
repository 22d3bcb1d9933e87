//! `olinpe check`, `rehash` and `generate` from the command line: exit statuses, the report's
//! key order, the findings CSV, and the published level-2 vector through `rehash`.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_olinpe"));
    c.env_remove("OLINPE_KEY");
    c
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("olinpe-check-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).expect("tmp dir");
    d
}

fn generate(dir: &std::path::Path, extra: &[&str]) -> PathBuf {
    let f = dir.join("g.csv");
    let o = bin()
        .args(["generate", "--out"])
        .arg(&f)
        .args(extra)
        .output()
        .expect("run");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    f
}

#[test]
fn exit_statuses_report_keys_and_findings_csv() {
    let dir = tmpdir("a");
    let clean = generate(&dir, &["--rows", "300", "--seed", "4"]);
    let o = bin().arg("check").arg(&clean).output().expect("run");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.starts_with("Verdict : Peut être transmis (transmissible)\n"),
        "{out}"
    );

    let bad = generate(
        &dir,
        &["--rows", "300", "--seed", "4", "--error-rate", "0.2"],
    );
    let csv = dir.join("constats.csv");
    let o = bin()
        .arg("check")
        .arg(&bad)
        .args(["--format", "json", "--max-findings", "5", "--findings-csv"])
        .arg(&csv)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8(o.stdout).expect("UTF-8");
    assert!(text.ends_with("}\n") && text.starts_with("{\n  \"tool\""));
    let keys = [
        "\"tool\"",
        "\"dictionary\"",
        "\"input\"",
        "\"reference_year\"",
        "\"young_people\"",
        "\"typev\"",
        "\"variables\"",
        "\"audit\"",
        "\"counts\"",
        "\"findings\"",
        "\"findings_total\"",
        "\"findings_truncated\"",
        "\"verdict\"",
        "\"priorities\"",
    ];
    let positions: Vec<usize> = keys
        .iter()
        .map(|k| {
            text.find(&format!("\n  {k}"))
                .unwrap_or_else(|| panic!("{k}"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "key order");
    let report: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(report["findings"].as_array().expect("findings").len(), 5);
    assert_eq!(report["findings_truncated"], true);
    let total = report["findings_total"].as_u64().expect("total");
    let bytes = fs::read(&csv).expect("csv");
    assert!(bytes.starts_with(
        b"\xEF\xBB\xBFenregistrement;ligne;gravite;code;titre;variable;section;message\r\n"
    ));
    let lines = String::from_utf8(bytes).expect("UTF-8").lines().count() as u64;
    assert_eq!(lines, total + 1, "every finding in the CSV, uncapped");
    assert_eq!(
        report["typev"]
            .as_object()
            .expect("typev")
            .keys()
            .collect::<Vec<_>>(),
        ["1", "2", "3"]
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn unreadable_inputs_exit_2_with_a_french_message() {
    let dir = tmpdir("b");
    let empty = dir.join("vide.csv");
    fs::write(&empty, b"").expect("write");
    let o = bin().arg("check").arg(&empty).output().expect("run");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("olinpe : ") && err.lines().count() <= 2,
        "{err}"
    );
    let o = bin()
        .args(["check", "--format", "pdf", "x.csv"])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2));
    let o = bin().args(["frobnicate"]).output().expect("run");
    assert_eq!(o.status.code(), Some(2));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn rehash_reproduces_the_published_level_2_vectors() {
    let dir = tmpdir("c");
    let input = dir.join("recu.csv");
    // docs/spec/OLINPE.md §3.3: the first level-1 vector, lowercase then uppercase; one malformed id.
    let id = "877aa93ef312e68eb9f8fac5dc5e88d68e95f75a";
    fs::write(
        &input,
        format!(
            "NUMANONYM;NUMANONYMANT;TYPEV\n{id};{id};1\n{};;2\nabc;;3\n",
            id.to_uppercase()
        ),
    )
    .expect("write");
    let key = dir.join("cle2.txt");
    fs::write(&key, "CLE_OBS_TEST\n").expect("key");
    let out = dir.join("rehache.csv");
    let o = bin()
        .arg("rehash")
        .arg(&input)
        .arg("--key-file")
        .arg(&key)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1), "a malformed identifier gives 1");
    let text = fs::read_to_string(&out).expect("out");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "NUMANONYM;NUMANONYMANT;TYPEV");
    assert!(lines[1].starts_with(
        "1a6f73602689d2c7ec84da57c18208ebb45a6c3e;1a6f73602689d2c7ec84da57c18208ebb45a6c3e;1"
    ));
    assert!(lines[2].starts_with("80c92ad3b35ac9b53a8af3e5e73449d7a344a42e;;2"));
    assert_eq!(lines.len(), 4);
    let recu: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("rehache-recu.json")).expect("recu"))
            .expect("json");
    assert_eq!(recu["rows"]["read"], 3);
    assert_eq!(recu["rows"]["written"], 3);
    assert_eq!(recu["malformed"][0]["row"], 3);
    let _ = fs::remove_dir_all(&dir);
}

/// `generate --numdep --date-export --utdp`: the département, no date after the export date,
/// the ODPE column; bad values are refused with a French message and status 2.
#[test]
fn generate_options_numdep_export_date_utdp() {
    let dir = tmpdir("genopts");
    let f = generate(
        &dir,
        &[
            "--rows",
            "300",
            "--seed",
            "4",
            "--numdep",
            "2A",
            "--date-export",
            "2019-02-15",
            "--utdp",
        ],
    );
    let text = fs::read_to_string(&f).expect("generated");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(';').collect();
    assert!(header.contains(&"UTDP"));
    let numdep = header.iter().position(|h| *h == "NUMDEP").expect("NUMDEP");
    let mut rows = 0;
    let mut dates = 0;
    for line in lines {
        let cells: Vec<&str> = line.split(';').collect();
        assert_eq!(cells[numdep], "2A");
        // Every known full date of the file is on or before the export date.
        for c in cells
            .iter()
            .filter(|c| c.len() == 10 && c.as_bytes()[4] == b'-')
        {
            if !c.contains("-99") && !c.starts_with("9999") {
                assert!(*c <= "2019-02-15", "{c}");
                dates += 1;
            }
        }
        rows += 1;
    }
    assert_eq!(rows, 300);
    assert!(dates > 300, "{dates}");
    for bad in [["--numdep", "20"], ["--date-export", "2019-02-30"]] {
        let o = bin()
            .args(["generate", "--rows", "5", "--seed", "1", "--out"])
            .arg(dir.join("x.csv"))
            .args(bad)
            .output()
            .expect("run");
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("date") || err.contains("département"), "{err}");
    }
    let _ = fs::remove_dir_all(&dir);
}

/// Issue 13, items 2 and 6: the text summary gives the decisions per DATDECPE year and the
/// minors / young adults, and says where the ONPE's own audit will count differently —
/// also for a section our count leaves green (0032: a decision not yet started) — and when
/// an analysis is impossible.
#[test]
fn text_shows_population_and_onpe_counts_even_for_green_sections() {
    let out = Command::new(env!("CARGO_BIN_EXE_olinpe"))
        .args(["check", "tests/fixtures/audit/guide-2026.xml"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.contains("Décisions par année de DATDECPE (jeunes) : 2018 : 7 (5)"),
        "{text}"
    );
    assert!(
        text.contains("Jeunes : 4 mineur(s) et 1 jeune(s) majeur(s)"),
        "{text}"
    );
    assert!(
        text.contains("L'audit de l'ONPE comptera 1 enregistrement(s) dans la section 0032 (Date de début absente), mais la règle du guide n'en trouve aucun"),
        "{text}"
    );
    assert!(
        text.contains("[orange] 0046 ACCMOD absent : analyse impossible"),
        "{text}"
    );
}
