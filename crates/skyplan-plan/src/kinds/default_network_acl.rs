//! `default_network_acl`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::DefaultNetworkAcl {
    type Node = model::DefaultNetworkAcl;

    fn desired(b: &mut Builder, id: Id<model::DefaultNetworkAcl>) -> (Address, Self) {
        let m = b.m;
        let r = &m.default_network_acls[id].acl;
        let a = attrs::DefaultNetworkAcl {
            egress: r.egress.iter().map(nacl_entry).collect(),
            ingress: r.ingress.iter().map(nacl_entry).collect(),
            tags: r.common.tags.clone(),
            vpc: b.vpc(r.vpc),
        };
        (declared(Kind::DefaultNetworkAcl, &r.common.name), a)
    }

    computes_nothing!();

    conflicts_with_nothing!();
}
