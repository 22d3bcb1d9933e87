//! Regression tests for what the fuzz targets found (fuzz/, scripts/fuzz.sh), one per bug,
//! named after the target and the property that failed.

use olinpe::engine::{Engine, EngineError, FindingsCsvPass, Mode, Options};
use olinpe::finding::{Code, Finding};
use olinpe::read::{ReadOptions, Reader, Sink};
use olinpe::record::Record;

const HEADER: &str =
    "NUMDEP;NUMANONYM;NUMANONYMANT;TYPEV;SEXE;ANAIS;MNAIS;DECISION;NATPDECADM;AUTREDA;DATDECPE;DATDEB";

/// `check`: "the findings CSV lists every finding, uncapped". Pass 2 ran without the file
/// rules, so the findings they raise while reading (here `identity-inconsistent`, one
/// NUMANONYM with two birth years) were in the report but missing from the findings CSV.
#[test]
fn fuzz_check_findings_csv_holds_file_rule_findings() {
    let id = "0123456789abcdef0123456789abcdef01234567";
    let data = format!(
        "{HEADER}\n75;{id};{id};1;1;2010;05;1;18;x;2018-03-01;2018-03-15\n\
         75;{id};{id};1;1;2011;05;1;18;x;2018-04-01;2018-04-15\n"
    );
    let opts = Options {
        input_name: "regression.csv".into(),
        max_findings: 100_000,
        ..Options::default()
    };
    let mut e = Engine::new(opts.clone(), None).expect("options");
    e.push(data.as_bytes()).expect("readable");
    let f = e.finish().expect("readable");
    assert!(
        f.report
            .findings
            .iter()
            .any(|x| x.code == Code::IdentityInconsistent && x.row == Some(2)),
        "the report has the file-rule finding"
    );
    let mut pass = FindingsCsvPass::new(opts, None, f.plan.clone()).expect("pass 2");
    let mut csv = Vec::new();
    for c in data.as_bytes().chunks(5) {
        csv.extend(pass.push(c).expect("pass 2"));
    }
    csv.extend(pass.finish().expect("pass 2"));
    let text = String::from_utf8(csv).expect("UTF-8");
    let rows = text.split("\r\n").filter(|l| !l.is_empty()).count() - 1;
    assert_eq!(
        rows as u64, f.report.findings_total,
        "one CSV row per finding"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("2;3;") && l.contains(";identity-inconsistent;")),
        "the findings CSV has identity-inconsistent on record 2 (line 3):\n{text}"
    );
}

/// A NUL byte on line 3 of a file larger than the size limit: the problem met first must be
/// the one reported, whatever the chunk size.
fn nul_past_limit() -> (Vec<u8>, u64) {
    let mut data = b"<?xml version=\"1.0\"?>\n<DECRET>\n<DONNEE>".to_vec();
    data.push(0);
    data.extend(std::iter::repeat_n(b' ', 2000));
    (data, 1500)
}

struct Nothing;
impl Sink for Nothing {
    fn record(&mut self, _rec: &Record, findings: &mut Vec<Finding>) {
        findings.clear();
    }
    fn file_finding(&mut self, _f: Finding) {}
}

/// `read_xml`: "the reader must give the same result for chunks of 4 bytes": one push of the
/// whole input gave `limit-file-size`, pushes of 4 bytes gave `binary` (line 3).
#[test]
fn fuzz_read_xml_same_error_whatever_the_chunk_size() {
    let (data, max) = nul_past_limit();
    let mut codes = Vec::new();
    for chunk in [1, 4, 1024, data.len()] {
        let mut opts = ReadOptions::default();
        opts.limits.max_file_bytes = max;
        let mut r = Reader::new(opts).expect("options");
        let mut err = None;
        for c in data.chunks(chunk) {
            if let Err(e) = r.push(c, &mut Nothing) {
                err = Some(e);
                break;
            }
        }
        let err = err
            .or_else(|| r.finish(&mut Nothing).err())
            .expect("an error");
        codes.push((chunk, err.code(), err.message()));
    }
    for (chunk, code, message) in &codes {
        assert_eq!(*code, "binary", "chunks of {chunk}: {message}");
        assert!(message.contains("ligne 3"), "chunks of {chunk}: {message}");
    }
}

