//! The leg of a path through a transit gateway, from the subnet whose route
//! sent the traffic there to the subnet of the host it is for: the source
//! VPC's attachment subnet in the source's AZ, the gateway's default route
//! table, the destination VPC's attachment subnet, and the network ACLs
//! as AWS applies them to a transit gateway's interfaces (its VPC
//! Transit Gateways guide, "Network ACLs for transit gateways"):
//!
//! - the source subnet's outbound rules (the caller's hop), then the
//!   inbound rules of the attachment subnet it enters, by the source
//!   address, even when that is the source's own subnet;
//! - from the destination's attachment subnet, its outbound rules by the
//!   destination address and the destination subnet's inbound rules,
//!   unless they are one subnet: then neither is evaluated.
//!
//! The source attachment's table is the stack's table that associates it,
//! else the gateway's default table (every attachment and VPN on the
//! gateway propagating to it when default propagation is on). A static
//! route into a VPC that is not the destination's sends the traffic through
//! that VPC's appliance ([`inspect`]). A leg may also start at a
//! site-to-site VPN or a Direct Connect gateway on the gateway ([`enter`])
//! or end at one, toward a customer gateway's site or the premises.

use std::net::Ipv4Addr;

use skyplan_diagnostics::Span;

use skyplan_cidr::IpNet;
use skyplan_cidr::Ipv4Net;
use skyplan_model::{
    CustomerGatewayId, DxGatewayId, Model, RouteTarget, SubnetId,
    TransitGatewayAttachmentId as AttachmentId, TransitGatewayId as GatewayId,
    TransitGatewayRouteTable, TransitGatewayRouteTableId as RouteTableId, TransitRouteTarget,
    VpnConnectionId, VpnEnd, ids, with_ids,
};

use crate::hop::{Check, Decision, Hop};
use crate::host::Host;
use crate::nacl::{self, Direction, Packet};
use crate::query::Protocol;
use crate::route::{self, Next};
use crate::security_group::{self as sg, Direction as SgDir, Peer};

/// One direction of the traffic through the gateway.
pub(crate) struct Leg {
    pub to: Dest,
    pub source: Ipv4Addr,
    pub destination: Ipv4Addr,
}

/// Where a leg ends.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Dest {
    /// The subnet of the host the traffic is for.
    Subnet(SubnetId),
    /// A customer gateway's site, by any VPN connection of it.
    Site(CustomerGatewayId),
    /// The premises behind a Direct Connect gateway, by its attachment.
    DirectConnect(DxGatewayId),
}

/// What sent the traffic into the gateway: its table is the one that
/// associates it.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Source {
    Attachment(AttachmentId),
    Vpn(VpnConnectionId),
    /// A Direct Connect gateway's attachment.
    DirectConnect(DxGatewayId),
}

/// How the traffic looks to the filters on the way: the ACLs' packet,
/// given the address an ACL judges by, and for the request what security
/// groups judge (a reply passes an appliance that tracked its request).
pub(crate) struct Way<'a> {
    pub packet: &'a dyn Fn(Ipv4Addr) -> Packet,
    pub request: Option<(Protocol, u16)>,
}

/// What the legs of one connection remember from the request for its
/// reply.
#[derive(Default)]
pub(crate) struct Memory {
    /// The appliances the request went through: a stateful appliance passes
    /// only replies of connections it saw.
    appliances: Vec<Host>,
    /// With appliance mode, the subnet of each inspection attachment the
    /// request left the gateway by (AWS keeps both directions there).
    pinned: Vec<(AttachmentId, SubnetId)>,
    /// The appliances the reply went through (each one that saw the
    /// request).
    replied: Vec<Host>,
}

impl Memory {
    /// Once the reply is in: when the request went through an appliance
    /// and the reply through none, the hop that says so. A stateful
    /// appliance then sees one direction of the connection and drops the
    /// rest of it (AWS Network Firewall does not support asymmetric
    /// routing); whether this one does is not known.
    pub(crate) fn bypassed(&self, m: &Model) -> Option<Hop> {
        let first = self
            .appliances
            .first()
            .filter(|_| self.replied.is_empty())?;
        let address = first.address(m);
        Some(Hop {
            resource: address.clone(),
            check: Check::InstanceState,
            decision: Decision::NotModeled,
            rule: format!(
                "the request went through {address} but the reply comes back without it: a stateful appliance drops the rest of a connection it sees one way (asymmetric routing); not evaluated"
            ),
            span: Some(first.span(m)),
            fix: Some(
                "route the reply into the same inspection VPC as the request (lint's TW013 names the tables)"
                    .into(),
            ),
        })
    }
}

