//! Every computed address follows its block (issue 18, items 3, 14 and 16):
//! after any apply, every address lies in its subnet, which `skyplan show`
//! checks on every read (an inconsistent state is refused).

mod common;

use common::*;
use serde_json::Value;

const DUAL: &str = "defaults: {region: eu-west-1}
vpcs:
  main: {cidr: 10.0.0.0/16, ipv6: true}
subnets:
  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a, ipv6_index: 0, assign_ipv6_on_creation: true}
  b: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1b, ipv6_index: 1, assign_ipv6_on_creation: true}
security_groups:
  web: {vpc: main}
instances:
  one: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [web]}
vpc_endpoints:
  ssm: {vpc: main, type: interface, service: ssm, subnets: [a, b], security_groups: [web], private_dns: false}
target_groups:
  web: {vpc: main, protocol: HTTP, port: 8080}
load_balancers:
  front: {type: application, scheme: internal, subnets: [a, b], security_groups: [web], listeners: [{port: 80, protocol: HTTP, target_group: web}]}
launch_templates:
  web: {ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [web]}
auto_scaling_groups:
  web: {launch_template: web, subnets: [a, b], min: 2, max: 4, target_groups: [web]}
";

fn applies_and_converges(dir: &std::path::Path) -> Value {
    let (code, _, err) = sky(dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = sky(dir, &["show", "."]);
    assert_eq!(code, Some(0), "every address in its block: {err}");
    assert_eq!(
        sky(dir, &["plan", "--detailed-exitcode", "."]).0,
        Some(0),
        "converges"
    );
    state(dir)
}

/// The IPv4 and IPv6 addresses held in `subnet.a`, as text.
fn held_in_a(s: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let a = |v: &Value| v.as_str().map(str::to_string);
    let attrs = |addr: &str| resource(s, addr)["attributes"].clone();
    let one = attrs("instance.one");
    out.extend(a(&one["private_ip_address"]));
    out.extend(a(&one["ipv6_address"]));
    for i in attrs("auto_scaling_group.web")["instances"]
        .as_array()
        .unwrap()
    {
        if i["subnet"] == "subnet.a" {
            out.extend(a(&i["private_ip_address"]));
            out.push(a(&i["ipv6_address"]).expect("an auto scaling instance gets IPv6"));
        }
    }
    for key in ["load_balancer.front", "vpc_endpoint.ssm"] {
        out.extend(a(&attrs(key)["private_ip_addresses"][0]));
    }
    out
}

#[test]
fn addresses_follow_a_replaced_subnet_and_a_moved_ipv6_block() {
    let dir = scratch("addresses-follow");
    write(&dir, "network.yaml", DUAL);
    let s = applies_and_converges(&dir);
    let v6 = resource(&s, "subnet.a")["attributes"]["ipv6_cidr_block"]
        .as_str()
        .unwrap()
        .trim_end_matches("::/64")
        .to_string()
        + ":";
    assert!(
        held_in_a(&s)
            .iter()
            .all(|ip| ip.starts_with("10.0.0.") || ip.starts_with(&v6)),
        "{:?}",
        held_in_a(&s)
    );

    // A new IPv4 block replaces the subnet: everything in it moves.
    edit(
        &dir,
        "network.yaml",
        "cidr: 10.0.0.0/24",
        "cidr: 10.0.2.0/24",
    );
    let s = applies_and_converges(&dir);
    let held = held_in_a(&s);
    assert!(
        held.iter()
            .filter(|ip| !ip.contains(':'))
            .all(|ip| ip.starts_with("10.0.2.")),
        "{held:?}"
    );

    // A new IPv6 index, then a new VPC block: IPv6 addresses follow.
    edit(&dir, "network.yaml", "ipv6_index: 0", "ipv6_index: 7");
    let s = applies_and_converges(&dir);
    let block = resource(&s, "subnet.a")["attributes"]["ipv6_cidr_block"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(block.ends_with(":7::/64"), "{block}");
    let prefix = format!("{}:", block.trim_end_matches("::/64"));
    assert!(
        held_in_a(&s)
            .iter()
            .filter(|ip| ip.contains(':'))
            .all(|ip| ip.starts_with(&prefix)),
        "{:?}",
        held_in_a(&s)
    );

    edit(
        &dir,
        "network.yaml",
        "ipv6: true",
        "ipv6_cidr: 2600:1f18:1234:5600::/56",
    );
    let s = applies_and_converges(&dir);
    assert!(
        held_in_a(&s)
            .iter()
            .filter(|ip| ip.contains(':'))
            .all(|ip| ip.starts_with("2600:1f18:1234:5607:")),
        "{:?}",
        held_in_a(&s)
    );
}

#[test]
fn an_amazon_provided_block_never_overlaps_a_vpcs_own() {
    let dir = scratch("addresses-own-ipv6");
    write(
        &dir,
        "network.yaml",
        "defaults: {region: eu-west-1}\nvpcs:\n  amazon: {cidr: 10.0.0.0/16, ipv6: true}\n  own: {cidr: 10.1.0.0/16, ipv6_cidr: \"2001:db8::/56\"}\n",
    );
    let s = applies_and_converges(&dir);
    let amazon = resource(&s, "vpc.amazon")["attributes"]["ipv6_cidr_block"].clone();
    assert_eq!(
        amazon, "2001:db8:0:100::/56",
        "the first free /56 after the VPC's own"
    );
}

#[test]
fn ids_arns_and_dns_names_follow_the_partition() {
    let dir = scratch("addresses-partition");
    write(
        &dir,
        "network.yaml",
        "defaults: {region: cn-north-1}
vpcs:
  main: {cidr: 10.0.0.0/16}
subnets:
  a: {vpc: main, cidr: 10.0.0.0/24, az: cn-north-1a}
  b: {vpc: main, cidr: 10.0.1.0/24, az: cn-north-1b}
security_groups:
  lb: {vpc: main}
  web: {vpc: main, ingress: [{protocol: tcp, ports: 80, security_group: lb}]}
target_groups:
  web: {vpc: main, protocol: HTTP, port: 80}
load_balancers:
  front:
    type: application
    scheme: internal
    subnets: [a, b]
    security_groups: [lb]
    listeners: [{port: 443, protocol: HTTPS, target_group: web, certificate: \"arn:aws-cn:acm:cn-north-1:123456789012:certificate/abc\", ssl_policy: ELBSecurityPolicy-TLS13-1-2-2021-06}]
launch_templates:
  web: {ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [web]}
auto_scaling_groups:
  web: {launch_template: web, subnets: [a, b], min: 1, max: 2, target_groups: [web]}
",
    );
    let (code, out, _) = sky(&dir, &["lint", "--deny", "warnings", "."]);
    assert_eq!(code, Some(0), "{out}");
    let s = applies_and_converges(&dir);
    for address in [
        "load_balancer.front",
        "target_group.web",
        "auto_scaling_group.web",
    ] {
        let id = resource(&s, address)["id"].as_str().unwrap().to_string();
        assert!(id.starts_with("arn:aws-cn:"), "{address}: {id}");
    }
    let dns = resource(&s, "load_balancer.front")["attributes"]["dns_name"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(dns.ends_with(".cn-north-1.elb.amazonaws.com.cn"), "{dns}");
}
