//! What the whole internet can open a connection to: every instance with a
//! public address, the protocols and port ranges every internet client gets
//! through on, and the path of each.

use skyplan_cidr::{IpNet, Ipv4Net};
use skyplan_model::traffic::{Protocol as Proto, parse_ports, parse_protocol};
use skyplan_model::{InstanceId, Model, ids};

use crate::addresses::Addresses;
use crate::engine::{has_public_address, reach_every};
use crate::hop::Verdict;
use crate::query::{Endpoint, Protocol, Query};

/// One protocol and port range open to the internet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opening {
    pub protocol: Protocol,
    /// Inclusive; `(0, 0)` for ICMP.
    pub ports: (u16, u16),
    /// The path of the range's first port.
    pub path: Verdict,
}

/// An instance the internet reaches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exposure {
    pub instance: InstanceId,
    pub open: Vec<Opening>,
}

/// Every exposed instance, by address.
pub fn exposure(m: &Model, a: &Addresses) -> Vec<Exposure> {
    let mut exposed: Vec<Exposure> = ids(&m.instances)
        .filter(|i| has_public_address(m, *i))
        .filter_map(|i| {
            let open = openings(m, a, i);
            (!open.is_empty()).then_some(Exposure { instance: i, open })
        })
        .collect();
    exposed.sort_by(|x, y| {
        m.instances[x.instance]
            .address
            .cmp(&m.instances[y.instance].address)
    });
    exposed
}

fn openings(m: &Model, a: &Addresses, i: InstanceId) -> Vec<Opening> {
    let ask = |protocol, port| {
        let query = Query {
            from: Endpoint::Internet(Ipv4Net::default()),
            to: Endpoint::Instance(i),
            protocol,
            port,
        };
        reach_every(m, a, &query)
    };
    let mut out = Vec::new();
    for protocol in [Protocol::Tcp, Protocol::Udp] {
        let points = port_points(m, i, protocol);
        let mut open: Option<Opening> = None;
        for (k, &from) in points.iter().enumerate() {
            let to = points.get(k + 1).map_or(u16::MAX, |next| next - 1);
            let v = ask(protocol, from);
            match (&mut open, v.reachable) {
                (Some(o), true) => o.ports.1 = to,
                (None, true) => {
                    open = Some(Opening {
                        protocol,
                        ports: (from, to),
                        path: v,
                    })
                }
                (_, false) => out.extend(open.take()),
            }
        }
        out.extend(open);
    }
    let v = ask(Protocol::Icmp, 0);
    if v.reachable {
        out.push(Opening {
            protocol: Protocol::Icmp,
            ports: (0, 0),
            path: v,
        });
    }
    out
}

/// The ports where the instance's group rules or its subnet's inbound ACL
/// entries start or stop applying: every stretch between two is decided
/// alike, so asking at each start covers every port.
fn port_points(m: &Model, i: InstanceId, protocol: Protocol) -> Vec<u16> {
    let mut points = vec![0u16];
    let mut add = |proto: &str, ports: Option<&str>| {
        let applies = match parse_protocol(proto) {
            Some(Proto::All) => false, // every port alike
            Some(Proto::Number(n)) => n == protocol.number(),
            None => false,
        };
        if let (true, Some(Ok((from, to)))) = (applies, ports.map(parse_ports)) {
            points.push(from);
            if let Some(after) = to.checked_add(1) {
                points.push(after);
            }
        }
    };
    let group = &m.instance_groups[m.instances[i].group];
    for g in &group.security_groups {
        for rule in &m.security_groups[g.id].ingress {
            add(
                &rule.protocol.value,
                rule.ports.as_ref().map(|p| p.value.as_str()),
            );
        }
    }
    if let Some(acl) = m.network_acl_of(m.instances[i].subnet.id) {
        for e in &acl.ingress {
            if matches!(e.cidr.net, Ok(IpNet::V4(_))) {
                add(
                    &e.protocol.value,
                    e.ports.as_ref().map(|p| p.value.as_str()),
                );
            }
        }
    }
    points.sort_unstable();
    points.dedup();
    points
}
