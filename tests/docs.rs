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

/// Compares a generated file with its copy in the repository, or rewrites
/// the copy with `UPDATE_DOCS=1`.
fn fresh(relative: &str, expected: &str) {
    let path = common::repo().join(relative);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, expected).expect("write generated doc");
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{relative} is out of date: run `UPDATE_DOCS=1 cargo test -p skyplan --test docs`"
    );
}

#[test]
fn spec_md_and_the_schema_are_generated_from_the_kind_table() {
    fresh("docs/spec.md", &skyplan_spec::reference::markdown());
    let schema = skyplan_spec::reference::json_schema();
    fresh("docs/skyplan.schema.json", &schema);
    let out = common::run(&["schema"], &common::repo());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), schema);
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&skyplan_spec::reference::json_schema()).unwrap();
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

fn as_json(yaml: &str) -> serde_json::Value {
    serde_saphyr::from_str(yaml).expect("YAML")
}

#[test]
fn every_shipped_stack_and_example_validates_against_the_schema() {
    let validator = validator();
    let mut checked = 0;
    for name in common::shipped_stacks() {
        for entry in std::fs::read_dir(common::repo().join("specs").join(name)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let doc = as_json(&std::fs::read_to_string(&path).unwrap());
            let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 6, "checked only {checked} files");
}

#[test]
fn the_schema_refuses_unknown_keys_wrong_types_and_bad_choices() {
    let validator = validator();
    for bad in [
        "vpcs:\n  main: {cidr: 10.0.0.0/16, cdir: x}\n",
        "vpcs:\n  main: {cidr: 10.0.0.0/16, dns_support: \"true\"}\n",
        "subnets:\n  a: {vpc: main, cidr: 10.0.0.0/24}\n",
        "volumes:\n  v: {az: eu-west-1a, size_gb: 10, type: gp9}\n",
        "route_tables:\n  r: {vpc: main, routes: [{destination: 0.0.0.0/0, gateway: igw}]}\n",
        "instancez:\n  x: {}\n",
        "instances:\n  x: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, count: -1}\n",
    ] {
        assert!(!validator.is_valid(&as_json(bad)), "accepted: {bad}");
    }
    assert!(validator.is_valid(&as_json(
        "instances:\n  x: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, count: 0}\n"
    )));
}
