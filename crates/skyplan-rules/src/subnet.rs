//! SN002-SN007 (placement, overlap, capacity, associations) and
//! IP001-IP003 (static private addresses).

use std::collections::{BTreeMap, HashMap};
use std::net::Ipv4Addr;

use skyplan_cidr::{IpNet, overlapping_pairs, reserved_offset, usable_addresses};
use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_model::{Model, PerId, Ref, Subnet, SubnetId, VpcId, with_ids};

use skyplan_facts::quotas::SUBNETS_PER_VPC;

use crate::Checker;
use crate::quota::over_quota_by;

pub(crate) fn check(c: &mut Checker) {
    inside_vpc(c);
    overlap(c);
    capacity(c);
    associations(c);
    private_ips(c);
    let m = c.model;
    over_quota_by(
        c,
        SUBNETS_PER_VPC,
        m.subnets.iter().map(|s| (s.vpc.id, &s.common)),
        |v| m.vpcs[v].common.address.clone(),
    );
}

fn inside_vpc(c: &mut Checker) {
    let m = c.model;
    for s in &m.subnets {
        let Some(n) = s.cidr.ok() else { continue };
        let vpc = &m.vpcs[s.vpc.id];
        let blocks: Vec<_> = vpc.blocks().collect();
        if blocks.is_empty() || blocks.iter().any(|b| b.contains(&n)) {
            continue;
        }
        let touched: Vec<String> = blocks
            .iter()
            .filter(|b| n.contains(*b) || b.contains(&n.network()))
            .map(ToString::to_string)
            .collect();
        let list = blocks
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let what = if touched.is_empty() {
            format!(
                "{} ({n}) is outside every block of {} ({list})",
                s.common.address, vpc.common.address
            )
        } else {
            format!(
                "{} ({n}) straddles blocks of {} ({})",
                s.common.address,
                vpc.common.address,
                touched.join(", ")
            )
        };
        c.push(
            Diagnostic::new(Rule::SubnetOutsideVpc, what)
                .detail(
                    "a subnet must lie entirely within one block of its VPC (InvalidSubnet.Range)",
                )
                .resource(&s.common.address)
                .resource(&vpc.common.address)
                .at(s.cidr.span(), "not inside one VPC block")
                .related(vpc.cidr.span(), "the VPC's primary block")
                .help("choose a block inside one of the VPC's blocks, or add a secondary block"),
        );
    }
}

fn overlap(c: &mut Checker) {
    let m = c.model;
    let mut by_vpc: BTreeMap<VpcId, Vec<SubnetId>> = BTreeMap::new();
    for (i, s) in with_ids(&m.subnets) {
        if s.cidr.ok().is_some() {
            by_vpc.entry(s.vpc.id).or_default().push(i);
        }
    }
    for members in by_vpc.values() {
        let nets: Vec<IpNet> = members
            .iter()
            .filter_map(|&i| m.subnets[i].cidr.ok().map(IpNet::V4))
            .collect();
        for (a, b) in overlapping_pairs(&nets) {
            let (later, earlier) = (members[a].max(members[b]), members[a].min(members[b]));
            let (l, e) = (&m.subnets[later], &m.subnets[earlier]);
            let (ln, en) = (
                l.cidr.ok().unwrap_or_default(),
                e.cidr.ok().unwrap_or_default(),
            );
            let relation = if ln == en {
                format!("{ln} is the same block")
            } else if en.contains(&ln) {
                format!("{ln} lies inside {en}")
            } else {
                format!("{ln} contains {en}")
            };
            c.push(
                Diagnostic::new(
                    Rule::SubnetOverlap,
                    format!("{} overlaps {}", l.common.address, e.common.address),
                )
                .detail(format!("{relation} (InvalidSubnet.Conflict)"))
                .resource(&l.common.address)
                .resource(&e.common.address)
                .at(l.cidr.span(), "overlapping block")
                .related(e.cidr.span(), "the other subnet")
                .help("give each subnet its own block"),
            );
        }
    }
}

