//! VG001-VG009: customer gateways, virtual private gateways and VPN
//! connections (VG005, a connection's ends, is reported by the resolver).

use std::collections::HashMap;

use skyplan_cidr::{IpNet, Ipv4Net};
use skyplan_diagnostics::{Diagnostic, Rule};
use skyplan_facts::bgp::{
    RESERVED_TUNNEL_INSIDE, TUNNEL_INSIDE_RANGE, TUNNELS_PER_VPN_CONNECTION, customer_asn_refused,
};
use skyplan_model::{
    CidrAny, CustomerGateway, Model, TransitGatewayId, VpcId, VpnConnection, VpnEnd, VpnGateway,
};

use crate::Checker;
use crate::cidr::syntax;
use crate::transit_gateway::amazon_side_asn;

pub(crate) fn check(c: &mut Checker) {
    let m = c.model;
    for g in &m.customer_gateways {
        address(c, g);
        customer_asn(c, g);
        for block in &g.networks {
            syntax(c, block, &g.common.address);
        }
    }
    let mut first: HashMap<_, &VpnGateway> = HashMap::new();
    for g in &m.vpn_gateways {
        vpn_asn(c, g);
        if let Some(earlier) = first.insert(g.vpc.id, g) {
            first.insert(g.vpc.id, earlier);
            second_on_vpc(c, earlier, g);
        }
    }
    // Inside blocks taken on each gateway, for VG006's duplicates.
    let mut taken: HashMap<(EndKey, Ipv4Net), &str> = HashMap::new();
    for v in &m.vpn_connections {
        tunnel_inside(c, v, &mut taken);
        static_routes(c, v);
        site_overlap(c, v);
    }
    for table in &m.route_tables {
        propagation(c, table);
    }
}

/// VG009: a table propagates its own VPC's VPN gateway only.
fn propagation(c: &mut Checker, table: &skyplan_model::RouteTable) {
    let m = c.model;
    for p in &table.propagate {
        let gateway = &m.vpn_gateways[p.id];
        if gateway.vpc.id == table.vpc.id {
            continue;
        }
        let (ours, theirs) = (
            &m.vpcs[table.vpc.id].common.address,
            &m.vpcs[gateway.vpc.id].common.address,
        );
        c.push(
            Diagnostic::new(
                Rule::VpnGatewayPropagation,
                format!(
                    "{} (in {ours}) propagates {}, which is attached to {theirs}",
                    table.common.address, gateway.common.address
                ),
            )
            .detail("AWS refuses it (Gateway.NotAttached): a table takes in its own VPC's VPN gateway's routes")
            .resource(&table.common.address)
            .resource(&gateway.common.address)
            .at(p.span, "VPN gateway of another VPC")
            .help(format!("propagate the VPN gateway of {ours}")),
        );
    }
}

/// A connection's AWS end, as a map key.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum EndKey {
    Vpn(usize),
    Transit(usize),
}

fn end_key(end: VpnEnd) -> EndKey {
    match end {
        VpnEnd::VpnGateway(g) => EndKey::Vpn(g.id.index()),
        VpnEnd::TransitGateway(g) => EndKey::Transit(g.id.index()),
    }
}

/// VG006: each tunnel a /30 of 169.254.0.0/16 of its own.
fn tunnel_inside<'m>(
    c: &mut Checker<'m>,
    v: &'m VpnConnection,
    taken: &mut HashMap<(EndKey, Ipv4Net), &'m str>,
) {
    let address = &v.common.address;
    let Ok(range) = TUNNEL_INSIDE_RANGE.parse::<Ipv4Net>() else {
        return;
    };
    for (i, block) in v.tunnel_inside_cidrs.iter().enumerate() {
        syntax(c, block, address);
        let Some(IpNet::V4(net)) = block.ok() else {
            if block.ok().is_some() {
                refuse_tunnel(c, v, block.span(), "is not an IPv4 block");
            }
            continue;
        };
        let why = if i >= TUNNELS_PER_VPN_CONNECTION {
            Some(format!(
                "a connection has {TUNNELS_PER_VPN_CONNECTION} tunnels"
            ))
        } else if net.prefix_len() != 30 || !range.contains(&net) {
            Some(format!(
                "a tunnel's inside block is a /30 of {TUNNEL_INSIDE_RANGE}"
            ))
        } else if RESERVED_TUNNEL_INSIDE.contains(&net.to_string().as_str()) {
            Some(format!("AWS reserves {net}"))
        } else if let Some(other) = taken.insert((end_key(v.end), net), address) {
            taken.insert((end_key(v.end), net), other);
            Some(format!("{other} uses {net} on the same gateway"))
        } else {
            None
        };
        if let Some(why) = why {
            refuse_tunnel(c, v, block.span(), &why);
        }
    }
}

fn refuse_tunnel(c: &mut Checker, v: &VpnConnection, span: skyplan_diagnostics::Span, why: &str) {
    let address = &v.common.address;
    c.push(
        Diagnostic::new(
            Rule::VpnTunnelInsideCidr,
            format!("a tunnel inside block of {address} is refused: {why}"),
        )
        .detail("AWS refuses it: each of the two tunnels takes an unused /30 of 169.254.0.0/16 that AWS does not reserve")
        .resource(address)
        .at(span, "refused inside block")
        .help("use an unused /30 such as 169.254.10.0/30, or leave the blocks out for AWS to pick"),
    );
}

