//! The real binary on the shipped stacks and on broken copies: exit codes,
//! JSON shape, rendered text (insta snapshots), and no panic on any input.

mod common;

use common::*;

#[test]
fn shipped_stacks_lint_clean() {
    let out = run(&["lint", "specs", "--deny", "warnings"], &repo());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("All checks passed: 6 stacks"), "{stdout}");
}

#[test]
fn json_follows_the_contract() {
    let out = run(
        &[
            "validate",
            "--format",
            "json",
            "examples/first-stack/broken",
        ],
        &repo(),
    );
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    assert_eq!(doc["format_version"], "1.0");
    assert_eq!(doc["valid"], false);
    assert_eq!(doc["error_count"], 4);
    assert_eq!(doc["warning_count"], 0, "validate reports errors only");
    let first = &doc["diagnostics"][0];
    assert_eq!(first["code"], "SN003");
    assert_eq!(first["rule"], "subnet-overlap");
    assert_eq!(
        first["resources"],
        serde_json::json!(["subnet.app-b", "subnet.app-a"])
    );
    assert_eq!(first["range"]["start"]["line"], 9);
    assert_eq!(first["range"]["start"]["column"], 31);
    assert_eq!(
        first["range"]["filename"],
        "examples/first-stack/broken/network.yaml"
    );
    assert_eq!(first["related"][0]["range"]["start"]["line"], 8);
}

