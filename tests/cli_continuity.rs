//! `olinpe continuity` and `olinpe generate --years 2` from the command line: the pair and
//! its manifest, the continuity JSON on standard output (the library's bytes), the French
//! text, exit statuses 0 / 1 / 2 and the French message that says which file could not be
//! read.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn olinpe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_olinpe"))
        .env_remove("OLINPE_KEY")
        .args(args)
        .output()
        .expect("run olinpe")
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("olinpe-continuity-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).expect("tmp dir");
    d
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Generates a pair (first year `year`) into `dir`; returns the two files.
fn pair(dir: &Path, seed: &str, year: &str) -> (PathBuf, PathBuf) {
    let (a, b, m) = (
        dir.join(format!("cd-{year}.csv")),
        dir.join(format!("cd-{year}-suivante.csv")),
        dir.join(format!("manifeste-{year}.json")),
    );
    let o = olinpe(&[
        "generate",
        "--years",
        "2",
        "--rows",
        "400",
        "--seed",
        seed,
        "--year",
        year,
        "--numdep",
        "35",
        "--out",
        s(&a),
        "--out-next",
        s(&b),
        "--manifest",
        s(&m),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("défauts de continuité plantés"));
    (a, b)
}

#[test]
fn a_generated_pair_through_the_command_line() {
    let dir = tmpdir("pair");
    let (a, b) = pair(&dir, "9", "2020");
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("manifeste-2020.json")).expect("manifest"))
            .expect("JSON");
    assert_eq!(manifest["years"], serde_json::json!([2020, 2021]));
    assert_eq!(manifest["numdep"], "35");

    let o = olinpe(&["continuity", s(&a), s(&b), "--format", "json"]);
    // The planted defects make it « à vérifier »: exit status 0.
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(json["verdict"]["level"], "a_verifier");
    assert_eq!(json["current"]["reference_year"], 2021);
    assert_eq!(
        json["previous"]["name"], "cd-2020.csv",
        "a base name, no folder"
    );
    let e = &manifest["expected"];
    assert_eq!(json["chaining"]["found"], e["found"]);
    assert_eq!(json["open_measures"]["silent_overdue"], e["silent_overdue"]);
    assert_eq!(json["ends_without_opening"], e["ends_without_opening"]);
    assert!(!text(&o.stdout).contains(s(&dir)), "no path in the JSON");

    // The library gives the same bytes (the page's download is checked against it too).
    let mut job = olinpe::session::ContinuityJob::new(
        olinpe::continuity::Options {
            previous_name: "cd-2020.csv".into(),
            current_name: "cd-2020-suivante.csv".into(),
            ..Default::default()
        },
        false,
    )
    .expect("options");
    job.push_previous(&fs::read(&a).expect("read"))
        .expect("push");
    job.finish_previous().expect("finish");
    job.push_current(&fs::read(&b).expect("read"))
        .expect("push");
    let out = job.finish().expect("finish");
    assert_eq!(out.bytes, o.stdout);
    assert_eq!(job.name(), "cd-2020-suivante-continuite.json");

    let t = olinpe(&["continuity", s(&a), s(&b)]);
    assert_eq!(t.status.code(), Some(0));
    let t = text(&t.stdout);
    assert!(
        t.contains("Avis de continuité : À vérifier avant de transmettre"),
        "{t}"
    );
    assert!(t.contains("Chaînage : "));
    assert!(t.contains("[continuity-silent-overdue]"));

    // --max-findings caps the JSON's findings, the counts stay exact.
    let o = olinpe(&[
        "continuity",
        s(&a),
        s(&b),
        "--format",
        "json",
        "--max-findings",
        "3",
    ]);
    let capped: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(capped["findings"].as_array().map(Vec::len), Some(3));
    assert_eq!(capped["findings_total"], json["findings_total"]);
    assert_eq!(capped["findings_truncated"], true);
}

#[test]
fn blocking_pairs_exit_1() {
    let dir = tmpdir("bloquant");
    let (a, b) = pair(&dir, "3", "2018");
    // The same year twice.
    let o = olinpe(&["continuity", s(&a), s(&a), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(json["verdict"]["level"], "bloquant");
    assert_eq!(
        json["verdict"]["reasons"][0]["code"],
        "continuity-years-not-consecutive"
    );
    // Last year's file given second.
    let o = olinpe(&["continuity", s(&b), s(&a)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stdout).contains("Ne pas transmettre en l'état"));
    // --year puts this year's file in the right year.
    let o = olinpe(&["continuity", s(&a), s(&b), "--year", "2019"]);
    assert_eq!(o.status.code(), Some(0));
    let o = olinpe(&["continuity", s(&a), s(&b), "--year", "2020"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn unreadable_inputs_and_bad_options_exit_2() {
    let dir = tmpdir("erreurs");
    let (a, b) = pair(&dir, "5", "2018");
    let empty = dir.join("vide.csv");
    fs::write(&empty, b"").expect("write");
    let missing = dir.join("absent.csv");
    type Case<'a> = (Vec<&'a str>, &'a str);
    let cases: Vec<Case> = vec![
        (
            vec!["continuity", s(&empty), s(&b)],
            "le fichier de l'an dernier",
        ),
        (
            vec!["continuity", s(&a), s(&empty)],
            "le fichier de cette année",
        ),
        (
            vec!["continuity", s(&missing), s(&b)],
            "le fichier de l'an dernier",
        ),
        (vec!["continuity", s(&a)], "deux fichiers attendus"),
        (
            vec!["continuity", s(&a), s(&b), s(&a)],
            "argument inattendu",
        ),
        (
            vec!["continuity", s(&a), s(&b), "--format", "csv"],
            "--format attend text ou json",
        ),
        (
            vec!["continuity", s(&a), s(&b), "--year", "deux"],
            "valeur invalide pour --year",
        ),
        (
            vec![
                "generate", "--years", "2", "--rows", "300", "--seed", "1", "--out", "x.csv",
            ],
            "--out-next FICHIER est obligatoire",
        ),
        (
            vec![
                "generate", "--years", "3", "--rows", "300", "--seed", "1", "--out", "x.csv",
            ],
            "--years attend 1 ou 2",
        ),
        (
            vec![
                "generate",
                "--years",
                "2",
                "--rows",
                "300",
                "--seed",
                "1",
                "--error-rate",
                "0.1",
                "--out",
                "x.csv",
                "--out-next",
                "y.csv",
            ],
            "ne se combine pas",
        ),
        (
            vec![
                "generate",
                "--years",
                "2",
                "--rows",
                "50",
                "--seed",
                "1",
                "--out",
                "x.csv",
                "--out-next",
                "y.csv",
            ],
            "au moins 100 lignes",
        ),
        (
            vec![
                "generate",
                "--rows",
                "50",
                "--seed",
                "1",
                "--out",
                "x.csv",
                "--out-next",
                "y.csv",
            ],
            "--out-next ne s'emploie qu'avec --years 2",
        ),
    ];
    for (args, says) in cases {
        let o = olinpe(&args);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(err.starts_with("olinpe : "), "{err}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    // The unreadable file's own message follows the line that names it.
    let o = olinpe(&["continuity", s(&a), s(&empty)]);
    let err = text(&o.stderr);
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(err.contains("vide.csv"), "{err}");
}
