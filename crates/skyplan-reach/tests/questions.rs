//! Reachability questions over the shipped stacks and mutations of them:
//! each asserts the verdict and the hop that decides (the blocking one, or
//! for a reachable path, that the hops a mutation must not add are absent).

use skyplan_diagnostics::SourceFiles;
use skyplan_model::Model;
use skyplan_reach::{Addresses, Check, Decision, Endpoint, Protocol, Query, Verdict};

const BASTION: [(&str, &str); 3] = [
    (
        "network.yaml",
        include_str!("../../../specs/bastion/network.yaml"),
    ),
    (
        "security.yaml",
        include_str!("../../../specs/bastion/security.yaml"),
    ),
    (
        "compute.yaml",
        include_str!("../../../specs/bastion/compute.yaml"),
    ),
];

const THREE_TIER: [(&str, &str); 2] = [
    (
        "network.yaml",
        include_str!("../../../specs/three-tier/network.yaml"),
    ),
    (
        "tiers.yaml",
        include_str!("../../../specs/three-tier/tiers.yaml"),
    ),
];

const HUB_SPOKE: [(&str, &str); 2] = [
    (
        "vpcs.yaml",
        include_str!("../../../specs/hub-spoke/vpcs.yaml"),
    ),
    (
        "services.yaml",
        include_str!("../../../specs/hub-spoke/services.yaml"),
    ),
];

/// The model of `files`, after replacing `from` by `to` in them (each
/// replacement must change something).
fn model(files: &[(&str, &str)], edits: &[(&str, &str)]) -> Model {
    let mut texts: Vec<(String, String)> = files
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    for (from, to) in edits {
        let hit = texts.iter_mut().find(|(_, t)| t.contains(from));
        let (_, text) = hit.unwrap_or_else(|| panic!("no `{from}` to edit"));
        *text = text.replacen(from, to, 1);
    }
    let mut sources = SourceFiles::new();
    let ids: Vec<_> = texts.into_iter().map(|(n, t)| sources.add(n, t)).collect();
    let mut d = Vec::new();
    let spec = skyplan_spec::load_stack(
        &sources,
        &ids,
        &Default::default(),
        &Default::default(),
        &mut d,
    );
    skyplan_model::resolve(spec, &mut d)
}

fn ask(m: &Model, from: &str, to: &str, protocol: Protocol, port: u16) -> Verdict {
    let addresses = Addresses::after_apply(m, None).expect("addresses");
    let query = Query {
        from: Endpoint::parse(m, from).expect("from"),
        to: Endpoint::parse(m, to).expect("to"),
        protocol,
        port,
    };
    skyplan_reach::reach(m, &addresses, &query)
}

fn tcp(m: &Model, from: &str, to: &str, port: u16) -> Verdict {
    ask(m, from, to, Protocol::Tcp, port)
}

#[track_caller]
fn reachable(v: &Verdict) {
    assert!(v.reachable, "expected reachable: {v:#?}");
    assert!(v.fix.is_none());
}

/// Blocked, by `resource`'s `check` (on the reply path when `reply`).
#[track_caller]
fn blocked(v: &Verdict, resource: &str, check: Check, reply: bool) {
    assert!(!v.reachable, "expected blocked: {v:#?}");
    let at = v.blocked_at().expect("a blocking hop");
    assert_eq!(
        (at.resource.as_str(), at.check),
        (resource, check),
        "{v:#?}"
    );
    assert_eq!(v.on_reply(at), reply, "on the reply path? {v:#?}");
    assert!(v.fix.is_some());
}

fn checks(v: &Verdict) -> Vec<Check> {
    v.forward.iter().chain(&v.reply).map(|h| h.check).collect()
}

#[test]
fn app_reaches_the_database_through_the_data_acl() {
    let m = model(&BASTION, &[]);
    for app in ["app[0]", "app[1]", "instance.app[2]"] {
        let v = tcp(&m, app, "db", 5432);
        reachable(&v);
        let acl = v
            .forward
            .iter()
            .find(|h| h.check == Check::NaclInbound)
            .unwrap();
        assert_eq!(acl.resource, "network_acl.data");
        assert!(acl.rule.starts_with("rule 100 allow"), "{}", acl.rule);
    }
}

#[test]
fn the_bastion_is_stopped_at_the_database_group() {
    let m = model(&BASTION, &[]);
    // The data ACL lets 5432 in (rule 200, 1024-65535 from anywhere); the
    // group admits only the app servers.
    blocked(
        &tcp(&m, "bastion", "db", 5432),
        "security_group.db",
        Check::SecurityGroupIngress,
        false,
    );
}

#[test]
fn the_office_reaches_the_bastion_and_nobody_else_does() {
    let m = model(&BASTION, &[]);
    let v = tcp(&m, "internet", "bastion", 22);
    reachable(&v);
    assert!(
        v.client.is_some_and(|c| c.octets()[..3] == [198, 51, 100]),
        "{v:#?}"
    );
    reachable(&tcp(&m, "198.51.100.7", "bastion", 22));
    blocked(
        &tcp(&m, "203.0.113.7", "bastion", 22),
        "security_group.bastion",
        Check::SecurityGroupIngress,
        false,
    );
    blocked(
        &tcp(&m, "internet", "bastion", 80),
        "security_group.bastion",
        Check::SecurityGroupIngress,
        false,
    );
}

#[test]
fn private_instances_have_no_public_address() {
    let m = model(&BASTION, &[]);
    blocked(
        &tcp(&m, "internet", "db", 5432),
        "instance.db",
        Check::PublicAddress,
        false,
    );
    blocked(
        &tcp(&m, "internet", "app[0]", 8080),
        "instance.app[0]",
        Check::PublicAddress,
        false,
    );
}

#[test]
fn private_instances_reach_the_internet_through_their_nat_gateway() {
    let m = model(&BASTION, &[]);
    let v = tcp(&m, "db", "internet", 443);
    reachable(&v);
    assert!(checks(&v).contains(&Check::NatGateway));
    reachable(&tcp(&m, "app[1]", "internet", 443));
    // The data ACL lets out only 443.
    blocked(
        &tcp(&m, "db", "internet", 80),
        "network_acl.data",
        Check::NaclOutbound,
        false,
    );
    // The bastion goes out through the internet gateway, with its own address.
    let v = tcp(&m, "bastion", "internet", 443);
    reachable(&v);
    assert!(checks(&v).contains(&Check::PublicAddress));
}

#[test]
fn groups_name_groups() {
    let m = model(&BASTION, &[]);
    reachable(&tcp(&m, "bastion", "app[0]", 22));
    blocked(
        &tcp(&m, "app[0]", "bastion", 22),
        "security_group.bastion",
        Check::SecurityGroupIngress,
        false,
    );
    // 8080 is open to the VPC's block, so the database host gets in too,
    // and its reply leaves the data subnet (rule 100) and comes back
    // through rule 200.
    reachable(&tcp(&m, "db", "app[0]", 8080));
}

#[test]
fn icmp_needs_a_rule_of_its_own() {
    let m = model(&BASTION, &[]);
    blocked(
        &ask(&m, "bastion", "app[0]", Protocol::Icmp, 0),
        "security_group.app",
        Check::SecurityGroupIngress,
        false,
    );
    let m = model(
        &BASTION,
        &[(
            "      - {protocol: tcp, ports: 22, security_group: bastion}",
            "      - {protocol: tcp, ports: 22, security_group: bastion}\n      - {protocol: icmp, icmp_type: 8, security_group: bastion}",
        )],
    );
    reachable(&ask(&m, "bastion", "app[0]", Protocol::Icmp, 0));
}

#[test]
fn a_stopped_instance_answers_nothing() {
    let m = model(
        &BASTION,
        &[(
            "    private_ip: 10.0.20.10\n",
            "    private_ip: 10.0.20.10\n    state: stopped\n",
        )],
    );
    blocked(
        &tcp(&m, "app[0]", "db", 5432),
        "instance.db",
        Check::InstanceState,
        false,
    );
    blocked(
        &tcp(&m, "db", "internet", 443),
        "instance.db",
        Check::InstanceState,
        false,
    );
}

#[test]
fn a_deny_entry_before_the_allow_decides() {
    let m = model(
        &BASTION,
        &[(
            "      - {rule: 100, action: allow, protocol: tcp, ports: 5432, cidr: 10.0.10.0/23}",
            "      - {rule: 50, action: deny, protocol: tcp, ports: 5432, cidr: 10.0.10.0/24}\n      - {rule: 100, action: allow, protocol: tcp, ports: 5432, cidr: 10.0.10.0/23}",
        )],
    );
    let v = tcp(&m, "app[0]", "db", 5432);
    blocked(&v, "network_acl.data", Check::NaclInbound, false);
    assert!(
        v.blocked_at().unwrap().rule.starts_with("rule 50 deny"),
        "{v:#?}"
    );
    // app[1] is in 10.0.11.0/24: past the deny.
    reachable(&tcp(&m, "app[1]", "db", 5432));
}