#[test]
fn lint_text_is_pinned() {
    let out = run(
        &["lint", "--color", "never", "examples/first-stack/broken"],
        &repo(),
    );
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("broken_first_stack", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn language_errors_are_pinned() {
    let dir = scratch("cli-language");
    write(
        &dir,
        "a.yaml",
        "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 10.0.0.0/16, cdir: x, dns_support: on}\n",
    );
    write(
        &dir,
        "b.yaml",
        "vpcs:\n  main: {cidr: 10.1.0.0/16}\nsubnets:\n  a: {vpc: mian, cidr: 10.0.0.0/24, az: eu-west-1a}\n",
    );
    let out = run(&["validate", "--color", "never", "."], &dir);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("language_errors", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn sarif_and_github_formats() {
    let out = run(
        &["lint", "--format", "sarif", "examples/first-stack/broken"],
        &repo(),
    );
    let doc = json(&out);
    assert_eq!(doc["version"], "2.1.0");
    let result = &doc["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "SN003");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        9
    );
    let rules = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), skyplan_diagnostics::Rule::ALL.len());

    let out = run(
        &["lint", "--format", "github", "examples/first-stack/broken"],
        &repo(),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().next().unwrap().starts_with(
            "::error file=examples/first-stack/broken/network.yaml,line=9,col=31,endLine=9,endColumn=45,title=SN003 subnet-overlap::"
        ),
        "{text}"
    );
}

#[test]
fn deny_warnings_select_and_ignore() {
    let dir = scratch("cli-deny");
    write(
        &dir,
        "a.yaml",
        "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 52.0.0.0/16}\n",
    );
    assert_eq!(
        run(&["lint", "."], &dir).status.code(),
        Some(0),
        "warnings alone pass"
    );
    assert_eq!(
        run(&["lint", "--deny", "warnings", "."], &dir)
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        run(
            &["lint", "--deny", "warnings", "--ignore", "VP007", "."],
            &dir
        )
        .status
        .code(),
        Some(0)
    );
    // `--select VP` selects the group, rules off by default (VP015) too.
    let out = run(&["lint", "--format", "json", "--select", "VP", "."], &dir);
    let codes: Vec<String> = json(&out)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert!(codes.iter().all(|c| c.starts_with("VP")), "{codes:?}");
    assert!(codes.contains(&"VP007".to_string()), "{codes:?}");
    assert!(codes.contains(&"VP015".to_string()), "{codes:?}");
    let bad = run(&["lint", "--select", "XX9", "."], &dir);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("matches no rule"));
}

#[test]
fn a_file_argument_means_its_stack() {
    let out = run(
        &["lint", "--format", "json", "specs/bastion/compute.yaml"],
        &repo(),
    );
    let doc = json(&out);
    assert_eq!(
        doc["valid"], true,
        "compute.yaml alone would not resolve; its stack does"
    );
}

#[test]
fn usage_and_io_errors_exit_2() {
    assert_eq!(
        run(&["lint", "no/such/dir"], &repo()).status.code(),
        Some(2)
    );
    assert_eq!(run(&["explain", "SN999"], &repo()).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"], &repo()).status.code(), Some(2));
    // One table for every command: a missing path is 2 everywhere...
    for command in [
        &["validate", "no/such/dir"][..],
        &["graph", "no/such/dir"],
        &[
            "reach",
            "no/such/dir",
            "--from",
            "a",
            "--to",
            "b",
            "--port",
            "1",
        ],
        &["exposure", "no/such/dir"],
        &["show", "no/such/dir"],
        &["state", "list", "no/such/dir"],
        &["plan", "no/such/dir"],
        &["plan", "--bogus"],
    ] {
        assert_eq!(run(command, &repo()).status.code(), Some(2), "{command:?}");
    }
    // ...but `plan --detailed-exitcode` keeps 2 for "changes present", so
    // every error of such a run is 1.
    assert_eq!(
        run(&["plan", "--detailed-exitcode", "--bogus"], &repo())
            .status
            .code(),
        Some(1),
        "never 2 (= changes present)"
    );
    assert_eq!(
        run(&["plan", "--detailed-exitcode", "no/such/dir"], &repo())
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn explain_prints_the_registry_doc() {
    let out = run(&["explain", "subnet-overlap"], &repo());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("SN003 subnet-overlap (error)"), "{text}");
    assert!(text.contains("## Fix"));
    let all = run(&["explain", "--all"], &repo());
    assert_eq!(
        String::from_utf8_lossy(&all.stdout).lines().count(),
        skyplan_diagnostics::Rule::ALL.len()
    );
}

#[test]
fn graph_in_dot_and_mermaid() {
    let dot = run(&["graph", "specs/bastion"], &repo());
    let text = String::from_utf8_lossy(&dot.stdout);
    assert!(
        text.contains("\"subnet.public-a\" -> \"vpc.main\" [label=\"vpc\"];"),
        "{text}"
    );
    assert!(text.contains("\"security_group.app\" -> \"security_group.bastion\" [label=\"ingress[0].security_group\", style=dashed];"));
    assert!(
        text.contains("\"instance.app[3]\" -> \"subnet.private-c\""),
        "round-robin placement"
    );
    let mermaid = run(
        &["graph", "--format", "mermaid", "specs/hub-spoke"],
        &repo(),
    );
    assert!(String::from_utf8_lossy(&mermaid.stdout).starts_with("flowchart LR\n"));
    let broken = run(&["graph", "examples/first-stack/broken"], &repo());
    assert_eq!(broken.status.code(), Some(1));
}

#[test]
fn output_is_byte_identical_across_runs() {
    let a = run(&["lint", "--format", "json", "specs", "examples"], &repo());
    let b = run(&["lint", "--format", "json", "specs", "examples"], &repo());
    assert_eq!(a.stdout, b.stdout);
}

/// Truncated and mutated copies of every shipped spec: a clean error and
/// exit 0, 1 or 2, never a panic (101) or a signal.
#[test]
fn no_input_makes_skyplan_panic() {
    let mut texts = Vec::new();
    for stack in shipped_stacks() {
        for entry in std::fs::read_dir(repo().join("specs").join(stack)).unwrap() {
            texts.push(std::fs::read(entry.unwrap().path()).unwrap());
        }
    }
    let mutations: &[&[u8]] = &[
        b"",
        b":",
        b"- ",
        b"{",
        b"]",
        b"&a",
        b"*a",
        b"!!binary ",
        b"\t",
        b"\xff",
        b"'",
        b"0x",
        b"~",
    ];
    let dir = scratch("cli-fuzz");
    let mut seed: u64 = 0x5eed;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    };
    for round in 0..120 {
        let base = &texts[round % texts.len()];
        let mut text = base[..next(base.len() + 1)].to_vec();
        if round % 2 == 1 {
            let at = next(text.len() + 1);
            let m = mutations[next(mutations.len())];
            text.splice(at..at, m.iter().copied());
        }
        std::fs::write(dir.join("spec.yaml"), &text).unwrap();
        let out = run(&["lint", "--format", "json", "."], &dir);
        let code = out.status.code();
        assert!(
            matches!(code, Some(0..=2)),
            "round {round}: exit {code:?}\n{}\n--- input ---\n{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&text)
        );
    }
}

#[test]
fn skyplan_toml_is_found_above_the_stack_and_flags_refine_it() {
    let root = scratch("cli-config");
    let stack = root.join("net");
    std::fs::create_dir_all(&stack).unwrap();
    write(
        &stack,
        "a.yaml",
        "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 52.0.0.0/16}\n",
    );
    write(
        &root,
        "skyplan.toml",
        "ignore = [\"VP009\"]\n[severity]\nVP007 = \"error\"\n",
    );
    let out = run(&["lint", "--format", "json", "net"], &root);
    assert_eq!(
        out.status.code(),
        Some(1),
        "VP007 raised to an error fails the run"
    );
    let doc = json(&out);
    assert_eq!(doc["diagnostics"][0]["code"], "VP007");
    assert_eq!(doc["diagnostics"][0]["severity"], "error");
    assert_eq!(
        run(&["lint", "--ignore", "VP007", "net"], &root)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&["lint", "--isolated", "net"], &root).status.code(),
        Some(0),
        "a warning again"
    );

    write(&root, "other.toml", "select = [\"SN\"]\n");
    let out = run(
        &["lint", "--format", "json", "--config", "other.toml", "net"],
        &root,
    );
    assert_eq!(json(&out)["diagnostics"], serde_json::json!([]));

    write(&root, "skyplan.toml", "[severity]\nVP007 = \"fatal\"\n");
    let bad = run(&["lint", "net"], &root);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("skyplan.toml") && stderr.contains("fatal"),
        "{stderr}"
    );
}

