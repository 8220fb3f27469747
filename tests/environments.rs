//! Variables, environments, outputs, moves and the plan's reachability
//! diff: examples/environments/README.md replayed step by step, and a table
//! of bad inputs, each an error at its place.

mod common;

use std::path::{Path, PathBuf};

use common::{bad_input_failures, json, repo, resource, run, scratch, sky, state, write};

/// A copy of examples/environments in a fresh directory.
fn example(name: &str) -> PathBuf {
    let dir = scratch(name);
    let from = repo().join("examples/environments");
    for file in [
        "skyplan.toml",
        "network/network.yaml",
        "modules/vpc-base/vpc.yaml",
    ] {
        let to = dir.join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from.join(file), to).unwrap();
    }
    dir
}

/// Writes `text` as `dir/sub/main.yaml`, making `sub` first: one stack
/// or module directory of a scratch tree.
fn write_dir(dir: &Path, sub: &str, text: &str) {
    std::fs::create_dir_all(dir.join(sub)).unwrap();
    write(&dir.join(sub), "main.yaml", text);
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = sky(dir, args);
    assert_eq!(code, Some(0), "{args:?}\n{out}{err}");
    out
}

#[test]
fn the_environments_walkthrough_holds() {
    let dir = example("env-walkthrough");
    // 1. Every environment lints clean; without one, the stack has no values.
    let out = ok(
        &dir,
        &["lint", "--all-envs", "--deny", "warnings", "network"],
    );
    assert!(out.contains("All checks passed"), "{out}");
    // Without --env, lint checks every environment too; without any
    // environment, the stack has no values.
    let out = ok(&dir, &["lint", "--deny", "warnings", "network"]);
    assert!(out.contains("All checks passed"), "{out}");
    let (code, out, _) = sky(&dir, &["validate", "--isolated", "network"]);
    assert_eq!(code, Some(1));
    assert!(
        out.contains("SP016") && out.contains("`region` has no value"),
        "{out}"
    );

    // 2. dev and prod-use1 each apply into their own state file.
    let out = ok(
        &dir,
        &["apply", "--env", "dev", "--auto-approve", "network"],
    );
    assert!(out.contains("17 added"), "{out}");
    assert!(out.contains("Outputs:\n\nvpc_id = \"vpc-"), "{out}");
    assert!(out.contains("vpc_cidr = \"10.10.0.0/16\""), "{out}");
    assert!(out.contains("db_ip = \"10.10.10.10\""), "{out}");
    let out = ok(
        &dir,
        &["apply", "--env", "prod-use1", "--auto-approve", "network"],
    );
    assert!(out.contains("20 added"), "{out}");
    let read = |file: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join("network").join(file)).unwrap())
            .unwrap()
    };
    let (dev, prod) = (read("skyplan.dev.state.json"), read("prod-use1.state.json"));
    assert_eq!(
        resource(&dev, "module.base.vpc.main")["attributes"]["cidr"],
        "10.10.0.0/16"
    );
    assert_eq!(
        resource(&prod, "module.base.vpc.main")["attributes"]["cidr"],
        "10.20.0.0/16"
    );
    assert_eq!(
        resource(&prod, "module.base.subnet.private-b")["attributes"]["cidr"],
        "10.20.11.0/24"
    );
    assert!(!dir.join("network/skyplan.state.json").exists());
    // Each environment plans no change against its own state.
    for env in ["dev", "prod-use1"] {
        ok(
            &dir,
            &["plan", "--env", env, "--detailed-exitcode", "network"],
        );
    }

    // 3. Outputs, from the state; an environment not applied has none yet.
    let out = ok(&dir, &["output", "--env", "prod-use1", "network"]);
    assert!(out.contains("vpc_cidr = \"10.20.0.0/16\""), "{out}");
    let out = run(&["output", "--env", "prod-euw1", "--json", "network"], &dir);
    let v = json(&out);
    assert_eq!(v["vpc_id"]["value"], serde_json::Value::Null, "{v}");
    assert_eq!(v["web_block"]["value"], "10.21.0.0/23", "{v}");

    // 4. --var wins over the environment.
    let out = ok(
        &dir,
        &[
            "plan",
            "--env",
            "dev",
            "--var",
            "web_count=2",
            "-q",
            "network",
        ],
    );
    assert!(
        out.contains("Plan: 1 to add, 0 to change, 0 to destroy."),
        "{out}"
    );

    // 5. A rename inside the module, with `moved:` there, moves; it
    // destroys nothing, in every stack and environment that uses it.
    let path = dir.join("modules/vpc-base/vpc.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let renamed = text
        .replace("  public-a:  {vpc", "  web-a:  {vpc")
        .replace(
            "subnets: [public-a, public-b]",
            "subnets: [web-a, public-b]",
        )
        .replace("subnet: public-a,", "subnet: web-a,")
        .replace("subnet.public-a.id", "subnet.web-a.id")
        + "\nmoved:\n  - {from: subnet.public-a, to: subnet.web-a}\n";
    assert_eq!(renamed.matches("web-a").count(), 5, "{renamed}");
    std::fs::write(&path, renamed).unwrap();
    let out = ok(&dir, &["plan", "--env", "dev", "network"]);
    assert!(
        out.contains("  # module.base.subnet.public-a has moved to module.base.subnet.web-a\n"),
        "{out}"
    );
    assert!(
        out.contains("Plan: 1 to move, 0 to add, 0 to change, 0 to destroy."),
        "{out}"
    );
    ok(
        &dir,
        &["apply", "--env", "dev", "--auto-approve", "network"],
    );
    let dev = read("skyplan.dev.state.json");
    assert_eq!(
        resource(&dev, "module.base.subnet.web-a")["attributes"]["cidr"],
        "10.10.0.0/24"
    );
    assert_eq!(
        resource(&dev, "module.base.nat_gateway.nat-a")["attributes"]["subnet"],
        "module.base.subnet.web-a"
    );
    assert_eq!(
        resource(&dev, "instance.web[0]")["attributes"]["subnet"],
        "module.base.subnet.web-a"
    );
    ok(
        &dir,
        &["plan", "--env", "dev", "--detailed-exitcode", "network"],
    );
    // prod-use1 makes the same move when it is planned.
    let out = ok(&dir, &["plan", "--env", "prod-use1", "-q", "network"]);
    assert!(out.contains("1 to move, 0 to add"), "{out}");
}

