//! TW006-TW011 and the route table, attachment and route quotas: a transit gateway's own route
//! tables, their associations, propagations and static routes.

use std::collections::HashMap;

use skyplan_cidr::IpNet;
use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_facts::quotas::{
    ATTACHMENTS_PER_TRANSIT_GATEWAY, ROUTE_TABLES_PER_TRANSIT_GATEWAY, ROUTES_PER_TRANSIT_GATEWAY,
};
use skyplan_model::{
    Common, DxAssociated, DxGateway, Id, InstanceId, Model, Ref, RouteTarget,
    TransitGatewayAttachment, TransitGatewayId, TransitGatewayRouteTable, TransitRouteTarget,
    VpnConnection, VpnEnd, with_ids,
};

use crate::Checker;
use crate::cidr::syntax;
use crate::quota::{over_quota, over_quota_by};

pub(crate) fn check(c: &mut Checker) {
    let m = c.model;
    // Each attachment's (then VPN connection's) first association.
    let mut associated: HashMap<Member, (&TransitGatewayRouteTable, Span)> = HashMap::new();
    for table in &m.transit_gateway_route_tables {
        members(c, table);
        routes(c, table);
        propagation_conflicts(c, table);
        let associations = (table
            .associations
            .iter()
            .map(|a| (Member::Attachment(a.id), a.span)))
        .chain(
            table
                .vpn_associations
                .iter()
                .map(|v| (Member::Vpn(v.id), v.span)),
        )
        .chain((table.dx_associations.iter()).map(|x| (Member::DirectConnect(x.id), x.span)));
        for (member, span) in associations {
            match associated.get(&member) {
                Some((first, first_span)) => twice(c, member, (first, *first_span), (table, span)),
                None => {
                    associated.insert(member, (table, span));
                }
            }
        }
    }
    for (id, a) in with_ids(&m.transit_gateway_attachments) {
        if !associated.contains_key(&Member::Attachment(id)) {
            unassociated(c, a);
        }
        if !a.appliance_mode && inspects(m, id) {
            appliance_mode(c, a);
        }
    }
    // The default table counts when the gateway has one.
    let defaults = with_ids(&m.transit_gateways)
        .filter(|(_, g)| g.default_route_table_association || g.default_route_table_propagation)
        .map(|(id, g)| (id, &g.common));
    let tables = (m.transit_gateway_route_tables.iter()).map(|t| (t.transit_gateway.id, &t.common));
    let gateway_address = |g: TransitGatewayId| m.transit_gateways[g].common.address.clone();
    over_quota_by(
        c,
        ROUTE_TABLES_PER_TRANSIT_GATEWAY,
        defaults.chain(tables),
        gateway_address,
    );
    over_quota_by(
        c,
        ATTACHMENTS_PER_TRANSIT_GATEWAY,
        attachments(m),
        gateway_address,
    );
    for (g, gateway) in with_ids(&m.transit_gateways) {
        over_quota(
            c,
            ROUTES_PER_TRANSIT_GATEWAY,
            &gateway.common.address,
            route_spans(m, g).into_iter(),
            "routes across its route tables",
        );
    }
}

/// Everything attached to a transit gateway, by gateway: VPC attachments,
/// VPN connections and Direct Connect gateway associations.
fn attachments(m: &Model) -> impl Iterator<Item = (TransitGatewayId, &Common)> {
    let vpcs = (m.transit_gateway_attachments.iter()).map(|a| (a.transit_gateway.id, &a.common));
    let vpns = (m.vpn_connections.iter()).filter_map(|v| match v.end {
        VpnEnd::TransitGateway(g) => Some((g.id, &v.common)),
        VpnEnd::VpnGateway(_) => None,
    });
    let dx = (m.dx_gateways.iter()).flat_map(|x| {
        (x.associations.iter()).filter_map(move |a| match a.gateway() {
            Some(DxAssociated::TransitGateway(g)) => Some((g.id, &x.common)),
            Some(DxAssociated::VpnGateway(_)) | None => None,
        })
    });
    vpcs.chain(vpns).chain(dx)
}

