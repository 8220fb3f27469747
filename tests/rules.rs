//! For every rule: a stack that breaks it and a near-miss that does not,
//! run through the real binary. The failing case asserts the code, the
//! first resource (the faulty one), the line, and the exact text under the
//! primary label.

mod common;

use common::*;
use skyplan_diagnostics::Rule;

/// Written as `0-base.yaml` beside a case unless the case says `alone`.
const BASE: &str = "\
defaults: {region: eu-west-1}
vpcs:
  main: {cidr: 10.0.0.0/16}
subnets:
  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}
  b: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1b}
";

/// An internal application load balancer with an HTTPS listener whose
/// certificate (and the closing `}]`) the case writes.
const HTTPS_LB: &str = "target_groups:\n  web: {vpc: main, protocol: HTTP, port: 80}\nload_balancers:\n  web:\n    type: application\n    scheme: internal\n    subnets: [a, b]\n    listeners: [{port: 443, protocol: HTTPS, target_group: web, certificate: ";

/// Subnet `a` of the base stack routed to an internet gateway.
const PUBLIC_A: &str = "internet_gateways:\n  igw: {vpc: main}\nroute_tables:\n  pub: {vpc: main, subnets: [a], routes: [{destination: 0.0.0.0/0, internet_gateway: igw}]}\n";

const INTERFACE_ENDPOINT: &str =
    "{vpc: main, type: interface, service: ssm, subnets: [a], private_dns: false}";

struct Case {
    code: &'static str,
    /// Whether the case replaces the base stack instead of adding to it.
    alone: bool,
    fail: String,
    pass: String,
    /// The faulty resource (`""` for findings about no resource).
    resource: &'static str,
    line: u64,
    /// The text the primary label covers.
    at: &'static str,
}

fn case(
    code: &'static str,
    resource: &'static str,
    line: u64,
    at: &'static str,
    fail: impl Into<String>,
    pass: impl Into<String>,
) -> Case {
    Case {
        code,
        alone: false,
        fail: fail.into(),
        pass: pass.into(),
        resource,
        line,
        at,
    }
}

fn alone(
    code: &'static str,
    resource: &'static str,
    line: u64,
    at: &'static str,
    fail: impl Into<String>,
    pass: impl Into<String>,
) -> Case {
    Case {
        alone: true,
        ..case(code, resource, line, at, fail, pass)
    }
}

/// `n` one-line list items made by `item`, under `head`.
fn lines(head: &str, n: u32, item: impl Fn(u32) -> String) -> String {
    let mut s = head.to_string();
    for i in 1..=n {
        s.push_str(&item(i));
    }
    s
}

fn sg_rules(n: u32) -> String {
    lines(
        "security_groups:\n  g:\n    vpc: main\n    ingress:\n",
        n,
        |i| format!("      - {{protocol: tcp, ports: {i}, cidr: 10.0.0.{i}/32}}\n"),
    )
}

fn nacl_entries(n: u32) -> String {
    lines(
        "network_acls:\n  n:\n    vpc: main\n    ingress:\n",
        n,
        |i| {
            format!(
                "      - {{rule: {i}, action: allow, protocol: tcp, ports: {i}, cidr: 10.0.0.0/8}}\n"
            )
        },
    )
}

/// `n` volumes attached to one a1.large (27 attachments at most), in
/// eu-west-1b, which offers the type; devices from AWS's accepted names.
fn volumes(n: u32) -> String {
    let device = |i: u32| {
        let letter = |k: u32| char::from(b'a' + k as u8);
        if i <= 25 {
            format!("/dev/sd{}", letter(i))
        } else {
            format!("/dev/xvdb{}", letter(i - 26))
        }
    };
    lines(
        "instances:\n  x: {subnet: b, ami: ami-0c9c942bd7bf113a2, type: a1.large}\nvolumes:\n",
        n,
        |i| {
            format!(
                "  v{i}: {{az: eu-west-1b, size_gb: 10, attach: {{instance: x, device: {}}}}}\n",
                device(i)
            )
        },
    )
}

fn tagged(n: u32) -> String {
    let tags: Vec<String> = (1..=n).map(|i| format!("t{i}: v")).collect();
    format!(
        "vpcs:\n  other: {{cidr: 10.1.0.0/16, tags: {{{}}}}}\n",
        tags.join(", ")
    )
}

fn routes(n: u32) -> String {
    lines(
        "nat_gateways:\n  n: {subnet: a, connectivity: private}\nroute_tables:\n  r:\n    vpc: main\n    subnets: [b]\n    routes:\n",
        n,
        |i| format!("      - {{destination: 10.{}.0.0/16, nat_gateway: n}}\n", i),
    )
}

/// `n` private NAT gateways in subnet a (private ones need no internet route).
fn nats(n: u32) -> String {
    lines("nat_gateways:\n", n, |i| {
        format!("  n{i}: {{subnet: a, connectivity: private}}\n")
    })
}

/// `n` resources of `kind` named `prefix1`.. with attributes from `attrs`.
fn named(kind: &str, n: u32, attrs: impl Fn(u32) -> String, prefix: &str) -> String {
    lines(&format!("{kind}:\n"), n, |i| {
        format!("  {prefix}{i}: {}\n", attrs(i))
    })
}

/// `n` peerings of `vpc.main`, each with a VPC of its own.
fn peerings(n: u32) -> String {
    let mut s = named("vpcs", n, |i| format!("{{cidr: 10.{i}.0.0/16}}"), "p");
    s.push_str(&named(
        "vpc_peerings",
        n,
        |i| format!("{{vpc: main, peer_vpc: p{i}}}"),
        "k",
    ));
    s
}

fn eips(n: u32) -> String {
    lines("elastic_ips:\n", n, |i| format!("  e{i}: {{}}\n"))
}

fn user_data(bytes: usize) -> String {
    format!(
        "instances:\n  x: {{subnet: a, ami: ami-0c9c942bd7bf113a2, type: t3.micro, user_data: \"{}\"}}\n",
        "x".repeat(bytes)
    )
}

/// Two instances of one group with `ingress`, and the expectation that
/// one reaches the other on 443.
fn expecting(ingress: &str) -> String {
    format!(
        "security_groups:\n  g: {{vpc: main, ingress: {ingress}}}\ninstances:\n  x: {{subnet: a, ami: ami-0c9c942bd7bf113a2, type: t3.micro, security_groups: [g]}}\n  y: {{subnet: b, ami: ami-0c9c942bd7bf113a2, type: t3.micro, security_groups: [g]}}\nexpectations:\n  x-to-y: {{from: x, to: y, port: 443, reachable: true}}\n"
    )
}

/// A public instance whose group opens SSH to `cidr`.
fn exposed(cidr: &str) -> String {
    format!(
        "internet_gateways:\n  igw: {{vpc: main}}\nroute_tables:\n  public: {{vpc: main, subnets: [a], routes: [{{destination: 0.0.0.0/0, internet_gateway: igw}}]}}\nsecurity_groups:\n  ssh:\n    vpc: main\n    ingress:\n      - {{protocol: tcp, ports: 22, cidr: {cidr}}}\ninstances:\n  x: {{subnet: a, ami: ami-0c9c942bd7bf113a2, type: t3.micro, public_ip: true, security_groups: [ssh]}}\n"
    )
}

