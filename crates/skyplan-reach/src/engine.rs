//! The paths: instance to instance (same VPC, peered, or through a
//! transit gateway), internet to an instance's public address, and
//! instance to the internet (through an internet gateway or a NAT
//! gateway), each hop in AWS's order, then the reply.

use std::net::Ipv4Addr;

use skyplan_cidr::{IpNet, Ipv4Net, Ipv4Subnets};
use skyplan_model::{
    CidrAny, DbInstanceId, ListenerAction, ListenerRule, LoadBalancerId, Model, RouteTarget,
    SubnetId, TargetGroupId, TransitGatewayId, ids,
};

use crate::addresses::Addresses;
use crate::hop::{Check, Decision, Hop, Verdict};
use crate::host::{Host, placements};
use crate::nacl::{self, Direction as NaclDir, Packet};
use crate::premises;
use crate::query::{Endpoint, Protocol, Query};
use crate::route::{self, Next};
use crate::security_group::{self as sg, Direction as SgDir, Peer};
use crate::transit::{self, Dest, Leg, Memory, Way};
use skyplan_cidr::{is_private, not_internet};
use skyplan_diagnostics::Span;

/// The ephemeral ports of a client's replies (Linux's, as in AWS's own
/// examples): the reply must be allowed for every one.
pub(crate) use skyplan_model::traffic::CLIENT_EPHEMERAL_PORTS as CLIENT_EPHEMERAL;
/// The source ports a NAT gateway uses.
const NAT_PORTS: (u16, u16) = (1024, 65535);
/// The source ports a load balancer node uses for its connections to
/// targets (AWS's network ACL guidance for Elastic Load Balancing).
const LOAD_BALANCER_PORTS: (u16, u16) = (1024, 65535);

/// The ports a reply to `client` goes back to.
pub(crate) fn reply_ports(client: Host) -> (u16, u16) {
    match client {
        Host::Balancer(..) => LOAD_BALANCER_PORTS,
        Host::Instance(_) | Host::Scaled(..) | Host::Database(..) => CLIENT_EPHEMERAL,
    }
}
const ECHO_REQUEST: u8 = 8;
const ECHO_REPLY: u8 = 0;

/// The path so far; a hop it cannot go past ends it.
#[derive(Clone, Default)]
pub(crate) struct Trace {
    forward: Vec<Hop>,
    reply: Vec<Hop>,
    pub(crate) replying: bool,
    /// A filter (a group or an ACL) denied the traffic. The trace goes on
    /// as if it had not, so one answer names every hop to fix; a hop the
    /// path cannot go past (no route, a stopped instance) ends it.
    pub(crate) denied: bool,
}

/// The path was blocked (the blocking hop is the trace's last).
pub(crate) struct Blocked;

impl Trace {
    /// The hops of a leg the path continues with.
    fn append(&mut self, leg: Trace) -> Result<(), Blocked> {
        let blocked = leg.forward.iter().chain(&leg.reply).any(|h| !h.allows());
        self.forward.extend(leg.forward);
        self.reply.extend(leg.reply);
        if blocked { Err(Blocked) } else { Ok(()) }
    }

    pub(crate) fn hop(&mut self, hop: Hop) -> Result<(), Blocked> {
        let allows = hop.allows();
        let passable = hop.decision == Decision::Deny
            && matches!(
                hop.check,
                Check::SecurityGroupEgress
                    | Check::SecurityGroupIngress
                    | Check::NaclOutbound
                    | Check::NaclInbound
            );
        if self.replying {
            self.reply.push(hop);
        } else {
            self.forward.push(hop);
        }
        if allows {
            Ok(())
        } else if passable {
            self.denied = true;
            Ok(())
        } else {
            Err(Blocked)
        }
    }
}

/// What the query sends and what comes back, as the ACLs see them.
pub(crate) struct Traffic {
    pub(crate) protocol: Protocol,
    pub(crate) port: u16,
}

impl Traffic {
    pub(crate) fn request(&self, peer: Ipv4Addr) -> Packet {
        match self.protocol {
            Protocol::Icmp => Packet {
                peer,
                protocol: self.protocol.number(),
                ports: (0, 0),
                icmp_type: Some(ECHO_REQUEST),
            },
            Protocol::Tcp | Protocol::Udp => Packet {
                peer,
                protocol: self.protocol.number(),
                ports: (self.port, self.port),
                icmp_type: None,
            },
        }
    }

    pub(crate) fn reply(&self, peer: Ipv4Addr, ports: (u16, u16)) -> Packet {
        match self.protocol {
            Protocol::Icmp => Packet {
                peer,
                protocol: self.protocol.number(),
                ports: (0, 0),
                icmp_type: Some(ECHO_REPLY),
            },
            Protocol::Tcp | Protocol::Udp => Packet {
                peer,
                protocol: self.protocol.number(),
                ports,
                icmp_type: None,
            },
        }
    }
}

pub(crate) fn hop(
    resource: impl Into<String>,
    check: Check,
    decision: Decision,
    rule: impl Into<String>,
) -> Hop {
    Hop {
        resource: resource.into(),
        check,
        decision,
        rule: rule.into(),
        span: None,
        fix: None,
    }
}

/// Host `i`'s private address; when it is unknown, a hop on `t` says so
/// and the path goes on from 0.0.0.0, so its other hops are still judged.
pub(crate) fn private_address(
    a: &Addresses,
    m: &Model,
    i: Host,
    t: &mut Trace,
) -> Result<Ipv4Addr, Blocked> {
    match a.private(i) {
        Some(ip) => Ok(ip),
        None => t
            .hop(hop(
                i.address(m),
                Check::InstanceState,
                Decision::NotModeled,
                "its private address is unknown",
            ))
            .map(|()| Ipv4Addr::UNSPECIFIED),
    }
}

/// Answers `query` over the model, with instances at `addresses`.
pub fn reach(m: &Model, addresses: &Addresses, query: &Query) -> Verdict {
    answer(m, addresses, query, Clients::Some)
}

