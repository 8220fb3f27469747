//! Hub and hybrid kinds on the real binary: transit gateway attachments,
//! routes to a hub, customer and virtual private gateways — bad input is
//! an error at its place, and a valid hub-and-spoke network with a VPN
//! gateway lints clean, plans, applies, converges and destroys.

mod common;

use common::*;

const BASE: &str = "defaults: {region: eu-west-1}
transit_gateways:
  hub: {description: The network hub}
vpcs:
  spoke: {cidr: 10.1.0.0/16}
  shared: {cidr: 10.2.0.0/16}
subnets:
  tgw-a: {vpc: spoke, cidr: 10.1.0.0/28, az: eu-west-1a}
  tgw-b: {vpc: spoke, cidr: 10.1.0.16/28, az: eu-west-1b}
  app-a: {vpc: spoke, cidr: 10.1.1.0/24, az: eu-west-1a}
  app-b: {vpc: spoke, cidr: 10.1.2.0/24, az: eu-west-1b}
  shared-a: {vpc: shared, cidr: 10.2.0.0/28, az: eu-west-1a}
  shared-b: {vpc: shared, cidr: 10.2.0.16/28, az: eu-west-1b}
";

const HUB: &str = "transit_gateway_attachments:
  spoke: {transit_gateway: hub, vpc: spoke, subnets: [tgw-a, tgw-b], appliance_mode: true}
  shared: {transit_gateway: hub, vpc: shared, subnets: [shared-a, shared-b]}
route_tables:
  spoke: {vpc: spoke, subnets: [app-a, app-b], routes: [{destination: 10.0.0.0/8, transit_gateway: hub}]}
  shared: {vpc: shared, subnets: [shared-a, shared-b], routes: [{destination: 10.0.0.0/8, transit_gateway: hub}]}
customer_gateways:
  office: {ip_address: 198.51.100.7, bgp_asn: 65010, networks: [192.168.0.0/16]}
vpn_gateways:
  vgw: {vpc: shared, amazon_side_asn: 64514}
vpn_connections:
  office: {customer_gateway: office, vpn_gateway: vgw, static_routes_only: true, static_routes: [192.168.0.0/16]}
  office-hub: {customer_gateway: office, transit_gateway: hub, tunnel_inside_cidrs: [169.254.10.0/30, 169.254.20.0/30]}
";

