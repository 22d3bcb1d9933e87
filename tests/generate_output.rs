//! The generator's output: determinism, streaming, shape, manifest and samples.
//! These tests read the bytes back with their own small parser; they never call the rules.

use olinpe::finding::Code;
use olinpe::generate::{generate_to_vec, GenOptions, Generator, Manifest, Sample, CODES};

fn opts(rows: u64, seed: u64, error_rate: f64) -> GenOptions {
    GenOptions {
        rows,
        seed,
        error_rate,
        ..GenOptions::default()
    }
}

fn lines(bytes: &[u8]) -> Vec<&str> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    assert!(text.ends_with('\n'), "final LF");
    assert!(!text.contains('\r'), "LF line ends only");
    text[..text.len() - 1].split('\n').collect()
}

#[test]
fn same_seed_same_bytes_and_different_seed_different_bytes() {
    let a = generate_to_vec(&opts(400, 7, 0.1));
    let b = generate_to_vec(&opts(400, 7, 0.1));
    assert_eq!(a.0, b.0);
    assert_eq!(a.1, b.1);
    let c = generate_to_vec(&opts(400, 8, 0.1));
    assert_ne!(a.0, c.0);
    // The data rows differ, not only the planted ones.
    let (la, lc) = (lines(&a.0), lines(&c.0));
    let same = la
        .iter()
        .skip(1)
        .zip(lc.iter().skip(1))
        .filter(|(x, y)| x == y)
        .count();
    assert_eq!(same, 0);
}

#[test]
fn streaming_equals_one_shot() {
    let o = opts(777, 3, 0.08);
    let (whole, manifest) = generate_to_vec(&o);
    for chunk in [1usize, 2, 13, 500, 10_000] {
        let mut g = Generator::new(o.clone());
        let mut streamed = g.header();
        loop {
            let part = g.write_chunk(chunk);
            if part.is_empty() {
                break;
            }
            streamed.extend_from_slice(&part);
        }
        assert!(g.is_done());
        assert_eq!(streamed, whole, "chunk {chunk}");
        assert_eq!(g.manifest(), &manifest);
    }
    let mut g = Generator::new(o);
    let mut row_by_row = g.header();
    let mut n = 0;
    while g.next_row(&mut row_by_row) {
        n += 1;
    }
    assert_eq!(n, 777);
    assert_eq!(row_by_row, whole);
    assert!(!g.next_row(&mut row_by_row), "nothing after the end");
}

#[test]
fn header_and_field_counts() {
    let (bytes, _) = generate_to_vec(&opts(300, 11, 0.1));
    let ls = lines(&bytes);
    assert_eq!(ls.len(), 301);
    assert_eq!(ls[0], CODES.join(";"));
    let (_, m) = generate_to_vec(&opts(300, 11, 0.1));
    let extra: Vec<u64> = m
        .planted
        .iter()
        .filter(|p| p.code == Code::FieldCount)
        .map(|p| p.row)
        .collect();
    for (i, l) in ls.iter().enumerate() {
        // Line i is data row i (line 0 is the header); a planted field-count adds one field.
        let n = if extra.contains(&(i as u64)) {
            106
        } else {
            105
        };
        assert_eq!(l.split(';').count(), n, "line {}", i + 1);
        assert!(!l.contains('"'));
    }
    let nominative = GenOptions {
        nominative: true,
        ..opts(300, 11, 0.1)
    };
    let (bytes, _) = generate_to_vec(&nominative);
    let ls = lines(&bytes);
    assert_eq!(
        ls[0],
        format!("{};PRENOM;NOMMERE;JNAIS;NUMDO", CODES.join(";"))
    );
    for l in &ls[1..] {
        let f: Vec<&str> = l.split(';').collect();
        assert!(f.len() == 109 || (f.len() == 110 && f[109].is_empty()));
        assert_eq!(f[74], "", "NUMANONYM left to the pseudonymiser");
        assert_eq!(f[75], "", "NUMANONYMANT left to the pseudonymiser");
        assert!(!f[105].is_empty() && !f[106].is_empty());
        let day: u32 = f[107].parse().unwrap();
        assert!((1..=31).contains(&day) && f[107].len() == 2);
        assert!(!f[108].is_empty());
    }
}

fn check_manifest(m: &Manifest, rows: u64) {
    assert_eq!(m.rows, rows);
    let mut last = 0;
    for p in &m.planted {
        assert!(
            p.row >= 1 && p.row <= rows,
            "row {} outside 1..={rows}",
            p.row
        );
        assert!(p.row >= last, "manifest sorted by row");
        last = p.row;
        if let Some(v) = p.variable {
            assert!(CODES.contains(&v), "{v}");
        }
        assert!(p.rule.starts_with('§'));
    }
    let distinct: std::collections::BTreeSet<u64> = m.planted.iter().map(|p| p.row).collect();
    assert_eq!(distinct.len() as u64, m.planted_rows);
}

#[test]
fn manifest_rows_in_range_and_count_follows_the_rate() {
    for (rate, seed) in [(0.02, 1u64), (0.05, 2), (0.2, 3)] {
        let (_, m) = generate_to_vec(&opts(5_000, seed, rate));
        check_manifest(&m, 5_000);
        let expected = rate * 5_000.0;
        let got = m.planted_rows as f64;
        assert!(
            (got - expected).abs() <= 4.0 * expected.sqrt() + 2.0,
            "rate {rate}: {got} planted rows, expected about {expected}"
        );
    }
    let (_, m) = generate_to_vec(&opts(2_000, 5, 0.0));
    assert!(m.planted.is_empty());
    assert_eq!(m.planted_rows, 0);
}

