//! Network ACL decisions: stateless, entries in ascending rule order, the
//! first match decides, an implicit deny at the end. A subnet without an
//! ACL of the stack has its VPC's default one, which allows everything.

use std::net::Ipv4Addr;

use skyplan_cidr::IpNet;
use skyplan_model::traffic::Protocol as Proto;
use skyplan_model::{Model, NaclEntry, SubnetId};

use crate::hop::{Check, Decision, Hop};

/// Which way traffic crosses the subnet's ACL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    Inbound,
    Outbound,
}

/// What the ACL sees of a packet (or of every packet of a reply range).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Packet {
    /// The address on the other side: the source inbound, the destination
    /// outbound.
    pub peer: Ipv4Addr,
    pub protocol: u8,
    /// Destination ports; a reply range must be allowed for every port.
    pub ports: (u16, u16),
    /// The ICMP type, for ICMP.
    pub icmp_type: Option<u8>,
}

fn describe(e: &NaclEntry) -> String {
    let action = if e.allow { "allow" } else { "deny" };
    let ports = e
        .ports
        .as_ref()
        .map_or_else(String::new, |p| format!(" {}", p.value));
    let from = if e.cidr.text.value.is_empty() {
        String::new()
    } else {
        format!(" {}", e.cidr.text.value)
    };
    format!(
        "rule {} {action} {}{ports}{from}",
        e.rule.value, e.protocol.value
    )
}

/// The ports of `entry` that apply to the packet, or `None` if it does not
/// match at all (protocol, block or ICMP type).
fn matching_ports(e: &NaclEntry, p: &Packet) -> Option<(u16, u16)> {
    match &e.cidr.net {
        Ok(IpNet::V4(net)) if net.contains(&p.peer) => {}
        _ => return None,
    }
    let proto = e.traffic.protocol?;
    match proto {
        Proto::All => return Some(p.ports),
        Proto::Number(n) if n != p.protocol => return None,
        Proto::Number(_) => {}
    }
    if !proto.has_ports() {
        let wanted = e.icmp_type.as_ref().map_or(-1, |t| t.value);
        return match p.icmp_type {
            Some(t) if wanted != -1 && wanted != i64::from(t) => None,
            _ => Some(p.ports),
        };
    }
    let (from, to) = e.traffic.port_range()?;
    let lo = from.max(p.ports.0);
    let hi = to.min(p.ports.1);
    (lo <= hi).then_some((lo, hi))
}

/// Removes `cut` from the port ranges in `left`.
fn subtract(left: &mut Vec<(u16, u16)>, cut: (u16, u16)) {
    let mut out = Vec::with_capacity(left.len() + 1);
    for &(a, b) in left.iter() {
        if cut.1 < a || cut.0 > b {
            out.push((a, b));
            continue;
        }
        if cut.0 > a {
            out.push((a, cut.0 - 1));
        }
        if cut.1 < b {
            out.push((cut.1 + 1, b));
        }
    }
    *left = out;
}

