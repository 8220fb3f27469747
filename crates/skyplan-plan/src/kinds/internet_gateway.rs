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

    computes_nothing!();

    conflicts_with_nothing!();
}
