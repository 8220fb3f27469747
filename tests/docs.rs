//! The docs stay true: `docs/rules.md` is generated from the rule registry
//! (regenerate with `UPDATE_DOCS=1 cargo test -p skyplan --test docs`), and
//! the README's example stack lints clean with `--deny warnings`.

mod common;

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

#[test]
fn the_readme_example_stack_lints_clean_with_deny_warnings() {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    let section = &readme[readme.find("## The spec language in brief").unwrap()..];
    let start = section.find("```yaml\n").unwrap() + "```yaml\n".len();
    let yaml = &section[start..start + section[start..].find("```").unwrap()];
    let dir = common::scratch("docs-readme-stack");
    common::write(&dir, "stack.yaml", yaml);
    let out = common::run(
        &["lint", "--deny", "warnings", "--color", "never", "."],
        &dir,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
