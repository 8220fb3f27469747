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
    fresh("docs/spec.md", &skyplan_spec::generated::markdown());
    let schema = skyplan_spec::generated::json_schema();
    fresh("docs/skyplan.schema.json", &schema);
    let out = common::run(&["schema"], &common::repo());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), schema);
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&skyplan_spec::generated::json_schema()).unwrap();
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

/// Every Markdown file users read, with its fenced blocks balanced: an
/// unclosed fence turns the rest of the page into code.
#[test]
fn every_fence_in_the_docs_closes() {
    let repo = common::repo();
    let mut pages = vec![repo.join("README.md"), repo.join("ARCHITECTURE.md")];
    for dir in ["docs", "examples"] {
        let mut stack = vec![repo.join(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "md") {
                    pages.push(p);
                }
            }
        }
    }
    for page in pages {
        let text = std::fs::read_to_string(&page).unwrap();
        let mut open: Option<usize> = None;
        for (i, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("```") {
                open = match open {
                    None => Some(i + 1),
                    Some(_) if line.trim() == "```" => None,
                    Some(at) => panic!(
                        "{}:{}: a fence opens inside the block opened at line {at}",
                        page.display(),
                        i + 1
                    ),
                };
            }
        }
        assert!(
            open.is_none(),
            "{}: the fence at line {open:?} never closes",
            page.display()
        );
    }
}

/// Ids differ per state lineage: `vpc-0123…` compares as `vpc-ID`.
fn without_ids(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find('-') {
        let (head, tail) = rest.split_at(at + 1);
        out.push_str(head);
        let hex = tail.bytes().take_while(u8::is_ascii_hexdigit).count();
        if hex == 17 {
            out.push_str("ID");
            rest = &tail[hex..];
        } else {
            rest = tail;
        }
    }
    out.push_str(rest);
    out.trim_end().to_string()
}

/// Every `$ skyplan …` block of the README is run (on a copy of `specs/` and
/// `examples/`, so nothing in the checkout changes) and every line it shows
/// is produced, in order (`...` stands for lines left out; ids compare
/// equal whatever their digits).
#[test]
fn every_command_the_readme_shows_produces_what_it_shows() {
    let repo = common::repo();
    let work = common::scratch("docs-readme-commands");
    for dir in ["specs", "examples"] {
        let status = std::process::Command::new("cp")
            .args([
                "-r",
                repo.join(dir).to_str().unwrap(),
                work.to_str().unwrap(),
            ])
            .status()
            .unwrap();
        assert!(status.success());
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_skyplan"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let readme = std::fs::read_to_string(repo.join("README.md")).unwrap();
    let mut blocks = 0;
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if !line.starts_with("```") {
            continue;
        }
        let block: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        if line != "```" {
            continue; // a ```yaml or ```toml block: no command output
        }
        let Some(command) = block.first().and_then(|l| l.strip_prefix("$ skyplan ")) else {
            continue;
        };
        blocks += 1;
        let out = std::process::Command::new("sh")
            .args(["-c", &format!("skyplan {command}")])
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .current_dir(&work)
            .output()
            .unwrap();
        let actual: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(without_ids)
            .collect();
        let mut at = 0;
        for shown in block[1..].iter().filter(|l| **l != "...") {
            let shown = without_ids(shown);
            match actual[at..].iter().position(|a| *a == shown) {
                Some(k) => at += k + 1,
                None => panic!(
                    "`skyplan {command}` does not print {shown:?} (after line {at}):\n{}",
                    actual.join("\n")
                ),
            }
        }
    }
    assert!(blocks >= 5, "only {blocks} command blocks found");
}
