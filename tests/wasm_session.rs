//! The WebAssembly binding in a dedicated worker, where the page runs it: the session's
//! results do not depend on how the input is cut into chunks, errors reach JavaScript as
//! `Error` objects with a `code`, the pseudonymisation receipt follows the findings pass
//! and never holds the key.
//!
//! Run with `wasm-bindgen-test-runner` (see `scripts/test-wasm.sh`).

#![cfg(target_arch = "wasm32")]

use js_sys::{Reflect, Uint8Array, JSON};
use olinpe::wasm::{
    artifact_mime, artifact_name, artifacts, catalogue, inspect, preflight, preflight_workbook,
    variables, warm_up_input, FindingsPass, Segment, Session,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

const CSV: &[u8] = include_bytes!("fixtures/read/csv_semicolon_utf8_bom_crlf.csv");
/// A nominative file (pseudonymise refuses one without identity columns).
const NOMINATIVE: &[u8] = include_bytes!("fixtures/mother-name-usage/input.csv");
const XML: &[u8] = include_bytes!("fixtures/audit/all-sections.xml");
const KEY: &str = "CLE_DE_TEST";

fn options(json: &str) -> JsValue {
    JSON::parse(json).expect("test options are valid JSON")
}

fn get(v: &JsValue, name: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(name)).expect("property readable")
}

fn bytes(v: &JsValue) -> Vec<u8> {
    v.dyn_ref::<Uint8Array>().expect("a Uint8Array").to_vec()
}

fn err_code(e: &JsValue) -> String {
    assert!(e.is_instance_of::<js_sys::Error>(), "a JavaScript Error");
    get(e, "code").as_string().expect("a string code")
}

/// Pushes `input` in chunks of `size` bytes; returns (report JSON, output bytes by file id).
fn run(
    opts: &str,
    key: Option<&str>,
    input: &[u8],
    size: usize,
) -> (JsValue, Vec<(String, Vec<u8>)>, Session) {
    let mut s = Session::new(options(opts), key.map(str::to_owned), None, None).expect("session");
    let mut outs: Vec<(String, Vec<u8>)> = Vec::new();
    let mut collect = |chunks: JsValue| {
        let arr: js_sys::Array = chunks.dyn_into().expect("an array of chunks");
        for c in arr.iter() {
            let file = get(&c, "file").as_string().expect("file id");
            let b = bytes(&get(&c, "bytes"));
            match outs.iter_mut().find(|(f, _)| *f == file) {
                Some((_, v)) => v.extend(b),
                None => outs.push((file, b)),
            }
        }
    };
    for chunk in input.chunks(size.max(1)) {
        let r = s.push(chunk).expect("push");
        collect(get(&r, "chunks"));
    }
    let done = s.finish(None).expect("finish");
    collect(get(&done, "chunks"));
    (done, outs, s)
}

/// The bytes of the chunks of `file` among a pass's chunk objects.
fn file_bytes(chunks: &js_sys::Array, file: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in chunks.iter() {
        if get(&c, "file").as_string().as_deref() == Some(file) {
            out.extend(bytes(&get(&c, "bytes")));
        }
    }
    out
}

fn findings_csv(s: &Session, input: &[u8], size: usize) -> (Vec<u8>, String) {
    let mut pass: FindingsPass = s.findings_pass().expect("findings pass");
    let mut out = Vec::new();
    for chunk in input.chunks(size.max(1)) {
        out.extend(file_bytes(&pass.push(chunk).expect("push"), "findings-csv"));
    }
    let end = pass.finish(None).expect("finish");
    let last: js_sys::Array = get(&end, "chunks").dyn_into().expect("chunks");
    out.extend(file_bytes(&last, "findings-csv"));
    (out, get(&end, "sha256").as_string().expect("sha256"))
}