/// The bad-input table of the walkthrough: each a finding at its place.
#[test]
fn bad_variables_expressions_outputs_and_moves_are_errors_at_their_place() {
    const BASE: &str = "vpcs:\n  main: {cidr: 10.0.0.0/16, region: us-east-1}\n";
    let cases: &[(&str, &str, &str)] = &[
        (
            "variables:\n  base_cidr: {type: cidr, default: 10.1.0.0/16}\nsubnets:\n  a: {vpc: main, cidr: \"${var.base_cdir}\", az: us-east-1a}\n",
            "SP014",
            "did you mean `var.base_cidr`",
        ),
        (
            "variables:\n  n: {type: number, default: two}\n",
            "SP015",
            "not a number",
        ),
        (
            "variables:\n  base: {type: cidr}\nsubnets:\n  a: {vpc: main, cidr: \"${var.base}\", az: us-east-1a}\n",
            "SP016",
            "has no value",
        ),
        (
            "subnets:\n  a: {vpc: main, cidr: '${cidrsubnet(\"10.0.0.0/16\", 8, 256)}', az: us-east-1a}\n",
            "SP018",
            "256 subnets of /24",
        ),
        (
            "subnets:\n  a: {vpc: main, cidr: '${cidrsubnet(\"10.0.0.0/16\", 17, 0)}', az: us-east-1a}\n",
            "SP018",
            "/33",
        ),
        (
            "subnets:\n  a: {vpc: main, cidr: \"${cidrsubnett(1)}\", az: us-east-1a}\n",
            "SP017",
            "did you mean `cidrsubnet`",
        ),
        (
            "outputs:\n  id: {value: vpc.main.vpc_id}\n",
            "SP021",
            "no attribute `vpc_id`",
        ),
        (
            "outputs:\n  id: {value: vpc.other.id}\n",
            "SP021",
            "not declared",
        ),
        (
            "moved:\n  - {from: vpc.old, to: vpc.nope}\n",
            "SP020",
            "vpc.nope is not declared",
        ),
    ];
    let failures = bad_input_failures("env-bad", BASE, cases);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Bad modules: each a finding at its place, in the stack's file or the
/// module's, with the other place beside it where there is one.
#[test]
fn bad_modules_are_errors_at_their_place() {
    const MODULE: &str = "variables:\n  cidr: {type: cidr}\nvpcs:\n  main: {cidr: \"${var.cidr}\", region: us-east-1}\noutputs:\n  vpc: {value: vpc.main.id}\n";
    const CALL: &str = "modules:\n  net: {source: ../net, vars: {cidr: 10.1.0.0/16}}\n";
    // (stack file, module file, code, where, text)
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (
            "modules:\n  net: {source: ../nett}\n",
            MODULE,
            "SP022",
            "stack/main.yaml",
            "cannot be read",
        ),
        (
            CALL,
            &format!("{MODULE}modules:\n  again: {{source: ../stack}}\n"),
            "SP023",
            "net/main.yaml",
            "ring: the stack -> ../net -> ../stack",
        ),
        (
            &format!("{CALL}security_groups:\n  web: {{vpc: module.net.vpcc, description: web}}\n"),
            MODULE,
            "RF001",
            "stack/main.yaml",
            "module.net has no output `vpcc`",
        ),
        (
            &format!(
                "{CALL}subnets:\n  a: {{vpc: module.net.vpc_cidr, cidr: 10.1.1.0/24, az: us-east-1a}}\n"
            ),
            &format!("{MODULE}  vpc_cidr: {{value: vpc.main.cidr}}\n"),
            "RF002",
            "stack/main.yaml",
            "a reference needs an output of an id",
        ),
        (
            CALL,
            &format!("{MODULE}  id: {{value: vpc.main.vpc_id}}\n"),
            "SP021",
            "net/main.yaml",
            "no attribute `vpc_id`",
        ),
        (
            "modules:\n  net: {source: ../net, vars: {cidr: 5}}\n",
            MODULE,
            "SP015",
            "stack/main.yaml",
            "module `net`'s `vars` gives it 5",
        ),
        (
            "modules:\n  net: {source: ../net}\n",
            MODULE,
            "SP016",
            "net/main.yaml",
            "`cidr` has no value",
        ),
        (
            "modules:\n  net: {source: ../net, vars: {cidr: 10.1.0.0/16, cdir: 10.2.0.0/16}}\n",
            MODULE,
            "SP014",
            "stack/main.yaml",
            "did you mean `cidr`",
        ),
    ];
    let mut failures = Vec::new();
    for (i, (stack, module, code, file, text)) in cases.iter().enumerate() {
        let dir = scratch(&format!("env-bad-module-{i}"));
        write_dir(&dir, "stack", stack);
        write_dir(&dir, "net", module);
        let out = run(&["lint", "--format", "json", "--isolated", "stack"], &dir);
        let found = json(&out)["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let hit = found.iter().any(|d| {
            d["code"] == *code
                && d["range"]["filename"].as_str() == Some(*file)
                && d["range"]["start"]["line"].as_u64().is_some_and(|l| l >= 1)
                && d.to_string().contains(text)
        });
        if out.status.code() != Some(1) || !hit {
            failures.push(format!(
                "case {i}: exit {:?}, wanted {code} in {file} with {text:?}, got {found:#?}",
                out.status.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// EV001: environments that connect one site over VPN to overlapping
/// blocks; the near-miss (a block per environment) lints clean, and one
/// environment alone has nothing to collide with.
#[test]
fn environments_that_vpn_one_site_to_overlapping_blocks_are_an_error() {
    const STACK: &str = "variables:\n  base_cidr: {type: cidr}\ndefaults: {region: us-east-1}\nvpcs:\n  main: {cidr: \"${var.base_cidr}\"}\nsubnets:\n  a: {vpc: main, cidr: \"${cidrsubnet(var.base_cidr, 8, 0)}\", az: us-east-1a}\n  b: {vpc: main, cidr: \"${cidrsubnet(var.base_cidr, 8, 1)}\", az: us-east-1b}\ncustomer_gateways:\n  office: {ip_address: 203.0.113.12, bgp_asn: 65010, networks: [192.168.0.0/16]}\nvpn_gateways:\n  vgw: {vpc: main}\nvpn_connections:\n  office: {customer_gateway: office, vpn_gateway: vgw}\nroute_tables:\n  private:\n    vpc: main\n    subnets: [a, b]\n    propagate: [vgw]\n";
    let lint = |name: &str, prod: &str, args: &[&str]| {
        let dir = scratch(name);
        write_dir(&dir, "net", STACK);
        let toml = format!(
            "[environments.dev]\nvars = {{ base_cidr = \"10.10.0.0/16\" }}\n[environments.prod]\nvars = {{ base_cidr = \"{prod}\" }}\n"
        );
        write(&dir, "skyplan.toml", &toml);
        let mut all = vec!["lint", "--format", "json"];
        all.extend(args);
        all.push("net");
        let out = run(&all, &dir);
        (out.status.code(), json(&out)["diagnostics"].clone())
    };
    let (code, found) = lint("env-ev001-fail", "10.10.128.0/17", &[]);
    assert_eq!(code, Some(1), "{found:#}");
    let ev = found.as_array().unwrap();
    assert_eq!(ev.len(), 1, "{found:#}");
    assert_eq!(ev[0]["code"], "EV001");
    assert_eq!(ev[0]["range"]["filename"], "net/main.yaml");
    assert_eq!(ev[0]["range"]["start"]["line"], 5);
    assert!(
        ev[0]["summary"]
            .as_str()
            .unwrap()
            .contains("10.10.0.0/16 of vpc.main in dev and 10.10.128.0/17 of vpc.main in prod"),
        "{found:#}"
    );
    let (code, found) = lint("env-ev001-pass", "10.20.0.0/16", &[]);
    assert_eq!(
        (code, found.as_array().unwrap().len()),
        (Some(0), 0),
        "{found:#}"
    );
    let (code, found) = lint("env-ev001-one", "10.10.0.0/16", &["--env", "prod"]);
    assert_eq!(
        (code, found.as_array().unwrap().len()),
        (Some(0), 0),
        "{found:#}"
    );
}

/// Environments joined by a peering (or a transit gateway) live in one
/// stack that calls the module once per environment: the stack's own
/// rules compare their blocks (PC003 here).
#[test]
fn environments_joined_in_one_stack_are_compared_by_its_own_rules() {
    let dir = example("env-hub");
    let hub = |prod: &str| {
        format!(
            "modules:\n  dev:  {{source: ../modules/vpc-base, vars: {{cidr: 10.10.0.0/16, region: us-east-1}}}}\n  prod: {{source: ../modules/vpc-base, vars: {{cidr: {prod}, region: us-east-1}}}}\nvpc_peerings:\n  dev-prod: {{vpc: module.dev.vpc, peer_vpc: module.prod.vpc}}\n"
        )
    };
    write_dir(&dir, "hub", &hub("10.10.0.0/16"));
    let (code, out, _) = sky(&dir, &["lint", "--isolated", "hub"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("vpc_peering.dev-prod peers module.dev.vpc.main (10.10.0.0/16) with module.prod.vpc.main"),
        "{out}"
    );
    write_dir(&dir, "hub", &hub("10.20.0.0/16"));
    let out = ok(&dir, &["lint", "--isolated", "hub"]);
    assert!(
        out.contains("0 errors") || out.contains("All checks passed"),
        "{out}"
    );
}

/// Moving a stack's resources into a module: the objects keep their ids,
/// and nothing is destroyed.
#[test]
fn a_move_into_a_module_keeps_the_objects() {
    let dir = scratch("env-move-into-module");
    let resources = "vpcs:\n  main: {cidr: 10.1.0.0/16}\nsubnets:\n  a: {vpc: main, cidr: 10.1.1.0/24, az: us-east-1a}\n  b: {vpc: main, cidr: 10.1.2.0/24, az: us-east-1b}\n";
    write_dir(
        &dir,
        "stack",
        &format!("defaults: {{region: us-east-1}}\n{resources}"),
    );
    ok(&dir, &["apply", "--auto-approve", "-q", "stack"]);
    let id = resource(&state(&dir.join("stack")), "subnet.a")["id"].clone();
    write_dir(&dir, "net", resources);
    write_dir(
        &dir,
        "stack",
        "defaults: {region: us-east-1}\nmodules:\n  net: {source: ../net}\nmoved:\n  - {from: vpc.main, to: module.net.vpc.main}\n  - {from: subnet.a, to: module.net.subnet.a}\n  - {from: subnet.b, to: module.net.subnet.b}\n",
    );
    let out = ok(&dir, &["plan", "stack"]);
    assert!(
        out.contains("  # subnet.a has moved to module.net.subnet.a\n")
            && out.contains("Plan: 3 to move, 0 to add, 0 to change, 0 to destroy."),
        "{out}"
    );
    ok(&dir, &["apply", "--auto-approve", "-q", "stack"]);
    let after = state(&dir.join("stack"));
    assert_eq!(resource(&after, "module.net.subnet.a")["id"], id);
    assert_eq!(
        resource(&after, "module.net.subnet.a")["attributes"]["vpc"],
        "module.net.vpc.main"
    );
    ok(&dir, &["plan", "--detailed-exitcode", "stack"]);
}

/// Calls of calls multiply; past the bound the rest is refused at a call,
/// never expanded without end.
#[test]
fn module_expansion_is_bounded() {
    let dir = scratch("env-module-fanout");
    let calls = |source: &str| -> String {
        let mut text = String::from("modules:\n");
        for i in 0..10 {
            text.push_str(&format!("  m{i}: {{source: {source}}}\n"));
        }
        text
    };
    for (sub, text) in [
        ("stack", calls("../a")),
        ("a", calls("../b")),
        ("b", calls("../c")),
        (
            "c",
            "prefix_lists:\n  office: {max_entries: 1, entries: [{cidr: 192.0.2.0/24}]}\n"
                .to_string(),
        ),
    ] {
        write_dir(&dir, sub, &text);
    }
    let (code, out, _) = sky(&dir, &["validate", "stack"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("SP022") && out.contains("more than 1000 modules"),
        "{out}"
    );
}

/// Pre-commit passes the files that changed: a module's file is checked
/// through the stacks below the working directory that use it, never alone
/// (its variables would have no values).
#[test]
fn a_changed_module_file_is_checked_through_its_stacks() {
    let dir = example("env-precommit-module");
    let (code, out, err) = sky(
        &dir,
        &[
            "lint",
            "-v",
            "--deny",
            "warnings",
            "modules/vpc-base/vpc.yaml",
        ],
    );
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(err.contains("checking ./network"), "{err}");
    assert!(!err.contains("checking modules/vpc-base"), "{err}");
    assert!(out.contains("1 stack (17 resources)"), "{out}");
}

/// A module's expectations are evaluated in the module: their names are
/// its resources', and a failing one is RC001 at the module's file.
#[test]
fn a_module_s_expectations_hold_inside_it() {
    let dir = scratch("env-module-expectations");
    let module = "vpcs:\n  main: {cidr: 10.1.0.0/16, region: us-east-1}\nsubnets:\n  a: {vpc: main, cidr: 10.1.1.0/24, az: us-east-1a}\ninstances:\n  box: {subnet: a, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\nexpectations:\n  no-ssh: {from: internet, to: box, port: 22, reachable: REACHABLE}\n";
    write_dir(&dir, "stack", "modules:\n  net: {source: ../net}\n");
    write_dir(&dir, "net", &module.replace("REACHABLE", "false"));
    ok(&dir, &["lint", "stack"]);
    let out = run(
        &[
            "reach",
            "--from",
            "internet",
            "--to",
            "module.net.instance.box",
            "--port",
            "22",
            "stack",
        ],
        &dir,
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("internet -> module.net.instance.box (tcp 22): blocked"),
        "{text}"
    );
    write_dir(&dir, "net", &module.replace("REACHABLE", "true"));
    let (code, out, _) = sky(&dir, &["lint", "stack"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("RC001")
            && out.contains("net/main.yaml")
            && out.contains("expectation.net.no-ssh"),
        "{out}"
    );
}

#[test]
fn bad_flags_and_environments_are_refused_before_any_work() {
    let dir = example("env-bad-flags");
    let cases: &[(&[&str], &str)] = &[
        (
            &["plan", "--env", "staging", "network"],
            "environment `staging` is not defined",
        ),
        (
            &["plan", "--var", "web_count", "network"],
            "--var takes NAME=VALUE",
        ),
        (
            &["lint", "--env", "dev", "--all-envs", "network"],
            "leave out --env",
        ),
        (
            &[
                "plan",
                "--var-file",
                "missing.yaml",
                "--env",
                "dev",
                "network",
            ],
            "cannot read missing.yaml",
        ),
    ];
    for (args, message) in cases {
        let (code, out, err) = sky(&dir, args);
        assert_eq!(code, Some(2), "{args:?}: {out}{err}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
    // A wrong value from --var is a finding naming where it came from.
    let (code, out, _) = sky(
        &dir,
        &[
            "validate",
            "--env",
            "dev",
            "--var",
            "web_count=many",
            "network",
        ],
    );
    assert_eq!(code, Some(1));
    assert!(
        out.contains("`web_count` is a number, but --var gives it `many`"),
        "{out}"
    );
    // A value from skyplan.toml points into skyplan.toml.
    write(
        &dir,
        "skyplan.toml",
        "[environments.dev]\nvars = { region = \"us-east-1\", base_cidr = \"10.10.0.5/16\" }\n",
    );
    let out = run(
        &["lint", "--env", "dev", "--format", "json", "network"],
        &dir,
    );
    let v = json(&out);
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "SP015", "{v}");
    assert!(
        d["range"]["filename"]
            .as_str()
            .unwrap()
            .ends_with("skyplan.toml"),
        "{v}"
    );
    assert!(
        d["summary"].as_str().unwrap().contains("10.10.0.0/16"),
        "{v}"
    );
    // A var file wins over the environment; --var over the var file.
    write(&dir, "big.yaml", "web_count: 3\n");
    write(
        &dir,
        "skyplan.toml",
        "[environments.dev]\nvars = { region = \"us-east-1\", base_cidr = \"10.10.0.0/16\", web_count = 1 }\n",
    );
    let dev_plan = |more: &[&str]| {
        let mut args = vec!["plan", "--env", "dev", "--var-file", "big.yaml"];
        args.extend_from_slice(more);
        args.extend(["-q", "network"]);
        ok(&dir, &args)
    };
    let out = dev_plan(&[]);
    assert!(out.contains("Plan: 19 to add"), "{out}");
    let out = dev_plan(&["--var", "web_count=1"]);
    assert!(out.contains("Plan: 17 to add"), "{out}");
}

#[test]
fn a_move_to_an_address_the_state_has_is_refused_and_state_mv_moves() {
    let dir = scratch("env-move-occupied");
    let spec = "vpcs:\n  main: {cidr: 10.0.0.0/16, region: us-east-1}\nsubnets:\n  a: {vpc: main, cidr: 10.0.1.0/24, az: us-east-1a}\n  b: {vpc: main, cidr: 10.0.2.0/24, az: us-east-1b}\n";
    write(&dir, "network.yaml", spec);
    ok(&dir, &["apply", "--auto-approve", "-q", "."]);
    let before = std::fs::read(dir.join("skyplan.state.json")).unwrap();
    // `a` renamed to `b`'s place while `b` still exists in the state.
    write(
        &dir,
        "network.yaml",
        &(spec.replace("  a: {vpc", "  c: {vpc") + "moved:\n  - {from: subnet.a, to: subnet.b}\n"),
    );
    let (code, out, err) = sky(&dir, &["plan", "."]);
    assert_ne!(code, Some(0), "{out}{err}");
    assert!(
        err.contains("the state already has an object at subnet.b"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(dir.join("skyplan.state.json")).unwrap(),
        before
    );
    // state mv: refused onto a taken address, done onto a free one.
    write(&dir, "network.yaml", spec);
    let (code, _, err) = sky(&dir, &["state", "mv", "subnet.a", "subnet.b", "."]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        std::fs::read(dir.join("skyplan.state.json")).unwrap(),
        before
    );
    let id = resource(&state(&dir), "subnet.a")["id"].clone();
    // A whole apply left the digest of its spec: while the spec has it,
    // reach reads the state as it is. Any other edit drops it.
    assert!(
        state(&dir)["applied_spec"]
            .as_str()
            .is_some_and(|d| d.starts_with("sha256:")),
        "{}",
        state(&dir)
    );
    ok(&dir, &["state", "mv", "subnet.a", "subnet.c", "."]);
    assert_eq!(resource(&state(&dir), "subnet.c")["id"], id);
    assert!(state(&dir).get("applied_spec").is_none());
    // The spec still says `a`: the next plan puts it back at `a`.
    let (code, out, _) = sky(&dir, &["plan", "--detailed-exitcode", "-q", "."]);
    assert_eq!(code, Some(2), "{out}");
}

/// The plan's reachability diff: a wider group shows what it opens and
/// `--deny-widening` fails; narrowing it again shows what closes; a
/// network ACL that cuts an expected path stops the plan at the ACL.
#[test]
fn a_plan_says_what_it_opens_and_closes_to_the_internet() {
    let dir = example("env-reach-diff");
    ok(
        &dir,
        &["apply", "--env", "dev", "--auto-approve", "-q", "network"],
    );
    let state_file = dir.join("network/skyplan.dev.state.json");
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&state_file).unwrap()).unwrap();
    assert!(
        recorded["exposure"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["address"] == "instance.web[0]" && e["from_port"] == 443),
        "{}",
        recorded["exposure"]
    );
    // Questions about the built network read its state as it is.
    ok(
        &dir,
        &[
            "reach", "--env", "dev", "--from", "internet", "--to", "web", "--port", "443",
            "network",
        ],
    );
    // Nothing changes: no reachability section, and --deny-widening passes.
    let out = ok(
        &dir,
        &["plan", "--env", "dev", "--deny-widening", "network"],
    );
    assert!(!out.contains("Reachability changes"), "{out}");

    let path = dir.join("network/network.yaml");
    let original = std::fs::read_to_string(&path).unwrap();
    let https = "      - {protocol: tcp, ports: 443, cidr: 0.0.0.0/0}\n";
    let wider = original.replacen(
        https,
        &format!("{https}      - {{protocol: tcp, ports: 8080-8081, cidr: 0.0.0.0/0}}\n"),
        1,
    );
    assert_ne!(wider, original);
    std::fs::write(&path, &wider).unwrap();
    let (code, out, err) = sky(
        &dir,
        &["plan", "--env", "dev", "--deny-widening", "network"],
    );
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(
        out.contains(
            "Reachability changes (from the internet):\n  + internet -> instance.web[0] tcp/8080-8081 becomes reachable\n"
        ),
        "{out}"
    );
    assert!(err.contains("--deny-widening refuses it"), "{err}");
    let out = run(&["plan", "--env", "dev", "--json", "network"], &dir);
    let opens = &json(&out)["reachability_changes"]["opens"];
    assert_eq!(opens[0]["from_port"], 8080, "{opens}");
    // Without the flag the plan goes on; applied, the record follows.
    ok(
        &dir,
        &["apply", "--env", "dev", "--auto-approve", "-q", "network"],
    );
    std::fs::write(&path, &original).unwrap();
    let out = ok(
        &dir,
        &["plan", "--env", "dev", "--deny-widening", "network"],
    );
    assert!(
        out.contains("  - internet -> instance.web[0] tcp/8080-8081 is no longer reachable\n"),
        "{out}"
    );

    // A destroy closes everything.
    let out = ok(&dir, &["plan", "--env", "dev", "--destroy", "network"]);
    assert!(
        out.contains("  - internet -> instance.web[0] tcp/443 is no longer reachable\n"),
        "{out}"
    );

    // A network ACL that drops HTTPS breaks `internet-to-web`: the plan
    // stops, naming the expectation and the ACL that closes the path.
    let acl = "network_acls:\n  public:\n    vpc: module.base.vpc\n    subnets: [module.base.public_a, module.base.public_b]\n    ingress:\n      - {rule: 100, action: allow, protocol: tcp, ports: 22, cidr: 198.51.100.0/24}\n      - {rule: 110, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}\n    egress:\n      - {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}\n";
    std::fs::write(&path, format!("{original}\n{acl}")).unwrap();
    let (code, text, _) = sky(&dir, &["plan", "--env", "dev", "network"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("RC001"), "{text}");
    assert!(text.contains("expectation.internet-to-web"), "{text}");
    assert!(text.contains("network_acl.public"), "{text}");
}
