//! The trust defects of a new user's, an attacker's and a public network's
//! first contact with skyplan, each pinned on the real binary: nothing the
//! user did not remove is destroyed, nothing outside skyplan's files is
//! written, no hostile input panics, hangs or reaches the terminal raw.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::*;
use serde_json::Value;

const TWO_FILES_A: &str = "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 10.0.0.0/16}\nsubnets:\n  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}\n  b: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1b}\n";
const TWO_FILES_B: &str = "internet_gateways:\n  igw: {vpc: main}\n";

fn two_file_stack(name: &str) -> PathBuf {
    let dir = scratch(name);
    write(&dir, "a.yaml", TWO_FILES_A);
    write(&dir, "b.yaml", TWO_FILES_B);
    dir
}

fn apply(dir: &Path) {
    let (code, _, err) = sky(dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
}

fn state(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("skyplan.state.json")).unwrap()).unwrap()
}

fn addresses(state: &Value) -> Vec<String> {
    state["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["address"].as_str().unwrap().to_string())
        .collect()
}

// ------------------------------------------------- 1: a file is its stack ---

#[test]
fn a_file_argument_plans_its_whole_directory() {
    let dir = two_file_stack("trust-file-arg");
    apply(&dir);
    let (code, out, err) = sky(&dir, &["apply", "--auto-approve", "b.yaml"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("No changes"), "b.yaml means the stack: {out}");
    assert_eq!(addresses(&state(&dir)).len(), 4, "nothing destroyed");
    let (_, out, _) = sky(&dir, &["plan", "a.yaml"]);
    assert!(out.contains("No changes"), "{out}");
}

#[test]
fn an_emptied_stack_does_not_plan_the_destruction_of_everything() {
    let dir = two_file_stack("trust-empty");
    apply(&dir);
    write(&dir, "a.yaml", "defaults: {region: eu-west-1}\n");
    write(&dir, "b.yaml", "");
    for args in [&["plan", "."][..], &["apply", "--auto-approve", "."]] {
        let (code, _, err) = sky(&dir, args);
        assert_eq!(code, Some(1), "{args:?}");
        assert!(
            err.contains("is empty") && err.contains("skyplan destroy"),
            "{err}"
        );
    }
    assert_eq!(addresses(&state(&dir)).len(), 4);
    let (code, out, _) = sky(&dir, &["plan", "--destroy", "."]);
    assert_eq!(code, Some(0));
    assert!(out.contains("4 to destroy"), "{out}");
}

// ----------------------------------------- 2: links next to the state ---

#[cfg(unix)]
#[test]
fn a_shipped_link_next_to_the_state_is_refused_not_followed() {
    for sibling in ["skyplan.state.json.lock", "skyplan.state.json.journal"] {
        let dir = two_file_stack(&format!("trust-link-{sibling}"));
        let victim = dir.join("victim.txt");
        std::fs::write(&victim, "keep me").unwrap();
        std::os::unix::fs::symlink("victim.txt", dir.join(sibling)).unwrap();
        let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
        assert_eq!(code, Some(1), "{sibling}");
        assert!(err.contains("symbolic link"), "{sibling}: {err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    }
}

// ------------------------------------ 3: a plan made during an apply ---

fn big_stack(dir: &Path) {
    let mut s = String::from(
        "defaults: {region: eu-west-1}\nvpcs:\n  big: {cidr: 10.50.0.0/16}\nsubnets:\n  s0: {vpc: big, cidr: 10.50.0.0/20, az: eu-west-1a}\n  s1: {vpc: big, cidr: 10.50.16.0/20, az: eu-west-1b}\nsecurity_groups:\n  app: {vpc: big, ingress: [{protocol: tcp, ports: 443, cidr: 10.0.0.0/8}]}\ninstances:\n",
    );
    s.push_str("  app: {subnets: [s0, s1], count: 300, ami: ami-0123456789abcdef0, type: m7i.large, security_groups: [app]}\n");
    std::fs::write(dir.join("big.yaml"), s).unwrap();
}

#[test]
fn a_plan_made_during_an_apply_can_never_be_applied_later() {
    let dir = scratch("trust-concurrent");
    big_stack(&dir);
    let mut running = paused_apply(&dir, 40);
    // While the apply runs, plan refuses to read a state mid-change.
    let (code, _, err) = sky(&dir, &["plan", "--out", "during.plan", "."]);
    assert_eq!(code, Some(1));
    assert!(err.contains("locked by a running apply: pid"), "{err}");
    assert!(
        err.contains(" UTC (`"),
        "the holder's time is a date: {err}"
    );
    let _ = running.kill();
    let _ = running.wait();
    // A plan from the interrupted state (journal replayed): 40 steps in.
    let (code, _, err) = sky(&dir, &["plan", "--out", "after.plan", "."]);
    assert_eq!(code, Some(0), "{err}");
    let planned: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("after.plan")).unwrap()).unwrap();
    assert_eq!(planned["state"]["serial"], 40, "one serial per step done");
    // Another apply finishes the work; the saved plan is now stale.
    let mut again = paused_apply(&dir, 1);
    let _ = again.kill();
    let _ = again.wait();
    apply(&dir);
    let before = std::fs::read(dir.join("skyplan.state.json")).unwrap();
    let (code, _, err) = sky(&dir, &["apply", "after.plan"]);
    assert_eq!(code, Some(1), "a stale plan is refused");
    assert!(err.contains("stale") && err.contains("serial 40"), "{err}");
    assert_eq!(
        std::fs::read(dir.join("skyplan.state.json")).unwrap(),
        before
    );
    assert_eq!(sky(&dir, &["plan", "--detailed-exitcode", "."]).0, Some(0));
}

// ---------------------------------------------- 4: private files ---

#[cfg(unix)]
#[test]
fn state_backup_journal_and_plans_are_private_and_keep_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: PathBuf| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = two_file_stack("trust-modes");
    apply(&dir);
    assert_eq!(mode(dir.join("skyplan.state.json")), 0o600);
    assert_eq!(sky(&dir, &["plan", "--out", "p.plan", "."]).0, Some(0));
    assert_eq!(mode(dir.join("p.plan")), 0o600);
    std::fs::set_permissions(
        dir.join("skyplan.state.json"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    write(&dir, "b.yaml", "");
    apply(&dir);
    assert_eq!(mode(dir.join("skyplan.state.json")), 0o640, "kept");
    assert_eq!(mode(dir.join("skyplan.state.json.backup")), 0o600);
}

// ------------------------------------------- 5: terminal escapes ---

#[test]
fn escape_sequences_from_specs_never_reach_the_terminal() {
    let dir = scratch("trust-escapes");
    write(
        &dir,
        "a.yaml",
        "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 10.0.0.0/16}\nsubnets:\n  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}\n  b: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1b}\ninstances:\n  x:\n    subnet: a\n    ami: ami-0123456789abcdef0\n    type: t3.micro\n    user_data: \"#!/bin/sh\\necho \\e]8;;http://evil\\a click \\e]8;;\\a\\n\"\n",
    );
    let (_, out, _) = sky(&dir, &["plan", "--color", "never", "."]);
    assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
    assert!(out.contains("\\u{1b}]8;;http://evil"), "{out}");
    // A raw ESC in a source line and in a file name.
    let dir = scratch("trust-escapes-diag");
    write(
        &dir,
        "evil\x1b[2J.yaml",
        "vpcs:\n  main: {cidr: \"10.0.0.0/33\x1b]0;owned\x07\"}\n",
    );
    let (code, out, _) = sky(&dir, &["lint", "--color", "never", "."]);
    assert_eq!(code, Some(1));
    assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
}

// ---------------------------------------- 6: forged state files ---

fn forged(dir: &Path, resources: &str, serial: u64) {
    write(
        dir,
        "skyplan.state.json",
        &format!(
            r#"{{"format_version": 1, "serial": {serial}, "lineage": "l", "resources": [{resources}]}}"#
        ),
    );
}

const VPC_A: &str = r#"{"address": "vpc.main", "kind": "vpc", "name": "main", "id": "vpc-0123456789abcdef0", "attributes": {"cidr": "10.0.0.0/16"}}"#;
const VPC_B: &str = r#"{"address": "vpc.main", "kind": "vpc", "name": "main", "id": "vpc-1111111111111111f", "attributes": {"cidr": "10.0.0.0/16"}}"#;

#[test]
fn a_state_naming_an_address_twice_is_refused_as_corrupt() {
    let dir = two_file_stack("trust-dup-address");
    forged(&dir, &format!("{VPC_A}, {VPC_B}"), 3);
    let before = std::fs::read(dir.join("skyplan.state.json")).unwrap();
    let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("corrupt") && err.contains("`vpc.main` appears twice"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(dir.join("skyplan.state.json")).unwrap(),
        before
    );
}

#[test]
fn a_serial_at_its_maximum_is_refused_not_wrapped() {
    let dir = two_file_stack("trust-serial-max");
    forged(&dir, VPC_A, u64::MAX - 1);
    let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(1));
    assert!(err.contains("serial is at its maximum"), "{err}");
    assert!(
        std::fs::read_to_string(dir.join("skyplan.state.json"))
            .unwrap()
            .contains(&(u64::MAX - 1).to_string())
    );
}

#[test]
fn every_deposed_copy_of_an_address_goes_in_one_apply() {
    let dir = two_file_stack("trust-deposed");
    apply(&dir);
    let mut s = state(&dir);
    let igw = s["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["address"] == "internet_gateway.igw")
        .unwrap()
        .clone();
    let copies: Vec<Value> = ["igw-0000000000000000a", "igw-0000000000000000b"]
        .iter()
        .map(|id| {
            let mut c = igw.clone();
            c["id"] = Value::from(*id);
            c
        })
        .collect();
    s["deposed"] = Value::Array(copies);
    write(&dir, "skyplan.state.json", &s.to_string());
    let (code, out, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out.matches("internet_gateway.igw (old object): Destruction complete")
            .count(),
        2,
        "{out}"
    );
    assert!(state(&dir).get("deposed").is_none());
}

// --------------------------------- 7: leftovers of a killed apply ---

#[test]
fn temp_files_of_killed_applies_are_removed_under_the_lock() {
    let dir = two_file_stack("trust-stale-temps");
    apply(&dir);
    for name in [
        "skyplan.state.json.tmp-999999",
        "skyplan.state.json.backup.tmp-4242",
    ] {
        write(&dir, name, "a full copy of the state");
    }
    write(&dir, "b.yaml", "");
    apply(&dir);
    assert!(!dir.join("skyplan.state.json.tmp-999999").exists());
    assert!(!dir.join("skyplan.state.json.backup.tmp-4242").exists());
}

#[test]
fn an_orphan_journal_is_never_adopted() {
    let dir = two_file_stack("trust-orphan");
    write(
        &dir,
        "skyplan.state.json.journal",
        "{\"journal_for_lineage\":\"someone-else\",\"base_serial\":0}\n{\"resources\":{}}\n",
    );
    let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("someone-else") && err.contains("no state file"),
        "{err}"
    );
    assert!(!dir.join("skyplan.state.json").exists());
}

// ---------------------------------------------- 8-11: hostile input ---

#[test]
fn a_label_past_column_65535_does_not_panic() {
    let dir = scratch("trust-wide");
    write(
        &dir,
        "a.yaml",
        &format!("vpcs: {}{{main: nope}}\n", " ".repeat(70_000)),
    );
    let (code, out, err) = sky(&dir, &["lint", "--color", "never", "."]);
    assert_eq!(code, Some(1), "{err}");
    assert!(out.contains("a.yaml:1:70014"), "located in text: {out}");
    assert!(out.len() < 5_000, "the long line is not printed");
}

#[test]
fn many_dangling_references_get_a_bounded_answer() {
    let dir = scratch("trust-dangling");
    let mut s = String::from("defaults: {region: eu-west-1}\nvpcs:\n");
    for i in 0..3_000 {
        s.push_str(&format!(
            "  v{i:05}: {{cidr: 10.{}.{}.0/24}}\n",
            i / 256,
            i % 256
        ));
    }
    s.push_str("subnets:\n");
    for i in 0..3_000 {
        s.push_str(&format!(
            "  s{i}: {{vpc: w{i:05}, cidr: 10.0.0.0/24, az: eu-west-1a}}\n"
        ));
    }
    s.push_str(&format!(
        "instances:\n  x: {{subnet: s0, ami: ami-0123456789abcdef0, type: {}}}\n",
        "t".repeat(1_000_000)
    ));
    write(&dir, "a.yaml", &s);
    let (code, out, _) = sky(&dir, &["validate", "--format", "json", "."]);
    assert_eq!(code, Some(1));
    let doc: Value = serde_json::from_str(&out).unwrap();
    let dangling = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "RF001")
        .count();
    assert_eq!(dangling, 3_000, "every reference is still reported");
}

#[cfg(unix)]
#[test]
fn link_loops_in_a_stack_tree_are_not_walked() {
    let dir = scratch("trust-loops");
    std::fs::create_dir_all(dir.join("stack")).unwrap();
    write(&dir.join("stack"), "a.yaml", TWO_FILES_A);
    std::os::unix::fs::symlink("..", dir.join("stack/up")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("stack/here")).unwrap();
    let (code, out, _) = sky(&dir, &["lint", "--format", "json", "."]);
    assert_eq!(code, Some(0), "{out}");
    let (_, text, _) = sky(&dir, &["lint", "."]);
    assert!(text.contains("1 stack"), "checked once: {text}");
}

#[cfg(unix)]
#[test]
fn sizes_and_file_types_are_checked_before_reading() {
    let dir = two_file_stack("trust-sizes");
    let sparse = std::fs::File::create(dir.join("zz.yaml")).unwrap();
    sparse.set_len(2 << 30).unwrap(); // 2 GiB, no blocks
    let (code, out, _) = sky(&dir, &["lint", "--format", "json", "."]);
    assert_eq!(code, Some(1));
    assert!(
        out.contains("SP009") && out.contains("more than the"),
        "{out}"
    );
    std::fs::remove_file(dir.join("zz.yaml")).unwrap();

    let (code, _, err) = sky(&dir, &["plan", "--state", "/dev/zero", "."]);
    assert_eq!(code, Some(1));
    assert!(err.contains("not a regular file"), "{err}");

    assert!(
        Command::new("mkfifo")
            .arg(dir.join("x.yaml"))
            .status()
            .unwrap()
            .success()
    );
    let (code, _, err) = sky(&dir, &["lint", "."]);
    assert_eq!(code, Some(2));
    assert!(err.contains("not a regular file"), "{err}");
}

// ---------------------------------------------------- 16-22: workflow ---

#[test]
fn plan_json_on_an_invalid_stack_prints_the_diagnostics_json() {
    let dir = scratch("trust-plan-json");
    write(&dir, "a.yaml", "vpcs:\n  main: {cidr: nope}\n");
    let out = run(&["plan", "--json", "."], &dir);
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    assert_eq!(doc["valid"], false);
    let codes: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(codes, ["SP007", "CD001"]);
}

#[test]
fn an_unknown_target_is_an_error_with_a_suggestion() {
    let dir = two_file_stack("trust-target");
    let (code, _, err) = sky(&dir, &["plan", "--target", "subnet.c", "."]);
    assert_eq!(code, Some(2), "a usage error");
    assert!(err.contains("did you mean `subnet.a`?"), "{err}");
    let (code, _, err) = sky(&dir, &["plan", "--target", "subnet.a", "."]);
    assert_eq!(code, Some(0));
    assert!(err.contains("Resource targeting is in effect"), "{err}");
}

#[test]
fn a_saved_plan_applies_from_any_directory() {
    let dir = two_file_stack("trust-plan-path");
    let parent = dir.parent().unwrap();
    let name = dir.file_name().unwrap().to_str().unwrap();
    let plan = dir.join("p.plan");
    // Planned by a relative path from the stack's parent...
    let (code, _, err) = sky(parent, &["plan", "--out", plan.to_str().unwrap(), name]);
    assert_eq!(code, Some(0), "{err}");
    // ...and applied by its absolute path from somewhere else.
    let other = scratch("trust-plan-path-other");
    let (code, _, err) = sky(&other, &["apply", plan.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(addresses(&state(&dir)).len(), 4);
}

#[test]
fn destroy_show_and_state_need_only_the_state() {
    let dir = two_file_stack("trust-no-specs");
    apply(&dir);
    for f in ["a.yaml", "b.yaml"] {
        std::fs::remove_file(dir.join(f)).unwrap();
    }
    assert_eq!(sky(&dir, &["state", "list", "."]).1.lines().count(), 4);
    assert!(sky(&dir, &["show", "."]).1.contains("vpc.main"));
    let (code, out, err) = sky(&dir, &["destroy", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.ends_with("Destroy complete! Resources: 4 destroyed.\n"),
        "{out}"
    );
    let (code, out, _) = sky(&dir, &["destroy", "--auto-approve", "."]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("Nothing to destroy"), "{out}");
}

#[test]
fn plan_shows_the_stack_warnings_under_the_plan() {
    let dir = two_file_stack("trust-plan-warnings");
    write(
        &dir,
        "c.yaml",
        "security_groups:\n  ssh: {vpc: main, ingress: [{protocol: tcp, ports: 22, cidr: 0.0.0.0/0}]}\n",
    );
    let (code, out, _) = sky(&dir, &["plan", "--color", "never", "."]);
    assert_eq!(code, Some(0));
    let plan_end = out.find("Plan: ").unwrap();
    assert!(out[plan_end..].contains("SG010"), "{out}");
}

#[test]
fn the_lock_names_a_date_and_nobody_once_released() {
    let dir = two_file_stack("trust-lock-file");
    apply(&dir);
    assert_eq!(
        std::fs::read_to_string(dir.join("skyplan.state.json.lock")).unwrap(),
        "",
        "a released lock names no holder"
    );
}

#[test]
fn plans_are_coloured_when_asked_and_quiet_when_asked() {
    let dir = two_file_stack("trust-colour");
    let (_, out, _) = sky(&dir, &["plan", "--color", "always", "."]);
    assert!(out.contains("\x1b[32m+\x1b[0m resource"), "{out:?}");
    let (_, out, _) = sky(&dir, &["plan", "--color", "never", "."]);
    assert!(!out.contains('\x1b'));
    let (_, out, _) = sky(&dir, &["plan", "-q", "."]);
    assert_eq!(out, "Plan: 4 to add, 0 to change, 0 to destroy.\n");
    let (_, _, err) = sky(&dir, &["plan", "-v", "."]);
    assert!(err.contains("skyplan.state.json"), "{err}");
}

// ------------------------------------------------------- 24: smaller ---

#[test]
fn smaller_messages_say_what_is_wrong() {
    let dir = scratch("trust-smaller");
    write(
        &dir,
        "a.yaml",
        "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 10.0.0.0/33}\nsubnets:\n  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}\ninstances:\n  x: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, count: 99999999999999999999}\n",
    );
    let (_, out, _) = sky(&dir, &["validate", "--color", "never", "."]);
    assert!(out.contains("prefix /33; a prefix is at most /32"), "{out}");
    assert!(out.contains("`count` is out of range"), "{out}");

    write(&dir, "a.yaml", "[1, 2]\n");
    let (_, out, _) = sky(&dir, &["validate", "--color", "never", "."]);
    assert!(
        out.contains("expected a mapping of resource kinds"),
        "{out}"
    );

    let (code, _, err) = sky(&repo(), &["plan", "specs"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("holds 6 stacks below it: specs/bastion, specs/dual-stack, specs/hub-spoke, specs/hybrid-hub, specs/three-tier and 1 more; name one"),
        "{err}"
    );

    let (code, _, err) = sky(&repo(), &["state", "show", "specs/bastion", "vpc.main"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("the address comes first"), "{err}");
}

#[test]
fn a_piped_yes_approves_and_anything_else_refuses() {
    let dir = two_file_stack("trust-piped-yes");
    let answer = |text: &str| {
        let mut child = bin()
            .args(["apply", "."])
            .current_dir(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = answer("no\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cancelled"));
    assert!(!dir.join("skyplan.state.json").exists());
    let out = answer("yes\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(addresses(&state(&dir)).len(), 4);
}

#[test]
fn a_cr_only_file_shows_the_line_it_names() {
    let dir = scratch("trust-cr");
    write(
        &dir,
        "a.yaml",
        "defaults: {region: eu-west-1}\rvpcs:\r  main: {cidr: 10.0.0.0/33}\r",
    );
    let (_, out, _) = sky(&dir, &["validate", "--color", "never", "."]);
    assert!(out.contains("a.yaml:3:"), "{out}");
    assert!(out.contains(" 3 │   main: {cidr: 10.0.0.0/33}"), "{out}");
}

// ------------------------------------------- 12: every reference, an edge ---

#[test]
fn every_reference_field_of_every_kind_has_its_edge() {
    let dir = scratch("trust-edges");
    write(&dir, "a.yaml", EVERY_REFERENCE);
    let (code, dot, err) = sky(&dir, &["graph", "."]);
    assert_eq!(code, Some(0), "{err}");
    let edges = [
        ("subnet.a", "vpc.main", "vpc"),
        ("internet_gateway.igw", "vpc.main", "vpc"),
        ("nat_gateway.nat", "subnet.a", "subnet"),
        ("nat_gateway.nat", "elastic_ip.nat", "elastic_ip"),
        ("vpc_peering.link", "vpc.main", "vpc"),
        ("vpc_peering.link", "vpc.peer", "peer_vpc"),
        ("security_group.web", "vpc.main", "vpc"),
        (
            "security_group.web",
            "security_group.lb",
            "ingress[0].security_group",
        ),
        ("instance.web", "subnet.a", "subnet"),
        ("instance.web", "security_group.web", "security_groups"),
        ("instance.web", "elastic_ip.web", "elastic_ip"),
        ("instance.app[1]", "subnet.b", "subnets"),
        ("route_table.public", "vpc.main", "vpc"),
        (
            "route_table.public",
            "internet_gateway.igw",
            "routes[0].internet_gateway",
        ),
        (
            "route_table.public",
            "vpc_peering.link",
            "routes[1].vpc_peering",
        ),
        ("route_table.public", "instance.web", "routes[2].instance"),
        ("route_table.public", "subnet.a", "subnets"),
        (
            "route_table.private",
            "nat_gateway.nat",
            "routes[0].nat_gateway",
        ),
        ("network_acl.data", "vpc.main", "vpc"),
        ("network_acl.data", "subnet.b", "subnets"),
        ("vpc_endpoint.s3", "vpc.main", "vpc"),
        ("vpc_endpoint.s3", "route_table.private", "route_tables"),
        ("volume.data", "instance.web", "attach.instance"),
    ];
    for (from, to, field) in edges {
        // Security group rule edges are drawn dashed: match up to the label.
        let line = format!("\"{from}\" -> \"{to}\" [label=\"{field}\"");
        assert!(dot.contains(&line), "missing {line}\n{dot}");
    }
}

#[test]
fn replacing_a_peering_updates_the_route_tables_that_use_it() {
    let dir = scratch("trust-peering-cascade");
    write(&dir, "a.yaml", EVERY_REFERENCE);
    apply(&dir);
    let text = std::fs::read_to_string(dir.join("a.yaml")).unwrap();
    write(
        &dir,
        "a.yaml",
        &text.replace(
            "link: {vpc: main, peer_vpc: peer}",
            "link: {vpc: peer, peer_vpc: main}",
        ),
    );
    let (code, out, err) = sky(&dir, &["plan", "--json", "."]);
    assert_eq!(code, Some(0), "{err}");
    let plan: Value = serde_json::from_str(&out).unwrap();
    let change = |address: &str| {
        plan["resource_changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["address"] == address)
            .unwrap()
            .clone()
    };
    assert_eq!(
        change("vpc_peering.link")["change"]["actions"],
        serde_json::json!(["delete", "create"])
    );
    let table = change("route_table.public");
    assert_eq!(table["change"]["actions"], serde_json::json!(["update"]));
    assert_eq!(table["because_of"], "vpc_peering.link");
}

// ------------------------------------------ 13 and 15: counts, mistakes ---

#[test]
fn count_zero_declares_no_copies() {
    let dir = scratch("trust-count-zero");
    write(&dir, "a.yaml", TWO_FILES_A);
    write(
        &dir,
        "b.yaml",
        "security_groups:\n  app: {vpc: main}\ninstances:\n  app: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [app], count: 0}\n",
    );
    let (code, out, _) = sky(&dir, &["lint", "--format", "json", "."]);
    assert_eq!(code, Some(0), "{out}");
    let plan: Value = serde_json::from_str(&sky(&dir, &["plan", "--json", "."]).1).unwrap();
    assert!(
        plan["resource_changes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["kind"] != "instance"),
        "no copies planned"
    );
    // A reference to a copy of it is an error that says why.
    write(
        &dir,
        "c.yaml",
        "volumes:\n  d: {az: eu-west-1a, size_gb: 10, attach: {instance: app, device: /dev/sdf}}\n",
    );
    let (code, out, _) = sky(&dir, &["validate", "--color", "never", "."]);
    assert_eq!(code, Some(1));
    assert!(out.contains("has `count: 0` and so no copies"), "{out}");
}

#[test]
fn one_mistake_neither_hides_nor_invents_others() {
    let dir = scratch("trust-independent");
    write(
        &dir,
        "a.yaml",
        "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 10.0.0.0/16}\nsubnets:\n  a: {vpc: mian, cidr: 10.0.0.0/24, az: eu-west-1a}\n  b: {vpc: main, cdir: 10.0.1.0/24, az: eu-west-1b}\n  c: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1a}\ninstances:\n  app: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [nope]}\n",
    );
    let out = run(&["lint", "--format", "json", "."], &dir);
    let doc = json(&out);
    let found: Vec<(String, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["summary"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let codes: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
    // The unknown group is reported although the instance's subnet failed.
    assert!(
        found
            .iter()
            .any(|(c, s)| c == "RF001" && s.contains("security_group.nope")),
        "{found:?}"
    );
    // Nothing derived from a resource that failed: no "no security group",
    // no "every subnet in one AZ" because subnet.b dropped out.
    assert!(
        !codes.contains(&"SG013") && !codes.contains(&"VP009"),
        "{found:?}"
    );
}

// ------------- round 3, 21: C1 controls and bidi overrides are escaped ---

#[test]
fn c1_controls_and_bidi_overrides_never_reach_the_terminal_raw() {
    let bad = "\\u202e\\u0085\\u009b31m\\u2066";
    let dir = scratch("trust-c1-bidi");
    write(
        &dir,
        "a.yaml",
        &format!(
            "defaults: {{region: eu-west-1}}
dhcp_options:
  corp: {{domain_name: \"corp{bad}.example.com\"}}
vpcs:
  main: {{cidr: 10.0.0.0/16, dhcp_options: corp, tags: {{\"k{bad}\": \"v{bad}\"}}}}
subnets:
  a: {{vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}}
  b: {{vpc: main, cidr: 10.0.1.0/24, az: eu-west-1b}}
instances:
  web: {{subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, user_data: \"echo {bad}\"}}
target_groups:
  web: {{vpc: main, protocol: HTTP, port: 8080, health_check: {{path: \"/h{bad}\"}}}}
"
        ),
    );
    let raw = |t: &str| {
        t.chars().any(|c| {
            ('\u{80}'..='\u{9f}').contains(&c)
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
    };
    for args in [
        &["plan", "."][..],
        &["plan", "--json", "."],
        &["apply", "--auto-approve", "."],
        &["show", "."],
        &["show", "--json", "."],
        &["state", "show", "vpc.main", "."],
        &["state", "show", "dhcp_options.corp", "."],
    ] {
        let (code, out, err) = sky(&dir, args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert!(!raw(&out) && !raw(&err), "{args:?}: {out}");
    }
    // JSON keeps its meaning: the escape is JSON's own.
    let (_, out, _) = sky(&dir, &["show", "--json", "."]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let tags = &v["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["address"] == "vpc.main")
        .unwrap()["attributes"]["tags"];
    assert_eq!(
        tags["k\u{202e}\u{85}\u{9b}31m\u{2066}"],
        "v\u{202e}\u{85}\u{9b}31m\u{2066}"
    );
}

// ------------- round 3, 25: one run reports every independent error ---

#[test]
fn one_run_reports_every_independent_error() {
    let dir = scratch("trust-every-error");
    write(
        &dir,
        "a.yaml",
        "defaults: {region: eu-west-1}
vpcs:
  main: {cidr: 10.0.0.0/16}
subnets:
  a: {vpc: main, cidrr: 10.0.0.0/24, az: eu-west-1a}
  b: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1b}
security_groups:
  web:
    vpc: main
    ingress:
      - {protocol: tcpp, ports: 443, cidr: 0.0.0.0/0}
      - {protocol: tcp, ports: \"443-80\", cidr: 0.0.0.0/0}
instances:
  web: {subnet: b, ami: ami-123, type: t3.micro, tenancy: shared, count: \"two\", security_groups: [web]}
  api: {subnet: a, ami: ami-0123456789abcdef0, type: t9.huge}
expectations:
  x: {from: web, to: api, port: 443, reachable: yes}
",
    );
    let out = run(&["validate", "--format", "json", "."], &dir);
    let doc = json(&out);
    let mut codes: Vec<String> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            "EC001", "EC006", "SG001", "SG002", "SP002", "SP002", "SP003", "SP006", "SP007"
        ],
        "{doc}"
    );
}