/// Answers `query` for the internet as a whole: reachable when more than
/// half of the block's public addresses get through (what "exposed to the
/// internet" means: a network ACL that denies a few addresses before an
/// allow-all does not make a port private), with the blocks that do not
/// in [`Verdict::except`]. Otherwise the same as [`reach`].
pub fn reach_every(m: &Model, addresses: &Addresses, query: &Query) -> Verdict {
    answer(m, addresses, query, Clients::MostOf)
}

/// Which clients of an internet block a verdict is about.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Clients {
    /// Some client gets through.
    Some,
    /// Most of the block's public addresses get through.
    MostOf,
}

fn answer(m: &Model, addresses: &Addresses, query: &Query, clients: Clients) -> Verdict {
    let traffic = Traffic {
        protocol: query.protocol,
        port: query.port,
    };
    match (query.from, query.to) {
        // Each subnet RDS may place it in is asked in turn.
        (Endpoint::Database(d), _) => any_placement(m, d, |h| {
            answer(
                m,
                addresses,
                &Query {
                    from: Endpoint::Host(h),
                    ..*query
                },
                clients,
            )
        }),
        (_, Endpoint::Database(d)) => match listens(m, d, query) {
            Some(refused) => finish(None, |t| t.hop(refused)),
            None => any_placement(m, d, |h| {
                answer(
                    m,
                    addresses,
                    &Query {
                        to: Endpoint::Host(h),
                        ..*query
                    },
                    clients,
                )
            }),
        },
        (Endpoint::Host(s), Endpoint::Host(d)) => finish(None, |t| {
            instance_to_instance(m, addresses, &traffic, s, d, t)
        }),
        (Endpoint::Internet(block), Endpoint::Host(d)) => {
            let stretches = stretches(block, cut_points(m, block, d));
            quantify(clients, stretches, |client, t| {
                internet_to_instance(m, addresses, &traffic, (client, block), d, t)
            })
        }
        (Endpoint::Host(s), Endpoint::Internet(block)) => {
            let stretches = stretches(block, cut_points(m, block, s));
            quantify(clients, stretches, |client, t| {
                instance_to_internet(m, addresses, &traffic, s, (client, block), t)
            })
        }
        (Endpoint::Internet(block), Endpoint::LoadBalancer(l)) => {
            let nodes = nodes(m, l);
            let points: Vec<u32> = nodes
                .iter()
                .flat_map(|n| cut_points(m, block, *n))
                .collect();
            quantify(clients, stretches(block, points), |client, t| {
                to_balancer(m, addresses, &traffic, l, t, |node, t| {
                    internet_to_instance(m, addresses, &traffic, (client, block), node, t)
                })
            })
        }
        (Endpoint::Host(s), Endpoint::LoadBalancer(l)) => finish(None, |t| {
            to_balancer(m, addresses, &traffic, l, t, |node, t| {
                instance_to_instance(m, addresses, &traffic, s, node, t)
            })
        }),
        (Endpoint::LoadBalancer(l), _) => finish(None, |t| {
            t.hop(hop(
                m.load_balancers[l].common.address.clone(),
                Check::Listener,
                Decision::NotModeled,
                "a load balancer opens connections only to its targets: ask from a client to it",
            ))
        }),
        (Endpoint::Site(c), Endpoint::Host(d)) => {
            let stretches = site_stretches(m, &m.customer_gateways[c].networks, &[d]);
            quantify(clients, stretches, |client, t| {
                premises::site_to_host(m, addresses, &traffic, (c, client), d, t)
            })
        }
        (Endpoint::Site(c), Endpoint::LoadBalancer(l)) => {
            let stretches = site_stretches(m, &m.customer_gateways[c].networks, &nodes(m, l));
            quantify(clients, stretches, |client, t| {
                to_balancer(m, addresses, &traffic, l, t, |node, t| {
                    premises::site_to_host(m, addresses, &traffic, (c, client), node, t)
                })
            })
        }
        (Endpoint::Host(s), Endpoint::Site(c)) => {
            let stretches = site_stretches(m, &m.customer_gateways[c].networks, &[s]);
            quantify(clients, stretches, |server, t| {
                premises::host_to_site(m, addresses, &traffic, s, (c, server), t)
            })
        }
        (Endpoint::DirectConnect(x), Endpoint::Host(d)) => {
            let stretches = site_stretches(m, &m.dx_gateways[x].networks, &[d]);
            quantify(clients, stretches, |client, t| {
                premises::dx_to_host(m, addresses, &traffic, (x, client), d, t)
            })
        }
        (Endpoint::DirectConnect(x), Endpoint::LoadBalancer(l)) => {
            let stretches = site_stretches(m, &m.dx_gateways[x].networks, &nodes(m, l));
            quantify(clients, stretches, |client, t| {
                to_balancer(m, addresses, &traffic, l, t, |node, t| {
                    premises::dx_to_host(m, addresses, &traffic, (x, client), node, t)
                })
            })
        }
        (Endpoint::Host(s), Endpoint::DirectConnect(x)) => {
            let stretches = site_stretches(m, &m.dx_gateways[x].networks, &[s]);
            quantify(clients, stretches, |server, t| {
                premises::host_to_dx(m, addresses, &traffic, s, (x, server), t)
            })
        }
        (
            Endpoint::Internet(_) | Endpoint::Site(_) | Endpoint::DirectConnect(_),
            Endpoint::Internet(_) | Endpoint::Site(_) | Endpoint::DirectConnect(_),
        ) => finish(None, |t| {
            t.hop(hop(
                "the query",
                Check::Route,
                Decision::NotModeled,
                "both ends are outside the stack's VPCs: name a host at one end",
            ))
        }),
    }
}