#[test]
fn bad_hub_and_vpn_input_is_an_error_at_its_place() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "customer_gateways:\n  office: {ip_address: office.example.com}\n",
            "SP010",
            "is not an IPv4 address",
        ),
        (
            "customer_gateways:\n  office: {bgp_asn: 65010}\n",
            "SP007",
            "ip_address",
        ),
        (
            "transit_gateway_attachments:\n  spoke: {transit_gateway: hubb, vpc: spoke, subnets: [tgw-a]}\n",
            "RF001",
            "did you mean `hub`",
        ),
        (
            "route_tables:\n  r: {vpc: spoke, routes: [{destination: 10.0.0.0/8, transit_gateway: spoke}]}\n",
            "RF002",
            "must name a transit_gateway",
        ),
        (
            "vpn_gateways:\n  vgw: {vpc: spoke, amazon_side_asn: 70000}\n",
            "VG003",
            "70000",
        ),
        (
            "customer_gateways:\n  c: {ip_address: 198.51.100.7}\nvpn_connections:\n  v: {customer_gateway: c}\n",
            "VG005",
            "exactly one of `vpn_gateway` and `transit_gateway`",
        ),
        (
            "customer_gateways:\n  c: {ip_address: 198.51.100.7}\nvpn_connections:\n  v: {customer_gateway: c, transit_gateway: hub, tunnel_inside_cidrs: [10.0.0.0/30]}\n",
            "VG006",
            "a /30 of 169.254.0.0/16",
        ),
    ];
    let failures = bad_input_failures("hybrid-bad", BASE, cases);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_hub_with_a_vpn_gateway_lints_clean_applies_converges_and_destroys() {
    let dir = scratch("hybrid-hub");
    write(&dir, "network.yaml", &format!("{BASE}{HUB}"));
    let (code, out, err) = sky(&dir, &["lint", "--deny", "warnings", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    converge(&dir);
    let state = state(&dir);
    let attachment = resource(&state, "transit_gateway_attachment.spoke");
    assert!(
        attachment["id"]
            .as_str()
            .unwrap()
            .starts_with("tgw-attach-"),
        "{attachment}"
    );
    assert_eq!(
        attachment["attributes"]["private_ip_addresses"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert!(
        resource(&state, "customer_gateway.office")["id"]
            .as_str()
            .unwrap()
            .starts_with("cgw-")
    );
    assert!(
        resource(&state, "vpn_gateway.vgw")["id"]
            .as_str()
            .unwrap()
            .starts_with("vgw-")
    );
    // A customer gateway cannot be changed: a new ASN replaces it (the
    // new one first: AWS tells gateways apart by address and ASN).
    edit(&dir, "network.yaml", "bgp_asn: 65010", "bgp_asn: 65011");
    let plan = plan_json(&dir);
    assert_eq!(
        actions(&plan, "customer_gateway.office"),
        ["create", "delete"]
    );
    // Moving an attachment's subnets is an update in place.
    edit(&dir, "network.yaml", "bgp_asn: 65011", "bgp_asn: 65010");
    edit(
        &dir,
        "network.yaml",
        "subnets: [tgw-a, tgw-b], appliance",
        "subnets: [tgw-a], appliance",
    );
    let plan = plan_json(&dir);
    assert_eq!(
        actions(&plan, "transit_gateway_attachment.spoke"),
        ["update"]
    );
    let (code, _, err) = sky(&dir, &["destroy", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    let state = common::state(&dir);
    assert_eq!(state["resources"], serde_json::json!([]));
}

#[test]
fn a_propagated_vpn_route_takes_traffic_for_the_sites_blocks() {
    let dir = scratch("hybrid-propagated");
    write(
        &dir,
        "network.yaml",
        "defaults: {region: eu-west-1}
vpcs:
  main: {cidr: 10.0.0.0/16}
subnets:
  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a, public_ip_on_launch: true}
internet_gateways:
  igw: {vpc: main}
customer_gateways:
  office: {ip_address: 198.51.100.7, networks: [203.0.113.0/24]}
vpn_gateways:
  vgw: {vpc: main}
vpn_connections:
  office: {customer_gateway: office, vpn_gateway: vgw}
route_tables:
  public: {vpc: main, subnets: [a], propagate: [vgw], routes: [{destination: 0.0.0.0/0, internet_gateway: igw}]}
security_groups:
  web: {vpc: main, description: web, egress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]}
instances:
  web: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [web]}
",
    );
    let ask = |to: &str| {
        sky(
            &dir,
            &[
                "reach",
                ".",
                "--from",
                "instance.web",
                "--to",
                to,
                "--port",
                "443",
            ],
        )
    };
    // The site's block goes to the VPN gateway, not the internet: what
    // happens past it is the site's (unknown, never a pass).
    let (code, out, _) = ask("203.0.113.10");
    assert_eq!(code, Some(4), "{out}");
    assert!(
        out.contains("203.0.113.0/24 -> vpn_gateway.vgw (propagated)"),
        "{out}"
    );
    // Any other public address still leaves through the internet gateway.
    let (code, out, _) = ask("198.51.100.20");
    assert_eq!(code, Some(0), "{out}");
}

/// `customer_gateway.NAME` is an end of `reach` and of expectations: the
/// site's clients, over its VPN connections.
#[test]
fn an_offices_paths_are_answered_and_expected() {
    let dir = scratch("hybrid-office-reach");
    let stack = "defaults: {region: eu-west-1}
vpcs:
  main: {cidr: 10.0.0.0/16}
subnets:
  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}
  b: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1b}
customer_gateways:
  office: {ip_address: 198.51.100.7, bgp_asn: 65010, networks: [192.168.0.0/16]}
vpn_gateways:
  vgw: {vpc: main}
vpn_connections:
  office: {customer_gateway: office, vpn_gateway: vgw}
route_tables:
  private: {vpc: main, subnets: [a, b], propagate: [vgw]}
security_groups:
  app: {vpc: main, ingress: [{protocol: tcp, ports: 443, cidr: 192.168.0.0/16}]}
instances:
  app: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [app]}
expectations:
  office-app: {from: customer_gateway.office, to: app, port: 443, reachable: true}
  office-ssh: {from: customer_gateway.office, to: app, port: 22, reachable: false}
";
    write(&dir, "network.yaml", stack);
    let (code, out, err) = sky(&dir, &["lint", "--deny", "warnings", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    let (code, out, err) = sky(
        &dir,
        &[
            "reach",
            ".",
            "--from",
            "customer_gateway.office",
            "--to",
            "app",
            "--port",
            "443",
        ],
    );
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("vpn_connection.office"), "{out}");
    assert!(out.contains("-> back into its tunnels"), "{out}");
    // Without the propagated route, the reply has no way back.
    write(
        &dir,
        "network.yaml",
        &stack.replace(", propagate: [vgw]}", "}"),
    );
    let (code, out, err) = sky(&dir, &["lint", "."]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(out.contains("expectation.office-app"), "{out}{err}");
}

/// `specs/hybrid-hub` lints clean; an expectation's `via` fails when the
/// path no longer goes through the firewalls, and is refused on a blocked
/// path.
#[test]
fn a_path_must_go_through_what_via_names() {
    let dir = shipped_copy("hybrid-hub", "hybrid-via");
    let (code, out, err) = sky(&dir, &["lint", "--deny", "warnings", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    // The spokes table delivers directly: nothing goes to the firewalls.
    let hub = std::fs::read_to_string(dir.join("hub.yaml")).unwrap();
    let direct = hub.replace(
        "    routes:\n      - {destination: 0.0.0.0/0, attachment: inspection}\n",
        "    propagations: [app, data]\n",
    );
    assert_ne!(direct, hub);
    write(&dir, "hub.yaml", &direct);
    let (code, out, err) = sky(&dir, &["lint", "--format", "json", "."]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(
        out.contains("expectation.app-to-db: instance.app[0] reaches db_instance.orders on tcp 5432, but not through fw"),
        "{out}"
    );
    write(&dir, "hub.yaml", &hub);
    let expectations = std::fs::read_to_string(dir.join("expectations.yaml")).unwrap();
    write(
        &dir,
        "expectations.yaml",
        &expectations.replace(
            "port: 5432, reachable: false}",
            "port: 5432, reachable: false, via: fw}",
        ),
    );
    let (code, out, err) = sky(&dir, &["lint", "--format", "json", "."]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(
        out.contains("`via` is for a path that is reachable"),
        "{out}"
    );
}