#[test]
fn the_reply_needs_every_ephemeral_port() {
    let m = model(
        &BASTION,
        &[(
            "      - {rule: 100, action: allow, protocol: tcp, ports: 1024-65535, cidr: 10.0.10.0/23}",
            "      - {rule: 100, action: allow, protocol: tcp, ports: 1024-40000, cidr: 10.0.10.0/23}",
        )],
    );
    let v = tcp(&m, "app[0]", "db", 5432);
    blocked(&v, "network_acl.data", Check::NaclOutbound, true);
    assert!(
        v.blocked_at().unwrap().rule.contains("40001-60999"),
        "{v:#?}"
    );
}

#[test]
fn the_reply_is_denied_by_an_entry_in_the_ephemeral_range() {
    let m = model(
        &BASTION,
        &[(
            "      - {rule: 100, action: allow, protocol: tcp, ports: 1024-65535, cidr: 10.0.10.0/23}",
            "      - {rule: 90, action: deny, protocol: tcp, ports: 50000-50010, cidr: 10.0.10.0/23}\n      - {rule: 100, action: allow, protocol: tcp, ports: 1024-65535, cidr: 10.0.10.0/23}",
        )],
    );
    let v = tcp(&m, "app[0]", "db", 5432);
    blocked(&v, "network_acl.data", Check::NaclOutbound, true);
    assert!(
        v.blocked_at().unwrap().rule.starts_with("rule 90 deny"),
        "{v:#?}"
    );
}

#[test]
fn traffic_inside_one_subnet_skips_the_network_acl() {
    let m = model(
        &BASTION,
        &[(
            "  db:\n    subnet: data-a",
            "  db2:\n    subnet: data-a\n    ami: ami-0c9c942bd7bf113a2\n    type: r7g.large\n    security_groups: [app]\n  db:\n    subnet: data-a",
        )],
    );
    let v = tcp(&m, "db2", "db", 5432);
    reachable(&v);
    assert!(
        !checks(&v)
            .iter()
            .any(|c| matches!(c, Check::NaclInbound | Check::NaclOutbound | Check::Route)),
        "{v:#?}"
    );
}

#[test]
fn without_a_default_route_nothing_leaves() {
    let m = model(
        &BASTION,
        &[("      - {destination: 0.0.0.0/0, nat_gateway: nat-a}\n", "")],
    );
    let v = tcp(&m, "db", "internet", 443);
    blocked(&v, "route_table.private-a", Check::Route, false);
    assert_eq!(v.blocked_at().unwrap().decision, Decision::NoRoute);
}

#[test]
fn a_nat_gateway_does_not_carry_inbound_connections() {
    // app[0] gets a public address, but its subnet routes replies to the
    // NAT gateway, which answers with its own address.
    let m = model(
        &BASTION,
        &[
            ("    count: 4\n", "    count: 4\n    public_ip: true\n"),
            (
                "      - {protocol: tcp, ports: 8080, cidr: 10.0.0.0/16}",
                "      - {protocol: tcp, ports: 8080, cidr: 0.0.0.0/0}",
            ),
        ],
    );
    let v = tcp(&m, "internet", "app[0]", 8080);
    blocked(&v, "route_table.private-a", Check::Route, true);
    assert!(
        v.blocked_at().unwrap().rule.contains("NAT gateway"),
        "{v:#?}"
    );
}

#[test]
fn a_private_nat_gateway_never_reaches_the_internet() {
    let m = model(
        &BASTION,
        &[(
            "  nat-a: {subnet: public-a, elastic_ip: nat-a}",
            "  nat-a: {subnet: public-a, connectivity: private}",
        )],
    );
    let v = tcp(&m, "db", "internet", 443);
    blocked(&v, "route_table.private-a", Check::Route, false);
    assert!(
        v.blocked_at().unwrap().rule.contains("private NAT gateway"),
        "{v:#?}"
    );
}

#[test]
fn an_instance_without_a_public_address_cannot_use_the_internet_gateway() {
    let m = model(
        &BASTION,
        &[(
            "    key_name: ops\n",
            "    key_name: ops\n    public_ip: false\n",
        )],
    );
    blocked(
        &tcp(&m, "bastion", "internet", 443),
        "instance.bastion",
        Check::PublicAddress,
        false,
    );
    blocked(
        &tcp(&m, "internet", "bastion", 22),
        "instance.bastion",
        Check::PublicAddress,
        false,
    );
}

#[test]
fn peered_groups_and_blocks_reach_across_the_peering() {
    let m = model(&HUB_SPOKE, &[]);
    let v = tcp(&m, "proxy[0]", "a-app[0]", 8443);
    reachable(&v);
    assert!(
        v.forward
            .iter()
            .any(|h| h.rule.contains("vpc_peering.hub-to-a")),
        "{v:#?}"
    );
    reachable(&tcp(&m, "a-app[0]", "proxy[0]", 3128));
    reachable(&tcp(&m, "b-app[1]", "proxy[1]", 3128));
}

#[test]
fn peering_is_not_transitive() {
    let m = model(&HUB_SPOKE, &[]);
    blocked(
        &tcp(&m, "a-app[0]", "b-app[0]", 8443),
        "route_table.spoke-a",
        Check::Route,
        false,
    );
    // A route into the hub's peering for spoke B's block goes nowhere.
    let m = model(
        &HUB_SPOKE,
        &[(
            "      - {destination: 10.0.0.0/16, vpc_peering: hub-to-a}",
            "      - {destination: 10.0.0.0/16, vpc_peering: hub-to-a}\n      - {destination: 10.20.0.0/16, vpc_peering: hub-to-a}",
        )],
    );
    let v = tcp(&m, "a-app[0]", "b-app[0]", 8443);
    blocked(&v, "route_table.spoke-a", Check::Route, false);
    assert!(
        v.blocked_at().unwrap().rule.contains("not transitive"),
        "{v:#?}"
    );
}

#[test]
fn a_peering_route_needs_a_route_back() {
    let m = model(
        &HUB_SPOKE,
        &[(
            "      - {destination: 10.0.0.0/16, vpc_peering: hub-to-b}",
            "",
        )],
    );
    blocked(
        &tcp(&m, "proxy[0]", "b-app[0]", 8443),
        "route_table.spoke-b",
        Check::Route,
        true,
    );
}

#[test]
fn group_references_do_not_cross_regions() {
    let m = model(
        &HUB_SPOKE,
        &[(
            "  spoke-a: {cidr: 10.10.0.0/16}",
            "  spoke-a: {cidr: 10.10.0.0/16, region: us-west-2}",
        )],
    );
    blocked(
        &tcp(&m, "proxy[0]", "a-app[0]", 8443),
        "security_group.spoke-a-app",
        Check::SecurityGroupIngress,
        false,
    );
}

#[test]
fn spokes_have_no_way_out() {
    let m = model(&HUB_SPOKE, &[]);
    blocked(
        &tcp(&m, "a-app[0]", "internet", 443),
        "route_table.spoke-a",
        Check::Route,
        false,
    );
    reachable(&tcp(&m, "proxy[0]", "internet", 443));
}

#[test]
fn endpoints_name_one_copy() {
    let m = model(&BASTION, &[]);
    assert!(
        Endpoint::parse(&m, "app")
            .unwrap_err()
            .0
            .contains("4 copies")
    );
    assert!(Endpoint::parse(&m, "nope").is_err());
    assert!(Endpoint::parse(&m, "10.0.0.0/8").is_err());
    assert_eq!(
        Endpoint::parse(&m, "instance.db"),
        Endpoint::parse(&m, "db")
    );
}

#[test]
fn egress_rules_decide_on_the_way_out() {
    let m = model(&THREE_TIER, &[]);
    reachable(&tcp(&m, "internet", "web[0]", 443));
    reachable(&tcp(&m, "web[1]", "app[4]", 8080));
    reachable(&tcp(&m, "app[2]", "db[1]", 5432));
    reachable(&tcp(&m, "app[0]", "internet", 443));
    // The web tier may only talk to the app tier, and the database to nobody.
    blocked(
        &tcp(&m, "web[0]", "db[0]", 5432),
        "security_group.web",
        Check::SecurityGroupEgress,
        false,
    );
    blocked(
        &tcp(&m, "db[0]", "internet", 443),
        "security_group.db",
        Check::SecurityGroupEgress,
        false,
    );
    blocked(
        &tcp(&m, "app[0]", "internet", 80),
        "security_group.app",
        Check::SecurityGroupEgress,
        false,
    );
    blocked(
        &tcp(&m, "internet", "app[0]", 8080),
        "instance.app[0]",
        Check::PublicAddress,
        false,
    );
}

