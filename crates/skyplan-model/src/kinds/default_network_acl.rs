//! `default_network_acl`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// A VPC's default network ACL, taken over: `acl` holds its address
/// (`default_network_acl.VPC`) and entries; its `subnets` are empty (every
/// subnet no other ACL lists uses it).
#[derive(Clone, Debug, PartialEq)]
pub struct DefaultNetworkAcl {
    pub acl: NetworkAcl,
}

impl Resolver<'_> {
    /// The ACLs the VPCs take over.
    pub(crate) fn default_network_acls(&mut self, m: &mut Model) {
        let kind = Kind::DefaultNetworkAcl;
        let taken = self.taken_over(m, kind, |d| {
            d.network_acl.take().map(|a| {
                let key = a.span;
                (a, key)
            })
        });
        for (vpc, common, a) in taken {
            self.register(kind, &common, m.default_network_acls.len());
            m.default_network_acls.push(DefaultNetworkAcl {
                acl: NetworkAcl {
                    common,
                    vpc,
                    subnets: Vec::new(),
                    ingress: a.ingress.into_iter().map(nacl_entry).collect(),
                    egress: a.egress.into_iter().map(nacl_entry).collect(),
                },
            });
        }
    }
}

takes_nothing!(DefaultNetworkAcl);

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.default_network_acls.iter().enumerate() {
        depends(g, node(Kind::DefaultNetworkAcl, i), r.acl.vpc, "vpc");
    }
}
