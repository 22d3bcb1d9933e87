//! The specification files committed in `docs/spec/` are byte-for-byte copies of the shared
//! specification folder (see `docs/spec/README.md`). On the developers' machines that folder
//! sits beside the repository (`../shared/`); the test compares each copy with it and says
//! which file to refresh. In a plain clone (CI) the folder is absent and the test checks only
//! that every copy listed in `docs/spec/README.md` is committed.

use std::path::{Path, PathBuf};

/// (copy in `docs/spec/`, path of the original inside the shared folder).
const COPIES: &[(&str, &str)] = &[
    ("OLINPE.md", "spec/OLINPE.md"),
    ("INTERFACES.md", "spec/INTERFACES.md"),
    ("decret2016.xsd", "spec/decret2016.xsd"),
    ("decret2016.ods", "spec/decret2016.ods"),
    ("Guide_Olinpe_MAJ2018.pdf", "spec/Guide_Olinpe_MAJ2018.pdf"),
    ("STYLE.md", "STYLE.md"),
];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The shared folder beside the repository, when it is there. Worktrees under a sibling
/// folder are looked up one level higher as well.
fn shared() -> Option<PathBuf> {
    [repo().join("../shared"), repo().join("../../shared")]
        .into_iter()
        .find(|p| p.join("spec/OLINPE.md").is_file())
}

#[test]
fn every_copy_is_committed_and_listed() {
    let readme = std::fs::read_to_string(repo().join("docs/spec/README.md"))
        .expect("docs/spec/README.md says where each copy comes from");
    for (copy, _) in COPIES {
        let path = repo().join("docs/spec").join(copy);
        let len = std::fs::metadata(&path)
            .unwrap_or_else(|e| panic!("{} missing: {e}", path.display()))
            .len();
        assert!(
            len > 1000,
            "{} looks truncated ({len} bytes)",
            path.display()
        );
        assert!(
            readme.contains(&format!("`{copy}`")),
            "docs/spec/README.md does not list {copy} with its source and date"
        );
    }
}

#[test]
fn copies_equal_the_shared_specification() {
    let Some(shared) = shared() else {
        eprintln!("note: no shared specification folder beside the repository; comparison skipped");
        return;
    };
    let mut stale = Vec::new();
    for (copy, original) in COPIES {
        let ours = std::fs::read(repo().join("docs/spec").join(copy)).expect("copy readable");
        match std::fs::read(shared.join(original)) {
            Ok(theirs) if theirs == ours => {}
            Ok(_) => stale.push(format!("docs/spec/{copy} differs from {original}")),
            Err(e) => stale.push(format!("{original} unreadable: {e}")),
        }
    }
    assert!(
        stale.is_empty(),
        "refresh the copies (cp) in the same commit as the work that follows them:\n{}",
        stale.join("\n")
    );
}
