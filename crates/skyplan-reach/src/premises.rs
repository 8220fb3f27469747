//! Paths between the stack's hosts and networks outside AWS that reach it
//! privately: a customer gateway's site over its VPN connections, and the
//! premises behind a Direct Connect gateway over its associations. Both
//! end on a virtual private gateway (into its VPC) or a transit gateway
//! (through its route tables, `transit`); a [`Link`] says which, and what
//! differs between a tunnel and a virtual interface.

use std::net::Ipv4Addr;

use skyplan_cidr::IpNet;
use skyplan_model::{
    CustomerGatewayId, DxAssociated, DxAssociation, DxGatewayId, Id, Model, RouteTarget,
    TransitGatewayId, VpnConnectionId, VpnEnd, VpnGateway, ids,
};

use crate::addresses::Addresses;
use crate::engine::{
    Blocked, CLIENT_EPHEMERAL, Trace, Traffic, first_through, hop, leave_for, not_carried,
    private_address, reply_ports, settle,
};
use crate::hop::{Check, Decision, Hop};
use crate::host::Host;
use crate::nacl::{self, Direction as NaclDir};
use crate::route::{self, Next};
use crate::security_group::{self as sg, Direction as SgDir, Peer};
use crate::transit::{self, Dest, Leg, Memory, Source, Way};

/// One way between the premises and AWS.
#[derive(Clone, Copy)]
enum Link<'m> {
    /// A site's VPN connection (its tunnels).
    Vpn(VpnConnectionId),
    /// A Direct Connect gateway's association with one gateway (its
    /// virtual interfaces).
    DirectConnect(DxGatewayId, &'m DxAssociation, DxAssociated),
}

/// The AWS end of a link.
#[derive(Clone, Copy)]
enum End {
    VpnGateway(Id<VpnGateway>),
    TransitGateway(TransitGatewayId),
}

impl Link<'_> {
    fn end(self, m: &Model) -> End {
        match self {
            Link::Vpn(v) => match m.vpn_connections[v].end {
                VpnEnd::VpnGateway(g) => End::VpnGateway(g.id),
                VpnEnd::TransitGateway(g) => End::TransitGateway(g.id),
            },
            Link::DirectConnect(_, _, DxAssociated::VpnGateway(g)) => End::VpnGateway(g.id),
            Link::DirectConnect(_, _, DxAssociated::TransitGateway(g)) => End::TransitGateway(g.id),
        }
    }

    /// A hop of the link itself: the VPN connection, or the Direct Connect
    /// gateway.
    fn hop(self, m: &Model, decision: Decision, rule: String) -> Hop {
        let common = match self {
            Link::Vpn(v) => &m.vpn_connections[v].common,
            Link::DirectConnect(x, ..) => &m.dx_gateways[x].common,
        };
        Hop {
            resource: common.address.clone(),
            check: Check::Route,
            decision,
            rule,
            span: Some(common.name.span),
            fix: None,
        }
    }

    /// Where the link comes into a transit gateway from.
    fn source(self) -> Source {
        match self {
            Link::Vpn(v) => Source::Vpn(v),
            Link::DirectConnect(x, ..) => Source::DirectConnect(x),
        }
    }

    /// Where a transit gateway must send traffic for the premises.
    fn dest(self, m: &Model) -> Dest {
        match self {
            Link::Vpn(v) => Dest::Site(m.vpn_connections[v].customer_gateway.id),
            Link::DirectConnect(x, ..) => Dest::DirectConnect(x),
        }
    }

    /// What carries a request: into a VPN's tunnels, over a Direct
    /// Connect gateway's virtual interfaces.
    fn carrier(self) -> &'static str {
        match self {
            Link::Vpn(_) => "into its tunnels",
            Link::DirectConnect(..) => "over its virtual interfaces",
        }
    }

    /// What carries a reply: back into AWS (`true`, from the premises) or
    /// back to the premises.
    fn carrier_back(self, into_aws: bool) -> &'static str {
        match (self, into_aws) {
            (Link::Vpn(_), true) => "out of its tunnels",
            (Link::Vpn(_), false) => "back into its tunnels",
            (Link::DirectConnect(..), _) => "back over its virtual interfaces",
        }
    }

    /// The hop that stops traffic for `ip` the link does not advertise to
    /// the premises (a Direct Connect association's allowed prefixes; a
    /// VPN advertises its VPC or hub to the site).
    fn unadvertised(self, m: &Model, ip: Ipv4Addr) -> Option<Hop> {
        let Link::DirectConnect(x, association, gateway) = self else {
            return None;
        };
        if advertises(m, association, gateway, ip) {
            return None;
        }
        let to = gateway_address(m, gateway);
        Some(Hop {
            fix: Some(format!(
                "add a block holding {ip} to the `allowed_prefixes` of {}'s association with {to}",
                m.dx_gateways[x].common.address
            )),
            ..self.hop(
                m,
                Decision::NoRoute,
                format!(
                    "its association with {to} advertises no route to {ip} to the premises (its allowed prefixes)"
                ),
            )
        })
    }

    /// Whether a virtual private gateway's reply to `client` goes back over
    /// the link: a VPN carries its static routes or its site's networks, a
    /// Direct Connect gateway its `networks` (where the client is from).
    fn back(self, m: &Model, client: Ipv4Addr) -> Hop {
        let carried = match self {
            Link::Vpn(v) => m
                .vpn_ipv4_blocks(&m.vpn_connections[v])
                .find(|b| b.contains(&client)),
            Link::DirectConnect(x, ..) => {
                transit::dx_ipv4_blocks(m, x).find(|b| b.contains(&client))
            }
        };
        match carried {
            Some(b) => self.hop(
                m,
                Decision::Allow,
                format!("{b} -> {}", self.carrier_back(false)),
            ),
            None => self.hop(
                m,
                Decision::NoRoute,
                format!("none of its routes holds {client}: the gateway sends the reply elsewhere"),
            ),
        }
    }
}

