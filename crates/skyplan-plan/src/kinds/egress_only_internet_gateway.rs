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

    fn conflicts(&self, before: &Self) -> bool {
        // One egress-only gateway per VPC.
        before.vpc == self.vpc
    }

    computes_nothing!();
}