/// A span for each route of gateway `g`'s tables: each static route, and
/// each block a propagation brings in (at the propagation; for the
/// default table, at what propagates).
fn route_spans(m: &Model, g: TransitGatewayId) -> Vec<Span> {
    let blocks = |a: Id<TransitGatewayAttachment>| {
        m.vpcs[m.transit_gateway_attachments[a].vpc.id]
            .blocks()
            .count()
    };
    let vpn_blocks = |v: Id<VpnConnection>| m.vpn_ipv4_blocks(&m.vpn_connections[v]).count();
    let dx_blocks = |x: Id<DxGateway>| m.dx_gateways[x].networks.len();
    let mut spans = Vec::new();
    for t in (m.transit_gateway_route_tables.iter()).filter(|t| t.transit_gateway.id == g) {
        spans.extend(t.routes.iter().map(|r| r.span));
        for a in &t.propagations {
            spans.extend(std::iter::repeat_n(a.span, blocks(a.id)));
        }
        for v in &t.vpn_propagations {
            spans.extend(std::iter::repeat_n(v.span, vpn_blocks(v.id)));
        }
        for x in &t.dx_propagations {
            spans.extend(std::iter::repeat_n(x.span, dx_blocks(x.id)));
        }
    }
    if m.transit_gateways[g].default_route_table_propagation {
        for (id, a) in with_ids(&m.transit_gateway_attachments) {
            if a.transit_gateway.id == g {
                spans.extend(std::iter::repeat_n(a.common.name.span, blocks(id)));
            }
        }
        for (id, v) in with_ids(&m.vpn_connections) {
            if matches!(v.end, VpnEnd::TransitGateway(t) if t.id == g) {
                spans.extend(std::iter::repeat_n(v.common.name.span, vpn_blocks(id)));
            }
        }
        for (id, x) in with_ids(&m.dx_gateways) {
            if x.associates(g) {
                spans.extend(std::iter::repeat_n(x.common.name.span, dx_blocks(id)));
            }
        }
    }
    spans
}

/// What a route table associates: an attachment or a VPN connection.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Member {
    Attachment(Id<TransitGatewayAttachment>),
    Vpn(Id<VpnConnection>),
    /// A Direct Connect gateway's attachment to the table's gateway.
    DirectConnect(Id<DxGateway>),
}

impl Member {
    fn address(self, m: &Model) -> &str {
        match self {
            Member::Attachment(a) => &m.transit_gateway_attachments[a].common.address,
            Member::Vpn(v) => &m.vpn_connections[v].common.address,
            Member::DirectConnect(x) => &m.dx_gateways[x].common.address,
        }
    }
}

/// TW006: a second association of one attachment.
fn twice(
    c: &mut Checker,
    member: Member,
    first: (&TransitGatewayRouteTable, Span),
    second: (&TransitGatewayRouteTable, Span),
) {
    let who = member.address(c.model).to_string();
    c.push(
        Diagnostic::new(
            Rule::TransitGatewayAssociation,
            format!(
                "{who} is associated with {} and {}",
                first.0.common.address, second.0.common.address
            ),
        )
        .detail("AWS refuses a second association: an attachment is routed by exactly one table")
        .resource(&second.0.common.address)
        .resource(&who)
        .at(second.1, "second association")
        .related(first.1, "first association")
        .help(format!(
            "associate it with {} only; list it under `propagations` where others must reach it",
            first.0.common.address
        )),
    );
}

