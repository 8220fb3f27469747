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
//! Only the default route table is known (route tables of a transit
//! gateway are not a kind yet): with default association or propagation
//! off, or a site-to-site VPN's routes in the way, the leg is not
//! evaluated rather than guessed.

use std::net::Ipv4Addr;

use skyplan_diagnostics::Span;

use skyplan_cidr::Ipv4Net;
use skyplan_model::{
    Model, SubnetId, TransitGatewayAttachmentId as AttachmentId, TransitGatewayId as GatewayId,
    VpnEnd, ids,
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

/// Where the gateway's default route table sends `leg.destination`: the
/// attachment whose VPC block is the longest match (each attachment
/// propagates its VPC's blocks there).
fn route(
    m: &Model,
    g: GatewayId,
    from: AttachmentId,
    leg: &Leg,
) -> Result<(AttachmentId, Hop), Hop> {
    let gateway = &m.transit_gateways[g];
    let address = gateway.common.address.clone();
    let span = Some(gateway.common.name.span);
    let not_evaluated = |why: String| hop(address.clone(), Decision::NotModeled, why, span);
    if !gateway.default_route_table_association || !gateway.default_route_table_propagation {
        return Err(not_evaluated(
            "its default route table association or propagation is off, and a transit gateway's own route tables are not evaluated yet".into(),
        ));
    }
    let d = leg.destination;
    let mut best: Vec<(Ipv4Net, AttachmentId)> = Vec::new();
    for a in ids(&m.transit_gateway_attachments) {
        let attachment = &m.transit_gateway_attachments[a];
        if attachment.transit_gateway.id != g {
            continue;
        }
        for block in m.vpcs[attachment.vpc.id]
            .blocks()
            .filter(|b| b.contains(&d))
        {
            match best.first().map(|(b, _)| b.prefix_len()) {
                Some(len) if len > block.prefix_len() => {}
                Some(len) if len == block.prefix_len() => best.push((block, a)),
                _ => best = vec![(block, a)],
            }
        }
    }
    let vpn = vpn_block(m, g, d);
    if let Some(v) = vpn
        && best
            .first()
            .is_none_or(|(b, _)| b.prefix_len() <= v.prefix_len())
    {
        return Err(not_evaluated(format!(
            "{v} comes from a site-to-site VPN on it: paths over a VPN are not evaluated yet"
        )));
    }
    let (block, to) = match best.as_slice() {
        [] => {
            return Err(hop(
                address,
                Decision::NoRoute,
                format!("no route in its default route table matches {d}"),
                span,
            ));
        }
        [one] => *one,
        [(block, _), ..] => {
            return Err(not_evaluated(format!(
                "more than one attachment propagates {block}: which one AWS keeps is not evaluated"
            )));
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
        return Err(hop(
            address,
            Decision::NoRoute,
            format!(
                "{block} -> {}, of {}: not where {d} is",
                target.common.address, m.vpcs[target.vpc.id].common.address
            ),
            span,
        ));
    }
    let rule = format!(
        "{block} -> {} (propagated to its default route table)",
        target.common.address
    );
    Ok((to, hop(address, Decision::Allow, rule, span)))
}

/// The longest block a VPN connection on `g` brings in that holds `d`.
fn vpn_block(m: &Model, g: GatewayId, d: Ipv4Addr) -> Option<Ipv4Net> {
    m.vpn_connections
        .iter()
        .filter(|v| matches!(v.end, VpnEnd::TransitGateway(t) if t.id == g))
        .flat_map(|v| m.vpn_ipv4_blocks(v))
        .filter(|b| b.contains(&d))
        .max_by_key(|b| b.prefix_len())
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