#[wasm_bindgen_test]
fn check_results_do_not_depend_on_chunk_size() {
    let opts = r#"{"mode":"check","inputName":"all-sections.xml"}"#;
    let (whole, _, s_whole) = run(opts, None, XML, XML.len());
    let report = bytes(&get(&whole, "reportJson"));
    assert!(report.starts_with(b"{\n  \"tool\""), "report JSON bytes");
    assert_eq!(get(&whole, "rows").as_f64(), Some(36.0));
    let (csv_whole, _) = findings_csv(&s_whole, XML, XML.len());
    for size in [1, 7, 4096] {
        let (cut, _, s_cut) = run(opts, None, XML, size);
        assert_eq!(bytes(&get(&cut, "reportJson")), report, "chunks of {size}");
        for k in ["exitStatus", "errors", "warnings", "infos", "youngPeople"] {
            assert_eq!(
                get(&cut, k).as_f64(),
                get(&whole, k).as_f64(),
                "{k}, chunks of {size}"
            );
        }
        assert_eq!(
            findings_csv(&s_cut, XML, size).0,
            csv_whole,
            "findings CSV, chunks of {size}"
        );
    }
    assert!(csv_whole.starts_with(
        "\u{feff}enregistrement;ligne;gravite;code;titre;variable;section;message\r\n".as_bytes()
    ));
    let report: serde_json::Value = serde_json::from_slice(&report).expect("the report is JSON");
    assert!(report["verdict"]["level"].is_string(), "a verdict");
    assert!(report["priorities"].is_array(), "priorities");
}