/// A database wherever RDS places it: the first placement that gets
/// through decides (as for a load balancer's nodes), else the one whose
/// path got furthest.
fn any_placement(m: &Model, d: DbInstanceId, ask: impl Fn(Host) -> Verdict) -> Verdict {
    let len = |v: &Verdict| v.forward.len() + v.reply.len();
    let mut furthest: Option<Verdict> = None;
    for h in placements(m, d) {
        let v = ask(h);
        if v.reachable {
            return v;
        }
        if furthest.as_ref().is_none_or(|f| len(&v) > len(f)) {
            furthest = Some(v);
        }
    }
    furthest.unwrap_or_else(|| {
        finish(None, |t| {
            t.hop(hop(
                m.db_instances[d].common.address.clone(),
                Check::InstanceState,
                Decision::Deny,
                "its subnet group has no subnet",
            ))
        })
    })
}

/// A database answers on its port, over TCP, only: the hop that says so
/// when the query asks about anything else.
fn listens(m: &Model, d: DbInstanceId, query: &Query) -> Option<Hop> {
    let db = &m.db_instances[d];
    let port = db.port();
    if query.protocol == Protocol::Tcp && query.port == port {
        return None;
    }
    Some(Hop {
        resource: db.common.address.clone(),
        check: Check::Listener,
        decision: Decision::Deny,
        rule: format!("it listens on tcp {port} only"),
        span: Some(db.port.as_ref().map_or(db.common.name.span, |p| p.span)),
        fix: Some(format!("ask about tcp {port}")),
    })
}

/// Runs one path and turns its trace into a verdict.
fn finish(
    client: Option<Ipv4Addr>,
    path: impl FnOnce(&mut Trace) -> Result<(), Blocked>,
) -> Verdict {
    let mut t = Trace {
        forward: Vec::new(),
        reply: Vec::new(),
        replying: false,
        denied: false,
    };
    let reachable = path(&mut t).is_ok() && !t.denied;
    let verdict = Verdict {
        reachable,
        forward: t.forward,
        reply: t.reply,
        fix: None,
        client,
        except: Vec::new(),
    };
    // Every blocking hop's fix, in path order: fixing only the first would
    // leave the next one to find.
    let fixes: Vec<String> = verdict
        .blocking()
        .map(|h| h.fix.clone().unwrap_or_else(|| fix_for(h)))
        .collect();
    let fix = (!fixes.is_empty()).then(|| fixes.join("; and "));
    Verdict { fix, ..verdict }
}

/// A stretch of an internet block that every CIDR on a path treats alike:
/// its first and last public address.
#[derive(Clone, Copy)]
struct Stretch {
    first: Ipv4Addr,
    last: Ipv4Addr,
}

impl Stretch {
    fn size(self) -> u64 {
        u64::from(u32::from(self.last)) - u64::from(u32::from(self.first)) + 1
    }
}

/// For some client: the first stretch's client that gets through, else the
/// one whose path got furthest. For most of the block: reachable when the
/// stretches that get through hold more than half of its public addresses;
/// the path of the first that does, with the others as exceptions, else
/// the path of the first that does not.
fn quantify(
    clients: Clients,
    stretches: Vec<Stretch>,
    path: impl Fn(Ipv4Addr, &mut Trace) -> Result<(), Blocked>,
) -> Verdict {
    let len = |v: &Verdict| v.forward.len() + v.reply.len();
    let mut furthest: Option<Verdict> = None;
    let mut through: Option<Verdict> = None;
    let mut refused: Option<Verdict> = None;
    let (mut open, mut total) = (0u64, 0u64);
    let mut except: Vec<Stretch> = Vec::new();
    for stretch in stretches {
        let v = finish(Some(stretch.first), |t| path(stretch.first, t));
        total += stretch.size();
        match clients {
            Clients::Some if v.reachable => return v,
            Clients::Some => {
                if furthest.as_ref().is_none_or(|f| len(&v) > len(f)) {
                    furthest = Some(v);
                }
            }
            Clients::MostOf if v.reachable => {
                open += stretch.size();
                through.get_or_insert(v);
            }
            Clients::MostOf => {
                except.push(stretch);
                refused.get_or_insert(v);
            }
        }
    }
    let decided = match clients {
        Clients::Some => furthest,
        Clients::MostOf if open * 2 > total => through.map(|v| Verdict {
            except: except
                .iter()
                .flat_map(|s| Ipv4Subnets::new(s.first, s.last, 0))
                .collect(),
            ..v
        }),
        Clients::MostOf => refused,
    };
    decided.unwrap_or_else(|| {
        finish(None, |t| {
            t.hop(hop(
                "the query",
                Check::Route,
                Decision::NoRoute,
                "the block holds no public address",
            ))
        })
    })
}

/// Where the stretches of `block` that every CIDR on the host's paths
/// treats alike start (the block's own start included); the ranges no
/// internet client has are among them, so each stretch is wholly public
/// or wholly not.
fn cut_points(m: &Model, block: Ipv4Net, instance: Host) -> Vec<u32> {
    let mut nets: Vec<Ipv4Net> = not_internet().collect();
    let vpc = instance.vpc(m);
    let mut subnets = vec![instance.subnet(m)];
    subnets.extend(
        m.nat_gateways
            .iter()
            .map(|n| n.subnet.id)
            .filter(|s| m.subnet_vpc(*s) == vpc),
    );
    for s in &subnets {
        if let Some(acl) = m.network_acl_of(*s) {
            for e in acl.ingress.iter().chain(&acl.egress) {
                if let Ok(IpNet::V4(n)) = e.cidr.net {
                    nets.push(n);
                }
            }
        }
        if let Some(t) = m.route_table_of(*s) {
            nets.extend(
                m.route_tables[t]
                    .routes
                    .iter()
                    .flat_map(|r| m.route_ipv4_blocks(r)),
            );
        }
    }
    for g in instance.groups(m) {
        let sg = &m.security_groups[g];
        for rule in sg.ingress.iter().chain(sg.egress.iter().flatten()) {
            let listed = rule
                .prefix_list
                .iter()
                .flat_map(|l| m.prefix_lists[l.id].blocks());
            for net in rule.all_cidrs().filter_map(|c| c.ok()).chain(listed) {
                if let IpNet::V4(n) = net {
                    nets.push(n);
                }
            }
        }
    }
    let mut points = vec![u32::from(block.network())];
    for n in nets {
        points.push(u32::from(n.network()));
        if let Some(after) = u32::from(n.broadcast()).checked_add(1) {
            points.push(after);
        }
    }
    points
}

