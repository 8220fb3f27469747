//! IPv6, prefix lists, taken-over defaults, interface endpoints and root
//! volumes through the real binary: each construct round-trips
//! (spec -> lint clean -> plan -> apply -> no-op plan) and changes the way
//! AWS would; bad input for every new attribute gets an error with its
//! place, never a panic.

mod common;

use common::*;

const BASE: &str = "\
defaults: {region: eu-west-1}
vpcs:
  main: {cidr: 10.0.0.0/16, dns_hostnames: true}
subnets:
  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}
  b: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1b}
";

/// A stack of `BASE` plus `extra`, linted clean, applied, and converged.
fn applied(name: &str, extra: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    write(&dir, "a.yaml", BASE);
    write(&dir, "b.yaml", extra);
    converge(&dir);
    dir
}

#[test]
fn ipv6_turns_on_in_place_and_cuts_the_vpc_block_by_index() {
    let instances = "instances:\n  web: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro}\n";
    let dir = applied("v2-ipv6", instances);
    let before = state(&dir);
    let vpc_id = resource(&before, "vpc.main")["id"].clone();
    edit(
        &dir,
        "a.yaml",
        "dns_hostnames: true}",
        "dns_hostnames: true, ipv6: true}",
    );
    edit(
        &dir,
        "a.yaml",
        "az: eu-west-1a}",
        "az: eu-west-1a, ipv6_index: 3, assign_ipv6_on_creation: true}",
    );
    write(
        &dir,
        "c.yaml",
        "instances:\n  api: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro}\n",
    );
    let plan = plan_json(&dir);
    assert_eq!(actions(&plan, "vpc.main"), ["update"]);
    assert_eq!(actions(&plan, "subnet.a"), ["update"]);
    assert_eq!(actions(&plan, "instance.web"), ["no-op"]);
    converge(&dir);
    let after = state(&dir);
    assert_eq!(resource(&after, "vpc.main")["id"], vpc_id);
    let vpc = &resource(&after, "vpc.main")["attributes"];
    assert_eq!(vpc["ipv6_cidr_block"], "2001:db8::/56");
    let subnet = &resource(&after, "subnet.a")["attributes"];
    assert_eq!(subnet["ipv6_cidr_block"], "2001:db8:0:3::/64");
    // A new instance gets an IPv6 address; one that exists keeps none, as
    // on AWS.
    let api = &resource(&after, "instance.api")["attributes"];
    assert_eq!(api["ipv6_address"], "2001:db8:0:3::4");
    assert!(
        resource(&after, "instance.web")["attributes"]
            .get("ipv6_address")
            .is_none()
    );
    // Turned off again, the block goes.
    edit(&dir, "a.yaml", ", ipv6: true}", "}");
    edit(
        &dir,
        "a.yaml",
        ", ipv6_index: 3, assign_ipv6_on_creation: true}",
        "}",
    );
    std::fs::remove_file(dir.join("c.yaml")).unwrap();
    converge(&dir);
    let s = state(&dir);
    let vpc = &resource(&s, "vpc.main")["attributes"];
    assert!(vpc.get("ipv6_cidr_block").is_none(), "{vpc}");
}

