//! VP016, SN008-SN010, GW011, RT014, RT015: dual-stack VPCs.

use std::collections::HashMap;

use skyplan_cidr::{IpNet, Ipv6Net, overlapping_pairs};
use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_model::{
    AddressFamily, Model, Route, RouteDestination, RouteTarget, Subnet, SubnetId, VpcId, VpcIpv6,
    with_ids,
};

use crate::Checker;
use crate::gateway::one_per_vpc;
use crate::route::destination_text;

/// The VPC block sizes AWS accepts for a block of your own.
const VPC_PREFIXES: [u8; 5] = [44, 48, 52, 56, 60];

pub(crate) fn check(c: &mut Checker) {
    vpc_blocks(c);
    vpc_block_overlaps(c);
    for subnet in &c.model.subnets {
        subnet_block(c, subnet);
    }
    subnet_overlaps(c);
    egress_only_gateways(c);
    routes(c);
}

fn vpc_blocks(c: &mut Checker) {
    for vpc in &c.model.vpcs {
        let Some(own) = &vpc.ipv6_cidr else { continue };
        let address = &vpc.common.address;
        if let Some(amazon) = vpc.ipv6.as_ref().filter(|b| b.value) {
            c.push(
                Diagnostic::new(
                    Rule::VpcIpv6Block,
                    format!("{address} asks for an Amazon-provided IPv6 block and gives its own"),
                )
                .detail("a VPC's IPv6 block is either Amazon-provided or yours")
                .resource(address)
                .at(own.span(), "second IPv6 block")
                .related(amazon.span, "Amazon-provided block")
                .help("keep `ipv6: true` or `ipv6_cidr`"),
            );
            continue;
        }
        if let Some(net) = own.ok()
            && !VPC_PREFIXES.contains(&net.prefix_len())
        {
            c.push(
                Diagnostic::new(
                    Rule::VpcIpv6Block,
                    format!(
                        "{address}'s IPv6 block {net} is a /{}; AWS takes /44, /48, /52, /56 or /60",
                        net.prefix_len()
                    ),
                )
                .detail("AWS refuses other sizes (InvalidParameterValue)")
                .resource(address)
                .at(own.span(), "not a /44-/60 in steps of 4")
                .help("use a /56, the size Amazon-provided blocks have"),
            );
        }
    }
}

/// Blocks of one's own that two VPCs share (Amazon-provided ones never overlap).
fn vpc_block_overlaps(c: &mut Checker) {
    let owned: Vec<(&skyplan_model::Vpc, Ipv6Net)> = c
        .model
        .vpcs
        .iter()
        .filter_map(|v| Some((v, v.ipv6_cidr.as_ref()?.ok()?)))
        .collect();
    let nets: Vec<IpNet> = owned.iter().map(|(_, n)| IpNet::V6(*n)).collect();
    for (x, y) in overlapping_pairs(&nets) {
        // The VPC declared later is the one at fault.
        let ((first, a), (second, b)) = (owned[x.min(y)], owned[x.max(y)]);
        let (Some(at), Some(other)) = (&second.ipv6_cidr, &first.ipv6_cidr) else {
            continue;
        };
        c.push(
            Diagnostic::new(
                Rule::VpcIpv6Block,
                format!(
                    "{}'s IPv6 block {b} overlaps {}'s {a}",
                    second.common.address, first.common.address
                ),
            )
            .detail("AWS allocates a block to one VPC only, and overlapping VPCs can never be peered or routed to each other")
            .resource(&second.common.address)
            .resource(&first.common.address)
            .at(at.span(), "overlapping IPv6 block")
            .related(other.span(), "the other VPC's block")
            .help("give each VPC its own block, or `ipv6: true` for an Amazon-provided one"),
        );
    }
}