/// The public stretches of `block` that `points` cut it into.
fn stretches(block: Ipv4Net, points: Vec<u32>) -> Vec<Stretch> {
    let mut out = all_stretches(block, points);
    out.retain(|s| !is_private(s.first));
    out
}

/// Every stretch of `block` that `points` cut it into.
fn all_stretches(block: Ipv4Net, mut points: Vec<u32>) -> Vec<Stretch> {
    let (start, end) = (u32::from(block.network()), u32::from(block.broadcast()));
    points.retain(|p| (start..=end).contains(p));
    points.sort_unstable();
    points.dedup();
    points
        .iter()
        .enumerate()
        .map(|(i, &p)| Stretch {
            first: Ipv4Addr::from(p),
            last: Ipv4Addr::from(points.get(i + 1).map_or(end, |next| next - 1)),
        })
        .collect()
}

/// The stretches of a site's `networks` (a customer gateway's, or what
/// the premises advertise over a Direct Connect gateway) that every CIDR
/// on the hosts' paths treats alike: the hosts' own cut points, every
/// network ACL's (a path over a transit gateway crosses other subnets'
/// ACLs), every VPN's and Direct Connect gateway's routes and every
/// transit gateway static route.
fn site_stretches(m: &Model, networks: &[CidrAny], hosts: &[Host]) -> Vec<Stretch> {
    let acls = (m.network_acls.iter()).chain(m.default_network_acls.iter().map(|d| &d.acl));
    let v4 = |net: Option<IpNet>| match net {
        Some(IpNet::V4(n)) => Some(n),
        Some(IpNet::V6(_)) | None => None,
    };
    let acl_blocks = acls
        .flat_map(|acl| acl.ingress.iter().chain(&acl.egress))
        .filter_map(|e| v4(e.cidr.ok()));
    let vpn_blocks = (m.vpn_connections.iter().flat_map(|v| m.vpn_ipv4_blocks(v)))
        .chain(ids(&m.dx_gateways).flat_map(|x| transit::dx_ipv4_blocks(m, x)));
    let static_blocks = (m.transit_gateway_route_tables.iter())
        .flat_map(|t| &t.routes)
        .filter_map(|r| v4(r.destination.ok()));
    let acl_blocks: Vec<Ipv4Net> = acl_blocks.chain(vpn_blocks).chain(static_blocks).collect();
    let mut out = Vec::new();
    for block in networks.iter().filter_map(|n| match n.ok() {
        Some(IpNet::V4(b)) => Some(b.trunc()),
        Some(IpNet::V6(_)) | None => None,
    }) {
        let mut points: Vec<u32> = hosts
            .iter()
            .flat_map(|h| cut_points(m, block, *h))
            .collect();
        for n in &acl_blocks {
            points.push(u32::from(n.network()));
            if let Some(after) = u32::from(n.broadcast()).checked_add(1) {
                points.push(after);
            }
        }
        let mut stretches = all_stretches(block, points);
        // A block's network and broadcast addresses are no host's (a /31
        // or /32 is all hosts).
        if block.prefix_len() <= 30 {
            let hosts = (block.network(), block.broadcast());
            stretches.retain(|s| s.first != s.last || (s.first != hosts.0 && s.first != hosts.1));
            for s in &mut stretches {
                if s.first == hosts.0 {
                    s.first = Ipv4Addr::from(u32::from(hosts.0) + 1);
                }
                if s.last == hosts.1 {
                    s.last = Ipv4Addr::from(u32::from(hosts.1) - 1);
                }
            }
        }
        out.extend(stretches);
    }
    out
}

fn instance_to_instance(
    m: &Model,
    a: &Addresses,
    traffic: &Traffic,
    s: Host,
    d: Host,
    t: &mut Trace,
) -> Result<(), Blocked> {
    // A load balancer's node is active: its path to a target starts at its
    // group (the client's path already shows it).
    if !matches!(s, Host::Balancer(..)) {
        t.hop(s.state_hop(m))?;
    }
    if s == d {
        return t.hop(Hop {
            resource: s.address(m),
            check: Check::Loopback,
            decision: Decision::Allow,
            rule: "traffic to itself never leaves it: no security group or network ACL applies"
                .into(),
            span: Some(s.span(m)),
            fix: None,
        });
    }
    let sip = private_address(a, m, s, t)?;
    let dip = private_address(a, m, d, t)?;
    let (port, protocol) = (traffic.port, traffic.protocol);
    t.hop(sg::decide(
        m,
        s,
        SgDir::Egress,
        &Peer {
            ip: dip,
            instance: Some(d),
            block: None,
        },
        protocol,
        port,
    ))?;
    let (ss, ds) = (s.subnet(m), d.subnet(m));
    let crosses = ss != ds;
    let mut peering = None;
    let mut hub = None;
    let mut memory = Memory::default();
    if crosses {
        let (next, route_hop) = route::lookup(m, ss, dip);
        let (sv, dv) = (m.subnet_vpc(ss), m.subnet_vpc(ds));
        match next {
            Next::Local if sv == dv => t.hop(route_hop)?,
            Next::Target(RouteTarget::VpcPeering(p))
                if m.vpc_peerings[p.id].peer_of(sv) == Some(dv) =>
            {
                peering = Some(p.id);
                t.hop(route_hop)?;
            }
            Next::Target(RouteTarget::TransitGateway(g)) if sv != dv => {
                hub = Some(g.id);
                t.hop(route_hop)?;
            }
            _ => t.hop(not_carried(m, route_hop, next, dip))?,
        }
        t.hop(nacl::decide(
            m,
            ss,
            NaclDir::Outbound,
            &traffic.request(dip),
        ))?;
        let leg = Leg {
            to: Dest::Subnet(ds),
            source: sip,
            destination: dip,
        };
        let way = Way {
            packet: &|ip| traffic.request(ip),
            request: Some((protocol, port)),
        };
        arrive(m, hub, (ss, ds), &leg, &way, &mut memory, t)?;
    }
    t.hop(sg::decide(
        m,
        d,
        SgDir::Ingress,
        &Peer {
            ip: sip,
            instance: Some(s),
            block: None,
        },
        protocol,
        port,
    ))?;
    t.hop(d.state_hop(m))?;
    t.replying = true;
    if crosses {
        t.hop(nacl::decide(
            m,
            ds,
            NaclDir::Outbound,
            &traffic.reply(sip, reply_ports(s)),
        ))?;
        let (next, route_hop) = route::lookup(m, ds, sip);
        match (next, peering, hub) {
            (Next::Local, None, None) => t.hop(route_hop)?,
            (Next::Target(RouteTarget::VpcPeering(p)), Some(q), None) if p.id == q => {
                t.hop(route_hop)?;
            }
            (Next::Target(RouteTarget::TransitGateway(g)), None, Some(h)) if g.id == h => {
                t.hop(route_hop)?;
            }
            _ => t.hop(not_carried(m, route_hop, next, sip))?,
        }
        let leg = Leg {
            to: Dest::Subnet(ss),
            source: dip,
            destination: sip,
        };
        let way = Way {
            packet: &|ip| traffic.reply(ip, reply_ports(s)),
            request: None,
        };
        arrive(m, hub, (ds, ss), &leg, &way, &mut memory, t)?;
        if let Some(h) = memory.bypassed(m) {
            t.hop(h)?;
        }
    }
    Ok(())
}