/// How often one path may go through a gateway (into an inspection VPC
/// and back counts once more); past it, the path is not evaluated.
const MAX_CROSSINGS: usize = 4;

/// The hops of `leg` through gateway `g`, up to the first it cannot go
/// past.
pub(crate) fn cross(
    m: &Model,
    g: GatewayId,
    from: SubnetId,
    leg: &Leg,
    way: &Way,
    memory: &mut Memory,
) -> Vec<Hop> {
    let mut hops = Vec::new();
    // A hop the path cannot go past ends it: nothing to add after it.
    let _ = cross_from(m, g, leg, from, way, memory, 0, &mut hops);
    hops
}

/// The hops of `leg` from `source` (a VPN connection or a Direct Connect
/// gateway on gateway `g`) into it: no network ACL judges what comes in
/// from outside the VPCs; the destination subnet's AZ decides where it
/// leaves.
pub(crate) fn enter(
    m: &Model,
    g: GatewayId,
    source: Source,
    leg: &Leg,
    way: &Way,
    memory: &mut Memory,
) -> Vec<Hop> {
    let mut hops = Vec::new();
    if let Dest::Subnet(to) = leg.to {
        let _ = onward(m, g, source, to, leg, way, memory, 0, &mut hops);
    }
    hops
}

/// The path stopped at the last hop pushed.
struct Stopped;

/// From subnet `from`, whose route sent the traffic to `g`, to `leg.to`.
#[allow(clippy::too_many_arguments)]
fn cross_from(
    m: &Model,
    g: GatewayId,
    leg: &Leg,
    from: SubnetId,
    way: &Way,
    memory: &mut Memory,
    crossings: usize,
    hops: &mut Vec<Hop>,
) -> Result<(), Stopped> {
    let stop = |hops: &mut Vec<Hop>, h: Hop| {
        hops.push(h);
        Err(Stopped)
    };
    if crossings == MAX_CROSSINGS {
        let gateway = &m.transit_gateways[g].common;
        return stop(
            hops,
            hop(
                gateway.address.clone(),
                Decision::NotModeled,
                format!("the path enters it more than {MAX_CROSSINGS} times: not evaluated"),
                Some(gateway.name.span),
            ),
        );
    }
    let (from_attachment, entry) = match entry_subnet(m, g, from) {
        Ok(entry) => entry,
        Err(h) => return stop(hops, h),
    };
    hops.push(nacl::decide(
        m,
        entry,
        Direction::Inbound,
        &(way.packet)(leg.source),
    ));
    let source = Source::Attachment(from_attachment);
    onward(m, g, source, entry, leg, way, memory, crossings, hops)
}

/// From inside gateway `g`, where `source` brought the traffic in (by
/// subnet `entered`, or for a VPN the AZ it is sent to): its table's
/// route, and the way out.
#[allow(clippy::too_many_arguments)]
fn onward(
    m: &Model,
    g: GatewayId,
    source: Source,
    entered: SubnetId,
    leg: &Leg,
    way: &Way,
    memory: &mut Memory,
    crossings: usize,
    hops: &mut Vec<Hop>,
) -> Result<(), Stopped> {
    let onward = match route(m, g, source, leg) {
        Ok((onward, h)) => {
            hops.push(h);
            onward
        }
        Err(h) => {
            hops.push(h);
            return Err(Stopped);
        }
    };
    match (onward, leg.to) {
        (Onward::Deliver(to), Dest::Subnet(destination)) => {
            let exit = exit_subnet(m, to, entered);
            if exit != destination {
                hops.push(nacl::decide(
                    m,
                    exit,
                    Direction::Outbound,
                    &(way.packet)(leg.destination),
                ));
                hops.push(nacl::decide(
                    m,
                    destination,
                    Direction::Inbound,
                    &(way.packet)(leg.source),
                ));
            }
            Ok(())
        }
        // `route` delivers only to where the leg ends.
        (Onward::Deliver(_), Dest::Site(_) | Dest::DirectConnect(_)) | (Onward::Site, _) => Ok(()),
        (Onward::Through(to), _) => inspect(m, to, entered, leg, way, memory, crossings, hops),
    }
}