/// TW007: every attachment and VPN connection the table names is its
/// gateway's.
fn members(c: &mut Checker, table: &TransitGatewayRouteTable) {
    let m = c.model;
    let g = table.transit_gateway.id;
    let on_gateway = |a: &Ref<TransitGatewayAttachment>| {
        m.transit_gateway_attachments[a.id].transit_gateway.id == g
    };
    let vpn_on_gateway = |v: &Ref<VpnConnection>| matches!(m.vpn_connections[v.id].end, VpnEnd::TransitGateway(t) if t.id == g);
    let attachments = (table.associations.iter().chain(&table.propagations))
        .chain(
            table
                .routes
                .iter()
                .flat_map(|r| &r.targets)
                .filter_map(|t| match t {
                    TransitRouteTarget::Attachment(a) => Some(a),
                    TransitRouteTarget::VpnConnection(_)
                    | TransitRouteTarget::DxGateway(_)
                    | TransitRouteTarget::Blackhole(_) => None,
                }),
        )
        .filter(|a| !on_gateway(a))
        .map(|a| (&m.transit_gateway_attachments[a.id].common.address, a.span));
    let vpns = (table.vpn_associations.iter().chain(&table.vpn_propagations))
        .chain(
            table
                .routes
                .iter()
                .flat_map(|r| &r.targets)
                .filter_map(|t| match t {
                    TransitRouteTarget::VpnConnection(v) => Some(v),
                    TransitRouteTarget::Attachment(_)
                    | TransitRouteTarget::DxGateway(_)
                    | TransitRouteTarget::Blackhole(_) => None,
                }),
        )
        .filter(|v| !vpn_on_gateway(v))
        .map(|v| (&m.vpn_connections[v.id].common.address, v.span));
    // A Direct Connect gateway has an attachment on the gateway it is
    // associated with.
    let routed_dx = (table.routes.iter())
        .flat_map(|r| &r.targets)
        .filter_map(|t| match t {
            TransitRouteTarget::DxGateway(x) => Some(x),
            TransitRouteTarget::Attachment(_)
            | TransitRouteTarget::VpnConnection(_)
            | TransitRouteTarget::Blackhole(_) => None,
        });
    let dx = (table.dx_associations.iter().chain(&table.dx_propagations))
        .chain(routed_dx)
        .filter(|x| !m.dx_gateways[x.id].associates(g))
        .map(|x| (&m.dx_gateways[x.id].common.address, x.span));
    let gateway = &m.transit_gateways[g].common.address;
    let foreign: Vec<(&String, Span)> = attachments.chain(vpns).chain(dx).collect();
    for (who, span) in foreign {
        c.push(
            Diagnostic::new(
                Rule::TransitGatewayRouteTableGateway,
                format!(
                    "{} names {who}, which is not on {gateway}",
                    table.common.address
                ),
            )
            .detail("AWS refuses it: a route table holds only its own gateway's attachments")
            .resource(&table.common.address)
            .resource(who)
            .at(span, format!("not on {gateway}"))
            .help(format!(
                "name an attachment of {gateway}, or give the table the attachment's gateway"
            )),
        );
    }
}

/// CD001 on each destination, then TW008: one target per route, one
/// route per destination.
fn routes(c: &mut Checker, table: &TransitGatewayRouteTable) {
    let address = &table.common.address;
    let mut seen: HashMap<String, Span> = HashMap::new();
    for route in &table.routes {
        syntax(c, &route.destination, address);
        if route.targets.len() != 1 {
            let written: Vec<&str> = route.targets.iter().map(|t| t.key()).collect();
            let summary = if written.is_empty() {
                format!(
                    "a route of {address} to {} has no target",
                    route.destination.text.value
                )
            } else {
                format!(
                    "a route of {address} to {} has {} targets: {}",
                    route.destination.text.value,
                    written.len(),
                    written.join(", ")
                )
            };
            c.push(
                Diagnostic::new(Rule::TransitGatewayRoute, summary)
                    .detail(
                        "AWS refuses it: a static route takes one attachment, or is a blackhole",
                    )
                    .resource(address)
                    .at(route.span, "not exactly one target")
                    .help("keep one of `attachment`, `vpn_connection`, `dx_gateway`, `blackhole: true`"),
            );
        }
        let Some(block) = route.destination.ok() else {
            continue;
        };
        let key = block.trunc().to_string();
        if let Some(first) = seen.get(&key) {
            c.push(
                Diagnostic::new(
                    Rule::TransitGatewayRoute,
                    format!("{address} has two static routes to {key}"),
                )
                .detail(
                    "AWS refuses the second (RouteAlreadyExists): one static route per destination",
                )
                .resource(address)
                .at(route.destination.span(), "second route")
                .related(*first, "first route")
                .help("keep one route per destination"),
            );
        } else {
            seen.insert(key, route.destination.span());
        }
    }
}