/// From leaving subnet `from` (its outbound ACL passed) to entering `to`:
/// its inbound ACL, or the way through transit gateway `hub`.
fn arrive(
    m: &Model,
    hub: Option<TransitGatewayId>,
    (from, to): (SubnetId, SubnetId),
    leg: &Leg,
    way: &Way,
    memory: &mut Memory,
    t: &mut Trace,
) -> Result<(), Blocked> {
    match hub {
        None => t.hop(nacl::decide(
            m,
            to,
            NaclDir::Inbound,
            &(way.packet)(leg.source),
        )),
        Some(g) => transit::cross(m, g, from, leg, way, memory)
            .into_iter()
            .try_for_each(|h| t.hop(h)),
    }
}

/// A load balancer's nodes, one per subnet.
pub(crate) fn nodes(m: &Model, l: LoadBalancerId) -> Vec<Host> {
    (0..m.load_balancers[l].subnets.len())
        .map(|k| Host::Balancer(l, k as u32))
        .collect()
}

/// The hops so far, for keeping the path that got furthest.
fn length(t: &Trace) -> usize {
    t.forward.len() + t.reply.len()
}

/// The trace of what `first_through` found: the way that got through, else
/// the furthest (blocked), else the hop `none` says why there was no way.
pub(crate) fn settle(
    t: &mut Trace,
    tried: Result<Trace, Option<Trace>>,
    none: impl FnOnce() -> Hop,
) -> Result<(), Blocked> {
    match tried {
        Ok(leg) => {
            *t = leg;
            Ok(())
        }
        Err(Some(furthest)) => {
            *t = furthest;
            Err(Blocked)
        }
        Err(None) => t.hop(none()),
    }
}

/// Each of `ways` tried from `start` by `through` (which says whether it
/// got through): the first that does, else the one that got furthest
/// (`None` when there is no way at all).
pub(crate) fn first_through<W>(
    start: &Trace,
    ways: impl IntoIterator<Item = W>,
    mut through: impl FnMut(W, &mut Trace) -> bool,
) -> Result<Trace, Option<Trace>> {
    let mut furthest: Option<Trace> = None;
    for way in ways {
        let mut leg = start.clone();
        if through(way, &mut leg) {
            return Ok(leg);
        }
        if furthest.as_ref().is_none_or(|f| length(&leg) > length(f)) {
            furthest = Some(leg);
        }
    }
    Err(furthest)
}

/// A client to a load balancer: `client_leg` to one of its nodes (the first
/// that gets through decides, as DNS hands clients every node), then the
/// listener for the port and a target behind it.
fn to_balancer(
    m: &Model,
    a: &Addresses,
    traffic: &Traffic,
    l: LoadBalancerId,
    t: &mut Trace,
    client_leg: impl Fn(Host, &mut Trace) -> Result<(), Blocked>,
) -> Result<(), Blocked> {
    let tried = first_through(&Trace::default(), nodes(m, l), |node, leg| {
        // The client's replies come back last, and only if the load
        // balancer's own connection gets through.
        client_leg(node, leg).is_ok() && !leg.denied && {
            let replies = std::mem::take(&mut leg.reply);
            let onward = listener_and_targets(m, a, traffic, l, node, leg).is_ok() && !leg.denied;
            if onward {
                leg.reply.extend(replies);
            }
            onward
        }
    });
    let none = || {
        hop(
            m.load_balancers[l].common.address.clone(),
            Check::Listener,
            Decision::Deny,
            "it has no subnet",
        )
    };
    settle(t, tried, none)
}

/// Whether a listener of `protocol` takes traffic of the query's protocol.
fn listener_carries(listener: &str, protocol: Protocol) -> bool {
    match protocol {
        Protocol::Tcp => matches!(listener, "HTTP" | "HTTPS" | "TCP" | "TLS" | "TCP_UDP"),
        Protocol::Udp => matches!(listener, "UDP" | "TCP_UDP"),
        Protocol::Icmp => false,
    }
}

