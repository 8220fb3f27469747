//! VP002-VP009: blocks of a VPC, VPCs of a region.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use skyplan_cidr::{IpNet, Ipv4Net, overlapping_pairs};
use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_model::{Cidr4, PerId, Vpc, VpcId, with_ids};
use skyplan_spec::Kind;

use crate::Checker;

use skyplan_facts::quotas::{BLOCKS_PER_VPC, VPCS_PER_REGION};

const MAX_BLOCKS: usize = BLOCKS_PER_VPC.limit;

fn net(s: &str) -> Ipv4Net {
    s.parse().expect("constant block")
}

pub(crate) fn check(c: &mut Checker) {
    for vpc in &c.model.vpcs {
        block_overlap(c, vpc);
        too_many_blocks(c, vpc);
        secondary_restricted(c, vpc);
        public_range(c, vpc);
        link_local(c, vpc);
        docker_bridge(c, vpc);
        dns_attributes(c, vpc);
    }
    secondary_route_conflict(c);
    vpc_overlap(c);
    quota(c);
    single_az(c);
}

/// The parsed blocks of a VPC with their spans, primary first.
fn blocks(vpc: &Vpc) -> Vec<(Ipv4Net, &Cidr4)> {
    std::iter::once(&vpc.cidr)
        .chain(&vpc.secondary_cidrs)
        .filter_map(|b| b.ok().map(|n| (n, b)))
        .collect()
}

fn block_overlap(c: &mut Checker, vpc: &Vpc) {
    let blocks = blocks(vpc);
    let nets: Vec<IpNet> = blocks.iter().map(|(n, _)| IpNet::V4(*n)).collect();
    for (a, b) in overlapping_pairs(&nets) {
        let (later, earlier) = (a.max(b), a.min(b));
        let ((n1, b1), (n2, b2)) = (blocks[later], blocks[earlier]);
        c.push(
            Diagnostic::new(
                Rule::VpcBlockOverlap,
                format!("{} block {n1} overlaps its block {n2}", vpc.common.address),
            )
            .detail("AWS refuses to associate an overlapping block (InvalidVpc.Range)")
            .resource(&vpc.common.address)
            .at(b1.span(), "overlapping block")
            .related(b2.span(), "the block it overlaps")
            .help("choose a secondary block outside every other block of the VPC"),
        );
    }
}

fn too_many_blocks(c: &mut Checker, vpc: &Vpc) {
    let count = 1 + vpc.secondary_cidrs.len();
    if count > MAX_BLOCKS {
        let extra = &vpc.secondary_cidrs[MAX_BLOCKS - 1];
        c.push(
            Diagnostic::new(
                Rule::VpcTooManyBlocks,
                format!(
                    "{} has {count} IPv4 blocks; the default quota is {MAX_BLOCKS}",
                    vpc.common.address
                ),
            )
            .detail("AWS refuses the sixth association (CidrLimitExceeded)")
            .resource(&vpc.common.address)
            .at(extra.span(), "block over the quota")
            .help("use fewer, larger blocks, or raise the quota before applying"),
        );
    }
}

fn overlaps(a: Ipv4Net, b: Ipv4Net) -> bool {
    a.contains(&b) || b.contains(&a)
}

/// Why AWS refuses `block` as a secondary block of a VPC whose primary is
/// `primary`: its table of IPv4 association restrictions.
fn restriction(primary: Ipv4Net, block: Ipv4Net) -> Option<String> {
    let rfc1918 = [
        net("10.0.0.0/8"),
        net("172.16.0.0/12"),
        net("192.168.0.0/16"),
    ];
    let never = net("198.19.0.0/16");
    if overlaps(never, block) {
        return Some("198.19.0.0/16 can never be added as a secondary block".into());
    }
    if let Some(home) = rfc1918.iter().find(|r| r.contains(&primary)) {
        if let Some(r) = rfc1918.iter().find(|r| *r != home && overlaps(**r, block)) {
            return Some(format!(
                "a VPC whose primary block is in {home} cannot add blocks from {r}"
            ));
        }
        let default_vpc_range = net("172.31.0.0/16");
        if *home == net("172.16.0.0/12") && overlaps(default_vpc_range, block) {
            return Some(format!(
                "a VPC whose primary block is in {home} cannot add blocks from {default_vpc_range}"
            ));
        }
        return None;
    }
    // A publicly routable, 100.64.0.0/10 or 198.19.0.0/16 primary.
    rfc1918.iter().find(|r| overlaps(**r, block)).map(|r| {
        format!(
            "a VPC whose primary block {primary} is not RFC 1918 space cannot add blocks from {r}"
        )
    })
}

