//! RT001-RT013 (route tables and routes), VE001-VE002 (gateway endpoints)
//! and the route quotas.

use std::collections::HashMap;

use skyplan_cidr::{IpNet, Ipv4Net, Ipv6Net};
use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_facts::quotas::{
    GATEWAY_ENDPOINTS_PER_REGION, INTERFACE_ENDPOINTS_PER_VPC, ROUTE_TABLES_PER_VPC,
    ROUTES_PER_TABLE,
};
use skyplan_model::{
    AddressFamily, Instance, Model, PrefixListId, Ref, Route, RouteDestination, RouteTable,
    RouteTableId, RouteTarget, VpcId, VpcPeering,
};
use skyplan_spec::{EndpointType, InstanceState, RouteTargetKind, Word};

use crate::quota::{over_quota, over_quota_by};

use crate::Checker;

pub(crate) fn check(c: &mut Checker) {
    main_tables(c);
    for table in &c.model.route_tables {
        foreign_subnets(c, table);
        routes(c, table);
        unused(c, table);
        main_to_internet(c, table);
        routes_quota(c, table);
    }
    endpoints(c);
    let m = c.model;
    over_quota_by(
        c,
        ROUTE_TABLES_PER_VPC,
        m.route_tables.iter().map(|t| (t.vpc.id, &t.common)),
        |v| m.vpcs[v].common.address.clone(),
    );
    // Gateway endpoints are counted per region, interface ones per VPC.
    over_quota_by(
        c,
        GATEWAY_ENDPOINTS_PER_REGION,
        m.vpc_endpoints
            .iter()
            .filter(|e| e.endpoint_type == EndpointType::Gateway)
            .filter_map(|e| {
                let region = m.vpcs[e.vpc.id].region.as_ref()?;
                Some((region.value.as_str(), &e.common))
            }),
        |r| r.to_string(),
    );
    over_quota_by(
        c,
        INTERFACE_ENDPOINTS_PER_VPC,
        m.vpc_endpoints
            .iter()
            .filter(|e| e.endpoint_type == EndpointType::Interface)
            .map(|e| (e.vpc.id, &e.common)),
        |v| m.vpcs[v].common.address.clone(),
    );
}

/// 169.254.168.0/22: AWS's own services (metadata, DNS, time sync).
fn reserved_destination() -> Ipv4Net {
    Ipv4Net::new(std::net::Ipv4Addr::new(169, 254, 168, 0), 22).unwrap_or_default()
}

fn nets_overlap(a: Ipv4Net, b: Ipv4Net) -> bool {
    a.contains(&b) || b.contains(&a)
}

fn routes_quota(c: &mut Checker, table: &RouteTable) {
    // The quota counts each IP version on its own, and a prefix list as
    // its `max_entries` routes.
    let m = c.model;
    for (family, noun) in [
        (AddressFamily::Ipv4, "IPv4 routes in"),
        (AddressFamily::Ipv6, "IPv6 routes in"),
    ] {
        let weight = |r: &Route| match &r.destination {
            RouteDestination::Cidr(cidr) => {
                usize::from(cidr.ok().is_some_and(|n| AddressFamily::of(&n) == family))
            }
            RouteDestination::PrefixList(p) => {
                let list = &m.prefix_lists[p.id];
                if list.address_family.value == family {
                    usize::try_from(list.max_entries.value).unwrap_or(0)
                } else {
                    0
                }
            }
        };
        let spans = table
            .routes
            .iter()
            .flat_map(|r| std::iter::repeat_n(r.span, weight(r)));
        over_quota(c, ROUTES_PER_TABLE, &table.common.address, spans, noun);
    }
}

