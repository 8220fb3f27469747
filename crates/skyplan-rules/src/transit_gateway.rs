//! TW001-TW005, TW012 and the transit gateway quota.

use skyplan_cidr::IpNet;
use skyplan_diagnostics::{Diagnostic, Rule};
use skyplan_facts::bgp::is_amazon_side_asn;
use skyplan_facts::quotas::{CIDR_BLOCKS_PER_TRANSIT_GATEWAY, TRANSIT_GATEWAYS_PER_REGION};
use std::collections::HashMap;

use skyplan_model::{Model, SubnetId, TransitGateway, TransitGatewayAttachment};
use skyplan_spec::Sp;

use crate::Checker;
use crate::cidr::syntax;
use crate::quota::over_quota_by;

pub(crate) fn check(c: &mut Checker) {
    let m = c.model;
    for t in &m.transit_gateways {
        asn(c, t);
        cidr_blocks(c, t);
    }
    // Built only when some attachment needs it (a stack without a hub pays
    // nothing for it).
    let workloads = if m.transit_gateway_attachments.is_empty() {
        HashMap::new()
    } else {
        workload_subnets(m)
    };
    let mut first = HashMap::new();
    for a in &m.transit_gateway_attachments {
        attachment_subnets(c, a);
        shared_subnet(c, a, &workloads);
        attachment_region(c, a);
        if let Some(earlier) = first.insert((a.vpc.id, a.transit_gateway.id), a) {
            first.insert((a.vpc.id, a.transit_gateway.id), earlier);
            duplicate_attachment(c, earlier, a);
        }
    }
    over_quota_by(
        c,
        TRANSIT_GATEWAYS_PER_REGION,
        m.transit_gateways
            .iter()
            .filter_map(|t| Some((t.region.as_ref()?.value.as_str(), &t.common))),
        |r| r.to_string(),
    );
}

/// The first workload of each subnet that has one: an instance, an auto
/// scaling group, a load balancer or a DB subnet group.
fn workload_subnets(m: &Model) -> HashMap<SubnetId, &str> {
    let mut out = HashMap::new();
    let instances = (m.instances.iter()).map(|i| (i.subnet.id, i.address.as_str()));
    let groups = (m.auto_scaling_groups.iter())
        .flat_map(|g| g.subnets.iter().map(|s| (s.id, g.common.address.as_str())));
    let balancers = (m.load_balancers.iter())
        .flat_map(|l| l.subnets.iter().map(|s| (s.id, l.common.address.as_str())));
    let databases = (m.db_subnet_groups.iter())
        .flat_map(|g| g.subnets.iter().map(|s| (s.id, g.common.address.as_str())));
    for (subnet, user) in instances.chain(groups).chain(balancers).chain(databases) {
        out.entry(subnet).or_insert(user);
    }
    out
}

/// TW012: an attachment in a subnet its VPC's workloads use too.
fn shared_subnet(
    c: &mut Checker,
    a: &TransitGatewayAttachment,
    workloads: &HashMap<SubnetId, &str>,
) {
    let m = c.model;
    let Some((subnet, user)) = (a.subnets.iter()).find_map(|s| Some((s, *workloads.get(&s.id)?)))
    else {
        return;
    };
    let address = &m.subnets[subnet.id].common.address;
    c.push(
        Diagnostic::new(
            Rule::TransitGatewayAttachmentShared,
            format!(
                "{} is in {address}, which {user} uses too",
                a.common.address
            ),
        )
        .detail("the hub's traffic to and from the whole VPC crosses this subnet's network ACL and follows its route table, which are written for the workloads")
        .resource(&a.common.address)
        .resource(user)
        .at(subnet.span, "shared with workloads")
        .help("give the attachment a /28 of its own in each AZ (AWS's transit gateway design best practices)"),
    );
}

/// TW001: a private ASN for the Amazon side.
fn asn(c: &mut Checker, t: &TransitGateway) {
    amazon_side_asn(
        c,
        Rule::TransitGatewayAsn,
        &t.common.address,
        t.amazon_side_asn.as_ref(),
    );
}

/// A private ASN for the Amazon side of `holder` (a transit or VPN
/// gateway): AWS takes nothing else.
pub(crate) fn amazon_side_asn(c: &mut Checker, rule: Rule, holder: &str, asn: Option<&Sp<u64>>) {
    let Some(asn) = asn else { return };
    if is_amazon_side_asn(asn.value) {
        return;
    }
    c.push(
        Diagnostic::new(
            rule,
            format!(
                "{holder} has Amazon-side ASN {}, not a private ASN",
                asn.value
            ),
        )
        .detail("AWS refuses it: the Amazon side takes 64512-65534 or 4200000000-4294967294")
        .resource(holder)
        .at(asn.span, "not a private ASN")
        .help("pick an unused private ASN such as 64513, or leave it out for 64512"),
    );
}

