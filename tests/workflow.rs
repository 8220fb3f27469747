//! The Terraform-style workflow through the real binary, on a copy of the
//! bastion stack: first plan, apply, no-op, in-place update, cascaded and
//! delete-first replacements, removal, stale plan, lock, corrupt state,
//! destroy. Ids and the lineage are random per state, so snapshots replace
//! them with placeholders; everything else (order, IPs, counts) is exact.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

const PREFIXES: [&str; 12] = [
    "vpc", "subnet", "igw", "eipalloc", "nat", "rtb", "sg", "acl", "pcx", "vpce", "i", "vol",
];

/// Replaces `prefix-<17 hex>` ids and the lineage with placeholders.
fn normalize(text: &str, lineage: &str) -> String {
    let text = if lineage.is_empty() {
        text.to_string()
    } else {
        text.replace(lineage, "<lineage>")
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    'scan: while !rest.is_empty() {
        for p in PREFIXES {
            let boundary = out
                .chars()
                .last()
                .is_none_or(|c| !c.is_ascii_alphanumeric());
            if boundary
                && let Some(after) = rest.strip_prefix(p).and_then(|r| r.strip_prefix('-'))
                && after.len() >= 17
                && after.as_bytes()[..17]
                    .iter()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
                && after
                    .as_bytes()
                    .get(17)
                    .is_none_or(|b| !b.is_ascii_alphanumeric())
            {
                out.push_str(p);
                out.push_str("-<id>");
                rest = &after[17..];
                continue 'scan;
            }
        }
        let c = rest.chars().next().unwrap();
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The bastion stack without its expectations: the workflow below moves a
/// subnet out of the data ACL's block, which `expectation.app-to-db`
/// rightly refuses (tests/reach.rs shows that).
fn stack(name: &str) -> PathBuf {
    let dir = scratch(name);
    for f in std::fs::read_dir(repo().join("specs/bastion")).unwrap() {
        let f = f.unwrap().path();
        if f.file_name().is_some_and(|n| n == "expectations.yaml") {
            continue;
        }
        std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn plan_apply_update_replace_remove_destroy() {
    let dir = stack("workflow-main");

    // First plan: everything created, in dependency order.
    let (code, text, _) = sky(&dir, &["plan", "--detailed-exitcode", "."]);
    assert_eq!(code, Some(2), "changes present");
    assert!(
        text.ends_with("Plan: 27 to add, 0 to change, 0 to destroy.\n"),
        "{text}"
    );
    insta::assert_snapshot!("first_plan", text);
    let plan = plan_json(&dir);
    let order: Vec<&str> = plan["apply_order"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["address"].as_str().unwrap())
        .collect();
    let at = |a: &str| order.iter().position(|x| *x == a).unwrap();
    assert_eq!(order[0], "vpc.main");
    assert!(
        at("subnet.public-a") < at("nat_gateway.nat-a")
            && at("elastic_ip.nat-a") < at("nat_gateway.nat-a")
    );
    assert!(
        at("nat_gateway.nat-a") < at("route_table.private-a")
            && at("instance.db") < at("volume.db-data")
    );
    assert_eq!(
        plan["summary"],
        serde_json::json!({"add": 27, "change": 0, "destroy": 0})
    );

    // Apply without a terminal and without --auto-approve is refused.
    let (code, _, err) = sky(&dir, &["apply", "."]);
    assert_eq!(code, Some(1));
    assert!(err.contains("--auto-approve"), "{err}");
    assert!(!dir.join("skyplan.state.json").exists());

    let (code, out, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.ends_with("Apply complete! Resources: 27 added, 0 changed, 0 destroyed.\n"));
    let s = state(&dir);
    let lineage = s["lineage"].as_str().unwrap().to_string();
    assert_eq!(lineage.len(), 36);
    insta::assert_snapshot!(
        "state_after_apply",
        normalize(
            &std::fs::read_to_string(dir.join("skyplan.state.json")).unwrap(),
            &lineage
        )
    );
    // Addresses: NAT gateways first in their subnets, copies round-robin,
    // the static address kept, the 5 reserved ones never used.
    assert_eq!(
        resource(&s, "nat_gateway.nat-a")["attributes"]["private_ip_address"],
        "10.0.0.4"
    );
    assert_eq!(
        resource(&s, "instance.bastion")["attributes"]["private_ip_address"],
        "10.0.0.5"
    );
    assert_eq!(
        resource(&s, "instance.app[0]")["attributes"]["private_ip_address"],
        "10.0.10.4"
    );
    assert_eq!(
        resource(&s, "instance.app[2]")["attributes"]["private_ip_address"],
        "10.0.10.5"
    );
    assert_eq!(
        resource(&s, "instance.app[1]")["attributes"]["private_ip_address"],
        "10.0.11.4"
    );
    assert_eq!(
        resource(&s, "instance.db")["attributes"]["private_ip_address"],
        "10.0.20.10"
    );
    assert_eq!(
        resource(&s, "subnet.public-a")["attributes"]["available_ip_count"],
        249
    );
    assert_eq!(
        resource(&s, "subnet.data-a")["attributes"]["available_ip_count"],
        250
    );
    assert_eq!(
        resource(&s, "subnet.public-c")["attributes"]["available_ip_count"],
        250
    );
    assert_eq!(
        resource(&s, "elastic_ip.nat-a")["attributes"]["public_ip_address"],
        "203.0.113.1"
    );
    assert_eq!(
        resource(&s, "nat_gateway.nat-a")["attributes"]["public_ip_address"],
        "203.0.113.1"
    );
    assert_eq!(
        resource(&s, "instance.bastion")["attributes"]["public_ip_address"],
        "203.0.113.3"
    );
    assert!(
        resource(&s, "instance.app[0]")["attributes"]
            .get("public_ip_address")
            .is_none()
    );
    assert!(
        resource(&s, "vpc.main")["id"]
            .as_str()
            .unwrap()
            .starts_with("vpc-")
    );

    // No-op.
    let (code, text, _) = sky(&dir, &["plan", "--detailed-exitcode", "."]);
    assert_eq!(
        (code, text.as_str()),
        (
            Some(0),
            "No changes. Your infrastructure matches the configuration.\n"
        )
    );

    // In-place update: an instance type and user_data, diffed line by line.
    edit(&dir, "compute.yaml", "type: r7g.large", "type: r7g.xlarge");
    edit(
        &dir,
        "compute.yaml",
        "systemctl enable --now app\n",
        "systemctl enable --now app\n      systemctl enable --now metrics\n",
    );
    let (code, text, _) = sky(&dir, &["plan", "--detailed-exitcode", "."]);
    assert_eq!(code, Some(2));
    insta::assert_snapshot!("in_place_update", normalize(&text, &lineage));
    let db_id = resource(&s, "instance.db")["id"].clone();
    assert_eq!(sky(&dir, &["apply", "--auto-approve", "."]).0, Some(0));
    let s = state(&dir);
    assert_eq!(
        resource(&s, "instance.db")["id"],
        db_id,
        "updated in place keeps its id"
    );
    assert_eq!(
        resource(&s, "instance.db")["attributes"]["type"],
        "r7g.xlarge"
    );

    // A subnet CIDR change replaces the subnet and, in cascade, its instances.
    edit(
        &dir,
        "network.yaml",
        "cidr: 10.0.11.0/24",
        "cidr: 10.0.12.0/24",
    );
    let plan = plan_json(&dir);
    assert_eq!(actions(&plan, "subnet.private-c"), ["create", "delete"]);
    assert_eq!(actions(&plan, "instance.app[1]"), ["create", "delete"]);
    assert_eq!(actions(&plan, "route_table.private-c"), ["update"]);
    let app1 = plan["resource_changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["address"] == "instance.app[1]")
        .unwrap();
    assert_eq!(app1["action_reason"], "replace_because_dependency_replaced");
    assert_eq!(app1["because_of"], "subnet.private-c");
    let (_, text, _) = sky(&dir, &["plan", "."]);
    insta::assert_snapshot!("cascaded_replacement", normalize(&text, &lineage));
    let (code, out, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("subnet.private-c (old object): Destruction complete"),
        "{out}"
    );
    let s = state(&dir);
    assert_eq!(
        resource(&s, "instance.app[1]")["attributes"]["private_ip_address"],
        "10.0.12.4"
    );
    assert_eq!(
        resource(&s, "subnet.private-c")["attributes"]["available_ip_count"],
        249
    );
    assert!(s.get("deposed").is_none(), "no old objects left");

    // The same block in another AZ conflicts with the old subnet: delete first.
    edit(
        &dir,
        "network.yaml",
        "cidr: 10.0.21.0/24, az: ap-northeast-2c",
        "cidr: 10.0.21.0/24, az: ap-northeast-2b",
    );
    assert_eq!(
        actions(&plan_json(&dir), "subnet.data-c"),
        ["delete", "create"]
    );
    assert_eq!(sky(&dir, &["apply", "--auto-approve", "."]).0, Some(0));

    // Removing a resource deletes it.
    edit(&dir, "compute.yaml", "volumes:", "unused_volumes:");
    let (code, _, err) = sky(&dir, &["plan", "."]);
    assert_eq!(code, Some(1), "unknown top-level key is an error: {err}");
    edit(&dir, "compute.yaml", "unused_volumes:", "volumes:");
    let compute = std::fs::read_to_string(dir.join("compute.yaml")).unwrap();
    std::fs::write(
        dir.join("compute.yaml"),
        &compute[..compute.find("volumes:").unwrap()],
    )
    .unwrap();
    let plan = plan_json(&dir);
    assert_eq!(actions(&plan, "volume.db-data"), ["delete"]);
    assert_eq!(
        plan["summary"],
        serde_json::json!({"add": 0, "change": 0, "destroy": 1})
    );
    assert_eq!(sky(&dir, &["apply", "--auto-approve", "."]).0, Some(0));
    assert_eq!(sky(&dir, &["plan", "--detailed-exitcode", "."]).0, Some(0));

    // Destroy empties the state and keeps a backup of the previous one.
    let (code, out, _) = sky(&dir, &["destroy", "--auto-approve", "."]);
    assert_eq!(code, Some(0));
    assert!(
        out.ends_with("\nDestroy complete! Resources: 26 destroyed.\n"),
        "{out}"
    );
    assert_eq!(state(&dir)["resources"], serde_json::json!([]));
    let backup: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("skyplan.state.json.backup")).unwrap(),
    )
    .unwrap();
    assert_eq!(backup["resources"].as_array().unwrap().len(), 26);
    assert_eq!(sky(&dir, &["show", "."]).1, "The state is empty.\n");
}

#[test]
fn a_stale_saved_plan_is_refused_without_touching_state() {
    let dir = stack("workflow-stale");
    assert_eq!(sky(&dir, &["plan", "--out", "first.plan", "."]).0, Some(0));
    assert_eq!(
        sky(&dir, &["apply", "first.plan"]).0,
        Some(0),
        "a fresh saved plan applies without a prompt"
    );
    assert_eq!(sky(&dir, &["plan", "--detailed-exitcode", "."]).0, Some(0));

    edit(&dir, "compute.yaml", "type: t3.micro", "type: t3.small");
    assert_eq!(sky(&dir, &["plan", "--out", "second.plan", "."]).0, Some(0));
    edit(&dir, "compute.yaml", "type: t3.small", "type: t3.medium");
    let before = std::fs::read(dir.join("skyplan.state.json")).unwrap();
    let (code, _, err) = sky(&dir, &["apply", "second.plan"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("stale") && err.contains("spec changed"),
        "{err}"
    );
    edit(&dir, "compute.yaml", "type: t3.medium", "type: t3.small");
    assert_eq!(
        sky(
            &dir,
            &[
                "apply",
                "--auto-approve",
                "--state",
                "skyplan.state.json",
                "."
            ]
        )
        .0,
        Some(0)
    );
    let (code, _, err) = sky(&dir, &["apply", "second.plan"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("serial"), "{err}");
    assert_ne!(
        std::fs::read(dir.join("skyplan.state.json")).unwrap(),
        before
    );
}

#[test]
fn a_locked_state_is_refused_and_a_corrupt_one_reported() {
    let dir = stack("workflow-lock");
    assert_eq!(sky(&dir, &["apply", "--auto-approve", "."]).0, Some(0));
    let state_path = dir.join("skyplan.state.json");
    {
        let _held = skyplan_state::file::StateLock::acquire(
            &state_path,
            "pid 7 since unix time 1 (`skyplan apply`)",
        )
        .unwrap();
        let (code, _, err) = sky(&dir, &["destroy", "--auto-approve", "."]);
        assert_eq!(code, Some(1));
        assert!(err.contains("locked by a running apply: pid 7"), "{err}");
    }
    let good = std::fs::read_to_string(&state_path).unwrap();
    std::fs::write(&state_path, &good[..good.len() / 2]).unwrap();
    let (code, _, err) = sky(&dir, &["plan", "."]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("corrupt at line") && err.contains("left untouched"),
        "{err}"
    );
    let (code, _, _) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(1));
    assert_eq!(
        std::fs::read_to_string(&state_path).unwrap(),
        good[..good.len() / 2],
        "never overwritten"
    );
}

/// RDS storage only grows, as EBS volumes do: a smaller
/// `allocated_storage` is refused before anything is touched, a larger
/// one is an update in place.
#[test]
fn database_storage_never_shrinks() {
    let dir = scratch("workflow-db-storage");
    let orders = "orders: {engine: postgres, instance_class: db.r7g.large, subnet_group: data, security_groups: [web]}";
    let sized = |gib: u32| {
        EVERY_REFERENCE.replace(
            orders,
            &orders.replace(
                "security_groups: [web]}",
                &format!("security_groups: [web], allocated_storage: {gib}}}"),
            ),
        )
    };
    write(&dir, "a.yaml", &sized(200));
    assert_eq!(sky(&dir, &["apply", "--auto-approve", "."]).0, Some(0));
    let before = std::fs::read(dir.join("skyplan.state.json")).unwrap();
    write(&dir, "a.yaml", &sized(100));
    let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("db_instance.orders: allocated_storage cannot shrink from 200 to 100 GiB"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(dir.join("skyplan.state.json")).unwrap(),
        before
    );
    write(&dir, "a.yaml", &sized(400));
    assert_eq!(actions(&plan_json(&dir), "db_instance.orders"), ["update"]);
}

#[test]
fn volumes_never_shrink_and_state_commands_work() {
    let dir = stack("workflow-volume");
    assert_eq!(sky(&dir, &["apply", "--auto-approve", "."]).0, Some(0));
    edit(&dir, "compute.yaml", "size_gb: 200", "size_gb: 100");
    let (code, _, err) = sky(&dir, &["plan", "."]);
    assert_eq!(code, Some(1));
    assert!(err.contains("cannot shrink from 200 to 100 GiB"), "{err}");
    edit(&dir, "compute.yaml", "size_gb: 100", "size_gb: 300");
    assert_eq!(actions(&plan_json(&dir), "volume.db-data"), ["update"]);

    let (_, list, _) = sky(&dir, &["state", "list", "."]);
    assert_eq!(list.lines().count(), 27);
    let (_, show, _) = sky(&dir, &["state", "show", "subnet.data-a", "."]);
    assert!(show.contains("available_ip_count  = 250"), "{show}");
    assert_eq!(
        sky(&dir, &["state", "rm", "volume.db-data", "."]).0,
        Some(0)
    );
    assert_eq!(sky(&dir, &["state", "list", "."]).1.lines().count(), 26);
    assert_eq!(actions(&plan_json(&dir), "volume.db-data"), ["create"]);
    assert_eq!(sky(&dir, &["state", "rm", "volume.nope", "."]).0, Some(1));
}

#[test]
fn targets_limit_the_plan_to_what_they_need() {
    let dir = stack("workflow-target");
    let (code, out, _) = sky(
        &dir,
        &["plan", "--json", "--target", "instance.bastion", "."],
    );
    assert_eq!(code, Some(0));
    let plan: Value = serde_json::from_str(&out).unwrap();
    let mut addresses: Vec<&str> = plan["apply_order"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["address"].as_str().unwrap())
        .collect();
    addresses.sort();
    assert_eq!(
        addresses,
        [
            "instance.bastion",
            "security_group.bastion",
            "subnet.public-a",
            "vpc.main"
        ]
    );
}

#[test]
fn plans_are_byte_identical_across_runs() {
    let dir = stack("workflow-determinism");
    let a = sky(&dir, &["plan", "--json", "."]).1;
    let b = sky(&dir, &["plan", "--json", "."]).1;
    assert_eq!(a, b);
}

fn big_stack(dir: &Path, copies: u32) {
    let mut s = String::from(
        "defaults: {region: eu-west-1}\nvpcs:\n  big: {cidr: 10.50.0.0/16}\nsubnets:\n",
    );
    for i in 0..8 {
        s.push_str(&format!(
            "  s{i}: {{vpc: big, cidr: 10.50.{}.0/20, az: eu-west-1{}}}\n",
            i * 16,
            ["a", "b", "c"][i % 3]
        ));
    }
    s.push_str("security_groups:\n  app: {vpc: big, ingress: [{protocol: tcp, ports: 443, cidr: 10.0.0.0/8}]}\ninstances:\n");
    for i in 0..8 {
        s.push_str(&format!("  app{i}: {{subnet: s{i}, count: {copies}, ami: ami-0123456789abcdef0, type: m7i.large, security_groups: [app]}}\n"));
    }
    std::fs::write(dir.join("big.yaml"), s).unwrap();
}

/// A large approved apply starts while its plan is still being written
/// (on another thread): what it prints is still the whole plan, in order,
/// then the closing line, and the plan and the state are those of an apply
/// that showed the plan first.
#[test]
fn a_large_approved_apply_prints_the_whole_plan_then_the_outcome() {
    let dir = scratch("workflow-large-approved");
    // More changes than one part of the rendered plan (1,024 blocks).
    big_stack(&dir, 130);
    let (code, planned, err) = sky(&dir, &["plan", "."]);
    assert_eq!(code, Some(0), "{err}");
    let blocks: Vec<&str> = planned.split("\n\n  # ").collect();
    assert_eq!(
        blocks.len(),
        1 + 1050,
        "the legend, then one block per resource"
    );
    assert!(blocks[1..].iter().all(|b| b.contains(" will be created\n")));
    assert!(planned.ends_with("    }\n\nPlan: 1050 to add, 0 to change, 0 to destroy.\n"));
    let (code, out, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    let closing = "\nApply complete! Resources: 1050 added, 0 changed, 0 destroyed.\n";
    assert_eq!(out, format!("{planned}{closing}"));
    assert_eq!(check_consistent(&dir), 1050);
    let (code, _, err) = sky(&dir, &["plan", "--detailed-exitcode", "."]);
    assert_eq!(code, Some(0), "{err}");
}

/// The state file is whole JSON, and the state (with its journal) is
/// consistent with itself: every
/// dependency exists, and each subnet's available_ip_count matches the
/// instances in it. Returns how many resources it holds.
fn check_consistent(dir: &Path) -> usize {
    let path = dir.join("skyplan.state.json");
    if path.exists() {
        let text = std::fs::read_to_string(&path).unwrap();
        skyplan_state::State::parse(&text)
            .unwrap_or_else(|e| panic!("state file not whole after kill: {e}"));
    }
    // What skyplan sees: the state file with its journal replayed.
    let Some(state) = skyplan_state::file::read(&path)
        .unwrap_or_else(|e| panic!("state unreadable after kill: {e}"))
    else {
        return 0;
    };
    for r in state.resources.values() {
        for d in &r.dependencies {
            assert!(
                state.resources.contains_key(d),
                "{} depends on {d}, which is not in the state",
                r.address
            );
        }
        if let skyplan_state::Attributes::Subnet(subnet) = &r.attributes {
            let used = state
                .resources
                .values()
                .flat_map(|i| i.attributes.held_addresses())
                .filter(|(s, _)| *s == &r.address)
                .count() as u64;
            assert_eq!(
                subnet.available_ip_count,
                Some(4091 - used),
                "{}",
                r.address
            );
        }
    }
    state.resources.len()
}

/// Runs `apply` until it has carried out `step` steps, then SIGKILLs it.
fn kill_after_step(dir: &Path, step: usize) {
    let mut child = paused_apply(dir, step);
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
}

/// Kills `apply` with SIGKILL at many points of a 4,010-resource apply and
/// of the 3,200-resource shrink after it: at exact steps, and at random
/// times (which may land inside a state write). Every time the state is
/// whole and consistent, and a re-run converges to a no-op plan.
#[test]
fn apply_survives_sigkill_at_any_point() {
    let dir = scratch("workflow-kill");
    let mut partial = 0;
    for (copies, total) in [(500, 4010), (100, 810)] {
        big_stack(&dir, copies);
        let mut last = check_consistent(&dir);
        for step in [1, 2, 7, 40, 300, 900] {
            kill_after_step(&dir, step);
            let now = check_consistent(&dir);
            if now != last && now != total {
                partial += 1;
            }
            last = now;
        }
        for delay_ms in [100, 400, 700] {
            let mut child = bin()
                .args(["apply", "--auto-approve", "."])
                .current_dir(&dir)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(std::time::Duration::from_millis(delay_ms));
            let _ = child.kill();
            let _ = child.wait();
            last = check_consistent(&dir);
        }
        let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
        assert_eq!(code, Some(0), "{err}");
        assert_eq!(check_consistent(&dir), total);
        assert_eq!(
            sky(&dir, &["plan", "--detailed-exitcode", "."]).0,
            Some(0),
            "a re-run converges to a no-op plan"
        );
    }
    assert!(
        partial >= 8,
        "only {partial} kills left a partial state; the test proves too little"
    );
}

/// Every shipped stack applies, converges to a no-op plan and destroys
/// (three-tier has security groups that name each other).
#[test]
fn every_shipped_stack_applies_and_converges() {
    for name in &shipped_stacks() {
        let dir = shipped_copy(name, &format!("workflow-shipped-{name}"));
        let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
        assert_eq!(code, Some(0), "{name}: {err}");
        assert_eq!(
            sky(&dir, &["plan", "--detailed-exitcode", "."]).0,
            Some(0),
            "{name} converges"
        );
        assert_eq!(
            sky(&dir, &["destroy", "--auto-approve", "."]).0,
            Some(0),
            "{name} destroys"
        );
        assert_eq!(state(&dir)["resources"], serde_json::json!([]));
    }
}

#[test]
fn replacing_a_group_updates_the_groups_whose_rules_name_it() {
    let dir = stack("workflow-sg-cascade");
    assert_eq!(sky(&dir, &["apply", "--auto-approve", "."]).0, Some(0));
    edit(
        &dir,
        "security.yaml",
        "description: App servers, reachable from the bastion",
        "description: App tier",
    );
    let plan = plan_json(&dir);
    assert_eq!(
        actions(&plan, "security_group.app"),
        ["create", "delete"],
        "AWS refuses to delete a group in use: the new one first, users moved, then the old one goes"
    );
    let db = plan["resource_changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["address"] == "security_group.db")
        .unwrap();
    assert_eq!(db["change"]["actions"], serde_json::json!(["update"]));
    assert_eq!(db["because_of"], "security_group.app");
    assert_eq!(
        actions(&plan, "instance.app[0]"),
        ["update"],
        "instances using the group are updated too"
    );
    let (code, out, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    let at = |line: &str| out.find(line).unwrap_or_else(|| panic!("{line}: {out}"));
    let created = at("security_group.app: Creation complete");
    let moved = at("instance.app[0]: Modifications complete");
    let deleted = at("security_group.app (old object): Destruction complete");
    assert!(created < moved && moved < deleted, "{out}");
    assert_eq!(sky(&dir, &["plan", "--detailed-exitcode", "."]).0, Some(0));
}

#[test]
fn a_new_vpc_block_replaces_the_whole_network_in_an_order_aws_takes() {
    let dir = shipped_copy("three-tier", "workflow-vpc-block");
    assert_eq!(sky(&dir, &["apply", "--auto-approve", "."]).0, Some(0));
    edit(
        &dir,
        "network.yaml",
        "cidr: 10.20.0.0/16",
        "cidr: 10.20.0.0/17",
    );
    // The VPC can stand beside its replacement; a subnet cannot (its block
    // is taken), so it goes first, and so must a route table associated
    // with it: kept while its new one waited for the new subnet, it would
    // hold the old subnet (this plan was once refused as a ring).
    let plan = plan_json(&dir);
    assert_eq!(actions(&plan, "vpc.shop"), ["create", "delete"]);
    assert_eq!(actions(&plan, "subnet.app-a"), ["delete", "create"]);
    assert_eq!(actions(&plan, "route_table.app-a"), ["delete", "create"]);
    assert_eq!(actions(&plan, "instance.app[0]"), ["delete", "create"]);
    let (code, out, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    let (code, out, _) = sky(&dir, &["plan", "--detailed-exitcode", "."]);
    assert_eq!(code, Some(0), "{out}");
}

const HIBERNATED: &str = "\
defaults: {region: eu-west-1}
vpcs:
  main: {cidr: 10.0.0.0/16}
subnets:
  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}
internet_gateways:
  igw: {vpc: main}
elastic_ips:
  web: {}
instances:
  web: {subnet: a, ami: ami-0123456789abcdef0, type: m5.large, state: hibernated, hibernation: true, elastic_ip: web, root_volume: {size_gb: 32, encrypted: true}}
";

#[test]
fn a_hibernated_instance_cannot_change_type() {
    let dir = scratch("workflow-hibernated");
    std::fs::write(dir.join("a.yaml"), HIBERNATED).unwrap();
    assert_eq!(sky(&dir, &["apply", "--auto-approve", "."]).0, Some(0));
    edit(&dir, "a.yaml", "type: m5.large", "type: m5.xlarge");
    let (code, _, err) = sky(&dir, &["plan", "."]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("instance.web: the type of a hibernated instance cannot change"),
        "{err}"
    );
    // Started first (one apply), it can change type in the next.
    edit(&dir, "a.yaml", "type: m5.xlarge", "type: m5.large");
    edit(&dir, "a.yaml", "state: hibernated", "state: running");
    assert_eq!(sky(&dir, &["apply", "--auto-approve", "."]).0, Some(0));
    edit(&dir, "a.yaml", "type: m5.large", "type: m5.xlarge");
    assert_eq!(sky(&dir, &["plan", "."]).0, Some(0));
}

#[test]
fn an_elastic_ip_is_associated_after_the_internet_gateway() {
    let dir = scratch("workflow-eip-order");
    std::fs::write(dir.join("a.yaml"), HIBERNATED).unwrap();
    let plan = plan_json(&dir);
    let order: Vec<&str> = plan["apply_order"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["address"].as_str().unwrap())
        .collect();
    let at = |a: &str| order.iter().position(|x| *x == a).unwrap();
    assert!(at("internet_gateway.igw") < at("instance.web"), "{order:?}");
    let web = plan["resource_changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["address"] == "instance.web")
        .unwrap();
    assert!(
        web["dependencies"]
            .as_array()
            .unwrap()
            .contains(&Value::from("internet_gateway.igw"))
    );
}

#[test]
fn equal_traffic_in_another_spelling_plans_no_change() {
    let dir = scratch("workflow-spelling");
    let stack = "\
defaults: {region: eu-west-1}
vpcs:
  main: {cidr: 10.0.0.0/16}
security_groups:
  proxy: {vpc: main, ingress: [{protocol: tcp, ports: 3128, cidr: 10.0.0.0/8}]}
network_acls:
  n: {vpc: main, ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]}
";
    std::fs::write(dir.join("a.yaml"), stack).unwrap();
    assert_eq!(sky(&dir, &["apply", "--auto-approve", "."]).0, Some(0));
    edit(
        &dir,
        "a.yaml",
        "protocol: tcp, ports: 3128,",
        "protocol: 6, ports: 3128-3128,",
    );
    edit(
        &dir,
        "a.yaml",
        "protocol: all, cidr",
        "protocol: -1, ports: 0-65535, cidr",
    );
    let (code, out, err) = sky(&dir, &["plan", "--detailed-exitcode", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    // A real change still shows.
    edit(&dir, "a.yaml", "ports: 3128-3128", "ports: 3128-3129");
    assert_eq!(sky(&dir, &["plan", "--detailed-exitcode", "."]).0, Some(2));
}

/// The change shapes a reader meets, pinned: one element of a list of
/// blocks, a map (tags), a delete, and a deposed object.
#[test]
fn every_change_shape_renders_as_terraform_does() {
    let dir = stack("workflow-shapes");
    assert_eq!(sky(&dir, &["apply", "--auto-approve", "."]).0, Some(0));
    let lineage = state(&dir)["lineage"].as_str().unwrap().to_string();
    // One rule of a group changes; the other stays.
    edit(
        &dir,
        "security.yaml",
        "{protocol: tcp, ports: 8080, cidr: 10.0.0.0/16}",
        "{protocol: tcp, ports: 8443, cidr: 10.0.0.0/16}",
    );
    // Tags: one added, one changed, one kept.
    edit(
        &dir,
        "network.yaml",
        "main: {cidr: 10.0.0.0/16, dns_hostnames: true}",
        "main: {cidr: 10.0.0.0/16, dns_hostnames: true, tags: {team: network, cost-centre: \"42\"}}",
    );
    // A resource removed.
    let compute = std::fs::read_to_string(dir.join("compute.yaml")).unwrap();
    std::fs::write(
        dir.join("compute.yaml"),
        &compute[..compute.find("volumes:").unwrap()],
    )
    .unwrap();
    let (code, text, err) = sky(&dir, &["plan", "--color", "never", "."]);
    assert_eq!(code, Some(0), "{err}");
    insta::assert_snapshot!("shapes_list_map_delete", normalize(&text, &lineage));

    // An old object an interrupted replacement left behind.
    let dir = stack("workflow-shapes-deposed");
    assert_eq!(sky(&dir, &["apply", "--auto-approve", "."]).0, Some(0));
    let mut s = state(&dir);
    let lineage = s["lineage"].as_str().unwrap().to_string();
    let igw = resource(&s, "internet_gateway.igw").clone();
    let mut old = igw.clone();
    old["id"] = Value::from("igw-00000000000000001");
    s["deposed"] = Value::Array(vec![old]);
    std::fs::write(dir.join("skyplan.state.json"), s.to_string()).unwrap();
    let (code, text, err) = sky(&dir, &["plan", "--color", "never", "."]);
    assert_eq!(code, Some(0), "{err}");
    insta::assert_snapshot!("shapes_deposed", normalize(&text, &lineage));
}

#[test]
fn turning_hibernation_on_replaces_the_instance() {
    let dir = scratch("workflow-hibernation-toggle");
    std::fs::write(
        dir.join("a.yaml"),
        HIBERNATED.replace(", state: hibernated, hibernation: true", ""),
    )
    .unwrap();
    assert_eq!(sky(&dir, &["apply", "--auto-approve", "."]).0, Some(0));
    edit(
        &dir,
        "a.yaml",
        "type: m5.large,",
        "type: m5.large, hibernation: true,",
    );
    let plan = plan_json(&dir);
    assert_eq!(actions(&plan, "instance.web"), ["delete", "create"]);
    let web = plan["resource_changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["address"] == "instance.web")
        .unwrap();
    assert_eq!(
        web["change"]["replace_paths"],
        serde_json::json!([["hibernation"]])
    );
    let (_, text, _) = sky(&dir, &["plan", "--color", "never", "."]);
    assert!(
        text.contains("+ hibernation        = true # forces replacement"),
        "{text}"
    );
}

#[test]
fn state_show_writes_lists_of_objects_as_blocks() {
    let dir = shipped_copy("web-asg", "workflow-state-show-blocks");
    assert_eq!(sky(&dir, &["apply", "--auto-approve", "."]).0, Some(0));
    let (code, out, _) = sky(&dir, &["state", "show", "load_balancer.web", "."]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("    listeners            = [\n        {\n            port         = 80\n"),
        "{out}"
    );
    assert!(
        out.contains("subnets              = [\"subnet.public-a\", \"subnet.public-b\"]"),
        "{out}"
    );
    assert!(
        !out.contains("[{\""),
        "no list of objects on one line: {out}"
    );
}

const UNORDERED: &str = "defaults: {region: eu-west-1}
vpcs:
  main: {cidr: 10.0.0.0/16}
subnets:
  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}
  b: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1b}
internet_gateways:
  igw: {vpc: main}
route_tables:
  public:
    vpc: main
    subnets: [a, b]
    routes: [{destination: 0.0.0.0/0, internet_gateway: igw}, {destination: 192.0.2.0/24, internet_gateway: igw}]
network_acls:
  edge:
    vpc: main
    subnets: [a, b]
    ingress: [{rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}, {rule: 200, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}]
    egress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
security_groups:
  web: {vpc: main, description: web, ingress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}, {protocol: tcp, ports: 80, cidr: 0.0.0.0/0}]}
  admin: {vpc: main, description: admin}
instances:
  web: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [web, admin]}
";

/// What AWS keeps in no order (a group's rules, an ACL's numbered entries,
/// a table's routes, associated subnets, an instance's groups) written in
/// another order is no change; a real change next to it is only that.
#[test]
fn lists_aws_keeps_in_no_order_can_be_reordered_without_a_change() {
    let dir = scratch("workflow-unordered");
    write(&dir, "network.yaml", UNORDERED);
    let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    let swaps = [
        ("subnets: [a, b]\n    routes", "subnets: [b, a]\n    routes"),
        (
            "routes: [{destination: 0.0.0.0/0, internet_gateway: igw}, {destination: 192.0.2.0/24, internet_gateway: igw}]",
            "routes: [{destination: 192.0.2.0/24, internet_gateway: igw}, {destination: 0.0.0.0/0, internet_gateway: igw}]",
        ),
        (
            "ingress: [{rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}, {rule: 200, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}]",
            "ingress: [{rule: 200, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}, {rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]",
        ),
        (
            "ingress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}, {protocol: tcp, ports: 80, cidr: 0.0.0.0/0}]",
            "ingress: [{protocol: tcp, ports: 80, cidr: 0.0.0.0/0}, {protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]",
        ),
        (
            "security_groups: [web, admin]",
            "security_groups: [admin, web]",
        ),
    ];
    for (from, to) in swaps {
        edit(&dir, "network.yaml", from, to);
    }
    let (code, out, err) = sky(&dir, &["plan", "--detailed-exitcode", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("No changes."), "{out}");
    // A real change among reordered rules is that change alone.
    edit(&dir, "network.yaml", "ports: 80, cidr", "ports: 8080, cidr");
    let plan = plan_json(&dir);
    assert_eq!(actions(&plan, "security_group.web"), ["update"]);
    assert_eq!(plan["summary"]["change"], 1, "{plan}");
}

/// A rule with `cidrs` is one AWS rule per block: spelled either way, it
/// is the same group, and a state written with `cidrs` lists reads the
/// same.
#[test]
fn a_rule_with_cidrs_is_one_rule_per_block() {
    let dir = scratch("workflow-cidrs");
    let one = "  web: {vpc: main, description: web, ingress: [{protocol: tcp, ports: 443, cidrs: [0.0.0.0/0, 10.0.0.0/8]}]}";
    let each = "  web: {vpc: main, description: web, ingress: [{protocol: tcp, ports: 443, cidr: 10.0.0.0/8}, {protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]}";
    write(&dir, "network.yaml", &UNORDERED.replace(
        "  web: {vpc: main, description: web, ingress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}, {protocol: tcp, ports: 80, cidr: 0.0.0.0/0}]}",
        one,
    ));
    let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    let saved = state(&dir);
    let rules = &resource(&saved, "security_group.web")["attributes"]["ingress"];
    assert_eq!(rules.as_array().unwrap().len(), 2, "{rules}");
    edit(&dir, "network.yaml", one, each);
    let (code, out, err) = sky(&dir, &["plan", "--detailed-exitcode", "."]);
    assert_eq!(
        (code, out.contains("No changes.")),
        (Some(0), true),
        "{out}{err}"
    );
    // A state from before, with the rule's `cidrs` list, reads the same.
    let path = dir.join("skyplan.state.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    for r in v["resources"].as_array_mut().unwrap() {
        if r["address"] == "security_group.web" {
            r["attributes"]["ingress"] = serde_json::json!([
                {"cidrs": ["0.0.0.0/0", "10.0.0.0/8"], "ports": "443", "protocol": "tcp"}
            ]);
        }
    }
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let (code, out, err) = sky(&dir, &["plan", "--detailed-exitcode", "."]);
    assert_eq!(
        (code, out.contains("No changes.")),
        (Some(0), true),
        "{out}{err}"
    );
}
