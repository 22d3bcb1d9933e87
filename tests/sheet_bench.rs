//! Spreadsheet reading speed and memory (not a timed assertion: it prints numbers).
//!
//! ```sh
//! cargo test --release --test tests sheet_bench -- --ignored --nocapture
//! OLINPE_SHEET_BENCH_FILES=a.xlsx:b.ods cargo test --release --test tests sheet_bench -- --ignored --nocapture
//! ```
//!
//! Without `OLINPE_SHEET_BENCH_FILES`, writes (once) a 100 000-row × 110-column XLSX and
//! ODS in `target/sheet-bench/`: the dictionary's columns plus four identity columns, a
//! title row, codes as numbers, dates as date cells, identifiers and names as text (one
//! distinct identifier per row in the shared strings). Each file is then read in a child
//! process (this test binary, run again), so that its peak memory (`VmHWM`) is the read's
//! alone: the whole file in memory, `Workbook::open`, every row, every cell rendered.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use olinpe::dictionary::{Kind, VARIABLES};
use olinpe::read::sheet::{render_into, Cell, ColumnKind, SheetLimits, Workbook};
use olinpe::read::{IdentityRole, Target, CODES};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::sheet_build::{cell_ref, esc};

const ROWS: u32 = 100_000;

/// Column kinds of the generated files: the variables, then the identity columns.
fn columns() -> Vec<(String, Option<Kind>)> {
    let mut c: Vec<(String, Option<Kind>)> = VARIABLES
        .iter()
        .map(|v| (v.code.to_owned(), Some(v.kind)))
        .collect();
    for id in ["PRENOM", "NOMMERE", "JNAIS", "NUMDO"] {
        c.push((id.to_owned(), None));
    }
    c
}

/// What a generated cell holds.
enum V {
    Num(u32),
    Date(u32),
    Text(String),
    Empty,
}

fn value(code: &str, kind: Option<Kind>, r: u32) -> V {
    let x = r.wrapping_mul(2_654_435_761) ^ code.len() as u32;
    match (kind, code) {
        (Some(Kind::Code | Kind::Count), _) => V::Num(1 + x % 9),
        (Some(Kind::Departement), _) => V::Num(69),
        (Some(Kind::Month), _) => V::Num(1 + x % 12),
        (Some(Kind::Year), _) => V::Num(1990 + x % 30),
        (Some(Kind::Date | Kind::YearMonth), _) => V::Date(42_000 + x % 2_000),
        (Some(Kind::Hex40), "NUMANONYM") => {
            V::Text(format!("{:040x}", u128::from(r) * 0x9E37_79B9_7F4A_7C15))
        }
        (Some(Kind::Utdp), _) => V::Text(format!("{:03}", x % 20)),
        (Some(_), _) => V::Empty,
        (None, "PRENOM") => {
            V::Text(["Léa", "Hugo", "Inès", "Noah", "Jade"][(x % 5) as usize].to_owned())
        }
        (None, "NOMMERE") => {
            V::Text(["Martin", "Bernard", "Petit", "Durand"][(x % 4) as usize].to_owned())
        }
        (None, "JNAIS") => V::Num(1 + x % 28),
        (None, _) => V::Text(format!("69M-{r:07}")),
    }
}

fn opts() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .large_file(true)
}

