//! The stated limits (docs/limits.md): maximum field length, column count and input size are
//! engine options; each is accepted exactly at its value and refused one past it, with a
//! French message naming the limit (and the line where there is one), in every mode and
//! whatever the chunk size.

use olinpe::engine::{Engine, EngineError, LimitOptions, Mode, Options};
use olinpe::pseudo::Key;

// Nominative, so that `pseudonymise` does not refuse it (docs/spec/OLINPE.md §0.1).
const HEADER: &str = "PRENOM;NOMMERE;NUMDEP;NUMANONYM;NUMANONYMANT;TYPEV;SEXE;ANAIS;MNAIS;\
                      DECISION;NATPDECADM;AUTREDA;DATDECPE;DATDEB";

/// The identity elements of a nominative XML record.
const ID: &str =
    "<ANAIS>2010</ANAIS><MNAIS>05</MNAIS><PRENOM>Lea</PRENOM><NOMMERE>Martin</NOMMERE>";

fn row(autreda: &str) -> String {
    let id = "0123456789abcdef0123456789abcdef01234567";
    format!("Lea;Martin;75;{id};{id};1;1;2010;05;1;18;{autreda};2018-03-01;2018-03-15")
}

fn options(mode: Mode, limits: LimitOptions) -> Options {
    Options {
        mode,
        input_name: "limites.csv".into(),
        limits,
        date_export: (mode == Mode::Pseudonymise).then(|| "2019-03-01".to_string()),
        ..Options::default()
    }
}

/// Runs the engine in `mode`; `Ok(rows)` or the error.
fn run(mode: Mode, limits: LimitOptions, data: &[u8], chunk: usize) -> Result<u64, EngineError> {
    let key = (mode != Mode::Check).then(|| Key::from_env_value("CLE_DE_TEST").expect("key"));
    let mut e = Engine::new(options(mode, limits), key)?;
    for c in data.chunks(chunk) {
        e.push(c)?;
        e.drain_output();
    }
    Ok(e.finish()?.report.input.rows)
}

/// The same verdict in every mode and for several chunk sizes.
fn verdict(limits: LimitOptions, data: &[u8]) -> Result<u64, EngineError> {
    let first = run(Mode::Check, limits, data, data.len().max(1));
    for mode in [Mode::Check, Mode::Pseudonymise, Mode::Rehash] {
        for chunk in [1, 7, 4096, data.len().max(1)] {
            let r = run(mode, limits, data, chunk);
            match (&first, &r) {
                (Ok(_), Ok(_)) => {}
                (Err(a), Err(b)) => assert_eq!(a.code(), b.code(), "{mode:?}, chunks of {chunk}"),
                _ => panic!("{mode:?}, chunks of {chunk}: {first:?} vs {r:?}"),
            }
        }
    }
    first
}

fn limits(field: usize, columns: usize, file: u64) -> LimitOptions {
    LimitOptions {
        max_field_bytes: field,
        max_columns: columns,
        max_file_bytes: file,
        ..LimitOptions::default()
    }
}

#[test]
fn defaults_are_the_documented_ones() {
    let d = LimitOptions::default();
    assert_eq!(
        d.max_field_bytes,
        64 * 1024,
        "docs/limits.md: 64 Kio par champ"
    );
    assert_eq!(d.max_columns, 2000, "docs/limits.md: 2 000 colonnes");
    assert_eq!(
        d.max_file_bytes, 0,
        "docs/limits.md: pas de limite de taille par défaut"
    );
}

#[test]
fn file_size_at_and_just_past_the_limit() {
    let data = format!("{HEADER}\n{}\n", row("x")).into_bytes();
    let n = data.len() as u64;
    let d = LimitOptions::default();
    // At the limit: read. One byte past: refused, whatever the chunk size and mode.
    for mode in [Mode::Check, Mode::Pseudonymise, Mode::Rehash] {
        for chunk in [1, 5, data.len()] {
            let at = run(
                mode,
                limits(d.max_field_bytes, d.max_columns, n),
                &data,
                chunk,
            );
            assert!(at.is_ok(), "{mode:?} {chunk}: {at:?}");
            let past = run(
                mode,
                limits(d.max_field_bytes, d.max_columns, n - 1),
                &data,
                chunk,
            )
            .expect_err("one byte past the limit");
            assert_eq!(past.code(), "limit-file-size");
            assert!(
                past.message().contains(&(n - 1).to_string()),
                "the message states the limit: {}",
                past.message()
            );
        }
    }
}