/// Through the VPC of attachment `to`, which a static route sent the
/// traffic into: its attachment subnet's route to an appliance instance,
/// the appliance, and the appliance subnet's route back to a gateway.
#[allow(clippy::too_many_arguments)]
fn inspect(
    m: &Model,
    to: AttachmentId,
    entered: SubnetId,
    leg: &Leg,
    way: &Way,
    memory: &mut Memory,
    crossings: usize,
    hops: &mut Vec<Hop>,
) -> Result<(), Stopped> {
    let attachment = &m.transit_gateway_attachments[to];
    let pinned = (memory.pinned.iter())
        .find(|(a, _)| *a == to)
        .map(|(_, s)| *s);
    let exit = match pinned {
        Some(s) if attachment.appliance_mode => s,
        _ => exit_subnet(m, to, entered),
    };
    if attachment.appliance_mode && way.request.is_some() {
        memory.pinned.push((to, exit));
    }
    let d = leg.destination;
    let (next, route_hop) = route::lookup(m, exit, d);
    let Next::Target(RouteTarget::Instance(appliance)) = next else {
        hops.push(route_hop.but(Decision::NotModeled, "only an instance appliance is followed through a VPC a transit gateway sends traffic into"));
        return Err(Stopped);
    };
    hops.push(route_hop);
    let host = Host::Instance(appliance.id);
    let at = host.subnet(m);
    if at != exit {
        hops.push(nacl::decide(m, exit, Direction::Outbound, &(way.packet)(d)));
        hops.push(nacl::decide(
            m,
            at,
            Direction::Inbound,
            &(way.packet)(leg.source),
        ));
    }
    appliance_hops(m, host, leg, way, memory, hops)?;
    let (next, route_hop) = route::lookup(m, at, d);
    let Next::Target(RouteTarget::TransitGateway(g)) = next else {
        hops.push(route_hop.but(
            Decision::NotModeled,
            "an appliance's way on other than to a transit gateway is not evaluated yet",
        ));
        return Err(Stopped);
    };
    hops.push(route_hop);
    hops.push(nacl::decide(m, at, Direction::Outbound, &(way.packet)(d)));
    cross_from(m, g.id, leg, at, way, memory, crossings + 1, hops)
}

/// An appliance forwarding the traffic: running, its source/destination
/// check off, its groups letting the request in and out (on the reply,
/// only an appliance that saw the request passes it).
fn appliance_hops(
    m: &Model,
    host: Host,
    leg: &Leg,
    way: &Way,
    memory: &mut Memory,
    hops: &mut Vec<Hop>,
) -> Result<(), Stopped> {
    let address = host.address(m);
    let state = host.state_hop(m);
    if !state.allows() {
        hops.push(state);
        return Err(Stopped);
    }
    let Host::Instance(i) = host else {
        return Ok(());
    };
    if m.instance_groups[m.instances[i].group].source_dest_check() {
        hops.push(Hop {
            resource: address.clone(),
            check: Check::InstanceState,
            decision: Decision::Deny,
            rule: "its source/destination check is on: it drops traffic not addressed to it".into(),
            span: Some(host.span(m)),
            fix: Some(format!("set `source_dest_check: false` on {address}")),
        });
        return Err(Stopped);
    }
    let Some((protocol, port)) = way.request else {
        if memory.appliances.contains(&host) {
            memory.replied.push(host);
            hops.push(Hop {
                rule: "it forwards the reply of a connection it saw".into(),
                ..state
            });
            return Ok(());
        }
        let saw = (memory.appliances.iter())
            .map(|h| h.address(m))
            .collect::<Vec<_>>()
            .join(", ");
        hops.push(Hop {
            resource: address.clone(),
            check: Check::InstanceState,
            decision: Decision::Deny,
            rule: format!(
                "the request went through {saw}: this appliance never saw the connection and drops its reply"
            ),
            span: Some(host.span(m)),
            fix: Some(
                "turn on `appliance_mode` on the inspection VPC's attachment, so both directions use one appliance"
                    .into(),
            ),
        });
        return Err(Stopped);
    };
    memory.appliances.push(host);
    let peer = |ip| Peer {
        ip,
        instance: None,
        block: None,
    };
    hops.push(sg::decide(
        m,
        host,
        SgDir::Ingress,
        &peer(leg.source),
        protocol,
        port,
    ));
    hops.push(state);
    hops.push(sg::decide(
        m,
        host,
        SgDir::Egress,
        &peer(leg.destination),
        protocol,
        port,
    ));
    Ok(())
}

fn hop(resource: String, decision: Decision, rule: String, span: Option<Span>) -> Hop {
    Hop {
        resource,
        check: Check::Route,
        decision,
        rule,
        span,
        fix: None,
    }
}

