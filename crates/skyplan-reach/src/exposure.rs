//! What the whole internet can open a connection to: every instance with a
//! public address and every internet-facing load balancer, the protocols
//! and port ranges every internet client gets through on, the path of each,
//! and the instances a load balancer forwards to.

use std::collections::HashMap;

use skyplan_cidr::{IpNet, Ipv4Net};
use skyplan_model::traffic::{ParsedTraffic, Protocol as Proto};
use skyplan_model::{DbInstanceId, Id, LoadBalancerId, Model, SecurityGroupId, SubnetId, ids};

use crate::addresses::Addresses;
use crate::engine::{has_public_address, nodes, reach, reach_every, targets};
use crate::hop::{Decision, Verdict};
use crate::host::Host;
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

/// What the internet reaches: a host with a public address, or an
/// internet-facing load balancer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exposure {
    pub endpoint: Endpoint,
    /// `instance.web`, `auto_scaling_group.web[0]`, `load_balancer.front`.
    pub address: String,
    pub open: Vec<Opening>,
    /// For a load balancer: the instances it forwards the internet to.
    pub behind: Vec<String>,
}

/// Everything exposed, by address.
pub fn exposure(m: &Model, a: &Addresses) -> Vec<Exposure> {
    let hosts = Host::all(m)
        .into_iter()
        .filter(|h| !matches!(h, Host::Balancer(..) | Host::Database(..)))
        .filter(|h| has_public_address(m, *h))
        .map(Endpoint::Host);
    // A database is asked about as a whole, wherever RDS places it.
    let databases = ids(&m.db_instances)
        .filter(|d| m.db_instances[*d].publicly_accessible())
        .map(Endpoint::Database);
    let balancers = (0..m.load_balancers.len())
        .filter(|l| !m.load_balancers[*l].internal)
        .map(|l| Endpoint::LoadBalancer(Id::new(l)));
    // Hosts alike in everything that decides their exposure share their
    // port ranges: they are worked out once per likeness, and each host
    // only asks for its own path on each range (near-linear in hosts).
    let mut known: HashMap<Likeness, Vec<Alike>> = HashMap::new();
    let mut exposed: Vec<Exposure> = hosts
        .chain(balancers)
        .chain(databases)
        .filter_map(|e| {
            let open = match e {
                Endpoint::Host(h) => {
                    let key = Likeness::of(m, h);
                    match known.get(&key).and_then(|r| paths(m, a, e, r)) {
                        Some(open) => open,
                        None => {
                            let open = openings(m, a, e);
                            known.insert(key, open.iter().map(Alike::of).collect());
                            open
                        }
                    }
                }
                Endpoint::LoadBalancer(_)
                | Endpoint::Database(_)
                | Endpoint::Internet(_)
                | Endpoint::Site(_)
                | Endpoint::DirectConnect(_) => openings(m, a, e),
            };
            let address = e.address(m);
            let behind = match e {
                Endpoint::LoadBalancer(l) if !open.is_empty() => behind(m, a, l, &open),
                Endpoint::LoadBalancer(_)
                | Endpoint::Host(_)
                | Endpoint::Database(_)
                | Endpoint::Internet(_)
                | Endpoint::Site(_)
                | Endpoint::DirectConnect(_) => Vec::new(),
            };
            (!open.is_empty()).then_some(Exposure {
                endpoint: e,
                address,
                open,
                behind,
            })
        })
        .collect();
    exposed.sort_by(|x, y| x.address.cmp(&y.address));
    exposed
}

/// An opening of a host, as every host alike in its likeness has it: the
/// protocol, the port range, a client that gets through and the client
/// blocks that do not.
struct Alike {
    protocol: Protocol,
    ports: (u16, u16),
    client: Option<std::net::Ipv4Addr>,
    except: Vec<Ipv4Net>,
}

impl Alike {
    fn of(o: &Opening) -> Alike {
        Alike {
            protocol: o.protocol,
            ports: o.ports,
            client: o.path.client,
            except: o.path.except.clone(),
        }
    }
}

/// What decides whether the internet reaches a host on a port, but its own
/// address: its subnet (routes, network ACL, VPC), its security groups and
/// whether it runs.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Likeness {
    subnet: SubnetId,
    groups: Vec<SecurityGroupId>,
    running: bool,
}

impl Likeness {
    fn of(m: &Model, h: Host) -> Likeness {
        let mut groups = h.groups(m);
        groups.sort_unstable_by_key(|g| g.index());
        Likeness {
            subnet: h.subnet(m),
            groups,
            running: h.state_hop(m).decision == Decision::Allow,
        }
    }
}