fn main_to_internet(c: &mut Checker, table: &RouteTable) {
    if !table.is_main() {
        return;
    }
    let m = c.model;
    for route in &table.routes {
        if route
            .destination
            .ipv4()
            .is_some_and(|d| d.prefix_len() == 0)
            && let Some(RouteTarget::InternetGateway(igw)) = route.target()
        {
            c.push(
                Diagnostic::new(
                    Rule::MainRouteTableToInternet,
                    format!(
                        "the main route table {} sends 0.0.0.0/0 to {}",
                        table.common.address, m.internet_gateways[igw.id].common.address
                    ),
                )
                .detail(
                    "every subnet not associated with another table, now and later, becomes public",
                )
                .resource(&table.common.address)
                .resource(&m.internet_gateways[igw.id].common.address)
                .at(route.span, "default route of the main table")
                .help("keep the main table private; give public subnets a table of their own"),
            );
        }
    }
}

fn main_tables(c: &mut Checker) {
    let m = c.model;
    let mut first: HashMap<VpcId, &RouteTable> = HashMap::new();
    for table in m.route_tables.iter().filter(|t| t.is_main()) {
        match first.get(&table.vpc.id) {
            None => {
                first.insert(table.vpc.id, table);
            }
            Some(other) => {
                let vpc = &m.vpcs[table.vpc.id].common.address;
                let span = table
                    .main
                    .as_ref()
                    .map_or(table.common.name.span, |s| s.span);
                let other_span = other
                    .main
                    .as_ref()
                    .map_or(other.common.name.span, |s| s.span);
                c.push(
                    Diagnostic::new(
                        Rule::MultipleMainRouteTables,
                        format!(
                            "{vpc} has two main route tables: {} and {}",
                            other.common.address, table.common.address
                        ),
                    )
                    .detail("a VPC has exactly one main route table")
                    .resource(&table.common.address)
                    .resource(&other.common.address)
                    .resource(vpc)
                    .at(span, "second `main: true`")
                    .related(other_span, "first main table")
                    .help("mark one table as main"),
                );
            }
        }
    }
}

fn foreign_subnets(c: &mut Checker, table: &RouteTable) {
    let m = c.model;
    for s in &table.subnets {
        let subnet = &m.subnets[s.id];
        if subnet.vpc.id != table.vpc.id {
            let (theirs, ours) = (
                &m.vpcs[subnet.vpc.id].common.address,
                &m.vpcs[table.vpc.id].common.address,
            );
            c.push(
                Diagnostic::new(
                    Rule::RouteTableForeignSubnet,
                    format!(
                        "{} (in {ours}) lists {} of {theirs}",
                        table.common.address, subnet.common.address
                    ),
                )
                .detail("a route table can only be associated with subnets of its own VPC")
                .resource(&table.common.address)
                .resource(&subnet.common.address)
                .at(s.span, "subnet of another VPC")
                .help("associate the subnet with a route table of its own VPC"),
            );
        }
    }
}

/// The VPC a route target lives in, and whether it involves `vpc` at all.
fn target_vpc(m: &Model, target: RouteTarget, vpc: VpcId) -> (bool, String) {
    match target {
        RouteTarget::InternetGateway(target) => {
            let igw = &m.internet_gateways[target.id];
            (
                igw.vpc.id == vpc,
                format!("is attached to {}", m.vpcs[igw.vpc.id].common.address),
            )
        }
        RouteTarget::NatGateway(target) => {
            let v = m.subnet_vpc(m.nat_gateways[target.id].subnet.id);
            (v == vpc, format!("is in {}", m.vpcs[v].common.address))
        }
        RouteTarget::VpcPeering(target) => {
            let p = &m.vpc_peerings[target.id];
            let (a, b) = (
                &m.vpcs[p.vpc.id].common.address,
                &m.vpcs[p.peer_vpc.id].common.address,
            );
            (p.peer_of(vpc).is_some(), format!("connects {a} and {b}"))
        }
        RouteTarget::Instance(target) => {
            let v = m.instance_vpc(target.id);
            (v == vpc, format!("is in {}", m.vpcs[v].common.address))
        }
        RouteTarget::EgressOnlyInternetGateway(target) => {
            let v = m.egress_only_internet_gateways[target.id].vpc.id;
            (
                v == vpc,
                format!("is attached to {}", m.vpcs[v].common.address),
            )
        }
        RouteTarget::TransitGateway(target) => (
            m.attachment_of(vpc, target.id).is_some(),
            format!("has no attachment of {}", m.vpcs[vpc].common.address),
        ),
        RouteTarget::VpnGateway(target) => {
            let v = m.vpn_gateways[target.id].vpc.id;
            (
                v == vpc,
                format!("is attached to {}", m.vpcs[v].common.address),
            )
        }
    }
}

