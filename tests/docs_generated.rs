//! The committed `docs/rules.md` and `docs/findings.md` must be exactly what the registry, the
//! catalogue and the verdict's reasons generate. After an intended change, re-bless with
//! `OLINPE_BLESS=1 cargo test --test tests docs_generated::` and review the diff.

use olinpe::rules::registry::{findings_markdown, rules_markdown};
use olinpe::session::verdict::reasons_markdown;
use std::fs;
use std::path::Path;

fn check(name: &str, generated: String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(name);
    if std::env::var_os("OLINPE_BLESS").is_some() {
        fs::write(&path, &generated).expect("write the generated doc");
        return;
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/{name} is stale: run `OLINPE_BLESS=1 cargo test --test tests docs_generated::` and commit \
         the result"
    );
}

#[test]
fn rules_doc_is_generated() {
    check("rules.md", rules_markdown());
}

/// The finding codes, then continuity's verdict reasons in a section of their own.
#[test]
fn findings_doc_is_generated() {
    check(
        "findings.md",
        findings_markdown() + &reasons_markdown() + &olinpe::continuity::reasons_markdown(),
    );
}