#[test]
fn udp_is_not_tcp() {
    let m = model(&BASTION, &[]);
    // The data ACL's entries are all tcp: udp meets the implicit deny.
    let v = ask(&m, "app[0]", "db", Protocol::Udp, 5432);
    blocked(&v, "network_acl.data", Check::NaclInbound, false);
    assert!(
        v.blocked_at().unwrap().rule.starts_with("* deny all"),
        "{v:#?}"
    );
}

/// The private subnets leave through a NAT instance (the bastion).
const THROUGH_AN_INSTANCE: (&str, &str) = (
    "      - {destination: 0.0.0.0/0, nat_gateway: nat-a}",
    "      - {destination: 0.0.0.0/0, instance: bastion}",
);

#[test]
fn a_path_skyplan_does_not_evaluate_neither_passes_nor_fails() {
    // A middlebox path is not evaluated yet: whatever the expectation says,
    // it gets RC003 naming the hop, never a pass or an RC001.
    let m = model(&BASTION, &[THROUGH_AN_INSTANCE]);
    let v = tcp(&m, "db", "internet", 443);
    assert!(!v.reachable);
    assert_eq!(
        v.blocked_at().unwrap().decision,
        Decision::NotModeled,
        "{v:#?}"
    );
    let with = |reachable: &str| {
        let text = format!(
            "expectations:\n  out: {{from: db, to: internet, port: 443, reachable: {reachable}}}\n"
        );
        let files: Vec<(&str, &str)> = BASTION
            .iter()
            .copied()
            .chain([("e.yaml", text.as_str())])
            .collect();
        let m = model(&files, &[THROUGH_AN_INSTANCE]);
        skyplan_reach::check(
            &m,
            skyplan_reach::Wanted {
                expectations: true,
                exposure: true,
                symmetry: false,
            },
        )
        .diagnostics
    };
    for reachable in ["true", "false"] {
        let found = with(reachable);
        assert_eq!(
            found.iter().map(|d| d.rule).collect::<Vec<_>>(),
            [skyplan_diagnostics::Rule::ExpectationNotEvaluated],
            "{found:#?}"
        );
        assert!(found[0].summary.contains("does not evaluate"));
    }
}

const WEB_ASG: [(&str, &str); 2] = [
    (
        "network.yaml",
        include_str!("../../../specs/web-asg/network.yaml"),
    ),
    ("web.yaml", include_str!("../../../specs/web-asg/web.yaml")),
];

/// The load balancer's group, taken over by `rules` for its ingress.
const ALB_INGRESS: &str = "      - {protocol: tcp, ports: 80, cidr: 0.0.0.0/0}
      - {protocol: tcp, ports: 443, cidr: 0.0.0.0/0}";

#[test]
fn the_internet_reaches_the_web_servers_through_the_load_balancer_only() {
    let m = model(&WEB_ASG, &[]);
    let v = tcp(&m, "internet", "load_balancer.web", 443);
    reachable(&v);
    let seen = checks(&v);
    assert!(seen.contains(&Check::Listener) && seen.contains(&Check::TargetGroup));
    assert!(
        v.forward
            .iter()
            .any(|h| h.resource == "security_group.web"
                && h.rule.contains("from security_group.alb")),
        "{v:#?}"
    );
    blocked(
        &tcp(&m, "internet", "auto_scaling_group.web[0]", 80),
        "auto_scaling_group.web[0]",
        Check::PublicAddress,
        false,
    );
    reachable(&tcp(&m, "auto_scaling_group.web[1]", "db", 5432));
}

#[test]
fn the_load_balancer_group_decides_which_listeners_clients_reach() {
    let m = model(
        &WEB_ASG,
        &[(
            ALB_INGRESS,
            "      - {protocol: tcp, ports: 80, cidr: 0.0.0.0/0}",
        )],
    );
    reachable(&tcp(&m, "internet", "load_balancer.web", 80));
    blocked(
        &tcp(&m, "internet", "load_balancer.web", 443),
        "security_group.alb",
        Check::SecurityGroupIngress,
        false,
    );
}

#[test]
fn targets_whose_group_does_not_admit_the_load_balancer_are_never_reached() {
    let m = model(
        &WEB_ASG,
        &[(
            "- {protocol: tcp, ports: 80, security_group: alb}",
            "- {protocol: tcp, ports: 80, cidr: 10.30.99.0/24}",
        )],
    );
    blocked(
        &tcp(&m, "internet", "load_balancer.web", 443),
        "security_group.web",
        Check::SecurityGroupIngress,
        false,
    );
}

#[test]
fn an_internal_load_balancer_has_no_public_address_but_serves_the_vpc() {
    let m = model(
        &WEB_ASG,
        &[(
            "    type: application\n",
            "    type: application\n    scheme: internal\n",
        )],
    );
    blocked(
        &tcp(&m, "internet", "load_balancer.web", 443),
        "load_balancer.web",
        Check::PublicAddress,
        false,
    );
    reachable(&tcp(&m, "db", "load_balancer.web", 443));
}

#[test]
fn a_network_acl_on_the_load_balancer_subnets_stops_clients() {
    let acl = "
network_acls:
  public:
    vpc: web
    subnets: [public-a, public-b]
    ingress:
      - {rule: 100, action: allow, protocol: tcp, ports: 80, cidr: 0.0.0.0/0}
      - {rule: 200, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}
    egress:
      - {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}
";
    let m = model(
        &WEB_ASG,
        &[(
            "route_tables:",
            &format!("{}\nroute_tables:", acl.trim_start()),
        )],
    );
    reachable(&tcp(&m, "internet", "load_balancer.web", 80));
    blocked(
        &tcp(&m, "internet", "load_balancer.web", 443),
        "network_acl.public",
        Check::NaclInbound,
        false,
    );
}

#[test]
fn a_target_group_without_targets_forwards_nowhere() {
    let m = model(&WEB_ASG, &[("    target_groups: [web]\n", "")]);
    blocked(
        &tcp(&m, "internet", "load_balancer.web", 443),
        "target_group.web",
        Check::TargetGroup,
        false,
    );
}

#[test]
fn a_port_without_a_listener_goes_nowhere() {
    let m = model(
        &WEB_ASG,
        &[(
            ALB_INGRESS,
            "      - {protocol: tcp, ports: 0-65535, cidr: 10.30.0.0/16}",
        )],
    );
    blocked(
        &tcp(&m, "db", "load_balancer.web", 8443),
        "load_balancer.web",
        Check::Listener,
        false,
    );
    reachable(&tcp(&m, "db", "load_balancer.web", 80));
}

#[test]
fn a_target_blocked_on_the_reply_is_found_on_the_reply_path() {
    // The private subnets' ACL lets requests in but no replies out.
    let acl = "
network_acls:
  private:
    vpc: web
    subnets: [private-a, private-b]
    ingress:
      - {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}
    egress:
      - {rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}
";
    let m = model(
        &WEB_ASG,
        &[(
            "route_tables:",
            &format!("{}\nroute_tables:", acl.trim_start()),
        )],
    );
    blocked(
        &tcp(&m, "internet", "load_balancer.web", 443),
        "network_acl.private",
        Check::NaclOutbound,
        true,
    );
}

#[test]
fn a_load_balancer_is_asked_about_as_a_destination_only() {
    let m = model(&WEB_ASG, &[]);
    let v = tcp(&m, "load_balancer.web", "db", 5432);
    assert!(!v.reachable);
    assert_eq!(
        v.blocked_at().map(|h| h.decision),
        Some(Decision::NotModeled)
    );
    let every = Endpoint::parse_all(&m, "auto_scaling_group.web").unwrap();
    assert_eq!(every.len(), 2);
    assert!(Endpoint::parse(&m, "auto_scaling_group.web").is_err());
    assert!(Endpoint::parse(&m, "load_balancer.nope").is_err());
}

#[test]
fn a_network_load_balancer_target_leg_is_no_verdict() {
    let m = model(
        &WEB_ASG,
        &[
            ("    type: application\n", "    type: network\n"),
            (
                "      - {port: 80, protocol: HTTP, target_group: web}",
                "      - {port: 80, protocol: TCP, target_group: web}",
            ),
        ],
    );
    let v = tcp(&m, "internet", "load_balancer.web", 80);
    assert!(!v.reachable);
    let at = v.blocked_at().expect("a deciding hop");
    assert_eq!(
        (at.resource.as_str(), at.check, at.decision),
        ("target_group.web", Check::TargetGroup, Decision::NotModeled)
    );
}

