//! DX001-DX004 and the Direct Connect gateway quotas.

use std::collections::HashMap;

use skyplan_cidr::IpNet;
use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_facts::quotas::{
    ALLOWED_PREFIXES_PER_TRANSIT_ASSOCIATION, TRANSIT_GATEWAYS_PER_DX_GATEWAY,
    VPN_GATEWAYS_PER_DX_GATEWAY,
};
use skyplan_model::{DxAssociated, DxAssociation, DxGateway, Id, VpnGateway};

use crate::Checker;
use crate::cidr::syntax;
use crate::quota::over_quota;
use crate::transit_gateway::amazon_side_asn;

pub(crate) fn check(c: &mut Checker) {
    // Each virtual private gateway's first Direct Connect gateway.
    let mut first: HashMap<Id<VpnGateway>, (&DxGateway, Span)> = HashMap::new();
    for dx in &c.model.dx_gateways {
        amazon_side_asn(
            c,
            Rule::DxGatewayAsn,
            &dx.common.address,
            dx.amazon_side_asn.as_ref(),
        );
        associations(c, dx);
        network_overlap(c, dx);
        for x in &dx.associations {
            let Some(DxAssociated::VpnGateway(v)) = x.gateway() else {
                continue;
            };
            match first.get(&v.id) {
                Some((other, at)) if other.common.address != dx.common.address => {
                    let (other, at) = (*other, *at);
                    second_dx_gateway(c, v.id, (other, at), (dx, v.span));
                }
                Some(_) => {}
                None => {
                    first.insert(v.id, (dx, v.span));
                }
            }
        }
    }
}

fn refused(dx: &DxGateway, summary: String, at: Span, label: &str, help: &str) -> Diagnostic {
    Diagnostic::new(Rule::DxGatewayAssociation, summary)
        .detail("AWS refuses it (CreateDirectConnectGatewayAssociation)")
        .resource(&dx.common.address)
        .at(at, label)
        .help(help)
}

/// DX002 and DX003 on each association, and the quotas.
fn associations(c: &mut Checker, dx: &DxGateway) {
    let m = c.model;
    let address = &dx.common.address;
    let mut seen: HashMap<String, Span> = HashMap::new();
    let (mut transit, mut private) = (Vec::new(), Vec::new());
    for x in &dx.associations {
        for p in &x.allowed_prefixes {
            syntax(c, p, address);
        }
        let Some(gateway) = x.gateway() else {
            c.push(refused(
                dx,
                format!(
                    "an association of {address} names {} gateways",
                    x.gateways.len()
                ),
                x.span,
                "not exactly one gateway",
                "give one of `transit_gateway` and `vpn_gateway`",
            ));
            continue;
        };
        let name = match gateway {
            DxAssociated::TransitGateway(t) => {
                transit.push(t.span);
                prefixes(c, dx, x, t.span);
                m.transit_gateways[t.id].common.address.clone()
            }
            DxAssociated::VpnGateway(v) => {
                private.push(v.span);
                vpc_blocks(c, dx, x, v.id);
                m.vpn_gateways[v.id].common.address.clone()
            }
        };
        if let Some(earlier) = seen.get(&name) {
            let d = refused(
                dx,
                format!("{address} is associated with {name} twice"),
                gateway.span(),
                "second association",
                "keep one association per gateway",
            )
            .related(*earlier, "first association");
            c.push(d);
        } else {
            seen.insert(name, gateway.span());
        }
    }
    if let (Some(t), Some(v)) = (transit.first(), private.first()) {
        let d = refused(
            dx,
            format!("{address} is associated with both transit and virtual private gateways"),
            *t,
            "transit gateway",
            "use one Direct Connect gateway for virtual private gateways and another for transit gateways",
        )
        .related(*v, "virtual private gateway");
        c.push(d);
    }
    over_quota(
        c,
        VPN_GATEWAYS_PER_DX_GATEWAY,
        address,
        private.into_iter(),
        "virtual private gateway associations",
    );
    over_quota(
        c,
        TRANSIT_GATEWAYS_PER_DX_GATEWAY,
        address,
        transit.into_iter(),
        "transit gateway associations",
    );
}