/// Every target of a target group the stack has, with the port it
/// receives traffic on: its instances, the instances its IP targets are
/// (by their `private_ip`), and the instances of the auto scaling groups
/// registered with it.
pub(crate) fn targets(m: &Model, tg: TargetGroupId) -> Vec<(Host, u16)> {
    let group = &m.target_groups[tg];
    let port = u16::try_from(group.port.value).unwrap_or(0);
    let mut out: Vec<(Host, u16)> = (group.targets.iter())
        .map(|t| (Host::Instance(t.id), port))
        .collect();
    for t in &group.ip_targets {
        if let Some(i) = t.instance {
            let own = t.port.as_ref().and_then(|p| u16::try_from(p.value).ok());
            out.push((Host::Instance(i), own.unwrap_or(port)));
        }
    }
    for (g, asg) in m.auto_scaling_groups.iter().enumerate() {
        if asg.target_groups.iter().any(|t| t.id == tg) {
            let hosts = crate::host::scaled_hosts(m, skyplan_model::Id::new(g));
            out.extend(hosts.into_iter().map(|h| (h, port)));
        }
    }
    out
}

/// A target group's IP targets that are no instance of the stack (a
/// container's, a server's behind a VPN): where they are is not known.
fn foreign_targets(m: &Model, tg: TargetGroupId) -> Vec<&str> {
    (m.target_groups[tg].ip_targets.iter())
        .filter(|t| t.instance.is_none())
        .map(|t| t.written.value.as_str())
        .collect()
}

/// The listener for the query's port, then the load balancer's own
/// connection from `node` to a target of its group on the group's port
/// (the first target that gets through decides).
fn listener_and_targets(
    m: &Model,
    a: &Addresses,
    traffic: &Traffic,
    l: LoadBalancerId,
    node: Host,
    t: &mut Trace,
) -> Result<(), Blocked> {
    let lb = &m.load_balancers[l];
    t.replying = false;
    let listener = lb.listeners.iter().find(|x| {
        u16::try_from(x.port.value) == Ok(traffic.port)
            && listener_carries(&x.protocol.value, traffic.protocol)
    });
    let Some(listener) = listener else {
        return t.hop(Hop {
            resource: lb.common.address.clone(),
            check: Check::Listener,
            decision: Decision::Deny,
            rule: format!(
                "no listener for {} {}",
                traffic.protocol.as_str(),
                traffic.port
            ),
            span: Some(lb.common.name.span),
            fix: Some(format!(
                "add to {} `listeners:` `{{port: {}, protocol: ..., target_group: ...}}`",
                lb.common.address, traffic.port
            )),
        });
    };
    // Its rules, lowest priority first, then its own action: a request
    // with the matching host or path takes a rule, so the first that gets
    // through decides; a target group before an answer of the load
    // balancer's own (which opens the connection but reaches nothing).
    let own = format!(
        "listener {} {}",
        listener.port.value, listener.protocol.value
    );
    let mut rules: Vec<&ListenerRule> = listener.rules.iter().collect();
    rules.sort_by_key(|r| r.priority.value);
    let mut choices: Vec<(String, Option<&ListenerAction>, Span)> = (rules.iter())
        .map(|r| {
            (
                format!("{own} rule {}", r.priority.value),
                r.action(),
                r.span,
            )
        })
        .collect();
    choices.push((own, listener.action(), listener.span));
    let forwards = choices
        .iter()
        .filter_map(|(label, action, span)| match action {
            Some(ListenerAction::Forward(tg)) => Some((label, *span, tg.id)),
            Some(ListenerAction::Redirect(_) | ListenerAction::FixedResponse(_)) | None => None,
        });
    let tried = first_through(t, forwards, |(label, span, tg), leg| {
        forward(m, a, (label, span), (l, node), tg, leg).is_ok() && !leg.denied
    });
    let furthest = match tried {
        Ok(leg) => {
            *t = leg;
            return Ok(());
        }
        Err(furthest) => furthest,
    };
    let answer = choices
        .iter()
        .find_map(|(label, action, span)| match action {
            Some(ListenerAction::Redirect(r)) => Some(format!(
                "{label} answers with a redirect ({}) to {}://{}:{}{}: it forwards nothing",
                r.status(),
                r.protocol(),
                r.host(),
                r.port(),
                r.path()
            ))
            .map(|rule| (rule, *span)),
            Some(ListenerAction::FixedResponse(f)) => Some((
                format!(
                    "{label} answers with a fixed {} response: it forwards nothing",
                    f.status.value
                ),
                *span,
            )),
            Some(ListenerAction::Forward(_)) | None => None,
        });
    if let (None, Some((rule, span))) = (&furthest, answer) {
        // It answers the client itself: the connection is open.
        return t.hop(Hop {
            resource: lb.common.address.clone(),
            check: Check::Listener,
            decision: Decision::Allow,
            rule,
            span: Some(span),
            fix: None,
        });
    }
    match furthest {
        Some(f) => {
            *t = f;
            Err(Blocked)
        }
        // LB012 reports a listener or rule without exactly one action.
        None => t.hop(hop(
            lb.common.address.clone(),
            Check::Listener,
            Decision::NotModeled,
            "the listener does not have exactly one action",
        )),
    }
}

