//! `network_acl`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::NetworkAcl {
    type Node = model::NetworkAcl;

    fn desired(b: &mut Builder, id: Id<model::NetworkAcl>) -> (Address, Self) {
        let m = b.m;
        let r = &m.network_acls[id];
        let vpc = b.vpc(r.vpc);
        let a = attrs::NetworkAcl {
            egress: r.egress.iter().map(nacl_entry).collect(),
            ingress: r.ingress.iter().map(nacl_entry).collect(),
            subnets: b.subnets(&r.subnets),
            tags: r.common.tags.clone(),
            vpc,
        };
        (declared(Kind::NetworkAcl, &r.common.name), a)
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
