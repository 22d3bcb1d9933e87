//! Golden fixtures: one folder per finding code under `tests/fixtures/<code>/`, holding an
//! input (`input.csv`, `input.xml`, `input.xlsx` or `input.ods`), optional `options.txt`
//! (`year=2018`, `repair=1`, `map=FILE`, `sheet=NAME`,
//! `mode=pseudonymise` or `mode=rehash`, run with the dummy key `CLE_DE_TEST`) and
//! `expect.txt`: the expected `row;code;variable` lines of findings with that code (row empty
//! for file-level findings). The test runs the engine in check mode and compares, and checks
//! that the emitter filled every placeholder of the code's message template. With
//! `mode=continuity`, the folder also holds last year's file, `previous.csv`, and the
//! continuity check runs over both (`input.csv` is this year's); a row of last year's file is
//! written `previous:N`.
//!
//! Re-bless after an intended change: `OLINPE_BLESS=1 cargo test --test tests golden::`, then review
//! the diff of `tests/fixtures/*/expect.txt` before committing.

use olinpe::engine::{Engine, Mode, Options};
use olinpe::finding::{catalogue, Code};
use olinpe::pseudo::Key;
use std::fs;
use std::path::{Path, PathBuf};

/// The input of a fixture, by its format.
const INPUTS: [&str; 4] = ["input.csv", "input.xml", "input.xlsx", "input.ods"];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The continuity check over `previous.csv` and `input` (both fed in 37-byte chunks): the
/// `row;code;variable` lines of `code`.
fn run_continuity(dir: &Path, input: &Path, code: Code) -> Option<Vec<String>> {
    use olinpe::continuity::{Continuity, Options};
    let previous = fs::read(dir.join("previous.csv")).ok()?;
    let current = fs::read(input).ok()?;
    let mut c = Continuity::new(Options {
        previous_name: "previous.csv".into(),
        current_name: "input.csv".into(),
        max_findings: 100_000,
        ..Options::default()
    })
    .expect("options");
    for chunk in previous.chunks(37) {
        c.push_previous(chunk).expect("readable fixture");
    }
    c.finish_previous().expect("readable fixture");
    for chunk in current.chunks(37) {
        c.push_current(chunk).expect("readable fixture");
    }
    let outcome = c.finish().expect("readable fixture");
    let placeholders = placeholders(code.entry().template);
    let lines = outcome
        .report
        .findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| {
            for p in &placeholders {
                assert!(
                    !f.message.contains(p.as_str()),
                    "{code}: {p} left unfilled in {:?}",
                    f.message
                );
            }
            let row = f.row.map(|r| r.to_string()).unwrap_or_default();
            let row = match f.file {
                Some(file) => format!("{file}:{row}"),
                None => row,
            };
            format!(
                "{row};{};{}",
                f.code,
                f.variable.clone().unwrap_or_default()
            )
        })
        .collect();
    Some(lines)
}

fn run(dir: &Path) -> Option<(Code, Vec<String>)> {
    let code = Code::parse(dir.file_name()?.to_str()?)?;
    let input = INPUTS.iter().map(|n| dir.join(n)).find(|p| p.exists())?;
    let mut opts = Options {
        input_name: input.file_name()?.to_str()?.to_string(),
        max_findings: 100_000,
        ..Options::default()
    };
    if let Ok(o) = fs::read_to_string(dir.join("options.txt")) {
        for line in o.lines() {
            match line.trim().split_once('=') {
                Some(("year", y)) => opts.year = y.trim().parse().ok(),
                Some(("repair", v)) => opts.repair = v.trim() == "1",
                Some(("map", f)) => opts.map_file = fs::read_to_string(dir.join(f.trim())).ok(),
                Some(("sheet", n)) => opts.sheet = Some(n.trim().to_owned()),
                Some(("mode", "pseudonymise")) => opts.mode = Mode::Pseudonymise,
                Some(("mode", "rehash")) => opts.mode = Mode::Rehash,
                Some(("mode", "continuity")) => {
                    return Some((code, run_continuity(dir, &input, code)?));
                }
                _ => {}
            }
        }
    }
    let bytes = fs::read(&input).ok()?;
    // Dummy key only (docs/spec/OLINPE.md §3.3): never a real key in the repository.
    let key =
        (opts.mode != Mode::Check).then(|| Key::from_env_value("CLE_DE_TEST").expect("dummy key"));
    if opts.mode == Mode::Pseudonymise {
        opts.date_export = Some("2019-03-01".into());
    }
    let mut engine = Engine::new(opts, key).expect("options");
    // Odd chunk size on purpose: results must not depend on how the input is cut.
    for chunk in bytes.chunks(37) {
        engine.push(chunk).expect("readable fixture");
    }
    let finished = engine.finish().expect("readable fixture");
    let placeholders = placeholders(code.entry().template);
    let lines = finished
        .report
        .findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| {
            for p in &placeholders {
                assert!(
                    !f.message.contains(p.as_str()),
                    "{code}: {p} left unfilled in {:?}",
                    f.message
                );
            }
            format!(
                "{};{};{}",
                f.row.map(|r| r.to_string()).unwrap_or_default(),
                f.code,
                f.variable.clone().unwrap_or_default()
            )
        })
        .collect();
    Some((code, lines))
}

/// The `{name}` placeholders of a template.
fn placeholders(template: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        out.push(rest[start..start + end + 1].to_owned());
        rest = &rest[start + end + 1..];
    }
    out
}

#[test]
fn every_fixture_gives_its_expected_findings() {
    let bless = std::env::var_os("OLINPE_BLESS").is_some();
    let mut failures = Vec::new();
    let mut checked = 0;
    let Ok(entries) = fs::read_dir(fixtures()) else {
        return;
    };
    let mut dirs: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    dirs.sort();
    for dir in dirs {
        let Some((code, got)) = run(&dir) else {
            continue;
        };
        checked += 1;
        let expect_path = dir.join("expect.txt");
        if bless {
            let mut s = got.join("\n");
            s.push('\n');
            fs::write(&expect_path, s).expect("write expect.txt");
            continue;
        }
        let expected: Vec<String> = fs::read_to_string(&expect_path)
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect();
        if got.is_empty() {
            failures.push(format!("{code}: the fixture does not trigger its code"));
        } else if got != expected {
            failures.push(format!(
                "{code}:\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "golden mismatches:\n{}",
        failures.join("\n")
    );
    eprintln!("golden fixtures checked: {checked}");
}

#[test]
fn every_finding_code_has_a_fixture() {
    let missing: Vec<Code> = catalogue::all()
        .map(|e| e.code)
        .filter(|c| {
            let d = fixtures().join(c.as_str());
            !INPUTS.iter().any(|n| d.join(n).exists())
        })
        .collect();
    assert!(
        missing.is_empty(),
        "finding codes without a golden fixture in tests/fixtures/<code>/: {missing:?}"
    );
}
