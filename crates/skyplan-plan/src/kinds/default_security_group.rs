//! `default_security_group`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::DefaultSecurityGroup {
    type Node = model::DefaultSecurityGroup;

    fn desired(b: &mut Builder, id: Id<model::DefaultSecurityGroup>) -> (Address, Self) {
        let m = b.m;
        let r = &m.default_security_groups[id].group;
        let vpc = b.vpc(r.vpc);
        let ingress = r.ingress.iter().map(|x| b.sg_rule(x, None)).collect();
        let egress = r
            .egress
            .iter()
            .flatten()
            .map(|x| b.sg_rule(x, None))
            .collect();
        let a = attrs::DefaultSecurityGroup {
            egress,
            ingress,
            tags: r.common.tags.clone(),
            vpc,
        };
        (declared(Kind::DefaultSecurityGroup, &r.common.name), a)
    }

    /// AWS computes nothing for it but its id.
    fn unknown_after(&self, _: &mut Vec<&'static str>) {}

    /// Two of them coexist while one replaces the other.
    fn conflicts(&self, _: &Self) -> bool {
        false
    }

    /// It holds no address and AWS computes nothing for it.
    fn create(&mut self, _: &mut Simulator, _: &mut New) -> Result<Vec<Address>, ApplyError> {
        Ok(Vec::new())
    }

    /// An update changes configuration only.
    fn update(
        &mut self,
        _: &mut Simulator,
        _: &ResourceState,
        _: &Address,
    ) -> Result<Follow, ApplyError> {
        Ok(None)
    }
}