#[test]
fn json_says_why_deny_warnings_fails_and_notes_never_fail() {
    let dir = scratch("cli-json-deny");
    write(
        &dir,
        "a.yaml",
        "defaults: {region: ap-southeast-7}\nvpcs:\n  main: {cidr: 10.0.0.0/16}\nsubnets:\n  a: {vpc: main, cidr: 10.0.0.0/24, az: ap-southeast-7a}\ninstances:\n  web: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro}\n",
    );
    let out = run(
        &["lint", "--format", "json", "--deny", "warnings", "."],
        &dir,
    );
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    assert_eq!(doc["valid"], false, "{doc}");
    assert!(
        doc["failed_because"]
            .as_str()
            .unwrap()
            .contains("--deny warnings"),
        "{doc}"
    );
    assert_eq!(doc["info_count"], 1, "EC014 is a note: {doc}");
    // Without the warnings (one AZ, no default group), the note alone passes.
    let out = run(
        &[
            "lint",
            "--format",
            "json",
            "--deny",
            "warnings",
            "--ignore",
            "VP009,SG013",
            ".",
        ],
        &dir,
    );
    let doc = json(&out);
    assert_eq!(out.status.code(), Some(0), "{doc}");
    assert_eq!(doc["valid"], true);
    assert_eq!(doc["failed_because"], serde_json::Value::Null);
}