/// The attachment of the source's VPC to `g`, and its subnet in the
/// source's AZ: AWS carries traffic from an AZ only where the attachment
/// has a subnet.
fn entry_subnet(m: &Model, g: GatewayId, from: SubnetId) -> Result<(AttachmentId, SubnetId), Hop> {
    let gateway = &m.transit_gateways[g];
    let vpc = m.subnet_vpc(from);
    let attachment = ids(&m.transit_gateway_attachments)
        .find(|a| {
            let a = &m.transit_gateway_attachments[*a];
            a.transit_gateway.id == g && a.vpc.id == vpc
        })
        .ok_or_else(|| {
            hop(
                gateway.common.address.clone(),
                Decision::NoRoute,
                format!(
                    "{} has no attachment to it: the route leads nowhere",
                    m.vpcs[vpc].common.address
                ),
                Some(gateway.common.name.span),
            )
        })?;
    let a = &m.transit_gateway_attachments[attachment];
    let az = &m.subnets[from].az.value;
    let subnet = subnet_in(m, attachment, az).ok_or_else(|| {
        hop(
            a.common.address.clone(),
            Decision::NoRoute,
            format!(
                "it has no subnet in {az}: traffic from {} never reaches the transit gateway",
                m.subnets[from].common.address
            ),
            Some(a.subnets_span),
        )
    })?;
    Ok((attachment, subnet))
}

/// The route table that routes traffic from an attachment.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Table {
    /// A table of the stack that associates it.
    Declared(RouteTableId),
    /// The gateway's default table, which takes every attachment no other
    /// table does when its gateway associates new attachments with it.
    Default,
}

/// Where a route of a transit gateway route table came from, in AWS's
/// order of preference for one destination ("Route evaluation order"):
/// a static route, then a VPC's propagated block, then a Direct Connect
/// gateway's, then a VPN's.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Origin {
    Static,
    Vpc,
    DirectConnect,
    Vpn,
}

/// Where a route of a transit gateway route table sends its block.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Target {
    Attachment(AttachmentId),
    Vpn(VpnConnectionId),
    DirectConnect(DxGatewayId),
    Blackhole,
}

/// One route of a table that matches the destination.
pub(crate) struct Candidate {
    pub block: Ipv4Net,
    pub origin: Origin,
    pub target: Target,
    pub span: Option<Span>,
}

/// The table that routes attachment `from`: the stack's table that
/// associates it, else the default one when the gateway associates new
/// attachments with it.
pub(crate) fn table_of(m: &Model, g: GatewayId, from: Source) -> Result<Table, Hop> {
    let associates = |t: &TransitGatewayRouteTable| match from {
        Source::Attachment(a) => t.associations.iter().any(|x| x.id == a),
        Source::Vpn(v) => t.vpn_associations.iter().any(|x| x.id == v),
        Source::DirectConnect(x) => t.dx_associations.iter().any(|y| y.id == x),
    };
    let declared = with_ids(&m.transit_gateway_route_tables)
        .find(|(_, t)| t.transit_gateway.id == g && associates(t));
    if let Some((id, _)) = declared {
        return Ok(Table::Declared(id));
    }
    let gateway = &m.transit_gateways[g];
    if gateway.default_route_table_association {
        return Ok(Table::Default);
    }
    let (common, key) = match from {
        Source::Attachment(a) => (&m.transit_gateway_attachments[a].common, "associations"),
        Source::Vpn(v) => (&m.vpn_connections[v].common, "vpn_associations"),
        Source::DirectConnect(x) => (&m.dx_gateways[x].common, "dx_associations"),
    };
    let who = &common.address;
    Err(Hop {
        fix: Some(format!(
            "list {who} under `{key}` of a route table of {}",
            gateway.common.address
        )),
        ..hop(
            gateway.common.address.clone(),
            Decision::NoRoute,
            format!(
                "{who} is associated with no route table of it (its default association is off): the gateway drops its traffic"
            ),
            Some(common.name.span),
        )
    })
}

/// The routes of `table` whose block holds `d`.
fn candidates(m: &Model, g: GatewayId, table: Table, d: Ipv4Addr) -> Vec<Candidate> {
    let mut out = routes_of(m, g, table);
    out.retain(|c| c.block.contains(&d));
    out
}

