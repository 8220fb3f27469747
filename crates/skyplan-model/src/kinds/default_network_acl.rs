//! `default_network_acl`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// A VPC's default network ACL, taken over: `acl` holds its address
/// (`default_network_acl.VPC`) and entries; its `subnets` are empty (every
/// subnet no other ACL lists uses it).
#[derive(Clone, Debug, PartialEq)]
pub struct DefaultNetworkAcl {
    pub acl: NetworkAcl,
}

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.default_network_acls.iter().enumerate() {
        depends(g, node(Kind::DefaultNetworkAcl, i), r.acl.vpc, "vpc");
    }
}
