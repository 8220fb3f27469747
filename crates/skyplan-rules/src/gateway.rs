//! GW001-GW010: internet gateways, NAT gateways, elastic IPs, and their
//! quotas.

use std::collections::HashMap;

use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_model::{
    Common, ElasticIp, ElasticIpId, Model, PerId, Ref, RouteTableId, RouteTarget, SubnetId, Vpc,
    VpcId, with_ids,
};
use skyplan_spec::Kind;

use skyplan_facts::quotas::{ELASTIC_IPS_PER_REGION, NAT_GATEWAYS_PER_AZ};

use crate::Checker;
use crate::quota::over_quota_by;

pub(crate) fn check(c: &mut Checker) {
    multiple_igws(c);
    nat_eips(c);
    eip_uses(c);
    nat_internet_route(c);
    nat_cross_az(c);
    unused_igws(c);
    eip_without_igw(c);
    private_nat_to_internet(c);
    quotas(c);
}

fn eip_without_igw(c: &mut Checker) {
    let m = c.model;
    if !m.complete(&[Kind::InternetGateway]) {
        return;
    }
    for group in &m.instance_groups {
        let (Some(eip), Some(&first)) = (group.elastic_ip, group.instances.first()) else {
            continue;
        };
        let vpc = m.instance_vpc(first);
        if m.internet_gateways.iter().any(|g| g.vpc.id == vpc) {
            continue;
        }
        let vpc = &m.vpcs[vpc].common.address;
        c.push(
            Diagnostic::new(
                Rule::EipWithoutInternetGateway,
                format!(
                    "{} takes {}, but {vpc} has no internet gateway",
                    group.common.address, m.elastic_ips[eip.id].common.address
                ),
            )
            .detail("AWS refuses the association (Gateway.NotAttached): an elastic IP is reached through the VPC's internet gateway")
            .resource(&group.common.address)
            .resource(&m.elastic_ips[eip.id].common.address)
            .resource(vpc)
            .at(eip.span, "no internet gateway in this VPC")
            .help(format!("attach an internet gateway to {vpc}, or remove `elastic_ip`")),
        );
    }
}

fn private_nat_to_internet(c: &mut Checker) {
    let m = c.model;
    if !m.complete(&[Kind::RouteTable]) {
        return;
    }
    for nat in m.nat_gateways.iter().filter(|n| !n.public) {
        if !has_default_igw_route(m, nat.subnet.id) {
            continue;
        }
        let subnet = &m.subnets[nat.subnet.id].common.address;
        c.push(
            Diagnostic::new(
                Rule::PrivateNatInternetRoute,
                format!(
                    "{} is private, but its subnet {subnet} routes 0.0.0.0/0 to an internet gateway",
                    nat.common.address
                ),
            )
            .detail("a private NAT gateway has no public address: what it sends to an internet gateway is dropped")
            .resource(&nat.common.address)
            .resource(subnet)
            .at(nat.subnet.span, "subnet routed to the internet")
            .help("for internet access use a public NAT gateway with an elastic IP; a private one is for other VPCs and on-premises networks"),
        );
    }
}

fn quotas(c: &mut Checker) {
    let m = c.model;
    over_quota_by(
        c,
        NAT_GATEWAYS_PER_AZ,
        m.nat_gateways
            .iter()
            .map(|n| (m.subnets[n.subnet.id].az.value.as_str(), &n.common)),
        |az| az.to_string(),
    );
    // Elastic IPs are regional: the region of their user's VPC, else the
    // stack's default region.
    let mut region_of: PerId<ElasticIp, Option<&str>> = PerId::new(&m.elastic_ips, None);
    let vpc_region = |v: VpcId| m.vpcs[v].region.as_ref().map(|r| r.value.as_str());
    for nat in &m.nat_gateways {
        if let Some(e) = nat.elastic_ip {
            region_of[e.id] = vpc_region(m.subnet_vpc(nat.subnet.id));
        }
    }
    for group in &m.instance_groups {
        if let (Some(e), Some(&i)) = (group.elastic_ip, group.instances.first()) {
            region_of[e.id] = vpc_region(m.instance_vpc(i));
        }
    }
    let default = m.default_region.as_ref().map(|r| r.value.as_str());
    let limit = ELASTIC_IPS_PER_REGION.limit;
    let mut by_region: std::collections::BTreeMap<&str, Vec<ElasticIpId>> = Default::default();
    for (e, region) in region_of.iter() {
        if let Some(r) = region.or(default) {
            by_region.entry(r).or_default().push(e);
        }
    }
    for (region, eips) in by_region {
        if eips.len() <= limit {
            continue;
        }
        let extra = &m.elastic_ips[eips[limit]].common;
        c.push(
            Diagnostic::new(
                Rule::ElasticIpQuota,
                format!(
                    "{} elastic IPs in {region}; the default quota is {limit} per region",
                    eips.len()
                ),
            )
            .detail("the allocation past the quota fails (AddressLimitExceeded) unless the quota was raised")
            .resources(eips[limit..].iter().map(|&e| m.elastic_ips[e].common.address.clone()))
            .at(extra.name.span, "over the default quota")
            .help("check your quota (Service Quotas: EC2-VPC Elastic IPs) and request an increase before applying"),
        );
    }
}