/// Every IPv4 route of `table` of gateway `g`: its static routes and the
/// blocks propagated into it.
pub(crate) fn routes_of(m: &Model, g: GatewayId, table: Table) -> Vec<Candidate> {
    let mut out = Vec::new();
    let (attachments, vpns, dx): (Vec<AttachmentId>, Vec<VpnConnectionId>, Vec<DxGatewayId>) =
        match table {
            Table::Declared(t) => {
                let t = &m.transit_gateway_route_tables[t];
                for route in &t.routes {
                    let (Some(IpNet::V4(block)), Some(target)) =
                        (route.destination.ok(), route.target())
                    else {
                        continue;
                    };
                    let target = match target {
                        TransitRouteTarget::Attachment(a) => Target::Attachment(a.id),
                        TransitRouteTarget::VpnConnection(v) => Target::Vpn(v.id),
                        TransitRouteTarget::DxGateway(x) => Target::DirectConnect(x.id),
                        TransitRouteTarget::Blackhole(_) => Target::Blackhole,
                    };
                    out.push(Candidate {
                        block,
                        origin: Origin::Static,
                        target,
                        span: Some(route.span),
                    });
                }
                (
                    t.propagations.iter().map(|a| a.id).collect(),
                    t.vpn_propagations.iter().map(|v| v.id).collect(),
                    t.dx_propagations.iter().map(|x| x.id).collect(),
                )
            }
            Table::Default if m.transit_gateways[g].default_route_table_propagation => (
                ids(&m.transit_gateway_attachments)
                    .filter(|a| m.transit_gateway_attachments[*a].transit_gateway.id == g)
                    .collect(),
                with_ids(&m.vpn_connections)
                    .filter(|(_, v)| matches!(v.end, VpnEnd::TransitGateway(t) if t.id == g))
                    .map(|(id, _)| id)
                    .collect(),
                with_ids(&m.dx_gateways)
                    .filter(|(_, x)| x.associates(g))
                    .map(|(id, _)| id)
                    .collect(),
            ),
            Table::Default => (Vec::new(), Vec::new(), Vec::new()),
        };
    for a in attachments {
        let vpc = &m.vpcs[m.transit_gateway_attachments[a].vpc.id];
        out.extend(vpc.blocks().map(|block| Candidate {
            block,
            origin: Origin::Vpc,
            target: Target::Attachment(a),
            span: None,
        }));
    }
    for v in vpns {
        out.extend(
            m.vpn_ipv4_blocks(&m.vpn_connections[v])
                .map(|block| Candidate {
                    block,
                    origin: Origin::Vpn,
                    target: Target::Vpn(v),
                    span: None,
                }),
        );
    }
    for x in dx {
        out.extend(dx_ipv4_blocks(m, x).map(|block| Candidate {
            block,
            origin: Origin::DirectConnect,
            target: Target::DirectConnect(x),
            span: None,
        }));
    }
    out
}

/// The IPv4 blocks the premises advertise over Direct Connect gateway `x`.
pub(crate) fn dx_ipv4_blocks(m: &Model, x: DxGatewayId) -> impl Iterator<Item = Ipv4Net> + '_ {
    (m.dx_gateways[x].networks.iter()).filter_map(|c| match c.ok() {
        Some(IpNet::V4(n)) => Some(n),
        Some(IpNet::V6(_)) | None => None,
    })
}