fn secondary_restricted(c: &mut Checker, vpc: &Vpc) {
    let Some(primary) = vpc.cidr.ok() else { return };
    for block in &vpc.secondary_cidrs {
        let Some(n) = block.ok() else { continue };
        if let Some(reason) = restriction(primary, n) {
            c.push(
                Diagnostic::new(
                    Rule::VpcSecondaryRestricted,
                    format!("{} cannot add {n}: {reason}", vpc.common.address),
                )
                .detail("AWS's IPv4 CIDR block association restrictions")
                .resource(&vpc.common.address)
                .at(block.span(), "restricted block")
                .related(vpc.cidr.span(), "primary block")
                .help("add a block from the primary block's own range or from 100.64.0.0/10"),
            );
        }
    }
}

/// 169.254.0.0/16, which AWS's own services use inside every VPC.
fn link_local(c: &mut Checker, vpc: &Vpc) {
    let range = net("169.254.0.0/16");
    for (n, block) in blocks(vpc) {
        if overlaps(range, n) {
            c.push(
                Diagnostic::new(
                    Rule::VpcLinkLocalBlock,
                    format!("{} block {n} is in the link-local range {range}", vpc.common.address),
                )
                .detail("AWS refuses link-local VPC blocks (InvalidVpc.Range): its metadata, DNS and time services live there")
                .resource(&vpc.common.address)
                .at(block.span(), "link-local block")
                .help("use an RFC 1918 block or 100.64.0.0/10"),
            );
        }
    }
}

fn docker_bridge(c: &mut Checker, vpc: &Vpc) {
    let bridge = net("172.17.0.0/16");
    for (n, block) in blocks(vpc) {
        if overlaps(bridge, n) {
            c.push(
                Diagnostic::new(
                    Rule::VpcDockerBridgeOverlap,
                    format!("{} block {n} overlaps Docker's default bridge {bridge}", vpc.common.address),
                )
                .detail("containers on Docker hosts (ECS, EKS, build agents) cannot reach VPC addresses in the bridge's range")
                .resource(&vpc.common.address)
                .at(block.span(), "overlaps 172.17.0.0/16")
                .help("choose a block outside 172.17.0.0/16"),
            );
        }
    }
}

fn dns_attributes(c: &mut Checker, vpc: &Vpc) {
    if vpc.dns_hostnames && !vpc.dns_support {
        c.push(
            Diagnostic::new(
                Rule::VpcDnsHostnamesWithoutSupport,
                format!(
                    "{} enables dns_hostnames with dns_support off",
                    vpc.common.address
                ),
            )
            .detail("ModifyVpcAttribute refuses DNS hostnames without DNS support (InvalidParameterValue)")
            .resource(&vpc.common.address)
            .at(vpc.common.name.span, "dns_hostnames without dns_support")
            .help("remove `dns_support: false`, or set `dns_hostnames: false`"),
        );
    }
}

fn public_range(c: &mut Checker, vpc: &Vpc) {
    let private: Vec<Ipv4Net> = skyplan_cidr::private_ranges().collect();
    let link_local = net("169.254.0.0/16");
    for (n, block) in blocks(vpc) {
        if !private.iter().any(|r| r.contains(&n)) && !overlaps(link_local, n) {
            c.push(
                Diagnostic::new(
                    Rule::VpcPublicRange,
                    format!(
                        "{} block {n} is publicly routable address space",
                        vpc.common.address
                    ),
                )
                .detail("hosts in the VPC can no longer reach the real owners of these addresses")
                .resource(&vpc.common.address)
                .at(block.span(), "outside RFC 1918 and 100.64.0.0/10")
                .help("use 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10"),
            );
        }
    }
}

fn secondary_route_conflict(c: &mut Checker) {
    let m = c.model;
    // Route destinations per VPC, from all of its tables.
    let mut destinations: PerId<Vpc, Vec<(Ipv4Net, Span, &str)>> = PerId::new(&m.vpcs, Vec::new());
    for table in &m.route_tables {
        for route in &table.routes {
            if let Some(d) = route.destination.ipv4() {
                destinations[table.vpc.id].push((
                    d,
                    route.destination.span(),
                    &table.common.address,
                ));
            }
        }
    }
    for (v, vpc) in with_ids(&m.vpcs) {
        for block in &vpc.secondary_cidrs {
            let Some(n) = block.ok() else { continue };
            if let Some((d, span, table)) = destinations[v].iter().find(|(d, _, _)| n.contains(d)) {
                c.push(
                    Diagnostic::new(
                        Rule::VpcSecondaryRouteConflict,
                        format!("{} cannot add {n}: {table} routes {d}, which the block would cover", vpc.common.address),
                    )
                    .detail("AWS refuses a block the same as or larger than a route destination of the VPC's route tables")
                    .resource(&vpc.common.address)
                    .resource(*table)
                    .at(block.span(), "block covers a routed destination")
                    .related(*span, "route destination")
                    .help("pick a secondary block that contains no routed destination"),
                );
            }
        }
    }
}

