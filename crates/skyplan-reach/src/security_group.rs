//! Security group decisions: stateful (a reply to an allowed request is
//! allowed), any rule of any of an instance's groups allows. An instance
//! without groups has its VPC's default group (inbound only from other
//! members, outbound all); a group without `egress` allows all outbound.

use std::net::Ipv4Addr;

use skyplan_cidr::{IpNet, Ipv4Net};
use skyplan_model::traffic::Protocol as Proto;
use skyplan_model::{Model, SecurityGroupId, SgRule, VpcId};

use crate::host::Host;

use crate::hop::{Check, Decision, Hop};
use crate::query::Protocol;

/// Which rules of the groups decide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    Ingress,
    Egress,
}

impl Direction {
    fn word(self) -> &'static str {
        match self {
            Direction::Ingress => "ingress",
            Direction::Egress => "egress",
        }
    }
}

/// The other end as the group sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Peer {
    pub ip: Ipv4Addr,
    /// The instance behind `ip` when it is seen by its private address (so
    /// `security_group` sources can match it); `None` for the internet and
    /// for traffic through a NAT gateway.
    pub instance: Option<Host>,
    /// The block the query named, when the peer is one of its clients (a
    /// fix opens the block, not the one address tried).
    pub block: Option<Ipv4Net>,
}

/// ICMP echo request: what a query sends.
const ECHO_REQUEST: i64 = 8;

fn groups_of(m: &Model, host: Host) -> Vec<SecurityGroupId> {
    host.groups(m)
}

/// Whether two VPCs are peered within one region (only then may a rule
/// name the other side's groups).
fn peered_in_region(m: &Model, a: VpcId, b: VpcId) -> bool {
    let region = |v: VpcId| m.vpcs[v].region.as_ref().map(|r| r.value.as_str());
    m.vpc_peerings.iter().any(|p| p.peer_of(a) == Some(b)) && region(a) == region(b)
}

/// Whether `peer` is a member of group `g` that a rule of a group in `vpc`
/// may name.
fn member(m: &Model, g: SecurityGroupId, vpc: VpcId, peer: &Peer) -> bool {
    let Some(p) = peer.instance else {
        return false;
    };
    let peer_vpc = p.vpc(m);
    groups_of(m, p).contains(&g) && (peer_vpc == vpc || peered_in_region(m, vpc, peer_vpc))
}

fn traffic_matches(rule: &SgRule, protocol: Protocol, port: u16) -> bool {
    let Some(proto) = rule.traffic.protocol else {
        return false;
    };
    match proto {
        Proto::All => true,
        Proto::Number(n) if n != protocol.number() => false,
        Proto::Number(_) if proto.has_ports() => rule
            .traffic
            .port_range()
            .is_some_and(|(a, b)| a <= port && port <= b),
        Proto::Number(_) => rule
            .icmp_type
            .as_ref()
            .is_none_or(|t| t.value == -1 || t.value == ECHO_REQUEST),
    }
}

/// The group a rule belongs to: a declared group, or the default group of
/// a VPC that takes it over (its members are the VPC's instances without
/// groups).
#[derive(Clone, Copy)]
enum Owner {
    Group(SecurityGroupId),
    Default(VpcId),
}

fn peer_matches(m: &Model, own: Owner, rule: &SgRule, peer: &Peer) -> bool {
    let vpc = match own {
        Owner::Group(g) => m.security_groups[g].vpc.id,
        Owner::Default(v) => v,
    };
    let in_block = |n: IpNet| matches!(n, IpNet::V4(n) if n.contains(&peer.ip));
    let own_member = match own {
        Owner::Group(g) => member(m, g, vpc, peer),
        Owner::Default(v) => peer
            .instance
            .is_some_and(|p| p.vpc(m) == v && groups_of(m, p).is_empty()),
    };
    rule.all_cidrs().filter_map(|c| c.ok()).any(in_block)
        || rule
            .prefix_list
            .is_some_and(|l| m.prefix_lists[l.id].blocks().any(in_block))
        || rule
            .security_group
            .is_some_and(|g| member(m, g.id, vpc, peer))
        || (rule.self_.as_ref().is_some_and(|s| s.value) && own_member)
}

fn describe(m: &Model, rule: &SgRule, direction: Direction) -> String {
    let ports = rule
        .ports
        .as_ref()
        .map_or_else(String::new, |p| format!(" {}", p.value));
    let word = match direction {
        Direction::Ingress => "from",
        Direction::Egress => "to",
    };
    let mut peers: Vec<String> = rule.all_cidrs().map(|c| c.text.value.clone()).collect();
    if let Some(g) = rule.security_group {
        peers.push(m.security_groups[g.id].common.address.clone());
    }
    if let Some(l) = rule.prefix_list {
        peers.push(m.prefix_lists[l.id].common.address.clone());
    }
    if rule.self_.as_ref().is_some_and(|s| s.value) {
        peers.push("itself".into());
    }
    format!(
        "{} {}{ports} {word} {}",
        direction.word(),
        rule.protocol.value,
        peers.join(", ")
    )
}

