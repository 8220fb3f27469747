//! `subnet`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::Subnet {
    type Node = model::Subnet;

    fn desired(b: &mut Builder, id: Id<model::Subnet>) -> (Address, Self) {
        let m = b.m;
        let r = &m.subnets[id];
        let a = attrs::Subnet {
            available_ip_count: None,
            assign_ipv6_on_creation: Kind::Subnet.schema().or_default(
                r.assign_ipv6_on_creation.as_ref(),
                "assign_ipv6_on_creation",
            ),
            az: r.az.value.clone(),
            cidr: cidr_text(&r.cidr),
            ipv6_cidr: r.ipv6_cidr.as_ref().map(cidr_text),
            ipv6_cidr_block: None,
            ipv6_index: r.ipv6_index.as_ref().map(|i| i.value),
            public_ip_on_launch: r.public_ip_on_launch,
            tags: r.common.tags.clone(),
            vpc: b.vpc(r.vpc),
        };
        (declared(Kind::Subnet, &r.common.name), a)
    }

    fn unknown_after(&self, names: &mut Vec<&'static str>) {
        names.push("available_ip_count");
        if self.ipv6_index.is_some() || self.ipv6_cidr.is_some() {
            names.push("ipv6_cidr_block");
        }
    }

    fn conflicts(&self, before: &Self) -> bool {
        // The same block in the same VPC: InvalidSubnet.Conflict.
        before.cidr == self.cidr && before.vpc == self.vpc
    }

    fn create(&mut self, sim: &mut Simulator, new: &mut New) -> Result<Vec<Address>, ApplyError> {
        let free = usable(&self.cidr).saturating_sub(sim.occupied(new.address));
        self.available_ip_count = Some(free);
        self.ipv6_cidr_block = sim.subnet_ipv6(self, new.address)?;
        Ok(vec![])
    }

    fn update(
        &mut self,
        sim: &mut Simulator,
        old: &ResourceState,
        address: &Address,
    ) -> Result<Follow, ApplyError> {
        let mut follow = None;
        let free = usable(&self.cidr).saturating_sub(sim.occupied(address));
        self.available_ip_count = Some(free);
        self.ipv6_cidr_block = sim.subnet_ipv6(self, address)?;
        if let Attributes::Subnet(before) = &old.attributes
            && before.ipv6_cidr_block != self.ipv6_cidr_block
        {
            follow = Some((None, vec![address.clone()]));
        }
        Ok(follow)
    }
}