#[test]
fn a_network_load_balancer_without_groups_filters_nothing() {
    let m = model(
        &WEB_ASG,
        &[
            ("    type: application\n", "    type: network\n"),
            ("    security_groups: [alb]\n", ""),
            (
                "      - {port: 80, protocol: HTTP, target_group: web}",
                "      - {port: 80, protocol: TCP, target_group: web}",
            ),
        ],
    );
    // Not the VPC's default group (which admits no internet client): none.
    let v = tcp(&m, "internet", "load_balancer.web", 80);
    let ingress = v
        .forward
        .iter()
        .find(|h| h.check == Check::SecurityGroupIngress)
        .expect("a group hop");
    assert_eq!(
        (ingress.resource.as_str(), ingress.decision),
        ("load_balancer.web", Decision::Allow),
        "{v:#?}"
    );
    assert_eq!(v.outcome(), skyplan_reach::Outcome::Unknown, "{v:#?}");
}

#[test]
fn a_target_replies_to_the_load_balancer_on_every_port_from_1024() {
    let acl = |ports: &str| {
        format!(
            "network_acls:
  private:
    vpc: web
    subnets: [private-a, private-b]
    ingress:
      - {{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}}
    egress:
      - {{rule: 100, action: allow, protocol: tcp, ports: {ports}, cidr: 0.0.0.0/0}}
route_tables:"
        )
    };
    // Linux's client range is not enough: load balancer nodes use 1024-65535.
    let narrow = acl("32768-60999");
    let m = model(&WEB_ASG, &[("route_tables:", narrow.as_str())]);
    blocked(
        &tcp(&m, "internet", "load_balancer.web", 443),
        "network_acl.private",
        Check::NaclOutbound,
        true,
    );
    let wide = acl("1024-65535");
    let m = model(&WEB_ASG, &[("route_tables:", wide.as_str())]);
    reachable(&tcp(&m, "internet", "load_balancer.web", 443));
}

#[test]
fn traffic_to_itself_never_leaves_the_instance() {
    // The database's group admits only the app tier, yet the database
    // reaches itself: loopback traffic meets no group and no ACL.
    let m = model(&BASTION, &[]);
    let v = tcp(&m, "db", "db", 5432);
    reachable(&v);
    assert!(checks(&v).contains(&Check::Loopback), "{v:#?}");
    assert!(!checks(&v).contains(&Check::SecurityGroupIngress), "{v:#?}");
}

#[test]
fn denying_one_address_does_not_hide_an_open_port() {
    // The bastion opened to the world, behind an ACL that denies a single
    // address before allowing everything: still exposed, with the exception.
    let acl = "network_acls:
  public:
    vpc: main
    subnets: [public-a]
    ingress:
      - {rule: 90, action: deny, protocol: all, cidr: 192.0.2.1/32}
      - {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}
    egress:
      - {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}
  data:";
    let m = model(
        &BASTION,
        &[
            (
                "cidr: 198.51.100.0/24, description: office",
                "cidr: 0.0.0.0/0",
            ),
            ("network_acls:\n  data:", acl),
        ],
    );
    let a = Addresses::after_apply(&m, None).unwrap();
    let exposed = skyplan_reach::exposure(&m, &a);
    let bastion = exposed
        .iter()
        .find(|x| x.address == "instance.bastion")
        .expect("the bastion is exposed");
    let ssh = bastion
        .open
        .iter()
        .find(|o| o.ports.0 <= 22 && 22 <= o.ports.1)
        .expect("ssh open");
    assert_eq!(
        ssh.path.except,
        ["192.0.2.1/32".parse::<skyplan_cidr::Ipv4Net>().unwrap()],
        "{ssh:#?}"
    );
    // RC002 says so too.
    let found = skyplan_reach::check(
        &m,
        skyplan_reach::Wanted {
            expectations: false,
            exposure: true,
            symmetry: false,
        },
    )
    .diagnostics;
    assert!(
        found
            .iter()
            .any(|d| d.summary.contains("instance.bastion")
                && d.summary.contains("except 192.0.2.1/32")),
        "{found:#?}"
    );
}

#[test]
fn every_blocking_hop_is_named_in_one_answer() {
    // The database's group refuses the bastion, and the data ACL refuses
    // the reply: fixing the group alone would only find the next block.
    let m = model(&BASTION, &[]);
    let v = tcp(&m, "bastion", "db", 5432);
    let blocking: Vec<(&str, Check)> = v
        .blocking()
        .map(|h| (h.resource.as_str(), h.check))
        .collect();
    assert_eq!(
        blocking,
        [
            ("security_group.db", Check::SecurityGroupIngress),
            ("network_acl.data", Check::NaclOutbound)
        ],
        "{v:#?}"
    );
    let fix = v.fix.as_deref().unwrap();
    assert!(
        fix.contains("security_group.db") && fix.contains("network_acl.data"),
        "{fix}"
    );
}

/// The three-tier stack with a PostgreSQL database in its data subnets,
/// behind the `db` group, after `edits` to the database.
fn with_database(edits: &[(&str, &str)]) -> Model {
    const DATABASE: &str = "db_subnet_groups:
  data: {subnets: [db-a, db-b, db-c]}
db_instances:
  orders:
    engine: postgres
    instance_class: db.r7g.large
    subnet_group: data
    security_groups: [db]
    multi_az: true
expectations:";
    let mut all = vec![("expectations:", DATABASE)];
    all.extend_from_slice(edits);
    model(&THREE_TIER, &all)
}

#[test]
fn the_app_tier_reaches_the_database_on_its_port() {
    let m = with_database(&[]);
    let v = tcp(&m, "app[0]", "db_instance.orders", 5432);
    reachable(&v);
    let group = v.forward.iter().find(|h| h.resource == "security_group.db");
    assert_eq!(
        group.unwrap().rule,
        "ingress tcp 5432 from security_group.app"
    );
}

#[test]
fn the_web_tier_is_stopped_by_its_own_group_and_the_database_group() {
    let m = with_database(&[]);
    let v = tcp(&m, "web[0]", "db_instance.orders", 5432);
    blocked(&v, "security_group.web", Check::SecurityGroupEgress, false);
    assert!(
        v.fix
            .unwrap()
            .contains("add to security_group.db `ingress:`")
    );
}

#[test]
fn a_database_answers_on_its_own_port_only() {
    let m = with_database(&[("multi_az: true", "multi_az: true\n    port: 5433")]);
    blocked(
        &tcp(&m, "app[0]", "db_instance.orders", 5432),
        "db_instance.orders",
        Check::Listener,
        false,
    );
    let v = ask(&m, "app[0]", "db_instance.orders", Protocol::Icmp, 0);
    assert!(!v.reachable, "{v:#?}");
}

#[test]
fn a_private_database_has_no_public_address() {
    let m = with_database(&[]);
    blocked(
        &tcp(&m, "internet", "db_instance.orders", 5432),
        "db_instance.orders",
        Check::PublicAddress,
        false,
    );
}

#[test]
fn a_database_is_reachable_when_a_subnet_it_may_be_placed_in_is() {
    // Only db-c's ACL lets the app tier in: RDS may place the database
    // there (and a Multi-AZ failover may move it there), so the app reaches it.
    let acl = "network_acls:
  data:
    vpc: shop
    subnets: [db-a, db-b]
    ingress: [{rule: 100, protocol: tcp, ports: 22, cidr: 10.20.0.0/16, action: allow}]
    egress: [{rule: 100, protocol: all, cidr: 0.0.0.0/0, action: allow}]
security_groups:";
    let m = with_database(&[("security_groups:", acl)]);
    let v = tcp(&m, "app[0]", "db_instance.orders", 5432);
    reachable(&v);
    assert!(
        v.forward.iter().all(|h| h.resource != "network_acl.data"),
        "{v:#?}"
    );
}

#[test]
fn a_publicly_accessible_database_in_public_subnets_is_exposed() {
    let m = with_database(&[
        (
            "multi_az: true",
            "multi_az: true\n    publicly_accessible: true",
        ),
        (
            "data: {subnets: [db-a, db-b, db-c]}",
            "data: {subnets: [web-a, web-b, web-c]}",
        ),
        (
            "- {protocol: tcp, ports: 5432, security_group: app}",
            "- {protocol: tcp, ports: 5432, cidr: 0.0.0.0/0}",
        ),
    ]);
    reachable(&tcp(&m, "internet", "db_instance.orders", 5432));
    let a = Addresses::after_apply(&m, None).unwrap();
    let exposed = skyplan_reach::exposure(&m, &a);
    let db = exposed
        .iter()
        .find(|x| x.address == "db_instance.orders")
        .expect("the database is exposed");
    let ports: Vec<_> = db.open.iter().map(|o| (o.protocol, o.ports)).collect();
    assert_eq!(ports, [(Protocol::Tcp, (5432, 5432))]);
}