fn write_xlsx(path: &Path) {
    let cols = columns();
    let mut shared: Vec<String> = Vec::new();
    let mut index = std::collections::HashMap::new();
    let mut z = ZipWriter::new(BufWriter::new(std::fs::File::create(path).unwrap()));
    // The shared strings are known only after the rows: write the sheet first.
    z.start_file("xl/worksheets/sheet1.xml", opts()).unwrap();
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Export Olinpe 2018 - Conseil d&#233;partemental</t></is></c></row>"#).unwrap();
    let mut sst = |s: &str, shared: &mut Vec<String>| -> usize {
        *index.entry(s.to_owned()).or_insert_with(|| {
            shared.push(s.to_owned());
            shared.len() - 1
        })
    };
    let mut line = String::new();
    line.push_str(r#"<row r="2">"#);
    for (j, (code, _)) in cols.iter().enumerate() {
        let k = sst(code, &mut shared);
        line.push_str(&format!(
            r#"<c r="{}" t="s"><v>{k}</v></c>"#,
            cell_ref(j as u32, 2)
        ));
    }
    line.push_str("</row>");
    z.write_all(line.as_bytes()).unwrap();
    for r in 0..ROWS {
        let rn = r + 3;
        line.clear();
        line.push_str(&format!(r#"<row r="{rn}">"#));
        for (j, (code, kind)) in cols.iter().enumerate() {
            let at = cell_ref(j as u32, rn);
            match value(code, *kind, r) {
                V::Num(v) => line.push_str(&format!(r#"<c r="{at}"><v>{v}</v></c>"#)),
                V::Date(v) => line.push_str(&format!(r#"<c r="{at}" s="1"><v>{v}</v></c>"#)),
                V::Text(s) => {
                    let k = sst(&s, &mut shared);
                    line.push_str(&format!(r#"<c r="{at}" t="s"><v>{k}</v></c>"#));
                }
                V::Empty => {}
            }
        }
        line.push_str("</row>");
        z.write_all(line.as_bytes()).unwrap();
    }
    z.write_all(b"</sheetData></worksheet>").unwrap();
    z.start_file("xl/sharedStrings.xml", opts()).unwrap();
    write!(z, r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="{}">"#, shared.len()).unwrap();
    for s in &shared {
        write!(z, "<si><t>{}</t></si>", esc(s)).unwrap();
    }
    z.write_all(b"</sst>").unwrap();
    let small: [(&str, &str); 5] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Export" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
        ),
        (
            "xl/styles.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#,
        ),
    ];
    for (name, data) in small {
        z.start_file(name, opts()).unwrap();
        z.write_all(data.as_bytes()).unwrap();
    }
    z.finish().unwrap().flush().unwrap();
}

fn write_ods(path: &Path) {
    let cols = columns();
    let mut z = ZipWriter::new(BufWriter::new(std::fs::File::create(path).unwrap()));
    z.start_file(
        "mimetype",
        SimpleFileOptions::default().compression_method(CompressionMethod::Stored),
    )
    .unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    z.start_file("META-INF/manifest.xml", opts()).unwrap();
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    z.start_file("content.xml", opts()).unwrap();
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"><office:body><office:spreadsheet><table:table table:name="Export"><table:table-column table:number-columns-repeated="110"/><table:table-row><table:table-cell office:value-type="string"><text:p>Export Olinpe 2018 - Conseil d&#233;partemental</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16383"/></table:table-row><table:table-row>"#).unwrap();
    let mut line = String::new();
    for (code, _) in &cols {
        line.push_str(&format!(r#"<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>{code}</text:p></table:table-cell>"#));
    }
    line.push_str("</table:table-row>");
    z.write_all(line.as_bytes()).unwrap();
    for r in 0..ROWS {
        line.clear();
        line.push_str("<table:table-row>");
        let mut empties = 0;
        for (code, kind) in &cols {
            let v = value(code, *kind, r);
            if !matches!(v, V::Empty) && empties > 0 {
                line.push_str(&format!(
                    r#"<table:table-cell table:number-columns-repeated="{empties}"/>"#
                ));
                empties = 0;
            }
            match v {
                V::Num(v) => line.push_str(&format!(r#"<table:table-cell office:value-type="float" office:value="{v}" calcext:value-type="float"><text:p>{v}</text:p></table:table-cell>"#)),
                V::Date(v) => {
                    let d = olinpe::read::sheet::dates::serial_to_datetime(f64::from(v), false).unwrap();
                    let iso = format!("{:04}-{:02}-{:02}", d.year, d.month, d.day);
                    line.push_str(&format!(r#"<table:table-cell office:value-type="date" office:date-value="{iso}" calcext:value-type="date"><text:p>{iso}</text:p></table:table-cell>"#));
                }
                V::Text(s) => line.push_str(&format!(r#"<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>{}</text:p></table:table-cell>"#, esc(&s))),
                V::Empty => empties += 1,
            }
        }
        line.push_str("</table:table-row>");
        z.write_all(line.as_bytes()).unwrap();
    }
    z.write_all(br#"<table:table-row table:number-rows-repeated="948573"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#).unwrap();
    z.finish().unwrap().flush().unwrap();
}

/// Peak resident memory of this process, MiB (Linux `VmHWM`).
fn peak_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = s
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// CPU time of this process so far, seconds (Linux `/proc/self/stat`, 100 ticks a second):
/// the machine may be shared, so wall time alone says little.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Reads `path` whole and prints the numbers (run in the child process).
fn measure(path: &str) {
    let start = Instant::now();
    let cpu0 = cpu_seconds().unwrap_or(f64::NAN);
    let bytes = std::fs::read(path).unwrap();
    let mut wb = Workbook::open(&bytes, SheetLimits::default()).unwrap();
    let format = wb.format().as_str();
    let opened = start.elapsed();
    let mut sheet = wb.sheet(None).unwrap();
    let (mut rows, mut cells, mut text_bytes) = (0u64, 0u64, 0u64);
    let mut out = String::new();
    while let Some(r) = sheet.next_row().unwrap() {
        rows += 1;
        for c in r.cells {
            out.clear();
            render_into(c, ColumnKind::Text, &mut out);
            cells += u64::from(!out.is_empty());
            text_bytes += out.len() as u64;
        }
    }
    let total = start.elapsed();
    let cpu = cpu_seconds().unwrap_or(f64::NAN) - cpu0;
    // What inflating the largest part once costs (XLSX: olinpe's token scan does it once
    // more before calamine reads the sheet).
    let (cpu1, t1) = (cpu_seconds().unwrap_or(f64::NAN), Instant::now());
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice())).unwrap();
    let largest = (0..z.len())
        .max_by_key(|&i| z.by_index_raw(i).map(|f| f.size()).unwrap_or(0))
        .unwrap();
    let mut f = z.by_index(largest).unwrap();
    let (mut buf, mut lt) = (vec![0u8; 1 << 16], 0usize);
    loop {
        let n = std::io::Read::read(&mut f, &mut buf).unwrap();
        if n == 0 {
            break;
        }
        lt += memchr::memchr_iter(b'<', &buf[..n]).count();
    }
    let inflate = (
        t1.elapsed().as_secs_f64(),
        cpu_seconds().unwrap_or(f64::NAN) - cpu1,
    );
    if let Some(dump) = std::env::var("OLINPE_SHEET_BENCH_DUMP")
        .ok()
        .filter(|d| !d.is_empty())
    {
        dump_rendered(&bytes, &dump);
    }
    println!(
        "sheet-bench: {format} {path}: {:.1} MB, {rows} rows, {cells} cells ({text_bytes} bytes of text): \
         open {:.2} s, total {:.2} s wall, {cpu:.2} s CPU, peak {:.0} MiB; \
         inflating the largest part alone: {:.2} s wall, {:.2} s CPU ({lt} tags)",
        bytes.len() as f64 / 1e6,
        opened.as_secs_f64(),
        total.as_secs_f64(),
        peak_mib().unwrap_or(f64::NAN),
        inflate.0,
        inflate.1,
    );
}

/// The column kinds of a header row (variable codes and identity columns, as written).
fn kinds_of(header: &[Cell]) -> Vec<ColumnKind> {
    header
        .iter()
        .map(|c| {
            let Cell::Text(h) = c else {
                return ColumnKind::Text;
            };
            let h = h.trim().to_ascii_uppercase();
            let target = match CODES.iter().position(|c| *c == h) {
                Some(i) => Target::Var(i),
                None => match h.as_str() {
                    "PRENOM" => Target::Identity(IdentityRole::Prenom),
                    "NOMMERE" | "NOMMEREJEUNE" | "NOM_MERE" => {
                        Target::Identity(IdentityRole::NomMere)
                    }
                    "NOMUSAGE" => Target::Identity(IdentityRole::NomUsage),
                    "JNAIS" => Target::Identity(IdentityRole::Jnais),
                    "NUMDO" => Target::Identity(IdentityRole::Numdo),
                    _ => Target::Ignored,
                },
            };
            ColumnKind::of(target)
        })
        .collect()
}

/// Writes the rendered records (after the first row naming 5 known columns) as `;` text,
/// to compare a workbook with the CSV it was made from (OLINPE_SHEET_BENCH_DUMP=FILE).
fn dump_rendered(bytes: &[u8], path: &str) {
    let mut wb = Workbook::open(bytes, SheetLimits::default()).unwrap();
    let mut sheet = wb.sheet(None).unwrap();
    let mut out = BufWriter::new(std::fs::File::create(path).unwrap());
    let mut kinds: Option<Vec<ColumnKind>> = None;
    let mut text = String::new();
    while let Some(r) = sheet.next_row().unwrap() {
        match &kinds {
            None => {
                let k = kinds_of(r.cells);
                let known = r
                    .cells
                    .iter()
                    .zip(&k)
                    .filter(|(c, k)| matches!(c, Cell::Text(_)) && **k != ColumnKind::Text)
                    .count();
                if known >= 5 {
                    let names: Vec<String> = r
                        .cells
                        .iter()
                        .map(|c| match c {
                            Cell::Text(s) => s.clone(),
                            _ => String::new(),
                        })
                        .collect();
                    writeln!(out, "{}", names.join(";")).unwrap();
                    kinds = Some(k);
                }
            }
            Some(k) => {
                let mut fields = Vec::with_capacity(k.len());
                for (j, kind) in k.iter().enumerate() {
                    text.clear();
                    if let Some(c) = r.cells.get(j) {
                        render_into(c, *kind, &mut text);
                    }
                    fields.push(text.clone());
                }
                writeln!(out, "{}", fields.join(";")).unwrap();
            }
        }
    }
    out.flush().unwrap();
}

#[test]
#[ignore = "benchmark: run with --release --ignored --nocapture"]
fn sheet_100k() {
    if let Ok(path) = std::env::var("OLINPE_SHEET_BENCH_CHILD") {
        measure(&path);
        return;
    }
    let files: Vec<PathBuf> = match std::env::var("OLINPE_SHEET_BENCH_FILES") {
        Ok(list) => list.split(':').map(PathBuf::from).collect(),
        Err(_) => {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/sheet-bench");
            std::fs::create_dir_all(&dir).unwrap();
            let xlsx = dir.join("100k.xlsx");
            let ods = dir.join("100k.ods");
            if !xlsx.exists() {
                let t = Instant::now();
                write_xlsx(&xlsx);
                println!(
                    "sheet-bench: wrote {} in {:.1} s",
                    xlsx.display(),
                    t.elapsed().as_secs_f64()
                );
            }
            if !ods.exists() {
                let t = Instant::now();
                write_ods(&ods);
                println!(
                    "sheet-bench: wrote {} in {:.1} s",
                    ods.display(),
                    t.elapsed().as_secs_f64()
                );
            }
            vec![xlsx, ods]
        }
    };
    let exe = std::env::current_exe().unwrap();
    for f in files {
        let out = std::process::Command::new(&exe)
            .args([
                "--exact",
                "sheet_bench::sheet_100k",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("OLINPE_SHEET_BENCH_CHILD", &f)
            .env(
                "OLINPE_SHEET_BENCH_DUMP",
                std::env::var("OLINPE_SHEET_BENCH_DUMP")
                    .map(|d| {
                        format!(
                            "{d}.{}.csv",
                            f.extension().unwrap_or_default().to_string_lossy()
                        )
                    })
                    .unwrap_or_default(),
            )
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        for l in stdout
            .lines()
            .filter_map(|l| l.find("sheet-bench:").map(|i| &l[i..]))
        {
            println!("{l}");
        }
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