/// A listener or rule (`label`, written at `span`) forwarding to target
/// group `tg_id`: the load balancer's own connection from `node` to one of
/// its targets on the group's port (the first that gets through decides).
fn forward(
    m: &Model,
    a: &Addresses,
    (label, span): (&str, Span),
    (l, node): (LoadBalancerId, Host),
    tg_id: TargetGroupId,
    t: &mut Trace,
) -> Result<(), Blocked> {
    let lb = &m.load_balancers[l];
    let tg = &m.target_groups[tg_id];
    t.hop(Hop {
        resource: lb.common.address.clone(),
        check: Check::Listener,
        decision: Decision::Allow,
        rule: format!("{label} -> {}", tg.common.address),
        span: Some(span),
        fix: None,
    })?;
    // A network load balancer preserves clients' addresses to instance
    // targets: what their groups must admit is the client, which this leg
    // does not model yet (no verdict rather than a wrong one).
    if lb.lb_type.value == skyplan_spec::LoadBalancerType::Network {
        return t.hop(hop(
            tg.common.address.clone(),
            Check::TargetGroup,
            Decision::NotModeled,
            "a network load balancer passes the client's address to its targets; that leg is not evaluated yet",
        ));
    }
    let hosts = targets(m, tg_id);
    let foreign = foreign_targets(m, tg_id);
    let unknown_targets = || {
        hop(
            tg.common.address.clone(),
            Check::TargetGroup,
            Decision::NotModeled,
            format!(
                "its IP targets {} are no instance of the stack: whether they answer is not evaluated",
                foreign.join(", ")
            ),
        )
    };
    if hosts.is_empty() && !foreign.is_empty() {
        return t.hop(unknown_targets());
    }
    if hosts.is_empty() {
        return t.hop(Hop {
            resource: tg.common.address.clone(),
            check: Check::TargetGroup,
            decision: Decision::Deny,
            rule: "no targets: nothing is registered with it".into(),
            span: Some(tg.common.name.span),
            fix: Some(format!(
                "list instances in {} `targets:`, or name it in an auto scaling group's `target_groups:`",
                tg.common.address
            )),
        });
    }
    let protocol = if matches!(tg.protocol.value.as_str(), "UDP") {
        Protocol::Udp
    } else {
        Protocol::Tcp
    };
    let tried = first_through(&Trace::default(), hosts, |(target, port), leg| {
        let onward = Traffic { protocol, port };
        let forwards = hop(
            tg.common.address.clone(),
            Check::TargetGroup,
            Decision::Allow,
            format!(
                "forwards to {} on {} {}",
                target.address(m),
                onward.protocol.as_str(),
                onward.port
            ),
        );
        leg.hop(forwards).is_ok()
            && instance_to_instance(m, a, &onward, node, target, leg).is_ok()
            && !leg.denied
    });
    match tried {
        Ok(leg) => t.append(leg),
        // A target the stack does not have might answer.
        Err(_) if !foreign.is_empty() => t.hop(unknown_targets()),
        Err(Some(f)) => t.append(f).and(Err(Blocked)),
        Err(None) => Err(Blocked),
    }
}

/// A route that exists but cannot carry this traffic, as a blocking hop.
pub(crate) fn not_carried(m: &Model, route_hop: Hop, next: Next, destination: Ipv4Addr) -> Hop {
    let why = match next {
        Next::Nowhere => return route_hop,
        Next::Local => format!("{destination} is local to this VPC, not where the traffic must go"),
        Next::Target(RouteTarget::InternetGateway(_)) => {
            format!(
                "an internet gateway does not carry traffic to the private address {destination}"
            )
        }
        Next::Target(RouteTarget::VpcPeering(p)) => format!(
            "{} does not lead there (peering is not transitive)",
            m.vpc_peerings[p.id].common.address
        ),
        Next::Target(RouteTarget::EgressOnlyInternetGateway(_)) => {
            "an egress-only internet gateway carries only IPv6 traffic".to_string()
        }
        Next::Target(RouteTarget::NatGateway(_) | RouteTarget::Instance(_)) => {
            return route_hop.but(Decision::NotModeled, "forwarding private traffic through a NAT gateway or an instance is not evaluated yet");
        }
        Next::Target(RouteTarget::VpnGateway(_)) => {
            return route_hop.but(Decision::NotModeled, "past the VPN is a site's network, whose hosts are not in the stack (a site's clients are asked as `customer_gateway.NAME`)");
        }
        Next::Target(RouteTarget::TransitGateway(_)) => {
            return route_hop.but(
                Decision::NotModeled,
                "only VPC-to-VPC paths through a transit gateway are evaluated yet",
            );
        }
    };
    route_hop.but(Decision::NoRoute, why)
}

/// Whether an instance has a public address now (see [`public_hop`]).
pub(crate) fn has_public_address(m: &Model, i: Host) -> bool {
    i.public_hop(m, None).allows()
}

fn internet_gateway_hop(m: &Model, i: Host) -> Hop {
    let vpc = i.vpc(m);
    match m.internet_gateways.iter().find(|g| g.vpc.id == vpc) {
        Some(g) => hop(
            g.common.address.clone(),
            Check::InternetGateway,
            Decision::Allow,
            format!("attached to {}", m.vpcs[vpc].common.address),
        ),
        None => Hop {
            resource: m.vpcs[vpc].common.address.clone(),
            check: Check::InternetGateway,
            decision: Decision::Deny,
            rule: "no internet gateway is attached to the VPC".into(),
            span: Some(m.vpcs[vpc].common.name.span),
            fix: None,
        },
    }
}

/// Host `s`'s own hops for a request to `server`, an address outside the
/// stack's hosts (in `block` of the internet, if known): it runs, its
/// private address (the request's source), its groups' egress.
pub(crate) fn leave_for(
    m: &Model,
    a: &Addresses,
    traffic: &Traffic,
    s: Host,
    (server, block): (Ipv4Addr, Option<Ipv4Net>),
    t: &mut Trace,
) -> Result<Ipv4Addr, Blocked> {
    t.hop(s.state_hop(m))?;
    let sip = private_address(a, m, s, t)?;
    let peer = Peer {
        ip: server,
        instance: None,
        block,
    };
    t.hop(sg::decide(
        m,
        s,
        SgDir::Egress,
        &peer,
        traffic.protocol,
        traffic.port,
    ))?;
    Ok(sip)
}