/// The same through the engine, whose own size check ran before the reader saw the bytes.
#[test]
fn fuzz_check_same_error_whatever_the_chunk_size() {
    let (data, max) = nul_past_limit();
    for mode in [Mode::Check, Mode::Rehash] {
        for chunk in [1, 4, 1024, data.len()] {
            let mut opts = Options {
                mode,
                ..Options::default()
            };
            opts.limits.max_file_bytes = max;
            let key = (mode == Mode::Rehash)
                .then(|| olinpe::pseudo::Key::from_env_value("CLE_DE_TEST").expect("key"));
            let mut e = Engine::new(opts, key).expect("options");
            let mut err: Option<EngineError> = None;
            for c in data.chunks(chunk) {
                if let Err(x) = e.push(c) {
                    err = Some(x);
                    break;
                }
            }
            let err = match err {
                Some(x) => x,
                None => e.finish().expect_err("an error"),
            };
            assert_eq!(
                err.code(),
                "binary",
                "{mode:?}, chunks of {chunk}: {}",
                err.message()
            );
        }
    }
    // Past the limit with nothing wrong before it: the limit is what is reported.
    let data = vec![b'a'; 3000];
    let mut opts = Options::default();
    opts.limits.max_file_bytes = 1500;
    let mut e = Engine::new(opts, None).expect("options");
    let err = e.push(&data).expect_err("past the limit");
    assert_eq!(err.code(), "limit-file-size");
}

/// `check` and `pseudonymise`: "attempt to multiply with overflow" in the record rules: a
/// year or month made of a long run of digits overflowed the digit parser (a panic wherever
/// overflow checks are on; in release the value was still refused, by its length).
#[test]
fn fuzz_check_long_digit_runs_in_dates_and_years() {
    let id = "0123456789abcdef0123456789abcdef01234567";
    let long = "0101010101010101010101010101010101010101";
    let data = format!(
        "{HEADER}\n75;{id};{id};1;1;{long};{long};1;18;x;{long}-01-01;2018-03-15\n\
         75;{id};{id};1;1;2010;05;1;18;x;2018-{long}-01;2018-03-{long}\n"
    );
    let opts = Options {
        input_name: "chiffres.csv".into(),
        max_findings: 100_000,
        ..Options::default()
    };
    let mut e = Engine::new(opts, None).expect("options");
    e.push(data.as_bytes()).expect("readable");
    let f = e.finish().expect("readable");
    let bad: Vec<(Option<u64>, Option<&str>)> = f
        .report
        .findings
        .iter()
        .filter(|x| x.code == Code::InvalidFormat)
        .map(|x| (x.row, x.variable.as_deref()))
        .collect();
    for expected in [
        (Some(1), Some("ANAIS")),
        (Some(1), Some("MNAIS")),
        (Some(1), Some("DATDECPE")),
        (Some(2), Some("DATDECPE")),
        (Some(2), Some("DATDEB")),
    ] {
        assert!(bad.contains(&expected), "{expected:?} refused: {bad:?}");
    }
}

/// Found by fuzzing `pseudonymise`: a long run of digits in a numeric field overflowed the
/// digit parser (a panic with overflow checks). It is an ordinary format error.
#[test]
fn long_digit_runs_are_format_errors_not_overflows() {
    let data = "NUMDEP;TYPEV;NBENF;ANAIS;MNAIS;DATDEB\n84;1;99999999999999999999;20180000000000000;0000000000000000000005;99999999999-99-99\n";
    let mut e =
        olinpe::engine::Engine::new(olinpe::engine::Options::default(), None).expect("options");
    e.push(data.as_bytes()).expect("readable");
    let f = e.finish().expect("readable");
    assert!(
        f.report.counts.contains_key(&Code::InvalidFormat),
        "{:?}",
        f.report.counts
    );
}

/// `pseudonymise`: "same error whatever the chunk size". A file without identity columns
/// whose line 24 holds a NUL byte: read whole, the reader's `binary` error came first; cut in
/// small chunks, the refusal `identity-columns-absent` (decided after the push that read the
/// first record). The refusal is now decided at the first record, so it wins in every
/// chunking.
#[test]
fn fuzz_pseudonymise_refusal_before_a_later_read_error() {
    let mut data = format!("{HEADER}\n");
    for _ in 0..22 {
        data.push_str("75;;;1;1;2010;05;1;18;x;2018-03-01;2018-03-15\n");
    }
    let mut bytes = data.into_bytes();
    bytes.extend_from_slice(b"75;;;1;1;2010;05;1;18;x\x00;2018-03-01;2018-03-15\n");
    let codes = pseudonymise_error_codes(&bytes, "regression.csv");
    all_refused_with(&codes, "identity-columns-absent");
}

/// Runs `pseudonymise` on `bytes` cut in chunks of each size; the error code of each run.
fn pseudonymise_error_codes(bytes: &[u8], input_name: &str) -> Vec<String> {
    pseudonymise_error_codes_within(bytes, input_name, 0)
}

/// [`pseudonymise_error_codes`] with a file size limit (`0`: none).
fn pseudonymise_error_codes_within(
    bytes: &[u8],
    input_name: &str,
    max_file_bytes: u64,
) -> Vec<String> {
    let mut opts = Options {
        mode: Mode::Pseudonymise,
        input_name: input_name.into(),
        date_export: Some("2019-03-01".into()),
        ..Options::default()
    };
    opts.limits.max_file_bytes = max_file_bytes;
    let key = || olinpe::pseudo::Key::from_env_value("CLE_DE_TEST").expect("key");
    [1usize, 2, 64, 4096, bytes.len()]
        .iter()
        .map(|&size| {
            let mut e = Engine::new(opts.clone(), Some(key())).expect("options");
            let r = bytes
                .chunks(size)
                .try_for_each(|c| e.push(c).map(drop))
                .and_then(|()| e.finish().map(drop));
            r.expect_err("refused").code().to_string()
        })
        .collect()
}