/// What an association's gateway is called.
fn gateway_address(m: &Model, gateway: DxAssociated) -> &str {
    match gateway {
        DxAssociated::TransitGateway(g) => &m.transit_gateways[g.id].common.address,
        DxAssociated::VpnGateway(g) => &m.vpn_gateways[g.id].common.address,
    }
}

/// Whether `association` advertises `ip` to the premises: for a transit
/// gateway, an allowed prefix holds it; for a virtual private gateway, the
/// VPC block that holds it is advertised whole, when an allowed prefix is
/// as wide (none: AWS advertises the VPC's blocks).
fn advertises(m: &Model, association: &DxAssociation, gateway: DxAssociated, ip: Ipv4Addr) -> bool {
    let mut prefixes = (association.allowed_prefixes.iter()).filter_map(|p| match p.ok() {
        Some(IpNet::V4(n)) => Some(n),
        Some(IpNet::V6(_)) | None => None,
    });
    match gateway {
        DxAssociated::TransitGateway(_) => prefixes.any(|p| p.contains(&ip)),
        DxAssociated::VpnGateway(g) => {
            let vpc = &m.vpcs[m.vpn_gateways[g.id].vpc.id];
            let Some(block) = vpc.blocks().find(|b| b.contains(&ip)) else {
                return false;
            };
            association.allowed_prefixes.is_empty() || prefixes.any(|p| p.contains(&block))
        }
    }
}

/// A Direct Connect gateway's associations, each with its one gateway.
fn associations(m: &Model, x: DxGatewayId) -> impl Iterator<Item = Link<'_>> {
    (m.dx_gateways[x].associations.iter())
        .filter_map(move |a| Some(Link::DirectConnect(x, a, a.gateway()?)))
}

/// A client at site `c` to host `d`: over each VPN connection of the site
/// in turn (the first that gets through decides, else the furthest).
pub(crate) fn site_to_host(
    m: &Model,
    a: &Addresses,
    traffic: &Traffic,
    (c, client): (CustomerGatewayId, Ipv4Addr),
    d: Host,
    t: &mut Trace,
) -> Result<(), Blocked> {
    let vpns = ids(&m.vpn_connections)
        .filter(|v| m.vpn_connections[*v].customer_gateway.id == c)
        .map(Link::Vpn);
    let none = || {
        hop(
            m.customer_gateways[c].common.address.clone(),
            Check::Route,
            Decision::NoRoute,
            "no VPN connection uses it",
        )
    };
    over_any(m, a, traffic, vpns, (client, d), t, none)
}

/// A client on the premises behind Direct Connect gateway `x` to host `d`:
/// over each of its associations in turn.
pub(crate) fn dx_to_host(
    m: &Model,
    a: &Addresses,
    traffic: &Traffic,
    (x, client): (DxGatewayId, Ipv4Addr),
    d: Host,
    t: &mut Trace,
) -> Result<(), Blocked> {
    let none = || {
        hop(
            m.dx_gateways[x].common.address.clone(),
            Check::Route,
            Decision::NoRoute,
            "it is associated with no gateway",
        )
    };
    over_any(m, a, traffic, associations(m, x), (client, d), t, none)
}

/// Over each of `links` (the first that gets through decides, else the
/// furthest; `none` when there is none).
fn over_any<'m>(
    m: &'m Model,
    a: &Addresses,
    traffic: &Traffic,
    links: impl Iterator<Item = Link<'m>>,
    (client, d): (Ipv4Addr, Host),
    t: &mut Trace,
    none: impl FnOnce() -> Hop,
) -> Result<(), Blocked> {
    let tried = first_through(&Trace::default(), links, |link, leg| {
        from_premises(m, a, traffic, link, client, d, leg).is_ok() && !leg.denied
    });
    settle(t, tried, none)
}

