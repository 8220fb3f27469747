//! `customer_gateway`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::CustomerGateway {
    type Node = model::CustomerGateway;

    fn desired(b: &mut Builder, id: Id<model::CustomerGateway>) -> (Address, Self) {
        let r = &b.m.customer_gateways[id];
        let a = attrs::CustomerGateway {
            bgp_asn: r.asn(),
            ip_address: r.ip_address.value.clone(),
            networks: r.networks.iter().map(cidr_text).collect(),
            region: r
                .region
                .as_ref()
                .map(|s| s.value.clone())
                .unwrap_or_default(),
            tags: r.common.tags.clone(),
        };
        (declared(Kind::CustomerGateway, &r.common.name), a)
    }

    fn conflicts(&self, before: &Self) -> bool {
        // AWS answers a create with the address and ASN of an existing
        // gateway of the region with that gateway: the old one goes first.
        before.ip_address == self.ip_address
            && before.bgp_asn == self.bgp_asn
            && before.region == self.region
    }

    computes_nothing!();
}