/// One XML `DONNEE` with the given extra elements.
fn donnee(extra: &str) -> String {
    format!(
        "<DONNEE>\n<NUMDEP>75</NUMDEP>\n<TYPEV>1</TYPEV>\n<SEXE>1</SEXE>\n<ANAIS>2010</ANAIS>\n\
         <MNAIS>05</MNAIS>\n{extra}<DECISION>1</DECISION>\n<DATDECPE>2018-03-01</DATDECPE>\n</DONNEE>\n"
    )
}

/// An XML file of these `DONNEE`s.
fn decret(donnees: &[String]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DECRET>\n");
    xml.extend(donnees.iter().map(String::as_str));
    xml.push_str("</DECRET>\n");
    xml
}

/// Asserts every run ended with the error `code`.
fn all_refused_with(codes: &[String], code: &str) {
    assert!(codes.iter().all(|c| c == code), "{codes:?}");
}

/// `pseudonymise`: "same error whatever the chunk size", in XML. An XML file has no header:
/// its identity columns were those of the records read so far. Read whole, a NUL byte in the
/// ninth record stopped the reader before the refusal was decided (`binary`); cut small, the
/// refusal came first (`identity-columns-absent`). The XML layout now carries the first
/// record's identity elements, and the refusal is decided at that record in every chunking.
#[test]
fn fuzz_pseudonymise_xml_refusal_before_a_later_read_error() {
    // Past the first 1 024 bytes, where the reader's first look finds NUL bytes at once.
    let mut donnees = vec![donnee(""); 8];
    donnees.push(donnee("<AUTREDA>x\u{0}</AUTREDA>\n"));
    let codes = pseudonymise_error_codes(decret(&donnees).as_bytes(), "regression.xml");
    all_refused_with(&codes, "identity-columns-absent");
}

/// The same rule from the other side: identity elements that only a later record carries do
/// not count, whatever the chunk that brings them with the first record.
#[test]
fn xml_refusal_is_decided_on_the_first_record_identity_elements() {
    let xml = decret(&[
        donnee("<NOMMERE>Martin</NOMMERE>\n"),
        donnee("<PRENOM>Léa</PRENOM>\n<NOMMERE>Martin</NOMMERE>\n"),
    ]);
    let codes = pseudonymise_error_codes(xml.as_bytes(), "regression.xml");
    all_refused_with(&codes, "identity-columns-absent");
}

/// `pseudonymise`: "same error whatever the chunk size", at the file size limit. A file
/// without identity columns, larger than the limit: pushed whole, the bytes up to the limit
/// were read and the first record in them decided the refusal, but the limit's error was
/// raised without looking at it (`limit-file-size`); pushed in small chunks, the refusal
/// came at the push that read the first record (`identity-columns-absent`).
#[test]
fn fuzz_pseudonymise_refusal_before_the_file_size_limit() {
    let mut data = format!("{HEADER}\n");
    for _ in 0..100 {
        data.push_str("75;;;1;1;2010;05;1;18;x;2018-03-01;2018-03-15\n");
    }
    // Past the reader's first look (1 024 bytes), which reads no record.
    let limit = (data.len() / 2) as u64;
    assert!(limit > 2048);
    let codes = pseudonymise_error_codes_within(data.as_bytes(), "regression.csv", limit);
    all_refused_with(&codes, "identity-columns-absent");
    // Without a first record below the limit, the limit is what is said.
    let codes = pseudonymise_error_codes_within(data.as_bytes(), "regression.csv", 20);
    all_refused_with(&codes, "limit-file-size");
}

/// `continuity`: "no panic". A reference year given as `i32::MIN` (the page's field and the
/// library take any number; the command line now wants four digits) overflowed when the
/// check computed "two years before" for overdue measures.
#[test]
fn fuzz_continuity_extreme_year() {
    let file = format!(
        "{HEADER}\n75;{id};{id};1;1;2010;05;1;18;x;2018-03-01;2018-03-15\n",
        id = "a".repeat(40)
    );
    for year in [i32::MIN, i32::MAX, 0] {
        let mut c = olinpe::continuity::Continuity::new(olinpe::continuity::Options {
            year: Some(year),
            ..Default::default()
        })
        .expect("options");
        c.push_previous(file.as_bytes()).expect("read");
        c.finish_previous().expect("read");
        c.push_current(file.as_bytes()).expect("read");
        let o = c.finish().expect("a verdict, whatever the year");
        assert_eq!(o.exit_status, 1, "years that do not follow: bloquant");
    }
}