/// A host's own paths on the ranges a host alike in everything else is
/// open on, each asked for the one client that got through there (the
/// blocks that do not are the same for every host alike); `None` if one
/// does not get through after all (then its openings are worked out in
/// full).
fn paths(m: &Model, a: &Addresses, to: Endpoint, alike: &[Alike]) -> Option<Vec<Opening>> {
    alike
        .iter()
        .map(|x| {
            let query = Query {
                from: Endpoint::Internet(Ipv4Net::from(x.client?)),
                to,
                protocol: x.protocol,
                port: x.ports.0,
            };
            let path = reach(m, a, &query);
            path.reachable.then(|| Opening {
                protocol: x.protocol,
                ports: x.ports,
                path: Verdict {
                    except: x.except.clone(),
                    ..path
                },
            })
        })
        .collect()
}

/// Whether every internet client reaches `to`.
fn ask_every(m: &Model, a: &Addresses, to: Endpoint, protocol: Protocol, port: u16) -> Verdict {
    let query = Query {
        from: Endpoint::Internet(Ipv4Net::default()),
        to,
        protocol,
        port,
    };
    reach_every(m, a, &query)
}

fn openings(m: &Model, a: &Addresses, to: Endpoint) -> Vec<Opening> {
    let ask = |protocol, port| ask_every(m, a, to, protocol, port);
    let mut out = Vec::new();
    for protocol in [Protocol::Tcp, Protocol::Udp] {
        let points = match to {
            Endpoint::Host(h) => port_points(m, h, protocol),
            Endpoint::LoadBalancer(l) => listener_points(m, l, protocol),
            Endpoint::Database(d) => database_points(m, d, protocol),
            Endpoint::Internet(_) | Endpoint::Site(_) | Endpoint::DirectConnect(_) => Vec::new(),
        };
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
/// The targets an exposed load balancer reaches from one of its nodes, on
/// its target groups' ports, behind the listeners the internet reaches.
fn behind(m: &Model, a: &Addresses, l: LoadBalancerId, open: &[Opening]) -> Vec<String> {
    let lb = &m.load_balancers[l];
    let mut out = Vec::new();
    for listener in &lb.listeners {
        let port = u16::try_from(listener.port.value).unwrap_or(0);
        if !open.iter().any(|o| o.ports.0 <= port && port <= o.ports.1) {
            continue;
        }
        for forward in listener.target_groups() {
            let tg = &m.target_groups[forward.id];
            let protocol = if tg.protocol.value == "UDP" {
                Protocol::Udp
            } else {
                Protocol::Tcp
            };
            for (target, port) in targets(m, forward.id) {
                let reached = nodes(m, l).into_iter().any(|node| {
                    let query = Query {
                        from: Endpoint::Host(node),
                        to: Endpoint::Host(target),
                        protocol,
                        port,
                    };
                    reach(m, a, &query).reachable
                });
                if reached {
                    out.push(target.address(m));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A load balancer answers on its listeners' ports only: each port, and
/// the one after it.
fn listener_points(m: &Model, l: LoadBalancerId, protocol: Protocol) -> Vec<u16> {
    let mut points = vec![0u16];
    for x in &m.load_balancers[l].listeners {
        let udp = matches!(x.protocol.value.as_str(), "UDP" | "TCP_UDP");
        let tcp = x.protocol.value != "UDP";
        let carries = match protocol {
            Protocol::Tcp => tcp,
            Protocol::Udp => udp,
            Protocol::Icmp => false,
        };
        if let (true, Ok(port)) = (carries, u16::try_from(x.port.value)) {
            points.push(port);
            points.extend(port.checked_add(1));
        }
    }
    points.sort_unstable();
    points.dedup();
    points
}

/// A database answers on its port, over TCP, only.
fn database_points(m: &Model, d: DbInstanceId, protocol: Protocol) -> Vec<u16> {
    let port = m.db_instances[d].port();
    match protocol {
        Protocol::Tcp => [Some(0), Some(port), port.checked_add(1)]
            .into_iter()
            .flatten()
            .collect(),
        Protocol::Udp | Protocol::Icmp => Vec::new(),
    }
}

fn port_points(m: &Model, i: Host, protocol: Protocol) -> Vec<u16> {
    let mut points = vec![0u16];
    let mut add = |traffic: &ParsedTraffic| {
        let applies = match traffic.protocol {
            Some(Proto::All) => false, // every port alike
            Some(Proto::Number(n)) => n == protocol.number(),
            None => false,
        };
        if let (true, Some(Ok((from, to)))) = (applies, &traffic.ports) {
            let (from, to) = (*from, *to);
            points.push(from);
            if let Some(after) = to.checked_add(1) {
                points.push(after);
            }
        }
    };
    for g in i.groups(m) {
        for rule in &m.security_groups[g].ingress {
            add(&rule.traffic);
        }
    }
    if let Some(acl) = m.network_acl_of(i.subnet(m)) {
        for e in &acl.ingress {
            if matches!(e.cidr.net, Ok(IpNet::V4(_))) {
                add(&e.traffic);
            }
        }
    }
    points.sort_unstable();
    points.dedup();
    points
}
