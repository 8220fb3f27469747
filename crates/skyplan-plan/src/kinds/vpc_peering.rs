//! `vpc_peering`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::VpcPeering {
    type Node = model::VpcPeering;

    fn desired(b: &mut Builder, id: Id<model::VpcPeering>) -> (Address, Self) {
        let m = b.m;
        let r = &m.vpc_peerings[id];
        let vpc = b.vpc(r.vpc);
        let a = attrs::VpcPeering {
            peer_vpc: b.vpc(r.peer_vpc),
            tags: r.common.tags.clone(),
            vpc,
        };
        (declared(Kind::VpcPeering, &r.common.name), a)
    }

    fn conflicts(&self, before: &Self) -> bool {
        // One peering per pair of VPCs.
        (before.vpc == self.vpc && before.peer_vpc == self.peer_vpc)
            || (before.vpc == self.peer_vpc && before.peer_vpc == self.vpc)
    }

    computes_nothing!();
}
