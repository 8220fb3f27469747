//! `default_security_group`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::DefaultSecurityGroup {
    type Node = model::DefaultSecurityGroup;

    fn desired(b: &mut Builder, id: Id<model::DefaultSecurityGroup>) -> (Address, Self) {
        let m = b.m;
        let r = &m.default_security_groups[id].group;
        let vpc = b.vpc(r.vpc);
        let ingress = r
            .ingress
            .iter()
            .flat_map(|x| b.sg_rule(x, None).each_block())
            .collect();
        let egress = r
            .egress
            .iter()
            .flatten()
            .flat_map(|x| b.sg_rule(x, None).each_block())
            .collect();
        let a = attrs::DefaultSecurityGroup {
            egress,
            ingress,
            tags: r.common.tags.clone(),
            vpc,
        };
        (declared(Kind::DefaultSecurityGroup, &r.common.name), a)
    }

    computes_nothing!();

    conflicts_with_nothing!();
}