/// VG007: static routes only on a static connection to a VPN gateway.
fn static_routes(c: &mut Checker, v: &VpnConnection) {
    let Some(first) = v.static_routes.first() else {
        return;
    };
    let why = match v.end {
        VpnEnd::TransitGateway(_) => {
            "it ends on a transit gateway, whose route table holds its routes"
        }
        VpnEnd::VpnGateway(_) if !v.static_routes_only => {
            "it uses BGP (`static_routes_only` is false)"
        }
        VpnEnd::VpnGateway(_) => return,
    };
    let address = &v.common.address;
    c.push(
        Diagnostic::new(
            Rule::VpnStaticRoutes,
            format!("{address} has static routes, but {why}"),
        )
        .detail("AWS refuses static routes (CreateVpnConnectionRoute) on a BGP connection or a transit gateway's")
        .resource(address)
        .at(first.span(), "static route refused")
        .help("set `static_routes_only: true` on a connection to a VPN gateway, or advertise the blocks over BGP"),
    );
}

/// VG008: the site's networks clear of the VPC blocks it reaches.
fn site_overlap(c: &mut Checker, v: &VpnConnection) {
    let m = c.model;
    let site = &m.customer_gateways[v.customer_gateway.id];
    let vpcs: Vec<VpcId> = match v.end {
        VpnEnd::VpnGateway(g) => vec![m.vpn_gateways[g.id].vpc.id],
        VpnEnd::TransitGateway(g) => attached_vpcs(m, g.id),
    };
    let over = (site.common.address.as_str(), v.common.address.as_str());
    networks_overlap(c, Rule::VpnSiteOverlap, &site.networks, &vpcs, over);
}

/// The VPCs attached to transit gateway `g`.
pub(crate) fn attached_vpcs(m: &Model, g: TransitGatewayId) -> Vec<VpcId> {
    (m.transit_gateway_attachments.iter())
        .filter(|a| a.transit_gateway.id == g)
        .map(|a| a.vpc.id)
        .collect()
}

/// `rule` for each of `networks` (on premises, reached over `via` from
/// `site`) that overlaps a block of one of `vpcs`: the VPC's local route
/// keeps the overlap's traffic in the VPC.
pub(crate) fn networks_overlap(
    c: &mut Checker,
    rule: Rule,
    networks: &[CidrAny],
    vpcs: &[VpcId],
    (site, via): (&str, &str),
) {
    let m = c.model;
    for network in networks {
        let Some(IpNet::V4(net)) = network.ok() else {
            continue;
        };
        for &vpc in vpcs {
            let vpc = &m.vpcs[vpc];
            let Some(block) = vpc
                .blocks()
                .find(|b| b.contains(&net.network()) || net.contains(&b.network()))
            else {
                continue;
            };
            c.push(
                Diagnostic::new(
                    rule,
                    format!(
                        "{site} network {net} overlaps {} block {block}, which {via} reaches",
                        vpc.common.address
                    ),
                )
                .detail("the VPC's local route wins: traffic for the overlap stays in the VPC and never reaches the premises")
                .resource(via)
                .resource(site)
                .resource(&vpc.common.address)
                .at(network.span(), "overlaps the VPC")
                .help("renumber one side, or NAT the premises' addresses before they reach AWS"),
            );
        }
    }
}

/// VG001: a public address to reach over the internet.
fn address(c: &mut Checker, g: &CustomerGateway) {
    let Some(ip) = g.address() else { return };
    if !skyplan_cidr::is_private(ip) {
        return;
    }
    let address = &g.common.address;
    c.push(
        Diagnostic::new(
            Rule::CustomerGatewayAddress,
            format!("{address} has the non-public address {ip}"),
        )
        .detail("AWS accepts it, but a VPN over the internet cannot reach the device there: the tunnels never come up")
        .resource(address)
        .at(g.ip_address.span, "not a public address")
        .help("use the device's static public address (behind NAT: the NAT's public address)"),
    );
}

/// VG002: an ASN AWS takes for a customer gateway in its region.
fn customer_asn(c: &mut Checker, g: &CustomerGateway) {
    let (Some(asn), Some(region)) = (&g.bgp_asn, &g.region) else {
        return;
    };
    let Some(why) = customer_asn_refused(asn.value, &region.value) else {
        return;
    };
    let address = &g.common.address;
    c.push(
        Diagnostic::new(
            Rule::CustomerGatewayAsn,
            format!("{address} has BGP ASN {}", asn.value),
        )
        .detail(format!("AWS refuses it: {why}"))
        .resource(address)
        .at(asn.span, "refused ASN")
        .help("use your network's ASN, or a private one (64512-65534)"),
    );
}

/// VG003: a private ASN for the Amazon side.
fn vpn_asn(c: &mut Checker, g: &VpnGateway) {
    let asn = g.amazon_side_asn.as_ref();
    amazon_side_asn(c, Rule::VpnGatewayAsn, &g.common.address, asn);
}

/// VG004: one virtual private gateway per VPC.
fn second_on_vpc(c: &mut Checker, first: &VpnGateway, second: &VpnGateway) {
    let vpc = &c.model.vpcs[second.vpc.id].common.address;
    c.push(
        Diagnostic::new(
            Rule::VpnGatewayPerVpc,
            format!(
                "{} and {} are both attached to {vpc}",
                first.common.address, second.common.address
            ),
        )
        .detail("AWS refuses a second virtual private gateway on a VPC")
        .resource(&second.common.address)
        .resource(&first.common.address)
        .at(second.vpc.span, "second gateway on the VPC")
        .related(first.vpc.span, "first gateway")
        .help(format!(
            "keep {} and end every VPN connection of {vpc} on it",
            first.common.address
        )),
    );
}
