//! The state and the files beside it are never lost, overwritten or left
//! half-written by any command (issue 18, items 1, 2, 6, 8 and 28), on the
//! real binary.

mod common;

use std::path::{Path, PathBuf};

use common::*;

const SMALL: &str = "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 10.0.0.0/16}\nsubnets:\n  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}\n  b: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1b}\ninternet_gateways:\n  igw: {vpc: main}\n";

fn applied(name: &str) -> PathBuf {
    let dir = scratch(name);
    write(&dir, "network.yaml", SMALL);
    let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    dir
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

// ------------------------------------------ 1: plan --out never destroys ---

#[test]
fn plan_out_refuses_the_state_its_neighbours_and_the_specs() {
    let dir = applied("safety-out-own");
    std::fs::write(dir.join("skyplan.state.json.backup"), "backup").unwrap();
    let state = bytes(&dir.join("skyplan.state.json"));
    let spec = bytes(&dir.join("network.yaml"));
    for (out, what) in [
        ("skyplan.state.json", "state file"),
        ("./sub/../skyplan.state.json", "state file"),
        ("skyplan.state.json.backup", "backup"),
        ("skyplan.state.json.journal", "journal"),
        ("skyplan.state.json.lock", "lock file"),
        ("network.yaml", "spec file"),
    ] {
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        let (code, _, err) = sky(&dir, &["plan", ".", "--out", out]);
        assert_eq!(code, Some(2), "--out {out}: {err}");
        assert!(err.contains(what), "--out {out}: {err}");
    }
    assert_eq!(bytes(&dir.join("skyplan.state.json")), state);
    assert_eq!(bytes(&dir.join("network.yaml")), spec);
    assert_eq!(bytes(&dir.join("skyplan.state.json.backup")), b"backup");
    assert!(!dir.join("skyplan.state.json.journal").exists());
}

#[test]
fn plan_out_refuses_special_files_links_and_foreign_files() {
    let dir = applied("safety-out-special");
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("notes.txt", dir.join("link.plan")).unwrap();
    for out in ["/dev/null", "-", "notes.txt", "link.plan", "."] {
        let (code, _, err) = sky(&dir, &["plan", ".", "--out", out]);
        assert_eq!(code, Some(2), "--out {out}: {err}");
        assert!(err.contains("--out"), "--out {out}: {err}");
    }
    assert_eq!(bytes(&dir.join("notes.txt")), b"mine");
    #[cfg(unix)]
    assert!(
        std::fs::symlink_metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device_like()
    );
    // A new file, and then the same saved plan again, are fine.
    for _ in 0..2 {
        let (code, _, err) = sky(&dir, &["plan", ".", "--out", "next.plan"]);
        assert_eq!(code, Some(0), "{err}");
    }
}

trait CharDevice {
    fn is_char_device_like(&self) -> bool;
}

impl CharDevice for std::fs::FileType {
    fn is_char_device_like(&self) -> bool {
        #[cfg(unix)]
        {
            std::os::unix::fs::FileTypeExt::is_char_device(self)
        }
        #[cfg(not(unix))]
        {
            true
        }
    }
}

// ------------------ 2: a journal left after the last step is folded in ---

#[test]
fn a_journal_of_a_finished_but_killed_apply_is_folded_into_the_state() {
    let dir = scratch("safety-fold");
    write(&dir, "network.yaml", SMALL);
    // 4 steps: kill after the last one, before the final state write.
    let mut child = paused_apply(&dir, 4);
    let _ = child.kill();
    let _ = child.wait();
    assert!(dir.join("skyplan.state.json.journal").exists());
    let (code, out, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("No changes"), "{out}");
    assert!(err.contains("folded"), "{err}");
    assert!(
        !dir.join("skyplan.state.json.journal").exists(),
        "the journal is folded into the state file"
    );
    let state = state(&dir);
    assert_eq!(state["resources"].as_array().unwrap().len(), 4);
    let (_, list, _) = sky(&dir, &["state", "list", "."]);
    assert_eq!(list.lines().count(), 4, "{list}");
}

// ----------------------------------- 28: readers leave nothing behind ---

#[test]
fn read_only_commands_leave_no_lock_file() {
    let dir = scratch("safety-readers");
    write(&dir, "network.yaml", SMALL);
    for args in [
        &["plan", "."][..],
        &["show", "."],
        &["state", "list", "."],
        &["graph", "."],
        &["exposure", "."],
        &["lint", "."],
    ] {
        let (code, _, err) = sky(&dir, args);
        assert!(code == Some(0), "{args:?}: {err}");
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["network.yaml"]);
}

// ------------------ 6: state rm forgets; a re-created object is new ---

const COUNTED: &str = "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 10.0.0.0/16}\nsubnets:\n  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}\ninstances:\n  web: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, count: 2}\n";

fn field(dir: &Path, address: &str, key: &str) -> String {
    let s = state(dir);
    resource(&s, address)[key].to_string()
}

#[test]
fn state_rm_then_apply_makes_new_objects_and_replaces_dependants() {
    let dir = scratch("safety-rm");
    write(&dir, "network.yaml", COUNTED);
    let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    let old_web = field(&dir, "instance.web[0]", "id");
    let old_ip =
        resource(&state(&dir), "instance.web[0]")["attributes"]["private_ip_address"].clone();
    let old_vpc = field(&dir, "vpc.main", "id");
    let old_subnet = field(&dir, "subnet.a", "id");

    // A counted name suggests its copies; nothing is removed.
    let (code, _, err) = sky(&dir, &["state", "rm", "instance.web", "."]);
    assert_eq!(code, Some(1));
    assert!(err.contains("'instance.web[0]' 'instance.web[1]'"), "{err}");
    assert_eq!(state(&dir)["resources"].as_array().unwrap().len(), 4);

    // Several addresses at once; the parent's removal says what follows.
    let (code, out, err) = sky(&dir, &["state", "rm", "instance.web[0]", "vpc.main", "."]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("Removed instance.web[0]") && out.contains("Removed vpc.main"),
        "{out}"
    );
    assert!(out.contains("instance.web[1], subnet.a"), "{out}");

    let plan = plan_json(&dir);
    assert_eq!(actions(&plan, "vpc.main"), ["create"]);
    for replaced in ["subnet.a", "instance.web[1]"] {
        let mut a = actions(&plan, replaced);
        a.sort();
        assert_eq!(a, ["create", "delete"], "{replaced} is replaced");
    }
    let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    assert_ne!(field(&dir, "instance.web[0]", "id"), old_web);
    assert_ne!(field(&dir, "vpc.main", "id"), old_vpc);
    assert_ne!(field(&dir, "subnet.a", "id"), old_subnet);
    let s = state(&dir);
    assert_eq!(s["forgotten"].as_array().unwrap().len(), 2, "{s}");
    let ips: Vec<&serde_json::Value> = ["instance.web[0]", "instance.web[1]"]
        .iter()
        .map(|a| &resource(&s, a)["attributes"]["private_ip_address"])
        .collect();
    assert!(
        ips.iter().all(|ip| **ip != old_ip),
        "{ips:?} reuse {old_ip}"
    );
    assert_eq!(
        sky(&dir, &["plan", "--detailed-exitcode", "."]).0,
        Some(0),
        "converges"
    );
}

#[test]
fn a_forgotten_instance_keeps_its_address_in_its_subnet() {
    let dir = scratch("safety-rm-address");
    write(&dir, "network.yaml", COUNTED);
    let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    let old = state(&dir);
    let (code, _, err) = sky(&dir, &["state", "rm", "instance.web[0]", "."]);
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    let new = state(&dir);
    let was = &resource(&old, "instance.web[0]")["attributes"]["private_ip_address"];
    let now = &resource(&new, "instance.web[0]")["attributes"]["private_ip_address"];
    assert_ne!(was, now, "the forgotten instance still holds {was}");
    assert_ne!(
        resource(&old, "instance.web[0]")["id"],
        resource(&new, "instance.web[0]")["id"]
    );
}

// ---------- 5: what AWS refuses never reaches the state, suppressed or not ---

#[test]
fn a_suppressed_or_downgraded_aws_refusal_cannot_be_planned_or_applied() {
    let dir = scratch("safety-suppressed");
    write(
        &dir,
        "network.yaml",
        "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 10.0.0.0/16}\nsubnets:\n  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}\n  b: {vpc: main, cidr: 10.0.0.0/25, az: eu-west-1b} # skyplan: ignore[SN003] we know\n",
    );
    let (code, _, _) = sky(&dir, &["lint", "."]);
    assert_eq!(code, Some(0), "lint honours the suppression");
    for args in [&["plan", "."][..], &["apply", "--auto-approve", "."]] {
        let (code, out, _) = sky(&dir, args);
        assert_eq!(code, Some(1), "{args:?}");
        assert!(
            out.contains("SN003") && out.contains("for `lint` only"),
            "{out}"
        );
    }
    assert!(!dir.join("skyplan.state.json").exists());
    // Turned off or down in skyplan.toml: the same.
    edit(
        &dir,
        "network.yaml",
        " # skyplan: ignore[SN003] we know",
        "",
    );
    write(&dir, "skyplan.toml", "ignore = [\"SN003\"]\n");
    assert_eq!(sky(&dir, &["lint", "."]).0, Some(0));
    assert_eq!(sky(&dir, &["apply", "--auto-approve", "."]).0, Some(1));
    assert!(!dir.join("skyplan.state.json").exists());
    // A raised quota is the user's to overrule: explain says which is which.
    let (_, sn003, _) = sky(&dir, &["explain", "SN003"]);
    assert!(sn003.contains("AWS refuses this"), "{sn003}");
    let (_, qt001, _) = sky(&dir, &["explain", "QT001"]);
    assert!(!qt001.contains("AWS refuses this"), "{qt001}");
}

// --------- 8: inconsistent states and edited saved plans are refused ---

fn edit_state(dir: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let mut s = state(dir);
    edit(&mut s);
    std::fs::write(
        dir.join("skyplan.state.json"),
        serde_json::to_string_pretty(&s).unwrap(),
    )
    .unwrap();
}

fn attributes<'a>(s: &'a mut serde_json::Value, address: &str) -> &'a mut serde_json::Value {
    s["resources"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["address"] == address)
        .map(|r| &mut r["attributes"])
        .unwrap()
}

