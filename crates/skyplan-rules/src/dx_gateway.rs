//! DX001-DX006 and the Direct Connect gateway quotas.

use std::collections::HashMap;

use skyplan_cidr::{IpNet, overlapping_pairs};
use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_facts::quotas::{
    ALLOWED_PREFIXES_PER_TRANSIT_ASSOCIATION, TRANSIT_GATEWAYS_PER_DX_GATEWAY,
    VPN_GATEWAYS_PER_DX_GATEWAY,
};
use skyplan_model::{DxAssociated, DxAssociation, DxGateway, Id, TransitGateway, Vpc, VpnGateway};

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
        vpc_overlap(c, dx);
        transit_asns(c, dx);
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

/// DX005: the VPCs of its virtual private gateway associations, clear of
/// each other.
fn vpc_overlap(c: &mut Checker, dx: &DxGateway) {
    let m = c.model;
    // Each block of each associated VPC, with the association's span.
    let mut owners: Vec<(Id<Vpc>, Span)> = Vec::new();
    let mut blocks: Vec<IpNet> = Vec::new();
    for x in &dx.associations {
        let Some(DxAssociated::VpnGateway(g)) = x.gateway() else {
            continue;
        };
        let vpc = m.vpn_gateways[g.id].vpc.id;
        for block in m.vpcs[vpc].blocks() {
            owners.push((vpc, g.span));
            blocks.push(IpNet::V4(block));
        }
    }
    for (later, earlier) in overlapping_pairs(&blocks) {
        let ((a, a_at), (b, b_at)) = (owners[earlier], owners[later]);
        if a == b {
            continue;
        }
        let (a, b) = (&m.vpcs[a].common.address, &m.vpcs[b].common.address);
        let d = Diagnostic::new(
            Rule::DxVpcOverlap,
            format!(
                "{} connects {a} and {b}, whose blocks {} and {} overlap",
                dx.common.address, blocks[earlier], blocks[later]
            ),
        )
        .detail("AWS's Direct Connect guide: the VPCs connected through one Direct Connect gateway cannot have overlapping CIDR blocks")
        .resource(&dx.common.address)
        .resource(a)
        .resource(b)
        .at(b_at, "its VPC overlaps another's")
        .related(a_at, "the other VPC's association")
        .help("renumber one VPC, or connect it through a Direct Connect gateway of its own");
        c.push(d);
    }
}

/// DX006: an associated transit gateway's ASN clear of the Direct Connect
/// gateway's, and of the ASN of one associated in another region.
fn transit_asns(c: &mut Checker, dx: &DxGateway) {
    let m = c.model;
    let mut seen: Vec<(&TransitGateway, Span)> = Vec::new();
    for x in &dx.associations {
        let Some(DxAssociated::TransitGateway(g)) = x.gateway() else {
            continue;
        };
        let t = &m.transit_gateways[g.id];
        if t.asn() == dx.asn() {
            c.push(
                Diagnostic::new(
                    Rule::DxTransitAsn,
                    format!(
                        "{} and {} both have ASN {}",
                        dx.common.address,
                        t.common.address,
                        t.asn()
                    ),
                )
                .detail("AWS refuses the association: a Direct Connect gateway and a transit gateway it is associated with need different ASNs (64512 is the default of both)")
                .resource(&dx.common.address)
                .resource(&t.common.address)
                .at(g.span, "same ASN as the Direct Connect gateway")
                .help("give one of them another private ASN (`amazon_side_asn`), such as 64513"),
            );
        }
        let other_region = seen.iter().find(|(u, _)| {
            u.asn() == t.asn()
                && matches!((&u.region, &t.region), (Some(a), Some(b)) if a.value != b.value)
        });
        if let Some((u, at)) = other_region {
            c.push(
                Diagnostic::new(
                    Rule::DxTransitAsn,
                    format!(
                        "{} is associated with {} and {}, in different regions with the same ASN {}",
                        dx.common.address,
                        u.common.address,
                        t.common.address,
                        t.asn()
                    ),
                )
                .detail("AWS refuses the association: transit gateways in different regions associated with one Direct Connect gateway need ASNs of their own")
                .resource(&dx.common.address)
                .resource(&t.common.address)
                .at(g.span, "same ASN as a transit gateway of another region")
                .related(*at, "the other transit gateway's association")
                .help("give each region's transit gateway its own private ASN (`amazon_side_asn`)"),
            );
        }
        seen.push((t, g.span));
    }
}
