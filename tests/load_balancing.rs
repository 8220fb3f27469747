//! Load balancing and auto scaling through the real binary: the shipped
//! `specs/web-asg` round-trips, `desired` scales in place, and bad input
//! for every new attribute gets an error with its place.

mod common;

use common::*;

fn web_asg(name: &str) -> std::path::PathBuf {
    shipped_copy("web-asg", name)
}

fn group_instances(dir: &std::path::Path) -> Vec<(String, String)> {
    let s = state(dir);
    resource(&s, "auto_scaling_group.web")["attributes"]["instances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["subnet"].as_str().unwrap().to_string(),
                i["private_ip_address"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_web_stack_applies_with_arns_dns_names_and_spread_instances() {
    let dir = web_asg("v3-web-asg");
    let (code, out, _) = sky(&dir, &["lint", "--deny", "warnings", "."]);
    assert_eq!(code, Some(0), "{out}");
    converge(&dir);
    let s = state(&dir);
    let lb = resource(&s, "load_balancer.web");
    let id = lb["id"].as_str().unwrap();
    assert!(
        id.starts_with("arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/"),
        "{id}"
    );
    let dns = lb["attributes"]["dns_name"].as_str().unwrap();
    assert!(
        dns.starts_with("web-") && dns.ends_with(".eu-west-1.elb.amazonaws.com"),
        "{dns}"
    );
    assert_eq!(
        lb["attributes"]["private_ip_addresses"],
        serde_json::json!(["10.30.0.5", "10.30.1.5"])
    );
    let tg = resource(&s, "target_group.web")["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(tg.contains(":targetgroup/web/"), "{tg}");
    assert!(
        resource(&s, "launch_template.web")["id"]
            .as_str()
            .unwrap()
            .starts_with("lt-")
    );
    assert_eq!(
        group_instances(&dir),
        [
            ("subnet.private-a".to_string(), "10.30.10.4".to_string()),
            ("subnet.private-b".to_string(), "10.30.11.4".to_string()),
        ]
    );
}

#[test]
fn changing_desired_is_one_in_place_update_that_adds_or_removes_instances() {
    let dir = web_asg("v3-scale");
    converge(&dir);
    let before = group_instances(&dir);
    edit(&dir, "web.yaml", "desired: 2", "desired: 5");
    let plan = plan_json(&dir);
    assert_eq!(actions(&plan, "auto_scaling_group.web"), ["update"]);
    let changed = changed(&plan);
    assert_eq!(changed, ["auto_scaling_group.web"]);
    converge(&dir);
    let after = group_instances(&dir);
    assert_eq!(after.len(), 5);
    // The instances that ran keep running, with their addresses; the new
    // ones are spread evenly (3 + 2).
    assert_eq!(&after[..2], &before[..]);
    let in_a = after
        .iter()
        .filter(|(s, _)| s == "subnet.private-a")
        .count();
    assert_eq!(in_a, 3);
    let s = state(&dir);
    assert_eq!(
        resource(&s, "subnet.private-a")["attributes"]["available_ip_count"],
        248
    );
    edit(&dir, "web.yaml", "desired: 5", "desired: 3");
    converge(&dir);
    let after = group_instances(&dir);
    assert_eq!(after.len(), 3);
    assert_eq!(&after[..2], &before[..]);
}

/// Bad input for every new attribute: an error with the file and line,
/// exit 1, never a panic.
#[test]
fn bad_v3_input_gets_a_positioned_error() {
    let base = "\
defaults: {region: eu-west-1}
vpcs:
  main: {cidr: 10.0.0.0/16}
subnets:
  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}
  b: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1b}
target_groups:
  tg: {vpc: main, protocol: HTTP, port: 80}
launch_templates:
  lt: {ami: ami-0123456789abcdef0, type: t3.micro}
";
    let cases: &[(&str, &str, &str)] = &[
        (
            "load_balancers:\n  x: {type: classic, subnets: [a, b]}\n",
            "SP010",
            "application, network",
        ),
        (
            "load_balancers:\n  x: {type: application}\n",
            "SP007",
            "subnets",
        ),
        (
            "load_balancers:\n  x: {type: application, subnets: a}\n",
            "SP003",
            "list",
        ),
        (
            "load_balancers:\n  x: {type: application, scheme: public, subnets: [a, b]}\n",
            "SP010",
            "internet-facing",
        ),
        (
            "load_balancers:\n  x: {type: application, scheme: internal, subnets: [a, tg]}\n",
            "RF002",
            "must name a subnet",
        ),
        (
            "load_balancers:\n  x: {type: application, scheme: internal, subnets: [a, b], listeners: [{port: 0, protocol: HTTP, target_group: tg}]}\n",
            "SP010",
            "from 1 to 65535",
        ),
        (
            "load_balancers:\n  x: {type: application, scheme: internal, subnets: [a, b], listeners: [{port: 80, protocol: http, target_group: tg}]}\n",
            "SP010",
            "did you mean `HTTP`",
        ),
        (
            "load_balancers:\n  x: {type: application, scheme: internal, subnets: [a, b], listeners: [{port: 80, protocol: HTTP, target_group: gt}]}\n",
            "RF001",
            "did you mean `tg`",
        ),
        (
            "load_balancers:\n  x: {type: application, scheme: internal, subnets: [a, b], listeners: [{port: 80, protocol: HTTP}]}\n",
            "LB012",
            "has no action",
        ),
        (
            "load_balancers:\n  x: {type: application, scheme: internal, subnets: [a, b], ip_address_type: ipv6}\n",
            "SP010",
            "dualstack",
        ),
        (
            "target_groups:\n  y: {vpc: main, protocol: HTTP, port: 70000}\n",
            "SP010",
            "from 1 to 65535",
        ),
        (
            "target_groups:\n  y: {vpc: main, protocol: HTTP}\n",
            "SP007",
            "port",
        ),
        (
            "target_groups:\n  y: {vpc: main, protocol: HTTP, port: 80, targets: [nobody]}\n",
            "RF001",
            "not declared",
        ),
        (
            "target_groups:\n  y: {vpc: main, protocol: HTTP, port: 80, health_check: {path: 7}}\n",
            "SP003",
            "string",
        ),
        (
            "target_groups:\n  y: {vpc: main, protocol: HTTP, port: 80, health_check: {paht: /}}\n",
            "SP002",
            "paht",
        ),
        (
            "target_groups:\n  y: {vpc: a, protocol: HTTP, port: 80}\n",
            "RF002",
            "must name a vpc",
        ),
        (
            "load_balancers:\n  x: {type: network, scheme: internal, subnets: []}\n",
            "LB002",
            "no subnet",
        ),
        (
            "auto_scaling_groups:\n  w: {launch_template: lt, subnets: [], min: 1, max: 2}\n",
            "AS002",
            "no subnet",
        ),
        (
            "target_groups:\n  y: {vpc: main, protocol: HTTP, port: 80, health_check: {port: web}}\n",
            "SP010",
            "not a health check port",
        ),
        (
            "target_groups:\n  y: {vpc: main, protocol: HTTP, port: 80, health_check: {path: health}}\n",
            "SP010",
            "starts with `/`",
        ),
        (
            "load_balancers:\n  x: {type: application, scheme: internal, subnets: [a, b], ip_address_type: dualstack}\n",
            "LB002",
            "no IPv6 block",
        ),
        (
            "launch_templates:\n  z: {ami: ami-0123456789abcdef0}\n",
            "SP007",
            "type",
        ),
        (
            "launch_templates:\n  z: {ami: ami-0123456789abcdef0, type: t3.micro, metadata: {hop_limit: 99}}\n",
            "SP010",
            "1 to 64",
        ),
        (
            "launch_templates:\n  z: {ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [a]}\n",
            "RF002",
            "must name a security_group",
        ),
        (
            "auto_scaling_groups:\n  w: {launch_template: lt, subnets: [a, b], min: 1}\n",
            "SP007",
            "max",
        ),
        (
            "auto_scaling_groups:\n  w: {launch_template: lt, subnets: [a, b], min: -1, max: 2}\n",
            "SP010",
            "from 0 to 10000",
        ),
        (
            "auto_scaling_groups:\n  w: {launch_template: tg, subnets: [a, b], min: 1, max: 2}\n",
            "RF002",
            "must name a launch_template",
        ),
        (
            "auto_scaling_groups:\n  w: {launch_template: lt, subnets: [a, b], min: 1, max: 2, target_groups: [lt]}\n",
            "RF002",
            "must name a target_group",
        ),
        (
            "auto_scaling_groups:\n  w: {launch_template: lt, subnets: [a, b], min: 1, max: 2, desired: many}\n",
            "SP003",
            "integer",
        ),
    ];
    let failures = bad_input_failures("v3-bad", base, cases);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A load balancer with deletion protection on is never planned for
/// deletion or replacement: AWS refuses to delete it until it is off.
#[test]
fn deletion_protection_refuses_a_plan_that_deletes_the_load_balancer() {
    let dir = shipped_copy("web-asg", "lb-deletion-protection");
    let web = std::fs::read_to_string(dir.join("web.yaml")).unwrap();
    let protected = web.replace(
        "    security_groups: [alb]\n",
        "    security_groups: [alb]\n    deletion_protection: true\n",
    );
    assert_ne!(protected, web);
    write(&dir, "web.yaml", &protected);
    let (code, out, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    let (code, out, err) = sky(&dir, &["destroy", "--auto-approve", "."]);
    assert_ne!(code, Some(0), "{out}{err}");
    assert!(
        err.contains("load_balancer.web: its deletion protection is on, so AWS refuses to delete it; apply `deletion_protection: false` first, then remove it"),
        "{out}{err}"
    );
    // Turned off and applied, it goes.
    write(&dir, "web.yaml", &web);
    let (code, out, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    let (code, out, err) = sky(&dir, &["destroy", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
}

/// Replaces `from` by `to` in `dir`'s web.yaml (which must change).
fn edit_web(dir: &std::path::Path, edits: &[(&str, &str)]) {
    let mut web = std::fs::read_to_string(dir.join("web.yaml")).unwrap();
    for (from, to) in edits {
        assert!(web.contains(from), "no `{from}` in web.yaml");
        web = web.replacen(from, to, 1);
    }
    write(dir, "web.yaml", &web);
}

/// Health check timings, stickiness, the deregistration delay, a
/// listener's security policy and access logs change in place, as
/// ModifyTargetGroup(Attributes), ModifyListener and
/// ModifyLoadBalancerAttributes do; making the group an `ip` one replaces
/// it (its target type is fixed), as do an NLB's subnet mappings.
#[test]
fn balancing_settings_update_in_place_and_target_types_replace() {
    let dir = web_asg("lb-settings-in-place");
    let (code, out, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    edit_web(
        &dir,
        &[
            ("interval: 10,", "interval: 20,"),
            ("deregistration_delay: 60", "deregistration_delay: 30"),
            ("duration: 3600}", "duration: 7200}"),
            ("prefix: web}", "prefix: web/eu-west-1}"),
            (
                "ssl_policy: ELBSecurityPolicy-TLS13-1-2-2021-06",
                "ssl_policy: ELBSecurityPolicy-TLS13-1-3-2021-06",
            ),
        ],
    );
    let plan = plan_json(&dir);
    assert_eq!(
        changed(&plan),
        ["target_group.web", "load_balancer.web"],
        "{plan:#}"
    );
    for address in ["target_group.web", "load_balancer.web"] {
        assert_eq!(actions(&plan, address), ["update"], "{address}");
    }
    let (code, out, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    edit_web(
        &dir,
        &[
            (
                "    port: 80\n    health_check:",
                "    port: 80\n    target_type: ip\n    ip_targets: [{address: 10.30.10.50}]\n    health_check:",
            ),
            (
                "    desired: 2\n    target_groups: [web]\n",
                "    desired: 2\n",
            ),
        ],
    );
    let plan = plan_json(&dir);
    let replaced = actions(&plan, "target_group.web");
    assert!(
        replaced.contains(&"delete".to_string()) && replaced.contains(&"create".to_string()),
        "{replaced:?}"
    );
}
