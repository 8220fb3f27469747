//! `skyplan reach` as users see it: the hop list, the JSON of the
//! contract, and the exit codes (0 reachable, 3 blocked, 4 unknown, 1 invalid stack,
//! 2 usage). The verdicts themselves are tested in-process in
//! `crates/skyplan-reach/tests/questions.rs`.

mod common;

use common::*;

/// A copy of the bastion stack (reach takes the state's read lock, which
/// creates a lock file next to it).
fn bastion(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    for f in [
        "network.yaml",
        "security.yaml",
        "compute.yaml",
        "expectations.yaml",
    ] {
        let text = std::fs::read_to_string(repo().join("specs/bastion").join(f)).unwrap();
        write(&dir, f, &text);
    }
    dir
}

#[test]
fn a_reachable_path_lists_every_hop() {
    let dir = bastion("reach-text");
    let (code, out, err) = sky(
        &dir,
        &[
            "reach",
            "--from",
            "instance.app[0]",
            "--to",
            "db",
            "--port",
            "5432",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    insta::assert_snapshot!("reach_app_to_db", out);
}

#[test]
fn a_blocked_path_names_the_hop_the_place_and_the_fix() {
    let dir = bastion("reach-blocked");
    let (code, out, err) = sky(
        &dir,
        &["reach", "--from", "bastion", "--to", "db", "--port", "5432"],
    );
    assert_eq!(code, Some(3), "{err}");
    insta::assert_snapshot!("reach_bastion_to_db", out);
}

#[test]
fn the_json_follows_the_contract() {
    let dir = bastion("reach-json");
    let out = run(
        &[
            "reach", "--from", "internet", "--to", "bastion", "--port", "22", "--format", "json",
        ],
        &dir,
    );
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    for key in [
        "from",
        "to",
        "protocol",
        "port",
        "verdict",
        "forward",
        "reply",
        "blocked_at",
    ] {
        assert!(v.get(key).is_some(), "no `{key}`: {v}");
    }
    assert_eq!(v["verdict"], "reachable");
    assert!(v["blocked_at"].is_null());
    let hop = &v["forward"][0];
    for key in ["resource", "check", "decision", "rule", "span"] {
        assert!(hop.get(key).is_some(), "no `{key}` in a hop: {hop}");
    }
    let out = run(
        &[
            "reach", "--from", "internet", "--to", "db", "--port", "5432", "--format", "json",
        ],
        &dir,
    );
    assert_eq!(out.status.code(), Some(3));
    let v = json(&out);
    assert_eq!(v["verdict"], "blocked");
    assert_eq!(v["blocked_at"]["check"], "public-address");
    assert_eq!(v["blocked_at"]["span"]["file"], "./compute.yaml");
}

#[test]
fn questions_that_name_nothing_are_usage_errors() {
    let dir = bastion("reach-usage");
    for args in [
        &["reach", "--from", "nope", "--to", "db", "--port", "1"][..],
        &["reach", "--from", "bastion", "--to", "db"],
        &[
            "reach",
            "--from",
            "bastion",
            "--to",
            "db",
            "--protocol",
            "icmp",
            "--port",
            "1",
        ],
        &[
            "reach",
            "--from",
            "bastion",
            "--to",
            "db",
            "--protocol",
            "gre",
            "--port",
            "1",
        ],
        &[
            "reach", "--from", "bastion", "--to", "db", "--port", "70000",
        ],
    ] {
        let (code, _, err) = sky(&dir, args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(err.contains("error"), "{args:?}: {err}");
    }
}

#[test]
fn an_invalid_stack_is_not_asked() {
    let dir = bastion("reach-invalid");
    write(&dir, "broken.yaml", "vpcs:\n  other: {cidr: 10.0.0.0/8}\n");
    let (code, out, _) = sky(
        &dir,
        &["reach", "--from", "bastion", "--to", "db", "--port", "22"],
    );
    assert_eq!(code, Some(1), "{out}");
}

#[test]
fn a_change_that_breaks_an_expectation_fails_lint_naming_the_deciding_rule() {
    let dir = bastion("reach-expectation");
    let (code, out, err) = sky(&dir, &["lint", "-q", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    // Move a private subnet out of the block the data ACL admits.
    let path = dir.join("network.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("cidr: 10.0.11.0/24", "cidr: 10.0.12.0/24", 1),
    )
    .unwrap();
    let out = run(&["lint", "--format", "json", "."], &dir);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let found: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "RC001")
        .collect();
    assert_eq!(found.len(), 1, "{v:#}");
    let d = found[0];
    assert_eq!(d["resources"][0], "expectation.app-to-db");
    assert_eq!(d["resources"][1], "network_acl.data");
    let message = d["summary"].as_str().unwrap();
    assert!(
        message.contains("instance.app[1] cannot reach instance.db on tcp 5432"),
        "{message}"
    );
    // A quiet plan, which works out no warning, still stops on it.
    let (code, out, err) = sky(&dir, &["plan", "-q", "."]);
    assert_eq!(code, Some(1), "{err}");
    assert!(out.contains("RC001"), "{out}");
}

/// examples/reachability/README.md, step by step: the stack fails on
/// `expectation.app-to-db` only, and the ACL of step 4 fixes it.
#[test]
fn the_reachability_walkthrough_holds() {
    let dir = scratch("reach-walkthrough");
    for f in ["network.yaml", "servers.yaml", "expectations.yaml"] {
        let text =
            std::fs::read_to_string(repo().join("examples/reachability/stack").join(f)).unwrap();
        write(&dir, f, &text);
    }
    let out = run(&["lint", "--format", "json", "."], &dir);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let errors: Vec<(&str, &str)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["resources"][0].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(errors, [("RC001", "expectation.app-to-db")]);
    let (code, _, _) = sky(
        &dir,
        &["reach", "--from", "app", "--to", "db", "--port", "5432"],
    );
    assert_eq!(code, Some(3));
    let path = dir.join("network.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let fixed = text.replacen(
        "      - {rule: 100, action: allow, protocol: tcp, ports: 5432, cidr: 10.20.10.0/24}\n    egress:\n      - {rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}",
        "      - {rule: 100, action: allow, protocol: tcp, ports: 5432, cidr: 10.20.10.0/24}\n      - {rule: 200, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}\n    egress:\n      - {rule: 100, action: allow, protocol: tcp, ports: 1024-65535, cidr: 10.20.10.0/24}\n      - {rule: 200, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}",
        1,
    );
    assert_ne!(fixed, text, "the walkthrough's ACL is still in the stack");
    std::fs::write(&path, fixed).unwrap();
    let (code, out, err) = sky(&dir, &["lint", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("All checks passed"), "{out}");
    let (code, _, _) = sky(
        &dir,
        &["reach", "--from", "app", "--to", "db", "--port", "5432"],
    );
    assert_eq!(code, Some(0));
    let (code, out, _) = sky(&dir, &["exposure", "."]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("instance.web ("), "{out}");
    assert!(out.contains("tcp 443"), "{out}");
}

#[test]
fn bad_expectations_are_errors_with_their_place() {
    let dir = bastion("reach-bad-expectations");
    write(
        &dir,
        "more.yaml",
        r#"expectations:
  no-port: {from: "app[0]", to: db, reachable: true}
  icmp-port: {from: "app[0]", to: db, protocol: icmp, port: 1, reachable: true}
  bad-port: {from: "app[0]", to: db, port: 70000, reachable: true}
  typo: {from: "app[0]", to: db, port: 5432, reachble: true}
  gre: {from: "app[0]", to: db, protocol: gre, reachable: true}
  app-to-db: {from: "app[0]", to: db, port: 5432, reachable: true}
  ghost: {from: "app[0]", to: dbb, port: 5432, reachable: true}
"#,
    );
    let out = run(&["lint", "--format", "json", "."], &dir);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let found: Vec<(String, u64)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["range"]["filename"]
                .as_str()
                .is_some_and(|f| f.ends_with("more.yaml"))
        })
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    for (code, line) in [("SP007", 2), ("SP002", 5), ("SP005", 7)] {
        assert!(
            found.contains(&(code.to_string(), line)),
            "{code} at line {line}: {found:?}"
        );
    }
    assert!(
        found.iter().any(|(_, l)| *l == 3),
        "icmp with a port: {found:?}"
    );
    assert!(
        found.iter().any(|(_, l)| *l == 4),
        "port out of range: {found:?}"
    );
    assert!(
        found.iter().any(|(_, l)| *l == 6),
        "unknown protocol: {found:?}"
    );
}

#[test]
fn a_path_skyplan_does_not_evaluate_is_unknown_with_its_own_exit_code() {
    let dir = scratch("reach-unknown");
    let base = "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 10.0.0.0/16}\nsubnets:\n  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}\n  b: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1b}\n";
    write(&dir, "network.yaml", &format!("{base}{NLB_TO_DB}"));
    let args = [
        "reach",
        ".",
        "--from",
        "internet",
        "--to",
        "load_balancer.front",
        "--port",
        "5432",
    ];
    let (code, out, _) = sky(&dir, &args);
    assert_eq!(code, Some(4), "{out}");
    assert!(
        out.contains("unknown") && out.contains("does not evaluate"),
        "{out}"
    );
    let mut json = args.to_vec();
    json.extend(["--format", "json"]);
    let (code, out, _) = sky(&dir, &json);
    assert_eq!(code, Some(4));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["verdict"], "unknown");
}

#[test]
fn a_counted_name_or_a_group_means_every_copy_as_in_expectations() {
    let dir = bastion("reach-every-copy");
    let (code, out, err) = sky(
        &dir,
        &["reach", "--from", "app", "--to", "db", "--port", "5432"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.starts_with("app -> db (tcp 5432): 4 pairs: 4 reachable"),
        "{out}"
    );
    let (code, out, _) = sky(
        &dir,
        &[
            "reach", "--from", "bastion", "--to", "app", "--port", "5432", "--format", "json",
        ],
    );
    assert_eq!(code, Some(3));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["verdict"], "blocked");
    let answers = v["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 4, "every copy of app");
    assert_eq!(answers[1]["to"], "instance.app[1]");
    assert_eq!(answers[1]["verdict"], "blocked");
}

#[test]
fn the_whole_internet_is_not_a_private_block() {
    let dir = bastion("reach-zero-block");
    let (code, _, err) = sky(
        &dir,
        &[
            "reach",
            "--from",
            "0.0.0.0/0",
            "--to",
            "bastion",
            "--port",
            "22",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = sky(
        &dir,
        &[
            "reach",
            "--from",
            "10.1.0.0/16",
            "--to",
            "bastion",
            "--port",
            "22",
        ],
    );
    assert_eq!(code, Some(2));
    assert!(err.contains("private block"), "{err}");
}

/// Two VPCs on a hub.
const HUB: &str = "defaults: {region: eu-west-1}
transit_gateways:
  hub: {description: The network hub}
vpcs:
  a: {cidr: 10.1.0.0/16}
  b: {cidr: 10.2.0.0/16}
subnets:
  a: {vpc: a, cidr: 10.1.0.0/24, az: eu-west-1a}
  b: {vpc: b, cidr: 10.2.0.0/24, az: eu-west-1a}
transit_gateway_attachments:
  a: {transit_gateway: hub, vpc: a, subnets: [a]}
  b: {transit_gateway: hub, vpc: b, subnets: [b]}
route_tables:
  a: {vpc: a, subnets: [a], routes: [{destination: 10.2.0.0/16, transit_gateway: hub}]}
  b: {vpc: b, subnets: [b], routes: [{destination: 10.1.0.0/16, transit_gateway: hub}]}
security_groups:
  any: {vpc: a, ingress: [{protocol: all, cidr: 10.0.0.0/8}]}
  other: {vpc: b, ingress: [{protocol: all, cidr: 10.0.0.0/8}]}
instances:
  one: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [any]}
  two: {subnet: b, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [other]}
";

/// The hub stack with `options` added to the transit gateway's.
fn hub_stack(name: &str, options: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    let hub = format!("The network hub{options}}}");
    write(
        &dir,
        "network.yaml",
        &HUB.replacen("The network hub}", &hub, 1),
    );
    dir
}

/// The hub's default route table carries one VPC's traffic to the other,
/// and back.
#[test]
fn a_path_through_a_transit_gateway_is_answered() {
    let dir = hub_stack("reach-transit-gateway", "");
    let args = [
        "reach", ".", "--from", "one", "--to", "two", "--port", "443",
    ];
    let (code, out, err) = sky(&dir, &args);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        out.contains(
            "10.2.0.0/16 -> transit_gateway_attachment.b (propagated to its default route table)"
        ),
        "{out}"
    );
}

/// With the default route table off, the hub's own table routes the
/// attachments it associates; a blackhole route in it blocks.
#[test]
fn a_path_through_a_transit_gateway_route_table_is_answered() {
    let dir = hub_stack(
        "reach-transit-gateway-own-tables",
        ", default_route_table_association: false, default_route_table_propagation: false",
    );
    let table = "transit_gateway_route_tables:
  spokes: {transit_gateway: hub, associations: [a, b], propagations: [a, b]}
";
    write(&dir, "hub-routes.yaml", table);
    let args = [
        "reach",
        ".",
        "--from",
        "instance.one",
        "--to",
        "instance.two",
        "--port",
        "443",
    ];
    let (code, out, err) = sky(&dir, &args);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        out.contains("transit_gateway_route_table.spokes")
            && out.contains("10.2.0.0/16 -> transit_gateway_attachment.b (propagated)"),
        "{out}"
    );
    let blackhole = table.replace(
        "propagations: [a, b]}",
        "propagations: [a, b], routes: [{destination: 10.2.0.0/24, blackhole: true}]}",
    );
    write(&dir, "hub-routes.yaml", &blackhole);
    let (code, out, err) = sky(&dir, &args);
    assert_eq!(code, Some(3), "{out}{err}");
    assert!(out.contains("10.2.0.0/24 -> blackhole"), "{out}");
    assert!(out.contains("remove the blackhole route"), "{out}");
}