fn peered_pairs(c: &Checker) -> HashSet<(VpcId, VpcId)> {
    c.model
        .vpc_peerings
        .iter()
        .map(|p| (p.vpc.id.min(p.peer_vpc.id), p.vpc.id.max(p.peer_vpc.id)))
        .collect()
}

fn vpc_overlap(c: &mut Checker) {
    let m = c.model;
    let mut owners = Vec::new();
    let mut nets = Vec::new();
    for (v, vpc) in with_ids(&m.vpcs) {
        for (n, block) in blocks(vpc) {
            owners.push((v, block.span(), n));
            nets.push(IpNet::V4(n));
        }
    }
    // Peered overlapping VPCs are an error of their own (PC003).
    let peered = peered_pairs(c);
    let mut seen = BTreeSet::new();
    for (a, b) in overlapping_pairs(&nets) {
        let (va, vb) = (owners[a].0, owners[b].0);
        if va == vb || peered.contains(&(va.min(vb), va.max(vb))) {
            continue;
        }
        let (later, earlier) = if va > vb { (a, b) } else { (b, a) };
        if !seen.insert((owners[later].0, owners[earlier].0)) {
            continue;
        }
        let (l, e) = (&m.vpcs[owners[later].0], &m.vpcs[owners[earlier].0]);
        c.push(
            Diagnostic::new(
                Rule::VpcOverlap,
                format!(
                    "{} ({}) overlaps {} ({})",
                    l.common.address, owners[later].2, e.common.address, owners[earlier].2
                ),
            )
            .detail("overlapping VPCs can never be peered or routed to each other")
            .resource(&l.common.address)
            .resource(&e.common.address)
            .at(owners[later].1, "overlapping block")
            .related(owners[earlier].1, "the other VPC's block")
            .help("give every VPC its own range from an address plan"),
        );
    }
}

fn quota(c: &mut Checker) {
    let mut by_region: BTreeMap<&str, Vec<&Vpc>> = BTreeMap::new();
    for vpc in &c.model.vpcs {
        if let Some(r) = &vpc.region {
            by_region.entry(&r.value).or_default().push(vpc);
        }
    }
    for (region, vpcs) in by_region {
        let limit = VPCS_PER_REGION.limit;
        if vpcs.len() > limit {
            let sixth = vpcs[limit];
            c.push(
                Diagnostic::new(
                    Rule::VpcQuota,
                    format!(
                        "{} VPCs in {region}; the default quota is {limit} per region",
                        vpcs.len()
                    ),
                )
                .detail("the sixth create fails with VpcLimitExceeded unless the quota was raised")
                .resources(
                    vpcs[limit..]
                        .iter()
                        .chain(&vpcs[..limit])
                        .map(|v| v.common.address.clone()),
                )
                .at(sixth.common.name.span, "sixth VPC in the region")
                .help("request a quota increase before applying"),
            );
        }
    }
}

fn single_az(c: &mut Checker) {
    let m = c.model;
    if !m.complete(&[Kind::Subnet]) {
        return;
    }
    let mut zones: PerId<Vpc, BTreeSet<&str>> = PerId::new(&m.vpcs, BTreeSet::new());
    let mut members: PerId<Vpc, Vec<String>> = PerId::new(&m.vpcs, Vec::new());
    for s in &m.subnets {
        zones[s.vpc.id].insert(&s.az.value);
        members[s.vpc.id].push(s.common.address.clone());
    }
    for (v, vpc) in with_ids(&m.vpcs) {
        if zones[v].len() == 1 {
            let az = zones[v].first().copied().unwrap_or_default();
            c.push(
                Diagnostic::new(
                    Rule::SingleAz,
                    format!("every subnet of {} is in {az}", vpc.common.address),
                )
                .detail("one AZ failure takes the whole VPC down; AWS recommends at least two AZs")
                .resource(&vpc.common.address)
                .resources(members[v].clone())
                .at(vpc.common.name.span, "single-AZ VPC")
                .help("put subnets in a second availability zone"),
            );
        }
    }
}
