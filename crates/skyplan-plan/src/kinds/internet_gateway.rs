//! `internet_gateway`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::InternetGateway {
    type Node = model::InternetGateway;

    fn desired(b: &mut Builder, id: Id<model::InternetGateway>) -> (Address, Self) {
        let m = b.m;
        let r = &m.internet_gateways[id];
        let a = attrs::InternetGateway {
            tags: r.common.tags.clone(),
            vpc: b.vpc(r.vpc),
        };
        (declared(Kind::InternetGateway, &r.common.name), a)
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
