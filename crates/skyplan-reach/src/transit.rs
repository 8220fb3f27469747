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
//! gateway propagating to it when default propagation is on). A route to
//! a VPN, or a static route into a VPC that is not the destination's (an
//! inspection VPC), ends the leg as not evaluated rather than guessed.

use std::net::Ipv4Addr;

use skyplan_diagnostics::Span;

use skyplan_cidr::IpNet;
use skyplan_cidr::Ipv4Net;
use skyplan_model::{
    Model, SubnetId, TransitGatewayAttachmentId as AttachmentId, TransitGatewayId as GatewayId,
    TransitGatewayRouteTableId as RouteTableId, TransitRouteTarget, VpnConnectionId, VpnEnd, ids,
    with_ids,
};

use crate::hop::{Check, Decision, Hop};
use crate::nacl::{self, Direction, Packet};

/// One direction of the traffic through the gateway.
pub(crate) struct Leg {
    pub from: SubnetId,
    pub to: SubnetId,
    pub source: Ipv4Addr,
    pub destination: Ipv4Addr,
}

/// The hops of `leg` through gateway `g`, up to the first it cannot go
/// past; `packet` is the traffic as an ACL sees it, given the address it
/// judges by.
pub(crate) fn cross(
    m: &Model,
    g: GatewayId,
    leg: &Leg,
    packet: &dyn Fn(Ipv4Addr) -> Packet,
) -> Vec<Hop> {
    let mut hops = Vec::new();
    let (from_attachment, entry_subnet) = match entry_subnet(m, g, leg.from) {
        Ok(entry) => entry,
        Err(h) => return vec![h],
    };
    hops.push(nacl::decide(
        m,
        entry_subnet,
        Direction::Inbound,
        &packet(leg.source),
    ));
    let to_attachment = match route(m, g, from_attachment, leg) {
        Ok((a, h)) => {
            hops.push(h);
            a
        }
        Err(h) => {
            hops.push(h);
            return hops;
        }
    };
    let exit = exit_subnet(m, to_attachment, entry_subnet);
    if exit != leg.to {
        hops.push(nacl::decide(
            m,
            exit,
            Direction::Outbound,
            &packet(leg.destination),
        ));
        hops.push(nacl::decide(
            m,
            leg.to,
            Direction::Inbound,
            &packet(leg.source),
        ));
    }
    hops
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
#[derive(Clone, Copy)]
enum Table {
    /// A table of the stack that associates it.
    Declared(RouteTableId),
    /// The gateway's default table, which takes every attachment no other
    /// table does when its gateway associates new attachments with it.
    Default,
}

/// Where a route of a transit gateway route table came from, in AWS's
/// order of preference for one destination ("Route evaluation order"):
/// a static route, then a VPC's propagated block, then a VPN's.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    Static,
    Vpc,
    Vpn,
}

/// Where a route of a transit gateway route table sends its block.
#[derive(Clone, Copy, PartialEq)]
enum Target {
    Attachment(AttachmentId),
    Vpn(VpnConnectionId),
    Blackhole,
}

/// One route of a table that matches the destination.
struct Candidate {
    block: Ipv4Net,
    origin: Origin,
    target: Target,
    span: Option<Span>,
}

/// The table that routes attachment `from`: the stack's table that
/// associates it, else the default one when the gateway associates new
/// attachments with it.
fn table_of(m: &Model, g: GatewayId, from: AttachmentId) -> Result<Table, Hop> {
    let declared = with_ids(&m.transit_gateway_route_tables)
        .find(|(_, t)| t.transit_gateway.id == g && t.associations.iter().any(|a| a.id == from));
    if let Some((id, _)) = declared {
        return Ok(Table::Declared(id));
    }
    let gateway = &m.transit_gateways[g];
    if gateway.default_route_table_association {
        return Ok(Table::Default);
    }
    let attachment = &m.transit_gateway_attachments[from].common.address;
    Err(Hop {
        fix: Some(format!(
            "list {attachment} under `associations` of a route table of {}",
            gateway.common.address
        )),
        ..hop(
            gateway.common.address.clone(),
            Decision::NoRoute,
            format!(
                "{attachment} is associated with no route table of it (its default association is off): the gateway drops its traffic"
            ),
            Some(m.transit_gateway_attachments[from].common.name.span),
        )
    })
}

/// The routes of `table` whose block holds `d`.
fn candidates(m: &Model, g: GatewayId, table: Table, d: Ipv4Addr) -> Vec<Candidate> {
    let mut out = Vec::new();
    let (attachments, vpns): (Vec<AttachmentId>, Vec<VpnConnectionId>) = match table {
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
        ),
        Table::Default => (Vec::new(), Vec::new()),
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
    out.retain(|c| c.block.contains(&d));
    out
}

/// Where the table routing attachment `from` sends `leg.destination`: the
/// longest match, a static route before a propagated one, a VPC's block
/// before a VPN's.
fn route(
    m: &Model,
    g: GatewayId,
    from: AttachmentId,
    leg: &Leg,
) -> Result<(AttachmentId, Hop), Hop> {
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
        Origin::Vpc | Origin::Vpn => "propagated",
    };
    let to = match best.target {
        Target::Attachment(a) => a,
        Target::Vpn(v) => {
            return Err(not_evaluated(format!(
                "{block} -> {} ({how}, {named}): paths over a VPN are not evaluated yet",
                m.vpn_connections[v].common.address
            )));
        }
        Target::Blackhole => {
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
    if to == from {
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
    let wanted = m.subnet_vpc(leg.to);
    if target.vpc.id != wanted {
        let into = &m.vpcs[target.vpc.id].common.address;
        if best.origin == Origin::Static {
            return Err(not_evaluated(format!(
                "{block} -> {} sends it into {into} (an inspection or egress VPC), whose onward path is not evaluated yet",
                target.common.address
            )));
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
    Ok((to, hop(address, Decision::Allow, rule, span)))
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
