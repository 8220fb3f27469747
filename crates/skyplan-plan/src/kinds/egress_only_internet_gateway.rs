//! `egress_only_internet_gateway`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::EgressOnlyInternetGateway {
    type Node = model::EgressOnlyInternetGateway;

    fn desired(b: &mut Builder, id: Id<model::EgressOnlyInternetGateway>) -> (Address, Self) {
        let m = b.m;
        let r = &m.egress_only_internet_gateways[id];
        let a = attrs::EgressOnlyInternetGateway {
            tags: r.common.tags.clone(),
            vpc: b.vpc(r.vpc),
        };
        (declared(Kind::EgressOnlyInternetGateway, &r.common.name), a)
    }

    /// AWS computes nothing for it but its id.
    fn unknown_after(&self, _: &mut Vec<&'static str>) {}

    fn conflicts(&self, before: &Self) -> bool {
        // One egress-only gateway per VPC.
        before.vpc == self.vpc
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
