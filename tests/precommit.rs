//! The `skyplan-lint` hook of `.pre-commit-hooks.yaml`, run by the real
//! `pre-commit` tool (from PyPI) in a scratch git repository: it fails on a
//! broken spec and passes once the spec is fixed.
//!
//! Ignored by default because pre-commit builds the hook with `cargo
//! install` from the committed HEAD (a minute or two); `.ci/run` installs
//! pre-commit and runs it with `cargo test -p skyplan --test precommit -- --ignored`.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn pre_commit(dir: &Path) -> (bool, String) {
    let out = Command::new("pre-commit")
        .args(["run", "--all-files", "--color", "never"])
        .env(
            "PRE_COMMIT_HOME",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("pre-commit-home"),
        )
        .current_dir(dir)
        .output()
        .expect("pre-commit is not installed: pip install pre-commit");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
#[ignore = "builds the hook with cargo install; run by .ci/run"]
fn the_hook_fails_on_a_broken_spec_and_passes_on_a_fixed_one() {
    let head = git(&repo(), &["rev-parse", "HEAD"]);
    let dir = scratch("pre-commit-user-repo");
    git(&dir, &["init", "-q"]);
    let config = format!(
        "repos:\n  - repo: {}\n    rev: {head}\n    hooks:\n      - id: skyplan-lint\n",
        repo().canonicalize().unwrap().display()
    );
    write(&dir, ".pre-commit-config.yaml", &config);
    std::fs::create_dir_all(dir.join("net")).unwrap();
    // Other tools' YAML in the same repository: skipped, not linted.
    std::fs::create_dir_all(dir.join(".github/workflows")).unwrap();
    write(
        &dir.join(".github/workflows"),
        "ci.yml",
        "name: CI\non: [push]\njobs:\n  test: {runs-on: ubuntu-latest}\n",
    );
    write(
        &dir,
        "docker-compose.yml",
        "services:\n  web: {image: nginx}\n",
    );
    let broken = "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 10.0.0.0/16}\nsubnets:\n  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}\n  b: {vpc: main, cidr: 10.0.0.128/25, az: eu-west-1b}\n";
    write(&dir.join("net"), "network.yaml", broken);
    git(&dir, &["add", "-A"]);
    let (ok, text) = pre_commit(&dir);
    assert!(!ok, "the hook passed a broken spec:\n{text}");
    assert!(
        text.contains("SN003") && text.contains("subnet.b overlaps subnet.a"),
        "{text}"
    );

    write(
        &dir.join("net"),
        "network.yaml",
        &broken.replace("10.0.0.128/25", "10.0.1.0/24"),
    );
    git(&dir, &["add", "-A"]);
    let (ok, text) = pre_commit(&dir);
    assert!(ok, "the hook failed a fixed spec:\n{text}");
    assert!(
        text.contains("skyplan lint") && text.contains("Passed"),
        "{text}"
    );
}