/// DX002: a transit gateway association's required prefixes, and their
/// quota.
fn prefixes(c: &mut Checker, dx: &DxGateway, x: &DxAssociation, at: Span) {
    if x.allowed_prefixes.is_empty() {
        c.push(refused(
            dx,
            format!(
                "{} associates a transit gateway without `allowed_prefixes`",
                dx.common.address
            ),
            at,
            "no allowed prefixes",
            "list the AWS blocks to advertise to the premises (the attached VPCs' blocks, or a summary of them)",
        ));
    }
    let spans = x.allowed_prefixes.iter().map(|p| p.span());
    over_quota(
        c,
        ALLOWED_PREFIXES_PER_TRANSIT_ASSOCIATION,
        &dx.common.address,
        spans,
        "allowed prefixes in one transit gateway association",
    );
}

/// DX003: each block of the virtual private gateway's VPC within an
/// allowed prefix (none written: AWS allows the VPC's blocks).
fn vpc_blocks(c: &mut Checker, dx: &DxGateway, x: &DxAssociation, v: Id<VpnGateway>) {
    let m = c.model;
    if x.allowed_prefixes.is_empty() {
        return;
    }
    let allowed: Vec<IpNet> = x.allowed_prefixes.iter().filter_map(|p| p.ok()).collect();
    let vpc = &m.vpcs[m.vpn_gateways[v].vpc.id];
    for block in vpc.blocks() {
        if allowed.iter().any(|p| p.contains(&IpNet::V4(block))) {
            continue;
        }
        let first = x.allowed_prefixes.first().map_or(x.span, |p| p.span());
        c.push(
            Diagnostic::new(
                Rule::DxAllowedPrefixes,
                format!(
                    "{} allows no prefix as wide as {block}, a block of {}",
                    dx.common.address, vpc.common.address
                ),
            )
            .detail("AWS advertises a VPC block only through an allowed prefix as wide or wider: the premises get no route to it")
            .resource(&dx.common.address)
            .resource(&vpc.common.address)
            .at(first, "narrower than the VPC's block")
            .help(format!("allow {block} or a wider block, or leave `allowed_prefixes` out")),
        );
    }
}

/// DX002: a virtual private gateway associated with a second Direct
/// Connect gateway.
fn second_dx_gateway(
    c: &mut Checker,
    v: Id<VpnGateway>,
    first: (&DxGateway, Span),
    second: (&DxGateway, Span),
) {
    let vgw = &c.model.vpn_gateways[v].common.address;
    let d = refused(
        second.0,
        format!(
            "{vgw} is associated with {} and {}",
            first.0.common.address, second.0.common.address
        ),
        second.1,
        "second Direct Connect gateway",
        "associate a virtual private gateway with one Direct Connect gateway",
    )
    .resource(vgw)
    .related(first.1, "first Direct Connect gateway");
    c.push(d);
}

/// DX004: the premises' networks clear of the VPC blocks each association
/// reaches.
fn network_overlap(c: &mut Checker, dx: &DxGateway) {
    let m = c.model;
    for x in &dx.associations {
        let (vpcs, via) = match x.gateway() {
            Some(DxAssociated::VpnGateway(g)) => {
                let gateway = &m.vpn_gateways[g.id];
                (vec![gateway.vpc.id], &gateway.common.address)
            }
            Some(DxAssociated::TransitGateway(g)) => (
                crate::vpn::attached_vpcs(m, g.id),
                &m.transit_gateways[g.id].common.address,
            ),
            None => continue,
        };
        let over = (dx.common.address.as_str(), via.as_str());
        crate::vpn::networks_overlap(c, Rule::DxNetworkOverlap, &dx.networks, &vpcs, over);
    }
}