fn routes(c: &mut Checker, table: &RouteTable) {
    let m = c.model;
    let vpc = &m.vpcs[table.vpc.id];
    let mut seen: HashMap<ipnet::Ipv4Net, Span> = HashMap::new();
    let mut seen_other: HashMap<OtherDestination, Span> = HashMap::new();
    for route in &table.routes {
        if route.targets_written != 1 {
            let what = if route.targets_written == 0 {
                "no target"
            } else {
                "more than one target"
            };
            c.push(
                Diagnostic::new(
                    Rule::RouteTargetCount,
                    format!("a route of {} has {what}", table.common.address),
                )
                .detail("a route sends its destination to exactly one target")
                .resource(&table.common.address)
                .at(route.span, what)
                .help("keep exactly one of internet_gateway, nat_gateway, vpc_peering, instance"),
            );
        }
        let Some(dest) = route.destination.ipv4() else {
            other_destination(c, table, route, &mut seen_other);
            continue;
        };
        if let Some(first) = seen.get(&dest) {
            c.push(
                Diagnostic::new(
                    Rule::DuplicateRoute,
                    format!("{} routes {dest} twice", table.common.address),
                )
                .detail("AWS refuses the second route (RouteAlreadyExists)")
                .resource(&table.common.address)
                .at(route.destination.span(), "second route")
                .related(*first, "first route")
                .help("keep one route per destination"),
            );
        } else {
            seen.insert(dest, route.destination.span());
        }
        if reserved_destination().contains(&dest) {
            c.push(
                Diagnostic::new(
                    Rule::RouteReservedDestination,
                    format!(
                        "{} routes {dest}, which lies in {}",
                        table.common.address,
                        reserved_destination()
                    ),
                )
                .detail("AWS reserves 169.254.168.0/22 for its metadata, DNS and time services and refuses routes into it")
                .resource(&table.common.address)
                .at(route.destination.span(), "reserved destination")
                .help("remove the route"),
            );
            continue;
        }
        let Some(target) = route.target() else {
            continue;
        };
        let kind = target.kind();
        let (same_vpc, where_) = target_vpc(m, target, table.vpc.id);
        let target_addr = m.route_target_address(target).to_string();
        if !same_vpc {
            c.push(
                Diagnostic::new(
                    Rule::RouteTargetOtherVpc,
                    format!(
                        "{} (in {}) routes {dest} to {target_addr}, which {where_}",
                        table.common.address, vpc.common.address
                    ),
                )
                .detail(match kind {
                    RouteTargetKind::TransitGateway => "AWS refuses a route to a transit gateway the table's VPC is not attached to (InvalidTransitGatewayID.NotFound)",
                    _ => "a route can only target a resource of its table's VPC",
                })
                .resource(&table.common.address)
                .resource(&target_addr)
                .at(target.span(), match kind {
                    RouteTargetKind::TransitGateway => "gateway the VPC is not attached to",
                    _ => "target in another VPC",
                })
                .help(match kind {
                    RouteTargetKind::TransitGateway => "attach the VPC to the gateway (`transit_gateway_attachments`)",
                    _ => "target a resource of the table's own VPC",
                }),
            );
            continue;
        }
        if matches!(
            kind,
            RouteTargetKind::InternetGateway | RouteTargetKind::VpcPeering
        ) && let Some(own) = vpc.blocks().find(|b| b.contains(&dest))
        {
            c.push(
                Diagnostic::new(
                    Rule::RouteMoreSpecificThanLocal,
                    format!("{} routes {dest} to {target_addr}, but {dest} is inside the VPC's own block {own}", table.common.address),
                )
                .detail("AWS refuses a route equal to or more specific than the local route")
                .resource(&table.common.address)
                .resource(&target_addr)
                .at(route.destination.span(), "inside the VPC's own block")
                .help("route the peer's block, not part of your own"),
            );
            continue;
        }
        if matches!(
            kind,
            RouteTargetKind::NatGateway | RouteTargetKind::Instance
        ) && let Some(own) = vpc.blocks().find(|b| b.contains(&dest))
        {
            middlebox_destination(c, table, route, dest, own, &target_addr);
        }
        match target {
            RouteTarget::VpcPeering(peering) => {
                peering_destination(c, table, route, dest, peering);
                peering_return(c, table, route, peering);
            }
            RouteTarget::Instance(instance) => forwarding_instance(c, table, instance),
            RouteTarget::InternetGateway(_)
            | RouteTarget::NatGateway(_)
            | RouteTarget::EgressOnlyInternetGateway(_)
            | RouteTarget::TransitGateway(_)
            | RouteTarget::VpnGateway(_) => {}
        }
    }
}