/// Three VPCs on a transit gateway's default route table: `a` attached by a
/// dedicated subnet with its own ACL, `b` by its instance's subnet in
/// eu-west-1a only, `c` not attached at all.
const HUB: &str = "defaults: {region: eu-west-1}
transit_gateways:
  hub: {description: The network hub}
vpcs:
  a: {cidr: 10.1.0.0/16}
  b: {cidr: 10.2.0.0/16}
  c: {cidr: 10.3.0.0/16}
subnets:
  a: {vpc: a, cidr: 10.1.0.0/24, az: eu-west-1a}
  a-hub: {vpc: a, cidr: 10.1.255.0/28, az: eu-west-1a}
  b: {vpc: b, cidr: 10.2.0.0/24, az: eu-west-1a}
  b-far: {vpc: b, cidr: 10.2.1.0/24, az: eu-west-1b}
  c: {vpc: c, cidr: 10.3.0.0/24, az: eu-west-1a}
transit_gateway_attachments:
  a: {transit_gateway: hub, vpc: a, subnets: [a-hub]}
  b: {transit_gateway: hub, vpc: b, subnets: [b]}
route_tables:
  a: {vpc: a, subnets: [a], routes: [{destination: 10.0.0.0/8, transit_gateway: hub}]}
  b: {vpc: b, subnets: [b, b-far], routes: [{destination: 10.0.0.0/8, transit_gateway: hub}]}
network_acls:
  hub-a:
    vpc: a
    subnets: [a-hub]
    ingress: [{rule: 100, protocol: all, cidr: 10.0.0.0/8, action: allow}]
    egress: [{rule: 100, protocol: all, cidr: 10.0.0.0/8, action: allow}]
security_groups:
  a: {vpc: a, ingress: [{protocol: all, cidr: 10.0.0.0/8}]}
  b: {vpc: b, ingress: [{protocol: all, cidr: 10.0.0.0/8}]}
  c: {vpc: c, ingress: [{protocol: all, cidr: 10.0.0.0/8}]}
instances:
  one: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [a]}
  two: {subnet: b, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [b]}
  far: {subnet: b-far, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [b]}
  three: {subnet: c, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [c]}
";

fn hub(edits: &[(&str, &str)]) -> Model {
    model(&[("hub.yaml", HUB)], edits)
}

#[test]
fn a_path_crosses_the_transit_gateway_by_its_default_route_table() {
    let v = tcp(&hub(&[]), "one", "two", 443);
    reachable(&v);
    let rules: Vec<(&str, &str)> = v
        .forward
        .iter()
        .map(|h| (h.resource.as_str(), h.rule.as_str()))
        .collect();
    assert!(rules.contains(&(
        "transit_gateway.hub",
        "10.2.0.0/16 -> transit_gateway_attachment.b (propagated to its default route table)"
    )));
    // Entering by a-hub, its ACL's inbound rules judge the traffic.
    assert!(
        v.forward
            .iter()
            .any(|h| h.resource == "network_acl.hub-a" && h.check == Check::NaclInbound)
    );
    // Leaving by b, two's own subnet: no ACL is evaluated there.
    assert!(
        v.forward
            .iter()
            .all(|h| h.resource != "the default network ACL of vpc.b"),
        "{v:#?}"
    );
    // The reply leaves the gateway by a-hub for a: a-hub's outbound rules,
    // then a's inbound rules.
    assert!(
        v.reply
            .iter()
            .any(|h| h.resource == "network_acl.hub-a" && h.check == Check::NaclOutbound)
    );
}

#[test]
fn the_attachment_subnet_acl_judges_traffic_into_the_gateway() {
    let m = hub(&[(
        "ingress: [{rule: 100, protocol: all, cidr: 10.0.0.0/8, action: allow}]",
        "ingress: [{rule: 100, protocol: all, cidr: 10.2.0.0/16, action: allow}]",
    )]);
    blocked(
        &tcp(&m, "one", "two", 443),
        "network_acl.hub-a",
        Check::NaclInbound,
        false,
    );
}

#[test]
fn an_az_without_an_attachment_subnet_never_reaches_the_gateway() {
    let v = tcp(&hub(&[]), "far", "one", 443);
    assert!(!v.reachable);
    let at = v.blocked_at().unwrap();
    assert_eq!(at.resource, "transit_gateway_attachment.b");
    assert_eq!(at.decision, Decision::NoRoute);
    assert!(at.rule.contains("no subnet in eu-west-1b"), "{}", at.rule);
}

#[test]
fn a_vpc_without_an_attachment_is_not_in_the_route_table() {
    let m = hub(&[]);
    let v = tcp(&m, "one", "three", 443);
    let at = v.blocked_at().unwrap();
    assert_eq!(
        (at.resource.as_str(), at.decision),
        ("transit_gateway.hub", Decision::NoRoute)
    );
    assert!(
        at.rule
            .contains("no route in its default route table matches")
    );
}

#[test]
fn a_route_to_a_gateway_the_vpc_is_not_attached_to_leads_nowhere() {
    let m = hub(&[(
        "route_tables:\n",
        "route_tables:\n  c: {vpc: c, subnets: [c], routes: [{destination: 10.0.0.0/8, transit_gateway: hub}]}\n",
    )]);
    let v = tcp(&m, "three", "one", 443);
    let at = v.blocked_at().unwrap();
    assert!(at.rule.contains("vpc.c has no attachment to it"), "{v:#?}");
}

#[test]
fn a_reply_routed_elsewhere_never_comes_back() {
    let m = hub(&[(
        "routes: [{destination: 10.0.0.0/8, transit_gateway: hub}]}\nnetwork_acls",
        "routes: [{destination: 10.3.0.0/16, transit_gateway: hub}]}\nnetwork_acls",
    )]);
    let v = tcp(&m, "one", "two", 443);
    let at = v.blocked_at().unwrap();
    assert_eq!(
        (at.resource.as_str(), at.decision),
        ("route_table.b", Decision::NoRoute)
    );
    assert!(v.on_reply(at));
}

#[test]
fn without_default_propagation_the_default_table_has_no_routes() {
    let off = hub(&[(
        "hub: {description: The network hub}",
        "hub: {description: The network hub, default_route_table_propagation: false}",
    )]);
    let v = tcp(&off, "one", "two", 443);
    let at = v.blocked_at().unwrap();
    assert_eq!(
        (at.resource.as_str(), at.decision),
        ("transit_gateway.hub", Decision::NoRoute)
    );
    assert!(
        at.rule
            .contains("no route in its default route table matches")
    );
}

#[test]
fn a_vpn_route_for_a_vpc_block_leads_to_the_site_instead() {
    let vpn = hub(&[(
        "vpcs:",
        "customer_gateways:
  office: {ip_address: 198.51.100.1, bgp_asn: 65010, networks: [192.168.0.0/16]}
vpn_connections:
  office: {customer_gateway: office, transit_gateway: hub, static_routes_only: true, static_routes: [10.2.0.0/24]}
vpcs:",
    )]);
    let v = tcp(&vpn, "one", "two", 443);
    let at = v.blocked_at().unwrap();
    assert_eq!(at.decision, Decision::NoRoute);
    assert!(
        at.rule.contains(
            "-> vpn_connection.office (propagated): to customer_gateway.office, not where"
        ),
        "{}",
        at.rule
    );
}

/// The hub with its default table off and a table of its own, `spokes`,
/// with `table` as its body.
fn hub_with_table(table: &str) -> Model {
    hub(&[
        (
            "hub: {description: The network hub}",
            "hub: {description: The network hub, default_route_table_association: false, default_route_table_propagation: false}",
        ),
        (
            "route_tables:\n",
            &format!(
                "  c: {{transit_gateway: hub, vpc: c, subnets: [c]}}\ntransit_gateway_route_tables:\n  spokes: {table}\nroute_tables:\n"
            ),
        ),
    ])
}

#[test]
fn a_table_of_the_gateway_routes_the_attachments_it_associates() {
    let m = hub_with_table("{transit_gateway: hub, associations: [a, b], propagations: [a, b]}");
    let v = tcp(&m, "one", "two", 443);
    reachable(&v);
    assert!(
        v.forward
            .iter()
            .chain(&v.reply)
            .any(|h| h.resource == "transit_gateway_route_table.spokes"
                && h.rule == "10.2.0.0/16 -> transit_gateway_attachment.b (propagated)")
    );
    assert!(
        v.reply
            .iter()
            .any(|h| h.rule == "10.1.0.0/16 -> transit_gateway_attachment.a (propagated)")
    );
}

