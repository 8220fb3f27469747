//! `db_subnet_group`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::DbSubnetGroup {
    type Node = model::DbSubnetGroup;

    fn desired(b: &mut Builder, id: Id<model::DbSubnetGroup>) -> (Address, Self) {
        let m = b.m;
        let r = &m.db_subnet_groups[id];
        let a = attrs::DbSubnetGroup {
            description: r.description.clone(),
            subnets: b.subnets(&r.subnets),
            tags: r.common.tags.clone(),
        };
        (declared(Kind::DbSubnetGroup, &r.common.name), a)
    }

    /// AWS computes nothing for it but its id.
    fn unknown_after(&self, _: &mut Vec<&'static str>) {}

    fn conflicts(&self, _: &Self) -> bool {
        // Names are unique per region and account: the old one goes first.
        true
    }

    fn create(&mut self, sim: &mut Simulator, new: &mut New) -> Result<Vec<Address>, ApplyError> {
        // RDS keeps the name in lower case; the ARN ends with it.
        let name = new.address.name.to_lowercase();
        let region = sim.region_of_subnets(&self.subnets);
        new.id = format!(
            "arn:{}:rds:{region}:{ACCOUNT}:subgrp:{name}",
            partition::of(&region)
        );
        Ok(vec![])
    }

    // Its description and subnets change in place (ModifyDBSubnetGroup).
    updates_configuration_only!();
}