/// A route destination that is not an IPv4 block, for duplicates.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum OtherDestination {
    Ipv6(Ipv6Net),
    PrefixList(PrefixListId),
}

/// RT004 and RT005 for an IPv6 or prefix-list route (the IPv4 checks of
/// `routes` do not apply to it).
fn other_destination(
    c: &mut Checker,
    table: &RouteTable,
    route: &Route,
    seen: &mut HashMap<OtherDestination, Span>,
) {
    let m = c.model;
    let key = match &route.destination {
        RouteDestination::Cidr(cidr) => match cidr.ok() {
            Some(IpNet::V6(net)) => OtherDestination::Ipv6(net),
            Some(IpNet::V4(_)) | None => return,
        },
        RouteDestination::PrefixList(list) => OtherDestination::PrefixList(list.id),
    };
    let span = route.destination.span();
    if let Some(first) = seen.get(&key) {
        c.push(
            Diagnostic::new(
                Rule::DuplicateRoute,
                format!(
                    "{} routes {} twice",
                    table.common.address,
                    destination_text(m, route)
                ),
            )
            .detail("AWS refuses the second route (RouteAlreadyExists)")
            .resource(&table.common.address)
            .at(span, "second route")
            .related(*first, "first route")
            .help("keep one route per destination"),
        );
    } else {
        seen.insert(key, span);
    }
    let Some(target) = route.target() else { return };
    let (same_vpc, where_) = target_vpc(m, target, table.vpc.id);
    if !same_vpc {
        let target_addr = m.route_target_address(target).to_string();
        c.push(
            Diagnostic::new(
                Rule::RouteTargetOtherVpc,
                format!(
                    "{} (in {}) routes {} to {target_addr}, which {where_}",
                    table.common.address,
                    m.vpcs[table.vpc.id].common.address,
                    destination_text(m, route)
                ),
            )
            .detail("a route can only target a resource of its table's VPC")
            .resource(&table.common.address)
            .resource(&target_addr)
            .at(target.span(), "target in another VPC")
            .help("target a resource of the table's own VPC"),
        );
    }
}

/// A route's destination as the user wrote it (a prefix list by address).
pub(crate) fn destination_text(m: &Model, route: &Route) -> String {
    match &route.destination {
        RouteDestination::Cidr(c) => c.text.value.clone(),
        RouteDestination::PrefixList(p) => m.prefix_lists[p.id].common.address.clone(),
    }
}

/// A destination inside the VPC (more specific than the local route) is
/// middlebox routing: it must be exactly one subnet's block.
fn middlebox_destination(
    c: &mut Checker,
    table: &RouteTable,
    route: &Route,
    dest: Ipv4Net,
    own: Ipv4Net,
    target_addr: &str,
) {
    let m = c.model;
    let problem = if dest == own {
        Some(format!(
            "{dest} is the VPC's own block: the local route already has it (RouteAlreadyExists)"
        ))
    } else if !m
        .subnets
        .iter()
        .any(|s| s.vpc.id == table.vpc.id && s.cidr.ok() == Some(dest))
    {
        Some(format!(
            "{dest} lies inside the VPC's block {own} but is not the block of one of its subnets"
        ))
    } else {
        None
    };
    if let Some(problem) = problem {
        c.push(
            Diagnostic::new(
                Rule::RouteInsideVpc,
                format!("{} routes {dest} to {target_addr}: {problem}", table.common.address),
            )
            .detail("a route more specific than the local route must match a subnet's whole block (middlebox routing)")
            .resource(&table.common.address)
            .resource(target_addr)
            .at(route.destination.span(), "inside the VPC")
            .help("route a subnet's exact block, or a destination outside the VPC"),
        );
    }
}