#[test]
fn an_attachment_no_table_associates_is_dropped() {
    let m = hub_with_table("{transit_gateway: hub, associations: [b], propagations: [a, b]}");
    let v = tcp(&m, "one", "two", 443);
    let at = v.blocked_at().unwrap();
    assert_eq!(
        (at.resource.as_str(), at.decision),
        ("transit_gateway.hub", Decision::NoRoute)
    );
    assert!(
        at.rule.contains("associated with no route table"),
        "{}",
        at.rule
    );
    assert!(v.fix.is_some());
}

#[test]
fn a_table_holds_only_the_blocks_it_propagates() {
    let m = hub_with_table("{transit_gateway: hub, associations: [a, b], propagations: [a]}");
    let v = tcp(&m, "one", "two", 443);
    let at = v.blocked_at().unwrap();
    assert_eq!(
        (at.resource.as_str(), at.decision),
        ("transit_gateway_route_table.spokes", Decision::NoRoute)
    );
    assert!(
        at.rule
            .contains("no route in transit_gateway_route_table.spokes matches 10.2.0.")
    );
}

#[test]
fn a_blackhole_route_drops_what_it_matches() {
    let m = hub_with_table(
        "{transit_gateway: hub, associations: [a, b], propagations: [a, b], routes: [{destination: 10.2.0.0/24, blackhole: true}]}",
    );
    let v = tcp(&m, "one", "two", 443);
    let at = v.blocked_at().unwrap();
    assert_eq!(
        (at.resource.as_str(), at.decision),
        ("transit_gateway_route_table.spokes", Decision::NoRoute)
    );
    assert!(at.rule.contains("10.2.0.0/24 -> blackhole"), "{}", at.rule);
    assert!(!v.on_reply(at));
    // A longer propagated block is not in the way of the shorter one.
    assert!(
        tcp(&m, "one", "far", 443)
            .forward
            .iter()
            .all(|h| !h.rule.contains("blackhole"))
    );
}

#[test]
fn a_static_route_wins_over_a_propagated_block_and_may_lead_through_another_vpc() {
    let m = hub_with_table(
        "{transit_gateway: hub, associations: [a, b, c], propagations: [a, b], routes: [{destination: 10.2.0.0/16, attachment: c}]}",
    );
    let v = tcp(&m, "one", "two", 443);
    assert!(v.forward.iter().any(
        |h| h.rule == "10.2.0.0/16 -> transit_gateway_attachment.c (static route, into vpc.c)"
    ));
    // vpc.c routes it nowhere an appliance would take it.
    let at = v.blocked_at().unwrap();
    assert_eq!(at.decision, Decision::NotModeled);
}

/// Two spokes whose hub table sends everything to an inspection VPC, whose
/// attachment subnet in each AZ routes to that AZ's firewall instance; the
/// firewalls route back to the hub, whose `firewall` table delivers.
const INSPECTION: &str = "defaults: {region: eu-west-1}
transit_gateways:
  hub: {default_route_table_association: false, default_route_table_propagation: false}
vpcs:
  a: {cidr: 10.1.0.0/16}
  b: {cidr: 10.2.0.0/16}
  inspection: {cidr: 10.9.0.0/16}
subnets:
  a: {vpc: a, cidr: 10.1.0.0/24, az: eu-west-1a}
  b: {vpc: b, cidr: 10.2.0.0/24, az: eu-west-1b}
  tgw-a: {vpc: inspection, cidr: 10.9.0.0/28, az: eu-west-1a}
  tgw-b: {vpc: inspection, cidr: 10.9.0.16/28, az: eu-west-1b}
  fw-a: {vpc: inspection, cidr: 10.9.1.0/24, az: eu-west-1a}
  fw-b: {vpc: inspection, cidr: 10.9.2.0/24, az: eu-west-1b}
transit_gateway_attachments:
  a: {transit_gateway: hub, vpc: a, subnets: [a]}
  b: {transit_gateway: hub, vpc: b, subnets: [b]}
  inspection: {transit_gateway: hub, vpc: inspection, subnets: [tgw-a, tgw-b], appliance_mode: true}
transit_gateway_route_tables:
  spokes: {transit_gateway: hub, associations: [a, b], routes: [{destination: 0.0.0.0/0, attachment: inspection}]}
  firewall: {transit_gateway: hub, associations: [inspection], propagations: [a, b]}
route_tables:
  a: {vpc: a, subnets: [a], routes: [{destination: 10.0.0.0/8, transit_gateway: hub}]}
  b: {vpc: b, subnets: [b], routes: [{destination: 10.0.0.0/8, transit_gateway: hub}]}
  tgw-a: {vpc: inspection, subnets: [tgw-a], routes: [{destination: 10.0.0.0/8, instance: fw-a}]}
  tgw-b: {vpc: inspection, subnets: [tgw-b], routes: [{destination: 10.0.0.0/8, instance: fw-b}]}
  fw: {vpc: inspection, subnets: [fw-a, fw-b], routes: [{destination: 10.0.0.0/8, transit_gateway: hub}]}
security_groups:
  a: {vpc: a, ingress: [{protocol: all, cidr: 10.0.0.0/8}]}
  b: {vpc: b, ingress: [{protocol: all, cidr: 10.0.0.0/8}]}
  fw: {vpc: inspection, ingress: [{protocol: tcp, ports: 443, cidr: 10.0.0.0/8}]}
instances:
  one: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [a]}
  two: {subnet: b, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [b]}
  fw-a: {subnet: fw-a, ami: ami-0123456789abcdef0, type: c6i.large, security_groups: [fw], source_dest_check: false}
  fw-b: {subnet: fw-b, ami: ami-0123456789abcdef0, type: c6i.large, security_groups: [fw], source_dest_check: false}
";

fn inspection(edits: &[(&str, &str)]) -> Model {
    model(&[("inspection.yaml", INSPECTION)], edits)
}

#[test]
fn spoke_to_spoke_goes_through_the_inspection_vpc_firewall() {
    let v = tcp(&inspection(&[]), "one", "two", 443);
    reachable(&v);
    let resources: Vec<&str> = v.forward.iter().map(|h| h.resource.as_str()).collect();
    let at = |r: &str| resources.iter().position(|x| *x == r).unwrap();
    // Spokes table -> inspection VPC -> fw-a (one's AZ) -> firewall table.
    assert!(at("transit_gateway_route_table.spokes") < at("route_table.tgw-a"));
    assert!(at("route_table.tgw-a") < at("instance.fw-a"));
    assert!(at("instance.fw-a") < at("transit_gateway_route_table.firewall"));
    assert!(
        v.forward
            .iter()
            .any(|h| h.resource == "security_group.fw" && h.check == Check::SecurityGroupIngress)
    );
    // Appliance mode keeps the reply on fw-a, which saw the request.
    assert!(v.reply.iter().any(|h| h.resource == "instance.fw-a"
        && h.rule == "it forwards the reply of a connection it saw"));
    assert!(v.reply.iter().all(|h| h.resource != "instance.fw-b"));
}

#[test]
fn the_firewall_group_judges_what_it_forwards() {
    let v = tcp(&inspection(&[]), "one", "two", 22);
    blocked(&v, "security_group.fw", Check::SecurityGroupIngress, false);
}

#[test]
fn a_firewall_with_its_source_destination_check_on_drops_the_traffic() {
    let m = inspection(&[(
        "security_groups: [fw], source_dest_check: false}\n  fw-b",
        "security_groups: [fw]}\n  fw-b",
    )]);
    let v = tcp(&m, "one", "two", 443);
    let at = v.blocked_at().unwrap();
    assert_eq!(
        (at.resource.as_str(), at.check),
        ("instance.fw-a", Check::InstanceState)
    );
    assert!(
        at.rule.contains("source/destination check is on"),
        "{}",
        at.rule
    );
    assert!(
        v.fix
            .as_deref()
            .unwrap()
            .contains("source_dest_check: false")
    );
}

#[test]
fn without_appliance_mode_the_reply_meets_a_firewall_that_never_saw_the_request() {
    let m = inspection(&[(", appliance_mode: true}", "}")]);
    let v = tcp(&m, "one", "two", 443);
    let at = v.blocked_at().unwrap();
    assert_eq!(at.resource, "instance.fw-b");
    assert!(v.on_reply(at), "{v:#?}");
    assert!(at.rule.contains("never saw the connection"), "{}", at.rule);
    assert!(v.fix.as_deref().unwrap().contains("appliance_mode"));
}