/// From `client` on the premises over `link` to host `d`, and the reply
/// back into the link: by a virtual private gateway into its VPC, or
/// through a transit gateway.
fn from_premises(
    m: &Model,
    a: &Addresses,
    traffic: &Traffic,
    link: Link,
    client: Ipv4Addr,
    d: Host,
    t: &mut Trace,
) -> Result<(), Blocked> {
    let dip = private_address(a, m, d, t)?;
    let ds = d.subnet(m);
    if let Some(stop) = link.unadvertised(m, dip) {
        return t.hop(stop);
    }
    let carried = format!("{client} -> {dip} {}", link.carrier());
    t.hop(link.hop(m, Decision::Allow, carried))?;
    let mut memory = Memory::default();
    let (protocol, port) = (traffic.protocol, traffic.port);
    match link.end(m) {
        End::VpnGateway(g) => {
            let gateway = &m.vpn_gateways[g];
            if gateway.vpc.id != m.subnet_vpc(ds) {
                let why = format!(
                    "it ends on {}, of {}: {dip} is not there",
                    gateway.common.address, m.vpcs[gateway.vpc.id].common.address
                );
                return t.hop(link.hop(m, Decision::NoRoute, why));
            }
            t.hop(nacl::decide(
                m,
                ds,
                NaclDir::Inbound,
                &traffic.request(client),
            ))?;
        }
        End::TransitGateway(g) => {
            let leg = Leg {
                to: Dest::Subnet(ds),
                source: client,
                destination: dip,
            };
            let way = Way {
                packet: &|ip| traffic.request(ip),
                request: Some((protocol, port)),
            };
            for h in transit::enter(m, g, link.source(), &leg, &way, &mut memory) {
                t.hop(h)?;
            }
        }
    }
    let peer = Peer {
        ip: client,
        instance: None,
        block: None,
    };
    t.hop(sg::decide(m, d, SgDir::Ingress, &peer, protocol, port))?;
    t.hop(d.state_hop(m))?;
    t.replying = true;
    let reply = |ip| traffic.reply(ip, CLIENT_EPHEMERAL);
    t.hop(nacl::decide(m, ds, NaclDir::Outbound, &reply(client)))?;
    let (next, route_hop) = route::lookup(m, ds, client);
    match (link.end(m), next) {
        (End::VpnGateway(g), Next::Target(RouteTarget::VpnGateway(h))) if g == h.id => {
            t.hop(route_hop)?;
            t.hop(link.back(m, client))
        }
        (End::TransitGateway(g), Next::Target(RouteTarget::TransitGateway(h))) if g == h.id => {
            t.hop(route_hop)?;
            let leg = Leg {
                to: link.dest(m),
                source: dip,
                destination: client,
            };
            let way = Way {
                packet: &reply,
                request: None,
            };
            for h in transit::cross(m, g, ds, &leg, &way, &mut memory) {
                t.hop(h)?;
            }
            memory.bypassed(m).map_or(Ok(()), |h| t.hop(h))
        }
        _ => t.hop(not_carried(m, route_hop, next, client)),
    }
}

/// Host `s` to `server` at site `c`: its route into a VPN gateway or a
/// transit gateway, into a VPN connection of the site; the site's host is
/// outside the stack and answers; the reply comes in over that connection.
pub(crate) fn host_to_site(
    m: &Model,
    a: &Addresses,
    traffic: &Traffic,
    s: Host,
    (c, server): (CustomerGatewayId, Ipv4Addr),
    t: &mut Trace,
) -> Result<(), Blocked> {
    let sip = leave_for(m, a, traffic, s, (server, None), t)?;
    let (next, route_hop) = route::lookup(m, s.subnet(m), server);
    // The site's VPN connection on a gateway (by id: a reference's span is
    // where it is written).
    let on = |gateway: &dyn Fn(VpnEnd) -> bool| {
        ids(&m.vpn_connections).find(|v| {
            let vpn = &m.vpn_connections[*v];
            vpn.customer_gateway.id == c && gateway(vpn.end)
        })
    };
    let site = &m.customer_gateways[c].common.address;
    let (found, missing) = match next {
        Next::Target(RouteTarget::VpnGateway(g)) => (
            on(&|e| matches!(e, VpnEnd::VpnGateway(x) if x.id == g.id)).filter(|v| {
                (m.vpn_ipv4_blocks(&m.vpn_connections[*v])).any(|b| b.contains(&server))
            }),
            format!("no VPN connection of {site} on it carries {server}"),
        ),
        Next::Target(RouteTarget::TransitGateway(g)) => (
            on(&|e| matches!(e, VpnEnd::TransitGateway(x) if x.id == g.id)),
            format!("no VPN connection of {site} is on it"),
        ),
        _ => return t.hop(not_carried(m, route_hop, next, server)),
    };
    let Some(vpn) = found else {
        return t.hop(route_hop.but(Decision::NoRoute, missing));
    };
    t.hop(route_hop)?;
    let answers = hop(
        site.clone(),
        Check::Route,
        Decision::Allow,
        "a host of its networks answers (the site is outside the stack)",
    );
    to_premises(m, traffic, s, Link::Vpn(vpn), (sip, server), answers, t)
}