/// The page's check on two workers, through the binding: the engine session reads the
/// start, a `Segment` (the helper's) the rest; the report is the one-session report, and the
/// findings pass after it gives the same CSV.
#[wasm_bindgen_test]
fn check_on_two_workers_gives_the_same_report() {
    let input = warm_up_input(2000);
    let opts = r#"{"mode":"check","inputName":"deux.csv","maxFindings":100}"#;
    let (whole, _, s_whole) = run(opts, None, &input, 4096);
    let report = bytes(&get(&whole, "reportJson"));
    let (csv_whole, _) = findings_csv(&s_whole, &input, 65536);
    // The page's first slice before it asks for the split state: as long as the reader may
    // hold while it looks for the header (`read::header::SEARCH_BYTES`, 64 KiB).
    let first = 64 * 1024;
    let mid = input.len() / 2
        + input[input.len() / 2..]
            .iter()
            .position(|&b| b == b'\n')
            .expect("line")
        + 1;
    for size in [97, 65536] {
        let mut s = Session::new(options(opts), None, None, None).expect("session");
        s.push(&input[..first]).expect("push");
        let state = s
            .split_state(input.len() as f64)
            .expect("a CSV check can be split");
        let (batches, summary) = helper(&state, &input[mid..], mid, size);
        for c in input[first..mid].chunks(size) {
            s.push(c).expect("push");
        }
        assert!(s.join_segment(&summary).expect("join"));
        let mut rows = 0.0;
        for b in &batches {
            rows = s.push_segment(b).expect("batch");
        }
        assert_eq!(rows, 2000.0);
        let done = s.finish(None).expect("finish");
        assert_eq!(bytes(&get(&done, "reportJson")), report, "slices of {size}");
        assert_eq!(
            findings_csv(&s, &input, 65536).0,
            csv_whole,
            "slices of {size}"
        );
        // The findings pass on two workers too.
        let mut pass = s.findings_pass().expect("findings pass");
        let mut csv = file_bytes(&pass.push(&input[..first]).expect("push"), "findings-csv");
        let state = pass
            .split_state(input.len() as f64)
            .expect("pass 2 can be split");
        let (batches, summary) = helper(&state, &input[mid..], mid, size);
        for c in input[first..mid].chunks(size) {
            csv.extend(file_bytes(&pass.push(c).expect("push"), "findings-csv"));
        }
        assert!(pass.join_segment(&summary).expect("join"));
        for b in &batches {
            csv.extend(file_bytes(
                &pass.push_segment(b).expect("batch"),
                "findings-csv",
            ));
        }
        let end = pass.finish(None).expect("finish");
        let last: js_sys::Array = get(&end, "chunks").dyn_into().expect("chunks");
        csv.extend(file_bytes(&last, "findings-csv"));
        assert_eq!(
            csv, csv_whole,
            "findings pass on two workers, slices of {size}"
        );
    }
    // Not a CSV check: nothing to split.
    let mut x = Session::new(
        options(r#"{"mode":"check","inputName":"x.xml"}"#),
        None,
        None,
        None,
    )
    .expect("session");
    x.push(XML).expect("push");
    assert!(x.split_state(XML.len() as f64).is_none());
    // A helper that cannot read its segment says so with a code.
    let mut seg = Segment::new(&state_of(&input), mid as f64).expect("segment");
    let e = seg.push(b"\x00\n").expect_err("a NUL byte");
    assert_eq!(err_code(&e), "segment-abandoned");
}

/// The helper worker's side: a `Segment` over `segment` (starting at byte `start` of the
/// file, to its end) in `size`-byte slices; its batches and its summary.
fn helper(state: &[u8], segment: &[u8], start: usize, size: usize) -> (Vec<Vec<u8>>, Vec<u8>) {
    let mut seg = Segment::new(state, start as f64).expect("segment");
    let mut batches: Vec<Vec<u8>> = segment
        .chunks(size)
        .map(|c| seg.push(c).expect("helper reads"))
        .collect();
    let end = seg.finish(true).expect("segment ends");
    batches.push(bytes(&get(&end, "batch")));
    (batches, bytes(&get(&end, "summary")))
}

fn state_of(input: &[u8]) -> Vec<u8> {
    let opts = r#"{"mode":"check","inputName":"deux.csv"}"#;
    let mut s = Session::new(options(opts), None, None, None).expect("session");
    s.push(&input[..64 * 1024]).expect("push");
    s.split_state(input.len() as f64).expect("state")
}

#[wasm_bindgen_test]
fn pseudonymise_streams_outputs_and_a_receipt_without_the_key() {
    let opts = r#"{"mode":"pseudonymise","inputName":"entree.csv","dateExport":"2025-01-15"}"#;
    let (done, outs, s) = run(opts, Some(KEY), NOMINATIVE, 5);
    let ids: Vec<&str> = outs.iter().map(|(f, _)| f.as_str()).collect();
    assert!(
        ids.contains(&"transmission-xml") && ids.contains(&"transmission-csv"),
        "{ids:?}"
    );
    let xml = &outs
        .iter()
        .find(|(f, _)| f == "transmission-xml")
        .expect("xml")
        .1;
    assert!(xml.starts_with(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    // The receipt needs the findings pass's digest, so it cannot come before it.
    let (_, sha) = findings_csv(&s, NOMINATIVE, 64);
    assert_eq!(sha.len(), 64);
    let receipt = s.receipt(&sha, None).expect("receipt");
    let json = bytes(&get(&receipt, "json"));
    let text = get(&receipt, "text").as_string().expect("text");
    let json_text = String::from_utf8(json).expect("UTF-8");
    assert!(json_text.contains("\"date_export\": \"2025-01-15\""));
    assert!(json_text.contains("entree-transmission.xml"));
    assert!(json_text.contains(&sha), "findings CSV digest listed");
    for hay in [json_text.as_str(), text.as_str()] {
        assert!(!hay.contains(KEY), "no key in the receipt");
    }
    for (_, b) in &outs {
        assert!(
            !String::from_utf8_lossy(b).contains(KEY),
            "no key in the outputs"
        );
    }
    assert_eq!(
        get(&done, "rowsWritten").as_f64().unwrap_or(0.0)
            + get(&done, "rowsRejected").as_f64().unwrap_or(0.0),
        get(&done, "rows").as_f64().unwrap_or(-1.0)
    );
    assert_eq!(
        err_code(&s.rehash_receipt().expect_err("not a rehash")),
        "bad-mode"
    );
}

/// Output chunks carry their download name and MIME type from the session's artifact table,
/// which is exported whole (`artifacts`, `artifactName`, `artifactMime`) for the page.
#[wasm_bindgen_test]
fn chunks_and_the_artifact_table_name_every_download() {
    let opts = r#"{"mode":"pseudonymise","inputName":"cd75.csv","dateExport":"2025-01-15"}"#;
    let mut s = Session::new(options(opts), Some(KEY.into()), None, None).expect("session");
    let pushed = s.push(NOMINATIVE).expect("push");
    let done = s.finish(None).expect("finish");
    let mut seen = Vec::new();
    for list in [get(&pushed, "chunks"), get(&done, "chunks")] {
        let arr: js_sys::Array = list.dyn_into().expect("an array of chunks");
        for c in arr.iter() {
            let file = get(&c, "file").as_string().expect("file id");
            let name = get(&c, "name").as_string().expect("name");
            let mime = get(&c, "mime").as_string().expect("mime");
            assert_eq!(name, artifact_name(&file, "cd75.csv", false), "{file}");
            assert_eq!(Some(mime), artifact_mime(&file, "cd75.csv"), "{file}");
            seen.push((file, name));
        }
    }
    assert!(seen.contains(&("transmission-xml".into(), "cd75-transmission.xml".into())));
    assert!(seen.contains(&("transmission-csv".into(), "cd75-transmission.csv".into())));
    // The report is not a streamed chunk: the page takes it from `reportJson`.
    assert!(!seen.iter().any(|(f, _)| f == "report-json"));
    let table: js_sys::Array = artifacts()
        .expect("artifacts")
        .dyn_into()
        .expect("an array");
    let ids: Vec<String> = table
        .iter()
        .map(|a| get(&a, "id").as_string().expect("id"))
        .collect();
    for id in [
        "transmission-xml",
        "transmission-csv",
        "odpe-xml",
        "findings-csv",
        "receipt-json",
        "receipt-txt",
        "report-json",
        "repaired",
        "rehashed",
        "rehash-receipt",
        "corrections",
    ] {
        assert!(ids.iter().any(|x| x == id), "{id}");
    }
    let tx = table
        .iter()
        .find(|a| get(a, "id").as_string().as_deref() == Some("transmission-xml"))
        .expect("transmission-xml");
    assert_eq!(get(&tx, "transmit").as_bool(), Some(true));
    assert_eq!(
        get(&tx, "mime").as_string().as_deref(),
        Some("application/xml")
    );
    // The page's names (www/artifacts.js `outputName`, from this table), training prefix included.
    assert_eq!(
        artifact_name("rehashed", "recu.xml", false),
        "recu-rehache.xml"
    );
    assert_eq!(
        artifact_name("rehash-receipt", "recu.xml", false),
        "recu-rehache-recu.json"
    );
    assert_eq!(
        artifact_name("report-json", "x.csv", true),
        "FORMATION-x-rapport.json"
    );
    assert_eq!(
        artifact_mime("repaired", "x.xml").as_deref(),
        Some("application/xml")
    );
    assert_eq!(artifact_mime("inconnu", "x.xml"), None);
}

/// `Session::push` cuts a big chunk into pieces and drains the output after each one (so
/// WebAssembly memory stays small): the outputs are the same as with small chunks.
#[wasm_bindgen_test]
fn big_chunks_are_cut_without_changing_the_outputs() {
    let input = warm_up_input(3000);
    assert!(input.len() > 512 * 1024, "bigger than two pieces");
    let opts = r#"{"mode":"pseudonymise","inputName":"grand.csv","dateExport":"2025-01-15"}"#;
    let (whole, outs_whole, _) = run(opts, Some(KEY), &input, input.len());
    assert_eq!(get(&whole, "rows").as_f64(), Some(3000.0));
    let (cut, outs_cut, _) = run(opts, Some(KEY), &input, 65_536);
    assert_eq!(
        bytes(&get(&cut, "reportJson")),
        bytes(&get(&whole, "reportJson"))
    );
    assert_eq!(outs_cut, outs_whole);
    let xml = &outs_whole
        .iter()
        .find(|(f, _)| f == "transmission-xml")
        .expect("xml")
        .1;
    assert!(xml.len() > input.len(), "the XML of every record");
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_a_code() {
    let missing_key = Session::new(
        options(r#"{"mode":"pseudonymise","dateExport":"2025-01-15"}"#),
        None,
        None,
        None,
    );
    assert_eq!(err_code(&missing_key.err().expect("no key")), "key-missing");
    let empty_key_file = Session::new(
        options(r#"{"mode":"rehash"}"#),
        None,
        Some(b"\n".to_vec()),
        None,
    );
    assert_eq!(
        err_code(&empty_key_file.err().expect("empty key file")),
        "key-empty"
    );
    let bad = Session::new(options(r#"{"mode":"nimportequoi"}"#), None, None, None);
    let e = bad.err().expect("bad mode");
    assert_eq!(err_code(&e), "bad-options");
    let msg = get(&e, "message").as_string().unwrap_or_default();
    assert!(msg.starts_with("options invalides"), "{msg}");
    let mut s = Session::new(options(r#"{"mode":"check"}"#), None, None, None).expect("session");
    assert_eq!(
        err_code(&s.receipt("x", None).expect_err("not finished")),
        "session-not-finished"
    );
    assert_eq!(
        err_code(&s.findings_pass().err().expect("not finished")),
        "session-not-finished"
    );
    s.push(b"").expect("empty push");
    let empty = s.finish(None).expect_err("empty input is unreadable");
    assert!(!err_code(&empty).is_empty());
    assert_eq!(
        err_code(&s.push(b"x").expect_err("after finish")),
        "session-finished"
    );
}

#[wasm_bindgen_test]
fn dictionary_and_catalogue_for_the_page() {
    let vars: js_sys::Array = variables().expect("variables").dyn_into().expect("array");
    assert!(vars.length() >= 105);
    assert_eq!(
        get(&vars.get(0), "code").as_string().as_deref(),
        Some("ACCFAM")
    );
    let cat: js_sys::Array = catalogue().expect("catalogue").dyn_into().expect("array");
    assert!(cat.length() > 10);
    for e in cat.iter() {
        let sev = get(&e, "severity").as_string().unwrap_or_default();
        assert!(["error", "warning", "info"].contains(&sev.as_str()));
        assert!(get(&e, "explanation").as_string().unwrap_or_default().len() > 40);
    }
}

/// The continuity check through the binding gives the native bytes, whatever the chunk size,
/// and refuses to be driven out of order with a coded error.
#[wasm_bindgen_test]
fn continuity_through_the_binding() {
    use olinpe::generate::pair::generate_pair_to_vec;
    use olinpe::generate::GenOptions;
    use olinpe::wasm::Continuity;
    let (a, b, _) = generate_pair_to_vec(&GenOptions {
        rows: 300,
        seed: 8,
        ..GenOptions::default()
    });
    let opts = r#"{"previousName":"a.csv","currentName":"b.csv","year":null,"maxFindings":1000,"training":false}"#;
    let native = {
        let mut c = olinpe::continuity::Continuity::new(olinpe::continuity::Options {
            previous_name: "a.csv".into(),
            current_name: "b.csv".into(),
            ..Default::default()
        })
        .expect("options");
        c.push_previous(&a).expect("push");
        c.finish_previous().expect("finish");
        c.push_current(&b).expect("push");
        c.finish().expect("finish").json
    };
    for size in [7usize, 4096, 1 << 20] {
        let mut c = Continuity::new(options(opts)).expect("continuity");
        for chunk in a.chunks(size) {
            c.push_previous(chunk).expect("push previous");
        }
        c.finish_previous().expect("finish previous");
        for chunk in b.chunks(size) {
            c.push_current(chunk).expect("push current");
        }
        let end = c.finish().expect("finish");
        assert_eq!(bytes(&get(&end, "json")), native, "chunk {size}");
        assert_eq!(
            get(&end, "name").as_string().as_deref(),
            Some("b-continuite.json")
        );
        assert_eq!(
            get(&end, "level").as_string().as_deref(),
            Some("a_verifier")
        );
        assert_eq!(get(&end, "exitStatus").as_f64(), Some(0.0));
    }
    let mut c = Continuity::new(options(opts)).expect("continuity");
    let e = c.push_current(b"x").err().expect("out of order");
    assert_eq!(err_code(&e), "session-not-finished");
    let e = Continuity::new(options("{}")).err().expect("bad options");
    assert_eq!(err_code(&e), "bad-options");
}

/// The page asks, before a pseudonymisation, whether the run would refuse the file: the
/// refusal's code and the absent columns, named after the column mapping.
#[wasm_bindgen_test]
fn preflight_names_the_refusal_and_the_columns() {
    let none = preflight(NOMINATIVE, true, None).expect("preflight");
    assert!(none.is_null(), "a nominative file is accepted");
    let r = preflight(CSV, true, None).expect("preflight");
    assert_eq!(
        get(&r, "code").as_string().as_deref(),
        Some("already-pseudonymised")
    );
    let head = b"PRENOM;NOM;MNAIS;ANAIS\nLea;Martin;05;2010\n";
    let r = preflight(head, true, None).expect("preflight");
    assert_eq!(
        get(&r, "code").as_string().as_deref(),
        Some("identity-columns-absent")
    );
    let cols: js_sys::Array = get(&r, "columns").dyn_into().expect("columns");
    assert_eq!(
        cols.iter()
            .filter_map(|c| c.as_string())
            .collect::<Vec<_>>(),
        ["NOMMEREJEUNE/NOMMERE/NOM_MERE"]
    );
    let mapped = preflight(head, true, Some("NOMMERE=NOM\n".into())).expect("preflight");
    assert!(mapped.is_null(), "mapped");
}

/// The strings of a JavaScript array (`null` items as `None`).
fn strings(v: &JsValue) -> Vec<Option<String>> {
    let arr: js_sys::Array = v.clone().dyn_into().expect("an array");
    arr.iter().map(|x| x.as_string()).collect()
}

/// A workbook through the binding, as the page drops one: `inspect` finds its header below
/// a title and matches « Prénom » and « Nom naissance mère » by name alone (to be
/// confirmed, `exact` false), `preflightWorkbook` names the refusal before the run, and a
/// mapping lifts it. An XML file's refusal is decided on its first record's elements.
#[wasm_bindgen_test]
fn workbook_preflight_and_header_matching() {
    use crate::sheet_build::{is, row, Xlsx};
    // Five known columns at least, or the first line is taken for the header.
    let header = ["Prénom", "NOM", "MNAIS", "ANAIS", "SEXE", "TYPEV", "NUMDEP"];
    let cells: Vec<String> = header
        .iter()
        .enumerate()
        .map(|(c, h)| is(c as u32, 3, h))
        .collect();
    let values: Vec<String> = ["Lea", "Martin", "05", "2010", "1", "1", "75"]
        .iter()
        .enumerate()
        .map(|(c, v)| is(c as u32, 4, v))
        .collect();
    let title = row(1, &[is(0, 1, "Export Olinpe 2018")]);
    let sheet = format!("{title}{}{}", row(3, &cells), row(4, &values));
    let xlsx = Xlsx::new().sheet("Export", &sheet).build();

    let i = inspect(&xlsx, None, None).expect("inspect");
    assert_eq!(get(&i, "format").as_string().as_deref(), Some("xlsx"));
    assert_eq!(
        strings(&get(&i, "headers")),
        header.map(|h| Some(h.to_owned()))
    );
    assert_eq!(strings(&get(&i, "sheets")), [Some("Export".to_owned())]);
    let matched = strings(&get(&i, "matched"));
    assert_eq!(matched[0].as_deref(), Some("PRENOM"));
    assert_eq!(matched[2].as_deref(), Some("MNAIS"));
    let exact: js_sys::Array = get(&i, "exact").dyn_into().expect("exact");
    assert_eq!(
        exact.get(0).as_bool(),
        Some(false),
        "« Prénom » is to be confirmed"
    );
    assert_eq!(exact.get(2).as_bool(), Some(true), "MNAIS is official");

    let r = preflight_workbook(&xlsx, None, None).expect("preflight");
    assert_eq!(
        get(&r, "code").as_string().as_deref(),
        Some("identity-columns-absent")
    );
    assert_eq!(
        strings(&get(&r, "columns")),
        [Some("NOMMEREJEUNE/NOMMERE/NOM_MERE".to_owned())]
    );
    let mapped = preflight_workbook(&xlsx, Some("NOMMERE=NOM\n".into()), None).expect("ok");
    assert!(mapped.is_null(), "mapped: {mapped:?}");
    let unknown = preflight_workbook(&xlsx, None, Some("Absente".into())).expect("ok");
    assert!(
        unknown.is_null(),
        "an unreadable sheet: the run will say why"
    );

    let xml = "<?xml version=\"1.0\"?>\n<DECRET>\n<DONNEE><NOMMERE>X</NOMMERE><ANAIS>2010</ANAIS>\
               <MNAIS>05</MNAIS></DONNEE>\n<DONNEE><PRENOM>Y</PRENOM><NOMMERE>X</NOMMERE>\
               <ANAIS>2010</ANAIS><MNAIS>05</MNAIS></DONNEE>\n</DECRET>\n";
    let r = preflight(xml.as_bytes(), true, None).expect("preflight");
    assert_eq!(strings(&get(&r, "columns")), [Some("PRENOM".to_owned())]);
}

/// With the `dossiers` option the page gets the case number of each kept finding's record
/// (on screen only: the report never holds it); the corrections list comes out of the
/// findings pass with its own digest, listed under `internal` in the receipt.
#[wasm_bindgen_test]
fn dossiers_on_screen_and_the_corrections_list() {
    let input = warm_up_input(300);
    let opts = r#"{"mode":"check","inputName":"n.csv","dossiers":true,"corrections":true}"#;
    let (done, _, s) = run(opts, None, &input, 4096);
    assert_eq!(get(&done, "hasNumdo").as_bool(), Some(true));
    let dossiers: js_sys::Array = get(&done, "dossiers").dyn_into().expect("dossiers");
    let report = String::from_utf8(bytes(&get(&done, "reportJson"))).expect("UTF-8");
    let n: serde_json::Value = serde_json::from_str(&report).expect("json");
    let findings = n["findings"].as_array().expect("findings");
    assert_eq!(dossiers.length() as usize, findings.len());
    for (d, f) in dossiers.iter().zip(findings) {
        let d = d.as_string().unwrap_or_default();
        assert_eq!(
            d.is_empty(),
            f["row"].is_null(),
            "a dossier for each record's finding"
        );
        if !d.is_empty() {
            assert!(!report.contains(&d), "no case number in the report");
        }
    }
    let mut pass = s.findings_pass().expect("pass");
    let mut corr = Vec::new();
    for c in input.chunks(4096) {
        corr.extend(file_bytes(&pass.push(c).expect("push"), "corrections"));
    }
    let end = pass.finish(None).expect("finish");
    let last: js_sys::Array = get(&end, "chunks").dyn_into().expect("chunks");
    corr.extend(file_bytes(&last, "corrections"));
    assert!(corr.starts_with("\u{feff}dossier;enregistrement;".as_bytes()));
    assert_eq!(
        get(&end, "correctionsSha256").as_string().map(|s| s.len()),
        Some(64)
    );
}