fn cases() -> Vec<Case> {
    vec![
        case(
            "SP001",
            "",
            2,
            "",
            "instances:\n  x: {subnet: a\n",
            "instances: {}\n",
        ),
        case(
            "SP002",
            "vpc.other",
            2,
            "cdir",
            "vpcs:\n  other: {cdir: 10.1.0.0/16}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\n",
        ),
        case(
            "SP003",
            "route_table.rt",
            2,
            "a",
            "route_tables:\n  rt: {vpc: main, subnets: a}\n",
            "route_tables:\n  rt: {vpc: main, subnets: [a]}\n",
        ),
        case(
            "SP004",
            "vpc.other",
            2,
            "cidr",
            "vpcs:\n  other: {cidr: 10.1.0.0/16, cidr: 10.2.0.0/16}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\n",
        ),
        case(
            "SP005",
            "subnet.a",
            2,
            "a",
            "subnets:\n  a: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1a}\n",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1a}\n",
        ),
        case(
            "SP006",
            "subnet.c",
            2,
            "yes",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1a, public_ip_on_launch: yes}\n",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1a, public_ip_on_launch: true}\n",
        ),
        case(
            "SP007",
            "subnet.c",
            2,
            "c",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/24}\n",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1a}\n",
        ),
        case(
            "SP008",
            "subnet.c.d",
            2,
            "c.d",
            "subnets:\n  c.d: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1a}\n",
            "subnets:\n  c-d: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1a}\n",
        ),
        case(
            "SP010",
            "vpc.other",
            2,
            "shared",
            "vpcs:\n  other: {cidr: 10.1.0.0/16, tenancy: shared}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/16, tenancy: dedicated}\n",
        ),
        case(
            "SP011",
            "",
            1,
            "defaults",
            "defaults: {region: us-east-1}\n",
            "internet_gateways: {}\n",
        ),
        case(
            "SP012",
            "",
            2,
            "# skyplan: ignore[VP007]",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}  # skyplan: ignore[VP007] nothing here\n",
            "vpcs:\n  other: {cidr: 52.1.0.0/16}  # skyplan: ignore[VP007] lab network\n",
        ),
        case(
            "SP013",
            "",
            2,
            "# skyplan: ignore[VP007]",
            "vpcs:\n  other: {cidr: 52.1.0.0/16}  # skyplan: ignore[VP007]\n",
            "vpcs:\n  other: {cidr: 52.1.0.0/16}  # skyplan: ignore[VP007] lab network\n",
        ),
        case(
            "RF001",
            "subnet.c",
            2,
            "mian",
            "subnets:\n  c: {vpc: mian, cidr: 10.0.2.0/24, az: eu-west-1a}\n",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1a}\n",
        ),
        case(
            "RF002",
            "route_table.rt",
            2,
            "a",
            "route_tables:\n  rt: {vpc: main, subnets: [a], routes: [{destination: 0.0.0.0/0, internet_gateway: a}]}\ninternet_gateways:\n  igw: {vpc: main}\n",
            "route_tables:\n  rt: {vpc: main, subnets: [a], routes: [{destination: 0.0.0.0/0, internet_gateway: igw}]}\ninternet_gateways:\n  igw: {vpc: main}\n",
        ),
        case(
            "CD001",
            "vpc.other",
            2,
            "10.1.0.0/33",
            "vpcs:\n  other: {cidr: 10.1.0.0/33}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\n",
        ),
        case(
            "CD002",
            "subnet.c",
            2,
            "10.0.2.7/24",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.7/24, az: eu-west-1a}\n",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1a}\n",
        ),
        case(
            "VP001",
            "vpc.other",
            2,
            "10.0.0.0/15",
            "vpcs:\n  other: {cidr: 10.0.0.0/15}\n",
            "vpcs:\n  other: {cidr: 10.2.0.0/16}\n",
        ),
        case(
            "VP002",
            "vpc.other",
            2,
            "10.1.128.0/17",
            "vpcs:\n  other: {cidr: 10.1.0.0/16, secondary_cidrs: [10.1.128.0/17]}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/16, secondary_cidrs: [10.2.0.0/17]}\n",
        ),
        case(
            "VP003",
            "vpc.other",
            2,
            "10.6.0.0/16",
            "vpcs:\n  other: {cidr: 10.1.0.0/16, secondary_cidrs: [10.2.0.0/16, 10.3.0.0/16, 10.4.0.0/16, 10.5.0.0/16, 10.6.0.0/16]}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/16, secondary_cidrs: [10.2.0.0/16, 10.3.0.0/16, 10.4.0.0/16, 10.5.0.0/16]}\n",
        ),
        case(
            "VP004",
            "vpc.other",
            2,
            "192.168.0.0/20",
            "vpcs:\n  other: {cidr: 10.1.0.0/16, secondary_cidrs: [192.168.0.0/20]}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/16, secondary_cidrs: [100.64.0.0/20]}\n",
        ),
        alone(
            "VP005",
            "vpc.main",
            3,
            "10.1.0.0/16",
            "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 10.0.0.0/16, secondary_cidrs: [10.1.0.0/16]}\n  peer: {cidr: 10.9.0.0/16}\nvpc_peerings:\n  p: {vpc: main, peer_vpc: peer}\nroute_tables:\n  rt: {vpc: main, main: true, routes: [{destination: 10.1.0.0/24, vpc_peering: p}]}\n",
            "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 10.0.0.0/16, secondary_cidrs: [10.2.0.0/16]}\n  peer: {cidr: 10.9.0.0/16}\nvpc_peerings:\n  p: {vpc: main, peer_vpc: peer}\nroute_tables:\n  rt: {vpc: main, main: true, routes: [{destination: 10.9.0.0/24, vpc_peering: p}]}\n",
        ),
        case(
            "VP006",
            "vpc.other",
            2,
            "10.0.128.0/17",
            "vpcs:\n  other: {cidr: 10.0.128.0/17}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/17}\n",
        ),
        case(
            "VP007",
            "vpc.other",
            2,
            "52.1.0.0/16",
            "vpcs:\n  other: {cidr: 52.1.0.0/16}\n",
            "vpcs:\n  other: {cidr: 100.64.0.0/16}\n",
        ),
        case(
            "VP008",
            "vpc.v5",
            6,
            "v5",
            "vpcs:\n  v1: {cidr: 10.1.0.0/16}\n  v2: {cidr: 10.2.0.0/16}\n  v3: {cidr: 10.3.0.0/16}\n  v4: {cidr: 10.4.0.0/16}\n  v5: {cidr: 10.5.0.0/16}\n",
            "vpcs:\n  v1: {cidr: 10.1.0.0/16}\n  v2: {cidr: 10.2.0.0/16}\n  v3: {cidr: 10.3.0.0/16}\n  v4: {cidr: 10.4.0.0/16}\n",
        ),
        case(
            "VP009",
            "vpc.other",
            2,
            "other",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\nsubnets:\n  o1: {vpc: other, cidr: 10.1.0.0/24, az: eu-west-1a}\n  o2: {vpc: other, cidr: 10.1.1.0/24, az: eu-west-1a}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\nsubnets:\n  o1: {vpc: other, cidr: 10.1.0.0/24, az: eu-west-1a}\n  o2: {vpc: other, cidr: 10.1.1.0/24, az: eu-west-1b}\n",
        ),
        case(
            "SN001",
            "subnet.c",
            2,
            "10.0.2.0/29",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/29, az: eu-west-1a}\n",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/28, az: eu-west-1a}\n",
        ),
        case(
            "SN002",
            "subnet.c",
            2,
            "10.1.0.0/24",
            "subnets:\n  c: {vpc: main, cidr: 10.1.0.0/24, az: eu-west-1a}\n",
            "subnets:\n  c: {vpc: main, cidr: 10.0.255.0/24, az: eu-west-1a}\n",
        ),
        case(
            "SN003",
            "subnet.c",
            2,
            "10.0.1.128/25",
            "subnets:\n  c: {vpc: main, cidr: 10.0.1.128/25, az: eu-west-1a}\n",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/25, az: eu-west-1a}\n",
        ),
        case(
            "SN004",
            "subnet.c",
            2,
            "10.0.2.0/28",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/28, az: eu-west-1a}\ninstances:\n  x: {subnet: c, ami: ami-0c9c942bd7bf113a2, type: t3.micro, count: 12}\n",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/28, az: eu-west-1a}\ninstances:\n  x: {subnet: c, ami: ami-0c9c942bd7bf113a2, type: t3.micro, count: 11}\n",
        ),
        case(
            "SN005",
            "subnet.c",
            2,
            "10.0.2.0/28",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/28, az: eu-west-1a}\ninstances:\n  x: {subnet: c, ami: ami-0c9c942bd7bf113a2, type: t3.micro, count: 10}\n",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/28, az: eu-west-1a}\ninstances:\n  x: {subnet: c, ami: ami-0c9c942bd7bf113a2, type: t3.micro, count: 9}\n",
        ),
        case(
            "SN006",
            "subnet.a",
            3,
            "a",
            "route_tables:\n  r1: {vpc: main, subnets: [a]}\n  r2: {vpc: main, subnets: [a]}\n",
            "route_tables:\n  r1: {vpc: main, subnets: [a]}\n  r2: {vpc: main, subnets: [b]}\n",
        ),
        case(
            "SN007",
            "subnet.a",
            3,
            "a",
            "network_acls:\n  n1: {vpc: main, subnets: [a]}\n  n2: {vpc: main, subnets: [a]}\n",
            "network_acls:\n  n1: {vpc: main, subnets: [a]}\n  n2: {vpc: main, subnets: [b]}\n",
        ),
        case(
            "IP001",
            "instance.x",
            2,
            "10.0.5.10",
            "instances:\n  x: {subnet: a, private_ip: 10.0.5.10, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n",
            "instances:\n  x: {subnet: a, private_ip: 10.0.0.10, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n",
        ),
        case(
            "IP002",
            "instance.x",
            2,
            "10.0.0.3",
            "instances:\n  x: {subnet: a, private_ip: 10.0.0.3, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n",
            "instances:\n  x: {subnet: a, private_ip: 10.0.0.4, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n",
        ),
        case(
            "IP003",
            "instance.y",
            3,
            "10.0.0.10",
            "instances:\n  x: {subnet: a, private_ip: 10.0.0.10, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n  y: {subnet: a, private_ip: 10.0.0.10, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n",
            "instances:\n  x: {subnet: a, private_ip: 10.0.0.10, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n  y: {subnet: a, private_ip: 10.0.0.11, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n",
        ),
        case(
            "AZ001",
            "vpc.other",
            2,
            "eu-west-9",
            "vpcs:\n  other: {cidr: 10.1.0.0/16, region: eu-west-9}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/16, region: eu-west-2}\n",
        ),
        case(
            "AZ002",
            "subnet.c",
            2,
            "eu-west-1z",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1z}\n",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1c}\n",
        ),
        case(
            "AZ003",
            "subnet.c",
            2,
            "us-east-1a",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/24, az: us-east-1a}\n",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1c}\n",
        ),
        case(
            "GW001",
            "internet_gateway.igw2",
            3,
            "main",
            "internet_gateways:\n  igw1: {vpc: main}\n  igw2: {vpc: main}\n",
            "internet_gateways:\n  igw1: {vpc: main}\n",
        ),
        case(
            "GW002",
            "nat_gateway.n",
            2,
            "n",
            "nat_gateways:\n  n: {subnet: a}\n",
            "nat_gateways:\n  n: {subnet: a, connectivity: private}\n",
        ),
        case(
            "GW003",
            "nat_gateway.n",
            2,
            "e",
            "nat_gateways:\n  n: {subnet: a, connectivity: private, elastic_ip: e}\nelastic_ips:\n  e: {}\n",
            "nat_gateways:\n  n: {subnet: a, connectivity: private}\n",
        ),
        case(
            "GW004",
            "nat_gateway.n2",
            3,
            "e",
            "nat_gateways:\n  n1: {subnet: a, elastic_ip: e}\n  n2: {subnet: b, elastic_ip: e}\nelastic_ips:\n  e: {}\n",
            "nat_gateways:\n  n1: {subnet: a, elastic_ip: e}\n  n2: {subnet: b, elastic_ip: f}\nelastic_ips:\n  e: {}\n  f: {}\ninternet_gateways:\n  igw: {vpc: main}\nroute_tables:\n  public: {vpc: main, subnets: [a, b], routes: [{destination: 0.0.0.0/0, internet_gateway: igw}]}\n",
        ),
        case(
            "GW005",
            "nat_gateway.n",
            2,
            "b",
            "nat_gateways:\n  n: {subnet: b, elastic_ip: e}\nelastic_ips:\n  e: {}\ninternet_gateways:\n  igw: {vpc: main}\nroute_tables:\n  pub: {vpc: main, subnets: [a], routes: [{destination: 0.0.0.0/0, internet_gateway: igw}]}\n",
            "nat_gateways:\n  n: {subnet: a, elastic_ip: e}\nelastic_ips:\n  e: {}\ninternet_gateways:\n  igw: {vpc: main}\nroute_tables:\n  pub: {vpc: main, subnets: [a], routes: [{destination: 0.0.0.0/0, internet_gateway: igw}]}\n",
        ),
        case(
            "GW006",
            "subnet.b",
            2,
            "n",
            "route_tables:\n  priv: {vpc: main, subnets: [b], routes: [{destination: 0.0.0.0/0, nat_gateway: n}]}\nnat_gateways:\n  n: {subnet: a, connectivity: private}\n",
            "route_tables:\n  priv: {vpc: main, subnets: [a], routes: [{destination: 0.0.0.0/0, nat_gateway: n}]}\nnat_gateways:\n  n: {subnet: a, connectivity: private}\n",
        ),
        case(
            "GW007",
            "internet_gateway.igw",
            2,
            "igw",
            "internet_gateways:\n  igw: {vpc: main}\n",
            "internet_gateways:\n  igw: {vpc: main}\nroute_tables:\n  pub: {vpc: main, subnets: [a], routes: [{destination: 0.0.0.0/0, internet_gateway: igw}]}\n",
        ),
        case(
            "GW008",
            "elastic_ip.e",
            2,
            "e",
            "elastic_ips:\n  e: {}\n",
            "elastic_ips:\n  e: {}\ninternet_gateways:\n  igw: {vpc: main}\ninstances:\n  x: {subnet: a, elastic_ip: e, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n",
        ),
        case(
            "RT001",
            "route_table.r2",
            3,
            "true",
            "route_tables:\n  r1: {vpc: main, main: true}\n  r2: {vpc: main, main: true}\n",
            "route_tables:\n  r1: {vpc: main, main: true}\n  r2: {vpc: main, main: false, subnets: [a]}\n",
        ),
        case(
            "RT002",
            "route_table.r",
            4,
            "o",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\nroute_tables:\n  r: {vpc: main, subnets: [o]}\nsubnets:\n  o: {vpc: other, cidr: 10.1.0.0/24, az: eu-west-1a}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\nroute_tables:\n  r: {vpc: other, subnets: [o]}\nsubnets:\n  o: {vpc: other, cidr: 10.1.0.0/24, az: eu-west-1a}\n",
        ),
        case(
            "RT003",
            "route_table.r",
            2,
            "{destination: 0.0.0.0/0}",
            "route_tables:\n  r: {vpc: main, subnets: [a], routes: [{destination: 0.0.0.0/0}]}\n",
            "route_tables:\n  r: {vpc: main, subnets: [a], routes: []}\n",
        ),
        case(
            "RT004",
            "route_table.r",
            5,
            "0.0.0.0/0",
            "internet_gateways:\n  igw: {vpc: main}\nroute_tables:\n  r: {vpc: main, subnets: [a], routes: [{destination: 0.0.0.0/0, internet_gateway: igw},\n    {destination: 0.0.0.0/0, internet_gateway: igw}]}\n",
            "internet_gateways:\n  igw: {vpc: main}\nroute_tables:\n  r: {vpc: main, subnets: [a], routes: [{destination: 0.0.0.0/0, internet_gateway: igw},\n    {destination: 10.9.0.0/16, internet_gateway: igw}]}\n",
        ),
        case(
            "RT005",
            "route_table.r",
            6,
            "igw",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\ninternet_gateways:\n  igw: {vpc: other}\nroute_tables:\n  r: {vpc: main, subnets: [a], routes: [{destination: 0.0.0.0/0, internet_gateway: igw}]}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\ninternet_gateways:\n  igw: {vpc: main}\nroute_tables:\n  r: {vpc: main, subnets: [a], routes: [{destination: 0.0.0.0/0, internet_gateway: igw}]}\n",
        ),
        case(
            "RT006",
            "route_table.r",
            4,
            "10.0.5.0/24",
            "internet_gateways:\n  igw: {vpc: main}\nroute_tables:\n  r: {vpc: main, subnets: [a], routes: [{destination: 10.0.5.0/24, internet_gateway: igw}]}\n",
            "internet_gateways:\n  igw: {vpc: main}\nroute_tables:\n  r: {vpc: main, subnets: [a], routes: [{destination: 10.5.0.0/24, internet_gateway: igw}]}\n",
        ),
        case(
            "RT007",
            "route_table.r",
            2,
            "r",
            "route_tables:\n  r: {vpc: main}\n",
            "route_tables:\n  r: {vpc: main, subnets: [a]}\n",
        ),
        case(
            "RT008",
            "route_table.r",
            6,
            "10.30.0.0/16",
            "vpcs:\n  peer: {cidr: 10.9.0.0/16}\nvpc_peerings:\n  p: {vpc: main, peer_vpc: peer}\nroute_tables:\n  r: {vpc: main, subnets: [a], routes: [{destination: 10.30.0.0/16, vpc_peering: p}]}\n",
            "vpcs:\n  peer: {cidr: 10.9.0.0/16}\nvpc_peerings:\n  p: {vpc: main, peer_vpc: peer}\nroute_tables:\n  r: {vpc: main, subnets: [a], routes: [{destination: 10.9.0.0/16, vpc_peering: p}]}\n",
        ),
        case(
            "VE001",
            "vpc_endpoint.s3",
            6,
            "r",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\nroute_tables:\n  r: {vpc: other}\nvpc_endpoints:\n  s3: {vpc: main, service: s3, route_tables: [r]}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\nroute_tables:\n  r: {vpc: main}\nvpc_endpoints:\n  s3: {vpc: main, service: s3, route_tables: [r]}\n",
        ),
        case(
            "VE002",
            "vpc_endpoint.s3b",
            5,
            "r",
            "route_tables:\n  r: {vpc: main, subnets: [a]}\nvpc_endpoints:\n  s3a: {vpc: main, service: s3, route_tables: [r]}\n  s3b: {vpc: main, service: s3, route_tables: [r]}\n",
            "route_tables:\n  r: {vpc: main, subnets: [a]}\nvpc_endpoints:\n  s3a: {vpc: main, service: s3, route_tables: [r]}\n  s3b: {vpc: main, service: dynamodb, route_tables: [r]}\n",
        ),
        case(
            "PC001",
            "vpc_peering.p",
            2,
            "main",
            "vpc_peerings:\n  p: {vpc: main, peer_vpc: main}\n",
            "vpcs:\n  peer: {cidr: 10.9.0.0/16}\nvpc_peerings:\n  p: {vpc: main, peer_vpc: peer}\n",
        ),
        case(
            "PC002",
            "vpc_peering.q",
            5,
            "q",
            "vpcs:\n  peer: {cidr: 10.9.0.0/16}\nvpc_peerings:\n  p: {vpc: main, peer_vpc: peer}\n  q: {vpc: peer, peer_vpc: main}\n",
            "vpcs:\n  peer: {cidr: 10.9.0.0/16}\nvpc_peerings:\n  p: {vpc: main, peer_vpc: peer}\n",
        ),
        case(
            "PC003",
            "vpc_peering.p",
            4,
            "p",
            "vpcs:\n  peer: {cidr: 10.0.128.0/17}\nvpc_peerings:\n  p: {vpc: main, peer_vpc: peer}\n",
            "vpcs:\n  peer: {cidr: 10.1.128.0/17}\nvpc_peerings:\n  p: {vpc: main, peer_vpc: peer}\n",
        ),
        case(
            "SG001",
            "security_group.g",
            2,
            "sctpp",
            "security_groups:\n  g: {vpc: main, ingress: [{protocol: sctpp, cidr: 10.0.0.0/8}]}\n",
            "security_groups:\n  g: {vpc: main, ingress: [{protocol: 132, cidr: 10.0.0.0/8}]}\n",
        ),
        case(
            "SG002",
            "security_group.g",
            2,
            "8080-80",
            "security_groups:\n  g: {vpc: main, ingress: [{protocol: tcp, ports: 8080-80, cidr: 10.0.0.0/8}]}\n",
            "security_groups:\n  g: {vpc: main, ingress: [{protocol: tcp, ports: 80-8080, cidr: 10.0.0.0/8}]}\n",
        ),
        case(
            "SG003",
            "security_group.g",
            2,
            "300",
            "security_groups:\n  g: {vpc: main, ingress: [{protocol: icmp, icmp_type: 300, cidr: 10.0.0.0/8}]}\n",
            "security_groups:\n  g: {vpc: main, ingress: [{protocol: icmp, icmp_type: 8, cidr: 10.0.0.0/8}]}\n",
        ),
        case(
            "SG004",
            "security_group.g",
            2,
            "{protocol: tcp, ports: 443}",
            "security_groups:\n  g: {vpc: main, ingress: [{protocol: tcp, ports: 443}]}\n",
            "security_groups:\n  g: {vpc: main, ingress: [{protocol: tcp, ports: 443, self: true}]}\n",
        ),
        case(
            "SG005",
            "security_group.g",
            5,
            "h",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\nsecurity_groups:\n  h: {vpc: other}\n  g: {vpc: main, ingress: [{protocol: tcp, ports: 22, security_group: h}]}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\nvpc_peerings:\n  p: {vpc: main, peer_vpc: other}\nsecurity_groups:\n  h: {vpc: other}\n  g: {vpc: main, ingress: [{protocol: tcp, ports: 22, security_group: h}]}\n",
        ),
        case(
            "SG006",
            "security_group.g",
            3,
            "0.0.0.0/0",
            "security_groups:\n  g: {vpc: main, ingress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0},\n    {protocol: tcp, ports: 443, cidrs: [0.0.0.0/0]}]}\n",
            "security_groups:\n  g: {vpc: main, ingress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0},\n    {protocol: tcp, ports: 80, cidrs: [0.0.0.0/0]}]}\n",
        ),
        case(
            "SG007",
            "security_group.g",
            65,
            "{protocol: tcp, ports: 61, cidr: 10.0.0.61/32}",
            sg_rules(61),
            sg_rules(60),
        ),
        case("SG008", "instance.x", 10, "g6", SIX_GROUPS, FIVE_GROUPS),
        case(
            "SG009",
            "instance.x",
            6,
            "h",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\nsecurity_groups:\n  h: {vpc: other}\ninstances:\n  x: {subnet: a, security_groups: [h], ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\nsecurity_groups:\n  h: {vpc: main}\ninstances:\n  x: {subnet: a, security_groups: [h], ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n",
        ),
        case(
            "SG010",
            "security_group.g",
            2,
            "0.0.0.0/0",
            "security_groups:\n  g: {vpc: main, ingress: [{protocol: tcp, ports: 22, cidr: 0.0.0.0/0}]}\n",
            "security_groups:\n  g: {vpc: main, ingress: [{protocol: tcp, ports: 22, cidr: 198.51.100.0/24}]}\n",
        ),
        // RDP opened as two halves is the whole internet too.
        case(
            "SG010",
            "security_group.g",
            2,
            "0.0.0.0/1",
            "security_groups:\n  g: {vpc: main, ingress: [{protocol: tcp, ports: 3389, cidrs: [0.0.0.0/1, 128.0.0.0/1]}]}\n",
            "security_groups:\n  g: {vpc: main, ingress: [{protocol: tcp, ports: 3389, cidrs: [0.0.0.0/1, 128.0.0.0/2]}]}\n",
        ),
        case(
            "SG011",
            "security_group.g",
            2,
            "\"::/0\"",
            "security_groups:\n  g: {vpc: main, ingress: [{protocol: tcp, ports: 5432, cidr: \"::/0\"}]}\n",
            "security_groups:\n  g: {vpc: main, ingress: [{protocol: tcp, ports: 443, cidr: \"::/0\"}]}\n",
        ),
        case(
            "SG012",
            "security_group.g",
            2,
            "g",
            "security_groups:\n  g: {vpc: main}\n",
            "security_groups:\n  g: {vpc: main}\ninstances:\n  x: {subnet: a, security_groups: [g], ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n",
        ),
        case(
            "SG013",
            "instance.x",
            2,
            "x",
            "instances:\n  x: {subnet: a, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n",
            "instances:\n  x: {subnet: a, security_groups: [g], ami: ami-0c9c942bd7bf113a2, type: t3.micro}\nsecurity_groups:\n  g: {vpc: main}\n",
        ),
        case(
            "NA001",
            "network_acl.n",
            2,
            "0",
            "network_acls:\n  n: {vpc: main, ingress: [{rule: 0, action: allow, protocol: all, cidr: 10.0.0.0/8}]}\n",
            "network_acls:\n  n: {vpc: main, ingress: [{rule: 1, action: allow, protocol: all, cidr: 10.0.0.0/8}]}\n",
        ),
        case(
            "NA002",
            "network_acl.n",
            3,
            "100",
            "network_acls:\n  n: {vpc: main, ingress: [{rule: 100, action: allow, protocol: all, cidr: 10.0.0.0/8},\n    {rule: 100, action: deny, protocol: all, cidr: 10.1.0.0/16}]}\n",
            "network_acls:\n  n: {vpc: main, ingress: [{rule: 100, action: deny, protocol: all, cidr: 10.1.0.0/16},\n    {rule: 110, action: allow, protocol: all, cidr: 10.0.0.0/8}]}\n",
        ),
        case(
            "NA003",
            "network_acl.n",
            25,
            "{rule: 21, action: allow, protocol: tcp, ports: 21, cidr: 10.0.0.0/8}",
            nacl_entries(21),
            nacl_entries(20),
        ),
        case(
            "EC005",
            "instance.x",
            2,
            "",
            user_data(16 * 1024 + 1),
            user_data(16 * 1024),
        ),
        case("EB006", "volume.v27", 30, "x", volumes(27), volumes(26)),
        case(
            "SP009",
            "",
            1,
            "",
            format!("a: {}{}\n", "[".repeat(100), "]".repeat(100)),
            "instances: {}\n",
        ),
        case(
            "NA004",
            "network_acl.n",
            2,
            "{rule: 100, action: allow, protocol: tcp, ports: 5432, cidr: 10.0.0.0/16}",
            "network_acls:\n  n: {vpc: main, ingress: [{rule: 100, action: allow, protocol: tcp, ports: 5432, cidr: 10.0.0.0/16}], egress: []}\n",
            "network_acls:\n  n: {vpc: main, ingress: [{rule: 100, action: allow, protocol: tcp, ports: 5432, cidr: 10.0.0.0/16}],\n    egress: [{rule: 100, action: allow, protocol: tcp, ports: 1024-65535, cidr: 10.0.0.0/16}]}\n",
        ),
        case(
            "NA005",
            "network_acl.n",
            3,
            "{rule: 200, action: deny, protocol: tcp, ports: 22, cidr: 203.0.113.0/24}",
            "network_acls:\n  n: {vpc: main, ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0},\n    {rule: 200, action: deny, protocol: tcp, ports: 22, cidr: 203.0.113.0/24}]}\n",
            "network_acls:\n  n: {vpc: main, ingress: [{rule: 200, action: allow, protocol: all, cidr: 0.0.0.0/0},\n    {rule: 100, action: deny, protocol: tcp, ports: 22, cidr: 203.0.113.0/24}]}\n",
        ),
        case(
            "EC001",
            "instance.x",
            2,
            "ami-XYZ",
            "instances:\n  x: {subnet: a, ami: ami-XYZ, type: t3.micro}\n",
            "instances:\n  x: {subnet: a, ami: ami-12345678, type: t3.micro}\n",
        ),
        case(
            "EC002",
            "instance.x",
            2,
            "10.0.0.10",
            "instances:\n  x: {subnet: a, private_ip: 10.0.0.10, count: 2, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n",
            "instances:\n  x: {subnet: a, private_ip: 10.0.0.10, count: 1, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n",
        ),
        case(
            "EC003",
            "instance.x",
            2,
            "x",
            "instances:\n  x: {subnet: a, subnets: [a, b], ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n",
            "instances:\n  x: {subnets: [a, b], count: 2, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n",
        ),
        case(
            "EC004",
            "instance.x",
            2,
            "hibernated",
            "instances:\n  x: {subnet: a, state: hibernated, ami: ami-0c9c942bd7bf113a2, type: a1.large}\n",
            "instances:\n  x: {subnet: a, state: hibernated, hibernation: true, ami: ami-0c9c942bd7bf113a2, type: t3.micro, root_volume: {size_gb: 8, encrypted: true}}\n",
        ),
        case(
            "EC006",
            "instance.x",
            2,
            "t3.mirco",
            "instances:\n  x: {subnet: a, ami: ami-0c9c942bd7bf113a2, type: t3.mirco}\n",
            "instances:\n  x: {subnet: a, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n",
        ),
        case(
            "EC007",
            "instance.x",
            2,
            "a1.large",
            "instances:\n  x: {subnet: a, ami: ami-0c9c942bd7bf113a2, type: a1.large}\n",
            "instances:\n  x: {subnet: a, ami: ami-0c9c942bd7bf113a2, type: c7g.large}\n",
        ),
        case(
            "EC008",
            "instance.x",
            2,
            "true",
            "instances:\n  x: {subnet: a, public_ip: true, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n",
            "instances:\n  x: {subnet: a, public_ip: false, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n",
        ),
        case(
            "EC009",
            "instance.x",
            2,
            "m4.large",
            "instances:\n  x: {subnet: a, ami: ami-0c9c942bd7bf113a2, type: m4.large}\n",
            "instances:\n  x: {subnet: a, ami: ami-0c9c942bd7bf113a2, type: m7i.large}\n",
        ),
        case(
            "EB001",
            "volume.v",
            4,
            "eu-west-1b",
            "instances:\n  x: {subnet: a, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\nvolumes:\n  v: {az: eu-west-1b, size_gb: 10, attach: {instance: x, device: /dev/sdf}}\n",
            "instances:\n  x: {subnet: a, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\nvolumes:\n  v: {az: eu-west-1a, size_gb: 10, attach: {instance: x, device: /dev/sdf}}\n",
        ),
        case(
            "EB002",
            "volume.v",
            2,
            "100",
            "volumes:\n  v: {az: eu-west-1a, size_gb: 100, type: st1}\n",
            "volumes:\n  v: {az: eu-west-1a, size_gb: 125, type: st1}\n",
        ),
        case(
            "EB003",
            "volume.v",
            2,
            "1000",
            "volumes:\n  v: {az: eu-west-1a, size_gb: 10, type: io1, iops: 1000}\n",
            "volumes:\n  v: {az: eu-west-1a, size_gb: 20, type: io1, iops: 1000}\n",
        ),
        case(
            "EB004",
            "volume.v",
            2,
            "250",
            "volumes:\n  v: {az: eu-west-1a, size_gb: 100, type: gp2, throughput: 250}\n",
            "volumes:\n  v: {az: eu-west-1a, size_gb: 100, type: gp3, throughput: 250}\n",
        ),
        case(
            "EB005",
            "volume.w",
            5,
            "/dev/sdf",
            "instances:\n  x: {subnet: a, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\nvolumes:\n  v: {az: eu-west-1a, size_gb: 10, attach: {instance: x, device: /dev/sdf}}\n  w: {az: eu-west-1a, size_gb: 10, attach: {instance: x, device: /dev/sdf}}\n",
            "instances:\n  x: {subnet: a, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\nvolumes:\n  v: {az: eu-west-1a, size_gb: 10, attach: {instance: x, device: /dev/sdf}}\n  w: {az: eu-west-1a, size_gb: 10, attach: {instance: x, device: /dev/sdg}}\n",
        ),
        // Trust: AWS's own VPC sample writes `protocol: all` NACL entries
        // with `ports: 0-65535`; AWS ignores ports for protocol all.
        case(
            "NA006",
            "network_acl.n",
            2,
            "sctpp",
            "network_acls:\n  n: {vpc: main, ingress: [{rule: 100, action: allow, protocol: sctpp, cidr: 10.0.0.0/8}]}\n",
            "network_acls:\n  n: {vpc: main, ingress: [{rule: 100, action: allow, protocol: 132, cidr: 10.0.0.0/8}]}\n",
        ),
        case(
            "NA007",
            "network_acl.n",
            2,
            "22",
            "network_acls:\n  n: {vpc: main, ingress: [{rule: 100, action: allow, protocol: all, ports: 22, cidr: 10.0.0.0/8}]}\n",
            "network_acls:\n  n: {vpc: main, ingress: [{rule: 100, action: allow, protocol: all, ports: 0-65535, cidr: 10.0.0.0/8}],\n    egress: [{rule: 100, action: allow, protocol: -1, ports: 0, cidr: 0.0.0.0/0}]}\n",
        ),
        case(
            "NA008",
            "network_acl.n",
            2,
            "300",
            "network_acls:\n  n: {vpc: main, ingress: [{rule: 100, action: allow, protocol: icmp, icmp_type: 300, cidr: 10.0.0.0/8}]}\n",
            "network_acls:\n  n: {vpc: main, ingress: [{rule: 100, action: allow, protocol: icmp, icmp_type: 8, cidr: 10.0.0.0/8}]}\n",
        ),
        case(
            "SG002",
            "security_group.g",
            2,
            "22",
            "security_groups:\n  g: {vpc: main, ingress: [{protocol: all, ports: 22, cidr: 10.0.0.0/8}]}\n",
            "security_groups:\n  g: {vpc: main, ingress: [{protocol: all, ports: 0-65535, cidr: 10.0.0.0/8}]}\n",
        ),
        // The VPC User Guide's recommended rules answer on 32768-65535; a
        // deny before the allow still drops the replies.
        case(
            "NA004",
            "network_acl.n",
            2,
            "{rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}",
            "network_acls:\n  n: {vpc: main, ingress: [{rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}],\n    egress: [{rule: 90, action: deny, protocol: tcp, ports: 40000-50000, cidr: 203.0.113.0/24},\n      {rule: 120, action: allow, protocol: tcp, ports: 32768-65535, cidr: 0.0.0.0/0}]}\n",
            "network_acls:\n  n: {vpc: main, ingress: [{rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}],\n    egress: [{rule: 120, action: allow, protocol: tcp, ports: 32768-65535, cidr: 0.0.0.0/0}]}\n",
        ),
        // AWS counts IPv4 and IPv6 rules (and entries) on their own.
        case(
            "SG007",
            "security_group.g",
            65,
            "{protocol: tcp, ports: 61, cidr: 10.0.0.61/32}",
            sg_rules(61),
            sg_rules(60)
                + &lines("", 60, |i| {
                    format!(
                        "      - {{protocol: tcp, ports: {i}, cidr: \"2001:db8::{i:x}/128\"}}\n"
                    )
                }),
        ),
        case(
            "NA003",
            "network_acl.n",
            25,
            "{rule: 21, action: allow, protocol: tcp, ports: 21, cidr: 10.0.0.0/8}",
            nacl_entries(21),
            nacl_entries(20)
                + &lines("", 20, |i| {
                    format!(
                        "      - {{rule: {}, action: allow, protocol: tcp, ports: {i}, cidr: \"2001:db8::/32\"}}\n",
                        100 + i
                    )
                }),
        ),
        // The copy in the AZ that lacks the type is named, not the group.
        case(
            "EC007",
            "instance.gpu[1]",
            2,
            "a1.large",
            "instances:\n  gpu: {subnets: [b, a], count: 2, ami: ami-0c9c942bd7bf113a2, type: a1.large}\n",
            "instances:\n  gpu: {subnets: [b, b], count: 2, ami: ami-0c9c942bd7bf113a2, type: a1.large}\n",
        ),
        // --- The second AWS catalogue ---
        case(
            "VP004",
            "vpc.other",
            2,
            "172.31.0.0/16",
            "vpcs:\n  other: {cidr: 172.16.0.0/16, secondary_cidrs: [172.31.0.0/16]}\n",
            "vpcs:\n  other: {cidr: 172.16.0.0/16, secondary_cidrs: [172.20.0.0/16]}\n",
        ),
        case(
            "VP004",
            "vpc.other",
            2,
            "10.1.0.0/16",
            "vpcs:\n  other: {cidr: 100.64.0.0/16, secondary_cidrs: [10.1.0.0/16]}\n",
            "vpcs:\n  other: {cidr: 100.64.0.0/16, secondary_cidrs: [100.65.0.0/16]}\n",
        ),
        case(
            "VP010",
            "vpc.other",
            2,
            "169.254.0.0/16",
            "vpcs:\n  other: {cidr: 169.254.0.0/16}\n",
            "vpcs:\n  other: {cidr: 100.64.0.0/16}\n",
        ),
        case(
            "VP011",
            "vpc.other",
            2,
            "other",
            "vpcs:\n  other: {cidr: 10.1.0.0/16, dns_support: false, dns_hostnames: true}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/16, dns_support: false}\n",
        ),
        case(
            "VP012",
            "vpc.other",
            2,
            "172.17.0.0/16",
            "vpcs:\n  other: {cidr: 172.17.0.0/16}\n",
            "vpcs:\n  other: {cidr: 172.18.0.0/16}\n",
        ),
        case(
            "GW009",
            "instance.x",
            5,
            "web",
            "elastic_ips:\n  web: {}\ninstances:\n  x: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro,\n      elastic_ip: web}\n",
            "elastic_ips:\n  web: {}\ninternet_gateways:\n  igw: {vpc: main}\ninstances:\n  x: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro,\n      elastic_ip: web}\n",
        ),
        case(
            "GW010",
            "nat_gateway.p",
            6,
            "a",
            "internet_gateways:\n  igw: {vpc: main}\nroute_tables:\n  public: {vpc: main, subnets: [a], routes: [{destination: 0.0.0.0/0, internet_gateway: igw}]}\nnat_gateways:\n  p: {subnet: a, connectivity: private}\n",
            "internet_gateways:\n  igw: {vpc: main}\nroute_tables:\n  public: {vpc: main, subnets: [a], routes: [{destination: 0.0.0.0/0, internet_gateway: igw}]}\nnat_gateways:\n  p: {subnet: b, connectivity: private}\n",
        ),
        case(
            "RT009",
            "route_table.r",
            7,
            "10.0.1.0/25",
            "elastic_ips:\n  n: {}\nnat_gateways:\n  n: {subnet: a, elastic_ip: n}\nroute_tables:\n  r: {vpc: main, subnets: [a], routes: [\n    {destination: 10.0.1.0/25, nat_gateway: n}]}\n",
            "nat_gateways:\n  n: {subnet: a, connectivity: private}\nroute_tables:\n  r: {vpc: main, subnets: [a], routes: [\n    {destination: 10.0.1.0/24, nat_gateway: n}]}\n",
        ),
        case(
            "RT009",
            "route_table.r",
            7,
            "10.0.0.0/16",
            "elastic_ips:\n  n: {}\nnat_gateways:\n  n: {subnet: a, elastic_ip: n}\nroute_tables:\n  r: {vpc: main, subnets: [a], routes: [\n    {destination: 10.0.0.0/16, nat_gateway: n}]}\n",
            "nat_gateways:\n  n: {subnet: a, connectivity: private}\nroute_tables:\n  r: {vpc: main, subnets: [a], routes: [\n    {destination: 10.0.0.0/8, nat_gateway: n}]}\n",
        ),
        case(
            "RT010",
            "route_table.r",
            7,
            "169.254.169.0/24",
            "elastic_ips:\n  n: {}\nnat_gateways:\n  n: {subnet: a, elastic_ip: n}\nroute_tables:\n  r: {vpc: main, subnets: [a], routes: [\n    {destination: 169.254.169.0/24, nat_gateway: n}]}\n",
            "nat_gateways:\n  n: {subnet: a, connectivity: private}\nroute_tables:\n  r: {vpc: main, subnets: [a], routes: [\n    {destination: 169.254.160.0/24, nat_gateway: n}]}\n",
        ),
        case(
            "RT011",
            "route_table.r",
            5,
            "{destination: 0.0.0.0/0, internet_gateway: igw}",
            "internet_gateways:\n  igw: {vpc: main}\nroute_tables:\n  r: {vpc: main, main: true, routes: [\n    {destination: 0.0.0.0/0, internet_gateway: igw}]}\n",
            "internet_gateways:\n  igw: {vpc: main}\nroute_tables:\n  r: {vpc: main, subnets: [a], routes: [\n    {destination: 0.0.0.0/0, internet_gateway: igw}]}\n",
        ),
        case(
            "RT012",
            "route_table.r",
            6,
            "fw",
            "instances:\n  fw: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro}\nroute_tables:\n  r: {vpc: main, subnets: [b], routes: [\n    {destination: 0.0.0.0/0,\n      instance: fw}]}\n",
            "nat_gateways:\n  n: {subnet: a, connectivity: private}\nroute_tables:\n  r: {vpc: main, subnets: [b], routes: [\n    {destination: 0.0.0.0/0,\n      nat_gateway: n}]}\n",
        ),
        case(
            "RT012",
            "route_table.r",
            6,
            "fw",
            "instances:\n  fw: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, source_dest_check: true}\nroute_tables:\n  r: {vpc: main, subnets: [b], routes: [\n    {destination: 0.0.0.0/0,\n      instance: fw}]}\n",
            "instances:\n  fw: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, source_dest_check: false}\nroute_tables:\n  r: {vpc: main, subnets: [b], routes: [\n    {destination: 0.0.0.0/0,\n      instance: fw}]}\n",
        ),
        case(
            "EC012",
            "instance.x",
            2,
            "hibernated",
            "instances:\n  x: {subnet: a, state: hibernated, ami: ami-0123456789abcdef0, type: m7i.large}\n",
            "instances:\n  x: {subnet: a, state: hibernated, hibernation: true, ami: ami-0123456789abcdef0, type: m7i.large, root_volume: {size_gb: 16, encrypted: true}}\n",
        ),
        case(
            "EC011",
            "instance.x",
            3,
            "optional",
            "instances:\n  x: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro,\n    metadata: {http_tokens: optional}}\n",
            "instances:\n  x: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro,\n    metadata: {http_tokens: required, hop_limit: 1}}\n",
        ),
        case(
            "RT013",
            "route_table.r",
            7,
            "10.0.0.0/8",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\nvpc_peerings:\n  link: {vpc: main, peer_vpc: other}\nroute_tables:\n  r: {vpc: main, subnets: [a], routes: [\n    {destination: 10.0.0.0/8, vpc_peering: link}]}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\nvpc_peerings:\n  link: {vpc: main, peer_vpc: other}\nroute_tables:\n  r: {vpc: main, subnets: [a], routes: [\n    {destination: 10.1.0.0/16, vpc_peering: link}]}\n",
        ),
        case(
            "PC004",
            "vpc_peering.link",
            5,
            "cn",
            "vpcs:\n  cn: {cidr: 10.1.0.0/16, region: cn-north-1}\nvpc_peerings:\n  link: {vpc: main,\n    peer_vpc: cn}\n",
            "vpcs:\n  cn: {cidr: 10.1.0.0/16, region: eu-west-2}\nvpc_peerings:\n  link: {vpc: main,\n    peer_vpc: cn}\n",
        ),
        case(
            "PC005",
            "route_table.r",
            7,
            "{destination: 10.1.0.0/16, vpc_peering: link}",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\nvpc_peerings:\n  link: {vpc: main, peer_vpc: other}\nroute_tables:\n  r: {vpc: main, subnets: [a], routes: [\n    {destination: 10.1.0.0/16, vpc_peering: link}]}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\nvpc_peerings:\n  link: {vpc: main, peer_vpc: other}\nroute_tables:\n  r: {vpc: main, subnets: [a], routes: [\n    {destination: 10.1.0.0/16, vpc_peering: link}]}\n  back: {vpc: other, main: true, routes: [{destination: 10.0.0.0/16, vpc_peering: link}]}\n",
        ),
        case(
            "SG005",
            "security_group.app",
            8,
            "lb",
            "vpcs:\n  other: {cidr: 10.1.0.0/16, region: us-east-1}\nvpc_peerings:\n  link: {vpc: main, peer_vpc: other}\nsecurity_groups:\n  lb: {vpc: other}\n  app: {vpc: main, ingress: [{protocol: tcp, ports: 443,\n    security_group: lb}]}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/16}\nvpc_peerings:\n  link: {vpc: main, peer_vpc: other}\nsecurity_groups:\n  lb: {vpc: other}\n  app: {vpc: main, ingress: [{protocol: tcp, ports: 443,\n    security_group: lb}]}\n",
        ),
        case(
            "SG014",
            "security_group.web",
            2,
            "\"Web servers \u{2013} public\"",
            "security_groups:\n  web: {vpc: main, description: \"Web servers \u{2013} public\"}\n",
            "security_groups:\n  web: {vpc: main, description: \"Web servers - public (HTTPS only)\"}\n",
        ),
        case(
            "SG014",
            "security_group.web",
            2,
            "\"HTTPS\\tfrom anywhere\"",
            "security_groups:\n  web: {vpc: main, ingress: [{protocol: tcp, ports: 443, cidr: 10.0.0.0/8, description: \"HTTPS\\tfrom anywhere\"}]}\n",
            "security_groups:\n  web: {vpc: main, ingress: [{protocol: tcp, ports: 443, cidr: 10.0.0.0/8, description: \"HTTPS from [office]\"}]}\n",
        ),
        case(
            "SG015",
            "security_group.default",
            2,
            "default",
            "security_groups:\n  default: {vpc: main}\n",
            "security_groups:\n  defaults: {vpc: main}\n",
        ),
        case(
            "NA009",
            "network_acl.n",
            4,
            "o",
            "vpcs: {other: {cidr: 10.1.0.0/16}}\nsubnets: {o: {vpc: other, cidr: 10.1.0.0/24, az: eu-west-1a}}\nnetwork_acls:\n  n: {vpc: main, subnets: [a, o]}\n",
            "vpcs: {other: {cidr: 10.1.0.0/16}}\nsubnets: {o: {vpc: other, cidr: 10.1.0.0/24, az: eu-west-1a}}\nnetwork_acls:\n  n: {vpc: main, subnets: [a, b]}\n",
        ),
        case(
            "NA010",
            "network_acl.n",
            3,
            "{rule: 100, action: allow, protocol: tcp, ports: 22, cidr: 0.0.0.0/0}",
            format!(
                "network_acls:\n  n: {{vpc: main, subnets: [a], ingress: [\n    {{rule: 100, action: allow, protocol: tcp, ports: 22, cidr: 0.0.0.0/0}}]}}\n{PUBLIC_A}"
            ),
            format!(
                "network_acls:\n  n: {{vpc: main, subnets: [a], ingress: [{{rule: 90, action: deny, protocol: tcp, ports: 22, cidr: 0.0.0.0/0}},\n    {{rule: 100, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}}]}}\n{PUBLIC_A}"
            ),
        ),
        // AWS's own default ACL (allow all) in front of subnets the internet
        // cannot route to is how terraform-aws-vpc stacks look: no finding.
        case(
            "NA010",
            "network_acl.n",
            3,
            "{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}",
            format!(
                "network_acls:\n  n: {{vpc: main, subnets: [a, b], ingress: [\n    {{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}}]}}\n{PUBLIC_A}"
            ),
            "network_acls:\n  n: {vpc: main, subnets: [b], ingress: [\n    {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]}\n",
        ),
        case(
            "EC010",
            "instance.app",
            3,
            "ami-0123456789abcdef0",
            "instances:\n  web: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro}\n  app: {subnet: a, ami: ami-0123456789abcdef0, type: m7g.large}\n",
            "instances:\n  web: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro}\n  app: {subnet: a, ami: ami-0fedcba9876543210, type: m7g.large}\n",
        ),
        case(
            "EB004",
            "volume.v",
            2,
            "1000",
            "volumes:\n  v: {az: eu-west-1a, size_gb: 100, type: gp3, throughput: 1000}\n",
            "volumes:\n  v: {az: eu-west-1a, size_gb: 100, type: gp3, iops: 4000, throughput: 1000}\n",
        ),
        case(
            "EB005",
            "volume.w",
            5,
            "/dev/xvdf",
            "instances:\n  x: {subnet: a, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\nvolumes:\n  v: {az: eu-west-1a, size_gb: 10, attach: {instance: x, device: /dev/sdf}}\n  w: {az: eu-west-1a, size_gb: 10, attach: {instance: x, device: /dev/xvdf}}\n",
            "instances:\n  x: {subnet: a, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\nvolumes:\n  v: {az: eu-west-1a, size_gb: 10, attach: {instance: x, device: /dev/sdf}}\n  w: {az: eu-west-1a, size_gb: 10, attach: {instance: x, device: /dev/xvdg}}\n",
        ),
        case(
            "EB007",
            "volume.v",
            4,
            "/dev/sda1",
            "instances:\n  x: {subnet: a, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\nvolumes:\n  v: {az: eu-west-1a, size_gb: 10, attach: {instance: x, device: /dev/sda1}}\n",
            "instances:\n  x: {subnet: a, ami: ami-0c9c942bd7bf113a2, type: t3.micro}\nvolumes:\n  v: {az: eu-west-1a, size_gb: 10, attach: {instance: x, device: /dev/xvdba}}\n",
        ),
        case("TG001", "vpc.other", 2, "other", tagged(51), tagged(50)),
        case(
            "TG002",
            "vpc.other",
            2,
            "other",
            "vpcs:\n  other: {cidr: 10.1.0.0/16, tags: {\"aws:team\": platform}}\n",
            "vpcs:\n  other: {cidr: 10.1.0.0/16, tags: {team: platform}}\n",
        ),
        case(
            "QT001",
            "route_table.r",
            58,
            "{destination: 10.51.0.0/16, nat_gateway: n}",
            routes(51),
            routes(50),
        ),
        case("QT001", "nat_gateway.n6", 7, "n6", nats(6), nats(5)),
        case("QT002", "elastic_ip.e6", 7, "e6", eips(6), eips(5)),
        case(
            "VP014",
            "flow_log.f",
            2,
            "{cloudwatch_logs: \"arn:aws:logs:eu-west-1:123456789012:log-group:vpc\"}",
            "flow_logs:\n  f: {resource: vpc.main, destination: {cloudwatch_logs: \"arn:aws:logs:eu-west-1:123456789012:log-group:vpc\"}}\n",
            "flow_logs:\n  f: {resource: vpc.main, destination: {cloudwatch_logs: \"arn:aws:logs:eu-west-1:123456789012:log-group:vpc\", role: \"arn:aws:iam::123456789012:role/flow-logs\"}}\n",
        ),
        case(
            "VP014",
            "flow_log.f",
            2,
            "\"arn:aws:s3:logs\"",
            "flow_logs:\n  f: {resource: subnet.a, traffic: REJECT, destination: {s3: \"arn:aws:s3:logs\"}}\n",
            "flow_logs:\n  f: {resource: subnet.a, traffic: REJECT, destination: {s3: \"arn:aws:s3:::logs/vpc\"}}\n",
        ),
        alone(
            "VP015",
            "vpc.x",
            3,
            "x",
            "defaults: {region: eu-west-1}\nvpcs:\n  x: {cidr: 10.0.0.0/16}\n",
            "defaults: {region: eu-west-1}\nvpcs:\n  x: {cidr: 10.0.0.0/16}\nflow_logs:\n  x: {resource: vpc.x, destination: {s3: \"arn:aws:s3:::logs\"}, max_aggregation_interval: 60}\n",
        ),
        case(
            "VP013",
            "dhcp_options.corp",
            3,
            "10.0.0.6",
            "dhcp_options:\n  corp:\n    domain_name_servers: [10.0.0.2, 10.0.0.3, 10.0.0.4, 10.0.0.5, 10.0.0.6]\n",
            "dhcp_options:\n  corp:\n    domain_name_servers: [AmazonProvidedDNS, 10.0.0.3, 10.0.0.4, 10.0.0.5]\n",
        ),
        case(
            "VP013",
            "dhcp_options.corp",
            2,
            "dns.example.com",
            "dhcp_options:\n  corp: {ntp_servers: [dns.example.com], netbios_node_type: 2}\n",
            "dhcp_options:\n  corp: {ntp_servers: [169.254.169.123], netbios_node_type: 2}\n",
        ),
        case(
            "VP016",
            "vpc.x",
            2,
            "\"2001:db8::/58\"",
            "vpcs:\n  x: {cidr: 10.1.0.0/16, ipv6_cidr: \"2001:db8::/58\"}\n",
            "vpcs:\n  x: {cidr: 10.1.0.0/16, ipv6_cidr: \"2001:db8::/56\"}\n",
        ),
        case(
            "VP016",
            "vpc.y",
            3,
            "\"2600:1f18:0:100::/56\"",
            "vpcs:\n  x: {cidr: 10.1.0.0/16, ipv6_cidr: \"2600:1f18::/48\"}\n  y: {cidr: 10.2.0.0/16, ipv6_cidr: \"2600:1f18:0:100::/56\"}\n",
            "vpcs:\n  x: {cidr: 10.1.0.0/16, ipv6_cidr: \"2600:1f18::/48\"}\n  y: {cidr: 10.2.0.0/16, ipv6_cidr: \"2600:1f18:1:100::/56\"}\n",
        ),
        case(
            "VP017",
            "vpc.x",
            4,
            "corp",
            "dhcp_options:\n  corp: {domain_name_servers: [10.1.0.10]}\nvpcs:\n  x: {cidr: 10.1.0.0/16, dhcp_options: corp, dns_hostnames: true}\nsubnets:\n  xa: {vpc: x, cidr: 10.1.0.0/24, az: eu-west-1a}\nvpc_endpoints:\n  ssm: {vpc: x, type: interface, service: ssm, subnets: [xa]}\n",
            "dhcp_options:\n  corp: {domain_name_servers: [AmazonProvidedDNS, 10.1.0.10]}\nvpcs:\n  x: {cidr: 10.1.0.0/16, dhcp_options: corp, dns_hostnames: true}\nsubnets:\n  xa: {vpc: x, cidr: 10.1.0.0/24, az: eu-west-1a}\nvpc_endpoints:\n  ssm: {vpc: x, type: interface, service: ssm, subnets: [xa]}\n",
        ),
        case(
            "SN008",
            "subnet.xa",
            4,
            "\"2001:db8:2::/64\"",
            "vpcs:\n  x: {cidr: 10.1.0.0/16, ipv6_cidr: \"2001:db8:1::/56\"}\nsubnets:\n  xa: {vpc: x, cidr: 10.1.0.0/24, az: eu-west-1a, ipv6_cidr: \"2001:db8:2::/64\"}\n",
            "vpcs:\n  x: {cidr: 10.1.0.0/16, ipv6_cidr: \"2001:db8:1::/56\"}\nsubnets:\n  xa: {vpc: x, cidr: 10.1.0.0/24, az: eu-west-1a, ipv6_cidr: \"2001:db8:1::/64\"}\n",
        ),
        alone(
            "SN009",
            "subnet.c",
            5,
            "1",
            "defaults: {region: eu-west-1}\nvpcs:\n  x: {cidr: 10.1.0.0/16}\nsubnets:\n  c: {vpc: x, cidr: 10.1.2.0/24, az: eu-west-1a, ipv6_index: 1}\n",
            "defaults: {region: eu-west-1}\nvpcs:\n  x: {cidr: 10.1.0.0/16, ipv6: true}\nsubnets:\n  c: {vpc: x, cidr: 10.1.2.0/24, az: eu-west-1a, ipv6_index: 1}\n",
        ),
        alone(
            "SN010",
            "subnet.d",
            6,
            "0",
            "defaults: {region: eu-west-1}\nvpcs:\n  x: {cidr: 10.1.0.0/16, ipv6: true}\nsubnets:\n  c: {vpc: x, cidr: 10.1.2.0/24, az: eu-west-1a, ipv6_index: 0}\n  d: {vpc: x, cidr: 10.1.3.0/24, az: eu-west-1b, ipv6_index: 0}\n",
            "defaults: {region: eu-west-1}\nvpcs:\n  x: {cidr: 10.1.0.0/16, ipv6: true}\nsubnets:\n  c: {vpc: x, cidr: 10.1.2.0/24, az: eu-west-1a, ipv6_index: 0}\n  d: {vpc: x, cidr: 10.1.3.0/24, az: eu-west-1b, ipv6_index: 1}\n",
        ),
        case(
            "GW011",
            "egress_only_internet_gateway.e2",
            3,
            "main",
            "egress_only_internet_gateways:\n  e1: {vpc: main}\n  e2: {vpc: main}\n",
            "vpcs:\n  x: {cidr: 10.1.0.0/16}\negress_only_internet_gateways:\n  e1: {vpc: main}\n  e2: {vpc: x}\n",
        ),
        case(
            "RT014",
            "route_table.r",
            7,
            "\"::/0\"",
            "nat_gateways:\n  n: {subnet: a, connectivity: private}\nroute_tables:\n  r:\n    vpc: main\n    subnets: [b]\n    routes: [{destination: \"::/0\", nat_gateway: n}]\n",
            "nat_gateways:\n  n: {subnet: a, connectivity: private}\nroute_tables:\n  r:\n    vpc: main\n    subnets: [b]\n    routes: [{destination: \"64:ff9b::/96\", nat_gateway: n}]\n",
        ),
        case(
            "RT015",
            "route_table.r",
            7,
            "0.0.0.0/0",
            "egress_only_internet_gateways:\n  e: {vpc: main}\nroute_tables:\n  r:\n    vpc: main\n    subnets: [b]\n    routes: [{destination: 0.0.0.0/0, egress_only_internet_gateway: e}]\n",
            "egress_only_internet_gateways:\n  e: {vpc: main}\nroute_tables:\n  r:\n    vpc: main\n    subnets: [b]\n    routes: [{destination: \"::/0\", egress_only_internet_gateway: e}]\n",
        ),
        case(
            "VE003",
            "vpc_endpoint.s3",
            2,
            "[a]",
            "vpc_endpoints:\n  s3: {vpc: main, service: s3, subnets: [a]}\n",
            "vpc_endpoints:\n  s3: {vpc: main, service: s3, type: interface, subnets: [a], private_dns: false}\n",
        ),
        case(
            "VE004",
            "vpc_endpoint.ssm",
            2,
            "ssm",
            "vpc_endpoints:\n  ssm: {vpc: main, service: ssm}\n",
            "vpc_endpoints:\n  ssm: {vpc: main, service: ssm, type: interface, subnets: [a], private_dns: false}\n",
        ),
        case(
            "VE005",
            "vpc_endpoint.ssm",
            4,
            "c",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1a}\nvpc_endpoints:\n  ssm: {vpc: main, type: interface, service: ssm, subnets: [a, c], private_dns: false}\n",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1a}\nvpc_endpoints:\n  ssm: {vpc: main, type: interface, service: ssm, subnets: [a, b], private_dns: false}\n",
        ),
        case(
            "VE006",
            "vpc_endpoint.ssm",
            6,
            "xa",
            "vpcs:\n  x: {cidr: 10.1.0.0/16}\nsubnets:\n  xa: {vpc: x, cidr: 10.1.0.0/24, az: eu-west-1a}\nvpc_endpoints:\n  ssm: {vpc: main, type: interface, service: ssm, subnets: [xa], private_dns: false}\n",
            "vpcs:\n  x: {cidr: 10.1.0.0/16}\nsubnets:\n  xa: {vpc: x, cidr: 10.1.0.0/24, az: eu-west-1a}\nvpc_endpoints:\n  ssm: {vpc: main, type: interface, service: ssm, subnets: [a], private_dns: false}\n",
        ),
        case(
            "VE007",
            "vpc_endpoint.ssm",
            2,
            "ssm",
            "vpc_endpoints:\n  ssm: {vpc: main, type: interface, service: ssm, subnets: [a]}\n",
            "vpc_endpoints:\n  ssm: {vpc: main, type: interface, service: ssm, subnets: [a], private_dns: false}\n",
        ),
        alone(
            "VE008",
            "vpc_endpoint.ssm-b",
            9,
            "ssm",
            "defaults: {region: eu-west-1}\nvpcs:\n  x: {cidr: 10.1.0.0/16, dns_hostnames: true}\nsubnets:\n  xa: {vpc: x, cidr: 10.1.0.0/24, az: eu-west-1a}\n  xb: {vpc: x, cidr: 10.1.1.0/24, az: eu-west-1b}\nvpc_endpoints:\n  ssm-a: {vpc: x, type: interface, service: ssm, subnets: [xa]}\n  ssm-b: {vpc: x, type: interface, service: ssm, subnets: [xb]}\n",
            "defaults: {region: eu-west-1}\nvpcs:\n  x: {cidr: 10.1.0.0/16, dns_hostnames: true}\nsubnets:\n  xa: {vpc: x, cidr: 10.1.0.0/24, az: eu-west-1a}\n  xb: {vpc: x, cidr: 10.1.1.0/24, az: eu-west-1b}\nvpc_endpoints:\n  ssm-a: {vpc: x, type: interface, service: ssm, subnets: [xa]}\n  ssm-b: {vpc: x, type: interface, service: ssm, subnets: [xb], private_dns: false}\n",
        ),
        case(
            "VE009",
            "vpc_endpoint.s3",
            6,
            "Permit",
            "vpc_endpoints:\n  s3:\n    vpc: main\n    service: s3\n    policy:\n      Statement: [{Effect: Permit, Action: \"s3:GetObject\", Resource: \"arn:aws:s3:::b/*\", Principal: \"*\"}]\n",
            "vpc_endpoints:\n  s3:\n    vpc: main\n    service: s3\n    policy:\n      Statement: [{Effect: Allow, Action: \"s3:GetObject\", Resource: \"arn:aws:s3:::b/*\", Principal: \"*\"}]\n",
        ),
        case(
            "VE010",
            "vpc_endpoint.s3",
            6,
            "{Effect: Allow, Action: \"*\", Resource: \"*\", Principal: \"*\"}",
            "vpc_endpoints:\n  s3:\n    vpc: main\n    service: s3\n    policy:\n      Statement: [{Effect: Allow, Action: \"*\", Resource: \"*\", Principal: \"*\"}]\n",
            "vpc_endpoints:\n  s3:\n    vpc: main\n    service: s3\n    policy:\n      Statement: [{Effect: Allow, Action: \"s3:*\", Resource: \"arn:aws:s3:::b/*\", Principal: \"*\"}]\n",
        ),
        case(
            "PL001",
            "prefix_list.office",
            2,
            "{cidr: 203.0.113.0/24}",
            "prefix_lists:\n  office: {address_family: IPv4, max_entries: 1, entries: [{cidr: 198.51.100.0/24}, {cidr: 203.0.113.0/24}]}\n",
            "prefix_lists:\n  office: {address_family: IPv4, max_entries: 2, entries: [{cidr: 198.51.100.0/24}, {cidr: 203.0.113.0/24}]}\n",
        ),
        case(
            "PL002",
            "prefix_list.office",
            2,
            "\"2001:db8::/48\"",
            "prefix_lists:\n  office: {address_family: IPv4, max_entries: 2, entries: [{cidr: \"2001:db8::/48\"}]}\n",
            "prefix_lists:\n  office: {address_family: IPv6, max_entries: 2, entries: [{cidr: \"2001:db8::/48\"}]}\n",
        ),
        case(
            "PL003",
            "prefix_list.office",
            3,
            "198.51.100.0/24",
            "prefix_lists:\n  office:\n    {address_family: IPv4, max_entries: 2, entries: [{cidr: 198.51.100.0/24}, {cidr: 198.51.100.0/24}]}\n",
            "prefix_lists:\n  office:\n    {address_family: IPv4, max_entries: 2, entries: [{cidr: 198.51.100.0/24}, {cidr: 203.0.113.0/24}]}\n",
        ),
        alone(
            "SG016",
            "vpc.x",
            3,
            "x",
            "defaults: {region: eu-west-1}\nvpcs:\n  x: {cidr: 10.0.0.0/16}\n",
            "defaults: {region: eu-west-1}\nvpcs:\n  x: {cidr: 10.0.0.0/16, default_security_group: {ingress: [], egress: []}}\n",
        ),
        case(
            "EC013",
            "instance.x",
            2,
            "4",
            "instances:\n  x: {subnet: a, hibernation: true, ami: ami-0123456789abcdef0, type: m7i.large, root_volume: {size_gb: 4, encrypted: true}}\n",
            "instances:\n  x: {subnet: a, hibernation: true, ami: ami-0123456789abcdef0, type: m7i.large, root_volume: {size_gb: 16, encrypted: true}}\n",
        ),
        case(
            "EB002",
            "instance.x",
            2,
            "20000",
            "instances:\n  x: {subnet: a, ami: ami-0123456789abcdef0, type: m7i.large, root_volume: {type: gp2, size_gb: 20000}}\n",
            "instances:\n  x: {subnet: a, ami: ami-0123456789abcdef0, type: m7i.large, root_volume: {type: gp2, size_gb: 64}}\n",
        ),
        case(
            "SG010",
            "security_group.g",
            5,
            "\"::/0\"",
            "security_groups:\n  g:\n    vpc: main\n    ingress:\n      - {protocol: tcp, ports: 22, cidr: \"::/0\"}\n",
            "security_groups:\n  g:\n    vpc: main\n    ingress:\n      - {protocol: tcp, ports: 22, cidr: \"2001:db8:1::/48\"}\n",
        ),
        case(
            "NA010",
            "network_acl.n",
            6,
            "{rule: 100, action: allow, protocol: tcp, ports: 3389, cidr: \"::/0\"}",
            format!(
                "network_acls:\n  n:\n    vpc: main\n    subnets: [a]\n    ingress:\n      - {{rule: 100, action: allow, protocol: tcp, ports: 3389, cidr: \"::/0\"}}\n{PUBLIC_A}"
            ),
            format!(
                "network_acls:\n  n:\n    vpc: main\n    subnets: [a]\n    ingress:\n      - {{rule: 100, action: allow, protocol: tcp, ports: 3389, cidr: \"2001:db8:1::/48\"}}\n{PUBLIC_A}"
            ),
        ),
        case(
            "LB001",
            "load_balancer.web_front",
            2,
            "web_front",
            "load_balancers:\n  web_front: {type: application, scheme: internal, subnets: [a, b]}\n",
            "load_balancers:\n  web-front: {type: application, scheme: internal, subnets: [a, b]}\n",
        ),
        case(
            "LB002",
            "load_balancer.web",
            2,
            "[a]",
            "load_balancers:\n  web: {type: application, scheme: internal, subnets: [a]}\n",
            "load_balancers:\n  web: {type: application, scheme: internal, subnets: [a, b]}\n",
        ),
        case(
            "LB003",
            "load_balancer.web",
            5,
            "c",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/28, az: eu-west-1a}\n  d: {vpc: main, cidr: 10.0.3.0/28, az: eu-west-1b}\nload_balancers:\n  web: {type: network, scheme: internal, subnets: [c, d]}\n",
            "subnets:\n  c: {vpc: main, cidr: 10.0.2.0/27, az: eu-west-1a}\n  d: {vpc: main, cidr: 10.0.3.0/27, az: eu-west-1b}\nload_balancers:\n  web: {type: network, scheme: internal, subnets: [c, d]}\n",
        ),
        case(
            "LB004",
            "load_balancer.web",
            6,
            "lb",
            "vpcs:\n  x: {cidr: 10.1.0.0/16}\nsecurity_groups:\n  lb: {vpc: x}\nload_balancers:\n  web: {type: application, scheme: internal, subnets: [a, b], security_groups: [lb]}\n",
            "vpcs:\n  x: {cidr: 10.1.0.0/16}\nsecurity_groups:\n  lb: {vpc: main}\nload_balancers:\n  web: {type: application, scheme: internal, subnets: [a, b], security_groups: [lb]}\n",
        ),
        case(
            "LB005",
            "load_balancer.web",
            2,
            "web",
            "load_balancers:\n  web: {type: network, subnets: [a, b]}\n",
            "load_balancers:\n  web: {type: network, scheme: internal, subnets: [a, b]}\n",
        ),
        case(
            "LB011",
            "load_balancer.web",
            6,
            "b",
            "internet_gateways:\n  igw: {vpc: main}\nroute_tables:\n  public: {vpc: main, subnets: [a], routes: [{destination: 0.0.0.0/0, internet_gateway: igw}]}\nload_balancers:\n  web: {type: network, subnets: [a, b]}\n",
            "internet_gateways:\n  igw: {vpc: main}\nroute_tables:\n  public: {vpc: main, subnets: [a, b], routes: [{destination: 0.0.0.0/0, internet_gateway: igw}]}\nload_balancers:\n  web: {type: network, subnets: [a, b]}\n",
        ),
        case(
            "LB006",
            "load_balancer.web",
            8,
            "{port: 443, protocol: HTTPS, target_group: web}",
            "target_groups:\n  web: {vpc: main, protocol: HTTP, port: 80}\nload_balancers:\n  web:\n    type: application\n    scheme: internal\n    subnets: [a, b]\n    listeners: [{port: 443, protocol: HTTPS, target_group: web}]\n",
            "target_groups:\n  web: {vpc: main, protocol: HTTP, port: 80}\nload_balancers:\n  web:\n    type: application\n    scheme: internal\n    subnets: [a, b]\n    listeners: [{port: 443, protocol: HTTPS, target_group: web, certificate: \"arn:aws:acm:eu-west-1:123456789012:certificate/abc\"}]\n",
        ),
        case(
            "LB006",
            "load_balancer.web",
            8,
            "\"arn:aws:acm:us-east-1:123456789012:certificate/abc\"",
            format!("{HTTPS_LB}\"arn:aws:acm:us-east-1:123456789012:certificate/abc\"}}]\n"),
            format!("{HTTPS_LB}\"arn:aws:acm:eu-west-1:123456789012:certificate/abc\"}}]\n"),
        ),
        alone(
            "LB006",
            "load_balancer.web",
            14,
            "\"arn:aws:acm:cn-north-1:123456789012:certificate/abc\"",
            format!(
                "defaults: {{region: cn-north-1}}\nvpcs:\n  main: {{cidr: 10.0.0.0/16}}\nsubnets:\n  a: {{vpc: main, cidr: 10.0.0.0/24, az: cn-north-1a}}\n  b: {{vpc: main, cidr: 10.0.1.0/24, az: cn-north-1b}}\n{HTTPS_LB}\"arn:aws:acm:cn-north-1:123456789012:certificate/abc\"}}]\n"
            ),
            format!(
                "defaults: {{region: cn-north-1}}\nvpcs:\n  main: {{cidr: 10.0.0.0/16}}\nsubnets:\n  a: {{vpc: main, cidr: 10.0.0.0/24, az: cn-north-1a}}\n  b: {{vpc: main, cidr: 10.0.1.0/24, az: cn-north-1b}}\n{HTTPS_LB}\"arn:aws-cn:acm:cn-north-1:123456789012:certificate/abc\"}}]\n"
            ),
        ),
        case(
            "LB007",
            "load_balancer.front",
            6,
            "web",
            "vpcs:\n  x: {cidr: 10.1.0.0/16}\ntarget_groups:\n  web: {vpc: x, protocol: HTTP, port: 80}\nload_balancers:\n  front: {type: application, scheme: internal, subnets: [a, b], listeners: [{port: 80, protocol: HTTP, target_group: web}]}\n",
            "vpcs:\n  x: {cidr: 10.1.0.0/16}\ntarget_groups:\n  web: {vpc: main, protocol: HTTP, port: 80}\nload_balancers:\n  front: {type: application, scheme: internal, subnets: [a, b], listeners: [{port: 80, protocol: HTTP, target_group: web}]}\n",
        ),
        case(
            "LB008",
            "load_balancer.two",
            5,
            "web",
            "target_groups:\n  web: {vpc: main, protocol: HTTP, port: 80}\nload_balancers:\n  one: {type: application, scheme: internal, subnets: [a, b], listeners: [{port: 80, protocol: HTTP, target_group: web}]}\n  two: {type: application, scheme: internal, subnets: [a, b], listeners: [{port: 80, protocol: HTTP, target_group: web}]}\n",
            "target_groups:\n  web: {vpc: main, protocol: HTTP, port: 80}\n  web2: {vpc: main, protocol: HTTP, port: 80}\nload_balancers:\n  one: {type: application, scheme: internal, subnets: [a, b], listeners: [{port: 80, protocol: HTTP, target_group: web}]}\n  two: {type: application, scheme: internal, subnets: [a, b], listeners: [{port: 80, protocol: HTTP, target_group: web2}]}\n",
        ),
        case(
            "LB009",
            "target_group.web",
            9,
            "web",
            "security_groups:\n  lb: {vpc: main}\n  app: {vpc: main, ingress: [{protocol: tcp, ports: 22, cidr: 10.0.0.0/16}]}\ninstances:\n  app: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [app]}\ntarget_groups:\n  web: {vpc: main, protocol: HTTP, port: 8080, targets: [app]}\nload_balancers:\n  front: {type: application, scheme: internal, subnets: [a, b], security_groups: [lb], listeners: [{port: 80, protocol: HTTP, target_group: web}]}\n",
            "security_groups:\n  lb: {vpc: main}\n  app: {vpc: main, ingress: [{protocol: tcp, ports: 8080, security_group: lb}]}\ninstances:\n  app: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [app]}\ntarget_groups:\n  web: {vpc: main, protocol: HTTP, port: 8080, targets: [app]}\nload_balancers:\n  front: {type: application, scheme: internal, subnets: [a, b], security_groups: [lb], listeners: [{port: 80, protocol: HTTP, target_group: web}]}\n",
        ),
        // A target without groups has the VPC's default group, which AWS
        // opens only to its own members.
        case(
            "LB009",
            "target_group.web",
            8,
            "web",
            "security_groups:\n  lb: {vpc: main}\ninstances:\n  app: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro}\ntarget_groups:\n  web: {vpc: main, protocol: HTTP, port: 8080, targets: [app]}\nload_balancers:\n  front: {type: application, scheme: internal, subnets: [a, b], security_groups: [lb], listeners: [{port: 80, protocol: HTTP, target_group: web}]}\n",
            "instances:\n  app: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro}\ntarget_groups:\n  web: {vpc: main, protocol: HTTP, port: 8080, targets: [app]}\nload_balancers:\n  front: {type: application, scheme: internal, subnets: [a, b], listeners: [{port: 80, protocol: HTTP, target_group: web}]}\n",
        ),
        case(
            "LB010",
            "load_balancer.front",
            8,
            "front",
            "internet_gateways:\n  igw: {vpc: main}\nroute_tables:\n  public: {vpc: main, subnets: [a, b], routes: [{destination: 0.0.0.0/0, internet_gateway: igw}]}\ntarget_groups:\n  web: {vpc: main, protocol: HTTP, port: 80}\nload_balancers:\n  front: {type: application, subnets: [a, b], listeners: [{port: 80, protocol: HTTP, target_group: web}]}\n",
            "internet_gateways:\n  igw: {vpc: main}\nroute_tables:\n  public: {vpc: main, subnets: [a, b], routes: [{destination: 0.0.0.0/0, internet_gateway: igw}]}\ntarget_groups:\n  web: {vpc: main, protocol: HTTP, port: 80}\nload_balancers:\n  front: {type: application, subnets: [a, b], listeners: [{port: 80, protocol: HTTP, target_group: web}, {port: 443, protocol: HTTPS, target_group: web, certificate: \"arn:aws:acm:eu-west-1:123456789012:certificate/abc\"}]}\n",
        ),
        case(
            "DB001",
            "db_subnet_group.data",
            4,
            "[a, a2]",
            "subnets:\n  a2: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1a}\ndb_subnet_groups:\n  data: {subnets: [a, a2]}\n",
            "subnets:\n  a2: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1a}\ndb_subnet_groups:\n  data: {subnets: [a2, b]}\n",
        ),
        case(
            "DB002",
            "db_subnet_group.data",
            6,
            "xa",
            "vpcs:\n  x: {cidr: 10.1.0.0/16}\nsubnets:\n  xa: {vpc: x, cidr: 10.1.0.0/24, az: eu-west-1a}\ndb_subnet_groups:\n  data: {subnets: [b, xa]}\n",
            "vpcs:\n  x: {cidr: 10.1.0.0/16}\nsubnets:\n  xa: {vpc: x, cidr: 10.1.0.0/24, az: eu-west-1a}\ndb_subnet_groups:\n  data: {subnets: [a, b]}\n",
        ),
        case(
            "DB003",
            "db_subnet_group.Data",
            3,
            "Data",
            "db_subnet_groups:\n  data: {subnets: [a, b]}\n  Data: {subnets: [a, b]}\n",
            "db_subnet_groups:\n  data: {subnets: [a, b]}\n  Data2: {subnets: [a, b]}\n",
        ),
        case(
            "AS001",
            "auto_scaling_group.web",
            4,
            "2",
            "launch_templates:\n  web: {ami: ami-0123456789abcdef0, type: t3.micro}\nauto_scaling_groups:\n  web: {launch_template: web, subnets: [a, b], min: 4, max: 2}\n",
            "launch_templates:\n  web: {ami: ami-0123456789abcdef0, type: t3.micro}\nauto_scaling_groups:\n  web: {launch_template: web, subnets: [a, b], min: 2, max: 4}\n",
        ),
        case(
            "AS002",
            "auto_scaling_group.web",
            8,
            "xa",
            "vpcs:\n  x: {cidr: 10.1.0.0/16}\nsubnets:\n  xa: {vpc: x, cidr: 10.1.0.0/24, az: eu-west-1a}\nlaunch_templates:\n  web: {ami: ami-0123456789abcdef0, type: t3.micro}\nauto_scaling_groups:\n  web: {launch_template: web, subnets: [a, xa], min: 2, max: 4}\n",
            "vpcs:\n  x: {cidr: 10.1.0.0/16}\nsubnets:\n  xa: {vpc: x, cidr: 10.1.0.0/24, az: eu-west-1a}\nlaunch_templates:\n  web: {ami: ami-0123456789abcdef0, type: t3.micro}\nauto_scaling_groups:\n  web: {launch_template: web, subnets: [a, b], min: 2, max: 4}\n",
        ),
        case(
            "AS003",
            "auto_scaling_group.web",
            4,
            "a",
            "launch_templates:\n  web: {ami: ami-0c9c942bd7bf113a2, type: a1.large}\nauto_scaling_groups:\n  web: {launch_template: web, subnets: [a, b], min: 2, max: 4}\n",
            "launch_templates:\n  web: {ami: ami-0c9c942bd7bf113a2, type: c7g.large}\nauto_scaling_groups:\n  web: {launch_template: web, subnets: [a, b], min: 2, max: 4}\n",
        ),
        case(
            "AS004",
            "auto_scaling_group.web",
            6,
            "12",
            "subnets:\n  tiny: {vpc: main, cidr: 10.0.9.0/28, az: eu-west-1a}\nlaunch_templates:\n  web: {ami: ami-0123456789abcdef0, type: t3.micro}\nauto_scaling_groups:\n  web: {launch_template: web, subnets: [tiny], min: 12, max: 12}\n",
            "subnets:\n  tiny: {vpc: main, cidr: 10.0.9.0/28, az: eu-west-1a}\nlaunch_templates:\n  web: {ami: ami-0123456789abcdef0, type: t3.micro}\nauto_scaling_groups:\n  web: {launch_template: web, subnets: [tiny], min: 11, max: 11}\n",
        ),
        case(
            "AS005",
            "auto_scaling_group.web",
            6,
            "20",
            "subnets:\n  tiny: {vpc: main, cidr: 10.0.9.0/28, az: eu-west-1a}\nlaunch_templates:\n  web: {ami: ami-0123456789abcdef0, type: t3.micro}\nauto_scaling_groups:\n  web: {launch_template: web, subnets: [tiny], min: 2, max: 20}\n",
            "subnets:\n  tiny: {vpc: main, cidr: 10.0.9.0/28, az: eu-west-1a}\nlaunch_templates:\n  web: {ami: ami-0123456789abcdef0, type: t3.micro}\nauto_scaling_groups:\n  web: {launch_template: web, subnets: [tiny], min: 2, max: 11}\n",
        ),
        case(
            "EC001",
            "launch_template.web",
            2,
            "ami-XYZ",
            "launch_templates:\n  web: {ami: ami-XYZ, type: t3.micro}\n",
            "launch_templates:\n  web: {ami: ami-0123456789abcdef0, type: t3.micro}\n",
        ),
        case(
            "EC011",
            "launch_template.web",
            2,
            "optional",
            "launch_templates:\n  web: {ami: ami-0123456789abcdef0, type: t3.micro, metadata: {http_tokens: optional}}\n",
            "launch_templates:\n  web: {ami: ami-0123456789abcdef0, type: t3.micro, metadata: {http_tokens: required}}\n",
        ),
        case(
            "EB002",
            "launch_template.web",
            2,
            "20000",
            "launch_templates:\n  web: {ami: ami-0123456789abcdef0, type: t3.micro, root_volume: {type: gp2, size_gb: 20000}}\n",
            "launch_templates:\n  web: {ami: ami-0123456789abcdef0, type: t3.micro, root_volume: {type: gp2, size_gb: 20}}\n",
        ),
        case(
            "RC001",
            "expectation.x-to-y",
            7,
            "true",
            expecting("[]"),
            expecting("[{protocol: tcp, ports: 443, self: true}]"),
        ),
        case(
            "RC003",
            "expectation.closed",
            14,
            "false",
            format!(
                "{NLB_TO_DB}expectations:\n  closed: {{from: internet, to: load_balancer.front, port: 5432, reachable: false}}\n"
            ),
            format!(
                "{NLB_TO_DB}expectations:\n  closed: {{from: internet, to: db, port: 5432, reachable: false}}\n"
            ),
        ),
        case(
            "QT001",
            "vpc_endpoint.e51",
            52,
            "e51",
            named("vpc_endpoints", 51, |_| INTERFACE_ENDPOINT.into(), "e"),
            // 21 interface endpoints are not gateway endpoints (20 per region).
            named("vpc_endpoints", 50, |_| INTERFACE_ENDPOINT.into(), "e"),
        ),
        alone(
            "EC014",
            "subnet.a",
            5,
            "ap-southeast-7a",
            "defaults: {region: ap-southeast-7}\nvpcs:\n  main: {cidr: 10.0.0.0/16}\nsubnets:\n  a: {vpc: main, cidr: 10.0.0.0/24, az: ap-southeast-7a}\n  b: {vpc: main, cidr: 10.0.1.0/24, az: ap-southeast-7b}\ninstances:\n  web: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro}\n",
            "defaults: {region: ap-southeast-1}\nvpcs:\n  main: {cidr: 10.0.0.0/16}\nsubnets:\n  a: {vpc: main, cidr: 10.0.0.0/24, az: ap-southeast-1a}\n  b: {vpc: main, cidr: 10.0.1.0/24, az: ap-southeast-1b}\ninstances:\n  web: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro}\n",
        ),
        case(
            "RC002",
            "instance.x",
            9,
            "{protocol: tcp, ports: 22, cidr: 0.0.0.0/0}",
            exposed("0.0.0.0/0"),
            exposed("198.51.100.0/24"),
        ),
        case(
            "QT001",
            "subnet.s199",
            200,
            "s199",
            named(
                "subnets",
                199,
                |i| format!("{{vpc: main, cidr: 10.0.{}.0/24, az: eu-west-1a}}", i + 1),
                "s",
            ),
            named(
                "subnets",
                198,
                |i| format!("{{vpc: main, cidr: 10.0.{}.0/24, az: eu-west-1a}}", i + 1),
                "s",
            ),
        ),
        case(
            "QT001",
            "route_table.r201",
            202,
            "r201",
            named("route_tables", 201, |_| "{vpc: main}".into(), "r"),
            named("route_tables", 200, |_| "{vpc: main}".into(), "r"),
        ),
        case(
            "QT001",
            "network_acl.n201",
            202,
            "n201",
            named("network_acls", 201, |_| "{vpc: main}".into(), "n"),
            named("network_acls", 200, |_| "{vpc: main}".into(), "n"),
        ),
        case(
            "QT001",
            "vpc_peering.k51",
            104,
            "k51",
            peerings(51),
            peerings(50),
        ),
        case(
            "QT001",
            "vpc_endpoint.e21",
            22,
            "e21",
            named(
                "vpc_endpoints",
                21,
                |_| "{vpc: main, service: s3}".into(),
                "e",
            ),
            named(
                "vpc_endpoints",
                20,
                |_| "{vpc: main, service: s3}".into(),
                "e",
            ),
        ),
        case(
            "QT001",
            "security_group.g2501",
            2502,
            "g2501",
            named("security_groups", 2501, |_| "{vpc: main}".into(), "g"),
            named("security_groups", 2500, |_| "{vpc: main}".into(), "g"),
        ),
        // gp3 and io2 grew to 64 TiB; gp3 to 80,000 IOPS and 2,000 MiB/s.
        case(
            "EB002",
            "volume.v",
            2,
            "65537",
            "volumes:\n  v: {az: eu-west-1a, size_gb: 65537, type: gp3}\n",
            "volumes:\n  v: {az: eu-west-1a, size_gb: 65536, type: io2, iops: 256000}\n",
        ),
        case(
            "EB003",
            "volume.v",
            2,
            "80001",
            "volumes:\n  v: {az: eu-west-1a, size_gb: 1000, type: gp3, iops: 80001}\n",
            "volumes:\n  v: {az: eu-west-1a, size_gb: 1000, type: gp3, iops: 80000}\n",
        ),
        case(
            "EB004",
            "volume.v",
            2,
            "2001",
            "volumes:\n  v: {az: eu-west-1a, size_gb: 1000, type: gp3, throughput: 2001}\n",
            "volumes:\n  v: {az: eu-west-1a, size_gb: 1000, type: gp3, iops: 8000, throughput: 2000}\n",
        ),
    ]
}

