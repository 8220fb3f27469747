//! `docs/rules.md` is generated from the rule registry; this test fails when
//! it is out of date. Regenerate with `UPDATE_DOCS=1 cargo test -p skyplan --test docs`.

use std::path::PathBuf;

#[test]
fn rules_md_is_generated_from_the_registry() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let expected = skyplan_diagnostics::registry::markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).expect("write docs/rules.md");
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is out of date: run `UPDATE_DOCS=1 cargo test -p skyplan --test docs`"
    );
}
