//! `transit_gateway_route_table`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::TransitGatewayRouteTable {
    type Node = model::TransitGatewayRouteTable;

    fn desired(b: &mut Builder, id: Id<model::TransitGatewayRouteTable>) -> (Address, Self) {
        let m = b.m;
        let r = &m.transit_gateway_route_tables[id];
        let gateway = &m.transit_gateways[r.transit_gateway.id].common.name;
        let attachment = |b: &mut Builder, a: model::Ref<model::TransitGatewayAttachment>| {
            let name = &m.transit_gateway_attachments[a.id].common.name;
            b.reference(declared(Kind::TransitGatewayAttachment, name))
        };
        let vpn = |b: &mut Builder, v: model::Ref<model::VpnConnection>| {
            b.reference(declared(
                Kind::VpnConnection,
                &m.vpn_connections[v.id].common.name,
            ))
        };
        let dx = |b: &mut Builder, x: &model::Ref<model::DxGateway>| {
            b.reference(declared(Kind::DxGateway, &m.dx_gateways[x.id].common.name))
        };
        let routes = (r.routes.iter())
            .map(|route| {
                let mut out = attrs::TransitRoute {
                    attachment: None,
                    blackhole: false,
                    destination: cidr_text(&route.destination),
                    dx_gateway: None,
                    vpn_connection: None,
                };
                for target in &route.targets {
                    match *target {
                        model::TransitRouteTarget::Attachment(a) => {
                            out.attachment = Some(attachment(b, a));
                        }
                        model::TransitRouteTarget::VpnConnection(v) => {
                            out.vpn_connection = Some(vpn(b, v));
                        }
                        model::TransitRouteTarget::DxGateway(x) => {
                            out.dx_gateway = Some(dx(b, &x));
                        }
                        model::TransitRouteTarget::Blackhole(_) => out.blackhole = true,
                    }
                }
                out
            })
            .collect();
        let a = attrs::TransitGatewayRouteTable {
            associations: r.associations.iter().map(|a| attachment(b, *a)).collect(),
            dx_associations: r.dx_associations.iter().map(|x| dx(b, x)).collect(),
            dx_propagations: r.dx_propagations.iter().map(|x| dx(b, x)).collect(),
            propagations: r.propagations.iter().map(|a| attachment(b, *a)).collect(),
            routes,
            tags: r.common.tags.clone(),
            transit_gateway: b.reference(declared(Kind::TransitGateway, gateway)),
            vpn_associations: r.vpn_associations.iter().map(|v| vpn(b, *v)).collect(),
            vpn_propagations: r.vpn_propagations.iter().map(|v| vpn(b, *v)).collect(),
        };
        (declared(Kind::TransitGatewayRouteTable, &r.common.name), a)
    }

    // Associations, propagations and static routes change in place
    // (Associate/Disassociate, Enable/Disable propagation, Create/Delete
    // route); the gateway is force-new by the kind table.
    computes_nothing!();

    conflicts_with_nothing!();
}