const SIX_GROUPS: &str = "security_groups:\n  g1: {vpc: main}\n  g2: {vpc: main}\n  g3: {vpc: main}\n  g4: {vpc: main}\n  g5: {vpc: main}\n  g6: {vpc: main}\ninstances:\n  x: {subnet: a, security_groups: [g1, g2, g3, g4, g5,\n    g6], ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n  y: {subnet: a, security_groups: [g3, g4, g5, g6], ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n";
const FIVE_GROUPS: &str = "security_groups:\n  g1: {vpc: main}\n  g2: {vpc: main}\n  g3: {vpc: main}\n  g4: {vpc: main}\n  g5: {vpc: main}\n  g6: {vpc: main}\ninstances:\n  x: {subnet: a, security_groups: [g1, g2, g3, g4, g5], ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n  y: {subnet: a, security_groups: [g3, g4, g5, g6], ami: ami-0c9c942bd7bf113a2, type: t3.micro}\n";

/// Rules no stack in the v1 language can trigger, with the test that covers them.
const NOT_REACHABLE_FROM_A_STACK: &[(&str, &str)] = &[(
    "RF003",
    "every v1 reference points from a later kind to an earlier one except security group rules, \
     which may form rings; covered by skyplan-model's graph tests",
)];

fn findings(case: &Case, text: &str, name: &str) -> (std::path::PathBuf, Vec<serde_json::Value>) {
    let dir = scratch(name);
    if !case.alone {
        write(&dir, "0-base.yaml", BASE);
    }
    write(&dir, "case.yaml", text);
    let out = run(
        &["lint", "--format", "json", "--select", case.code, "."],
        &dir,
    );
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}: exit {:?}: {}",
        case.code,
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json(&out);
    let list = doc["diagnostics"].as_array().cloned().unwrap_or_default();
    (dir, list)
}