#[test]
fn a_second_dual_stack_vpc_gets_the_next_block_and_its_own_gateway() {
    let extra = "\
vpcs:
  own: {cidr: 10.1.0.0/16, ipv6_cidr: \"2001:db8:1200::/56\"}
  next: {cidr: 10.2.0.0/16, ipv6: true}
subnets:
  o: {vpc: own, cidr: 10.1.0.0/24, az: eu-west-1a, ipv6_cidr: \"2001:db8:1200:7::/64\"}
  n: {vpc: next, cidr: 10.2.0.0/24, az: eu-west-1a, ipv6_index: 255}
egress_only_internet_gateways:
  eigw: {vpc: next}
route_tables:
  n:
    vpc: next
    subnets: [n]
    routes: [{destination: \"::/0\", egress_only_internet_gateway: eigw}]
";
    let dir = applied("v2-ipv6-own", extra);
    let s = state(&dir);
    assert_eq!(
        resource(&s, "vpc.own")["attributes"]["ipv6_cidr_block"],
        "2001:db8:1200::/56"
    );
    assert_eq!(
        resource(&s, "vpc.next")["attributes"]["ipv6_cidr_block"],
        "2001:db8::/56"
    );
    assert_eq!(
        resource(&s, "subnet.n")["attributes"]["ipv6_cidr_block"],
        "2001:db8:0:ff::/64"
    );
    let eigw = resource(&s, "egress_only_internet_gateway.eigw");
    assert!(eigw["id"].as_str().unwrap().starts_with("eigw-"));
}

#[test]
fn prefix_lists_round_trip_as_rule_sources_and_route_destinations() {
    let extra = "\
prefix_lists:
  office: {address_family: IPv4, max_entries: 3, entries: [{cidr: 198.51.100.0/24, description: HQ}]}
security_groups:
  ssh:
    vpc: main
    ingress: [{protocol: tcp, ports: 22, prefix_list: office}]
instances:
  bastion: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [ssh], public_ip: true}
internet_gateways:
  igw: {vpc: main}
route_tables:
  public:
    vpc: main
    subnets: [a]
    routes: [{destination_prefix_list: office, internet_gateway: igw}]
";
    let dir = applied("v2-prefix-list", extra);
    let s = state(&dir);
    let list = resource(&s, "prefix_list.office");
    assert!(list["id"].as_str().unwrap().starts_with("pl-"));
    let route = &resource(&s, "route_table.public")["attributes"]["routes"][0];
    assert_eq!(route["destination_prefix_list"], "prefix_list.office");
    // A new entry updates the list in place.
    edit(
        &dir,
        "b.yaml",
        "description: HQ}",
        "description: HQ}, {cidr: 192.0.2.0/28}",
    );
    let plan = plan_json(&dir);
    assert_eq!(actions(&plan, "prefix_list.office"), ["update"]);
    converge(&dir);
    // The office reaches the bastion on 22: the list is the group's source
    // and the replies' route.
    let (code, out, _) = sky(
        &dir,
        &[
            "reach",
            "--from",
            "192.0.2.5",
            "--to",
            "bastion",
            "--port",
            "22",
            ".",
        ],
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("prefix_list.office"), "{out}");
    let (code, out, _) = sky(
        &dir,
        &[
            "reach",
            "--from",
            "203.0.113.9",
            "--to",
            "bastion",
            "--port",
            "22",
            ".",
        ],
    );
    assert_eq!(code, Some(3), "{out}");
}

#[test]
fn default_group_and_acl_are_taken_over_and_decide_reachability() {
    let extra = "\
instances:
  x: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro}
  y: {subnet: b, ami: ami-0123456789abcdef0, type: t3.micro}
";
    let dir = applied("v2-defaults", extra);
    // AWS's default group lets members in; its default ACL allows all.
    let ask = |dir: &std::path::Path| {
        sky(
            dir,
            &["reach", "--from", "x", "--to", "y", "--port", "5432", "."],
        )
    };
    assert_eq!(ask(&dir).0, Some(0));
    edit(
        &dir,
        "a.yaml",
        "dns_hostnames: true}",
        "dns_hostnames: true, default_security_group: {ingress: [], egress: []}, default_network_acl: {ingress: [], egress: []}}",
    );
    let plan = plan_json(&dir);
    assert_eq!(actions(&plan, "default_security_group.main"), ["create"]);
    assert_eq!(actions(&plan, "default_network_acl.main"), ["create"]);
    assert_eq!(actions(&plan, "vpc.main"), ["no-op"]);
    converge(&dir);
    let (code, out, _) = ask(&dir);
    assert_eq!(code, Some(3), "{out}");
    assert!(out.contains("default_security_group.main"), "{out}");
    // Rules written on it let the traffic through again (the ACL still
    // blocks it until it allows the traffic too).
    edit(
        &dir,
        "a.yaml",
        "default_security_group: {ingress: [], egress: []}",
        "default_security_group: {ingress: [{protocol: tcp, ports: 5432, self: true}], egress: [{protocol: all, cidr: 10.0.0.0/16}]}",
    );
    edit(
        &dir,
        "a.yaml",
        "default_network_acl: {ingress: [], egress: []}",
        "default_network_acl: {ingress: [{rule: 100, action: allow, protocol: all, cidr: 10.0.0.0/16}], egress: [{rule: 100, action: allow, protocol: all, cidr: 10.0.0.0/16}]}",
    );
    let plan = plan_json(&dir);
    assert_eq!(actions(&plan, "default_security_group.main"), ["update"]);
    converge(&dir);
    assert_eq!(ask(&dir).0, Some(0));
}

#[test]
fn interface_endpoints_hold_an_address_per_subnet_across_changes() {
    let extra = "\
security_groups:
  endpoints:
    vpc: main
    ingress: [{protocol: tcp, ports: 443, cidr: 10.0.0.0/16}]
vpc_endpoints:
  ssm:
    vpc: main
    type: interface
    service: com.amazonaws.eu-west-1.ssm
    subnets: [a]
    security_groups: [endpoints]
    policy:
      Statement:
        - {Effect: Allow, Principal: \"*\", Action: \"ssm:*\", Resource: \"*\"}
";
    let dir = applied("v2-endpoint", extra);
    let count = |dir: &std::path::Path, subnet: &str| {
        resource(&state(dir), subnet)["attributes"]["available_ip_count"].clone()
    };
    let held = |dir: &std::path::Path| {
        resource(&state(dir), "vpc_endpoint.ssm")["attributes"]["private_ip_addresses"].clone()
    };
    assert_eq!(count(&dir, "subnet.a"), 250);
    assert_eq!(held(&dir), serde_json::json!(["10.0.0.4"]));
    edit(&dir, "b.yaml", "subnets: [a]", "subnets: [a, b]");
    let plan = plan_json(&dir);
    assert_eq!(actions(&plan, "vpc_endpoint.ssm"), ["update"]);
    converge(&dir);
    assert_eq!(held(&dir), serde_json::json!(["10.0.0.4", "10.0.1.4"]));
    edit(&dir, "b.yaml", "subnets: [a, b]", "subnets: [b]");
    converge(&dir);
    assert_eq!(held(&dir), serde_json::json!(["10.0.1.4"]));
    assert_eq!(count(&dir, "subnet.a"), 251);
    assert_eq!(count(&dir, "subnet.b"), 250);
    // A policy change plans as an in-place update, diffed line by line.
    edit(&dir, "b.yaml", "Action: \"ssm:*\"", "Action: \"ssm:Get*\"");
    let (_, text, _) = sky(&dir, &["plan", "--color", "never", "."]);
    let changed = |sign: &str, json: &str| {
        text.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with(sign) && l[1..].trim_start() == json
        })
    };
    assert!(changed("-", "\"Action\": \"ssm:*\","), "{text}");
    assert!(changed("+", "\"Action\": \"ssm:Get*\","), "{text}");
    assert!(text.contains("~ policy "), "{text}");
    edit(&dir, "b.yaml", "Action: \"ssm:Get*\"", "Action: \"ssm:*\"");
    // The policy is kept as the minified JSON AWS stores.
    let s = state(&dir);
    let policy = &resource(&s, "vpc_endpoint.ssm")["attributes"]["policy"];
    assert_eq!(
        policy,
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ssm:*","Resource":"*"}]}"#
    );
}

#[test]
fn root_volumes_grow_in_place_but_never_shrink_or_change_encryption() {
    let extra = "instances:\n  db: {subnet: a, ami: ami-0123456789abcdef0, type: m7i.large, root_volume: {size_gb: 20, encrypted: true}}\n";
    let dir = applied("v2-root-volume", extra);
    edit(&dir, "b.yaml", "size_gb: 20", "size_gb: 40");
    let plan = plan_json(&dir);
    assert_eq!(actions(&plan, "instance.db"), ["update"]);
    converge(&dir);
    edit(&dir, "b.yaml", "size_gb: 40", "size_gb: 10");
    let (code, _, err) = sky(&dir, &["plan", "."]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("root_volume.size_gb cannot shrink from 40 to 10 GiB"),
        "{err}"
    );
    edit(
        &dir,
        "b.yaml",
        "size_gb: 10, encrypted: true",
        "size_gb: 40",
    );
    let (code, _, err) = sky(&dir, &["plan", "."]);
    assert_eq!(code, Some(1));
    assert!(err.contains("AWS cannot decrypt the root volume"), "{err}");
}

/// examples/dual-stack/README.md, step by step, on a copy of the shipped
/// stack.
#[test]
fn the_dual_stack_walkthrough_holds() {
    let dir = shipped_copy("dual-stack", "v2-walkthrough");
    let (code, out, _) = sky(&dir, &["lint", "--deny", "warnings", "."]);
    assert_eq!(code, Some(0), "{out}");
    let (_, out, _) = sky(&dir, &["plan", "--color", "never", "."]);
    assert!(
        out.contains("+ ipv6_cidr_block = (known after apply)"),
        "{out}"
    );
    assert!(
        out.contains("Plan: 34 to add, 0 to change, 0 to destroy."),
        "{out}"
    );
    assert!(
        out.contains("default_security_group.prod will be created"),
        "{out}"
    );
    assert_eq!(sky(&dir, &["apply", "--auto-approve", "."]).0, Some(0));
    let s = state(&dir);
    assert_eq!(
        resource(&s, "vpc.prod")["attributes"]["ipv6_cidr_block"],
        "2001:db8::/56"
    );
    let subnet = &resource(&s, "subnet.private-a")["attributes"];
    assert_eq!(subnet["ipv6_cidr_block"], "2001:db8:0:a::/64");
    assert_eq!(subnet["available_ip_count"], 247);
    let app = &resource(&s, "instance.app[0]")["attributes"];
    assert_eq!(app["ipv6_address"], "2001:db8:0:a::4");
    assert_eq!(app["private_ip_address"], "10.20.10.4");
    let (code, out, _) = sky(
        &dir,
        &[
            "reach",
            "--from",
            "198.51.100.10",
            "--to",
            "bastion",
            "--port",
            "22",
            ".",
        ],
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("ingress tcp 22 from prefix_list.office"),
        "{out}"
    );
    let (code, _, _) = sky(
        &dir,
        &[
            "reach",
            "--from",
            "203.0.113.50",
            "--to",
            "bastion",
            "--port",
            "22",
            ".",
        ],
    );
    assert_eq!(code, Some(3));
    edit(
        &dir,
        "network.yaml",
        "egress_only_internet_gateway: eigw",
        "nat_gateway: nat-a",
    );
    let (code, out, _) = sky(&dir, &["lint", "--color", "never", "."]);
    assert_eq!(code, Some(1));
    assert!(
        out.contains("route_table.private-a sends the IPv6 destination ::/0 to nat_gateway.nat-a"),
        "{out}"
    );
}

/// Bad input for every new attribute: an error naming the file, line and
/// column, exit 1, never a panic.
#[test]
fn bad_v2_input_gets_a_positioned_error() {
    let cases: &[(&str, &str, &str)] = &[
        // (spec, code, text in the message)
        (
            "vpcs:\n  x: {cidr: 10.1.0.0/16, ipv6: yes}\n",
            "SP006",
            "YAML 1.1 boolean",
        ),
        (
            "vpcs:\n  x: {cidr: 10.1.0.0/16, ipv6_cidr: 10.2.0.0/16}\n",
            "CD001",
            "IPv4 block; an IPv6 block is needed",
        ),
        (
            "vpcs:\n  x: {cidr: 10.1.0.0/16, ipv6_cidr: \"2001:db8::1/56\"}\n",
            "CD002",
            "host bits",
        ),
        (
            "vpcs:\n  x: {cidr: 10.1.0.0/16, ipv6_cidr: [a]}\n",
            "SP003",
            "string",
        ),
        (
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1a, ipv6_index: 256}\n",
            "SP010",
            "from 0 to 255",
        ),
        (
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1a, ipv6_index: x}\n",
            "SP003",
            "integer",
        ),
        (
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1a, ipv6_cidr: \"2001:db8::/64\", assign_ipv6_on_creation: 1}\n",
            "SP003",
            "`true` or `false`",
        ),
        (
            "egress_only_internet_gateways:\n  e: {vpc: a}\n",
            "RF002",
            "must name a vpc",
        ),
        (
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1a, ipv6_cidr: 10.0.2.0/24}\n",
            "CD001",
            "an IPv6 block is needed",
        ),
        (
            "prefix_lists:\n  p: {address_family: IPv4, max_entries: 2, entries: [{cidr: 7}]}\n",
            "SP003",
            "string",
        ),
        (
            "prefix_lists:\n  p: {address_family: IPv4, max_entries: 2, entries: [{cidr: 10.0.0.0/33}]}\n",
            "CD001",
            "prefix",
        ),
        (
            "route_tables:\n  r: {vpc: main, routes: [{destination_prefix_list: a, internet_gateway: g}]}\ninternet_gateways:\n  g: {vpc: main}\n",
            "RF002",
            "must name a prefix_list",
        ),
        (
            "vpc_endpoints:\n  e: {vpc: main, type: interface, service: ssm, subnets: [a], private_dns: 0}\n",
            "SP003",
            "`true` or `false`",
        ),
        (
            "vpc_endpoints:\n  e: {vpc: main, type: interface, service: ssm, subnets: [a], security_groups: [a], private_dns: false}\n",
            "RF002",
            "must name a security_group",
        ),
        (
            "instances:\n  i: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, root_volume: {size: 8}}\n",
            "SP002",
            "size",
        ),
        (
            "egress_only_internet_gateways:\n  e: {vpc: mian}\n",
            "RF001",
            "did you mean `main`",
        ),
        (
            "route_tables:\n  r: {vpc: main, routes: [{destination: \"::/0\", egress_only_internet_gateway: nope}]}\n",
            "RF001",
            "not declared",
        ),
        (
            "route_tables:\n  r: {vpc: main, routes: [{internet_gateway: g}]}\ninternet_gateways:\n  g: {vpc: main}\n",
            "SP007",
            "missing `destination`",
        ),
        (
            "prefix_lists:\n  p: {address_family: IPv4, max_entries: 2}\nroute_tables:\n  r: {vpc: main, routes: [{destination: 0.0.0.0/0, destination_prefix_list: p, internet_gateway: g}]}\ninternet_gateways:\n  g: {vpc: main}\n",
            "SP010",
            "not both",
        ),
        (
            "prefix_lists:\n  p: {address_family: ipv4, max_entries: 2}\n",
            "SP010",
            "did you mean `IPv4`",
        ),
        (
            "prefix_lists:\n  p: {address_family: IPv4, max_entries: 0}\n",
            "SP010",
            "from 1 to 1000",
        ),
        (
            "prefix_lists:\n  p: {address_family: IPv4}\n",
            "SP007",
            "max_entries",
        ),
        (
            "prefix_lists:\n  p: {address_family: IPv4, max_entries: 2, entries: [{cidr: 10.0.0.0/8, note: x}]}\n",
            "SP002",
            "note",
        ),
        (
            "security_groups:\n  g: {vpc: main, ingress: [{protocol: tcp, ports: 22, prefix_list: main}]}\n",
            "RF002",
            "must name a prefix_list",
        ),
        (
            "vpcs:\n  x: {cidr: 10.1.0.0/16, default_security_group: {ingress: [{protocol: tcp, ports: 22}]}}\n",
            "SG004",
            "no source",
        ),
        (
            "vpcs:\n  x: {cidr: 10.1.0.0/16, default_network_acl: {ingres: []}}\n",
            "SP002",
            "ingres",
        ),
        (
            "vpcs:\n  x: {cidr: 10.1.0.0/16, default_network_acl: [1]}\n",
            "SP003",
            "mapping",
        ),
        (
            "vpc_endpoints:\n  e: {vpc: main, type: interfaces, service: ssm}\n",
            "SP010",
            "did you mean `interface`",
        ),
        (
            "vpc_endpoints:\n  e: {vpc: main, service: \"SSM Service\"}\n",
            "SP010",
            "not an AWS service name",
        ),
        (
            "vpc_endpoints:\n  e: {vpc: main, type: interface, service: ssm, subnets: [main], private_dns: false}\n",
            "RF002",
            "must name a subnet",
        ),
        (
            "vpc_endpoints:\n  e: {vpc: main, type: interface, service: com.amazonaws.us-east-1.ssm, subnets: [a], private_dns: false}\n",
            "VE004",
            "us-east-1",
        ),
        (
            "vpc_endpoints:\n  e: {vpc: main, service: s3, policy: [1]}\n",
            "VE009",
            "no `Statement` list",
        ),
        (
            "vpc_endpoints:\n  e: {vpc: main, service: s3, policy: {Version: \"2012-10-18\", Statement: []}}\n",
            "VE009",
            "Version",
        ),
        (
            "vpc_endpoints:\n  e: {vpc: main, service: s3, policy: {Statement: [{Effect: Deny, Effect: Allow, Action: \"*\", Resource: \"*\", Principal: \"*\"}]}}\n",
            "SP004",
            "`Effect` is given twice in the policy",
        ),
        (
            "vpc_endpoints:\n  e: {vpc: main, service: s3, policy: {Statement: [{Effect: Allow, Action: \"*\", Resource: \"*\", Principal: \"*\", 1: x}]}}\n",
            "SP003",
            "a string key",
        ),
        (
            "instances:\n  i: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, root_volume: {size_gb: -1}}\n",
            "SP010",
            "from 1 to 65536",
        ),
        (
            "instances:\n  i: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, root_volume: {type: gp4}}\n",
            "SP010",
            "did you mean `gp",
        ),
        (
            "instances:\n  i: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, root_volume: {encrypted: \"yes\"}}\n",
            "SP003",
            "`true` or `false`",
        ),
        (
            "instances:\n  i: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, root_volume: {size_gb: 8, iops: 100, type: gp2}}\n",
            "EB003",
            "iops",
        ),
    ];
    let failures = bad_input_failures("v2-bad", BASE, cases);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_default_group_no_longer_taken_over_keeps_its_rules_for_reach() {
    let dir = scratch("v2-default-released");
    let spec = "defaults: {region: eu-west-1}
vpcs:
  main:
    cidr: 10.0.0.0/16
    default_security_group:
      ingress: [{protocol: tcp, ports: 22, cidr: 198.51.100.0/24}]
      egress: [{protocol: all, cidr: 0.0.0.0/0}]
subnets:
  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a, public_ip_on_launch: true}
  b: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1b}
