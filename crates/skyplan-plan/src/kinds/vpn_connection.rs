//! `vpn_connection`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::VpnConnection {
    type Node = model::VpnConnection;

    fn desired(b: &mut Builder, id: Id<model::VpnConnection>) -> (Address, Self) {
        let m = b.m;
        let r = &m.vpn_connections[id];
        let customer = &m.customer_gateways[r.customer_gateway.id].common.name;
        let (vpn_gateway, transit_gateway) = match r.end {
            model::VpnEnd::VpnGateway(g) => {
                let name = &m.vpn_gateways[g.id].common.name;
                (Some(b.reference(declared(Kind::VpnGateway, name))), None)
            }
            model::VpnEnd::TransitGateway(g) => {
                let name = &m.transit_gateways[g.id].common.name;
                (
                    None,
                    Some(b.reference(declared(Kind::TransitGateway, name))),
                )
            }
        };
        let a = attrs::VpnConnection {
            customer_gateway: b.reference(declared(Kind::CustomerGateway, customer)),
            static_routes: r.static_routes.iter().map(cidr_text).collect(),
            static_routes_only: r.static_routes_only,
            tags: r.common.tags.clone(),
            transit_gateway,
            tunnel_inside_cidrs: r.tunnel_inside_cidrs.iter().map(cidr_text).collect(),
            vpn_gateway,
        };
        (declared(Kind::VpnConnection, &r.common.name), a)
    }

    // Static routes and tunnel options change in place
    // (CreateVpnConnectionRoute, ModifyVpnTunnelOptions).
    computes_nothing!();

    conflicts_with_nothing!();
}
