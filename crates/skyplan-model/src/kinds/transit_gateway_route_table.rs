//! `transit_gateway_route_table`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// Where a transit gateway's static route sends its destination.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TransitRouteTarget {
    Attachment(Ref<TransitGatewayAttachment>),
    VpnConnection(Ref<VpnConnection>),
    DxGateway(Ref<DxGateway>),
    /// `blackhole: true`, where it is written: the gateway drops it.
    Blackhole(Span),
}

impl TransitRouteTarget {
    /// Its key in a route.
    pub fn key(self) -> &'static str {
        match self {
            TransitRouteTarget::Attachment(_) => "attachment",
            TransitRouteTarget::VpnConnection(_) => "vpn_connection",
            TransitRouteTarget::DxGateway(_) => "dx_gateway",
            TransitRouteTarget::Blackhole(_) => "blackhole",
        }
    }

    pub fn span(self) -> Span {
        match self {
            TransitRouteTarget::Attachment(r) => r.span,
            TransitRouteTarget::VpnConnection(r) => r.span,
            TransitRouteTarget::DxGateway(r) => r.span,
            TransitRouteTarget::Blackhole(span) => span,
        }
    }
}

/// A static route of a transit gateway route table.
#[derive(Clone, Debug, PartialEq)]
pub struct TransitRoute {
    pub span: Span,
    pub destination: CidrAny,
    /// Every target written; exactly one is valid (checked by TW008).
    pub targets: Vec<TransitRouteTarget>,
}

impl TransitRoute {
    /// The single target, when there is exactly one.
    pub fn target(&self) -> Option<TransitRouteTarget> {
        match self.targets.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }
}

/// A transit gateway route table.
#[derive(Clone, Debug, PartialEq)]
pub struct TransitGatewayRouteTable {
    pub common: Common,
    pub transit_gateway: Ref<TransitGateway>,
    pub associations: Vec<Ref<TransitGatewayAttachment>>,
    pub vpn_associations: Vec<Ref<VpnConnection>>,
    pub propagations: Vec<Ref<TransitGatewayAttachment>>,
    pub vpn_propagations: Vec<Ref<VpnConnection>>,
    pub dx_associations: Vec<Ref<DxGateway>>,
    pub dx_propagations: Vec<Ref<DxGateway>>,
    pub routes: Vec<TransitRoute>,
}

impl Resolver<'_> {
    pub(crate) fn transit_gateway_route_tables(
        &mut self,
        m: &mut Model,
        decls: Vec<Decl<TransitGatewayRouteTableSpec>>,
    ) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::TransitGatewayRouteTable, d.name, &d.tags);
            let from = common.address.clone();
            // Every reference is resolved (and reported) before a failure
            // drops the table.
            let gateway =
                self.lookup::<TransitGateway>(&a.transit_gateway, "transit_gateway", &from);
            let associations = self.lookup_all(&a.associations, "associations", &from);
            let vpn_associations = self.lookup_all(&a.vpn_associations, "vpn_associations", &from);
            let propagations = self.lookup_all(&a.propagations, "propagations", &from);
            let vpn_propagations = self.lookup_all(&a.vpn_propagations, "vpn_propagations", &from);
            let dx_associations = self.lookup_all(&a.dx_associations, "dx_associations", &from);
            let dx_propagations = self.lookup_all(&a.dx_propagations, "dx_propagations", &from);
            let routes_written = a.routes.len();
            let routes: Vec<TransitRoute> = (a.routes.into_iter())
                .map(|r| self.transit_route(r, &from))
                .collect::<Vec<_>>()
                .into_iter()
                .flatten()
                .collect();
            let resolved = associations.len() == a.associations.len()
                && vpn_associations.len() == a.vpn_associations.len()
                && propagations.len() == a.propagations.len()
                && vpn_propagations.len() == a.vpn_propagations.len()
                && dx_associations.len() == a.dx_associations.len()
                && dx_propagations.len() == a.dx_propagations.len()
                && routes.len() == routes_written;
            let Some(transit_gateway) = gateway.filter(|_| resolved) else {
                m.dropped_transit_tables.push(gateway.map(|g| g.id));
                continue;
            };
            self.register(
                Kind::TransitGatewayRouteTable,
                &common,
                m.transit_gateway_route_tables.len(),
            );
            m.transit_gateway_route_tables
                .push(TransitGatewayRouteTable {
                    common,
                    transit_gateway,
                    associations,
                    vpn_associations,
                    propagations,
                    vpn_propagations,
                    dx_associations,
                    dx_propagations,
                    routes,
                });
        }
    }

    /// A static route with every target resolved, or none (each failure
    /// reported).
    fn transit_route(&mut self, r: TransitRouteSpec, from: &str) -> Option<TransitRoute> {
        let written = r.targets.len();
        let targets: Vec<TransitRouteTarget> = (r.targets.iter())
            .filter_map(|t| match t {
                TransitRouteTargetSpec::Attachment(name) => self
                    .lookup(name, "attachment", from)
                    .map(TransitRouteTarget::Attachment),
                TransitRouteTargetSpec::VpnConnection(name) => self
                    .lookup(name, "vpn_connection", from)
                    .map(TransitRouteTarget::VpnConnection),
                TransitRouteTargetSpec::DxGateway(name) => self
                    .lookup(name, "dx_gateway", from)
                    .map(TransitRouteTarget::DxGateway),
                TransitRouteTargetSpec::Blackhole(span) => {
                    Some(TransitRouteTarget::Blackhole(*span))
                }
            })
            .collect();
        (targets.len() == written).then(|| TransitRoute {
            span: r.span,
            destination: cidr_any(r.destination),
            targets,
        })
    }
}

takes_nothing!(TransitGatewayRouteTable);

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.transit_gateway_route_tables.iter().enumerate() {
        let me = node(Kind::TransitGatewayRouteTable, i);
        depends(g, me, r.transit_gateway, "transit_gateway");
        for a in &r.associations {
            depends(g, me, *a, "associations");
        }
        for v in &r.vpn_associations {
            depends(g, me, *v, "vpn_associations");
        }
        for a in &r.propagations {
            depends(g, me, *a, "propagations");
        }
        for v in &r.vpn_propagations {
            depends(g, me, *v, "vpn_propagations");
        }
        for x in &r.dx_associations {
            depends(g, me, *x, "dx_associations");
        }
        for x in &r.dx_propagations {
            depends(g, me, *x, "dx_propagations");
        }
        for (k, route) in r.routes.iter().enumerate() {
            for target in &route.targets {
                let field = format!("routes[{k}].{}", target.key());
                match *target {
                    TransitRouteTarget::Attachment(a) => depends(g, me, a, field),
                    TransitRouteTarget::VpnConnection(v) => depends(g, me, v, field),
                    TransitRouteTarget::DxGateway(x) => depends(g, me, x, field),
                    TransitRouteTarget::Blackhole(_) => {}
                }
            }
        }
    }
}