fn internet_to_instance(
    m: &Model,
    a: &Addresses,
    traffic: &Traffic,
    (client, block): (Ipv4Addr, Ipv4Net),
    d: Host,
    t: &mut Trace,
) -> Result<(), Blocked> {
    t.hop(d.public_hop(m, a.public(d)))?;
    t.hop(internet_gateway_hop(m, d))?;
    let ds = d.subnet(m);
    t.hop(nacl::decide(
        m,
        ds,
        NaclDir::Inbound,
        &traffic.request(client),
    ))?;
    let peer = Peer {
        ip: client,
        instance: None,
        block: Some(block),
    };
    t.hop(sg::decide(
        m,
        d,
        SgDir::Ingress,
        &peer,
        traffic.protocol,
        traffic.port,
    ))?;
    t.hop(d.state_hop(m))?;
    t.replying = true;
    t.hop(nacl::decide(
        m,
        ds,
        NaclDir::Outbound,
        &traffic.reply(client, CLIENT_EPHEMERAL),
    ))?;
    let (next, route_hop) = route::lookup(m, ds, client);
    match next {
        Next::Target(RouteTarget::InternetGateway(_)) => t.hop(route_hop),
        Next::Target(RouteTarget::NatGateway(_)) => t.hop(route_hop.but(
            Decision::NoRoute,
            "replies leave through the NAT gateway, with its address, and never reach the client",
        )),
        _ => t.hop(route_hop.but(
            Decision::NoRoute,
            format!("replies to {client} never reach the internet gateway"),
        )),
    }
}

fn instance_to_internet(
    m: &Model,
    a: &Addresses,
    traffic: &Traffic,
    s: Host,
    (server, block): (Ipv4Addr, Ipv4Net),
    t: &mut Trace,
) -> Result<(), Blocked> {
    let sip = leave_for(m, a, traffic, s, (server, Some(block)), t)?;
    let ss = s.subnet(m);
    let (next, route_hop) = route::lookup(m, ss, server);
    match next {
        Next::Target(RouteTarget::InternetGateway(_)) => {
            t.hop(route_hop)?;
            t.hop(s.public_hop(m, a.public(s)))?;
            t.hop(nacl::decide(
                m,
                ss,
                NaclDir::Outbound,
                &traffic.request(server),
            ))?;
            t.replying = true;
            t.hop(nacl::decide(
                m,
                ss,
                NaclDir::Inbound,
                &traffic.reply(server, CLIENT_EPHEMERAL),
            ))
        }
        Next::Target(RouteTarget::NatGateway(n)) => {
            let nat = &m.nat_gateways[n.id];
            let ns = nat.subnet.id;
            let refused = if !nat.public {
                Some("a private NAT gateway never reaches the internet".to_string())
            } else if ns == ss {
                Some("a NAT gateway does not serve its own subnet".to_string())
            } else {
                None
            };
            if let Some(why) = refused {
                return t.hop(route_hop.but(Decision::NoRoute, why));
            }
            t.hop(route_hop)?;
            t.hop(nacl::decide(
                m,
                ss,
                NaclDir::Outbound,
                &traffic.request(server),
            ))?;
            t.hop(nacl::decide(m, ns, NaclDir::Inbound, &traffic.request(sip)))?;
            let (onward, nat_route) = route::lookup(m, ns, server);
            match onward {
                Next::Target(RouteTarget::InternetGateway(_)) => t.hop(Hop {
                    check: Check::NatGateway,
                    rule: format!("{} (NAT gateway's subnet) {}", nat_route.resource, nat_route.rule),
                    resource: nat.common.address.clone(),
                    ..nat_route
                })?,
                _ => t.hop(Hop {
                    check: Check::NatGateway,
                    decision: Decision::NoRoute,
                    rule: format!(
                        "{} (NAT gateway's subnet) {}: it does not route {server} to an internet gateway",
                        nat_route.resource, nat_route.rule
                    ),
                    resource: nat.common.address.clone(),
                    ..nat_route
                })?,
            }
            t.hop(nacl::decide(
                m,
                ns,
                NaclDir::Outbound,
                &traffic.request(server),
            ))?;
            t.replying = true;
            t.hop(nacl::decide(
                m,
                ns,
                NaclDir::Inbound,
                &traffic.reply(server, NAT_PORTS),
            ))?;
            t.hop(nacl::decide(
                m,
                ns,
                NaclDir::Outbound,
                &traffic.reply(sip, CLIENT_EPHEMERAL),
            ))?;
            t.hop(nacl::decide(
                m,
                ss,
                NaclDir::Inbound,
                &traffic.reply(server, CLIENT_EPHEMERAL),
            ))
        }
        other => t.hop(not_carried(m, route_hop, other, server)),
    }
}

/// What would let the traffic through the blocking hop.
fn fix_for(h: &Hop) -> String {
    match (h.check, h.decision) {
        (_, Decision::NotModeled) => {
            "skyplan does not evaluate this path yet; check it by hand".into()
        }
        (Check::InstanceState, _) => format!("start {} (`state: running`)", h.resource),
        // A loopback hop always allows: it never blocks.
        (Check::Loopback, _) => String::new(),
        (Check::PublicAddress, _) if h.resource.starts_with("load_balancer.") => format!(
            "make {} internet-facing, in subnets routed to an internet gateway",
            h.resource
        ),
        (Check::PublicAddress, _) if h.resource.starts_with("auto_scaling_group.") => format!(
            "launch {} in subnets with `public_ip_on_launch: true`, routed to an internet gateway (or reach it through a load balancer)",
            h.resource
        ),
        (Check::PublicAddress, _) => format!(
            "give {} a public address (`public_ip: true` or an elastic IP) in a subnet routed to an internet gateway",
            h.resource
        ),
        (Check::InternetGateway, _) => format!(
            "attach an internet gateway to {} and route 0.0.0.0/0 to it",
            h.resource
        ),
        (Check::SecurityGroupEgress, _) => {
            format!("add an egress rule to {} for this traffic", h.resource)
        }
        (Check::SecurityGroupIngress, _) => {
            format!("add an ingress rule to {} for this traffic", h.resource)
        }
        (Check::NaclInbound, _) => format!(
            "allow it in the ingress entries of {} before any entry that denies it",
            h.resource
        ),
        (Check::NaclOutbound, _) => format!(
            "allow it in the egress entries of {} before any entry that denies it",
            h.resource
        ),
        (Check::Route | Check::NatGateway, _) => {
            format!("add a route for the destination to {}", h.resource)
        }
        (Check::Listener, _) => format!("add a listener for the port to {}", h.resource),
        (Check::TargetGroup, _) => format!("register targets with {}", h.resource),
    }
}