/// The addresses a load balancer counts for in each of its subnets: an
/// application load balancer 8 (AWS's reserve for scaling its nodes), a
/// network one 1.
pub(crate) fn load_balancer_reserve(lb: &skyplan_model::LoadBalancer) -> u64 {
    match lb.lb_type.value {
        skyplan_spec::LoadBalancerType::Application => 8,
        skyplan_spec::LoadBalancerType::Network => 1,
    }
}

/// The addresses each subnet's interfaces take, and who takes them (in
/// declaration order): NAT gateways, interface endpoints (one per subnet),
/// load balancers (their reserve per subnet), instances, and auto scaling
/// groups' `desired` instances as apply spreads them.
pub(crate) fn interfaces(m: &Model) -> (PerId<Subnet, u64>, PerId<Subnet, Vec<String>>) {
    let mut used = PerId::new(&m.subnets, 0u64);
    let mut users: PerId<Subnet, Vec<String>> = PerId::new(&m.subnets, Vec::new());
    let mut take = |s: SubnetId, who: &str| {
        used[s] += 1;
        if users[s].last().is_none_or(|l| l != who) {
            users[s].push(who.to_string());
        }
    };
    for nat in &m.nat_gateways {
        take(nat.subnet.id, &nat.common.address);
    }
    for e in &m.vpc_endpoints {
        for s in &e.subnets {
            take(s.id, &e.common.address);
        }
    }
    for lb in &m.load_balancers {
        for s in &lb.subnets {
            for _ in 0..load_balancer_reserve(lb) {
                take(s.id, &lb.common.address);
            }
        }
    }
    for instance in &m.instances {
        let group = &m.instance_groups[instance.group].common.address;
        take(instance.subnet.id, group);
    }
    for g in &m.auto_scaling_groups {
        let n = usize::try_from(g.desired()).unwrap_or(0);
        for s in g.placement(n) {
            take(s, &g.common.address);
        }
    }
    (used, users)
}

fn capacity(c: &mut Checker) {
    let m = c.model;
    let (used, users) = interfaces(m);
    for (i, s) in with_ids(&m.subnets) {
        let Some(n) = s.cidr.ok() else { continue };
        let usable = usable_addresses(n.prefix_len());
        let need = used[i];
        if need > usable {
            c.push(
                Diagnostic::new(
                    Rule::SubnetCapacity,
                    format!(
                        "{} has {usable} usable addresses, {need} are needed",
                        s.common.address
                    ),
                )
                .detail(format!(
                    "a /{} has {} addresses and AWS keeps 5 (InsufficientFreeAddressesInSubnet)",
                    n.prefix_len(),
                    usable + 5
                ))
                .resource(&s.common.address)
                .resources(users[i].clone())
                .at(s.cidr.span(), format!("{usable} usable addresses"))
                .help("use a larger subnet, or spread the copies with `subnets:`"),
            );
        } else if need * 10 > usable * 9 {
            c.push(
                Diagnostic::new(
                    Rule::SubnetNearlyFull,
                    format!(
                        "{} is {}% full ({need} of {usable} usable addresses)",
                        s.common.address,
                        need * 100 / usable
                    ),
                )
                .detail(
                    "there is no room to scale out or to replace an instance before deleting it",
                )
                .resource(&s.common.address)
                .resources(users[i].clone())
                .at(s.cidr.span(), "more than 90% used")
                .help("use a larger subnet"),
            );
        }
    }
}

fn associations(c: &mut Checker) {
    let m = c.model;
    let tables = m
        .route_tables
        .iter()
        .map(|t| (&t.common.address, &t.subnets));
    associated_twice(c, tables, Rule::SubnetTwoRouteTables, "route tables");
    let acls = m
        .network_acls
        .iter()
        .map(|a| (&a.common.address, &a.subnets));
    associated_twice(c, acls, Rule::SubnetTwoNetworkAcls, "network ACLs");
}

