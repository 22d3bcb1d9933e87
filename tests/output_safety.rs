//! Output safety (issue 6, docs/spec/OLINPE.md §0.3): the findings CSV, made for people opening it in a
//! spreadsheet, neutralises formulas (a cell starting with `=`, `+`, `-`, `@`, tab or CR gets
//! a leading `'`); the transmission CSV carries the data unchanged; the XML outputs escape
//! everything, so a free-text value full of markup round-trips and the file stays well-formed
//! (checked with `xmllint --noout`).

use olinpe::engine::{Engine, FindingsCsvPass, Mode, Options, OutputFile};
use olinpe::finding::{Code, Finding, Severity};
use olinpe::pseudo::Key;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

/// Free text that tries everything: markup, entities, CDATA end, quotes, a formula.
const NASTY: &str = "=1+1 <b>gras</b> & &amp; \"double\" 'simple' ]]> fin <![CDATA[x]]> <!-- c -->";

const NOMINATIVE: &str =
    "PRENOM;NOMMERE;NUMDEP;TYPEV;SEXE;ANAIS;MNAIS;DECISION;NATPDECADM;AUTREDA;DATDECPE;DATDEB;UTDP";

fn nominative_row(prenom: &str, autreda: &str) -> String {
    let autreda = format!("\"{}\"", autreda.replace('"', "\"\""));
    format!("{prenom};Dupont;75;1;1;2010;05;1;18;{autreda};2018-03-01;2018-03-15;U01")
}

fn key() -> Key {
    Key::from_env_value("CLE_DE_TEST").expect("dummy key")
}

/// Runs pass 1 and returns every streamed output, whole.
fn outputs(mode: Mode, data: &[u8]) -> BTreeMap<OutputFile, Vec<u8>> {
    let opts = Options {
        mode,
        input_name: "sur.csv".into(),
        date_export: (mode == Mode::Pseudonymise).then(|| "2019-03-01".to_string()),
        ..Options::default()
    };
    let key = (mode != Mode::Check).then(key);
    let mut e = Engine::new(opts, key).expect("options");
    let mut out: BTreeMap<OutputFile, Vec<u8>> = BTreeMap::new();
    for c in data.chunks(13) {
        e.push(c).expect("readable");
        for ch in e.drain_output() {
            out.entry(ch.file).or_default().extend(ch.bytes);
        }
    }
    let f = e.finish().expect("readable");
    for ch in f.outputs {
        out.entry(ch.file).or_default().extend(ch.bytes);
    }
    out
}

fn xmllint_ok(xml: &[u8]) -> Result<(), String> {
    let mut child = Command::new("xmllint")
        .args(["--noout", "--nonet", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("xmllint is needed (scripts/setup.sh installs it): {e}"))?;
    child
        .stdin
        .take()
        .ok_or("stdin")?
        .write_all(xml)
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// Unescapes the five predefined entities and numeric references (enough for our writer).
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find(';') else {
            out.push_str(&rest[i..]);
            return out;
        };
        let ent = &rest[i + 1..i + j];
        let c = match ent {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => ent
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => out.push(c),
            None => out.push_str(&rest[i..=i + j]),
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    out
}

/// The texts of every `<NAME>…</NAME>` element (our writer never uses attributes or CDATA).
fn element_texts(xml: &str, name: &str) -> Vec<String> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let Some(j) = after.find(&close) else { break };
        out.push(unescape(&after[..j]));
        rest = &after[j + close.len()..];
    }
    out
}

#[test]
fn findings_csv_cells_never_start_a_formula() {
    for lead in ["=", "+", "-", "@", "\t", "\r"] {
        let f = Finding {
            code: Code::UnknownColumn,
            severity: Severity::Warning,
            row: None,
            line: None,
            variable: Some(format!("{lead}HYPERLINK(\"http://exemple.invalid\")")),
            message: format!("{lead}1+1 message"),
        };
        let mut out = Vec::new();
        olinpe::write::findings_csv::row(&f, &mut out);
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(
            text.contains(&format!("'{lead}HYPERLINK")),
            "the variable cell starting with {lead:?} is prefixed with ': {text:?}"
        );
        assert!(
            text.contains(&format!("'{lead}1+1")),
            "the message cell starting with {lead:?} is prefixed with ': {text:?}"
        );
    }
    // A cell that merely contains those characters later is left alone.
    let f = Finding {
        code: Code::UnknownColumn,
        severity: Severity::Warning,
        row: Some(3),
        line: Some(4),
        variable: Some("A=B".into()),
        message: "pas de formule = ici".into(),
    };
    let mut out = Vec::new();
    olinpe::write::findings_csv::row(&f, &mut out);
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(text.contains("A=B") && !text.contains("'A=B"), "{text:?}");
    assert!(text.ends_with("\r\n"), "CRLF line ends: {text:?}");
}