#[test]
fn an_inspection_vpc_that_routes_elsewhere_is_not_evaluated() {
    let m = inspection(&[(
        "routes: [{destination: 10.0.0.0/8, instance: fw-a}]",
        "routes: [{destination: 10.0.0.0/8, transit_gateway: hub}]",
    )]);
    let v = tcp(&m, "one", "two", 443);
    let at = v.blocked_at().unwrap();
    assert_eq!(at.decision, Decision::NotModeled);
    assert!(
        at.rule.contains("only an instance appliance is followed"),
        "{}",
        at.rule
    );
}

/// An office behind a VPN to the VPC's virtual private gateway.
const OFFICE: &str = "defaults: {region: eu-west-1}
vpcs:
  main: {cidr: 10.0.0.0/16}
  other: {cidr: 10.5.0.0/16}
subnets:
  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}
  o: {vpc: other, cidr: 10.5.0.0/24, az: eu-west-1a}
customer_gateways:
  office: {ip_address: 198.51.100.7, bgp_asn: 65010, networks: [192.168.0.0/16]}
vpn_gateways:
  vgw: {vpc: main}
vpn_connections:
  office: {customer_gateway: office, vpn_gateway: vgw}
route_tables:
  main: {vpc: main, subnets: [a], propagate: [vgw]}
security_groups:
  app: {vpc: main, ingress: [{protocol: tcp, ports: 443, cidr: 192.168.0.0/16}]}
  other: {vpc: other, ingress: [{protocol: tcp, ports: 443, cidr: 192.168.0.0/16}]}
instances:
  app: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [app]}
  far: {subnet: o, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [other]}
";

fn office(edits: &[(&str, &str)]) -> Model {
    model(&[("office.yaml", OFFICE)], edits)
}

#[test]
fn an_office_reaches_the_vpc_over_its_vpn_and_the_propagated_route_brings_the_reply_back() {
    let v = tcp(&office(&[]), "customer_gateway.office", "app", 443);
    reachable(&v);
    assert_eq!(v.forward[0].resource, "vpn_connection.office");
    assert!(
        v.reply
            .iter()
            .any(|h| h.rule == "192.168.0.0/16 -> vpn_gateway.vgw (propagated)")
    );
    blocked(
        &tcp(&office(&[]), "customer_gateway.office", "app", 22),
        "security_group.app",
        Check::SecurityGroupIngress,
        false,
    );
}

#[test]
fn without_propagation_the_reply_to_the_office_has_no_route() {
    let m = office(&[(", propagate: [vgw]}", "}")]);
    let v = tcp(&m, "customer_gateway.office", "app", 443);
    blocked(&v, "route_table.main", Check::Route, true);
}

#[test]
fn a_vpn_to_one_vpc_does_not_reach_another() {
    let v = tcp(&office(&[]), "customer_gateway.office", "far", 443);
    let at = v.blocked_at().unwrap();
    assert_eq!(
        (at.resource.as_str(), at.decision),
        ("vpn_connection.office", Decision::NoRoute)
    );
    assert!(at.rule.contains("is not there"), "{}", at.rule);
}

#[test]
fn a_static_vpn_carries_back_only_its_static_routes() {
    let m = office(&[(
        "{customer_gateway: office, vpn_gateway: vgw}",
        "{customer_gateway: office, vpn_gateway: vgw, static_routes_only: true, static_routes: [192.168.1.0/24]}",
    )]);
    // 192.168.1.0/24 is routed back; the rest of the office is not.
    let v = tcp(&m, "customer_gateway.office", "app", 443);
    reachable(&v);
    assert!(v.client.is_some_and(|c| c.octets()[2] == 1), "{v:#?}");
    let v = tcp(&m, "customer_gateway.office", "far", 443);
    assert!(!v.reachable);
}

#[test]
fn an_office_on_the_hub_reaches_a_spoke_through_the_firewall() {
    let m = inspection(&[
        (
            "vpcs:",
            "customer_gateways:
  office: {ip_address: 198.51.100.7, bgp_asn: 65010, networks: [192.168.0.0/16]}
vpn_connections:
  office: {customer_gateway: office, transit_gateway: hub}
vpcs:",
        ),
        (
            "associations: [a, b], routes:",
            "associations: [a, b], vpn_associations: [office], routes:",
        ),
        (
            "propagations: [a, b]}",
            "propagations: [a, b], vpn_propagations: [office]}",
        ),
        (
            "routes: [{destination: 10.0.0.0/8, transit_gateway: hub}]}\n  tgw-a",
            "routes: [{destination: 0.0.0.0/0, transit_gateway: hub}]}\n  tgw-a",
        ),
        (
            "{destination: 10.0.0.0/8, instance: fw-a}",
            "{destination: 0.0.0.0/0, instance: fw-a}",
        ),
        (
            "{destination: 10.0.0.0/8, instance: fw-b}",
            "{destination: 0.0.0.0/0, instance: fw-b}",
        ),
        (
            "subnets: [fw-a, fw-b], routes: [{destination: 10.0.0.0/8, transit_gateway: hub}]}",
            "subnets: [fw-a, fw-b], routes: [{destination: 0.0.0.0/0, transit_gateway: hub}]}",
        ),
        (
            "b: {vpc: b, ingress: [{protocol: all, cidr: 10.0.0.0/8}]}",
            "b: {vpc: b, ingress: [{protocol: all, cidr: 192.168.0.0/16}]}",
        ),
        (
            "ports: 443, cidr: 10.0.0.0/8}",
            "ports: 443, cidr: 0.0.0.0/0}",
        ),
    ]);
    let v = tcp(&m, "customer_gateway.office", "two", 443);
    reachable(&v);
    let all: Vec<&str> = v.forward.iter().map(|h| h.resource.as_str()).collect();
    assert!(all.contains(&"instance.fw-b"), "{all:?}");
    assert!(
        v.reply
            .iter()
            .any(|h| h.rule == "192.168.0.0/16 -> vpn_connection.office (propagated)"),
        "{v:#?}"
    );
    // The firewall's group decides: it lets 443 through, not 22.
    blocked(
        &tcp(&m, "customer_gateway.office", "two", 22),
        "security_group.fw",
        Check::SecurityGroupIngress,
        false,
    );
}

#[test]
fn a_redirect_listener_answers_the_client_and_forwards_nothing() {
    let m = model(
        &WEB_ASG,
        &[(
            "{port: 80, protocol: HTTP, target_group: web}",
            "{port: 80, protocol: HTTP, redirect: {protocol: HTTPS, port: 443}}",
        )],
    );
    let v = tcp(&m, "internet", "load_balancer.web", 80);
    reachable(&v);
    let last = v.forward.last().unwrap();
    assert_eq!(last.check, Check::Listener);
    assert!(
        last.rule.contains(
            "answers with a redirect (HTTP_301) to HTTPS://#{host}:443/#{path}: it forwards nothing"
        ),
        "{}",
        last.rule
    );
    assert!(!checks(&v).contains(&Check::TargetGroup));
    // The HTTPS listener still forwards.
    assert!(checks(&tcp(&m, "internet", "load_balancer.web", 443)).contains(&Check::TargetGroup));
}

#[test]
fn a_listener_rule_forwards_where_the_listener_itself_answers() {
    let m = model(
        &WEB_ASG,
        &[(
            "        target_group: web\n        certificate:",
            "        fixed_response: {status: 404}\n        rules: [{priority: 10, paths: [\"/app/*\"], target_group: web}]\n        certificate:",
        )],
    );
    let v = tcp(&m, "internet", "load_balancer.web", 443);
    reachable(&v);
    assert!(
        v.forward
            .iter()
            .any(|h| h.rule == "listener 443 HTTPS rule 10 -> target_group.web"),
        "{v:#?}"
    );
    assert!(checks(&v).contains(&Check::TargetGroup));
}

#[test]
fn a_host_reaches_the_office_over_its_vpn_and_the_reply_comes_back_in() {
    let v = tcp(&office(&[]), "app", "customer_gateway.office", 443);
    reachable(&v);
    assert!(
        v.forward
            .iter()
            .any(|h| h.rule == "192.168.0.0/16 -> vpn_gateway.vgw (propagated)")
    );
    assert!(
        v.reply
            .first()
            .is_some_and(|h| h.resource == "vpn_connection.office")
    );
    // Without the propagated route, the host has no way to the office.
    let m = office(&[(", propagate: [vgw]}", "}")]);
    blocked(
        &tcp(&m, "app", "customer_gateway.office", 443),
        "route_table.main",
        Check::Route,
        false,
    );
}