#[test]
fn every_plant_kind_appears_in_a_few_thousand_rows() {
    let (_, m) = generate_to_vec(&opts(3_000, 9, 0.1));
    let kinds: std::collections::BTreeSet<&str> = m.planted.iter().map(|p| p.plant).collect();
    for k in olinpe::generate::plant::ALL {
        assert!(
            kinds.contains(k.name()),
            "plant kind {} never used",
            k.name()
        );
    }
}

#[test]
fn samples_have_their_sizes_and_blocking_errors() {
    // Codes of severity "error" in the catalogue.
    const BLOCKING: &[Code] = &[
        Code::InvalidCode,
        Code::InvalidFormat,
        Code::IdentifierInvalid,
        Code::LegacyCode,
        Code::MandatoryMissing,
        Code::ImperativeDateMissing,
        Code::DatfinWrongTypev,
        Code::CascadeMissing,
        Code::BirthAfterEvent,
        Code::IdentityInconsistent,
    ];
    for (sample, rows) in [(Sample::Small, 200u64), (Sample::Medium, 5_000)] {
        let o = sample.options();
        assert_eq!(o.rows, rows);
        let (bytes, m) = generate_to_vec(&o);
        assert_eq!(lines(&bytes).len() as u64, rows + 1);
        check_manifest(&m, rows);
        let blocking = m
            .planted
            .iter()
            .filter(|p| BLOCKING.contains(&p.code))
            .count();
        assert!(blocking >= 5, "{sample:?}: {blocking} blocking plants");
    }
    assert_eq!(Sample::Large.options().rows, 100_000);
    assert_eq!(Sample::from_name("medium"), Some(Sample::Medium));
    assert_eq!(Sample::from_name("huge"), None);
}

#[test]
fn options_are_validated() {
    assert!(opts(10, 1, 0.5).validate().is_ok());
    assert!(opts(10, 1, 1.5).validate().is_err());
    assert!(opts(10, 1, f64::NAN).validate().is_err());
    let bad_year = GenOptions {
        reference_year: 1800,
        ..opts(10, 1, 0.0)
    };
    assert!(bad_year.validate().is_err());
    let bad_export = GenOptions {
        date_export: Some((2018, 2, 30)),
        ..opts(10, 1, 0.0)
    };
    assert!(bad_export.validate().is_err());
    // Clamped rather than refused by the generator itself.
    let (bytes, m) = generate_to_vec(&opts(20, 1, 7.0));
    assert_eq!(lines(&bytes).len(), 21);
    // Every row is drawn; a drawn duplicate leaves its original clean.
    assert!(m.planted_rows >= 10, "{}", m.planted_rows);
}

#[test]
fn manifest_json_shape() {
    let (_, m) = generate_to_vec(&opts(100, 4, 0.3));
    let json: serde_json::Value = serde_json::from_slice(&m.to_json()).unwrap();
    assert_eq!(json["seed"], 4);
    assert_eq!(json["rows"], 100);
    let first = &json["planted"][0];
    for key in ["row", "variable", "code", "rule", "plant"] {
        assert!(first.get(key).is_some(), "{key}");
    }
}

#[test]
fn tiny_files_list_their_file_level_findings() {
    let codes = |rows: u64, rate: f64| -> Vec<Code> {
        let (bytes, m) = generate_to_vec(&opts(rows, 6, rate));
        assert_eq!(lines(&bytes).len() as u64, rows + 1);
        m.file_level.iter().map(|f| f.code).collect()
    };
    assert_eq!(codes(0, 0.0), [Code::NoRecords]);
    assert_eq!(codes(1, 0.0), [Code::TypevAbsent]);
    assert_eq!(codes(2, 0.0), [Code::TypevAbsent]);
    // Opening, renewal and end come first: from three clean rows on, nothing is expected.
    assert!(codes(3, 0.0).is_empty());
    assert!(codes(300, 0.3).is_empty());
}

#[test]
fn utdp_column_for_the_odpe_variant() {
    let o = GenOptions {
        utdp: true,
        ..opts(200, 12, 0.0)
    };
    let (bytes, _) = generate_to_vec(&o);
    let ls = lines(&bytes);
    let header: Vec<&str> = ls[0].split(';').collect();
    assert_eq!(header.len(), 106);
    let at = header.iter().position(|c| *c == "UTDP").unwrap();
    assert_eq!(
        (header[at - 1], header[at + 1]),
        ("TYPINTERDOM", "VIOLCONJ")
    );
    for l in &ls[1..] {
        let f: Vec<&str> = l.split(';').collect();
        assert_eq!(f.len(), 106);
        assert_eq!(f[at].chars().count(), 3);
    }
    // Without the option, the same seed gives the same rows minus that column.
    let (plain, _) = generate_to_vec(&opts(200, 12, 0.0));
    for (a, b) in lines(&plain).iter().zip(&ls) {
        let mut f: Vec<&str> = b.split(';').collect();
        f.remove(at);
        assert_eq!(*a, f.join(";"));
    }
}
