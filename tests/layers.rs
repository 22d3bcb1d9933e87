//! The layers of the crate (docs/ARCHITECTURE.md, "Layers"): each top-level module of `src/`
//! may import only modules of a lower layer, so no module imports one above it and there is
//! no cycle between top-level modules.
//!
//! The test reads every `.rs` file under `src/` (except `lib.rs`, which declares the modules,
//! and `bin/`, a crate of its own that sees the library from outside), drops comments and
//! literals, and collects the top-level modules it names: `crate::m…`, `crate::{m…, n…}` and
//! `super::…` chains that climb to the crate root (counting inline `mod x { … }` blocks).
//! Code under `#[cfg(test)]` counts too: a test that needs a higher layer belongs in
//! `tests/` or in that layer. A top-level module absent from [`LAYERS`] fails the test: place
//! it deliberately.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first. A module may import the modules of the layers before its own,
/// never its own layer's or a later one's.
const LAYERS: &[&[&str]] = &[
    // Data and encodings that depend on nothing.
    &["dictionary", "wire"],
    // Findings: `Finding`, `Severity`, `Code`, the catalogue, `render`.
    &["finding"],
    // One record; the generator of synthetic files (dictionary and codes only); the one
    // error type of inputs that cannot be read and of bad options.
    &["record", "generate", "error"],
    // Bytes → records.
    &["read"],
    // Record rules, file rules, audit, registry.
    &["rules"],
    // Pseudonymisation; transmission files and the findings CSV.
    &["pseudo", "write"],
    // The report model.
    &["report"],
    // The pipeline and its modes; the reader alone, for the benchmark script; the continuity
    // check between two years (the reader, the linking rule of the file rules, the report's
    // finding store).
    &["engine", "bench", "continuity"],
    // One whole job per mode, its artifacts (the edges drive it); what the page shows
    // beside a run (its tests run the engine).
    &["session", "training"],
    // The WebAssembly binding (the command line is `src/bin/`, outside the library).
    &["wasm"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// One import of a top-level module: the file and line that name it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Use {
    from: String,
    to: String,
    file: String,
    line: usize,
}

/// Replaces comments and the contents of string, byte and char literals by spaces, keeping
/// line breaks (so line numbers stay right) and lifetimes.
fn strip(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank = |ch: char| if ch == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c[i] == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
        } else if c[i] == 'r'
            && (next == Some('"') || next == Some('#'))
            && !c[..i]
                .last()
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // Raw string r"…", r#"…"# (an identifier such as `r#type` has no quote).
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            out.push('"');
            i = j + 1;
            while i < c.len() {
                if c[i] == '"' && (1..=hashes).all(|h| c.get(i + h) == Some(&'#')) {
                    i += 1 + hashes;
                    break;
                }
                out.push(blank(c[i]));
                i += 1;
            }
            out.push('"');
        } else if c[i] == '"' {
            out.push('"');
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < c.len() {
                    out.push(blank(c[i]));
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else if c[i] == '\'' {
            // A char literal ('x', '\n', '\u{e9}') or a lifetime ('a, 'static).
            if next == Some('\\') {
                out.push('\'');
                i += 2;
                while i < c.len() && c[i] != '\'' {
                    out.push(' ');
                    i += 1;
                }
                out.push_str(" '");
                i += 1;
            } else if c.get(i + 2) == Some(&'\'') {
                out.push_str("' '");
                i += 3;
            } else {
                out.push('\'');
                i += 1;
            }
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// A token of stripped source: an identifier, `::` or one punctuation character.
fn tokens(src: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut line = 1;
    let c: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch.is_alphanumeric() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push((c[start..i].iter().collect(), line));
        } else if ch == ':' && c.get(i + 1) == Some(&':') {
            out.push(("::".into(), line));
            i += 2;
        } else {
            out.push((ch.to_string(), line));
            i += 1;
        }
    }
    out
}

/// The crate-root names a file uses, with their lines: `depth` is the length of the file's
/// module path (`read/csv.rs`: 2; `read/mod.rs`, `read.rs`: 1).
fn root_names(src: &str, depth: usize) -> Vec<(String, usize)> {
    let t = tokens(&strip(src));
    let tok = |k: usize| t.get(k).map(|(s, _)| s.as_str()).unwrap_or("");
    let mut out = Vec::new();
    // Brace depths at which inline `mod x {` blocks opened.
    let mut inline: Vec<usize> = Vec::new();
    let mut braces = 0;
    let mut k = 0;
    while k < t.len() {
        match tok(k) {
            "{" => braces += 1,
            "}" => {
                braces -= 1;
                if inline.last() == Some(&braces) {
                    inline.pop();
                }
            }
            "mod" if tok(k + 2) == "{" => inline.push(braces),
            _ => {}
        }
        // Where a path starts at the crate root, the index of the token after its `::`.
        let mut at_root = None;
        if tok(k) == "crate" && tok(k + 1) == "::" {
            at_root = Some(k + 2);
        } else if tok(k) == "super" && (k == 0 || tok(k - 1) != "::") {
            let mut j = k;
            let mut ups = 0;
            while tok(j) == "super" && tok(j + 1) == "::" {
                ups += 1;
                j += 2;
            }
            if ups >= depth + inline.len() {
                at_root = Some(j);
            }
        }
        if let Some(j) = at_root {
            if tok(j) == "{" {
                // `crate::{a::b, c, d::{e, f}}`: the first segment of each item.
                let mut level = 0;
                let mut item_start = true;
                let mut m = j;
                while m < t.len() {
                    match tok(m) {
                        "{" => {
                            level += 1;
                            item_start = level == 1;
                        }
                        "}" => {
                            level -= 1;
                            if level == 0 {
                                break;
                            }
                        }
                        "," if level == 1 => item_start = true,
                        name if item_start && level == 1 => {
                            out.push((name.to_owned(), t[m].1));
                            item_start = false;
                        }
                        _ => {}
                    }
                    m += 1;
                }
            } else {
                out.push((tok(j).to_owned(), t[j.min(t.len() - 1)].1));
            }
        }
        k += 1;
    }
    out
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level modules (from the files) and every import of one by another.
fn scan(src: &Path) -> (BTreeSet<String>, Vec<Use>) {
    let mut files = Vec::new();
    rs_files(src, &mut files);
    files.sort();
    let mut modules = BTreeSet::new();
    let mut parsed = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(src).expect("under src");
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
            .collect();
        if parts[0] == "lib" || parts[0] == "bin" {
            continue;
        }
        let depth = parts.len() - usize::from(parts.last().is_some_and(|p| p == "mod"));
        modules.insert(parts[0].clone());
        parsed.push((
            parts[0].clone(),
            rel.display().to_string(),
            depth,
            f.clone(),
        ));
    }
    let mut uses = Vec::new();
    for (from, file, depth, path) in parsed {
        let text = fs::read_to_string(&path).expect("readable source");
        for (name, line) in root_names(&text, depth) {
            if modules.contains(&name) && name != from {
                uses.push(Use {
                    from: from.clone(),
                    to: name,
                    file: format!("src/{file}"),
                    line,
                });
            }
        }
    }
    (modules, uses)
}

/// A cycle in the module graph, if any (as a path that ends where it starts).
fn cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_owned(), 1);
        path.push(n.to_owned());
        for m in edges.get(n).into_iter().flatten() {
            match state.get(m.as_str()) {
                Some(1) => {
                    let start = path.iter().position(|p| p == m).unwrap_or(0);
                    let mut c = path[start..].to_vec();
                    c.push(m.clone());
                    return Some(c);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(m, edges, state, path) {
                        return Some(c);
                    }
                }
            }
        }
        path.pop();
        state.insert(n.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in edges.keys() {
        if !state.contains_key(n.as_str()) {
            if let Some(c) = visit(n, edges, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

/// What is wrong with a set of imports: modules outside the table, imports of a module on
/// the same layer or above, cycles.
fn problems(modules: &BTreeSet<String>, uses: &[Use]) -> Vec<String> {
    let mut out = Vec::new();
    for m in modules {
        if layer_of(m).is_none() {
            out.push(format!(
                "src/{m}: a top-level module absent from LAYERS in tests/layers.rs (and from \
                 docs/ARCHITECTURE.md \"Layers\"): place it"
            ));
        }
    }
    for l in LAYERS.iter().flat_map(|l| l.iter()) {
        if !modules.contains(*l) {
            out.push(format!("LAYERS names `{l}`, which is not a module of src/"));
        }
    }
    for u in uses {
        if let (Some(a), Some(b)) = (layer_of(&u.from), layer_of(&u.to)) {
            if b >= a {
                out.push(format!(
                    "{}:{}: `{}` (layer {a}) imports `{}` (layer {b}), which is not below it",
                    u.file, u.line, u.from, u.to
                ));
            }
        }
    }
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for u in uses {
        edges
            .entry(u.from.clone())
            .or_default()
            .insert(u.to.clone());
    }
    if let Some(c) = cycle(&edges) {
        out.push(format!("import cycle: {}", c.join(" → ")));
    }
    out
}

#[test]
fn no_module_imports_one_above_it_and_there_is_no_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (modules, uses) = scan(&src);
    assert!(modules.len() >= 10, "{modules:?}");
    let found = problems(&modules, &uses);
    assert!(found.is_empty(), "layering:\n{}", found.join("\n"));
    // The scan sees the imports it should: a sample of edges known to exist.
    let edge = |a: &str, b: &str| uses.iter().any(|u| u.from == a && u.to == b);
    for (a, b) in [
        ("read", "finding"),
        ("rules", "read"),
        ("report", "rules"),
        ("engine", "report"),
        ("wasm", "engine"),
    ] {
        assert!(edge(a, b), "{a} → {b} not seen");
    }
}

#[test]
fn the_scan_reads_paths_and_skips_comments_and_literals() {
    let src = r##"
        use crate::finding::{finding, Code};
        use crate::{read::Reader, rules::{audit, file}, VERSION};
        // use crate::engine::Engine;
        /* crate::wasm /* nested */ crate::wasm */
        let s = "crate::engine"; let r = r#"crate::engine "quoted""#; let c = '"';
        fn f<'a>(x: &'a str) -> &'a str { x }
        let p = crate::report::Report::default();
        use super::super::pseudo::Key;
        mod tests { use super::super::super::write; }
    "##;
    let names: Vec<String> = root_names(src, 2).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        ["finding", "read", "rules", "VERSION", "report", "pseudo", "write"]
    );
    // From a file one level down, `super::` already reaches the root; in an inline module,
    // one more is needed.
    let names: Vec<String> = root_names("use super::x; mod t { use super::y; }", 1)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names, ["x"]);
    assert_eq!(root_names("\n\nuse crate::read;", 1), [("read".into(), 3)]);
}

#[test]
fn upward_imports_and_cycles_are_reported() {
    let modules: BTreeSet<String> = ["finding", "rules", "read", "dictionary", "unlisted"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let u = |from: &str, to: &str| Use {
        from: from.into(),
        to: to.into(),
        file: format!("src/{from}.rs"),
        line: 1,
    };
    let found = problems(&modules, &[u("finding", "rules"), u("rules", "finding")]);
    let text = found.join("\n");
    assert!(
        text.contains("`finding` (layer 1) imports `rules` (layer 4)"),
        "{text}"
    );
    assert!(!text.contains("`rules` (layer 4) imports"), "{text}");
    assert!(
        text.contains("import cycle: finding → rules → finding"),
        "{text}"
    );
    assert!(
        text.contains("src/unlisted: a top-level module absent"),
        "{text}"
    );
    assert!(text.contains("LAYERS names `wasm`"), "{text}");
    let same_layer = problems(&modules, &[u("pseudo", "write")]);
    assert!(same_layer
        .iter()
        .any(|p| p.contains("`pseudo` (layer 5) imports `write` (layer 5)")));
}