/// Host `s` to `server` on the premises behind Direct Connect gateway `x`:
/// its route into a gateway the Direct Connect gateway is associated with,
/// over the virtual interfaces; the premises' host answers.
pub(crate) fn host_to_dx(
    m: &Model,
    a: &Addresses,
    traffic: &Traffic,
    s: Host,
    (x, server): (DxGatewayId, Ipv4Addr),
    t: &mut Trace,
) -> Result<(), Blocked> {
    let sip = leave_for(m, a, traffic, s, (server, None), t)?;
    let (next, route_hop) = route::lookup(m, s.subnet(m), server);
    let on = |wanted: End| {
        associations(m, x).find(|link| match (link.end(m), wanted) {
            (End::VpnGateway(a), End::VpnGateway(b)) => a == b,
            (End::TransitGateway(a), End::TransitGateway(b)) => a == b,
            (End::VpnGateway(_), End::TransitGateway(_))
            | (End::TransitGateway(_), End::VpnGateway(_)) => false,
        })
    };
    let found = match next {
        Next::Target(RouteTarget::VpnGateway(g)) => on(End::VpnGateway(g.id)),
        Next::Target(RouteTarget::TransitGateway(g)) => on(End::TransitGateway(g.id)),
        _ => return t.hop(not_carried(m, route_hop, next, server)),
    };
    let dx = &m.dx_gateways[x].common.address;
    let Some(link) = found else {
        return t.hop(route_hop.but(Decision::NoRoute, format!("{dx} is not associated with it")));
    };
    t.hop(route_hop)?;
    let answers = hop(
        dx.clone(),
        Check::Route,
        Decision::Allow,
        "a host of its networks answers (the premises are outside the stack)",
    );
    to_premises(m, traffic, s, link, (sip, server), answers, t)
}

/// From host `s` (at `sip`, its route having chosen `link`) to `server` on
/// the premises, whose host `answers`; the reply comes back over the link
/// when it advertises `sip` to the premises.
fn to_premises(
    m: &Model,
    traffic: &Traffic,
    s: Host,
    link: Link,
    (sip, server): (Ipv4Addr, Ipv4Addr),
    answers: Hop,
    t: &mut Trace,
) -> Result<(), Blocked> {
    let ss = s.subnet(m);
    let (protocol, port) = (traffic.protocol, traffic.port);
    t.hop(nacl::decide(
        m,
        ss,
        NaclDir::Outbound,
        &traffic.request(server),
    ))?;
    let mut memory = Memory::default();
    if let End::TransitGateway(g) = link.end(m) {
        let leg = Leg {
            to: link.dest(m),
            source: sip,
            destination: server,
        };
        let way = Way {
            packet: &|ip| traffic.request(ip),
            request: Some((protocol, port)),
        };
        for h in transit::cross(m, g, ss, &leg, &way, &mut memory) {
            t.hop(h)?;
        }
    }
    let there = format!("{sip} -> {server} {}", link.carrier());
    t.hop(link.hop(m, Decision::Allow, there))?;
    t.hop(answers)?;
    t.replying = true;
    if let Some(stop) = link.unadvertised(m, sip) {
        return t.hop(stop);
    }
    let back = format!("{server} -> {sip} {}", link.carrier_back(true));
    t.hop(link.hop(m, Decision::Allow, back))?;
    let ports = reply_ports(s);
    match link.end(m) {
        End::VpnGateway(_) => t.hop(nacl::decide(
            m,
            ss,
            NaclDir::Inbound,
            &traffic.reply(server, ports),
        )),
        End::TransitGateway(g) => {
            let leg = Leg {
                to: Dest::Subnet(ss),
                source: server,
                destination: sip,
            };
            let way = Way {
                packet: &|ip| traffic.reply(ip, ports),
                request: None,
            };
            for h in transit::enter(m, g, link.source(), &leg, &way, &mut memory) {
                t.hop(h)?;
            }
            memory.bypassed(m).map_or(Ok(()), |h| t.hop(h))
        }
    }
}