/// A route to an instance works only while the instance forwards.
fn forwarding_instance(c: &mut Checker, table: &RouteTable, target: Ref<Instance>) {
    let m = c.model;
    let instance = &m.instances[target.id];
    let group = &m.instance_groups[instance.group];
    if group.running() && !group.source_dest_check() {
        return; // a forwarding instance: what a NAT instance or firewall is
    }
    let stopped = group
        .state
        .as_ref()
        .filter(|s| s.value != InstanceState::Running)
        .map(|s| s.value.as_str());
    let (summary, help) = match &stopped {
        Some(state) => (
            format!(
                "{} routes to {}, which is {state}: the route is a black hole",
                table.common.address, instance.address
            ),
            "keep the instance running, or route to a NAT gateway".to_string(),
        ),
        None => (
            format!(
                "{} routes to {}, whose source/destination check is on: it drops the traffic it should forward",
                table.common.address, instance.address
            ),
            format!(
                "set `source_dest_check: false` on {} (a NAT instance or a firewall), or route to a NAT gateway",
                instance.address
            ),
        ),
    };
    c.push(
        Diagnostic::new(Rule::RouteToInstance, summary)
            .detail("an instance drops traffic not addressed to it unless its source/destination check is off, and forwards nothing while stopped")
            .resource(&table.common.address)
            .resource(&instance.address)
            .at(target.span, "route to an instance")
            .help(help),
    );
}

/// A peering route needs a route back through the same peering in the peer
/// VPC, or the replies are dropped.
fn peering_return(c: &mut Checker, table: &RouteTable, route: &Route, target: Ref<VpcPeering>) {
    let m = c.model;
    let peering = &m.vpc_peerings[target.id];
    let Some(peer) = peering.peer_of(table.vpc.id) else {
        return;
    };
    if !m.complete(&[skyplan_spec::Kind::RouteTable]) {
        return;
    }
    let ours: Vec<Ipv4Net> = m.vpcs[table.vpc.id].blocks().collect();
    let answered = m
        .route_tables
        .iter()
        .filter(|t| t.vpc.id == peer)
        .flat_map(|t| &t.routes)
        .any(|r| {
            matches!(r.target(), Some(RouteTarget::VpcPeering(p)) if p.id == target.id)
                && r.destination
                    .ipv4()
                    .is_some_and(|d| ours.iter().any(|b| nets_overlap(*b, d)))
        });
    if !answered {
        let peer_vpc = &m.vpcs[peer].common.address;
        c.push(
            Diagnostic::new(
                Rule::PeeringNoReturnRoute,
                format!(
                    "{} sends traffic over {} but no route table of {peer_vpc} routes {} back through it",
                    table.common.address,
                    peering.common.address,
                    m.vpcs[table.vpc.id].common.address
                ),
            )
            .detail("replies from the peer have no route back and are dropped")
            .resource(&table.common.address)
            .resource(&peering.common.address)
            .resource(peer_vpc)
            .at(route.span, "no return route")
            .help(format!(
                "add a route for {} through {} to a route table of {peer_vpc}",
                ours.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
                peering.common.address
            )),
        );
    }
}