/// The decision of `instance`'s groups for traffic with `peer`.
pub(crate) fn decide(
    m: &Model,
    instance: Host,
    direction: Direction,
    peer: &Peer,
    protocol: Protocol,
    port: u16,
) -> Hop {
    let check = match direction {
        Direction::Ingress => Check::SecurityGroupIngress,
        Direction::Egress => Check::SecurityGroupEgress,
    };
    let groups = groups_of(m, instance);
    // A network load balancer created without security groups has none at
    // all (not the VPC's default group): nothing filters its traffic.
    if groups.is_empty()
        && let Host::Balancer(l, _) = instance
        && m.load_balancers[l].lb_type.value == skyplan_spec::LoadBalancerType::Network
    {
        return Hop {
            resource: m.load_balancers[l].common.address.clone(),
            check,
            decision: Decision::Allow,
            rule: format!(
                "{} all (a network load balancer without security groups has none)",
                direction.word()
            ),
            span: Some(m.load_balancers[l].common.name.span),
            fix: None,
        };
    }
    if groups.is_empty()
        && let Some(d) = m.vpc_default_security_group[instance.vpc(m)]
    {
        let sg = &m.default_security_groups[d].group;
        let own = Owner::Default(sg.vpc.id);
        let rules = match direction {
            Direction::Ingress => sg.ingress.as_slice(),
            Direction::Egress => sg.egress.as_deref().unwrap_or_default(),
        };
        let allowing = rules
            .iter()
            .find(|r| traffic_matches(r, protocol, port) && peer_matches(m, own, r, peer));
        return Hop {
            resource: sg.common.address.clone(),
            check,
            decision: if allowing.is_some() {
                Decision::Allow
            } else {
                Decision::Deny
            },
            rule: allowing.map_or_else(
                || {
                    format!(
                        "no {} rule allows it (the group is taken over)",
                        direction.word()
                    )
                },
                |r| describe(m, r, direction),
            ),
            span: Some(allowing.map_or(sg.common.name.span, |r| r.span)),
            fix: None,
        };
    }
    if groups.is_empty() {
        let vpc = instance.vpc(m);
        let vpc_address = &m.vpcs[vpc].common.address;
        let allows = match direction {
            Direction::Egress => true,
            Direction::Ingress => peer
                .instance
                .is_some_and(|p| p.vpc(m) == vpc && groups_of(m, p).is_empty()),
        };
        return Hop {
            resource: format!("the default security group of {vpc_address}"),
            check,
            decision: if allows {
                Decision::Allow
            } else {
                Decision::Deny
            },
            rule: match direction {
                Direction::Egress => "egress all (AWS's default group)".into(),
                Direction::Ingress => {
                    "ingress only from members of the default group (AWS's default group)".into()
                }
            },
            span: None,
            fix: None,
        };
    }
    for g in &groups {
        let sg = &m.security_groups[*g];
        let rules: &[SgRule] = match (direction, &sg.egress) {
            (Direction::Ingress, _) => &sg.ingress,
            (Direction::Egress, Some(rules)) => rules,
            (Direction::Egress, None) => {
                return Hop {
                    resource: sg.common.address.clone(),
                    check,
                    decision: Decision::Allow,
                    rule: "egress all (no `egress` written: AWS's default rule)".into(),
                    span: Some(sg.common.name.span),
                    fix: None,
                };
            }
        };
        if let Some(rule) = rules.iter().find(|r| {
            traffic_matches(r, protocol, port) && peer_matches(m, Owner::Group(*g), r, peer)
        }) {
            return Hop {
                resource: sg.common.address.clone(),
                check,
                decision: Decision::Allow,
                rule: describe(m, rule, direction),
                span: Some(rule.span),
                fix: None,
            };
        }
    }
    let names: Vec<&str> = groups
        .iter()
        .map(|g| m.security_groups[*g].common.address.as_str())
        .collect();
    let first = &m.security_groups[groups[0]];
    let what = match direction {
        Direction::Ingress => format!("from {}", peer.ip),
        Direction::Egress => format!("to {}", peer.ip),
    };
    let port_text = match protocol {
        Protocol::Icmp => String::new(),
        Protocol::Tcp | Protocol::Udp => format!(" {port}"),
    };
    Hop {
        resource: names.join(", "),
        check,
        decision: Decision::Deny,
        rule: format!(
            "no {} rule allows {}{port_text} {what}",
            direction.word(),
            protocol.as_str()
        ),
        span: Some(first.common.name.span),
        fix: Some(rule_fix(m, instance, direction, peer, protocol, port)),
    }
}

/// The rule that would let the traffic through, in the spec's words.
fn rule_fix(
    m: &Model,
    instance: Host,
    direction: Direction,
    peer: &Peer,
    protocol: Protocol,
    port: u16,
) -> String {
    let traffic = match protocol {
        Protocol::Icmp => "protocol: icmp, icmp_type: 8".to_string(),
        Protocol::Tcp | Protocol::Udp => format!("protocol: {}, ports: {port}", protocol.as_str()),
    };
    let group_of = |i: Host| {
        groups_of(m, i)
            .first()
            .map(|g| &m.security_groups[*g].common)
    };
    let source = match peer.instance.and_then(group_of) {
        Some(g) => format!("security_group: {}", g.name.value),
        None => format!("cidr: {}", peer.block.unwrap_or(Ipv4Net::from(peer.ip))),
    };
    let (list, own) = (direction.word(), group_of(instance));
    let own = own.map_or_else(String::new, |g| format!("{} ", g.address));
    format!("add to {own}`{list}:` the rule `{{{traffic}, {source}}}`")
}