/// Whether a subnet's route table sends 0.0.0.0/0 to an internet gateway.
pub(crate) fn has_default_igw_route(m: &Model, subnet: SubnetId) -> bool {
    m.route_table_of(subnet)
        .is_some_and(|t| table_has_default_igw_route(m, t))
}

/// Whether a subnet routes anything (of either family) to an internet
/// gateway: the internet can reach into it then.
pub(crate) fn has_internet_route(m: &Model, subnet: SubnetId) -> bool {
    m.route_table_of(subnet).is_some_and(|t| {
        m.route_tables[t]
            .routes
            .iter()
            .any(|r| matches!(r.target(), Some(RouteTarget::InternetGateway(_))))
    })
}

fn table_has_default_igw_route(m: &Model, table: RouteTableId) -> bool {
    m.route_tables[table].routes.iter().any(|r| {
        r.destination.ipv4().is_some_and(|d| d.prefix_len() == 0)
            && matches!(r.target(), Some(RouteTarget::InternetGateway(_)))
    })
}

fn multiple_igws(c: &mut Checker) {
    let m = c.model;
    let gateways = m.internet_gateways.iter().map(|g| (&g.common, g.vpc));
    one_per_vpc(
        c,
        Rule::MultipleInternetGateways,
        "internet gateway",
        gateways,
    );
}

/// Reports every gateway of a kind AWS attaches once per VPC (internet,
/// egress-only) past the first of its VPC.
pub(crate) fn one_per_vpc<'m>(
    c: &mut Checker,
    rule: Rule,
    what: &str,
    gateways: impl Iterator<Item = (&'m Common, Ref<Vpc>)>,
) {
    let m = c.model;
    let mut first: HashMap<VpcId, (&Common, Span)> = HashMap::new();
    for (gateway, vpc) in gateways {
        let Some((other, other_span)) = first.get(&vpc.id).copied() else {
            first.insert(vpc.id, (gateway, vpc.span));
            continue;
        };
        let vpc_address = &m.vpcs[vpc.id].common.address;
        c.push(
            Diagnostic::new(
                rule,
                format!(
                    "{vpc_address} already has {}; {} would be a second",
                    other.address, gateway.address
                ),
            )
            .detail(format!("a VPC can have only one {what} attached"))
            .resource(&gateway.address)
            .resource(&other.address)
            .resource(vpc_address)
            .at(vpc.span, format!("second {what} for this VPC"))
            .related(other_span, "first one")
            .help(format!("keep one {what} per VPC")),
        );
    }
}

fn nat_eips(c: &mut Checker) {
    for nat in &c.model.nat_gateways {
        match (nat.public, nat.elastic_ip) {
            (true, None) => c.push(
                Diagnostic::new(Rule::NatMissingEip, format!("public {} has no elastic_ip", nat.common.address))
                    .detail("a public NAT gateway needs an elastic IP allocation")
                    .resource(&nat.common.address)
                    .at(nat.common.name.span, "public NAT gateway without elastic_ip")
                    .help("declare an elastic IP and name it (`elastic_ip: ...`), or set `connectivity: private`"),
            ),
            (false, Some(eip)) => c.push(
                Diagnostic::new(Rule::PrivateNatWithEip, format!("private {} has an elastic_ip", nat.common.address))
                    .detail("a private NAT gateway has no public address")
                    .resource(&nat.common.address)
                    .resource(&c.model.elastic_ips[eip.id].common.address)
                    .at(eip.span, "elastic IP on a private NAT gateway")
                    .help("remove `elastic_ip`, or make the gateway public"),
            ),
            _ => {}
        }
    }
}