internet_gateways:
  igw: {vpc: main}
route_tables:
  public: {vpc: main, subnets: [a], routes: [{destination: 0.0.0.0/0, internet_gateway: igw}]}
instances:
  web: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro}
";
    write(&dir, "a.yaml", spec);
    let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    let ask = [
        "reach",
        ".",
        "--from",
        "198.51.100.7",
        "--to",
        "web",
        "--port",
        "22",
    ];
    assert_eq!(
        sky(&dir, &ask).0,
        Some(0),
        "the taken-over group admits the office"
    );
    // No longer taken over: AWS keeps the group with its rules.
    let released = spec.replace(
        "    default_security_group:\n      ingress: [{protocol: tcp, ports: 22, cidr: 198.51.100.0/24}]\n      egress: [{protocol: all, cidr: 0.0.0.0/0}]\n",
        "",
    );
    write(&dir, "a.yaml", &released);
    let (_, out, _) = sky(&dir, &["plan", "."]);
    assert!(
        out.contains("AWS keeps it, with its rules as they are"),
        "{out}"
    );
    let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    let s = state(&dir);
    assert_eq!(
        s["released"][0]["address"], "default_security_group.main",
        "{s}"
    );
    let (code, out, _) = sky(&dir, &ask);
    assert_eq!(code, Some(0), "the rules stay as they were: {out}");
    assert!(out.contains("default_security_group.main"), "{out}");
    // Destroying the VPC takes the released group along.
    let (code, _, err) = sky(&dir, &["destroy", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    assert!(state(&dir).get("released").is_none());
}