fn peering_destination(
    c: &mut Checker,
    table: &RouteTable,
    route: &Route,
    dest: ipnet::Ipv4Net,
    target: Ref<VpcPeering>,
) {
    let m = c.model;
    let peering = &m.vpc_peerings[target.id];
    let Some(peer) = peering.peer_of(table.vpc.id) else {
        return;
    };
    let peer_vpc = &m.vpcs[peer];
    let blocks: Vec<_> = peer_vpc.blocks().collect();
    if blocks.is_empty() || blocks.iter().any(|b| b.contains(&dest)) {
        return;
    }
    let list = blocks
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    // A summarising destination works for the peer's blocks inside it;
    // only the rest is dropped.
    let inside: Vec<String> = blocks
        .iter()
        .filter(|b| dest.contains(*b))
        .map(ToString::to_string)
        .collect();
    if !inside.is_empty() {
        c.push(
            Diagnostic::new(
                Rule::PeeringRouteWiderThanPeer,
                format!(
                    "{} sends {dest} over {}: only {} of it is {}, the rest is dropped",
                    table.common.address,
                    peering.common.address,
                    inside.join(", "),
                    peer_vpc.common.address
                ),
            )
            .detail("VPC peering is not transitive: addresses outside the peer VPC are dropped at the peer")
            .resource(&table.common.address)
            .resource(&peering.common.address)
            .resource(&peer_vpc.common.address)
            .at(route.destination.span(), "wider than the peer VPC")
            .help(format!("route exactly the peer's blocks ({list})")),
        );
        return;
    }
    c.push(
        Diagnostic::new(
            Rule::PeeringRouteOutsidePeer,
            format!(
                "{} sends {dest} over {}, but {} is {list}",
                table.common.address, peering.common.address, peer_vpc.common.address
            ),
        )
        .detail("VPC peering is not transitive: traffic for other networks is dropped")
        .resource(&table.common.address)
        .resource(&peering.common.address)
        .resource(&peer_vpc.common.address)
        .at(route.destination.span(), "not inside the peer VPC")
        .help(format!(
            "route only the peer's blocks ({list}) through the peering"
        )),
    );
}

fn unused(c: &mut Checker, table: &RouteTable) {
    if table.subnets.is_empty() && !table.is_main() {
        c.push(
            Diagnostic::new(
                Rule::UnusedRouteTable,
                format!(
                    "{} has no subnets and is not the main table",
                    table.common.address
                ),
            )
            .detail("a table nothing is associated with routes nothing")
            .resource(&table.common.address)
            .at(table.common.name.span, "unused route table")
            .help("associate subnets, mark it `main: true`, or remove it"),
        );
    }
}

fn endpoints(c: &mut Checker) {
    let m = c.model;
    let mut taken: HashMap<(RouteTableId, &str), (&str, Span)> = HashMap::new();
    for e in &m.vpc_endpoints {
        for t in &e.route_tables {
            let table = &m.route_tables[t.id];
            if table.vpc.id != e.vpc.id {
                c.push(
                    Diagnostic::new(
                        Rule::EndpointForeignRouteTable,
                        format!(
                            "{} (in {}) lists {} of {}",
                            e.common.address,
                            m.vpcs[e.vpc.id].common.address,
                            table.common.address,
                            m.vpcs[table.vpc.id].common.address
                        ),
                    )
                    .detail("a gateway endpoint adds routes only to its own VPC's tables")
                    .resource(&e.common.address)
                    .resource(&table.common.address)
                    .at(t.span, "route table of another VPC")
                    .help("declare an endpoint in the other VPC"),
                );
                continue;
            }
            let key = (t.id, e.service.value.as_str());
            match taken.get(&key) {
                Some((other, span)) => c.push(
                    Diagnostic::new(
                        Rule::EndpointDuplicateService,
                        format!("{} already has a {} endpoint ({other}); {} adds another", table.common.address, e.service.value, e.common.address),
                    )
                    .detail("a route table holds one route per service prefix list (RouteAlreadyExists)")
                    .resource(&e.common.address)
                    .resource(*other)
                    .resource(&table.common.address)
                    .at(t.span, "second endpoint for this service")
                    .related(*span, "first endpoint")
                    .help("keep one endpoint per service and list every table on it"),
                ),
                None => {
                    taken.insert(key, (&e.common.address, t.span));
                }
            }
        }
    }
}