/// Every finding of every rule on a case's stack: a near-miss must be a
/// network AWS accepts, so no rule may report an error on it.
fn findings_all(
    case: &Case,
    text: &str,
    name: &str,
) -> (std::path::PathBuf, Vec<serde_json::Value>) {
    let dir = scratch(name);
    if !case.alone {
        write(&dir, "0-base.yaml", BASE);
    }
    write(&dir, "case.yaml", text);
    let out = run(&["lint", "--format", "json", "--isolated", "."], &dir);
    let doc = json(&out);
    (
        dir,
        doc["diagnostics"].as_array().cloned().unwrap_or_default(),
    )
}

fn check_case(case: &Case) -> Result<(), String> {
    let (dir, found) = findings(case, &case.fail, &format!("rule-{}-fail", case.code));
    let Some(d) = found.iter().find(|d| d["code"] == case.code) else {
        return Err(format!(
            "{}: the failing stack gave no finding; got {found:#?}",
            case.code
        ));
    };
    let first = d["resources"][0].as_str().unwrap_or("");
    if first != case.resource {
        return Err(format!(
            "{}: first resource {first:?}, expected {:?}",
            case.code, case.resource
        ));
    }
    let range = &d["range"];
    if !case.at.is_empty() || case.line > 0 {
        let file = range["filename"].as_str().unwrap_or("");
        if !file.ends_with("case.yaml") {
            return Err(format!(
                "{}: finding is in {file}, not case.yaml",
                case.code
            ));
        }
        if range["start"]["line"] != case.line {
            return Err(format!(
                "{}: line {}, expected {}",
                case.code, range["start"]["line"], case.line
            ));
        }
    }
    if !case.at.is_empty() {
        let text = std::fs::read_to_string(dir.join("case.yaml")).unwrap_or_default();
        let (s, e) = (
            range["start"]["byte"].as_u64().unwrap_or(0) as usize,
            range["end"]["byte"].as_u64().unwrap_or(0) as usize,
        );
        let under = text.get(s..e).unwrap_or("");
        if under != case.at {
            return Err(format!(
                "{}: label covers {under:?}, expected {:?}",
                case.code, case.at
            ));
        }
    }
    let (_, found) = findings_all(case, &case.pass, &format!("rule-{}-pass", case.code));
    if let Some(d) = found
        .iter()
        .find(|d| d["code"] == case.code || d["severity"] == "error")
    {
        return Err(format!(
            "{}: the near-miss was flagged: {} {}",
            case.code, d["code"], d["summary"]
        ));
    }
    Ok(())
}

#[test]
fn every_rule_fails_on_its_stack_and_passes_its_near_miss() {
    let failures: Vec<String> = cases().iter().filter_map(|c| check_case(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_a_case() {
    let cases = cases();
    let missing: Vec<&str> = Rule::ALL
        .iter()
        .map(|r| r.code())
        .filter(|code| !cases.iter().any(|c| c.code == *code))
        .filter(|code| !NOT_REACHABLE_FROM_A_STACK.iter().any(|(c, _)| c == code))
        .collect();
    assert!(missing.is_empty(), "rules without a test case: {missing:?}");
}
