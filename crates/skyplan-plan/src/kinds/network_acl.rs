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

    computes_nothing!();

    conflicts_with_nothing!();
}
