//! `vpc`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::Vpc {
    type Node = model::Vpc;

    fn desired(b: &mut Builder, id: Id<model::Vpc>) -> (Address, Self) {
        let m = b.m;
        let r = &m.vpcs[id];
        let dhcp_options = r.dhcp_options.map(|o| {
            let name = &m.dhcp_options[o.id].common.name;
            b.reference(declared(Kind::DhcpOptions, name))
        });
        let a = attrs::Vpc {
            cidr: cidr_text(&r.cidr),
            dhcp_options,
            dns_hostnames: r.dns_hostnames,
            dns_support: r.dns_support,
            ipv6: Kind::Vpc.schema().or_default(r.ipv6.as_ref(), "ipv6"),
            ipv6_cidr: r.ipv6_cidr.as_ref().map(cidr_text),
            ipv6_cidr_block: None,
            region: r.region.as_ref().map(|s| s.value.clone()),
            secondary_cidrs: r.secondary_cidrs.iter().map(cidr_text).collect(),
            tags: r.common.tags.clone(),
            tenancy: r.tenancy,
        };
        (declared(Kind::Vpc, &r.common.name), a)
    }

    fn unknown_after(&self, names: &mut Vec<&'static str>) {
        if self.ipv6 || self.ipv6_cidr.is_some() {
            names.push("ipv6_cidr_block");
        }
    }

    fn create(&mut self, sim: &mut Simulator, new: &mut New) -> Result<Vec<Address>, ApplyError> {
        sim.vpc_ipv6(self, new.address)?;
        Ok(vec![])
    }

    fn update(
        &mut self,
        sim: &mut Simulator,
        old: &ResourceState,
        address: &Address,
    ) -> Result<Follow, ApplyError> {
        let mut follow = None;
        sim.vpc_ipv6(self, address)?;
        if let Attributes::Vpc(before) = &old.attributes
            && before.ipv6_cidr_block != self.ipv6_cidr_block
        {
            follow = Some((Some(address.clone()), Vec::new()));
        }
        Ok(follow)
    }

    conflicts_with_nothing!();
}
