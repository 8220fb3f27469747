//! `transit_gateway`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::TransitGateway {
    type Node = model::TransitGateway;

    fn desired(b: &mut Builder, id: Id<model::TransitGateway>) -> (Address, Self) {
        let r = &b.m.transit_gateways[id];
        let a = attrs::TransitGateway {
            amazon_side_asn: r.asn(),
            auto_accept_shared_attachments: r.auto_accept_shared_attachments,
            cidr_blocks: r.cidr_blocks.iter().map(cidr_text).collect(),
            default_route_table_association: r.default_route_table_association,
            default_route_table_propagation: r.default_route_table_propagation,
            description: r.description.as_ref().map(|d| d.value.clone()),
            dns_support: r.dns_support,
            multicast_support: r.multicast_support,
            region: r
                .region
                .as_ref()
                .map(|s| s.value.clone())
                .unwrap_or_default(),
            tags: r.common.tags.clone(),
            vpn_ecmp_support: r.vpn_ecmp_support,
        };
        (declared(Kind::TransitGateway, &r.common.name), a)
    }

    // Every option but multicast (force-new) changes in place
    // (ModifyTransitGateway).
    computes_nothing!();

    conflicts_with_nothing!();
}