#[test]
fn field_length_at_and_just_past_the_limit() {
    let d = LimitOptions::default();
    let at = format!("{HEADER}\n{}\n", row(&"a".repeat(50)));
    assert_eq!(
        verdict(limits(50, d.max_columns, 0), at.as_bytes()).ok(),
        Some(1)
    );
    let past = format!("{HEADER}\n{}\n", row(&"a".repeat(51)));
    let e = verdict(limits(50, d.max_columns, 0), past.as_bytes()).expect_err("51 > 50");
    assert_eq!(e.code(), "limit-field-length");
    assert!(e.message().contains("50"), "{}", e.message());
    assert!(e.message().contains("ligne 2"), "{}", e.message());
    // The same in XML (element text).
    let xml = |n: usize| {
        format!(
            "<?xml version=\"1.0\"?>\n<DECRET><INTRO><VERSIONXSD>2.0</VERSIONXSD></INTRO>\n\
             <DONNEE><AUTREDA>{}</AUTREDA><TYPEV>1</TYPEV>{ID}</DONNEE>\n</DECRET>\n",
            "a".repeat(n)
        )
    };
    assert!(verdict(limits(50, d.max_columns, 0), xml(50).as_bytes()).is_ok());
    let e = verdict(limits(50, d.max_columns, 0), xml(51).as_bytes()).expect_err("51 > 50");
    assert_eq!(e.code(), "limit-field-length");
}

#[test]
fn column_count_at_and_just_past_the_limit() {
    let d = LimitOptions::default();
    let cols = HEADER.split(';').count();
    let data = format!("{HEADER}\n{}\n", row("x"));
    assert_eq!(
        verdict(limits(d.max_field_bytes, cols, 0), data.as_bytes()).ok(),
        Some(1)
    );
    let e = verdict(limits(d.max_field_bytes, cols - 1, 0), data.as_bytes())
        .expect_err("one column too many");
    assert_eq!(e.code(), "limit-columns");
    assert!(
        e.message().contains(&(cols - 1).to_string()),
        "{}",
        e.message()
    );
    assert!(e.message().contains("ligne 1"), "{}", e.message());
    // A record with more fields than the limit is refused too (not only the header).
    let wide = format!("{HEADER}\n{};x;y\n", row("x"));
    let e = verdict(limits(d.max_field_bytes, cols + 1, 0), wide.as_bytes())
        .expect_err("a record past the column limit");
    assert_eq!(e.code(), "limit-columns");
    assert!(e.message().contains("ligne 2"), "{}", e.message());
}

#[test]
fn record_length_and_xml_depth_at_and_just_past_the_limit() {
    // Record length: the bytes of all the fields of one CSV record (separators and quotes
    // not counted).
    let line = row("x");
    let data = format!("{HEADER}\n{line}\n");
    let field_bytes = line.len() - line.matches(';').count();
    let mut l = LimitOptions {
        max_record_bytes: field_bytes,
        ..LimitOptions::default()
    };
    assert_eq!(
        verdict(l, data.as_bytes()).ok(),
        Some(1),
        "exactly at the limit"
    );
    l.max_record_bytes = field_bytes - 1;
    let e = verdict(l, data.as_bytes()).expect_err("one byte past the limit");
    assert_eq!(e.code(), "limit-record-length");
    assert!(e.message().contains("ligne 2"), "{}", e.message());
    // XML depth: DECRET/DONNEE/VARIABLE is 3 levels.
    let xml = |extra: usize| {
        format!(
            "<?xml version=\"1.0\"?>\n<DECRET><INTRO><VERSIONXSD>2.0</VERSIONXSD></INTRO>\n\
             <DONNEE><TYPEV>1</TYPEV>{ID}{}{}</DONNEE>\n</DECRET>\n",
            "<X>".repeat(extra),
            "</X>".repeat(extra)
        )
    };
    let l = LimitOptions {
        max_xml_depth: 5,
        ..LimitOptions::default()
    };
    assert!(
        verdict(l, xml(3).as_bytes()).is_ok(),
        "5 levels within a limit of 5"
    );
    let e = verdict(l, xml(4).as_bytes()).expect_err("6 levels past a limit of 5");
    assert_eq!(e.code(), "limit-xml-depth");
    assert!(e.message().contains("5 niveaux"), "{}", e.message());
}