/// Where the table routing attachment `from` sends `leg.destination`: the
/// longest match, a static route before a propagated one, a VPC's block
/// before a VPN's.
fn route(m: &Model, g: GatewayId, from: Source, leg: &Leg) -> Result<(Onward, Hop), Hop> {
    let table = table_of(m, g, from)?;
    let gateway = &m.transit_gateways[g];
    let (address, table_span, named) = match table {
        Table::Declared(t) => {
            let t = &m.transit_gateway_route_tables[t];
            (
                t.common.address.clone(),
                t.common.name.span,
                t.common.address.clone(),
            )
        }
        Table::Default => (
            gateway.common.address.clone(),
            gateway.common.name.span,
            "its default route table".to_string(),
        ),
    };
    let d = leg.destination;
    let mut matches = candidates(m, g, table, d);
    matches.sort_by_key(|c| (std::cmp::Reverse(c.block.prefix_len()), c.origin));
    let Some(best) = matches.first() else {
        return Err(hop(
            address,
            Decision::NoRoute,
            format!("no route in {named} matches {d}"),
            Some(table_span),
        ));
    };
    let span = best.span.or(Some(table_span));
    let block = best.block;
    let tied = matches
        .iter()
        .take_while(|c| c.block == block && c.origin == best.origin)
        .any(|c| c.target != best.target);
    let not_evaluated = |why: String| hop(address.clone(), Decision::NotModeled, why, span);
    if tied && best.origin != Origin::Static {
        return Err(not_evaluated(format!(
            "more than one attachment propagates {block} to {named}: which one AWS keeps is not evaluated"
        )));
    }
    let how = match best.origin {
        Origin::Static => "static route",
        Origin::Vpc | Origin::DirectConnect | Origin::Vpn => "propagated",
    };
    let to = match (best.target, leg.to) {
        (Target::Attachment(a), _) => a,
        (Target::Vpn(v), Dest::Site(site)) if m.vpn_connections[v].customer_gateway.id == site => {
            let rule = format!("{block} -> {} ({how})", m.vpn_connections[v].common.address);
            return Ok((Onward::Site, hop(address, Decision::Allow, rule, span)));
        }
        (Target::Vpn(v), _) => {
            let vpn = &m.vpn_connections[v];
            let site = &m.customer_gateways[vpn.customer_gateway.id].common.address;
            return Err(hop(
                address,
                Decision::NoRoute,
                format!(
                    "{block} -> {} ({how}): to {site}, not where {d} is",
                    vpn.common.address
                ),
                span,
            ));
        }
        (Target::DirectConnect(x), Dest::DirectConnect(y)) if x == y => {
            let rule = format!("{block} -> {} ({how})", m.dx_gateways[x].common.address);
            return Ok((Onward::Site, hop(address, Decision::Allow, rule, span)));
        }
        (Target::DirectConnect(x), _) => {
            return Err(hop(
                address,
                Decision::NoRoute,
                format!(
                    "{block} -> {} ({how}): to its premises, not where {d} is",
                    m.dx_gateways[x].common.address
                ),
                span,
            ));
        }
        (Target::Blackhole, _) => {
            return Err(Hop {
                fix: Some(format!(
                    "remove the blackhole route to {block} from {named}, or add a longer route for {d}"
                )),
                ..hop(
                    address,
                    Decision::NoRoute,
                    format!("{block} -> blackhole: the gateway drops the traffic"),
                    span,
                )
            });
        }
    };
    let target = &m.transit_gateway_attachments[to];
    if from == Source::Attachment(to) {
        return Err(hop(
            address,
            Decision::NoRoute,
            format!(
                "{block} -> {}, the attachment the traffic came from",
                target.common.address
            ),
            span,
        ));
    }
    let wanted = match leg.to {
        Dest::Subnet(s) => Some(m.subnet_vpc(s)),
        Dest::Site(_) | Dest::DirectConnect(_) => None,
    };
    if Some(target.vpc.id) != wanted {
        let into = &m.vpcs[target.vpc.id].common.address;
        if best.origin == Origin::Static {
            let rule = format!(
                "{block} -> {} (static route, into {into})",
                target.common.address
            );
            return Ok((
                Onward::Through(to),
                hop(address, Decision::Allow, rule, span),
            ));
        }
        return Err(hop(
            address,
            Decision::NoRoute,
            format!(
                "{block} -> {}, of {into}: not where {d} is",
                target.common.address
            ),
            span,
        ));
    }
    let rule = match table {
        Table::Declared(_) => format!("{block} -> {} ({how})", target.common.address),
        Table::Default => format!("{block} -> {} ({how} to {named})", target.common.address),
    };
    Ok((
        Onward::Deliver(to),
        hop(address, Decision::Allow, rule, span),
    ))
}

/// Where a gateway's route sends the traffic.
enum Onward {
    /// To the destination's VPC.
    Deliver(AttachmentId),
    /// To the destination site, by one of its VPN connections.
    Site,
    /// By a static route into another VPC (an inspection VPC), whose own
    /// routes send it on.
    Through(AttachmentId),
}

/// The destination attachment's subnet the traffic leaves the gateway by:
/// the one in the AZ it entered by (AWS keeps traffic in its AZ), else its
/// first.
fn exit_subnet(m: &Model, to: AttachmentId, entered: SubnetId) -> SubnetId {
    let first = m.transit_gateway_attachments[to].subnets.first();
    subnet_in(m, to, &m.subnets[entered].az.value)
        .or(first.map(|s| s.id))
        .unwrap_or(entered)
}

/// The attachment's subnet in `az` (it has at most one per AZ).
fn subnet_in(m: &Model, a: AttachmentId, az: &str) -> Option<SubnetId> {
    let a = &m.transit_gateway_attachments[a];
    (a.subnets.iter())
        .find(|s| m.subnets[s.id].az.value == az)
        .map(|s| s.id)
}