#[test]
fn an_inconsistent_state_is_refused_with_the_first_offending_address() {
    type Breaks = fn(&mut serde_json::Value);
    let cases: [(&str, Breaks); 5] = [
        ("instance.pair[0]", |s| {
            attributes(s, "instance.pair[0]")["private_ip_address"] = "10.9.0.4".into();
        }),
        ("instance.pair[1]", |s| {
            let ip = attributes(s, "instance.pair[0]")["private_ip_address"].clone();
            attributes(s, "instance.pair[1]")["private_ip_address"] = ip;
        }),
        ("subnet.a", |s| {
            let id = s["resources"][0]["id"].clone();
            let r = s["resources"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .find(|r| r["address"] == "subnet.a")
                .unwrap();
            r["id"] = id;
        }),
        ("auto_scaling_group.web", |s| {
            attributes(s, "auto_scaling_group.web")["desired"] = 2.into();
            attributes(s, "auto_scaling_group.web")["instances"] = serde_json::json!([]);
        }),
        ("auto_scaling_group.web", |s| {
            attributes(s, "auto_scaling_group.web")["min"] = (-1).into();
        }),
    ];
    for (i, (address, breaks)) in cases.into_iter().enumerate() {
        let dir = scratch(&format!("safety-inconsistent-{i}"));
        write(&dir, "a.yaml", EVERY_REFERENCE);
        write(
            &dir,
            "b.yaml",
            "instances:\n  pair: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, count: 2, security_groups: [web]}\n",
        );
        let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
        assert_eq!(code, Some(0), "{err}");
        let before = std::fs::read(dir.join("skyplan.state.json")).unwrap();
        edit_state(&dir, breaks);
        let edited = std::fs::read(dir.join("skyplan.state.json")).unwrap();
        assert_ne!(before, edited);
        for args in [
            &["plan", "."][..],
            &["apply", "--auto-approve", "."],
            &["show", "."],
        ] {
            let (code, _, err) = sky(&dir, args);
            assert_eq!(code, Some(1), "case {i} {args:?}: {err}");
            assert!(
                err.contains("inconsistent") && err.contains(address),
                "case {i}: {err}"
            );
        }
        assert_eq!(
            std::fs::read(dir.join("skyplan.state.json")).unwrap(),
            edited
        );
    }
}

#[test]
fn an_edited_saved_plan_is_refused() {
    let dir = scratch("safety-edited-plan");
    write(
        &dir,
        "network.yaml",
        "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 10.0.0.0/16}\nsecurity_groups:\n  db: {vpc: main, ingress: [{protocol: tcp, ports: 5432, cidr: 10.0.0.0/16}]}\n",
    );
    let (code, _, err) = sky(&dir, &["plan", ".", "--out", "db.plan"]);
    assert_eq!(code, Some(0), "{err}");
    let text = std::fs::read_to_string(dir.join("db.plan")).unwrap();
    assert!(text.contains("10.0.0.0/16"));
    std::fs::write(
        dir.join("opened.plan"),
        text.replace("\"10.0.0.0/16\"", "\"0.0.0.0/0\"").replacen(
            "\"0.0.0.0/0\"",
            "\"10.0.0.0/16\"",
            1,
        ),
    )
    .unwrap();
    let (code, _, err) = sky(&dir, &["apply", "opened.plan"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("edited"), "{err}");
    assert!(!dir.join("skyplan.state.json").exists());
    // The untouched plan, and a targeted one, still apply.
    let (code, _, err) = sky(
        &dir,
        &["plan", ".", "--target", "vpc.main", "--out", "vpc.plan"],
    );
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = sky(&dir, &["apply", "vpc.plan"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = sky(&dir, &["plan", ".", "--out", "db.plan"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = sky(&dir, &["apply", "db.plan"]);
    assert_eq!(code, Some(0), "{err}");
}

// ------ 4: the simulator refuses what AWS refuses: deleting a group in use ---

#[test]
fn the_simulator_refuses_to_delete_a_group_still_in_use() {
    use skyplan_plan::{Plan, Simulator, StepAction};
    let dir = scratch("safety-group-in-use");
    write(
        &dir,
        "network.yaml",
        "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 10.0.0.0/16}\nsubnets:\n  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}\nsecurity_groups:\n  web: {vpc: main, description: one}\ninstances:\n  one: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [web]}\n",
    );
    let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    edit(&dir, "network.yaml", "description: one", "description: two");
    let (code, _, err) = sky(&dir, &["plan", ".", "--out", "p.plan"]);
    assert_eq!(code, Some(0), "{err}");
    let plan = Plan::from_json(&std::fs::read(dir.join("p.plan")).unwrap()).unwrap();
    let state = || {
        skyplan_state::file::read(&dir.join("skyplan.state.json"))
            .unwrap()
            .unwrap()
    };
    let run = |plan: &Plan| {
        let mut sim = Simulator::new(plan, state());
        plan.apply_order
            .iter()
            .try_for_each(|s| sim.run(s).map(|_| ()))
    };
    assert_eq!(run(&plan), Ok(()), "skyplan's own order passes");
    // The old group deleted before the instance is moved: refused.
    let mut wrong = plan.clone();
    let delete = wrong
        .apply_order
        .iter()
        .position(|s| s.action == StepAction::Delete)
        .unwrap();
    let step = wrong.apply_order.remove(delete);
    wrong.apply_order.insert(1, step);
    let refused = run(&wrong).unwrap_err();
    assert!(
        refused.to_string().contains("DependencyViolation")
            && refused.to_string().contains("instance.one"),
        "{refused}"
    );
}

// --- kill -9 at every step of an apply of a stack using every kind ---

/// The steps an apply of `dir` from its state takes.
fn steps(dir: &Path) -> usize {
    plan_json(dir)["resource_changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["change"]["actions"].as_array().unwrap().len())
        .sum()
}

/// Kills an apply of the every-kind stack after `step` steps, then checks
/// that what a reader sees (the state with its journal replayed) is what
/// the next writer folds into the state file, that every address lies in
/// its block (a reader refuses a state where one does not), and that a
/// re-run converges.
fn kill_and_recover(step: usize) -> Result<(), String> {
    let dir = scratch(&format!("safety-kill-every-kind-{step}"));
    write(&dir, "a.yaml", EVERY_REFERENCE);
    let mut child = paused_apply(&dir, step);
    let _ = child.kill();
    let _ = child.wait();
    if !dir.join("skyplan.state.json.journal").exists() {
        return Err(format!("step {step}: the kill left no journal to recover"));
    }
    let (code, replayed, err) = sky(&dir, &["show", "--json", "."]);
    if code != Some(0) {
        return Err(format!("step {step}: show after the kill: {err}"));
    }
    // Any writer folds the journal first (this one then refuses its address).
    let (code, _, _) = sky(&dir, &["state", "rm", "vpc.not-there", "."]);
    if code != Some(1) {
        return Err(format!("step {step}: state rm of nothing exited {code:?}"));
    }
    if dir.join("skyplan.state.json.journal").exists() {
        return Err(format!("step {step}: the journal was not folded"));
    }
    let replayed: serde_json::Value = serde_json::from_str(&replayed).unwrap();
    if replayed != state(&dir) {
        return Err(format!(
            "step {step}: the folded state differs from the replayed one"
        ));
    }
    let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    if code != Some(0) {
        return Err(format!("step {step}: the re-run failed: {err}"));
    }
    if sky(&dir, &["plan", "--detailed-exitcode", "."]).0 != Some(0) {
        return Err(format!("step {step}: the re-run does not converge"));
    }
    Ok(())
}

#[test]
fn a_kill_at_any_step_of_an_every_kind_apply_recovers_whole() {
    let dir = scratch("safety-kill-every-kind-count");
    write(&dir, "a.yaml", EVERY_REFERENCE);
    let total = steps(&dir);
    assert!(total > 30, "{total} steps");
    // Four workers over the steps: each kill is its own stack directory.
    let failures: Vec<String> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..4)
            .map(|w| {
                s.spawn(move || {
                    (1..=total)
                        .filter(|step| step % 4 == w)
                        .filter_map(|step| kill_and_recover(step).err())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