/// A subnet listed by two owners (route tables or network ACLs).
fn associated_twice<'a>(
    c: &mut Checker,
    owners: impl Iterator<Item = (&'a String, &'a Vec<Ref<Subnet>>)>,
    rule: Rule,
    what: &str,
) {
    let m = c.model;
    let mut first: HashMap<SubnetId, (&String, Span)> = HashMap::new();
    for (owner, subnets) in owners {
        for s in subnets {
            match first.get(&s.id) {
                None => {
                    first.insert(s.id, (owner, s.span));
                }
                Some((other, _)) if *other == owner => {}
                Some((other, other_span)) => {
                    let subnet = &m.subnets[s.id].common.address;
                    c.push(
                        Diagnostic::new(
                            rule,
                            format!("{subnet} is associated with two {what}: {other} and {owner}"),
                        )
                        .detail("a subnet has exactly one association (Resource.AlreadyAssociated)")
                        .resource(subnet)
                        .resource(*other)
                        .resource(owner)
                        .at(s.span, "second association")
                        .related(*other_span, "first association")
                        .help(format!("list {subnet} in one of the {what} only")),
                    );
                }
            }
        }
    }
}

fn private_ips(c: &mut Checker) {
    let m = c.model;
    let mut taken: HashMap<(SubnetId, Ipv4Addr), (&str, Span)> = HashMap::new();
    for group in &m.instance_groups {
        let Some(ip_text) = &group.private_ip else {
            continue;
        };
        let address = &group.common.address;
        let Ok(ip) = ip_text.value.parse::<Ipv4Addr>() else {
            c.push(
                Diagnostic::new(
                    Rule::InvalidCidr,
                    format!("`{}` is not an IPv4 address", ip_text.value),
                )
                .resource(address)
                .at(ip_text.span, "expected a.b.c.d"),
            );
            continue;
        };
        // `private_ip` with several copies is EC002; check the first copy's subnet.
        let Some(&first) = group.instances.first() else {
            continue;
        };
        let subnet_ref = m.instances[first].subnet;
        let subnet = &m.subnets[subnet_ref.id];
        let Some(net) = subnet.cidr.ok() else {
            continue;
        };
        if !net.contains(&ip) {
            c.push(
                Diagnostic::new(
                    Rule::PrivateIpOutsideSubnet,
                    format!(
                        "{address} private_ip {ip} is outside {} ({net})",
                        subnet.common.address
                    ),
                )
                .detail("AWS refuses the launch: the address is not in the subnet's range")
                .resource(address)
                .resource(&subnet.common.address)
                .at(ip_text.span, "outside the subnet")
                .related(subnet.cidr.span(), "the subnet's block")
                .help(format!(
                    "use an address from {} to {}",
                    skyplan_cidr::first_usable(net),
                    Ipv4Addr::from(u32::from(net.broadcast()) - 1)
                )),
            );
            continue;
        }
        if let Some(which) = reserved_offset(net, ip) {
            c.push(
                Diagnostic::new(
                    Rule::PrivateIpReserved,
                    format!(
                        "{address} private_ip {ip} is {which} of {}",
                        subnet.common.address
                    ),
                )
                .detail("AWS keeps the first four addresses and the last one of every subnet")
                .resource(address)
                .resource(&subnet.common.address)
                .at(ip_text.span, "reserved address")
                .help(format!(
                    "use {} or higher, below {}",
                    skyplan_cidr::first_usable(net),
                    net.broadcast()
                )),
            );
            continue;
        }
        match taken.get(&(subnet_ref.id, ip)) {
            Some((other, other_span)) => c.push(
                Diagnostic::new(
                    Rule::PrivateIpDuplicate,
                    format!("{address} and {other} both ask for {ip}"),
                )
                .detail("the second launch fails with InvalidIPAddress.InUse")
                .resource(address)
                .resource(*other)
                .resource(&subnet.common.address)
                .at(ip_text.span, "address already taken")
                .related(*other_span, "first use")
                .help("give each instance its own address"),
            ),
            None => {
                taken.insert((subnet_ref.id, ip), (address, ip_text.span));
            }
        }
    }
}