#[test]
fn yaml_of_other_tools_is_skipped_with_a_note_not_linted() {
    let dir = scratch("cli-other-yaml");
    std::fs::create_dir_all(dir.join(".github/workflows")).unwrap();
    std::fs::create_dir_all(dir.join("net")).unwrap();
    std::fs::create_dir_all(dir.join("app")).unwrap();
    std::fs::create_dir_all(dir.join("vendor/old")).unwrap();
    write(
        &dir.join(".github/workflows"),
        "ci.yml",
        "name: CI\non: [push]\njobs:\n  t: {runs-on: ubuntu-latest}\n",
    );
    write(&dir, ".pre-commit-config.yaml", "repos: []\n");
    write(
        &dir.join("app"),
        "docker-compose.yml",
        "services:\n  web: {image: nginx}\n",
    );
    write(
        &dir.join("net"),
        "network.yaml",
        "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 10.0.0.0/16}\nsubnets:\n  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}\n  b: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1b}\n",
    );
    // A broken spec in a directory skyplan.toml excludes.
    write(
        &dir.join("vendor/old"),
        "a.yaml",
        "vpcs:\n  x: {cidr: 10.0.0.0/33}\n",
    );
    write(&dir, "skyplan.toml", "exclude = [\"vendor/**\"]\n");
    // As pre-commit calls it: every YAML file, by name.
    let files = [
        ".github/workflows/ci.yml",
        ".pre-commit-config.yaml",
        "app/docker-compose.yml",
        "net/network.yaml",
        "vendor/old/a.yaml",
    ];
    let mut args = vec!["lint"];
    args.extend(files);
    let (code, out, err) = sky(&dir, &args);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("1 stack"), "{out}");
    assert!(err.contains("skipped 3 YAML paths"), "{err}");
    // Walking the directory finds the same one stack.
    let (code, out, err) = sky(&dir, &["lint", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("1 stack"), "{out}");
    // A misspelt spec is still a spec, with its mistake reported.
    write(
        &dir.join("app"),
        "net.yaml",
        "vpc:\n  x: {cidr: 10.1.0.0/16}\n",
    );
    let (code, out, _) = sky(&dir, &["lint", "app/net.yaml"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("SP002") && out.contains("vpcs"), "{out}");
}

#[test]
fn version_names_the_commit_and_the_facts_dates_and_completions_and_man_work() {
    let out = run(&["--version"], &repo());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("skyplan 0.") && text.contains("commit ") && text.contains("checked 20"),
        "{text}"
    );
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(&["completions", shell], &repo());
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("skyplan"),
            "{shell}"
        );
    }
    let man = run(&["man"], &repo());
    assert!(String::from_utf8_lossy(&man.stdout).contains(".TH skyplan 1"));
    assert_eq!(
        run(&["completions", "tcsh"], &repo()).status.code(),
        Some(2)
    );
    for license in ["LICENSE-MIT", "LICENSE-APACHE"] {
        assert!(repo().join(license).is_file(), "{license}");
    }
}

#[test]
fn reports_open_at_the_finding_and_help_examples_run() {
    // AZ003's report opens at the `az:`, not at `defaults.region`.
    let dir = scratch("cli-az003-header");
    write(
        &dir,
        "a.yaml",
        "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 10.0.0.0/16}\nsubnets:\n  a: {vpc: main, cidr: 10.0.0.0/24, az: us-east-1a}\n",
    );
    let out = run(
        &["lint", "--color", "never", "--select", "AZ003", "."],
        &dir,
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let first = text.lines().find(|l| l.contains("╭─[")).unwrap_or_default();
    assert!(first.contains("a.yaml:5:41"), "{text}");
    assert!(text.contains("Advice: see also"), "{text}");
    // The examples `--help` shows run as shown.
    for args in [
        &["exposure", "specs/web-asg", "--format", "json"][..],
        &[
            "reach",
            "specs/bastion",
            "--from",
            "instance.app[0]",
            "--to",
            "instance.db",
            "--port",
            "5432",
        ],
        &["graph", "specs/hub-spoke", "--format", "mermaid"],
    ] {
        let out = run(args, &repo());
        assert_eq!(out.status.code(), Some(0), "{args:?}");
    }
}
