//! The golden fixtures of the record rules' codes, run through `rules::record::check` alone
//! (no reader, no file rules): each `tests/fixtures/<code>/input.csv` must give exactly the
//! `row;code;variable` lines of its `expect.txt` for that code. `tests/golden.rs` runs the
//! same fixtures through the whole engine; this test pins the record rules' part of them.

use olinpe::dictionary::index_of;
use olinpe::finding::Code;
use olinpe::record::Record;
use olinpe::rules::record::check;
use olinpe::rules::registry::RULES;
use std::fs;
use std::path::Path;

#[test]
fn record_fixtures_give_their_expected_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut codes: Vec<Code> = RULES
        .iter()
        .filter(|r| r.id.starts_with("record."))
        .flat_map(|r| r.codes.iter().copied())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let mut failures = Vec::new();
    for code in &codes {
        let dir = root.join(code.as_str());
        let input = fs::read_to_string(dir.join("input.csv"))
            .unwrap_or_else(|_| panic!("{code}: no tests/fixtures/{code}/input.csv"));
        let expected: Vec<String> = fs::read_to_string(dir.join("expect.txt"))
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect();
        let mut lines = input.lines();
        let header: Vec<usize> = lines
            .next()
            .expect("header")
            .split(';')
            .map(|h| index_of(h).unwrap_or_else(|| panic!("{code}: unknown column {h}")))
            .collect();
        let mut got = Vec::new();
        for (n, line) in lines.enumerate() {
            let mut rec = Record::new();
            rec.row = n as u64 + 1;
            rec.line = n as u64 + 2;
            for (&i, v) in header.iter().zip(line.split(';')) {
                rec.set(i, v);
            }
            let mut out = Vec::new();
            check(&rec, &mut out);
            out.sort_by(|a, b| a.variable.cmp(&b.variable));
            for f in out.iter().filter(|f| f.code == *code) {
                got.push(format!(
                    "{};{};{}",
                    rec.row,
                    f.code,
                    f.variable.as_deref().unwrap_or("")
                ));
            }
        }
        if got != expected {
            failures.push(format!("{code}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
