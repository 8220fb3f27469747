//! PC001-PC004: VPC peering, and its quota.

use std::collections::HashMap;

use skyplan_cidr::{IpNet, overlapping_pairs};
use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_model::VpcId;

use skyplan_facts::partition;
use skyplan_facts::quotas::ACTIVE_PEERINGS_PER_VPC;

use crate::Checker;
use crate::quota::over_quota_by;

pub(crate) fn check(c: &mut Checker) {
    let m = c.model;
    let mut pairs: HashMap<(VpcId, VpcId), (&str, Span)> = HashMap::new();
    for p in &m.vpc_peerings {
        let address = &p.common.address;
        if p.vpc.id == p.peer_vpc.id {
            c.push(
                Diagnostic::new(
                    Rule::PeeringSelf,
                    format!(
                        "{address} peers {} with itself",
                        m.vpcs[p.vpc.id].common.address
                    ),
                )
                .detail("AWS refuses a peering of a VPC with itself")
                .resource(address)
                .at(p.peer_vpc.span, "same VPC as `vpc`")
                .help("name two different VPCs"),
            );
            continue;
        }
        let key = (p.vpc.id.min(p.peer_vpc.id), p.vpc.id.max(p.peer_vpc.id));
        if let Some((other, span)) = pairs.get(&key) {
            c.push(
                Diagnostic::new(
                    Rule::PeeringDuplicate,
                    format!("{address} and {other} both peer {} and {}", m.vpcs[key.0].common.address, m.vpcs[key.1].common.address),
                )
                .detail("only one peering can exist between two VPCs (VpcPeeringConnectionAlreadyExists)")
                .resource(address)
                .resource(*other)
                .at(p.common.name.span, "second peering")
                .related(*span, "first peering")
                .help("keep one peering"),
            );
            continue;
        }
        pairs.insert(key, (address, p.common.name.span));
        let (a, b) = (&m.vpcs[p.vpc.id], &m.vpcs[p.peer_vpc.id]);
        if let (Some(ra), Some(rb)) = (&a.region, &b.region)
            && partition::of(&ra.value) != partition::of(&rb.value)
        {
            c.push(
                Diagnostic::new(
                    Rule::PeeringAcrossPartitions,
                    format!(
                        "{address} peers {} in {} ({}) with {} in {} ({})",
                        a.common.address,
                        ra.value,
                        partition::of(&ra.value),
                        b.common.address,
                        rb.value,
                        partition::of(&rb.value)
                    ),
                )
                .detail("AWS partitions are separate clouds: no peering connection joins them")
                .resource(address)
                .resource(&a.common.address)
                .resource(&b.common.address)
                .at(p.peer_vpc.span, "VPC in another partition")
                .help("connect them over a VPN, or keep both VPCs in one partition"),
            );
        }
        let blocks: Vec<(IpNet, bool)> = a
            .blocks()
            .map(|n| (IpNet::V4(n), true))
            .chain(b.blocks().map(|n| (IpNet::V4(n), false)))
            .collect();
        let nets: Vec<IpNet> = blocks.iter().map(|b| b.0).collect();
        if let Some((x, y)) = overlapping_pairs(&nets)
            .into_iter()
            .find(|(x, y)| blocks[*x].1 != blocks[*y].1)
        {
            let (ours, theirs) = if blocks[x].1 {
                (nets[x], nets[y])
            } else {
                (nets[y], nets[x])
            };
            c.push(
                Diagnostic::new(
                    Rule::PeeringOverlap,
                    format!(
                        "{address} peers {} ({ours}) with {} ({theirs}), which overlap",
                        a.common.address, b.common.address
                    ),
                )
                .detail("AWS refuses a peering between VPCs with overlapping IPv4 blocks")
                .resource(address)
                .resource(&a.common.address)
                .resource(&b.common.address)
                .at(p.common.name.span, "peering of overlapping VPCs")
                .related(a.cidr.span(), "one VPC's block")
                .related(b.cidr.span(), "the other VPC's block")
                .help("renumber one VPC"),
            );
        }
    }
    // Each peering counts for both of its VPCs.
    over_quota_by(
        c,
        ACTIVE_PEERINGS_PER_VPC,
        m.vpc_peerings
            .iter()
            .flat_map(|p| [(p.vpc.id, &p.common), (p.peer_vpc.id, &p.common)]),
        |v| m.vpcs[v].common.address.clone(),
    );
}
