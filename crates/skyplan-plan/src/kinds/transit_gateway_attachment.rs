//! `transit_gateway_attachment`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::TransitGatewayAttachment {
    type Node = model::TransitGatewayAttachment;

    fn desired(b: &mut Builder, id: Id<model::TransitGatewayAttachment>) -> (Address, Self) {
        let m = b.m;
        let r = &m.transit_gateway_attachments[id];
        let gateway = &m.transit_gateways[r.transit_gateway.id].common.name;
        let a = attrs::TransitGatewayAttachment {
            appliance_mode: r.appliance_mode,
            dns_support: r.dns_support,
            ipv6_support: r.ipv6_support,
            private_ip_addresses: Vec::new(),
            subnets: b.subnets(&r.subnets),
            tags: r.common.tags.clone(),
            transit_gateway: b.reference(declared(Kind::TransitGateway, gateway)),
            vpc: b.vpc(r.vpc),
        };
        (declared(Kind::TransitGatewayAttachment, &r.common.name), a)
    }

    fn unknown_after(&self, names: &mut Vec<&'static str>) {
        names.push("private_ip_addresses");
    }

    fn conflicts(&self, before: &Self) -> bool {
        // One attachment per VPC and gateway.
        before.vpc == self.vpc && before.transit_gateway == self.transit_gateway
    }

    addresses_in_its_subnets!();
}