fn eip_uses(c: &mut Checker) {
    let m = c.model;
    let mut uses: PerId<ElasticIp, Vec<(String, Span)>> = PerId::new(&m.elastic_ips, Vec::new());
    for nat in &m.nat_gateways {
        if let Some(e) = nat.elastic_ip {
            uses[e.id].push((nat.common.address.clone(), e.span));
        }
    }
    for group in &m.instance_groups {
        if let Some(e) = group.elastic_ip {
            for &i in &group.instances {
                uses[e.id].push((m.instances[i].address.clone(), e.span));
            }
        }
    }
    for lb in &m.load_balancers {
        for e in lb.mappings.iter().filter_map(|m| m.elastic_ip) {
            uses[e.id].push((lb.common.address.clone(), e.span));
        }
    }
    let users_complete = m.complete(&[Kind::NatGateway, Kind::Instance, Kind::LoadBalancer]);
    for (e, users) in uses.iter() {
        let eip = &m.elastic_ips[e].common;
        match users.as_slice() {
            [] if users_complete => c.push(
                Diagnostic::new(Rule::UnusedElasticIp, format!("{} is not used by any NAT gateway, instance or load balancer", eip.address))
                    .detail("AWS bills idle elastic IPs by the hour")
                    .resource(&eip.address)
                    .at(eip.name.span, "unused elastic IP")
                    .help("use it or remove it"),
            ),
            // A dropped NAT gateway or instance may be its user.
            [] | [_] => {}
            [(first, first_span), (second, second_span), ..] => c.push(
                Diagnostic::new(
                    Rule::EipMultipleUse,
                    format!("{} is used by {} resources: {}", eip.address, users.len(), users.iter().map(|u| u.0.as_str()).collect::<Vec<_>>().join(", ")),
                )
                .detail("an allocation is associated with one resource at a time (Resource.AlreadyAssociated)")
                .resource(second)
                .resource(&eip.address)
                .resource(first)
                .resources(users.iter().map(|u| u.0.clone()))
                .at(*second_span, "second use")
                .related(*first_span, "first use")
                .help("declare one elastic IP per user"),
            ),
        }
    }
}

fn nat_internet_route(c: &mut Checker) {
    let m = c.model;
    if !m.complete(&[Kind::RouteTable]) {
        return;
    }
    for nat in m.nat_gateways.iter().filter(|n| n.public) {
        if has_default_igw_route(m, nat.subnet.id) {
            continue;
        }
        let subnet = &m.subnets[nat.subnet.id].common.address;
        let table = m.route_table_of(nat.subnet.id).map_or_else(
            || {
                format!(
                    "the implicit main route table of {}",
                    m.vpcs[m.subnet_vpc(nat.subnet.id)].common.address
                )
            },
            |t| m.route_tables[t].common.address.clone(),
        );
        let mut d = Diagnostic::new(
            Rule::NatWithoutInternetRoute,
            format!("public {} is in {subnet}, whose route table has no default route to an internet gateway", nat.common.address),
        )
        .detail(format!("{subnet} uses {table}; the NAT gateway is created but can never reach the internet"))
        .resource(&nat.common.address)
        .resource(subnet)
        .at(nat.subnet.span, "not a public subnet")
        .help("put the NAT gateway in a subnet whose route table sends 0.0.0.0/0 to the internet gateway");
        if let Some(t) = m.route_table_of(nat.subnet.id) {
            d = d.resource(&m.route_tables[t].common.address);
        }
        c.push(d);
    }
}

fn nat_cross_az(c: &mut Checker) {
    let m = c.model;
    for (s, subnet) in with_ids(&m.subnets) {
        let Some(t) = m.route_table_of(s) else {
            continue;
        };
        let table = &m.route_tables[t];
        for route in &table.routes {
            let Some(RouteTarget::NatGateway(nat_ref)) = route.target() else {
                continue;
            };
            let nat = &m.nat_gateways[nat_ref.id];
            let nat_az = &m.subnets[nat.subnet.id].az.value;
            if *nat_az != subnet.az.value {
                c.push(
                    Diagnostic::new(
                        Rule::NatCrossAz,
                        format!("{} ({}) is routed to {} in {nat_az}", subnet.common.address, subnet.az.value, nat.common.address),
                    )
                    .detail(format!("when {nat_az} fails, {} loses its outbound path; cross-AZ traffic is billed", subnet.common.address))
                    .resource(&subnet.common.address)
                    .resource(&nat.common.address)
                    .resource(&table.common.address)
                    .at(nat_ref.span, "NAT gateway in another AZ")
                    .help("one NAT gateway and one private route table per AZ"),
                );
                break;
            }
        }
    }
}

fn unused_igws(c: &mut Checker) {
    let m = c.model;
    if !m.complete(&[Kind::RouteTable]) {
        return;
    }
    let mut used = PerId::new(&m.internet_gateways, false);
    for table in &m.route_tables {
        for route in &table.routes {
            for target in &route.targets {
                if let RouteTarget::InternetGateway(igw) = target {
                    used[igw.id] = true;
                }
            }
        }
    }
    for (i, igw) in with_ids(&m.internet_gateways) {
        if !used[i] {
            c.push(
                Diagnostic::new(Rule::UnusedInternetGateway, format!("no route uses {}", igw.common.address))
                    .detail("without a route to it, nothing reaches the internet through it")
                    .resource(&igw.common.address)
                    .at(igw.common.name.span, "unused internet gateway")
                    .help(format!("add `{{destination: 0.0.0.0/0, internet_gateway: {}}}` to a public route table, or remove it", igw.common.name.value)),
            );
        }
    }
}