/// CD001/CD002 on its blocks, then TW002: their sizes and count.
fn cidr_blocks(c: &mut Checker, t: &TransitGateway) {
    let address = &t.common.address;
    for block in &t.cidr_blocks {
        syntax(c, block, address);
        let Some(net) = block.ok() else { continue };
        let (largest, family) = match net {
            IpNet::V4(_) => (24, "IPv4"),
            IpNet::V6(_) => (64, "IPv6"),
        };
        let prefix = net.prefix_len();
        if prefix > largest {
            c.push(
                Diagnostic::new(
                    Rule::TransitGatewayCidrBlocks,
                    format!("{address} has block {} of /{prefix}", block.text.value),
                )
                .detail(format!(
                    "AWS refuses a transit gateway {family} block smaller than a /{largest}"
                ))
                .resource(address)
                .at(block.span(), format!("smaller than a /{largest}"))
                .help(format!("use a /{largest} or a larger block")),
            );
        }
    }
    if let Some(extra) = t.cidr_blocks.get(CIDR_BLOCKS_PER_TRANSIT_GATEWAY) {
        c.push(
            Diagnostic::new(
                Rule::TransitGatewayCidrBlocks,
                format!(
                    "{address} has {} blocks; a transit gateway has at most {CIDR_BLOCKS_PER_TRANSIT_GATEWAY}",
                    t.cidr_blocks.len()
                ),
            )
            .detail("AWS refuses more, and the limit cannot be raised")
            .resource(address)
            .at(extra.span(), "one too many")
            .help(format!("keep at most {CIDR_BLOCKS_PER_TRANSIT_GATEWAY} blocks")),
        );
    }
}

/// TW003: one subnet of its own VPC per AZ.
fn attachment_subnets(c: &mut Checker, a: &TransitGatewayAttachment) {
    let m = c.model;
    let address = &a.common.address;
    let vpc = &m.vpcs[a.vpc.id].common.address;
    let mut zones: HashMap<&str, &str> = HashMap::new();
    for s in &a.subnets {
        let subnet = &m.subnets[s.id];
        if subnet.vpc.id != a.vpc.id {
            c.push(
                Diagnostic::new(
                    Rule::TransitGatewayAttachmentSubnets,
                    format!(
                        "{address} attaches {vpc} but lists {}, of {}",
                        subnet.common.address, m.vpcs[subnet.vpc.id].common.address
                    ),
                )
                .detail("AWS refuses it: an attachment's interfaces are in subnets of its own VPC")
                .resource(address)
                .resource(&subnet.common.address)
                .at(s.span, "subnet of another VPC")
                .help(format!("list subnets of {vpc}")),
            );
            continue;
        }
        if let Some(other) = zones.insert(&subnet.az.value, &subnet.common.address) {
            zones.insert(&subnet.az.value, other);
            c.push(
                Diagnostic::new(
                    Rule::TransitGatewayAttachmentSubnets,
                    format!(
                        "{address} lists {other} and {} in {}",
                        subnet.common.address, subnet.az.value
                    ),
                )
                .detail("AWS refuses two attachment subnets in one AZ (DuplicateSubnetsInSameZone)")
                .resource(address)
                .resource(&subnet.common.address)
                .at(s.span, "second subnet in the AZ")
                .help("keep one subnet per availability zone"),
            );
        }
    }
}

/// TW004: one attachment per VPC and gateway.
fn duplicate_attachment(
    c: &mut Checker,
    first: &TransitGatewayAttachment,
    second: &TransitGatewayAttachment,
) {
    let m = c.model;
    let vpc = &m.vpcs[second.vpc.id].common.address;
    let gateway = &m.transit_gateways[second.transit_gateway.id].common.address;
    c.push(
        Diagnostic::new(
            Rule::TransitGatewayAttachmentDuplicate,
            format!(
                "{} and {} both attach {vpc} to {gateway}",
                first.common.address, second.common.address
            ),
        )
        .detail("AWS refuses a second attachment of a VPC to one gateway (DuplicateTransitGatewayAttachment)")
        .resource(&second.common.address)
        .resource(&first.common.address)
        .at(second.common.name.span, "second attachment")
        .related(first.common.name.span, "first attachment")
        .help(format!("keep {} and list every subnet in it", first.common.address)),
    );
}

/// TW005: the VPC in the gateway's region.
fn attachment_region(c: &mut Checker, a: &TransitGatewayAttachment) {
    let m = c.model;
    let (vpc, gateway) = (&m.vpcs[a.vpc.id], &m.transit_gateways[a.transit_gateway.id]);
    let (Some(here), Some(there)) = (&vpc.region, &gateway.region) else {
        return;
    };
    if here.value == there.value {
        return;
    }
    c.push(
        Diagnostic::new(
            Rule::TransitGatewayAttachmentRegion,
            format!(
                "{} attaches {} (in {}) to {} (in {})",
                a.common.address,
                vpc.common.address,
                here.value,
                gateway.common.address,
                there.value
            ),
        )
        .detail("AWS refuses it: a transit gateway attaches VPCs of its own region")
        .resource(&a.common.address)
        .resource(&vpc.common.address)
        .at(a.vpc.span, "VPC of another region")
        .help(format!(
            "attach {} to a transit gateway in {} (and peer the gateways)",
            vpc.common.address, here.value
        )),
    );
}