#[test]
fn findings_csv_of_a_hostile_header_is_neutralised_end_to_end() {
    // An unknown column named like a formula: it is named in a finding, and in the findings
    // CSV no cell may start with a formula character.
    let data = "=HYPERLINK(\"http://exemple.invalid\";\"clic\");-2+3;@SOMME(A1);NUMDEP;TYPEV\n1;2;3;75;1\n"
        .to_string();
    let opts = Options {
        input_name: "formules.csv".into(),
        ..Options::default()
    };
    let mut e = Engine::new(opts.clone(), None).expect("options");
    e.push(data.as_bytes()).expect("readable");
    let f = e.finish().expect("readable");
    assert!(
        f.report
            .counts
            .get(&Code::UnknownColumn)
            .copied()
            .unwrap_or(0)
            >= 3
    );
    let mut pass = FindingsCsvPass::new(opts, None, f.plan.clone()).expect("pass 2");
    let mut csv = pass.push(data.as_bytes()).expect("pass 2");
    csv.extend(pass.finish().expect("pass 2"));
    let text = String::from_utf8(csv).expect("UTF-8");
    let body = text.strip_prefix('\u{feff}').expect("BOM");
    let mut cells = 0;
    for line in body.split("\r\n").filter(|l| !l.is_empty()) {
        for cell in split_semicolons(line) {
            cells += 1;
            let first = cell.chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                "cell {cell:?} of line {line:?} starts a formula"
            );
        }
    }
    assert!(cells > 6, "the CSV has rows");
    assert!(body.contains("'=HYPERLINK") || body.contains("« =HYPERLINK"));
}

/// Splits one CSV line on `;` outside quotes and removes the quoting.
fn split_semicolons(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(last) = cells.last_mut() {
                    last.push('"');
                }
            }
            '"' => quoted = !quoted,
            ';' if !quoted => cells.push(String::new()),
            c => {
                if let Some(last) = cells.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    cells
}

#[test]
fn transmission_outputs_carry_free_text_unchanged_and_escaped() {
    let data = format!(
        "{NOMINATIVE}\n{}\n{}\n",
        nominative_row("Alice", NASTY),
        nominative_row("Bruno", "-5 @moins +plus")
    );
    let out = outputs(Mode::Pseudonymise, data.as_bytes());

    // Transmission CSV: values unchanged (no formula neutralisation there).
    let csv = String::from_utf8(out[&OutputFile::TransmissionCsv].clone()).expect("UTF-8");
    let mut lines = csv.split('\n').filter(|l| !l.is_empty());
    let header = split_semicolons(lines.next().expect("header"));
    let col = header
        .iter()
        .position(|h| h == "AUTREDA")
        .expect("AUTREDA column");
    let values: Vec<String> = lines
        .map(|l| split_semicolons(l).get(col).cloned().unwrap_or_default())
        .collect();
    assert_eq!(
        values,
        vec![NASTY.to_string(), "-5 @moins +plus".to_string()]
    );

    // Transmission XML and ODPE XML: well-formed, and the value round-trips.
    for file in [OutputFile::TransmissionXml, OutputFile::OdpeXml] {
        let xml = &out[&file];
        xmllint_ok(xml).unwrap_or_else(|e| panic!("{file:?} is not well-formed: {e}"));
        let text = std::str::from_utf8(xml).expect("UTF-8");
        assert!(!text.contains("<b>"), "{file:?}: markup escaped");
        assert!(!text.contains("<![CDATA["), "{file:?}: no raw CDATA");
        assert_eq!(
            element_texts(text, "AUTREDA"),
            vec![NASTY.to_string(), "-5 @moins +plus".to_string()],
            "{file:?}: AUTREDA round-trips"
        );
    }
}

#[test]
fn control_characters_never_break_the_xml() {
    // C0 controls are not allowed in XML 1.0 even as references: whatever the writer does
    // with them, the XML must stay well-formed.
    let data = format!(
        "{NOMINATIVE}\n{}\n",
        nominative_row("Alice", "avant\u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f}après")
    );
    let out = outputs(Mode::Pseudonymise, data.as_bytes());
    for file in [OutputFile::TransmissionXml, OutputFile::OdpeXml] {
        xmllint_ok(&out[&file]).unwrap_or_else(|e| panic!("{file:?} is not well-formed: {e}"));
    }
}

#[test]
fn rehash_of_xml_escapes_too() {
    let id = "0123456789abcdef0123456789abcdef01234567";
    let esc = NASTY
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DECRET><INTRO><VERSIONXSD>2.0</VERSIONXSD>\
         <DATEXPORT>2019-03-01</DATEXPORT></INTRO>\n<DONNEE><AUTREDA>{esc}</AUTREDA>\
         <NUMANONYM>{id}</NUMANONYM><NUMANONYMANT>{id}</NUMANONYMANT><TYPEV>1</TYPEV></DONNEE>\n</DECRET>\n"
    );
    let out = outputs(Mode::Rehash, xml.as_bytes());
    let re = &out[&OutputFile::Rehashed];
    xmllint_ok(re).unwrap_or_else(|e| panic!("re-hashed XML is not well-formed: {e}"));
    let text = std::str::from_utf8(re).expect("UTF-8");
    assert_eq!(element_texts(text, "AUTREDA"), vec![NASTY.to_string()]);
    assert_ne!(
        element_texts(text, "NUMANONYM"),
        vec![id.to_string()],
        "re-hashed"
    );
}

#[test]
fn the_unescape_helper_is_right() {
    assert_eq!(
        unescape("a &lt;b&gt; &amp;amp; &#233;&#xE9; &quot;&apos;"),
        "a <b> &amp; éé \"'"
    );
    assert_eq!(
        element_texts("<X>1</X><Y>2</Y><X>&lt;</X>", "X"),
        vec!["1".to_string(), "<".to_string()]
    );
    assert!(xmllint_ok(b"<a>&lt;</a>").is_ok());
    assert!(
        xmllint_ok(b"<a>]]></a>").is_err(),
        "xmllint refuses ]]> in text"
    );
    assert!(
        xmllint_ok(b"<a>\x01</a>").is_err(),
        "xmllint refuses C0 controls"
    );
}