/// web-asg with its target group made an `ip` one whose target is `ip`
/// (on port 5432), and the auto scaling group registered elsewhere.
fn ip_targeted(ip: &str, more: &[(&str, &str)]) -> Model {
    let target = format!(
        "    port: 80\n    target_type: ip\n    ip_targets: [{{address: {ip}, port: 5432}}]\n    health_check:"
    );
    let mut edits = vec![
        ("    port: 80\n    health_check:", target.as_str()),
        (
            "    desired: 2\n    target_groups: [web]\n",
            "    desired: 2\n",
        ),
        (
            "    subnet: data-a\n",
            "    subnet: data-a\n    private_ip: 10.30.20.10\n",
        ),
    ];
    edits.extend_from_slice(more);
    model(&WEB_ASG, &edits)
}

#[test]
fn an_ip_target_that_is_an_instance_is_reached_as_that_instance() {
    // The database's group admits the web servers only, not the load
    // balancer: the balancer's connection to its address is refused.
    let m = ip_targeted("10.30.20.10", &[]);
    blocked(
        &tcp(&m, "internet", "load_balancer.web", 443),
        "security_group.db",
        Check::SecurityGroupIngress,
        false,
    );
    let m = ip_targeted(
        "10.30.20.10",
        &[(
            "- {protocol: tcp, ports: 5432, security_group: web}",
            "- {protocol: tcp, ports: 5432, security_group: alb}",
        )],
    );
    let v = tcp(&m, "internet", "load_balancer.web", 443);
    reachable(&v);
    assert!(
        v.forward.iter().any(|h| h.rule.contains("on tcp 5432")),
        "the IP target's own port: {v:#?}"
    );
}

#[test]
fn an_ip_target_the_stack_does_not_have_is_not_evaluated() {
    let m = ip_targeted("10.30.20.99", &[]);
    let v = tcp(&m, "internet", "load_balancer.web", 443);
    assert!(!v.reachable);
    let at = v.blocked_at().unwrap();
    assert_eq!(
        (at.decision, at.resource.as_str()),
        (Decision::NotModeled, "target_group.web"),
        "{v:#?}"
    );
    assert!(at.rule.contains("10.30.20.99"), "{v:#?}");
}

const HYBRID_HUB: [(&str, &str); 5] = [
    (
        "hub.yaml",
        include_str!("../../../specs/hybrid-hub/hub.yaml"),
    ),
    (
        "app.yaml",
        include_str!("../../../specs/hybrid-hub/app.yaml"),
    ),
    (
        "data.yaml",
        include_str!("../../../specs/hybrid-hub/data.yaml"),
    ),
    (
        "inspection.yaml",
        include_str!("../../../specs/hybrid-hub/inspection.yaml"),
    ),
    (
        "expectations.yaml",
        include_str!("../../../specs/hybrid-hub/expectations.yaml"),
    ),
];

#[test]
fn the_data_centre_reaches_the_app_over_direct_connect_through_a_firewall() {
    let m = model(&HYBRID_HUB, &[]);
    let v = tcp(&m, "dx_gateway.datacentre", "app[1]", 443);
    reachable(&v);
    assert!(
        v.forward.iter().any(|h| h.resource == "instance.fw[1]"),
        "{v:#?}"
    );
    assert!(
        v.reply
            .iter()
            .any(|h| h.rule.contains("-> dx_gateway.datacentre (propagated)")),
        "{v:#?}"
    );
    blocked(
        &tcp(&m, "dx_gateway.datacentre", "app[0]", 22),
        "security_group.firewall",
        Check::SecurityGroupIngress,
        false,
    );
}

#[test]
fn direct_connect_needs_allowed_prefixes_a_table_and_a_route_back() {
    // The association advertises only the data spoke: the premises have
    // no route to the app.
    let narrow = model(
        &HYBRID_HUB,
        &[(
            "allowed_prefixes: [10.0.0.0/14]",
            "allowed_prefixes: [10.2.0.0/16]",
        )],
    );
    let v = tcp(&narrow, "dx_gateway.datacentre", "app[0]", 443);
    blocked(&v, "dx_gateway.datacentre", Check::Route, false);
    assert!(
        v.blocked_at().unwrap().rule.contains("advertises no route"),
        "{v:#?}"
    );
    // No table associates the Direct Connect gateway (default association
    // is off): the hub drops its traffic.
    let unassociated = model(&HYBRID_HUB, &[("    dx_associations: [datacentre]\n", "")]);
    blocked(
        &tcp(&unassociated, "dx_gateway.datacentre", "app[0]", 443),
        "transit_gateway.hub",
        Check::Route,
        false,
    );
    // A static route to the Direct Connect gateway instead of its
    // propagation carries the reply as well.
    let routed = model(
        &HYBRID_HUB,
        &[(
            "    dx_propagations: [datacentre]\n",
            "    routes: [{destination: 172.16.0.0/12, dx_gateway: datacentre}]\n",
        )],
    );
    let v = tcp(&routed, "dx_gateway.datacentre", "app[0]", 443);
    reachable(&v);
    assert!(
        v.reply
            .iter()
            .any(|h| h.rule.contains("-> dx_gateway.datacentre (static route)")),
        "{v:#?}"
    );
    // The firewall table does not propagate the premises: the reply has no
    // route back.
    let one_way = model(&HYBRID_HUB, &[("    dx_propagations: [datacentre]\n", "")]);
    blocked(
        &tcp(&one_way, "dx_gateway.datacentre", "app[0]", 443),
        "transit_gateway_route_table.firewall",
        Check::Route,
        true,
    );
}

/// A VPC with a virtual private gateway a Direct Connect gateway is
/// associated with.
const DX_ON_VGW: &str = "defaults: {region: eu-west-1}
vpcs:
  main: {cidr: 10.0.0.0/16}
subnets:
  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}
vpn_gateways:
  vgw: {vpc: main}
route_tables:
  private: {vpc: main, subnets: [a], propagate: [vgw]}
security_groups:
  app: {vpc: main, ingress: [{protocol: tcp, ports: 443, cidr: 172.16.0.0/12}]}
instances:
  app: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [app]}
dx_gateways:
  corp: {associations: [{vpn_gateway: vgw}], networks: [172.16.0.0/12]}
";

#[test]
fn direct_connect_over_a_virtual_private_gateway_needs_its_routes_propagated() {
    let m = model(&[("dx.yaml", DX_ON_VGW)], &[]);
    let v = tcp(&m, "dx_gateway.corp", "app", 443);
    reachable(&v);
    assert!(
        v.reply.iter().any(|h| h.rule.contains("(propagated)")),
        "the premises' blocks come in by propagation: {v:#?}"
    );
    reachable(&tcp(&m, "app", "dx_gateway.corp", 443));
    let unpropagated = model(&[("dx.yaml", DX_ON_VGW)], &[(", propagate: [vgw]", "")]);
    blocked(
        &tcp(&unpropagated, "dx_gateway.corp", "app", 443),
        "route_table.private",
        Check::Route,
        true,
    );
}

/// TW013's design: app's traffic for data goes through the firewall, data's
/// replies straight back. The reply passes no appliance that saw the
/// request, which a stateful one drops: not evaluated, at the firewall.
/// With both ways inspected, the same question gets through.
#[test]
fn a_reply_past_none_of_the_request_s_appliances_is_not_evaluated() {
    const HOSTS: &str = "
security_groups:
  app: {vpc: app, ingress: [{protocol: tcp, ports: 443, cidr: 10.0.0.0/8}]}
  data: {vpc: data, ingress: [{protocol: tcp, ports: 443, cidr: 10.0.0.0/8}]}
instances:
  app: {subnet: app-a, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [app]}
  data: {subnet: data-a, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [data]}
";
    let one_way = model(
        &[
            (
                "case.yaml",
                include_str!("../../../tests/rules/TW013/fail.yaml"),
            ),
            ("hosts.yaml", HOSTS),
        ],
        &[],
    );
    let v = tcp(&one_way, "app", "data", 443);
    assert_eq!(v.outcome(), skyplan_reach::Outcome::Unknown, "{v:#?}");
    let last = v.reply.last().expect("reply hops");
    assert_eq!(
        (last.resource.as_str(), last.decision),
        ("instance.fw", Decision::NotModeled),
        "{v:#?}"
    );
    assert!(v.forward.iter().any(|h| h.resource == "instance.fw"));
    let both_ways = model(
        &[
            (
                "case.yaml",
                include_str!("../../../tests/rules/TW013/pass.yaml"),
            ),
            ("hosts.yaml", HOSTS),
        ],
        &[],
    );
    reachable(&tcp(&both_ways, "app", "data", 443));
}