fn subnet_block(c: &mut Checker, subnet: &Subnet) {
    let m = c.model;
    let address = &subnet.common.address;
    let vpc = &m.vpcs[subnet.vpc.id];
    let first_key = subnet
        .ipv6_index
        .as_ref()
        .map(|i| i.span)
        .or(subnet.ipv6_cidr.as_ref().map(|c| c.span()));
    let assign = subnet.assign_ipv6_on_creation.as_ref().filter(|a| a.value);
    if !vpc.wants_ipv6() {
        if let Some(at) = first_key.or(assign.map(|a| a.span)) {
            c.push(
                Diagnostic::new(
                    Rule::SubnetIpv6WithoutVpcIpv6,
                    format!(
                        "{address} has IPv6 settings, but {} has no IPv6 block",
                        vpc.common.address
                    ),
                )
                .detail("a subnet's IPv6 block is cut from its VPC's")
                .resource(address)
                .resource(&vpc.common.address)
                .at(at, "IPv6 in a VPC without IPv6")
                .help(format!(
                    "give {} `ipv6: true`, or remove the subnet's IPv6 settings",
                    vpc.common.address
                )),
            );
        }
        return;
    }
    if let (Some(a), None) = (assign, first_key) {
        c.push(
            Diagnostic::new(
                Rule::SubnetIpv6WithoutVpcIpv6,
                format!("{address} assigns IPv6 addresses but has no IPv6 block"),
            )
            .detail("instances get IPv6 addresses from their subnet's block")
            .resource(address)
            .at(a.span, "no block to assign from")
            .help("add `ipv6_index: N` (or `ipv6_cidr`)"),
        );
    }
    let block = |message: String, at: Span, label: &str, help: String| {
        Diagnostic::new(Rule::SubnetIpv6Block, message)
            .resource(address)
            .at(at, label)
            .help(help)
    };
    if let (Some(index), Some(own)) = (&subnet.ipv6_index, &subnet.ipv6_cidr) {
        c.push(block(
            format!("{address} gives both `ipv6_index` and `ipv6_cidr`"),
            own.span(),
            "second IPv6 block",
            format!("keep `ipv6_index: {}` or `ipv6_cidr`", index.value),
        ));
        return;
    }
    if let Some(index) = &subnet.ipv6_index
        && let Some(VpcIpv6::Own(vpc_block)) = vpc.ipv6_block()
        && vpc_block.prefix_len() != 56
    {
        c.push(block(
            format!(
                "{address} takes /64 number {} of {}'s IPv6 block, but {vpc_block} is not a /56",
                index.value, vpc.common.address
            ),
            index.span,
            "index into a block that is not a /56",
            "give the subnet `ipv6_cidr:` inside the VPC's block".to_string(),
        ));
    }
    let Some(own) = subnet.ipv6_cidr.as_ref().and_then(|c| c.ok()) else {
        return;
    };
    let span = subnet
        .ipv6_cidr
        .as_ref()
        .map_or(subnet.common.name.span, |c| c.span());
    let p = own.prefix_len();
    if !(44..=64).contains(&p) || p % 4 != 0 {
        c.push(block(
            format!(
                "{address}'s IPv6 block {own} is a /{p}; subnets take /44 to /64 in steps of 4"
            ),
            span,
            "not a /44-/64 in steps of 4",
            "use a /64".to_string(),
        ));
        return;
    }
    if let Some(VpcIpv6::Own(vpc_block)) = vpc.ipv6_block()
        && !vpc_block.contains(&own)
    {
        c.push(block(
            format!(
                "{address}'s IPv6 block {own} is outside {}'s {vpc_block}",
                vpc.common.address
            ),
            span,
            "outside the VPC's IPv6 block",
            format!("pick a block inside {vpc_block}"),
        ));
    }
}