fn ranges(left: &[(u16, u16)]) -> String {
    left.iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The decision of the ACL of `subnet` for `packet` crossing it.
pub(crate) fn decide(m: &Model, subnet: SubnetId, direction: Direction, packet: &Packet) -> Hop {
    let check = match direction {
        Direction::Inbound => Check::NaclInbound,
        Direction::Outbound => Check::NaclOutbound,
    };
    let Some(acl) = m.network_acl_of(subnet) else {
        let vpc = &m.vpcs[m.subnet_vpc(subnet)].common.address;
        return Hop {
            resource: format!("the default network ACL of {vpc}"),
            check,
            decision: Decision::Allow,
            rule: "allow all (AWS's default network ACL)".into(),
            span: None,
            fix: None,
        };
    };
    let entries = match direction {
        Direction::Inbound => &acl.ingress,
        Direction::Outbound => &acl.egress,
    };
    let mut order: Vec<&NaclEntry> = entries.iter().collect();
    order.sort_by_key(|e| e.rule.value);
    let mut left = vec![packet.ports];
    let mut allowed_by: Vec<&NaclEntry> = Vec::new();
    for e in order {
        let Some(ports) = matching_ports(e, packet) else {
            continue;
        };
        let before = left.clone();
        subtract(&mut left, ports);
        if left == before {
            continue; // every port it matches was decided before
        }
        if !e.allow {
            let part = if packet.ports.0 == packet.ports.1 {
                String::new()
            } else {
                format!(
                    " (ports {} of {})",
                    ranges(&before),
                    ranges(&[packet.ports])
                )
            };
            return Hop {
                resource: acl.common.address.clone(),
                check,
                decision: Decision::Deny,
                rule: format!("{}{part}", describe(e)),
                span: Some(e.span),
                fix: Some(entry_fix(
                    acl,
                    direction,
                    packet,
                    (e.rule.value - 1).max(1),
                    "before it",
                )),
            };
        }
        allowed_by.push(e);
        if left.is_empty() {
            return Hop {
                resource: acl.common.address.clone(),
                check,
                decision: Decision::Allow,
                rule: allowed_by
                    .iter()
                    .map(|e| describe(e))
                    .collect::<Vec<_>>()
                    .join("; "),
                span: allowed_by.first().map(|e| e.span),
                fix: None,
            };
        }
    }
    let part = if left == [packet.ports] {
        String::new()
    } else {
        format!(" for ports {}", ranges(&left))
    };
    Hop {
        resource: acl.common.address.clone(),
        check,
        decision: Decision::Deny,
        rule: format!("* deny all: no entry allows {}{part}", packet_text(packet)),
        span: Some(acl.common.name.span),
        fix: Some(entry_fix(acl, direction, packet, next_rule(entries), "")),
    }
}

/// A free rule number after every entry (the next hundred).
fn next_rule(entries: &[NaclEntry]) -> i64 {
    let last = entries.iter().map(|e| e.rule.value).max().unwrap_or(0);
    (last / 100 + 1) * 100
}

/// The entry that would let the packet through, in the spec's words.
fn entry_fix(
    acl: &skyplan_model::NetworkAcl,
    direction: Direction,
    p: &Packet,
    rule: i64,
    place: &str,
) -> String {
    let list = match direction {
        Direction::Inbound => "ingress",
        Direction::Outbound => "egress",
    };
    let (protocol, ports) = match p.icmp_type {
        Some(t) => ("icmp".to_string(), format!(", icmp_type: {t}")),
        None => {
            let name = if p.protocol == skyplan_model::traffic::UDP {
                "udp"
            } else {
                "tcp"
            };
            let ports = if p.ports.0 == p.ports.1 {
                p.ports.0.to_string()
            } else {
                format!("{}-{}", p.ports.0, p.ports.1)
            };
            (name.to_string(), format!(", ports: {ports}"))
        }
    };
    let place = if place.is_empty() {
        String::new()
    } else {
        format!(" ({place})")
    };
    format!(
        "add to {} `{list}:`{place} the entry `{{rule: {rule}, action: allow, protocol: {protocol}{ports}, cidr: {}/32}}` (or the client's whole block)",
        acl.common.address, p.peer
    )
}

fn packet_text(p: &Packet) -> String {
    let proto = match p.protocol {
        skyplan_model::traffic::TCP => "tcp",
        skyplan_model::traffic::UDP => "udp",
        _ => "icmp",
    };
    let ports = if p.icmp_type.is_some() {
        String::new()
    } else if p.ports.0 == p.ports.1 {
        format!(" {}", p.ports.0)
    } else {
        format!(" {}-{}", p.ports.0, p.ports.1)
    };
    let dir = format!(" ({})", p.peer);
    format!("{proto}{ports}{dir}")
}

#[cfg(test)]
mod tests {
    use super::subtract;

    #[test]
    fn subtracting_port_ranges() {
        let mut left = vec![(1024, 65535)];
        subtract(&mut left, (32768, 60999));
        assert_eq!(left, [(1024, 32767), (61000, 65535)]);
        subtract(&mut left, (0, 2000));
        assert_eq!(left, [(2001, 32767), (61000, 65535)]);
        subtract(&mut left, (0, 65535));
        assert!(left.is_empty());
    }
}