/// TW009: an attachment its gateway routes by no table.
fn unassociated(c: &mut Checker, a: &TransitGatewayAttachment) {
    let m = c.model;
    let gateway = &m.transit_gateways[a.transit_gateway.id];
    // A table left out by an error of its own may be the one that
    // associates it: that error is the finding.
    let maybe_associated =
        (m.dropped_transit_tables.iter()).any(|g| g.is_none_or(|g| g == a.transit_gateway.id));
    if gateway.default_route_table_association || maybe_associated {
        return;
    }
    c.push(
        Diagnostic::new(
            Rule::TransitGatewayUnassociated,
            format!(
                "no route table of {} associates {}",
                gateway.common.address, a.common.address
            ),
        )
        .detail("AWS accepts it, but with default association off the gateway drops everything its VPC sends, replies included")
        .resource(&a.common.address)
        .at(a.common.name.span, "associated with no route table")
        .help(format!(
            "list it under `associations` of a route table of {}",
            gateway.common.address
        )),
    );
}

/// Whether a static route of its gateway sends traffic for another VPC's
/// blocks into attachment `a`'s VPC.
fn inspects(m: &Model, a: Id<TransitGatewayAttachment>) -> bool {
    let vpc = &m.vpcs[m.transit_gateway_attachments[a].vpc.id];
    (m.transit_gateway_route_tables.iter())
        .flat_map(|t| &t.routes)
        .filter(|r| matches!(r.target(), Some(TransitRouteTarget::Attachment(t)) if t.id == a))
        .filter_map(|r| r.destination.ok())
        .any(|d| !vpc.blocks().any(|b| IpNet::V4(b).contains(&d)))
}

/// TW010: an inspection attachment whose subnets route to more than one
/// appliance, without appliance mode.
fn appliance_mode(c: &mut Checker, a: &TransitGatewayAttachment) {
    let m = c.model;
    let mut appliances: Vec<InstanceId> = (a.subnets.iter())
        .filter_map(|s| m.route_table_of(s.id))
        .flat_map(|t| &m.route_tables[t].routes)
        .filter_map(|r| match r.target() {
            Some(RouteTarget::Instance(i)) => Some(i.id),
            _ => None,
        })
        .collect();
    appliances.sort();
    appliances.dedup();
    if appliances.len() < 2 {
        return;
    }
    let names: Vec<&str> = appliances
        .iter()
        .map(|i| m.instances[*i].address.as_str())
        .collect();
    c.push(
        Diagnostic::new(
            Rule::TransitGatewayApplianceMode,
            format!(
                "{} takes traffic in for inspection by {} with appliance mode off",
                a.common.address,
                names.join(" and ")
            ),
        )
        .detail("AWS accepts it, but each direction of a flow between AZs meets a different appliance, and a stateful appliance drops the reply of a connection it never saw")
        .resource(&a.common.address)
        .resources(names.iter().map(|n| n.to_string()))
        .at(a.common.name.span, "appliance mode off")
        .help("set `appliance_mode: true` on it"),
    );
}

/// TW011: one VPC block propagated by two attachments into `table`.
fn propagation_conflicts(c: &mut Checker, table: &TransitGatewayRouteTable) {
    let m = c.model;
    let mut first: HashMap<String, &Ref<TransitGatewayAttachment>> = HashMap::new();
    for a in &table.propagations {
        let attachment = &m.transit_gateway_attachments[a.id];
        for block in m.vpcs[attachment.vpc.id].blocks() {
            let key = block.to_string();
            match first.get(&key) {
                Some(earlier) if earlier.id != a.id => {
                    let earlier = &m.transit_gateway_attachments[earlier.id].common.address;
                    c.push(
                        Diagnostic::new(
                            Rule::TransitGatewayPropagationConflict,
                            format!(
                                "{earlier} and {} both propagate {key} into {}",
                                attachment.common.address, table.common.address
                            ),
                        )
                        .detail("AWS accepts it, but keeps the first route: the second VPC's block is unreachable through the gateway")
                        .resource(&table.common.address)
                        .resource(&attachment.common.address)
                        .at(a.span, "second propagation of the block")
                        .help("give the VPCs distinct blocks, or propagate them into different tables"),
                    );
                }
                Some(_) => {}
                None => {
                    first.insert(key, a);
                }
            }
        }
    }
}