/// SN010: per VPC, known IPv6 blocks by sort-and-sweep, indexes into an
/// Amazon-provided block by equality.
fn subnet_overlaps(c: &mut Checker) {
    let m = c.model;
    let mut known: HashMap<VpcId, Vec<(IpNet, SubnetId)>> = HashMap::new();
    let mut indexes: HashMap<(VpcId, u8), SubnetId> = HashMap::new();
    let mut found: Vec<(SubnetId, SubnetId)> = Vec::new();
    for (s, subnet) in with_ids(&m.subnets) {
        if subnet.ipv6_index.is_some() && subnet.ipv6_cidr.is_some() {
            continue; // SN008
        }
        let vpc = subnet.vpc.id;
        if let Some(net) = m.subnet_ipv6(s) {
            known.entry(vpc).or_default().push((IpNet::V6(net), s));
        } else if let (Some(index), Some(VpcIpv6::Amazon)) =
            (&subnet.ipv6_index, m.vpcs[vpc].ipv6_block())
        {
            match indexes.get(&(vpc, index.value)) {
                Some(first) => found.push((*first, s)),
                None => {
                    indexes.insert((vpc, index.value), s);
                }
            }
        }
    }
    let mut vpcs: Vec<_> = known.into_iter().collect();
    vpcs.sort_by_key(|(v, _)| *v);
    for (_, list) in vpcs {
        let blocks: Vec<IpNet> = list.iter().map(|(n, _)| *n).collect();
        for (i, j) in overlapping_pairs(&blocks) {
            found.push((list[i].1, list[j].1));
        }
    }
    found.sort();
    for (first, second) in found {
        let (a, b) = (&m.subnets[first], &m.subnets[second]);
        let (sa, sb) = (ipv6_span(a), ipv6_span(b));
        c.push(
            Diagnostic::new(
                Rule::SubnetIpv6Overlap,
                format!(
                    "the IPv6 blocks of {} and {} overlap",
                    b.common.address, a.common.address
                ),
            )
            .detail("AWS refuses a subnet block that overlaps another of the VPC (InvalidSubnet.Conflict)")
            .resource(&b.common.address)
            .resource(&a.common.address)
            .at(sb, "overlaps")
            .related(sa, "this block")
            .help("give every subnet its own `ipv6_index`"),
        );
    }
}

fn ipv6_span(s: &Subnet) -> Span {
    s.ipv6_index
        .as_ref()
        .map(|i| i.span)
        .or(s.ipv6_cidr.as_ref().map(|c| c.span()))
        .unwrap_or(s.common.name.span)
}

fn egress_only_gateways(c: &mut Checker) {
    let m = c.model;
    let gateways = m
        .egress_only_internet_gateways
        .iter()
        .map(|g| (&g.common, g.vpc));
    one_per_vpc(
        c,
        Rule::MultipleEgressOnlyGateways,
        "egress-only internet gateway",
        gateways,
    );
}

/// The address family a route's destination is of, when known.
fn family(m: &Model, route: &Route) -> Option<AddressFamily> {
    match &route.destination {
        RouteDestination::Cidr(c) => c.ok().map(|n| AddressFamily::of(&n)),
        RouteDestination::PrefixList(p) => Some(m.prefix_lists[p.id].address_family.value),
    }
}

/// NAT64's well-known prefix, the one IPv6 destination a NAT gateway takes.
fn nat64() -> Ipv6Net {
    Ipv6Net::new(std::net::Ipv6Addr::new(0x64, 0xff9b, 0, 0, 0, 0, 0, 0), 96).unwrap_or_default()
}

fn routes(c: &mut Checker) {
    let m = c.model;
    for table in &m.route_tables {
        for route in &table.routes {
            let Some(target) = route.target() else {
                continue;
            };
            let family = family(m, route);
            let dest = destination_text(m, route);
            if let (RouteTarget::NatGateway(n), Some(AddressFamily::Ipv6)) = (target, family)
                && route.destination.block() != Some(IpNet::V6(nat64()))
            {
                c.push(
                        Diagnostic::new(
                            Rule::Ipv6RouteToNat,
                            format!(
                                "{} sends the IPv6 destination {dest} to {}",
                                table.common.address, m.nat_gateways[n.id].common.address
                            ),
                        )
                        .detail("a NAT gateway takes IPv6 only for NAT64 (64:ff9b::/96)")
                        .resource(&table.common.address)
                        .resource(&m.nat_gateways[n.id].common.address)
                        .at(route.destination.span(), "IPv6 to a NAT gateway")
                        .help("route it to an egress-only internet gateway, or use 64:ff9b::/96 for NAT64"),
                    );
            }
            if let (RouteTarget::EgressOnlyInternetGateway(g), Some(AddressFamily::Ipv4)) =
                (target, family)
            {
                let gateway = &m.egress_only_internet_gateways[g.id].common.address;
                c.push(
                    Diagnostic::new(
                        Rule::EgressOnlyGatewayIpv4,
                        format!(
                            "{} sends the IPv4 destination {dest} to {gateway}",
                            table.common.address
                        ),
                    )
                    .detail("an egress-only internet gateway carries IPv6 only")
                    .resource(&table.common.address)
                    .resource(gateway)
                    .at(route.destination.span(), "IPv4 to an egress-only gateway")
                    .help("route `::/0` to it, and IPv4 to a NAT gateway"),
                );
            }
        }
    }
}
