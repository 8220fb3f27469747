//! `nat_gateway`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::NatGateway {
    type Node = model::NatGateway;

    fn desired(b: &mut Builder, id: Id<model::NatGateway>) -> (Address, Self) {
        let m = b.m;
        let r = &m.nat_gateways[id];
        let subnet = b.subnet(r.subnet);
        let a = attrs::NatGateway {
            connectivity: if r.public {
                NatConnectivity::Public
            } else {
                NatConnectivity::Private
            },
            elastic_ip: r.elastic_ip.map(|e| b.eip(e)),
            private_ip_address: None,
            public_ip_address: None,
            subnet,
            tags: r.common.tags.clone(),
        };
        (declared(Kind::NatGateway, &r.common.name), a)
    }

    fn unknown_after(&self, names: &mut Vec<&'static str>) {
        names.push("private_ip_address");
        if self.elastic_ip.is_some() {
            names.push("public_ip_address");
        }
    }

    fn conflicts(&self, before: &Self) -> bool {
        // The same allocation: Resource.AlreadyAssociated.
        both(&before.elastic_ip, &self.elastic_ip)
    }

    fn create(&mut self, sim: &mut Simulator, new: &mut New) -> Result<Vec<Address>, ApplyError> {
        let private = sim.place(&self.subnet, None, new.address)?;
        self.private_ip_address = Some(private);
        self.public_ip_address = sim.elastic_address(self.elastic_ip.as_ref(), None);
        Ok(vec![self.subnet.clone()])
    }

    updates_configuration_only!();
}
