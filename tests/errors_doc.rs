//! The committed `docs/errors.md` must be exactly what `olinpe::error::errors_markdown`
//! generates from the error kinds. After an intended change, re-bless with
//! `OLINPE_BLESS=1 cargo test --test tests errors_doc::` and review the diff.

use olinpe::error::{errors_markdown, ErrorKind};
use std::fs;
use std::path::Path;

#[test]
fn errors_doc_is_generated() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/errors.md");
    let generated = errors_markdown();
    if std::env::var_os("OLINPE_BLESS").is_some() {
        fs::write(&path, &generated).expect("write docs/errors.md");
        return;
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/errors.md is stale: run `OLINPE_BLESS=1 cargo test --test tests errors_doc::` and \
         commit the result"
    );
}

#[test]
fn every_code_is_in_the_doc() {
    let doc = errors_markdown();
    for k in ErrorKind::examples() {
        assert!(doc.contains(&format!("`{}`", k.code())), "{}", k.code());
        assert!(doc.contains(k.explanation()), "{:?}", k);
    }
}
