//! `db_instance`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::DbInstance {
    type Node = model::DbInstance;

    fn desired(b: &mut Builder, id: Id<model::DbInstance>) -> (Address, Self) {
        let m = b.m;
        let r = &m.db_instances[id];
        let group = &m.db_subnet_groups[r.subnet_group.id];
        let a = attrs::DbInstance {
            allocated_storage: r.allocated_storage(),
            availability_zone: r.availability_zone.as_ref().map(|z| z.value.clone()),
            endpoint: None,
            engine: r.engine.value.as_str().into(),
            instance_class: r.instance_class.value.clone(),
            iops: r.iops.as_ref().map(|i| i.value),
            multi_az: r.multi_az(),
            port: r.port(),
            publicly_accessible: r.publicly_accessible(),
            security_groups: r
                .security_groups
                .iter()
                .map(|g| b.security_group(*g))
                .collect(),
            storage_type: r.storage_type(),
            subnet_group: b.reference(declared(Kind::DbSubnetGroup, &group.common.name)),
            tags: r.common.tags.clone(),
        };
        (declared(Kind::DbInstance, &r.common.name), a)
    }

    fn unknown_after(&self, names: &mut Vec<&'static str>) {
        names.push("endpoint");
    }

    fn conflicts(&self, _: &Self) -> bool {
        // Identifiers are unique per region and account: the old one goes
        // first.
        true
    }

    fn create(&mut self, sim: &mut Simulator, new: &mut New) -> Result<Vec<Address>, ApplyError> {
        // RDS keeps identifiers in lower case; the ARN and endpoint use it.
        let name = new.address.name.to_lowercase();
        let subnets = match sim.state().get(&self.subnet_group).map(|r| &r.attributes) {
            Some(Attributes::DbSubnetGroup(g)) => g.subnets.clone(),
            _ => Vec::new(),
        };
        let region = sim.region_of_subnets(&subnets);
        let partition = partition::of(&region);
        new.id = format!("arn:{partition}:rds:{region}:{ACCOUNT}:db:{name}");
        let hash = &new.digest[..12];
        let suffix = partition::dns_suffix(&region);
        // China's endpoints put `rds` before the region.
        self.endpoint = Some(if partition == "aws-cn" {
            format!("{name}.{hash}.rds.{region}.{suffix}")
        } else {
            format!("{name}.{hash}.{region}.rds.{suffix}")
        });
        Ok(vec![])
    }

    // Class, storage, port, groups, Multi-AZ and public access change in
    // place (ModifyDBInstance); its engine and AZ are force-new.
    updates_configuration_only!();
}
