//! `vpn_gateway`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::VpnGateway {
    type Node = model::VpnGateway;

    fn desired(b: &mut Builder, id: Id<model::VpnGateway>) -> (Address, Self) {
        let m = b.m;
        let r = &m.vpn_gateways[id];
        let a = attrs::VpnGateway {
            amazon_side_asn: r.asn(),
            tags: r.common.tags.clone(),
            vpc: b.vpc(r.vpc),
        };
        (declared(Kind::VpnGateway, &r.common.name), a)
    }

    // Moving it to another VPC detaches and attaches it in place.
    computes_nothing!();

    conflicts_with_nothing!();
}
