//! `elastic_ip`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::ElasticIp {
    type Node = model::ElasticIp;

    fn desired(b: &mut Builder, id: Id<model::ElasticIp>) -> (Address, Self) {
        let m = b.m;
        let r = &m.elastic_ips[id];
        let a = attrs::ElasticIp {
            public_ip_address: None,
            tags: r.common.tags.clone(),
        };
        (declared(Kind::ElasticIp, &r.common.name), a)
    }

    fn unknown_after(&self, names: &mut Vec<&'static str>) {
        names.push("public_ip_address");
    }

    fn create(&mut self, sim: &mut Simulator, _: &mut New) -> Result<Vec<Address>, ApplyError> {
        self.public_ip_address = Some(sim.allocate_public()?);
        Ok(vec![])
    }

    updates_configuration_only!();

    conflicts_with_nothing!();
}
