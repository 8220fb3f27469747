//! `vpc_peering`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct VpcPeering {
    pub common: Common,
    pub vpc: Ref<Vpc>,
    pub peer_vpc: Ref<Vpc>,
}

impl VpcPeering {
    /// The other side of the peering from `vpc`, if `vpc` takes part.
    pub fn peer_of(&self, vpc: VpcId) -> Option<VpcId> {
        if self.vpc.id == vpc {
            Some(self.peer_vpc.id)
        } else if self.peer_vpc.id == vpc {
            Some(self.vpc.id)
        } else {
            None
        }
    }
}

impl Resolver<'_> {
    pub(crate) fn vpc_peerings(&mut self, m: &mut Model, decls: Vec<Decl<VpcPeeringSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::VpcPeering, d.name, &d.tags);
            let vpc = self.lookup::<Vpc>(&a.vpc, "vpc", &common.address);
            let peer = self.lookup::<Vpc>(&a.peer_vpc, "peer_vpc", &common.address);
            let (Some(vpc), Some(peer_vpc)) = (vpc, peer) else {
                continue;
            };
            self.register(Kind::VpcPeering, &common, m.vpc_peerings.len());
            m.vpc_peerings.push(VpcPeering {
                common,
                vpc,
                peer_vpc,
            });
        }
    }
}

takes_nothing!(VpcPeering);

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.vpc_peerings.iter().enumerate() {
        let me = node(Kind::VpcPeering, i);
        depends(g, me, r.vpc, "vpc");
        depends(g, me, r.peer_vpc, "peer_vpc");
    }
}
